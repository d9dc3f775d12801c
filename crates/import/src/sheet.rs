//! Spreadsheets (XLSX, XLSB, XLS, ODS): one sheet at a time, header in
//! the first non-empty row, every cell turned into the text a CSV export
//! would have carried.
//!
//! A spreadsheet says how big it is, and can lie: a 1.6 KB XLSX with one
//! cell at XFD1048576 once made this reader lay out rows × columns cells
//! (half a terabyte) and the process abort. So nothing here builds a
//! sheet's grid. The container is checked first ([`arsip`] for the zip of
//! XLSX/XLSB/ODS, [`xls`] for the old binary format), then a reader thread
//! streams the sheet's non-empty cells in file order and hands over one row
//! at a time; rows that hold no cell are never seen, and every ceiling of
//! [`crate::pagu`] (columns, cells, bytes per row) is enforced as the cells
//! arrive, whatever the file's metadata said.
//!
//! The thread exists because the library's cell readers borrow their
//! workbook; it owns both, sends rows through a small bounded queue (so at
//! most a few rows wait in memory), and stops when the [`Sheet`] is dropped.

mod arsip;
mod ods;
mod xls;

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::fs::File;
use std::io::BufReader;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use calamine::{Data, DataRef, Reader, Xls, Xlsb, Xlsx};

use crate::error::FileError;
use crate::pagu::{
    BARIS_BYTE_MAKS, BARIS_LEMBAR_MAKS, KOLOM_MAKS, LEMBAR_MAKS, SEL_MAKS, TEKS_LEMBAR_MAKS,
    ribuan, ukuran,
};

pub(crate) use arsip::JenisZip;

/// Batches of rows waiting between the reader thread and the importer:
/// enough to keep both busy, few enough that little waits in memory.
const ANTREAN: usize = 4;

/// Rows go over in batches (one hand-over per row cost a third of the
/// reading time); a batch is sent at this many rows or bytes of text.
const PAKET_BARIS: usize = 512;
const PAKET_BYTE: usize = 256 * 1024;

/// One cell's content as the importer reads it.
#[derive(Debug, Clone)]
pub(crate) enum Isi {
    Teks(String),
    /// An Excel error value (`#REF!`, `#N/A`, …).
    Galat(String),
}

impl Isi {
    fn len(&self) -> usize {
        match self {
            Isi::Teks(t) | Isi::Galat(t) => t.len(),
        }
    }
}

/// A row that holds at least one cell: its 0-based row and its cells by
/// 0-based column (A = 0), in file order.
#[derive(Debug, Clone)]
pub(crate) struct Baris {
    nomor: u64,
    sel: Vec<(u32, Isi)>,
}

enum Pesan {
    Baris(Vec<Baris>),
    Galat(FileError),
    Selesai,
}

/// Why a reader thread stops early.
pub(crate) enum Henti {
    Galat(FileError),
    /// The [`Sheet`] was dropped: nobody reads on.
    Pergi,
}

impl From<FileError> for Henti {
    fn from(e: FileError) -> Henti {
        Henti::Galat(e)
    }
}

/// Turns a stream of cells into rows and keeps the ceilings on the way:
/// every format's reader feeds it the same way.
pub(crate) struct Pengumpul {
    tx: SyncSender<Pesan>,
    berhenti: Arc<AtomicBool>,
    label: String,
    kini: Option<Baris>,
    /// Finished rows not yet sent, and their bytes.
    paket: Vec<Baris>,
    paket_byte: usize,
    byte: usize,
    sel: u64,
    /// Text bytes of the whole sheet so far.
    teks: u64,
    /// Cells visited, filled or not.
    langkah: u64,
    terakhir: Option<u64>,
}

impl Pengumpul {
    fn galat(&self, line: Option<u64>, reason: String) -> Henti {
        Henti::Galat(FileError::Limit {
            file: self.label.clone(),
            line,
            reason,
        })
    }

    /// The error of a cell past [`KOLOM_MAKS`].
    pub(crate) fn kolom_lewat(&self, baris: u64, kolom: u64) -> Henti {
        self.galat(
            Some(baris + 1),
            format!(
                "sel {} berada di kolom ke-{}; paling banyak {} kolom dibaca: hapus isi kolom yang jauh di kanan lalu simpan ulang",
                cell_name(baris, kolom),
                ribuan(kolom + 1),
                ribuan(u64::from(KOLOM_MAKS))
            ),
        )
    }

