//! The zip container of XLSX, XLSB and ODS files, checked before the
//! spreadsheet library opens it: the sizes each part declares in the
//! central directory, then every part decompressed once into nothing,
//! counting the real bytes, so a header that lies about a part's size
//! cannot slip a zip bomb past the first check. Parts that other code
//! reads whole get a smaller ceiling than the worksheets read row by row.
//!
//! While the bytes stream past, two things the library would trust are
//! checked too: the shared-string count an XLSX declares (the library
//! reserves memory for that many strings before reading one) and the
//! length of every XLSB record (it sizes a buffer by the record header).

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use quick_xml::events::Event;
use zip::ZipArchive;

use crate::error::FileError;
use crate::pagu::{
    BAGIAN_JUMLAH_MAKS, BAGIAN_LAIN_MAKS, BAGIAN_LEMBAR_MAKS, RASIO_BEBAS, RASIO_MAKS,
    REKAMAN_XLSB_MAKS, TEKS_BERSAMA_MAKS, XML_JEDA_MAKS, ZIP_TOTAL_MAKS, ribuan, ukuran,
};

/// Which zip-based format, for which parts are worksheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JenisZip {
    Xlsx,
    Xlsb,
    Ods,
}

fn limit(file: &str, reason: String) -> FileError {
    FileError::Limit {
        file: file.to_string(),
        line: None,
        reason,
    }
}

fn rusak(file: &str, message: String) -> FileError {
    FileError::Spreadsheet {
        file: file.to_string(),
        message,
    }
}

/// Worksheet parts are streamed row by row; everything else is read whole.
fn bagian_lembar(jenis: JenisZip, nama: &str) -> bool {
    let n = nama.to_ascii_lowercase();
    match jenis {
        JenisZip::Xlsx => n.contains("worksheets/") && n.ends_with(".xml"),
        JenisZip::Xlsb => n.contains("worksheets/") && n.ends_with(".bin"),
        JenisZip::Ods => n == "content.xml",
    }
}

/// Checks every part of the zip at `path`; `file` names it in errors.
pub(crate) fn periksa(path: &Path, file: &str, jenis: JenisZip) -> Result<(), FileError> {
    let f = File::open(path).map_err(|cause| FileError::Open {
        path: path.to_path_buf(),
        cause,
    })?;
    let mut zip = ZipArchive::new(BufReader::new(f))
        .map_err(|e| rusak(file, format!("bukan arsip zip yang utuh: {e}")))?;
    if zip.len() > BAGIAN_JUMLAH_MAKS {
        return Err(limit(
            file,
            format!(
                "berisi {} bagian; paling banyak {} bagian dibaca",
                ribuan(zip.len() as u64),
                ribuan(BAGIAN_JUMLAH_MAKS as u64)
            ),
        ));
    }
    // Two parts of one name: the library would read one of them, this
    // check perhaps the other.
    if zip.has_duplicate_names() {
        return Err(rusak(file, "dua bagian arsip bernama sama".into()));
    }
    // First what the central directory declares, before inflating anything.
    let mut bagian = Vec::with_capacity(zip.len());
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let e = zip
            .by_index_data(i)
            .map_err(|e| rusak(file, format!("daftar isi arsip rusak: {e}")))?;
        let nama = e.name().map(|n| n.into_owned()).unwrap_or_default();
        let (besar, kecil) = (e.size(), e.compressed_size());
        let lembar = bagian_lembar(jenis, &nama);
        cek_ukuran(file, &nama, lembar, besar, kecil)?;
        total = total.saturating_add(besar);
        if total > ZIP_TOTAL_MAKS {
            return Err(limit(
                file,
                format!(
                    "isinya menyatakan lebih dari {} setelah dibuka (batas {}); bukan lembar kerja biasa",
                    ukuran(ZIP_TOTAL_MAKS),
                    ukuran(ZIP_TOTAL_MAKS)
                ),
            ));
        }
        bagian.push((nama, besar, kecil, lembar));
    }
    // Then the real bytes: a part that inflates past what it declared
    // (or past its ceiling) is refused at that byte.
    for (i, (nama, besar, kecil, lembar)) in bagian.into_iter().enumerate() {
        let mut isi = zip
            .by_index(i)
            .map_err(|e| rusak(file, format!("bagian '{nama}' tidak dapat dibuka: {e}")))?;
        let batas = besar.min(if lembar {
            BAGIAN_LEMBAR_MAKS
        } else {
            BAGIAN_LAIN_MAKS
        });
        let mut hitung = Hitung::new(&mut isi, batas, bagian_xml(&nama));
        let kecil_nama = nama.to_ascii_lowercase();
        let nyata = if jenis == JenisZip::Xlsx && lembar {
            cek_referensi(file, &nama, &mut hitung)?;
            buang(&mut hitung)
        } else if jenis == JenisZip::Xlsx && kecil_nama.ends_with("sharedstrings.xml") {
            cek_teks_bersama(file, &nama, &mut hitung)?;
            buang(&mut hitung)
        } else if jenis == JenisZip::Xlsb && rekaman_xlsb(&kecil_nama) {
            cek_rekaman_xlsb(file, &nama, &mut hitung)?;
            Ok(hitung.n)
        } else {
            buang(&mut hitung)
        };
        let nyata = nyata.map_err(|e| galat_baca(file, &nama, batas, besar, &e))?;
        // Fewer bytes than declared is a damaged file, not a bomb; the
        // library finds out itself. Only more is refused (above).
        cek_ukuran(file, &nama, lembar, nyata, kecil)?;
    }
    Ok(())
}

