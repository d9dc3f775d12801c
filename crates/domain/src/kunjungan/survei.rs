//! The doorstep survey as a campaign sets it per election: short questions
//! with closed answer lists, each named by a code that the phone sends and
//! the answers are stored under. An election that sets none asks the three
//! built-in ones ([`SURVEI`]), so visits logged before questions were
//! configurable stay comparable.

use std::fmt;

use serde::Serialize;

use super::{KunjunganError, SURVEI};

/// Longest question or option code: short enough to send from a phone
/// and to read in a stored answer.
pub const KODE_MAKS: usize = 24;
/// Longest question text.
pub const TEKS_MAKS: usize = 200;
/// Longest answer label.
pub const LABEL_MAKS: usize = 80;
/// A closed answer list has at least 2 and at most 8 options: fewer is no
/// question, more cannot be tapped through on a doorstep.
pub const PILIHAN_MIN: usize = 2;
pub const PILIHAN_MAKS: usize = 8;

/// One answer a question allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PilihanJawaban {
    pub kode: String,
    pub label: String,
}

/// A survey question, valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PertanyaanSurvei {
    pub kode: String,
    /// Indonesian.
    pub teks: String,
    /// English, when the campaign gave one.
    pub teks_en: Option<String>,
    pub pilihan: Vec<PilihanJawaban>,
    /// False once retired: no longer asked, its answers still readable.
    pub aktif: bool,
}

impl PertanyaanSurvei {
    /// The text in the page's language (Indonesian when no English).
    pub fn teks_dalam(&self, inggris: bool) -> &str {
        match (&self.teks_en, inggris) {
            (Some(en), true) => en,
            _ => &self.teks,
        }
    }

    pub fn label(&self, jawaban: &str) -> Option<&str> {
        self.pilihan
            .iter()
            .find(|p| p.kode == jawaban)
            .map(|p| p.label.as_str())
    }
}

/// The three built-in questions, as stored questions.
pub fn survei_bawaan() -> Vec<PertanyaanSurvei> {
    SURVEI
        .iter()
        .map(|q| PertanyaanSurvei {
            kode: q.kode.to_string(),
            teks: q.teks.to_string(),
            teks_en: Some(
                match q.kode {
                    "isu" => "Most important problem in this neighbourhood",
                    "kenal" => "Do you know our candidates?",
                    _ => "Will you come to the polling station?",
                }
                .to_string(),
            ),
            pilihan: q
                .pilihan
                .iter()
                .map(|(k, l)| PilihanJawaban {
                    kode: k.to_string(),
                    label: l.to_string(),
                })
                .collect(),
            aktif: true,
        })
        .collect()
}

/// A question as typed on the management form. The options are one per
/// line, `kode = label` (a line without `=` uses the label as code when it
/// is one).
#[derive(Debug, Clone, Default)]
pub struct IsianPertanyaan<'a> {
    pub kode: &'a str,
    pub teks: &'a str,
    pub teks_en: &'a str,
    pub pilihan: &'a str,
}

/// What is wrong with a question, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SurveiError {
    #[error(
        "kode '{0}': pakai huruf kecil a-z, angka 0-9 dan tanda hubung (-), paling banyak 24 huruf"
    )]
    Kode(String),
    #[error("teks pertanyaan: wajib diisi, paling banyak 200 huruf")]
    Teks,
    #[error("teks bahasa Inggris: paling banyak 200 huruf")]
    TeksEn,
    #[error("pilihan jawaban: tulis 2 sampai 8 pilihan, satu per baris (kode = label); ada {0}")]
    JumlahPilihan(usize),
    #[error(
        "pilihan baris {0}: kode '{1}': pakai huruf kecil a-z, angka 0-9 dan tanda hubung (-), paling banyak 24 huruf"
    )]
    KodePilihan(usize, String),
    #[error("pilihan baris {0}: label wajib diisi, paling banyak 80 huruf")]
    LabelPilihan(usize),
    #[error("pilihan baris {0}: kode '{1}' sudah dipakai pilihan lain")]
    PilihanGanda(usize, String),
}

