//! The campaign's own social-media room (issue 23) on top of
//! `posko_domain::medsos`: the official accounts registered with the KPU
//! and who holds access to each, the content calendar with its review
//! chain, the issue desk, and the platforms' own analytics. Only official
//! accounts exist here; Posko stores no platform password.
//!
//! Every record is a versioned document of the election's room
//! (`posko_storage::medsos`). A change reads the room, lets the domain's
//! rules decide on what is stored, and writes the new versions naming
//! the counter it read ([`Posko::ubah_medsos`]); when someone else wrote
//! meanwhile, it reads and decides again, so no two writers pass one
//! check (the 20-account cap, the approver who is not the author).
//!
//! Who: `Izin::LihatMedsos` reads (media, managers, auditor),
//! `Izin::TulisMedsos` writes drafts, comments, posting records, claims
//! and imports (media, managers), `Izin::SetujuiMedsos` approves and
//! changes the registry and who holds access (managers).

mod akun;
mod analitik;
mod berkas;
mod isu;
mod konten;

pub use akun::{AkunBaru, AkunMedsos, BagianRotasi, Pemegang, RotasiMedsos, Selesai};
pub use analitik::{
    ANALITIK_MAKS, AnalitikMedsos, BarisAnalitik, HariAnalitik, KolomAnalitik, angka_analitik,
    deret_analitik, kolom_analitik, tanggal_analitik,
};
pub use berkas::{BarisAkses, BarisKpu, BerkasMedsos, TinjauanAkses};
pub use isu::{
    CatatanIsu, IsuBaru, IsuMedsos, MingguIsu, TANGKAPAN_ISU_MAKS, TAUTAN_ISU_MAKS,
    ringkasan_mingguan,
};
pub use konten::{
    KomentarKonten, KontenBaru, KontenMedsos, LANGKAH_FORMULIR, LangkahTercatat, MEDIA_MAKS,
    PostingKonten, TEKS_MAKS, boleh_langkah, cek_jadwal, langkah_dari_slug, langkah_tersedia,
    periksa_media, slug_langkah,
};

use std::collections::HashMap;

use posko_domain::medsos::MasaKampanye;
use posko_domain::{Izin, Objek, diizinkan};
use posko_storage::{JenisDokumen, JenisMedsos, Pemilihan, Pengguna, Syarat};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use time::{Date, Duration, UtcOffset};
use uuid::Uuid;

pub use crate::dokumen::Tersimpan;
use crate::dokumen::baca_isi;
pub(crate) use crate::dokumen::{Keputusan, Perubahan};
use crate::{Aktor, AppError, Posko, Result};

/// Days from the campaign's start to voting day in the 2024 pattern
/// (25 September to 27 November 2024).
const HARI_KAMPANYE_SEBELUM_PEMUNGUTAN: i64 = 63;
/// Days from the campaign's last day to voting day (23 to 27 November
/// 2024: three quiet days between).
const HARI_AKHIR_SEBELUM_PEMUNGUTAN: i64 = 4;

/// The room's settings: the campaign period as the KPU set it, and the
/// review chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PengaturanMedsos {
    pub mulai_kampanye: Date,
    pub akhir_kampanye: Date,
    /// A reviewer must pass a draft before the approver may approve it.
    pub wajib_periksa: bool,
    /// Who may review (media team members by name); empty: anyone of the
    /// team but the author.
    pub peninjau: Vec<Uuid>,
}

/// An election's room as one person may see it.
#[derive(Debug, Clone)]
pub struct RuangMedsos {
    pub pemilihan: Pemilihan,
    /// The room's write counter this was read at.
    pub nomor: i64,
    pub pengaturan: Option<Tersimpan<PengaturanMedsos>>,
    /// The campaign period and voting day: the settings', else the
    /// finance calendar's dates, else the 2024 pattern from voting day.
    pub masa: MasaKampanye,
    /// Where [`Self::masa`] came from.
    pub asal_masa: AsalMasa,
    pub akun: Vec<Tersimpan<AkunMedsos>>,
    pub rotasi: Vec<Tersimpan<RotasiMedsos>>,
    pub konten: Vec<Tersimpan<KontenMedsos>>,
    pub isu: Vec<Tersimpan<IsuMedsos>>,
    pub analitik: Vec<Tersimpan<AnalitikMedsos>>,
    /// Names of the people the room mentions.
    pub nama: HashMap<Uuid, String>,
    /// Today in WIB.
    pub hari_ini: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AsalMasa {
    Pengaturan,
    Dana,
    Pola2024,
}

impl RuangMedsos {
    /// A person's name, or a short form of their id when unknown.
    pub fn nama(&self, id: Uuid) -> String {
        self.nama
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string()[..8].to_string())
    }

    pub fn cari_akun(&self, id: Uuid) -> Option<&Tersimpan<AkunMedsos>> {
        self.akun.iter().find(|a| a.id == id)
    }

