//! Statements (and column lists) that read the same on both backends,
//! written once, with SQLite's `?N` placeholders: SQLite runs them as they
//! are, PostgreSQL through [`pg`]. Column lists end in `_COLUMNS`; a
//! statement is named for what it does, with the store's verbs (`AMBIL_`,
//! `DAFTAR_`, `CARI_`, `HITUNG_`, `SIMPAN_`, `UBAH_`, `HAPUS_`, `CATAT_`,
//! `PAKAI_`, ...) and no numeric suffixes.

/// Every column of `pesan_masuk`; callers append `WHERE`/`ORDER BY`.
pub const PESAN_COLUMNS: &str = "SELECT id, saluran, kunci_luar, pengirim_sandi, pengirim_indeks,
    pengirim_samar, teks, foto, diterima, status, pengguna_id, tps, kiriman_id, balasan
    FROM pesan_masuk";

/// Every column of `kiriman_hasil`; callers append `WHERE`/`ORDER BY`.
pub const KIRIMAN_COLUMNS: &str =
    "SELECT id, kunci_klien, pemilihan_id, kode_desa, nomor_tps, revisi,
    pengirim_id, pengirim, sumber, waktu, alasan, formulir, temuan, foto, kode_dari, peramban,
    tidak_dihitung, revisi_dihitung
    FROM kiriman_hasil";

/// Every column of `hasil_tps`; callers append `WHERE`/`ORDER BY`.
pub const HASIL_COLUMNS: &str =
    "SELECT pemilihan_id, kode_desa, nomor_tps, kiriman_id, revisi, status,
    angka, terverifikasi, jumlah_temuan, dpt, waktu FROM hasil_tps";

/// Every column of `bacaan`; callers append `WHERE`/`ORDER BY`.
pub const BACAAN_COLUMNS: &str =
    "SELECT id, kiriman_id, pemilihan_id, kode_desa, nomor_tps, verifier_id,
    verifier, waktu, angka, putusan, kode_dari, peramban FROM bacaan";

/// Every column of `relawan`; callers append `WHERE`/`ORDER BY`.
pub const RELAWAN_COLUMNS: &str =
    "SELECT id, pengguna_id, nama, wilayah, perekrut_id, aktif, dibuat FROM relawan";

/// Every column of `pendukung`; callers append `WHERE`/`ORDER BY`.
pub const PENDUKUNG_COLUMNS: &str =
    "SELECT id, relawan_id, nama, nik_sandi, nik_indeks, telepon_sandi,
    telepon_indeks, alamat, kode_desa, tps, tanggal_lahir, dukungan, sumber, keperluan,
    disetujui, simpan_sampai, dibuat, mutu FROM pendukung";

/// The same columns of `pendukung p`, for queries that join or filter on it.
pub const PENDUKUNG_P_COLUMNS: &str = "SELECT p.id, p.relawan_id, p.nama, p.nik_sandi,
    p.nik_indeks, p.telepon_sandi, p.telepon_indeks, p.alamat, p.kode_desa, p.tps,
    p.tanggal_lahir, p.dukungan, p.sumber, p.keperluan, p.disetujui, p.simpan_sampai, p.dibuat,
    p.mutu FROM pendukung p";

/// A possible duplicate pair (`pendukung_ragu g`) with both supporters' names (`a`, `b`).
pub const PENDUKUNG_RAGU_COLUMNS: &str =
    "SELECT g.id, g.pendukung_a, g.pendukung_b, a.nama, b.nama, b.kode_desa,
    g.skor, g.status, g.dibuat FROM pendukung_ragu g
    JOIN pendukung a ON a.id = g.pendukung_a JOIN pendukung b ON b.id = g.pendukung_b";

/// Every column of `tps`; callers append `WHERE`/`ORDER BY`.
pub const TPS_COLUMNS: &str =
    "SELECT kode_desa, nomor, dpt_laki, dpt_perempuan, dpt_total, alamat, lat, lng FROM tps";

/// Every column of `pemilihan`; callers append `WHERE`/`ORDER BY`.
pub const PEMILIHAN_COLUMNS: &str =
    "SELECT id, jenis, kode_wilayah, nama, tanggal, dibuat, aturan_menang FROM pemilihan";

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

// Statements both backends run, written with SQLite's `?N` placeholders;
// PostgreSQL runs them through [`pg`], which writes `$N` instead.

/// The turnout and vote-target assumptions of election `?1`.
pub const AMBIL_ASUMSI_TARGET: &str =
    "SELECT partisipasi_bp, sumber, target_suara_bp, diubah, oleh FROM asumsi_target
             WHERE pemilihan_id = ?1";

/// `seq` and `hash` of the newest audit entry, which the next one chains onto.
pub const AMBIL_AUDIT_TERAKHIR: &str = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";

/// Boundaries of the children of region `?1`.
pub const DAFTAR_BATAS_ANAK: &str =
    "SELECT b.kode, b.geometri FROM batas b JOIN wilayah w ON w.kode = b.kode
                     WHERE w.kode_induk = ?1 ORDER BY b.kode";

/// Check-ins of election `?1` at TPSes whose desa code is in `[?2, ?3)`.
pub const DAFTAR_CHECKIN_DI_WILAYAH: &str =
    "SELECT id, kode_desa, nomor_tps, pengirim_id, pengirim, waktu, lat, lng FROM checkin
             WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3 ORDER BY waktu, id";

