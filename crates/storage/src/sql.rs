//! Statements (and column lists) that read the same on both backends,
//! written once, with SQLite's `?N` placeholders: SQLite runs them as they
//! are, PostgreSQL through [`pg`]. Names say verb and table (`BACA_`,
//! `SIMPAN_`, `UBAH_`, `HAPUS_`).

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

/// `sql` with SQLite's `?N` placeholders written as PostgreSQL's `$N`,
/// converted once per statement and kept for the life of the process.
pub fn pg(sql: &'static str) -> &'static str {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static DITULIS: OnceLock<Mutex<HashMap<&'static str, &'static str>>> = OnceLock::new();
    let mut peta = DITULIS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    peta.entry(sql)
        .or_insert_with(|| Box::leak(tanda_pg(sql).into_boxed_str()))
}

/// `?N` → `$N` outside quoted text.
fn tanda_pg(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut kutip = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            kutip = !kutip;
        }
        if c == '?' && !kutip && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

/// Statements both backends run, written with SQLite's `?N` placeholders;
/// PostgreSQL runs them through [`pg`], which writes `$N` instead.
pub const BACA_ASUMSI_TARGET: &str =
    "SELECT partisipasi_bp, sumber, target_suara_bp, diubah, oleh FROM asumsi_target
             WHERE pemilihan_id = ?1";

pub const BACA_AUDIT_LOG: &str = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";

pub const BACA_BATAS: &str =
    "SELECT b.kode, b.geometri FROM batas b JOIN wilayah w ON w.kode = b.kode
                     WHERE w.kode_induk = ?1 ORDER BY b.kode";

pub const BACA_CHECKIN: &str =
    "SELECT id, kode_desa, nomor_tps, pengirim_id, pengirim, waktu, lat, lng FROM checkin
             WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3 ORDER BY waktu, id";

pub const BACA_FOTO_UNGGAH: &str = "SELECT 1 FROM foto_unggah WHERE hash = ?1 AND pengguna_id = ?2";

pub const BACA_HASIL_LALU: &str = "SELECT nama, berkas, diimpor,
                (SELECT COUNT(*) FROM hasil_lalu),
                EXISTS (SELECT 1 FROM hasil_lalu WHERE kita IS NOT NULL)
         FROM riwayat WHERE id = 1";

pub const BACA_HASIL_LALU_2: &str =
    "SELECT kode_desa, nomor, dpt, sah, tidak_sah, kita FROM hasil_lalu
             WHERE kode_desa LIKE ?1 ORDER BY kode_desa, nomor";

pub const BACA_HASIL_RESMI: &str = "SELECT kode_desa, nomor_tps, angka FROM hasil_resmi
             WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3
             ORDER BY kode_desa, nomor_tps";

pub const BACA_INSIDEN: &str =
    "SELECT id, kode_desa, nomor_tps, pengirim_id, pengirim, waktu, kategori, teks, foto
             FROM insiden WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3
             ORDER BY waktu DESC, id DESC LIMIT ?4";

pub const BACA_KIRIMAN_HASIL: &str = "SELECT COALESCE(MAX(revisi), 0) + 1 FROM kiriman_hasil
             WHERE pemilihan_id = ?1 AND kode_desa = ?2 AND nomor_tps = ?3";

pub const BACA_KIRIMAN_HASIL_2: &str =
    "SELECT kode_desa, nomor_tps, MIN(waktu) AS pertama FROM kiriman_hasil
             WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3
             GROUP BY kode_desa, nomor_tps ORDER BY pertama, kode_desa, nomor_tps";

pub const BACA_KODE_SINGKAT_TPS: &str = "SELECT tps FROM kode_singkat_tps WHERE nomor = ?1";

pub const BACA_KOTAK_KELUAR: &str =
    "SELECT status, COUNT(*) FROM kotak_keluar GROUP BY status ORDER BY status";

pub const BACA_KUNJUNGAN: &str =
    "SELECT id, relawan_id, kode_desa, nomor_tps, urut, hasil, dukungan, jawaban,
                    catatan, waktu, diterima
             FROM kunjungan WHERE kode_desa = ?1 AND nomor_tps = ?2 ORDER BY waktu, id";

pub const BACA_KUNJUNGAN_2: &str =
    "SELECT k.relawan_id, COUNT(*) FROM kunjungan k JOIN relawan r ON r.id = k.relawan_id
         WHERE r.wilayah LIKE ?1 GROUP BY k.relawan_id";

pub const BACA_KUNJUNGAN_3: &str =
    "SELECT kode_desa, COUNT(*) FROM kunjungan WHERE kode_desa LIKE ?1 GROUP BY kode_desa";

pub const BACA_PASLON: &str = "SELECT pemilihan_id, nomor_urut, calon_kepala, calon_wakil
                     FROM paslon WHERE pemilihan_id = ?1 ORDER BY nomor_urut";

pub const BACA_PENDUKUNG: &str =
    "SELECT kode_desa, COUNT(*) FROM pendukung WHERE kode_desa LIKE ?1 GROUP BY kode_desa";

pub const BACA_PENDUKUNG_2: &str = "SELECT id FROM pendukung WHERE nik_indeks = ?1";

pub const BACA_PENDUKUNG_3: &str =
    "SELECT id, nama FROM pendukung WHERE kode_desa = ?1 AND tanggal_lahir = ?2";

pub const BACA_PENDUKUNG_4: &str = "SELECT id FROM pendukung WHERE simpan_sampai < ?1 ORDER BY id";

pub const BACA_PENDUKUNG_5: &str =
    "SELECT p.relawan_id, COUNT(*) FROM pendukung p JOIN relawan r ON r.id = p.relawan_id
             WHERE r.wilayah LIKE ?1 GROUP BY p.relawan_id";

pub const BACA_PENDUKUNG_6: &str =
    "SELECT tps, COUNT(*) FROM pendukung WHERE tps IS NOT NULL AND kode_desa LIKE ?1
             GROUP BY tps ORDER BY tps";

pub const BACA_PENDUKUNG_7: &str = "SELECT id, nama FROM pendukung p WHERE NOT EXISTS
            (SELECT 1 FROM pendukung_nama_indeks i WHERE i.pendukung_id = p.id)";

pub const BACA_PENGGUNA: &str = "SELECT id, username, nama, aktif, dibuat, password_hash,
                               telepon_sandi, telepon_indeks FROM pengguna";

pub const BACA_PENUGASAN: &str =
    "SELECT peran, cakupan FROM penugasan WHERE pengguna_id = ?1 ORDER BY peran, cakupan";

pub const BACA_PENUGASAN_2: &str =
    "SELECT t.cakupan, COUNT(*) FROM penugasan t JOIN pengguna p ON p.id = t.pengguna_id
             WHERE t.peran = 'saksi' AND p.aktif AND t.cakupan >= ?1 AND t.cakupan < ?2
             GROUP BY t.cakupan ORDER BY t.cakupan";

pub const BACA_PENUGASAN_3: &str =
    "SELECT t.cakupan, p.id, p.username, p.nama, u.pengguna_id IS NOT NULL
             FROM penugasan t JOIN pengguna p ON p.id = t.pengguna_id
             LEFT JOIN saksi_utama u ON u.tps = t.cakupan AND u.pengguna_id = p.id
             WHERE t.peran = 'saksi' AND p.aktif AND t.cakupan >= ?1 AND t.cakupan < ?2
             ORDER BY t.cakupan, p.dibuat, p.username";

pub const BACA_PERCOBAAN: &str =
    "SELECT EXISTS (SELECT 1 FROM percobaan WHERE kunci = ?1 AND id = ?2),
                        (SELECT COUNT(*) FROM percobaan WHERE kunci = ?1 AND kedaluwarsa > ?3)";

pub const BACA_PERTANYAAN_SURVEI: &str =
    "SELECT kode, teks, teks_en, pilihan, aktif FROM pertanyaan_survei
             WHERE pemilihan_id = ?1 ORDER BY urutan, kode";

pub const BACA_PESAN_MASUK: &str =
    "SELECT COUNT(*) FROM pesan_masuk WHERE pengirim_indeks = ?1 AND diterima >= ?2";

pub const BACA_RELAWAN: &str = "WITH RECURSIVE turunan (id) AS (
             SELECT id FROM relawan WHERE perekrut_id = ?1
             UNION SELECT r.id FROM relawan r JOIN turunan t ON r.perekrut_id = t.id)
         SELECT id, pengguna_id, nama, wilayah, perekrut_id, aktif, dibuat FROM relawan
         WHERE id IN (SELECT id FROM turunan) ORDER BY wilayah, nama";

