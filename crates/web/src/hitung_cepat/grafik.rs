//! The quick count's two charts as server-side SVG: shares with 95 %
//! error bars, and the estimate's drift with its band.

use super::*;

/// The colour of the `i`-th paslon of the count: its one colour on every
/// page, map and file ([`posko_domain::peta::warna_paslon`], by nomor urut).
pub(super) fn warna(hc: &HitungCepat, i: usize) -> String {
    let nomor = hc
        .paslon
        .get(i)
        .map_or(i as u32 + 1, |p| u32::from(p.nomor_urut.get()));
    posko_domain::peta::warna_paslon(nomor).to_string()
}

/// Horizontal bars of each paslon's share with its 95 % interval as an
/// error bar, and the 50 % line. Presentation attributes only: the CSP
/// allows no inline style.
pub(super) fn svg_batang(hc: &HitungCepat) -> String {
    let baris = 34.0;
    let (kiri, lebar) = (36.0, 290.0);
    let n = hc.taksiran.per_paslon.len();
    let tinggi = baris * n as f64 + 24.0;
    let x = |v: f64| kiri + lebar * v.clamp(0.0, 1.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="hc-batang" viewBox="0 0 340 {tinggi}" width="100%" role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">"#,
        label = posko_domain::peta::xml(&crate::t("hc-grafik-batang")),
    );
    for (i, t) in hc.taksiran.per_paslon.iter().enumerate() {
        let y = baris * i as f64 + 6.0;
        let nomor = hc
            .paslon
            .get(i)
            .map(|p| p.nomor_urut.get().to_string())
            .unwrap_or_else(|| (i + 1).to_string());
        let _ = write!(
            s,
            r##"<text x="4" y="{ty}" font-size="14" font-weight="700" fill="{w}">{nomor}</text><rect x="{kiri}" y="{y}" width="{lebar}" height="20" fill="#eef1f4"/><rect class="nilai" x="{kiri}" y="{y}" width="{bw:.1}" height="20" fill="{w}" fill-opacity="0.75"/>"##,
            ty = y + 15.0,
            w = warna(hc, i),
            bw = x(t.nilai) - kiri,
        );
        if t.keadaan == KeadaanTaksiran::Terukur {
            let (xb, xa, yt) = (x(t.bawah), x(t.atas), y + 10.0);
            let _ = write!(
                s,
                r##"<g class="galat" stroke="#111" stroke-width="1.6"><line x1="{xb:.1}" y1="{yt}" x2="{xa:.1}" y2="{yt}"/><line x1="{xb:.1}" y1="{a}" x2="{xb:.1}" y2="{b}"/><line x1="{xa:.1}" y1="{a}" x2="{xa:.1}" y2="{b}"/></g>"##,
                a = y + 3.0,
                b = y + 17.0,
            );
        }
    }
    let garis = baris * n as f64 + 4.0;
    let _ = write!(
        s,
        r##"<line x1="{m}" y1="2" x2="{m}" y2="{garis}" stroke="#57606a" stroke-dasharray="3 3"/><text x="{m}" y="{ty}" font-size="11" text-anchor="middle" fill="#57606a">50 %</text><text x="{kiri}" y="{ty}" font-size="11" fill="#57606a">0</text><text x="{ka}" y="{ty}" font-size="11" text-anchor="end" fill="#57606a">100 %</text></svg>"##,
        m = x(0.5),
        ty = garis + 14.0,
        ka = kiri + lebar,
    );
    s
}

