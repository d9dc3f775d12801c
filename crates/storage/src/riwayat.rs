//! What the store keeps for targets: the history of an earlier election
//! (per TPS, see [`posko_domain::HasilLalu`]) and the manager's assumptions
//! per election.

use posko_domain::{KodeWilayah, Persen};
use serde::Serialize;

/// The one imported history: which election it was and when it came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Riwayat {
    /// As the manager named it ("Pilkada 2020", "Pilpres 2024").
    pub nama: String,
    pub berkas: String,
    pub tps: u64,
    /// Whether it carries the votes of the candidate or party followed.
    pub ada_suara_kita: bool,
    pub diimpor: i64,
}

/// An earlier election's turnout in one desa: summed over its TPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartisipasiLalu {
    pub desa: KodeWilayah,
    pub dpt: u64,
    pub sah: u64,
}

/// Where the expected turnout of a target comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumberPartisipasi {
    /// The manager's one figure for every TPS.
    Tetap,
    /// Each desa's turnout in the imported history; the manager's figure
    /// where the history has none.
    Riwayat,
}

/// The manager's assumptions for one election's targets, as saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsumsiTarget {
    pub partisipasi: Persen,
    pub sumber: SumberPartisipasi,
    /// The share of valid votes aimed for when more than two paslon run.
    pub target_suara: Option<Persen>,
    pub diubah: i64,
    pub oleh: String,
}
