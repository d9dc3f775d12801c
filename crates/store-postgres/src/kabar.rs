//! Word of committed changes between the servers of one database:
//! `NOTIFY` after the writing transaction commits, many results to one
//! notification (a [`Kurir`]), and on each server one dedicated `LISTEN`
//! connection, outside the pools, that reconnects with a growing pause
//! (0.5 s doubling to 30 s) and checks itself every
//! [`PERIKSA`] so a silently cut link is noticed. While it is down the
//! listener is told [`Kabar::Terputus`] and live pages poll.

use std::time::Duration;

use futures::StreamExt;
use posko_domain::KodeTps;
use posko_storage::kabar::{SALURAN_KABAR, baca_muatan, muatan_hasil};
use posko_storage::{Kabar, PenerimaKabar, Result};
use tokio_postgres::{AsyncMessage, NoTls};
use uuid::Uuid;

use crate::backend_err;

/// How long the listener may hear nothing before it asks the server
/// whether the connection still stands.
const PERIKSA: Duration = Duration::from_secs(20);

/// Sends word of committed results, batched: everything queued while one
/// notification is on its way goes out in the next (lines of one payload,
/// in commit order, under PostgreSQL's 8,000-byte limit).
///
/// Not `NOTIFY` inside the writing transaction: PostgreSQL serialises the
/// commits of notifying transactions on one lock held through their WAL
/// flush, which capped submissions at one disk sync each. The price: word
/// of a result committed just before its server dies is not sent; other
/// servers' live pages show it at their next change or reconnection.
#[derive(Clone)]
pub(crate) struct Kurir(tokio::sync::mpsc::UnboundedSender<String>);

/// The room one payload leaves for lines (PostgreSQL refuses 8,000 bytes).
const MUATAN_MAKS: usize = 7_800;

impl Kurir {
    /// Starts the sending task, which ends with the last clone.
    pub(crate) fn mulai(pool: deadpool_postgres::Pool) -> Kurir {
        let (kirim, mut terima) = tokio::sync::mpsc::unbounded_channel::<String>();
        tokio::spawn(async move {
            let mut gagal = 0u64;
            while let Some(pertama) = terima.recv().await {
                let mut muatan = pertama;
                while muatan.len() < MUATAN_MAKS - 100 {
                    match terima.try_recv() {
                        Ok(baris) => {
                            muatan.push('\n');
                            muatan.push_str(&baris);
                        }
                        Err(_) => break,
                    }
                }
                if let Err(e) = kabarkan(&pool, &muatan).await {
                    // One line for the first failure and every hundredth:
                    // an outage also fails the writes this would tell of.
                    if gagal.is_multiple_of(100) {
                        tracing::warn!(
                            "kabar hasil ke server lain tidak terkirim ({e}); halaman langsung \
                             mereka memperbarui pada perubahan berikutnya ({} kali)",
                            gagal + 1
                        );
                    }
                    gagal += 1;
                }
            }
        });
        Kurir(kirim)
    }

    /// Queues word that a result of `tps` now counts; call after commit.
    pub(crate) fn hasil(&self, pemilihan_id: Uuid, tps: KodeTps) {
        // The task ends only with the last sender, never before this one.
        let _ = self.0.send(muatan_hasil(pemilihan_id, tps));
    }
}

/// One notification, in a transaction of its own that need not wait for
/// the disk: word of a result is not the result.
async fn kabarkan(pool: &deadpool_postgres::Pool, muatan: &str) -> Result<()> {
    let mut c = pool.get().await.map_err(crate::pool_err)?;
    let tx = c.transaction().await.map_err(backend_err)?;
    tx.batch_execute("SET LOCAL synchronous_commit = off")
        .await
        .map_err(backend_err)?;
    tx.execute("SELECT pg_notify($1, $2)", &[&SALURAN_KABAR, &muatan])
        .await
        .map_err(backend_err)?;
    tx.commit().await.map_err(backend_err)
}

/// Starts the listener task: for the life of the process.
pub(crate) fn mulai(config: tokio_postgres::Config, f: PenerimaKabar) {
    tokio::spawn(async move {
        let awal = Duration::from_millis(500);
        let mut tunggu = awal;
        let mut gagal_berturut = 0u32;
        loop {
            let mut tersambung = false;
            let e = dengar(&config, &f, &mut tersambung).await;
            f(Kabar::Terputus);
            if tersambung {
                tunggu = awal;
                gagal_berturut = 0;
            }
            gagal_berturut += 1;
            // One line per outage, then one per tenth retry.
            if gagal_berturut == 1 || gagal_berturut.is_multiple_of(10) {
                tracing::warn!(
                    "pendengar kabar PostgreSQL terputus ({e}); halaman langsung memakai \
                     polling; menyambung lagi dalam {tunggu:?} (percobaan ke-{gagal_berturut})"
                );
            }
            tokio::time::sleep(tunggu).await;
            tunggu = (tunggu * 2).min(Duration::from_secs(30));
        }
    });
}

/// One connection's life: returns why it ended.
async fn dengar(
    config: &tokio_postgres::Config,
    f: &PenerimaKabar,
    tersambung: &mut bool,
) -> String {
    let (client, mut conn) = match tokio::time::timeout(PERIKSA, config.connect(NoTls)).await {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => return e.to_string(),
        Err(_) => return "waktu menyambung habis".into(),
    };
    let (kirim, mut terima) = tokio::sync::mpsc::unbounded_channel::<String>();
    let jalan = tokio::spawn(async move {
        let mut pesan = futures::stream::poll_fn(move |cx| conn.poll_message(cx));
        while let Some(m) = pesan.next().await {
            match m {
                Ok(AsyncMessage::Notification(n)) => {
                    let _ = kirim.send(n.payload().to_string());
                }
                Ok(_) => {}
                Err(e) => return e.to_string(),
            }
        }
        "koneksi ditutup".to_string()
    });
    if let Err(e) = client
        .batch_execute(&format!("LISTEN {SALURAN_KABAR}"))
        .await
    {
        jalan.abort();
        return e.to_string();
    }
    *tersambung = true;
    f(Kabar::Tersambung);
    loop {
        match tokio::time::timeout(PERIKSA, terima.recv()).await {
            Ok(Some(muatan)) => {
                for k in muatan.lines().filter_map(baca_muatan) {
                    f(k);
                }
            }
            // The connection task ended: its error says why.
            Ok(None) => break,
            Err(_) => {
                let hidup = tokio::time::timeout(PERIKSA, client.simple_query("SELECT 1")).await;
                if !matches!(hidup, Ok(Ok(_))) {
                    jalan.abort();
                    return "tidak menjawab pemeriksaan".into();
                }
            }
        }
    }
    drop(client);
    jalan.await.unwrap_or_else(|e| e.to_string())
}
