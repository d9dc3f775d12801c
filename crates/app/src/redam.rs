//! Logging one cause once per interval, with a count. While PostgreSQL was
//! down every request and every background loop logged the same error:
//! about 20,000 identical lines in two seconds, which buried everything
//! else and filled the disk. Here a cause (where it was logged, the error's
//! kind and the first line of its message) is written at once the first
//! time, then at most once per [`JEDA`], saying how many like it were held
//! back since the last line. The count of a burst that ends is written
//! with the next line of that cause.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

/// At most one line per cause in this long.
pub const JEDA: Duration = Duration::from_secs(10);

/// Causes remembered at once; past this, the quiet ones are forgotten.
const MAKS_SEBAB: usize = 1024;

/// Longest part of a message that names its cause.
const MAKS_KUNCI: usize = 240;

/// Where the time comes from: the system clock, or a test's own.
pub trait Jam: Send + Sync {
    fn kini(&self) -> Instant;
}

/// [`Instant::now`].
pub struct JamSistem;

impl Jam for JamSistem {
    fn kini(&self) -> Instant {
        Instant::now()
    }
}

/// What to do with one occurrence of a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Putusan {
    /// Write it, saying `ditahan` like it were held back before it.
    Tulis { ditahan: u64 },
    /// Hold it back (counted for the next line).
    Tahan,
}

struct Sebab {
    ditulis: Instant,
    ditahan: u64,
}

/// Decides, per cause, whether a line is written now.
pub struct Peredam {
    jeda: Duration,
    jam: Box<dyn Jam>,
    sebab: Mutex<HashMap<String, Sebab>>,
}

impl Peredam {
    pub fn new(jeda: Duration, jam: Box<dyn Jam>) -> Peredam {
        Peredam {
            jeda,
            jam,
            sebab: Mutex::new(HashMap::new()),
        }
    }

    /// One more occurrence of `kunci`.
    pub fn periksa(&self, kunci: &str) -> Putusan {
        let kini = self.jam.kini();
        let mut sebab = self.sebab.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = sebab.get_mut(kunci) {
            if kini.saturating_duration_since(s.ditulis) < self.jeda {
                s.ditahan += 1;
                return Putusan::Tahan;
            }
            let ditahan = std::mem::take(&mut s.ditahan);
            s.ditulis = kini;
            return Putusan::Tulis { ditahan };
        }
        if sebab.len() >= MAKS_SEBAB {
            let jeda = self.jeda;
            sebab.retain(|_, s| kini.saturating_duration_since(s.ditulis) < jeda);
            if sebab.len() >= MAKS_SEBAB {
                sebab.clear();
            }
        }
        sebab.insert(
            kunci.to_string(),
            Sebab {
                ditulis: kini,
                ditahan: 0,
            },
        );
        Putusan::Tulis { ditahan: 0 }
    }
}

/// The cause of a message: where, what kind, and its first line (bounded).
pub fn kunci(apa: &str, jenis: &str, pesan: &str) -> String {
    let baris = pesan.lines().next().unwrap_or_default();
    let mut akhir = baris.len().min(MAKS_KUNCI);
    while !baris.is_char_boundary(akhir) {
        akhir -= 1;
    }
    format!("{apa}\u{1f}{jenis}\u{1f}{}", &baris[..akhir])
}

static PEREDAM: LazyLock<Peredam> = LazyLock::new(|| Peredam::new(JEDA, Box::new(JamSistem)));

/// Logs `pesan` at error level under `apa` (what failed), unless a line of
/// the same cause was written in the last [`JEDA`]. `jenis` is the error's
/// kind (e.g. [`crate::AppError::jenis`]).
pub fn galat(apa: &str, jenis: &str, pesan: &str) {
    if let Putusan::Tulis { ditahan } = PEREDAM.periksa(&kunci(apa, jenis, pesan)) {
        if ditahan == 0 {
            tracing::error!(error = %pesan, jenis, "{apa}");
        } else {
            tracing::error!(
                error = %pesan,
                jenis,
                ditahan,
                "{apa} (dan {ditahan} kali lagi sejak baris sebelumnya, tidak ditulis)"
            );
        }
    }
}

