//! The war room's charts, server-side SVG with presentation attributes
//! only (a strict CSP allows them): results per paslon, turnout, the
//! quick count's estimate as reports arrive, and target gaps by area.

use std::fmt::Write as _;

use posko_domain::peta::{CIVIDIS, warna_paslon, xml};

use crate::format::ribuan;
use crate::peta::persen_f;

const LEBAR: f64 = 600.0;

/// One bar of a horizontal bar chart.
pub(crate) struct Batang {
    pub label: String,
    pub nilai: f64,
    /// The figure written at the bar's end.
    pub teks: String,
    pub warna: String,
}

/// Horizontal bars scaled to the largest `nilai` (or to `skala` when given).
pub(crate) fn batang(judul: &str, baris: &[Batang], skala: Option<f64>) -> String {
    let tinggi_baris = 34.0;
    let tinggi = 30.0 + tinggi_baris * baris.len().max(1) as f64;
    let max = skala
        .unwrap_or_else(|| baris.iter().map(|b| b.nilai).fold(0.0, f64::max))
        .max(1e-9);
    let kiri = 170.0;
    // Leave room after the longest bar for its figure (≈ 8.5 px a
    // character at this size), so "kurang 702.239 dari 702.239" is not cut.
    let teks_terpanjang = baris
        .iter()
        .map(|b| b.teks.chars().count())
        .max()
        .unwrap_or(0);
    let ruang = (LEBAR - kiri - 10.0 - teks_terpanjang as f64 * 8.5).max(120.0);
    let mut s = String::with_capacity(300 + baris.len() * 260);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"grafik\" viewBox=\"0 0 {LEBAR} {tinggi}\" role=\"img\" aria-label=\"{j}\" font-family=\"sans-serif\" font-size=\"15\"><title>{j}</title>",
        j = xml(judul)
    );
    if baris.is_empty() {
        let _ = write!(
            s,
            "<text x=\"0\" y=\"50\" fill=\"#555555\">{}</text>",
            xml(&crate::t("grafik-belum-ada-data"))
        );
    }
    for (i, b) in baris.iter().enumerate() {
        let y = 20.0 + i as f64 * tinggi_baris;
        let w = (b.nilai.max(0.0) / max * ruang).clamp(0.0, ruang);
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\" fill=\"#222222\">{}</text><rect x=\"{kiri}\" y=\"{y}\" width=\"{w:.1}\" height=\"22\" fill=\"{}\" stroke=\"#333333\" stroke-width=\"0.5\"/><text x=\"{:.1}\" y=\"{}\" fill=\"#222222\">{}</text>",
            y + 16.0,
            xml(&potong(&b.label, 20)),
            b.warna,
            kiri + w + 6.0,
            y + 16.0,
            xml(&b.teks)
        );
    }
    s.push_str("</svg>");
    s
}

/// One paslon's share as a bar on a fixed 0–100 % scale (36,3 % fills
/// a bit over a third), in the paslon's one colour ([`warna_paslon`]).
pub(crate) fn batang_porsi(nomor: u32, porsi: f64, label: &str) -> String {
    let w = (porsi.clamp(0.0, 1.0) * 1000.0).round() / 10.0;
    format!(
        "<svg class=\"perolehan-batang\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{}\"><rect width=\"100\" height=\"10\" fill=\"#dde2e8\"/><rect class=\"nilai\" width=\"{w}\" height=\"10\" fill=\"{}\"/></svg>",
        xml(label),
        warna_paslon(nomor)
    )
}

/// A region's name without its kind ("Kota Administrasi Jakarta Timur" →
/// "Jakarta Timur"), for chart labels where every name would otherwise
/// start the same.
pub(crate) fn nama_pendek(nama: &str) -> &str {
    for awal in [
        "Kota Administrasi ",
        "Kabupaten Administrasi ",
        "Kabupaten ",
        "Kota ",
        "Kecamatan ",
        "Kelurahan ",
        "Desa ",
    ] {
        if let Some(sisa) = nama.strip_prefix(awal).filter(|s| !s.is_empty()) {
            return sisa;
        }
    }
    nama
}

