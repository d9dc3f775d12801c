use super::*;
use crate::hasil::{Aturan, Batas, periksa};
use proptest::prelude::*;

fn kode(s: &str) -> RujukanTps {
    RujukanTps::Kode(KodeTps::parse(s).unwrap())
}

fn singkat(n: u64) -> RujukanTps {
    RujukanTps::Singkat(kode_singkat(n).unwrap())
}

fn hasil(s: &str) -> HasilSms {
    match parse(s) {
        Ok(Pesan::Hasil(h)) => h,
        other => panic!("{s:?} → {other:?}"),
    }
}

fn galat(s: &str) -> GalatPesan {
    match parse(s) {
        Err(g) => g,
        other => panic!("{s:?} → {other:?}, expected an error"),
    }
}

/// `(tps, votes, ts, jml)` of a parsed result.
fn angka(s: &str) -> (String, Vec<u32>, u32, Option<u32>) {
    let h = hasil(s);
    (
        h.tps().to_string(),
        h.suara_paslon().to_vec(),
        h.suara_tidak_sah(),
        h.suara_total(),
    )
}

fn contoh(jml: Option<u32>) -> (String, Vec<u32>, u32, Option<u32>) {
    ("3273011001-003".to_string(), vec![120, 98, 45], 7, jml)
}

/// Every reply must be one plain SMS.
fn satu_sms(s: &str) {
    assert!(s.chars().count() <= SATU_SMS, "{} chars: {s}", s.len());
    assert!(gsm7_dasar(s), "not GSM-7: {s}");
}

// --- short codes -----------------------------------------------------

#[test]
fn short_codes_are_stable() {
    // Printed on assignment sheets: these must never change.
    let tetap = [
        (0, "HH3EKT"),
        (1, "ZGEHGQ"),
        (2, "PFTMDA"),
        (3, "EF7QAG"),
        (42, "GM5M9D"),
        (1000, "J8TB6M"),
        (KodeSingkat::KAPASITAS - 1, "THNBPK"),
    ];
    for (n, s) in tetap {
        let k = kode_singkat(n).unwrap();
        assert_eq!(k.to_string(), s, "{n}");
        assert_eq!(k.nomor(), n);
        assert_eq!(KodeSingkat::parse(&s.to_lowercase()).unwrap(), k);
    }
    assert_eq!(KodeSingkat::KAPASITAS, 14_852_901);
    assert_eq!(kode_singkat(KodeSingkat::KAPASITAS), None);
    assert_eq!(kode_singkat(u64::MAX), None);
    assert_eq!(PENGALI * PENGALI_BALIK % KodeSingkat::KAPASITAS, 1);
}

#[test]
fn short_codes_are_unique_and_well_formed() {
    let mut semua = std::collections::HashSet::new();
    for n in 0..200_000 {
        let k = kode_singkat(n).unwrap();
        let s = k.as_str();
        assert!(s.as_bytes()[0].is_ascii_uppercase(), "{s}");
        assert!(s.bytes().all(|b| ABJAD.contains(&b)), "{s}");
        assert!(!s.contains(['0', 'O', '1', 'I', 'L', 'S', 'U']), "{s}");
        assert!(semua.insert(k), "{s} twice");
    }
    // Neighbours (TPS stored one after another) look nothing alike.
    for n in 0..10_000 {
        let a = kode_singkat(n).unwrap();
        let b = kode_singkat(n + 1).unwrap();
        let sama = a.0.iter().zip(b.0).filter(|(x, y)| **x == *y).count();
        assert!(sama <= 3, "{a} {b}");
    }
}

#[test]
fn every_single_typo_and_swap_in_a_short_code_is_caught() {
    for n in [0, 3, 42, 1000, 777_777, KodeSingkat::KAPASITAS - 1] {
        let asli = kode_singkat(n).unwrap().0;
        for i in 0..6 {
            for &c in ABJAD {
                if c == asli[i] {
                    continue;
                }
                let mut v = asli;
                v[i] = c;
                let s = String::from_utf8(v.to_vec()).unwrap();
                assert!(KodeSingkat::parse(&s).is_err(), "{s} from {n}");
            }
            for j in i + 1..6 {
                if asli[i] == asli[j] {
                    continue;
                }
                let mut v = asli;
                v.swap(i, j);
                let s = String::from_utf8(v.to_vec()).unwrap();
                assert!(KodeSingkat::parse(&s).is_err(), "{s} from {n}");
            }
        }
    }
}

#[test]
fn short_code_errors() {
    assert_eq!(
        KodeSingkat::parse("EF7QA"),
        Err(KodeSingkatError::Panjang(5))
    );
    assert_eq!(
        KodeSingkat::parse("EF7QAGX"),
        Err(KodeSingkatError::Panjang(7))
    );
    assert_eq!(
        KodeSingkat::parse("EF7OAG"),
        Err(KodeSingkatError::Karakter('O'))
    );
    assert_eq!(
        KodeSingkat::parse("ef7qa1"),
        Err(KodeSingkatError::Karakter('1'))
    );
    assert_eq!(
        KodeSingkat::parse("éF7QAG"),
        Err(KodeSingkatError::Karakter('é'))
    );
    assert_eq!(
        KodeSingkat::parse("3F7QAG"),
        Err(KodeSingkatError::AwalAngka)
    );
    assert_eq!(
        KodeSingkat::parse("EF7QAH"),
        Err(KodeSingkatError::SalahKetik)
    );
    assert_eq!(
        KodeSingkat::parse(" ef7qag ").unwrap().to_string(),
        "EF7QAG"
    );
    let k: KodeSingkat = "EF7QAG".parse().unwrap();
    assert_eq!(format!("{k:?}"), "KodeSingkat(EF7QAG)");
}

// --- TPS references --------------------------------------------------

#[test]
fn every_spelling_of_a_tps_code() {
    for tps in [
        "3273011001-003",
        "3273011001003",
        "3273011001-3",
        "3273011001-03",
        "3273011001/003",
        "3273011001/3",
        "32.73.01.1001-003",
        "32.73.01.1001-3",
        "32.73.01.1001/003",
        "TPS 3273011001-003",
        "tps 3273011001003",
        "TPS3273011001003",
        "TPS: 32.73.01.1001-003",
    ] {
        let s = format!("HASIL {tps} 120 98 45 TS 7");
        assert_eq!(angka(&s), contoh(None), "{s}");
    }
    for s in ["EF7QAG", "ef7qag", "Ef7QaG", "TPS EF7QAG"] {
        let h = hasil(&format!("HASIL {s} 120 98 45 TS 7"));
        assert_eq!(h.tps(), singkat(3), "{s}");
    }
}

