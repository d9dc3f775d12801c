//! Tables and region reports as files: the table model and the report
//! model of `posko-pdf`, handed to the web layer (which words and fills
//! them), and the PDF rendering off the async threads. Aggregate tables
//! (totals per region, targets, quick-count arrivals) are not personal
//! data and are not logged, like the discrepancy list; the relawan
//! leaderboard names people, so its download is logged like the other
//! files with names in them (walk lists, personal-data exports).

use posko_domain::{Jejak, KodeWilayah};
pub use posko_pdf::{
    AngkaUtama, BentukPeta, GayaAngka, JenisKolom, Kolom, Laporan, PetaLaporan, Sel, Tabel,
};
use posko_storage::Pengguna;

use crate::{Aktor, AppError, Posko, Result};

async fn di_latar<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Invalid(format!("mencetak PDF: {e}")))
}

/// A table as an A4 PDF.
pub async fn cetak_tabel(t: Tabel) -> Result<Vec<u8>> {
    di_latar(move || posko_pdf::tabel_pdf(&t)).await
}

/// A region's report as an A4 PDF.
pub async fn cetak_laporan(l: Laporan) -> Result<Vec<u8>> {
    di_latar(move || posko_pdf::laporan_pdf(&l)).await
}

impl Posko {
    /// Logs that `oleh` downloaded the relawan leaderboard of `wilayah`
    /// (`baris` names, as `format`), before the file is handed out.
    pub async fn catat_unduh_peringkat(
        &self,
        oleh: &Pengguna,
        wilayah: KodeWilayah,
        baris: usize,
        format: &str,
    ) -> Result<()> {
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "relawan.unduh_peringkat",
            "wilayah",
            wilayah.to_string(),
            format!("papan peringkat relawan diunduh ({format}): {baris} nama"),
            wilayah.to_string().as_bytes(),
        );
        self.store.append_audit(&jejak).await?;
        Ok(())
    }
}
