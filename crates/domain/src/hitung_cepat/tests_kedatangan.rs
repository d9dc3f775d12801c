//! Skewed arrivals widen the interval instead of moving it, and the win
//! rules read the estimate: probabilities of passing the threshold, and
//! what the rule concludes.

use proptest::prelude::*;

use super::*;
use crate::AturanMenang;

/// One kab/kota stratum of N = 10,000 TPS, 100 sampled: 50 in kecamatan
/// 327301 where paslon 1 has 70 %, 50 in 327302 where it has 40 % (so the
/// truth is 55 %), each TPS 200 valid votes, the shares wobbling ±3 points.
fn dua_kecamatan() -> (Sampel, Vec<LaporanTps>) {
    let mut tps = Vec::new();
    let mut laporan = Vec::new();
    for (kec, bagian) in [("01", 0.70), ("02", 0.40)] {
        for i in 0..50u32 {
            let kode = format!("3273{kec}1001{i:03}");
            let p1 = (200.0 * (bagian + 0.03 * f64::from(i % 3) - 0.03)) as u64;
            tps.push(TpsTerpilih {
                kode: kode.clone(),
                strata: 0,
                dpt: 250,
            });
            laporan.push(LaporanTps {
                kode,
                suara_paslon: vec![p1, 200 - p1],
                tidak_sah: 2,
                dpt: 250,
            });
        }
    }
    let sampel = Sampel {
        desain: DesainSampel {
            stratifikasi: Stratifikasi::KabKota,
            alokasi: Alokasi::ProporsionalDpt,
            ukuran: 100,
            benih: 0,
        },
        strata: vec![StrataSampel {
            kunci: "3273".into(),
            jumlah_tps: 10_000,
            dpt: 2_500_000,
            ukuran: 100,
        }],
        tps,
    };
    (sampel, laporan)
}

#[test]
fn a_kecamatan_that_has_not_reported_widens_the_interval() {
    let (s, l) = dua_kecamatan();
    let benar = 0.55;
    // The defect: the friendly kecamatan first, then two TPS of the other.
    let mut miring: Vec<LaporanTps> = l[..50].to_vec();
    miring.extend(l[50..52].iter().cloned());
    let t = taksir(&s, &miring).unwrap();
    let p = t.per_paslon[0];
    // Kecamatan 02 has 2 of its 50 in: bounded, half the votes.
    assert_eq!(t.sel_tak_pasti, 1);
    assert!(
        (t.bobot_tak_pasti - 0.5).abs() < 0.01,
        "{}",
        t.bobot_tak_pasti
    );
    assert!(p.memuat(benar), "{p:?}");
    assert!(p.atas - p.bawah > 0.49, "{p:?}");
    assert!(
        !matches!(t.pemimpin, Putusan::Unggul { .. }),
        "{:?}",
        t.pemimpin
    );
    // Half of 02 in: it stands for itself, the interval is no longer the
    // bound and holds the truth (its width is the design's: how many TPS
    // each kecamatan drew is random, so their 30-point gap counts).
    let mut separuh: Vec<LaporanTps> = l[..50].to_vec();
    separuh.extend(l[50..75].iter().cloned());
    let t = taksir(&s, &separuh).unwrap();
    assert_eq!(t.sel_tak_pasti, 0);
    assert_eq!(t.bobot_tak_pasti, 0.0);
    let p = t.per_paslon[0];
    assert!(p.memuat(benar), "{p:?}");
    assert!(p.margin_95 < 0.04, "{p:?}");
    // All in: the plain stratified ratio estimate.
    let t = taksir(&s, &l).unwrap();
    let a: u64 = l.iter().map(|r| r.suara_paslon[0]).sum();
    let m: u64 = l.iter().map(LaporanTps::suara_sah).sum();
    assert!((t.per_paslon[0].nilai - a as f64 / m as f64).abs() < 1e-12);
    assert_eq!(t.pemimpin, Putusan::Unggul { paslon: 0 });
}

