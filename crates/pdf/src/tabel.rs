//! A table as a page shows it, as plain data: the one model both file
//! formats are written from (the web layer writes XLSX from it, this crate
//! the PDF), so a download always has the page's rows and no more.
//!
//! The PDF is A4, portrait or landscape as the columns need (each as wide
//! as its content: figures and codes whole, text wrapped over lines): the
//! title and scope line, the table with its header row repeated on every
//! page, numbers right-aligned, and a footer on every page saying who
//! printed it, when, and the page number.

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
/// Free UTF-8 text; what the standard PDF fonts cannot show prints as "?";
/// text wraps over lines, figures and codes are printed whole.
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
/// The smallest font a wide table is shrunk to while it still fits; a
/// table wider than that at this size is shrunk further rather than cut.
const UKURAN_MIN: f32 = 6.0;
const PADDING: f32 = 3.0;
/// A text column never takes more than this share of the width; longer
/// text wraps over lines.
const TEKS_MAKS: f32 = 0.45;
/// Line height of a cell's lines, as a multiple of the font size.
const SPASI_SEL: f32 = 1.2;

/// Places elements top-down over as many pages as needed, on A4 portrait
/// or landscape.
pub(crate) struct Penata {
    pub halaman: Vec<Halaman>,
    pub y: f32,
    /// Page width and height in points.
    pub lebar_halaman: f32,
    pub tinggi_halaman: f32,
}

impl Penata {
    /// A4 portrait.
    pub fn baru() -> Penata {
        Penata {
            halaman: vec![Halaman::default()],
            y: ATAS,
            lebar_halaman: LEBAR_HALAMAN,
            tinggi_halaman: crate::tata_letak::TINGGI_HALAMAN,
        }
    }

    /// A4 landscape.
    pub fn lanskap() -> Penata {
        let tinggi = LEBAR_HALAMAN;
        Penata {
            halaman: vec![Halaman::default()],
            y: tinggi - TEPI,
            lebar_halaman: crate::tata_letak::TINGGI_HALAMAN,
            tinggi_halaman: tinggi,
        }
    }

    pub fn lanskap_kah(&self) -> bool {
        self.lebar_halaman > self.tinggi_halaman
    }

    pub fn kanan(&self) -> f32 {
        self.lebar_halaman - TEPI
    }

    pub fn lebar_isi(&self) -> f32 {
        self.kanan() - KIRI
    }

    pub fn atas(&self) -> f32 {
        self.tinggi_halaman - TEPI
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
        let t = pangkas(&winansi_satu_baris(isi), huruf, ukuran, self.lebar_isi());
        self.y -= ukuran * 1.3;
        let y = self.y + TURUN * ukuran;
        self.teks(KIRI, y, ukuran, huruf, abu, t);
    }

