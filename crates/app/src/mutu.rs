//! Field-data quality (`posko_domain::mutu_lapangan`): the checks made
//! when a supporter is recorded (on the NIK before it is encrypted, and
//! against the DPT), a relawan's day re-checked after each of their
//! writes, held batches listed for the coordinators above them, and their
//! decision — approve (the day counts) or roll back (its records are
//! removed) — audited.

use std::collections::BTreeMap;

use posko_domain::mutu_lapangan::{
    Lokasi, MutuCatatan, Sinyal, StatusBatch, Temuan, hari_wib, periksa_batch, periksa_gps,
    periksa_nik, status_baru,
};
use posko_domain::{Cakupan, DataPendukung, Izin, Jejak, Objek, diizinkan};
use posko_storage::{BatchLapangan, Pengguna, Relawan};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// Held batches listed per page.
pub const BATCH_SEHALAMAN: u32 = 200;

/// A held batch with who made it, for the coordinators' page and API.
#[derive(Debug, Clone, Serialize)]
pub struct BatchDitahan {
    pub batch: BatchLapangan,
    pub relawan: Relawan,
    /// The name of the relawan's territory (empty when not stored).
    pub wilayah_nama: String,
    /// The day, in WIB.
    pub tanggal: time::Date,
}

fn objek(c: &Cakupan) -> Objek {
    match c {
        Cakupan::Semua => Objek::Global,
        Cakupan::Wilayah(w) => Objek::Wilayah(*w),
        Cakupan::Tps(t) => Objek::Tps(*t),
    }
}

