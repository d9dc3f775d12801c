//! Signing in and out: sessions, one-time codes, and throttling of
//! attempts per account and per address.

use posko_domain::audit::sha256_hex;
use posko_domain::{Jejak, Pelaku};
use posko_storage::{BatasPercobaan, KodeMasuk, Pengguna, Percobaan, Sesi};
use rand::Rng;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// How long a browser stays signed in.
pub const SESI_DETIK: i64 = 7 * 24 * 3600;
/// How long a one-time code is valid.
pub const KODE_DETIK: i64 = 24 * 3600;

/// Attempts allowed in one window before further ones are refused: those
/// that failed and those still being checked (an attempt is counted before
/// its password is, so racing guesses count too). A success forgets its own
/// attempt and its account's failures.
const PERCOBAAN_PER_AKUN: u64 = 10;
const PERCOBAAN_PER_ALAMAT: u64 = 50;
/// Attempts count for this long (a sliding window), on every server that
/// shares the database.
const JENDELA_DETIK: i64 = 15 * 60;

/// A signed-in person, as handlers see them.
#[derive(Debug, Clone)]
pub struct Masuk {
    pub pengguna: Pengguna,
    pub sesi: Sesi,
}

impl Masuk {
    /// Who is acting, as far as Posko can tell (see [`Pelaku`]).
    pub fn pelaku(&self) -> Pelaku {
        Pelaku {
            akun: self.pengguna.id,
            kode_dari: self.sesi.kode_dari,
            peramban: self.sesi.peramban.clone(),
        }
    }
}

fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

fn random_hex(bytes: usize) -> String {
    let mut rng = rand::rng();
    (0..bytes)
        .map(|_| format!("{:02x}", rng.random::<u8>()))
        .collect()
}

/// Why a sign-in was refused. One message for wrong name and wrong
/// password alike, so answers do not reveal which accounts exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ditolak {
    Salah,
    TerlaluSering,
    /// Too many sign-ins being checked at once: nothing was checked or
    /// counted; try again shortly.
    Sibuk,
}

/// Where a sign-in comes from: shown in the person's session list so they
/// can tell their phone from a stranger's laptop.
#[derive(Debug, Clone, Default)]
pub struct Klien {
    /// The client's IP address.
    pub alamat: String,
    /// The browser's User-Agent, as sent.
    pub perangkat: String,
    /// The browser's own random id (a long-lived cookie that survives
    /// signing out), if it sent one; stored hashed.
    pub peramban: Option<String>,
}

/// The address the sign-in throttle counts. An IPv6 subscriber is given
/// a whole /64 (a home, a phone) and may take any address in it, so the
/// /64 counts as one address; an IPv4 address is itself.
fn kunci_alamat(alamat: &str) -> String {
    match alamat.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(ip) => ip.to_canonical().to_string(),
        Err(_) => alamat.to_string(),
    }
}

/// Enough of a User-Agent to recognise a device; the rest is noise.
const PERANGKAT_MAKS: usize = 160;

impl Posko {
    async fn open_sesi(
        &self,
        pengguna: Pengguna,
        cara: &str,
        klien: &Klien,
        kode_dari: Option<uuid::Uuid>,
    ) -> Result<(String, Masuk)> {
        let token = random_hex(32);
        let t = now();
        let sesi = Sesi {
            token_hash: sha256_hex(token.as_bytes()),
            pengguna_id: pengguna.id,
            csrf: random_hex(32),
            dibuat: t,
            kadaluarsa: t + SESI_DETIK,
            alamat: Some(klien.alamat.clone()).filter(|a| !a.is_empty()),
            perangkat: Some(
                klien
                    .perangkat
                    .chars()
                    .take(PERANGKAT_MAKS)
                    .collect::<String>(),
            )
            .filter(|p| !p.is_empty()),
            kode_dari,
            peramban: klien
                .peramban
                .as_deref()
                .filter(|p| !p.is_empty())
                .map(|p| sha256_hex(format!("peramban:{p}").as_bytes())),
        };
        let jejak = Jejak::new(
            format!("user:{}", pengguna.id),
            "masuk.berhasil",
            "pengguna",
            pengguna.id.to_string(),
            format!("{} masuk ({cara})", pengguna.username),
            sesi.token_hash.as_bytes(),
        );
        self.store.simpan_sesi(&sesi, &jejak).await?;
        Ok((token, Masuk { pengguna, sesi }))
    }

