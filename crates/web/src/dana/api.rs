//! The finance room's JSON API under `/api/v1/pemilihan/{id}/dana`: the
//! summary, the ledger, the donors with their standing and the reports'
//! lines to read; donations, spending, corrections and returns of excess
//! to write. Amounts go out as `{sen, teks}` (sen: hundredths of a
//! rupiah; teks: "Rp1.500.000") and come in as text, read by
//! `Uang::parse` ("1.500.000", "Rp 1.500.000,-", "1500000").

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json};
use posko_app::Masuk;
use posko_domain::dana::{Arah, Periode, Uang};
use posko_storage::{EntriDana, JenisEntriDana};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{FormBelanja, FormKoreksi, FormPengembalian, FormSumbangan, KueriBuku, arah_entri};
use crate::auth::{Kebijakan, Pengunjung, Sasaran};
use crate::error::ApiError;
use crate::{AppState, Rutes};

pub(super) fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = Izin(posko_domain::Izin::LihatDana, Sasaran::PemilihanUtuh);
    let catat = Izin(posko_domain::Izin::CatatDana, Sasaran::PemilihanUtuh);
    r.add(
        "GET",
        "/api/v1/pemilihan/{id}/dana",
        "/api/v1/pemilihan/{id}/dana",
        lihat,
        get(api_ringkasan),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/dana/buku",
        "/api/v1/pemilihan/{id}/dana/buku",
        lihat,
        get(api_buku),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/dana/penyumbang",
        "/api/v1/pemilihan/{id}/dana/penyumbang",
        lihat,
        get(api_penyumbang),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/dana/laporan/{periode}",
        "/api/v1/pemilihan/{id}/dana/laporan/lppdk",
        lihat,
        get(api_laporan),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/dana/sumbangan",
        "/api/v1/pemilihan/{id}/dana/sumbangan",
        catat,
        post(api_sumbangan),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/dana/belanja",
        "/api/v1/pemilihan/{id}/dana/belanja",
        catat,
        post(api_belanja),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/dana/koreksi",
        "/api/v1/pemilihan/{id}/dana/koreksi",
        catat,
        post(api_koreksi),
    )
    .add_dengan_batas(
        "POST",
        "/api/v1/pemilihan/{id}/dana/bukti",
        "/api/v1/pemilihan/{id}/dana/bukti",
        catat,
        posko_app::dana::BUKTI_MAKS + 64 * 1024,
        post(api_bukti),
    )
    .add(
        "POST",
        "/api/v1/pemilihan/{id}/dana/pengembalian",
        "/api/v1/pemilihan/{id}/dana/pengembalian",
        catat,
        post(api_pengembalian),
    )
}

/// An amount of money.
#[derive(Serialize, ToSchema, Debug, Clone)]
pub struct UangDto {
    /// Hundredths of a rupiah.
    pub sen: i64,
    /// As Indonesians write it: "Rp1.500.000".
    pub teks: String,
}

impl From<Uang> for UangDto {
    fn from(u: Uang) -> UangDto {
        UangDto {
            sen: u.sen(),
            teks: u.to_string(),
        }
    }
}

/// The ledger at a glance.
#[derive(Serialize, ToSchema)]
pub struct RingkasanDanaDto {
    pub total_penerimaan: UangDto,
    pub total_pengeluaran: UangDto,
    pub saldo: UangDto,
    /// Of the receipts, what may not be used (over a cap, or anonymous).
    pub kelebihan: UangDto,
    pub belum_dikembalikan: UangDto,
    pub batas_belanja: Option<UangDto>,
    pub belanja_kampanye: UangDto,
    /// Campaign spending as a percentage of the region's cap.
    pub persen_batas: Option<f64>,
}

