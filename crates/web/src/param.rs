//! Path segments parsed once, with the same 404 for every page that takes
//! them.

use axum::http::StatusCode;
use posko_domain::{KodeTps, KodeWilayah};
use uuid::Uuid;

use crate::error::{ApiError, PageError};

pub fn pemilihan(id: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(id).map_err(|_| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t1("galat-pemilihan-tidak-ditemukan", "id", id),
        )
    })
}

pub fn tps(kode: &str) -> Result<KodeTps, PageError> {
    KodeTps::parse(kode).map_err(|e| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t2("galat-kode-tps", "kode", kode, "galat", e.to_string()),
        )
    })
}

pub fn wilayah(kode: &str) -> Result<KodeWilayah, PageError> {
    KodeWilayah::parse(kode).map_err(|e| {
        PageError(
            StatusCode::NOT_FOUND,
            crate::t2("galat-kode-wilayah", "kode", kode, "galat", e.to_string()),
        )
    })
}

/// `/pemilihan/{id}/tps/{kode}/…`
pub fn pemilihan_tps(id: &str, kode: &str) -> Result<(Uuid, KodeTps), PageError> {
    Ok((pemilihan(id)?, tps(kode)?))
}

/// A JSON body, or a JSON error saying what is wrong with it (`apa` names
/// what was expected). An empty body reads as `{}`.
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8], apa: &str) -> Result<T, ApiError> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body)
        .map_err(|e| ApiError(StatusCode::UNPROCESSABLE_ENTITY, format!("{apa}: {e}")))
}

/// Reads and drops what is left of a multipart upload that is refused
/// before its end (a stale or forged token, a file before the token, one
/// file too many). Answering and closing mid-upload leaves the sender
/// with a broken connection instead of the answer: a phone's queued form
/// would then retry for ever rather than show why it was refused. What is
/// left is bounded by the route's body limit.
pub(crate) async fn habiskan_unggahan(multipart: &mut axum::extract::Multipart) {
    while let Ok(Some(mut bagian)) = multipart.next_field().await {
        while let Ok(Some(_)) = bagian.chunk().await {}
    }
}
