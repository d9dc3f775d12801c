//! Personal data at rest: which keys are in use, reading and re-encrypting columns.

use crate::{DataTersandi, KolomRahasia, Result};
use async_trait::async_trait;
use posko_domain::Jejak;
use uuid::Uuid;

#[async_trait]
pub trait RahasiaStore: Send + Sync + 'static {
    /// Ids of the keys (the 8 characters before ':') that encrypted any
    /// stored value, so a server refuses to start with the wrong key file.
    async fn daftar_kid_terpakai(&self) -> Result<Vec<String>>;

    /// Every stored value of one encrypted column, with its row id.
    async fn daftar_rahasia(&self, kolom: KolomRahasia) -> Result<Vec<(Uuid, DataTersandi)>>;

    /// Replaces stored values (after re-encryption under a new key) in one
    /// transaction under one audit entry; returns the rows changed.
    async fn ubah_rahasia(
        &self,
        rows: &[(KolomRahasia, Uuid, DataTersandi)],
        jejak: &Jejak,
    ) -> Result<u64>;
}
