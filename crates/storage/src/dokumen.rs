//! Rooms stored as versioned JSON documents: the social-media room
//! (`crate::medsos`) and field operations (`crate::lapangan`). Each
//! election's room has a write counter; a write names the counter its
//! caller read (compare and swap), or for an append-only record none.
//! Every version is kept; the backends refuse an update or delete.

use serde::Serialize;
use uuid::Uuid;

use crate::{Konflik, Result};

/// The kinds of one room's documents, and the two tables that hold them.
pub trait JenisDokumen: Copy + Eq + std::fmt::Debug + Serialize + Send + Sync + 'static {
    /// Every kind, in the order a whole room is read.
    const ALL: &'static [Self];
    /// The room's documents table, e.g. `medsos_dokumen`.
    const TABEL_DOKUMEN: &'static str;
    /// The room's counter table, e.g. `medsos_nomor`.
    const TABEL_NOMOR: &'static str;
    /// The room's name in errors.
    const RUANG: &'static str;

    /// The kind as stored in the `jenis` column.
    fn kolom(self) -> &'static str;

    fn dari_kolom(s: &str) -> Result<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|j| j.kolom() == s)
            .ok_or_else(|| crate::baris::rusak(Self::RUANG, s))
    }
}

/// One version of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dokumen<J> {
    pub id: Uuid,
    pub pemilihan_id: Uuid,
    pub jenis: J,
    /// 1 for a new document, one more than the stored one for a change.
    pub versi: i64,
    /// The application's JSON.
    pub data: String,
    pub oleh: Uuid,
    /// Unix seconds.
    pub waktu: i64,
}

/// An election's room as read: the write counter to pass back with the
/// next write, and the latest version of each document asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsiRuang<J> {
    pub nomor: i64,
    pub dokumen: Vec<Dokumen<J>>,
}

impl<J> Default for IsiRuang<J> {
    fn default() -> Self {
        IsiRuang {
            nomor: 0,
            dokumen: Vec::new(),
        }
    }
}

/// What a write checks before it lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syarat {
    /// The room's counter is still the one read (0: nothing written yet).
    Sesudah(i64),
    /// No check of the counter: every document is a first version whose
    /// id says what it is (an attendance, an interview sent from a phone's
    /// queue), so a second write of it is refused by its id alone and
    /// writers never retry one another. The counter still moves.
    Tambah,
}

/// The conflict a room answers when its counter moved or a version is
/// not the next: read again and decide again (for [`Syarat::Tambah`]: the
/// record exists already).
pub fn berubah(nomor: i64) -> crate::StoreError {
    crate::StoreError::Conflict(Konflik::RuangBerubah(nomor))
}
