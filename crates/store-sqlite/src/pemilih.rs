//! The voter list on SQLite: one row per TPS holding its voters packed in
//! DPT order (`kemas.rs`). A load is one write transaction on a thread of
//! its own, fed batches through a small channel, so reading the file and
//! writing run on two cores and memory holds a few batches and one TPS.
//! Rows of a TPS arrive together in real files; runs of a TPS met again
//! later in the same load are parked in a temporary table and merged into
//! it once at the end.
//! For the load only `synchronous` is OFF: a crash mid-load loses only the
//! uncommitted load; the setting is back before the checkpoint after the
//! commit, and the load is reported done once the writer has synced it.

use posko_storage::kemas;

use crate::SqliteStore;
use std::collections::HashSet;

use async_trait::async_trait;
use posko_domain::{Jejak, KodeTps, KodeWilayah, NomorTps, Pemilih};
use posko_storage::Konflik;
use posko_storage::{HasilMuatPemilih, MuatPemilih, Result, StoreError};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use time::Date;
use tokio::sync::{mpsc, oneshot};

use crate::audit::catat_audit;
use crate::backend_err;
use posko_storage::PemilihStore;

enum Pesan {
    Batch(Vec<Pemilih>),
    Selesai(Jejak),
}

pub(crate) struct Pemuat {
    tx: Option<mpsc::Sender<Pesan>>,
    done: Option<oneshot::Receiver<Result<HasilMuatPemilih>>>,
}

/// Queues the load on the writer: it runs there as one job, other writes
/// waiting behind it until it commits or is dropped.
pub(crate) fn mulai(penulis: &crate::penulis::Penulis, sinkron: &'static str) -> Result<Pemuat> {
    let (tx, rx) = mpsc::channel(4);
    let (done_tx, done) = oneshot::channel();
    penulis.kirim(move |conn| {
        // A panic mid-load must still put the settings back (the writer
        // lives on for every other write) and reach the loader as an error.
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            muat(&mut *conn, rx, sinkron)
        }))
        .unwrap_or_else(|_| {
            Err(StoreError::Backend(
                "impor pemilih terhenti oleh galat".into(),
            ))
        });
        // Back to the settings every other write relies on (`muat` did it
        // already when it got as far as its commit).
        let restore = conn
            .execute_batch(&format!(
                "PRAGMA synchronous = {sinkron}; PRAGMA temp_store = MEMORY;"
            ))
            .map_err(backend_err);
        let r = r.and_then(|h| restore.map(|_| h));
        // Reported once the writer has made the load durable.
        Box::new(move |tahan: Result<()>| {
            let _ = done_tx.send(tahan.and(r));
        })
    })?;
    Ok(Pemuat {
        tx: Some(tx),
        done: Some(done),
    })
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

fn muat(
    conn: &mut Connection,
    mut rx: mpsc::Receiver<Pesan>,
    sinkron: &str,
) -> Result<HasilMuatPemilih> {
    // Parked runs of interleaved TPS may be many: on disk, not in memory.
    conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;")
        .map_err(backend_err)?;
    let tx = conn.transaction().map_err(backend_err)?;
    let kosong: bool = tx
        .query_row("SELECT NOT EXISTS (SELECT 1 FROM pemilih_tps)", [], |r| {
            r.get(0)
        })
        .map_err(backend_err)?;
    let mut tulis = Penulis::baru(&tx, kosong);
    let mut tps: Vec<Pemilih> = Vec::new();
    let jejak = loop {
        match rx.blocking_recv() {
            // The loader was dropped: roll back.
            None => return Err(StoreError::Backend("impor pemilih dibatalkan".into())),
            Some(Pesan::Selesai(j)) => break j,
            Some(Pesan::Batch(rows)) => {
                tulis.hasil.baris += rows.len() as u64;
                for p in rows {
                    if tps.first().is_some_and(|t| t.tps != p.tps) {
                        tulis.simpan(&mut tps)?;
                    }
                    tps.push(p);
                }
            }
        }
    };
    if !tps.is_empty() {
        tulis.simpan(&mut tps)?;
    }
    tulis.selesaikan()?;
    let mut hasil = tulis.hasil;
    hasil.tps = tulis.seen.len() as u64;
    drop(tulis);
    catat_audit(&tx, jejak)?;
    tx.commit().map_err(backend_err)?;
    // The checkpoint below must sync the file before it empties the log:
    // with `synchronous = OFF` a power cut would lose the load (and the
    // file's pages with it).
    conn.execute_batch(&format!("PRAGMA synchronous = {sinkron};"))
        .map_err(backend_err)?;
    // The load went through the WAL, which keeps its size after the
    // checkpoint: give the disk back (about 1 GB at 35 M voters). A reader
    // still on the old snapshot would make this wait for it while holding
    // the writer, so it does not wait: the WAL then stays as it is.
    let _ = conn.busy_timeout(std::time::Duration::ZERO);
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    let _ = conn.busy_timeout(crate::pool::BATAS_SIBUK);
    Ok(hasil)
}

