//! The social-media room on PostgreSQL: a room of versioned documents
//! (`crate::dokumen`) in `medsos_dokumen` and `medsos_nomor`.

use crate::PostgresStore;
use crate::dokumen::{baca, riwayat, tulis};
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{DokumenMedsos, IsiMedsos, JenisMedsos, MedsosStore, Result, Syarat};
use uuid::Uuid;

#[async_trait]
impl MedsosStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn tulis_medsos(
        &self,
        pemilihan_id: Uuid,
        dokumen: &[DokumenMedsos],
        sesudah: i64,
        jejak: &Jejak,
    ) -> Result<i64> {
        tulis(self, pemilihan_id, dokumen, Syarat::Sesudah(sesudah), jejak).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn baca_medsos(&self, pemilihan_id: Uuid, jenis: &[JenisMedsos]) -> Result<IsiMedsos> {
        baca(self, pemilihan_id, jenis).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn riwayat_medsos(&self, id: Uuid) -> Result<Vec<DokumenMedsos>> {
        riwayat(self, id).await
    }
}
