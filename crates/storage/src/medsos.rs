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

use crate::dokumen::{Dokumen, IsiRuang, JenisDokumen};

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

impl JenisDokumen for JenisMedsos {
    const ALL: &'static [JenisMedsos] = &[
        JenisMedsos::Pengaturan,
        JenisMedsos::Akun,
        JenisMedsos::Konten,
        JenisMedsos::Isu,
        JenisMedsos::Rotasi,
        JenisMedsos::Analitik,
    ];
    const TABEL_DOKUMEN: &'static str = "medsos_dokumen";
    const TABEL_NOMOR: &'static str = "medsos_nomor";
    const RUANG: &'static str = "jenis medsos";

    fn kolom(self) -> &'static str {
        match self {
            JenisMedsos::Pengaturan => "pengaturan",
            JenisMedsos::Akun => "akun",
            JenisMedsos::Konten => "konten",
            JenisMedsos::Isu => "isu",
            JenisMedsos::Rotasi => "rotasi",
            JenisMedsos::Analitik => "analitik",
        }
    }
}

/// One version of one document of the room.
pub type DokumenMedsos = Dokumen<JenisMedsos>;

/// The room as read.
pub type IsiMedsos = IsiRuang<JenisMedsos>;
