//! The grammar of what saksi send by SMS or Telegram on election day:
//! results (`HASIL`), check-in (`HADIR`), incidents (`LAPOR`) and help
//! (`BANTUAN`), and the short replies they get back. `docs/SMS.md` is the
//! user-facing description; this module is its executable form.
//!
//! Two rules pull against each other and both hold:
//!
//! - **Never guess a number.** A digit next to a letter O, a dot that might
//!   be a thousands separator, a number of five digits, a missing `TS`: each
//!   is an error whose reply asks the sender, naming the word and, where
//!   there is one, the likely reading ("maksud Anda 120?"). A wrong count
//!   silently accepted is worse than a second SMS.
//! - **Forgive how phones type.** Any case, any mix of spaces, tabs, new
//!   lines, `, . # ; : / = -` between words, leading zeros, several spellings
//!   of the TPS code and of every keyword.
//!
//! The parser knows nothing about the election: not the number of paslon
//! ([`cocokkan_paslon`] checks that), not the incident categories (the
//! caller validates [`Pesan::Lapor`]'s word), not whether the sender is a
//! saksi of that TPS (the server decides from the phone number). It is pure,
//! total and bounded: every input, however long or strange, yields a value
//! or a [`GalatPesan`], never a panic, in time linear in
//! [`MAKS_KARAKTER`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::hasil::FormulirHasil;
use crate::pemilihan::JenisPemilihan;
use crate::tps::{KodeTps, KodeTpsError};

/// Longest message parsed, in characters. Four concatenated SMS are ~600
/// characters; a result with 99 paslon of 4 digits each still fits. Longer
/// is not a message a saksi typed, so it is refused before any work.
pub const MAKS_KARAKTER: usize = 1_000;

/// Longest incident story kept, in characters (after trimming). The web form
/// allows more; an SMS story is a headline, the details come by phone.
pub const MAKS_TEKS_LAPOR: usize = 500;

/// Longest category word, in characters. Posko's slugs are at most 15.
pub const MAKS_KATEGORI: usize = 30;

/// Most digits a count may have. A TPS serves at most 600 voters (Pilkada
/// 2024), so four digits already mean a typo; five are refused outright.
pub const MAKS_DIGIT: usize = 4;

/// Most paslon entries in one result: nomor urut stops at 99.
pub const MAKS_PASLON: usize = 99;

/// Paslon entries for which [`balasan_diterima`] is guaranteed to fit one
/// SMS (160 GSM-7 characters) whatever the numbers. Every Pilkada so far has
/// had fewer; beyond it the reply still echoes every number, over two SMS.
pub const PASLON_SATU_SMS: usize = 10;

/// Longest reply that fits a single SMS in the GSM-7 alphabet.
pub const SATU_SMS: usize = 160;

/// Characters of a sender's word quoted back in an error reply.
const MAKS_KUTIPAN: usize = 12;

// ---------------------------------------------------------------------------
// Short codes
// ---------------------------------------------------------------------------

/// Symbols of a short code: digits and capitals without look-alikes. Gone
/// are 0/O, 1/I/L (the classic confusions), S (5) and U (V). 29 symbols,
/// a prime, so the check symbol catches every single typo and every swap of
/// two symbols.
const ABJAD: &[u8; 29] = b"23456789ABCDEFGHJKMNPQRTVWXYZ";
/// Index in [`ABJAD`] of its first letter; a code starts at or after it.
const AWAL_HURUF: u8 = 8;
const BASIS: u64 = 29;
const BASIS4: u64 = BASIS * BASIS * BASIS * BASIS;
/// Multiplier of the permutation from number to code: neighbouring numbers
/// (TPS stored one after another) get codes that share nothing, so a
/// misread code does not land on the TPS next door.
const PENGALI: u64 = 9_179_599;
/// Inverse of [`PENGALI`] modulo [`KodeSingkat::KAPASITAS`].
const PENGALI_BALIK: u64 = 7_870_909;
const GESER: u64 = 5_318_008;

/// A TPS's short code, six symbols printed on the saksi's assignment sheet
/// (`K7RX4M`): quicker to type than 13 digits and checked against typos.
///
/// Shape: a letter, four symbols, and a check symbol, all from
/// `23456789ABCDEFGHJKMNPQRTVWXYZ`. Starting with a letter means it can
/// never be read as a number. The check symbol makes a code with one wrong
/// symbol, or two swapped, invalid rather than another TPS's code.
/// Parsing accepts lower case; display is upper case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KodeSingkat([u8; 6]);

#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum KodeSingkatError {
    #[error("kode singkat harus 6 huruf/angka, bukan {0}")]
    Panjang(usize),
    #[error("kode singkat tidak memakai '{0}' (tanpa 0 O 1 I L S U)")]
    Karakter(char),
    #[error("kode singkat selalu diawali huruf")]
    AwalAngka,
    #[error("kode singkat salah ketik: cocokkan dengan lembar tugas")]
    SalahKetik,
}

impl KodeSingkat {
    /// How many distinct codes exist: 21 × 29⁴ = 14,852,901, more than all
    /// TPS of a national election (820,161 in 2024) many times over.
    pub const KAPASITAS: u64 = (ABJAD.len() as u64 - AWAL_HURUF as u64) * BASIS4;

    /// The code of storage number `n` (e.g. a TPS row id), or `None` when
    /// `n ≥ KAPASITAS`. Deterministic and one-to-one, so storage can assign
    /// codes without keeping a table and [`KodeSingkat::nomor`] inverts it.
    pub fn dari_nomor(n: u64) -> Option<KodeSingkat> {
        if n >= Self::KAPASITAS {
            return None;
        }
        // n, PENGALI < 2^24: the product fits u64 easily.
        let m = (n * PENGALI + GESER) % Self::KAPASITAS;
        let mut v = [0u8; 6];
        v[0] = AWAL_HURUF + (m / BASIS4) as u8;
        let mut r = m % BASIS4;
        for x in v[1..5].iter_mut().rev() {
            *x = (r % BASIS) as u8;
            r /= BASIS;
        }
        v[5] = simbol_cek(&v[..5]);
        Some(KodeSingkat(v.map(|i| ABJAD[usize::from(i)])))
    }

