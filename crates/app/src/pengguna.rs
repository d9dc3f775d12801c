//! Accounts: creating them, roles, passwords and checking a sign-in.
//! Passwords are hashed with Argon2id (bounded in `sandi.rs`); a sign-in for
//! an unknown name costs the same work as one for a known name, so timing
//! reveals nothing.

use posko_domain::{Jejak, Penugasan, Telepon};
use posko_storage::{Pengguna, StoreError};
use rand::Rng;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

pub struct NewPengguna {
    pub username: String,
    pub nama: String,
    /// None: Posko generates one and returns it once.
    pub password: Option<String>,
    pub penugasan: Vec<Penugasan>,
    pub telepon: Option<Telepon>,
}

/// One entry of an account's history ([`Posko::riwayat_akun`]).
#[derive(Debug, Clone)]
pub struct RiwayatAkun {
    /// RFC 3339, UTC, as the audit log keeps it.
    pub waktu: String,
    /// The audit action (`kode_masuk.buat`, `masuk.berhasil`, …).
    pub aksi: String,
    /// Who did it, as a person reads it.
    pub oleh: String,
    pub ringkasan: String,
}

const PASSWORD_MIN: usize = 10;
const PASSWORD_MAX: usize = 200;

/// Lower-case letters, digits, dot, dash and underscore; 3–40 long.
pub(crate) fn clean_username(raw: &str) -> Result<String> {
    let u = raw.trim().to_lowercase();
    let ok = (3..=40).contains(&u.chars().count())
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(u)
    } else {
        Err(AppError::Invalid(format!(
            "nama pengguna '{}' tidak sah: 3–40 huruf kecil, angka, titik, strip atau garis bawah",
            raw.trim()
        )))
    }
}

pub(crate) fn check_password(p: &str) -> Result<()> {
    let n = p.chars().count();
    if n < PASSWORD_MIN {
        return Err(AppError::Invalid(format!(
            "kata sandi terlalu pendek ({n} karakter, minimal {PASSWORD_MIN})"
        )));
    }
    if n > PASSWORD_MAX {
        return Err(AppError::Invalid(format!(
            "kata sandi terlalu panjang (maksimal {PASSWORD_MAX} karakter)"
        )));
    }
    Ok(())
}

/// Readable without ambiguous characters (no 0/O, 1/l/I), 16 long.
fn generate_password() -> String {
    const CHARS: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..16)
        .map(|_| CHARS[rng.random_range(0..CHARS.len())] as char)
        .collect()
}

/// Argon2id of a new password, within the bound on Argon2 work: may be
/// refused as [`AppError::Sibuk`] when the server is flooded.
pub(crate) async fn hash_password(password: String) -> Result<String> {
    crate::sandi::hash(password).await
}

/// A valid hash of a random password, verified against when the account
/// does not exist so both paths cost one Argon2 run.
static DUMMY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

