//! Far-flung shapes in an inset box. Kepulauan Seribu lies 15–80 km off
//! Jakarta's coast: drawn to scale with the mainland, it leaves the five
//! mainland cities a strip at the bottom of DKI's map. As on a printed map,
//! such shapes go into a box of their own, in a corner the mainland leaves
//! empty (or in a band above the map when no corner is free).

use super::{Batas, Kotak, Proyeksi, Titik};

/// How the shapes of one map are laid out on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Tata {
    pub utama: Proyeksi,
    pub sisipan: Option<Sisipan>,
    pub lebar: f64,
    pub tinggi: f64,
}

/// The inset: which shapes it holds (by position in the list given), its
/// own projection, its frame in screen units and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Sisipan {
    pub anggota: Vec<bool>,
    pub proyeksi: Proyeksi,
    /// x, y, width, height.
    pub bingkai: (f64, f64, f64, f64),
    pub label: String,
}

/// Shapes closer than this share of the map's extent count as neighbours.
const CELAH: f64 = 0.02;
/// An inset holds at most a third of the shapes: more would mean the
/// region is genuinely in pieces, not a mainland with outlying islands.
const BAGIAN_MAKS: f64 = 0.34;
/// Worth an inset only when leaving those shapes out makes the map's
/// bounding box at least this many times smaller.
const PERKECIL_MIN: f64 = 2.0;
/// Above this many shapes the neighbour search (quadratic) is skipped.
const BENTUK_MAKS: usize = 2000;
/// The inset's largest share of the map's width and of its height.
const LEBAR_SISIPAN: f64 = 0.3;
const TINGGI_SISIPAN: f64 = 0.4;
/// Room for the inset's label above its shapes, in screen units.
const RUANG_LABEL: f64 = 20.0;
/// A corner is free when at most this share of it is covered by land.
const TERTUTUP_MAKS: f64 = 0.04;

/// Which shapes lie far enough from the rest to go into an inset: the
/// shapes outside the largest group of neighbouring shapes, when they are
/// few and leaving them out shrinks the bounding box at least
/// [`PERKECIL_MIN`] times. All false when no inset is worth it.
pub fn jauh(batas: &[&Batas]) -> Vec<bool> {
    let n = batas.len();
    let tidak = vec![false; n];
    if !(3..=BENTUK_MAKS).contains(&n) {
        return tidak;
    }
    let kotak: Vec<Option<Kotak>> = batas.iter().map(|b| b.kotak()).collect();
    let mut semua = Kotak::kosong();
    for k in kotak.iter().flatten() {
        semua.tambah((k.min_lng, k.min_lat));
        semua.tambah((k.max_lng, k.max_lat));
    }
    if semua.min_lng > semua.max_lng {
        return tidak;
    }
    let kx = semua.tengah().1.to_radians().cos();
    let celah_y = CELAH * ((semua.max_lng - semua.min_lng) * kx).max(semua.max_lat - semua.min_lat);
    let celah_x = celah_y / kx.max(1e-9);
    let dekat = |a: &Kotak, b: &Kotak| {
        a.min_lng - celah_x <= b.max_lng
            && b.min_lng - celah_x <= a.max_lng
            && a.min_lat - celah_y <= b.max_lat
            && b.min_lat - celah_y <= a.max_lat
    };
    // Groups of neighbours (union–find over bounding boxes).
    let mut induk: Vec<usize> = (0..n).collect();
    fn akar(induk: &mut [usize], mut i: usize) -> usize {
        while induk[i] != i {
            induk[i] = induk[induk[i]];
            i = induk[i];
        }
        i
    }
    for (i, a) in kotak.iter().enumerate() {
        let Some(a) = a else { continue };
        for (j, b) in kotak.iter().enumerate().skip(i + 1) {
            let Some(b) = b else { continue };
            if dekat(a, b) {
                let (ra, rb) = (akar(&mut induk, i), akar(&mut induk, j));
                induk[ra] = rb;
            }
        }
    }
    let mut ukuran = vec![0usize; n];
    for (i, k) in kotak.iter().enumerate() {
        if k.is_some() {
            let r = akar(&mut induk, i);
            ukuran[r] += 1;
        }
    }
    let Some(utama) = (0..n).max_by_key(|&r| (ukuran[r], std::cmp::Reverse(r))) else {
        return tidak;
    };
    let hasil: Vec<bool> = (0..n)
        .map(|i| kotak[i].is_some() && akar(&mut induk, i) != utama)
        .collect();
    let jumlah = hasil.iter().filter(|&&x| x).count();
    if jumlah == 0 || jumlah as f64 > BAGIAN_MAKS * n as f64 {
        return tidak;
    }
    let mut daratan = Kotak::kosong();
    for (k, &j) in kotak.iter().zip(&hasil) {
        if let (Some(k), false) = (k, j) {
            daratan.tambah((k.min_lng, k.min_lat));
            daratan.tambah((k.max_lng, k.max_lat));
        }
    }
    let luas = |k: &Kotak| {
        ((k.max_lng - k.min_lng) * kx).max(celah_y) * (k.max_lat - k.min_lat).max(celah_y)
    };
    if luas(&semua) < PERKECIL_MIN * luas(&daratan) {
        return tidak;
    }
    hasil
}

