//! Installations and take-downs, sent from a relawan's phone (perhaps
//! hours after, from its offline queue): each with a photo bound to the
//! election in the photo store, the phone's time and GPS.
//!
//! An installation's id is derived from its sender and the phone's own
//! key (`kunci_klien`), so a resend lands once. Where a quota governs the
//! place, the write names the room's counter it read (two installations
//! racing for the last unit cannot both land); elsewhere it is a plain
//! append. A take-down is the installation's next version, written once.

use posko_domain::lapangan::{JenisApk, JenisTempat, boleh_pasang, sisa_kuota};
use posko_domain::{Izin, KodeWilayah, Tingkat, ZonaWaktu};
use posko_storage::{JenisLapangan, Pengguna, Syarat};
use uuid::Uuid;

use super::super::{Keputusan, KuotaApk, Perubahan, RuangLapangan, id_dari, tolak};
use super::{PasangApk, TurunApk, cari_barang, periksa_teks};
use crate::berkas_terikat::Ikatan;
use crate::{Aktor, AppError, Posko, Result};

/// A photo of an installation or a take-down, bound to its election.
const FOTO_APK: Ikatan = Ikatan {
    entitas: "lapangan_apk_foto",
    aksi: "lapangan.apk.foto",
    apa: "foto APK",
};

/// A phone's time this far ahead of the server's is refused.
const DETIK_DEPAN_MAKS: i64 = 15 * 60;
/// An installation stamped longer ago than this is refused: a phone
/// offline for a week still syncs, but a date cannot be set back to
/// install after the campaign as if during it.
const DETIK_LALU_MAKS: i64 = 7 * 24 * 3600;

/// An installation as the relawan's phone sends it.
#[derive(Debug, Clone)]
pub struct PasangBaru {
    /// The phone's own key of this entry (8–80 letters, digits, `-_.:`).
    pub kunci_klien: String,
    pub barang: Uuid,
    pub desa: KodeWilayah,
    pub tempat: JenisTempat,
    pub keterangan: String,
    /// (file name, bytes) of the photo.
    pub foto: Option<(String, Vec<u8>)>,
    /// From the phone's GPS; None when it gave none.
    pub lokasi: Option<(f64, f64)>,
    /// Unix seconds by the phone; None: now, by the server's clock.
    pub waktu: Option<i64>,
}

/// A take-down as the phone sends it.
#[derive(Debug, Clone)]
pub struct TurunBaru {
    pub foto: Option<(String, Vec<u8>)>,
    /// Unix seconds by the phone; None: now, by the server's clock.
    pub waktu: Option<i64>,
}

/// One quota with what stands against it and what is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SisaKuota {
    pub kuota: KuotaApk,
    pub terpasang: u32,
    pub sisa: u32,
}

fn cek_kunci(k: &str) -> Result<()> {
    let ok = (8..=80).contains(&k.len())
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(tolak(
            "kunci_klien harus 8–80 huruf, angka, '-', '_', '.' atau ':'",
        ))
    }
}

fn cek_lokasi(lokasi: Option<(f64, f64)>) -> Result<(f64, f64)> {
    match lokasi {
        None => Err(tolak(
            "lokasi GPS wajib: izinkan lokasi di ponsel lalu kirim lagi",
        )),
        Some((lat, lng))
            if lat.is_finite()
                && lng.is_finite()
                && (-90.0..=90.0).contains(&lat)
                && (-180.0..=180.0).contains(&lng)
                && (lat, lng) != (0.0, 0.0) =>
        {
            Ok((lat, lng))
        }
        Some(_) => Err(tolak("koordinat GPS tidak sah")),
    }
}

impl RuangLapangan {
    /// Items of `jenis` standing in `wilayah` (read on the whole room).
    pub fn terpasang_di(&self, wilayah: KodeWilayah, jenis: JenisApk) -> u32 {
        self.apk_berdiri()
            .filter(|p| p.isi.jenis == jenis && wilayah.mencakup(&p.isi.desa))
            .count() as u32
    }

    /// What is left of the quota governing `desa` for `jenis` (None: no
    /// quota set).
    pub fn sisa_kuota_di(&self, desa: KodeWilayah, jenis: JenisApk) -> Option<SisaKuota> {
        let k = self.kuota(desa, jenis)?;
        let terpasang = self.terpasang_di(k.wilayah, jenis);
        Some(SisaKuota {
            kuota: k.clone(),
            terpasang,
            sisa: sisa_kuota(Some(k.jumlah), terpasang).unwrap_or(0),
        })
    }
}

