//! Page layout of the evidence pack, separate from PDF writing.
//!
//! The whole document is laid out first as positioned elements, because the
//! footer needs the total page count and the summary table lists the page on
//! which each TPS section starts. Keeping the layout as plain data also lets
//! the tests check that nothing leaves the printable area.

use crate::jpeg::{self, InfoJpeg};
use crate::teks::{
    Huruf, TURUN, angka, bungkus_maks, lebar, pangkas, selisih, winansi, winansi_satu_baris,
};
use crate::{Angka, FotoBukti, PaketBukti, TpsBukti};

/// A4 portrait in points.
pub(crate) const LEBAR_HALAMAN: f32 = 595.0;
pub(crate) const TINGGI_HALAMAN: f32 = 842.0;
pub(crate) const TEPI: f32 = 40.0;
const KIRI: f32 = TEPI;
const KANAN: f32 = LEBAR_HALAMAN - TEPI;
const ATAS: f32 = TINGGI_HALAMAN - TEPI;
const LEBAR_ISI: f32 = KANAN - KIRI;
/// Content stops here; below is the footer band.
pub(crate) const BAWAH_ISI: f32 = 64.0;
/// Top of the footer band (its rule).
pub(crate) const ATAS_KAKI: f32 = 58.0;
/// Where content starts on pages that carry the running header.
const ATAS_LANJUT: f32 = ATAS - 18.0;

/// Line height as a multiple of the font size.
const SPASI: f32 = 1.25;
/// Baseline below the top of a line box, as a multiple of the font size;
/// centres capitals in the line box while keeping the font bounding box
/// (NAIK, TURUN) inside it.
const GARIS_DASAR: f32 = 0.98;

const ABU_TEKS_SAMAR: f32 = 0.3;
const ABU_KEPALA_TABEL: f32 = 0.85;
const ABU_BEDA: f32 = 0.88;
const ABU_GARIS: f32 = 0.6;

/// One positioned drawing operation; coordinates in points, origin at the
/// bottom left of the page as in PDF.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Elemen {
    /// One line of text; `y` is the baseline, `isi` WinAnsi bytes.
    Teks {
        x: f32,
        y: f32,
        ukuran: f32,
        huruf: Huruf,
        abu: f32,
        isi: Vec<u8>,
    },
    /// A rectangle, filled and/or stroked with the given gray levels.
    Kotak {
        x: f32,
        y: f32,
        lebar: f32,
        tinggi: f32,
        isi: Option<f32>,
        garis: Option<f32>,
    },
    /// A thin line.
    Garis {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        abu: f32,
    },
    /// A filled shape of one or more closed rings (a map region with its
    /// islands and holes, filled even-odd), outlined thinly in white so
    /// neighbours stay apart as on the SVG map.
    Bidang {
        cincin: Vec<Vec<(f32, f32)>>,
        rgb: [u8; 3],
    },
    /// A rectangle filled with a colour and outlined in grey (a legend key).
    KotakWarna {
        x: f32,
        y: f32,
        lebar: f32,
        tinggi: f32,
        rgb: [u8; 3],
    },
    /// Image number `gambar` of [`TataLetak::gambar`] drawn into the box.
    Foto {
        x: f32,
        y: f32,
        lebar: f32,
        tinggi: f32,
        gambar: usize,
    },
}

impl Elemen {
    /// Bounding box `[x0, y0, x1, y1]`; text uses the font bounding box so
    /// descenders and accents count.
    #[cfg(test)]
    pub(crate) fn batas(&self) -> [f32; 4] {
        match self {
            Elemen::Teks {
                x,
                y,
                ukuran,
                huruf,
                isi,
                ..
            } => [
                *x,
                y - TURUN * ukuran,
                x + lebar(isi, *huruf, *ukuran),
                y + crate::teks::NAIK * ukuran,
            ],
            Elemen::Kotak {
                x,
                y,
                lebar,
                tinggi,
                ..
            }
            | Elemen::KotakWarna {
                x,
                y,
                lebar,
                tinggi,
                ..
            }
            | Elemen::Foto {
                x,
                y,
                lebar,
                tinggi,
                ..
            } => [*x, *y, x + lebar, y + tinggi],
            Elemen::Bidang { cincin, .. } => cincin.iter().flatten().fold(
                [f32::MAX, f32::MAX, f32::MIN, f32::MIN],
                |[a, b, c, d], &(x, y)| [a.min(x), b.min(y), c.max(x), d.max(y)],
            ),
            Elemen::Garis { x1, y1, x2, y2, .. } => {
                [x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2)]
            }
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Halaman {
    pub elemen: Vec<Elemen>,
}

/// A JPEG that passed [`jpeg::baca`] and gets its own image XObject.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct GambarSiap<'a> {
    pub jpeg: &'a [u8],
    pub info: InfoJpeg,
}

/// A bookmark of the PDF outline.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Penanda {
    pub judul: String,
    /// 0-based page index.
    pub halaman: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TataLetak<'a> {
    pub halaman: Vec<Halaman>,
    /// A4 landscape (842 × 595) instead of portrait: wide tables.
    pub lanskap: bool,
    pub gambar: Vec<GambarSiap<'a>>,
    pub penanda: Vec<Penanda>,
}

