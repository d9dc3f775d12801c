//! Posko's default backend: one SQLite file in WAL mode.
//!
//! SQLite has one writer, so all writes go through a single connection
//! behind a mutex and are batched in transactions; reads use a small pool
//! of their own connections and never wait for the writer. rusqlite is
//! blocking, so every call runs on tokio's blocking threads.

mod audit;
mod batas;
mod berkas;
mod cari_nama;
mod hari_h;
mod hasil;
mod hitung_cepat;
mod kunjungan;
mod pemilih;
mod pengguna;
mod pesan;
mod pool;
mod rahasia;
mod relawan;
mod riwayat;
mod rows;
mod sesi;
mod skema;
mod token;
mod wilayah;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use posko_storage::{Migration, Result, StoreError};
use rusqlite::{Connection, params};

use crate::audit::catat_audit;
use crate::pool::ReaderPool;
use crate::rows::*;

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
        name: "pemilih_tps",
        sql: include_str!("../migrations/0022_pemilih_tps.sql"),
    },
    Migration {
        version: 23,
        name: "keamanan",
        sql: include_str!("../migrations/0023_keamanan.sql"),
    },
    Migration {
        version: 24,
        name: "masuk",
        sql: include_str!("../migrations/0024_masuk.sql"),
    },
];

#[derive(Clone)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: ReaderPool,
}

fn backend_err(e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && f.code == rusqlite::ErrorCode::ConstraintViolation
        && f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    {
        return StoreError::Conflict(e.to_string());
    }
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && f.code == rusqlite::ErrorCode::DatabaseBusy
    {
        // Which kind of busy (recovery, snapshot, timeout) says what to fix.
        return StoreError::Backend(format!("{e} (kode {})", f.extended_code));
    }
    StoreError::Backend(e.to_string())
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema
    /// up to date.
    pub async fn open(path: &Path) -> Result<SqliteStore> {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || {
            berkas::pribadi(&path).map_err(|e| {
                StoreError::Backend(format!("tidak bisa membuat {}: {e}", path.display()))
            })?;
            let mut conn = Connection::open(&path).map_err(|e| {
                StoreError::Backend(format!("tidak bisa membuka {}: {e}", path.display()))
            })?;
            pool::configure(&conn).map_err(backend_err)?;
            // SQLite gives the WAL and shared-memory files the database
            // file's mode; files left by an older run are tightened too.
            for akhiran in ["-wal", "-shm"] {
                let mut p = path.clone().into_os_string();
                p.push(akhiran);
                berkas::pribadi_bila_ada(std::path::Path::new(&p)).map_err(|e| {
                    StoreError::Backend(format!("izin berkas {}: {e}", path.display()))
                })?;
            }
            // The one writer takes the write lock when a transaction begins.
            // A deferred transaction that reads first and then writes cannot
            // wait for the lock (SQLite answers BUSY at once), and 0.01 % of
            // election-night submissions failed that way at 820,000 TPS.
            conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
            migrate(&mut conn)?;
            Ok(SqliteStore {
                inner: Arc::new(Inner {
                    readers: ReaderPool::new(path.clone()),
                    path,
                    writer: Mutex::new(conn),
                }),
            })
        })
        .await
        .map_err(|e| StoreError::Backend(e.to_string()))?
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let conn = inner.readers.get()?;
            f(&conn)
        })
        .await
        .map_err(|e| StoreError::Backend(e.to_string()))?
    }

    async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock leaves no open transaction
            // (rusqlite rolls back on drop), so the connection is still sound.
            let mut conn = inner.writer.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut conn)
        })
        .await
        .map_err(|e| StoreError::Backend(e.to_string()))?
    }
}

fn migrate(conn: &mut Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS posko_migrasi (
            versi INTEGER PRIMARY KEY, nama TEXT NOT NULL, diterapkan TEXT NOT NULL)",
    )
    .map_err(backend_err)?;
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(backend_err)?;
    let current: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(versi), 0) FROM posko_migrasi",
            [],
            |r| r.get(0),
        )
        .map_err(backend_err)?;
    for m in posko_storage::pending(current, MIGRATIONS)? {
        tx.execute_batch(m.sql)
            .map_err(|e| StoreError::Backend(format!("migrasi {} ({}): {e}", m.version, m.name)))?;
        tx.execute(
            "INSERT INTO posko_migrasi (versi, nama, diterapkan) VALUES (?1, ?2, datetime('now'))",
            params![m.version, m.name],
        )
        .map_err(backend_err)?;
        if m.version == 22 {
            pemilih::pindahkan_tabel_lama(&tx)?;
        }
    }
    tx.commit().map_err(backend_err)
}
