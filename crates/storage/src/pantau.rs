//! The coordinators' watch on election day: counts per area (TPS, with a
//! saksi, present, results in, flagged, open incidents), the TPS behind
//! each count with their saksi, and incidents with a status and an owner.

use posko_domain::KodeTps;
use serde::Serialize;
use uuid::Uuid;

use crate::{DataTersandi, Insiden};

/// What is being done about an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusInsiden {
    /// Reported; nobody has taken it yet.
    Baru,
    /// Someone owns it and is on it.
    Ditangani,
    /// Dealt with.
    Selesai,
}

impl StatusInsiden {
    pub const ALL: [StatusInsiden; 3] = [
        StatusInsiden::Baru,
        StatusInsiden::Ditangani,
        StatusInsiden::Selesai,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            StatusInsiden::Baru => "baru",
            StatusInsiden::Ditangani => "ditangani",
            StatusInsiden::Selesai => "selesai",
        }
    }

    pub fn parse(s: &str) -> Option<StatusInsiden> {
        StatusInsiden::ALL.into_iter().find(|x| x.slug() == s)
    }
}

/// An incident with what is being done about it and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InsidenDitangani {
    pub insiden: Insiden,
    pub status: StatusInsiden,
    /// The account that owns it (took it or was given it).
    pub pemilik_id: Option<Uuid>,
    /// That account's display name.
    pub pemilik: Option<String>,
    /// When the status or owner last changed (Unix seconds).
    pub diubah: Option<i64>,
    pub nama_desa: String,
}

/// Election-day counts of one area (the TPS whose desa code starts with
/// `kode`). A TPS with a result counts as present even without a check-in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HitungPantau {
    pub kode: String,
    pub tps: u64,
    /// TPS with at least one active saksi account.
    pub bersaksi: u64,
    /// TPS with a check-in or a result.
    pub hadir: u64,
    /// TPS with a result.
    pub masuk: u64,
    /// TPS whose current result has arithmetic findings.
    pub bertanda: u64,
    /// Incidents not yet closed (incidents, not TPS).
    pub insiden_buka: u64,
}

impl HitungPantau {
    /// Adds another area's counts (a parent is the sum of its children).
    pub fn tambah(&mut self, lain: &HitungPantau) {
        self.tps += lain.tps;
        self.bersaksi += lain.bersaksi;
        self.hadir += lain.hadir;
        self.masuk += lain.masuk;
        self.bertanda += lain.bertanda;
        self.insiden_buka += lain.insiden_buka;
    }
}

/// Which TPS a watch list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SaringTps {
    Semua,
    Bersaksi,
    TanpaSaksi,
    Hadir,
    BelumHadir,
    Masuk,
    BelumMasuk,
    Bertanda,
}

impl SaringTps {
    pub const ALL: [SaringTps; 8] = [
        SaringTps::Semua,
        SaringTps::Bersaksi,
        SaringTps::TanpaSaksi,
        SaringTps::Hadir,
        SaringTps::BelumHadir,
        SaringTps::Masuk,
        SaringTps::BelumMasuk,
        SaringTps::Bertanda,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            SaringTps::Semua => "semua",
            SaringTps::Bersaksi => "bersaksi",
            SaringTps::TanpaSaksi => "tanpa-saksi",
            SaringTps::Hadir => "hadir",
            SaringTps::BelumHadir => "belum-hadir",
            SaringTps::Masuk => "masuk",
            SaringTps::BelumMasuk => "belum-masuk",
            SaringTps::Bertanda => "bertanda",
        }
    }

    pub fn parse(s: &str) -> Option<SaringTps> {
        SaringTps::ALL.into_iter().find(|x| x.slug() == s)
    }
}

/// The main saksi of a TPS, as far as reaching them goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KontakSaksi {
    pub pengguna_id: Uuid,
    pub username: String,
    pub nama: String,
    pub telepon: Option<DataTersandi>,
}

/// One TPS on a watch list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PantauTps {
    pub tps: KodeTps,
    pub nama_desa: String,
    pub nama_kecamatan: String,
    /// The first check-in's time (Unix seconds).
    pub checkin: Option<i64>,
    /// The current result's time.
    pub hasil: Option<i64>,
    /// The current result's finding codes.
    pub temuan: Vec<String>,
    pub insiden_buka: u32,
    pub jumlah_saksi: u32,
    /// The main saksi (named main, else the oldest account).
    pub saksi: Option<KontakSaksi>,
}

impl PantauTps {
    pub fn hadir(&self) -> bool {
        self.checkin.is_some() || self.hasil.is_some()
    }
}