    /// A paragraph wrapped to the content width.
    pub fn paragraf(&mut self, isi: &str, ukuran: f32, huruf: Huruf, abu: f32) {
        for b in bungkus(&winansi(isi), huruf, ukuran, self.lebar_isi()) {
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
        self.y = self.atas();
    }

    pub fn muat(&self, tinggi: f32) -> bool {
        self.y - tinggi >= BAWAH_ISI
    }
}

/// Column widths and the font size that make the table fit the page.
#[derive(Clone, Debug)]
struct Ukuran {
    lebar: Vec<f32>,
    huruf: f32,
}

/// Free text wraps over lines; figures and codes never do and are never
/// cut, so their column is as wide as their widest value.
fn bungkus_kah(j: Option<JenisKolom>) -> bool {
    matches!(j, Some(JenisKolom::Teks) | None)
}

fn kata_terpanjang(teks: &[u8], huruf: Huruf, ukuran: f32) -> f32 {
    teks.split(|&b| b == b' ' || b == b'\n')
        .map(|k| lebar(k, huruf, ukuran))
        .fold(0.0, f32::max)
}

/// The narrowest and the preferred width of each column at font size
/// `huruf` on a page `lebar_isi` wide.
fn batas_kolom(t: &Tabel, huruf: f32, lebar_isi: f32) -> Vec<(f32, f32)> {
    let n = t.kolom.len().max(1);
    (0..n)
        .map(|i| {
            let jenis = t.kolom.get(i).map(|k| k.jenis);
            let judul = t
                .kolom
                .get(i)
                .map(|k| winansi_satu_baris(&k.judul))
                .unwrap_or_default();
            let judul_penuh = lebar(&judul, Huruf::Tebal, huruf);
            let judul_kata = kata_terpanjang(&judul, Huruf::Tebal, huruf);
            let sel = t
                .baris
                .iter()
                .map(|b| (b, Huruf::Biasa))
                .chain(t.total.iter().map(|b| (b, Huruf::Tebal)))
                .filter_map(|(b, h)| b.get(i).map(|s| (winansi_satu_baris(&t.angka.sel(s)), h)));
            let (mut penuh, mut kata) = (0.0f32, 0.0f32);
            for (s, h) in sel {
                penuh = penuh.max(lebar(&s, h, huruf));
                kata = kata.max(kata_terpanjang(&s, h, huruf));
            }
            let pad = 2.0 * PADDING;
            if bungkus_kah(jenis) {
                let maks = lebar_isi * TEKS_MAKS;
                let min = (kata.max(judul_kata) + pad).min(maks);
                let alami = (penuh.max(judul_penuh) + pad).min(maks).max(min);
                (min, alami)
            } else {
                let min = penuh.max(judul_kata) + pad;
                (min, min.max(judul_penuh + pad))
            }
        })
        .collect()
}

/// Widths at font size `huruf`, or None when even the narrowest columns
/// do not fit `lebar_isi`. Room beyond the preferred widths goes to the
/// first text column, so the table spans the page as the page's does.
fn ukur_pada(t: &Tabel, huruf: f32, lebar_isi: f32) -> Option<Ukuran> {
    let b = batas_kolom(t, huruf, lebar_isi);
    let min: f32 = b.iter().map(|x| x.0).sum();
    if min > lebar_isi + 0.001 {
        return None;
    }
    let ingin: f32 = b.iter().map(|x| x.1 - x.0).sum();
    let sisa = lebar_isi - min;
    let mut lebar_kolom: Vec<f32> = if ingin <= sisa {
        b.iter().map(|x| x.1).collect()
    } else {
        b.iter()
            .map(|x| x.0 + (x.1 - x.0) * sisa / ingin.max(1e-6))
            .collect()
    };
    let jumlah: f32 = lebar_kolom.iter().sum();
    let lebih = (lebar_isi - jumlah).max(0.0);
    if lebih > 0.0 {
        match (0..lebar_kolom.len()).find(|&i| bungkus_kah(t.kolom.get(i).map(|k| k.jenis))) {
            Some(i) => lebar_kolom[i] += lebih,
            None => {
                let n = lebar_kolom.len() as f32;
                for w in &mut lebar_kolom {
                    *w += lebih / n;
                }
            }
        }
    }
    Some(Ukuran {
        lebar: lebar_kolom,
        huruf,
    })
}

/// Whether the table wants a landscape page: its preferred widths do not
/// fit a portrait one.
fn perlu_lanskap(t: &Tabel) -> bool {
    let b = batas_kolom(t, UKURAN, LEBAR_ISI);
    b.iter().map(|x| x.1).sum::<f32>() > LEBAR_ISI + 0.001
}

/// Column widths and font size on a page `lebar_isi` wide: the normal
/// size when the narrowest columns fit, else a smaller font, down to
/// [`UKURAN_MIN`] and below it for a table that has no other way to keep
/// every figure whole.
fn ukur(t: &Tabel, lebar_isi: f32) -> Ukuran {
    let mut huruf = UKURAN;
    loop {
        if let Some(u) = ukur_pada(t, huruf, lebar_isi) {
            return u;
        }
        let langkah = if huruf > UKURAN_MIN { 0.25 } else { 0.5 };
        if huruf - langkah < 2.0 {
            break;
        }
        huruf -= langkah;
    }
    // Hundreds of columns: proportional widths at the smallest size.
    let b = batas_kolom(t, huruf, lebar_isi);
    let min: f32 = b.iter().map(|x| x.0).sum::<f32>().max(1e-6);
    Ukuran {
        lebar: b.iter().map(|x| x.0 * lebar_isi / min).collect(),
        huruf,
    }
}

fn kanan(j: Option<JenisKolom>) -> bool {
    matches!(j, Some(JenisKolom::Bulat | JenisKolom::Persen))
}

/// The lines of each cell of one row: text wraps, figures and codes stay
/// whole on one line (their column is as wide as they are).
fn baris_sel(t: &Tabel, u: &Ukuran, sel: &[Sel], huruf: Huruf, kepala: bool) -> Vec<Vec<Vec<u8>>> {
    u.lebar
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let jenis = t.kolom.get(i).map(|k| k.jenis);
            let teks = sel.get(i).map(|s| t.angka.sel(s)).unwrap_or_default();
            if kepala || bungkus_kah(jenis) {
                bungkus(&winansi(&teks), huruf, u.huruf, w - 2.0 * PADDING)
            } else {
                vec![winansi_satu_baris(&teks)]
            }
        })
        .collect()
}

