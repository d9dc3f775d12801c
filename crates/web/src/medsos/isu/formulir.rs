//! The issue desk's forms: a claim recorded or edited, its status, the
//! response approved, a note, a screenshot uploaded and served.

use super::*;

#[derive(Deserialize)]
pub(super) struct FormIsu {
    csrf: String,
    judul: String,
    klaim: String,
    #[serde(default)]
    tempat: String,
    #[serde(default)]
    tautan: String,
    #[serde(default)]
    pertama_terlihat: String,
    #[serde(default)]
    bukti: String,
    #[serde(default)]
    tanggapan: String,
    /// `ya` when the form carries the calendar items to link (a checkbox
    /// `konten_<id>` each); without it the links stay as they are.
    #[serde(default)]
    tautkan: String,
    #[serde(flatten)]
    lain: std::collections::HashMap<String, String>,
}

impl FormIsu {
    fn baca(&self) -> Result<IsuBaru, posko_app::AppError> {
        Ok(IsuBaru {
            judul: self.judul.clone(),
            klaim: self.klaim.clone(),
            tempat: self.tempat.clone(),
            tautan: self
                .tautan
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            pertama_terlihat: tanggal_isian(&self.pertama_terlihat)?,
            bukti: self.bukti.clone(),
            tanggapan: self.tanggapan.clone(),
            konten: (self.tautkan == "ya")
                .then(|| {
                    self.lain
                        .keys()
                        .filter_map(|k| k.strip_prefix("konten_"))
                        .map(|k| {
                            Uuid::parse_str(k).map_err(|_| {
                                posko_app::AppError::Invalid(format!("konten '{k}' tidak dikenal"))
                            })
                        })
                        .collect::<Result<Vec<_>, _>>()
                })
                .transpose()?,
        })
    }
}

pub(super) async fn catat_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<FormIsu>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let isu = s
        .posko
        .catat_isu_medsos(&m.pengguna, id, &f.baca()?)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/isu/{isu}"
    )))
}

pub(super) async fn ubah_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, isu)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormIsu>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let isu = isu_id(&isu)?;
    s.posko
        .ubah_isu_medsos(&m.pengguna, id, isu, &f.baca()?)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/isu/{isu}"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormStatus {
    csrf: String,
    ke: String,
    #[serde(default)]
    catatan: String,
}

pub(super) fn status_sah(s: &str) -> Result<StatusIsu, posko_app::AppError> {
    status_dari(s.trim()).ok_or_else(|| {
        posko_app::AppError::Invalid(format!(
            "status '{s}' tidak dikenal (dipantau, dijawab, terjawab, ditutup)"
        ))
    })
}

pub(super) async fn status_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, isu)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormStatus>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let isu = isu_id(&isu)?;
    s.posko
        .status_isu_medsos(&m.pengguna, id, isu, status_sah(&f.ke)?, &f.catatan)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/isu/{isu}#log"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormCsrf {
    csrf: String,
}

pub(super) async fn setujui_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, isu)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormCsrf>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let isu = isu_id(&isu)?;
    s.posko
        .setujui_tanggapan_isu_medsos(&m.pengguna, id, isu)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/isu/{isu}#tanggapan"
    )))
}

#[derive(Deserialize)]
pub(super) struct FormCatatan {
    csrf: String,
    teks: String,
}

pub(super) async fn catatan_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, isu)): Path<(String, String)>,
    axum::Form(f): axum::Form<FormCatatan>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    if let Some(r) = form_ditolak(&m, &f.csrf, &headers) {
        return Ok(r);
    }
    let id = crate::param::pemilihan(&id)?;
    let isu = isu_id(&isu)?;
    s.posko
        .catatan_isu_medsos(&m.pengguna, id, isu, &f.teks)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/isu/{isu}#log"
    )))
}

// ---------------------------------------------------------------- screenshots

/// A screenshot upload: the token first (no file is read before it),
/// then one image.
pub(super) async fn tangkapan_post(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Path((id, isu)): Path<(String, String)>,
    req: axum::extract::Request,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let isu = isu_id(&isu)?;
    let kiriman = match super::super::baca_kiriman_berkas(&m, &headers, req, "tangkapan").await? {
        Ok(k) => k,
        Err(r) => return Ok(r),
    };
    let berkas = kiriman.berkas;
    let Some((nama, bytes)) = berkas else {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("medsos-isu-tanpa-tangkapan"),
        ));
    };
    s.posko
        .simpan_tangkapan_isu_medsos(&m.pengguna, id, isu, &nama, bytes)
        .await?;
    Ok(crate::akun::see_other(&format!(
        "/pemilihan/{id}/medsos/isu/{isu}#tangkapan"
    )))
}

/// A screenshot as evidence: the original bytes, only when this claim
/// lists it (404 otherwise).
pub(super) async fn tangkapan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, isu, hash)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    use axum::http::header;
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let isu = isu_id(&isu)?;
    let Some((bytes, jenis)) = s
        .posko
        .tangkapan_isu_medsos(&m.pengguna, id, isu, &hash)
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
            (header::CONTENT_DISPOSITION, "inline".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}
