//! The issue desk in the JSON API: claims listed and recorded, a
//! claim's status moved.

use super::formulir::status_sah;
use super::*;

/// A claim on the issue desk.
#[derive(Serialize, ToSchema)]
pub struct IsuDto {
    pub id: Uuid,
    pub versi: i64,
    pub judul: String,
    pub klaim: String,
    pub tempat: String,
    pub tautan: Vec<String>,
    /// YYYY-MM-DD.
    pub pertama_terlihat: String,
    /// dipantau, dijawab, terjawab or ditutup.
    pub status: String,
    pub bukti: String,
    pub tanggapan: String,
    pub tanggapan_disetujui: bool,
    pub konten: Vec<Uuid>,
    pub catatan: usize,
}

/// A new claim.
#[derive(Deserialize, ToSchema)]
pub struct IsuBaruDto {
    pub judul: String,
    pub klaim: String,
    #[serde(default)]
    pub tempat: String,
    #[serde(default)]
    pub tautan: Vec<String>,
    /// YYYY-MM-DD; today when left out.
    #[serde(default)]
    pub pertama_terlihat: String,
    #[serde(default)]
    pub bukti: String,
    #[serde(default)]
    pub tanggapan: String,
    #[serde(default)]
    pub konten: Vec<Uuid>,
}

/// A status step with its note.
#[derive(Deserialize, ToSchema)]
pub struct StatusIsuDto {
    /// dipantau, dijawab, terjawab or ditutup.
    pub status: String,
    #[serde(default)]
    pub catatan: String,
}

pub(super) fn isu_dto(t: &Tersimpan<IsuMedsos>) -> IsuDto {
    let i = &t.isi;
    IsuDto {
        id: t.id,
        versi: t.versi,
        judul: i.judul.clone(),
        klaim: i.klaim.clone(),
        tempat: i.tempat.clone(),
        tautan: i.tautan.clone(),
        pertama_terlihat: i.pertama_terlihat.to_string(),
        status: i.status.slug().into(),
        bukti: i.bukti.clone(),
        tanggapan: i.tanggapan.clone(),
        tanggapan_disetujui: i.tanggapan_disetujui.is_some(),
        konten: i.konten.clone(),
        catatan: i.catatan.len(),
    }
}

/// The claims on the issue desk, newest first seen first.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/medsos/isu",
    params(("id" = String, Path, description = "Id pemilihan")),
    responses((status = 200, body = Vec<IsuDto>), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_daftar_isu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Json<Vec<IsuDto>>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let mut v: Vec<_> = r.isu.iter().collect();
    v.sort_by_key(|i| {
        (
            std::cmp::Reverse(i.isi.pertama_terlihat),
            std::cmp::Reverse(i.id),
        )
    });
    Ok(Json(v.into_iter().map(isu_dto).collect()))
}

/// Puts a claim on the desk (status dipantau).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/isu",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = IsuBaruDto,
    responses((status = 201, description = "{\"id\": \"<uuid>\"}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_catat_isu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: IsuBaruDto = crate::param::json_body(&body, "isu tidak sah")?;
    let baru = IsuBaru {
        judul: f.judul,
        klaim: f.klaim,
        tempat: f.tempat,
        tautan: f.tautan,
        pertama_terlihat: tanggal_isian(&f.pertama_terlihat)?,
        bukti: f.bukti,
        tanggapan: f.tanggapan,
        konten: Some(f.konten),
    };
    let isu = s.posko.catat_isu_medsos(&m.pengguna, id, &baru).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": isu }))).into_response())
}

/// Moves a claim one step (terjawab only with an approved response).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/isu/{isu}/status",
    params(("id" = String, Path, description = "Id pemilihan"), ("isu" = String, Path, description = "Id isu")),
    request_body = StatusIsuDto,
    responses((status = 200, body = IsuDto), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_status_isu(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, isu)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<IsuDto>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let isu = isu_id(&isu)?;
    let f: StatusIsuDto = crate::param::json_body(&body, "status isu tidak sah")?;
    s.posko
        .status_isu_medsos(&m.pengguna, id, isu, status_sah(&f.status)?, &f.catatan)
        .await?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let t = r
        .cari_isu(isu)
        .ok_or_else(|| ApiError(StatusCode::NOT_FOUND, format!("isu {isu}")))?;
    Ok(Json(isu_dto(t)))
}