/// Lays out the evidence pack.
///
/// The summary lists the page of each TPS section, which is only known after
/// layout; the page column has a fixed width, so a second pass with the
/// numbers filled in gives the same pagination. A third pass is a safety net
/// that should never change anything.
pub(crate) fn paket_bukti(p: &PaketBukti) -> TataLetak<'_> {
    let mut tata = satu_lintasan(p, None);
    for _ in 0..2 {
        let mulai = halaman_mulai_tps(&tata);
        let berikut = satu_lintasan(p, Some(&mulai));
        let stabil = halaman_mulai_tps(&berikut) == mulai;
        tata = berikut;
        if stabil {
            break;
        }
    }
    tata
}

fn halaman_mulai_tps(tata: &TataLetak<'_>) -> Vec<usize> {
    // The first bookmark is the summary; the rest are TPS in order.
    tata.penanda.iter().skip(1).map(|p| p.halaman).collect()
}

fn satu_lintasan<'a>(p: &'a PaketBukti, halaman_tps: Option<&[usize]>) -> TataLetak<'a> {
    let mut penata = Penata::baru(winansi_satu_baris(&p.judul));
    let jumlah_paslon = jumlah_paslon(p);
    penata.penanda.push(Penanda {
        judul: "Ringkasan".to_owned(),
        halaman: 0,
    });
    sampul(&mut penata, p, jumlah_paslon, halaman_tps);
    for t in &p.tps {
        bagian_tps(&mut penata, p, t, jumlah_paslon);
    }
    penata.selesai(p)
}

/// Columns for paslon: the labels, or more if some TPS has more figures
/// than there are labels, so no figure is silently dropped.
fn jumlah_paslon(p: &PaketBukti) -> usize {
    p.tps
        .iter()
        .flat_map(|t| [t.kita.suara.len(), t.resmi.suara.len()])
        .chain([p.paslon.len()])
        .max()
        .unwrap_or(0)
}

fn label_paslon(p: &PaketBukti, i: usize) -> String {
    p.paslon
        .get(i)
        .cloned()
        .unwrap_or_else(|| format!("Paslon {}", i + 1))
}

/// The figure of paslon `i`, `None` when the count does not have it.
fn suara(a: &Angka, i: usize) -> Option<u64> {
    a.suara.get(i).copied()
}

fn teks_suara(n: Option<u64>) -> String {
    n.map_or_else(|| "-".to_owned(), angka)
}

fn teks_selisih(kita: Option<u64>, resmi: Option<u64>) -> String {
    match (kita, resmi) {
        (Some(k), Some(r)) => selisih(i128::from(r) - i128::from(k)),
        _ => "-".to_owned(),
    }
}

/// Places elements page by page, top to bottom.
struct Penata<'a> {
    halaman: Vec<Halaman>,
    /// Top of the free space on the current page.
    y: f32,
    /// Nothing placed on the current page yet: moving to a new page would not
    /// help whatever does not fit.
    segar: bool,
    judul: Vec<u8>,
    /// Right part of the running header (e.g. the TPS being printed).
    konteks: Vec<u8>,
    gambar: Vec<GambarSiap<'a>>,
    penanda: Vec<Penanda>,
}

impl<'a> Penata<'a> {
    fn baru(judul: Vec<u8>) -> Self {
        let mut penata = Penata {
            halaman: Vec::new(),
            y: ATAS,
            segar: true,
            judul,
            konteks: Vec::new(),
            gambar: Vec::new(),
            penanda: Vec::new(),
        };
        penata.halaman_baru();
        penata
    }

    fn indeks_halaman(&self) -> usize {
        self.halaman.len().saturating_sub(1)
    }

