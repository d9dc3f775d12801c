//! The real `posko` binary, end to end: `init`, `import wilayah|tps` and
//! election setup, asserting on what a user reads (exit code, file, line,
//! column, summary) and on what the database holds afterwards, proven by
//! re-importing and reading the "N baru, M berubah, K sama" summary.
//!
//! Every test runs on a fresh SQLite file, and also on a fresh PostgreSQL
//! schema when POSKO_TEST_POSTGRES_URL is set (CI must set it).

use std::path::{Path, PathBuf};
use std::process::Command;

use uuid::Uuid;

use crate::cli_harness;

use cli_harness::*;

/// The shared real data, or None (and SKIPPED) when absent outside CI.
fn shared_data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must skip nothing, but ../shared/data is missing"
    );
    eprintln!("SKIPPED: ../shared/data not found");
    None
}

/// Writes the rows of the national region list that are one of `roots`,
/// lie under one, or are an ancestor of one.
fn filtered_wilayah(db: &Db, data: &Path, roots: &[&str]) -> String {
    let all = std::fs::read_to_string(data.join("wilayah/wilayah.csv")).unwrap();
    let mut lines = all.lines();
    let mut out = format!("{}\n", lines.next().unwrap());
    for l in lines {
        let kode = l.split(',').next().unwrap();
        let related = |r: &&str| {
            kode == *r || kode.starts_with(&format!("{r}.")) || r.starts_with(&format!("{kode}."))
        };
        if roots.iter().any(related) {
            out.push_str(l);
            out.push('\n');
        }
    }
    db.write("wilayah_filtered.csv", out)
}

// --------------------------------------------------------------- fixtures

/// Real codes: Jawa Barat › Kota Bandung › Sukasari › Sukarasa, Gegerkalong,
/// and DKI Jakarta › Jakarta Pusat.
const WILAYAH: &str = "kode,nama,level,kode_induk
32,Jawa Barat,provinsi,
32.73,Kota Bandung,kabkota,32
32.73.01,Sukasari,kecamatan,32.73
32.73.01.1001,Sukarasa,desa,32.73.01
32.73.01.1002,Gegerkalong,desa,32.73.01
31,Daerah Khusus Ibukota Jakarta,provinsi,
31.71,Kota Administrasi Jakarta Pusat,kabkota,31
";

const HEADER: &str = "kode_desa,tps_no,dpt_laki,dpt_perempuan,dpt_total\n";
/// TPS 1 and 2 of Sukarasa, imported before every bad file.
const GOOD: &str = "32.73.01.1001,1,100,110,210\n32.73.01.1001,2,120,130,250\n";
/// Valid rows (lines 2–3) that bad files carry: a change to TPS 1 and a
/// new TPS 3. If either were written, `assert_unchanged` would see it.
const VALID_IN_BAD: &str = "32.73.01.1001,1,101,110,211\n32.73.01.1002,3,50,50,100\n";
/// TPS 3 alone.
const PROBE: &str = "32.73.01.1002,3,50,50,100\n";

fn import_regions(db: &Db, summary: &str) {
    db.import_ok("wilayah", "wilayah.csv", WILAYAH, summary);
}

/// Imports `rows` under HEADER as the TPS file `name`.
fn import_tps(db: &Db, name: &str, rows: &str, summary: &str) {
    db.import_ok("tps", name, [HEADER, rows].concat(), summary);
}

/// A database holding the regions above and TPS 1 and 2.
fn seeded(db: &Db) {
    import_regions(db, "7 baru, 0 berubah, 0 sama");
    import_tps(db, "good.csv", GOOD, "2 baru, 0 berubah, 0 sama");
}

/// A bad TPS file: header, the valid rows, then `bad` from line 4 on.
fn bad_file(bad: &str) -> String {
    [HEADER, VALID_IN_BAD, bad].concat()
}

