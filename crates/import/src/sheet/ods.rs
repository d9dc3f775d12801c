//! OpenDocument spreadsheets (`.ods`, LibreOffice), read here rather than
//! by the spreadsheet library: the library builds every sheet of the file
//! as a full grid at once, and ODS can say "this row, repeated a million
//! times" or "this cell, 16,384 times across" in a few bytes. Here
//! `content.xml` is streamed once: repeats of empty cells and rows only
//! move the position, repeats of filled ones are handed on one row at a
//! time through the same ceilings as every other format, and no cell's
//! text may grow past what one row may hold.
//!
//! Values are read as the library read them (so importing an ODS file
//! gives the same text as before): `office:value` for numbers,
//! `office:date-value` and `office:time-value` as written, booleans as
//! TRUE/FALSE, text from the cell's paragraphs.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use zip::ZipArchive;
use zip::read::ZipFile;

use super::arsip::{Hitung, galat_baca};
use super::{Henti, Isi, Pengumpul, float_text};
use crate::error::FileError;
use crate::pagu::{BAGIAN_LEMBAR_MAKS, BARIS_BYTE_MAKS, KOLOM_MAKS, LEMBAR_MAKS, ribuan};

const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

type Xml<'a> = quick_xml::Reader<BufReader<Hitung<ZipFile<'a, BufReader<File>>>>>;

fn rusak(file: &str, message: impl Into<String>) -> FileError {
    FileError::Spreadsheet {
        file: file.to_string(),
        message: message.into(),
    }
}

fn galat_xml(file: &str, e: quick_xml::Error) -> FileError {
    match e {
        quick_xml::Error::Io(io) => galat_baca(
            file,
            "content.xml",
            BAGIAN_LEMBAR_MAKS,
            BAGIAN_LEMBAR_MAKS,
            &io,
        ),
        other => rusak(file, format!("content.xml rusak: {other}")),
    }
}

fn buka_zip(path: &Path, file: &str) -> Result<ZipArchive<BufReader<File>>, FileError> {
    let f = File::open(path).map_err(|cause| FileError::Open {
        path: path.to_path_buf(),
        cause,
    })?;
    let mut zip = ZipArchive::new(BufReader::new(f))
        .map_err(|e| rusak(file, format!("bukan arsip zip yang utuh: {e}")))?;
    let mut jenis = Vec::new();
    zip.by_name("mimetype")
        .map_err(|_| rusak(file, "bukan berkas ODS (tidak ada 'mimetype')"))?
        .take(MIMETYPE.len() as u64 + 1)
        .read_to_end(&mut jenis)
        .map_err(|e| rusak(file, e.to_string()))?;
    if jenis != MIMETYPE {
        return Err(rusak(file, "bukan lembar kerja ODS"));
    }
    Ok(zip)
}

/// `content.xml` as an XML event stream, through the same byte and
/// run-length ceilings the container check applied.
fn xml<'a>(zip: &'a mut ZipArchive<BufReader<File>>, file: &str) -> Result<Xml<'a>, FileError> {
    let isi = zip
        .by_name("content.xml")
        .map_err(|e| rusak(file, format!("tidak ada content.xml: {e}")))?;
    let mut r =
        quick_xml::Reader::from_reader(BufReader::new(Hitung::new(isi, BAGIAN_LEMBAR_MAKS, true)));
    let c = r.config_mut();
    c.expand_empty_elements = true;
    c.check_end_names = false;
    c.trim_text(false);
    Ok(r)
}

fn atribut(e: &BytesStart<'_>, kunci: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == kunci)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
}

/// A repeat count attribute; absent, zero or unreadable counts once.
fn ulang(e: &BytesStart<'_>, kunci: &str) -> u64 {
    atribut(e, kunci)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(1)
}

fn lewati(xml: &mut Xml<'_>, nama: &str, file: &str) -> Result<(), FileError> {
    let mut buf = Vec::new();
    xml.read_to_end_into(QName(nama), &mut buf)
        .map(|_| ())
        .map_err(|e| galat_xml(file, e))
}

