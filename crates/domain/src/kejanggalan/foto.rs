//! A: the same photo at two or more TPS, by exact SHA-256 or by a 64-bit
//! difference hash (dHash) within [`JARAK_DHASH_MAKS`] bits, which survives
//! re-encoding, resizing and small brightness changes. The pixels come
//! from the caller (the app layer decodes and shrinks the photo); this
//! module only does the arithmetic.

use super::{Cek, Tanda};
use crate::KodeTps;
use std::collections::{BTreeMap, HashMap};

/// Bits two dHashes may differ in and still be called the same photo.
pub const JARAK_DHASH_MAKS: u32 = 4;

/// The dHash of a 9 × 8 grayscale image (row-major, 72 bytes): bit
/// `8·y + x` is set when pixel (x, y) is brighter than (x + 1, y).
pub fn dhash(abu: &[u8; 72]) -> u64 {
    let mut h = 0u64;
    for y in 0..8 {
        for x in 0..8 {
            if abu[y * 9 + x] > abu[y * 9 + x + 1] {
                h |= 1 << (y * 8 + x);
            }
        }
    }
    h
}

pub fn jarak(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// The five bands a dHash is split into (13, 13, 13, 13, 12 bits): two
/// hashes within 4 bits share at least one band whole (pigeonhole), so a
/// store can find candidates by equality on a band.
pub fn pita(h: u64) -> [u64; 5] {
    let mut p = [0u64; 5];
    for (i, b) in p.iter_mut().enumerate() {
        let geser = i * 13;
        let lebar = if i == 4 { 12 } else { 13 };
        *b = ((h >> geser) & ((1 << lebar) - 1)) | ((i as u64) << 13);
    }
    p
}

/// One photo of a TPS's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FotoTps {
    pub tps: KodeTps,
    /// Hex SHA-256.
    pub sha256: String,
    /// None when the photo could not be decoded.
    pub dhash: Option<u64>,
}

/// Flags each TPS that has a photo equal (SHA-256) or near (dHash) to a
/// photo of another TPS, naming the others; one flag per TPS.
pub fn foto_sama(foto: &[FotoTps]) -> Vec<Tanda> {
    let mut sama: BTreeMap<KodeTps, (bool, Vec<KodeTps>)> = BTreeMap::new();
    let mut tambah = |a: KodeTps, b: KodeTps, persis: bool| {
        if a == b {
            return;
        }
        for (x, y) in [(a, b), (b, a)] {
            let e = sama.entry(x).or_default();
            e.0 |= persis;
            if !e.1.contains(&y) {
                e.1.push(y);
            }
        }
    };
    let mut per_sha: HashMap<&str, Vec<KodeTps>> = HashMap::new();
    for f in foto {
        per_sha.entry(f.sha256.as_str()).or_default().push(f.tps);
    }
    for tps in per_sha.values() {
        for (i, a) in tps.iter().enumerate() {
            for b in &tps[i + 1..] {
                tambah(*a, *b, true);
            }
        }
    }
    let mut per_pita: HashMap<u64, Vec<(KodeTps, u64)>> = HashMap::new();
    for f in foto {
        if let Some(h) = f.dhash {
            for p in pita(h) {
                per_pita.entry(p).or_default().push((f.tps, h));
            }
        }
    }
    for calon in per_pita.values() {
        for (i, (a, ha)) in calon.iter().enumerate() {
            for (b, hb) in &calon[i + 1..] {
                if jarak(*ha, *hb) <= JARAK_DHASH_MAKS {
                    tambah(*a, *b, false);
                }
            }
        }
    }
    sama.into_iter()
        .map(|(tps, (persis, mut lain))| {
            lain.sort();
            let daftar = lain.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            let (id, en) = if persis {
                (
                    format!("Foto formulir yang sama persis juga dikirim untuk TPS {daftar}."),
                    format!("The very same form photo was also sent for TPS {daftar}."),
                )
            } else {
                (
                    format!("Foto formulir sangat mirip (mungkin foto yang sama disimpan ulang) dengan foto TPS {daftar}."),
                    format!("The form photo is nearly identical (perhaps the same photo saved again) to a photo of TPS {daftar}."),
                )
            };
            Tanda::tps(Cek::FotoSama, tps, lain.len() as f64, id, en)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KodeWilayah, NomorTps};

    fn tps(n: u16) -> KodeTps {
        KodeTps::new(KodeWilayah::parse("31.71.01.1001").unwrap(), NomorTps::new(n).unwrap()).unwrap()
    }

    fn gambar(seed: u8) -> [u8; 72] {
        let mut g = [0u8; 72];
        for (i, p) in g.iter_mut().enumerate() {
            *p = ((i as u32 * 37 + u32::from(seed) * 101) % 251) as u8;
        }
        g
    }

    #[test]
    fn dhash_reads_left_right_gradients() {
        let mut naik = [0u8; 72];
        for (i, p) in naik.iter_mut().enumerate() {
            *p = (i % 9) as u8 * 10;
        }
        assert_eq!(dhash(&naik), 0);
        let turun: [u8; 72] = naik.map(|p| 200 - p);
        assert_eq!(dhash(&turun), u64::MAX);
        // Brightening every pixel keeps the hash.
        assert_eq!(dhash(&gambar(3)), dhash(&gambar(3).map(|p| p / 2 + 20)));
    }

    #[test]
    fn bands_meet_within_four_bits() {
        let a = 0x0123_4567_89ab_cdefu64;
        for b in [a ^ 0b1111, a ^ (1 << 63 | 1 << 40 | 1 << 20 | 1), a ^ (0xf << 26)] {
            assert!(jarak(a, b) <= JARAK_DHASH_MAKS);
            assert!(pita(a).iter().zip(pita(b)).any(|(x, y)| *x == y));
        }
        assert_eq!(jarak(0, u64::MAX), 64);
    }

    #[test]
    fn same_sha_at_two_tps_flags_both_and_one_tps_alone_nothing() {
        let f = |n, sha: &str, h| FotoTps { tps: tps(n), sha256: sha.into(), dhash: h };
        assert!(foto_sama(&[f(1, "aa", None), f(1, "aa", None), f(2, "bb", None)]).is_empty());
        let t = foto_sama(&[f(1, "aa", None), f(2, "aa", None), f(3, "cc", None)]);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].tps, Some(tps(1)));
        assert!(t[0].penjelasan.contains("31.71.01.1001-002"), "{}", t[0].penjelasan);
    }

    #[test]
    fn near_dhash_flags_and_far_does_not() {
        let f = |n, sha: &str, h| FotoTps { tps: tps(n), sha256: sha.into(), dhash: Some(h) };
        let h = 0xdead_beef_0bad_f00du64;
        let t = foto_sama(&[f(1, "a", h), f(2, "b", h ^ 0b101), f(3, "c", !h)]);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[0].english.contains("nearly identical"));
        assert!(foto_sama(&[f(1, "a", h), f(2, "b", h ^ 0b11111)]).is_empty());
    }
}
