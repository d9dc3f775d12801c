//! The issue desk (isu dan hoaks): claims about the pair, the evidence
//! and the approved answer.
//!
//! A claim moves only by the domain's steps (`StatusIsu::boleh_ke`); it
//! is marked answered (`Terjawab`) only once a manager who did not write
//! the response approved it, and changing the response afterwards clears
//! that approval (and takes an answered claim back to `Dijawab`). Posko
//! does not profile private individuals: a claim records what circulates
//! and where, never who spread it.

use posko_domain::Izin;
use posko_domain::audit::sha256_hex;
use posko_domain::medsos::StatusIsu;
use posko_storage::{JenisMedsos, Pengguna};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, UtcOffset};
use uuid::Uuid;

use super::akun::alamat_web;
use super::{Keputusan, Perubahan, RuangMedsos, Tersimpan, tolak};
use crate::foto::{FOTO_MAKS, cek_ukuran_foto, hash_sah, jenis_foto, ukuran_foto};
use crate::{AppError, Posko, Result};

/// Most links and linked calendar items a claim keeps.
pub const TAUTAN_ISU_MAKS: usize = 20;
/// Most screenshots a claim keeps.
pub const TANGKAPAN_ISU_MAKS: usize = 6;

/// One line of a claim's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatatanIsu {
    pub oleh: Uuid,
    /// Unix seconds.
    pub waktu: i64,
    pub teks: String,
    /// The status change this line records, from and to.
    #[serde(default)]
    pub status: Option<(StatusIsu, StatusIsu)>,
    /// Calendar items linked by this change.
    #[serde(default)]
    pub konten: Vec<Uuid>,
}

/// A claim on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IsuMedsos {
    pub judul: String,
    /// The claim as it circulates.
    pub klaim: String,
    /// Where it was seen: a platform, a group, a place (free text).
    pub tempat: String,
    pub tautan: Vec<String>,
    /// SHA-256 of screenshots kept in the photo store.
    #[serde(default)]
    pub tangkapan: Vec<String>,
    pub pertama_terlihat: Date,
    pub status: StatusIsu,
    /// The evidence against (or for) the claim.
    pub bukti: String,
    /// The response the campaign publishes.
    pub tanggapan: String,
    /// Who last wrote the response.
    #[serde(default)]
    pub penulis_tanggapan: Option<Uuid>,
    /// Who approved the response as it stands, and when (unix seconds).
    pub tanggapan_disetujui: Option<(Uuid, i64)>,
    /// Linked calendar items (the posts that answer it).
    pub konten: Vec<Uuid>,
    pub catatan: Vec<CatatanIsu>,
}

/// A claim as the desk enters or edits it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IsuBaru {
    pub judul: String,
    pub klaim: String,
    pub tempat: String,
    pub tautan: Vec<String>,
    pub pertama_terlihat: Option<Date>,
    pub bukti: String,
    pub tanggapan: String,
    /// Linked calendar items; None leaves them as they are (a form
    /// without the field).
    pub konten: Option<Vec<Uuid>>,
}

/// One ISO week of a claim's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MingguIsu {
    pub tahun: i32,
    pub minggu: u8,
    /// The week's Monday (WIB).
    pub mulai: Date,
    /// Notes written (log lines that are not a status change).
    pub catatan: usize,
    /// Status changes, in order.
    pub status: Vec<(StatusIsu, StatusIsu)>,
    /// Calendar items linked that week.
    pub konten: usize,
}

fn wib(waktu: i64) -> Date {
    OffsetDateTime::from_unix_timestamp(waktu)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(UtcOffset::from_hms(7, 0, 0).expect("valid offset"))
        .date()
}

