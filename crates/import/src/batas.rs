//! Boundary files: a GeoJSON FeatureCollection whose features carry the
//! Kemendagri code in `properties.kode` and a Polygon or MultiPolygon
//! geometry. Read as a stream: one feature is parsed at a time, checked,
//! simplified lightly and kept; a bad feature becomes a problem naming its
//! index, the others go on.
//!
//! A feature is parsed whole (a JSON value takes about six times its text
//! in memory), so no single feature, and no other value of the file, may
//! be longer than [`FITUR_BYTE_MAKS`]: the bytes read since the last
//! feature (or key) began are counted under the parser and reading stops
//! past the ceiling, before the value is built.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use posko_domain::KodeWilayah;
use posko_domain::peta::{Batas, Titik};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::error::{FileError, Problem};
use crate::pagu::{FITUR_BYTE_MAKS, ukuran};

/// How far the JSON reader's buffer may run ahead of the value it parses.
const BUFFER_JSON: u64 = 1 << 16;

/// The counting reader's error: a value past [`FITUR_BYTE_MAKS`].
#[derive(Debug)]
struct FiturBesar;

impl fmt::Display for FiturBesar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lebih dari {}", ukuran(FITUR_BYTE_MAKS))
    }
}

impl std::error::Error for FiturBesar {}

/// Counts bytes under the JSON parser; fails once the value in progress
/// (from the last checkpoint) passes the ceiling.
struct Hitung<R> {
    inner: R,
    pos: Rc<Cell<u64>>,
    mulai: Rc<Cell<u64>>,
}

impl<R: Read> Read for Hitung<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let pos = self.pos.get() + n as u64;
        self.pos.set(pos);
        if pos - self.mulai.get().min(pos) > FITUR_BYTE_MAKS + BUFFER_JSON {
            return Err(io::Error::new(io::ErrorKind::InvalidData, FiturBesar));
        }
        Ok(n)
    }
}

/// Light simplification at import, in degrees (about 5 m): drops the
/// points no map will ever show while keeping every shape recognisable.
pub const TOLERANSI_IMPOR: f64 = 0.00005;

/// One feature that read well.
#[derive(Debug, Clone, PartialEq)]
pub struct BatasRow {
    /// 0-based position in `features`.
    pub indeks: usize,
    pub nama: String,
    pub batas: Batas,
    /// The label point (the file's `lat`/`lng`, else the box's centre).
    pub lat: f64,
    pub lng: f64,
}

/// What a boundary file held.
#[derive(Debug, Clone, Default)]
pub struct BatasFile {
    pub rows: Vec<BatasRow>,
    pub problems: Vec<Problem>,
    /// Features seen, good or bad.
    pub features_read: u64,
    /// Points before and after the light simplification.
    pub titik_asli: u64,
    pub titik_simpan: u64,
}

/// Reads a GeoJSON FeatureCollection of boundaries.
pub fn read_batas(path: &Path) -> Result<BatasFile, FileError> {
    let file = File::open(path).map_err(|cause| FileError::Open {
        path: path.to_path_buf(),
        cause,
    })?;
    let label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let pos = Rc::new(Cell::new(0));
    let mulai = Rc::new(Cell::new(0));
    let mut out = Kumpul {
        label: label.clone(),
        file: BatasFile::default(),
        seen: HashMap::new(),
        pos: pos.clone(),
        mulai: mulai.clone(),
        fitur: None,
    };
    let hitung = Hitung {
        inner: file,
        pos,
        mulai,
    };
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(
        BUFFER_JSON as usize,
        hitung,
    ));
    let hasil = KoleksiSeed(&mut out)
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|_| v));
    let ada_fitur = match hasil {
        Ok(v) => v,
        Err(e) => {
            let line = Some(e.line() as u64);
            let pesan = e.to_string();
            let besar = e.is_io() && {
                let io: io::Error = e.into();
                io.get_ref().is_some_and(|r| r.is::<FiturBesar>())
            };
            if besar {
                let apa = match out.fitur {
                    Some(i) => format!("fitur ke-{} (features[{i}])", i + 1),
                    None => "satu nilai di luar \"features\"".to_string(),
                };
                return Err(FileError::Limit {
                    file: label,
                    line,
                    reason: format!(
                        "{apa} lebih dari {} (batas satu fitur); sederhanakan batasnya atau pecah berkasnya",
                        ukuran(FITUR_BYTE_MAKS)
                    ),
                });
            }
            return Err(FileError::Read {
                file: label.clone(),
                line,
                cause: std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("bukan GeoJSON yang sah: {pesan}"),
                ),
            });
        }
    };
    if !ada_fitur {
        return Err(FileError::Read {
            file: label,
            line: None,
            cause: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "bukan FeatureCollection: tidak ada daftar \"features\"",
            ),
        });
    }
    Ok(out.file)
}

