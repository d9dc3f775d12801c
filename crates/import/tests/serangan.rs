//! Hostile files against every reader: each is refused with `file: reason`
//! (a [`FileError::Limit`] where a ceiling of `posko_import::pagu` is
//! passed) quickly and without allocating what the file claims, while the
//! well-formed files built the same way still read.
//!
//! Before the fix, the dimension bomb made the process abort (the sheet
//! reader laid out 549 GB), the shared-string and XLS bombs made it abort
//! or panic, the ODS bombs allocated gigabytes, and the CSV line and the
//! GeoJSON feature were read whole.

mod korpus;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use posko_import::pagu::{BARIS_BYTE_MAKS, KOLOM_MAKS};
use posko_import::{FileError, ImportOptions, Table, read_batas, read_dpt, read_saksi, read_tps};
use tempfile::TempDir;

fn tulis(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn opts() -> ImportOptions {
    ImportOptions::default()
}

/// The error reading `path` as a saksi list, asserting it is a refusal
/// that names the file, within a few seconds.
fn ditolak(path: &Path) -> FileError {
    let mulai = Instant::now();
    let e = match read_saksi(path, &opts()) {
        Ok(p) => panic!(
            "{} was read: {} rows, {:?}",
            path.display(),
            p.rows.len(),
            p.problems.first()
        ),
        Err(e) => e,
    };
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        e.to_string().starts_with(&name),
        "message must start with the file name: {e}"
    );
    assert!(
        mulai.elapsed() < Duration::from_secs(20),
        "{}: took {:?}",
        path.display(),
        mulai.elapsed()
    );
    e
}

fn batas(e: &FileError) -> (&str, Option<u64>, &str) {
    match e {
        FileError::Limit { file, line, reason } => (file, *line, reason),
        other => panic!("expected a ceiling passed, got: {other}"),
    }
}

#[test]
fn bom_dimensi_xlsx_ditolak_dari_ref_maupun_dari_selnya() {
    let dir = TempDir::new().unwrap();
    // Declared in <dimension ref>: refused before a cell is read.
    let p = tulis(&dir, "saksi.xlsx", &korpus::bom_dimensi(true));
    let e = ditolak(&p);
    let (file, _, reason) = batas(&e);
    assert_eq!(file, "saksi.xlsx [Lembar1]");
    assert!(reason.contains("A1:XFD1048576"), "{e}");
    assert!(reason.contains("16.384 kolom"), "{e}");
    // Not declared: the cell itself is refused when it arrives.
    let p = tulis(&dir, "tanpa_ref.xlsx", &korpus::bom_dimensi(false));
    let e = ditolak(&p);
    let (_, line, reason) = batas(&e);
    assert_eq!(line, Some(1_048_576), "{e}");
    assert!(reason.contains("sel XFD1048576"), "{e}");
    assert_eq!(KOLOM_MAKS, 1024);
    assert!(reason.contains("paling banyak 1.024 kolom"), "{e}");
    // The other readers go through the same sheet reader.
    assert!(matches!(
        read_tps(&p, &opts()),
        Err(FileError::Limit { .. })
    ));
    let e = read_dpt(&p, &opts(), &|_| true, |_, _| true).unwrap_err();
    assert!(matches!(e, FileError::Limit { .. }), "{e}");
}

