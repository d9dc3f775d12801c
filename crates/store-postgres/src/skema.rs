//! Schemas: the version the database is at, and a store in a schema of its
//! own, made and dropped whole (tests, benchmarks).

use async_trait::async_trait;
use posko_storage::{Result, StoreDasar};
use uuid::Uuid;

use crate::{PostgresStore, backend_err};

impl PostgresStore {
    /// A store in a new, empty schema of its own (for tests run in parallel).
    pub async fn connect_fresh_schema(url: &str) -> Result<PostgresStore> {
        let schema = format!("t_{}", Uuid::now_v7().simple());
        Self::connect_in_schema(url, Some(&schema)).await
    }

    /// The schema this store lives in, when it has one of its own: another
    /// store can join it with [`Self::connect_in_schema`] (several servers on
    /// one database).
    pub fn schema(&self) -> Option<&str> {
        self.schema.as_deref()
    }

    /// Drops the private schema made by [`Self::connect_fresh_schema`] with
    /// everything in it; does nothing for a store in the default schema.
    pub async fn drop_own_schema(self) -> Result<()> {
        if let Some(schema) = &self.schema {
            let c = self.conn().await?;
            // CASCADE lists every object it drops as a NOTICE, which the
            // driver logs line by line: the bench's output is not the place.
            c.batch_execute(&format!(
                "BEGIN; SET LOCAL client_min_messages = warning; DROP SCHEMA {schema} CASCADE; COMMIT"
            ))
                .await
                .map_err(backend_err)?;
        }
        Ok(())
    }
}

#[async_trait]
impl StoreDasar for PostgresStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn dengarkan(&self, f: posko_storage::PenerimaKabar) {
        crate::kabar::mulai(self.config.clone(), f);
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn schema_version(&self) -> Result<i64> {
        let c = self.conn().await?;
        Ok(c.query_one(
            "SELECT COALESCE(MAX(versi), 0)::BIGINT FROM posko_migrasi",
            &[],
        )
        .await
        .map_err(backend_err)?
        .get(0))
    }
}
