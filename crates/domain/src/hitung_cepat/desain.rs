//! The sample design before the draw: the frame (TPS grouped into strata),
//! how the sample size is split over the strata, and the margin of error
//! the manager should expect from it.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{Alokasi, GalatHitungCepat, Stratifikasi, TpsPopulasi};
use crate::hitung_cepat::taksir::Z_95;

/// Between-TPS standard deviation of a paslon's share within a stratum,
/// assumed when there is no history: 0.15 is a typical spread between TPS
/// of one kab/kota for a share near 50 % (the worst case for the margin).
pub const SEBARAN_ANTAR_TPS_BAWAAN: f64 = 0.15;

/// Historical TPS a stratum needs before its own spread is trusted
/// ([`Sebaran::dari_riwayat`]); fewer, and the pooled spread of all
/// strata is used, because a standard deviation from three TPS can be
/// anything, zero included, and a zero would promise a margin nobody gets.
pub const MIN_RIWAYAT_STRATA: usize = 10;

/// Fewest TPS sampled in a stratum that has at least that many: with one,
/// the stratum's variance cannot be estimated from the sample itself.
const MIN_PER_STRATA: u32 = 2;

/// One stratum of a [`Kerangka`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrataKerangka {
    pub kunci: String,
    /// DPT of all its TPS.
    pub dpt: u64,
    /// Its TPS as `(kode, dpt)`, sorted by code.
    pub(crate) tps: Vec<(String, u32)>,
}

impl StrataKerangka {
    /// N_h.
    pub fn jumlah_tps(&self) -> u32 {
        self.tps.len() as u32
    }

    /// Codes of its TPS, sorted.
    pub fn kode_tps(&self) -> impl Iterator<Item = &str> {
        self.tps.iter().map(|(k, _)| k.as_str())
    }
}

/// The sampling frame (kerangka sampel): every TPS of the election region,
/// checked and grouped into strata sorted by key. Build it once; allocate,
/// predict margins and draw from it as often as needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kerangka {
    pub(crate) stratifikasi: Stratifikasi,
    pub(crate) strata: Vec<StrataKerangka>,
    pub(crate) jumlah_tps: u32,
    pub(crate) dpt: u64,
}

impl Kerangka {
    /// Checks the TPS list and groups it. Refused: an empty list, a TPS
    /// without a code, a code listed twice (it would double that TPS's
    /// chance), and, when stratified, a desa code too short to read the
    /// stratum from. The order of `populasi` does not matter.
    pub fn susun(
        stratifikasi: Stratifikasi,
        populasi: &[TpsPopulasi],
    ) -> Result<Kerangka, GalatHitungCepat> {
        if populasi.is_empty() {
            return Err(GalatHitungCepat::PopulasiKosong);
        }
        if populasi.len() > u32::MAX as usize {
            return Err(GalatHitungCepat::UkuranTerlaluBesar {
                ukuran: u32::MAX,
                populasi: u32::MAX,
            });
        }
        let mut kode_ada: HashSet<&str> = HashSet::with_capacity(populasi.len());
        let mut kelompok: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
        for (i, t) in populasi.iter().enumerate() {
            if t.kode.is_empty() {
                return Err(GalatHitungCepat::KodeKosong { baris: i + 1 });
            }
            if !kode_ada.insert(t.kode.as_str()) {
                return Err(GalatHitungCepat::KodeGanda(t.kode.clone()));
            }
            let kunci = stratifikasi.kunci_strata(&t.kode_desa);
            if stratifikasi != Stratifikasi::Tanpa && kunci.len() < stratifikasi.digit() {
                return Err(GalatHitungCepat::KodeDesaPendek {
                    kode: t.kode.clone(),
                    kode_desa: t.kode_desa.clone(),
                    butuh: stratifikasi.digit(),
                    stratifikasi,
                });
            }
            kelompok
                .entry(kunci)
                .or_default()
                .push((t.kode.clone(), t.dpt));
        }
        let strata: Vec<StrataKerangka> = kelompok
            .into_iter()
            .map(|(kunci, mut tps)| {
                tps.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                StrataKerangka {
                    kunci,
                    dpt: tps.iter().map(|t| u64::from(t.1)).sum(),
                    tps,
                }
            })
            .collect();
        Ok(Kerangka {
            stratifikasi,
            jumlah_tps: populasi.len() as u32,
            dpt: strata.iter().map(|s| s.dpt).sum(),
            strata,
        })
    }

    pub fn stratifikasi(&self) -> Stratifikasi {
        self.stratifikasi
    }