#[test]
fn bom_zip_ditolak_dari_ukuran_yang_dinyatakan_dan_yang_nyata() {
    let dir = TempDir::new().unwrap();
    let bom = korpus::bom_zip(64);
    assert!(bom.len() < 512 * 1024, "{} bytes", bom.len());
    // Declared honestly: 64 MiB from some 100 KB is a bomb's ratio.
    let e = ditolak(&tulis(&dir, "rasio.xlsx", &bom));
    let (file, _, reason) = batas(&e);
    assert_eq!(file, "rasio.xlsx");
    assert!(
        reason.contains("xl/worksheets/sheet1.xml") && reason.contains("dimampatkan"),
        "{e}"
    );
    // Declared small: found while inflating, at the declared size.
    let mut bohong = bom.clone();
    korpus::ganti_ukuran(&mut bohong, "xl/worksheets/sheet1.xml", 4096);
    let e = ditolak(&tulis(&dir, "bohong.xlsx", &bohong));
    let (_, _, reason) = batas(&e);
    assert!(reason.contains("mengembang"), "{e}");
    // Declared huge: refused from the central directory alone.
    let mut besar = bom;
    korpus::ganti_ukuran(&mut besar, "xl/worksheets/sheet1.xml", 3 << 30);
    let e = ditolak(&tulis(&dir, "besar.xlsx", &besar));
    let (_, _, reason) = batas(&e);
    assert!(reason.contains("3 GiB") && reason.contains("2 GiB"), "{e}");
    // The same builder, small, is an ordinary file.
    let kecil = tulis(&dir, "kecil.xlsx", &korpus::bom_zip(0));
    let r = read_saksi(&kecil, &opts()).unwrap();
    assert_eq!(r.rows.len(), 1, "{:?}", r.problems);
}

#[test]
fn teks_bersama_dan_teks_raksasa_ditolak() {
    let dir = TempDir::new().unwrap();
    let e = ditolak(&tulis(&dir, "sst.xlsx", &korpus::bom_teks_bersama()));
    let (_, _, reason) = batas(&e);
    assert!(reason.contains("4.000.000.000 teks berbeda"), "{e}");
    let e = ditolak(&tulis(&dir, "teks.xlsx", &korpus::teks_raksasa(3)));
    let (_, _, reason) = batas(&e);
    assert!(reason.contains("lebih panjang dari 2 MiB"), "{e}");
}

#[test]
fn referensi_sel_yang_tak_mungkin_ditolak() {
    // Found by fuzzing: the library's arithmetic on such a reference
    // overflowed (a panic in checked builds, a moved cell otherwise).
    let dir = TempDir::new().unwrap();
    for (nama, rows) in [
        (
            "kolom.xlsx",
            format!(
                r#"{}<row r="3">{}</row>"#,
                korpus::baris_saksi(),
                korpus::sel(&format!("{}B3", "W".repeat(100)), "x")
            ),
        ),
        (
            "baris.xlsx",
            format!(
                r#"{}<row r="99999999999">{}</row>"#,
                korpus::baris_saksi(),
                korpus::sel("A3", "x")
            ),
        ),
    ] {
        let p = tulis(
            &dir,
            nama,
            &korpus::xlsx(&korpus::lembar(None, &rows), None),
        );
        let e = ditolak(&p);
        assert!(e.to_string().contains("referensi sel"), "{e}");
    }
    // A range whose second corner comes first: the library subtracts.
    for (nama, dimensi) in [("terbalik.xlsx", "A5:D3"), ("kiri.xlsx", "D1:A3")] {
        let p = tulis(
            &dir,
            nama,
            &korpus::xlsx(&korpus::lembar(Some(dimensi), &korpus::baris_saksi()), None),
        );
        let e = ditolak(&p);
        assert!(e.to_string().contains("referensi sel"), "{e}");
    }
}

#[test]
fn baris_xlsx_yang_mundur_ditolak() {
    let dir = TempDir::new().unwrap();
    let rows = format!(
        r#"{}<row r="9">{}</row><row r="5">{}</row>"#,
        korpus::baris_saksi(),
        korpus::sel("A9", "Budi"),
        korpus::sel("A5", "Rina")
    );
    let p = tulis(
        &dir,
        "mundur.xlsx",
        &korpus::xlsx(&korpus::lembar(None, &rows), None),
    );
    let e = ditolak(&p);
    assert!(e.to_string().contains("urutan baris rusak"), "{e}");
}

