//! Signing in: sessions, rate-limited attempts, one-time codes and API tokens.

use crate::{BatasPercobaan, KodeMasuk, Percobaan, Result, Sesi, TokenApi};
use async_trait::async_trait;
use posko_domain::Jejak;
use uuid::Uuid;

#[async_trait]
pub trait MasukStore: Send + Sync + 'static {
    async fn simpan_sesi(&self, sesi: &Sesi, jejak: &Jejak) -> Result<()>;

    /// A session by token hash, if it has not expired at `now` (unix seconds).
    async fn ambil_sesi(&self, token_hash: &str, now: i64) -> Result<Option<Sesi>>;

    async fn hapus_sesi(&self, token_hash: &str) -> Result<()>;

    /// An account's sessions still valid at `now`, newest first.
    async fn daftar_sesi(&self, pengguna_id: Uuid, now: i64) -> Result<Vec<Sesi>>;

    /// Ends every session of an account except `kecuali` (the caller's
    /// own, when they sign out their other devices); returns how many.
    async fn hapus_sesi_pengguna(
        &self,
        pengguna_id: Uuid,
        kecuali: Option<&str>,
        jejak: &Jejak,
    ) -> Result<u64>;

    /// Records attempt `p` under every key of `batas`, unless a key already
    /// holds its `maks` attempts still inside their window: then nothing is
    /// recorded and the answer is false. Counting and recording are one
    /// transaction serialised per key (SQLite's single writer; a lock row
    /// per key on PostgreSQL), so concurrent attempts, on this server or on
    /// another sharing the database, can never pass a limit together.
    /// `jejak`, when given, is appended in the same transaction, and only
    /// when the attempt is recorded: refusals leave no trace, so a flood of
    /// them cannot grow the audit log. An attempt already recorded under
    /// every key is not counted again (true, no new audit entry). Attempts
    /// whose window has passed are forgotten on the way.
    async fn catat_percobaan(
        &self,
        p: &Percobaan,
        batas: &[BatasPercobaan],
        jejak: Option<&Jejak>,
    ) -> Result<bool>;

    /// Forgets attempt `id` under every key, and every attempt under
    /// `kunci` (a successful sign-in forgets its account's failures).
    async fn hapus_percobaan(&self, id: Uuid, kunci: &[String]) -> Result<()>;

    async fn simpan_kode_masuk(&self, kode: &KodeMasuk, jejak: &Jejak) -> Result<()>;

    /// Uses up a one-time code: returns its account and who issued it if
    /// the code exists and has not expired at `now`, and deletes it either
    /// way, atomically, so two requests with the same code cannot both
    /// succeed.
    async fn pakai_kode_masuk(
        &self,
        kode_hash: &str,
        now: i64,
    ) -> Result<Option<(Uuid, Option<Uuid>)>>;

    async fn simpan_token(&self, token: &TokenApi, jejak: &Jejak) -> Result<()>;

    /// A token that is not revoked, by the hash of its secret; records
    /// `now` (unix seconds) as its last use, to the minute
    /// ([`crate::TOKEN_SENTUH_DETIK`]).
    async fn pakai_token(&self, token_hash: &str, now: i64) -> Result<Option<TokenApi>>;

    async fn daftar_token(&self) -> Result<Vec<TokenApi>>;

    /// Revokes a token at `now`; false if unknown or already revoked.
    async fn cabut_token(&self, id: Uuid, now: i64, jejak: &Jejak) -> Result<bool>;
}