    /// The error of a row holding more than [`BARIS_BYTE_MAKS`] of text.
    pub(crate) fn baris_panjang(&self, baris: u64) -> Henti {
        self.galat(
            Some(baris + 1),
            format!(
                "baris ini berisi lebih dari {} teks (batas satu baris); bukan tabel biasa",
                ukuran(BARIS_BYTE_MAKS as u64)
            ),
        )
    }

    fn baris_lewat(&self, baris: u64, kolom: u64) -> Henti {
        self.galat(
            None,
            format!(
                "sel {} berada di baris ke-{}; lembar kerja paling banyak {} baris",
                cell_name(baris, kolom),
                ribuan(baris + 1),
                ribuan(BARIS_LEMBAR_MAKS)
            ),
        )
    }

    fn sel_lewat(&self, baris: u64) -> Henti {
        self.galat(
            Some(baris + 1),
            format!(
                "lembar ini berisi lebih dari {} sel terisi; pecah menjadi beberapa berkas",
                ribuan(SEL_MAKS)
            ),
        )
    }

    /// Whether a row of `sel` cells repeated up to row `akhir` (0-based,
    /// exclusive) still fits the ceilings: checked before a repeat is laid
    /// out, so "repeat this a billion times" is refused at once.
    pub(crate) fn muat(&self, akhir: u64, kolom: u64, sel: u64) -> Result<(), Henti> {
        if akhir > BARIS_LEMBAR_MAKS {
            return Err(self.baris_lewat(akhir - 1, kolom));
        }
        if self.sel.saturating_add(sel) > SEL_MAKS {
            return Err(self.sel_lewat(akhir - 1));
        }
        Ok(())
    }

    /// Called for every cell the file holds, empty or not: the thread
    /// notices it is no longer wanted within a few thousand cells even
    /// where none of them is filled.
    pub(crate) fn detak(&mut self) -> Result<(), Henti> {
        self.langkah += 1;
        if self.langkah.is_multiple_of(4096) && self.berhenti.load(Ordering::Relaxed) {
            return Err(Henti::Pergi);
        }
        Ok(())
    }

    /// One non-empty cell at 0-based (`baris`, `kolom`). Cells must come
    /// row by row, as every format stores them.
    pub(crate) fn sel(&mut self, baris: u64, kolom: u64, isi: Isi) -> Result<(), Henti> {
        if kolom >= u64::from(KOLOM_MAKS) {
            return Err(self.kolom_lewat(baris, kolom));
        }
        if baris >= BARIS_LEMBAR_MAKS {
            return Err(self.baris_lewat(baris, kolom));
        }
        self.sel += 1;
        if self.sel > SEL_MAKS {
            return Err(self.sel_lewat(baris));
        }
        if self.sel.is_multiple_of(4096) && self.berhenti.load(Ordering::Relaxed) {
            return Err(Henti::Pergi);
        }
        match &self.kini {
            Some(b) if b.nomor == baris => {}
            Some(b) if b.nomor > baris => {
                return Err(self.urutan_rusak(baris, b.nomor));
            }
            _ => {
                if let Some(t) = self.terakhir
                    && t >= baris
                {
                    return Err(self.urutan_rusak(baris, t));
                }
                self.kirim_kini()?;
                self.kini = Some(Baris {
                    nomor: baris,
                    sel: Vec::new(),
                });
                self.byte = 0;
            }
        }
        self.byte += isi.len();
        if self.byte > BARIS_BYTE_MAKS {
            return Err(self.baris_panjang(baris));
        }
        self.teks += isi.len() as u64;
        if self.teks > TEKS_LEMBAR_MAKS {
            return Err(self.galat(
                Some(baris + 1),
                format!(
                    "lembar ini berisi lebih dari {} teks; pecah menjadi beberapa berkas",
                    ukuran(TEKS_LEMBAR_MAKS)
                ),
            ));
        }
        let b = self.kini.as_mut().expect("set above");
        b.sel.push((kolom as u32, isi));
        Ok(())
    }

    fn urutan_rusak(&self, baris: u64, setelah: u64) -> Henti {
        Henti::Galat(FileError::Spreadsheet {
            file: self.label.clone(),
            message: format!(
                "urutan baris rusak: baris {} tersimpan setelah baris {}; buka lalu simpan ulang berkasnya",
                ribuan(baris + 1),
                ribuan(setelah + 1)
            ),
        })
    }

    fn kirim(&self, p: Pesan) -> Result<(), Henti> {
        if self.berhenti.load(Ordering::Relaxed) {
            return Err(Henti::Pergi);
        }
        self.tx.send(p).map_err(|_| Henti::Pergi)
    }

