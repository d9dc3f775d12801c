//! NIK (Nomor Induk Kependudukan): the 16-digit national ID number.
//!
//! Structure: digits 1–6 the kecamatan of registration (PPKKCC), 7–12 the
//! birth date DDMMYY (women: day + 40), 13–16 a serial. A valid structure is
//! not proof of identity; it only catches typing and Excel mistakes.

use std::fmt;

use time::{Date, Month};

use crate::wilayah::KodeWilayah;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JenisKelamin {
    Laki,
    Perempuan,
}

/// Errors never echo the number itself: a NIK must not reach logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    #[error("NIK harus 16 angka (ada {0} karakter)")]
    Length(usize),
    #[error("NIK hanya boleh berisi angka")]
    NotDigits,
    #[error(
        "NIK tampak seperti angka Excel dalam notasi ilmiah (mis. 3.2E+15): digitnya sudah hilang; format kolom sebagai Teks lalu ekspor ulang"
    )]
    Scientific,
    #[error("NIK: 6 angka pertama bukan kode kecamatan yang sah")]
    Wilayah,
    #[error("NIK: angka 7–12 bukan tanggal lahir yang sah (DDMMYY, perempuan +40 pada tanggal)")]
    TanggalLahir,
    #[error("NIK: 4 angka terakhir tidak boleh 0000")]
    Serial,
}

/// A structurally valid NIK. `Debug` and `Display` mask it; use
/// [`Nik::expose`] only where the full number is the point (encryption,
/// the data subject's own view).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Nik([u8; 16]);

impl Nik {
    pub fn parse(input: &str) -> Result<Nik, NikError> {
        let s = input.trim();
        if s.contains(['E', 'e']) && s.contains(['.', ',', '+']) {
            return Err(NikError::Scientific);
        }
        let compact: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-'))
            .collect();
        if compact.chars().count() != 16 {
            return Err(NikError::Length(compact.chars().count()));
        }
        if !compact.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NikError::NotDigits);
        }
        let mut digits = [0u8; 16];
        digits.copy_from_slice(compact.as_bytes());
        let nik = Nik(digits);
        KodeWilayah::parse(&compact[..6]).map_err(|_| NikError::Wilayah)?;
        if !tanggal_nik_sah(nik.num(6..8), nik.num(8..10), nik.num(10..12)) {
            return Err(NikError::TanggalLahir);
        }
        if nik.num(12..16) == 0 {
            return Err(NikError::Serial);
        }
        Ok(nik)
    }

    pub(crate) fn num(&self, r: std::ops::Range<usize>) -> u32 {
        self.0[r]
            .iter()
            .fold(0, |a, d| a * 10 + u32::from(d - b'0'))
    }

    /// The kecamatan where the NIK was issued.
    pub fn kecamatan(&self) -> KodeWilayah {
        KodeWilayah::parse(&self.expose()[..6]).expect("checked at parse")
    }

    pub fn jenis_kelamin(&self) -> JenisKelamin {
        if self.num(6..8) > 40 {
            JenisKelamin::Perempuan
        } else {
            JenisKelamin::Laki
        }
    }

    /// Birth date; the two-digit year is placed in the century that makes
    /// the person at most 100 years old in `tahun_sekarang`.
    pub fn tanggal_lahir(&self, tahun_sekarang: i32) -> Option<Date> {
        let yy = self.num(10..12) as i32;
        let mut year = (tahun_sekarang / 100) * 100 + yy;
        if year > tahun_sekarang {
            year -= 100;
        }
        let day = self.num(6..8);
        let day = if day > 40 { day - 40 } else { day };
        let month = Month::try_from(self.num(8..10) as u8).ok()?;
        Date::from_calendar_date(year, month, day as u8).ok()
    }

    /// The full 16 digits. Call only where the number itself is needed.
    pub fn expose(&self) -> String {
        String::from_utf8_lossy(&self.0).into_owned()
    }

    /// Masked for display: `3273**********01`.
    pub fn masked(&self) -> String {
        let s = self.expose();
        format!("{}{}{}", &s[..4], "*".repeat(10), &s[14..])
    }
}

/// Whether DD (women +40), MM and YY form a real date in 19YY or 20YY.
pub(crate) fn tanggal_nik_sah(day: u32, month: u32, yy: u32) -> bool {
    let day = if day > 40 { day - 40 } else { day };
    let Some(month) = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
    else {
        return false;
    };
    // 29 Feb exists in 2000 and 1996; any valid day in either century passes.
    day != 0
        && [1900, 2000]
            .iter()
            .any(|c| Date::from_calendar_date(c + yy as i32, month, day as u8).is_ok())
}

impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn valid_nik_and_its_parts() {
        // Kecamatan 32.73.01, woman born 25-08-1990 (25+40 = 65), serial 0001.
        let nik = Nik::parse("3273016508900001").unwrap();
        assert_eq!(nik.kecamatan().to_string(), "32.73.01");
        assert_eq!(nik.jenis_kelamin(), JenisKelamin::Perempuan);
        let lahir = nik.tanggal_lahir(2026).unwrap();
        assert_eq!(
            (lahir.year(), lahir.month() as u8, lahir.day()),
            (1990, 8, 25)
        );
        assert_eq!(
            Nik::parse("3273010101050002")
                .unwrap()
                .tanggal_lahir(2026)
                .unwrap()
                .year(),
            2005
        );
        assert_eq!(
            Nik::parse("3273 0101 0105 0002").unwrap(),
            Nik::parse("3273010101050002").unwrap()
        );
    }

    #[test]
    fn never_shows_the_number() {
        let nik = Nik::parse("3273016508900001").unwrap();
        assert_eq!(format!("{nik}"), "3273**********01");
        assert!(!format!("{nik:?}").contains("6508900"));
        for bad in ["3273013208900001", "327301650890000x"] {
            let e = Nik::parse(bad).unwrap_err().to_string();
            assert!(!e.contains(bad), "{e}");
        }
    }

    #[test]
    fn rejects_bad_structure() {
        assert_eq!(Nik::parse("32730165089000"), Err(NikError::Length(14)));
        assert_eq!(Nik::parse("3.27302E+15"), Err(NikError::Scientific));
        assert_eq!(Nik::parse("327301650890000A"), Err(NikError::NotDigits));
        assert_eq!(Nik::parse("0573016508900001"), Err(NikError::Wilayah));
        assert_eq!(Nik::parse("3273013208900001"), Err(NikError::TanggalLahir)); // day 32
        assert_eq!(Nik::parse("3273017208900001"), Err(NikError::TanggalLahir)); // 72-40 = 32
        assert_eq!(Nik::parse("3273013102900001"), Err(NikError::TanggalLahir)); // 31 Feb
        assert_eq!(Nik::parse("3273010113900001"), Err(NikError::TanggalLahir)); // month 13
        assert_eq!(Nik::parse("3273010101900000"), Err(NikError::Serial));
        assert!(Nik::parse("3273012902000001").is_ok()); // 29 Feb 2000
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,24}") {
            let _ = Nik::parse(&s);
        }
    }
}