/// Nothing of a rejected file was written: TPS 1 and 2 are as seeded and
/// TPS 3 is new when imported on its own.
fn assert_unchanged(db: &Db) {
    import_regions(db, "0 baru, 0 berubah, 7 sama");
    import_tps(db, "good.csv", GOOD, "0 baru, 0 berubah, 2 sama");
    import_tps(db, "probe.csv", PROBE, "1 baru, 0 berubah, 0 sama");
}

/// Seeds, imports the TPS file `bad` as `name` expecting an all-or-nothing
/// rejection whose message has every needle, and checks nothing was written.
fn rejected(db: &Db, name: &str, bad: impl AsRef<[u8]>, needles: &[&str]) {
    seeded(db);
    let path = db.write(name, bad);
    let err = db.fails(&["import", "tps", &path]);
    assert_has(&err, needles);
    assert_has(&err, &["tidak ada yang diimpor", "--skip-invalid"]);
    assert_unchanged(db);
}

// ------------------------------------------------------------------ tests

per_backend!(cli init_prints_schema_version_and_can_run_twice);
fn init_prints_schema_version_and_can_run_twice(db: &Db) {
    let backend = ["sqlite", "postgres"][db.pg.is_some() as usize];
    let siap = format!("Basis data siap ({backend}, skema versi ");
    for _ in 0..2 {
        let out = db.ok(&["init"]);
        let rest = out.strip_prefix(&siap).unwrap_or_else(|| panic!("{out}"));
        assert!(rest.starts_with(|c: char| c.is_ascii_digit()), "{out}");
    }
    // The database works after a second init.
    import_regions(db, "7 baru, 0 berubah, 0 sama");
}

per_backend!(cli real_dki_tps_list_imports_and_reimports_identically);
fn real_dki_tps_list_imports_and_reimports_identically(db: &Db) {
    let Some(data) = shared_data() else { return };
    let wilayah = filtered_wilayah(db, &data, &["31"]);
    let out = db.ok(&["import", "wilayah", &wilayah]);
    assert_summary(&out, "318 baru, 0 berubah, 0 sama");
    let tps = data.join("tps/pilkada_dki2017_putaran1_dpt_tps.csv");
    let tps = tps.to_str().unwrap();
    let out = db.ok(&["import", "tps", tps]);
    assert_summary(&out, "13023 baris dibaca, 13023 baru, 0 berubah, 0 sama");
    let out = db.ok(&["import", "tps", tps]);
    assert_summary(&out, "13023 baris dibaca, 0 baru, 0 berubah, 13023 sama");
}

per_backend!(cli real_results_file_is_all_or_nothing_unless_skip_invalid);
fn real_results_file_is_all_or_nothing_unless_skip_invalid(db: &Db) {
    let Some(data) = shared_data() else { return };
    // DKI Jakarta, Kota Bandung and Kota Surabaya, with provinces 32 and 35.
    let wilayah = filtered_wilayah(db, &data, &["31", "32.73", "35.78"]);
    let out = db.ok(&["import", "wilayah", &wilayah]);
    assert_summary(&out, "687 baru, 0 berubah, 0 sama");
    let name = "kawalpemilu2019_pilpres_tps_dki_bandung_surabaya_named.csv";
    let file = data.join("hasil").join(name);
    let file = file.to_str().unwrap();

    let err = db.fails(&["import", "tps", file]);
    // 119 Surabaya TPS have no desa code; the first is on line 39997.
    assert_has(
        &err,
        &[
            &format!("{name}:39997: kolom 'kode_desa_kemendagri': kode desa kosong"),
            "119 baris bermasalah; tidak ada yang diimpor",
            "44197 baris yang sah",
        ],
    );

    let out = db.ok(&["import", "tps", "--skip-invalid", file]);
    assert_summary(
        &out,
        "44316 baris dibaca, 44197 baru, 0 berubah, 0 sama; 119 baris bermasalah dilewati",
    );
    assert_has(&out, &[&format!("dilewati: {name}:39997: ")]);
    let out = db.ok(&["import", "tps", "--skip-invalid", file]);
    assert_summary(&out, "0 baru, 0 berubah, 44197 sama");
}