    fn kirim_kini(&mut self) -> Result<(), Henti> {
        if let Some(b) = self.kini.take() {
            self.terakhir = Some(b.nomor);
            self.paket_byte += self.byte;
            self.paket.push(b);
            if self.paket.len() >= PAKET_BARIS || self.paket_byte >= PAKET_BYTE {
                self.kirim_paket()?;
            }
        }
        Ok(())
    }

    fn kirim_paket(&mut self) -> Result<(), Henti> {
        if !self.paket.is_empty() {
            let paket = std::mem::replace(&mut self.paket, Vec::with_capacity(PAKET_BARIS));
            self.paket_byte = 0;
            self.kirim(Pesan::Baris(paket))?;
        }
        Ok(())
    }

    /// The end of the sheet: the last rows, then the end mark.
    fn selesai(mut self) -> Result<(), Henti> {
        self.kirim_kini()?;
        self.kirim_paket()?;
        self.kirim(Pesan::Selesai)
    }
}

/// Which reader a spreadsheet needs, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Jenis {
    Zip(JenisZip),
    Xls,
}

pub(crate) fn jenis(ext: &str) -> Option<Jenis> {
    Some(match ext {
        "xlsx" | "xlsm" => Jenis::Zip(JenisZip::Xlsx),
        "xlsb" => Jenis::Zip(JenisZip::Xlsb),
        "ods" => Jenis::Zip(JenisZip::Ods),
        "xls" => Jenis::Xls,
        _ => return None,
    })
}

/// A workbook the library opened, kept between sheets so a file of many
/// sheets is not parsed again for each (the XLS reader parses them all).
enum Terbuka {
    Xlsx(Box<Xlsx<BufReader<File>>>),
    Xlsb(Box<Xlsb<BufReader<File>>>),
    Xls(Box<Xls<BufReader<File>>>),
}

/// A spreadsheet file whose container passed the checks, opened once for
/// all its sheets.
pub(crate) struct Buku {
    path: PathBuf,
    file_name: String,
    jenis: Jenis,
    names: Vec<String>,
    /// The opened workbook between sheets; a sheet's reader takes it and
    /// puts it back when done.
    terbuka: Arc<Mutex<Option<Terbuka>>>,
}

/// A library call on a hostile file may panic; that is a bad file, not
/// a reason to stop the server.
fn tanpa_panik<T>(file: &str, f: impl FnOnce() -> Result<T, FileError>) -> Result<T, FileError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(FileError::Spreadsheet {
            file: file.to_string(),
            message: "berkas rusak: pembaca lembar kerja gagal membacanya".into(),
        })
    })
}

fn galat_lib(file: &str, e: impl std::fmt::Display) -> FileError {
    FileError::Spreadsheet {
        file: file.to_string(),
        message: e.to_string(),
    }
}

fn buka_lib(path: &Path, file: &str, jenis: Jenis) -> Result<Terbuka, FileError> {
    let f = File::open(path).map_err(|cause| FileError::Open {
        path: path.to_path_buf(),
        cause,
    })?;
    let r = BufReader::new(f);
    tanpa_panik(file, || {
        Ok(match jenis {
            Jenis::Zip(JenisZip::Xlsx) => {
                Terbuka::Xlsx(Box::new(Xlsx::new(r).map_err(|e| galat_lib(file, e))?))
            }
            Jenis::Zip(JenisZip::Xlsb) => {
                Terbuka::Xlsb(Box::new(Xlsb::new(r).map_err(|e| galat_lib(file, e))?))
            }
            Jenis::Xls => Terbuka::Xls(Box::new(Xls::new(r).map_err(|e| galat_lib(file, e))?)),
            Jenis::Zip(JenisZip::Ods) => unreachable!("ODS is read by ods.rs"),
        })
    })
}