#[test]
fn xlsx_jarang_dibaca_seperti_sebelumnya() {
    // Data far from A1, a title above the header, empty rows between:
    // only rows holding cells are read, columns keep their letters.
    let dir = TempDir::new().unwrap();
    let rows = format!(
        r#"<row r="2">{}</row><row r="4">{}{}{}</row><row r="7">{}{}{}</row><row r="90000">{}{}{}</row>"#,
        korpus::sel("C2", "Daftar Saksi Gambir"),
        korpus::sel("C4", "nama"),
        korpus::sel("D4", "telepon"),
        korpus::sel("E4", "kode_tps"),
        korpus::sel("C7", "Siti"),
        korpus::sel("D7", "081234567890"),
        korpus::sel("E7", "3171011001001"),
        korpus::sel("C90000", "Budi"),
        korpus::sel("D90000", "081311112222"),
        korpus::sel("E90000", "3171011001002"),
    );
    let p = tulis(
        &dir,
        "jarang.xlsx",
        &korpus::xlsx(&korpus::lembar(Some("C2:E90000"), &rows), None),
    );
    let r = read_saksi(&p, &opts()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let lines: Vec<u64> = r.rows.iter().map(|l| l.line).collect();
    assert_eq!(lines, [7, 90000]);
    assert_eq!(r.rows[1].value.nama, "Budi");
}

#[test]
fn dpt_xlsx_banyak_lembar_dibuka_sekali() {
    // One sheet per TPS, as KPU sends them: every sheet is read.
    let dir = TempDir::new().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    for tps in 1..=3u16 {
        let ws = wb.add_worksheet();
        ws.set_name(format!("TPS {tps:03}")).unwrap();
        for (c, h) in ["KODE DESA", "NAMA", "JK"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..=200u32 {
            ws.write_string(r, 0, "3273011001").unwrap();
            ws.write_string(r, 1, format!("PEMILIH {tps}-{r}")).unwrap();
            ws.write_string(r, 2, if r % 2 == 0 { "P" } else { "L" })
                .unwrap();
        }
    }
    let p = dir.path().join("dpt.xlsx");
    wb.save(&p).unwrap();
    let mut per_tps = std::collections::BTreeMap::new();
    let s = read_dpt(&p, &opts(), &|_| true, |row, _| {
        *per_tps.entry(row.value.tps.nomor().get()).or_insert(0) += 1;
        true
    })
    .unwrap();
    assert_eq!(s.problem_count, 0, "{:?}", s.problems);
    assert_eq!(
        per_tps.into_iter().collect::<Vec<_>>(),
        [(1, 200), (2, 200), (3, 200)]
    );
}

#[test]
fn ods_dibaca_dan_bomnya_ditolak() {
    let dir = TempDir::new().unwrap();
    // LibreOffice's own trailing rows and columns are free.
    let p = tulis(&dir, "saksi.ods", &korpus::ods(&korpus::ods_saksi()));
    let r = read_saksi(&p, &opts()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].line, 2);
    assert_eq!(r.rows[0].value.nama, "Siti Aminah");
    assert_eq!(r.rows[0].value.tps.to_string(), "31.71.01.1001-001");

    let e = ditolak(&tulis(&dir, "kolom.ods", &korpus::ods_bom_kolom()));
    let (file, line, reason) = batas(&e);
    assert_eq!(file, "kolom.ods [Saksi]");
    assert_eq!(line, Some(2));
    assert!(reason.contains("sel XFD2 berada di kolom ke-16.384"), "{e}");

    let e = ditolak(&tulis(&dir, "spasi.ods", &korpus::ods_bom_spasi()));
    let (_, line, reason) = batas(&e);
    assert_eq!(line, Some(2));
    assert!(reason.contains("lebih dari 1 MiB teks"), "{e}");

    let e = ditolak(&tulis(&dir, "baris.ods", &korpus::ods_bom_baris()));
    let (_, _, reason) = batas(&e);
    assert!(reason.contains("sel terisi"), "{e}");
}

#[test]
fn xls_dibaca_dan_bomnya_ditolak() {
    let dir = TempDir::new().unwrap();
    let p = tulis(
        &dir,
        "saksi.xls",
        &korpus::xls(&[
            &["nama", "telepon", "kode_tps"],
            &["Siti Aminah", "081234567890", "3171011001001"],
        ]),
    );
    let r = read_saksi(&p, &opts()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.rows.len(), 1);

    let e = ditolak(&tulis(&dir, "luas.xls", &korpus::xls_bom_dimensi()));
    let (file, _, reason) = batas(&e);
    assert_eq!(file, "luas.xls");
    assert!(reason.contains("16.777.216 sel"), "{e}");

    let e = ditolak(&tulis(
        &dir,
        "dimensi.xls",
        &korpus::xls_bom_dimensi_bohong(),
    ));
    let (_, _, reason) = batas(&e);
    assert!(
        reason.contains("sel dari sel pertama sampai terakhir"),
        "{e}"
    );

    // A directory chain that loops: the library would read it forever.
    let putar = korpus::cfb(
        &korpus::biff("Lembar1", &[korpus::xls_teks(0, 0, "nama")]),
        true,
    );
    let e = ditolak(&tulis(&dir, "putar.xls", &putar));
    assert!(e.to_string().contains("berputar"), "{e}");
}

#[test]
fn baris_csv_100_mb_ditolak_tanpa_dibaca_utuh() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("saksi.csv");
    korpus::csv_baris_raksasa(&p, 100);
    let e = ditolak(&p);
    let (file, line, reason) = batas(&e);
    assert_eq!(file, "saksi.csv");
    assert_eq!(line, Some(2));
    assert!(reason.contains("lebih panjang dari 1 MiB"), "{e}");
    assert!(e.to_string().starts_with("saksi.csv:2: "), "{e}");
    // The DPT and TPS readers share the CSV reader.
    assert!(matches!(
        read_tps(&p, &opts()),
        Err(FileError::Limit { .. })
    ));
    assert!(matches!(
        read_dpt(&p, &opts(), &|_| true, |_, _| true),
        Err(FileError::Limit { .. })
    ));
}

