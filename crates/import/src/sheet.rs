//! Spreadsheets (XLSX, XLS, ODS) through calamine: first sheet, header in
//! the first non-empty row, every cell turned into the text a CSV export
//! would have carried.

use std::fmt::Write as _;
use std::path::Path;

use calamine::{Data, Range, Reader, open_workbook_auto};

use crate::error::FileError;

pub(crate) struct Sheet {
    pub label: String,
    /// The sheet's name as the workbook writes it.
    pub name: String,
    range: Range<Data>,
    /// Next row to read, relative to the range.
    next: usize,
    /// Absolute 0-based (row, col) of the range's top-left cell.
    start: (u32, u32),
}

/// The workbook's sheet names, in order.
pub(crate) fn names(path: &Path) -> Result<Vec<String>, FileError> {
    let wb = open_workbook_auto(path).map_err(|e| match e {
        calamine::Error::Io(cause) => FileError::Open {
            path: path.to_path_buf(),
            cause,
        },
        other => FileError::Spreadsheet {
            file: path.display().to_string(),
            message: other.to_string(),
        },
    })?;
    Ok(wb.sheet_names().to_vec())
}

/// The `index`-th sheet (0-based); only that sheet is loaded.
pub(crate) fn open_nth(path: &Path, file_name: &str, index: usize) -> Result<Sheet, FileError> {
    let file = path.display().to_string();
    let mut wb = open_workbook_auto(path).map_err(|e| match e {
        calamine::Error::Io(cause) => FileError::Open {
            path: path.to_path_buf(),
            cause,
        },
        other => FileError::Spreadsheet {
            file: file.clone(),
            message: other.to_string(),
        },
    })?;
    let name = wb
        .sheet_names()
        .get(index)
        .cloned()
        .ok_or_else(|| FileError::NoSheets { file: file.clone() })?;
    let label = format!("{file_name} [{name}]");
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| FileError::Spreadsheet {
            file: label.clone(),
            message: e.to_string(),
        })?;
    let start = range.start().ok_or(FileError::EmptySheet {
        file: label.clone(),
    })?;
    Ok(Sheet {
        label,
        name,
        range,
        next: 0,
        start,
    })
}

/// A cell that holds an Excel error (`#REF!`, `#N/A`, …) instead of a value.
pub(crate) struct CellError {
    pub col: usize,
    pub cell: String,
    pub value: String,
}

impl Sheet {
    pub fn mark(&self) -> usize {
        self.next
    }

    pub fn reset(&mut self, mark: usize) {
        self.next = mark;
    }

    /// Fills `out` with the next non-blank row's cells as text and returns
    /// its 1-based spreadsheet row number.
    pub fn next_row(&mut self, out: &mut Vec<String>, errors: &mut Vec<CellError>) -> Option<u64> {
        let width = self.range.width();
        out.resize(width, String::new());
        while self.next < self.range.height() {
            let r = self.next;
            self.next += 1;
            errors.clear();
            let mut blank = true;
            for (c, text) in out.iter_mut().enumerate() {
                text.clear();
                let data = self.range.get((r, c)).unwrap_or(&Data::Empty);
                if let Data::Error(e) = data {
                    errors.push(CellError {
                        col: c,
                        cell: cell_name(self.start.0 + r as u32, self.start.1 + c as u32),
                        value: e.to_string(),
                    });
                    blank = false;
                    continue;
                }
                cell_text(data, text);
                if !text.is_empty() {
                    blank = false;
                }
            }
            if !blank {
                return Some(u64::from(self.start.0) + r as u64 + 1);
            }
        }
        None
    }
}

/// `A1`-style name of a 0-based (row, col) cell.
pub(crate) fn cell_name(row: u32, col: u32) -> String {
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
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            if dt.is_duration() {
                let _ = write!(out, "{}", dt.as_f64());
            } else if (h, mi, s, ms) == (0, 0, 0, 0) {
                let _ = write!(out, "{y:04}-{mo:02}-{d:02}");
            } else {
                let _ = write!(out, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
            }
        }
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
    }
}