    pub fn cari_konten(&self, id: Uuid) -> Option<&Tersimpan<KontenMedsos>> {
        self.konten.iter().find(|a| a.id == id)
    }

    pub fn cari_isu(&self, id: Uuid) -> Option<&Tersimpan<IsuMedsos>> {
        self.isu.iter().find(|a| a.id == id)
    }
}

pub(crate) fn tolak(pesan: impl Into<String>) -> AppError {
    AppError::Invalid(pesan.into())
}

fn dilarang(izin: Izin) -> AppError {
    AppError::Dilarang(match izin {
        Izin::SetujuiMedsos => {
            "menyetujui konten dan mengubah daftar akun resmi hanya untuk manajer kampanye".into()
        }
        Izin::TulisMedsos => {
            "menulis di ruang media sosial hanya untuk tim media dan manajer".into()
        }
        _ => "ruang media sosial hanya terbuka bagi tim media, manajer dan auditor".into(),
    })
}

/// The 2024 pattern's campaign period for a voting day.
pub fn masa_pola_2024(pemungutan: Date) -> MasaKampanye {
    MasaKampanye {
        mulai: pemungutan - Duration::days(HARI_KAMPANYE_SEBELUM_PEMUNGUTAN),
        akhir: pemungutan - Duration::days(HARI_AKHIR_SEBELUM_PEMUNGUTAN),
        pemungutan,
    }
}

impl Posko {
    /// Today in WIB, by the Posko's clock.
    pub(crate) fn hari_ini_medsos(&self) -> Date {
        (self.jam)()
            .to_offset(UtcOffset::from_hms(7, 0, 0).expect("valid offset"))
            .date()
    }

    pub(crate) fn detik_medsos(&self) -> i64 {
        (self.jam)().unix_timestamp()
    }

