use super::*;
use crate::{FotoBukti, Gambar};

/// Only the frame header matters for layout, so a header-only JPEG
/// stands in for a photo here; the PDF tests use real JPEGs.
fn jpeg_kosong(lebar: u16, tinggi: u16) -> Vec<u8> {
    let mut data = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8];
    data.extend_from_slice(&tinggi.to_be_bytes());
    data.extend_from_slice(&lebar.to_be_bytes());
    data.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    data
}

fn foto(lebar: u16, tinggi: u16, n: usize) -> FotoBukti {
    FotoBukti {
        sha256: format!("{n:064x}"),
        gambar: Some(Gambar {
            jpeg: jpeg_kosong(lebar, tinggi),
            lebar: u32::from(lebar),
            tinggi: u32::from(tinggi),
        }),
        tidak_tersimpan: false,
    }
}

fn paket(jumlah_tps: usize, jumlah_paslon: usize) -> PaketBukti {
    PaketBukti {
        judul: "Paket bukti selisih hasil — Kecamatan Sukasari, Kota Bandung".into(),
        pemilihan: "Pemilihan Walikota Bandung 2024".into(),
        wilayah: "Kecamatan Sukasari (32.73.01)".into(),
        dibuat: "30-11-2026 10:15 WIB".into(),
        dibuat_oleh: "Siti Rahmawati (siti.r)".into(),
        paslon: (1..=jumlah_paslon)
            .map(|i| format!("{i:02} Calon Nomor {i} – Wakil Nomor {i}"))
            .collect(),
        catatan: Some("Hanya TPS yang sudah terverifikasi.".into()),
        tps: (0..jumlah_tps)
            .map(|i| {
                let kita: Vec<u64> = (0..jumlah_paslon as u64)
                    .map(|j| 100 + j + i as u64)
                    .collect();
                let mut resmi = kita.clone();
                resmi[0] += 1 + (i as u64 % 7) * 1000;
                TpsBukti {
                    kode: format!("3273011001-{:03}", i + 1),
                    nama: format!("TPS {:03} · Desa Sukarasa", i + 1),
                    status: "terverifikasi".into(),
                    kita: Angka {
                        suara: kita,
                        sah: 500,
                        tidak_sah: 5,
                    },
                    resmi: Angka {
                        suara: resmi,
                        sah: 501,
                        tidak_sah: 5,
                    },
                    suara_bergeser: 1 + (i as u64 % 7) * 1000,
                    foto: (0..i % 3)
                        .map(|n| foto(600, 800 + 200 * n as u16, n))
                        .collect(),
                }
            })
            .collect(),
    }
}

fn teks_halaman(h: &Halaman) -> Vec<Vec<u8>> {
    h.elemen
        .iter()
        .filter_map(|e| match e {
            Elemen::Teks { isi, .. } => Some(isi.clone()),
            _ => None,
        })
        .collect()
}

fn mengandung(h: &Halaman, cari: &str) -> bool {
    let cari = winansi(cari);
    teks_halaman(h)
        .iter()
        .any(|t| t.windows(cari.len()).any(|w| w == cari.as_slice()))
}

/// Everything inside the margins, and only the footer in the footer band.
fn periksa_batas(tata: &TataLetak<'_>) {
    for (n, h) in tata.halaman.iter().enumerate() {
        for e in &h.elemen {
            let [x0, y0, x1, y1] = e.batas();
            let nama = format!("halaman {}: {e:?}", n + 1);
            assert!(
                x0 >= TEPI - 0.01 && x1 <= LEBAR_HALAMAN - TEPI + 0.01,
                "{nama}"
            );
            assert!(
                y0 >= TEPI - 0.01 && y1 <= TINGGI_HALAMAN - TEPI + 0.01,
                "{nama}"
            );
            assert!(x0 <= x1 && y0 <= y1, "{nama}");
            let di_kaki = y1 <= ATAS_KAKI + 0.01;
            assert!(di_kaki || y0 >= BAWAH_ISI - 0.01, "overlaps footer: {nama}");
        }
    }
}

