//! Uang: an amount of rupiah in sen (hundredths), so bank interest and
//! fees such as Rp1.234,56 are held exactly. Checked arithmetic only: a
//! campaign ledger that wraps around is worse than one that refuses.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount in sen (1 rupiah = 100 sen). Negative amounts are allowed:
/// adjusting entries and net figures can be below zero.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Uang(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UangError {
    #[error("jumlah terlalu besar untuk dihitung")]
    Luber,
    #[error("jumlah '{teks}' tidak terbaca: {alasan}")]
    TidakTerbaca { teks: String, alasan: &'static str },
}

impl Uang {
    pub const NOL: Uang = Uang(0);

    pub const fn dari_sen(sen: i64) -> Uang {
        Uang(sen)
    }

    /// Whole rupiah; None when it does not fit.
    pub const fn rupiah(rp: i64) -> Option<Uang> {
        match rp.checked_mul(100) {
            Some(s) => Some(Uang(s)),
            None => None,
        }
    }

    pub const fn sen(self) -> i64 {
        self.0
    }

    pub fn tambah(self, b: Uang) -> Result<Uang, UangError> {
        self.0.checked_add(b.0).map(Uang).ok_or(UangError::Luber)
    }

    pub fn kurang(self, b: Uang) -> Result<Uang, UangError> {
        self.0.checked_sub(b.0).map(Uang).ok_or(UangError::Luber)
    }

    pub fn negasi(self) -> Result<Uang, UangError> {
        self.0.checked_neg().map(Uang).ok_or(UangError::Luber)
    }

    pub fn abs(self) -> Result<Uang, UangError> {
        self.0.checked_abs().map(Uang).ok_or(UangError::Luber)
    }

    pub const fn negatif(self) -> bool {
        self.0 < 0
    }

    pub const fn positif(self) -> bool {
        self.0 > 0
    }

    /// The sum of many amounts, refusing on overflow.
    pub fn jumlah<I: IntoIterator<Item = Uang>>(it: I) -> Result<Uang, UangError> {
        it.into_iter().try_fold(Uang::NOL, Uang::tambah)
    }

    /// Reads an amount as Indonesian banks, spreadsheets and people write it.
    ///
    /// Accepted: an optional `Rp`/`Rp.`/`IDR` prefix (spaces allowed), a sign
    /// (`-` before or after the prefix, or the whole thing in parentheses,
    /// as accountants write debits), digits with `.` or `,` separators, and
    /// an optional ",-" after whole rupiah as receipts write it.
    ///
    /// Which separator is the decimal one:
    /// - both appear: the last one is decimal, the other groups thousands
    ///   ("1.234.567,89" and "1,234,567.89" are the same amount);
    /// - one kind appears more than once: it groups thousands ("1.500.000");
    /// - one kind appears once followed by exactly three digits: thousands
    ///   ("1.500" and "1,500" are fifteen hundred rupiah, never 1,5), since
    ///   sen are written with at most two digits;
    /// - one kind appears once followed by one or two digits: decimal
    ///   ("1234,5" is Rp1.234,50).
    ///
    /// Thousands groups must be three digits (a mistyped "1.50.000" is
    /// refused rather than guessed) and at most two decimal digits.
    pub fn parse(teks: &str) -> Result<Uang, UangError> {
        let salah = |alasan| UangError::TidakTerbaca {
            teks: teks.to_string(),
            alasan,
        };
        let mut s = teks.trim();
        let mut negatif = false;
        if let Some(d) = s.strip_prefix('(').and_then(|d| d.strip_suffix(')')) {
            negatif = true;
            s = d.trim();
        }
        if let Some(d) = s.strip_prefix('-') {
            if negatif {
                return Err(salah("tanda minus ganda"));
            }
            negatif = true;
            s = d.trim_start();
        }
        s = buang_mata_uang(s);
        // "Rp 1.500.000,-": the dash says "no sen", as on receipts.
        s = s
            .strip_suffix(",-")
            .or_else(|| s.strip_suffix(".-"))
            .unwrap_or(s);
        if let Some(d) = s.strip_prefix('-') {
            if negatif {
                return Err(salah("tanda minus ganda"));
            }
            negatif = true;
            s = d.trim_start();
        }
        if s.is_empty() {
            return Err(salah("tidak ada angka"));
        }
        if let Some(c) = s
            .chars()
            .find(|c| !c.is_ascii_digit() && *c != '.' && *c != ',')
        {
            return Err(salah(if c.is_whitespace() {
                "ada spasi di tengah angka"
            } else if c == '-' {
                "tanda minus di tempat yang salah"
            } else {
                "ada huruf atau tanda yang bukan angka"
            }));
        }
        if !s.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(salah("harus diawali angka"));
        }
        let titik = s.matches('.').count();
        let koma = s.matches(',').count();
        let desimal = match (titik, koma) {
            (0, 0) => None,
            (_, 0) | (0, _) => {
                let pemisah = if titik > 0 { '.' } else { ',' };
                let i = s.rfind(pemisah).expect("ada");
                let ekor = s.len() - i - 1;
                if titik + koma == 1 && (ekor == 1 || ekor == 2) {
                    Some(i)
                } else {
                    None
                }
            }
            _ => {
                let i = s.rfind(['.', ',']).expect("ada");
                let akhir = s.as_bytes()[i] as char;
                if s[..i].contains(akhir) {
                    return Err(salah("pemisah desimal muncul lebih dari sekali"));
                }
                Some(i)
            }
        };
        let (bulat, pecahan) = match desimal {
            Some(i) => (&s[..i], &s[i + 1..]),
            None => (s, ""),
        };
        if pecahan.len() > 2 {
            return Err(salah("paling banyak dua angka sen di belakang koma"));
        }
        if desimal.is_some() && pecahan.is_empty() {
            return Err(salah("tidak ada angka di belakang pemisah desimal"));
        }
        let kelompok: Vec<&str> = bulat.split(['.', ',']).collect();
        if kelompok.len() > 1
            && (kelompok[0].is_empty()
                || kelompok[0].len() > 3
                || kelompok[1..].iter().any(|k| k.len() != 3))
        {
            return Err(salah("pemisah ribuan harus memisahkan tiga angka"));
        }
        let mut sen: i128 = 0;
        for c in kelompok.concat().bytes() {
            sen = sen * 10 + i128::from(c - b'0');
            if sen > i128::from(i64::MAX) {
                return Err(UangError::Luber);
            }
        }
        let mut p = pecahan.to_string();
        while p.len() < 2 {
            p.push('0');
        }
        sen = sen * 100 + p.parse::<i128>().expect("angka");
        if negatif {
            sen = -sen;
        }
        i64::try_from(sen).map(Uang).map_err(|_| UangError::Luber)
    }
}

