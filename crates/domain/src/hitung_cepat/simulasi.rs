//! The arrival test of the quick count: on a population whose full count
//! is known, draw samples with the product's own design and draw, let the
//! sampled TPS report in adversarial orders, and at every point along the
//! arrival where a leader is called check that the 95 % interval of paslon
//! 1's share holds the truth. Pure and seeded, so the unit test
//! (`tests/hitung_cepat_kedatangan.rs`) and `posko bench hitung-cepat`
//! run the same thing at different sizes.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{
    Alokasi, DesainSampel, GalatHitungCepat, Kerangka, LaporanTps, Putusan, Sampel, Stratifikasi,
    TpsPopulasi, lintasan,
};

/// The order in which sampled TPS report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urutan {
    /// A random order (seeded).
    Acak,
    /// Towns first, as in the defect of issue 20: the first 15 % of the
    /// sample come from the kecamatan that lean hardest to paslon 1
    /// (towns vote alike and report first; in the 2019 data all three
    /// regions are cities, so the lean itself stands for "urban"), then
    /// two TPS of every stratum with nothing in trickle in, then the rest
    /// in the same leaning order.
    KotaDulu,
    /// The same towards the other side: the kecamatan leaning hardest
    /// *against* paslon 1 first.
    LawanDulu,
    /// One kab/kota (the sample's strata by kab/kota code, taken in turn
    /// by seed) reports completely first, then the rest at random.
    SatuKabKotaDulu,
    /// The TPS with the largest DPT first.
    TerbesarDulu,
}

impl Urutan {
    pub const SEMUA: [Urutan; 5] = [
        Urutan::Acak,
        Urutan::KotaDulu,
        Urutan::LawanDulu,
        Urutan::SatuKabKotaDulu,
        Urutan::TerbesarDulu,
    ];
}

/// What was measured for one order (or all together).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Cakupan {
    /// Points along the arrivals that were estimated.
    pub titik: u64,
    /// Of them, where a leader was called.
    pub titik_putusan: u64,
    /// Of those, where paslon 1's 95 % interval held the full count.
    pub kena: u64,
    /// Sum of the interval's half-widths at the called points.
    pub jumlah_setengah_lebar: f64,
    /// Sum over draws of the share of the sample in when a leader was
    /// first called (draws with a call only), and how many such draws.
    pub jumlah_fraksi_pertama: f64,
    pub tarikan_dengan_putusan: u64,
    /// Called points whose leader was not the full count's winner.
    pub salah_pemenang: u64,
}

impl Cakupan {
    /// Share of called points whose interval held the truth (1 when none
    /// was called).
    pub fn cakupan(&self) -> f64 {
        if self.titik_putusan == 0 {
            1.0
        } else {
            self.kena as f64 / self.titik_putusan as f64
        }
    }

    pub fn setengah_lebar_rata(&self) -> f64 {
        if self.titik_putusan == 0 {
            0.0
        } else {
            self.jumlah_setengah_lebar / self.titik_putusan as f64
        }
    }

    pub fn fraksi_pertama_rata(&self) -> f64 {
        if self.tarikan_dengan_putusan == 0 {
            0.0
        } else {
            self.jumlah_fraksi_pertama / self.tarikan_dengan_putusan as f64
        }
    }

    fn tambah(&mut self, o: &Cakupan) {
        self.titik += o.titik;
        self.titik_putusan += o.titik_putusan;
        self.kena += o.kena;
        self.jumlah_setengah_lebar += o.jumlah_setengah_lebar;
        self.jumlah_fraksi_pertama += o.jumlah_fraksi_pertama;
        self.tarikan_dengan_putusan += o.tarikan_dengan_putusan;
        self.salah_pemenang += o.salah_pemenang;
    }
}

/// The figures of one run: per order, and all orders together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HasilSimulasi {
    pub benar: f64,
    pub per_urutan: Vec<(Urutan, Cakupan)>,
    pub semua: Cakupan,
}

/// SplitMix64, so the orders are the same on every machine.
struct Acak(u64);

