//! The social-media room: versioned documents per election
//! (`crate::medsos`).

use crate::{DokumenMedsos, IsiMedsos, JenisMedsos, Result};
use async_trait::async_trait;
use posko_domain::Jejak;
use uuid::Uuid;

#[async_trait]
pub trait MedsosStore: Send + Sync + 'static {
    /// Stores every document of `dokumen` as its new version, with
    /// `jejak`, in one transaction, and returns the election's new write
    /// counter. `sesudah` is the counter the caller read the room at:
    /// when another write came since, nothing is written and the answer is
    /// `Konflik::RuangBerubah` (read again, check again). A version that
    /// is not the next of its document is the same conflict; an id
    /// already used by another election or another kind is `NotFound`. Versions are never changed or removed.
    async fn tulis_medsos(
        &self,
        pemilihan_id: Uuid,
        dokumen: &[DokumenMedsos],
        sesudah: i64,
        jejak: &Jejak,
    ) -> Result<i64>;

    /// The counter and the latest version of each document of `jenis`
    /// (every kind when empty), oldest document first.
    async fn baca_medsos(&self, pemilihan_id: Uuid, jenis: &[JenisMedsos]) -> Result<IsiMedsos>;

    /// Every version of one document, oldest first (empty when unknown).
    async fn riwayat_medsos(&self, id: Uuid) -> Result<Vec<DokumenMedsos>>;
}
