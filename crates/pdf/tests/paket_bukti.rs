//! The evidence pack read back with an independent PDF parser (lopdf).

use image::ExtendedColorType;
use image::codecs::jpeg::JpegEncoder;
use lopdf::{Document, Object, ObjectId};
use posko_pdf::{Angka, FotoBukti, Gambar, PaketBukti, TpsBukti, paket_bukti};

fn jpeg(lebar: u32, tinggi: u32, warna: bool) -> Gambar {
    let komponen = if warna { 3 } else { 1 };
    let piksel: Vec<u8> = (0..lebar * tinggi * komponen)
        .map(|i| (i * 7 % 251) as u8)
        .collect();
    let mut data = Vec::new();
    let jenis = if warna {
        ExtendedColorType::Rgb8
    } else {
        ExtendedColorType::L8
    };
    JpegEncoder::new_with_quality(&mut data, 80)
        .encode(&piksel, lebar, tinggi, jenis)
        .expect("encode test JPEG");
    Gambar {
        jpeg: data,
        lebar,
        tinggi,
    }
}

const HASH_1: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
const HASH_2: &str = "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd";
const HASH_HEIC: &str = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

fn contoh() -> PaketBukti {
    PaketBukti {
        judul: "Paket bukti selisih hasil — Kecamatan Sukasari, Kota Bandung".into(),
        pemilihan: "Pemilihan Walikota Bandung 2024".into(),
        wilayah: "Kecamatan Sukasari (32.73.01)".into(),
        dibuat: "30-11-2026 10:15 WIB".into(),
        dibuat_oleh: "Siti Rahmawati (siti.r)".into(),
        paslon: vec!["01 Ahmad – Budi".into(), "02 Citra – Dedi".into()],
        catatan: Some("Hanya TPS yang sudah terverifikasi.".into()),
        tps: vec![
            TpsBukti {
                kode: "3273011001-003".into(),
                nama: "TPS 003 · Desa Sukarasa – Dago · é".into(),
                status: "terverifikasi".into(),
                kita: Angka {
                    suara: vec![120, 95],
                    sah: 215,
                    tidak_sah: 4,
                },
                resmi: Angka {
                    suara: vec![108, 107],
                    sah: 215,
                    tidak_sah: 4,
                },
                suara_bergeser: 24,
                foto: vec![
                    FotoBukti {
                        sha256: HASH_1.into(),
                        gambar: Some(jpeg(60, 80, true)),
                        tidak_tersimpan: false,
                    },
                    FotoBukti {
                        sha256: HASH_2.into(),
                        gambar: Some(jpeg(48, 64, false)),
                        tidak_tersimpan: false,
                    },
                ],
            },
            TpsBukti {
                kode: "3273011002-011".into(),
                nama: "TPS 011 · Kelurahan Gegerkalong".into(),
                status: "bermasalah".into(),
                kita: Angka {
                    suara: vec![1500, 90],
                    sah: 1590,
                    tidak_sah: 10,
                },
                resmi: Angka {
                    suara: vec![1497, 93],
                    sah: 1590,
                    tidak_sah: 12,
                },
                suara_bergeser: 6,
                foto: vec![FotoBukti {
                    sha256: HASH_HEIC.into(),
                    gambar: None,
                    tidak_tersimpan: false,
                }],
            },
            TpsBukti {
                kode: "3273011003-002".into(),
                nama: "TPS 002 · Kelurahan Isola".into(),
                status: "masuk".into(),
                kita: Angka {
                    suara: vec![80, 70],
                    sah: 150,
                    tidak_sah: 1,
                },
                resmi: Angka {
                    suara: vec![81, 70],
                    sah: 151,
                    tidak_sah: 1,
                },
                suara_bergeser: 1,
                foto: vec![],
            },
        ],
    }
}

fn halaman(doc: &Document) -> Vec<(u32, ObjectId)> {
    doc.get_pages().into_iter().collect()
}

fn teks(doc: &Document, nomor: u32) -> String {
    doc.extract_text(&[nomor]).expect("extract text")
}

fn semua_teks(doc: &Document) -> String {
    let nomor: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&nomor).expect("extract text")
}

fn xobject_gambar(doc: &Document) -> Vec<&lopdf::Stream> {
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .collect()
}

