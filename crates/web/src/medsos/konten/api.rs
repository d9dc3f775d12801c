//! The calendar in the JSON API: drafts listed and written, steps,
//! posting records, photos uploaded.

use super::*;

#[derive(Deserialize)]
pub(crate) struct KueriMedia {
    #[serde(default)]
    nama: String,
}

/// Uploads a media file (a JPEG, PNG or HEIC photo) for this election's
/// drafts: the body is the file; returns its SHA-256 to list in a
/// draft's `media`.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/media",
    params(("id" = String, Path, description = "Id pemilihan"), ("nama" = Option<String>, Query, description = "Nama berkas")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, description = "{\"sha256\": …}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_media(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<KueriMedia>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let hash = s
        .posko
        .simpan_media_medsos(&m.pengguna, id, &q.nama, body.to_vec())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "sha256": hash })),
    )
        .into_response())
}

pub(super) fn masuk_api(p: Pengunjung) -> Result<posko_app::Masuk, ApiError> {
    p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))
}

/// Where a draft went out.
#[derive(Serialize, ToSchema, Debug)]
pub struct PostingKontenDto {
    pub akun: Uuid,
    pub url: String,
    pub oleh: Uuid,
    /// Unix seconds.
    pub waktu: i64,
}

/// One step taken on a draft.
#[derive(Serialize, ToSchema, Debug)]
pub struct LangkahKontenDto {
    /// tulis, ubah, ajukan, periksa, setujui, kembalikan, batalkan, posting
    pub langkah: String,
    pub oleh: Uuid,
    pub waktu: i64,
    pub catatan: String,
    pub versi_isi: u32,
}

/// A draft of the content calendar, as it stands.
#[derive(Serialize, ToSchema, Debug)]
pub struct KontenDto {
    pub id: Uuid,
    /// The stored version (each step is one).
    pub versi: i64,
    pub judul: String,
    pub teks: String,
    pub penulis: Uuid,
    pub penulis_nama: String,
    /// draf, ditinjau, diperiksa, disetujui, diposting, dibatalkan
    pub status: String,
    /// Accounts (ids of the registry).
    pub akun: Vec<Uuid>,
    /// Planned, local time WIB: TTTT-BB-HHTjj:mm
    pub rencana: String,
    pub versi_isi: u32,
    /// SHA-256 of each file.
    pub media: Vec<String>,
    pub isu: Vec<Uuid>,
    pub riwayat: Vec<LangkahKontenDto>,
    pub diposting: Vec<PostingKontenDto>,
}

pub(super) fn konten_dto(r: &RuangMedsos, k: &Tersimpan<KontenMedsos>) -> KontenDto {
    let i = &k.isi;
    KontenDto {
        id: k.id,
        versi: k.versi,
        judul: i.judul.clone(),
        teks: i.teks.clone(),
        penulis: i.penulis,
        penulis_nama: r.nama(i.penulis),
        status: i.status.slug().into(),
        akun: i.akun.clone(),
        rencana: rencana_isian(i.rencana),
        versi_isi: i.versi_isi,
        media: i.media.clone(),
        isu: i.isu.clone(),
        riwayat: i
            .riwayat
            .iter()
            .map(|l| LangkahKontenDto {
                langkah: l.langkah.clone(),
                oleh: l.oleh,
                waktu: l.waktu,
                catatan: l.catatan.clone(),
                versi_isi: l.versi_isi,
            })
            .collect(),
        diposting: i
            .diposting
            .iter()
            .map(|x| PostingKontenDto {
                akun: x.akun,
                url: x.url.clone(),
                oleh: x.oleh,
                waktu: x.waktu,
            })
            .collect(),
    }
}

/// A new draft.
#[derive(Deserialize, ToSchema, Debug)]
pub struct KontenBaruDto {
    pub judul: String,
    pub teks: String,
    /// SHA-256 of files in the photo store.
    #[serde(default)]
    pub media: Vec<String>,
    /// Accounts of the registry it is for.
    pub akun: Vec<Uuid>,
    /// Planned, local time WIB: TTTT-BB-HHTjj:mm
    pub rencana: String,
    #[serde(default)]
    pub isu: Vec<Uuid>,
}

/// A step: ajukan, periksa, setujui, kembalikan (catatan required),
/// batalkan.
#[derive(Deserialize, ToSchema, Debug)]
pub struct LangkahBaruDto {
    pub langkah: String,
    #[serde(default)]
    pub catatan: String,
}

/// One account's live post.
#[derive(Deserialize, ToSchema, Debug)]
pub struct PostingBaruDto {
    pub akun: Uuid,
    pub url: String,
}

/// Where an approved draft went out.
#[derive(Deserialize, ToSchema, Debug)]
pub struct PostingDto {
    pub posting: Vec<PostingBaruDto>,
}

/// The content calendar: every draft, by planned time.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/medsos/konten",
    params(("id" = String, Path, description = "Id pemilihan")),
    responses((status = 200, body = Vec<KontenDto>), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_daftar(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Json<Vec<KontenDto>>, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let mut k: Vec<&Tersimpan<KontenMedsos>> = r.konten.iter().collect();
    k.sort_by_key(|k| (k.isi.rencana, k.id));
    Ok(Json(k.into_iter().map(|k| konten_dto(&r, k)).collect()))
}

/// Writes a new draft (media team, managers).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/konten",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = KontenBaruDto,
    responses((status = 201, description = "{\"id\": …}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_tulis(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: KontenBaruDto = crate::param::json_body(&body, "konten tidak sah")?;
    let baru = KontenBaru {
        judul: f.judul,
        teks: f.teks,
        media: f.media,
        akun: f.akun,
        rencana: baca_rencana(&f.rencana)?,
        isu: f.isu,
    };
    let k = s
        .posko
        .tulis_konten_medsos(&m.pengguna, id, None, baru)
        .await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": k }))).into_response())
}

/// One step of the review chain; approving is for managers who did not
/// write it.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/konten/{konten}/langkah",
    params(("id" = String, Path, description = "Id pemilihan"), ("konten" = String, Path, description = "Id konten")),
    request_body = LangkahBaruDto,
    responses((status = 200, description = "{\"status\": …}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_langkah(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, konten)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let konten = baca_uuid(&konten)?;
    let f: LangkahBaruDto = crate::param::json_body(&body, "langkah tidak sah")?;
    let langkah = langkah_dari_slug(&f.langkah).ok_or_else(|| {
        ApiError(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("langkah '{}' tidak dikenal", f.langkah),
        )
    })?;
    let st = s
        .posko
        .langkah_konten_medsos(&m.pengguna, id, konten, langkah, &f.catatan)
        .await?;
    Ok(Json(serde_json::json!({ "status": st.slug() })))
}

/// Records where an approved draft went out.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/konten/{konten}/posting",
    params(("id" = String, Path, description = "Id pemilihan"), ("konten" = String, Path, description = "Id konten")),
    request_body = PostingDto,
    responses((status = 200, description = "dicatat"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_posting(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, konten)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let konten = baca_uuid(&konten)?;
    let f: PostingDto = crate::param::json_body(&body, "posting tidak sah")?;
    s.posko
        .catat_posting_medsos(
            &m.pengguna,
            id,
            konten,
            f.posting.into_iter().map(|x| (x.akun, x.url)).collect(),
        )
        .await?;
    Ok(Json(serde_json::json!({ "dicatat": true })))
}