    /// The storage number this code was made from.
    pub fn nomor(&self) -> u64 {
        let v = self.0.map(|c| nilai_simbol(c).unwrap_or(0));
        let mut m = u64::from(v[0].saturating_sub(AWAL_HURUF));
        for &x in &v[1..5] {
            m = m * BASIS + u64::from(x);
        }
        (m + Self::KAPASITAS - GESER) % Self::KAPASITAS * PENGALI_BALIK % Self::KAPASITAS
    }

    /// Parses a code as typed: surrounding spaces ignored, any case.
    pub fn parse(input: &str) -> Result<KodeSingkat, KodeSingkatError> {
        let s = input.trim();
        let n = s.chars().count();
        if n != 6 {
            return Err(KodeSingkatError::Panjang(n));
        }
        let mut v = [0u8; 6];
        for (x, c) in v.iter_mut().zip(s.chars()) {
            *x = u8::try_from(c)
                .ok()
                .and_then(nilai_simbol)
                .ok_or(KodeSingkatError::Karakter(c.to_ascii_uppercase()))?;
        }
        if v[0] < AWAL_HURUF {
            return Err(KodeSingkatError::AwalAngka);
        }
        if simbol_cek(&v[..5]) != v[5] {
            return Err(KodeSingkatError::SalahKetik);
        }
        Ok(KodeSingkat(v.map(|i| ABJAD[usize::from(i)])))
    }

    pub fn as_str(&self) -> &str {
        // Always ASCII from ABJAD.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// [`KodeSingkat::dari_nomor`] as a free function, for storage code that
/// assigns codes in bulk.
pub fn kode_singkat(n: u64) -> Option<KodeSingkat> {
    KodeSingkat::dari_nomor(n)
}

fn nilai_simbol(c: u8) -> Option<u8> {
    let c = c.to_ascii_uppercase();
    ABJAD.iter().position(|&a| a == c).map(|i| i as u8)
}

/// The check symbol: weights 1–5 on the payload and 6 on the check make the
/// weighted sum 0 mod 29. Distinct non-zero weights mod a prime: any single
/// change or any swap of two different symbols breaks the sum.
fn simbol_cek(v: &[u8]) -> u8 {
    let s: u32 = v
        .iter()
        .enumerate()
        .map(|(i, &x)| (i as u32 + 1) * u32::from(x))
        .sum::<u32>()
        % 29;
    // 6 × 5 = 30 ≡ 1 (mod 29), so 5 is the inverse of the check's weight.
    ((29 - s) % 29 * 5 % 29) as u8
}

impl fmt::Display for KodeSingkat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for KodeSingkat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KodeSingkat({self})")
    }
}

impl FromStr for KodeSingkat {
    type Err = KodeSingkatError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KodeSingkat::parse(s)
    }
}

impl Serialize for KodeSingkat {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for KodeSingkat {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        KodeSingkat::parse(&s).map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------
// Parsed messages
// ---------------------------------------------------------------------------

/// Which TPS a message is about, as the sender named it. A short code still
/// has to be looked up in storage; neither form says the sender may report
/// for that TPS (the server checks the phone against the saksi list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RujukanTps {
    Kode(KodeTps),
    Singkat(KodeSingkat),
}

/// Displays as a saksi types it: `3273011001-003` (undotted desa, dash,
/// three-digit TPS) or the short code; both parse back.
impl fmt::Display for RujukanTps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RujukanTps::Kode(k) => write!(f, "{}-{}", k.desa().undotted(), k.nomor()),
            RujukanTps::Singkat(s) => write!(f, "{s}"),
        }
    }
}

/// A result as sent: votes per paslon in ballot order, invalid votes (TS)
/// and, when the sender wrote it, the total (JML). Valid by construction:
/// 1–99 paslon entries, every count at most four digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HasilSms {
    tps: RujukanTps,
    suara_paslon: Vec<u32>,
    suara_tidak_sah: u32,
    suara_total: Option<u32>,
}

impl HasilSms {
    /// Builds a result as [`parse`] would, refusing what no message can
    /// carry: no paslon, more than 99, a count of more than four digits.
    pub fn new(
        tps: RujukanTps,
        suara_paslon: Vec<u32>,
        suara_tidak_sah: u32,
        suara_total: Option<u32>,
    ) -> Result<HasilSms, GalatPesan> {
        if suara_paslon.is_empty() {
            return Err(GalatPesan::SuaraKosong);
        }
        if suara_paslon.len() > MAKS_PASLON {
            return Err(GalatPesan::PaslonTerlaluBanyak);
        }
        let letak = suara_paslon
            .iter()
            .enumerate()
            .map(|(i, &v)| (Letak::Paslon(i + 1), v))
            .chain([(Letak::TidakSah, suara_tidak_sah)])
            .chain(suara_total.map(|v| (Letak::Jumlah, v)));
        for (letak, v) in letak {
            if v > 9_999 {
                return Err(GalatPesan::AngkaTerlaluPanjang {
                    letak,
                    tulisan: kutip(&v.to_string()),
                });
            }
        }
        Ok(HasilSms {
            tps,
            suara_paslon,
            suara_tidak_sah,
            suara_total,
        })
    }

    pub fn tps(&self) -> RujukanTps {
        self.tps
    }

    /// Votes per paslon, index 0 = nomor urut 1 (for a single-paslon
    /// Pilkada the second entry is the blank box, as on the form).
    pub fn suara_paslon(&self) -> &[u32] {
        &self.suara_paslon
    }

    pub fn suara_tidak_sah(&self) -> u32 {
        self.suara_tidak_sah
    }

    pub fn suara_total(&self) -> Option<u32> {
        self.suara_total
    }

    /// Σ paslon + TS: what JML should be if every number is right.
    pub fn jumlah_dihitung(&self) -> u64 {
        self.suara_paslon.iter().map(|&v| u64::from(v)).sum::<u64>()
            + u64::from(self.suara_tidak_sah)
    }

    /// `Some(false)` when the sender wrote a JML that is not Σ paslon + TS.
    ///
    /// Worth telling the sender at once: [`crate::hasil::periksa`] cannot,
    /// since an SMS carries no V.A (see [`HasilSms::formulir`]) and every
    /// rule with a blank input is skipped.
    pub fn jumlah_cocok(&self) -> Option<bool> {
        self.suara_total
            .map(|t| u64::from(t) == self.jumlah_dihitung())
    }

