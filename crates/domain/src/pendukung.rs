//! Pendukung (supporters): who agreed to be recorded, with their consent
//! (persetujuan), how strongly they support, and the rule that flags two
//! records as probably the same person for a human to review.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;
use time::{Date, Duration};

use crate::nik::{Nik, NikError};
use crate::telepon::{Telepon, TeleponError};
use crate::tps::KodeTps;
use crate::wilayah::{KodeWilayah, Tingkat};

/// How strongly a supporter supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TingkatDukungan {
    Kuat,
    Condong,
    Ragu,
}

impl TingkatDukungan {
    pub const ALL: [TingkatDukungan; 3] = [
        TingkatDukungan::Kuat,
        TingkatDukungan::Condong,
        TingkatDukungan::Ragu,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            TingkatDukungan::Kuat => "kuat",
            TingkatDukungan::Condong => "condong",
            TingkatDukungan::Ragu => "ragu",
        }
    }

    pub fn parse(s: &str) -> Result<TingkatDukungan, PendukungError> {
        let s = s.trim().to_lowercase();
        TingkatDukungan::ALL
            .into_iter()
            .find(|d| d.slug() == s)
            .ok_or(PendukungError::Dukungan(s))
    }
}

impl fmt::Display for TingkatDukungan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// What a supporter agreed their data may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Keperluan {
    /// Being contacted by the campaign (visits, messages).
    KontakKampanye,
    /// Being asked to volunteer.
    Relawan,
    /// Being asked to serve as a saksi.
    Saksi,
    /// Answering surveys.
    Survei,
}

impl Keperluan {
    pub const ALL: [Keperluan; 4] = [
        Keperluan::KontakKampanye,
        Keperluan::Relawan,
        Keperluan::Saksi,
        Keperluan::Survei,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Keperluan::KontakKampanye => "kontak_kampanye",
            Keperluan::Relawan => "relawan",
            Keperluan::Saksi => "saksi",
            Keperluan::Survei => "survei",
        }
    }

    /// What the supporter is told, on the form.
    pub fn label(self) -> &'static str {
        match self {
            Keperluan::KontakKampanye => "dihubungi tim kampanye",
            Keperluan::Relawan => "diajak menjadi relawan",
            Keperluan::Saksi => "diajak menjadi saksi TPS",
            Keperluan::Survei => "mengisi survei",
        }
    }

    pub fn parse(s: &str) -> Result<Keperluan, PendukungError> {
        let s = s.trim().to_lowercase();
        Keperluan::ALL
            .into_iter()
            .find(|k| k.slug() == s)
            .ok_or(PendukungError::Keperluan(s))
    }
}

/// Days after the election that personal data is kept unless renewed.
pub const SIMPAN_HARI_SETELAH_PEMILIHAN: i64 = 90;

/// The default retention date: 90 days after the election.
pub fn simpan_sampai_bawaan(tanggal_pemilihan: Date) -> Date {
    tanggal_pemilihan + Duration::days(SIMPAN_HARI_SETELAH_PEMILIHAN)
}

/// The purposes consented to; empty means no consent, and then nothing
/// may be stored.
pub fn keperluan_disetujui(pilihan: &[&str]) -> Result<BTreeSet<Keperluan>, PendukungError> {
    let set = pilihan
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| Keperluan::parse(s))
        .collect::<Result<BTreeSet<_>, _>>()?;
    if set.is_empty() {
        return Err(PendukungError::TanpaPersetujuan);
    }
    Ok(set)
}

/// Where a supporter votes: a TPS when known, else their desa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Domisili {
    Tps(KodeTps),
    Desa(KodeWilayah),
}

impl Domisili {
    pub fn parse(s: &str) -> Result<Domisili, PendukungError> {
        let t = s.trim();
        if let Ok(k) = KodeTps::parse(t) {
            return Ok(Domisili::Tps(k));
        }
        match KodeWilayah::parse(t) {
            Ok(w) if w.tingkat() == Tingkat::Desa => Ok(Domisili::Desa(w)),
            _ => Err(PendukungError::Domisili(t.to_string())),
        }
    }

    pub fn desa(&self) -> KodeWilayah {
        match self {
            Domisili::Tps(t) => t.desa(),
            Domisili::Desa(d) => *d,
        }
    }

    pub fn tps(&self) -> Option<KodeTps> {
        match self {
            Domisili::Tps(t) => Some(*t),
            Domisili::Desa(_) => None,
        }
    }
}