#[test]
fn wrong_tps_codes_say_why() {
    let alasan = |s: &str| match galat(s) {
        GalatPesan::TpsSalah { alasan, .. } => alasan,
        g => panic!("{s}: {g:?}"),
    };
    let cases = [
        ("HASIL 3273011001 120 98 45 TS 7", AlasanTps::TanpaNomor),
        ("HASIL 327301100103 120 TS 7", AlasanTps::JumlahAngka(12)),
        ("HASIL 32730110010033 120 TS 7", AlasanTps::JumlahAngka(14)),
        ("HASIL 003 120 TS 7", AlasanTps::JumlahAngka(3)),
        ("HASIL TPS 003 120 TS 7", AlasanTps::JumlahAngka(3)),
        ("HASIL 3273011001-000 120 TS 7", AlasanTps::NomorTps),
        ("HASIL 3273011001-0003 120 TS 7", AlasanTps::NomorTps),
        ("HASIL 3273011001- 120 TS 7", AlasanTps::TanpaNomor),
        ("HASIL 32.73.01.1001 120 TS 7", AlasanTps::TanpaNomor),
        ("HASIL 32.73.01.1001.003 120 TS 7", AlasanTps::Pemisah),
        ("HASIL 32.73.1.1001-003 120 TS 7", AlasanTps::Bentuk),
        ("HASIL 0573011001003 120 TS 7", AlasanTps::KodeDesa),
        ("HASIL 3273015001003 120 TS 7", AlasanTps::KodeDesa),
        ("HASIL 327301100l-003 120 TS 7", AlasanTps::Huruf('l')),
        ("HASIL 32730110O1003 120 TS 7", AlasanTps::Huruf('O')),
        ("HASIL 3273011001-0O3 120 TS 7", AlasanTps::Huruf('O')),
        ("HASIL 3273011001003x 120 TS 7", AlasanTps::Bentuk),
        ("HASIL !@# 120 TS 7", AlasanTps::Bentuk),
        ("HASIL sebelas 120 TS 7", AlasanTps::Bentuk),
        ("HASIL EF7QAG! 120 TS 7", AlasanTps::Bentuk),
        (
            "HASIL EF7QAH 120 TS 7",
            AlasanTps::Singkat(KodeSingkatError::SalahKetik),
        ),
        (
            "HASIL EF7OAG 120 TS 7",
            AlasanTps::Singkat(KodeSingkatError::Karakter('O')),
        ),
    ];
    for (s, harus) in cases {
        assert_eq!(alasan(s), harus, "{s}");
    }
    assert_eq!(
        galat("HASIL"),
        GalatPesan::TpsKosong {
            jenis: JenisPesan::Hasil
        }
    );
    assert_eq!(
        galat("lapor :: "),
        GalatPesan::TpsKosong {
            jenis: JenisPesan::Lapor
        }
    );
    assert_eq!(
        galat("HADIR 3273011001").to_string(),
        "kode TPS '3273011001' belum ada nomor TPS: tambahkan mis. -003"
    );
}

// --- results: what is tolerated --------------------------------------

#[test]
fn tolerated_spellings_of_a_result() {
    let tanpa = [
        "HASIL 3273011001-003 120 98 45 TS 7",
        "hasil 3273011001-003 120 98 45 ts 7",
        "Hasil 3273011001-003 120 98 45 Ts 7",
        "HASIL   3273011001-003    120 98   45 TS    7   ",
        "HASIL\t3273011001-003\t120\t98\t45\tTS\t7",
        "HASIL\n3273011001-003\n120\n98\n45\nTS\n7\n",
        "HASIL\r\n3273011001-003\r\n120\r\n98\r\n45\r\nTS 7",
        "hasil#3273011001003#120#98#45#ts#7",
        "HASIL 3273011001-003: 120, 98, 45. TS 7",
        "HASIL 3273011001-003 120,98,45 TS 7",
        "HASIL 3273011001-003 120.98.45 TS 7",
        "HASIL 3273011001-003 120;98;45;TS;7",
        "HASIL/3273011001-003/120/98/45/TS/7",
        "HASIL 3273011001-003 120-98-45 TS-7",
        "HASIL=3273011001-003=120=98=45=TS=7",
        "HASIL 3273011001-003 0120 098 045 TS 007",
        "HASIL 3273011001-003 120 98 45 TS 0007",
        "HASIL 3273011001-003 120 98 45 TS7",
        "HASIL 3273011001-003 120 98 45 TS=7",
        "HASIL 3273011001-003 120 98 45 TS: 7",
        "HASIL 3273011001-003 120 98 45 TSAH 7",
        "HASIL 3273011001-003 120 98 45 tidak sah 7",
        "HASIL 3273011001-003 120 98 45 TDK SAH 7",
        "HASIL 3273011001-003 120 98 45 tidak-sah 7",
        "HASIL 3273011001-003 120 98 45 TIDAKSAH 7",
        "HASIL 3273011001-003 120 98 45 TDKSAH7",
        "HASIL 3273011001-003 P1=120 P2=98 P3=45 TS=7",
        "HASIL 3273011001-003 p1 120 p2 98 p3 45 ts 7",
        "HASIL 3273011001-003 P01:120 P02:098 P03:045 TS:7",
        "HASIL 3273011001-003 paslon1=120 paslon2=98 paslon3=45 TS=7",
        "HSL 3273011001-003 120 98 45 TS 7",
        "SUARA 3273011001-003 120 98 45 TS 7",
        "HASIL3273011001003 120 98 45 TS 7",
        "#HASIL 3273011001-003 120 98 45 TS 7",
        "/hasil 3273011001-003 120 98 45 TS 7",
        "/hasil@PoskoBot 3273011001-003 120 98 45 TS 7",
        "HASIL\u{a0}3273011001-003\u{a0}120\u{3000}98 45 TS 7",
    ];
    for s in tanpa {
        assert_eq!(angka(s), contoh(None), "{s:?}");
    }
    let dengan = [
        "HASIL 3273011001-003 120 98 45 TS 7 JML 270",
        "HASIL 3273011001-003 120 98 45 TS 7 jml 270",
        "HASIL 3273011001-003 120 98 45 TS 7 TOTAL 270",
        "HASIL 3273011001-003 120 98 45 TS 7 Jumlah 270",
        "HASIL 3273011001-003 120 98 45 TS 7 JLH 270",
        "HASIL 3273011001-003 120 98 45 TS 7 JML270",
        "HASIL 3273011001-003 120 98 45 TS 7 total=0270",
        "HASIL 3273011001-003 120 98 45 JML 270 TS 7",
        "HASIL 3273011001-003 120 98 45. TS 7. JML 270.",
        "hasil#3273011001003#120#98#45#ts#7#jml#270",
    ];
    for s in dengan {
        assert_eq!(angka(s), contoh(Some(270)), "{s:?}");
    }
}

#[test]
fn dots_and_commas_between_numbers() {
    // Two or three digits before: a thousands reading would need five
    // digits, so the dot can only separate.
    assert_eq!(angka("HASIL 3273011001-003 12.500 TS 7").1, [12, 500]);
    assert_eq!(
        angka("HASIL 3273011001-003 120.145.98 TS 7").1,
        [120, 145, 98]
    );
    assert_eq!(
        angka("HASIL 3273011001-003 120,145,98 TS 7").1,
        [120, 145, 98]
    );
    // Not three digits after, or a space: a separator.
    assert_eq!(angka("HASIL 3273011001-003 1.20 TS 7").1, [1, 20]);
    assert_eq!(angka("HASIL 3273011001-003 1. 200 TS 7").1, [1, 200]);
    assert_eq!(angka("HASIL 3273011001-003 1 .200 TS 7").1, [1, 200]);
    assert_eq!(angka("HASIL 3273011001-003 1.2000 TS 7").1, [1, 2000]);
    // One digit, a lone dot or comma, three digits: asked.
    let g = galat("HASIL 3273011001-003 120 1.200 TS 7");
    assert_eq!(
        g,
        GalatPesan::TitikRagu {
            letak: Letak::Paslon(2),
            tulisan: "1.200".into(),
            tanda: '.',
            ribuan: 1200,
            kiri: 1,
            kanan: 200,
        }
    );
    assert_eq!(
        g.to_string(),
        "angka ke-2 '1.200': maksud Anda 1200, atau 1 dan 200? Kirim ulang tanpa titik, pisahkan angka dengan spasi"
    );
    let g = galat("HASIL 3273011001-003 120 98 TS 7 JML 1,005");
    assert!(
        matches!(
            g,
            GalatPesan::TitikRagu {
                letak: Letak::Jumlah,
                tanda: ',',
                ribuan: 1005,
                ..
            }
        ),
        "{g:?}"
    );
    assert!(g.to_string().contains("tanpa koma"), "{g}");
    assert!(matches!(
        galat("HASIL 3273011001-003 120 98 TS7.200"),
        GalatPesan::TitikRagu {
            letak: Letak::TidakSah,
            ribuan: 7200,
            ..
        }
    ));
    assert!(matches!(
        galat("HASIL 3273011001-003 0.050 TS 7"),
        GalatPesan::TitikRagu { ribuan: 50, .. }
    ));
}

