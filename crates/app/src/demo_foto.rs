//! Made-up photos of C.Hasil forms for the demo: a sheet with the TPS code
//! and each row's figure drawn in seven-segment digits, so a demo verifier
//! can read real numbers off a real JPEG. No font is needed, and nothing
//! resembles the KPU's actual form closely enough to be mistaken for one.

use image::{GrayImage, Luma};

const LEBAR: u32 = 600;
const KERTAS: Luma<u8> = Luma([236]);
const TINTA: Luma<u8> = Luma([35]);
const GARIS: Luma<u8> = Luma([150]);

/// Segments a–g (top, upper right, lower right, bottom, lower left, upper
/// left, middle) lit for each character the sheet uses.
fn segmen(c: char) -> [bool; 7] {
    let on = |s: &str| {
        let mut m = [false; 7];
        for b in s.bytes() {
            m[usize::from(b - b'a')] = true;
        }
        m
    };
    match c {
        '0' | 'O' => on("abcdef"),
        '1' => on("bc"),
        '2' => on("abged"),
        '3' => on("abgcd"),
        '4' => on("fgbc"),
        '5' | 'S' => on("afgcd"),
        '6' => on("afgedc"),
        '7' => on("abc"),
        '8' => on("abcdefg"),
        '9' => on("abcdfg"),
        'A' => on("abcefg"),
        'C' => on("adef"),
        'H' => on("bcefg"),
        'I' => on("ef"),
        'L' => on("def"),
        'P' => on("abefg"),
        't' => on("defg"),
        'o' => on("cdeg"),
        '-' => on("g"),
        _ => [false; 7],
    }
}

fn kotak(img: &mut GrayImage, x: u32, y: u32, w: u32, h: u32, warna: Luma<u8>) {
    for yy in y..(y + h).min(img.height()) {
        for xx in x..(x + w).min(img.width()) {
            img.put_pixel(xx, yy, warna);
        }
    }
}

/// Draws `teks` with its top-left corner at (x, y); digits `w` wide and
/// `2w` tall. Returns the x after the last character.
fn tulis(img: &mut GrayImage, teks: &str, x: u32, y: u32, w: u32) -> u32 {
    let t = (w / 6).max(2);
    let h = w;
    let mut x = x;
    for c in teks.chars() {
        let s = segmen(c);
        let bagian = [
            (0, 0, w, t),         // a
            (w - t, 0, t, h),     // b
            (w - t, h, t, h),     // c
            (0, 2 * h - t, w, t), // d
            (0, h, t, h),         // e
            (0, 0, t, h),         // f
            (0, h - t / 2, w, t), // g
        ];
        for (i, (dx, dy, bw, bh)) in bagian.into_iter().enumerate() {
            if s[i] {
                kotak(img, x + dx, y + dy, bw, bh, TINTA);
            }
        }
        x += w + w / 2;
    }
    x
}

fn lebar_teks(teks: &str, w: u32) -> u32 {
    teks.chars().count() as u32 * (w + w / 2)
}

/// A photo of a filled-in form: header, the TPS code, then one ruled row
/// per label with its figure right-aligned in a box. JPEG, greyscale.
pub fn formulir(kode_tps: &str, baris: &[(String, u32)]) -> Vec<u8> {
    let tinggi_baris = 72;
    let tinggi = 170 + tinggi_baris * baris.len() as u32 + 30;
    let mut img = GrayImage::from_pixel(LEBAR, tinggi, KERTAS);
    tulis(&mut img, "C-HASIL", 30, 24, 26);
    tulis(&mut img, kode_tps, 30, 100, 20);
    for (i, (label, angka)) in baris.iter().enumerate() {
        let y = 170 + i as u32 * tinggi_baris;
        kotak(&mut img, 20, y, LEBAR - 40, 2, GARIS);
        tulis(&mut img, label, 34, y + 14, 20);
        let teks = angka.to_string();
        let x = LEBAR - 50 - lebar_teks(&teks, 20);
        kotak(&mut img, x - 14, y + 6, LEBAR - 36 - x, 2, GARIS);
        kotak(
            &mut img,
            x - 14,
            y + tinggi_baris - 8,
            LEBAR - 36 - x,
            2,
            GARIS,
        );
        tulis(&mut img, &teks, x, y + 14, 20);
    }
    let mut out = Vec::new();
    // Encoding a greyscale buffer of a known size cannot fail.
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 70)
        .encode_image(&img)
        .expect("encoding an in-memory greyscale image");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_is_a_small_readable_jpeg() {
        let baris = vec![
            ("P1".to_string(), 120),
            ("P2".to_string(), 98),
            ("SAH".to_string(), 218),
            ("tS".to_string(), 4),
        ];
        let jpeg = formulir("3171011001-003", &baris);
        assert_eq!(crate::foto::jenis_foto(&jpeg), Some("image/jpeg"));
        assert!(jpeg.len() < 40_000, "{} bytes", jpeg.len());
        let img = image::load_from_memory(&jpeg).unwrap().into_luma8();
        assert_eq!(img.width(), LEBAR);
        // Ink where the figure "120" of the first row sits, paper elsewhere.
        let gelap = |x0: u32, y0: u32, w: u32, h: u32| {
            (y0..y0 + h)
                .flat_map(|y| (x0..x0 + w).map(move |x| (x, y)))
                .filter(|&(x, y)| img.get_pixel(x, y).0[0] < 100)
                .count()
        };
        let x = LEBAR - 50 - lebar_teks("120", 20);
        assert!(gelap(x, 184, lebar_teks("120", 20), 40) > 200);
        assert_eq!(gelap(200, 184, 100, 40), 0);
    }
}
