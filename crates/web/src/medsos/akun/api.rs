//! The registry in the JSON API: read it with the open rotations,
//! register an account, record a member leaving.

use super::*;

fn masuk_api(p: Pengunjung) -> Result<Masuk, ApiError> {
    p.0.ok_or_else(|| ApiError(StatusCode::UNAUTHORIZED, "belum masuk".into()))
}

/// One member's access.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct PemegangDto {
    pub anggota: Uuid,
    /// pengelola, pemulihan
    pub akses: String,
}

/// An official account in the registry.
#[derive(Serialize, ToSchema, Debug)]
pub struct AkunMedsosDto {
    pub id: Uuid,
    pub versi: i64,
    pub platform: String,
    pub nama: String,
    pub url: String,
    pub tujuan: String,
    pub kpu_tanggal: Option<String>,
    pub kpu_nomor: String,
    pub penanggung_jawab: Uuid,
    pub dua_langkah: bool,
    pub pemegang: Vec<PemegangDto>,
    /// The first day it is off (TTTT-BB-HH).
    pub nonaktif: String,
    pub pensiun: bool,
}

/// The registry with open rotation tasks.
#[derive(Serialize, ToSchema, Debug)]
pub struct RegistriMedsosDto {
    pub mulai_kampanye: String,
    pub akhir_kampanye: String,
    /// The quiet period's first and last day.
    pub masa_tenang: [String; 2],
    pub akun: Vec<AkunMedsosDto>,
    pub rotasi_terbuka: Vec<RotasiDto>,
}

/// A rotation still open after a member left.
#[derive(Serialize, ToSchema, Debug)]
pub struct RotasiDto {
    pub id: Uuid,
    pub akun: Uuid,
    pub anggota: Uuid,
    pub ganti_sandi: bool,
    pub ganti_pemulihan: bool,
    pub sandi_selesai: bool,
    pub pemulihan_selesai: bool,
}

/// The registry of official accounts.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/medsos/akun",
    params(("id" = String, Path, description = "Id pemilihan")),
    responses((status = 200, body = RegistriMedsosDto), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_akun(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Json<RegistriMedsosDto>, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s.posko.ruang_medsos(&m.pengguna, id).await?;
    let (tenang_awal, tenang_akhir) = r.masa.masa_tenang();
    Ok(Json(RegistriMedsosDto {
        mulai_kampanye: r.masa.mulai.to_string(),
        akhir_kampanye: r.masa.akhir.to_string(),
        masa_tenang: [tenang_awal.to_string(), tenang_akhir.to_string()],
        akun: r
            .akun
            .iter()
            .map(|a| AkunMedsosDto {
                id: a.id,
                versi: a.versi,
                platform: a.isi.platform.slug().into(),
                nama: a.isi.nama.clone(),
                url: a.isi.url.clone(),
                tujuan: a.isi.tujuan.clone(),
                kpu_tanggal: a.isi.kpu_tanggal.map(|t| t.to_string()),
                kpu_nomor: a.isi.kpu_nomor.clone(),
                penanggung_jawab: a.isi.penanggung_jawab,
                dua_langkah: a.isi.dua_langkah,
                pemegang: a
                    .isi
                    .pemegang
                    .iter()
                    .map(|p| PemegangDto {
                        anggota: p.anggota,
                        akses: match p.jenis {
                            JenisAkses::Pengelola => "pengelola".into(),
                            JenisAkses::Pemulihan => "pemulihan".into(),
                        },
                    })
                    .collect(),
                nonaktif: a.isi.nonaktif_berlaku(&r).to_string(),
                pensiun: a.isi.pensiun,
            })
            .collect(),
        rotasi_terbuka: r
            .rotasi
            .iter()
            .filter(|t| !t.isi.selesai())
            .map(|t| RotasiDto {
                id: t.id,
                akun: t.isi.akun,
                anggota: t.isi.anggota,
                ganti_sandi: t.isi.ganti_sandi,
                ganti_pemulihan: t.isi.ganti_pemulihan,
                sandi_selesai: t.isi.sandi_selesai.is_some(),
                pemulihan_selesai: t.isi.pemulihan_selesai.is_some(),
            })
            .collect(),
    }))
}

/// An account to register (managers).
#[derive(Deserialize, ToSchema, Debug)]
pub struct AkunBaruDto {
    /// facebook, instagram, tiktok, youtube, x, threads, whatsapp, lainnya
    pub platform: String,
    pub nama: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub tujuan: String,
    pub kpu_tanggal: Option<String>,
    #[serde(default)]
    pub kpu_nomor: String,
    pub penanggung_jawab: Uuid,
    #[serde(default)]
    pub dua_langkah: bool,
    pub pemegang: Vec<PemegangDto>,
    pub nonaktif: Option<String>,
}

/// Registers an official account.
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/akun",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = AkunBaruDto,
    responses((status = 201, description = "dicatat: {\"id\": …}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_tambah(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: AkunBaruDto = crate::param::json_body(&body, "akun tidak sah")?;
    let salah = |m: String| ApiError::from(AppError::Invalid(m));
    let mut pemegang = Vec::new();
    for p in &f.pemegang {
        pemegang.push(Pemegang {
            anggota: p.anggota,
            jenis: match p.akses.as_str() {
                "pengelola" => JenisAkses::Pengelola,
                "pemulihan" => JenisAkses::Pemulihan,
                x => return Err(salah(format!("akses '{x}' tidak dikenal"))),
            },
        });
    }
    let tanggal = |s: &Option<String>| -> Result<Option<Date>, ApiError> {
        Ok(tanggal_opsi(s.as_deref().unwrap_or(""))?)
    };
    let akun = s
        .posko
        .simpan_akun_medsos(
            &m.pengguna,
            id,
            None,
            AkunBaru {
                platform: Platform::parse(&f.platform).map_err(|e| salah(e.to_string()))?,
                nama: f.nama,
                url: f.url,
                tujuan: f.tujuan,
                kpu_tanggal: tanggal(&f.kpu_tanggal)?,
                kpu_nomor: f.kpu_nomor,
                penanggung_jawab: f.penanggung_jawab,
                dua_langkah: f.dua_langkah,
                pemegang,
                nonaktif: tanggal(&f.nonaktif)?,
                pensiun: false,
                versi: None,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(serde_json::json!({ "id": akun }))).into_response())
}

/// Records that a member left the team: their access is taken off every
/// account, and a rotation task is opened for each (managers).
#[utoipa::path(
    post, path = "/api/v1/pemilihan/{id}/medsos/keluar",
    params(("id" = String, Path, description = "Id pemilihan")),
    request_body = FormKeluar,
    responses((status = 201, description = "tugas rotasi: {\"rotasi\": [id…]}"), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_keluar(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let m = masuk_api(p)?;
    let id = crate::param::pemilihan(&id)?;
    let f: FormKeluar = crate::param::json_body(&body, "anggota keluar tidak sah")?;
    let anggota = Uuid::parse_str(f.anggota.trim())
        .map_err(|_| ApiError::from(AppError::Invalid("anggota tidak dikenal".into())))?;
    let rotasi = s
        .posko
        .anggota_keluar_medsos(&m.pengguna, id, anggota, &f.alasan)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "rotasi": rotasi })),
    )
        .into_response())
}