impl SurveiError {
    /// The form field at fault.
    pub fn kolom(&self) -> &'static str {
        match self {
            SurveiError::Kode(_) => "kode",
            SurveiError::Teks => "teks",
            SurveiError::TeksEn => "teks_en",
            _ => "pilihan",
        }
    }
}

/// A question or option code: `a-z`, `0-9`, `-`, 1 to [`KODE_MAKS`].
pub fn kode_sah(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= KODE_MAKS
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn rapikan(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl PertanyaanSurvei {
    /// Parses a question from the form; the first bad field is named.
    pub fn parse(i: &IsianPertanyaan<'_>) -> Result<PertanyaanSurvei, SurveiError> {
        let kode = i.kode.trim();
        if !kode_sah(kode) {
            return Err(SurveiError::Kode(kode.to_string()));
        }
        let teks = rapikan(i.teks);
        if teks.is_empty() || teks.chars().count() > TEKS_MAKS {
            return Err(SurveiError::Teks);
        }
        let teks_en = rapikan(i.teks_en);
        if teks_en.chars().count() > TEKS_MAKS {
            return Err(SurveiError::TeksEn);
        }
        let mut pilihan: Vec<PilihanJawaban> = Vec::new();
        for (n, baris) in i.pilihan.lines().enumerate() {
            let baris_ke = n + 1;
            if baris.trim().is_empty() {
                continue;
            }
            let (k, l) = match baris.split_once('=') {
                Some((k, l)) => (k.trim().to_string(), rapikan(l)),
                None => (baris.trim().to_string(), rapikan(baris)),
            };
            if !kode_sah(&k) {
                return Err(SurveiError::KodePilihan(baris_ke, k));
            }
            if l.is_empty() || l.chars().count() > LABEL_MAKS {
                return Err(SurveiError::LabelPilihan(baris_ke));
            }
            if pilihan.iter().any(|p| p.kode == k) {
                return Err(SurveiError::PilihanGanda(baris_ke, k));
            }
            pilihan.push(PilihanJawaban { kode: k, label: l });
        }
        if !(PILIHAN_MIN..=PILIHAN_MAKS).contains(&pilihan.len()) {
            return Err(SurveiError::JumlahPilihan(pilihan.len()));
        }
        Ok(PertanyaanSurvei {
            kode: kode.to_string(),
            teks,
            teks_en: (!teks_en.is_empty()).then_some(teks_en),
            pilihan,
            aktif: true,
        })
    }

    /// The options as the form's text area shows them.
    pub fn pilihan_teks(&self) -> String {
        self.pilihan
            .iter()
            .map(|p| format!("{} = {}", p.kode, p.label))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for PertanyaanSurvei {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kode, self.teks)
    }
}

/// Checks a visit's answers against an election's questions (retired ones
/// too: a phone may have queued answers before a question was retired)
/// and puts them in question order.
pub fn periksa_jawaban(
    jawaban: &[(String, String)],
    survei: &[PertanyaanSurvei],
) -> Result<Vec<(String, String)>, KunjunganError> {
    let mut out = Vec::with_capacity(jawaban.len());
    for (kode, pilih) in jawaban {
        let Some(q) = survei.iter().find(|q| &q.kode == kode) else {
            let aktif: Vec<&str> = survei
                .iter()
                .filter(|q| q.aktif)
                .map(|q| q.kode.as_str())
                .collect();
            return Err(KunjunganError::Pertanyaan(kode.clone(), aktif.join(", ")));
        };
        if q.label(pilih).is_none() {
            let boleh: Vec<&str> = q.pilihan.iter().map(|p| p.kode.as_str()).collect();
            return Err(KunjunganError::Jawaban(
                kode.clone(),
                pilih.clone(),
                boleh.join(", "),
            ));
        }
        out.push((kode.clone(), pilih.clone()));
    }
    out.sort_by_key(|(k, _)| survei.iter().position(|q| &q.kode == k));
    Ok(out)
}