    /// The form as far as an SMS fills it: section IV, V.B and (if sent)
    /// V.C. V.A (`suara_sah`) stays blank: the saksi did not write it, and
    /// a blank in `FormulirHasil` means "not on the paper", which
    /// [`crate::hasil::periksa`] reports as a required blank
    /// ([`crate::hasil::Aturan::KosongWajib`]) rather than checking sums
    /// against a number nobody wrote. The photo of the C.Hasil fills it.
    pub fn formulir(&self) -> FormulirHasil {
        FormulirHasil {
            suara_paslon: self.suara_paslon.iter().map(|&v| Some(v)).collect(),
            suara_sah: None,
            suara_tidak_sah: Some(self.suara_tidak_sah),
            suara_total: self.suara_total,
            ..FormulirHasil::default()
        }
    }

    /// The message in its canonical form, e.g.
    /// `HASIL 3273011001-003 120 98 45 TS 7 JML 270`; parses back to `self`.
    pub fn teks_baku(&self) -> String {
        let mut s = format!("HASIL {}", self.tps);
        for v in &self.suara_paslon {
            s.push_str(&format!(" {v}"));
        }
        s.push_str(&format!(" TS {}", self.suara_tidak_sah));
        if let Some(t) = self.suara_total {
            s.push_str(&format!(" JML {t}"));
        }
        s
    }
}

/// One message from a saksi, as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pesan {
    /// `HASIL <tps> <suara paslon…> TS <tidak sah> [JML <total>]`.
    Hasil(HasilSms),
    /// `HADIR <tps>`: the saksi is at the TPS.
    Hadir { tps: RujukanTps },
    /// `LAPOR <tps> <kategori> <cerita>`. `kategori` is the word as typed,
    /// lower-cased, `-` made `_`; the caller checks it against its list.
    /// `teks` is the story verbatim, trimmed, at most [`MAKS_TEKS_LAPOR`]
    /// characters.
    Lapor {
        tps: RujukanTps,
        kategori: String,
        teks: String,
    },
    /// `BANTUAN`, `INFO`, `HELP`, `?`: answer with [`balasan_bantuan`].
    Bantuan,
    /// Not addressed to Posko's grammar (a greeting, a chat). Answered with
    /// help too, but not an error: nothing the sender wrote was wrong.
    TidakDikenal,
}

/// The three messages that name a TPS; errors say which one was meant so
/// the reply shows an example of that one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JenisPesan {
    Hasil,
    Hadir,
    Lapor,
}

impl JenisPesan {
    pub fn kata(self) -> &'static str {
        match self {
            JenisPesan::Hasil => "HASIL",
            JenisPesan::Hadir => "HADIR",
            JenisPesan::Lapor => "LAPOR",
        }
    }

    /// A correct message of this kind, quoted in error replies.
    pub fn contoh(self) -> &'static str {
        match self {
            JenisPesan::Hasil => "HASIL 3273011001-003 120 98 45 TS 7 JML 270",
            JenisPesan::Hadir => "HADIR 3273011001-003",
            JenisPesan::Lapor => "LAPOR 3273011001-003 logistik surat suara kurang 20",
        }
    }
}

impl fmt::Display for JenisPesan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kata())
    }
}

/// Where in a result a count was written, for errors about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Letak {
    /// The n-th paslon count (1-based, i.e. nomor urut).
    Paslon(usize),
    /// After `TS`.
    TidakSah,
    /// After `JML`.
    Jumlah,
}

impl fmt::Display for Letak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Letak::Paslon(n) => write!(f, "angka ke-{n}"),
            Letak::TidakSah => f.write_str("angka TS"),
            Letak::Jumlah => f.write_str("angka JML"),
        }
    }
}

/// The two markers of a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Penanda {
    /// Suara tidak sah (V.B).
    Ts,
    /// Jumlah / total (V.C).
    Jml,
}

impl Penanda {
    fn letak(self) -> Letak {
        match self {
            Penanda::Ts => Letak::TidakSah,
            Penanda::Jml => Letak::Jumlah,
        }
    }
}

impl fmt::Display for Penanda {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Penanda::Ts => "TS",
            Penanda::Jml => "JML",
        })
    }
}

/// Why a TPS reference was not understood.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AlasanTps {
    /// Digits only, but not 13 (nor 10 + dash + number).
    JumlahAngka(usize),
    /// A 10-digit desa code with no TPS number attached.
    TanpaNomor,
    /// Dotted desa code not followed by `-nomor`.
    Pemisah,
    /// A letter O, I or l among the digits.
    Huruf(char),
    /// TPS number 000 (or out of range).
    NomorTps,
    /// The 10 digits are not a valid desa/kelurahan code.
    KodeDesa,
    /// Looked like a short code but is not one.
    Singkat(KodeSingkatError),
    /// Neither digits nor a short code.
    Bentuk,
}

impl fmt::Display for AlasanTps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AlasanTps::JumlahAngka(n) => {
                write!(f, "berisi {n} angka, harus 13 (10 kode desa + 3 nomor TPS)")
            }
            AlasanTps::TanpaNomor => f.write_str("belum ada nomor TPS: tambahkan mis. -003"),
            AlasanTps::Pemisah => f.write_str("nomor TPS harus disambung dengan - (mis. -003)"),
            AlasanTps::Huruf(c) => write!(f, "memuat huruf {c}: kode TPS hanya angka"),
            AlasanTps::NomorTps => f.write_str("nomor TPS harus 001-999"),
            AlasanTps::KodeDesa => f.write_str("kode desanya tidak sah"),
            AlasanTps::Singkat(e) => write!(f, "bukan kode singkat: {e}"),
            AlasanTps::Bentuk => {
                f.write_str("tidak dikenali: tulis 13 angka atau kode singkat lembar tugas")
            }
        }
    }
}

