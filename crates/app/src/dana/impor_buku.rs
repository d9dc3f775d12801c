//! The treasurer's spreadsheet ledger into Posko's: every row is read
//! (`posko_import::read_buku_dana`, with the import ceilings) and checked
//! first, the file's own form and the rules that need the campaign (a
//! donor's identity as its source requires, a date the periods can place),
//! and nothing is written while any row is bad. Then each row is recorded
//! through the same use case as the web form (`catat_sumbangan`,
//! `catat_belanja`), one at a time, acting as the account given: its roles
//! decide through the policy, and each write is its own audited entry.
//!
//! Rows are written one use-case call at a time, not in one transaction
//! (each entry's place in the ledger and a donor's cap are decided by the
//! use case against what is stored). So a write that fails after the
//! check (a cap or a concurrent change) stops the import, and the result
//! says exactly which rows were written before it.

use std::path::Path;

use posko_domain::Izin;
use posko_import::{BarisDana, ImportOptions, JenisBarisDana, Located, Problem};
use posko_storage::Pengguna;
use uuid::Uuid;

use super::{
    BelanjaBaru, HasilEntriDana, IdentitasPenyumbang, PilihPenyumbang, SumbanganBaru,
    identitas_sah, periksa_bentuk,
};
use crate::{AppError, Posko, Result};

/// A row of the file recorded as a ledger entry.
#[derive(Debug, Clone)]
pub struct BarisTertulis {
    /// The row's line in the file.
    pub baris: u64,
    pub hasil: HasilEntriDana,
}

/// What an import of the treasurer's ledger did.
#[derive(Debug)]
pub enum ImporBuku {
    /// Some row is bad: every problem, and nothing written.
    Ditolak(Vec<Problem>),
    /// Every row written, in file order.
    Selesai {
        berkas: String,
        ditulis: Vec<BarisTertulis>,
    },
    /// Rows were written until the row at line `baris` was refused by the
    /// use case; `ditulis` are exactly those written before it, the rest
    /// were not tried.
    Terhenti {
        berkas: String,
        ditulis: Vec<BarisTertulis>,
        baris: u64,
        galat: AppError,
        sisa: usize,
    },
}

fn sumbangan(b: &BarisDana) -> Option<SumbanganBaru> {
    let JenisBarisDana::Penerimaan { sumber, penyumbang } = &b.jenis else {
        return None;
    };
    Some(SumbanganBaru {
        tanggal: b.tanggal,
        penyumbang: match penyumbang {
            None => PilihPenyumbang::Anonim { sumber: *sumber },
            Some(p) => PilihPenyumbang::Baru {
                sumber: *sumber,
                identitas: IdentitasPenyumbang {
                    nama: p.nama.clone(),
                    alamat: p.alamat.clone(),
                    telepon: p.telepon.clone(),
                    nik: p.nik.clone(),
                    npwp: p.npwp.clone(),
                },
            },
        },
        bentuk: b.bentuk.clone(),
        rekening: b.rekening,
        nilai: b.nilai,
        uraian: b.uraian.clone(),
        bukti: Vec::new(),
    })
}

fn belanja(b: &BarisDana) -> Option<BelanjaBaru> {
    let JenisBarisDana::Pengeluaran { kategori } = &b.jenis else {
        return None;
    };
    Some(BelanjaBaru {
        tanggal: b.tanggal,
        kategori: *kategori,
        bentuk: b.bentuk.clone(),
        rekening: b.rekening,
        nilai: b.nilai,
        uraian: b.uraian.clone(),
        bukti: Vec::new(),
    })
}

impl Posko {
    /// Reads the treasurer's ledger at `path`, checks every row, and
    /// records them all as `oleh` (see the module's comment).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn impor_buku_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        path: &Path,
    ) -> Result<ImporBuku> {
        // Refused before the file is opened: the account may not write.
        self.pemilihan_dana(oleh, pemilihan_id, Izin::CatatDana)
            .await?;
        let p = path.to_path_buf();
        let parsed = crate::latar::kerja("membaca buku dana", move || {
            posko_import::read_buku_dana(&p, &ImportOptions::default())
        })
        .await??;
        let berkas = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut masalah = parsed.problems.clone();
        // The rules that need the campaign, on every good row, before any
        // write: the same functions the use cases apply.
        let jadwal = self.jadwal_dana(pemilihan_id).await?.map(|(j, _)| j);
        let hari_ini = self.hari_ini_dana();
        let masalah_baris = |r: &Located<BarisDana>, kolom: &str, pesan: String| Problem {
            file: berkas.clone(),
            line: Some(r.line),
            column: Some(parsed.column(kolom)),
            reason: pesan,
        };
        for r in &parsed.rows {
            if let Some(j) = &jadwal
                && let Err(e) = j.tempatkan(r.value.tanggal, hari_ini)
            {
                masalah.push(masalah_baris(r, "tanggal", e.to_string()));
            }
            if let Err(e) = periksa_bentuk(&r.value.bentuk) {
                masalah.push(masalah_baris(r, "bentuk", e.to_string()));
            }
            if let JenisBarisDana::Penerimaan {
                sumber,
                penyumbang: Some(p),
            } = &r.value.jenis
            {
                let idn = IdentitasPenyumbang {
                    nama: p.nama.clone(),
                    alamat: p.alamat.clone(),
                    telepon: p.telepon.clone(),
                    nik: p.nik.clone(),
                    npwp: p.npwp.clone(),
                };
                if let Err((kolom, pesan)) = identitas_sah(*sumber, &idn) {
                    masalah.push(masalah_baris(r, kolom, pesan));
                }
            }
        }
        if !masalah.is_empty() {
            masalah.sort_by_key(|m| m.line);
            return Ok(ImporBuku::Ditolak(masalah));
        }
        if parsed.rows.is_empty() {
            return Ok(ImporBuku::Ditolak(vec![Problem {
                file: berkas,
                line: None,
                column: None,
                reason: "tidak ada baris untuk dicatat".into(),
            }]));
        }
        let jumlah = parsed.rows.len();
        let mut ditulis = Vec::with_capacity(jumlah);
        for (i, r) in parsed.rows.iter().enumerate() {
            let hasil = match (sumbangan(&r.value), belanja(&r.value)) {
                (Some(s), _) => self.catat_sumbangan(oleh, pemilihan_id, &s).await,
                (_, Some(b)) => self.catat_belanja(oleh, pemilihan_id, &b).await,
                (None, None) => unreachable!("a row is a donation or spending"),
            };
            match hasil {
                Ok(hasil) => ditulis.push(BarisTertulis {
                    baris: r.line,
                    hasil,
                }),
                // An outage or a refusal mid-way: say exactly where.
                Err(galat) => {
                    return Ok(ImporBuku::Terhenti {
                        berkas,
                        ditulis,
                        baris: r.line,
                        galat,
                        sisa: jumlah - i - 1,
                    });
                }
            }
        }
        Ok(ImporBuku::Selesai { berkas, ditulis })
    }
}
