//! `posko import dpt` end to end on the real binary: bad NIKs, unknown
//! TPS, a million-row file with one bad line near the end, a file that is
//! not UTF-8, and re-importing. Every test runs on SQLite, and on a fresh
//! PostgreSQL schema when POSKO_TEST_POSTGRES_URL is set.

use std::fmt::Write as _;

use crate::cli_harness;

use cli_harness::*;

// ---------------------------------------------------------------- tests

const WILAYAH: &str =
    "kode,nama\n32,Jawa Barat\n32.73,Kota Bandung\n32.73.01,Sukasari\n32.73.01.1001,Gegerkalong\n";
const TPS: &str = "kode_desa,tps_no\n32.73.01.1001,1\n32.73.01.1001,2\n";
const HEADER: &str = "KODE DESA,TPS,NAMA LENGKAP,JK,TGL LAHIR,ALAMAT,RT,RW,NIK\n";

fn seeded(db: &Db) {
    let w = db.write("wilayah.csv", WILAYAH);
    db.ok(&["import", "wilayah", &w]);
    let t = db.write("tps.csv", TPS);
    db.ok(&["import", "tps", &t]);
}

fn good_rows() -> String {
    format!(
        "{HEADER}32.73.01.1001,1,Siti Aminah,P,25-08-1990,Jl. Setiabudi,1,2,327301**********\n\
         32.73.01.1001,1,Budi,L,01-01-1980,,3,4,3273010101800001\n\
         32.73.01.1001,2,Cici,P,1975-12-31,Jl. Sukajadi,,,\n"
    )
}

per_backend!(cli import_then_reimport_is_idempotent);
fn import_then_reimport_is_idempotent(db: &Db) {
    seeded(db);
    let f = db.write("dpt.csv", good_rows());
    let out = db.ok(&["import", "dpt", &f]);
    assert_has(&out, &["3 pemilih diimpor ke 2 TPS (0 baris lama diganti)"]);
    let out = db.ok(&["import", "dpt", &f]);
    assert_has(&out, &["3 pemilih diimpor ke 2 TPS (3 baris lama diganti)"]);
    // The full NIK never reaches the output.
    assert!(!out.contains("3273010101800001"));
}

per_backend!(cli invalid_niks_are_refused_with_line_and_column);
fn invalid_niks_are_refused_with_line_and_column(db: &Db) {
    seeded(db);
    let f = db.write(
        "dpt.csv",
        format!(
            "{HEADER}32.73.01.1001,1,A,L,,,,,32730101018000\n\
             32.73.01.1001,1,B,L,,,,,3273013201800001\n\
             32.73.01.1001,1,C,L,,,,,3273010113******\n\
             32.73.01.1001,1,D,L,,,,,327301**********\n"
        ),
    );
    let err = db.fails(&["import", "dpt", &f]);
    assert_has(
        &err,
        &[
            "dpt.csv:2: kolom 'NIK': NIK harus 16 angka (ada 14 karakter)",
            "dpt.csv:3: kolom 'NIK': NIK: angka 7–12 bukan tanggal lahir",
            "dpt.csv:4: kolom 'NIK': NIK: angka 7–12 bukan tanggal lahir",
            "tidak ada yang diimpor",
        ],
    );
    // Nothing was written: the good file is then entirely new rows.
    let g = db.write("good.csv", good_rows());
    assert_has(&db.ok(&["import", "dpt", &g]), &["(0 baris lama diganti)"]);
}

per_backend!(cli unknown_tps_is_named_with_its_line);
fn unknown_tps_is_named_with_its_line(db: &Db) {
    seeded(db);
    let f = db.write(
        "dpt.csv",
        format!("{HEADER}32.73.01.1001,1,A,L,,,,,\n32.73.01.1001,9,B,P,,,,,\n"),
    );
    let err = db.fails(&["import", "dpt", &f]);
    assert_has(
        &err,
        &["dpt.csv:3: kolom 'KODE DESA': TPS 32.73.01.1001-009 tidak ada di basis data"],
    );
}

per_backend!(cli a_million_rows_with_one_bad_line_near_the_end_writes_nothing);
fn a_million_rows_with_one_bad_line_near_the_end_writes_nothing(db: &Db) {
    let mut text = String::from(HEADER);
    let bad_line = 999_990 + 1;
    for i in 1..=1_000_000u32 {
        let jk = if i == 999_990 {
            "X"
        } else if i % 2 == 0 {
            "P"
        } else {
            "L"
        };
        let _ = writeln!(
            text,
            "32.73.01.1001,{},NAMA {i},{jk},01-01-1980,,,,327301**********",
            1 + i % 2
        );
    }
    seeded(db);
    let f = db.write("besar.csv", &text);
    let err = db.fails(&["import", "dpt", &f]);
    assert_has(
        &err,
        &[
            &format!("besar.csv:{bad_line}: kolom 'JK': jenis kelamin 'X' bukan L atau P"),
            "1 baris bermasalah; tidak ada yang diimpor",
        ],
    );
    let g = db.write("good.csv", good_rows());
    assert_has(&db.ok(&["import", "dpt", &g]), &["(0 baris lama diganti)"]);
}

per_backend!(cli windows_1252_is_decoded_and_strict_utf8_refuses_it);
fn windows_1252_is_decoded_and_strict_utf8_refuses_it(db: &Db) {
    seeded(db);
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"32.73.01.1001,1,NU\xd1EZ,L,,,,,\n");
    let f = db.write("ansi.csv", &bytes);
    let err = db.fails(&["import", "dpt", &f, "--encoding", "utf-8"]);
    assert_has(&err, &["ansi.csv:2", "bukan UTF-8"]);
    let out = db.ok(&["import", "dpt", &f]);
    assert_has(&out, &["Windows-1252", "1 pemilih diimpor"]);
}