/// Whether user `?2` uploaded the photo with hash `?1`.
pub const PERNAH_UNGGAH_FOTO: &str =
    "SELECT 1 FROM foto_unggah WHERE hash = ?1 AND pengguna_id = ?2";

/// The imported past-results file (name, file, time) with its row count and whether it has our votes.
pub const AMBIL_RIWAYAT: &str = "SELECT nama, berkas, diimpor,
                (SELECT COUNT(*) FROM hasil_lalu),
                EXISTS (SELECT 1 FROM hasil_lalu WHERE kita IS NOT NULL)
         FROM riwayat WHERE id = 1";

/// Past results of the TPSes whose desa code is `LIKE ?1`.
pub const DAFTAR_HASIL_LALU_DI_WILAYAH: &str =
    "SELECT kode_desa, nomor, dpt, sah, tidak_sah, kita, ditandai FROM hasil_lalu
             WHERE kode_desa LIKE ?1 ORDER BY kode_desa, nomor";

/// Official (KPU) results of election `?1` for desa codes in `[?2, ?3)`.
pub const DAFTAR_HASIL_RESMI_DI_WILAYAH: &str =
    "SELECT kode_desa, nomor_tps, angka FROM hasil_resmi
             WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3
             ORDER BY kode_desa, nomor_tps";

/// Newest `?4` incidents of election `?1` for desa codes in `[?2, ?3)`.
pub const DAFTAR_INSIDEN_DI_WILAYAH: &str =
    "SELECT id, kode_desa, nomor_tps, pengirim_id, pengirim, waktu, kategori, teks, foto
             FROM insiden WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3
             ORDER BY waktu DESC, id DESC LIMIT ?4";

/// The revision number the next submission for one TPS gets.
/// How many paslon election `?1` has (see `hasil::cek_kolom_paslon`).
pub const HITUNG_PASLON: &str = "SELECT COUNT(*) FROM paslon WHERE pemilihan_id = ?1";

pub const AMBIL_REVISI_KIRIMAN_BERIKUT: &str =
    "SELECT COALESCE(MAX(revisi), 0) + 1 FROM kiriman_hasil
             WHERE pemilihan_id = ?1 AND kode_desa = ?2 AND nomor_tps = ?3";

/// When each TPS with desa code in `[?2, ?3)` first sent a result for election `?1`, earliest first.
pub const DAFTAR_KEDATANGAN_HASIL: &str =
    "SELECT kode_desa, nomor_tps, MIN(waktu) AS pertama FROM kiriman_hasil
             WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3
             GROUP BY kode_desa, nomor_tps ORDER BY pertama, kode_desa, nomor_tps";

/// The TPS a numeric short code `?1` stands for.
pub const AMBIL_TPS_KODE_SINGKAT: &str = "SELECT tps FROM kode_singkat_tps WHERE nomor = ?1";

/// Outbox messages counted per status.
pub const HITUNG_KOTAK_KELUAR_PER_STATUS: &str =
    "SELECT status, COUNT(*) FROM kotak_keluar GROUP BY status ORDER BY status";

/// TPS's current results counted per status (over every election).
pub const HITUNG_HASIL_PER_STATUS: &str =
    "SELECT status, COUNT(*) FROM hasil_tps GROUP BY status ORDER BY status";

/// Canvassing visits at one TPS, oldest first.
pub const DAFTAR_KUNJUNGAN_DI_TPS: &str =
    "SELECT id, relawan_id, kode_desa, nomor_tps, urut, hasil, dukungan, jawaban,
                    catatan, waktu, diterima
             FROM kunjungan WHERE kode_desa = ?1 AND nomor_tps = ?2 ORDER BY waktu, id";

/// Visits per volunteer, for volunteers whose region is `LIKE ?1`.
/// Visits of a held batch (`batch_lapangan`) are left out.
pub const HITUNG_KUNJUNGAN_PER_RELAWAN: &str =
    "SELECT k.relawan_id, COUNT(*) FROM kunjungan k JOIN relawan r ON r.id = k.relawan_id
         WHERE r.wilayah LIKE ?1 AND NOT EXISTS (SELECT 1 FROM batch_lapangan b
             WHERE b.relawan_id = k.relawan_id AND b.hari = (k.waktu + 25200) / 86400
             AND b.status = 'ditahan')
         GROUP BY k.relawan_id";

/// Visits per desa, for desa codes `LIKE ?1`.
pub const HITUNG_KUNJUNGAN_PER_DESA: &str =
    "SELECT kode_desa, COUNT(*) FROM kunjungan WHERE kode_desa LIKE ?1 GROUP BY kode_desa";

/// Candidate pairs of election `?1` by ballot number.
pub const DAFTAR_PASLON: &str = "SELECT pemilihan_id, nomor_urut, calon_kepala, calon_wakil
                     FROM paslon WHERE pemilihan_id = ?1 ORDER BY nomor_urut";

/// Supporters per desa, for desa codes `LIKE ?1`.
pub const HITUNG_PENDUKUNG_PER_DESA: &str =
    "SELECT kode_desa, COUNT(*) FROM pendukung WHERE kode_desa LIKE ?1 GROUP BY kode_desa";

/// The supporter whose NIK blind index is `?1`.
pub const CARI_PENDUKUNG_PER_NIK: &str = "SELECT id FROM pendukung WHERE nik_indeks = ?1";

/// Supporters in desa `?1` born on `?2`: candidates for a duplicate check.
pub const CARI_KANDIDAT_GANDA: &str =
    "SELECT id, nama FROM pendukung WHERE kode_desa = ?1 AND tanggal_lahir = ?2";

