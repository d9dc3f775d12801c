//! The choropleth SVG: shapes, their tooltips and links, and the legend.

use std::fmt::Write as _;

use super::{Batas, Tata, Warna};

/// One shape to draw.
#[derive(Debug, Clone)]
pub struct Bentuk<'a> {
    pub batas: &'a Batas,
    pub nama: &'a str,
    /// Text after the name in the tooltip, e.g. "DPT 1.234".
    pub keterangan: String,
    pub isi: Warna,
    /// Link target when clicked (None: not a link).
    pub href: Option<String>,
}

/// One legend entry: its colour and its label.
#[derive(Debug, Clone)]
pub struct Legenda {
    pub judul: String,
    pub keterangan: String,
    pub baris: Vec<(Warna, String)>,
}

/// Escapes text for SVG/XML content and attribute values.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Map width in SVG units.
pub const LEBAR_PETA: f64 = 1000.0;
/// Douglas–Peucker tolerance in SVG units (of a 1000-wide map).
pub const TOLERANSI_LAYAR: f64 = 1.0;

/// The whole choropleth: one `<path id="w-KODE">` per
/// shape (inside `<a href>` when it links) with a `<title>`, then the
/// legend below the map. Presentation attributes only (no `style`), so
/// a strict CSP allows it.
pub fn svg(judul: &str, bentuk: &[Bentuk<'_>], legenda: &Legenda) -> String {
    svg_dengan(judul, bentuk, legenda, true)
}

/// The smallest side, in map units, of what a finger can hit on an inset
/// shape: Kepulauan Seribu's islands are specks a few units across, so
/// each linked inset shape gets an invisible box at least this big (on a
/// 360 px phone a 1000-unit map is ~340 px wide: ~40 px).
pub const SENTUH_MIN: f64 = 120.0;

/// [`svg`], with or without the legend drawn inside it: a page that
/// writes the legend as HTML (text a phone can read at its own size)
/// leaves it out, the downloaded SVG keeps it.
pub fn svg_dengan(
    judul: &str,
    bentuk: &[Bentuk<'_>],
    legenda: &Legenda,
    dengan_legenda: bool,
) -> String {
    let batas: Vec<&Batas> = bentuk.iter().map(|b| b.batas).collect();
    let nama: Vec<&str> = bentuk.iter().map(|b| b.nama).collect();
    let Some(tata) = Tata::muat(&batas, &nama, LEBAR_PETA, 10.0) else {
        return format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {LEBAR_PETA} 40\" role=\"img\"><title>{}</title><text x=\"10\" y=\"25\" font-size=\"16\">Belum ada batas wilayah</text></svg>",
            xml(judul)
        );
    };
    let baris_tinggi = 26.0;
    let kolom = 3usize;
    let n_baris = legenda.baris.len().div_ceil(kolom) as f64;
    let tinggi_legenda = if dengan_legenda {
        34.0 + n_baris * baris_tinggi
    } else {
        0.0
    };
    let mut s = String::with_capacity(bentuk.len() * 800 + 1024);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{}\" role=\"img\" aria-labelledby=\"peta-judul peta-desc\" font-family=\"sans-serif\">",
        tata.view_box(tinggi_legenda)
    );
    let _ = write!(
        s,
        "<title id=\"peta-judul\">{}</title><desc id=\"peta-desc\">{}</desc>",
        xml(judul),
        xml(&legenda.keterangan)
    );
    if let Some(sis) = &tata.sisipan {
        let (x, y, w, h) = sis.bingkai;
        let _ = write!(
            s,
            "<g class=\"sisipan\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f4f6f8\" stroke=\"#8a8f96\" stroke-width=\"1\"/><text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#444444\">{}</text></g>",
            x.round(),
            y.round(),
            w.round(),
            h.round(),
            (x + 6.0).round(),
            (y + 15.0).round(),
            xml(&sis.label)
        );
    }
    s.push_str("<g stroke=\"#ffffff\" stroke-width=\"0.6\" stroke-linejoin=\"round\">");
    for (i, b) in bentuk.iter().enumerate() {
        let d = tata.proyeksi(i).path(b.batas, TOLERANSI_LAYAR);
        if d.is_empty() {
            continue;
        }
        if let Some(h) = &b.href {
            let _ = write!(s, "<a href=\"{}\">", xml(h));
        }
        // Islands in the inset are a few units across at most: outlined in
        // their own colour they read as dots instead of vanishing.
        let di_sisipan = tata.sisipan.as_ref().is_some_and(|x| x.anggota[i]);
        let garis = if di_sisipan {
            format!(" stroke=\"{}\" stroke-width=\"5\"", b.isi)
        } else {
            String::new()
        };
        let _ = write!(
            s,
            "<path id=\"w-{k}\" fill=\"{}\"{garis} d=\"{d}\"><title>{}{}</title></path>",
            b.isi,
            xml(b.nama),
            if b.keterangan.is_empty() {
                String::new()
            } else {
                format!(": {}", xml(&b.keterangan))
            },
            k = b.batas.kode,
        );
        // A linked inset shape can be tapped anywhere in a box around it
        // (within the inset's frame), not only on its specks.
        if let (true, Some(_), Some(sis)) = (di_sisipan, &b.href, &tata.sisipan)
            && let Some(k) = kotak_layar(&d)
        {
            let (fx, fy, fw, fh) = sis.bingkai;
            let w = (k.2 - k.0).max(SENTUH_MIN).min(fw);
            let h = (k.3 - k.1).max(SENTUH_MIN).min(fh);
            let x = ((k.0 + k.2 - w) / 2.0).clamp(fx, fx + fw - w);
            let y = ((k.1 + k.3 - h) / 2.0).clamp(fy, fy + fh - h);
            let _ = write!(
                s,
                "<rect class=\"sentuh\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#000000\" fill-opacity=\"0\" stroke=\"none\"/>",
                x.round(),
                y.round(),
                w.round(),
                h.round()
            );
        }
        if b.href.is_some() {
            s.push_str("</a>");
        }
    }
    s.push_str("</g>");
    if !dengan_legenda {
        s.push_str("</svg>");
        return s;
    }
    let y0 = (tata.tinggi + 4.0).round();
    let _ = write!(
        s,
        "<g class=\"legenda\" font-size=\"15\" fill=\"#222222\"><text x=\"10\" y=\"{}\" font-weight=\"bold\">{}</text>",
        y0 + 16.0,
        xml(&legenda.judul)
    );
    let lebar_kolom = ((LEBAR_PETA - 20.0) / kolom as f64).floor();
    for (i, (w, label)) in legenda.baris.iter().enumerate() {
        let x = 10.0 + (i % kolom) as f64 * lebar_kolom;
        let y = y0 + 28.0 + (i / kolom) as f64 * baris_tinggi;
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"28\" height=\"18\" fill=\"{w}\" stroke=\"#555555\" stroke-width=\"0.5\"/><text x=\"{}\" y=\"{}\">{}</text>",
            x + 36.0,
            y + 14.0,
            xml(label)
        );
    }
    s.push_str("</g></svg>");
    s
}

