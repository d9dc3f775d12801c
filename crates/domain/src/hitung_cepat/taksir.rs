//! Estimation from the sampled TPS that have reported: shares with their
//! margins, what is still missing, how skewed the arrivals are, and whether
//! a leader may be called.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::rasio::Rasio;
use super::{GalatHitungCepat, Sampel};

/// The normal quantile of a two-sided 95 % interval.
pub const Z_95: f64 = 1.96;

/// Fewest sampled TPS in before a leader is called ([`Putusan`]). Below
/// it the normal approximation behind the margin is not to be trusted,
/// whatever the margin says.
pub const MIN_TPS_PUTUSAN: u32 = 30;

/// Largest arrival imbalance ([`Taksiran::keseimbangan`]) at which a
/// leader may be called. Above it the reports in lean on some strata so
/// much that a call would rest on the guess of what the others hold.
pub const MAKS_KETIMPANGAN: f64 = 0.10;

/// Turnout of a cell whose reports are not in lies in `[0, 1.025]`: the
/// DPT plus the 2.5 % ballot reserve.
const BATAS_PARTISIPASI: f64 = 1.025;

/// One sampled TPS's reported result (from a verified C.Hasil).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaporanTps {
    /// The TPS code as in [`TpsTerpilih::kode`](super::TpsTerpilih::kode).
    pub kode: String,
    /// Votes per paslon, in nomor-urut order. Their sum is the valid votes.
    pub suara_paslon: Vec<u64>,
    pub tidak_sah: u64,
    /// DPT as on the form.
    pub dpt: u64,
}

impl LaporanTps {
    /// Valid votes: the sum of the paslon's votes.
    pub fn suara_sah(&self) -> u64 {
        self.suara_paslon
            .iter()
            .fold(0u64, |a, &b| a.saturating_add(b))
    }
}

/// Whether a [`TaksiranProporsi`]'s margin is a real one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeadaanTaksiran {
    /// Value and margin estimated from the reports.
    Terukur,
    /// The value is estimated but its error is not (no stratum has two
    /// reports yet): the interval is all of `[0, 1]`.
    GalatTakTerukur,
    /// No data: no report, or nothing in the denominator (no valid votes).
    /// The value is 0 and the interval all of `[0, 1]`.
    TanpaData,
}

/// An estimated proportion with its 95 % interval. Never NaN: when
/// nothing can be said the interval is `[0, 1]` and [`keadaan`](Self::keadaan)
/// says why.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TaksiranProporsi {
    pub nilai: f64,
    pub galat_baku: f64,
    /// 1.96 × `galat_baku`; 1 when the margin is not estimated (the
    /// interval is then all of `[0, 1]`).
    pub margin_95: f64,
    /// `nilai − margin_95`, not below 0.
    pub bawah: f64,
    /// `nilai + margin_95`, not above 1 for a share of votes (turnout may
    /// exceed 1 where more voted than the DPT lists, so it is not capped).
    pub atas: f64,
    pub keadaan: KeadaanTaksiran,
}

impl TaksiranProporsi {
    pub(super) fn tak_terukur(nilai: f64, keadaan: KeadaanTaksiran) -> TaksiranProporsi {
        TaksiranProporsi {
            nilai,
            galat_baku: 1.0 / Z_95,
            margin_95: 1.0,
            bawah: 0.0,
            atas: 1.0_f64.max(nilai),
            keadaan,
        }
    }

    /// Whether `x` lies in the 95 % interval.
    pub fn memuat(&self, x: f64) -> bool {
        self.bawah <= x && x <= self.atas
    }
}

/// Arrival and balance of one stratum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrataMasuk {
    pub kunci: String,
    /// k_h: sampled TPS reported.
    pub masuk: u32,
    /// n_h: sampled TPS.
    pub sampel: u32,
    /// The stratum's share of the sampled TPS's DPT.
    pub bobot_desain: f64,
    /// The stratum's share of the reported TPS's DPT (0 when none is in).
    pub bobot_masuk: f64,
}

impl StrataMasuk {
    /// k_h / n_h.
    pub fn fraksi_masuk(&self) -> f64 {
        if self.sampel == 0 {
            0.0
        } else {
            f64::from(self.masuk) / f64::from(self.sampel)
        }
    }
}