/// One test per kind of bad row: the file (header, two valid rows, then
/// `$rows` from line 4) is refused as a whole, naming every needle.
macro_rules! rejects {
    ($test:ident, $file:literal, $rows:literal, $($needle:expr),+) => {
        per_backend!(cli $test);
        fn $test(db: &Db) {
            rejected(db, $file, bad_file($rows), &[$($needle),+]);
        }
    };
}

rejects!(
    unknown_desa_code_is_rejected_with_a_hint,
    "unknown.csv",
    "32.73.01.1099,1,1,1,2\n",
    "unknown.csv:4: ",
    "kode desa 32.73.01.1099 tidak dikenal",
    "posko import wilayah"
);
rejects!(
    duplicate_tps_names_its_first_line,
    "dup.csv",
    "32.73.01.1001,4,1,1,2\n32.73.01.1001,004,1,1,2\n",
    "dup.csv:5: TPS 32.73.01.1001-004 sudah ada di baris 4"
);
rejects!(
    negative_dpt_is_rejected,
    "neg.csv",
    "32.73.01.1001,4,100,110,-5\n",
    "neg.csv:4: kolom 'dpt_total': -5 tidak boleh negatif"
);
rejects!(
    absurd_dpt_is_rejected,
    "absurd.csv",
    "32.73.01.1001,4,,,5000\n",
    "absurd.csv:4: kolom 'dpt_total': DPT total = 5000 tidak wajar"
);
rejects!(
    dpt_by_sex_must_add_up_to_the_total,
    "sum.csv",
    "32.73.01.1001,4,100,110,200\n",
    "sum.csv:4: kolom 'dpt_total': ",
    "= 210, tidak sama dengan total (200)"
);
rejects!(
    wrong_column_count_names_the_line,
    "cols.csv",
    "32.73.01.1001,4,100,110\n",
    "cols.csv:4: jumlah kolom 4, seharusnya 5"
);
rejects!(
    letters_in_a_number_field_are_rejected,
    "letters.csv",
    "32.73.01.1001,4,100,seratus,210\n",
    "letters.csv:4: kolom 'dpt_perempuan': 'seratus' bukan angka"
);
rejects!(
    codes_in_excel_scientific_notation_are_rejected_with_a_hint,
    "sci.csv",
    "3.27301E+09,4,1,1,2\n",
    "sci.csv:4: kolom 'kode_desa': kode berubah menjadi notasi ilmiah oleh Excel (3.27301E+09)",
    "format kolom sebagai Teks"
);

per_backend!(cli kode_tps_in_excel_scientific_notation_is_rejected);
fn kode_tps_in_excel_scientific_notation_is_rejected(db: &Db) {
    let file = "kode_tps,dpt\n3273011002003,100\n3.27301E+12,100\n";
    let needle = "sci_kode_tps.csv:3: kolom 'kode_tps': kode berubah menjadi notasi ilmiah";
    rejected(db, "sci_kode_tps.csv", file, &[needle])
}

per_backend!(cli windows_1252_is_read_by_default_and_refused_as_utf8);
fn windows_1252_is_read_by_default_and_refused_as_utf8(db: &Db) {
    seeded(db);
    // "Jl. Café – Blok A" as Excel on Windows saves it.
    let file = b"kode_desa,tps_no,alamat\n32.73.01.1002,3,Jl. Caf\xe9 \x96 Blok A\n";
    let path = db.write("win.csv", file);
    let err = db.fails(&["import", "tps", "--encoding", "utf-8", &path]);
    assert_has(
        &err,
        &[
            "win.csv:2: kolom 'alamat': baris ini bukan UTF-8",
            "--encoding windows-1252",
            "tidak ada yang diimpor",
        ],
    );
    import_tps(db, "good.csv", GOOD, "0 baru, 0 berubah, 2 sama");

    let out = db.ok(&["import", "tps", &path]);
    assert_has(&out, &["catatan: berkas dibaca sebagai Windows-1252"]);
    assert_summary(&out, "1 baru, 0 berubah, 0 sama");
    // The stored address is the correctly decoded text.
    let utf8 = "kode_desa,tps_no,alamat\n32.73.01.1002,3,Jl. Café – Blok A\n";
    db.import_ok("tps", "utf8.csv", utf8, "0 baru, 0 berubah, 1 sama");
}

