//! Importing a voter list (DPT). Unlike the other imports the rows are not
//! collected first: the file is read on a blocking thread and handed to the
//! store in batches as it is read (a province's DPT is tens of millions of
//! rows). All-or-nothing still holds, because the store's load is one
//! transaction that commits only at the end: on the first problem, unless
//! `skip_invalid`, no more rows are sent, the rest of the file is read for
//! its problems, and the load is dropped (rolled back).

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use posko_domain::{Jejak, KodeTps, Pemilih, Tingkat};
use posko_storage::{HasilMuatPemilih, MuatPemilih};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::import::{ImportRequest, file_name, options};
use crate::{Aktor, AppError, Posko, Result};

/// Rows per batch handed to the store.
pub const BATCH: usize = 8192;

/// Progress of a running import, reported after every batch.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct KemajuanDpt {
    /// Good rows read so far.
    pub baris: u64,
    /// Problems found so far.
    pub masalah: u64,
}

/// What a DPT import did.
#[derive(Debug, Clone, Serialize)]
pub struct LaporanDpt {
    pub file: String,
    pub rows_read: u64,
    pub rows_valid: u64,
    /// The first problems (at most [`posko_import::MAX_PROBLEMS`]).
    pub problems: Vec<String>,
    /// Every problem, counted.
    pub problem_count: u64,
    pub notices: Vec<String>,
    /// False when problems stopped the import: nothing was written.
    pub applied: bool,
    pub hasil: HasilMuatPemilih,
}

impl LaporanDpt {
    pub fn summary(&self) -> String {
        if self.applied {
            let mut s = format!(
                "{}: {} pemilih diimpor ke {} TPS ({} baris lama diganti)",
                self.file, self.hasil.baris, self.hasil.tps, self.hasil.diganti
            );
            if self.problem_count > 0 {
                s.push_str(&format!(
                    "; {} baris bermasalah dilewati",
                    self.problem_count
                ));
            }
            s
        } else {
            format!(
                "{}: {} baris bermasalah; tidak ada yang diimpor (perbaiki berkas, atau pakai --skip-invalid untuk mengimpor {} baris yang sah saja)",
                self.file, self.problem_count, self.rows_valid
            )
        }
    }
}

impl Posko {
    /// Imports a DPT file (CSV or spreadsheet). Every TPS must already be
    /// stored (import the TPS list first); the first unknown one is
    /// reported with its line. `progress` is called after every batch.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn import_dpt(
        &self,
        aktor: &Aktor,
        path: &Path,
        req: ImportRequest,
        progress: Arc<dyn Fn(KemajuanDpt) + Send + Sync>,
    ) -> Result<LaporanDpt> {
        let known = Arc::new(self.all_tps().await?);
        let hash = {
            let path = path.to_path_buf();
            crate::latar::kerja("menghitung SHA-256 berkas DPT", move || sha256_file(&path))
        };
        let loader = self.store.muat_pemilih().await?;
        let path_buf = path.to_path_buf();
        let opts = options(&req);
        let skip = req.skip_invalid;
        let handle = tokio::runtime::Handle::current();
        let (summary, loader, store_err) = crate::latar::kerja("membaca DPT", move || {
            let mut loader: Option<Box<dyn MuatPemilih>> = Some(loader);
            let mut store_err = None;
            let mut batch: Vec<Pemilih> = Vec::with_capacity(BATCH);
            let mut kemajuan = KemajuanDpt::default();
            let tps_ada = |k: &KodeTps| known.contains(k);
            let mut send = |batch: Vec<Pemilih>, loader: &mut Option<Box<dyn MuatPemilih>>| {
                if let Some(l) = loader.as_mut()
                    && let Err(e) = handle.block_on(l.tambah(batch))
                {
                    store_err = Some(e);
                    *loader = None;
                }
            };
            let summary = posko_import::read_dpt(&path_buf, &opts, &tps_ada, |row, problems| {
                if problems > 0 && !skip {
                    // Nothing will be written; read on only for problems.
                    batch.clear();
                    loader = None;
                    return true;
                }
                batch.push(row.value);
                if batch.len() == BATCH {
                    kemajuan.baris += BATCH as u64;
                    progress(kemajuan);
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    send(full, &mut loader);
                }
                true
            });
            if let Ok(s) = &summary {
                kemajuan.baris = s.rows_valid;
                kemajuan.masalah = s.problem_count;
                progress(kemajuan);
                if (s.problem_count == 0 || skip) && !batch.is_empty() {
                    send(std::mem::take(&mut batch), &mut loader);
                }
            }
            (summary, loader, store_err)
        })
        .await?;
        let summary = summary?;
        if let Some(e) = store_err {
            return Err(e.into());
        }
        let mut report = LaporanDpt {
            file: path.display().to_string(),
            rows_read: summary.lines_read,
            rows_valid: summary.rows_valid,
            problems: summary.problems.iter().map(|p| p.to_string()).collect(),
            problem_count: summary.problem_count,
            notices: summary.notices,
            applied: false,
            hasil: HasilMuatPemilih::default(),
        };
        // Dropping the loader rolls the load back.
        if summary.problem_count > 0 && !skip {
            report.rows_valid = summary.rows_valid;
            drop(loader);
            return Ok(report);
        }
        let loader = loader.ok_or_else(|| {
            AppError::internal("memuat DPT", "pemuat pemilih berhenti di tengah jalan")
        })?;
        let hash = hash.await??;
        let mut jejak = Jejak::new(
            aktor.as_str(),
            "import.dpt",
            "berkas",
            file_name(path),
            format!(
                "{} pemilih diimpor, {} baris bermasalah dilewati",
                summary.rows_valid, summary.problem_count
            ),
            b"",
        );
        jejak.hash_konten = hash;
        report.hasil = loader.selesai(&jejak).await?;
        report.applied = true;
        tracing::info!(file = %report.file, ?report.hasil, "DPT diimpor");
        Ok(report)
    }

    /// Every stored TPS code (≈ 820,000 nationally: a few tens of MB).
    async fn all_tps(&self) -> Result<HashSet<KodeTps>> {
        let mut out = HashSet::new();
        for prov in self.store.daftar_kode_wilayah(Tingkat::Provinsi).await? {
            let mut after = None;
            loop {
                let page = self.store.daftar_tps_di(prov, after, 10_000).await?;
                let Some(last) = page.last() else { break };
                after = Some(last.kode);
                out.extend(page.iter().map(|t| t.kode));
            }
        }
        Ok(out)
    }
}

/// SHA-256 of a file, streamed (a DPT file can be gigabytes).
fn sha256_file(path: &Path) -> Result<String> {
    let err = |e: std::io::Error| AppError::Invalid(format!("{}: {e}", path.display()));
    let mut f = std::fs::File::open(path).map_err(err)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(err)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}