/// One ledger entry.
#[derive(Serialize, ToSchema)]
pub struct EntriDanaDto {
    pub id: Uuid,
    pub nomor: i64,
    /// TTTT-BB-HH
    pub tanggal: String,
    /// penerimaan, pengeluaran
    pub arah: String,
    /// Receipts: the source (paslon, perseorangan, …).
    pub sumber: Option<String>,
    /// Receipts: the donor (none when anonymous).
    pub penyumbang_id: Option<Uuid>,
    /// Spending: its kind.
    pub kategori: Option<String>,
    /// uang, barang, jasa
    pub bentuk: String,
    pub jumlah_unit: Option<u32>,
    pub satuan: Option<String>,
    pub jenis_jasa: Option<String>,
    /// rkdk, tunai
    pub rekening: String,
    pub nilai: UangDto,
    pub koreksi_atas: Option<Uuid>,
    /// The period that carries it as a late adjustment (ladk, lpsdk, lppdk).
    pub susulan: Option<String>,
    pub uraian: String,
    /// SHA-256 of each proof.
    pub bukti: Vec<String>,
}

pub(super) fn entri_dto(e: &EntriDana) -> EntriDanaDto {
    use posko_domain::dana::BentukDana as B;
    let (sumber, penyumbang_id, kategori) = match e.jenis {
        JenisEntriDana::Penerimaan {
            sumber,
            penyumbang_id,
        } => (Some(sumber.slug().to_string()), penyumbang_id, None),
        JenisEntriDana::Pengeluaran { kategori } => (None, None, Some(kategori.slug().to_string())),
    };
    let (jumlah_unit, satuan, jenis_jasa) = match &e.bentuk {
        B::Uang => (None, None, None),
        B::Barang {
            jumlah_unit,
            satuan,
        } => (Some(*jumlah_unit), Some(satuan.clone()), None),
        B::Jasa { jenis } => (None, None, Some(jenis.clone())),
    };
    EntriDanaDto {
        id: e.id,
        nomor: e.nomor,
        tanggal: e.tanggal.to_string(),
        arah: arah_entri(e).slug().to_string(),
        sumber,
        penyumbang_id,
        kategori,
        bentuk: e.bentuk.jenis().slug().to_string(),
        jumlah_unit,
        satuan,
        jenis_jasa,
        rekening: e.rekening.slug().to_string(),
        nilai: e.nilai.into(),
        koreksi_atas: e.koreksi_atas,
        susulan: e.susulan.map(|p| p.slug().to_string()),
        uraian: e.uraian.clone(),
        bukti: e.bukti.clone(),
    }
}

/// A donor with their identity and their standing over the campaign.
/// `id` none: the anonymous donations of one source.
#[derive(Serialize, ToSchema)]
pub struct PenyumbangDto {
    pub id: Option<Uuid>,
    pub sumber: String,
    pub nama: Option<String>,
    pub alamat: Option<String>,
    pub telepon: Option<String>,
    pub nik: Option<String>,
    pub npwp: Option<String>,
    /// Net of all their entries.
    pub bersih: UangDto,
    /// What may be used.
    pub terpakai: UangDto,
    /// Over the cap (or all of an anonymous donation).
    pub kelebihan: UangDto,
    pub dikembalikan: UangDto,
    pub belum_dikembalikan: UangDto,
}

/// What writing an entry did.
#[derive(Serialize, ToSchema)]
pub struct HasilEntriDto {
    pub id: Uuid,
    pub nomor: i64,
    pub susulan: Option<String>,
    pub penyumbang_id: Option<Uuid>,
    /// For a donation: the part that may be used.
    pub terpakai: Option<UangDto>,
    /// For a donation: the part over the cap.
    pub kelebihan: Option<UangDto>,
}

/// The signed-in caller of a finance API route (401 otherwise).
pub(super) fn masuk(p: Pengunjung) -> Result<Masuk, ApiError> {
    p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))
}

