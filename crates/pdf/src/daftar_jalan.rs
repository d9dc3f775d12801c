//! The walk list of a TPS, printed: one table per RT, a household's
//! address above its voters, and boxes to tick for the outcome and the
//! support level, for relawan who canvass with paper (or whose phone is
//! flat). A4 portrait; a household is never split over two pages.

use crate::tata_letak::{ATAS_KAKI, BAWAH_ISI, Elemen, Halaman, LEBAR_HALAMAN, TEPI, TataLetak};
use crate::teks::{Huruf, TURUN, bungkus, lebar, pangkas, winansi, winansi_satu_baris};

/// Everything printed on one walk list. Free UTF-8 text; what WinAnsi
/// cannot show prints as "?", and what does not fit is cut with "…".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DaftarJalan {
    /// E.g. "Daftar jalan TPS 001 · Gambir". Also the PDF's Title.
    pub judul: String,
    /// E.g. "Gambir (31.71.01.1001), TPS 001".
    pub wilayah: String,
    /// Already formatted by the caller, e.g. "30-11-2026 10.15 WIB".
    pub dibuat: String,
    /// Who printed it; in every footer so a lost copy can be traced.
    pub dibuat_oleh: String,
    /// Labels of the outcomes, in the order of the tick boxes (the first
    /// letter heads each box column).
    pub hasil: Vec<String>,
    /// The survey questions with their answers, printed as a legend.
    pub survei: Vec<String>,
    pub rt: Vec<RtJalan>,
}

/// The households of one RT.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RtJalan {
    /// E.g. "RT 003 / RW 005".
    pub judul: String,
    pub rumah: Vec<RumahJalan>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RumahJalan {
    pub alamat: String,
    pub warga: Vec<WargaJalan>,
}

/// One voter's row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WargaJalan {
    /// Their number on the TPS's DPT.
    pub urut: u32,
    pub nama: String,
    /// "L" or "P".
    pub jenis_kelamin: String,
    pub usia: String,
    /// What is known already, e.g. "pendukung kuat; bertemu 12-11".
    pub status: String,
}

const KIRI: f32 = TEPI;
const KANAN: f32 = LEBAR_HALAMAN - TEPI;
const LEBAR_ISI: f32 = KANAN - KIRI;
const ATAS: f32 = crate::tata_letak::TINGGI_HALAMAN - TEPI;
const UKURAN: f32 = 8.5;
const TINGGI_BARIS: f32 = 14.0;
const KOTAK: f32 = 8.0;
const LEBAR_KOTAK: f32 = 15.0;
const DUKUNGAN: [&str; 3] = ["K", "C", "R"];

/// Column widths before the tick boxes: No, Nama, L/P, Usia, Status.
const KOLOM: [(&str, f32); 5] = [
    ("No", 22.0),
    ("Nama", 148.0),
    ("L/P", 20.0),
    ("Usia", 24.0),
    ("Sudah diketahui", 96.0),
];

struct Penata {
    halaman: Vec<Halaman>,
    y: f32,
}

impl Penata {
    fn kini(&mut self) -> &mut Halaman {
        if self.halaman.is_empty() {
            self.halaman.push(Halaman::default());
        }
        self.halaman.last_mut().expect("one page")
    }

    fn teks(&mut self, x: f32, y: f32, ukuran: f32, huruf: Huruf, isi: Vec<u8>) {
        self.kini().elemen.push(Elemen::Teks {
            x,
            y,
            ukuran,
            huruf,
            abu: 0.0,
            isi,
        });
    }

    /// A line of text at the cursor, cut to `maks`.
    fn baris(&mut self, isi: &str, ukuran: f32, huruf: Huruf) {
        let t = pangkas(&winansi_satu_baris(isi), huruf, ukuran, LEBAR_ISI);
        self.y -= ukuran * 1.3;
        let y = self.y + TURUN * ukuran;
        self.teks(KIRI, y, ukuran, huruf, t);
    }

    fn halaman_baru(&mut self) {
        self.halaman.push(Halaman::default());
        self.y = ATAS;
    }

    fn muat(&mut self, tinggi: f32) -> bool {
        self.y - tinggi >= BAWAH_ISI
    }
}

