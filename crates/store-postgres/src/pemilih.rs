//! The voter list on PostgreSQL: one row per TPS holding its voters packed
//! in DPT order (`posko_storage::kemas`), as on SQLite. A load runs in a
//! task that owns one connection and one transaction: as each batch
//! arrives, the TPS it completes lose their earlier row and their packed
//! voters are COPYed in (binary). Runs of a TPS met again later in the same
//! load are parked in a temporary table and merged into it once at the
//! end. Dropping the loader drops the transaction, which rolls back.

use crate::PostgresStore;
use async_trait::async_trait;
use deadpool_postgres::{Object, Transaction};
use posko_domain::{Jejak, Pemilih};
use posko_storage::{HasilMuatPemilih, MuatPemilih, Result, StoreError};
use tokio::sync::{mpsc, oneshot};

use crate::{audit::catat_audit, backend_err};
use posko_domain::{KodeTps, KodeWilayah};
use posko_storage::Konflik;
use posko_storage::PemilihStore;
use posko_storage::kemas;
use std::collections::HashSet;
use tokio_postgres::binary_copy::BinaryCopyInWriter;
use tokio_postgres::types::Type;

enum Pesan {
    Batch(Vec<Pemilih>),
    Selesai(Jejak),
}

pub(crate) struct Pemuat {
    tx: Option<mpsc::Sender<Pesan>>,
    done: Option<oneshot::Receiver<Result<HasilMuatPemilih>>>,
}

