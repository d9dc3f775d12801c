//! Word of committed changes on SQLite: one process owns the file, so its
//! own writes are all there is to tell, told in-process after the commit.

use posko_storage::{Kabar, Kirim, PenerimaKabar};

use crate::SqliteStore;

/// Who hears this store's committed changes.
#[derive(Default)]
pub(crate) struct Pendengar(std::sync::RwLock<Vec<PenerimaKabar>>);

impl Pendengar {
    pub(crate) fn tambah(&self, f: PenerimaKabar) {
        // Nothing to connect: listening works from the start.
        f(Kabar::Tersambung);
        self.0.write().unwrap_or_else(|e| e.into_inner()).push(f);
    }
}

impl SqliteStore {
    /// Tells the listeners of a stored result that now counts.
    pub(crate) fn kabarkan_kirim(&self, k: &Kirim) {
        if let Kirim::Baru(k) = k
            && k.tidak_dihitung.is_none()
        {
            let kabar = Kabar::Hasil {
                pemilihan_id: k.pemilihan_id,
                tps: k.tps,
            };
            for f in self
                .inner
                .kabar
                .0
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .iter()
            {
                f(kabar);
            }
        }
    }
}
