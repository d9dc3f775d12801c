//! Tables and region reports as files: the table model and the report
//! model of `posko-pdf`, handed to the web layer (which words and fills
//! them), and the PDF rendering off the async threads. Aggregate tables
//! (totals per region, targets, quick-count arrivals) are not personal
//! data and are not logged, like the discrepancy list; the relawan
//! leaderboard, a desa's saksi per TPS and the election-day incidents
//! name people, so their downloads are logged like the other files with
//! names in them (walk lists, personal-data exports).

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
        self.catat_unduh(
            oleh,
            "relawan.unduh_peringkat",
            wilayah,
            format!("papan peringkat relawan diunduh ({format}): {baris} nama"),
        )
        .await
    }

    /// Logs that `oleh` downloaded the saksi of each TPS in the desa
    /// `wilayah` (`baris` TPS, as `format`), before the file is handed out.
    pub async fn catat_unduh_saksi(
        &self,
        oleh: &Pengguna,
        wilayah: KodeWilayah,
        baris: usize,
        format: &str,
    ) -> Result<()> {
        self.catat_unduh(
            oleh,
            "saksi.unduh_cakupan",
            wilayah,
            format!("saksi per TPS diunduh ({format}): {baris} TPS"),
        )
        .await
    }

    /// Logs that `oleh` downloaded the election-day incidents of
    /// `wilayah` (`baris` reports with their senders, as `format`).
    pub async fn catat_unduh_insiden(
        &self,
        oleh: &Pengguna,
        pemilihan_id: uuid::Uuid,
        wilayah: KodeWilayah,
        baris: usize,
        format: &str,
    ) -> Result<()> {
        self.catat_unduh(
            oleh,
            "hari_h.unduh_insiden",
            wilayah,
            format!("insiden pemilihan {pemilihan_id} diunduh ({format}): {baris} laporan"),
        )
        .await
    }

    async fn catat_unduh(
        &self,
        oleh: &Pengguna,
        aksi: &str,
        wilayah: KodeWilayah,
        ringkas: String,
    ) -> Result<()> {
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            aksi,
            "wilayah",
            wilayah.to_string(),
            ringkas,
            wilayah.to_string().as_bytes(),
        );
        self.store.append_audit(&jejak).await?;
        Ok(())
    }
}