#[test]
fn letters_in_numbers_are_questions() {
    let g = galat("HASIL 3273011001-003 120 98 12O TS 7");
    assert_eq!(
        g,
        GalatPesan::HurufDalamAngka {
            letak: Letak::Paslon(3),
            tulisan: "12O".into(),
            huruf: 'O',
            maksud: 120,
        }
    );
    assert_eq!(
        g.to_string(),
        "angka ke-3 '12O' memuat huruf O: maksud Anda 120? Kirim ulang dengan angka saja"
    );
    let tanya = |s: &str| match galat(s) {
        GalatPesan::HurufDalamAngka {
            letak,
            huruf,
            maksud,
            ..
        } => (letak, huruf, maksud),
        g => panic!("{s}: {g:?}"),
    };
    assert_eq!(
        tanya("HASIL 3273011001-003 1O5 98 TS 7"),
        (Letak::Paslon(1), 'O', 105)
    );
    assert_eq!(
        tanya("HASIL 3273011001-003 120 98 TS o"),
        (Letak::TidakSah, 'o', 0)
    );
    assert_eq!(
        tanya("HASIL 3273011001-003 120 98 TS 7 JML 2l8"),
        (Letak::Jumlah, 'l', 218)
    );
    assert_eq!(
        tanya("HASIL 3273011001-003 I20 98 TS 7"),
        (Letak::Paslon(1), 'I', 120)
    );
    assert_eq!(
        tanya("HASIL 3273011001-003 120 98 TSO7"),
        (Letak::TidakSah, 'O', 7)
    );
    assert_eq!(
        tanya("HASIL 3273011001-003 P1=12O P2=98 TS 7"),
        (Letak::Paslon(1), 'O', 120)
    );
    // Too long even as digits: a typo, not a question.
    assert!(matches!(
        galat("HASIL 3273011001-003 12OOO TS 7"),
        GalatPesan::AngkaTerlaluPanjang { .. }
    ));
    // Letters that are not look-alikes are just unknown words.
    assert!(matches!(
        galat("HASIL 3273011001-003 12B TS 7"),
        GalatPesan::KataTidakDikenal { ke: 3, .. }
    ));
}

#[test]
fn counts_of_more_than_four_digits_are_typos() {
    assert_eq!(angka("HASIL 3273011001-003 9999 0 TS 9999").1, [9999, 0]);
    let g = galat("HASIL 3273011001-003 120 98 12000 TS 7");
    assert_eq!(
        g,
        GalatPesan::AngkaTerlaluPanjang {
            letak: Letak::Paslon(3),
            tulisan: "12000".into()
        }
    );
    assert_eq!(
        g.to_string(),
        "angka ke-3 '12000' lebih dari 4 angka: periksa lagi"
    );
    assert!(matches!(
        galat("HASIL 3273011001-003 120 TS 00007"),
        GalatPesan::AngkaTerlaluPanjang {
            letak: Letak::TidakSah,
            ..
        }
    ));
    let panjang = format!("HASIL 3273011001-003 {} TS 7", "9".repeat(500));
    match galat(&panjang) {
        GalatPesan::AngkaTerlaluPanjang { tulisan, .. } => {
            assert_eq!(tulisan, "9999999999..")
        }
        g => panic!("{g:?}"),
    }
    // Above 1000 is suspicious but syntactically fine: periksa flags it.
    assert_eq!(angka("HASIL 3273011001-003 1500 98 TS 7").1, [1500, 98]);
}

#[test]
fn grammar_errors_name_the_word() {
    let cases: &[(&str, GalatPesan)] = &[
        ("HASIL 3273011001-003", GalatPesan::SuaraKosong),
        ("HASIL 3273011001-003 TS 7", GalatPesan::SuaraKosong),
        ("HASIL 3273011001-003 120 98 45", GalatPesan::TsTidakAda),
        ("HASIL 3273011001-003 120 98 45 7", GalatPesan::TsTidakAda),
        (
            "HASIL 3273011001-003 120 98 45 JML 270",
            GalatPesan::TsTidakAda,
        ),
        (
            "HASIL 3273011001-003 120 98 45 TS",
            GalatPesan::PenandaTanpaAngka {
                penanda: Penanda::Ts,
            },
        ),
        (
            "HASIL 3273011001-003 120 98 45 TS 7 JML",
            GalatPesan::PenandaTanpaAngka {
                penanda: Penanda::Jml,
            },
        ),
        (
            "HASIL 3273011001-003 120 98 45 TS JML 270",
            GalatPesan::PenandaTanpaAngka {
                penanda: Penanda::Ts,
            },
        ),
        (
            "HASIL 3273011001-003 120 98 45 TS 7 TS 8",
            GalatPesan::PenandaGanda {
                penanda: Penanda::Ts,
                ke: 8,
            },
        ),
        (
            "HASIL 3273011001-003 120 98 45 TS 7 270",
            GalatPesan::AngkaTanpaPenanda {
                ke: 8,
                tulisan: "270".into(),
            },
        ),
        (
            "HASIL 3273011001-003 120 98 45 TS 7 mohon dicek",
            GalatPesan::KataTidakDikenal {
                ke: 8,
                tulisan: "mohon".into(),
            },
        ),
        (
            "HASIL 3273011001-003 120 98 45+7 TS 7",
            GalatPesan::KataTidakDikenal {
                ke: 5,
                tulisan: "45+7".into(),
            },
        ),
        (
            "HASIL 3273011001-003 120 98 45 TS 7 🙏",
            GalatPesan::KataTidakDikenal {
                ke: 8,
                tulisan: "?".into(),
            },
        ),
        (
            "HASIL 3273011001-003 P1 120 P3 98 TS 7",
            GalatPesan::LabelSalah {
                ke: 5,
                tulisan: "P3".into(),
                harus: 2,
            },
        ),
        (
            "HASIL 3273011001-003 P0 120 TS 7",
            GalatPesan::LabelSalah {
                ke: 3,
                tulisan: "P0".into(),
                harus: 1,
            },
        ),
        (
            "HASIL 3273011001-003 P1 P2 98 TS 7",
            GalatPesan::LabelTanpaAngka {
                tulisan: "P1".into(),
            },
        ),
        (
            "HASIL 3273011001-003 P1 120 P2 TS 7",
            GalatPesan::LabelTanpaAngka {
                tulisan: "P2".into(),
            },
        ),
        (
            "HASIL 3273011001-003 120 P2 98 TS 7",
            GalatPesan::LabelCampur { ke: 4 },
        ),
        (
            "HASIL 3273011001-003 P1 120 98 TS 7",
            GalatPesan::LabelCampur { ke: 5 },
        ),
        (
            "HASIL 3273011001-003 120 98 TS 7 P3 45",
            GalatPesan::KataTidakDikenal {
                ke: 7,
                tulisan: "P3".into(),
            },
        ),
    ];
    for (s, harus) in cases {
        assert_eq!(&galat(s), harus, "{s}");
    }
    let banyak = format!("HASIL 3273011001-003 {} TS 7", "1 ".repeat(100));
    assert_eq!(galat(&banyak), GalatPesan::PaslonTerlaluBanyak);
    let pas = format!("HASIL 3273011001-003 {} TS 7", "1 ".repeat(99));
    assert_eq!(hasil(&pas).suara_paslon().len(), 99);
}

#[test]
fn message_length_is_capped() {
    let batas = format!("HASIL 3273011001-003 120 98 TS 7{}", " ".repeat(968));
    assert_eq!(batas.chars().count(), 1000);
    assert!(parse(&batas).is_ok());
    assert_eq!(parse(&format!("{batas} ")), Err(GalatPesan::TerlaluPanjang));
    assert_eq!(parse(&"é".repeat(1001)), Err(GalatPesan::TerlaluPanjang));
    assert!(parse(&"é".repeat(1000)).is_ok());
    assert_eq!(
        parse(&"x".repeat(10_000_000)),
        Err(GalatPesan::TerlaluPanjang)
    );
}

// --- other messages ---------------------------------------------------

