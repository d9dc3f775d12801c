//! Electability surveys: a questionnaire (the doorstep survey's question
//! model), respondents drawn from the DPT with a published seed (audited
//! like the quick count's draw), interviewers per area, interviews sent
//! from the phone (offline, each respondent once), and results weighted
//! to the DPT's own margins (`posko_domain::survei`).
//!
//! Who: the survey is set up, drawn and read by those who plan field work
//! over the election's whole region (`KelolaLapangan`); an interviewer
//! (`KerjaLapangan`) sees and interviews only the respondents of the
//! areas they were given.

use std::collections::{BTreeMap, HashMap};

use posko_domain::kunjungan::{IsianPertanyaan, PertanyaanSurvei};
use posko_domain::survei::Margin;
use posko_domain::{Izin, KodeTps, KodeWilayah, Objek, diizinkan};
use posko_storage::{JenisLapangan, Pemilihan, Pengguna};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

mod hasil;
mod tarik;

pub use hasil::{HasilOpsi, HasilPertanyaan, HasilSurvei, HasilWilayah};

use super::{Keputusan, Perubahan, Tersimpan, id_dari, tolak};
use crate::dokumen::baca_isi;
use crate::{Aktor, AppError, Posko, Result};

/// The largest sample one survey draws.
pub const UKURAN_MAKS: u32 = 5_000;
/// The vote-choice question every survey starts with.
pub const KODE_PILIHAN: &str = "pilihan";

/// One respondent of the sample, with the categories the weighting uses
/// (from their DPT record; nothing is asked of them for it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RespondenSurvei {
    pub tps: KodeTps,
    pub urut: u32,
    /// 0 laki-laki, 1 perempuan.
    pub jk: u8,
    /// `posko_domain::survei::KELOMPOK_UMUR`.
    pub umur: u8,
    /// Index into [`Survei::kecamatan`].
    pub kecamatan: u16,
}

/// An interviewer given an area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pewawancara {
    pub wilayah: KodeWilayah,
    pub pengguna: Uuid,
}

/// The draw, as published: anyone holding the DPT and the seed can redo it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tarikan {
    pub benih: u64,
    /// Voters in the frame (with a known age), and those left out for an
    /// unknown age.
    pub kerangka: u64,
    pub tanpa_umur: u64,
    /// SHA-256 of the frame: every `TPS:number` line in code order.
    pub sidik_kerangka: String,
    /// The kecamatan of the region, in code order: the weighting's areas.
    pub kecamatan: Vec<KodeWilayah>,
    /// The DPT's counts per sex, age band and kecamatan.
    pub margin: Margin,
    pub sampel: Vec<RespondenSurvei>,
    /// Unix seconds.
    pub waktu: i64,
}

/// A survey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Survei {
    pub judul: String,
    pub pertanyaan: Vec<PertanyaanSurvei>,
    pub ukuran: u32,
    pub tarikan: Option<Tarikan>,
    pub pewawancara: Vec<Pewawancara>,
}

/// What became of a visit to a respondent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HasilWawancara {
    Selesai,
    TidakDitemui,
    Menolak,
}

impl HasilWawancara {
    pub fn slug(self) -> &'static str {
        match self {
            HasilWawancara::Selesai => "selesai",
            HasilWawancara::TidakDitemui => "tidak_ditemui",
            HasilWawancara::Menolak => "menolak",
        }
    }

    pub fn parse(s: &str) -> Option<HasilWawancara> {
        [
            HasilWawancara::Selesai,
            HasilWawancara::TidakDitemui,
            HasilWawancara::Menolak,
        ]
        .into_iter()
        .find(|h| h.slug() == s.trim())
    }
}

/// One interview (once per respondent: its id is the survey's and the
/// respondent's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wawancara {
    pub survei: Uuid,
    pub tps: KodeTps,
    pub urut: u32,
    pub hasil: HasilWawancara,
    /// Question code → answer code (every active question when done).
    pub jawaban: BTreeMap<String, String>,
    pub pewawancara: Uuid,
    /// Unix seconds by the phone.
    pub waktu: i64,
}

