//! The one writer connection as an actor: a thread of its own owns it and
//! runs write jobs one at a time, in the order they arrive. Callers wait on
//! a reply, not on a lock, so a queue of writers holds no blocking-pool
//! threads and a long write (a voter-list load) delays writes without
//! starving the runtime.
//!
//! Acknowledged means durable (`Ketahanan::Kelompok`, the default): a job
//! commits in its own transaction as before, but its reply is held until
//! the write-ahead log has been fsynced after that commit. A second thread
//! (`posko-sinkron`) does the fsync while the writer runs the next jobs, so
//! every job that committed during one fsync shares the next one: a group
//! commit with no change to how jobs use their transactions, and one job's
//! failure never touches another's.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use posko_storage::{Result, StoreError};
use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

/// What a job leaves to be done once its commit is durable: answer its
/// caller, with the sync's error if the sync failed.
pub(crate) type Balasan = Box<dyn FnOnce(Result<()>) + Send>;
type Tugas = Box<dyn FnOnce(&mut Connection) -> Balasan + Send>;

/// When a write is acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ketahanan {
    /// `synchronous = NORMAL`, answered at commit: survives `kill -9`, a
    /// power cut can lose the last acknowledged writes. For `bench hasil`'s
    /// comparison only.
    Normal,
    /// `synchronous = FULL`: every commit waits for its own fsync.
    Penuh,
    /// `synchronous = NORMAL` plus one fsync of the log per group of
    /// commits before any of them is answered: as durable as `Penuh`.
    Kelompok,
}

impl Ketahanan {
    /// The `PRAGMA synchronous` the writer runs with.
    pub(crate) fn pragma(self) -> &'static str {
        match self {
            Ketahanan::Penuh => "FULL",
            Ketahanan::Normal | Ketahanan::Kelompok => "NORMAL",
        }
    }
}

pub(crate) struct Penulis {
    // Unbounded on purpose: every job has a caller awaiting its reply, so
    // the queue is never longer than the writes in flight.
    antrean: mpsc::UnboundedSender<Tugas>,
    /// The log fsyncs made so far (tests read it).
    #[cfg_attr(not(test), allow(dead_code))]
    sinkron_n: Arc<AtomicU64>,
}

/// Makes the database's write-ahead log durable: fsync of `<db>-wal`
/// (Linux flushes a file's data whichever descriptor wrote it), and once
/// the folder, so a log file made since start is found after a power cut.
struct Penyinkron {
    db: PathBuf,
    wal: PathBuf,
    folder_disinkron: bool,
    n: Arc<AtomicU64>,
}

impl Penyinkron {
    fn baru(db: PathBuf, n: Arc<AtomicU64>) -> Penyinkron {
        let mut wal = db.clone().into_os_string();
        wal.push("-wal");
        Penyinkron {
            db,
            wal: PathBuf::from(wal),
            folder_disinkron: false,
            n,
        }
    }

    fn sinkron(&mut self) -> Result<()> {
        let galat = |p: &PathBuf, e: std::io::Error| {
            StoreError::Backend(format!("fsync {}: {e}", p.display()))
        };
        match std::fs::File::open(&self.wal) {
            Ok(f) => f.sync_data().map_err(|e| galat(&self.wal, e))?,
            // No log: the last connection checkpointed it into the file
            // (SQLite syncs it first); sync the file itself to be sure.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::File::open(&self.db)
                .and_then(|f| f.sync_data())
                .map_err(|e| galat(&self.db, e))?,
            Err(e) => return Err(galat(&self.wal, e)),
        }
        if !self.folder_disinkron {
            if let Some(folder) = self.db.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::File::open(folder)
                    .and_then(|f| f.sync_all())
                    .map_err(|e| galat(&folder.to_path_buf(), e))?;
            }
            self.folder_disinkron = true;
        }
        self.n.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

/// Jobs run before the writer hands their replies to the syncer, at most:
/// a bound on how long the first of them waits behind a busy queue.
const KELOMPOK_MAKS: usize = 512;

impl Penulis {
    /// Starts the writer thread; it ends when the last store handle is
    /// dropped, closing the connection. `db` is the database file (its log
    /// is synced under `Ketahanan::Kelompok`; `None` for a memory database).
    pub(crate) fn mulai(
        mut conn: Connection,
        ketahanan: Ketahanan,
        db: Option<PathBuf>,
    ) -> std::io::Result<Penulis> {
        conn.execute_batch(&format!("PRAGMA synchronous = {};", ketahanan.pragma()))
            .map_err(std::io::Error::other)?;
        let (antrean, mut masuk) = mpsc::unbounded_channel::<Tugas>();
        let sinkron_n = Arc::new(AtomicU64::new(0));
        let sinkron = match (ketahanan, db) {
            (Ketahanan::Kelompok, Some(db)) => {
                Some(mulai_penyinkron(Penyinkron::baru(db, sinkron_n.clone()))?)
            }
            _ => None,
        };
        std::thread::Builder::new()
            .name("posko-penulis".into())
            .spawn(move || {
                let mut tertunda: Vec<Balasan> = Vec::new();
                while let Some(tugas) = masuk.blocking_recv() {
                    let mut berikut = Some(tugas);
                    while let Some(tugas) = berikut.take() {
                        // A panicking job has already rolled back (rusqlite
                        // ends an open transaction on drop) and its caller
                        // gets an error when its reply is dropped; the
                        // writer lives on for the others.
                        if let Ok(balas) = catch_unwind(AssertUnwindSafe(|| tugas(&mut conn))) {
                            match &sinkron {
                                Some(_) => tertunda.push(balas),
                                None => balas(Ok(())),
                            }
                        }
                        if tertunda.len() < KELOMPOK_MAKS {
                            berikut = masuk.try_recv().ok();
                        }
                    }
                    // The queue is empty (or the group full): what committed
                    // so far goes to the next fsync while the writer waits
                    // for more.
                    if let Some(s) = &sinkron
                        && !tertunda.is_empty()
                    {
                        let _ = s.send(std::mem::take(&mut tertunda));
                    }
                }
            })?;
        Ok(Penulis { antrean, sinkron_n })
    }

