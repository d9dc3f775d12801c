//! The quick count as the campaign runs it: the manager previews a design
//! (expected margin before anything is drawn), draws the sample once from
//! a seed that goes into the audit log, and watches the estimate as sampled
//! TPS report. The estimate is internal until the legal embargo ends; any
//! view meant for outside eyes is refused before then.

use std::sync::Arc;

use posko_domain::hitung_cepat::{
    self as hc, Alokasi, DesainSampel, Kerangka, LaporanTps, Sampel, Sebaran, Stratifikasi,
    Taksiran, TitikLintasan, TpsPopulasi,
};
use posko_domain::{Jejak, KodeTps, KodeWilayah};
use posko_storage::{Paslon, Pemilihan};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// The clock the embargo is checked against; tests set their own.
pub type Jam = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// A drift point every this many reports (and one after the last).
const LANGKAH_LINTASAN: usize = 50;

/// TPS read per page while building the sampling frame.
const HALAMAN_TPS: u32 = 20_000;

impl From<hc::GalatHitungCepat> for AppError {
    fn from(e: hc::GalatHitungCepat) -> AppError {
        AppError::Invalid(e.to_string())
    }
}

/// Fewer TPS of history than this in the election's region say too little
/// about its spread; the usual assumption is used instead.
pub const MIN_TPS_RIWAYAT: usize = 30;

/// What a design would give, shown before anything is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct PratinjauSampel {
    pub jumlah_tps: u32,
    pub jumlah_strata: usize,
    /// The sample size: as asked, or the smallest meeting the target margin.
    pub ukuran: u32,
    /// The smallest sample that gives every stratum two TPS.
    pub ukuran_minimum: u32,
    /// Expected 95 % margin of a paslon's share (a fraction, 0.01 = 1 point),
    /// assuming a between-TPS spread of [`hc::SEBARAN_ANTAR_TPS_BAWAAN`], or
    /// the spread of the followed candidate's share in the imported history.
    pub margin: f64,
    /// The history the spread came from ("Pilpres 2019: 29.063 TPS"), when
    /// one with the followed candidate's votes covers the election's region.
    pub riwayat: Option<String>,
}

/// The quick count of an election as it stands.
#[derive(Debug, Clone)]
pub struct HitungCepat {
    pub pemilihan: Pemilihan,
    pub paslon: Vec<Paslon>,
    pub sampel: Sampel,
    /// Each stratum's region name, in the order of `sampel.strata` (the
    /// key itself when it names no stored region).
    pub nama_strata: Vec<String>,
    /// When the sample was drawn (unix seconds).
    pub ditarik: i64,
    pub taksiran: Taksiran,
    /// The election's win rule, and the estimate read by it: each paslon's
    /// probability of passing its threshold (or of leading), and what
    /// follows (a winner, a second round, a new election, or not yet).
    pub penilaian: hc::PenilaianAturan,
    /// The estimate as reports arrived, oldest first.
    pub lintasan: Vec<TitikLintasan>,
    /// When the estimate was made, by Posko's clock.
    pub waktu: OffsetDateTime,
    /// When the figures may be published (15:00 WIB on election day).
    pub akhir_embargo: OffsetDateTime,
    pub boleh_dipublikasikan: bool,
}

pub(crate) fn jam_sistem() -> Jam {
    Arc::new(OffsetDateTime::now_utc)
}

impl Posko {
    /// Sets the clock the embargo is checked against (tests).
    pub fn with_jam(mut self, jam: Jam) -> Posko {
        self.jam = jam;
        self
    }

    /// Every TPS of the election's region, as the sampling frame reads them.
    async fn populasi(&self, p: &Pemilihan) -> Result<Vec<TpsPopulasi>> {
        let mut out = Vec::new();
        let mut after: Option<KodeTps> = None;
        loop {
            let page = self
                .store
                .daftar_tps_di(p.wilayah, after, HALAMAN_TPS)
                .await?;
            let n = page.len();
            after = page.last().map(|t| t.kode);
            out.extend(page.into_iter().map(|t| TpsPopulasi {
                kode: t.kode.undotted(),
                kode_desa: t.kode.desa().undotted(),
                dpt: t.dpt.total().unwrap_or(0),
            }));
            if n < HALAMAN_TPS as usize {
                return Ok(out);
            }
        }
    }

