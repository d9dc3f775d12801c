use super::*;

#[derive(serde::Deserialize)]
struct Referensi {
    kategori: Vec<Vec<usize>>,
    sasaran: Vec<Vec<f64>>,
    bobot: Vec<f64>,
}

fn referensi() -> Referensi {
    serde_json::from_str(include_str!("raking_referensi.json")).unwrap()
}

fn total(k: &[Vec<usize>], w: &[f64], v: usize, n: usize) -> Vec<f64> {
    let mut t = vec![0.0; n];
    for (r, x) in k.iter().zip(w) {
        t[r[v]] += x;
    }
    t
}

/// The gate: the same weights as an independent implementation (the
/// `ipfn` package, see `raking_referensi.py`) to 1e-6, respondent by
/// respondent, on a skewed sample of 600.
#[test]
fn matches_the_reference_implementation_to_1e_6() {
    let r = referensi();
    let h = rake(
        &r.kategori,
        None,
        &r.sasaran,
        OpsiRaking {
            maks_iterasi: 10_000,
            toleransi: 1e-12,
            pangkas: None,
            maks_putaran_pangkas: 0,
        },
    )
    .unwrap();
    assert!(h.konvergen);
    let mut terburuk: f64 = 0.0;
    for (a, b) in h.bobot.iter().zip(&r.bobot) {
        terburuk = terburuk.max((a - b).abs() / b);
    }
    assert!(terburuk < 1e-6, "largest relative difference {terburuk:e}");
}

/// The default run (50 passes, 1e-6) converges on the same sample and
/// meets every margin; trimming keeps weights within [0.3, 3] × the mean
/// and the margins still met.
#[test]
fn default_options_converge_meet_margins_and_trim() {
    let r = referensi();
    let tanpa = rake(
        &r.kategori,
        None,
        &r.sasaran,
        OpsiRaking {
            pangkas: None,
            ..OpsiRaking::default()
        },
    )
    .unwrap();
    assert!(tanpa.konvergen && tanpa.iterasi <= 50, "{tanpa:?}");
    let h = rake(&r.kategori, None, &r.sasaran, OpsiRaking::default()).unwrap();
    assert!(h.konvergen, "{} {}", h.selisih_maks, h.putaran_pangkas);
    for (v, s) in r.sasaran.iter().enumerate() {
        for (t, x) in s.iter().zip(total(&r.kategori, &h.bobot, v, s.len())) {
            assert!((x - t).abs() / t <= 1e-6, "variable {v}: {x} vs {t}");
        }
    }
    let rata = h.bobot.iter().sum::<f64>() / h.bobot.len() as f64;
    let (lo, hi) = h
        .bobot
        .iter()
        .fold((f64::MAX, 0.0f64), |(a, b), w| (a.min(*w), b.max(*w)));
    // The untrimmed spread is wider than the bounds; trimmed, it is within
    // them up to what the last raking moved (a few per cent at most).
    let rata_tanpa = tanpa.bobot.iter().sum::<f64>() / tanpa.bobot.len() as f64;
    let maks_tanpa = tanpa.bobot.iter().cloned().fold(0.0, f64::max) / rata_tanpa;
    assert!(maks_tanpa > 3.0, "the fixture needs trimming: {maks_tanpa}");
    assert!(h.putaran_pangkas >= 1);
    assert!(
        lo / rata >= 0.3 * 0.97 && hi / rata <= 3.0 * 1.03,
        "{} {}",
        lo / rata,
        hi / rata
    );
    let (d_tanpa, _) = efek_desain(&tanpa.bobot);
    let (d, neff) = efek_desain(&h.bobot);
    assert!(
        d < d_tanpa,
        "trimming lowers the design effect: {d} vs {d_tanpa}"
    );
    assert!((neff - 600.0 / d).abs() < 1e-9);
}

#[test]
fn bad_input_is_named() {
    let k = vec![vec![0, 0], vec![1, 0]];
    let s = vec![vec![5.0, 5.0], vec![4.0, 6.0]];
    assert_eq!(
        rake(&k, None, &s, OpsiRaking::default()),
        Err(RakingError::SelKosong {
            variabel: 1,
            kategori: 1
        })
    );
    let s2 = vec![vec![5.0, 5.0], vec![10.0, 1.0]];
    assert!(matches!(
        rake(&k, None, &s2, OpsiRaking::default()),
        Err(RakingError::JumlahBerbeda { variabel: 1, .. })
    ));
    let k3 = vec![vec![0, 2], vec![1, 0]];
    assert!(matches!(
        rake(&k3, None, &s, OpsiRaking::default()),
        Err(RakingError::KategoriTakDikenal {
            variabel: 1,
            kategori: 2
        })
    ));
    assert_eq!(
        rake(&[], None, &s, OpsiRaking::default()),
        Err(RakingError::Kosong)
    );
    assert!(matches!(
        rake(
            &k,
            Some(&[1.0, 0.0]),
            &[vec![5.0, 5.0]],
            OpsiRaking::default()
        ),
        Err(RakingError::Bentuk { .. }) | Err(RakingError::BobotAwal { .. })
    ));
    let s4 = vec![vec![5.0, f64::NAN]];
    assert!(matches!(
        rake(&[vec![0], vec![1]], None, &s4, OpsiRaking::default()),
        Err(RakingError::SasaranTidakSah { .. })
    ));
}