/// The summary of an election's campaign finance.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/dana",
    params(("id" = String, Path, description = "Id pemilihan")),
    responses((status = 200, body = RingkasanDanaDto), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_ringkasan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Json<RingkasanDanaDto>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ringkasan_dana(&m.pengguna, id).await?;
    Ok(Json(RingkasanDanaDto {
        total_penerimaan: r.total_penerimaan.into(),
        total_pengeluaran: r.total_pengeluaran.into(),
        saldo: r.saldo.into(),
        kelebihan: r.kelebihan.into(),
        belum_dikembalikan: r.belum_dikembalikan.into(),
        batas_belanja: r.batas_belanja.map(Into::into),
        belanja_kampanye: r.belanja_kampanye.into(),
        persen_batas: r.persen_batas,
    }))
}

/// The ledger, oldest first, filtered by date, kind and donor.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/dana/buku",
    params(
        ("id" = String, Path, description = "Id pemilihan"),
        ("dari" = Option<String>, Query, description = "Tanggal pertama (TTTT-BB-HH)"),
        ("sampai" = Option<String>, Query, description = "Tanggal terakhir (TTTT-BB-HH)"),
        ("arah" = Option<String>, Query, description = "penerimaan atau pengeluaran"),
        ("penyumbang" = Option<String>, Query, description = "Id penyumbang"),
    ),
    responses((status = 200, body = [EntriDanaDto]), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_buku(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<KueriBuku>,
) -> Result<Json<Vec<EntriDanaDto>>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let (saring, arah) = q.saring()?;
    let buku = s.posko.buku_dana(&m.pengguna, id, &saring).await?;
    Ok(Json(
        buku.iter()
            .filter(|e| arah.is_none_or(|a: Arah| arah_entri(e) == a))
            .map(entri_dto)
            .collect(),
    ))
}