#[test]
fn tiga_ratus_tps_empat_paslon_tetap_dalam_batas() {
    let p = paket(300, 4);
    let tata = paket_bukti(&p);
    periksa_batas(&tata);

    let halaman_tps = halaman_mulai_tps(&tata);
    assert_eq!(halaman_tps.len(), 300);
    let halaman_ringkasan = halaman_tps[0];
    assert!(
        halaman_ringkasan >= 3,
        "summary spans several pages: {halaman_ringkasan}"
    );
    for (i, h) in tata.halaman[..halaman_ringkasan].iter().enumerate() {
        assert!(
            mengandung(h, "Kode TPS / Nama"),
            "header row on summary page {}",
            i + 1
        );
        assert!(mengandung(h, "01 Calon"), "paslon header on page {}", i + 1);
    }
    assert!(mengandung(&tata.halaman[halaman_ringkasan - 1], "Jumlah"));
    // Every TPS is listed in the summary and opens its own page.
    for (i, t) in p.tps.iter().enumerate() {
        let di_ringkasan = tata.halaman[..halaman_ringkasan]
            .iter()
            .any(|h| mengandung(h, &t.kode));
        assert!(di_ringkasan, "{} in summary", t.kode);
        let awal = &tata.halaman[halaman_tps[i]];
        assert!(mengandung(awal, &t.nama), "{} on its page", t.kode);
        assert!(mengandung(awal, "Hitungan resmi (KPU)"));
    }
    // Sections are in order and the summary points at the right pages.
    assert!(halaman_tps.windows(2).all(|w| w[0] < w[1]));
    let baris_3 = tata.halaman[..halaman_ringkasan]
        .iter()
        .flat_map(|h| &h.elemen)
        .any(|e| matches!(e, Elemen::Teks { isi, .. } if *isi == (halaman_tps[2] + 1).to_string().into_bytes()));
    assert!(baris_3);
    // 300 TPS with 0, 1 or 2 photos each.
    assert_eq!(tata.gambar.len(), 300);
    let jumlah = tata.halaman.len();
    let akhir = winansi(&format!("halaman {jumlah} dari {jumlah}"));
    assert!(mengandung(
        &tata.halaman[jumlah - 1],
        &String::from_utf8_lossy(&akhir)
    ));
}

#[test]
fn satu_sampai_enam_paslon_dan_teks_panjang_tetap_dalam_batas() {
    // 12 is beyond any real ballot here, but bad data must still fit.
    for jumlah_paslon in [1, 2, 3, 4, 5, 6, 12] {
        let mut p = paket(40, jumlah_paslon);
        p.judul = "Paket bukti selisih hasil yang judulnya sangat panjang ".repeat(12);
        p.dibuat_oleh = "Nama Pembuat Yang Luar Biasa Panjang Sekali ".repeat(6);
        p.catatan = Some("Catatan panjang. ".repeat(80));
        p.tps[0].nama = "TPS 001 · Desa Dengan Nama Yang Sangat Panjang ".repeat(8);
        p.tps[0].kita.suara[0] = u64::MAX;
        p.tps[1].foto[0].sha256 = "f".repeat(640);
        p.tps[2].foto.push(foto(4000, 10, 9));
        p.tps[2].foto.push(foto(10, 4000, 10));
        p.tps[4].foto.push(FotoBukti {
            sha256: "a".repeat(64),
            gambar: None,
            tidak_tersimpan: false,
        });
        let tata = paket_bukti(&p);
        periksa_batas(&tata);
    }
}

/// (page index, width, height) of every placed photo.
fn letak_foto(tata: &TataLetak<'_>) -> Vec<(usize, f32, f32)> {
    tata.halaman
        .iter()
        .enumerate()
        .flat_map(|(n, h)| {
            h.elemen.iter().filter_map(move |e| match e {
                Elemen::Foto { lebar, tinggi, .. } => Some((n, *lebar, *tinggi)),
                _ => None,
            })
        })
        .collect()
}