#[test]
fn design_effect_and_margin() {
    let (d, n) = efek_desain(&[2.0; 400]);
    assert!((d - 1.0).abs() < 1e-12 && (n - 400.0).abs() < 1e-9);
    // Half the respondents weigh 1, half 3: deff = n·Σw²/(Σw)² = 1.25.
    let w: Vec<f64> = (0..400)
        .map(|i| if i % 2 == 0 { 1.0 } else { 3.0 })
        .collect();
    assert!((efek_desain(&w).0 - 1.25).abs() < 1e-12);
    let pilih: Vec<bool> = (0..400).map(|i| i % 4 < 2).collect();
    let (p, moe) = bagian_tertimbang(&w, &pilih).unwrap();
    assert!((p - 0.5).abs() < 1e-12);
    assert!((moe - 1.96 * (1.25f64 * 0.25 / 400.0).sqrt()).abs() < 1e-12);
    assert_eq!(bagian_tertimbang(&[], &[]), None);
}

/// A small deterministic generator (xorshift64*): the simulation is the
/// same on every machine.
struct Acak(u64);
impl Acak {
    fn u(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The gate's simulation on a synthetic voter list of 30,000 whose
/// preference depends on sex, age and kecamatan, with respondents drawn
/// skewed (men, the old and kecamatan 0 more likely to answer): over 400
/// surveys of 800, the raked estimate is closer to the truth than the raw
/// share on average, and its 95 % interval covers the truth in about 95 %
/// of them.
#[test]
fn weighting_corrects_a_skewed_sample_and_its_interval_covers() {
    let mut acak = Acak(0x9E37_79B9_7F4A_7C15);
    let mut populasi = Vec::new();
    for _ in 0..30_000 {
        let s = usize::from(acak.u() < 0.5);
        let a = (acak.u() * 5.0) as usize;
        let k = (acak.u() * 4.0) as usize;
        // Support is higher among women, the young and kecamatan 2-3.
        let p = 0.30 + 0.15 * s as f64 + 0.05 * (4 - a) as f64 + 0.06 * k as f64;
        populasi.push(([s, a, k], acak.u() < p));
    }
    let benar = populasi.iter().filter(|(_, y)| *y).count() as f64 / populasi.len() as f64;
    let mut sasaran = vec![vec![0.0; 2], vec![0.0; 5], vec![0.0; 4]];
    for (c, _) in &populasi {
        for v in 0..3 {
            sasaran[v][c[v]] += 1.0;
        }
    }
    let (mut galat_mentah, mut galat_bobot, mut tercakup) = (0.0, 0.0, 0);
    let survei = 400;
    for _ in 0..survei {
        let mut k = Vec::new();
        let mut y = Vec::new();
        while k.len() < 800 {
            let (c, pilih) = populasi[(acak.u() * populasi.len() as f64) as usize];
            let peluang = (if c[0] == 0 { 1.0 } else { 0.5 })
                * (0.4 + 0.15 * c[1] as f64)
                * (if c[2] == 0 { 1.0 } else { 0.6 });
            if acak.u() < peluang {
                k.push(c.to_vec());
                y.push(pilih);
            }
        }
        let mentah = y.iter().filter(|x| **x).count() as f64 / y.len() as f64;
        let h = rake(&k, None, &sasaran, OpsiRaking::default()).unwrap();
        let (p, moe) = bagian_tertimbang(&h.bobot, &y).unwrap();
        galat_mentah += (mentah - benar).abs();
        galat_bobot += (p - benar).abs();
        if (p - benar).abs() <= moe {
            tercakup += 1;
        }
    }
    let cakupan = tercakup as f64 / survei as f64;
    eprintln!(
        "truth {benar:.4}; mean |error| raw {:.4}, raked {:.4}; coverage {cakupan:.3}",
        galat_mentah / survei as f64,
        galat_bobot / survei as f64
    );
    assert!(
        galat_bobot < galat_mentah / 2.0,
        "{galat_bobot} vs {galat_mentah}"
    );
    assert!((0.92..=0.98).contains(&cakupan), "coverage {cakupan}");
}