impl Tata {
    /// The layout of `batas` on a map `lebar` units wide with `tepi` units
    /// of padding; `nama` (same order) names the inset. None when there is
    /// nothing to draw.
    pub fn muat(batas: &[&Batas], nama: &[&str], lebar: f64, tepi: f64) -> Option<Tata> {
        let anggota = jauh(batas);
        if !anggota.contains(&true) {
            let utama = Proyeksi::muat(batas.iter().copied(), lebar, tepi)?;
            return Some(Tata {
                lebar,
                tinggi: utama.tinggi,
                utama,
                sisipan: None,
            });
        }
        let daratan: Vec<&Batas> = pilih(batas, &anggota, false);
        let pulau: Vec<&Batas> = pilih(batas, &anggota, true);
        let utama = Proyeksi::muat(daratan.iter().copied(), lebar, tepi)?;
        let mut kotak = Kotak::kosong();
        for k in pulau.iter().filter_map(|b| b.kotak()) {
            kotak.tambah((k.min_lng, k.min_lat));
            kotak.tambah((k.max_lng, k.max_lat));
        }
        let kx = kotak.tengah().1.to_radians().cos();
        let rasio = (((kotak.max_lng - kotak.min_lng) * kx) / (kotak.max_lat - kotak.min_lat))
            .clamp(0.2, 5.0);
        let tinggi_maks = (TINGGI_SISIPAN * utama.tinggi).max(120.0);
        let mut w = LEBAR_SISIPAN * lebar;
        let mut h = w / rasio + RUANG_LABEL;
        if h > tinggi_maks {
            h = tinggi_maks;
            w = ((h - RUANG_LABEL) * rasio).max(80.0);
        }
        let label = label_bersama(
            &nama
                .iter()
                .zip(&anggota)
                .filter(|(_, a)| **a)
                .map(|(n, _)| *n)
                .collect::<Vec<_>>(),
        );
        // Wide enough for its label (14-unit type is about 7.5 units a
        // letter), within reason.
        let label = ringkas(&label, (LEBAR_SISIPAN * lebar - 12.0) / HURUF);
        w = w.max((label.chars().count() as f64 * HURUF + 12.0).min(LEBAR_SISIPAN * lebar));
        let sudut = [
            (tepi, tepi),
            (lebar - tepi - w, tepi),
            (tepi, utama.tinggi - tepi - h),
            (lebar - tepi - w, utama.tinggi - tepi - h),
        ];
        let terbaik = sudut
            .iter()
            .map(|&(x, y)| ((x, y), tertutup(&utama, &daratan, (x, y, w, h))))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let (utama, bingkai, tinggi) = match terbaik {
            Some(((x, y), t)) if t <= TERTUTUP_MAKS => {
                let tinggi = utama.tinggi;
                (utama, (x, y, w, h), tinggi)
            }
            // No free corner: a band above the map.
            _ => {
                let turun = h + tepi;
                let geser = Proyeksi::muat_kotak(
                    daratan.iter().copied(),
                    (0.0, turun, lebar, utama.tinggi),
                    tepi,
                )?;
                let tinggi = utama.tinggi + turun;
                (geser, (tepi, tepi, w, h), tinggi)
            }
        };
        let (x, y, w, h) = bingkai;
        let proyeksi = Proyeksi::muat_kotak(
            pulau.iter().copied(),
            (x, y + RUANG_LABEL, w, h - RUANG_LABEL),
            6.0,
        )?;
        Some(Tata {
            utama,
            sisipan: Some(Sisipan {
                anggota,
                proyeksi,
                bingkai,
                label,
            }),
            lebar,
            tinggi,
        })
    }

    /// The projection shape `i` (in the order given to [`Tata::muat`]) is
    /// drawn with.
    pub fn proyeksi(&self, i: usize) -> &Proyeksi {
        match &self.sisipan {
            Some(s) if s.anggota.get(i).copied().unwrap_or(false) => &s.proyeksi,
            _ => &self.utama,
        }
    }

    /// `0 0 W H` with H rounded up to a whole unit.
    pub fn view_box(&self, tambahan_bawah: f64) -> String {
        format!(
            "0 0 {} {}",
            self.lebar.round(),
            (self.tinggi + tambahan_bawah).ceil()
        )
    }
}

