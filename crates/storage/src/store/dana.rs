//! Campaign finance: settings, donors, the append-only ledger, returns of excess.

use crate::{
    EntriDana, PengaturanDana, PengembalianDana, PenyampaianDana, PenyumbangDana, Result,
    SaringDana, SumbanganPenyumbangBaru,
};
use async_trait::async_trait;
use posko_domain::Jejak;
use uuid::Uuid;

#[async_trait]
pub trait DanaStore: Send + Sync + 'static {
    /// Stores or replaces an election's finance calendar and spending cap.
    async fn simpan_pengaturan_dana(&self, p: &PengaturanDana, jejak: &Jejak) -> Result<()>;

    async fn ambil_pengaturan_dana(&self, pemilihan_id: Uuid) -> Result<Option<PengaturanDana>>;

    /// Stores a donor in one transaction with `jejak`, unless the election
    /// already has a donor whose NIK or NPWP blind index is one of `cocok`
    /// (the indexes of this donor's NIK and NPWP under every key of the
    /// ring): then nothing is stored and that donor's id is returned.
    /// Concurrent calls with one NIK store it once.
    async fn simpan_penyumbang_dana(
        &self,
        p: &PenyumbangDana,
        cocok: &[String],
        jejak: &Jejak,
    ) -> Result<Option<Uuid>>;

    async fn ambil_penyumbang_dana(&self, id: Uuid) -> Result<Option<PenyumbangDana>>;

    /// An election's donors, oldest first.
    async fn daftar_penyumbang_dana(&self, pemilihan_id: Uuid) -> Result<Vec<PenyumbangDana>>;

    /// Appends an entry with `jejak` in one transaction and returns its
    /// number in the election's ledger (the `nomor` given is ignored).
    /// Entries are never changed: there is no update or delete. A
    /// correction must name an entry of the same election (`NotFound`
    /// otherwise), and a donor must be the same election's. `sesudah`:
    /// the number of the last entry the caller checked the ledger to (0:
    /// none); when the ledger has a later one, nothing is written and the
    /// answer is `Konflik::BukuDanaBerubah`.
    async fn catat_entri_dana(
        &self,
        e: &EntriDana,
        sesudah: Option<i64>,
        jejak: &Jejak,
    ) -> Result<i64>;

    /// A donation by a donor not recorded yet: the donor (`p`, with
    /// `jejak_penyumbang`) and the entry `e` (with `jejak`) in one
    /// transaction, so a refused donation leaves no donor behind. When the
    /// election already has a donor matching `cocok` or `p`'s own NIK or
    /// NPWP index, nothing is written and that donor's id is returned.
    async fn catat_sumbangan_penyumbang_baru(
        &self,
        p: &PenyumbangDana,
        cocok: &[String],
        jejak_penyumbang: &Jejak,
        e: &EntriDana,
        jejak: &Jejak,
    ) -> Result<SumbanganPenyumbangBaru>;

    async fn ambil_entri_dana(&self, id: Uuid) -> Result<Option<EntriDana>>;

    /// An election's entries within `saring`, by date then number.
    async fn daftar_entri_dana(
        &self,
        pemilihan_id: Uuid,
        saring: &SaringDana,
    ) -> Result<Vec<EntriDana>>;

    /// Records excess returned or paid to the treasury, with `jejak`.
    /// `terlihat`: the ledger's last entry number and how many returns the
    /// election had when the caller checked that this return is owed; when
    /// either moved since, nothing is written and the answer is
    /// `Konflik::BukuDanaBerubah` (so two returns at once cannot both pass
    /// one check).
    async fn catat_pengembalian_dana(
        &self,
        k: &PengembalianDana,
        terlihat: (i64, i64),
        jejak: &Jejak,
    ) -> Result<()>;

    /// An election's returns of excess, by date.
    async fn daftar_pengembalian_dana(&self, pemilihan_id: Uuid) -> Result<Vec<PengembalianDana>>;

    /// Records a report as filed with the KPU, with `jejak`.
    async fn catat_penyampaian_dana(&self, p: &PenyampaianDana, jejak: &Jejak) -> Result<()>;

    /// An election's filing records, oldest first.
    async fn daftar_penyampaian_dana(&self, pemilihan_id: Uuid) -> Result<Vec<PenyampaianDana>>;
}
