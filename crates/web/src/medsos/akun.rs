//! The registry of official accounts for people: the list with each
//! platform's count against the KPU's cap, one account with who holds
//! access and every change to it, the forms to add or change an account,
//! to record a member leaving and a rotation done, the room's settings,
//! and the two files (the KPU registration form, the monthly access
//! review). Its JSON API is at the end.

use axum::Json;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use posko_app::medsos::{AkunBaru, BagianRotasi, Pemegang, PengaturanMedsos};
use posko_domain::medsos::{BATAS_AKUN_PER_PLATFORM, JenisAkses, Platform};
use posko_domain::{Izin as IzinDomain, ZonaWaktu};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;
use uuid::Uuid;

use super::*;
use crate::auth::form_ditolak;
use crate::ekspor::Berkas;
use crate::error::ApiError;

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = Izin(IzinDomain::LihatMedsos, Sasaran::PemilihanUtuh);
    let setujui = Izin(IzinDomain::SetujuiMedsos, Sasaran::PemilihanUtuh);
    let r = r
        .add(
            "GET",
            "/pemilihan/{id}/medsos/akun",
            "/pemilihan/{id}/medsos/akun",
            lihat,
            get(daftar),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/akun",
            "/pemilihan/{id}/medsos/akun",
            setujui,
            post(tambah_post),
        )
        .add(
            "GET",
            "/pemilihan/{id}/medsos/akun/{akun}",
            "/pemilihan/{id}/medsos/akun/00000000-0000-7000-8000-000000000000",
            lihat,
            get(satu),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/akun/{akun}",
            "/pemilihan/{id}/medsos/akun/00000000-0000-7000-8000-000000000000",
            setujui,
            post(ubah_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/keluar",
            "/pemilihan/{id}/medsos/keluar",
            setujui,
            post(keluar_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/rotasi/{rotasi}",
            "/pemilihan/{id}/medsos/rotasi/00000000-0000-7000-8000-000000000000",
            setujui,
            post(rotasi_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/pengaturan",
            "/pemilihan/{id}/medsos/pengaturan",
            setujui,
            post(pengaturan_post),
        );
    let mut r = r;
    r = r.add(
        "GET",
        "/pemilihan/{id}/medsos/formulir-kpu/xlsx",
        "/pemilihan/{id}/medsos/formulir-kpu/xlsx",
        lihat,
        get(formulir_kpu),
    );
    r = r.add(
        "GET",
        "/pemilihan/{id}/medsos/formulir-kpu/pdf",
        "/pemilihan/{id}/medsos/formulir-kpu/pdf",
        lihat,
        get(formulir_kpu),
    );
    r = r.add(
        "GET",
        "/pemilihan/{id}/medsos/tinjauan-akses/xlsx",
        "/pemilihan/{id}/medsos/tinjauan-akses/xlsx",
        lihat,
        get(tinjauan_akses),
    );
    r = r.add(
        "GET",
        "/pemilihan/{id}/medsos/tinjauan-akses/pdf",
        "/pemilihan/{id}/medsos/tinjauan-akses/pdf",
        lihat,
        get(tinjauan_akses),
    );
    r.add(
        "GET",
        "/api/v1/pemilihan/{id}/medsos/akun",
        "/api/v1/pemilihan/{id}/medsos/akun",
        lihat,
        get(api_akun),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/medsos/akun",
        "/api/v1/pemilihan/{id}/medsos/akun",
        setujui,
        post(api_tambah),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/medsos/keluar",
        "/api/v1/pemilihan/{id}/medsos/keluar",
        setujui,
        post(api_keluar),
    )
}

fn tidak_ada() -> PageError {
    PageError(
        StatusCode::NOT_FOUND,
        crate::t("galat-judul-tidak-ditemukan"),
    )
}

fn uuid_param(s: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(s.trim()).map_err(|_| tidak_ada())
}

fn tanggal_opsi(s: &str) -> Result<Option<Date>, AppError> {
    match s.trim() {
        "" => Ok(None),
        t => crate::dana::baca_tanggal(t).map(Some),
    }
}

fn jenis_akses_teks(j: JenisAkses) -> String {
    match j {
        JenisAkses::Pengelola => crate::t("medsos-akses-pengelola"),
        JenisAkses::Pemulihan => crate::t("medsos-akses-pemulihan"),
    }
}

// ------------------------------------------------------------ the list

/// The values of the account form (empty for a new account).
#[derive(Default)]
struct IsianAkun {
    /// An account already stored (offers retiring it).
    ada: bool,
    platform: String,
    nama: String,
    url: String,
    tujuan: String,
    kpu_tanggal: String,
    kpu_nomor: String,
    penanggung_jawab: String,
    dua_langkah: bool,
    nonaktif: String,
    pensiun: bool,
    /// (member id, name, `pengelola`, `pemulihan` or empty)
    tim: Vec<(String, String, String)>,
}

/// One account as a row of the registry.
struct BarisAkun {
    href: String,
    platform: String,
    nama: String,
    url: String,
    tujuan: String,
    penanggung_jawab: String,
    pendaftaran: String,
    pemegang: String,
    dua_langkah: bool,
    nonaktif: String,
    pensiun: bool,
}

/// A rotation task still open, with the buttons that close its parts.
struct BarisRotasi {
    id: String,
    akun: String,
    akun_href: String,
    anggota: String,
    dibuka: String,
    sandi: Option<bool>,
    pemulihan: Option<bool>,
}

#[derive(Template)]
#[template(path = "medsos_akun.html")]
struct HalamanDaftar {
    judul: String,
    dasar: String,
    csrf: String,
    akun: Vec<BarisAkun>,
    per_platform: Vec<(String, usize)>,
    batas: usize,
    rotasi: Vec<BarisRotasi>,
    boleh_kelola: bool,
    platform: Vec<(String, String)>,
    isian: IsianAkun,
    keluar: Vec<(String, String)>,
    batas_nonaktif: String,
    bulan: String,
}

fn baris_rotasi(r: &RuangMedsos) -> Vec<BarisRotasi> {
    let dasar = dasar(r);
    r.rotasi
        .iter()
        .filter(|t| !t.isi.selesai())
        .map(|t| BarisRotasi {
            id: t.id.to_string(),
            akun: r
                .cari_akun(t.isi.akun)
                .map_or_else(|| t.isi.akun.to_string(), |a| a.isi.label()),
            akun_href: format!("{dasar}/akun/{}", t.isi.akun),
            anggota: r.nama(t.isi.anggota),
            dibuka: super::waktu_wib(t.waktu),
            sandi: t.isi.ganti_sandi.then_some(t.isi.sandi_selesai.is_some()),
            pemulihan: t
                .isi
                .ganti_pemulihan
                .then_some(t.isi.pemulihan_selesai.is_some()),
        })
        .collect()
}

async fn daftar(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let dasar = dasar(&r);
    let tim = s.posko.tim_medsos_terlihat(&m.pengguna, id).await?;
    let mut pemegang_sekarang: Vec<(String, String)> = Vec::new();
    for a in &r.akun {
        for p in &a.isi.pemegang {
            if !pemegang_sekarang
                .iter()
                .any(|(i, _)| *i == p.anggota.to_string())
            {
                pemegang_sekarang.push((p.anggota.to_string(), r.nama(p.anggota)));
            }
        }
    }
    pemegang_sekarang.sort_by(|a, b| a.1.cmp(&b.1));
    render(HalamanDaftar {
        judul: crate::t1("medsos-akun-judul", "nama", r.pemilihan.nama.clone()),
        csrf: m.sesi.csrf.clone(),
        akun: r
            .akun
            .iter()
            .map(|a| BarisAkun {
                href: format!("{dasar}/akun/{}", a.id),
                platform: a.isi.platform.label().into(),
                nama: format!("@{}", a.isi.nama),
                url: a.isi.url.clone(),
                tujuan: a.isi.tujuan.clone(),
                penanggung_jawab: r.nama(a.isi.penanggung_jawab),
                pendaftaran: a
                    .isi
                    .kpu_tanggal
                    .map(|t| format!("{} {}", crate::format::tanggal(t), a.isi.kpu_nomor))
                    .unwrap_or_default(),
                pemegang: a
                    .isi
                    .pemegang
                    .iter()
                    .map(|p| {
                        if p.jenis == JenisAkses::Pemulihan {
                            format!(
                                "{} ({})",
                                r.nama(p.anggota),
                                crate::t("medsos-akses-pemulihan")
                            )
                        } else {
                            r.nama(p.anggota)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                dua_langkah: a.isi.dua_langkah,
                nonaktif: crate::format::tanggal(a.isi.nonaktif_berlaku(&r)),
                pensiun: a.isi.pensiun,
            })
            .collect(),
        per_platform: Platform::ALL
            .iter()
            .map(|p| {
                (
                    p.label().to_string(),
                    r.akun
                        .iter()
                        .filter(|a| a.isi.platform == *p && !a.isi.pensiun)
                        .count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect(),
        batas: BATAS_AKUN_PER_PLATFORM,
        rotasi: baris_rotasi(&r),
        boleh_kelola: boleh(&m, &r, IzinDomain::SetujuiMedsos),
        platform: Platform::ALL
            .iter()
            .map(|p| (p.slug().to_string(), p.label().to_string()))
            .collect(),
        isian: IsianAkun {
            dua_langkah: true,
            tim: tim
                .into_iter()
                .map(|(i, n)| (i, n, String::new()))
                .collect(),
            ..IsianAkun::default()
        },
        keluar: pemegang_sekarang,
        batas_nonaktif: r.masa.masa_tenang().0.to_string(),
        bulan: format!("{:04}-{:02}", r.hari_ini.year(), r.hari_ini.month() as u8),
        dasar,
    })
}

// --------------------------------------------------------- one account

struct VersiAkun {
    versi: i64,
    oleh: String,
    waktu: String,
    ringkas: String,
}

#[derive(Template)]
#[template(path = "medsos_akun_satu.html")]
struct HalamanSatu {
    judul: String,
    dasar: String,
    aksi: String,
    csrf: String,
    akun_id: String,
    /// The version the change form was opened at.
    versi_akun: i64,
    akun: BarisAkun,
    isian: IsianAkun,
    versi: Vec<VersiAkun>,
    rotasi: Vec<BarisRotasi>,
    boleh_kelola: bool,
    platform: Vec<(String, String)>,
    batas_nonaktif: String,
    tanpa_pemulihan: bool,
}

async fn satu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, akun)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let akun = uuid_param(&akun)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let a = r.cari_akun(akun).ok_or_else(tidak_ada)?.clone();
    let riwayat = s.posko.riwayat_akun_medsos(&m.pengguna, id, akun).await?;
    let tim = s.posko.tim_medsos_terlihat(&m.pengguna, id).await?;
    let dasar = dasar(&r);
    let pemegang = |orang: &Uuid| {
        a.isi
            .pemegang
            .iter()
            .find(|p| p.anggota == *orang)
            .map(|p| match p.jenis {
                JenisAkses::Pengelola => "pengelola",
                JenisAkses::Pemulihan => "pemulihan",
            })
            .unwrap_or("")
            .to_string()
    };
    let mut tim: Vec<(String, String, String)> = tim
        .into_iter()
        .map(|(i, n)| {
            let u = Uuid::parse_str(&i).unwrap_or_default();
            (i, n, pemegang(&u))
        })
        .collect();
    // A holder who left the team still shows, so the change is visible.
    for p in &a.isi.pemegang {
        if !tim.iter().any(|(i, _, _)| *i == p.anggota.to_string()) {
            tim.push((
                p.anggota.to_string(),
                r.nama(p.anggota),
                pemegang(&p.anggota),
            ));
        }
    }
    let versi = riwayat
        .iter()
        .rev()
        .map(|v| VersiAkun {
            versi: v.versi,
            oleh: r.nama(v.oleh),
            waktu: super::waktu_wib(v.waktu),
            ringkas: format!(
                "{} · {}: {}{}",
                v.isi.label(),
                crate::t("medsos-pemegang"),
                v.isi
                    .pemegang
                    .iter()
                    .map(|p| format!("{} ({})", r.nama(p.anggota), jenis_akses_teks(p.jenis)))
                    .collect::<Vec<_>>()
                    .join(", "),
                if v.isi.pensiun {
                    format!(" · {}", crate::t("medsos-pensiun"))
                } else {
                    String::new()
                }
            ),
        })
        .collect();
    let rotasi = baris_rotasi(&r)
        .into_iter()
        .filter(|t| t.akun_href.ends_with(&akun.to_string()))
        .collect();
    let baris = BarisAkun {
        href: format!("{dasar}/akun/{akun}"),
        platform: a.isi.platform.label().into(),
        nama: format!("@{}", a.isi.nama),
        url: a.isi.url.clone(),
        tujuan: a.isi.tujuan.clone(),
        penanggung_jawab: r.nama(a.isi.penanggung_jawab),
        pendaftaran: a
            .isi
            .kpu_tanggal
            .map(|t| format!("{} {}", crate::format::tanggal(t), a.isi.kpu_nomor))
            .unwrap_or_default(),
        pemegang: String::new(),
        dua_langkah: a.isi.dua_langkah,
        nonaktif: crate::format::tanggal(a.isi.nonaktif_berlaku(&r)),
        pensiun: a.isi.pensiun,
    };
    render(HalamanSatu {
        judul: a.isi.label(),
        aksi: format!("{dasar}/akun/{akun}"),
        csrf: m.sesi.csrf.clone(),
        akun_id: akun.to_string(),
        versi_akun: a.versi,
        isian: IsianAkun {
            ada: true,
            platform: a.isi.platform.slug().into(),
            nama: a.isi.nama.clone(),
            url: a.isi.url.clone(),
            tujuan: a.isi.tujuan.clone(),
            kpu_tanggal: a.isi.kpu_tanggal.map(|t| t.to_string()).unwrap_or_default(),
            kpu_nomor: a.isi.kpu_nomor.clone(),
            penanggung_jawab: a.isi.penanggung_jawab.to_string(),
            dua_langkah: a.isi.dua_langkah,
            nonaktif: a.isi.nonaktif.map(|t| t.to_string()).unwrap_or_default(),
            pensiun: a.isi.pensiun,
            tim,
        },
        tanpa_pemulihan: a.isi.pemulihan().next().is_none(),
        akun: baris,
        versi,
        rotasi,
        boleh_kelola: boleh(&m, &r, IzinDomain::SetujuiMedsos),
        platform: Platform::ALL
            .iter()
            .map(|p| (p.slug().to_string(), p.label().to_string()))
            .collect(),
        batas_nonaktif: r.masa.masa_tenang().0.to_string(),
        dasar,
    })
}

// --------------------------------------------------------------- forms

/// The account form's fields; holders come as `akses_<member id>` =
/// `pengelola` or `pemulihan` (empty: none), so it works without script.
fn akun_dari_isian(isian: &[(String, String)]) -> Result<AkunBaru, AppError> {
    let ambil = |k: &str| {
        isian
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let salah = |m: String| AppError::Invalid(m);
    let platform = Platform::parse(ambil("platform")).map_err(|e| salah(e.to_string()))?;
    let penanggung_jawab = Uuid::parse_str(ambil("penanggung_jawab").trim())
        .map_err(|_| salah("pilih penanggung jawab akun".into()))?;
    let mut pemegang = Vec::new();
    for (k, v) in isian {
        let Some(orang) = k.strip_prefix("akses_") else {
            continue;
        };
        let jenis = match v.as_str() {
            "" => continue,
            "pengelola" => JenisAkses::Pengelola,
            "pemulihan" => JenisAkses::Pemulihan,
            x => return Err(salah(format!("jenis akses '{x}' tidak dikenal"))),
        };
        let anggota = Uuid::parse_str(orang)
            .map_err(|_| salah(format!("anggota '{orang}' tidak dikenal")))?;
        pemegang.push(Pemegang { anggota, jenis });
    }
    Ok(AkunBaru {
        platform,
        nama: ambil("nama").into(),
        url: ambil("url").into(),
        tujuan: ambil("tujuan").into(),
        kpu_tanggal: tanggal_opsi(ambil("kpu_tanggal"))?,
        kpu_nomor: ambil("kpu_nomor").into(),
        penanggung_jawab,
        dua_langkah: ambil("dua_langkah") == "ya",
        pemegang,
        nonaktif: tanggal_opsi(ambil("nonaktif"))?,
        pensiun: ambil("pensiun") == "ya",
        versi: ambil("versi").trim().parse().ok(),
    })
}

/// The token of a form read as name–value pairs; a form without one is
/// malformed (400), as a typed form missing the field is.
fn csrf_isian(isian: &[(String, String)]) -> Result<&str, PageError> {
    isian
        .iter()
        .rev()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .ok_or_else(|| {
            PageError(
                StatusCode::BAD_REQUEST,
                crate::t("galat-formulir-tanpa-token"),
            )
        })
}

async fn tambah_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(isian): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf_isian(&isian)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let baru = akun_dari_isian(&isian)?;
    let akun = s
        .posko
        .simpan_akun_medsos(&m.pengguna, id, None, baru)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/akun/{akun}"
    )))
}

async fn ubah_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, akun)): Path<(String, String)>,
    axum::Form(isian): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf_isian(&isian)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let akun = uuid_param(&akun)?;
    let baru = akun_dari_isian(&isian)?;
    s.posko
        .simpan_akun_medsos(&m.pengguna, id, Some(akun), baru)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/akun/{akun}"
    )))
}

