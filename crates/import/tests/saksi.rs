//! Saksi lists as coordinators bring them: name, phone, TPS.

use std::fs;

use posko_import::{FileError, ImportOptions, read_saksi};

#[test]
fn reads_every_spelling_and_reports_bad_rows_without_repeating_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saksi.csv");
    fs::write(
        &path,
        "Nama Saksi;No HP;Kode Desa;No TPS\n\
         Siti Aminah;0812-3456-7890;32.73.01.1001;1\n\
         Budi;+62 813 1111 2222;3273011001;002\n\
         ;0813 2222 3333;32.73.01.1001;3\n\
         Ani;0812 3456 7890;32.73.01.1001;4\n\
         Joko;0215551234;32.73.01.1001;5\n\
         Rina;0857 1234 5678;32.73.01;6\n",
    )
    .unwrap();
    let parsed = read_saksi(&path, &ImportOptions::default()).unwrap();
    let got: Vec<(u64, &str, &str, String)> = parsed
        .rows
        .iter()
        .map(|r| {
            (
                r.line,
                r.value.nama.as_str(),
                r.value.telepon.as_str(),
                r.value.tps.to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                2,
                "Siti Aminah",
                "+6281234567890",
                "32.73.01.1001-001".to_string()
            ),
            (3, "Budi", "+6281311112222", "32.73.01.1001-002".to_string()),
        ]
    );
    let problems: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(
        problems[0].contains(":4: kolom 'Nama Saksi': nama kosong"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains(":5: kolom 'No HP': nomor telepon sama dengan baris 2"),
        "{}",
        problems[1]
    );
    assert!(problems[2].contains(":6: kolom 'No HP': nomor telepon harus diawali 08"));
    assert!(
        problems[3].contains(":7: kolom 'Kode Desa'"),
        "{}",
        problems[3]
    );
    for p in &problems {
        for digits in ["3456", "2222", "5551234", "1234 5678"] {
            assert!(!p.contains(digits), "a phone number leaked into: {p}");
        }
    }
}

#[test]
fn a_lone_tps_column_holds_the_whole_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saksi.csv");
    fs::write(
        &path,
        "nama,telepon,tps\nSiti,081234567890,3273011001003\nBudi,081311112222,12\n",
    )
    .unwrap();
    let parsed = read_saksi(&path, &ImportOptions::default()).unwrap();
    assert_eq!(parsed.rows.len(), 1);
    assert_eq!(parsed.rows[0].value.tps.to_string(), "32.73.01.1001-003");
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!(parsed.problems[0].line, Some(3));
    assert_eq!(parsed.problems[0].column.as_deref(), Some("tps"));
}

#[test]
fn a_file_without_a_tps_or_phone_column_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saksi.csv");
    fs::write(&path, "nama,telepon\nSiti,081234567890\n").unwrap();
    let err = read_saksi(&path, &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, FileError::MissingColumn { .. }), "{err}");
    assert!(err.to_string().contains("kode_tps"), "{err}");
    fs::write(&path, "nama,kode_tps\nSiti,3273011001003\n").unwrap();
    let err = read_saksi(&path, &ImportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("telepon"), "{err}");
}
