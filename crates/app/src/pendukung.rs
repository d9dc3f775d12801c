//! The supporter registry: registering with consent, de-duplication by NIK
//! and by fuzzy name, the data subject's rights under UU 27/2022 (see,
//! export, erase) and the retention sweep.

use posko_domain::pendukung::{
    KATA_CARI_MAKS, diduga_ganda, keperluan_disetujui, simpan_sampai_bawaan, token_cari, token_nama,
};
use posko_domain::relawan::di_dalam;
use posko_domain::{
    Cakupan, DataPendukung, IsianPendukung, Izin, Jejak, KodeWilayah, Objek, diizinkan,
};
use posko_storage::{KolomRahasia, PasanganRagu, Pendukung, Pengguna};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// What registering a supporter did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatatPendukung {
    /// Stored; `ragu` suspected duplicates went to the review list.
    Baru { id: Uuid, ragu: usize },
    /// A supporter with this NIK is already recorded: nothing stored.
    Ganda(Uuid),
}

/// A supporter against the voter list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusDpt {
    /// On the DPT at this TPS.
    Terdaftar(posko_domain::KodeTps),
    /// No voter of that name and birth date in their desa: not a
    /// registered voter there (or the DPT of that desa is not imported).
    TidakDitemukan,
    TanpaTanggalLahir,
}

/// Supporters listed per page of the list and of a name search.
pub const PENDUKUNG_SEHALAMAN: u32 = 100;

/// One page of supporters found.
#[derive(Debug, Clone)]
pub struct HalamanPendukung {
    pub baris: Vec<Pendukung>,
    /// How many match in all, over every page.
    pub jumlah: u64,
    /// 0-based.
    pub halaman: u32,
    pub ada_berikutnya: bool,
}

