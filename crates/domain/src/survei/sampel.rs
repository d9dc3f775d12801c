//! The respondents' draw from the voter list (DPT), reproducible by
//! anybody from the published DPT and seed, like the quick count's draw
//! of TPS (`crate::hitung_cepat::kunci_acak`): every voter gets the key
//! SHA-256(seed as 8 bytes big-endian ‖ `:` ‖ TPS code ‖ `:` ‖ their
//! number in the TPS's list, decimal), and the `n` smallest keys are the
//! sample: a simple random sample without replacement, whatever order
//! the list was read in.

use sha2::{Digest, Sha256};

/// One voter's key in the draw. For seed 42, TPS `3273011001-003` and
/// number 17 the hashed bytes are `00 … 2A 3A 33 32 37 33 … 2D 30 30 33
/// 3A 31 37`.
pub fn kunci_responden(benih: u64, tps: &str, urut: u32) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(benih.to_be_bytes());
    h.update(b":");
    h.update(tps.as_bytes());
    h.update(b":");
    h.update(urut.to_string().as_bytes());
    h.finalize().into()
}

/// The positions in `kerangka` (each voter's TPS code and number) of the
/// `n` voters drawn with `benih`, in key order (all when `n` exceeds the
/// list).
pub fn tarik_responden(benih: u64, kerangka: &[(String, u32)], n: usize) -> Vec<usize> {
    let mut kunci: Vec<([u8; 32], usize)> = kerangka
        .iter()
        .enumerate()
        .map(|(i, (tps, urut))| (kunci_responden(benih, tps, *urut), i))
        .collect();
    let n = n.min(kunci.len());
    if n == 0 {
        return Vec::new();
    }
    kunci.select_nth_unstable(n - 1);
    kunci.truncate(n);
    kunci.sort_unstable();
    kunci.into_iter().map(|(_, i)| i).collect()
}

/// Age bands of the weighting: 17–24, 25–34, 35–44, 45–54, 55 and over
/// (voters under 17 are on the list only when married; they count in
/// the first band).
pub const KELOMPOK_UMUR: [&str; 5] = ["17-24", "25-34", "35-44", "45-54", "55+"];

/// The band of an age in years.
pub fn kelompok_umur(usia: u32) -> usize {
    match usia {
        0..=24 => 0,
        25..=34 => 1,
        35..=44 => 2,
        45..=54 => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draw_is_reproducible_whatever_the_list_order() {
        let kerangka: Vec<(String, u32)> = (0..500)
            .map(|i| (format!("3273011001-{:03}", 1 + i / 100), 1 + i % 100))
            .collect();
        let a = tarik_responden(42, &kerangka, 37);
        assert_eq!(a.len(), 37);
        let mut dibalik = kerangka.clone();
        dibalik.reverse();
        let b: Vec<&(String, u32)> = tarik_responden(42, &dibalik, 37)
            .into_iter()
            .map(|i| &dibalik[i])
            .collect();
        let a: Vec<&(String, u32)> = a.into_iter().map(|i| &kerangka[i]).collect();
        assert_eq!(a, b, "the same voters in the same order");
        assert_ne!(
            tarik_responden(43, &kerangka, 37),
            tarik_responden(42, &kerangka, 37),
            "another seed, another sample"
        );
        assert_eq!(tarik_responden(42, &kerangka, 9_999).len(), 500);
        assert!(tarik_responden(42, &[], 5).is_empty());
    }

    #[test]
    fn the_key_is_sha256_of_the_documented_bytes() {
        let mut pesan = 42u64.to_be_bytes().to_vec();
        pesan.extend_from_slice(b":3273011001-003:17");
        let harap: [u8; 32] = Sha256::digest(&pesan).into();
        assert_eq!(kunci_responden(42, "3273011001-003", 17), harap);
    }

    #[test]
    fn every_voter_is_equally_likely_to_be_drawn() {
        // 200 voters, samples of 20 under 2,000 seeds: each voter's
        // inclusion rate is 0.1 within sampling noise (sd ≈ 0.0067).
        let kerangka: Vec<(String, u32)> =
            (0..200).map(|i| ("3201-001".to_string(), i + 1)).collect();
        let mut hitung = vec![0u32; 200];
        for benih in 0..2_000 {
            for i in tarik_responden(benih, &kerangka, 20) {
                hitung[i] += 1;
            }
        }
        for (i, h) in hitung.iter().enumerate() {
            let p = f64::from(*h) / 2_000.0;
            assert!((p - 0.1).abs() < 0.035, "voter {i}: {p}");
        }
    }
}
