//! The generic reader every importer builds on: open a CSV or spreadsheet,
//! map its headers to logical fields, stream records with line numbers.

use std::fs::File;
use std::path::Path;

use csv::{ByteRecord, StringRecord};

use crate::error::{FileError, Problem};
use crate::lines::{BUFFER_CSV, BarisKepanjangan, CountingReader, LineIndex, counting};
use crate::pagu::BARIS_BYTE_MAKS;
use crate::sheet::{self, Buku, CellError, Sheet};
use crate::{ImportOptions, encoding};

/// A logical field and the normalised header names that mean it, in order
/// of preference.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

impl Field {
    pub const fn required(name: &'static str, aliases: &'static [&'static str]) -> Field {
        Field {
            name,
            aliases,
            required: true,
        }
    }
    pub const fn optional(name: &'static str, aliases: &'static [&'static str]) -> Field {
        Field {
            name,
            aliases,
            required: false,
        }
    }
}

/// Index of a field in the slice given to [`Table::open`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldId(pub usize);

/// What is left after the last record: row problems the table itself found
/// (column count, encoding, error cells), notices, and the row count.
#[derive(Debug, Clone, Default)]
pub struct TableSummary {
    pub problems: Vec<Problem>,
    pub notices: Vec<String>,
    pub lines_read: u64,
}

/// Header text as users type it → the form aliases are written in:
/// trimmed, lowercase, BOM removed, separators as single `_`.
pub fn normalize_header(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for ch in raw.trim().chars() {
        match ch {
            '\u{feff}' => {}
            c if c.is_whitespace() || matches!(c, '.' | '-' | '/' | '(' | ')') => {
                if !out.is_empty() && !out.ends_with('_') {
                    out.push('_');
                }
            }
            '_' => {
                if !out.is_empty() && !out.ends_with('_') {
                    out.push('_');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

struct Meta {
    label: String,
    fields: &'static [Field],
    /// Field index → column index.
    columns: Vec<Option<usize>>,
    /// Headers as written (trimmed), by column.
    headers: Vec<String>,
}

enum Source {
    Csv {
        reader: csv::Reader<CountingReader<Box<dyn std::io::Read + Send>>>,
        record: ByteRecord,
        /// The last good row, its UTF-8 checked once for the whole row.
        teks: StringRecord,
        lines: LineIndex,
    },
    Sheet {
        sheet: Box<Sheet>,
        cells: Vec<String>,
        errors: Vec<CellError>,
    },
}

pub struct Table {
    meta: Meta,
    source: Source,
    problems: Vec<Problem>,
    notices: Vec<String>,
    lines_read: u64,
}

/// One good row: every cell is valid UTF-8 and the column count matches.
pub struct Record<'a> {
    line: u64,
    meta: &'a Meta,
    cells: Cells<'a>,
}

enum Cells<'a> {
    Csv(&'a StringRecord),
    Sheet(&'a [String]),
}

impl Record<'_> {
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Trimmed text of a cell by column index (for files whose columns are
    /// not known in advance, e.g. one column per paslon).
    pub fn column(&self, idx: usize) -> Option<&str> {
        let text = match &self.cells {
            Cells::Csv(r) => r.get(idx)?,
            Cells::Sheet(c) => c.get(idx)?.as_str(),
        };
        Some(text.trim())
    }

    /// Trimmed text of a field; `None` when the file has no such column.
    pub fn get(&self, id: FieldId) -> Option<&str> {
        self.column(self.meta.columns[id.0]?)
    }

    /// Like [`Record::get`] but an absent column reads as empty.
    pub fn text(&self, id: FieldId) -> &str {
        self.get(id).unwrap_or("")
    }

    /// A field's text by its logical name.
    pub fn by_name(&self, name: &str) -> Option<&str> {
        let i = self.meta.fields.iter().position(|f| f.name == name)?;
        self.get(FieldId(i))
    }

    /// A problem on this row, naming the field's column as the file writes it.
    pub fn problem(&self, field: Option<FieldId>, reason: impl Into<String>) -> Problem {
        Problem {
            file: self.meta.label.clone(),
            line: Some(self.line),
            column: field
                .and_then(|f| self.meta.column_name(f))
                .map(str::to_string),
            reason: reason.into(),
        }
    }
}

impl Meta {
    fn column_name(&self, id: FieldId) -> Option<&str> {
        self.columns[id.0].map(|c| self.headers[c].as_str())
    }
}

pub(crate) fn is_csv_ext(ext: &str) -> bool {
    matches!(ext, "csv" | "txt" | "tsv")
}

pub(crate) fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

impl Table {
    /// Opens `path` by extension and maps its header to `fields`.
    pub fn open(
        path: &Path,
        fields: &'static [Field],
        opts: &ImportOptions,
    ) -> Result<Table, FileError> {
        Table::open_sheet(path, fields, opts, 0)
    }

    /// The sheet names of a spreadsheet, or `None` for a CSV file (one
    /// table only), so importers of per-sheet files can open each in turn.
    pub fn sheet_names(path: &Path) -> Result<Option<Vec<String>>, FileError> {
        Ok(Table::buku(path)?.map(|b| b.names().to_vec()))
    }

    /// A spreadsheet checked and opened once for all its sheets (see
    /// [`Table::open_in`]), or `None` for a CSV file.
    pub(crate) fn buku(path: &Path) -> Result<Option<Buku>, FileError> {
        match sheet::jenis(&extension(path)) {
            Some(j) => Buku::buka(path, &file_name(path), j).map(Some),
            None => Ok(None),
        }
    }

    /// The sheet's name when the table is a spreadsheet sheet.
    pub fn sheet_name(&self) -> Option<&str> {
        match &self.source {
            Source::Sheet { sheet, .. } => Some(&sheet.name),
            Source::Csv { .. } => None,
        }
    }

    /// Like [`Table::open`], reading the `sheet`-th sheet (0-based) of a
    /// spreadsheet; a CSV file ignores `sheet`.
    pub fn open_sheet(
        path: &Path,
        fields: &'static [Field],
        opts: &ImportOptions,
        sheet_index: usize,
    ) -> Result<Table, FileError> {
        let ext = extension(path);
        if is_csv_ext(&ext) {
            let file_name = file_name(path);
            let mut notices = Vec::new();
            let (headers, source) = open_csv(path, &file_name, opts, &mut notices)?;
            return Table::with_headers(file_name, fields, headers, source, notices);
        }
        match Table::buku(path)? {
            Some(buku) => Table::open_in(&buku, fields, sheet_index),
            None => Err(FileError::UnsupportedType {
                file: path.display().to_string(),
                extension: if ext.is_empty() {
                    "(tanpa ekstensi)".into()
                } else {
                    ext
                },
            }),
        }
    }

    /// The `sheet_index`-th sheet of an opened spreadsheet.
    pub(crate) fn open_in(
        buku: &Buku,
        fields: &'static [Field],
        sheet_index: usize,
    ) -> Result<Table, FileError> {
        let mut sheet = Box::new(buku.sheet(sheet_index)?);
        let mut cells = Vec::new();
        let mut errors = Vec::new();
        let label = sheet.label.clone();
        let headers =
            sheet_header(&mut sheet, fields, &mut cells, &mut errors)?.ok_or_else(|| {
                FileError::EmptySheet {
                    file: label.clone(),
                }
            })?;
        let source = Source::Sheet {
            sheet,
            cells,
            errors,
        };
        Table::with_headers(label, fields, headers, source, Vec::new())
    }

    fn with_headers(
        label: String,
        fields: &'static [Field],
        headers: Vec<String>,
        source: Source,
        mut notices: Vec<String>,
    ) -> Result<Table, FileError> {
        let columns = map_headers(&label, fields, &headers, &mut notices)?;
        Ok(Table {
            meta: Meta {
                label,
                fields,
                columns,
                headers,
            },
            source,
            problems: Vec::new(),
            notices,
            lines_read: 0,
        })
    }

    /// `tps.csv` or `tps.xlsx [Sheet1]`: what [`Problem::file`] says.
    pub fn label(&self) -> &str {
        &self.meta.label
    }

    /// Headers as written in the file (trimmed), by column.
    pub fn headers(&self) -> &[String] {
        &self.meta.headers
    }

    pub fn field(&self, name: &str) -> Option<FieldId> {
        self.meta
            .fields
            .iter()
            .position(|f| f.name == name)
            .map(FieldId)
    }

    /// Every mapped field with the header the file uses for it.
    pub fn column_names(&self) -> std::collections::HashMap<&'static str, String> {
        self.meta
            .fields
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((f.name, self.column_name(FieldId(i))?.to_string())))
            .collect()
    }

    /// Whether the file has a column for the field.
    pub fn has(&self, id: FieldId) -> bool {
        self.meta.columns[id.0].is_some()
    }

    pub fn column_name(&self, id: FieldId) -> Option<&str> {
        self.meta.column_name(id)
    }

    /// A missing-column error for `id`, for requirements that are more
    /// than "this one column" (e.g. kode_tps, or kode_desa plus nomor).
    pub fn missing(&self, id: FieldId, also: &str) -> FileError {
        let f = &self.meta.fields[id.0];
        FileError::MissingColumn {
            file: self.meta.label.clone(),
            field: f.name.to_string(),
            accepted: format!("{}{also}", f.aliases.join(", ")),
            found: found_list(&self.meta.headers),
        }
    }

    pub fn notice(&mut self, text: impl Into<String>) {
        self.notices.push(text.into());
    }

    /// The next good record; bad rows are kept as problems and skipped.
    pub fn next_record(&mut self) -> Result<Option<Record<'_>>, FileError> {
        let line = match &mut self.source {
            Source::Csv {
                reader,
                record,
                teks,
                lines,
            } => next_csv(
                reader,
                record,
                teks,
                lines,
                &self.meta,
                &mut self.problems,
                &mut self.lines_read,
            )?,
            Source::Sheet {
                sheet,
                cells,
                errors,
            } => next_sheet(
                sheet,
                cells,
                errors,
                &self.meta,
                &mut self.problems,
                &mut self.lines_read,
            )?,
        };
        let Some(line) = line else { return Ok(None) };
        let cells = match &self.source {
            Source::Csv { teks, .. } => Cells::Csv(teks),
            Source::Sheet { cells, .. } => Cells::Sheet(cells),
        };
        Ok(Some(Record {
            line,
            meta: &self.meta,
            cells,
        }))
    }

    pub fn finish(self) -> TableSummary {
        TableSummary {
            problems: self.problems,
            notices: self.notices,
            lines_read: self.lines_read,
        }
    }
}

/// The header is the first non-empty row, unless that row names none of
/// the fields and one of the next few does: sheets often carry a title
/// ("Daftar TPS Kota Bandung") above the real header.
fn sheet_header(
    sheet: &mut Sheet,
    fields: &[Field],
    cells: &mut Vec<String>,
    errors: &mut Vec<CellError>,
) -> Result<Option<Vec<String>>, FileError> {
    const LOOKAHEAD: usize = 10;
    let names_a_field = |row: &[String]| {
        row.iter().any(|h| {
            let n = normalize_header(h);
            fields.iter().any(|f| f.aliases.contains(&n.as_str()))
        })
    };
    if sheet.next_row(cells, errors)?.is_none() {
        return Ok(None);
    }
    if names_a_field(cells) {
        return Ok(Some(cells.clone()));
    }
    let first = cells.clone();
    sheet.mark();
    for _ in 0..LOOKAHEAD {
        if sheet.next_row(cells, errors)?.is_none() {
            break;
        }
        if names_a_field(cells) {
            sheet.unmark();
            return Ok(Some(cells.clone()));
        }
    }
    sheet.reset();
    Ok(Some(first))
}

fn found_list(headers: &[String]) -> String {
    let found: Vec<String> = headers
        .iter()
        .filter(|h| !h.is_empty())
        .map(|h| format!("'{h}'"))
        .collect();
    if found.is_empty() {
        "(tidak ada)".into()
    } else {
        found.join(", ")
    }
}

fn map_headers(
    label: &str,
    fields: &[Field],
    headers: &[String],
    notices: &mut Vec<String>,
) -> Result<Vec<Option<usize>>, FileError> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut columns = Vec::with_capacity(fields.len());
    for f in fields {
        // (alias rank, column) of every header meaning this field.
        let mut hits: Vec<(usize, usize)> = normalized
            .iter()
            .enumerate()
            .filter_map(|(col, n)| Some((f.aliases.iter().position(|a| a == n)?, col)))
            .collect();
        hits.sort();
        let chosen = hits.first().copied();
        if let (Some((rank, col)), Some(&(rank2, col2))) = (chosen, hits.get(1)) {
            // The same name twice is ambiguous; a worse alias (a row counter
            // "No" next to "TPS") is just ignored, but said.
            if rank == rank2 {
                return Err(FileError::DuplicateColumn {
                    file: label.to_string(),
                    field: f.name.to_string(),
                    first: headers[col].clone(),
                    second: headers[col2].clone(),
                });
            }
            for &(_, other) in &hits[1..] {
                notices.push(format!(
                    "kolom '{}' diabaikan: '{}' sudah dipakai sebagai {}",
                    headers[other], headers[col], f.name
                ));
            }
        }
        if chosen.is_none() && f.required {
            return Err(FileError::MissingColumn {
                file: label.to_string(),
                field: f.name.to_string(),
                accepted: f.aliases.join(", "),
                found: found_list(headers),
            });
        }
        columns.push(chosen.map(|(_, col)| col));
    }
    Ok(columns)
}

pub(crate) const NOT_UTF8: &str = "baris ini bukan UTF-8; simpan ulang sebagai CSV UTF-8 atau jalankan dengan --encoding windows-1252";

pub(crate) fn is_blank(rec: &ByteRecord) -> bool {
    rec.iter().all(|f| f.trim_ascii().is_empty())
}

pub(crate) fn read_err(label: &str, e: csv::Error) -> FileError {
    let line = e.position().map(|p| p.line());
    let cause = match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    };
    if let Some(k) = cause
        .get_ref()
        .and_then(|e| e.downcast_ref::<BarisKepanjangan>())
    {
        return FileError::Limit {
            file: label.to_string(),
            line: Some(k.line),
            reason: BarisKepanjangan::alasan(),
        };
    }
    FileError::Read {
        file: label.to_string(),
        line,
        cause,
    }
}

/// The exact check behind the streaming one in [`crate::lines`]: a record
/// csv managed to return whole is still refused past the ceiling.
pub(crate) fn cek_panjang(label: &str, lines: &LineIndex, line: u64) -> Result<(), FileError> {
    if lines.last_len() > BARIS_BYTE_MAKS as u64 {
        return Err(FileError::Limit {
            file: label.to_string(),
            line: Some(line),
            reason: BarisKepanjangan::alasan(),
        });
    }
    Ok(())
}

fn open_csv(
    path: &Path,
    label: &str,
    opts: &ImportOptions,
    notices: &mut Vec<String>,
) -> Result<(Vec<String>, Source), FileError> {
    let file = File::open(path).map_err(|cause| FileError::Open {
        path: path.to_path_buf(),
        cause,
    })?;
    let stream =
        encoding::open(Box::new(file), opts.encoding).map_err(|cause| FileError::Read {
            file: label.to_string(),
            line: None,
            cause,
        })?;
    notices.extend(stream.notices);
    let (counted, lines) = counting(stream.reader);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(stream.delimiter)
        .buffer_capacity(BUFFER_CSV)
        .from_reader(counted);
    let mut record = ByteRecord::new();
    let line = loop {
        if !reader
            .read_byte_record(&mut record)
            .map_err(|e| read_err(label, e))?
        {
            return Err(FileError::Empty {
                file: path.display().to_string(),
            });
        }
        // Through the index like every record, so the header's bytes are
        // not counted into the first data row's length.
        let line = record_line(&reader, &record, &lines);
        cek_panjang(label, &lines, line)?;
        if !is_blank(&record) {
            break line;
        }
    };
    let mut headers = Vec::with_capacity(record.len());
    for f in record.iter() {
        let Ok(h) = std::str::from_utf8(f) else {
            return Err(FileError::NotUtf8 {
                file: label.to_string(),
                line,
            });
        };
        headers.push(h.trim_start_matches('\u{feff}').trim().to_string());
    }
    Ok((
        headers,
        Source::Csv {
            reader,
            record,
            teks: StringRecord::new(),
            lines,
        },
    ))
}

pub(crate) fn record_line<R: std::io::Read>(
    reader: &csv::Reader<R>,
    record: &ByteRecord,
    lines: &LineIndex,
) -> u64 {
    let inner = record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
    lines.record_start(reader.position().byte(), inner)
}

fn next_csv<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    record: &mut ByteRecord,
    teks: &mut StringRecord,
    lines: &LineIndex,
    meta: &Meta,
    problems: &mut Vec<Problem>,
    lines_read: &mut u64,
) -> Result<Option<u64>, FileError> {
    let width = meta.headers.len();
    // The last good row's buffer, back as bytes for the next read.
    if !teks.is_empty() {
        *record = std::mem::take(teks).into_byte_record();
    }
    loop {
        if !reader
            .read_byte_record(record)
            .map_err(|e| read_err(&meta.label, e))?
        {
            return Ok(None);
        }
        // Every record goes through the index, blank or not, so it can
        // forget the newlines behind it.
        let line = record_line(reader, record, lines);
        cek_panjang(&meta.label, lines, line)?;
        if is_blank(record) {
            continue;
        }
        *lines_read += 1;
        let problem = |column: Option<usize>, reason: String| Problem {
            file: meta.label.clone(),
            line: Some(line),
            column: column.map(|c| meta.headers[c].clone()),
            reason,
        };
        if record.len() != width {
            problems.push(problem(
                None,
                format!("jumlah kolom {}, seharusnya {width}", record.len()),
            ));
            continue;
        }
        // One check of the whole row, not one per cell read: the cells
        // are then text without checking again (about 10 % of reading a
        // 35 M-row voter list). A file decoded from another encoding is
        // UTF-8 already and passes.
        match StringRecord::from_byte_record(std::mem::take(record)) {
            Ok(good) => {
                *teks = good;
                return Ok(Some(line));
            }
            Err(e) => {
                let bad = e.utf8_error().field();
                *record = e.into_byte_record();
                problems.push(problem(Some(bad), NOT_UTF8.to_string()));
            }
        }
    }
}

fn next_sheet(
    sheet: &mut Sheet,
    cells: &mut Vec<String>,
    errors: &mut Vec<CellError>,
    meta: &Meta,
    problems: &mut Vec<Problem>,
    lines_read: &mut u64,
) -> Result<Option<u64>, FileError> {
    loop {
        let Some(line) = sheet.next_row(cells, errors)? else {
            return Ok(None);
        };
        *lines_read += 1;
        // Errors only matter in columns the importer reads.
        let bad: Vec<&CellError> = errors
            .iter()
            .filter(|e| meta.columns.contains(&Some(e.col)))
            .collect();
        if bad.is_empty() {
            return Ok(Some(line));
        }
        for e in bad {
            problems.push(Problem {
                file: meta.label.clone(),
                line: Some(line),
                column: Some(meta.headers[e.col].clone()),
                reason: format!(
                    "sel {} berisi galat Excel {}; perbaiki rumusnya atau isi dengan nilai",
                    e.cell, e.value
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_headers() {
        assert_eq!(normalize_header("\u{feff} Kode Desa "), "kode_desa");
        assert_eq!(normalize_header("No."), "no");
        assert_eq!(normalize_header("DPT - Laki/Laki"), "dpt_laki_laki");
        assert_eq!(normalize_header("kode__wilayah"), "kode_wilayah");
        assert_eq!(normalize_header("Jumlah  DPT"), "jumlah_dpt");
        assert_eq!(normalize_header("DPT (L)"), "dpt_l");
    }
}