struct Kumpul {
    label: String,
    file: BatasFile,
    seen: HashMap<KodeWilayah, usize>,
    /// Bytes read so far, and where the value being parsed began.
    pos: Rc<Cell<u64>>,
    mulai: Rc<Cell<u64>>,
    /// The feature being parsed, for a message naming it.
    fitur: Option<usize>,
}

impl Kumpul {
    /// A new value begins here: the ceiling counts from now.
    fn titik(&mut self, fitur: Option<usize>) {
        self.mulai.set(self.pos.get());
        self.fitur = fitur;
    }

    fn masalah(&mut self, indeks: usize, reason: String) {
        self.file.problems.push(Problem {
            file: self.label.clone(),
            line: None,
            column: None,
            reason: format!("fitur ke-{} (features[{indeks}]): {reason}", indeks + 1),
        });
    }

    fn fitur(&mut self, indeks: usize, v: Value) {
        self.file.features_read += 1;
        match baca_fitur(indeks, v) {
            Ok((row, asli)) => {
                if let Some(prev) = self.seen.insert(row.batas.kode, indeks) {
                    self.masalah(
                        indeks,
                        format!(
                            "kode {} sudah dipakai fitur ke-{}",
                            row.batas.kode,
                            prev + 1
                        ),
                    );
                    return;
                }
                self.file.titik_asli += asli as u64;
                self.file.titik_simpan += row.batas.jumlah_titik() as u64;
                self.file.rows.push(row);
            }
            Err(reason) => self.masalah(indeks, reason),
        }
    }
}

fn baca_fitur(indeks: usize, v: Value) -> Result<(BatasRow, usize), String> {
    let props = v
        .get("properties")
        .and_then(Value::as_object)
        .ok_or("tidak ada \"properties\"")?;
    let kode_teks = match props.get("kode") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err("properti \"kode\" tidak ada".into()),
    };
    let kode = KodeWilayah::parse(kode_teks.trim())
        .map_err(|e| format!("kode '{kode_teks}' tidak sah: {e}"))?;
    let nama = props
        .get("nama")
        .and_then(Value::as_str)
        .map(crate::wilayah::clean_name)
        .unwrap_or_default();
    let geom = v
        .get("geometry")
        .filter(|g| !g.is_null())
        .ok_or_else(|| format!("{kode}: tidak ada geometri"))?;
    let jenis = geom.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = geom
        .get("coordinates")
        .ok_or_else(|| format!("{kode}: geometri tanpa \"coordinates\""))?;
    let cincin = match jenis {
        "Polygon" => vec![poligon(coords).map_err(|e| format!("{kode}: {e}"))?],
        "MultiPolygon" => coords
            .as_array()
            .ok_or_else(|| format!("{kode}: MultiPolygon harus berupa daftar poligon"))?
            .iter()
            .map(poligon)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("{kode}: {e}"))?,
        other => {
            return Err(format!(
                "{kode}: jenis geometri '{other}' tidak didukung; gunakan Polygon atau MultiPolygon"
            ));
        }
    };
    if cincin.is_empty() {
        return Err(format!("{kode}: geometri kosong"));
    }
    let asli = Batas { kode, cincin };
    let jumlah = asli.jumlah_titik();
    let batas = asli.sederhanakan(TOLERANSI_IMPOR);
    let tengah = batas.kotak().map(|k| k.tengah()).unwrap_or((0.0, 0.0));
    let lat = props
        .get("lat")
        .and_then(Value::as_f64)
        .filter(|v| (-90.0..=90.0).contains(v))
        .unwrap_or(tengah.1);
    let lng = props
        .get("lng")
        .and_then(Value::as_f64)
        .filter(|v| (-180.0..=180.0).contains(v))
        .unwrap_or(tengah.0);
    Ok((
        BatasRow {
            indeks,
            nama,
            batas,
            lat,
            lng,
        },
        jumlah,
    ))
}

