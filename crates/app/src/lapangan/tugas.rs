//! Tasks (instructions) down the tree: an area, a person or every
//! relawan under a coordinator, a due date and the proof it needs;
//! each assignee's completion recorded once with its proof.
//!
//! Sending is planning (`Izin::KelolaLapangan` over the task's area); the
//! assignee is someone the sender may name ([`Posko::orang_lapangan`]) or
//! every relawan with an account below a coordinator in the relawan
//! tree, resolved when the task is sent. Completing is field work
//! (`Izin::KerjaLapangan`), only by an assignee, from a phone that may
//! send it twice: the record's id is the task's and the assignee's
//! ([`id_dari`]), so it lands once. A photo proof goes to the photo store
//! bound to its election ([`crate::berkas_terikat`]). What is late and
//! how far each area got: [`rekap`].

pub mod rekap;
#[cfg(test)]
mod tests;

use posko_domain::KodeWilayah;
use posko_domain::lapangan::{Bukti, JenisBukti};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

/// Who a task goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "jenis", content = "id")]
pub enum Penerima {
    /// One person (pengguna id).
    Orang(Uuid),
    /// Every relawan below a coordinator in the tree, as it stood when
    /// the task was sent (pengguna ids, resolved then).
    Bawahan { koordinator: Uuid, orang: Vec<Uuid> },
}

/// A task sent down the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tugas {
    pub judul: String,
    pub uraian: String,
    pub wilayah: KodeWilayah,
    pub penerima: Penerima,
    pub batas: Date,
    pub bukti: JenisBukti,
    pub dibuat_oleh: Uuid,
}

impl Tugas {
    /// The people who must each complete it.
    pub fn orang(&self) -> Vec<Uuid> {
        match &self.penerima {
            Penerima::Orang(id) => vec![*id],
            Penerima::Bawahan { orang, .. } => orang.clone(),
        }
    }

    pub fn ditugaskan_kepada(&self, id: Uuid) -> bool {
        match &self.penerima {
            Penerima::Orang(o) => *o == id,
            Penerima::Bawahan { orang, .. } => orang.contains(&id),
        }
    }
}

/// One assignee's completion with its proof (recorded once: its id is
/// the task's and the assignee's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelesaiTugas {
    pub tugas: Uuid,
    pub oleh: Uuid,
    pub bukti: Bukti,
    /// Unix seconds, by the phone.
    pub waktu: i64,
}

use posko_domain::Izin;
use posko_domain::lapangan::{StatusTugas, periksa_bukti, status_tugas};
use posko_storage::{JenisLapangan, Pengguna};

use super::{Keputusan, Perubahan, RuangLapangan, Tersimpan, id_dari, tolak};
use crate::{Aktor, AppError, Posko, Result};

/// Longest title, and longest description, in characters.
pub const JUDUL_MAKS: usize = 200;
pub const URAIAN_MAKS: usize = 2_000;
/// A completion stamped this far in the future by the phone's clock is
/// refused (a phone set wrong, or a forged one).
const DETIK_DEPAN_MAKS: i64 = 15 * 60;

/// A photo proof's binding to its election.
const FOTO_BUKTI: crate::berkas_terikat::Ikatan = crate::berkas_terikat::Ikatan {
    entitas: "lapangan_bukti_tugas",
    aksi: "lapangan.tugas.foto",
    apa: "foto bukti tugas",
};

/// Whom a new task goes to, as the sender picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kepada {
    /// One person (pengguna id).
    Orang(Uuid),
    /// Every relawan below this coordinator (pengguna id) in the tree.
    BawahanDari(Uuid),
}

/// A new task as its sender fills it in.
#[derive(Debug, Clone)]
pub struct TugasBaru {
    pub judul: String,
    pub uraian: String,
    pub wilayah: KodeWilayah,
    pub kepada: Kepada,
    pub batas: Date,
    pub bukti: JenisBukti,
}

/// What an assignee sends: a photo's bytes, or a value.
#[derive(Debug, Clone)]
pub enum BuktiKiriman {
    Foto { nama: String, bytes: Vec<u8> },
    Nilai(Bukti),
}

