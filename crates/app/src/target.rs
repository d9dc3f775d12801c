//! Vote targets per area: what each TPS needs (from its DPT, the expected
//! turnout and the number of paslon), what supporters cover, and the gap;
//! the turnout assumed by the manager or taken from an earlier election's
//! history (imported per TPS, used per desa), saved per election.

use std::collections::HashMap;
use std::path::Path;

use posko_domain::{Asumsi, Jejak, KodeTps, KodeWilayah, Persen, Tingkat, selisih_target};
use posko_storage::{AsumsiTarget, Riwayat, SumberPartisipasi};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::import::{ImportReport, ImportRequest, import_jejak, options, sort_problems};
use crate::{Aktor, AppError, Posko, Result};

/// Targets of one area (a child region, or a TPS inside a desa).
#[derive(Debug, Clone, Serialize)]
pub struct BarisTarget {
    pub kode: String,
    pub dpt: u64,
    pub suara_sah: u64,
    pub dibutuhkan: u64,
    pub pendukung: u64,
    pub selisih: u64,
}

/// The targets under a region, and where their turnout came from.
#[derive(Debug, Clone, Serialize)]
pub struct TargetWilayah {
    /// Largest gap first.
    pub baris: Vec<BarisTarget>,
    /// TPS whose desa has history (its own turnout was used).
    pub tps_riwayat: u64,
    /// TPS that used the manager's figure.
    pub tps_tetap: u64,
}

