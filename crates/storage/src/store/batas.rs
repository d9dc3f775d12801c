//! Region boundaries for maps.

use crate::{BatasBaris, ImportCounts, Result};
use async_trait::async_trait;
use posko_domain::peta::Batas;
use posko_domain::{Jejak, KodeWilayah};

#[async_trait]
pub trait BatasStore: Send + Sync + 'static {
    /// Inserts or replaces region boundaries in one transaction. Every
    /// region must already be stored.
    async fn simpan_batas(&self, rows: &[BatasBaris], jejak: &Jejak) -> Result<ImportCounts>;

    /// The boundaries of the direct children of `induk` that have one, in
    /// code order (kab/kota shapes for a province, and so on).
    async fn daftar_batas_anak(&self, induk: KodeWilayah) -> Result<Vec<Batas>>;
}