/// Everything a message can get wrong. Each message names the word or the
/// count and, where possible, what would be right; [`balasan_galat`] adds an
/// example. Quoted words are cut to 12 characters and stripped of anything
/// outside plain ASCII, so a reply always fits one GSM-7 SMS.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GalatPesan {
    #[error("pesan lebih dari {MAKS_KARAKTER} karakter: kirim satu laporan per pesan")]
    TerlaluPanjang,
    #[error("kode TPS belum ditulis setelah {jenis}")]
    TpsKosong { jenis: JenisPesan },
    #[error("kode TPS '{tulisan}' {alasan}")]
    TpsSalah {
        jenis: JenisPesan,
        tulisan: String,
        alasan: AlasanTps,
    },
    #[error("suara paslon belum ditulis setelah kode TPS")]
    SuaraKosong,
    #[error(
        "{letak} '{tulisan}' memuat huruf {huruf}: maksud Anda {maksud}? Kirim ulang dengan angka saja"
    )]
    HurufDalamAngka {
        letak: Letak,
        tulisan: String,
        huruf: char,
        maksud: u32,
    },
    #[error(
        "{letak} '{tulisan}': maksud Anda {ribuan}, atau {kiri} dan {kanan}? Kirim ulang tanpa {nama}, pisahkan angka dengan spasi",
        nama = nama_tanda(.tanda)
    )]
    TitikRagu {
        letak: Letak,
        tulisan: String,
        tanda: char,
        ribuan: u32,
        kiri: u32,
        kanan: u32,
    },
    #[error("{letak} '{tulisan}' lebih dari {MAKS_DIGIT} angka: periksa lagi")]
    AngkaTerlaluPanjang { letak: Letak, tulisan: String },
    #[error("kata ke-{ke} '{tulisan}' tidak dikenali")]
    KataTidakDikenal { ke: usize, tulisan: String },
    #[error("suara tidak sah belum ditulis: tambahkan TS lalu angkanya")]
    TsTidakAda,
    #[error("setelah {penanda} harus ada angka")]
    PenandaTanpaAngka { penanda: Penanda },
    #[error("{penanda} ditulis dua kali (kata ke-{ke})")]
    PenandaGanda { penanda: Penanda, ke: usize },
    #[error("angka '{tulisan}' (kata ke-{ke}) sesudah TS tanpa penanda: total ditulis sesudah JML")]
    AngkaTanpaPenanda { ke: usize, tulisan: String },
    #[error("label '{tulisan}' (kata ke-{ke}) tidak urut: seharusnya P{harus}")]
    LabelSalah {
        ke: usize,
        tulisan: String,
        harus: usize,
    },
    #[error("label '{tulisan}' tidak diikuti angka")]
    LabelTanpaAngka { tulisan: String },
    #[error("kata ke-{ke}: beri label P1 P2 .. pada semua suara paslon, atau tanpa label")]
    LabelCampur { ke: usize },
    #[error("lebih dari {MAKS_PASLON} angka suara paslon")]
    PaslonTerlaluBanyak,
    #[error(
        "diharapkan {harus} angka suara paslon, diterima {ada}{saran}",
        saran = saran_nomor(.nomor_ikut)
    )]
    JumlahPaslon {
        harus: usize,
        ada: usize,
        /// The numbers look like `1 120 2 98 3 45`: nomor urut written as
        /// well as the votes (e.g. `01:120`, colon being a separator).
        nomor_ikut: bool,
    },
    #[error("HADIR cukup dengan kode TPS; kata ke-{ke} '{tulisan}' tidak dipakai")]
    HadirBerlebih { ke: usize, tulisan: String },
    #[error("kategori kejadian belum ditulis setelah kode TPS")]
    KategoriKosong,
    #[error("kategori '{tulisan}' tidak sah: satu kata, huruf/angka saja")]
    KategoriTidakSah { tulisan: String },
    #[error("cerita kejadian belum ditulis setelah kategori")]
    TeksKosong,
    #[error("cerita kejadian {panjang} karakter, maksimal {MAKS_TEKS_LAPOR}")]
    TeksTerlaluPanjang { panjang: usize },
}

fn nama_tanda(tanda: &char) -> &'static str {
    if *tanda == ',' { "koma" } else { "titik" }
}

fn saran_nomor(nomor_ikut: &bool) -> &'static str {
    if *nomor_ikut {
        ": tulis suaranya saja, tanpa nomor urut"
    } else {
        ""
    }
}

impl GalatPesan {
    /// The kind of message whose example helps most with this error, if
    /// there is one.
    fn jenis(&self) -> Option<JenisPesan> {
        use GalatPesan as G;
        match self {
            G::TerlaluPanjang => None,
            G::TpsKosong { jenis } | G::TpsSalah { jenis, .. } => Some(*jenis),
            G::HadirBerlebih { .. } => Some(JenisPesan::Hadir),
            G::KategoriKosong
            | G::KategoriTidakSah { .. }
            | G::TeksKosong
            | G::TeksTerlaluPanjang { .. } => Some(JenisPesan::Lapor),
            _ => Some(JenisPesan::Hasil),
        }
    }

    /// Errors that are a question ("maksud Anda …?") rather than a rule
    /// broken: their reply carries the suggested reading, not an example.
    pub fn pertanyaan(&self) -> bool {
        matches!(
            self,
            GalatPesan::HurufDalamAngka { .. } | GalatPesan::TitikRagu { .. }
        )
    }
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/// What separates words: any whitespace and `, . # ; : / = -`.
fn pemisah(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '.' | '#' | ';' | ':' | '/' | '=' | '-')
}

