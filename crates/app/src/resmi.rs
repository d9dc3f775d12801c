//! The official count: importing the KPU's per-TPS figures and listing
//! every TPS where they differ from the campaign's own, the TPS that move
//! the most votes first, with the photos that prove it (for the objection
//! at rekapitulasi).

use std::collections::HashMap;
use std::path::Path;

use posko_domain::{Jejak, KodeTps, KodeWilayah};
use posko_import::Problem;
use posko_storage::{Angka, StatusHasil, StoreError};
use serde::Serialize;
use uuid::Uuid;

use crate::import::{ImportReport, ImportRequest, file_name, import_jejak, options, sort_problems};
use crate::{Aktor, AppError, Posko, Result};

/// One TPS where the official figures differ from ours.
#[derive(Debug, Clone, Serialize)]
pub struct SelisihResmi {
    pub tps: KodeTps,
    pub status: StatusHasil,
    /// Ours: verified figures where verified, else the saksi's latest.
    pub kita: Angka,
    pub resmi: Angka,
    /// Votes the difference moves: the sum over paslon of |ours − official|.
    pub suara_bergeser: u64,
    /// Per paslon, official minus ours (positive: the official count gives more).
    pub beda: Vec<i64>,
    pub foto: Vec<String>,
}

impl Posko {
    /// Imports the official per-TPS count of an election. Every TPS must be
    /// a known TPS inside the election's region; all or nothing unless
    /// `skip_invalid`. Re-importing the same file changes nothing.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn import_resmi(
        &self,
        aktor: &Aktor,
        pemilihan_id: Uuid,
        path: &Path,
        req: ImportRequest,
    ) -> Result<ImportReport> {
        let pemilihan = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))?;
        let n = self.store.daftar_paslon(pemilihan_id).await?.len();
        if n == 0 {
            return Err(AppError::Invalid(
                "pemilihan ini belum punya paslon; tambahkan paslon dulu".into(),
            ));
        }
        let path_buf = path.to_path_buf();
        let opts = options(&req);
        let parsed = crate::latar::kerja("membaca hasil resmi", move || {
            posko_import::read_resmi(&path_buf, n, &opts)
        })
        .await??;
        let label = file_name(path);
        let mut problems = parsed.problems.clone();
        let tps_col = if parsed.columns.contains_key("kode_tps") {
            parsed.column("kode_tps")
        } else {
            parsed.column("kode_desa")
        };
        // A file without invalid votes leaves the stored ones as they are
        // (a missing column never erases).
        let tidak_sah_lama: std::collections::HashMap<_, u64> =
            if parsed.columns.contains_key("tidak_sah") {
                Default::default()
            } else {
                self.store
                    .daftar_hasil_resmi_di(pemilihan_id, pemilihan.wilayah)
                    .await?
                    .into_iter()
                    .map(|(t, a)| (t, a.tidak_sah))
                    .collect()
            };
        let mut rows = Vec::with_capacity(parsed.rows.len());
        for r in &parsed.rows {
            let t = r.value.tps;
            let why = if !pemilihan.wilayah.mencakup(&t.desa()) {
                Some(format!("TPS {t} di luar wilayah {}", pemilihan.nama))
            } else if self.store.ambil_tps(t).await?.is_none() {
                Some(format!("TPS {t} tidak dikenal; impor daftar TPS dulu"))
            } else {
                None
            };
            if let Some(reason) = why {
                problems.push(Problem {
                    file: label.clone(),
                    line: Some(r.line),
                    column: Some(tps_col.clone()),
                    reason,
                });
                continue;
            }
            rows.push((
                t,
                Angka {
                    suara: r.value.suara.iter().map(|v| u64::from(*v)).collect(),
                    sah: u64::from(r.value.sah),
                    tidak_sah: tidak_sah_lama
                        .get(&t)
                        .copied()
                        .unwrap_or(u64::from(r.value.tidak_sah)),
                },
            ));
        }
        sort_problems(&mut problems);
        let mut report = ImportReport::from_parsed(path, &parsed, &problems, rows.len() as u64);
        if !problems.is_empty() && !req.skip_invalid {
            return Ok(report);
        }
        let jejak: Jejak = import_jejak(aktor, "import.resmi", path, &report, rows.len()).await?;
        report.counts = match self
            .store
            .simpan_hasil_resmi(pemilihan_id, &rows, &jejak)
            .await
        {
            Ok(c) => c,
            Err(StoreError::NotFound(m)) => return Err(AppError::NotFound(m)),
            Err(e) => return Err(e.into()),
        };
        report.applied = true;
        Ok(report)
    }

    /// Every TPS under `wilayah` (the whole election when None) whose
    /// official figures differ from ours, most votes moved first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_selisih(
        &self,
        pemilihan_id: Uuid,
        wilayah: Option<KodeWilayah>,
        hanya_terverifikasi: bool,
    ) -> Result<Vec<SelisihResmi>> {
        let pemilihan = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))?;
        let w = wilayah.unwrap_or(pemilihan.wilayah);
        let resmi: HashMap<KodeTps, Angka> = self
            .store
            .daftar_hasil_resmi_di(pemilihan_id, w)
            .await?
            .into_iter()
            .collect();
        let mut out = Vec::new();
        for h in self.store.daftar_hasil_di(pemilihan_id, w).await? {
            if hanya_terverifikasi && h.status != StatusHasil::Terverifikasi {
                continue;
            }
            let Some(r) = resmi.get(&h.tps) else { continue };
            let kita = h.terverifikasi.clone().unwrap_or_else(|| h.angka.clone());
            let n = kita.suara.len().max(r.suara.len());
            let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0) as i64;
            let beda: Vec<i64> = (0..n)
                .map(|i| at(&r.suara, i) - at(&kita.suara, i))
                .collect();
            let berbeda =
                beda.iter().any(|d| *d != 0) || kita.sah != r.sah || kita.tidak_sah != r.tidak_sah;
            if !berbeda {
                continue;
            }
            out.push(SelisihResmi {
                tps: h.tps,
                status: h.status,
                suara_bergeser: beda.iter().map(|d| d.unsigned_abs()).sum(),
                beda,
                resmi: r.clone(),
                kita,
                foto: Vec::new(),
            });
        }
        out.sort_by(|a, b| {
            b.suara_bergeser
                .cmp(&a.suara_bergeser)
                .then(a.tps.cmp(&b.tps))
        });
        // Photos only for what is listed (the evidence for each row).
        for s in &mut out {
            if let Some(k) = self
                .store
                .daftar_kiriman_tps(pemilihan_id, s.tps)
                .await?
                .into_iter()
                .rev()
                .find(|k| !k.foto.is_empty())
            {
                s.foto = k.foto;
            }
        }
        Ok(out)
    }
}
