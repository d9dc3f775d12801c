//! Text for the standard Type1 fonts: UTF-8 to WinAnsi bytes, Helvetica
//! metrics, wrapping, truncation and Indonesian number formatting.
//!
//! Everything downstream of [`winansi`] works on WinAnsi bytes, so what is
//! measured is exactly what is written to the PDF.

/// The two faces the documents use. Both are among the 14 standard PDF fonts,
/// so every viewer has them and nothing needs to be embedded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Huruf {
    Biasa,
    Tebal,
}

/// WinAnsi byte of the horizontal ellipsis, used to mark truncated text.
pub(crate) const ELIPSIS: u8 = 0x85;

/// Helvetica ascender and descender as a fraction of the font size, taken
/// from the font bounding box (-166 -225 1000 931) rather than the
/// ascender of plain letters, so accented capitals are inside the box too.
#[cfg(test)]
pub(crate) const NAIK: f32 = 0.931;
pub(crate) const TURUN: f32 = 0.225;

/// Unicode code points of WinAnsi 0x80..=0x9F (0 = undefined in WinAnsi).
const WINANSI_80_9F: [u32; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Advance widths (1/1000 em) of Helvetica for WinAnsi codes 32..=255, from
/// Adobe's public AFM metrics. Undefined codes are 0 and never produced.
const LEBAR_BIASA: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, //
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, //
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, //
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, //
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0, //
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, //
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, //
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, //
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, //
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, //
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, //
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, //
];

/// Advance widths (1/1000 em) of Helvetica-Bold for WinAnsi codes 32..=255.
const LEBAR_TEBAL: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, //
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, //
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, //
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, //
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0, //
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, //
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, //
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, //
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, //
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, //
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, //
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, //
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556, //
];

/// Maps UTF-8 text to WinAnsi (Windows-1252) bytes for the standard fonts.
///
/// Characters WinAnsi lacks but that have an obvious ASCII spelling (the
/// minus sign, "≠", "≤", typographic spaces) are spelled out so figures stay
/// readable; zero-width and combining characters are dropped because they
/// have no glyph of their own; everything else becomes "?", so the reader
/// sees that something was there. A line break is kept as `\n` for
/// [`bungkus`]; other control characters become spaces.
pub fn winansi(teks: &str) -> Vec<u8> {
    let mut hasil = Vec::with_capacity(teks.len());
    for c in teks.chars() {
        let kode = u32::from(c);
        match kode {
            0x0A => hasil.push(b'\n'),
            0x0D => {}
            0x00..=0x1F | 0x7F => hasil.push(b' '),
            0x20..=0x7E => hasil.push(kode as u8),
            0x80..=0x9F => hasil.push(b' '),
            0xA0..=0xFF => hasil.push(kode as u8),
            _ => {
                if let Some(i) = WINANSI_80_9F.iter().position(|&u| u == kode) {
                    hasil.push(0x80 + i as u8);
                } else {
                    hasil.extend_from_slice(pengganti(kode));
                }
            }
        }
    }
    hasil
}

/// Spelling of characters outside WinAnsi.
fn pengganti(kode: u32) -> &'static [u8] {
    match kode {
        0x2212 | 0x2010 | 0x2011 | 0x2012 | 0x2043 => b"-",
        0x2260 => b"<>",
        0x2264 => b"<=",
        0x2265 => b">=",
        0x2032 => b"'",
        0x2033 => b"\"",
        0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => b" ",
        // Zero-width characters, variation selectors, byte-order mark and
        // combining marks: invisible on their own, so printing "?" for them
        // would only add noise (e.g. after every emoji's U+FE0F).
        0x200B..=0x200F | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF | 0x0300..=0x036F => b"",
        _ => b"?",
    }
}

/// Same as [`winansi`] for places that hold exactly one line.
pub(crate) fn winansi_satu_baris(teks: &str) -> Vec<u8> {
    let mut hasil = winansi(teks);
    for b in &mut hasil {
        if *b == b'\n' {
            *b = b' ';
        }
    }
    hasil
}

/// Width of WinAnsi bytes in points.
pub(crate) fn lebar(teks: &[u8], huruf: Huruf, ukuran: f32) -> f32 {
    let tabel = match huruf {
        Huruf::Biasa => &LEBAR_BIASA,
        Huruf::Tebal => &LEBAR_TEBAL,
    };
    let seribu: u32 = teks
        .iter()
        .map(|&b| {
            b.checked_sub(32)
                .and_then(|i| tabel.get(usize::from(i)))
                .map_or(0, |&w| u32::from(w))
        })
        .sum();
    seribu as f32 * ukuran / 1000.0
}

