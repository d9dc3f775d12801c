//! What an operator asks of a running server: is it ready to serve (the
//! database and the photo store answer), how deep are the queues people
//! wait on, and how many results came in per channel. Read by `/readyz`
//! and `/metrics`; nothing here changes data.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::{AppError, JawabanKirim, Posko, Result};

/// Longest a readiness check waits for one dependency: a load balancer
/// probing every few seconds needs an answer, not a hung request.
pub const BATAS_PERIKSA: Duration = Duration::from_secs(3);

/// The answer of [`Posko::siap`]: each dependency is `None` when it
/// answered, or why it did not (for the log; the HTTP body only names it).
#[derive(Debug, Clone, Default)]
pub struct Kesiapan {
    pub basis_data: Option<String>,
    pub foto: Option<String>,
    /// The migration version the database answered with.
    pub versi_skema: Option<i64>,
}

impl Kesiapan {
    pub fn siap(&self) -> bool {
        self.basis_data.is_none() && self.foto.is_none()
    }
}

/// Queue depths read at scrape time, each as (status, count) over every
/// election.
#[derive(Debug, Clone, Default)]
pub struct KedalamanAntrean {
    /// TPS's current results per status (`masuk` waits for verifiers,
    /// `perlu_foto` for the saksi).
    pub hasil: Vec<(String, u64)>,
    /// SMS/Telegram replies per status (`antre` waits to be sent).
    pub balasan: Vec<(String, u64)>,
}

impl KedalamanAntrean {
    /// Results waiting for a verifier's reading.
    pub fn verifikasi(&self) -> u64 {
        jumlah(&self.hasil, "masuk")
    }

    /// Replies waiting to be sent.
    pub fn kotak_keluar(&self) -> u64 {
        jumlah(&self.balasan, "antre")
    }
}

fn jumlah(v: &[(String, u64)], status: &str) -> u64 {
    v.iter().filter(|(s, _)| s == status).map(|(_, n)| n).sum()
}

/// How a result submission ended, for counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AkhirKiriman {
    /// Stored as a new revision.
    Diterima,
    /// A resend of one stored before: answered as the first time.
    Ulang,
    /// Refused for something the sender can fix (or may not do).
    Ditolak,
    /// Failed on Posko's side (database, disk): the sender retries.
    Galat,
}

impl AkhirKiriman {
    pub fn dari(r: &Result<JawabanKirim>) -> AkhirKiriman {
        match r {
            Ok(j) if j.ulang => AkhirKiriman::Ulang,
            Ok(_) => AkhirKiriman::Diterima,
            Err(AppError::Store(posko_storage::StoreError::Conflict(_))) => AkhirKiriman::Ditolak,
            Err(AppError::Store(_) | AppError::Internal { .. } | AppError::Sibuk(_)) => {
                AkhirKiriman::Galat
            }
            Err(_) => AkhirKiriman::Ditolak,
        }
    }
}

/// Result submissions counted per channel (`web`, `api`, `sms`, …, a
/// fixed set named in code) and [`AkhirKiriman`] since the process started.
#[derive(Debug, Default)]
pub struct HitungKiriman {
    isi: Mutex<BTreeMap<(&'static str, AkhirKiriman), u64>>,
}

impl HitungKiriman {
    pub(crate) fn catat(&self, saluran: &'static str, akhir: AkhirKiriman) {
        let mut isi = self.isi.lock().unwrap_or_else(|p| p.into_inner());
        *isi.entry((saluran, akhir)).or_default() += 1;
    }

    pub fn semua(&self) -> Vec<(&'static str, AkhirKiriman, u64)> {
        let isi = self.isi.lock().unwrap_or_else(|p| p.into_inner());
        isi.iter().map(|(&(s, a), &n)| (s, a, n)).collect()
    }
}

impl Posko {
    /// Whether this server can do its work now: the database answers a
    /// trivial query and the photo store takes a file, each within
    /// [`BATAS_PERIKSA`]. Both are asked at once.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn siap(&self) -> Kesiapan {
        let db = tokio::time::timeout(BATAS_PERIKSA, self.store.schema_version());
        let foto = self.foto.clone();
        let foto = tokio::time::timeout(BATAS_PERIKSA, async move { foto.periksa().await });
        let (db, foto) = tokio::join!(db, foto);
        let mut k = Kesiapan::default();
        match db {
            Ok(Ok(v)) => k.versi_skema = Some(v),
            Ok(Err(e)) => k.basis_data = Some(e.to_string()),
            Err(_) => k.basis_data = Some(format!("tidak menjawab dalam {BATAS_PERIKSA:?}")),
        }
        match foto {
            Ok(Ok(())) => {}
            Ok(Err(e)) => k.foto = Some(e.to_string()),
            Err(_) => k.foto = Some(format!("tidak menjawab dalam {BATAS_PERIKSA:?}")),
        }
        k
    }

    /// The verification queue and the reply outbox, per status, over every
    /// election (for `/metrics`; two grouped counts on indexed columns).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn kedalaman_antrean(&self) -> Result<KedalamanAntrean> {
        let (hasil, balasan) = tokio::join!(
            self.store.hitung_hasil_per_status(),
            self.store.hitung_keluar_per_status()
        );
        Ok(KedalamanAntrean {
            hasil: hasil?,
            balasan: balasan?,
        })
    }

    /// Result submissions since this process started, per channel and
    /// outcome.
    pub fn kiriman_per_saluran(&self) -> Vec<(&'static str, AkhirKiriman, u64)> {
        self.kiriman.semua()
    }

    pub(crate) fn catat_kiriman(&self, saluran: &'static str, r: &Result<JawabanKirim>) {
        self.kiriman.catat(saluran, AkhirKiriman::dari(r));
    }
}
