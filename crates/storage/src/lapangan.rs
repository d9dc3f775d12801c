//! Field operations as stored (issue 24): each election's events with
//! their invitations and attendance, campaign materials (APK) with their
//! hand-overs and installations, tasks with their completions, and
//! electability surveys with their interviews — versioned JSON documents
//! of one room per election (`crate::dokumen`). The rules are
//! `posko_domain::lapangan`'s and `posko_domain::survei`'s, the shapes the
//! application's.
//!
//! Records a phone sends from its offline queue (an attendance, an
//! installation, a task's proof, an interview) are first versions whose
//! id the sender's record determines, written with `Syarat::Tambah`: a
//! second sending is refused by its id, and forty relawan syncing at once
//! do not retry one another.

use serde::{Deserialize, Serialize};

use crate::dokumen::{Dokumen, IsiRuang, JenisDokumen};

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisLapangan {
    /// The room's settings: APK quotas per area.
    Pengaturan,
    /// An event of the campaign's agenda.
    Acara,
    /// A supporter invited to an event, with the RSVP answer.
    Undangan,
    /// One person checked in at an event's door.
    Hadir,
    /// An APK item and the stock the campaign received.
    Barang,
    /// Items handed from one person to another.
    Serah,
    /// One installed item, and later its take-down.
    Pasang,
    /// A task sent down the tree.
    Tugas,
    /// One assignee's completion of a task with its proof.
    Selesai,
    /// An electability survey: questionnaire, draw, interviewers.
    Survei,
    /// One interview of a survey.
    Wawancara,
}

impl JenisDokumen for JenisLapangan {
    const ALL: &'static [JenisLapangan] = &[
        JenisLapangan::Pengaturan,
        JenisLapangan::Acara,
        JenisLapangan::Undangan,
        JenisLapangan::Hadir,
        JenisLapangan::Barang,
        JenisLapangan::Serah,
        JenisLapangan::Pasang,
        JenisLapangan::Tugas,
        JenisLapangan::Selesai,
        JenisLapangan::Survei,
        JenisLapangan::Wawancara,
    ];
    const TABEL_DOKUMEN: &'static str = "lapangan_dokumen";
    const TABEL_NOMOR: &'static str = "lapangan_nomor";
    const RUANG: &'static str = "jenis lapangan";

    fn kolom(self) -> &'static str {
        match self {
            JenisLapangan::Pengaturan => "pengaturan",
            JenisLapangan::Acara => "acara",
            JenisLapangan::Undangan => "undangan",
            JenisLapangan::Hadir => "hadir",
            JenisLapangan::Barang => "barang",
            JenisLapangan::Serah => "serah",
            JenisLapangan::Pasang => "pasang",
            JenisLapangan::Tugas => "tugas",
            JenisLapangan::Selesai => "selesai",
            JenisLapangan::Survei => "survei",
            JenisLapangan::Wawancara => "wawancara",
        }
    }
}

/// One version of one document of the room.
pub type DokumenLapangan = Dokumen<JenisLapangan>;

/// The room as read.
pub type IsiLapangan = IsiRuang<JenisLapangan>;
