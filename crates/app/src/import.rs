//! Importing region codes and TPS lists: read and check the whole file
//! first, then write everything in one transaction or nothing at all.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use posko_domain::{KodeWilayah, Tingkat};
use posko_import::{EncodingChoice, ImportOptions, Parsed, Problem};
use posko_storage::{ImportCounts, KolomTps, Tps, Wilayah};
use serde::Serialize;

use posko_domain::Jejak;

use crate::{Aktor, Posko, Result};

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportRequest {
    /// Import the good rows of a file that has bad ones (and report them).
    pub skip_invalid: bool,
    pub encoding: EncodingChoice,
}

/// What an import did, for the CLI, the web and the audit trail.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub rows_read: u64,
    pub rows_valid: u64,
    /// Rows with at least one problem (a row can have several problems).
    pub rows_bermasalah: u64,
    pub problems: Vec<String>,
    /// Rows loaded but flagged (file, line, column, reason), kept out of
    /// the statistics they would distort.
    pub ditandai: Vec<String>,
    /// Rows flagged (a row can be flagged for several reasons).
    pub rows_ditandai: u64,
    pub notices: Vec<String>,
    /// False when problems stopped the import: nothing was written.
    pub applied: bool,
    pub counts: ImportCounts,
    /// Stored rows whose field changed, per field (named as the summary
    /// names it), for importers that update stored rows field by field.
    pub berubah_per_kolom: Vec<(&'static str, u64)>,
}

impl ImportReport {
    pub(crate) fn from_parsed<T>(
        file: &Path,
        parsed: &Parsed<T>,
        problems: &[Problem],
        valid: u64,
    ) -> ImportReport {
        // A problem with no line is about the whole file, not a row.
        let baris = |p: &[Problem]| {
            p.iter()
                .filter_map(|p| p.line)
                .collect::<HashSet<u64>>()
                .len() as u64
        };
        ImportReport {
            file: file.display().to_string(),
            rows_read: parsed.lines_read,
            rows_valid: valid,
            rows_bermasalah: baris(problems),
            problems: problems.iter().map(|p| p.to_string()).collect(),
            ditandai: parsed.ditandai.iter().map(|p| p.to_string()).collect(),
            rows_ditandai: baris(&parsed.ditandai),
            notices: parsed.notices.clone(),
            applied: false,
            counts: ImportCounts::default(),
            berubah_per_kolom: Vec::new(),
        }
    }

    /// One-paragraph summary in Bahasa Indonesia. Rows and problems are
    /// counted apart: one row can have several problems.
    pub fn summary(&self) -> String {
        let bermasalah = self.bermasalah();
        let ditandai = match (self.rows_ditandai, self.ditandai.len() as u64) {
            (_, 0) => String::new(),
            (baris, alasan) if baris == alasan => {
                format!("; {baris} baris ditandai (dimuat, tidak dipakai untuk statistik)")
            }
            (baris, alasan) => format!(
                "; {baris} baris ditandai, {alasan} alasan (dimuat, tidak dipakai untuk statistik)"
            ),
        };
        if self.applied {
            let per_kolom = if self.berubah_per_kolom.is_empty() || self.counts.berubah == 0 {
                String::new()
            } else {
                let k: Vec<String> = self
                    .berubah_per_kolom
                    .iter()
                    // Only the fields that moved: "2000 berubah (alamat 2000)".
                    .filter(|(_, n)| *n > 0)
                    .map(|(nama, n)| format!("{nama} {n}"))
                    .collect();
                format!(" ({})", k.join("; "))
            };
            let mut s = format!(
                "{}: {} baris dibaca, {} baru, {} berubah{per_kolom}, {} sama",
                self.file, self.rows_read, self.counts.baru, self.counts.berubah, self.counts.sama
            );
            if !self.problems.is_empty() {
                s.push_str(&format!("; {bermasalah} dilewati"));
            }
            s.push_str(&ditandai);
            s
        } else {
            format!(
                "{}: {bermasalah}; tidak ada yang diimpor (perbaiki berkas, atau pakai --skip-invalid untuk mengimpor {} baris yang sah saja){ditandai}",
                self.file, self.rows_valid
            )
        }
    }

