//! Supporter pages: the list with DPT status, registering with consent,
//! one supporter's data-subject rights, and the duplicate review list.

use super::*;

// ------------------------------------------------------------ supporters

pub(super) struct BarisPendukung {
    id: Uuid,
    nama: String,
    tempat: String,
    dukungan: &'static str,
    dicatat: String,
    /// Where the DPT lists them.
    dpt: String,
}

#[derive(Template)]
#[template(path = "pendukung.html")]
pub(super) struct DaftarPage {
    q: String,
    pesan: Option<String>,
    jumlah: String,
    baris: Vec<BarisPendukung>,
    /// "Showing 101–200": when there is more than one page.
    rentang: Option<String>,
    sebelumnya: Option<String>,
    berikutnya: Option<String>,
}

#[derive(Deserialize, Default)]
pub(super) struct DaftarQ {
    q: Option<String>,
    hal: Option<String>,
    dihapus: Option<String>,
}

/// "TPS 023 · Pulau Panggang": where a supporter votes, as people say it;
/// the code only when the desa's name is not stored.
pub(super) fn tempat(p: &Pendukung, nama: &[posko_storage::Wilayah]) -> String {
    let desa = nama
        .iter()
        .find(|w| w.kode == p.desa)
        .map_or_else(|| p.desa.to_string(), |w| w.nama.clone());
    match p.tps {
        Some(t) => format!("TPS {} · {desa}", t.nomor()),
        None => desa,
    }
}

/// The list link for page `hal` (1-based) of search `q`.
fn tautan_halaman(q: &str, hal: u32) -> String {
    let mut u = format!("/pendukung?hal={hal}");
    if !q.is_empty() {
        u.push_str("&q=");
        for b in q.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    u.push(b as char)
                }
                _ => u.push_str(&format!("%{b:02X}")),
            }
        }
    }
    u
}

pub(super) async fn daftar_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Query(q): Query<DaftarQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let cari = q.q.as_deref().unwrap_or_default().trim().to_string();
    // `?hal=` is 1-based as people count; anything else is the first page.
    let hal = q
        .hal
        .as_deref()
        .and_then(|h| h.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    let h = s.posko.cari_pendukung(&m.pengguna, &cari, hal - 1).await?;
    let dpt = s.posko.cocokkan_dpt(&h.baris).await?;
    let mut desa: Vec<posko_domain::KodeWilayah> = h.baris.iter().map(|p| p.desa).collect();
    desa.sort();
    desa.dedup();
    let nama_desa = s.posko.wilayah_banyak(&desa).await?;
    let awal = u64::from(h.halaman) * u64::from(posko_app::PENDUKUNG_SEHALAMAN);
    let rentang = (h.halaman > 0 || h.ada_berikutnya).then(|| {
        crate::t2(
            "pendukung-rentang",
            "dari",
            ribuan(awal + 1),
            "sampai",
            ribuan(awal + h.baris.len() as u64),
        )
    });
    let baris: Vec<BarisPendukung> = h
        .baris
        .into_iter()
        .zip(dpt)
        .map(|(p, d)| BarisPendukung {
            id: p.id,
            tempat: tempat(&p, &nama_desa),
            dukungan: p.dukungan.slug(),
            dicatat: tanggal_unix(p.dibuat),
            dpt: match d {
                posko_app::StatusDpt::Terdaftar(t) => format!("TPS {:03}", t.nomor().get()),
                posko_app::StatusDpt::TidakDitemukan => crate::t("pendukung-dpt-tidak-ditemukan"),
                posko_app::StatusDpt::TanpaTanggalLahir => "—".into(),
            },
            nama: p.nama,
        })
        .collect();
    render(DaftarPage {
        jumlah: ribuan(h.jumlah),
        pesan: q.dihapus.map(|_| crate::t("pendukung-dihapus")),
        rentang,
        sebelumnya: (h.halaman > 0).then(|| tautan_halaman(&cari, h.halaman)),
        berikutnya: h
            .ada_berikutnya
            .then(|| tautan_halaman(&cari, h.halaman + 2)),
        q: cari,
        baris,
    })
}

