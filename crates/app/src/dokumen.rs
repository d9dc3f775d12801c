//! What the rooms of versioned documents share in the application (the
//! social-media room, field operations): a record as stored, the new
//! versions a change decides on, and writing them with their audit entry
//! (`posko_storage::dokumen`).

use async_trait::async_trait;
use posko_domain::Jejak;
use posko_storage::{
    Dokumen, JenisDokumen, JenisLapangan, JenisMedsos, Konflik, Store, StoreError, Syarat,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// One record of a room as stored: its latest version.
#[derive(Debug, Clone, PartialEq)]
pub struct Tersimpan<T> {
    pub id: Uuid,
    pub versi: i64,
    /// Who wrote this version, and when (unix seconds).
    pub oleh: Uuid,
    pub waktu: i64,
    pub isi: T,
}

/// A new version of one record, made by a change.
#[derive(Debug, Clone)]
pub(crate) struct Perubahan<J> {
    pub(crate) id: Uuid,
    pub(crate) versi: i64,
    pub(crate) jenis: J,
    pub(crate) data: String,
}

impl<J: JenisDokumen> Perubahan<J> {
    /// A record's first version.
    pub(crate) fn baru<T: Serialize>(jenis: J, id: Uuid, isi: &T) -> Result<Perubahan<J>> {
        Ok(Perubahan {
            id,
            versi: 1,
            jenis,
            data: json(isi)?,
        })
    }

    /// The next version of `lama`.
    pub(crate) fn ubah<T: Serialize, U>(
        jenis: J,
        lama: &Tersimpan<U>,
        isi: &T,
    ) -> Result<Perubahan<J>> {
        Ok(Perubahan {
            id: lama.id,
            versi: lama.versi + 1,
            jenis,
            data: json(isi)?,
        })
    }
}

/// What a change decided: the records to write, the audit line.
pub(crate) struct Keputusan<R, J = JenisMedsos> {
    pub perubahan: Vec<Perubahan<J>>,
    /// The audit entry's action (after the room's prefix), e.g. `akun.ubah`.
    pub aksi: &'static str,
    pub ringkasan: String,
    pub hasil: R,
}

pub(crate) fn json<T: Serialize>(isi: &T) -> Result<String> {
    serde_json::to_string(isi).map_err(|e| AppError::Internal {
        apa: "dokumen".into(),
        sumber: Box::new(e),
    })
}

pub(crate) fn baca_isi<T: DeserializeOwned, J: JenisDokumen>(
    d: &Dokumen<J>,
) -> Result<Tersimpan<T>> {
    let isi = serde_json::from_str(&d.data).map_err(|e| AppError::Internal {
        apa: format!("dokumen {}", d.id),
        sumber: Box::new(e),
    })?;
    Ok(Tersimpan {
        id: d.id,
        versi: d.versi,
        oleh: d.oleh,
        waktu: d.waktu,
        isi,
    })
}

/// A room's kinds, and where the store keeps them.
#[async_trait]
pub(crate) trait Ruang: JenisDokumen {
    /// The audit actions' prefix, e.g. `medsos`.
    const AWALAN: &'static str;
    /// What a change answers when others kept writing the room meanwhile.
    const RAMAI: &'static str;

    async fn tulis(
        store: &dyn Store,
        pemilihan_id: Uuid,
        dokumen: &[Dokumen<Self>],
        syarat: Syarat,
        jejak: &Jejak,
    ) -> posko_storage::Result<i64>;
}

#[async_trait]
impl Ruang for JenisMedsos {
    const AWALAN: &'static str = "medsos";
    const RAMAI: &'static str = "ruang media sosial sedang ramai diubah; coba lagi";

    async fn tulis(
        store: &dyn Store,
        pemilihan_id: Uuid,
        dokumen: &[Dokumen<Self>],
        syarat: Syarat,
        jejak: &Jejak,
    ) -> posko_storage::Result<i64> {
        let Syarat::Sesudah(sesudah) = syarat else {
            unreachable!("the social-media room has no appends")
        };
        store
            .tulis_medsos(pemilihan_id, dokumen, sesudah, jejak)
            .await
    }
}

#[async_trait]
impl Ruang for JenisLapangan {
    const AWALAN: &'static str = "lapangan";
    const RAMAI: &'static str = "ruang lapangan sedang ramai diubah; coba lagi";

    async fn tulis(
        store: &dyn Store,
        pemilihan_id: Uuid,
        dokumen: &[Dokumen<Self>],
        syarat: Syarat,
        jejak: &Jejak,
    ) -> posko_storage::Result<i64> {
        store
            .tulis_lapangan(pemilihan_id, dokumen, syarat, jejak)
            .await
    }
}

/// Tries of a change when others keep writing the room meanwhile.
const COBA_UBAH: usize = 8;

impl Posko {
    /// One change of a room: `baca` reads it fresh, `putuskan` decides
    /// what to write, and the versions go in with one audit entry under
    /// the check `syarat` gives for what was read (a change names the
    /// counter it read, an append none). When the room moved meanwhile (or
    /// the append is there already), it reads and decides again,
    /// `COBA_UBAH` times at most, then answers the room's `RAMAI`. `(hasil, false)`
    /// when nothing was to be written.
    pub(crate) async fn ubah_ruang<J, G, R, Fut>(
        &self,
        oleh: Uuid,
        aktor: &Aktor,
        pemilihan_id: Uuid,
        baca: impl Fn() -> Fut,
        syarat: impl Fn(&G) -> Syarat,
        putuskan: impl Fn(&G) -> Result<Keputusan<R, J>>,
    ) -> Result<(R, bool)>
    where
        J: Ruang,
        Fut: std::future::Future<Output = Result<G>>,
    {
        for _ in 0..COBA_UBAH {
            let ruang = baca().await?;
            let k = putuskan(&ruang)?;
            if k.perubahan.is_empty() {
                return Ok((k.hasil, false));
            }
            if let Some(hasil) = self
                .tulis_keputusan(oleh, aktor, pemilihan_id, syarat(&ruang), k)
                .await?
            {
                return Ok((hasil, true));
            }
        }
        Err(AppError::Konflik(J::RAMAI.into()))
    }

    /// Writes what `k` decided with one audit entry. `Ok(None)`: the room
    /// moved since it was read (or, for an append, the record exists);
    /// the caller reads and decides again.
    pub(crate) async fn tulis_keputusan<J: Ruang, R>(
        &self,
        oleh: Uuid,
        aktor: &Aktor,
        pemilihan_id: Uuid,
        syarat: Syarat,
        k: Keputusan<R, J>,
    ) -> Result<Option<R>> {
        let waktu = (self.jam)().unix_timestamp();
        let dokumen: Vec<Dokumen<J>> = k
            .perubahan
            .iter()
            .map(|c| Dokumen {
                id: c.id,
                pemilihan_id,
                jenis: c.jenis,
                versi: c.versi,
                data: c.data.clone(),
                oleh,
                waktu,
            })
            .collect();
        let konten = json(
            &k.perubahan
                .iter()
                .map(|c| (c.id, c.versi, c.data.as_str()))
                .collect::<Vec<_>>(),
        )?;
        let pertama = &k.perubahan[0];
        let jejak = Jejak::new(
            aktor.as_str(),
            format!("{}.{}", J::AWALAN, k.aksi),
            format!("{}_{}", J::AWALAN, pertama.jenis.kolom()),
            pertama.id.to_string(),
            k.ringkasan.clone(),
            konten.as_bytes(),
        );
        match J::tulis(self.store.as_ref(), pemilihan_id, &dokumen, syarat, &jejak).await {
            Ok(_) => Ok(Some(k.hasil)),
            Err(StoreError::Conflict(Konflik::RuangBerubah(_))) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}
