//! The report of an election in one region: on the first page the title,
//! the headline numbers the war room shows, and the region's choropleth
//! drawn as vector paths with its legend; then the results table per
//! sub-region (the same [`Tabel`] as the results page's download).

use crate::tabel::{ATAS, LEBAR_ISI, Penata, Tabel, kaki, kata_lanjutan, tata_tabel};
use crate::tata_letak::{BAWAH_ISI, Elemen, TEPI, TataLetak};
use crate::teks::{Huruf, TURUN, pangkas, winansi_satu_baris};

/// One headline number: "1.234 / 13.023" over "TPS masuk (9,5 %)".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AngkaUtama {
    pub nilai: String,
    pub label: String,
}

/// One region of the map: its fill and its rings in any planar units with
/// y pointing down (the SVG map's projected units); the report scales the
/// whole map to fit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BentukPeta {
    pub rgb: [u8; 3],
    pub cincin: Vec<Vec<(f64, f64)>>,
}

/// The inset box of far-flung shapes (Kepulauan Seribu), in the same
/// units as the shapes, with its label.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SisipanPeta {
    pub x: f64,
    pub y: f64,
    pub lebar: f64,
    pub tinggi: f64,
    pub label: String,
}

/// A choropleth: its shapes and its legend.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PetaLaporan {
    /// E.g. "Kota Jakarta Pusat: unggul di hitung riil per kecamatan".
    pub judul: String,
    pub bentuk: Vec<BentukPeta>,
    /// The inset's frame and label, drawn under its shapes.
    pub sisipan: Option<SisipanPeta>,
    pub legenda_judul: String,
    pub legenda: Vec<([u8; 3], String)>,
}

/// Everything printed in a region's report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Laporan {
    /// E.g. "Laporan Kota Jakarta Pusat". Also the PDF's Title.
    pub judul: String,
    /// Lines under the title: the election, the region and its code, the
    /// time of the figures.
    pub keterangan: Vec<String>,
    pub angka: Vec<AngkaUtama>,
    /// Notes under the numbers (an embargo, strata not yet in).
    pub catatan: Vec<String>,
    /// None when the region has no boundaries to draw.
    pub peta: Option<PetaLaporan>,
    /// The results per sub-region; its footer and page pattern serve the
    /// whole report.
    pub tabel: Tabel,
}

const KIRI: f32 = TEPI;
/// The map never takes more of the first page than this.
const TINGGI_PETA_MAKS: f32 = 360.0;

fn angka_utama(p: &mut Penata, angka: &[AngkaUtama]) {
    if angka.is_empty() {
        return;
    }
    let per_baris = angka.len().min(4);
    let jarak = 6.0;
    let w = (LEBAR_ISI - jarak * (per_baris as f32 - 1.0)) / per_baris as f32;
    let h = 38.0;
    for baris in angka.chunks(per_baris) {
        p.y -= 4.0;
        let atas = p.y;
        for (i, a) in baris.iter().enumerate() {
            let x = KIRI + i as f32 * (w + jarak);
            p.taruh(Elemen::Kotak {
                x,
                y: atas - h,
                lebar: w,
                tinggi: h,
                isi: Some(0.95),
                garis: Some(0.75),
            });
            let nilai = pangkas(&winansi_satu_baris(&a.nilai), Huruf::Tebal, 11.0, w - 8.0);
            p.teks(
                x + 4.0,
                atas - 16.0 + TURUN * 11.0,
                11.0,
                Huruf::Tebal,
                0.0,
                nilai,
            );
            let label = pangkas(&winansi_satu_baris(&a.label), Huruf::Biasa, 7.5, w - 8.0);
            p.teks(
                x + 4.0,
                atas - 31.0 + TURUN * 7.5,
                7.5,
                Huruf::Biasa,
                0.3,
                label,
            );
        }
        p.y = atas - h;
    }
    p.y -= 6.0;
}

