//! A request body over a route's limit, answered in the route's own form.
//! The body-limit layer (and axum's extractors behind it) answer 413 with
//! a plain-text "length limit exceeded"; the API speaks JSON and people
//! read pages, so here the 413 becomes `{"error": …}` under `/api/` and an
//! error page elsewhere, naming the limit.

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, PageError};

/// Wraps one route whose bodies may be at most `batas` bytes.
pub(crate) async fn jawab(batas: usize, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let r = next.run(req).await;
    if r.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return r;
    }
    // A handler's own 413 already says what it means.
    let sudah = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json") || v.starts_with("text/html"));
    if sudah {
        return r;
    }
    let pesan = crate::t1("galat-terlalu-besar", "batas", ukuran(batas));
    if api {
        ApiError(StatusCode::PAYLOAD_TOO_LARGE, pesan).into_response()
    } else {
        PageError(StatusCode::PAYLOAD_TOO_LARGE, pesan).into_response()
    }
}

/// A limit in MiB as people read it: "2 MiB", "72,1 MiB".
fn ukuran(batas: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if batas.is_multiple_of(MIB) {
        return format!("{} MiB", batas / MIB);
    }
    let persepuluh = (batas * 10).div_ceil(MIB);
    format!(
        "{}{}{} MiB",
        persepuluh / 10,
        crate::format::koma(),
        persepuluh % 10
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bahasa::Bahasa;

    #[tokio::test]
    async fn limits_read_in_mib_in_the_page_language() {
        let id = Bahasa::Id
            .dalam(async { (ukuran(2 * 1024 * 1024), ukuran(crate::BODY_LIMIT_FOTO)) })
            .await;
        assert_eq!(id, ("2 MiB".to_string(), "72,1 MiB".to_string()));
        let en = Bahasa::En
            .dalam(async { ukuran(crate::BODY_LIMIT_FOTO) })
            .await;
        assert_eq!(en, "72.1 MiB");
    }
}