impl BuktiKiriman {
    fn jenis(&self) -> JenisBukti {
        match self {
            BuktiKiriman::Foto { .. } | BuktiKiriman::Nilai(Bukti::Foto(_)) => JenisBukti::Foto,
            BuktiKiriman::Nilai(Bukti::Gps { .. }) => JenisBukti::Gps,
            BuktiKiriman::Nilai(Bukti::Angka(_)) => JenisBukti::Angka,
            BuktiKiriman::Nilai(Bukti::YaTidak(_)) => JenisBukti::YaTidak,
        }
    }
}

/// The proof kind in words (the API's and the refusals' language).
pub fn nama_bukti(j: JenisBukti) -> &'static str {
    match j {
        JenisBukti::Foto => "foto",
        JenisBukti::Gps => "lokasi GPS",
        JenisBukti::Angka => "angka",
        JenisBukti::YaTidak => "ya/tidak",
    }
}

fn periksa_teks(apa: &str, s: &str, wajib: bool, maks: usize) -> Result<String> {
    let s = s.trim();
    if wajib && s.is_empty() {
        return Err(tolak(format!("{apa} wajib diisi")));
    }
    if s.chars().count() > maks {
        return Err(tolak(format!("{apa} paling panjang {maks} huruf")));
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(tolak(format!("{apa} berisi karakter kendali")));
    }
    Ok(s.to_string())
}

/// The task `id` as `oleh` may act on it to complete it: 404 when they
/// cannot see it, 403 when they see it (their area) but it is not theirs.
fn tugas_milik<'a>(
    r: &'a RuangLapangan,
    oleh: &Pengguna,
    id: Uuid,
) -> Result<&'a Tersimpan<Tugas>> {
    let t = r
        .tugas
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| AppError::NotFound(format!("tugas {id}")))?;
    if t.isi.ditugaskan_kepada(oleh.id) {
        Ok(t)
    } else if Posko::boleh_di(oleh, Izin::KerjaLapangan, t.isi.wilayah) {
        Err(AppError::Dilarang(
            "hanya penerima tugas yang bisa menyelesaikannya".into(),
        ))
    } else {
        Err(AppError::NotFound(format!("tugas {id}")))
    }
}

/// The completion record's id: one per task and assignee.
pub fn id_selesai(tugas: Uuid, orang: Uuid) -> Uuid {
    id_dari(&[tugas.as_bytes(), orang.as_bytes()])
}

