use super::*;

fn tps(desa: &str, n: u16) -> KodeTps {
    KodeTps::new(
        KodeWilayah::parse(desa).unwrap(),
        crate::NomorTps::new(n).unwrap(),
    )
    .unwrap()
}

fn angka(desa: &str, n: u16, suara: &[u64], dpt: u64) -> AngkaTps {
    let sah = suara.iter().sum();
    AngkaTps {
        tps: tps(desa, n),
        suara: suara.to_vec(),
        sah,
        tidak_sah: 5,
        dpt,
    }
}

/// A kecamatan of two desa, ten TPS each, shares near 55/45 with a
/// little wobble.
fn kecamatan_biasa() -> Vec<AngkaTps> {
    let mut v = Vec::new();
    for (d, desa) in ["32.73.01.1001", "32.73.01.1002"].iter().enumerate() {
        for n in 1..=10u16 {
            let a = 110 + u64::from(n) * 2 + d as u64 * 3;
            let b = 90 + u64::from(n % 4) * 3;
            v.push(angka(desa, n, &[a, b], 250));
        }
    }
    v
}

#[test]
fn b_flags_above_dpt_reserve_and_legal_maximum_only() {
    let a = Ambang::default();
    // 200 + 5 = 205 ≤ ⌈200 × 1.025⌉ = 205: not flagged.
    assert!(partisipasi(&angka("32.73.01.1001", 1, &[100, 100], 200), &a).is_none());
    let t = partisipasi(&angka("32.73.01.1001", 1, &[100, 101], 200), &a).unwrap();
    assert_eq!(t.cek, Cek::Partisipasi);
    assert!(t.penjelasan.contains("206") && t.penjelasan.contains("205"));
    // Unknown DPT: only the legal maximum applies.
    assert!(partisipasi(&angka("32.73.01.1001", 1, &[300, 290], 0), &a).is_none());
    assert!(partisipasi(&angka("32.73.01.1001", 1, &[300, 296], 0), &a).is_some());
}

#[test]
fn c_flags_the_outlier_and_nothing_else() {
    let a = Ambang::default();
    let mut v = kecamatan_biasa();
    assert!(tetangga(&v, &a).is_empty(), "{:?}", tetangga(&v, &a));
    v[3].suara = vec![195, 5];
    v[3].sah = 200;
    let f = tetangga(&v, &a);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].tps, Some(tps("32.73.01.1001", 4)));
    assert!(f[0].nilai > a.z);
    assert!(!f[0].penjelasan.to_lowercase().contains("curang"));
    // Below 50 valid votes a TPS is neither judged nor a neighbour.
    v[3].suara = vec![40, 1];
    v[3].sah = 41;
    assert!(tetangga(&v, &a).is_empty());
}

#[test]
fn c_needs_both_desa_and_kecamatan_to_agree() {
    let a = Ambang::default();
    let mut v = kecamatan_biasa();
    // Desa 1002 votes differently from desa 1001 as a whole: every TPS is
    // far from the kecamatan's median but none from its own desa.
    for x in v
        .iter_mut()
        .filter(|x| x.tps.desa().to_string().ends_with("1002"))
    {
        x.suara = vec![x.suara[1] / 3, x.suara[0] + x.suara[1] - x.suara[1] / 3];
    }
    // Make the kecamatan median sit in desa 1001 by adding TPS there.
    for n in 11..=15u16 {
        v.push(angka("32.73.01.1001", n, &[120, 95], 250));
    }
    assert!(tetangga(&v, &a).is_empty(), "{:?}", tetangga(&v, &a));
}

#[test]
fn d_flags_a_swing_beyond_the_area() {
    let a = Ambang::default();
    let v = kecamatan_biasa();
    let mut lalu: Vec<HasilLalu> = v
        .iter()
        .map(|x| HasilLalu {
            tps: x.tps,
            dpt: 250,
            sah: 200,
            tidak_sah: 5,
            kita: Some(100),
            ditandai: false,
        })
        .collect();
    assert!(ayunan(&v, &lalu, Some(0), &a).is_empty());
    lalu[7].kita = Some(10);
    let f = ayunan(&v, &lalu, Some(0), &a);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].tps, Some(v[7].tps));
    // Without knowing our paslon only turnout is compared.
    assert!(ayunan(&v, &lalu, None, &a).is_empty());
    lalu[2].sah = 40;
    lalu[2].tidak_sah = 0;
    let f = ayunan(&v, &lalu, None, &a);
    assert_eq!(f.len(), 1);
    assert!(f[0].english.contains("Turnout"));
    // A row flagged at import is not history to swing from.
    lalu[2].ditandai = true;
    assert!(ayunan(&v, &lalu, None, &a).is_empty());
}

#[test]
fn e_flags_three_identical_tallies_in_one_desa() {
    let a = Ambang::default();
    let mut v = kecamatan_biasa();
    assert!(kembar(&v, &a).is_empty());
    v[0].suara = vec![111, 99];
    v[1].suara = vec![111, 99];
    assert!(kembar(&v, &a).is_empty(), "two are not enough");
    // The same tally in the other desa does not count toward this one.
    v[15].suara = vec![111, 99];
    assert!(kembar(&v, &a).is_empty());
    v[2].suara = vec![111, 99];
    for x in &mut v {
        x.sah = x.suara.iter().sum();
    }
    let f = kembar(&v, &a);
    assert_eq!(f.len(), 3);
    assert!(f[0].penjelasan.contains("TPS 2, 3"), "{}", f[0].penjelasan);
    // Tiny tallies are left alone.
    let kecil: Vec<AngkaTps> = (1..=4)
        .map(|n| angka("32.73.01.1003", n, &[0, 0], 0))
        .collect();
    assert!(kembar(&kecil, &a).is_empty());
}

#[test]
fn f_flags_a_change_after_verification() {
    let v = angka("32.73.01.1001", 1, &[100, 90], 250);
    assert!(ubah_terverifikasi(&v, &[]).is_none());
    assert!(ubah_terverifikasi(&v, std::slice::from_ref(&v)).is_none());
    let mut b = v.clone();
    b.suara = vec![100, 120];
    b.sah = 220;
    let t = ubah_terverifikasi(&v, &[v.clone(), b]).unwrap();
    assert_eq!(t.cek, Cek::UbahTerverifikasi);
    assert!(
        t.penjelasan.contains("paslon 2 90 → 120"),
        "{}",
        t.penjelasan
    );
    assert!(t.english.contains("valid 190 → 220"), "{}", t.english);
}

#[test]
fn semua_tps_sorts_and_never_says_curang() {
    let mut v = kecamatan_biasa();
    v[0].suara = vec![400, 10];
    v[0].sah = 410;
    let f = semua_tps(&v, &[], None, &Ambang::default());
    let cek: Vec<Cek> = f.iter().map(|t| t.cek).collect();
    assert_eq!(cek, vec![Cek::Partisipasi, Cek::Tetangga]);
    for t in &f {
        assert!(!t.penjelasan.to_lowercase().contains("curang"));
        assert!(!t.english.to_lowercase().contains("fraud"));
    }
}
