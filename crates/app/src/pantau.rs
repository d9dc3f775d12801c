//! The coordinators' watch on election day, computed once here for the
//! page, its lists and its files: counts per area one level down (TPS,
//! with a saksi, present, results in, flagged, open incidents) from one
//! grouped store query, the TPS behind each count with their saksi (and
//! phone, for those allowed personal data), and incidents that someone
//! takes, hands on and closes.
//!
//! A TPS with a result counts as present even if nobody checked in: the
//! saksi was evidently there.

use posko_domain::{Izin, Jejak, KodeTps, KodeWilayah, Objek, Telepon, Tingkat, diizinkan};
use posko_storage::{
    HitungPantau, InsidenDitangani, KolomRahasia, PantauTps, Pengguna, SaringTps, StatusInsiden,
    Wilayah,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// Missing TPS are listed on the watch page at desa level, or anywhere
/// when there are at most this many.
pub const TPS_BELUM_DIDAFTAR: u64 = 50;
/// Rows of a watch list per page.
pub const TPS_SEHALAMAN: u32 = 500;
/// Rows of a watch list's file (a call sheet for a whole province stops here).
pub const TPS_PER_BERKAS: u32 = 20_000;
/// Open incidents shown on the watch page.
pub const INSIDEN_DI_PANTAU: u32 = 20;

/// One TPS on a watch list, with its saksi's phone when the reader may
/// see it.
#[derive(Debug, Clone)]
pub struct TpsPantau {
    pub tps: PantauTps,
    pub telepon: Option<Telepon>,
}

/// An area one level down with its counts.
#[derive(Debug, Clone)]
pub struct AnakPantau {
    pub wilayah: Wilayah,
    pub hitung: HitungPantau,
}

/// Everything the watch page of one area shows.
#[derive(Debug, Clone)]
pub struct Pantauan {
    pub wilayah: Wilayah,
    /// From the province down to the parent, for the way back up.
    pub leluhur: Vec<Wilayah>,
    /// The area's counts (the sum of its children's).
    pub jumlah: HitungPantau,
    /// One level down (empty at desa level).
    pub anak: Vec<AnakPantau>,
    /// TPS nobody is present at yet, listed at desa level or when short.
    pub belum_hadir: Option<Vec<TpsPantau>>,
    /// Open incidents, newest first.
    pub insiden: Vec<InsidenDitangani>,
    /// May see saksi phones here.
    pub boleh_kontak: bool,
    /// May take and close incidents here.
    pub boleh_tangani: bool,
    /// When it was computed (Unix seconds).
    pub waktu: i64,
}

/// A page of a watch list.
#[derive(Debug, Clone)]
pub struct DaftarPantau {
    pub wilayah: Wilayah,
    pub baris: Vec<TpsPantau>,
    /// Where the next page starts, if there is one.
    pub berikut: Option<KodeTps>,
    pub boleh_kontak: bool,
}

/// What someone does with an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TindakInsiden {
    /// Take it: the caller owns it and is on it.
    Ambil,
    /// Hand it to another account that may handle incidents there.
    Serahkan(String),
    /// Close it.
    Selesai,
    /// Open it again (new, no owner).
    Buka,
}

impl TindakInsiden {
    fn slug(&self) -> &'static str {
        match self {
            TindakInsiden::Ambil => "ambil",
            TindakInsiden::Serahkan(_) => "serahkan",
            TindakInsiden::Selesai => "selesai",
            TindakInsiden::Buka => "buka",
        }
    }
}

/// How long the area code of the level below `w` is.
fn panjang_anak(w: KodeWilayah) -> usize {
    match w.tingkat() {
        Tingkat::Provinsi => 5,
        Tingkat::Kabkota => 8,
        Tingkat::Kecamatan | Tingkat::Desa => 13,
    }
}

fn boleh(oleh: &Pengguna, izin: Izin, objek: Objek, apa: &str) -> Result<()> {
    if diizinkan(&oleh.penugasan, izin, &objek) {
        Ok(())
    } else {
        Err(AppError::Dilarang(format!("{apa} di luar wilayah Anda")))
    }
}

impl Posko {
    async fn pemilihan_ada(&self, id: Uuid) -> Result<()> {
        self.store
            .ambil_pemilihan(id)
            .await?
            .map(|_| ())
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {id}")))
    }

