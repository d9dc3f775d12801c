use std::collections::HashSet;

use async_trait::async_trait;

use crate::{BatasBaris, TokenApi};
use crate::{Kunjungan, PasanganRagu, Pendukung, Relawan, Undangan};
use posko_domain::hitung_cepat::Sampel;
use posko_domain::peta::Batas;
use posko_domain::{EntriAudit, Jejak, KodeTps, KodeWilayah, Pemilih, Penugasan, Tingkat};
use time::Date;
use uuid::Uuid;

use crate::{
    Angka, Bacaan, BatasPercobaan, Checkin, DataTersandi, HasilTps, Insiden, Kirim, KirimanHasil,
    KodeMasuk, KolomRahasia, Percobaan, RekapHasil, Sesi, StatusHasil,
};
use crate::{Balasan, HasilOlah, PesanMasuk, StatusPesan};
use crate::{
    ImportCounts, Paslon, Pemilihan, Pengguna, RekapDpt, Result, SaksiTps, Tps, Wilayah,
    WilayahDenganRekap,
};

/// Everything Posko keeps, behind one interface. Implementations must keep
/// every multi-row write atomic: a bulk upsert either lands whole or not at
/// all. Every write takes a [`Jejak`] and appends it to the hash-chained
/// audit log in the same transaction, so no change lands unrecorded.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// "sqlite" or "postgres", for reports and benchmarks.
    fn backend(&self) -> &'static str;

    /// The migration version the database is at.
    async fn schema_version(&self) -> Result<i64>;

    // --- wilayah ---------------------------------------------------------

    /// Inserts or renames regions in one transaction. Rows may come in any
    /// order; every parent must be in `rows` or already stored.
    async fn upsert_wilayah(&self, rows: &[Wilayah], jejak: &Jejak) -> Result<ImportCounts>;

    async fn get_wilayah(&self, kode: KodeWilayah) -> Result<Option<Wilayah>>;

    /// Several regions at once (for breadcrumbs); unknown codes are left out.
    async fn get_wilayah_many(&self, kodes: &[KodeWilayah]) -> Result<Vec<Wilayah>>;

    /// Direct children in code order; provinces when `induk` is None.
    async fn children_of(&self, induk: Option<KodeWilayah>) -> Result<Vec<Wilayah>>;

    /// How many regions are stored at each level, provinsi first.
    async fn count_wilayah_by_level(&self) -> Result<[u64; 4]>;

    /// Every stored code at one level (for validating imports in memory).
    async fn known_codes(&self, tingkat: Tingkat) -> Result<HashSet<KodeWilayah>>;

    // --- TPS -------------------------------------------------------------

    /// Inserts or updates TPS in one transaction and refreshes the DPT totals
    /// of every region, so reading totals never scans TPS. Every desa must
    /// already be stored.
    async fn upsert_tps(&self, rows: &[Tps], jejak: &Jejak) -> Result<ImportCounts>;

    async fn get_tps(&self, kode: KodeTps) -> Result<Option<Tps>>;

    /// TPS under a region at any level, in key order, `limit` at a time after
    /// `after` (keyset pagination, so deep pages stay fast).
    async fn tps_under(
        &self,
        wilayah: KodeWilayah,
        after: Option<KodeTps>,
        limit: u32,
    ) -> Result<Vec<Tps>>;

    /// Totals of one region, or of everything stored when `kode` is None.
    async fn dpt_totals(&self, kode: Option<KodeWilayah>) -> Result<RekapDpt>;

    /// The children of a region (provinces when None) each with its totals;
    /// children without TPS are included with zero totals.
    async fn children_with_totals(
        &self,
        induk: Option<KodeWilayah>,
    ) -> Result<Vec<WilayahDenganRekap>>;

    // --- pemilihan & paslon ------------------------------------------------

    /// Stores a new election; its region must exist.
    async fn create_pemilihan(&self, pemilihan: &Pemilihan, jejak: &Jejak) -> Result<()>;

    async fn list_pemilihan(&self) -> Result<Vec<Pemilihan>>;

    async fn get_pemilihan(&self, id: Uuid) -> Result<Option<Pemilihan>>;

    /// Adds a candidate pair; `StoreError::Conflict` if the number is taken.
    async fn add_paslon(&self, paslon: &Paslon, jejak: &Jejak) -> Result<()>;

    /// An election's pairs by ballot number.
    async fn list_paslon(&self, pemilihan_id: Uuid) -> Result<Vec<Paslon>>;

    // --- pengguna (accounts) ---------------------------------------------

    /// Stores a new account with its roles; `Conflict` if the username is taken.
    async fn create_pengguna(
        &self,
        pengguna: &Pengguna,
        password_hash: Option<&str>,
        jejak: &Jejak,
    ) -> Result<()>;

    async fn get_pengguna(&self, id: Uuid) -> Result<Option<Pengguna>>;

    /// An account by username with its password hash, for signing in.
    async fn find_login(&self, username: &str) -> Result<Option<(Pengguna, Option<String>)>>;

    async fn list_pengguna(&self) -> Result<Vec<Pengguna>>;

    /// TPS under `wilayah` that have at least one saksi account (active),
    /// with how many (a main witness and backups).
    async fn saksi_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>>;

    /// Every active saksi assigned to a TPS under `wilayah`, by TPS, then
    /// oldest account first (the default main witness), then username.
    async fn saksi_di(&self, wilayah: KodeWilayah) -> Result<Vec<SaksiTps>>;

    /// Names `id` the main saksi of `tps` (the others become backups);
    /// `false` when it already was.
    async fn set_saksi_utama(&self, id: Uuid, tps: KodeTps, jejak: &Jejak) -> Result<bool>;

    /// Stores many new accounts (without passwords: they sign in with
    /// one-time codes) in one transaction under one audit entry; nothing is
    /// stored and `Conflict` names the first taken username if any is.
    async fn create_pengguna_many(&self, rows: &[Pengguna], jejak: &Jejak) -> Result<()>;

    /// Accounts whose phone's blind index is one of `indeks` (one per key
    /// in the ring, so rows from before a rotation match too).
    async fn find_pengguna_by_telepon(&self, indeks: &[String]) -> Result<Vec<Pengguna>>;

    /// Sets or clears an account's phone; false if there is no such account.
    async fn set_telepon(
        &self,
        id: Uuid,
        telepon: Option<&DataTersandi>,
        jejak: &Jejak,
    ) -> Result<bool>;

    /// Accounts linked to the Telegram user whose blind index is one of
    /// `indeks` (at most one, unless the key ring holds several keys).
    async fn find_pengguna_by_telegram(&self, indeks: &[String]) -> Result<Vec<Pengguna>>;

    /// Links account `id` to a Telegram user, or unlinks it (None). The
    /// Telegram user is first unlinked from any other account whose index
    /// is in `lepas_dari` (every index of that user under the key ring):
    /// one Telegram user speaks for one account. False if there is no such
    /// account (and nothing is changed).
    async fn set_telegram(
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
    async fn set_aktif(&self, id: Uuid, aktif: bool, jejak: &Jejak) -> Result<bool>;

    async fn set_password_hash(&self, id: Uuid, hash: &str, jejak: &Jejak) -> Result<bool>;

    /// Adds a role assignment; false if it was already held.
    async fn grant(&self, id: Uuid, penugasan: Penugasan, jejak: &Jejak) -> Result<bool>;

    /// Removes a role assignment; false if it was not held.
    async fn revoke(&self, id: Uuid, penugasan: Penugasan, jejak: &Jejak) -> Result<bool>;

    // --- sign-in ------------------------------------------------------------

    async fn create_sesi(&self, sesi: &Sesi, jejak: &Jejak) -> Result<()>;

    /// A session by token hash, if it has not expired at `now` (unix seconds).
    async fn get_sesi(&self, token_hash: &str, now: i64) -> Result<Option<Sesi>>;

    async fn delete_sesi(&self, token_hash: &str) -> Result<()>;

    /// An account's sessions still valid at `now`, newest first.
    async fn list_sesi(&self, pengguna_id: Uuid, now: i64) -> Result<Vec<Sesi>>;

    /// Ends every session of an account except `kecuali` (the caller's
    /// own, when they sign out their other devices); returns how many.
    async fn delete_sesi_pengguna(
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

    async fn create_kode_masuk(&self, kode: &KodeMasuk, jejak: &Jejak) -> Result<()>;

    /// Uses up a one-time code: returns its account and who issued it if
    /// the code exists and has not expired at `now`, and deletes it either
    /// way, atomically, so two requests with the same code cannot both
    /// succeed.
    async fn take_kode_masuk(
        &self,
        kode_hash: &str,
        now: i64,
    ) -> Result<Option<(Uuid, Option<Uuid>)>>;

    // --- API tokens --------------------------------------------------------

    async fn create_token(&self, token: &TokenApi, jejak: &Jejak) -> Result<()>;

    /// A token that is not revoked, by the hash of its secret; records
    /// `now` (unix seconds) as its last use, to the minute
    /// ([`crate::TOKEN_SENTUH_DETIK`]).
    async fn use_token(&self, token_hash: &str, now: i64) -> Result<Option<TokenApi>>;

    async fn list_tokens(&self) -> Result<Vec<TokenApi>>;

    /// Revokes a token at `now`; false if unknown or already revoked.
    async fn revoke_token(&self, id: Uuid, now: i64, jejak: &Jejak) -> Result<bool>;

    // --- election-day results ----------------------------------------------

    /// Stores `kiriman` as the next revision of its TPS (the store sets
    /// `revisi`), makes `baru` the TPS's current result (its `kiriman_id`
    /// and `revisi` are set to the stored submission's) and moves every
    /// region's totals by the difference, in one transaction with the
    /// audit entry. A `kunci_klien` stored before stores nothing and
    /// returns the earlier submission as `Kirim::Ulang`.
    async fn submit_hasil(
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
    async fn kiriman_tps(&self, pemilihan_id: Uuid, tps: KodeTps) -> Result<Vec<KirimanHasil>>;

    async fn hasil_tps(&self, pemilihan_id: Uuid, tps: KodeTps) -> Result<Option<HasilTps>>;

    /// The current results of the TPS of one desa, by TPS number.
    async fn hasil_desa(&self, pemilihan_id: Uuid, desa: KodeWilayah) -> Result<Vec<HasilTps>>;

    /// Totals of each region in `kodes` (zero where no TPS is in yet), in
    /// the order asked; `jumlah_paslon` sizes the vote lists.
    async fn rekap_hasil(
        &self,
        pemilihan_id: Uuid,
        kodes: &[KodeWilayah],
        jumlah_paslon: usize,
    ) -> Result<Vec<RekapHasil>>;

    /// Stores a verifier's reading; `Conflict` if they read this
    /// submission before. Returns every reading of the submission.
    async fn simpan_bacaan(&self, bacaan: &Bacaan, jejak: &Jejak) -> Result<Vec<Bacaan>>;

    async fn bacaan_kiriman(&self, kiriman_id: Uuid) -> Result<Vec<Bacaan>>;

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
    /// (everything when empty), oldest first, at most `limit`.
    async fn hasil_berstatus(
        &self,
        pemilihan_id: Uuid,
        status: StatusHasil,
        wilayah: &[KodeWilayah],
        limit: u32,
    ) -> Result<Vec<HasilTps>>;

    /// Every current result whose TPS lies under `wilayah`, by TPS.
    async fn hasil_under(&self, pemilihan_id: Uuid, wilayah: KodeWilayah) -> Result<Vec<HasilTps>>;

    /// When each TPS under `wilayah` first sent a result (its first
    /// revision's time, Unix seconds), in that order: the real count's
    /// progress over time. Later corrections do not move a TPS.
    async fn kedatangan_hasil(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, i64)>>;

    /// Stores the official count of many TPS (replacing earlier figures of
    /// the same TPS) in one transaction; all or nothing.
    async fn upsert_hasil_resmi(
        &self,
        pemilihan_id: Uuid,
        rows: &[(KodeTps, Angka)],
        jejak: &Jejak,
    ) -> Result<ImportCounts>;

    /// The official figures of every TPS under `wilayah`, by TPS.
    async fn hasil_resmi_under(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(KodeTps, Angka)>>;

    async fn catat_checkin(&self, c: &Checkin, jejak: &Jejak) -> Result<()>;

    /// Check-ins at TPS under `wilayah`, oldest first.
    async fn checkin_under(&self, pemilihan_id: Uuid, wilayah: KodeWilayah)
    -> Result<Vec<Checkin>>;

    async fn catat_insiden(&self, i: &Insiden, jejak: &Jejak) -> Result<()>;

    /// Incidents at TPS under `wilayah`, newest first, at most `limit`.
    async fn insiden_under(
        &self,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
        limit: u32,
    ) -> Result<Vec<Insiden>>;

    // --- personal data at rest ----------------------------------------------

    /// Ids of the keys (the 8 characters before ':') that encrypted any
    /// stored value, so a server refuses to start with the wrong key file.
    async fn kids_in_use(&self) -> Result<Vec<String>>;

    /// Every stored value of one encrypted column, with its row id.
    async fn read_rahasia(&self, kolom: KolomRahasia) -> Result<Vec<(Uuid, DataTersandi)>>;

    /// Replaces stored values (after re-encryption under a new key) in one
    /// transaction under one audit entry; returns the rows changed.
    async fn rewrite_rahasia(
        &self,
        rows: &[(KolomRahasia, Uuid, DataTersandi)],
        jejak: &Jejak,
    ) -> Result<u64>;

    // --- audit log -----------------------------------------------------------

    /// Records an event that changes no stored row (an export of personal
    /// data) as its own chained entry.
    async fn append_audit(&self, jejak: &Jejak) -> Result<()>;

    /// Entries with `seq > after`, in order, at most `limit`.
    async fn list_audit(&self, after: i64, limit: u32) -> Result<Vec<EntriAudit>>;

    /// Newest first: the entries about one entity (`pengguna` and an
    /// account id: codes issued for it, its sign-ins, role changes).
    async fn audit_entitas(
        &self,
        entitas: &str,
        entitas_id: &str,
        limit: u32,
    ) -> Result<Vec<EntriAudit>>;

    /// Newest first: entries with `seq < before` (all when None) whose
    /// action starts with `aksi_prefix` and actor equals `aktor` when given.
    async fn search_audit(
        &self,
        before: Option<i64>,
        aksi_prefix: Option<&str>,
        aktor: Option<&str>,
        limit: u32,
    ) -> Result<Vec<EntriAudit>>;

    /// The current result of each of `tps` that has one (any order).
    async fn hasil_tps_banyak(&self, pemilihan_id: Uuid, tps: &[KodeTps]) -> Result<Vec<HasilTps>>;

    // --- hitung cepat (quick count) -----------------------------------------

    /// Stores an election's quick-count sample with its audit entry, once:
    /// false (nothing written) when the election already has one, so a
    /// sample cannot be redrawn.
    async fn simpan_sampel(
        &self,
        pemilihan_id: Uuid,
        sampel: &Sampel,
        dibuat: i64,
        jejak: &Jejak,
    ) -> Result<bool>;

    /// An election's quick-count sample and when it was drawn (unix s).
    async fn sampel(&self, pemilihan_id: Uuid) -> Result<Option<(Sampel, i64)>>;

    // --- riwayat and target assumptions -------------------------------------

    /// Replaces the imported history of an earlier election with `rows`,
    /// whole, in one transaction.
    async fn ganti_riwayat(
        &self,
        riwayat: &crate::Riwayat,
        rows: &[posko_domain::HasilLalu],
        jejak: &Jejak,
    ) -> Result<()>;

    /// The imported history, if any.
    async fn riwayat(&self) -> Result<Option<crate::Riwayat>>;

    /// The history's turnout per desa under `wilayah`, in code order.
    async fn partisipasi_lalu(&self, wilayah: KodeWilayah) -> Result<Vec<crate::PartisipasiLalu>>;

    /// The history's TPS under `wilayah`, in code order.
    async fn hasil_lalu(&self, wilayah: KodeWilayah) -> Result<Vec<posko_domain::HasilLalu>>;

    /// The assumptions saved for an election's targets.
    async fn asumsi_target(&self, pemilihan_id: Uuid) -> Result<Option<crate::AsumsiTarget>>;

    /// Saves (replaces) an election's target assumptions.
    async fn simpan_asumsi_target(
        &self,
        pemilihan_id: Uuid,
        asumsi: &crate::AsumsiTarget,
        jejak: &Jejak,
    ) -> Result<()>;

    // --- pesan (SMS/Telegram gateways) --------------------------------------

    /// Short-code numbers of `tps` (see `posko_domain::pesan::KodeSingkat`),
    /// issuing the next unused number to each TPS that has none, in one
    /// transaction with one audit entry when any is issued. Numbers are
    /// never reused or changed, so a printed code stays valid. Returned in
    /// the order of `tps`.
    async fn beri_kode_singkat(&self, tps: &[KodeTps], jejak: &Jejak) -> Result<Vec<u64>>;

    /// The TPS holding short-code number `nomor`, if issued.
    async fn tps_kode_singkat(&self, nomor: u64) -> Result<Option<KodeTps>>;

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
    async fn pesan_baru(&self, sebelum: i64, limit: u32) -> Result<Vec<PesanMasuk>>;

    /// How many messages came from the sender with blind index `indeks` at
    /// or after `sejak` (unix seconds), for throttling floods.
    async fn hitung_pesan_dari(&self, indeks: &str, sejak: i64) -> Result<u64>;

    /// Messages with one of `status` (every status when empty), newest
    /// first, at most `limit`.
    async fn daftar_pesan(&self, status: &[StatusPesan], limit: u32) -> Result<Vec<PesanMasuk>>;

    /// Claims the replies waiting to be sent whose next attempt is due at
    /// `sekarang`, oldest due first, at most `limit`, each with its
    /// message's sender: their next attempt moves to `sewa_sampai`, so
    /// another server sharing the database does not send them too while
    /// this one tries (and they come due again if this one dies trying).
    async fn ambil_balasan(
        &self,
        sekarang: i64,
        sewa_sampai: i64,
        limit: u32,
    ) -> Result<Vec<Balasan>>;

    /// Records a send attempt of reply `id`: sent (`terkirim`), or failed
    /// with `galat` and retried at `berikut`, given up (`gagal`) after
    /// [`crate::pesan::MAKS_PERCOBAAN`] failures. A reply already sent or
    /// given up is left alone. Delivery bookkeeping, not a change to the
    /// data: no audit entry.
    async fn tandai_balasan(
        &self,
        id: Uuid,
        terkirim: bool,
        galat: Option<&str>,
        berikut: i64,
        sekarang: i64,
    ) -> Result<()>;

    /// How many replies are in the outbox per status (`antre`, `terkirim`,
    /// `gagal`), by status.
    async fn keluar_per_status(&self) -> Result<Vec<(String, u64)>>;

    // --- relawan & pendukung ---

    /// Stores a relawan, with their new account when given (`akun`: the
    /// account and its password hash), consuming invitation `undangan`
    /// (a code hash) when given, all in one transaction: an invitation
    /// already used or expired at `sekarang` gives `Conflict` and stores
    /// nothing, so one code makes one relawan.
    async fn simpan_relawan(
        &self,
        relawan: &Relawan,
        akun: Option<(&Pengguna, &str)>,
        undangan: Option<&str>,
        sekarang: i64,
        jejak: &Jejak,
    ) -> Result<()>;

    async fn get_relawan(&self, id: Uuid) -> Result<Option<Relawan>>;

    /// The relawan an account is.
    async fn relawan_pengguna(&self, pengguna_id: Uuid) -> Result<Option<Relawan>>;

    /// Everyone recruited by `id`, directly or down the line (not `id`
    /// itself), ordered by territory then name.
    async fn relawan_bawahan(&self, id: Uuid) -> Result<Vec<Relawan>>;

    /// Relawan whose territory lies under `wilayah` (all when None).
    async fn relawan_di(&self, wilayah: Option<KodeWilayah>) -> Result<Vec<Relawan>>;

    async fn simpan_undangan(&self, undangan: &Undangan, jejak: &Jejak) -> Result<()>;

    async fn get_undangan(&self, kode_hash: &str) -> Result<Option<Undangan>>;

    /// Stores a supporter and the suspected duplicates found for them
    /// (`ragu`: other supporter, similarity) in one transaction. When a
    /// supporter with the same NIK exists (its blind index is `p.nik` or
    /// one of `nik_lain`, the index under every key of the ring) nothing is
    /// stored and that supporter's id is returned; concurrent calls with
    /// one NIK store it exactly once. `indeks_nama` are the blind indexes
    /// of the name's search tokens, stored with the supporter.
    async fn simpan_pendukung(
        &self,
        p: &Pendukung,
        indeks_nama: &[String],
        nik_lain: &[String],
        ragu: &[(Uuid, f64)],
        jejak: &Jejak,
    ) -> Result<Option<Uuid>>;

    async fn get_pendukung(&self, id: Uuid) -> Result<Option<Pendukung>>;

    /// Supporters whose desa lies under `wilayah` (all when None), newest
    /// first, at most `limit`.
    async fn pendukung_di(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<Pendukung>>;

    /// (id, name) of supporters of one desa born on one day: the only
    /// candidates the fuzzy duplicate rule can match.
    async fn kandidat_ganda(&self, desa: KodeWilayah, lahir: Date) -> Result<Vec<(Uuid, String)>>;

    /// Replaces a supporter's fields (a correction or a renewal) and their
    /// name's search index with `indeks_nama`; false if there is no such
    /// supporter; `Conflict` if the new NIK is another's.
    async fn ubah_pendukung(
        &self,
        p: &Pendukung,
        indeks_nama: &[String],
        jejak: &Jejak,
    ) -> Result<bool>;

    /// Deletes supporters with everything personal about them (their
    /// review pairs and name index too) in one transaction; returns how
    /// many.
    async fn hapus_pendukung(&self, ids: &[Uuid], jejak: &Jejak) -> Result<u64>;

    /// Supporters inside any of `cakupan` (nothing when empty) whose name
    /// index holds, for every group of `cari`, at least one of its values
    /// (a group is one search token under each key of the ring; no groups:
    /// every supporter in scope), newest first: `limit` of them after
    /// skipping `lewati`, with how many match in all. Driven by the index,
    /// so it never reads every supporter's name.
    async fn cari_pendukung(
        &self,
        cakupan: &[posko_domain::Cakupan],
        cari: &[Vec<String>],
        limit: u32,
        lewati: u32,
    ) -> Result<(u64, Vec<Pendukung>)>;

    /// Replaces the name index of each supporter given (after a key
    /// rotation) in one transaction; unknown ids are skipped. Returns the
    /// supporters changed.
    async fn ganti_indeks_nama(&self, rows: &[(Uuid, Vec<String>)], jejak: &Jejak) -> Result<u64>;

    /// (id, name) of every supporter, or only of those with no name index
    /// yet (stored before the index existed), to build it.
    async fn nama_pendukung(&self, tanpa_indeks_saja: bool) -> Result<Vec<(Uuid, String)>>;

    /// Supporters whose retention date is before `hari_ini`.
    async fn pendukung_kedaluwarsa(&self, hari_ini: Date) -> Result<Vec<Uuid>>;

    /// Supporters recorded per relawan, for relawan whose territory lies
    /// under `wilayah` (all when None); relawan with none are left out.
    async fn hitung_pendukung_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>>;

    /// Supporters recorded by `relawan` per day (days since 1970-01-01 in
    /// WIB, UTC+7), oldest first.
    async fn aktivitas_pendukung(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>>;

    /// Supporters per TPS under `wilayah` (those with a TPS), by TPS.
    async fn pendukung_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u64)>>;

    /// Suspected duplicate pairs under `wilayah` (all when None) with
    /// status `baru`, oldest first, at most `limit`.
    async fn daftar_ragu(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<PasanganRagu>>;

    async fn get_ragu(&self, id: Uuid) -> Result<Option<PasanganRagu>>;

    /// Records a reviewer's decision (`sama` or `beda`) on a pair still
    /// `baru`; false otherwise.
    async fn putuskan_ragu(&self, id: Uuid, status: &str, jejak: &Jejak) -> Result<bool>;
    // --- pemilih (DPT) -------------------------------------------------------

    /// Starts loading a voter list. Batches go in through the returned
    /// [`MuatPemilih`] as the file is read, so no backend needs the whole
    /// list in memory; nothing is visible until [`MuatPemilih::selesai`],
    /// and dropping the loader (or any failed batch) writes nothing. Every
    /// TPS that appears in the load has its voter rows replaced as a set;
    /// other TPS are left alone. SQLite holds its one write transaction
    /// open for the whole load; PostgreSQL copies into a staging table and
    /// swaps it in at the end.
    async fn muat_pemilih(&self) -> Result<Box<dyn MuatPemilih>>;

    /// Voters per TPS under a region at any level, in key order.
    async fn pemilih_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u32)>>;

    /// Voters in a desa with this name (compared as
    /// [`posko_domain::nama_kunci`] writes it) and birth date: what
    /// matching a supporter to the DPT asks. It reads one desa: SQLite
    /// scans its TPS rows, PostgreSQL an index.
    async fn cari_pemilih(
        &self,
        nama: &str,
        tanggal_lahir: time::Date,
        desa: KodeWilayah,
    ) -> Result<Vec<Pemilih>>;

    /// The voters of one TPS in DPT order (the walk list).
    async fn pemilih_tps(&self, tps: KodeTps) -> Result<Vec<Pemilih>>;

    // --- kunjungan (canvassing visits) -----------------------------------

    /// Stores visits by their phone-made ids in one transaction: an id
    /// already stored is left as it is (`ON CONFLICT DO NOTHING`), so a
    /// batch sent again, or twice at once, stores each visit once. Returns
    /// the ids newly stored; `jejak` is appended when there is at least
    /// one (a resend that changes nothing leaves the log alone). Every
    /// relawan must be stored.
    async fn simpan_kunjungan(&self, rows: &[Kunjungan], jejak: &Jejak) -> Result<Vec<Uuid>>;

    /// The visits to voters of one TPS, oldest first.
    async fn kunjungan_tps(&self, tps: KodeTps) -> Result<Vec<Kunjungan>>;

    /// Visits logged per relawan, for relawan whose territory lies under
    /// `wilayah` (all when None); relawan with none are left out. Counted
    /// by the relawan's territory, as supporters are, so a leaderboard
    /// ranks the same people on both.
    async fn hitung_kunjungan_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>>;

    /// Visits logged by `relawan` per day of the phone's clock (days since
    /// 1970-01-01 in WIB, UTC+7), oldest first.
    async fn aktivitas_kunjungan(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>>;

    /// An election's own survey questions in asking order, retired ones
    /// included; empty when it set none (it then asks the built-in ones).
    async fn pertanyaan_survei(
        &self,
        pemilihan_id: Uuid,
    ) -> Result<Vec<posko_domain::kunjungan::PertanyaanSurvei>>;

    /// Replaces an election's survey questions with `rows`, in this order,
    /// in one transaction; `diubah` in unix seconds.
    async fn ganti_pertanyaan_survei(
        &self,
        pemilihan_id: Uuid,
        rows: &[posko_domain::kunjungan::PertanyaanSurvei],
        diubah: i64,
        jejak: &Jejak,
    ) -> Result<()>;

    /// How many visits under `wilayah` gave each answer to each question:
    /// (question code, answer code, count), by question then answer.
    async fn hitung_jawaban_survei(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<(String, String, u64)>>;

    /// Supporters recorded and visits logged per desa under `wilayah`
    /// (where the supporter lives, where the visit was), in code order;
    /// desa with neither are left out.
    async fn kegiatan_per_desa(&self, wilayah: KodeWilayah) -> Result<Vec<crate::KegiatanDesa>>;

    // --- batas (boundaries) ------------------------------------------------

    /// Inserts or replaces region boundaries in one transaction. Every
    /// region must already be stored.
    async fn upsert_batas(&self, rows: &[BatasBaris], jejak: &Jejak) -> Result<ImportCounts>;

    /// The boundaries of the direct children of `induk` that have one, in
    /// code order (kab/kota shapes for a province, and so on).
    async fn batas_anak(&self, induk: KodeWilayah) -> Result<Vec<Batas>>;
}

/// A voter-list load in progress (see [`Store::muat_pemilih`]).
#[async_trait]
pub trait MuatPemilih: Send {
    /// Adds rows; `(tps, urut)` must be unique within the load.
    async fn tambah(&mut self, batch: Vec<Pemilih>) -> Result<()>;

    /// Replaces the voter rows of every TPS seen and appends `jejak`, in
    /// one transaction.
    async fn selesai(self: Box<Self>, jejak: &Jejak) -> Result<HasilMuatPemilih>;
}

/// What a voter-list load changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct HasilMuatPemilih {
    /// TPS whose voter rows were replaced.
    pub tps: u64,
    /// Rows written.
    pub baris: u64,
    /// Rows the load replaced (from earlier imports of those TPS).
    pub diganti: u64,
}
