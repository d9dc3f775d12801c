//! Field operations: versioned documents per election
//! (`crate::lapangan`).

use crate::dokumen::Syarat;
use crate::{DokumenLapangan, IsiLapangan, JenisLapangan, Result};
use async_trait::async_trait;
use posko_domain::Jejak;
use uuid::Uuid;

#[async_trait]
pub trait LapanganStore: Send + Sync + 'static {
    /// Stores every document of `dokumen` as its new version, with
    /// `jejak`, in one transaction, and returns the election's new write
    /// counter. Under `Syarat::Sesudah(n)`, when another write came since
    /// the caller read `n`, nothing is written and the answer is
    /// `Konflik::RuangBerubah`; under `Syarat::Tambah` the counter is not
    /// checked. Either way a version that is not the next of its document
    /// is the same conflict, and an id already used by another election
    /// or another kind is `NotFound`. Versions are never changed or removed.
    async fn tulis_lapangan(
        &self,
        pemilihan_id: Uuid,
        dokumen: &[DokumenLapangan],
        syarat: Syarat,
        jejak: &Jejak,
    ) -> Result<i64>;

    /// The counter and the latest version of each document of `jenis`
    /// (every kind when empty), oldest document first.
    async fn baca_lapangan(
        &self,
        pemilihan_id: Uuid,
        jenis: &[JenisLapangan],
    ) -> Result<IsiLapangan>;

    /// Every version of one document, oldest first (empty when unknown).
    async fn riwayat_lapangan(&self, id: Uuid) -> Result<Vec<DokumenLapangan>>;
}
