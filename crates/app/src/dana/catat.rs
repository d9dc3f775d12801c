//! Writing the ledger: donations (a new donor with their first gift in
//! one transaction), spending, corrections checked against the whole
//! ledger and written only if it did not move meanwhile, and returns of
//! excess. Each write carries its audit entry.

use super::*;

impl Posko {
    /// The usable part and excess of one entry of a donor, over the
    /// donor's whole history in ledger order.
    async fn bagian_entri(
        &self,
        pemilihan_id: Uuid,
        sumber: SumberDana,
        penyumbang_id: Option<Uuid>,
        entri: &EntriDana,
    ) -> Result<Bagian> {
        let Some(pid) = penyumbang_id else {
            // Anonymous: none of it may be used.
            return Ok(Bagian {
                terpakai: Uang::NOL,
                kelebihan: entri.nilai,
            });
        };
        let milik = self
            .store
            .daftar_entri_dana(
                pemilihan_id,
                &SaringDana {
                    penyumbang_id: Some(pid),
                    ..SaringDana::default()
                },
            )
            .await?;
        let nilai: Vec<Uang> = milik.iter().map(|e| e.nilai).collect();
        let bagian = pisah_sumbangan(&penyumbang_domain(sumber, Some(pid)), &nilai)
            .map_err(AppError::invalid)?;
        milik
            .iter()
            .zip(bagian)
            .find(|(e, _)| e.id == entri.id)
            .map(|(_, b)| b)
            .ok_or_else(|| AppError::NotFound(format!("entri dana {}", entri.id)))
    }

    /// Appends an entry, with its audit entry. A correction is checked
    /// first against the whole ledger with it (`periksa_buku`: never below
    /// zero, same kind as what it corrects), and written only if no entry
    /// was added meanwhile (else checked again, a few times).
    async fn tambah_entri(
        &self,
        oleh: &Pengguna,
        e: EntriDana,
        aksi: &str,
    ) -> Result<(EntriDana, i64)> {
        if e.koreksi_atas.is_none() {
            return self.tulis_entri(oleh, e, None, aksi).await;
        }
        let mut coba = 0;
        loop {
            let tersimpan = self
                .store
                .daftar_entri_dana(e.pemilihan_id, &SaringDana::default())
                .await?;
            let terakhir = tersimpan.iter().map(|x| x.nomor).max().unwrap_or(0);
            let mut buku: Vec<Entri> = tersimpan.iter().map(ke_domain).collect();
            buku.push(ke_domain(&e));
            if let Err(galat) = periksa_buku(&buku) {
                return Err(tolak(
                    galat
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ));
            }
            match self
                .tulis_entri(oleh, e.clone(), Some(terakhir), aksi)
                .await
            {
                Err(AppError::Store(posko_storage::StoreError::Conflict(
                    posko_storage::Konflik::BukuDanaBerubah(_),
                ))) if coba < 3 => coba += 1,
                hasil => return hasil,
            }
        }
    }

    async fn tulis_entri(
        &self,
        oleh: &Pengguna,
        mut e: EntriDana,
        sesudah: Option<i64>,
        aksi: &str,
    ) -> Result<(EntriDana, i64)> {
        let jejak = jejak_entri(oleh, &e, aksi)?;
        let nomor = self.store.catat_entri_dana(&e, sesudah, &jejak).await?;
        e.nomor = nomor;
        Ok((e, nomor))
    }
}

/// The audit entry of a ledger entry: what moved, when, what it corrects.
fn jejak_entri(oleh: &Pengguna, e: &EntriDana, aksi: &str) -> Result<Jejak> {
    let konten = serde_json::to_vec(&e).map_err(|x| AppError::Internal {
        apa: "entri dana".into(),
        sumber: Box::new(x),
    })?;
    let arah = e.jenis.arah();
    let jejak = Jejak::new(
        Aktor::pengguna(oleh).as_str(),
        aksi,
        "dana_entri",
        e.id.to_string(),
        format!(
            "{} {} ({}) tanggal {}{}{}",
            arah.slug(),
            e.nilai,
            e.bentuk.jenis(),
            e.tanggal,
            e.koreksi_atas
                .map(|k| format!(", koreksi atas {k}"))
                .unwrap_or_default(),
            e.susulan
                .map(|p| format!(", susulan pada {}", p.slug().to_uppercase()))
                .unwrap_or_default(),
        ),
        &konten,
    );
    Ok(jejak)
}