/// Why no leader may be called yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "alasan", rename_all = "snake_case")]
pub enum AlasanBelumCukup {
    /// Fewer than two paslon entries in the reports.
    KurangDariDuaPaslon,
    TpsKurang {
        masuk: u32,
        minimum: u32,
    },
    /// Some strata have no report; the estimate covers only the others.
    StrataBelumMasuk {
        jumlah: usize,
        bobot_dpt: f64,
    },
    /// A paslon's margin could not be estimated.
    GalatTakTerukur,
    /// The reports in are spread over the strata far from the sample's
    /// spread (early reports come from towns).
    KedatanganTimpang {
        ketimpangan: f64,
        maksimum: f64,
    },
}

impl fmt::Display for AlasanBelumCukup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AlasanBelumCukup::KurangDariDuaPaslon => {
                write!(f, "laporan memuat kurang dari dua paslon")
            }
            AlasanBelumCukup::TpsKurang { masuk, minimum } => write!(
                f,
                "baru {masuk} TPS sampel masuk; putusan butuh sedikitnya {minimum}"
            ),
            AlasanBelumCukup::StrataBelumMasuk { jumlah, bobot_dpt } => write!(
                f,
                "{jumlah} strata ({:.1} % DPT) belum punya laporan; taksiran hanya mewakili strata lain",
                bobot_dpt * 100.0
            ),
            AlasanBelumCukup::GalatTakTerukur => {
                write!(f, "galat taksiran belum bisa dihitung")
            }
            AlasanBelumCukup::KedatanganTimpang {
                ketimpangan,
                maksimum,
            } => write!(
                f,
                "kedatangan timpang {:.1} % (batas {:.1} %): laporan yang masuk belum tersebar seperti sampel",
                ketimpangan * 100.0,
                maksimum * 100.0
            ),
        }
    }
}

/// Whether a leader may be called.
///
/// The rule: call the leader only when every stratum has reported, at
/// least [`MIN_TPS_PUTUSAN`] sampled TPS are in, the arrivals are spread
/// over the strata like the sample (imbalance at most
/// [`MAKS_KETIMPANGAN`]), every margin is estimated (the part of the
/// sample not yet in widens it), and the leader's 95 % interval lies entirely above the
/// runner-up's (the intervals separate). With two paslon that is exactly
/// "the leader's share is above 50 % with 95 % confidence"; with more it
/// is stricter than a test of the difference, which is the side to err on
/// for a call that may be broadcast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "putusan", rename_all = "snake_case")]
pub enum Putusan {
    /// Index into [`Taksiran::per_paslon`] (0 = nomor urut 1).
    Unggul {
        paslon: usize,
    },
    /// Enough data, but the intervals overlap.
    TerlaluDekat,
    BelumCukup {
        alasan: AlasanBelumCukup,
    },
}

impl fmt::Display for Putusan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Putusan::Unggul { paslon } => write!(
                f,
                "paslon nomor urut {} unggul: selang 95 %-nya terpisah dari pesaing terdekat",
                paslon + 1
            ),
            Putusan::TerlaluDekat => write!(
                f,
                "terlalu dekat: selang 95 % paslon teratas dan pesaingnya bertumpuk"
            ),
            Putusan::BelumCukup { alasan } => write!(f, "belum cukup data: {alasan}"),
        }
    }
}

/// The quick-count estimate from the reports in so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Taksiran {
    /// Each paslon's share of valid votes, nomor-urut order.
    pub per_paslon: Vec<TaksiranProporsi>,
    /// Turnout: (valid + invalid) / DPT.
    pub partisipasi: TaksiranProporsi,
    /// Invalid votes / (valid + invalid).
    pub tidak_sah: TaksiranProporsi,
    /// Sampled TPS with a report (Σk_h).
    pub tps_masuk: u32,
    /// Sampled TPS (Σn_h).
    pub tps_sampel: u32,
    /// Reports for TPS outside the sample: ignored, counted so an
    /// operator notices a wrong list.
    pub laporan_di_luar_sampel: u32,
    pub per_strata: Vec<StrataMasuk>,
    /// Strata without any report. While this is not empty the estimate is
    /// of the other strata only, and the page must say so.
    pub strata_belum_masuk: Vec<String>,
    /// Their share of the population's DPT.
    pub bobot_strata_belum_masuk: f64,
    /// Total variation distance between the strata's shares of DPT among
    /// reported TPS and among sampled TPS: ½ Σ_h |bobot_masuk − bobot_desain|.
    /// 0 when arrivals are spread like the sample, 1 when none is in.
    /// Early reports come from cities; a large figure says the estimate
    /// leans on few strata, each weighted up.
    pub keseimbangan: f64,
    /// The share of the estimated valid votes in kecamatan cells whose
    /// reports are not yet enough to stand for them (fewer than half of
    /// their sampled TPS, or one): their share is only bounded by
    /// `[0, 1]`, which widens every interval by this much. 0 once every
    /// cell is in.
    pub bobot_tak_pasti: f64,
    /// How many such cells.
    pub sel_tak_pasti: u32,
    pub pemimpin: Putusan,
}