pub const BACA_SAMPEL_HITUNG_CEPAT: &str =
    "SELECT sampel, dibuat FROM sampel_hitung_cepat WHERE pemilihan_id = ?1";

pub const BACA_SESI: &str =
    "SELECT token_hash, pengguna_id, csrf, dibuat, kadaluarsa, alamat, perangkat,
    kode_dari, peramban FROM sesi";

pub const BACA_UNDANGAN_RELAWAN: &str =
    "SELECT perekrut_id, wilayah, dibuat, kadaluarsa, dipakai FROM undangan_relawan
         WHERE kode_hash = ?1";

pub const BACA_WILAYAH: &str = "SELECT kode, nama, jenis_desa FROM wilayah WHERE kode = ?1";

pub const BACA_WILAYAH_2: &str =
    "SELECT kode, nama, jenis_desa FROM wilayah WHERE kode_induk = ?1 ORDER BY kode";

pub const BACA_WILAYAH_3: &str = "SELECT tingkat, COUNT(*) FROM wilayah GROUP BY tingkat";

pub const BACA_WILAYAH_4: &str = "SELECT kode FROM wilayah WHERE tingkat = ?1";

pub const HAPUS_KODE_MASUK: &str = "DELETE FROM kode_masuk WHERE kode_hash = ?1
                     RETURNING pengguna_id, kadaluarsa, penerbit";

