//! Hand-computed examples: the arithmetic is in the comments so a reviewer
//! can redo it with a pocket calculator.

use std::time::Instant;

use super::*;

fn tps(kode: &str, kode_desa: &str, dpt: u32) -> TpsPopulasi {
    TpsPopulasi {
        kode: kode.to_string(),
        kode_desa: kode_desa.to_string(),
        dpt,
    }
}

/// `jumlah` TPS in kab/kota `kab` (4 digits), each with `dpt` voters,
/// spread over desa `kab`010001.. ten TPS to a desa.
fn strata_tps(kab: &str, jumlah: u32, dpt: u32) -> Vec<TpsPopulasi> {
    (0..jumlah)
        .map(|i| {
            let desa = format!("{kab}01{:04}", 1001 + i / 10);
            tps(&format!("{desa}-{:03}", i % 10 + 1), &desa, dpt)
        })
        .collect()
}

fn kerangka(strata: &[(&str, u32, u32)], s: Stratifikasi) -> Kerangka {
    let pop: Vec<TpsPopulasi> = strata
        .iter()
        .flat_map(|&(kab, n, dpt)| strata_tps(kab, n, dpt))
        .collect();
    Kerangka::susun(s, &pop).unwrap()
}

fn hampir(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} ≠ {b}");
}

// --- strata keys --------------------------------------------------------

#[test]
fn stratum_keys_come_from_the_desa_code() {
    assert_eq!(Stratifikasi::KabKota.kunci_strata("3273011001"), "3273");
    assert_eq!(Stratifikasi::Kecamatan.kunci_strata("3273011001"), "327301");
    assert_eq!(
        Stratifikasi::Kecamatan.kunci_strata("32.73.01.1001"),
        "327301"
    );
    assert_eq!(Stratifikasi::Tanpa.kunci_strata("3273011001"), "semua");
    // A kecamatan code (the 2019 Surabaya TPS without desa) still has
    // both keys.
    assert_eq!(Stratifikasi::KabKota.kunci_strata("35.78.12"), "3578");
    assert_eq!(Stratifikasi::Kecamatan.kunci_strata("35.78.12"), "357812");
}

// --- allocation -----------------------------------------------------------

#[test]
fn proportional_allocation_is_largest_remainder() {
    // DPT 400, 350, 250 (10 TPS each).
    let k = kerangka(
        &[("3201", 10, 40), ("3202", 10, 35), ("3203", 10, 25)],
        Stratifikasi::KabKota,
    );
    // n = 20: quotas 8, 7, 5 exactly.
    assert_eq!(
        k.alokasikan(Alokasi::ProporsionalDpt, 20).unwrap(),
        [8, 7, 5]
    );
    // n = 21: quotas 8.4, 7.35, 5.25 → floors 8 + 7 + 5 = 20, the one
    // left goes to the largest remainder (.4) → 9, 7, 5.
    assert_eq!(
        k.alokasikan(Alokasi::ProporsionalDpt, 21).unwrap(),
        [9, 7, 5]
    );
    // n = 22: quotas 8.8, 7.7, 5.5 → floors 20, two left → .8 and .7 →
    // 9, 8, 5.
    assert_eq!(
        k.alokasikan(Alokasi::ProporsionalDpt, 22).unwrap(),
        [9, 8, 5]
    );
    // n = 7: quotas 2.8, 2.45, 1.75; 1.75 < 2 so the third is fixed at 2,
    // the other 5 split 400 : 350 → 2.67, 2.33 → floors 2, 2, the one left
    // to .67 → 3, 2, 2.
    assert_eq!(
        k.alokasikan(Alokasi::ProporsionalDpt, 7).unwrap(),
        [3, 2, 2]
    );
}

#[test]
fn equal_remainders_go_to_the_smaller_key() {
    // Three equal strata, n = 7: 2.33 each → 2, 2, 2 and the seventh to
    // the first key.
    let k = kerangka(
        &[("3201", 10, 30), ("3202", 10, 30), ("3203", 10, 30)],
        Stratifikasi::KabKota,
    );
    assert_eq!(
        k.alokasikan(Alokasi::ProporsionalDpt, 7).unwrap(),
        [3, 2, 2]
    );
}