pub(super) struct Pilihan {
    nilai: &'static str,
    label: String,
    dipilih: bool,
}

/// What was typed on a supporter form (NIK never echoed).
#[derive(Default)]
pub(super) struct Nilai {
    nama: String,
    telepon: String,
    alamat: String,
    domisili: String,
    tanggal_lahir: String,
    dukungan: String,
    sumber: String,
    keperluan: Vec<String>,
}

impl Nilai {
    fn dari(f: &Isian) -> Nilai {
        Nilai {
            nama: f.get("nama").to_string(),
            telepon: f.get("telepon").to_string(),
            alamat: f.get("alamat").to_string(),
            domisili: f.get("domisili").to_string(),
            tanggal_lahir: f.get("tanggal_lahir").to_string(),
            dukungan: f.get("dukungan").to_string(),
            sumber: f.get("sumber").to_string(),
            keperluan: f.semua("keperluan").into_iter().map(String::from).collect(),
        }
    }

    fn isian<'a>(&'a self, nik: &'a str) -> IsianPendukung<'a> {
        IsianPendukung {
            nama: &self.nama,
            nik,
            telepon: &self.telepon,
            alamat: &self.alamat,
            domisili: &self.domisili,
            tanggal_lahir: &self.tanggal_lahir,
            dukungan: &self.dukungan,
            sumber: &self.sumber,
        }
    }

    fn pilihan_dukungan(&self) -> Vec<Pilihan> {
        let dipilih = if self.dukungan.is_empty() {
            "kuat"
        } else {
            self.dukungan.as_str()
        };
        TingkatDukungan::ALL
            .into_iter()
            .map(|d| Pilihan {
                nilai: d.slug(),
                label: crate::t(match d {
                    TingkatDukungan::Kuat => "dukungan-kuat",
                    TingkatDukungan::Condong => "dukungan-condong",
                    TingkatDukungan::Ragu => "dukungan-ragu",
                }),
                dipilih: d.slug() == dipilih,
            })
            .collect()
    }

    fn pilihan_keperluan(&self) -> Vec<Pilihan> {
        Keperluan::ALL
            .into_iter()
            .map(|k| Pilihan {
                nilai: k.slug(),
                label: k.label().to_string(),
                dipilih: self.keperluan.iter().any(|x| x == k.slug()),
            })
            .collect()
    }
}

/// An error of the use case placed next to the field it names.
#[derive(Default)]
pub(super) struct Galat {
    umum: Option<String>,
    nama: Option<String>,
    nik: Option<String>,
    telepon: Option<String>,
    alamat: Option<String>,
    domisili: Option<String>,
    tanggal_lahir: Option<String>,
    dukungan: Option<String>,
    sumber: Option<String>,
    keperluan: Option<String>,
}

impl Galat {
    fn dari(pesan: String) -> Galat {
        let mut g = Galat::default();
        let slot = if pesan.starts_with("tanpa persetujuan") || pesan.starts_with("keperluan") {
            &mut g.keperluan
        } else if pesan.starts_with("nama:") {
            &mut g.nama
        } else if pesan.starts_with("kolom NIK") {
            &mut g.nik
        } else if pesan.starts_with("kolom telepon") {
            &mut g.telepon
        } else if pesan.starts_with("alamat:") {
            &mut g.alamat
        } else if pesan.starts_with("sumber:") {
            &mut g.sumber
        } else if pesan.starts_with("TPS") {
            &mut g.domisili
        } else if pesan.starts_with("tanggal lahir") {
            &mut g.tanggal_lahir
        } else if pesan.starts_with("tingkat dukungan") {
            &mut g.dukungan
        } else {
            &mut g.umum
        };
        *slot = Some(pesan);
        g
    }
}

