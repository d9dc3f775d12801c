use super::*;
use proptest::prelude::*;
use serde::de::value::{Error as DeError, MapDeserializer};

/// TPS 003 of a Bandung kelurahan on 27 November 2024, copied cleanly.
fn bersih() -> FormulirHasil {
    FormulirHasil {
        dpt: Angka3::isi(257, 272, 529),
        b1_dpt: Angka3::isi(180, 201, 381),
        b2_pindahan: Angka3::isi(2, 1, 3),
        b3_tambahan: Angka3::isi(4, 3, 7),
        b4_total: Angka3::isi(186, 205, 391),
        surat_diterima: Some(543),
        surat_digunakan: Some(391),
        surat_rusak: Some(2),
        surat_sisa: Some(150),
        disabilitas: Angka3::isi(3, 2, 5),
        suara_paslon: vec![Some(160), Some(142), Some(81)],
        suara_sah: Some(383),
        suara_tidak_sah: Some(8),
        suara_total: Some(391),
    }
}

fn batas() -> Batas {
    Batas::pilkada_2024(3)
}

fn aturan(t: &[Temuan]) -> Vec<Aturan> {
    t.iter().map(|t| t.aturan).collect()
}

/// The one finding on `form`, which must be of rule `a`.
fn satu(form: &FormulirHasil, a: Aturan) -> Temuan {
    let t = periksa(form, &batas());
    assert_eq!(aturan(&t), vec![a], "{t:#?}");
    t.into_iter().next().unwrap()
}

fn baris_mut(f: &mut FormulirHasil, b: Baris) -> &mut Angka3 {
    match b {
        Baris::Dpt => &mut f.dpt,
        Baris::B1 => &mut f.b1_dpt,
        Baris::B2 => &mut f.b2_pindahan,
        Baris::B3 => &mut f.b3_tambahan,
        Baris::B4 => &mut f.b4_total,
        Baris::Disabilitas => &mut f.disabilitas,
    }
}

/// Every cell of the form, in order.
fn semua_sel(f: &mut FormulirHasil) -> Vec<&mut Option<u32>> {
    let mut v = Vec::new();
    for a in [
        &mut f.dpt,
        &mut f.b1_dpt,
        &mut f.b2_pindahan,
        &mut f.b3_tambahan,
        &mut f.b4_total,
        &mut f.disabilitas,
    ] {
        v.extend([&mut a.laki, &mut a.perempuan, &mut a.jumlah]);
    }
    v.extend([
        &mut f.surat_diterima,
        &mut f.surat_digunakan,
        &mut f.surat_rusak,
        &mut f.surat_sisa,
        &mut f.suara_sah,
        &mut f.suara_tidak_sah,
        &mut f.suara_total,
    ]);
    v.extend(f.suara_paslon.iter_mut());
    v
}

#[test]
fn a_clean_form_has_no_findings() {
    assert_eq!(periksa(&bersih(), &batas()), vec![]);
}

