//! Field operations (issue 24) on top of `posko_domain::lapangan`: the
//! campaign's events with invitations and check-in at the door, campaign
//! materials (APK) from stock to installation to take-down, and tasks
//! sent down the relawan tree.
//!
//! Every record is a versioned document of the election's field room
//! (`posko_storage::lapangan`), each tied to an area (`wilayah`). A change
//! reads the kinds it needs, lets the domain decide, and writes naming
//! the counter it read ([`Posko::ubah_lapangan`]), or reads and decides
//! again. What a phone sends from its offline queue (an attendance, an
//! installation, a task's proof) is an append whose id the record
//! itself determines ([`Posko::tambah_lapangan`]): sent twice, it lands
//! once.
//!
//! Who: `Izin::KerjaLapangan` works in the field room of one's own area
//! (relawan, coordinators, managers); `Izin::KelolaLapangan` plans it
//! (coordinators in their area, managers everywhere). Every record a
//! person reads or changes is checked against their scope by its area.

pub mod acara;
pub mod apk;
pub mod survei;
pub mod tugas;

use std::collections::HashMap;

use posko_domain::medsos::MasaKampanye;
use posko_domain::{Cakupan, Izin, KodeWilayah, Objek, diizinkan};
use posko_storage::{JenisLapangan, JenisMedsos, Pemilihan, Pengguna, Syarat};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::Date;
use uuid::Uuid;

pub use crate::dokumen::Tersimpan;
use crate::dokumen::baca_isi;
pub(crate) use crate::dokumen::{Keputusan, Perubahan};
use crate::medsos::{AsalMasa, PengaturanMedsos, masa_pola_2024};
use crate::{Aktor, AppError, Posko, Result};

pub use acara::{Acara, Hadir, Undangan};
pub use apk::{BarangApk, PasangApk, SerahApk};
pub use survei::{Survei, Wawancara};
pub use tugas::{SelesaiTugas, Tugas};

/// The room's settings: APK quotas per area and kind of item, as the
/// region's KPU decided.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PengaturanLapangan {
    pub kuota: Vec<KuotaApk>,
}

/// At most `jumlah` items of `jenis` standing in `wilayah` at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KuotaApk {
    pub wilayah: KodeWilayah,
    pub jenis: posko_domain::lapangan::JenisApk,
    pub jumlah: u32,
}

/// An election's field room as read for one person: only the kinds asked
/// for are filled, and lists hold only what lies in the reader's scope.
#[derive(Debug, Clone)]
pub struct RuangLapangan {
    pub pemilihan: Pemilihan,
    /// The room's write counter this was read at.
    pub nomor: i64,
    /// The campaign period and voting day (as the social-media room's).
    pub masa: MasaKampanye,
    pub asal_masa: AsalMasa,
    pub pengaturan: Option<Tersimpan<PengaturanLapangan>>,
    pub acara: Vec<Tersimpan<Acara>>,
    pub undangan: Vec<Tersimpan<Undangan>>,
    pub hadir: Vec<Tersimpan<Hadir>>,
    pub barang: Vec<Tersimpan<BarangApk>>,
    pub serah: Vec<Tersimpan<SerahApk>>,
    pub pasang: Vec<Tersimpan<PasangApk>>,
    pub tugas: Vec<Tersimpan<Tugas>>,
    pub selesai: Vec<Tersimpan<SelesaiTugas>>,
    pub survei: Vec<Tersimpan<Survei>>,
    pub wawancara: Vec<Tersimpan<Wawancara>>,
    /// Names of the people the room mentions.
    pub nama: HashMap<Uuid, String>,
    /// Today in WIB.
    pub hari_ini: Date,
}

impl RuangLapangan {
    /// A person's name, or a short form of their id when unknown.
    pub fn nama(&self, id: Uuid) -> String {
        self.nama
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string()[..8].to_string())
    }

    /// The quota of `jenis` that governs `desa`: the one set on the
    /// smallest area containing it.
    pub fn kuota(
        &self,
        desa: KodeWilayah,
        jenis: posko_domain::lapangan::JenisApk,
    ) -> Option<&KuotaApk> {
        self.pengaturan.as_ref().and_then(|p| {
            p.isi
                .kuota
                .iter()
                .filter(|k| k.jenis == jenis && k.wilayah.mencakup(&desa))
                .max_by_key(|k| k.wilayah.to_string().len())
        })
    }
}

