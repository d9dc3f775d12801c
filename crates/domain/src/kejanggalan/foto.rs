//! A: the same photo at two or more TPS, by exact SHA-256 or by a
//! difference hash (dHash) within [`JARAK_DHASH_MAKS`] bits, which survives
//! re-encoding, resizing and small brightness changes. The pixels come
//! from the caller (the app layer decodes and shrinks the photo); this
//! module only does the arithmetic.
//!
//! Why 32 × 32 = 1,024 bits and not the usual 8 × 8 = 64: every C.Hasil
//! is the same printed form, and at 8 × 8 (even 16 × 16) two different
//! TPS' forms came out identical (the demo's drawn forms: 0 bits apart);
//! at 32 × 32 the closest two of twenty forms were 15 bits apart, while
//! a copy shrunk to ¾ and saved again at JPEG quality 50 was 9 bits away.

use super::{Cek, Tanda};
use crate::KodeTps;
use std::collections::{BTreeMap, HashMap};

/// Bits per side of the hash grid.
pub const SISI: usize = 32;
/// The grey image a hash is made from: (SISI + 1) × SISI, row-major.
pub const PIKSEL: usize = (SISI + 1) * SISI;
/// A dHash: SISI × SISI bits.
pub type Sidik = [u64; SISI * SISI / 64];

/// Bits two dHashes may differ in and still be called the same photo.
pub const JARAK_DHASH_MAKS: u32 = 10;

/// Bands a hash is split into for finding candidates: one more than the
/// distance allowed, so two hashes that close share a band whole.
const PITA: usize = JARAK_DHASH_MAKS as usize + 1;

/// The dHash of a grey image of [`PIKSEL`] bytes ((SISI + 1) × SISI,
/// row-major): bit `SISI·y + x` is set when pixel (x, y) is brighter than
/// (x + 1, y). None for a slice of another length.
pub fn dhash(abu: &[u8]) -> Option<Sidik> {
    if abu.len() != PIKSEL {
        return None;
    }
    let mut h: Sidik = [0; SISI * SISI / 64];
    for y in 0..SISI {
        for x in 0..SISI {
            if abu[y * (SISI + 1) + x] > abu[y * (SISI + 1) + x + 1] {
                let i = y * SISI + x;
                h[i / 64] |= 1 << (i % 64);
            }
        }
    }
    Some(h)
}

pub fn jarak(a: &Sidik, b: &Sidik) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
}

fn bit(h: &Sidik, i: usize) -> bool {
    h[i / 64] >> (i % 64) & 1 == 1
}

/// The hash's [`PITA`] bands, each folded to a key with its index: two
/// hashes within [`JARAK_DHASH_MAKS`] bits share at least one key
/// (pigeonhole), so candidates are found by equality, not by comparing
/// every pair.
pub fn pita(h: &Sidik) -> [u64; PITA] {
    let n = SISI * SISI;
    let mut p = [0u64; PITA];
    for (b, k) in p.iter_mut().enumerate() {
        // FNV-1a over the band's bits, seeded by the band's index.
        let mut x: u64 = 0xcbf2_9ce4_8422_2325 ^ b as u64;
        for i in b * n / PITA..(b + 1) * n / PITA {
            x = (x ^ u64::from(bit(h, i))).wrapping_mul(0x0000_0100_0000_01b3);
        }
        *k = x;
    }
    p
}

/// The hash as hex text (for storing).
pub fn ke_hex(h: &Sidik) -> String {
    h.iter().map(|x| format!("{x:016x}")).collect()
}

/// A hash from [`ke_hex`]'s text; None for anything else.
pub fn dari_hex(s: &str) -> Option<Sidik> {
    let mut h: Sidik = [0; SISI * SISI / 64];
    if s.len() != h.len() * 16 || !s.is_ascii() {
        return None;
    }
    for (i, x) in h.iter_mut().enumerate() {
        *x = u64::from_str_radix(&s[i * 16..(i + 1) * 16], 16).ok()?;
    }
    Some(h)
}