/// A respondent as their interviewer sees them.
#[derive(Debug, Clone)]
pub struct ResponenTugas {
    pub tps: KodeTps,
    pub urut: u32,
    pub nama: String,
    pub alamat: String,
    pub hasil: Option<HasilWawancara>,
}

fn pertanyaan_pilihan(paslon: &[posko_storage::Paslon]) -> Result<PertanyaanSurvei> {
    let mut baris: Vec<String> = paslon
        .iter()
        .map(|p| {
            format!(
                "paslon-{} = {} – {}",
                p.nomor_urut.get(),
                p.calon_kepala.as_str(),
                p.calon_wakil.as_str()
            )
        })
        .collect();
    baris.push("belum-memutuskan = Belum memutuskan".into());
    baris.push("rahasia = Tidak mau menjawab".into());
    let pilihan = baris.join("\n");
    PertanyaanSurvei::parse(&IsianPertanyaan {
        kode: KODE_PILIHAN,
        teks: "Jika pemilihan diadakan hari ini, pasangan mana yang akan Anda pilih?",
        teks_en: "If the election were held today, which pair would you vote for?",
        pilihan: &pilihan,
    })
    .map_err(|e| tolak(e.to_string()))
}

impl Survei {
    pub fn aktif(&self) -> impl Iterator<Item = &PertanyaanSurvei> {
        self.pertanyaan.iter().filter(|q| q.aktif)
    }

    /// Whether `oleh` interviews in the area of `tps`.
    pub fn pewawancara_di(&self, oleh: Uuid, tps: KodeTps) -> bool {
        self.pewawancara
            .iter()
            .any(|p| p.pengguna == oleh && p.wilayah.mencakup(&tps.desa()))
    }
}

