//! Receipts and proofs (bukti) of finance entries: a photo (JPEG, PNG,
//! HEIC) or a PDF, kept in the photo store under its SHA-256 like a
//! C.Hasil photo, and named by that hash in the entry's `bukti`.
//!
//! A proof is bound to one election by its upload: the audit chain gets a
//! `dana.bukti` entry about `dana_bukti` `<election>/<hash>`, and an entry
//! may name only a hash uploaded so for its own election and still in the
//! store. So a C.Hasil photo's hash, or another election's proof, cannot
//! be listed in an entry and then read through the finance room; and a
//! proof is never recorded as a photo upload (`foto_unggah`), so no C.Hasil
//! form can attach it and the TPS photo route never serves it.

use posko_domain::audit::sha256_hex;

use super::*;
use crate::foto::{FOTO_MAKS, cek_ukuran_foto, hash_sah, jenis_foto, ukuran_foto};

/// Largest proof: the same as a form photo (a phone photo, a scanned receipt).
pub const BUKTI_MAKS: usize = FOTO_MAKS;
/// Proofs per entry: a receipt, a transfer slip, a few photos of goods.
pub const BUKTI_PER_ENTRI: usize = 6;

/// The audit entity a proof's upload is recorded under.
/// A finance proof's binding to its election.
const BUKTI: crate::berkas_terikat::Ikatan = crate::berkas_terikat::Ikatan {
    entitas: "dana_bukti",
    aksi: "dana.bukti",
    apa: "bukti dana",
};

/// What kind of proof the bytes are, from their first bytes (a name or a
/// declared type is not trusted): a photo's type, or `application/pdf`.
pub fn jenis_bukti(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    jenis_foto(bytes)
}

/// The file extension of a proof's kind (the auditor's ZIP names files so).
pub fn ekstensi_bukti(jenis: &str) -> &'static str {
    match jenis {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/heic" => "heic",
        "application/pdf" => "pdf",
        _ => "bin",
    }
}

/// Checks a proof's bytes and returns its hash and kind, or says what is
/// wrong naming the file `nama`.
pub fn periksa_berkas_bukti(nama: &str, bytes: &[u8]) -> Result<(String, &'static str)> {
    let nama = if nama.trim().is_empty() {
        "bukti"
    } else {
        nama.trim()
    };
    if bytes.is_empty() {
        return Err(tolak(format!("{nama}: berkas bukti kosong")));
    }
    if bytes.len() > BUKTI_MAKS {
        return Err(tolak(format!(
            "{nama}: bukti terlalu besar ({:.1} MB, maksimal {} MB)",
            bytes.len() as f64 / 1e6,
            BUKTI_MAKS / (1024 * 1024)
        )));
    }
    let jenis = jenis_bukti(bytes).ok_or_else(|| {
        tolak(format!(
            "{nama}: bukti harus foto JPEG, PNG atau HEIC, atau PDF"
        ))
    })?;
    if jenis != "application/pdf"
        && let Some((lebar, tinggi)) = ukuran_foto(bytes)
    {
        cek_ukuran_foto(lebar, tinggi).map_err(|e| tolak(format!("{nama}: {e}")))?;
    }
    Ok((sha256_hex(bytes), jenis))
}

