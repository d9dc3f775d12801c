//! Who is asking, and may they: the session cookie, the route policy
//! table's enforcement, sign-in and sign-out pages, and CSRF checks.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::FromRequestParts;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use posko_app::{Ditolak, Klien, Masuk};
use posko_domain::{Cakupan, Izin, KodeWilayah, Objek, diizinkan};
use serde::Deserialize;

use crate::AppState;
use crate::error::ErrorBody;
use crate::gerbang::sama_waktu_tetap;

pub const COOKIE: &str = "posko_sesi";

/// What a route needs. Every route in the table declares one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kebijakan {
    /// Anyone, signed in or not (sign-in page, health, static files).
    Publik,
    /// Any signed-in person; the handler shows only what is in their scope.
    Masuk,
    /// A permission over the object the path names.
    Izin(Izin, Sasaran),
}

/// Which object a route acts on, for the scope check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sasaran {
    /// Campaign-wide: only campaign-wide scopes pass.
    Global,
    /// The region in the `{kode}` path segment.
    Wilayah,
    /// The TPS in the `{kode}` path segment.
    Tps,
    /// The election in the `{id}` segment: any scope touching its region.
    Pemilihan,
    /// The election in the `{id}` segment: a scope covering its whole
    /// region (campaign finance: one ledger per election, not per area).
    PemilihanUtuh,
    /// Wherever the person holds the permission: the handler narrows what
    /// it shows or touches to their territory (account lists, exports).
    Manapun,
}

/// The signed-in person of this request, if any (set by [`resolve`]).
#[derive(Clone)]
pub struct Pengunjung(pub Option<Masuk>);

/// Set by [`resolve`] when the session could not be looked up: every route
/// that needs a person then answers 503 with `Retry-After` when the
/// database cannot be reached (`gangguan`), else 500, instead of treating
/// the caller as a stranger (401, a sign-in redirect) or letting them
/// through.
#[derive(Clone, Copy)]
struct SesiTakTerbaca {
    gangguan: bool,
}

/// The browser's own id: a random value in a long-lived cookie that
/// survives signing out, so two accounts used from one browser can be
/// told apart from two people (see `posko_domain::Pelaku`).
pub const COOKIE_PERAMBAN: &str = "posko_peramban";

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn token_from(headers: &HeaderMap) -> Option<String> {
    cookie(headers, COOKIE)
}