    /// Starts a page; every page but the first carries a running header so
    /// loose printed pages can be put back in their pack.
    fn halaman_baru(&mut self) {
        self.halaman.push(Halaman::default());
        self.segar = true;
        if self.halaman.len() == 1 {
            self.y = ATAS;
            return;
        }
        let ukuran = 7.5;
        let dasar = ATAS - GARIS_DASAR * ukuran;
        let konteks = pangkas(&self.konteks, Huruf::Biasa, ukuran, LEBAR_ISI * 0.45);
        let lebar_konteks = lebar(&konteks, Huruf::Biasa, ukuran);
        let ruang_judul = LEBAR_ISI - lebar_konteks - if konteks.is_empty() { 0.0 } else { 12.0 };
        let judul = pangkas(&self.judul, Huruf::Biasa, ukuran, ruang_judul);
        self.taruh(teks(
            KIRI,
            dasar,
            ukuran,
            Huruf::Biasa,
            ABU_TEKS_SAMAR,
            judul,
        ));
        if !konteks.is_empty() {
            self.taruh(teks(
                KANAN - lebar_konteks,
                dasar,
                ukuran,
                Huruf::Biasa,
                ABU_TEKS_SAMAR,
                konteks,
            ));
        }
        let garis = ATAS - SPASI * ukuran - 2.0;
        self.taruh(Elemen::Garis {
            x1: KIRI,
            y1: garis,
            x2: KANAN,
            y2: garis,
            abu: ABU_GARIS,
        });
        self.y = ATAS_LANJUT;
        self.segar = true;
    }

    fn taruh(&mut self, e: Elemen) {
        if self.halaman.is_empty() {
            self.halaman.push(Halaman::default());
        }
        if let Some(h) = self.halaman.last_mut() {
            h.elemen.push(e);
        }
        self.segar = false;
    }

    fn sisa(&self) -> f32 {
        self.y - BAWAH_ISI
    }

    /// Moves to a new page unless `tinggi` points fit on this one.
    fn pastikan(&mut self, tinggi: f32) {
        if tinggi > self.sisa() && !self.segar {
            self.halaman_baru();
        }
    }

    fn jarak(&mut self, dy: f32) {
        self.y = (self.y - dy).max(BAWAH_ISI);
    }

    /// Wrapped text across the content width; each line moves to a new page
    /// on its own if needed.
    fn paragraf(&mut self, isi: &[u8], huruf: Huruf, ukuran: f32, abu: f32, maks_baris: usize) {
        for baris in bungkus_maks(isi, huruf, ukuran, LEBAR_ISI, maks_baris) {
            let tinggi = SPASI * ukuran;
            self.pastikan(tinggi);
            let dasar = self.y - GARIS_DASAR * ukuran;
            self.taruh(teks(KIRI, dasar, ukuran, huruf, abu, baris));
            self.jarak(tinggi);
        }
    }

    /// Draws a table, repeating the header row on every page it spans.
    fn tabel(&mut self, t: &Tabel) {
        let tinggi_kepala = t.tinggi_baris(&t.kepala);
        let mut perlu_kepala = true;
        for baris in &t.baris {
            let tinggi = t.tinggi_baris(baris);
            if perlu_kepala || tinggi > self.sisa() {
                if tinggi_kepala + tinggi > self.sisa() && !self.segar {
                    self.halaman_baru();
                }
                self.baris_tabel(t, &t.kepala, tinggi_kepala);
                perlu_kepala = false;
            }
            self.baris_tabel(t, baris, tinggi);
        }
    }

    fn baris_tabel(&mut self, t: &Tabel, baris: &BarisTabel, tinggi: f32) {
        let atas = self.y;
        let bawah = atas - tinggi;
        if let Some(abu) = baris.latar {
            self.taruh(kotak_isi(KIRI, bawah, LEBAR_ISI, tinggi, abu));
        }
        let mut x = KIRI;
        for (kolom, sel) in t.kolom.iter().zip(&baris.sel) {
            if let Some(abu) = sel.latar {
                self.taruh(kotak_isi(x, bawah, kolom.lebar, tinggi, abu));
            }
            let ruang = (kolom.lebar - 2.0 * t.pad).max(0.0);
            for (i, (isi, huruf)) in sel.baris.iter().enumerate() {
                let isi = pangkas(isi, *huruf, t.ukuran, ruang);
                if isi.is_empty() {
                    continue;
                }
                let dasar = atas - t.pad - i as f32 * SPASI * t.ukuran - GARIS_DASAR * t.ukuran;
                let kiri = match kolom.rata {
                    Rata::Kiri => x + t.pad,
                    Rata::Kanan => x + kolom.lebar - t.pad - lebar(&isi, *huruf, t.ukuran),
                    Rata::Tengah => x + (kolom.lebar - lebar(&isi, *huruf, t.ukuran)) / 2.0,
                };
                self.taruh(teks(kiri, dasar, t.ukuran, *huruf, 0.0, isi));
            }
            x += kolom.lebar;
        }
        self.taruh(Elemen::Garis {
            x1: KIRI,
            y1: bawah,
            x2: KANAN,
            y2: bawah,
            abu: ABU_GARIS,
        });
        self.y = bawah;
    }

