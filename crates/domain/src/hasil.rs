//! C.Hasil (for Pilkada: Model C.HASIL-KWK), the TPS result form, as the
//! witness copied it from the paper, and the arithmetic it must obey
//! (DESIGN §3).
//!
//! The form records what the paper says, even when the paper is wrong, so
//! every cell may be blank and no combination of numbers is refused. Checking
//! is a separate step: [`periksa`] only reports [`Temuan`] (findings) that a
//! verifier, the legal team or the witness can act on. A form full of
//! findings is still evidence; refusing it would lose exactly the TPS an
//! objection (keberatan) needs.
//!
//! Every figure is a `u32`, so "every figure ≥ 0" holds by construction;
//! sums are taken in `u64` so no form, however absurd, can overflow.

use std::fmt;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

/// Most voters a Pilkada 2024 TPS may serve (PKPU: 600; Pemilu 2024: 300).
pub const MAKS_PEMILIH_TPS_PILKADA_2024: u32 = 600;

/// One row of section I or III: men, women and their total, as three cells
/// the witness copies separately. Any cell may be blank on the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Angka3 {
    pub laki: Option<u32>,
    pub perempuan: Option<u32>,
    pub jumlah: Option<u32>,
}

impl Angka3 {
    /// A row with all three cells filled, as written (not checked).
    pub const fn isi(laki: u32, perempuan: u32, jumlah: u32) -> Angka3 {
        Angka3 {
            laki: Some(laki),
            perempuan: Some(perempuan),
            jumlah: Some(jumlah),
        }
    }

    fn sel(&self, k: Kol) -> Option<u32> {
        match k {
            Kol::Laki => self.laki,
            Kol::Perempuan => self.perempuan,
            Kol::Jumlah => self.jumlah,
        }
    }
}

/// The numbers of one C.Hasil, section by section, in the form's order.
/// Field names are the stable identifiers [`Temuan::kolom`] refers to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FormulirHasil {
    /// I.A: voters registered on the DPT.
    pub dpt: Angka3,
    /// I.B1: voters from the DPT who voted.
    pub b1_dpt: Angka3,
    /// I.B2: voters who moved in (DPPh) who voted.
    pub b2_pindahan: Angka3,
    /// I.B3: voters not on any list who voted with their e-KTP (DPTb).
    pub b3_tambahan: Angka3,
    /// I.B4: everyone who voted (B1 + B2 + B3).
    pub b4_total: Angka3,
    /// II: ballots received, DPT plus the 2.5 % reserve.
    pub surat_diterima: Option<u32>,
    /// II: ballots used.
    pub surat_digunakan: Option<u32>,
    /// II: ballots returned by voters as damaged or mis-marked.
    pub surat_rusak: Option<u32>,
    /// II: ballots not used.
    pub surat_sisa: Option<u32>,
    /// III: voters with disabilities who voted.
    pub disabilitas: Angka3,
    /// IV: votes per paslon in nomor-urut order (index 0 = nomor urut 1).
    /// A single-paslon Pilkada puts the blank box (kolom kosong) after the
    /// paslon, as a second entry, because it is on the ballot and the form.
    pub suara_paslon: Vec<Option<u32>>,
    /// V.A: valid votes.
    pub suara_sah: Option<u32>,
    /// V.B: invalid votes.
    pub suara_tidak_sah: Option<u32>,
    /// V.C: all votes, valid and invalid.
    pub suara_total: Option<u32>,
}

/// A row of sections I and III, named so a finding can say which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Baris {
    #[serde(rename = "dpt")]
    Dpt,
    #[serde(rename = "b1_dpt")]
    B1,
    #[serde(rename = "b2_pindahan")]
    B2,
    #[serde(rename = "b3_tambahan")]
    B3,
    #[serde(rename = "b4_total")]
    B4,
    #[serde(rename = "disabilitas")]
    Disabilitas,
}

impl Baris {
    pub const SEMUA: [Baris; 6] = [
        Baris::Dpt,
        Baris::B1,
        Baris::B2,
        Baris::B3,
        Baris::B4,
        Baris::Disabilitas,
    ];