pub(crate) fn mulai(client: Object) -> Pemuat {
    let (tx, rx) = mpsc::channel(4);
    let (done_tx, done) = oneshot::channel();
    tokio::spawn(async move {
        let mut client = client;
        let r = muat(&mut client, rx).await;
        let _ = done_tx.send(r);
    });
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

async fn muat(client: &mut Object, mut rx: mpsc::Receiver<Pesan>) -> Result<HasilMuatPemilih> {
    let tx = client.transaction().await.map_err(backend_err)?;
    let mut tulis = Penulis::default();
    let mut run: Vec<Pemilih> = Vec::new();
    let jejak = loop {
        match rx.recv().await {
            None => return Err(StoreError::Backend("impor pemilih dibatalkan".into())),
            Some(Pesan::Selesai(j)) => break j,
            Some(Pesan::Batch(rows)) => {
                tulis.hasil.baris += rows.len() as u64;
                for p in rows {
                    if run.first().is_some_and(|t| t.tps != p.tps) {
                        tulis.simpan(&mut run)?;
                    }
                    run.push(p);
                }
                tulis.kirim(&tx).await?;
            }
        }
    };
    if !run.is_empty() {
        tulis.simpan(&mut run)?;
    }
    tulis.kirim(&tx).await?;
    tulis.selesaikan(&tx).await?;
    let mut hasil = tulis.hasil;
    hasil.tps = tulis.seen.len() as u64;
    catat_audit(&tx, &jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(hasil)
}

/// One TPS's voters, packed, on its way to `pemilih_tps`.
struct Kemasan {
    tps: KodeTps,
    jumlah: i32,
    data: Vec<u8>,
}

/// Collects the TPS a load completes and writes them a batch at a time.
#[derive(Default)]
struct Penulis {
    kemasan: kemas::Pengemas,
    /// TPS this load has written (or will, with the next [`Penulis::kirim`]).
    seen: HashSet<KodeTps>,
    /// First runs of TPS, to replace their rows.
    baru: Vec<Kemasan>,
    /// Later runs of TPS already met, for `pemilih_susulan`.
    susulan: Vec<Kemasan>,
    /// Whether `pemilih_susulan` exists in this transaction.
    ada_susulan: bool,
    hasil: HasilMuatPemilih,
}

impl Penulis {
    /// Packs `rows` (one run of a TPS's voters) for the next write and
    /// empties it.
    fn simpan(&mut self, rows: &mut Vec<Pemilih>) -> Result<()> {
        let tps = rows[0].tps;
        urutkan(tps, rows)?;
        let k = Kemasan {
            tps,
            jumlah: rows.len() as i32,
            data: self.kemasan.kemas(rows).to_vec(),
        };
        if self.seen.insert(tps) {
            self.baru.push(k);
        } else {
            // Met again: merged once at the end, so a file whose TPS
            // interleave costs a sort, not a rewrite of the TPS per run.
            self.susulan.push(k);
        }
        rows.clear();
        Ok(())
    }

    /// Writes what [`Penulis::simpan`] collected: the new TPS replace their
    /// rows, later runs are parked.
    async fn kirim(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if !self.baru.is_empty() {
            let baru = std::mem::take(&mut self.baru);
            let desa: Vec<String> = baru.iter().map(|k| k.tps.desa().to_string()).collect();
            let nomor: Vec<i16> = baru.iter().map(|k| k.tps.nomor().get() as i16).collect();
            let diganti: i64 = tx
                .query_one(
                    "WITH lama AS (
                        DELETE FROM pemilih_tps p
                         USING unnest($1::TEXT[], $2::SMALLINT[]) AS u(kode_desa, nomor_tps)
                         WHERE p.kode_desa = u.kode_desa AND p.nomor_tps = u.nomor_tps
                        RETURNING p.jumlah)
                     SELECT COALESCE(SUM(jumlah), 0)::BIGINT FROM lama",
                    &[&desa, &nomor],
                )
                .await
                .map_err(backend_err)?
                .get(0);
            self.hasil.diganti += diganti as u64;
            salin(
                tx,
                "COPY pemilih_tps (kode_desa, nomor_tps, jumlah, data) FROM STDIN BINARY",
                &baru,
            )
            .await?;
        }
        if !self.susulan.is_empty() {
            if !self.ada_susulan {
                tx.batch_execute(
                    "CREATE TEMP TABLE pemilih_susulan (
                        kode_desa TEXT COLLATE \"C\" NOT NULL, nomor_tps SMALLINT NOT NULL,
                        jumlah INTEGER NOT NULL, data BYTEA NOT NULL,
                        urutan BIGSERIAL PRIMARY KEY) ON COMMIT DROP",
                )
                .await
                .map_err(backend_err)?;
                self.ada_susulan = true;
            }
            let susulan = std::mem::take(&mut self.susulan);
            salin(
                tx,
                "COPY pemilih_susulan (kode_desa, nomor_tps, jumlah, data) FROM STDIN BINARY",
                &susulan,
            )
            .await?;
        }
        Ok(())
    }

    /// Merges the parked runs into their TPS, each TPS once.
    async fn selesaikan(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if !self.ada_susulan {
            return Ok(());
        }
        let parked = tx
            .query(
                "SELECT s.kode_desa, s.nomor_tps, s.data, p.data
                   FROM pemilih_susulan s
                   JOIN pemilih_tps p ON p.kode_desa = s.kode_desa AND p.nomor_tps = s.nomor_tps
                  ORDER BY s.kode_desa, s.nomor_tps, s.urutan",
                &[],
            )
            .await
            .map_err(backend_err)?;
        let mut semua: Vec<Pemilih> = Vec::new();
        let mut gabungan: Vec<Kemasan> = Vec::new();
        for r in &parked {
            let tps = kode_tps(r.get(0), r.get(1))?;
            if semua.first().is_some_and(|p| p.tps != tps) {
                gabungan.push(self.gabung(&mut semua)?);
            }
            if semua.is_empty() {
                // What this load wrote for the TPS first, then its runs.
                semua.extend(kemas::buka(tps, r.get(3)).map_err(|e| rusak(&tps, e))?);
            }
            semua.extend(kemas::buka(tps, r.get(2)).map_err(|e| rusak(&tps, e))?);
        }
        if !semua.is_empty() {
            gabungan.push(self.gabung(&mut semua)?);
        }
        let ubah = tx
            .prepare(
                "UPDATE pemilih_tps SET jumlah = $3, data = $4
                  WHERE kode_desa = $1 AND nomor_tps = $2",
            )
            .await
            .map_err(backend_err)?;
        for k in &gabungan {
            tx.execute(
                &ubah,
                &[
                    &k.tps.desa().to_string(),
                    &(k.tps.nomor().get() as i16),
                    &k.jumlah,
                    &k.data,
                ],
            )
            .await
            .map_err(backend_err)?;
        }
        tx.batch_execute("DROP TABLE pemilih_susulan")
            .await
            .map_err(backend_err)?;
        self.ada_susulan = false;
        Ok(())
    }

    /// All of one TPS's voters (its first run and the parked ones), sorted,
    /// checked and packed.
    fn gabung(&mut self, rows: &mut Vec<Pemilih>) -> Result<Kemasan> {
        let tps = rows[0].tps;
        urutkan(tps, rows)?;
        let k = Kemasan {
            tps,
            jumlah: rows.len() as i32,
            data: self.kemasan.kemas(rows).to_vec(),
        };
        rows.clear();
        Ok(k)
    }
}