impl Posko {
    /// The election, when `oleh` plans field work over its whole region.
    pub(super) async fn pemilihan_survei(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<Pemilihan> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KelolaLapangan)
            .await?;
        if !diizinkan(
            &oleh.penugasan,
            Izin::KelolaLapangan,
            &Objek::Wilayah(p.wilayah),
        ) {
            return Err(AppError::Dilarang(
                "survei elektabilitas diatur oleh perencana seluruh wilayah pemilihan".into(),
            ));
        }
        Ok(p)
    }

    /// The surveys of an election with their interviews, as stored.
    pub(super) async fn baca_survei(
        &self,
        p: &Pemilihan,
    ) -> Result<(i64, Vec<Tersimpan<Survei>>, Vec<Tersimpan<Wawancara>>)> {
        let isi = self
            .store
            .baca_lapangan(p.id, &[JenisLapangan::Survei, JenisLapangan::Wawancara])
            .await?;
        let (mut s, mut w) = (Vec::new(), Vec::new());
        for d in &isi.dokumen {
            match d.jenis {
                JenisLapangan::Survei => s.push(baca_isi(d)?),
                JenisLapangan::Wawancara => w.push(baca_isi(d)?),
                _ => {}
            }
        }
        Ok((isi.nomor, s, w))
    }

    /// The surveys `oleh` may open: all for a planner of the whole region,
    /// those they interview for otherwise.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_survei(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<Vec<Tersimpan<Survei>>> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await?;
        let perencana = diizinkan(
            &oleh.penugasan,
            Izin::KelolaLapangan,
            &Objek::Wilayah(p.wilayah),
        );
        let (_, semua, _) = self.baca_survei(&p).await?;
        Ok(semua
            .into_iter()
            .filter(|s| perencana || s.isi.pewawancara.iter().any(|w| w.pengguna == oleh.id))
            .collect())
    }

    /// A new survey: the vote-choice question from the election's pairs,
    /// then the election's own doorstep questions when `dengan_survei_pintu`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn buat_survei(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        judul: &str,
        ukuran: u32,
        dengan_survei_pintu: bool,
    ) -> Result<Uuid> {
        let p = self.pemilihan_survei(oleh, pemilihan_id).await?;
        let judul = judul.trim();
        if judul.is_empty() || judul.chars().count() > 200 {
            return Err(tolak("judul survei wajib diisi, paling banyak 200 huruf"));
        }
        if !(1..=UKURAN_MAKS).contains(&ukuran) {
            return Err(tolak(format!("ukuran sampel 1 sampai {UKURAN_MAKS}")));
        }
        let pertanyaan = self.kuesioner(&p, dengan_survei_pintu).await?;
        let survei = Survei {
            judul: judul.to_string(),
            pertanyaan,
            ukuran,
            tarikan: None,
            pewawancara: Vec::new(),
        };
        let id = Uuid::now_v7();
        self.ubah_lapangan(oleh, pemilihan_id, Izin::KelolaLapangan, &[], |_| {
            Ok(Keputusan {
                perubahan: vec![Perubahan::baru(JenisLapangan::Survei, id, &survei)?],
                aksi: "survei.buat",
                ringkasan: format!("survei {} ({} responden)", survei.judul, survei.ukuran),
                hasil: id,
            })
        })
        .await
    }

    /// The questions of a survey: the vote choice from the election's
    /// pairs, then the election's own doorstep questions when asked for.
    async fn kuesioner(
        &self,
        p: &Pemilihan,
        dengan_survei_pintu: bool,
    ) -> Result<Vec<PertanyaanSurvei>> {
        let paslon = self.store.daftar_paslon(p.id).await?;
        if paslon.is_empty() {
            return Err(tolak("pemilihan ini belum punya paslon"));
        }
        let mut pertanyaan = vec![pertanyaan_pilihan(&paslon)?];
        if dengan_survei_pintu {
            pertanyaan.extend(
                self.survei_pemilihan(p.id)
                    .await?
                    .aktif()
                    .filter(|q| q.kode != KODE_PILIHAN)
                    .cloned(),
            );
        }
        Ok(pertanyaan)
    }

    /// The questionnaire made again from the election's pairs and (with
    /// `dengan_survei_pintu`) its doorstep questions, until the first
    /// interview: a question fixed or added in the election's model then
    /// reaches the survey. After it the questions are the ones answers
    /// were given to, and they stay. Returns how many questions it has.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn perbarui_pertanyaan_survei(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        survei_id: Uuid,
        dengan_survei_pintu: bool,
    ) -> Result<usize> {
        let p = self.pemilihan_survei(oleh, pemilihan_id).await?;
        let pertanyaan = self.kuesioner(&p, dengan_survei_pintu).await?;
        self.ubah_lapangan(
            oleh,
            pemilihan_id,
            Izin::KelolaLapangan,
            &[JenisLapangan::Survei, JenisLapangan::Wawancara],
            |r| {
                let s = cari(r, survei_id)?;
                let sudah = r
                    .wawancara
                    .iter()
                    .filter(|w| w.isi.survei == survei_id)
                    .count();
                if sudah > 0 {
                    return Err(tolak(format!(
                        "survei ini sudah punya {sudah} wawancara; pertanyaannya tidak diubah lagi"
                    )));
                }
                let mut isi = s.isi.clone();
                isi.pertanyaan = pertanyaan.clone();
                let perubahan = if isi == s.isi {
                    Vec::new()
                } else {
                    vec![Perubahan::ubah(JenisLapangan::Survei, s, &isi)?]
                };
                Ok(Keputusan {
                    perubahan,
                    aksi: "survei.pertanyaan",
                    ringkasan: format!(
                        "pertanyaan survei {} dibuat ulang: {} pertanyaan",
                        isi.judul,
                        isi.pertanyaan.len()
                    ),
                    hasil: isi.pertanyaan.len(),
                })
            },
        )
        .await
    }

    /// Gives an interviewer an area of the survey (a kecamatan or desa of
    /// the region, where they may work).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn atur_pewawancara(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        survei_id: Uuid,
        wilayah: KodeWilayah,
        pengguna: Uuid,
    ) -> Result<()> {
        self.pemilihan_survei(oleh, pemilihan_id).await?;
        let orang = self
            .store
            .ambil_pengguna(pengguna)
            .await?
            .filter(|u| u.aktif && Self::boleh_di(u, Izin::KerjaLapangan, wilayah))
            .ok_or_else(|| tolak("pewawancara harus akun aktif yang bekerja di wilayah itu"))?;
        self.ubah_lapangan(
            oleh,
            pemilihan_id,
            Izin::KelolaLapangan,
            &[JenisLapangan::Survei],
            |r| {
                if !r.pemilihan.wilayah.mencakup(&wilayah) {
                    return Err(tolak(format!(
                        "wilayah {wilayah} di luar wilayah pemilihan"
                    )));
                }
                let s = cari(r, survei_id)?;
                let baru = Pewawancara {
                    wilayah,
                    pengguna: orang.id,
                };
                if s.isi.pewawancara.contains(&baru) {
                    return Ok(Keputusan {
                        perubahan: Vec::new(),
                        aksi: "survei.pewawancara",
                        ringkasan: String::new(),
                        hasil: (),
                    });
                }
                let mut isi = s.isi.clone();
                isi.pewawancara.push(baru);
                Ok(Keputusan {
                    perubahan: vec![Perubahan::ubah(JenisLapangan::Survei, s, &isi)?],
                    aksi: "survei.pewawancara",
                    ringkasan: format!("{} mewawancarai {wilayah} untuk {}", orang.nama, isi.judul),
                    hasil: (),
                })
            },
        )
        .await
    }

    /// The respondents `oleh` interviews (all for a planner), with their
    /// names and addresses from the DPT and what became of each.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn responden_saya(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        survei_id: Uuid,
    ) -> Result<Vec<ResponenTugas>> {
        let r = self
            .ruang_lapangan(
                oleh,
                pemilihan_id,
                &[JenisLapangan::Survei, JenisLapangan::Wawancara],
            )
            .await?;
        let s = cari(&r, survei_id)?;
        let perencana = diizinkan(
            &oleh.penugasan,
            Izin::KelolaLapangan,
            &Objek::Wilayah(r.pemilihan.wilayah),
        );
        let Some(t) = &s.isi.tarikan else {
            return Ok(Vec::new());
        };
        let hasil: HashMap<(KodeTps, u32), HasilWawancara> = r
            .wawancara
            .iter()
            .filter(|w| w.isi.survei == survei_id)
            .map(|w| ((w.isi.tps, w.isi.urut), w.isi.hasil))
            .collect();
        let milik: Vec<&RespondenSurvei> = t
            .sampel
            .iter()
            .filter(|x| perencana || s.isi.pewawancara_di(oleh.id, x.tps))
            .collect();
        let mut per_tps: BTreeMap<String, (KodeTps, Vec<u32>)> = BTreeMap::new();
        for x in &milik {
            per_tps
                .entry(x.tps.to_string())
                .or_insert((x.tps, Vec::new()))
                .1
                .push(x.urut);
        }
        let mut out = Vec::new();
        for (_, (tps, urut)) in per_tps {
            let dpt: HashMap<u32, posko_domain::Pemilih> = self
                .store
                .daftar_pemilih_tps(tps)
                .await?
                .into_iter()
                .map(|v| (v.urut, v))
                .collect();
            let mut urut = urut;
            urut.sort_unstable();
            for u in urut {
                let v = dpt.get(&u);
                out.push(ResponenTugas {
                    tps,
                    urut: u,
                    nama: v.map(|v| v.nama.clone()).unwrap_or_default(),
                    alamat: v.and_then(|v| v.alamat.clone()).unwrap_or_default(),
                    hasil: hasil.get(&(tps, u)).copied(),
                });
            }
        }
        Ok(out)
    }

    /// An interview from the interviewer's phone (perhaps hours later):
    /// once per respondent, every active question answered with one of
    /// its options when it was done. `Ok(false)` when it was there already.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_wawancara(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        survei_id: Uuid,
        w: Wawancara,
    ) -> Result<bool> {
        let p = self
            .pemilihan_lapangan(oleh, pemilihan_id, Izin::KerjaLapangan)
            .await?;
        let perencana = diizinkan(
            &oleh.penugasan,
            Izin::KelolaLapangan,
            &Objek::Wilayah(p.wilayah),
        );
        let sekarang = (self.jam)().unix_timestamp();
        if w.waktu > sekarang + 15 * 60 {
            return Err(tolak("waktu wawancara di masa depan; periksa jam ponsel"));
        }
        let (_, baru) = self
            .tambah_lapangan(
                oleh,
                &Aktor::pengguna(oleh),
                &p,
                &[JenisLapangan::Survei, JenisLapangan::Wawancara],
                |r| {
                    let s = cari(r, survei_id)?;
                    let Some(t) = &s.isi.tarikan else {
                        return Err(tolak("sampel survei ini belum ditarik"));
                    };
                    if !perencana && !s.isi.pewawancara_di(oleh.id, w.tps) {
                        return Err(AppError::Dilarang(
                            "responden ini bukan di wilayah wawancara Anda".into(),
                        ));
                    }
                    if !t.sampel.iter().any(|x| x.tps == w.tps && x.urut == w.urut) {
                        return Err(tolak(format!(
                            "pemilih {} nomor {} tidak ada dalam sampel",
                            w.tps, w.urut
                        )));
                    }
                    let id = id_dari(&[
                        survei_id.as_bytes(),
                        w.tps.to_string().as_bytes(),
                        &w.urut.to_be_bytes(),
                    ]);
                    if r.wawancara.iter().any(|x| x.id == id) {
                        return Ok(Keputusan {
                            perubahan: Vec::new(),
                            aksi: "survei.wawancara",
                            ringkasan: String::new(),
                            hasil: (),
                        });
                    }
                    let mut isi = w.clone();
                    isi.survei = survei_id;
                    isi.pewawancara = oleh.id;
                    if isi.hasil == HasilWawancara::Selesai {
                        for q in s.isi.aktif() {
                            match isi.jawaban.get(&q.kode) {
                                Some(j) if q.label(j).is_some() => {}
                                Some(j) => {
                                    return Err(tolak(format!(
                                        "pertanyaan {}: jawaban '{j}' tidak ada di pilihannya",
                                        q.kode
                                    )));
                                }
                                None => {
                                    return Err(tolak(format!(
                                        "pertanyaan {} belum dijawab",
                                        q.kode
                                    )));
                                }
                            }
                        }
                        isi.jawaban
                            .retain(|k, _| s.isi.aktif().any(|q| q.kode == *k));
                    } else {
                        isi.jawaban.clear();
                    }
                    Ok(Keputusan {
                        perubahan: vec![Perubahan::baru(JenisLapangan::Wawancara, id, &isi)?],
                        aksi: "survei.wawancara",
                        ringkasan: format!(
                            "wawancara {} {} nomor {}: {}",
                            s.isi.judul,
                            isi.tps,
                            isi.urut,
                            isi.hasil.slug()
                        ),
                        hasil: (),
                    })
                },
            )
            .await?;
        Ok(baru)
    }
}

pub(super) fn cari(r: &super::RuangLapangan, id: Uuid) -> Result<&Tersimpan<Survei>> {
    r.survei
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::NotFound(format!("survei {id}")))
}