fn jumlah_kolom_kotak(d: &DaftarJalan) -> usize {
    d.hasil.len() + DUKUNGAN.len()
}

fn kepala_tabel(p: &mut Penata, d: &DaftarJalan) {
    let atas = p.y;
    p.kini().elemen.push(Elemen::Kotak {
        x: KIRI,
        y: atas - TINGGI_BARIS,
        lebar: LEBAR_ISI,
        tinggi: TINGGI_BARIS,
        isi: Some(0.85),
        garis: None,
    });
    let dasar = atas - TINGGI_BARIS + 4.0;
    let mut x = KIRI;
    for (label, w) in KOLOM {
        p.teks(x + 2.0, dasar, UKURAN, Huruf::Tebal, winansi(label));
        x += w;
    }
    let huruf: Vec<String> = d
        .hasil
        .iter()
        .map(|h| h.chars().next().unwrap_or('?').to_uppercase().collect())
        .chain(DUKUNGAN.iter().map(|s| s.to_string()))
        .collect();
    for h in huruf {
        let t = winansi(&h);
        let w = lebar(&t, Huruf::Tebal, UKURAN);
        p.teks(x + (LEBAR_KOTAK - w) / 2.0, dasar, UKURAN, Huruf::Tebal, t);
        x += LEBAR_KOTAK;
    }
    p.teks(x + 2.0, dasar, UKURAN, Huruf::Tebal, winansi("Catatan"));
    p.y = atas - TINGGI_BARIS;
}

fn judul_rt(p: &mut Penata, judul: &str, lanjutan: bool) {
    let teks = if lanjutan {
        format!("{judul} (lanjutan)")
    } else {
        judul.to_string()
    };
    p.y -= 6.0;
    p.baris(&teks, 11.0, Huruf::Tebal);
    p.y -= 3.0;
}

fn tinggi_rumah(r: &RumahJalan) -> f32 {
    TINGGI_BARIS * (1 + r.warga.len()) as f32
}

fn rumah(p: &mut Penata, d: &DaftarJalan, r: &RumahJalan) {
    let atas = p.y;
    p.kini().elemen.push(Elemen::Kotak {
        x: KIRI,
        y: atas - TINGGI_BARIS,
        lebar: LEBAR_ISI,
        tinggi: TINGGI_BARIS,
        isi: Some(0.94),
        garis: None,
    });
    let alamat = pangkas(
        &winansi_satu_baris(&format!("{} · {} pemilih", r.alamat, r.warga.len())),
        Huruf::Tebal,
        UKURAN,
        LEBAR_ISI - 4.0,
    );
    p.teks(
        KIRI + 2.0,
        atas - TINGGI_BARIS + 4.0,
        UKURAN,
        Huruf::Tebal,
        alamat,
    );
    p.y -= TINGGI_BARIS;
    for w in &r.warga {
        let atas = p.y;
        let dasar = atas - TINGGI_BARIS + 4.0;
        let sel = [
            w.urut.to_string(),
            w.nama.clone(),
            w.jenis_kelamin.clone(),
            w.usia.clone(),
            w.status.clone(),
        ];
        let mut x = KIRI;
        for ((_, lebar_kolom), isi) in KOLOM.iter().zip(sel) {
            let t = pangkas(
                &winansi_satu_baris(&isi),
                Huruf::Biasa,
                UKURAN,
                lebar_kolom - 4.0,
            );
            p.teks(x + 2.0, dasar, UKURAN, Huruf::Biasa, t);
            x += lebar_kolom;
        }
        for _ in 0..jumlah_kolom_kotak(d) {
            p.kini().elemen.push(Elemen::Kotak {
                x: x + (LEBAR_KOTAK - KOTAK) / 2.0,
                y: atas - TINGGI_BARIS + (TINGGI_BARIS - KOTAK) / 2.0,
                lebar: KOTAK,
                tinggi: KOTAK,
                isi: None,
                garis: Some(0.2),
            });
            x += LEBAR_KOTAK;
        }
        p.kini().elemen.push(Elemen::Garis {
            x1: KIRI,
            y1: atas - TINGGI_BARIS,
            x2: KANAN,
            y2: atas - TINGGI_BARIS,
            abu: 0.75,
        });
        p.y -= TINGGI_BARIS;
    }
}

