//! Personal data under UU 27/2022: phone numbers encrypted at rest and
//! found by blind index, the start-up check that the key fits the data,
//! and key rotation.

use posko_domain::{Jejak, Telepon};
use posko_storage::{KolomRahasia, Pengguna};
use serde::Serialize;

use crate::{Aktor, AppError, Posko, Result};

/// What a key rotation did.
#[derive(Debug, Clone, Serialize)]
pub struct RotasiReport {
    pub baris: u64,
    pub kid_lama: Vec<String>,
    pub kid_baru: String,
}

impl Posko {
    /// Refuses a key ring that cannot read what the database holds: better
    /// to stop at start than to serve pages with unreadable numbers or, worse,
    /// to write new rows under a key the others were not written with.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn check_kunci(&self) -> Result<()> {
        let kids = self.brankas.kids();
        let missing: Vec<String> = self
            .store
            .daftar_kid_terpakai()
            .await?
            .into_iter()
            .filter(|k| !kids.contains(&k.as_str()))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(format!(
                "basis data berisi data pribadi terenkripsi dengan kunci {} yang tidak ada di berkas kunci (yang ada: {}); pakai berkas kunci yang benar (--key-file atau POSKO_KEY_FILE)",
                missing.join(", "),
                kids.join(", ")
            )))
        }
    }

    /// Whether the database holds any encrypted value (a missing key file
    /// may then be created without losing anything).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn has_encrypted_data(&self) -> Result<bool> {
        Ok(!self.store.daftar_kid_terpakai().await?.is_empty())
    }

    pub fn kid_aktif(&self) -> &str {
        self.brankas.kid_aktif()
    }

    pub fn brankas(&self) -> &crate::Brankas {
        &self.brankas
    }

    /// The account's phone, decrypted.
    pub fn telepon(&self, p: &Pengguna) -> Result<Option<Telepon>> {
        let Some(d) = &p.telepon else {
            return Ok(None);
        };
        let plain = self
            .brankas
            .open(KolomRahasia::PenggunaTelepon, p.id, d)
            .map_err(AppError::invalid)?;
        Telepon::parse(&plain)
            .map(Some)
            .map_err(|_| AppError::Invalid(format!("nomor telepon akun {} rusak", p.username)))
    }

    pub(crate) fn seal_telepon(&self, p: &Pengguna, t: &Telepon) -> posko_storage::DataTersandi {
        self.brankas
            .seal(KolomRahasia::PenggunaTelepon, p.id, t.as_str())
    }

    /// Accounts registered with this phone (an SMS sender, a duplicate check).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pengguna_by_telepon(&self, t: &Telepon) -> Result<Vec<Pengguna>> {
        let indeks = self
            .brankas
            .indeks_semua(KolomRahasia::PenggunaTelepon, t.as_str());
        Ok(self.store.cari_pengguna_telepon(&indeks).await?)
    }

    /// Sets or clears an account's phone.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ubah_telepon(
        &self,
        aktor: &Aktor,
        username: &str,
        telepon: Option<&Telepon>,
    ) -> Result<()> {
        let p = self.pengguna_by_username(username).await?;
        let data = telepon.map(|t| self.seal_telepon(&p, t));
        // The audit entry hashes the blind index, never the number: a
        // phone number's space is small enough to brute-force a plain hash.
        let jejak = Jejak::new(
            aktor.as_str(),
            "pengguna.telepon",
            "pengguna",
            p.id.to_string(),
            format!(
                "nomor telepon {} {}",
                p.username,
                if data.is_some() { "diubah" } else { "dihapus" }
            ),
            data.as_ref().map(|d| d.indeks.as_bytes()).unwrap_or(b""),
        );
        self.store.ubah_telepon(p.id, data.as_ref(), &jejak).await?;
        Ok(())
    }

    /// Re-encrypts every personal-data value under the ring's active key,
    /// in one transaction: afterwards no row needs an older key.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn reencrypt_all(&self, aktor: &Aktor) -> Result<RotasiReport> {
        let mut rows = Vec::new();
        let mut lama: Vec<String> = Vec::new();
        for &kolom in KolomRahasia::SEMUA {
            for (id, d) in self.store.daftar_rahasia(kolom).await? {
                let kid = d.sandi.split(':').next().unwrap_or_default().to_string();
                if !lama.contains(&kid) {
                    lama.push(kid);
                }
                let plain = self
                    .brankas
                    .open(kolom, id, &d)
                    .map_err(|e| AppError::Invalid(format!("{} baris {id}: {e}", kolom.label())))?;
                rows.push((kolom, id, self.brankas.seal(kolom, id, &plain)));
            }
        }
        let kid_baru = self.brankas.kid_aktif().to_string();
        let jejak = Jejak::new(
            aktor.as_str(),
            "kunci.rotasi",
            "kunci",
            kid_baru.clone(),
            format!(
                "{} nilai dienkripsi ulang dari kunci {} ke {kid_baru}",
                rows.len(),
                if lama.is_empty() {
                    "-".into()
                } else {
                    lama.join(", ")
                }
            ),
            kid_baru.as_bytes(),
        );
        let baris = self.store.ubah_rahasia(&rows, &jejak).await?;
        // The name search index is keyed too: rebuilt under the new key so
        // it still works once the old key leaves the ring.
        self.lengkapi_indeks_nama(true).await?;
        Ok(RotasiReport {
            baris,
            kid_lama: lama,
            kid_baru,
        })
    }
}
