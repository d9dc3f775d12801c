//! The voter list (DPT): streamed loads, counts per TPS, matching and walk lists.

use crate::Result;
use async_trait::async_trait;
use posko_domain::{Jejak, KodeTps, KodeWilayah, Pemilih};

#[async_trait]
pub trait PemilihStore: Send + Sync + 'static {
    /// Starts loading a voter list. Batches go in through the returned
    /// [`MuatPemilih`] as the file is read, so no backend needs the whole
    /// list in memory; nothing is visible until [`MuatPemilih::selesai`],
    /// and dropping the loader (or any failed batch) writes nothing. Every
    /// TPS that appears in the load has its voter rows replaced as a set;
    /// other TPS are left alone. SQLite holds its one write transaction
    /// open for the whole load; PostgreSQL copies into a staging table and
    /// swaps it in at the end.
    async fn muat_pemilih(&self) -> Result<Box<dyn MuatPemilih>>;

    /// Voters per TPS under a region at any level, in key order.
    async fn hitung_pemilih_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>>;

    /// Voters in a desa with this name (compared as
    /// [`posko_domain::nama_kunci`] writes it) and birth date: what
    /// matching a supporter to the DPT asks. It reads one desa: SQLite
    /// scans its TPS rows, PostgreSQL an index.
    async fn cari_pemilih(
        &self,
        nama: &str,
        tanggal_lahir: time::Date,
        desa: KodeWilayah,
    ) -> Result<Vec<Pemilih>>;

    /// The voters of one TPS in DPT order (the walk list).
    async fn daftar_pemilih_tps(&self, tps: KodeTps) -> Result<Vec<Pemilih>>;
}

/// A voter-list load in progress (see [`PemilihStore::muat_pemilih`]).
#[async_trait]
pub trait MuatPemilih: Send {
    /// Adds rows; `(tps, urut)` must be unique within the load.
    async fn tambah(&mut self, batch: Vec<Pemilih>) -> Result<()>;

    /// Replaces the voter rows of every TPS seen and appends `jejak`, in
    /// one transaction.
    async fn selesai(self: Box<Self>, jejak: &Jejak) -> Result<HasilMuatPemilih>;
}

/// What a voter-list load changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct HasilMuatPemilih {
    /// TPS whose voter rows were replaced.
    pub tps: u64,
    /// Rows written.
    pub baris: u64,
    /// Rows the load replaced (from earlier imports of those TPS).
    pub diganti: u64,
}
