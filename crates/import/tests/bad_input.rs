//! Files as campaigns really bring them: other delimiters and encodings,
//! Excel-mangled codes, bad counts, spreadsheets.

use std::fs;
use std::path::PathBuf;

use posko_import::{
    EncodingChoice, Field, FileError, ImportOptions, Problem, Table, read_tps, read_wilayah,
};
use tempfile::TempDir;

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn auto() -> ImportOptions {
    ImportOptions::default()
}

/// (line, column, reason) of every problem, for exact assertions.
fn lcr(problems: &[Problem]) -> Vec<(u64, Option<&str>, &str)> {
    problems
        .iter()
        .map(|p| (p.line.unwrap(), p.column.as_deref(), p.reason.as_str()))
        .collect()
}

const TPS_HEADER: &str = "kode_desa,tps_no,dpt_laki,dpt_perempuan,dpt_total\n";

fn tps_csv(body: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let p = write(&dir, "tps.csv", format!("{TPS_HEADER}{body}").as_bytes());
    (dir, p)
}

#[test]
fn semicolon_with_bom_and_crlf() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "wilayah.csv",
        b"\xEF\xBB\xBFKode;Nama;Tingkat\r\n32;Jawa Barat;provinsi\r\n\r\n32.73;\"Kota  Bandung\";kabkota\r\n",
    );
    let r = read_wilayah(&p, &auto()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.rows.len(), 2);
    assert_eq!(r.rows[1].line, 4);
    assert_eq!(r.rows[1].value.kode.to_string(), "32.73");
    assert_eq!(r.rows[1].value.nama, "Kota Bandung");
    assert_eq!(r.lines_read, 2);
}

#[test]
fn windows_1252_auto_and_strict() {
    let dir = TempDir::new().unwrap();
    let bytes = b"kode,nama\n32,Jawa Barat\n32.73,Kota Bandung \x96 Caf\xE9\n";
    let p = write(&dir, "w.csv", bytes);
    let r = read_wilayah(&p, &auto()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.rows[1].value.nama, "Kota Bandung \u{2013} Café");
    assert_eq!(r.notices, ["berkas dibaca sebagai Windows-1252"]);

    let strict = ImportOptions {
        encoding: EncodingChoice::Utf8,
    };
    let r = read_wilayah(&p, &strict).unwrap();
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.problems.len(), 1);
    let pr = &r.problems[0];
    assert_eq!((pr.line, pr.column.as_deref()), (Some(3), Some("nama")));
    assert!(pr.reason.contains("bukan UTF-8"), "{pr}");
    assert!(pr.reason.contains("--encoding windows-1252"), "{pr}");

    let forced = ImportOptions {
        encoding: EncodingChoice::Windows1252,
    };
    let r = read_wilayah(
        &write(&dir, "u.csv", "kode,nama\n32,Jawa Barat\n".as_bytes()),
        &forced,
    )
    .unwrap();
    assert_eq!(r.notices, ["berkas dibaca sebagai Windows-1252"]);
}

#[test]
fn invalid_byte_after_the_sniff_window_is_a_row_problem() {
    let dir = TempDir::new().unwrap();
    let mut s = String::from("kode,nama\n");
    let mut n = 0;
    while s.len() < 70_000 {
        n += 1;
        s.push_str(&format!("32.73.01.{},Desa {n}\n", 1000 + n));
    }
    let mut bytes = s.into_bytes();
    bytes.extend_from_slice(b"32.73.02.1001,Caf\xE9\n");
    let r = read_wilayah(&write(&dir, "big.csv", &bytes), &auto()).unwrap();
    assert!(r.notices.is_empty());
    assert_eq!(r.rows.len(), n);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].line, Some(n as u64 + 2));
    assert!(r.problems[0].reason.contains("bukan UTF-8"));
}

#[test]
fn utf16le_tab_separated() {
    let dir = TempDir::new().unwrap();
    let text = "kode_desa\tnomor_tps\tdpt\r\n3273011001\tTPS 001\t300\r\n3273011001\t2\t\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let r = read_tps(&write(&dir, "tps.txt", &bytes), &auto()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.rows.len(), 2);
    assert_eq!(r.rows[0].value.kode.to_string(), "32.73.01.1001-001");
    assert_eq!(r.rows[0].value.dpt.total(), Some(300));
    assert_eq!(r.rows[1].line, 3);
    assert_eq!(r.rows[1].value.dpt.total(), None);
}

