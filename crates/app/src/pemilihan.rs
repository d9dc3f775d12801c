//! Setting up an election and its candidate pairs.

use posko_domain::{JenisPemilihan, KodeWilayah, NamaCalon, NomorUrut};
use posko_storage::{Paslon, Pemilihan, RekapDpt, StoreError, Wilayah};
use serde::Serialize;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use posko_domain::Jejak;

use crate::{Aktor, AppError, Posko, Result};

#[derive(Debug, Clone)]
pub struct NewPemilihan {
    pub jenis: JenisPemilihan,
    pub wilayah: KodeWilayah,
    /// Defaults to "Pemilihan <jabatan> <wilayah> <tahun>".
    pub nama: Option<String>,
    pub tanggal: Date,
}

#[derive(Debug, Clone)]
pub struct NewPaslon {
    pub nomor_urut: NomorUrut,
    pub calon_kepala: NamaCalon,
    pub calon_wakil: NamaCalon,
}

#[derive(Debug, Clone, Serialize)]
pub struct PemilihanView {
    pub pemilihan: Pemilihan,
    pub wilayah: Wilayah,
    pub paslon: Vec<Paslon>,
    pub rekap: RekapDpt,
}

impl Posko {
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_pemilihan(&self, aktor: &Aktor, new: NewPemilihan) -> Result<Pemilihan> {
        self.simpan_pemilihan_dengan_aturan(aktor, new, None).await
    }

    /// As [`Posko::simpan_pemilihan`], with a win rule chosen from the
    /// start (None: the law's default as paslon are registered).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_pemilihan_dengan_aturan(
        &self,
        aktor: &Aktor,
        new: NewPemilihan,
        aturan: Option<posko_domain::AturanMenang>,
    ) -> Result<Pemilihan> {
        new.jenis
            .cek_wilayah(&new.wilayah)
            .map_err(AppError::invalid)?;
        let wilayah = self
            .store
            .ambil_wilayah(new.wilayah)
            .await?
            .ok_or_else(|| {
                AppError::Invalid(format!(
                    "wilayah {} belum ada; impor kode wilayah terlebih dahulu",
                    new.wilayah
                ))
            })?;
        let nama = match new.nama.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => format!(
                "Pemilihan {} {} {}",
                new.jenis.jabatan(),
                wilayah.nama,
                new.tanggal.year()
            ),
        };
        let p = Pemilihan {
            id: Uuid::now_v7(),
            jenis: new.jenis,
            wilayah: new.wilayah,
            nama,
            tanggal: new.tanggal,
            dibuat: OffsetDateTime::now_utc()
                .replace_nanosecond(0)
                .unwrap_or(OffsetDateTime::now_utc()),
            aturan,
        };
        let jejak = Jejak::new(
            aktor.as_str(),
            "pemilihan.buat",
            "pemilihan",
            p.id.to_string(),
            format!("{} ({}, {})", p.nama, p.jenis, p.wilayah),
            &serde_json::to_vec(&p).unwrap_or_default(),
        );
        self.store.simpan_pemilihan(&p, &jejak).await?;
        Ok(p)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_paslon(
        &self,
        aktor: &Aktor,
        pemilihan_id: Uuid,
        new: NewPaslon,
    ) -> Result<Paslon> {
        let pemilihan = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))?;
        // A calon tunggal contest chosen as such has one pair: a second
        // one means the rule must be changed first.
        if pemilihan.aturan == Some(posko_domain::AturanMenang::CalonTunggal)
            && !self.store.daftar_paslon(pemilihan_id).await?.is_empty()
        {
            return Err(AppError::Invalid(format!(
                "{} memakai aturan calon_tunggal (satu paslon melawan kolom kosong); ubah aturan menangnya dulu sebelum menambah paslon kedua",
                pemilihan.nama
            )));
        }
        let p = Paslon {
            pemilihan_id,
            nomor_urut: new.nomor_urut,
            calon_kepala: new.calon_kepala,
            calon_wakil: new.calon_wakil,
        };
        let jejak = Jejak::new(
            aktor.as_str(),
            "paslon.tambah",
            "paslon",
            format!("{pemilihan_id}/{}", p.nomor_urut),
            format!(
                "paslon {}: {} – {}",
                p.nomor_urut, p.calon_kepala, p.calon_wakil
            ),
            &serde_json::to_vec(&p).unwrap_or_default(),
        );
        self.store
            .simpan_paslon(&p, &jejak)
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => AppError::Invalid(format!(
                    "nomor urut {} sudah dipakai paslon lain di pemilihan ini",
                    p.nomor_urut
                )),
                other => other.into(),
            })?;
        self.cache_pemilihan.clear();
        Ok(p)
    }

    /// Whether someone holding `penugasan` may exercise `izin` somewhere in
    /// an election: any scope that touches its region. `NotFound` when
    /// there is no such election, so a route never runs unchecked.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn boleh_di_pemilihan(
        &self,
        penugasan: &[posko_domain::Penugasan],
        izin: posko_domain::Izin,
        id: Uuid,
    ) -> Result<bool> {
        let (p, _) = self.pemilihan_dengan_paslon(id).await?;
        Ok(penugasan
            .iter()
            .any(|r| r.peran.izin().contains(&izin) && r.cakupan.bersinggungan(&p.wilayah)))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_pemilihan(&self) -> Result<Vec<Pemilihan>> {
        Ok(self.store.daftar_pemilihan().await?)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pemilihan_view(&self, id: Uuid) -> Result<PemilihanView> {
        let pemilihan = self
            .store
            .ambil_pemilihan(id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {id}")))?;
        let wilayah = self
            .store
            .ambil_wilayah(pemilihan.wilayah)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("wilayah {}", pemilihan.wilayah)))?;
        let paslon = self.store.daftar_paslon(id).await?;
        let rekap = self.store.ambil_rekap_dpt(Some(pemilihan.wilayah)).await?;
        Ok(PemilihanView {
            pemilihan,
            wilayah,
            paslon,
            rekap,
        })
    }
}