#[derive(Deserialize, ToSchema)]
pub struct FormKeluar {
    #[serde(default)]
    #[schema(ignore)]
    csrf: String,
    /// The member's Posko account id.
    anggota: String,
    #[serde(default)]
    alasan: String,
}

async fn keluar_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormKeluar>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let anggota = Uuid::parse_str(f.anggota.trim())
        .map_err(|_| AppError::Invalid("pilih anggota yang keluar".into()))?;
    s.posko
        .anggota_keluar_medsos(&m.pengguna, id, anggota, &f.alasan)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/akun#rotasi"
    )))
}

#[derive(Deserialize)]
struct FormRotasi {
    csrf: String,
    bagian: String,
    #[serde(default)]
    kembali: String,
}

async fn rotasi_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, rotasi)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormRotasi>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let rotasi = uuid_param(&rotasi)?;
    let bagian = match f.bagian.as_str() {
        "sandi" => BagianRotasi::Sandi,
        "pemulihan" => BagianRotasi::Pemulihan,
        _ => return Err(AppError::Invalid("bagian rotasi tidak dikenal".into()).into()),
    };
    s.posko
        .selesai_rotasi_medsos(&m.pengguna, id, rotasi, bagian)
        .await?;
    // Back where the button was: the registry or the account's page.
    let kembali = match Uuid::parse_str(&f.kembali) {
        Ok(akun) => format!("/pemilihan/{id}/medsos/akun/{akun}#rotasi"),
        Err(_) => format!("/pemilihan/{id}/medsos/akun#rotasi"),
    };
    Ok(crate::akun::see_other(&kembali))
}