/// A letter a phone user types for a digit: O for 0, I or l for 1.
fn mirip_digit(c: char) -> Option<u8> {
    match c {
        'O' | 'o' => Some(b'0'),
        'I' | 'l' => Some(b'1'),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kunci {
    Pesan(JenisPesan),
    Bantuan,
}

/// Keywords and their synonyms, upper case. `MASUK` is deliberately absent:
/// in Posko it already means signing in (kode masuk) and a result having
/// arrived (status masuk), so a saksi texting it may mean either.
const KATA_KUNCI: &[(&str, Kunci)] = &[
    ("HASIL", Kunci::Pesan(JenisPesan::Hasil)),
    ("HSL", Kunci::Pesan(JenisPesan::Hasil)),
    ("SUARA", Kunci::Pesan(JenisPesan::Hasil)),
    ("HADIR", Kunci::Pesan(JenisPesan::Hadir)),
    ("CHECKIN", Kunci::Pesan(JenisPesan::Hadir)),
    ("CEKIN", Kunci::Pesan(JenisPesan::Hadir)),
    ("LAPOR", Kunci::Pesan(JenisPesan::Lapor)),
    ("LAPORAN", Kunci::Pesan(JenisPesan::Lapor)),
    ("INSIDEN", Kunci::Pesan(JenisPesan::Lapor)),
    ("BANTUAN", Kunci::Bantuan),
    ("BANTU", Kunci::Bantuan),
    ("INFO", Kunci::Bantuan),
    ("HELP", Kunci::Bantuan),
    ("MENU", Kunci::Bantuan),
    ("START", Kunci::Bantuan),
];

/// Spellings of the markers, longest first so a glued number (`TSAH7`)
/// splits at the longest match.
const PENANDA: &[(&str, Penanda)] = &[
    ("TIDAKSAH", Penanda::Ts),
    ("TDKSAH", Penanda::Ts),
    ("TSAH", Penanda::Ts),
    ("TS", Penanda::Ts),
    ("JUMLAH", Penanda::Jml),
    ("TOTAL", Penanda::Jml),
    ("JML", Penanda::Jml),
    ("JLH", Penanda::Jml),
];

/// Words naming the election a message is for, after the keyword, where
/// one TPS votes in two (a gubernur and a bupati/walikota race on the same
/// day): `HASIL GUB 3273011001-003 …`. None of them can be a short code
/// (each has a U, I, O or L, which short codes never use).
const KATA_PEMILIHAN: &[(&str, JenisPemilihan)] = &[
    ("GUB", JenisPemilihan::Gubernur),
    ("GUBERNUR", JenisPemilihan::Gubernur),
    ("PILGUB", JenisPemilihan::Gubernur),
    ("BUP", JenisPemilihan::Bupati),
    ("BUPATI", JenisPemilihan::Bupati),
    ("PILBUP", JenisPemilihan::Bupati),
    ("WALKOT", JenisPemilihan::Walikota),
    ("WALIKOTA", JenisPemilihan::Walikota),
    ("WAKO", JenisPemilihan::Walikota),
    ("PILWALKOT", JenisPemilihan::Walikota),
];

/// The word a saksi types to name an election of this kind.
pub fn kata_pemilihan(jenis: JenisPemilihan) -> &'static str {
    match jenis {
        JenisPemilihan::Gubernur => "GUB",
        JenisPemilihan::Bupati => "BUP",
        JenisPemilihan::Walikota => "WALKOT",
    }
}

/// A message and, when the sender named it, the election it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terbaca {
    pub pesan: Pesan,
    pub pemilihan: Option<JenisPemilihan>,
}

/// Reads one message. `Ok(Pesan::TidakDikenal)` for text that does not
/// start with a keyword; `Err` for a message that does but breaks the
/// grammar, naming what and where.
pub fn parse(teks: &str) -> Result<Pesan, GalatPesan> {
    parse_lengkap(teks).map(|t| t.pesan)
}

/// [`parse`], keeping the election word if the sender wrote one after the
/// keyword (`HASIL BUP 3273011001-003 …`).
pub fn parse_lengkap(teks: &str) -> Result<Terbaca, GalatPesan> {
    let pesan = |pesan| Terbaca {
        pesan,
        pemilihan: None,
    };
    // A char is at most 4 bytes: longer byte strings cannot be short enough.
    if teks.len() > 4 * MAKS_KARAKTER || teks.chars().nth(MAKS_KARAKTER).is_some() {
        return Err(GalatPesan::TerlaluPanjang);
    }
    // Leading separators include Telegram's `/` of bot commands.
    let s = teks.trim_start_matches(pemisah);
    if s.starts_with('?') {
        return Ok(pesan(Pesan::Bantuan));
    }
    let Some((kunci, sisa)) = baca_kata_kunci(s) else {
        return Ok(pesan(Pesan::TidakDikenal));
    };
    let jenis = match kunci {
        Kunci::Bantuan => return Ok(pesan(Pesan::Bantuan)),
        Kunci::Pesan(j) => j,
    };
    let (pemilihan, sisa, ke_tps) = baca_pemilihan(sisa);
    let (tps, sisa, ke) = baca_tps(jenis, sisa, ke_tps)?;
    let hasil = match jenis {
        JenisPesan::Hasil => baca_hasil(tps, sisa, ke + 1).map(Pesan::Hasil),
        JenisPesan::Hadir => {
            let sisa = sisa.trim_matches(pemisah);
            match sisa.split(pemisah).next() {
                Some(kata) if !kata.is_empty() => Err(GalatPesan::HadirBerlebih {
                    ke: ke + 1,
                    tulisan: kutip(kata),
                }),
                _ => Ok(Pesan::Hadir { tps }),
            }
        }
        JenisPesan::Lapor => baca_lapor(tps, sisa),
    }?;
    Ok(Terbaca {
        pesan: hasil,
        pemilihan,
    })
}

/// An election word right after the keyword: the election, the rest, and
/// the word number the TPS then has (2, or 3 after an election word).
fn baca_pemilihan(s: &str) -> (Option<JenisPemilihan>, &str, usize) {
    let t = s.trim_start_matches(pemisah);
    let n = t.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (kata, sisa) = t.split_at(n);
    let berakhir = sisa
        .chars()
        .next()
        .is_none_or(|c| pemisah(c) || c.is_ascii_digit());
    match KATA_PEMILIHAN
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(kata))
    {
        Some((_, j)) if berakhir => (Some(*j), sisa, 3),
        _ => (None, s, 2),
    }
}

/// The keyword at the start of `s` and what follows it, or `None` when `s`
/// does not start with one (followed by a separator, a digit or the end).
fn baca_kata_kunci(s: &str) -> Option<(Kunci, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    // ASCII letters only, so `n` is a char boundary.
    let (kata, mut sisa) = s.split_at(n);
    let mut kata = kata.to_ascii_uppercase();
    // CHECK-IN, CEK-IN.
    if (kata == "CHECK" || kata == "CEK")
        && sisa.len() >= 3
        && sisa.is_char_boundary(3)
        && sisa[..3].eq_ignore_ascii_case("-in")
        && !sisa[3..].starts_with(|c: char| c.is_ascii_alphabetic())
    {
        kata.push_str("IN");
        sisa = &sisa[3..];
    }
    // Telegram commands in groups: `/hasil@PoskoBot`.
    if let Some(rest) = sisa.strip_prefix('@') {
        let m = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        sisa = &rest[m..];
    }
    let (_, kunci) = KATA_KUNCI.iter().find(|(k, _)| *k == kata)?;
    // `HELP!`, `INFO?` ask for help too; other keywords need a separator
    // or the TPS digits next.
    if let Some(c) = sisa.chars().next()
        && !pemisah(c)
        && !c.is_ascii_digit()
        && !(*kunci == Kunci::Bantuan && matches!(c, '!' | '?'))
    {
        return None;
    }
    Some((*kunci, sisa))
}

