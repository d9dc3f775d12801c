//! The review queue's stored facts: each form photo's perceptual hash, and
//! the decisions people take on flags. The flags themselves are not
//! stored: they are computed from the current results whenever the queue
//! is read (`posko_app::kejanggalan`), so they always match the revision
//! that counts.

use serde::Serialize;
use uuid::Uuid;

/// What a reviewer decided about a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Keputusan {
    /// Looked at; nothing further for now.
    Dilihat,
    /// Handed on (to the lawyers, the KPU, a coordinator).
    Dinaikkan,
    /// Looked at and found to be nothing.
    Diabaikan,
}

impl Keputusan {
    pub const SEMUA: [Keputusan; 3] = [
        Keputusan::Dilihat,
        Keputusan::Dinaikkan,
        Keputusan::Diabaikan,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Keputusan::Dilihat => "dilihat",
            Keputusan::Dinaikkan => "dinaikkan",
            Keputusan::Diabaikan => "diabaikan",
        }
    }

    pub fn parse(s: &str) -> Option<Keputusan> {
        Keputusan::SEMUA.into_iter().find(|k| k.slug() == s)
    }
}

/// The latest decision on one flag of an election. A flag is named by its
/// check and its subject (a TPS code, or a region code for the region
/// checks); `sidik` is the flag's explanation when it was decided, so a
/// decision on figures that have since changed is seen as stale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeputusanKejanggalan {
    pub pemilihan_id: Uuid,
    /// [`posko_domain::kejanggalan::Cek::kode`].
    pub cek: String,
    /// A TPS (`32.73.01.1001-003`) or region code.
    pub sasaran: String,
    pub keputusan: Keputusan,
    pub sidik: String,
    pub pemutus_id: Uuid,
    pub pemutus: String,
    /// Unix seconds.
    pub waktu: i64,
}

/// One photo attached to a submission of a TPS, with its dHash (hex text,
/// `posko_domain::kejanggalan::foto::ke_hex`) when it could be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FotoHasil {
    pub tps: posko_domain::KodeTps,
    pub sha256: String,
    pub dhash: Option<String>,
}
