//! The RKDK bank statement reconciled against the ledger, for people
//! (`/pemilihan/{id}/dana/rekonsiliasi`: a form to upload the statement,
//! the result on the same page) and for scripts
//! (`POST /api/v1/pemilihan/{id}/dana/rekonsiliasi`). The file is read by
//! `Posko::rekonsiliasi_mutasi` through the import reader's ceilings;
//! reconciling stores nothing, so the upload is kept only in a private
//! temporary folder while it is read.
//!
//! Policy: `Izin::LihatDana` over the election's whole region, as every
//! read of the finance room (the route table checks it before a handler
//! runs, and the use case again).

use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Json};
use posko_app::dana::{HasilImporMutasi, Problem};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::api::{EntriDanaDto, UangDto, entri_dto};
use super::{arah_entri, kata, nama_pemilihan};
use crate::AppState;
use crate::auth::{Pengunjung, form_ditolak, masuk};
use crate::error::{ApiError, PageError};
use crate::pages::render;

/// Largest statement upload: a campaign's RKDK statement is tens of
/// kilobytes; the reader's own ceilings (rows, text) stop well before this.
pub(super) const BODY_LIMIT_MUTASI: usize = 16 * 1024 * 1024;

/// Keeps a sent file name safe as a path component, and its extension,
/// by which the reader picks CSV or spreadsheet.
fn nama_aman(nama: &str) -> String {
    let aman: String = nama
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let aman = aman.trim_start_matches('.').to_string();
    if aman.is_empty() {
        "mutasi.csv".into()
    } else {
        aman
    }
}

/// Writes the upload to a private temporary folder and reconciles it.
async fn rekonsiliasi(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Uuid,
    nama: &str,
    isi: &[u8],
) -> Result<Result<HasilImporMutasi, Vec<Problem>>, posko_app::AppError> {
    let nama = nama_aman(nama);
    let dir =
        tempfile::tempdir().map_err(|e| posko_app::AppError::internal("folder sementara", e))?;
    let path = dir.path().join(&nama);
    tokio::fs::write(&path, isi)
        .await
        .map_err(|e| posko_app::AppError::internal("menyimpan berkas sementara", e))?;
    s.posko
        .rekonsiliasi_mutasi(&m.pengguna, id, &path, &nama)
        .await
}

// ---------------------------------------------------------------- page

struct BarisEntri {
    href: String,
    nomor: i64,
    tanggal: String,
    arah: &'static str,
    nilai: String,
    uraian: String,
}

struct BarisLepas {
    baris: usize,
    tanggal: String,
    keterangan: String,
    arah: &'static str,
    nilai: String,
}

struct BarisMasalah {
    berkas: String,
    baris: String,
    kolom: String,
    alasan: String,
}

struct Ringkas {
    berkas: String,
    baris_mutasi: usize,
    entri_rkdk: usize,
    cocok: usize,
    entri_lepas: Vec<BarisEntri>,
    mutasi_lepas: Vec<BarisLepas>,
}

#[derive(Template)]
#[template(path = "dana_rekonsiliasi.html")]
struct Halaman {
    judul: String,
    dasar: String,
    csrf: String,
    hasil: Option<Ringkas>,
    masalah: Vec<BarisMasalah>,
}

fn arah_teks(a: posko_domain::dana::Arah) -> &'static str {
    match a {
        posko_domain::dana::Arah::Penerimaan => kata("Masuk (kredit)", "In (credit)"),
        posko_domain::dana::Arah::Pengeluaran => kata("Keluar (debet)", "Out (debit)"),
    }
}

fn ringkas(id: Uuid, h: &HasilImporMutasi) -> Ringkas {
    let r = &h.rekonsiliasi;
    Ringkas {
        berkas: h.berkas.clone(),
        baris_mutasi: h.mutasi.len(),
        entri_rkdk: h.entri_rkdk,
        cocok: r.cocok.len(),
        entri_lepas: h
            .entri_lepas
            .iter()
            .map(|e| BarisEntri {
                href: format!("/pemilihan/{id}/dana/entri/{}", e.id),
                nomor: e.nomor,
                tanggal: e.tanggal.to_string(),
                arah: arah_teks(arah_entri(e)),
                nilai: e.nilai.to_string(),
                uraian: e.uraian.clone(),
            })
            .collect(),
        mutasi_lepas: r
            .mutasi_lepas
            .iter()
            .filter_map(|&i| h.mutasi.get(i))
            .map(|m| BarisLepas {
                baris: m.baris,
                tanggal: m.tanggal.to_string(),
                keterangan: m.keterangan.clone(),
                arah: arah_teks(m.arah),
                nilai: m.nilai.to_string(),
            })
            .collect(),
    }
}

