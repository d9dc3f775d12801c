//! Geometry: boundaries as multipolygons, their compact stored form,
//! Douglas–Peucker simplification and the projection into SVG units.

use std::fmt::Write as _;

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
    pub(crate) fn tambah(&mut self, (x, y): Titik) {
        self.min_lng = self.min_lng.min(x);
        self.max_lng = self.max_lng.max(x);
        self.min_lat = self.min_lat.min(y);
        self.max_lat = self.max_lat.max(y);
    }

    pub(crate) fn kosong() -> Kotak {
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
    /// Where the projection's top-left corner sits on the page (non-zero
    /// for an inset box).
    geser: (f64, f64),
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
            geser: (0.0, 0.0),
            lebar,
            tinggi,
        })
    }

    /// Fitted into the box `x, y, lebar × tinggi` (whichever side binds),
    /// centred in it; `kx` is taken from the main map so both are drawn
    /// with the same east–west stretch.
    pub fn muat_kotak<'a>(
        bentuk: impl IntoIterator<Item = &'a Batas>,
        (x, y, lebar, tinggi): (f64, f64, f64, f64),
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
        let skala = ((lebar - 2.0 * tepi) / w)
            .min((tinggi - 2.0 * tepi) / h)
            .max(1e-9);
        Some(Proyeksi {
            kotak: k,
            kx,
            skala,
            tepi,
            geser: (
                x + (lebar - w * skala - 2.0 * tepi) / 2.0,
                y + (tinggi - h * skala - 2.0 * tepi) / 2.0,
            ),
            lebar,
            tinggi,
        })
    }

    /// Screen units → degrees: the inverse of [`Proyeksi::titik`].
    pub fn balik(&self, (x, y): (f64, f64)) -> Titik {
        (
            self.kotak.min_lng + (x - self.geser.0 - self.tepi) / (self.kx * self.skala),
            self.kotak.max_lat - (y - self.geser.1 - self.tepi) / self.skala,
        )
    }

    /// The box a set of shapes fills under this projection, in screen
    /// units: (x0, y0, x1, y1).
    pub fn kotak_layar(&self, k: &Kotak) -> (f64, f64, f64, f64) {
        let (x0, y0) = self.titik((k.min_lng, k.max_lat));
        let (x1, y1) = self.titik((k.max_lng, k.min_lat));
        (x0, y0, x1, y1)
    }

    /// Degrees → screen units.
    pub fn titik(&self, (lng, lat): Titik) -> (f64, f64) {
        (
            self.geser.0 + self.tepi + (lng - self.kotak.min_lng) * self.kx * self.skala,
            self.geser.1 + self.tepi + (self.kotak.max_lat - lat) * self.skala,
        )
    }

    /// The SVG path `d` of a shape: projected, simplified to `toleransi`
    /// screen units, coordinates rounded to whole units (a 1000-unit map is
    /// drawn at 1–2 px per unit, so finer digits add bytes, not detail;
    /// first point absolute, the rest relative), each ring closed with
    /// `z`. Empty when nothing is left.
    pub fn path(&self, b: &Batas, toleransi: f64) -> String {
        let mut d = String::new();
        for poli in &b.cincin {
            for ring in poli {
                let layar: Vec<(f64, f64)> = ring.iter().map(|p| self.titik(*p)).collect();
                let s = sederhanakan_cincin(&layar, toleransi);
                let mut bulat: Vec<(i64, i64)> = Vec::with_capacity(s.len());
                for (x, y) in s {
                    let q = (x.round() as i64, y.round() as i64);
                    if bulat.last() != Some(&q) {
                        bulat.push(q);
                    }
                }
                if bulat.len() > 1 && bulat.first() == bulat.last() {
                    bulat.pop();
                }
                if bulat.len() < 3 {
                    continue;
                }
                let (x0, y0) = bulat[0];
                let _ = write!(d, "M{x0} {y0}l");
                let mut prev = (x0, y0);
                for (i, &(x, y)) in bulat.iter().enumerate().skip(1) {
                    let (dx, dy) = (x - prev.0, y - prev.1);
                    // A minus sign separates numbers by itself.
                    if i > 1 && dx >= 0 {
                        d.push(' ');
                    }
                    let _ = write!(d, "{dx}");
                    if dy >= 0 {
                        d.push(' ');
                    }
                    let _ = write!(d, "{dy}");
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
