//! The voter list on PostgreSQL. A load runs in a task that owns one
//! connection and one transaction: batches are COPYed into a temporary
//! staging table as they arrive, and at the end the TPS it names lose their
//! earlier rows and gain the staged ones in the same transaction. Dropping
//! the loader drops the transaction, which rolls back.

use crate::PostgresStore;
use async_trait::async_trait;
use deadpool_postgres::Object;
use posko_domain::{Jejak, JenisKelamin, Pemilih};
use posko_storage::{HasilMuatPemilih, MuatPemilih, Result, StoreError};
use tokio::sync::{mpsc, oneshot};

use crate::{audit::catat_audit, backend_err, copy};
use posko_domain::{KodeTps, KodeWilayah};
use posko_storage::PemilihStore;

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
    tx.batch_execute("CREATE TEMP TABLE pemilih_muat (LIKE pemilih) ON COMMIT DROP;")
        .await
        .map_err(backend_err)?;
    let mut baris = 0u64;
    let jejak = loop {
        match rx.recv().await {
            None => return Err(StoreError::Backend("impor pemilih dibatalkan".into())),
            Some(Pesan::Selesai(j)) => break j,
            Some(Pesan::Batch(rows)) => {
                baris += copy::copy_in(
                    &tx,
                    "COPY pemilih_muat (kode_desa, nomor_tps, urut, nama, jenis_kelamin,
                       tanggal_lahir, usia, alamat, rt, rw, nik_tersamar) FROM STDIN",
                    rows.iter().map(|p| {
                        [
                            Some(p.tps.desa().to_string()),
                            Some(p.tps.nomor().get().to_string()),
                            Some(p.urut.to_string()),
                            Some(p.nama.clone()),
                            Some(
                                match p.jenis_kelamin {
                                    JenisKelamin::Laki => "L",
                                    JenisKelamin::Perempuan => "P",
                                }
                                .to_string(),
                            ),
                            p.tanggal_lahir.map(|d| d.to_string()),
                            p.usia.map(|u| u.to_string()),
                            p.alamat.clone(),
                            p.rt.map(|v| v.to_string()),
                            p.rw.map(|v| v.to_string()),
                            p.nik_tersamar.as_ref().map(|n| n.as_str().to_string()),
                        ]
                    }),
                )
                .await?;
            }
        }
    };
    let tps = tx
        .query_one(
            "SELECT COUNT(*) FROM (SELECT DISTINCT kode_desa, nomor_tps FROM pemilih_muat) s",
            &[],
        )
        .await
        .map_err(backend_err)?
        .get::<_, i64>(0) as u64;
    let diganti = tx
        .execute(
            "DELETE FROM pemilih p USING (SELECT DISTINCT kode_desa, nomor_tps FROM pemilih_muat) s
             WHERE p.kode_desa = s.kode_desa AND p.nomor_tps = s.nomor_tps",
            &[],
        )
        .await
        .map_err(backend_err)?;
    tx.execute("INSERT INTO pemilih SELECT * FROM pemilih_muat", &[])
        .await
        .map_err(|e| {
            if e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) {
                StoreError::Conflict(posko_storage::Konflik::Lain(format!(
                    "nomor urut pemilih ganda dalam satu TPS: {e}"
                )))
            } else {
                backend_err(e)
            }
        })?;
    catat_audit(&tx, &jejak).await?;
    tx.commit().await.map_err(backend_err)?;
    Ok(HasilMuatPemilih {
        tps,
        baris,
        diganti,
    })
}

pub(crate) async fn per_tps(c: &Object, w: &str) -> Result<Vec<(String, i16, i64)>> {
    let rows = c
        .query(
            "SELECT kode_desa, nomor_tps, COUNT(*) FROM pemilih
             WHERE kode_desa >= $1 AND kode_desa < $1 || '/'
             GROUP BY kode_desa, nomor_tps ORDER BY kode_desa, nomor_tps",
            &[&w],
        )
        .await
        .map_err(backend_err)?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

const KOLOM_PEMILIH: &str = "SELECT kode_desa, nomor_tps, urut, nama, jenis_kelamin,
    tanggal_lahir::text, usia, alamat, rt, rw, nik_tersamar FROM pemilih";

pub(crate) async fn cari(
    c: &Object,
    nama: &str,
    lahir: time::Date,
    desa: &str,
) -> Result<Vec<Pemilih>> {
    let rows = c
        .query(
            &format!(
                "{KOLOM_PEMILIH} WHERE nama = $1 AND tanggal_lahir = $2 AND kode_desa = $3
                 ORDER BY nomor_tps, urut"
            ),
            &[&posko_domain::nama_kunci(nama), &lahir, &desa],
        )
        .await
        .map_err(backend_err)?;
    baca(&rows)
}

/// The voters of one TPS in DPT order.
pub(crate) async fn di_tps(c: &Object, desa: &str, nomor: u16) -> Result<Vec<Pemilih>> {
    let rows = c
        .query(
            &format!("{KOLOM_PEMILIH} WHERE kode_desa = $1 AND nomor_tps = $2 ORDER BY urut"),
            &[&desa, &(nomor as i16)],
        )
        .await
        .map_err(backend_err)?;
    baca(&rows)
}

fn baca(rows: &[tokio_postgres::Row]) -> Result<Vec<Pemilih>> {
    rows.iter()
        .map(|r| {
            let desa: String = r.get(0);
            posko_storage::pemilih_dari_kolom(
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
            )
        })
        .collect()
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
