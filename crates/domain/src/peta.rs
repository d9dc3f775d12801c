//! Maps, pure: region boundaries (`Batas`), their projection into an SVG
//! viewBox, simplified path strings, colour scales that read correctly for
//! colour-blind people, and the whole choropleth SVG. No I/O.

use std::fmt::{self, Write as _};

use crate::KodeWilayah;

/// A point as GeoJSON writes it: (longitude, latitude) in degrees.
pub type Titik = (f64, f64);

/// One region's boundary: a multipolygon, polygons → rings → points
/// (the first ring of a polygon is its outline, the others its holes).
#[derive(Debug, Clone, PartialEq)]
pub struct Batas {
    pub kode: KodeWilayah,
    pub cincin: Vec<Vec<Vec<Titik>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("geometri batas rusak: {0}")]
pub struct GeometriError(pub String);

/// A bounding box in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kotak {
    pub min_lng: f64,
    pub min_lat: f64,
    pub max_lng: f64,
    pub max_lat: f64,
}

impl Kotak {
    fn tambah(&mut self, (x, y): Titik) {
        self.min_lng = self.min_lng.min(x);
        self.max_lng = self.max_lng.max(x);
        self.min_lat = self.min_lat.min(y);
        self.max_lat = self.max_lat.max(y);
    }

    fn kosong() -> Kotak {
        Kotak {
            min_lng: f64::INFINITY,
            min_lat: f64::INFINITY,
            max_lng: f64::NEG_INFINITY,
            max_lat: f64::NEG_INFINITY,
        }
    }

    pub fn tengah(&self) -> Titik {
        (
            (self.min_lng + self.max_lng) / 2.0,
            (self.min_lat + self.max_lat) / 2.0,
        )
    }
}

impl Batas {
    /// The bounding box, or None for an empty shape.
    pub fn kotak(&self) -> Option<Kotak> {
        let mut k = Kotak::kosong();
        for p in self.cincin.iter().flatten().flatten() {
            k.tambah(*p);
        }
        (k.min_lng <= k.max_lng).then_some(k)
    }

    /// Number of points, all rings together.
    pub fn jumlah_titik(&self) -> usize {
        self.cincin.iter().flatten().map(Vec::len).sum()
    }

    /// The same shape simplified with Douglas–Peucker at `toleransi`
    /// degrees; rings that collapse below a triangle are dropped, and a
    /// polygon whose outline collapses is dropped with its holes. If every
    /// polygon collapses, the largest outline is kept as it was.
    pub fn sederhanakan(&self, toleransi: f64) -> Batas {
        let mut out = Vec::with_capacity(self.cincin.len());
        for poli in &self.cincin {
            let mut rings = Vec::with_capacity(poli.len());
            for (i, ring) in poli.iter().enumerate() {
                let s = sederhanakan_cincin(ring, toleransi);
                if s.len() < 4 {
                    if i == 0 {
                        break;
                    }
                    continue;
                }
                rings.push(s);
            }
            if !rings.is_empty() {
                out.push(rings);
            }
        }
        if out.is_empty()
            && let Some(terbesar) = self
                .cincin
                .iter()
                .filter_map(|p| p.first())
                .max_by_key(|r| r.len())
        {
            out.push(vec![terbesar.clone()]);
        }
        Batas {
            kode: self.kode,
            cincin: out,
        }
    }

    /// Compact JSON of the rings (`[[[[lng,lat],…]]]`), 6 decimals at most:
    /// what the store keeps.
    pub fn geometri(&self) -> String {
        let mut s = String::with_capacity(self.jumlah_titik() * 22 + 8);
        s.push('[');
        for (i, poli) in self.cincin.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push('[');
            for (j, ring) in poli.iter().enumerate() {
                if j > 0 {
                    s.push(',');
                }
                s.push('[');
                for (k, (x, y)) in ring.iter().enumerate() {
                    if k > 0 {
                        s.push(',');
                    }
                    s.push('[');
                    tulis_desimal(&mut s, *x, 6);
                    s.push(',');
                    tulis_desimal(&mut s, *y, 6);
                    s.push(']');
                }
                s.push(']');
            }
            s.push(']');
        }
        s.push(']');
        s
    }

    /// Reads what [`Batas::geometri`] wrote.
    pub fn dari_geometri(kode: KodeWilayah, teks: &str) -> Result<Batas, GeometriError> {
        let mut p = Pengurai {
            b: teks.as_bytes(),
            i: 0,
        };
        let cincin = p.daftar(|p| p.daftar(|p| p.daftar(|p| p.titik())))?;
        p.spasi();
        if p.i != p.b.len() {
            return Err(GeometriError(format!("sisa teks di posisi {}", p.i)));
        }
        Ok(Batas { kode, cincin })
    }
}