impl Posko {
    /// A new entry's id, election, writer and time; the caller fills the rest.
    fn entri_baru(&self, oleh: &Pengguna, pemilihan_id: Uuid, jenis: JenisEntriDana) -> EntriDana {
        EntriDana {
            id: Uuid::now_v7(),
            pemilihan_id,
            nomor: 0,
            tanggal: Date::MIN,
            jenis,
            bentuk: BentukDana::Uang,
            rekening: Rekening::Rkdk,
            nilai: Uang::NOL,
            koreksi_atas: None,
            susulan: None,
            uraian: String::new(),
            bukti: Vec::new(),
            dicatat_oleh: oleh.id,
            dicatat: (self.jam)().unix_timestamp(),
        }
    }

    /// Records a donation. The reply says how much of it may be used and
    /// how much is excess (over the donor's cap, or all of an anonymous
    /// donation), which must be returned or paid to the treasury.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_sumbangan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        s: &SumbanganBaru,
    ) -> Result<HasilEntriDana> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::CatatDana)
            .await?;
        if !s.nilai.positif() {
            return Err(tolak(
                "nilai sumbangan harus lebih dari nol; pengurangan dicatat sebagai koreksi",
            ));
        }
        periksa_bentuk(&s.bentuk)?;
        let bukti = self.periksa_bukti_entri(pemilihan_id, &s.bukti).await?;
        let susulan = self.tempatkan_dana(pemilihan_id, s.tanggal).await?;
        // The entry, whoever the donor turns out to be.
        let entri = |sumber, penyumbang_id| EntriDana {
            tanggal: s.tanggal,
            bentuk: s.bentuk.clone(),
            rekening: s.rekening,
            nilai: s.nilai,
            uraian: s.uraian.trim().to_string(),
            bukti: bukti.clone(),
            susulan,
            ..self.entri_baru(
                oleh,
                pemilihan_id,
                JenisEntriDana::Penerimaan {
                    sumber,
                    penyumbang_id,
                },
            )
        };
        let (sumber, penyumbang_id) = match &s.penyumbang {
            PilihPenyumbang::Anonim { sumber } => (*sumber, None),
            PilihPenyumbang::Tercatat(id) => {
                let p = self
                    .store
                    .ambil_penyumbang_dana(*id)
                    .await?
                    .filter(|p| p.pemilihan_id == pemilihan_id)
                    .ok_or_else(|| AppError::NotFound(format!("penyumbang {id}")))?;
                (p.sumber, Some(p.id))
            }
            PilihPenyumbang::Baru { sumber, identitas } => {
                // The donor and the donation in one transaction: a refused
                // donation leaves no personal data behind.
                let (p, cocok, jejak_p) =
                    self.siapkan_penyumbang(oleh, pemilihan_id, *sumber, identitas)?;
                let e = entri(p.sumber, Some(p.id));
                let jejak = jejak_entri(oleh, &e, "dana.sumbangan")?;
                match self
                    .store
                    .catat_sumbangan_penyumbang_baru(&p, &cocok, &jejak_p, &e, &jejak)
                    .await?
                {
                    SumbanganPenyumbangBaru::Dicatat(nomor) => {
                        return self.hasil_sumbangan(e, nomor, p.sumber, Some(p.id)).await;
                    }
                    // Recorded meanwhile (or before, under this NIK or
                    // NPWP): the gift is theirs.
                    SumbanganPenyumbangBaru::PenyumbangAda(id) => {
                        let ada = self
                            .store
                            .ambil_penyumbang_dana(id)
                            .await?
                            .ok_or_else(|| AppError::NotFound(format!("penyumbang {id}")))?;
                        (ada.sumber, Some(id))
                    }
                }
            }
        };
        let (e, nomor) = self
            .tambah_entri(oleh, entri(sumber, penyumbang_id), "dana.sumbangan")
            .await?;
        self.hasil_sumbangan(e, nomor, sumber, penyumbang_id).await
    }

    /// What recording a donation did: its number, and its usable part and
    /// excess over the donor's whole history.
    async fn hasil_sumbangan(
        &self,
        e: EntriDana,
        nomor: i64,
        sumber: SumberDana,
        penyumbang_id: Option<Uuid>,
    ) -> Result<HasilEntriDana> {
        let bagian = self
            .bagian_entri(e.pemilihan_id, sumber, penyumbang_id, &e)
            .await?;
        Ok(HasilEntriDana {
            id: e.id,
            nomor,
            susulan: e.susulan,
            penyumbang_id,
            bagian: Some(bagian),
        })
    }

    /// Records spending of one category.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_belanja(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        b: &BelanjaBaru,
    ) -> Result<HasilEntriDana> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::CatatDana)
            .await?;
        if !b.nilai.positif() {
            return Err(tolak(
                "nilai pengeluaran harus lebih dari nol; pengurangan dicatat sebagai koreksi",
            ));
        }
        periksa_bentuk(&b.bentuk)?;
        let bukti = self.periksa_bukti_entri(pemilihan_id, &b.bukti).await?;
        let susulan = self.tempatkan_dana(pemilihan_id, b.tanggal).await?;
        let e = EntriDana {
            tanggal: b.tanggal,
            bentuk: b.bentuk.clone(),
            rekening: b.rekening,
            nilai: b.nilai,
            uraian: b.uraian.trim().to_string(),
            bukti,
            susulan,
            ..self.entri_baru(
                oleh,
                pemilihan_id,
                JenisEntriDana::Pengeluaran {
                    kategori: b.kategori,
                },
            )
        };
        let (e, nomor) = self.tambah_entri(oleh, e, "dana.belanja").await?;
        Ok(HasilEntriDana {
            id: e.id,
            nomor,
            susulan,
            penyumbang_id: None,
            bagian: None,
        })
    }

    /// Records a correction: a new entry linked to the one it corrects,
    /// of the same kind, donor or category, form and account. The entry
    /// corrected is left as it is. Dated in a period already closed, it is
    /// carried by the next open period as a late adjustment.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_koreksi(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        k: &KoreksiBaru,
    ) -> Result<HasilEntriDana> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::CatatDana)
            .await?;
        if k.nilai == Uang::NOL {
            return Err(tolak("nilai koreksi tidak boleh nol"));
        }
        let asal = self
            .store
            .ambil_entri_dana(k.atas)
            .await?
            .filter(|e| e.pemilihan_id == pemilihan_id)
            .ok_or_else(|| {
                tolak(format!(
                    "koreksi merujuk entri {} yang tidak ada di buku dana pemilihan ini",
                    k.atas
                ))
            })?;
        if k.tanggal < asal.tanggal {
            return Err(tolak(format!(
                "tanggal koreksi {} tidak boleh sebelum tanggal entri yang dikoreksi {}",
                k.tanggal, asal.tanggal
            )));
        }
        let bukti = self.periksa_bukti_entri(pemilihan_id, &k.bukti).await?;
        let susulan = self.tempatkan_dana(pemilihan_id, k.tanggal).await?;
        let e = EntriDana {
            tanggal: k.tanggal,
            bentuk: asal.bentuk.clone(),
            rekening: asal.rekening,
            nilai: k.nilai,
            koreksi_atas: Some(asal.id),
            uraian: k.uraian.trim().to_string(),
            bukti,
            susulan,
            ..self.entri_baru(oleh, pemilihan_id, asal.jenis)
        };
        let (e, nomor) = self.tambah_entri(oleh, e, "dana.koreksi").await?;
        let (bagian, penyumbang_id) = match asal.jenis {
            JenisEntriDana::Penerimaan {
                sumber,
                penyumbang_id,
            } => (
                Some(
                    self.bagian_entri(pemilihan_id, sumber, penyumbang_id, &e)
                        .await?,
                ),
                penyumbang_id,
            ),
            JenisEntriDana::Pengeluaran { .. } => (None, None),
        };
        Ok(HasilEntriDana {
            id: e.id,
            nomor,
            susulan,
            penyumbang_id,
            bagian,
        })
    }

    /// Records excess handed back to a donor or paid to the state
    /// treasury; never more than the donor's excess not yet returned.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_pengembalian_kelebihan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        k: &PengembalianBaru,
    ) -> Result<Uuid> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::CatatDana)
            .await?;
        if !k.nilai.positif() {
            return Err(tolak("nilai pengembalian harus lebih dari nol"));
        }
        let sumber = match k.penyumbang_id {
            Some(id) => {
                self.store
                    .ambil_penyumbang_dana(id)
                    .await?
                    .filter(|p| p.pemilihan_id == pemilihan_id)
                    .ok_or_else(|| AppError::NotFound(format!("penyumbang {id}")))?
                    .sumber
            }
            None => {
                if k.tujuan != TujuanKelebihan::KasNegara {
                    return Err(tolak(
                        "kelebihan dari penyumbang tanpa identitas diserahkan ke kas negara",
                    ));
                }
                k.sumber
            }
        };
        if let Some(eid) = k.entri_id {
            let e = self
                .store
                .ambil_entri_dana(eid)
                .await?
                .filter(|e| e.pemilihan_id == pemilihan_id)
                .ok_or_else(|| AppError::NotFound(format!("entri dana {eid}")))?;
            if e.jenis
                != (JenisEntriDana::Pengeluaran {
                    kategori: KategoriBelanja::PengembalianKelebihan,
                })
            {
                return Err(tolak(
                    "entri pengembalian harus pengeluaran berkategori pengembalian kelebihan",
                ));
            }
        }
        // Checked against one view of the ledger and its returns; when
        // either moved before the write, check again.
        let mut coba = 0;
        loop {
            let (posisi, terlihat) = self.posisi_terlihat(pemilihan_id).await?;
            let sisa = posisi
                .into_iter()
                .find(|p| p.posisi.penyumbang == penyumbang_domain(sumber, k.penyumbang_id))
                .map(|p| p.posisi.belum_dikembalikan)
                .unwrap_or_default();
            if k.nilai > sisa {
                return Err(tolak(format!(
                    "pengembalian {} melebihi kelebihan yang belum dikembalikan ({sisa})",
                    k.nilai
                )));
            }
            let r = PengembalianDana {
                id: Uuid::now_v7(),
                pemilihan_id,
                tanggal: k.tanggal,
                sumber,
                penyumbang_id: k.penyumbang_id,
                nilai: k.nilai,
                tujuan: k.tujuan,
                entri_id: k.entri_id,
                dicatat_oleh: oleh.id,
                dicatat: (self.jam)().unix_timestamp(),
            };
            let jejak = Jejak::new(
                Aktor::pengguna(oleh).as_str(),
                "dana.pengembalian",
                "dana_pengembalian",
                r.id.to_string(),
                format!(
                    "kelebihan {} {} ({})",
                    r.nilai,
                    k.tujuan.label(),
                    k.penyumbang_id
                        .map_or_else(|| format!("anonim {sumber}"), |p| format!("penyumbang {p}"))
                ),
                r.id.as_bytes(),
            );
            match self
                .store
                .catat_pengembalian_dana(&r, terlihat, &jejak)
                .await
            {
                Err(posko_storage::StoreError::Conflict(
                    posko_storage::Konflik::BukuDanaBerubah(_),
                )) if coba < 3 => coba += 1,
                hasil => {
                    hasil?;
                    return Ok(r.id);
                }
            }
        }
    }
}
