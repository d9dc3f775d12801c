//! Kemendagri region codes (kode wilayah): `PP`, `PP.KK`, `PP.KK.CC`,
//! `PP.KK.CC.DDDD`.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The four administrative levels, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tingkat {
    Provinsi = 1,
    Kabkota = 2,
    Kecamatan = 3,
    Desa = 4,
}

impl Tingkat {
    pub const ALL: [Tingkat; 4] = [
        Tingkat::Provinsi,
        Tingkat::Kabkota,
        Tingkat::Kecamatan,
        Tingkat::Desa,
    ];

    /// The level's number, 1 (provinsi) to 4 (desa), as stored.
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    pub fn from_u8(n: u8) -> Option<Tingkat> {
        Tingkat::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// The identifier used in files and URLs (`provinsi`, `kabkota`, …).
    pub fn slug(self) -> &'static str {
        match self {
            Tingkat::Provinsi => "provinsi",
            Tingkat::Kabkota => "kabkota",
            Tingkat::Kecamatan => "kecamatan",
            Tingkat::Desa => "desa",
        }
    }

    /// A human label in Bahasa Indonesia.
    pub fn label(self) -> &'static str {
        match self {
            Tingkat::Provinsi => "Provinsi",
            Tingkat::Kabkota => "Kabupaten/Kota",
            Tingkat::Kecamatan => "Kecamatan",
            Tingkat::Desa => "Desa/Kelurahan",
        }
    }

    pub fn from_slug(s: &str) -> Option<Tingkat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "provinsi" | "prov" | "1" => Some(Tingkat::Provinsi),
            "kabkota" | "kabupaten" | "kota" | "kab" | "kabupaten/kota" | "2" => {
                Some(Tingkat::Kabkota)
            }
            "kecamatan" | "kec" | "3" => Some(Tingkat::Kecamatan),
            "desa" | "kelurahan" | "desa/kelurahan" | "4" => Some(Tingkat::Desa),
            _ => None,
        }
    }

    pub fn child(self) -> Option<Tingkat> {
        Tingkat::from_u8(self.as_u8() + 1)
    }

    /// Digits of the undotted code at this level.
    fn digits(self) -> usize {
        match self {
            Tingkat::Provinsi => 2,
            Tingkat::Kabkota => 4,
            Tingkat::Kecamatan => 6,
            Tingkat::Desa => 10,
        }
    }
}

/// What a desa-level region is; the first digit of its 4-digit segment says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisDesa {
    Kelurahan,
    Desa,
    DesaAdat,
}

impl JenisDesa {
    pub fn slug(self) -> &'static str {
        match self {
            JenisDesa::Kelurahan => "kelurahan",
            JenisDesa::Desa => "desa",
            JenisDesa::DesaAdat => "desa_adat",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KodeWilayahError {
    #[error("kode wilayah kosong")]
    Empty,
    #[error(
        "'{0}' bukan kode wilayah: gunakan 2, 4, 6 atau 10 angka (mis. 32, 32.73, 32.73.01, 32.73.01.1001)"
    )]
    Shape(String),
    #[error("'{0}': kode provinsi harus 11–99")]
    Provinsi(String),
    #[error("'{0}': bagian kode tidak boleh 00")]
    ZeroSegment(String),
    #[error("'{0}': kode desa/kelurahan harus diawali 1 (kelurahan), 2 (desa) atau 3 (desa adat)")]
    Desa(String),
}

/// A Kemendagri region code at any of the four levels. Holding one means it
/// has the right shape; whether the region exists is the store's business.
///
/// Internally the undotted digits as a number plus the level, so the type is
/// `Copy` and cheap to hash during bulk imports.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KodeWilayah {
    digits: u64,
    tingkat: Tingkat,
}