impl Acak {
    fn u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn kocok<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn kecamatan(kode: &str) -> String {
    kode.chars().filter(char::is_ascii_digit).take(6).collect()
}

/// The order of the sampled TPS (indices into `sampel.tps`).
fn urutkan(
    urutan: Urutan,
    sampel: &Sampel,
    condong: &HashMap<String, f64>,
    benih: u64,
) -> Vec<usize> {
    let mut acak = Acak(benih ^ 0x0005_EED0_FA11);
    let mut i: Vec<usize> = (0..sampel.tps.len()).collect();
    acak.kocok(&mut i);
    let bagian = |k: usize| {
        condong
            .get(&kecamatan(&sampel.tps[k].kode))
            .copied()
            .unwrap_or(0.5)
    };
    match urutan {
        Urutan::Acak => i,
        Urutan::KotaDulu | Urutan::LawanDulu => {
            // Stable on the shuffled order: ties stay random.
            if urutan == Urutan::KotaDulu {
                i.sort_by(|&a, &b| bagian(b).total_cmp(&bagian(a)));
            } else {
                i.sort_by(|&a, &b| bagian(a).total_cmp(&bagian(b)));
            }
            let awal = (i.len() * 15).div_ceil(100);
            let (depan, sisa) = i.split_at(awal);
            let mut ada = vec![false; sampel.strata.len()];
            for &k in depan {
                ada[sampel.tps[k].strata] = true;
            }
            let mut hasil: Vec<usize> = depan.to_vec();
            let mut tetes = vec![0u8; sampel.strata.len()];
            let mut belakang = Vec::with_capacity(sisa.len());
            for &k in sisa {
                let h = sampel.tps[k].strata;
                if !ada[h] && tetes[h] < 2 {
                    tetes[h] += 1;
                    hasil.push(k);
                } else {
                    belakang.push(k);
                }
            }
            hasil.extend(belakang);
            hasil
        }
        Urutan::SatuKabKotaDulu => {
            let kab =
                |k: usize| -> String { kecamatan(&sampel.tps[k].kode).chars().take(4).collect() };
            let mut semua: Vec<String> = i.iter().map(|&k| kab(k)).collect();
            semua.sort();
            semua.dedup();
            let pilih = semua[(benih % semua.len() as u64) as usize].clone();
            i.sort_by_key(|&k| kab(k) != pilih);
            i
        }
        Urutan::TerbesarDulu => {
            i.sort_by(|&a, &b| sampel.tps[b].dpt.cmp(&sampel.tps[a].dpt));
            i
        }
    }
}

/// Runs the arrival test: `ulangan` draws (seeds 1..=ulangan) of
/// `ukuran` TPS under `stratifikasi` (proportional to DPT) from
/// `populasi`, whose full count is `laporan` (same order, two paslon or
/// more; paslon 1's share is checked), each reported in every order of
/// `urutan` with a point every `setiap` reports.
pub fn simulasikan(
    populasi: &[TpsPopulasi],
    laporan: &[LaporanTps],
    stratifikasi: Stratifikasi,
    ukuran: u32,
    ulangan: u64,
    urutan: &[Urutan],
    setiap: usize,
) -> Result<HasilSimulasi, GalatHitungCepat> {
    let kerangka = Kerangka::susun(stratifikasi, populasi)?;
    let indeks: HashMap<&str, usize> = populasi
        .iter()
        .enumerate()
        .map(|(i, t)| (t.kode.as_str(), i))
        .collect();
    let (mut a, mut m) = (0u64, 0u64);
    let mut per_kec: HashMap<String, (u64, u64)> = HashMap::new();
    for l in laporan {
        a += l.suara_paslon[0];
        m += l.suara_sah();
        let e = per_kec.entry(kecamatan(&l.kode)).or_default();
        e.0 += l.suara_paslon[0];
        e.1 += l.suara_sah();
    }
    let benar = a as f64 / m as f64;
    let pemenang = usize::from(benar <= 0.5);
    let condong: HashMap<String, f64> = per_kec
        .into_iter()
        .map(|(k, (a, m))| (k, a as f64 / m.max(1) as f64))
        .collect();
    let mut per_urutan: Vec<(Urutan, Cakupan)> =
        urutan.iter().map(|&u| (u, Cakupan::default())).collect();
    for benih in 1..=ulangan {
        let sampel = kerangka.tarik(&DesainSampel {
            stratifikasi,
            alokasi: Alokasi::ProporsionalDpt,
            ukuran,
            benih,
        })?;
        for (u, c) in &mut per_urutan {
            let urut = urutkan(*u, &sampel, &condong, benih);
            let masuk: Vec<LaporanTps> = urut
                .iter()
                .map(|&k| laporan[indeks[sampel.tps[k].kode.as_str()]].clone())
                .collect();
            let mut pertama = None;
            for t in lintasan(&sampel, &masuk, setiap)? {
                c.titik += 1;
                let Putusan::Unggul { paslon } = t.taksiran.pemimpin else {
                    continue;
                };
                let p = t.taksiran.per_paslon[0];
                c.titik_putusan += 1;
                c.kena += u64::from(p.memuat(benar));
                c.salah_pemenang += u64::from(paslon != pemenang);
                c.jumlah_setengah_lebar += (p.atas - p.bawah) / 2.0;
                pertama.get_or_insert(t.laporan as f64 / masuk.len() as f64);
            }
            if let Some(f) = pertama {
                c.jumlah_fraksi_pertama += f;
                c.tarikan_dengan_putusan += 1;
            }
        }
    }
    let mut semua = Cakupan::default();
    for (_, c) in &per_urutan {
        semua.tambah(c);
    }
    Ok(HasilSimulasi {
        benar,
        per_urutan,
        semua,
    })
}
