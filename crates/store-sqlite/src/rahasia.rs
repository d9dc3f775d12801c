//! Personal data at rest: which keys are in use, reading and re-encrypting columns.

use crate::SqliteStore;
use crate::pengguna;
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{DataTersandi, KolomRahasia, RahasiaStore, Result};
use uuid::Uuid;

#[async_trait]
impl RahasiaStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kid_terpakai(&self) -> Result<Vec<String>> {
        self.read(pengguna::daftar_kid_terpakai).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_rahasia(&self, kolom: KolomRahasia) -> Result<Vec<(Uuid, DataTersandi)>> {
        self.read(move |c| pengguna::daftar_rahasia(c, kolom)).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_rahasia(
        &self,
        rows: &[(KolomRahasia, Uuid, DataTersandi)],
        jejak: &Jejak,
    ) -> Result<u64> {
        let (rows, jejak) = (rows.to_vec(), jejak.clone());
        self.write(move |c| pengguna::ubah_rahasia(c, &rows, jejak))
            .await
    }
}