/// Supporters whose retention date is before `?1`.
pub const DAFTAR_PENDUKUNG_KEDALUWARSA: &str =
    "SELECT id FROM pendukung WHERE simpan_sampai < ?1 ORDER BY id";

/// Supporters per recruiting volunteer, for volunteers whose region is `LIKE ?1`.
/// Supporters of a held batch (`batch_lapangan`) are left out.
pub const HITUNG_PENDUKUNG_PER_RELAWAN: &str =
    "SELECT p.relawan_id, COUNT(*) FROM pendukung p JOIN relawan r ON r.id = p.relawan_id
             WHERE r.wilayah LIKE ?1 AND NOT EXISTS (SELECT 1 FROM batch_lapangan b
                 WHERE b.relawan_id = p.relawan_id AND b.hari = (p.dibuat + 25200) / 86400
                 AND b.status = 'ditahan')
             GROUP BY p.relawan_id";

/// Supporters per TPS, for desa codes `LIKE ?1`; supporters of a held
/// batch are left out.
pub const HITUNG_PENDUKUNG_PER_TPS: &str =
    "SELECT p.tps, COUNT(*) FROM pendukung p WHERE p.tps IS NOT NULL AND p.kode_desa LIKE ?1
             AND NOT EXISTS (SELECT 1 FROM batch_lapangan b
                 WHERE b.relawan_id = p.relawan_id AND b.hari = (p.dibuat + 25200) / 86400
                 AND b.status = 'ditahan')
             GROUP BY p.tps ORDER BY p.tps";

/// A relawan's (`?1`) supporters stored in `[?2, ?3)` (unix seconds): when
/// and the check bits, oldest first.
pub const DAFTAR_CATATAN_PENDUKUNG_HARI: &str =
    "SELECT dibuat, mutu FROM pendukung WHERE relawan_id = ?1 AND dibuat >= ?2 AND dibuat < ?3
             ORDER BY dibuat";

/// A relawan's (`?1`) visits logged in `[?2, ?3)` (phone clock): when and
/// the outcome, oldest first.
pub const DAFTAR_CATATAN_KUNJUNGAN_HARI: &str =
    "SELECT waktu, hasil FROM kunjungan WHERE relawan_id = ?1 AND waktu >= ?2 AND waktu < ?3
             ORDER BY waktu";

/// Every column of `batch_lapangan b`; callers append `WHERE`/`ORDER BY`.
pub const BATCH_LAPANGAN_COLUMNS: &str =
    "SELECT b.relawan_id, b.hari, b.status, b.temuan, b.disetujui, b.sinyal, b.catatan,
             b.diputus_oleh, b.diputus, b.diperbarui FROM batch_lapangan b";

/// Inserts or replaces a batch by relawan and day.
pub const SIMPAN_BATCH_LAPANGAN: &str =
    "INSERT INTO batch_lapangan (relawan_id, hari, status, temuan, disetujui, sinyal, catatan,
             diputus_oleh, diputus, diperbarui)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (relawan_id, hari) DO UPDATE SET status = excluded.status,
             temuan = excluded.temuan, disetujui = excluded.disetujui, sinyal = excluded.sinyal,
             catatan = excluded.catatan, diputus_oleh = excluded.diputus_oleh,
             diputus = excluded.diputus, diperbarui = excluded.diperbarui";

/// A decision on a batch still held: `?3` status, `?4` approved findings,
/// `?5` sinyal, `?6` who, `?7` when.
pub const PUTUSKAN_BATCH_LAPANGAN: &str =
    "UPDATE batch_lapangan SET status = ?3, disetujui = ?4, sinyal = ?5, diputus_oleh = ?6,
             diputus = ?7, diperbarui = ?7
         WHERE relawan_id = ?1 AND hari = ?2 AND status = 'ditahan'";

/// Held batches of relawan whose region is `LIKE ?1`, oldest day first,
/// at most `?2`.
pub const DAFTAR_BATCH_DITAHAN: &str =
    "SELECT b.relawan_id, b.hari, b.status, b.temuan, b.disetujui, b.sinyal, b.catatan,
             b.diputus_oleh, b.diputus, b.diperbarui
         FROM batch_lapangan b JOIN relawan r ON r.id = b.relawan_id
         WHERE b.status = 'ditahan' AND r.wilayah LIKE ?1
         ORDER BY b.hari, b.relawan_id LIMIT ?2";

/// A relawan's (`?1`) supporters stored in `[?2, ?3)`: what a roll back
/// deletes (with their review pairs and name index, by cascade or first).
pub const DAFTAR_PENDUKUNG_HARI: &str =
    "SELECT id FROM pendukung WHERE relawan_id = ?1 AND dibuat >= ?2 AND dibuat < ?3";

/// A relawan's (`?1`) visits logged in `[?2, ?3)`: a roll back.
pub const HAPUS_KUNJUNGAN_HARI: &str =
    "DELETE FROM kunjungan WHERE relawan_id = ?1 AND waktu >= ?2 AND waktu < ?3";

/// Supporters (id, name) that have no name-search index yet.
pub const DAFTAR_PENDUKUNG_TANPA_INDEKS_NAMA: &str =
    "SELECT id, nama FROM pendukung p WHERE NOT EXISTS
            (SELECT 1 FROM pendukung_nama_indeks i WHERE i.pendukung_id = p.id)";