#[test]
fn allocation_never_exceeds_the_stratum() {
    // A: 2 TPS of 1,000 voters (DPT 2,000); B: 50 TPS of 40 (DPT 2,000).
    // n = 20: quotas 10, 10, but A has only 2 → 2, and B takes 18.
    let k = kerangka(
        &[("3201", 2, 1000), ("3202", 50, 40)],
        Stratifikasi::KabKota,
    );
    assert_eq!(k.alokasikan(Alokasi::ProporsionalDpt, 20).unwrap(), [2, 18]);
    // Equal: N = 5, 20, 20, n = 21 → 7 each, A has 5 → the other 16 split
    // 8, 8.
    let k = kerangka(
        &[("3201", 5, 100), ("3202", 20, 100), ("3203", 20, 100)],
        Stratifikasi::KabKota,
    );
    assert_eq!(k.alokasikan(Alokasi::Merata, 21).unwrap(), [5, 8, 8]);
    // The whole population is a census.
    assert_eq!(k.alokasikan(Alokasi::Merata, 45).unwrap(), [5, 20, 20]);
}

#[test]
fn allocation_sums_exactly_for_every_size() {
    // Uneven strata and DPT: every n from the minimum to N adds up and
    // stays within bounds. (Not monotone: largest remainder has the
    // Alabama paradox: here n = 36 gives stratum 3273 four TPS and n = 37
    // three, its quota growing 3.606 → 3.715 while its remainder .715
    // loses to .77, .76 and .75 where .606 had beaten .52 and .18.)
    let k = kerangka(
        &[
            ("3101", 3, 211),
            ("3171", 37, 257),
            ("3172", 101, 263),
            ("3173", 1, 300),
            ("3273", 64, 199),
            ("3578", 250, 271),
        ],
        Stratifikasi::KabKota,
    );
    assert_eq!(k.ukuran_minimum(), 2 + 2 + 2 + 1 + 2 + 2);
    for alokasi in [Alokasi::ProporsionalDpt, Alokasi::Merata] {
        for n in k.ukuran_minimum()..=k.jumlah_tps() {
            let a = k.alokasikan(alokasi, n).unwrap();
            assert_eq!(a.iter().sum::<u32>(), n, "{alokasi:?} n={n}");
            for (s, &x) in k.strata().iter().zip(&a) {
                assert!(x >= s.jumlah_tps().min(2) && x <= s.jumlah_tps());
            }
        }
    }
}

#[test]
fn allocation_refuses_impossible_sizes() {
    // A stratum of one TPS needs 1, the other 2: minimum 3.
    let k = kerangka(
        &[("3201", 1, 100), ("3202", 10, 100)],
        Stratifikasi::KabKota,
    );
    assert_eq!(k.alokasikan(Alokasi::ProporsionalDpt, 3).unwrap(), [1, 2]);
    let e = k.alokasikan(Alokasi::ProporsionalDpt, 2).unwrap_err();
    assert_eq!(
        e,
        GalatHitungCepat::UkuranTerlaluKecil {
            ukuran: 2,
            minimum: 3,
            strata: 2
        }
    );
    assert!(e.to_string().contains("strata yang lebih sedikit"), "{e}");
    assert_eq!(
        k.alokasikan(Alokasi::ProporsionalDpt, 12).unwrap_err(),
        GalatHitungCepat::UkuranTerlaluBesar {
            ukuran: 12,
            populasi: 11
        }
    );
}

// --- expected margin ---------------------------------------------------------

#[test]
fn expected_margin_one_stratum() {
    // N = 10,000, n = 400, σ = 0.15:
    // 1.96 · 0.15 · √((1 − 0.04)/400) = 0.294 · √0.0024 = 0.294 · 0.0489898
    // = 0.0144030 (±1.44 points).
    let k = kerangka(&[("3201", 10_000, 250)], Stratifikasi::Tanpa);
    let m = k
        .margin_perkiraan(Alokasi::ProporsionalDpt, 400, &Sebaran::seragam(0.15))
        .unwrap();
    assert!((m - 0.014403).abs() < 1e-6, "{m}");
}

#[test]
fn expected_margin_two_strata_with_their_own_spread() {
    // Two strata of 1,000 TPS and equal DPT (W = ½ each), n = 200 → 100
    // each, f = 0.1, σ = 0.2 and 0.1:
    // Σ = ¼·0.9·0.04/100 + ¼·0.9·0.01/100 = 0.00009 + 0.0000225 = 0.0001125
    // MoE = 1.96 · √0.0001125 = 1.96 · 0.0106066 = 0.0207889.
    let k = kerangka(
        &[("3201", 1000, 200), ("3202", 1000, 200)],
        Stratifikasi::KabKota,
    );
    let sebaran = Sebaran {
        cadangan: 0.15,
        per_strata: [("3201".to_string(), 0.2), ("3202".to_string(), 0.1)].into(),
    };
    let m = k
        .margin_perkiraan(Alokasi::ProporsionalDpt, 200, &sebaran)
        .unwrap();
    assert!((m - 0.0207889).abs() < 1e-6, "{m}");
}