    /// "864 baris bermasalah (868 masalah)"; one count when they are equal.
    fn bermasalah(&self) -> String {
        let (baris, masalah) = (self.rows_bermasalah, self.problems.len() as u64);
        if baris == masalah {
            format!("{baris} baris bermasalah")
        } else {
            format!("{baris} baris bermasalah ({masalah} masalah)")
        }
    }
}

pub(crate) fn options(req: &ImportRequest) -> ImportOptions {
    ImportOptions {
        encoding: req.encoding,
    }
}

impl Posko {
    /// Imports Kemendagri region codes (any of the wilayah CSV layouts).
    /// Every region's parent must be in the file or already stored.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn import_wilayah(
        &self,
        aktor: &Aktor,
        path: &Path,
        req: ImportRequest,
    ) -> Result<ImportReport> {
        let path_buf = path.to_path_buf();
        let opts = options(&req);
        let parsed = crate::latar::kerja("membaca berkas wilayah", move || {
            posko_import::read_wilayah(&path_buf, &opts)
        })
        .await??;
        let mut problems = parsed.problems.clone();
        let in_file: HashSet<KodeWilayah> = parsed.rows.iter().map(|r| r.value.kode).collect();
        let mut stored: HashMap<Tingkat, HashSet<KodeWilayah>> = HashMap::new();
        for t in [Tingkat::Provinsi, Tingkat::Kabkota, Tingkat::Kecamatan] {
            stored.insert(t, self.store.daftar_kode_wilayah(t).await?);
        }
        let file_label = file_name(path);
        let mut rows = Vec::with_capacity(parsed.rows.len());
        for r in &parsed.rows {
            let w = &r.value;
            if let Some(induk) = w.kode.induk()
                && !in_file.contains(&induk)
                && !stored[&induk.tingkat()].contains(&induk)
            {
                problems.push(Problem {
                    file: file_label.clone(),
                    line: Some(r.line),
                    column: Some(parsed.column("kode")),
                    reason: format!(
                        "wilayah induk {induk} dari {} tidak ada di berkas maupun di basis data",
                        w.kode
                    ),
                });
                continue;
            }
            rows.push((
                r.line,
                Wilayah {
                    kode: w.kode,
                    nama: w.nama.clone(),
                    jenis_desa: w.jenis_desa,
                },
            ));
        }
        // A region whose parent was itself rejected cannot go in either.
        let kolom = parsed.column("kode");
        let rows = drop_orphans(rows, &stored, &mut problems, &file_label, &kolom);
        sort_problems(&mut problems);
        let mut report = ImportReport::from_parsed(path, &parsed, &problems, rows.len() as u64);
        if !problems.is_empty() && !req.skip_invalid {
            return Ok(report);
        }
        let jejak = import_jejak(aktor, "import.wilayah", path, &report, rows.len()).await?;
        report.counts = self.store.simpan_wilayah(&rows, &jejak).await?;
        report.applied = true;
        tracing::info!(file = %report.file, ?report.counts, "wilayah diimpor");
        Ok(report)
    }

    /// Imports a TPS list (with or without DPT counts). Every desa must
    /// already be stored: import the region codes first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn import_tps(
        &self,
        aktor: &Aktor,
        path: &Path,
        req: ImportRequest,
    ) -> Result<ImportReport> {
        let path_buf = path.to_path_buf();
        let opts = options(&req);
        let parsed = crate::latar::kerja("membaca berkas TPS", move || {
            posko_import::read_tps(&path_buf, &opts)
        })
        .await??;
        let desa = self.store.daftar_kode_wilayah(Tingkat::Desa).await?;
        let file_label = file_name(path);
        let mut problems = parsed.problems.clone();
        let mut rows = Vec::with_capacity(parsed.rows.len());
        for r in &parsed.rows {
            let t = &r.value;
            if !desa.contains(&t.kode.desa()) {
                let column = if parsed.columns.contains_key("kode_desa") {
                    parsed.column("kode_desa")
                } else {
                    parsed.column("kode_tps")
                };
                problems.push(Problem {
                    file: file_label.clone(),
                    line: Some(r.line),
                    column: Some(column),
                    reason: format!(
                        "kode desa {} tidak dikenal; impor kode wilayah terlebih dahulu (posko import wilayah)",
                        t.kode.desa()
                    ),
                });
                continue;
            }
            rows.push(Tps {
                kode: t.kode,
                dpt: t.dpt,
                alamat: t.alamat.clone(),
                lokasi: t.lokasi,
            });
        }
        sort_problems(&mut problems);
        let mut report = ImportReport::from_parsed(path, &parsed, &problems, rows.len() as u64);
        if !problems.is_empty() && !req.skip_invalid {
            return Ok(report);
        }
        let jejak = import_jejak(aktor, "import.tps", path, &report, rows.len()).await?;
        // A column the file does not have leaves the stored value alone.
        let ada = |k: &str| parsed.columns.contains_key(k);
        let kolom = KolomTps {
            dpt_laki: ada("dpt_laki"),
            dpt_perempuan: ada("dpt_perempuan"),
            dpt_total: ada("dpt_total"),
            alamat: ada("alamat"),
            lokasi: ada("lat") || ada("lng"),
        };
        let hasil = self.store.simpan_tps_kolom(&rows, &kolom, &jejak).await?;
        report.counts = hasil.counts;
        let p = hasil.perubahan;
        report.berubah_per_kolom = vec![
            ("DPT L/P", p.dpt_lp),
            ("DPT total", p.dpt_total),
            ("alamat", p.alamat),
            ("lokasi", p.lokasi),
        ];
        report.applied = true;
        tracing::info!(file = %report.file, ?report.counts, "TPS diimpor");
        Ok(report)
    }
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// By line, with problems that have no line (file-wide) last.
pub(crate) fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by_key(|p| (p.line.is_none(), p.line));
}