#[test]
fn check_in() {
    for s in [
        "HADIR 3273011001-003",
        "hadir 3273011001003",
        "Hadir: 32.73.01.1001-3.",
        "CHECKIN 3273011001-003",
        "checkin#3273011001003",
        "Check-in 3273011001-003",
        "CEK-IN 3273011001-003",
        "cekin 3273011001-003",
        "HADIR TPS 3273011001-003",
    ] {
        assert_eq!(
            parse(s),
            Ok(Pesan::Hadir {
                tps: kode("3273011001003")
            }),
            "{s}"
        );
    }
    assert_eq!(parse("hadir ef7qag"), Ok(Pesan::Hadir { tps: singkat(3) }));
    assert_eq!(
        galat("HADIR 3273011001-003 siap bertugas"),
        GalatPesan::HadirBerlebih {
            ke: 3,
            tulisan: "siap".into()
        }
    );
    // MASUK is not a check-in (see KATA_KUNCI).
    assert_eq!(parse("MASUK 3273011001-003"), Ok(Pesan::TidakDikenal));
    assert_eq!(parse("CHECK 3273011001-003"), Ok(Pesan::TidakDikenal));
    assert_eq!(parse("CHECK-INN 3273011001-003"), Ok(Pesan::TidakDikenal));
}

#[test]
fn incident_reports() {
    let lapor = |s: &str| match parse(s) {
        Ok(Pesan::Lapor {
            tps,
            kategori,
            teks,
        }) => (tps, kategori, teks),
        other => panic!("{s}: {other:?}"),
    };
    assert_eq!(
        lapor("LAPOR 3273011001-003 intimidasi Saksi kami diusir oleh oknum."),
        (
            kode("3273011001003"),
            "intimidasi".to_string(),
            "Saksi kami diusir oleh oknum.".to_string()
        )
    );
    assert_eq!(
        lapor("lapor ef7qag Politik-Uang: ada bagi amplop di RT 03  \n"),
        (
            singkat(3),
            "politik_uang".to_string(),
            "ada bagi amplop di RT 03".to_string()
        )
    );
    // The story is kept verbatim, line breaks and emoji included.
    let (_, k, t) = lapor("INSIDEN 3273011001-003 logistik\nKotak suara\nrusak 😡 ");
    assert_eq!(
        (k.as_str(), t.as_str()),
        ("logistik", "Kotak suara\nrusak 😡")
    );
    let (_, k, _) = lapor("LAPORAN 3273011001-003 saksi_dihalangi tidak boleh masuk");
    assert_eq!(k, "saksi_dihalangi");
    let (_, _, t) = lapor(&format!("LAPOR 3273011001-003 lain {}", "a".repeat(500)));
    assert_eq!(t.len(), 500);
    assert_eq!(
        galat(&format!("LAPOR 3273011001-003 lain {}", "a".repeat(501))),
        GalatPesan::TeksTerlaluPanjang { panjang: 501 }
    );
    assert_eq!(galat("LAPOR 3273011001-003"), GalatPesan::KategoriKosong);
    assert_eq!(
        galat("LAPOR 3273011001-003 intimidasi"),
        GalatPesan::TeksKosong
    );
    assert_eq!(
        galat("LAPOR 3273011001-003 intimidasi : "),
        GalatPesan::TeksKosong
    );
    assert_eq!(
        galat("LAPOR 3273011001-003 intimidasí ada orang"),
        GalatPesan::KategoriTidakSah {
            tulisan: "intimidas?".into()
        }
    );
    assert!(matches!(
        galat(&format!("LAPOR 3273011001-003 {} x", "a".repeat(31))),
        GalatPesan::KategoriTidakSah { .. }
    ));
}

#[test]
fn help_and_everything_else() {
    for s in [
        "BANTUAN",
        "bantuan",
        "Bantu",
        "INFO",
        "info apa ini",
        "HELP",
        "help!",
        "?",
        "??",
        " ? ",
        "MENU",
        "/start",
        "/help@PoskoBot",
    ] {
        assert_eq!(parse(s), Ok(Pesan::Bantuan), "{s}");
    }
    for s in [
        "",
        "   ",
        "Selamat pagi pak",
        "Hasilnya bagaimana?",
        "HASIL!",
        "hasilé 3273011001-003",
        "120 98 45",
        "3273011001-003 HASIL 120 98 45 TS 7",
        "😀",
        "\u{0}",
        "OK",
    ] {
        assert_eq!(parse(s), Ok(Pesan::TidakDikenal), "{s:?}");
    }
}

/// Messages as saksi actually type them on cheap phones.
#[test]
fn realistic_phone_messages() {
    let diterima: &[(&str, &[u32], u32, Option<u32>)] = &[
        (
            "HASIL 3273011001-003 120 98 45 TS 7",
            &[120, 98, 45],
            7,
            None,
        ),
        (
            "hasil 3273011001003 120 98 45 ts 7 jml 270",
            &[120, 98, 45],
            7,
            Some(270),
        ),
        (
            "Hasil 32.73.01.1001-003: 120, 98, 45. TS 7",
            &[120, 98, 45],
            7,
            None,
        ),
        (
            "hasil#3273011001003#120#98#45#ts#7",
            &[120, 98, 45],
            7,
            None,
        ),
        (
            "HASIL 3273011001-3\n120\n98\n45\nTS 7\nJML 270",
            &[120, 98, 45],
            7,
            Some(270),
        ),
        (
            "HASIL  3273011001-003   120  098  045  TS  007",
            &[120, 98, 45],
            7,
            None,
        ),
        ("hasil ef7qag 201 187 ts 11", &[201, 187], 11, None),
        (
            "HASIL TPS 3273011001-003 P1=120 P2=98 P3=45 TS=7 JML=270",
            &[120, 98, 45],
            7,
            Some(270),
        ),
        (
            "hasil 3273011001/003 p1:120 p2:98 p3:45 ts:7 total:270",
            &[120, 98, 45],
            7,
            Some(270),
        ),
        (
            "Hasil 3273011001-003 120,98,45 TS7 JML270",
            &[120, 98, 45],
            7,
            Some(270),
        ),
        (
            "HASIL 3273011001-003 120 98 45 tidak sah 7 jumlah 270",
            &[120, 98, 45],
            7,
            Some(270),
        ),
        (
            "HASIL 3273011001-003 120 98 45 JML 270 TS 7",
            &[120, 98, 45],
            7,
            Some(270),
        ),
        (
            "/hasil@PoskoBot 3273011001-003 120 98 45 TS 7",
            &[120, 98, 45],
            7,
            None,
        ),
        (
            "  hasil 3273011001-003 120 98 45 ts 7.  ",
            &[120, 98, 45],
            7,
            None,
        ),
        (
            "HASIL 3273011001-003 120 98 45 TS 0 JML 263",
            &[120, 98, 45],
            0,
            Some(263),
        ),
        ("HASIL 3273011001-003 150 40 TS 3", &[150, 40], 3, None),
        (
            "HASIL 3273011001-003 120;98;45;ts;7",
            &[120, 98, 45],
            7,
            None,
        ),
        (
            "HASIL 3273011001-003 120-98-45 TS-7 JML-270",
            &[120, 98, 45],
            7,
            Some(270),
        ),
        (
            "suara 3273011001-003 120 98 45 ts 7",
            &[120, 98, 45],
            7,
            None,
        ),
        (
            "HASIL 3273011001-003 120 98 45 TDK SAH 7",
            &[120, 98, 45],
            7,
            None,
        ),
        (
            "Hasil 3273011001-003. 0 0 0. TS 0. JML 0.",
            &[0, 0, 0],
            0,
            Some(0),
        ),
        (
            "HASIL 3171011001-012 312 254 TS 9 JML 575",
            &[312, 254],
            9,
            Some(575),
        ),
    ];
    for &(s, suara, ts, jml) in diterima {
        let h = hasil(s);
        assert_eq!(
            (h.suara_paslon(), h.suara_tidak_sah(), h.suara_total()),
            (suara, ts, jml),
            "{s:?}"
        );
    }
    let ditanya: &[(&str, &str)] = &[
        (
            "HASIL 3273011001-003 12O 98 45 TS 7",
            "Angka ke-1 '12O' memuat huruf O: maksud Anda 120? Kirim ulang dengan angka saja.",
        ),
        (
            "hasil 3273011001-003 120 98 1.200 TS 7",
            "Angka ke-3 '1.200': maksud Anda 1200, atau 1 dan 200? Kirim ulang tanpa titik, pisahkan angka dengan spasi.",
        ),
        (
            "HASIL 3273011001-003 120 98 45 7",
            "Suara tidak sah belum ditulis: tambahkan TS lalu angkanya. Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
        ),
        (
            "HASIL 3273011001 120 98 45 TS 7",
            "Kode TPS '3273011001' belum ada nomor TPS: tambahkan mis. -003. Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
        ),
        (
            "HASIL 327301100103 120 98 45 TS 7",
            "Kode TPS '327301100103' berisi 12 angka, harus 13 (10 kode desa + 3 nomor TPS). Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
        ),
        (
            "HASIL 3273011001-003 120 98 45 TS 7 mohon dicek",
            "Kata ke-8 'mohon' tidak dikenali. Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
        ),
        (
            "HASIL 3273011001-003 120 98 45 TS 7 270",
            "Angka '270' (kata ke-8) sesudah TS tanpa penanda: total ditulis sesudah JML. Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
        ),
        (
            "HASIL 3273011001-003 12000 98 45 TS 7",
            "Angka ke-1 '12000' lebih dari 4 angka: periksa lagi. Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
        ),
        (
            "HADIR 3273011001-003 siap",
            "HADIR cukup dengan kode TPS; kata ke-3 'siap' tidak dipakai. Contoh: HADIR 3273011001-003",
        ),
        (
            "LAPOR 3273011001-003 intimidasi",
            "Cerita kejadian belum ditulis setelah kategori. Contoh: LAPOR 3273011001-003 logistik surat suara kurang 20",
        ),
    ];
    for &(s, balasan) in ditanya {
        let b = balasan_galat(&galat(s));
        assert_eq!(b, balasan, "{s:?}");
        satu_sms(&b);
    }
}