fn potong(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// Votes per paslon, each in its Okabe–Ito colour.
pub(crate) fn hasil_paslon(nama: &[(u32, String)], suara: &[u64], sah: u64) -> String {
    let baris: Vec<Batang> = nama
        .iter()
        .map(|(nomor, n)| {
            let v = suara.get(*nomor as usize - 1).copied().unwrap_or(0);
            Batang {
                label: format!("{nomor:02} {n}"),
                nilai: v as f64,
                teks: format!("{} ({})", ribuan(v), crate::format::persen(v, sah)),
                warna: warna_paslon(*nomor).to_string(),
            }
        })
        .collect();
    // A 0–100 % scale, as every result bar: the leader's 36 % is a bar a
    // third long, not a full one.
    let skala = suara.iter().sum::<u64>().max(sah);
    batang(
        &crate::t("grafik-hasil-paslon"),
        &baris,
        Some((skala as f64).max(1.0)),
    )
}

/// Turnout (valid + invalid ÷ DPT of the TPS in) as one bar against 100 %.
pub(crate) fn partisipasi(memilih: u64, dpt_masuk: u64) -> String {
    let baris = if dpt_masuk == 0 {
        Vec::new()
    } else {
        vec![Batang {
            label: crate::t("grafik-partisipasi-label"),
            nilai: memilih as f64 / dpt_masuk as f64,
            teks: crate::format::persen(memilih, dpt_masuk),
            warna: CIVIDIS[2].to_string(),
        }]
    };
    batang(&crate::t("grafik-partisipasi"), &baris, Some(1.0))
}

/// Each paslon's share as TPS reported: x is the number of reports, y the
/// share; one Okabe–Ito line per paslon; `judul` names the chart and
/// `bawah` is the line under it.
pub(crate) fn lintasan(
    judul: &str,
    titik: &[(usize, Vec<f64>)],
    nomor: &[u32],
    bawah_teks: &str,
) -> Option<String> {
    let last = titik.last()?;
    let (w, h, kiri, bawah) = (LEBAR, 260.0, 44.0, 28.0);
    let max_x = last.0.max(1) as f64;
    let x = |n: usize| kiri + n as f64 / max_x * (w - kiri - 10.0);
    // The title is drawn, not only in <title>: two line charts side by
    // side (real count, quick count) must say which is which.
    let atas = 30.0;
    let y = |p: f64| atas + (1.0 - p.clamp(0.0, 1.0)) * (h - bawah - atas);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"grafik\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{judul}\" font-family=\"sans-serif\" font-size=\"13\"><title>{judul}</title>",
        judul = xml(judul)
    );
    let _ = write!(
        s,
        "<text x=\"0\" y=\"15\" font-weight=\"bold\" fill=\"#222222\">{}</text>",
        xml(judul)
    );
    for p in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let yp = y(p);
        let _ = write!(
            s,
            "<line x1=\"{kiri}\" x2=\"{}\" y1=\"{yp:.1}\" y2=\"{yp:.1}\" stroke=\"#cccccc\"/><text x=\"0\" y=\"{:.1}\" fill=\"#444444\">{} %</text>",
            w - 10.0,
            yp + 4.0,
            (p * 100.0) as u32,
        );
    }
    for (j, n) in nomor.iter().enumerate() {
        let mut d = String::new();
        for (i, (lap, p)) in titik.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1} {:.1}",
                if i == 0 { "M" } else { "L" },
                x(*lap),
                y(p.get(j).copied().unwrap_or(0.0))
            );
        }
        let _ = write!(
            s,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"3\"><title>{n:02}: {}</title></path>",
            warna_paslon(*n),
            persen_f(last.1.get(j).copied().unwrap_or(0.0))
        );
    }
    let _ = write!(
        s,
        "<text x=\"{kiri}\" y=\"{}\" fill=\"#444444\">{}</text></svg>",
        h - 6.0,
        xml(bawah_teks)
    );
    Some(s)
}

/// The areas with the largest gaps between supporters and votes needed.
pub(crate) fn celah_target(baris: &[(String, u64, u64)]) -> String {
    let b: Vec<Batang> = baris
        .iter()
        .map(|(nama, celah, butuh)| Batang {
            label: nama_pendek(nama).to_string(),
            nilai: *celah as f64,
            teks: crate::t2(
                "grafik-kurang",
                "kurang",
                ribuan(*celah),
                "dari",
                ribuan(*butuh),
            ),
            warna: CIVIDIS[6].to_string(),
        })
        .collect();
    batang(&crate::t("grafik-celah-target"), &b, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The widths of the bars (`<rect … width="…" height="22"`) of a chart.
    fn lebar_batang(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .filter(|r| r.contains("height=\"22\""))
            .map(|r| {
                let i = r.find("width=\"").unwrap() + 7;
                r[i..].split('"').next().unwrap().parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn result_bars_are_on_a_0_to_100_scale_in_each_paslons_colour() {
        let b = batang_porsi(1, 0.363, "36,3 %");
        assert!(b.contains("width=\"36.3\""), "{b}");
        assert!(b.contains(&warna_paslon(1).to_string()), "{b}");
        let nama = vec![(1, "A".to_string()), (2, "B".to_string())];
        let svg = hasil_paslon(&nama, &[363, 637], 1000);
        let w = lebar_batang(&svg);
        assert_eq!(w.len(), 2, "{svg}");
        // 63,7 % is not a full bar: the two bars add up to one full one.
        assert!((w[1] / (w[0] + w[1]) - 0.637).abs() < 0.01, "{w:?}");
        assert!(svg.contains(&warna_paslon(2).to_string()));
    }

    #[test]
    fn chart_labels_are_short_names() {
        assert_eq!(
            nama_pendek("Kota Administrasi Jakarta Timur"),
            "Jakarta Timur"
        );
        assert_eq!(
            nama_pendek("Kabupaten Administrasi Kepulauan Seribu"),
            "Kepulauan Seribu"
        );
        assert_eq!(nama_pendek("Kota Bandung"), "Bandung");
        assert_eq!(nama_pendek("Gambir"), "Gambir");
        let svg = celah_target(&[("Kota Administrasi Jakarta Timur".into(), 5, 10)]);
        assert!(svg.contains(">Jakarta Timur<"), "{svg}");
    }
}