impl Posko {
    /// The quotas touching `oleh`'s field area, each with what stands
    /// against it and what is left (counted on the whole room).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn kuota_apk(&self, oleh: &Pengguna, pemilihan_id: Uuid) -> Result<Vec<SisaKuota>> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await?;
        let r = self
            .baca_ruang_lapangan(p, &[JenisLapangan::Pengaturan, JenisLapangan::Pasang])
            .await?;
        let mut v: Vec<SisaKuota> = r
            .pengaturan
            .iter()
            .flat_map(|s| s.isi.kuota.iter())
            .filter(|k| {
                oleh.penugasan.iter().any(|t| {
                    t.peran.izin().contains(&Izin::KerjaLapangan)
                        && match t.cakupan {
                            posko_domain::Cakupan::Tps(tps) => k.wilayah.mencakup(&tps.desa()),
                            ref c => c.bersinggungan(&k.wilayah),
                        }
                })
            })
            .map(|k| {
                let terpasang = r.terpasang_di(k.wilayah, k.jenis);
                SisaKuota {
                    kuota: k.clone(),
                    terpasang,
                    sisa: k.jumlah.saturating_sub(terpasang),
                }
            })
            .collect();
        v.sort_by_key(|s| (s.kuota.wilayah.as_u64(), s.kuota.jenis));
        Ok(v)
    }

    async fn simpan_foto_apk(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        foto: Option<(String, Vec<u8>)>,
    ) -> Result<String> {
        let (nama, bytes) = foto.ok_or_else(|| tolak("foto wajib dilampirkan"))?;
        let (hash, jenis, bytes) = crate::latar::kerja("memeriksa foto APK", move || {
            let (hash, jenis) = crate::medsos::periksa_media(&nama, &bytes)?;
            Ok::<_, AppError>((hash, jenis, bytes))
        })
        .await??;
        self.simpan_terikat(oleh, pemilihan_id, &FOTO_APK, &hash, jenis, bytes)
            .await?;
        Ok(hash)
    }

    /// Records an installation sent from a relawan's phone: refused at a
    /// forbidden place, outside the campaign period (the phone's date at
    /// the place), past the quota, without GPS or photo. Returns its id
    /// and whether it is new (false: this entry was sent before).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pasang_apk(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        baru: PasangBaru,
    ) -> Result<(Uuid, bool)> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await?;
        cek_kunci(&baru.kunci_klien)?;
        let id = id_dari(&[
            b"apk.pasang",
            oleh.id.as_bytes(),
            baru.kunci_klien.as_bytes(),
        ]);
        let jenis = [
            JenisLapangan::Pengaturan,
            JenisLapangan::Barang,
            JenisLapangan::Pasang,
        ];
        // A resend answers as the first did, before anything is checked
        // or stored again.
        let r = self.baca_ruang_lapangan(p.clone(), &jenis).await?;
        if r.pasang.iter().any(|x| x.id == id) {
            return Ok((id, false));
        }
        if baru.desa.tingkat() != Tingkat::Desa || !p.wilayah.mencakup(&baru.desa) {
            return Err(tolak(format!(
                "desa {} bukan desa di wilayah pemilihan",
                baru.desa
            )));
        }
        if !Self::boleh_di(oleh, Izin::KerjaLapangan, baru.desa) {
            return Err(AppError::Dilarang(format!(
                "desa {} di luar wilayah tugas Anda",
                baru.desa
            )));
        }
        let keterangan = periksa_teks("keterangan", &baru.keterangan, false)?;
        let (lat, lng) = cek_lokasi(baru.lokasi)?;
        let sekarang = (self.jam)().unix_timestamp();
        let waktu = baru.waktu.unwrap_or(sekarang);
        if waktu > sekarang + DETIK_DEPAN_MAKS {
            return Err(tolak("waktu pemasangan di masa depan; periksa jam ponsel"));
        }
        if waktu < sekarang - DETIK_LALU_MAKS {
            return Err(tolak(
                "waktu pemasangan lebih dari 7 hari lalu; periksa jam ponsel",
            ));
        }
        let tanggal = time::OffsetDateTime::from_unix_timestamp(waktu)
            .map_err(|_| tolak("waktu pemasangan tidak sah"))?
            .to_offset(ZonaWaktu::dari_wilayah(&baru.desa).offset())
            .date();
        // The rules first, on this read: a refused installation stores
        // no photo.
        let putuskan = |r: &RuangLapangan, foto: &str| -> Result<Keputusan<Uuid, JenisLapangan>> {
            let b = cari_barang(r, baru.barang)?;
            if !b.isi.jenis.dipasang() {
                return Err(tolak(format!("{} dibagikan, tidak dipasang", b.isi.nama)));
            }
            if r.pasang.iter().any(|x| x.id == id) {
                return Ok(Keputusan {
                    perubahan: Vec::new(),
                    aksi: "apk.pasang",
                    ringkasan: String::new(),
                    hasil: id,
                });
            }
            let sisa = r.sisa_kuota_di(baru.desa, b.isi.jenis);
            boleh_pasang(
                &r.masa,
                tanggal,
                baru.tempat,
                sisa.as_ref().map(|s| s.kuota.jumlah),
                sisa.as_ref().map_or(0, |s| s.terpasang),
            )
            .map_err(|e| match (&e, &sisa) {
                (posko_domain::lapangan::AlasanTolakApk::KuotaHabis, Some(s)) => tolak(format!(
                    "{e}: {} dari {} {} di {} sudah terpasang, sisa {}",
                    s.terpasang,
                    s.kuota.jumlah,
                    b.isi.jenis.slug(),
                    s.kuota.wilayah,
                    s.sisa
                )),
                _ => tolak(e.to_string()),
            })?;
            let isi = PasangApk {
                barang: b.id,
                jenis: b.isi.jenis,
                desa: baru.desa,
                tempat: baru.tempat,
                keterangan: keterangan.clone(),
                foto: foto.to_string(),
                lat,
                lng,
                waktu,
                dipasang_oleh: oleh.id,
                turun: None,
            };
            Ok(Keputusan {
                perubahan: vec![Perubahan::baru(JenisLapangan::Pasang, id, &isi)?],
                aksi: "apk.pasang",
                ringkasan: format!(
                    "{} dipasang di {} ({}) oleh {}",
                    b.isi.nama,
                    baru.desa,
                    baru.tempat.slug(),
                    oleh.nama
                ),
                hasil: id,
            })
        };
        putuskan(&r, "")?;
        let foto = self.simpan_foto_apk(oleh, p.id, baru.foto).await?;
        let (id, baru_ditulis) = self
            .ubah_ruang(
                oleh.id,
                &Aktor::pengguna(oleh),
                p.id,
                || self.baca_ruang_lapangan(p.clone(), &jenis),
                // Under a quota the count read must still hold when written.
                |r: &RuangLapangan| match cari_barang(r, baru.barang)
                    .ok()
                    .and_then(|b| r.kuota(baru.desa, b.isi.jenis))
                {
                    Some(_) => Syarat::Sesudah(r.nomor),
                    None => Syarat::Tambah,
                },
                |r| putuskan(r, &foto),
            )
            .await?;
        Ok((id, baru_ditulis))
    }

    /// Proves an installation down with a photo: only once the campaign's
    /// last day is past, by someone who works in its desa; recorded once
    /// (false: it was down already).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn turunkan_apk(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        pasang_id: Uuid,
        baru: TurunBaru,
    ) -> Result<bool> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await?;
        let sekarang = (self.jam)().unix_timestamp();
        let waktu = baru.waktu.unwrap_or(sekarang);
        if waktu > sekarang + DETIK_DEPAN_MAKS {
            return Err(tolak("waktu penurunan di masa depan; periksa jam ponsel"));
        }
        let putuskan = |r: &RuangLapangan, foto: &str| -> Result<Keputusan<bool, JenisLapangan>> {
            let x = r
                .pasang
                .iter()
                .find(|x| x.id == pasang_id)
                .filter(|x| Self::boleh_di(oleh, Izin::KerjaLapangan, x.isi.desa))
                .ok_or_else(|| AppError::NotFound(format!("APK {pasang_id}")))?;
            if x.isi.turun.is_some() {
                return Ok(Keputusan {
                    perubahan: Vec::new(),
                    aksi: "apk.turun",
                    ringkasan: String::new(),
                    hasil: false,
                });
            }
            if !posko_domain::lapangan::wajib_turun(&r.masa, r.hari_ini, false) {
                return Err(tolak(format!(
                    "APK diturunkan setelah masa kampanye berakhir ({})",
                    r.masa.akhir
                )));
            }
            let mut isi = x.isi.clone();
            isi.turun = Some(TurunApk {
                foto: foto.to_string(),
                waktu,
                oleh: oleh.id,
            });
            Ok(Keputusan {
                perubahan: vec![Perubahan::ubah(JenisLapangan::Pasang, x, &isi)?],
                aksi: "apk.turun",
                ringkasan: format!(
                    "APK {} di {} diturunkan oleh {}",
                    isi.jenis.slug(),
                    isi.desa,
                    oleh.nama
                ),
                hasil: true,
            })
        };
        let r = self
            .baca_ruang_lapangan(p.clone(), &[JenisLapangan::Pasang])
            .await?;
        if !putuskan(&r, "")?.hasil {
            return Ok(false);
        }
        let foto = self.simpan_foto_apk(oleh, p.id, baru.foto).await?;
        let (hasil, _) = self
            .tambah_lapangan(
                oleh,
                &Aktor::pengguna(oleh),
                &p,
                &[JenisLapangan::Pasang],
                |r| putuskan(r, &foto),
            )
            .await?;
        Ok(hasil)
    }

    /// A photo of an installation (or of its take-down) that `oleh` may
    /// see: None when no installation in their scope names it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn foto_apk(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        pasang_id: Uuid,
        hash: &str,
    ) -> Result<Option<(Vec<u8>, &'static str)>> {
        let r = self
            .ruang_lapangan(oleh, pemilihan_id, &[JenisLapangan::Pasang])
            .await?;
        let hash = hash.to_ascii_lowercase();
        let dikenal = r.pasang.iter().any(|x| {
            x.id == pasang_id
                && (x.isi.foto == hash || x.isi.turun.as_ref().is_some_and(|t| t.foto == hash))
        });
        if !dikenal || !crate::foto::hash_sah(&hash) {
            return Ok(None);
        }
        self.baca_terikat(&FOTO_APK, &hash).await
    }
}