/// One point of a [`lintasan`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TitikLintasan {
    /// How many reports (in arrival order) this point includes.
    pub laporan: usize,
    pub taksiran: Taksiran,
}

/// Estimates from the reports that have arrived.
///
/// Each share is a ratio estimator post-stratified on arrival (the
/// module [`rasio`](super::rasio) has the formulas): each design stratum
/// is split into kecamatan cells; a cell whose reports are in (all, or at
/// least two and half of its sampled TPS) stands for itself with weight
/// N_c/k_c, as the stratified combined ratio estimator of DESIGN §4
///
/// `p̂ = Σ_c (N_c/k_c) Σ_i aᵢ / Σ_c (N_c/k_c) Σ_i mᵢ`,
/// `V(p̂) = Σ_c N_c² (1 − k_c/N_c) s²_{e,c} / k_c / M̂²`
///
/// (eᵢ = aᵢ − p̂·mᵢ, aᵢ the paslon's votes, mᵢ valid votes); a cell whose
/// reports are not in yet has its share bounded by `[0, 1]` only, so the
/// sample's missing parts widen the interval instead of vanishing
/// ([`Taksiran::bobot_tak_pasti`]). With one stratum and every report in
/// this is DESIGN §4's (1 − f)/(k m̄²) · Σ(aᵢ − p̂mᵢ)²/(k − 1).
/// Turnout uses aᵢ = valid + invalid, mᵢ = DPT; the invalid share uses
/// aᵢ = invalid, mᵢ = valid + invalid.
///
/// - A stratum with no report is all bounded, listed in
///   [`Taksiran::strata_belum_masuk`], and no leader is called.
/// - A cell with one report that is all it has (n_c = 1) has no variance
///   of its own. It borrows the pooled relative residual variance of the
///   cells that have two or more, r² = Σ(k_c − 1)·s²_{e,c}/m̄_c² / Σ(k_c − 1),
///   as s²_{e,c} = r²·m̄_c², rather than be collapsed with a neighbour by
///   key: neighbouring codes need not be similar places (Kota Bandung
///   32.73 and Kota Surabaya 35.78 are neighbours in the 2019 data, with
///   paslon 01 at 42 % and 70 %). If no cell has two reports the margin is
///   not estimable ([`KeadaanTaksiran::GalatTakTerukur`]).
/// - A report for a TPS outside the sample is ignored (and counted); a
///   second report for the same TPS replaces the first (a correction).
///   Sums run in sample order, so the result does not depend on arrival
///   order beyond which report of a TPS is the latest.
pub fn taksir(sampel: &Sampel, laporan: &[LaporanTps]) -> Result<Taksiran, GalatHitungCepat> {
    taksir_dengan(sampel, &indeks(sampel), laporan)
}

/// The estimate after every `setiap` reports, in the order given (the
/// order of arrival), and after the last: how the figures drifted as
/// reports came in. Each point costs one [`taksir`] of its prefix.
pub fn lintasan(
    sampel: &Sampel,
    laporan_berurutan: &[LaporanTps],
    setiap: usize,
) -> Result<Vec<TitikLintasan>, GalatHitungCepat> {
    if setiap == 0 {
        return Err(GalatHitungCepat::SetiapNol);
    }
    let peta = indeks(sampel);
    let mut titik = Vec::with_capacity(laporan_berurutan.len() / setiap + 1);
    let mut ujung = setiap.min(laporan_berurutan.len());
    while ujung > 0 {
        titik.push(TitikLintasan {
            laporan: ujung,
            taksiran: taksir_dengan(sampel, &peta, &laporan_berurutan[..ujung])?,
        });
        if ujung == laporan_berurutan.len() {
            break;
        }
        ujung = (ujung + setiap).min(laporan_berurutan.len());
    }
    Ok(titik)
}