async fn pengaturan_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(isian): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf_isian(&isian)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let ambil = |k: &str| {
        isian
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let mut peninjau = Vec::new();
    for (k, v) in &isian {
        if k == "peninjau" {
            peninjau.push(
                Uuid::parse_str(v)
                    .map_err(|_| AppError::Invalid("peninjau tidak dikenal".into()))?,
            );
        }
    }
    s.posko
        .atur_medsos(
            &m.pengguna,
            id,
            PengaturanMedsos {
                mulai_kampanye: crate::dana::baca_tanggal(ambil("mulai_kampanye"))?,
                akhir_kampanye: crate::dana::baca_tanggal(ambil("akhir_kampanye"))?,
                wajib_periksa: ambil("wajib_periksa") == "ya",
                peninjau,
            },
        )
        .await?;
    Ok(crate::akun::see_other(&format!("/pemilihan/{id}/medsos")))
}

// --------------------------------------------------------------- files

async fn formulir_kpu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let (r, baris) = s.posko.formulir_kpu_medsos(&m.pengguna, id).await?;
    let mut t = crate::ekspor::tabel(&m, ZonaWaktu::dari_wilayah(&r.pemilihan.wilayah));
    t.judul = "Daftar akun media sosial resmi kampanye".into();
    t.subjudul = format!(
        "{}: untuk formulir pendaftaran akun resmi ke KPU (Lampiran IX PKPU 13/2024)",
        r.pemilihan.nama
    );
    t.catatan = vec![
        format!(
            "Masa kampanye {} sampai {}; akun dinonaktifkan sebelum masa tenang ({} sampai {}).",
            r.masa.mulai,
            r.masa.akhir,
            r.masa.masa_tenang().0,
            r.masa.masa_tenang().1
        ),
        "Tembusan: Bawaslu dan Kepolisian sesuai tingkatan.".into(),
    ];
    t.kolom = [
        "No",
        "Platform",
        "Nama akun",
        "Alamat (URL)",
        "Keterangan",
        "Penanggung jawab",
        "Pendaftaran KPU",
        "Nonaktif mulai",
    ]
    .iter()
    .enumerate()
    .map(|(i, k)| {
        posko_app::laporan::Kolom::new(
            *k,
            if i == 0 || i == 7 {
                posko_app::laporan::JenisKolom::Kode
            } else {
                posko_app::laporan::JenisKolom::Teks
            },
        )
    })
    .collect();
    t.baris = baris
        .iter()
        .enumerate()
        .map(|(i, b)| {
            [
                (i + 1).to_string(),
                b.platform.clone(),
                b.nama.clone(),
                b.url.clone(),
                b.tujuan.clone(),
                b.penanggung_jawab.clone(),
                b.pendaftaran.clone(),
                b.nonaktif.to_string(),
            ]
            .into_iter()
            .map(posko_app::laporan::Sel::Teks)
            .collect()
        })
        .collect();
    kirim_tercatat(&s, &m, id, t, berkas, "akun-medsos-kpu", baris.len()).await
}

