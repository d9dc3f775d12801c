//! The APK room for scripts: items with the caller's own stock, the
//! quotas with what is left, the installations the caller may see.

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::*;
use crate::error::ApiError;

/// An item and the stock the caller holds of it.
#[derive(Serialize, ToSchema)]
pub struct BarangApkDto {
    pub id: Uuid,
    /// baliho, spanduk, umbul_umbul, poster, selebaran, stiker, lainnya.
    pub jenis: String,
    pub nama: String,
    /// Rupiah per unit.
    pub nilai_satuan: u64,
    /// Units the campaign received.
    pub diterima: u64,
    /// Units the caller holds now.
    pub dipegang: u64,
}

/// A quota and what is left of it.
#[derive(Serialize, ToSchema)]
pub struct KuotaApkDto {
    pub wilayah: String,
    pub jenis: String,
    pub jumlah: u32,
    pub terpasang: u32,
    pub sisa: u32,
}

/// One installation.
#[derive(Serialize, ToSchema)]
pub struct PasangApkDto {
    pub id: Uuid,
    pub barang: Uuid,
    pub jenis: String,
    pub desa: String,
    /// umum, pribadi, posko.
    pub tempat: String,
    pub keterangan: String,
    pub lintang: f64,
    pub bujur: f64,
    /// Unix seconds, by the phone.
    pub waktu: i64,
    pub dipasang_oleh: Uuid,
    /// SHA-256 of the photo.
    pub foto: String,
    /// Unix seconds of the take-down, when proved.
    pub turun: Option<i64>,
    /// Still standing after the campaign: on the take-down checklist.
    pub wajib_turun: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ApkDto {
    pub barang: Vec<BarangApkDto>,
    pub kuota: Vec<KuotaApkDto>,
    pub pasang: Vec<PasangApkDto>,
}

/// The election's APK as the caller may see it.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/lapangan/apk",
    params(("id" = String, Path, description = "Id pemilihan")),
    responses((status = 200, body = ApkDto), (status = 403, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_apk(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Json<ApkDto>, ApiError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let r = s
        .posko
        .ruang_lapangan(
            &m.pengguna,
            id,
            &[
                posko_storage::JenisLapangan::Barang,
                posko_storage::JenisLapangan::Pasang,
            ],
        )
        .await?;
    let saya: std::collections::HashMap<Uuid, u64> = s
        .posko
        .stok_apk_saya(&m.pengguna, id)
        .await?
        .into_iter()
        .collect();
    let kuota = s.posko.kuota_apk(&m.pengguna, id).await?;
    let wajib: std::collections::HashSet<Uuid> = r.wajib_turun().iter().map(|x| x.id).collect();
    Ok(Json(ApkDto {
        barang: r
            .barang
            .iter()
            .map(|b| BarangApkDto {
                id: b.id,
                jenis: b.isi.jenis.slug().into(),
                nama: b.isi.nama.clone(),
                nilai_satuan: b.isi.nilai_satuan,
                diterima: b.isi.diterima,
                dipegang: saya.get(&b.id).copied().unwrap_or(0),
            })
            .collect(),
        kuota: kuota
            .iter()
            .map(|k| KuotaApkDto {
                wilayah: k.kuota.wilayah.to_string(),
                jenis: k.kuota.jenis.slug().into(),
                jumlah: k.kuota.jumlah,
                terpasang: k.terpasang,
                sisa: k.sisa,
            })
            .collect(),
        pasang: r
            .pasang
            .iter()
            .map(|x| PasangApkDto {
                id: x.id,
                barang: x.isi.barang,
                jenis: x.isi.jenis.slug().into(),
                desa: x.isi.desa.to_string(),
                tempat: x.isi.tempat.slug().into(),
                keterangan: x.isi.keterangan.clone(),
                lintang: x.isi.lat,
                bujur: x.isi.lng,
                waktu: x.isi.waktu,
                dipasang_oleh: x.isi.dipasang_oleh,
                foto: x.isi.foto.clone(),
                turun: x.isi.turun.as_ref().map(|t| t.waktu),
                wajib_turun: wajib.contains(&x.id),
            })
            .collect(),
    }))
}