#[test]
fn men_plus_women_must_be_the_total_on_every_row() {
    let mut f = bersih();
    f.disabilitas.jumlah = Some(6);
    let t = satu(
        &f,
        Aturan::LakiPerempuanJumlah {
            baris: Baris::Disabilitas,
        },
    );
    assert_eq!(
        t.kolom,
        [
            "disabilitas.laki",
            "disabilitas.perempuan",
            "disabilitas.jumlah"
        ]
    );
    assert_eq!(
        t.pesan,
        "Pemilih disabilitas yang menggunakan hak pilih (III): laki-laki 3 + perempuan 2 = 5, tidak sama dengan jumlah 6."
    );
    assert_eq!(
        t.english(),
        "Voters with disabilities who voted (III): men 3 + women 2 = 5, not equal to the total 6."
    );
    assert_eq!(t.to_string(), t.pesan);

    for baris in Baris::SEMUA {
        let mut f = bersih();
        let row = baris_mut(&mut f, baris);
        let (l, p, j) = (
            row.laki.unwrap(),
            row.perempuan.unwrap(),
            row.jumlah.unwrap(),
        );
        row.laki = Some(l + 1);
        let t = periksa(&f, &batas());
        let t = t
            .iter()
            .find(|t| t.aturan == Aturan::LakiPerempuanJumlah { baris })
            .unwrap_or_else(|| panic!("{baris:?}: {t:#?}"));
        let field = baris.field();
        assert_eq!(
            t.kolom,
            [
                format!("{field}.laki"),
                format!("{field}.perempuan"),
                format!("{field}.jumlah")
            ]
        );
        let angka = format!("laki-laki {} + perempuan {p} = {}, ", l + 1, j + 1);
        assert!(t.pesan.contains(&angka), "{}", t.pesan);
        assert!(t.pesan.ends_with(&format!("jumlah {j}.")), "{}", t.pesan);
    }

    // A row left without its total is not checked.
    let mut f = bersih();
    f.disabilitas = Angka3 {
        jumlah: None,
        ..Angka3::isi(3, 9, 0)
    };
    assert_eq!(periksa(&f, &batas()), vec![]);
}

#[test]
fn b4_is_b1_plus_b2_plus_b3_per_column() {
    let mut f = bersih();
    f.b1_dpt = Angka3::isi(181, 200, 381);
    let t = periksa(&f, &batas());
    assert_eq!(aturan(&t), [Aturan::B4SamaB1B2B3; 2], "{t:#?}");
    assert_eq!(
        t[0].kolom,
        [
            "b4_total.laki",
            "b1_dpt.laki",
            "b2_pindahan.laki",
            "b3_tambahan.laki"
        ]
    );
    assert_eq!(
        t[0].pesan,
        "Jumlah pengguna hak pilih (I.B4) kolom laki-laki: 186, tidak sama dengan I.B1 + I.B2 + I.B3 (181 + 2 + 4 = 187)."
    );
    assert_eq!(t[1].kolom[0], "b4_total.perempuan");
    assert!(t[1].pesan.contains("205") && t[1].pesan.contains("= 204)"));

    // B3 left blank (often meant as zero): skipped, not guessed.
    f.b3_tambahan = Angka3::default();
    assert_eq!(periksa(&f, &batas()), vec![]);
}

#[test]
fn paslon_votes_sum_to_valid_votes() {
    let mut f = bersih();
    f.suara_paslon[1] = Some(145);
    let t = satu(&f, Aturan::JumlahPaslonSamaSah);
    assert_eq!(
        t.kolom,
        [
            "suara_paslon.0",
            "suara_paslon.1",
            "suara_paslon.2",
            "suara_sah"
        ]
    );
    assert_eq!(
        t.pesan,
        "Jumlah suara paslon (160 + 145 + 81 = 386) tidak sama dengan suara sah (V.A) 383."
    );
    assert_eq!(
        t.english(),
        "Sum of the votes per candidate pair (160 + 145 + 81 = 386) does not equal the valid votes (V.A) 383."
    );
}

#[test]
fn total_is_valid_plus_invalid() {
    let mut f = bersih();
    f.suara_tidak_sah = Some(9);
    let t = satu(&f, Aturan::TotalSamaSahTidakSah);
    assert_eq!(t.kolom, ["suara_total", "suara_sah", "suara_tidak_sah"]);
    assert_eq!(
        t.pesan,
        "Total suara sah dan tidak sah (V.C) 391 tidak sama dengan suara sah + suara tidak sah (V.A + V.B = 383 + 9 = 392)."
    );
}

#[test]
fn total_is_the_number_who_voted() {
    let mut f = bersih();
    f.surat_digunakan = None;
    f.b1_dpt = Angka3::isi(181, 201, 382);
    f.b4_total = Angka3::isi(187, 205, 392);
    let t = satu(&f, Aturan::TotalSamaPemilih);
    assert_eq!(t.kolom, ["suara_total", "b4_total.jumlah"]);
    assert_eq!(
        t.pesan,
        "Total suara sah dan tidak sah (V.C) 391 tidak sama dengan jumlah pengguna hak pilih (I.B4) 392."
    );
}

