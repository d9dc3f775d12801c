//! A survey's results: the interviews done, weighted to the DPT's own
//! margins (`posko_domain::survei::timbang`), each answer's share with
//! its margin, and the vote choice per kecamatan where the effective
//! sample allows.

use std::collections::HashMap;

use posko_domain::KodeTps;
use posko_domain::KodeWilayah;
use posko_domain::kunjungan::{PertanyaanSurvei, PilihanJawaban};
use posko_domain::survei::{
    Bagian, OpsiRaking, Responden, Timbangan, bagian_jawaban, cukup, timbang,
};
use posko_storage::Pengguna;
use uuid::Uuid;

use super::{HasilWawancara, KODE_PILIHAN, RespondenSurvei, Survei, Wawancara};
use crate::dokumen::Tersimpan;
use crate::{AppError, Posko, Result};

/// One answer's figures.
#[derive(Debug, Clone)]
pub struct HasilOpsi {
    pub kode: String,
    pub label: String,
    pub bagian: Bagian,
}

/// One question's weighted results.
#[derive(Debug, Clone)]
pub struct HasilPertanyaan {
    pub pertanyaan: PertanyaanSurvei,
    pub opsi: Vec<HasilOpsi>,
}

/// The vote-choice question in one kecamatan: shares, or "n too small".
#[derive(Debug, Clone)]
pub struct HasilWilayah {
    pub wilayah: KodeWilayah,
    pub n: usize,
    pub opsi: Option<Vec<HasilOpsi>>,
}

/// A survey's results as they stand.
#[derive(Debug, Clone)]
pub struct HasilSurvei {
    pub sampel: usize,
    pub selesai: usize,
    pub tidak_ditemui: usize,
    pub menolak: usize,
    /// None until enough interviews can be weighted.
    pub timbangan: Option<Timbangan>,
    /// Why there are no weights yet.
    pub galat: Option<String>,
    pub pertanyaan: Vec<HasilPertanyaan>,
    pub wilayah: Vec<HasilWilayah>,
}

impl Posko {
    /// A survey's results: the interviews done, weighted to the DPT's
    /// margins; every question's shares with their margins; the vote
    /// choice per kecamatan where the sample allows.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn hasil_survei(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        survei_id: Uuid,
    ) -> Result<(Tersimpan<Survei>, HasilSurvei)> {
        let p = self.pemilihan_survei(oleh, pemilihan_id).await?;
        let (_, semua, wawancara) = self.baca_survei(&p).await?;
        let s = semua
            .into_iter()
            .find(|s| s.id == survei_id)
            .ok_or_else(|| AppError::NotFound(format!("survei {survei_id}")))?;
        let w: Vec<&Wawancara> = wawancara
            .iter()
            .filter(|w| w.isi.survei == survei_id)
            .map(|w| &w.isi)
            .collect();
        let hitung = |h| w.iter().filter(|x| x.hasil == h).count();
        let mut hasil = HasilSurvei {
            sampel: s.isi.tarikan.as_ref().map_or(0, |t| t.sampel.len()),
            selesai: hitung(HasilWawancara::Selesai),
            tidak_ditemui: hitung(HasilWawancara::TidakDitemui),
            menolak: hitung(HasilWawancara::Menolak),
            timbangan: None,
            galat: None,
            pertanyaan: Vec::new(),
            wilayah: Vec::new(),
        };
        let Some(t) = &s.isi.tarikan else {
            hasil.galat = Some("sampel belum ditarik".into());
            return Ok((s, hasil));
        };
        let kategori: HashMap<(KodeTps, u32), &RespondenSurvei> =
            t.sampel.iter().map(|x| ((x.tps, x.urut), x)).collect();
        let selesai: Vec<(&Wawancara, &RespondenSurvei)> = w
            .iter()
            .filter(|x| x.hasil == HasilWawancara::Selesai)
            .filter_map(|x| kategori.get(&(x.tps, x.urut)).map(|k| (*x, *k)))
            .collect();
        let responden: Vec<Responden> = selesai
            .iter()
            .map(|(_, k)| Responden {
                jk: usize::from(k.jk),
                umur: usize::from(k.umur),
                wilayah: usize::from(k.kecamatan),
            })
            .collect();
        let tb = match timbang(&responden, &t.margin, OpsiRaking::default()) {
            Ok(tb) => tb,
            Err(e) => {
                hasil.galat = Some(e.to_string());
                return Ok((s, hasil));
            }
        };
        let opsi_dari = |q: &PertanyaanSurvei, idx: &[usize], bobot: &[f64]| -> Vec<HasilOpsi> {
            let jawaban: Vec<usize> = idx
                .iter()
                .map(|&i| {
                    let j = selesai[i].0.jawaban.get(&q.kode);
                    q.pilihan
                        .iter()
                        .position(|o| Some(&o.kode) == j)
                        .unwrap_or(usize::MAX)
                })
                .collect();
            bagian_jawaban(bobot, &jawaban, q.pilihan.len())
                .into_iter()
                .zip(&q.pilihan)
                .map(|(b, PilihanJawaban { kode, label })| HasilOpsi {
                    kode: kode.clone(),
                    label: label.clone(),
                    bagian: b,
                })
                .collect()
        };
        let semua_idx: Vec<usize> = (0..selesai.len()).collect();
        for q in s.isi.aktif() {
            hasil.pertanyaan.push(HasilPertanyaan {
                pertanyaan: q.clone(),
                opsi: opsi_dari(q, &semua_idx, &tb.bobot),
            });
        }
        if let Some(q) = s.isi.pertanyaan.iter().find(|q| q.kode == KODE_PILIHAN) {
            for (k, kode) in t.kecamatan.iter().enumerate() {
                let idx: Vec<usize> = (0..selesai.len())
                    .filter(|&i| usize::from(selesai[i].1.kecamatan) == k)
                    .collect();
                let bobot: Vec<f64> = idx.iter().map(|&i| tb.bobot[i]).collect();
                hasil.wilayah.push(HasilWilayah {
                    wilayah: *kode,
                    n: idx.len(),
                    opsi: cukup(&bobot).then(|| opsi_dari(q, &idx, &bobot)),
                });
            }
        }
        hasil.timbangan = Some(tb);
        Ok((s, hasil))
    }
}
