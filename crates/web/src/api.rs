//! The JSON API under /api/v1, described by the OpenAPI document served at
//! /api/v1/openapi.json. Response bodies are DTOs of their own so the wire
//! format is stable even when storage models change.

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Extension, Json};
use posko_domain::{KodeTps, KodeWilayah};
use posko_storage::{Paslon, Pemilihan, RekapDpt, Tps, Wilayah};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use uuid::Uuid;

use crate::auth::{self, Kebijakan, Pengunjung, Sasaran};
use crate::error::{ApiError, ErrorBody};
use crate::{AppState, Rutes};
use axum::http::StatusCode;

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat = |s| Izin(posko_domain::Izin::LihatWilayah, s);
    r.add_operasi("GET", "/healthz", Publik, get(health))
        .add(
            "GET",
            "/api/v1/openapi.json",
            "/api/v1/openapi.json",
            Publik,
            get(openapi),
        )
        .add(
            "GET",
            "/api/v1/wilayah",
            "/api/v1/wilayah",
            lihat(Sasaran::Global),
            get(wilayah_root),
        )
        .add(
            "GET",
            "/api/v1/wilayah/{kode}",
            "/api/v1/wilayah/31.71",
            lihat(Sasaran::Wilayah),
            get(wilayah_detail),
        )
        .add(
            "GET",
            "/api/v1/wilayah/{kode}/tps",
            "/api/v1/wilayah/31.71/tps",
            lihat(Sasaran::Wilayah),
            get(wilayah_tps),
        )
        .add(
            "GET",
            "/api/v1/tps/{kode}",
            "/api/v1/tps/3171011001001",
            lihat(Sasaran::Tps),
            get(tps_detail),
        )
        .add(
            "GET",
            "/api/v1/pemilihan",
            "/api/v1/pemilihan",
            Masuk,
            get(pemilihan_list),
        )
        .add(
            "GET",
            "/api/v1/pemilihan/{id}",
            "/api/v1/pemilihan/{id}",
            lihat(Sasaran::Pemilihan),
            get(pemilihan_detail),
        )
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Posko API",
        description = "Posko: platform posko pemenangan dan pengawalan suara Pilkada. Semua kode wilayah memakai format Kemendagri bertitik (32.73.01.1001); kode TPS ditulis 32.73.01.1001-003.",
    ),
    paths(
        health,
        wilayah_root,
        wilayah_detail,
        wilayah_tps,
        tps_detail,
        pemilihan_list,
        pemilihan_detail,
        crate::hasil::api_foto,
        crate::hasil::api_kirim,
        crate::hasil::api_hasil_tps,
        crate::verifikasi::api_tugas,
        crate::verifikasi::api_baca,
        crate::rekap::api_rekap,
        crate::menang::api_aturan,
        crate::hari_h::api_checkin,
        crate::hari_h::api_insiden,
        crate::jalan::api_kunjungan,
        crate::hitung_cepat::aturan::api_hitung_cepat,
        crate::dana::api::api_ringkasan,
        crate::dana::api::api_buku,
        crate::dana::api::api_penyumbang,
        crate::dana::api::api_laporan,
        crate::dana::api::api_sumbangan,
        crate::dana::api::api_belanja,
        crate::dana::api::api_koreksi,
        crate::dana::api::api_pengembalian,
        crate::dana::rekonsiliasi::api_rekonsiliasi,
        crate::dana::api_jadwal::api_jadwal,
        crate::dana::api_jadwal::api_penyampaian,
        crate::dana::api::api_bukti,
        crate::medsos::akun::api::api_akun,
        crate::lapangan::apk::api::api_apk,
        crate::medsos::akun::api::api_tambah,
        crate::medsos::akun::api::api_keluar,
        crate::medsos::konten::api::api_daftar,
        crate::medsos::konten::api::api_tulis,
        crate::medsos::konten::api::api_langkah,
        crate::medsos::konten::api::api_posting,
        crate::medsos::konten::api::api_media,
        crate::medsos::isu::api::api_daftar_isu,
        crate::medsos::isu::api::api_catat_isu,
        crate::medsos::isu::api::api_status_isu,
        crate::medsos::isu::analitik::api_impor_analitik,
        crate::lapangan::acara::halaman::api_daftar,
        crate::lapangan::acara::halaman::api_hadir,
        crate::lapangan::survei::halaman::api_hasil,
        crate::lapangan::survei::halaman::api_wawancara,
        crate::lapangan::tugas::api::api_daftar,
        crate::lapangan::tugas::api::api_kirim,
        crate::lapangan::tugas::api::api_selesai,
        crate::lapangan::tugas::api::api_rekap
    ),
    components(schemas(
        ErrorBody,
        Health,
        WilayahDto,
        RekapDto,
        WilayahRekapDto,
        WilayahDetail,
        TpsDto,
        TpsPage,
        PemilihanDto,
        PaslonDto,
        PemilihanDetail,
        crate::dana::api::UangDto,
        crate::dana::api::RingkasanDanaDto,
        crate::dana::api::EntriDanaDto,
        crate::dana::api::PenyumbangDto,
        crate::dana::api::HasilEntriDto,
        crate::dana::rekonsiliasi::RekonsiliasiDto,
        crate::dana::rekonsiliasi::MutasiLepasDto,
        crate::dana::rekonsiliasi::MasalahBerkasDto,
        crate::dana::rekonsiliasi::BerkasSalahDto,
        crate::dana::FormSumbangan,
        crate::dana::FormBelanja,
        crate::dana::FormKoreksi,
        crate::dana::FormPengembalian,
        crate::dana::api_jadwal::JadwalDanaDto,
        crate::dana::api_jadwal::PeriodeDto,
        crate::dana::api_jadwal::PengingatDto,
        crate::dana::api_jadwal::PenyampaianDto,
        crate::medsos::akun::api::RegistriMedsosDto,
        crate::lapangan::apk::api::ApkDto,
        crate::lapangan::apk::api::BarangApkDto,
        crate::lapangan::apk::api::KuotaApkDto,
        crate::lapangan::apk::api::PasangApkDto,
        crate::medsos::akun::api::AkunMedsosDto,
        crate::medsos::akun::api::AkunBaruDto,
        crate::medsos::akun::api::PemegangDto,
        crate::medsos::akun::api::RotasiDto,
        crate::medsos::akun::FormKeluar,
        crate::dana::jadwal::FormPenyampaian,
        crate::medsos::konten::api::KontenDto,
        crate::medsos::konten::api::LangkahKontenDto,
        crate::medsos::konten::api::PostingKontenDto,
        crate::medsos::konten::api::KontenBaruDto,
        crate::medsos::konten::api::LangkahBaruDto,
        crate::medsos::konten::api::PostingBaruDto,
        crate::medsos::konten::api::PostingDto,
        crate::medsos::isu::api::IsuDto,
        crate::medsos::isu::api::IsuBaruDto,
        crate::medsos::isu::api::StatusIsuDto,
        crate::medsos::isu::analitik::BarisAnalitikDto,
        crate::medsos::isu::analitik::HasilImporDto,
        crate::lapangan::acara::halaman::AcaraDto,
        crate::lapangan::acara::halaman::HadirDto,
        crate::lapangan::survei::halaman::OpsiDto,
        crate::lapangan::survei::halaman::PertanyaanHasilDto,
        crate::lapangan::survei::halaman::WilayahHasilDto,
        crate::lapangan::survei::halaman::HasilSurveiDto,
        crate::lapangan::survei::halaman::WawancaraDto,
        crate::lapangan::tugas::api::TugasDto,
        crate::lapangan::tugas::api::PenerimaTugasDto,
        crate::lapangan::tugas::api::TugasBaruDto,
        crate::lapangan::tugas::api::BuktiDto,
        crate::lapangan::tugas::api::RekapTugasDto,
        crate::lapangan::tugas::api::BarisRekapTugasDto
    ))
)]
pub struct ApiDoc;

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

