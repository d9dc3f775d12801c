use posko_import::FileError;
use posko_storage::StoreError;

/// What a use case can refuse or fail with. Messages are for the user, in
/// Bahasa Indonesia, and say what is wrong and where.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0} tidak ditemukan")]
    NotFound(String),
    /// Outside the caller's role or territory.
    #[error("{0}")]
    Dilarang(String),
    /// Refused because of what is already stored (a sample already drawn).
    #[error("{0}")]
    Konflik(String),
    /// Too much of some bounded work at once (Argon2 checks): nothing was
    /// done; try again shortly ([`crate::ARGON2_TUNGGU`] is a fair wait).
    #[error("{0}")]
    Sibuk(String),
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AppError {
    pub fn invalid(e: impl std::fmt::Display) -> AppError {
        AppError::Invalid(e.to_string())
    }
}
