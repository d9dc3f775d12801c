//! Hitung cepat (quick count, parallel vote tabulation), honestly
//! (DESIGN §4): a stratified random sample of TPS drawn from a published
//! seed, and a ratio estimator with a margin of error that means what it
//! says.
//!
//! The three steps, one file each:
//!
//! - Design: group the TPS into strata (a [`Kerangka`], the sampling
//!   frame), split the sample size over them ([`Kerangka::alokasikan`])
//!   and show the manager the margin to expect *before* anything is drawn
//!   ([`Kerangka::margin_perkiraan`], [`Kerangka::ukuran_untuk_margin`]).
//! - Draw: [`tarik`], reproducible from the seed and independent of the
//!   order the TPS list comes in, specified precisely enough that an
//!   outsider can redo it ([`Kerangka::tarik`] documents the algorithm). A
//!   published seed is what stops anybody from redrawing until the sample
//!   looks good.
//! - Estimate: [`taksir`], from the reports that have arrived, with its
//!   standard error, which strata are still missing, how skewed the
//!   arrivals are, and whether a leader may be called ([`Putusan`]);
//!   [`lintasan`] replays it in arrival order to show drift.
//!
//! All shares are fractions in `[0, 1]` (0.5 = 50 %), never percentages.
//! Pure: no I/O, no clock, no randomness but the caller's seed.

use serde::{Deserialize, Serialize};

mod ambang;
mod desain;
mod embargo;
mod rasio;
pub mod simulasi;
mod taksir;
mod tarik;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_kedatangan;

pub use ambang::{Kesimpulan, PeluangPaslon, PenilaianAturan, nilai_aturan, phi};
pub use desain::{
    Kerangka, MIN_RIWAYAT_STRATA, RiwayatTps, SEBARAN_ANTAR_TPS_BAWAAN, Sebaran, StrataKerangka,
};
pub use embargo::{akhir_embargo, boleh_dipublikasikan};
pub use rasio::{FRAKSI_MASUK_SEL, MIN_MASUK_SEL};
pub use taksir::{
    AlasanBelumCukup, KeadaanTaksiran, LaporanTps, MAKS_KETIMPANGAN, MIN_TPS_PUTUSAN, Putusan,
    StrataMasuk, Taksiran, TaksiranProporsi, TitikLintasan, Z_95, lintasan, taksir,
};
pub use tarik::{kunci_acak, tarik};

/// How TPS are grouped into strata, by the digits of their desa code
/// (`3273011001`: province 2, kab/kota 2, kecamatan 2, desa 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stratifikasi {
    /// One stratum: a simple random sample of all TPS.
    Tanpa,
    /// One stratum per kabupaten/kota: the first 4 digits.
    KabKota,
    /// One stratum per kecamatan: the first 6 digits.
    Kecamatan,
}

/// The key of the single stratum of [`Stratifikasi::Tanpa`].
pub const KUNCI_TANPA_STRATA: &str = "semua";

impl Stratifikasi {
    /// Digits of the desa code that make up the stratum key (0: none).
    pub fn digit(self) -> usize {
        match self {
            Stratifikasi::Tanpa => 0,
            Stratifikasi::KabKota => 4,
            Stratifikasi::Kecamatan => 6,
        }
    }

    /// The stratum a TPS belongs to: the first [`digit`](Self::digit)
    /// digits of its desa code, ignoring dots (`32.73.01.1001` and
    /// `3273011001` give the same key). A code with fewer digits gives all
    /// it has; [`Kerangka::susun`] refuses such a TPS rather than let it
    /// form a stratum of its own.
    pub fn kunci_strata(&self, kode_desa: &str) -> String {
        if *self == Stratifikasi::Tanpa {
            return KUNCI_TANPA_STRATA.to_string();
        }
        kode_desa
            .chars()
            .filter(char::is_ascii_digit)
            .take(self.digit())
            .collect()
    }
}

/// How the sample size is split over strata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alokasi {
    /// Proportional to the stratum's DPT (largest remainder, so the sizes
    /// add up to the sample size exactly): every voter has about the same
    /// chance of having their TPS sampled, the usual design.
    ProporsionalDpt,
    /// The same number of TPS in every stratum (as far as the strata are
    /// big enough): good when every stratum's own figure matters.
    Merata,
}