#[derive(Deserialize)]
struct KueriBulan {
    #[serde(default)]
    bulan: String,
}

async fn tinjauan_akses(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    axum::extract::Query(k): axum::extract::Query<KueriBulan>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let (tahun, bulan) = match k.bulan.trim().split_once('-') {
        Some((y, b)) => (
            y.parse::<i32>().ok(),
            b.parse::<u8>()
                .ok()
                .and_then(|b| time::Month::try_from(b).ok()),
        ),
        None => (None, None),
    };
    let (tahun, bulan) = match (tahun, bulan, k.bulan.trim()) {
        (Some(y), Some(b), _) => (y, b),
        (_, _, "") => {
            let hari = time::OffsetDateTime::now_utc()
                .to_offset(time::UtcOffset::from_hms(7, 0, 0).expect("valid"));
            (hari.year(), hari.month())
        }
        _ => {
            return Err(
                AppError::Invalid(format!("bulan '{}' harus TTTT-BB", k.bulan.trim())).into(),
            );
        }
    };
    let (r, tinjau) = s
        .posko
        .tinjauan_akses_medsos(&m.pengguna, id, tahun, bulan)
        .await?;
    let mut t = crate::ekspor::tabel(&m, ZonaWaktu::dari_wilayah(&r.pemilihan.wilayah));
    t.judul = format!("Tinjauan akses akun resmi {tahun}-{:02}", bulan as u8);
    t.subjudul = format!(
        "{}: siapa bisa masuk ke akun mana pada akhir bulan, dan perubahannya",
        r.pemilihan.nama
    );
    t.catatan =
        vec!["Posko tidak menyimpan kata sandi. Setiap anggota masuk dengan login sendiri.".into()];
    t.kolom = [
        "No",
        "Akun",
        "Anggota",
        "Akses",
        "Perubahan bulan ini",
        "Verifikasi dua langkah",
        "Akun Posko anggota",
        "Rotasi terbuka",
    ]
    .iter()
    .enumerate()
    .map(|(i, k)| {
        posko_app::laporan::Kolom::new(
            *k,
            if i == 0 || i == 7 {
                posko_app::laporan::JenisKolom::Bulat
            } else {
                posko_app::laporan::JenisKolom::Teks
            },
        )
    })
    .collect();
    t.baris = tinjau
        .baris
        .iter()
        .enumerate()
        .map(|(i, b)| {
            use posko_app::laporan::Sel;
            vec![
                Sel::Bulat(i as u64 + 1),
                Sel::Teks(b.akun.clone()),
                Sel::Teks(b.anggota.clone()),
                Sel::Teks(b.akses.into()),
                Sel::Teks(b.perubahan.into()),
                Sel::Teks(
                    if b.dua_langkah {
                        "aktif"
                    } else {
                        "TIDAK aktif"
                    }
                    .into(),
                ),
                Sel::Teks(if b.anggota_aktif { "aktif" } else { "nonaktif" }.into()),
                Sel::Bulat(b.rotasi_terbuka as u64),
            ]
        })
        .collect();
    let nama = format!("tinjauan-akses-{tahun}-{:02}", bulan as u8);
    kirim_tercatat(&s, &m, id, t, berkas, &nama, tinjau.baris.len()).await
}