/// The map's shapes scaled into a box `lebar` wide and at most `maks`
/// high, top-left at (x, atas); returns the height used.
fn peta(p: &mut Penata, m: &PetaLaporan, x: f32, atas: f32, lebar_kotak: f32, maks: f32) -> f32 {
    let mut min = (f64::MAX, f64::MAX);
    let mut max = (f64::MIN, f64::MIN);
    for &(px, py) in m.bentuk.iter().flat_map(|b| b.cincin.iter().flatten()) {
        if px.is_finite() && py.is_finite() {
            min = (min.0.min(px), min.1.min(py));
            max = (max.0.max(px), max.1.max(py));
        }
    }
    if let Some(b) = &m.sisipan {
        min = (min.0.min(b.x), min.1.min(b.y));
        max = (max.0.max(b.x + b.lebar), max.1.max(b.y + b.tinggi));
    }
    if min.0 > max.0 {
        return 0.0;
    }
    let w = (max.0 - min.0).max(1e-9);
    let h = (max.1 - min.1).max(1e-9);
    let skala = (f64::from(lebar_kotak) / w).min(f64::from(maks) / h);
    let tinggi = (h * skala) as f32;
    let geser = (lebar_kotak - (w * skala) as f32) / 2.0;
    if let Some(b) = &m.sisipan {
        let bx = x + geser + ((b.x - min.0) * skala) as f32;
        let by = atas - ((b.y - min.1) * skala) as f32;
        let (bw, bh) = ((b.lebar * skala) as f32, (b.tinggi * skala) as f32);
        p.taruh(Elemen::Kotak {
            x: bx,
            y: by - bh,
            lebar: bw,
            tinggi: bh,
            // White, so the islands' grey "no data" specks still show.
            isi: Some(1.0),
            garis: Some(0.55),
        });
        let label = pangkas(&winansi_satu_baris(&b.label), Huruf::Biasa, 7.0, bw - 6.0);
        p.teks(
            bx + 3.0,
            by - 9.0 + TURUN * 7.0,
            7.0,
            Huruf::Biasa,
            0.27,
            label,
        );
    }
    for b in &m.bentuk {
        let cincin: Vec<Vec<(f32, f32)>> = b
            .cincin
            .iter()
            .map(|r| {
                r.iter()
                    .filter(|(px, py)| px.is_finite() && py.is_finite())
                    .map(|&(px, py)| {
                        (
                            x + geser + ((px - min.0) * skala) as f32,
                            atas - ((py - min.1) * skala) as f32,
                        )
                    })
                    .collect()
            })
            .filter(|r: &Vec<(f32, f32)>| r.len() >= 3)
            .collect();
        if !cincin.is_empty() {
            p.taruh(Elemen::Bidang { cincin, rgb: b.rgb });
        }
    }
    tinggi
}

fn legenda(p: &mut Penata, m: &PetaLaporan) {
    if m.legenda.is_empty() {
        return;
    }
    p.baris(&m.legenda_judul, 8.5, Huruf::Tebal, 0.0);
    let kolom = 3usize;
    let lebar_kolom = LEBAR_ISI / kolom as f32;
    let h = 13.0;
    for baris in m.legenda.chunks(kolom) {
        let atas = p.y - 2.0;
        for (i, (rgb, label)) in baris.iter().enumerate() {
            let x = KIRI + i as f32 * lebar_kolom;
            p.taruh(Elemen::KotakWarna {
                x,
                y: atas - 10.0,
                lebar: 16.0,
                tinggi: 9.0,
                rgb: *rgb,
            });
            let t = pangkas(
                &winansi_satu_baris(label),
                Huruf::Biasa,
                7.5,
                lebar_kolom - 26.0,
            );
            p.teks(
                x + 20.0,
                atas - 8.5 + TURUN * 7.5,
                7.5,
                Huruf::Biasa,
                0.0,
                t,
            );
        }
        p.y = atas - h;
    }
}

