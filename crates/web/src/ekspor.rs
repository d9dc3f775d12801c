//! Downloads of the tables pages show: one table model
//! ([`posko_app::laporan::Tabel`]), written as XLSX here and as PDF by
//! `posko-pdf`. A page builds its table once and both its HTML and its
//! downloads come from the same rows, so a file never holds more than the
//! viewer saw. Every download is `…/xlsx` or `…/pdf` after the page's path,
//! with the page's query kept; a page with more than one table names the
//! table in between (`…/pantau/31.71/insiden/xlsx`).

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use posko_app::Masuk;
use posko_app::laporan::{GayaAngka, JenisKolom, Sel, Tabel};
use posko_domain::ZonaWaktu;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use time::OffsetDateTime;

use crate::bahasa::Bahasa;
use crate::error::PageError;

/// The two file formats of a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Berkas {
    Xlsx,
    Pdf,
}

/// The format is the path's last segment, so one handler serves both of
/// a table's routes (`…/xlsx` and `…/pdf`).
impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Berkas {
    type Rejection = StatusCode;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        match parts.uri.path().rsplit('/').next() {
            Some("xlsx") => Ok(Berkas::Xlsx),
            Some("pdf") => Ok(Berkas::Pdf),
            _ => Err(StatusCode::NOT_FOUND),
        }
    }
}

impl Berkas {
    pub(crate) fn ekstensi(self) -> &'static str {
        match self {
            Berkas::Xlsx => "xlsx",
            Berkas::Pdf => "pdf",
        }
    }

    fn jenis(self) -> &'static str {
        match self {
            Berkas::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Berkas::Pdf => "application/pdf",
        }
    }
}

/// The links shown next to a table: `{dasar}/xlsx{kueri}` and
/// `{dasar}/pdf{kueri}`.
pub(crate) struct Tautan {
    pub xlsx: String,
    pub pdf: String,
}

impl Tautan {
    /// `kueri` is empty or starts with `?`.
    pub(crate) fn new(dasar: &str, kueri: &str) -> Tautan {
        Tautan {
            xlsx: format!("{dasar}/xlsx{kueri}"),
            pdf: format!("{dasar}/pdf{kueri}"),
        }
    }
}

/// The page's language as the PDF writes numbers.
pub(crate) fn gaya_angka() -> GayaAngka {
    match Bahasa::kini() {
        Bahasa::Id => GayaAngka::Indonesia,
        Bahasa::En => GayaAngka::Inggris,
    }
}

/// `30-11-2026 10.15 WITA`: now, in the zone of the region the table is
/// about, as the rest of Posko prints times.
pub(crate) fn waktu(zona: ZonaWaktu) -> String {
    let t = OffsetDateTime::now_utc().to_offset(zona.offset());
    format!(
        "{:02}-{:02}-{:04} {:02}.{:02} {}",
        t.day(),
        t.month() as u8,
        t.year(),
        t.hour(),
        t.minute(),
        zona.singkatan()
    )
}

