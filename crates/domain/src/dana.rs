//! Dana kampanye (campaign finance, PKPU 14/2024): the money a paslon's
//! campaign receives and spends, as the KPU wants it kept and reported.
//!
//! One dedicated bank account (RKDK) holds the campaign's cash. Money,
//! goods and services come from the pair, the nominating parties,
//! individuals, groups and private legal entities; donors other than the
//! pair and parties are capped over the whole campaign, and money from a
//! donor who cannot be identified may not be used. Three reports go to
//! the KPU: LADK (initial funds), LPSDK (donations received), LPPDK (all
//! receipts and spending). Entries are never edited: a correction is a
//! new entry naming the one it corrects.
//!
//! Pure: the ledger, schedule and statement text come in, figures and
//! findings go out. Storage, the clock ("today" is a parameter) and the
//! web are the caller's.

mod batas;
mod buku;
mod laporan;
mod mutasi;
mod pengingat;
mod periode;
mod uang;

pub use batas::{
    BATAS_KELOMPOK_BADAN, BATAS_PERSEORANGAN, Bagian, HARI_PENYERAHAN_KELEBIHAN,
    PengembalianKelebihan, PosisiPenyumbang, TujuanKelebihan, batas_penyerahan_kelebihan,
    batas_sumbangan, kelebihan_belum_dikembalikan, pisah_sumbangan, posisi_penyumbang,
};
pub use buku::{
    Arah, BentukDana, BukuError, Entri, JenisBentuk, JenisEntri, KategoriBelanja, KosakataError,
    Penyumbang, Rekening, SumberDana, periksa_buku,
};
pub use laporan::{
    BarisPenerimaan, BarisPengeluaran, Laporan, SelisihLaporan, periksa_laporan, periode_entri,
    saldo_buku, susun_laporan, termasuk_laporan,
};
pub use mutasi::{
    BarisMutasi, BentukMutasi, GalatMutasi, HasilRekonsiliasi, Mutasi, Pasangan, SELISIH_HARI_MAKS,
    baca_baris_mutasi, baca_mutasi, rekonsiliasi,
};
pub use pengingat::{Desakan, HARI_PENGINGAT, HARI_SEGERA, Pengingat, pengingat};
pub use periode::{
    JadwalDana, JendelaPeriode, LPSDK_HARI_SETELAH_MULAI, Penempatan, Periode, PeriodeError,
};
pub use uang::{Uang, UangError};
