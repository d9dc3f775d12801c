//! Personal data at rest: which keys are in use, reading and re-encrypting columns.

use crate::PostgresStore;
use crate::pengguna;
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{DataTersandi, KolomRahasia, RahasiaStore, Result};
use uuid::Uuid;

#[async_trait]
impl RahasiaStore for PostgresStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_kid_terpakai(&self) -> Result<Vec<String>> {
        pengguna::daftar_kid_terpakai(&self.conn().await?).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_rahasia(&self, kolom: KolomRahasia) -> Result<Vec<(Uuid, DataTersandi)>> {
        pengguna::daftar_rahasia(&self.conn().await?, kolom).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn ubah_rahasia(
        &self,
        rows: &[(KolomRahasia, Uuid, DataTersandi)],
        jejak: &Jejak,
    ) -> Result<u64> {
        let mut c = self.conn().await?;
        pengguna::ubah_rahasia(&mut c, rows, jejak).await
    }
}