/// The donors, with their identity and standing (usable and excess).
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/dana/penyumbang",
    params(("id" = String, Path, description = "Id pemilihan")),
    responses((status = 200, body = [PenyumbangDto]), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_penyumbang(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Json<Vec<PenyumbangDto>>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let daftar = s.posko.daftar_penyumbang(&m.pengguna, id).await?;
    let posisi = s.posko.posisi_dana(&m.pengguna, id).await?;
    let nol = || UangDto::from(Uang::NOL);
    let mut out: Vec<PenyumbangDto> = daftar
        .into_iter()
        .map(|d| {
            let q = posisi
                .iter()
                .find(|x| x.penyumbang_id == Some(d.id))
                .map(|x| &x.posisi);
            let i = d.identitas.unwrap_or_default();
            PenyumbangDto {
                id: Some(d.id),
                sumber: d.sumber.slug().to_string(),
                nama: Some(i.nama),
                alamat: Some(i.alamat),
                telepon: i.telepon,
                nik: i.nik,
                npwp: i.npwp,
                bersih: q.map_or_else(nol, |q| q.bersih.into()),
                terpakai: q.map_or_else(nol, |q| q.terpakai.into()),
                kelebihan: q.map_or_else(nol, |q| q.kelebihan.into()),
                dikembalikan: q.map_or_else(nol, |q| q.dikembalikan.into()),
                belum_dikembalikan: q.map_or_else(nol, |q| q.belum_dikembalikan.into()),
            }
        })
        .collect();
    out.extend(
        posisi
            .iter()
            .filter(|x| x.penyumbang_id.is_none())
            .map(|x| PenyumbangDto {
                id: None,
                sumber: x.posisi.penyumbang.sumber.slug().to_string(),
                nama: None,
                alamat: None,
                telepon: None,
                nik: None,
                npwp: None,
                bersih: x.posisi.bersih.into(),
                terpakai: x.posisi.terpakai.into(),
                kelebihan: x.posisi.kelebihan.into(),
                dikembalikan: x.posisi.dikembalikan.into(),
                belum_dikembalikan: x.posisi.belum_dikembalikan.into(),
            }),
    );
    Ok(Json(out))
}

/// The lines of one KPU report (LADK, LPSDK or LPPDK), amounts in sen.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/dana/laporan/{periode}",
    params(
        ("id" = String, Path, description = "Id pemilihan"),
        ("periode" = String, Path, description = "ladk, lpsdk atau lppdk"),
    ),
    responses((status = 200, description = "{periode, saldo_awal, penerimaan: [{sumber, bentuk, jumlah}], pengeluaran: [{kategori, jumlah}], total_penerimaan, total_pengeluaran, saldo_akhir, kelebihan, susulan}; jumlah dalam sen"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_laporan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, periode)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let per =
        Periode::parse(&periode).map_err(|e| ApiError(StatusCode::NOT_FOUND, e.to_string()))?;
    let l = s.posko.laporan_dana(&m.pengguna, id, per).await?;
    Ok(Json(l).into_response())
}

fn hasil(h: posko_app::dana::HasilEntriDana) -> Response {
    (
        StatusCode::CREATED,
        Json(HasilEntriDto {
            id: h.id,
            nomor: h.nomor,
            susulan: h.susulan.map(|p| p.slug().to_string()),
            penyumbang_id: h.penyumbang_id,
            terpakai: h.bagian.map(|b| b.terpakai.into()),
            kelebihan: h.bagian.map(|b| b.kelebihan.into()),
        }),
    )
        .into_response()
}

/// Records a donation (treasurer, manager). A new donor is recorded with
/// it, or found by NIK or NPWP; the reply says what part is excess.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/dana/sumbangan",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = super::FormSumbangan,
    responses((status = 201, body = HasilEntriDto), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_sumbangan(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: FormSumbangan = crate::param::json_body(&body, "sumbangan tidak sah")?;
    let baru = f.baca()?;
    Ok(hasil(
        s.posko.catat_sumbangan(&m.pengguna, id, &baru).await?,
    ))
}

/// Records spending of one kind.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/dana/belanja",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = super::FormBelanja,
    responses((status = 201, body = HasilEntriDto), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_belanja(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: FormBelanja = crate::param::json_body(&body, "pengeluaran tidak sah")?;
    let baru = f.baca()?;
    Ok(hasil(s.posko.catat_belanja(&m.pengguna, id, &baru).await?))
}

/// Records a correction of an entry: a new entry by the signed amount.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/dana/koreksi",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = super::FormKoreksi,
    responses((status = 201, body = HasilEntriDto), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_koreksi(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: FormKoreksi = crate::param::json_body(&body, "koreksi tidak sah")?;
    let baru = f.baca()?;
    Ok(hasil(s.posko.catat_koreksi(&m.pengguna, id, &baru).await?))
}

/// Records excess handed back to a donor or paid to the state treasury.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/dana/pengembalian",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = super::FormPengembalian,
    responses((status = 201, description = "{id}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_pengembalian(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: FormPengembalian = crate::param::json_body(&body, "pengembalian tidak sah")?;
    let baru = f.baca()?;
    let r = s
        .posko
        .catat_pengembalian_kelebihan(&m.pengguna, id, &baru)
        .await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": r }))).into_response())
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct KueriBukti {
    /// The file's name, for messages only.
    #[serde(default)]
    nama: String,
}

/// Uploads one proof of a finance entry (the raw bytes of a JPEG, PNG,
/// HEIC or PDF as the body, up to 12 MB); answers its SHA-256 to list in
/// an entry's `bukti`. Only a hash uploaded so for this election may be
/// listed.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/dana/bukti",
    params(
        ("id" = String, Path, description = "Id pemilihan"),
        ("nama" = Option<String>, Query, description = "Nama berkas, untuk pesan galat"),
    ),
    request_body(content = Vec<u8>, content_type = "application/pdf", description = "Kuitansi, nota atau slip: PDF, JPEG, PNG atau HEIC"),
    responses((status = 201, description = "{\"sha256\": \"<sha256>\"}"), (status = 403, body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_bukti(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    Query(q): Query<KueriBukti>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let hash = s
        .posko
        .simpan_bukti_dana(&m.pengguna, id, &q.nama, body.to_vec())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "sha256": hash })),
    )
        .into_response())
}
