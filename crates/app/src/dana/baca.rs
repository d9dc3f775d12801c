//! The finance ledger read back: each donor's standing, the donors with
//! their identity opened, the ledger, the summary against the spending
//! cap and the three KPU reports.

use super::*;

impl Posko {
    /// Every donor's standing (net total, usable, excess, returned, still
    /// to return); anonymous donations per source.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn posisi_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<Vec<PosisiDana>> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::LihatDana)
            .await?;
        Ok(self.posisi_terlihat(pemilihan_id).await?.0)
    }

    /// Every donor's standing, with what it was computed from: the
    /// ledger's last entry number and how many returns there were (for
    /// [`posko_storage::DanaStore::catat_pengembalian_dana`]).
    pub(super) async fn posisi_terlihat(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<(Vec<PosisiDana>, (i64, i64))> {
        let tersimpan = self
            .store
            .daftar_entri_dana(pemilihan_id, &SaringDana::default())
            .await?;
        let nomor = tersimpan.iter().map(|e| e.nomor).max().unwrap_or(0);
        let buku: Vec<Entri> = tersimpan.iter().map(ke_domain).collect();
        let kembali = self.store.daftar_pengembalian_dana(pemilihan_id).await?;
        let terlihat = (nomor, kembali.len() as i64);
        let kembali: Vec<PengembalianKelebihan> = kembali
            .into_iter()
            .map(|k| PengembalianKelebihan {
                tanggal: k.tanggal,
                penyumbang: penyumbang_domain(k.sumber, k.penyumbang_id),
                nilai: k.nilai,
                tujuan: k.tujuan,
                entri: k.entri_id,
            })
            .collect();
        let posisi = posisi_penyumbang(&buku, &kembali)
            .map_err(AppError::invalid)?
            .into_iter()
            .map(|posisi| {
                let penyumbang_id = posisi
                    .penyumbang
                    .identitas
                    .as_deref()
                    .map(Uuid::parse_str)
                    .transpose()
                    .map_err(|e| {
                        AppError::Store(posko_storage::StoreError::Corrupt(e.to_string()))
                    })?;
                Ok(PosisiDana {
                    penyumbang_id,
                    posisi,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((posisi, terlihat))
    }

    /// One donor's standing.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn posisi_penyumbang(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        penyumbang_id: Uuid,
    ) -> Result<PosisiPenyumbang> {
        let p = self
            .posisi_dana(oleh, pemilihan_id)
            .await?
            .into_iter()
            .find(|p| p.penyumbang_id == Some(penyumbang_id));
        match p {
            Some(p) => Ok(p.posisi),
            None => {
                let d = self
                    .store
                    .ambil_penyumbang_dana(penyumbang_id)
                    .await?
                    .filter(|d| d.pemilihan_id == pemilihan_id)
                    .ok_or_else(|| AppError::NotFound(format!("penyumbang {penyumbang_id}")))?;
                Ok(PosisiPenyumbang {
                    penyumbang: penyumbang_domain(d.sumber, Some(d.id)),
                    bersih: Uang::NOL,
                    terpakai: Uang::NOL,
                    kelebihan: Uang::NOL,
                    dikembalikan: Uang::NOL,
                    belum_dikembalikan: Uang::NOL,
                })
            }
        }
    }

    /// An election's donors with their identity opened.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_penyumbang(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<Vec<PenyumbangTerbuka>> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::LihatDana)
            .await?;
        self.store
            .daftar_penyumbang_dana(pemilihan_id)
            .await?
            .into_iter()
            .map(|p| {
                let identitas = p
                    .identitas
                    .as_ref()
                    .map(|d| {
                        let teks = self
                            .brankas
                            .open(KolomRahasia::PenyumbangIdentitas, p.id, d)
                            .map_err(|e| AppError::Internal {
                                apa: format!("membuka identitas penyumbang {}", p.id),
                                sumber: Box::new(e),
                            })?;
                        serde_json::from_str::<IdentitasPenyumbang>(&teks).map_err(|e| {
                            AppError::Internal {
                                apa: format!("identitas penyumbang {}", p.id),
                                sumber: Box::new(e),
                            }
                        })
                    })
                    .transpose()?;
                Ok(PenyumbangTerbuka {
                    id: p.id,
                    sumber: p.sumber,
                    identitas,
                    dibuat: p.dibuat,
                })
            })
            .collect()
    }

    /// The ledger's entries within `saring`, by date then number.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn buku_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        saring: &SaringDana,
    ) -> Result<Vec<EntriDana>> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::LihatDana)
            .await?;
        Ok(self.store.daftar_entri_dana(pemilihan_id, saring).await?)
    }

    pub(super) async fn buku_domain(&self, pemilihan_id: Uuid) -> Result<Vec<Entri>> {
        Ok(self
            .store
            .daftar_entri_dana(pemilihan_id, &SaringDana::default())
            .await?
            .iter()
            .map(ke_domain)
            .collect())
    }

    /// Totals, excess still owed, and spending against the region's cap.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ringkasan_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
    ) -> Result<RingkasanDana> {
        let posisi = self.posisi_dana(oleh, pemilihan_id).await?;
        let batas_belanja = self
            .store
            .ambil_pengaturan_dana(pemilihan_id)
            .await?
            .and_then(|a| a.batas_belanja);
        let buku = self.buku_domain(pemilihan_id).await?;
        let (mut terima, mut keluar, mut kampanye) = (Uang::NOL, Uang::NOL, Uang::NOL);
        for e in &buku {
            match e.jenis {
                JenisEntri::Penerimaan { .. } => {
                    terima = terima.tambah(e.nilai).map_err(AppError::invalid)?
                }
                JenisEntri::Pengeluaran { kategori } => {
                    keluar = keluar.tambah(e.nilai).map_err(AppError::invalid)?;
                    if kategori != KategoriBelanja::PengembalianKelebihan {
                        kampanye = kampanye.tambah(e.nilai).map_err(AppError::invalid)?;
                    }
                }
            }
        }
        let jumlah = |f: fn(&PosisiPenyumbang) -> Uang| {
            Uang::jumlah(posisi.iter().map(|p| f(&p.posisi))).map_err(AppError::invalid)
        };
        Ok(RingkasanDana {
            total_penerimaan: terima,
            total_pengeluaran: keluar,
            saldo: terima.kurang(keluar).map_err(AppError::invalid)?,
            kelebihan: jumlah(|p| p.kelebihan)?,
            belum_dikembalikan: jumlah(|p| p.belum_dikembalikan)?,
            batas_belanja,
            belanja_kampanye: kampanye,
            persen_batas: batas_belanja
                .filter(|b| b.positif())
                .map(|b| (kampanye.sen() as f64 * 10_000.0 / b.sen() as f64).round() / 100.0),
        })
    }

    /// The figures of one KPU report (LADK, LPSDK or LPPDK) from the
    /// ledger, checked against it before they are given out.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn laporan_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        periode: Periode,
    ) -> Result<Laporan> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::LihatDana)
            .await?;
        let (jadwal, _) = self.jadwal_dana(pemilihan_id).await?.ok_or_else(|| {
            tolak("jadwal dana kampanye pemilihan ini belum diatur (tanggal kampanye)")
        })?;
        let buku = self.buku_domain(pemilihan_id).await?;
        let laporan = susun_laporan(&jadwal, &buku, periode).map_err(AppError::invalid)?;
        if let Err(selisih) = periksa_laporan(&jadwal, &buku, &laporan) {
            let pesan = selisih
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ");
            return Err(AppError::Internal {
                apa: format!("laporan {} tidak cocok dengan buku dana", periode.slug()),
                sumber: pesan.into(),
            });
        }
        Ok(laporan)
    }
}