/// Cuts text to `maks` points, ending it with "…" when something was cut.
pub(crate) fn pangkas(teks: &[u8], huruf: Huruf, ukuran: f32, maks: f32) -> Vec<u8> {
    if lebar(teks, huruf, ukuran) <= maks {
        return teks.to_vec();
    }
    dengan_elipsis(teks, huruf, ukuran, maks)
}

/// The longest prefix of `teks` that fits in `maks` points together with a
/// trailing "…". Measured forwards so very long input stays linear.
fn dengan_elipsis(teks: &[u8], huruf: Huruf, ukuran: f32, maks: f32) -> Vec<u8> {
    let ruang = maks - lebar(&[ELIPSIS], huruf, ukuran);
    if ruang < 0.0 {
        return Vec::new();
    }
    let mut dipakai = 0.0;
    let mut potong = 0;
    for (i, b) in teks.iter().enumerate() {
        dipakai += lebar(std::slice::from_ref(b), huruf, ukuran);
        if dipakai > ruang {
            break;
        }
        potong = i + 1;
    }
    let mut hasil = teks[..potong].to_vec();
    while hasil.last() == Some(&b' ') {
        hasil.pop();
    }
    hasil.push(ELIPSIS);
    hasil
}

/// Greedy word wrap to `maks` points. Words longer than a line (hashes,
/// codes) are broken between characters, so no line is ever wider than
/// `maks`; `\n` starts a new line.
pub(crate) fn bungkus(teks: &[u8], huruf: Huruf, ukuran: f32, maks: f32) -> Vec<Vec<u8>> {
    let mut hasil = Vec::new();
    for paragraf in teks.split(|&b| b == b'\n') {
        let mut baris: Vec<u8> = Vec::new();
        for kata in paragraf.split(|&b| b == b' ').filter(|k| !k.is_empty()) {
            let mut calon = baris.clone();
            if !calon.is_empty() {
                calon.push(b' ');
            }
            calon.extend_from_slice(kata);
            if lebar(&calon, huruf, ukuran) <= maks {
                baris = calon;
                continue;
            }
            if !baris.is_empty() {
                hasil.push(std::mem::take(&mut baris));
            }
            // The word starts a fresh line; break it while it is too long.
            for &b in kata {
                baris.push(b);
                if baris.len() > 1 && lebar(&baris, huruf, ukuran) > maks {
                    baris.pop();
                    hasil.push(std::mem::replace(&mut baris, vec![b]));
                }
            }
        }
        hasil.push(baris);
    }
    // A single character wider than the line cannot be broken further.
    for baris in &mut hasil {
        if lebar(baris, huruf, ukuran) > maks {
            *baris = pangkas(baris, huruf, ukuran, maks);
        }
    }
    hasil
}

/// [`bungkus`] limited to `maks_baris` lines; the last line kept ends with
/// "…" when text was dropped.
pub(crate) fn bungkus_maks(
    teks: &[u8],
    huruf: Huruf,
    ukuran: f32,
    maks: f32,
    maks_baris: usize,
) -> Vec<Vec<u8>> {
    let mut hasil = bungkus(teks, huruf, ukuran, maks);
    if hasil.len() > maks_baris.max(1) {
        hasil.truncate(maks_baris.max(1));
        if let Some(akhir) = hasil.last_mut() {
            *akhir = dengan_elipsis(akhir, huruf, ukuran, maks);
        }
    }
    hasil
}

/// Indonesian thousands grouping: 1234567 → "1.234.567".
pub fn angka(n: u64) -> String {
    let digit = n.to_string();
    let mut hasil = String::with_capacity(digit.len() + digit.len() / 3);
    for (i, c) in digit.chars().enumerate() {
        if i > 0 && (digit.len() - i).is_multiple_of(3) {
            hasil.push('.');
        }
        hasil.push(c);
    }
    hasil
}