fn sampul(p: &mut Penata, d: &DaftarJalan) {
    p.baris(&d.judul, 14.0, Huruf::Tebal);
    p.baris(&d.wilayah, 9.0, Huruf::Biasa);
    let jumlah: usize =
        d.rt.iter()
            .flat_map(|r| &r.rumah)
            .map(|r| r.warga.len())
            .sum();
    let rumah: usize = d.rt.iter().map(|r| r.rumah.len()).sum();
    p.baris(
        &format!(
            "{} RT · {rumah} rumah · {jumlah} pemilih · dicetak {} oleh {}",
            d.rt.len(),
            d.dibuat,
            d.dibuat_oleh
        ),
        8.0,
        Huruf::Biasa,
    );
    p.y -= 4.0;
    let hasil: Vec<String> = d
        .hasil
        .iter()
        .map(|h| {
            let c: String = h.chars().next().unwrap_or('?').to_uppercase().collect();
            format!("{c} = {h}")
        })
        .collect();
    let keterangan = format!(
        "Centang hasil kunjungan: {}. Bila bertemu, centang dukungan: K = kuat, C = condong, R = ragu. \
         Lalu catat kunjungan di ponsel (bisa tanpa sinyal).",
        hasil.join(", ")
    );
    for b in bungkus(&winansi(&keterangan), Huruf::Biasa, 8.0, LEBAR_ISI) {
        p.y -= 8.0 * 1.3;
        let y = p.y + TURUN * 8.0;
        p.teks(KIRI, y, 8.0, Huruf::Biasa, b);
    }
    for q in &d.survei {
        p.baris(&format!("Survei · {q}"), 8.0, Huruf::Biasa);
    }
    if d.rt.is_empty() {
        p.y -= 10.0;
        p.baris(
            "Belum ada pemilih: impor DPT TPS ini terlebih dahulu.",
            10.0,
            Huruf::Biasa,
        );
    }
}

fn kaki(halaman: &mut [Halaman], d: &DaftarJalan) {
    let jumlah = halaman.len();
    let ukuran = 7.5;
    for (i, h) in halaman.iter_mut().enumerate() {
        let kepala = winansi_satu_baris(&format!("Posko · {} · {}", d.dibuat_oleh, d.dibuat));
        let ekor = winansi(&format!(" · halaman {} dari {}", i + 1, jumlah));
        let ruang = LEBAR_ISI - lebar(&ekor, Huruf::Biasa, ukuran);
        let mut isi = pangkas(&kepala, Huruf::Biasa, ukuran, ruang);
        isi.extend_from_slice(&ekor);
        h.elemen.push(Elemen::Garis {
            x1: KIRI,
            y1: ATAS_KAKI,
            x2: KANAN,
            y2: ATAS_KAKI,
            abu: 0.6,
        });
        h.elemen.push(Elemen::Teks {
            x: KIRI,
            y: TEPI + TURUN * ukuran + 4.0,
            ukuran,
            huruf: Huruf::Biasa,
            abu: 0.3,
            isi,
        });
    }
}

fn tata_letak(d: &DaftarJalan) -> TataLetak<'static> {
    let mut p = Penata {
        halaman: vec![Halaman::default()],
        y: ATAS,
    };
    sampul(&mut p, d);
    let kepala = 11.0 * 1.3 + 9.0 + TINGGI_BARIS;
    for rt in &d.rt {
        let pertama = rt.rumah.first().map(tinggi_rumah).unwrap_or(0.0);
        if !p.muat(kepala + pertama) {
            p.halaman_baru();
        }
        judul_rt(&mut p, &rt.judul, false);
        kepala_tabel(&mut p, d);
        for r in &rt.rumah {
            let t = tinggi_rumah(r);
            if !p.muat(t) {
                p.halaman_baru();
                judul_rt(&mut p, &rt.judul, true);
                kepala_tabel(&mut p, d);
                // A household longer than a page is split after all.
            }
            if p.muat(t) {
                rumah(&mut p, d, r);
            } else {
                rumah_terpotong(&mut p, d, r, &rt.judul);
            }
        }
    }
    kaki(&mut p.halaman, d);
    TataLetak {
        lanskap: false,
        halaman: p.halaman,
        gambar: Vec::new(),
        penanda: Vec::new(),
    }
}

