//! The hash-chained audit log: appending events and reading it back.

use crate::Result;
use async_trait::async_trait;
use posko_domain::{EntriAudit, Jejak, KepalaLajur};

#[async_trait]
pub trait AuditStore: Send + Sync + 'static {
    /// Records an event that changes no stored row (an export of personal
    /// data) as its own chained entry.
    async fn catat_audit(&self, jejak: &Jejak) -> Result<()>;

    /// Entries with `seq > after`, in order, at most `limit`.
    async fn daftar_audit(&self, after: i64, limit: u32) -> Result<Vec<EntriAudit>>;

    /// Every lane of the log in one snapshot: the head the store keeps and
    /// the highest place an entry of the lane has. A store with one chain
    /// reports lane 0 with its last entry as head.
    async fn daftar_kepala_audit(&self) -> Result<Vec<KepalaLajur>>;

    /// Newest first: the entries about one entity (`pengguna` and an
    /// account id: codes issued for it, its sign-ins, role changes).
    async fn daftar_audit_entitas(
        &self,
        entitas: &str,
        entitas_id: &str,
        limit: u32,
    ) -> Result<Vec<EntriAudit>>;

    /// Newest first: entries with `seq < before` (all when None) whose
    /// action starts with `aksi_prefix` and actor equals `aktor` when given.
    async fn cari_audit(
        &self,
        before: Option<i64>,
        aksi_prefix: Option<&str>,
        aktor: Option<&str>,
        limit: u32,
    ) -> Result<Vec<EntriAudit>>;
}