pub const HAPUS_KODE_MASUK_2: &str = "DELETE FROM kode_masuk WHERE pengguna_id = ?1";

pub const HAPUS_PENDUKUNG_NAMA_INDEKS: &str =
    "DELETE FROM pendukung_nama_indeks WHERE pendukung_id = ?1";

pub const HAPUS_PENUGASAN: &str =
    "DELETE FROM penugasan WHERE pengguna_id = ?1 AND peran = ?2 AND cakupan = ?3";

pub const HAPUS_PERTANYAAN_SURVEI: &str = "DELETE FROM pertanyaan_survei WHERE pemilihan_id = ?1";

pub const HAPUS_SESI: &str =
    "DELETE FROM sesi WHERE pengguna_id = ?1 AND token_hash <> COALESCE(?2, '')";

pub const SIMPAN_ASUMSI_TARGET: &str = "INSERT INTO asumsi_target
            (pemilihan_id, partisipasi_bp, sumber, target_suara_bp, diubah, oleh)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (pemilihan_id) DO UPDATE SET partisipasi_bp = excluded.partisipasi_bp,
            sumber = excluded.sumber, target_suara_bp = excluded.target_suara_bp,
            diubah = excluded.diubah, oleh = excluded.oleh";

pub const SIMPAN_AUDIT_LOG: &str =
    "INSERT INTO audit_log (seq, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
                                hash_konten, hash_sebelum, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

pub const SIMPAN_BACAAN: &str =
    "INSERT INTO bacaan (id, kiriman_id, pemilihan_id, kode_desa, nomor_tps, verifier_id,
            verifier, waktu, angka, putusan, kode_dari, peramban)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

