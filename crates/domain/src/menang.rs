//! Who wins by the election's rule ([`AturanMenang`]), how far the leader
//! is from the line, and whether that is already settled whatever the TPS
//! not yet in could still bring (DESIGN §4b).
//!
//! Settled ("sudah pasti") means: no way of filling the missing ballots
//! changes the decision. The missing TPS can add at most
//! [`sisa_maks_tps`] votes each (DPT + 2.5 % reserve, capped at the legal
//! maximum), and nothing stops those votes from all going to one column or
//! being invalid, so the fills that can happen are exactly the vote vectors
//! `x ≥ 0` with `Σx ≤ R`, R the sum of the bounds. [`status`] decides with
//! closed formulas; the tests check them against every such fill on small
//! cases.
//!
//! Columns are the C.Hasil's section IV: paslon in nomor-urut order, and
//! for [`AturanMenang::CalonTunggal`] the pair then the blank box (kolom
//! kosong). Votes are the valid votes of each column; the valid total is
//! their sum.

use serde::Serialize;

use crate::hasil::MAKS_PEMILIH_TPS_PILKADA_2024;
use crate::pemilihan::AturanMenang;

/// Most valid votes a TPS not yet in could still add: its DPT plus the
/// 2.5 % reserve of ballots (rounded up: reserve ballots come whole), never
/// more than the legal maximum of voters per TPS. A TPS without a DPT
/// figure is bounded by the legal maximum.
pub fn sisa_maks_tps(dpt: Option<u32>) -> u64 {
    let maks = u64::from(MAKS_PEMILIH_TPS_PILKADA_2024);
    match dpt {
        Some(d) => (u64::from(d) * 41).div_ceil(40).min(maks),
        None => maks,
    }
}

/// The decision the rule gives for a set of votes. Indices are columns
/// (0 = nomor urut 1; for calon tunggal 1 is the blank box).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "jenis", rename_all = "snake_case")]
pub enum Putusan {
    /// No valid vote yet.
    BelumAda,
    /// This column's paslon wins.
    Menang { kolom: usize },
    /// `lebih_50`: nobody passed half; the top two go to a second round
    /// (`pertama` ahead; which of the two leads does not change the
    /// decision, so it does not make it unsettled).
    PutaranKedua { pertama: usize, kedua: usize },
    /// `calon_tunggal`: the pair did not pass half; the election is held
    /// again.
    PemilihanUlang,
    /// Equal votes decide who wins (or who enters the second round).
    Seri { kolom: Vec<usize> },
}

/// The decision, the leader's distance to the line, and whether it is
/// settled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusMenang {
    pub aturan: AturanMenang,
    pub putusan: Putusan,
    /// The column with the most votes (the pair for calon tunggal, whoever
    /// leads); None before any vote.
    pub unggul: Option<usize>,
    /// Valid votes so far (the sum of the columns).
    pub sah: u64,
    /// `lebih_50` and `calon_tunggal`: the votes that pass half,
    /// ⌊sah/2⌋ + 1.
    pub batas_suara: Option<u64>,
    /// With a threshold: the leader's (calon tunggal: the pair's) votes
    /// minus [`Self::batas_suara`], negative when short. Without
    /// (`terbanyak`): the leader's margin over the runner-up.
    pub selisih_suara: i64,
    /// The same in percentage points of the valid votes: share − 50, or the
    /// leader's share − the runner-up's.
    pub selisih_poin: f64,
    /// Most valid votes the TPS not yet in could still add.
    pub sisa_maks: u64,
    /// True only when no fill of those votes changes [`Self::putusan`].
    pub pasti: bool,
}

/// The decision alone, for the votes as they stand.
pub fn putusan(aturan: AturanMenang, suara: &[u64]) -> Putusan {
    let sah: u64 = kolom(aturan, suara).iter().sum();
    if sah == 0 {
        return Putusan::BelumAda;
    }
    match aturan {
        AturanMenang::CalonTunggal => {
            let (p, _) = tunggal(suara);
            if 2 * p > sah {
                Putusan::Menang { kolom: 0 }
            } else {
                Putusan::PemilihanUlang
            }
        }
        AturanMenang::Terbanyak => {
            let atas = suara.iter().copied().max().unwrap_or(0);
            let seri: Vec<usize> = (0..suara.len()).filter(|&i| suara[i] == atas).collect();
            if seri.len() == 1 {
                Putusan::Menang { kolom: seri[0] }
            } else {
                Putusan::Seri { kolom: seri }
            }
        }
        AturanMenang::Lebih50 => {
            let urut = urutan(suara);
            let pertama = urut[0];
            if 2 * suara[pertama] > sah {
                return Putusan::Menang { kolom: pertama };
            }
            // Nobody passed half, so at least two columns have votes.
            let kedua = urut[1];
            let ketiga = urut.get(2).map_or(0, |&i| suara[i]);
            if ketiga == suara[kedua] {
                // Who joins the second round is decided by a tie.
                let v = suara[kedua];
                let mut seri: Vec<usize> = (0..suara.len()).filter(|&i| suara[i] == v).collect();
                if suara[pertama] == v {
                    seri.retain(|&i| i != pertama);
                    seri.insert(0, pertama);
                }
                Putusan::Seri { kolom: seri }
            } else {
                Putusan::PutaranKedua { pertama, kedua }
            }
        }
    }
}