#[test]
fn size_for_a_target_margin() {
    // One stratum, N = 10,000, σ = 0.15, target ±2 points:
    // 1.96²·0.15²·(1/n − 1/N) ≤ 0.02² ⇔ 1/n ≤ 0.0004/0.086436 + 0.0001
    // = 0.0047277 ⇔ n ≥ 211.5 → 212 (n = 211 gives 0.020025, 212 gives
    // 0.019977).
    let k = kerangka(&[("3201", 10_000, 250)], Stratifikasi::Tanpa);
    let s = Sebaran::seragam(SEBARAN_ANTAR_TPS_BAWAAN);
    assert_eq!(
        k.ukuran_untuk_margin(Alokasi::ProporsionalDpt, 0.02, &s)
            .unwrap(),
        212
    );
    // A target already met by the minimum sample.
    assert_eq!(
        k.ukuran_untuk_margin(Alokasi::ProporsionalDpt, 0.9, &s)
            .unwrap(),
        2
    );
    for bad in [0.0, -0.1, 1.0, f64::NAN] {
        assert!(matches!(
            k.ukuran_untuk_margin(Alokasi::ProporsionalDpt, bad, &s),
            Err(GalatHitungCepat::TargetMarginTidakSah(_))
        ));
    }
    assert!(matches!(
        k.margin_perkiraan(Alokasi::ProporsionalDpt, 400, &Sebaran::seragam(f64::NAN)),
        Err(GalatHitungCepat::SebaranTidakSah(_))
    ));
}

#[test]
fn spread_from_history() {
    // Stratum 3273: 10 TPS of 100 valid votes, shares 0.4 and 0.6
    // alternating: p = 0.5, σ² = 10·(100·0.1)²/9/100² = 0.011111,
    // σ = 0.105409.
    // Stratum 3578: 3 TPS at 0.7 (fewer than 10: not trusted on its own),
    // σ² = 0 with 2 degrees of freedom.
    // Pooled: (9·0.011111 + 2·0)/11 = 0.1/11 → σ = 0.095346, the fallback
    // for 3578 and any stratum without history.
    let mut riwayat: Vec<RiwayatTps> = (0..10)
        .map(|i| RiwayatTps {
            kode_desa: "3273011001".into(),
            bagian: if i % 2 == 0 { 0.4 } else { 0.6 },
            suara_sah: 100,
        })
        .collect();
    for _ in 0..3 {
        riwayat.push(RiwayatTps {
            kode_desa: "3578121001".into(),
            bagian: 0.7,
            suara_sah: 100,
        });
    }
    let s = Sebaran::dari_riwayat(Stratifikasi::KabKota, &riwayat, 0.15);
    assert!((s.untuk("3273") - 0.105409).abs() < 1e-6);
    assert!((s.untuk("3578") - 0.095346).abs() < 1e-6);
    assert!((s.untuk("3171") - 0.095346).abs() < 1e-6);
    // Too little history: the given fallback stays.
    let s = Sebaran::dari_riwayat(Stratifikasi::KabKota, &riwayat[10..], 0.15);
    assert_eq!(s.untuk("3578"), 0.15);
}

// --- the draw -----------------------------------------------------------------

#[test]
fn the_draw_matches_a_hand_computed_hash() {
    // Test vectors an auditor can check with any SHA-256 tool:
    // printf '\0\0\0\0\0\0\0\x2a:3273011001-003' | sha256sum
    let hex: String = kunci_acak(42, "3273011001-003")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        hex,
        "878335f475697a59b2b6182bdbfdc4e5059ab5e6ba6f0e4f27c52f167591d5b8"
    );
    // Six TPS, no strata, n = 3. Keys under seed 42, smallest first:
    // 4bdb… -005, 5c7d… -002, 863e… -004 | 8783… -003, d09c… 1002-001,
    // d6a1… -001. Under seed 43: 2f50… -001, 4878… -004, 4e4b… -003 | …
    let pop: Vec<TpsPopulasi> = [
        "1001-001", "1001-002", "1001-003", "1001-004", "1001-005", "1002-001",
    ]
    .iter()
    .map(|s| {
        let (desa, no) = s.split_once('-').unwrap();
        let desa = format!("327301{desa}");
        tps(&format!("{desa}-{no}"), &desa, 250)
    })
    .collect();
    let kode = |benih| -> Vec<String> {
        let d = DesainSampel {
            stratifikasi: Stratifikasi::Tanpa,
            alokasi: Alokasi::ProporsionalDpt,
            ukuran: 3,
            benih,
        };
        tarik(&d, &pop)
            .unwrap()
            .tps
            .into_iter()
            .map(|t| t.kode)
            .collect()
    };
    assert_eq!(
        kode(42),
        ["3273011001-002", "3273011001-004", "3273011001-005"]
    );
    assert_eq!(
        kode(43),
        ["3273011001-001", "3273011001-003", "3273011001-004"]
    );
}

