//! The platforms' analytics exports (`/pemilihan/{id}/medsos/analitik`):
//! an upload form (multipart, the CSRF token before the file), and an
//! account's series per day as a table and a small chart drawn on the
//! server (inline SVG, no script). Scripts post the raw file to
//! `POST /api/v1/pemilihan/{id}/medsos/analitik?akun=…&nama=…`.
//! The file is read by `Posko::impor_analitik_medsos`; a bad cell
//! refuses the whole file, naming line and column.

use axum::extract::Request;
use posko_app::medsos::{ANALITIK_MAKS, HariAnalitik, deret_analitik};

use super::*;

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = Izin(I::LihatMedsos, Sasaran::PemilihanUtuh);
    let tulis = Izin(I::TulisMedsos, Sasaran::PemilihanUtuh);
    let batas = ANALITIK_MAKS + 64 * 1024;
    r.add(
        "GET",
        "/pemilihan/{id}/medsos/analitik",
        "/pemilihan/{id}/medsos/analitik",
        lihat,
        get(halaman),
    )
    .add_dengan_batas(
        "POST",
        "/pemilihan/{id}/medsos/analitik",
        "/pemilihan/{id}/medsos/analitik",
        tulis,
        batas,
        post(unggah),
    )
    .add_dengan_batas(
        "POST",
        "/api/v1/pemilihan/{id}/medsos/analitik",
        "/api/v1/pemilihan/{id}/medsos/analitik",
        tulis,
        batas,
        post(api_impor_analitik),
    )
}

struct PilihanAkun {
    id: String,
    label: String,
    href: String,
    aktif: bool,
    impor: usize,
}

struct BarisHari {
    tanggal: String,
    jangkauan: String,
    tayangan: String,
    interaksi: String,
    baris: usize,
    /// What the calendar posted on this account that day: (link, title).
    konten: Vec<(String, String)>,
}

struct BarisImpor {
    nama: String,
    oleh: String,
    waktu: String,
    baris: usize,
    sha: String,
}

#[derive(Template)]
#[template(path = "medsos_analitik.html")]
struct Halaman {
    judul: String,
    dasar: String,
    csrf: String,
    akun: Vec<PilihanAkun>,
    dipilih: Option<String>,
    hari: Vec<BarisHari>,
    grafik: String,
    impor: Vec<BarisImpor>,
    boleh_tulis: bool,
    /// Why the last upload was refused (file, line, column each).
    masalah: Vec<String>,
}

#[derive(Deserialize)]
struct KueriAkun {
    #[serde(default)]
    akun: String,
}

fn opsi(n: Option<u64>) -> String {
    n.map(crate::format::ribuan).unwrap_or_default()
}

/// Reach as bars and engagement as a line, each on its own scale, one
/// slot per day shown; a `<title>` per bar names the day and the figures.
fn grafik(hari: &[HariAnalitik]) -> String {
    if hari.is_empty() {
        return String::new();
    }
    const W: f64 = 600.0;
    const H: f64 = 160.0;
    let n = hari.len() as f64;
    let slot = W / n;
    let maks_j = hari
        .iter()
        .filter_map(|h| h.jangkauan)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let maks_i = hari
        .iter()
        .filter_map(|h| h.interaksi)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut svg = format!(
        "<svg class=\"grafik-analitik\" viewBox=\"0 0 {W} {}\" width=\"100%\" role=\"img\" aria-label=\"{}\" preserveAspectRatio=\"none\">",
        H + 2.0,
        crate::t("medsos-analitik-grafik-label")
    );
    for (i, h) in hari.iter().enumerate() {
        let x = i as f64 * slot;
        if let Some(j) = h.jangkauan {
            let tinggi = j as f64 / maks_j * H;
            svg.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#4a7ab5\"><title>{}: {} {}, {} {}</title></rect>",
                x + slot * 0.1,
                H - tinggi,
                slot * 0.8,
                tinggi,
                h.tanggal,
                crate::t("medsos-analitik-jangkauan"),
                crate::format::ribuan(j),
                crate::t("medsos-analitik-interaksi"),
                opsi(h.interaksi)
            ));
        }
    }
    let titik: Vec<String> = hari
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            h.interaksi.map(|v| {
                format!(
                    "{:.1},{:.1}",
                    i as f64 * slot + slot / 2.0,
                    H - v as f64 / maks_i * H
                )
            })
        })
        .collect();
    if titik.len() > 1 {
        svg.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\"/>",
            titik.join(" ")
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"0\" y1=\"{H}\" x2=\"{W}\" y2=\"{H}\" stroke=\"#555\" stroke-width=\"1\"/></svg>"
    ));
    svg
}

async fn halaman(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<KueriAkun>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let diminta = Uuid::parse_str(q.akun.trim()).ok();
    render(bangun(&s, &m, id, diminta, Vec::new()).await?)
}

