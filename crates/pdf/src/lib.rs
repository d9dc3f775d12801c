//! Printable PDF documents of Posko: the evidence pack, the walk list
//! of a TPS (`daftar_jalan`) that relawan carry when canvassing, any table
//! a page shows (`tabel`: the model the XLSX download is written from too)
//! and the report of an election in one region with its map (`laporan`).
//!
//! The first document is the evidence pack ("paket bukti selisih") of a
//! kecamatan: campaign lawyers print it to file an objection at the official
//! recount (rekapitulasi). It lists every TPS where the official KPU count
//! differs from the campaign's own verified count, with both figures and the
//! photos of the C.Hasil form as evidence.
//!
//! The crate is pure: data and JPEG bytes in, PDF bytes out. It uses only the
//! standard Helvetica fonts (nothing embedded) and embeds photos unchanged
//! (DCTDecode), so the printed hash always refers to the caller's original
//! file and the output is deterministic for the same input.

mod daftar_jalan;
mod jpeg;
mod laporan;
mod tabel;
mod tata_letak;
mod teks;
mod tulis;

pub use daftar_jalan::{DaftarJalan, RtJalan, RumahJalan, WargaJalan, daftar_jalan};
pub use laporan::{AngkaUtama, BentukPeta, Laporan, PetaLaporan, SisipanPeta, laporan_pdf};
pub use tabel::{GayaAngka, JenisKolom, Kolom, Sel, Tabel, tabel_pdf};
pub use teks::{angka, selisih, winansi};

/// Everything printed in one evidence pack.
///
/// All strings are free UTF-8; characters outside WinAnsi (the encoding of
/// the standard PDF fonts) are printed as "?" and long text is wrapped or cut
/// with "…", so no input can make text run off the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaketBukti {
    /// Document title, e.g. "Paket bukti selisih hasil — Kecamatan Sukasari,
    /// Kota Bandung". Also the PDF's Title metadata.
    pub judul: String,
    /// Election name, e.g. "Pemilihan Walikota Bandung 2024".
    pub pemilihan: String,
    /// Region line, e.g. "Kecamatan Sukasari (32.73.01)".
    pub wilayah: String,
    /// Creation time, already formatted by the caller (e.g. "30-11-2026
    /// 10:15 WIB") so this crate needs no clock or time zone.
    pub dibuat: String,
    /// Who made the pack (name and username). Printed in every page footer
    /// so a leaked printout can be traced to its maker.
    pub dibuat_oleh: String,
    /// Column labels of the candidate pairs in ballot order, e.g. "01 Ahmad –
    /// Budi". Index `i` labels `Angka::suara[i]`.
    pub paslon: Vec<String>,
    /// Optional note printed on the cover, e.g. "Hanya TPS yang sudah
    /// terverifikasi."
    pub catatan: Option<String>,
    /// The TPS with a difference, in the order to print them (the caller
    /// sorts, usually most votes moved first).
    pub tps: Vec<TpsBukti>,
}

/// One polling station with a difference between the two counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TpsBukti {
    /// TPS code, e.g. "3273011001-003".
    pub kode: String,
    /// Display name, e.g. "TPS 003 · Desa Sukarasa".
    pub nama: String,
    /// Status of the campaign's own entry ("terverifikasi", "masuk",
    /// "bermasalah"), printed as given so the reader can weigh the figures.
    pub status: String,
    /// The campaign's own figures (from its witnesses' C.Hasil photos).
    pub kita: Angka,
    /// The official KPU figures.
    pub resmi: Angka,
    /// Votes moved: the sum over paslon of |ours − official|, as computed by
    /// the caller (printed, not recomputed, so it matches the app's lists).
    pub suara_bergeser: u64,
    /// Photos of the C.Hasil form, in the order to print them.
    pub foto: Vec<FotoBukti>,
}

/// The figures of one count at one TPS.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Angka {
    /// Votes per paslon in ballot order (same order as
    /// [`PaketBukti::paslon`]). A missing entry is printed as "-" and counts
    /// as a difference, because an unknown figure cannot be confirmed.
    pub suara: Vec<u64>,
    /// Valid votes.
    pub sah: u64,
    /// Invalid votes.
    pub tidak_sah: u64,
}

/// One photo of a C.Hasil form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FotoBukti {
    /// SHA-256 (hex) of the ORIGINAL uploaded file, which is the evidence;
    /// the printable copy is a downscaled derivative. Always printed in full
    /// under the photo so the original can be matched to the printout.
    pub sha256: String,
    /// A printable JPEG, or `None` when the original cannot be embedded (e.g.
    /// HEIC); then a box says so and the hash is still printed.
    pub gambar: Option<Gambar>,
    /// The form names this photo but the server's photo store has no file
    /// under its hash: the box says so instead of claiming it is kept.
    pub tidak_tersimpan: bool,
}

/// A printable JPEG, embedded byte for byte (no re-encoding).
///
/// Baseline (or progressive) 8-bit JPEG with 1 (grayscale) or 3 (colour)
/// components, already downscaled and rotated upright by the caller. The
/// frame header of the JPEG itself decides size and colour space; bytes the
/// PDF cannot carry (e.g. CMYK or a damaged file) are printed as a box
/// saying the photo cannot be printed, never as a broken page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gambar {
    /// The JPEG file.
    pub jpeg: Vec<u8>,
    /// Width in pixels as the caller encoded it.
    pub lebar: u32,
    /// Height in pixels as the caller encoded it.
    pub tinggi: u32,
}

/// Renders the evidence pack of one kecamatan as an A4 PDF.
///
/// Layout: a cover with the summary table (continued over as many pages as
/// needed, header row repeated), then one section per TPS starting on a new
/// page with its figures and photos. A photo is scaled to the content width
/// and the height left on the page (aspect ratio kept); if that would make it
/// smaller than 3/4 of its full-page size it starts a new page instead,
/// because a shrunken C.Hasil form is hard to read. Every page carries the
/// footer "Posko · <dibuat_oleh> · <dibuat> · halaman N dari M". The summary
/// lists the page of each TPS section and the PDF outline has a bookmark per
/// TPS. Never fails: bad input degrades to "?", "…" or a "cannot be
/// printed" box.
pub fn paket_bukti(p: &PaketBukti) -> Vec<u8> {
    let tata = tata_letak::paket_bukti(p);
    let info = tulis::Info {
        judul: &p.judul,
        penulis: &p.dibuat_oleh,
        subjek: &p.wilayah,
    };
    tulis::pdf(&info, &tata)
}
