//! The doorstep survey of an election: its questions listed, added,
//! edited, retired and asked again by those who manage the election.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use posko_app::AppError;
use posko_domain::kunjungan::IsianPertanyaan;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::error::PageError;
use crate::pages::render;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    let kelola = Kebijakan::Izin(posko_domain::Izin::KelolaPemilihan, Sasaran::Pemilihan);
    r.add(
        "GET",
        "/pemilihan/{id}/survei",
        "/pemilihan/{id}/survei",
        kelola,
        get(survei_page),
    )
    .add(
        "POST",
        "/pemilihan/{id}/survei",
        "/pemilihan/{id}/survei",
        kelola,
        post(simpan),
    )
    .add(
        "POST",
        "/pemilihan/{id}/survei/{kode}/status",
        "/pemilihan/{id}/survei/isu/status",
        kelola,
        post(ubah_status),
    )
}

struct Soal {
    kode: String,
    teks: String,
    teks_en: String,
    pilihan: Vec<String>,
    pilihan_teks: String,
    aktif: bool,
}

/// What was typed in the add/edit form, shown again on a refusal.
#[derive(Default)]
struct Isian {
    kode: String,
    teks: String,
    teks_en: String,
    pilihan: String,
}

#[derive(Template)]
#[template(path = "survei.html")]
struct SurveiPage {
    id: Uuid,
    nama: String,
    csrf: String,
    bawaan: bool,
    soal: Vec<Soal>,
    isian: Isian,
    galat: Option<String>,
    disimpan: bool,
}

#[derive(Deserialize, Default)]
struct SurveiQ {
    disimpan: Option<String>,
}

async fn susun(
    s: &AppState,
    csrf: &str,
    id: Uuid,
    isian: Isian,
    galat: Option<String>,
    disimpan: bool,
) -> Result<SurveiPage, PageError> {
    let v = s.posko.survei_pemilihan(id).await?;
    Ok(SurveiPage {
        id,
        nama: v.pemilihan.map(|p| p.nama).unwrap_or_default(),
        csrf: csrf.to_string(),
        bawaan: v.bawaan,
        soal: v
            .pertanyaan
            .into_iter()
            .map(|q| Soal {
                pilihan: q
                    .pilihan
                    .iter()
                    .map(|p| format!("{} ({})", p.label, p.kode))
                    .collect(),
                pilihan_teks: q.pilihan_teks(),
                kode: q.kode,
                teks: q.teks,
                teks_en: q.teks_en.unwrap_or_default(),
                aktif: q.aktif,
            })
            .collect(),
        isian,
        galat,
        disimpan,
    })
}

async fn survei_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<SurveiQ>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    render(
        susun(
            &s,
            &m.sesi.csrf,
            id,
            Isian::default(),
            None,
            q.disimpan.is_some(),
        )
        .await?,
    )
}

fn nilai<'a>(f: &'a [(String, String)], k: &str) -> Option<&'a str> {
    f.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

/// The CSRF check: a form without the field is incomplete (422), a wrong
/// token is refused (403).
fn periksa(
    m: &posko_app::Masuk,
    f: &[(String, String)],
    headers: &HeaderMap,
) -> Result<Option<Response>, PageError> {
    match nilai(f, "csrf") {
        None => Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("galat-formulir-tidak-lengkap"),
        )),
        Some(c) => Ok(form_ditolak(m, c, headers)),
    }
}

fn ke_halaman(id: Uuid) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            format!("/pemilihan/{id}/survei?disimpan=1"),
        )],
    )
        .into_response()
}

async fn simpan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = periksa(&m, &f, &headers)? {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let isian = Isian {
        kode: nilai(&f, "kode").unwrap_or_default().to_string(),
        teks: nilai(&f, "teks").unwrap_or_default().to_string(),
        teks_en: nilai(&f, "teks_en").unwrap_or_default().to_string(),
        pilihan: nilai(&f, "pilihan").unwrap_or_default().to_string(),
    };
    let hasil = s
        .posko
        .simpan_pertanyaan(
            &m.pengguna,
            id,
            &IsianPertanyaan {
                kode: &isian.kode,
                teks: &isian.teks,
                teks_en: &isian.teks_en,
                pilihan: &isian.pilihan,
            },
        )
        .await;
    match hasil {
        Ok(_) => Ok(ke_halaman(id)),
        Err(AppError::Invalid(e)) => {
            let page = susun(&s, &m.sesi.csrf, id, isian, Some(e), false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn ubah_status(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = periksa(&m, &f, &headers)? {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let aktif = nilai(&f, "aktif") == Some("ya");
    match s
        .posko
        .ubah_status_pertanyaan(&m.pengguna, id, &kode, aktif)
        .await
    {
        Ok(()) => Ok(ke_halaman(id)),
        Err(AppError::Invalid(e)) => {
            let page = susun(&s, &m.sesi.csrf, id, Isian::default(), Some(e), false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
