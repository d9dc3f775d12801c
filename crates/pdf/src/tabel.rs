//! A table as a page shows it, as plain data: the one model both file
//! formats are written from (the web layer writes XLSX from it, this crate
//! the PDF), so a download always has the page's rows and no more.
//!
//! The PDF is A4 portrait: the title and scope line, the table with its
//! header row repeated on every page, numbers right-aligned, and a footer
//! on every page saying who printed it, when, and the page number.

use crate::tata_letak::{ATAS_KAKI, BAWAH_ISI, Elemen, Halaman, LEBAR_HALAMAN, TEPI, TataLetak};
use crate::teks::{Huruf, TURUN, bungkus, lebar, pangkas, winansi, winansi_satu_baris};

/// What a column holds, which decides how its cells are printed and
/// which number format a spreadsheet gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JenisKolom {
    /// Free text (a region's name), left-aligned.
    Teks,
    /// A whole number (votes, TPS, DPT), grouped and right-aligned; a
    /// number cell in a spreadsheet (`#,##0`).
    Bulat,
    /// A share, kept as a fraction (0.456) and printed "45,6 %"; a number
    /// cell in a spreadsheet (`0.0%`).
    Persen,
    /// A code (`31.71.01`) that must stay text even when it looks like a
    /// number, left-aligned.
    Kode,
}

/// One column: its header as the page words it, and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kolom {
    pub judul: String,
    pub jenis: JenisKolom,
}

impl Kolom {
    pub fn new(judul: impl Into<String>, jenis: JenisKolom) -> Kolom {
        Kolom {
            judul: judul.into(),
            jenis,
        }
    }
}

/// One cell. The column's kind says how to print it; a cell of another
/// kind is printed as itself (a note "–" in a number column stays text).
#[derive(Clone, Debug, PartialEq)]
pub enum Sel {
    Teks(String),
    Bulat(u64),
    /// A fraction; printed as a percentage.
    Persen(f64),
    /// No figure (a share of nothing): printed "–", an empty cell in a
    /// spreadsheet.
    Kosong,
}

impl Sel {
    pub fn teks(s: impl Into<String>) -> Sel {
        Sel::Teks(s.into())
    }

    /// `bagian / seluruh` as a share, or [`Sel::Kosong`] when `seluruh` is 0
    /// (the page prints "–" there too).
    pub fn rasio(bagian: u64, seluruh: u64) -> Sel {
        if seluruh == 0 {
            Sel::Kosong
        } else {
            Sel::Persen(bagian as f64 / seluruh as f64)
        }
    }
}

/// How numbers are written in the PDF: the page's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GayaAngka {
    /// 1.234.567 and 45,6 %.
    #[default]
    Indonesia,
    /// 1,234,567 and 45.6 %.
    Inggris,
}

impl GayaAngka {
    /// A whole number with thousands grouping.
    pub fn bulat(self, n: u64) -> String {
        let titik = crate::teks::angka(n);
        match self {
            GayaAngka::Indonesia => titik,
            GayaAngka::Inggris => titik.replace('.', ","),
        }
    }

    /// A fraction as a percentage with one decimal: 0.4567 → "45,7 %".
    pub fn persen(self, x: f64) -> String {
        if !x.is_finite() {
            return "–".into();
        }
        let sepersepuluh = (x * 1000.0).round();
        let tanda = if sepersepuluh < 0.0 { "-" } else { "" };
        let n = sepersepuluh.abs() as u64;
        let koma = match self {
            GayaAngka::Indonesia => ',',
            GayaAngka::Inggris => '.',
        };
        format!("{tanda}{}{koma}{} %", self.bulat(n / 10), n % 10)
    }

    /// A cell as text.
    pub fn sel(self, s: &Sel) -> String {
        match s {
            Sel::Teks(t) => t.clone(),
            Sel::Bulat(n) => self.bulat(*n),
            Sel::Persen(x) => self.persen(*x),
            Sel::Kosong => "–".into(),
        }
    }
}

