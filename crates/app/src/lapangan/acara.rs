//! Campaign events (agenda kampanye): planned within the campaign
//! period, supporters of the area invited with a personal code, RSVP by
//! link, check-in at the door by that code's QR (scanned by a relawan's
//! phone, offline, synced once), attendance counted once per person.

use posko_domain::KodeWilayah;
use posko_domain::lapangan::JenisAcara;
use serde::{Deserialize, Serialize};
use time::{Date, Time};
use uuid::Uuid;

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acara {
    pub jenis: JenisAcara,
    pub judul: String,
    pub desa: KodeWilayah,
    pub alamat: String,
    /// Latitude and longitude, when the organiser knows them.
    pub lokasi: Option<(f64, f64)>,
    /// The day and time in the place's own zone (WIB, WITA or WIT).
    pub tanggal: Date,
    pub jam: Time,
    /// The coordinator who answers for it (pengguna id).
    pub penanggung_jawab: Uuid,
    pub perkiraan_hadir: u32,
    /// SHA-256 of its photos in the photo store.
    pub foto: Vec<String>,
    /// Ledger entries (dana kampanye) of its spending.
    pub entri_dana: Vec<Uuid>,
    /// Why it was called off, when it was.
    pub batal: Option<String>,
}

/// A supporter invited to an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Undangan {
    pub acara: Uuid,
    pub pendukung: Uuid,
    pub nama: String,
    /// The personal code of the RSVP link and of the QR shown at the door.
    pub kode: String,
    pub jawaban: Option<Rsvp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rsvp {
    Hadir,
    TidakHadir,
}

/// One person checked in at the door (once: the id is the event's and
/// the person's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hadir {
    pub acara: Uuid,
    /// The invitation whose code was scanned; None for someone who came
    /// uninvited and gave a name.
    pub undangan: Option<Uuid>,
    pub nama: String,
    /// Unix seconds, by the phone at the door.
    pub waktu: i64,
    pub dicatat_oleh: Uuid,
}

use posko_domain::Keperluan;
use posko_domain::lapangan::boleh_acara;
use posko_domain::{Izin, ZonaWaktu};
use posko_storage::{JenisLapangan, Pengguna};

use super::{Keputusan, Perubahan, RuangLapangan, Tersimpan, id_dari, tolak};
use crate::{Aktor, AppError, Posko, Result};

/// Longest title and address kept.
pub const JUDUL_MAKS: usize = 200;
/// Supporters invited by one press of "invite".
pub const UNDANG_MAKS: u32 = 2_000;
/// A check-in stamped this far in the future by the phone's clock is
/// refused (a phone set wrong, or a forged one).
const DETIK_DEPAN_MAKS: i64 = 15 * 60;

/// A new event as its organiser fills it in.
#[derive(Debug, Clone)]
pub struct AcaraBaru {
    pub jenis: JenisAcara,
    pub judul: String,
    pub desa: KodeWilayah,
    pub alamat: String,
    pub lokasi: Option<(f64, f64)>,
    pub tanggal: Date,
    pub jam: Time,
    pub penanggung_jawab: Uuid,
    pub perkiraan_hadir: u32,
}

/// Someone at the door: the code of their invitation (typed or scanned
/// from its QR), or the name of someone uninvited.
#[derive(Debug, Clone)]
pub struct Kedatangan {
    pub kode: Option<String>,
    pub nama: Option<String>,
    /// Unix seconds by the phone at the door (it may sync hours later).
    pub waktu: i64,
}

/// What the door answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HasilHadir {
    pub nama: String,
    /// False when this person was already checked in.
    pub baru: bool,
}

impl Acara {
    /// The place's time zone.
    pub fn zona(&self) -> ZonaWaktu {
        ZonaWaktu::dari_wilayah(&self.desa)
    }
}