struct Pengurai<'a> {
    b: &'a [u8],
    i: usize,
}

impl Pengurai<'_> {
    fn spasi(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn harus(&mut self, c: u8) -> Result<(), GeometriError> {
        self.spasi();
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            Ok(())
        } else {
            Err(GeometriError(format!(
                "'{}' diharapkan di posisi {}",
                c as char, self.i
            )))
        }
    }

    fn daftar<T>(
        &mut self,
        mut isi: impl FnMut(&mut Self) -> Result<T, GeometriError>,
    ) -> Result<Vec<T>, GeometriError> {
        self.harus(b'[')?;
        let mut out = Vec::new();
        self.spasi();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(out);
        }
        loop {
            out.push(isi(self)?);
            self.spasi();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(out);
                }
                _ => return Err(GeometriError(format!("',' atau ']' di posisi {}", self.i))),
            }
        }
    }

    fn angka(&mut self) -> Result<f64, GeometriError> {
        self.spasi();
        let awal = self.i;
        while self.i < self.b.len()
            && matches!(
                self.b[self.i],
                b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'
            )
        {
            self.i += 1;
        }
        std::str::from_utf8(&self.b[awal..self.i])
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .ok_or_else(|| GeometriError(format!("angka diharapkan di posisi {awal}")))
    }

    fn titik(&mut self) -> Result<Titik, GeometriError> {
        self.harus(b'[')?;
        let x = self.angka()?;
        self.harus(b',')?;
        let y = self.angka()?;
        self.harus(b']')?;
        Ok((x, y))
    }
}

/// Writes `v` with at most `desimal` decimals, trailing zeros trimmed.
fn tulis_desimal(s: &mut String, v: f64, desimal: usize) {
    let awal = s.len();
    let _ = write!(s, "{v:.desimal$}");
    if s[awal..].contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if &s[awal..] == "-0" {
        s.truncate(awal);
        s.push('0');
    }
}

fn jarak_ke_garis(p: Titik, a: Titik, b: Titik) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return ((p.0 - a.0).powi(2) + (p.1 - a.1).powi(2)).sqrt();
    }
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0);
    let (qx, qy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - qx).powi(2) + (p.1 - qy).powi(2)).sqrt()
}

/// Douglas–Peucker on an open polyline: the kept points, ends included.
pub fn douglas_peucker(titik: &[Titik], toleransi: f64) -> Vec<Titik> {
    if titik.len() <= 2 {
        return titik.to_vec();
    }
    let mut simpan = vec![false; titik.len()];
    simpan[0] = true;
    simpan[titik.len() - 1] = true;
    let mut tumpuk = vec![(0usize, titik.len() - 1)];
    while let Some((a, b)) = tumpuk.pop() {
        let mut jauh = 0.0;
        let mut idx = a;
        for (i, p) in titik.iter().enumerate().take(b).skip(a + 1) {
            let d = jarak_ke_garis(*p, titik[a], titik[b]);
            if d > jauh {
                jauh = d;
                idx = i;
            }
        }
        if jauh > toleransi {
            simpan[idx] = true;
            tumpuk.push((a, idx));
            tumpuk.push((idx, b));
        }
    }
    titik
        .iter()
        .zip(simpan)
        .filter_map(|(p, s)| s.then_some(*p))
        .collect()
}