/// The decision, the distance to the line and whether it is settled, given
/// at most `sisa_maks` more valid votes from the TPS not yet in.
pub fn status(aturan: AturanMenang, suara: &[u64], sisa_maks: u64) -> StatusMenang {
    let suara = kolom(aturan, suara);
    let suara = suara.as_slice();
    let sah: u64 = suara.iter().sum();
    let putusan = putusan(aturan, suara);
    let r = sisa_maks;
    let urut = urutan(suara);
    let unggul = (sah > 0).then(|| urut[0]);
    let v = |i: usize| suara[i];
    let batas_suara = aturan.ambang().map(|_| sah / 2 + 1);
    let (selisih_suara, selisih_poin) = match (batas_suara, unggul) {
        (_, None) => (0, 0.0),
        (Some(b), Some(u)) => {
            let siapa = if aturan == AturanMenang::CalonTunggal {
                0
            } else {
                u
            };
            (
                v(siapa) as i64 - b as i64,
                v(siapa) as f64 * 100.0 / sah as f64 - 50.0,
            )
        }
        (None, Some(u)) => {
            let kedua = urut.get(1).map_or(0, |&i| v(i));
            (
                v(u) as i64 - kedua as i64,
                (v(u) - kedua) as f64 * 100.0 / sah as f64,
            )
        }
    };
    let pasti = match &putusan {
        // Any one more vote breaks a tie or ends "no votes yet".
        Putusan::BelumAda | Putusan::Seri { .. } => r == 0,
        Putusan::Menang { kolom: k } => match aturan {
            // The runner-up takes every missing vote and must still trail.
            AturanMenang::Terbanyak => urut.get(1).is_none_or(|&i| v(*k) - v(i) > r),
            // Every missing vote goes against the winner and it must still
            // pass half: 2·s > S + R. A lone column has nobody to lose
            // votes to (an invalid ballot is no valid vote).
            AturanMenang::Lebih50 | AturanMenang::CalonTunggal => {
                suara.len() == 1 || 2 * v(*k) > sah + r
            }
        },
        Putusan::PutaranKedua { pertama, kedua } => {
            // Nobody may reach half with every missing vote (2s + R ≤ S),
            // and no third may catch the second (s₃ + R < s₂).
            let lemah = v(*pertama).min(v(*kedua));
            suara.iter().all(|&s| 2 * s + r <= sah)
                && (0..suara.len())
                    .filter(|i| i != pertama && i != kedua)
                    .all(|i| v(i) + r < lemah)
        }
        // The pair takes every missing vote and must still not pass half.
        Putusan::PemilihanUlang => 2 * v(0) + r <= sah,
    };
    StatusMenang {
        aturan,
        putusan,
        unggul,
        sah,
        batas_suara,
        selisih_suara,
        selisih_poin,
        sisa_maks: r,
        pasti,
    }
}

/// The columns the rule reads: calon tunggal is always [pair, blank box]
/// (a missing blank box is 0; anything after it is not a column of this
/// contest).
fn kolom(aturan: AturanMenang, suara: &[u64]) -> Vec<u64> {
    match aturan {
        AturanMenang::CalonTunggal => {
            let (p, k) = tunggal(suara);
            vec![p, k]
        }
        _ => suara.to_vec(),
    }
}

fn tunggal(suara: &[u64]) -> (u64, u64) {
    (
        suara.first().copied().unwrap_or(0),
        suara.get(1).copied().unwrap_or(0),
    )
}

/// Columns by votes, most first; equal votes by column (nomor urut).
fn urutan(suara: &[u64]) -> Vec<usize> {
    let mut i: Vec<usize> = (0..suara.len()).collect();
    i.sort_by(|&a, &b| suara[b].cmp(&suara[a]).then(a.cmp(&b)));
    i
}

#[cfg(test)]
mod tests;
