//! Word of committed changes between the servers of one database:
//! `NOTIFY` in the writing transaction (PostgreSQL delivers it on commit,
//! never on rollback), and on each server one dedicated `LISTEN`
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

/// Queues the word that a result of `tps` now counts, sent when `tx`
/// commits.
pub(crate) async fn kabarkan_hasil(
    tx: &tokio_postgres::Transaction<'_>,
    pemilihan_id: Uuid,
    tps: KodeTps,
) -> Result<()> {
    tx.execute(
        "SELECT pg_notify($1, $2)",
        &[&SALURAN_KABAR, &muatan_hasil(pemilihan_id, tps)],
    )
    .await
    .map_err(backend_err)?;
    Ok(())
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
                if let Some(k) = baca_muatan(&muatan) {
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
