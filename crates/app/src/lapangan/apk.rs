//! Campaign materials (APK): items and the stock the campaign received,
//! hand-overs down the tree (giver and receiver), installations with
//! photo, time and GPS from the relawan's phone, and their take-down.
//!
//! Stock is counted per person: what someone received for the campaign,
//! plus what was handed to them, minus what they handed on. A hand-over
//! is a change of the room at its counter (compare-and-swap), so two
//! hand-overs of the same stock at once cannot both land. Installations
//! and take-downs ([`pasang`]) come from a phone's offline queue.

mod pasang;
#[cfg(test)]
mod tests;

use posko_domain::lapangan::{JenisApk, JenisTempat};
use posko_domain::{Cakupan, Izin, KodeWilayah};
use posko_storage::{JenisLapangan, Pengguna};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Keputusan, Perubahan, RuangLapangan, Tersimpan, tolak};
use crate::{Posko, Result};

pub use pasang::{PasangBaru, SisaKuota, TurunBaru};

/// An item and what the campaign received of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarangApk {
    pub jenis: JenisApk,
    /// e.g. "Baliho 3×4 m paslon".
    pub nama: String,
    /// Rupiah per unit (for the finance room's valuation).
    pub nilai_satuan: u64,
    /// Units received by the campaign (each receipt adds).
    pub diterima: u64,
    /// Each receipt: who holds what came in.
    #[serde(default)]
    pub penerimaan: Vec<TerimaApk>,
}

/// Units of an item received by the campaign, held by `oleh`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerimaApk {
    pub jumlah: u64,
    pub oleh: Uuid,
    /// Unix seconds.
    pub waktu: i64,
}

/// Units of an item handed from one person to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SerahApk {
    pub barang: Uuid,
    pub jumlah: u64,
    /// Giver and receiver (pengguna ids).
    pub dari: Uuid,
    pub kepada: Uuid,
    /// The receiver's area (for who may see the hand-over).
    pub wilayah: KodeWilayah,
    /// Unix seconds, by the giver's phone.
    pub waktu: i64,
}

/// One item put up somewhere, then taken down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasangApk {
    pub barang: Uuid,
    pub jenis: JenisApk,
    pub desa: KodeWilayah,
    pub tempat: JenisTempat,
    pub keterangan: String,
    /// SHA-256 of the photo in the photo store.
    pub foto: String,
    pub lat: f64,
    pub lng: f64,
    /// Unix seconds, by the phone.
    pub waktu: i64,
    pub dipasang_oleh: Uuid,
    pub turun: Option<TurunApk>,
}

/// The take-down, proved by a photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurunApk {
    pub foto: String,
    pub waktu: i64,
    pub oleh: Uuid,
}

/// Longest item name and note kept.
pub const NAMA_MAKS: usize = 200;
/// Most units of one receipt or hand-over.
pub const JUMLAH_MAKS: u64 = 10_000_000;

/// Stock received, as a coordinator or manager fills it in: a new item
/// (`barang` None, with its kind, name and unit value) or more of one.
#[derive(Debug, Clone)]
pub struct TerimaBaru {
    pub barang: Option<Uuid>,
    pub jenis: JenisApk,
    pub nama: String,
    pub nilai_satuan: u64,
    pub jumlah: u64,
}

/// A hand-over as its giver fills it in.
#[derive(Debug, Clone)]
pub struct SerahBaru {
    pub barang: Uuid,
    pub jumlah: u64,
    pub kepada: Uuid,
}

pub(crate) fn periksa_teks(apa: &str, s: &str, wajib: bool) -> Result<String> {
    let s = s.trim();
    if wajib && s.is_empty() {
        return Err(tolak(format!("{apa} wajib diisi")));
    }
    if s.chars().count() > NAMA_MAKS {
        return Err(tolak(format!("{apa} paling panjang {NAMA_MAKS} huruf")));
    }
    if s.chars().any(|c| c.is_control()) {
        return Err(tolak(format!("{apa} berisi karakter kendali")));
    }
    Ok(s.to_string())
}