/// Signed difference with grouping: "+12", "-1.234", "0". ASCII "-" because
/// the minus sign is not in WinAnsi.
pub fn selisih(n: i128) -> String {
    let besar = angka(u64::try_from(n.unsigned_abs()).unwrap_or(u64::MAX));
    match n {
        0 => besar,
        n if n > 0 => format!("+{besar}"),
        _ => format!("-{besar}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teks_indonesia_menjadi_byte_winansi() {
        assert_eq!(
            winansi("Sukarasa – Dago · é"),
            b"Sukarasa \x96 Dago \xB7 \xE9".to_vec()
        );
        assert_eq!(
            winansi("— € … “x” ‘y’"),
            b"\x97 \x80 \x85 \x93x\x94 \x91y\x92".to_vec()
        );
    }

    #[test]
    fn yang_tak_terpetakan_menjadi_tanda_tanya() {
        assert_eq!(winansi("Menang 😀!"), b"Menang ?!".to_vec());
        assert_eq!(winansi("ok 👍\u{FE0F}"), b"ok ?".to_vec());
        assert_eq!(winansi("漢"), b"?".to_vec());
        assert_eq!(winansi("a ≠ b − c"), b"a <> b - c".to_vec());
        assert_eq!(winansi("a\tb\r\nc"), b"a b\nc".to_vec());
    }

    #[test]
    fn lebar_mengikuti_metrik_afm() {
        // "Hi" = H 722 + i 222 in Helvetica, H 722 + i 278 in Helvetica-Bold.
        assert!((lebar(b"Hi", Huruf::Biasa, 10.0) - 9.44).abs() < 1e-4);
        assert!((lebar(b"Hi", Huruf::Tebal, 10.0) - 10.0).abs() < 1e-4);
        assert!((lebar(b"\x96", Huruf::Biasa, 1000.0) - 556.0).abs() < 1e-3);
        assert_eq!(lebar(b"\n", Huruf::Biasa, 10.0), 0.0);
    }

    #[test]
    fn pangkas_memberi_elipsis_dan_muat() {
        let teks = winansi("Kelurahan Sukarasa yang namanya sangat panjang sekali");
        let hasil = pangkas(&teks, Huruf::Biasa, 10.0, 80.0);
        assert_eq!(hasil.last(), Some(&ELIPSIS));
        assert!(lebar(&hasil, Huruf::Biasa, 10.0) <= 80.0);
        assert_eq!(
            pangkas(b"pendek", Huruf::Biasa, 10.0, 80.0),
            b"pendek".to_vec()
        );
        assert!(pangkas(b"abc", Huruf::Biasa, 10.0, 1.0).is_empty());
    }

    #[test]
    fn bungkus_memecah_kata_yang_terlalu_panjang() {
        let hash = "ab".repeat(32);
        let teks = winansi(&format!("Foto 1 dari 3 · SHA-256: {hash}"));
        let baris = bungkus(&teks, Huruf::Biasa, 8.0, 100.0);
        assert!(baris.len() > 2);
        for b in &baris {
            assert!(lebar(b, Huruf::Biasa, 8.0) <= 100.0);
        }
        let gabung: Vec<u8> = baris.concat();
        let tanpa_spasi: Vec<u8> = gabung.into_iter().filter(|&b| b != b' ').collect();
        let harap: Vec<u8> = teks.into_iter().filter(|&b| b != b' ').collect();
        assert_eq!(tanpa_spasi, harap);
        assert_eq!(bungkus(b"a\nb", Huruf::Biasa, 8.0, 100.0).len(), 2);
    }

    #[test]
    fn bungkus_maks_mengakhiri_dengan_elipsis() {
        let teks = winansi("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh");
        let baris = bungkus_maks(&teks, Huruf::Tebal, 10.0, 60.0, 2);
        assert_eq!(baris.len(), 2);
        assert_eq!(baris[1].last(), Some(&ELIPSIS));
        assert!(baris.iter().all(|b| lebar(b, Huruf::Tebal, 10.0) <= 60.0));
    }

    #[test]
    fn angka_gaya_indonesia() {
        assert_eq!(angka(0), "0");
        assert_eq!(angka(999), "999");
        assert_eq!(angka(1000), "1.000");
        assert_eq!(angka(1_234_567), "1.234.567");
        assert_eq!(angka(u64::MAX), "18.446.744.073.709.551.615");
        assert_eq!(selisih(12), "+12");
        assert_eq!(selisih(-3), "-3");
        assert_eq!(selisih(-1234), "-1.234");
        assert_eq!(selisih(0), "0");
    }
}