#[test]
fn total_is_the_ballots_used() {
    let mut f = bersih();
    f.surat_digunakan = Some(392);
    f.surat_sisa = Some(149);
    f.b4_total.jumlah = None;
    let t = satu(&f, Aturan::TotalSamaSuratDigunakan);
    assert_eq!(t.kolom, ["suara_total", "surat_digunakan"]);
    assert_eq!(
        t.pesan,
        "Total suara sah dan tidak sah (V.C) 391 tidak sama dengan surat suara yang digunakan (II) 392."
    );

    // With B4 filled the third side names the same cell twice: the one
    // in both findings is the one to re-read from the photo.
    f.b4_total.jumlah = Some(391);
    let t = periksa(&f, &batas());
    assert_eq!(
        aturan(&t),
        [
            Aturan::TotalSamaSuratDigunakan,
            Aturan::PemilihSamaSuratDigunakan
        ]
    );
    assert_eq!(t[1].kolom, ["b4_total.jumlah", "surat_digunakan"]);
    assert_eq!(
        t[1].pesan,
        "Jumlah pengguna hak pilih (I.B4) 391 tidak sama dengan surat suara yang digunakan (II) 392."
    );
}

#[test]
fn ballots_received_are_accounted_for() {
    let mut f = bersih();
    f.surat_rusak = Some(3);
    let t = satu(&f, Aturan::SuratDiterimaSamaRincian);
    assert_eq!(
        t.kolom,
        [
            "surat_diterima",
            "surat_digunakan",
            "surat_rusak",
            "surat_sisa"
        ]
    );
    assert_eq!(
        t.pesan,
        "Surat suara yang diterima (II) 543 tidak sama dengan digunakan + dikembalikan rusak/keliru coblos + tidak digunakan (391 + 3 + 150 = 544)."
    );
}

#[test]
fn b1_cannot_exceed_the_dpt() {
    let mut f = bersih();
    f.dpt = Angka3::isi(170, 359, 529);
    let t = satu(&f, Aturan::B1MelebihiDpt);
    assert_eq!(t.kolom, ["b1_dpt.laki", "dpt.laki"]);
    assert_eq!(
        t.pesan,
        "Pengguna hak pilih dalam DPT (I.B1) kolom laki-laki: 180, melebihi pemilih terdaftar dalam DPT (I.A) 170."
    );
}

#[test]
fn ballots_received_match_dpt_plus_reserve() {
    let mut f = bersih();
    f.surat_diterima = Some(560);
    f.surat_sisa = Some(167);
    let t = satu(&f, Aturan::SuratDiterimaJauhDariDpt);
    assert_eq!(t.kolom, ["surat_diterima", "dpt.jumlah"]);
    assert_eq!(
        t.pesan,
        "Surat suara yang diterima (II) 560 jauh dari DPT (I.A) 529 + cadangan 2,5% = 543: selisih 17, lebih dari toleransi 10."
    );

    let jauh = |dpt: u32, diterima: u32| {
        let f = FormulirHasil {
            dpt: Angka3 {
                jumlah: Some(dpt),
                ..Angka3::default()
            },
            surat_diterima: Some(diterima),
            ..FormulirHasil::default()
        };
        periksa(&f, &batas())
            .iter()
            .any(|t| t.aturan == Aturan::SuratDiterimaJauhDariDpt)
    };
    // (dpt, expected, tolerance): 529 → 543 ± 10, 100 → 103 ± 5,
    // 600 → 615 ± 12, 0 → 0 ± 5.
    for (dpt, harus, tol) in [(529, 543, 10), (100, 103, 5), (600, 615, 12), (0, 0, 5)] {
        assert!(!jauh(dpt, harus + tol), "{dpt}");
        assert!(jauh(dpt, harus + tol + 1), "{dpt}");
        if harus > tol {
            assert!(!jauh(dpt, harus - tol), "{dpt}");
            assert!(jauh(dpt, harus - tol - 1), "{dpt}");
        }
    }
}

