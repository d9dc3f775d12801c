//! The ceilings (pagu) every reader of files people bring keeps, checked
//! before anything is allocated for what a file merely claims, and again
//! while it is read, because a file's own metadata can lie.
//!
//! Each number is generous against the largest real file Posko expects (a
//! whole province's DPT, 1,048,576 rows of about 12 columns in one
//! sheet) and small against what the attack it stops needs.

/// Columns a sheet row may use (A = 1). Real imports have under 100
/// columns; a legislative per-candidate results export can reach a few
/// hundred. 1,024 is ten times the widest file seen and keeps one row's
/// buffer a few kilobytes; the attack it stops is a cell at XFD (16,384).
pub const KOLOM_MAKS: u32 = 1024;

/// Non-empty cells one sheet may hold: a full-height sheet (1,048,576
/// rows, Excel's own limit) of 32 columns, nearly three times a whole
/// province's DPT in one sheet. Empty cells are not counted: they cost no
/// memory and the byte ceilings below bound the time they take.
pub const SEL_MAKS: u64 = 1_048_576 * 32;

/// Rows one sheet may have: Excel's and LibreOffice's own limit. An ODS
/// file can say "repeat this row" past it in a few bytes.
pub const BARIS_LEMBAR_MAKS: u64 = 1_048_576;

/// Bytes of cell text one sheet may hand on, all rows together. A cell
/// that names a shared string is a copy of it, so a small file can
/// otherwise make gigabytes of text; a full-height DPT sheet is under
/// 1 GB.
pub const TEKS_LEMBAR_MAKS: u64 = 4 * 1024 * 1024 * 1024;

/// Bytes of text one row may hold: a CSV record (with any line breaks
/// inside its quotes) or a sheet row's cells together. A DPT row is about
/// 200 bytes and Excel caps one cell at 32,767 characters, so 1 MiB is
/// generous; a file with a longer "row" is not a table, and refusing it
/// keeps one row from ever needing more than this in memory.
pub const BARIS_BYTE_MAKS: usize = 1024 * 1024;

/// Decompressed bytes of one worksheet part of an XLSX/XLSB file, or of an
/// ODS file's `content.xml`: these are streamed, never held whole. A
/// 1,048,576-row × 12-column DPT written by Excel with inline strings is
/// about 0.9 GB of XML, so 2 GiB leaves room for styles and attributes.
pub const BAGIAN_LEMBAR_MAKS: u64 = 2 * 1024 * 1024 * 1024;

/// Decompressed bytes of any other part (shared strings, styles, the
/// workbook, relationships, pictures): the spreadsheet library reads
/// these whole into memory. A full DPT whose names, addresses and NIK are
/// all different has about 4 million shared strings, some 160 MB.
pub const BAGIAN_LAIN_MAKS: u64 = 256 * 1024 * 1024;

/// Decompressed bytes of all parts of one file together.
pub const ZIP_TOTAL_MAKS: u64 = 4 * 1024 * 1024 * 1024;

/// How many times a part may grow when decompressed. Real worksheet XML
/// deflates 5–30× (very repetitive sheets a little more); a zip bomb uses
/// deflate's maximum of about 1,000×. Checked for parts above
/// [`RASIO_BEBAS`], where a high ratio can cost real time.
pub const RASIO_MAKS: u64 = 250;

/// Parts smaller than this (decompressed) are not held to [`RASIO_MAKS`]:
/// a tiny part of repeated markup may compress very well and costs nothing.
pub const RASIO_BEBAS: u64 = 1024 * 1024;

/// Entries in one zip: a workbook with one sheet per TPS of a large
/// kabupaten has a few thousand parts.
pub const BAGIAN_JUMLAH_MAKS: usize = 65_536;

/// Unique shared strings an XLSX may declare (`<sst uniqueCount>`): the
/// library reserves memory for that many before reading one. A full
/// 12-column sheet has at most 12.6 million different strings.
pub const TEKS_BERSAMA_MAKS: u64 = 1 << 24;