pub(crate) fn tolak(pesan: impl Into<String>) -> AppError {
    AppError::Invalid(pesan.into())
}

fn dilarang(izin: Izin) -> AppError {
    AppError::Dilarang(match izin {
        Izin::KelolaLapangan => {
            "merencanakan kegiatan lapangan hanya untuk koordinator dan manajer".into()
        }
        _ => "ruang lapangan hanya untuk relawan, koordinator dan manajer".into(),
    })
}

/// A record's id from what it is (an event's attendee, a task's
/// assignee): the same record sent twice has the same id, so the store
/// keeps it once.
pub(crate) fn id_dari(bagian: &[&[u8]]) -> Uuid {
    let mut h = Sha256::new();
    for b in bagian {
        h.update((b.len() as u64).to_be_bytes());
        h.update(b);
    }
    let d = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&d[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

impl Posko {
    /// Today in WIB, by the Posko's clock.
    pub(crate) fn hari_ini_lapangan(&self) -> Date {
        self.hari_ini_medsos()
    }

    /// The election, when `oleh` holds `izin` over some part of its
    /// region (asked before anything is read). Records are then checked
    /// one by one against their area ([`Self::boleh_di`]).
    pub(crate) async fn pemilihan_lapangan(
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
        let bersinggungan = oleh
            .penugasan
            .iter()
            .any(|t| t.peran.izin().contains(&izin) && t.cakupan.bersinggungan(&p.wilayah));
        if !bersinggungan {
            return Err(dilarang(izin));
        }
        Ok(p)
    }

    /// Whether `oleh` holds `izin` over the area `wilayah`; someone whose
    /// scope is one TPS works in its desa.
    pub(crate) fn boleh_di(oleh: &Pengguna, izin: Izin, wilayah: KodeWilayah) -> bool {
        diizinkan(&oleh.penugasan, izin, &Objek::Wilayah(wilayah))
            || oleh.penugasan.iter().any(|t| {
                t.peran.izin().contains(&izin)
                    && matches!(t.cakupan, Cakupan::Tps(tps) if tps.desa() == wilayah)
            })
    }

    /// Whether `oleh` may open the field room of the election (for links).
    pub async fn boleh_lihat_lapangan(&self, oleh: &Pengguna, pemilihan_id: Uuid) -> Result<bool> {
        match self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await
        {
            Ok(_) => Ok(true),
            Err(AppError::Dilarang(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The campaign period of an election: the social-media room's
    /// settings, else the finance calendar's dates, else the 2024 pattern
    /// from voting day.
    pub(crate) async fn masa_kampanye(&self, p: &Pemilihan) -> Result<(MasaKampanye, AsalMasa)> {
        let isi = self
            .store
            .baca_medsos(p.id, &[JenisMedsos::Pengaturan])
            .await?;
        if let Some(d) = isi.dokumen.first() {
            let s: Tersimpan<PengaturanMedsos> = baca_isi(d)?;
            if let Ok(m) = MasaKampanye::new(s.isi.mulai_kampanye, s.isi.akhir_kampanye, p.tanggal)
            {
                return Ok((m, AsalMasa::Pengaturan));
            }
        }
        if let Some(d) = self.store.ambil_pengaturan_dana(p.id).await?
            && let Ok(m) = MasaKampanye::new(d.mulai_kampanye, d.akhir_kampanye, p.tanggal)
        {
            return Ok((m, AsalMasa::Dana));
        }
        Ok((masa_pola_2024(p.tanggal), AsalMasa::Pola2024))
    }

    /// The field room of an election as `oleh` may see it, with the kinds
    /// in `jenis` (every kind when empty).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ruang_lapangan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        jenis: &[JenisLapangan],
    ) -> Result<RuangLapangan> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await?;
        let mut r = self.baca_ruang_lapangan(p, jenis).await?;
        r.saring(oleh);
        Ok(r)
    }

    /// The whole room, unfiltered: what a change decides on.
    pub(crate) async fn baca_ruang_lapangan(
        &self,
        pemilihan: Pemilihan,
        jenis: &[JenisLapangan],
    ) -> Result<RuangLapangan> {
        let isi = self.store.baca_lapangan(pemilihan.id, jenis).await?;
        let (masa, asal_masa) = self.masa_kampanye(&pemilihan).await?;
        let mut r = RuangLapangan {
            masa,
            asal_masa,
            pemilihan,
            nomor: isi.nomor,
            pengaturan: None,
            acara: Vec::new(),
            undangan: Vec::new(),
            hadir: Vec::new(),
            barang: Vec::new(),
            serah: Vec::new(),
            pasang: Vec::new(),
            tugas: Vec::new(),
            selesai: Vec::new(),
            survei: Vec::new(),
            wawancara: Vec::new(),
            nama: HashMap::new(),
            hari_ini: self.hari_ini_lapangan(),
        };
        for d in &isi.dokumen {
            match d.jenis {
                JenisLapangan::Pengaturan => r.pengaturan = Some(baca_isi(d)?),
                JenisLapangan::Acara => r.acara.push(baca_isi(d)?),
                JenisLapangan::Undangan => r.undangan.push(baca_isi(d)?),
                JenisLapangan::Hadir => r.hadir.push(baca_isi(d)?),
                JenisLapangan::Barang => r.barang.push(baca_isi(d)?),
                JenisLapangan::Serah => r.serah.push(baca_isi(d)?),
                JenisLapangan::Pasang => r.pasang.push(baca_isi(d)?),
                JenisLapangan::Tugas => r.tugas.push(baca_isi(d)?),
                JenisLapangan::Selesai => r.selesai.push(baca_isi(d)?),
                JenisLapangan::Survei => r.survei.push(baca_isi(d)?),
                JenisLapangan::Wawancara => r.wawancara.push(baca_isi(d)?),
            }
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

    /// One change of the room: `putuskan` decides on a fresh read of the
    /// kinds in `jenis` what to write; the versions go in with one audit
    /// entry, naming the counter read. When someone wrote meanwhile, it
    /// reads and decides again.
    pub(crate) async fn ubah_lapangan<R>(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        izin: Izin,
        jenis: &[JenisLapangan],
        putuskan: impl Fn(&RuangLapangan) -> Result<Keputusan<R, JenisLapangan>>,
    ) -> Result<R> {
        let p = self.pemilihan_lapangan(oleh, pemilihan_id, izin).await?;
        let (hasil, _) = self
            .ubah_ruang(
                oleh.id,
                &Aktor::pengguna(oleh),
                p.id,
                || self.baca_ruang_lapangan(p.clone(), jenis),
                |r: &RuangLapangan| Syarat::Sesudah(r.nomor),
                putuskan,
            )
            .await?;
        Ok(hasil)
    }

    /// An append from the field: `putuskan` decides on a read of `jenis`
    /// (the record already there is its own answer); the write does not
    /// wait for the room's counter, and a record sent twice lands once.
    /// `Ok((hasil, false))` when it was there already.
    pub(crate) async fn tambah_lapangan<R>(
        &self,
        oleh: &Pengguna,
        aktor: &Aktor,
        p: &Pemilihan,
        jenis: &[JenisLapangan],
        putuskan: impl Fn(&RuangLapangan) -> Result<Keputusan<R, JenisLapangan>>,
    ) -> Result<(R, bool)> {
        self.ubah_ruang(
            oleh.id,
            aktor,
            p.id,
            || self.baca_ruang_lapangan(p.clone(), jenis),
            |_: &RuangLapangan| Syarat::Tambah,
            putuskan,
        )
        .await
    }

    /// The people `oleh` may name in the election's field room (an
    /// event's organiser, a task's assignee, an APK's receiver): active
    /// accounts holding `izin` somewhere inside `oleh`'s own planning
    /// scope and the election's region, `oleh` first, then by name.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn orang_lapangan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        izin: Izin,
    ) -> Result<Vec<(Uuid, String)>> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KelolaLapangan)
            .await?;
        let di_bawah = |c: &Cakupan| match c {
            Cakupan::Semua => diizinkan(&oleh.penugasan, Izin::KelolaLapangan, &Objek::Global),
            Cakupan::Wilayah(w) => {
                Self::boleh_di(oleh, Izin::KelolaLapangan, *w) && c.bersinggungan(&p.wilayah)
            }
            Cakupan::Tps(t) => {
                Self::boleh_di(oleh, Izin::KelolaLapangan, t.desa())
                    && p.wilayah.mencakup(&t.desa())
            }
        };
        let mut orang: Vec<(Uuid, String)> = self
            .store
            .daftar_pengguna()
            .await?
            .into_iter()
            .filter(|u| {
                u.aktif
                    && (u.id == oleh.id
                        || u.penugasan
                            .iter()
                            .any(|t| t.peran.izin().contains(&izin) && di_bawah(&t.cakupan)))
            })
            .map(|u| (u.id, u.nama))
            .collect();
        orang.sort_by(|a, b| (a.0 != oleh.id).cmp(&(b.0 != oleh.id)).then(a.1.cmp(&b.1)));
        Ok(orang)
    }

    /// Sets the APK quotas (a coordinator within their area, a manager
    /// anywhere in the election's region).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn atur_kuota_apk(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        kuota: KuotaApk,
    ) -> Result<()> {
        if !Self::boleh_di(oleh, Izin::KelolaLapangan, kuota.wilayah) {
            return Err(dilarang(Izin::KelolaLapangan));
        }
        self.ubah_lapangan(
            oleh,
            pemilihan_id,
            Izin::KelolaLapangan,
            &[JenisLapangan::Pengaturan],
            |r| {
                if !r.pemilihan.wilayah.mencakup(&kuota.wilayah) {
                    return Err(tolak(format!(
                        "wilayah {} di luar wilayah pemilihan",
                        kuota.wilayah
                    )));
                }
                let mut baru = r
                    .pengaturan
                    .as_ref()
                    .map(|p| p.isi.clone())
                    .unwrap_or_default();
                baru.kuota
                    .retain(|k| !(k.wilayah == kuota.wilayah && k.jenis == kuota.jenis));
                baru.kuota.push(kuota.clone());
                baru.kuota
                    .sort_by_key(|k| (k.wilayah.as_u64(), k.jenis.slug()));
                let perubahan = match &r.pengaturan {
                    Some(lama) if lama.isi == baru => Vec::new(),
                    Some(lama) => vec![Perubahan::ubah(JenisLapangan::Pengaturan, lama, &baru)?],
                    None => vec![Perubahan::baru(
                        JenisLapangan::Pengaturan,
                        Uuid::now_v7(),
                        &baru,
                    )?],
                };
                Ok(Keputusan {
                    perubahan,
                    aksi: "kuota",
                    ringkasan: format!(
                        "kuota {} di {}: {}",
                        kuota.jenis.slug(),
                        kuota.wilayah,
                        kuota.jumlah
                    ),
                    hasil: (),
                })
            },
        )
        .await
    }
}

impl RuangLapangan {
    /// Leaves out what lies outside `oleh`'s scope: a record is seen by
    /// whoever may work in its area, and a task also by its assignees.
    fn saring(&mut self, oleh: &Pengguna) {
        let boleh = |w: KodeWilayah| Posko::boleh_di(oleh, Izin::KerjaLapangan, w);
        self.acara.retain(|a| boleh(a.isi.desa));
        let acara: std::collections::HashSet<Uuid> = self.acara.iter().map(|a| a.id).collect();
        self.undangan.retain(|u| acara.contains(&u.isi.acara));
        self.hadir.retain(|h| acara.contains(&h.isi.acara));
        self.serah
            .retain(|s| s.isi.dari == oleh.id || s.isi.kepada == oleh.id || boleh(s.isi.wilayah));
        self.pasang.retain(|p| boleh(p.isi.desa));
        self.tugas
            .retain(|t| boleh(t.isi.wilayah) || t.isi.ditugaskan_kepada(oleh.id));
        let tugas: std::collections::HashSet<Uuid> = self.tugas.iter().map(|t| t.id).collect();
        self.selesai.retain(|s| tugas.contains(&s.isi.tugas));
        // A survey is its planners' (the whole region) and its
        // interviewers'; an interviewer sees their own interviews only.
        let perencana = diizinkan(
            &oleh.penugasan,
            Izin::KelolaLapangan,
            &Objek::Wilayah(self.pemilihan.wilayah),
        );
        if !perencana {
            self.survei
                .retain(|s| s.isi.pewawancara.iter().any(|w| w.pengguna == oleh.id));
            self.wawancara.retain(|w| w.isi.pewawancara == oleh.id);
        }
    }
}

#[cfg(test)]
#[path = "lapangan_tests.rs"]
mod tests;