fn tinggi_sel(huruf: f32, baris: usize) -> f32 {
    huruf * SPASI_SEL * baris.max(1) as f32 + huruf * 0.45
}

fn tinggi_dari(u: &Ukuran, isi: &[Vec<Vec<u8>>]) -> f32 {
    tinggi_sel(u.huruf, isi.iter().map(Vec::len).max().unwrap_or(1))
}

fn kepala_tabel(p: &mut Penata, t: &Tabel, u: &Ukuran) {
    let sel: Vec<Sel> = t.kolom.iter().map(|k| Sel::Teks(k.judul.clone())).collect();
    let isi = baris_sel(t, u, &sel, Huruf::Tebal, true);
    let h = tinggi_dari(u, &isi);
    let lebar_isi = p.lebar_isi();
    p.taruh(Elemen::Kotak {
        x: KIRI,
        y: p.y - h,
        lebar: lebar_isi,
        tinggi: h,
        isi: Some(0.85),
        garis: None,
    });
    tulis_baris(p, t, u, &isi, Huruf::Tebal);
    p.y -= h;
}

fn tulis_baris(p: &mut Penata, t: &Tabel, u: &Ukuran, isi: &[Vec<Vec<u8>>], huruf: Huruf) {
    let atas = p.y - u.huruf * 0.225;
    let mut x = KIRI;
    for (i, (w, baris)) in u.lebar.iter().zip(isi).enumerate() {
        let jenis = t.kolom.get(i).map(|k| k.jenis);
        for (n, b) in baris.iter().enumerate() {
            let dasar = atas - u.huruf * SPASI_SEL * (n as f32 + 1.0)
                + TURUN * u.huruf
                + (SPASI_SEL - 1.0) * u.huruf / 2.0;
            let lebar_isi = lebar(b, huruf, u.huruf);
            let kiri = if kanan(jenis) {
                x + w - PADDING - lebar_isi
            } else {
                x + PADDING
            };
            p.teks(kiri, dasar, u.huruf, huruf, 0.0, b.clone());
        }
        x += w;
    }
}

