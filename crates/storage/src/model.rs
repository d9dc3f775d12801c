//! What the store keeps, in domain types.

use posko_domain::{
    AturanMenang, Dpt, JenisDesa, JenisPemilihan, KodeTps, KodeWilayah, NamaCalon, NomorUrut,
    Tingkat,
};
use serde::Serialize;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// One administrative region with its official name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wilayah {
    pub kode: KodeWilayah,
    pub nama: String,
    /// Set for desa-level regions only.
    pub jenis_desa: Option<JenisDesa>,
}

impl Wilayah {
    pub fn tingkat(&self) -> Tingkat {
        self.kode.tingkat()
    }
}

/// A polling station and its registered voters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tps {
    pub kode: KodeTps,
    pub dpt: Dpt,
    pub alamat: Option<String>,
    /// (latitude, longitude)
    pub lokasi: Option<(f64, f64)>,
}

/// TPS and DPT totals of a region (or of everything, when `kode` is None).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RekapDpt {
    pub kode: Option<KodeWilayah>,
    pub jumlah_tps: u64,
    /// TPS whose DPT is known; the sums below cover only these.
    pub tps_dengan_dpt: u64,
    pub dpt_laki: u64,
    pub dpt_perempuan: u64,
    pub dpt_total: u64,
}

/// A child region with its totals, for drill-down tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WilayahDenganRekap {
    pub wilayah: Wilayah,
    pub rekap: RekapDpt,
}

/// What an import changed. Re-importing the same file gives `baru == 0 && berubah == 0`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub baru: u64,
    pub berubah: u64,
    pub sama: u64,
}

impl ImportCounts {
    /// From a table's row count before and after a bulk upsert of `rows`
    /// rows that touched `touched`: inserted = growth of the table; changed
    /// = rows touched that were not new; the rest were identical and left
    /// alone.
    pub fn dari_hitungan(before: u64, after: u64, touched: u64, rows: usize) -> ImportCounts {
        let baru = after.saturating_sub(before);
        let berubah = touched.saturating_sub(baru);
        ImportCounts {
            baru,
            berubah,
            sama: (rows as u64).saturating_sub(baru + berubah),
        }
    }
}

/// An election (one Pilkada contest) run by this Posko.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pemilihan {
    pub id: Uuid,
    pub jenis: JenisPemilihan,
    pub wilayah: KodeWilayah,
    pub nama: String,
    pub tanggal: Date,
    #[serde(with = "time::serde::rfc3339")]
    pub dibuat: OffsetDateTime,
    /// The win rule someone chose; None follows the law
    /// ([`AturanMenang::bawaan`], see [`Pemilihan::aturan_berlaku`]).
    pub aturan: Option<AturanMenang>,
}

impl Pemilihan {
    /// The rule that applies with `jumlah_paslon` pairs registered: the
    /// chosen one, or the law's default.
    pub fn aturan_berlaku(&self, jumlah_paslon: usize) -> AturanMenang {
        self.aturan
            .unwrap_or_else(|| AturanMenang::bawaan(self.jenis, &self.wilayah, jumlah_paslon))
    }
}

/// A candidate pair on an election's ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paslon {
    pub pemilihan_id: Uuid,
    pub nomor_urut: NomorUrut,
    pub calon_kepala: NamaCalon,
    pub calon_wakil: NamaCalon,
}

/// An active saksi account assigned to a TPS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaksiTps {
    pub tps: KodeTps,
    pub pengguna_id: Uuid,
    pub username: String,
    pub nama: String,
    /// Named the main witness of this TPS (not the default by age).
    pub ditetapkan_utama: bool,
}

/// A person who can sign in, with the roles they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pengguna {
    pub id: Uuid,
    /// Lower-case sign-in name.
    pub username: String,
    pub nama: String,
    pub aktif: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub dibuat: OffsetDateTime,
    pub penugasan: Vec<posko_domain::Penugasan>,
    /// The phone number, encrypted; None when not given.
    #[serde(skip)]
    pub telepon: Option<DataTersandi>,
}

/// A personal-data field as stored: ciphertext plus a keyed blind index for
/// exact-match lookup. The store never sees the plaintext or the key; both
/// strings start with the 8-character id of the key that made them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataTersandi {
    pub sandi: String,
    pub indeks: String,
}

/// Every column that holds [`DataTersandi`]. Key rotation walks this list,
/// so a new encrypted column is added here or it is not rotated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KolomRahasia {
    PenggunaTelepon,
    /// The Telegram user id a saksi linked to their account.
    PenggunaTelegram,
    /// Who sent a gateway message (a phone number or a Telegram chat).
    PesanPengirim,
    /// A supporter's NIK.
    PendukungNik,
    /// A supporter's phone.
    PendukungTelepon,
    /// A campaign donor's identity document (name, address, phone, NIK,
    /// NPWP) as one sealed JSON value.
    PenyumbangIdentitas,
    /// A campaign donor's NIK.
    PenyumbangNik,
    /// A campaign donor's phone.
    PenyumbangTelepon,
    /// A campaign donor's NPWP.
    PenyumbangNpwp,
}