/// A table as shown on a page, with what every copy of it must carry.
///
/// Free UTF-8 text; what the standard PDF fonts cannot show prints as "?"
/// and what does not fit is cut with "…".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tabel {
    /// E.g. "Rekap hasil: Kota Jakarta Pusat". Also the PDF's Title and
    /// the base of the spreadsheet's sheet name.
    pub judul: String,
    /// The scope line: election, region and code, what the figures are.
    pub subjudul: String,
    /// Notes printed under the scope line (assumptions, an embargo).
    pub catatan: Vec<String>,
    pub kolom: Vec<Kolom>,
    /// Each row has one cell per column (missing cells print empty).
    pub baris: Vec<Vec<Sel>>,
    /// A total row, printed bold after the rows.
    pub total: Option<Vec<Sel>>,
    /// Who made the file and when, already worded by the caller, e.g.
    /// "Dicetak oleh Rina (rina) pada 30-11-2026 10.15 WIB". In every PDF
    /// page footer and under a spreadsheet's table.
    pub kaki: String,
    /// Who made the file, for the PDF's Author field.
    pub dibuat_oleh: String,
    /// The page number as the page's language says it, with `{n}` and
    /// `{m}` for this page and the count: "halaman {n} dari {m}".
    pub pola_halaman: String,
    pub angka: GayaAngka,
}

const KIRI: f32 = TEPI;
const KANAN: f32 = LEBAR_HALAMAN - TEPI;
pub(crate) const LEBAR_ISI: f32 = KANAN - KIRI;
pub(crate) const ATAS: f32 = crate::tata_letak::TINGGI_HALAMAN - TEPI;
const UKURAN: f32 = 8.0;
/// The smallest font a wide table is shrunk to before text is cut.
const UKURAN_MIN: f32 = 6.0;
const PADDING: f32 = 3.0;
/// A text column never takes more than this share of the width.
const TEKS_MAKS: f32 = 0.45;

/// Places elements top-down over as many pages as needed.
pub(crate) struct Penata {
    pub halaman: Vec<Halaman>,
    pub y: f32,
}

impl Penata {
    pub fn baru() -> Penata {
        Penata {
            halaman: vec![Halaman::default()],
            y: ATAS,
        }
    }

    pub fn taruh(&mut self, e: Elemen) {
        if self.halaman.is_empty() {
            self.halaman.push(Halaman::default());
        }
        if let Some(h) = self.halaman.last_mut() {
            h.elemen.push(e);
        }
    }

    pub fn teks(&mut self, x: f32, y: f32, ukuran: f32, huruf: Huruf, abu: f32, isi: Vec<u8>) {
        self.taruh(Elemen::Teks {
            x,
            y,
            ukuran,
            huruf,
            abu,
            isi,
        });
    }

    /// One line at the cursor, cut to the content width.
    pub fn baris(&mut self, isi: &str, ukuran: f32, huruf: Huruf, abu: f32) {
        let t = pangkas(&winansi_satu_baris(isi), huruf, ukuran, LEBAR_ISI);
        self.y -= ukuran * 1.3;
        let y = self.y + TURUN * ukuran;
        self.teks(KIRI, y, ukuran, huruf, abu, t);
    }

    /// A paragraph wrapped to the content width.
    pub fn paragraf(&mut self, isi: &str, ukuran: f32, huruf: Huruf, abu: f32) {
        for b in bungkus(&winansi(isi), huruf, ukuran, LEBAR_ISI) {
            if !self.muat(ukuran * 1.3) {
                self.halaman_baru();
            }
            self.y -= ukuran * 1.3;
            let y = self.y + TURUN * ukuran;
            self.teks(KIRI, y, ukuran, huruf, abu, b);
        }
    }

    pub fn halaman_baru(&mut self) {
        self.halaman.push(Halaman::default());
        self.y = ATAS;
    }

    pub fn muat(&self, tinggi: f32) -> bool {
        self.y - tinggi >= BAWAH_ISI
    }
}

/// Column widths and the font size that make the table fit the page.
struct Ukuran {
    lebar: Vec<f32>,
    huruf: f32,
}