    /// The [`FormulirHasil`] field holding this row.
    pub fn field(self) -> &'static str {
        match self {
            Baris::Dpt => "dpt",
            Baris::B1 => "b1_dpt",
            Baris::B2 => "b2_pindahan",
            Baris::B3 => "b3_tambahan",
            Baris::B4 => "b4_total",
            Baris::Disabilitas => "disabilitas",
        }
    }

    pub fn angka(self, form: &FormulirHasil) -> Angka3 {
        match self {
            Baris::Dpt => form.dpt,
            Baris::B1 => form.b1_dpt,
            Baris::B2 => form.b2_pindahan,
            Baris::B3 => form.b3_tambahan,
            Baris::B4 => form.b4_total,
            Baris::Disabilitas => form.disabilitas,
        }
    }

    fn kolom(self, k: Kol) -> &'static str {
        SEL[self as usize][k as usize]
    }

    /// As the row is titled on the paper, lower case, for mid-sentence use.
    fn label(self) -> &'static str {
        match self {
            Baris::Dpt => "pemilih terdaftar dalam DPT (I.A)",
            Baris::B1 => "pengguna hak pilih dalam DPT (I.B1)",
            Baris::B2 => "pengguna hak pilih pindahan/DPPh (I.B2)",
            Baris::B3 => "pengguna hak pilih tambahan/DPTb (I.B3)",
            Baris::B4 => "jumlah pengguna hak pilih (I.B4)",
            Baris::Disabilitas => "pemilih disabilitas yang menggunakan hak pilih (III)",
        }
    }

    fn label_en(self) -> &'static str {
        match self {
            Baris::Dpt => "voters registered on the DPT (I.A)",
            Baris::B1 => "voters from the DPT who voted (I.B1)",
            Baris::B2 => "voters who moved in (DPPh) who voted (I.B2)",
            Baris::B3 => "additional voters (DPTb) who voted (I.B3)",
            Baris::B4 => "total voters who voted (I.B4)",
            Baris::Disabilitas => "voters with disabilities who voted (III)",
        }
    }
}

/// Field identifiers of every cell of sections I and III, by [`Baris`] and
/// [`Kol`]: static so findings can be built without allocation per name.
const SEL: [[&str; 3]; 6] = [
    ["dpt.laki", "dpt.perempuan", "dpt.jumlah"],
    ["b1_dpt.laki", "b1_dpt.perempuan", "b1_dpt.jumlah"],
    [
        "b2_pindahan.laki",
        "b2_pindahan.perempuan",
        "b2_pindahan.jumlah",
    ],
    [
        "b3_tambahan.laki",
        "b3_tambahan.perempuan",
        "b3_tambahan.jumlah",
    ],
    ["b4_total.laki", "b4_total.perempuan", "b4_total.jumlah"],
    [
        "disabilitas.laki",
        "disabilitas.perempuan",
        "disabilitas.jumlah",
    ],
];

/// A column of an [`Angka3`] row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kol {
    Laki,
    Perempuan,
    Jumlah,
}

impl Kol {
    const SEMUA: [Kol; 3] = [Kol::Laki, Kol::Perempuan, Kol::Jumlah];

    fn label(self) -> &'static str {
        match self {
            Kol::Laki => "laki-laki",
            Kol::Perempuan => "perempuan",
            Kol::Jumlah => "jumlah",
        }
    }

    fn label_en(self) -> &'static str {
        match self {
            Kol::Laki => "men",
            Kol::Perempuan => "women",
            Kol::Jumlah => "total",
        }
    }
}

macro_rules! kolom_paslon {
    ($($i:literal)*) => { [$(concat!("suara_paslon.", $i)),*] };
}

/// `suara_paslon.<index>`, index 0-based as in the `Vec` (nomor urut − 1).
/// Nomor urut stops at 99, so 99 names cover every real form.
const KOLOM_PASLON: [&str; 99] = kolom_paslon!(
    0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33
    34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64
    65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95
    96 97 98
);

/// The field name of the paslon at `index`; a form with more entries than
/// any election can have gets the whole field named instead.
fn kolom_paslon(index: usize) -> &'static str {
    KOLOM_PASLON.get(index).copied().unwrap_or("suara_paslon")
}

