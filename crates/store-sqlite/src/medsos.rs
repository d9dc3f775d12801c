//! The social-media room on SQLite: a room of versioned documents
//! (`crate::dokumen`) in `medsos_dokumen` and `medsos_nomor`.

use crate::SqliteStore;
use crate::dokumen::{baca, riwayat, tulis};
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{DokumenMedsos, IsiMedsos, JenisMedsos, MedsosStore, Result, Syarat};
use uuid::Uuid;

#[async_trait]
impl MedsosStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn tulis_medsos(
        &self,
        pemilihan_id: Uuid,
        dokumen: &[DokumenMedsos],
        sesudah: i64,
        jejak: &Jejak,
    ) -> Result<i64> {
        let (dokumen, jejak) = (dokumen.to_vec(), jejak.clone());
        self.write(move |c| tulis(c, pemilihan_id, &dokumen, Syarat::Sesudah(sesudah), jejak))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn baca_medsos(&self, pemilihan_id: Uuid, jenis: &[JenisMedsos]) -> Result<IsiMedsos> {
        let jenis = jenis.to_vec();
        self.read(move |c| baca(c, pemilihan_id, &jenis)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn riwayat_medsos(&self, id: Uuid) -> Result<Vec<DokumenMedsos>> {
        self.read(move |c| riwayat(c, id)).await
    }
}
