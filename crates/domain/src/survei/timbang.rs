//! A survey's respondents weighted to the voter list's own margins (sex,
//! age band, kecamatan), and each answer's share with its margin, for the
//! whole region and per area where the sample allows.

use serde::Serialize;

use super::raking::{HasilRaking, OpsiRaking, RakingError, efek_desain, rake};

/// A category with fewer respondents than this is merged with its
/// neighbour before raking: a cell of one or two people would carry a
/// weight the trimming then cuts anyway, and an empty one cannot be
/// raked at all.
pub const SEL_MIN: usize = 5;

/// An area's shares are shown only when its effective sample reaches
/// this: a 95 % margin of at most 10 points at p = ½
/// (1.96² · ¼ / 0.1² = 96.04).
pub const N_EFEKTIF_MIN: f64 = 96.04;

/// One interviewed respondent's categories, from their DPT record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Responden {
    /// 0 laki-laki, 1 perempuan.
    pub jk: usize,
    /// `crate::survei::kelompok_umur`.
    pub umur: usize,
    /// The kecamatan's index in [`Margin::wilayah`].
    pub wilayah: usize,
}

/// The voter list's counts per category: the targets.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Margin {
    pub jk: Vec<f64>,
    pub umur: Vec<f64>,
    pub wilayah: Vec<f64>,
}

/// The weights, with what raking did to get them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timbangan {
    pub bobot: Vec<f64>,
    pub raking: HasilRaking,
    pub deff: f64,
    pub n_efektif: f64,
    /// Thin categories merged before raking: (variable 0 sex / 1 age / 2
    /// area, the category, the largest category of the group it is in).
    pub digabung: Vec<(usize, usize, usize)>,
}

/// Merges every category with fewer than [`SEL_MIN`] respondents into
/// its nearest neighbour (the next one; the last into the one before),
/// until none is left or one category remains. Returns each original
/// category's merged index, the merged targets, and the merges.
fn gabung(hitung: &[usize], sasaran: &[f64]) -> (Vec<usize>, Vec<f64>, Vec<(usize, usize)>) {
    // Groups of original categories, in order.
    let mut kelompok: Vec<Vec<usize>> = (0..hitung.len()).map(|k| vec![k]).collect();
    loop {
        let n = |g: &Vec<usize>| g.iter().map(|&k| hitung[k]).sum::<usize>();
        let Some(i) = kelompok.iter().position(|g| n(g) < SEL_MIN) else {
            break;
        };
        if kelompok.len() < 2 {
            break;
        }
        let ke = if i + 1 < kelompok.len() { i + 1 } else { i - 1 };
        let pindah = kelompok.remove(i);
        let ke = if ke > i { ke - 1 } else { ke };
        kelompok[ke].extend(pindah);
        kelompok[ke].sort_unstable();
    }
    let mut peta = vec![0; hitung.len()];
    let mut baru = vec![0.0; kelompok.len()];
    // Each thin category merged, with the largest of the group it is in.
    let mut catatan = Vec::new();
    for (g, isi) in kelompok.iter().enumerate() {
        let besar = isi
            .iter()
            .copied()
            .max_by_key(|&k| (hitung[k], usize::MAX - k));
        for &k in isi {
            peta[k] = g;
            baru[g] += sasaran[k];
            if isi.len() > 1
                && hitung[k] < SEL_MIN
                && let Some(b) = besar
            {
                catatan.push((k, b));
            }
        }
    }
    (peta, baru, catatan)
}

/// Weights `responden` to `margin` (raking with trimming, `opsi`), after
/// merging thin categories ([`SEL_MIN`]).
pub fn timbang(
    responden: &[Responden],
    margin: &Margin,
    opsi: OpsiRaking,
) -> Result<Timbangan, RakingError> {
    if responden.is_empty() {
        return Err(RakingError::Kosong);
    }
    type Ambil = fn(&Responden) -> usize;
    let variabel: [(&[f64], Ambil); 3] = [
        (&margin.jk, |r| r.jk),
        (&margin.umur, |r| r.umur),
        (&margin.wilayah, |r| r.wilayah),
    ];
    let mut kategori = vec![Vec::with_capacity(3); responden.len()];
    let mut sasaran = Vec::with_capacity(3);
    let mut digabung = Vec::new();
    for (v, (target, ambil)) in variabel.iter().enumerate() {
        let mut hitung = vec![0usize; target.len()];
        for r in responden {
            let k = ambil(r);
            if k >= target.len() {
                return Err(RakingError::KategoriTakDikenal {
                    variabel: v,
                    kategori: k,
                });
            }
            hitung[k] += 1;
        }
        let (peta, baru, catatan) = gabung(&hitung, target);
        digabung.extend(catatan.into_iter().map(|(a, b)| (v, a, b)));
        for (i, r) in responden.iter().enumerate() {
            kategori[i].push(peta[ambil(r)]);
        }
        sasaran.push(baru);
    }
    let raking = rake(&kategori, None, &sasaran, opsi)?;
    let (deff, n_efektif) = efek_desain(&raking.bobot);
    Ok(Timbangan {
        bobot: raking.bobot.clone(),
        raking,
        deff,
        n_efektif,
        digabung,
    })
}