/// The columns of `pengguna` a `Pengguna` is read from; callers append `WHERE`.
pub const PENGGUNA_COLUMNS: &str = "SELECT id, username, nama, aktif, dibuat, password_hash,
                               telepon_sandi, telepon_indeks FROM pengguna";

/// Roles and scopes of user `?1`.
pub const DAFTAR_PENUGASAN_PENGGUNA: &str =
    "SELECT peran, cakupan FROM penugasan WHERE pengguna_id = ?1 ORDER BY peran, cakupan";

/// Active witnesses per TPS for TPS codes in `[?1, ?2)`.
pub const HITUNG_SAKSI_PER_TPS: &str =
    "SELECT t.cakupan, COUNT(*) FROM penugasan t JOIN pengguna p ON p.id = t.pengguna_id
             WHERE t.peran = 'saksi' AND p.aktif AND t.cakupan >= ?1 AND t.cakupan < ?2
             GROUP BY t.cakupan ORDER BY t.cakupan";

/// Active witnesses of TPSes in `[?1, ?2)`, with whether each is the TPS's main one.
pub const DAFTAR_SAKSI_DI_WILAYAH: &str =
    "SELECT t.cakupan, p.id, p.username, p.nama, u.pengguna_id IS NOT NULL
             FROM penugasan t JOIN pengguna p ON p.id = t.pengguna_id
             LEFT JOIN saksi_utama u ON u.tps = t.cakupan AND u.pengguna_id = p.id
             WHERE t.peran = 'saksi' AND p.aktif AND t.cakupan >= ?1 AND t.cakupan < ?2
             ORDER BY t.cakupan, p.dibuat, p.username";

/// Whether attempt `?2` under key `?1` is already counted, and how many unexpired attempts the key has.
pub const HITUNG_PERCOBAAN: &str =
    "SELECT EXISTS (SELECT 1 FROM percobaan WHERE kunci = ?1 AND id = ?2),
                        (SELECT COUNT(*) FROM percobaan WHERE kunci = ?1 AND kedaluwarsa > ?3)";

/// Survey questions of election `?1` in order.
pub const DAFTAR_PERTANYAAN_SURVEI: &str =
    "SELECT kode, teks, teks_en, pilihan, aktif FROM pertanyaan_survei
             WHERE pemilihan_id = ?1 ORDER BY urutan, kode";

/// Messages from sender index `?1` received since `?2`.
pub const HITUNG_PESAN_DARI_PENGIRIM: &str =
    "SELECT COUNT(*) FROM pesan_masuk WHERE pengirim_indeks = ?1 AND diterima >= ?2";

/// Every volunteer recruited, directly or not, by volunteer `?1`.
pub const DAFTAR_BAWAHAN_RELAWAN: &str = "WITH RECURSIVE turunan (id) AS (
             SELECT id FROM relawan WHERE perekrut_id = ?1
             UNION SELECT r.id FROM relawan r JOIN turunan t ON r.perekrut_id = t.id)
         SELECT id, pengguna_id, nama, wilayah, perekrut_id, aktif, dibuat FROM relawan
         WHERE id IN (SELECT id FROM turunan) ORDER BY wilayah, nama";

/// The quick-count sample of election `?1`.
pub const AMBIL_SAMPEL_HITUNG_CEPAT: &str =
    "SELECT sampel, dibuat FROM sampel_hitung_cepat WHERE pemilihan_id = ?1";

/// Every column of `sesi`; callers append `WHERE`/`ORDER BY`.
pub const SESI_COLUMNS: &str =
    "SELECT token_hash, pengguna_id, csrf, dibuat, kadaluarsa, alamat, perangkat,
    kode_dari, peramban FROM sesi";

/// The volunteer invitation whose code hash is `?1`.
pub const AMBIL_UNDANGAN_RELAWAN: &str =
    "SELECT perekrut_id, wilayah, dibuat, kadaluarsa, dipakai FROM undangan_relawan
         WHERE kode_hash = ?1";

/// One region by code.
pub const AMBIL_WILAYAH: &str = "SELECT kode, nama, jenis_desa FROM wilayah WHERE kode = ?1";

/// Children of region `?1` by code.
pub const DAFTAR_ANAK_WILAYAH: &str =
    "SELECT kode, nama, jenis_desa FROM wilayah WHERE kode_induk = ?1 ORDER BY kode";

/// Regions counted per level.
pub const HITUNG_WILAYAH_PER_TINGKAT: &str =
    "SELECT tingkat, COUNT(*) FROM wilayah GROUP BY tingkat";

/// Codes of every region at level `?1`.
pub const DAFTAR_KODE_WILAYAH_DI_TINGKAT: &str = "SELECT kode FROM wilayah WHERE tingkat = ?1";

/// Uses up a sign-in code: deletes it and returns its user, expiry and issuer.
pub const PAKAI_KODE_MASUK: &str = "DELETE FROM kode_masuk WHERE kode_hash = ?1
                     RETURNING pengguna_id, kadaluarsa, penerbit";

/// Deletes every sign-in code of user `?1`.
pub const HAPUS_KODE_MASUK_PENGGUNA: &str = "DELETE FROM kode_masuk WHERE pengguna_id = ?1";

/// Deletes the name-search index of supporter `?1`.
pub const HAPUS_INDEKS_NAMA_PENDUKUNG: &str =
    "DELETE FROM pendukung_nama_indeks WHERE pendukung_id = ?1";

/// Deletes one role-and-scope of user `?1`.
pub const HAPUS_PENUGASAN: &str =
    "DELETE FROM penugasan WHERE pengguna_id = ?1 AND peran = ?2 AND cakupan = ?3";