/// Lays the table out from the cursor on: header, rows (header repeated
/// after each page break, under a "(lanjutan)" title line), total.
pub(crate) fn tata_tabel(p: &mut Penata, t: &Tabel, lanjutan: &str) {
    let u = ukur(t, p.lebar_isi());
    let kepala: Vec<Sel> = t.kolom.iter().map(|k| Sel::Teks(k.judul.clone())).collect();
    let h_kepala = tinggi_dari(&u, &baris_sel(t, &u, &kepala, Huruf::Tebal, true));
    let kanan_halaman = p.kanan();
    if !p.muat(h_kepala + 2.0 * tinggi_sel(u.huruf, 1)) {
        p.halaman_baru();
    }
    kepala_tabel(p, t, &u);
    for (i, b) in t.baris.iter().enumerate() {
        let isi = baris_sel(t, &u, b, Huruf::Biasa, false);
        let h = tinggi_dari(&u, &isi);
        if !p.muat(h) {
            p.halaman_baru();
            p.baris(&format!("{} ({lanjutan})", t.judul), 9.0, Huruf::Tebal, 0.3);
            p.y -= 4.0;
            kepala_tabel(p, t, &u);
        }
        if i % 2 == 1 {
            let lebar_isi = p.lebar_isi();
            p.taruh(Elemen::Kotak {
                x: KIRI,
                y: p.y - h,
                lebar: lebar_isi,
                tinggi: h,
                isi: Some(0.955),
                garis: None,
            });
        }
        tulis_baris(p, t, &u, &isi, Huruf::Biasa);
        p.y -= h;
    }
    if let Some(total) = &t.total {
        let isi = baris_sel(t, &u, total, Huruf::Tebal, false);
        let h = tinggi_dari(&u, &isi);
        if !p.muat(h) {
            p.halaman_baru();
            kepala_tabel(p, t, &u);
        }
        p.taruh(Elemen::Garis {
            x1: KIRI,
            y1: p.y,
            x2: kanan_halaman,
            y2: p.y,
            abu: 0.2,
        });
        tulis_baris(p, t, &u, &isi, Huruf::Tebal);
        p.y -= h;
    }
    p.taruh(Elemen::Garis {
        x1: KIRI,
        y1: p.y,
        x2: kanan_halaman,
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
pub(crate) fn kaki(halaman: &mut [Halaman], kaki: &str, pola: &str, lebar_isi: f32) {
    let jumlah = halaman.len();
    let ukuran = 7.5;
    for (i, h) in halaman.iter_mut().enumerate() {
        let nomor = pola
            .replace("{n}", &(i + 1).to_string())
            .replace("{m}", &jumlah.to_string());
        let ekor = winansi_satu_baris(&format!(" · {nomor}"));
        let ruang = lebar_isi - lebar(&ekor, Huruf::Biasa, ukuran);
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
            x2: KIRI + lebar_isi,
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
    let mut p = if perlu_lanskap(t) {
        Penata::lanskap()
    } else {
        Penata::baru()
    };
    kepala_dokumen(&mut p, t);
    tata_tabel(&mut p, t, kata_lanjutan(t.angka));
    let lebar_isi = p.lebar_isi();
    kaki(&mut p.halaman, &t.kaki, &t.pola_halaman, lebar_isi);
    TataLetak {
        lanskap: p.lanskap_kah(),
        halaman: p.halaman,
        gambar: Vec::new(),
        penanda: Vec::new(),
    }
}

/// Renders a table as an A4 PDF, landscape when its columns do not fit a
/// portrait page. Never fails: odd text degrades to "?", text wraps over
/// lines, and figures and codes are never cut (a table too wide for even
/// a landscape page is printed smaller).
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
            let (kanan, atas) = if tata.lanskap {
                (
                    crate::tata_letak::TINGGI_HALAMAN - TEPI,
                    LEBAR_HALAMAN - TEPI,
                )
            } else {
                (KANAN, ATAS)
            };
            for h in &tata.halaman {
                for e in &h.elemen {
                    let [x0, y0, x1, y1] = e.batas();
                    assert!(
                        x0 >= TEPI - 0.01 && x1 <= kanan + 0.01,
                        "{baris}x{paslon}: {e:?}"
                    );
                    assert!(y0 >= TEPI - 2.0 && y1 <= atas + 0.01, "{e:?}");
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

    /// Every text element of a layout, in order.
    fn semua_teks(tata: &TataLetak<'_>) -> Vec<String> {
        tata.halaman
            .iter()
            .flat_map(teks_halaman)
            .map(|b| b.iter().map(|&c| c as char).collect())
            .collect()
    }

    #[test]
    fn figures_and_codes_are_never_cut_however_wide_the_table() {
        // A results table of six kab/kota with big figures (as DKI's
        // province table), and one with fourteen paslon.
        for paslon in [2, 6, 14] {
            let mut t = contoh(6, paslon);
            for b in &mut t.baris {
                b[1] = Sel::teks("31.74.10.1001");
                b[2] = Sel::Bulat(4_211_337);
            }
            t.total = Some(
                std::iter::once(Sel::teks("Jumlah"))
                    .chain(std::iter::once(Sel::Kosong))
                    .chain((0..paslon + 1).map(|_| Sel::Bulat(104_567_890)))
                    .chain(std::iter::once(Sel::Persen(0.7123)))
                    .collect(),
            );
            let tata = tata_letak(&t);
            let teks = semua_teks(&tata);
            for x in &teks {
                let cut = x.as_bytes().contains(&crate::teks::ELIPSIS);
                assert!(!cut, "{paslon}: cut: {x}");
            }
            for nilai in [
                "31.74.10.1001",
                "4.211.337",
                "104.567.890",
                "71,2 %",
                "1.234.567",
            ] {
                assert!(
                    teks.iter().any(|x| x == nilai),
                    "{paslon}: {nilai} whole in {teks:?}"
                );
            }
            // Long names wrap over lines instead of being cut: every word
            // of the name is printed.
            assert!(
                teks.iter().any(|x| x.contains("panjang")),
                "{paslon}: {teks:?}"
            );
            if paslon >= 6 {
                assert!(tata.lanskap, "{paslon} paslon: a wide table is landscape");
            }
        }
        // A narrow table stays portrait.
        assert!(!tata_letak(&contoh(3, 1)).lanskap);
    }

    #[test]
    fn a_landscape_table_pdf_has_landscape_pages() {
        let pdf = tabel_pdf(&contoh(3, 8));
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let (_, halaman) = doc.get_pages().into_iter().next().unwrap();
        let kotak = doc
            .get_dictionary(halaman)
            .unwrap()
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        let angka: Vec<f32> = kotak.iter().map(|o| o.as_float().unwrap()).collect();
        assert!(angka[2] > angka[3], "{angka:?}");
        let teks = doc.extract_text(&[1]).unwrap();
        assert!(!teks.contains('…'), "{teks}");
    }
}