/// Writes one TPS's voters at a time inside the load's transaction.
struct Penulis<'t> {
    tx: &'t Transaction<'t>,
    /// Nothing was stored before this load, so no TPS is being replaced.
    kosong: bool,
    desa: DesaTeks,
    kemasan: kemas::Pengemas,
    /// TPS this load has written.
    seen: HashSet<KodeTps>,
    /// Runs of TPS met again wait in `temp.pemilih_susulan`.
    susulan: bool,
    hasil: HasilMuatPemilih,
}

impl Penulis<'_> {
    fn baru<'t>(tx: &'t Transaction<'t>, kosong: bool) -> Penulis<'t> {
        Penulis {
            tx,
            kosong,
            desa: DesaTeks::default(),
            kemasan: kemas::Pengemas::default(),
            seen: HashSet::new(),
            susulan: false,
            hasil: HasilMuatPemilih::default(),
        }
    }

    /// Stores `rows` (one run of a TPS's voters) and empties it.
    fn simpan(&mut self, rows: &mut Vec<Pemilih>) -> Result<()> {
        let tps = rows[0].tps;
        let nomor = tps.nomor().get();
        let desa = self.desa.of(tps.desa()).to_owned();
        if self.seen.contains(&tps) {
            // Met again: park the run and merge once at the end, so a
            // file whose TPS interleave costs a sort, not a rewrite of
            // the TPS per run.
            if !self.susulan {
                self.tx
                    .execute_batch(
                        "CREATE TEMP TABLE pemilih_susulan (
                            kode_desa TEXT NOT NULL, nomor_tps INTEGER NOT NULL, data BLOB NOT NULL)",
                    )
                    .map_err(backend_err)?;
                self.susulan = true;
            }
            let data = self.kemasan.kemas(rows);
            self.tx
                .prepare_cached(
                    "INSERT INTO temp.pemilih_susulan (kode_desa, nomor_tps, data) VALUES (?1, ?2, ?3)",
                )
                .and_then(|mut s| s.execute(params![desa, nomor, data]))
                .map_err(backend_err)?;
            rows.clear();
            return Ok(());
        }
        if !self.kosong {
            let lama: Option<u32> = self
                .tx
                .prepare_cached(
                    "SELECT jumlah FROM pemilih_tps WHERE kode_desa = ?1 AND nomor_tps = ?2",
                )
                .and_then(|mut s| s.query_row(params![desa, nomor], |r| r.get(0)).optional())
                .map_err(backend_err)?;
            self.hasil.diganti += u64::from(lama.unwrap_or(0));
        }
        self.seen.insert(tps);
        self.tulis(&desa, tps, rows)
    }

    /// Sorts, checks and writes all of a TPS's voters, replacing its row.
    fn tulis(&mut self, desa: &str, tps: KodeTps, rows: &mut Vec<Pemilih>) -> Result<()> {
        if !rows.is_sorted_by_key(|p| p.urut) {
            rows.sort_by_key(|p| p.urut);
        }
        if let Some(w) = rows.windows(2).find(|w| w[0].urut == w[1].urut) {
            return Err(StoreError::Conflict(Konflik::NomorPemilihGanda {
                tps: tps.to_string(),
                urut: w[0].urut,
            }));
        }
        let data = self.kemasan.kemas(rows);
        self.tx
            .prepare_cached(
                "INSERT INTO pemilih_tps (kode_desa, nomor_tps, jumlah, data) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (kode_desa, nomor_tps)
                 DO UPDATE SET jumlah = excluded.jumlah, data = excluded.data",
            )
            .and_then(|mut s| s.execute(params![desa, tps.nomor().get(), rows.len() as u32, data]))
            .map_err(|e| StoreError::Backend(format!("pemilih {tps}: {e}")))?;
        rows.clear();
        Ok(())
    }

    /// Merges the parked runs into their TPS, each TPS once.
    fn selesaikan(&mut self) -> Result<()> {
        if !self.susulan {
            return Ok(());
        }
        let tx = self.tx;
        {
            let mut stmt = tx
                .prepare(
                    "SELECT kode_desa, nomor_tps, data FROM temp.pemilih_susulan
                     ORDER BY kode_desa, nomor_tps, rowid",
                )
                .map_err(backend_err)?;
            let mut parked = stmt.query([]).map_err(backend_err)?;
            let mut rows: Vec<Pemilih> = Vec::new();
            while let Some(r) = parked.next().map_err(backend_err)? {
                let desa: String = r.get(0).map_err(backend_err)?;
                let tps = kode_tps(&desa, r.get(1).map_err(backend_err)?)?;
                if rows.first().is_some_and(|p| p.tps != tps) {
                    self.gabung(&mut rows)?;
                }
                let data = r.get_ref(2).map_err(backend_err)?;
                let data = data.as_blob().map_err(|e| rusak(&tps, e.to_string()))?;
                rows.extend(kemas::buka(tps, data).map_err(|e| rusak(&tps, e))?);
            }
            if !rows.is_empty() {
                self.gabung(&mut rows)?;
            }
        }
        tx.execute_batch("DROP TABLE temp.pemilih_susulan;")
            .map_err(backend_err)?;
        self.susulan = false;
        Ok(())
    }

    /// `rows` (parked runs of one TPS) added to what this load wrote for it.
    fn gabung(&mut self, rows: &mut Vec<Pemilih>) -> Result<()> {
        let tps = rows[0].tps;
        let desa = self.desa.of(tps.desa()).to_owned();
        let data: Vec<u8> = self
            .tx
            .prepare_cached("SELECT data FROM pemilih_tps WHERE kode_desa = ?1 AND nomor_tps = ?2")
            .and_then(|mut s| s.query_row(params![desa, tps.nomor().get()], |r| r.get(0)))
            .map_err(backend_err)?;
        let mut semua = kemas::buka(tps, &data).map_err(|e| rusak(&tps, e))?;
        semua.append(rows);
        self.tulis(&desa, tps, &mut semua)
    }
}