impl Posko {
    /// Registers a supporter for the calling relawan. Consent (at least one
    /// purpose) comes first: without it nothing is parsed or stored.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_pendukung(
        &self,
        oleh: &Pengguna,
        isian: &IsianPendukung<'_>,
        keperluan: &[&str],
    ) -> Result<CatatPendukung> {
        self.catat_pendukung_pada(oleh, isian, keperluan, OffsetDateTime::now_utc())
            .await
    }

    /// [`Posko::catat_pendukung`] as if at `sekarang`: for the demo, which
    /// spreads its supporters over a working day as relawan record them,
    /// and `posko bench mutu`. Pages and the API use `catat_pendukung`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_pendukung_pada(
        &self,
        oleh: &Pengguna,
        isian: &IsianPendukung<'_>,
        keperluan: &[&str],
        sekarang: OffsetDateTime,
    ) -> Result<CatatPendukung> {
        let keperluan = keperluan_disetujui(keperluan).map_err(AppError::invalid)?;
        let d = DataPendukung::parse(isian, sekarang.year()).map_err(AppError::invalid)?;
        let relawan = self.relawan_aktif(oleh).await?;
        let tempat = match d.domisili.tps() {
            Some(t) => Cakupan::Tps(t),
            None => Cakupan::Wilayah(d.domisili.desa()),
        };
        if !di_dalam(&relawan.wilayah, &tempat) {
            return Err(AppError::Dilarang(format!(
                "{tempat} di luar wilayah Anda ({}): catat pendukung di wilayah Anda sendiri",
                relawan.wilayah
            )));
        }
        if let Some(t) = d.domisili.tps()
            && self.store.ambil_tps(t).await?.is_none()
        {
            return Err(AppError::Invalid(format!("TPS {t} tidak dikenal")));
        }
        let simpan_sampai = self.simpan_sampai_untuk(d.domisili.desa()).await?;
        // Checked before the NIK is sealed; only the outcome is kept.
        let mutu = self
            .mutu_pendukung(&d, !isian.tanggal_lahir.trim().is_empty())
            .await?;
        let id = Uuid::now_v7();
        let p = Pendukung {
            id,
            relawan_id: relawan.id,
            nama: d.nama.clone(),
            nik: d.nik.map(|n| {
                self.brankas
                    .seal(KolomRahasia::PendukungNik, id, &n.expose())
            }),
            telepon: d.telepon.as_ref().map(|t| {
                self.brankas
                    .seal(KolomRahasia::PendukungTelepon, id, t.as_str())
            }),
            alamat: d.alamat.clone(),
            desa: d.domisili.desa(),
            tps: d.domisili.tps(),
            tanggal_lahir: d.tanggal_lahir,
            dukungan: d.dukungan,
            sumber: d.sumber.clone(),
            keperluan: keperluan.into_iter().collect(),
            disetujui: sekarang.unix_timestamp(),
            simpan_sampai,
            dibuat: sekarang.unix_timestamp(),
            mutu,
        };
        let nik_lain = d
            .nik
            .map(|n| {
                self.brankas
                    .indeks_semua(KolomRahasia::PendukungNik, &n.expose())
            })
            .unwrap_or_default();
        let mut ragu = Vec::new();
        if let Some(lahir) = d.tanggal_lahir {
            for (lain, nama) in self.store.daftar_kandidat_ganda(p.desa, lahir).await? {
                if let Some(skor) =
                    diduga_ganda((&p.nama, Some(lahir), p.desa), (&nama, Some(lahir), p.desa))
                {
                    ragu.push((lain, skor));
                }
            }
        }
        // The audit entry hashes the id and the NIK's blind index, never
        // the name or the number.
        let mut konten = id.as_bytes().to_vec();
        konten.extend(p.nik.as_ref().map(|n| n.indeks.as_bytes()).unwrap_or(b""));
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "pendukung.catat",
            "pendukung",
            id.to_string(),
            format!(
                "pendukung dicatat di {} oleh relawan {} ({} dugaan ganda)",
                p.desa,
                relawan.id,
                ragu.len()
            ),
            &konten,
        );
        let hari = posko_domain::mutu_lapangan::hari_wib(p.dibuat);
        match self
            .store
            .simpan_pendukung(&p, &self.indeks_nama(&p.nama), &nik_lain, &ragu, &jejak)
            .await?
        {
            Some(ada) => {
                // Someone another relawan already recorded: one is an
                // overlap, several in a day are a finding.
                let lain = self
                    .store
                    .ambil_pendukung(ada)
                    .await?
                    .is_some_and(|x| x.relawan_id != relawan.id);
                if lain {
                    let mut s = posko_domain::mutu_lapangan::Sinyal::default();
                    s.tambah(posko_domain::mutu_lapangan::Alasan::OrangRelawanLain, 1);
                    self.periksa_batch_lapangan(relawan.id, hari, &s).await?;
                }
                Ok(CatatPendukung::Ganda(ada))
            }
            None => {
                self.periksa_batch_lapangan(relawan.id, hari, &Default::default())
                    .await?;
                Ok(CatatPendukung::Baru {
                    id,
                    ragu: ragu.len(),
                })
            }
        }
    }

    /// 90 days after the latest election covering the desa; a year from
    /// today when no election is set up yet.
    async fn simpan_sampai_untuk(&self, desa: KodeWilayah) -> Result<Date> {
        let tanggal = self
            .store
            .daftar_pemilihan()
            .await?
            .into_iter()
            .filter(|p| p.wilayah.mencakup(&desa))
            .map(|p| p.tanggal)
            .max();
        Ok(match tanggal {
            Some(t) => simpan_sampai_bawaan(t),
            None => OffsetDateTime::now_utc().date() + time::Duration::days(365),
        })
    }

    fn boleh(&self, oleh: &Pengguna, izin: Izin, p: &Pendukung) -> Result<()> {
        let objek = match p.tps {
            Some(t) => Objek::Tps(t),
            None => Objek::Wilayah(p.desa),
        };
        if diizinkan(&oleh.penugasan, izin, &objek) {
            Ok(())
        } else {
            Err(AppError::Dilarang(
                "pendukung ini di luar wilayah tugas Anda".into(),
            ))
        }
    }

    async fn pendukung(&self, id: Uuid) -> Result<Pendukung> {
        self.store
            .ambil_pendukung(id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pendukung {id}")))
    }

    /// One supporter, if the caller manages supporters where they live.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn lihat_pendukung(&self, oleh: &Pengguna, id: Uuid) -> Result<Pendukung> {
        let p = self.pendukung(id).await?;
        self.boleh(oleh, Izin::KelolaPendukung, &p)?;
        Ok(p)
    }

    /// Supporters the caller may see (newest first, at most `limit` per scope).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pendukung_terlihat(&self, oleh: &Pengguna, limit: u32) -> Result<Vec<Pendukung>> {
        let mut out: Vec<Pendukung> = Vec::new();
        for t in &oleh.penugasan {
            if !t.peran.izin().contains(&Izin::KelolaPendukung) {
                continue;
            }
            let rows = match t.cakupan {
                Cakupan::Semua => self.store.daftar_pendukung_di(None, limit).await?,
                Cakupan::Wilayah(w) => self.store.daftar_pendukung_di(Some(w), limit).await?,
                Cakupan::Tps(k) => self
                    .store
                    .daftar_pendukung_di(Some(k.desa()), limit)
                    .await?
                    .into_iter()
                    .filter(|p| p.tps == Some(k))
                    .collect(),
            };
            for p in rows {
                if !out.iter().any(|o| o.id == p.id) {
                    out.push(p);
                }
            }
        }
        out.sort_by_key(|p| std::cmp::Reverse(p.dibuat));
        Ok(out)
    }

    /// The keyed blind indexes of a name's search tokens (see
    /// [`posko_domain::token_nama`] and docs/SECURITY.md): what the store
    /// keeps so a name search needs neither the plain names nor a scan.
    pub(crate) fn indeks_nama(&self, nama: &str) -> Vec<String> {
        token_nama(nama)
            .iter()
            .map(|t| self.brankas.indeks_nama(t))
            .collect()
    }

    /// Supporters the caller may see whose name has every part of `q` as
    /// the beginning of one of its parts (all of them when `q` is blank),
    /// newest first, page `halaman` (0-based) of [`PENDUKUNG_SEHALAMAN`].
    /// Searches every supporter in scope through the name index.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn cari_pendukung(
        &self,
        oleh: &Pengguna,
        q: &str,
        halaman: u32,
    ) -> Result<HalamanPendukung> {
        let cakupan: Vec<Cakupan> = oleh
            .penugasan
            .iter()
            .filter(|t| t.peran.izin().contains(&Izin::KelolaPendukung))
            .map(|t| t.cakupan)
            .collect();
        let kata = token_cari(q);
        if kata.len() > KATA_CARI_MAKS {
            return Err(AppError::Invalid(format!(
                "pencarian nama paling banyak {KATA_CARI_MAKS} kata ({} kata berbeda diketik); ketik bagian nama yang diingat saja",
                kata.len()
            )));
        }
        let cari: Vec<Vec<String>> = kata
            .iter()
            .map(|t| self.brankas.indeks_nama_semua(t))
            .collect();
        let halaman = halaman.min(100_000);
        let (jumlah, mut baris) = self
            .store
            .cari_pendukung(
                &cakupan,
                &cari,
                PENDUKUNG_SEHALAMAN + 1,
                halaman * PENDUKUNG_SEHALAMAN,
            )
            .await?;
        let ada_berikutnya = baris.len() > PENDUKUNG_SEHALAMAN as usize;
        baris.truncate(PENDUKUNG_SEHALAMAN as usize);
        Ok(HalamanPendukung {
            baris,
            jumlah,
            halaman,
            ada_berikutnya,
        })
    }

    /// Indexes the names of supporters stored before the name index
    /// existed (or of every supporter when `semua`, after a key rotation),
    /// in one transaction; returns how many. Run at start, so a database
    /// migrated to the index is searchable at once.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn lengkapi_indeks_nama(&self, semua: bool) -> Result<u64> {
        let rows: Vec<(Uuid, Vec<String>)> = self
            .store
            .daftar_nama_pendukung(!semua)
            .await?
            .into_iter()
            .map(|(id, nama)| (id, self.indeks_nama(&nama)))
            .collect();
        if rows.is_empty() {
            return Ok(0);
        }
        let jejak = Jejak::new(
            Aktor::system().as_str(),
            "pendukung.indeks_nama",
            "pendukung",
            "-",
            format!(
                "indeks pencarian nama {} pendukung dibuat dengan kunci {}",
                rows.len(),
                self.brankas.kid_aktif()
            ),
            &rows
                .iter()
                .flat_map(|(id, _)| *id.as_bytes())
                .collect::<Vec<_>>(),
        );
        Ok(self.store.ganti_indeks_nama(&rows, &jejak).await?)
    }

    /// Where each supporter stands on the imported voter list (DPT): on it
    /// at a TPS, not on it (in their desa, by name and birth date), or not
    /// checkable (no birth date recorded). In the order given.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn cocokkan_dpt(&self, pendukung: &[Pendukung]) -> Result<Vec<StatusDpt>> {
        let mut out = Vec::with_capacity(pendukung.len());
        for p in pendukung {
            let Some(lahir) = p.tanggal_lahir else {
                out.push(StatusDpt::TanpaTanggalLahir);
                continue;
            };
            let cocok = self.store.cari_pemilih(&p.nama, lahir, p.desa).await?;
            out.push(match cocok.as_slice() {
                [] => StatusDpt::TidakDitemukan,
                // Namesakes born the same day in one desa: the supporter's
                // own TPS when it is among them, else the first.
                [satu, ..] => StatusDpt::Terdaftar(
                    cocok
                        .iter()
                        .find(|v| Some(v.tps) == p.tps)
                        .unwrap_or(satu)
                        .tps,
                ),
            });
        }
        Ok(out)
    }

    /// Everything Posko holds about a supporter, decrypted, as JSON: what
    /// they receive when they ask to see their data. The export is audited.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ekspor_pendukung(&self, oleh: &Pengguna, id: Uuid) -> Result<serde_json::Value> {
        let p = self.pendukung(id).await?;
        self.boleh(oleh, Izin::EksporDataPribadi, &p)?;
        let buka = |k, d: &Option<posko_storage::DataTersandi>| -> Result<Option<String>> {
            d.as_ref()
                .map(|d| self.brankas.open(k, p.id, d).map_err(AppError::invalid))
                .transpose()
        };
        let v = serde_json::json!({
            "id": p.id,
            "nama": p.nama,
            "nik": buka(KolomRahasia::PendukungNik, &p.nik)?,
            "telepon": buka(KolomRahasia::PendukungTelepon, &p.telepon)?,
            "alamat": p.alamat,
            "desa": p.desa.to_string(),
            "tps": p.tps.map(|t| t.to_string()),
            "tanggal_lahir": p.tanggal_lahir.map(|d| d.to_string()),
            "dukungan": p.dukungan.slug(),
            "sumber": p.sumber,
            "persetujuan": {
                "dicatat_oleh_relawan": p.relawan_id,
                "waktu": p.disetujui,
                "keperluan": p.keperluan.iter().map(|k| k.slug()).collect::<Vec<_>>(),
                "disimpan_sampai": p.simpan_sampai.to_string(),
            },
        });
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "pendukung.ekspor",
            "pendukung",
            id.to_string(),
            "data pendukung diekspor atas permintaan pemilik data",
            id.as_bytes(),
        );
        self.store.catat_audit(&jejak).await?;
        Ok(v)
    }

    /// Corrects a supporter's particulars (consent and who asked stay).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn koreksi_pendukung(
        &self,
        oleh: &Pengguna,
        id: Uuid,
        isian: &IsianPendukung<'_>,
    ) -> Result<()> {
        let mut p = self.pendukung(id).await?;
        self.boleh(oleh, Izin::EksporDataPribadi, &p)?;
        let d = DataPendukung::parse(isian, OffsetDateTime::now_utc().year())
            .map_err(AppError::invalid)?;
        p.nama = d.nama;
        // The form never shows the stored NIK and phone, so a blank field
        // means "unchanged", not "erase it".
        if let Some(n) = d.nik {
            p.nik = Some(
                self.brankas
                    .seal(KolomRahasia::PendukungNik, id, &n.expose()),
            );
        }
        if let Some(t) = d.telepon {
            p.telepon = Some(
                self.brankas
                    .seal(KolomRahasia::PendukungTelepon, id, t.as_str()),
            );
        }
        p.alamat = d.alamat;
        p.desa = d.domisili.desa();
        p.tps = d.domisili.tps();
        p.tanggal_lahir = d.tanggal_lahir;
        p.dukungan = d.dukungan;
        p.sumber = d.sumber;
        self.boleh(oleh, Izin::EksporDataPribadi, &p)?;
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "pendukung.koreksi",
            "pendukung",
            id.to_string(),
            "data pendukung dikoreksi atas permintaan pemilik data",
            id.as_bytes(),
        );
        self.store
            .ubah_pendukung(&p, &self.indeks_nama(&p.nama), &jejak)
            .await
            .map_err(|e| match e {
                posko_storage::StoreError::Conflict(k) => AppError::Invalid(k.to_string()),
                other => other.into(),
            })?;
        Ok(())
    }

    /// Keeps a supporter's data until `sampai` (renewed consent).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn perpanjang_pendukung(
        &self,
        oleh: &Pengguna,
        id: Uuid,
        sampai: Date,
    ) -> Result<()> {
        let mut p = self.pendukung(id).await?;
        self.boleh(oleh, Izin::KelolaPendukung, &p)?;
        p.simpan_sampai = sampai;
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "pendukung.perpanjang",
            "pendukung",
            id.to_string(),
            format!("masa simpan diperpanjang sampai {sampai}"),
            id.as_bytes(),
        );
        self.store
            .ubah_pendukung(&p, &self.indeks_nama(&p.nama), &jejak)
            .await?;
        Ok(())
    }

    /// Erases a supporter at their request: the row and its review pairs
    /// are deleted; the audit log keeps only the id and hashes.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn hapus_pendukung(&self, oleh: &Pengguna, id: Uuid) -> Result<()> {
        let p = self.pendukung(id).await?;
        self.boleh(oleh, Izin::EksporDataPribadi, &p)?;
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "pendukung.hapus",
            "pendukung",
            id.to_string(),
            "data pendukung dihapus atas permintaan pemilik data",
            id.as_bytes(),
        );
        self.store.hapus_pendukung(&[id], &jejak).await?;
        Ok(())
    }

    /// Deletes every supporter whose retention date has passed at `now`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn hapus_kedaluwarsa(&self, now: OffsetDateTime) -> Result<u64> {
        let ids = self.store.daftar_pendukung_kedaluwarsa(now.date()).await?;
        if ids.is_empty() {
            return Ok(0);
        }
        let jejak = Jejak::new(
            Aktor::system().as_str(),
            "pendukung.kedaluwarsa",
            "pendukung",
            "-",
            format!("{} pendukung melewati masa simpan dan dihapus", ids.len()),
            &ids.iter().flat_map(|i| *i.as_bytes()).collect::<Vec<_>>(),
        );
        Ok(self.store.hapus_pendukung(&ids, &jejak).await?)
    }

    /// Suspected duplicates in the caller's territory, to review.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_ragu(&self, oleh: &Pengguna) -> Result<Vec<PasanganRagu>> {
        let mut out: Vec<PasanganRagu> = Vec::new();
        for t in &oleh.penugasan {
            if !t.peran.izin().contains(&Izin::KelolaPendukung) {
                continue;
            }
            let w = match t.cakupan {
                Cakupan::Semua => None,
                Cakupan::Wilayah(w) => Some(w),
                Cakupan::Tps(k) => Some(k.desa()),
            };
            for r in self.store.daftar_ragu(w, 500).await? {
                if !out.iter().any(|o| o.id == r.id) {
                    out.push(r);
                }
            }
        }
        // The list is read by desa; someone whose territory is smaller (a
        // relawan of one TPS) sees a pair only if they may see both people.
        let seluruh_desa = |desa: &posko_domain::KodeWilayah| {
            diizinkan(
                &oleh.penugasan,
                Izin::KelolaPendukung,
                &Objek::Wilayah(*desa),
            )
        };
        let mut terlihat = Vec::with_capacity(out.len());
        for r in out {
            if seluruh_desa(&r.desa) || self.boleh_pasangan(oleh, &r).await? {
                terlihat.push(r);
            }
        }
        Ok(terlihat)
    }

    /// Whether `oleh` may see both supporters of a pair.
    async fn boleh_pasangan(&self, oleh: &Pengguna, r: &PasanganRagu) -> Result<bool> {
        for id in [r.pendukung_a, r.pendukung_b] {
            let Some(p) = self.store.ambil_pendukung(id).await? else {
                return Ok(false);
            };
            if self.boleh(oleh, Izin::KelolaPendukung, &p).is_err() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Records a review: the pair is the same person or not. Nothing is
    /// merged automatically; erasing the extra record is a separate step.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn putuskan_ragu(&self, oleh: &Pengguna, id: Uuid, sama: bool) -> Result<bool> {
        let r = self
            .store
            .ambil_ragu(id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pasangan {id}")))?;
        let seluruh_desa = diizinkan(
            &oleh.penugasan,
            Izin::KelolaPendukung,
            &Objek::Wilayah(r.desa),
        );
        if !seluruh_desa && !self.boleh_pasangan(oleh, &r).await? {
            return Err(AppError::Dilarang("di luar wilayah tugas Anda".into()));
        }
        let status = if sama { "sama" } else { "beda" };
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "pendukung.ragu",
            "pendukung_ragu",
            id.to_string(),
            format!("dugaan ganda diputuskan: {status}"),
            id.as_bytes(),
        );
        Ok(self.store.putuskan_ragu(id, status, &jejak).await?)
    }
}