    /// The strata, sorted by key.
    pub fn strata(&self) -> &[StrataKerangka] {
        &self.strata
    }

    /// N: all TPS.
    pub fn jumlah_tps(&self) -> u32 {
        self.jumlah_tps
    }

    /// DPT of all TPS.
    pub fn dpt(&self) -> u64 {
        self.dpt
    }

    /// The smallest sample every stratum can get its minimum from: 2 TPS
    /// per stratum, or all of a stratum smaller than that.
    pub fn ukuran_minimum(&self) -> u32 {
        self.strata
            .iter()
            .map(|s| s.jumlah_tps().min(MIN_PER_STRATA))
            .sum()
    }

    /// n_h for every stratum, in [`strata`](Self::strata) order, adding up
    /// to `ukuran` exactly.
    ///
    /// Each stratum gets a share of `ukuran` in proportion to its weight
    /// (its DPT, or 1 for [`Alokasi::Merata`]; a list without any DPT is
    /// split by TPS count), bounded below by 2 (or N_h if smaller) and
    /// above by N_h. Bounds are honoured by fixing the strata that break
    /// them and sharing the rest among the others: each round fixes either
    /// every stratum below its minimum or every one above its maximum,
    /// whichever side is off by more, which settles on the unique
    /// proportional split within bounds. The free strata's quotas are then
    /// rounded by largest remainder (ties to the smaller key). All
    /// arithmetic is on integers, so every machine gets the same n_h.
    /// Like any largest-remainder split it can give a stratum one TPS less
    /// when `ukuran` grows by one (the Alabama paradox); each n_h stays
    /// within one of its quota.
    pub fn alokasikan(&self, alokasi: Alokasi, ukuran: u32) -> Result<Vec<u32>, GalatHitungCepat> {
        if ukuran > self.jumlah_tps {
            return Err(GalatHitungCepat::UkuranTerlaluBesar {
                ukuran,
                populasi: self.jumlah_tps,
            });
        }
        let minimum = self.ukuran_minimum();
        if ukuran < minimum {
            return Err(GalatHitungCepat::UkuranTerlaluKecil {
                ukuran,
                minimum,
                strata: self.strata.len(),
            });
        }
        let bobot: Vec<u128> = match alokasi {
            Alokasi::ProporsionalDpt if self.dpt > 0 => {
                self.strata.iter().map(|s| u128::from(s.dpt)).collect()
            }
            Alokasi::ProporsionalDpt => self
                .strata
                .iter()
                .map(|s| u128::from(s.jumlah_tps()))
                .collect(),
            Alokasi::Merata => vec![1; self.strata.len()],
        };
        let bawah: Vec<u32> = self
            .strata
            .iter()
            .map(|s| s.jumlah_tps().min(MIN_PER_STRATA))
            .collect();
        let atas: Vec<u32> = self.strata.iter().map(StrataKerangka::jumlah_tps).collect();
        Ok(bagi_berbatas(ukuran, bobot, &bawah, &atas))
    }

    /// Expected 95 % margin of error (as a fraction: 0.0144 = ±1.44
    /// points) of a paslon's share for this design, before anything is
    /// drawn:
    ///
    /// `MoE ≈ 1.96 · sqrt( Σ_h W_h² (1 − f_h) σ_h² / n_h )`
    ///
    /// with W_h the stratum's share of DPT (standing in for its share of
    /// valid votes, which the estimator weights by), f_h = n_h / N_h and
    /// σ_h the between-TPS spread of the share within the stratum (see
    /// [`Sebaran`]). It is the variance of [`taksir`](super::taksir) with
    /// σ_h in place of the sample's relative residual spread, so the two
    /// agree when σ_h is right. It assumes every sampled TPS reports.
    pub fn margin_perkiraan(
        &self,
        alokasi: Alokasi,
        ukuran: u32,
        sebaran: &Sebaran,
    ) -> Result<f64, GalatHitungCepat> {
        sebaran.periksa()?;
        let n_h = self.alokasikan(alokasi, ukuran)?;
        Ok(self.margin_dari_alokasi(&n_h, sebaran))
    }