    async fn wilayah_ada(&self, kode: KodeWilayah) -> Result<Wilayah> {
        self.store
            .ambil_wilayah(kode)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("wilayah {kode}")))
    }

    /// The saksi's phones of `baris`, decrypted when `boleh_kontak`.
    fn dengan_telepon(&self, baris: Vec<PantauTps>, boleh_kontak: bool) -> Vec<TpsPantau> {
        baris
            .into_iter()
            .map(|tps| {
                let telepon = boleh_kontak
                    .then_some(tps.saksi.as_ref())
                    .flatten()
                    .and_then(|s| {
                        let d = s.telepon.as_ref()?;
                        let plain = self
                            .brankas()
                            .open(KolomRahasia::PenggunaTelepon, s.pengguna_id, d)
                            .ok()?;
                        Telepon::parse(&plain).ok()
                    });
                TpsPantau { tps, telepon }
            })
            .collect()
    }

    /// The watch page of `wilayah` in election `pemilihan_id`: its counts
    /// and its children's (aggregated in the store, never TPS by TPS),
    /// the TPS still missing where the list is short, open incidents.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pantau(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        kode: KodeWilayah,
    ) -> Result<Pantauan> {
        boleh(oleh, Izin::LihatWilayah, Objek::Wilayah(kode), "wilayah")?;
        self.pemilihan_ada(pemilihan_id).await?;
        let wilayah = self.wilayah_ada(kode).await?;
        let desa = kode.tingkat() == Tingkat::Desa;
        let hitung = self
            .store
            .hitung_pantau(pemilihan_id, kode, panjang_anak(kode))
            .await?;
        let mut jumlah = HitungPantau {
            kode: kode.to_string(),
            ..Default::default()
        };
        for h in &hitung {
            jumlah.tambah(h);
        }
        let anak = if desa {
            Vec::new()
        } else {
            let mut per_kode: std::collections::HashMap<String, HitungPantau> =
                hitung.into_iter().map(|h| (h.kode.clone(), h)).collect();
            self.store
                .daftar_anak_wilayah(Some(kode))
                .await?
                .into_iter()
                .map(|w| {
                    let k = w.kode.to_string();
                    let hitung = per_kode.remove(&k).unwrap_or(HitungPantau {
                        kode: k,
                        ..Default::default()
                    });
                    AnakPantau { wilayah: w, hitung }
                })
                .collect()
        };
        let boleh_kontak = diizinkan(
            &oleh.penugasan,
            Izin::EksporDataPribadi,
            &Objek::Wilayah(kode),
        );
        let belum = jumlah.tps.saturating_sub(jumlah.hadir);
        let belum_hadir = if belum > 0 && (desa || belum <= TPS_BELUM_DIDAFTAR) {
            let baris = self
                .store
                .daftar_pantau_tps(
                    pemilihan_id,
                    kode,
                    SaringTps::BelumHadir,
                    None,
                    None,
                    TPS_SEHALAMAN,
                )
                .await?;
            Some(self.dengan_telepon(baris, boleh_kontak))
        } else if belum == 0 {
            Some(Vec::new())
        } else {
            None
        };
        let insiden = self
            .store
            .daftar_insiden_saring(pemilihan_id, kode, Some("buka"), None, INSIDEN_DI_PANTAU)
            .await?;
        let leluhur = self.store.ambil_wilayah_banyak(&kode.leluhur()).await?;
        Ok(Pantauan {
            wilayah,
            leluhur,
            jumlah,
            anak,
            belum_hadir,
            insiden,
            boleh_kontak,
            boleh_tangani: diizinkan(&oleh.penugasan, Izin::TanganiInsiden, &Objek::Wilayah(kode)),
            waktu: OffsetDateTime::now_utc().unix_timestamp(),
        })
    }

    /// The TPS under `kode` behind one of the watch page's counts, from
    /// `setelah` on, at most `limit` (a page, or a file). Without an
    /// election only the saksi columns mean anything (TPS without saksi).
    #[tracing::instrument(level = "debug", skip_all)]
    #[allow(clippy::too_many_arguments)]
    pub async fn daftar_tps_pantau(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Option<Uuid>,
        kode: KodeWilayah,
        saring: SaringTps,
        temuan: Option<&str>,
        setelah: Option<KodeTps>,
        limit: u32,
    ) -> Result<DaftarPantau> {
        boleh(oleh, Izin::LihatWilayah, Objek::Wilayah(kode), "wilayah")?;
        if let Some(id) = pemilihan_id {
            self.pemilihan_ada(id).await?;
        }
        let wilayah = self.wilayah_ada(kode).await?;
        let mut baris = self
            .store
            .daftar_pantau_tps(
                pemilihan_id.unwrap_or(Uuid::nil()),
                kode,
                saring,
                temuan.filter(|t| !t.is_empty()),
                setelah,
                limit.saturating_add(1),
            )
            .await?;
        let berikut = if baris.len() > limit as usize {
            baris.truncate(limit as usize);
            baris.last().map(|b| b.tps)
        } else {
            None
        };
        let boleh_kontak = diizinkan(
            &oleh.penugasan,
            Izin::EksporDataPribadi,
            &Objek::Wilayah(kode),
        );
        Ok(DaftarPantau {
            wilayah,
            baris: self.dengan_telepon(baris, boleh_kontak),
            berikut,
            boleh_kontak,
        })
    }

    /// Logs that `oleh` downloaded a watch list naming saksi (`aksi` says
    /// which; `baris` TPS, as `format`), before the file is handed out.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_unduh_pantau(
        &self,
        oleh: &Pengguna,
        aksi: &str,
        kode: KodeWilayah,
        baris: usize,
        format: &str,
    ) -> Result<()> {
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            format!("hari_h.unduh_{aksi}"),
            "wilayah",
            kode.to_string(),
            format!("daftar {aksi} {kode} diunduh ({format}): {baris} TPS dengan nama saksi"),
            kode.to_string().as_bytes(),
        );
        self.store.catat_audit(&jejak).await?;
        Ok(())
    }

    /// Incidents under `kode`, newest first: `status` is a status slug,
    /// `buka` (all but closed) or None; `kategori` a category code or None.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_insiden(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        kode: KodeWilayah,
        status: Option<&str>,
        kategori: Option<&str>,
        limit: u32,
    ) -> Result<Vec<InsidenDitangani>> {
        boleh(oleh, Izin::LihatWilayah, Objek::Wilayah(kode), "wilayah")?;
        self.pemilihan_ada(pemilihan_id).await?;
        let status = status.filter(|s| !s.is_empty());
        if let Some(s) = status
            && s != "buka"
            && StatusInsiden::parse(s).is_none()
        {
            return Err(AppError::Invalid(format!(
                "status insiden '{s}' tidak dikenal"
            )));
        }
        Ok(self
            .store
            .daftar_insiden_saring(
                pemilihan_id,
                kode,
                status,
                kategori.filter(|k| !k.is_empty()),
                limit,
            )
            .await?)
    }

    /// Takes, hands on, closes or reopens an incident of election
    /// `pemilihan_id` inside `di` (else it is not found). Only someone
    /// who may handle incidents at its TPS
    /// (a coordinator inside their area, a manager) may; a hand-over goes
    /// to an active account that may too. Audited.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tindak_insiden(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        di: KodeWilayah,
        insiden_id: Uuid,
        tindak: TindakInsiden,
    ) -> Result<InsidenDitangani> {
        let i = self
            .store
            .ambil_insiden(insiden_id)
            .await?
            .filter(|i| {
                i.insiden.pemilihan_id == pemilihan_id && di.mencakup(&i.insiden.tps.desa())
            })
            .ok_or_else(|| AppError::NotFound(format!("insiden {insiden_id}")))?;
        let tps = i.insiden.tps;
        boleh(oleh, Izin::TanganiInsiden, Objek::Tps(tps), "insiden")?;
        let (status, pemilik, siapa) = match &tindak {
            TindakInsiden::Ambil => (
                StatusInsiden::Ditangani,
                Some(oleh.id),
                oleh.username.clone(),
            ),
            TindakInsiden::Serahkan(username) => {
                let p = self.pengguna_by_username(username.trim()).await?;
                if !p.aktif || !diizinkan(&p.penugasan, Izin::TanganiInsiden, &Objek::Tps(tps)) {
                    return Err(AppError::Invalid(format!(
                        "{} tidak bisa menangani insiden di TPS {tps}",
                        p.username
                    )));
                }
                (StatusInsiden::Ditangani, Some(p.id), p.username)
            }
            TindakInsiden::Selesai => (
                StatusInsiden::Selesai,
                i.pemilik_id.or(Some(oleh.id)),
                oleh.username.clone(),
            ),
            TindakInsiden::Buka => (StatusInsiden::Baru, None, oleh.username.clone()),
        };
        let waktu = OffsetDateTime::now_utc().unix_timestamp();
        let isi = serde_json::json!({
            "insiden": insiden_id,
            "tindak": tindak.slug(),
            "status": status.slug(),
            "pemilik": pemilik,
        });
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            format!("hari_h.insiden_{}", tindak.slug()),
            "insiden",
            insiden_id.to_string(),
            format!(
                "insiden {} di TPS {tps}: {} oleh {} ({siapa})",
                i.insiden.kategori,
                status.slug(),
                oleh.username
            ),
            isi.to_string().as_bytes(),
        );
        if !self
            .store
            .ubah_insiden(insiden_id, status, pemilik, waktu, &jejak)
            .await?
        {
            return Err(AppError::NotFound(format!("insiden {insiden_id}")));
        }
        self.store
            .ambil_insiden(insiden_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("insiden {insiden_id}")))
    }
}