fn ukur(t: &Tabel) -> Ukuran {
    let n = t.kolom.len().max(1);
    let alami: Vec<f32> = (0..n)
        .map(|i| {
            let kepala = t
                .kolom
                .get(i)
                .map(|k| lebar(&winansi_satu_baris(&k.judul), Huruf::Tebal, UKURAN))
                .unwrap_or(0.0);
            let isi = t
                .baris
                .iter()
                .chain(t.total.iter())
                .filter_map(|b| b.get(i))
                .map(|s| lebar(&winansi_satu_baris(&t.angka.sel(s)), Huruf::Tebal, UKURAN))
                .fold(0.0, f32::max);
            kepala.max(isi) + 2.0 * PADDING
        })
        .collect();
    let teks = |i: usize| {
        matches!(
            t.kolom.get(i).map(|k| k.jenis),
            Some(JenisKolom::Teks) | None
        )
    };
    // Long names may not push the figures off the page.
    let mut lebar_kolom: Vec<f32> = alami
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if teks(i) {
                w.min(LEBAR_ISI * TEKS_MAKS)
            } else {
                *w
            }
        })
        .collect();
    let jumlah: f32 = lebar_kolom.iter().sum();
    if jumlah <= LEBAR_ISI {
        // Room to spare goes to the first text column, so the table spans
        // the page as the page's table does.
        let sisa = LEBAR_ISI - jumlah;
        let i = (0..n).find(|&i| teks(i)).unwrap_or(0);
        lebar_kolom[i] += sisa;
        return Ukuran {
            lebar: lebar_kolom,
            huruf: UKURAN,
        };
    }
    // Too wide: a smaller font first, then every column scaled (text is
    // cut with "…" where it still does not fit).
    let skala = LEBAR_ISI / jumlah;
    let huruf = (UKURAN * skala).max(UKURAN_MIN);
    Ukuran {
        lebar: lebar_kolom.iter().map(|w| w * skala).collect(),
        huruf,
    }
}

fn kanan(j: Option<JenisKolom>) -> bool {
    matches!(j, Some(JenisKolom::Bulat | JenisKolom::Persen))
}

fn tinggi_baris(huruf: f32) -> f32 {
    huruf * 1.65
}

fn kepala_tabel(p: &mut Penata, t: &Tabel, u: &Ukuran) {
    let h = tinggi_baris(u.huruf);
    p.taruh(Elemen::Kotak {
        x: KIRI,
        y: p.y - h,
        lebar: LEBAR_ISI,
        tinggi: h,
        isi: Some(0.85),
        garis: None,
    });
    let sel: Vec<Sel> = t.kolom.iter().map(|k| Sel::Teks(k.judul.clone())).collect();
    isi_baris(p, t, u, &sel, Huruf::Tebal);
    p.y -= h;
}

fn isi_baris(p: &mut Penata, t: &Tabel, u: &Ukuran, sel: &[Sel], huruf: Huruf) {
    let h = tinggi_baris(u.huruf);
    let dasar = p.y - h + (h - u.huruf) / 2.0 + TURUN * u.huruf;
    let mut x = KIRI;
    for (i, w) in u.lebar.iter().enumerate() {
        let jenis = t.kolom.get(i).map(|k| k.jenis);
        let teks = sel.get(i).map(|s| t.angka.sel(s)).unwrap_or_default();
        let isi = pangkas(
            &winansi_satu_baris(&teks),
            huruf,
            u.huruf,
            w - 2.0 * PADDING,
        );
        let lebar_isi = lebar(&isi, huruf, u.huruf);
        let kiri = if kanan(jenis) {
            x + w - PADDING - lebar_isi
        } else {
            x + PADDING
        };
        p.teks(kiri, dasar, u.huruf, huruf, 0.0, isi);
        x += w;
    }
}

/// Lays the table out from the cursor on: header, rows (header repeated
/// after each page break, under a "(lanjutan)" title line), total.
pub(crate) fn tata_tabel(p: &mut Penata, t: &Tabel, lanjutan: &str) {
    let u = ukur(t);
    let h = tinggi_baris(u.huruf);
    if !p.muat(3.0 * h) {
        p.halaman_baru();
    }
    kepala_tabel(p, t, &u);
    for (i, b) in t.baris.iter().enumerate() {
        if !p.muat(h) {
            p.halaman_baru();
            p.baris(&format!("{} ({lanjutan})", t.judul), 9.0, Huruf::Tebal, 0.3);
            p.y -= 4.0;
            kepala_tabel(p, t, &u);
        }
        if i % 2 == 1 {
            p.taruh(Elemen::Kotak {
                x: KIRI,
                y: p.y - h,
                lebar: LEBAR_ISI,
                tinggi: h,
                isi: Some(0.955),
                garis: None,
            });
        }
        isi_baris(p, t, &u, b, Huruf::Biasa);
        p.y -= h;
    }
    if let Some(total) = &t.total {
        if !p.muat(h) {
            p.halaman_baru();
            kepala_tabel(p, t, &u);
        }
        p.taruh(Elemen::Garis {
            x1: KIRI,
            y1: p.y,
            x2: KANAN,
            y2: p.y,
            abu: 0.2,
        });
        isi_baris(p, t, &u, total, Huruf::Tebal);
        p.y -= h;
    }
    p.taruh(Elemen::Garis {
        x1: KIRI,
        y1: p.y,
        x2: KANAN,
        y2: p.y,
        abu: 0.6,
    });
}