/// The bounding box (x0, y0, x1, y1) of a path written by
/// `Proyeksi::path`: absolute `M x y` moves followed by relative `l dx dy`
/// steps, with `z` closing a ring.
fn kotak_layar(d: &str) -> Option<(f64, f64, f64, f64)> {
    let mut k = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let (mut x, mut y) = (0.0, 0.0);
    let mut mutlak = true;
    let mut angka: Vec<f64> = Vec::new();
    let mut token = String::new();
    // Ends the number being read; a completed pair moves the pen (in the
    // mode of the command it belongs to) and widens the box.
    let mut selesai = |token: &mut String, angka: &mut Vec<f64>, mutlak: bool| {
        if !token.is_empty() {
            if let Ok(v) = token.parse() {
                angka.push(v);
            }
            token.clear();
        }
        if angka.len() == 2 {
            if mutlak {
                (x, y) = (angka[0], angka[1]);
            } else {
                x += angka[0];
                y += angka[1];
            }
            k.0 = k.0.min(x);
            k.1 = k.1.min(y);
            k.2 = k.2.max(x);
            k.3 = k.3.max(y);
            angka.clear();
        }
    };
    for c in d.chars() {
        match c {
            'M' | 'L' | 'l' | 'm' | 'z' | 'Z' => {
                selesai(&mut token, &mut angka, mutlak);
                angka.clear();
                mutlak = matches!(c, 'M' | 'L');
            }
            '-' => {
                selesai(&mut token, &mut angka, mutlak);
                token.push(c);
            }
            ' ' | ',' => selesai(&mut token, &mut angka, mutlak),
            c => token.push(c),
        }
    }
    selesai(&mut token, &mut angka, mutlak);
    (k.0 <= k.2).then_some(k)
}

#[cfg(test)]
mod uji {
    use super::kotak_layar;

    #[test]
    fn kotak_jalur_relatif() {
        let k = kotak_layar("M75 917l-3-1 6 1zM56 912l9 1 5 3z").unwrap();
        assert_eq!(k, (56.0, 912.0, 78.0, 917.0));
        assert!(kotak_layar("").is_none());
    }
}