#[derive(Template)]
#[template(path = "pendukung_baru.html")]
pub(super) struct BaruPage {
    csrf: String,
    v: Nilai,
    dukungan: Vec<Pilihan>,
    keperluan: Vec<Pilihan>,
    g: Galat,
    /// A supporter with this NIK is recorded already.
    ganda: Option<Uuid>,
}

pub(super) fn baru(m: &Masuk, v: Nilai, g: Galat, ganda: Option<Uuid>) -> BaruPage {
    BaruPage {
        csrf: m.sesi.csrf.clone(),
        dukungan: v.pilihan_dukungan(),
        keperluan: v.pilihan_keperluan(),
        v,
        g,
        ganda,
    }
}

pub(super) async fn baru_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let mut v = Nilai::default();
    // A TPS relawan records at their TPS: fill it in.
    if let Some(r) = s.posko.relawan_saya(&m.pengguna).await?
        && let Cakupan::Tps(t) = r.wilayah
    {
        v.domisili = t.undotted();
    }
    render(baru(&m, v, Galat::default(), None))
}

pub(super) async fn catat(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let v = Nilai::dari(&f);
    let keperluan: Vec<&str> = v.keperluan.iter().map(String::as_str).collect();
    let hasil = s
        .posko
        .catat_pendukung(&m.pengguna, &v.isian(f.get("nik")), &keperluan)
        .await;
    match hasil {
        Ok(CatatPendukung::Baru { id, ragu }) => {
            Ok(see_other(&format!("/pendukung/{id}?baru=1&ragu={ragu}")))
        }
        Ok(CatatPendukung::Ganda(ada)) => Ok(halaman(
            StatusCode::CONFLICT,
            render(baru(&m, v, Galat::default(), Some(ada)))?,
        )),
        Err(e) => {
            let (st, pesan) = ditolak(e)?;
            Ok(halaman(st, render(baru(&m, v, Galat::dari(pesan), None))?))
        }
    }
}

// ------------------------------------------------------------ one supporter

#[derive(Template)]
#[template(path = "pendukung_detail.html")]
pub(super) struct DetailPage {
    csrf: String,
    id: Uuid,
    nama: String,
    tempat: String,
    alamat: String,
    tanggal_lahir: String,
    dukungan: &'static str,
    sumber: String,
    nik: bool,
    telepon: bool,
    keperluan: Vec<&'static str>,
    disetujui: String,
    simpan_sampai: String,
    sampai_baru: String,
    pesan: Option<String>,
    galat: Option<String>,
    /// May export, correct and erase (EksporDataPribadi over the record).
    boleh_pribadi: bool,
    // The correction form.
    v: Nilai,
    pilihan_dukungan: Vec<Pilihan>,
    g: Galat,
}

#[derive(Deserialize, Default)]
pub(super) struct DetailQ {
    baru: Option<String>,
    ragu: Option<usize>,
    dikoreksi: Option<String>,
    diperpanjang: Option<String>,
}

/// The record, if the caller may manage supporters where it lies.
pub(super) async fn pendukung_boleh(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
) -> Result<Pendukung, PageError> {
    Ok(s.posko.lihat_pendukung(&m.pengguna, id).await?)
}

/// Where a supporter lies, for deciding which actions to offer (the use
/// cases check again).
pub(super) fn objek(p: &Pendukung) -> Objek {
    match p.tps {
        Some(t) => Objek::Tps(t),
        None => Objek::Wilayah(p.desa),
    }
}