fn populasi_besar(n: u32) -> Vec<TpsPopulasi> {
    // 20 kab/kota of uneven size.
    (0..n)
        .map(|i| {
            let kab = 1 + (i * 7919) % 20;
            let desa = format!("32{kab:02}01{:04}", 1001 + i / 20 % 9000);
            tps(&format!("{desa}-{:03}", i % 997 + 1), &desa, 200 + i % 101)
        })
        .collect()
}

#[test]
fn the_draw_ignores_input_order_and_follows_the_seed() {
    let mut pop = populasi_besar(3000);
    let mut seen = std::collections::HashSet::new();
    assert!(pop.iter().all(|t| seen.insert(t.kode.clone())));
    let d = DesainSampel {
        stratifikasi: Stratifikasi::KabKota,
        alokasi: Alokasi::ProporsionalDpt,
        ukuran: 300,
        benih: 20_241_127,
    };
    let a = tarik(&d, &pop).unwrap();
    assert_eq!(a.tps.len(), 300);
    assert_eq!(a.strata.len(), 20);
    assert_eq!(a.strata.iter().map(|s| s.ukuran).sum::<u32>(), 300);
    for (h, s) in a.strata.iter().enumerate() {
        assert_eq!(
            a.tps.iter().filter(|t| t.strata == h).count() as u32,
            s.ukuran
        );
    }
    pop.reverse();
    pop.rotate_left(1234);
    assert_eq!(tarik(&d, &pop).unwrap(), a);
    let b = tarik(
        &DesainSampel {
            benih: 20_241_128,
            ..d
        },
        &pop,
    )
    .unwrap();
    assert_ne!(a.tps, b.tps);
    // Mostly different TPS, as two independent samples of 10 % would be.
    let sama = a.tps.iter().filter(|t| b.tps.contains(t)).count();
    assert!(sama < 100, "{sama} shared");
}

#[test]
fn the_draw_refuses_bad_lists() {
    let d = DesainSampel {
        stratifikasi: Stratifikasi::KabKota,
        alokasi: Alokasi::ProporsionalDpt,
        ukuran: 2,
        benih: 1,
    };
    assert_eq!(
        tarik(&d, &[]).unwrap_err(),
        GalatHitungCepat::PopulasiKosong
    );
    let dua = vec![
        tps("3273011001-001", "3273011001", 250),
        tps("3273011001-001", "3273011001", 250),
    ];
    let e = tarik(&d, &dua).unwrap_err();
    assert_eq!(e, GalatHitungCepat::KodeGanda("3273011001-001".into()));
    assert!(e.to_string().contains("lebih dari sekali"), "{e}");
    let pendek = vec![tps("x-001", "32", 250), tps("x-002", "32", 250)];
    assert!(matches!(
        tarik(&d, &pendek),
        Err(GalatHitungCepat::KodeDesaPendek { butuh: 4, .. })
    ));
    let kosong = vec![tps("", "3273011001", 250)];
    assert_eq!(
        tarik(&d, &kosong).unwrap_err(),
        GalatHitungCepat::KodeKosong { baris: 1 }
    );
    let k = Kerangka::susun(Stratifikasi::Tanpa, &populasi_besar(10)).unwrap();
    assert!(matches!(
        k.tarik(&d),
        Err(GalatHitungCepat::StratifikasiBeda { .. })
    ));
    let pop = populasi_besar(10);
    assert!(matches!(
        tarik(&DesainSampel { ukuran: 11, ..d }, &pop),
        Err(GalatHitungCepat::UkuranTerlaluBesar { .. })
    ));
}

#[test]
fn drawing_from_100k_tps_is_fast() {
    let pop = populasi_besar(100_000);
    let d = DesainSampel {
        stratifikasi: Stratifikasi::KabKota,
        alokasi: Alokasi::ProporsionalDpt,
        ukuran: 3000,
        benih: 7,
    };
    let t = Instant::now();
    let k = Kerangka::susun(d.stratifikasi, &pop).unwrap();
    let susun = t.elapsed();
    let t = Instant::now();
    let s = k.tarik(&d).unwrap();
    let tarik = t.elapsed();
    println!("100k TPS: frame {susun:?}, draw {tarik:?}");
    assert_eq!(s.tps.len(), 3000);
    // Generous for an unoptimised build on a slow machine; release is ~20 ms.
    assert!(tarik.as_secs_f64() < 5.0, "{tarik:?}");
}

// --- estimation -------------------------------------------------------------

