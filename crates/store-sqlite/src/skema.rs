//! What the store says about itself: its backend and the schema version
//! the database is at.

use async_trait::async_trait;
use posko_storage::{Result, StoreDasar};

use crate::{SqliteStore, backend_err};

#[async_trait]
impl StoreDasar for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn dengarkan(&self, f: posko_storage::PenerimaKabar) {
        self.inner.kabar.tambah(f);
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn schema_version(&self) -> Result<i64> {
        self.read(|c| {
            c.query_row(
                "SELECT COALESCE(MAX(versi), 0) FROM posko_migrasi",
                [],
                |r| r.get(0),
            )
            .map_err(backend_err)
        })
        .await
    }
}
