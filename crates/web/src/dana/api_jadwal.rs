//! The reporting calendar in the JSON API: each report's window,
//! deadline and filings with today's reminders to read, a filing to
//! record.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json};
use serde::Serialize;
use utoipa::ToSchema;

use super::api::masuk;
use super::jadwal::FormPenyampaian;
use crate::auth::{Kebijakan, Pengunjung, Sasaran};
use crate::error::ApiError;
use crate::{AppState, Rutes};

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    r.add(
        "GET",
        "/api/v1/pemilihan/{id}/dana/jadwal",
        "/api/v1/pemilihan/{id}/dana/jadwal",
        Izin(posko_domain::Izin::LihatDana, Sasaran::PemilihanUtuh),
        get(api_jadwal),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/dana/penyampaian",
        "/api/v1/pemilihan/{id}/dana/penyampaian",
        Izin(posko_domain::Izin::CatatDana, Sasaran::PemilihanUtuh),
        post(api_penyampaian),
    )
}

/// A report recorded as filed.
#[derive(Serialize, ToSchema, Debug)]
pub struct PenyampaianDto {
    /// TTTT-BB-HH
    pub tanggal: String,
    pub tanda_terima: String,
    pub catatan: String,
}

/// One report in the calendar.
#[derive(Serialize, ToSchema, Debug)]
pub struct PeriodeDto {
    /// ladk, lpsdk, lppdk
    pub periode: String,
    /// First booked date (TTTT-BB-HH); none for the LADK.
    pub awal: Option<String>,
    pub akhir: String,
    pub batas_penyampaian: String,
    /// Its deadline has passed.
    pub tertutup: bool,
    /// The latest filing, when recorded.
    pub disampaikan: Option<PenyampaianDto>,
    pub kali_disampaikan: usize,
}

/// A report to file soon, or overdue.
#[derive(Serialize, ToSchema, Debug)]
pub struct PengingatDto {
    pub periode: String,
    pub batas: String,
    /// Days to the deadline; negative once passed.
    pub sisa_hari: i64,
    /// terlambat, hari_ini, segera, mendatang
    pub desakan: String,
}

/// The calendar; `periode` empty until the campaign's dates are set.
#[derive(Serialize, ToSchema, Debug)]
pub struct JadwalDanaDto {
    /// The KPU's own schedule was recorded (not the 2024 pattern).
    pub diatur_kpu: bool,
    pub periode: Vec<PeriodeDto>,
    pub pengingat: Vec<PengingatDto>,
}

/// The reporting calendar with filings and today's reminders.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/dana/jadwal",
    params(("id" = String, Path, description = "Id pemilihan")),
    responses((status = 200, body = JadwalDanaDto), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_jadwal(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Json<JadwalDanaDto>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let Some(j) = s.posko.jadwal_terlihat_dana(&m.pengguna, id).await? else {
        return Ok(Json(JadwalDanaDto {
            diatur_kpu: false,
            periode: Vec::new(),
            pengingat: Vec::new(),
        }));
    };
    Ok(Json(JadwalDanaDto {
        diatur_kpu: j.diatur_kpu,
        periode: j
            .periode
            .iter()
            .map(|s| PeriodeDto {
                periode: s.jendela.periode.slug().into(),
                awal: s.jendela.awal.map(|d| d.to_string()),
                akhir: s.jendela.akhir.to_string(),
                batas_penyampaian: s.jendela.batas_penyampaian.to_string(),
                tertutup: s.tertutup,
                disampaikan: s.disampaikan.as_ref().map(|d| PenyampaianDto {
                    tanggal: d.tanggal.to_string(),
                    tanda_terima: d.tanda_terima.clone(),
                    catatan: d.catatan.clone(),
                }),
                kali_disampaikan: s.kali_disampaikan,
            })
            .collect(),
        pengingat: j
            .pengingat
            .iter()
            .map(|p| PengingatDto {
                periode: p.periode.slug().into(),
                batas: p.batas.to_string(),
                sisa_hari: p.sisa_hari,
                desakan: p.desakan.slug().into(),
            })
            .collect(),
    }))
}

/// Records a report as filed with the KPU (treasurer, manager).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/dana/penyampaian",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = FormPenyampaian,
    responses((status = 201, description = "dicatat"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_penyampaian(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: FormPenyampaian = crate::param::json_body(&body, "penyampaian tidak sah")?;
    let (periode, tanggal) = f.baca()?;
    s.posko
        .catat_penyampaian_dana(
            &m.pengguna,
            id,
            periode,
            tanggal,
            &f.tanda_terima,
            &f.catatan,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "dicatat": true })),
    )
        .into_response())
}
