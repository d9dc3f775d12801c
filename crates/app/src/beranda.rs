//! What the home page tells someone on election day about their area:
//! how many TPS are in, checked, in dispute, flagged, still without a
//! saksi, and where the quick count stands. Every figure is read from the
//! same totals the results pages use, so the home never disagrees with
//! the page it links to.

use posko_domain::{Izin, KodeWilayah, Objek, diizinkan};
use posko_storage::Wilayah;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{AppError, Masuk, Posko, Result};

/// Election day in one area, for the home page.
#[derive(Debug, Clone)]
pub struct RingkasanHariH {
    pub wilayah: Wilayah,
    pub jumlah_tps: u64,
    pub tps_masuk: u64,
    pub tps_terverifikasi: u64,
    /// Readings disagree: a supervisor must decide.
    pub tps_bermasalah: u64,
    /// Forms that break an arithmetic rule.
    pub tps_bertanda: u64,
    /// In, but neither verified nor in dispute: what verifiers still read.
    pub antrean: u64,
    pub tps_tanpa_saksi: u64,
    /// The quick count's sampled TPS (in, drawn), when a sample is drawn
    /// and the person may see it.
    pub sampel: Option<(u64, u64)>,
    /// When quick-count figures may be published.
    pub akhir_embargo: Option<OffsetDateTime>,
}

impl Posko {
    /// The election-day summary of `kode` in election `pemilihan_id`, for
    /// someone who may see results there.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ringkasan_hari_h(
        &self,
        m: &Masuk,
        pemilihan_id: Uuid,
        kode: KodeWilayah,
    ) -> Result<RingkasanHariH> {
        let peran = &m.pengguna.penugasan;
        if !diizinkan(peran, Izin::LihatHasil, &Objek::Wilayah(kode)) {
            return Err(AppError::Dilarang(format!(
                "Anda tidak berwenang melihat hasil di {kode}"
            )));
        }
        let (pemilihan, paslon) = self.pemilihan_dengan_paslon(pemilihan_id).await?;
        if !pemilihan.wilayah.mencakup(&kode) {
            return Err(AppError::NotFound(format!(
                "wilayah {kode} dalam {}",
                pemilihan.nama
            )));
        }
        let sini = [kode];
        let (wilayah, rekap, dpt, saksi) = tokio::try_join!(
            self.store.ambil_wilayah(kode),
            self.store
                .daftar_rekap_hasil(pemilihan_id, &sini, paslon.len()),
            self.store.ambil_rekap_dpt(Some(kode)),
            self.store.hitung_saksi_per_tps(kode),
        )?;
        let wilayah = wilayah.ok_or_else(|| AppError::NotFound(format!("wilayah {kode}")))?;
        let rekap = rekap.into_iter().next().unwrap_or_default();
        // The quick count is campaign-wide: only for those who may see it.
        let hitung_cepat = diizinkan(peran, Izin::LihatHitungCepat, &Objek::Global);
        let sampel = if hitung_cepat {
            match self.store.ambil_sampel(pemilihan_id).await? {
                Some((s, _)) => {
                    let kode_sampel: Vec<_> = s
                        .tps
                        .iter()
                        .filter_map(|t| posko_domain::KodeTps::parse(&t.kode).ok())
                        .collect();
                    let masuk = self
                        .store
                        .daftar_hasil_tps(pemilihan_id, &kode_sampel)
                        .await?
                        .len() as u64;
                    Some((masuk, s.tps.len() as u64))
                }
                None => None,
            }
        } else {
            None
        };
        Ok(RingkasanHariH {
            wilayah,
            jumlah_tps: dpt.jumlah_tps,
            tps_masuk: rekap.tps_masuk,
            tps_terverifikasi: rekap.tps_terverifikasi,
            tps_bermasalah: rekap.tps_bermasalah,
            tps_bertanda: rekap.tps_bertanda,
            antrean: rekap
                .tps_masuk
                .saturating_sub(rekap.tps_terverifikasi + rekap.tps_bermasalah),
            tps_tanpa_saksi: dpt.jumlah_tps.saturating_sub(saksi.len() as u64),
            akhir_embargo: sampel
                .is_some()
                .then(|| posko_domain::hitung_cepat::akhir_embargo(pemilihan.tanggal)),
            sampel,
        })
    }
}
