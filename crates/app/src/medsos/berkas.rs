//! The room's files: the KPU registration form and the monthly access
//! review, as XLSX and PDF.

/// A file to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BerkasMedsos {
    pub nama: String,
    pub isi: Vec<u8>,
}