fn normal_kode(kode: &str) -> String {
    kode.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn periksa_teks(apa: &str, s: &str, wajib: bool) -> Result<String> {
    let s = s.trim();
    if wajib && s.is_empty() {
        return Err(tolak(format!("{apa} wajib diisi")));
    }
    if s.chars().count() > JUDUL_MAKS {
        return Err(tolak(format!("{apa} paling panjang {JUDUL_MAKS} huruf")));
    }
    if s.chars().any(|c| c.is_control()) {
        return Err(tolak(format!("{apa} berisi karakter kendali")));
    }
    Ok(s.to_string())
}

fn cari_acara(r: &RuangLapangan, id: Uuid) -> Result<&Tersimpan<Acara>> {
    r.acara
        .iter()
        .find(|a| a.id == id)
        .ok_or_else(|| AppError::NotFound(format!("acara {id}")))
}

impl Posko {
    /// Plans an event: within the campaign period (the place's own date),
    /// in an area the organiser plans for, answered for by a coordinator
    /// of that area.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn buat_acara(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        baru: AcaraBaru,
    ) -> Result<Uuid> {
        if !Self::boleh_di(oleh, Izin::KelolaLapangan, baru.desa) {
            return Err(AppError::Dilarang(format!(
                "desa {} di luar wilayah tugas Anda",
                baru.desa
            )));
        }
        let judul = periksa_teks("judul", &baru.judul, true)?;
        let alamat = periksa_teks("alamat", &baru.alamat, false)?;
        if let Some((lat, lng)) = baru.lokasi
            && !(lat.is_finite()
                && lng.is_finite()
                && (-90.0..=90.0).contains(&lat)
                && (-180.0..=180.0).contains(&lng))
        {
            return Err(tolak("koordinat tidak sah"));
        }
        if self.store.ambil_wilayah(baru.desa).await?.is_none() {
            return Err(tolak(format!("desa {} tidak dikenal", baru.desa)));
        }
        let pj = self
            .store
            .ambil_pengguna(baru.penanggung_jawab)
            .await?
            .filter(|p| p.aktif && Self::boleh_di(p, Izin::KelolaLapangan, baru.desa))
            .ok_or_else(|| {
                tolak("penanggung jawab harus koordinator atau manajer aktif di wilayah acara")
            })?;
        let id = Uuid::now_v7();
        let acara = Acara {
            jenis: baru.jenis,
            judul,
            desa: baru.desa,
            alamat,
            lokasi: baru.lokasi,
            tanggal: baru.tanggal,
            jam: baru.jam,
            penanggung_jawab: pj.id,
            perkiraan_hadir: baru.perkiraan_hadir,
            foto: Vec::new(),
            entri_dana: Vec::new(),
            batal: None,
        };
        self.ubah_lapangan(oleh, pemilihan_id, Izin::KelolaLapangan, &[], |r| {
            if !r.pemilihan.wilayah.mencakup(&acara.desa) {
                return Err(tolak(format!(
                    "desa {} di luar wilayah pemilihan",
                    acara.desa
                )));
            }
            boleh_acara(&r.masa, acara.tanggal).map_err(|e| tolak(e.to_string()))?;
            Ok(Keputusan {
                perubahan: vec![Perubahan::baru(JenisLapangan::Acara, id, &acara)?],
                aksi: "acara.buat",
                ringkasan: format!(
                    "acara {} di {} pada {} {}",
                    acara.judul,
                    acara.desa,
                    acara.tanggal,
                    acara.zona().singkatan()
                ),
                hasil: id,
            })
        })
        .await
    }

    /// Calls an event off, with the reason (kept; the event stays listed).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn batalkan_acara(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        acara_id: Uuid,
        alasan: &str,
    ) -> Result<()> {
        let alasan = periksa_teks("alasan", alasan, true)?;
        self.ubah_lapangan(
            oleh,
            pemilihan_id,
            Izin::KelolaLapangan,
            &[JenisLapangan::Acara],
            |r| {
                let a = cari_acara(r, acara_id)?;
                if !Self::boleh_di(oleh, Izin::KelolaLapangan, a.isi.desa) {
                    return Err(AppError::NotFound(format!("acara {acara_id}")));
                }
                if a.isi.batal.is_some() {
                    return Ok(Keputusan {
                        perubahan: Vec::new(),
                        aksi: "acara.batal",
                        ringkasan: String::new(),
                        hasil: (),
                    });
                }
                let mut isi = a.isi.clone();
                isi.batal = Some(alasan.clone());
                Ok(Keputusan {
                    perubahan: vec![Perubahan::ubah(JenisLapangan::Acara, a, &isi)?],
                    aksi: "acara.batal",
                    ringkasan: format!("acara {} dibatalkan: {alasan}", isi.judul),
                    hasil: (),
                })
            },
        )
        .await
    }

    /// Records after the event: its photos (uploaded for this election:
    /// [`Self::tambah_foto_acara`]) and the ledger entries of its spending.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn lapor_acara(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        acara_id: Uuid,
        foto: Vec<String>,
        entri_dana: Vec<Uuid>,
    ) -> Result<()> {
        for h in &foto {
            if !crate::foto::hash_sah(&h.to_ascii_lowercase())
                || !self
                    .terikat(&FOTO_LAPANGAN, pemilihan_id, &h.to_ascii_lowercase())
                    .await?
            {
                return Err(tolak(format!(
                    "foto {h} tidak diunggah untuk pemilihan ini"
                )));
            }
        }
        if !entri_dana.is_empty() {
            // Only who may read the ledger links it: to anyone else an
            // answer would tell which entry ids exist.
            self.pemilihan_dana(oleh, pemilihan_id, Izin::LihatDana)
                .await?;
            for e in &entri_dana {
                let entri = self
                    .store
                    .ambil_entri_dana(*e)
                    .await?
                    .filter(|x| x.pemilihan_id == pemilihan_id)
                    .ok_or_else(|| {
                        tolak(format!(
                            "entri dana {e} tidak ada di buku dana pemilihan ini"
                        ))
                    })?;
                // An event has spending; a donation names its donor.
                if !matches!(
                    entri.jenis,
                    posko_storage::JenisEntriDana::Pengeluaran { .. }
                ) {
                    return Err(tolak(format!(
                        "entri dana nomor {} bukan pengeluaran: hanya belanja yang ditautkan ke acara",
                        entri.nomor
                    )));
                }
            }
        }
        self.ubah_lapangan(
            oleh,
            pemilihan_id,
            Izin::KelolaLapangan,
            &[JenisLapangan::Acara],
            |r| {
                let a = cari_acara(r, acara_id)?;
                if !Self::boleh_di(oleh, Izin::KelolaLapangan, a.isi.desa) {
                    return Err(AppError::NotFound(format!("acara {acara_id}")));
                }
                let mut isi = a.isi.clone();
                for h in &foto {
                    let h = h.to_ascii_lowercase();
                    if !isi.foto.contains(&h) {
                        isi.foto.push(h);
                    }
                }
                for e in &entri_dana {
                    if !isi.entri_dana.contains(e) {
                        isi.entri_dana.push(*e);
                    }
                }
                let perubahan = if isi == a.isi {
                    Vec::new()
                } else {
                    vec![Perubahan::ubah(JenisLapangan::Acara, a, &isi)?]
                };
                Ok(Keputusan {
                    perubahan,
                    aksi: "acara.lapor",
                    ringkasan: format!(
                        "acara {}: {} foto, {} entri dana",
                        isi.judul,
                        isi.foto.len(),
                        isi.entri_dana.len()
                    ),
                    hasil: (),
                })
            },
        )
        .await
    }

    /// Invites the supporters of the event's desa who consented to be
    /// contacted by the campaign and whose data is still kept; those
    /// invited already are left as they are. Returns how many were new.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn undang_pendukung(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        acara_id: Uuid,
    ) -> Result<usize> {
        let r = self
            .ruang_lapangan(oleh, pemilihan_id, &[JenisLapangan::Acara])
            .await?;
        let desa = cari_acara(&r, acara_id)?.isi.desa;
        if !Self::boleh_di(oleh, Izin::KelolaLapangan, desa) {
            return Err(AppError::NotFound(format!("acara {acara_id}")));
        }
        let hari_ini = self.hari_ini_lapangan();
        let calon: Vec<(Uuid, String)> = self
            .store
            .daftar_pendukung_di(Some(desa), UNDANG_MAKS)
            .await?
            .into_iter()
            .filter(|p| {
                p.desa == desa
                    && p.simpan_sampai >= hari_ini
                    && p.keperluan.contains(&Keperluan::KontakKampanye)
            })
            .map(|p| (p.id, p.nama))
            .collect();
        self.ubah_lapangan(
            oleh,
            pemilihan_id,
            Izin::KelolaLapangan,
            &[JenisLapangan::Acara, JenisLapangan::Undangan],
            |r| {
                let a = cari_acara(r, acara_id)?;
                if a.isi.batal.is_some() {
                    return Err(tolak("acara ini sudah dibatalkan"));
                }
                let sudah: std::collections::HashSet<Uuid> = r
                    .undangan
                    .iter()
                    .filter(|u| u.isi.acara == acara_id)
                    .map(|u| u.isi.pendukung)
                    .collect();
                let mut perubahan = Vec::new();
                for (pendukung, nama) in calon.iter().filter(|(p, _)| !sudah.contains(p)) {
                    let u = Undangan {
                        acara: acara_id,
                        pendukung: *pendukung,
                        nama: nama.clone(),
                        kode: crate::relawan::kode_baru(),
                        jawaban: None,
                    };
                    let id = id_dari(&[acara_id.as_bytes(), pendukung.as_bytes()]);
                    perubahan.push(Perubahan::baru(JenisLapangan::Undangan, id, &u)?);
                }
                let n = perubahan.len();
                Ok(Keputusan {
                    perubahan,
                    aksi: "acara.undang",
                    ringkasan: format!("{n} pendukung diundang ke {}", a.isi.judul),
                    hasil: n,
                })
            },
        )
        .await
    }

    /// The invitation a personal link names, when its code is right.
    /// Anyone holding the link may read it (no account needed).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn buka_undangan(
        &self,
        pemilihan_id: Uuid,
        undangan_id: Uuid,
        kode: &str,
    ) -> Result<(Tersimpan<Undangan>, Tersimpan<Acara>)> {
        let p = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound("undangan".into()))?;
        let r = self
            .baca_ruang_lapangan(p, &[JenisLapangan::Acara, JenisLapangan::Undangan])
            .await?;
        undangan_dengan_kode(&r, undangan_id, kode)
    }

    /// The invited person's answer by their link.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn jawab_undangan(
        &self,
        pemilihan_id: Uuid,
        undangan_id: Uuid,
        kode: &str,
        jawaban: Rsvp,
    ) -> Result<()> {
        let p = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound("undangan".into()))?;
        self.ubah_ruang(
            undangan_id,
            &Aktor::undangan(undangan_id),
            p.id,
            || {
                self.baca_ruang_lapangan(
                    p.clone(),
                    &[JenisLapangan::Acara, JenisLapangan::Undangan],
                )
            },
            |r: &RuangLapangan| posko_storage::Syarat::Sesudah(r.nomor),
            |r| {
                let (u, a) = undangan_dengan_kode(r, undangan_id, kode)?;
                if a.isi.batal.is_some() {
                    return Err(tolak("acara ini sudah dibatalkan"));
                }
                let mut isi = u.isi.clone();
                isi.jawaban = Some(jawaban);
                let perubahan = if u.isi.jawaban == Some(jawaban) {
                    Vec::new()
                } else {
                    vec![Perubahan::ubah(JenisLapangan::Undangan, &u, &isi)?]
                };
                Ok(Keputusan {
                    perubahan,
                    aksi: "acara.rsvp",
                    // The audit line names no supporter: the document's
                    // hash is in the entry, the name only in the room.
                    ringkasan: format!(
                        "undangan {undangan_id} dijawab {} untuk {}",
                        match jawaban {
                            Rsvp::Hadir => "hadir",
                            Rsvp::TidakHadir => "tidak hadir",
                        },
                        a.isi.judul
                    ),
                    hasil: (),
                })
            },
        )
        .await?;
        Ok(())
    }

    /// Checks someone in at the door (from a relawan's phone, perhaps
    /// hours after the scan): an invitation's code, or the name of
    /// someone uninvited. Counted once per person.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_hadir(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        acara_id: Uuid,
        datang: Kedatangan,
    ) -> Result<HasilHadir> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await?;
        let sekarang = (self.jam)().unix_timestamp();
        if datang.waktu > sekarang + DETIK_DEPAN_MAKS {
            return Err(tolak("waktu pindai di masa depan; periksa jam ponsel"));
        }
        let nama_tamu = match &datang.nama {
            Some(n) => Some(periksa_teks("nama", n, true)?),
            None => None,
        };
        let kode = datang.kode.as_deref().map(normal_kode);
        if kode.as_deref().is_none_or(str::is_empty) && nama_tamu.is_none() {
            return Err(tolak("isi kode undangan atau nama tamu"));
        }
        let (hasil, baru) = self
            .tambah_lapangan(
                oleh,
                &Aktor::pengguna(oleh),
                &p,
                &[
                    JenisLapangan::Acara,
                    JenisLapangan::Undangan,
                    JenisLapangan::Hadir,
                ],
                |r| {
                    let a = cari_acara(r, acara_id)?;
                    if !Self::boleh_di(oleh, Izin::KerjaLapangan, a.isi.desa) {
                        return Err(AppError::NotFound(format!("acara {acara_id}")));
                    }
                    if a.isi.batal.is_some() {
                        return Err(tolak("acara ini sudah dibatalkan"));
                    }
                    let tanggal = time::OffsetDateTime::from_unix_timestamp(datang.waktu)
                        .map_err(|_| tolak("waktu pindai tidak sah"))?
                        .to_offset(a.isi.zona().offset())
                        .date();
                    if tanggal != a.isi.tanggal {
                        return Err(tolak(format!(
                            "pindaian bertanggal {tanggal}, acara pada {}",
                            a.isi.tanggal
                        )));
                    }
                    let (id, undangan, nama) = match (&kode, &nama_tamu) {
                        (Some(k), _) if !k.is_empty() => {
                            let u = r
                                .undangan
                                .iter()
                                .find(|u| u.isi.acara == acara_id && u.isi.kode == *k)
                                .ok_or_else(|| {
                                    tolak(format!("kode {k} bukan undangan acara ini"))
                                })?;
                            (
                                id_dari(&[acara_id.as_bytes(), u.id.as_bytes()]),
                                Some(u.id),
                                u.isi.nama.clone(),
                            )
                        }
                        (_, Some(n)) => (
                            id_dari(&[acara_id.as_bytes(), b"tamu", n.to_lowercase().as_bytes()]),
                            None,
                            n.clone(),
                        ),
                        _ => return Err(tolak("isi kode undangan atau nama tamu")),
                    };
                    let perubahan = if r.hadir.iter().any(|h| h.id == id) {
                        Vec::new()
                    } else {
                        let h = Hadir {
                            acara: acara_id,
                            undangan,
                            nama: nama.clone(),
                            waktu: datang.waktu,
                            dicatat_oleh: oleh.id,
                        };
                        vec![Perubahan::baru(JenisLapangan::Hadir, id, &h)?]
                    };
                    Ok(Keputusan {
                        perubahan,
                        aksi: "acara.hadir",
                        ringkasan: format!(
                            "{} hadir di {}",
                            if undangan.is_some() {
                                "undangan"
                            } else {
                                "tamu"
                            },
                            a.isi.judul
                        ),
                        hasil: nama,
                    })
                },
            )
            .await?;
        Ok(HasilHadir { nama: hasil, baru })
    }
}