#[test]
fn no_call_while_arrivals_lean_on_some_strata() {
    // Two strata of 100 sampled TPS each; all of A in, 60 of B: every
    // cell stands for itself, but the arrivals are 100 : 60 against a
    // sample of 100 : 100: TVD ½(|½ − 100/160| + |½ − 60/160|) = 0.125.
    let mut tps = Vec::new();
    let mut l = Vec::new();
    for (h, kab) in ["3201", "3202"].iter().enumerate() {
        for i in 0..100u32 {
            let kode = format!("{kab}011001{i:03}");
            tps.push(TpsTerpilih {
                kode: kode.clone(),
                strata: h,
                dpt: 250,
            });
            if h == 0 || i < 60 {
                let p1 = 150 + u64::from(i % 5);
                l.push(LaporanTps {
                    kode,
                    suara_paslon: vec![p1, 200 - p1],
                    tidak_sah: 1,
                    dpt: 250,
                });
            }
        }
    }
    let strata = |k: &str| StrataSampel {
        kunci: k.into(),
        jumlah_tps: 5000,
        dpt: 1_250_000,
        ukuran: 100,
    };
    let s = Sampel {
        desain: DesainSampel {
            stratifikasi: Stratifikasi::KabKota,
            alokasi: Alokasi::ProporsionalDpt,
            ukuran: 200,
            benih: 0,
        },
        strata: vec![strata("3201"), strata("3202")],
        tps,
    };
    let t = taksir(&s, &l).unwrap();
    assert!((t.keseimbangan - 0.125).abs() < 1e-12);
    assert_eq!(t.bobot_tak_pasti, 0.0);
    // 75 % ± well under a point: clear, and still not called.
    assert!(t.per_paslon[0].bawah > 0.7);
    assert_eq!(
        t.pemimpin,
        Putusan::BelumCukup {
            alasan: AlasanBelumCukup::KedatanganTimpang {
                ketimpangan: t.keseimbangan,
                maksimum: MAKS_KETIMPANGAN
            }
        }
    );
    assert!(
        t.pemimpin.to_string().contains("timpang 12.5 %"),
        "{}",
        t.pemimpin
    );
}

proptest! {
    /// Whatever arrives, in whatever order: the interval holds the
    /// estimate, stays in [0, 1], and the bounded weight is a fraction
    /// that is 0 exactly when every cell stands for itself.
    #[test]
    fn any_arrival_gives_a_sound_interval(pilih in proptest::collection::vec(any::<bool>(), 100)) {
        let (s, l) = dua_kecamatan();
        let masuk: Vec<LaporanTps> = l.iter().zip(&pilih).filter(|(_, b)| **b).map(|(r, _)| r.clone()).collect();
        let t = taksir(&s, &masuk).unwrap();
        prop_assert!((0.0..=1.0).contains(&t.bobot_tak_pasti));
        prop_assert_eq!(t.bobot_tak_pasti == 0.0, t.sel_tak_pasti == 0);
        for p in &t.per_paslon {
            prop_assert!(0.0 <= p.bawah && p.bawah <= p.nilai + 1e-12);
            prop_assert!(p.nilai <= p.atas + 1e-12 && p.atas <= 1.0);
            if p.keadaan == KeadaanTaksiran::Terukur && p.bawah > 0.0 && p.atas < 1.0 {
                // Never narrower than the part that is not in.
                prop_assert!(p.atas - p.bawah >= t.bobot_tak_pasti - 1e-9);
            }
        }
    }

    #[test]
    fn phi_is_a_distribution_function(x in -8.0f64..8.0, d in 0.0f64..2.0) {
        prop_assert!((phi(x) + phi(-x) - 1.0).abs() < 1e-7);
        prop_assert!(phi(x + d) >= phi(x) - 1e-9);
        prop_assert!((0.0..=1.0).contains(&phi(x)));
    }

    /// The probability of passing a threshold agrees with the interval:
    /// the interval lies above it exactly when the probability is at
    /// least 97.5 %, below it when at most 2.5 %.
    #[test]
    fn threshold_probability_agrees_with_the_interval(
        nilai in 0.1f64..0.9, se in 0.001f64..0.04, t in 0.3f64..0.7,
    ) {
        let p = proporsi(nilai, se);
        let q = p.peluang_melebihi(t).unwrap();
        let z = (nilai - t) / se;
        // Away from the edge by a hair, for Φ's own 1e-7 error.
        if (z.abs() - Z_95).abs() > 1e-4 {
            prop_assert_eq!(p.bawah > t, q > 0.975, "z {} q {}", z, q);
            prop_assert_eq!(p.atas < t, q < 0.025, "z {} q {}", z, q);
        }
        // More votes, more likely; the complement is the other side.
        let lebih = proporsi(nilai + 0.01, se).peluang_melebihi(t).unwrap();
        prop_assert!(lebih >= q);
        prop_assert!((proporsi(t, se).peluang_melebihi(t).unwrap() - 0.5).abs() < 1e-7);
    }

    /// By most votes with two paslon, the probabilities of leading are
    /// Φ((p − ½)/se) and its complement.
    #[test]
    fn two_paslon_lead_probabilities_add_up(nilai in 0.2f64..0.8, se in 0.001f64..0.05) {
        let t = dengan(vec![proporsi(nilai, se), proporsi(1.0 - nilai, se)], Putusan::TerlaluDekat);
        let n = nilai_aturan(&t, AturanMenang::Terbanyak);
        let a = n.per_paslon[0].peluang.unwrap();
        let b = n.per_paslon[1].peluang.unwrap();
        prop_assert!((a + b - 1.0).abs() < 1e-6);
        prop_assert!((a - phi((nilai - 0.5) / se)).abs() < 1e-9);
    }
}

