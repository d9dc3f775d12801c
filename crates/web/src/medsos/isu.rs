//! The social-media room: the issue desk (isu dan hoaks) for people
//! (`/pemilihan/{id}/medsos/isu`: the list by status with counts, a
//! claim's page with its log, weekly summary and versions, forms for the
//! steps the person may take) and for scripts (`/api/v1/…/medsos/isu`).
//! The platforms' analytics imports are in [`analitik`].
//!
//! Policy: reading `Izin::LihatMedsos`, writing `TulisMedsos`, approving
//! a response `SetujuiMedsos`, over the election's whole region.

#[path = "analitik.rs"]
pub(crate) mod analitik;
pub(crate) mod api;
mod formulir;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, extract::Query};
use posko_app::medsos::{IsuBaru, IsuMedsos, Tersimpan, ringkasan_mingguan};
use posko_domain::Izin as I;
use posko_domain::ZonaWaktu;
use posko_domain::medsos::StatusIsu;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::*;
use crate::auth::form_ditolak;
use crate::error::ApiError;

const CONTOH_ISU: &str = "/pemilihan/{id}/medsos/isu/00000000-0000-0000-0000-000000000000";

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = Izin(I::LihatMedsos, Sasaran::PemilihanUtuh);
    let tulis = Izin(I::TulisMedsos, Sasaran::PemilihanUtuh);
    let setujui = Izin(I::SetujuiMedsos, Sasaran::PemilihanUtuh);
    let r = r
        .add(
            "GET",
            "/pemilihan/{id}/medsos/isu",
            "/pemilihan/{id}/medsos/isu",
            lihat,
            get(daftar),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/isu",
            "/pemilihan/{id}/medsos/isu",
            tulis,
            post(formulir::catat_post),
        )
        .add(
            "GET",
            "/pemilihan/{id}/medsos/isu/{isu}",
            CONTOH_ISU,
            lihat,
            get(detail),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/isu/{isu}",
            CONTOH_ISU,
            tulis,
            post(formulir::ubah_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/isu/{isu}/status",
            "/pemilihan/{id}/medsos/isu/00000000-0000-0000-0000-000000000000/status",
            tulis,
            post(formulir::status_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/isu/{isu}/setujui",
            "/pemilihan/{id}/medsos/isu/00000000-0000-0000-0000-000000000000/setujui",
            setujui,
            post(formulir::setujui_post),
        )
        .add(
            "POST",
            "/pemilihan/{id}/medsos/isu/{isu}/catatan",
            "/pemilihan/{id}/medsos/isu/00000000-0000-0000-0000-000000000000/catatan",
            tulis,
            post(formulir::catatan_post),
        )
        .add_dengan_batas(
            "POST",
            "/pemilihan/{id}/medsos/isu/{isu}/tangkapan",
            "/pemilihan/{id}/medsos/isu/00000000-0000-0000-0000-000000000000/tangkapan",
            tulis,
            posko_app::foto::FOTO_MAKS + 64 * 1024,
            post(formulir::tangkapan_post),
        )
        .add(
            "GET",
            "/pemilihan/{id}/medsos/isu/{isu}/tangkapan/{hash}",
            "/pemilihan/{id}/medsos/isu/00000000-0000-0000-0000-000000000000/tangkapan/00",
            lihat,
            get(formulir::tangkapan),
        )
        .add(
            "GET",
            "/api/v1/pemilihan/{id}/medsos/isu",
            "/api/v1/pemilihan/{id}/medsos/isu",
            lihat,
            get(api::api_daftar_isu),
        )
        .add(
            "POST",
            "/api/v1/pemilihan/{id}/medsos/isu",
            "/api/v1/pemilihan/{id}/medsos/isu",
            tulis,
            post(api::api_catat_isu),
        )
        .add(
            "POST",
            "/api/v1/pemilihan/{id}/medsos/isu/{isu}/status",
            "/api/v1/pemilihan/{id}/medsos/isu/00000000-0000-0000-0000-000000000000/status",
            tulis,
            post(api::api_status_isu),
        );
    analitik::routes(r)
}

const SEMUA_STATUS: [StatusIsu; 4] = [
    StatusIsu::Dipantau,
    StatusIsu::Dijawab,
    StatusIsu::Terjawab,
    StatusIsu::Ditutup,
];

fn status_label(s: StatusIsu) -> String {
    crate::t(match s {
        StatusIsu::Dipantau => "medsos-isu-status-dipantau",
        StatusIsu::Dijawab => "medsos-isu-status-dijawab",
        StatusIsu::Terjawab => "medsos-isu-status-terjawab",
        StatusIsu::Ditutup => "medsos-isu-status-ditutup",
    })
}

fn status_dari(s: &str) -> Option<StatusIsu> {
    SEMUA_STATUS.into_iter().find(|x| x.slug() == s)
}

fn waktu(detik: i64) -> String {
    crate::format::waktu(detik, ZonaWaktu::Wib)
}

fn isu_id(s: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(s).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        )
    })
}

