//! Application services: the use cases of Posko, written once over the
//! `Store` trait. Delivery layers (HTTP, CLI) call these and nothing below.

mod audit;
pub mod demo;
mod error;
mod import;
mod pemilihan;
mod pengguna;
mod sesi;
mod token;
mod wilayah;

use std::sync::Arc;

use posko_storage::Store;

pub use audit::{Aktor, AuditCheck};
pub use error::AppError;
pub use import::{ImportReport, ImportRequest};
pub use pemilihan::{NewPaslon, NewPemilihan, PemilihanView};
pub use pengguna::NewPengguna;
pub use sesi::{Ditolak, KODE_DETIK, Masuk, SESI_DETIK, Throttle};
pub use wilayah::WilayahView;

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The application: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Posko {
    store: Arc<dyn Store>,
    throttle: Arc<Throttle>,
}

impl Posko {
    pub fn new(store: Arc<dyn Store>) -> Posko {
        Posko {
            store,
            throttle: Arc::new(Throttle::default()),
        }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn backend(&self) -> &'static str {
        self.store.backend()
    }
}