/// A form with only the DPT total and section V filled (one paslon).
fn minimal(dpt: u32, total: u32) -> Vec<Aturan> {
    let f = FormulirHasil {
        dpt: Angka3 {
            jumlah: Some(dpt),
            ..Angka3::default()
        },
        suara_paslon: vec![Some(total)],
        suara_sah: Some(total),
        suara_tidak_sah: Some(0),
        suara_total: Some(total),
        ..FormulirHasil::default()
    };
    aturan(&periksa(&f, &Batas::pilkada_2024(1)))
}

#[test]
fn total_at_most_102_percent_of_dpt() {
    assert_eq!(minimal(100, 102), []);
    assert_eq!(minimal(100, 103), [Aturan::TotalMelebihiDpt]);
    assert_eq!(minimal(529, 539), []);
    assert_eq!(minimal(529, 540), [Aturan::TotalMelebihiDpt]);
    assert_eq!(minimal(0, 0), []);
    assert_eq!(minimal(0, 1), [Aturan::TotalMelebihiDpt]);

    let mut f = bersih();
    f.dpt = Angka3::isi(150, 150, 300);
    f.b1_dpt = Angka3::isi(150, 150, 300);
    let t = periksa(&f, &batas());
    let t = t
        .iter()
        .find(|t| t.aturan == Aturan::TotalMelebihiDpt)
        .unwrap();
    assert_eq!(t.kolom, ["suara_total", "dpt.jumlah"]);
    assert_eq!(
        t.pesan,
        "Total suara sah dan tidak sah (V.C) 391 melebihi 102% dari DPT (I.A) 300 (paling banyak 306)."
    );
}

#[test]
fn total_at_most_the_legal_maximum_per_tps() {
    assert_eq!(minimal(700, 600), []);
    assert_eq!(minimal(700, 601), [Aturan::TotalMelebihiBatasTps]);
    assert_eq!(
        minimal(100, 700),
        [Aturan::TotalMelebihiDpt, Aturan::TotalMelebihiBatasTps]
    );
    let f = FormulirHasil {
        suara_total: Some(601),
        ..bersih()
    };
    let t = periksa(&f, &batas());
    let t = t
        .iter()
        .find(|t| t.aturan == Aturan::TotalMelebihiBatasTps)
        .unwrap();
    assert_eq!(t.kolom, ["suara_total"]);
    assert_eq!(
        t.pesan,
        "Total suara sah dan tidak sah (V.C) 601 melebihi batas pemilih per TPS (600)."
    );
}

#[test]
fn required_fields_left_blank() {
    let mut f = bersih();
    f.suara_paslon[2] = None;
    f.suara_tidak_sah = None;
    let t = satu(&f, Aturan::KosongWajib);
    assert_eq!(t.kolom, ["suara_paslon.2", "suara_tidak_sah"]);
    assert_eq!(
        t.pesan,
        "Kolom wajib belum diisi: suara paslon nomor urut 3 (IV), suara tidak sah (V.B)."
    );
    assert_eq!(
        t.english(),
        "Required fields left blank: votes for candidate pair no. 3 (IV), invalid votes (V.B)."
    );

    let t = periksa(&FormulirHasil::default(), &batas());
    assert_eq!(aturan(&t), [Aturan::KosongWajib, Aturan::JumlahPaslonSalah]);
    assert_eq!(t[0].kolom, ["suara_sah", "suara_tidak_sah", "suara_total"]);
}