impl Posko {
    /// Checks and stores a proof for an election's ledger (`CatatDana`);
    /// returns its SHA-256 to list in an entry's `bukti`. Storing the same
    /// file twice is harmless. The upload is recorded in the audit chain,
    /// which is what lets an entry of this election name it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_bukti_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        nama: &str,
        bytes: Vec<u8>,
    ) -> Result<String> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::CatatDana)
            .await?;
        let nama_berkas = nama.to_string();
        let (hash, jenis, bytes) = crate::latar::kerja("memeriksa bukti dana", move || {
            let (hash, jenis) = periksa_berkas_bukti(&nama_berkas, &bytes)?;
            Ok::<_, AppError>((hash, jenis, bytes))
        })
        .await??;
        self.simpan_terikat(oleh, pemilihan_id, &BUKTI, &hash, jenis, bytes)
            .await?;
        Ok(hash)
    }

    /// Whether `hash` was uploaded as a proof of this election.
    async fn bukti_terunggah(&self, pemilihan_id: Uuid, hash: &str) -> Result<bool> {
        self.terikat(&BUKTI, pemilihan_id, hash).await
    }

    /// The proofs an entry names, checked: SHA-256 hex, at most
    /// [`BUKTI_PER_ENTRI`] (a repeat counts once), each uploaded as a proof
    /// of this election and held by the store.
    pub(super) async fn periksa_bukti_entri(
        &self,
        pemilihan_id: Uuid,
        bukti: &[String],
    ) -> Result<Vec<String>> {
        let mut daftar: Vec<String> = Vec::new();
        for h in periksa_bukti(bukti)? {
            if !daftar.contains(&h) {
                daftar.push(h);
            }
        }
        if daftar.len() > BUKTI_PER_ENTRI {
            return Err(tolak(format!(
                "paling banyak {BUKTI_PER_ENTRI} bukti per entri"
            )));
        }
        for h in &daftar {
            if !(self.bukti_terunggah(pemilihan_id, h).await? && self.foto_ada(h).await?) {
                return Err(tolak(format!(
                    "bukti {h} belum diunggah untuk pemilihan ini; unggah berkasnya lebih dulu"
                )));
            }
        }
        Ok(daftar)
    }

    /// A proof's bytes and kind, for someone who may read this election's
    /// finance (`LihatDana`), only when an entry of this election lists it:
    /// `None` otherwise, so the finance room never opens a C.Hasil photo or
    /// another election's proof. Bytes that no longer hash to their name
    /// are an error, never served as the proof.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn bukti_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        hash: &str,
    ) -> Result<Option<(Vec<u8>, &'static str)>> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::LihatDana)
            .await?;
        let hash = hash.to_ascii_lowercase();
        if !hash_sah(&hash) {
            return Ok(None);
        }
        let tercatat = self
            .store
            .daftar_entri_dana(pemilihan_id, &SaringDana::default())
            .await?
            .iter()
            .any(|e| e.bukti.contains(&hash));
        if !tercatat {
            return Ok(None);
        }
        match self.baca_bukti(&hash).await? {
            BacaBukti::Ada(bytes, jenis) => Ok(Some((bytes, jenis))),
            BacaBukti::Hilang => {
                tracing::warn!("bukti dana {hash} tercatat pada entri tetapi tidak tersimpan");
                Ok(None)
            }
            BacaBukti::Berubah => Err(AppError::internal(
                format!("bukti dana {hash}"),
                format!(
                    "isi berkas di {} tidak lagi sesuai sidik SHA-256-nya",
                    self.foto.lokasi()
                ),
            )),
        }
    }

    /// A stored proof read back and checked against its name.
    pub(super) async fn baca_bukti(&self, hash: &str) -> Result<BacaBukti> {
        let Some(bytes) = self.foto.ambil(hash).await.map_err(|e| {
            AppError::internal(format!("membaca bukti dari {}", self.foto.lokasi()), e)
        })?
        else {
            return Ok(BacaBukti::Hilang);
        };
        let nama = hash.to_string();
        crate::latar::kerja("memeriksa sidik bukti", move || {
            if sha256_hex(&bytes) != nama {
                return BacaBukti::Berubah;
            }
            let jenis = jenis_bukti(&bytes).unwrap_or("application/octet-stream");
            BacaBukti::Ada(bytes, jenis)
        })
        .await
    }
}

/// A proof as the store gave it back.
pub(super) enum BacaBukti {
    Ada(Vec<u8>, &'static str),
    /// The store has nothing under the hash.
    Hilang,
    /// The bytes no longer hash to their name.
    Berubah,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bukti_dikenali_dari_isinya() {
        assert_eq!(jenis_bukti(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(jenis_bukti(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(jenis_bukti(b"PDF-1.7"), None);
        let e = periksa_berkas_bukti("kuitansi.jpg", b"ini teks biasa")
            .unwrap_err()
            .to_string();
        assert!(e.contains("kuitansi.jpg") && e.contains("PDF"), "{e}");
        let besar = [b"%PDF-".as_slice(), &vec![b' '; BUKTI_MAKS]].concat();
        let e = periksa_berkas_bukti("nota.pdf", &besar)
            .unwrap_err()
            .to_string();
        assert!(e.contains("nota.pdf") && e.contains("terlalu besar"), "{e}");
        assert!(periksa_berkas_bukti("x.pdf", b"").is_err());
        let (h, j) = periksa_berkas_bukti("nota.pdf", b"%PDF-1.4 nota").unwrap();
        assert_eq!((h.len(), j), (64, "application/pdf"));
        assert_eq!(ekstensi_bukti(j), "pdf");
    }
}
