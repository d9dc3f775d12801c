//! Election-day results: submissions, photos, verification, the official count, check-ins and incidents.

use crate::{
    Angka, Bacaan, Checkin, HasilTps, ImportCounts, Insiden, Kirim, KirimanHasil, RekapHasil,
    Result, SisaTps, StatusHasil,
};
use crate::{HitungPantau, InsidenDitangani, PantauTps, SaringTps, StatusInsiden};
use async_trait::async_trait;
use posko_domain::{Jejak, KodeTps, KodeWilayah};
use uuid::Uuid;

#[async_trait]
pub trait HasilStore: Send + Sync + 'static {
    /// Stores `kiriman` as the next revision of its TPS (the store sets
    /// `revisi`), makes `baru` the TPS's current result (its `kiriman_id`
    /// and `revisi` are set to the stored submission's) and moves every
    /// region's totals by the difference, in one transaction with the
    /// audit entry. A `kunci_klien` stored before stores nothing and
    /// returns the earlier submission as `Kirim::Ulang`.
    async fn simpan_hasil(
        &self,
        kiriman: &KirimanHasil,
        baru: &HasilTps,
        jejak: &Jejak,
    ) -> Result<Kirim>;

    /// Records that `pengguna_id` uploaded the photo `hash`, once per pair
    /// (the audit entry only when it is new).
    async fn catat_unggah_foto(
        &self,
        hash: &str,
        pengguna_id: Uuid,
        waktu: i64,
        jejak: &Jejak,
    ) -> Result<()>;

    /// Whether `pengguna_id` ever uploaded the photo `hash`.
    async fn pernah_unggah_foto(&self, hash: &str, pengguna_id: Uuid) -> Result<bool>;

    /// Every submission of a TPS in an election, oldest first.
    async fn daftar_kiriman_tps(
        &self,
        pemilihan_id: Uuid,
        tps: KodeTps,
    ) -> Result<Vec<KirimanHasil>>;

    async fn ambil_hasil_tps(&self, pemilihan_id: Uuid, tps: KodeTps) -> Result<Option<HasilTps>>;

    /// The current results of the TPS of one desa, by TPS number.
    async fn daftar_hasil_desa(
        &self,
        pemilihan_id: Uuid,
        desa: KodeWilayah,
    ) -> Result<Vec<HasilTps>>;

    /// Totals of each region in `kodes` (zero where no TPS is in yet), in
    /// the order asked; `jumlah_paslon` sizes the vote lists.
    async fn daftar_rekap_hasil(
        &self,
        pemilihan_id: Uuid,
        kodes: &[KodeWilayah],
        jumlah_paslon: usize,
    ) -> Result<Vec<RekapHasil>>;

    /// The TPS under `wilayah` with no result in yet, grouped by their
    /// region at `tingkat` (at or below `wilayah`'s level) in code order:
    /// how many, and the most valid votes they could still add. One
    /// grouped statement; regions whose TPS are all in are left out.
    async fn daftar_sisa_tps(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        tingkat: posko_domain::Tingkat,
    ) -> Result<Vec<SisaTps>>;

    /// Stores a verifier's reading; `Conflict` if they read this
    /// submission before. Returns every reading of the submission.
    async fn simpan_bacaan(&self, bacaan: &Bacaan, jejak: &Jejak) -> Result<Vec<Bacaan>>;

    async fn daftar_bacaan_kiriman(&self, kiriman_id: Uuid) -> Result<Vec<Bacaan>>;

    /// Sets the status (and verified figures) of a TPS's result and moves
    /// the region totals by the difference, if `kiriman_id` is still its
    /// current submission; false (nothing written) when a newer revision
    /// has arrived meanwhile.
    async fn ubah_status_hasil(
        &self,
        pemilihan_id: Uuid,
        tps: KodeTps,
        kiriman_id: Uuid,
        status: StatusHasil,
        terverifikasi: Option<&Angka>,
        jejak: &Jejak,
    ) -> Result<bool>;

    /// Results with status `status` whose TPS lies under one of `wilayah`
    /// (everything when empty), at most `limit`: those whose form breaks an
    /// arithmetic rule first (they are the likeliest to be wrong), then
    /// oldest first.
    async fn daftar_hasil_berstatus(
        &self,
        pemilihan_id: Uuid,
        status: StatusHasil,
        wilayah: &[KodeWilayah],
        limit: u32,
    ) -> Result<Vec<HasilTps>>;

    /// Every current result whose TPS lies under `wilayah`, by TPS.
    async fn daftar_hasil_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<HasilTps>>;

    /// When each TPS under `wilayah` first sent a result (its first
    /// revision's time, Unix seconds), in that order: the real count's
    /// progress over time. Later corrections do not move a TPS.
    async fn daftar_kedatangan_hasil(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, i64)>>;

    /// Stores the official count of many TPS (replacing earlier figures of
    /// the same TPS) in one transaction; all or nothing.
    async fn simpan_hasil_resmi(
        &self,
        pemilihan_id: Uuid,
        rows: &[(KodeTps, Angka)],
        jejak: &Jejak,
    ) -> Result<ImportCounts>;

    /// The official figures of every TPS under `wilayah`, by TPS.
    async fn daftar_hasil_resmi_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, Angka)>>;

    async fn catat_checkin(&self, c: &Checkin, jejak: &Jejak) -> Result<()>;

    /// Check-ins at TPS under `wilayah`, oldest first.
    async fn daftar_checkin_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<Checkin>>;

    async fn catat_insiden(&self, i: &Insiden, jejak: &Jejak) -> Result<()>;

    /// Incidents at TPS under `wilayah`, newest first, at most `limit`.
    async fn daftar_insiden_di(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        limit: u32,
    ) -> Result<Vec<Insiden>>;

    /// The current result of each of `tps` that has one (any order).
    async fn daftar_hasil_tps(&self, pemilihan_id: Uuid, tps: &[KodeTps]) -> Result<Vec<HasilTps>>;

    /// Election-day counts of the TPS under `wilayah`, per area named by
    /// the first `panjang` characters of the desa code (one row per area
    /// that has TPS; a TPS with a result counts as present).
    async fn hitung_pantau(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        panjang: usize,
    ) -> Result<Vec<HitungPantau>>;

    /// TPS under `wilayah` after `setelah` passing `saring` (`temuan`
    /// narrows `Bertanda` to one finding code), in code order, at most
    /// `limit`, with their saksi and state.
    async fn daftar_pantau_tps(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        saring: SaringTps,
        temuan: Option<&str>,
        setelah: Option<KodeTps>,
        limit: u32,
    ) -> Result<Vec<PantauTps>>;

    /// One incident with its status and owner.
    async fn ambil_insiden(&self, id: Uuid) -> Result<Option<InsidenDitangani>>;

    /// Incidents under `wilayah`, newest first, at most `limit`: with
    /// `status` (None any; `buka` = every status but closed, see
    /// [`crate::sql::DAFTAR_INSIDEN_SARING`]) and `kategori`.
    async fn daftar_insiden_saring(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        status: Option<&str>,
        kategori: Option<&str>,
        limit: u32,
    ) -> Result<Vec<InsidenDitangani>>;

    /// Sets an incident's status and owner with the audit entry; false if
    /// there is no such incident.
    async fn ubah_insiden(
        &self,
        id: Uuid,
        status: StatusInsiden,
        pemilik_id: Option<Uuid>,
        waktu: i64,
        jejak: &Jejak,
    ) -> Result<bool>;

    /// How many TPS's current results are in each status (`masuk`, …),
    /// over every election: the verification queue's depth for `/metrics`.
    async fn hitung_hasil_per_status(&self) -> Result<Vec<(String, u64)>>;
}