impl KolomRahasia {
    pub const SEMUA: &[KolomRahasia] = &[
        KolomRahasia::PenggunaTelepon,
        KolomRahasia::PenggunaTelegram,
        KolomRahasia::PesanPengirim,
        KolomRahasia::PendukungNik,
        KolomRahasia::PendukungTelepon,
        KolomRahasia::PenyumbangIdentitas,
        KolomRahasia::PenyumbangNik,
        KolomRahasia::PenyumbangTelepon,
        KolomRahasia::PenyumbangNpwp,
    ];

    /// Bound into the ciphertext (AEAD associated data) and the blind
    /// index, so a value cannot be moved to another column unnoticed.
    pub fn label(self) -> &'static str {
        match self {
            KolomRahasia::PenggunaTelepon => "pengguna.telepon",
            KolomRahasia::PenggunaTelegram => "pengguna.telegram",
            KolomRahasia::PesanPengirim => "pesan_masuk.pengirim",
            KolomRahasia::PendukungNik => "pendukung.nik",
            KolomRahasia::PendukungTelepon => "pendukung.telepon",
            KolomRahasia::PenyumbangIdentitas => "dana_penyumbang.identitas",
            KolomRahasia::PenyumbangNik => "dana_penyumbang.nik",
            KolomRahasia::PenyumbangTelepon => "dana_penyumbang.telepon",
            KolomRahasia::PenyumbangNpwp => "dana_penyumbang.npwp",
        }
    }
}

/// A signed-in browser. Only the SHA-256 of the cookie's token is stored,
/// so a copy of the database does not let anyone sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sesi {
    pub token_hash: String,
    pub pengguna_id: Uuid,
    /// Sent back in every form; a post without it is refused.
    pub csrf: String,
    /// Unix seconds.
    pub dibuat: i64,
    pub kadaluarsa: i64,
    /// Client IP and User-Agent when signed in, so a person can recognise
    /// their sessions in the list (truncated; not personal data beyond that).
    pub alamat: Option<String>,
    pub perangkat: Option<String>,
    /// The account that issued the one-time code this session was opened
    /// with (None for a password or a code from the server's command line).
    pub kode_dari: Option<Uuid>,
    /// SHA-256 of the browser's id cookie, which outlives sign-outs, so
    /// two accounts used from one browser are seen as possibly one person.
    pub peramban: Option<String>,
}

/// A one-time sign-in code (sent to a saksi by SMS or chat). Stored hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KodeMasuk {
    pub kode_hash: String,
    pub pengguna_id: Uuid,
    /// Unix seconds.
    pub kadaluarsa: i64,
    /// Who issued it (None: the server's command line).
    pub penerbit: Option<Uuid>,
}

/// One attempt counted against rate limits before the work it guards is
/// done (an Argon2 check of a sign-in, a photo fetched for a Telegram
/// sender), so that attempts racing each other are counted too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Percobaan {
    /// Made by the caller. The same id recorded again is the same attempt
    /// (a gateway delivering an update twice) and is counted once.
    pub id: Uuid,
    /// Unix seconds.
    pub waktu: i64,
    /// How many seconds the attempt counts for: a sliding window that
    /// ends at `waktu + jendela`.
    pub jendela: i64,
}

/// A limit an attempt counts against: it is refused when `kunci` already
/// holds `maks` attempts still inside their window. Keys are hashes whose
/// input names what is limited (`akun:…`, `alamat:…`, `foto:…`), so the
/// table holds no name or address in clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatasPercobaan {
    pub kunci: String,
    pub maks: u64,
}

/// An API token for an integration (a chat gateway, a dashboard). Holds
/// one role over one scope; only the SHA-256 of the secret is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenApi {
    pub id: Uuid,
    pub nama: String,
    #[serde(skip)]
    pub token_hash: String,
    pub penugasan: posko_domain::Penugasan,
    /// Unix seconds.
    pub dibuat: i64,
    pub dicabut: Option<i64>,
    pub terakhir_dipakai: Option<i64>,
}

/// A volunteer: a place in the tree that mirrors the territory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relawan {
    pub id: Uuid,
    /// Their account, when they sign in (recruits by invitation always do).
    pub pengguna_id: Option<Uuid>,
    pub nama: String,
    /// A kab/kota, kecamatan, desa or one TPS.
    pub wilayah: posko_domain::Cakupan,
    pub tingkat: posko_domain::TingkatRelawan,
    /// Who brought them in; None at the top of a tree.
    pub perekrut: Option<Uuid>,
    pub aktif: bool,
    /// Unix seconds.
    pub dibuat: i64,
}

