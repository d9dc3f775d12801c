//! Hostile files, made by the tests that use them (nothing large is kept
//! in the repository): spreadsheets that declare or inflate to far more
//! than they hold, a CSV line of 100 MB, an image header declaring
//! 11000×11000 px, a GeoJSON feature past its ceiling. Also the small well-formed
//! files they are built from, so the same builders prove that real files
//! still read.
//!
//! Shared by `crates/import/tests` and `crates/posko/tests` (included
//! there by path), so every layer is attacked with the same bytes.

#![allow(dead_code)]

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;

// ------------------------------------------------------------------ zip

/// A zip of `parts`, deflated (or stored when `stored`).
pub fn zip(parts: &[(&str, &[u8])], stored: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        let method = if stored || *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Changes the uncompressed size the local header and the central
/// directory declare for `name`: a header that lies.
pub fn ganti_ukuran(zip: &mut [u8], name: &str, besar: u32) {
    let n = name.as_bytes();
    let mut i = 0;
    let mut diganti = 0;
    while i + 46 < zip.len() {
        let sig = u32::from_le_bytes(zip[i..i + 4].try_into().unwrap());
        if sig == 0x0403_4b50 {
            let len = u16::from_le_bytes([zip[i + 26], zip[i + 27]]) as usize;
            if zip.get(i + 30..i + 30 + len) == Some(n) {
                zip[i + 22..i + 26].copy_from_slice(&besar.to_le_bytes());
                diganti += 1;
            }
        } else if sig == 0x0201_4b50 {
            let len = u16::from_le_bytes([zip[i + 28], zip[i + 29]]) as usize;
            if zip.get(i + 46..i + 46 + len) == Some(n) {
                zip[i + 24..i + 28].copy_from_slice(&besar.to_le_bytes());
                diganti += 1;
            }
        }
        i += 1;
    }
    assert_eq!(diganti, 2, "{name}: local header and central directory");
}

// ----------------------------------------------------------------- xlsx

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Lembar1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// An inline-string cell.
pub fn sel(r: &str, teks: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{teks}</t></is></c>"#)
}

/// A worksheet's XML around `rows` (`<row>` elements).
pub fn lembar(dimensi: Option<&str>, rows: &str) -> String {
    let dim = dimensi
        .map(|d| format!(r#"<dimension ref="{d}"/>"#))
        .unwrap_or_default();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dim}<sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// A one-sheet XLSX whose sheet is `sheet` (and shared strings `shared`).
pub fn xlsx(sheet: &str, shared: Option<&str>) -> Vec<u8> {
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ];
    if let Some(s) = shared {
        parts.push(("xl/sharedStrings.xml", s.as_bytes()));
    }
    zip(&parts, false)
}

/// A header and one good row, as inline strings, that the saksi, TPS and
/// DPT readers all accept (each reads the columns it knows).
pub fn baris_saksi() -> String {
    format!(
        r#"<row r="1">{}{}{}{}</row><row r="2">{}{}{}{}</row>"#,
        sel("A1", "nama"),
        sel("B1", "telepon"),
        sel("C1", "kode_tps"),
        sel("D1", "jk"),
        sel("A2", "Siti Aminah"),
        sel("B2", "081234567890"),
        sel("C2", "3171011001001"),
        sel("D2", "P")
    )
}

/// The reported attack: 1–2 KB, header and a row in A–C, and one inline
/// string at XFD1048576, the last cell a sheet can have. `dimensi` says
/// so in `<dimension ref>` too; without it only the cell tells.
pub fn bom_dimensi(dimensi: bool) -> Vec<u8> {
    let rows = format!(
        r#"{}<row r="1048576">{}</row>"#,
        baris_saksi(),
        sel("XFD1048576", "x")
    );
    xlsx(&lembar(dimensi.then_some("A1:XFD1048576"), &rows), None)
}

/// A sheet part of `mib` MiB that deflates about a thousandfold: the
/// header row and a good row, then whitespace between elements (valid
/// XML, no cells, almost nothing once deflated).
pub fn bom_zip(mib: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        w.start_file(name, opts).unwrap();
        w.write_all(bytes.as_bytes()).unwrap();
    }
    w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let kepala = lembar(None, &baris_saksi());
    let (awal, akhir) = kepala.split_at(kepala.find("</sheetData>").unwrap());
    w.write_all(awal.as_bytes()).unwrap();
    let isi = " ".repeat(1 << 16);
    let mut ditulis = 0;
    while ditulis < mib << 20 {
        w.write_all(isi.as_bytes()).unwrap();
        ditulis += isi.len();
    }
    w.write_all(akhir.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

/// A shared-string part declaring four billion strings: the library
/// reserves room for them (96 GB) before reading the first.
pub fn bom_teks_bersama() -> Vec<u8> {
    let shared = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>nama</t></si></sst>"#;
    let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#;
    xlsx(&lembar(None, rows), Some(shared))
}

/// One inline string of `mib` MiB: a single text run the XML reader
/// would hold whole. Letters vary, so it does not deflate like a bomb.
pub fn teks_raksasa(mib: usize) -> Vec<u8> {
    let mut x: u32 = 12345;
    let teks: String = (0..mib << 20)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from(b'A' + ((x >> 16) % 26) as u8)
        })
        .collect();
    let rows = format!(r#"{}<row r="3">{}</row>"#, baris_saksi(), sel("A3", &teks));
    xlsx(&lembar(None, &rows), None)
}

// ------------------------------------------------------------------ ods

const MIMETYPE_ODS: &str = "application/vnd.oasis.opendocument.spreadsheet";
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// An ODS whose spreadsheet body is `tables` (`<table:table>` elements).
pub fn ods(tables: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    zip(
        &[
            ("mimetype", MIMETYPE_ODS.as_bytes()),
            ("META-INF/manifest.xml", MANIFEST.as_bytes()),
            ("content.xml", content.as_bytes()),
        ],
        false,
    )
}

/// A text cell.
pub fn ods_teks(t: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
    )
}

/// A number cell.
pub fn ods_angka(v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
    )
}

