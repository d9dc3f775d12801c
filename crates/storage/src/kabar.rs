//! Word of committed changes, for live pages on any server: ids only,
//! never the data (pages read the figures themselves, as their viewer may
//! see them). SQLite, one process, tells its own writes in-process;
//! PostgreSQL sends `NOTIFY` after the writing transaction commits (never
//! for a rollback), many results to one notification, one
//! [`muatan_hasil`] per line, and every server hears every server's writes
//! on a listener connection of its own.

use std::sync::Arc;

use posko_domain::KodeTps;
use uuid::Uuid;

/// The PostgreSQL channel the servers of one database talk on.
pub const SALURAN_KABAR: &str = "posko_kabar";

/// What a backend tells its listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kabar {
    /// A result of `tps` in election `pemilihan_id` now counts (committed):
    /// the totals of every region above it moved.
    Hasil { pemilihan_id: Uuid, tps: KodeTps },
    /// Listening (again): what happened while deaf is unknown, so every
    /// live page looks once more.
    Tersambung,
    /// The listener lost its connection: live pages poll until
    /// [`Kabar::Tersambung`].
    Terputus,
}

/// Who hears it: called on the backend's own task, so it must not block
/// (the app forwards into a broadcast channel).
pub type PenerimaKabar = Arc<dyn Fn(Kabar) + Send + Sync>;

/// A [`Kabar::Hasil`] as a NOTIFY payload: `hasil <election id> <TPS code>`.
pub fn muatan_hasil(pemilihan_id: Uuid, tps: KodeTps) -> String {
    format!("hasil {pemilihan_id} {tps}")
}

/// A NOTIFY payload read back; None for anything else on the channel.
pub fn baca_muatan(s: &str) -> Option<Kabar> {
    let mut it = s.split(' ');
    match (it.next()?, it.next()?, it.next()?, it.next()) {
        ("hasil", id, tps, None) => Some(Kabar::Hasil {
            pemilihan_id: Uuid::parse_str(id).ok()?,
            tps: KodeTps::parse(tps).ok()?,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_read_back_and_strangers_are_ignored() {
        let id = Uuid::now_v7();
        let tps = KodeTps::parse("31.71.01.1001-003").unwrap();
        let m = muatan_hasil(id, tps);
        assert_eq!(
            baca_muatan(&m),
            Some(Kabar::Hasil {
                pemilihan_id: id,
                tps
            })
        );
        assert_eq!(baca_muatan("hasil x 31.71.01.1001-003"), None);
        assert_eq!(baca_muatan(&format!("{m} lebih")), None);
        assert_eq!(baca_muatan(""), None);
    }
}