per_backend!(cli semicolon_file_with_bom_and_crlf_imports);
fn semicolon_file_with_bom_and_crlf_imports(db: &Db) {
    seeded(db);
    let file = "\u{feff}kode_desa;tps_no;dpt_laki;dpt_perempuan;dpt_total\r\n\
                32.73.01.1002;3;50;50;100\r\n";
    let out = db.import_ok("tps", "excel.csv", file, "1 baru, 0 berubah, 0 sama");
    assert!(!out.contains("catatan"), "{out}");
    // Read exactly as the comma-separated equivalent.
    import_tps(db, "probe.csv", PROBE, "0 baru, 0 berubah, 1 sama");
}

per_backend!(cli missing_required_column_names_it_and_the_headers_found);
fn missing_required_column_names_it_and_the_headers_found(db: &Db) {
    seeded(db);
    let path = db.write("nonomor.csv", "kode_desa,dpt_total\n32.73.01.1002,100\n");
    let err = db.fails(&["import", "tps", &path]);
    assert_has(
        &err,
        &[
            "nonomor.csv: kolom wajib 'nomor' tidak ditemukan",
            "tps_no",
            "kolom yang ada di berkas: 'kode_desa', 'dpt_total'",
        ],
    );
    let path = db.write("nonama.csv", "kode,provinsi\n33,Jawa Tengah\n");
    let err = db.fails(&["import", "wilayah", &path]);
    let found = "kolom yang ada di berkas: 'kode', 'provinsi'";
    assert_has(
        &err,
        &["nonama.csv: kolom wajib 'nama' tidak ditemukan", found],
    );
    assert_unchanged(db);
}

per_backend!(cli missing_file_is_named);
fn missing_file_is_named(db: &Db) {
    let path = db.dir.path().join("tidak-ada.csv").display().to_string();
    for what in ["tps", "wilayah"] {
        let err = db.fails(&["import", what, &path]);
        assert_has(&err, &[&path, "tidak dapat dibuka"]);
        assert_eq!(
            err.matches("os error 2").count(),
            1,
            "the cause is printed once: {err}"
        );
    }
}

per_backend!(cli wilayah_without_a_parent_is_rejected_naming_the_parent);
fn wilayah_without_a_parent_is_rejected_naming_the_parent(db: &Db) {
    seeded(db);
    // Kedungreja's kab/kota 33.01 (Cilacap) is neither here nor stored.
    let file = "kode,nama\n33,Jawa Tengah\n33.01.01,Kedungreja\n33.01.01.2001,Tambakreja\n";
    let path = db.write("orphan.csv", file);
    let err = db.fails(&["import", "wilayah", &path]);
    assert_has(
        &err,
        &[
            "orphan.csv:3: kolom 'kode': wilayah induk 33.01 dari 33.01.01 tidak ada",
            "orphan.csv:4: kolom 'kode': 33.01.01.2001 dilewati karena wilayah induknya ditolak",
            "tidak ada yang diimpor",
        ],
    );
    // The cause comes before its consequence.
    assert!(err.find("orphan.csv:3").unwrap() < err.find("orphan.csv:4").unwrap());
    assert_unchanged(db);
    // Jawa Tengah, valid in the rejected file, was not written either.
    let jateng = "kode,nama\n33,Jawa Tengah\n";
    db.import_ok("wilayah", "jateng.csv", jateng, "1 baru, 0 berubah, 0 sama");
}