impl KodeWilayah {
    /// Parses a dotted (`32.73.01.1001`) or undotted (`3273011001`) code.
    pub fn parse(input: &str) -> Result<KodeWilayah, KodeWilayahError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(KodeWilayahError::Empty);
        }
        let shape = || KodeWilayahError::Shape(s.to_string());
        let mut digits: u64 = 0;
        let mut count = 0usize;
        if s.contains('.') {
            const SEGMENTS: [usize; 4] = [2, 2, 2, 4];
            let mut n = 0;
            for (i, part) in s.split('.').enumerate() {
                if i >= 4 || part.len() != SEGMENTS[i] {
                    return Err(shape());
                }
                n = i + 1;
                for b in part.bytes() {
                    if !b.is_ascii_digit() {
                        return Err(shape());
                    }
                    digits = digits * 10 + u64::from(b - b'0');
                    count += 1;
                }
            }
            debug_assert!(n >= 1);
        } else {
            for b in s.bytes() {
                if !b.is_ascii_digit() {
                    return Err(shape());
                }
                count += 1;
                if count > 10 {
                    return Err(shape());
                }
                digits = digits * 10 + u64::from(b - b'0');
            }
        }
        let tingkat = match count {
            2 => Tingkat::Provinsi,
            4 => Tingkat::Kabkota,
            6 => Tingkat::Kecamatan,
            10 => Tingkat::Desa,
            _ => return Err(shape()),
        };
        let kode = KodeWilayah { digits, tingkat };
        let prov = kode.segment(Tingkat::Provinsi);
        if !(11..=99).contains(&prov) {
            return Err(KodeWilayahError::Provinsi(s.to_string()));
        }
        for t in [Tingkat::Kabkota, Tingkat::Kecamatan] {
            if t <= tingkat && kode.segment(t) == 0 {
                return Err(KodeWilayahError::ZeroSegment(s.to_string()));
            }
        }
        if tingkat == Tingkat::Desa && !(1..=3).contains(&(kode.segment(Tingkat::Desa) / 1000)) {
            return Err(KodeWilayahError::Desa(s.to_string()));
        }
        Ok(kode)
    }

    pub fn tingkat(&self) -> Tingkat {
        self.tingkat
    }

    /// The numeric value of one segment (e.g. 73 for the kab/kota of 32.73.01).
    /// Panics if asked for a segment below this code's level.
    fn segment(&self, t: Tingkat) -> u64 {
        assert!(t <= self.tingkat, "segment below the code's level");
        let below = self.tingkat.digits() - t.digits();
        let width = match t {
            Tingkat::Desa => 10_000,
            _ => 100,
        };
        (self.digits / 10u64.pow(below as u32)) % width
    }

    /// The region one level up, or `None` for a province.
    pub fn induk(&self) -> Option<KodeWilayah> {
        let up = Tingkat::from_u8(self.tingkat.as_u8() - 1)?;
        Some(self.at(up))
    }

    /// This code cut to a higher (or the same) level.
    /// Panics if `t` is below this code's level.
    pub fn at(&self, t: Tingkat) -> KodeWilayah {
        assert!(t <= self.tingkat, "cannot descend from a code");
        let below = self.tingkat.digits() - t.digits();
        KodeWilayah {
            digits: self.digits / 10u64.pow(below as u32),
            tingkat: t,
        }
    }

    /// All regions above this one, from the province down (excluding self).
    pub fn leluhur(&self) -> Vec<KodeWilayah> {
        Tingkat::ALL
            .iter()
            .filter(|t| **t < self.tingkat)
            .map(|t| self.at(*t))
            .collect()
    }

    /// Whether `other` is this region or lies inside it.
    pub fn mencakup(&self, other: &KodeWilayah) -> bool {
        other.tingkat >= self.tingkat && other.at(self.tingkat) == *self
    }

    /// For a kab/kota code: whether it is a kota (codes 71–99) rather than a
    /// kabupaten (01–69), per Kemendagri numbering.
    pub fn is_kota(&self) -> Option<bool> {
        (self.tingkat == Tingkat::Kabkota).then(|| self.segment(Tingkat::Kabkota) >= 71)
    }

    /// For a desa-level code: kelurahan, desa or desa adat.
    pub fn jenis_desa(&self) -> Option<JenisDesa> {
        (self.tingkat == Tingkat::Desa).then(|| match self.segment(Tingkat::Desa) / 1000 {
            1 => JenisDesa::Kelurahan,
            3 => JenisDesa::DesaAdat,
            _ => JenisDesa::Desa,
        })
    }

    /// The digits without dots, as KPU writes them (`3273011001`).
    pub fn undotted(&self) -> String {
        format!("{:0width$}", self.digits, width = self.tingkat.digits())
    }

    /// The code as a number (undotted digits); unique only together with the level.
    pub fn as_u64(&self) -> u64 {
        self.digits
    }

    /// The first and one-past-last dotted strings of every code under this
    /// one, for range scans over dotted text keys: every descendant `d`
    /// satisfies `start <= d < end` in byte order.
    pub fn prefix_range(&self) -> (String, String) {
        let s = self.to_string();
        (format!("{s}."), format!("{s}/"))
    }

    /// Sort key that puts a parent right before its children.
    fn sort_key(&self) -> (u64, u8) {
        let pad = 10 - self.tingkat.digits();
        (self.digits * 10u64.pow(pad as u32), self.tingkat.as_u8())
    }
}

impl Ord for KodeWilayah {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for KodeWilayah {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for KodeWilayah {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = self.undotted();
        let b = u.as_bytes();
        // Safe: all ASCII digits.
        let seg = |r: std::ops::Range<usize>| std::str::from_utf8(&b[r]).unwrap_or_default();
        match self.tingkat {
            Tingkat::Provinsi => write!(f, "{}", seg(0..2)),
            Tingkat::Kabkota => write!(f, "{}.{}", seg(0..2), seg(2..4)),
            Tingkat::Kecamatan => write!(f, "{}.{}.{}", seg(0..2), seg(2..4), seg(4..6)),
            Tingkat::Desa => write!(
                f,
                "{}.{}.{}.{}",
                seg(0..2),
                seg(2..4),
                seg(4..6),
                seg(6..10)
            ),
        }
    }
}

impl fmt::Debug for KodeWilayah {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KodeWilayah({self})")
    }
}