/// Douglas–Peucker on a closed ring (first point repeated last or not):
/// split at the point farthest from the first, simplify both halves.
/// The result is closed (first point repeated last).
pub fn sederhanakan_cincin(ring: &[Titik], toleransi: f64) -> Vec<Titik> {
    let mut pts: Vec<Titik> = ring.to_vec();
    if pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    if pts.len() < 3 {
        return Vec::new();
    }
    let a = pts[0];
    let (jauh, _) = pts.iter().enumerate().fold((0, 0.0), |(bi, bd), (i, p)| {
        let d = (p.0 - a.0).powi(2) + (p.1 - a.1).powi(2);
        if d > bd { (i, d) } else { (bi, bd) }
    });
    if jauh == 0 {
        return Vec::new();
    }
    let mut satu = douglas_peucker(&pts[..=jauh], toleransi);
    let mut dua_src: Vec<Titik> = pts[jauh..].to_vec();
    dua_src.push(a);
    let dua = douglas_peucker(&dua_src, toleransi);
    satu.pop();
    satu.extend(dua);
    satu
}

/// An equirectangular projection fitted to a set of shapes: x scaled by
/// cos(mean latitude), y flipped, the whole fitted into `lebar` units
/// wide with `tepi` units of padding on every side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proyeksi {
    kotak: Kotak,
    kx: f64,
    skala: f64,
    tepi: f64,
    pub lebar: f64,
    pub tinggi: f64,
}

impl Proyeksi {
    /// None when there is nothing to draw.
    pub fn muat<'a>(
        bentuk: impl IntoIterator<Item = &'a Batas>,
        lebar: f64,
        tepi: f64,
    ) -> Option<Proyeksi> {
        let mut k = Kotak::kosong();
        for b in bentuk {
            if let Some(bk) = b.kotak() {
                k.tambah((bk.min_lng, bk.min_lat));
                k.tambah((bk.max_lng, bk.max_lat));
            }
        }
        if k.min_lng > k.max_lng {
            return None;
        }
        let kx = k.tengah().1.to_radians().cos();
        let w = ((k.max_lng - k.min_lng) * kx).max(1e-9);
        let h = (k.max_lat - k.min_lat).max(1e-9);
        let dalam = (lebar - 2.0 * tepi).max(1.0);
        let skala = dalam / w;
        // Very tall regions: keep the height reasonable (at most 1.5 × width).
        let skala = skala.min(dalam * 1.5 / h);
        let tinggi = h * skala + 2.0 * tepi;
        Some(Proyeksi {
            kotak: k,
            kx,
            skala,
            tepi,
            lebar,
            tinggi,
        })
    }

    /// Degrees → screen units.
    pub fn titik(&self, (lng, lat): Titik) -> (f64, f64) {
        (
            self.tepi + (lng - self.kotak.min_lng) * self.kx * self.skala,
            self.tepi + (self.kotak.max_lat - lat) * self.skala,
        )
    }

    /// The SVG path `d` of a shape: projected, simplified to `toleransi`
    /// screen units, coordinates in tenths (first point absolute, the rest
    /// relative), each ring closed with `z`. Empty when nothing is left.
    pub fn path(&self, b: &Batas, toleransi: f64) -> String {
        let mut d = String::new();
        for poli in &b.cincin {
            for ring in poli {
                let layar: Vec<(f64, f64)> = ring.iter().map(|p| self.titik(*p)).collect();
                let s = sederhanakan_cincin(&layar, toleransi);
                let mut persepuluh: Vec<(i64, i64)> = Vec::with_capacity(s.len());
                for (x, y) in s {
                    let q = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
                    if persepuluh.last() != Some(&q) {
                        persepuluh.push(q);
                    }
                }
                if persepuluh.len() > 1 && persepuluh.first() == persepuluh.last() {
                    persepuluh.pop();
                }
                if persepuluh.len() < 3 {
                    continue;
                }
                let (x0, y0) = persepuluh[0];
                d.push('M');
                tulis_persepuluh(&mut d, x0);
                d.push(' ');
                tulis_persepuluh(&mut d, y0);
                d.push('l');
                let mut prev = (x0, y0);
                for (i, &(x, y)) in persepuluh.iter().enumerate().skip(1) {
                    let (dx, dy) = (x - prev.0, y - prev.1);
                    if i > 1 && dx >= 0 {
                        d.push(' ');
                    }
                    tulis_persepuluh(&mut d, dx);
                    if dy >= 0 {
                        d.push(' ');
                    }
                    tulis_persepuluh(&mut d, dy);
                    prev = (x, y);
                }
                d.push('z');
            }
        }
        d
    }

    /// `0 0 W H` with H rounded up to a whole unit.
    pub fn view_box(&self, tambahan_bawah: f64) -> String {
        format!(
            "0 0 {} {}",
            self.lebar.round(),
            (self.tinggi + tambahan_bawah).ceil()
        )
    }
}