/// The browser id this request carries, if it is one Posko would have made.
fn peramban(headers: &HeaderMap) -> Option<String> {
    cookie(headers, COOKIE_PERAMBAN)
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// At sign-in: the browser's id, and the cookie to set when it had none.
fn pastikan_peramban(headers: &HeaderMap) -> (String, Option<String>) {
    if let Some(p) = peramban(headers) {
        return (p, None);
    }
    let baru: String = rand::random::<[u8; 16]>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let set = format!(
        "{COOKIE_PERAMBAN}={baru}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        2 * 365 * 24 * 3600,
        if https(headers) { "; Secure" } else { "" }
    );
    (baru, Some(set))
}

/// Middleware on every request: looks the session cookie up.
pub async fn resolve(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let found = match (bearer, token_from(req.headers())) {
        (Some(b), _) => s.posko.token_session(b.trim()).await,
        (None, Some(t)) => s.posko.session(&t).await,
        (None, None) => Ok(None),
    };
    let masuk = found.unwrap_or_else(|e| {
        posko_app::redam::galat("sesi tidak terbaca", e.jenis(), &crate::error::rantai(&e));
        req.extensions_mut().insert(SesiTakTerbaca {
            gangguan: e.tidak_tersedia(),
        });
        None
    });
    let menu = crate::menu::untuk(
        &s,
        s.rutes.get().map_or(&[][..], Vec::as_slice),
        masuk.as_ref(),
    )
    .await;
    let akar = crate::menu::akar_untuk(masuk.as_ref());
    req.extensions_mut().insert(Pengunjung(masuk));
    crate::menu::dengan(menu, akar, next.run(req)).await
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

fn unauthenticated(path: &str, query: Option<&str>) -> Response {
    if is_api(path) {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(ErrorBody {
                error: "masuk terlebih dahulu (cookie sesi tidak ada atau kedaluwarsa)".into(),
            }),
        )
            .into_response();
    }
    let lanjut = match query {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    Redirect::to(&format!("/masuk?lanjut={}", urlencode(&lanjut))).into_response()
}

/// An answer in the route's own form: JSON under `/api/`, a page elsewhere.
fn tolak(path: &str, status: StatusCode, msg: String) -> Response {
    if is_api(path) {
        return crate::error::ApiError(status, msg).into_response();
    }
    crate::error::PageError(status, msg).into_response()
}

pub fn forbidden(path: &str) -> Response {
    tolak(
        path,
        StatusCode::FORBIDDEN,
        crate::t("galat-tidak-berwenang"),
    )
}

/// Whether `masuk` may exercise `izin` on what `target` and the path name.
/// Fails closed: a path segment that does not parse, or an election that
/// does not exist, is a 404 and a storage error a 500, answered here; the
/// handler never runs unchecked.
pub async fn allowed(
    s: &AppState,
    masuk: &Masuk,
    izin: Izin,
    target: Sasaran,
    params: &HashMap<String, String>,
) -> Result<bool, crate::error::PageError> {
    let roles = &masuk.pengguna.penugasan;
    let param = |k: &str| params.get(k).map(String::as_str).unwrap_or_default();
    Ok(match target {
        Sasaran::Global => diizinkan(roles, izin, &Objek::Global),
        Sasaran::Wilayah => {
            let kode = crate::param::wilayah(param("kode"))?;
            diizinkan(roles, izin, &Objek::Wilayah(kode))
        }
        Sasaran::Tps => {
            let kode = crate::param::tps(param("kode"))?;
            diizinkan(roles, izin, &Objek::Tps(kode))
        }
        Sasaran::Manapun => roles.iter().any(|r| r.peran.izin().contains(&izin)),
        Sasaran::Pemilihan => {
            let id = crate::param::pemilihan(param("id"))?;
            s.posko.boleh_di_pemilihan(roles, izin, id).await?
        }
        Sasaran::PemilihanUtuh => {
            let id = crate::param::pemilihan(param("id"))?;
            let p = s.posko.pemilihan_view(id).await?.pemilihan;
            diizinkan(roles, izin, &Objek::Wilayah(p.wilayah))
        }
    })
}

/// Cookie-authenticated state changes through the JSON API must prove they
/// come from Posko's own pages: a `X-CSRF-Token` header holding the
/// session's token, or a JSON body sent with a same-origin `Origin` (a
/// cross-site page can post `text/plain` or a form under the cookie, but
/// not JSON, and not with our Origin). Bearer tokens carry no cookie and
/// are not affected.
fn api_lintas_situs(m: &Masuk, req: &Request) -> bool {
    let ubah = !matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let lewat_cookie = !m.sesi.csrf.is_empty();
    if !(ubah && lewat_cookie && is_api(req.uri().path())) {
        return false;
    }
    let h = req.headers();
    let token_ok = h
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| sama_waktu_tetap(t.as_bytes(), m.sesi.csrf.as_bytes()));
    let json = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    let asal_sendiri = h.contains_key(header::ORIGIN) && same_origin(h);
    !(token_ok || (json && asal_sendiri))
}

/// The per-route check, installed from the route table.
pub async fn enforce(
    State((s, kebijakan)): State<(AppState, Kebijakan)>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    let (mut parts, body) = req.into_parts();
    let params: HashMap<String, String> =
        match axum::extract::RawPathParams::from_request_parts(&mut parts, &()).await {
            Ok(raw) => raw
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            Err(_) => HashMap::new(),
        };
    let req = Request::from_parts(parts, body);
    if kebijakan == Kebijakan::Publik {
        return next.run(req).await;
    }
    if let Some(t) = req.extensions().get::<SesiTakTerbaca>() {
        return if t.gangguan {
            tolak(
                &path,
                StatusCode::SERVICE_UNAVAILABLE,
                crate::t("galat-basis-data-gangguan"),
            )
        } else {
            tolak(
                &path,
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::t("galat-server"),
            )
        };
    }
    let masuk = req
        .extensions()
        .get::<Pengunjung>()
        .and_then(|p| p.0.clone());
    let Some(m) = masuk else {
        return unauthenticated(&path, req.uri().query());
    };
    if api_lintas_situs(&m, &req) {
        return tolak(
            &path,
            StatusCode::FORBIDDEN,
            crate::t("galat-asal-permintaan"),
        );
    }
    match kebijakan {
        Kebijakan::Izin(izin, target) => match allowed(&s, &m, izin, target, &params).await {
            Ok(true) => next.run(req).await,
            Ok(false) => forbidden(&path),
            Err(e) => tolak(&path, e.0, e.1),
        },
        _ => next.run(req).await,
    }
}

/// The signed-in person of a page the route table already restricted to
/// signed-in people.
pub fn masuk(p: Pengunjung) -> Result<Masuk, crate::error::PageError> {
    p.0.ok_or_else(|| {
        crate::error::PageError(StatusCode::UNAUTHORIZED, crate::t("galat-belum-masuk"))
    })
}

/// A state-changing form must carry the session's CSRF token and come from
/// this site; otherwise this is the 403 to answer, and nothing happens.
pub fn form_ditolak(m: &Masuk, csrf: &str, headers: &HeaderMap) -> Option<Response> {
    (m.sesi.csrf.is_empty() || csrf != m.sesi.csrf || !same_origin(headers))
        .then(|| (StatusCode::FORBIDDEN, crate::t("galat-token-formulir")).into_response())
}

/// Whether a scope list covers a region (for showing totals on pages
/// that any signed-in person may open).
pub fn sees(masuk: &Masuk, w: &KodeWilayah) -> bool {
    diizinkan(
        &masuk.pengguna.penugasan,
        Izin::LihatWilayah,
        &Objek::Wilayah(*w),
    )
}

/// Where a person's territory starts: the root for campaign-wide scopes,
/// else their first region; a saksi's TPS has no region page, so the home
/// page (with their form) is where they start.
pub fn home(masuk: &Masuk) -> String {
    let mut regions = masuk.pengguna.penugasan.iter().map(|p| p.cakupan);
    if regions.clone().any(|c| c == Cakupan::Semua) {
        return "/wilayah".into();
    }
    match regions.next() {
        Some(Cakupan::Wilayah(w)) => format!("/wilayah/{w}"),
        _ => "/".into(),
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Only local paths: an attacker must not turn the sign-in page into a
/// redirect to their own site. Anything else becomes `/`.
fn safe_next(lanjut: Option<&str>) -> String {
    match lanjut {
        Some(p) if jalur_lokal(p) => p.into(),
        _ => "/".into(),
    }
}

/// Whether a browser, resolving `p` as a `Location` against this site,
/// lands on this site. Browsers parse it by the WHATWG URL rules, which
/// drop every tab, CR and LF anywhere, trim leading and trailing control
/// characters and spaces, and read `\` as `/` in http(s) URLs: so
/// `/\t/evil.example` becomes `//evil.example` (another host), and so does
/// `/\evil.example`. Rather than re-implement that normalisation, refuse
/// every input it would change: no control character (C0, DEL or C1) and
/// no backslash anywhere. What is left is taken as written, so it must be
/// a path starting with exactly one `/` (not `//`, a scheme-relative URL,
/// and not `scheme:` or a relative path). Percent-escapes stay escapes
/// (`/%09/x` is a path on this site; the parser does not decode them).
fn jalur_lokal(p: &str) -> bool {
    p.starts_with('/') && !p.starts_with("//") && !p.chars().any(|c| c.is_control() || c == '\\')
}

/// Behind an HTTPS proxy that says so, cookies are `Secure`.
fn https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

fn session_cookie(token: &str, headers: &HeaderMap, max_age: i64) -> String {
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if https(headers) { "; Secure" } else { "" }
    )
}

/// The answer to a sign-in that worked: the session cookie, the browser's
/// id cookie when it had none, and where to go next.
fn masuk_berhasil(
    token: &str,
    headers: &HeaderMap,
    set_peramban: Option<String>,
    lanjut: String,
) -> Response {
    let mut r = (
        StatusCode::SEE_OTHER,
        [
            (
                header::SET_COOKIE,
                session_cookie(token, headers, posko_app::SESI_DETIK),
            ),
            (header::LOCATION, lanjut),
        ],
    )
        .into_response();
    if let Some(v) = set_peramban.and_then(|v| HeaderValue::from_str(&v).ok()) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// A cross-site form post carries another site's Origin; refuse it.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Browsers send Origin on every POST; non-browser clients have no
        // ambient cookies to abuse.
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host)
}

/// The client as the session list will show it.
pub fn klien(
    headers: &HeaderMap,
    addr: std::net::SocketAddr,
    proxy_tepercaya: &[crate::proksi::IpNet],
) -> Klien {
    Klien {
        alamat: crate::proksi::alamat_klien(headers, addr.ip(), proxy_tepercaya).to_string(),
        perangkat: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string(),
        peramban: peramban(headers),
    }
}

#[derive(Template)]
#[template(path = "masuk.html")]
struct MasukPage<'a> {
    lanjut: &'a str,
    pesan: Option<&'a str>,
    /// Kept after a refusal, so only the password is typed again.
    username: &'a str,
}