fn poligon(v: &Value) -> Result<Vec<Vec<Titik>>, String> {
    let rings = v.as_array().ok_or("poligon harus berupa daftar cincin")?;
    if rings.is_empty() {
        return Err("poligon tanpa cincin".into());
    }
    rings
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let pts = r
                .as_array()
                .ok_or_else(|| format!("cincin {i} bukan daftar titik"))?;
            let ring = pts
                .iter()
                .map(|p| {
                    let a = p.as_array().filter(|a| a.len() >= 2);
                    let xy = a.and_then(|a| Some((a[0].as_f64()?, a[1].as_f64()?)));
                    match xy {
                        Some((x, y))
                            if (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y) =>
                        {
                            Ok((x, y))
                        }
                        _ => Err(format!("cincin {i}: titik {p} bukan [bujur, lintang]")),
                    }
                })
                .collect::<Result<Vec<Titik>, String>>()?;
            if ring.len() < 4 {
                return Err(format!(
                    "cincin {i} hanya {} titik (minimal 4, tertutup)",
                    ring.len()
                ));
            }
            Ok(ring)
        })
        .collect()
}

/// The top-level object: `features` is streamed, everything else skipped.
/// Returns whether a `features` list was seen.
struct KoleksiSeed<'a>(&'a mut Kumpul);

impl<'de> DeserializeSeed<'de> for KoleksiSeed<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for KoleksiSeed<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut ada = false;
        loop {
            self.0.titik(None);
            let Some(key) = map.next_key::<String>()? else {
                break;
            };
            self.0.titik(None);
            if key == "features" {
                map.next_value_seed(FiturSeed(&mut *self.0))?;
                ada = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(ada)
    }
}

struct FiturSeed<'a>(&'a mut Kumpul);

impl<'de> DeserializeSeed<'de> for FiturSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FiturSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of features")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            self.0.titik(Some(i));
            let Some(v) = seq.next_element::<Value>()? else {
                break;
            };
            self.0.fitur(i, v);
            i += 1;
        }
        self.0.titik(None);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn tulis(isi: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::Builder::new()
            .suffix(".geojson")
            .tempfile()
            .unwrap();
        f.write_all(isi.as_bytes()).unwrap();
        f
    }

    #[test]
    fn fitur_rusak_dilaporkan_dengan_indeks() {
        let f = tulis(
            r#"{"type":"FeatureCollection","name":"x","features":[
            {"type":"Feature","properties":{"kode":"31.71","nama":"Jakarta  Pusat","lat":-6.18,"lng":106.83},
             "geometry":{"type":"Polygon","coordinates":[[[106.8,-6.1],[106.9,-6.1],[106.9,-6.2],[106.8,-6.1]]]}},
            {"type":"Feature","properties":{"kode":"31.7x"},"geometry":null},
            {"type":"Feature","properties":{"kode":"31.72"},"geometry":{"type":"Point","coordinates":[1,2]}},
            {"type":"Feature","properties":{"kode":"31.73"},"geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4]]]}},
            {"type":"Feature","properties":{"kode":"31.71"},"geometry":{"type":"MultiPolygon","coordinates":[[[[106.8,-6.1],[106.9,-6.1],[106.9,-6.2],[106.8,-6.1]]]]}}
            ]}"#,
        );
        let b = read_batas(f.path()).unwrap();
        assert_eq!(b.features_read, 5);
        assert_eq!(b.rows.len(), 1);
        assert_eq!(b.rows[0].nama, "Jakarta Pusat");
        assert_eq!(b.rows[0].lat, -6.18);
        let p: Vec<String> = b.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(
            p[0].contains("features[1]") && p[0].contains("31.7x"),
            "{}",
            p[0]
        );
        assert!(
            p[1].contains("features[2]") && p[1].contains("Point"),
            "{}",
            p[1]
        );
        assert!(
            p[2].contains("features[3]") && p[2].contains("minimal 4"),
            "{}",
            p[2]
        );
        assert!(
            p[3].contains("features[4]") && p[3].contains("sudah dipakai"),
            "{}",
            p[3]
        );
    }

    #[test]
    fn bukan_geojson() {
        let f = tulis(r#"{"type":"Feature"}"#);
        assert!(read_batas(f.path()).is_err());
        let f = tulis(r#"{"features":[1,2"#);
        let e = read_batas(f.path()).unwrap_err().to_string();
        assert!(e.contains("GeoJSON"), "{e}");
    }
}
