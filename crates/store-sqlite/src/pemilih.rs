//! The voter list on SQLite. A load is one write transaction on a thread of
//! its own, fed batches through a small channel, so reading the file and
//! writing rows run on two cores and memory holds a few batches at most.
//! The table is clustered on its key, so rows of a TPS go in as appends,
//! 32 rows per INSERT statement (a statement step per row cost ~10 % of
//! the CPU). Into an empty table they go in without the lookup index, which
//! is built once at the end, several times faster than maintaining it row
//! by row; a re-import keeps it. For the load only: `synchronous` OFF (a
//! crash mid-load loses only the uncommitted load), and the index sort
//! spills to temporary files (`temp_store = FILE`) within the normal 64 MiB
//! cache; with temporary storage in memory the sort grew the process by
//! ~100 MiB per million voters (193 MiB at 1 M, 595 MiB at 5 M), now
//! 139, 225 and 330 MiB at 1, 5 and 20 M.

use std::collections::HashSet;
use std::sync::Arc;

use async_trait::async_trait;
use posko_domain::{Jejak, JenisKelamin, KodeTps, KodeWilayah, NikTersamar, Pemilih};
use posko_storage::{HasilMuatPemilih, MuatPemilih, Result, StoreError};
use rusqlite::{Connection, params};
use time::Date;
use tokio::sync::{mpsc, oneshot};

use crate::audit::append_audit;
use crate::{Inner, backend_err};

const INDEXES: &str = "
CREATE INDEX IF NOT EXISTS pemilih_cari ON pemilih (kode_desa, tanggal_lahir);";

enum Pesan {
    Batch(Vec<Pemilih>),
    Selesai(Jejak),
}

pub(crate) struct Pemuat {
    tx: Option<mpsc::Sender<Pesan>>,
    done: Option<oneshot::Receiver<Result<HasilMuatPemilih>>>,
}

pub(crate) fn mulai(inner: Arc<Inner>) -> Pemuat {
    let (tx, rx) = mpsc::channel(4);
    let (done_tx, done) = oneshot::channel();
    std::thread::Builder::new()
        .name("posko-muat-pemilih".into())
        .spawn(move || {
            let mut conn = inner.writer.lock().unwrap_or_else(|p| p.into_inner());
            let r = muat(&mut conn, rx);
            // Back to the settings every other write relies on.
            let restore = conn
                .execute_batch(
                    "PRAGMA synchronous = NORMAL; PRAGMA threads = 0; PRAGMA temp_store = MEMORY;",
                )
                .map_err(backend_err);
            let _ = done_tx.send(r.and_then(|h| restore.map(|_| h)));
        })
        .expect("thread");
    Pemuat {
        tx: Some(tx),
        done: Some(done),
    }
}

impl Pemuat {
    async fn hasil(&mut self) -> Result<HasilMuatPemilih> {
        match self.done.take() {
            Some(d) => d
                .await
                .map_err(|_| StoreError::Backend("pemuat pemilih berhenti".into()))?,
            None => Err(StoreError::Backend("pemuat pemilih sudah selesai".into())),
        }
    }
}

#[async_trait]
impl MuatPemilih for Pemuat {
    async fn tambah(&mut self, batch: Vec<Pemilih>) -> Result<()> {
        let tx = self
            .tx
            .as_ref()
            .ok_or_else(|| StoreError::Backend("pemuat pemilih sudah selesai".into()))?;
        if tx.send(Pesan::Batch(batch)).await.is_err() {
            // The writer stopped: its error says why.
            self.tx = None;
            return Err(self
                .hasil()
                .await
                .err()
                .unwrap_or_else(|| StoreError::Backend("pemuat pemilih berhenti".into())));
        }
        Ok(())
    }

    async fn selesai(mut self: Box<Self>, jejak: &Jejak) -> Result<HasilMuatPemilih> {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(Pesan::Selesai(jejak.clone())).await;
        }
        self.hasil().await
    }
}