async fn halaman(
    s: &AppState,
    m: &posko_app::Masuk,
    id: Uuid,
    hasil: Option<Ringkas>,
    masalah: Vec<BarisMasalah>,
) -> Result<Html<String>, PageError> {
    let (nama, _) = nama_pemilihan(s, id).await?;
    render(Halaman {
        judul: crate::t1("dana-rekonsiliasi-judul", "nama", nama),
        dasar: format!("/pemilihan/{id}/dana"),
        csrf: m.sesi.csrf.clone(),
        hasil,
        masalah,
    })
}

pub(super) async fn formulir(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    halaman(&s, &m, id, None, Vec::new()).await
}

pub(super) async fn unggah(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let bad = |msg: String| PageError(StatusCode::BAD_REQUEST, msg);
    let mut csrf = None;
    let mut berkas: Option<(String, axum::body::Bytes)> = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        bad(crate::t1(
            "galat-formulir-tidak-terbaca",
            "galat",
            e.to_string(),
        ))
    })? {
        match field.name() {
            Some("csrf") => {
                csrf = Some(
                    field
                        .text()
                        .await
                        .map_err(|_| bad(crate::t("galat-formulir-tanpa-token")))?,
                )
            }
            Some("berkas") => {
                let nama = field.file_name().unwrap_or("mutasi.csv").to_string();
                let isi = field.bytes().await.map_err(|e| {
                    bad(crate::t1(
                        "galat-berkas-tidak-terbaca",
                        "galat",
                        e.to_string(),
                    ))
                })?;
                berkas = Some((nama, isi));
            }
            _ => {}
        }
    }
    let csrf = csrf.ok_or_else(|| bad(crate::t("galat-formulir-tanpa-token")))?;
    if let Some(r) = form_ditolak(&m, &csrf, &headers) {
        return Ok(r);
    }
    let Some((nama, isi)) = berkas.filter(|(_, b)| !b.is_empty()) else {
        return Err(PageError(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::t("dana-rekonsiliasi-pilih-berkas"),
        ));
    };
    match rekonsiliasi(&s, &m, id, &nama, &isi).await? {
        Ok(h) => Ok(halaman(&s, &m, id, Some(ringkas(id, &h)), Vec::new())
            .await?
            .into_response()),
        Err(masalah) => {
            let masalah = masalah
                .into_iter()
                .map(|p| BarisMasalah {
                    berkas: p.file,
                    baris: p.line.map(|l| l.to_string()).unwrap_or_default(),
                    kolom: p.column.unwrap_or_default(),
                    alasan: p.reason,
                })
                .collect();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                halaman(&s, &m, id, None, masalah).await?,
            )
                .into_response())
        }
    }
}

// ---------------------------------------------------------------- API

/// A statement line no ledger entry matched.
#[derive(Serialize, ToSchema)]
pub struct MutasiLepasDto {
    /// Line (CSV) or row (spreadsheet) in the file.
    pub baris: usize,
    /// TTTT-BB-HH
    pub tanggal: String,
    pub keterangan: String,
    /// penerimaan (kredit) or pengeluaran (debet)
    pub arah: String,
    pub nilai: UangDto,
}

/// A statement reconciled against the ledger's RKDK cash entries.
#[derive(Serialize, ToSchema)]
pub struct RekonsiliasiDto {
    /// The file as read (`mutasi.xlsx [Sheet1]` for a spreadsheet).
    pub berkas: String,
    pub baris_mutasi: usize,
    pub entri_rkdk: usize,
    /// Pairs of an entry and a line: same direction and amount, dates at
    /// most three days apart.
    pub cocok: usize,
    /// RKDK cash entries no line matched.
    pub entri_lepas: Vec<EntriDanaDto>,
    /// Lines no entry matched.
    pub mutasi_lepas: Vec<MutasiLepasDto>,
}

/// One thing wrong with the file.
#[derive(Serialize, ToSchema)]
pub struct MasalahBerkasDto {
    pub berkas: String,
    pub baris: Option<u64>,
    /// The column's header as in the file (or its letter).
    pub kolom: Option<String>,
    pub alasan: String,
}

/// A statement that could not be read: every problem, nothing reconciled.
#[derive(Serialize, ToSchema)]
pub struct BerkasSalahDto {
    pub error: String,
    pub masalah: Vec<MasalahBerkasDto>,
}