fn indeks(sampel: &Sampel) -> HashMap<&str, usize> {
    sampel
        .tps
        .iter()
        .enumerate()
        .map(|(i, t)| (t.kode.as_str(), i))
        .collect()
}

fn taksir_dengan(
    sampel: &Sampel,
    peta: &HashMap<&str, usize>,
    laporan: &[LaporanTps],
) -> Result<Taksiran, GalatHitungCepat> {
    let mut terakhir: Vec<Option<&LaporanTps>> = vec![None; sampel.tps.len()];
    let mut luar = 0u32;
    for l in laporan {
        match peta.get(l.kode.as_str()) {
            Some(&i) => terakhir[i] = Some(l),
            None => luar += 1,
        }
    }
    // The reporting TPS, in sample order: (stratum, report, listed DPT).
    let unit: Vec<(usize, &LaporanTps, u32)> = sampel
        .tps
        .iter()
        .zip(&terakhir)
        .filter_map(|(t, l)| l.map(|l| (t.strata, l, t.dpt)))
        .collect();
    // The number of paslon most reports have; the first report that
    // differs is named, as the odd one out.
    let mut frekuensi: Vec<(usize, usize)> = Vec::new();
    for u in &unit {
        let p = u.1.suara_paslon.len();
        match frekuensi.iter_mut().find(|f| f.0 == p) {
            Some(f) => f.1 += 1,
            None => frekuensi.push((p, 1)),
        }
    }
    let jumlah_paslon = frekuensi
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(0, |f| f.0);
    if let Some(u) = unit
        .iter()
        .find(|u| u.1.suara_paslon.len() != jumlah_paslon)
    {
        return Err(GalatHitungCepat::JumlahPaslonBeda {
            kode: u.1.kode.clone(),
            ada: u.1.suara_paslon.len(),
            harap: jumlah_paslon,
        });
    }

    let h = sampel.strata.len();
    let mut k = vec![0u32; h];
    for u in &unit {
        k[u.0] += 1;
    }
    let r = Rasio::baru(sampel, &terakhir);
    let sah: Vec<f64> = unit.iter().map(|u| u.1.suara_sah() as f64).collect();
    let tidak_sah: Vec<f64> = unit.iter().map(|u| u.1.tidak_sah as f64).collect();
    let suara: Vec<f64> = sah.iter().zip(&tidak_sah).map(|(a, b)| a + b).collect();
    let dpt: Vec<f64> = unit.iter().map(|u| u.1.dpt as f64).collect();
    let mut bobot_tak_pasti = 1.0;
    let per_paslon: Vec<TaksiranProporsi> = (0..jumlah_paslon)
        .map(|j| {
            let a: Vec<f64> = unit.iter().map(|u| u.1.suara_paslon[j] as f64).collect();
            let h = r.taksir(&a, &sah, 1.0, true);
            bobot_tak_pasti = h.bobot_tak_pasti;
            h.taksiran
        })
        .collect();
    let partisipasi = r.taksir(&suara, &dpt, BATAS_PARTISIPASI, false).taksiran;
    let tidak_sah = r.taksir(&tidak_sah, &suara, 1.0, true).taksiran;

    // Balance: DPT shares by stratum among sampled and among reported TPS
    // (from the list's DPT, so a full arrival is exactly balanced).
    let mut dpt_sampel = vec![0u64; h];
    for t in &sampel.tps {
        dpt_sampel[t.strata] += u64::from(t.dpt);
    }
    let mut dpt_masuk = vec![0u64; h];
    for u in &unit {
        dpt_masuk[u.0] += u64::from(u.2);
    }
    // A list without DPT falls back to counting TPS.
    let (bobot_desain, bobot_masuk) = if dpt_sampel.iter().sum::<u64>() > 0 {
        (pecahan(&dpt_sampel), pecahan(&dpt_masuk))
    } else {
        let n: Vec<u64> = sampel.strata.iter().map(|s| u64::from(s.ukuran)).collect();
        let km: Vec<u64> = k.iter().map(|&x| u64::from(x)).collect();
        (pecahan(&n), pecahan(&km))
    };
    let keseimbangan = if unit.is_empty() {
        1.0
    } else {
        0.5 * bobot_desain
            .iter()
            .zip(&bobot_masuk)
            .map(|(a, b)| (a - b).abs())
            .sum::<f64>()
    };
    let per_strata: Vec<StrataMasuk> = sampel
        .strata
        .iter()
        .enumerate()
        .map(|(i, s)| StrataMasuk {
            kunci: s.kunci.clone(),
            masuk: k[i],
            sampel: s.ukuran,
            bobot_desain: bobot_desain[i],
            bobot_masuk: bobot_masuk[i],
        })
        .collect();
    let belum: Vec<usize> = (0..h).filter(|&i| k[i] == 0).collect();
    let bobot_pop = if sampel.strata.iter().any(|s| s.dpt > 0) {
        pecahan(&sampel.strata.iter().map(|s| s.dpt).collect::<Vec<_>>())
    } else {
        pecahan(
            &sampel
                .strata
                .iter()
                .map(|s| u64::from(s.jumlah_tps))
                .collect::<Vec<_>>(),
        )
    };
    let bobot_strata_belum_masuk = belum.iter().map(|&i| bobot_pop[i]).sum::<f64>();
    let tps_masuk = unit.len() as u32;
    let pemimpin = putuskan(
        &per_paslon,
        tps_masuk,
        belum.len(),
        bobot_strata_belum_masuk,
        keseimbangan,
    );
    Ok(Taksiran {
        per_paslon,
        partisipasi,
        tidak_sah,
        tps_masuk,
        tps_sampel: sampel.tps.len() as u32,
        laporan_di_luar_sampel: luar,
        per_strata,
        strata_belum_masuk: belum
            .iter()
            .map(|&i| sampel.strata[i].kunci.clone())
            .collect(),
        bobot_strata_belum_masuk,
        keseimbangan,
        bobot_tak_pasti,
        sel_tak_pasti: r.sel_tak_pasti(),
        pemimpin,
    })
}

