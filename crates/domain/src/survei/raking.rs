//! Raking with trimming, the design effect and weighted shares.

use serde::Serialize;

/// How raking runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OpsiRaking {
    /// Passes over every variable, at most, in each round.
    pub maks_iterasi: usize,
    /// Converged when every category's weighted count is within this
    /// share of its target.
    pub toleransi: f64,
    /// Bounds on a weight as a multiple of the mean weight (None: no
    /// trimming).
    pub pangkas: Option<(f64, f64)>,
    /// Rounds of trimming then raking again, at most.
    pub maks_putaran_pangkas: usize,
}

impl Default for OpsiRaking {
    /// 50 passes, 1e-6, weights within [0.3, 3] × the mean, 10 rounds.
    fn default() -> Self {
        OpsiRaking {
            maks_iterasi: 50,
            toleransi: 1e-6,
            pangkas: Some((0.3, 3.0)),
            maks_putaran_pangkas: 10,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RakingError {
    #[error("tidak ada responden")]
    Kosong,
    #[error("responden {responden} tidak punya kategori untuk setiap variabel")]
    Bentuk { responden: usize },
    #[error("variabel {variabel}: kategori {kategori} di luar daftar sasaran")]
    KategoriTakDikenal { variabel: usize, kategori: usize },
    #[error("variabel {variabel}: sasaran kategori {kategori} tidak sah (harus angka ≥ 0)")]
    SasaranTidakSah { variabel: usize, kategori: usize },
    #[error(
        "variabel {variabel}: kategori {kategori} punya sasaran tetapi tidak ada responden di dalamnya; gabungkan kategori"
    )]
    SelKosong { variabel: usize, kategori: usize },
    #[error("bobot awal responden {responden} harus lebih dari 0")]
    BobotAwal { responden: usize },
    #[error("jumlah sasaran variabel {variabel} ({ini}) tidak sama dengan variabel 0 ({pertama})")]
    JumlahBerbeda {
        variabel: usize,
        ini: f64,
        pertama: f64,
    },
}

/// Weights that match the margins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HasilRaking {
    pub bobot: Vec<f64>,
    /// Passes of the last round.
    pub iterasi: usize,
    /// Rounds of trimming done (0: none was needed).
    pub putaran_pangkas: usize,
    /// Every category within the tolerance at the end.
    pub konvergen: bool,
    /// The largest relative miss of a category's target at the end.
    pub selisih_maks: f64,
}

/// The weights of `n` respondents whose categories are `kategori[i][v]`
/// (respondent `i`, variable `v`) so that each variable's weighted
/// category counts equal `sasaran[v]`, starting from `awal` (None: all
/// 1). Every variable's targets must add up to the same total.
pub fn rake(
    kategori: &[Vec<usize>],
    awal: Option<&[f64]>,
    sasaran: &[Vec<f64>],
    opsi: OpsiRaking,
) -> Result<HasilRaking, RakingError> {
    let n = kategori.len();
    if n == 0 {
        return Err(RakingError::Kosong);
    }
    let jumlah: Vec<f64> = sasaran.iter().map(|s| s.iter().sum()).collect();
    for (v, s) in sasaran.iter().enumerate() {
        if let Some(k) = s.iter().position(|x| !x.is_finite() || *x < 0.0) {
            return Err(RakingError::SasaranTidakSah {
                variabel: v,
                kategori: k,
            });
        }
        if (jumlah[v] - jumlah[0]).abs() > 1e-9 * jumlah[0].max(1.0) {
            return Err(RakingError::JumlahBerbeda {
                variabel: v,
                ini: jumlah[v],
                pertama: jumlah[0],
            });
        }
    }
    let mut ada = sasaran
        .iter()
        .map(|s| vec![false; s.len()])
        .collect::<Vec<_>>();
    for (i, r) in kategori.iter().enumerate() {
        if r.len() != sasaran.len() {
            return Err(RakingError::Bentuk { responden: i });
        }
        for (v, &k) in r.iter().enumerate() {
            if k >= sasaran[v].len() {
                return Err(RakingError::KategoriTakDikenal {
                    variabel: v,
                    kategori: k,
                });
            }
            ada[v][k] = true;
        }
    }
    for (v, s) in sasaran.iter().enumerate() {
        if let Some(k) = (0..s.len()).find(|&k| s[k] > 0.0 && !ada[v][k]) {
            return Err(RakingError::SelKosong {
                variabel: v,
                kategori: k,
            });
        }
    }
    let mut w: Vec<f64> = match awal {
        Some(a) => {
            if let Some(i) = a.iter().position(|x| !(x.is_finite() && *x > 0.0)) {
                return Err(RakingError::BobotAwal { responden: i });
            }
            a.to_vec()
        }
        None => vec![1.0; n],
    };
    let (mut iterasi, mut selisih) = ipf(kategori, &mut w, sasaran, opsi);
    let mut putaran = 0;
    if let Some((bawah, atas)) = opsi.pangkas {
        while putaran < opsi.maks_putaran_pangkas {
            let rata = w.iter().sum::<f64>() / n as f64;
            let (lo, hi) = (bawah * rata, atas * rata);
            // A hair of slack: raking again moves bounded weights by
            // about the tolerance, which is no reason for another round.
            let lewat = w
                .iter()
                .any(|x| *x < lo * (1.0 - 1e-9) || *x > hi * (1.0 + 1e-9));
            if !lewat {
                break;
            }
            for x in &mut w {
                *x = x.clamp(lo, hi);
            }
            putaran += 1;
            (iterasi, selisih) = ipf(kategori, &mut w, sasaran, opsi);
        }
    }
    Ok(HasilRaking {
        bobot: w,
        iterasi,
        putaran_pangkas: putaran,
        konvergen: selisih <= opsi.toleransi,
        selisih_maks: selisih,
    })
}