fn drop_orphans(
    mut rows: Vec<(u64, Wilayah)>,
    stored: &HashMap<Tingkat, HashSet<KodeWilayah>>,
    problems: &mut Vec<Problem>,
    file_label: &str,
    kolom: &str,
) -> Vec<Wilayah> {
    rows.sort_by_key(|(_, w)| w.kode);
    let mut accepted: HashSet<KodeWilayah> = HashSet::new();
    let mut out = Vec::with_capacity(rows.len());
    for (line, w) in rows {
        let ok = match w.kode.induk() {
            None => true,
            Some(induk) => accepted.contains(&induk) || stored[&induk.tingkat()].contains(&induk),
        };
        if ok {
            accepted.insert(w.kode);
            out.push(w);
        } else {
            problems.push(Problem {
                file: file_label.to_string(),
                line: Some(line),
                column: Some(kolom.to_string()),
                reason: format!("{} dilewati karena wilayah induknya ditolak", w.kode),
            });
        }
    }
    out
}

/// The audit entry of an import: the file's name and its SHA-256, so the
/// exact file can be matched later.
pub(crate) async fn import_jejak(
    aktor: &Aktor,
    aksi: &str,
    path: &Path,
    report: &ImportReport,
    rows: usize,
) -> Result<Jejak> {
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|e| crate::AppError::Invalid(format!("{}: {e}", path.display())))?;
    Ok(Jejak::new(
        aktor.as_str(),
        aksi,
        "berkas",
        file_name(path),
        format!(
            "{rows} baris diimpor, {} baris bermasalah dilewati, {} baris ditandai",
            report.rows_bermasalah, report.rows_ditandai
        ),
        &bytes,
    ))
}