/// Each paslon's share as reports arrived (x: reports in), with its 95 %
/// band where the margin is measured.
pub(super) fn svg_lintasan(hc: &HitungCepat) -> Option<String> {
    let titik = &hc.lintasan;
    if titik.is_empty() {
        return None;
    }
    let (kiri, atas, lebar, tinggi) = (34.0, 8.0, 296.0, 150.0);
    // From the first point to the last, so early drift is not squeezed
    // into the right edge; a single point sits at the right.
    let min_x = titik.iter().map(|t| t.laporan).min().unwrap_or(0) as f64;
    let maks_x = titik.iter().map(|t| t.laporan).max().unwrap_or(1).max(1) as f64;
    let x = |l: usize| {
        if maks_x > min_x {
            kiri + lebar * ((l as f64 - min_x) / (maks_x - min_x))
        } else {
            kiri + lebar
        }
    };
    // The y range hugs the data (to the next 5 points), so drift of a point
    // or two is visible rather than a flat line on a 0–100 scale.
    let (mut lo, mut hi) = (1.0f64, 0.0f64);
    for t in titik {
        for p in &t.taksiran.per_paslon {
            if p.keadaan != KeadaanTaksiran::TanpaData {
                lo = lo.min(p.bawah.min(p.nilai));
                hi = hi.max(p.atas.max(p.nilai));
            }
        }
    }
    if lo > hi {
        (lo, hi) = (0.0, 1.0);
    }
    let lo = ((lo - 0.01) * 20.0).floor().max(0.0) / 20.0;
    let hi = (((hi + 0.01) * 20.0).ceil().min(20.0) / 20.0).max(lo + 0.05);
    let y = |v: f64| atas + tinggi * (1.0 - ((v - lo) / (hi - lo)).clamp(0.0, 1.0));
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg class="hc-lintasan" viewBox="0 0 340 {h}" width="100%" role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg"><rect x="{kiri}" y="{atas}" width="{lebar}" height="{tinggi}" fill="#fafbfc" stroke="#d0d7de"/>"##,
        h = atas + tinggi + 30.0,
        label = posko_domain::peta::xml(&crate::t("hc-grafik-lintasan")),
    );
    for v in [lo, (lo + hi) / 2.0, hi] {
        let _ = write!(
            s,
            r##"<line x1="{kiri}" y1="{yy:.1}" x2="{xe}" y2="{yy:.1}" stroke="#d0d7de" stroke-dasharray="2 3"/><text x="{tx}" y="{ty:.1}" font-size="10" text-anchor="end" fill="#57606a">{p}</text>"##,
            yy = y(v),
            xe = kiri + lebar,
            tx = kiri - 3.0,
            ty = y(v) + 3.5,
            p = angka_persen(v),
        );
    }
    let n = hc.taksiran.per_paslon.len();
    for i in 0..n {
        let band: Vec<(f64, f64, f64)> = titik
            .iter()
            .filter_map(|t| t.taksiran.per_paslon.get(i).map(|p| (x(t.laporan), p)))
            .filter(|(_, p)| p.keadaan == KeadaanTaksiran::Terukur)
            .map(|(xx, p)| (xx, y(p.atas), y(p.bawah)))
            .collect();
        if band.len() >= 2 {
            let mut pts = String::new();
            for (xx, ya, _) in &band {
                let _ = write!(pts, "{xx:.1},{ya:.1} ");
            }
            for (xx, _, yb) in band.iter().rev() {
                let _ = write!(pts, "{xx:.1},{yb:.1} ");
            }
            let _ = write!(
                s,
                r#"<polygon class="pita" points="{}" fill="{}" fill-opacity="0.15" stroke="none"/>"#,
                pts.trim_end(),
                warna(hc, i)
            );
        }
        let mut pts = String::new();
        for t in titik {
            if let Some(p) = t.taksiran.per_paslon.get(i)
                && p.keadaan != KeadaanTaksiran::TanpaData
            {
                let _ = write!(pts, "{:.1},{:.1} ", x(t.laporan), y(p.nilai));
            }
        }
        let _ = write!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>"#,
            pts.trim_end(),
            warna(hc, i)
        );
    }
    let _ = write!(
        s,
        r##"<text x="{kiri}" y="{ty}" font-size="10" fill="#57606a">{n}</text><text x="{xe}" y="{ty}" font-size="10" text-anchor="end" fill="#57606a">{m}</text></svg>"##,
        n = ribuan(min_x as u64),
        ty = atas + tinggi + 14.0,
        xe = kiri + lebar,
        m = posko_domain::peta::xml(&crate::t1(
            "hc-grafik-laporan",
            "jumlah",
            ribuan(maks_x as u64)
        )),
    );
    Some(s)
}
