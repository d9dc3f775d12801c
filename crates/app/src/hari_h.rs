//! Election day at the TPS beyond the result: a saksi checks in when they
//! arrive, and reports incidents; coordinators see which TPS have nobody
//! yet and what went wrong where.

use std::collections::HashSet;

use posko_domain::{Izin, Jejak, KodeTps, KodeWilayah, Objek, diizinkan};
use posko_storage::{Checkin, Insiden, Pengguna, StoreError};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// Incident categories (slug, label), the ones Bawaslu reports use most.
pub const KATEGORI_INSIDEN: &[(&str, &str)] = &[
    ("saksi_dihalangi", "Saksi dihalangi atau ditolak masuk"),
    ("intimidasi", "Intimidasi atau tekanan"),
    ("politik_uang", "Dugaan politik uang"),
    ("logistik", "Logistik: surat suara, kotak, formulir"),
    ("pemilih", "Masalah pemilih: DPT, undangan, identitas"),
    ("penghitungan", "Penghitungan suara tidak sesuai prosedur"),
    ("lain", "Lain-lain"),
];

/// TPS listed by name on the monitoring page; the rest are counted.
const TANPA_CHECKIN_MAKS: usize = 500;

/// What a coordinator watches on election morning.
#[derive(Debug, Clone)]
pub struct PantauanHariH {
    pub jumlah_tps: u64,
    pub tps_checkin: u64,
    /// TPS nobody has checked in at, in code order (at most 500 listed).
    pub tanpa_checkin: Vec<KodeTps>,
    pub insiden: Vec<Insiden>,
}

fn boleh(oleh: &Pengguna, tps: KodeTps) -> Result<()> {
    if diizinkan(&oleh.penugasan, Izin::IsianHasil, &Objek::Tps(tps)) {
        Ok(())
    } else {
        Err(AppError::Dilarang(format!(
            "Anda tidak bertugas di TPS {tps}"
        )))
    }
}

fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound(m) => AppError::NotFound(m),
        other => other.into(),
    }
}

impl Posko {
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn checkin(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        tps: KodeTps,
        lokasi: Option<(f64, f64)>,
    ) -> Result<Checkin> {
        boleh(oleh, tps)?;
        if let Some((lat, lng)) = lokasi
            && !((-11.0..=6.0).contains(&lat) && (94.0..=142.0).contains(&lng))
        {
            return Err(AppError::Invalid(
                "lokasi di luar Indonesia; kirim tanpa lokasi bila GPS belum siap".into(),
            ));
        }
        let c = Checkin {
            id: Uuid::now_v7(),
            pemilihan_id,
            tps,
            pengirim_id: oleh.id,
            pengirim: oleh.username.clone(),
            waktu: OffsetDateTime::now_utc().unix_timestamp(),
            lokasi,
        };
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "hari_h.checkin",
            "tps",
            tps.to_string(),
            format!("{} hadir di TPS {tps}", oleh.username),
            &serde_json::to_vec(&c)
                .map_err(|e| AppError::internal("menulis isi jejak audit", e))?,
        );
        self.store
            .catat_checkin(&c, &jejak)
            .await
            .map_err(not_found)?;
        Ok(c)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn lapor_insiden(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        tps: KodeTps,
        kategori: &str,
        teks: &str,
        foto: Vec<String>,
    ) -> Result<Insiden> {
        boleh(oleh, tps)?;
        if !KATEGORI_INSIDEN.iter().any(|(k, _)| *k == kategori) {
            let daftar: Vec<&str> = KATEGORI_INSIDEN.iter().map(|(k, _)| *k).collect();
            return Err(AppError::Invalid(format!(
                "kategori '{kategori}' tidak dikenal; pilih {}",
                daftar.join(", ")
            )));
        }
        let teks = teks.split_whitespace().collect::<Vec<_>>().join(" ");
        if teks.is_empty() || teks.chars().count() > 2000 {
            return Err(AppError::Invalid(
                "ceritakan kejadiannya (1–2000 karakter)".into(),
            ));
        }
        for h in &foto {
            if !self.foto_ada(h).await? {
                return Err(AppError::Invalid(format!("foto {h} belum diunggah")));
            }
        }
        let i = Insiden {
            id: Uuid::now_v7(),
            pemilihan_id,
            tps,
            pengirim_id: oleh.id,
            pengirim: oleh.username.clone(),
            waktu: OffsetDateTime::now_utc().unix_timestamp(),
            kategori: kategori.to_string(),
            teks,
            foto,
        };
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "hari_h.insiden",
            "tps",
            tps.to_string(),
            format!(
                "insiden {} di TPS {tps} dilaporkan {}",
                i.kategori, oleh.username
            ),
            &serde_json::to_vec(&i)
                .map_err(|e| AppError::internal("menulis isi jejak audit", e))?,
        );
        self.store
            .catat_insiden(&i, &jejak)
            .await
            .map_err(not_found)?;
        Ok(i)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pantauan_hari_h(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<PantauanHariH> {
        let hadir: HashSet<KodeTps> = self
            .store
            .daftar_checkin_di(pemilihan_id, wilayah)
            .await?
            .into_iter()
            .map(|c| c.tps)
            .collect();
        let mut jumlah_tps = 0u64;
        let mut tanpa_checkin = Vec::new();
        let mut after = None;
        loop {
            let page = self.store.daftar_tps_di(wilayah, after, 10_000).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.kode);
            for t in &page {
                jumlah_tps += 1;
                if !hadir.contains(&t.kode) && tanpa_checkin.len() < TANPA_CHECKIN_MAKS {
                    tanpa_checkin.push(t.kode);
                }
            }
        }
        Ok(PantauanHariH {
            jumlah_tps,
            tps_checkin: hadir.len() as u64,
            tanpa_checkin,
            insiden: self
                .store
                .daftar_insiden_di(pemilihan_id, wilayah, 100)
                .await?,
        })
    }
}
