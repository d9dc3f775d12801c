//! Colours that read correctly for colour-blind people: cividis for
//! sequential figures, Okabe–Ito for categories (paslon).

use std::fmt;

/// An sRGB colour, printed as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Warna(pub u8, pub u8, pub u8);

impl fmt::Display for Warna {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl Warna {
    /// Linear mix: `t` = 0 gives `self`, 1 gives `lain`.
    pub fn campur(self, lain: Warna, t: f64) -> Warna {
        let t = t.clamp(0.0, 1.0);
        let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        Warna(m(self.0, lain.0), m(self.1, lain.1), m(self.2, lain.2))
    }

    /// Relative luminance, to pick black or white text on top.
    pub fn terang(self) -> bool {
        let l = 0.2126 * self.0 as f64 + 0.7152 * self.1 as f64 + 0.0722 * self.2 as f64;
        l > 140.0
    }
}

/// The light (low) end of the sequential ramp: no data is drawn in this grey.
pub const TANPA_DATA: Warna = Warna(0xdd, 0xdd, 0xdd);

/// Nine stops of cividis (Nuñez, Anderton & Renslow 2018), dark blue to
/// yellow: perceptually uniform and readable with every colour-vision
/// deficiency, and monotone in lightness so it survives greyscale print.
pub const CIVIDIS: [Warna; 9] = [
    Warna(0x00, 0x22, 0x4e),
    Warna(0x12, 0x35, 0x70),
    Warna(0x3b, 0x49, 0x6c),
    Warna(0x57, 0x5d, 0x6d),
    Warna(0x70, 0x71, 0x73),
    Warna(0x8a, 0x86, 0x78),
    Warna(0xa5, 0x9c, 0x74),
    Warna(0xc3, 0xb3, 0x69),
    Warna(0xfe, 0xe8, 0x38),
];

/// The sequential ramp at `t` in 0..=1 (low = dark, high = light yellow…
/// reversed so that *more* reads as *darker*: 0 → light, 1 → dark).
pub fn berurutan(t: f64) -> Warna {
    let t = 1.0 - t.clamp(0.0, 1.0);
    let pos = t * (CIVIDIS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(CIVIDIS.len() - 2);
    CIVIDIS[i].campur(CIVIDIS[i + 1], pos - i as f64)
}

/// Okabe & Ito's eight colours, distinguishable with every common
/// colour-vision deficiency; paslon 1 gets the first, and so on.
pub const OKABE_ITO: [Warna; 8] = [
    Warna(0xe6, 0x9f, 0x00), // orange
    Warna(0x56, 0xb4, 0xe9), // sky blue
    Warna(0x00, 0x9e, 0x73), // bluish green
    Warna(0xf0, 0xe4, 0x42), // yellow
    Warna(0x00, 0x72, 0xb2), // blue
    Warna(0xd5, 0x5e, 0x00), // vermillion
    Warna(0xcc, 0x79, 0xa7), // reddish purple
    Warna(0x00, 0x00, 0x00), // black
];

/// The colour of paslon number `nomor` (1-based).
pub fn warna_paslon(nomor: u32) -> Warna {
    OKABE_ITO[(nomor.max(1) as usize - 1) % OKABE_ITO.len()]
}

/// Diverging by leader: the leader's colour, pale for a narrow margin and
/// full for a wide one (`selisih` is the margin as a share, 0..=1, and
/// reaches full strength at `penuh`, e.g. 0.3 for 30 points).
pub fn warna_pemimpin(nomor: u32, selisih: f64, penuh: f64) -> Warna {
    let t = (selisih / penuh.max(1e-9)).clamp(0.0, 1.0);
    Warna(0xf7, 0xf7, 0xf7).campur(warna_paslon(nomor), 0.25 + 0.75 * t)
}

/// The margins (as shares of valid votes) at which the leader's colour
/// steps up: 2, 5, 10 and 20 points. A close race is where margins
/// matter, so the steps are narrow at the bottom (a linear ramp to 30
/// points left a 4,5-point race all pale).
pub const TANGGA_SELISIH: [f64; 4] = [0.02, 0.05, 0.10, 0.20];

/// How strong the leader's colour is in each margin class.
const KEKUATAN_TANGGA: [f64; 5] = [0.25, 0.45, 0.65, 0.82, 1.0];

/// The class of a margin: 0 below 2 points … 4 at 20 points or more.
pub fn kelas_selisih(selisih: f64) -> usize {
    TANGGA_SELISIH.iter().take_while(|b| selisih >= **b).count()
}

/// The leader's colour in margin class `kelas` ([`kelas_selisih`]).
pub fn warna_unggul_kelas(nomor: u32, kelas: usize) -> Warna {
    let t = KEKUATAN_TANGGA[kelas.min(KEKUATAN_TANGGA.len() - 1)];
    Warna(0xf7, 0xf7, 0xf7).campur(warna_paslon(nomor), t)
}

/// The leader's colour by margin, in the steps of [`TANGGA_SELISIH`].
pub fn warna_unggul(nomor: u32, selisih: f64) -> Warna {
    warna_unggul_kelas(nomor, kelas_selisih(selisih))
}

/// The blank box (kolom kosong) of a single-pair contest: Okabe & Ito's
/// reddish purple, which no paslon of such a contest has (the pair is
/// orange) and which is not the grey of a tie.
pub const WARNA_KOLOM_KOSONG: Warna = OKABE_ITO[6];

/// The blank box's colour when it leads, by margin as [`warna_unggul`].
pub fn warna_kolom_kosong_kelas(kelas: usize) -> Warna {
    let t = KEKUATAN_TANGGA[kelas.min(KEKUATAN_TANGGA.len() - 1)];
    Warna(0xf7, 0xf7, 0xf7).campur(WARNA_KOLOM_KOSONG, t)
}

/// A classed sequential scale: `batas` holds the upper bounds of every
/// class but the last, ascending; class i is drawn in `warna[i]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Skala {
    pub batas: Vec<f64>,
    pub warna: Vec<Warna>,
}

/// One legend row: the colour and the value range it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Kelas {
    pub warna: Warna,
    pub dari: f64,
    pub sampai: f64,
}