/// Passes of proportional fitting until every category is within the
/// tolerance or the passes run out: (passes, the largest relative miss).
fn ipf(
    kategori: &[Vec<usize>],
    w: &mut [f64],
    sasaran: &[Vec<f64>],
    opsi: OpsiRaking,
) -> (usize, f64) {
    let mut selisih = meleset(kategori, w, sasaran);
    let mut iterasi = 0;
    while selisih > opsi.toleransi && iterasi < opsi.maks_iterasi {
        for (v, s) in sasaran.iter().enumerate() {
            let t = totals(kategori, w, v, s.len());
            let faktor: Vec<f64> = s
                .iter()
                .zip(&t)
                .map(|(target, kini)| if *kini > 0.0 { target / kini } else { 0.0 })
                .collect();
            for (x, r) in w.iter_mut().zip(kategori) {
                *x *= faktor[r[v]];
            }
        }
        iterasi += 1;
        selisih = meleset(kategori, w, sasaran);
    }
    (iterasi, selisih)
}

fn totals(kategori: &[Vec<usize>], w: &[f64], v: usize, k: usize) -> Vec<f64> {
    let mut t = vec![0.0; k];
    for (x, r) in w.iter().zip(kategori) {
        t[r[v]] += x;
    }
    t
}

/// The largest miss of a category's target, relative to the target (to
/// the whole for a zero target).
fn meleset(kategori: &[Vec<usize>], w: &[f64], sasaran: &[Vec<f64>]) -> f64 {
    let mut maks: f64 = 0.0;
    for (v, s) in sasaran.iter().enumerate() {
        let semua: f64 = s.iter().sum();
        for (target, kini) in s.iter().zip(totals(kategori, w, v, s.len())) {
            let dasar = if *target > 0.0 {
                *target
            } else {
                semua.max(1.0)
            };
            maks = maks.max((kini - target).abs() / dasar);
        }
    }
    maks
}

/// Kish's design effect of unequal weights, `n Σw² / (Σw)²` (1 for equal
/// weights), and the effective sample size `n / deff`.
pub fn efek_desain(bobot: &[f64]) -> (f64, f64) {
    let n = bobot.len() as f64;
    let s: f64 = bobot.iter().sum();
    let s2: f64 = bobot.iter().map(|w| w * w).sum();
    if n == 0.0 || s <= 0.0 {
        return (1.0, 0.0);
    }
    let deff = n * s2 / (s * s);
    (deff, n / deff)
}

/// The weighted share of the respondents for whom `pilih` holds, and its
/// 95 % margin `1.96 √(deff · p(1−p) / n)` with the weights' design
/// effect: (share, margin). None without respondents.
pub fn bagian_tertimbang(bobot: &[f64], pilih: &[bool]) -> Option<(f64, f64)> {
    let n = bobot.len();
    let s: f64 = bobot.iter().sum();
    if n == 0 || s <= 0.0 || pilih.len() != n {
        return None;
    }
    let p = bobot
        .iter()
        .zip(pilih)
        .filter(|(_, y)| **y)
        .map(|(w, _)| w)
        .sum::<f64>()
        / s;
    let (deff, _) = efek_desain(bobot);
    Some((p, 1.96 * (deff * p * (1.0 - p) / n as f64).sqrt()))
}

#[cfg(test)]
#[path = "raking_tests.rs"]
mod tests;
