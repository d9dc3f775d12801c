//! `posko import riwayat` through the real binary: history is what was
//! published, so rows whose figures break a rule are loaded and named
//! ("ditandai: file:line: column: reason"), rows that cannot be read are
//! problems, and the summary counts rows and problems apart.

use crate::cli_harness;

use cli_harness::*;

const BERKAS: &str = "kode_desa,tps,dpt,sah,tidak_sah,suara_01\n\
    32.73.01.1001,1,200,150,5,80\n\
    32.73.01.1001,2,200,210,5,80\n\
    32.73.01.1001,3,200,150,5,151\n\
    32.73.01.1001,5,200,banyak,5,-1\n";

per_backend!(cli riwayat_loads_flagged_rows_and_counts_rows_and_problems_apart);
fn riwayat_loads_flagged_rows_and_counts_rows_and_problems_apart(db: &Db) {
    let path = db.write("lalu.csv", BERKAS);
    let args = |skip: bool| {
        let mut a = vec![
            "import",
            "riwayat",
            "--nama",
            "Pilkada 2020",
            "--kolom-kita",
            "suara_01",
        ];
        if skip {
            a.push("--skip-invalid");
        }
        a.push(path.as_str());
        a
    };
    // One unreadable row with two problems: refused, counted as such.
    let err = db.fails(&args(false));
    assert_has(
        &err,
        &[
            "lalu.csv:5: kolom 'sah': 'banyak' bukan angka",
            "lalu.csv:5: kolom 'suara_01': -1 tidak boleh negatif",
            "lalu.csv: 1 baris bermasalah (2 masalah); tidak ada yang diimpor",
        ],
    );
    let out = db.ok(&args(true));
    assert_has(
        &out,
        &[
            "ditandai: lalu.csv:3: kolom 'sah': suara sah + tidak sah (215) melebihi DPT (200); dimuat",
            "ditandai: lalu.csv:4: kolom 'suara_01': suara kita (151) melebihi suara sah (150); dimuat",
        ],
    );
    assert_summary(
        &out,
        "4 baris dibaca, 3 baru, 0 berubah, 0 sama; 1 baris bermasalah (2 masalah) dilewati; 2 baris ditandai (dimuat, tidak dipakai untuk statistik)",
    );
}
