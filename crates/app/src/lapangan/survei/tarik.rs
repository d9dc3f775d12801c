//! A survey's draw: every voter of the region with a known age is the
//! frame, in code order; the sample is the smallest keys under the
//! published seed (`posko_domain::survei::tarik_responden`), and the audit
//! entry names the seed, the frame's size and its SHA-256, so anyone
//! holding the DPT can draw it again.

use std::collections::HashMap;

use posko_domain::survei::{KELOMPOK_UMUR, Margin, kelompok_umur, tarik_responden};
use posko_domain::{Izin, JenisKelamin, KodeTps, KodeWilayah, Tingkat};
use posko_storage::{JenisLapangan, Pengguna};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{RespondenSurvei, Tarikan, cari};
use crate::lapangan::{Keputusan, Perubahan, tolak};
use crate::{Posko, Result};

impl Posko {
    /// Draws the sample from the region's DPT with `benih` (once: the
    /// sample of a survey never changes). The audit entry records the
    /// seed, the frame's size and its SHA-256, so anyone can redo it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tarik_sampel_survei(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        survei_id: Uuid,
        benih: u64,
    ) -> Result<usize> {
        let p = self.pemilihan_survei(oleh, pemilihan_id).await?;
        // The frame: every voter of the region with a known age, in code
        // order; their kecamatan, sex and age band at voting day.
        let mut tps: Vec<KodeTps> = self
            .store
            .hitung_pemilih_per_tps(p.wilayah)
            .await?
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(t, _)| t)
            .collect();
        tps.sort_by_key(|t| t.to_string());
        let mut kecamatan: Vec<KodeWilayah> = tps
            .iter()
            .map(|t| t.desa().at(Tingkat::Kecamatan))
            .collect();
        kecamatan.sort_by_key(|k| k.as_u64());
        kecamatan.dedup();
        let indeks: HashMap<KodeWilayah, usize> =
            kecamatan.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let mut margin = Margin {
            jk: vec![0.0; 2],
            umur: vec![0.0; KELOMPOK_UMUR.len()],
            wilayah: vec![0.0; kecamatan.len()],
        };
        let mut kerangka: Vec<(String, u32)> = Vec::new();
        let mut kategori: Vec<(KodeTps, u32, u8, u8, u16)> = Vec::new();
        let mut sidik = Sha256::new();
        let mut tanpa_umur = 0u64;
        for t in &tps {
            let kec = indeks[&t.desa().at(Tingkat::Kecamatan)];
            for v in self.store.daftar_pemilih_tps(*t).await? {
                let usia = match (v.tanggal_lahir, v.usia) {
                    (Some(l), _) => {
                        let mut u = p.tanggal.year() - l.year();
                        if (p.tanggal.month() as u8, p.tanggal.day()) < (l.month() as u8, l.day()) {
                            u -= 1;
                        }
                        Some(u.max(0) as u32)
                    }
                    (None, Some(u)) => Some(u32::from(u)),
                    (None, None) => None,
                };
                let Some(usia) = usia else {
                    tanpa_umur += 1;
                    continue;
                };
                let jk = u8::from(v.jenis_kelamin == JenisKelamin::Perempuan);
                let umur = kelompok_umur(usia);
                margin.jk[usize::from(jk)] += 1.0;
                margin.umur[umur] += 1.0;
                margin.wilayah[kec] += 1.0;
                let kode = t.to_string();
                sidik.update(format!("{kode}:{}\n", v.urut).as_bytes());
                kerangka.push((kode, v.urut));
                kategori.push((*t, v.urut, jk, umur as u8, kec as u16));
            }
        }
        if kerangka.is_empty() {
            return Err(tolak("DPT wilayah pemilihan ini belum dimuat"));
        }
        let sidik_kerangka = format!("{:x}", sidik.finalize());
        let waktu = (self.jam)().unix_timestamp();
        self.ubah_lapangan(
            oleh,
            pemilihan_id,
            Izin::KelolaLapangan,
            &[JenisLapangan::Survei],
            |r| {
                let s = cari(r, survei_id)?;
                if s.isi.tarikan.is_some() {
                    return Err(tolak("sampel survei ini sudah ditarik; sampel tidak pernah diganti"));
                }
                let terpilih = tarik_responden(benih, &kerangka, s.isi.ukuran as usize);
                let sampel: Vec<RespondenSurvei> = terpilih
                    .iter()
                    .map(|&i| {
                        let (tps, urut, jk, umur, kecamatan) = kategori[i];
                        RespondenSurvei {
                            tps,
                            urut,
                            jk,
                            umur,
                            kecamatan,
                        }
                    })
                    .collect();
                let n = sampel.len();
                let mut isi = s.isi.clone();
                isi.tarikan = Some(Tarikan {
                    benih,
                    kerangka: kerangka.len() as u64,
                    tanpa_umur,
                    sidik_kerangka: sidik_kerangka.clone(),
                    kecamatan: kecamatan.clone(),
                    margin: margin.clone(),
                    sampel,
                    waktu,
                });
                Ok(Keputusan {
                    perubahan: vec![Perubahan::ubah(JenisLapangan::Survei, s, &isi)?],
                    aksi: "survei.tarik",
                    ringkasan: format!(
                        "sampel survei {}: {n} dari {} pemilih, benih {benih}, SHA-256 kerangka {sidik_kerangka}",
                        isi.judul,
                        kerangka.len()
                    ),
                    hasil: n,
                })
            },
        )
        .await
    }
}
