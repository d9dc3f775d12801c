//! Online backup and restore of the database file with SQLite's backup
//! API. The copy is read from a connection of its own in one step, which
//! is one read transaction: in WAL mode it never blocks the writer thread,
//! and writes made meanwhile cannot restart it (a multi-step backup starts
//! over whenever another connection writes, so under steady ingestion it
//! might never finish).

use std::path::{Path, PathBuf};
use std::time::Duration;

use posko_storage::cadangan::{Cuplikan, KepalaAudit};
use posko_storage::{Result, StoreError};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::{SqliteStore, backend_err, berkas, pool};

impl SqliteStore {
    /// Copies a consistent snapshot of the database to `tujuan`, a new file
    /// (refused when it exists and is not empty), while the store keeps
    /// reading and writing. Returns what the snapshot holds.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn cadangkan_ke(&self, tujuan: &Path) -> Result<Cuplikan> {
        let (sumber, tujuan) = (self.inner.path.clone(), tujuan.to_path_buf());
        tokio::task::spawn_blocking(move || salin(&sumber, &tujuan))
            .await
            .map_err(|e| StoreError::Backend(e.to_string()))?
    }
}

/// Brings the backup file `cadangan` back as the database at `tujuan`,
/// which must not exist yet (an empty file is taken as not existing).
/// Written beside `tujuan` under another name, checked, then renamed: a
/// failure leaves nothing at `tujuan`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn pulihkan(cadangan: &Path, tujuan: &Path) -> Result<Cuplikan> {
    let (cadangan, tujuan) = (cadangan.to_path_buf(), tujuan.to_path_buf());
    tokio::task::spawn_blocking(move || {
        kosong(&tujuan)?;
        let mut nama = tujuan.clone().into_os_string();
        nama.push(format!(".pulih-{}", uuid::Uuid::now_v7().simple()));
        let sementara = PathBuf::from(nama);
        let hasil = salin(&cadangan, &sementara).and_then(|c| {
            periksa_utuh(&sementara)?;
            std::fs::rename(&sementara, &tujuan).map_err(|e| {
                StoreError::Backend(format!("memindah ke {}: {e}", tujuan.display()))
            })?;
            Ok(c)
        });
        if hasil.is_err() {
            let _ = std::fs::remove_file(&sementara);
        }
        hasil
    })
    .await
    .map_err(|e| StoreError::Backend(e.to_string()))?
}

/// Refuses a target that already holds a database (or its WAL).
pub fn kosong(tujuan: &Path) -> Result<()> {
    let isi = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.len() > 0);
    for akhiran in ["", "-wal"] {
        let mut p = tujuan.as_os_str().to_owned();
        p.push(akhiran);
        let p = PathBuf::from(p);
        if isi(&p) {
            return Err(StoreError::Backend(format!(
                "{} sudah berisi data; pulihkan hanya ke tempat kosong (berkas baru)",
                p.display()
            )));
        }
    }
    Ok(())
}

fn salin(sumber: &Path, tujuan: &Path) -> Result<Cuplikan> {
    let gagal = |apa: &str, p: &Path, e: rusqlite::Error| {
        StoreError::Backend(format!("{apa} {}: {e}", p.display()))
    };
    let src = Connection::open_with_flags(
        sumber,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| gagal("membuka", sumber, e))?;
    pool::configure_reader(&src).map_err(backend_err)?;
    kosong(tujuan)?;
    berkas::pribadi(tujuan)
        .map_err(|e| StoreError::Backend(format!("membuat {}: {e}", tujuan.display())))?;
    let mut dst = Connection::open(tujuan).map_err(|e| gagal("membuka", tujuan, e))?;
    {
        let b = Backup::new(&src, &mut dst).map_err(|e| gagal("mencadangkan", sumber, e))?;
        let mut coba = 0;
        loop {
            // -1: every page in one step, one read transaction.
            match b.step(-1).map_err(|e| gagal("mencadangkan", sumber, e))? {
                StepResult::Done => break,
                StepResult::More => {}
                // A lock held a moment (a checkpoint, the writer's WAL
                // reset): wait and carry on, as long as a busy writer would.
                _ if coba < 200 => {
                    coba += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => {
                    return Err(StoreError::Backend(format!(
                        "mencadangkan {}: basis data terkunci terlalu lama",
                        sumber.display()
                    )));
                }
            }
        }
    }
    // One self-contained file: no -wal beside it to forget.
    dst.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
        .map_err(backend_err)?;
    baca_cuplikan(&dst)
}

/// `PRAGMA quick_check` on a restored copy before it takes the real name.
fn periksa_utuh(path: &Path) -> Result<()> {
    let c =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(backend_err)?;
    let hasil: String = c
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(backend_err)?;
    if hasil != "ok" {
        return Err(StoreError::Backend(format!(
            "salinan {} rusak: {hasil}",
            path.display()
        )));
    }
    Ok(())
}

fn baca_cuplikan(c: &Connection) -> Result<Cuplikan> {
    let versi_skema = c
        .query_row(
            "SELECT COALESCE(MAX(versi), 0) FROM posko_migrasi",
            [],
            |r| r.get(0),
        )
        .map_err(|e| StoreError::Backend(format!("bukan basis data Posko: {e}")))?;
    let audit = c
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| {
                Ok(KepalaAudit {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                })
            },
        )
        .optional()
        .map_err(backend_err)?;
    Ok(Cuplikan { versi_skema, audit })
}
