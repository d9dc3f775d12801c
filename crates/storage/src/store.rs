use async_trait::async_trait;

use crate::Result;

mod audit;
mod batas;
mod dana;
mod hasil;
mod hitung_cepat;
mod kejanggalan;
mod kunjungan;
mod lapangan;
mod masuk;
mod medsos;
mod mutu;
mod pemilih;
mod pengguna;
mod pesan;
mod rahasia;
mod relawan;
mod riwayat;
mod wilayah;

pub use audit::AuditStore;
pub use batas::BatasStore;
pub use dana::DanaStore;
pub use hasil::HasilStore;
pub use hitung_cepat::HitungCepatStore;
pub use kejanggalan::KejanggalanStore;
pub use kunjungan::KunjunganStore;
pub use lapangan::LapanganStore;
pub use masuk::MasukStore;
pub use medsos::MedsosStore;
pub use mutu::MutuStore;
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

    /// Tells `f` of committed changes from now on ([`crate::Kabar`]): this
    /// process's writes on SQLite, every server's on PostgreSQL (a
    /// listener connection of its own, started here, so call it from the
    /// async runtime). A backend that cannot never calls `f`, and live
    /// pages poll.
    fn dengarkan(&self, f: crate::PenerimaKabar) {
        let _ = f;
    }
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
    + KejanggalanStore
    + MutuStore
    + DanaStore
    + MedsosStore
    + LapanganStore
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
        + KejanggalanStore
        + MutuStore
        + DanaStore
        + MedsosStore
        + LapanganStore
{
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn rust_files(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    /// Every method of every store trait is called at least once by the
    /// conformance suite, so each backend's implementation of it is tested.
    #[test]
    fn conformance_calls_every_store_method() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut traits = vec![std::fs::read_to_string(src.join("store.rs")).unwrap()];
        rust_files(&src.join("store"), &mut traits);
        let mut suite = vec![std::fs::read_to_string(src.join("conformance.rs")).unwrap()];
        rust_files(&src.join("conformance"), &mut suite);
        let suite = suite.concat();
        let mut methods = Vec::new();
        for line in traits.iter().flat_map(|t| t.lines()) {
            let line = line.trim_start();
            let rest = line
                .strip_prefix("async fn ")
                .or_else(|| line.strip_prefix("fn "));
            // Every `fn` in these files is a trait method but this test's own.
            if let Some(rest) = rest
                && let Some(name) = rest.split(['(', '<']).next()
                && !name.is_empty()
                && !["rust_files", "conformance_calls_every_store_method"].contains(&name)
            {
                methods.push(name.to_string());
            }
        }
        assert!(methods.len() > 100, "found only {} methods", methods.len());
        let missing: Vec<_> = methods
            .iter()
            .filter(|m| !suite.contains(&format!(".{m}(")))
            .collect();
        assert!(
            missing.is_empty(),
            "store methods the conformance suite never calls: {missing:?}"
        );
    }
}
