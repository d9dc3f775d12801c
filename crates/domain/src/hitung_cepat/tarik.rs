//! The draw: which TPS are in the sample, reproducible by anybody from the
//! published TPS list, design and seed.

use sha2::digest::generic_array::GenericArray;
use sha2::digest::typenum::U64;
use sha2::{Digest, Sha256};

use super::{
    DesainSampel, GalatHitungCepat, Kerangka, Sampel, StrataSampel, TpsPopulasi, TpsTerpilih,
};

/// The random key of a TPS in the draw: SHA-256 of the seed as 8 bytes,
/// big-endian, then the byte `:` (0x3A), then the UTF-8 bytes of the TPS
/// code. For seed 42 and `3273011001-003` the hashed bytes are
/// `00 00 00 00 00 00 00 2A 3A 33 32 37 33 …`.
///
/// Our own scheme rather than a PRNG crate's: a library may change its
/// algorithm between versions, SHA-256 will not, and any language has it.
pub fn kunci_acak(benih: u64, kode: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(benih.to_be_bytes());
    h.update(b":");
    h.update(kode.as_bytes());
    h.finalize().into()
}

/// One 64-byte SHA-256 block.
type Blok = GenericArray<u8, U64>;

/// SHA-256's initial state (FIPS 180-4 §5.3.3).
const H0: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// Longest code whose message (8 + 1 + code bytes) fits one padded
/// SHA-256 block: 64 bytes less the `0x80` marker and the 8-byte length.
const MAKS_SATU_BLOK: usize = 64 - 1 - 8 - 9;

/// [`kunci_acak`] as its eight big-endian words (comparing them in order
/// is comparing the 32 bytes), padding the one block by hand and calling
/// the compression function directly when the code is short enough, as
/// every TPS code is. Same value, about 20 times faster in an unoptimised
/// build, which is what the honesty tests, drawing thousands of samples
/// from 44,000 TPS, run as. `blok` holds the seed and `:` in its first
/// 9 bytes.
fn kunci_cepat(blok: &mut [Blok; 1], benih: u64, kode: &str) -> [u32; 8] {
    let byte = kode.as_bytes();
    if byte.len() > MAKS_SATU_BLOK {
        let k = kunci_acak(benih, kode);
        return std::array::from_fn(|i| {
            u32::from_be_bytes([k[4 * i], k[4 * i + 1], k[4 * i + 2], k[4 * i + 3]])
        });
    }
    let len = 9 + byte.len();
    let b = &mut blok[0];
    b[9..len].copy_from_slice(byte);
    b[len] = 0x80;
    b[len + 1..56].fill(0);
    b[56..].copy_from_slice(&(len as u64 * 8).to_be_bytes());
    let mut state = H0;
    sha2::compress256(&mut state, blok);
    state
}

impl Kerangka {
    /// Draws the sample of `desain` from this frame.
    ///
    /// The algorithm, complete enough to re-implement from the published
    /// TPS list (code, desa code, DPT of every TPS), design and seed:
    ///
    /// 1. **Strata.** Each TPS's stratum key is the first 4 (kab/kota) or
    ///    6 (kecamatan) digits of its desa code, dots and other non-digits
    ///    removed; without stratification there is one stratum. Strata are
    ///    ordered by key (byte order).
    /// 2. **Sizes.** n_h per stratum as [`Kerangka::alokasikan`] describes
    ///    (integer arithmetic; ties to the smaller key).
    /// 3. **TPS.** Within each stratum, every TPS gets the key
    ///    [`kunci_acak`]`(benih, kode)` = SHA-256(benih as 8 big-endian
    ///    bytes ‖ `:` ‖ code bytes). The n_h TPS with the smallest keys,
    ///    compared as 32-byte strings (byte by byte, unsigned), are the
    ///    sample; equal keys (practically impossible) go to the smaller
    ///    code.
    ///
    /// This is simple random sampling without replacement within each
    /// stratum: the keys are a uniformly random ordering of the TPS that
    /// the seed fixes. The result does not depend on the order of the TPS
    /// list, only on its content: anybody holding the list and the seed
    /// gets the same TPS, and a sample that was redrawn under another seed
    /// is plain to see. Publish the seed before election day.
    pub fn tarik(&self, desain: &DesainSampel) -> Result<Sampel, GalatHitungCepat> {
        if desain.stratifikasi != self.stratifikasi {
            return Err(GalatHitungCepat::StratifikasiBeda {
                kerangka: self.stratifikasi,
                desain: desain.stratifikasi,
            });
        }
        let ukuran = self.alokasikan(desain.alokasi, desain.ukuran)?;
        let mut blok = [Blok::default()];
        blok[0][..8].copy_from_slice(&desain.benih.to_be_bytes());
        blok[0][8] = b':';
        let mut tps = Vec::with_capacity(desain.ukuran as usize);
        let mut strata = Vec::with_capacity(self.strata.len());
        let mut kunci: Vec<([u32; 8], usize)> = Vec::new();
        for (h, (s, &n)) in self.strata.iter().zip(&ukuran).enumerate() {
            strata.push(StrataSampel {
                kunci: s.kunci.clone(),
                jumlah_tps: s.jumlah_tps(),
                dpt: s.dpt,
                ukuran: n,
            });
            let n = n as usize;
            let pilih = |i: usize| TpsTerpilih {
                kode: s.tps[i].0.clone(),
                strata: h,
                dpt: s.tps[i].1,
            };
            if n >= s.tps.len() {
                // A census of the stratum: every key would be taken anyway.
                tps.extend((0..s.tps.len()).map(pilih));
                continue;
            }
            // `s.tps` is sorted by code, so comparing (key, index) breaks
            // ties by code as specified.
            kunci.clear();
            kunci.extend(
                s.tps
                    .iter()
                    .enumerate()
                    .map(|(i, (kode, _))| (kunci_cepat(&mut blok, desain.benih, kode), i)),
            );
            if n > 0 {
                kunci.select_nth_unstable(n - 1);
            }
            let mut terpilih: Vec<usize> = kunci[..n].iter().map(|k| k.1).collect();
            terpilih.sort_unstable();
            tps.extend(terpilih.into_iter().map(pilih));
        }
        Ok(Sampel {
            desain: *desain,
            strata,
            tps,
        })
    }
}

/// [`Kerangka::susun`] then [`Kerangka::tarik`]: the sample of `desain`
/// from a TPS list in any order.
pub fn tarik(desain: &DesainSampel, populasi: &[TpsPopulasi]) -> Result<Sampel, GalatHitungCepat> {
    Kerangka::susun(desain.stratifikasi, populasi)?.tarik(desain)
}

#[cfg(test)]
mod uji {
    use super::*;

    #[test]
    fn the_fast_key_is_sha256() {
        // Every code length across the one-block limit, odd bytes included.
        let mut blok = [Blok::default()];
        for benih in [0, 1, 42, u64::MAX] {
            blok[0][..8].copy_from_slice(&benih.to_be_bytes());
            blok[0][8] = b':';
            for len in 0..=80 {
                let kode: String = (0..len).map(|i| ['3', '-', 'é', 'x'][i % 4]).collect();
                let k = kunci_acak(benih, &kode);
                let cepat: Vec<u8> = kunci_cepat(&mut blok, benih, &kode)
                    .iter()
                    .flat_map(|w| w.to_be_bytes())
                    .collect();
                assert_eq!(cepat, k, "benih {benih}, {len} chars");
            }
        }
    }
}