/// Deletes every survey question of election `?1`.
pub const HAPUS_PERTANYAAN_SURVEI_PEMILIHAN: &str =
    "DELETE FROM pertanyaan_survei WHERE pemilihan_id = ?1";

/// Deletes user `?1`'s sessions except the one with token hash `?2` (all if `NULL`).
pub const HAPUS_SESI_LAIN_PENGGUNA: &str =
    "DELETE FROM sesi WHERE pengguna_id = ?1 AND token_hash <> COALESCE(?2, '')";

/// Inserts or replaces the target assumptions of election `?1`.
pub const SIMPAN_ASUMSI_TARGET: &str = "INSERT INTO asumsi_target
            (pemilihan_id, partisipasi_bp, sumber, target_suara_bp, diubah, oleh)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (pemilihan_id) DO UPDATE SET partisipasi_bp = excluded.partisipasi_bp,
            sumber = excluded.sumber, target_suara_bp = excluded.target_suara_bp,
            diubah = excluded.diubah, oleh = excluded.oleh";

/// Appends one entry to the hash-chained audit log.
pub const CATAT_AUDIT: &str =
    "INSERT INTO audit_log (seq, waktu, aktor, aksi, entitas, entitas_id, ringkasan,
                                hash_konten, hash_sebelum, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

/// Inserts one verifier's reading of a submission.
pub const SIMPAN_BACAAN: &str =
    "INSERT INTO bacaan (id, kiriman_id, pemilihan_id, kode_desa, nomor_tps, verifier_id,
            verifier, waktu, angka, putusan, kode_dari, peramban)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

/// Records a witness's check-in at a TPS.
pub const CATAT_CHECKIN: &str = "INSERT INTO checkin (id, pemilihan_id, kode_desa, nomor_tps, pengirim_id, pengirim, waktu, lat, lng)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/// Records that user `?2` uploaded the photo with hash `?1`, once.
pub const CATAT_UNGGAH_FOTO: &str =
    "INSERT INTO foto_unggah (hash, pengguna_id, waktu) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING";

/// Inserts or replaces the official result of one TPS.
pub const SIMPAN_HASIL_RESMI: &str = "INSERT INTO hasil_resmi (pemilihan_id, kode_desa, nomor_tps, angka)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (pemilihan_id, kode_desa, nomor_tps) DO UPDATE SET angka = excluded.angka";

/// Records an incident report.
pub const CATAT_INSIDEN: &str = "INSERT INTO insiden (id, pemilihan_id, kode_desa, nomor_tps, pengirim_id, pengirim, waktu, kategori, teks, foto)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

/// Inserts one result submission.
pub const SIMPAN_KIRIMAN_HASIL: &str =
    "INSERT INTO kiriman_hasil (id, kunci_klien, pemilihan_id, kode_desa, nomor_tps, revisi,
            pengirim_id, pengirim, sumber, waktu, alasan, formulir, temuan, foto, kode_dari,
            peramban, tidak_dihitung, revisi_dihitung)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

/// The photo list (JSON) of submission `?1`: whether the counted revision
/// is photo-backed, for the rule of `posko_domain::revisi`.
pub const AMBIL_FOTO_KIRIMAN: &str = "SELECT foto FROM kiriman_hasil WHERE id = ?1";

/// Inserts a sign-in code.
pub const SIMPAN_KODE_MASUK: &str =
    "INSERT INTO kode_masuk (kode_hash, pengguna_id, kadaluarsa, penerbit)
                 VALUES (?1, ?2, ?3, ?4)";

/// Queues reply `?1` with text `?3` in the outbox, on the channel of incoming message `?2`.
pub const SIMPAN_BALASAN_KELUAR: &str =
    "INSERT INTO kotak_keluar (id, pesan_id, saluran, teks, status, percobaan, berikut)
             SELECT ?1, id, saluran, ?3, 'antre', 0, ?4 FROM pesan_masuk WHERE id = ?2";

/// Inserts a candidate pair.
pub const SIMPAN_PASLON: &str =
    "INSERT INTO paslon (pemilihan_id, nomor_urut, calon_kepala, calon_wakil)
                 VALUES (?1, ?2, ?3, ?4)";

/// Inserts an election.
pub const SIMPAN_PEMILIHAN: &str =
    "INSERT INTO pemilihan (id, jenis, kode_wilayah, nama, tanggal, dibuat, aturan_menang)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// Sets (or with NULL, clears) an election's win rule.
pub const UBAH_ATURAN_MENANG: &str = "UPDATE pemilihan SET aturan_menang = ?2 WHERE id = ?1";

/// Records a possible duplicate pair of supporters, unless already recorded.
pub const SIMPAN_PENDUKUNG_RAGU: &str =
    "INSERT INTO pendukung_ragu (id, pendukung_a, pendukung_b, skor, status, dibuat)
             VALUES (?1, ?2, ?3, ?4, 'baru', ?5) ON CONFLICT DO NOTHING";

/// Inserts a user.
pub const SIMPAN_PENGGUNA: &str =
    "INSERT INTO pengguna (id, username, nama, password_hash, aktif, dibuat,
                               telepon_sandi, telepon_indeks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// Gives user `?1` a role and scope, unless it has it.
pub const SIMPAN_PENUGASAN: &str =
    "INSERT INTO penugasan (pengguna_id, peran, cakupan) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING";