impl FromStr for KodeWilayah {
    type Err = KodeWilayahError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KodeWilayah::parse(s)
    }
}

impl Serialize for KodeWilayah {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for KodeWilayah {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        KodeWilayah::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn k(s: &str) -> KodeWilayah {
        KodeWilayah::parse(s).unwrap()
    }

    #[test]
    fn parses_every_level_dotted_and_undotted() {
        assert_eq!(k("32").tingkat(), Tingkat::Provinsi);
        assert_eq!(k("32.73").tingkat(), Tingkat::Kabkota);
        assert_eq!(k("32.73.01").tingkat(), Tingkat::Kecamatan);
        assert_eq!(k("32.73.01.1001").tingkat(), Tingkat::Desa);
        assert_eq!(k("3273011001"), k("32.73.01.1001"));
        assert_eq!(k(" 3273 "), k("32.73"));
        assert_eq!(k("3273011001").to_string(), "32.73.01.1001");
        assert_eq!(k("32.73.01.1001").undotted(), "3273011001");
    }

    #[test]
    fn rejects_bad_shapes_with_reason() {
        for bad in [
            "",
            "3",
            "327",
            "32.7",
            "32.73.1",
            "32.73.01.101",
            "32-73",
            "3a",
            "32..73",
            "32.73.01.1001.5",
            "32730110011",
        ] {
            assert!(KodeWilayah::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(matches!(
            KodeWilayah::parse("05"),
            Err(KodeWilayahError::Provinsi(_))
        ));
        assert!(matches!(
            KodeWilayah::parse("32.00"),
            Err(KodeWilayahError::ZeroSegment(_))
        ));
        assert!(matches!(
            KodeWilayah::parse("32.73.01.5001"),
            Err(KodeWilayahError::Desa(_))
        ));
        let msg = KodeWilayah::parse("32.7x").unwrap_err().to_string();
        assert!(msg.contains("32.7x"), "{msg}");
    }

    #[test]
    fn hierarchy() {
        let desa = k("32.73.01.1001");
        assert_eq!(desa.induk(), Some(k("32.73.01")));
        assert_eq!(k("32").induk(), None);
        assert_eq!(desa.leluhur(), vec![k("32"), k("32.73"), k("32.73.01")]);
        assert!(k("32.73").mencakup(&desa));
        assert!(desa.mencakup(&desa));
        assert!(!k("32.74").mencakup(&desa));
        assert!(!desa.mencakup(&k("32.73")));
        assert_eq!(k("32.73").is_kota(), Some(true));
        assert_eq!(k("32.04").is_kota(), Some(false));
        assert_eq!(k("32").is_kota(), None);
        assert_eq!(desa.jenis_desa(), Some(JenisDesa::Kelurahan));
        assert_eq!(k("11.01.01.2001").jenis_desa(), Some(JenisDesa::Desa));
        let (lo, hi) = k("32.73").prefix_range();
        assert!(lo.as_str() <= "32.73.01.1001" && "32.73.99.2999" < hi.as_str());
        assert!(!("32.74.01" < hi.as_str() && "32.74.01" >= lo.as_str()));
    }

    #[test]
    fn parent_sorts_before_children() {
        let mut v = [
            k("32.73.01.1001"),
            k("32.73"),
            k("32"),
            k("31.71"),
            k("32.73.01"),
        ];
        v.sort();
        let s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(s, ["31.71", "32", "32.73", "32.73.01", "32.73.01.1001"]);
    }

    fn any_kode() -> impl Strategy<Value = String> {
        (
            11u32..=99,
            1u32..=99,
            1u32..=99,
            1u32..=3,
            1u32..=999,
            1usize..=4,
        )
            .prop_map(|(p, kk, c, j, d, lvl)| {
                let parts = [
                    format!("{p:02}"),
                    format!("{kk:02}"),
                    format!("{c:02}"),
                    format!("{j}{d:03}"),
                ];
                parts[..lvl].join(".")
            })
    }

    proptest! {
        #[test]
        fn display_round_trips(s in any_kode()) {
            let kode = k(&s);
            prop_assert_eq!(kode.to_string(), s.clone());
            prop_assert_eq!(k(&kode.undotted()), kode);
            prop_assert_eq!(k(&kode.to_string()), kode);
        }

        #[test]
        fn every_ancestor_covers(s in any_kode()) {
            let kode = k(&s);
            for a in kode.leluhur() {
                prop_assert!(a.mencakup(&kode));
                prop_assert!(a < kode);
                let prefix = format!("{}.", a);
                prop_assert!(kode.to_string().starts_with(&prefix));
            }
        }

        #[test]
        fn never_panics_on_garbage(s in "\\PC{0,20}") {
            let _ = KodeWilayah::parse(&s);
        }
    }
}
