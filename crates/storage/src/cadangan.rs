//! What a backup knows about the snapshot it copied: read from the
//! snapshot itself (the copied SQLite file, or inside PostgreSQL's exported
//! snapshot that `pg_dump` reads), so the manifest names exactly what was
//! saved.

/// The newest entry of the audit chain at the snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KepalaAudit {
    pub seq: i64,
    pub hash: String,
}

/// What the backend read from a snapshot it copied or restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cuplikan {
    /// The migration version the snapshot is at.
    pub versi_skema: i64,
    /// None when the audit log is empty.
    pub audit: Option<KepalaAudit>,
}
