//! Field operations on PostgreSQL: a room of versioned documents
//! (`crate::dokumen`) in `lapangan_dokumen` and `lapangan_nomor`.

use crate::PostgresStore;
use crate::dokumen::{baca, riwayat, tulis};
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{DokumenLapangan, IsiLapangan, JenisLapangan, LapanganStore, Result, Syarat};
use uuid::Uuid;

#[async_trait]
impl LapanganStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn tulis_lapangan(
        &self,
        pemilihan_id: Uuid,
        dokumen: &[DokumenLapangan],
        syarat: Syarat,
        jejak: &Jejak,
    ) -> Result<i64> {
        tulis(self, pemilihan_id, dokumen, syarat, jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn baca_lapangan(
        &self,
        pemilihan_id: Uuid,
        jenis: &[JenisLapangan],
    ) -> Result<IsiLapangan> {
        baca(self, pemilihan_id, jenis).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn riwayat_lapangan(&self, id: Uuid) -> Result<Vec<DokumenLapangan>> {
        riwayat(self, id).await
    }
}
