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
mod kunjungan;
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
use posko_storage::{Migration, Result, StoreError};
use tokio_postgres::NoTls;

static MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "awal",
        sql: include_str!("../migrations/0001_awal.sql"),
    },
    Migration {
        version: 2,
        name: "audit",
        sql: include_str!("../migrations/0002_audit.sql"),
    },
    Migration {
        version: 3,
        name: "pengguna",
        sql: include_str!("../migrations/0003_pengguna.sql"),
    },
    Migration {
        version: 4,
        name: "sesi",
        sql: include_str!("../migrations/0004_sesi.sql"),
    },
    Migration {
        version: 5,
        name: "token",
        sql: include_str!("../migrations/0005_token.sql"),
    },
    Migration {
        version: 6,
        name: "data_pribadi",
        sql: include_str!("../migrations/0006_data_pribadi.sql"),
    },
    Migration {
        version: 7,
        name: "gagal_masuk",
        sql: include_str!("../migrations/0007_gagal_masuk.sql"),
    },
    Migration {
        version: 8,
        name: "hasil",
        sql: include_str!("../migrations/0008_hasil.sql"),
    },
    Migration {
        version: 9,
        name: "bacaan",
        sql: include_str!("../migrations/0009_bacaan.sql"),
    },
    Migration {
        version: 10,
        name: "resmi",
        sql: include_str!("../migrations/0010_resmi.sql"),
    },
    Migration {
        version: 11,
        name: "hari_h",
        sql: include_str!("../migrations/0011_hari_h.sql"),
    },
    Migration {
        version: 12,
        name: "saksi_utama",
        sql: include_str!("../migrations/0012_saksi_utama.sql"),
    },
    Migration {
        version: 13,
        name: "pesan",
        sql: include_str!("../migrations/0013_pesan.sql"),
    },
    Migration {
        version: 14,
        name: "telegram_kode_singkat",
        sql: include_str!("../migrations/0014_telegram_kode_singkat.sql"),
    },
    Migration {
        version: 15,
        name: "hitung_cepat",
        sql: include_str!("../migrations/0015_hitung_cepat.sql"),
    },
    Migration {
        version: 16,
        name: "pemilih",
        sql: include_str!("../migrations/0016_pemilih.sql"),
    },
    Migration {
        version: 17,
        name: "relawan_pendukung",
        sql: include_str!("../migrations/0017_relawan_pendukung.sql"),
    },
    Migration {
        version: 18,
        name: "batas",
        sql: include_str!("../migrations/0018_batas.sql"),
    },
    Migration {
        version: 19,
        name: "kunjungan",
        sql: include_str!("../migrations/0019_kunjungan.sql"),
    },
    Migration {
        version: 20,
        name: "riwayat",
        sql: include_str!("../migrations/0020_riwayat.sql"),
    },
    Migration {
        version: 21,
        name: "cari_survei",
        sql: include_str!("../migrations/0021_cari_survei.sql"),
    },
    Migration {
        version: 22,
        name: "keamanan",
        sql: include_str!("../migrations/0022_keamanan.sql"),
    },
    Migration {
        version: 23,
        name: "masuk",
        sql: include_str!("../migrations/0023_masuk.sql"),
    },
];

#[derive(Clone)]
pub struct PostgresStore {
    pool: Pool,
    /// Connections for reads only: on election night writers queue on the
    /// same region rows and can hold every writing connection; pages that
    /// only read must not wait behind them.
    baca: Pool,
    /// Set when this store lives in a schema of its own (tests, benchmarks).
    schema: Option<String>,
}

fn backend_err(e: tokio_postgres::Error) -> StoreError {
    if let Some(db) = e.as_db_error() {
        if db.code() == &tokio_postgres::error::SqlState::UNIQUE_VIOLATION {
            return StoreError::Conflict(db.message().to_string());
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
        let pool = pool_of(config, 16)?;
        let store = PostgresStore {
            pool,
            baca,
            schema: schema.map(str::to_string),
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

    async fn migrate(&self) -> Result<()> {
        let mut client = self.conn().await?;
        client
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS posko_migrasi (
                    versi BIGINT PRIMARY KEY, nama TEXT NOT NULL, diterapkan TIMESTAMPTZ NOT NULL)",
            )
            .await
            .map_err(backend_err)?;
        let tx = client.transaction().await.map_err(backend_err)?;
        // A table lock, not an advisory lock: works on distributed Postgres
        // engines too, and serialises servers that start at the same moment.
        tx.batch_execute("LOCK TABLE posko_migrasi IN ACCESS EXCLUSIVE MODE")
            .await
            .map_err(backend_err)?;
        let current: i64 = tx
            .query_one(
                "SELECT COALESCE(MAX(versi), 0)::BIGINT FROM posko_migrasi",
                &[],
            )
            .await
            .map_err(backend_err)?
            .get(0);
        for m in posko_storage::pending(current, MIGRATIONS)? {
            tx.batch_execute(m.sql).await.map_err(|e| {
                StoreError::Backend(format!("migrasi {} ({}): {e}", m.version, m.name))
            })?;
            tx.execute(
                "INSERT INTO posko_migrasi (versi, nama, diterapkan) VALUES ($1, $2, now())",
                &[&m.version, &m.name],
            )
            .await
            .map_err(backend_err)?;
        }
        tx.commit().await.map_err(backend_err)
    }
}