/// Inserts a survey question.
pub const SIMPAN_PERTANYAAN_SURVEI: &str =
    "INSERT INTO pertanyaan_survei (pemilihan_id, kode, urutan, teks, teks_en,
                    pilihan, aktif, diubah) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// Inserts a volunteer.
pub const SIMPAN_RELAWAN: &str =
    "INSERT INTO relawan (id, pengguna_id, nama, wilayah, tingkat, perekrut_id, aktif, dibuat)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// Inserts or replaces the one record of the imported past-results file.
pub const SIMPAN_RIWAYAT: &str =
    "INSERT INTO riwayat (id, nama, berkas, diimpor) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET nama = excluded.nama, berkas = excluded.berkas,
         diimpor = excluded.diimpor";

/// Makes user `?2` the main witness of TPS `?1`; changes nothing if already so.
pub const SIMPAN_SAKSI_UTAMA: &str = "INSERT INTO saksi_utama (tps, pengguna_id) VALUES (?1, ?2)
         ON CONFLICT (tps) DO UPDATE SET pengguna_id = excluded.pengguna_id
         WHERE saksi_utama.pengguna_id <> excluded.pengguna_id";

/// Stores the quick-count sample of election `?1`, unless one exists.
pub const SIMPAN_SAMPEL_HITUNG_CEPAT: &str =
    "INSERT INTO sampel_hitung_cepat (pemilihan_id, sampel, dibuat) VALUES (?1, ?2, ?3)
             ON CONFLICT (pemilihan_id) DO NOTHING";

/// Inserts a session.
pub const SIMPAN_SESI: &str =
    "INSERT INTO sesi (token_hash, pengguna_id, csrf, dibuat, kadaluarsa, alamat, perangkat,
            kode_dari, peramban)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/// Inserts an API token.
pub const SIMPAN_TOKEN_API: &str =
    "INSERT INTO token_api (id, nama, token_hash, peran, cakupan, dibuat)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/// Inserts a volunteer invitation.
pub const SIMPAN_UNDANGAN_RELAWAN: &str =
    "INSERT INTO undangan_relawan (kode_hash, perekrut_id, wilayah, dibuat, kadaluarsa, dipakai)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/// Marks queued outbox message `?1` as sent at `?2`, if claim `?3` still holds it.
pub const UBAH_KOTAK_KELUAR_TERKIRIM: &str =
    "UPDATE kotak_keluar SET status = 'terkirim', dikirim = ?2, pemegang = NULL
             WHERE id = ?1 AND status = 'antre' AND pemegang = ?3";

/// Records a failed send of outbox message `?1` by claim `?5` (if it still holds it): retried at `?3`, or failed for good after `?4` attempts.
pub const CATAT_GAGAL_KIRIM: &str =
    "UPDATE kotak_keluar SET percobaan = percobaan + 1, galat = ?2, berikut = ?3,
                status = CASE WHEN percobaan + 1 >= ?4 THEN 'gagal' ELSE 'antre' END,
                pemegang = NULL
             WHERE id = ?1 AND status = 'antre' AND pemegang = ?5";

/// Updates every editable field of supporter `?1`.
pub const UBAH_PENDUKUNG: &str =
    "UPDATE pendukung SET nama = ?2, nik_sandi = ?3, nik_indeks = ?4, telepon_sandi = ?5,
                telepon_indeks = ?6, alamat = ?7, kode_desa = ?8, tps = ?9, tanggal_lahir = ?10,
                dukungan = ?11, sumber = ?12, keperluan = ?13, simpan_sampai = ?14
             WHERE id = ?1";

/// Decides a possible duplicate pair that is still new.
pub const UBAH_STATUS_PENDUKUNG_RAGU: &str =
    "UPDATE pendukung_ragu SET status = ?2 WHERE id = ?1 AND status = 'baru'";

/// Sets or clears user `?1`'s phone number.
pub const UBAH_TELEPON_PENGGUNA: &str =
    "UPDATE pengguna SET telepon_sandi = ?2, telepon_indeks = ?3 WHERE id = ?1";

/// Sets or clears user `?1`'s Telegram account.
pub const UBAH_TELEGRAM_PENGGUNA: &str =
    "UPDATE pengguna SET telegram_sandi = ?2, telegram_indeks = ?3 WHERE id = ?1";

/// Activates or deactivates user `?1`; changes no row if already so.
pub const UBAH_AKTIF_PENGGUNA: &str =
    "UPDATE pengguna SET aktif = ?2 WHERE id = ?1 AND aktif <> ?2";

/// Sets user `?1`'s password hash.
pub const UBAH_SANDI_PENGGUNA: &str = "UPDATE pengguna SET password_hash = ?2 WHERE id = ?1";

/// Settles new incoming message `?1`: its status, sender, TPS, submission and reply.
pub const SELESAIKAN_PESAN_MASUK: &str =
    "UPDATE pesan_masuk SET status = ?2, pengguna_id = ?3, tps = ?4, kiriman_id = ?5,
                balasan = ?6
             WHERE id = ?1 AND status = 'baru'";

/// Records when the API token with hash `?1` was last used.
pub const CATAT_TOKEN_API_DIPAKAI: &str =
    "UPDATE token_api SET terakhir_dipakai = ?2 WHERE token_hash = ?1";

/// Revokes API token `?1` at `?2`, unless already revoked.
pub const CABUT_TOKEN_API: &str =
    "UPDATE token_api SET dicabut = ?2 WHERE id = ?1 AND dicabut IS NULL";