    fn margin_dari_alokasi(&self, n_h: &[u32], sebaran: &Sebaran) -> f64 {
        // W_h: the stratum's share of DPT, or of TPS for a list without DPT.
        let pakai_dpt = self.dpt > 0;
        let total = if pakai_dpt {
            self.dpt as f64
        } else {
            f64::from(self.jumlah_tps)
        };
        let bobot = |s: &StrataKerangka| {
            if pakai_dpt {
                s.dpt as f64
            } else {
                f64::from(s.jumlah_tps())
            }
        };
        let mut v = 0.0;
        for (s, &n) in self.strata.iter().zip(n_h) {
            if n == 0 {
                continue;
            }
            let w = bobot(s) / total;
            let f = f64::from(n) / f64::from(s.jumlah_tps());
            let sigma = sebaran.untuk(&s.kunci);
            v += w * w * (1.0 - f) * sigma * sigma / f64::from(n);
        }
        Z_95 * v.max(0.0).sqrt()
    }

    /// The smallest sample size (split by `alokasi`) whose expected margin
    /// ([`margin_perkiraan`](Self::margin_perkiraan)) is at most
    /// `target_margin`, e.g. 0.01 for ±1 point. Found by binary search
    /// between [`ukuran_minimum`](Self::ukuran_minimum) and N; rounding of
    /// the allocation can make the margin wiggle by a hair as n grows, so
    /// the answer is the smallest n on the search path that meets the
    /// target, and it always does.
    pub fn ukuran_untuk_margin(
        &self,
        alokasi: Alokasi,
        target_margin: f64,
        sebaran: &Sebaran,
    ) -> Result<u32, GalatHitungCepat> {
        if !(target_margin > 0.0 && target_margin < 1.0) {
            return Err(GalatHitungCepat::TargetMarginTidakSah(target_margin));
        }
        sebaran.periksa()?;
        let margin = |n: u32| -> Result<f64, GalatHitungCepat> {
            Ok(self.margin_dari_alokasi(&self.alokasikan(alokasi, n)?, sebaran))
        };
        let mut lo = self.ukuran_minimum();
        if margin(lo)? <= target_margin {
            return Ok(lo);
        }
        // margin(lo) > target, margin(N) = 0 ≤ target.
        let mut hi = self.jumlah_tps;
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if margin(mid)? <= target_margin {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(hi)
    }
}

/// Splits `n` in proportion to `bobot` within `[bawah, atas]` per entry;
/// requires Σbawah ≤ n ≤ Σatas and bawah ≤ atas (checked by the caller).
fn bagi_berbatas(n: u32, mut bobot: Vec<u128>, bawah: &[u32], atas: &[u32]) -> Vec<u32> {
    let h = bobot.len();
    let mut tetap: Vec<Option<u32>> = vec![None; h];
    loop {
        let bebas: Vec<usize> = (0..h).filter(|&i| tetap[i].is_none()).collect();
        if bebas.is_empty() {
            break;
        }
        let n_bebas = u128::from(n - tetap.iter().flatten().sum::<u32>());
        let mut w_bebas: u128 = bebas.iter().map(|&i| bobot[i]).sum();
        if w_bebas == 0 {
            // Only weightless strata are left: share equally among them.
            for &i in &bebas {
                bobot[i] = 1;
            }
            w_bebas = bebas.len() as u128;
        }
        // Quota of i is n_bebas·w_i / w_bebas; compare numerators over the
        // common denominator w_bebas to stay exact.
        let mut kurang: u128 = 0;
        let mut lebih: u128 = 0;
        for &i in &bebas {
            let q = n_bebas * bobot[i];
            let lo = u128::from(bawah[i]) * w_bebas;
            let hi = u128::from(atas[i]) * w_bebas;
            if q < lo {
                kurang += lo - q;
            } else if q > hi {
                lebih += q - hi;
            }
        }
        if kurang == 0 && lebih == 0 {
            break;
        }
        // Σ clamp(quota) − n_bebas = kurang − lebih: if the clamped quotas
        // add up to too much, the true proportion factor is smaller, so
        // every stratum below its minimum now stays there; otherwise
        // every one above its maximum does.
        for &i in &bebas {
            let q = n_bebas * bobot[i];
            if kurang >= lebih && q < u128::from(bawah[i]) * w_bebas {
                tetap[i] = Some(bawah[i]);
            } else if kurang < lebih && q > u128::from(atas[i]) * w_bebas {
                tetap[i] = Some(atas[i]);
            }
        }
    }
    let bebas: Vec<usize> = (0..h).filter(|&i| tetap[i].is_none()).collect();
    let mut hasil: Vec<u32> = tetap.iter().map(|t| t.unwrap_or(0)).collect();
    if !bebas.is_empty() {
        let n_bebas = n - hasil.iter().sum::<u32>();
        let w_bebas: u128 = bebas.iter().map(|&i| bobot[i]).sum();
        let mut sisa: Vec<(u128, usize)> = Vec::with_capacity(bebas.len());
        let mut dibagi = 0u32;
        for &i in &bebas {
            let q = u128::from(n_bebas) * bobot[i];
            let bulat = (q / w_bebas) as u32;
            hasil[i] = bulat;
            dibagi += bulat;
            sisa.push((q % w_bebas, i));
        }
        // Largest remainder first, then the smaller key (lower index).
        sisa.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in sisa.iter().take((n_bebas - dibagi) as usize) {
            hasil[i] += 1;
        }
    }
    debug_assert_eq!(hasil.iter().sum::<u32>(), n);
    debug_assert!((0..h).all(|i| bawah[i] <= hasil[i] && hasil[i] <= atas[i]));
    hasil
}

/// One TPS of a previous election, for [`Sebaran::dari_riwayat`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiwayatTps {
    pub kode_desa: String,
    /// The share of the party or candidate the spread is estimated for,
    /// as a fraction of valid votes.
    pub bagian: f64,
    pub suara_sah: u64,
}