// --- paslon count and the form ---------------------------------------

#[test]
fn paslon_count_is_checked_separately() {
    let h = hasil("HASIL 3273011001-003 120 98 TS 7");
    assert_eq!(cocokkan_paslon(&h, 2), Ok(()));
    let g = cocokkan_paslon(&h, 3).unwrap_err();
    assert_eq!(
        g,
        GalatPesan::JumlahPaslon {
            harus: 3,
            ada: 2,
            nomor_ikut: false
        }
    );
    assert_eq!(g.to_string(), "diharapkan 3 angka suara paslon, diterima 2");
    // `01:120 02:98 03:45`: colon is a separator, so the nomor urut
    // became counts. Refused, with a hint.
    let h = hasil("HASIL 3273011001-003 01:120 02:98 03:45 TS 7");
    assert_eq!(h.suara_paslon(), [1, 120, 2, 98, 3, 45]);
    let g = cocokkan_paslon(&h, 3).unwrap_err();
    assert_eq!(
        g.to_string(),
        "diharapkan 3 angka suara paslon, diterima 6: tulis suaranya saja, tanpa nomor urut"
    );
    assert!(matches!(
        cocokkan_paslon(&h, 2),
        Err(GalatPesan::JumlahPaslon {
            nomor_ikut: false,
            ..
        })
    ));
    assert!(matches!(
        cocokkan_paslon(&h, 0),
        Err(GalatPesan::JumlahPaslon {
            nomor_ikut: false,
            ..
        })
    ));
    satu_sms(&balasan_galat(&g));
}

#[test]
fn the_form_leaves_valid_votes_blank() {
    let h = hasil("HASIL 3273011001-003 120 98 45 TS 7 JML 270");
    let f = h.formulir();
    assert_eq!(f.suara_paslon, [Some(120), Some(98), Some(45)]);
    assert_eq!(f.suara_sah, None);
    assert_eq!(f.suara_tidak_sah, Some(7));
    assert_eq!(f.suara_total, Some(270));
    assert_eq!(f.dpt, Default::default());
    // V.A is reported as blank, not checked against a made-up sum.
    let t = periksa(&f, &Batas::pilkada_2024(3));
    let aturan: Vec<Aturan> = t.iter().map(|t| t.aturan).collect();
    assert_eq!(aturan, [Aturan::KosongWajib]);
    assert_eq!(t[0].kolom, ["suara_sah"]);
    // Without JML, V.C is blank too.
    let f = hasil("HASIL 3273011001-003 120 98 45 TS 7").formulir();
    assert_eq!(f.suara_total, None);
    // The SMS's own sum is the one the reply checks.
    assert_eq!(h.jumlah_dihitung(), 270);
    assert_eq!(h.jumlah_cocok(), Some(true));
    let salah = hasil("HASIL 3273011001-003 120 98 45 TS 7 JML 271");
    assert_eq!(salah.jumlah_cocok(), Some(false));
    assert_eq!(hasil("HASIL EF7QAG 1 TS 0").jumlah_cocok(), None);
}

#[test]
fn constructor_and_canonical_text() {
    let h = HasilSms::new(kode("3273011001003"), vec![120, 98, 45], 7, Some(270)).unwrap();
    assert_eq!(h.teks_baku(), "HASIL 3273011001-003 120 98 45 TS 7 JML 270");
    assert_eq!(hasil(&h.teks_baku()), h);
    let h = HasilSms::new(singkat(3), vec![5], 0, None).unwrap();
    assert_eq!(h.teks_baku(), "HASIL EF7QAG 5 TS 0");
    assert_eq!(hasil(&h.teks_baku()), h);
    assert_eq!(
        HasilSms::new(singkat(3), vec![], 0, None),
        Err(GalatPesan::SuaraKosong)
    );
    assert_eq!(
        HasilSms::new(singkat(3), vec![1; 100], 0, None),
        Err(GalatPesan::PaslonTerlaluBanyak)
    );
    assert_eq!(
        HasilSms::new(singkat(3), vec![1], 0, Some(10_000)),
        Err(GalatPesan::AngkaTerlaluPanjang {
            letak: Letak::Jumlah,
            tulisan: "10000".into()
        })
    );
    assert_eq!(
        HasilSms::new(singkat(3), vec![1, u32::MAX], 0, None),
        Err(GalatPesan::AngkaTerlaluPanjang {
            letak: Letak::Paslon(2),
            tulisan: "4294967295".into()
        })
    );
}

// --- replies ------------------------------------------------------------