fn sampel(strata: &[(&str, u32, u64, u32)], tps: &[(&str, usize, u32)]) -> Sampel {
    Sampel {
        desain: DesainSampel {
            stratifikasi: Stratifikasi::KabKota,
            alokasi: Alokasi::ProporsionalDpt,
            ukuran: tps.len() as u32,
            benih: 0,
        },
        strata: strata
            .iter()
            .map(|&(kunci, jumlah_tps, dpt, ukuran)| StrataSampel {
                kunci: kunci.into(),
                jumlah_tps,
                dpt,
                ukuran,
            })
            .collect(),
        tps: tps
            .iter()
            .map(|&(kode, strata, dpt)| TpsTerpilih {
                kode: kode.into(),
                strata,
                dpt,
            })
            .collect(),
    }
}

fn lap(kode: &str, suara: &[u64], tidak_sah: u64, dpt: u64) -> LaporanTps {
    LaporanTps {
        kode: kode.into(),
        suara_paslon: suara.to_vec(),
        tidak_sah,
        dpt,
    }
}

/// One stratum, N = 10, four TPS sampled and in.
fn satu_strata() -> (Sampel, Vec<LaporanTps>) {
    let s = sampel(
        &[("3273", 10, 2500, 4)],
        &[("a", 0, 150), ("b", 0, 125), ("c", 0, 200), ("d", 0, 75)],
    );
    let l = vec![
        lap("a", &[60, 40], 5, 150),
        lap("b", &[40, 60], 0, 125),
        lap("c", &[90, 60], 10, 200),
        lap("d", &[30, 20], 5, 75),
    ];
    (s, l)
}

#[test]
fn one_stratum_by_hand() {
    let (s, l) = satu_strata();
    let t = taksir(&s, &l).unwrap();
    // Paslon 1: a = 60, 40, 90, 30 (Σ 220), m = 100, 100, 150, 50 (Σ 400).
    // p̂ = 220/400 = 0.55. e = a − 0.55m = 5, −15, 7.5, 2.5 (Σ 0).
    // Σe² = 25 + 225 + 56.25 + 6.25 = 312.5; s² = 312.5/3 = 104.1667.
    // m̄ = 100, f = 4/10. DESIGN §4: V = (1 − f)/(k·m̄²)·s²
    // = 0.6/(4·10,000)·104.1667 = 0.0015625; se = 0.0395285;
    // margin = 1.96·se = 0.0774758.
    let p = t.per_paslon[0];
    hampir(p.nilai, 0.55);
    hampir(p.galat_baku, 0.0015625f64.sqrt());
    hampir(p.margin_95, 1.96 * 0.0015625f64.sqrt());
    hampir(p.bawah, 0.55 - 0.077_475_802_674_125_31);
    assert_eq!(p.keadaan, KeadaanTaksiran::Terukur);
    // Paslon 2's residuals are paslon 1's negated: same error.
    hampir(t.per_paslon[1].nilai, 0.45);
    hampir(t.per_paslon[1].galat_baku, p.galat_baku);
    // Turnout: a = 105, 100, 160, 55 (Σ 420), m = DPT 150, 125, 200, 75
    // (Σ 550): p̂ = 420/550 = 0.763636. e = −105/11, 50/11, 80/11, −25/11;
    // Σe² = 20,550/121 = 169.835; s² = 56.6116; M̂ = 10·550/4 = 1,375;
    // V = 10²·0.6·56.6116/4/1,375² = 0.00044915; se = 0.0211932.
    hampir(t.partisipasi.nilai, 420.0 / 550.0);
    assert!((t.partisipasi.galat_baku - 0.0211932).abs() < 1e-7);
    // Invalid: 20 of 420.
    hampir(t.tidak_sah.nilai, 20.0 / 420.0);
    assert_eq!((t.tps_masuk, t.tps_sampel), (4, 4));
    assert!(t.strata_belum_masuk.is_empty());
    hampir(t.keseimbangan, 0.0);
    // Four TPS are too few to call anything.
    assert_eq!(
        t.pemimpin,
        Putusan::BelumCukup {
            alasan: AlasanBelumCukup::TpsKurang {
                masuk: 4,
                minimum: MIN_TPS_PUTUSAN
            }
        }
    );
}