/// What reading a part through [`Hitung`] failed with, as the user reads it.
pub(crate) fn galat_baca(
    file: &str,
    nama: &str,
    batas: u64,
    besar: u64,
    e: &io::Error,
) -> FileError {
    // The zip reader stops a part at the size it declared, before this
    // counter does when the declaration is what lies; its error says so
    // in words only (a test holds this to the zip version in use).
    let lebih_dari_dinyatakan = e.to_string().contains("larger than its declared");
    match e.get_ref() {
        _ if lebih_dari_dinyatakan => limit(
            file,
            format!(
                "bagian '{nama}' mengembang lebih dari {} yang dinyatakannya saat dibuka; ini ciri bom zip, bukan lembar kerja biasa",
                ukuran(besar)
            ),
        ),
        Some(r) if r.is::<Lewat>() => limit(
            file,
            format!(
                "bagian '{nama}' mengembang lebih dari {} saat dibuka (menyatakan {}); ini ciri bom zip, bukan lembar kerja biasa",
                ukuran(batas),
                ukuran(besar)
            ),
        ),
        Some(r) if r.is::<JedaPanjang>() => limit(
            file,
            format!("bagian '{nama}': {r}; bukan lembar kerja biasa"),
        ),
        _ => rusak(file, format!("bagian '{nama}' rusak: {e}")),
    }
}

/// The XLSB parts the library reads record by record.
fn rekaman_xlsb(nama: &str) -> bool {
    nama.ends_with(".bin")
        && (nama.starts_with("xl/worksheets/")
            || matches!(
                nama,
                "xl/workbook.bin" | "xl/styles.bin" | "xl/sharedstrings.bin"
            ))
}

/// The ceilings on one part's size, declared or counted.
fn cek_ukuran(
    file: &str,
    nama: &str,
    lembar: bool,
    besar: u64,
    kecil: u64,
) -> Result<(), FileError> {
    let maks = if lembar {
        BAGIAN_LEMBAR_MAKS
    } else {
        BAGIAN_LAIN_MAKS
    };
    if besar > maks {
        return Err(limit(
            file,
            format!(
                "bagian '{nama}' berukuran {} setelah dibuka; batasnya {}",
                ukuran(besar),
                ukuran(maks)
            ),
        ));
    }
    if besar > RASIO_BEBAS && besar / kecil.max(1) > RASIO_MAKS {
        return Err(limit(
            file,
            format!(
                "bagian '{nama}' dimampatkan {}× ({} menjadi {}; batas {}×): ini ciri bom zip, bukan lembar kerja biasa",
                ribuan(besar / kecil.max(1)),
                ukuran(kecil),
                ukuran(besar),
                RASIO_MAKS
            ),
        ));
    }
    Ok(())
}

/// The marker error of [`Hitung`] passing its byte ceiling.
#[derive(Debug)]
pub(crate) struct Lewat;