#[derive(Deserialize)]
pub struct LanjutQuery {
    lanjut: Option<String>,
}

pub async fn masuk_page(Query(q): Query<LanjutQuery>) -> Response {
    let lanjut = safe_next(q.lanjut.as_deref());
    render_masuk(&lanjut, None, "", StatusCode::OK)
}

fn render_masuk(lanjut: &str, pesan: Option<&str>, username: &str, status: StatusCode) -> Response {
    match (MasukPage {
        lanjut,
        pesan,
        username,
    })
    .render()
    {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[derive(Deserialize)]
pub struct MasukForm {
    username: String,
    password: String,
    lanjut: Option<String>,
}

pub async fn masuk_post(
    State(s): State<AppState>,
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<MasukForm>,
) -> Response {
    let lanjut = safe_next(f.lanjut.as_deref());
    if !same_origin(&headers) {
        return (StatusCode::FORBIDDEN, crate::t("galat-asal-permintaan")).into_response();
    }
    let (id_peramban, set_peramban) = pastikan_peramban(&headers);
    let k = Klien {
        peramban: Some(id_peramban),
        ..klien(&headers, addr, &s.operasi.opsi.proxy_tepercaya)
    };
    match s.posko.sign_in(&f.username, &f.password, &k).await {
        Ok(Ok((token, _))) => masuk_berhasil(&token, &headers, set_peramban, lanjut),
        Ok(Err(Ditolak::Salah)) => render_masuk(
            &lanjut,
            Some(&crate::t("masuk-salah")),
            &f.username,
            StatusCode::UNAUTHORIZED,
        ),
        Ok(Err(Ditolak::TerlaluSering)) => render_masuk(
            &lanjut,
            Some(&crate::t("masuk-terlalu-sering")),
            &f.username,
            StatusCode::TOO_MANY_REQUESTS,
        ),
        Ok(Err(Ditolak::Sibuk)) => {
            let mut r = render_masuk(
                &lanjut,
                Some(&crate::t("masuk-sibuk")),
                &f.username,
                StatusCode::SERVICE_UNAVAILABLE,
            );
            if let Ok(v) = crate::error::coba_lagi_detik().parse() {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        Err(e) => crate::error::PageError::from(e).into_response(),
    }
}

pub async fn masuk_kode(
    State(s): State<AppState>,
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
    Path(kode): Path<String>,
    Query(q): Query<LanjutQuery>,
    headers: HeaderMap,
) -> Response {
    let lanjut = safe_next(q.lanjut.as_deref());
    let (id_peramban, set_peramban) = pastikan_peramban(&headers);
    let k = Klien {
        peramban: Some(id_peramban),
        ..klien(&headers, addr, &s.operasi.opsi.proxy_tepercaya)
    };
    match s.posko.redeem_login_code(&kode, &k).await {
        Ok(Some((token, _))) => masuk_berhasil(&token, &headers, set_peramban, lanjut),
        Ok(None) => render_masuk(
            &lanjut,
            Some(&crate::t("masuk-tautan-tidak-berlaku")),
            "",
            StatusCode::UNAUTHORIZED,
        ),
        Err(e) => crate::error::PageError::from(e).into_response(),
    }
}

#[derive(Deserialize)]
pub struct KeluarForm {
    csrf: String,
}

pub async fn keluar(
    State(s): State<AppState>,
    axum::Extension(p): axum::Extension<Pengunjung>,
    headers: HeaderMap,
    Form(f): Form<KeluarForm>,
) -> Response {
    let Some(m) = p.0 else {
        return Redirect::to("/masuk").into_response();
    };
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return r;
    }
    if let Some(t) = token_from(&headers) {
        let _ = s.posko.sign_out(&t).await;
    }
    (
        StatusCode::SEE_OTHER,
        [
            (header::SET_COOKIE, session_cookie("", &headers, 0)),
            (header::LOCATION, "/masuk".to_string()),
        ],
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_a_browser_keeps_on_this_site_are_followed() {
        for ok in ["/", "/akun", "/wilayah/31.71?warna=dpt", "/%09/x", "/a//b"] {
            assert_eq!(safe_next(Some(ok)), ok);
        }
        for buruk in [
            "/\t/evil.example",
            "/\r\n/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "//evil.example",
            " //evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "evil.example",
            "/\u{0}x",
            "/\u{85}x",
            "",
        ] {
            assert_eq!(safe_next(Some(buruk)), "/", "{buruk:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
