//! Files bound to one election: a finance proof, a draft's photo. Each is
//! kept in the photo store under its SHA-256, and its upload for an
//! election is an audit entry (`entitas`, id `<election>/<hash>`). That
//! entry is what lets a record of that election name the file: a hash
//! learnt elsewhere (a C.Hasil photo, another election's file) is not
//! one, since no such entry exists for it.

use posko_domain::Jejak;
use posko_storage::Pengguna;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// One kind of bound file.
pub(crate) struct Ikatan {
    /// The audit entity of its uploads.
    pub entitas: &'static str,
    /// The audit action.
    pub aksi: &'static str,
    /// What it is, in words: "bukti dana".
    pub apa: &'static str,
}

fn kunci(pemilihan_id: Uuid, hash: &str) -> String {
    format!("{pemilihan_id}/{hash}")
}

impl Posko {
    /// Stores checked `bytes` (SHA-256 `hash`, type `jenis`) and records
    /// their upload for the election once; storing the same file again is
    /// harmless.
    pub(crate) async fn simpan_terikat(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        ikatan: &Ikatan,
        hash: &str,
        jenis: &str,
        bytes: Vec<u8>,
    ) -> Result<()> {
        let ukuran = bytes.len();
        self.foto.simpan(hash, bytes).await.map_err(|e| {
            AppError::internal(
                format!("menyimpan {} ke {}", ikatan.apa, self.foto.lokasi()),
                e,
            )
        })?;
        if !self.terikat(ikatan, pemilihan_id, hash).await? {
            let jejak = Jejak::new(
                Aktor::pengguna(oleh).as_str(),
                ikatan.aksi,
                ikatan.entitas,
                kunci(pemilihan_id, hash),
                format!(
                    "{} {jenis} ({ukuran} bita) diunggah untuk pemilihan {pemilihan_id}",
                    ikatan.apa
                ),
                hash.as_bytes(),
            );
            self.store.catat_audit(&jejak).await?;
        }
        Ok(())
    }

    /// Whether `hash` was uploaded as this kind of file for the election.
    pub(crate) async fn terikat(
        &self,
        ikatan: &Ikatan,
        pemilihan_id: Uuid,
        hash: &str,
    ) -> Result<bool> {
        Ok(!self
            .store
            .daftar_audit_entitas(ikatan.entitas, &kunci(pemilihan_id, hash), 1)
            .await?
            .is_empty())
    }

    /// The bytes of a stored file and their type (sniffed), after
    /// checking they still hash to `hash`; `None` when the store has none.
    pub(crate) async fn baca_terikat(
        &self,
        ikatan: &Ikatan,
        hash: &str,
    ) -> Result<Option<(Vec<u8>, &'static str)>> {
        let Some(bytes) = self.foto.ambil(hash).await.map_err(|e| {
            AppError::internal(
                format!("membaca {} dari {}", ikatan.apa, self.foto.lokasi()),
                e,
            )
        })?
        else {
            return Ok(None);
        };
        let (hash, apa) = (hash.to_string(), ikatan.apa);
        crate::latar::kerja("memeriksa sidik berkas", move || {
            if posko_domain::audit::sha256_hex(&bytes) != hash {
                return Err(AppError::internal(
                    format!("{apa} {hash}"),
                    "isi berkas tidak lagi sesuai sidik SHA-256-nya",
                ));
            }
            let jenis = crate::foto::jenis_foto(&bytes).unwrap_or("application/octet-stream");
            Ok(Some((bytes, jenis)))
        })
        .await?
    }
}
