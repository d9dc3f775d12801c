//! Reads the real public data in ../shared/data (present on CI).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use posko_domain::{JenisDesa, KodeWilayah, Tingkat};
use posko_import::{ImportOptions, read_tps, read_wilayah};

fn data_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("SKIPPED: ../shared/data not found");
        None
    }
}

fn k(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

#[test]
fn wilayah_csv_all_levels() {
    let Some(dir) = data_dir() else { return };
    let t = Instant::now();
    let p = read_wilayah(&dir.join("wilayah/wilayah.csv"), &ImportOptions::default()).unwrap();
    println!("wilayah.csv: {:?}", t.elapsed());
    assert!(
        p.problems.is_empty(),
        "{:?}",
        &p.problems[..p.problems.len().min(5)]
    );
    assert!(p.notices.is_empty(), "{:?}", p.notices);
    assert_eq!(p.rows.len(), 91_599);
    assert_eq!(p.lines_read, 91_599);
    let mut per_level: HashMap<Tingkat, usize> = HashMap::new();
    for r in &p.rows {
        *per_level.entry(r.value.kode.tingkat()).or_default() += 1;
    }
    assert_eq!(per_level[&Tingkat::Provinsi], 38);
    assert_eq!(per_level[&Tingkat::Kabkota], 514);
    assert_eq!(per_level[&Tingkat::Kecamatan], 7_285);
    assert_eq!(per_level[&Tingkat::Desa], 83_762);
    let by_kode: HashMap<KodeWilayah, &str> = p
        .rows
        .iter()
        .map(|r| (r.value.kode, r.value.nama.as_str()))
        .collect();
    assert_eq!(by_kode[&k("32.73")], "Kota Bandung");
    assert_eq!(by_kode[&k("31.71.01.1001")], "Gambir");
    assert_eq!(by_kode[&k("96")], "Papua Barat Daya");
    assert_eq!(by_kode[&k("32.73.01.1001")], "Sukarasa");
    // Header is line 1, so the first province is on line 2.
    assert_eq!(p.rows[0].line, 2);
    assert_eq!(p.rows[0].value.kode, k("11"));
}

#[test]
fn wilayah_per_level_files() {
    let Some(dir) = data_dir() else { return };
    let opts = ImportOptions::default();
    for (file, n, level) in [
        ("provinsi.csv", 38, Tingkat::Provinsi),
        ("kabkota.csv", 514, Tingkat::Kabkota),
        ("kecamatan.csv", 7_285, Tingkat::Kecamatan),
        ("desa.csv", 83_762, Tingkat::Desa),
    ] {
        let p = read_wilayah(&dir.join("wilayah").join(file), &opts).unwrap();
        assert!(
            p.problems.is_empty(),
            "{file}: {:?}",
            &p.problems[..p.problems.len().min(5)]
        );
        assert_eq!(p.rows.len(), n, "{file}");
        assert!(
            p.rows.iter().all(|r| r.value.kode.tingkat() == level),
            "{file}"
        );
    }
    let desa = read_wilayah(&dir.join("wilayah/desa.csv"), &opts).unwrap();
    let mut jenis: HashMap<JenisDesa, usize> = HashMap::new();
    for r in &desa.rows {
        *jenis.entry(r.value.jenis_desa.unwrap()).or_default() += 1;
    }
    assert_eq!(jenis[&JenisDesa::Kelurahan], 8_496);
    assert_eq!(jenis[&JenisDesa::Desa], 75_252);
    assert_eq!(jenis[&JenisDesa::DesaAdat], 14);
}

#[test]
fn dki_2017_dpt_per_tps() {
    let Some(dir) = data_dir() else { return };
    let t = Instant::now();
    let p = read_tps(
        &dir.join("tps/pilkada_dki2017_putaran1_dpt_tps.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    println!("pilkada_dki2017: {:?}", t.elapsed());
    assert!(
        p.problems.is_empty(),
        "{:?}",
        &p.problems[..p.problems.len().min(5)]
    );
    assert_eq!(p.rows.len(), 13_023);
    let total: u64 = p
        .rows
        .iter()
        .map(|r| u64::from(r.value.dpt.total().unwrap()))
        .sum();
    assert_eq!(total, 7_108_589);
    let first = &p.rows[0];
    assert_eq!(first.line, 2);
    assert_eq!(first.value.kode.to_string(), "31.73.01.1001-001");
    assert_eq!(first.value.dpt.laki(), Some(257));
    assert_eq!(first.value.dpt.perempuan(), Some(272));
    assert_eq!(first.value.dpt.total(), Some(529));
    assert_eq!(first.value.lokasi, None);
}

#[test]
fn sirekap_2024_codes_only() {
    let Some(dir) = data_dir() else { return };
    let p = read_tps(
        &dir.join("tps/sirekap2024_tps_list_31_dki_jakarta.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(
        p.problems.is_empty(),
        "{:?}",
        &p.problems[..p.problems.len().min(5)]
    );
    assert_eq!(p.rows.len(), 30_766);
    assert!(p.rows.iter().all(|r| r.value.dpt.total().is_none()));
    assert_eq!(p.rows[0].value.kode.undotted(), "3101011001001");
    assert!(
        p.rows
            .iter()
            .all(|r| r.value.kode.desa().at(Tingkat::Provinsi) == k("31"))
    );
}

#[test]
fn kawalpemilu_2019_with_missing_desa_codes() {
    let Some(dir) = data_dir() else { return };
    let p = read_tps(
        &dir.join("hasil/kawalpemilu2019_pilpres_tps_dki_bandung_surabaya_named.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(p.lines_read, 44_316);
    assert_eq!(
        p.problems.len(),
        119,
        "{:?}",
        &p.problems[..p.problems.len().min(5)]
    );
    for pr in &p.problems {
        assert_eq!(pr.reason, "kode desa kosong", "{pr}");
        assert_eq!(pr.column.as_deref(), Some("kode_desa_kemendagri"));
        assert!(pr.line.unwrap() > 1);
    }
    assert_eq!(p.rows.len(), 44_316 - 119);
    let unknown = p
        .rows
        .iter()
        .filter(|r| r.value.dpt.total().is_none())
        .count();
    assert_eq!(unknown, 57);
    // The -1 "no data" cells are said, not hidden.
    assert!(
        p.notices.iter().any(|n| n.contains("-1")),
        "{:?}",
        p.notices
    );
    let bandung: u64 = p
        .rows
        .iter()
        .filter(|r| k("32.73").mencakup(&r.value.kode.desa()))
        .filter_map(|r| r.value.dpt.total())
        .map(u64::from)
        .sum();
    assert_eq!(bandung, 1_734_652);
}
