//! The social-media room (issue 23) for people: `/medsos` lists the
//! elections whose room one may open; `/pemilihan/{id}/medsos` is the
//! room's home (the campaign and quiet periods, the registry, rotation
//! tasks, what is due on the calendar, the issue desk). Each part has its
//! module: [`akun`] (registry, access, rotation, the KPU form and the
//! access review), [`konten`] (calendar and review chain), [`isu`] (issue
//! desk and analytics). Every rule is the app's (`posko_app::medsos`).
//!
//! Policy: reading is `Izin::LihatMedsos`, writing drafts `TulisMedsos`,
//! approving and the registry `SetujuiMedsos`, each over the election's
//! whole region (`Sasaran::PemilihanUtuh`), as the use cases ask.

pub(crate) mod akun;
pub(crate) mod isu;
pub(crate) mod konten;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Html;
use axum::routing::get;
use posko_app::medsos::RuangMedsos;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, masuk};
use crate::error::PageError;
use crate::pages::render;
use crate::{AppState, Rutes};
use posko_app::{AppError, Masuk};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let r = r
        .add(
            "GET",
            "/medsos",
            "/medsos",
            Izin(posko_domain::Izin::LihatMedsos, Sasaran::Manapun),
            get(pilih_pemilihan),
        )
        .add(
            "GET",
            "/pemilihan/{id}/medsos",
            "/pemilihan/{id}/medsos",
            Izin(posko_domain::Izin::LihatMedsos, Sasaran::PemilihanUtuh),
            get(beranda),
        );
    let r = akun::routes(r);
    let r = konten::routes(r);
    isu::routes(r)
}

/// Whether the person may take a step that needs `izin` in this room
/// (for showing a form; the use case asks again).
pub(crate) fn boleh(m: &Masuk, r: &RuangMedsos, izin: posko_domain::Izin) -> bool {
    posko_domain::diizinkan(
        &m.pengguna.penugasan,
        izin,
        &posko_domain::Objek::Wilayah(r.pemilihan.wilayah),
    )
}

/// The room's base path.
pub(crate) fn dasar(r: &RuangMedsos) -> String {
    format!("/pemilihan/{}/medsos", r.pemilihan.id)
}

#[derive(Template)]
#[template(path = "medsos_pilih.html")]
struct HalamanPilih {
    pemilihan: Vec<(String, String)>,
}

async fn pilih_pemilihan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let mut pemilihan = Vec::new();
    for e in s.posko.daftar_pemilihan().await? {
        if let Some(href) = crate::menu::tautan(
            &s,
            &m,
            "/pemilihan/{id}/medsos",
            &[("id", e.id.to_string())],
        )
        .await
        {
            pemilihan.push((href, e.nama.clone()));
        }
    }
    render(HalamanPilih { pemilihan })
}

#[derive(Template)]
#[template(path = "medsos.html")]
struct HalamanBeranda {
    judul: String,
    dasar: String,
    csrf: String,
    mulai: String,
    akhir: String,
    tenang_awal: String,
    tenang_akhir: String,
    pemungutan: String,
    /// The dates as the form's date inputs take them.
    mulai_isi: String,
    akhir_isi: String,
    asal_masa: String,
    /// Today lies in the quiet period.
    masa_tenang_kini: bool,
    akun_aktif: usize,
    belum_didaftarkan: usize,
    tanpa_dua_langkah: usize,
    rotasi_terbuka: usize,
    /// What waits on the team: (list link, count, label, needs attention).
    antrean: Vec<(String, usize, String, bool)>,
    /// Links to the other parts of the room this person may open: (href, text).
    bagian: Vec<(String, String)>,
    boleh_atur: bool,
    wajib_periksa: bool,
    /// (id, name, chosen as reviewer)
    peninjau: Vec<(String, String, bool)>,
}

