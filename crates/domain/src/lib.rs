//! Posko's domain: the words of an Indonesian regional election as types
//! that are valid by construction. Everything here is pure: no I/O, no clock,
//! no randomness that is not seeded by the caller.

pub mod akses;
pub mod audit;
pub mod dana;
pub mod hasil;
pub mod hitung_cepat;
pub mod kejanggalan;
pub mod kunjungan;
pub mod lapangan;
pub mod medsos;
pub mod menang;
pub mod mutu_lapangan;
pub mod nik;
pub mod pemilih;
pub mod pemilihan;
pub mod pendukung;
pub mod pesan;
pub mod peta;
pub mod relawan;
pub mod revisi;
pub mod survei;
pub mod target;
pub mod telepon;
pub mod tps;
pub mod wilayah;
pub mod zona_waktu;

pub use akses::{
    AksesError, Cakupan, Izin, Objek, Pelaku, Penugasan, Peran, boleh_beri, boleh_beri_peran,
    boleh_kelola, boleh_verifikasi, diizinkan,
};
pub use audit::{EntriAudit, Jejak, KepalaLajur, PemeriksaAudit, PemeriksaRantai, RantaiPutus};
pub use hasil::{Angka3, Aturan, Baris, Batas, FormulirHasil, Temuan, kolom_suara_paslon, periksa};
pub use kunjungan::{DataKunjungan, HasilKunjungan, IsianKunjungan, KunjunganError};
pub use menang::{Putusan, StatusMenang};
pub use nik::{JenisKelamin, Nik, NikError};
pub use pemilih::{NikTersamar, Pemilih, nama_kunci};
pub use pemilihan::{AturanMenang, JenisPemilihan, NamaCalon, NomorUrut, PemilihanError};
pub use pendukung::{
    DataPendukung, Domisili, IsianPendukung, KATA_CARI_MAKS, Keperluan, PendukungError,
    TingkatDukungan, token_cari, token_nama,
};
pub use pesan::{GalatPesan, HasilSms, KodeSingkat, Pesan, RujukanTps};
pub use relawan::{RelawanError, TingkatRelawan};
pub use revisi::{Kekurangan, Pelindung, Terhitung, Tertahan, Usulan, tertahan};
pub use target::{Asumsi, HasilLalu, Persen, TargetError, selisih_target};
pub use telepon::{Telepon, TeleponError};
pub use tps::{Dpt, DptError, KodeTps, KodeTpsError, NomorTps};
pub use wilayah::{JenisDesa, KodeWilayah, KodeWilayahError, Tingkat};
pub use zona_waktu::ZonaWaktu;