/// The title block of a table's own document.
fn kepala_dokumen(p: &mut Penata, t: &Tabel) {
    p.paragraf(&t.judul, 14.0, Huruf::Tebal, 0.0);
    if !t.subjudul.is_empty() {
        p.paragraf(&t.subjudul, 9.0, Huruf::Biasa, 0.3);
    }
    for c in &t.catatan {
        p.y -= 2.0;
        p.paragraf(c, 8.5, Huruf::Biasa, 0.0);
    }
    p.y -= 8.0;
}

/// The footer of every page: who, when, and "halaman N dari M".
pub(crate) fn kaki(halaman: &mut [Halaman], kaki: &str, pola: &str) {
    let jumlah = halaman.len();
    let ukuran = 7.5;
    for (i, h) in halaman.iter_mut().enumerate() {
        let nomor = pola
            .replace("{n}", &(i + 1).to_string())
            .replace("{m}", &jumlah.to_string());
        let ekor = winansi_satu_baris(&format!(" · {nomor}"));
        let ruang = LEBAR_ISI - lebar(&ekor, Huruf::Biasa, ukuran);
        let mut isi = pangkas(
            &winansi_satu_baris(&format!("Posko · {kaki}")),
            Huruf::Biasa,
            ukuran,
            ruang,
        );
        isi.extend_from_slice(&ekor);
        h.elemen.push(Elemen::Garis {
            x1: KIRI,
            y1: ATAS_KAKI,
            x2: KANAN,
            y2: ATAS_KAKI,
            abu: 0.6,
        });
        h.elemen.push(Elemen::Teks {
            x: KIRI,
            y: TEPI + TURUN * ukuran + 4.0,
            ukuran,
            huruf: Huruf::Biasa,
            abu: 0.3,
            isi,
        });
    }
}

/// The word "continued" in the document's language, taken from the page
/// pattern's language: the caller words everything else, and this one
/// word is not worth a field.
pub(crate) fn kata_lanjutan(angka: GayaAngka) -> &'static str {
    match angka {
        GayaAngka::Indonesia => "lanjutan",
        GayaAngka::Inggris => "continued",
    }
}

fn tata_letak(t: &Tabel) -> TataLetak<'static> {
    let mut p = Penata::baru();
    kepala_dokumen(&mut p, t);
    tata_tabel(&mut p, t, kata_lanjutan(t.angka));
    kaki(&mut p.halaman, &t.kaki, &t.pola_halaman);
    TataLetak {
        halaman: p.halaman,
        gambar: Vec::new(),
        penanda: Vec::new(),
    }
}

