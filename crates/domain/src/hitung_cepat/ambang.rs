//! The quick count read by the election's win rule ([`AturanMenang`]):
//! per paslon, the probability that it passes the rule's threshold (or, by
//! most votes, that it leads) and whether its 95 % interval settles it; and
//! what that means for the race: a winner, a second round, a new election,
//! or not yet.
//!
//! Probabilities are normal approximations from each estimate and its
//! standard error, so they agree with the interval: a 95 % interval lies
//! above a threshold exactly when the probability of passing it is at least
//! 97.5 %. Where part of the sample is not in, the interval is widened by
//! the bound on the missing part ([`Taksiran::bobot_tak_pasti`]) and the
//! probability is taken from that widened interval, its midpoint and its
//! half-width over 1.96, so it is as cautious as the interval.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::taksir::{AlasanBelumCukup, KeadaanTaksiran, Putusan, Taksiran, TaksiranProporsi, Z_95};
use crate::AturanMenang;

/// The standard normal distribution function Φ(x), from the
/// complementary error function (W. H. Press et al., *Numerical Recipes*,
/// `erfcc`: relative error below 1.2·10⁻⁷ everywhere).
pub fn phi(x: f64) -> f64 {
    if x.is_nan() {
        return 0.5;
    }
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

impl TaksiranProporsi {
    /// The centre and standard error the probabilities use: the estimate
    /// and its standard error, or, where the interval is wider than
    /// ±1.96·se (part of the sample bounded) and not cut at 0 or 1, its
    /// midpoint and half-width/1.96. None when the error is not measured.
    fn normal(&self) -> Option<(f64, f64)> {
        if self.keadaan != KeadaanTaksiran::Terukur {
            return None;
        }
        let lebar = (self.atas - self.bawah) / 2.0;
        if self.bawah > 0.0 && self.atas < 1.0 && lebar > Z_95 * self.galat_baku * (1.0 + 1e-9) {
            Some(((self.atas + self.bawah) / 2.0, lebar / Z_95))
        } else {
            Some((self.nilai, self.galat_baku))
        }
    }

    /// P(share > `ambang`) by the normal approximation; None when the
    /// error is not measured. With no error at all (a census) it is 1, 0,
    /// or ½ on the threshold itself.
    pub fn peluang_melebihi(&self, ambang: f64) -> Option<f64> {
        let (c, s) = self.normal()?;
        Some(if s > 0.0 {
            phi((c - ambang) / s)
        } else if c > ambang {
            1.0
        } else if c < ambang {
            0.0
        } else {
            0.5
        })
    }
}

/// P(a's share > b's share): the difference's standard error taken as
/// se_a + se_b, which is exact for two paslon (the shares move in
/// opposite directions) and errs wide for more.
fn peluang_mengalahkan(a: &TaksiranProporsi, b: &TaksiranProporsi) -> Option<f64> {
    let ((ca, sa), (cb, sb)) = (a.normal()?, b.normal()?);
    let s = sa + sb;
    let d = ca - cb;
    Some(if s > 0.0 {
        phi(d / s)
    } else if d > 0.0 {
        1.0
    } else if d < 0.0 {
        0.0
    } else {
        0.5
    })
}

/// One paslon (or the blank box) read by the rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PeluangPaslon {
    /// P(share > threshold) for `lebih_50` and `calon_tunggal`; for
    /// `terbanyak`, P(it leads every other), the product of the pairwise
    /// probabilities. None while the error is not measured.
    pub peluang: Option<f64>,
    /// Its 95 % interval lies entirely above the threshold (`terbanyak`:
    /// above every other paslon's interval).
    pub selang_di_atas: bool,
    /// Its 95 % interval lies entirely below the threshold (`terbanyak`:
    /// below some other paslon's interval).
    pub selang_di_bawah: bool,
}

/// What the rule makes of the quick count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kesimpulan", rename_all = "snake_case")]
pub enum Kesimpulan {
    /// Not enough data, or the arrivals too skewed, to say anything
    /// ([`Putusan::BelumCukup`]).
    BelumCukup { alasan: AlasanBelumCukup },
    /// The paslon (index into `per_paslon`) wins by the rule: its interval
    /// leads every other (`terbanyak`) or lies above 50 %.
    Menang { paslon: usize },
    /// The intervals leave it open.
    TerlaluDekat,
    /// `lebih_50`: no paslon's interval lies above 50 % and the leader is
    /// more likely below it than above: a second round between the top
    /// two is likely (`pasti`: every interval lies below 50 %).
    PutaranKedua { pasti: bool },
    /// `calon_tunggal`: the pair's interval lies below 50 %, so the blank
    /// box is not beaten and the election is held again.
    PemilihanUlang,
}