/// The defect of issue 20: `HASIL … 9999 9999 TS 0` without JML was
/// answered "Diterima … Total 19998. Terima kasih." with no word of the
/// total being impossible. What it implies is checked like any form.
#[test]
fn an_oversized_sms_is_flagged_and_the_reply_says_why() {
    let h = hasil("HASIL 3273011001-003 9999 9999 TS 0");
    let b = Batas::pilkada_2024(2).dengan_dpt_tps(Some(300));
    let t = periksa(&h.formulir(), &b);
    let aturan: Vec<Aturan> = t.iter().map(|t| t.aturan).collect();
    assert_eq!(
        aturan,
        [
            Aturan::KosongWajib,
            Aturan::TotalMelebihiDpt,
            Aturan::TotalMelebihiBatasTps
        ]
    );
    let b = balasan_diterima_bertanda(&h, &[], &t);
    assert_eq!(
        b,
        "Diterima TPS 3273011001-003: 01=9999 02=9999 TS=0. Total 19998. DITANDAI: total melebihi DPT 300+2,5%, melebihi batas 600/TPS. Bila salah, kirim ulang."
    );
    assert!(b.len() <= SATU_SMS && gsm7_dasar(&b), "{}", b.len());
    // With a JML that disagrees, both are said.
    let h = hasil("HASIL 3273011001-003 9999 9999 TS 0 JML 700");
    let t = periksa(&h.formulir(), &Batas::pilkada_2024(2));
    assert_eq!(
        balasan_diterima_bertanda(&h, &[], &t),
        "Diterima TPS 3273011001-003: 01=9999 02=9999 TS=0 JML=700. PERIKSA: dihitung 19998, bukan 700. DITANDAI: total melebihi batas 600/TPS. Bila salah, kirim ulang."
    );
    // Ten paslon: labels go first, then the reasons; the flag stays.
    let h = hasil("HASIL 3273011001-003 999 999 999 999 999 999 999 999 999 999 TS 0");
    let t = periksa(&h.formulir(), &Batas::pilkada_2024(10));
    let b = balasan_diterima_bertanda(&h, &[], &t);
    assert!(
        b.contains(" 999 999 TS=0. Total 9990. DITANDAI: total melebihi batas 600/TPS."),
        "{b}"
    );
    assert!(b.len() <= SATU_SMS, "{}", b.len());
    let t = periksa(
        &h.formulir(),
        &Batas::pilkada_2024(10).dengan_dpt_tps(Some(9000)),
    );
    let b = balasan_diterima_bertanda(&h, &[], &t);
    assert!(
        b.contains("Total 9990. DITANDAI: total tidak wajar."),
        "{b}"
    );
    assert!(b.len() <= SATU_SMS, "{}", b.len());
    // A plausible result is thanked as before.
    let h = hasil("HASIL 3273011001-003 120 98 TS 7");
    let t = periksa(
        &h.formulir(),
        &Batas::pilkada_2024(2).dengan_dpt_tps(Some(300)),
    );
    assert_eq!(
        balasan_diterima_bertanda(&h, &[], &t),
        balasan_diterima(&h, &[])
    );
}

#[test]
fn reply_texts() {
    let h = hasil("HASIL 3273011001-003 120 98 45 TS 7 JML 270");
    assert_eq!(
        balasan_diterima(&h, &[]),
        "Diterima TPS 3273011001-003: 01=120 02=98 03=45 TS=7 JML=270. Terima kasih."
    );
    assert_eq!(
        balasan_diterima(&h, &["Asep-Dedi", "", "Ujang”"]),
        "Diterima TPS 3273011001-003: AsepDedi=120 02=98 Ujang=45 TS=7 JML=270. Terima kasih."
    );
    let h = hasil("HASIL ef7qag 120 98 45 TS 7");
    assert_eq!(
        balasan_diterima(&h, &[]),
        "Diterima TPS EF7QAG: 01=120 02=98 03=45 TS=7. Total 270. Terima kasih."
    );
    let h = hasil("HASIL 3273011001-003 120 98 45 TS 7 JML 271");
    assert_eq!(
        balasan_diterima(&h, &[]),
        "Diterima TPS 3273011001-003: 01=120 02=98 03=45 TS=7 JML=271. PERIKSA: dihitung 270, bukan 271. Bila salah, kirim ulang."
    );
    assert_eq!(
        balasan_hadir(&kode("3273011001003")),
        "Check-in TPS 3273011001-003 diterima. Selamat bertugas! Kirim hasil: HASIL 3273011001-003 <suara paslon> TS <tidak sah> JML <total>"
    );
    assert_eq!(
        balasan_lapor(&singkat(3), "politik_uang"),
        "Laporan politik_uang di TPS EF7QAG diterima dan diteruskan ke tim hukum. Foto bisa dikirim lewat aplikasi Posko."
    );
    assert_eq!(
        balasan(&parse(
            "lapor 3273011001003 Saksi-Dihalangi tidak boleh masuk"
        )),
        "Laporan saksi_dihalangi di TPS 3273011001-003 diterima dan diteruskan ke tim hukum. Foto bisa dikirim lewat aplikasi Posko."
    );
    assert_eq!(
        balasan(&parse("LAPOR EF7QAG politik_uang amplop")),
        balasan_lapor(&singkat(3), "politik_uang")
    );
    assert_eq!(balasan(&parse("halo")), balasan_bantuan());
    assert_eq!(
        balasan_galat(&GalatPesan::TerlaluPanjang),
        "Pesan lebih dari 1000 karakter: kirim satu laporan per pesan. Kirim BANTUAN untuk format."
    );
    for b in [
        balasan_bantuan(),
        balasan_hadir(&kode("3273011001003")),
        balasan_lapor(&kode("3273011001003"), &"x".repeat(100)),
        balasan_lapor(&kode("3273011001003"), &"é".repeat(100)),
        balasan_lapor(&kode("3273011001003"), "“kutip” — ẞ"),
    ] {
        satu_sms(&b);
    }
}

#[test]
fn result_replies_fit_one_sms_up_to_ten_paslon() {
    let tps = [kode("3273011001003"), singkat(3)];
    let nama = ["Panjangsekali"; 12];
    for t in tps {
        for n in 1..=PASLON_SATU_SMS {
            for (v, ts, jml) in [
                (9999, 9999, Some(9999)),
                (9999, 9999, None),
                (9999, 9999, Some(0)),
                (0, 0, Some(0)),
                (1, 1, None),
            ] {
                let h = HasilSms::new(t, vec![v; n], ts, jml).unwrap();
                for nama in [&nama[..], &[]] {
                    let b = balasan_diterima(&h, nama);
                    satu_sms(&b);
                    // Every count is echoed.
                    assert!(b.contains(&format!(" TS={ts}")), "{b}");
                    assert!(b.matches(&format!("{v}")).count() >= n, "{b}");
                }
            }
        }
    }
    // Beyond, the reply is longer but still echoes everything.
    let h = HasilSms::new(tps[0], vec![9999; 12], 9999, Some(1)).unwrap();
    let b = balasan_diterima(&h, &[]);
    assert!(b.len() > SATU_SMS && gsm7_dasar(&b), "{b}");
    assert_eq!(b.matches("9999").count(), 13);
}

/// Every error with its fields at their longest still fits one SMS.
#[test]
fn error_replies_fit_one_sms() {
    let panjang = "W".repeat(MAKS_KUTIPAN);
    let letak = [Letak::Paslon(MAKS_PASLON), Letak::TidakSah, Letak::Jumlah];
    let mut semua = vec![
        GalatPesan::TerlaluPanjang,
        GalatPesan::SuaraKosong,
        GalatPesan::TsTidakAda,
        GalatPesan::PaslonTerlaluBanyak,
        GalatPesan::KategoriKosong,
        GalatPesan::TeksKosong,
        GalatPesan::TeksTerlaluPanjang { panjang: 1000 },
        GalatPesan::KataTidakDikenal {
            ke: 500,
            tulisan: panjang.clone(),
        },
        GalatPesan::AngkaTanpaPenanda {
            ke: 500,
            tulisan: panjang.clone(),
        },
        GalatPesan::LabelSalah {
            ke: 500,
            tulisan: panjang.clone(),
            harus: 99,
        },
        GalatPesan::LabelTanpaAngka {
            tulisan: panjang.clone(),
        },
        GalatPesan::LabelCampur { ke: 500 },
        GalatPesan::JumlahPaslon {
            harus: 99,
            ada: 99,
            nomor_ikut: true,
        },
        GalatPesan::HadirBerlebih {
            ke: 500,
            tulisan: panjang.clone(),
        },
        GalatPesan::KategoriTidakSah {
            tulisan: panjang.clone(),
        },
    ];
    for p in [Penanda::Ts, Penanda::Jml] {
        semua.push(GalatPesan::PenandaTanpaAngka { penanda: p });
        semua.push(GalatPesan::PenandaGanda {
            penanda: p,
            ke: 500,
        });
    }
    for l in letak {
        semua.push(GalatPesan::HurufDalamAngka {
            letak: l,
            tulisan: panjang.clone(),
            huruf: 'O',
            maksud: 9999,
        });
        for tanda in ['.', ','] {
            semua.push(GalatPesan::TitikRagu {
                letak: l,
                tulisan: panjang.clone(),
                tanda,
                ribuan: 9999,
                kiri: 9,
                kanan: 999,
            });
        }
        semua.push(GalatPesan::AngkaTerlaluPanjang {
            letak: l,
            tulisan: panjang.clone(),
        });
    }
    let alasan = [
        AlasanTps::JumlahAngka(1000),
        AlasanTps::TanpaNomor,
        AlasanTps::Pemisah,
        AlasanTps::Huruf('O'),
        AlasanTps::NomorTps,
        AlasanTps::KodeDesa,
        AlasanTps::Singkat(KodeSingkatError::Panjang(1000)),
        AlasanTps::Singkat(KodeSingkatError::Karakter('W')),
        AlasanTps::Singkat(KodeSingkatError::AwalAngka),
        AlasanTps::Singkat(KodeSingkatError::SalahKetik),
        AlasanTps::Bentuk,
    ];
    for jenis in [JenisPesan::Hasil, JenisPesan::Hadir, JenisPesan::Lapor] {
        semua.push(GalatPesan::TpsKosong { jenis });
        for a in &alasan {
            semua.push(GalatPesan::TpsSalah {
                jenis,
                tulisan: panjang.clone(),
                alasan: a.clone(),
            });
        }
    }
    for g in &semua {
        let b = balasan_galat(g);
        satu_sms(&b);
        assert!(b.starts_with(|c: char| c.is_ascii_uppercase()), "{b}");
        assert!(!g.to_string().ends_with('.'), "{g}");
    }
}

