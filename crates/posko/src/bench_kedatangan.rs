//! `posko bench hitung-cepat-kedatangan`: the quick count when reports
//! arrive in the worst orders (issue 20), on the real full count (KPU's
//! own per-TPS tallies of Pilpres 2019 in DKI Jakarta, Kota Bandung and
//! Kota Surabaya, `../shared/data/hasil/`). For each design it draws
//! `ulangan` samples with the product's own draw, reports each in every
//! adversarial order ([`Urutan`]), estimates at 40 points along the
//! arrival, and prints: how many points called a leader, how often the
//! 95 % interval held the full count there (the gate: at least 93 %), the
//! mean half-width there, and how far into the arrival the first call
//! came, and how long each design took. It fails (exit code 1) when any
//! order's coverage is below 93 %.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::bail;
use posko_domain::hitung_cepat::Stratifikasi;
use posko_domain::hitung_cepat::simulasi::{Urutan, simulasikan};

const DESAIN: [(Stratifikasi, u32); 3] = [
    (Stratifikasi::KabKota, 1000),
    (Stratifikasi::KabKota, 2000),
    (Stratifikasi::Kecamatan, 2000),
];

pub fn kedatangan(ulangan: u32, data: Option<PathBuf>) -> anyhow::Result<()> {
    if ulangan == 0 {
        bail!("--ulangan harus lebih dari 0");
    }
    let dir = data.unwrap_or_else(|| PathBuf::from("../shared/data"));
    let d = crate::bench_hitung_cepat::baca(&dir.join(crate::bench_hitung_cepat::BERKAS), "kpu")?;
    println!(
        "Pilpres 2019 (DKI, Kota Bandung, Kota Surabaya), hitung KPU: {} TPS dengan data, {} dilewati",
        d.tps.len(),
        d.dilewati
    );
    println!(
        "{ulangan} tarikan per desain (benih 1..={ulangan}), alokasi proporsional DPT, 40 titik per urutan kedatangan.\n"
    );
    let mut gagal = Vec::new();
    for (stratifikasi, n) in DESAIN {
        let mulai = Instant::now();
        let h = simulasikan(
            &d.tps,
            &d.laporan,
            stratifikasi,
            n,
            u64::from(ulangan),
            &Urutan::SEMUA,
            n as usize / 40,
        )?;
        let detik = mulai.elapsed().as_secs_f64();
        println!(
            "{stratifikasi:?} n={n}: 01 hitung penuh {:.2} %; {:.1} s",
            h.benar * 100.0,
            detik
        );
        println!(
            "  {:<16} {:>7} {:>9} {:>9} {:>10} {:>14} {:>7}",
            "urutan", "titik", "diputus", "cakupan", "± rata", "putusan ke-1", "salah"
        );
        for (u, c) in h
            .per_urutan
            .iter()
            .map(|(u, c)| (format!("{u:?}"), c))
            .chain([("semua".to_string(), &h.semua)])
        {
            println!(
                "  {u:<16} {:>7} {:>9} {:>8.1}% {:>9.2}  {:>12.0}% {:>7}",
                c.titik,
                c.titik_putusan,
                c.cakupan() * 100.0,
                c.setengah_lebar_rata() * 100.0,
                c.fraksi_pertama_rata() * 100.0,
                c.salah_pemenang
            );
            if c.cakupan() < 0.93 {
                gagal.push(format!(
                    "{stratifikasi:?} n={n} {u}: {:.1} %",
                    c.cakupan() * 100.0
                ));
            }
        }
        println!();
    }
    println!(
        "(titik = taksiran di sepanjang kedatangan; diputus = titik yang menyebut pemenang; cakupan = selang 95 % memuat hitung penuh di titik itu; ± rata = setengah lebar selang, poin; putusan ke-1 = rata-rata bagian sampel yang sudah masuk saat pemenang pertama disebut)"
    );
    if !gagal.is_empty() {
        bail!("cakupan di bawah 93 %: {}", gagal.join("; "));
    }
    Ok(())
}