    /// Checks a password and opens a session; `alamat` is the client's IP.
    ///
    /// The attempt is counted (atomically, against the account's and the
    /// address's limits) before Argon2 runs, so 40 guesses at once are 10
    /// checks and 30 refusals, and a refusal costs no Argon2 work. Each
    /// counted attempt is in the audit log as the SHA-256 of the name and of
    /// the address (as the throttle keeps them), written in the transaction
    /// that counts it; refusals by the throttle are not logged one by one.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        klien: &Klien,
    ) -> Result<std::result::Result<(String, Masuk), Ditolak>> {
        // Hashed, so neither the table nor the log holds a name or an IP
        // address in clear.
        let akun_key = sha256_hex(format!("akun:{}", username.trim().to_lowercase()).as_bytes());
        let alamat_key = sha256_hex(format!("alamat:{}", kunci_alamat(&klien.alamat)).as_bytes());
        let percobaan = Percobaan {
            id: Uuid::now_v7(),
            waktu: now(),
            jendela: JENDELA_DETIK,
        };
        let jejak = Jejak::new(
            "anonim",
            "masuk.percobaan",
            "percobaan_masuk",
            percobaan.id.to_string(),
            format!("percobaan masuk: akun {akun_key}, alamat {alamat_key}"),
            b"",
        );
        let batas = [
            BatasPercobaan {
                kunci: akun_key.clone(),
                maks: PERCOBAAN_PER_AKUN,
            },
            BatasPercobaan {
                kunci: alamat_key,
                maks: PERCOBAAN_PER_ALAMAT,
            },
        ];
        if !self
            .store
            .catat_percobaan(&percobaan, &batas, Some(&jejak))
            .await?
        {
            return Ok(Err(Ditolak::TerlaluSering));
        }
        match self.verify_login(username, password).await {
            Ok(Some(p)) => {
                self.store
                    .hapus_percobaan(percobaan.id, &[akun_key])
                    .await?;
                let cara = format!("kata sandi; percobaan {}", percobaan.id);
                Ok(Ok(self.open_sesi(p, &cara, klien, None).await?))
            }
            // The failure stays counted (and logged) for the window.
            Ok(None) => Ok(Err(Ditolak::Salah)),
            // Not checked: not held against the account or the address.
            Err(AppError::Sibuk(_)) => {
                self.store.hapus_percobaan(percobaan.id, &[]).await?;
                Ok(Err(Ditolak::Sibuk))
            }
            Err(e) => Err(e),
        }
    }

    /// The session behind a cookie token, if valid and its account active.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn session(&self, token: &str) -> Result<Option<Masuk>> {
        if token.len() != 64 {
            return Ok(None);
        }
        let Some(sesi) = self
            .store
            .ambil_sesi(&sha256_hex(token.as_bytes()), now())
            .await?
        else {
            return Ok(None);
        };
        Ok(self
            .store
            .ambil_pengguna(sesi.pengguna_id)
            .await?
            .filter(|p| p.aktif)
            .map(|pengguna| Masuk { pengguna, sesi }))
    }

    /// The person behind `m` as they stand now: None once the session is
    /// signed out, expired or ended, the API token revoked, or the account
    /// disabled; otherwise with their current roles. Long-lived answers
    /// (a live-results stream) ask again while they run.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn periksa_ulang(&self, m: &Masuk) -> Result<Option<Masuk>> {
        // API tokens are the sessions without a CSRF secret.
        if m.sesi.csrf.is_empty() {
            // A token's one role never changes; only revocation ends it.
            let masih = self
                .store
                .pakai_token(&m.sesi.token_hash, now())
                .await?
                .is_some();
            return Ok(masih.then(|| m.clone()));
        }
        let Some(sesi) = self.store.ambil_sesi(&m.sesi.token_hash, now()).await? else {
            return Ok(None);
        };
        Ok(self
            .store
            .ambil_pengguna(sesi.pengguna_id)
            .await?
            .filter(|p| p.aktif)
            .map(|pengguna| Masuk { pengguna, sesi }))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn sign_out(&self, token: &str) -> Result<()> {
        Ok(self.store.hapus_sesi(&sha256_hex(token.as_bytes())).await?)
    }

    /// The caller's own sessions still valid, newest first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_sesi(&self, masuk: &Masuk) -> Result<Vec<Sesi>> {
        Ok(self.store.daftar_sesi(masuk.pengguna.id, now()).await?)
    }

    /// Ends every session of the caller except the one making the request
    /// (a lost phone, a shared computer). Returns how many ended.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn sign_out_others(&self, masuk: &Masuk) -> Result<u64> {
        let jejak = Jejak::new(
            format!("user:{}", masuk.pengguna.id),
            "sesi.keluar_semua",
            "pengguna",
            masuk.pengguna.id.to_string(),
            format!(
                "{} keluar dari semua perangkat lain",
                masuk.pengguna.username
            ),
            b"",
        );
        Ok(self
            .store
            .hapus_sesi_pengguna(masuk.pengguna.id, Some(&masuk.sesi.token_hash), &jejak)
            .await?)
    }

    /// Ends every session of an account (an admin acting on a report of a
    /// lost phone or a departed volunteer). Returns how many ended.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn sign_out_everywhere(&self, aktor: &Aktor, username: &str) -> Result<u64> {
        let p = self
            .store
            .cari_login(&username.trim().to_lowercase())
            .await?
            .map(|(p, _)| p)
            .ok_or_else(|| AppError::NotFound(format!("pengguna '{}'", username.trim())))?;
        let jejak = Jejak::new(
            aktor.as_str(),
            "sesi.keluar_semua",
            "pengguna",
            p.id.to_string(),
            format!("semua sesi {} diakhiri", p.username),
            b"",
        );
        Ok(self.store.hapus_sesi_pengguna(p.id, None, &jejak).await?)
    }

    /// Issues a one-time sign-in code for an account (to be sent by SMS or
    /// chat). Returns the code; only its hash is stored.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn issue_login_code(&self, aktor: &Aktor, username: &str) -> Result<String> {
        let p = self
            .store
            .cari_login(&username.trim().to_lowercase())
            .await?
            .map(|(p, _)| p)
            .ok_or_else(|| AppError::NotFound(format!("pengguna '{}'", username.trim())))?;
        self.issue_code_for(aktor, &p).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub(crate) async fn issue_code_for(&self, aktor: &Aktor, p: &Pengguna) -> Result<String> {
        let kode = random_hex(16);
        let jejak = Jejak::new(
            aktor.as_str(),
            "kode_masuk.buat",
            "pengguna",
            p.id.to_string(),
            format!("kode masuk sekali pakai untuk {}", p.username),
            b"",
        );
        self.store
            .simpan_kode_masuk(
                &KodeMasuk {
                    kode_hash: sha256_hex(kode.as_bytes()),
                    pengguna_id: p.id,
                    kadaluarsa: now() + KODE_DETIK,
                    penerbit: aktor.pengguna_id(),
                },
                &jejak,
            )
            .await?;
        Ok(kode)
    }

    /// Uses up a one-time code and opens a session; None if the code is
    /// unknown, expired or already used, or the account is disabled.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn redeem_login_code(
        &self,
        kode: &str,
        klien: &Klien,
    ) -> Result<Option<(String, Masuk)>> {
        let Some((id, penerbit)) = self
            .store
            .pakai_kode_masuk(&sha256_hex(kode.trim().as_bytes()), now())
            .await?
        else {
            return Ok(None);
        };
        match self.store.ambil_pengguna(id).await?.filter(|p| p.aktif) {
            Some(p) => Ok(Some(
                self.open_sesi(p, "kode sekali pakai", klien, penerbit)
                    .await?,
            )),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::kunci_alamat;

    #[test]
    fn an_ipv6_64_counts_as_one_address() {
        assert_eq!(kunci_alamat("2001:db8:0:7::1"), "2001:db8:0:7::/64");
        assert_eq!(
            kunci_alamat("2001:db8:0:7:ffff:ffff:ffff:ffff"),
            kunci_alamat("2001:db8:0:7::2")
        );
        assert_ne!(
            kunci_alamat("2001:db8:0:8::1"),
            kunci_alamat("2001:db8:0:7::1")
        );
        assert_eq!(kunci_alamat("203.0.113.7"), "203.0.113.7");
        assert_eq!(kunci_alamat("::ffff:203.0.113.7"), "203.0.113.7");
        assert_eq!(kunci_alamat(""), "");
    }
}