fn bad_kode(e: impl std::fmt::Display) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, e.to_string())
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    status: &'static str,
    /// "sqlite" or "postgres"
    backend: &'static str,
    /// The migration version read at start or by the last `/readyz`
    /// (null when the database has not answered yet).
    schema_version: Option<i64>,
}

/// Liveness: the process answers. Touches no database (readiness is
/// `/readyz`), so a database outage does not get the process restarted.
#[utoipa::path(get, path = "/healthz", responses((status = 200, body = Health)))]
async fn health(State(s): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok",
        backend: s.posko.backend(),
        schema_version: crate::operasi::versi_skema(&s),
    })
}

#[derive(Serialize, ToSchema)]
pub struct WilayahDto {
    /// Kemendagri code, e.g. "32.73.01.1001".
    kode: String,
    nama: String,
    /// provinsi, kabkota, kecamatan or desa.
    tingkat: String,
    /// kelurahan, desa or desa_adat (desa level only).
    jenis_desa: Option<String>,
    kode_induk: Option<String>,
}

impl From<&Wilayah> for WilayahDto {
    fn from(w: &Wilayah) -> Self {
        WilayahDto {
            kode: w.kode.to_string(),
            nama: w.nama.clone(),
            tingkat: w.tingkat().slug().into(),
            jenis_desa: w.jenis_desa.map(|j| j.slug().into()),
            kode_induk: w.kode.induk().map(|k| k.to_string()),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct RekapDto {
    jumlah_tps: u64,
    /// TPS whose DPT is known; the DPT sums cover only these.
    tps_dengan_dpt: u64,
    dpt_laki: u64,
    dpt_perempuan: u64,
    dpt_total: u64,
}

impl From<&RekapDpt> for RekapDto {
    fn from(r: &RekapDpt) -> Self {
        RekapDto {
            jumlah_tps: r.jumlah_tps,
            tps_dengan_dpt: r.tps_dengan_dpt,
            dpt_laki: r.dpt_laki,
            dpt_perempuan: r.dpt_perempuan,
            dpt_total: r.dpt_total,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct WilayahRekapDto {
    wilayah: WilayahDto,
    rekap: RekapDto,
}

#[derive(Serialize, ToSchema)]
pub struct WilayahDetail {
    /// Null at the top level (all provinces).
    wilayah: Option<WilayahDto>,
    /// From the province down to the parent.
    leluhur: Vec<WilayahDto>,
    rekap: RekapDto,
    /// Child regions with their totals (empty at desa level).
    anak: Vec<WilayahRekapDto>,
    /// The TPS of a desa (empty above desa level; use /wilayah/{kode}/tps).
    tps: Vec<TpsDto>,
}

#[derive(Serialize, ToSchema)]
pub struct TpsDto {
    /// "32.73.01.1001-003"
    kode: String,
    /// KPU's 13-digit form, "3273011001003".
    kode_kpu: String,
    kode_desa: String,
    nomor: u16,
    dpt_laki: Option<u32>,
    dpt_perempuan: Option<u32>,
    dpt_total: Option<u32>,
    alamat: Option<String>,
    lat: Option<f64>,
    lng: Option<f64>,
}

impl From<&Tps> for TpsDto {
    fn from(t: &Tps) -> Self {
        TpsDto {
            kode: t.kode.to_string(),
            kode_kpu: t.kode.undotted(),
            kode_desa: t.kode.desa().to_string(),
            nomor: t.kode.nomor().get(),
            dpt_laki: t.dpt.laki(),
            dpt_perempuan: t.dpt.perempuan(),
            dpt_total: t.dpt.total(),
            alamat: t.alamat.clone(),
            lat: t.lokasi.map(|l| l.0),
            lng: t.lokasi.map(|l| l.1),
        }
    }
}

async fn detail(s: &AppState, kode: Option<KodeWilayah>) -> Result<Json<WilayahDetail>, ApiError> {
    let v = s.posko.wilayah_view(kode).await?;
    Ok(Json(WilayahDetail {
        wilayah: v.wilayah.as_ref().map(WilayahDto::from),
        leluhur: v.leluhur.iter().map(WilayahDto::from).collect(),
        rekap: RekapDto::from(&v.rekap),
        anak: v
            .anak
            .iter()
            .map(|c| WilayahRekapDto {
                wilayah: WilayahDto::from(&c.wilayah),
                rekap: RekapDto::from(&c.rekap),
            })
            .collect(),
        tps: v.tps.iter().map(TpsDto::from).collect(),
    }))
}

/// All provinces with their TPS and DPT totals.
#[utoipa::path(get, path = "/api/v1/wilayah", responses((status = 200, body = WilayahDetail)))]
async fn wilayah_root(State(s): State<AppState>) -> Result<Json<WilayahDetail>, ApiError> {
    detail(&s, None).await
}

/// One region: its ancestors, totals, and children with their totals (or its TPS at desa level).
#[utoipa::path(
    get, path = "/api/v1/wilayah/{kode}",
    params(("kode" = String, Path, description = "Kode wilayah, bertitik atau tidak: 32.73 atau 3273")),
    responses((status = 200, body = WilayahDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody))
)]
async fn wilayah_detail(
    State(s): State<AppState>,
    Path(kode): Path<String>,
) -> Result<Json<WilayahDetail>, ApiError> {
    let kode = KodeWilayah::parse(&kode).map_err(bad_kode)?;
    detail(&s, Some(kode)).await
}

#[derive(Deserialize, IntoParams)]
pub struct TpsQuery {
    /// Return TPS after this key (the `next` of the previous page).
    after: Option<String>,
    /// Page size, 1–1000 (default 100).
    limit: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct TpsPage {
    tps: Vec<TpsDto>,
    /// Pass as `after` to get the next page; null on the last page.
    next: Option<String>,
}

/// Every TPS under a region at any level, in key order, a page at a time.
#[utoipa::path(
    get, path = "/api/v1/wilayah/{kode}/tps",
    params(("kode" = String, Path, description = "Kode wilayah"), TpsQuery),
    responses((status = 200, body = TpsPage), (status = 400, body = ErrorBody))
)]
async fn wilayah_tps(
    State(s): State<AppState>,
    Path(kode): Path<String>,
    Query(q): Query<TpsQuery>,
) -> Result<Json<TpsPage>, ApiError> {
    let kode = KodeWilayah::parse(&kode).map_err(bad_kode)?;
    let after = q
        .after
        .as_deref()
        .map(KodeTps::parse)
        .transpose()
        .map_err(bad_kode)?;
    let limit = q.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            format!("limit harus 1–1000, bukan {limit}"),
        ));
    }
    let tps = s.posko.tps_di_bawah(kode, after, limit).await?;
    let next = (tps.len() == limit as usize)
        .then(|| tps.last().map(|t| t.kode.to_string()))
        .flatten();
    Ok(Json(TpsPage {
        tps: tps.iter().map(TpsDto::from).collect(),
        next,
    }))
}