    /// Adds the footers, which need the total page count.
    fn selesai(mut self, p: &PaketBukti) -> TataLetak<'a> {
        let jumlah = self.halaman.len();
        let ukuran = 7.5;
        let kepala = winansi_satu_baris(&format!("Posko · {} · {}", p.dibuat_oleh, p.dibuat));
        for (i, h) in self.halaman.iter_mut().enumerate() {
            // The page number must survive, so only the front part is cut.
            let ekor = winansi(&format!(" · halaman {} dari {}", i + 1, jumlah));
            let ruang = LEBAR_ISI - lebar(&ekor, Huruf::Biasa, ukuran);
            let mut isi = pangkas(&kepala, Huruf::Biasa, ukuran, ruang);
            isi.extend_from_slice(&ekor);
            h.elemen.push(Elemen::Garis {
                x1: KIRI,
                y1: ATAS_KAKI,
                x2: KANAN,
                y2: ATAS_KAKI,
                abu: ABU_GARIS,
            });
            h.elemen.push(teks(
                KIRI,
                TEPI + TURUN * ukuran + 4.0,
                ukuran,
                Huruf::Biasa,
                ABU_TEKS_SAMAR,
                isi,
            ));
        }
        TataLetak {
            halaman: self.halaman,
            lanskap: false,
            gambar: self.gambar,
            penanda: self.penanda,
        }
    }
}

fn teks(x: f32, y: f32, ukuran: f32, huruf: Huruf, abu: f32, isi: Vec<u8>) -> Elemen {
    Elemen::Teks {
        x,
        y,
        ukuran,
        huruf,
        abu,
        isi,
    }
}

fn kotak_isi(x: f32, y: f32, lebar: f32, tinggi: f32, abu: f32) -> Elemen {
    Elemen::Kotak {
        x,
        y,
        lebar,
        tinggi,
        isi: Some(abu),
        garis: None,
    }
}

#[derive(Clone, Copy, Debug)]
enum Rata {
    Kiri,
    Kanan,
    Tengah,
}

struct Kolom {
    lebar: f32,
    rata: Rata,
}

/// A cell: lines of WinAnsi text, each with its face.
#[derive(Default)]
struct Sel {
    baris: Vec<(Vec<u8>, Huruf)>,
    latar: Option<f32>,
}

impl Sel {
    fn satu(isi: &str, huruf: Huruf) -> Self {
        Sel {
            baris: vec![(winansi_satu_baris(isi), huruf)],
            latar: None,
        }
    }

    fn dua(atas: (&str, Huruf), bawah: (&str, Huruf)) -> Self {
        Sel {
            baris: vec![
                (winansi_satu_baris(atas.0), atas.1),
                (winansi_satu_baris(bawah.0), bawah.1),
            ],
            latar: None,
        }
    }

    /// Wrapped text for header cells and long labels.
    fn bungkus(isi: &str, huruf: Huruf, ukuran: f32, lebar: f32, maks_baris: usize) -> Self {
        Sel {
            baris: bungkus_maks(&winansi(isi), huruf, ukuran, lebar, maks_baris)
                .into_iter()
                .map(|b| (b, huruf))
                .collect(),
            latar: None,
        }
    }

    fn latar(mut self, abu: Option<f32>) -> Self {
        self.latar = abu;
        self
    }
}

struct BarisTabel {
    sel: Vec<Sel>,
    latar: Option<f32>,
}

struct Tabel {
    kolom: Vec<Kolom>,
    kepala: BarisTabel,
    baris: Vec<BarisTabel>,
    ukuran: f32,
    pad: f32,
}

impl Tabel {
    fn tinggi_baris(&self, baris: &BarisTabel) -> f32 {
        let jumlah = baris
            .sel
            .iter()
            .map(|s| s.baris.len())
            .max()
            .unwrap_or(1)
            .max(1);
        jumlah as f32 * SPASI * self.ukuran + 2.0 * self.pad
    }

    /// Shrinks the font (down to a floor) so the widest figure fits its
    /// column; with many paslon columns get narrow, and a cut-off number
    /// would be worse than a small one.
    fn muatkan_angka(&mut self, kolom_angka: &[usize], dasar: f32) {
        let mut ukuran = dasar;
        for baris in &self.baris {
            for &k in kolom_angka {
                let (Some(sel), Some(kolom)) = (baris.sel.get(k), self.kolom.get(k)) else {
                    continue;
                };
                let ruang = kolom.lebar - 2.0 * self.pad;
                for (isi, huruf) in &sel.baris {
                    let per_poin = lebar(isi, *huruf, 1.0);
                    if per_poin > 0.0 {
                        ukuran = ukuran.min(ruang / per_poin);
                    }
                }
            }
        }
        self.ukuran = ukuran.clamp(4.0, dasar);
    }
}