pub(super) async fn susun_detail(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    pesan: Option<String>,
    galat: Option<String>,
    koreksi: Option<(Nilai, Galat)>,
) -> Result<DetailPage, PageError> {
    let p = pendukung_boleh(s, m, id).await?;
    let (v, g) = koreksi.unwrap_or_else(|| {
        (
            Nilai {
                nama: p.nama.clone(),
                telepon: String::new(),
                alamat: p.alamat.clone(),
                domisili: p
                    .tps
                    .map(|t| t.undotted())
                    .unwrap_or_else(|| p.desa.to_string()),
                tanggal_lahir: p.tanggal_lahir.map(|d| d.to_string()).unwrap_or_default(),
                dukungan: p.dukungan.slug().into(),
                sumber: p.sumber.clone(),
                keperluan: Vec::new(),
            },
            Galat::default(),
        )
    });
    let sampai_baru = std::cmp::max(p.simpan_sampai, hari_ini()) + time::Duration::days(365);
    Ok(DetailPage {
        csrf: m.sesi.csrf.clone(),
        id,
        tempat: tempat(&p, &s.posko.wilayah_banyak(&[p.desa]).await?),
        alamat: p.alamat.clone(),
        tanggal_lahir: p.tanggal_lahir.map(tanggal).unwrap_or_else(|| "–".into()),
        dukungan: p.dukungan.slug(),
        sumber: p.sumber.clone(),
        nik: p.nik.is_some(),
        telepon: p.telepon.is_some(),
        keperluan: p.keperluan.iter().map(|k| k.label()).collect(),
        disetujui: tanggal_unix(p.disetujui),
        simpan_sampai: tanggal(p.simpan_sampai),
        sampai_baru: sampai_baru.to_string(),
        pesan,
        galat,
        boleh_pribadi: diizinkan(&m.pengguna.penugasan, Izin::EksporDataPribadi, &objek(&p)),
        pilihan_dukungan: v.pilihan_dukungan(),
        v,
        g,
        nama: p.nama,
    })
}

pub(super) async fn detail_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<DetailQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = id_pendukung(&id)?;
    let pesan = if q.baru.is_some() {
        Some(match q.ragu.unwrap_or(0) {
            0 => crate::t("pendukung-tercatat"),
            n => crate::t1("pendukung-tercatat-mirip", "jumlah", n),
        })
    } else if q.dikoreksi.is_some() {
        Some(crate::t("pendukung-dikoreksi"))
    } else if q.diperpanjang.is_some() {
        Some(crate::t("pendukung-diperpanjang"))
    } else {
        None
    };
    render(susun_detail(&s, &m, id, pesan, None, None).await?)
}