fn pilih<'a>(batas: &[&'a Batas], anggota: &[bool], mau: bool) -> Vec<&'a Batas> {
    batas
        .iter()
        .zip(anggota)
        .filter(|(_, a)| **a == mau)
        .map(|(b, _)| *b)
        .collect()
}

/// The share of the box `x, y, w, h` that land of `bentuk` covers, from a
/// 12 × 12 grid of points tested against the shapes.
fn tertutup(p: &Proyeksi, bentuk: &[&Batas], (x, y, w, h): (f64, f64, f64, f64)) -> f64 {
    const N: usize = 12;
    let sudut_a = p.balik((x, y + h));
    let sudut_b = p.balik((x + w, y));
    let kandidat: Vec<&Batas> = bentuk
        .iter()
        .copied()
        .filter(|b| {
            b.kotak().is_some_and(|k| {
                k.max_lng >= sudut_a.0
                    && k.min_lng <= sudut_b.0
                    && k.max_lat >= sudut_a.1
                    && k.min_lat <= sudut_b.1
            })
        })
        .collect();
    if kandidat.is_empty() {
        return 0.0;
    }
    let mut kena = 0usize;
    for i in 0..N {
        for j in 0..N {
            let t = p.balik((
                x + (i as f64 + 0.5) * w / N as f64,
                y + (j as f64 + 0.5) * h / N as f64,
            ));
            if kandidat.iter().any(|b| di_dalam(b, t)) {
                kena += 1;
            }
        }
    }
    kena as f64 / (N * N) as f64
}

/// Average width of a letter of the inset's 14-unit label.
const HURUF: f64 = 7.5;

/// A name shortened to about `muat` letters: administrative words at its
/// start go first ("Kabupaten Administrasi Kepulauan Seribu" → "Kepulauan
/// Seribu"), then it is cut with "…".
fn ringkas(nama: &str, muat: f64) -> String {
    let muat = muat.max(4.0) as usize;
    let mut kata: &str = nama;
    // "Administrasi" says only that the kabupaten has no council of its own.
    for adm in ["Kabupaten Administrasi ", "Kota Administrasi "] {
        kata = kata.strip_prefix(adm).unwrap_or(kata);
    }
    for awalan in ["Kabupaten ", "Kota "] {
        if kata.chars().count() <= muat {
            break;
        }
        if let Some(sisa) = kata.strip_prefix(awalan) {
            kata = sisa;
        }
    }
    if kata.chars().count() <= muat {
        return kata.to_string();
    }
    let mut s: String = kata.chars().take(muat - 1).collect();
    s.push('…');
    s
}

/// Whether `t` lies inside the multipolygon (even–odd over each polygon's
/// rings, so holes are holes).
pub fn di_dalam(b: &Batas, (x, y): Titik) -> bool {
    b.cincin.iter().any(|poli| {
        let mut dalam = false;
        for ring in poli {
            let n = ring.len();
            if n < 3 {
                continue;
            }
            let mut j = n - 1;
            for i in 0..n {
                let (xi, yi) = ring[i];
                let (xj, yj) = ring[j];
                if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                    dalam = !dalam;
                }
                j = i;
            }
        }
        dalam
    })
}