/// One rule of DESIGN §3. Serialised with its [`kode`](Aturan::kode) under
/// the key `kode` (and `baris` for the per-row rule), so APIs and the
/// database see e.g. `{"kode":"laki_perempuan_jumlah","baris":"b4_total"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kode", rename_all = "snake_case")]
pub enum Aturan {
    /// A required field is blank: a paslon's votes, V.A, V.B or V.C.
    KosongWajib,
    /// The form has a different number of paslon entries than the election.
    JumlahPaslonSalah,
    /// Men + women ≠ total on a row.
    LakiPerempuanJumlah { baris: Baris },
    /// I.B4 ≠ I.B1 + I.B2 + I.B3 (per column).
    B4SamaB1B2B3,
    /// Σ votes per paslon ≠ V.A.
    JumlahPaslonSamaSah,
    /// V.C ≠ V.A + V.B.
    TotalSamaSahTidakSah,
    /// V.C ≠ I.B4 total who voted.
    TotalSamaPemilih,
    /// V.C ≠ II ballots used.
    TotalSamaSuratDigunakan,
    /// I.B4 ≠ II ballots used: the third side of V.C = B4 = used, so a wrong
    /// figure is named by two findings and the right ones by at most one.
    PemilihSamaSuratDigunakan,
    /// II ballots received ≠ used + damaged + unused.
    SuratDiterimaSamaRincian,
    /// I.B1 > I.A (per column): more DPT voters voted than are registered.
    B1MelebihiDpt,
    /// II ballots received far from DPT + 2.5 % reserve.
    SuratDiterimaJauhDariDpt,
    /// V.C > 102 % of DPT (KawalPemilu's 2024 flag).
    TotalMelebihiDpt,
    /// V.C > the legal maximum of voters per TPS.
    TotalMelebihiBatasTps,
}

impl Aturan {
    /// Every rule, each row of [`Aturan::LakiPerempuanJumlah`] separately.
    pub const SEMUA: [Aturan; 19] = [
        Aturan::KosongWajib,
        Aturan::JumlahPaslonSalah,
        Aturan::LakiPerempuanJumlah { baris: Baris::Dpt },
        Aturan::LakiPerempuanJumlah { baris: Baris::B1 },
        Aturan::LakiPerempuanJumlah { baris: Baris::B2 },
        Aturan::LakiPerempuanJumlah { baris: Baris::B3 },
        Aturan::LakiPerempuanJumlah { baris: Baris::B4 },
        Aturan::LakiPerempuanJumlah {
            baris: Baris::Disabilitas,
        },
        Aturan::B4SamaB1B2B3,
        Aturan::JumlahPaslonSamaSah,
        Aturan::TotalSamaSahTidakSah,
        Aturan::TotalSamaPemilih,
        Aturan::TotalSamaSuratDigunakan,
        Aturan::PemilihSamaSuratDigunakan,
        Aturan::SuratDiterimaSamaRincian,
        Aturan::B1MelebihiDpt,
        Aturan::SuratDiterimaJauhDariDpt,
        Aturan::TotalMelebihiDpt,
        Aturan::TotalMelebihiBatasTps,
    ];

    /// The rule's stable snake_case code, the same string serde writes.
    /// Never rename one: stored findings and API clients key on it.
    pub fn kode(&self) -> &'static str {
        match self {
            Aturan::KosongWajib => "kosong_wajib",
            Aturan::JumlahPaslonSalah => "jumlah_paslon_salah",
            Aturan::LakiPerempuanJumlah { .. } => "laki_perempuan_jumlah",
            Aturan::B4SamaB1B2B3 => "b4_sama_b1_b2_b3",
            Aturan::JumlahPaslonSamaSah => "jumlah_paslon_sama_sah",
            Aturan::TotalSamaSahTidakSah => "total_sama_sah_tidak_sah",
            Aturan::TotalSamaPemilih => "total_sama_pemilih",
            Aturan::TotalSamaSuratDigunakan => "total_sama_surat_digunakan",
            Aturan::PemilihSamaSuratDigunakan => "pemilih_sama_surat_digunakan",
            Aturan::SuratDiterimaSamaRincian => "surat_diterima_sama_rincian",
            Aturan::B1MelebihiDpt => "b1_melebihi_dpt",
            Aturan::SuratDiterimaJauhDariDpt => "surat_diterima_jauh_dari_dpt",
            Aturan::TotalMelebihiDpt => "total_melebihi_dpt",
            Aturan::TotalMelebihiBatasTps => "total_melebihi_batas_tps",
        }
    }
}

impl fmt::Display for Aturan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kode())
    }
}