#[test]
fn a_blank_total_is_checked_on_what_the_form_implies() {
    // An SMS without JML: paslon and TS only, V.A and V.C blank.
    let sms = FormulirHasil {
        suara_paslon: vec![Some(9999), Some(9999)],
        suara_tidak_sah: Some(0),
        ..FormulirHasil::default()
    };
    let b = Batas::pilkada_2024(2).dengan_dpt_tps(Some(300));
    let t = periksa(&sms, &b);
    assert_eq!(
        aturan(&t),
        [
            Aturan::KosongWajib,
            Aturan::TotalMelebihiDpt,
            Aturan::TotalMelebihiBatasTps
        ]
    );
    assert_eq!(
        t[1].pesan,
        "Jumlah suara paslon + tidak sah (IV + V.B) 19998 melebihi DPT TPS ini 300 + cadangan 2,5% = 308 surat suara."
    );
    assert_eq!(
        t[1].kolom,
        ["suara_paslon.0", "suara_paslon.1", "suara_tidak_sah"]
    );
    assert_eq!(t[1].singkat(), Some("melebihi DPT 300+2,5%"));
    assert_eq!(
        t[2].pesan,
        "Jumlah suara paslon + tidak sah (IV + V.B) 19998 melebihi batas pemilih per TPS (600)."
    );
    assert_eq!(t[2].singkat(), Some("melebihi batas 600/TPS"));
    // Without the TPS's DPT the legal maximum still holds.
    assert_eq!(
        aturan(&periksa(&sms, &Batas::pilkada_2024(2))),
        [Aturan::KosongWajib, Aturan::TotalMelebihiBatasTps]
    );
    // Within the ballots (DPT + 2.5 %): 308 of 300 is no flag, 309 is.
    let n = |a: u32, ts: u32| {
        let f = FormulirHasil {
            suara_paslon: vec![Some(a), Some(0)],
            suara_tidak_sah: Some(ts),
            ..FormulirHasil::default()
        };
        aturan(&periksa(&f, &b))
    };
    assert_eq!(n(300, 8), [Aturan::KosongWajib]);
    assert_eq!(n(300, 9), [Aturan::KosongWajib, Aturan::TotalMelebihiDpt]);
    // The form's own DPT (I.A), when written, is what the total meets.
    let mut f = sms.clone();
    f.dpt.jumlah = Some(20_000);
    assert_eq!(
        aturan(&periksa(&f, &b)),
        [Aturan::KosongWajib, Aturan::TotalMelebihiBatasTps]
    );
    // V.A + V.B when V.A is written and V.C is not.
    let f = FormulirHasil {
        suara_paslon: vec![Some(1), Some(1)],
        suara_sah: Some(700),
        suara_tidak_sah: Some(5),
        ..FormulirHasil::default()
    };
    let t = periksa(&f, &b);
    let t = t
        .iter()
        .find(|t| t.aturan == Aturan::TotalMelebihiBatasTps)
        .unwrap();
    assert_eq!(t.kolom, ["suara_sah", "suara_tidak_sah"]);
    assert!(
        t.pesan
            .starts_with("Suara sah + tidak sah (V.A + V.B) 705 melebihi")
    );
}

#[test]
fn a_single_paslon_form_carries_the_blank_box() {
    assert_eq!(kolom_suara_paslon(1), 2);
    for n in [0, 2, 3, 6] {
        assert_eq!(kolom_suara_paslon(n), n);
    }
}

#[test]
fn number_of_paslon_must_match_the_election() {
    let t = periksa(&bersih(), &Batas::pilkada_2024(4));
    assert_eq!(aturan(&t), [Aturan::JumlahPaslonSalah]);
    assert_eq!(t[0].kolom, ["suara_paslon"]);
    assert_eq!(
        t[0].pesan,
        "Formulir berisi 3 kolom suara paslon (IV), padahal pemilihan ini diikuti 4 paslon."
    );
    let mut f = bersih();
    f.suara_paslon.push(Some(0));
    assert_eq!(aturan(&periksa(&f, &batas())), [Aturan::JumlahPaslonSalah]);
}

