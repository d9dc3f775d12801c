//! The region checks: G (a share jumping within an hour) and H (last
//! digits, a weak signal). They flag a region, not a TPS.

use super::statistik::{CHI2_9DF_P001, chi2_digit_akhir, galat_binomial};
use super::{AngkaTps, Cek, Tanda};
use crate::KodeWilayah;

/// One moment of a region's count: cumulative figures after the TPS that
/// had arrived by `waktu` (Unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Titik {
    pub waktu: i64,
    /// Votes of the paslon followed.
    pub suara: u64,
    pub sah: u64,
    pub tps_masuk: u64,
}

/// Standard errors beyond which a move is flagged.
pub const LONJAKAN_SE: f64 = 3.0;
/// The window a move is measured over.
pub const JENDELA_DETIK: i64 = 3600;

/// G: once half the region's `tps_total` TPS are in, the paslon's share
/// moving by more than [`LONJAKAN_SE`] binomial standard errors within
/// [`JENDELA_DETIK`]. The error is that of the votes that arrived in the
/// window, had they split like the votes before it:
/// `√(m·p(1−p)) / (n+m)` for `n` votes before and `m` in the window.
/// Returns the largest such move. `titik` is in time order.
pub fn lonjakan(
    wilayah: KodeWilayah,
    paslon: usize,
    titik: &[Titik],
    tps_total: u64,
) -> Option<Tanda> {
    let separuh = |t: &Titik| t.tps_masuk * 2 >= tps_total && tps_total > 0;
    let mut terbesar: Option<(f64, Titik, Titik)> = None;
    let mut awal = 0;
    for (j, b) in titik.iter().enumerate() {
        if !separuh(b) {
            continue;
        }
        while awal < j && (titik[awal].waktu < b.waktu - JENDELA_DETIK || !separuh(&titik[awal])) {
            awal += 1;
        }
        for a in &titik[awal..j] {
            let (n, m) = (a.sah, b.sah.saturating_sub(a.sah));
            if n == 0 || m == 0 {
                continue;
            }
            let p = a.suara as f64 / n as f64;
            let q = b.suara as f64 / b.sah as f64;
            let Some(se) = galat_binomial(p, m).map(|s| s * m as f64 / (n + m) as f64) else {
                continue;
            };
            if se <= 0.0 {
                continue;
            }
            let k = (q - p) / se;
            if k.abs() > LONJAKAN_SE && terbesar.is_none_or(|(x, _, _)| k.abs() > x.abs()) {
                terbesar = Some((k, *a, *b));
            }
        }
    }
    let (k, a, b) = terbesar?;
    let n = paslon + 1;
    let p = format!("{:.2}", a.suara as f64 / a.sah as f64 * 100.0);
    let q = format!("{:.2}", b.suara as f64 / b.sah as f64 * 100.0);
    let menit = (b.waktu - a.waktu) / 60;
    Some(Tanda {
        cek: Cek::Lonjakan,
        tps: None,
        wilayah,
        nilai: k,
        penjelasan: format!(
            "Perolehan paslon {n} di wilayah ini bergerak dari {} % ke {} % dalam {menit} menit, {} kali galat baku binomial, setelah separuh TPS masuk. Lihat TPS yang masuk pada waktu itu.",
            super::periksa::koma(&p),
            super::periksa::koma(&q),
            super::periksa::koma(&format!("{:.1}", k.abs()))
        ),
        english: format!(
            "Paslon {n}'s share in this region moved from {p}% to {q}% within {menit} minutes, {:.1} binomial standard errors, after half its TPS were in. Look at the TPS that arrived then.",
            k.abs()
        ),
    })
}

