//! Tables and region reports as files: the table model and the report
//! model of `posko-pdf`, handed to the web layer (which words and fills
//! them), and the PDF rendering off the async threads. Aggregate tables
//! (totals per region, targets, quick-count arrivals) are not personal
//! data and are not logged, like the discrepancy list; the relawan
//! leaderboard, a desa's saksi per TPS and the election-day incidents
//! name people, so their downloads are logged like the other files with
//! names in them (walk lists, personal-data exports); so do a dispute's
//! readings (saksi and verifiers by name), and a download of the audit
//! log is itself logged.

use posko_domain::{Jejak, KodeWilayah};
pub use posko_pdf::{
    AngkaUtama, BentukPeta, GayaAngka, JenisKolom, Kolom, Laporan, PetaLaporan, Sel, SisipanPeta,
    Tabel,
};
use posko_storage::Pengguna;

use crate::{Aktor, Posko, Result};

/// A table as an A4 PDF.
pub async fn cetak_tabel(t: Tabel) -> Result<Vec<u8>> {
    crate::latar::kerja("mencetak PDF", move || posko_pdf::tabel_pdf(&t)).await
}

/// A region's report as an A4 PDF.
pub async fn cetak_laporan(l: Laporan) -> Result<Vec<u8>> {
    crate::latar::kerja("mencetak laporan PDF", move || posko_pdf::laporan_pdf(&l)).await
}

impl Posko {
    /// Logs that `oleh` downloaded the relawan leaderboard of `wilayah`
    /// (`baris` names, as `format`), before the file is handed out.
    #[tracing::instrument(level = "debug", skip_all)]
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
    #[tracing::instrument(level = "debug", skip_all)]
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
    #[tracing::instrument(level = "debug", skip_all)]
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

    /// Logs that `oleh` downloaded the review queue of `wilayah` (`baris`
    /// flags with who decided each, as `format`).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_unduh_kejanggalan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: uuid::Uuid,
        wilayah: KodeWilayah,
        baris: usize,
        format: &str,
    ) -> Result<()> {
        self.catat_unduh(
            oleh,
            "kejanggalan.unduh",
            wilayah,
            format!(
                "antrean kejanggalan pemilihan {pemilihan_id} diunduh ({format}): {baris} tanda"
            ),
        )
        .await
    }

    /// Logs that `oleh` downloaded the dispute of `tps` (the saksi's and
    /// each verifier's figures, by name; `baris` rows, as `format`).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_unduh_sengketa(
        &self,
        oleh: &Pengguna,
        pemilihan_id: uuid::Uuid,
        tps: posko_domain::KodeTps,
        baris: usize,
        format: &str,
    ) -> Result<()> {
        self.catat_unduh_objek(
            oleh,
            "verifikasi.unduh_sengketa",
            "tps",
            tps.to_string(),
            format!("sengketa pemilihan {pemilihan_id} diunduh ({format}): {baris} bacaan"),
        )
        .await
    }

    /// Logs that `oleh` downloaded a page of the audit log itself
    /// (`baris` entries, filtered by `saring`, as `format`): who took the
    /// evidence out, and which part of it, is evidence too.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_unduh_audit(
        &self,
        oleh: &Pengguna,
        saring: &str,
        baris: usize,
        format: &str,
    ) -> Result<()> {
        self.catat_unduh_objek(
            oleh,
            "audit.unduh",
            "audit",
            saring.to_string(),
            format!("log audit diunduh ({format}): {baris} entri"),
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
        self.catat_unduh_objek(oleh, aksi, "wilayah", wilayah.to_string(), ringkas)
            .await
    }

    async fn catat_unduh_objek(
        &self,
        oleh: &Pengguna,
        aksi: &str,
        entitas: &str,
        entitas_id: String,
        ringkas: String,
    ) -> Result<()> {
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            aksi,
            entitas,
            entitas_id.clone(),
            ringkas,
            entitas_id.as_bytes(),
        );
        self.store.catat_audit(&jejak).await?;
        Ok(())
    }
}