/// A household with more voters than a page holds (a boarding house, a
/// dormitory): printed in page-sized parts, its address repeated.
fn rumah_terpotong(p: &mut Penata, d: &DaftarJalan, r: &RumahJalan, judul: &str) {
    let muat = ((p.y - BAWAH_ISI) / TINGGI_BARIS).floor() as usize;
    let per = muat.saturating_sub(1).max(1);
    for (i, bagian) in r.warga.chunks(per).enumerate() {
        if i > 0 {
            p.halaman_baru();
            judul_rt(p, judul, true);
            kepala_tabel(p, d);
        }
        let potong = RumahJalan {
            alamat: r.alamat.clone(),
            warga: bagian.to_vec(),
        };
        rumah(p, d, &potong);
    }
}

/// Renders a walk list as an A4 PDF. Never fails: odd text degrades to
/// "?" or "…".
pub fn daftar_jalan(d: &DaftarJalan) -> Vec<u8> {
    let tata = tata_letak(d);
    let info = crate::tulis::Info {
        judul: &d.judul,
        penulis: &d.dibuat_oleh,
        subjek: &d.wilayah,
    };
    crate::tulis::pdf(&info, &tata)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contoh(rumah: usize, warga: usize) -> DaftarJalan {
        DaftarJalan {
            judul: "Daftar jalan TPS 001 · Gambir".into(),
            wilayah: "Gambir (31.71.01.1001), TPS 001".into(),
            dibuat: "30-11-2026 10.15 WIB".into(),
            dibuat_oleh: "Rina (rina.relawan)".into(),
            hasil: vec![
                "bertemu".into(),
                "tidak di rumah".into(),
                "menolak".into(),
                "pindah".into(),
            ],
            survei: vec!["Akan datang ke TPS?: pasti / mungkin / tidak".into()],
            rt: (1..=3)
                .map(|n| RtJalan {
                    judul: format!("RT {n:03} / RW 002"),
                    rumah: (0..rumah)
                        .map(|i| RumahJalan {
                            alamat: format!("JL. KENARI {i}"),
                            warga: (0..warga)
                                .map(|j| WargaJalan {
                                    urut: (i * warga + j + 1) as u32,
                                    nama: format!(
                                        "WARGA NOMOR {j} DENGAN NAMA YANG SANGAT PANJANG SEKALI"
                                    ),
                                    jenis_kelamin: "P".into(),
                                    usia: "41".into(),
                                    status: "pendukung kuat; bertemu 12-11".into(),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn everything_stays_on_the_page() {
        for (rumah, warga) in [(0, 0), (3, 2), (40, 4), (1, 120)] {
            let tata = tata_letak(&contoh(rumah, warga));
            for h in &tata.halaman {
                for e in &h.elemen {
                    let [x0, y0, x1, y1] = e.batas();
                    assert!(
                        x0 >= TEPI - 0.01 && x1 <= KANAN + 0.01,
                        "{rumah}x{warga}: {e:?}"
                    );
                    assert!(
                        y0 >= TEPI - 2.0 && y1 <= ATAS + 0.01,
                        "{rumah}x{warga}: {e:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn households_are_not_split_and_every_voter_is_printed() {
        let d = contoh(40, 4);
        let tata = tata_letak(&d);
        assert!(tata.halaman.len() > 3);
        let semua: Vec<&Vec<u8>> = tata
            .halaman
            .iter()
            .flat_map(|h| &h.elemen)
            .filter_map(|e| match e {
                Elemen::Teks { isi, .. } => Some(isi),
                _ => None,
            })
            .collect();
        let alamat = semua
            .iter()
            .filter(|t| t.starts_with(b"JL. KENARI"))
            .count();
        assert_eq!(alamat, 3 * 40, "each household's address once");
        // Voter numbers: 40 × 4 per RT.
        let nomor = semua
            .iter()
            .filter(|t| t.iter().all(u8::is_ascii_digit) && !t.is_empty())
            .count();
        assert!(nomor >= 3 * 160, "{nomor}");
        let pdf = daftar_jalan(&d);
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
