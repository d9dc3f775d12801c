use async_trait::async_trait;

use crate::Result;

mod audit;
mod batas;
mod hasil;
mod hitung_cepat;
mod kunjungan;
mod masuk;
mod pemilih;
mod pengguna;
mod pesan;
mod rahasia;
mod relawan;
mod riwayat;
mod wilayah;

pub use audit::AuditStore;
pub use batas::BatasStore;
pub use hasil::HasilStore;
pub use hitung_cepat::HitungCepatStore;
pub use kunjungan::KunjunganStore;
pub use masuk::MasukStore;
pub use pemilih::{HasilMuatPemilih, MuatPemilih, PemilihStore};
pub use pengguna::PenggunaStore;
pub use pesan::PesanStore;
pub use rahasia::RahasiaStore;
pub use relawan::RelawanStore;
pub use riwayat::RiwayatStore;
pub use wilayah::WilayahStore;

/// What every backend says about itself.
#[async_trait]
pub trait StoreDasar: Send + Sync + 'static {
    /// "sqlite" or "postgres", for reports and benchmarks.
    fn backend(&self) -> &'static str;

    /// The migration version the database is at.
    async fn schema_version(&self) -> Result<i64>;
}

/// Everything Posko keeps, behind one interface made of one trait per area
/// (each in its own file under `store/`). Implementations must keep
/// every multi-row write atomic: a bulk upsert either lands whole or not at
/// all. Every write takes a `Jejak` and appends it to the hash-chained
/// audit log in the same transaction, so no change lands unrecorded
/// ([`posko_domain::Jejak`]).
///
/// A backend implements the area traits; this one follows for free, so
/// services keep holding one `Arc<dyn Store>`.
pub trait Store:
    StoreDasar
    + WilayahStore
    + PenggunaStore
    + MasukStore
    + HasilStore
    + RahasiaStore
    + AuditStore
    + HitungCepatStore
    + RiwayatStore
    + PesanStore
    + RelawanStore
    + PemilihStore
    + KunjunganStore
    + BatasStore
{
}

impl<T> Store for T where
    T: StoreDasar
        + WilayahStore
        + PenggunaStore
        + MasukStore
        + HasilStore
        + RahasiaStore
        + AuditStore
        + HitungCepatStore
        + RiwayatStore
        + PesanStore
        + RelawanStore
        + PemilihStore
        + KunjunganStore
        + BatasStore
{
}
