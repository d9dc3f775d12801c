//! A voter on the DPT (daftar pemilih tetap): one row of the voter list KPU
//! publishes per TPS. DPT files carry the NIK partly masked with asterisks;
//! Posko keeps only a masked form, never a full NIK from a DPT file.

use std::fmt;

use time::Date;

use crate::JenisKelamin;
use crate::nik::{Nik, NikError, tanggal_nik_sah};
use crate::tps::KodeTps;
use crate::wilayah::KodeWilayah;

/// One voter. `urut` is the voter's position among the rows of the same
/// TPS in the imported file (1-based); `(tps, urut)` is the row's key, so
/// importing the same file again replaces the same rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pemilih {
    pub tps: KodeTps,
    pub urut: u32,
    /// Upper case, single spaces (see [`nama_kunci`]): the form matching uses.
    pub nama: String,
    pub jenis_kelamin: JenisKelamin,
    /// Files carry a birth date or an age, rarely both.
    pub tanggal_lahir: Option<Date>,
    pub usia: Option<u8>,
    pub alamat: Option<String>,
    pub rt: Option<u16>,
    pub rw: Option<u16>,
    pub nik_tersamar: Option<NikTersamar>,
}

/// A name as matching compares it: trimmed, upper case, runs of whitespace
/// as one space. DPT names are written in capitals; supporters' names are
/// typed any way, so both sides go through this.
pub fn nama_kunci(nama: &str) -> String {
    let mut out = String::with_capacity(nama.len());
    for word in nama.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| b.to_ascii_uppercase() as char));
        } else {
            out.extend(word.chars().flat_map(char::to_uppercase));
        }
    }
    out
}

/// A NIK with some digits replaced by `*`, as DPT files publish it, e.g.
/// `327301**********` or `3273010101******`. The digits that are shown
/// must fit the NIK structure where they can be checked: the first six a
/// kecamatan code's shape (the region need not exist), day and month of
/// the birth date plausible. A full NIK is accepted and masked at once
/// with [`Nik::masked`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct NikTersamar(String);

impl NikTersamar {
    pub fn parse(input: &str) -> Result<NikTersamar, NikError> {
        let s = input.trim();
        if !s.contains('*') {
            return Nik::parse(s).map(|n| NikTersamar(n.masked()));
        }
        let mut d = [0u8; 16];
        let mut n = 0usize;
        for b in s.bytes() {
            match b {
                b' ' | b'.' | b'-' => continue,
                b'0'..=b'9' | b'*' => {
                    if n < 16 {
                        d[n] = b;
                    }
                    n += 1;
                }
                _ => return Err(NikError::NotDigits),
            }
        }
        if n != 16 {
            return Err(NikError::Length(n));
        }
        let shown = |r: std::ops::Range<usize>| d[r].iter().all(u8::is_ascii_digit);
        let num = |r: std::ops::Range<usize>| {
            d[r].iter()
                .fold(0u32, |a, &x| a * 10 + u32::from(x.wrapping_sub(b'0')))
        };
        if shown(0..6) {
            let kode = std::str::from_utf8(&d[..6]).expect("ascii");
            KodeWilayah::parse(kode).map_err(|_| NikError::Wilayah)?;
        }
        if shown(6..12) {
            if !tanggal_nik_sah(num(6..8), num(8..10), num(10..12)) {
                return Err(NikError::TanggalLahir);
            }
        } else {
            if shown(6..8) {
                let day = num(6..8);
                let day = if day > 40 { day - 40 } else { day };
                if !(1..=31).contains(&day) {
                    return Err(NikError::TanggalLahir);
                }
            }
            if shown(8..10) && !(1..=12).contains(&num(8..10)) {
                return Err(NikError::TanggalLahir);
            }
        }
        if shown(12..16) && num(12..16) == 0 {
            return Err(NikError::Serial);
        }
        Ok(NikTersamar(String::from_utf8(d.to_vec()).expect("ascii")))
    }

    /// Text read back from storage, where only masked values are written.
    pub fn from_stored(s: String) -> NikTersamar {
        NikTersamar(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NikTersamar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NikTersamar({})", self.0)
    }
}

impl fmt::Display for NikTersamar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn full_nik_is_masked_and_never_kept() {
        let t = NikTersamar::parse("3273016508900001").unwrap();
        assert_eq!(t.as_str(), "3273**********01");
        assert!(!t.as_str().contains("650890"));
    }

    #[test]
    fn masked_forms() {
        for ok in [
            "327301**********",
            "3273010101******",
            "3273016508******",
            "****************",
            "3273 01** **** ****",
        ] {
            assert!(NikTersamar::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            NikTersamar::parse("327301**********").unwrap().as_str(),
            "327301**********"
        );
    }

    #[test]
    fn masked_but_wrong() {
        assert_eq!(
            NikTersamar::parse("327301*********"),
            Err(NikError::Length(15))
        );
        assert_eq!(
            NikTersamar::parse("327301*****x****"),
            Err(NikError::NotDigits)
        );
        assert_eq!(
            NikTersamar::parse("057301**********"),
            Err(NikError::Wilayah)
        );
        // Day 32, day 72 (woman, 32), month 13, 31 February.
        for bad in [
            "32730132********",
            "32730172********",
            "3273010113******",
            "327301310290****",
        ] {
            assert_eq!(
                NikTersamar::parse(bad),
                Err(NikError::TanggalLahir),
                "{bad}"
            );
        }
        assert_eq!(
            NikTersamar::parse("3273013208900001"),
            Err(NikError::TanggalLahir)
        );
        assert_eq!(
            NikTersamar::parse("32730165089000"),
            Err(NikError::Length(14))
        );
    }

    #[test]
    fn names_as_matching_compares_them() {
        assert_eq!(nama_kunci("  siti   nur\tAisyah "), "SITI NUR AISYAH");
        assert_eq!(nama_kunci("Ñoño"), "ÑOÑO");
    }

    proptest! {
        #[test]
        fn never_panics_and_never_keeps_a_full_nik(s in "[0-9*]{0,20}") {
            if let Ok(t) = NikTersamar::parse(&s) {
                prop_assert!(t.as_str().contains('*'));
            }
        }
    }
}
