//! Field operations on SQLite: a room of versioned documents
//! (`crate::dokumen`) in `lapangan_dokumen` and `lapangan_nomor`.

use crate::SqliteStore;
use crate::dokumen::{baca, riwayat, tulis};
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{DokumenLapangan, IsiLapangan, JenisLapangan, LapanganStore, Result, Syarat};
use uuid::Uuid;

#[async_trait]
impl LapanganStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn tulis_lapangan(
        &self,
        pemilihan_id: Uuid,
        dokumen: &[DokumenLapangan],
        syarat: Syarat,
        jejak: &Jejak,
    ) -> Result<i64> {
        let (dokumen, jejak) = (dokumen.to_vec(), jejak.clone());
        self.write(move |c| tulis(c, pemilihan_id, &dokumen, syarat, jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn baca_lapangan(
        &self,
        pemilihan_id: Uuid,
        jenis: &[JenisLapangan],
    ) -> Result<IsiLapangan> {
        let jenis = jenis.to_vec();
        self.read(move |c| baca(c, pemilihan_id, &jenis)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn riwayat_lapangan(&self, id: Uuid) -> Result<Vec<DokumenLapangan>> {
        self.read(move |c| riwayat(c, id)).await
    }
}