/// The words the inset's shapes share at the start of their names
/// ("Kepulauan Seribu" for "Kepulauan Seribu Utara" and "… Selatan"),
/// else the one name, else the first name and "…".
fn label_bersama(nama: &[&str]) -> String {
    match nama {
        [] => String::new(),
        [satu] => (*satu).to_string(),
        [pertama, sisa @ ..] => {
            let mut kata: Vec<&str> = pertama.split_whitespace().collect();
            for n in sisa {
                let lain: Vec<&str> = n.split_whitespace().collect();
                let sama = kata
                    .iter()
                    .zip(&lain)
                    .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
                    .count();
                kata.truncate(sama);
            }
            if kata.is_empty() {
                format!("{pertama} …")
            } else {
                kata.join(" ")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KodeWilayah;

    fn kotak(kode: &str, x0: f64, y0: f64, x1: f64, y1: f64) -> Batas {
        Batas {
            kode: KodeWilayah::parse(kode).unwrap(),
            cincin: vec![vec![vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]],
        }
    }

    /// Four touching mainland squares and two small islands far north.
    fn jakarta() -> Vec<Batas> {
        vec![
            kotak("31.71", 106.70, -6.30, 106.80, -6.20),
            kotak("31.72", 106.80, -6.30, 106.90, -6.20),
            kotak("31.73", 106.70, -6.20, 106.80, -6.10),
            kotak("31.74", 106.80, -6.20, 106.90, -6.10),
            kotak("31.01", 106.55, -5.60, 106.60, -5.55),
            kotak("31.02", 106.58, -5.70, 106.62, -5.65),
        ]
    }

    #[test]
    fn pulau_jauh_masuk_sisipan_dan_daratan_membesar() {
        let b = jakarta();
        let r: Vec<&Batas> = b.iter().collect();
        assert_eq!(jauh(&r), [false, false, false, false, true, true]);
        let nama = [
            "A",
            "B",
            "C",
            "D",
            "Kepulauan Seribu Utara",
            "Kepulauan Seribu Selatan",
        ];
        let t = Tata::muat(&r, &nama, 1000.0, 10.0).unwrap();
        let s = t.sisipan.as_ref().unwrap();
        assert_eq!(s.label, "Kepulauan Seribu");
        // The mainland now fills the width: 0.2° wide over 980 units.
        let (x0, _) = t.utama.titik((106.70, -6.10));
        let (x1, _) = t.utama.titik((106.90, -6.10));
        assert!((x1 - x0 - 980.0).abs() < 1.0, "{x0} {x1}");
        // Islands are drawn inside the frame, and the frame on the page.
        let (fx, fy, fw, fh) = s.bingkai;
        for i in [4, 5] {
            let (x, y) = t.proyeksi(i).titik(r[i].cincin[0][0][1]);
            assert!(
                x >= fx && x <= fx + fw && y >= fy && y <= fy + fh,
                "{x},{y}"
            );
        }
        assert!(fx >= 0.0 && fx + fw <= 1000.0 && fy >= 0.0 && fy + fh <= t.tinggi);
        // No mainland square lies under the frame (the mainland fills its
        // box, so the frame goes in a band above it).
        let (_, ymin) = t.utama.titik((106.70, -6.10));
        assert!(ymin >= fy + fh, "{ymin} vs frame bottom {}", fy + fh);
    }

    #[test]
    fn wilayah_utuh_atau_terpecah_tanpa_sisipan() {
        // Neighbours only: no inset.
        let b = jakarta();
        let r: Vec<&Batas> = b[..4].iter().collect();
        assert!(!jauh(&r).contains(&true));
        let t = Tata::muat(&r, &["A", "B", "C", "D"], 1000.0, 10.0).unwrap();
        assert!(t.sisipan.is_none());
        // An archipelago of equals (each island its own group): no inset.
        let pulau: Vec<Batas> = (0..6)
            .map(|i| {
                let x = 106.0 + i as f64;
                kotak("31.01", x, -6.0, x + 0.1, -5.9)
            })
            .collect();
        let r: Vec<&Batas> = pulau.iter().collect();
        assert!(!jauh(&r).contains(&true));
        // A near island does not shrink the map enough to be worth a box.
        let mut b = jakarta();
        b.truncate(4);
        b.push(kotak("31.01", 106.95, -6.25, 106.97, -6.23));
        let r: Vec<&Batas> = b.iter().collect();
        assert!(!jauh(&r).contains(&true));
    }

    #[test]
    fn sudut_kosong_dipakai_bila_ada() {
        // An L-shaped mainland leaves its top-right corner empty.
        let mut b = vec![
            kotak("31.71", 106.70, -6.30, 106.80, -6.20),
            kotak("31.72", 106.80, -6.30, 106.90, -6.20),
            kotak("31.73", 106.70, -6.20, 106.80, -6.10),
        ];
        b.push(kotak("31.01", 107.50, -5.00, 107.52, -4.98));
        let r: Vec<&Batas> = b.iter().collect();
        let t = Tata::muat(&r, &["A", "B", "C", "Pulau"], 1000.0, 10.0).unwrap();
        let s = t.sisipan.unwrap();
        assert_eq!(s.label, "Pulau");
        assert!(s.bingkai.0 > 500.0 && s.bingkai.1 < 20.0, "{:?}", s.bingkai);
        assert_eq!(t.tinggi, t.utama.tinggi);
    }

    #[test]
    fn label_diringkas() {
        assert_eq!(
            ringkas("Kabupaten Administrasi Kepulauan Seribu", 28.0),
            "Kepulauan Seribu"
        );
        assert_eq!(ringkas("Kota Bandung", 28.0), "Kota Bandung");
        assert_eq!(ringkas("Kepulauan Seribu Utara", 10.0), "Kepulauan…");
    }

    #[test]
    fn titik_di_dalam_dan_lubang() {
        let mut b = kotak("31.71", 0.0, 0.0, 10.0, 10.0);
        b.cincin[0].push(vec![(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0)]);
        assert!(di_dalam(&b, (1.0, 1.0)));
        assert!(!di_dalam(&b, (5.0, 5.0)));
        assert!(!di_dalam(&b, (11.0, 5.0)));
    }
}