/// Tenths as a decimal number: 123 → `12.3`, 120 → `12`, -5 → `-.5`.
fn tulis_persepuluh(s: &mut String, n: i64) {
    if n < 0 {
        s.push('-');
    }
    let a = n.unsigned_abs();
    let (bulat, pecahan) = (a / 10, a % 10);
    if bulat > 0 || pecahan == 0 {
        let _ = write!(s, "{bulat}");
    }
    if pecahan > 0 {
        let _ = write!(s, ".{pecahan}");
    }
}

// --- colours -----------------------------------------------------------

/// An sRGB colour, printed as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Warna(pub u8, pub u8, pub u8);

impl fmt::Display for Warna {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl Warna {
    /// Linear mix: `t` = 0 gives `self`, 1 gives `lain`.
    pub fn campur(self, lain: Warna, t: f64) -> Warna {
        let t = t.clamp(0.0, 1.0);
        let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        Warna(m(self.0, lain.0), m(self.1, lain.1), m(self.2, lain.2))
    }

    /// Relative luminance, to pick black or white text on top.
    pub fn terang(self) -> bool {
        let l = 0.2126 * self.0 as f64 + 0.7152 * self.1 as f64 + 0.0722 * self.2 as f64;
        l > 140.0
    }
}

/// The light (low) end of the sequential ramp: no data is drawn in this grey.
pub const TANPA_DATA: Warna = Warna(0xdd, 0xdd, 0xdd);

/// Nine stops of cividis (Nuñez, Anderton & Renslow 2018), dark blue to
/// yellow: perceptually uniform and readable with every colour-vision
/// deficiency, and monotone in lightness so it survives greyscale print.
const CIVIDIS: [Warna; 9] = [
    Warna(0x00, 0x22, 0x4e),
    Warna(0x12, 0x35, 0x70),
    Warna(0x3b, 0x49, 0x6c),
    Warna(0x57, 0x5d, 0x6d),
    Warna(0x70, 0x71, 0x73),
    Warna(0x8a, 0x86, 0x78),
    Warna(0xa5, 0x9c, 0x74),
    Warna(0xc3, 0xb3, 0x69),
    Warna(0xfe, 0xe8, 0x38),
];

/// The sequential ramp at `t` in 0..=1 (low = dark, high = light yellow…
/// reversed so that *more* reads as *darker*: 0 → light, 1 → dark).
pub fn berurutan(t: f64) -> Warna {
    let t = 1.0 - t.clamp(0.0, 1.0);
    let pos = t * (CIVIDIS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(CIVIDIS.len() - 2);
    CIVIDIS[i].campur(CIVIDIS[i + 1], pos - i as f64)
}

/// Okabe & Ito's eight colours, distinguishable with every common
/// colour-vision deficiency; paslon 1 gets the first, and so on.
pub const OKABE_ITO: [Warna; 8] = [
    Warna(0xe6, 0x9f, 0x00), // orange
    Warna(0x56, 0xb4, 0xe9), // sky blue
    Warna(0x00, 0x9e, 0x73), // bluish green
    Warna(0xf0, 0xe4, 0x42), // yellow
    Warna(0x00, 0x72, 0xb2), // blue
    Warna(0xd5, 0x5e, 0x00), // vermillion
    Warna(0xcc, 0x79, 0xa7), // reddish purple
    Warna(0x00, 0x00, 0x00), // black
];

/// The colour of paslon number `nomor` (1-based).
pub fn warna_paslon(nomor: u32) -> Warna {
    OKABE_ITO[(nomor.max(1) as usize - 1) % OKABE_ITO.len()]
}

/// Diverging by leader: the leader's colour, pale for a narrow margin and
/// full for a wide one (`selisih` is the margin as a share, 0..=1, and
/// reaches full strength at `penuh`, e.g. 0.3 for 30 points).
pub fn warna_pemimpin(nomor: u32, selisih: f64, penuh: f64) -> Warna {
    let t = (selisih / penuh.max(1e-9)).clamp(0.0, 1.0);
    Warna(0xf7, 0xf7, 0xf7).campur(warna_paslon(nomor), 0.25 + 0.75 * t)
}

/// A classed sequential scale: `batas` holds the upper bounds of every
/// class but the last, ascending; class i is drawn in `warna[i]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Skala {
    pub batas: Vec<f64>,
    pub warna: Vec<Warna>,
}

/// One legend row: the colour and the value range it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Kelas {
    pub warna: Warna,
    pub dari: f64,
    pub sampai: f64,
}

