//! A table read as it stands: every non-blank row's cells as text with
//! its line (CSV) or row (spreadsheet) number, no header mapping. For
//! files whose header is not the first row and whose shape only the caller
//! knows: a bank statement carries the account number and period above
//! its header, in either of two layouts.
//!
//! It goes through the same CSV and sheet readers as [`crate::Table`], so
//! every ceiling of [`crate::pagu`] holds (the zip checks, columns, bytes
//! per row); because the rows are kept whole, their count and their text
//! are bounded too ([`BARIS_UTUH_MAKS`], [`TEKS_UTUH_MAKS`]).

use std::fs::File;
use std::path::Path;

use csv::{ByteRecord, StringRecord};

use crate::error::{FileError, Problem};
use crate::lines::{BUFFER_CSV, counting};
use crate::pagu::{BARIS_UTUH_MAKS, TEKS_UTUH_MAKS, ribuan, ukuran};
use crate::table::{
    NOT_UTF8, Table, cek_panjang, extension, file_name, is_blank, is_csv_ext, read_err, record_line,
};
use crate::{ImportOptions, encoding};

/// One non-blank row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarisMentah {
    /// 1-based line (CSV, where the record starts) or sheet row.
    pub line: u64,
    pub cells: Vec<String>,
}

/// A whole table: its rows, the rows that could not be read as text (a
/// CSV row that is not UTF-8, an Excel error cell), and how it was read.
#[derive(Debug, Clone, Default)]
pub struct TabelMentah {
    /// `mutasi.csv` or `mutasi.xlsx [Sheet1]`.
    pub label: String,
    pub rows: Vec<BarisMentah>,
    pub problems: Vec<Problem>,
    pub notices: Vec<String>,
}

/// Counts what is kept and refuses past the ceilings.
struct Hitung<'a> {
    label: &'a str,
    teks: u64,
}

impl Hitung<'_> {
    fn simpan(
        &mut self,
        out: &mut Vec<BarisMentah>,
        line: u64,
        cells: Vec<String>,
    ) -> Result<(), FileError> {
        if out.len() as u64 >= BARIS_UTUH_MAKS {
            return Err(FileError::Limit {
                file: self.label.to_string(),
                line: Some(line),
                reason: format!(
                    "lebih dari {} baris; berkas ini dibaca utuh, jadi paling banyak {} baris: pecah menjadi beberapa berkas",
                    ribuan(BARIS_UTUH_MAKS),
                    ribuan(BARIS_UTUH_MAKS)
                ),
            });
        }
        self.teks += cells.iter().map(|c| c.len() as u64).sum::<u64>();
        if self.teks > TEKS_UTUH_MAKS {
            return Err(FileError::Limit {
                file: self.label.to_string(),
                line: Some(line),
                reason: format!(
                    "isi sel lebih dari {}; berkas ini dibaca utuh, jadi paling banyak sebesar itu",
                    ukuran(TEKS_UTUH_MAKS)
                ),
            });
        }
        out.push(BarisMentah { line, cells });
        Ok(())
    }
}

