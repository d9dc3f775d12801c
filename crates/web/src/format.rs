//! Numbers and dates the Indonesian way: 1.234.567; 45,6 %; 28 November 2029;
//! and the English way (1,234,567; 45.6 %) when the page is in English, so
//! a page never mixes the two.

use time::Date;

use crate::bahasa::Bahasa;

pub fn ribuan(n: u64) -> String {
    ribuan_dalam(Bahasa::kini(), n)
}

pub fn ribuan_dalam(bahasa: Bahasa, n: u64) -> String {
    let pemisah = match bahasa {
        Bahasa::Id => '.',
        Bahasa::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(pemisah);
        }
        out.push(c);
    }
    out
}

pub fn opsional(n: Option<u32>) -> String {
    n.map(|v| ribuan(u64::from(v)))
        .unwrap_or_else(|| "–".into())
}

pub fn persen(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".into();
    }
    let tenths = (part * 1000 + whole / 2) / whole;
    let koma = match Bahasa::kini() {
        Bahasa::Id => ',',
        Bahasa::En => '.',
    };
    // 4 of 13,023 is not "0,0 %", and 13,022 of 13,023 is not all of them.
    if part > 0 && tenths == 0 {
        return format!("< 0{koma}1 %");
    }
    if part < whole && tenths == 1000 {
        return format!("> 99{koma}9 %");
    }
    format!("{}{koma}{} %", tenths / 10, tenths % 10)
}

/// The page's decimal separator.
pub(crate) fn koma() -> char {
    match Bahasa::kini() {
        Bahasa::Id => ',',
        Bahasa::En => '.',
    }
}

/// A fraction as a number of percent (or points) without the sign, in
/// the page's language: one decimal, two below 1 so a small share is not
/// rounded away (0.0045 → "0,45"; 0.4567 → "45,7"; 1.2 → "120,0").
pub fn angka_porsi(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let tanda = if x < 0.0 { "-" } else { "" };
    let p = x.abs() * 100.0;
    let k = koma();
    if p < 1.0 && p > 0.0 {
        let n = (p * 100.0).round() as u64;
        if n == 0 {
            return format!("{tanda}< 0{k}01");
        }
        return format!("{tanda}{}{k}{:02}", n / 100, n % 100);
    }
    let n = (p * 10.0).round() as u64;
    format!("{tanda}{}{k}{}", ribuan(n / 10), n % 10)
}

/// A fraction as a percentage: 0.4567 → "45,7 %", 0.0045 → "0,45 %".
pub fn porsi(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    format!("{} %", angka_porsi(x))
}

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

const MONTH: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn tanggal(d: Date) -> String {
    let bulan = match Bahasa::kini() {
        Bahasa::Id => BULAN,
        Bahasa::En => MONTH,
    };
    format!("{} {} {}", d.day(), bulan[d.month() as usize - 1], d.year())
}

/// `6 Desember 2026 14.05 WIB`: a moment as every page and file writes it,
/// in `zona` (the place's own zone where there is a place).
pub(crate) fn waktu(detik: i64, zona: posko_domain::ZonaWaktu) -> String {
    time::OffsetDateTime::from_unix_timestamp(detik)
        .map(|t| {
            format!(
                "{} {}",
                tanggal(t.to_offset(zona.offset()).date()),
                jam(detik, zona)
            )
        })
        .unwrap_or_default()
}

/// `14.05 WIB`: the time of day in a region's own zone (WIB, WITA, WIT).
pub(crate) fn jam(detik: i64, zona: posko_domain::ZonaWaktu) -> String {
    time::OffsetDateTime::from_unix_timestamp(detik)
        .map(|t| {
            let t = t.to_offset(zona.offset());
            format!("{:02}.{:02} {}", t.hour(), t.minute(), zona.singkatan())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_number_formats() {
        assert_eq!(ribuan(0), "0");
        assert_eq!(ribuan(999), "999");
        assert_eq!(ribuan(1000), "1.000");
        assert_eq!(ribuan(7108589), "7.108.589");
        assert_eq!(persen(456, 1000), "45,6 %");
        assert_eq!(persen(1, 3), "33,3 %");
        assert_eq!(persen(1, 0), "–");
        assert_eq!(persen(4, 13_023), "< 0,1 %");
        assert_eq!(persen(0, 13_023), "0,0 %");
        assert_eq!(persen(13_022, 13_023), "> 99,9 %");
        assert_eq!(persen(13_023, 13_023), "100,0 %");
        assert_eq!(porsi(0.4567), "45,7 %");
        assert_eq!(porsi(0.0045), "0,45 %");
        assert_eq!(porsi(0.00004), "< 0,01 %");
        assert_eq!(porsi(0.0), "0,0 %");
        assert_eq!(porsi(12.5), "1.250,0 %");
        assert_eq!(angka_porsi(0.011), "1,1");
        assert_eq!(
            tanggal(time::macros::date!(2029 - 11 - 28)),
            "28 November 2029"
        );
    }

    #[test]
    fn times_of_day_in_the_regions_own_zone() {
        use posko_domain::{KodeWilayah, ZonaWaktu};
        let zona = |k: &str| ZonaWaktu::dari_wilayah(&KodeWilayah::parse(k).unwrap());
        // 2029-11-28 06:05 UTC.
        let t = 1_890_540_300;
        assert_eq!(jam(t, zona("31.71")), "13.05 WIB");
        assert_eq!(jam(t, zona("73.71")), "14.05 WITA");
        assert_eq!(jam(t, zona("94.71")), "15.05 WIT");
    }

    #[tokio::test]
    async fn english_pages_group_the_english_way() {
        let (n, p, d, q) = Bahasa::En
            .dalam(async {
                (
                    ribuan(7108589),
                    persen(456, 1000),
                    tanggal(time::macros::date!(2029 - 08 - 17)),
                    porsi(0.0045),
                )
            })
            .await;
        assert_eq!((n.as_str(), p.as_str()), ("7,108,589", "45.6 %"));
        assert_eq!(q, "0.45 %");
        assert_eq!(d, "17 August 2029");
    }
}
