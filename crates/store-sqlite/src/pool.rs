//! A minimal pool of read-only connections. WAL lets readers run beside the
//! single writer; connections are opened on demand and kept for reuse.

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Mutex;

use posko_storage::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};

/// Idle connections kept; more may be open briefly under load.
const MAX_IDLE: usize = 8;

pub(crate) struct ReaderPool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

pub(crate) struct Pooled<'a> {
    pool: &'a ReaderPool,
    conn: Option<Connection>,
}

impl ReaderPool {
    pub(crate) fn new(path: PathBuf) -> ReaderPool {
        ReaderPool {
            path,
            idle: Mutex::new(Vec::new()),
        }
    }

    pub(crate) fn get(&self) -> Result<Pooled<'_>> {
        let reused = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match reused {
            Some(c) => c,
            None => {
                let c = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(|e| StoreError::Backend(format!("{}: {e}", self.path.display())))?;
                configure_reader(&c).map_err(crate::backend_err)?;
                c
            }
        };
        Ok(Pooled {
            pool: self,
            conn: Some(conn),
        })
    }
}

impl Deref for Pooled<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("present until drop")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            let mut idle = self.pool.idle.lock().unwrap_or_else(|p| p.into_inner());
            if idle.len() < MAX_IDLE {
                idle.push(c);
            }
        }
    }
}

/// How long a connection waits for a lock before answering BUSY.
pub(crate) const BATAS_SIBUK: std::time::Duration = std::time::Duration::from_secs(10);

pub(crate) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BATAS_SIBUK)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -65536;",
    )
}

/// A reader needs no journal-mode change: WAL is a property of the file,
/// set by the writer, and asking for it on every new reader only adds a
/// lock to wait on.
pub(crate) fn configure_reader(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BATAS_SIBUK)?;
    conn.execute_batch(
        "PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -65536;",
    )
}
