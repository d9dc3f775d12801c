//! `posko bench survei`: raking an electability survey's interviews to
//! the voter list's margins (sex × 5 age bands × the kecamatan of a
//! kabupaten), with trimming, as `posko_domain::survei::rake` does for
//! the results page. The interviews are synthetic and skewed as a real
//! field team's are (men, the old and the district towns over-
//! represented). Prints the time to rake them against one pass that only
//! sums the weights per category (reading the interviews once), measured
//! in the same run, with the passes, trimming rounds and design effect.

use std::hint::black_box;
use std::time::Instant;

use posko_domain::survei::{OpsiRaking, efek_desain, rake};

/// xorshift64*: the same interviews on every machine.
struct Acak(u64);

impl Acak {
    fn u(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

pub fn survei(wawancara: usize, kecamatan: usize, ulangan: usize) -> anyhow::Result<()> {
    anyhow::ensure!(
        wawancara > 0 && kecamatan > 0 && ulangan > 0,
        "angka harus > 0"
    );
    let mut acak = Acak(0x5EED_2029);
    let mut kategori = Vec::with_capacity(wawancara);
    while kategori.len() < wawancara {
        let s = usize::from(acak.u() < 0.5);
        let a = (acak.u() * 5.0) as usize;
        let k = (acak.u() * kecamatan as f64) as usize;
        let peluang = (if s == 0 { 1.0 } else { 0.55 })
            * (0.4 + 0.15 * a as f64)
            * (if k.is_multiple_of(5) { 1.0 } else { 0.6 });
        if acak.u() < peluang {
            kategori.push(vec![s, a, k]);
        }
    }
    // The DPT's margins: even sex and kecamatan, age bands as a young
    // electorate has them; 20 voters per interview.
    let dpt = 20.0 * wawancara as f64;
    let sasaran = vec![
        vec![dpt / 2.0; 2],
        [0.18, 0.22, 0.24, 0.20, 0.16]
            .iter()
            .map(|p| p * dpt)
            .collect(),
        vec![dpt / kecamatan as f64; kecamatan],
    ];
    let bobot = vec![1.0; wawancara];

    let mut dasar = f64::MAX;
    for _ in 0..ulangan {
        let t = Instant::now();
        let mut total = [vec![0.0; 2], vec![0.0; 5], vec![0.0; kecamatan]];
        for (r, w) in kategori.iter().zip(&bobot) {
            for v in 0..3 {
                total[v][r[v]] += w;
            }
        }
        black_box(&total);
        dasar = dasar.min(t.elapsed().as_secs_f64());
    }
    let mut waktu = f64::MAX;
    let mut hasil = None;
    for _ in 0..ulangan {
        let t = Instant::now();
        let h = rake(&kategori, None, &sasaran, OpsiRaking::default())?;
        waktu = waktu.min(t.elapsed().as_secs_f64());
        hasil = Some(h);
    }
    let h = hasil.expect("at least one run");
    let (deff, neff) = efek_desain(&h.bobot);
    println!(
        "survei: {wawancara} wawancara, {kecamatan} kecamatan, 2 × 5 × {kecamatan} kategori; terbaik dari {ulangan} kali"
    );
    println!(
        "  satu kali menjumlah bobot per kategori (dasar): {:.3} ms",
        dasar * 1e3
    );
    println!(
        "  raking dengan pemangkasan [0,3; 3] × rata-rata: {:.1} ms = {:.0} × dasar",
        waktu * 1e3,
        waktu / dasar
    );
    println!(
        "  {} putaran terakhir, {} kali pangkas, konvergen {}, selisih terbesar {:.1e}; deff {:.3}, n efektif {:.0}",
        h.iterasi, h.putaran_pangkas, h.konvergen, h.selisih_maks, deff, neff
    );
    Ok(())
}