/// Renders a table as an A4 PDF. Never fails: odd text degrades to "?" or
/// "…", and a table too wide for the page is printed smaller.
pub fn tabel_pdf(t: &Tabel) -> Vec<u8> {
    let tata = tata_letak(t);
    let info = crate::tulis::Info {
        judul: &t.judul,
        penulis: &t.dibuat_oleh,
        subjek: &t.subjudul,
    };
    crate::tulis::pdf(&info, &tata)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn contoh(baris: usize, paslon: usize) -> Tabel {
        let mut kolom = vec![
            Kolom::new("Kecamatan", JenisKolom::Teks),
            Kolom::new("Kode", JenisKolom::Kode),
            Kolom::new("TPS masuk", JenisKolom::Bulat),
        ];
        for i in 1..=paslon {
            kolom.push(Kolom::new(format!("Paslon {i:02}"), JenisKolom::Bulat));
        }
        kolom.push(Kolom::new("Partisipasi", JenisKolom::Persen));
        Tabel {
            judul: "Rekap hasil: Kota Jakarta Pusat".into(),
            subjudul: "Pemilihan Gubernur DKI Jakarta 2029 · 31.71".into(),
            catatan: vec!["Angka terverifikasi bila ada.".into()],
            kolom,
            baris: (0..baris)
                .map(|i| {
                    let mut b = vec![
                        Sel::teks(format!("Kecamatan nomor {i} yang namanya cukup panjang")),
                        Sel::teks(format!("31.71.{:02}", i % 100)),
                        Sel::Bulat(i as u64 * 1000 + 7),
                    ];
                    b.extend((0..paslon).map(|p| Sel::Bulat(1_234_567 + p as u64)));
                    b.push(Sel::rasio(i as u64, 10));
                    b
                })
                .collect(),
            total: Some(vec![Sel::teks("Jumlah"), Sel::Kosong, Sel::Bulat(99)]),
            kaki: "Dicetak oleh Rina (rina) pada 30-11-2026 10.15 WIB".into(),
            dibuat_oleh: "Rina (rina)".into(),
            pola_halaman: "halaman {n} dari {m}".into(),
            angka: GayaAngka::Indonesia,
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

    #[test]
    fn numbers_are_written_in_the_page_language() {
        assert_eq!(GayaAngka::Indonesia.bulat(1_234_567), "1.234.567");
        assert_eq!(GayaAngka::Inggris.bulat(1_234_567), "1,234,567");
        assert_eq!(GayaAngka::Indonesia.persen(0.4567), "45,7 %");
        assert_eq!(GayaAngka::Inggris.persen(0.4567), "45.7 %");
        assert_eq!(GayaAngka::Indonesia.persen(12.5), "1.250,0 %");
        assert_eq!(GayaAngka::Indonesia.sel(&Sel::Kosong), "–");
        assert_eq!(Sel::rasio(1, 0), Sel::Kosong);
        assert_eq!(Sel::rasio(1, 4), Sel::Persen(0.25));
    }

    #[test]
    fn header_repeats_on_every_page_and_every_row_is_printed() {
        let t = contoh(150, 2);
        let tata = tata_letak(&t);
        assert!(tata.halaman.len() >= 3, "{}", tata.halaman.len());
        for (i, h) in tata.halaman.iter().enumerate() {
            let teks = teks_halaman(h);
            assert!(
                teks.iter().any(|x| x == b"Partisipasi"),
                "page {i} has the header row"
            );
            let kaki = format!("halaman {} dari {}", i + 1, tata.halaman.len());
            assert!(
                teks.iter()
                    .any(|x| x.ends_with(kaki.as_bytes()) && x.starts_with(b"Posko")),
                "page {i} footer"
            );
        }
        let semua: Vec<Vec<u8>> = tata.halaman.iter().flat_map(teks_halaman).collect();
        for i in 0..150 {
            let kode = format!("31.71.{:02}", i % 100);
            assert!(semua.iter().any(|x| x == kode.as_bytes()), "{kode}");
        }
        assert!(semua.iter().any(|x| x == b"1.234.567"));
    }

    #[test]
    fn figures_are_right_aligned_and_everything_stays_on_the_page() {
        for (baris, paslon) in [(0, 0), (3, 2), (40, 6), (5, 14)] {
            let t = contoh(baris, paslon);
            let tata = tata_letak(&t);
            for h in &tata.halaman {
                for e in &h.elemen {
                    let [x0, y0, x1, y1] = e.batas();
                    assert!(
                        x0 >= TEPI - 0.01 && x1 <= KANAN + 0.01,
                        "{baris}x{paslon}: {e:?}"
                    );
                    assert!(y0 >= TEPI - 2.0 && y1 <= ATAS + 0.01, "{e:?}");
                }
            }
        }
        // Right-aligned: every number of one column ends at the same x.
        let tata = tata_letak(&contoh(5, 2));
        let ujung: Vec<f32> = tata.halaman[0]
            .elemen
            .iter()
            .filter_map(|e| match e {
                Elemen::Teks { isi, .. } if isi == b"1.234.567" => Some(e.batas()[2]),
                _ => None,
            })
            .collect();
        assert_eq!(ujung.len(), 5);
        assert!(ujung.iter().all(|x| (x - ujung[0]).abs() < 0.01));
    }

    #[test]
    fn the_pdf_opens_with_its_pages() {
        let pdf = tabel_pdf(&contoh(150, 2));
        assert!(pdf.starts_with(b"%PDF-"));
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let halaman: Vec<u32> = doc.get_pages().keys().copied().collect();
        assert!(halaman.len() >= 3);
        let teks = doc.extract_text(&[1]).unwrap();
        assert!(teks.contains("Jakarta Pusat"), "{teks}");
    }
}
