//! The finance calendar: the campaign's dates, the KPU's reporting
//! periods (the 2024 pattern, or the KPU's own schedule when it
//! differs), the reports recorded as filed, and the reminders that
//! follow from them.

use posko_domain::dana::{Pengingat, pengingat};
use posko_storage::PenyampaianDana;

use super::*;

/// One report's window, deadline and filing, for the finance home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusPeriode {
    pub jendela: posko_domain::dana::JendelaPeriode,
    /// Its deadline has passed: later entries dated in it are booked in
    /// the next period as late adjustments.
    pub tertutup: bool,
    /// The latest filing recorded, when any.
    pub disampaikan: Option<PenyampaianDana>,
    /// How many times it was recorded as filed (a revision asked for by
    /// the KPU is filed again).
    pub kali_disampaikan: usize,
}

/// The calendar as the finance pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JadwalTerlihat {
    pub jadwal: JadwalDana,
    /// The KPU's own schedule was set (not the 2024 pattern).
    pub diatur_kpu: bool,
    pub periode: Vec<StatusPeriode>,
    /// Reports to file soon or overdue, most pressing first.
    pub pengingat: Vec<Pengingat>,
}

fn rusak(e: impl std::fmt::Display) -> AppError {
    AppError::Store(posko_storage::StoreError::Corrupt(e.to_string()))
}

