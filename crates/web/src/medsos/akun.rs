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

pub(crate) mod api;
mod berkas;
mod formulir;

pub(crate) use formulir::FormKeluar;

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
            post(formulir::tambah_post),
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
            post(formulir::ubah_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/keluar",
            "/pemilihan/{id}/medsos/keluar",
            setujui,
            post(formulir::keluar_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/rotasi/{rotasi}",
            "/pemilihan/{id}/medsos/rotasi/00000000-0000-7000-8000-000000000000",
            setujui,
            post(formulir::rotasi_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/pengaturan",
            "/pemilihan/{id}/medsos/pengaturan",
            setujui,
            post(formulir::pengaturan_post),
        );
    let mut r = r;
    r = r.add(
        "GET",
        "/pemilihan/{id}/medsos/formulir-kpu/xlsx",
        "/pemilihan/{id}/medsos/formulir-kpu/xlsx",
        lihat,
        get(berkas::formulir_kpu),
    );
    r = r.add(
        "GET",
        "/pemilihan/{id}/medsos/formulir-kpu/pdf",
        "/pemilihan/{id}/medsos/formulir-kpu/pdf",
        lihat,
        get(berkas::formulir_kpu),
    );
    r = r.add(
        "GET",
        "/pemilihan/{id}/medsos/tinjauan-akses/xlsx",
        "/pemilihan/{id}/medsos/tinjauan-akses/xlsx",
        lihat,
        get(berkas::tinjauan_akses),
    );
    r = r.add(
        "GET",
        "/pemilihan/{id}/medsos/tinjauan-akses/pdf",
        "/pemilihan/{id}/medsos/tinjauan-akses/pdf",
        lihat,
        get(berkas::tinjauan_akses),
    );
    r.add(
        "GET",
        "/api/v1/pemilihan/{id}/medsos/akun",
        "/api/v1/pemilihan/{id}/medsos/akun",
        lihat,
        get(api::api_akun),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/medsos/akun",
        "/api/v1/pemilihan/{id}/medsos/akun",
        setujui,
        post(api::api_tambah),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/medsos/keluar",
        "/api/v1/pemilihan/{id}/medsos/keluar",
        setujui,
        post(api::api_keluar),
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
