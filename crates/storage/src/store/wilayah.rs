//! Regions, their TPS and DPT totals, elections and their candidate pairs.

use crate::{ImportCounts, Paslon, Pemilihan, RekapDpt, Result, Tps, Wilayah, WilayahDenganRekap};
use async_trait::async_trait;
use posko_domain::{Jejak, KodeTps, KodeWilayah, Tingkat};
use std::collections::HashSet;
use uuid::Uuid;

#[async_trait]
pub trait WilayahStore: Send + Sync + 'static {
    /// Inserts or renames regions in one transaction. Rows may come in any
    /// order; every parent must be in `rows` or already stored.
    async fn upsert_wilayah(&self, rows: &[Wilayah], jejak: &Jejak) -> Result<ImportCounts>;

    async fn get_wilayah(&self, kode: KodeWilayah) -> Result<Option<Wilayah>>;

    /// Several regions at once (for breadcrumbs); unknown codes are left out.
    async fn get_wilayah_many(&self, kodes: &[KodeWilayah]) -> Result<Vec<Wilayah>>;

    /// Direct children in code order; provinces when `induk` is None.
    async fn children_of(&self, induk: Option<KodeWilayah>) -> Result<Vec<Wilayah>>;

    /// How many regions are stored at each level, provinsi first.
    async fn count_wilayah_by_level(&self) -> Result<[u64; 4]>;

    /// Every stored code at one level (for validating imports in memory).
    async fn known_codes(&self, tingkat: Tingkat) -> Result<HashSet<KodeWilayah>>;

    /// Inserts or updates TPS in one transaction and refreshes the DPT totals
    /// of every region, so reading totals never scans TPS. Every desa must
    /// already be stored.
    async fn upsert_tps(&self, rows: &[Tps], jejak: &Jejak) -> Result<ImportCounts>;

    async fn get_tps(&self, kode: KodeTps) -> Result<Option<Tps>>;

    /// TPS under a region at any level, in key order, `limit` at a time after
    /// `after` (keyset pagination, so deep pages stay fast).
    async fn tps_under(
        &self,
        wilayah: KodeWilayah,
        after: Option<KodeTps>,
        limit: u32,
    ) -> Result<Vec<Tps>>;

    /// Totals of one region, or of everything stored when `kode` is None.
    async fn dpt_totals(&self, kode: Option<KodeWilayah>) -> Result<RekapDpt>;

    /// The children of a region (provinces when None) each with its totals;
    /// children without TPS are included with zero totals.
    async fn children_with_totals(
        &self,
        induk: Option<KodeWilayah>,
    ) -> Result<Vec<WilayahDenganRekap>>;

    /// Stores a new election; its region must exist.
    async fn create_pemilihan(&self, pemilihan: &Pemilihan, jejak: &Jejak) -> Result<()>;

    async fn list_pemilihan(&self) -> Result<Vec<Pemilihan>>;

    async fn get_pemilihan(&self, id: Uuid) -> Result<Option<Pemilihan>>;

    /// Adds a candidate pair; `StoreError::Conflict` if the number is taken.
    async fn add_paslon(&self, paslon: &Paslon, jejak: &Jejak) -> Result<()>;

    /// An election's pairs by ballot number.
    async fn list_paslon(&self, pemilihan_id: Uuid) -> Result<Vec<Paslon>>;
}
