//! Field operations (issue 24) for people: `/lapangan` lists the
//! elections whose field room one may open; `/pemilihan/{id}/lapangan` is
//! the room's home: what waits on this person (their tasks, the events
//! of the week, the APK still to take down), each count linking to its
//! list. Each part has its module: [`acara`] (events, invitations, the
//! door), [`apk`] (campaign materials), [`tugas`] (tasks down the tree).
//! Every rule is the app's (`posko_app::lapangan`).
//!
//! Policy: `Izin::KerjaLapangan` opens the room and works in it,
//! `KelolaLapangan` plans; both over any scope touching the election's
//! region (`Sasaran::Pemilihan`): the app checks each record's area.

pub(crate) mod acara;
pub(crate) mod apk;
pub(crate) mod survei;
pub(crate) mod tugas;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Html;
use axum::routing::get;
use posko_app::lapangan::RuangLapangan;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, masuk};
use crate::error::PageError;
use crate::pages::render;
use crate::{AppState, Rutes};
use posko_app::Masuk;

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let r = r
        .add(
            "GET",
            "/lapangan",
            "/lapangan",
            Izin(posko_domain::Izin::KerjaLapangan, Sasaran::Manapun),
            get(pilih_pemilihan),
        )
        .add(
            "GET",
            "/pemilihan/{id}/lapangan",
            "/pemilihan/{id}/lapangan",
            Izin(posko_domain::Izin::KerjaLapangan, Sasaran::Pemilihan),
            get(beranda),
        );
    let r = acara::routes(r);
    let r = apk::routes(r);
    let r = survei::routes(r);
    tugas::routes(r)
}

/// The room's base path.
pub(crate) fn dasar(r: &RuangLapangan) -> String {
    format!("/pemilihan/{}/lapangan", r.pemilihan.id)
}

/// Whether the person holds `izin` somewhere in the election's region
/// (for showing a form; the use case asks again for the record's area).
pub(crate) fn boleh(m: &Masuk, r: &RuangLapangan, izin: posko_domain::Izin) -> bool {
    m.pengguna
        .penugasan
        .iter()
        .any(|t| t.peran.izin().contains(&izin) && t.cakupan.bersinggungan(&r.pemilihan.wilayah))
}

/// One count on the home: (list link, count, label, needs attention).
pub(crate) type Angka = (String, usize, String, bool);

#[derive(Template)]
#[template(path = "lapangan_pilih.html")]
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
            "/pemilihan/{id}/lapangan",
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
#[template(path = "lapangan.html")]
struct HalamanBeranda {
    judul: String,
    masa: String,
    masa_tenang_kini: bool,
    antrean: Vec<Angka>,
    /// The room's parts: (href, text).
    bagian: Vec<(String, String)>,
    /// This person's own open tasks: (href, title, due, overdue).
    tugas_saya: Vec<(String, String, String, bool)>,
}

async fn beranda(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_lapangan(&m.pengguna, id, &[]).await?;
    let d = dasar(&r);
    let mut antrean = acara::angka(&r);
    antrean.extend(apk::angka(&r, &m));
    antrean.extend(tugas::angka(&r, &m));
    let bagian = vec![
        (format!("{d}/acara"), crate::t("lapangan-bagian-acara")),
        (format!("{d}/apk"), crate::t("lapangan-bagian-apk")),
        (format!("{d}/tugas"), crate::t("lapangan-bagian-tugas")),
        (format!("{d}/survei"), crate::t("lapangan-bagian-survei")),
    ];
    render(HalamanBeranda {
        judul: crate::t1("lapangan-judul", "pemilihan", r.pemilihan.nama.clone()),
        masa: format!(
            "{} – {}",
            crate::format::tanggal(r.masa.mulai),
            crate::format::tanggal(r.masa.akhir)
        ),
        masa_tenang_kini: r.hari_ini > r.masa.akhir && r.hari_ini < r.masa.pemungutan,
        antrean,
        bagian,
        tugas_saya: tugas::milik(&r, &m),
    })
}