/// Sorts a TPS's voters by their number on the DPT, refusing a number
/// given twice.
fn urutkan(tps: KodeTps, rows: &mut [Pemilih]) -> Result<()> {
    if !rows.is_sorted_by_key(|p| p.urut) {
        rows.sort_by_key(|p| p.urut);
    }
    if let Some(w) = rows.windows(2).find(|w| w[0].urut == w[1].urut) {
        return Err(StoreError::Conflict(Konflik::NomorPemilihGanda {
            tps: tps.to_string(),
            urut: w[0].urut,
        }));
    }
    Ok(())
}

/// Packed TPS through `sql`, a binary `COPY … (kode_desa, nomor_tps,
/// jumlah, data) FROM STDIN BINARY`.
async fn salin(tx: &Transaction<'_>, sql: &str, rows: &[Kemasan]) -> Result<()> {
    let sink = tx.copy_in(sql).await.map_err(backend_err)?;
    let w = BinaryCopyInWriter::new(sink, &[Type::TEXT, Type::INT2, Type::INT4, Type::BYTEA]);
    futures::pin_mut!(w);
    for k in rows {
        w.as_mut()
            .write(&[
                &k.tps.desa().to_string(),
                &(k.tps.nomor().get() as i16),
                &k.jumlah,
                &k.data,
            ])
            .await
            .map_err(backend_err)?;
    }
    w.finish().await.map_err(backend_err)?;
    Ok(())
}

fn rusak(tps: &KodeTps, e: String) -> StoreError {
    StoreError::Corrupt(format!("daftar pemilih TPS {tps}: {e}"))
}

fn kode_tps(desa: &str, nomor: i16) -> Result<KodeTps> {
    posko_storage::baris::kode_tps(desa, nomor.into())
}