fn muat(conn: &mut Connection, mut rx: mpsc::Receiver<Pesan>) -> Result<HasilMuatPemilih> {
    conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA threads = 2; PRAGMA temp_store = FILE;")
        .map_err(backend_err)?;
    let tx = conn.transaction().map_err(backend_err)?;
    let kosong: bool = tx
        .query_row("SELECT NOT EXISTS (SELECT 1 FROM pemilih)", [], |r| {
            r.get(0)
        })
        .map_err(backend_err)?;
    if kosong {
        tx.execute_batch("DROP INDEX IF EXISTS pemilih_cari;")
            .map_err(backend_err)?;
    }
    let mut hasil = HasilMuatPemilih::default();
    let mut seen: HashSet<KodeTps> = HashSet::new();
    let jejak = {
        let mut del = tx
            .prepare("DELETE FROM pemilih WHERE kode_desa = ?1 AND nomor_tps = ?2")
            .map_err(backend_err)?;
        let mut satu = tx.prepare(&insert_sql(1)).map_err(backend_err)?;
        let mut banyak = tx
            .prepare(&insert_sql(PER_PERNYATAAN))
            .map_err(backend_err)?;
        let mut desa = DesaTeks::default();
        let mut last_tps: Option<KodeTps> = None;
        loop {
            match rx.blocking_recv() {
                // The loader was dropped: roll back.
                None => return Err(StoreError::Backend("impor pemilih dibatalkan".into())),
                Some(Pesan::Selesai(j)) => break j,
                Some(Pesan::Batch(rows)) => {
                    let mut i = 0;
                    while i < rows.len() {
                        let chunk = &rows[i..rows.len().min(i + PER_PERNYATAAN)];
                        // A TPS stored before must be emptied before its
                        // first row goes in, which the one-row path does.
                        let hapus_dulu = !kosong && chunk.iter().any(|p| !seen.contains(&p.tps));
                        if chunk.len() == PER_PERNYATAAN && !hapus_dulu {
                            let mut bind = || -> rusqlite::Result<usize> {
                                for (n, p) in chunk.iter().enumerate() {
                                    if last_tps != Some(p.tps) {
                                        last_tps = Some(p.tps);
                                        seen.insert(p.tps);
                                    }
                                    bind_row(&mut banyak, n * KOLOM, p, desa.of(p))?;
                                }
                                banyak.raw_execute()
                            };
                            bind().map_err(|e| {
                                insert_err(
                                    e,
                                    &format!("{}..{}", chunk[0].tps, chunk[chunk.len() - 1].tps),
                                    chunk[0].urut,
                                )
                            })?;
                            i += chunk.len();
                            continue;
                        }
                        let p = &rows[i];
                        if last_tps != Some(p.tps) {
                            last_tps = Some(p.tps);
                            if seen.insert(p.tps) && !kosong {
                                hasil.diganti += del
                                    .execute(params![desa.of(p), p.tps.nomor().get()])
                                    .map_err(backend_err)?
                                    as u64;
                            }
                        }
                        bind_row(&mut satu, 0, p, desa.of(p))
                            .and_then(|()| satu.raw_execute())
                            .map_err(|e| insert_err(e, &p.tps.to_string(), p.urut))?;
                        i += 1;
                    }
                    hasil.baris += rows.len() as u64;
                }
            }
        }
    };
    tx.execute_batch(INDEXES).map_err(|e| match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Conflict(format!("nomor urut pemilih ganda dalam satu TPS: {e}"))
        }
        _ => backend_err(e),
    })?;
    hasil.tps = seen.len() as u64;
    append_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    Ok(hasil)
}

/// Rows per multi-row INSERT: one statement step per this many rows
/// instead of one per row.
const PER_PERNYATAAN: usize = 32;
const KOLOM: usize = 11;

fn insert_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO pemilih (kode_desa, nomor_tps, urut, nama, jenis_kelamin,
           tanggal_lahir, usia, alamat, rt, rw, nik_tersamar) VALUES ",
    );
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..KOLOM {
            if c > 0 {
                sql.push(',');
            }
            sql.push_str(&format!("?{}", r * KOLOM + c + 1));
        }
        sql.push(')');
    }
    sql
}

/// The desa code as text, formatted once per desa rather than per row.
#[derive(Default)]
struct DesaTeks {
    kode: Option<KodeWilayah>,
    teks: String,
}

impl DesaTeks {
    fn of(&mut self, p: &Pemilih) -> &str {
        let d = p.tps.desa();
        if self.kode != Some(d) {
            self.teks = d.to_string();
            self.kode = Some(d);
        }
        &self.teks
    }
}