/// A tiny deterministic generator for test data.
fn acak(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn one_stratum_reduces_to_the_design_formula() {
    // 57 TPS in of N = 400, random-looking votes: the general stratified
    // formula must equal DESIGN §4's one-stratum form computed directly.
    let mut x = 5;
    let kode: Vec<String> = (0..57).map(|i| format!("t{i}")).collect();
    let tps: Vec<(&str, usize, u32)> = kode.iter().map(|k| (k.as_str(), 0, 250)).collect();
    let s = sampel(&[("3273", 400, 100_000, 57)], &tps);
    let l: Vec<LaporanTps> = kode
        .iter()
        .map(|k| {
            let a = 50 + acak(&mut x) % 150;
            let b = 50 + acak(&mut x) % 100;
            lap(k, &[a, b], acak(&mut x) % 10, 250)
        })
        .collect();
    let t = taksir(&s, &l).unwrap();
    let a: Vec<f64> = l.iter().map(|r| r.suara_paslon[0] as f64).collect();
    let m: Vec<f64> = l.iter().map(|r| r.suara_sah() as f64).collect();
    let k = a.len() as f64;
    let p = a.iter().sum::<f64>() / m.iter().sum::<f64>();
    let mbar = m.iter().sum::<f64>() / k;
    let f = k / 400.0;
    let s2 = a
        .iter()
        .zip(&m)
        .map(|(a, m)| (a - p * m).powi(2))
        .sum::<f64>()
        / (k - 1.0);
    let v = (1.0 - f) / (k * mbar * mbar) * s2;
    hampir(t.per_paslon[0].nilai, p);
    assert!((t.per_paslon[0].galat_baku - v.sqrt()).abs() < 1e-12);
}

/// A: N = 20, two in; B: N = 10, three in; C: N = 5, one in; D: N = 7,
/// none in. DPT 2,000, 1,000, 500, 700.
fn empat_strata() -> (Sampel, Vec<LaporanTps>) {
    let s = sampel(
        &[
            ("3201", 20, 2000, 2),
            ("3202", 10, 1000, 3),
            ("3203", 5, 500, 1),
            ("3204", 7, 700, 2),
        ],
        &[
            ("a1", 0, 100),
            ("a2", 0, 100),
            ("b1", 1, 100),
            ("b2", 1, 100),
            ("b3", 1, 100),
            ("c1", 2, 100),
            ("d1", 3, 100),
            ("d2", 3, 100),
        ],
    );
    let l = vec![
        lap("a1", &[30, 70], 0, 120),
        lap("a2", &[50, 50], 0, 120),
        lap("b1", &[80, 20], 0, 120),
        lap("b2", &[60, 40], 0, 120),
        lap("b3", &[70, 30], 0, 120),
    ];
    (s, l)
}

#[test]
fn strata_combine_by_hand() {
    let (s, l) = empat_strata();
    let t = taksir(&s, &l).unwrap();
    // The codes carry no kecamatan, so each stratum is one cell. A and B
    // are in (pasti): Â = 20/2·(30+50) + 10/3·(80+60+70) = 800 + 700
    // = 1,500, M̂ = 20/2·200 + 10/3·300 = 2,000 + 1,000 = 3,000 → p_K = 0.5.
    // A: e = −20, 0, ē = −10, Σ(e − ē)² = 200, s² = 200.
    // B: e = 30, 10, 20, ē = 20, Σ(e − ē)² = 200, s² = 100.
    // V·M̂² = 20²·(1 − 2/20)·200/2 + 10²·(1 − 3/10)·100/3
    //      = 36,000 + 2,333.33 = 38,333.33 → se_K = √38,333.33/3,000.
    let se_k = (38_333.0_f64 + 1.0 / 3.0).sqrt() / 3000.0;
    // C and D have nothing in: bounded. Their weight is their sampled
    // TPS's listed DPT (100 each) scaled by N/n, times valid votes per
    // listed DPT of all reports (500/500 = 1): C 5/1·100 = 500, D
    // 7/2·200 = 700; imputed at all reports' ratio 290/500 = 0.58.
    // M̂ = 3,000 + 1,200 = 4,200; K = 5/7, U = 2/7.
    // p̂ = (1,500 + 0.58·1,200)/4,200 = 2,196/4,200.
    let p = t.per_paslon[0];
    hampir(p.nilai, 2196.0 / 4200.0);
    hampir(t.bobot_tak_pasti, 2.0 / 7.0);
    assert_eq!(t.sel_tak_pasti, 2);
    hampir(p.galat_baku, 5.0 / 7.0 * se_k);
    // [K(p_K − 1.96 se_K), K(p_K + 1.96 se_K) + U]: the missing 2/7 of the
    // votes could be anything.
    hampir(p.bawah, 5.0 / 7.0 * (0.5 - 1.96 * se_k));
    hampir(p.atas, 5.0 / 7.0 * (0.5 + 1.96 * se_k) + 2.0 / 7.0);
    assert!(p.memuat(p.nilai));
    hampir(p.margin_95, (p.nilai - p.bawah).max(p.atas - p.nilai));
    assert_eq!(t.strata_belum_masuk, ["3203", "3204"]);
    // (500 + 700)/4,200 of the DPT.
    hampir(t.bobot_strata_belum_masuk, 1200.0 / 4200.0);
    assert!(matches!(
        t.pemimpin,
        Putusan::BelumCukup {
            alasan: AlasanBelumCukup::TpsKurang { masuk: 5, .. }
        }
    ));
    let masuk: Vec<(u32, u32)> = t.per_strata.iter().map(|s| (s.masuk, s.sampel)).collect();
    assert_eq!(masuk, [(2, 2), (3, 3), (0, 1), (0, 2)]);
    // Balance, by the sampled TPS's DPT (100 each): the sample is 2, 3, 1,
    // 2 of 8; arrivals 2, 3, 0, 0 of 5. TVD = ½(|2/8 − 2/5| + |3/8 − 3/5|
    // + 1/8 + 2/8) = ½(0.15 + 0.225 + 0.125 + 0.25) = 0.375.
    hampir(t.keseimbangan, 0.375);
}

#[test]
fn a_stratum_with_one_report_borrows_the_pooled_relative_variance() {
    let (s, mut l) = empat_strata();
    l.push(lap("c1", &[40, 40], 0, 120));
    let t = taksir(&s, &l).unwrap();
    // C's one TPS is all it sampled, so it is in: Â_K += 5·40 = 200,
    // M̂_K += 5·80 = 400 → p_K = 1,700/3,400 = 0.5 still, so A's and B's
    // residuals are unchanged.
    // Pooled relative variance r² = Σ(k−1)s²/m̄² / Σ(k−1)
    // = (1·200/100² + 2·100/100²)/3 = 0.04/3 = 0.013333.
    // C: s² = r²·80² = 85.333; term 5²·(1 − 1/5)·85.333/1 = 1,706.67.
    // V·M̂_K² = 38,333.33 + 1,706.67 = 40,040 → se_K = √40,040/3,400.
    let se_k = 40_040.0_f64.sqrt() / 3400.0;
    // D is bounded: weight 7/2·200·(580/600) = 676.667 (valid votes per
    // listed DPT of all six reports), imputed at 330/580.
    let d = 3.5 * 200.0 * 580.0 / 600.0;
    let m = 3400.0 + d;
    let p = t.per_paslon[0];
    hampir(p.nilai, (1700.0 + d * 330.0 / 580.0) / m);
    hampir(p.galat_baku, 3400.0 / m * se_k);
    hampir(t.bobot_tak_pasti, d / m);
    assert_eq!(t.strata_belum_masuk, ["3204"]);
}

#[test]
fn a_margin_needs_two_reports_somewhere() {
    let (s, l) = empat_strata();
    // Only c1 in: no cell has two, so nothing says how much TPS differ.
    let t = taksir(&s, &[lap("c1", &[40, 40], 0, 120)]).unwrap();
    assert_eq!(t.per_paslon[0].keadaan, KeadaanTaksiran::GalatTakTerukur);
    hampir(t.per_paslon[0].nilai, 0.5);
    assert_eq!((t.per_paslon[0].bawah, t.per_paslon[0].atas), (0.0, 1.0));
    // Nothing in at all.
    let t = taksir(&s, &[]).unwrap();
    assert!(t.per_paslon.is_empty());
    assert_eq!(t.partisipasi.keadaan, KeadaanTaksiran::TanpaData);
    assert_eq!(t.keseimbangan, 1.0);
    hampir(t.bobot_strata_belum_masuk, 1.0);
    // Reports of zero votes: no data, and no NaN anywhere.
    let nol: Vec<LaporanTps> = l.iter().map(|r| lap(&r.kode, &[0, 0], 0, 0)).collect();
    let t = taksir(&s, &nol).unwrap();
    for p in t.per_paslon.iter().chain([&t.partisipasi, &t.tidak_sah]) {
        assert_eq!(p.keadaan, KeadaanTaksiran::TanpaData);
        assert_eq!(p.nilai, 0.0);
        assert!(!p.galat_baku.is_nan() && !p.bawah.is_nan() && !p.atas.is_nan());
    }
}

#[test]
fn reports_outside_the_sample_and_corrections() {
    let (s, mut l) = satu_strata();
    let sebelum = taksir(&s, &l).unwrap();
    // A report for a TPS not sampled changes nothing but its counter.
    l.push(lap("zz", &[500, 0], 0, 600));
    let t = taksir(&s, &l).unwrap();
    assert_eq!(t.laporan_di_luar_sampel, 1);
    assert_eq!(t.per_paslon, sebelum.per_paslon);
    // A second report of TPS d replaces the first: a = 30 → 10 (of 50):
    // p̂ = 200/400.
    l.push(lap("d", &[10, 40], 5, 75));
    let t = taksir(&s, &l).unwrap();
    assert_eq!(t.tps_masuk, 4);
    hampir(t.per_paslon[0].nilai, 0.5);
    // Arrival order does not matter beyond which report is the latest.
    let mut r = l.clone();
    r.swap(0, 2);
    assert_eq!(taksir(&s, &r).unwrap(), t);
    // A report with a different number of paslon is refused by name.
    l.push(lap("a", &[1, 2, 3], 0, 10));
    assert_eq!(
        taksir(&s, &l).unwrap_err(),
        GalatHitungCepat::JumlahPaslonBeda {
            kode: "a".into(),
            ada: 3,
            harap: 2
        }
    );
}

/// One stratum of N = 2,000 with `k` TPS in, paslon 1 near `bagian`.
fn banyak(k: usize, bagian: f64, strata_kosong: bool) -> Taksiran {
    let mut x = 11;
    let kode: Vec<String> = (0..k).map(|i| format!("t{i}")).collect();
    let mut tps: Vec<(&str, usize, u32)> = kode.iter().map(|k| (k.as_str(), 0, 250)).collect();
    tps.push(("lain", 1, 250));
    tps.push(("lain2", 1, 250));
    let s = sampel(
        &[("3201", 2000, 500_000, k as u32), ("3202", 100, 25_000, 2)],
        &tps,
    );
    let mut l: Vec<LaporanTps> = kode
        .iter()
        .map(|kd| {
            let m = 180 + acak(&mut x) % 40;
            let a = (m as f64 * (bagian + (acak(&mut x) % 100) as f64 / 1000.0 - 0.05)) as u64;
            lap(kd, &[a, m - a], 3, 250)
        })
        .collect();
    if !strata_kosong {
        l.push(lap("lain", &[100, 100], 3, 250));
        l.push(lap("lain2", &[110, 90], 3, 250));
    }
    taksir(&s, &l).unwrap()
}

#[test]
fn a_leader_is_called_only_when_intervals_separate() {
    let t = banyak(40, 0.60, false);
    assert_eq!(t.pemimpin, Putusan::Unggul { paslon: 0 });
    assert!(t.per_paslon[0].bawah > t.per_paslon[1].atas);
    let t = banyak(40, 0.40, false);
    assert_eq!(t.pemimpin, Putusan::Unggul { paslon: 1 });
    let t = banyak(40, 0.502, false);
    assert_eq!(t.pemimpin, Putusan::TerlaluDekat);
    assert!(t.per_paslon[0].bawah <= t.per_paslon[1].atas);
    // Clear lead, but a stratum has not reported.
    let t = banyak(40, 0.60, true);
    assert!(matches!(
        t.pemimpin,
        Putusan::BelumCukup {
            alasan: AlasanBelumCukup::StrataBelumMasuk { jumlah: 1, .. }
        }
    ));
    assert!(t.pemimpin.to_string().contains("belum punya laporan"));
    // Clear lead, 20 + 2 TPS in: fewer than 30.
    let t = banyak(20, 0.60, false);
    assert!(matches!(
        t.pemimpin,
        Putusan::BelumCukup {
            alasan: AlasanBelumCukup::TpsKurang { masuk: 22, .. }
        }
    ));
}

#[test]
fn drift_points_follow_arrival_order() {
    let (s, l) = empat_strata();
    let titik = lintasan(&s, &l, 2).unwrap();
    let n: Vec<usize> = titik.iter().map(|t| t.laporan).collect();
    assert_eq!(n, [2, 4, 5]);
    assert_eq!(titik[2].taksiran, taksir(&s, &l).unwrap());
    assert_eq!(titik[0].taksiran, taksir(&s, &l[..2]).unwrap());
    assert!(lintasan(&s, &[], 5).unwrap().is_empty());
    assert_eq!(
        lintasan(&s, &l, 0).unwrap_err(),
        GalatHitungCepat::SetiapNol
    );
}

#[test]
fn drift_over_3000_reports_is_quick() {
    let pop = populasi_besar(30_000);
    let d = DesainSampel {
        stratifikasi: Stratifikasi::KabKota,
        alokasi: Alokasi::ProporsionalDpt,
        ukuran: 3000,
        benih: 3,
    };
    let s = tarik(&d, &pop).unwrap();
    let mut x = 1;
    let l: Vec<LaporanTps> = s
        .tps
        .iter()
        .map(|t| {
            let m = 150 + acak(&mut x) % 150;
            let a = acak(&mut x) % (m + 1);
            lap(&t.kode, &[a, m - a], 4, 250)
        })
        .collect();
    let mulai = Instant::now();
    let titik = lintasan(&s, &l, 50).unwrap();
    let waktu = mulai.elapsed();
    println!("lintasan 3000/50: {waktu:?}");
    assert_eq!(titik.len(), 60);
    assert_eq!(titik[59].taksiran.tps_masuk, 3000);
    // Release builds take a few ms; this bound is for unoptimised builds.
    assert!(waktu.as_secs_f64() < 2.0, "{waktu:?}");
}