fn sampul(
    penata: &mut Penata<'_>,
    p: &PaketBukti,
    jumlah_paslon: usize,
    halaman_tps: Option<&[usize]>,
) {
    penata.paragraf(&winansi(&p.judul), Huruf::Tebal, 16.0, 0.0, 3);
    penata.jarak(4.0);
    penata.paragraf(&winansi(&p.pemilihan), Huruf::Biasa, 11.0, 0.0, 2);
    penata.paragraf(&winansi(&p.wilayah), Huruf::Biasa, 11.0, 0.0, 2);
    penata.jarak(4.0);
    let dibuat = format!("Dibuat: {} oleh {}", p.dibuat, p.dibuat_oleh);
    penata.paragraf(&winansi(&dibuat), Huruf::Biasa, 9.0, ABU_TEKS_SAMAR, 2);
    if let Some(catatan) = p.catatan.as_deref().filter(|c| !c.trim().is_empty()) {
        let catatan = format!("Catatan: {catatan}");
        penata.paragraf(&winansi(&catatan), Huruf::Biasa, 9.0, 0.0, 6);
    }
    penata.jarak(8.0);

    let total = p
        .tps
        .iter()
        .fold(0u64, |jumlah, t| jumlah.saturating_add(t.suara_bergeser));
    let ringkas = format!(
        "Jumlah TPS dengan selisih: {} · Total suara bergeser: {}",
        angka(p.tps.len() as u64),
        angka(total)
    );
    penata.paragraf(&winansi(&ringkas), Huruf::Tebal, 10.5, 0.0, 2);
    penata.jarak(6.0);
    if p.tps.is_empty() {
        penata.paragraf(b"Tidak ada TPS dengan selisih.", Huruf::Tebal, 11.0, 0.0, 1);
        return;
    }
    let keterangan = "Baris atas: hitungan kita; baris bawah: hitungan resmi (KPU). \
        Sel berlatar abu-abu: kedua hitungan berbeda; angka resmi yang berbeda dicetak tebal.";
    penata.paragraf(&winansi(keterangan), Huruf::Biasa, 7.5, ABU_TEKS_SAMAR, 3);
    penata.jarak(4.0);
    let tabel = tabel_ringkasan(p, jumlah_paslon, halaman_tps, total);
    penata.tabel(&tabel);
}

fn tabel_ringkasan(
    p: &PaketBukti,
    jumlah_paslon: usize,
    halaman_tps: Option<&[usize]>,
    total: u64,
) -> Tabel {
    const UKURAN: f32 = 7.5;
    const PAD: f32 = 2.5;
    let (no, status, sumber, bergeser, hal) = (22.0, 54.0, 28.0, 44.0, 24.0);
    let sisa = LEBAR_ISI - (no + status + sumber + bergeser + hal);
    let minimal_kode = 92.0;
    let lebar_paslon = if jumlah_paslon == 0 {
        0.0
    } else {
        ((sisa - minimal_kode) / jumlah_paslon as f32).min(72.0)
    };
    let kode = sisa - lebar_paslon * jumlah_paslon as f32;

    let mut kolom = vec![
        Kolom {
            lebar: no,
            rata: Rata::Kanan,
        },
        Kolom {
            lebar: kode,
            rata: Rata::Kiri,
        },
        Kolom {
            lebar: status,
            rata: Rata::Kiri,
        },
        Kolom {
            lebar: sumber,
            rata: Rata::Kiri,
        },
    ];
    kolom.extend((0..jumlah_paslon).map(|_| Kolom {
        lebar: lebar_paslon,
        rata: Rata::Kanan,
    }));
    kolom.push(Kolom {
        lebar: bergeser,
        rata: Rata::Kanan,
    });
    kolom.push(Kolom {
        lebar: hal,
        rata: Rata::Kanan,
    });

    let ruang = |lebar: f32| lebar - 2.0 * PAD;
    let mut kepala = vec![
        Sel::satu("No", Huruf::Tebal),
        Sel::bungkus("Kode TPS / Nama", Huruf::Tebal, UKURAN, ruang(kode), 2),
        Sel::satu("Status", Huruf::Tebal),
        Sel::default(),
    ];
    kepala.extend((0..jumlah_paslon).map(|i| {
        Sel::bungkus(
            &label_paslon(p, i),
            Huruf::Tebal,
            UKURAN,
            ruang(lebar_paslon),
            4,
        )
    }));
    kepala.push(Sel::bungkus(
        "Suara bergeser",
        Huruf::Tebal,
        UKURAN,
        ruang(bergeser),
        2,
    ));
    kepala.push(Sel::satu("Hal.", Huruf::Tebal));

    let mut baris: Vec<BarisTabel> = p
        .tps
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut sel = vec![
                Sel::satu(&(i + 1).to_string(), Huruf::Biasa),
                Sel::dua((&t.kode, Huruf::Tebal), (&t.nama, Huruf::Biasa)),
                Sel::satu(&t.status, Huruf::Biasa),
                Sel::dua(("Kita", Huruf::Biasa), ("Resmi", Huruf::Biasa)),
            ];
            sel.extend((0..jumlah_paslon).map(|j| {
                let (k, r) = (suara(&t.kita, j), suara(&t.resmi, j));
                sel_kita_resmi(k, r)
            }));
            sel.push(Sel::satu(&angka(t.suara_bergeser), Huruf::Tebal));
            let nomor_halaman = halaman_tps
                .and_then(|h| h.get(i))
                .map(|h| (h + 1).to_string())
                .unwrap_or_default();
            sel.push(Sel::satu(&nomor_halaman, Huruf::Biasa));
            BarisTabel { sel, latar: None }
        })
        .collect();

    // Totals per paslon show the net effect of all listed differences.
    let mut jumlah = vec![
        Sel::default(),
        Sel::satu("Jumlah", Huruf::Tebal),
        Sel::default(),
        Sel::dua(("Kita", Huruf::Biasa), ("Resmi", Huruf::Biasa)),
    ];
    jumlah.extend((0..jumlah_paslon).map(|j| {
        let jumlahkan = |ambil: fn(&TpsBukti) -> &Angka| {
            p.tps
                .iter()
                .filter_map(|t| suara(ambil(t), j))
                .fold(0u64, u64::saturating_add)
        };
        sel_kita_resmi(Some(jumlahkan(|t| &t.kita)), Some(jumlahkan(|t| &t.resmi)))
    }));
    jumlah.push(Sel::satu(&angka(total), Huruf::Tebal));
    jumlah.push(Sel::default());
    baris.push(BarisTabel {
        sel: jumlah,
        latar: None,
    });

    let mut tabel = Tabel {
        kolom,
        kepala: BarisTabel {
            sel: kepala,
            latar: Some(ABU_KEPALA_TABEL),
        },
        baris,
        ukuran: UKURAN,
        pad: PAD,
    };
    let mut kolom_angka: Vec<usize> = (4..4 + jumlah_paslon).collect();
    kolom_angka.push(4 + jumlah_paslon);
    tabel.muatkan_angka(&kolom_angka, UKURAN);
    tabel
}