/// One flag raised on a form: which rule, which fields (so a web form can
/// highlight them), and a message in plain Bahasa Indonesia that names the
/// fields as the witness reads them on the paper and gives the numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Temuan {
    #[serde(flatten)]
    pub aturan: Aturan,
    /// [`FormulirHasil`] field paths: `b4_total.jumlah`, `suara_paslon.2`
    /// (0-based, i.e. nomor urut 3), `suara_sah`.
    pub kolom: Vec<&'static str>,
    pub pesan: String,
    #[serde(rename = "pesan_en")]
    english: String,
    /// A few words for an SMS reply that follow "total" (plain ASCII,
    /// GSM-7 safe), for the rules an SMS can break; `None` for the others.
    #[serde(skip)]
    singkat: Option<String>,
}

impl Temuan {
    fn new(aturan: Aturan, kolom: Vec<&'static str>, pesan: String, english: String) -> Temuan {
        Temuan {
            aturan,
            kolom,
            pesan,
            english,
            singkat: None,
        }
    }

    fn dengan_singkat(mut self, singkat: String) -> Temuan {
        self.singkat = Some(singkat);
        self
    }

    /// The same message in English, for observers and reviewers.
    pub fn english(&self) -> &str {
        &self.english
    }

    /// The finding in a few words for an SMS reply, when the rule is one
    /// an SMS can break (the totals' plausibility).
    pub fn singkat(&self) -> Option<&str> {
        self.singkat.as_deref()
    }
}

impl fmt::Display for Temuan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pesan)
    }
}

/// The entries section IV of the form has in an election with
/// `jumlah_paslon` registered paslon: one per paslon, and in a single-paslon
/// election (calon tunggal) a second for the blank box (kolom kosong),
/// which is on the ballot and the form. Every path that takes a form (web,
/// API, SMS, Telegram, verification) asks this one function.
pub const fn kolom_suara_paslon(jumlah_paslon: usize) -> usize {
    if jumlah_paslon == 1 { 2 } else { jumlah_paslon }
}

/// What a form is checked against that the form itself does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batas {
    /// Legal maximum of voters per TPS for this election.
    pub maks_pemilih_tps: u32,
    /// Entries section IV must have: the paslon, plus the blank box (kolom
    /// kosong) when a single paslon runs (see [`kolom_suara_paslon`]).
    pub jumlah_paslon: usize,
    /// The TPS's DPT as registered in Posko (not as written on the form),
    /// when known: the total is checked against it plus the 2.5 % reserve
    /// when the form leaves its own DPT (I.A) blank, as an SMS always does.
    #[serde(default)]
    pub dpt_tps: Option<u32>,
}

impl Batas {
    /// `jumlah_paslon` is the entries of section IV (see
    /// [`kolom_suara_paslon`]).
    pub fn pilkada_2024(jumlah_paslon: usize) -> Batas {
        Batas {
            maks_pemilih_tps: MAKS_PEMILIH_TPS_PILKADA_2024,
            jumlah_paslon,
            dpt_tps: None,
        }
    }

    /// The same limits, with the TPS's registered DPT.
    pub fn dengan_dpt_tps(self, dpt: Option<u32>) -> Batas {
        Batas {
            dpt_tps: dpt,
            ..self
        }
    }
}

const SURAT_DITERIMA: &str = "surat_diterima";
const SURAT_DIGUNAKAN: &str = "surat_digunakan";
const SURAT_RUSAK: &str = "surat_rusak";
const SURAT_SISA: &str = "surat_sisa";
const SUARA_SAH: &str = "suara_sah";
const SUARA_TIDAK_SAH: &str = "suara_tidak_sah";
const SUARA_TOTAL: &str = "suara_total";

/// Ballots a TPS should receive for `dpt` registered voters: the DPT plus
/// the 2.5 % reserve, rounded up (reserve ballots come whole).
fn surat_seharusnya(dpt: u32) -> u64 {
    (u64::from(dpt) * 41).div_ceil(40)
}

/// How far ballots received may stray from [`surat_seharusnya`] before it is
/// worth a look: max(5, 2 % of DPT). Why not zero: KPU rounds the reserve
/// per TPS and PPS may move a few ballots between TPS on the day, so exact
/// matches are not the norm. Why 2 %: the reserve itself is 2.5 %, so a
/// difference of that size means the reserve went missing or doubled, which
/// is what a witness should report. The floor of 5 keeps small TPS (whose
/// whole reserve is a handful of ballots) from being flagged for rounding.
/// Integer division is exact here: an integer difference exceeds
/// max(5, 2 % DPT) iff it exceeds the floor of it.
fn toleransi_surat(dpt: u32) -> u64 {
    (u64::from(dpt) * 2 / 100).max(5)
}