/// Binds one voter's columns after parameter `base` (by index on the
/// cached statement: no parameter slice, no name lookups). Text is copied
/// by SQLite at bind time, so `desa` may change before the next row.
fn bind_row(
    stmt: &mut rusqlite::Statement<'_>,
    base: usize,
    p: &Pemilih,
    desa: &str,
) -> rusqlite::Result<()> {
    let mut tanggal = [0u8; 10];
    stmt.raw_bind_parameter(base + 1, desa)?;
    stmt.raw_bind_parameter(base + 2, p.tps.nomor().get())?;
    stmt.raw_bind_parameter(base + 3, p.urut)?;
    stmt.raw_bind_parameter(base + 4, p.nama.as_str())?;
    stmt.raw_bind_parameter(base + 5, jk(p.jenis_kelamin))?;
    stmt.raw_bind_parameter(base + 6, p.tanggal_lahir.map(|d| iso(d, &mut tanggal)))?;
    stmt.raw_bind_parameter(base + 7, p.usia)?;
    stmt.raw_bind_parameter(base + 8, p.alamat.as_deref())?;
    stmt.raw_bind_parameter(base + 9, p.rt)?;
    stmt.raw_bind_parameter(base + 10, p.rw)?;
    stmt.raw_bind_parameter(base + 11, p.nik_tersamar.as_ref().map(NikTersamar::as_str))
}

fn insert_err(e: rusqlite::Error, tps: &str, urut: u32) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Conflict(format!("pemilih {tps} nomor urut {urut} ganda: {e}"))
        }
        _ => StoreError::Backend(format!("pemilih {tps} no {urut}: {e}")),
    }
}

fn jk(j: JenisKelamin) -> &'static str {
    match j {
        JenisKelamin::Laki => "L",
        JenisKelamin::Perempuan => "P",
    }
}

/// `YYYY-MM-DD` without going through a formatter.
fn iso(d: Date, buf: &mut [u8; 10]) -> &str {
    let y = d.year().clamp(0, 9999) as u32;
    let (m, dd) = (d.month() as u32, u32::from(d.day()));
    let digits = [
        y / 1000,
        y / 100 % 10,
        y / 10 % 10,
        y % 10,
        10,
        m / 10,
        m % 10,
        10,
        dd / 10,
        dd % 10,
    ];
    for (b, v) in buf.iter_mut().zip(digits) {
        *b = if v == 10 { b'-' } else { b'0' + v as u8 };
    }
    std::str::from_utf8(buf).expect("ascii")
}

pub(crate) fn per_tps(c: &Connection, w: &str) -> Result<Vec<(String, u16, u32)>> {
    let mut stmt = c
        .prepare_cached(
            "SELECT kode_desa, nomor_tps, COUNT(*) FROM pemilih
             WHERE kode_desa >= ?1 AND kode_desa < ?1 || '/'
             GROUP BY kode_desa, nomor_tps ORDER BY kode_desa, nomor_tps",
        )
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![w], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(backend_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)
}

const KOLOM_PEMILIH: &str = "SELECT kode_desa, nomor_tps, urut, nama, jenis_kelamin, tanggal_lahir,
    usia, alamat, rt, rw, nik_tersamar FROM pemilih";

pub(crate) fn cari(c: &Connection, nama: &str, lahir: Date, desa: &str) -> Result<Vec<Pemilih>> {
    let mut buf = [0u8; 10];
    baca(
        c,
        &format!(
            "{KOLOM_PEMILIH} WHERE nama = ?1 AND tanggal_lahir = ?2 AND kode_desa = ?3
             ORDER BY nomor_tps, urut"
        ),
        params![posko_domain::nama_kunci(nama), iso(lahir, &mut buf), desa],
    )
}

/// The voters of one TPS in DPT order.
pub(crate) fn di_tps(c: &Connection, desa: &str, nomor: u16) -> Result<Vec<Pemilih>> {
    baca(
        c,
        &format!("{KOLOM_PEMILIH} WHERE kode_desa = ?1 AND nomor_tps = ?2 ORDER BY urut"),
        params![desa, nomor],
    )
}

fn baca(c: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<Pemilih>> {
    let mut stmt = c.prepare_cached(sql).map_err(backend_err)?;
    let rows = stmt
        .query_map(p, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u16>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<u8>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<u16>>(8)?,
                r.get::<_, Option<u16>>(9)?,
                r.get::<_, Option<String>>(10)?,
            ))
        })
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (desa, nomor, urut, nama, jk, lahir, usia, alamat, rt, rw, nik) =
            row.map_err(backend_err)?;
        out.push(posko_storage::pemilih_dari_kolom(
            &desa,
            nomor,
            urut,
            nama,
            &jk,
            lahir.as_deref(),
            usia,
            alamat,
            rt,
            rw,
            nik,
        )?);
    }
    Ok(out)
}