#[test]
fn paket_tiga_tps_terbaca_kembali() {
    let p = contoh();
    let pdf = paket_bukti(&p);
    assert!(pdf.starts_with(b"%PDF-"));
    let doc = Document::load_mem(&pdf).expect("valid PDF");

    // Cover (the summary fits on one page); TPS 003: figures and the first
    // 3:4 photo, which fits below them at more than 3/4 of its full-page
    // size, then the second photo, which does not, on the next page; TPS 011
    // with the HEIC box under its figures; TPS 002 without photos.
    let hal = halaman(&doc);
    assert_eq!(hal.len(), 5);
    for (nomor, _) in &hal {
        let t = teks(&doc, *nomor);
        assert!(
            t.contains(&format!("halaman {nomor} dari 5")),
            "footer on page {nomor}: {t}"
        );
        assert!(t.contains("Posko · Siti Rahmawati (siti.r) · 30-11-2026 10:15 WIB"));
    }
    assert!(teks(&doc, 5).contains("halaman 5 dari 5"));
    assert!(teks(&doc, 2).contains("Foto 1 dari 2"));
    assert!(teks(&doc, 3).contains("Foto 2 dari 2"));

    let sampul = teks(&doc, 1);
    assert!(sampul.contains("Paket bukti selisih hasil — Kecamatan Sukasari"));
    assert!(sampul.contains("Dibuat: 30-11-2026 10:15 WIB oleh Siti Rahmawati (siti.r)"));
    assert!(sampul.contains("Catatan: Hanya TPS yang sudah terverifikasi."));
    assert!(sampul.contains("Jumlah TPS dengan selisih: 3 · Total suara bergeser: 31"));
    assert!(sampul.contains("1.500") && sampul.contains("1.497"));

    let semua = semua_teks(&doc);
    for t in &p.tps {
        assert!(semua.contains(&t.kode), "{} in text", t.kode);
        // Each code appears in the summary and on its own section.
        assert!(sampul.contains(&t.kode), "{} in summary", t.kode);
    }
    // UTF-8 went through WinAnsi and comes back unchanged.
    assert!(semua.contains("TPS 003 · Desa Sukarasa – Dago · é"));

    // Hashes may be broken over lines to fit, so compare without whitespace.
    let rapat: String = semua.chars().filter(|c| !c.is_whitespace()).collect();
    for h in [HASH_1, HASH_2, HASH_HEIC] {
        assert!(rapat.contains(&format!("SHA-256:{h}")), "hash {h}");
    }
    assert!(rapat.contains("Foto1dari2·SHA-256:"));
    assert!(rapat.contains("Foto2dari2·SHA-256:"));
    assert!(semua.contains("Foto asli (HEIC) tidak dapat dicetak"));
    assert!(semua.contains("Tidak ada foto formulir."));

    // Figures of TPS 003: the differing paslon rows are marked and show the
    // signed difference (resmi − kita).
    let tps_003 = teks(&doc, 2);
    assert!(tps_003.contains("Hitungan resmi (KPU)"));
    assert!(tps_003.contains("Selisih (resmi - kita)"));
    assert!(tps_003.contains("-12") && tps_003.contains("+12"));
    assert_eq!(tps_003.lines().filter(|l| l.trim() == "*").count(), 2);
    let tps_011 = teks(&doc, 4);
    assert!(tps_011.contains("3273011002-011"));
    assert!(tps_011.contains("+2"), "tidak sah 10 → 12");

    // One image XObject per embeddable photo, the JPEG bytes unchanged.
    let gambar = xobject_gambar(&doc);
    assert_eq!(gambar.len(), 2);
    let asli = [&p.tps[0].foto[0], &p.tps[0].foto[1]];
    for (f, ruang) in asli.iter().zip([b"DeviceRGB".as_slice(), b"DeviceGray"]) {
        let Some(g) = &f.gambar else {
            panic!("test photo has an image")
        };
        let s = gambar
            .iter()
            .find(|s| s.content == g.jpeg)
            .expect("JPEG embedded byte for byte");
        assert_eq!(
            s.dict.get(b"Filter").and_then(Object::as_name).ok(),
            Some(b"DCTDecode".as_slice())
        );
        assert_eq!(
            s.dict.get(b"ColorSpace").and_then(Object::as_name).ok(),
            Some(ruang)
        );
        assert_eq!(
            s.dict
                .get(b"BitsPerComponent")
                .and_then(Object::as_i64)
                .ok(),
            Some(8)
        );
        assert_eq!(
            s.dict.get(b"Width").and_then(Object::as_i64).ok(),
            Some(i64::from(g.lebar))
        );
        assert_eq!(
            s.dict.get(b"Height").and_then(Object::as_i64).ok(),
            Some(i64::from(g.tinggi))
        );
    }

    // Document info.
    let info_ref = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("Info in trailer");
    let info = doc.get_dictionary(info_ref).expect("Info dictionary");
    let bidang = |kunci: &[u8]| {
        info.get(kunci)
            .map_err(|e| e.to_string())
            .and_then(|o| lopdf::decode_text_string(o).map_err(|e| e.to_string()))
            .expect("info field")
    };
    assert_eq!(bidang(b"Title"), p.judul);
    assert_eq!(bidang(b"Author"), p.dibuat_oleh);
    assert_eq!(bidang(b"Creator"), "Posko");

    // Fonts are the standard ones with WinAnsiEncoding, nothing embedded.
    for (_, id) in &hal {
        let fonts = doc.get_page_fonts(*id).expect("fonts");
        assert!(!fonts.is_empty());
        for font in fonts.values() {
            let base = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .expect("BaseFont");
            assert!(base == b"Helvetica" || base == b"Helvetica-Bold");
            assert_eq!(
                font.get(b"Encoding").and_then(Object::as_name).ok(),
                Some(b"WinAnsiEncoding".as_slice())
            );
            assert!(font.get(b"FontDescriptor").is_err());
        }
    }
}