/// H: the χ² of the last digits of every paslon's votes at the TPS of a
/// region (numbers below 10 left out), flagged beyond p = 0.001 (9 df) and
/// only with at least 200 numbers. A weak signal: honest counts fail it
/// too, now and then; it never stands alone as a reason.
pub fn digit_akhir(wilayah: KodeWilayah, tps: &[AngkaTps]) -> Option<Tanda> {
    let (chi2, n) = chi2_digit_akhir(tps.iter().flat_map(|a| a.suara.iter().copied()))?;
    (chi2 > CHI2_9DF_P001).then(|| Tanda {
        cek: Cek::DigitAkhir,
        tps: None,
        wilayah,
        nilai: chi2,
        penjelasan: format!(
            "Sinyal lemah: angka terakhir dari {n} perolehan suara di wilayah ini tidak merata (χ² {}, batas {} pada 9 derajat bebas). Hitungan jujur pun kadang begini; jangan jadikan alasan tunggal.",
            super::periksa::koma(&format!("{chi2:.1}")),
            super::periksa::koma(&CHI2_9DF_P001.to_string())
        ),
        english: format!(
            "Weak signal: the last digits of {n} vote counts in this region are uneven (χ² {chi2:.1}, limit {CHI2_9DF_P001} at 9 degrees of freedom). Honest counts do this now and then; never a reason on its own."
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w() -> KodeWilayah {
        KodeWilayah::parse("32.73.01").unwrap()
    }

    fn deret(geser: bool) -> Vec<Titik> {
        // 100 TPS of 200 valid votes, one a minute, each 50/50 (± a vote);
        // with `geser` the last 20 arrive at 70/30.
        let mut v = Vec::new();
        let (mut s, mut sah) = (0u64, 0u64);
        for i in 0..100u64 {
            let x = if geser && i >= 80 {
                140
            } else {
                100 + i % 3 - 1
            };
            s += x;
            sah += 200;
            v.push(Titik {
                waktu: i as i64 * 60,
                suara: s,
                sah,
                tps_masuk: i + 1,
            });
        }
        v
    }

    #[test]
    fn g_flags_a_late_shift_and_not_a_steady_count() {
        assert!(lonjakan(w(), 0, &deret(false), 100).is_none());
        let t = lonjakan(w(), 0, &deret(true), 100).unwrap();
        assert_eq!(t.cek, Cek::Lonjakan);
        assert!(t.nilai > LONJAKAN_SE);
        assert_eq!(t.tps, None);
    }

    #[test]
    fn g_waits_for_half_the_tps() {
        // The same shift, but the region has 1000 TPS: never half in.
        assert!(lonjakan(w(), 0, &deret(true), 1000).is_none());
    }

    #[test]
    fn g_ignores_moves_over_more_than_an_hour() {
        let mut v = deret(true);
        // Spread the arrivals ten minutes apart: the window now holds at
        // most seven points, and each shifted TPS still moves the share.
        for (i, t) in v.iter_mut().enumerate() {
            t.waktu = i as i64 * 600;
        }
        let dekat = lonjakan(w(), 0, &v, 100).map(|t| t.nilai).unwrap_or(0.0);
        let jauh = lonjakan(w(), 0, &deret(true), 100).unwrap().nilai;
        assert!(dekat < jauh, "{dekat} {jauh}");
    }

    fn tps(n: u16, suara: Vec<u64>) -> AngkaTps {
        AngkaTps {
            tps: crate::KodeTps::new(
                KodeWilayah::parse("32.73.01.1001").unwrap(),
                crate::NomorTps::new(n).unwrap(),
            )
            .unwrap(),
            sah: suara.iter().sum(),
            suara,
            tidak_sah: 0,
            dpt: 0,
        }
    }

    #[test]
    fn h_needs_200_counts_and_flags_rounded_numbers() {
        let w = w();
        let rata: Vec<AngkaTps> = (0..150u64)
            .map(|i| tps(1 + i as u16, vec![100 + i, 137 + i * 7]))
            .collect();
        assert!(digit_akhir(w, &rata).is_none());
        let bulat: Vec<AngkaTps> = (0..150u64)
            .map(|i| tps(1 + i as u16, vec![100 + 10 * (i % 9), 150]))
            .collect();
        let t = digit_akhir(w, &bulat).unwrap();
        assert!(t.penjelasan.starts_with("Sinyal lemah"));
        assert!(
            digit_akhir(w, &bulat[..90]).is_none(),
            "180 counts are too few"
        );
    }
}
