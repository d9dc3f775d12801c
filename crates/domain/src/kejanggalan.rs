//! The review queue's checks (kejanggalan: "oddities"): pure statistics over
//! results that say which TPS are worth a second look, each with a reason
//! code and a plain explanation in Indonesian and English. A flag
//! ([`Tanda`]) is a reason to look, never a verdict: the texts never accuse
//! anyone, they state the figure and what it was compared with.
//!
//! Checks, by letter (the order):
//! - A [`Cek::FotoSama`]: the same photo (SHA-256, or a 1,024-bit dHash within
//!   [`foto::JARAK_DHASH_MAKS`] bits) at two or more TPS — [`foto`];
//! - B [`Cek::Partisipasi`]: votes cast above DPT + 2.5 % or the legal
//!   maximum per TPS — [`periksa::partisipasi`];
//! - C [`Cek::Tetangga`]: a paslon share far from its desa's and
//!   kecamatan's TPS by a robust z-score — [`periksa::tetangga`];
//! - D [`Cek::Ayunan`]: a swing from the TPS's own history far beyond its
//!   area's swings — [`periksa::ayunan`];
//! - E [`Cek::Kembar`]: identical tallies at three or more TPS of one desa
//!   — [`periksa::kembar`];
//! - F [`Cek::UbahTerverifikasi`]: figures changed after the TPS was
//!   verified — [`periksa::ubah_terverifikasi`];
//! - G [`Cek::Lonjakan`]: a region's share moving more than 3 binomial
//!   standard errors within an hour once half its TPS are in —
//!   [`daerah::lonjakan`];
//! - H [`Cek::DigitAkhir`]: last-digit frequencies (χ², 9 df) of a region,
//!   a weak signal, only with ≥ 200 counts — [`daerah::digit_akhir`].

pub mod daerah;
pub mod foto;
pub mod periksa;
pub mod statistik;

use crate::KodeTps;
use serde::Serialize;

/// Which check raised a flag. The code is stable (stored, filtered on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cek {
    FotoSama,
    Partisipasi,
    Tetangga,
    Ayunan,
    Kembar,
    UbahTerverifikasi,
    Lonjakan,
    DigitAkhir,
}

impl Cek {
    pub const SEMUA: [Cek; 8] = [
        Cek::FotoSama,
        Cek::Partisipasi,
        Cek::Tetangga,
        Cek::Ayunan,
        Cek::Kembar,
        Cek::UbahTerverifikasi,
        Cek::Lonjakan,
        Cek::DigitAkhir,
    ];

    pub fn kode(self) -> &'static str {
        match self {
            Cek::FotoSama => "foto_sama",
            Cek::Partisipasi => "partisipasi",
            Cek::Tetangga => "tetangga",
            Cek::Ayunan => "ayunan",
            Cek::Kembar => "kembar",
            Cek::UbahTerverifikasi => "ubah_terverifikasi",
            Cek::Lonjakan => "lonjakan",
            Cek::DigitAkhir => "digit_akhir",
        }
    }

    /// The letter, A–H.
    pub fn huruf(self) -> char {
        match self {
            Cek::FotoSama => 'A',
            Cek::Partisipasi => 'B',
            Cek::Tetangga => 'C',
            Cek::Ayunan => 'D',
            Cek::Kembar => 'E',
            Cek::UbahTerverifikasi => 'F',
            Cek::Lonjakan => 'G',
            Cek::DigitAkhir => 'H',
        }
    }

    pub fn parse(s: &str) -> Option<Cek> {
        Cek::SEMUA.into_iter().find(|c| c.kode() == s)
    }

    /// A weak signal is shown apart and never counted as a reason alone.
    pub fn lemah(self) -> bool {
        self == Cek::DigitAkhir
    }
}

impl std::fmt::Display for Cek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kode())
    }
}

/// One flag: which check, on which TPS (G and H flag a region; they carry
/// the region's code in `wilayah` and no TPS), the figure that crossed the
/// line, and the explanation in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tanda {
    pub cek: Cek,
    pub tps: Option<KodeTps>,
    /// The region a G/H flag is about (a desa code for a TPS flag).
    pub wilayah: crate::KodeWilayah,
    /// The figure compared with the threshold (a z-score, a count, χ²…).
    pub nilai: f64,
    pub penjelasan: String,
    pub english: String,
}

impl Tanda {
    pub(crate) fn tps(cek: Cek, tps: KodeTps, nilai: f64, id: String, en: String) -> Tanda {
        Tanda {
            cek,
            tps: Some(tps),
            wilayah: tps.desa(),
            nilai,
            penjelasan: id,
            english: en,
        }
    }
}

/// One TPS's figures as the checks read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AngkaTps {
    pub tps: KodeTps,
    /// Votes per paslon, index 0 = nomor urut 1.
    pub suara: Vec<u64>,
    pub sah: u64,
    pub tidak_sah: u64,
    /// 0 when unknown.
    pub dpt: u64,
}

impl AngkaTps {
    /// Share of paslon `i` in the valid votes (None without valid votes).
    pub fn porsi(&self, i: usize) -> Option<f64> {
        (self.sah > 0).then(|| *self.suara.get(i).unwrap_or(&0) as f64 / self.sah as f64)
    }
}
