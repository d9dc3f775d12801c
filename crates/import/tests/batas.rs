//! Boundary files from ../shared/data/batas, and the map they make.

use std::path::{Path, PathBuf};

use posko_domain::KodeWilayah;
use posko_domain::peta::{Bentuk, Legenda, TANPA_DATA, svg};
use posko_import::read_batas;

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
fn kabkota_and_dki_desa_read_whole() {
    let Some(dir) = data_dir() else { return };
    let kab = read_batas(&dir.join("batas/kabkota.geojson")).unwrap();
    assert!(kab.problems.is_empty(), "{:?}", kab.problems);
    assert_eq!(kab.features_read, 514);
    assert_eq!(kab.rows.len(), 514);
    let dki: Vec<_> = kab
        .rows
        .iter()
        .filter(|r| r.batas.kode.to_string().starts_with("31."))
        .collect();
    assert_eq!(dki.len(), 6);
    assert!(kab.titik_simpan <= kab.titik_asli);

    let desa = read_batas(&dir.join("batas/desa_31_dki_jakarta.geojson")).unwrap();
    assert!(desa.problems.is_empty(), "{:?}", desa.problems);
    assert_eq!(desa.rows.len(), 267);
    let gambir = desa
        .rows
        .iter()
        .find(|r| r.batas.kode == KodeWilayah::parse("31.71.01.1001").unwrap())
        .unwrap();
    assert_eq!(gambir.nama, "Gambir");
    // Monas (106.8271, -6.1754) lies in Gambir's box.
    let k = gambir.batas.kotak().unwrap();
    assert!(k.min_lng < 106.8271 && 106.8271 < k.max_lng);
    assert!(k.min_lat < -6.1754 && -6.1754 < k.max_lat);
}

#[test]
fn broken_feature_is_reported_with_its_index() {
    let Some(dir) = data_dir() else { return };
    let text = std::fs::read_to_string(dir.join("batas/desa_31_dki_jakarta.geojson")).unwrap();
    // Break the third feature's geometry type.
    let mut n = 0;
    let broken: String = text
        .split("\"type\":\"MultiPolygon\"")
        .enumerate()
        .map(|(i, part)| {
            n += 1;
            if i == 0 {
                part.to_string()
            } else if i == 3 {
                format!("\"type\":\"Lingkaran\"{part}")
            } else {
                format!("\"type\":\"MultiPolygon\"{part}")
            }
        })
        .collect();
    assert!(n > 3);
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("rusak.geojson");
    std::fs::write(&f, broken).unwrap();
    let b = read_batas(&f).unwrap();
    assert_eq!(b.rows.len(), 266);
    assert_eq!(b.problems.len(), 1);
    let p = b.problems[0].to_string();
    assert!(
        p.starts_with("rusak.geojson: fitur ke-3 (features[2])") && p.contains("Lingkaran"),
        "{p}"
    );
}

/// West Java at kecamatan level: the map must stay light.
#[test]
fn west_java_kecamatan_map_is_small() {
    let Some(dir) = data_dir() else { return };
    let kec = read_batas(&dir.join("batas/kecamatan.geojson")).unwrap();
    let jabar: Vec<_> = kec
        .rows
        .iter()
        .filter(|r| r.batas.kode.to_string().starts_with("32."))
        .collect();
    assert!(jabar.len() > 600, "{}", jabar.len());
    let bentuk: Vec<Bentuk<'_>> = jabar
        .iter()
        .map(|r| Bentuk {
            batas: &r.batas,
            nama: &r.nama,
            keterangan: "TPS bersaksi 45,6 % (123 dari 270 TPS)".into(),
            isi: TANPA_DATA,
            href: Some(format!("/wilayah/{}?warna=saksi", r.batas.kode)),
        })
        .collect();
    let legenda = Legenda {
        judul: "Pemilih (DPT)".into(),
        keterangan: "uji".into(),
        baris: vec![(TANPA_DATA, "belum ada DPT".into())],
    };
    let t = std::time::Instant::now();
    let s = svg("Jawa Barat", &bentuk, &legenda);
    println!(
        "Jawa Barat, {} kecamatan: SVG {} bytes in {:?}",
        jabar.len(),
        s.len(),
        t.elapsed()
    );
    if let Ok(p) = std::env::var("POSKO_SIMPAN_SVG") {
        std::fs::write(p, &s).unwrap();
    }
    assert_eq!(s.matches("<path ").count(), jabar.len());
    // Measured: 166 KB with coordinates in tenths and a data-kode per
    // shape; whole units and the id alone bring it under the 150 KB target
    // even with longer tooltips and links (see the closing note).
    assert!(s.len() < 150_000, "{} bytes", s.len());
}
