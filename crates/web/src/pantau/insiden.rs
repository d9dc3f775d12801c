//! The incident list of a watch area (`…/pantau/{kode}/insiden`, filtered
//! by status, kind and area, downloadable) and the actions on one
//! incident: take, hand on, close, reopen.

use super::*;

#[derive(Deserialize, Default)]
pub(super) struct KueriInsiden {
    #[serde(default)]
    status: String,
    #[serde(default)]
    kategori: String,
    #[serde(default)]
    wilayah: String,
}

impl KueriInsiden {
    fn wilayah(&self, kode: KodeWilayah) -> Result<KodeWilayah, PageError> {
        KueriTps {
            wilayah: self.wilayah.clone(),
            ..Default::default()
        }
        .wilayah(kode)
    }

    fn kueri(&self, kode: KodeWilayah, jalur: KodeWilayah) -> String {
        let mut q = format!(
            "?status={}&kategori={}",
            aman(&self.status),
            aman(&self.kategori)
        );
        if kode != jalur {
            q.push_str(&format!("&wilayah={kode}"));
        }
        q
    }
}

/// Incidents shown on a list page or in its file.
const INSIDEN_PER_DAFTAR: u32 = 1_000;

#[derive(Template)]
#[template(path = "pantau_insiden.html")]
struct InsidenPage {
    judul: String,
    jumlah: String,
    kembali: (String, String),
    aksi: String,
    status: Vec<(String, String, bool)>,
    kategori: Vec<(String, String, bool)>,
    wilayah: Vec<(String, String, bool)>,
    insiden: Vec<BarisInsiden>,
    unduh: Tautan,
    boleh_tangani: bool,
    csrf: String,
    kembali_ke: String,
}

pub(super) async fn insiden_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<KueriInsiden>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let jalur = crate::param::wilayah(&kode)?;
    let kode = q.wilayah(jalur)?;
    let daftar = s
        .posko
        .daftar_insiden(
            &m.pengguna,
            id,
            kode,
            Some(q.status.as_str()),
            Some(q.kategori.as_str()),
            INSIDEN_PER_DAFTAR,
        )
        .await?;
    let v = s.posko.wilayah_view(Some(jalur)).await?;
    let nama = v
        .wilayah
        .as_ref()
        .map(|w| w.nama.clone())
        .unwrap_or_default();
    let nama_area = if kode == jalur {
        nama.clone()
    } else {
        v.anak
            .iter()
            .find(|a| a.wilayah.kode == kode)
            .map(|a| a.wilayah.nama.clone())
            .unwrap_or_else(|| kode.to_string())
    };
    let dasar = format!("/pemilihan/{id}/pantau/{jalur}/insiden");
    let kueri = q.kueri(kode, jalur);
    let boleh_tangani = posko_domain::diizinkan(
        &m.pengguna.penugasan,
        posko_domain::Izin::TanganiInsiden,
        &posko_domain::Objek::Wilayah(kode),
    );
    render(InsidenPage {
        judul: crate::t1("pantau2-daftar-insiden", "nama", nama_area),
        jumlah: crate::t1(
            "pantau2-jumlah-insiden",
            "jumlah",
            ribuan(daftar.len() as u64),
        ),
        kembali: (
            crate::t1("pantau2-kembali", "nama", nama),
            format!("/pemilihan/{id}/pantau/{jalur}"),
        ),
        aksi: dasar.clone(),
        status: [
            ("", "pantau2-semua"),
            ("buka", "pantau2-status-buka"),
            ("baru", "pantau2-status-baru"),
            ("ditangani", "pantau2-status-ditangani"),
            ("selesai", "pantau2-status-selesai"),
        ]
        .iter()
        .map(|(k, l)| (k.to_string(), crate::t(l), q.status == *k))
        .collect(),
        kategori: std::iter::once((
            String::new(),
            crate::t("pantau2-semua"),
            q.kategori.is_empty(),
        ))
        .chain(
            posko_app::KATEGORI_INSIDEN
                .iter()
                .map(|(k, _)| (k.to_string(), label_kategori(k), q.kategori == *k)),
        )
        .collect(),
        wilayah: std::iter::once((String::new(), crate::t("pantau2-semua"), kode == jalur))
            .chain(v.anak.iter().map(|a| {
                (
                    a.wilayah.kode.to_string(),
                    a.wilayah.nama.clone(),
                    a.wilayah.kode == kode,
                )
            }))
            .collect(),
        insiden: daftar
            .iter()
            .map(|i| baris_insiden(id, &jalur.to_string(), i))
            .collect(),
        unduh: Tautan::new(&dasar, &kueri),
        boleh_tangani,
        csrf: m.sesi.csrf.clone(),
        kembali_ke: format!("{dasar}{kueri}"),
    })
}

