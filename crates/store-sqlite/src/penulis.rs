//! The one writer connection as an actor: a thread of its own owns it and
//! runs write jobs one at a time, in the order they arrive. Callers wait on
//! a reply, not on a lock, so a queue of writers holds no blocking-pool
//! threads and a long write (a voter-list load) delays writes without
//! starving the runtime.

use std::panic::{AssertUnwindSafe, catch_unwind};

use posko_storage::{Result, StoreError};
use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

type Tugas = Box<dyn FnOnce(&mut Connection) + Send>;

pub(crate) struct Penulis {
    // Unbounded on purpose: every job has a caller awaiting its reply, so
    // the queue is never longer than the writes in flight.
    antrean: mpsc::UnboundedSender<Tugas>,
}

impl Penulis {
    /// Starts the writer thread; it ends when the last store handle is
    /// dropped, closing the connection.
    pub(crate) fn mulai(mut conn: Connection) -> std::io::Result<Penulis> {
        let (antrean, mut masuk) = mpsc::unbounded_channel::<Tugas>();
        std::thread::Builder::new()
            .name("posko-penulis".into())
            .spawn(move || {
                while let Some(tugas) = masuk.blocking_recv() {
                    // A panicking job has already rolled back (rusqlite
                    // ends an open transaction on drop) and its caller
                    // gets an error; the writer lives on for the others.
                    let _ = catch_unwind(AssertUnwindSafe(|| tugas(&mut conn)));
                }
            })?;
        Ok(Penulis { antrean })
    }

    /// Runs `f` on the writer connection and returns what it returns.
    pub(crate) async fn jalankan<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let (balas, jawaban) = oneshot::channel();
        self.kirim(move |conn| {
            let _ = balas.send(f(conn));
        })?;
        jawaban.await.map_err(|_| {
            StoreError::Backend("penulis basis data berhenti di tengah tugas".into())
        })?
    }

    /// Queues `f` without waiting for it: for jobs that report back on a
    /// channel of their own (the voter-list load).
    pub(crate) fn kirim(&self, f: impl FnOnce(&mut Connection) + Send + 'static) -> Result<()> {
        self.antrean
            .send(Box::new(f))
            .map_err(|_| StoreError::Backend("penulis basis data sudah berhenti".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_job_does_not_stop_the_writer() {
        let penulis = Penulis::mulai(Connection::open_in_memory().unwrap()).unwrap();
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
        let penulis = Penulis::mulai(Connection::open_in_memory().unwrap()).unwrap();
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
}