impl Skala {
    /// `k` classes of equal width from `min` to `max` of the values
    /// (a single class when they are all equal or there are none).
    pub fn linear(nilai: &[f64], k: usize) -> Skala {
        let (min, max) = nilai
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        let k = k.max(1);
        if min.partial_cmp(&max) != Some(std::cmp::Ordering::Less) {
            return Skala {
                batas: Vec::new(),
                warna: vec![berurutan(1.0)],
            };
        }
        let lebar = (max - min) / k as f64;
        Skala {
            batas: (1..k).map(|i| min + lebar * i as f64).collect(),
            warna: (0..k)
                .map(|i| berurutan((i as f64 + 0.5) / k as f64))
                .collect(),
        }
    }

    pub fn warna(&self, v: f64) -> Warna {
        let i = self.batas.iter().take_while(|b| v > **b).count();
        self.warna[i.min(self.warna.len() - 1)]
    }

    /// The classes with their ranges, for the legend (`min`, `max` are the
    /// data's own ends).
    pub fn kelas(&self, min: f64, max: f64) -> Vec<Kelas> {
        let mut out = Vec::with_capacity(self.warna.len());
        let mut dari = min;
        for (i, w) in self.warna.iter().enumerate() {
            let sampai = self.batas.get(i).copied().unwrap_or(max);
            out.push(Kelas {
                warna: *w,
                dari,
                sampai,
            });
            dari = sampai;
        }
        out
    }

    /// A plain-language description of the scale, for screen readers and
    /// the legend's `<desc>`.
    pub fn keterangan(&self) -> String {
        format!(
            "Skala berurutan cividis, {} kelas: makin gelap makin besar; aman bagi buta warna",
            self.warna.len()
        )
    }
}

// --- the SVG -------------------------------------------------------------

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