impl Buku {
    /// Checks the file's container and reads its sheet names.
    pub fn buka(path: &Path, file_name: &str, jenis: Jenis) -> Result<Buku, FileError> {
        match jenis {
            Jenis::Zip(z) => arsip::periksa(path, file_name, z)?,
            Jenis::Xls => xls::periksa(path, file_name)?,
        }
        let (names, terbuka) = if jenis == Jenis::Zip(JenisZip::Ods) {
            (ods::nama_lembar(path, file_name)?, None)
        } else {
            let wb = buka_lib(path, file_name, jenis)?;
            let names = match &wb {
                Terbuka::Xlsx(w) => w.sheet_names(),
                Terbuka::Xlsb(w) => w.sheet_names(),
                Terbuka::Xls(w) => w.sheet_names(),
            };
            (names, Some(wb))
        };
        if names.len() > LEMBAR_MAKS {
            return Err(FileError::Limit {
                file: file_name.to_string(),
                line: None,
                reason: format!(
                    "berisi {} lembar kerja; paling banyak {} dibaca",
                    ribuan(names.len() as u64),
                    ribuan(LEMBAR_MAKS as u64)
                ),
            });
        }
        Ok(Buku {
            path: path.to_path_buf(),
            file_name: file_name.to_string(),
            jenis,
            names,
            terbuka: Arc::new(Mutex::new(terbuka)),
        })
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The `index`-th sheet (0-based), read by its own thread.
    pub fn sheet(&self, index: usize) -> Result<Sheet, FileError> {
        let name = self
            .names
            .get(index)
            .cloned()
            .ok_or_else(|| FileError::NoSheets {
                file: self.path.display().to_string(),
            })?;
        let label = format!("{} [{name}]", self.file_name);
        let wb = self
            .terbuka
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        let (tx, rx) = sync_channel(ANTREAN);
        let berhenti = Arc::new(AtomicBool::new(false));
        let p = Pengumpul {
            tx,
            berhenti: berhenti.clone(),
            label: label.clone(),
            kini: None,
            paket: Vec::with_capacity(PAKET_BARIS),
            paket_byte: 0,
            byte: 0,
            sel: 0,
            teks: 0,
            langkah: 0,
            terakhir: None,
        };
        let kerja = Kerja {
            path: self.path.clone(),
            file_name: self.file_name.clone(),
            jenis: self.jenis,
            name: name.clone(),
            index,
            wb,
            slot: self.terbuka.clone(),
        };
        let benang = std::thread::Builder::new()
            .name("posko-lembar".into())
            .spawn(move || kerja.jalan(p))
            .map_err(|e| galat_lib(&label, e))?;
        Ok(Sheet {
            label,
            name,
            rx: Some(rx),
            benang: Some(benang),
            berhenti,
            tunda: VecDeque::new(),
            rekam: None,
            habis: false,
        })
    }
}

/// What a reader thread needs to read one sheet.
struct Kerja {
    path: PathBuf,
    file_name: String,
    jenis: Jenis,
    name: String,
    index: usize,
    wb: Option<Terbuka>,
    slot: Arc<Mutex<Option<Terbuka>>>,
}

impl Kerja {
    fn jalan(self, p: Pengumpul) {
        let tx = p.tx.clone();
        let label = p.label.clone();
        let hasil = catch_unwind(AssertUnwindSafe(|| self.baca(p)));
        let galat = match hasil {
            Ok(Ok(())) | Ok(Err(Henti::Pergi)) => return,
            Ok(Err(Henti::Galat(e))) => e,
            Err(_) => FileError::Spreadsheet {
                file: label,
                message: "berkas rusak: pembaca lembar kerja gagal membacanya".into(),
            },
        };
        let _ = tx.send(Pesan::Galat(galat));
    }