#[test]
fn excel_float_codes_and_scientific_notation() {
    let (_d, p) =
        tps_csv("3273011001.0,1.0,100,120,220.0\n3.27301E+09,2,1,1,2\n\"3,27301E+09\",3,1,1,2\n");
    let r = read_tps(&p, &auto()).unwrap();
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].value.kode.to_string(), "32.73.01.1001-001");
    assert_eq!(r.rows[0].value.dpt.total(), Some(220));
    let got = lcr(&r.problems);
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].0, got[0].1), (3, Some("kode_desa")));
    assert_eq!(
        got[0].2,
        "kode berubah menjadi notasi ilmiah oleh Excel (3.27301E+09): digitnya hilang; format kolom sebagai Teks lalu ekspor ulang"
    );
    assert_eq!((got[1].0, got[1].1), (4, Some("kode_desa")));
    assert!(got[1].2.contains("(3,27301E+09)"));
}

#[test]
fn bad_dpt_counts() {
    let (_d, p) = tps_csv(concat!(
        "3273011001,1,100,120,-220\n", // line 2: negative
        "3273011001,2,,,5000\n",       // line 3: absurd
        "3273011001,3,100,120,230\n",  // line 4: sum mismatch
        "3273011001,4,seratus,120,\n", // line 5: letters
        "3273011001,5,12.5,120,\n",    // line 6: decimal
        "3273011001,6,100,120,\n",     // line 7: fine, total filled in
    ));
    let r = read_tps(&p, &auto()).unwrap();
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].line, 7);
    assert_eq!(r.rows[0].value.dpt.total(), Some(220));
    let got = lcr(&r.problems);
    assert_eq!(got.len(), 5, "{got:?}");
    assert_eq!((got[0].0, got[0].1), (2, Some("dpt_total")));
    assert!(got[0].2.contains("tidak boleh negatif"));
    assert_eq!((got[1].0, got[1].1), (3, Some("dpt_total")));
    assert!(
        got[1].2.starts_with("DPT total = 5000 tidak wajar"),
        "{}",
        got[1].2
    );
    assert_eq!((got[2].0, got[2].1), (4, Some("dpt_total")));
    assert!(got[2].2.contains("230"), "{}", got[2].2);
    assert_eq!(
        (got[3].0, got[3].1, got[3].2),
        (5, Some("dpt_laki"), "'seratus' bukan angka")
    );
    assert_eq!((got[4].0, got[4].1), (6, Some("dpt_laki")));
    assert!(got[4].2.contains("bukan bilangan bulat"));
    assert_eq!(
        r.problems[1].to_string(),
        format!("tps.csv:3: kolom 'dpt_total': {}", got[1].2)
    );
}

#[test]
fn wrong_column_count_and_duplicates() {
    let (_d, p) = tps_csv(concat!(
        "3273011001,1,100,120,220\n",
        "3273011001,2,100\n",
        "32.73.01.1001,001,1,1,2\n",
        "3273011001,3,1,1,2,9\n",
    ));
    let r = read_tps(&p, &auto()).unwrap();
    assert_eq!(r.rows.len(), 1);
    assert_eq!(
        lcr(&r.problems),
        [
            (3, None, "jumlah kolom 3, seharusnya 5"),
            (4, None, "TPS 32.73.01.1001-001 sudah ada di baris 2"),
            (5, None, "jumlah kolom 6, seharusnya 5"),
        ]
    );
    assert_eq!(r.lines_read, 4);
}

#[test]
fn desa_code_at_wrong_level_and_empty_parts() {
    let (_d, p) = tps_csv("32.73.01,1,,,\n,2,,,\n3273011001,,,,\n3273011001,0,,,\n");
    let r = read_tps(&p, &auto()).unwrap();
    assert!(r.rows.is_empty());
    let got = lcr(&r.problems);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!((got[0].0, got[0].1), (2, Some("kode_desa")));
    assert!(
        got[0].2.contains("32.73.01 adalah kode kecamatan"),
        "{}",
        got[0].2
    );
    assert_eq!(got[1], (3, Some("kode_desa"), "kode desa kosong"));
    assert_eq!(got[2], (4, Some("tps_no"), "nomor TPS kosong"));
    assert_eq!((got[3].0, got[3].1), (5, Some("tps_no")));
}

#[test]
fn kode_tps_must_agree_with_parts() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "t.csv",
        b"kode_tps,kode_desa,tps_no\n3273011001001,32.73.01.1001,1\n3273011001002,32.73.01.1001,3\n3273011001004,,\n",
    );
    let r = read_tps(&p, &auto()).unwrap();
    assert_eq!(r.rows.len(), 2);
    assert_eq!(r.rows[1].value.kode.to_string(), "32.73.01.1001-004");
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].line, Some(3));
    assert_eq!(r.problems[0].column.as_deref(), Some("kode_tps"));
    assert!(r.problems[0].reason.contains("tidak cocok"));
}