/// A field photo's binding to its election (an event's, and the APK and
/// task proofs'): a record names only photos uploaded for its election.
pub(crate) const FOTO_LAPANGAN: crate::berkas_terikat::Ikatan = crate::berkas_terikat::Ikatan {
    entitas: "lapangan_foto",
    aksi: "lapangan.foto",
    apa: "foto lapangan",
};

impl Posko {
    /// Checks and stores a photo of an event (a JPEG, PNG or HEIC, by its
    /// bytes) and lists it on the event; returns its SHA-256.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tambah_foto_acara(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        acara_id: Uuid,
        nama: &str,
        bytes: Vec<u8>,
    ) -> Result<String> {
        let r = self
            .ruang_lapangan(oleh, pemilihan_id, &[JenisLapangan::Acara])
            .await?;
        let a = cari_acara(&r, acara_id)?;
        if !Self::boleh_di(oleh, Izin::KelolaLapangan, a.isi.desa) {
            return Err(AppError::Dilarang(
                "foto acara ditambahkan oleh perencana wilayahnya".into(),
            ));
        }
        let nama = nama.to_string();
        let (hash, jenis, bytes) = crate::latar::kerja("memeriksa foto acara", move || {
            let (hash, jenis) = crate::medsos::periksa_media(&nama, &bytes)?;
            Ok::<_, AppError>((hash, jenis, bytes))
        })
        .await??;
        self.simpan_terikat(oleh, pemilihan_id, &FOTO_LAPANGAN, &hash, jenis, bytes)
            .await?;
        self.lapor_acara(oleh, pemilihan_id, acara_id, vec![hash.clone()], Vec::new())
            .await?;
        Ok(hash)
    }

    /// A photo of an event, for someone who sees the event, only when the
    /// event lists it (`None` otherwise: never a C.Hasil photo or another
    /// election's file).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn foto_acara(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        acara_id: Uuid,
        hash: &str,
    ) -> Result<Option<(Vec<u8>, &'static str)>> {
        let r = self
            .ruang_lapangan(oleh, pemilihan_id, &[JenisLapangan::Acara])
            .await?;
        let hash = hash.to_ascii_lowercase();
        if !crate::foto::hash_sah(&hash)
            || !r
                .acara
                .iter()
                .any(|a| a.id == acara_id && a.isi.foto.contains(&hash))
        {
            return Ok(None);
        }
        self.baca_terikat(&FOTO_LAPANGAN, &hash).await
    }
}

fn undangan_dengan_kode(
    r: &RuangLapangan,
    undangan_id: Uuid,
    kode: &str,
) -> Result<(Tersimpan<Undangan>, Tersimpan<Acara>)> {
    let kode = normal_kode(kode);
    // One answer for a wrong id and a wrong code: a link is either whole
    // or nothing.
    let u = r
        .undangan
        .iter()
        .find(|u| u.id == undangan_id && !kode.is_empty() && u.isi.kode == kode)
        .ok_or_else(|| AppError::NotFound("undangan".into()))?;
    let a = cari_acara(r, u.isi.acara)?;
    Ok((u.clone(), a.clone()))
}

impl RuangLapangan {
    /// The people checked in at an event, once each.
    pub fn hadir_di(&self, acara: Uuid) -> Vec<&Tersimpan<Hadir>> {
        self.hadir.iter().filter(|h| h.isi.acara == acara).collect()
    }

    pub fn undangan_di(&self, acara: Uuid) -> Vec<&Tersimpan<Undangan>> {
        self.undangan
            .iter()
            .filter(|u| u.isi.acara == acara)
            .collect()
    }
}