/// Checks a form against every rule of DESIGN §3 and reports what fails.
/// Never refuses and never panics: any numbers, any number of paslon.
///
/// A rule whose inputs include a blank cell is skipped: a blank is not a
/// zero, and guessing would flag the witness for what they did not write.
/// The exception is [`Aturan::KosongWajib`], which flags the blanks that
/// matter most (every paslon, V.A, V.B, V.C). The totals' plausibility
/// (DPT, legal maximum) is checked on V.C, or when V.C is blank on the
/// least the form implies (V.A or the paslon votes, + V.B): a blank only
/// adds votes, so that bound is no guess. An SMS without JML is such a form.
pub fn periksa(form: &FormulirHasil, batas: &Batas) -> Vec<Temuan> {
    let mut t = Vec::new();
    kosong_wajib(form, &mut t);
    let paslon_cocok = form.suara_paslon.len() == batas.jumlah_paslon;
    if !paslon_cocok {
        let (n, m) = (form.suara_paslon.len(), batas.jumlah_paslon);
        t.push(Temuan::new(
            Aturan::JumlahPaslonSalah,
            vec!["suara_paslon"],
            format!(
                "Formulir berisi {n} kolom suara paslon (IV), padahal pemilihan ini diikuti {m} paslon."
            ),
            format!(
                "The form has {n} candidate-pair vote entries (IV), but this election has {m} candidate pairs."
            ),
        ));
    }
    laki_perempuan_jumlah(form, &mut t);
    b4_sama_b1_b2_b3(form, &mut t);
    if paslon_cocok {
        jumlah_paslon_sama_sah(form, &mut t);
    }
    total_sama_sah_tidak_sah(form, &mut t);
    total_pemilih_surat(form, &mut t);
    surat_diterima_sama_rincian(form, &mut t);
    b1_melebihi_dpt(form, &mut t);
    surat_diterima_jauh_dari_dpt(form, &mut t);
    total_melebihi(form, batas, &mut t);
    t
}

fn kosong_wajib(form: &FormulirHasil, t: &mut Vec<Temuan>) {
    let mut kolom = Vec::new();
    let mut id = Vec::new();
    let mut en = Vec::new();
    for (i, v) in form.suara_paslon.iter().enumerate() {
        if v.is_none() {
            let nomor = i + 1;
            kolom.push(kolom_paslon(i));
            id.push(format!("suara paslon nomor urut {nomor} (IV)"));
            en.push(format!("votes for candidate pair no. {nomor} (IV)"));
        }
    }
    for (v, k, label, label_en) in [
        (
            form.suara_sah,
            SUARA_SAH,
            "suara sah (V.A)",
            "valid votes (V.A)",
        ),
        (
            form.suara_tidak_sah,
            SUARA_TIDAK_SAH,
            "suara tidak sah (V.B)",
            "invalid votes (V.B)",
        ),
        (
            form.suara_total,
            SUARA_TOTAL,
            "total suara sah dan tidak sah (V.C)",
            "total valid and invalid votes (V.C)",
        ),
    ] {
        if v.is_none() {
            kolom.push(k);
            id.push(label.to_string());
            en.push(label_en.to_string());
        }
    }
    if !kolom.is_empty() {
        t.push(Temuan::new(
            Aturan::KosongWajib,
            kolom,
            format!("Kolom wajib belum diisi: {}.", id.join(", ")),
            format!("Required fields left blank: {}.", en.join(", ")),
        ));
    }
}

fn laki_perempuan_jumlah(form: &FormulirHasil, t: &mut Vec<Temuan>) {
    for baris in Baris::SEMUA {
        let a = baris.angka(form);
        let (Some(l), Some(p), Some(j)) = (a.laki, a.perempuan, a.jumlah) else {
            continue;
        };
        let s = u64::from(l) + u64::from(p);
        if s != u64::from(j) {
            t.push(Temuan::new(
                Aturan::LakiPerempuanJumlah { baris },
                Kol::SEMUA.iter().map(|&k| baris.kolom(k)).collect(),
                format!(
                    "{}: laki-laki {l} + perempuan {p} = {s}, tidak sama dengan jumlah {j}.",
                    kapital(baris.label())
                ),
                format!(
                    "{}: men {l} + women {p} = {s}, not equal to the total {j}.",
                    kapital(baris.label_en())
                ),
            ));
        }
    }
}