    fn baca(self, mut p: Pengumpul) -> Result<(), Henti> {
        let Kerja {
            path,
            file_name,
            jenis,
            name,
            index,
            wb,
            slot,
        } = self;
        if jenis == Jenis::Zip(JenisZip::Ods) {
            ods::baca(&path, &p.label.clone(), index, &mut p)?;
            return p.selesai();
        }
        let mut wb = match wb {
            Some(wb) => wb,
            None => buka_lib(&path, &file_name, jenis)?,
        };
        let label = p.label.clone();
        match &mut wb {
            Terbuka::Xlsx(w) => {
                let mut cells = w
                    .worksheet_cells_reader(&name)
                    .map_err(|e| galat_lib(&label, e))?;
                cek_ukuran_dinyatakan(&p, cells.dimensions())?;
                while let Some(c) = cells.next_cell().map_err(|e| galat_lib(&label, e))? {
                    p.detak()?;
                    let (r, k) = c.get_position();
                    if let Some(isi) = isi_ref(c.get_value()) {
                        p.sel(u64::from(r), u64::from(k), isi)?;
                    }
                }
            }
            Terbuka::Xlsb(w) => {
                let mut cells = w
                    .worksheet_cells_reader(&name)
                    .map_err(|e| galat_lib(&label, e))?;
                cek_ukuran_dinyatakan(&p, cells.dimensions())?;
                while let Some(c) = cells.next_cell().map_err(|e| galat_lib(&label, e))? {
                    p.detak()?;
                    let (r, k) = c.get_position();
                    if let Some(isi) = isi_ref(c.get_value()) {
                        p.sel(u64::from(r), u64::from(k), isi)?;
                    }
                }
            }
            Terbuka::Xls(w) => {
                // Already laid out by the library, within the bounds
                // xls.rs checked before it was opened.
                let range = w.worksheet_range(&name).map_err(|e| galat_lib(&label, e))?;
                let (r0, k0) = range.start().unwrap_or((0, 0));
                for (r, k, d) in range.used_cells() {
                    if let Some(isi) = isi_data(d) {
                        p.sel(u64::from(r0) + r as u64, u64::from(k0) + k as u64, isi)?;
                    }
                }
            }
        }
        // For the next sheet of the same file.
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(wb);
        p.selesai()
    }
}

/// The size a sheet declares (`<dimension ref>` in XLSX, its record in
/// XLSB), refused before a cell is read when it already passes a ceiling.
/// The cells are still checked one by one: the declaration can lie.
fn cek_ukuran_dinyatakan(p: &Pengumpul, d: calamine::Dimensions) -> Result<(), Henti> {
    if d.start > d.end {
        return Ok(());
    }
    let (r0, k0) = (u64::from(d.start.0), u64::from(d.start.1));
    let (r1, k1) = (u64::from(d.end.0), u64::from(d.end.1));
    let luas = (r1 - r0.min(r1) + 1).saturating_mul(k1 - k0.min(k1) + 1);
    if k1 >= u64::from(KOLOM_MAKS) || luas > SEL_MAKS {
        return Err(Henti::Galat(FileError::Limit {
            file: p.label.clone(),
            line: None,
            reason: format!(
                "lembar menyatakan ukuran {}:{} ({} kolom, {} sel); paling banyak {} kolom dan {} sel dibaca: hapus isi yang jauh di kanan atau bawah lalu simpan ulang",
                cell_name(r0, k0),
                cell_name(r1, k1),
                ribuan(k1 + 1),
                ribuan(luas),
                ribuan(u64::from(KOLOM_MAKS)),
                ribuan(SEL_MAKS)
            ),
        }));
    }
    Ok(())
}

fn isi_dari(text: String) -> Option<Isi> {
    (!text.is_empty()).then_some(Isi::Teks(text))
}

/// A cell as the text a CSV export would carry; `None` when empty.
fn isi_ref(d: &DataRef<'_>) -> Option<Isi> {
    let mut out = String::new();
    match d {
        DataRef::Empty => return None,
        DataRef::Error(e) => return Some(Isi::Galat(e.to_string())),
        DataRef::String(s) => out.push_str(s.trim()),
        DataRef::SharedString(s) => out.push_str(s.trim()),
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Float(f) => float_text(*f, &mut out),
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(dt) => date_text(dt, &mut out),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
    }
    isi_dari(out)
}

fn isi_data(d: &Data) -> Option<Isi> {
    if let Data::Error(e) = d {
        return Some(Isi::Galat(e.to_string()));
    }
    let mut out = String::new();
    cell_text(d, &mut out);
    isi_dari(out)
}

/// One sheet, read row by row from its reader thread.
pub(crate) struct Sheet {
    pub label: String,
    /// The sheet's name as the workbook writes it.
    pub name: String,
    /// `None` only while being dropped.
    rx: Option<Receiver<Pesan>>,
    benang: Option<std::thread::JoinHandle<()>>,
    berhenti: Arc<AtomicBool>,
    /// Rows given back by [`Sheet::reset`], read again first.
    tunda: VecDeque<Baris>,
    /// Rows handed out since [`Sheet::mark`], kept to give back.
    rekam: Option<Vec<Baris>>,
    habis: bool,
}

impl Drop for Sheet {
    /// Stops the reader thread and waits for it: no sheet is still being
    /// read (and no CPU spent on it) once its importer is done with it.
    fn drop(&mut self) {
        self.berhenti.store(true, Ordering::Relaxed);
        // A thread waiting to hand over a batch wakes to a closed queue.
        drop(self.rx.take());
        if let Some(b) = self.benang.take() {
            let _ = b.join();
        }
    }
}

/// A cell that holds an Excel error (`#REF!`, `#N/A`, …) instead of a value.
pub(crate) struct CellError {
    pub col: usize,
    pub cell: String,
    pub value: String,
}

impl Sheet {
    /// Starts keeping the rows read from here, for [`Sheet::reset`].
    pub fn mark(&mut self) {
        self.rekam = Some(Vec::new());
    }