fn tata_letak(l: &Laporan) -> TataLetak<'static> {
    let mut p = Penata::baru();
    p.paragraf(&l.judul, 15.0, Huruf::Tebal, 0.0);
    for k in &l.keterangan {
        p.paragraf(k, 9.0, Huruf::Biasa, 0.3);
    }
    p.y -= 4.0;
    angka_utama(&mut p, &l.angka);
    for c in &l.catatan {
        p.paragraf(c, 8.0, Huruf::Biasa, 0.0);
    }
    if let Some(m) = &l.peta {
        let baris_legenda = m.legenda.len().div_ceil(3) as f32;
        let ruang_legenda = 8.5 * 1.3 + baris_legenda * 13.0 + 6.0;
        // Long notes may leave too little of the first page for a
        // readable map: then it starts the next one.
        if !p.muat(9.5 * 1.3 + 10.0 + 120.0 + ruang_legenda) {
            p.halaman_baru();
        }
        p.y -= 6.0;
        p.baris(&m.judul, 9.5, Huruf::Tebal, 0.0);
        p.y -= 4.0;
        let maks = (p.y - BAWAH_ISI - ruang_legenda - 60.0).clamp(120.0, TINGGI_PETA_MAKS);
        let atas = p.y;
        let tinggi = peta(&mut p, m, KIRI, atas, LEBAR_ISI, maks);
        p.y = atas - tinggi - 6.0;
        legenda(&mut p, m);
        p.y -= 10.0;
    }
    p.paragraf(&l.tabel.judul, 11.0, Huruf::Tebal, 0.0);
    if !l.tabel.subjudul.is_empty() {
        p.paragraf(&l.tabel.subjudul, 8.0, Huruf::Biasa, 0.3);
    }
    for c in &l.tabel.catatan {
        p.paragraf(c, 8.0, Huruf::Biasa, 0.0);
    }
    p.y -= 4.0;
    tata_tabel(&mut p, &l.tabel, kata_lanjutan(l.tabel.angka));
    kaki(
        &mut p.halaman,
        &l.tabel.kaki,
        &l.tabel.pola_halaman,
        LEBAR_ISI,
    );
    debug_assert!(p.y <= ATAS);
    TataLetak {
        lanskap: false,
        halaman: p.halaman,
        gambar: Vec::new(),
        penanda: Vec::new(),
    }
}