/// The between-TPS spread σ_h of a share within each stratum, for the
/// expected margin: one figure per stratum key, and `cadangan` for any
/// stratum not listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sebaran {
    pub cadangan: f64,
    pub per_strata: BTreeMap<String, f64>,
}

impl Sebaran {
    /// The same spread everywhere; [`SEBARAN_ANTAR_TPS_BAWAAN`] without
    /// history.
    pub fn seragam(sebaran_antar_tps: f64) -> Sebaran {
        Sebaran {
            cadangan: sebaran_antar_tps,
            per_strata: BTreeMap::new(),
        }
    }

    /// Spreads estimated from a previous election's per-TPS shares, as the
    /// estimator will see them: σ_h² = Σ mᵢ²(sᵢ − p_h)² / (K_h − 1) / m̄_h²,
    /// with sᵢ the share and mᵢ the valid votes of TPS i, p_h = Σmᵢsᵢ/Σmᵢ
    /// and m̄_h the mean valid votes of the K_h TPS of the stratum (with
    /// equal mᵢ it is the plain standard deviation of the shares). A stratum
    /// with fewer than [`MIN_RIWAYAT_STRATA`] TPS of history, or none, gets
    /// `cadangan`, which becomes the pooled within-stratum spread of the
    /// whole history when that has at least [`MIN_RIWAYAT_STRATA`] degrees
    /// of freedom. TPS without valid votes or with a share outside [0, 1]
    /// are skipped.
    pub fn dari_riwayat(
        stratifikasi: Stratifikasi,
        riwayat: &[RiwayatTps],
        cadangan: f64,
    ) -> Sebaran {
        let mut kelompok: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
        for r in riwayat {
            if r.suara_sah == 0 || !(0.0..=1.0).contains(&r.bagian) {
                continue;
            }
            kelompok
                .entry(stratifikasi.kunci_strata(&r.kode_desa))
                .or_default()
                .push((r.bagian, r.suara_sah as f64));
        }
        let mut per_strata = BTreeMap::new();
        let (mut gabung, mut derajat) = (0.0, 0usize);
        for (kunci, tps) in kelompok {
            let k = tps.len();
            if k < 2 {
                continue;
            }
            let jm: f64 = tps.iter().map(|t| t.1).sum();
            let p = tps.iter().map(|t| t.0 * t.1).sum::<f64>() / jm;
            let mbar = jm / k as f64;
            let s2 = tps.iter().map(|&(s, m)| (m * (s - p)).powi(2)).sum::<f64>()
                / (k - 1) as f64
                / (mbar * mbar);
            gabung += s2 * (k - 1) as f64;
            derajat += k - 1;
            if k >= MIN_RIWAYAT_STRATA {
                per_strata.insert(kunci, s2.sqrt());
            }
        }
        let cadangan = if derajat >= MIN_RIWAYAT_STRATA {
            (gabung / derajat as f64).sqrt()
        } else {
            cadangan
        };
        Sebaran {
            cadangan,
            per_strata,
        }
    }

    /// σ_h of a stratum.
    pub fn untuk(&self, kunci: &str) -> f64 {
        self.per_strata.get(kunci).copied().unwrap_or(self.cadangan)
    }

    fn periksa(&self) -> Result<(), GalatHitungCepat> {
        for &s in std::iter::once(&self.cadangan).chain(self.per_strata.values()) {
            if !(0.0..=1.0).contains(&s) {
                return Err(GalatHitungCepat::SebaranTidakSah(s));
            }
        }
        Ok(())
    }
}