/// The table as the file asked for, its download logged with its hash
/// first (it names team members).
async fn kirim_tercatat(
    s: &AppState,
    m: &Masuk,
    id: Uuid,
    t: posko_app::laporan::Tabel,
    berkas: Berkas,
    nama: &str,
    baris: usize,
) -> Result<Response, PageError> {
    let bytes = match berkas {
        Berkas::Pdf => posko_app::laporan::cetak_tabel(t).await?,
        Berkas::Xlsx => crate::ekspor::xlsx(&t).map_err(|e| AppError::Internal {
            apa: "menulis XLSX".into(),
            sumber: e.to_string().into(),
        })?,
    };
    let nama = format!("{nama}.{}", berkas.ekstensi());
    s.posko
        .catat_unduh_medsos(&m.pengguna, id, &nama, baris, &bytes)
        .await?;
    Ok(crate::ekspor::kirim(
        bytes,
        berkas,
        nama.trim_end_matches(&format!(".{}", berkas.ekstensi())),
    ))
}

// ----------------------------------------------------------------- API

fn masuk_api(p: Pengunjung) -> Result<Masuk, ApiError> {
    p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))
}

/// One member's access.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct PemegangDto {
    pub anggota: Uuid,
    /// pengelola, pemulihan
    pub akses: String,
}