/// One answer's weighted share and its 95 % margin.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bagian {
    pub bagian: f64,
    pub margin: f64,
    /// The unweighted share, for comparison.
    pub mentah: f64,
}

/// The shares of each of `k` answers among the respondents (`jawaban[i]`
/// respondent i's answer) with weights `bobot`; the margin uses the
/// weights' own design effect: `1.96 √(deff · p(1−p) / n)`.
pub fn bagian_jawaban(bobot: &[f64], jawaban: &[usize], k: usize) -> Vec<Bagian> {
    let n = bobot.len().min(jawaban.len());
    let s: f64 = bobot[..n].iter().sum();
    let (deff, _) = efek_desain(&bobot[..n]);
    (0..k)
        .map(|j| {
            if n == 0 || s <= 0.0 {
                return Bagian {
                    bagian: 0.0,
                    margin: 0.0,
                    mentah: 0.0,
                };
            }
            let w: f64 = (0..n).filter(|&i| jawaban[i] == j).map(|i| bobot[i]).sum();
            let c = (0..n).filter(|&i| jawaban[i] == j).count();
            let p = w / s;
            Bagian {
                bagian: p,
                margin: 1.96 * (deff * p * (1.0 - p) / n as f64).sqrt(),
                mentah: c as f64 / n as f64,
            }
        })
        .collect()
}

/// Whether a set of weights is enough to report shares:
/// [`N_EFEKTIF_MIN`] effective respondents.
pub fn cukup(bobot: &[f64]) -> bool {
    efek_desain(bobot).1 >= N_EFEKTIF_MIN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thin_categories_merge_into_a_neighbour_and_targets_follow() {
        let (peta, baru, catatan) = gabung(&[10, 2, 0, 8], &[100.0, 20.0, 5.0, 75.0]);
        // 1 (2 people) joins 2, still 2 people: joins 3.
        assert_eq!(peta, vec![0, 1, 1, 1]);
        assert_eq!(baru, vec![100.0, 100.0]);
        assert_eq!(catatan, vec![(1, 3), (2, 3)]);
        let (peta, baru, _) = gabung(&[10, 1], &[50.0, 50.0]);
        assert_eq!(peta, vec![0, 0], "the last joins the one before");
        assert_eq!(baru, vec![100.0]);
    }

    #[test]
    fn weighting_meets_the_margins_and_shares_carry_the_design_effect() {
        // 60 men and 140 women, the list half and half: women weigh less.
        let mut r = Vec::new();
        for i in 0..200 {
            r.push(Responden {
                jk: usize::from(i >= 60),
                umur: i % 5,
                wilayah: i % 3,
            });
        }
        let m = Margin {
            jk: vec![500.0, 500.0],
            umur: vec![200.0; 5],
            wilayah: vec![300.0, 300.0, 400.0],
        };
        let t = timbang(&r, &m, OpsiRaking::default()).unwrap();
        assert!(t.raking.konvergen);
        let laki: f64 = t.bobot[..60].iter().sum();
        let semua: f64 = t.bobot.iter().sum();
        assert!((laki / semua - 0.5).abs() < 1e-5, "{}", laki / semua);
        assert!(t.deff > 1.0 && t.n_efektif < 200.0);
        // Men answer 0, women 1: weighted, half and half.
        let jawaban: Vec<usize> = (0..200).map(|i| usize::from(i >= 60)).collect();
        let b = bagian_jawaban(&t.bobot, &jawaban, 2);
        assert!((b[0].bagian - 0.5).abs() < 1e-5);
        assert!((b[0].mentah - 0.3).abs() < 1e-9);
        let polos = 1.96 * (0.25f64 / 200.0).sqrt();
        assert!(b[0].margin > polos, "{} > {polos}", b[0].margin);
        assert!(cukup(&t.bobot));
        assert!(!cukup(&t.bobot[..50]));
    }

    #[test]
    fn a_category_outside_the_targets_is_refused() {
        let r = [Responden {
            jk: 2,
            umur: 0,
            wilayah: 0,
        }];
        let m = Margin {
            jk: vec![1.0, 1.0],
            umur: vec![2.0],
            wilayah: vec![2.0],
        };
        assert!(matches!(
            timbang(&r, &m, OpsiRaking::default()),
            Err(RakingError::KategoriTakDikenal { variabel: 0, .. })
        ));
    }
}
