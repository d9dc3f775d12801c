//! Parsers for single cells as spreadsheets and their CSV exports write
//! them. Errors are Indonesian reasons, ready for [`crate::Problem::reason`].

use posko_domain::{KodeTps, KodeWilayah, NomorTps};

/// `529.0` / `529,00` → `529`: Excel and pandas write integers as floats.
fn strip_zero_fraction(s: &str) -> &str {
    if let Some(i) = s.rfind(['.', ',']) {
        let (int, frac) = (&s[..i], &s[i + 1..]);
        if !int.is_empty()
            && !frac.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b == b'0')
        {
            return int;
        }
    }
    s
}

/// Excel turns long digit strings into `3.27301E+09`, losing digits.
fn is_scientific(s: &str) -> bool {
    let Some(i) = s.find(['e', 'E']) else {
        return false;
    };
    let (mant, exp) = (&s[..i], &s[i + 1..]);
    let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
    !mant.is_empty()
        && mant.bytes().any(|b| b.is_ascii_digit())
        && mant
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && !exp.is_empty()
        && exp.bytes().all(|b| b.is_ascii_digit())
}

fn scientific_reason(s: &str) -> String {
    format!(
        "kode berubah menjadi notasi ilmiah oleh Excel ({s}): digitnya hilang; format kolom sebagai Teks lalu ekspor ulang"
    )
}

/// A count cell (DPT, votes): empty → `None`; `529` and `529.0` → 529.
pub fn parse_count(text: &str) -> Result<Option<u32>, String> {
    let s = text.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let int = strip_zero_fraction(body);
    if !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) {
        if neg && int.bytes().any(|b| b != b'0') {
            return Err(format!("{s} tidak boleh negatif"));
        }
        return int
            .parse::<u32>()
            .map(Some)
            .map_err(|_| format!("{s} terlalu besar"));
    }
    let numeric = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && body.bytes().any(|b| b.is_ascii_digit());
    if numeric {
        Err(format!(
            "{s} bukan bilangan bulat; jumlah orang/suara harus angka bulat"
        ))
    } else {
        Err(format!("'{s}' bukan angka"))
    }
}

/// A region code: dotted (`32.73.01.1001`), undotted (`3273011001`) or an
/// Excel float of the undotted form (`3273011001.0`). Empty is an error.
pub fn parse_kode_wilayah_cell(text: &str) -> Result<KodeWilayah, String> {
    let s = text.trim();
    if is_scientific(s) {
        return Err(scientific_reason(s));
    }
    KodeWilayah::parse(undotted_float(s)).map_err(|e| e.to_string())
}

/// Strips a float's zero fraction only where it cannot be a dotted code:
/// `32.00` is kab/kota 00 (and rejected as such), `32.0` is province 32.
fn undotted_float(s: &str) -> &str {
    let int = strip_zero_fraction(s);
    if int.len() == s.len() {
        return s;
    }
    let frac_len = s.len() - int.len() - 1;
    if int.len() == 2 && frac_len == 2 && s.as_bytes()[2] == b'.' {
        s
    } else {
        int
    }
}

/// A TPS number: `1`, `001`, `TPS 001`, `tps1`, `1.0`.
pub fn parse_nomor_tps_cell(text: &str) -> Result<NomorTps, String> {
    let s = text.trim();
    let body = match s.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("tps") => s[3..].trim_start(),
        _ => s,
    };
    NomorTps::parse(strip_zero_fraction(body))
        .map_err(|_| format!("'{s}' bukan nomor TPS: harus 1–999 (mis. 1, 001 atau TPS 001)"))
}

/// A 13-digit KPU TPS code (`3273011001003`), or desa code and number
/// joined by `-`/`/`; Excel floats and scientific notation as for region codes.
pub fn parse_kode_tps_cell(text: &str) -> Result<KodeTps, String> {
    let s = text.trim();
    if is_scientific(s) {
        return Err(scientific_reason(s));
    }
    KodeTps::parse(strip_zero_fraction(s)).map_err(|e| e.to_string())
}

/// A latitude or longitude: `-6.1754` or `-6,1754`; empty → `None`.
pub fn parse_koordinat(text: &str) -> Result<Option<f64>, String> {
    let s = text.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let owned;
    let t = if s.contains(',') && !s.contains('.') {
        owned = s.replace(',', ".");
        owned.as_str()
    } else {
        s
    };
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(format!("'{s}' bukan koordinat desimal (mis. -6.175392)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("  "), Ok(None));
        assert_eq!(parse_count("529"), Ok(Some(529)));
        assert_eq!(parse_count(" 529.0 "), Ok(Some(529)));
        assert_eq!(parse_count("529,00"), Ok(Some(529)));
        assert_eq!(parse_count("0"), Ok(Some(0)));
        assert_eq!(parse_count("-0"), Ok(Some(0)));
        assert!(
            parse_count("-5")
                .unwrap_err()
                .contains("tidak boleh negatif")
        );
        assert!(
            parse_count("-5.0")
                .unwrap_err()
                .contains("tidak boleh negatif")
        );
        assert!(parse_count("abc").unwrap_err().contains("bukan angka"));
        assert!(parse_count("12a").unwrap_err().contains("bukan angka"));
        assert!(
            parse_count("12.5")
                .unwrap_err()
                .contains("bukan bilangan bulat")
        );
        assert!(parse_count("1.234").is_err());
        assert!(
            parse_count("99999999999")
                .unwrap_err()
                .contains("terlalu besar")
        );
    }

    #[test]
    fn kode_wilayah_cells() {
        let k = |s| parse_kode_wilayah_cell(s).map(|k| k.to_string());
        assert_eq!(k("32.73.01.1001").unwrap(), "32.73.01.1001");
        assert_eq!(k("3273011001").unwrap(), "32.73.01.1001");
        assert_eq!(k("3273011001.0").unwrap(), "32.73.01.1001");
        assert_eq!(k("32.73").unwrap(), "32.73");
        assert_eq!(k("32.0").unwrap(), "32");
        assert_eq!(k("3273.0").unwrap(), "32.73");
        assert!(k("32.00").is_err());
        let e = k("3.27301E+09").unwrap_err();
        assert!(
            e.contains("notasi ilmiah") && e.contains("3.27301E+09"),
            "{e}"
        );
        assert!(k("3,27301E+09").unwrap_err().contains("notasi ilmiah"));
        assert!(k("").is_err());
        assert!(k("abc").is_err());
    }

    #[test]
    fn nomor_and_kode_tps() {
        for s in ["1", "001", "TPS 001", "tps1", "Tps 001", "1.0"] {
            assert_eq!(parse_nomor_tps_cell(s).unwrap().get(), 1, "{s}");
        }
        for s in ["0", "1000", "", "satu", "1.5", "-1"] {
            assert!(parse_nomor_tps_cell(s).is_err(), "{s}");
        }
        let t = parse_kode_tps_cell("3101011001001").unwrap();
        assert_eq!(t.to_string(), "31.01.01.1001-001");
        assert_eq!(parse_kode_tps_cell("3101011001001.0").unwrap(), t);
        assert!(
            parse_kode_tps_cell("3.10101E+12")
                .unwrap_err()
                .contains("notasi ilmiah")
        );
    }

    #[test]
    fn coordinates() {
        assert_eq!(parse_koordinat("-6.175392"), Ok(Some(-6.175392)));
        assert_eq!(parse_koordinat("-6,175392"), Ok(Some(-6.175392)));
        assert_eq!(parse_koordinat(""), Ok(None));
        assert!(parse_koordinat("utara").is_err());
        assert!(parse_koordinat("NaN").is_err());
    }
}