/// A claim's log grouped by ISO week (WIB), oldest first; weeks without a
/// line are left out.
pub fn ringkasan_mingguan(isu: &IsuMedsos) -> Vec<MingguIsu> {
    let mut out: Vec<MingguIsu> = Vec::new();
    for c in &isu.catatan {
        let d = wib(c.waktu);
        let (tahun, minggu, _) = d.to_iso_week_date();
        let i = match out
            .iter()
            .position(|m| m.tahun == tahun && m.minggu == minggu)
        {
            Some(i) => i,
            None => {
                let mulai =
                    Date::from_iso_week_date(tahun, minggu, time::Weekday::Monday).unwrap_or(d);
                out.push(MingguIsu {
                    tahun,
                    minggu,
                    mulai,
                    catatan: 0,
                    status: Vec::new(),
                    konten: 0,
                });
                out.len() - 1
            }
        };
        let m = &mut out[i];
        match c.status {
            Some(s) => m.status.push(s),
            None if !c.teks.is_empty() => m.catatan += 1,
            None => {}
        }
        m.konten += c.konten.len();
    }
    out.sort_by_key(|m| (m.tahun, m.minggu));
    out
}

fn teks(nama: &str, s: &str, maks: usize) -> Result<String> {
    let s = s.trim();
    if s.chars().count() > maks {
        return Err(tolak(format!("{nama} paling panjang {maks} huruf")));
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(tolak(format!("{nama} berisi karakter kendali")));
    }
    Ok(s.replace("\r\n", "\n"))
}

/// The fields checked (links as web addresses, a title and the claim).
fn periksa(b: &IsuBaru) -> Result<IsuBaru> {
    let judul = teks("judul isu", &b.judul, 200)?;
    if judul.is_empty() {
        return Err(tolak("judul isu wajib diisi"));
    }
    let klaim = teks("klaim", &b.klaim, 4000)?;
    if klaim.is_empty() {
        return Err(tolak("tulis klaim sebagaimana beredar"));
    }
    let mut tautan = Vec::new();
    for t in &b.tautan {
        let t = teks("tautan", t, 500)?;
        if t.is_empty() || tautan.contains(&t) {
            continue;
        }
        tautan.push(alamat_web("tautan", t)?);
    }
    if tautan.len() > TAUTAN_ISU_MAKS {
        return Err(tolak(format!("paling banyak {TAUTAN_ISU_MAKS} tautan")));
    }
    let mut konten = b.konten.clone();
    if let Some(k) = &mut konten {
        let mut unik = Vec::new();
        for x in k.drain(..) {
            if !unik.contains(&x) {
                unik.push(x);
            }
        }
        *k = unik;
    }
    if konten.as_ref().is_some_and(|k| k.len() > TAUTAN_ISU_MAKS) {
        return Err(tolak(format!(
            "paling banyak {TAUTAN_ISU_MAKS} konten tertaut"
        )));
    }
    Ok(IsuBaru {
        judul,
        klaim,
        tempat: teks("tempat terlihat", &b.tempat, 300)?,
        tautan,
        pertama_terlihat: b.pertama_terlihat,
        bukti: teks("bukti", &b.bukti, 8000)?,
        tanggapan: teks("tanggapan", &b.tanggapan, 8000)?,
        konten,
    })
}

fn cari(r: &RuangMedsos, id: Uuid) -> Result<&Tersimpan<IsuMedsos>> {
    r.cari_isu(id)
        .ok_or_else(|| AppError::NotFound(format!("isu medsos {id}")))
}

fn konten_ada(r: &RuangMedsos, konten: &Option<Vec<Uuid>>) -> Result<()> {
    match konten
        .iter()
        .flatten()
        .find(|k| r.cari_konten(**k).is_none())
    {
        Some(k) => Err(tolak(format!("konten {k} tidak ada di kalender"))),
        None => Ok(()),
    }
}

