//! An earlier election's imported history and the target assumptions per election.

use crate::Result;
use async_trait::async_trait;
use posko_domain::{Jejak, KodeWilayah};
use uuid::Uuid;

#[async_trait]
pub trait RiwayatStore: Send + Sync + 'static {
    /// Replaces the imported history of an earlier election with `rows`,
    /// whole, in one transaction.
    async fn ganti_riwayat(
        &self,
        riwayat: &crate::Riwayat,
        rows: &[posko_domain::HasilLalu],
        jejak: &Jejak,
    ) -> Result<()>;

    /// The imported history, if any.
    async fn ambil_riwayat(&self) -> Result<Option<crate::Riwayat>>;

    /// The history's turnout per desa under `wilayah`, in code order.
    async fn daftar_partisipasi_lalu(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<crate::PartisipasiLalu>>;

    /// The history's TPS under `wilayah`, in code order.
    async fn daftar_hasil_lalu(&self, wilayah: KodeWilayah)
    -> Result<Vec<posko_domain::HasilLalu>>;

    /// The assumptions saved for an election's targets.
    async fn ambil_asumsi_target(&self, pemilihan_id: Uuid) -> Result<Option<crate::AsumsiTarget>>;

    /// Saves (replaces) an election's target assumptions.
    async fn simpan_asumsi_target(
        &self,
        pemilihan_id: Uuid,
        asumsi: &crate::AsumsiTarget,
        jejak: &Jejak,
    ) -> Result<()>;
}