#[test]
fn quoted_words_are_made_safe() {
    assert_eq!(kutip("abc"), "abc");
    assert_eq!(kutip("“12O”"), "?12O?");
    assert_eq!(kutip("a{b}c~|"), "a?b?c??");
    assert_eq!(kutip("123456789012"), "123456789012");
    assert_eq!(kutip("1234567890123"), "1234567890..");
    assert_eq!(kutip("ééééééééééééé"), "??????????..");
    assert!(gsm7_dasar("Diterima: é à Ñ £ @ $ _ < > ? ! \n"));
    for bad in [
        "“", "—", "€", "[", "~", "|", "^", "{", "`", "\\", "😀", "\t",
    ] {
        assert!(!gsm7_dasar(bad), "{bad}");
    }
}

// --- properties -------------------------------------------------------

/// Separators a phone user might put between two words.
const PEMISAH: &[&str] = &[
    " ", "  ", "\t", "\n", " \n", "\r\n", ",", ", ", ".", ". ", "#", ";", ":", ": ", "/", "=", "-",
    " - ", "\u{a0}", " , ",
];

fn gaya_huruf(kata: &str, pilih: u8) -> String {
    match pilih % 4 {
        0 => kata.to_ascii_uppercase(),
        1 => kata.to_ascii_lowercase(),
        2 => kapital(&kata.to_ascii_lowercase()),
        _ => kata
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect(),
    }
}

/// A piece of a rendered message; numbers remember what they were
/// written as, for the `1.200` rule.
enum Potong {
    Kata(String),
    Angka(String),
}

fn tulis(
    tps: &str,
    suara: &[u32],
    ts: u32,
    jml: Option<u32>,
    acak: &[u8],
) -> (String, Option<(Letak, u32, u32)>) {
    let mut r = acak.iter().copied().cycle();
    let mut ambil = move || r.next().unwrap_or(0);
    let angka = |v: u32, p: u8| {
        let lebar = v.to_string().len().max(usize::from(p % 5)).min(MAKS_DIGIT);
        format!("{v:0lebar$}")
    };
    let keyword = ["HASIL", "hasil", "HSL", "suara"][usize::from(ambil() % 4)];
    let mut potong: Vec<(Potong, Option<Letak>, bool)> = vec![];
    potong.push((Potong::Kata(gaya_huruf(keyword, ambil())), None, false));
    potong.push((Potong::Kata(tps.to_string()), None, false));
    let berlabel = ambil() % 3 == 0;
    for (i, &v) in suara.iter().enumerate() {
        if berlabel {
            let label = match ambil() % 3 {
                0 => format!("P{}", i + 1),
                1 => format!("p{:02}", i + 1),
                _ => format!("Paslon{}", i + 1),
            };
            potong.push((Potong::Kata(label), None, false));
        }
        potong.push((
            Potong::Angka(angka(v, ambil())),
            Some(Letak::Paslon(i + 1)),
            false,
        ));
    }
    let mut penanda = vec![(Penanda::Ts, ts)];
    if let Some(j) = jml {
        penanda.push((Penanda::Jml, j));
        if ambil() % 2 == 0 {
            penanda.reverse();
        }
    }
    for (p, v) in penanda {
        let (ejaan, bisa_lekat) = match (p, ambil() % 4) {
            (Penanda::Ts, 0) => ("TS", true),
            (Penanda::Ts, 1) => ("tidak sah", false),
            (Penanda::Ts, 2) => ("TDK SAH", false),
            (Penanda::Ts, _) => ("tsah", true),
            (Penanda::Jml, 0) => ("JML", true),
            (Penanda::Jml, 1) => ("total", true),
            (Penanda::Jml, 2) => ("Jumlah", true),
            (Penanda::Jml, _) => ("jlh", true),
        };
        let lekat = bisa_lekat && ambil() % 4 == 0;
        potong.push((Potong::Kata(gaya_huruf(ejaan, ambil())), None, lekat));
        potong.push((Potong::Angka(angka(v, ambil())), Some(p.letak()), false));
    }
    let mut s = String::new();
    let mut ragu = None;
    for i in 0..potong.len() {
        let (p, letak, lekat) = &potong[i];
        let teks = match p {
            Potong::Kata(t) | Potong::Angka(t) => t,
        };
        s.push_str(teks);
        if i + 1 == potong.len() {
            break;
        }
        let sep = if *lekat {
            ""
        } else {
            PEMISAH[usize::from(ambil()) % PEMISAH.len()]
        };
        if let (Potong::Angka(a), Some(l), (Potong::Angka(b), _, _)) = (p, letak, &potong[i + 1])
            && a.len() == 1
            && b.len() == 3
            && (sep == "." || sep == ",")
            && ragu.is_none()
        {
            ragu = Some((*l, a.parse().unwrap(), b.parse().unwrap()));
        }
        s.push_str(sep);
    }
    if ambil() % 3 == 0 {
        s.push_str(PEMISAH[usize::from(ambil()) % PEMISAH.len()]);
    }
    (s, ragu)
}

fn tulis_tps(kode: &KodeTps, n: u64, pilih: u8) -> String {
    let desa = kode.desa();
    let nomor = kode.nomor();
    let inti = match pilih % 9 {
        0 => kode.undotted(),
        1 => format!("{}-{nomor}", desa.undotted()),
        2 => format!("{}-{}", desa.undotted(), nomor.get()),
        3 => format!("{desa}-{nomor}"),
        4 => format!("{desa}-{}", nomor.get()),
        5 => format!("{}/{nomor}", desa.undotted()),
        6 => format!("{desa}/{}", nomor.get()),
        7 => kode_singkat(n).unwrap().to_string(),
        _ => kode_singkat(n).unwrap().to_string().to_lowercase(),
    };
    if (pilih / 9).is_multiple_of(4) {
        format!("TPS {inti}")
    } else {
        inti
    }
}

