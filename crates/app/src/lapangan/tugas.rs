//! Tasks (instructions) down the tree: an area, a person or every
//! relawan under a coordinator, a due date and the proof it needs;
//! each assignee's completion recorded once with its proof.

use posko_domain::KodeWilayah;
use posko_domain::lapangan::{Bukti, JenisBukti};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

/// Who a task goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "jenis", content = "id")]
pub enum Penerima {
    /// One person (pengguna id).
    Orang(Uuid),
    /// Every relawan below a coordinator in the tree, as it stood when
    /// the task was sent (pengguna ids, resolved then).
    Bawahan { koordinator: Uuid, orang: Vec<Uuid> },
}

/// A task sent down the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tugas {
    pub judul: String,
    pub uraian: String,
    pub wilayah: KodeWilayah,
    pub penerima: Penerima,
    pub batas: Date,
    pub bukti: JenisBukti,
    pub dibuat_oleh: Uuid,
}

impl Tugas {
    /// The people who must each complete it.
    pub fn orang(&self) -> Vec<Uuid> {
        match &self.penerima {
            Penerima::Orang(id) => vec![*id],
            Penerima::Bawahan { orang, .. } => orang.clone(),
        }
    }

    pub fn ditugaskan_kepada(&self, id: Uuid) -> bool {
        match &self.penerima {
            Penerima::Orang(o) => *o == id,
            Penerima::Bawahan { orang, .. } => orang.contains(&id),
        }
    }
}

/// One assignee's completion with its proof (recorded once: its id is
/// the task's and the assignee's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelesaiTugas {
    pub tugas: Uuid,
    pub oleh: Uuid,
    pub bukti: Bukti,
    /// Unix seconds, by the phone.
    pub waktu: i64,
}