fn proporsi(nilai: f64, se: f64) -> TaksiranProporsi {
    TaksiranProporsi {
        nilai,
        galat_baku: se,
        margin_95: Z_95 * se,
        bawah: (nilai - Z_95 * se).max(0.0),
        atas: (nilai + Z_95 * se).min(1.0),
        keadaan: KeadaanTaksiran::Terukur,
    }
}

fn dengan(per_paslon: Vec<TaksiranProporsi>, pemimpin: Putusan) -> Taksiran {
    Taksiran {
        per_paslon,
        partisipasi: proporsi(0.7, 0.01),
        tidak_sah: proporsi(0.02, 0.001),
        tps_masuk: 400,
        tps_sampel: 400,
        laporan_di_luar_sampel: 0,
        per_strata: vec![],
        strata_belum_masuk: vec![],
        bobot_strata_belum_masuk: 0.0,
        keseimbangan: 0.0,
        bobot_tak_pasti: 0.0,
        sel_tak_pasti: 0,
        pemimpin,
    }
}

#[test]
fn more_than_half_or_a_second_round() {
    let r = AturanMenang::Lebih50;
    // 53 ± 1.96: above 50 % → wins in the first round.
    let t = dengan(
        vec![
            proporsi(0.53, 0.01),
            proporsi(0.30, 0.01),
            proporsi(0.17, 0.01),
        ],
        Putusan::Unggul { paslon: 0 },
    );
    let n = nilai_aturan(&t, r);
    assert_eq!(n.ambang, Some(0.5));
    assert_eq!(n.kesimpulan, Kesimpulan::Menang { paslon: 0 });
    assert!(n.per_paslon[0].selang_di_atas && n.per_paslon[1].selang_di_bawah);
    assert!((n.per_paslon[0].peluang.unwrap() - phi(3.0)).abs() < 1e-9);
    // 45 % leads clearly, but no one passes half: a second round.
    let t = dengan(
        vec![
            proporsi(0.45, 0.01),
            proporsi(0.35, 0.01),
            proporsi(0.20, 0.01),
        ],
        Putusan::Unggul { paslon: 0 },
    );
    assert_eq!(
        nilai_aturan(&t, r).kesimpulan,
        Kesimpulan::PutaranKedua { pasti: true }
    );
    // 49 ± 2: below half more likely than not: second round likely.
    let t = dengan(
        vec![
            proporsi(0.49, 0.0102),
            proporsi(0.41, 0.01),
            proporsi(0.10, 0.01),
        ],
        Putusan::Unggul { paslon: 0 },
    );
    assert_eq!(
        nilai_aturan(&t, r).kesimpulan,
        Kesimpulan::PutaranKedua { pasti: false }
    );
    // 51 ± 2: may pass, may not.
    let t = dengan(
        vec![
            proporsi(0.51, 0.0102),
            proporsi(0.39, 0.01),
            proporsi(0.10, 0.01),
        ],
        Putusan::Unggul { paslon: 0 },
    );
    assert_eq!(nilai_aturan(&t, r).kesimpulan, Kesimpulan::TerlaluDekat);
    // Not enough in: nothing concluded, probabilities still given.
    let alasan = AlasanBelumCukup::TpsKurang {
        masuk: 10,
        minimum: MIN_TPS_PUTUSAN,
    };
    let t = dengan(
        vec![proporsi(0.53, 0.01), proporsi(0.47, 0.01)],
        Putusan::BelumCukup {
            alasan: alasan.clone(),
        },
    );
    let n = nilai_aturan(&t, r);
    assert_eq!(n.kesimpulan, Kesimpulan::BelumCukup { alasan });
    assert!(n.per_paslon[0].peluang.unwrap() > 0.99);
}