#[test]
fn coordinates_both_or_neither_and_inside_indonesia() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "t.csv",
        "kode_desa,tps,alamat,lat,lng\n3171011001,1,Jl.  Medan Merdeka,-6.175392,106.827153\n3171011001,2,,-6.1,\n3171011001,3,,106.8,-6.1\n3171011001,4,,51.5,-0.12\n"
            .as_bytes(),
    );
    let r = read_tps(&p, &auto()).unwrap();
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].value.lokasi, Some((-6.175392, 106.827153)));
    assert_eq!(r.rows[0].value.alamat.as_deref(), Some("Jl. Medan Merdeka"));
    let got = lcr(&r.problems);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!((got[0].0, got[0].1), (3, Some("lat")));
    assert_eq!(got[1].0, 4);
    assert!(got[1].2.contains("tertukar"), "{}", got[1].2);
    assert_eq!(got[2].0, 5);
    assert!(got[2].2.contains("di luar Indonesia"));
}

#[test]
fn missing_required_column_names_it_and_found_headers() {
    let dir = TempDir::new().unwrap();
    let p = write(&dir, "w.csv", b"Kode Wilayah,Nama Daerah\n32,Jawa Barat\n");
    let e = read_wilayah(&p, &auto()).unwrap_err();
    assert!(
        matches!(&e, FileError::MissingColumn { field, .. } if field == "nama"),
        "{e:?}"
    );
    let msg = e.to_string();
    assert!(msg.contains("w.csv"), "{msg}");
    assert!(
        msg.contains("'nama'") && msg.contains("nama_wilayah"),
        "{msg}"
    );
    assert!(msg.contains("'Kode Wilayah', 'Nama Daerah'"), "{msg}");

    let p = write(&dir, "t.csv", b"kode_desa,dpt\n3273011001,100\n");
    let e = read_tps(&p, &auto()).unwrap_err();
    let msg = e.to_string();
    assert!(
        matches!(&e, FileError::MissingColumn { field, .. } if field == "nomor"),
        "{msg}"
    );
    assert!(msg.contains("tps_no") && msg.contains("kode_tps"), "{msg}");
}

#[test]
fn empty_unsupported_and_duplicate_headers() {
    let dir = TempDir::new().unwrap();
    for (name, bytes) in [("a.csv", &b""[..]), ("b.csv", b"\xEF\xBB\xBF\r\n\r\n")] {
        let e = read_wilayah(&write(&dir, name, bytes), &auto()).unwrap_err();
        assert!(matches!(e, FileError::Empty { .. }), "{e:?}");
        assert!(e.to_string().contains(name));
    }
    let e = read_wilayah(&write(&dir, "w.pdf", b"%PDF"), &auto()).unwrap_err();
    assert!(matches!(e, FileError::UnsupportedType { .. }), "{e:?}");
    assert!(e.to_string().contains("w.pdf"));
    let e = read_wilayah(&write(&dir, "d.csv", b"kode,Nama,nama\n32,a,b\n"), &auto()).unwrap_err();
    assert!(matches!(e, FileError::DuplicateColumn { .. }), "{e:?}");
    assert!(e.to_string().contains("'Nama' dan 'nama'"), "{e}");
    let e = read_wilayah(&dir.path().join("missing.csv"), &auto()).unwrap_err();
    assert!(matches!(e, FileError::Open { .. }), "{e:?}");
}

#[test]
fn row_counter_column_next_to_tps_is_ignored_with_notice() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "t.csv",
        b"No,Kode Desa,TPS,DPT\n1,3273011001,5,200\n2,3273011001,6,210\n",
    );
    let r = read_tps(&p, &auto()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.rows[1].value.kode.nomor().get(), 6);
    assert!(
        r.notices.iter().any(|n| n.contains("'No' diabaikan")),
        "{:?}",
        r.notices
    );
}

#[test]
fn wilayah_consistency_checks() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "w.csv",
        concat!(
            "kode,nama,level,kode_induk,jenis\n",
            "32,Jawa Barat,provinsi,,\n",                  // 2 ok
            "32.73,Kota Bandung,kecamatan,32,\n",          // 3 level mismatch
            "32.73.01,Sukasari,kecamatan,32.74,\n",        // 4 wrong parent
            "32.73.01.1001,Sukarasa,desa,32.73.01,desa\n", // 5 jenis mismatch
            "32,Jabar,provinsi,,\n",                       // 6 duplicate
            "32.73.01.2001,  ,desa,32.73.01,desa\n",       // 7 empty name
            "32.73.01.2002,Sukamaju,desa,32.73.01,desa\n"  // 8 ok
        )
        .as_bytes(),
    );
    let r = read_wilayah(&p, &auto()).unwrap();
    assert_eq!(r.rows.iter().map(|x| x.line).collect::<Vec<_>>(), [2, 8]);
    let got = lcr(&r.problems);
    let cols: Vec<(u64, Option<&str>)> = got.iter().map(|g| (g.0, g.1)).collect();
    assert_eq!(
        cols,
        [
            (3, Some("level")),
            (4, Some("kode_induk")),
            (5, Some("jenis")),
            (6, Some("kode")),
            (7, Some("nama"))
        ]
    );
    assert_eq!(got[3].2, "kode 32 sudah ada di baris 2");
    assert!(
        got[1].2.contains("induk dari 32.73.01 adalah 32.73"),
        "{}",
        got[1].2
    );
}

