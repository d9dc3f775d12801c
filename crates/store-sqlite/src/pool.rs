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
                .map_err(|e| match crate::backend_err(e) {
                    // The file cannot be opened now (gone, unreadable, a
                    // disk unmounted): an outage, not a fault of the request.
                    StoreError::TidakTersedia(m) => {
                        StoreError::TidakTersedia(format!("{}: {m}", self.path.display()))
                    }
                    lain => StoreError::Backend(format!("{}: {lain}", self.path.display())),
                })?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A database file that cannot be opened is an outage (503), typed so
    /// callers never read the message.
    #[test]
    fn a_file_that_cannot_be_opened_is_an_outage() {
        let dir = tempfile::tempdir().unwrap();
        let pool = ReaderPool::new(dir.path().join("tidak-ada/posko.db"));
        let e = pool.get().err().expect("no file, no connection");
        assert!(matches!(e, StoreError::TidakTersedia(_)), "{e:?}");
        assert!(e.to_string().contains("tidak-ada/posko.db"), "{e}");
    }

    /// A lock held past the busy timeout is an outage too.
    #[test]
    fn a_lock_held_past_the_limit_is_an_outage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("posko.db");
        let a = Connection::open(&path).unwrap();
        a.execute_batch("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);")
            .unwrap();
        let b = Connection::open(&path).unwrap();
        b.busy_timeout(std::time::Duration::from_millis(50))
            .unwrap();
        let e = crate::backend_err(b.execute("INSERT INTO t VALUES (2)", []).unwrap_err());
        assert!(matches!(e, StoreError::TidakTersedia(_)), "{e:?}");
    }
}