pub(super) async fn ekspor(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let id = id_pendukung(&id)?;
    let v = s.posko.ekspor_pendukung(&m.pengguna, id).await?;
    let body = serde_json::to_string_pretty(&v).map_err(|e| {
        PageError(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::t1("galat-ekspor-gagal", "galat", e.to_string()),
        )
    })?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"pendukung-{id}.json\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

pub(super) async fn koreksi(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let id = id_pendukung(&id)?;
    let v = Nilai::dari(&f);
    match s
        .posko
        .koreksi_pendukung(&m.pengguna, id, &v.isian(f.get("nik")))
        .await
    {
        Ok(()) => Ok(see_other(&format!("/pendukung/{id}?dikoreksi=1"))),
        Err(e) => {
            let (st, pesan) = ditolak(e)?;
            let page = susun_detail(&s, &m, id, None, None, Some((v, Galat::dari(pesan)))).await?;
            Ok(halaman(st, render(page)?))
        }
    }
}

pub(super) async fn perpanjang(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let id = id_pendukung(&id)?;
    let isi = f.get("sampai").trim();
    let hasil = match Date::parse(
        isi,
        time::macros::format_description!("[year]-[month]-[day]"),
    ) {
        Ok(d) if d <= hari_ini() => {
            Err(AppError::Invalid(crate::t("galat-simpan-setelah-hari-ini")))
        }
        Ok(d) => s.posko.perpanjang_pendukung(&m.pengguna, id, d).await,
        Err(_) => Err(AppError::Invalid(crate::t1("galat-tanggal", "isi", isi))),
    };
    match hasil {
        Ok(()) => Ok(see_other(&format!("/pendukung/{id}?diperpanjang=1"))),
        Err(e) => {
            let (st, pesan) = ditolak(e)?;
            let page = susun_detail(&s, &m, id, None, Some(pesan), None).await?;
            Ok(halaman(st, render(page)?))
        }
    }
}

pub(super) async fn hapus(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let id = id_pendukung(&id)?;
    if f.get("yakin") != "ya" {
        let page = susun_detail(
            &s,
            &m,
            id,
            None,
            Some(crate::t("galat-centang-hapus")),
            None,
        )
        .await?;
        return Ok(halaman(StatusCode::UNPROCESSABLE_ENTITY, render(page)?));
    }
    s.posko.hapus_pendukung(&m.pengguna, id).await?;
    Ok(see_other("/pendukung?dihapus=1"))
}

// ------------------------------------------------------------ duplicates

pub(super) struct BarisRagu {
    id: Uuid,
    a: Uuid,
    b: Uuid,
    nama_a: String,
    nama_b: String,
    desa: String,
    skor: String,
    status: String,
    terbuka: bool,
}

#[derive(Template)]
#[template(path = "pendukung_ragu.html")]
pub(super) struct RaguPage {
    csrf: String,
    pesan: Option<String>,
    baris: Vec<BarisRagu>,
}

#[derive(Deserialize, Default)]
pub(super) struct RaguQ {
    diputus: Option<String>,
}

pub(super) async fn ragu_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Query(q): Query<RaguQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let mut rows = s.posko.daftar_ragu(&m.pengguna).await?;
    // Open pairs first, newest first.
    rows.sort_by(|a, b| {
        (a.status != "baru")
            .cmp(&(b.status != "baru"))
            .then(b.dibuat.cmp(&a.dibuat))
    });
    render(RaguPage {
        csrf: m.sesi.csrf.clone(),
        pesan: q.diputus.map(|_| crate::t("ragu-tercatat")),
        baris: rows
            .into_iter()
            .map(|r| BarisRagu {
                id: r.id,
                a: r.pendukung_a,
                b: r.pendukung_b,
                nama_a: r.nama_a,
                nama_b: r.nama_b,
                desa: r.desa.to_string(),
                skor: format!("{:.0} %", r.skor * 100.0),
                terbuka: r.status == "baru",
                status: crate::t(match r.status.as_str() {
                    "sama" => "ragu-status-sama",
                    "beda" => "ragu-status-beda",
                    _ => "ragu-status-belum",
                }),
            })
            .collect(),
    })
}

pub(super) async fn putuskan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let f = Isian(f);
    if let Some(r) = f.periksa(&m, &headers)? {
        return Ok(r);
    }
    let id = Uuid::parse_str(&id).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t1("galat-pasangan-tidak-ditemukan", "id", id.as_str()),
        )
    })?;
    let sama = match f.get("putusan") {
        "sama" => true,
        "beda" => false,
        _ => {
            return Err(PageError(
                StatusCode::UNPROCESSABLE_ENTITY,
                crate::t("galat-pilih-putusan"),
            ));
        }
    };
    s.posko.putuskan_ragu(&m.pengguna, id, sama).await?;
    Ok(see_other("/pendukung/ragu?diputus=1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_land_next_to_their_field() {
        assert!(Galat::dari("kolom NIK: panjang 11".into()).nik.is_some());
        assert!(
            Galat::dari("tanpa persetujuan: x".into())
                .keperluan
                .is_some()
        );
        assert!(Galat::dari("TPS/desa 'x': y".into()).domisili.is_some());
        assert!(Galat::dari("lain".into()).umum.is_some());
        assert_eq!(
            escape("<a href=\"x\">&"),
            "&lt;a href=&quot;x&quot;&gt;&amp;"
        );
        assert!(super::super::batang(5, 10).contains("width=\"80\""));
    }
}