/// One photo of a TPS's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FotoTps {
    pub tps: KodeTps,
    /// Hex SHA-256.
    pub sha256: String,
    /// None when the photo could not be decoded.
    pub dhash: Option<Sidik>,
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
    let mut per_pita: HashMap<u64, Vec<(KodeTps, &Sidik)>> = HashMap::new();
    for f in foto {
        if let Some(h) = &f.dhash {
            for p in pita(h) {
                per_pita.entry(p).or_default().push((f.tps, h));
            }
        }
    }
    for calon in per_pita.values() {
        for (i, (a, ha)) in calon.iter().enumerate() {
            for (b, hb) in &calon[i + 1..] {
                if a != b && jarak(ha, hb) <= JARAK_DHASH_MAKS {
                    tambah(*a, *b, false);
                }
            }
        }
    }
    sama.into_iter()
        .map(|(tps, (persis, mut lain))| {
            lain.sort();
            let daftar = lain
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let (id, en) = if persis {
                (
                    format!("Foto formulir yang sama persis juga dikirim untuk TPS {daftar}."),
                    format!("The very same form photo was also sent for TPS {daftar}."),
                )
            } else {
                (
                    format!(
                        "Foto formulir sangat mirip (mungkin foto yang sama disimpan ulang) dengan foto TPS {daftar}."
                    ),
                    format!(
                        "The form photo is nearly identical (perhaps the same photo saved again) to a photo of TPS {daftar}."
                    ),
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
        KodeTps::new(
            KodeWilayah::parse("31.71.01.1001").unwrap(),
            NomorTps::new(n).unwrap(),
        )
        .unwrap()
    }

    fn gambar(seed: u32) -> Vec<u8> {
        (0..PIKSEL as u32)
            .map(|i| ((i * 37 + seed * 101) % 251) as u8)
            .collect()
    }

    fn balik(h: &Sidik, bits: &[usize]) -> Sidik {
        let mut g = *h;
        for &i in bits {
            g[i / 64] ^= 1 << (i % 64);
        }
        g
    }

    #[test]
    fn dhash_reads_left_right_gradients() {
        let naik: Vec<u8> = (0..PIKSEL).map(|i| (i % (SISI + 1)) as u8 * 7).collect();
        assert_eq!(dhash(&naik), Some([0; 16]));
        let turun: Vec<u8> = naik.iter().map(|p| 240 - p).collect();
        assert_eq!(dhash(&turun), Some([u64::MAX; 16]));
        // Brightening every pixel keeps the hash.
        let terang: Vec<u8> = gambar(3).iter().map(|p| p / 2 + 20).collect();
        assert_eq!(dhash(&gambar(3)), dhash(&terang));
        assert_eq!(dhash(&[0; 10]), None);
    }

    #[test]
    fn hex_round_trips_and_refuses_junk() {
        let h = dhash(&gambar(5)).unwrap();
        assert_eq!(dari_hex(&ke_hex(&h)), Some(h));
        assert_eq!(dari_hex("abc"), None);
        assert_eq!(dari_hex(&"z".repeat(256)), None);
    }

    #[test]
    fn bands_meet_within_the_distance() {
        let a = dhash(&gambar(7)).unwrap();
        for bits in [
            vec![0, 1, 2, 3],
            (0..10).map(|i| i * 100).collect::<Vec<_>>(),
            (500..510).collect(),
        ] {
            let b = balik(&a, &bits);
            assert!(jarak(&a, &b) <= JARAK_DHASH_MAKS);
            assert!(pita(&a).iter().zip(pita(&b)).any(|(x, y)| *x == y));
        }
        assert_eq!(jarak(&[0; 16], &[u64::MAX; 16]), 1024);
    }

    #[test]
    fn same_sha_at_two_tps_flags_both_and_one_tps_alone_nothing() {
        let f = |n, sha: &str| FotoTps {
            tps: tps(n),
            sha256: sha.into(),
            dhash: None,
        };
        assert!(foto_sama(&[f(1, "aa"), f(1, "aa"), f(2, "bb")]).is_empty());
        let t = foto_sama(&[f(1, "aa"), f(2, "aa"), f(3, "cc")]);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].tps, Some(tps(1)));
        assert!(
            t[0].penjelasan.contains("31.71.01.1001-002"),
            "{}",
            t[0].penjelasan
        );
    }

    #[test]
    fn near_dhash_flags_and_far_does_not() {
        let f = |n, sha: &str, h| FotoTps {
            tps: tps(n),
            sha256: sha.into(),
            dhash: Some(h),
        };
        let h = dhash(&gambar(11)).unwrap();
        let dekat = balik(
            &h,
            &(0..JARAK_DHASH_MAKS as usize)
                .map(|i| i * 90)
                .collect::<Vec<_>>(),
        );
        let jauh = balik(&h, &(0..=JARAK_DHASH_MAKS as usize).collect::<Vec<_>>());
        let t = foto_sama(&[
            f(1, "a", h),
            f(2, "b", dekat),
            f(3, "c", dhash(&gambar(200)).unwrap()),
        ]);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[0].english.contains("nearly identical"));
        assert!(foto_sama(&[f(1, "a", h), f(2, "b", jauh)]).is_empty());
    }
}