/// A quick-count design: stored with the sample and published with the
/// seed, so anybody can redraw the same TPS from the same TPS list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesainSampel {
    pub stratifikasi: Stratifikasi,
    pub alokasi: Alokasi,
    /// Number of TPS to sample in total.
    pub ukuran: u32,
    /// The seed of the draw ([`Kerangka::tarik`]). Publish it *before* the
    /// election so no redraw can go unnoticed.
    pub benih: u64,
}

/// One TPS of the population the sample is drawn from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TpsPopulasi {
    /// The TPS's unique key, e.g. `3273011001-003`. Its bytes enter the
    /// draw's hash, so the published TPS list must spell it the same way.
    pub kode: String,
    /// The desa/kelurahan code (`3273011001` or `32.73.01.1001`), from
    /// which the stratum is read.
    pub kode_desa: String,
    pub dpt: u32,
}

/// One stratum of a drawn sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrataSampel {
    pub kunci: String,
    /// N_h: TPS in the stratum's population.
    pub jumlah_tps: u32,
    /// DPT of all the stratum's TPS.
    pub dpt: u64,
    /// n_h: TPS sampled in it.
    pub ukuran: u32,
}

/// One sampled TPS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TpsTerpilih {
    pub kode: String,
    /// Index into [`Sampel::strata`].
    pub strata: usize,
    /// DPT from the population list (used to measure how balanced the
    /// arrivals are; the estimate uses the DPT on the form).
    pub dpt: u32,
}

/// A drawn sample: the design, its strata in key order, and the TPS sorted
/// by stratum then code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sampel {
    pub desain: DesainSampel,
    pub strata: Vec<StrataSampel>,
    pub tps: Vec<TpsTerpilih>,
}

/// Why a frame, design, draw or estimate was refused. The messages are
/// for the campaign manager and say what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GalatHitungCepat {
    #[error("daftar TPS kosong: impor TPS wilayah pemilihan dulu sebelum menyusun sampel")]
    PopulasiKosong,
    #[error("TPS tanpa kode di daftar (baris ke-{baris}): setiap TPS butuh kode unik")]
    KodeKosong { baris: usize },
    #[error(
        "kode TPS '{0}' muncul lebih dari sekali di daftar: setiap TPS harus tepat satu baris, kalau tidak peluangnya terpilih berlipat"
    )]
    KodeGanda(String),
    #[error(
        "TPS '{kode}': kode desa '{kode_desa}' kurang dari {butuh} angka, jadi strata {stratifikasi:?} tidak bisa dibaca; perbaiki kode desanya atau pakai stratifikasi yang lebih kasar"
    )]
    KodeDesaPendek {
        kode: String,
        kode_desa: String,
        butuh: usize,
        stratifikasi: Stratifikasi,
    },
    #[error(
        "ukuran sampel {ukuran} melebihi jumlah TPS di daftar ({populasi}); sampel sebesar populasi adalah hitung nyata"
    )]
    UkuranTerlaluBesar { ukuran: u32, populasi: u32 },
    #[error(
        "ukuran sampel {ukuran} terlalu kecil untuk {strata} strata: setiap strata butuh sedikitnya 2 TPS agar galatnya bisa dihitung, jadi minimal {minimum}. Pakai strata yang lebih sedikit (mis. kab/kota, bukan kecamatan) atau sampel yang lebih besar"
    )]
    UkuranTerlaluKecil {
        ukuran: u32,
        minimum: u32,
        strata: usize,
    },
    #[error(
        "kerangka disusun dengan stratifikasi {kerangka:?}, tetapi desain meminta {desain:?}: susun kerangka ulang"
    )]
    StratifikasiBeda {
        kerangka: Stratifikasi,
        desain: Stratifikasi,
    },
    #[error(
        "target margin {0} tidak sah: tulis sebagai pecahan di antara 0 dan 1 (mis. 0.01 untuk ±1 poin)"
    )]
    TargetMarginTidakSah(f64),
    #[error(
        "sebaran antar-TPS {0} tidak sah: tulis sebagai pecahan di antara 0 dan 1 (bawaan 0.15)"
    )]
    SebaranTidakSah(f64),
    #[error(
        "laporan TPS '{kode}' memuat {ada} angka paslon, laporan lain {harap}: semua laporan harus dari pemilihan yang sama"
    )]
    JumlahPaslonBeda {
        kode: String,
        ada: usize,
        harap: usize,
    },
    #[error("lintasan butuh titik setiap sedikitnya 1 laporan")]
    SetiapNol,
}