fn rusak(tps: &KodeTps, e: String) -> StoreError {
    StoreError::Corrupt(format!("daftar pemilih TPS {tps}: {e}"))
}

/// The desa code as text, formatted once per desa rather than per TPS.
#[derive(Default)]
struct DesaTeks {
    kode: Option<KodeWilayah>,
    teks: String,
}

impl DesaTeks {
    fn of(&mut self, d: KodeWilayah) -> &str {
        if self.kode != Some(d) {
            self.teks = d.to_string();
            self.kode = Some(d);
        }
        &self.teks
    }
}

fn kode_tps(desa: &str, nomor: u16) -> Result<KodeTps> {
    let salah = |e: String| StoreError::Corrupt(format!("TPS {desa}/{nomor}: {e}"));
    let d = KodeWilayah::parse(desa).map_err(|e| salah(e.to_string()))?;
    let n = NomorTps::new(nomor).map_err(|e| salah(e.to_string()))?;
    KodeTps::new(d, n).map_err(|e| salah(e.to_string()))
}

pub(crate) fn per_tps(c: &Connection, w: &str) -> Result<Vec<(String, u16, u32)>> {
    let mut stmt = c
        .prepare_cached(
            "SELECT kode_desa, nomor_tps, jumlah FROM pemilih_tps
             WHERE kode_desa >= ?1 AND kode_desa < ?1 || '/'
             ORDER BY kode_desa, nomor_tps",
        )
        .map_err(backend_err)?;
    let rows = stmt
        .query_map(params![w], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(backend_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(backend_err)
}

/// Voters of a desa by name and birth date: the desa's TPS are read and
/// searched in their packed form (a desa holds a few thousand voters).
pub(crate) fn cari(c: &Connection, nama: &str, lahir: Date, desa: &str) -> Result<Vec<Pemilih>> {
    let kunci = posko_domain::nama_kunci(nama);
    let mut stmt = c
        .prepare_cached(
            "SELECT nomor_tps, data FROM pemilih_tps WHERE kode_desa = ?1 ORDER BY nomor_tps",
        )
        .map_err(backend_err)?;
    let mut rows = stmt.query(params![desa]).map_err(backend_err)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(backend_err)? {
        let tps = kode_tps(desa, r.get(0).map_err(backend_err)?)?;
        let data = r.get_ref(1).map_err(backend_err)?;
        let data = data.as_blob().map_err(|e| rusak(&tps, e.to_string()))?;
        out.extend(kemas::cari(tps, data, &kunci, lahir).map_err(|e| rusak(&tps, e))?);
    }
    Ok(out)
}

/// The voters of one TPS in DPT order.
pub(crate) fn di_tps(c: &Connection, desa: &str, nomor: u16) -> Result<Vec<Pemilih>> {
    let tps = kode_tps(desa, nomor)?;
    let data: Option<Vec<u8>> = c
        .prepare_cached("SELECT data FROM pemilih_tps WHERE kode_desa = ?1 AND nomor_tps = ?2")
        .and_then(|mut s| s.query_row(params![desa, nomor], |r| r.get(0)).optional())
        .map_err(backend_err)?;
    match data {
        Some(d) => kemas::buka(tps, &d).map_err(|e| rusak(&tps, e)),
        None => Ok(Vec::new()),
    }
}

/// Moves voters from the row-per-voter table of migration 16 into packed
/// TPS rows and drops it; part of migration 22's transaction.
pub(crate) fn pindahkan_tabel_lama(tx: &Transaction<'_>) -> Result<()> {
    let ada: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pemilih')",
            [],
            |r| r.get(0),
        )
        .map_err(backend_err)?;
    if !ada {
        return Ok(());
    }
    let mut tulis = Penulis::baru(tx, false);
    {
        let mut stmt = tx
            .prepare(
                "SELECT kode_desa, nomor_tps, urut, nama, jenis_kelamin, tanggal_lahir,
                        usia, alamat, rt, rw, nik_tersamar
                 FROM pemilih ORDER BY kode_desa, nomor_tps, urut",
            )
            .map_err(backend_err)?;
        let mut rows = stmt.query([]).map_err(backend_err)?;
        let mut tps: Vec<Pemilih> = Vec::new();
        while let Some(r) = rows.next().map_err(backend_err)? {
            let desa: String = r.get(0).map_err(backend_err)?;
            let p = posko_storage::pemilih_dari_kolom(
                &desa,
                r.get(1).map_err(backend_err)?,
                r.get(2).map_err(backend_err)?,
                r.get(3).map_err(backend_err)?,
                &r.get::<_, String>(4).map_err(backend_err)?,
                r.get::<_, Option<String>>(5)
                    .map_err(backend_err)?
                    .as_deref(),
                r.get(6).map_err(backend_err)?,
                r.get(7).map_err(backend_err)?,
                r.get(8).map_err(backend_err)?,
                r.get(9).map_err(backend_err)?,
                r.get(10).map_err(backend_err)?,
            )?;
            if tps.first().is_some_and(|t| t.tps != p.tps) {
                tulis.simpan(&mut tps)?;
            }
            tps.push(p);
        }
        if !tps.is_empty() {
            tulis.simpan(&mut tps)?;
        }
    }
    tulis.selesaikan()?;
    tx.execute_batch("DROP TABLE pemilih;").map_err(backend_err)
}

#[async_trait]
impl PemilihStore for SqliteStore {
    // --- pemilih (DPT) -------------------------------------------------------

    #[tracing::instrument(level = "debug", skip_all)]
    async fn muat_pemilih(&self) -> Result<Box<dyn posko_storage::MuatPemilih>> {
        Ok(Box::new(mulai(
            &self.inner.penulis,
            self.inner.ketahanan.pragma(),
        )?))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_pemilih_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>> {
        let w = wilayah.to_string();
        let rows = self.read(move |c| per_tps(c, &w)).await?;
        rows.into_iter()
            .map(|(d, n, jumlah)| {
                let desa = KodeWilayah::parse(&d)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih desa '{d}': {e}")))?;
                let nomor = posko_domain::NomorTps::new(n)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih TPS {n}: {e}")))?;
                let k = KodeTps::new(desa, nomor)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih TPS: {e}")))?;
                Ok((k, jumlah))
            })
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn cari_pemilih(
        &self,
        nama: &str,
        tanggal_lahir: time::Date,
        desa: KodeWilayah,
    ) -> Result<Vec<posko_domain::Pemilih>> {
        let (nama, desa) = (nama.to_string(), desa.to_string());
        self.read(move |c| cari(c, &nama, tanggal_lahir, &desa))
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pemilih_tps(&self, tps: KodeTps) -> Result<Vec<posko_domain::Pemilih>> {
        let desa = tps.desa().to_string();
        self.read(move |c| di_tps(c, &desa, tps.nomor().get()))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database left at migration 21 with voters in the old table keeps
    /// every voter, field for field, after the upgrade.
    #[test]
    fn migration_22_moves_old_rows_into_tps_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE posko_migrasi (
                versi INTEGER PRIMARY KEY, nama TEXT NOT NULL, diterapkan TEXT NOT NULL)",
        )
        .unwrap();
        for m in crate::MIGRATIONS.iter().filter(|m| m.version <= 21) {
            conn.execute_batch(m.sql).unwrap();
            conn.execute(
                "INSERT INTO posko_migrasi VALUES (?1, ?2, 'kemarin')",
                params![m.version, m.name],
            )
            .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO pemilih VALUES
               ('32.73.01.1001', 1, 2, 'SITI AMINAH', 'P', '1990-08-25', NULL, 'JL. MERDEKA 1', 1, 2, '327301**********'),
               ('32.73.01.1001', 1, 1, 'AHMAD', 'L', NULL, 47, NULL, NULL, NULL, NULL),
               ('32.73.01.1001', 2, 1, 'BUDI', 'L', '1980-01-02', NULL, NULL, 3, 4, NULL);",
        )
        .unwrap();
        crate::migrate(&mut conn).unwrap();
        let satu = di_tps(&conn, "32.73.01.1001", 1).unwrap();
        assert_eq!(
            satu.iter()
                .map(|p| (p.urut, p.nama.as_str()))
                .collect::<Vec<_>>(),
            vec![(1, "AHMAD"), (2, "SITI AMINAH")]
        );
        assert_eq!(satu[0].usia, Some(47));
        assert_eq!(
            satu[1].tanggal_lahir,
            Some(time::macros::date!(1990 - 08 - 25))
        );
        assert_eq!(satu[1].alamat.as_deref(), Some("JL. MERDEKA 1"));
        assert_eq!(
            satu[1].nik_tersamar.as_ref().unwrap().as_str(),
            "327301**********"
        );
        assert_eq!(
            per_tps(&conn, "32.73").unwrap(),
            vec![
                ("32.73.01.1001".to_string(), 1, 2),
                ("32.73.01.1001".to_string(), 2, 1)
            ]
        );
        let found = cari(
            &conn,
            "budi",
            time::macros::date!(1980 - 01 - 02),
            "32.73.01.1001",
        );
        assert_eq!(found.unwrap()[0].rw, Some(4));
        let tabel_lama: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'pemilih'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tabel_lama, 0);
    }
}