/// The page for `diminta` (else the first account), with the problems of
/// a refused upload.
async fn bangun(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    diminta: Option<Uuid>,
    masalah: Vec<String>,
) -> Result<Halaman, PageError> {
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let dasar = dasar(&r);
    let dipilih = diminta
        .filter(|a| r.cari_akun(*a).is_some())
        .or_else(|| r.akun.first().map(|a| a.id));
    let akun = r
        .akun
        .iter()
        .map(|a| PilihanAkun {
            id: a.id.to_string(),
            label: a.isi.label(),
            href: format!("{dasar}/analitik?akun={}", a.id),
            aktif: Some(a.id) == dipilih,
            impor: r.analitik.iter().filter(|x| x.isi.akun == a.id).count(),
        })
        .collect();
    let (hari, grafik_svg, impor) = match dipilih {
        Some(a) => {
            let deret = deret_analitik(&r, a);
            let hari = deret
                .iter()
                .map(|h| BarisHari {
                    tanggal: crate::format::tanggal(h.tanggal),
                    jangkauan: opsi(h.jangkauan),
                    tayangan: opsi(h.tayangan),
                    interaksi: opsi(h.interaksi),
                    baris: h.baris,
                    konten: r
                        .konten
                        .iter()
                        .filter(|k| {
                            k.isi.rencana.date() == h.tanggal
                                && k.isi.diposting.iter().any(|p| p.akun == a)
                        })
                        .map(|k| (format!("{dasar}/konten/{}", k.id), k.isi.judul.clone()))
                        .collect(),
                })
                .collect();
            let mut impor: Vec<_> = r.analitik.iter().filter(|x| x.isi.akun == a).collect();
            impor.sort_by_key(|x| std::cmp::Reverse(x.isi.waktu));
            let impor = impor
                .into_iter()
                .map(|x| BarisImpor {
                    nama: x.isi.nama_berkas.clone(),
                    oleh: r.nama(x.isi.diimpor_oleh),
                    waktu: waktu(x.isi.waktu),
                    baris: x.isi.baris.len(),
                    sha: x.isi.sha256.chars().take(12).collect(),
                })
                .collect();
            (hari, grafik(&deret), impor)
        }
        None => (Vec::new(), String::new(), Vec::new()),
    };
    Ok(Halaman {
        masalah,
        judul: crate::t1("medsos-analitik-judul", "nama", r.pemilihan.nama.clone()),
        csrf: m.sesi.csrf.clone(),
        akun,
        dipilih: dipilih.map(|a| a.to_string()),
        hari,
        grafik: grafik_svg,
        impor,
        boleh_tulis: boleh(m, &r, I::TulisMedsos),
        dasar,
    })
}

/// The upload: the token first (no file is read before it), the account,
/// then the file.
async fn unggah(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kiriman = match super::baca_kiriman_berkas(&m, &headers, req, "berkas").await? {
        Ok(k) => k,
        Err(r) => return Ok(r),
    };
    let akun = kiriman
        .isian
        .iter()
        .rev()
        .find(|(k, _)| k == "akun")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let berkas = kiriman.berkas;
    let Some((nama, bytes)) = berkas else {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("medsos-analitik-tanpa-berkas"),
        ));
    };
    let akun = Uuid::parse_str(akun.trim()).map_err(|_| {
        PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("medsos-analitik-pilih-akun"),
        )
    })?;
    match s
        .posko
        .impor_analitik_medsos(&m.pengguna, id, akun, &nama, bytes)
        .await
    {
        Ok(_) => {}
        Err(posko_app::AppError::Invalid(pesan)) => {
            // Shown on the form's page, one problem a line.
            let masalah = pesan.split("; ").map(String::from).collect();
            let h = bangun(&s, &m, id, Some(akun), masalah).await?;
            let html = render(h)?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
        }
        Err(e) => return Err(e.into()),
    }
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/analitik?akun={akun}"
    )))
}

#[derive(Deserialize)]
pub(crate) struct KueriImpor {
    akun: String,
    #[serde(default)]
    nama: String,
}

/// One row of an import as read.
#[derive(Serialize, ToSchema)]
pub struct BarisAnalitikDto {
    /// YYYY-MM-DD.
    pub tanggal: String,
    pub url: Option<String>,
    pub jangkauan: Option<u64>,
    pub tayangan: Option<u64>,
    pub interaksi: Option<u64>,
}

/// An import stored.
#[derive(Serialize, ToSchema)]
pub struct HasilImporDto {
    pub id: Uuid,
    pub sha256: String,
    pub baris: Vec<BarisAnalitikDto>,
}

/// Imports a platform's analytics export (CSV or XLSX, by the name's
/// extension) for one registered account. One bad cell refuses the
/// whole file, naming line and column.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/analitik",
    params(
        ("id" = String, Path, description = "Id pemilihan"),
        ("akun" = String, Query, description = "Id akun resmi"),
        ("nama" = Option<String>, Query, description = "Nama berkas (ekstensinya: .csv atau .xlsx)"),
    ),
    request_body(content = Vec<u8>, content_type = "text/csv", description = "Ekspor analitik platform: CSV atau XLSX"),
    responses((status = 201, body = HasilImporDto), (status = 403, body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_impor_analitik(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<KueriImpor>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let akun = Uuid::parse_str(q.akun.trim()).map_err(|_| {
        ApiError(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("akun '{}' bukan id akun", q.akun),
        )
    })?;
    let nama = if q.nama.trim().is_empty() {
        "analitik.csv"
    } else {
        q.nama.trim()
    };
    let imp = s
        .posko
        .impor_analitik_medsos(&m.pengguna, id, akun, nama, body.to_vec())
        .await?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let a = r
        .analitik
        .iter()
        .find(|x| x.id == imp)
        .ok_or_else(|| ApiError(StatusCode::NOT_FOUND, format!("analitik {imp}")))?;
    let dto = HasilImporDto {
        id: imp,
        sha256: a.isi.sha256.clone(),
        baris: a
            .isi
            .baris
            .iter()
            .map(|b| BarisAnalitikDto {
                tanggal: b.tanggal.to_string(),
                url: b.url.clone(),
                jangkauan: b.jangkauan,
                tayangan: b.tayangan,
                interaksi: b.interaksi,
            })
            .collect(),
    };
    Ok((StatusCode::CREATED, Json(dto)).into_response())
}
