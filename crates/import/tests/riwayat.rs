//! History files (`read_hasil_lalu`): a real KPU per-TPS export loads with
//! its rule-breaking rows flagged, not refused; a hostile file's counts
//! never overflow or reach the store.

use std::path::{Path, PathBuf};

use posko_import::{ImportOptions, read_hasil_lalu};

fn data_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("SKIPPED: ../shared/data not found");
        None
    }
}

#[test]
fn a_real_kpu_export_loads_with_rows_above_dpt_flagged() {
    let Some(dir) = data_dir() else { return };
    let f = dir.join("hasil/kawalpemilu2019_pilpres_tps_dki_bandung_surabaya_named.csv");
    let p = read_hasil_lalu(&f, Some("kpu_pas1"), &ImportOptions::default()).unwrap();
    // Only the 119 Surabaya rows without a desa code cannot be placed.
    assert_eq!(p.problems.len(), 119);
    assert_eq!(p.rows.len(), 44_197);
    // 718 reasons "valid + invalid above DPT", 214 "ours above valid",
    // on 928 rows (4 rows have both), each row flagged and kept.
    assert_eq!(p.ditandai.len(), 932);
    let flagged = p.rows.iter().filter(|r| r.value.ditandai).count();
    assert_eq!(flagged, 928);
    let di_atas_dpt = p
        .ditandai
        .iter()
        .filter(|t| t.column.as_deref() == Some("kpu_sah"))
        .count();
    assert_eq!(di_atas_dpt, 718);
    for r in &p.rows {
        let v = r.value;
        let salah = (v.dpt > 0 && u64::from(v.sah) + u64::from(v.tidak_sah) > u64::from(v.dpt))
            || v.kita.is_some_and(|k| k > v.sah);
        assert_eq!(v.ditandai, salah, "line {}", r.line);
    }
    let t = p.ditandai.iter().find(|t| t.line == Some(120)).unwrap();
    assert_eq!(t.column.as_deref(), Some("kpu_pas1"));
    assert!(
        t.reason
            .starts_with("suara kita (94) melebihi suara sah (0)")
    );
}

#[test]
fn hostile_counts_are_problems_or_flags_never_a_crash() {
    let dir = tempfile::TempDir::new().unwrap();
    let f = dir.path().join("lalu.csv");
    std::fs::write(
        &f,
        "kode_tps,dpt,sah,tidak_sah,kita\n\
         3273011001001,10,1000000,1000000,1000000\n\
         3273011001002,10,4294967295,4294967295,\n\
         3273011001003,10,5,5,4294967295\n\
         3273011001004,4294967295,5,5,\n\
         3273011001005,-0,0,0,0\n\
         3273011001006,,7,0,\n",
    )
    .unwrap();
    let p = read_hasil_lalu(&f, Some("kita"), &ImportOptions::default()).unwrap();
    let lines: Vec<(u64, Option<&str>)> = p
        .problems
        .iter()
        .map(|x| (x.line.unwrap(), x.column.as_deref()))
        .collect();
    assert_eq!(
        lines,
        [
            (3, Some("sah")),
            (3, Some("tidak_sah")),
            (4, Some("kita")),
            (5, Some("dpt")),
        ]
    );
    assert!(
        p.problems[0]
            .reason
            .contains("terlalu besar untuk satu TPS")
    );
    let kept: Vec<(u16, bool)> = p
        .rows
        .iter()
        .map(|r| (r.value.tps.nomor().get(), r.value.ditandai))
        .collect();
    // 2,000,000 votes at a TPS of 10 voters: kept and flagged; a DPT of
    // "-0" is 0; a TPS without DPT keeps its votes and leaves turnout.
    assert_eq!(kept, [(1, true), (5, false), (6, false)]);
    assert_eq!(p.ditandai.len(), 1);
    assert!(
        p.ditandai[0]
            .reason
            .starts_with("suara sah + tidak sah (2000000) melebihi DPT (10)")
    );
}