#[test]
fn generic_table_by_logical_name() {
    static FIELDS: [Field; 2] = [
        Field::required("nik", &["nik", "no_ktp"]),
        Field::optional("nama", &["nama", "nama_lengkap"]),
    ];
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "saksi.csv",
        b"No. KTP|Nama Lengkap|HP\n3273010101900001| Budi |0812\n",
    );
    let mut t = Table::open(&p, &FIELDS, &auto()).unwrap();
    assert_eq!(t.headers(), ["No. KTP", "Nama Lengkap", "HP"]);
    let nama = t.field("nama").unwrap();
    assert_eq!(t.column_name(nama), Some("Nama Lengkap"));
    let rec = t.next_record().unwrap().unwrap();
    assert_eq!(rec.line(), 2);
    assert_eq!(rec.by_name("nik"), Some("3273010101900001"));
    assert_eq!(rec.get(nama), Some("Budi"));
    assert_eq!(rec.column(2), Some("0812"));
    assert!(t.next_record().unwrap().is_none());
    assert_eq!(t.finish().lines_read, 1);
}

fn xlsx_tps(dir: &TempDir, bad_row: bool) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Daftar TPS").unwrap();
    // A title above the header, as campaign staff like to add.
    ws.write_string(0, 0, "Daftar TPS Kota Bandung").unwrap();
    for (c, h) in ["Kode Desa", "No TPS", "DPT L", "DPT P", "Jumlah DPT"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    // Row 4 (index 3): code as a number; row 5: code as text; counts as floats.
    ws.write_number(3, 0, 3273011001.0).unwrap();
    ws.write_number(3, 1, 1.0).unwrap();
    ws.write_number(3, 2, 150.0).unwrap();
    ws.write_number(3, 3, 160.0).unwrap();
    ws.write_number(3, 4, 310.0).unwrap();
    ws.write_string(4, 0, "32.73.01.1002").unwrap();
    ws.write_string(4, 1, "TPS 002").unwrap();
    ws.write_number(4, 4, 250.0).unwrap();
    if bad_row {
        ws.write_number(6, 0, 3273011001.0).unwrap();
        ws.write_number(6, 1, 3.0).unwrap();
        ws.write_number(6, 4, 12.5).unwrap();
    }
    let p = dir
        .path()
        .join(if bad_row { "bad.xlsx" } else { "tps.xlsx" });
    wb.save(&p).unwrap();
    p
}

#[test]
fn xlsx_numbers_and_text_codes() {
    let dir = TempDir::new().unwrap();
    let r = read_tps(&xlsx_tps(&dir, false), &auto()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.rows.len(), 2);
    assert_eq!(r.rows[0].line, 4);
    assert_eq!(r.rows[0].value.kode.to_string(), "32.73.01.1001-001");
    assert_eq!(r.rows[0].value.dpt.laki(), Some(150));
    assert_eq!(r.rows[0].value.dpt.total(), Some(310));
    assert_eq!(r.rows[1].line, 5);
    assert_eq!(r.rows[1].value.kode.to_string(), "32.73.01.1002-002");
    assert_eq!(r.rows[1].value.dpt.total(), Some(250));
}

#[test]
fn xlsx_bad_row_reports_spreadsheet_row() {
    let dir = TempDir::new().unwrap();
    let r = read_tps(&xlsx_tps(&dir, true), &auto()).unwrap();
    assert_eq!(r.rows.len(), 2);
    assert_eq!(r.problems.len(), 1);
    let p = &r.problems[0];
    assert_eq!(p.file, "bad.xlsx [Daftar TPS]");
    assert_eq!(p.line, Some(7));
    assert_eq!(p.column.as_deref(), Some("Jumlah DPT"));
    assert!(p.reason.contains("12.5"), "{p}");
    assert!(
        p.to_string()
            .starts_with("bad.xlsx [Daftar TPS]:7: kolom 'Jumlah DPT': "),
        "{p}"
    );
}
