//! PostgreSQL backend: many stateless `posko serve` processes, one database.
//!
//! Bulk writes stream rows with COPY into a temporary table and merge them
//! with one `INSERT … ON CONFLICT`, which is both fast and atomic.

mod audit;
mod batas;
pub mod cadangan;
mod cari_nama;
mod copy;
mod dana;
mod dokumen;
mod hari_h;
mod hasil;
mod hitung_cepat;
mod kabar;
mod kejanggalan;
mod kunjungan;
mod lapangan;
mod medsos;
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
#[cfg(test)]
mod tahan_uji;
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
    /// Sends word of committed results to every server's listener.
    kurir: kabar::Kurir,
}

fn backend_err(e: tokio_postgres::Error) -> StoreError {
    if tak_terjangkau(&e) {
        return StoreError::TidakTersedia(format!("PostgreSQL: {}", rantai(&e)));
    }
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

/// Whether `e` says the server cannot be reached rather than that a
/// statement failed: a refused, lost or timed-out connection (an I/O cause
/// or a closed connection), SQLSTATE class 08 (connection exception), the
/// server shutting down or starting (57P01, 57P02, 57P03), or out of
/// connection slots (53300).
fn tak_terjangkau(e: &tokio_postgres::Error) -> bool {
    use tokio_postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let c = db.code();
        return c.code().starts_with("08")
            || [
                SqlState::ADMIN_SHUTDOWN,
                SqlState::CRASH_SHUTDOWN,
                SqlState::CANNOT_CONNECT_NOW,
                SqlState::TOO_MANY_CONNECTIONS,
            ]
            .contains(c);
    }
    e.is_closed() || std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>())
}

/// An error and its causes on one line ("error connecting to server:
/// Connection refused (os error 111)").
fn rantai(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut sumber = e.source();
    while let Some(x) = sumber {
        let t = x.to_string();
        if !s.ends_with(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        sumber = x.source();
    }
    s
}

/// A connection the pool could not give: the server's own error mapped as
/// any other, a wait past the pool's limits or a closed pool as an outage.
fn pool_err(e: deadpool_postgres::PoolError) -> StoreError {
    use deadpool_postgres::PoolError;
    match e {
        PoolError::Backend(e) => match backend_err(e) {
            StoreError::Backend(m) => StoreError::Backend(format!("koneksi PostgreSQL: {m}")),
            lain => lain,
        },
        PoolError::Timeout(_) | PoolError::Closed => {
            StoreError::TidakTersedia(format!("koneksi PostgreSQL: {e}"))
        }
        lain => StoreError::Backend(format!("koneksi PostgreSQL: {lain}")),
    }
}

/// How long opening a connection may take before the server counts as
/// unreachable (unless the URL sets `connect_timeout`).
const BATAS_SAMBUNG: std::time::Duration = std::time::Duration::from_secs(5);
/// How long a request waits for a free pooled connection before it is
/// answered as an outage (503) rather than left hanging.
const BATAS_ANTRE_KONEKSI: std::time::Duration = std::time::Duration::from_secs(30);

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
        // A server that does not answer at all (a dead host, a dropped
        // route) is an outage after this long, not a request hung forever.
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(BATAS_SAMBUNG);
        }
        if let Some(schema) = schema {
            if !schema
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return Err(StoreError::Backend(format!(
                    "nama skema tidak sah: {schema}"
                )));
            }
            let (client, conn) = config.connect(NoTls).await.map_err(backend_err)?;
            let task = tokio::spawn(conn);
            client
                .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
                .await
                .map_err(backend_err)?;
            drop(client);
            let _ = task.await;
        }
        // A commit is answered once it is on disk whatever the server's or
        // the role's default says (acknowledged means durable).
        let mut opsi = config
            .get_options()
            .map(|o| format!("{o} "))
            .unwrap_or_default();
        opsi.push_str("-c synchronous_commit=on");
        if let Some(schema) = schema {
            opsi.push_str(&format!(" -c search_path={schema}"));
        }
        config.options(opsi);
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
                .runtime(deadpool_postgres::Runtime::Tokio1)
                .wait_timeout(Some(BATAS_ANTRE_KONEKSI))
                .build()
                .map_err(|e| StoreError::Backend(format!("koneksi PostgreSQL: {e}")))
        };
        let baca = pool_of(config.clone(), 8)?;
        let pool = pool_of(config.clone(), 16)?;
        let store = PostgresStore {
            kurir: kabar::Kurir::mulai(pool.clone()),
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