impl Skala {
    /// `k` classes of equal width from `min` to `max` of the values
    /// (a single class when they are all equal or there are none).
    pub fn linear(nilai: &[f64], k: usize) -> Skala {
        let (min, max) = nilai
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        let k = k.max(1);
        if min.partial_cmp(&max) != Some(std::cmp::Ordering::Less) {
            return Skala {
                batas: Vec::new(),
                warna: vec![berurutan(1.0)],
            };
        }
        let lebar = (max - min) / k as f64;
        Skala {
            batas: (1..k).map(|i| min + lebar * i as f64).collect(),
            warna: (0..k)
                .map(|i| berurutan((i as f64 + 0.5) / k as f64))
                .collect(),
        }
    }

    pub fn warna(&self, v: f64) -> Warna {
        let i = self.batas.iter().take_while(|b| v > **b).count();
        self.warna[i.min(self.warna.len() - 1)]
    }

    /// The classes with their ranges, for the legend (`min`, `max` are the
    /// data's own ends).
    pub fn kelas(&self, min: f64, max: f64) -> Vec<Kelas> {
        let mut out = Vec::with_capacity(self.warna.len());
        let mut dari = min;
        for (i, w) in self.warna.iter().enumerate() {
            let sampai = self.batas.get(i).copied().unwrap_or(max);
            out.push(Kelas {
                warna: *w,
                dari,
                sampai,
            });
            dari = sampai;
        }
        out
    }

    /// A plain-language description of the scale, for screen readers and
    /// the legend's `<desc>`.
    pub fn keterangan(&self) -> String {
        format!(
            "Skala berurutan cividis, {} kelas: makin gelap makin besar; aman bagi buta warna",
            self.warna.len()
        )
    }
}
