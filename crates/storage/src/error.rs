//! Errors below the application layer.

/// What can go wrong below the application layer. Backend-specific errors
/// are flattened to text so callers never depend on a driver crate.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} sudah ada")]
    Conflict(String),
    #[error("{0} tidak ditemukan")]
    NotFound(String),
    #[error(
        "skema basis data versi {found} lebih baru daripada yang dikenal posko ini (maksimal {known}); perbarui posko"
    )]
    SchemaTooNew { found: i64, known: i64 },
    #[error(
        "migrasi {versi} ({nama}) sudah diterapkan pada basis data ini dengan isi lain (cek tersimpan {tersimpan}, posko ini {sekarang}); migrasi yang sudah diterapkan tidak boleh diubah, tambahkan migrasi baru"
    )]
    MigrasiBerubah {
        versi: i64,
        nama: String,
        tersimpan: String,
        sekarang: String,
    },
    #[error("data di basis data rusak: {0}")]
    Corrupt(String),
    #[error("basis data: {0}")]
    Backend(String),
}
