//! Regions, their TPS and DPT totals, elections and their candidate pairs.

use crate::{
    HasilSimpanTps, ImportCounts, KolomTps, Paslon, Pemilihan, RekapDpt, Result, Tps, Wilayah,
    WilayahDenganRekap,
};
use async_trait::async_trait;
use posko_domain::{AturanMenang, Jejak, KodeTps, KodeWilayah, Tingkat};
use std::collections::HashSet;
use uuid::Uuid;

#[async_trait]
pub trait WilayahStore: Send + Sync + 'static {
    /// Inserts or renames regions in one transaction. Rows may come in any
    /// order; every parent must be in `rows` or already stored.
    async fn simpan_wilayah(&self, rows: &[Wilayah], jejak: &Jejak) -> Result<ImportCounts>;

    async fn ambil_wilayah(&self, kode: KodeWilayah) -> Result<Option<Wilayah>>;

    /// Several regions at once (for breadcrumbs); unknown codes are left out.
    async fn ambil_wilayah_banyak(&self, kodes: &[KodeWilayah]) -> Result<Vec<Wilayah>>;

    /// Direct children in code order; provinces when `induk` is None.
    async fn daftar_anak_wilayah(&self, induk: Option<KodeWilayah>) -> Result<Vec<Wilayah>>;

    /// How many regions are stored at each level, provinsi first.
    async fn hitung_wilayah_per_tingkat(&self) -> Result<[u64; 4]>;

    /// Every stored code at one level (for validating imports in memory).
    async fn daftar_kode_wilayah(&self, tingkat: Tingkat) -> Result<HashSet<KodeWilayah>>;

    /// Inserts or updates TPS in one transaction and refreshes the DPT totals
    /// of every region, so reading totals never scans TPS. Every desa must
    /// already be stored.
    async fn simpan_tps(&self, rows: &[Tps], jejak: &Jejak) -> Result<ImportCounts> {
        Ok(self
            .simpan_tps_kolom(rows, &KolomTps::SEMUA, jejak)
            .await?
            .counts)
    }

    /// `simpan_tps` from a file that has only the columns `kolom`: a stored
    /// TPS keeps the fields the file does not have (`gabung_tps`), and what
    /// changed is counted per field.
    async fn simpan_tps_kolom(
        &self,
        rows: &[Tps],
        kolom: &KolomTps,
        jejak: &Jejak,
    ) -> Result<HasilSimpanTps>;

    async fn ambil_tps(&self, kode: KodeTps) -> Result<Option<Tps>>;

    /// TPS under a region at any level, in key order, `limit` at a time after
    /// `after` (keyset pagination, so deep pages stay fast).
    async fn daftar_tps_di(
        &self,
        wilayah: KodeWilayah,
        after: Option<KodeTps>,
        limit: u32,
    ) -> Result<Vec<Tps>>;

    /// Totals of one region, or of everything stored when `kode` is None.
    async fn ambil_rekap_dpt(&self, kode: Option<KodeWilayah>) -> Result<RekapDpt>;

    /// The children of a region (provinces when None) each with its totals;
    /// children without TPS are included with zero totals.
    async fn daftar_anak_dengan_rekap(
        &self,
        induk: Option<KodeWilayah>,
    ) -> Result<Vec<WilayahDenganRekap>>;

    /// Stores a new election; its region must exist.
    async fn simpan_pemilihan(&self, pemilihan: &Pemilihan, jejak: &Jejak) -> Result<()>;

    /// Sets an election's win rule (None: the law's default), with its
    /// audit entry; false (nothing written) when there is no such election.
    async fn ubah_aturan_menang(
        &self,
        id: Uuid,
        aturan: Option<AturanMenang>,
        jejak: &Jejak,
    ) -> Result<bool>;

    async fn daftar_pemilihan(&self) -> Result<Vec<Pemilihan>>;

    async fn ambil_pemilihan(&self, id: Uuid) -> Result<Option<Pemilihan>>;

    /// Adds a candidate pair; `StoreError::Conflict` if the number is taken.
    async fn simpan_paslon(&self, paslon: &Paslon, jejak: &Jejak) -> Result<()>;

    /// An election's pairs by ballot number.
    async fn daftar_paslon(&self, pemilihan_id: Uuid) -> Result<Vec<Paslon>>;
}