fn periksa_jumlah(jumlah: u64) -> Result<u64> {
    if jumlah == 0 || jumlah > JUMLAH_MAKS {
        return Err(tolak(format!("jumlah harus 1 sampai {JUMLAH_MAKS} unit")));
    }
    Ok(jumlah)
}

pub(crate) fn cari_barang(r: &RuangLapangan, id: Uuid) -> Result<&Tersimpan<BarangApk>> {
    r.barang
        .iter()
        .find(|b| b.id == id)
        .ok_or_else(|| tolak("barang APK tidak dikenal"))
}

impl RuangLapangan {
    /// Units of `barang` that `orang` holds: received by them, plus handed
    /// to them, minus handed on. Read on the whole room.
    pub fn stok_dipegang(&self, barang: Uuid, orang: Uuid) -> u64 {
        let mut n: i128 = 0;
        if let Some(b) = self.barang.iter().find(|b| b.id == barang) {
            n += b
                .isi
                .penerimaan
                .iter()
                .filter(|t| t.oleh == orang)
                .map(|t| t.jumlah as i128)
                .sum::<i128>();
        }
        for s in self.serah.iter().filter(|s| s.isi.barang == barang) {
            if s.isi.kepada == orang {
                n += s.isi.jumlah as i128;
            }
            if s.isi.dari == orang {
                n -= s.isi.jumlah as i128;
            }
        }
        n.max(0) as u64
    }

    /// Installations still standing (not yet proved down).
    pub fn apk_berdiri(&self) -> impl Iterator<Item = &Tersimpan<PasangApk>> {
        self.pasang.iter().filter(|p| p.isi.turun.is_none())
    }

    /// The take-down checklist: every installation still standing once the
    /// campaign's last day is past (empty before), by desa then time.
    pub fn wajib_turun(&self) -> Vec<&Tersimpan<PasangApk>> {
        let mut v: Vec<_> = self
            .apk_berdiri()
            .filter(|_| posko_domain::lapangan::wajib_turun(&self.masa, self.hari_ini, false))
            .collect();
        v.sort_by_key(|p| (p.isi.desa.as_u64(), p.isi.waktu, p.id));
        v
    }
}

/// The area a person works in, for a hand-over's visibility: the first
/// scope where they hold `KerjaLapangan` inside the election's region.
fn wilayah_orang(p: &Pengguna, wilayah_pemilihan: KodeWilayah) -> Option<KodeWilayah> {
    p.penugasan
        .iter()
        .filter(|t| t.peran.izin().contains(&Izin::KerjaLapangan))
        .find_map(|t| match t.cakupan {
            Cakupan::Semua => Some(wilayah_pemilihan),
            Cakupan::Wilayah(w) if wilayah_pemilihan.mencakup(&w) => Some(w),
            Cakupan::Wilayah(w) if w.mencakup(&wilayah_pemilihan) => Some(wilayah_pemilihan),
            Cakupan::Tps(t) if wilayah_pemilihan.mencakup(&t.desa()) => Some(t.desa()),
            _ => None,
        })
}