/// The first whitespace-delimited word of `s`, for quoting in errors.
fn kata_pertama(s: &str) -> &str {
    s.split(char::is_whitespace).next().unwrap_or_default()
}

/// Reads the TPS reference after the keyword. Returns it, the rest of the
/// message and the word number it was (`ke`, one more after a `TPS` word).
fn baca_tps(
    jenis: JenisPesan,
    s: &str,
    mut ke: usize,
) -> Result<(RujukanTps, &str, usize), GalatPesan> {
    let mut s = s.trim_start_matches(pemisah);
    let salah = |tulisan: &str, alasan: AlasanTps| GalatPesan::TpsSalah {
        jenis,
        tulisan: kutip(tulisan),
        alasan,
    };
    // An optional word TPS before the code: `TPS 3273011001003`,
    // `TPS3273011001003`.
    let alnum = s.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if alnum >= 3 && s[..3].eq_ignore_ascii_case("TPS") {
        if alnum == 3 {
            s = s[3..].trim_start_matches(pemisah);
            ke += 1;
        } else if s.as_bytes()[3..alnum].iter().all(u8::is_ascii_digit) {
            s = &s[3..];
        }
    }
    let Some(c) = s.chars().next() else {
        return Err(GalatPesan::TpsKosong { jenis });
    };
    if c.is_ascii_alphabetic() {
        let n = s.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let (kode, sisa) = s.split_at(n);
        if let Some(c) = sisa.chars().next()
            && !pemisah(c)
        {
            return Err(salah(kata_pertama(s), AlasanTps::Bentuk));
        }
        return match KodeSingkat::parse(kode) {
            Ok(k) => Ok((RujukanTps::Singkat(k), sisa, ke)),
            Err(KodeSingkatError::Panjang(_)) => Err(salah(kode, AlasanTps::Bentuk)),
            Err(e) => Err(salah(kode, AlasanTps::Singkat(e))),
        };
    }
    if !c.is_ascii_digit() {
        return Err(salah(kata_pertama(s), AlasanTps::Bentuk));
    }
    match baca_kode_penuh(s) {
        Ok((kode, n)) => Ok((RujukanTps::Kode(kode), &s[n..], ke)),
        Err(alasan) => {
            let kata = kata_pertama(s);
            let huruf = kata
                .chars()
                .take_while(|c| !matches!(c, ',' | '#' | ';' | ':' | '='))
                .find(|&c| mirip_digit(c).is_some());
            Err(salah(kata, huruf.map_or(alasan, AlasanTps::Huruf)))
        }
    }
}

/// Reads a full TPS code at the start of `s` (which starts with a digit):
/// `3273011001003`, `3273011001-003`, `3273011001/3`, `32.73.01.1001-003`.
/// Returns the code and how many bytes it took.
fn baca_kode_penuh(s: &str) -> Result<(KodeTps, usize), AlasanTps> {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let digit_dari = |i: usize| b.iter().skip(i).take_while(|x| x.is_ascii_digit()).count();
    let d1 = digit_dari(0);
    // End of the desa code: where `-nomor` must start, if it is needed.
    let desa_akhir = match d1 {
        13 => None,
        10 => Some(10),
        2 if b.get(2) == Some(&b'.') => {
            let pola = [2, 5, 8];
            let ok = (0..13).all(|i| {
                if pola.contains(&i) {
                    b.get(i) == Some(&b'.')
                } else {
                    digit(i)
                }
            });
            if !ok || digit(13) {
                return Err(AlasanTps::Bentuk);
            }
            Some(13)
        }
        n => return Err(AlasanTps::JumlahAngka(n)),
    };
    let akhir = match desa_akhir {
        None => 13,
        Some(i) => match b.get(i) {
            Some(b'-' | b'/') => {
                let d2 = digit_dari(i + 1);
                if !(1..=3).contains(&d2) {
                    return Err(if d2 == 0 {
                        AlasanTps::TanpaNomor
                    } else {
                        AlasanTps::NomorTps
                    });
                }
                i + 1 + d2
            }
            Some(b'.') if i == 13 => return Err(AlasanTps::Pemisah),
            _ => return Err(AlasanTps::TanpaNomor),
        },
    };
    // The code must end at a separator, not run into letters.
    if let Some(c) = s[akhir..].chars().next()
        && !pemisah(c)
    {
        return Err(AlasanTps::Bentuk);
    }
    match KodeTps::parse(&s[..akhir]) {
        Ok(k) => Ok((k, akhir)),
        Err(KodeTpsError::Nomor(_)) => Err(AlasanTps::NomorTps),
        Err(_) => Err(AlasanTps::KodeDesa),
    }
}

/// A word of the message body and the separator text right before it.
#[derive(Debug, Clone, Copy)]
struct Kata<'a> {
    teks: &'a str,
    /// Word number in the whole message (1 = keyword).
    ke: usize,
    pemisah: &'a str,
}

fn pecah(s: &str, ke_awal: usize) -> Vec<Kata<'_>> {
    let mut kata = Vec::new();
    let mut awal_pemisah = 0;
    let mut awal_kata = None;
    for (i, c) in s.char_indices() {
        match (pemisah(c), awal_kata) {
            (true, Some(a)) => {
                kata.push(Kata {
                    teks: &s[a..i],
                    ke: ke_awal + kata.len(),
                    pemisah: &s[awal_pemisah..a],
                });
                awal_kata = None;
                awal_pemisah = i;
            }
            (false, None) => awal_kata = Some(i),
            _ => {}
        }
    }
    if let Some(a) = awal_kata {
        kata.push(Kata {
            teks: &s[a..],
            ke: ke_awal + kata.len(),
            pemisah: &s[awal_pemisah..a],
        });
    }
    kata
}

