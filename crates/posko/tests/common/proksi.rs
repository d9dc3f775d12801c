//! A TCP proxy in front of PostgreSQL that a test holds: cutting it is a
//! database that cannot be reached, without touching the shared server.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A TCP proxy in front of PostgreSQL: [`Proksi::putus`] closes every
/// connection through it and closes new ones as they come, until
/// [`Proksi::sambung`].
pub struct Proksi {
    pub addr: SocketAddr,
    putus: Arc<AtomicBool>,
    /// Bumped by each cut: live connections end when it changes.
    generasi: tokio::sync::watch::Sender<u64>,
}

impl Proksi {
    pub async fn mulai(hulu: SocketAddr) -> Proksi {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let putus = Arc::new(AtomicBool::new(false));
        let (generasi, _) = tokio::sync::watch::channel(0u64);
        let (p, g) = (putus.clone(), generasi.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut masuk, _)) = listener.accept().await else {
                    return;
                };
                if p.load(Ordering::SeqCst) {
                    drop(masuk);
                    continue;
                }
                let mut rx = g.subscribe();
                tokio::spawn(async move {
                    let Ok(mut keluar) = tokio::net::TcpStream::connect(hulu).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut masuk, &mut keluar) => {}
                        _ = rx.changed() => {}
                    }
                });
            }
        });
        Proksi {
            addr,
            putus,
            generasi,
        }
    }

    /// The database becomes unreachable.
    pub fn putus(&self) {
        self.putus.store(true, Ordering::SeqCst);
        self.generasi.send_modify(|g| *g += 1);
    }

    /// The database is reachable again.
    pub fn sambung(&self) {
        self.putus.store(false, Ordering::SeqCst);
    }
}

/// `url` (postgres://user@host:port/db?…) with its host and port replaced
/// by `addr`, and the address it named.
pub async fn lewat(url: &str, addr: SocketAddr) -> (String, SocketAddr) {
    let (skema, sisa) = url.split_once("://").unwrap();
    let akhir = sisa.find(['/', '?']).unwrap_or(sisa.len());
    let (otoritas, jalan) = sisa.split_at(akhir);
    let (pengguna, host) = match otoritas.rsplit_once('@') {
        Some((u, h)) => (format!("{u}@"), h),
        None => (String::new(), otoritas),
    };
    let host = if host.contains(':') {
        host.to_string()
    } else {
        format!("{host}:5432")
    };
    let hulu = tokio::net::lookup_host(&host)
        .await
        .unwrap()
        .next()
        .unwrap();
    (format!("{skema}://{pengguna}{addr}{jalan}"), hulu)
}
