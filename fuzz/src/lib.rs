//! What the file-reader fuzz targets share: writing the input where the
//! importer reads files from, reading every record the way importers do,
//! and building a well-formed XLSX around fuzzed parts.

use std::io::{Cursor, Write};
use std::path::PathBuf;

use posko_import::pagu::KOLOM_MAKS;
use posko_import::{Field, ImportOptions, Table, read_dpt};

/// Writes `data` to a per-process file with extension `ext` (in memory
/// under /dev/shm when there is one) and returns its path.
pub fn berkas(ext: &str, data: &[u8]) -> PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let path = dir.join(format!("posko-fuzz-{}.{ext}", std::process::id()));
    std::fs::write(&path, data).expect("write the input");
    path
}

/// Optional fields only, so any header row is a table and every record
/// is read.
static KOLOM: [Field; 3] = [
    Field::optional("kode", &["kode", "kode_tps", "kode_desa"]),
    Field::optional("nama", &["nama"]),
    Field::optional("jumlah", &["jumlah", "dpt"]),
];

/// Reads every record through `Table` (checking line order and width),
/// then the whole file through the DPT reader. Refusals are fine; panics
/// and lines going backwards are not.
pub fn semua_baris(path: &std::path::Path) {
    let opts = ImportOptions::default();
    if let Ok(mut t) = Table::open(path, &KOLOM, &opts) {
        let mut lalu = 0u64;
        loop {
            match t.next_record() {
                Ok(Some(r)) => {
                    // Never backwards; records split by a bare CR (old Mac
                    // files) share a line, as the line index documents.
                    assert!(r.line() >= lalu, "line {} after {lalu}", r.line());
                    lalu = r.line();
                    assert!(
                        r.column(KOLOM_MAKS as usize).is_none(),
                        "past the column ceiling"
                    );
                    for i in 0..3 {
                        let _ = r.get(posko_import::FieldId(i));
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    let _ = e.to_string();
                    break;
                }
            }
        }
        let s = t.finish();
        assert!(s.problems.iter().all(|p| p.line.is_some()));
    }
    let mut n = 0u64;
    if let Ok(s) = read_dpt(path, &opts, &|_| true, |_, _| {
        n += 1;
        true
    }) {
        assert_eq!(s.rows_valid, n);
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Lembar1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// A one-sheet XLSX (stored, not deflated) around `lembar` and `bersama`.
pub fn xlsx(lembar: &[u8], bersama: Option<&[u8]>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut bagian: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", lembar),
    ];
    if let Some(b) = bersama {
        bagian.push(("xl/sharedStrings.xml", b));
    }
    for (nama, isi) in bagian {
        w.start_file(nama, opts).expect("start part");
        w.write_all(isi).expect("write part");
    }
    w.finish().expect("finish zip").into_inner()
}
