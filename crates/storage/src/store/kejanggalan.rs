//! The review queue of suspicious results: photo fingerprints and the
//! decisions taken on flags.

use crate::Result;
use crate::kejanggalan::{FotoHasil, KeputusanKejanggalan};
use async_trait::async_trait;
use posko_domain::Jejak;
use uuid::Uuid;

#[async_trait]
pub trait KejanggalanStore: Send + Sync + 'static {
    /// Records a photo's dHash (hex text), once (a later call for the same
    /// photo changes nothing). A fact derived from the photo's bytes, like
    /// its preview: not audited.
    async fn simpan_dhash_foto(&self, sha256: &str, dhash: &str) -> Result<()>;

    /// Every photo attached to any submission of the election (each TPS
    /// and photo once), with its dHash where recorded, by TPS.
    async fn daftar_foto_pemilihan(&self, pemilihan_id: Uuid) -> Result<Vec<FotoHasil>>;

    /// Stores the decision on a flag (replacing an earlier one on the same
    /// flag) with its audit entry, in one transaction.
    async fn simpan_keputusan_kejanggalan(
        &self,
        k: &KeputusanKejanggalan,
        jejak: &Jejak,
    ) -> Result<()>;

    /// The latest decision on each flag of an election.
    async fn daftar_keputusan_kejanggalan(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Vec<KeputusanKejanggalan>>;
}
