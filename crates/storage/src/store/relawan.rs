//! Relawan, their invitations, and the supporters they record (duplicates, name search, retention).

use crate::{PasanganRagu, Pendukung, Pengguna, Relawan, Result, Undangan};
use async_trait::async_trait;
use posko_domain::{Jejak, KodeTps, KodeWilayah};
use time::Date;
use uuid::Uuid;

#[async_trait]
pub trait RelawanStore: Send + Sync + 'static {
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

    async fn ambil_relawan(&self, id: Uuid) -> Result<Option<Relawan>>;

    /// The relawan an account is.
    async fn cari_relawan_pengguna(&self, pengguna_id: Uuid) -> Result<Option<Relawan>>;

    /// Everyone recruited by `id`, directly or down the line (not `id`
    /// itself), ordered by territory then name.
    async fn daftar_relawan_bawahan(&self, id: Uuid) -> Result<Vec<Relawan>>;

    /// Relawan whose territory lies under `wilayah` (all when None).
    async fn daftar_relawan_di(&self, wilayah: Option<KodeWilayah>) -> Result<Vec<Relawan>>;

    async fn simpan_undangan(&self, undangan: &Undangan, jejak: &Jejak) -> Result<()>;

    async fn ambil_undangan(&self, kode_hash: &str) -> Result<Option<Undangan>>;

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

    async fn ambil_pendukung(&self, id: Uuid) -> Result<Option<Pendukung>>;

    /// Supporters whose desa lies under `wilayah` (all when None), newest
    /// first, at most `limit`.
    async fn daftar_pendukung_di(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<Pendukung>>;

    /// (id, name) of supporters of one desa born on one day: the only
    /// candidates the fuzzy duplicate rule can match.
    async fn daftar_kandidat_ganda(
        &self,
        desa: KodeWilayah,
        lahir: Date,
    ) -> Result<Vec<(Uuid, String)>>;

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
    async fn daftar_nama_pendukung(&self, tanpa_indeks_saja: bool) -> Result<Vec<(Uuid, String)>>;

    /// Supporters whose retention date is before `hari_ini`.
    async fn daftar_pendukung_kedaluwarsa(&self, hari_ini: Date) -> Result<Vec<Uuid>>;

    /// Supporters recorded per relawan, for relawan whose territory lies
    /// under `wilayah` (all when None); relawan with none are left out.
    async fn hitung_pendukung_relawan(
        &self,
        wilayah: Option<KodeWilayah>,
    ) -> Result<Vec<(Uuid, u64)>>;

    /// Supporters recorded by `relawan` per day (days since 1970-01-01 in
    /// WIB, UTC+7), oldest first.
    async fn hitung_aktivitas_pendukung(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>>;

    /// Supporters per TPS under `wilayah` (those with a TPS), by TPS.
    async fn hitung_pendukung_per_tps(&self, wilayah: KodeWilayah) -> Result<Vec<(KodeTps, u64)>>;

    /// Suspected duplicate pairs under `wilayah` (all when None) with
    /// status `baru`, oldest first, at most `limit`.
    async fn daftar_ragu(
        &self,
        wilayah: Option<KodeWilayah>,
        limit: u32,
    ) -> Result<Vec<PasanganRagu>>;

    async fn ambil_ragu(&self, id: Uuid) -> Result<Option<PasanganRagu>>;

    /// Records a reviewer's decision (`sama` or `beda`) on a pair still
    /// `baru`; false otherwise.
    async fn putuskan_ragu(&self, id: Uuid, status: &str, jejak: &Jejak) -> Result<bool>;
}