/// A supporter's particulars as typed on the form, before parsing.
#[derive(Debug, Clone, Default)]
pub struct IsianPendukung<'a> {
    pub nama: &'a str,
    pub nik: &'a str,
    pub telepon: &'a str,
    pub alamat: &'a str,
    /// A TPS code or a desa code.
    pub domisili: &'a str,
    /// `YYYY-MM-DD`; may be empty (then taken from the NIK when given).
    pub tanggal_lahir: &'a str,
    pub dukungan: &'a str,
    pub sumber: &'a str,
}

/// A supporter's particulars, valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPendukung {
    pub nama: String,
    pub nik: Option<Nik>,
    pub telepon: Option<Telepon>,
    pub alamat: String,
    pub domisili: Domisili,
    pub tanggal_lahir: Option<Date>,
    pub dukungan: TingkatDukungan,
    pub sumber: String,
}

const NAMA_MAKS: usize = 120;
const TEKS_MAKS: usize = 300;

fn rapikan(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl DataPendukung {
    /// Parses every field; the first bad one is named in the error.
    /// `tahun_sekarang` places a NIK's two-digit birth year.
    pub fn parse(i: &IsianPendukung, tahun_sekarang: i32) -> Result<DataPendukung, PendukungError> {
        let nama = rapikan(i.nama);
        if nama.is_empty() {
            return Err(PendukungError::Nama("tidak boleh kosong".into()));
        }
        if nama.chars().count() > NAMA_MAKS {
            return Err(PendukungError::Nama(format!(
                "terlalu panjang (maksimal {NAMA_MAKS} huruf)"
            )));
        }
        let nik = match i.nik.trim() {
            "" => None,
            s => Some(Nik::parse(s).map_err(PendukungError::Nik)?),
        };
        let telepon = match i.telepon.trim() {
            "" => None,
            s => Some(Telepon::parse(s).map_err(PendukungError::Telepon)?),
        };
        let alamat = rapikan(i.alamat);
        if alamat.chars().count() > TEKS_MAKS {
            return Err(PendukungError::Alamat);
        }
        let domisili = Domisili::parse(i.domisili)?;
        let tanggal_lahir = match i.tanggal_lahir.trim() {
            "" => nik.and_then(|n| n.tanggal_lahir(tahun_sekarang)),
            s => Some(
                Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
                    .map_err(|_| PendukungError::TanggalLahir(s.to_string()))?,
            ),
        };
        let dukungan = TingkatDukungan::parse(i.dukungan)?;
        let sumber = rapikan(i.sumber);
        if sumber.chars().count() > TEKS_MAKS {
            return Err(PendukungError::Sumber);
        }
        Ok(DataPendukung {
            nama,
            nik,
            telepon,
            alamat,
            domisili,
            tanggal_lahir,
            dukungan,
            sumber,
        })
    }
}

/// Titles written before or after names that say nothing about who the
/// person is: "H.", "Hj.", "Ir.", "Dr.", "S.Pd." and the like.
const GELAR: &[&str] = &[
    "h", "hj", "ir", "dr", "drs", "dra", "prof", "kh", "ust", "ustadz", "ustadzah", "bpk", "bapak",
    "ibu", "sdr", "sdri", "spd", "se", "sh", "st", "skom", "mm", "msi", "amd", "ssos", "sag",
];

/// A name reduced to what identifies it: lower case, titles and
/// punctuation removed, single spaces.
pub fn nama_normal(nama: &str) -> String {
    let lower = nama.to_lowercase();
    // Split on spaces and commas first, so "S.Pd." is one token.
    lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|tok| {
            tok.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|tok| !tok.is_empty() && !GELAR.contains(&tok.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Shortest prefix of a name part the search index holds: shorter ones
/// would each match a large share of the registry, and say more about the
/// name than a search needs.
pub const TOKEN_MIN: usize = 3;
/// Longest prefix of a name part the search index holds; a longer typed
/// part is cut to it.
pub const TOKEN_MAKS: usize = 16;
/// Most parts a name search may have. Indonesian names have a handful
/// ("Hj. Siti Nur Aminah binti Abdullah" is six); each part is one more
/// condition on the index (an HMAC per key of the ring, joined), so a
/// search of hundreds of words is refused with this number rather than
/// handed to the database.
pub const KATA_CARI_MAKS: usize = 10;

fn potong(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// What the supporter-name search index holds of a name: for each part of
/// the [`nama_normal`] name its prefixes of [`TOKEN_MIN`] to [`TOKEN_MAKS`]
/// characters, or the whole part when it is shorter. Sorted, no repeats.
pub fn token_nama(nama: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for bagian in nama_normal(nama).split(' ').filter(|b| !b.is_empty()) {
        let n = bagian.chars().count();
        if n < TOKEN_MIN {
            out.push(bagian.to_string());
        } else {
            out.extend((TOKEN_MIN..=n.min(TOKEN_MAKS)).map(|l| potong(bagian, l)));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What a typed search asks of the index: one token per part of the
/// normalised text, each matching the name parts it begins (a part shorter
/// than [`TOKEN_MIN`] matches only that whole part). A name matches when
/// every token does.
pub fn token_cari(q: &str) -> Vec<String> {
    let mut out: Vec<String> = nama_normal(q)
        .split(' ')
        .filter(|b| !b.is_empty())
        .map(|b| potong(b, TOKEN_MAKS))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Similarity at or above which two normalised names are taken as the same.
pub const AMBANG_MIRIP: f64 = 0.92;

/// Jaro-Winkler similarity of two normalised names (0–1).
pub fn kemiripan(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

/// The fuzzy duplicate rule: same desa, same birth date and names at least
/// [`AMBANG_MIRIP`] alike after normalisation. Without a birth date on
/// both sides there is no suspicion (too many people share a name).
pub fn diduga_ganda(
    a: (&str, Option<Date>, KodeWilayah),
    b: (&str, Option<Date>, KodeWilayah),
) -> Option<f64> {
    let (Some(la), Some(lb)) = (a.1, b.1) else {
        return None;
    };
    if la != lb || a.2 != b.2 {
        return None;
    }
    let skor = kemiripan(&nama_normal(a.0), &nama_normal(b.0));
    (skor >= AMBANG_MIRIP).then_some(skor)
}

/// Errors name the field, so the form can say which one to fix. A NIK or
/// phone number is never echoed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PendukungError {
    #[error("nama: {0}")]
    Nama(String),
    #[error("kolom NIK: {0}")]
    Nik(NikError),
    #[error("kolom telepon: {0}")]
    Telepon(TeleponError),
    #[error("alamat: terlalu panjang (maksimal 300 huruf)")]
    Alamat,
    #[error("sumber: terlalu panjang (maksimal 300 huruf)")]
    Sumber,
    #[error(
        "TPS/desa '{0}': tulis kode TPS (13 angka, mis. 3171011001001) atau kode desa/kelurahan (31.71.01.1001)"
    )]
    Domisili(String),
    #[error("tanggal lahir '{0}': tulis sebagai TTTT-BB-HH (mis. 1990-08-25)")]
    TanggalLahir(String),
    #[error("tingkat dukungan '{0}' tidak dikenal: pilih kuat, condong atau ragu")]
    Dukungan(String),
    #[error("keperluan '{0}' tidak dikenal: pilih kontak_kampanye, relawan, saksi atau survei")]
    Keperluan(String),
    #[error(
        "tanpa persetujuan: pendukung harus menyetujui setidaknya satu keperluan; tidak ada data yang disimpan"
    )]
    TanpaPersetujuan,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn name_tokens_are_prefixes_of_each_part_and_searches_match_them() {
        assert_eq!(
            token_nama("Hj. Siti  AMINAH, S.Pd."),
            vec!["ami", "amin", "amina", "aminah", "sit", "siti"]
        );
        // A short part is kept whole; a long one is cut at TOKEN_MAKS.
        let t = token_nama("Al Muhammadabdullahsyah");
        assert!(t.contains(&"al".to_string()));
        assert!(t.contains(&"muhammadabdullah".to_string()));
        assert!(!t.iter().any(|x| x.chars().count() > TOKEN_MAKS));
        assert_eq!(token_cari("  aminah SIT "), vec!["aminah", "sit"]);
        assert_eq!(
            token_cari("Muhammadabdullahsyahputra"),
            vec!["muhammadabdullah"]
        );
        assert!(token_cari(" , . ").is_empty());
        // Every search token of a name's own parts is in its index.
        let nama = "Ni Luh Putu Ayu Sekar Wangi";
        let indeks = token_nama(nama);
        for q in ["ni", "luh", "put", "sekar wan", "AYU"] {
            for t in token_cari(q) {
                assert!(indeks.contains(&t), "{q}: {t}");
            }
        }
        assert!(!indeks.contains(&"pu".to_string()), "too short a prefix");
    }

    fn isian<'a>(nik: &'a str) -> IsianPendukung<'a> {
        IsianPendukung {
            nama: "  Hj.  Siti   Aminah ",
            nik,
            telepon: "0812-3456-7890",
            alamat: "Jl. Kenari 3 RT 02/RW 05",
            domisili: "3171011001001",
            tanggal_lahir: "",
            dukungan: "Kuat",
            sumber: "kunjungan rumah",
        }
    }

    #[test]
    fn parses_a_supporter_and_takes_birth_date_from_the_nik() {
        let d = DataPendukung::parse(&isian("3171016508900001"), 2026).unwrap();
        assert_eq!(d.nama, "Hj. Siti Aminah");
        assert_eq!(d.tanggal_lahir, Some(date!(1990 - 08 - 25)));
        assert_eq!(d.domisili.desa().to_string(), "31.71.01.1001");
        assert_eq!(d.dukungan, TingkatDukungan::Kuat);
        let tanpa = DataPendukung::parse(&isian(""), 2026).unwrap();
        assert_eq!((tanpa.nik, tanpa.tanggal_lahir), (None, None));
    }

    #[test]
    fn bad_fields_are_named() {
        let e = DataPendukung::parse(&isian("31710165089"), 2026).unwrap_err();
        assert_eq!(e, PendukungError::Nik(NikError::Length(11)));
        assert!(e.to_string().starts_with("kolom NIK"), "{e}");
        let e = DataPendukung::parse(&isian("3171013208900001"), 2026).unwrap_err();
        assert!(e.to_string().contains("tanggal lahir"), "{e}");
        assert!(e.to_string().starts_with("kolom NIK"), "{e}");
        let mut i = isian("");
        i.telepon = "021-555";
        assert!(
            DataPendukung::parse(&i, 2026)
                .unwrap_err()
                .to_string()
                .starts_with("kolom telepon")
        );
        let mut i = isian("");
        i.domisili = "31.71.01";
        assert!(matches!(
            DataPendukung::parse(&i, 2026),
            Err(PendukungError::Domisili(_))
        ));
        let mut i = isian("");
        i.nama = "   ";
        assert!(matches!(
            DataPendukung::parse(&i, 2026),
            Err(PendukungError::Nama(_))
        ));
    }

    #[test]
    fn consent_is_required() {
        assert_eq!(
            keperluan_disetujui(&[]),
            Err(PendukungError::TanpaPersetujuan)
        );
        assert_eq!(
            keperluan_disetujui(&["", " "]),
            Err(PendukungError::TanpaPersetujuan)
        );
        let k = keperluan_disetujui(&["survei", "kontak_kampanye", "survei"]).unwrap();
        assert_eq!(
            k.into_iter().collect::<Vec<_>>(),
            [Keperluan::KontakKampanye, Keperluan::Survei]
        );
        assert!(keperluan_disetujui(&["jualan"]).is_err());
        assert_eq!(
            simpan_sampai_bawaan(date!(2024 - 11 - 27)),
            date!(2025 - 02 - 25)
        );
    }

    #[test]
    fn names_are_normalised() {
        assert_eq!(nama_normal("Hj. SITI  Aminah, S.Pd."), "siti aminah");
        assert_eq!(nama_normal("H. Ahmad  Fauzi"), "ahmad fauzi");
        assert_eq!(nama_normal("Ir. Budi-Santoso"), "budisantoso");
        assert_eq!(nama_normal("Dr. Drs. Joko"), "joko");
    }

    #[test]
    fn fuzzy_duplicates_need_name_birth_date_and_desa() {
        let desa = KodeWilayah::parse("31.71.01.1001").unwrap();
        let lain = KodeWilayah::parse("31.71.01.1002").unwrap();
        let lahir = Some(date!(1990 - 08 - 25));
        let a = ("Hj. Siti Aminah", lahir, desa);
        assert_eq!(diduga_ganda(a, ("SITI AMINAH", lahir, desa)), Some(1.0));
        // One letter off: still suspected.
        let s = diduga_ganda(a, ("Siti Aminan", lahir, desa)).unwrap();
        assert!((AMBANG_MIRIP..1.0).contains(&s), "{s}");
        assert_eq!(diduga_ganda(a, ("Siti Aminah", lahir, lain)), None);
        assert_eq!(
            diduga_ganda(a, ("Siti Aminah", Some(date!(1990 - 08 - 26)), desa)),
            None
        );
        assert_eq!(diduga_ganda(a, ("Siti Aminah", None, desa)), None);
        assert_eq!(diduga_ganda(a, ("Budi Santoso", lahir, desa)), None);
    }
}
