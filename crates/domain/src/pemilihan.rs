//! Pemilihan (a Pilkada election) and its paslon (candidate pairs).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::wilayah::{KodeWilayah, Tingkat};

/// Which head of region is elected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JenisPemilihan {
    Gubernur,
    Bupati,
    Walikota,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PemilihanError {
    #[error("jenis pemilihan '{0}' tidak dikenal: pilih gubernur, bupati atau walikota")]
    Jenis(String),
    #[error("pemilihan gubernur harus untuk satu provinsi, bukan {0}")]
    GubernurBukanProvinsi(KodeWilayah),
    #[error("pemilihan {jenis} harus untuk satu {harus}, bukan {kode}")]
    SalahTingkat {
        jenis: &'static str,
        harus: &'static str,
        kode: KodeWilayah,
    },
    #[error(
        "{0} adalah kota/kabupaten administrasi DKI Jakarta: di sana tidak ada pemilihan bupati/walikota"
    )]
    Administrasi(KodeWilayah),
    #[error("nomor urut harus 1–99, bukan '{0}'")]
    NomorUrut(String),
    #[error("nama {0} tidak boleh kosong")]
    NamaKosong(&'static str),
    #[error("nama {field} terlalu panjang ({len} karakter, maksimal {max})", max = NamaCalon::MAX)]
    NamaPanjang { field: &'static str, len: usize },
    #[error("wilayah {kode} berada di luar wilayah pemilihan {wilayah}")]
    DiLuarWilayah {
        kode: KodeWilayah,
        wilayah: KodeWilayah,
    },
}

impl JenisPemilihan {
    pub fn parse(s: &str) -> Result<JenisPemilihan, PemilihanError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "gubernur" | "pilgub" => Ok(JenisPemilihan::Gubernur),
            "bupati" | "pilbup" => Ok(JenisPemilihan::Bupati),
            "walikota" | "wali kota" | "pilwalkot" => Ok(JenisPemilihan::Walikota),
            other => Err(PemilihanError::Jenis(other.to_string())),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            JenisPemilihan::Gubernur => "gubernur",
            JenisPemilihan::Bupati => "bupati",
            JenisPemilihan::Walikota => "walikota",
        }
    }

    /// "Gubernur dan Wakil Gubernur", as on the ballot.
    pub fn jabatan(self) -> &'static str {
        match self {
            JenisPemilihan::Gubernur => "Gubernur dan Wakil Gubernur",
            JenisPemilihan::Bupati => "Bupati dan Wakil Bupati",
            JenisPemilihan::Walikota => "Wali Kota dan Wakil Wali Kota",
        }
    }

    /// Checks that an election of this kind can be held for `wilayah`:
    /// gubernur for a province, bupati for a kabupaten, walikota for a kota.
    pub fn cek_wilayah(self, wilayah: &KodeWilayah) -> Result<(), PemilihanError> {
        match self {
            JenisPemilihan::Gubernur if wilayah.tingkat() != Tingkat::Provinsi => {
                Err(PemilihanError::GubernurBukanProvinsi(*wilayah))
            }
            JenisPemilihan::Gubernur => Ok(()),
            JenisPemilihan::Bupati | JenisPemilihan::Walikota => {
                let (jenis, harus, kota) = match self {
                    JenisPemilihan::Bupati => ("bupati", "kabupaten", false),
                    _ => ("walikota", "kota", true),
                };
                if wilayah.is_kota() != Some(kota) {
                    return Err(PemilihanError::SalahTingkat {
                        jenis,
                        harus,
                        kode: *wilayah,
                    });
                }
                if wilayah.at(Tingkat::Provinsi).as_u64() == 31 {
                    return Err(PemilihanError::Administrasi(*wilayah));
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for JenisPemilihan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// A paslon's ballot number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct NomorUrut(u8);

impl NomorUrut {
    pub fn new(n: u8) -> Result<NomorUrut, PemilihanError> {
        if (1..=99).contains(&n) {
            Ok(NomorUrut(n))
        } else {
            Err(PemilihanError::NomorUrut(n.to_string()))
        }
    }

    pub fn parse(s: &str) -> Result<NomorUrut, PemilihanError> {
        s.trim()
            .parse::<u8>()
            .map_err(|_| PemilihanError::NomorUrut(s.trim().to_string()))
            .and_then(NomorUrut::new)
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for NomorUrut {
    type Error = PemilihanError;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        NomorUrut::new(n)
    }
}

impl From<NomorUrut> for u8 {
    fn from(n: NomorUrut) -> u8 {
        n.0
    }
}

impl fmt::Display for NomorUrut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

/// A person's name as entered: trimmed, inner whitespace collapsed, not
/// empty, of sane length.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NamaCalon(String);

impl NamaCalon {
    pub const MAX: usize = 120;

    pub fn parse_field(s: &str, field: &'static str) -> Result<NamaCalon, PemilihanError> {
        let clean = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if clean.is_empty() {
            return Err(PemilihanError::NamaKosong(field));
        }
        let len = clean.chars().count();
        if len > Self::MAX {
            return Err(PemilihanError::NamaPanjang { field, len });
        }
        Ok(NamaCalon(clean))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for NamaCalon {
    type Error = PemilihanError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        NamaCalon::parse_field(&s, "calon")
    }
}

impl From<NamaCalon> for String {
    fn from(n: NamaCalon) -> String {
        n.0
    }
}

impl fmt::Display for NamaCalon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> KodeWilayah {
        KodeWilayah::parse(s).unwrap()
    }

    #[test]
    fn election_kind_matches_region() {
        use JenisPemilihan::*;
        assert!(Gubernur.cek_wilayah(&k("31")).is_ok());
        assert!(Gubernur.cek_wilayah(&k("32.73")).is_err());
        assert!(Walikota.cek_wilayah(&k("32.73")).is_ok());
        assert!(Bupati.cek_wilayah(&k("32.73")).is_err());
        assert!(Bupati.cek_wilayah(&k("32.04")).is_ok());
        assert!(Walikota.cek_wilayah(&k("32.04")).is_err());
        assert!(Walikota.cek_wilayah(&k("32")).is_err());
        assert!(matches!(
            Walikota.cek_wilayah(&k("31.71")),
            Err(PemilihanError::Administrasi(_))
        ));
        assert_eq!(JenisPemilihan::parse(" Wali Kota ").unwrap(), Walikota);
        assert!(JenisPemilihan::parse("presiden").is_err());
    }

    #[test]
    fn names_and_numbers() {
        assert_eq!(
            NamaCalon::parse_field("  Siti   Rahma ", "calon")
                .unwrap()
                .as_str(),
            "Siti Rahma"
        );
        assert!(NamaCalon::parse_field("   ", "calon").is_err());
        assert!(NamaCalon::parse_field(&"a".repeat(121), "calon").is_err());
        assert_eq!(NomorUrut::parse("2").unwrap().to_string(), "02");
        assert!(NomorUrut::parse("0").is_err());
        assert!(NomorUrut::parse("x").is_err());
    }
}

/// The rule that names the winner of an election (see the glossary,
/// "aturan menang"). Set per election; every page that names a leader
/// states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AturanMenang {
    /// Most valid votes wins (UU 10/2016 as amended: every gubernur,
    /// bupati and walikota election outside Jakarta).
    Terbanyak,
    /// More than 50 % of valid votes wins, otherwise a second round
    /// between the top two (DKI Jakarta under the DKJ law).
    #[serde(rename = "lebih_50")]
    Lebih50,
    /// One pair against the blank box (kolom kosong): the pair wins with
    /// more than 50 % of valid votes, otherwise the election is held again.
    CalonTunggal,
}

impl AturanMenang {
    pub const SEMUA: [AturanMenang; 3] = [
        AturanMenang::Terbanyak,
        AturanMenang::Lebih50,
        AturanMenang::CalonTunggal,
    ];

    pub fn parse(s: &str) -> Option<AturanMenang> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "terbanyak" => Some(AturanMenang::Terbanyak),
            "lebih_50" | "lebih50" => Some(AturanMenang::Lebih50),
            "calon_tunggal" => Some(AturanMenang::CalonTunggal),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            AturanMenang::Terbanyak => "terbanyak",
            AturanMenang::Lebih50 => "lebih_50",
            AturanMenang::CalonTunggal => "calon_tunggal",
        }
    }

    /// The rule the law gives when nobody chose one: a single pair is a
    /// calon tunggal contest, a DKI Jakarta gubernur election needs more
    /// than half, everything else is won by the most votes.
    pub fn bawaan(jenis: JenisPemilihan, wilayah: &KodeWilayah, jumlah_paslon: usize) -> Self {
        if jumlah_paslon == 1 {
            AturanMenang::CalonTunggal
        } else if jenis == JenisPemilihan::Gubernur && wilayah.at(Tingkat::Provinsi).as_u64() == 31
        {
            AturanMenang::Lebih50
        } else {
            AturanMenang::Terbanyak
        }
    }

    /// Why this rule cannot apply to an election with `jumlah_paslon`
    /// pairs registered, if it cannot: calon tunggal is a contest of one
    /// pair (none registered yet is allowed: pairs come later), and with a
    /// single pair the law makes it a calon tunggal contest whatever the
    /// region.
    pub fn cek_jumlah_paslon(self, jumlah_paslon: usize) -> Result<(), String> {
        match self {
            AturanMenang::CalonTunggal if jumlah_paslon > 1 => Err(format!(
                "aturan calon_tunggal hanya untuk satu paslon melawan kolom kosong, sedangkan pemilihan ini punya {jumlah_paslon} paslon"
            )),
            AturanMenang::Terbanyak | AturanMenang::Lebih50 if jumlah_paslon == 1 => Err(format!(
                "pemilihan dengan satu paslon memakai aturan calon_tunggal (melawan kolom kosong), bukan {}",
                self.slug()
            )),
            _ => Ok(()),
        }
    }

    /// The share of valid votes a winner must pass, if the rule has one.
    pub fn ambang(self) -> Option<f64> {
        match self {
            AturanMenang::Terbanyak => None,
            AturanMenang::Lebih50 | AturanMenang::CalonTunggal => Some(0.5),
        }
    }
}

impl fmt::Display for AturanMenang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}
