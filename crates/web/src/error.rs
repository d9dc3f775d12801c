//! Turning use-case errors into HTTP answers: JSON for the API, a page for
//! browsers. Internal failures are logged in full and shown briefly.

use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use posko_app::AppError;
use serde::Serialize;

fn status_of(e: &AppError) -> StatusCode {
    match e {
        // An outage: the request was fine, send it again shortly.
        e if e.tidak_tersedia() => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Invalid(_) | AppError::File(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::NotFound(_) => StatusCode::NOT_FOUND,
        AppError::Dilarang(_) => StatusCode::FORBIDDEN,
        AppError::Konflik(_) => StatusCode::CONFLICT,
        AppError::Store(_) | AppError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        AppError::Sibuk(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// Seconds a 503 asks the client to wait: about the time a request queues
/// for an Argon2 turn before it is refused, and a fair pause before asking
/// a database that could not be reached again.
pub fn coba_lagi_detik() -> String {
    posko_app::ARGON2_TUNGGU.as_secs().max(1).to_string()
}

/// A 503 says when to come back, so browsers and scripts do not hammer.
fn dengan_retry_after(status: StatusCode, mut r: Response) -> Response {
    if status == StatusCode::SERVICE_UNAVAILABLE
        && let Ok(v) = axum::http::HeaderValue::from_str(&coba_lagi_detik())
    {
        r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
    }
    r
}

fn public_message(e: &AppError, status: StatusCode) -> String {
    if e.tidak_tersedia() {
        posko_app::redam::galat("basis data tidak dapat dihubungi", e.jenis(), &rantai(e));
        crate::t("galat-basis-data-gangguan")
    } else if status.is_server_error() {
        posko_app::redam::galat("kesalahan internal", e.jenis(), &rantai(e));
        crate::t("galat-server")
    } else {
        e.to_string()
    }
}

/// An error and every cause under it, for the log: "mencetak PDF: task
/// panicked: …" rather than only the top line.
pub(crate) fn rantai(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut sumber = e.source();
    while let Some(x) = sumber {
        let teks = x.to_string();
        // thiserror's transparent and "{0}" variants repeat their cause.
        if !s.ends_with(&teks) {
            s.push_str(": ");
            s.push_str(&teks);
        }
        sumber = x.source();
    }
    s
}

/// An error answered as JSON `{"error": "..."}`.
pub struct ApiError(pub StatusCode, pub String);

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong, in Bahasa Indonesia.
    pub error: String,
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        let status = status_of(&e);
        ApiError(status, public_message(&e, status))
    }
}

/// A page-level refusal (a bad path segment) answered the API's way.
impl From<PageError> for ApiError {
    fn from(e: PageError) -> ApiError {
        ApiError(e.0, e.1)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        dengan_retry_after(
            self.0,
            (self.0, Json(ErrorBody { error: self.1 })).into_response(),
        )
    }
}

/// An error answered as an HTML page.
pub struct PageError(pub StatusCode, pub String);

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    judul: &'a str,
    pesan: &'a str,
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> PageError {
        let status = status_of(&e);
        PageError(status, public_message(&e, status))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let judul = crate::t(match self.0 {
            StatusCode::NOT_FOUND => "galat-judul-tidak-ditemukan",
            StatusCode::SERVICE_UNAVAILABLE => "galat-judul-sibuk",
            s if s.is_server_error() => "galat-judul-server",
            _ => "galat-judul-permintaan",
        });
        let body = ErrorPage {
            judul: &judul,
            pesan: &self.1,
        }
        .render()
        .unwrap_or_else(|_| self.1.clone());
        dengan_retry_after(self.0, (self.0, Html(body)).into_response())
    }
}