fn sel_kita_resmi(kita: Option<u64>, resmi: Option<u64>) -> Sel {
    let beda = kita != resmi;
    let huruf_resmi = if beda { Huruf::Tebal } else { Huruf::Biasa };
    Sel::dua(
        (&teks_suara(kita), Huruf::Biasa),
        (&teks_suara(resmi), huruf_resmi),
    )
    .latar(beda.then_some(ABU_BEDA))
}

fn bagian_tps<'a>(penata: &mut Penata<'a>, p: &PaketBukti, t: &'a TpsBukti, jumlah_paslon: usize) {
    penata.konteks = winansi_satu_baris(&format!("TPS {}", t.kode));
    penata.halaman_baru();
    penata.penanda.push(Penanda {
        judul: format!("{} · {}", t.kode, t.nama),
        halaman: penata.indeks_halaman(),
    });
    penata.paragraf(&winansi(&t.nama), Huruf::Tebal, 14.0, 0.0, 2);
    let info = format!(
        "Kode TPS: {} · Status: {} · Suara bergeser: {}",
        t.kode,
        t.status,
        angka(t.suara_bergeser)
    );
    penata.paragraf(&winansi(&info), Huruf::Biasa, 9.5, 0.0, 3);
    penata.jarak(8.0);
    penata.tabel(&tabel_angka(p, t, jumlah_paslon));
    penata.jarak(3.0);
    penata.paragraf(
        &winansi(
            "* Baris bertanda dan berlatar abu-abu: hitungan kita dan hitungan resmi berbeda.",
        ),
        Huruf::Biasa,
        7.5,
        ABU_TEKS_SAMAR,
        2,
    );
    penata.jarak(10.0);

    let judul_foto = match t.foto.len() {
        0 => "Foto formulir C.Hasil".to_owned(),
        n => format!("Foto formulir C.Hasil ({n} foto)"),
    };
    let rencana: Vec<RencanaFoto<'a>> = t
        .foto
        .iter()
        .enumerate()
        .map(|(i, f)| RencanaFoto::baru(f, i + 1, t.foto.len()))
        .collect();
    // The heading goes with the first photo, so it is never left alone at
    // the bottom of a page.
    let tinggi_judul = SPASI * 10.5 + 4.0;
    let muat = rencana
        .first()
        .map_or(tinggi_judul + 20.0 <= penata.sisa(), |r| {
            r.muat(penata.sisa() - tinggi_judul)
        });
    if !muat && !penata.segar {
        penata.halaman_baru();
    }
    penata.paragraf(&winansi(&judul_foto), Huruf::Tebal, 10.5, 0.0, 1);
    penata.jarak(4.0);
    if rencana.is_empty() {
        penata.paragraf(b"Tidak ada foto formulir.", Huruf::Biasa, 9.5, 0.0, 1);
    }
    for r in rencana {
        foto(penata, r);
    }
}

