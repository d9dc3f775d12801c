//! Personal data at rest: which keys are in use, reading and re-encrypting columns.

use crate::PostgresStore;
use crate::pengguna;
use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{DataTersandi, KolomRahasia, RahasiaStore, Result};
use uuid::Uuid;

#[async_trait]
impl RahasiaStore for PostgresStore {
    async fn kids_in_use(&self) -> Result<Vec<String>> {
        pengguna::kids_in_use(&self.conn().await?).await
    }

    async fn read_rahasia(&self, kolom: KolomRahasia) -> Result<Vec<(Uuid, DataTersandi)>> {
        pengguna::read_rahasia(&self.conn().await?, kolom).await
    }

    async fn rewrite_rahasia(
        &self,
        rows: &[(KolomRahasia, Uuid, DataTersandi)],
        jejak: &Jejak,
    ) -> Result<u64> {
        let mut c = self.conn().await?;
        pengguna::rewrite_rahasia(&mut c, rows, jejak).await
    }
}