#[test]
fn absurd_numbers_do_not_overflow() {
    let m = u32::MAX;
    let f = FormulirHasil {
        dpt: Angka3::isi(m, m, m),
        b1_dpt: Angka3::isi(m, m, m),
        b2_pindahan: Angka3::isi(m, m, m),
        b3_tambahan: Angka3::isi(m, m, m),
        b4_total: Angka3::isi(m, m, m),
        surat_diterima: Some(m),
        surat_digunakan: Some(m),
        surat_rusak: Some(m),
        surat_sisa: Some(m),
        disabilitas: Angka3::isi(m, m, m),
        suara_paslon: vec![Some(m); 3],
        suara_sah: Some(m),
        suara_tidak_sah: Some(m),
        suara_total: Some(m),
    };
    let t = periksa(&f, &batas());
    assert!(
        t[0].pesan.contains(&format!("= {}", 2 * u64::from(m))),
        "{}",
        t[0].pesan
    );
    let paslon = t
        .iter()
        .find(|t| t.aturan == Aturan::JumlahPaslonSamaSah)
        .unwrap();
    assert!(paslon.pesan.contains(&format!("= {})", 3 * u64::from(m))));
    assert!(!aturan(&t).contains(&Aturan::TotalMelebihiDpt));
}

#[test]
fn codes_are_stable_unique_and_what_serde_writes() {
    let kode: Vec<&str> = Aturan::SEMUA.iter().map(Aturan::kode).collect();
    let mut unik = kode.clone();
    unik.sort();
    unik.dedup();
    assert_eq!(unik.len(), 14);
    for k in &kode {
        assert!(
            k.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{k}"
        );
    }
    for a in Aturan::SEMUA {
        let mut pairs = vec![("kode", a.kode())];
        if let Aturan::LakiPerempuanJumlah { baris } = a {
            pairs.push(("baris", baris.field()));
        }
        let back =
            Aturan::deserialize(MapDeserializer::<_, DeError>::new(pairs.into_iter())).unwrap();
        assert_eq!(back, a);
        assert_eq!(a.to_string(), a.kode());
    }
    assert_eq!(KOLOM_PASLON[0], "suara_paslon.0");
    assert_eq!(KOLOM_PASLON[98], "suara_paslon.98");
    assert_eq!(kolom_paslon(99), "suara_paslon");
}

/// Splits `total` into `cuts.len() + 1` parts, using `cuts` as random cut points.
fn potong(total: u32, cuts: &[u32]) -> Vec<u32> {
    let mut c: Vec<u32> = cuts.iter().map(|x| x % (total + 1)).collect();
    c.sort_unstable();
    let mut parts = Vec::with_capacity(c.len() + 1);
    let mut prev = 0;
    for x in c {
        parts.push(x - prev);
        prev = x;
    }
    parts.push(total - prev);
    parts
}

/// A form as a careful KPPS fills it, built from raw random numbers.
fn konsisten(dl: u32, dp: u32, r: &[u32; 16], n: usize) -> FormulirHasil {
    let row = |l: u32, p: u32| Angka3::isi(l, p, l + p);
    let (ul, up) = (r[0] % (dl + 1), r[1] % (dp + 1));
    let (bl, bp) = (potong(ul, &r[2..4]), potong(up, &r[4..6]));
    let total = ul + up;
    let tidak_sah = r[6] % (total + 1);
    let sah = total - tidak_sah;
    let diterima = surat_seharusnya(dl + dp) as u32 + r[8] % 6;
    let rusak = r[7] % (diterima - total + 1);
    FormulirHasil {
        dpt: row(dl, dp),
        b1_dpt: row(bl[0], bp[0]),
        b2_pindahan: row(bl[1], bp[1]),
        b3_tambahan: row(bl[2], bp[2]),
        b4_total: row(ul, up),
        surat_diterima: Some(diterima),
        surat_digunakan: Some(total),
        surat_rusak: Some(rusak),
        surat_sisa: Some(diterima - total - rusak),
        disabilitas: row(r[9] % (ul + 1), r[10] % (up + 1)),
        suara_paslon: potong(sah, &r[11..11 + n - 1])
            .into_iter()
            .map(Some)
            .collect(),
        suara_sah: Some(sah),
        suara_tidak_sah: Some(tidak_sah),
        suara_total: Some(total),
    }
}