pub const SIMPAN_CHECKIN: &str = "INSERT INTO checkin (id, pemilihan_id, kode_desa, nomor_tps, pengirim_id, pengirim, waktu, lat, lng)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

pub const SIMPAN_FOTO_UNGGAH: &str =
    "INSERT INTO foto_unggah (hash, pengguna_id, waktu) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING";

pub const SIMPAN_HASIL_RESMI: &str = "INSERT INTO hasil_resmi (pemilihan_id, kode_desa, nomor_tps, angka)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (pemilihan_id, kode_desa, nomor_tps) DO UPDATE SET angka = excluded.angka";

pub const SIMPAN_INSIDEN: &str = "INSERT INTO insiden (id, pemilihan_id, kode_desa, nomor_tps, pengirim_id, pengirim, waktu, kategori, teks, foto)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

pub const SIMPAN_KIRIMAN_HASIL: &str =
    "INSERT INTO kiriman_hasil (id, kunci_klien, pemilihan_id, kode_desa, nomor_tps, revisi,
            pengirim_id, pengirim, sumber, waktu, alasan, formulir, temuan, foto, kode_dari,
            peramban)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

pub const SIMPAN_KODE_MASUK: &str =
    "INSERT INTO kode_masuk (kode_hash, pengguna_id, kadaluarsa, penerbit)
                 VALUES (?1, ?2, ?3, ?4)";

pub const SIMPAN_KOTAK_KELUAR: &str =
    "INSERT INTO kotak_keluar (id, pesan_id, saluran, teks, status, percobaan, berikut)
             SELECT ?1, id, saluran, ?3, 'antre', 0, ?4 FROM pesan_masuk WHERE id = ?2";

pub const SIMPAN_PASLON: &str =
    "INSERT INTO paslon (pemilihan_id, nomor_urut, calon_kepala, calon_wakil)
                 VALUES (?1, ?2, ?3, ?4)";

pub const SIMPAN_PEMILIHAN: &str =
    "INSERT INTO pemilihan (id, jenis, kode_wilayah, nama, tanggal, dibuat)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

pub const SIMPAN_PENDUKUNG_RAGU: &str =
    "INSERT INTO pendukung_ragu (id, pendukung_a, pendukung_b, skor, status, dibuat)
             VALUES (?1, ?2, ?3, ?4, 'baru', ?5) ON CONFLICT DO NOTHING";

pub const SIMPAN_PENGGUNA: &str =
    "INSERT INTO pengguna (id, username, nama, password_hash, aktif, dibuat,
                               telepon_sandi, telepon_indeks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

pub const SIMPAN_PENUGASAN: &str =
    "INSERT INTO penugasan (pengguna_id, peran, cakupan) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING";

pub const SIMPAN_PERTANYAAN_SURVEI: &str =
    "INSERT INTO pertanyaan_survei (pemilihan_id, kode, urutan, teks, teks_en,
                    pilihan, aktif, diubah) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

pub const SIMPAN_RELAWAN: &str =
    "INSERT INTO relawan (id, pengguna_id, nama, wilayah, tingkat, perekrut_id, aktif, dibuat)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

pub const SIMPAN_RIWAYAT: &str =
    "INSERT INTO riwayat (id, nama, berkas, diimpor) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET nama = excluded.nama, berkas = excluded.berkas,
         diimpor = excluded.diimpor";

pub const SIMPAN_SAKSI_UTAMA: &str = "INSERT INTO saksi_utama (tps, pengguna_id) VALUES (?1, ?2)
         ON CONFLICT (tps) DO UPDATE SET pengguna_id = excluded.pengguna_id
         WHERE saksi_utama.pengguna_id <> excluded.pengguna_id";