/// Strips `Rp`, `Rp.` or `IDR` (any case) and the spaces after it.
fn buang_mata_uang(s: &str) -> &str {
    for awalan in ["rp.", "rp", "idr"] {
        if s.len() >= awalan.len()
            && s.is_char_boundary(awalan.len())
            && s[..awalan.len()].eq_ignore_ascii_case(awalan)
        {
            return s[awalan.len()..].trim_start();
        }
    }
    s
}

impl fmt::Display for Uang {
    /// Indonesian style: "Rp75.000.000", "Rp1.234,56", "-Rp1.500.000".
    /// Sen are shown only when there are any, as on a KPU form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.unsigned_abs();
        let (rp, sen) = (n / 100, n % 100);
        let angka = rp.to_string();
        let mut out = String::with_capacity(angka.len() + angka.len() / 3 + 6);
        if self.0 < 0 {
            out.push('-');
        }
        out.push_str("Rp");
        for (i, c) in angka.chars().enumerate() {
            if i > 0 && (angka.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        if sen != 0 {
            out.push_str(&format!(",{sen:02}"));
        }
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rp(s: &str) -> i64 {
        Uang::parse(s).unwrap_or_else(|e| panic!("{s}: {e}")).sen()
    }

    #[test]
    fn tampil() {
        assert_eq!(
            Uang::rupiah(75_000_000).unwrap().to_string(),
            "Rp75.000.000"
        );
        assert_eq!(Uang::dari_sen(123_456).to_string(), "Rp1.234,56");
        assert_eq!(Uang::dari_sen(123_450).to_string(), "Rp1.234,50");
        assert_eq!(Uang::dari_sen(5).to_string(), "Rp0,05");
        assert_eq!(Uang::NOL.to_string(), "Rp0");
        assert_eq!(
            Uang::rupiah(-1_500_000).unwrap().to_string(),
            "-Rp1.500.000"
        );
        assert_eq!(Uang::rupiah(100).unwrap().to_string(), "Rp100");
        assert_eq!(Uang::rupiah(1000).unwrap().to_string(), "Rp1.000");
    }

    #[test]
    fn baca_gaya_indonesia_dan_inggris() {
        assert_eq!(rp("1.234.567,89"), 123_456_789);
        assert_eq!(rp("1,234,567.89"), 123_456_789);
        assert_eq!(rp("1234567"), 123_456_700);
        assert_eq!(rp("Rp 1.500.000"), 150_000_000);
        assert_eq!(rp("Rp1.500.000"), 150_000_000);
        assert_eq!(rp("Rp. 1.500.000,-"), 150_000_000);
        assert_eq!(rp("rp 25.000.-"), 2_500_000);
        assert_eq!(rp("IDR 2,000"), 200_000);
        assert_eq!(rp("  750000000 "), 75_000_000_000);
        assert_eq!(rp("0,05"), 5);
    }

    #[test]
    fn baca_negatif() {
        assert_eq!(rp("(1.500.000,00)"), -150_000_000);
        assert_eq!(rp("-1.500.000"), -150_000_000);
        assert_eq!(rp("-Rp1.500.000"), -150_000_000);
        assert_eq!(rp("Rp -1.500.000"), -150_000_000);
        assert_eq!(rp("(Rp 1.500)"), -150_000);
    }

    #[test]
    fn ambigu_tiga_angka_adalah_ribuan() {
        assert_eq!(rp("1.500"), 150_000);
        assert_eq!(rp("1,500"), 150_000);
        assert_eq!(rp("1,5"), 150);
        assert_eq!(rp("1.50"), 150);
        assert_eq!(rp("1234,56"), 123_456);
        assert_eq!(rp("1.234"), 123_400);
    }

    #[test]
    fn tolak_dengan_alasan() {
        let alasan = |s: &str| match Uang::parse(s) {
            Err(UangError::TidakTerbaca { alasan, teks }) => {
                assert_eq!(teks, s);
                alasan
            }
            x => panic!("{s}: {x:?}"),
        };
        assert_eq!(alasan(""), "tidak ada angka");
        assert_eq!(alasan("Rp"), "tidak ada angka");
        assert_eq!(
            alasan("1.50.000"),
            "pemisah ribuan harus memisahkan tiga angka"
        );
        assert_eq!(
            alasan("1500.000"),
            "pemisah ribuan harus memisahkan tiga angka"
        );
        assert_eq!(
            alasan("1,5,0"),
            "pemisah ribuan harus memisahkan tiga angka"
        );
        assert_eq!(
            alasan("1.234,567"),
            "paling banyak dua angka sen di belakang koma"
        );
        assert_eq!(
            alasan("1,234.5.6"),
            "pemisah desimal muncul lebih dari sekali"
        );
        assert_eq!(alasan("1.5 juta"), "ada spasi di tengah angka");
        assert_eq!(alasan("12a"), "ada huruf atau tanda yang bukan angka");
        assert_eq!(alasan("--5"), "tanda minus ganda");
        assert_eq!(alasan("(-5)"), "tanda minus ganda");
        assert_eq!(alasan("5-"), "tanda minus di tempat yang salah");
        assert_eq!(alasan(".5"), "harus diawali angka");
        assert_eq!(alasan("5,"), "pemisah ribuan harus memisahkan tiga angka");
        assert_eq!(
            alasan("1.000,"),
            "tidak ada angka di belakang pemisah desimal"
        );
    }

    #[test]
    fn luber() {
        assert_eq!(
            Uang::parse("92.233.720.368.547.758,07").unwrap().sen(),
            i64::MAX
        );
        assert_eq!(
            Uang::parse("92.233.720.368.547.758,08"),
            Err(UangError::Luber)
        );
        assert_eq!(
            Uang::parse("-92.233.720.368.547.758,08").unwrap().sen(),
            i64::MIN
        );
        assert_eq!(
            Uang::parse("99999999999999999999999"),
            Err(UangError::Luber)
        );
        assert_eq!(
            Uang::dari_sen(i64::MAX).tambah(Uang::dari_sen(1)),
            Err(UangError::Luber)
        );
        assert_eq!(Uang::dari_sen(i64::MIN).negasi(), Err(UangError::Luber));
        assert_eq!(Uang::rupiah(i64::MAX), None);
    }

    proptest! {
        #[test]
        fn tampil_lalu_baca_kembali(sen in any::<i64>()) {
            let u = Uang::dari_sen(sen);
            prop_assert_eq!(Uang::parse(&u.to_string()), Ok(u));
        }

        #[test]
        fn gaya_inggris_juga_kembali(sen in any::<i64>()) {
            let u = Uang::dari_sen(sen);
            let inggris: String = u
                .to_string()
                .chars()
                .map(|c| match c { '.' => ',', ',' => '.', c => c })
                .collect();
            prop_assert_eq!(Uang::parse(&inggris), Ok(u));
        }
    }
}