impl fmt::Display for Kesimpulan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kesimpulan::BelumCukup { alasan } => write!(f, "belum cukup data: {alasan}"),
            Kesimpulan::Menang { paslon } => {
                write!(
                    f,
                    "paslon nomor urut {} menang menurut aturannya",
                    paslon + 1
                )
            }
            Kesimpulan::TerlaluDekat => write!(f, "terlalu dekat untuk disimpulkan"),
            Kesimpulan::PutaranKedua { pasti: true } => write!(f, "putaran kedua"),
            Kesimpulan::PutaranKedua { pasti: false } => write!(f, "putaran kedua mungkin"),
            Kesimpulan::PemilihanUlang => {
                write!(f, "kolom kosong tidak terkalahkan: pemilihan ulang")
            }
        }
    }
}

/// The quick count read by one win rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PenilaianAturan {
    pub aturan: AturanMenang,
    /// The share to pass (0.5), None for `terbanyak`.
    pub ambang: Option<f64>,
    /// In the order of [`Taksiran::per_paslon`]; for `calon_tunggal` the
    /// second entry is the blank box.
    pub per_paslon: Vec<PeluangPaslon>,
    pub kesimpulan: Kesimpulan,
}

/// Reads `taksiran` by `aturan`. Nothing is concluded while the estimate
/// itself says not enough is in ([`Putusan::BelumCukup`]: too few TPS, a
/// stratum missing, arrivals skewed, an error not measured); the
/// probabilities are given all the same, for the campaign's own eyes.
pub fn nilai_aturan(taksiran: &Taksiran, aturan: AturanMenang) -> PenilaianAturan {
    let p = &taksiran.per_paslon;
    let ambang = aturan.ambang();
    let per_paslon: Vec<PeluangPaslon> = match ambang {
        Some(t) => p
            .iter()
            .map(|x| PeluangPaslon {
                peluang: x.peluang_melebihi(t),
                selang_di_atas: x.keadaan == KeadaanTaksiran::Terukur && x.bawah > t,
                selang_di_bawah: x.keadaan == KeadaanTaksiran::Terukur && x.atas < t,
            })
            .collect(),
        None => (0..p.len())
            .map(|i| {
                let lain = || (0..p.len()).filter(move |&j| j != i);
                let peluang = lain()
                    .map(|j| peluang_mengalahkan(&p[i], &p[j]))
                    .try_fold(1.0, |acc, x| x.map(|x| acc * x));
                let terukur = p.iter().all(|x| x.keadaan == KeadaanTaksiran::Terukur);
                PeluangPaslon {
                    peluang,
                    selang_di_atas: terukur
                        && p.len() > 1
                        && lain().all(|j| p[i].bawah > p[j].atas),
                    selang_di_bawah: terukur && lain().any(|j| p[i].atas < p[j].bawah),
                }
            })
            .collect(),
    };
    let kesimpulan = match (&taksiran.pemimpin, aturan) {
        (Putusan::BelumCukup { alasan }, _) => Kesimpulan::BelumCukup {
            alasan: alasan.clone(),
        },
        (Putusan::Unggul { paslon }, AturanMenang::Terbanyak) => {
            Kesimpulan::Menang { paslon: *paslon }
        }
        (Putusan::TerlaluDekat, AturanMenang::Terbanyak) => Kesimpulan::TerlaluDekat,
        (_, AturanMenang::Lebih50) => {
            if let Some(i) = per_paslon.iter().position(|x| x.selang_di_atas) {
                Kesimpulan::Menang { paslon: i }
            } else if per_paslon.iter().all(|x| x.selang_di_bawah) {
                Kesimpulan::PutaranKedua { pasti: true }
            } else if per_paslon
                .iter()
                .all(|x| x.peluang.is_some_and(|q| q < 0.5))
            {
                Kesimpulan::PutaranKedua { pasti: false }
            } else {
                Kesimpulan::TerlaluDekat
            }
        }
        (_, AturanMenang::CalonTunggal) => match per_paslon.first() {
            Some(x) if x.selang_di_atas => Kesimpulan::Menang { paslon: 0 },
            Some(x) if x.selang_di_bawah => Kesimpulan::PemilihanUlang,
            _ => Kesimpulan::TerlaluDekat,
        },
    };
    PenilaianAturan {
        aturan,
        ambang,
        per_paslon,
        kesimpulan,
    }
}