/// The sheets' names, in order.
pub(crate) fn nama_lembar(path: &Path, file: &str) -> Result<Vec<String>, FileError> {
    let mut zip = buka_zip(path, file)?;
    let mut xml = xml(&mut zip, file)?;
    let mut buf = Vec::new();
    let mut names = Vec::new();
    loop {
        buf.clear();
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| galat_xml(file, e))?
        {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                if let Some(n) = atribut(&e, "table:name") {
                    names.push(n);
                    if names.len() > LEMBAR_MAKS {
                        return Err(FileError::Limit {
                            file: file.to_string(),
                            line: None,
                            reason: format!(
                                "berisi lebih dari {} lembar kerja",
                                ribuan(LEMBAR_MAKS as u64)
                            ),
                        });
                    }
                }
                lewati(&mut xml, "table:table", file)?;
            }
            Event::Eof => return Ok(names),
            _ => {}
        }
    }
}

/// Streams the `index`-th sheet's cells into `p`.
pub(crate) fn baca(path: &Path, label: &str, index: usize, p: &mut Pengumpul) -> Result<(), Henti> {
    let mut zip = buka_zip(path, label)?;
    let mut xml = xml(&mut zip, label)?;
    let mut buf = Vec::new();
    let mut ke = 0usize;
    // To the sheet's start.
    loop {
        buf.clear();
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| galat_xml(label, e))?
        {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                if atribut(&e, "table:name").is_some() {
                    if ke == index {
                        break;
                    }
                    ke += 1;
                }
                lewati(&mut xml, "table:table", label)?;
            }
            Event::Eof => return Err(rusak(label, "lembar kerja tidak ditemukan").into()),
            _ => {}
        }
    }
    let mut baris: u64 = 0;
    let mut sel: Vec<(u64, Isi)> = Vec::new();
    loop {
        buf.clear();
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| galat_xml(label, e))?
        {
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                p.detak()?;
                let kali = ulang(&e, "table:number-rows-repeated");
                sel.clear();
                baca_baris(&mut xml, label, baris, &mut sel, p)?;
                if !sel.is_empty() {
                    // A filled row repeated is that many rows: the whole
                    // repeat must fit the ceilings before one is laid out.
                    p.muat(
                        baris.saturating_add(kali),
                        sel[0].0,
                        (sel.len() as u64).saturating_mul(kali),
                    )?;
                    for k in 0..kali {
                        for (kolom, isi) in &sel {
                            p.sel(baris + k, *kolom, isi.clone())?;
                        }
                    }
                }
                baris = baris.saturating_add(kali);
            }
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                lewati(&mut xml, "table:table", label)?;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => return Ok(()),
            Event::Eof => return Err(rusak(label, "content.xml terpotong").into()),
            _ => {}
        }
    }
}

/// One `table:table-row`: its filled cells by column into `sel`.
fn baca_baris(
    xml: &mut Xml<'_>,
    label: &str,
    baris: u64,
    sel: &mut Vec<(u64, Isi)>,
    p: &Pengumpul,
) -> Result<(), Henti> {
    let mut buf = Vec::new();
    let mut kolom: u64 = 0;
    let mut byte = 0usize;
    loop {
        buf.clear();
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| galat_xml(label, e))?
        {
            Event::Start(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let kali = ulang(&e, "table:number-columns-repeated");
                let nama = e.name().as_ref().to_string();
                let e = e.into_owned();
                if let Some(isi) = nilai(xml, &e, &nama, label, baris, p)? {
                    // Checked before the repeat is laid out, so a cell
                    // repeated 16,384 times costs nothing.
                    let akhir = kolom.saturating_add(kali);
                    if akhir > u64::from(KOLOM_MAKS) {
                        return Err(p.kolom_lewat(baris, kolom.max(u64::from(KOLOM_MAKS))));
                    }
                    byte = byte.saturating_add(isi_len(&isi).saturating_mul(kali as usize));
                    if byte > BARIS_BYTE_MAKS {
                        return Err(p.baris_panjang(baris));
                    }
                    for k in kolom..akhir {
                        sel.push((k, isi.clone()));
                    }
                }
                kolom = kolom.saturating_add(kali);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => return Ok(()),
            Event::Eof => return Err(rusak(label, "content.xml terpotong").into()),
            _ => {}
        }
    }
}

fn isi_len(i: &Isi) -> usize {
    match i {
        Isi::Teks(t) | Isi::Galat(t) => t.len(),
    }
}

enum Nilai {
    Kosong,
    Angka(f64),
    Teks(String),
    Benar(bool),
}

