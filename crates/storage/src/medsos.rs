//! The social-media room (issue 23) as stored: each election's records —
//! its settings, official accounts, drafts, claims, rotation tasks and
//! analytics imports — as small JSON documents, every change a new
//! version kept beside the old ones. The rules are
//! `posko_domain::medsos`'s and the shapes the application's; the store
//! keeps versions, the election's write counter and the audit entry in
//! one transaction.
//!
//! Why documents: the room is a few hundred records per campaign written
//! at a person's pace, every rule (20 accounts a platform, the approver
//! is never the author, nothing in the quiet period) needs the election's
//! other records in view, and every change must be kept. One counter per
//! election makes each write check what its caller read (compare and
//! swap), so two servers cannot both pass one check.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Result;
use crate::baris::rusak;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisMedsos {
    /// The room's settings: the campaign period, the review chain.
    Pengaturan,
    /// An official account with who holds access.
    Akun,
    /// A draft through its review chain to its posted record.
    Konten,
    /// A claim on the issue desk.
    Isu,
    /// Password and recovery rotation after a member left.
    Rotasi,
    /// One analytics export imported for an account.
    Analitik,
}

impl JenisMedsos {
    pub const ALL: [JenisMedsos; 6] = [
        JenisMedsos::Pengaturan,
        JenisMedsos::Akun,
        JenisMedsos::Konten,
        JenisMedsos::Isu,
        JenisMedsos::Rotasi,
        JenisMedsos::Analitik,
    ];

    pub fn kolom(self) -> &'static str {
        match self {
            JenisMedsos::Pengaturan => "pengaturan",
            JenisMedsos::Akun => "akun",
            JenisMedsos::Konten => "konten",
            JenisMedsos::Isu => "isu",
            JenisMedsos::Rotasi => "rotasi",
            JenisMedsos::Analitik => "analitik",
        }
    }

    pub fn dari_kolom(s: &str) -> Result<JenisMedsos> {
        JenisMedsos::ALL
            .into_iter()
            .find(|j| j.kolom() == s)
            .ok_or_else(|| rusak("jenis medsos", s))
    }
}

/// One version of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DokumenMedsos {
    pub id: Uuid,
    pub pemilihan_id: Uuid,
    pub jenis: JenisMedsos,
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IsiMedsos {
    pub nomor: i64,
    pub dokumen: Vec<DokumenMedsos>,
}
