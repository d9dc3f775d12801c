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
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::value::{Error as DeError, MapDeserializer};

    /// TPS 003 of a Bandung kelurahan on 27 November 2024, copied cleanly.
    fn bersih() -> FormulirHasil {
        FormulirHasil {
            dpt: Angka3::isi(257, 272, 529),
            b1_dpt: Angka3::isi(180, 201, 381),
            b2_pindahan: Angka3::isi(2, 1, 3),
            b3_tambahan: Angka3::isi(4, 3, 7),
            b4_total: Angka3::isi(186, 205, 391),
            surat_diterima: Some(543),
            surat_digunakan: Some(391),
            surat_rusak: Some(2),
            surat_sisa: Some(150),
            disabilitas: Angka3::isi(3, 2, 5),
            suara_paslon: vec![Some(160), Some(142), Some(81)],
            suara_sah: Some(383),
            suara_tidak_sah: Some(8),
            suara_total: Some(391),
        }
    }

    fn batas() -> Batas {
        Batas::pilkada_2024(3)
    }

    fn aturan(t: &[Temuan]) -> Vec<Aturan> {
        t.iter().map(|t| t.aturan).collect()
    }

    /// The one finding on `form`, which must be of rule `a`.
    fn satu(form: &FormulirHasil, a: Aturan) -> Temuan {
        let t = periksa(form, &batas());
        assert_eq!(aturan(&t), vec![a], "{t:#?}");
        t.into_iter().next().unwrap()
    }

    fn baris_mut(f: &mut FormulirHasil, b: Baris) -> &mut Angka3 {
        match b {
            Baris::Dpt => &mut f.dpt,
            Baris::B1 => &mut f.b1_dpt,
            Baris::B2 => &mut f.b2_pindahan,
            Baris::B3 => &mut f.b3_tambahan,
            Baris::B4 => &mut f.b4_total,
            Baris::Disabilitas => &mut f.disabilitas,
        }
    }

    /// Every cell of the form, in order.
    fn semua_sel(f: &mut FormulirHasil) -> Vec<&mut Option<u32>> {
        let mut v = Vec::new();
        for a in [
            &mut f.dpt,
            &mut f.b1_dpt,
            &mut f.b2_pindahan,
            &mut f.b3_tambahan,
            &mut f.b4_total,
            &mut f.disabilitas,
        ] {
            v.extend([&mut a.laki, &mut a.perempuan, &mut a.jumlah]);
        }
        v.extend([
            &mut f.surat_diterima,
            &mut f.surat_digunakan,
            &mut f.surat_rusak,
            &mut f.surat_sisa,
            &mut f.suara_sah,
            &mut f.suara_tidak_sah,
            &mut f.suara_total,
        ]);
        v.extend(f.suara_paslon.iter_mut());
        v
    }

    #[test]
    fn a_clean_form_has_no_findings() {
        assert_eq!(periksa(&bersih(), &batas()), vec![]);
    }

    #[test]
    fn men_plus_women_must_be_the_total_on_every_row() {
        let mut f = bersih();
        f.disabilitas.jumlah = Some(6);
        let t = satu(
            &f,
            Aturan::LakiPerempuanJumlah {
                baris: Baris::Disabilitas,
            },
        );
        assert_eq!(
            t.kolom,
            [
                "disabilitas.laki",
                "disabilitas.perempuan",
                "disabilitas.jumlah"
            ]
        );
        assert_eq!(
            t.pesan,
            "Pemilih disabilitas yang menggunakan hak pilih (III): laki-laki 3 + perempuan 2 = 5, tidak sama dengan jumlah 6."
        );
        assert_eq!(
            t.english(),
            "Voters with disabilities who voted (III): men 3 + women 2 = 5, not equal to the total 6."
        );
        assert_eq!(t.to_string(), t.pesan);

        for baris in Baris::SEMUA {
            let mut f = bersih();
            let row = baris_mut(&mut f, baris);
            let (l, p, j) = (
                row.laki.unwrap(),
                row.perempuan.unwrap(),
                row.jumlah.unwrap(),
            );
            row.laki = Some(l + 1);
            let t = periksa(&f, &batas());
            let t = t
                .iter()
                .find(|t| t.aturan == Aturan::LakiPerempuanJumlah { baris })
                .unwrap_or_else(|| panic!("{baris:?}: {t:#?}"));
            let field = baris.field();
            assert_eq!(
                t.kolom,
                [
                    format!("{field}.laki"),
                    format!("{field}.perempuan"),
                    format!("{field}.jumlah")
                ]
            );
            let angka = format!("laki-laki {} + perempuan {p} = {}, ", l + 1, j + 1);
            assert!(t.pesan.contains(&angka), "{}", t.pesan);
            assert!(t.pesan.ends_with(&format!("jumlah {j}.")), "{}", t.pesan);
        }

        // A row left without its total is not checked.
        let mut f = bersih();
        f.disabilitas = Angka3 {
            jumlah: None,
            ..Angka3::isi(3, 9, 0)
        };
        assert_eq!(periksa(&f, &batas()), vec![]);
    }

    #[test]
    fn b4_is_b1_plus_b2_plus_b3_per_column() {
        let mut f = bersih();
        f.b1_dpt = Angka3::isi(181, 200, 381);
        let t = periksa(&f, &batas());
        assert_eq!(aturan(&t), [Aturan::B4SamaB1B2B3; 2], "{t:#?}");
        assert_eq!(
            t[0].kolom,
            [
                "b4_total.laki",
                "b1_dpt.laki",
                "b2_pindahan.laki",
                "b3_tambahan.laki"
            ]
        );
        assert_eq!(
            t[0].pesan,
            "Jumlah pengguna hak pilih (I.B4) kolom laki-laki: 186, tidak sama dengan I.B1 + I.B2 + I.B3 (181 + 2 + 4 = 187)."
        );
        assert_eq!(t[1].kolom[0], "b4_total.perempuan");
        assert!(t[1].pesan.contains("205") && t[1].pesan.contains("= 204)"));

        // B3 left blank (often meant as zero): skipped, not guessed.
        f.b3_tambahan = Angka3::default();
        assert_eq!(periksa(&f, &batas()), vec![]);
    }

    #[test]
    fn paslon_votes_sum_to_valid_votes() {
        let mut f = bersih();
        f.suara_paslon[1] = Some(145);
        let t = satu(&f, Aturan::JumlahPaslonSamaSah);
        assert_eq!(
            t.kolom,
            [
                "suara_paslon.0",
                "suara_paslon.1",
                "suara_paslon.2",
                "suara_sah"
            ]
        );
        assert_eq!(
            t.pesan,
            "Jumlah suara paslon (160 + 145 + 81 = 386) tidak sama dengan suara sah (V.A) 383."
        );
        assert_eq!(
            t.english(),
            "Sum of the votes per candidate pair (160 + 145 + 81 = 386) does not equal the valid votes (V.A) 383."
        );
    }

    #[test]
    fn total_is_valid_plus_invalid() {
        let mut f = bersih();
        f.suara_tidak_sah = Some(9);
        let t = satu(&f, Aturan::TotalSamaSahTidakSah);
        assert_eq!(t.kolom, ["suara_total", "suara_sah", "suara_tidak_sah"]);
        assert_eq!(
            t.pesan,
            "Total suara sah dan tidak sah (V.C) 391 tidak sama dengan suara sah + suara tidak sah (V.A + V.B = 383 + 9 = 392)."
        );
    }

    #[test]
    fn total_is_the_number_who_voted() {
        let mut f = bersih();
        f.surat_digunakan = None;
        f.b1_dpt = Angka3::isi(181, 201, 382);
        f.b4_total = Angka3::isi(187, 205, 392);
        let t = satu(&f, Aturan::TotalSamaPemilih);
        assert_eq!(t.kolom, ["suara_total", "b4_total.jumlah"]);
        assert_eq!(
            t.pesan,
            "Total suara sah dan tidak sah (V.C) 391 tidak sama dengan jumlah pengguna hak pilih (I.B4) 392."
        );
    }

    #[test]
    fn total_is_the_ballots_used() {
        let mut f = bersih();
        f.surat_digunakan = Some(392);
        f.surat_sisa = Some(149);
        f.b4_total.jumlah = None;
        let t = satu(&f, Aturan::TotalSamaSuratDigunakan);
        assert_eq!(t.kolom, ["suara_total", "surat_digunakan"]);
        assert_eq!(
            t.pesan,
            "Total suara sah dan tidak sah (V.C) 391 tidak sama dengan surat suara yang digunakan (II) 392."
        );

        // With B4 filled the third side names the same cell twice: the one
        // in both findings is the one to re-read from the photo.
        f.b4_total.jumlah = Some(391);
        let t = periksa(&f, &batas());
        assert_eq!(
            aturan(&t),
            [
                Aturan::TotalSamaSuratDigunakan,
                Aturan::PemilihSamaSuratDigunakan
            ]
        );
        assert_eq!(t[1].kolom, ["b4_total.jumlah", "surat_digunakan"]);
        assert_eq!(
            t[1].pesan,
            "Jumlah pengguna hak pilih (I.B4) 391 tidak sama dengan surat suara yang digunakan (II) 392."
        );
    }

    #[test]
    fn ballots_received_are_accounted_for() {
        let mut f = bersih();
        f.surat_rusak = Some(3);
        let t = satu(&f, Aturan::SuratDiterimaSamaRincian);
        assert_eq!(
            t.kolom,
            [
                "surat_diterima",
                "surat_digunakan",
                "surat_rusak",
                "surat_sisa"
            ]
        );
        assert_eq!(
            t.pesan,
            "Surat suara yang diterima (II) 543 tidak sama dengan digunakan + dikembalikan rusak/keliru coblos + tidak digunakan (391 + 3 + 150 = 544)."
        );
    }

    #[test]
    fn b1_cannot_exceed_the_dpt() {
        let mut f = bersih();
        f.dpt = Angka3::isi(170, 359, 529);
        let t = satu(&f, Aturan::B1MelebihiDpt);
        assert_eq!(t.kolom, ["b1_dpt.laki", "dpt.laki"]);
        assert_eq!(
            t.pesan,
            "Pengguna hak pilih dalam DPT (I.B1) kolom laki-laki: 180, melebihi pemilih terdaftar dalam DPT (I.A) 170."
        );
    }

    #[test]
    fn ballots_received_match_dpt_plus_reserve() {
        let mut f = bersih();
        f.surat_diterima = Some(560);
        f.surat_sisa = Some(167);
        let t = satu(&f, Aturan::SuratDiterimaJauhDariDpt);
        assert_eq!(t.kolom, ["surat_diterima", "dpt.jumlah"]);
        assert_eq!(
            t.pesan,
            "Surat suara yang diterima (II) 560 jauh dari DPT (I.A) 529 + cadangan 2,5% = 543: selisih 17, lebih dari toleransi 10."
        );

        let jauh = |dpt: u32, diterima: u32| {
            let f = FormulirHasil {
                dpt: Angka3 {
                    jumlah: Some(dpt),
                    ..Angka3::default()
                },
                surat_diterima: Some(diterima),
                ..FormulirHasil::default()
            };
            periksa(&f, &batas())
                .iter()
                .any(|t| t.aturan == Aturan::SuratDiterimaJauhDariDpt)
        };
        // (dpt, expected, tolerance): 529 → 543 ± 10, 100 → 103 ± 5,
        // 600 → 615 ± 12, 0 → 0 ± 5.
        for (dpt, harus, tol) in [(529, 543, 10), (100, 103, 5), (600, 615, 12), (0, 0, 5)] {
            assert!(!jauh(dpt, harus + tol), "{dpt}");
            assert!(jauh(dpt, harus + tol + 1), "{dpt}");
            if harus > tol {
                assert!(!jauh(dpt, harus - tol), "{dpt}");
                assert!(jauh(dpt, harus - tol - 1), "{dpt}");
            }
        }
    }

    /// A form with only the DPT total and section V filled (one paslon).
    fn minimal(dpt: u32, total: u32) -> Vec<Aturan> {
        let f = FormulirHasil {
            dpt: Angka3 {
                jumlah: Some(dpt),
                ..Angka3::default()
            },
            suara_paslon: vec![Some(total)],
            suara_sah: Some(total),
            suara_tidak_sah: Some(0),
            suara_total: Some(total),
            ..FormulirHasil::default()
        };
        aturan(&periksa(&f, &Batas::pilkada_2024(1)))
    }

    #[test]
    fn total_at_most_102_percent_of_dpt() {
        assert_eq!(minimal(100, 102), []);
        assert_eq!(minimal(100, 103), [Aturan::TotalMelebihiDpt]);
        assert_eq!(minimal(529, 539), []);
        assert_eq!(minimal(529, 540), [Aturan::TotalMelebihiDpt]);
        assert_eq!(minimal(0, 0), []);
        assert_eq!(minimal(0, 1), [Aturan::TotalMelebihiDpt]);

        let mut f = bersih();
        f.dpt = Angka3::isi(150, 150, 300);
        f.b1_dpt = Angka3::isi(150, 150, 300);
        let t = periksa(&f, &batas());
        let t = t
            .iter()
            .find(|t| t.aturan == Aturan::TotalMelebihiDpt)
            .unwrap();
        assert_eq!(t.kolom, ["suara_total", "dpt.jumlah"]);
        assert_eq!(
            t.pesan,
            "Total suara sah dan tidak sah (V.C) 391 melebihi 102% dari DPT (I.A) 300 (paling banyak 306)."
        );
    }

    #[test]
    fn total_at_most_the_legal_maximum_per_tps() {
        assert_eq!(minimal(700, 600), []);
        assert_eq!(minimal(700, 601), [Aturan::TotalMelebihiBatasTps]);
        assert_eq!(
            minimal(100, 700),
            [Aturan::TotalMelebihiDpt, Aturan::TotalMelebihiBatasTps]
        );
        let f = FormulirHasil {
            suara_total: Some(601),
            ..bersih()
        };
        let t = periksa(&f, &batas());
        let t = t
            .iter()
            .find(|t| t.aturan == Aturan::TotalMelebihiBatasTps)
            .unwrap();
        assert_eq!(t.kolom, ["suara_total"]);
        assert_eq!(
            t.pesan,
            "Total suara sah dan tidak sah (V.C) 601 melebihi batas pemilih per TPS (600)."
        );
    }

    #[test]
    fn required_fields_left_blank() {
        let mut f = bersih();
        f.suara_paslon[2] = None;
        f.suara_tidak_sah = None;
        let t = satu(&f, Aturan::KosongWajib);
        assert_eq!(t.kolom, ["suara_paslon.2", "suara_tidak_sah"]);
        assert_eq!(
            t.pesan,
            "Kolom wajib belum diisi: suara paslon nomor urut 3 (IV), suara tidak sah (V.B)."
        );
        assert_eq!(
            t.english(),
            "Required fields left blank: votes for candidate pair no. 3 (IV), invalid votes (V.B)."
        );

        let t = periksa(&FormulirHasil::default(), &batas());
        assert_eq!(aturan(&t), [Aturan::KosongWajib, Aturan::JumlahPaslonSalah]);
        assert_eq!(t[0].kolom, ["suara_sah", "suara_tidak_sah", "suara_total"]);
    }

    #[test]
    fn a_blank_total_is_checked_on_what_the_form_implies() {
        // An SMS without JML: paslon and TS only, V.A and V.C blank.
        let sms = FormulirHasil {
            suara_paslon: vec![Some(9999), Some(9999)],
            suara_tidak_sah: Some(0),
            ..FormulirHasil::default()
        };
        let b = Batas::pilkada_2024(2).dengan_dpt_tps(Some(300));
        let t = periksa(&sms, &b);
        assert_eq!(
            aturan(&t),
            [
                Aturan::KosongWajib,
                Aturan::TotalMelebihiDpt,
                Aturan::TotalMelebihiBatasTps
            ]
        );
        assert_eq!(
            t[1].pesan,
            "Jumlah suara paslon + tidak sah (IV + V.B) 19998 melebihi DPT TPS ini 300 + cadangan 2,5% = 308 surat suara."
        );
        assert_eq!(
            t[1].kolom,
            ["suara_paslon.0", "suara_paslon.1", "suara_tidak_sah"]
        );
        assert_eq!(t[1].singkat(), Some("melebihi DPT 300+2,5%"));
        assert_eq!(
            t[2].pesan,
            "Jumlah suara paslon + tidak sah (IV + V.B) 19998 melebihi batas pemilih per TPS (600)."
        );
        assert_eq!(t[2].singkat(), Some("melebihi batas 600/TPS"));
        // Without the TPS's DPT the legal maximum still holds.
        assert_eq!(
            aturan(&periksa(&sms, &Batas::pilkada_2024(2))),
            [Aturan::KosongWajib, Aturan::TotalMelebihiBatasTps]
        );
        // Within the ballots (DPT + 2.5 %): 308 of 300 is no flag, 309 is.
        let n = |a: u32, ts: u32| {
            let f = FormulirHasil {
                suara_paslon: vec![Some(a), Some(0)],
                suara_tidak_sah: Some(ts),
                ..FormulirHasil::default()
            };
            aturan(&periksa(&f, &b))
        };
        assert_eq!(n(300, 8), [Aturan::KosongWajib]);
        assert_eq!(n(300, 9), [Aturan::KosongWajib, Aturan::TotalMelebihiDpt]);
        // The form's own DPT (I.A), when written, is what the total meets.
        let mut f = sms.clone();
        f.dpt.jumlah = Some(20_000);
        assert_eq!(
            aturan(&periksa(&f, &b)),
            [Aturan::KosongWajib, Aturan::TotalMelebihiBatasTps]
        );
        // V.A + V.B when V.A is written and V.C is not.
        let f = FormulirHasil {
            suara_paslon: vec![Some(1), Some(1)],
            suara_sah: Some(700),
            suara_tidak_sah: Some(5),
            ..FormulirHasil::default()
        };
        let t = periksa(&f, &b);
        let t = t
            .iter()
            .find(|t| t.aturan == Aturan::TotalMelebihiBatasTps)
            .unwrap();
        assert_eq!(t.kolom, ["suara_sah", "suara_tidak_sah"]);
        assert!(
            t.pesan
                .starts_with("Suara sah + tidak sah (V.A + V.B) 705 melebihi")
        );
    }

    #[test]
    fn a_single_paslon_form_carries_the_blank_box() {
        assert_eq!(kolom_suara_paslon(1), 2);
        for n in [0, 2, 3, 6] {
            assert_eq!(kolom_suara_paslon(n), n);
        }
    }

    #[test]
    fn number_of_paslon_must_match_the_election() {
        let t = periksa(&bersih(), &Batas::pilkada_2024(4));
        assert_eq!(aturan(&t), [Aturan::JumlahPaslonSalah]);
        assert_eq!(t[0].kolom, ["suara_paslon"]);
        assert_eq!(
            t[0].pesan,
            "Formulir berisi 3 kolom suara paslon (IV), padahal pemilihan ini diikuti 4 paslon."
        );
        let mut f = bersih();
        f.suara_paslon.push(Some(0));
        assert_eq!(aturan(&periksa(&f, &batas())), [Aturan::JumlahPaslonSalah]);
    }

    #[test]
    fn absurd_numbers_do_not_overflow() {
        let m = u32::MAX;
        let f = FormulirHasil {
            dpt: Angka3::isi(m, m, m),
            b1_dpt: Angka3::isi(m, m, m),
            b2_pindahan: Angka3::isi(m, m, m),
            b3_tambahan: Angka3::isi(m, m, m),
            b4_total: Angka3::isi(m, m, m),
            surat_diterima: Some(m),
            surat_digunakan: Some(m),
            surat_rusak: Some(m),
            surat_sisa: Some(m),
            disabilitas: Angka3::isi(m, m, m),
            suara_paslon: vec![Some(m); 3],
            suara_sah: Some(m),
            suara_tidak_sah: Some(m),
            suara_total: Some(m),
        };
        let t = periksa(&f, &batas());
        assert!(
            t[0].pesan.contains(&format!("= {}", 2 * u64::from(m))),
            "{}",
            t[0].pesan
        );
        let paslon = t
            .iter()
            .find(|t| t.aturan == Aturan::JumlahPaslonSamaSah)
            .unwrap();
        assert!(paslon.pesan.contains(&format!("= {})", 3 * u64::from(m))));
        assert!(!aturan(&t).contains(&Aturan::TotalMelebihiDpt));
    }

    #[test]
    fn codes_are_stable_unique_and_what_serde_writes() {
        let kode: Vec<&str> = Aturan::SEMUA.iter().map(Aturan::kode).collect();
        let mut unik = kode.clone();
        unik.sort();
        unik.dedup();
        assert_eq!(unik.len(), 14);
        for k in &kode {
            assert!(
                k.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{k}"
            );
        }
        for a in Aturan::SEMUA {
            let mut pairs = vec![("kode", a.kode())];
            if let Aturan::LakiPerempuanJumlah { baris } = a {
                pairs.push(("baris", baris.field()));
            }
            let back =
                Aturan::deserialize(MapDeserializer::<_, DeError>::new(pairs.into_iter())).unwrap();
            assert_eq!(back, a);
            assert_eq!(a.to_string(), a.kode());
        }
        assert_eq!(KOLOM_PASLON[0], "suara_paslon.0");
        assert_eq!(KOLOM_PASLON[98], "suara_paslon.98");
        assert_eq!(kolom_paslon(99), "suara_paslon");
    }

    /// Splits `total` into `cuts.len() + 1` parts, using `cuts` as random cut points.
    fn potong(total: u32, cuts: &[u32]) -> Vec<u32> {
        let mut c: Vec<u32> = cuts.iter().map(|x| x % (total + 1)).collect();
        c.sort_unstable();
        let mut parts = Vec::with_capacity(c.len() + 1);
        let mut prev = 0;
        for x in c {
            parts.push(x - prev);
            prev = x;
        }
        parts.push(total - prev);
        parts
    }

    /// A form as a careful KPPS fills it, built from raw random numbers.
    fn konsisten(dl: u32, dp: u32, r: &[u32; 16], n: usize) -> FormulirHasil {
        let row = |l: u32, p: u32| Angka3::isi(l, p, l + p);
        let (ul, up) = (r[0] % (dl + 1), r[1] % (dp + 1));
        let (bl, bp) = (potong(ul, &r[2..4]), potong(up, &r[4..6]));
        let total = ul + up;
        let tidak_sah = r[6] % (total + 1);
        let sah = total - tidak_sah;
        let diterima = surat_seharusnya(dl + dp) as u32 + r[8] % 6;
        let rusak = r[7] % (diterima - total + 1);
        FormulirHasil {
            dpt: row(dl, dp),
            b1_dpt: row(bl[0], bp[0]),
            b2_pindahan: row(bl[1], bp[1]),
            b3_tambahan: row(bl[2], bp[2]),
            b4_total: row(ul, up),
            surat_diterima: Some(diterima),
            surat_digunakan: Some(total),
            surat_rusak: Some(rusak),
            surat_sisa: Some(diterima - total - rusak),
            disabilitas: row(r[9] % (ul + 1), r[10] % (up + 1)),
            suara_paslon: potong(sah, &r[11..11 + n - 1])
                .into_iter()
                .map(Some)
                .collect(),
            suara_sah: Some(sah),
            suara_tidak_sah: Some(tidak_sah),
            suara_total: Some(total),
        }
    }

    fn angka3() -> impl Strategy<Value = Angka3> {
        let o = || proptest::option::of(any::<u32>());
        (o(), o(), o()).prop_map(|(laki, perempuan, jumlah)| Angka3 {
            laki,
            perempuan,
            jumlah,
        })
    }

    fn formulir_acak() -> impl Strategy<Value = FormulirHasil> {
        let o = || proptest::option::of(any::<u32>());
        (
            (angka3(), angka3(), angka3(), angka3(), angka3(), angka3()),
            (o(), o(), o(), o()),
            (proptest::collection::vec(o(), 0..8), o(), o(), o()),
        )
            .prop_map(
                |((dpt, b1, b2, b3, b4, dis), (d, g, r, s), (paslon, sah, tidak, total))| {
                    FormulirHasil {
                        dpt,
                        b1_dpt: b1,
                        b2_pindahan: b2,
                        b3_tambahan: b3,
                        b4_total: b4,
                        surat_diterima: d,
                        surat_digunakan: g,
                        surat_rusak: r,
                        surat_sisa: s,
                        disabilitas: dis,
                        suara_paslon: paslon,
                        suara_sah: sah,
                        suara_tidak_sah: tidak,
                        suara_total: total,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn consistent_forms_have_no_findings(dl in 0u32..=300, dp in 0u32..=300, r in any::<[u32; 16]>(), n in 1usize..=6) {
            let f = konsisten(dl, dp, &r, n);
            prop_assert_eq!(periksa(&f, &Batas::pilkada_2024(n)), vec![]);
        }

        #[test]
        fn one_paslon_off_by_k_is_flagged_naming_it(dl in 0u32..=300, dp in 0u32..=300, r in any::<[u32; 16]>(), n in 1usize..=6, pilih in any::<usize>(), k in 1u32..=100_000) {
            let mut f = konsisten(dl, dp, &r, n);
            let j = pilih % n;
            f.suara_paslon[j] = f.suara_paslon[j].map(|v| v + k);
            let t = periksa(&f, &Batas::pilkada_2024(n));
            prop_assert_eq!(aturan(&t), vec![Aturan::JumlahPaslonSamaSah]);
            let nama = format!("suara_paslon.{j}");
            prop_assert!(t[0].kolom.contains(&nama.as_str()), "{:?}", t[0].kolom);
            prop_assert!(t[0].kolom.contains(&"suara_sah"));
        }

        #[test]
        fn blanking_a_cell_never_raises_an_arithmetic_flag(dl in 0u32..=300, dp in 0u32..=300, r in any::<[u32; 16]>(), n in 1usize..=6, pilih in any::<usize>()) {
            let mut f = konsisten(dl, dp, &r, n);
            {
                let mut sel = semua_sel(&mut f);
                let i = pilih % sel.len();
                *sel[i] = None;
            }
            for t in periksa(&f, &Batas::pilkada_2024(n)) {
                prop_assert_eq!(t.aturan, Aturan::KosongWajib);
            }
        }

        #[test]
        fn periksa_never_panics(f in formulir_acak(), maks in any::<u32>(), jumlah_paslon in 0usize..10) {
            let batas = Batas { maks_pemilih_tps: maks, jumlah_paslon, dpt_tps: None };
            for t in periksa(&f, &batas) {
                prop_assert!(!t.kolom.is_empty());
                prop_assert!(t.pesan.ends_with('.') && t.english().ends_with('.'));
                for k in &t.kolom {
                    let dikenal = SEL.iter().flatten().any(|s| s == k)
                        || [SURAT_DITERIMA, SURAT_DIGUNAKAN, SURAT_RUSAK, SURAT_SISA, SUARA_SAH, SUARA_TIDAK_SAH, SUARA_TOTAL, "suara_paslon"].contains(k)
                        || k.strip_prefix("suara_paslon.").and_then(|i| i.parse::<usize>().ok()).is_some_and(|i| i < f.suara_paslon.len());
                    prop_assert!(dikenal, "{}", k);
                }
            }
        }
    }
}
