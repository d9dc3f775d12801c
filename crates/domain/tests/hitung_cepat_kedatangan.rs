//! The arrival test of issue 20 on the real 2019 count (every TPS of DKI
//! Jakarta, Kota Bandung and Kota Surabaya; KPU's own tallies `kpu_*` are
//! the truth): samples drawn with the product's design and draw, reported
//! in adversarial orders (towns first, the other side first, one kab/kota
//! first, largest TPS first, random), and at every point where a leader is
//! called the 95 % interval of paslon 01's share must hold the full count
//! in at least 93 % of such points. Seeded, so deterministic.
//!
//! `cargo test -p posko-domain --test hitung_cepat_kedatangan -- --nocapture`
//! prints the figures; `posko bench hitung-cepat` runs more draws.
//! `POSKO_ULANGAN=N` changes the number of draws.

use std::path::Path;

use posko_domain::hitung_cepat::simulasi::{Urutan, simulasikan};
use posko_domain::hitung_cepat::{LaporanTps, Stratifikasi, TpsPopulasi};

const BERKAS: &str = "kawalpemilu2019_pilpres_tps_dki_bandung_surabaya_named.csv";

fn ulangan() -> u64 {
    std::env::var("POSKO_ULANGAN")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40)
}

/// Every TPS with KPU tallies and a DPT, or None without `../shared/data`.
fn kpu_2019() -> Option<(Vec<TpsPopulasi>, Vec<LaporanTps>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/hasil")
        .join(BERKAS);
    let text = std::fs::read_to_string(&path).ok()?;
    let mut baris = text.lines();
    let kepala: Vec<&str> = baris.next()?.split(',').collect();
    let kol = |nama: &str| kepala.iter().position(|k| *k == nama).unwrap();
    let (desa, kec, kel, no, dpt, p1, p2, ts) = (
        kol("kode_desa_kemendagri"),
        kol("kode_kec_kemendagri"),
        kol("kel_id"),
        kol("tps_no"),
        kol("dpt"),
        kol("kpu_pas1"),
        kol("kpu_pas2"),
        kol("kpu_tidak_sah"),
    );
    let (mut tps, mut laporan) = (Vec::new(), Vec::new());
    for l in baris {
        let c: Vec<&str> = l.split(',').collect();
        assert_eq!(c.len(), kepala.len(), "{l}");
        let angka = |i: usize| c[i].trim().parse::<u64>().ok();
        let (Some(d), Some(a), Some(b)) = (angka(dpt), angka(p1), angka(p2)) else {
            continue;
        };
        let nomor: u32 = c[no].parse().unwrap();
        let (kode_desa, kode) = if c[desa].is_empty() {
            let k = c[kec].replace('.', "");
            (k.clone(), format!("{k}-kel{}-{nomor:03}", c[kel]))
        } else {
            let k = c[desa].replace('.', "");
            (k.clone(), format!("{k}-{nomor:03}"))
        };
        tps.push(TpsPopulasi {
            kode: kode.clone(),
            kode_desa,
            dpt: d as u32,
        });
        laporan.push(LaporanTps {
            kode,
            suara_paslon: vec![a, b],
            tidak_sah: angka(ts).unwrap_or(0),
            dpt: d,
        });
    }
    Some((tps, laporan))
}

fn periksa(stratifikasi: Stratifikasi, ukuran: u32) {
    let Some((tps, laporan)) = kpu_2019() else {
        println!("SKIPPED: ../shared/data not found");
        return;
    };
    let r = ulangan();
    let h = simulasikan(
        &tps,
        &laporan,
        stratifikasi,
        ukuran,
        r,
        &Urutan::SEMUA,
        ukuran as usize / 40,
    )
    .unwrap();
    println!(
        "{} TPS, 01 hitung penuh (KPU) {:.4}; {stratifikasi:?} n={ukuran}, {r} tarikan, titik tiap {} laporan",
        tps.len(),
        h.benar,
        ukuran / 40
    );
    for (u, c) in h
        .per_urutan
        .iter()
        .map(|(u, c)| (format!("{u:?}"), c))
        .chain([("semua".to_string(), &h.semua)])
    {
        println!(
            "  {u:<16} titik {:>6}  diputus {:>6}  cakupan {:>5.1} %  ±rata {:>5.2} poin  putusan pertama pada {:>4.0} % masuk  salah pemenang {}",
            c.titik,
            c.titik_putusan,
            c.cakupan() * 100.0,
            c.setengah_lebar_rata() * 100.0,
            c.fraksi_pertama_rata() * 100.0,
            c.salah_pemenang
        );
    }
    assert!(h.semua.titik_putusan > 0, "no point ever called a leader");
    assert!(
        h.semua.cakupan() >= 0.93,
        "coverage {:.1} % below 93 %",
        h.semua.cakupan() * 100.0
    );
    for (u, c) in &h.per_urutan {
        assert!(
            c.cakupan() >= 0.93,
            "{u:?}: coverage {:.1} % below 93 %",
            c.cakupan() * 100.0
        );
    }
    assert_eq!(h.semua.salah_pemenang, 0, "a wrong winner was called");
}

#[test]
fn kabkota_1000_in_adversarial_orders() {
    periksa(Stratifikasi::KabKota, 1000);
}

#[test]
fn kecamatan_2000_in_adversarial_orders() {
    periksa(Stratifikasi::Kecamatan, 2000);
}
