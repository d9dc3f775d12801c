//! The finance entry forms with their proofs (bukti), a proof served back,
//! and the auditor's ZIP as a download.
//!
//! The donation, spending and correction forms post as
//! `multipart/form-data` with up to six files in `bukti` (a photo or a
//! PDF each); a post without files may still come urlencoded (an older
//! page, a queued offline form). One reader, [`tulis_entri`], serves the
//! three: the CSRF token must come before any file, so a forged post is
//! refused before a byte of it is stored; the fields are read and checked
//! before the files are stored; the files go to the photo store through
//! `Posko::simpan_bukti_dana`, which names a refused file.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use axum::response::IntoResponse;
use posko_app::Masuk;
use posko_app::dana::{BUKTI_PER_ENTRI, HasilEntriDana};
use serde::de::DeserializeOwned;

use super::*;

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = Izin(posko_domain::Izin::LihatDana, Sasaran::PemilihanUtuh);
    let catat = Izin(posko_domain::Izin::CatatDana, Sasaran::PemilihanUtuh);
    let batas = crate::BODY_LIMIT_FOTO;
    r.add_dengan_batas(
        "POST",
        "/pemilihan/{id}/dana/sumbangan",
        "/pemilihan/{id}/dana/sumbangan",
        catat,
        batas,
        post(sumbangan_post),
    )
    .add_dengan_batas(
        "POST",
        "/pemilihan/{id}/dana/belanja",
        "/pemilihan/{id}/dana/belanja",
        catat,
        batas,
        post(belanja_post),
    )
    .add_dengan_batas(
        "POST",
        "/pemilihan/{id}/dana/koreksi",
        "/pemilihan/{id}/dana/koreksi",
        catat,
        batas,
        post(koreksi_post),
    )
    .add(
        "GET",
        "/pemilihan/{id}/dana/bukti/{hash}",
        "/pemilihan/{id}/dana/bukti/00",
        lihat,
        get(bukti),
    )
    .add(
        "GET",
        "/pemilihan/{id}/dana/zip-auditor",
        "/pemilihan/{id}/dana/zip-auditor",
        lihat,
        get(zip_auditor),
    )
}

/// A form read into the app's request: the fields checked, proofs
/// listed by the caller's own `bukti` field added to.
pub(crate) trait IsianEntri: DeserializeOwned {
    type Baru: Send + 'static;
    fn baca_entri(&self) -> Result<Self::Baru, AppError>;
    fn bukti(baru: &mut Self::Baru) -> &mut Vec<String>;
}

impl IsianEntri for FormSumbangan {
    type Baru = SumbanganBaru;
    fn baca_entri(&self) -> Result<SumbanganBaru, AppError> {
        self.baca()
    }
    fn bukti(b: &mut SumbanganBaru) -> &mut Vec<String> {
        &mut b.bukti
    }
}

impl IsianEntri for FormBelanja {
    type Baru = BelanjaBaru;
    fn baca_entri(&self) -> Result<BelanjaBaru, AppError> {
        self.baca()
    }
    fn bukti(b: &mut BelanjaBaru) -> &mut Vec<String> {
        &mut b.bukti
    }
}

impl IsianEntri for FormKoreksi {
    type Baru = KoreksiBaru;
    fn baca_entri(&self) -> Result<KoreksiBaru, AppError> {
        self.baca()
    }
    fn bukti(b: &mut KoreksiBaru) -> &mut Vec<String> {
        &mut b.bukti
    }
}

fn tak_terbaca(e: impl std::fmt::Display) -> PageError {
    PageError(
        StatusCode::BAD_REQUEST,
        crate::t1("galat-formulir-tidak-terbaca", "galat", e.to_string()),
    )
}

/// A finance form's text fields and files, the CSRF token already checked;
/// `Err` is the refusal to answer as it is.
async fn baca_kiriman(
    m: &Masuk,
    headers: &HeaderMap,
    req: Request,
) -> Result<Result<(Vec<(String, String)>, Vec<(String, Bytes)>), Response>, PageError> {
    let multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let axum::Form(isian) = axum::Form::<Vec<(String, String)>>::from_request(req, &())
            .await
            .map_err(tak_terbaca)?;
        let Some((_, csrf)) = isian.iter().rev().find(|(k, _)| k == "csrf") else {
            return Err(PageError(
                StatusCode::BAD_REQUEST,
                crate::t("galat-formulir-tanpa-token"),
            ));
        };
        if let Some(r) = form_ditolak(m, csrf, headers) {
            return Ok(Err(r));
        }
        return Ok(Ok((isian, Vec::new())));
    }
    let mut multipart = Multipart::from_request(req, &())
        .await
        .map_err(tak_terbaca)?;
    let hasil = baca_bagian(m, headers, &mut multipart).await;
    if !matches!(hasil, Ok(Ok(_))) {
        crate::param::habiskan_unggahan(&mut multipart).await;
    }
    hasil
}

