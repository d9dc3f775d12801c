use super::*;
use AturanMenang::*;
use proptest::prelude::*;

/// Every fill of at most `r` more votes over `n` columns.
fn isian(n: usize, r: u64) -> Vec<Vec<u64>> {
    fn rek(n: usize, r: u64, awal: &mut Vec<u64>, semua: &mut Vec<Vec<u64>>) {
        if awal.len() == n {
            semua.push(awal.clone());
            return;
        }
        for x in 0..=r {
            awal.push(x);
            rek(n, r - x, awal, semua);
            awal.pop();
        }
    }
    let mut semua = Vec::new();
    rek(n, r, &mut Vec::new(), &mut semua);
    semua
}

/// The decision as it binds: a second round is between two paslon,
/// whichever of them is ahead.
fn kunci(p: Putusan) -> Putusan {
    match p {
        Putusan::PutaranKedua { pertama, kedua } => Putusan::PutaranKedua {
            pertama: pertama.min(kedua),
            kedua: pertama.max(kedua),
        },
        lain => lain,
    }
}

/// Whether some fill changes the decision, by trying them all.
fn ada_isian_yang_mengubah(aturan: AturanMenang, suara: &[u64], r: u64) -> bool {
    let awal = kunci(putusan(aturan, suara));
    isian(suara.len(), r).into_iter().any(|x| {
        let baru: Vec<u64> = suara.iter().zip(&x).map(|(a, b)| a + b).collect();
        kunci(putusan(aturan, &baru)) != awal
    })
}

fn aturan() -> impl Strategy<Value = AturanMenang> {
    prop_oneof![Just(Terbanyak), Just(Lebih50), Just(CalonTunggal)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// "Settled" is exact: it is returned if and only if no fill of the
    /// missing votes changes the decision.
    #[test]
    fn pasti_iff_no_fill_changes_the_decision(
        a in aturan(),
        suara in prop::collection::vec(0u64..12, 1..5),
        r in 0u64..7,
    ) {
        let suara = if a == CalonTunggal { suara.into_iter().chain([0, 0]).take(2).collect() } else { suara };
        let s = status(a, &suara, r);
        prop_assert_eq!(s.pasti, !ada_isian_yang_mengubah(a, &suara, r), "{:?} {:?} r={}", a, suara, r);
    }

    /// With a threshold, the pair / the leader of two wins from exactly
    /// ⌊valid/2⌋ + 1 votes.
    #[test]
    fn decision_flips_at_half_plus_one(sah in 1u64..1_000_000) {
        let batas = sah / 2 + 1;
        for a in [Lebih50, CalonTunggal] {
            let menang = status(a, &[batas, sah - batas], 0);
            prop_assert_eq!(&menang.putusan, &Putusan::Menang { kolom: 0 });
            prop_assert_eq!(menang.batas_suara, Some(batas));
            prop_assert_eq!(menang.selisih_suara, 0);
            let kurang = status(a, &[batas - 1, sah - batas + 1], 0);
            let menang_nol = matches!(kurang.putusan, Putusan::Menang { kolom: 0 });
            prop_assert!(!menang_nol);
            if a == CalonTunggal {
                prop_assert_eq!(kurang.putusan, Putusan::PemilihanUlang);
                prop_assert_eq!(kurang.selisih_suara, -1);
            }
        }
    }

    /// The blank box ahead (or level) means the election is held again.
    #[test]
    fn blank_box_ahead_means_pemilihan_ulang(p in 0u64..100_000, lebih in 0u64..100_000, r in 0u64..1000) {
        let kosong = p + lebih;
        prop_assume!(kosong > 0);
        let s = status(CalonTunggal, &[p, kosong], r);
        prop_assert_eq!(s.putusan, Putusan::PemilihanUlang);
        prop_assert!(s.selisih_suara < 0);
    }

    /// Large numbers: settled means even the worst fill keeps the decision.
    #[test]
    fn settled_survives_the_worst_fill(
        a in aturan(),
        suara in prop::collection::vec(0u64..1_000_000, 2..6),
        r in 0u64..200_000,
    ) {
        let s = status(a, &suara, r);
        if s.pasti {
            let n = if a == CalonTunggal { 2 } else { suara.len() };
            for i in 0..n {
                let mut x: Vec<u64> = suara.clone();
                x[i] += r;
                prop_assert_eq!(kunci(putusan(a, &x)), kunci(s.putusan.clone()));
            }
        }
    }
}

#[test]
fn examples() {
    // Terbanyak: 3 ahead by 100 with 99 still possible is settled; with
    // 100 the runner-up could tie.
    let s = status(Terbanyak, &[400, 300, 500], 99);
    assert_eq!(s.putusan, Putusan::Menang { kolom: 2 });
    assert_eq!((s.selisih_suara, s.pasti), (100, true));
    assert!(!status(Terbanyak, &[400, 300, 500], 100).pasti);

    // Lebih_50: 45 % leads, second round between 1 and 2.
    let s = status(Lebih50, &[450, 350, 200], 0);
    assert_eq!(
        s.putusan,
        Putusan::PutaranKedua {
            pertama: 0,
            kedua: 1
        }
    );
    assert_eq!(
        (s.batas_suara, s.selisih_suara, s.pasti),
        (Some(501), -51, true)
    );
    assert!((s.selisih_poin + 5.0).abs() < 1e-9);
    // 100 more could all go to paslon 1: 550 of 1100 is not more than
    // half, but 3 could catch 2 (200 + 100 = 300 < 350): still settled.
    assert!(status(Lebih50, &[450, 350, 200], 100).pasti);
    // 101 more: 551 of 1101 passes half.
    assert!(!status(Lebih50, &[450, 350, 200], 101).pasti);

    // Calon tunggal: 60 % with room for 199 more against is settled.
    let s = status(CalonTunggal, &[600, 400], 199);
    assert_eq!(
        (s.putusan.clone(), s.pasti),
        (Putusan::Menang { kolom: 0 }, true)
    );
    assert!(!status(CalonTunggal, &[600, 400], 200).pasti);
    // Exactly half is not more than half.
    assert_eq!(
        status(CalonTunggal, &[500, 500], 0).putusan,
        Putusan::PemilihanUlang
    );
    // A third figure is not a column of a calon tunggal contest.
    assert_eq!(status(CalonTunggal, &[6, 4, 99], 0).sah, 10);

    assert_eq!(status(Terbanyak, &[0, 0], 5).putusan, Putusan::BelumAda);
    assert!(!status(Terbanyak, &[0, 0], 5).pasti);
    assert_eq!(
        status(Terbanyak, &[5, 5, 1], 0).putusan,
        Putusan::Seri { kolom: vec![0, 1] }
    );
    assert_eq!(
        status(Lebih50, &[5, 3, 3], 0).putusan,
        Putusan::Seri { kolom: vec![1, 2] }
    );
}

#[test]
fn bound_per_tps() {
    assert_eq!(sisa_maks_tps(Some(0)), 0);
    assert_eq!(sisa_maks_tps(Some(1)), 2);
    assert_eq!(sisa_maks_tps(Some(40)), 41);
    assert_eq!(sisa_maks_tps(Some(529)), 543);
    assert_eq!(sisa_maks_tps(Some(585)), 600);
    assert_eq!(sisa_maks_tps(Some(590)), 600);
    assert_eq!(sisa_maks_tps(None), 600);
}
