//! SMS/Telegram gateways: short TPS codes, inbound messages and the reply outbox.

use crate::{Balasan, HasilOlah, PesanMasuk, Result, StatusPesan};
use async_trait::async_trait;
use posko_domain::{Jejak, KodeTps};
use uuid::Uuid;

#[async_trait]
pub trait PesanStore: Send + Sync + 'static {
    /// Short-code numbers of `tps` (see `posko_domain::pesan::KodeSingkat`),
    /// issuing the next unused number to each TPS that has none, in one
    /// transaction with one audit entry when any is issued. Numbers are
    /// never reused or changed, so a printed code stays valid. Returned in
    /// the order of `tps`.
    async fn beri_kode_singkat(&self, tps: &[KodeTps], jejak: &Jejak) -> Result<Vec<u64>>;

    /// The TPS holding short-code number `nomor`, if issued.
    async fn cari_tps_kode_singkat(&self, nomor: u64) -> Result<Option<KodeTps>>;

    /// Stores an inbound message as [`StatusPesan::Baru`] (whatever
    /// `p.status` says) with its audit entry, in one transaction. When its
    /// (saluran, kunci_luar) is stored already (a gateway retrying) nothing
    /// is written, not even an audit entry, and the stored message is
    /// returned as it is now; a new message gives None. Concurrent calls
    /// with one key store it exactly once.
    async fn simpan_pesan(&self, p: &PesanMasuk, jejak: &Jejak) -> Result<Option<PesanMasuk>>;

    /// Records what processing message `id` decided and, when
    /// `h.kirim_balasan`, queues its one reply in the outbox (due at
    /// `sekarang`), in one transaction with the audit entry. Only a message
    /// still `Baru` is changed: false (nothing written) when another
    /// processor got there first or there is no such message, so no message
    /// is answered twice. `h.status` must not be `Baru`.
    async fn selesaikan_pesan(
        &self,
        id: Uuid,
        h: &HasilOlah,
        sekarang: i64,
        jejak: &Jejak,
    ) -> Result<bool>;

    /// Messages still `Baru` received before `sebelum` (unix seconds),
    /// oldest first, at most `limit`: what a crash left unprocessed.
    async fn daftar_pesan_baru(&self, sebelum: i64, limit: u32) -> Result<Vec<PesanMasuk>>;

    /// How many messages came from the sender with blind index `indeks` at
    /// or after `sejak` (unix seconds), for throttling floods.
    async fn hitung_pesan_dari(&self, indeks: &str, sejak: i64) -> Result<u64>;

    /// Messages with one of `status` (every status when empty), newest
    /// first, at most `limit`.
    async fn daftar_pesan(&self, status: &[StatusPesan], limit: u32) -> Result<Vec<PesanMasuk>>;

    /// Claims the replies waiting to be sent whose next attempt is due at
    /// `sekarang`, oldest due first, at most `limit`, each with its
    /// message's sender: their next attempt moves to `sewa_sampai` (the
    /// lease) and they are marked with a new token of this claim
    /// ([`Balasan::pemegang`]), so another server sharing the database does
    /// not send them too while this one tries, and they come due again if
    /// this one dies trying.
    async fn ambil_balasan(
        &self,
        sekarang: i64,
        sewa_sampai: i64,
        limit: u32,
    ) -> Result<Vec<Balasan>>;

    /// The heartbeat of a sender still working on its claim: moves the lease
    /// of each of `id` that claim `pemegang` still holds (still queued, not
    /// claimed since by another) to `sewa_sampai`. Returns those it moved;
    /// the others are no longer this sender's to send.
    async fn perpanjang_sewa_balasan(
        &self,
        id: &[Uuid],
        pemegang: Uuid,
        sewa_sampai: i64,
    ) -> Result<Vec<Uuid>>;

    /// Records a send attempt of reply `id` by claim `pemegang`: sent
    /// (`terkirim`), or failed with `galat` and retried at `berikut`, given
    /// up (`gagal`) after [`crate::pesan::MAKS_PERCOBAAN`] failures; either
    /// way the claim ends. False, and nothing written, when that claim no
    /// longer holds it (another claimed it after the lease ran out, or it
    /// is sent or given up already): a late report never marks a reply
    /// twice nor moves another holder's lease. Delivery bookkeeping, not a
    /// change to the data: no audit entry.
    async fn tandai_balasan(
        &self,
        id: Uuid,
        pemegang: Uuid,
        terkirim: bool,
        galat: Option<&str>,
        berikut: i64,
        sekarang: i64,
    ) -> Result<bool>;

    /// How many replies are in the outbox per status (`antre`, `terkirim`,
    /// `gagal`), by status.
    async fn hitung_keluar_per_status(&self) -> Result<Vec<(String, u64)>>;
}