per_backend!(cli skip_invalid_imports_the_good_rows_and_reports_the_bad_one);
fn skip_invalid_imports_the_good_rows_and_reports_the_bad_one(db: &Db) {
    seeded(db);
    let path = db.write("skip.csv", bad_file("32.73.01.1001,4,100,abc,210\n"));
    let out = db.ok(&["import", "tps", "--skip-invalid", &path]);
    let skipped = "dilewati: skip.csv:4: kolom 'dpt_perempuan': 'abc' bukan angka";
    assert_has(&out, &[skipped]);
    let summary = "3 baris dibaca, 1 baru, 1 berubah (DPT L/P 1; DPT total 1), 0 sama; 1 baris bermasalah dilewati";
    assert_summary(&out, summary);
    // TPS 4 was skipped: it is new when imported on its own.
    import_tps(db, "tps4.csv", "32.73.01.1001,4,100,110,210\n", "1 baru");
}

per_backend!(cli election_and_paslon_setup);
fn election_and_paslon_setup(db: &Db) {
    import_regions(db, "7 baru");
    // "JENIS WILAYAH TANGGAL"
    let add = |spec: &str| {
        let v: Vec<&str> = spec.split(' ').collect();
        let flags = ["--jenis", v[0], "--wilayah", v[1], "--tanggal", v[2]];
        db.run(&[&["pemilihan", "add"], &flags[..]].concat())
    };
    let r = add("walikota 32.73 2029-11-28");
    assert_eq!(r.code, Some(0), "{r}");
    let (id, nama) = r.stdout.trim().split_once('\t').expect("id<TAB>nama");
    Uuid::parse_str(id).unwrap_or_else(|e| panic!("'{id}' is no id: {e}"));
    assert_eq!(
        nama,
        "Pemilihan Wali Kota dan Wakil Wali Kota Kota Bandung 2029"
    );
    for (spec, message) in [
        (
            "gubernur 32.73 2029-11-28",
            "gubernur harus untuk satu provinsi, bukan 32.73",
        ),
        (
            "walikota 31.71 2029-11-28",
            "31.71 adalah kota/kabupaten administrasi DKI",
        ),
        (
            "bupati 32.73 2029-11-28",
            "bupati harus untuk satu kabupaten, bukan 32.73",
        ),
        (
            "walikota 35.78 2029-11-28",
            "wilayah 35.78 belum ada; impor kode wilayah",
        ),
        (
            "walikota 32.73 2029-02-30",
            "'2029-02-30' harus berbentuk YYYY-MM-DD",
        ),
        (
            "walikota 32.73 28-11-2029",
            "'28-11-2029' harus berbentuk YYYY-MM-DD",
        ),
    ] {
        let r = add(spec);
        assert_eq!(r.code, Some(1), "{spec}: {r}");
        assert_has(&r.stderr, &[message]);
    }

    let paslon = |pemilihan: &str, nomor: &str, calon: &str, wakil: &str| {
        let flags = ["--pemilihan", pemilihan, "--nomor", nomor, "--calon", calon];
        db.run(&[&["paslon", "add"], &flags[..], &["--wakil", wakil]].concat())
    };
    let r = paslon(id, "1", "A B", "C D");
    assert_eq!(r.code, Some(0), "{r}");
    assert_has(&r.stdout, &["Paslon 01 ditambahkan: A B – C D"]);
    let r = paslon(id, "1", "E F", "G H");
    assert_eq!(r.code, Some(1), "{r}");
    assert_has(&r.stderr, &["nomor urut 01 sudah dipakai"]);
    let r = paslon(id, "0", "E F", "G H");
    assert_eq!(r.code, Some(1), "{r}");
    let other = Uuid::now_v7().to_string();
    let r = paslon(&other, "2", "E F", "G H");
    assert_eq!(r.code, Some(1), "{r}");
    assert_has(&r.stderr, &[&format!("pemilihan {other} tidak ditemukan")]);

    let list = db.ok(&["paslon", "list", "--pemilihan", id]);
    assert_eq!(list, "01\tA B\tC D\n", "only the accepted paslon");
    let list = db.ok(&["pemilihan", "list"]);
    assert_eq!(
        list,
        format!("{id}\twalikota\t32.73\t2029-11-28\t{nama}\tbawaan\n"),
        "exactly one election: the refused ones left nothing behind"
    );

    // The win rule: chosen at `add`, changed later, refused when it does
    // not fit the paslon, back to the law's default with `bawaan`.
    let r = db.run(&[
        "pemilihan",
        "add",
        "--jenis",
        "walikota",
        "--wilayah",
        "32.73",
        "--tanggal",
        "2029-11-28",
        "--nama",
        "Lebih",
        "--aturan",
        "lebih_50",
    ]);
    assert_eq!(r.code, Some(0), "{r}");
    let lebih = r.stdout.split('\t').next().unwrap().to_string();
    let r = db.run(&[
        "pemilihan",
        "add",
        "--jenis",
        "walikota",
        "--wilayah",
        "32.73",
        "--tanggal",
        "2029-11-28",
        "--aturan",
        "separuh",
    ]);
    assert_eq!(r.code, Some(1), "{r}");
    assert_has(&r.stderr, &["aturan 'separuh' tidak dikenal"]);
    let list = db.ok(&["pemilihan", "list"]);
    assert!(
        list.contains(&format!(
            "{lebih}\twalikota\t32.73\t2029-11-28\tLebih\tlebih_50\n"
        )),
        "{list}"
    );
    // One paslon (the first election's): calon_tunggal fits, the others not.
    let aturan = |id: &str, a: &str| db.run(&["pemilihan", "aturan", "--pemilihan", id, a]);
    let r = aturan(id, "terbanyak");
    assert_eq!(r.code, Some(1), "{r}");
    assert_has(&r.stderr, &["satu paslon memakai aturan calon_tunggal"]);
    let r = aturan(id, "calon_tunggal");
    assert_eq!(r.code, Some(0), "{r}");
    assert_has(&r.stdout, &["calon_tunggal\tdipilih"]);
    // Chosen as calon tunggal: a second pair is refused until the rule changes.
    let r = paslon(id, "2", "E F", "G H");
    assert_eq!(r.code, Some(1), "{r}");
    assert_has(&r.stderr, &["ubah aturan menangnya dulu"]);
    let r = aturan(id, "bawaan");
    assert_eq!(r.code, Some(0), "{r}");
    assert_has(&r.stdout, &["calon_tunggal\tbawaan undang-undang"]);
    assert_eq!(paslon(id, "2", "E F", "G H").code, Some(0));
    let r = aturan(id, "calon_tunggal");
    assert_eq!(r.code, Some(1), "{r}");
    assert_has(
        &r.stderr,
        &["calon_tunggal hanya untuk satu paslon", "2 paslon"],
    );
    let r = aturan(id, "terbanyak");
    assert_eq!(r.code, Some(0), "{r}");
    // Every change is in the audit log.
    let log = db.ok(&["audit", "list", "--limit", "20"]);
    assert!(log.matches("pemilihan.aturan_menang").count() >= 3, "{log}");
}