impl std::fmt::Display for Lewat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("melewati batas ukuran")
    }
}

impl std::error::Error for Lewat {}

/// The marker error of [`Hitung`] seeing an XML tag or text run longer
/// than [`XML_JEDA_MAKS`].
#[derive(Debug)]
pub(crate) struct JedaPanjang;

impl std::fmt::Display for JedaPanjang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "satu tag atau teks XML lebih panjang dari {}",
            ukuran(XML_JEDA_MAKS)
        )
    }
}

impl std::error::Error for JedaPanjang {}

/// Counts what is read through it and fails one byte past `batas`; for
/// XML (`xml`), also fails at a run between two `<` longer than
/// [`XML_JEDA_MAKS`], before an XML reader above it buffers the run.
pub(crate) struct Hitung<R> {
    pub inner: R,
    pub n: u64,
    pub batas: u64,
    pub xml: bool,
    jeda: u64,
    /// A run passed the ceiling: every later read fails too.
    jeda_lewat: bool,
}

impl<R> Hitung<R> {
    pub fn new(inner: R, batas: u64, xml: bool) -> Hitung<R> {
        Hitung {
            inner,
            n: 0,
            batas,
            xml,
            jeda: 0,
            jeda_lewat: false,
        }
    }
}

impl<R: Read> Read for Hitung<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.jeda_lewat {
            return Err(io::Error::new(io::ErrorKind::InvalidData, JedaPanjang));
        }
        // Ask for at most one byte past the ceiling, so passing it is seen
        // without inflating more.
        let sisa = (self.batas + 1).saturating_sub(self.n);
        let len = buf.len().min(usize::try_from(sisa).unwrap_or(usize::MAX));
        let k = self.inner.read(&mut buf[..len])?;
        self.n += k as u64;
        if self.n > self.batas {
            return Err(io::Error::new(io::ErrorKind::InvalidData, Lewat));
        }
        if self.xml {
            let mut panjang = false;
            for &b in &buf[..k] {
                if b == b'<' {
                    self.jeda = 0;
                } else {
                    self.jeda += 1;
                    panjang |= self.jeda > XML_JEDA_MAKS;
                }
            }
            if panjang {
                self.jeda_lewat = true;
                return Err(io::Error::new(io::ErrorKind::InvalidData, JedaPanjang));
            }
        }
        Ok(k)
    }
}

/// Whether a part is XML (its runs are checked).
fn bagian_xml(nama: &str) -> bool {
    let n = nama.to_ascii_lowercase();
    n.ends_with(".xml") || n.ends_with(".rels")
}

/// Reads to the end, keeping nothing; returns the bytes counted.
fn buang<R: Read>(h: &mut Hitung<R>) -> io::Result<u64> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match h.read(&mut buf) {
            Ok(0) => return Ok(h.n),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// `<sst uniqueCount="…">`: read up to the `sst` element only.
fn cek_teks_bersama<R: Read>(file: &str, nama: &str, h: &mut Hitung<R>) -> Result<(), FileError> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(&mut *h));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let jumlah = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "uniqueCount")
                    .and_then(|a| a.value.trim().parse::<u64>().ok());
                if let Some(n) = jumlah
                    && n > TEKS_BERSAMA_MAKS
                {
                    return Err(limit(
                        file,
                        format!(
                            "bagian '{nama}' menyatakan {} teks berbeda; paling banyak {} dibaca",
                            ribuan(n),
                            ribuan(TEKS_BERSAMA_MAKS)
                        ),
                    ));
                }
                return Ok(());
            }
            // Not well-formed enough to find the element: the library
            // will say what is wrong; the byte count goes on regardless.
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