impl Posko {
    /// Sends a task: in an area the sender plans for, inside the
    /// election's region, due today or later, to someone the sender may
    /// name or to every relawan (with an account, active) below a
    /// coordinator the sender may name, resolved now.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn kirim_tugas(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        baru: TugasBaru,
    ) -> Result<Uuid> {
        if !Self::boleh_di(oleh, Izin::KelolaLapangan, baru.wilayah) {
            return Err(AppError::Dilarang(format!(
                "wilayah {} di luar wilayah tugas Anda",
                baru.wilayah
            )));
        }
        let judul = periksa_teks("judul", &baru.judul, true, JUDUL_MAKS)?;
        let uraian = periksa_teks("uraian", &baru.uraian, false, URAIAN_MAKS)?;
        if self.store.ambil_wilayah(baru.wilayah).await?.is_none() {
            return Err(tolak(format!("wilayah {} tidak dikenal", baru.wilayah)));
        }
        let hari_ini = self.hari_ini_lapangan();
        if baru.batas < hari_ini {
            return Err(tolak(format!(
                "batas waktu {} sudah lewat (hari ini {hari_ini})",
                baru.batas
            )));
        }
        let penerima = match baru.kepada {
            Kepada::Orang(id) => {
                let boleh = self
                    .orang_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
                    .await?;
                if !boleh.iter().any(|(o, _)| *o == id) {
                    return Err(tolak(
                        "penerima: orang ini tidak bisa Anda beri tugas di pemilihan ini",
                    ));
                }
                Penerima::Orang(id)
            }
            Kepada::BawahanDari(k) => {
                let boleh = self
                    .orang_lapangan(oleh, pemilihan_id, Izin::KelolaLapangan)
                    .await?;
                if !boleh.iter().any(|(o, _)| *o == k) {
                    return Err(tolak(
                        "penerima: koordinator ini tidak bisa Anda beri tugas di pemilihan ini",
                    ));
                }
                let koor = self
                    .store
                    .cari_relawan_pengguna(k)
                    .await?
                    .filter(|r| r.aktif)
                    .ok_or_else(|| tolak("penerima: koordinator ini tidak ada di pohon relawan"))?;
                let aktif: std::collections::HashSet<Uuid> = self
                    .store
                    .daftar_pengguna()
                    .await?
                    .into_iter()
                    .filter(|p| p.aktif)
                    .map(|p| p.id)
                    .collect();
                let mut orang: Vec<Uuid> = self
                    .store
                    .daftar_relawan_bawahan(koor.id)
                    .await?
                    .into_iter()
                    .filter(|r| r.aktif)
                    .filter_map(|r| r.pengguna_id)
                    .filter(|id| aktif.contains(id) && *id != k)
                    .collect();
                orang.sort();
                orang.dedup();
                if orang.is_empty() {
                    return Err(tolak(
                        "penerima: belum ada relawan berakun di bawah koordinator ini",
                    ));
                }
                Penerima::Bawahan {
                    koordinator: k,
                    orang,
                }
            }
        };
        let id = Uuid::now_v7();
        let tugas = Tugas {
            judul,
            uraian,
            wilayah: baru.wilayah,
            penerima,
            batas: baru.batas,
            bukti: baru.bukti,
            dibuat_oleh: oleh.id,
        };
        self.ubah_lapangan(oleh, pemilihan_id, Izin::KelolaLapangan, &[], |r| {
            if !r.pemilihan.wilayah.mencakup(&tugas.wilayah) {
                return Err(tolak(format!(
                    "wilayah {} di luar wilayah pemilihan",
                    tugas.wilayah
                )));
            }
            Ok(Keputusan {
                perubahan: vec![Perubahan::baru(JenisLapangan::Tugas, id, &tugas)?],
                aksi: "tugas.kirim",
                ringkasan: format!(
                    "tugas \"{}\" di {} untuk {} orang, batas {}, bukti {}",
                    tugas.judul,
                    tugas.wilayah,
                    tugas.orang().len(),
                    tugas.batas,
                    tugas.bukti.slug()
                ),
                hasil: id,
            })
        })
        .await
    }

    /// Records `oleh`'s completion of a task with its proof (perhaps hours
    /// after it was done, from the phone's queue): only an assignee, only
    /// the proof the task asks for, once. `Ok(false)` when it was recorded
    /// already (a resend): the first stays.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn selesaikan_tugas(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        tugas_id: Uuid,
        kiriman: BuktiKiriman,
        waktu: Option<i64>,
    ) -> Result<bool> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await?;
        let sekarang = (self.jam)().unix_timestamp();
        let waktu = waktu.unwrap_or(sekarang);
        if waktu > sekarang + DETIK_DEPAN_MAKS {
            return Err(tolak("waktu: di masa depan; periksa jam ponsel"));
        }
        let id = id_selesai(tugas_id, oleh.id);
        // Asked before a photo is stored: someone else's task, the wrong
        // kind of proof or a resend never leaves a file behind.
        let r = self
            .baca_ruang_lapangan(p.clone(), &[JenisLapangan::Tugas, JenisLapangan::Selesai])
            .await?;
        let t = tugas_milik(&r, oleh, tugas_id)?;
        if r.selesai.iter().any(|s| s.id == id) {
            return Ok(false);
        }
        if kiriman.jenis() != t.isi.bukti {
            return Err(tolak(format!(
                "bukti: tugas ini meminta bukti {}, bukan {}",
                nama_bukti(t.isi.bukti),
                nama_bukti(kiriman.jenis())
            )));
        }
        let bukti = match kiriman {
            BuktiKiriman::Foto { nama, bytes } => {
                let (hash, jenis, bytes) = crate::latar::kerja("memeriksa foto bukti", move || {
                    let (hash, jenis) = crate::foto::periksa_foto(&bytes)
                        .map_err(|e| tolak(format!("foto {}: {e}", nama.trim())))?;
                    Ok::<_, AppError>((hash, jenis, bytes))
                })
                .await??;
                self.simpan_terikat(oleh, pemilihan_id, &FOTO_BUKTI, &hash, jenis, bytes)
                    .await?;
                Bukti::Foto(hash)
            }
            BuktiKiriman::Nilai(Bukti::Foto(_)) => {
                return Err(tolak("bukti: foto dikirim sebagai berkas, bukan teks"));
            }
            BuktiKiriman::Nilai(b) => b,
        };
        periksa_bukti(t.isi.bukti, &bukti).map_err(|e| tolak(format!("bukti: {e}")))?;
        let (_, baru) = self
            .tambah_lapangan(
                oleh,
                &Aktor::pengguna(oleh),
                &p,
                &[JenisLapangan::Tugas, JenisLapangan::Selesai],
                |r| {
                    let t = tugas_milik(r, oleh, tugas_id)?;
                    let perubahan = if r.selesai.iter().any(|s| s.id == id) {
                        Vec::new()
                    } else {
                        let s = SelesaiTugas {
                            tugas: tugas_id,
                            oleh: oleh.id,
                            bukti: bukti.clone(),
                            waktu,
                        };
                        vec![Perubahan::baru(JenisLapangan::Selesai, id, &s)?]
                    };
                    Ok(Keputusan {
                        perubahan,
                        aksi: "tugas.selesai",
                        ringkasan: format!(
                            "tugas \"{}\" diselesaikan oleh {} dengan bukti {}",
                            t.isi.judul,
                            oleh.nama,
                            t.isi.bukti.slug()
                        ),
                        hasil: (),
                    })
                },
            )
            .await?;
        Ok(baru)
    }

    /// The photo proving `orang`'s completion of a task, for someone who
    /// may see the task; None when there is none.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn foto_bukti_tugas(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        tugas_id: Uuid,
        orang: Uuid,
    ) -> Result<Option<(Vec<u8>, &'static str)>> {
        let r = self
            .ruang_lapangan(
                oleh,
                pemilihan_id,
                &[JenisLapangan::Tugas, JenisLapangan::Selesai],
            )
            .await?;
        let Some(Bukti::Foto(hash)) = r
            .selesai
            .iter()
            .find(|s| s.isi.tugas == tugas_id && s.isi.oleh == orang)
            .map(|s| s.isi.bukti.clone())
        else {
            return Ok(None);
        };
        self.baca_terikat(&FOTO_BUKTI, &hash).await
    }
}

impl RuangLapangan {
    /// `orang`'s completion of a task, when recorded.
    pub fn selesai_oleh(&self, tugas: Uuid, orang: Uuid) -> Option<&Tersimpan<SelesaiTugas>> {
        let id = id_selesai(tugas, orang);
        self.selesai
            .iter()
            .find(|s| s.id == id && s.isi.tugas == tugas && s.isi.oleh == orang)
    }

    /// Where a task stands for one assignee today.
    pub fn status_tugas(&self, t: &Tersimpan<Tugas>, orang: Uuid) -> StatusTugas {
        status_tugas(
            t.isi.batas,
            self.hari_ini,
            self.selesai_oleh(t.id, orang).is_some(),
        )
    }

    /// The tasks `orang` must still do (open or late), soonest due first.
    pub fn tugas_terbuka(&self, orang: Uuid) -> Vec<&Tersimpan<Tugas>> {
        let mut v: Vec<_> = self
            .tugas
            .iter()
            .filter(|t| {
                t.isi.ditugaskan_kepada(orang)
                    && self.status_tugas(t, orang) != StatusTugas::Selesai
            })
            .collect();
        v.sort_by_key(|t| (t.isi.batas, t.id));
        v
    }
}