fn angka3() -> impl Strategy<Value = Angka3> {
    let o = || proptest::option::of(any::<u32>());
    (o(), o(), o()).prop_map(|(laki, perempuan, jumlah)| Angka3 {
        laki,
        perempuan,
        jumlah,
    })
}

fn formulir_acak() -> impl Strategy<Value = FormulirHasil> {
    let o = || proptest::option::of(any::<u32>());
    (
        (angka3(), angka3(), angka3(), angka3(), angka3(), angka3()),
        (o(), o(), o(), o()),
        (proptest::collection::vec(o(), 0..8), o(), o(), o()),
    )
        .prop_map(
            |((dpt, b1, b2, b3, b4, dis), (d, g, r, s), (paslon, sah, tidak, total))| {
                FormulirHasil {
                    dpt,
                    b1_dpt: b1,
                    b2_pindahan: b2,
                    b3_tambahan: b3,
                    b4_total: b4,
                    surat_diterima: d,
                    surat_digunakan: g,
                    surat_rusak: r,
                    surat_sisa: s,
                    disabilitas: dis,
                    suara_paslon: paslon,
                    suara_sah: sah,
                    suara_tidak_sah: tidak,
                    suara_total: total,
                }
            },
        )
}

proptest! {
    #[test]
    fn consistent_forms_have_no_findings(dl in 0u32..=300, dp in 0u32..=300, r in any::<[u32; 16]>(), n in 1usize..=6) {
        let f = konsisten(dl, dp, &r, n);
        prop_assert_eq!(periksa(&f, &Batas::pilkada_2024(n)), vec![]);
    }

    #[test]
    fn one_paslon_off_by_k_is_flagged_naming_it(dl in 0u32..=300, dp in 0u32..=300, r in any::<[u32; 16]>(), n in 1usize..=6, pilih in any::<usize>(), k in 1u32..=100_000) {
        let mut f = konsisten(dl, dp, &r, n);
        let j = pilih % n;
        f.suara_paslon[j] = f.suara_paslon[j].map(|v| v + k);
        let t = periksa(&f, &Batas::pilkada_2024(n));
        prop_assert_eq!(aturan(&t), vec![Aturan::JumlahPaslonSamaSah]);
        let nama = format!("suara_paslon.{j}");
        prop_assert!(t[0].kolom.contains(&nama.as_str()), "{:?}", t[0].kolom);
        prop_assert!(t[0].kolom.contains(&"suara_sah"));
    }

    #[test]
    fn blanking_a_cell_never_raises_an_arithmetic_flag(dl in 0u32..=300, dp in 0u32..=300, r in any::<[u32; 16]>(), n in 1usize..=6, pilih in any::<usize>()) {
        let mut f = konsisten(dl, dp, &r, n);
        {
            let mut sel = semua_sel(&mut f);
            let i = pilih % sel.len();
            *sel[i] = None;
        }
        for t in periksa(&f, &Batas::pilkada_2024(n)) {
            prop_assert_eq!(t.aturan, Aturan::KosongWajib);
        }
    }

    #[test]
    fn periksa_never_panics(f in formulir_acak(), maks in any::<u32>(), jumlah_paslon in 0usize..10) {
        let batas = Batas { maks_pemilih_tps: maks, jumlah_paslon, dpt_tps: None };
        for t in periksa(&f, &batas) {
            prop_assert!(!t.kolom.is_empty());
            prop_assert!(t.pesan.ends_with('.') && t.english().ends_with('.'));
            for k in &t.kolom {
                let dikenal = SEL.iter().flatten().any(|s| s == k)
                    || [SURAT_DITERIMA, SURAT_DIGUNAKAN, SURAT_RUSAK, SURAT_SISA, SUARA_SAH, SUARA_TIDAK_SAH, SUARA_TOTAL, "suara_paslon"].contains(k)
                    || k.strip_prefix("suara_paslon.").and_then(|i| i.parse::<usize>().ok()).is_some_and(|i| i < f.suara_paslon.len());
                prop_assert!(dikenal, "{}", k);
            }
        }
    }
}