fn tanggal_isian(s: &str) -> Result<Option<time::Date>, posko_app::AppError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| posko_app::AppError::Invalid(format!("tanggal '{s}' tidak sah (YYYY-MM-DD)")))
}

// ---------------------------------------------------------------- list

struct HitungStatus {
    label: String,
    href: String,
    jumlah: usize,
    aktif: bool,
}

struct BarisIsu {
    href: String,
    judul: String,
    status: String,
    slug: &'static str,
    pertama: String,
    tempat: String,
    disetujui: bool,
}

#[derive(Template)]
#[template(path = "medsos_isu.html")]
struct HalamanDaftar {
    judul: String,
    dasar: String,
    csrf: String,
    hitung: Vec<HitungStatus>,
    semua_href: String,
    semua_jumlah: usize,
    isu: Vec<BarisIsu>,
    boleh_tulis: bool,
    hari_ini: String,
    analitik_href: String,
}

#[derive(Deserialize)]
struct KueriDaftar {
    #[serde(default)]
    status: String,
}

async fn daftar(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<KueriDaftar>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let saring = status_dari(&q.status);
    let dasar = dasar(&r);
    let hitung = SEMUA_STATUS
        .into_iter()
        .map(|st| HitungStatus {
            label: status_label(st),
            href: format!("{dasar}/isu?status={}", st.slug()),
            jumlah: r.isu.iter().filter(|i| i.isi.status == st).count(),
            aktif: saring == Some(st),
        })
        .collect();
    let mut semua: Vec<&Tersimpan<IsuMedsos>> = r
        .isu
        .iter()
        .filter(|i| saring.is_none_or(|st| i.isi.status == st))
        .collect();
    semua.sort_by_key(|i| {
        (
            std::cmp::Reverse(i.isi.pertama_terlihat),
            std::cmp::Reverse(i.id),
        )
    });
    let isu = semua
        .into_iter()
        .map(|i| BarisIsu {
            href: format!("{dasar}/isu/{}", i.id),
            judul: i.isi.judul.clone(),
            status: status_label(i.isi.status),
            slug: i.isi.status.slug(),
            pertama: crate::format::tanggal(i.isi.pertama_terlihat),
            tempat: i.isi.tempat.clone(),
            disetujui: i.isi.tanggapan_disetujui.is_some(),
        })
        .collect();
    render(HalamanDaftar {
        judul: crate::t1("medsos-isu-judul", "nama", r.pemilihan.nama.clone()),
        csrf: m.sesi.csrf.clone(),
        hitung,
        semua_href: format!("{dasar}/isu"),
        semua_jumlah: r.isu.len(),
        isu,
        boleh_tulis: boleh(&m, &r, I::TulisMedsos),
        hari_ini: r.hari_ini.to_string(),
        analitik_href: format!("{dasar}/analitik"),
        dasar,
    })
}

// ---------------------------------------------------------------- detail

struct BarisCatatan {
    oleh: String,
    waktu: String,
    teks: String,
    status: String,
    konten: usize,
}

struct BarisMinggu {
    minggu: String,
    mulai: String,
    catatan: usize,
    status: String,
    konten: usize,
}

struct BarisVersi {
    versi: i64,
    oleh: String,
    waktu: String,
    status: String,
}

struct Langkah {
    slug: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "medsos_isu_detail.html")]
struct HalamanDetail {
    judul: String,
    dasar: String,
    aksi: String,
    csrf: String,
    isu: IsuMedsos,
    status: String,
    slug: &'static str,
    pertama: String,
    penulis_tanggapan: String,
    disetujui: Option<String>,
    tautan_teks: String,
    catatan: Vec<BarisCatatan>,
    mingguan: Vec<BarisMinggu>,
    versi: Vec<BarisVersi>,
    langkah: Vec<Langkah>,
    terjawab_tertahan: bool,
    boleh_tulis: bool,
    boleh_setujui: bool,
    setujui_sendiri: bool,
    /// The calendar items that answer it: (link, title).
    konten: Vec<(String, String)>,
    /// Every calendar item, for the edit form: (id, title, status, linked).
    pilihan_konten: Vec<(String, String, String, bool)>,
}