/// Renders a region's report as an A4 PDF. Never fails: odd text degrades
/// to "?" or "…", a map without shapes is left out.
pub fn laporan_pdf(l: &Laporan) -> Vec<u8> {
    let tata = tata_letak(l);
    let info = crate::tulis::Info {
        judul: &l.judul,
        penulis: &l.tabel.dibuat_oleh,
        subjek: l.keterangan.first().map(String::as_str).unwrap_or(""),
    };
    crate::tulis::pdf(&info, &tata)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tata_letak::LEBAR_HALAMAN;

    fn contoh(bentuk: usize) -> Laporan {
        Laporan {
            judul: "Laporan Kota Jakarta Pusat".into(),
            keterangan: vec![
                "Pemilihan Gubernur DKI Jakarta 2029".into(),
                "Kota Jakarta Pusat (31.71) · keadaan 30-11-2026 10.15 WIB".into(),
            ],
            angka: vec![
                AngkaUtama {
                    nilai: "2 / 13.023".into(),
                    label: "TPS masuk (0,0 %)".into(),
                },
                AngkaUtama {
                    nilai: "50,0 %".into(),
                    label: "terverifikasi".into(),
                },
                AngkaUtama {
                    nilai: "01 83,3 %".into(),
                    label: "unggul".into(),
                },
            ],
            catatan: vec!["Hitung cepat masih diembargo.".into()],
            peta: Some(PetaLaporan {
                judul: "Peta".into(),
                bentuk: (0..bentuk)
                    .map(|i| {
                        let x = (i % 10) as f64 * 100.0;
                        let y = (i / 10) as f64 * 80.0;
                        BentukPeta {
                            rgb: [0x00, 0x72, 0xb2],
                            cincin: vec![
                                vec![(x, y), (x + 90.0, y), (x + 90.0, y + 70.0), (x, y + 70.0)],
                                vec![
                                    (x + 10.0, y + 10.0),
                                    (x + 20.0, y + 10.0),
                                    (x + 20.0, y + 20.0),
                                ],
                            ],
                        }
                    })
                    .collect(),
                legenda_judul: "Unggul".into(),
                legenda: vec![
                    ([0xe6, 0x9f, 0x00], "01 Calon 1 unggul".into()),
                    ([0x56, 0xb4, 0xe9], "02 Calon 2 unggul".into()),
                    ([0xee, 0xee, 0xee], "belum ada data".into()),
                    ([0x99, 0x99, 0x99], "seri".into()),
                ],
                sisipan: (bentuk > 0).then(|| SisipanPeta {
                    x: 0.0,
                    y: -60.0,
                    lebar: 200.0,
                    tinggi: 50.0,
                    label: "Kepulauan Seribu".into(),
                }),
            }),
            tabel: crate::tabel::tests::contoh(30, 2),
        }
    }

    #[test]
    fn the_map_fits_its_box_and_keeps_its_colours() {
        for n in [0, 1, 6, 44, 300] {
            let tata = tata_letak(&contoh(n));
            let bidang: Vec<&Elemen> = tata.halaman[0]
                .elemen
                .iter()
                .filter(|e| matches!(e, Elemen::Bidang { .. }))
                .collect();
            assert_eq!(bidang.len(), n, "one path per region on page 1");
            for h in &tata.halaman {
                for e in &h.elemen {
                    let [x0, y0, x1, y1] = e.batas();
                    assert!(
                        x0 >= TEPI - 0.01 && x1 <= LEBAR_HALAMAN - TEPI + 0.01,
                        "{e:?}"
                    );
                    assert!(y0 >= TEPI - 2.0 && y1 <= ATAS + 0.01, "{n}: {e:?}");
                }
            }
            assert!(tata.halaman[0].elemen.iter().any(|e| matches!(
                e,
                Elemen::KotakWarna {
                    rgb: [0xe6, 0x9f, 0x00],
                    ..
                }
            )));
        }
    }

    #[test]
    fn long_notes_push_the_map_to_a_page_of_its_own() {
        let mut l = contoh(6);
        l.catatan = vec!["Catatan panjang yang mengisi halaman. ".repeat(12); 14];
        let tata = tata_letak(&l);
        let di = |h: &crate::tata_letak::Halaman| {
            h.elemen
                .iter()
                .filter(|e| matches!(e, Elemen::Bidang { .. }))
                .count()
        };
        assert_eq!(di(&tata.halaman[0]), 0);
        assert_eq!(di(&tata.halaman[1]), 6);
        for h in &tata.halaman {
            for e in &h.elemen {
                let [_, y0, _, y1] = e.batas();
                assert!(y0 >= TEPI - 2.0 && y1 <= ATAS + 0.01, "{e:?}");
                if !matches!(e, Elemen::Teks { y, .. } if *y < BAWAH_ISI)
                    && !matches!(e, Elemen::Garis { .. })
                {
                    assert!(y0 >= BAWAH_ISI - 0.01, "above the footer: {e:?}");
                }
            }
        }
    }

    #[test]
    fn the_pdf_draws_filled_paths() {
        let pdf = laporan_pdf(&contoh(6));
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let halaman = doc.get_pages();
        let pertama = *halaman.keys().next().unwrap();
        let isi = doc.get_page_content(halaman[&pertama]).unwrap();
        let isi = String::from_utf8_lossy(&isi);
        // Colour fills, one path per region filled even-odd and outlined.
        assert!(isi.matches(" rg").count() >= 6 + 4, "{isi}");
        assert_eq!(isi.matches("B*").count(), 6);
        let teks = doc.extract_text(&[1]).unwrap();
        assert!(teks.contains("Jakarta Pusat"));
        assert!(teks.contains("2 / 13.023"));
    }
}