/// What one word of a result body is.
#[derive(Debug, Clone, Copy)]
enum Unsur<'a> {
    /// ASCII digits (any number of them; the length is checked later).
    Angka(&'a str),
    /// Digits mixed with O, I or l, or O's alone: a question back.
    Mirip(&'a str),
    Label(usize),
    Penanda(Penanda),
    Asing,
}

fn jenis_angka(t: &str) -> Option<Unsur<'_>> {
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Unsur::Angka(t));
    }
    let mirip = t
        .chars()
        .all(|c| c.is_ascii_digit() || mirip_digit(c).is_some());
    let ada_digit = t.bytes().any(|b| b.is_ascii_digit());
    let semua_o = t.chars().all(|c| matches!(c, 'O' | 'o'));
    (!t.is_empty() && mirip && (ada_digit || semua_o)).then_some(Unsur::Mirip(t))
}

/// Classifies a word; a marker glued to its number (`TS7`, `JML270`) gives
/// two. `berikut` is the next word, for the two-word `TIDAK SAH`.
fn golongkan<'a>(t: &'a str, berikut: Option<&str>) -> (Unsur<'a>, Option<Unsur<'a>>, bool) {
    if let Some(u) = jenis_angka(t) {
        return (u, None, false);
    }
    if !t.is_ascii() {
        return (Unsur::Asing, None, false);
    }
    let besar = t.to_ascii_uppercase();
    if (besar == "TIDAK" || besar == "TDK")
        && berikut.is_some_and(|b| b.eq_ignore_ascii_case("SAH"))
    {
        return (Unsur::Penanda(Penanda::Ts), None, true);
    }
    for &(ejaan, p) in PENANDA {
        if besar == ejaan {
            return (Unsur::Penanda(p), None, false);
        }
    }
    for awalan in ["PASLON", "P"] {
        if let Some(nomor) = besar.strip_prefix(awalan)
            && (1..=2).contains(&nomor.len())
            && nomor.bytes().all(|b| b.is_ascii_digit())
        {
            return (Unsur::Label(nomor.parse().unwrap_or_default()), None, false);
        }
    }
    for &(ejaan, p) in PENANDA {
        if besar.starts_with(ejaan)
            && t[ejaan.len()..]
                .starts_with(|c: char| c.is_ascii_digit() || mirip_digit(c).is_some())
            && let Some(u) = jenis_angka(&t[ejaan.len()..])
        {
            return (Unsur::Penanda(p), Some(u), false);
        }
    }
    (Unsur::Asing, None, false)
}

/// Reads the count `t` at `letak`. `berikut` is the next word, to catch
/// `1.200`: one digit, a lone dot or comma, three digits. Read as thousands
/// it is a count the grammar accepts (1200), read as two counts it is too
/// (1 and 200), so it is asked, never chosen. With two or three digits
/// before the dot the thousands reading has five digits or more, which no
/// count can have, so the dot can only be a separator.
fn baca_angka(t: &str, letak: Letak, berikut: Option<&Kata<'_>>) -> Result<u32, GalatPesan> {
    let Some(Unsur::Angka(digit)) = jenis_angka(t) else {
        let maksud: String = t
            .chars()
            .map(|c| mirip_digit(c).map_or(c, char::from))
            .collect();
        if maksud.len() > MAKS_DIGIT {
            return Err(GalatPesan::AngkaTerlaluPanjang {
                letak,
                tulisan: kutip(t),
            });
        }
        return Err(GalatPesan::HurufDalamAngka {
            letak,
            tulisan: kutip(t),
            huruf: t.chars().find(|&c| mirip_digit(c).is_some()).unwrap_or('O'),
            maksud: maksud.parse().unwrap_or_default(),
        });
    };
    if digit.len() > MAKS_DIGIT {
        return Err(GalatPesan::AngkaTerlaluPanjang {
            letak,
            tulisan: kutip(digit),
        });
    }
    let nilai: u32 = digit.parse().unwrap_or_default();
    if let Some(k) = berikut
        && digit.len() == 1
        && (k.pemisah == "." || k.pemisah == ",")
        && k.teks.len() == 3
        && k.teks.bytes().all(|b| b.is_ascii_digit())
    {
        let kanan: u32 = k.teks.parse().unwrap_or_default();
        return Err(GalatPesan::TitikRagu {
            letak,
            tulisan: kutip(&format!("{digit}{}{}", k.pemisah, k.teks)),
            tanda: if k.pemisah == "," { ',' } else { '.' },
            ribuan: nilai * 1000 + kanan,
            kiri: nilai,
            kanan,
        });
    }
    Ok(nilai)
}