impl Posko {
    /// Targets under `wilayah` for an election with one turnout for every
    /// TPS: per child region (per TPS inside a desa), each TPS's gap
    /// summed, sorted by gap, largest first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn target(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        partisipasi: Persen,
        target_suara: Option<Persen>,
    ) -> Result<Vec<BarisTarget>> {
        Ok(self
            .target_dengan(
                pemilihan_id,
                wilayah,
                partisipasi,
                SumberPartisipasi::Tetap,
                target_suara,
            )
            .await?
            .baris)
    }

    /// [`Posko::target`] with the turnout's source: with
    /// [`SumberPartisipasi::Riwayat`] each TPS takes its desa's valid votes
    /// ÷ DPT in the imported history, and `partisipasi` where the history
    /// has no such desa.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn target_dengan(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        partisipasi: Persen,
        sumber: SumberPartisipasi,
        target_suara: Option<Persen>,
    ) -> Result<TargetWilayah> {
        let paslon =
            u8::try_from(self.store.daftar_paslon(pemilihan_id).await?.len()).unwrap_or(u8::MAX);
        let tetap = Asumsi::new(partisipasi, paslon, target_suara).map_err(AppError::invalid)?;
        let per_desa: HashMap<KodeWilayah, Asumsi> = match sumber {
            SumberPartisipasi::Tetap => HashMap::new(),
            SumberPartisipasi::Riwayat => self
                .store
                .daftar_partisipasi_lalu(wilayah)
                .await?
                .into_iter()
                .filter_map(|d| {
                    let p = Persen::rasio(d.sah, d.dpt)?;
                    Some((d.desa, Asumsi::new(p, paslon, target_suara).ok()?))
                })
                .collect(),
        };
        let pendukung: HashMap<KodeTps, u64> = self
            .store
            .hitung_pendukung_per_tps(wilayah)
            .await?
            .into_iter()
            .collect();
        let anak = wilayah.tingkat().child();
        let mut hasil = TargetWilayah {
            baris: Vec::new(),
            tps_riwayat: 0,
            tps_tetap: 0,
        };
        let mut indeks: HashMap<String, usize> = HashMap::new();
        let mut after = None;
        loop {
            let page = self.store.daftar_tps_di(wilayah, after, 2000).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.kode);
            for t in &page {
                let kode = match anak {
                    Some(a) if wilayah.tingkat() != Tingkat::Desa => {
                        t.kode.desa().at(a).to_string()
                    }
                    _ => t.kode.to_string(),
                };
                let asumsi = match per_desa.get(&t.kode.desa()) {
                    Some(a) => {
                        hasil.tps_riwayat += 1;
                        a
                    }
                    None => {
                        hasil.tps_tetap += 1;
                        &tetap
                    }
                };
                let dpt = t.dpt.total().unwrap_or(0);
                let butuh = asumsi.suara_dibutuhkan(dpt);
                let ada = pendukung.get(&t.kode).copied().unwrap_or(0);
                let i = *indeks.entry(kode.clone()).or_insert_with(|| {
                    hasil.baris.push(BarisTarget {
                        kode,
                        dpt: 0,
                        suara_sah: 0,
                        dibutuhkan: 0,
                        pendukung: 0,
                        selisih: 0,
                    });
                    hasil.baris.len() - 1
                });
                let b = &mut hasil.baris[i];
                b.dpt += u64::from(dpt);
                b.suara_sah += u64::from(asumsi.suara_sah(dpt));
                b.dibutuhkan += u64::from(butuh);
                b.pendukung += ada;
                b.selisih += u64::from(selisih_target(butuh, ada));
            }
        }
        hasil
            .baris
            .sort_by(|a, b| b.selisih.cmp(&a.selisih).then_with(|| a.kode.cmp(&b.kode)));
        Ok(hasil)
    }

    /// The assumptions targets are computed with where nobody typed
    /// others: what the manager saved, else the defaults (turnout
    /// [`crate::PARTISIPASI_PETA`], and [`crate::TARGET_SUARA_PETA`] of the
    /// valid votes when more than two paslon run). The targets page, the
    /// war room, the map and their files all use these, so one region's
    /// "votes needed" is one number everywhere.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn asumsi_berlaku(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<(Persen, SumberPartisipasi, Option<Persen>)> {
        let paslon = self.store.daftar_paslon(pemilihan_id).await?.len();
        let bawaan_target = (paslon > 2)
            .then(|| Persen::dari_basis_poin(crate::TARGET_SUARA_PETA).expect("a valid constant"));
        Ok(match self.store.ambil_asumsi_target(pemilihan_id).await? {
            Some(a) => (
                a.partisipasi,
                a.sumber,
                a.target_suara.or(bawaan_target).filter(|_| paslon > 2),
            ),
            None => (
                Persen::dari_basis_poin(crate::PARTISIPASI_PETA).expect("a valid constant"),
                SumberPartisipasi::Tetap,
                bawaan_target,
            ),
        })
    }

    /// [`Posko::target_dengan`] under [`Posko::asumsi_berlaku`]: each TPS
    /// needs half its expected valid votes plus one (or the target share),
    /// summed per area, as the targets page computes it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn target_berlaku(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<TargetWilayah> {
        let (partisipasi, sumber, target) = self.asumsi_berlaku(pemilihan_id).await?;
        self.target_dengan(pemilihan_id, wilayah, partisipasi, sumber, target)
            .await
    }

    /// The assumptions saved for an election's targets, if any.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ambil_asumsi_target(&self, pemilihan_id: Uuid) -> Result<Option<AsumsiTarget>> {
        Ok(self.store.ambil_asumsi_target(pemilihan_id).await?)
    }

    /// Saves an election's target assumptions after checking they can
    /// give a target (a race of more than two paslon needs a vote share;
    /// turnout from history needs an imported history). `oleh` is the name
    /// pages show; the audit entry records `aktor`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_asumsi_target(
        &self,
        aktor: &Aktor,
        oleh: &str,
        pemilihan_id: Uuid,
        partisipasi: Persen,
        sumber: SumberPartisipasi,
        target_suara: Option<Persen>,
    ) -> Result<AsumsiTarget> {
        let (p, paslon) = self.pemilihan_dengan_paslon(pemilihan_id).await?;
        Asumsi::new(
            partisipasi,
            u8::try_from(paslon.len()).unwrap_or(u8::MAX),
            target_suara,
        )
        .map_err(AppError::invalid)?;
        if sumber == SumberPartisipasi::Riwayat && self.store.ambil_riwayat().await?.is_none() {
            return Err(AppError::Invalid(
                "belum ada riwayat pemilihan lalu: impor dulu dengan `posko import riwayat BERKAS --nama …`, atau pakai partisipasi tetap".into(),
            ));
        }
        let asumsi = AsumsiTarget {
            partisipasi,
            sumber,
            target_suara: target_suara.filter(|_| paslon.len() > 2),
            diubah: OffsetDateTime::now_utc().unix_timestamp(),
            oleh: oleh.to_string(),
        };
        let jejak = Jejak::new(
            aktor.as_str(),
            "target.asumsi",
            "pemilihan",
            pemilihan_id.to_string(),
            format!(
                "asumsi target {}: partisipasi {} % ({}), target suara {}",
                p.nama,
                partisipasi,
                match sumber {
                    SumberPartisipasi::Tetap => "tetap",
                    SumberPartisipasi::Riwayat => "dari riwayat per desa",
                },
                asumsi
                    .target_suara
                    .map_or("separuh + 1".to_string(), |t| format!("{t} %"))
            ),
            b"",
        );
        self.store
            .simpan_asumsi_target(pemilihan_id, &asumsi, &jejak)
            .await?;
        Ok(asumsi)
    }

    /// The imported history of an earlier election, if any.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ambil_riwayat(&self) -> Result<Option<Riwayat>> {
        Ok(self.store.ambil_riwayat().await?)
    }

    /// Imports an earlier election's per-TPS results as the history,
    /// replacing any before it: all or nothing unless `skip_invalid`.
    /// `kolom_kita` names the column of the votes the campaign follows.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn import_riwayat(
        &self,
        aktor: &Aktor,
        path: &Path,
        nama: &str,
        kolom_kita: Option<&str>,
        req: ImportRequest,
    ) -> Result<ImportReport> {
        let nama = nama.trim();
        if nama.is_empty() {
            return Err(AppError::Invalid(
                "beri nama pemilihan lalu (mis. --nama \"Pilkada 2020\")".into(),
            ));
        }
        let path_buf = path.to_path_buf();
        let opts = options(&req);
        let kolom = kolom_kita.map(str::to_string);
        let parsed = crate::latar::kerja("membaca hasil pemilihan lalu", move || {
            posko_import::read_hasil_lalu(&path_buf, kolom.as_deref(), &opts)
        })
        .await??;
        let mut problems = parsed.problems.clone();
        sort_problems(&mut problems);
        let rows: Vec<_> = parsed.rows.iter().map(|r| r.value).collect();
        let mut report = ImportReport::from_parsed(path, &parsed, &problems, rows.len() as u64);
        if !problems.is_empty() && !req.skip_invalid {
            return Ok(report);
        }
        let jejak = import_jejak(aktor, "import.riwayat", path, &report, rows.len()).await?;
        let riwayat = Riwayat {
            nama: nama.to_string(),
            berkas: crate::import::file_name(path),
            tps: rows.len() as u64,
            ada_suara_kita: rows.iter().any(|r| r.kita.is_some()),
            diimpor: OffsetDateTime::now_utc().unix_timestamp(),
        };
        self.store.ganti_riwayat(&riwayat, &rows, &jejak).await?;
        report.counts.baru = rows.len() as u64;
        report.applied = true;
        Ok(report)
    }
}
