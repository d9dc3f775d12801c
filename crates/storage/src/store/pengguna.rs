//! Accounts: roles, saksi assignments, phones and Telegram links, enabling and passwords.

use crate::{DataTersandi, Pengguna, Result, SaksiTps};
use async_trait::async_trait;
use posko_domain::{Jejak, KodeTps, KodeWilayah, Penugasan};
use uuid::Uuid;

#[async_trait]
pub trait PenggunaStore: Send + Sync + 'static {
    /// Stores a new account with its roles; `Conflict` if the username is taken.
    async fn simpan_pengguna(
        &self,
        pengguna: &Pengguna,
        password_hash: Option<&str>,
        jejak: &Jejak,
    ) -> Result<()>;

    async fn ambil_pengguna(&self, id: Uuid) -> Result<Option<Pengguna>>;

    /// An account by username with its password hash, for signing in.
    async fn cari_login(&self, username: &str) -> Result<Option<(Pengguna, Option<String>)>>;

    async fn daftar_pengguna(&self) -> Result<Vec<Pengguna>>;

    /// TPS under `wilayah` that have at least one saksi account (active),
    /// with how many (a main witness and backups).
    async fn hitung_saksi_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>>;

    /// Every active saksi assigned to a TPS under `wilayah`, by TPS, then
    /// oldest account first (the default main witness), then username.
    async fn daftar_saksi_di(&self, wilayah: KodeWilayah) -> Result<Vec<SaksiTps>>;

    /// Names `id` the main saksi of `tps` (the others become backups);
    /// `false` when it already was.
    async fn ubah_saksi_utama(&self, id: Uuid, tps: KodeTps, jejak: &Jejak) -> Result<bool>;

    /// Stores many new accounts (without passwords: they sign in with
    /// one-time codes) in one transaction under one audit entry; nothing is
    /// stored and `Conflict` names the first taken username if any is.
    async fn simpan_pengguna_banyak(&self, rows: &[Pengguna], jejak: &Jejak) -> Result<()>;

    /// Accounts whose phone's blind index is one of `indeks` (one per key
    /// in the ring, so rows from before a rotation match too).
    async fn cari_pengguna_telepon(&self, indeks: &[String]) -> Result<Vec<Pengguna>>;

    /// Sets or clears an account's phone; false if there is no such account.
    async fn ubah_telepon(
        &self,
        id: Uuid,
        telepon: Option<&DataTersandi>,
        jejak: &Jejak,
    ) -> Result<bool>;

    /// Accounts linked to the Telegram user whose blind index is one of
    /// `indeks` (at most one, unless the key ring holds several keys).
    async fn cari_pengguna_telegram(&self, indeks: &[String]) -> Result<Vec<Pengguna>>;

    /// Links account `id` to a Telegram user, or unlinks it (None). The
    /// Telegram user is first unlinked from any other account whose index
    /// is in `lepas_dari` (every index of that user under the key ring):
    /// one Telegram user speaks for one account. False if there is no such
    /// account (and nothing is changed).
    async fn ubah_telegram(
        &self,
        id: Uuid,
        telegram: Option<&DataTersandi>,
        lepas_dari: &[String],
        jejak: &Jejak,
    ) -> Result<bool>;

    /// Enables or disables an account; false if there is no such account
    /// or it already was. Disabling deletes the account's sessions and
    /// unused one-time codes in the same transaction, so enabling it again
    /// revives no cookie or link handed out before.
    async fn ubah_aktif(&self, id: Uuid, aktif: bool, jejak: &Jejak) -> Result<bool>;

    async fn ubah_hash_sandi(&self, id: Uuid, hash: &str, jejak: &Jejak) -> Result<bool>;

    /// Adds a role assignment; false if it was already held.
    async fn simpan_penugasan(&self, id: Uuid, penugasan: Penugasan, jejak: &Jejak)
    -> Result<bool>;

    /// Removes a role assignment; false if it was not held.
    async fn hapus_penugasan(&self, id: Uuid, penugasan: Penugasan, jejak: &Jejak) -> Result<bool>;
}
