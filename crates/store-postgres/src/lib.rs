//! PostgreSQL backend: many stateless `posko serve` processes, one database.
//!
//! Bulk writes stream rows with COPY into a temporary table and merge them
//! with one `INSERT … ON CONFLICT`, which is both fast and atomic.

mod audit;
mod batas;
mod cari_nama;
mod copy;
mod hari_h;
mod hasil;
mod hitung_cepat;
mod kabar;
mod kejanggalan;
mod kunjungan;
mod migrasi;
mod mutu;
mod pantau;
mod pemilih;
mod pengguna;
mod pesan;
mod rahasia;
mod relawan;
mod riwayat;
mod rows;
mod sesi;
mod skema;
mod wilayah;

use crate::audit::catat_audit;
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use posko_storage::Konflik;
use posko_storage::{Result, StoreError};
use tokio_postgres::NoTls;

#[derive(Clone)]
pub struct PostgresStore {
    pool: Pool,
    /// Connections for reads only: on election night writers queue on the
    /// same region rows and can hold every writing connection; pages that
    /// only read must not wait behind them.
    baca: Pool,
    /// Set when this store lives in a schema of its own (tests, benchmarks).
    schema: Option<String>,
    /// For connections outside the pools (the `LISTEN` connection).
    config: tokio_postgres::Config,
}

fn backend_err(e: tokio_postgres::Error) -> StoreError {
    if let Some(db) = e.as_db_error() {
        if db.code() == &tokio_postgres::error::SqlState::UNIQUE_VIOLATION {
            return StoreError::Conflict(Konflik::Lain(db.message().to_string()));
        }
        return StoreError::Backend(format!(
            "{}{}",
            db.message(),
            db.detail().map(|d| format!(" ({d})")).unwrap_or_default()
        ));
    }
    StoreError::Backend(e.to_string())
}

fn pool_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(format!("koneksi PostgreSQL: {e}"))
}

impl PostgresStore {
    /// Connects to `url` (postgres://…) and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<PostgresStore> {
        Self::connect_in_schema(url, None).await
    }

    /// Connects with every connection's search_path set to `schema`, creating
    /// it if needed; lets one database hold isolated Posko instances (tests).
    pub async fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<PostgresStore> {
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| StoreError::Backend(format!("URL PostgreSQL tidak sah: {e}")))?;
        if let Some(schema) = schema {
            if !schema
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return Err(StoreError::Backend(format!(
                    "nama skema tidak sah: {schema}"
                )));
            }
            let (client, conn) = config.connect(NoTls).await.map_err(pool_err)?;
            let task = tokio::spawn(conn);
            client
                .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
                .await
                .map_err(backend_err)?;
            drop(client);
            let _ = task.await;
            config.options(format!("-c search_path={schema}"));
        }
        let pool_of = |config: tokio_postgres::Config, size: usize| {
            let manager = Manager::from_config(
                config,
                NoTls,
                ManagerConfig {
                    recycling_method: RecyclingMethod::Fast,
                },
            );
            Pool::builder(manager)
                .max_size(size)
                .build()
                .map_err(pool_err)
        };
        let baca = pool_of(config.clone(), 8)?;
        let pool = pool_of(config.clone(), 16)?;
        let store = PostgresStore {
            pool,
            baca,
            schema: schema.map(str::to_string),
            config,
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn conn(&self) -> Result<Object> {
        self.pool.get().await.map_err(pool_err)
    }

    /// A connection for statements that only read.
    async fn conn_baca(&self) -> Result<Object> {
        self.baca.get().await.map_err(pool_err)
    }
}
