//! Word of committed changes for live pages ([`posko_storage::Kabar`]):
//! the backend's listener, started by the first page that asks, feeds one
//! broadcast channel per process that every open stream subscribes to.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use posko_storage::Kabar;
use tokio::sync::broadcast;

use crate::Posko;

/// News waiting per subscriber before the slowest is told it lagged (and
/// then simply looks again).
const ANTREAN: usize = 1024;

pub(crate) struct Siaran {
    tx: broadcast::Sender<Kabar>,
    hidup: Arc<AtomicBool>,
    mulai: std::sync::Once,
}

impl Siaran {
    pub(crate) fn new() -> Siaran {
        Siaran {
            tx: broadcast::channel(ANTREAN).0,
            hidup: Arc::new(AtomicBool::new(false)),
            mulai: std::sync::Once::new(),
        }
    }
}

impl Posko {
    /// Subscribes to word of committed changes, starting the backend's
    /// listener on first use (so call it on the async runtime).
    pub fn dengar_kabar(&self) -> broadcast::Receiver<Kabar> {
        let s = &self.siaran;
        s.mulai.call_once(|| {
            let (tx, hidup) = (s.tx.clone(), s.hidup.clone());
            self.store.dengarkan(Arc::new(move |k| {
                match k {
                    Kabar::Tersambung => hidup.store(true, Ordering::Relaxed),
                    Kabar::Terputus => hidup.store(false, Ordering::Relaxed),
                    Kabar::Hasil { .. } => {}
                }
                // Nobody listening is fine.
                let _ = tx.send(k);
            }));
        });
        s.tx.subscribe()
    }

    /// Whether changes are heard as they commit; when not, live pages poll.
    pub fn kabar_hidup(&self) -> bool {
        self.siaran.hidup.load(Ordering::Relaxed)
    }
}