#[test]
fn ringkasan_menunjuk_halaman_tiap_tps_dan_ada_penanda() {
    let p = contoh();
    let doc = Document::load_mem(&paket_bukti(&p)).expect("valid PDF");
    // Bookmarks: the summary and one per TPS, pointing at their first page.
    let penanda = doc.get_toc().expect("outline");
    let judul: Vec<&str> = penanda.toc.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(judul.len(), 4, "{judul:?}");
    assert_eq!(judul[0], "Ringkasan");
    assert!(judul[1].starts_with("3273011001-003 · TPS 003"));
    let halaman: Vec<usize> = penanda.toc.iter().map(|t| t.page).collect();
    assert_eq!(halaman, vec![1, 2, 4, 5]);
}

#[test]
fn tanpa_tps_satu_halaman_valid() {
    let mut p = contoh();
    p.tps.clear();
    let pdf = paket_bukti(&p);
    let doc = Document::load_mem(&pdf).expect("valid PDF");
    assert_eq!(doc.get_pages().len(), 1);
    let t = teks(&doc, 1);
    assert!(t.contains("Tidak ada TPS dengan selisih."), "{t}");
    assert!(t.contains("halaman 1 dari 1"));
    assert!(xobject_gambar(&doc).is_empty());
}

#[test]
fn gambar_rusak_dan_emoji_tidak_menggagalkan() {
    let mut p = contoh();
    p.tps[0].nama = "TPS 003 😀 Sukarasa".into();
    p.dibuat_oleh = "Budi 🚀 (budi)".into();
    p.tps[0].foto[1].gambar = Some(Gambar {
        jpeg: b"bukan jpeg sama sekali".to_vec(),
        lebar: 100,
        tinggi: 100,
    });
    // CMYK cannot be shown as DeviceRGB; it must not be embedded as such.
    p.tps[2].foto.push(FotoBukti {
        sha256: "c".repeat(64),
        gambar: Some(cmyk()),
        tidak_tersimpan: false,
    });
    let doc = Document::load_mem(&paket_bukti(&p)).expect("valid PDF");
    assert_eq!(xobject_gambar(&doc).len(), 1);
    let semua = semua_teks(&doc);
    assert!(semua.contains("TPS 003 ? Sukarasa"));
    assert!(semua.contains("Posko · Budi ? (budi)"));
    assert_eq!(
        semua
            .matches("Foto tidak dapat dicetak (berkas gambar tidak dikenali)")
            .count(),
        2
    );
}

/// A header-only CMYK JPEG: enough to be recognised and refused.
fn cmyk() -> Gambar {
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 20, 8, 0, 10, 0, 10, 4];
    for i in 1..=4 {
        jpeg.extend_from_slice(&[i, 0x11, 0]);
    }
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    Gambar {
        jpeg,
        lebar: 10,
        tinggi: 10,
    }
}

#[test]
fn banyak_tps_ringkasan_berlanjut_dengan_kepala_tabel() {
    let mut p = contoh();
    p.paslon = (1..=4).map(|i| format!("0{i} Paslon {i}")).collect();
    p.tps = (0..300)
        .map(|i| TpsBukti {
            kode: format!("3273011001-{:03}", i + 1),
            nama: format!("TPS {:03}", i + 1),
            status: "terverifikasi".into(),
            kita: Angka {
                suara: vec![10, 20, 30, 40],
                sah: 100,
                tidak_sah: 0,
            },
            resmi: Angka {
                suara: vec![11, 20, 30, 40],
                sah: 101,
                tidak_sah: 0,
            },
            suara_bergeser: 1,
            foto: vec![],
        })
        .collect();
    let doc = Document::load_mem(&paket_bukti(&p)).expect("valid PDF");
    let jumlah = doc.get_pages().len();
    let ringkasan = jumlah - 300;
    assert!(ringkasan >= 5, "summary pages: {ringkasan}");
    for n in 1..=ringkasan as u32 {
        let t = teks(&doc, n);
        assert!(t.contains("Kode TPS / Nama"), "header row on page {n}");
        assert!(t.contains("Hal."), "header row on page {n}");
    }
    let akhir = teks(&doc, jumlah as u32);
    assert!(akhir.contains(&format!("halaman {jumlah} dari {jumlah}")));
    assert!(akhir.contains("3273011001-300"));
}
