//! The quick count's sample, drawn once per election.

use crate::Result;
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_domain::hitung_cepat::Sampel;
use uuid::Uuid;

#[async_trait]
pub trait HitungCepatStore: Send + Sync + 'static {
    /// Stores an election's quick-count sample with its audit entry, once:
    /// false (nothing written) when the election already has one, so a
    /// sample cannot be redrawn.
    async fn simpan_sampel(
        &self,
        pemilihan_id: Uuid,
        sampel: &Sampel,
        dibuat: i64,
        jejak: &Jejak,
    ) -> Result<bool>;

    /// An election's quick-count sample and when it was drawn (unix s).
    async fn ambil_sampel(&self, pemilihan_id: Uuid) -> Result<Option<(Sampel, i64)>>;
}