#[test]
fn foto_diskalakan_dengan_rasio_tetap_dan_tidak_terlalu_kecil() {
    let mut p = paket(3, 6);
    p.tps[2].foto = vec![foto(600, 800, 1), foto(600, 1000, 2), foto(1000, 600, 3)];
    let tata = paket_bukti(&p);
    periksa_batas(&tata);
    let foto = letak_foto(&tata);
    assert_eq!(foto.len(), 4);
    let ukuran = [
        (600.0, 800.0),
        (600.0, 800.0),
        (600.0, 1000.0),
        (1000.0, 600.0),
    ];
    let tinggi_segar = ATAS_LANJUT - BAWAH_ISI - SPASI * UKURAN_KETERANGAN - CELAH_FOTO;
    for ((_, w, h), (asli_w, asli_h)) in foto.iter().zip(ukuran) {
        assert!((h / w - asli_h / asli_w).abs() < 1e-3, "aspect ratio kept");
        let segar: f32 = (LEBAR_ISI / asli_w).min(tinggi_segar / asli_h);
        let s = w / asli_w;
        assert!(s <= segar + 1e-4, "never larger than a full page");
        assert!(
            s >= segar * SKALA_MINIMAL_SISA - 1e-4,
            "not squeezed: {s} vs {segar}"
        );
    }
    // A full-page portrait photo leaves no room for the next one, which
    // starts a new page; the landscape one after it fits below.
    let halaman_tps = halaman_mulai_tps(&tata);
    assert!(foto[1].0 >= halaman_tps[2]);
    assert_eq!(foto[2].0, foto[1].0 + 1);
    assert_eq!(foto[3].0, foto[2].0 + 1);
    // The photo heading is on the page of the first photo.
    for (i, f) in [(1, foto[0]), (2, foto[1])] {
        let judul = tata.halaman[halaman_tps[i]..=f.0]
            .iter()
            .position(|h| mengandung(h, "Foto formulir C.Hasil"))
            .map(|n| n + halaman_tps[i]);
        assert_eq!(
            judul,
            Some(f.0),
            "heading with first photo of TPS {}",
            i + 1
        );
    }
}

#[test]
fn foto_kecil_tetap_di_halaman_tabel() {
    let mut p = paket(1, 2);
    p.tps[0].foto = vec![foto(800, 200, 1), foto(800, 200, 2)];
    let tata = paket_bukti(&p);
    assert_eq!(tata.halaman.len(), 2, "cover + one TPS page");
    let foto = letak_foto(&tata);
    assert_eq!(foto.len(), 2);
    assert!(foto.iter().all(|(_, w, _)| (*w - LEBAR_ISI).abs() < 1e-3));
    periksa_batas(&tata);
}

#[test]
fn baris_yang_berbeda_ditandai() {
    let p = paket(1, 3);
    let tata = paket_bukti(&p);
    let h = &tata.halaman[1];
    // Paslon 1 and "Suara sah" differ: two markers, two shaded rows.
    let tanda = teks_halaman(h)
        .iter()
        .filter(|t| t.as_slice() == b"*")
        .count();
    assert_eq!(tanda, 2);
    let berlatar = h
        .elemen
        .iter()
        .filter(|e| matches!(e, Elemen::Kotak { isi: Some(abu), lebar, .. } if *abu == ABU_BEDA && *lebar == LEBAR_ISI))
        .count();
    assert_eq!(berlatar, 2);
    assert!(mengandung(h, "+1"));
}

#[test]
fn tanpa_tps_satu_halaman() {
    let p = paket(0, 2);
    let tata = paket_bukti(&p);
    assert_eq!(tata.halaman.len(), 1);
    assert!(mengandung(
        &tata.halaman[0],
        "Tidak ada TPS dengan selisih."
    ));
    assert!(mengandung(&tata.halaman[0], "halaman 1 dari 1"));
    periksa_batas(&tata);
}
