//! CPU and file work off the async threads, through one door: hashing
//! and writing photos, decoding previews, reading and parsing files,
//! rendering PDFs. A handler that did such work inline held one of the
//! runtime's few threads (two on a small server) for as long as it took,
//! and every other request on that thread waited. A thread that panics or
//! is lost comes back as an internal error naming the work, answered as a
//! 500 with its cause logged, never as a refusal the user must fix.

use crate::{AppError, Result};

/// Runs `f` on the blocking pool; `apa` names the work in the error.
pub async fn kerja<T: Send + 'static>(
    apa: &'static str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::internal(apa, e))
}

/// How long a retry loop waits after failures: doubling from `awal` to
/// `maks`, back to `awal` after a success. A loop that retried a failing
/// database at once spun a core and filled the log.
#[derive(Debug, Clone)]
pub struct Mundur {
    awal: std::time::Duration,
    maks: std::time::Duration,
    kini: std::time::Duration,
}

impl Mundur {
    pub fn new(awal: std::time::Duration, maks: std::time::Duration) -> Mundur {
        Mundur {
            awal,
            maks,
            kini: awal,
        }
    }

    /// The wait after one more failure.
    pub fn gagal(&mut self) -> std::time::Duration {
        let tunggu = self.kini;
        self.kini = (self.kini * 2).min(self.maks);
        tunggu
    }

    pub fn berhasil(&mut self) {
        self.kini = self.awal;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_its_cap_and_resets() {
        use std::time::Duration as D;
        let mut m = Mundur::new(D::from_secs(1), D::from_secs(5));
        let tunggu: Vec<u64> = (0..5).map(|_| m.gagal().as_secs()).collect();
        assert_eq!(tunggu, [1, 2, 4, 5, 5]);
        m.berhasil();
        assert_eq!(m.gagal(), D::from_secs(1));
    }

    #[tokio::test]
    async fn a_panic_is_an_internal_error_naming_the_work() {
        assert_eq!(kerja("menjumlah", || 2 + 2).await.unwrap(), 4);
        let e = kerja("mencetak PDF", || -> u8 { panic!("halaman rusak") })
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Internal { .. }), "{e:?}");
        assert!(e.to_string().starts_with("mencetak PDF"), "{e}");
    }
}
