//! Reads the files campaigns bring — CSV in any common Excel export flavour,
//! XLSX/XLS/ODS — into validated domain rows, with exact problems per file,
//! line and column. No database I/O: checks that need the store (does this
//! desa exist?) are the caller's, using the line numbers returned here.
//!
//! Two layers:
//! - [`Table`]: opens a CSV or spreadsheet, maps headers to logical fields
//!   via alias lists and streams records with their line numbers. Later
//!   importers (results, saksi, voter lists) build on it.
//! - [`read_wilayah`], [`read_tps`]: the importers for region codes and TPS
//!   lists, built on [`Table`] and the cell parsers in [`cells`].

mod batas;
pub mod cells;
mod dana;
mod dpt;
mod encoding;
mod error;
mod lines;
mod mentah;
pub mod pagu;
mod resmi;
mod riwayat;
mod saksi;
mod sheet;
mod table;
mod tps;
mod wilayah;

pub use batas::{BatasFile, BatasRow, TOLERANSI_IMPOR, read_batas};
pub use cells::{
    parse_count, parse_kode_tps_cell, parse_kode_wilayah_cell, parse_koordinat,
    parse_nomor_tps_cell,
};
pub use dana::{BarisDana, JenisBarisDana, PenyumbangBaris, read_buku_dana};
pub use dpt::{DptSummary, MAX_PROBLEMS, parse_jenis_kelamin, parse_tanggal, read_dpt};
pub use error::{FileError, Problem};
pub use mentah::{BarisMentah, TabelMentah, read_mentah};
pub use resmi::{ResmiRow, nomor_paslon, read_resmi};
pub use riwayat::read_hasil_lalu;
pub use saksi::{SaksiRow, read_saksi};
pub use table::{Field, FieldId, Record, Table, TableSummary, normalize_header};
pub use tps::{TpsRow, read_tps};
pub use wilayah::{WilayahRow, read_wilayah};

/// How to decode a CSV file's bytes. A BOM (UTF-8 or UTF-16) always wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// UTF-8 if the first 64 KiB are valid UTF-8, otherwise Windows-1252
    /// (what Excel on Indonesian Windows writes for "CSV (Comma delimited)").
    #[default]
    Auto,
    /// Strict UTF-8: a row with invalid bytes becomes a [`Problem`].
    Utf8,
    /// Always decode as Windows-1252.
    Windows1252,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub encoding: EncodingChoice,
}

/// A value with the line (CSV) or row (spreadsheet) it came from, 1-based,
/// header included, so callers can point users at the exact place.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub line: u64,
    pub value: T,
}

/// The outcome of reading one file: the good rows, the bad ones as
/// problems (sorted by line), and notices about how the file was read.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub rows: Vec<Located<T>>,
    pub problems: Vec<Problem>,
    /// Rows read and kept, each named with why it is flagged (a published
    /// figure that breaks a rule the reader checks but must not refuse).
    pub ditandai: Vec<Problem>,
    pub notices: Vec<String>,
    /// Data rows seen (header and blank rows excluded), good or bad.
    pub lines_read: u64,
    /// Logical field name → the header as written in this file, for
    /// callers that report problems found after reading.
    pub columns: std::collections::HashMap<&'static str, String>,
}

impl<T> Parsed<T> {
    /// The file's own header for a logical field, or the field's name
    /// when the file has no such column.
    pub fn column(&self, field: &str) -> String {
        self.columns
            .get(field)
            .cloned()
            .unwrap_or_else(|| field.to_string())
    }
}