fn b4_sama_b1_b2_b3(form: &FormulirHasil, t: &mut Vec<Temuan>) {
    for k in Kol::SEMUA {
        let (Some(b1), Some(b2), Some(b3), Some(b4)) = (
            form.b1_dpt.sel(k),
            form.b2_pindahan.sel(k),
            form.b3_tambahan.sel(k),
            form.b4_total.sel(k),
        ) else {
            continue;
        };
        let s = u64::from(b1) + u64::from(b2) + u64::from(b3);
        if s != u64::from(b4) {
            t.push(Temuan::new(
                Aturan::B4SamaB1B2B3,
                vec![
                    Baris::B4.kolom(k),
                    Baris::B1.kolom(k),
                    Baris::B2.kolom(k),
                    Baris::B3.kolom(k),
                ],
                format!(
                    "Jumlah pengguna hak pilih (I.B4) kolom {}: {b4}, tidak sama dengan I.B1 + I.B2 + I.B3 ({b1} + {b2} + {b3} = {s}).",
                    k.label()
                ),
                format!(
                    "Total voters who voted (I.B4), {} column: {b4}, not equal to I.B1 + I.B2 + I.B3 ({b1} + {b2} + {b3} = {s}).",
                    k.label_en()
                ),
            ));
        }
    }
}

fn jumlah_paslon_sama_sah(form: &FormulirHasil, t: &mut Vec<Temuan>) {
    let Some(sah) = form.suara_sah else {
        return;
    };
    if form.suara_paslon.is_empty() {
        return;
    }
    let Some(suara) = form
        .suara_paslon
        .iter()
        .copied()
        .collect::<Option<Vec<u32>>>()
    else {
        return;
    };
    let s: u64 = suara.iter().map(|&v| u64::from(v)).sum();
    if s == u64::from(sah) {
        return;
    }
    let mut rincian = String::new();
    for (i, v) in suara.iter().enumerate() {
        if i > 0 {
            rincian.push_str(" + ");
        }
        let _ = write!(rincian, "{v}");
    }
    // Which paslon is wrong cannot be told from the sum: name them all, and V.A.
    let mut kolom: Vec<&'static str> = (0..suara.len()).map(kolom_paslon).collect();
    kolom.dedup();
    kolom.push(SUARA_SAH);
    t.push(Temuan::new(
        Aturan::JumlahPaslonSamaSah,
        kolom,
        format!("Jumlah suara paslon ({rincian} = {s}) tidak sama dengan suara sah (V.A) {sah}."),
        format!(
            "Sum of the votes per candidate pair ({rincian} = {s}) does not equal the valid votes (V.A) {sah}."
        ),
    ));
}

fn total_sama_sah_tidak_sah(form: &FormulirHasil, t: &mut Vec<Temuan>) {
    let (Some(a), Some(b), Some(c)) = (form.suara_sah, form.suara_tidak_sah, form.suara_total)
    else {
        return;
    };
    let s = u64::from(a) + u64::from(b);
    if s != u64::from(c) {
        t.push(Temuan::new(
            Aturan::TotalSamaSahTidakSah,
            vec![SUARA_TOTAL, SUARA_SAH, SUARA_TIDAK_SAH],
            format!(
                "Total suara sah dan tidak sah (V.C) {c} tidak sama dengan suara sah + suara tidak sah (V.A + V.B = {a} + {b} = {s})."
            ),
            format!(
                "Total valid and invalid votes (V.C) {c} does not equal valid + invalid votes (V.A + V.B = {a} + {b} = {s})."
            ),
        ));
    }
}

/// V.C = I.B4 = II used, checked on all three sides.
fn total_pemilih_surat(form: &FormulirHasil, t: &mut Vec<Temuan>) {
    let total = form.suara_total;
    let pemilih = form.b4_total.jumlah;
    let digunakan = form.surat_digunakan;
    if let (Some(c), Some(b4)) = (total, pemilih)
        && c != b4
    {
        t.push(Temuan::new(
            Aturan::TotalSamaPemilih,
            vec![SUARA_TOTAL, Baris::B4.kolom(Kol::Jumlah)],
            format!(
                "Total suara sah dan tidak sah (V.C) {c} tidak sama dengan jumlah pengguna hak pilih (I.B4) {b4}."
            ),
            format!(
                "Total valid and invalid votes (V.C) {c} does not equal the total voters who voted (I.B4) {b4}."
            ),
        ));
    }
    if let (Some(c), Some(g)) = (total, digunakan)
        && c != g
    {
        t.push(Temuan::new(
            Aturan::TotalSamaSuratDigunakan,
            vec![SUARA_TOTAL, SURAT_DIGUNAKAN],
            format!(
                "Total suara sah dan tidak sah (V.C) {c} tidak sama dengan surat suara yang digunakan (II) {g}."
            ),
            format!(
                "Total valid and invalid votes (V.C) {c} does not equal the ballots used (II) {g}."
            ),
        ));
    }
    if let (Some(b4), Some(g)) = (pemilih, digunakan)
        && b4 != g
    {
        t.push(Temuan::new(
            Aturan::PemilihSamaSuratDigunakan,
            vec![Baris::B4.kolom(Kol::Jumlah), SURAT_DIGUNAKAN],
            format!(
                "Jumlah pengguna hak pilih (I.B4) {b4} tidak sama dengan surat suara yang digunakan (II) {g}."
            ),
            format!("Total voters who voted (I.B4) {b4} does not equal the ballots used (II) {g}."),
        ));
    }
}

