//! Managing accounts from the browser: adding one, granting and revoking
//! roles, disabling, and handing out a one-time sign-in link (to copy, or
//! to send by WhatsApp). The rules (who may touch which account, with which
//! role) are the app layer's: each handler calls one use case that takes
//! the signed-in person.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use posko_app::{AkunBaru, AppError, Masuk};
use posko_domain::{Cakupan, Peran, Telepon};
use serde::Deserialize;

use super::see_other;
use crate::AppState;
use crate::auth::{Pengunjung, form_ditolak, masuk};
use crate::error::PageError;
use crate::pages::render;

/// `https://posko.example` as the browser reached this server, for links
/// sent to someone else.
pub(crate) fn url_dasar(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
    {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// Percent-encoding for a URL's query value (spaces as `%20`, which every
/// WhatsApp client reads; `+` is not).
fn persen(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A WhatsApp "send this to this number" link: `https://wa.me/62812…?text=…`.
pub(crate) fn tautan_wa(telepon: &Telepon, teks: &str) -> String {
    format!(
        "https://wa.me/{}?text={}",
        telepon.as_str().trim_start_matches('+'),
        persen(teks)
    )
}

/// A role's name as people say it.
pub(crate) fn nama_peran(p: Peran) -> String {
    crate::t(match p {
        Peran::Admin => "kelola-peran-admin",
        Peran::Manager => "kelola-peran-manager",
        Peran::Koordinator => "kelola-peran-koordinator",
        Peran::Relawan => "kelola-peran-relawan",
        Peran::Saksi => "kelola-peran-saksi",
        Peran::Verifier => "kelola-peran-verifier",
        Peran::Bendahara => "kelola-peran-bendahara",
        Peran::Media => "kelola-peran-media",
        Peran::Auditor => "kelola-peran-auditor",
    })
}

/// Where a role applies, by name with its code: "Gambir (31.71.01)",
/// "TPS 001 · Kebon Kelapa (3171011001001)", "seluruh kampanye".
pub(crate) async fn nama_cakupan(s: &AppState, c: &Cakupan) -> String {
    match c {
        Cakupan::Semua => crate::t("kelola-cakupan-semua"),
        Cakupan::Wilayah(w) => match s.posko.wilayah(*w).await {
            Ok(Some(x)) => format!("{} ({w})", x.nama),
            _ => w.to_string(),
        },
        Cakupan::Tps(t) => {
            let desa = match s.posko.wilayah(t.desa()).await {
                Ok(Some(x)) => x.nama,
                _ => t.desa().to_string(),
            };
            crate::tn(
                "kelola-cakupan-tps",
                &[
                    ("nomor", &format!("{:03}", t.nomor().get())),
                    ("desa", &desa),
                    ("kode", &t.undotted()),
                ],
            )
        }
    }
}

/// (slug, name) of the roles `m` may grant, for a `<select>`.
pub(crate) fn pilihan_peran(m: &Masuk) -> Vec<(String, String)> {
    posko_app::peran_boleh_diberi(m)
        .into_iter()
        .map(|p| (p.slug().to_string(), nama_peran(p)))
        .collect()
}

/// Why a role was refused, in the reader's language.
async fn dilarang_beri(s: &AppState, t: &posko_domain::Penugasan) -> String {
    crate::t2(
        "kelola-dilarang-beri",
        "peran",
        nama_peran(t.peran),
        "cakupan",
        nama_cakupan(s, &t.cakupan).await,
    )
}

/// A refusal about one's own account, in the reader's language.
fn dilarang(id: &'static str) -> impl FnOnce(PageError) -> PageError {
    move |e| {
        if e.0 == StatusCode::FORBIDDEN {
            PageError(StatusCode::FORBIDDEN, crate::t(id))
        } else {
            e
        }
    }
}

/// An account outside one's reach, or unknown, or malformed: one answer.
fn galat_akun(username: &str) -> impl FnOnce(AppError) -> PageError + '_ {
    move |e| match e {
        AppError::NotFound(_) => PageError(
            StatusCode::NOT_FOUND,
            crate::t1(
                "galat-pengguna-tidak-ditemukan",
                "username",
                username.trim(),
            ),
        ),
        lain => lain.into(),
    }
}

#[derive(Template)]
#[template(path = "akun_tautan.html")]
struct TautanPage {
    judul: String,
    nama: String,
    username: String,
    tautan: String,
    wa: Option<String>,
    telepon: String,
}

/// The answer carrying a fresh one-time link: shown once, never stored.
fn halaman_tautan(
    s: &AppState,
    headers: &HeaderMap,
    judul: String,
    p: &posko_storage::Pengguna,
    kode: &str,
) -> Result<Response, PageError> {
    let tautan = format!("{}/masuk/kode/{kode}", url_dasar(headers));
    let telepon = s.posko.telepon(p)?;
    let wa = telepon.as_ref().map(|t| {
        tautan_wa(
            t,
            &crate::t2("kelola-wa-pesan", "nama", p.nama.clone(), "tautan", &tautan),
        )
    });
    let page = render(TautanPage {
        judul,
        nama: p.nama.clone(),
        username: p.username.clone(),
        tautan,
        wa,
        telepon: telepon.map(|t| t.tersamar()).unwrap_or_default(),
    })?;
    // The link signs someone in: no cache may keep it.
    Ok(([(header::CACHE_CONTROL, "no-store")], page).into_response())
}

#[derive(Deserialize, Default, Clone)]
pub(crate) struct TambahForm {
    /// Required: a form without it is malformed (422), not forged.
    pub csrf: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub telepon: String,
    #[serde(default)]
    pub peran: String,
    #[serde(default)]
    pub cakupan: String,
}

pub(crate) async fn tambah(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<TambahForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let hasil = match posko_app::penugasan_dari(&f.peran, &f.cakupan) {
        Ok(penugasan) => {
            s.posko
                .tambah_akun(
                    &m,
                    AkunBaru {
                        username: f.username.clone(),
                        nama: f.nama.clone(),
                        telepon: f.telepon.clone(),
                        penugasan,
                    },
                )
                .await
        }
        Err(e) => Err(e),
    };
    match hasil {
        Ok((akun, kode)) => halaman_tautan(
            &s,
            &headers,
            crate::t1("kelola-akun-dibuat", "username", akun.username.clone()),
            &akun,
            &kode,
        ),
        // What the person typed comes back with what is wrong with it.
        Err(e @ (AppError::Invalid(_) | AppError::Dilarang(_))) => {
            let (status, galat) = match e {
                AppError::Dilarang(_) => {
                    let t = posko_app::penugasan_dari(&f.peran, &f.cakupan)?;
                    (StatusCode::FORBIDDEN, dilarang_beri(&s, &t).await)
                }
                lain => (StatusCode::UNPROCESSABLE_ENTITY, lain.to_string()),
            };
            let page = super::halaman_pengguna(&s, &m, None, Some((f, galat))).await?;
            Ok((status, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    csrf: String,
}

pub(crate) async fn kode(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(username): Path<String>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<CsrfForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let (akun, kode) = s
        .posko
        .kode_masuk_akun(&m, &username)
        .await
        .map_err(galat_akun(&username))?;
    halaman_tautan(
        &s,
        &headers,
        crate::t1("kelola-tautan-untuk", "nama", akun.nama.clone()),
        &akun,
        &kode,
    )
}

/// Back to the account's page with a banner this session made.
fn kembali(m: &Masuk, username: &str, selesai: &str) -> Response {
    let tanda = crate::kilas::tanda(m, &[username, selesai]);
    see_other(&format!(
        "/pengguna/akun/{username}?selesai={selesai}&tanda={tanda}"
    ))
}

#[derive(Deserialize)]
pub(crate) struct AktifForm {
    csrf: String,
    aktif: String,
    yakin: Option<String>,
}

pub(crate) async fn aktif(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(username): Path<String>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<AktifForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let aktif = f.aktif == "1";
    if !aktif && f.yakin.is_none() {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("kelola-nonaktif-belum-yakin"),
        ));
    }
    let berubah = s
        .posko
        .ubah_aktif_akun(&m, &username, aktif)
        .await
        .map_err(galat_akun(&username))
        .map_err(dilarang("kelola-dilarang-diri-nonaktif"))?;
    let selesai = match (berubah, aktif) {
        (false, _) => "tetap",
        (true, true) => "aktif",
        (true, false) => "nonaktif",
    };
    Ok(kembali(&m, &username.trim().to_lowercase(), selesai))
}

#[derive(Deserialize)]
pub(crate) struct PeranForm {
    csrf: String,
    peran: String,
    #[serde(default)]
    cakupan: String,
}

pub(crate) async fn beri(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(username): Path<String>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<PeranForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let t = posko_app::penugasan_dari(&f.peran, &f.cakupan)?;
    let berubah = match s.posko.beri_peran(&m, &username, t).await {
        Err(AppError::Dilarang(_)) => {
            return Err(PageError(
                StatusCode::FORBIDDEN,
                dilarang_beri(&s, &t).await,
            ));
        }
        lain => lain.map_err(galat_akun(&username))?,
    };
    let selesai = if berubah { "diberi" } else { "tetap" };
    Ok(kembali(&m, &username.trim().to_lowercase(), selesai))
}

pub(crate) async fn cabut(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(username): Path<String>,
    headers: HeaderMap,
    axum::Form(f): axum::Form<PeranForm>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let t = posko_app::penugasan_dari(&f.peran, &f.cakupan)?;
    let berubah = s
        .posko
        .cabut_peran(&m, &username, t)
        .await
        .map_err(galat_akun(&username))
        .map_err(dilarang("kelola-dilarang-admin-sendiri"))?;
    let selesai = if berubah { "dicabut" } else { "tetap" };
    Ok(kembali(&m, &username.trim().to_lowercase(), selesai))
}

/// The banner for `?selesai=…`, when this session's redirect made it.
pub(crate) fn pesan_selesai(
    m: &Masuk,
    username: &str,
    selesai: Option<&str>,
    tanda: Option<&str>,
) -> Option<String> {
    let s = selesai?;
    if !crate::kilas::sah(m, &[username, s], tanda) {
        return None;
    }
    Some(crate::t(match s {
        "aktif" => "kelola-selesai-aktif",
        "nonaktif" => "kelola-selesai-nonaktif",
        "diberi" => "kelola-selesai-diberi",
        "dicabut" => "kelola-selesai-dicabut",
        _ => "kelola-selesai-tetap",
    }))
}

/// Copies a link to the clipboard: the only script these pages use, and
/// they work without it (the link is in a box to select by hand).
pub(crate) async fn salin_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/salin.js"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whatsapp_links_carry_the_number_and_the_words() {
        let t = Telepon::parse("0812-3456-7890").unwrap();
        assert_eq!(
            tautan_wa(&t, "Halo Ani: http://x/masuk/kode/ab?c=1&d"),
            "https://wa.me/6281234567890?text=Halo%20Ani%3A%20http%3A%2F%2Fx%2Fmasuk%2Fkode%2Fab%3Fc%3D1%26d"
        );
    }
}