/// The incident list as a file (it names its senders, so the download is
/// logged first).
pub(super) async fn insiden_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    Query(q): Query<KueriInsiden>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = q.wilayah(crate::param::wilayah(&kode)?)?;
    let daftar = s
        .posko
        .daftar_insiden(
            &m.pengguna,
            id,
            kode,
            Some(q.status.as_str()),
            Some(q.kategori.as_str()),
            INSIDEN_PER_DAFTAR,
        )
        .await?;
    let nama = s
        .posko
        .wilayah_view(Some(kode))
        .await?
        .wilayah
        .map(|w| w.nama)
        .unwrap_or_else(|| kode.to_string());
    let mut t = crate::ekspor::tabel(&m, ZonaWaktu::dari_wilayah(&kode));
    t.judul = crate::t1("ekspor-insiden-judul", "nama", nama);
    t.subjudul = crate::t1(
        "pantau2-jumlah-insiden",
        "jumlah",
        ribuan(daftar.len() as u64),
    );
    t.kolom = vec![
        Kolom::new(crate::t("ekspor-kolom-waktu"), J::Teks),
        Kolom::new(crate::t("pantau2-kolom-desa"), J::Teks),
        Kolom::new(crate::t("label-tps-kolom"), J::Kode),
        Kolom::new(crate::t("ekspor-kolom-kategori"), J::Teks),
        Kolom::new(crate::t("ekspor-kolom-laporan"), J::Teks),
        Kolom::new(crate::t("ekspor-kolom-pengirim"), J::Teks),
        Kolom::new(crate::t("pantau2-kolom-status"), J::Teks),
        Kolom::new(crate::t("ekspor-kolom-foto"), J::Bulat),
    ];
    t.baris = daftar
        .iter()
        .map(|i| {
            let n = &i.insiden;
            vec![
                Sel::Teks(crate::format::jam(
                    n.waktu,
                    ZonaWaktu::dari_wilayah(&n.tps.desa()),
                )),
                Sel::Teks(i.nama_desa.clone()),
                Sel::Teks(n.tps.to_string()),
                Sel::Teks(label_kategori(&n.kategori)),
                Sel::Teks(n.teks.clone()),
                Sel::Teks(n.pengirim.clone()),
                Sel::Teks(match &i.pemilik {
                    Some(p) => format!("{} ({p})", label_status(i.status)),
                    None => label_status(i.status),
                }),
                Sel::Bulat(n.foto.len() as u64),
            ]
        })
        .collect();
    s.posko
        .catat_unduh_insiden(&m.pengguna, id, kode, t.baris.len(), berkas.ekstensi())
        .await?;
    crate::ekspor::unduhan(t, berkas, &format!("insiden-{kode}")).await
}

#[derive(Deserialize)]
pub(super) struct TindakForm {
    csrf: String,
    tindak: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    kembali: String,
}

pub(super) async fn tindak_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode, insiden)): Path<(String, String, String)>,
    axum::Form(f): axum::Form<TindakForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let insiden = Uuid::parse_str(&insiden)
        .map_err(|_| PageError(StatusCode::NOT_FOUND, crate::t("galat-halaman-tidak-ada")))?;
    let tindak = match f.tindak.as_str() {
        "ambil" => TindakInsiden::Ambil,
        "selesai" => TindakInsiden::Selesai,
        "buka" => TindakInsiden::Buka,
        "serahkan" => TindakInsiden::Serahkan(f.username.clone()),
        _ => {
            return Err(PageError(
                StatusCode::BAD_REQUEST,
                crate::t("galat-formulir-tidak-lengkap"),
            ));
        }
    };
    // The policy checked the caller against the path's area; the use
    // case checks the incident lies in it and the caller's right at its
    // own TPS.
    s.posko
        .tindak_insiden(&m.pengguna, id, kode, insiden, tindak)
        .await?;
    // Back to the page the button was on, never elsewhere.
    let dasar = format!("/pemilihan/{id}/pantau/{kode}");
    let ke = if f.kembali.starts_with(&dasar) && !f.kembali.contains("//") {
        f.kembali
    } else {
        dasar
    };
    Ok(crate::akun::see_other(&ke))
}
