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
    let tinggi_legenda = 34.0 + n_baris * baris_tinggi;
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
        let garis = if tata.sisipan.as_ref().is_some_and(|x| x.anggota[i]) {
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
        if b.href.is_some() {
            s.push_str("</a>");
        }
    }
    s.push_str("</g>");
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
