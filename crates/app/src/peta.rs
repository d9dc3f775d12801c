//! Maps: importing boundary files and reading the shapes of a region's
//! children with the figures a choropleth colours them by.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use posko_domain::peta::Batas;
use posko_domain::{Jejak, KodeWilayah, Tingkat};
use posko_storage::{BatasBaris, ImportCounts, RekapDpt, Wilayah};
use serde::Serialize;

use crate::import::{ImportRequest, file_name};
use crate::{Aktor, AppError, Posko, Result};

/// What a boundary import did.
#[derive(Debug, Clone, Serialize)]
pub struct BatasReport {
    pub file: String,
    pub features_read: u64,
    /// Features whose code is a stored region (written when applied).
    pub matched: u64,
    /// Codes that read well but are not stored regions, in file order.
    pub unmatched: Vec<KodeWilayah>,
    /// Features that could not be read (bad code or geometry), by index.
    pub problems: Vec<String>,
    /// False when problems stopped the import: nothing was written.
    pub applied: bool,
    pub counts: ImportCounts,
    /// Points in the file and points kept after the light simplification.
    pub titik_asli: u64,
    pub titik_simpan: u64,
}

impl BatasReport {
    /// One-paragraph summary in Bahasa Indonesia.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{}: {} fitur dibaca, {} cocok dengan wilayah, {} tidak cocok",
            self.file,
            self.features_read,
            self.matched,
            self.unmatched.len()
        );
        if self.applied {
            s.push_str(&format!(
                "; {} baru, {} berubah, {} sama; {} titik disimpan dari {}",
                self.counts.baru,
                self.counts.berubah,
                self.counts.sama,
                self.titik_simpan,
                self.titik_asli
            ));
            if !self.problems.is_empty() {
                s.push_str(&format!("; {} fitur rusak dilewati", self.problems.len()));
            }
        } else {
            s.push_str(&format!(
                "; {} fitur rusak: tidak ada yang diimpor (perbaiki berkas, atau pakai --skip-invalid)",
                self.problems.len()
            ));
        }
        s
    }
}

/// A child region with its figures and its shape.
#[derive(Debug, Clone)]
pub struct PetaAnak {
    pub wilayah: Wilayah,
    pub rekap: RekapDpt,
    pub batas: Batas,
}

impl Posko {
    /// Imports a GeoJSON boundary file. Features whose code is not a
    /// stored region are reported as unmatched and skipped; it is an
    /// error only when none match. Unreadable features stop the import
    /// unless `skip_invalid`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn import_batas(
        &self,
        aktor: &Aktor,
        path: &Path,
        req: ImportRequest,
    ) -> Result<BatasReport> {
        let path_buf = path.to_path_buf();
        let file = crate::latar::kerja("membaca berkas batas", move || {
            posko_import::read_batas(&path_buf)
        })
        .await??;
        let tingkat: HashSet<Tingkat> = file.rows.iter().map(|r| r.batas.kode.tingkat()).collect();
        let mut known: HashMap<Tingkat, HashSet<KodeWilayah>> = HashMap::new();
        for t in tingkat {
            known.insert(t, self.store.daftar_kode_wilayah(t).await?);
        }
        let mut rows = Vec::with_capacity(file.rows.len());
        let mut unmatched = Vec::new();
        for r in file.rows {
            let kode = r.batas.kode;
            if known[&kode.tingkat()].contains(&kode) {
                rows.push(BatasBaris {
                    batas: r.batas,
                    lat: r.lat,
                    lng: r.lng,
                });
            } else {
                unmatched.push(kode);
            }
        }
        let mut report = BatasReport {
            file: file_name(path),
            features_read: file.features_read,
            matched: rows.len() as u64,
            unmatched,
            problems: file.problems.iter().map(|p| p.to_string()).collect(),
            applied: false,
            counts: ImportCounts::default(),
            titik_asli: file.titik_asli,
            titik_simpan: file.titik_simpan,
        };
        if !report.problems.is_empty() && !req.skip_invalid {
            return Ok(report);
        }
        if rows.is_empty() {
            return Err(AppError::Invalid(format!(
                "{}: tidak ada fitur yang cocok dengan wilayah yang tersimpan ({} tidak cocok); impor kode wilayah terlebih dahulu (posko import wilayah)",
                report.file,
                report.unmatched.len()
            )));
        }
        let bytes = tokio::fs::read(path)
            .await
            .map_err(|e| AppError::Invalid(format!("{}: {e}", path.display())))?;
        let jejak = Jejak::new(
            aktor.as_str(),
            "import.batas",
            "berkas",
            file_name(path),
            format!(
                "{} batas diimpor, {} tidak cocok, {} fitur rusak dilewati",
                rows.len(),
                report.unmatched.len(),
                report.problems.len()
            ),
            &bytes,
        );
        report.counts = self.store.simpan_batas(&rows, &jejak).await?;
        report.applied = true;
        tracing::info!(file = %report.file, ?report.counts, "batas diimpor");
        Ok(report)
    }

    /// The shapes of a region's children that have a boundary.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn peta_anak(&self, kode: KodeWilayah) -> Result<Vec<Batas>> {
        Ok(self.store.daftar_batas_anak(kode).await?)
    }

    /// The children of a region that have a boundary, each with its DPT
    /// totals and shape, in code order: what the choropleth draws.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn peta_anak_rekap(&self, kode: KodeWilayah) -> Result<Vec<PetaAnak>> {
        let mut batas: HashMap<KodeWilayah, Batas> = self
            .store
            .daftar_batas_anak(kode)
            .await?
            .into_iter()
            .map(|b| (b.kode, b))
            .collect();
        if batas.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self
            .store
            .daftar_anak_dengan_rekap(Some(kode))
            .await?
            .into_iter()
            .filter_map(|c| {
                let b = batas.remove(&c.wilayah.kode)?;
                Some(PetaAnak {
                    wilayah: c.wilayah,
                    rekap: c.rekap,
                    batas: b,
                })
            })
            .collect())
    }
}
