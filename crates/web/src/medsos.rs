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

mod akun;
pub(crate) mod isu;
mod konten;

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
use posko_app::Masuk;

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
}

async fn beranda(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    render(HalamanBeranda {
        judul: crate::t1("medsos-judul", "nama", r.pemilihan.nama.clone()),
        dasar: dasar(&r),
    })
}
