//! A seeded test helper for the field-data checks: honest batches shaped
//! like the demo's ground game (and the noise real canvassers make:
//! mistyped dates, people who moved, misspelt names, couples at one door,
//! a motorbike ride between neighbourhoods) and fabricated ones (swapped
//! NIKs, bursts, copied photos, GPS that teleports or sits still, every
//! door answered, people taken from another relawan). [`gerbang`] runs
//! [`periksa_batch`] over both and reports how many fabricated batches are
//! held and how many honest records are.

use super::*;

/// SplitMix64: small, seeded, the same everywhere (the domain has no
/// random-number dependency and needs none elsewhere).
struct Acak(u64);

impl Acak {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..hi` (hi > lo).
    fn antara(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo) as u64) as i64
    }

    fn peluang(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pecahan(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The kinds of fabrication the gate injects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palsu {
    NikTertukar,
    Beruntun,
    FotoSalin,
    GpsLompat,
    GpsDiam,
    KontakPenuh,
    OrangRelawanLain,
}

impl Palsu {
    pub const ALL: [Palsu; 7] = [
        Palsu::NikTertukar,
        Palsu::Beruntun,
        Palsu::FotoSalin,
        Palsu::GpsLompat,
        Palsu::GpsDiam,
        Palsu::KontakPenuh,
        Palsu::OrangRelawanLain,
    ];
}

/// One simulated batch, as the checks would see it.
#[derive(Debug, Clone, Default)]
pub struct BatchUji {
    pub pendukung: Vec<CatatanPendukung>,
    pub kunjungan: Vec<CatatanKunjungan>,
    pub sinyal: Sinyal,
}

impl BatchUji {
    pub fn catatan(&self) -> usize {
        self.pendukung.len() + self.kunjungan.len()
    }

    pub fn temuan(&self) -> Vec<Temuan> {
        periksa_batch(&self.pendukung, &self.kunjungan, &self.sinyal)
    }
}

const PAGI: i64 = 1_760_000_000;

fn geser(l: Lokasi, utara_m: f64, timur_m: f64) -> Lokasi {
    Lokasi {
        lat: l.lat + utara_m / 111_320.0,
        lon: l.lon + timur_m / (111_320.0 * l.lat.to_radians().cos()),
    }
}

fn supporters(r: &mut Acak, n: usize, jeda: (i64, i64), swapped: f64) -> Vec<CatatanPendukung> {
    let mut t = PAGI + r.antara(0, 7200);
    (0..n)
        .map(|_| {
            // Couples and households at one door: a short gap now and then.
            t += if r.peluang(0.15) {
                r.antara(8, 40)
            } else {
                r.antara(jeda.0, jeda.1)
            };
            let tukar = r.peluang(swapped);
            let mut m = MutuCatatan::default();
            if tukar || r.peluang(0.6) {
                m = m.dengan(MutuCatatan::ADA_NIK, true);
                let tanggal = if tukar {
                    r.peluang(0.997)
                } else {
                    r.peluang(0.01)
                };
                m = m.dengan(MutuCatatan::NIK_TANGGAL_BEDA, tanggal);
                let pindah = if tukar {
                    r.peluang(0.7)
                } else {
                    r.peluang(0.10)
                };
                m = m.dengan(MutuCatatan::NIK_KECAMATAN_BEDA, pindah);
            }
            if r.peluang(0.7) {
                m = m.dengan(MutuCatatan::DPT_DIPERIKSA, true);
                let hilang = if tukar {
                    r.peluang(0.9)
                } else {
                    r.peluang(0.04)
                };
                m = m.dengan(MutuCatatan::TIDAK_DI_DPT, hilang);
            }
            CatatanPendukung { waktu: t, mutu: m }
        })
        .collect()
}

/// Visits along streets: (visit, point, photo id) with an honest pace.
fn visits(r: &mut Acak, n: usize, kontak: f64) -> Vec<(CatatanKunjungan, Lokasi, u64)> {
    let mut t = PAGI + r.antara(0, 7200);
    let mut di = Lokasi {
        lat: -6.2 + r.pecahan() * 0.2,
        lon: 106.7 + r.pecahan() * 0.2,
    };
    (0..n)
        .map(|_| {
            if r.peluang(0.03) {
                // A ride to the next neighbourhood: 1–3 km, 10–20 minutes.
                t += r.antara(600, 1200);
                di = geser(
                    di,
                    r.antara(-2000, 2000) as f64,
                    r.antara(1000, 3000) as f64,
                );
            } else {
                t += r.antara(60, 420);
                di = geser(di, r.antara(-20, 20) as f64, r.antara(10, 60) as f64);
            }
            // The phone's fix wanders up to 15 m.
            let fix = geser(di, r.antara(-15, 15) as f64, r.antara(-15, 15) as f64);
            let k = CatatanKunjungan {
                waktu: t,
                bertemu: r.peluang(kontak),
            };
            (k, fix, r.next())
        })
        .collect()
}

fn dengan_gps(b: &mut BatchUji, v: &[(CatatanKunjungan, Lokasi, u64)], foto: bool) {
    b.kunjungan = v.iter().map(|x| x.0).collect();
    let titik: Vec<(i64, Lokasi)> = v.iter().map(|x| (x.0.waktu, x.1)).collect();
    b.sinyal.gabung(&periksa_gps(&titik));
    if foto {
        let h: Vec<String> = v.iter().map(|x| format!("{:016x}", x.2)).collect();
        b.sinyal.gabung(&periksa_foto(&h));
    }
}

/// An honest relawan's day, as the demo's ground game records it (about
/// 25 supporters spread over the day, doors answered half the time).
pub fn jujur(r_seed: u64) -> BatchUji {
    let r = &mut Acak(r_seed);
    let n = r.antara(0, 31) as usize;
    let mut b = BatchUji {
        pendukung: supporters(r, n, (90, 900), 0.0),
        ..BatchUji::default()
    };
    let n = r.antara(0, 90) as usize;
    let kontak = 0.5 + r.pecahan() * 0.35;
    let v = visits(r, n, kontak);
    let gps = r.peluang(0.5);
    if gps {
        dengan_gps(&mut b, &v, r.peluang(0.5));
    } else {
        b.kunjungan = v.iter().map(|x| x.0).collect();
    }
    // Now and then a neighbour another relawan already signed up.
    let lain = if r.peluang(0.1) { 1 } else { 0 } + if r.peluang(0.02) { 1 } else { 0 };
    b.sinyal.tambah(Alasan::OrangRelawanLain, lain);
    b
}

/// A fabricated batch of one kind.
pub fn palsu(jenis: Palsu, r_seed: u64) -> BatchUji {
    let r = &mut Acak(r_seed);
    let mut b = BatchUji::default();
    match jenis {
        Palsu::NikTertukar => {
            let n = r.antara(8, 31) as usize;
            let bagian = 0.3 + r.pecahan() * 0.7;
            b.pendukung = supporters(r, n, (90, 900), bagian);
        }
        Palsu::Beruntun => {
            let n = r.antara(8, 61) as usize;
            b.pendukung = supporters(r, n, (5, 28), 0.0);
        }
        Palsu::FotoSalin => {
            let n = r.antara(8, 41) as usize;
            let mut v = visits(r, n, 0.6);
            let stok = r.antara(1, (n / 2) as i64 + 1) as u64;
            for x in &mut v {
                x.2 %= stok;
            }
            dengan_gps(&mut b, &v, true);
        }
        Palsu::GpsLompat => {
            let n = r.antara(8, 41) as usize;
            let mut v = visits(r, n, 0.6);
            // Points typed or spoofed anywhere in a 20 km box.
            for x in &mut v {
                x.1 = Lokasi {
                    lat: -6.3 + r.pecahan() * 0.18,
                    lon: 106.7 + r.pecahan() * 0.18,
                };
            }
            dengan_gps(&mut b, &v, false);
        }
        Palsu::GpsDiam => {
            let n = r.antara(10, 41) as usize;
            let mut v = visits(r, n, 0.6);
            let rumah = v[0].1;
            for x in &mut v {
                x.1 = geser(rumah, r.antara(-8, 8) as f64, r.antara(-8, 8) as f64);
            }
            dengan_gps(&mut b, &v, false);
        }
        Palsu::KontakPenuh => {
            let n = r.antara(50, 121) as usize;
            b.kunjungan = visits(r, n, 1.0).into_iter().map(|x| x.0).collect();
        }
        Palsu::OrangRelawanLain => {
            let n = r.antara(5, 25) as usize;
            b.pendukung = supporters(r, n, (90, 900), 0.0);
            b.sinyal
                .tambah(Alasan::OrangRelawanLain, r.antara(3, 12) as u32);
        }
    }
    b
}

/// What the gate measured.
#[derive(Debug, Clone, PartialEq)]
pub struct HasilGerbang {
    pub palsu: usize,
    pub palsu_ditahan: usize,
    /// Per kind: (batches, held).
    pub per_jenis: Vec<(Palsu, usize, usize)>,
    pub jujur_batch: usize,
    pub jujur_batch_ditahan: usize,
    pub jujur_catatan: usize,
    pub jujur_catatan_ditahan: usize,
    /// Honest batches held, per reason (a batch may have several).
    pub jujur_per_alasan: BTreeMap<Alasan, usize>,
}

impl HasilGerbang {
    /// Share of fabricated batches held, 0–1.
    pub fn recall(&self) -> f64 {
        self.palsu_ditahan as f64 / self.palsu.max(1) as f64
    }

    /// Share of honest records held (in a held batch), 0–1.
    pub fn salah_tahan(&self) -> f64 {
        self.jujur_catatan_ditahan as f64 / self.jujur_catatan.max(1) as f64
    }
}

/// `jujur_n` honest batches and `palsu_per_jenis` of each fabrication,
/// from `seed`.
pub fn gerbang(seed: u64, jujur_n: usize, palsu_per_jenis: usize) -> HasilGerbang {
    let mut benih = Acak(seed);
    let mut h = HasilGerbang {
        palsu: 0,
        palsu_ditahan: 0,
        per_jenis: Vec::new(),
        jujur_batch: jujur_n,
        jujur_batch_ditahan: 0,
        jujur_catatan: 0,
        jujur_catatan_ditahan: 0,
        jujur_per_alasan: BTreeMap::new(),
    };
    for _ in 0..jujur_n {
        let b = jujur(benih.next());
        h.jujur_catatan += b.catatan();
        let t = b.temuan();
        for x in &t {
            *h.jujur_per_alasan.entry(x.alasan).or_insert(0) += 1;
        }
        if !t.is_empty() {
            h.jujur_batch_ditahan += 1;
            h.jujur_catatan_ditahan += b.catatan();
        }
    }
    for jenis in Palsu::ALL {
        let mut ditahan = 0;
        for _ in 0..palsu_per_jenis {
            if !palsu(jenis, benih.next()).temuan().is_empty() {
                ditahan += 1;
            }
        }
        h.palsu += palsu_per_jenis;
        h.palsu_ditahan += ditahan;
        h.per_jenis.push((jenis, palsu_per_jenis, ditahan));
    }
    h
}