#[test]
fn rekaman_csv_berkutip_yang_tak_ditutup_ditolak() {
    // An open quote makes the rest of the file one record, over many lines.
    let dir = TempDir::new().unwrap();
    let mut s = String::from("nama,telepon,kode_tps\n\"Siti,081234567890,3171011001001\n");
    while s.len() < 3 * BARIS_BYTE_MAKS {
        s.push_str("Budi,081311112222,3171011001002\n");
    }
    let e = ditolak(&tulis(&dir, "kutip.csv", s.as_bytes()));
    let (_, line, _) = batas(&e);
    assert!(line.unwrap() >= 2, "{e}");
}

#[test]
fn baris_csv_panjang_yang_wajar_tetap_terbaca() {
    // Half the ceiling in one cell is still a row (it has a bad name, so
    // it is a problem, not a refusal of the file).
    let dir = TempDir::new().unwrap();
    let s = format!(
        "nama,telepon,kode_tps\n{},081234567890,3171011001001\nSiti,081311112222,3171011001002\n",
        "A".repeat(BARIS_BYTE_MAKS / 2)
    );
    let r = read_saksi(&tulis(&dir, "panjang.csv", s.as_bytes()), &opts()).unwrap();
    assert_eq!(r.rows.len() + r.problems.len(), 2, "{:?}", r.problems);
    assert_eq!(r.rows.last().unwrap().line, 3);
    // The generic reader gives the same row whole.
    static F: [posko_import::Field; 1] = [posko_import::Field::required("nama", &["nama"])];
    let mut t = Table::open(&dir.path().join("panjang.csv"), &F, &opts()).unwrap();
    let rec = t.next_record().unwrap().unwrap();
    assert_eq!(rec.text(t_field()).len(), BARIS_BYTE_MAKS / 2);
}

fn t_field() -> posko_import::FieldId {
    posko_import::FieldId(0)
}

#[test]
fn fitur_geojson_raksasa_ditolak() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("batas.geojson");
    korpus::geojson_fitur_raksasa(&p, 17);
    let mulai = Instant::now();
    let e = read_batas(&p).unwrap_err();
    assert!(mulai.elapsed() < Duration::from_secs(30));
    let (file, _, reason) = batas(&e);
    assert_eq!(file, "batas.geojson");
    assert!(
        reason.contains("fitur ke-1 (features[0])") && reason.contains("16 MiB"),
        "{e}"
    );
}
