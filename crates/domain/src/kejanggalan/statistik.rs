//! The small statistics the checks share: median, MAD, robust z-score,
//! a last-digit χ² and a binomial standard error. Pure and total: empty
//! input gives `None`, never a panic or a NaN.

/// The median of `v` (the mean of the middle two for an even count).
pub fn median(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s: Vec<f64> = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    Some(if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    })
}

/// Median absolute deviation from the median, scaled by 1.4826 so that it
/// estimates the standard deviation of normal data.
pub fn mad(v: &[f64]) -> Option<(f64, f64)> {
    let m = median(v)?;
    let d: Vec<f64> = v.iter().map(|x| (x - m).abs()).collect();
    Some((m, 1.4826 * median(&d)?))
}

/// How many robust standard deviations `x` lies from the median of
/// `kelompok`; the spread is never taken below `lantai` (a group of nearly
/// equal values would otherwise make any difference look enormous).
/// `None` with fewer than `min` values.
pub fn z_robust(x: f64, kelompok: &[f64], lantai: f64, min: usize) -> Option<f64> {
    if kelompok.len() < min.max(1) {
        return None;
    }
    let (m, s) = mad(kelompok)?;
    Some((x - m) / s.max(lantai))
}

/// χ² with 9 degrees of freedom at p = 0.001: a last-digit statistic above
/// it happens by chance once in a thousand regions.
pub const CHI2_9DF_P001: f64 = 27.877;

/// Counts needed before a last-digit test says anything.
pub const DIGIT_MIN: usize = 200;

/// The χ² statistic of the last digits of `angka` against a uniform
/// spread (9 df). Numbers below 10 are left out (their last digit is the
/// number itself, which is not uniform). `None` with fewer than
/// [`DIGIT_MIN`] numbers left.
pub fn chi2_digit_akhir(angka: impl IntoIterator<Item = u64>) -> Option<(f64, usize)> {
    let mut hitung = [0u64; 10];
    let mut n = 0usize;
    for a in angka {
        if a >= 10 {
            hitung[(a % 10) as usize] += 1;
            n += 1;
        }
    }
    if n < DIGIT_MIN {
        return None;
    }
    let harap = n as f64 / 10.0;
    let chi2 = hitung
        .iter()
        .map(|&h| (h as f64 - harap).powi(2) / harap)
        .sum();
    Some((chi2, n))
}

/// The standard error of a share `p` estimated from `n` votes.
pub fn galat_binomial(p: f64, n: u64) -> Option<f64> {
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return None;
    }
    Some((p * (1.0 - p) / n as f64).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_even_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn mad_of_known_values() {
        // median 3, deviations 2,1,0,1,2 → median 1 → 1.4826
        let (m, s) = mad(&[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(m, 3.0);
        assert!((s - 1.4826).abs() < 1e-12);
    }

    #[test]
    fn z_robust_ignores_one_outlier_and_keeps_floor() {
        let g = [0.50, 0.51, 0.49, 0.50, 0.52, 0.48, 0.95];
        let z = z_robust(0.95, &g, 0.0, 5).unwrap();
        assert!(z > 10.0, "{z}");
        let z = z_robust(0.50, &g, 0.0, 5).unwrap();
        assert!(z.abs() < 0.1);
        // All equal: the floor keeps z finite.
        let z = z_robust(0.6, &[0.5; 6], 0.05, 5).unwrap();
        assert!((z - 2.0).abs() < 1e-9);
        assert_eq!(z_robust(0.6, &[0.5; 4], 0.05, 5), None);
    }

    #[test]
    fn chi2_uniform_is_zero_and_skewed_is_large() {
        let uniform = (10..310u64).collect::<Vec<_>>(); // 300 numbers, 30 per digit
        let (c, n) = chi2_digit_akhir(uniform).unwrap();
        assert_eq!(n, 300);
        assert!(c.abs() < 1e-9);
        let nol = std::iter::repeat_n(120u64, 250);
        let (c, _) = chi2_digit_akhir(nol).unwrap();
        assert!(c > CHI2_9DF_P001);
        // Below 200 counts (numbers under 10 do not count): no verdict.
        assert_eq!(chi2_digit_akhir((0..209u64).collect::<Vec<_>>()), None);
    }

    #[test]
    fn binomial_error() {
        assert_eq!(galat_binomial(0.5, 100), Some(0.05));
        assert_eq!(galat_binomial(0.5, 0), None);
    }
}
