//! What a use case can refuse or fail with, and how storage and file errors
//! become those answers.

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
    /// Something failed that the user can do nothing about (a lost thread,
    /// a disk that refused a write): answered as a 500, the cause logged.
    #[error("{apa}: {sumber}")]
    Internal {
        /// The work that failed, in words.
        apa: String,
        #[source]
        sumber: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl AppError {
    /// A refusal the user can fix: what they sent is wrong.
    pub fn invalid(e: impl std::fmt::Display) -> AppError {
        AppError::Invalid(e.to_string())
    }

    /// Whether the database cannot be reached right now (an outage, answered
    /// 503 with `Retry-After`): the request was not wrong and may be sent
    /// again as it is.
    pub fn tidak_tersedia(&self) -> bool {
        matches!(self, AppError::Store(e) if e.tidak_tersedia())
    }

    /// The kind of error in one word, for keying log lines
    /// ([`crate::redam`]): never the message.
    pub fn jenis(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid",
            AppError::NotFound(_) => "not-found",
            AppError::Dilarang(_) => "dilarang",
            AppError::Konflik(_) => "konflik",
            AppError::Sibuk(_) => "sibuk",
            AppError::File(_) => "file",
            AppError::Store(StoreError::TidakTersedia(_)) => "tidak-tersedia",
            AppError::Store(_) => "store",
            AppError::Internal { .. } => "internal",
        }
    }

    /// A failure on Posko's side while doing `apa`, keeping its cause.
    pub fn internal(
        apa: impl Into<String>,
        sumber: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> AppError {
        AppError::Internal {
            apa: apa.into(),
            sumber: sumber.into(),
        }
    }
}