/// The whole choropleth: one `<path id="w-KODE" data-kode="KODE">` per
/// shape (inside `<a href>` when it links) with a `<title>`, then the
/// legend below the map. Presentation attributes only (no `style`), so
/// a strict CSP allows it.
pub fn svg(judul: &str, bentuk: &[Bentuk<'_>], legenda: &Legenda) -> String {
    let Some(proj) = Proyeksi::muat(bentuk.iter().map(|b| b.batas), LEBAR_PETA, 10.0) else {
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
        proj.view_box(tinggi_legenda)
    );
    let _ = write!(
        s,
        "<title id=\"peta-judul\">{}</title><desc id=\"peta-desc\">{}</desc>",
        xml(judul),
        xml(&legenda.keterangan)
    );
    s.push_str("<g stroke=\"#ffffff\" stroke-width=\"0.6\" stroke-linejoin=\"round\">");
    for b in bentuk {
        let d = proj.path(b.batas, TOLERANSI_LAYAR);
        if d.is_empty() {
            continue;
        }
        if let Some(h) = &b.href {
            let _ = write!(s, "<a href=\"{}\">", xml(h));
        }
        let _ = write!(
            s,
            "<path id=\"w-{k}\" data-kode=\"{k}\" fill=\"{}\" d=\"{d}\"><title>{}{}</title></path>",
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
    let y0 = (proj.tinggi + 4.0).round();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> KodeWilayah {
        KodeWilayah::parse(s).unwrap()
    }

    fn kotak(kode: &str, x0: f64, y0: f64, x1: f64, y1: f64) -> Batas {
        Batas {
            kode: k(kode),
            cincin: vec![vec![vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]],
        }
    }

    #[test]
    fn geometri_pulang_pergi() {
        let b = Batas {
            kode: k("31.71"),
            cincin: vec![
                vec![vec![
                    (106.8, -6.1),
                    (106.9, -6.1),
                    (106.9, -6.2),
                    (106.8, -6.1),
                ]],
                vec![
                    vec![(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 1.0)],
                    vec![(1.2, 1.2), (1.3, 1.2), (1.3, 1.3), (1.2, 1.2)],
                ],
            ],
        };
        let g = b.geometri();
        assert!(g.starts_with("[[[[106.8,-6.1],[106.9,-6.1]"), "{g}");
        assert_eq!(Batas::dari_geometri(b.kode, &g).unwrap(), b);
        assert!(Batas::dari_geometri(b.kode, "[[[[1,2]]]").is_err());
        assert!(Batas::dari_geometri(b.kode, "[[[[1,x]]]]").is_err());
    }

    #[test]
    fn douglas_peucker_membuang_titik_segaris() {
        let garis: Vec<Titik> = (0..=10).map(|i| (i as f64, 0.0)).collect();
        assert_eq!(douglas_peucker(&garis, 0.1), vec![(0.0, 0.0), (10.0, 0.0)]);
        let siku = vec![(0.0, 0.0), (5.0, 0.05), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(
            douglas_peucker(&siku, 0.1),
            vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]
        );
        assert_eq!(douglas_peucker(&siku, 0.01).len(), 4);
    }

    #[test]
    fn cincin_tetap_tertutup_dan_pulau_kecil_hilang() {
        let mut ring: Vec<Titik> = Vec::new();
        for i in 0..100 {
            let a = i as f64 / 100.0 * std::f64::consts::TAU;
            ring.push((a.cos() * 10.0, a.sin() * 10.0));
        }
        ring.push(ring[0]);
        let s = sederhanakan_cincin(&ring, 0.5);
        assert!(s.len() < 20 && s.len() >= 4, "{}", s.len());
        assert_eq!(s.first(), s.last());
        let b = Batas {
            kode: k("31.01"),
            cincin: vec![
                vec![ring.clone()],
                vec![vec![
                    (50.0, 50.0),
                    (50.01, 50.0),
                    (50.0, 50.01),
                    (50.0, 50.0),
                ]],
            ],
        };
        assert_eq!(b.sederhanakan(0.5).cincin.len(), 1);
    }

    #[test]
    fn proyeksi_membalik_y_dan_memakai_cos_lintang() {
        let b = kotak("31.71", 106.0, -7.0, 107.0, -6.0);
        let p = Proyeksi::muat([&b], 1000.0, 10.0).unwrap();
        let (x0, y0) = p.titik((106.0, -6.0));
        assert!((x0 - 10.0).abs() < 1e-9 && (y0 - 10.0).abs() < 1e-9);
        let (x1, y1) = p.titik((107.0, -7.0));
        assert!((x1 - 990.0).abs() < 1e-6, "{x1}");
        // a 1°×1° box near 6.5°S is taller than wide once x is scaled
        let kx = (-6.5f64).to_radians().cos();
        assert!((y1 - (10.0 + 980.0 / kx)).abs() < 1e-6, "{y1}");
        assert!((p.tinggi - (y1 + 10.0)).abs() < 1e-6);
    }

    #[test]
    fn path_dalam_persepuluh_relatif() {
        let b = kotak("31.71", 0.0, 0.0, 1.0, 1.0);
        let p = Proyeksi::muat([&b], 100.0, 0.0).unwrap();
        assert_eq!(p.path(&b, 0.5), "M0 100l100 0 0-100-100 0z");
        assert_eq!(Proyeksi::muat(std::iter::empty(), 100.0, 0.0), None);
    }

    #[test]
    fn persepuluh_ditulis_ringkas() {
        for (n, t) in [
            (123, "12.3"),
            (120, "12"),
            (-5, "-.5"),
            (0, "0"),
            (-20, "-2"),
        ] {
            let mut s = String::new();
            tulis_persepuluh(&mut s, n);
            assert_eq!(s, t);
        }
    }

    #[test]
    fn skala_berurutan_menggelap() {
        let s = Skala::linear(&[0.0, 10.0, 100.0], 5);
        assert_eq!(s.warna.len(), 5);
        assert_eq!(s.batas, vec![20.0, 40.0, 60.0, 80.0]);
        assert_eq!(s.warna(0.0), s.warna[0]);
        assert_eq!(s.warna(20.0), s.warna[0]);
        assert_eq!(s.warna(21.0), s.warna[1]);
        assert_eq!(s.warna(100.0), s.warna[4]);
        let lum = |w: Warna| w.0 as u32 + w.1 as u32 + w.2 as u32;
        for pair in s.warna.windows(2) {
            assert!(lum(pair[0]) > lum(pair[1]), "{:?}", s.warna);
        }
        let kelas = s.kelas(0.0, 100.0);
        assert_eq!((kelas[0].dari, kelas[0].sampai), (0.0, 20.0));
        assert_eq!((kelas[4].dari, kelas[4].sampai), (80.0, 100.0));
        assert!(s.keterangan().contains("buta warna"));
        assert_eq!(Skala::linear(&[5.0, 5.0], 5).warna.len(), 1);
        assert_eq!(berurutan(1.0), CIVIDIS[0]);
        assert_eq!(berurutan(0.0), CIVIDIS[8]);
    }

    #[test]
    fn warna_paslon_okabe_ito() {
        assert_eq!(warna_paslon(1).to_string(), "#e69f00");
        assert_eq!(warna_paslon(9), warna_paslon(1));
        assert_eq!(warna_pemimpin(2, 0.3, 0.3), warna_paslon(2));
        assert_ne!(warna_pemimpin(2, 0.0, 0.3), warna_paslon(2));
    }

    #[test]
    fn svg_kecil_tetap_sama() {
        let a = kotak("31.71", 106.0, -6.0, 106.5, -6.5);
        let b = kotak("31.72", 106.5, -6.0, 107.0, -6.5);
        let bentuk = [
            Bentuk {
                batas: &a,
                nama: "Jakarta <Pusat>",
                keterangan: "DPT 10".into(),
                isi: Warna(1, 2, 3),
                href: Some("/wilayah/31.71".into()),
            },
            Bentuk {
                batas: &b,
                nama: "Jakarta Utara",
                keterangan: String::new(),
                isi: TANPA_DATA,
                href: None,
            },
        ];
        let leg = Legenda {
            judul: "DPT".into(),
            keterangan: "uji".into(),
            baris: vec![(Warna(1, 2, 3), "0–10".into())],
        };
        let s = svg("Peta & uji", &bentuk, &leg);
        let expected = concat!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 573\" role=\"img\" aria-labelledby=\"peta-judul peta-desc\" font-family=\"sans-serif\">",
            "<title id=\"peta-judul\">Peta &amp; uji</title><desc id=\"peta-desc\">uji</desc>",
            "<g stroke=\"#ffffff\" stroke-width=\"0.6\" stroke-linejoin=\"round\">",
            "<a href=\"/wilayah/31.71\"><path id=\"w-31.71\" data-kode=\"31.71\" fill=\"#010203\" d=\"M10 10l490 0 0 492.9-490 0z\"><title>Jakarta &lt;Pusat&gt;: DPT 10</title></path></a>",
            "<path id=\"w-31.72\" data-kode=\"31.72\" fill=\"#dddddd\" d=\"M500 10l490 0 0 492.9-490 0z\"><title>Jakarta Utara</title></path>",
            "</g><g class=\"legenda\" font-size=\"15\" fill=\"#222222\"><text x=\"10\" y=\"533\" font-weight=\"bold\">DPT</text>",
            "<rect x=\"10\" y=\"545\" width=\"28\" height=\"18\" fill=\"#010203\" stroke=\"#555555\" stroke-width=\"0.5\"/><text x=\"46\" y=\"559\">0–10</text></g></svg>",
        );
        assert_eq!(s, expected);
        assert!(!s.contains("style"));
    }
}