/// An official account in the registry.
#[derive(Serialize, ToSchema, Debug)]
pub struct AkunMedsosDto {
    pub id: Uuid,
    pub versi: i64,
    pub platform: String,
    pub nama: String,
    pub url: String,
    pub tujuan: String,
    pub kpu_tanggal: Option<String>,
    pub kpu_nomor: String,
    pub penanggung_jawab: Uuid,
    pub dua_langkah: bool,
    pub pemegang: Vec<PemegangDto>,
    /// The first day it is off (TTTT-BB-HH).
    pub nonaktif: String,
    pub pensiun: bool,
}

/// The registry with open rotation tasks.
#[derive(Serialize, ToSchema, Debug)]
pub struct RegistriMedsosDto {
    pub mulai_kampanye: String,
    pub akhir_kampanye: String,
    /// The quiet period's first and last day.
    pub masa_tenang: [String; 2],
    pub akun: Vec<AkunMedsosDto>,
    pub rotasi_terbuka: Vec<RotasiDto>,
}

/// A rotation still open after a member left.
#[derive(Serialize, ToSchema, Debug)]
pub struct RotasiDto {
    pub id: Uuid,
    pub akun: Uuid,
    pub anggota: Uuid,
    pub ganti_sandi: bool,
    pub ganti_pemulihan: bool,
    pub sandi_selesai: bool,
    pub pemulihan_selesai: bool,
}

