//! TPS (tempat pemungutan suara): key and voter counts.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::wilayah::{KodeWilayah, Tingkat};

/// A TPS number within its desa: 1–999 (KPU writes it with three digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct NomorTps(u16);

impl NomorTps {
    pub fn new(n: u16) -> Result<NomorTps, KodeTpsError> {
        if (1..=999).contains(&n) {
            Ok(NomorTps(n))
        } else {
            Err(KodeTpsError::Nomor(n.to_string()))
        }
    }

    /// Parses `3`, `003`, `TPS 003` or `TPS003`.
    pub fn parse(s: &str) -> Result<NomorTps, KodeTpsError> {
        let t = s.trim();
        let digits = t
            .strip_prefix("TPS")
            .or_else(|| t.strip_prefix("tps"))
            .unwrap_or(t)
            .trim();
        if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KodeTpsError::Nomor(t.to_string()));
        }
        let n: u16 = digits
            .parse()
            .map_err(|_| KodeTpsError::Nomor(t.to_string()))?;
        NomorTps::new(n).map_err(|_| KodeTpsError::Nomor(t.to_string()))
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for NomorTps {
    type Error = KodeTpsError;
    fn try_from(n: u16) -> Result<Self, Self::Error> {
        NomorTps::new(n)
    }
}

impl From<NomorTps> for u16 {
    fn from(n: NomorTps) -> u16 {
        n.0
    }
}

impl fmt::Display for NomorTps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KodeTpsError {
    #[error("'{0}' bukan nomor TPS: harus 1–999")]
    Nomor(String),
    #[error(
        "'{0}' bukan kode TPS: gunakan 13 angka (10 angka kode desa + 3 angka nomor TPS, mis. 3273011001003) atau 32.73.01.1001-003"
    )]
    Shape(String),
    #[error("'{0}': kode TPS harus memakai kode desa/kelurahan (10 angka)")]
    NotDesa(String),
}

/// A TPS key: the desa it is in and its number there.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KodeTps {
    desa: KodeWilayah,
    nomor: NomorTps,
}

impl KodeTps {
    pub fn new(desa: KodeWilayah, nomor: NomorTps) -> Result<KodeTps, KodeTpsError> {
        if desa.tingkat() != Tingkat::Desa {
            return Err(KodeTpsError::NotDesa(desa.to_string()));
        }
        Ok(KodeTps { desa, nomor })
    }

    /// Parses KPU's 13 digits (`3273011001003`) or a desa code and number
    /// joined by `-` or `/` (`3273011001-003`, `32.73.01.1001-3`).
    pub fn parse(input: &str) -> Result<KodeTps, KodeTpsError> {
        let s = input.trim();
        let shape = || KodeTpsError::Shape(s.to_string());
        let (desa, nomor) = if let Some((d, n)) = s.split_once(['-', '/']) {
            (d, n)
        } else if s.len() == 13 && s.bytes().all(|b| b.is_ascii_digit()) {
            s.split_at(10)
        } else {
            return Err(shape());
        };
        let desa = KodeWilayah::parse(desa).map_err(|_| shape())?;
        let nomor = NomorTps::parse(nomor)?;
        KodeTps::new(desa, nomor)
    }

    pub fn desa(&self) -> KodeWilayah {
        self.desa
    }

    pub fn nomor(&self) -> NomorTps {
        self.nomor
    }

    /// KPU's 13-digit form.
    pub fn undotted(&self) -> String {
        format!("{}{}", self.desa.undotted(), self.nomor)
    }
}

/// Displays as `32.73.01.1001-003`: readable, and parses back.
impl fmt::Display for KodeTps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.desa, self.nomor)
    }
}

impl fmt::Debug for KodeTps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KodeTps({self})")
    }
}

impl FromStr for KodeTps {
    type Err = KodeTpsError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KodeTps::parse(s)
    }
}

