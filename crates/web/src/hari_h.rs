//! Election-day presence and incidents over HTTP: the saksi's check-in and
//! incident forms (on their TPS page), and the same as JSON for apps and
//! gateways. The coordinators' watch page is `pantau.rs`.

use axum::Extension;
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use posko_app::KATEGORI_INSIDEN;
use posko_domain::KodeTps;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk};
use crate::error::{ApiError, PageError};
use crate::{AppState, BODY_LIMIT_FOTO, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let kirim = Izin(posko_domain::Izin::IsianHasil, Sasaran::Tps);
    r.add(
        "POST",
        "/pemilihan/{id}/tps/{kode}/checkin",
        "/pemilihan/{id}/tps/3171011001001/checkin",
        kirim,
        post(checkin_post),
    )
    .add_dengan_batas(
        "POST",
        "/pemilihan/{id}/tps/{kode}/insiden",
        "/pemilihan/{id}/tps/3171011001001/insiden",
        kirim,
        BODY_LIMIT_FOTO,
        post(insiden_post),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/tps/{kode}/checkin",
        "/api/v1/pemilihan/{id}/tps/3171011001001/checkin",
        kirim,
        post(api_checkin),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/tps/{kode}/insiden",
        "/api/v1/pemilihan/{id}/tps/3171011001001/insiden",
        kirim,
        post(api_insiden),
    )
}

fn kembali(id: Uuid, tps: KodeTps, pesan: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            format!("/pemilihan/{id}/tps/{}/kirim?pesan={pesan}", tps.undotted()),
        )],
    )
        .into_response()
}

#[derive(Deserialize)]
struct CheckinForm {
    csrf: String,
}

async fn checkin_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode)): Path<(String, String)>,
    axum::Form(f): axum::Form<CheckinForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    s.posko.checkin(&m.pengguna, id, tps, None).await?;
    Ok(kembali(id, tps, "checkin"))
}

async fn insiden_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, kode)): Path<(String, String)>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let bad = |msg: String| PageError(StatusCode::BAD_REQUEST, msg);
    let (mut ok, mut kategori, mut teks, mut foto) =
        (false, String::new(), String::new(), Vec::new());
    // A refusal before the body's end, answered once the rest is read
    // (a phone would otherwise see a broken connection and retry).
    let mut ditolak = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        bad(crate::t1(
            "galat-formulir-tidak-terbaca",
            "galat",
            e.to_string(),
        ))
    })? {
        match field.name().unwrap_or_default() {
            "csrf" => {
                let t = field.text().await.unwrap_or_default();
                if let Some(r) = form_ditolak(&m, &t, &headers) {
                    ditolak = Some(Ok(r));
                    break;
                }
                ok = true;
            }
            _ if !ok => {
                ditolak = Some(Err(bad(crate::t("galat-token-paling-depan"))));
                break;
            }
            "kategori" => kategori = field.text().await.unwrap_or_default(),
            "teks" => teks = field.text().await.unwrap_or_default(),
            "foto" => {
                let b = field.bytes().await.map_err(|e| {
                    bad(crate::t1(
                        "galat-foto-tidak-terbaca",
                        "galat",
                        e.to_string(),
                    ))
                })?;
                if !b.is_empty() {
                    foto.push(s.posko.simpan_foto(&m.pengguna, &b).await?);
                }
            }
            _ => {}
        }
    }
    if let Some(jawaban) = ditolak {
        crate::param::habiskan_unggahan(&mut multipart).await;
        return jawaban;
    }
    if !ok {
        return Err(bad(crate::t("galat-formulir-tanpa-token")));
    }
    s.posko
        .lapor_insiden(&m.pengguna, id, tps, &kategori, &teks, foto)
        .await?;
    Ok(kembali(id, tps, "insiden"))
}

#[derive(Deserialize)]
pub(crate) struct CheckinBody {
    lat: Option<f64>,
    lng: Option<f64>,
}

/// A saksi checks in at their TPS (optionally with the phone's location).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/tps/{kode}/checkin",
    params(("id" = String, Path, description = "Id pemilihan"), ("kode" = String, Path, description = "Kode TPS")),
    request_body(content = serde_json::Value, description = "{\"lat\": -6.9, \"lng\": 107.6} atau {}"),
    responses((status = 201, description = "Check-in tercatat"), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_checkin(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m =
        p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let b: CheckinBody = crate::param::json_body(&body, "isi permintaan tidak sah")?;
    let c = s
        .posko
        .checkin(&m.pengguna, id, tps, b.lat.zip(b.lng))
        .await?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

#[derive(Deserialize)]
pub(crate) struct InsidenBody {
    kategori: String,
    teks: String,
    #[serde(default)]
    foto: Vec<String>,
}

/// Reports an incident at a TPS.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/tps/{kode}/insiden",
    params(("id" = String, Path, description = "Id pemilihan"), ("kode" = String, Path, description = "Kode TPS")),
    request_body(content = serde_json::Value, description = "{\"kategori\": \"saksi_dihalangi|intimidasi|politik_uang|logistik|pemilih|penghitungan|lain\", \"teks\": \"…\", \"foto\": [\"<sha256>\"]}"),
    responses((status = 201, description = "Laporan tercatat"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_insiden(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m =
        p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let b: InsidenBody = crate::param::json_body(&body, "isi permintaan tidak sah")?;
    let i = s
        .posko
        .lapor_insiden(&m.pengguna, id, tps, &b.kategori, &b.teks, b.foto)
        .await?;
    Ok((StatusCode::CREATED, Json(i)).into_response())
}

/// The incident category in the page's language. Stored codes are the
/// app's (`KATEGORI_INSIDEN`, whose Indonesian labels the SMS grammar
/// uses); one not listed here shows the app's label, else its code.
pub(crate) fn label_kategori(kode: &str) -> String {
    match kode {
        "saksi_dihalangi" => crate::t("insiden-saksi-dihalangi"),
        "intimidasi" => crate::t("insiden-intimidasi"),
        "politik_uang" => crate::t("insiden-politik-uang"),
        "logistik" => crate::t("insiden-logistik"),
        "pemilih" => crate::t("insiden-pemilih"),
        "penghitungan" => crate::t("insiden-penghitungan"),
        "lain" => crate::t("insiden-lain"),
        _ => KATEGORI_INSIDEN
            .iter()
            .find(|(k, _)| *k == kode)
            .map(|(_, l)| l.to_string())
            .unwrap_or_else(|| kode.to_string()),
    }
}