fn teks_status(dari: StatusIsu, ke: StatusIsu) -> String {
    format!("{} → {}", status_label(dari), status_label(ke))
}

async fn detail(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, isu)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let isu_id = isu_id(&isu)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let Some(t) = r.cari_isu(isu_id) else {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        ));
    };
    let riwayat = s.posko.riwayat_isu_medsos(&m.pengguna, id, isu_id).await?;
    let i = t.isi.clone();
    let dasar = dasar(&r);
    let boleh_tulis = boleh(&m, &r, I::TulisMedsos);
    let boleh_setujui = boleh(&m, &r, I::SetujuiMedsos)
        && !i.tanggapan.is_empty()
        && i.tanggapan_disetujui.is_none();
    let setujui_sendiri = boleh_setujui && i.penulis_tanggapan == Some(m.pengguna.id);
    let mut terjawab_tertahan = false;
    let langkah = SEMUA_STATUS
        .into_iter()
        .filter(|ke| i.status.boleh_ke(*ke))
        .filter(|ke| {
            let tahan = (*ke == StatusIsu::Terjawab && i.tanggapan_disetujui.is_none())
                || (*ke == StatusIsu::Dijawab && i.tanggapan.is_empty());
            terjawab_tertahan |= tahan;
            !tahan
        })
        .map(|ke| Langkah {
            slug: ke.slug(),
            label: status_label(ke),
        })
        .collect();
    let catatan = i
        .catatan
        .iter()
        .rev()
        .map(|c| BarisCatatan {
            oleh: r.nama(c.oleh),
            waktu: waktu(c.waktu),
            teks: c.teks.clone(),
            status: c.status.map(|(a, b)| teks_status(a, b)).unwrap_or_default(),
            konten: c.konten.len(),
        })
        .collect();
    let mingguan = ringkasan_mingguan(&i)
        .into_iter()
        .map(|w| BarisMinggu {
            minggu: format!("{}-W{:02}", w.tahun, w.minggu),
            mulai: crate::format::tanggal(w.mulai),
            catatan: w.catatan,
            status: w
                .status
                .iter()
                .map(|(a, b)| teks_status(*a, *b))
                .collect::<Vec<_>>()
                .join("; "),
            konten: w.konten,
        })
        .collect();
    let versi = riwayat
        .iter()
        .rev()
        .map(|v| BarisVersi {
            versi: v.versi,
            oleh: r.nama(v.oleh),
            waktu: waktu(v.waktu),
            status: status_label(v.isi.status),
        })
        .collect();
    render(HalamanDetail {
        judul: i.judul.clone(),
        aksi: format!("{dasar}/isu/{isu_id}"),
        csrf: m.sesi.csrf.clone(),
        status: status_label(i.status),
        slug: i.status.slug(),
        pertama: crate::format::tanggal(i.pertama_terlihat),
        penulis_tanggapan: i.penulis_tanggapan.map(|x| r.nama(x)).unwrap_or_default(),
        disetujui: i
            .tanggapan_disetujui
            .map(|(o, w)| format!("{}, {}", r.nama(o), waktu(w))),
        tautan_teks: i.tautan.join("\n"),
        konten: i
            .konten
            .iter()
            .map(|k| {
                let judul = r
                    .cari_konten(*k)
                    .map_or_else(|| k.to_string(), |x| x.isi.judul.clone());
                (format!("{}/konten/{k}", super::dasar(&r)), judul)
            })
            .collect(),
        pilihan_konten: r
            .konten
            .iter()
            .filter(|k| k.isi.status != posko_domain::medsos::StatusKonten::Dibatalkan)
            .map(|k| {
                (
                    k.id.to_string(),
                    k.isi.judul.clone(),
                    crate::format::tanggal(k.isi.rencana.date()),
                    i.konten.contains(&k.id),
                )
            })
            .collect(),
        catatan,
        mingguan,
        versi,
        langkah,
        terjawab_tertahan,
        boleh_tulis,
        boleh_setujui: boleh_setujui && !setujui_sendiri,
        setujui_sendiri,
        isu: i,
        dasar,
    })
}