async fn beranda(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let boleh_atur = boleh(&m, &r, posko_domain::Izin::SetujuiMedsos);
    let tim = if boleh_atur {
        s.posko.tim_medsos_terlihat(&m.pengguna, id).await?
    } else {
        Vec::new()
    };
    let dipilih: Vec<String> = r
        .pengaturan
        .as_ref()
        .map(|p| p.isi.peninjau.iter().map(|x| x.to_string()).collect())
        .unwrap_or_default();
    let mut bagian = Vec::new();
    for (rute, teks) in [
        ("/pemilihan/{id}/medsos/kalender", "medsos-bagian-kalender"),
        ("/pemilihan/{id}/medsos/isu", "medsos-bagian-isu"),
        ("/pemilihan/{id}/medsos/analitik", "medsos-bagian-analitik"),
    ] {
        if let Some(href) = crate::menu::tautan(&s, &m, rute, &[("id", id.to_string())]).await {
            bagian.push((href, crate::t(teks)));
        }
    }
    let aktif: Vec<_> = r.akun.iter().filter(|a| !a.isi.pensiun).collect();
    let (tenang_awal, tenang_akhir) = r.masa.masa_tenang();
    render(HalamanBeranda {
        judul: crate::t1("medsos-judul", "nama", r.pemilihan.nama.clone()),
        dasar: dasar(&r),
        csrf: m.sesi.csrf.clone(),
        mulai: crate::format::tanggal(r.masa.mulai),
        akhir: crate::format::tanggal(r.masa.akhir),
        tenang_awal: crate::format::tanggal(tenang_awal),
        tenang_akhir: crate::format::tanggal(tenang_akhir),
        pemungutan: crate::format::tanggal(r.masa.pemungutan),
        mulai_isi: r.masa.mulai.to_string(),
        akhir_isi: r.masa.akhir.to_string(),
        asal_masa: crate::t(match r.asal_masa {
            posko_app::medsos::AsalMasa::Pengaturan => "medsos-masa-pengaturan",
            posko_app::medsos::AsalMasa::Dana => "medsos-masa-dana",
            posko_app::medsos::AsalMasa::Pola2024 => "medsos-masa-pola",
        }),
        masa_tenang_kini: (tenang_awal..=tenang_akhir).contains(&r.hari_ini),
        akun_aktif: aktif.len(),
        belum_didaftarkan: aktif.iter().filter(|a| a.isi.kpu_tanggal.is_none()).count(),
        tanpa_dua_langkah: aktif.iter().filter(|a| !a.isi.dua_langkah).count(),
        rotasi_terbuka: r.rotasi.iter().filter(|t| !t.isi.selesai()).count(),
        antrean: antrean(&r),
        bagian,
        boleh_atur,
        wajib_periksa: r.pengaturan.as_ref().is_some_and(|p| p.isi.wajib_periksa),
        peninjau: tim
            .into_iter()
            .map(|(i, n)| {
                let pilih = dipilih.contains(&i);
                (i, n, pilih)
            })
            .collect(),
    })
}

/// The drafts waiting on a reviewer or an approver and the claims still
/// open, each count linking to the filtered list it counts.
fn antrean(r: &RuangMedsos) -> Vec<(String, usize, String, bool)> {
    use posko_domain::medsos::{StatusIsu, StatusKonten};
    let d = dasar(r);
    let mut out = Vec::new();
    for (st, label) in [
        (StatusKonten::Ditinjau, "medsos-antrean-ditinjau"),
        (StatusKonten::Diperiksa, "medsos-antrean-diperiksa"),
        (StatusKonten::Disetujui, "medsos-antrean-disetujui"),
    ] {
        let n = r.konten.iter().filter(|k| k.isi.status == st).count();
        out.push((
            format!("{d}/kalender?status={}", st.slug()),
            n,
            crate::t(label),
            n > 0,
        ));
    }
    for (st, label) in [
        (StatusIsu::Dipantau, "medsos-antrean-isu-dipantau"),
        (StatusIsu::Dijawab, "medsos-antrean-isu-dijawab"),
    ] {
        let n = r.isu.iter().filter(|i| i.isi.status == st).count();
        out.push((
            format!("{d}/isu?status={}", st.slug()),
            n,
            crate::t(label),
            n > 0,
        ));
    }
    out
}