fn surat_diterima_sama_rincian(form: &FormulirHasil, t: &mut Vec<Temuan>) {
    let (Some(d), Some(g), Some(r), Some(s)) = (
        form.surat_diterima,
        form.surat_digunakan,
        form.surat_rusak,
        form.surat_sisa,
    ) else {
        return;
    };
    let jumlah = u64::from(g) + u64::from(r) + u64::from(s);
    if jumlah != u64::from(d) {
        t.push(Temuan::new(
            Aturan::SuratDiterimaSamaRincian,
            vec![SURAT_DITERIMA, SURAT_DIGUNAKAN, SURAT_RUSAK, SURAT_SISA],
            format!(
                "Surat suara yang diterima (II) {d} tidak sama dengan digunakan + dikembalikan rusak/keliru coblos + tidak digunakan ({g} + {r} + {s} = {jumlah})."
            ),
            format!(
                "Ballots received (II) {d} does not equal used + returned damaged/mis-marked + unused ({g} + {r} + {s} = {jumlah})."
            ),
        ));
    }
}

fn b1_melebihi_dpt(form: &FormulirHasil, t: &mut Vec<Temuan>) {
    for k in Kol::SEMUA {
        let (Some(b1), Some(dpt)) = (form.b1_dpt.sel(k), form.dpt.sel(k)) else {
            continue;
        };
        if b1 > dpt {
            t.push(Temuan::new(
                Aturan::B1MelebihiDpt,
                vec![Baris::B1.kolom(k), Baris::Dpt.kolom(k)],
                format!(
                    "Pengguna hak pilih dalam DPT (I.B1) kolom {}: {b1}, melebihi pemilih terdaftar dalam DPT (I.A) {dpt}.",
                    k.label()
                ),
                format!(
                    "Voters from the DPT who voted (I.B1), {} column: {b1}, exceeds the voters registered on the DPT (I.A) {dpt}.",
                    k.label_en()
                ),
            ));
        }
    }
}

fn surat_diterima_jauh_dari_dpt(form: &FormulirHasil, t: &mut Vec<Temuan>) {
    let (Some(d), Some(dpt)) = (form.surat_diterima, form.dpt.jumlah) else {
        return;
    };
    let harus = surat_seharusnya(dpt);
    let selisih = u64::from(d).abs_diff(harus);
    let toleransi = toleransi_surat(dpt);
    if selisih > toleransi {
        t.push(Temuan::new(
            Aturan::SuratDiterimaJauhDariDpt,
            vec![SURAT_DITERIMA, Baris::Dpt.kolom(Kol::Jumlah)],
            format!(
                "Surat suara yang diterima (II) {d} jauh dari DPT (I.A) {dpt} + cadangan 2,5% = {harus}: selisih {selisih}, lebih dari toleransi {toleransi}."
            ),
            format!(
                "Ballots received (II) {d} is far from the DPT (I.A) {dpt} + 2.5% reserve = {harus}: off by {selisih}, more than the tolerance of {toleransi}."
            ),
        ));
    }
}

/// The total a form states (V.C), or when V.C is blank the least it
/// implies: V.A (or the paslon votes written, summed) + V.B, each blank as
/// nothing. A blank only adds votes, so a bound this breaks is broken by
/// the paper too; an SMS without JML is checked this way.
enum Total {
    Tertulis(u64),
    Tersirat(u64),
}

