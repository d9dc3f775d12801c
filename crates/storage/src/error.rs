//! Errors below the application layer.

/// What can go wrong below the application layer. Backend-specific errors
/// are flattened to text so callers never depend on a driver crate.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} sudah ada")]
    Conflict(Konflik),
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
    /// The database cannot be reached right now (a refused or lost
    /// connection, a server shutting down, a lock held past its limit):
    /// nothing was done, and the same request may succeed shortly. Web
    /// answers are 503 with `Retry-After`, never "not signed in".
    #[error("basis data tidak dapat dihubungi: {0}")]
    TidakTersedia(String),
    #[error("basis data: {0}")]
    Backend(String),
}

impl StoreError {
    /// Whether this is an outage ([`StoreError::TidakTersedia`]) rather
    /// than a refusal or a fault: worth retrying as it is.
    pub fn tidak_tersedia(&self) -> bool {
        matches!(self, StoreError::TidakTersedia(_))
    }
}

/// What a write collided with, so callers decide by kind rather than by
/// reading the message. The texts complete "… sudah ada".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Konflik {
    /// An account with this username exists.
    #[error("nama pengguna '{0}'")]
    NamaPengguna(String),
    /// The election already has a candidate pair with this ballot number.
    #[error("paslon nomor urut {0}")]
    NomorUrutPaslon(u8),
    /// This account already has a relawan record.
    #[error("relawan untuk akun ini")]
    RelawanAkun,
    /// The invitation was used already or has expired.
    #[error("undangan sudah dipakai atau kedaluwarsa")]
    UndanganTerpakai,
    /// The NIK belongs to another supporter.
    #[error("NIK ini milik pendukung lain")]
    NikPendukung,
    /// This verifier has already read this submission.
    #[error("{0} sudah membaca kiriman ini")]
    BacaanGanda(String),
    /// One voter number twice in one TPS of a voter list.
    #[error("pemilih {tps} nomor urut {urut} ganda")]
    NomorPemilihGanda { tps: String, urut: u32 },
    /// Two submissions of one TPS raced and neither can be told apart.
    #[error("kiriman TPS {0} bertabrakan; kirim ulang")]
    KirimanBertabrakan(String),
    /// An election's campaign ledger gained an entry after the one the
    /// writer checked its correction against: check again and retry.
    #[error("entri sesudah nomor {0} di buku dana")]
    BukuDanaBerubah(i64),
    /// An election's room of documents (social media, field operations)
    /// was written after the caller read it (the counter it is at now), or
    /// the version written is not the next: read again and retry.
    #[error("ruang berubah (nomor {0}); baca ulang")]
    RuangBerubah(i64),
    /// A uniqueness rule the database enforced that no caller named.
    #[error("{0}")]
    Lain(String),
}
