//! Campaign materials (APK): items and the stock the campaign received,
//! hand-overs down the tree (giver and receiver), installations with
//! photo, time and GPS from the relawan's phone, and their take-down.

use posko_domain::KodeWilayah;
use posko_domain::lapangan::{JenisApk, JenisTempat};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An item and what the campaign received of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarangApk {
    pub jenis: JenisApk,
    /// e.g. "Baliho 3×4 m paslon".
    pub nama: String,
    /// Rupiah per unit (for the finance room's valuation).
    pub nilai_satuan: u64,
    /// Units received by the campaign (each receipt adds).
    pub diterima: u64,
}

/// Units of an item handed from one person to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SerahApk {
    pub barang: Uuid,
    pub jumlah: u64,
    /// Giver and receiver (pengguna ids).
    pub dari: Uuid,
    pub kepada: Uuid,
    /// The receiver's area (for who may see the hand-over).
    pub wilayah: KodeWilayah,
    /// Unix seconds, by the giver's phone.
    pub waktu: i64,
}

/// One item put up somewhere, then taken down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasangApk {
    pub barang: Uuid,
    pub jenis: JenisApk,
    pub desa: KodeWilayah,
    pub tempat: JenisTempat,
    pub keterangan: String,
    /// SHA-256 of the photo in the photo store.
    pub foto: String,
    pub lat: f64,
    pub lng: f64,
    /// Unix seconds, by the phone.
    pub waktu: i64,
    pub dipasang_oleh: Uuid,
    pub turun: Option<TurunApk>,
}

/// The take-down, proved by a photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurunApk {
    pub foto: String,
    pub waktu: i64,
    pub oleh: Uuid,
}
