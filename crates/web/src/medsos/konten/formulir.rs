//! The calendar's forms: a draft written or edited, a step of the
//! review chain, a comment, the posting record, a photo added.

use super::*;

/// A form's fields as sent, repeated names kept (the accounts' boxes).
pub(super) type Isian = Vec<(String, String)>;

pub(super) fn satu<'a>(f: &'a Isian, nama: &str) -> &'a str {
    f.iter()
        .find(|(k, _)| k == nama)
        .map_or("", |(_, v)| v.as_str())
}

pub(super) fn semua<'a>(f: &'a Isian, nama: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    f.iter()
        .filter(move |(k, _)| k == nama)
        .map(|(_, v)| v.as_str())
}

/// The form's CSRF token; a form without the field is malformed (422,
/// as a form missing a required field is everywhere).
pub(super) fn csrf(f: &Isian) -> Result<&str, PageError> {
    f.iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .ok_or_else(|| tidak_sah("formulir tidak lengkap".into()))
}

pub(super) fn tidak_sah(pesan: String) -> PageError {
    PageError(StatusCode::UNPROCESSABLE_ENTITY, pesan)
}

pub(super) fn baca_konten(f: &Isian) -> Result<KontenBaru, PageError> {
    let akun = semua(f, "akun")
        .map(|a| Uuid::parse_str(a.trim()).map_err(|_| tidak_sah(format!("akun '{a}' tidak sah"))))
        .collect::<Result<Vec<_>, _>>()?;
    let isu = satu(f, "isu")
        .split([',', '\n', ' '])
        .filter(|x| !x.trim().is_empty())
        .map(|x| Uuid::parse_str(x.trim()).map_err(|_| tidak_sah(format!("isu '{x}' tidak sah"))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(KontenBaru {
        judul: satu(f, "judul").into(),
        teks: satu(f, "teks").into(),
        media: satu(f, "media").lines().map(str::to_string).collect(),
        akun,
        rencana: baca_rencana(satu(f, "rencana"))?,
        isu,
    })
}

pub(super) async fn tulis_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<Isian>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf(&f)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let baru = baca_konten(&f)?;
    let k = s
        .posko
        .tulis_konten_medsos(&m.pengguna, id, None, baru)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/konten/{k}"
    )))
}

pub(super) async fn ubah_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, konten)): Path<(String, String)>,
    Form(f): Form<Isian>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf(&f)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let konten = baca_uuid(&konten)?;
    let baru = baca_konten(&f)?;
    s.posko
        .tulis_konten_medsos(&m.pengguna, id, Some(konten), baru)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/konten/{konten}"
    )))
}

pub(super) async fn langkah_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, konten)): Path<(String, String)>,
    Form(f): Form<Isian>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf(&f)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let konten = baca_uuid(&konten)?;
    let l = satu(&f, "langkah");
    let langkah =
        langkah_dari_slug(l).ok_or_else(|| tidak_sah(format!("langkah '{l}' tidak dikenal")))?;
    s.posko
        .langkah_konten_medsos(&m.pengguna, id, konten, langkah, satu(&f, "catatan"))
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/konten/{konten}"
    )))
}

pub(super) async fn komentar_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, konten)): Path<(String, String)>,
    Form(f): Form<Isian>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf(&f)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let konten = baca_uuid(&konten)?;
    s.posko
        .komentar_konten_medsos(&m.pengguna, id, konten, satu(&f, "teks"))
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/konten/{konten}#komentar"
    )))
}

/// The posting form: `url:{account id}` for each account it went out on
/// (empty ones are left for later).
pub(super) async fn posting_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, konten)): Path<(String, String)>,
    Form(f): Form<Isian>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, csrf(&f)?, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let konten = baca_uuid(&konten)?;
    let mut baris = Vec::new();
    for (k, v) in &f {
        if let Some(a) = k.strip_prefix("url:")
            && !v.trim().is_empty()
        {
            let akun =
                Uuid::parse_str(a).map_err(|_| tidak_sah(format!("akun '{a}' tidak sah")))?;
            baris.push((akun, v.clone()));
        }
    }
    s.posko
        .catat_posting_medsos(&m.pengguna, id, konten, baris)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/konten/{konten}"
    )))
}

/// A file added to a draft: `multipart/form-data` with the CSRF token
/// first, then the file in `berkas`. A new content version, as any edit.
pub(super) async fn media_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, konten)): Path<(String, String)>,
    req: axum::extract::Request,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let konten = baca_uuid(&konten)?;
    let kiriman = match super::super::baca_kiriman_berkas(&m, &headers, req, "berkas").await? {
        Ok(k) => k,
        Err(r) => return Ok(r),
    };
    let berkas = kiriman.berkas;
    let (nama, bytes) = berkas.ok_or_else(|| tidak_sah("pilih berkas media".into()))?;
    s.posko
        .tambah_media_konten_medsos(&m.pengguna, id, konten, &nama, bytes)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/konten/{konten}"
    )))
}

/// A draft's media file, only when the draft lists it (404 otherwise).
pub(super) async fn media_get(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, konten, hash)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    use axum::http::header;
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let konten = baca_uuid(&konten)?;
    let Some((bytes, jenis)) = s
        .posko
        .media_konten_medsos(&m.pengguna, id, konten, &hash)
        .await?
    else {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            crate::t("galat-judul-tidak-ditemukan"),
        ));
    };
    Ok((
        [
            (header::CONTENT_TYPE, jenis.to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}