fn baca_hasil(tps: RujukanTps, s: &str, ke_awal: usize) -> Result<HasilSms, GalatPesan> {
    let kata = pecah(s, ke_awal);
    let mut suara: Vec<u32> = Vec::new();
    let mut ts = None;
    let mut jml = None;
    // Marker waiting for its number.
    let mut tunggu: Option<Penanda> = None;
    // Label waiting for its number, as written.
    let mut label_tunggu: Option<&str> = None;
    // Whether paslon counts carry labels: decided by the first one.
    let mut berlabel: Option<bool> = None;
    let mut fase_paslon = true;
    let mut i = 0;
    while let Some(k) = kata.get(i) {
        let berikut = kata.get(i + 1);
        let (u, lanjutan, dua_kata) = golongkan(k.teks, berikut.map(|b| b.teks));
        i += if dua_kata { 2 } else { 1 };
        for u in [Some(u), lanjutan].into_iter().flatten() {
            match u {
                Unsur::Angka(t) | Unsur::Mirip(t) => {
                    let letak = if let Some(p) = tunggu {
                        p.letak()
                    } else if fase_paslon {
                        if berlabel == Some(true) && label_tunggu.is_none() {
                            return Err(GalatPesan::LabelCampur { ke: k.ke });
                        }
                        if berlabel.is_none() {
                            berlabel = Some(label_tunggu.is_some());
                        }
                        if suara.len() == MAKS_PASLON {
                            return Err(GalatPesan::PaslonTerlaluBanyak);
                        }
                        Letak::Paslon(suara.len() + 1)
                    } else {
                        return Err(GalatPesan::AngkaTanpaPenanda {
                            ke: k.ke,
                            tulisan: kutip(t),
                        });
                    };
                    let n = baca_angka(t, letak, berikut)?;
                    match tunggu.take() {
                        Some(Penanda::Ts) => ts = Some(n),
                        Some(Penanda::Jml) => jml = Some(n),
                        None => {
                            label_tunggu = None;
                            suara.push(n);
                        }
                    }
                }
                Unsur::Label(n) => {
                    if !fase_paslon {
                        return Err(GalatPesan::KataTidakDikenal {
                            ke: k.ke,
                            tulisan: kutip(k.teks),
                        });
                    }
                    if let Some(l) = label_tunggu {
                        return Err(GalatPesan::LabelTanpaAngka { tulisan: kutip(l) });
                    }
                    if berlabel == Some(false) {
                        return Err(GalatPesan::LabelCampur { ke: k.ke });
                    }
                    let harus = suara.len() + 1;
                    if n != harus {
                        return Err(GalatPesan::LabelSalah {
                            ke: k.ke,
                            tulisan: kutip(k.teks),
                            harus,
                        });
                    }
                    label_tunggu = Some(k.teks);
                }
                Unsur::Penanda(p) => {
                    if let Some(q) = tunggu {
                        return Err(GalatPesan::PenandaTanpaAngka { penanda: q });
                    }
                    if let Some(l) = label_tunggu {
                        return Err(GalatPesan::LabelTanpaAngka { tulisan: kutip(l) });
                    }
                    if suara.is_empty() {
                        return Err(GalatPesan::SuaraKosong);
                    }
                    let sudah = match p {
                        Penanda::Ts => ts.is_some(),
                        Penanda::Jml => jml.is_some(),
                    };
                    if sudah {
                        return Err(GalatPesan::PenandaGanda {
                            penanda: p,
                            ke: k.ke,
                        });
                    }
                    fase_paslon = false;
                    tunggu = Some(p);
                }
                Unsur::Asing => {
                    return Err(GalatPesan::KataTidakDikenal {
                        ke: k.ke,
                        tulisan: kutip(k.teks),
                    });
                }
            }
        }
    }
    if let Some(l) = label_tunggu {
        return Err(GalatPesan::LabelTanpaAngka { tulisan: kutip(l) });
    }
    if let Some(p) = tunggu {
        return Err(GalatPesan::PenandaTanpaAngka { penanda: p });
    }
    if suara.is_empty() {
        return Err(GalatPesan::SuaraKosong);
    }
    let Some(ts) = ts else {
        return Err(GalatPesan::TsTidakAda);
    };
    HasilSms::new(tps, suara, ts, jml)
}

fn baca_lapor(tps: RujukanTps, s: &str) -> Result<Pesan, GalatPesan> {
    let s = s.trim_start_matches(pemisah);
    if s.is_empty() {
        return Err(GalatPesan::KategoriKosong);
    }
    let n = s
        .char_indices()
        .find(|&(_, c)| pemisah(c) && c != '-')
        .map_or(s.len(), |(i, _)| i);
    let (kata, teks) = s.split_at(n);
    let sah = kata.chars().count() <= MAKS_KATEGORI
        && kata
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !sah {
        return Err(GalatPesan::KategoriTidakSah {
            tulisan: kutip(kata),
        });
    }
    let kategori = kata.to_ascii_lowercase().replace('-', "_");
    let teks = teks.trim_start_matches(pemisah).trim_end();
    if teks.is_empty() {
        return Err(GalatPesan::TeksKosong);
    }
    let panjang = teks.chars().count();
    if panjang > MAKS_TEKS_LAPOR {
        return Err(GalatPesan::TeksTerlaluPanjang { panjang });
    }
    Ok(Pesan::Lapor {
        tps,
        kategori,
        teks: teks.to_string(),
    })
}

/// Checks the number of paslon counts against the election's: the entries
/// of section IV, i.e. [`crate::hasil::Batas::jumlah_paslon`] (a
/// single-paslon Pilkada has two: the paslon and the blank box).
pub fn cocokkan_paslon(hasil: &HasilSms, jumlah_paslon: usize) -> Result<(), GalatPesan> {
    let ada = hasil.suara_paslon.len();
    if ada == jumlah_paslon {
        return Ok(());
    }
    // `1 120 2 98 3 45`, what `01:120 02:98 03:45` reads as.
    let nomor_ikut = jumlah_paslon > 0
        && ada == 2 * jumlah_paslon
        && hasil
            .suara_paslon
            .iter()
            .step_by(2)
            .zip(1u32..)
            .all(|(&v, i)| v == i);
    Err(GalatPesan::JumlahPaslon {
        harus: jumlah_paslon,
        ada,
        nomor_ikut,
    })
}

// ---------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------

/// Whether `s` uses only the GSM 03.38 basic character set, so an SMS of up
/// to 160 characters is one message. (The extension characters `^ { } \
/// [ ] ~ |` and `€` cost two; anything else, like curly quotes or an em
/// dash, switches the whole SMS to UCS-2 and 70 characters.)
pub fn gsm7_dasar(s: &str) -> bool {
    const NON_ASCII: &str = "£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà";
    s.chars().all(|c| {
        matches!(c, '\n' | '\r')
            || ((c.is_ascii_graphic() || c == ' ') && !"[\\]^{|}~`".contains(c))
            || NON_ASCII.contains(c)
    })
}

/// A sender's word made safe to quote: plain ASCII (anything else becomes
/// `?`), at most [`MAKS_KUTIPAN`] characters (the last two `..` if cut).
fn kutip(s: &str) -> String {
    kutip_n(s, MAKS_KUTIPAN)
}

fn kutip_n(s: &str, maks: usize) -> String {
    let aman = |c: char| {
        if (c.is_ascii_graphic() && !"[\\]^{|}~`'\"".contains(c)) || c == ' ' {
            c
        } else {
            '?'
        }
    };
    if s.chars().nth(maks).is_some() {
        let mut k: String = s.chars().take(maks.saturating_sub(2)).map(aman).collect();
        k.push_str("..");
        k
    } else {
        s.chars().map(aman).collect()
    }
}

/// Upper-cases the first letter, to start a sentence with an error message.
fn kapital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

mod balasan;
pub use balasan::{
    balasan, balasan_bantuan, balasan_diterima, balasan_diterima_bertanda, balasan_galat,
    balasan_hadir, balasan_lapor,
};

#[cfg(test)]
mod tests;