impl Posko {
    /// The election's campaign dates and spending cap, when set.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pengaturan_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<Option<PengaturanDana>> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::LihatDana)
            .await?;
        Ok(self.store.ambil_pengaturan_dana(pemilihan_id).await?)
    }

    /// The election's finance calendar, when set: the KPU's own schedule
    /// when one was stored, the 2024 pattern from the campaign's dates
    /// otherwise.
    pub(super) async fn jadwal_dana(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Option<(JadwalDana, PengaturanDana)>> {
        match self.store.ambil_pengaturan_dana(pemilihan_id).await? {
            None => Ok(None),
            Some(a) => {
                let j = match a.jadwal {
                    Some(kpu) => JadwalDana::atur(a.mulai_kampanye, a.akhir_kampanye, kpu),
                    None => JadwalDana::bawaan(a.mulai_kampanye, a.akhir_kampanye),
                }
                .map_err(rusak)?;
                Ok(Some((j, a)))
            }
        }
    }

    /// Where an entry dated `tanggal` goes today: its own period while
    /// open, else the next open one as a late adjustment. Without a
    /// calendar nothing is closed.
    pub(super) async fn tempatkan_dana(
        &self,
        pemilihan_id: Uuid,
        tanggal: Date,
    ) -> Result<Option<Periode>> {
        match self.jadwal_dana(pemilihan_id).await? {
            None => Ok(None),
            Some((j, _)) => Ok(j
                .tempatkan(tanggal, self.hari_ini_dana())
                .map_err(AppError::invalid)?
                .susulan()),
        }
    }

    /// Sets an election's campaign dates with the reporting periods of
    /// the KPU's 2024 pattern, and the region's spending cap.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn atur_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        mulai_kampanye: Date,
        akhir_kampanye: Date,
        batas_belanja: Option<Uang>,
    ) -> Result<()> {
        self.atur_dana_jadwal(
            oleh,
            pemilihan_id,
            mulai_kampanye,
            akhir_kampanye,
            batas_belanja,
            None,
        )
        .await
    }

    /// Sets an election's campaign dates, the region's spending cap, and,
    /// when the KPU's schedule differs from the 2024 pattern, each
    /// report's last booked date and deadline (LADK, LPSDK, LPPDK).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn atur_dana_jadwal(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        mulai_kampanye: Date,
        akhir_kampanye: Date,
        batas_belanja: Option<Uang>,
        jadwal: Option<[(Date, Date); 3]>,
    ) -> Result<()> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::CatatDana)
            .await?;
        let j = match jadwal {
            Some(kpu) => JadwalDana::atur(mulai_kampanye, akhir_kampanye, kpu),
            None => JadwalDana::bawaan(mulai_kampanye, akhir_kampanye),
        }
        .map_err(AppError::invalid)?;
        if batas_belanja.is_some_and(|b| !b.positif()) {
            return Err(tolak("batas pengeluaran kampanye harus lebih dari nol"));
        }
        let a = PengaturanDana {
            pemilihan_id,
            mulai_kampanye,
            akhir_kampanye,
            batas_belanja,
            jadwal,
            diubah: (self.jam)().unix_timestamp(),
        };
        let batas: Vec<String> = j
            .jendela
            .iter()
            .map(|w| format!("{} {}", w.periode.slug(), w.batas_penyampaian))
            .collect();
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "dana.atur",
            "pemilihan",
            pemilihan_id.to_string(),
            format!(
                "jadwal dana kampanye {mulai_kampanye} sampai {akhir_kampanye} ({}; batas {}), batas pengeluaran {}",
                if jadwal.is_some() {
                    "jadwal KPU"
                } else {
                    "pola 2024"
                },
                batas.join(", "),
                batas_belanja.map_or("-".to_string(), |b| b.to_string())
            ),
            pemilihan_id.as_bytes(),
        );
        self.store.simpan_pengaturan_dana(&a, &jejak).await?;
        Ok(())
    }

    /// Records a report as filed with the KPU on `tanggal` (not after
    /// today), with the receipt number SIKADEKA or the office gave.
    /// Reminders stop for it; filing again records a revision.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_penyampaian_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        periode: Periode,
        tanggal: Date,
        tanda_terima: &str,
        catatan: &str,
    ) -> Result<()> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::CatatDana)
            .await?;
        if tanggal > self.hari_ini_dana() {
            return Err(tolak(format!(
                "tanggal penyampaian {tanggal} belum tiba; catat setelah laporan disampaikan"
            )));
        }
        let (tanda_terima, catatan) = (tanda_terima.trim(), catatan.trim());
        if tanda_terima.chars().count() > 100 || catatan.chars().count() > 1000 {
            return Err(tolak(
                "nomor tanda terima paling panjang 100 huruf, catatan 1.000 huruf",
            ));
        }
        let p = PenyampaianDana {
            id: Uuid::now_v7(),
            pemilihan_id,
            periode,
            tanggal,
            tanda_terima: tanda_terima.to_string(),
            catatan: catatan.to_string(),
            dicatat_oleh: oleh.id,
            dicatat: (self.jam)().unix_timestamp(),
        };
        let konten = serde_json::to_vec(&p).map_err(|e| AppError::Internal {
            apa: "penyampaian dana".into(),
            sumber: Box::new(e),
        })?;
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "dana.penyampaian",
            "pemilihan",
            pemilihan_id.to_string(),
            format!(
                "{} disampaikan {tanggal}{}",
                periode.slug().to_uppercase(),
                if tanda_terima.is_empty() {
                    String::new()
                } else {
                    format!(", tanda terima {tanda_terima}")
                }
            ),
            &konten,
        );
        self.store.catat_penyampaian_dana(&p, &jejak).await?;
        Ok(())
    }

    /// The calendar with each report's filing and today's reminders;
    /// `None` until the campaign's dates are set.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn jadwal_terlihat_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<Option<JadwalTerlihat>> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::LihatDana)
            .await?;
        let Some((jadwal, a)) = self.jadwal_dana(pemilihan_id).await? else {
            return Ok(None);
        };
        let semua = self.store.daftar_penyampaian_dana(pemilihan_id).await?;
        let hari_ini = self.hari_ini_dana();
        let periode: Vec<StatusPeriode> = jadwal
            .jendela
            .iter()
            .map(|j| {
                let milik: Vec<&PenyampaianDana> =
                    semua.iter().filter(|s| s.periode == j.periode).collect();
                StatusPeriode {
                    jendela: *j,
                    tertutup: jadwal.tertutup(j.periode, hari_ini),
                    disampaikan: milik.last().map(|s| (*s).clone()),
                    kali_disampaikan: milik.len(),
                }
            })
            .collect();
        let sudah: Vec<Periode> = periode
            .iter()
            .filter(|p| p.disampaikan.is_some())
            .map(|p| p.jendela.periode)
            .collect();
        Ok(Some(JadwalTerlihat {
            pengingat: pengingat(&jadwal, &sudah, hari_ini),
            diatur_kpu: a.jadwal.is_some(),
            jadwal,
            periode,
        }))
    }

    /// Today's finance reminders of an election for someone who may see
    /// its finances, for the home page and the war room: empty for anyone
    /// else and while no calendar is set (never an error for lacking the
    /// permission).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pengingat_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<Vec<Pengingat>> {
        if !self.boleh_lihat_dana(oleh, pemilihan_id).await? {
            return Ok(Vec::new());
        }
        Ok(self
            .jadwal_terlihat_dana(oleh, pemilihan_id)
            .await?
            .map(|j| j.pengingat)
            .unwrap_or_default())
    }

    /// Whether `oleh` may see the finances of the election.
    pub async fn boleh_lihat_dana(&self, oleh: &Pengguna, pemilihan_id: Uuid) -> Result<bool> {
        match self
            .pemilihan_dana(oleh, pemilihan_id, Izin::LihatDana)
            .await
        {
            Ok(_) => Ok(true),
            Err(AppError::Dilarang(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
