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

/// Reads one message. `Ok(Pesan::TidakDikenal)` for text that does not
/// start with a keyword; `Err` for a message that does but breaks the
/// grammar, naming what and where.
pub fn parse(teks: &str) -> Result<Pesan, GalatPesan> {
    // A char is at most 4 bytes: longer byte strings cannot be short enough.
    if teks.len() > 4 * MAKS_KARAKTER || teks.chars().nth(MAKS_KARAKTER).is_some() {
        return Err(GalatPesan::TerlaluPanjang);
    }
    // Leading separators include Telegram's `/` of bot commands.
    let s = teks.trim_start_matches(pemisah);
    if s.starts_with('?') {
        return Ok(Pesan::Bantuan);
    }
    let Some((kunci, sisa)) = baca_kata_kunci(s) else {
        return Ok(Pesan::TidakDikenal);
    };
    let jenis = match kunci {
        Kunci::Bantuan => return Ok(Pesan::Bantuan),
        Kunci::Pesan(j) => j,
    };
    let (tps, sisa, ke) = baca_tps(jenis, sisa)?;
    match jenis {
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
/// message and the word number it was (2, or 3 after a `TPS` word).
fn baca_tps(jenis: JenisPesan, s: &str) -> Result<(RujukanTps, &str, usize), GalatPesan> {
    let mut s = s.trim_start_matches(pemisah);
    let mut ke = 2;
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

/// The reply to a result the server accepted: every number echoed so the
/// saksi can compare with the paper, e.g. `Diterima TPS 3273011001-003:
/// 01=120 02=98 03=45 TS=7 JML=270. Terima kasih.`
///
/// `nama_paslon_singkat` (by nomor urut, may be empty or shorter) replaces
/// `01` with a short name, cut to 8 characters and made GSM-7 safe. When
/// JML disagrees with Σ paslon + TS, the reply says so and asks for a
/// resend if a number is wrong (the result is stored either way; a resend
/// is the next revision). Names are dropped, then labels, when needed to
/// stay within one SMS; up to [`PASLON_SATU_SMS`] paslon it always fits.
pub fn balasan_diterima(hasil: &HasilSms, nama_paslon_singkat: &[&str]) -> String {
    let ekor = match (hasil.suara_total, hasil.jumlah_cocok()) {
        (Some(t), Some(false)) => format!(
            " PERIKSA: dihitung {}, bukan {t}. Bila salah, kirim ulang.",
            hasil.jumlah_dihitung()
        ),
        (Some(_), _) => " Terima kasih.".to_string(),
        (None, _) => format!(" Total {}. Terima kasih.", hasil.jumlah_dihitung()),
    };
    let jml = hasil
        .suara_total
        .map(|t| format!(" JML={t}"))
        .unwrap_or_default();
    let susun = |label: &dyn Fn(usize) -> Option<String>| {
        let mut s = format!("Diterima TPS {}:", hasil.tps);
        for (i, v) in hasil.suara_paslon.iter().enumerate() {
            match label(i) {
                Some(l) => s.push_str(&format!(" {l}={v}")),
                None => s.push_str(&format!(" {v}")),
            }
        }
        s.push_str(&format!(" TS={}{jml}.{ekor}", hasil.suara_tidak_sah));
        s
    };
    let nama = |i: usize| {
        let n = nama_paslon_singkat
            .get(i)
            .map(|n| {
                n.chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .take(8)
                    .collect::<String>()
            })
            .filter(|n| !n.is_empty());
        Some(n.unwrap_or_else(|| format!("{:02}", i + 1)))
    };
    let nomor = |i: usize| Some(format!("{:02}", i + 1));
    let polos = |_: usize| None;
    let pilihan: [&dyn Fn(usize) -> Option<String>; 3] = [&nama, &nomor, &polos];
    let mut balasan = String::new();
    for label in pilihan {
        balasan = susun(label);
        if balasan.len() <= SATU_SMS {
            break;
        }
    }
    balasan
}

/// The reply to a check-in the server accepted.
pub fn balasan_hadir(tps: &RujukanTps) -> String {
    format!(
        "Check-in TPS {tps} diterima. Selamat bertugas! Kirim hasil: HASIL {tps} <suara paslon> TS <tidak sah> JML <total>"
    )
}

/// The reply to an incident report the server accepted. `kategori` is
/// quoted as given, made safe and short.
pub fn balasan_lapor(tps: &RujukanTps, kategori: &str) -> String {
    let kategori = kutip_n(kategori, MAKS_KATEGORI);
    format!(
        "Laporan {kategori} di TPS {tps} diterima dan diteruskan ke tim hukum. Foto bisa dikirim lewat aplikasi Posko."
    )
}

/// The reply to a message that broke the grammar: what was wrong, where,
/// and an example of the right form (or, for a question, the suggested
/// reading it already carries).
pub fn balasan_galat(galat: &GalatPesan) -> String {
    let pesan = kapital(&galat.to_string());
    match galat.jenis() {
        Some(j) if !galat.pertanyaan() => format!("{pesan}. Contoh: {}", j.contoh()),
        _ if galat.pertanyaan() => format!("{pesan}."),
        _ => format!("{pesan}. Kirim BANTUAN untuk format."),
    }
}

/// The help text: every message in one SMS.
pub fn balasan_bantuan() -> String {
    "Posko: HASIL <TPS> <suara paslon> TS <tdk sah> JML <total>. HADIR <TPS>. LAPOR <TPS> <kategori> <cerita>. TPS: 13 angka atau kode singkat lembar tugas"
        .to_string()
}

/// The reply for a parse outcome, when the server has nothing to add
/// (sender is the TPS's saksi, paslon count right, category known).
/// Refusals the server makes answer with their own text instead.
pub fn balasan(hasil: &Result<Pesan, GalatPesan>) -> String {
    match hasil {
        Ok(Pesan::Hasil(h)) => balasan_diterima(h, &[]),
        Ok(Pesan::Hadir { tps }) => balasan_hadir(tps),
        Ok(Pesan::Lapor { tps, kategori, .. }) => balasan_lapor(tps, kategori),
        Ok(Pesan::Bantuan | Pesan::TidakDikenal) => balasan_bantuan(),
        Err(g) => balasan_galat(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hasil::{Aturan, Batas, periksa};
    use proptest::prelude::*;

    fn kode(s: &str) -> RujukanTps {
        RujukanTps::Kode(KodeTps::parse(s).unwrap())
    }

    fn singkat(n: u64) -> RujukanTps {
        RujukanTps::Singkat(kode_singkat(n).unwrap())
    }

    fn hasil(s: &str) -> HasilSms {
        match parse(s) {
            Ok(Pesan::Hasil(h)) => h,
            other => panic!("{s:?} → {other:?}"),
        }
    }

    fn galat(s: &str) -> GalatPesan {
        match parse(s) {
            Err(g) => g,
            other => panic!("{s:?} → {other:?}, expected an error"),
        }
    }

    /// `(tps, votes, ts, jml)` of a parsed result.
    fn angka(s: &str) -> (String, Vec<u32>, u32, Option<u32>) {
        let h = hasil(s);
        (
            h.tps().to_string(),
            h.suara_paslon().to_vec(),
            h.suara_tidak_sah(),
            h.suara_total(),
        )
    }

    fn contoh(jml: Option<u32>) -> (String, Vec<u32>, u32, Option<u32>) {
        ("3273011001-003".to_string(), vec![120, 98, 45], 7, jml)
    }

    /// Every reply must be one plain SMS.
    fn satu_sms(s: &str) {
        assert!(s.chars().count() <= SATU_SMS, "{} chars: {s}", s.len());
        assert!(gsm7_dasar(s), "not GSM-7: {s}");
    }

    // --- short codes -----------------------------------------------------

    #[test]
    fn short_codes_are_stable() {
        // Printed on assignment sheets: these must never change.
        let tetap = [
            (0, "HH3EKT"),
            (1, "ZGEHGQ"),
            (2, "PFTMDA"),
            (3, "EF7QAG"),
            (42, "GM5M9D"),
            (1000, "J8TB6M"),
            (KodeSingkat::KAPASITAS - 1, "THNBPK"),
        ];
        for (n, s) in tetap {
            let k = kode_singkat(n).unwrap();
            assert_eq!(k.to_string(), s, "{n}");
            assert_eq!(k.nomor(), n);
            assert_eq!(KodeSingkat::parse(&s.to_lowercase()).unwrap(), k);
        }
        assert_eq!(KodeSingkat::KAPASITAS, 14_852_901);
        assert_eq!(kode_singkat(KodeSingkat::KAPASITAS), None);
        assert_eq!(kode_singkat(u64::MAX), None);
        assert_eq!(PENGALI * PENGALI_BALIK % KodeSingkat::KAPASITAS, 1);
    }

    #[test]
    fn short_codes_are_unique_and_well_formed() {
        let mut semua = std::collections::HashSet::new();
        for n in 0..200_000 {
            let k = kode_singkat(n).unwrap();
            let s = k.as_str();
            assert!(s.as_bytes()[0].is_ascii_uppercase(), "{s}");
            assert!(s.bytes().all(|b| ABJAD.contains(&b)), "{s}");
            assert!(!s.contains(['0', 'O', '1', 'I', 'L', 'S', 'U']), "{s}");
            assert!(semua.insert(k), "{s} twice");
        }
        // Neighbours (TPS stored one after another) look nothing alike.
        for n in 0..10_000 {
            let a = kode_singkat(n).unwrap();
            let b = kode_singkat(n + 1).unwrap();
            let sama = a.0.iter().zip(b.0).filter(|(x, y)| **x == *y).count();
            assert!(sama <= 3, "{a} {b}");
        }
    }

    #[test]
    fn every_single_typo_and_swap_in_a_short_code_is_caught() {
        for n in [0, 3, 42, 1000, 777_777, KodeSingkat::KAPASITAS - 1] {
            let asli = kode_singkat(n).unwrap().0;
            for i in 0..6 {
                for &c in ABJAD {
                    if c == asli[i] {
                        continue;
                    }
                    let mut v = asli;
                    v[i] = c;
                    let s = String::from_utf8(v.to_vec()).unwrap();
                    assert!(KodeSingkat::parse(&s).is_err(), "{s} from {n}");
                }
                for j in i + 1..6 {
                    if asli[i] == asli[j] {
                        continue;
                    }
                    let mut v = asli;
                    v.swap(i, j);
                    let s = String::from_utf8(v.to_vec()).unwrap();
                    assert!(KodeSingkat::parse(&s).is_err(), "{s} from {n}");
                }
            }
        }
    }

    #[test]
    fn short_code_errors() {
        assert_eq!(
            KodeSingkat::parse("EF7QA"),
            Err(KodeSingkatError::Panjang(5))
        );
        assert_eq!(
            KodeSingkat::parse("EF7QAGX"),
            Err(KodeSingkatError::Panjang(7))
        );
        assert_eq!(
            KodeSingkat::parse("EF7OAG"),
            Err(KodeSingkatError::Karakter('O'))
        );
        assert_eq!(
            KodeSingkat::parse("ef7qa1"),
            Err(KodeSingkatError::Karakter('1'))
        );
        assert_eq!(
            KodeSingkat::parse("éF7QAG"),
            Err(KodeSingkatError::Karakter('é'))
        );
        assert_eq!(
            KodeSingkat::parse("3F7QAG"),
            Err(KodeSingkatError::AwalAngka)
        );
        assert_eq!(
            KodeSingkat::parse("EF7QAH"),
            Err(KodeSingkatError::SalahKetik)
        );
        assert_eq!(
            KodeSingkat::parse(" ef7qag ").unwrap().to_string(),
            "EF7QAG"
        );
        let k: KodeSingkat = "EF7QAG".parse().unwrap();
        assert_eq!(format!("{k:?}"), "KodeSingkat(EF7QAG)");
    }

    // --- TPS references --------------------------------------------------

    #[test]
    fn every_spelling_of_a_tps_code() {
        for tps in [
            "3273011001-003",
            "3273011001003",
            "3273011001-3",
            "3273011001-03",
            "3273011001/003",
            "3273011001/3",
            "32.73.01.1001-003",
            "32.73.01.1001-3",
            "32.73.01.1001/003",
            "TPS 3273011001-003",
            "tps 3273011001003",
            "TPS3273011001003",
            "TPS: 32.73.01.1001-003",
        ] {
            let s = format!("HASIL {tps} 120 98 45 TS 7");
            assert_eq!(angka(&s), contoh(None), "{s}");
        }
        for s in ["EF7QAG", "ef7qag", "Ef7QaG", "TPS EF7QAG"] {
            let h = hasil(&format!("HASIL {s} 120 98 45 TS 7"));
            assert_eq!(h.tps(), singkat(3), "{s}");
        }
    }

    #[test]
    fn wrong_tps_codes_say_why() {
        let alasan = |s: &str| match galat(s) {
            GalatPesan::TpsSalah { alasan, .. } => alasan,
            g => panic!("{s}: {g:?}"),
        };
        let cases = [
            ("HASIL 3273011001 120 98 45 TS 7", AlasanTps::TanpaNomor),
            ("HASIL 327301100103 120 TS 7", AlasanTps::JumlahAngka(12)),
            ("HASIL 32730110010033 120 TS 7", AlasanTps::JumlahAngka(14)),
            ("HASIL 003 120 TS 7", AlasanTps::JumlahAngka(3)),
            ("HASIL TPS 003 120 TS 7", AlasanTps::JumlahAngka(3)),
            ("HASIL 3273011001-000 120 TS 7", AlasanTps::NomorTps),
            ("HASIL 3273011001-0003 120 TS 7", AlasanTps::NomorTps),
            ("HASIL 3273011001- 120 TS 7", AlasanTps::TanpaNomor),
            ("HASIL 32.73.01.1001 120 TS 7", AlasanTps::TanpaNomor),
            ("HASIL 32.73.01.1001.003 120 TS 7", AlasanTps::Pemisah),
            ("HASIL 32.73.1.1001-003 120 TS 7", AlasanTps::Bentuk),
            ("HASIL 0573011001003 120 TS 7", AlasanTps::KodeDesa),
            ("HASIL 3273015001003 120 TS 7", AlasanTps::KodeDesa),
            ("HASIL 327301100l-003 120 TS 7", AlasanTps::Huruf('l')),
            ("HASIL 32730110O1003 120 TS 7", AlasanTps::Huruf('O')),
            ("HASIL 3273011001-0O3 120 TS 7", AlasanTps::Huruf('O')),
            ("HASIL 3273011001003x 120 TS 7", AlasanTps::Bentuk),
            ("HASIL !@# 120 TS 7", AlasanTps::Bentuk),
            ("HASIL sebelas 120 TS 7", AlasanTps::Bentuk),
            ("HASIL EF7QAG! 120 TS 7", AlasanTps::Bentuk),
            (
                "HASIL EF7QAH 120 TS 7",
                AlasanTps::Singkat(KodeSingkatError::SalahKetik),
            ),
            (
                "HASIL EF7OAG 120 TS 7",
                AlasanTps::Singkat(KodeSingkatError::Karakter('O')),
            ),
        ];
        for (s, harus) in cases {
            assert_eq!(alasan(s), harus, "{s}");
        }
        assert_eq!(
            galat("HASIL"),
            GalatPesan::TpsKosong {
                jenis: JenisPesan::Hasil
            }
        );
        assert_eq!(
            galat("lapor :: "),
            GalatPesan::TpsKosong {
                jenis: JenisPesan::Lapor
            }
        );
        assert_eq!(
            galat("HADIR 3273011001").to_string(),
            "kode TPS '3273011001' belum ada nomor TPS: tambahkan mis. -003"
        );
    }

    // --- results: what is tolerated --------------------------------------

    #[test]
    fn tolerated_spellings_of_a_result() {
        let tanpa = [
            "HASIL 3273011001-003 120 98 45 TS 7",
            "hasil 3273011001-003 120 98 45 ts 7",
            "Hasil 3273011001-003 120 98 45 Ts 7",
            "HASIL   3273011001-003    120 98   45 TS    7   ",
            "HASIL\t3273011001-003\t120\t98\t45\tTS\t7",
            "HASIL\n3273011001-003\n120\n98\n45\nTS\n7\n",
            "HASIL\r\n3273011001-003\r\n120\r\n98\r\n45\r\nTS 7",
            "hasil#3273011001003#120#98#45#ts#7",
            "HASIL 3273011001-003: 120, 98, 45. TS 7",
            "HASIL 3273011001-003 120,98,45 TS 7",
            "HASIL 3273011001-003 120.98.45 TS 7",
            "HASIL 3273011001-003 120;98;45;TS;7",
            "HASIL/3273011001-003/120/98/45/TS/7",
            "HASIL 3273011001-003 120-98-45 TS-7",
            "HASIL=3273011001-003=120=98=45=TS=7",
            "HASIL 3273011001-003 0120 098 045 TS 007",
            "HASIL 3273011001-003 120 98 45 TS 0007",
            "HASIL 3273011001-003 120 98 45 TS7",
            "HASIL 3273011001-003 120 98 45 TS=7",
            "HASIL 3273011001-003 120 98 45 TS: 7",
            "HASIL 3273011001-003 120 98 45 TSAH 7",
            "HASIL 3273011001-003 120 98 45 tidak sah 7",
            "HASIL 3273011001-003 120 98 45 TDK SAH 7",
            "HASIL 3273011001-003 120 98 45 tidak-sah 7",
            "HASIL 3273011001-003 120 98 45 TIDAKSAH 7",
            "HASIL 3273011001-003 120 98 45 TDKSAH7",
            "HASIL 3273011001-003 P1=120 P2=98 P3=45 TS=7",
            "HASIL 3273011001-003 p1 120 p2 98 p3 45 ts 7",
            "HASIL 3273011001-003 P01:120 P02:098 P03:045 TS:7",
            "HASIL 3273011001-003 paslon1=120 paslon2=98 paslon3=45 TS=7",
            "HSL 3273011001-003 120 98 45 TS 7",
            "SUARA 3273011001-003 120 98 45 TS 7",
            "HASIL3273011001003 120 98 45 TS 7",
            "#HASIL 3273011001-003 120 98 45 TS 7",
            "/hasil 3273011001-003 120 98 45 TS 7",
            "/hasil@PoskoBot 3273011001-003 120 98 45 TS 7",
            "HASIL\u{a0}3273011001-003\u{a0}120\u{3000}98 45 TS 7",
        ];
        for s in tanpa {
            assert_eq!(angka(s), contoh(None), "{s:?}");
        }
        let dengan = [
            "HASIL 3273011001-003 120 98 45 TS 7 JML 270",
            "HASIL 3273011001-003 120 98 45 TS 7 jml 270",
            "HASIL 3273011001-003 120 98 45 TS 7 TOTAL 270",
            "HASIL 3273011001-003 120 98 45 TS 7 Jumlah 270",
            "HASIL 3273011001-003 120 98 45 TS 7 JLH 270",
            "HASIL 3273011001-003 120 98 45 TS 7 JML270",
            "HASIL 3273011001-003 120 98 45 TS 7 total=0270",
            "HASIL 3273011001-003 120 98 45 JML 270 TS 7",
            "HASIL 3273011001-003 120 98 45. TS 7. JML 270.",
            "hasil#3273011001003#120#98#45#ts#7#jml#270",
        ];
        for s in dengan {
            assert_eq!(angka(s), contoh(Some(270)), "{s:?}");
        }
    }

    #[test]
    fn dots_and_commas_between_numbers() {
        // Two or three digits before: a thousands reading would need five
        // digits, so the dot can only separate.
        assert_eq!(angka("HASIL 3273011001-003 12.500 TS 7").1, [12, 500]);
        assert_eq!(
            angka("HASIL 3273011001-003 120.145.98 TS 7").1,
            [120, 145, 98]
        );
        assert_eq!(
            angka("HASIL 3273011001-003 120,145,98 TS 7").1,
            [120, 145, 98]
        );
        // Not three digits after, or a space: a separator.
        assert_eq!(angka("HASIL 3273011001-003 1.20 TS 7").1, [1, 20]);
        assert_eq!(angka("HASIL 3273011001-003 1. 200 TS 7").1, [1, 200]);
        assert_eq!(angka("HASIL 3273011001-003 1 .200 TS 7").1, [1, 200]);
        assert_eq!(angka("HASIL 3273011001-003 1.2000 TS 7").1, [1, 2000]);
        // One digit, a lone dot or comma, three digits: asked.
        let g = galat("HASIL 3273011001-003 120 1.200 TS 7");
        assert_eq!(
            g,
            GalatPesan::TitikRagu {
                letak: Letak::Paslon(2),
                tulisan: "1.200".into(),
                tanda: '.',
                ribuan: 1200,
                kiri: 1,
                kanan: 200,
            }
        );
        assert_eq!(
            g.to_string(),
            "angka ke-2 '1.200': maksud Anda 1200, atau 1 dan 200? Kirim ulang tanpa titik, pisahkan angka dengan spasi"
        );
        let g = galat("HASIL 3273011001-003 120 98 TS 7 JML 1,005");
        assert!(
            matches!(
                g,
                GalatPesan::TitikRagu {
                    letak: Letak::Jumlah,
                    tanda: ',',
                    ribuan: 1005,
                    ..
                }
            ),
            "{g:?}"
        );
        assert!(g.to_string().contains("tanpa koma"), "{g}");
        assert!(matches!(
            galat("HASIL 3273011001-003 120 98 TS7.200"),
            GalatPesan::TitikRagu {
                letak: Letak::TidakSah,
                ribuan: 7200,
                ..
            }
        ));
        assert!(matches!(
            galat("HASIL 3273011001-003 0.050 TS 7"),
            GalatPesan::TitikRagu { ribuan: 50, .. }
        ));
    }

    #[test]
    fn letters_in_numbers_are_questions() {
        let g = galat("HASIL 3273011001-003 120 98 12O TS 7");
        assert_eq!(
            g,
            GalatPesan::HurufDalamAngka {
                letak: Letak::Paslon(3),
                tulisan: "12O".into(),
                huruf: 'O',
                maksud: 120,
            }
        );
        assert_eq!(
            g.to_string(),
            "angka ke-3 '12O' memuat huruf O: maksud Anda 120? Kirim ulang dengan angka saja"
        );
        let tanya = |s: &str| match galat(s) {
            GalatPesan::HurufDalamAngka {
                letak,
                huruf,
                maksud,
                ..
            } => (letak, huruf, maksud),
            g => panic!("{s}: {g:?}"),
        };
        assert_eq!(
            tanya("HASIL 3273011001-003 1O5 98 TS 7"),
            (Letak::Paslon(1), 'O', 105)
        );
        assert_eq!(
            tanya("HASIL 3273011001-003 120 98 TS o"),
            (Letak::TidakSah, 'o', 0)
        );
        assert_eq!(
            tanya("HASIL 3273011001-003 120 98 TS 7 JML 2l8"),
            (Letak::Jumlah, 'l', 218)
        );
        assert_eq!(
            tanya("HASIL 3273011001-003 I20 98 TS 7"),
            (Letak::Paslon(1), 'I', 120)
        );
        assert_eq!(
            tanya("HASIL 3273011001-003 120 98 TSO7"),
            (Letak::TidakSah, 'O', 7)
        );
        assert_eq!(
            tanya("HASIL 3273011001-003 P1=12O P2=98 TS 7"),
            (Letak::Paslon(1), 'O', 120)
        );
        // Too long even as digits: a typo, not a question.
        assert!(matches!(
            galat("HASIL 3273011001-003 12OOO TS 7"),
            GalatPesan::AngkaTerlaluPanjang { .. }
        ));
        // Letters that are not look-alikes are just unknown words.
        assert!(matches!(
            galat("HASIL 3273011001-003 12B TS 7"),
            GalatPesan::KataTidakDikenal { ke: 3, .. }
        ));
    }

    #[test]
    fn counts_of_more_than_four_digits_are_typos() {
        assert_eq!(angka("HASIL 3273011001-003 9999 0 TS 9999").1, [9999, 0]);
        let g = galat("HASIL 3273011001-003 120 98 12000 TS 7");
        assert_eq!(
            g,
            GalatPesan::AngkaTerlaluPanjang {
                letak: Letak::Paslon(3),
                tulisan: "12000".into()
            }
        );
        assert_eq!(
            g.to_string(),
            "angka ke-3 '12000' lebih dari 4 angka: periksa lagi"
        );
        assert!(matches!(
            galat("HASIL 3273011001-003 120 TS 00007"),
            GalatPesan::AngkaTerlaluPanjang {
                letak: Letak::TidakSah,
                ..
            }
        ));
        let panjang = format!("HASIL 3273011001-003 {} TS 7", "9".repeat(500));
        match galat(&panjang) {
            GalatPesan::AngkaTerlaluPanjang { tulisan, .. } => {
                assert_eq!(tulisan, "9999999999..")
            }
            g => panic!("{g:?}"),
        }
        // Above 1000 is suspicious but syntactically fine: periksa flags it.
        assert_eq!(angka("HASIL 3273011001-003 1500 98 TS 7").1, [1500, 98]);
    }

    #[test]
    fn grammar_errors_name_the_word() {
        let cases: &[(&str, GalatPesan)] = &[
            ("HASIL 3273011001-003", GalatPesan::SuaraKosong),
            ("HASIL 3273011001-003 TS 7", GalatPesan::SuaraKosong),
            ("HASIL 3273011001-003 120 98 45", GalatPesan::TsTidakAda),
            ("HASIL 3273011001-003 120 98 45 7", GalatPesan::TsTidakAda),
            (
                "HASIL 3273011001-003 120 98 45 JML 270",
                GalatPesan::TsTidakAda,
            ),
            (
                "HASIL 3273011001-003 120 98 45 TS",
                GalatPesan::PenandaTanpaAngka {
                    penanda: Penanda::Ts,
                },
            ),
            (
                "HASIL 3273011001-003 120 98 45 TS 7 JML",
                GalatPesan::PenandaTanpaAngka {
                    penanda: Penanda::Jml,
                },
            ),
            (
                "HASIL 3273011001-003 120 98 45 TS JML 270",
                GalatPesan::PenandaTanpaAngka {
                    penanda: Penanda::Ts,
                },
            ),
            (
                "HASIL 3273011001-003 120 98 45 TS 7 TS 8",
                GalatPesan::PenandaGanda {
                    penanda: Penanda::Ts,
                    ke: 8,
                },
            ),
            (
                "HASIL 3273011001-003 120 98 45 TS 7 270",
                GalatPesan::AngkaTanpaPenanda {
                    ke: 8,
                    tulisan: "270".into(),
                },
            ),
            (
                "HASIL 3273011001-003 120 98 45 TS 7 mohon dicek",
                GalatPesan::KataTidakDikenal {
                    ke: 8,
                    tulisan: "mohon".into(),
                },
            ),
            (
                "HASIL 3273011001-003 120 98 45+7 TS 7",
                GalatPesan::KataTidakDikenal {
                    ke: 5,
                    tulisan: "45+7".into(),
                },
            ),
            (
                "HASIL 3273011001-003 120 98 45 TS 7 🙏",
                GalatPesan::KataTidakDikenal {
                    ke: 8,
                    tulisan: "?".into(),
                },
            ),
            (
                "HASIL 3273011001-003 P1 120 P3 98 TS 7",
                GalatPesan::LabelSalah {
                    ke: 5,
                    tulisan: "P3".into(),
                    harus: 2,
                },
            ),
            (
                "HASIL 3273011001-003 P0 120 TS 7",
                GalatPesan::LabelSalah {
                    ke: 3,
                    tulisan: "P0".into(),
                    harus: 1,
                },
            ),
            (
                "HASIL 3273011001-003 P1 P2 98 TS 7",
                GalatPesan::LabelTanpaAngka {
                    tulisan: "P1".into(),
                },
            ),
            (
                "HASIL 3273011001-003 P1 120 P2 TS 7",
                GalatPesan::LabelTanpaAngka {
                    tulisan: "P2".into(),
                },
            ),
            (
                "HASIL 3273011001-003 120 P2 98 TS 7",
                GalatPesan::LabelCampur { ke: 4 },
            ),
            (
                "HASIL 3273011001-003 P1 120 98 TS 7",
                GalatPesan::LabelCampur { ke: 5 },
            ),
            (
                "HASIL 3273011001-003 120 98 TS 7 P3 45",
                GalatPesan::KataTidakDikenal {
                    ke: 7,
                    tulisan: "P3".into(),
                },
            ),
        ];
        for (s, harus) in cases {
            assert_eq!(&galat(s), harus, "{s}");
        }
        let banyak = format!("HASIL 3273011001-003 {} TS 7", "1 ".repeat(100));
        assert_eq!(galat(&banyak), GalatPesan::PaslonTerlaluBanyak);
        let pas = format!("HASIL 3273011001-003 {} TS 7", "1 ".repeat(99));
        assert_eq!(hasil(&pas).suara_paslon().len(), 99);
    }

    #[test]
    fn message_length_is_capped() {
        let batas = format!("HASIL 3273011001-003 120 98 TS 7{}", " ".repeat(968));
        assert_eq!(batas.chars().count(), 1000);
        assert!(parse(&batas).is_ok());
        assert_eq!(parse(&format!("{batas} ")), Err(GalatPesan::TerlaluPanjang));
        assert_eq!(parse(&"é".repeat(1001)), Err(GalatPesan::TerlaluPanjang));
        assert!(parse(&"é".repeat(1000)).is_ok());
        assert_eq!(
            parse(&"x".repeat(10_000_000)),
            Err(GalatPesan::TerlaluPanjang)
        );
    }

    // --- other messages ---------------------------------------------------

    #[test]
    fn check_in() {
        for s in [
            "HADIR 3273011001-003",
            "hadir 3273011001003",
            "Hadir: 32.73.01.1001-3.",
            "CHECKIN 3273011001-003",
            "checkin#3273011001003",
            "Check-in 3273011001-003",
            "CEK-IN 3273011001-003",
            "cekin 3273011001-003",
            "HADIR TPS 3273011001-003",
        ] {
            assert_eq!(
                parse(s),
                Ok(Pesan::Hadir {
                    tps: kode("3273011001003")
                }),
                "{s}"
            );
        }
        assert_eq!(parse("hadir ef7qag"), Ok(Pesan::Hadir { tps: singkat(3) }));
        assert_eq!(
            galat("HADIR 3273011001-003 siap bertugas"),
            GalatPesan::HadirBerlebih {
                ke: 3,
                tulisan: "siap".into()
            }
        );
        // MASUK is not a check-in (see KATA_KUNCI).
        assert_eq!(parse("MASUK 3273011001-003"), Ok(Pesan::TidakDikenal));
        assert_eq!(parse("CHECK 3273011001-003"), Ok(Pesan::TidakDikenal));
        assert_eq!(parse("CHECK-INN 3273011001-003"), Ok(Pesan::TidakDikenal));
    }

    #[test]
    fn incident_reports() {
        let lapor = |s: &str| match parse(s) {
            Ok(Pesan::Lapor {
                tps,
                kategori,
                teks,
            }) => (tps, kategori, teks),
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(
            lapor("LAPOR 3273011001-003 intimidasi Saksi kami diusir oleh oknum."),
            (
                kode("3273011001003"),
                "intimidasi".to_string(),
                "Saksi kami diusir oleh oknum.".to_string()
            )
        );
        assert_eq!(
            lapor("lapor ef7qag Politik-Uang: ada bagi amplop di RT 03  \n"),
            (
                singkat(3),
                "politik_uang".to_string(),
                "ada bagi amplop di RT 03".to_string()
            )
        );
        // The story is kept verbatim, line breaks and emoji included.
        let (_, k, t) = lapor("INSIDEN 3273011001-003 logistik\nKotak suara\nrusak 😡 ");
        assert_eq!(
            (k.as_str(), t.as_str()),
            ("logistik", "Kotak suara\nrusak 😡")
        );
        let (_, k, _) = lapor("LAPORAN 3273011001-003 saksi_dihalangi tidak boleh masuk");
        assert_eq!(k, "saksi_dihalangi");
        let (_, _, t) = lapor(&format!("LAPOR 3273011001-003 lain {}", "a".repeat(500)));
        assert_eq!(t.len(), 500);
        assert_eq!(
            galat(&format!("LAPOR 3273011001-003 lain {}", "a".repeat(501))),
            GalatPesan::TeksTerlaluPanjang { panjang: 501 }
        );
        assert_eq!(galat("LAPOR 3273011001-003"), GalatPesan::KategoriKosong);
        assert_eq!(
            galat("LAPOR 3273011001-003 intimidasi"),
            GalatPesan::TeksKosong
        );
        assert_eq!(
            galat("LAPOR 3273011001-003 intimidasi : "),
            GalatPesan::TeksKosong
        );
        assert_eq!(
            galat("LAPOR 3273011001-003 intimidasí ada orang"),
            GalatPesan::KategoriTidakSah {
                tulisan: "intimidas?".into()
            }
        );
        assert!(matches!(
            galat(&format!("LAPOR 3273011001-003 {} x", "a".repeat(31))),
            GalatPesan::KategoriTidakSah { .. }
        ));
    }

    #[test]
    fn help_and_everything_else() {
        for s in [
            "BANTUAN",
            "bantuan",
            "Bantu",
            "INFO",
            "info apa ini",
            "HELP",
            "help!",
            "?",
            "??",
            " ? ",
            "MENU",
            "/start",
            "/help@PoskoBot",
        ] {
            assert_eq!(parse(s), Ok(Pesan::Bantuan), "{s}");
        }
        for s in [
            "",
            "   ",
            "Selamat pagi pak",
            "Hasilnya bagaimana?",
            "HASIL!",
            "hasilé 3273011001-003",
            "120 98 45",
            "3273011001-003 HASIL 120 98 45 TS 7",
            "😀",
            "\u{0}",
            "OK",
        ] {
            assert_eq!(parse(s), Ok(Pesan::TidakDikenal), "{s:?}");
        }
    }

    /// Messages as saksi actually type them on cheap phones.
    #[test]
    fn realistic_phone_messages() {
        let diterima: &[(&str, &[u32], u32, Option<u32>)] = &[
            (
                "HASIL 3273011001-003 120 98 45 TS 7",
                &[120, 98, 45],
                7,
                None,
            ),
            (
                "hasil 3273011001003 120 98 45 ts 7 jml 270",
                &[120, 98, 45],
                7,
                Some(270),
            ),
            (
                "Hasil 32.73.01.1001-003: 120, 98, 45. TS 7",
                &[120, 98, 45],
                7,
                None,
            ),
            (
                "hasil#3273011001003#120#98#45#ts#7",
                &[120, 98, 45],
                7,
                None,
            ),
            (
                "HASIL 3273011001-3\n120\n98\n45\nTS 7\nJML 270",
                &[120, 98, 45],
                7,
                Some(270),
            ),
            (
                "HASIL  3273011001-003   120  098  045  TS  007",
                &[120, 98, 45],
                7,
                None,
            ),
            ("hasil ef7qag 201 187 ts 11", &[201, 187], 11, None),
            (
                "HASIL TPS 3273011001-003 P1=120 P2=98 P3=45 TS=7 JML=270",
                &[120, 98, 45],
                7,
                Some(270),
            ),
            (
                "hasil 3273011001/003 p1:120 p2:98 p3:45 ts:7 total:270",
                &[120, 98, 45],
                7,
                Some(270),
            ),
            (
                "Hasil 3273011001-003 120,98,45 TS7 JML270",
                &[120, 98, 45],
                7,
                Some(270),
            ),
            (
                "HASIL 3273011001-003 120 98 45 tidak sah 7 jumlah 270",
                &[120, 98, 45],
                7,
                Some(270),
            ),
            (
                "HASIL 3273011001-003 120 98 45 JML 270 TS 7",
                &[120, 98, 45],
                7,
                Some(270),
            ),
            (
                "/hasil@PoskoBot 3273011001-003 120 98 45 TS 7",
                &[120, 98, 45],
                7,
                None,
            ),
            (
                "  hasil 3273011001-003 120 98 45 ts 7.  ",
                &[120, 98, 45],
                7,
                None,
            ),
            (
                "HASIL 3273011001-003 120 98 45 TS 0 JML 263",
                &[120, 98, 45],
                0,
                Some(263),
            ),
            ("HASIL 3273011001-003 150 40 TS 3", &[150, 40], 3, None),
            (
                "HASIL 3273011001-003 120;98;45;ts;7",
                &[120, 98, 45],
                7,
                None,
            ),
            (
                "HASIL 3273011001-003 120-98-45 TS-7 JML-270",
                &[120, 98, 45],
                7,
                Some(270),
            ),
            (
                "suara 3273011001-003 120 98 45 ts 7",
                &[120, 98, 45],
                7,
                None,
            ),
            (
                "HASIL 3273011001-003 120 98 45 TDK SAH 7",
                &[120, 98, 45],
                7,
                None,
            ),
            (
                "Hasil 3273011001-003. 0 0 0. TS 0. JML 0.",
                &[0, 0, 0],
                0,
                Some(0),
            ),
            (
                "HASIL 3171011001-012 312 254 TS 9 JML 575",
                &[312, 254],
                9,
                Some(575),
            ),
        ];
        for &(s, suara, ts, jml) in diterima {
            let h = hasil(s);
            assert_eq!(
                (h.suara_paslon(), h.suara_tidak_sah(), h.suara_total()),
                (suara, ts, jml),
                "{s:?}"
            );
        }
        let ditanya: &[(&str, &str)] = &[
            (
                "HASIL 3273011001-003 12O 98 45 TS 7",
                "Angka ke-1 '12O' memuat huruf O: maksud Anda 120? Kirim ulang dengan angka saja.",
            ),
            (
                "hasil 3273011001-003 120 98 1.200 TS 7",
                "Angka ke-3 '1.200': maksud Anda 1200, atau 1 dan 200? Kirim ulang tanpa titik, pisahkan angka dengan spasi.",
            ),
            (
                "HASIL 3273011001-003 120 98 45 7",
                "Suara tidak sah belum ditulis: tambahkan TS lalu angkanya. Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
            ),
            (
                "HASIL 3273011001 120 98 45 TS 7",
                "Kode TPS '3273011001' belum ada nomor TPS: tambahkan mis. -003. Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
            ),
            (
                "HASIL 327301100103 120 98 45 TS 7",
                "Kode TPS '327301100103' berisi 12 angka, harus 13 (10 kode desa + 3 nomor TPS). Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
            ),
            (
                "HASIL 3273011001-003 120 98 45 TS 7 mohon dicek",
                "Kata ke-8 'mohon' tidak dikenali. Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
            ),
            (
                "HASIL 3273011001-003 120 98 45 TS 7 270",
                "Angka '270' (kata ke-8) sesudah TS tanpa penanda: total ditulis sesudah JML. Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
            ),
            (
                "HASIL 3273011001-003 12000 98 45 TS 7",
                "Angka ke-1 '12000' lebih dari 4 angka: periksa lagi. Contoh: HASIL 3273011001-003 120 98 45 TS 7 JML 270",
            ),
            (
                "HADIR 3273011001-003 siap",
                "HADIR cukup dengan kode TPS; kata ke-3 'siap' tidak dipakai. Contoh: HADIR 3273011001-003",
            ),
            (
                "LAPOR 3273011001-003 intimidasi",
                "Cerita kejadian belum ditulis setelah kategori. Contoh: LAPOR 3273011001-003 logistik surat suara kurang 20",
            ),
        ];
        for &(s, balasan) in ditanya {
            let b = balasan_galat(&galat(s));
            assert_eq!(b, balasan, "{s:?}");
            satu_sms(&b);
        }
    }

    // --- paslon count and the form ---------------------------------------

    #[test]
    fn paslon_count_is_checked_separately() {
        let h = hasil("HASIL 3273011001-003 120 98 TS 7");
        assert_eq!(cocokkan_paslon(&h, 2), Ok(()));
        let g = cocokkan_paslon(&h, 3).unwrap_err();
        assert_eq!(
            g,
            GalatPesan::JumlahPaslon {
                harus: 3,
                ada: 2,
                nomor_ikut: false
            }
        );
        assert_eq!(g.to_string(), "diharapkan 3 angka suara paslon, diterima 2");
        // `01:120 02:98 03:45`: colon is a separator, so the nomor urut
        // became counts. Refused, with a hint.
        let h = hasil("HASIL 3273011001-003 01:120 02:98 03:45 TS 7");
        assert_eq!(h.suara_paslon(), [1, 120, 2, 98, 3, 45]);
        let g = cocokkan_paslon(&h, 3).unwrap_err();
        assert_eq!(
            g.to_string(),
            "diharapkan 3 angka suara paslon, diterima 6: tulis suaranya saja, tanpa nomor urut"
        );
        assert!(matches!(
            cocokkan_paslon(&h, 2),
            Err(GalatPesan::JumlahPaslon {
                nomor_ikut: false,
                ..
            })
        ));
        assert!(matches!(
            cocokkan_paslon(&h, 0),
            Err(GalatPesan::JumlahPaslon {
                nomor_ikut: false,
                ..
            })
        ));
        satu_sms(&balasan_galat(&g));
    }

    #[test]
    fn the_form_leaves_valid_votes_blank() {
        let h = hasil("HASIL 3273011001-003 120 98 45 TS 7 JML 270");
        let f = h.formulir();
        assert_eq!(f.suara_paslon, [Some(120), Some(98), Some(45)]);
        assert_eq!(f.suara_sah, None);
        assert_eq!(f.suara_tidak_sah, Some(7));
        assert_eq!(f.suara_total, Some(270));
        assert_eq!(f.dpt, Default::default());
        // V.A is reported as blank, not checked against a made-up sum.
        let t = periksa(&f, &Batas::pilkada_2024(3));
        let aturan: Vec<Aturan> = t.iter().map(|t| t.aturan).collect();
        assert_eq!(aturan, [Aturan::KosongWajib]);
        assert_eq!(t[0].kolom, ["suara_sah"]);
        // Without JML, V.C is blank too.
        let f = hasil("HASIL 3273011001-003 120 98 45 TS 7").formulir();
        assert_eq!(f.suara_total, None);
        // The SMS's own sum is the one the reply checks.
        assert_eq!(h.jumlah_dihitung(), 270);
        assert_eq!(h.jumlah_cocok(), Some(true));
        let salah = hasil("HASIL 3273011001-003 120 98 45 TS 7 JML 271");
        assert_eq!(salah.jumlah_cocok(), Some(false));
        assert_eq!(hasil("HASIL EF7QAG 1 TS 0").jumlah_cocok(), None);
    }

    #[test]
    fn constructor_and_canonical_text() {
        let h = HasilSms::new(kode("3273011001003"), vec![120, 98, 45], 7, Some(270)).unwrap();
        assert_eq!(h.teks_baku(), "HASIL 3273011001-003 120 98 45 TS 7 JML 270");
        assert_eq!(hasil(&h.teks_baku()), h);
        let h = HasilSms::new(singkat(3), vec![5], 0, None).unwrap();
        assert_eq!(h.teks_baku(), "HASIL EF7QAG 5 TS 0");
        assert_eq!(hasil(&h.teks_baku()), h);
        assert_eq!(
            HasilSms::new(singkat(3), vec![], 0, None),
            Err(GalatPesan::SuaraKosong)
        );
        assert_eq!(
            HasilSms::new(singkat(3), vec![1; 100], 0, None),
            Err(GalatPesan::PaslonTerlaluBanyak)
        );
        assert_eq!(
            HasilSms::new(singkat(3), vec![1], 0, Some(10_000)),
            Err(GalatPesan::AngkaTerlaluPanjang {
                letak: Letak::Jumlah,
                tulisan: "10000".into()
            })
        );
        assert_eq!(
            HasilSms::new(singkat(3), vec![1, u32::MAX], 0, None),
            Err(GalatPesan::AngkaTerlaluPanjang {
                letak: Letak::Paslon(2),
                tulisan: "4294967295".into()
            })
        );
    }

    // --- replies ------------------------------------------------------------

    #[test]
    fn reply_texts() {
        let h = hasil("HASIL 3273011001-003 120 98 45 TS 7 JML 270");
        assert_eq!(
            balasan_diterima(&h, &[]),
            "Diterima TPS 3273011001-003: 01=120 02=98 03=45 TS=7 JML=270. Terima kasih."
        );
        assert_eq!(
            balasan_diterima(&h, &["Asep-Dedi", "", "Ujang”"]),
            "Diterima TPS 3273011001-003: AsepDedi=120 02=98 Ujang=45 TS=7 JML=270. Terima kasih."
        );
        let h = hasil("HASIL ef7qag 120 98 45 TS 7");
        assert_eq!(
            balasan_diterima(&h, &[]),
            "Diterima TPS EF7QAG: 01=120 02=98 03=45 TS=7. Total 270. Terima kasih."
        );
        let h = hasil("HASIL 3273011001-003 120 98 45 TS 7 JML 271");
        assert_eq!(
            balasan_diterima(&h, &[]),
            "Diterima TPS 3273011001-003: 01=120 02=98 03=45 TS=7 JML=271. PERIKSA: dihitung 270, bukan 271. Bila salah, kirim ulang."
        );
        assert_eq!(
            balasan_hadir(&kode("3273011001003")),
            "Check-in TPS 3273011001-003 diterima. Selamat bertugas! Kirim hasil: HASIL 3273011001-003 <suara paslon> TS <tidak sah> JML <total>"
        );
        assert_eq!(
            balasan_lapor(&singkat(3), "politik_uang"),
            "Laporan politik_uang di TPS EF7QAG diterima dan diteruskan ke tim hukum. Foto bisa dikirim lewat aplikasi Posko."
        );
        assert_eq!(
            balasan(&parse(
                "lapor 3273011001003 Saksi-Dihalangi tidak boleh masuk"
            )),
            "Laporan saksi_dihalangi di TPS 3273011001-003 diterima dan diteruskan ke tim hukum. Foto bisa dikirim lewat aplikasi Posko."
        );
        assert_eq!(
            balasan(&parse("LAPOR EF7QAG politik_uang amplop")),
            balasan_lapor(&singkat(3), "politik_uang")
        );
        assert_eq!(balasan(&parse("halo")), balasan_bantuan());
        assert_eq!(
            balasan_galat(&GalatPesan::TerlaluPanjang),
            "Pesan lebih dari 1000 karakter: kirim satu laporan per pesan. Kirim BANTUAN untuk format."
        );
        for b in [
            balasan_bantuan(),
            balasan_hadir(&kode("3273011001003")),
            balasan_lapor(&kode("3273011001003"), &"x".repeat(100)),
            balasan_lapor(&kode("3273011001003"), &"é".repeat(100)),
            balasan_lapor(&kode("3273011001003"), "“kutip” — ẞ"),
        ] {
            satu_sms(&b);
        }
    }

    #[test]
    fn result_replies_fit_one_sms_up_to_ten_paslon() {
        let tps = [kode("3273011001003"), singkat(3)];
        let nama = ["Panjangsekali"; 12];
        for t in tps {
            for n in 1..=PASLON_SATU_SMS {
                for (v, ts, jml) in [
                    (9999, 9999, Some(9999)),
                    (9999, 9999, None),
                    (9999, 9999, Some(0)),
                    (0, 0, Some(0)),
                    (1, 1, None),
                ] {
                    let h = HasilSms::new(t, vec![v; n], ts, jml).unwrap();
                    for nama in [&nama[..], &[]] {
                        let b = balasan_diterima(&h, nama);
                        satu_sms(&b);
                        // Every count is echoed.
                        assert!(b.contains(&format!(" TS={ts}")), "{b}");
                        assert!(b.matches(&format!("{v}")).count() >= n, "{b}");
                    }
                }
            }
        }
        // Beyond, the reply is longer but still echoes everything.
        let h = HasilSms::new(tps[0], vec![9999; 12], 9999, Some(1)).unwrap();
        let b = balasan_diterima(&h, &[]);
        assert!(b.len() > SATU_SMS && gsm7_dasar(&b), "{b}");
        assert_eq!(b.matches("9999").count(), 13);
    }

    /// Every error with its fields at their longest still fits one SMS.
    #[test]
    fn error_replies_fit_one_sms() {
        let panjang = "W".repeat(MAKS_KUTIPAN);
        let letak = [Letak::Paslon(MAKS_PASLON), Letak::TidakSah, Letak::Jumlah];
        let mut semua = vec![
            GalatPesan::TerlaluPanjang,
            GalatPesan::SuaraKosong,
            GalatPesan::TsTidakAda,
            GalatPesan::PaslonTerlaluBanyak,
            GalatPesan::KategoriKosong,
            GalatPesan::TeksKosong,
            GalatPesan::TeksTerlaluPanjang { panjang: 1000 },
            GalatPesan::KataTidakDikenal {
                ke: 500,
                tulisan: panjang.clone(),
            },
            GalatPesan::AngkaTanpaPenanda {
                ke: 500,
                tulisan: panjang.clone(),
            },
            GalatPesan::LabelSalah {
                ke: 500,
                tulisan: panjang.clone(),
                harus: 99,
            },
            GalatPesan::LabelTanpaAngka {
                tulisan: panjang.clone(),
            },
            GalatPesan::LabelCampur { ke: 500 },
            GalatPesan::JumlahPaslon {
                harus: 99,
                ada: 99,
                nomor_ikut: true,
            },
            GalatPesan::HadirBerlebih {
                ke: 500,
                tulisan: panjang.clone(),
            },
            GalatPesan::KategoriTidakSah {
                tulisan: panjang.clone(),
            },
        ];
        for p in [Penanda::Ts, Penanda::Jml] {
            semua.push(GalatPesan::PenandaTanpaAngka { penanda: p });
            semua.push(GalatPesan::PenandaGanda {
                penanda: p,
                ke: 500,
            });
        }
        for l in letak {
            semua.push(GalatPesan::HurufDalamAngka {
                letak: l,
                tulisan: panjang.clone(),
                huruf: 'O',
                maksud: 9999,
            });
            for tanda in ['.', ','] {
                semua.push(GalatPesan::TitikRagu {
                    letak: l,
                    tulisan: panjang.clone(),
                    tanda,
                    ribuan: 9999,
                    kiri: 9,
                    kanan: 999,
                });
            }
            semua.push(GalatPesan::AngkaTerlaluPanjang {
                letak: l,
                tulisan: panjang.clone(),
            });
        }
        let alasan = [
            AlasanTps::JumlahAngka(1000),
            AlasanTps::TanpaNomor,
            AlasanTps::Pemisah,
            AlasanTps::Huruf('O'),
            AlasanTps::NomorTps,
            AlasanTps::KodeDesa,
            AlasanTps::Singkat(KodeSingkatError::Panjang(1000)),
            AlasanTps::Singkat(KodeSingkatError::Karakter('W')),
            AlasanTps::Singkat(KodeSingkatError::AwalAngka),
            AlasanTps::Singkat(KodeSingkatError::SalahKetik),
            AlasanTps::Bentuk,
        ];
        for jenis in [JenisPesan::Hasil, JenisPesan::Hadir, JenisPesan::Lapor] {
            semua.push(GalatPesan::TpsKosong { jenis });
            for a in &alasan {
                semua.push(GalatPesan::TpsSalah {
                    jenis,
                    tulisan: panjang.clone(),
                    alasan: a.clone(),
                });
            }
        }
        for g in &semua {
            let b = balasan_galat(g);
            satu_sms(&b);
            assert!(b.starts_with(|c: char| c.is_ascii_uppercase()), "{b}");
            assert!(!g.to_string().ends_with('.'), "{g}");
        }
    }

    #[test]
    fn quoted_words_are_made_safe() {
        assert_eq!(kutip("abc"), "abc");
        assert_eq!(kutip("“12O”"), "?12O?");
        assert_eq!(kutip("a{b}c~|"), "a?b?c??");
        assert_eq!(kutip("123456789012"), "123456789012");
        assert_eq!(kutip("1234567890123"), "1234567890..");
        assert_eq!(kutip("ééééééééééééé"), "??????????..");
        assert!(gsm7_dasar("Diterima: é à Ñ £ @ $ _ < > ? ! \n"));
        for bad in [
            "“", "—", "€", "[", "~", "|", "^", "{", "`", "\\", "😀", "\t",
        ] {
            assert!(!gsm7_dasar(bad), "{bad}");
        }
    }

    // --- properties -------------------------------------------------------

    /// Separators a phone user might put between two words.
    const PEMISAH: &[&str] = &[
        " ", "  ", "\t", "\n", " \n", "\r\n", ",", ", ", ".", ". ", "#", ";", ":", ": ", "/", "=",
        "-", " - ", "\u{a0}", " , ",
    ];

    fn gaya_huruf(kata: &str, pilih: u8) -> String {
        match pilih % 4 {
            0 => kata.to_ascii_uppercase(),
            1 => kata.to_ascii_lowercase(),
            2 => kapital(&kata.to_ascii_lowercase()),
            _ => kata
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_lowercase()
                    } else {
                        c.to_ascii_uppercase()
                    }
                })
                .collect(),
        }
    }

    /// A piece of a rendered message; numbers remember what they were
    /// written as, for the `1.200` rule.
    enum Potong {
        Kata(String),
        Angka(String),
    }

    fn tulis(
        tps: &str,
        suara: &[u32],
        ts: u32,
        jml: Option<u32>,
        acak: &[u8],
    ) -> (String, Option<(Letak, u32, u32)>) {
        let mut r = acak.iter().copied().cycle();
        let mut ambil = move || r.next().unwrap_or(0);
        let angka = |v: u32, p: u8| {
            let lebar = v.to_string().len().max(usize::from(p % 5)).min(MAKS_DIGIT);
            format!("{v:0lebar$}")
        };
        let keyword = ["HASIL", "hasil", "HSL", "suara"][usize::from(ambil() % 4)];
        let mut potong: Vec<(Potong, Option<Letak>, bool)> = vec![];
        potong.push((Potong::Kata(gaya_huruf(keyword, ambil())), None, false));
        potong.push((Potong::Kata(tps.to_string()), None, false));
        let berlabel = ambil() % 3 == 0;
        for (i, &v) in suara.iter().enumerate() {
            if berlabel {
                let label = match ambil() % 3 {
                    0 => format!("P{}", i + 1),
                    1 => format!("p{:02}", i + 1),
                    _ => format!("Paslon{}", i + 1),
                };
                potong.push((Potong::Kata(label), None, false));
            }
            potong.push((
                Potong::Angka(angka(v, ambil())),
                Some(Letak::Paslon(i + 1)),
                false,
            ));
        }
        let mut penanda = vec![(Penanda::Ts, ts)];
        if let Some(j) = jml {
            penanda.push((Penanda::Jml, j));
            if ambil() % 2 == 0 {
                penanda.reverse();
            }
        }
        for (p, v) in penanda {
            let (ejaan, bisa_lekat) = match (p, ambil() % 4) {
                (Penanda::Ts, 0) => ("TS", true),
                (Penanda::Ts, 1) => ("tidak sah", false),
                (Penanda::Ts, 2) => ("TDK SAH", false),
                (Penanda::Ts, _) => ("tsah", true),
                (Penanda::Jml, 0) => ("JML", true),
                (Penanda::Jml, 1) => ("total", true),
                (Penanda::Jml, 2) => ("Jumlah", true),
                (Penanda::Jml, _) => ("jlh", true),
            };
            let lekat = bisa_lekat && ambil() % 4 == 0;
            potong.push((Potong::Kata(gaya_huruf(ejaan, ambil())), None, lekat));
            potong.push((Potong::Angka(angka(v, ambil())), Some(p.letak()), false));
        }
        let mut s = String::new();
        let mut ragu = None;
        for i in 0..potong.len() {
            let (p, letak, lekat) = &potong[i];
            let teks = match p {
                Potong::Kata(t) | Potong::Angka(t) => t,
            };
            s.push_str(teks);
            if i + 1 == potong.len() {
                break;
            }
            let sep = if *lekat {
                ""
            } else {
                PEMISAH[usize::from(ambil()) % PEMISAH.len()]
            };
            if let (Potong::Angka(a), Some(l), (Potong::Angka(b), _, _)) =
                (p, letak, &potong[i + 1])
                && a.len() == 1
                && b.len() == 3
                && (sep == "." || sep == ",")
                && ragu.is_none()
            {
                ragu = Some((*l, a.parse().unwrap(), b.parse().unwrap()));
            }
            s.push_str(sep);
        }
        if ambil() % 3 == 0 {
            s.push_str(PEMISAH[usize::from(ambil()) % PEMISAH.len()]);
        }
        (s, ragu)
    }

    fn tulis_tps(kode: &KodeTps, n: u64, pilih: u8) -> String {
        let desa = kode.desa();
        let nomor = kode.nomor();
        let inti = match pilih % 9 {
            0 => kode.undotted(),
            1 => format!("{}-{nomor}", desa.undotted()),
            2 => format!("{}-{}", desa.undotted(), nomor.get()),
            3 => format!("{desa}-{nomor}"),
            4 => format!("{desa}-{}", nomor.get()),
            5 => format!("{}/{nomor}", desa.undotted()),
            6 => format!("{desa}/{}", nomor.get()),
            7 => kode_singkat(n).unwrap().to_string(),
            _ => kode_singkat(n).unwrap().to_string().to_lowercase(),
        };
        if (pilih / 9).is_multiple_of(4) {
            format!("TPS {inti}")
        } else {
            inti
        }
    }

    fn any_kode_tps() -> impl Strategy<Value = KodeTps> {
        (
            11u32..=99,
            1u32..=99,
            1u32..=99,
            1u32..=3,
            1u32..=999,
            1u16..=999,
        )
            .prop_map(|(p, k, c, j, d, n)| {
                KodeTps::parse(&format!("{p:02}{k:02}{c:02}{j}{d:03}{n:03}")).unwrap()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// A result rendered in any tolerated style parses back to exactly
        /// its numbers, or, where a lone dot/comma sits between one digit
        /// and three, to the question about it.
        #[test]
        fn any_style_parses_back(
            kode in any_kode_tps(),
            n in 0..KodeSingkat::KAPASITAS,
            pilih_tps in any::<u8>(),
            suara in proptest::collection::vec(0u32..=9999, 1..=8),
            kecil in proptest::collection::vec(0u32..=9, 1..=8),
            pakai_kecil in any::<bool>(),
            ts in 0u32..=9999,
            jml in proptest::option::of(0u32..=9999),
            acak in proptest::collection::vec(any::<u8>(), 1..64),
        ) {
            // Small counts make one-digit numbers, where the dot rule bites.
            let suara = if pakai_kecil { kecil } else { suara };
            let tps = tulis_tps(&kode, n, pilih_tps);
            let rujukan = if pilih_tps % 9 >= 7 {
                RujukanTps::Singkat(kode_singkat(n).unwrap())
            } else {
                RujukanTps::Kode(kode)
            };
            let (pesan, ragu) = tulis(&tps, &suara, ts, jml, &acak);
            let hasil = parse(&pesan);
            match ragu {
                None => {
                    let harus = HasilSms::new(rujukan, suara.clone(), ts, jml).unwrap();
                    prop_assert_eq!(hasil, Ok(Pesan::Hasil(harus)), "{:?}", pesan);
                }
                Some((letak, kiri, kanan)) => {
                    let ok = matches!(
                        &hasil,
                        Err(GalatPesan::TitikRagu { letak: l, kiri: a, kanan: b, .. })
                            if *l == letak && *a == kiri && *b == kanan
                    );
                    prop_assert!(ok, "{:?} → {:?}", pesan, hasil);
                }
            }
        }

        #[test]
        fn short_codes_round_trip(n in 0..KodeSingkat::KAPASITAS) {
            let k = kode_singkat(n).unwrap();
            prop_assert_eq!(k.nomor(), n);
            prop_assert_eq!(KodeSingkat::parse(k.as_str()).unwrap(), k);
            prop_assert_eq!(KodeSingkat::parse(&k.as_str().to_lowercase()).unwrap(), k);
        }

        /// Never panics, and every reply is one GSM-7 SMS (results with more
        /// than PASLON_SATU_SMS paslon excepted, see balasan_diterima).
        #[test]
        fn never_panics_and_replies_fit(s in any::<String>()) {
            periksa_balasan(&s)?;
        }

        #[test]
        fn never_panics_on_near_misses(
            kode in any_kode_tps(),
            suara in proptest::collection::vec(0u32..=9999, 1..=12),
            ts in 0u32..=9999,
            jml in proptest::option::of(0u32..=9999),
            acak in proptest::collection::vec(any::<u8>(), 1..64),
            ubah in proptest::collection::vec((any::<usize>(), any::<char>(), 0u8..3), 0..6),
        ) {
            let (pesan, _) = tulis(&kode.undotted(), &suara, ts, jml, &acak);
            let mut c: Vec<char> = pesan.chars().collect();
            for (i, x, op) in ubah {
                let i = i % (c.len() + 1);
                match op {
                    0 => c.insert(i, x),
                    1 if i < c.len() => { c.remove(i); }
                    _ if i < c.len() => c[i] = x,
                    _ => {}
                }
            }
            let s: String = c.into_iter().collect();
            periksa_balasan(&s)?;
            for kata in ["HADIR", "LAPOR", "BANTUAN", "?"] {
                periksa_balasan(&s.replacen("HASIL", kata, 1))?;
                periksa_balasan(&s.to_lowercase().replacen("hasil", kata, 1))?;
            }
        }

        #[test]
        fn never_panics_on_grammar_soup(
            kata in proptest::collection::vec(
                prop_oneof![
                    Just("HASIL".to_string()), Just("hadir".to_string()), Just("LAPOR".to_string()),
                    Just("TS".to_string()), Just("JML".to_string()), Just("tidak".to_string()),
                    Just("sah".to_string()), Just("P1".to_string()), Just("P2".to_string()),
                    Just("TPS".to_string()), Just("3273011001-003".to_string()),
                    Just("3273011001003".to_string()), Just("32.73.01.1001".to_string()),
                    Just("EF7QAG".to_string()), "[0-9OolI]{1,6}", "[0-9]{1,3}[.,][0-9]{1,4}",
                    "\\PC{0,4}",
                ],
                0..30,
            ),
            sep in proptest::collection::vec(0usize..PEMISAH.len(), 30),
        ) {
            let mut s = String::new();
            for (i, k) in kata.iter().enumerate() {
                s.push_str(k);
                s.push_str(PEMISAH[sep[i]]);
            }
            periksa_balasan(&s)?;
        }
    }

    fn periksa_balasan(s: &str) -> Result<(), TestCaseError> {
        let r = parse(s);
        let b = balasan(&r);
        let besar = matches!(&r, Ok(Pesan::Hasil(h)) if h.suara_paslon().len() > PASLON_SATU_SMS);
        prop_assert!(gsm7_dasar(&b), "{:?} → {:?}", s, b);
        prop_assert!(besar || b.chars().count() <= SATU_SMS, "{:?} → {:?}", s, b);
        if let Ok(Pesan::Hasil(h)) = &r {
            let _ = balasan_diterima(h, &["Nama“Aneh”", "x"]);
            let _ = cocokkan_paslon(h, 3);
            let _ = h.formulir();
            prop_assert_eq!(parse(&h.teks_baku()), Ok(Pesan::Hasil(h.clone())));
        }
        if let Ok(Pesan::Lapor { kategori, teks, .. }) = &r {
            prop_assert!(!teks.is_empty() && teks.chars().count() <= MAKS_TEKS_LAPOR);
            prop_assert!(
                kategori
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            );
        }
        Ok(())
    }
}