/// The parts of a multipart finance form, in order; a refusal may come
/// before the body's end (the caller reads the rest).
async fn baca_bagian(
    m: &Masuk,
    headers: &HeaderMap,
    multipart: &mut Multipart,
) -> Result<Result<(Vec<(String, String)>, Vec<(String, Bytes)>), Response>, PageError> {
    let mut isian = Vec::new();
    let mut berkas = Vec::new();
    let mut csrf_sah = false;
    while let Some(field) = multipart.next_field().await.map_err(tak_terbaca)? {
        let nama = field.name().unwrap_or_default().to_string();
        if field.file_name().is_some() || nama == "bukti" {
            // The page puts the token first: no file is read before it.
            if !csrf_sah {
                return Err(PageError(
                    StatusCode::BAD_REQUEST,
                    crate::t("galat-token-sebelum-foto"),
                ));
            }
            let nama_berkas = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(tak_terbaca)?;
            // A file input left empty still sends a part, unnamed and empty.
            if bytes.is_empty() && nama_berkas.is_empty() {
                continue;
            }
            berkas.push((nama_berkas, bytes));
            if berkas.len() > BUKTI_PER_ENTRI {
                return Err(PageError(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    crate::t1("dana-bukti-terlalu-banyak", "jumlah", BUKTI_PER_ENTRI),
                ));
            }
            continue;
        }
        let nilai = field.text().await.map_err(tak_terbaca)?;
        if nama == "csrf" {
            if let Some(r) = form_ditolak(m, &nilai, headers) {
                return Ok(Err(r));
            }
            csrf_sah = true;
        }
        isian.push((nama, nilai));
    }
    if !csrf_sah {
        return Err(PageError(
            StatusCode::BAD_REQUEST,
            crate::t("galat-formulir-tanpa-token"),
        ));
    }
    Ok(Ok((isian, berkas)))
}

/// The fields as the form type reads them (all text; the last of a
/// repeated field counts, as an urlencoded form reads it).
fn ke_form<F: DeserializeOwned>(isian: Vec<(String, String)>) -> Result<F, AppError> {
    let peta: serde_json::Map<String, serde_json::Value> = isian
        .into_iter()
        .filter(|(k, _)| k != "bukti")
        .map(|(k, v)| (k, serde_json::Value::String(v)))
        .collect();
    serde_json::from_value(serde_json::Value::Object(peta))
        .map_err(|e| AppError::Invalid(format!("isian formulir tidak lengkap: {e}")))
}

/// The three entry forms' one path: read, check the token and fields,
/// store the proofs, record the entry, show it.
async fn tulis_entri<F, G, Fut>(
    s: AppState,
    p: Pengunjung,
    headers: HeaderMap,
    id: String,
    req: Request,
    catat: G,
) -> Result<Response, PageError>
where
    F: IsianEntri,
    G: FnOnce(AppState, Masuk, Uuid, F::Baru) -> Fut,
    Fut: std::future::Future<Output = Result<HasilEntriDana, AppError>>,
{
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let (isian, berkas) = match baca_kiriman(&m, &headers, req).await? {
        Ok(x) => x,
        Err(r) => return Ok(r),
    };
    // Every field checked before a file is stored.
    let mut baru = ke_form::<F>(isian)?.baca_entri()?;
    for (nama, bytes) in berkas {
        let hash = s
            .posko
            .simpan_bukti_dana(&m.pengguna, id, &nama, bytes.to_vec())
            .await?;
        F::bukti(&mut baru).push(hash);
    }
    let h = catat(s, m, id, baru).await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/dana/entri/{}",
        h.id
    )))
}

async fn sumbangan_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, PageError> {
    tulis_entri::<FormSumbangan, _, _>(s, p, headers, id, req, |s, m, id, b| async move {
        s.posko.catat_sumbangan(&m.pengguna, id, &b).await
    })
    .await
}

async fn belanja_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, PageError> {
    tulis_entri::<FormBelanja, _, _>(s, p, headers, id, req, |s, m, id, b| async move {
        s.posko.catat_belanja(&m.pengguna, id, &b).await
    })
    .await
}

async fn koreksi_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, PageError> {
    tulis_entri::<FormKoreksi, _, _>(s, p, headers, id, req, |s, m, id, b| async move {
        s.posko.catat_koreksi(&m.pengguna, id, &b).await
    })
    .await
}

/// A proof as evidence: the original bytes, only when an entry of this
/// election lists it (404 otherwise), typed by what the bytes are.
async fn bukti(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, hash)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let Some((bytes, jenis)) = s.posko.bukti_dana(&m.pengguna, id, &hash).await? else {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        ));
    };
    let hash = hash.to_ascii_lowercase();
    // Images open in the browser; a PDF (or anything else) is saved.
    let cara = if jenis.starts_with("image/") {
        "inline"
    } else {
        "attachment"
    };
    Ok((
        [
            (header::CONTENT_TYPE, jenis.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "{cara}; filename=\"bukti-{}.{}\"",
                    &hash[..12],
                    posko_app::dana::ekstensi_bukti(jenis)
                ),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// The auditor's ZIP (ledger, reports, proofs, manifest), its download
/// logged in the audit chain as the command line's is.
async fn zip_auditor(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let bytes = s.posko.zip_auditor_dana(&m.pengguna, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"zip-auditor-{id}.zip\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}