impl Posko {
    /// Puts a new claim on the desk, watched (`Dipantau`).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_isu_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        baru: &IsuBaru,
    ) -> Result<Uuid> {
        let b = periksa(baru)?;
        let id = Uuid::now_v7();
        let waktu = self.detik_medsos();
        self.ubah_medsos(oleh, pemilihan_id, Izin::TulisMedsos, |r| {
            konten_ada(r, &b.konten)?;
            let pertama = b.pertama_terlihat.unwrap_or(r.hari_ini);
            if pertama > r.hari_ini {
                return Err(tolak(format!(
                    "tanggal pertama terlihat {pertama} belum tiba"
                )));
            }
            let isu = IsuMedsos {
                judul: b.judul.clone(),
                klaim: b.klaim.clone(),
                tempat: b.tempat.clone(),
                tautan: b.tautan.clone(),
                tangkapan: Vec::new(),
                pertama_terlihat: pertama,
                status: StatusIsu::Dipantau,
                bukti: b.bukti.clone(),
                penulis_tanggapan: (!b.tanggapan.is_empty()).then_some(oleh.id),
                tanggapan: b.tanggapan.clone(),
                tanggapan_disetujui: None,
                konten: b.konten.clone().unwrap_or_default(),
                catatan: vec![CatatanIsu {
                    oleh: oleh.id,
                    waktu,
                    teks: String::new(),
                    status: None,
                    konten: b.konten.clone().unwrap_or_default(),
                }],
            };
            Ok(Keputusan {
                perubahan: vec![Perubahan::baru(JenisMedsos::Isu, id, &isu)?],
                aksi: "isu.catat",
                ringkasan: format!("isu '{}' dicatat", isu.judul),
                hasil: id,
            })
        })
        .await
    }

    /// Edits a claim's fields. A changed response loses its approval; an
    /// answered claim whose response changed goes back to `Dijawab`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ubah_isu_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        isu: Uuid,
        baru: &IsuBaru,
    ) -> Result<()> {
        let b = periksa(baru)?;
        let waktu = self.detik_medsos();
        self.ubah_medsos(oleh, pemilihan_id, Izin::TulisMedsos, |r| {
            let lama = cari(r, isu)?;
            konten_ada(r, &b.konten)?;
            let mut x = lama.isi.clone();
            x.judul = b.judul.clone();
            x.klaim = b.klaim.clone();
            x.tempat = b.tempat.clone();
            x.tautan = b.tautan.clone();
            if let Some(d) = b.pertama_terlihat {
                if d > r.hari_ini {
                    return Err(tolak(format!("tanggal pertama terlihat {d} belum tiba")));
                }
                x.pertama_terlihat = d;
            }
            x.bukti = b.bukti.clone();
            let mut ringkasan = format!("isu '{}' diubah", x.judul);
            if x.tanggapan != b.tanggapan {
                x.tanggapan = b.tanggapan.clone();
                x.penulis_tanggapan = Some(oleh.id);
                if x.tanggapan_disetujui.take().is_some() {
                    ringkasan.push_str("; tanggapan berubah, persetujuannya dicabut");
                }
                if x.status == StatusIsu::Terjawab {
                    x.status = StatusIsu::Dijawab;
                    x.catatan.push(CatatanIsu {
                        oleh: oleh.id,
                        waktu,
                        teks: "tanggapan diubah setelah disetujui".into(),
                        status: Some((StatusIsu::Terjawab, StatusIsu::Dijawab)),
                        konten: Vec::new(),
                    });
                }
            }
            let baru_konten = b.konten.clone().unwrap_or_else(|| x.konten.clone());
            let tambah: Vec<Uuid> = baru_konten
                .iter()
                .filter(|k| !x.konten.contains(k))
                .copied()
                .collect();
            x.konten = baru_konten;
            if !tambah.is_empty() {
                x.catatan.push(CatatanIsu {
                    oleh: oleh.id,
                    waktu,
                    teks: String::new(),
                    status: None,
                    konten: tambah,
                });
            }
            let perubahan = if x == lama.isi {
                Vec::new()
            } else {
                vec![Perubahan::ubah(JenisMedsos::Isu, lama, &x)?]
            };
            Ok(Keputusan {
                perubahan,
                aksi: "isu.ubah",
                ringkasan,
                hasil: (),
            })
        })
        .await
    }

    /// Moves a claim by one of the domain's steps, with a note. A claim is
    /// answered (`Terjawab`) only with an approved response.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn status_isu_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        isu: Uuid,
        ke: StatusIsu,
        catatan: &str,
    ) -> Result<()> {
        let catatan = teks("catatan", catatan, 2000)?;
        let waktu = self.detik_medsos();
        self.ubah_medsos(oleh, pemilihan_id, Izin::TulisMedsos, |r| {
            let lama = cari(r, isu)?;
            let dari = lama.isi.status;
            if !dari.boleh_ke(ke) {
                return Err(tolak(format!(
                    "isu berstatus {} tidak bisa langsung menjadi {}",
                    dari.slug(),
                    ke.slug()
                )));
            }
            if ke == StatusIsu::Terjawab && lama.isi.tanggapan_disetujui.is_none() {
                return Err(tolak(
                    "isu baru terjawab bila tanggapannya sudah disetujui manajer",
                ));
            }
            if ke == StatusIsu::Dijawab && lama.isi.tanggapan.is_empty() {
                return Err(tolak(
                    "tulis tanggapannya dulu sebelum menandai isu dijawab",
                ));
            }
            let mut x = lama.isi.clone();
            x.status = ke;
            x.catatan.push(CatatanIsu {
                oleh: oleh.id,
                waktu,
                teks: catatan.clone(),
                status: Some((dari, ke)),
                konten: Vec::new(),
            });
            Ok(Keputusan {
                perubahan: vec![Perubahan::ubah(JenisMedsos::Isu, lama, &x)?],
                aksi: "isu.status",
                ringkasan: format!("isu '{}': {} → {}", x.judul, dari.slug(), ke.slug()),
                hasil: (),
            })
        })
        .await
    }

    /// A manager approves the response as it stands; not the one who
    /// wrote it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn setujui_tanggapan_isu_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        isu: Uuid,
    ) -> Result<()> {
        let waktu = self.detik_medsos();
        self.ubah_medsos(oleh, pemilihan_id, Izin::SetujuiMedsos, |r| {
            let lama = cari(r, isu)?;
            if lama.isi.tanggapan.is_empty() {
                return Err(tolak("belum ada tanggapan untuk disetujui"));
            }
            if lama.isi.penulis_tanggapan == Some(oleh.id) {
                return Err(tolak(
                    "penulis tanggapan tidak boleh menyetujui tanggapannya sendiri",
                ));
            }
            if lama.isi.tanggapan_disetujui.is_some() {
                return Ok(Keputusan {
                    perubahan: Vec::new(),
                    aksi: "isu.setujui",
                    ringkasan: String::new(),
                    hasil: (),
                });
            }
            let mut x = lama.isi.clone();
            x.tanggapan_disetujui = Some((oleh.id, waktu));
            x.catatan.push(CatatanIsu {
                oleh: oleh.id,
                waktu,
                teks: "tanggapan disetujui".into(),
                status: None,
                konten: Vec::new(),
            });
            Ok(Keputusan {
                perubahan: vec![Perubahan::ubah(JenisMedsos::Isu, lama, &x)?],
                aksi: "isu.setujui",
                ringkasan: format!("tanggapan isu '{}' disetujui", x.judul),
                hasil: (),
            })
        })
        .await
    }

    /// A note in a claim's log.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catatan_isu_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        isu: Uuid,
        catatan: &str,
    ) -> Result<()> {
        let catatan = teks("catatan", catatan, 2000)?;
        if catatan.is_empty() {
            return Err(tolak("catatan kosong"));
        }
        let waktu = self.detik_medsos();
        self.ubah_medsos(oleh, pemilihan_id, Izin::TulisMedsos, |r| {
            let lama = cari(r, isu)?;
            if lama.isi.catatan.len() >= 2000 {
                return Err(tolak(
                    "log isu ini sudah penuh; buat isu baru bila beredar lagi",
                ));
            }
            let mut x = lama.isi.clone();
            x.catatan.push(CatatanIsu {
                oleh: oleh.id,
                waktu,
                teks: catatan.clone(),
                status: None,
                konten: Vec::new(),
            });
            Ok(Keputusan {
                perubahan: vec![Perubahan::ubah(JenisMedsos::Isu, lama, &x)?],
                aksi: "isu.catatan",
                ringkasan: format!("catatan pada isu '{}'", x.judul),
                hasil: (),
            })
        })
        .await
    }

    /// Stores a screenshot of a claim (JPEG, PNG or HEIC, checked by its
    /// bytes) in the photo store under its SHA-256 and lists it on the
    /// claim. A screenshot is served only when a claim of this election
    /// lists it, and only this use case lists one: a C.Hasil photo's or a
    /// finance proof's hash cannot be named here.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_tangkapan_isu_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        isu: Uuid,
        nama: &str,
        bytes: Vec<u8>,
    ) -> Result<String> {
        self.pemilihan_medsos(oleh, pemilihan_id, Izin::TulisMedsos)
            .await?;
        let nama = if nama.trim().is_empty() {
            "tangkapan layar".to_string()
        } else {
            nama.trim().chars().take(100).collect()
        };
        let n = nama.clone();
        let (hash, bytes) = crate::latar::kerja("memeriksa tangkapan layar", move || {
            if bytes.is_empty() {
                return Err(tolak(format!("{n}: berkas kosong")));
            }
            if bytes.len() > FOTO_MAKS {
                return Err(tolak(format!(
                    "{n}: tangkapan layar lebih dari {} MB",
                    FOTO_MAKS / (1024 * 1024)
                )));
            }
            if jenis_foto(&bytes).is_none() {
                return Err(tolak(format!(
                    "{n}: tangkapan layar harus gambar JPEG, PNG atau HEIC"
                )));
            }
            if let Some((l, t)) = ukuran_foto(&bytes) {
                cek_ukuran_foto(l, t).map_err(|e| tolak(format!("{n}: {e}")))?;
            }
            Ok((sha256_hex(&bytes), bytes))
        })
        .await??;
        // Refused before storing when the claim is missing or full.
        let r = self.ruang_medsos(oleh, pemilihan_id).await?;
        let ada = cari(&r, isu)?;
        if !ada.isi.tangkapan.contains(&hash) && ada.isi.tangkapan.len() >= TANGKAPAN_ISU_MAKS {
            return Err(tolak(format!(
                "paling banyak {TANGKAPAN_ISU_MAKS} tangkapan layar per isu"
            )));
        }
        self.foto.simpan(&hash, bytes).await.map_err(|e| {
            AppError::internal(format!("menyimpan tangkapan ke {}", self.foto.lokasi()), e)
        })?;
        self.ubah_medsos(oleh, pemilihan_id, Izin::TulisMedsos, |r| {
            let lama = cari(r, isu)?;
            if lama.isi.tangkapan.contains(&hash) {
                return Ok(Keputusan {
                    perubahan: Vec::new(),
                    aksi: "isu.tangkapan",
                    ringkasan: String::new(),
                    hasil: hash.clone(),
                });
            }
            if lama.isi.tangkapan.len() >= TANGKAPAN_ISU_MAKS {
                return Err(tolak(format!(
                    "paling banyak {TANGKAPAN_ISU_MAKS} tangkapan layar per isu"
                )));
            }
            let mut x = lama.isi.clone();
            x.tangkapan.push(hash.clone());
            Ok(Keputusan {
                perubahan: vec![Perubahan::ubah(JenisMedsos::Isu, lama, &x)?],
                aksi: "isu.tangkapan",
                ringkasan: format!(
                    "tangkapan layar {nama} (sha256 {hash}) pada isu '{}'",
                    x.judul
                ),
                hasil: hash.clone(),
            })
        })
        .await
    }

    /// A screenshot's bytes and type, when a claim of this election lists
    /// it and the store still holds it unchanged; None otherwise.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tangkapan_isu_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        isu: Uuid,
        hash: &str,
    ) -> Result<Option<(Vec<u8>, &'static str)>> {
        let hash = hash.to_ascii_lowercase();
        let r = self.ruang_medsos(oleh, pemilihan_id).await?;
        if !hash_sah(&hash) || !cari(&r, isu)?.isi.tangkapan.contains(&hash) {
            return Ok(None);
        }
        let Some(bytes) = self.foto.ambil(&hash).await.map_err(|e| {
            AppError::internal(format!("membaca tangkapan dari {}", self.foto.lokasi()), e)
        })?
        else {
            tracing::warn!("tangkapan isu {hash} tercatat tetapi tidak tersimpan");
            return Ok(None);
        };
        crate::latar::kerja("memeriksa sidik tangkapan", move || {
            if sha256_hex(&bytes) != hash {
                return Err(AppError::internal(
                    format!("tangkapan isu {hash}"),
                    "isi berkas tidak lagi sesuai sidik SHA-256-nya",
                ));
            }
            let jenis = jenis_foto(&bytes).unwrap_or("application/octet-stream");
            Ok(Some((bytes, jenis)))
        })
        .await?
    }

    /// Every version of a claim, oldest first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn riwayat_isu_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        isu: Uuid,
    ) -> Result<Vec<Tersimpan<IsuMedsos>>> {
        self.riwayat_medsos::<IsuMedsos>(oleh, pemilihan_id, isu, JenisMedsos::Isu)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isu(catatan: Vec<CatatanIsu>) -> IsuMedsos {
        IsuMedsos {
            judul: "x".into(),
            klaim: "y".into(),
            tempat: String::new(),
            tautan: Vec::new(),
            tangkapan: Vec::new(),
            pertama_terlihat: time::macros::date!(2029 - 10 - 01),
            status: StatusIsu::Dipantau,
            bukti: String::new(),
            tanggapan: String::new(),
            penulis_tanggapan: None,
            tanggapan_disetujui: None,
            konten: Vec::new(),
            catatan,
        }
    }

    fn c(waktu: i64, teks: &str, status: Option<(StatusIsu, StatusIsu)>, k: usize) -> CatatanIsu {
        CatatanIsu {
            oleh: Uuid::nil(),
            waktu,
            teks: teks.into(),
            status,
            konten: vec![Uuid::nil(); k],
        }
    }

    #[test]
    fn ringkasan_per_minggu_iso_wib() {
        // 2029-10-01 is a Monday; 2029-10-07 23:30 WIB is still its week,
        // 2029-10-07 17:30 UTC is 2029-10-08 00:30 WIB: the next week.
        let senin = time::macros::datetime!(2029-10-01 03:00 UTC).unix_timestamp();
        let minggu_malam = time::macros::datetime!(2029-10-07 16:30 UTC).unix_timestamp();
        let senin_berikut = time::macros::datetime!(2029-10-07 17:30 UTC).unix_timestamp();
        let i = isu(vec![
            c(senin, "", None, 1),
            c(senin + 60, "dilihat di grup", None, 0),
            c(
                minggu_malam,
                "jawab",
                Some((StatusIsu::Dipantau, StatusIsu::Dijawab)),
                0,
            ),
            c(senin_berikut, "a", None, 2),
            c(senin_berikut + 5, "b", None, 0),
        ]);
        let r = ringkasan_mingguan(&i);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].minggu, 40);
        assert_eq!(r[0].mulai, time::macros::date!(2029 - 10 - 01));
        assert_eq!(r[0].catatan, 1);
        assert_eq!(r[0].status, vec![(StatusIsu::Dipantau, StatusIsu::Dijawab)]);
        assert_eq!(r[0].konten, 1);
        assert_eq!(r[1].minggu, 41);
        assert_eq!(r[1].catatan, 2);
        assert_eq!(r[1].konten, 2);
        assert!(ringkasan_mingguan(&isu(Vec::new())).is_empty());
    }
}
