//! Statements (and column lists) that read the same on both backends,
//! written once; like `REBUILD_REKAP_SQL`, each backend runs them as they are.

pub const PESAN_COLUMNS: &str = "SELECT id, saluran, kunci_luar, pengirim_sandi, pengirim_indeks,
    pengirim_samar, teks, foto, diterima, status, pengguna_id, tps, kiriman_id, balasan
    FROM pesan_masuk";

pub const KIRIMAN_COLUMNS: &str =
    "SELECT id, kunci_klien, pemilihan_id, kode_desa, nomor_tps, revisi,
    pengirim_id, pengirim, sumber, waktu, alasan, formulir, temuan, foto, kode_dari, peramban
    FROM kiriman_hasil";

pub const HASIL_COLUMNS: &str =
    "SELECT pemilihan_id, kode_desa, nomor_tps, kiriman_id, revisi, status,
    angka, terverifikasi, jumlah_temuan, dpt, waktu FROM hasil_tps";

pub const BACAAN_COLUMNS: &str =
    "SELECT id, kiriman_id, pemilihan_id, kode_desa, nomor_tps, verifier_id,
    verifier, waktu, angka, putusan, kode_dari, peramban FROM bacaan";

pub const RELAWAN: &str =
    "SELECT id, pengguna_id, nama, wilayah, perekrut_id, aktif, dibuat FROM relawan";

pub const PENDUKUNG: &str = "SELECT id, relawan_id, nama, nik_sandi, nik_indeks, telepon_sandi,
    telepon_indeks, alamat, kode_desa, tps, tanggal_lahir, dukungan, sumber, keperluan,
    disetujui, simpan_sampai, dibuat FROM pendukung";

/// The same columns of `pendukung p`, for queries that join or filter on it.
pub const PENDUKUNG_P: &str = "SELECT p.id, p.relawan_id, p.nama, p.nik_sandi,
    p.nik_indeks, p.telepon_sandi, p.telepon_indeks, p.alamat, p.kode_desa, p.tps,
    p.tanggal_lahir, p.dukungan, p.sumber, p.keperluan, p.disetujui, p.simpan_sampai, p.dibuat
    FROM pendukung p";

pub const RAGU: &str = "SELECT g.id, g.pendukung_a, g.pendukung_b, a.nama, b.nama, b.kode_desa,
    g.skor, g.status, g.dibuat FROM pendukung_ragu g
    JOIN pendukung a ON a.id = g.pendukung_a JOIN pendukung b ON b.id = g.pendukung_b";

pub const TPS_COLUMNS: &str =
    "SELECT kode_desa, nomor, dpt_laki, dpt_perempuan, dpt_total, alamat, lat, lng FROM tps";

pub const PEMILIHAN_COLUMNS: &str =
    "SELECT id, jenis, kode_wilayah, nama, tanggal, dibuat FROM pemilihan";