pub fn ods_baris(sel: &[String]) -> String {
    format!("<table:table-row>{}</table:table-row>", sel.concat())
}

pub fn ods_tabel(nama: &str, rows: &str) -> String {
    format!(r#"<table:table table:name="{nama}">{rows}</table:table>"#)
}

/// The saksi header and a row, as LibreOffice writes them (the code as a
/// number), with LibreOffice's own trailing empty rows and columns.
pub fn ods_saksi() -> String {
    let mut rows = ods_baris(&[ods_teks("nama"), ods_teks("telepon"), ods_teks("kode_tps")]);
    rows.push_str(&ods_baris(&[
        ods_teks("Siti  Aminah"),
        ods_teks("081234567890"),
        ods_angka("3171011001001"),
        r#"<table:table-cell table:number-columns-repeated="1021"/>"#.to_string(),
    ]));
    rows.push_str(r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#);
    ods_tabel("Saksi", &rows)
}

/// The header the saksi, TPS and DPT readers all accept.
pub fn ods_kepala() -> String {
    ods_baris(&[
        ods_teks("nama"),
        ods_teks("telepon"),
        ods_teks("kode_tps"),
        ods_teks("jk"),
    ])
}

/// Far columns: an empty cell repeated 16,383 times, then one filled, in
/// a row LibreOffice would say is repeated a thousand times.
pub fn ods_bom_kolom() -> Vec<u8> {
    let mut rows = ods_kepala();
    rows.push_str(&format!(
        r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="16383"/>{}</table:table-row>"#,
        ods_teks("x")
    ));
    ods(&ods_tabel("Saksi", &rows))
}

/// "Two billion spaces here" (`<text:s text:c>`), in a few bytes.
pub fn ods_bom_spasi() -> Vec<u8> {
    let mut rows = ods_kepala();
    rows.push_str(&ods_baris(&[
        r#"<table:table-cell office:value-type="string"><text:p>a<text:s text:c="2000000000"/>b</text:p></table:table-cell>"#.to_string(),
    ]));
    ods(&ods_tabel("Saksi", &rows))
}

/// A filled row of a thousand cells across, repeated a million times.
pub fn ods_bom_baris() -> Vec<u8> {
    let mut rows = ods_kepala();
    rows.push_str(&format!(
        r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell office:value-type="string" table:number-columns-repeated="1000"><text:p>{}</text:p></table:table-cell></table:table-row>"#,
        "y".repeat(40)
    ));
    ods(&ods_tabel("Saksi", &rows))
}

// ------------------------------------------------------------------ xls

/// One BIFF record.
pub fn rek(jenis: u16, data: &[u8]) -> Vec<u8> {
    let mut v = jenis.to_le_bytes().to_vec();
    v.extend_from_slice(&(data.len() as u16).to_le_bytes());
    v.extend_from_slice(data);
    v
}

fn bof(dt: u16) -> Vec<u8> {
    let mut d = vec![0x00, 0x06];
    d.extend_from_slice(&dt.to_le_bytes());
    d.extend_from_slice(&[0xBB, 0x0D, 0xCC, 0x07, 0, 0, 0, 0, 0x06, 0x04, 0, 0]);
    rek(0x0809, &d)
}

/// A NUMBER cell record.
pub fn xls_angka(r: u16, c: u16, v: f64) -> Vec<u8> {
    let mut d = r.to_le_bytes().to_vec();
    d.extend_from_slice(&c.to_le_bytes());
    d.extend_from_slice(&[0, 0]);
    d.extend_from_slice(&v.to_le_bytes());
    rek(0x0203, &d)
}

/// A LABEL cell record (8-bit characters).
pub fn xls_teks(r: u16, c: u16, t: &str) -> Vec<u8> {
    let mut d = r.to_le_bytes().to_vec();
    d.extend_from_slice(&c.to_le_bytes());
    d.extend_from_slice(&[0, 0]);
    d.extend_from_slice(&(t.len() as u16).to_le_bytes());
    d.push(0);
    d.extend_from_slice(t.as_bytes());
    rek(0x0204, &d)
}

/// A DIMENSIONS record (BIFF8: rows u32, columns u16, last exclusive).
pub fn xls_dimensi(r0: u32, r1: u32, c0: u16, c1: u16) -> Vec<u8> {
    let mut d = r0.to_le_bytes().to_vec();
    d.extend_from_slice(&r1.to_le_bytes());
    d.extend_from_slice(&c0.to_le_bytes());
    d.extend_from_slice(&c1.to_le_bytes());
    d.extend_from_slice(&[0, 0]);
    rek(0x0200, &d)
}

/// The Workbook stream of one sheet named `nama` holding `records`.
pub fn biff(nama: &str, records: &[Vec<u8>]) -> Vec<u8> {
    let bound = |pos: u32| {
        let mut d = pos.to_le_bytes().to_vec();
        d.extend_from_slice(&[0, 0, nama.len() as u8, 0]);
        d.extend_from_slice(nama.as_bytes());
        rek(0x0085, &d)
    };
    let mut global = bof(0x0005);
    let pos = (global.len() + bound(0).len() + 4) as u32;
    global.extend(bound(pos));
    global.extend(rek(0x000A, &[]));
    assert_eq!(global.len() as u32, pos);
    global.extend(bof(0x0010));
    for r in records {
        global.extend_from_slice(r);
    }
    global.extend(rek(0x000A, &[]));
    global
}

/// A compound file (512-byte sectors) holding `workbook` as its
/// "Workbook" stream. `putar` makes the directory's chain loop on itself.
pub fn cfb(workbook: &[u8], putar: bool) -> Vec<u8> {
    let mut stream = workbook.to_vec();
    // Past the mini-stream cutoff, so the stream is in ordinary sectors.
    let len = stream.len().max(4096);
    stream.resize(len.div_ceil(512) * 512, 0);
    let n = (stream.len() / 512) as u32;
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    h[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    h[26..28].copy_from_slice(&3u16.to_le_bytes());
    h[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    h[30..32].copy_from_slice(&9u16.to_le_bytes());
    h[32..34].copy_from_slice(&6u16.to_le_bytes());
    h[44..48].copy_from_slice(&1u32.to_le_bytes());
    h[48..52].copy_from_slice(&1u32.to_le_bytes());
    h[56..60].copy_from_slice(&4096u32.to_le_bytes());
    h[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    h[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 0..109 {
        let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
        h[76 + i * 4..80 + i * 4].copy_from_slice(&v.to_le_bytes());
    }
    // FAT: sector 0 is the FAT, 1 the directory, 2.. the stream.
    let mut fat = vec![0xFFFF_FFFFu32; 128];
    fat[0] = 0xFFFF_FFFD;
    fat[1] = if putar { 1 } else { 0xFFFF_FFFE };
    for i in 0..n {
        fat[2 + i as usize] = if i + 1 == n { 0xFFFF_FFFE } else { 3 + i };
    }
    let mut out = h;
    for v in fat {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let entri = |nama: &str, jenis: u8, awal: u32, besar: u32| {
        let mut e = vec![0u8; 128];
        let utf16: Vec<u8> = nama
            .encode_utf16()
            .chain([0])
            .flat_map(|u| u.to_le_bytes())
            .collect();
        e[..utf16.len()].copy_from_slice(&utf16);
        e[64..66].copy_from_slice(&(utf16.len() as u16).to_le_bytes());
        e[66] = jenis;
        e[68..72].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[72..76].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[76..80].copy_from_slice(&(if jenis == 5 { 1u32 } else { 0xFFFF_FFFF }).to_le_bytes());
        e[116..120].copy_from_slice(&awal.to_le_bytes());
        e[120..124].copy_from_slice(&besar.to_le_bytes());
        e
    };
    out.extend(entri("Root Entry", 5, 0xFFFF_FFFE, 0));
    out.extend(entri("Workbook", 2, 2, len as u32));
    out.extend(vec![0u8; 256]);
    out.extend(stream);
    out
}

/// A small, real XLS of `rows` (each a row of text cells from A).
pub fn xls(rows: &[&[&str]]) -> Vec<u8> {
    let mut rek = vec![xls_dimensi(
        0,
        rows.len() as u32,
        0,
        rows.iter().map(|r| r.len()).max().unwrap_or(0) as u16,
    )];
    for (r, cells) in rows.iter().enumerate() {
        for (c, t) in cells.iter().enumerate() {
            rek.push(xls_teks(r as u16, c as u16, t));
        }
    }
    cfb(&biff("Lembar1", &rek), false)
}

/// Cells at A1 and IV65536 (the format's last cell): the library would
/// lay out 65,536 × 256 cells, twice (values and the copy it hands out).
pub fn xls_bom_dimensi() -> Vec<u8> {
    cfb(
        &biff(
            "Lembar1",
            &[
                xls_teks(0, 0, "nama"),
                xls_teks(0, 1, "telepon"),
                xls_teks(0, 2, "kode_tps"),
                xls_teks(0, 3, "jk"),
                xls_angka(65535, 255, 1.0),
            ],
        ),
        false,
    )
}

/// A DIMENSIONS record claiming four billion rows: the library reserves
/// room for them before reading one cell.
pub fn xls_bom_dimensi_bohong() -> Vec<u8> {
    cfb(
        &biff(
            "Lembar1",
            &[
                xls_dimensi(0, 4_000_000_000, 0, 4),
                xls_teks(0, 0, "nama"),
                xls_teks(0, 3, "jk"),
            ],
        ),
        false,
    )
}

// ------------------------------------------------------------------ csv

/// A saksi CSV whose second line is `mb` MB long, written in pieces.
pub fn csv_baris_raksasa(path: &Path, mb: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    f.write_all(b"nama,telepon,kode_tps,jk\n").unwrap();
    let potong = vec![b'A'; 1 << 20];
    for _ in 0..mb {
        f.write_all(&potong).unwrap();
    }
    f.write_all(b",081234567890,3171011001001,P\n").unwrap();
    f.flush().unwrap();
}

// --------------------------------------------------------------- images

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn chunk(out: &mut Vec<u8>, jenis: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut c = jenis.to_vec();
    c.extend_from_slice(data);
    out.extend_from_slice(&c);
    out.extend_from_slice(&crc32(&c).to_be_bytes());
}

/// A PNG whose header declares `lebar`×`tinggi` px (8-bit RGB) and whose
/// data holds one row: a few dozen KB claiming hundreds of MB.
pub fn png_raksasa(lebar: u32, tinggi: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = lebar.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&tinggi.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    // zlib: one stored block with the first scanline (filter 0, black).
    let baris = 1 + 3 * lebar as usize;
    let mut z = vec![0x78, 0x01, 0x00];
    z.extend_from_slice(&(baris as u16).to_le_bytes());
    z.extend_from_slice(&(!(baris as u16)).to_le_bytes());
    z.extend(std::iter::repeat_n(0u8, baris));
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A real JPEG with its frame header (SOF) changed to declare
/// `lebar`×`tinggi` px.
pub fn jpeg_dengan_ukuran(mut jpeg: Vec<u8>, lebar: u16, tinggi: u16) -> Vec<u8> {
    let mut i = 2;
    while i + 9 < jpeg.len() {
        assert_eq!(jpeg[i], 0xFF, "marker at {i}");
        let m = jpeg[i + 1];
        let len = u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize;
        if matches!(m, 0xC0..=0xC2) {
            jpeg[i + 5..i + 7].copy_from_slice(&tinggi.to_be_bytes());
            jpeg[i + 7..i + 9].copy_from_slice(&lebar.to_be_bytes());
            return jpeg;
        }
        i += 2 + len;
    }
    panic!("no SOF marker");
}

// -------------------------------------------------------------- geojson

/// A boundary file whose first feature is a ring of about `mb` MB.
pub fn geojson_fitur_raksasa(path: &Path, mb: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    f.write_all(br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"31.71"},"geometry":{"type":"Polygon","coordinates":[["#).unwrap();
    let titik = b"[106.800000,-6.100000],";
    let mut ditulis = 0;
    while ditulis < mb << 20 {
        f.write_all(titik).unwrap();
        ditulis += titik.len();
    }
    f.write_all(br#"[106.8,-6.1]]]}}]}"#).unwrap();
    f.flush().unwrap();
}