#[derive(Deserialize)]
pub(crate) struct KueriNama {
    #[serde(default)]
    nama: Option<String>,
}

/// Reconciles an RKDK bank statement (CSV in the "Tanggal, Keterangan,
/// Cabang, Jumlah, , Saldo" or "Tanggal, Keterangan, Debet, Kredit,
/// Saldo" layout, or XLSX) against the ledger. The body is the file
/// itself, named by `?nama=` (its extension says CSV or XLSX), or a
/// multipart form with the file in `berkas`. Nothing is stored.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/dana/rekonsiliasi",
    params(
        ("id" = String, Path, description = "Id pemilihan"),
        ("nama" = Option<String>, Query, description = "Nama berkas, mis. mutasi.csv atau mutasi.xlsx (bawaan: mutasi.csv)"),
    ),
    request_body(content = Vec<u8>, content_type = "text/csv", description = "Berkas mutasi RKDK (atau multipart/form-data dengan medan berkas)"),
    responses(
        (status = 200, body = RekonsiliasiDto),
        (status = 403, body = crate::error::ErrorBody),
        (status = 422, body = BerkasSalahDto),
    )
)]
pub(crate) async fn api_rekonsiliasi(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<KueriNama>,
    req: Request,
) -> Result<Response, ApiError> {
    let m =
        p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))?;
    let id = crate::param::pemilihan(&id)?;
    let bad = |e: String| ApiError(StatusCode::BAD_REQUEST, e);
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let (nama, isi) = if multipart {
        let mut mp = Multipart::from_request(req, &s)
            .await
            .map_err(|e| bad(format!("formulir tidak terbaca: {e}")))?;
        let mut berkas = None;
        while let Some(f) = mp
            .next_field()
            .await
            .map_err(|e| bad(format!("formulir tidak terbaca: {e}")))?
        {
            if f.name() == Some("berkas") {
                let nama = f
                    .file_name()
                    .map(str::to_string)
                    .or(q.nama.clone())
                    .unwrap_or_else(|| "mutasi.csv".into());
                let isi = f
                    .bytes()
                    .await
                    .map_err(|e| bad(format!("berkas tidak terbaca: {e}")))?;
                berkas = Some((nama, isi));
            }
        }
        berkas.ok_or_else(|| {
            ApiError(
                StatusCode::UNPROCESSABLE_ENTITY,
                "tidak ada medan 'berkas' di formulir".into(),
            )
        })?
    } else {
        let isi = axum::body::Bytes::from_request(req, &s)
            .await
            .map_err(|e| ApiError(e.status(), e.body_text()))?;
        (q.nama.unwrap_or_else(|| "mutasi.csv".into()), isi)
    };
    if isi.is_empty() {
        return Err(ApiError(
            StatusCode::UNPROCESSABLE_ENTITY,
            "berkas kosong".into(),
        ));
    }
    match rekonsiliasi(&s, &m, id, &nama, &isi).await? {
        Ok(h) => {
            let r = &h.rekonsiliasi;
            Ok(Json(RekonsiliasiDto {
                berkas: h.berkas.clone(),
                baris_mutasi: h.mutasi.len(),
                entri_rkdk: h.entri_rkdk,
                cocok: r.cocok.len(),
                entri_lepas: h.entri_lepas.iter().map(entri_dto).collect(),
                mutasi_lepas: r
                    .mutasi_lepas
                    .iter()
                    .filter_map(|&i| h.mutasi.get(i))
                    .map(|m| MutasiLepasDto {
                        baris: m.baris,
                        tanggal: m.tanggal.to_string(),
                        keterangan: m.keterangan.clone(),
                        arah: m.arah.slug().to_string(),
                        nilai: m.nilai.into(),
                    })
                    .collect(),
            })
            .into_response())
        }
        Err(masalah) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(BerkasSalahDto {
                error: masalah
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
                masalah: masalah
                    .into_iter()
                    .map(|p| MasalahBerkasDto {
                        berkas: p.file,
                        baris: p.line,
                        kolom: p.column,
                        alasan: p.reason,
                    })
                    .collect(),
            }),
        )
            .into_response()),
    }
}

#[cfg(test)]
mod tests {
    use super::nama_aman;

    #[test]
    fn nama_berkas_aman() {
        assert_eq!(nama_aman("../../etc/passwd"), "passwd");
        assert_eq!(nama_aman("C:\\bank\\mutasi des.xlsx"), "mutasi_des.xlsx");
        assert_eq!(nama_aman(".."), "mutasi.csv");
        assert_eq!(nama_aman(""), "mutasi.csv");
    }
}