per_backend!(cli problems_name_the_column_as_the_file_writes_it);
fn problems_name_the_column_as_the_file_writes_it(db: &Db) {
    seeded(db);
    let file = "kode_desa_kemendagri,tps_no,dpt\n32.73.01.1099,1,200\n";
    let path = db.write("kolom.csv", file);
    let err = db.fails(&["import", "tps", &path]);
    assert_has(
        &err,
        &["kolom.csv:2: kolom 'kode_desa_kemendagri': kode desa 32.73.01.1099 tidak dikenal"],
    );
    let file = "kode_tps,dpt\n3273011099001,200\n";
    let path = db.write("kodetps.csv", file);
    let err = db.fails(&["import", "tps", &path]);
    assert_has(
        &err,
        &["kodetps.csv:2: kolom 'kode_tps': kode desa 32.73.01.1099"],
    );
}

// ------------------------------------------- saksi accounts and the data key

/// Every row of `table` as text, straight from the database, bypassing
/// Posko: what someone with a copy of the database file would read.
fn raw_rows(db: &Db, table: &str) -> String {
    match &db.pg {
        None => {
            let path = db.url.strip_prefix("sqlite://").unwrap();
            let c = rusqlite::Connection::open(path).unwrap();
            let mut stmt = c.prepare(&format!("SELECT * FROM {table}")).unwrap();
            let n = stmt.column_count();
            let mut out = String::new();
            let mut rows = stmt.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i).unwrap();
                    out.push_str(&format!("{v:?}|"));
                }
                out.push('\n');
            }
            out
        }
        Some((base, schema)) => {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let (client, conn) = tokio_postgres::connect(base, tokio_postgres::NoTls)
                    .await
                    .unwrap();
                let conn = tokio::spawn(conn);
                let rows = client
                    .query(&format!("SELECT t::text FROM {schema}.{table} t"), &[])
                    .await
                    .unwrap();
                drop(client);
                let _ = conn.await;
                rows.iter()
                    .map(|r| r.get::<_, String>(0))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

per_backend!(cli saksi_from_a_spreadsheet_phones_encrypted_and_the_key_rotated);
fn saksi_from_a_spreadsheet_phones_encrypted_and_the_key_rotated(db: &Db) {
    seeded(db);
    // One duplicate phone and one unknown TPS: nothing is created.
    let bad = db.write(
        "saksi_bad.csv",
        "nama,telepon,kode_tps\n\
         Siti,0812-3456-7890,3273011001001\n\
         Budi,0812 3456 7890,3273011001002\n\
         Ani,0813-1111-2222,3273011001009\n",
    );
    let err = db.fails(&["user", "import-saksi", &bad]);
    assert_has(
        &err,
        &[
            "saksi_bad.csv:3: kolom 'telepon': nomor telepon sama dengan baris 2",
            "saksi_bad.csv:4: kolom 'kode_tps': TPS 32.73.01.1001-009 tidak dikenal",
            "tidak ada yang diimpor",
        ],
    );
    assert!(!err.contains("3456"), "a phone number leaked: {err}");
    assert!(!db.ok(&["user", "list"]).contains("saksi."));

    let good = db.write(
        "saksi.csv",
        "nama,telepon,kode_tps\n\
         Siti Aminah,0812-3456-7890,3273011001001\n\
         Budi,+62 813 1111 2222,3273011001002\n",
    );
    let kode = db.dir.path().join("kode.csv");
    let out = db.ok(&[
        "user",
        "import-saksi",
        &good,
        "--kode-csv",
        kode.to_str().unwrap(),
        "--url-dasar",
        "https://posko.contoh.id/",
    ]);
    assert_summary(&out, "2 baru");
    let csv = std::fs::read_to_string(&kode).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(
        lines[0].starts_with("# RAHASIA") && lines[0].contains("cli:"),
        "{csv}"
    );
    assert_eq!(lines[4], lines[0], "watermark at both ends");
    assert_eq!(
        lines[1],
        "username,nama,peran,telepon,kode,tautan,kode_sms_tps,tanda_ekspor"
    );
    assert!(
        lines[2]
            .starts_with("saksi.3273011001001,Siti Aminah,saksi@32.73.01.1001-001,0812-3456-7890,"),
        "{csv}"
    );
    assert!(
        lines[2].contains(",https://posko.contoh.id/masuk/kode/"),
        "{csv}"
    );
    // Each saksi's sheet carries their TPS's short SMS code.
    let kode_sms: Vec<&str> = lines[2..4]
        .iter()
        .map(|l| l.split(',').nth(6).unwrap())
        .collect();
    for k in &kode_sms {
        assert!(posko_domain::pesan::KodeSingkat::parse(k).is_ok(), "{csv}");
    }
    assert_ne!(kode_sms[0], kode_sms[1], "{csv}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&kode).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "a file of phone numbers must be private");
    }

    // A copy of the database alone reveals no number.
    let pengguna = raw_rows(db, "pengguna");
    assert!(pengguna.contains("saksi.3273011001001"), "{pengguna}");
    let audit = raw_rows(db, "audit_log");
    for digits in ["81234567890", "3456-7890", "81311112222", "1111-2222"] {
        assert!(!pengguna.contains(digits), "{digits} readable in pengguna");
        assert!(!audit.contains(digits), "{digits} readable in audit_log");
    }

    // Rotation: new key, every value re-encrypted, old key gone.
    let info = db.ok(&["key", "info"]);
    let old_kid = info
        .lines()
        .find_map(|l| l.strip_prefix("Kunci yang mengenkripsi: "))
        .unwrap()
        .to_string();
    let out = db.ok(&["key", "rotate"]);
    assert_has(&out, &["2 nilai dienkripsi ulang", &old_kid]);
    let info = db.ok(&["key", "info"]);
    assert!(!info.contains(&old_kid), "{info}");
    let export = db.dir.path().join("akun.csv");
    db.ok(&["user", "export", "--out", export.to_str().unwrap()]);
    let akun = std::fs::read_to_string(&export).unwrap();
    assert_has(&akun, &["0812-3456-7890", "0813-1111-2222", "# RAHASIA"]);
    assert_has(&db.ok(&["audit", "verify"]), &["Jejak audit utuh"]);
    assert_has(
        &db.ok(&["audit", "list", "--limit", "5"]),
        &["ekspor.data_pribadi", "kunci.rotasi"],
    );

    // The wrong key, or none, is refused before anything is served.
    let other = db.dir.path().join("lain.key");
    let init_other = Command::new(env!("CARGO_BIN_EXE_posko"))
        .args(["--database-url"])
        .arg(format!(
            "sqlite://{}",
            db.dir.path().join("lain.db").display()
        ))
        .arg("--key-file")
        .arg(&other)
        .arg("init")
        .output()
        .unwrap();
    assert!(init_other.status.success());
    let err = db.fails(&["--key-file", other.to_str().unwrap(), "user", "list"]);
    assert_has(&err, &["tidak ada di berkas kunci"]);
    let err = db.fails(&["--key-file", "hilang.key", "user", "list"]);
    assert_has(&err, &["hilang.key tidak ada", "data pribadi terenkripsi"]);
}

per_backend!(cli batas_import_prints_matched_and_unmatched);
fn batas_import_prints_matched_and_unmatched(db: &Db) {
    let Some(data) = shared_data() else { return };
    let wilayah = filtered_wilayah(db, &data, &["31"]);
    db.ok(&["import", "wilayah", &wilayah]);
    let kab = data.join("batas/kabkota.geojson");
    let out = db.ok(&["import", "batas", kab.to_str().unwrap()]);
    assert_has(
        &out,
        &[
            "kabkota.geojson: 514 fitur dibaca, 6 cocok dengan wilayah, 508 tidak cocok; 6 baru, 0 berubah, 0 sama",
            "Tidak cocok dengan wilayah tersimpan (508): 11.01, 11.02,",
        ],
    );
    // Nothing matches: an error, exit 1.
    let yogya = data.join("batas/desa_34_di_yogyakarta.geojson");
    let err = db.fails(&["import", "batas", yogya.to_str().unwrap()]);
    assert!(err.contains("tidak ada fitur yang cocok"), "{err}");
}