#[test]
fn a_single_pair_against_the_blank_box() {
    let r = AturanMenang::CalonTunggal;
    // The blank box is the second entry.
    let t = dengan(
        vec![proporsi(0.56, 0.01), proporsi(0.44, 0.01)],
        Putusan::Unggul { paslon: 0 },
    );
    let n = nilai_aturan(&t, r);
    assert_eq!(n.kesimpulan, Kesimpulan::Menang { paslon: 0 });
    assert!(n.per_paslon[1].selang_di_bawah);
    // The blank box ahead: the election is held again.
    let t = dengan(
        vec![proporsi(0.46, 0.01), proporsi(0.54, 0.01)],
        Putusan::Unggul { paslon: 1 },
    );
    let n = nilai_aturan(&t, r);
    assert_eq!(n.kesimpulan, Kesimpulan::PemilihanUlang);
    assert!(n.per_paslon[0].peluang.unwrap() < 0.001);
    let t = dengan(
        vec![proporsi(0.505, 0.01), proporsi(0.495, 0.01)],
        Putusan::TerlaluDekat,
    );
    assert_eq!(nilai_aturan(&t, r).kesimpulan, Kesimpulan::TerlaluDekat);
}

#[test]
fn most_votes_follows_the_separated_intervals() {
    let r = AturanMenang::Terbanyak;
    let t = dengan(
        vec![
            proporsi(0.40, 0.01),
            proporsi(0.35, 0.01),
            proporsi(0.25, 0.01),
        ],
        Putusan::Unggul { paslon: 0 },
    );
    let n = nilai_aturan(&t, r);
    assert_eq!(n.ambang, None);
    assert_eq!(n.kesimpulan, Kesimpulan::Menang { paslon: 0 });
    assert!(n.per_paslon[0].selang_di_atas && !n.per_paslon[1].selang_di_atas);
    assert!(n.per_paslon[2].selang_di_bawah);
    // P(1 beats 2) = Φ(0.05/0.02), P(1 beats 3) = Φ(0.15/0.02).
    let q = n.per_paslon[0].peluang.unwrap();
    assert!((q - phi(2.5) * phi(7.5)).abs() < 1e-9);
    // An estimate without a measured error gives no probability.
    let mut tak = proporsi(0.5, 0.0);
    tak.keadaan = KeadaanTaksiran::GalatTakTerukur;
    let t = dengan(vec![tak, proporsi(0.5, 0.01)], Putusan::TerlaluDekat);
    let n = nilai_aturan(&t, r);
    assert_eq!(n.per_paslon[0].peluang, None);
    assert_eq!(n.per_paslon[1].peluang, None);
}

#[test]
fn phi_matches_tables() {
    for (x, v) in [
        (0.0, 0.5),
        (1.0, 0.841_344_7),
        (1.96, 0.975_002_1),
        (-2.5, 0.006_209_7),
    ] {
        assert!((phi(x) - v).abs() < 2e-7, "Φ({x}) = {}", phi(x));
    }
}
