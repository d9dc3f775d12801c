//! Field-data quality: the records of one relawan's day as the checks see
//! them, and the batches held until a coordinator decides.

use crate::{BatchLapangan, Result};
use async_trait::async_trait;
use posko_domain::mutu_lapangan::{CatatanKunjungan, CatatanPendukung};
use posko_domain::{Jejak, KodeWilayah};
use uuid::Uuid;

#[async_trait]
pub trait MutuStore: Send + Sync + 'static {
    /// The supporters `relawan` recorded and the visits they logged on
    /// day `hari` (days since 1970-01-01 in WIB: supporters by when they
    /// were stored, visits by the phone's clock), oldest first.
    async fn daftar_catatan_lapangan(
        &self,
        relawan: Uuid,
        hari: i64,
    ) -> Result<(Vec<CatatanPendukung>, Vec<CatatanKunjungan>)>;

    async fn ambil_batch_lapangan(&self, relawan: Uuid, hari: i64)
    -> Result<Option<BatchLapangan>>;

    /// Stores a batch's check (insert or replace by relawan and day).
    async fn simpan_batch_lapangan(&self, b: &BatchLapangan, jejak: &Jejak) -> Result<()>;

    /// Held batches of relawan whose territory lies under `wilayah` (all
    /// when None), oldest day first, at most `limit`.
    async fn daftar_batch_ditahan(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<BatchLapangan>>;

    /// A coordinator's decision on a batch still held: `b` (status
    /// approved or rolled back) replaces it; a roll back deletes the
    /// relawan's supporters (with their review pairs and name index) and
    /// visits of that day in the same transaction. False, changing
    /// nothing, when the batch is not held (decided meanwhile).
    async fn putuskan_batch_lapangan(&self, b: &BatchLapangan, jejak: &Jejak) -> Result<bool>;
}
