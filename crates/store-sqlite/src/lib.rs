//! Posko's default backend: one SQLite file in WAL mode.
//!
//! SQLite has one writer, so all writes go to a single connection owned by
//! a thread of its own (`penulis.rs`) and are batched in transactions;
//! reads use a small pool of their own connections on tokio's blocking
//! threads and never wait for the writer.

mod audit;
mod batas;
mod berkas;
pub mod cadangan;
mod cari_nama;
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
mod penulis;
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
use std::sync::Arc;

use posko_storage::Konflik;
use posko_storage::{Result, StoreError};
use rusqlite::Connection;

use crate::audit::catat_audit;
#[cfg(test)]
use crate::migrasi::MIGRATIONS;
use crate::migrasi::migrate;
use crate::pool::ReaderPool;
use crate::rows::*;
pub use penulis::Ketahanan;

#[derive(Clone)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    penulis: penulis::Penulis,
    ketahanan: Ketahanan,
    readers: ReaderPool,
    kabar: kabar::Pendengar,
}

fn backend_err(e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && f.code == rusqlite::ErrorCode::ConstraintViolation
        && f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    {
        return StoreError::Conflict(Konflik::Lain(e.to_string()));
    }
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && matches!(
            f.code,
            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
        )
    {
        // A lock held past the busy timeout: nothing was done, and the same
        // request may pass shortly (an outage, answered 503). Which kind of
        // busy (recovery, snapshot, timeout) says what to fix.
        return StoreError::TidakTersedia(format!("{e} (kode {})", f.extended_code));
    }
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && f.code == rusqlite::ErrorCode::CannotOpen
    {
        return StoreError::TidakTersedia(e.to_string());
    }
    StoreError::Backend(e.to_string())
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema
    /// up to date. A write is acknowledged once it would survive a power cut.
    pub async fn open(path: &Path) -> Result<SqliteStore> {
        Self::open_dengan(path, Ketahanan::Kelompok).await
    }

    /// `open` with a chosen acknowledgement (`bench hasil` compares them).
    pub async fn open_dengan(path: &Path, ketahanan: Ketahanan) -> Result<SqliteStore> {
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
            let penulis = penulis::Penulis::mulai(conn, ketahanan, Some(path.clone()))
                .map_err(|e| StoreError::Backend(format!("utas penulis: {e}")))?;
            Ok(SqliteStore {
                inner: Arc::new(Inner {
                    readers: ReaderPool::new(path.clone()),
                    path,
                    penulis,
                    ketahanan,
                    kabar: Default::default(),
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
        self.inner.penulis.jalankan(f).await
    }
}