/// Each entry's share of the total (all 0 when the total is 0).
fn pecahan(x: &[u64]) -> Vec<f64> {
    let total: u64 = x.iter().sum();
    if total == 0 {
        return vec![0.0; x.len()];
    }
    x.iter().map(|&v| v as f64 / total as f64).collect()
}

fn putuskan(
    per_paslon: &[TaksiranProporsi],
    tps_masuk: u32,
    strata_belum: usize,
    bobot_belum: f64,
    keseimbangan: f64,
) -> Putusan {
    let belum = |alasan| Putusan::BelumCukup { alasan };
    if per_paslon.len() < 2 {
        return belum(AlasanBelumCukup::KurangDariDuaPaslon);
    }
    if tps_masuk < MIN_TPS_PUTUSAN {
        return belum(AlasanBelumCukup::TpsKurang {
            masuk: tps_masuk,
            minimum: MIN_TPS_PUTUSAN,
        });
    }
    if strata_belum > 0 {
        return belum(AlasanBelumCukup::StrataBelumMasuk {
            jumlah: strata_belum,
            bobot_dpt: bobot_belum,
        });
    }
    if keseimbangan > MAKS_KETIMPANGAN {
        return belum(AlasanBelumCukup::KedatanganTimpang {
            ketimpangan: keseimbangan,
            maksimum: MAKS_KETIMPANGAN,
        });
    }
    if per_paslon
        .iter()
        .any(|p| p.keadaan != KeadaanTaksiran::Terukur)
    {
        return belum(AlasanBelumCukup::GalatTakTerukur);
    }
    let mut urut: Vec<usize> = (0..per_paslon.len()).collect();
    // Highest share first; equal shares keep nomor-urut order.
    urut.sort_by(|&a, &b| per_paslon[b].nilai.total_cmp(&per_paslon[a].nilai));
    let (pertama, kedua) = (&per_paslon[urut[0]], &per_paslon[urut[1]]);
    if pertama.bawah > kedua.atas {
        Putusan::Unggul { paslon: urut[0] }
    } else {
        Putusan::TerlaluDekat
    }
}