/// [`galat`] at warning level.
pub fn peringatan(apa: &str, jenis: &str, pesan: &str) {
    if let Putusan::Tulis { ditahan } = PEREDAM.periksa(&kunci(apa, jenis, pesan)) {
        if ditahan == 0 {
            tracing::warn!(error = %pesan, jenis, "{apa}");
        } else {
            tracing::warn!(
                error = %pesan,
                jenis,
                ditahan,
                "{apa} (dan {ditahan} kali lagi sejak baris sebelumnya, tidak ditulis)"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// A clock the test moves by hand.
    #[derive(Clone)]
    struct JamUji {
        awal: Instant,
        ms: Arc<AtomicU64>,
    }

    impl JamUji {
        fn maju(&self, ms: u64) {
            self.ms.fetch_add(ms, Ordering::SeqCst);
        }
    }

    impl Jam for JamUji {
        fn kini(&self) -> Instant {
            self.awal + Duration::from_millis(self.ms.load(Ordering::SeqCst))
        }
    }

    fn peredam() -> (Peredam, JamUji) {
        let jam = JamUji {
            awal: Instant::now(),
            ms: Arc::default(),
        };
        (Peredam::new(JEDA, Box::new(jam.clone())), jam)
    }

    #[test]
    fn a_flood_of_one_cause_is_one_line_per_interval_with_its_count() {
        let (p, jam) = peredam();
        let k = kunci(
            "kesalahan internal",
            "tidak-tersedia",
            "koneksi PostgreSQL: refused",
        );
        assert_eq!(
            p.periksa(&k),
            Putusan::Tulis { ditahan: 0 },
            "first at once"
        );
        // 20,000 more over the next 2 s: none written.
        for _ in 0..20_000 {
            jam.maju(0);
            assert_eq!(p.periksa(&k), Putusan::Tahan);
        }
        jam.maju(2_000);
        assert_eq!(p.periksa(&k), Putusan::Tahan);
        // Just before the interval ends: still held.
        jam.maju(7_999);
        assert_eq!(p.periksa(&k), Putusan::Tahan);
        // Once 10 s have passed: one line, counting the 20,002 held back.
        jam.maju(1);
        assert_eq!(p.periksa(&k), Putusan::Tulis { ditahan: 20_002 });
        // The count starts again from that line.
        jam.maju(1);
        assert_eq!(p.periksa(&k), Putusan::Tahan);
        jam.maju(10_000);
        assert_eq!(p.periksa(&k), Putusan::Tulis { ditahan: 1 });
        // A quiet cause that comes back is written at once, with nothing held.
        jam.maju(60_000);
        assert_eq!(p.periksa(&k), Putusan::Tulis { ditahan: 0 });
    }

    #[test]
    fn causes_are_counted_apart() {
        let (p, jam) = peredam();
        let a = kunci("sesi tidak terbaca", "tidak-tersedia", "PostgreSQL: closed");
        let b = kunci("kesalahan internal", "tidak-tersedia", "PostgreSQL: closed");
        let c = kunci("sesi tidak terbaca", "internal", "PostgreSQL: closed");
        let d = kunci("sesi tidak terbaca", "tidak-tersedia", "disk penuh");
        for k in [&a, &b, &c, &d] {
            assert_eq!(p.periksa(k), Putusan::Tulis { ditahan: 0 }, "{k}");
        }
        assert_eq!(p.periksa(&a), Putusan::Tahan);
        jam.maju(10_000);
        assert_eq!(p.periksa(&a), Putusan::Tulis { ditahan: 1 });
        assert_eq!(p.periksa(&b), Putusan::Tulis { ditahan: 0 });
    }

    #[test]
    fn the_cause_is_the_first_line_and_bounded() {
        assert_eq!(
            kunci("a", "b", "baris satu\nbaris dua berubah 123"),
            kunci("a", "b", "baris satu\nbaris dua berubah 456")
        );
        let panjang = "é".repeat(1000);
        assert!(kunci("a", "b", &panjang).len() <= MAKS_KUNCI + 8);
    }

    #[test]
    fn many_causes_do_not_grow_without_bound() {
        let (p, jam) = peredam();
        for i in 0..(MAKS_SEBAB * 3) {
            p.periksa(&format!("sebab {i}"));
            jam.maju(20);
        }
        assert!(p.sebab.lock().unwrap().len() <= MAKS_SEBAB);
    }
}
