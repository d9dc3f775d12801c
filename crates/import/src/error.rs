//! Problems found in a file people bring: one per bad row or cell, with
//! file, line and column, and the file-level errors that stop a read.

use std::fmt;
use std::path::PathBuf;

/// One bad row (or cell) in an otherwise readable file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// File label: the file name, plus ` [Sheet]` for spreadsheets.
    pub file: String,
    pub line: Option<u64>,
    /// The column header as written in the file.
    pub column: Option<String>,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(col) = &self.column {
            write!(f, "kolom '{col}': ")?;
        }
        write!(f, "{}", self.reason)
    }
}

/// A file that cannot be read at all. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    // The io error is part of the message, not a `source`, so a chained
    // print (`{e:#}`) does not repeat it.
    #[error("{}: berkas tidak dapat dibuka: {cause}", path.display())]
    Open {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{file}: gagal membaca berkas{}: {cause}", line.map(|l| format!(" di baris {l}")).unwrap_or_default())]
    Read {
        file: String,
        line: Option<u64>,
        cause: std::io::Error,
    },
    #[error(
        "{file}: jenis berkas '{extension}' tidak didukung; gunakan .csv, .txt, .tsv, .xlsx, .xlsm, .xlsb, .xls atau .ods"
    )]
    UnsupportedType { file: String, extension: String },
    #[error("{file}: berkas kosong (tidak ada baris judul kolom)")]
    Empty { file: String },
    #[error(
        "{file}: kolom wajib '{field}' tidak ditemukan; nama kolom yang diterima: {accepted}; kolom yang ada di berkas: {found}"
    )]
    MissingColumn {
        file: String,
        field: String,
        accepted: String,
        found: String,
    },
    #[error(
        "{file}: kolom '{first}' dan '{second}' sama-sama berarti '{field}'; hapus atau ganti nama salah satunya"
    )]
    DuplicateColumn {
        file: String,
        field: String,
        first: String,
        second: String,
    },
    #[error(
        "{file}:{line}: baris judul bukan UTF-8; simpan ulang sebagai CSV UTF-8 atau jalankan dengan --encoding windows-1252"
    )]
    NotUtf8 { file: String, line: u64 },
    #[error("{file}: berkas lembar kerja tidak dapat dibaca: {message}")]
    Spreadsheet { file: String, message: String },
    #[error("{file}: berkas tidak memiliki lembar kerja")]
    NoSheets { file: String },
    #[error("{file}: lembar kerja kosong (tidak ada baris)")]
    EmptySheet { file: String },
    /// The file passes one of the ceilings in [`crate::pagu`]: refused
    /// before (or while) reading, never half-read into memory.
    #[error("{file}{}: {reason}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Limit {
        file: String,
        line: Option<u64>,
        reason: String,
    },
}
