//! Canvassing: visits, their counts, survey questions and answers, activity per desa.

use crate::{Kunjungan, Result};
use async_trait::async_trait;
use posko_domain::{Jejak, KodeTps, KodeWilayah};
use uuid::Uuid;

#[async_trait]
pub trait KunjunganStore: Send + Sync + 'static {
    /// Stores visits by their phone-made ids in one transaction: an id
    /// already stored is left as it is (`ON CONFLICT DO NOTHING`), so a
    /// batch sent again, or twice at once, stores each visit once. Returns
    /// the ids newly stored; `jejak` is appended when there is at least
    /// one (a resend that changes nothing leaves the log alone). Every
    /// relawan must be stored.
    async fn simpan_kunjungan(&self, rows: &[Kunjungan], jejak: &Jejak) -> Result<Vec<Uuid>>;

    /// The visits to voters of one TPS, oldest first.
    async fn daftar_kunjungan_tps(&self, tps: KodeTps) -> Result<Vec<Kunjungan>>;

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
    async fn hitung_aktivitas_kunjungan(&self, relawan: &[Uuid]) -> Result<Vec<(i64, u64)>>;

    /// An election's own survey questions in asking order, retired ones
    /// included; empty when it set none (it then asks the built-in ones).
    async fn daftar_pertanyaan_survei(
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
    async fn hitung_kegiatan_per_desa(
        &self,
        wilayah: KodeWilayah,
    ) -> Result<Vec<crate::KegiatanDesa>>;
}