fn tabel_angka(p: &PaketBukti, t: &TpsBukti, jumlah_paslon: usize) -> Tabel {
    const UKURAN: f32 = 9.0;
    const PAD: f32 = 3.5;
    let (tanda, label, kita, resmi, beda) = (14.0, 181.0, 100.0, 110.0, 110.0);
    let kolom = vec![
        Kolom {
            lebar: tanda,
            rata: Rata::Tengah,
        },
        Kolom {
            lebar: label,
            rata: Rata::Kiri,
        },
        Kolom {
            lebar: kita,
            rata: Rata::Kanan,
        },
        Kolom {
            lebar: resmi,
            rata: Rata::Kanan,
        },
        Kolom {
            lebar: beda,
            rata: Rata::Kanan,
        },
    ];
    let ruang = |lebar: f32| lebar - 2.0 * PAD;
    let kepala = vec![
        Sel::default(),
        Sel::bungkus("Perolehan", Huruf::Tebal, UKURAN, ruang(label), 2),
        Sel::bungkus("Hitungan kita", Huruf::Tebal, UKURAN, ruang(kita), 2),
        Sel::bungkus(
            "Hitungan resmi (KPU)",
            Huruf::Tebal,
            UKURAN,
            ruang(resmi),
            2,
        ),
        Sel::bungkus(
            "Selisih (resmi − kita)",
            Huruf::Tebal,
            UKURAN,
            ruang(beda),
            2,
        ),
    ];

    let mut isi: Vec<(Sel, Option<u64>, Option<u64>)> = (0..jumlah_paslon)
        .map(|i| {
            (
                Sel::bungkus(&label_paslon(p, i), Huruf::Biasa, UKURAN, ruang(label), 2),
                suara(&t.kita, i),
                suara(&t.resmi, i),
            )
        })
        .collect();
    isi.push((
        Sel::satu("Suara sah", Huruf::Biasa),
        Some(t.kita.sah),
        Some(t.resmi.sah),
    ));
    isi.push((
        Sel::satu("Suara tidak sah", Huruf::Biasa),
        Some(t.kita.tidak_sah),
        Some(t.resmi.tidak_sah),
    ));

    let baris = isi
        .into_iter()
        .map(|(label, k, r)| {
            let beda = k != r;
            let huruf = if beda { Huruf::Tebal } else { Huruf::Biasa };
            let label = Sel {
                baris: label.baris.into_iter().map(|(b, _)| (b, huruf)).collect(),
                latar: None,
            };
            BarisTabel {
                sel: vec![
                    Sel::satu(if beda { "*" } else { "" }, Huruf::Tebal),
                    label,
                    Sel::satu(&teks_suara(k), huruf),
                    Sel::satu(&teks_suara(r), huruf),
                    Sel::satu(&teks_selisih(k, r), huruf),
                ],
                latar: beda.then_some(ABU_BEDA),
            }
        })
        .collect();

    let mut tabel = Tabel {
        kolom,
        kepala: BarisTabel {
            sel: kepala,
            latar: Some(ABU_KEPALA_TABEL),
        },
        baris,
        ukuran: UKURAN,
        pad: PAD,
    };
    tabel.muatkan_angka(&[2, 3, 4], UKURAN);
    tabel
}

/// Photos smaller than this share of their fresh-page size move to a new
/// page: a C.Hasil form shrunk into a leftover strip is hard to read, while
/// a little smaller than full size still is.
const SKALA_MINIMAL_SISA: f32 = 0.75;
const UKURAN_KETERANGAN: f32 = 8.0;
const UKURAN_PESAN: f32 = 9.5;
const PAD_PESAN: f32 = 10.0;
/// Between a photo and its caption.
const CELAH_FOTO: f32 = 4.0;

/// One photo prepared for placement: what to draw and how tall the parts are.
struct RencanaFoto<'a> {
    /// The JPEG when it can be embedded.
    gambar: Option<GambarSiap<'a>>,
    /// Lines of the "cannot be printed" box otherwise.
    pesan: Vec<Vec<u8>>,
    keterangan: Vec<Vec<u8>>,
}