/// One record of an XLSB part: Excel's longest (a 32,767-character string
/// with its formatting runs) is well under 1 MiB; the library sizes its
/// buffer by what the record header claims.
pub const REKAMAN_XLSB_MAKS: u64 = 4 * 1024 * 1024;

/// Cells an XLS (Excel 97–2003) file may make the library lay out: it holds
/// every sheet of the file in memory at once, each as a full grid of rows ×
/// columns between its first and last used cell (values, formulas, and the
/// copy it hands out: about 90 bytes a cell). The format itself stops at
/// 65,536 rows, so 65,536 × 32 cells (about 180 MB at most) still reads
/// any real XLS, a kecamatan's DPT with a sheet per TPS included; larger is
/// refused with advice to save it as XLSX, which is read row by row.
pub const SEL_PADAT_XLS_MAKS: u64 = 65_536 * 32;

/// Bytes of an XLS file: the library reads the old format whole into
/// memory. Its own limits (65,536 rows × 256 columns) keep real files well
/// under 100 MB.
pub const XLS_BYTE_MAKS: u64 = 256 * 1024 * 1024;

/// Bytes between two `<` in an XML part: one tag with its attributes, or
/// one run of text. An XML reader holds a whole tag or text run in memory,
/// and a cell holds at most 32,767 characters (under 128 KB of UTF-8), so
/// a longer run is refused rather than buffered.
pub const XML_JEDA_MAKS: u64 = 2 * 1024 * 1024;

/// Sheets one workbook may have: one per TPS of a large kecamatan is a
/// few hundred.
pub const LEMBAR_MAKS: usize = 4096;

/// Bytes of one GeoJSON feature. A feature is parsed whole, at about six
/// times its text in memory, and is refused at this many bytes read, so
/// parsing one never holds more than about 100 MB. The public simplified
/// boundary sets are under 1 MB a feature; an island province outlined at
/// full survey detail can pass the ceiling and is simplified first (the
/// import simplifies it anyway, to [`crate::TOLERANSI_IMPOR`]).
pub const FITUR_BYTE_MAKS: u64 = 16 * 1024 * 1024;

/// Rows a file read whole before anything is done with it may have: a
/// table read as it stands ([`crate::read_mentah`], a bank statement)
/// or a treasurer's ledger, checked row by row before one is written.
/// An RKDK statement over a whole campaign is a few thousand lines and a
/// campaign's ledger rarely more; 100,000 is generous and keeps what is
/// held in memory small.
pub const BARIS_UTUH_MAKS: u64 = 100_000;

/// Bytes of cell text a table read as it stands may hold, all rows together: a
/// statement line is under 200 bytes, so 32 MiB is a hundredfold the
/// largest real one and bounds what a file of shared strings repeated in
/// every cell can make the reader keep.
pub const TEKS_UTUH_MAKS: u64 = 32 * 1024 * 1024;

/// `1.234.567`: numbers in messages as Indonesian readers group them.
pub(crate) fn ribuan(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `2 GiB`, `256 MiB`: a byte ceiling as a message says it.
pub(crate) fn ukuran(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= 1024 * MIB && n.is_multiple_of(1024 * MIB) {
        format!("{} GiB", n / (1024 * MIB))
    } else if n >= MIB {
        format!("{} MiB", ribuan(n.div_ceil(MIB)))
    } else {
        format!("{} KiB", ribuan(n.div_ceil(1024)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn angka_pesan() {
        assert_eq!(ribuan(0), "0");
        assert_eq!(ribuan(999), "999");
        assert_eq!(ribuan(1024), "1.024");
        assert_eq!(ribuan(33_554_432), "33.554.432");
        assert_eq!(ukuran(BAGIAN_LEMBAR_MAKS), "2 GiB");
        assert_eq!(ukuran(BAGIAN_LAIN_MAKS), "256 MiB");
        assert_eq!(ukuran(BARIS_BYTE_MAKS as u64), "1 MiB");
    }
}