/// An empty table carrying who printed it and when, in the page's
/// language; the caller fills in title, columns and rows.
pub(crate) fn tabel(m: &Masuk, zona: ZonaWaktu) -> Tabel {
    let oleh = format!("{} ({})", m.pengguna.nama, m.pengguna.username);
    Tabel {
        kaki: crate::t2("ekspor-kaki", "oleh", oleh.clone(), "waktu", waktu(zona)),
        dibuat_oleh: oleh,
        pola_halaman: crate::t2("ekspor-halaman", "n", "{n}", "m", "{m}"),
        angka: gaya_angka(),
        ..Tabel::default()
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`,
/// not starting or ending with an apostrophe, never empty.
pub(crate) fn nama_lembar(judul: &str) -> String {
    let bersih: String = judul
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let rapat = bersih.split_whitespace().collect::<Vec<_>>().join(" ");
    let pendek: String = rapat.chars().take(31).collect();
    let pendek = pendek.trim().trim_matches('\'').trim().to_string();
    if pendek.is_empty() {
        "Tabel".into()
    } else {
        pendek
    }
}

/// Whether a spreadsheet would run this text as a formula if someone
/// edited the cell: the same characters as the CSV exports guard
/// (`posko_app::ekspor`).
fn seperti_rumus(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

const FORMAT_BULAT: &str = "#,##0";
const FORMAT_PERSEN: &str = "0.0%";

/// The table as an XLSX workbook: title and scope line above, a bold
/// header row frozen in place, numbers and shares as number cells with
/// their formats, text that looks like a formula kept as text (quote
/// prefix, the XLSX form of a leading apostrophe), the total row bold,
/// and who printed it when under the table.
pub(crate) fn xlsx(t: &Tabel) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(nama_lembar(&t.judul))?;
    tulis_lembar(ws, t)?;
    wb.save_to_buffer()
}

/// Row of the header in the sheet (0-based): title, scope, notes, a gap.
pub(crate) fn baris_kepala(t: &Tabel) -> u32 {
    2 + t.catatan.len() as u32 + 1
}

fn tulis_lembar(ws: &mut Worksheet, t: &Tabel) -> Result<(), XlsxError> {
    let judul = Format::new().set_bold().set_font_size(13);
    let samar = Format::new().set_font_color(0x555555);
    let kepala = Format::new()
        .set_bold()
        .set_background_color(0xD9D9D9)
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let kepala_kanan = kepala.clone().set_align(FormatAlign::Right);
    let bulat = Format::new().set_num_format(FORMAT_BULAT);
    let persen = Format::new().set_num_format(FORMAT_PERSEN);
    let teks = Format::new();
    let rumus = Format::new().set_quote_prefix();

    ws.write_string_with_format(0, 0, &t.judul, &judul)?;
    ws.write_string_with_format(1, 0, &t.subjudul, &samar)?;
    for (i, c) in t.catatan.iter().enumerate() {
        ws.write_string(2 + i as u32, 0, c)?;
    }
    let r0 = baris_kepala(t);
    for (c, k) in t.kolom.iter().enumerate() {
        let f = if matches!(k.jenis, JenisKolom::Bulat | JenisKolom::Persen) {
            &kepala_kanan
        } else {
            &kepala
        };
        ws.write_string_with_format(r0, c as u16, &k.judul, f)?;
    }
    let tulis_baris = |ws: &mut Worksheet, r: u32, b: &[Sel], tebal: bool| {
        let gaya = |f: &Format| {
            if tebal {
                f.clone().set_bold()
            } else {
                f.clone()
            }
        };
        for (c, s) in b.iter().enumerate() {
            let c = c as u16;
            match s {
                Sel::Teks(x) if seperti_rumus(x) => {
                    ws.write_string_with_format(r, c, x, &gaya(&rumus))?;
                }
                Sel::Teks(x) => {
                    ws.write_string_with_format(r, c, x, &gaya(&teks))?;
                }
                Sel::Bulat(n) => {
                    ws.write_number_with_format(r, c, *n as f64, &gaya(&bulat))?;
                }
                Sel::Persen(x) if x.is_finite() => {
                    ws.write_number_with_format(r, c, *x, &gaya(&persen))?;
                }
                Sel::Persen(_) | Sel::Kosong => {}
            }
        }
        Ok::<(), XlsxError>(())
    };
    let mut r = r0 + 1;
    for b in &t.baris {
        tulis_baris(ws, r, b, false)?;
        r += 1;
    }
    if let Some(total) = &t.total {
        tulis_baris(ws, r, total, true)?;
        r += 1;
    }
    ws.write_string_with_format(r + 1, 0, format!("Posko · {}", t.kaki), &samar)?;
    // Widths from the table's own cells (as printed, with grouping), not
    // from the long title above it.
    for c in 0..t.kolom.len() as u16 {
        let isi = t
            .baris
            .iter()
            .chain(t.total.iter())
            .filter_map(|b| b.get(c as usize))
            .map(|s| t.angka.sel(s).chars().count())
            .chain(t.kolom.get(c as usize).map(|k| k.judul.chars().count()))
            .max()
            .unwrap_or(8);
        ws.set_column_width(c, (isi as f64 * 1.1 + 2.0).clamp(6.0, 60.0))?;
    }
    ws.set_freeze_panes(r0 + 1, 0)?;
    Ok(())
}

/// The file as a download named `{nama}.{xlsx|pdf}` (e.g.
/// `rekap-31.71.xlsx`). The PDF is rendered off the async threads.
pub(crate) async fn unduhan(t: Tabel, berkas: Berkas, nama: &str) -> Result<Response, PageError> {
    let bytes = match berkas {
        Berkas::Xlsx => crate::di_latar("menyusun XLSX", move || xlsx(&t))
            .await?
            .map_err(|e| {
                PageError::from(posko_app::AppError::internal(
                    "menyusun XLSX",
                    e.to_string(),
                ))
            })?,
        Berkas::Pdf => posko_app::laporan::cetak_tabel(t).await?,
    };
    Ok(kirim(bytes, berkas, nama))
}

/// Bytes as an attachment.
pub(crate) fn kirim(bytes: Vec<u8>, berkas: Berkas, nama: &str) -> Response {
    // The name is built from codes and fixed words; keep it header-safe
    // whatever a caller passes.
    let aman: String = nama
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, berkas.jenis().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{aman}.{}\"", berkas.ekstensi()),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader};
    use posko_app::laporan::Kolom;

    fn contoh() -> Tabel {
        Tabel {
            judul: "Rekap hasil: Kota Jakarta Pusat / 2029 [final]?".into(),
            subjudul: "Pemilihan Gubernur · 31.71".into(),
            catatan: vec!["Catatan satu".into()],
            kolom: vec![
                Kolom::new("Kecamatan", JenisKolom::Teks),
                Kolom::new("Kode", JenisKolom::Kode),
                Kolom::new("Suara 01", JenisKolom::Bulat),
                Kolom::new("Partisipasi", JenisKolom::Persen),
            ],
            baris: vec![
                vec![
                    Sel::Teks("Gambir".into()),
                    Sel::Teks("31.71.01".into()),
                    Sel::Bulat(1_234_567),
                    Sel::Persen(0.456),
                ],
                vec![
                    Sel::Teks("=HYPERLINK(\"http://x\")".into()),
                    Sel::Teks("31.71.02".into()),
                    Sel::Bulat(0),
                    Sel::Kosong,
                ],
            ],
            total: Some(vec![
                Sel::Teks("Jumlah".into()),
                Sel::Kosong,
                Sel::Bulat(1_234_567),
                Sel::Persen(0.5),
            ]),
            kaki: "Dicetak oleh Rina (rina) pada 30-11-2026 10.15 WIB".into(),
            dibuat_oleh: "Rina (rina)".into(),
            pola_halaman: "halaman {n} dari {m}".into(),
            angka: GayaAngka::Indonesia,
        }
    }

    #[test]
    fn sheet_names_are_valid() {
        assert_eq!(
            nama_lembar("Rekap hasil: Kota Jakarta Pusat / 2029 [final]?"),
            "Rekap hasil Kota Jakarta Pusat"
        );
        assert_eq!(nama_lembar("a*b\\c"), "a b c");
        assert_eq!(nama_lembar(""), "Tabel");
        assert_eq!(nama_lembar("[]:*?/\\"), "Tabel");
        assert_eq!(nama_lembar("'kutip'"), "kutip");
        let panjang = nama_lembar(&"Kabupaten Kepulauan Seribu ".repeat(3));
        assert!(panjang.chars().count() <= 31, "{panjang}");
        for nama in ["x".repeat(40), "Rekap: a/b".into(), "ÄÖÜ é".into()] {
            let n = nama_lembar(&nama);
            assert!(n.chars().count() <= 31);
            assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']));
            // rust_xlsxwriter refuses an invalid name: this one it takes.
            Workbook::new().add_worksheet().set_name(&n).unwrap();
        }
    }

    #[test]
    fn numbers_are_number_cells_and_formulas_stay_text() {
        let t = contoh();
        let bytes = xlsx(&t).unwrap();
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let nama = wb.sheet_names()[0].clone();
        assert_eq!(nama, "Rekap hasil Kota Jakarta Pusat");
        let r = wb.worksheet_range(&nama).unwrap();
        let h = baris_kepala(&t) as usize;
        assert_eq!(h, 4);
        let sel = |row: usize, col: usize| r.get((row, col)).cloned().unwrap_or(Data::Empty);
        assert_eq!(sel(0, 0), Data::String(t.judul.clone()));
        assert_eq!(sel(h, 0), Data::String("Kecamatan".into()));
        assert_eq!(sel(h, 3), Data::String("Partisipasi".into()));
        assert_eq!(
            sel(h + 1, 1),
            Data::String("31.71.01".into()),
            "codes stay text"
        );
        assert_eq!(sel(h + 1, 2), Data::Float(1_234_567.0));
        assert_eq!(sel(h + 1, 3), Data::Float(0.456));
        assert_eq!(
            sel(h + 2, 0),
            Data::String("=HYPERLINK(\"http://x\")".into()),
            "a formula-looking name is a text cell"
        );
        assert_eq!(sel(h + 2, 3), Data::Empty, "no share of nothing");
        assert_eq!(sel(h + 3, 0), Data::String("Jumlah".into()));
        assert_eq!(sel(h + 3, 2), Data::Float(1_234_567.0));
        assert!(
            matches!(sel(h + 5, 0), Data::String(s) if s.contains("Dicetak oleh Rina")),
            "footer under the table"
        );
    }

    #[test]
    fn cells_carry_formats_freeze_and_quote_prefix() {
        // The parts of the file a reader does not expose: look at the XML.
        let bytes = xlsx(&contoh()).unwrap();
        let mut zip = zip_baca(&bytes, "xl/styles.xml");
        // `#,##0` is Excel's built-in format 3, so it has no formatCode.
        assert!(
            zip.contains("formatCode=\"#,##0\"") || zip.contains("numFmtId=\"3\""),
            "{zip}"
        );
        assert!(zip.contains("formatCode=\"0.0%\""), "{zip}");
        assert!(zip.contains("quotePrefix=\"1\""), "{zip}");
        zip = zip_baca(&bytes, "xl/worksheets/sheet1.xml");
        assert!(zip.contains("<pane ySplit=\"5\""), "{zip}");
        assert!(!zip.contains("<f>"), "no formula anywhere");
    }

    /// One file of the XLSX zip, through calamine's own zip reader.
    fn zip_baca(bytes: &[u8], nama: &str) -> String {
        use std::io::Read;
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        z.by_name(nama).unwrap().read_to_string(&mut s).unwrap();
        s
    }
}