/// Uses up an unexpired, unused volunteer invitation at `?2`.
pub const PAKAI_UNDANGAN_RELAWAN: &str = "UPDATE undangan_relawan SET dipakai = ?2
                 WHERE kode_hash = ?1 AND dipakai IS NULL AND kadaluarsa > ?2";

// The watch page (`pantau`): counts per area, the TPS behind them, and
// incidents with a status and an owner.

/// Counts per area of election `?1` for desa codes in `[?2, ?3)`, each
/// area being the first `?4` characters of the desa code: rows (area,
/// what, count) where what is `tps`, `saksi` (TPS with an active saksi),
/// `hadir` (TPS with a check-in or a result), `masuk`, `bertanda` and
/// `insiden` (incidents not closed).
pub const HITUNG_PANTAU: &str = "SELECT substr(kode_desa, 1, ?4), 'tps', COUNT(*) FROM tps
             WHERE kode_desa >= ?2 AND kode_desa < ?3 GROUP BY 1
         UNION ALL
         SELECT substr(s.cakupan, 1, ?4), 'saksi', COUNT(DISTINCT s.cakupan)
             FROM penugasan s JOIN pengguna p ON p.id = s.pengguna_id
             WHERE s.peran = 'saksi' AND p.aktif AND s.cakupan >= ?2 AND s.cakupan < ?3 GROUP BY 1
         UNION ALL
         SELECT substr(x.kode_desa, 1, ?4), 'hadir', COUNT(*) FROM (
             SELECT kode_desa, nomor_tps FROM checkin
                 WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3
             UNION
             SELECT kode_desa, nomor_tps FROM hasil_tps
                 WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3) x GROUP BY 1
         UNION ALL
         SELECT substr(kode_desa, 1, ?4), 'masuk', COUNT(*) FROM hasil_tps
             WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3 GROUP BY 1
         UNION ALL
         SELECT substr(kode_desa, 1, ?4), 'bertanda', COUNT(*) FROM hasil_tps
             WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3 AND jumlah_temuan > 0
             GROUP BY 1
         UNION ALL
         SELECT substr(kode_desa, 1, ?4), 'insiden', COUNT(*) FROM insiden
             WHERE pemilihan_id = ?1 AND kode_desa >= ?2 AND kode_desa < ?3 AND status <> 'selesai'
             GROUP BY 1";

/// TPS of election `?1` with desa codes in `[?2, ?3)` after TPS (`?4`,
/// `?5`), in code order, at most `?8`, that pass filter `?6` (a
/// `SaringTps` slug; `?7` narrows `bertanda` to one finding code, '' for
/// any): desa and kecamatan names, first check-in, result time, findings,
/// open incidents, saksi count and the main saksi (named main, else the
/// oldest account).
pub const DAFTAR_PANTAU_TPS: &str = "SELECT x.kode_desa, x.nomor, x.nama_desa, x.nama_kec,
            x.checkin, x.hasil, x.temuan, x.insiden_buka, x.jumlah_saksi,
            x.saksi_id, x.saksi_username, x.saksi_nama, x.saksi_sandi, x.saksi_indeks
         FROM (SELECT t.kode_desa, t.nomor, d.nama AS nama_desa, COALESCE(k.nama, '') AS nama_kec,
            (SELECT MIN(c.waktu) FROM checkin c WHERE c.pemilihan_id = ?1
                 AND c.kode_desa = t.kode_desa AND c.nomor_tps = t.nomor) AS checkin,
            h.waktu AS hasil, COALESCE(h.jumlah_temuan, 0) AS jumlah_temuan,
            COALESCE(kh.temuan, '[]') AS temuan,
            (SELECT COUNT(*) FROM insiden i WHERE i.pemilihan_id = ?1 AND i.kode_desa = t.kode_desa
                 AND i.nomor_tps = t.nomor AND i.status <> 'selesai') AS insiden_buka,
            (SELECT COUNT(*) FROM penugasan s JOIN pengguna q ON q.id = s.pengguna_id
                 WHERE s.peran = 'saksi' AND q.aktif
                 AND s.cakupan = t.kode_desa || '-' || substr(CAST(1000 + t.nomor AS TEXT), 2))
                 AS jumlah_saksi,
            sp.id AS saksi_id, sp.username AS saksi_username, sp.nama AS saksi_nama,
            sp.telepon_sandi AS saksi_sandi, sp.telepon_indeks AS saksi_indeks
         FROM tps t JOIN wilayah d ON d.kode = t.kode_desa
         LEFT JOIN wilayah k ON k.kode = d.kode_induk
         LEFT JOIN hasil_tps h ON h.pemilihan_id = ?1 AND h.kode_desa = t.kode_desa
             AND h.nomor_tps = t.nomor
         LEFT JOIN kiriman_hasil kh ON kh.id = h.kiriman_id
         LEFT JOIN pengguna sp ON sp.id = (SELECT s.pengguna_id FROM penugasan s
             JOIN pengguna q ON q.id = s.pengguna_id
             LEFT JOIN saksi_utama u ON u.tps = s.cakupan AND u.pengguna_id = s.pengguna_id
             WHERE s.peran = 'saksi' AND q.aktif
             AND s.cakupan = t.kode_desa || '-' || substr(CAST(1000 + t.nomor AS TEXT), 2)
             ORDER BY CASE WHEN u.pengguna_id IS NULL THEN 1 ELSE 0 END, q.dibuat, q.username
             LIMIT 1)
         WHERE t.kode_desa >= ?2 AND t.kode_desa < ?3
             AND (t.kode_desa > ?4 OR (t.kode_desa = ?4 AND t.nomor > ?5))) x
         WHERE CAST(?6 AS TEXT) = 'semua'
             OR (?6 = 'bersaksi' AND x.jumlah_saksi > 0)
             OR (?6 = 'tanpa-saksi' AND x.jumlah_saksi = 0)
             OR (?6 = 'hadir' AND (x.checkin IS NOT NULL OR x.hasil IS NOT NULL))
             OR (?6 = 'belum-hadir' AND x.checkin IS NULL AND x.hasil IS NULL)
             OR (?6 = 'masuk' AND x.hasil IS NOT NULL)
             OR (?6 = 'belum-masuk' AND x.hasil IS NULL)
             OR (?6 = 'bertanda' AND x.jumlah_temuan > 0
                 AND (CAST(?7 AS TEXT) = '' OR x.temuan LIKE '%\"' || CAST(?7 AS TEXT) || '\"%'))
         ORDER BY x.kode_desa, x.nomor LIMIT ?8";