/// A recruitment invitation. Only the SHA-256 of its code is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undangan {
    pub kode_hash: String,
    pub perekrut: Uuid,
    /// Where the recruit will work (inside the recruiter's territory).
    pub wilayah: posko_domain::Cakupan,
    /// Unix seconds.
    pub dibuat: i64,
    pub kadaluarsa: i64,
    pub dipakai: Option<i64>,
}

/// A supporter as stored: NIK and phone encrypted with blind indexes; the
/// name stays readable for the fuzzy duplicate check and lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pendukung {
    pub id: Uuid,
    /// The relawan who recorded them and asked for consent.
    pub relawan_id: Uuid,
    pub nama: String,
    pub nik: Option<DataTersandi>,
    pub telepon: Option<DataTersandi>,
    pub alamat: String,
    pub desa: KodeWilayah,
    pub tps: Option<KodeTps>,
    pub tanggal_lahir: Option<Date>,
    pub dukungan: posko_domain::TingkatDukungan,
    pub sumber: String,
    /// The purposes consented to (never empty).
    pub keperluan: Vec<posko_domain::Keperluan>,
    /// When consent was given, unix seconds.
    pub disetujui: i64,
    /// Personal data is deleted after this day unless renewed.
    pub simpan_sampai: Date,
    /// Unix seconds.
    pub dibuat: i64,
    /// What the field-data checks found when they were recorded
    /// (`posko_domain::mutu_lapangan::MutuCatatan`): outcome bits, never
    /// what the NIK itself says.
    pub mutu: posko_domain::mutu_lapangan::MutuCatatan,
}

/// One relawan's records of one day (WIB) as the field-data checks judged
/// them (`posko_domain::mutu_lapangan`): held out of targets and
/// leaderboards while [`posko_domain::mutu_lapangan::StatusBatch::Ditahan`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchLapangan {
    pub relawan_id: Uuid,
    /// Days since 1970-01-01 in WIB.
    pub hari: i64,
    pub status: posko_domain::mutu_lapangan::StatusBatch,
    /// The findings at the last check.
    pub temuan: Vec<posko_domain::mutu_lapangan::Temuan>,
    /// The findings a coordinator approved (when approved).
    pub disetujui: Vec<posko_domain::mutu_lapangan::Temuan>,
    /// Findings of what syncs carried and is not kept (coordinates,
    /// photos, people another relawan holds).
    pub sinyal: posko_domain::mutu_lapangan::Sinyal,
    /// Records in the batch at the last check.
    pub catatan: u64,
    /// The name of who decided, and when (unix seconds).
    pub diputus_oleh: Option<String>,
    pub diputus: Option<i64>,
    /// Unix seconds.
    pub diperbarui: i64,
}

/// Two supporters that may be the same person, waiting for a human.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PasanganRagu {
    pub id: Uuid,
    pub pendukung_a: Uuid,
    pub pendukung_b: Uuid,
    pub nama_a: String,
    pub nama_b: String,
    pub desa: KodeWilayah,
    pub skor: f64,
    /// `baru` (to review), `sama` (the same person), `beda` (different).
    pub status: String,
    pub dibuat: i64,
}

/// One region's boundary as an import writes it: the shape and its label
/// point.
#[derive(Debug, Clone, PartialEq)]
pub struct BatasBaris {
    pub batas: posko_domain::peta::Batas,
    pub lat: f64,
    pub lng: f64,
}

/// A canvassing visit as stored. `id` is made by the phone, so a visit
/// sent again after a lost answer is the same row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kunjungan {
    pub id: Uuid,
    /// The relawan who knocked.
    pub relawan_id: Uuid,
    pub tps: KodeTps,
    /// The voter's row in the TPS's DPT.
    pub urut: u32,
    pub hasil: posko_domain::HasilKunjungan,
    pub dukungan: Option<posko_domain::TingkatDukungan>,
    /// (question code, answer code).
    pub jawaban: Vec<(String, String)>,
    pub catatan: String,
    /// On the phone, unix seconds.
    pub waktu: i64,
    /// When the server stored it, unix seconds.
    pub diterima: i64,
}

/// What the campaign did in one desa: supporters recorded there and
/// visits logged at its TPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KegiatanDesa {
    pub desa: KodeWilayah,
    pub pendukung: u64,
    pub kunjungan: u64,
}

/// Survey answers as one text column: `isu=ekonomi;datang=pasti`.
pub fn jawaban_teks(j: &[(String, String)]) -> String {
    j.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

pub fn jawaban_dari(s: &str) -> Vec<(String, String)> {
    s.split(';')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A survey question's answer options as one text column: lines of
/// `kode=label` (codes hold no `=`, labels no line break).
pub fn pilihan_teks(p: &[posko_domain::kunjungan::PilihanJawaban]) -> String {
    p.iter()
        .map(|p| format!("{}={}", p.kode, p.label))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn pilihan_dari(s: &str) -> Vec<posko_domain::kunjungan::PilihanJawaban> {
    s.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, l)| posko_domain::kunjungan::PilihanJawaban {
            kode: k.to_string(),
            label: l.to_string(),
        })
        .collect()
}