    /// Reads the rows since [`Sheet::mark`] again.
    pub fn reset(&mut self) {
        if let Some(rows) = self.rekam.take() {
            for b in rows.into_iter().rev() {
                self.tunda.push_front(b);
            }
        }
    }

    /// Keeps reading from here, forgetting the mark.
    pub fn unmark(&mut self) {
        self.rekam = None;
    }

    fn next_baris(&mut self) -> Result<Option<Baris>, FileError> {
        if let Some(b) = self.tunda.pop_front() {
            return Ok(Some(b));
        }
        if self.habis {
            return Ok(None);
        }
        let Some(rx) = &self.rx else {
            return Ok(None);
        };
        match rx.recv() {
            Ok(Pesan::Baris(paket)) => {
                self.tunda.extend(paket);
                Ok(self.tunda.pop_front())
            }
            Ok(Pesan::Selesai) => {
                self.habis = true;
                Ok(None)
            }
            Ok(Pesan::Galat(e)) => {
                self.habis = true;
                Err(e)
            }
            Err(_) => {
                self.habis = true;
                Err(FileError::Spreadsheet {
                    file: self.label.clone(),
                    message: "pembaca lembar kerja berhenti tiba-tiba; berkas rusak?".into(),
                })
            }
        }
    }

    /// Fills `out` with the next row's cells as text, by column from A
    /// (as wide as the row's last cell), and returns its 1-based row
    /// number; `None` after the last row.
    pub fn next_row(
        &mut self,
        out: &mut Vec<String>,
        errors: &mut Vec<CellError>,
    ) -> Result<Option<u64>, FileError> {
        let Some(b) = self.next_baris()? else {
            return Ok(None);
        };
        if let Some(r) = &mut self.rekam {
            r.push(b.clone());
        }
        let width = b
            .sel
            .iter()
            .map(|(c, _)| *c as usize + 1)
            .max()
            .unwrap_or(0);
        out.clear();
        out.resize(width, String::new());
        errors.clear();
        for (c, isi) in b.sel {
            match isi {
                Isi::Teks(t) => out[c as usize] = t,
                Isi::Galat(v) => errors.push(CellError {
                    col: c as usize,
                    cell: cell_name(b.nomor, u64::from(c)),
                    value: v,
                }),
            }
        }
        Ok(Some(b.nomor + 1))
    }
}

/// `A1`-style name of a 0-based (row, col) cell.
pub(crate) fn cell_name(row: u64, col: u64) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

fn date_text(dt: &calamine::ExcelDateTime, out: &mut String) {
    let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    if dt.is_duration() {
        let _ = write!(out, "{}", dt.as_f64());
    } else if (h, mi, s, ms) == (0, 0, 0, 0) {
        let _ = write!(out, "{y:04}-{mo:02}-{d:02}");
    } else {
        let _ = write!(out, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
    }
}

/// Writes the cell as the text a CSV export would carry. Error cells are
/// handled by the caller.
pub(crate) fn cell_text(data: &Data, out: &mut String) {
    match data {
        Data::String(s) => out.push_str(s.trim()),
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => float_text(*f, out),
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => date_text(dt, out),
        Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Error(e) => {
            let _ = write!(out, "{e}");
        }
        Data::Empty => {}
    }
}

/// Codes typed into Excel are stored as floats: 3273011001 must come back
/// as "3273011001", never "3273011001.0" or "3.273011001e9".
pub(crate) fn float_text(f: f64, out: &mut String) {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if f.fract() == 0.0 && f.abs() < EXACT {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: Data) -> String {
        let mut s = String::new();
        cell_text(&d, &mut s);
        s
    }

    #[test]
    fn cells_as_export_text() {
        assert_eq!(text(Data::Float(3273011001.0)), "3273011001");
        assert_eq!(text(Data::Float(3101011001001.0)), "3101011001001");
        assert_eq!(text(Data::Float(529.0)), "529");
        assert_eq!(text(Data::Float(-6.175392)), "-6.175392");
        assert_eq!(text(Data::Int(7)), "7");
        assert_eq!(text(Data::String("  Gambir ".into())), "Gambir");
        assert_eq!(text(Data::Empty), "");
    }

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(4, 3), "D5");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 27), "AB1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }
}