    /// Whether `oleh` holds `izin` over the election's region (asked
    /// before anything is read).
    pub(crate) async fn pemilihan_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        izin: Izin,
    ) -> Result<Pemilihan> {
        if !oleh
            .penugasan
            .iter()
            .any(|t| t.peran.izin().contains(&izin))
        {
            return Err(dilarang(izin));
        }
        let p = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))?;
        if !diizinkan(&oleh.penugasan, izin, &Objek::Wilayah(p.wilayah)) {
            return Err(dilarang(izin));
        }
        Ok(p)
    }

    /// Whether `oleh` may open the room of the election (for links).
    pub async fn boleh_lihat_medsos(&self, oleh: &Pengguna, pemilihan_id: Uuid) -> Result<bool> {
        match self
            .pemilihan_medsos(oleh, pemilihan_id, Izin::LihatMedsos)
            .await
        {
            Ok(_) => Ok(true),
            Err(AppError::Dilarang(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The room of an election, every record's latest version.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ruang_medsos(&self, oleh: &Pengguna, pemilihan_id: Uuid) -> Result<RuangMedsos> {
        let p = self
            .pemilihan_medsos(oleh, pemilihan_id, Izin::LihatMedsos)
            .await?;
        self.baca_ruang_medsos(p).await
    }

    async fn baca_ruang_medsos(&self, pemilihan: Pemilihan) -> Result<RuangMedsos> {
        let isi = self.store.baca_medsos(pemilihan.id, &[]).await?;
        let mut r = RuangMedsos {
            masa: masa_pola_2024(pemilihan.tanggal),
            asal_masa: AsalMasa::Pola2024,
            pemilihan,
            nomor: isi.nomor,
            pengaturan: None,
            akun: Vec::new(),
            rotasi: Vec::new(),
            konten: Vec::new(),
            isu: Vec::new(),
            analitik: Vec::new(),
            nama: HashMap::new(),
            hari_ini: self.hari_ini_medsos(),
        };
        for d in &isi.dokumen {
            match d.jenis {
                JenisMedsos::Pengaturan => r.pengaturan = Some(baca_isi(d)?),
                JenisMedsos::Akun => r.akun.push(baca_isi(d)?),
                JenisMedsos::Rotasi => r.rotasi.push(baca_isi(d)?),
                JenisMedsos::Konten => r.konten.push(baca_isi(d)?),
                JenisMedsos::Isu => r.isu.push(baca_isi(d)?),
                JenisMedsos::Analitik => r.analitik.push(baca_isi(d)?),
            }
        }
        let pemungutan = r.pemilihan.tanggal;
        if let Some(p) = &r.pengaturan {
            if let Ok(m) = MasaKampanye::new(p.isi.mulai_kampanye, p.isi.akhir_kampanye, pemungutan)
            {
                r.masa = m;
                r.asal_masa = AsalMasa::Pengaturan;
            }
        } else if let Some(d) = self.store.ambil_pengaturan_dana(r.pemilihan.id).await?
            && let Ok(m) = MasaKampanye::new(d.mulai_kampanye, d.akhir_kampanye, pemungutan)
        {
            r.masa = m;
            r.asal_masa = AsalMasa::Dana;
        }
        r.nama = self
            .store
            .daftar_pengguna()
            .await?
            .into_iter()
            .map(|p| (p.id, p.nama))
            .collect();
        Ok(r)
    }

    /// One change of the room: `putuskan` decides on a fresh read what to
    /// write; the versions go in with one audit entry, naming the counter
    /// read. When someone wrote meanwhile, it reads and decides again.
    pub(crate) async fn ubah_medsos<R>(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        izin: Izin,
        putuskan: impl Fn(&RuangMedsos) -> Result<Keputusan<R>>,
    ) -> Result<R> {
        let p = self.pemilihan_medsos(oleh, pemilihan_id, izin).await?;
        self.ubah_medsos_di(oleh, p, putuskan).await
    }

    /// [`Self::ubah_medsos`] once the caller's right to change the room
    /// was settled elsewhere (an account manager disabling a member).
    pub(crate) async fn ubah_medsos_di<R>(
        &self,
        oleh: &Pengguna,
        p: Pemilihan,
        putuskan: impl Fn(&RuangMedsos) -> Result<Keputusan<R>>,
    ) -> Result<R> {
        let (hasil, _) = self
            .ubah_ruang(
                oleh.id,
                &Aktor::pengguna(oleh),
                p.id,
                || self.baca_ruang_medsos(p.clone()),
                |r: &RuangMedsos| Syarat::Sesudah(r.nomor),
                putuskan,
            )
            .await?;
        Ok(hasil)
    }

    /// Sets the campaign period and the review chain.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn atur_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        baru: PengaturanMedsos,
    ) -> Result<()> {
        let tim = self.tim_medsos().await?;
        self.ubah_medsos(oleh, pemilihan_id, Izin::SetujuiMedsos, |r| {
            MasaKampanye::new(
                baru.mulai_kampanye,
                baru.akhir_kampanye,
                r.pemilihan.tanggal,
            )
            .map_err(|e| tolak(e.to_string()))?;
            if let Some(x) = baru.peninjau.iter().find(|x| !tim.contains_key(x)) {
                return Err(tolak(format!(
                    "peninjau {x} bukan anggota tim media yang aktif"
                )));
            }
            let perubahan = match &r.pengaturan {
                Some(lama) if lama.isi == baru => Vec::new(),
                Some(lama) => vec![Perubahan::ubah(JenisMedsos::Pengaturan, lama, &baru)?],
                None => vec![Perubahan::baru(
                    JenisMedsos::Pengaturan,
                    Uuid::now_v7(),
                    &baru,
                )?],
            };
            Ok(Keputusan {
                perubahan,
                aksi: "atur",
                ringkasan: format!(
                    "masa kampanye {} sampai {}, {}",
                    baru.mulai_kampanye,
                    baru.akhir_kampanye,
                    if baru.wajib_periksa {
                        "penulis → peninjau → penyetuju"
                    } else {
                        "penulis → penyetuju"
                    }
                ),
                hasil: (),
            })
        })
        .await
    }

    /// The active accounts who may be named in the room (hold
    /// `TulisMedsos` somewhere), by id, with their names.
    pub(crate) async fn tim_medsos(&self) -> Result<HashMap<Uuid, String>> {
        Ok(self
            .store
            .daftar_pengguna()
            .await?
            .into_iter()
            .filter(|p| {
                p.aktif
                    && p.penugasan
                        .iter()
                        .any(|t| t.peran.izin().contains(&Izin::TulisMedsos))
            })
            .map(|p| (p.id, p.nama))
            .collect())
    }
}

impl Posko {
    /// Every version of one record of the room, oldest first.
    pub(crate) async fn riwayat_medsos<T: DeserializeOwned>(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        id: Uuid,
        jenis: JenisMedsos,
    ) -> Result<Vec<Tersimpan<T>>> {
        self.pemilihan_medsos(oleh, pemilihan_id, Izin::LihatMedsos)
            .await?;
        let semua = self.store.riwayat_medsos(id).await?;
        if semua.is_empty()
            || semua
                .iter()
                .any(|d| d.pemilihan_id != pemilihan_id || d.jenis != jenis)
        {
            return Err(AppError::NotFound(format!("{} {id}", jenis.kolom())));
        }
        semua.iter().map(baca_isi).collect()
    }
}

impl Posko {
    /// The media team as `oleh` may see it in the room of the election:
    /// (id, name) of every active member who may write in it, by name.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tim_medsos_terlihat(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<Vec<(String, String)>> {
        self.pemilihan_medsos(oleh, pemilihan_id, Izin::LihatMedsos)
            .await?;
        let mut tim: Vec<(String, String)> = self
            .tim_medsos()
            .await?
            .into_iter()
            .map(|(id, nama)| (id.to_string(), nama))
            .collect();
        tim.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        Ok(tim)
    }
}

#[cfg(test)]
#[path = "medsos_tests.rs"]
mod tests;