/// Cell references the library turns into numbers without a bound:
/// `<dimension ref>`, `<row r>`, `<c r>`. Found by fuzzing: a reference of
/// a hundred letters overflowed its arithmetic (a panic in checked builds,
/// a cell silently moved elsewhere in release ones). A real reference has
/// at most three letters (XFD) and seven digits (1048576).
fn cek_referensi<R: Read>(file: &str, nama: &str, h: &mut Hitung<R>) -> Result<(), FileError> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 16, &mut *h));
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let e = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => e,
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => continue,
            Err(quick_xml::Error::Io(io)) => {
                return Err(galat_baca(file, nama, h_batas(&xml), h_batas(&xml), &io));
            }
            // Not well-formed: the library says what is wrong; the
            // references up to here were fine.
            Err(_) => return Ok(()),
        };
        let kunci = match e.local_name().as_ref() {
            "c" | "row" => "r",
            "dimension" => "ref",
            _ => continue,
        };
        for a in e.attributes().flatten() {
            let wajar = referensi_wajar(&a.value) && (kunci == "r" || rentang_urut(&a.value));
            if a.key.local_name().as_ref() == kunci && !wajar {
                let v: String = a.value.chars().take(40).collect();
                return Err(rusak(
                    file,
                    format!("bagian '{nama}': referensi sel '{v}' tidak sah"),
                ));
            }
        }
    }
}

fn h_batas<R>(xml: &quick_xml::Reader<BufReader<&mut Hitung<R>>>) -> u64 {
    xml.get_ref().get_ref().batas
}

/// `A1:D3`, not `A5:D3`: the library subtracts the first corner from the
/// second (found by fuzzing, like the overflow above).
fn rentang_urut(v: &str) -> bool {
    let sudut = |b: &str| -> Option<(u32, u32)> {
        let huruf = b.bytes().take_while(u8::is_ascii_alphabetic).count();
        let kolom = b[..huruf].bytes().fold(0u32, |k, c| {
            k * 26 + u32::from(c.to_ascii_uppercase() - b'A') + 1
        });
        Some((b[huruf..].parse().ok()?, kolom))
    };
    match v.split_once(':') {
        None => true,
        Some((a, b)) => match (sudut(a), sudut(b)) {
            (Some((r0, k0)), Some((r1, k1))) => r1 >= r0 && k1 >= k0,
            // Unreadable: the library refuses it on its own.
            _ => true,
        },
    }
}

/// `A1`, `XFD1048576`, `5` (a row), `A1:XFD1048576`: every run of letters
/// at most three long and of digits at most seven.
fn referensi_wajar(v: &str) -> bool {
    v.split(':').all(|bagian| {
        let huruf = bagian.bytes().take_while(u8::is_ascii_alphabetic).count();
        let angka = &bagian[huruf..];
        huruf <= 3 && angka.len() <= 7 && angka.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Walks an XLSB part record by record: a record longer than the ceiling,
/// or than what is left of the part, is refused before the library sizes
/// a buffer for it. Counts the bytes as it goes.
fn cek_rekaman_xlsb<R: Read>(file: &str, nama: &str, h: &mut Hitung<R>) -> Result<(), FileError> {
    let (batas, besar) = (h.batas, h.batas);
    let salah = |e: io::Error| galat_baca(file, nama, batas, besar, &e);
    let mut r = BufReader::new(h);
    let mut satu = [0u8; 1];
    let mut buang_buf = vec![0u8; 64 * 1024];
    loop {
        // Record type: one or two bytes, the high bit saying "more".
        match r.read(&mut satu) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(salah(e)),
        }
        if satu[0] & 0x80 != 0 {
            r.read_exact(&mut satu).map_err(salah)?;
        }
        // Length: up to four bytes of seven bits each.
        let mut len: u64 = 0;
        for i in 0..4 {
            r.read_exact(&mut satu).map_err(salah)?;
            len |= u64::from(satu[0] & 0x7F) << (7 * i);
            if satu[0] & 0x80 == 0 {
                break;
            }
        }
        if len > REKAMAN_XLSB_MAKS {
            return Err(limit(
                file,
                format!(
                    "bagian '{nama}' berisi rekaman {} (batas {} per rekaman)",
                    ukuran(len),
                    ukuran(REKAMAN_XLSB_MAKS)
                ),
            ));
        }
        let mut sisa = len;
        while sisa > 0 {
            let k = (sisa as usize).min(buang_buf.len());
            r.read_exact(&mut buang_buf[..k]).map_err(|e| {
                if e.kind() == io::ErrorKind::UnexpectedEof {
                    rusak(
                        file,
                        format!("bagian '{nama}': rekaman terpotong (menyatakan {len} byte)"),
                    )
                } else {
                    salah(e)
                }
            })?;
            sisa -= k as u64;
        }
    }
}