/// The registry of official accounts.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/medsos/akun",
    params(("id" = String, Path, description = "Id pemilihan")),
    responses((status = 200, body = RegistriMedsosDto), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_akun(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Json<RegistriMedsosDto>, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let (tenang_awal, tenang_akhir) = r.masa.masa_tenang();
    Ok(Json(RegistriMedsosDto {
        mulai_kampanye: r.masa.mulai.to_string(),
        akhir_kampanye: r.masa.akhir.to_string(),
        masa_tenang: [tenang_awal.to_string(), tenang_akhir.to_string()],
        akun: r
            .akun
            .iter()
            .map(|a| AkunMedsosDto {
                id: a.id,
                versi: a.versi,
                platform: a.isi.platform.slug().into(),
                nama: a.isi.nama.clone(),
                url: a.isi.url.clone(),
                tujuan: a.isi.tujuan.clone(),
                kpu_tanggal: a.isi.kpu_tanggal.map(|t| t.to_string()),
                kpu_nomor: a.isi.kpu_nomor.clone(),
                penanggung_jawab: a.isi.penanggung_jawab,
                dua_langkah: a.isi.dua_langkah,
                pemegang: a
                    .isi
                    .pemegang
                    .iter()
                    .map(|p| PemegangDto {
                        anggota: p.anggota,
                        akses: match p.jenis {
                            JenisAkses::Pengelola => "pengelola".into(),
                            JenisAkses::Pemulihan => "pemulihan".into(),
                        },
                    })
                    .collect(),
                nonaktif: a.isi.nonaktif_berlaku(&r).to_string(),
                pensiun: a.isi.pensiun,
            })
            .collect(),
        rotasi_terbuka: r
            .rotasi
            .iter()
            .filter(|t| !t.isi.selesai())
            .map(|t| RotasiDto {
                id: t.id,
                akun: t.isi.akun,
                anggota: t.isi.anggota,
                ganti_sandi: t.isi.ganti_sandi,
                ganti_pemulihan: t.isi.ganti_pemulihan,
                sandi_selesai: t.isi.sandi_selesai.is_some(),
                pemulihan_selesai: t.isi.pemulihan_selesai.is_some(),
            })
            .collect(),
    }))
}

/// An account to register (managers).
#[derive(Deserialize, ToSchema, Debug)]
pub struct AkunBaruDto {
    /// facebook, instagram, tiktok, youtube, x, threads, whatsapp, lainnya
    pub platform: String,
    pub nama: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub tujuan: String,
    pub kpu_tanggal: Option<String>,
    #[serde(default)]
    pub kpu_nomor: String,
    pub penanggung_jawab: Uuid,
    #[serde(default)]
    pub dua_langkah: bool,
    pub pemegang: Vec<PemegangDto>,
    pub nonaktif: Option<String>,
}

/// Registers an official account.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/akun",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = AkunBaruDto,
    responses((status = 201, description = "dicatat: {\"id\": …}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_tambah(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: AkunBaruDto = crate::param::json_body(&body, "akun tidak sah")?;
    let salah = |m: String| ApiError::from(AppError::Invalid(m));
    let mut pemegang = Vec::new();
    for p in &f.pemegang {
        pemegang.push(Pemegang {
            anggota: p.anggota,
            jenis: match p.akses.as_str() {
                "pengelola" => JenisAkses::Pengelola,
                "pemulihan" => JenisAkses::Pemulihan,
                x => return Err(salah(format!("akses '{x}' tidak dikenal"))),
            },
        });
    }
    let tanggal = |s: &Option<String>| -> Result<Option<Date>, ApiError> {
        Ok(tanggal_opsi(s.as_deref().unwrap_or(""))?)
    };
    let akun = s
        .posko
        .simpan_akun_medsos(
            &m.pengguna,
            id,
            None,
            AkunBaru {
                platform: Platform::parse(&f.platform).map_err(|e| salah(e.to_string()))?,
                nama: f.nama,
                url: f.url,
                tujuan: f.tujuan,
                kpu_tanggal: tanggal(&f.kpu_tanggal)?,
                kpu_nomor: f.kpu_nomor,
                penanggung_jawab: f.penanggung_jawab,
                dua_langkah: f.dua_langkah,
                pemegang,
                nonaktif: tanggal(&f.nonaktif)?,
                pensiun: false,
                versi: None,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": akun }))).into_response())
}

/// Records that a member left the team: their access is taken off every
/// account, and a rotation task is opened for each (managers).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/keluar",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = FormKeluar,
    responses((status = 201, description = "tugas rotasi: {\"rotasi\": [id…]}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_keluar(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: FormKeluar = crate::param::json_body(&body, "anggota keluar tidak sah")?;
    let anggota = Uuid::parse_str(f.anggota.trim())
        .map_err(|_| ApiError::from(AppError::Invalid("anggota tidak dikenal".into())))?;
    let rotasi = s
        .posko
        .anggota_keluar_medsos(&m.pengguna, id, anggota, &f.alasan)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "rotasi": rotasi })),
    )
        .into_response())
}
