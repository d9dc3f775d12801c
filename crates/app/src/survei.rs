//! The doorstep survey per election: the questions a campaign asks (the
//! built-in three until it sets its own), managed by those who manage the
//! election; which election's questions a TPS asks; and the answers
//! counted per area.

use std::collections::HashMap;

use posko_domain::kunjungan::{IsianPertanyaan, PertanyaanSurvei, survei_bawaan};
use posko_domain::{Izin, Jejak, KodeTps, KodeWilayah, Objek, diizinkan};
use posko_storage::{Pemilihan, Pengguna};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// An election's questions as its survey asks them.
#[derive(Debug, Clone, Serialize)]
pub struct SurveiPemilihan {
    pub pemilihan: Option<Pemilihan>,
    /// Retired ones included (see [`PertanyaanSurvei::aktif`]).
    pub pertanyaan: Vec<PertanyaanSurvei>,
    /// No question of its own is stored: the built-in ones.
    pub bawaan: bool,
}

impl SurveiPemilihan {
    /// The questions still asked.
    pub fn aktif(&self) -> impl Iterator<Item = &PertanyaanSurvei> {
        self.pertanyaan.iter().filter(|q| q.aktif)
    }
}

/// The answers to one question in an area.
#[derive(Debug, Clone, Serialize)]
pub struct RingkasanPertanyaan {
    pub pertanyaan: PertanyaanSurvei,
    /// (answer code, label, count) for every option, in the question's order.
    pub jawaban: Vec<(String, String, u64)>,
    pub jumlah: u64,
}

impl Posko {
    /// The questions of an election: its own, or the built-in ones.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn survei_pemilihan(&self, pemilihan_id: Uuid) -> Result<SurveiPemilihan> {
        let p = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))?;
        let milik = self.store.daftar_pertanyaan_survei(p.id).await?;
        Ok(SurveiPemilihan {
            pemilihan: Some(p),
            bawaan: milik.is_empty(),
            pertanyaan: if milik.is_empty() {
                survei_bawaan()
            } else {
                milik
            },
        })
    }

    /// The survey asked at a TPS: that of the latest election whose region
    /// holds it (a campaign runs one race per area; the target page picks
    /// the same one by default), or the built-in one when none does.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn survei_tps(&self, tps: KodeTps) -> Result<SurveiPemilihan> {
        let desa = tps.desa();
        let p = self
            .store
            .daftar_pemilihan()
            .await?
            .into_iter()
            .filter(|p| p.wilayah.mencakup(&desa))
            .max_by_key(|p| (p.tanggal, p.id));
        match p {
            Some(p) => self.survei_pemilihan(p.id).await,
            None => Ok(SurveiPemilihan {
                pemilihan: None,
                pertanyaan: survei_bawaan(),
                bawaan: true,
            }),
        }
    }

    async fn survei_dikelola(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<(Pemilihan, Vec<PertanyaanSurvei>)> {
        let s = self.survei_pemilihan(pemilihan_id).await?;
        let p = s.pemilihan.expect("an election's survey names it");
        if !diizinkan(
            &oleh.penugasan,
            Izin::KelolaPemilihan,
            &Objek::Wilayah(p.wilayah),
        ) {
            return Err(AppError::Dilarang(format!(
                "pertanyaan survei {} hanya diatur pengelola pemilihan itu",
                p.nama
            )));
        }
        Ok((p, s.pertanyaan))
    }

    async fn simpan_survei(
        &self,
        oleh: &Pengguna,
        p: &Pemilihan,
        rows: &[PertanyaanSurvei],
        ringkas: String,
    ) -> Result<()> {
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "survei.ubah",
            "pemilihan",
            p.id.to_string(),
            format!("survei {}: {ringkas}", p.nama),
            rows.iter()
                .map(|q| format!("{}:{}", q.kode, q.aktif))
                .collect::<Vec<_>>()
                .join(";")
                .as_bytes(),
        );
        self.store
            .ganti_pertanyaan_survei(
                p.id,
                rows,
                OffsetDateTime::now_utc().unix_timestamp(),
                &jejak,
            )
            .await?;
        Ok(())
    }

    /// Adds a question to an election's survey, or rewrites the one with
    /// the same code (keeping whether it is retired). The first change to
    /// an election still on the built-in questions starts from them, so
    /// they stay asked unless retired.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_pertanyaan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        isian: &IsianPertanyaan<'_>,
    ) -> Result<PertanyaanSurvei> {
        let (p, mut rows) = self.survei_dikelola(oleh, pemilihan_id).await?;
        let mut q = PertanyaanSurvei::parse(isian).map_err(AppError::invalid)?;
        let ringkas = match rows.iter_mut().find(|r| r.kode == q.kode) {
            Some(ada) => {
                q.aktif = ada.aktif;
                *ada = q.clone();
                format!("pertanyaan '{}' diubah", q.kode)
            }
            None => {
                rows.push(q.clone());
                format!("pertanyaan '{}' ditambah", q.kode)
            }
        };
        self.simpan_survei(oleh, &p, &rows, ringkas).await?;
        Ok(q)
    }

    /// Retires a question (no longer asked; its answers stay stored and
    /// counted) or asks it again.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ubah_status_pertanyaan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        kode: &str,
        aktif: bool,
    ) -> Result<()> {
        let (p, mut rows) = self.survei_dikelola(oleh, pemilihan_id).await?;
        let Some(q) = rows.iter_mut().find(|r| r.kode == kode) else {
            return Err(AppError::NotFound(format!(
                "pertanyaan '{kode}' di survei {}",
                p.nama
            )));
        };
        q.aktif = aktif;
        if !rows.iter().any(|q| q.aktif) {
            return Err(AppError::Invalid(
                "survei perlu paling sedikit satu pertanyaan yang masih ditanyakan".into(),
            ));
        }
        let ringkas = format!(
            "pertanyaan '{kode}' {}",
            if aktif {
                "ditanyakan lagi"
            } else {
                "dipensiunkan"
            }
        );
        self.simpan_survei(oleh, &p, &rows, ringkas).await
    }

    /// Every answer given under `wilayah` to each question of an election
    /// (retired ones too), per option; for those who may see the area's
    /// supporters.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ringkasan_survei(
        &self,
        oleh: &Pengguna,
        wilayah: KodeWilayah,
        pemilihan_id: Uuid,
    ) -> Result<Vec<RingkasanPertanyaan>> {
        if !diizinkan(
            &oleh.penugasan,
            Izin::KelolaPendukung,
            &Objek::Wilayah(wilayah),
        ) {
            return Err(AppError::Dilarang(format!(
                "wilayah {wilayah} di luar wilayah tugas Anda"
            )));
        }
        let survei = self.survei_pemilihan(pemilihan_id).await?;
        let mut n: HashMap<(String, String), u64> = HashMap::new();
        for (k, j, c) in self.store.hitung_jawaban_survei(wilayah).await? {
            n.insert((k, j), c);
        }
        Ok(survei
            .pertanyaan
            .into_iter()
            .map(|q| {
                let jawaban: Vec<(String, String, u64)> = q
                    .pilihan
                    .iter()
                    .map(|p| {
                        let c = n
                            .get(&(q.kode.clone(), p.kode.clone()))
                            .copied()
                            .unwrap_or(0);
                        (p.kode.clone(), p.label.clone(), c)
                    })
                    .collect();
                RingkasanPertanyaan {
                    jumlah: jawaban.iter().map(|j| j.2).sum(),
                    jawaban,
                    pertanyaan: q,
                }
            })
            .collect())
    }
}