/// Reads `path` whole (a CSV by its extension `.csv`/`.txt`/`.tsv`, else
/// the first sheet of a spreadsheet). Blank rows are left out. A CSV's
/// delimiter is the candidate that occurs most often in any single line
/// of its first 64 KiB, so lines above the header that hold none do not
/// decide it.
pub fn read_mentah(path: &Path, opts: &ImportOptions) -> Result<TabelMentah, FileError> {
    let ext = extension(path);
    if is_csv_ext(&ext) {
        return csv_mentah(path, opts);
    }
    let Some(buku) = Table::buku(path)? else {
        return Err(FileError::UnsupportedType {
            file: path.display().to_string(),
            extension: if ext.is_empty() {
                "(tanpa ekstensi)".into()
            } else {
                ext
            },
        });
    };
    let mut sheet = buku.sheet(0)?;
    let mut t = TabelMentah {
        label: sheet.label.clone(),
        ..Default::default()
    };
    let label = t.label.clone();
    let mut h = Hitung {
        label: &label,
        teks: 0,
    };
    let (mut cells, mut errors) = (Vec::new(), Vec::new());
    while let Some(line) = sheet.next_row(&mut cells, &mut errors)? {
        for e in &errors {
            t.problems.push(Problem {
                file: label.clone(),
                line: Some(line),
                column: Some(e.cell.trim_end_matches(char::is_numeric).to_string()),
                reason: format!(
                    "sel {} berisi galat Excel {}; perbaiki rumusnya atau isi dengan nilai",
                    e.cell, e.value
                ),
            });
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        h.simpan(&mut t.rows, line, std::mem::take(&mut cells))?;
    }
    Ok(t)
}

fn csv_mentah(path: &Path, opts: &ImportOptions) -> Result<TabelMentah, FileError> {
    let label = file_name(path);
    let file = File::open(path).map_err(|cause| FileError::Open {
        path: path.to_path_buf(),
        cause,
    })?;
    let baca = |cause| FileError::Read {
        file: label.clone(),
        line: None,
        cause,
    };
    let mut stream = encoding::open(Box::new(file), opts.encoding).map_err(baca)?;
    let (awal, _) = encoding::read_prefix(&mut stream.reader).map_err(baca)?;
    let delimiter = pemisah_terbanyak(&awal);
    let input = std::io::Cursor::new(awal);
    let (counted, lines) = counting(std::io::Read::chain(input, stream.reader));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(BUFFER_CSV)
        .from_reader(counted);
    let mut t = TabelMentah {
        label: label.clone(),
        notices: stream.notices,
        ..Default::default()
    };
    let mut h = Hitung {
        label: &label,
        teks: 0,
    };
    let mut record = ByteRecord::new();
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| read_err(&label, e))?
    {
        let line = record_line(&reader, &record, &lines);
        cek_panjang(&label, &lines, line)?;
        if is_blank(&record) {
            continue;
        }
        match StringRecord::from_byte_record(std::mem::take(&mut record)) {
            Ok(r) => {
                let cells = r.iter().map(str::to_string).collect();
                h.simpan(&mut t.rows, line, cells)?;
            }
            Err(e) => t.problems.push(Problem {
                file: label.clone(),
                line: Some(line),
                column: Some(format!("kolom {}", e.utf8_error().field() + 1)),
                reason: NOT_UTF8.to_string(),
            }),
        }
    }
    Ok(t)
}

/// Whichever of `,` `;` tab `|` occurs most often outside quotes in one
/// line of `text`; ties go to the earlier one, none to `,`.
fn pemisah_terbanyak(text: &[u8]) -> u8 {
    const CALON: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut terbaik = [0usize; 4];
    let mut kini = [0usize; 4];
    let mut kutip = false;
    for &b in text {
        match b {
            b'"' => kutip = !kutip,
            b'\n' | b'\r' if !kutip => {
                for i in 0..4 {
                    terbaik[i] = terbaik[i].max(kini[i]);
                }
                kini = [0; 4];
            }
            _ if !kutip => {
                if let Some(i) = CALON.iter().position(|&c| c == b) {
                    kini[i] += 1;
                }
            }
            _ => {}
        }
    }
    for i in 0..4 {
        terbaik[i] = terbaik[i].max(kini[i]);
    }
    let mut pilih = 0;
    for i in 1..4 {
        if terbaik[i] > terbaik[pilih] {
            pilih = i;
        }
    }
    CALON[pilih]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pemisah_dari_baris_terlebar() {
        assert_eq!(
            pemisah_terbanyak(b"No. rekening : 123\nTanggal;Keterangan;Debet;Kredit;Saldo\n"),
            b';'
        );
        assert_eq!(
            pemisah_terbanyak(
                b"Periode : 01/12\nTanggal,Keterangan,Cabang,Jumlah,,Saldo\n\"a;b;c;d;e;f\",1\n"
            ),
            b','
        );
        assert_eq!(pemisah_terbanyak(b"tanpa pemisah"), b',');
    }
}
