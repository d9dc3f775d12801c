//! Tasks for scripts: the list the caller may see, sending a task, a
//! proof that is not a photo (a photo goes through the task's form, as
//! a file), and completion per area.

use axum::Json;
use axum::extract::Query;
use posko_domain::lapangan::StatusTugas;
use serde::Serialize;
use utoipa::ToSchema;

use super::*;
use crate::error::ApiError;

/// One assignee's state on a task.
#[derive(Serialize, ToSchema)]
pub struct PenerimaTugasDto {
    pub orang: Uuid,
    /// terbuka, terlambat or selesai.
    pub status: String,
    /// Unix seconds of the completion, by the phone.
    pub waktu_selesai: Option<i64>,
}

/// A task as scripts see it.
#[derive(Serialize, ToSchema)]
pub struct TugasDto {
    pub id: Uuid,
    pub judul: String,
    pub uraian: String,
    pub wilayah: String,
    /// YYYY-MM-DD, the last day (the task is late the day after).
    pub batas: String,
    /// foto, gps, angka or ya_tidak.
    pub bukti: String,
    pub dibuat_oleh: Uuid,
    /// When sent to every relawan below a coordinator: that coordinator.
    pub koordinator: Option<Uuid>,
    pub penerima: Vec<PenerimaTugasDto>,
}