impl Total {
    fn dari(form: &FormulirHasil) -> Option<Total> {
        if let Some(c) = form.suara_total {
            return Some(Total::Tertulis(u64::from(c)));
        }
        let sah = form.suara_sah.map(u64::from).or_else(|| {
            let ada: Vec<u64> = form
                .suara_paslon
                .iter()
                .flatten()
                .map(|&v| u64::from(v))
                .collect();
            (!ada.is_empty()).then(|| ada.iter().sum())
        });
        let tidak_sah = form.suara_tidak_sah.map(u64::from);
        match (sah, tidak_sah) {
            (None, None) => None,
            (a, b) => Some(Total::Tersirat(a.unwrap_or(0) + b.unwrap_or(0))),
        }
    }

    fn nilai(&self) -> u64 {
        match self {
            Total::Tertulis(c) | Total::Tersirat(c) => *c,
        }
    }

    fn kolom(&self, form: &FormulirHasil) -> Vec<&'static str> {
        match self {
            Total::Tertulis(_) => vec![SUARA_TOTAL],
            Total::Tersirat(_) if form.suara_sah.is_some() => vec![SUARA_SAH, SUARA_TIDAK_SAH],
            Total::Tersirat(_) => {
                let mut k: Vec<&'static str> =
                    (0..form.suara_paslon.len()).map(kolom_paslon).collect();
                k.dedup();
                k.push(SUARA_TIDAK_SAH);
                k
            }
        }
    }

    fn label(&self, form: &FormulirHasil) -> (String, String) {
        let c = self.nilai();
        match self {
            Total::Tertulis(_) => (
                format!("Total suara sah dan tidak sah (V.C) {c}"),
                format!("Total valid and invalid votes (V.C) {c}"),
            ),
            Total::Tersirat(_) if form.suara_sah.is_some() => (
                format!("Suara sah + tidak sah (V.A + V.B) {c}"),
                format!("Valid + invalid votes (V.A + V.B) {c}"),
            ),
            Total::Tersirat(_) => (
                format!("Jumlah suara paslon + tidak sah (IV + V.B) {c}"),
                format!("Votes for the candidate pairs + invalid votes (IV + V.B) {c}"),
            ),
        }
    }
}

fn total_melebihi(form: &FormulirHasil, batas: &Batas, t: &mut Vec<Temuan>) {
    let Some(total) = Total::dari(form) else {
        return;
    };
    let c = total.nilai();
    let (label, label_en) = total.label(form);
    if let Some(dpt) = form.dpt.jumlah {
        // c > 1.02 × dpt, exactly, in integers.
        if c * 100 > u64::from(dpt) * 102 {
            let paling_banyak = u64::from(dpt) * 102 / 100;
            let mut kolom = total.kolom(form);
            kolom.push(Baris::Dpt.kolom(Kol::Jumlah));
            t.push(
                Temuan::new(
                    Aturan::TotalMelebihiDpt,
                    kolom,
                    format!(
                        "{label} melebihi 102% dari DPT (I.A) {dpt} (paling banyak {paling_banyak})."
                    ),
                    format!(
                        "{label_en} exceeds 102% of the DPT (I.A) {dpt} (at most {paling_banyak})."
                    ),
                )
                .dengan_singkat(format!("melebihi 102% DPT {dpt}")),
            );
        }
    } else if let Some(dpt) = batas.dpt_tps {
        // No more votes than ballots: the registered DPT plus the reserve.
        let surat = surat_seharusnya(dpt);
        if c > surat {
            t.push(
                Temuan::new(
                    Aturan::TotalMelebihiDpt,
                    total.kolom(form),
                    format!(
                        "{label} melebihi DPT TPS ini {dpt} + cadangan 2,5% = {surat} surat suara."
                    ),
                    format!(
                        "{label_en} exceeds this TPS's DPT {dpt} + 2.5% reserve = {surat} ballots."
                    ),
                )
                .dengan_singkat(format!("melebihi DPT {dpt}+2,5%")),
            );
        }
    }
    let maks = batas.maks_pemilih_tps;
    if c > u64::from(maks) {
        t.push(
            Temuan::new(
                Aturan::TotalMelebihiBatasTps,
                total.kolom(form),
                format!("{label} melebihi batas pemilih per TPS ({maks})."),
                format!("{label_en} exceeds the legal maximum of voters per TPS ({maks})."),
            )
            .dengan_singkat(format!("melebihi batas {maks}/TPS")),
        );
    }
}

/// Upper-cases the first letter, for a label that starts a sentence.
fn kapital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
