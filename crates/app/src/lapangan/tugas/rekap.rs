//! How far tasks got: per child area of a coordinator's scope (assigned,
//! done, late; one count per task and assignee), and the late tasks each
//! person holds, which the relawan leaderboard shows beside their work.

use std::collections::HashMap;

use posko_domain::lapangan::StatusTugas;
use posko_domain::{Cakupan, Izin, KodeWilayah};
use posko_storage::{JenisLapangan, Pengguna};
use uuid::Uuid;

use super::super::{RuangLapangan, tolak};
use crate::{AppError, Posko, Result};

/// One area's tasks: per assignee of each task whose area lies there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BarisRekapTugas {
    pub kode: Option<KodeWilayah>,
    /// Empty when the region is not stored.
    pub nama: String,
    pub ditugaskan: u64,
    pub selesai: u64,
    /// Past the due date and not done.
    pub terlambat: u64,
}

impl BarisRekapTugas {
    fn tambah(&mut self, status: StatusTugas) {
        self.ditugaskan += 1;
        match status {
            StatusTugas::Selesai => self.selesai += 1,
            StatusTugas::Terlambat => self.terlambat += 1,
            StatusTugas::Terbuka => {}
        }
    }
}

/// Completion per child area of `wilayah`; a task set on `wilayah`
/// itself is its own row. `jumlah` is the sum of the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RekapTugas {
    pub wilayah: KodeWilayah,
    pub nama: String,
    pub baris: Vec<BarisRekapTugas>,
    pub jumlah: BarisRekapTugas,
}

/// The area `oleh` plans for by default in an election over `wilayah`:
/// the whole region when they plan all of it, else their first planning
/// scope inside it (a TPS scope plans its desa).
fn wilayah_awal(oleh: &Pengguna, wilayah: KodeWilayah) -> Option<KodeWilayah> {
    if Posko::boleh_di(oleh, Izin::KelolaLapangan, wilayah) {
        return Some(wilayah);
    }
    oleh.penugasan
        .iter()
        .filter(|t| t.peran.izin().contains(&Izin::KelolaLapangan))
        .find_map(|t| match t.cakupan {
            Cakupan::Wilayah(w) if wilayah.mencakup(&w) => Some(w),
            Cakupan::Tps(k) if wilayah.mencakup(&k.desa()) => Some(k.desa()),
            _ => None,
        })
}

impl RuangLapangan {
    /// Completion per child area of `wilayah` (names left empty).
    pub fn rekap_tugas(&self, wilayah: KodeWilayah) -> Vec<BarisRekapTugas> {
        let anak = wilayah.tingkat().child();
        let mut per: HashMap<u64, BarisRekapTugas> = HashMap::new();
        for t in self
            .tugas
            .iter()
            .filter(|t| wilayah.mencakup(&t.isi.wilayah))
        {
            let kode = match anak {
                Some(a) if t.isi.wilayah.tingkat() >= a => t.isi.wilayah.at(a),
                _ => wilayah,
            };
            let baris = per.entry(kode.as_u64()).or_insert_with(|| BarisRekapTugas {
                kode: Some(kode),
                ..Default::default()
            });
            for orang in t.isi.orang() {
                baris.tambah(self.status_tugas(t, orang));
            }
        }
        let mut v: Vec<BarisRekapTugas> = per.into_values().collect();
        v.sort_by_key(|b| b.kode.map(|k| (k != wilayah, k.as_u64())));
        v
    }

    /// Late tasks per assignee.
    pub fn terlambat_per_orang(&self) -> HashMap<Uuid, u64> {
        let mut out = HashMap::new();
        for t in &self.tugas {
            for orang in t.isi.orang() {
                if self.status_tugas(t, orang) == StatusTugas::Terlambat {
                    *out.entry(orang).or_insert(0) += 1;
                }
            }
        }
        out
    }
}

impl Posko {
    /// How far the tasks of an area got, per child area: for someone who
    /// plans that area (`wilayah`; by default the whole election's region
    /// or the first area they plan in it).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn rekap_tugas(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        wilayah: Option<KodeWilayah>,
    ) -> Result<RekapTugas> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KelolaLapangan)
            .await?;
        let wilayah = match wilayah {
            Some(w) => {
                if !p.wilayah.mencakup(&w) {
                    return Err(tolak(format!("wilayah {w} di luar wilayah pemilihan")));
                }
                if !Self::boleh_di(oleh, Izin::KelolaLapangan, w) {
                    return Err(AppError::Dilarang(format!(
                        "wilayah {w} di luar wilayah tugas Anda"
                    )));
                }
                w
            }
            None => wilayah_awal(oleh, p.wilayah).ok_or_else(|| {
                AppError::Dilarang("tidak ada wilayah yang Anda rencanakan di pemilihan ini".into())
            })?,
        };
        let r = self
            .baca_ruang_lapangan(p, &[JenisLapangan::Tugas, JenisLapangan::Selesai])
            .await?;
        let mut baris = r.rekap_tugas(wilayah);
        let mut kode: Vec<KodeWilayah> = baris.iter().filter_map(|b| b.kode).collect();
        kode.push(wilayah);
        let nama = self.nama_wilayah_banyak(&kode).await?;
        let mut jumlah = BarisRekapTugas::default();
        for b in &mut baris {
            if let Some(k) = b.kode {
                b.nama = nama.get(&k).cloned().unwrap_or_default();
            }
            jumlah.ditugaskan += b.ditugaskan;
            jumlah.selesai += b.selesai;
            jumlah.terlambat += b.terlambat;
        }
        Ok(RekapTugas {
            nama: nama.get(&wilayah).cloned().unwrap_or_default(),
            wilayah,
            baris,
            jumlah,
        })
    }

    /// Late tasks per person (pengguna id) in every election whose region
    /// touches `wilayah`: what the relawan leaderboard shows. Asked by a
    /// caller that has checked the reader may see the area.
    pub(crate) async fn tugas_terlambat_di(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<HashMap<Uuid, u64>> {
        let mut out: HashMap<Uuid, u64> = HashMap::new();
        for p in self.store.daftar_pemilihan().await? {
            if !(p.wilayah.mencakup(&wilayah) || wilayah.mencakup(&p.wilayah)) {
                continue;
            }
            let r = self
                .baca_ruang_lapangan(p, &[JenisLapangan::Tugas, JenisLapangan::Selesai])
                .await?;
            for (orang, n) in r.terlambat_per_orang() {
                *out.entry(orang).or_insert(0) += n;
            }
        }
        Ok(out)
    }
}