fn dto(r: &RuangLapangan, t: &Tersimpan<Tugas>) -> TugasDto {
    TugasDto {
        id: t.id,
        judul: t.isi.judul.clone(),
        uraian: t.isi.uraian.clone(),
        wilayah: t.isi.wilayah.to_string(),
        batas: t.isi.batas.to_string(),
        bukti: t.isi.bukti.slug().into(),
        dibuat_oleh: t.isi.dibuat_oleh,
        koordinator: match &t.isi.penerima {
            posko_app::lapangan::tugas::Penerima::Bawahan { koordinator, .. } => Some(*koordinator),
            _ => None,
        },
        penerima: t
            .isi
            .orang()
            .into_iter()
            .map(|o| PenerimaTugasDto {
                orang: o,
                status: match r.status_tugas(t, o) {
                    StatusTugas::Terbuka => "terbuka",
                    StatusTugas::Terlambat => "terlambat",
                    StatusTugas::Selesai => "selesai",
                }
                .into(),
                waktu_selesai: r.selesai_oleh(t.id, o).map(|s| s.isi.waktu),
            })
            .collect(),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
pub(crate) struct SaringApi {
    /// `saya`: only tasks assigned to the caller.
    #[serde(default)]
    lihat: String,
}

/// The tasks of the election's field room the caller may see (those of
/// their area and those assigned to them), soonest due first.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/lapangan/tugas",
    params(("id" = String, Path, description = "Id pemilihan"), SaringApi),
    responses((status = 200, body = Vec<TugasDto>), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_daftar(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<SaringApi>,
) -> Result<Json<Vec<TugasDto>>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s
        .posko
        .ruang_lapangan(
            &m.pengguna,
            id,
            &[
                posko_storage::JenisLapangan::Tugas,
                posko_storage::JenisLapangan::Selesai,
            ],
        )
        .await?;
    let mut v: Vec<_> = r
        .tugas
        .iter()
        .filter(|t| q.lihat != "saya" || t.isi.ditugaskan_kepada(m.pengguna.id))
        .collect();
    v.sort_by_key(|t| (t.isi.batas, t.id));
    Ok(Json(v.into_iter().map(|t| dto(&r, t)).collect()))
}

/// A new task.
#[derive(Deserialize, ToSchema)]
pub struct TugasBaruDto {
    pub judul: String,
    #[serde(default)]
    pub uraian: String,
    /// The area's code (a kab/kota, kecamatan or desa).
    pub wilayah: String,
    /// `orang:<pengguna id>` for one person, `bawahan:<pengguna id>` for
    /// every relawan below that coordinator in the tree.
    pub kepada: String,
    /// YYYY-MM-DD.
    pub batas: String,
    /// foto, gps, angka or ya_tidak.
    pub bukti: String,
}

/// Sends a task (a coordinator within their area, a manager anywhere in
/// the election's region).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/lapangan/tugas",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = TugasBaruDto,
    responses((status = 201, description = "{\"id\": \"…\"}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_kirim(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: TugasBaruDto = crate::param::json_body(&body, "tugas tidak sah")?;
    let baru = TugasBaru {
        judul: f.judul,
        uraian: f.uraian,
        wilayah: posko_domain::KodeWilayah::parse(f.wilayah.trim())
            .map_err(|e| galat(format!("wilayah: {e}")))?,
        kepada: baca_kepada(&f.kepada)?,
        batas: baca_tanggal("batas", &f.batas)?,
        bukti: baca_jenis_bukti(&f.bukti)?,
    };
    let t = s.posko.kirim_tugas(&m.pengguna, id, baru).await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": t }))).into_response())
}

/// A proof that is not a photo.
#[derive(Deserialize, ToSchema)]
pub struct BuktiDto {
    /// For a GPS proof.
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lng: Option<f64>,
    /// For a number proof.
    #[serde(default)]
    pub angka: Option<u64>,
    /// For a yes/no proof.
    #[serde(default)]
    pub ya_tidak: Option<bool>,
    /// Unix seconds of the completion by the phone; now when left out.
    #[serde(default)]
    pub waktu: Option<i64>,
}

/// Records the caller's completion of a task (only an assignee; once:
/// sent again it answers `baru: false` and keeps the first).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/lapangan/tugas/{tugas}/selesai",
    params(("id" = String, Path, description = "Id pemilihan"), ("tugas" = String, Path, description = "Id tugas")),
    request_body = BuktiDto,
    responses((status = 200, description = "{\"baru\": true}"), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_selesai(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, tugas)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let tid = tugas_id(&tugas)?;
    let f: BuktiDto = crate::param::json_body(&body, "bukti tidak sah")?;
    let bukti = match (f.lat, f.lng, f.angka, f.ya_tidak) {
        (Some(lat), Some(lng), None, None) => Bukti::Gps { lat, lng },
        (None, None, Some(n), None) => Bukti::Angka(n),
        (None, None, None, Some(y)) => Bukti::YaTidak(y),
        _ => {
            return Err(galat(
                "bukti: isi tepat satu dari lat dan lng, angka, atau ya_tidak (foto lewat formulir)"
                    .into(),
            )
            .into());
        }
    };
    let baru = s
        .posko
        .selesaikan_tugas(&m.pengguna, id, tid, BuktiKiriman::Nilai(bukti), f.waktu)
        .await?;
    Ok(Json(serde_json::json!({ "baru": baru })).into_response())
}

/// One area's completion.
#[derive(Serialize, ToSchema)]
pub struct BarisRekapTugasDto {
    /// The area's code.
    pub wilayah: Option<String>,
    pub nama: String,
    /// One per task and assignee.
    pub ditugaskan: u64,
    pub selesai: u64,
    pub terlambat: u64,
}

/// Completion per child area.
#[derive(Serialize, ToSchema)]
pub struct RekapTugasDto {
    pub wilayah: String,
    pub nama: String,
    pub baris: Vec<BarisRekapTugasDto>,
    /// The sum of the rows.
    pub jumlah: BarisRekapTugasDto,
}

fn baris_dto(b: &posko_app::lapangan::tugas::rekap::BarisRekapTugas) -> BarisRekapTugasDto {
    BarisRekapTugasDto {
        wilayah: b.kode.map(|k| k.to_string()),
        nama: b.nama.clone(),
        ditugaskan: b.ditugaskan,
        selesai: b.selesai,
        terlambat: b.terlambat,
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
pub(crate) struct SaringRekapApi {
    /// The area (default: the caller's planning area in the election).
    #[serde(default)]
    wilayah: String,
}

/// How far the tasks of an area got, per child area (for those who plan it).
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/lapangan/tugas/rekap",
    params(("id" = String, Path, description = "Id pemilihan"), SaringRekapApi),
    responses((status = 200, body = RekapTugasDto), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_rekap(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<SaringRekapApi>,
) -> Result<Json<RekapTugasDto>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let wilayah = match q.wilayah.trim() {
        "" => None,
        w => Some(crate::param::wilayah(w)?),
    };
    let r = s.posko.rekap_tugas(&m.pengguna, id, wilayah).await?;
    Ok(Json(RekapTugasDto {
        wilayah: r.wilayah.to_string(),
        nama: r.nama.clone(),
        baris: r.baris.iter().map(baris_dto).collect(),
        jumlah: baris_dto(&r.jumlah),
    }))
}