fn kode_temuan(t: &[Temuan]) -> String {
    if t.is_empty() {
        return "tanpa temuan".into();
    }
    t.iter()
        .map(|t| format!("{} ×{}", t.alasan.kode(), t.jumlah))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The day (WIB) `hari` counts from 1970-01-01.
pub fn tanggal_hari(hari: i64) -> time::Date {
    time::macros::date!(1970 - 01 - 01) + time::Duration::days(hari)
}

impl Posko {
    /// The checks of one supporter at recording time, on the values
    /// before the NIK is encrypted: its birth date against the one
    /// written (`tanggal_tertulis`), its kecamatan against where they
    /// live, and whether the DPT of their TPS (when loaded) lists them.
    /// Only these outcome bits are stored.
    pub(crate) async fn mutu_pendukung(
        &self,
        d: &DataPendukung,
        tanggal_tertulis: bool,
    ) -> Result<MutuCatatan> {
        let desa = d.domisili.desa();
        let mut m = match d.nik {
            Some(n) => periksa_nik(&n, d.tanggal_lahir.filter(|_| tanggal_tertulis), desa),
            None => MutuCatatan::default(),
        };
        if let (Some(tps), Some(lahir)) = (d.domisili.tps(), d.tanggal_lahir) {
            let dimuat = self
                .store
                .hitung_pemilih_per_tps(desa)
                .await?
                .iter()
                .any(|(t, n)| *t == tps && *n > 0);
            if dimuat {
                let ada = self
                    .store
                    .cari_pemilih(&d.nama, lahir, desa)
                    .await?
                    .iter()
                    .any(|v| v.tps == tps);
                m = m
                    .dengan(MutuCatatan::DPT_DIPERIKSA, true)
                    .dengan(MutuCatatan::TIDAK_DI_DPT, !ada);
            }
        }
        Ok(m)
    }

    /// GPS findings of a sync's new visits, per WIB day.
    pub(crate) fn sinyal_kunjungan(titik: &[(i64, Option<Lokasi>)]) -> BTreeMap<i64, Sinyal> {
        let mut per: BTreeMap<i64, Vec<(i64, Lokasi)>> = BTreeMap::new();
        let mut out: BTreeMap<i64, Sinyal> = BTreeMap::new();
        for (w, l) in titik {
            out.entry(hari_wib(*w)).or_default();
            if let Some(l) = l {
                per.entry(hari_wib(*w)).or_default().push((*w, *l));
            }
        }
        for (h, t) in per {
            out.entry(h).or_default().gabung(&periksa_gps(&t));
        }
        out
    }

    /// Re-checks `relawan`'s batch of day `hari` after their records
    /// changed, adding `baru` (findings of what a sync carried). Stores
    /// (audited) only when its status, findings or signals changed, so a
    /// clean day writes nothing. Returns the status.
    #[tracing::instrument(level = "debug", skip_all)]
    pub(crate) async fn periksa_batch_lapangan(
        &self,
        relawan: Uuid,
        hari: i64,
        baru: &Sinyal,
    ) -> Result<StatusBatch> {
        let lama = self.store.ambil_batch_lapangan(relawan, hari).await?;
        let mut sinyal = lama.as_ref().map(|b| b.sinyal.clone()).unwrap_or_default();
        sinyal.gabung(baru);
        let (p, k) = self.store.daftar_catatan_lapangan(relawan, hari).await?;
        let temuan = periksa_batch(&p, &k, &sinyal);
        let status_lama = lama.as_ref().map_or(StatusBatch::Bersih, |b| b.status);
        let disetujui = lama
            .as_ref()
            .map(|b| b.disetujui.clone())
            .unwrap_or_default();
        let status = status_baru(status_lama, &disetujui, &temuan);
        let berubah = match &lama {
            None => status != StatusBatch::Bersih || !sinyal.0.is_empty(),
            Some(b) => b.status != status || b.temuan != temuan || b.sinyal != sinyal,
        };
        if !berubah {
            return Ok(status);
        }
        let b = BatchLapangan {
            relawan_id: relawan,
            hari,
            status,
            temuan,
            disetujui,
            sinyal,
            catatan: (p.len() + k.len()) as u64,
            diputus_oleh: lama.as_ref().and_then(|b| b.diputus_oleh.clone()),
            diputus: lama.as_ref().and_then(|b| b.diputus),
            diperbarui: OffsetDateTime::now_utc().unix_timestamp(),
        };
        let jejak = Jejak::new(
            Aktor::system().as_str(),
            "mutu.periksa",
            "relawan",
            relawan.to_string(),
            format!(
                "catatan lapangan relawan {relawan} tanggal {}: {} ({})",
                tanggal_hari(hari),
                status.slug(),
                kode_temuan(&b.temuan)
            ),
            relawan.as_bytes(),
        );
        self.store.simpan_batch_lapangan(&b, &jejak).await?;
        Ok(status)
    }

    /// Whether `oleh` may decide on `relawan`'s batches: a coordinator
    /// (who may manage accounts) over the relawan's territory, and not
    /// the relawan themselves.
    fn boleh_putuskan(&self, oleh: &Pengguna, relawan: &Relawan) -> bool {
        relawan.pengguna_id != Some(oleh.id)
            && diizinkan(
                &oleh.penugasan,
                Izin::KelolaPengguna,
                &objek(&relawan.wilayah),
            )
    }

    /// Held batches the caller may decide on, oldest day first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_batch_ditahan(&self, oleh: &Pengguna) -> Result<Vec<BatchDitahan>> {
        let mut batch: Vec<BatchLapangan> = Vec::new();
        for t in &oleh.penugasan {
            if !t.peran.izin().contains(&Izin::KelolaPengguna) {
                continue;
            }
            let w = match t.cakupan {
                Cakupan::Semua => None,
                Cakupan::Wilayah(w) => Some(w),
                Cakupan::Tps(k) => Some(k.desa()),
            };
            for b in self.store.daftar_batch_ditahan(w, BATCH_SEHALAMAN).await? {
                if !batch
                    .iter()
                    .any(|x| x.relawan_id == b.relawan_id && x.hari == b.hari)
                {
                    batch.push(b);
                }
            }
        }
        let mut out = Vec::with_capacity(batch.len());
        let mut relawan: BTreeMap<Uuid, Option<Relawan>> = BTreeMap::new();
        for b in batch {
            let r = match relawan.get(&b.relawan_id) {
                Some(r) => r.clone(),
                None => {
                    let r = self.store.ambil_relawan(b.relawan_id).await?;
                    relawan.insert(b.relawan_id, r.clone());
                    r
                }
            };
            let Some(r) = r else { continue };
            if self.boleh_putuskan(oleh, &r) {
                out.push(BatchDitahan {
                    tanggal: tanggal_hari(b.hari),
                    batch: b,
                    relawan: r,
                    wilayah_nama: String::new(),
                });
            }
        }
        let kode = |c: &Cakupan| match c {
            Cakupan::Semua => None,
            Cakupan::Wilayah(w) => Some(*w),
            Cakupan::Tps(t) => Some(t.desa()),
        };
        let kodes: Vec<_> = out
            .iter()
            .filter_map(|b| kode(&b.relawan.wilayah))
            .collect();
        let nama: std::collections::HashMap<_, _> = self
            .store
            .ambil_wilayah_banyak(&kodes)
            .await?
            .into_iter()
            .map(|w| (w.kode, w.nama))
            .collect();
        for b in &mut out {
            if let Some(n) = kode(&b.relawan.wilayah).and_then(|k| nama.get(&k)) {
                b.wilayah_nama = match b.relawan.wilayah {
                    Cakupan::Tps(t) => format!("TPS {} {n}", t.nomor()),
                    _ => n.clone(),
                };
            }
        }
        out.sort_by_key(|b| (b.batch.hari, b.relawan.nama.clone()));
        Ok(out)
    }

    /// A coordinator's decision on a held batch: `setuju` lets it count
    /// (for the findings seen; a new one holds it again), otherwise it is
    /// rolled back and the relawan's supporters and visits of that day are
    /// removed. Audited; refused outside the caller's subtree and on their
    /// own batch; a batch no longer held is a conflict.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn putuskan_batch(
        &self,
        oleh: &Pengguna,
        relawan_id: Uuid,
        hari: i64,
        setuju: bool,
    ) -> Result<StatusBatch> {
        let tidak_ada = || AppError::NotFound(format!("catatan lapangan {relawan_id}/{hari}"));
        let relawan = self
            .store
            .ambil_relawan(relawan_id)
            .await?
            .ok_or_else(tidak_ada)?;
        let b = self
            .store
            .ambil_batch_lapangan(relawan_id, hari)
            .await?
            .ok_or_else(tidak_ada)?;
        if !self.boleh_putuskan(oleh, &relawan) {
            return Err(AppError::Dilarang(
                "relawan ini di luar wilayah tugas Anda (atau catatan Anda sendiri): minta koordinator di atasnya".into(),
            ));
        }
        if b.status != StatusBatch::Ditahan {
            return Err(AppError::Konflik(format!(
                "catatan ini sudah diputuskan ({})",
                b.status.slug()
            )));
        }
        let status = if setuju {
            StatusBatch::Disetujui
        } else {
            StatusBatch::Dibatalkan
        };
        let sekarang = OffsetDateTime::now_utc().unix_timestamp();
        let putusan = BatchLapangan {
            status,
            disetujui: if setuju { b.temuan.clone() } else { Vec::new() },
            // A roll back starts the day afresh: what the removed syncs
            // carried no longer speaks for the records that follow.
            sinyal: if setuju {
                b.sinyal.clone()
            } else {
                Sinyal::default()
            },
            diputus_oleh: Some(oleh.nama.clone()),
            diputus: Some(sekarang),
            diperbarui: sekarang,
            ..b.clone()
        };
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            if setuju {
                "mutu.setujui"
            } else {
                "mutu.batalkan"
            },
            "relawan",
            relawan_id.to_string(),
            format!(
                "catatan lapangan relawan {} tanggal {} {} ({})",
                relawan.nama,
                tanggal_hari(hari),
                if setuju {
                    "disetujui"
                } else {
                    "dibatalkan; pendukung dan kunjungan hari itu dihapus"
                },
                kode_temuan(&b.temuan)
            ),
            relawan_id.as_bytes(),
        );
        if !self.store.putuskan_batch_lapangan(&putusan, &jejak).await? {
            return Err(AppError::Konflik("catatan ini sudah diputuskan".into()));
        }
        Ok(status)
    }
}
