//! The RKDK bank statement reconciled against the ledger: read through
//! `posko-import`'s reader (CSV in either Indonesian bank layout, or the
//! first sheet of a spreadsheet) with its ceilings, so a hostile file is
//! refused as any import's is; then the domain's statement rules and its
//! matching. Nothing is stored.

use std::path::Path;

use posko_domain::Izin;
use posko_domain::dana::{
    BarisMutasi, HasilRekonsiliasi, Periode, Rekening, baca_baris_mutasi, rekonsiliasi,
};
use posko_import::{FileError, ImportOptions, Problem};
use posko_storage::{EntriDana, Pengguna, SaringDana};
use serde::Serialize;
use uuid::Uuid;

use super::ke_domain;
use crate::{AppError, Posko, Result};

/// A statement reconciled: its lines, the pairs, and the ledger entries
/// left without a line.
#[derive(Debug, Clone, Serialize)]
pub struct HasilImporMutasi {
    pub berkas: String,
    pub mutasi: Vec<BarisMutasi>,
    pub rekonsiliasi: HasilRekonsiliasi,
    /// The RKDK cash entries of the ledger that took part.
    pub entri_rkdk: usize,
    /// The entries of `rekonsiliasi.entri_lepas`, in that order, for
    /// showing their date, amount and description.
    #[serde(skip)]
    pub entri_lepas: Vec<EntriDana>,
}

/// A file-level refusal as one problem naming the file (and the line,
/// where a ceiling was passed at one).
fn masalah_berkas(nama: &str, e: FileError) -> Problem {
    match e {
        FileError::Limit { file, line, reason } => Problem {
            file,
            line,
            column: None,
            reason,
        },
        e => {
            let teks = e.to_string();
            // The message starts with the file's name; the problem says it.
            let reason = teks
                .split_once(": ")
                .filter(|(awal, _)| awal.ends_with(nama) || nama.ends_with(awal))
                .map(|(_, r)| r.to_string())
                .unwrap_or(teks);
            Problem {
                file: nama.to_string(),
                line: None,
                column: None,
                reason,
            }
        }
    }
}

impl Posko {
    /// Reads an RKDK bank statement from `path` (named `nama` to the
    /// person: the upload's or the command line's name, whose extension
    /// says CSV or spreadsheet) and reconciles it against the ledger's
    /// RKDK cash entries. A bad file is `Ok(Err(problems))`: every bad row
    /// with file, line and column, and nothing reconciled (a partial
    /// statement would reconcile wrongly without saying so).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn rekonsiliasi_mutasi(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        path: &Path,
        nama: &str,
    ) -> Result<std::result::Result<HasilImporMutasi, Vec<Problem>>> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::LihatDana)
            .await?;
        let tahun = match self.jadwal_dana(pemilihan_id).await? {
            Some((j, _)) => j.jendela(Periode::Lppdk).batas_penyampaian.year(),
            None => time::OffsetDateTime::now_utc().year(),
        };
        let p = path.to_path_buf();
        let tabel = match crate::latar::kerja("membaca mutasi RKDK", move || {
            posko_import::read_mentah(&p, &ImportOptions::default())
        })
        .await?
        {
            Ok(t) => t,
            Err(e) => return Ok(Err(vec![masalah_berkas(nama, e)])),
        };
        let mut masalah = tabel.problems;
        let label = tabel.label;
        let rekaman: Vec<(usize, Vec<String>)> = tabel
            .rows
            .into_iter()
            .map(|b| (b.line as usize, b.cells))
            .collect();
        let mutasi = match baca_baris_mutasi(&rekaman, ',', tahun) {
            Ok(m) => Some(m),
            Err(galat) => {
                masalah.extend(galat.into_iter().map(|g| Problem {
                    file: label.clone(),
                    line: Some(g.baris as u64),
                    column: Some(g.kolom),
                    reason: format!("'{}' — {}", g.teks, g.pesan),
                }));
                None
            }
        };
        let mutasi = match mutasi {
            Some(m) if masalah.is_empty() => m,
            _ => {
                masalah.sort_by_key(|m| m.line);
                return Ok(Err(masalah));
            }
        };
        let simpan = self
            .store
            .daftar_entri_dana(pemilihan_id, &SaringDana::default())
            .await?;
        let buku: Vec<_> = simpan.iter().map(ke_domain).collect();
        let entri_rkdk = buku.iter().filter(|e| e.rekening == Rekening::Rkdk).count();
        let rekonsiliasi = rekonsiliasi(&buku, &mutasi.baris).map_err(AppError::invalid)?;
        let per_id: std::collections::HashMap<Uuid, &EntriDana> =
            simpan.iter().map(|e| (e.id, e)).collect();
        let entri_lepas = rekonsiliasi
            .entri_lepas
            .iter()
            .filter_map(|id| per_id.get(id).map(|e| (*e).clone()))
            .collect();
        Ok(Ok(HasilImporMutasi {
            berkas: label,
            mutasi: mutasi.baris,
            rekonsiliasi,
            entri_rkdk,
            entri_lepas,
        }))
    }

    /// [`Posko::rekonsiliasi_mutasi`] for callers that print: a bad file
    /// is an error listing every problem, one a line.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn impor_mutasi_rkdk(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        path: &Path,
    ) -> Result<HasilImporMutasi> {
        let nama = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        self.rekonsiliasi_mutasi(oleh, pemilihan_id, path, &nama)
            .await?
            .map_err(|masalah| {
                AppError::invalid(
                    masalah
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            })
    }
}