impl<'a> RencanaFoto<'a> {
    fn baru(f: &'a FotoBukti, nomor: usize, jumlah: usize) -> Self {
        let keterangan = bungkus_maks(
            &winansi(&format!(
                "Foto {nomor} dari {jumlah} · SHA-256: {}",
                f.sha256
            )),
            Huruf::Biasa,
            UKURAN_KETERANGAN,
            LEBAR_ISI,
            // A well-formed hash fits on one line; the limit only guards
            // against absurd input filling pages.
            8,
        );
        let gambar = f.gambar.as_ref().and_then(|g| {
            jpeg::baca(&g.jpeg).map(|info| GambarSiap {
                jpeg: &g.jpeg,
                info,
            })
        });
        let pesan = match (&f.gambar, &gambar) {
            (_, Some(_)) => Vec::new(),
            (None, None) if f.tidak_tersimpan => winansi(
                "Foto asli tidak ditemukan di penyimpanan foto server; \
                 SHA-256 di bawah menandai berkas yang dilampirkan pada formulir.",
            ),
            (None, None) => winansi(
                "Foto asli (HEIC) tidak dapat dicetak; berkas asli tersimpan dengan SHA-256 di bawah.",
            ),
            (Some(_), None) => winansi(
                "Foto tidak dapat dicetak (berkas gambar tidak dikenali); \
                 berkas asli tersimpan dengan SHA-256 di bawah.",
            ),
        };
        let pesan = if pesan.is_empty() {
            Vec::new()
        } else {
            bungkus_maks(
                &pesan,
                Huruf::Biasa,
                UKURAN_PESAN,
                LEBAR_ISI - 2.0 * PAD_PESAN,
                3,
            )
        };
        RencanaFoto {
            gambar,
            pesan,
            keterangan,
        }
    }

    fn tinggi_keterangan(&self) -> f32 {
        self.keterangan.len() as f32 * SPASI * UKURAN_KETERANGAN
    }

    fn tinggi_kotak(&self) -> f32 {
        self.pesan.len() as f32 * SPASI * UKURAN_PESAN + 2.0 * PAD_PESAN
    }

    /// Scale of the photo when `tinggi` points of page are left for it and
    /// its caption, fitting the content width and keeping the aspect ratio.
    fn skala(&self, tinggi: f32) -> f32 {
        let Some(g) = &self.gambar else {
            return 0.0;
        };
        let tersedia = (tinggi - self.tinggi_keterangan() - CELAH_FOTO).max(0.0);
        (LEBAR_ISI / g.info.lebar as f32).min(tersedia / g.info.tinggi as f32)
    }

    /// Whether the photo goes into `sisa` points rather than on a new page.
    fn muat(&self, sisa: f32) -> bool {
        if self.gambar.is_some() {
            let segar = self.skala(ATAS_LANJUT - BAWAH_ISI);
            self.skala(sisa) >= segar * SKALA_MINIMAL_SISA
        } else {
            self.tinggi_kotak() + CELAH_FOTO + self.tinggi_keterangan() <= sisa
        }
    }
}

fn foto<'a>(penata: &mut Penata<'a>, rencana: RencanaFoto<'a>) {
    if !rencana.muat(penata.sisa()) && !penata.segar {
        penata.halaman_baru();
    }
    let tinggi_ket = rencana.tinggi_keterangan();
    let tinggi_kotak = rencana.tinggi_kotak();
    let s = rencana.skala(penata.sisa());
    match rencana.gambar {
        Some(g) => {
            let (lebar_foto, tinggi_foto) = (g.info.lebar as f32 * s, g.info.tinggi as f32 * s);
            let indeks = penata.gambar.len();
            penata.gambar.push(g);
            let x = KIRI + (LEBAR_ISI - lebar_foto) / 2.0;
            let y = penata.y - tinggi_foto;
            penata.taruh(Elemen::Foto {
                x,
                y,
                lebar: lebar_foto,
                tinggi: tinggi_foto,
                gambar: indeks,
            });
            penata.taruh(Elemen::Kotak {
                x,
                y,
                lebar: lebar_foto,
                tinggi: tinggi_foto,
                isi: None,
                garis: Some(ABU_GARIS),
            });
            penata.jarak(tinggi_foto + CELAH_FOTO);
        }
        None => {
            let atas = penata.y;
            penata.taruh(Elemen::Kotak {
                x: KIRI,
                y: atas - tinggi_kotak,
                lebar: LEBAR_ISI,
                tinggi: tinggi_kotak,
                isi: Some(0.95),
                garis: Some(ABU_GARIS),
            });
            for (i, b) in rencana.pesan.into_iter().enumerate() {
                let dasar =
                    atas - PAD_PESAN - i as f32 * SPASI * UKURAN_PESAN - GARIS_DASAR * UKURAN_PESAN;
                penata.taruh(teks(
                    KIRI + PAD_PESAN,
                    dasar,
                    UKURAN_PESAN,
                    Huruf::Biasa,
                    0.0,
                    b,
                ));
            }
            penata.jarak(tinggi_kotak + CELAH_FOTO);
        }
    }
    debug_assert!(tinggi_ket <= penata.sisa() + 0.01);
    for b in rencana.keterangan {
        penata.paragraf(&b, Huruf::Biasa, UKURAN_KETERANGAN, 0.0, 1);
    }
    penata.jarak(12.0);
}

#[cfg(test)]
mod tests;