impl Posko {
    /// Creates an account. Returns the generated password when none was given.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn add_pengguna(
        &self,
        aktor: &Aktor,
        new: NewPengguna,
    ) -> Result<(Pengguna, Option<String>)> {
        let username = clean_username(&new.username)?;
        let nama = new.nama.split_whitespace().collect::<Vec<_>>().join(" ");
        if nama.is_empty() {
            return Err(AppError::Invalid("nama lengkap tidak boleh kosong".into()));
        }
        let (password, generated) = match new.password {
            Some(p) => (p, None),
            None => {
                let p = generate_password();
                (p.clone(), Some(p))
            }
        };
        check_password(&password)?;
        let hash = hash_password(password).await?;
        let now = OffsetDateTime::now_utc();
        let mut p = Pengguna {
            id: Uuid::now_v7(),
            username,
            nama,
            aktif: true,
            dibuat: now.replace_nanosecond(0).unwrap_or(now),
            penugasan: new.penugasan,
            telepon: None,
        };
        p.telepon = new.telepon.as_ref().map(|t| self.seal_telepon(&p, t));
        let roles: Vec<String> = p
            .penugasan
            .iter()
            .map(|t| format!("{}@{}", t.peran, t.cakupan))
            .collect();
        let jejak = Jejak::new(
            aktor.as_str(),
            "pengguna.buat",
            "pengguna",
            p.id.to_string(),
            format!("akun {} dibuat; peran: {}", p.username, roles.join(", ")),
            p.username.as_bytes(),
        );
        self.store
            .simpan_pengguna(&p, Some(&hash), &jejak)
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => {
                    AppError::Invalid(format!("nama pengguna '{}' sudah dipakai", p.username))
                }
                other => other.into(),
            })?;
        Ok((p, generated))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_pengguna(&self) -> Result<Vec<Pengguna>> {
        Ok(self.store.daftar_pengguna().await?)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub(crate) async fn pengguna_by_username(&self, username: &str) -> Result<Pengguna> {
        let u = clean_username(username)?;
        self.store
            .cari_login(&u)
            .await?
            .map(|(p, _)| p)
            .ok_or_else(|| AppError::NotFound(format!("pengguna '{u}'")))
    }

    fn jejak_akun(aktor: &Aktor, aksi: &str, p: &Pengguna, ringkasan: String) -> Jejak {
        Jejak::new(
            aktor.as_str(),
            aksi,
            "pengguna",
            p.id.to_string(),
            ringkasan,
            p.username.as_bytes(),
        )
    }

    /// Enables or disables an account; false if it already was.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_pengguna_aktif(
        &self,
        aktor: &Aktor,
        username: &str,
        aktif: bool,
    ) -> Result<bool> {
        let p = self.pengguna_by_username(username).await?;
        let (aksi, kata) = if aktif {
            ("pengguna.aktifkan", "diaktifkan")
        } else {
            ("pengguna.nonaktifkan", "dinonaktifkan")
        };
        let jejak = Self::jejak_akun(aktor, aksi, &p, format!("akun {} {kata}", p.username));
        Ok(self.store.ubah_aktif(p.id, aktif, &jejak).await?)
    }

    /// Grants a role; false if it was already held.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_penugasan(
        &self,
        aktor: &Aktor,
        username: &str,
        t: Penugasan,
    ) -> Result<bool> {
        let p = self.pengguna_by_username(username).await?;
        let jejak = Self::jejak_akun(
            aktor,
            "peran.beri",
            &p,
            format!("{} diberi peran {}@{}", p.username, t.peran, t.cakupan),
        );
        Ok(self.store.simpan_penugasan(p.id, t, &jejak).await?)
    }

    /// Revokes a role; false if it was not held.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn hapus_penugasan(
        &self,
        aktor: &Aktor,
        username: &str,
        t: Penugasan,
    ) -> Result<bool> {
        let p = self.pengguna_by_username(username).await?;
        let jejak = Self::jejak_akun(
            aktor,
            "peran.cabut",
            &p,
            format!(
                "peran {}@{} dicabut dari {}",
                t.peran, t.cakupan, p.username
            ),
        );
        Ok(self.store.hapus_penugasan(p.id, t, &jejak).await?)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_password(
        &self,
        aktor: &Aktor,
        username: &str,
        password: String,
    ) -> Result<()> {
        check_password(&password)?;
        let p = self.pengguna_by_username(username).await?;
        let hash = hash_password(password).await?;
        let jejak = Self::jejak_akun(
            aktor,
            "pengguna.ganti_sandi",
            &p,
            format!("kata sandi {} diganti", p.username),
        );
        self.store.ubah_hash_sandi(p.id, &hash, &jejak).await?;
        Ok(())
    }

    /// An account `oleh` may manage ([`posko_domain::boleh_kelola`]), by
    /// username; one outside their reach answers like an unknown name.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn akun_terkelola(&self, oleh: &[Penugasan], username: &str) -> Result<Pengguna> {
        let p = self.pengguna_by_username(username).await?;
        if posko_domain::boleh_kelola(oleh, posko_domain::Izin::KelolaPengguna, &p.penugasan) {
            Ok(p)
        } else {
            Err(AppError::NotFound(format!("pengguna '{}'", p.username)))
        }
    }

    /// What happened to an account, newest first, from the audit log: the
    /// one-time codes issued for it and by whom, its sign-ins, roles
    /// granted, sessions ended. Shown to the account itself and to whoever
    /// manages it, so a code someone else issued (and perhaps used) is seen.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn riwayat_akun(&self, akun: &Pengguna, limit: u32) -> Result<Vec<RiwayatAkun>> {
        let entri = self
            .store
            .daftar_audit_entitas("pengguna", &akun.id.to_string(), limit)
            .await?;
        let mut nama: std::collections::HashMap<String, String> = Default::default();
        let mut out = Vec::with_capacity(entri.len());
        for e in entri {
            let oleh = match nama.get(&e.aktor) {
                Some(n) => n.clone(),
                None => {
                    let n = self.nama_aktor(&e.aktor).await?;
                    nama.insert(e.aktor.clone(), n.clone());
                    n
                }
            };
            out.push(RiwayatAkun {
                waktu: e.waktu,
                aksi: e.aksi,
                oleh,
                ringkasan: e.ringkasan,
            });
        }
        Ok(out)
    }

    /// "budi (Budi Santoso)" for `user:ID`, the command line's OS account,
    /// or Posko itself.
    async fn nama_aktor(&self, aktor: &str) -> Result<String> {
        if let Some(id) = aktor
            .strip_prefix("user:")
            .and_then(|id| Uuid::parse_str(id).ok())
        {
            return Ok(match self.store.ambil_pengguna(id).await? {
                Some(p) => format!("{} ({})", p.username, p.nama),
                None => aktor.to_string(),
            });
        }
        Ok(aktor.to_string())
    }

    /// The account for a username and password, or None — for a wrong
    /// password, an unknown name and a disabled account alike. Refused as
    /// [`AppError::Sibuk`] when no Argon2 turn frees in time.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn verify_login(&self, username: &str, password: &str) -> Result<Option<Pengguna>> {
        let found = match clean_username(username) {
            Ok(u) => self.store.cari_login(&u).await?,
            Err(_) => None,
        };
        let dummy = match DUMMY_HASH.get() {
            Some(h) => h.clone(),
            None => {
                let h = hash_password(generate_password()).await?;
                DUMMY_HASH.get_or_init(|| h).clone()
            }
        };
        let (account, hash) = match found {
            Some((p, Some(h))) => (Some(p), h),
            Some((_, None)) | None => (None, dummy),
        };
        let ok = crate::sandi::cocok(hash, password.to_string()).await?;
        Ok(account.filter(|p| ok && p.aktif))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_and_passwords() {
        assert_eq!(clean_username(" Ani.Saksi ").unwrap(), "ani.saksi");
        assert!(clean_username("ab").is_err());
        assert!(clean_username("ani saksi").is_err());
        assert!(clean_username("ani@x").is_err());
        assert!(check_password("pendek").is_err());
        assert!(check_password("cukup-panjang-1").is_ok());
        let g = generate_password();
        assert_eq!(g.len(), 16);
        assert!(!g.contains(['0', 'O', '1', 'l', 'I']));
        assert_ne!(g, generate_password());
    }
}