    /// The expected margin of a design, and the sample size: `ukuran` as
    /// given, or the smallest meeting `target_margin` (a fraction).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pratinjau_sampel(
        &self,
        pemilihan_id: Uuid,
        stratifikasi: Stratifikasi,
        alokasi: Alokasi,
        ukuran: Option<u32>,
        target_margin: Option<f64>,
    ) -> Result<PratinjauSampel> {
        let (p, _) = self.pemilihan_dengan_paslon(pemilihan_id).await?;
        let kerangka = Kerangka::susun(stratifikasi, &self.populasi(&p).await?)?;
        let (sebaran, riwayat) = self.sebaran_riwayat(&p, stratifikasi).await?;
        let ukuran = match (ukuran, target_margin) {
            (Some(n), _) => n,
            (None, Some(m)) => kerangka.ukuran_untuk_margin(alokasi, m, &sebaran)?,
            (None, None) => {
                return Err(AppError::Invalid(
                    "sebutkan ukuran sampel atau target margin of error".into(),
                ));
            }
        };
        Ok(PratinjauSampel {
            jumlah_tps: kerangka.jumlah_tps(),
            jumlah_strata: kerangka.strata().len(),
            ukuran,
            ukuran_minimum: kerangka.ukuran_minimum(),
            margin: kerangka.margin_perkiraan(alokasi, ukuran, &sebaran)?,
            riwayat,
        })
    }

    /// The between-TPS spread for an election's expected margin: from the
    /// imported history's share of the followed candidate in the election's
    /// region when it has at least [`MIN_TPS_RIWAYAT`] such TPS, otherwise
    /// the usual assumption.
    async fn sebaran_riwayat(
        &self,
        p: &Pemilihan,
        stratifikasi: Stratifikasi,
    ) -> Result<(Sebaran, Option<String>)> {
        let bawaan = Sebaran::seragam(hc::SEBARAN_ANTAR_TPS_BAWAAN);
        let Some(info) = self
            .store
            .ambil_riwayat()
            .await?
            .filter(|r| r.ada_suara_kita)
        else {
            return Ok((bawaan, None));
        };
        let tps: Vec<hc::RiwayatTps> = self
            .store
            .daftar_hasil_lalu(p.wilayah)
            .await?
            .into_iter()
            // A flagged row ("ours" above the valid votes) would make a
            // share above 1 and widen the spread for nothing.
            .filter(|h| !h.ditandai)
            .filter_map(|h| {
                let kita = h.kita?;
                (h.sah > 0).then(|| hc::RiwayatTps {
                    kode_desa: h.tps.desa().undotted(),
                    bagian: f64::from(kita) / f64::from(h.sah),
                    suara_sah: u64::from(h.sah),
                })
            })
            .collect();
        if tps.len() < MIN_TPS_RIWAYAT {
            return Ok((bawaan, None));
        }
        let sebaran = Sebaran::dari_riwayat(stratifikasi, &tps, hc::SEBARAN_ANTAR_TPS_BAWAAN);
        let asal = format!("{}: {} TPS", info.nama, tps.len());
        Ok((sebaran, Some(asal)))
    }

    /// Draws the election's sample, once: the design and seed go into the
    /// audit log with a hash of the drawn list, so anyone can redo the draw
    /// and nobody can redraw it to taste.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tarik_sampel(
        &self,
        aktor: &Aktor,
        pemilihan_id: Uuid,
        desain: DesainSampel,
    ) -> Result<Sampel> {
        let (p, _) = self.pemilihan_dengan_paslon(pemilihan_id).await?;
        if self.store.ambil_sampel(pemilihan_id).await?.is_some() {
            return Err(AppError::Konflik(format!(
                "sampel hitung cepat {} sudah ditarik; sampel tidak bisa ditarik ulang",
                p.nama
            )));
        }
        let sampel =
            Kerangka::susun(desain.stratifikasi, &self.populasi(&p).await?)?.tarik(&desain)?;
        let daftar: Vec<&str> = sampel.tps.iter().map(|t| t.kode.as_str()).collect();
        let jejak = Jejak::new(
            aktor.as_str(),
            "hitung_cepat.tarik",
            "pemilihan",
            pemilihan_id.to_string(),
            format!(
                "sampel hitung cepat {}: {} TPS, strata {:?}, alokasi {:?}, benih {}",
                p.nama,
                sampel.tps.len(),
                desain.stratifikasi,
                desain.alokasi,
                desain.benih
            ),
            daftar.join("\n").as_bytes(),
        );
        let now = (self.jam)().unix_timestamp();
        if !self
            .store
            .simpan_sampel(pemilihan_id, &sampel, now, &jejak)
            .await?
        {
            return Err(AppError::Konflik(
                "sampel hitung cepat baru saja ditarik oleh orang lain".into(),
            ));
        }
        Ok(sampel)
    }

    /// The election's sample and when it was drawn.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn sampel_hitung_cepat(&self, pemilihan_id: Uuid) -> Result<Option<(Sampel, i64)>> {
        Ok(self.store.ambil_sampel(pemilihan_id).await?)
    }

    /// The estimate from the sampled TPS that have reported (their current
    /// figures, verified where verified), with its drift in arrival order.
    /// For the campaign's own eyes: see [`Posko::hitung_cepat_publik`].
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn hitung_cepat(&self, pemilihan_id: Uuid) -> Result<HitungCepat> {
        let (pemilihan, paslon) = self.pemilihan_dengan_paslon(pemilihan_id).await?;
        // The rule the election page sets, or the law's default for it.
        let aturan = pemilihan.aturan_berlaku(paslon.len());
        let (sampel, ditarik) = self
            .store
            .ambil_sampel(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("sampel hitung cepat {}", pemilihan.nama)))?;
        let kode: Vec<KodeTps> = sampel
            .tps
            .iter()
            .filter_map(|t| KodeTps::parse(&t.kode).ok())
            .collect();
        let mut hasil = self.store.daftar_hasil_tps(pemilihan_id, &kode).await?;
        hasil.sort_by_key(|h| (h.waktu, h.tps));
        let laporan: Vec<LaporanTps> = hasil
            .into_iter()
            .map(|h| {
                let a = h.terverifikasi.unwrap_or(h.angka);
                LaporanTps {
                    kode: h.tps.undotted(),
                    suara_paslon: a.suara,
                    tidak_sah: a.tidak_sah,
                    dpt: h.dpt,
                }
            })
            .collect();
        let taksiran = hc::taksir(&sampel, &laporan)?;
        let penilaian = hc::nilai_aturan(&taksiran, aturan);
        let lintasan = if laporan.is_empty() {
            Vec::new()
        } else {
            hc::lintasan(&sampel, &laporan, LANGKAH_LINTASAN)?
        };
        let nama_strata = self.nama_strata(&sampel).await?;
        let akhir_embargo = hc::akhir_embargo(pemilihan.tanggal);
        let waktu = (self.jam)();
        Ok(HitungCepat {
            boleh_dipublikasikan: hc::boleh_dipublikasikan(pemilihan.tanggal, waktu),
            waktu,
            akhir_embargo,
            pemilihan,
            paslon,
            sampel,
            nama_strata,
            ditarik,
            taksiran,
            penilaian,
            lintasan,
        })
    }

    /// Region names of the strata: `3273` is Kota Bandung.
    async fn nama_strata(&self, sampel: &Sampel) -> Result<Vec<String>> {
        let kode: Vec<Option<KodeWilayah>> = sampel
            .strata
            .iter()
            .map(|s| {
                let k = &s.kunci;
                let bertitik = match k.len() {
                    4 => format!("{}.{}", &k[..2], &k[2..]),
                    6 => format!("{}.{}.{}", &k[..2], &k[2..4], &k[4..]),
                    _ => return None,
                };
                KodeWilayah::parse(&bertitik).ok()
            })
            .collect();
        let ada: Vec<KodeWilayah> = kode.iter().flatten().copied().collect();
        let nama: std::collections::HashMap<KodeWilayah, String> = self
            .store
            .ambil_wilayah_banyak(&ada)
            .await?
            .into_iter()
            .map(|w| (w.kode, w.nama))
            .collect();
        Ok(sampel
            .strata
            .iter()
            .zip(&kode)
            .map(|(s, k)| {
                k.and_then(|k| nama.get(&k).cloned())
                    .unwrap_or_else(|| s.kunci.clone())
            })
            .collect())
    }

    /// [`Posko::hitung_cepat`] for a view outside the campaign (a public
    /// page, an export marked for release): refused until the embargo ends.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn hitung_cepat_publik(&self, pemilihan_id: Uuid) -> Result<HitungCepat> {
        let hc = self.hitung_cepat(pemilihan_id).await?;
        if !hc.boleh_dipublikasikan {
            return Err(AppError::Dilarang(format!(
                "hasil hitung cepat baru boleh diumumkan mulai {} (15.00 WIB hari pemungutan suara)",
                crate::ekspor::wib(hc.akhir_embargo)
            )));
        }
        Ok(hc)
    }
}
