//! API tokens for integrations: `Authorization: Bearer posko_…`.

use posko_domain::audit::sha256_hex;
use posko_domain::{Jejak, Penugasan};
use posko_storage::{Pengguna, Sesi, TokenApi};
use rand::Rng;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, Masuk, Posko, Result};

/// Recognisable in logs and secret scanners.
const PREFIX: &str = "posko_";

fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

impl Posko {
    /// Creates a token; returns it with its secret, which is shown once.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn issue_token(
        &self,
        aktor: &Aktor,
        nama: &str,
        penugasan: Penugasan,
    ) -> Result<(TokenApi, String)> {
        let nama = nama.trim();
        if nama.is_empty() || nama.chars().count() > 80 {
            return Err(AppError::Invalid(
                "nama token harus 1–80 karakter (mis. 'gateway-sms')".into(),
            ));
        }
        let mut rng = rand::rng();
        let secret: String = PREFIX
            .chars()
            .chain((0..32).flat_map(|_| {
                format!("{:02x}", rng.random::<u8>())
                    .chars()
                    .collect::<Vec<_>>()
            }))
            .collect();
        let t = TokenApi {
            id: Uuid::now_v7(),
            nama: nama.to_string(),
            token_hash: sha256_hex(secret.as_bytes()),
            penugasan,
            dibuat: now(),
            dicabut: None,
            terakhir_dipakai: None,
        };
        let jejak = Jejak::new(
            aktor.as_str(),
            "token.buat",
            "token",
            t.id.to_string(),
            format!(
                "token API '{}' dibuat: {}@{}",
                t.nama, t.penugasan.peran, t.penugasan.cakupan
            ),
            t.token_hash.as_bytes(),
        );
        self.store.simpan_token(&t, &jejak).await?;
        Ok((t, secret))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn daftar_token(&self) -> Result<Vec<TokenApi>> {
        Ok(self.store.daftar_token().await?)
    }

    /// Revokes a token; false if unknown or already revoked.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn cabut_token(&self, aktor: &Aktor, id: Uuid) -> Result<bool> {
        let jejak = Jejak::new(
            aktor.as_str(),
            "token.cabut",
            "token",
            id.to_string(),
            format!("token API {id} dicabut"),
            b"",
        );
        Ok(self.store.cabut_token(id, now(), &jejak).await?)
    }

    /// The caller behind a bearer token, as a signed-in person holding the
    /// token's one role. Tokens carry no CSRF secret: they cannot post forms.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn token_session(&self, secret: &str) -> Result<Option<Masuk>> {
        if !secret.starts_with(PREFIX) || secret.len() != PREFIX.len() + 64 {
            return Ok(None);
        }
        let t = self
            .store
            .pakai_token(&sha256_hex(secret.as_bytes()), now())
            .await?;
        Ok(t.map(|t| Masuk {
            pengguna: Pengguna {
                id: t.id,
                username: format!("token:{}", t.nama),
                nama: t.nama.clone(),
                aktif: true,
                dibuat: OffsetDateTime::from_unix_timestamp(t.dibuat)
                    .unwrap_or(OffsetDateTime::UNIX_EPOCH),
                penugasan: vec![t.penugasan],
                telepon: None,
            },
            sesi: Sesi {
                token_hash: t.token_hash,
                pengguna_id: t.id,
                csrf: String::new(),
                dibuat: t.dibuat,
                kadaluarsa: i64::MAX,
                alamat: None,
                perangkat: None,
                kode_dari: None,
                peramban: None,
            },
        }))
    }
}