/// A cell's value, reading on to the cell's end.
fn nilai(
    xml: &mut Xml<'_>,
    e: &BytesStart<'_>,
    nama: &str,
    label: &str,
    baris: u64,
    p: &Pengumpul,
) -> Result<Option<Isi>, Henti> {
    let mut jenis_teks = false;
    let mut galat = false;
    let mut ada = false;
    let mut v = Nilai::Kosong;
    // In attribute order, the first value attribute wins, as the
    // library read it.
    for a in e.attributes().flatten() {
        let kunci = a.key.as_ref().to_string();
        let teks = || {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        };
        match kunci.as_str() {
            "office:value" if !ada => {
                let t = teks();
                v = match t.trim().parse::<f64>() {
                    Ok(f) => Nilai::Angka(f),
                    Err(_) => Nilai::Teks(t),
                };
                ada = true;
            }
            "office:string-value" | "office:date-value" | "office:time-value" if !ada => {
                v = Nilai::Teks(teks());
                ada = true;
            }
            "office:boolean-value" if !ada => {
                let t = teks();
                v = Nilai::Benar(t == "true" || t == "TRUE");
                ada = true;
            }
            "office:value-type" if !ada => jenis_teks = teks() == "string",
            "calcext:value-type" => galat = teks() == "error",
            _ => {}
        }
    }
    let kosong_teks = matches!(&v, Nilai::Teks(t) if t.is_empty());
    if (!ada && jenis_teks) || (galat && kosong_teks) {
        let t = teks_sel(xml, nama, label, baris, p)?;
        return Ok(isi_teks(t.trim()));
    }
    lewati(xml, nama, label)?;
    Ok(match v {
        Nilai::Kosong => None,
        Nilai::Angka(f) => {
            let mut s = String::new();
            float_text(f, &mut s);
            Some(Isi::Teks(s))
        }
        Nilai::Teks(t) => {
            if t.len() > BARIS_BYTE_MAKS {
                return Err(p.baris_panjang(baris));
            }
            isi_teks(t.trim())
        }
        Nilai::Benar(b) => Some(Isi::Teks(if b { "TRUE" } else { "FALSE" }.into())),
    })
}

fn isi_teks(t: &str) -> Option<Isi> {
    (!t.is_empty()).then(|| Isi::Teks(t.to_string()))
}

/// The text of a string cell: its paragraphs joined by line breaks.
fn teks_sel(
    xml: &mut Xml<'_>,
    nama: &str,
    label: &str,
    baris: u64,
    p: &Pengumpul,
) -> Result<String, Henti> {
    let mut buf = Vec::new();
    let mut s = String::new();
    let mut pertama = true;
    loop {
        if s.len() > BARIS_BYTE_MAKS {
            return Err(p.baris_panjang(baris));
        }
        buf.clear();
        match xml
            .read_event_into(&mut buf)
            .map_err(|e| galat_xml(label, e))?
        {
            Event::Text(t) => s.push_str(&t.xml10_content()),
            Event::CData(t) => s.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if r.is_char_ref() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        s.push(c);
                    }
                } else {
                    match &*r {
                        "amp" => s.push('&'),
                        "lt" => s.push('<'),
                        "gt" => s.push('>'),
                        "quot" => s.push('"'),
                        "apos" => s.push('\''),
                        lain => {
                            s.push('&');
                            s.push_str(lain);
                            s.push(';');
                        }
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == nama => return Ok(s),
            Event::Start(e) => match e.name().as_ref() {
                "office:annotation" => lewati(xml, "office:annotation", label)?,
                "text:p" => {
                    if !pertama {
                        s.push('\n');
                    }
                    pertama = false;
                }
                "text:s" => {
                    // "this many spaces": the count is checked against
                    // what one row may hold before a space is written.
                    let n = ulang(&e, "text:c");
                    if n as usize > BARIS_BYTE_MAKS.saturating_sub(s.len()) {
                        return Err(p.baris_panjang(baris));
                    }
                    s.extend(std::iter::repeat_n(' ', n as usize));
                }
                "text:tab" => s.push('\t'),
                "text:line-break" => s.push('\n'),
                _ => {}
            },
            Event::Eof => return Err(rusak(label, "content.xml terpotong").into()),
            _ => {}
        }
    }
}
