//! Indonesian phone numbers, as witnesses and volunteers type them and as
//! SMS gateways report them: `0812-3456-789`, `+62 812 3456 789`,
//! `62812345678`. One canonical form (`+62…`) so the same phone always
//! matches itself, whichever way it was written.

use std::fmt;

use thiserror::Error;

/// A mobile number in Indonesia (`+628…`), canonical.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Telepon(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TeleponError {
    #[error("nomor telepon kosong")]
    Kosong,
    #[error("nomor telepon berisi karakter '{0}': pakai angka saja, boleh diawali +")]
    Karakter(char),
    #[error("nomor telepon harus diawali 08, 628 atau +628 (nomor seluler Indonesia)")]
    Awalan,
    #[error(
        "nomor telepon {0} angka setelah 0; nomor seluler Indonesia 9–12 angka (contoh 0812-3456-7890)"
    )]
    Panjang(usize),
}

/// Digits after the country code: 8 then 8–11 more (operators issue 10 to
/// 13 digit numbers counting the leading 0).
const NSN_MIN: usize = 9;
const NSN_MAX: usize = 12;

impl Telepon {
    pub fn parse(raw: &str) -> Result<Telepon, TeleponError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(TeleponError::Kosong);
        }
        let mut digits = String::with_capacity(trimmed.len());
        for (i, c) in trimmed.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => {}
                ' ' | '-' | '.' | '(' | ')' => {}
                other => return Err(TeleponError::Karakter(other)),
            }
        }
        let nsn = if let Some(rest) = digits.strip_prefix("62") {
            rest
        } else if let Some(rest) = digits.strip_prefix('0') {
            rest
        } else {
            return Err(TeleponError::Awalan);
        };
        if !nsn.starts_with('8') {
            return Err(TeleponError::Awalan);
        }
        if !(NSN_MIN..=NSN_MAX).contains(&nsn.len()) {
            return Err(TeleponError::Panjang(nsn.len()));
        }
        Ok(Telepon(format!("+62{nsn}")))
    }

    /// `+62812…`: what is stored (encrypted) and what gateways are sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `0812…`: how people in Indonesia write their own number.
    pub fn lokal(&self) -> String {
        format!("0{}", &self.0[3..])
    }

    /// `0812-3456-7890`: readable, and kept as text by spreadsheets (a bare
    /// `0812…` loses its 0, a `+62…` is taken for a formula).
    pub fn lokal_berkelompok(&self) -> String {
        let l = self.lokal();
        format!("{}-{}-{}", &l[..4], &l[4..8], &l[8..])
    }

    /// `0812****890`: enough to recognise one's own number on a screen
    /// without showing it to whoever looks over the shoulder.
    pub fn tersamar(&self) -> String {
        let lokal = self.lokal();
        let n = lokal.len();
        format!("{}{}{}", &lokal[..4], "*".repeat(n - 7), &lokal[n - 3..])
    }
}

/// Debug never prints the number: it is personal data and must not reach
/// logs (UU 27/2022).
impl fmt::Debug for Telepon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Telepon({})", self.tersamar())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_how_people_write_numbers() {
        for raw in [
            "081234567890",
            "0812-3456-7890",
            "+62 812 3456 7890",
            "62812 3456 7890",
            "(0812) 3456.7890",
            " +6281234567890 ",
        ] {
            assert_eq!(
                Telepon::parse(raw).unwrap().as_str(),
                "+6281234567890",
                "{raw}"
            );
        }
        let t = Telepon::parse("0812-3456-7890").unwrap();
        assert_eq!(t.lokal(), "081234567890");
        assert_eq!(t.tersamar(), "0812*****890");
        assert_eq!(t.lokal_berkelompok(), "0812-3456-7890");
        assert!(!format!("{t:?}").contains("34567"));
    }

    #[test]
    fn refuses_what_cannot_be_a_mobile_number() {
        assert_eq!(Telepon::parse(""), Err(TeleponError::Kosong));
        assert_eq!(Telepon::parse("0812a"), Err(TeleponError::Karakter('a')));
        assert_eq!(Telepon::parse("0812+3"), Err(TeleponError::Karakter('+')));
        assert_eq!(Telepon::parse("0212345678"), Err(TeleponError::Awalan));
        assert_eq!(Telepon::parse("+1 555 123 4567"), Err(TeleponError::Awalan));
        assert_eq!(Telepon::parse("0812345"), Err(TeleponError::Panjang(6)));
        assert_eq!(
            Telepon::parse("08123456789012"),
            Err(TeleponError::Panjang(13))
        );
    }

    proptest! {
        #[test]
        fn every_spelling_of_a_number_is_the_same_number(nsn in "8[0-9]{8,11}") {
            let a = Telepon::parse(&format!("0{nsn}")).unwrap();
            let b = Telepon::parse(&format!("+62{nsn}")).unwrap();
            let c = Telepon::parse(&format!("62 {} {}", &nsn[..3], &nsn[3..])).unwrap();
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(&a, &c);
            prop_assert_eq!(Telepon::parse(&a.lokal()).unwrap(), a);
        }

        #[test]
        fn parse_never_panics(raw in ".{0,30}") {
            let _ = Telepon::parse(&raw);
        }
    }
}