/// Incidents with their status, owner's name and desa name (the literal,
/// so statements can be built with `concat!`).
macro_rules! insiden_ditangani {
    () => {
        "SELECT i.id, i.pemilihan_id, i.kode_desa, i.nomor_tps,
            i.pengirim_id, i.pengirim, i.waktu, i.kategori, i.teks, i.foto, i.status,
            i.pemilik_id, o.nama, i.diubah, d.nama
         FROM insiden i LEFT JOIN pengguna o ON o.id = i.pemilik_id
         JOIN wilayah d ON d.kode = i.kode_desa "
    };
}

/// Incident `?1` with its status, owner and desa name.
pub const AMBIL_INSIDEN: &str = concat!(insiden_ditangani!(), "WHERE i.id = ?1");

/// Newest `?6` incidents of election `?1` for desa codes in `[?2, ?3)`,
/// with status `?4` ('' any, 'buka' any but closed) and category `?5` ('' any).
pub const DAFTAR_INSIDEN_SARING: &str = concat!(
    insiden_ditangani!(),
    "WHERE i.pemilihan_id = ?1 AND i.kode_desa >= ?2 AND i.kode_desa < ?3
             AND (CAST(?4 AS TEXT) = '' OR (?4 = 'buka' AND i.status <> 'selesai') OR i.status = ?4)
             AND (CAST(?5 AS TEXT) = '' OR i.kategori = ?5)
         ORDER BY i.waktu DESC, i.id DESC LIMIT ?6"
);

/// Sets incident `?1`'s status `?2`, owner `?3` and change time `?4`.
pub const UBAH_INSIDEN: &str =
    "UPDATE insiden SET status = ?2, pemilik_id = ?3, diubah = ?4 WHERE id = ?1";

/// TPS under a key range (?1, ?2) with no result for election ?4, grouped
/// by the first ?3 characters of their desa code (their region at one
/// level): how many, and the sum of each one's most valid votes still to
/// come, min(⌈DPT × 41/40⌉, ?5), or ?5 without a DPT figure
/// (`posko_domain::menang::sisa_maks_tps`).
pub const DAFTAR_SISA_TPS: &str = "SELECT substr(t.kode_desa, 1, ?3) AS k, COUNT(*),
        SUM(CASE WHEN t.dpt_total IS NULL OR (t.dpt_total * 41 + 39) / 40 > ?5 THEN ?5
                 ELSE (t.dpt_total * 41 + 39) / 40 END)
   FROM tps t
  WHERE t.kode_desa >= ?1 AND t.kode_desa < ?2
    AND NOT EXISTS (SELECT 1 FROM hasil_tps h WHERE h.pemilihan_id = ?4
                       AND h.kode_desa = t.kode_desa AND h.nomor_tps = t.nomor)
  GROUP BY k ORDER BY k";
/// Records a photo's dHash once.
pub const SIMPAN_DHASH_FOTO: &str =
    "INSERT INTO foto_dhash (sha256, dhash) VALUES (?1, ?2) ON CONFLICT (sha256) DO NOTHING";

/// Every submission's photo list of an election, with the TPS.
pub const FOTO_KIRIMAN_PEMILIHAN: &str = "SELECT kode_desa, nomor_tps, foto FROM kiriman_hasil
    WHERE pemilihan_id = ?1 ORDER BY kode_desa, nomor_tps, revisi";

/// One photo's recorded dHash.
pub const DHASH_FOTO: &str = "SELECT dhash FROM foto_dhash WHERE sha256 = ?1";

/// Stores the decision on a flag, replacing an earlier one.
pub const SIMPAN_KEPUTUSAN_KEJANGGALAN: &str = "INSERT INTO keputusan_kejanggalan
    (pemilihan_id, cek, sasaran, keputusan, sidik, pemutus_id, pemutus, waktu)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    ON CONFLICT (pemilihan_id, cek, sasaran) DO UPDATE SET keputusan = excluded.keputusan,
    sidik = excluded.sidik, pemutus_id = excluded.pemutus_id, pemutus = excluded.pemutus,
    waktu = excluded.waktu";

/// The decisions on an election's flags.
pub const DAFTAR_KEPUTUSAN_KEJANGGALAN: &str = "SELECT cek, sasaran, keputusan, sidik,
    pemutus_id, pemutus, waktu FROM keputusan_kejanggalan WHERE pemilihan_id = ?1
    ORDER BY cek, sasaran";

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