/// `30 November 2029 10.15 WIB`: a moment of the room (unix seconds) as
/// every page writes it; the room's dates (campaign period, quiet period,
/// planned posts) are WIB, as the campaign period is set.
pub(crate) fn waktu_wib(detik: i64) -> String {
    crate::format::waktu(detik, posko_domain::ZonaWaktu::Wib)
}

/// A room form's text fields and its one file (a draft's photo, a
/// claim's screenshot, an analytics export).
pub(crate) struct KirimanBerkas {
    pub isian: Vec<(String, String)>,
    /// (file name, bytes); None when the form came without one.
    pub berkas: Option<(String, Vec<u8>)>,
}

/// Reads a room's `multipart/form-data` form: the CSRF token first (no
/// file is read before it), then at most one file (a part with a file
/// name, or named `nama_berkas`; an empty unnamed part, a file input left
/// empty, is ignored). `Ok(Err(r))` is the token's refusal to answer as
/// it is. A refusal before the body's end reads the rest first
/// (`habiskan_unggahan`), so a phone sees why rather than a cut
/// connection.
pub(crate) async fn baca_kiriman_berkas(
    m: &Masuk,
    headers: &axum::http::HeaderMap,
    req: axum::extract::Request,
    nama_berkas: &str,
) -> Result<Result<KirimanBerkas, axum::response::Response>, PageError> {
    use axum::extract::FromRequest;
    use axum::http::StatusCode;
    fn tak_terbaca(e: impl std::fmt::Display) -> PageError {
        PageError(
            StatusCode::BAD_REQUEST,
            crate::t1("galat-formulir-tidak-terbaca", "galat", e.to_string()),
        )
    }
    let multipart = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        return Err(PageError(
            StatusCode::BAD_REQUEST,
            crate::t("galat-formulir-tanpa-token"),
        ));
    }
    let mut mp = axum::extract::Multipart::from_request(req, &())
        .await
        .map_err(tak_terbaca)?;
    let mut csrf_sah = false;
    let mut kiriman = KirimanBerkas {
        isian: Vec::new(),
        berkas: None,
    };
    let ditolak = loop {
        let Some(field) = mp.next_field().await.map_err(tak_terbaca)? else {
            break None;
        };
        let nama = field.name().unwrap_or_default().to_string();
        if field.file_name().is_some() || nama == nama_berkas {
            if !csrf_sah {
                break Some(Err(PageError(
                    StatusCode::BAD_REQUEST,
                    crate::t("galat-token-sebelum-foto"),
                )));
            }
            let nama_file = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(tak_terbaca)?;
            if bytes.is_empty() && nama_file.is_empty() {
                continue;
            }
            if kiriman.berkas.is_some() {
                break Some(Err(PageError(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    crate::t("medsos-analitik-satu-berkas"),
                )));
            }
            kiriman.berkas = Some((nama_file, bytes.to_vec()));
            continue;
        }
        let nilai = field.text().await.map_err(tak_terbaca)?;
        if nama == "csrf" {
            if let Some(r) = crate::auth::form_ditolak(m, &nilai, headers) {
                break Some(Ok(r));
            }
            csrf_sah = true;
        }
        kiriman.isian.push((nama, nilai));
    };
    if let Some(jawaban) = ditolak {
        crate::param::habiskan_unggahan(&mut mp).await;
        return jawaban.map(Err);
    }
    if !csrf_sah {
        return Err(PageError(
            StatusCode::BAD_REQUEST,
            crate::t("galat-formulir-tanpa-token"),
        ));
    }
    Ok(Ok(kiriman))
}