pub(crate) async fn per_tps(c: &Object, w: &str) -> Result<Vec<(String, i16, i64)>> {
    let rows = c
        .query(
            "SELECT kode_desa, nomor_tps, jumlah::BIGINT FROM pemilih_tps
             WHERE kode_desa >= $1 AND kode_desa < $1 || '/'
             ORDER BY kode_desa, nomor_tps",
            &[&w],
        )
        .await
        .map_err(backend_err)?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

/// Voters of a desa by name and birth date: the desa's TPS are read and
/// searched in their packed form (a desa holds a few thousand voters).
pub(crate) async fn cari(
    c: &Object,
    nama: &str,
    lahir: time::Date,
    desa: &str,
) -> Result<Vec<Pemilih>> {
    let kunci = posko_domain::nama_kunci(nama);
    let rows = c
        .query(
            "SELECT nomor_tps, data FROM pemilih_tps WHERE kode_desa = $1 ORDER BY nomor_tps",
            &[&desa],
        )
        .await
        .map_err(backend_err)?;
    let mut out = Vec::new();
    for r in &rows {
        let tps = kode_tps(desa, r.get(0))?;
        out.extend(kemas::cari(tps, r.get(1), &kunci, lahir).map_err(|e| rusak(&tps, e))?);
    }
    Ok(out)
}

/// The voters of one TPS in DPT order.
pub(crate) async fn di_tps(c: &Object, desa: &str, nomor: u16) -> Result<Vec<Pemilih>> {
    let tps = kode_tps(desa, nomor as i16)?;
    let row = c
        .query_opt(
            "SELECT data FROM pemilih_tps WHERE kode_desa = $1 AND nomor_tps = $2",
            &[&desa, &(nomor as i16)],
        )
        .await
        .map_err(backend_err)?;
    match row {
        Some(r) => kemas::buka(tps, r.get(0)).map_err(|e| rusak(&tps, e)),
        None => Ok(Vec::new()),
    }
}

/// Moves voters from the row-per-voter table of migration 16 into packed
/// TPS rows and drops it; part of migration 32's transaction.
pub(crate) async fn pindahkan_tabel_lama(tx: &Transaction<'_>) -> Result<()> {
    let ada: bool = tx
        .query_one("SELECT to_regclass('pemilih') IS NOT NULL", &[])
        .await
        .map_err(backend_err)?
        .get(0);
    if !ada {
        return Ok(());
    }
    // Through a cursor, a slice at a time: the old table may hold the
    // whole country.
    tx.batch_execute(
        "DECLARE pindah_pemilih NO SCROLL CURSOR FOR
         SELECT kode_desa, nomor_tps, urut, nama, jenis_kelamin, tanggal_lahir::text,
                usia, alamat, rt, rw, nik_tersamar
           FROM pemilih ORDER BY kode_desa, nomor_tps, urut",
    )
    .await
    .map_err(backend_err)?;
    let mut tulis = Penulis::default();
    let mut run: Vec<Pemilih> = Vec::new();
    loop {
        let rows = tx
            .query("FETCH 50000 FROM pindah_pemilih", &[])
            .await
            .map_err(backend_err)?;
        if rows.is_empty() {
            break;
        }
        for r in &rows {
            let desa: String = r.get(0);
            let p = posko_storage::pemilih_dari_kolom(
                &desa,
                r.get::<_, i16>(1) as u16,
                r.get::<_, i32>(2) as u32,
                r.get(3),
                &r.get::<_, String>(4),
                r.get::<_, Option<String>>(5).as_deref(),
                r.get::<_, Option<i16>>(6).map(|v| v as u8),
                r.get(7),
                r.get::<_, Option<i16>>(8).map(|v| v as u16),
                r.get::<_, Option<i16>>(9).map(|v| v as u16),
                r.get(10),
            )?;
            if run.first().is_some_and(|t| t.tps != p.tps) {
                tulis.simpan(&mut run)?;
            }
            run.push(p);
        }
        tulis.kirim(tx).await?;
    }
    if !run.is_empty() {
        tulis.simpan(&mut run)?;
    }
    tulis.kirim(tx).await?;
    tx.batch_execute("CLOSE pindah_pemilih")
        .await
        .map_err(backend_err)?;
    tx.batch_execute("DROP TABLE pemilih")
        .await
        .map_err(backend_err)
}

#[async_trait]
impl PemilihStore for PostgresStore {
    // --- pemilih (DPT) -------------------------------------------------------

    #[tracing::instrument(level = "debug", skip_all)]
    async fn muat_pemilih(&self) -> Result<Box<dyn posko_storage::MuatPemilih>> {
        Ok(Box::new(mulai(self.conn().await?)))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn hitung_pemilih_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>> {
        let rows = per_tps(&self.conn_baca().await?, &wilayah.to_string()).await?;
        rows.into_iter()
            .map(|(d, n, jumlah)| {
                let desa = KodeWilayah::parse(&d)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih desa '{d}': {e}")))?;
                let nomor = posko_domain::NomorTps::new(n as u16)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih TPS {n}: {e}")))?;
                let k = KodeTps::new(desa, nomor)
                    .map_err(|e| StoreError::Corrupt(format!("pemilih TPS: {e}")))?;
                Ok((k, jumlah as u32))
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
        cari(
            &self.conn_baca().await?,
            nama,
            tanggal_lahir,
            &desa.to_string(),
        )
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn daftar_pemilih_tps(&self, tps: KodeTps) -> Result<Vec<posko_domain::Pemilih>> {
        di_tps(
            &self.conn_baca().await?,
            &tps.desa().to_string(),
            tps.nomor().get(),
        )
        .await
    }
}