impl Serialize for KodeTps {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for KodeTps {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        KodeTps::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Most voters one TPS has ever plausibly held. The law caps Pilkada 2024 at
/// 600 and Pemilu 2024 at 300, but older lists went higher (DKI 2017 had a
/// TPS with 798), so the importer only refuses what cannot be a TPS at all.
pub const DPT_MAKS_WAJAR: u32 = 1_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DptError {
    #[error("DPT {field} = {value} tidak wajar untuk satu TPS (maksimal {max})", max = DPT_MAKS_WAJAR)]
    Absurd { field: &'static str, value: u32 },
    #[error("DPT laki-laki ({laki}) + perempuan ({perempuan}) = {sum}, tidak sama dengan total ({total})", sum = laki + perempuan)]
    Sum {
        laki: u32,
        perempuan: u32,
        total: u32,
    },
}

/// Registered voters (DPT) of a TPS, by sex where known. Counts can be
/// missing altogether (TPS lists that carry only codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Dpt {
    laki: Option<u32>,
    perempuan: Option<u32>,
    total: Option<u32>,
}

impl Dpt {
    /// Builds DPT counts, filling the total from the two sexes when missing
    /// and refusing counts that contradict each other or cannot be real.
    pub fn new(
        laki: Option<u32>,
        perempuan: Option<u32>,
        total: Option<u32>,
    ) -> Result<Dpt, DptError> {
        for (field, v) in [
            ("laki-laki", laki),
            ("perempuan", perempuan),
            ("total", total),
        ] {
            if let Some(value) = v
                && value > DPT_MAKS_WAJAR
            {
                return Err(DptError::Absurd { field, value });
            }
        }
        let total = match (laki, perempuan, total) {
            (Some(l), Some(p), Some(t)) if l + p != t => {
                return Err(DptError::Sum {
                    laki: l,
                    perempuan: p,
                    total: t,
                });
            }
            (Some(l), Some(p), None) => {
                let t = l + p;
                if t > DPT_MAKS_WAJAR {
                    return Err(DptError::Absurd {
                        field: "total",
                        value: t,
                    });
                }
                Some(t)
            }
            (_, _, t) => t,
        };
        Ok(Dpt {
            laki,
            perempuan,
            total,
        })
    }

    pub fn unknown() -> Dpt {
        Dpt::default()
    }

    pub fn laki(&self) -> Option<u32> {
        self.laki
    }
    pub fn perempuan(&self) -> Option<u32> {
        self.perempuan
    }
    pub fn total(&self) -> Option<u32> {
        self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_tps_keys() {
        let a = KodeTps::parse("3273011001003").unwrap();
        assert_eq!(a.desa().to_string(), "32.73.01.1001");
        assert_eq!(a.nomor().get(), 3);
        assert_eq!(a.to_string(), "32.73.01.1001-003");
        assert_eq!(a.undotted(), "3273011001003");
        for same in ["3273011001-003", "32.73.01.1001-3", "32.73.01.1001/003"] {
            assert_eq!(KodeTps::parse(same).unwrap(), a, "{same}");
        }
        for bad in [
            "327301100100",
            "32.73.01-003",
            "3273011001-000",
            "3273011001-1000",
            "x",
        ] {
            assert!(KodeTps::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(NomorTps::parse("TPS 012").unwrap().get(), 12);
        assert!(NomorTps::parse("0").is_err());
        assert!(NomorTps::parse("-1").is_err());
    }

    #[test]
    fn dpt_rules() {
        let d = Dpt::new(Some(257), Some(272), None).unwrap();
        assert_eq!(d.total(), Some(529));
        assert!(Dpt::new(Some(257), Some(272), Some(529)).is_ok());
        let e = Dpt::new(Some(257), Some(272), Some(530)).unwrap_err();
        assert!(e.to_string().contains("530"), "{e}");
        assert!(matches!(
            Dpt::new(None, None, Some(5000)),
            Err(DptError::Absurd { .. })
        ));
        assert!(matches!(
            Dpt::new(Some(600), Some(600), None),
            Err(DptError::Absurd { .. })
        ));
        assert_eq!(Dpt::new(None, None, None).unwrap(), Dpt::unknown());
    }

    proptest! {
        #[test]
        fn tps_round_trips(p in 11u32..=99, k in 1u32..=99, c in 1u32..=99, d in 1001u32..=2999, n in 1u16..=999) {
            let s = format!("{p:02}{k:02}{c:02}{d:04}{n:03}");
            let kode = KodeTps::parse(&s).unwrap();
            prop_assert_eq!(kode.undotted(), s);
            prop_assert_eq!(KodeTps::parse(&kode.to_string()).unwrap(), kode);
        }
    }
}