    #[cfg(test)]
    pub(crate) fn sinkron_n(&self) -> Arc<AtomicU64> {
        self.sinkron_n.clone()
    }

    /// Runs `f` on the writer connection and returns what it returns, once
    /// what it committed is durable.
    pub(crate) async fn jalankan<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let (balas, jawaban) = oneshot::channel();
        self.kirim(move |conn| {
            let hasil = f(conn);
            Box::new(move |sinkron: Result<()>| {
                let _ = balas.send(sinkron.and(hasil));
            })
        })?;
        jawaban.await.map_err(|_| {
            StoreError::Backend("penulis basis data berhenti di tengah tugas".into())
        })?
    }

    /// Queues `f` without waiting for it: for jobs that report back on a
    /// channel of their own (the voter-list load). `f` returns what to do
    /// once its commit is durable.
    pub(crate) fn kirim(
        &self,
        f: impl FnOnce(&mut Connection) -> Balasan + Send + 'static,
    ) -> Result<()> {
        self.antrean
            .send(Box::new(f))
            .map_err(|_| StoreError::Backend("penulis basis data sudah berhenti".into()))
    }
}

/// The syncer thread: takes every group the writer has handed over since
/// its last fsync, syncs once, then answers them all.
fn mulai_penyinkron(mut p: Penyinkron) -> std::io::Result<std::sync::mpsc::Sender<Vec<Balasan>>> {
    let (kirim, terima) = std::sync::mpsc::channel::<Vec<Balasan>>();
    std::thread::Builder::new()
        .name("posko-sinkron".into())
        .spawn(move || {
            while let Ok(mut balasan) = terima.recv() {
                while let Ok(lagi) = terima.try_recv() {
                    balasan.extend(lagi);
                }
                let r = p.sinkron().map_err(|e| e.to_string());
                if let Err(e) = &r {
                    tracing::error!(galat = %e, "log basis data tidak bisa disinkronkan; tulisan dijawab gagal");
                }
                for b in balasan {
                    b(r.clone().map_err(StoreError::Backend));
                }
            }
        })?;
    Ok(kirim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_job_does_not_stop_the_writer() {
        let penulis = Penulis::mulai(
            Connection::open_in_memory().unwrap(),
            Ketahanan::Normal,
            None,
        )
        .unwrap();
        let err = penulis
            .jalankan(|_conn| -> Result<()> { panic!("uji") })
            .await
            .unwrap_err();
        assert!(err.to_string().contains("berhenti"), "{err}");
        let n: i64 = penulis
            .jalankan(|conn| {
                conn.query_row("SELECT 41 + 1", [], |r| r.get(0))
                    .map_err(crate::backend_err)
            })
            .await
            .unwrap();
        assert_eq!(n, 42);
    }

    #[tokio::test]
    async fn jobs_run_in_arrival_order() {
        let penulis = Penulis::mulai(
            Connection::open_in_memory().unwrap(),
            Ketahanan::Normal,
            None,
        )
        .unwrap();
        penulis
            .jalankan(|conn| {
                conn.execute_batch("CREATE TABLE t (i INTEGER)")
                    .map_err(crate::backend_err)
            })
            .await
            .unwrap();
        let tunggu: Vec<_> = (0..50)
            .map(|i| {
                penulis.jalankan(move |conn| {
                    conn.execute("INSERT INTO t VALUES (?1)", [i])
                        .map(|_| ())
                        .map_err(crate::backend_err)
                })
            })
            .collect();
        for t in tunggu {
            t.await.unwrap();
        }
        let urut: Vec<i64> = penulis
            .jalankan(|conn| {
                let mut s = conn.prepare("SELECT i FROM t ORDER BY rowid").unwrap();
                Ok(s.query_map([], |r| r.get(0))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap())
            })
            .await
            .unwrap();
        assert_eq!(urut, (0..50).collect::<Vec<_>>());
    }

    fn berkas_uji() -> (tempfile::TempDir, PathBuf, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("uji.db");
        let conn = Connection::open(&path).unwrap();
        crate::pool::configure(&conn).unwrap();
        conn.execute_batch("CREATE TABLE t (i INTEGER PRIMARY KEY)")
            .unwrap();
        (dir, path, conn)
    }

    #[tokio::test]
    async fn a_write_is_answered_only_after_the_log_is_synced() {
        let (_dir, path, conn) = berkas_uji();
        let penulis = Penulis::mulai(conn, Ketahanan::Kelompok, Some(path)).unwrap();
        let n = penulis.sinkron_n();
        for i in 0..5 {
            let n_job = n.clone();
            let dilihat = penulis
                .jalankan(move |conn| {
                    conn.execute("INSERT INTO t VALUES (?1)", [i])
                        .map_err(crate::backend_err)?;
                    Ok(n_job.load(Ordering::SeqCst))
                })
                .await
                .unwrap();
            assert!(
                n.load(Ordering::SeqCst) > dilihat,
                "write {i} answered before any fsync after its commit"
            );
        }
    }

    #[tokio::test]
    async fn the_store_opens_with_durable_acknowledgement() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::SqliteStore::open(&dir.path().join("p.db"))
            .await
            .unwrap();
        assert_eq!(store.inner.ketahanan, Ketahanan::Kelompok);
        let n = store.inner.penulis.sinkron_n();
        let sebelum = n.load(Ordering::SeqCst);
        // synchronous = NORMAL (1) on the writer, never OFF, and the reply
        // came after a sync of the log.
        let mode: i64 = store
            .write(|c| {
                c.execute_batch("CREATE TABLE IF NOT EXISTS uji_tahan (x INTEGER); INSERT INTO uji_tahan VALUES (1);")
                    .map_err(crate::backend_err)?;
                c.query_row("PRAGMA synchronous", [], |r| r.get(0))
                    .map_err(crate::backend_err)
            })
            .await
            .unwrap();
        assert_eq!(mode, 1);
        assert!(n.load(Ordering::SeqCst) > sebelum);
        let penuh = crate::SqliteStore::open_dengan(&dir.path().join("f.db"), Ketahanan::Penuh)
            .await
            .unwrap();
        let mode: i64 = penuh
            .write(|c| {
                c.query_row("PRAGMA synchronous", [], |r| r.get(0))
                    .map_err(crate::backend_err)
            })
            .await
            .unwrap();
        assert_eq!(mode, 2, "Ketahanan::Penuh is synchronous = FULL");
    }

    /// Jobs that wait in one group share an fsync; one that fails rolls
    /// back alone, and every other is on the file a fresh connection reads.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failing_job_in_a_group_rolls_back_alone() {
        let (_dir, path, conn) = berkas_uji();
        let penulis =
            Arc::new(Penulis::mulai(conn, Ketahanan::Kelompok, Some(path.clone())).unwrap());
        let n = penulis.sinkron_n();
        // Holds the writer while the others queue up behind it.
        let (mulai_tx, mulai_rx) = std::sync::mpsc::channel::<()>();
        let penahan = {
            let p = penulis.clone();
            tokio::spawn(async move {
                p.jalankan(move |_c| {
                    let _ = mulai_rx.recv();
                    Ok(())
                })
                .await
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let sebelum = n.load(Ordering::SeqCst);
        let tugas: Vec<_> = (0..60i64)
            .map(|i| {
                let p = penulis.clone();
                tokio::spawn(async move {
                    p.jalankan(move |conn| {
                        let tx = conn.transaction().map_err(crate::backend_err)?;
                        tx.execute("INSERT INTO t VALUES (?1)", [i])
                            .map_err(crate::backend_err)?;
                        tx.execute("INSERT INTO t VALUES (?1)", [1000 + i])
                            .map_err(crate::backend_err)?;
                        if i % 7 == 3 {
                            return Err(StoreError::Backend(format!("gagal {i}")));
                        }
                        tx.commit().map_err(crate::backend_err)
                    })
                    .await
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        mulai_tx.send(()).unwrap();
        penahan.await.unwrap().unwrap();
        for (i, t) in tugas.into_iter().enumerate() {
            let r = t.await.unwrap();
            assert_eq!(r.is_err(), i % 7 == 3, "job {i}: {r:?}");
        }
        let sinkron = n.load(Ordering::SeqCst) - sebelum;
        assert!(sinkron <= 3, "60 queued writes took {sinkron} fsyncs");
        let baca = Connection::open(&path).unwrap();
        let ada: Vec<i64> = baca
            .prepare("SELECT i FROM t ORDER BY i")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let harap: Vec<i64> = (0..60)
            .filter(|i| i % 7 != 3)
            .chain((0..60).filter(|i| i % 7 != 3).map(|i| 1000 + i))
            .collect();
        assert_eq!(ada, harap);
    }
}