/// One TPS.
#[utoipa::path(
    get, path = "/api/v1/tps/{kode}",
    params(("kode" = String, Path, description = "Kode TPS: 3273011001003 atau 32.73.01.1001-003")),
    responses((status = 200, body = TpsDto), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody))
)]
async fn tps_detail(
    State(s): State<AppState>,
    Path(kode): Path<String>,
) -> Result<Json<TpsDto>, ApiError> {
    let kode = KodeTps::parse(&kode).map_err(bad_kode)?;
    let tps =
        s.posko.tps(kode).await?.ok_or_else(|| {
            ApiError(StatusCode::NOT_FOUND, format!("TPS {kode} tidak ditemukan"))
        })?;
    Ok(Json(TpsDto::from(&tps)))
}

#[derive(Serialize, ToSchema)]
pub struct PemilihanDto {
    id: Uuid,
    /// gubernur, bupati or walikota
    jenis: String,
    kode_wilayah: String,
    nama: String,
    /// Polling day, YYYY-MM-DD.
    tanggal: String,
}

impl From<&Pemilihan> for PemilihanDto {
    fn from(p: &Pemilihan) -> Self {
        PemilihanDto {
            id: p.id,
            jenis: p.jenis.slug().into(),
            kode_wilayah: p.wilayah.to_string(),
            nama: p.nama.clone(),
            tanggal: p.tanggal.to_string(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PaslonDto {
    nomor_urut: u8,
    calon_kepala: String,
    calon_wakil: String,
}

impl From<&Paslon> for PaslonDto {
    fn from(p: &Paslon) -> Self {
        PaslonDto {
            nomor_urut: p.nomor_urut.get(),
            calon_kepala: p.calon_kepala.to_string(),
            calon_wakil: p.calon_wakil.to_string(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PemilihanDetail {
    pemilihan: PemilihanDto,
    wilayah: WilayahDto,
    paslon: Vec<PaslonDto>,
    rekap: RekapDto,
}

/// The elections this Posko runs.
#[utoipa::path(get, path = "/api/v1/pemilihan", responses((status = 200, body = Vec<PemilihanDto>)))]
async fn pemilihan_list(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
) -> Result<Json<Vec<PemilihanDto>>, ApiError> {
    let roles = p.0.map(|m| m.pengguna.penugasan).unwrap_or_default();
    let list = s.posko.daftar_pemilihan().await?;
    Ok(Json(
        list.iter()
            .filter(|p| roles.iter().any(|r| r.cakupan.bersinggungan(&p.wilayah)))
            .map(PemilihanDto::from)
            .collect(),
    ))
}

/// One election with its candidate pairs and the DPT of its region.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}",
    params(("id" = Uuid, Path, description = "Id pemilihan")),
    responses((status = 200, body = PemilihanDetail), (status = 404, body = ErrorBody))
)]
async fn pemilihan_detail(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Json<PemilihanDetail>, ApiError> {
    let id = Uuid::parse_str(&id).map_err(|_| {
        ApiError(
            StatusCode::NOT_FOUND,
            format!("pemilihan '{id}' tidak ditemukan"),
        )
    })?;
    let mut v = s.posko.pemilihan_view(id).await?;
    if !p.0.as_ref().is_some_and(|m| auth::sees(m, &v.wilayah.kode)) {
        v.rekap = RekapDpt::default();
    }
    Ok(Json(PemilihanDetail {
        pemilihan: PemilihanDto::from(&v.pemilihan),
        wilayah: WilayahDto::from(&v.wilayah),
        paslon: v.paslon.iter().map(PaslonDto::from).collect(),
        rekap: RekapDto::from(&v.rekap),
    }))
}
