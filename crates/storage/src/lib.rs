//! The storage interface. Application services talk to a `dyn Store`; the
//! SQLite and PostgreSQL crates implement it, and both must pass
//! [`conformance`] (enabled by the `conformance` feature in their tests).

pub mod baris;
pub mod cadangan;
pub mod dana;
pub mod dokumen;
mod error;
pub mod hasil;
pub mod kabar;
pub mod kejanggalan;
pub mod kemas;
pub mod lapangan;
pub mod medsos;
mod migrasi;
mod model;
pub mod pantau;
pub mod pesan;
mod riwayat;
pub mod sql;
mod store;
mod tps_gabung;

#[cfg(feature = "conformance")]
pub mod conformance;

pub use dana::{
    EntriDana, JenisEntriDana, PengaturanDana, PengembalianDana, PenyampaianDana, PenyumbangDana,
    SaringDana, SumbanganPenyumbangBaru,
};
pub use dokumen::{Dokumen, IsiRuang, JenisDokumen, Syarat};
pub use error::{Konflik, StoreError};
pub use hasil::{
    Angka, Bacaan, Checkin, HasilTps, Insiden, Kirim, KirimanHasil, RekapHasil, Selisih, SisaTps,
    StatusHasil, TidakDihitung,
};
pub use kabar::{Kabar, PenerimaKabar};
pub use lapangan::{DokumenLapangan, IsiLapangan, JenisLapangan};
pub use medsos::{DokumenMedsos, IsiMedsos, JenisMedsos};
pub use migrasi::{Migration, pending, periksa_cek};
pub use model::*;
pub use pantau::{
    HitungPantau, InsidenDitangani, KontakSaksi, PantauTps, SaringTps, StatusInsiden,
};
pub use pesan::{Balasan, HasilOlah, PesanMasuk, Saluran, StatusPesan};
pub use riwayat::{AsumsiTarget, PartisipasiLalu, Riwayat, SumberPartisipasi};
pub use store::{
    AuditStore, BatasStore, DanaStore, HasilMuatPemilih, HasilStore, HitungCepatStore,
    KejanggalanStore, KunjunganStore, LapanganStore, MasukStore, MedsosStore, MuatPemilih,
    MutuStore, PemilihStore, PenggunaStore, PesanStore, RahasiaStore, RelawanStore, RiwayatStore,
    Store, StoreDasar, WilayahStore,
};
pub use tps_gabung::{HasilSimpanTps, KolomTps, PerubahanTps, gabung as gabung_tps};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An API token's last use is recorded to this many seconds, so an
/// integration calling many times a second does not write on every call.
pub const TOKEN_SENTUH_DETIK: i64 = 60;

/// Rebuilds `rekap_dpt` (TPS and DPT totals per region at every level) from
/// the `tps` table: desa totals from TPS, then each level from the one
/// below. Plain SQL that both backends run inside their TPS-write transaction.
pub const REBUILD_REKAP_SQL: &str = "
DELETE FROM rekap_dpt;
INSERT INTO rekap_dpt
  SELECT kode_desa, 4, COUNT(*), COUNT(dpt_total), COALESCE(SUM(dpt_laki), 0),
         COALESCE(SUM(dpt_perempuan), 0), COALESCE(SUM(dpt_total), 0)
  FROM tps GROUP BY kode_desa;
INSERT INTO rekap_dpt
  SELECT substr(kode, 1, 8), 3, SUM(jumlah_tps), SUM(tps_dengan_dpt), SUM(dpt_laki),
         SUM(dpt_perempuan), SUM(dpt_total)
  FROM rekap_dpt WHERE tingkat = 4 GROUP BY substr(kode, 1, 8);
INSERT INTO rekap_dpt
  SELECT substr(kode, 1, 5), 2, SUM(jumlah_tps), SUM(tps_dengan_dpt), SUM(dpt_laki),
         SUM(dpt_perempuan), SUM(dpt_total)
  FROM rekap_dpt WHERE tingkat = 3 GROUP BY substr(kode, 1, 5);
INSERT INTO rekap_dpt
  SELECT substr(kode, 1, 2), 1, SUM(jumlah_tps), SUM(tps_dengan_dpt), SUM(dpt_laki),
         SUM(dpt_perempuan), SUM(dpt_total)
  FROM rekap_dpt WHERE tingkat = 2 GROUP BY substr(kode, 1, 2);
";

/// The timestamp written into a new audit entry: UTC, whole seconds, RFC 3339,
/// so both backends store (and hash) the same text.
pub fn audit_timestamp() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

/// A voter row from stored columns (both backends read the same shape).
#[allow(clippy::too_many_arguments)]
pub fn pemilih_dari_kolom(
    desa: &str,
    nomor: u16,
    urut: u32,
    nama: String,
    jenis_kelamin: &str,
    tanggal_lahir: Option<&str>,
    usia: Option<u8>,
    alamat: Option<String>,
    rt: Option<u16>,
    rw: Option<u16>,
    nik_tersamar: Option<String>,
) -> Result<posko_domain::Pemilih> {
    use posko_domain::{JenisKelamin, KodeTps, KodeWilayah, NikTersamar, NomorTps};
    let corrupt =
        |what: &str| StoreError::Corrupt(format!("pemilih {desa}/{nomor}/{urut}: {what}"));
    let desa_k = KodeWilayah::parse(desa).map_err(|e| corrupt(&e.to_string()))?;
    let nomor_k = NomorTps::new(nomor).map_err(|e| corrupt(&e.to_string()))?;
    let tps = KodeTps::new(desa_k, nomor_k).map_err(|e| corrupt(&e.to_string()))?;
    let jenis_kelamin = match jenis_kelamin.trim() {
        "L" => JenisKelamin::Laki,
        "P" => JenisKelamin::Perempuan,
        other => return Err(corrupt(&format!("jenis kelamin '{other}'"))),
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let tanggal_lahir = tanggal_lahir
        .map(|t| time::Date::parse(t, format).map_err(|e| corrupt(&e.to_string())))
        .transpose()?;
    Ok(posko_domain::Pemilih {
        tps,
        urut,
        nama,
        jenis_kelamin,
        tanggal_lahir,
        usia,
        alamat,
        rt,
        rw,
        nik_tersamar: nik_tersamar.map(NikTersamar::from_stored),
    })
}