impl Posko {
    /// Records stock received by `oleh` (a coordinator or manager): a new
    /// item, or more units of one. Returns the item's id.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn terima_apk(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        baru: TerimaBaru,
    ) -> Result<Uuid> {
        let jumlah = periksa_jumlah(baru.jumlah)?;
        let nama = match baru.barang {
            None => periksa_teks("nama barang", &baru.nama, true)?,
            Some(_) => String::new(),
        };
        let waktu = (self.jam)().unix_timestamp();
        let id_baru = Uuid::now_v7();
        self.ubah_lapangan(
            oleh,
            pemilihan_id,
            Izin::KelolaLapangan,
            &[JenisLapangan::Barang],
            |r| {
                let terima = TerimaApk {
                    jumlah,
                    oleh: oleh.id,
                    waktu,
                };
                let (perubahan, id, label) = match baru.barang {
                    Some(id) => {
                        let lama = cari_barang(r, id)?;
                        let mut isi = lama.isi.clone();
                        isi.diterima = isi.diterima.saturating_add(jumlah);
                        isi.penerimaan.push(terima);
                        let label = isi.nama.clone();
                        (
                            Perubahan::ubah(JenisLapangan::Barang, lama, &isi)?,
                            id,
                            label,
                        )
                    }
                    None => {
                        let isi = BarangApk {
                            jenis: baru.jenis,
                            nama: nama.clone(),
                            nilai_satuan: baru.nilai_satuan,
                            diterima: jumlah,
                            penerimaan: vec![terima],
                        };
                        (
                            Perubahan::baru(JenisLapangan::Barang, id_baru, &isi)?,
                            id_baru,
                            nama.clone(),
                        )
                    }
                };
                Ok(Keputusan {
                    perubahan: vec![perubahan],
                    aksi: "apk.terima",
                    ringkasan: format!("{jumlah} unit {label} diterima"),
                    hasil: id,
                })
            },
        )
        .await
    }

    /// Hands units of an item from `oleh` to someone in their area, when
    /// `oleh` holds that many.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn serahkan_apk(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        baru: SerahBaru,
    ) -> Result<Uuid> {
        let jumlah = periksa_jumlah(baru.jumlah)?;
        if baru.kepada == oleh.id {
            return Err(tolak("penerima harus orang lain"));
        }
        let boleh: Vec<Uuid> = self
            .orang_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let kepada = self
            .store
            .ambil_pengguna(baru.kepada)
            .await?
            .filter(|p| p.aktif && boleh.contains(&p.id))
            .ok_or_else(|| {
                tolak("penerima harus relawan atau koordinator aktif di wilayah Anda")
            })?;
        let waktu = (self.jam)().unix_timestamp();
        let id = Uuid::now_v7();
        self.ubah_lapangan(
            oleh,
            pemilihan_id,
            Izin::KelolaLapangan,
            &[JenisLapangan::Barang, JenisLapangan::Serah],
            |r| {
                let b = cari_barang(r, baru.barang)?;
                let wilayah = wilayah_orang(&kepada, r.pemilihan.wilayah)
                    .ok_or_else(|| tolak("penerima tidak bertugas di wilayah pemilihan ini"))?;
                let ada = r.stok_dipegang(b.id, oleh.id);
                if ada < jumlah {
                    return Err(tolak(format!(
                        "stok {} yang Anda pegang {ada} unit, kurang dari {jumlah}",
                        b.isi.nama
                    )));
                }
                let s = SerahApk {
                    barang: b.id,
                    jumlah,
                    dari: oleh.id,
                    kepada: kepada.id,
                    wilayah,
                    waktu,
                };
                Ok(Keputusan {
                    perubahan: vec![Perubahan::baru(JenisLapangan::Serah, id, &s)?],
                    aksi: "apk.serah",
                    ringkasan: format!(
                        "{jumlah} unit {} diserahkan {} kepada {}",
                        b.isi.nama, oleh.nama, kepada.nama
                    ),
                    hasil: id,
                })
            },
        )
        .await
    }

    /// Units of each item `oleh` holds now: (item, units), items they hold
    /// none of left out.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn stok_apk_saya(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<Vec<(Uuid, u64)>> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await?;
        let r = self
            .baca_ruang_lapangan(p, &[JenisLapangan::Barang, JenisLapangan::Serah])
            .await?;
        Ok(r.barang
            .iter()
            .map(|b| (b.id, r.stok_dipegang(b.id, oleh.id)))
            .filter(|(_, n)| *n > 0)
            .collect())
    }
}