pub const SIMPAN_SAMPEL_HITUNG_CEPAT: &str =
    "INSERT INTO sampel_hitung_cepat (pemilihan_id, sampel, dibuat) VALUES (?1, ?2, ?3)
             ON CONFLICT (pemilihan_id) DO NOTHING";

pub const SIMPAN_SESI: &str =
    "INSERT INTO sesi (token_hash, pengguna_id, csrf, dibuat, kadaluarsa, alamat, perangkat,
            kode_dari, peramban)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

pub const SIMPAN_TOKEN_API: &str =
    "INSERT INTO token_api (id, nama, token_hash, peran, cakupan, dibuat)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

pub const SIMPAN_UNDANGAN_RELAWAN: &str =
    "INSERT INTO undangan_relawan (kode_hash, perekrut_id, wilayah, dibuat, kadaluarsa, dipakai)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

pub const UBAH_KOTAK_KELUAR: &str = "UPDATE kotak_keluar SET status = 'terkirim', dikirim = ?2
             WHERE id = ?1 AND status = 'antre'";

pub const UBAH_KOTAK_KELUAR_2: &str =
    "UPDATE kotak_keluar SET percobaan = percobaan + 1, galat = ?2, berikut = ?3,
                status = CASE WHEN percobaan + 1 >= ?4 THEN 'gagal' ELSE 'antre' END
             WHERE id = ?1 AND status = 'antre'";

pub const UBAH_PENDUKUNG: &str =
    "UPDATE pendukung SET nama = ?2, nik_sandi = ?3, nik_indeks = ?4, telepon_sandi = ?5,
                telepon_indeks = ?6, alamat = ?7, kode_desa = ?8, tps = ?9, tanggal_lahir = ?10,
                dukungan = ?11, sumber = ?12, keperluan = ?13, simpan_sampai = ?14
             WHERE id = ?1";

pub const UBAH_PENDUKUNG_RAGU: &str =
    "UPDATE pendukung_ragu SET status = ?2 WHERE id = ?1 AND status = 'baru'";

pub const UBAH_PENGGUNA: &str =
    "UPDATE pengguna SET telepon_sandi = ?2, telepon_indeks = ?3 WHERE id = ?1";

pub const UBAH_PENGGUNA_2: &str =
    "UPDATE pengguna SET telegram_sandi = ?2, telegram_indeks = ?3 WHERE id = ?1";

pub const UBAH_PENGGUNA_3: &str = "UPDATE pengguna SET aktif = ?2 WHERE id = ?1 AND aktif <> ?2";

pub const UBAH_PENGGUNA_4: &str = "UPDATE pengguna SET password_hash = ?2 WHERE id = ?1";

pub const UBAH_PESAN_MASUK: &str =
    "UPDATE pesan_masuk SET status = ?2, pengguna_id = ?3, tps = ?4, kiriman_id = ?5,
                balasan = ?6
             WHERE id = ?1 AND status = 'baru'";

pub const UBAH_TOKEN_API: &str = "UPDATE token_api SET terakhir_dipakai = ?2 WHERE token_hash = ?1";

pub const UBAH_TOKEN_API_2: &str =
    "UPDATE token_api SET dicabut = ?2 WHERE id = ?1 AND dicabut IS NULL";

pub const UBAH_UNDANGAN_RELAWAN: &str = "UPDATE undangan_relawan SET dipakai = ?2
                 WHERE kode_hash = ?1 AND dipakai IS NULL AND kadaluarsa > ?2";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars_outside_quotes() {
        assert_eq!(
            tanda_pg("SELECT a FROM t WHERE a = ?1 AND b = '?2' AND c = ?12"),
            "SELECT a FROM t WHERE a = $1 AND b = '?2' AND c = $12"
        );
        let s: &'static str = "UPDATE t SET a = ?2 WHERE id = ?1";
        assert_eq!(pg(s), "UPDATE t SET a = $2 WHERE id = $1");
        assert!(std::ptr::eq(pg(s), pg(s)), "converted once");
    }
}