fn any_kode_tps() -> impl Strategy<Value = KodeTps> {
    (
        11u32..=99,
        1u32..=99,
        1u32..=99,
        1u32..=3,
        1u32..=999,
        1u16..=999,
    )
        .prop_map(|(p, k, c, j, d, n)| {
            KodeTps::parse(&format!("{p:02}{k:02}{c:02}{j}{d:03}{n:03}")).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A result rendered in any tolerated style parses back to exactly
    /// its numbers, or, where a lone dot/comma sits between one digit
    /// and three, to the question about it.
    #[test]
    fn any_style_parses_back(
        kode in any_kode_tps(),
        n in 0..KodeSingkat::KAPASITAS,
        pilih_tps in any::<u8>(),
        suara in proptest::collection::vec(0u32..=9999, 1..=8),
        kecil in proptest::collection::vec(0u32..=9, 1..=8),
        pakai_kecil in any::<bool>(),
        ts in 0u32..=9999,
        jml in proptest::option::of(0u32..=9999),
        acak in proptest::collection::vec(any::<u8>(), 1..64),
    ) {
        // Small counts make one-digit numbers, where the dot rule bites.
        let suara = if pakai_kecil { kecil } else { suara };
        let tps = tulis_tps(&kode, n, pilih_tps);
        let rujukan = if pilih_tps % 9 >= 7 {
            RujukanTps::Singkat(kode_singkat(n).unwrap())
        } else {
            RujukanTps::Kode(kode)
        };
        let (pesan, ragu) = tulis(&tps, &suara, ts, jml, &acak);
        let hasil = parse(&pesan);
        match ragu {
            None => {
                let harus = HasilSms::new(rujukan, suara.clone(), ts, jml).unwrap();
                prop_assert_eq!(hasil, Ok(Pesan::Hasil(harus)), "{:?}", pesan);
            }
            Some((letak, kiri, kanan)) => {
                let ok = matches!(
                    &hasil,
                    Err(GalatPesan::TitikRagu { letak: l, kiri: a, kanan: b, .. })
                        if *l == letak && *a == kiri && *b == kanan
                );
                prop_assert!(ok, "{:?} → {:?}", pesan, hasil);
            }
        }
    }

    #[test]
    fn short_codes_round_trip(n in 0..KodeSingkat::KAPASITAS) {
        let k = kode_singkat(n).unwrap();
        prop_assert_eq!(k.nomor(), n);
        prop_assert_eq!(KodeSingkat::parse(k.as_str()).unwrap(), k);
        prop_assert_eq!(KodeSingkat::parse(&k.as_str().to_lowercase()).unwrap(), k);
    }

    /// Never panics, and every reply is one GSM-7 SMS (results with more
    /// than PASLON_SATU_SMS paslon excepted, see balasan_diterima).
    #[test]
    fn never_panics_and_replies_fit(s in any::<String>()) {
        periksa_balasan(&s)?;
    }

    #[test]
    fn never_panics_on_near_misses(
        kode in any_kode_tps(),
        suara in proptest::collection::vec(0u32..=9999, 1..=12),
        ts in 0u32..=9999,
        jml in proptest::option::of(0u32..=9999),
        acak in proptest::collection::vec(any::<u8>(), 1..64),
        ubah in proptest::collection::vec((any::<usize>(), any::<char>(), 0u8..3), 0..6),
    ) {
        let (pesan, _) = tulis(&kode.undotted(), &suara, ts, jml, &acak);
        let mut c: Vec<char> = pesan.chars().collect();
        for (i, x, op) in ubah {
            let i = i % (c.len() + 1);
            match op {
                0 => c.insert(i, x),
                1 if i < c.len() => { c.remove(i); }
                _ if i < c.len() => c[i] = x,
                _ => {}
            }
        }
        let s: String = c.into_iter().collect();
        periksa_balasan(&s)?;
        for kata in ["HADIR", "LAPOR", "BANTUAN", "?"] {
            periksa_balasan(&s.replacen("HASIL", kata, 1))?;
            periksa_balasan(&s.to_lowercase().replacen("hasil", kata, 1))?;
        }
    }

    #[test]
    fn never_panics_on_grammar_soup(
        kata in proptest::collection::vec(
            prop_oneof![
                Just("HASIL".to_string()), Just("hadir".to_string()), Just("LAPOR".to_string()),
                Just("TS".to_string()), Just("JML".to_string()), Just("tidak".to_string()),
                Just("sah".to_string()), Just("P1".to_string()), Just("P2".to_string()),
                Just("TPS".to_string()), Just("3273011001-003".to_string()),
                Just("3273011001003".to_string()), Just("32.73.01.1001".to_string()),
                Just("EF7QAG".to_string()), "[0-9OolI]{1,6}", "[0-9]{1,3}[.,][0-9]{1,4}",
                "\\PC{0,4}",
            ],
            0..30,
        ),
        sep in proptest::collection::vec(0usize..PEMISAH.len(), 30),
    ) {
        let mut s = String::new();
        for (i, k) in kata.iter().enumerate() {
            s.push_str(k);
            s.push_str(PEMISAH[sep[i]]);
        }
        periksa_balasan(&s)?;
    }
}

fn periksa_balasan(s: &str) -> Result<(), TestCaseError> {
    let r = parse(s);
    let b = balasan(&r);
    let besar = matches!(&r, Ok(Pesan::Hasil(h)) if h.suara_paslon().len() > PASLON_SATU_SMS);
    prop_assert!(gsm7_dasar(&b), "{:?} → {:?}", s, b);
    prop_assert!(besar || b.chars().count() <= SATU_SMS, "{:?} → {:?}", s, b);
    if let Ok(Pesan::Hasil(h)) = &r {
        let _ = balasan_diterima(h, &["Nama“Aneh”", "x"]);
        let _ = cocokkan_paslon(h, 3);
        let _ = h.formulir();
        prop_assert_eq!(parse(&h.teks_baku()), Ok(Pesan::Hasil(h.clone())));
    }
    if let Ok(Pesan::Lapor { kategori, teks, .. }) = &r {
        prop_assert!(!teks.is_empty() && teks.chars().count() <= MAKS_TEKS_LAPOR);
        prop_assert!(
            kategori
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        );
    }
    Ok(())
}

#[test]
fn an_election_word_names_the_race_where_a_tps_votes_in_two() {
    let baca = |s: &str| parse_lengkap(s).unwrap();
    let t = baca("HASIL BUP 3273011001-003 120 98 TS 7");
    assert_eq!(t.pemilihan, Some(JenisPemilihan::Bupati));
    assert_eq!(
        t.pesan,
        Pesan::Hasil(HasilSms::new(kode("3273011001003"), vec![120, 98], 7, None).unwrap())
    );
    assert_eq!(
        baca("hasil gubernur 3273011001003 1 2 ts 0").pemilihan,
        Some(JenisPemilihan::Gubernur)
    );
    assert_eq!(
        baca("HADIR walkot TPS 3273011001-3").pemilihan,
        Some(JenisPemilihan::Walikota)
    );
    assert_eq!(
        baca("lapor pilgub,3273011001-003 logistik kotak rusak").pemilihan,
        Some(JenisPemilihan::Gubernur)
    );
    // Glued to the code, like a TPS word.
    assert_eq!(
        baca("HASIL GUB3273011001003 1 2 TS 0").pemilihan,
        Some(JenisPemilihan::Gubernur)
    );
    // No word: no election named; a short code is never read as one.
    let t = baca(&format!("HASIL {} 1 2 TS 0", kode_singkat(7).unwrap()));
    assert_eq!(t.pemilihan, None);
    assert_eq!(
        t.pesan,
        Pesan::Hasil(HasilSms::new(singkat(7), vec![1, 2], 0, None).unwrap())
    );
    assert_eq!(baca("HASIL 3273011001-003 1 2 TS 0").pemilihan, None);
    for (kata, jenis) in KATA_PEMILIHAN {
        let k = kata.as_bytes();
        assert!(
            k.len() != 6 || KodeSingkat::parse(kata).is_err(),
            "{kata} could be a short code"
        );
        assert_eq!(
            baca(&format!("HADIR {kata} 3273011001-003")).pemilihan,
            Some(*jenis)
        );
        assert!(KATA_PEMILIHAN.contains(&(kata_pemilihan(*jenis), *jenis)));
    }
    // A word number in an error counts the election word.
    match galat("HASIL BUP 3273011001-003 120 98 TS 7 X") {
        GalatPesan::KataTidakDikenal { ke, .. } => assert_eq!(ke, 8),
        other => panic!("{other:?}"),
    }
    // A misspelt election word is a wrong TPS, quoted back.
    match galat("HASIL GUBNUR 3273011001-003 1 2 TS 0") {
        GalatPesan::TpsSalah { tulisan, .. } => assert_eq!(tulisan, "GUBNUR"),
        other => panic!("{other:?}"),
    }
}
