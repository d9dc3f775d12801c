//! TPS lists: a desa code and a TPS number (or KPU's 13-digit kode_tps),
//! with DPT counts, address and coordinates where the file has them.

use std::collections::HashMap;
use std::path::Path;

use posko_domain::{Dpt, DptError, KodeTps, KodeWilayah, Tingkat};

use crate::cells::{
    parse_count, parse_kode_tps_cell, parse_kode_wilayah_cell, parse_koordinat,
    parse_nomor_tps_cell,
};
use crate::error::{FileError, Problem};
use crate::table::{Field, FieldId, Record, Table};
use crate::wilayah::{clean_name, finish};
use crate::{ImportOptions, Located, Parsed};

#[derive(Debug, Clone, PartialEq)]
pub struct TpsRow {
    pub kode: KodeTps,
    pub dpt: Dpt,
    pub alamat: Option<String>,
    /// (lat, lng), inside Indonesia.
    pub lokasi: Option<(f64, f64)>,
}

pub(crate) const FIELD_KODE_DESA: Field = Field::optional(
    "kode_desa",
    &[
        "kode_desa",
        "kode_desa_kemendagri",
        "kode_kelurahan",
        "kode_wilayah",
        "desa_kode",
    ],
);
pub(crate) const FIELD_NOMOR: Field = Field::optional(
    "nomor",
    &["tps_no", "no_tps", "nomor_tps", "tps", "nomor", "no"],
);
pub(crate) const FIELD_KODE_TPS: Field = Field::optional("kode_tps", &["kode_tps"]);

static FIELDS: [Field; 9] = [
    FIELD_KODE_DESA,
    FIELD_NOMOR,
    FIELD_KODE_TPS,
    Field::optional(
        "dpt_laki",
        &["dpt_laki", "dpt_l", "dpt_lk", "laki_laki", "l"],
    ),
    Field::optional(
        "dpt_perempuan",
        &["dpt_perempuan", "dpt_p", "dpt_pr", "perempuan", "p"],
    ),
    Field::optional(
        "dpt_total",
        &[
            "dpt_total",
            "dpt",
            "jumlah_dpt",
            "total_dpt",
            "dpt_jumlah",
            "total",
        ],
    ),
    Field::optional("alamat", &["alamat", "lokasi", "address"]),
    Field::optional("lat", &["lat", "latitude"]),
    Field::optional("lng", &["lng", "lon", "long", "longitude"]),
];
const KODE_DESA: FieldId = FieldId(0);
const NOMOR: FieldId = FieldId(1);
const KODE_TPS: FieldId = FieldId(2);
const DPT_LAKI: FieldId = FieldId(3);
const DPT_PEREMPUAN: FieldId = FieldId(4);
const DPT_TOTAL: FieldId = FieldId(5);
const ALAMAT: FieldId = FieldId(6);
const LAT: FieldId = FieldId(7);
const LNG: FieldId = FieldId(8);

/// Bounding box of Indonesia, with a little margin for outlying islands.
const LAT_RANGE: (f64, f64) = (-11.0, 6.0);
const LNG_RANGE: (f64, f64) = (94.0, 142.0);

/// Some public exports (KawalPemilu's SITUNG extract) write -1 for "no
/// data"; reading it as a negative count would reject sound TPS rows.
const NO_DATA: &str = "-1";

pub fn read_tps(path: &Path, opts: &ImportOptions) -> Result<Parsed<TpsRow>, FileError> {
    let mut table = Table::open(path, &FIELDS, opts)?;
    let parts = table.has(KODE_DESA) && table.has(NOMOR);
    if !parts && !table.has(KODE_TPS) {
        let missing = if table.has(KODE_DESA) {
            NOMOR
        } else {
            KODE_DESA
        };
        return Err(table.missing(missing, " (atau satu kolom kode_tps berisi 13 angka)"));
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<KodeTps, u64> = HashMap::new();
    let mut no_data_cells = 0u64;
    let mut row_problems: Vec<Problem> = Vec::new();
    while let Some(rec) = table.next_record()? {
        row_problems.clear();
        let kode = read_key(&rec, parts, &mut row_problems);
        let dpt = read_dpt(&rec, &mut no_data_cells, &mut row_problems);
        let lokasi = read_lokasi(&rec, &mut row_problems);
        if let Some(k) = kode
            && let Some(first) = seen.get(&k)
        {
            row_problems.push(rec.problem(None, format!("TPS {k} sudah ada di baris {first}")));
        }
        match (kode, dpt, lokasi) {
            (Some(kode), Some(dpt), Some(lokasi)) if row_problems.is_empty() => {
                seen.insert(kode, rec.line());
                let alamat = Some(rec.text(ALAMAT))
                    .filter(|a| !a.is_empty())
                    .map(clean_name);
                rows.push(Located {
                    line: rec.line(),
                    value: TpsRow {
                        kode,
                        dpt,
                        alamat,
                        lokasi,
                    },
                });
            }
            _ => problems.append(&mut row_problems),
        }
    }
    if no_data_cells > 0 {
        table.notice(format!(
            "{no_data_cells} sel DPT berisi -1 (tanda 'tidak ada data'); dianggap tidak diketahui"
        ));
    }
    Ok(finish(table, rows, problems))
}

/// The TPS of a row, from kode_tps or desa code + number (its fields must
/// sit at ids 0–2 of the caller's table).
pub(crate) fn read_key(rec: &Record<'_>, parts: bool, out: &mut Vec<Problem>) -> Option<KodeTps> {
    let kt_text = rec.get(KODE_TPS).unwrap_or("");
    let from_kt = if kt_text.is_empty() {
        None
    } else {
        match parse_kode_tps_cell(kt_text) {
            Ok(k) => Some(k),
            Err(e) => {
                out.push(rec.problem(Some(KODE_TPS), e));
                return None;
            }
        }
    };
    let (desa_text, nomor_text) = (rec.text(KODE_DESA), rec.text(NOMOR));
    let use_parts = parts && (from_kt.is_none() || !desa_text.is_empty() || !nomor_text.is_empty());
    if !use_parts {
        if from_kt.is_none() {
            out.push(rec.problem(Some(KODE_TPS), "kode TPS kosong"));
        }
        return from_kt;
    }
    let desa = read_desa(rec, desa_text, out);
    let nomor = if nomor_text.is_empty() {
        out.push(rec.problem(Some(NOMOR), "nomor TPS kosong"));
        None
    } else {
        parse_nomor_tps_cell(nomor_text)
            .map_err(|e| out.push(rec.problem(Some(NOMOR), e)))
            .ok()
    };
    let kode = KodeTps::new(desa?, nomor?).ok()?;
    if let Some(k) = from_kt
        && k != kode
    {
        out.push(rec.problem(
            Some(KODE_TPS),
            format!(
                "kode TPS {kt_text} ({k}) tidak cocok dengan kode desa {} dan nomor TPS {}",
                kode.desa(),
                kode.nomor()
            ),
        ));
        return None;
    }
    Some(kode)
}

fn read_desa(rec: &Record<'_>, text: &str, out: &mut Vec<Problem>) -> Option<KodeWilayah> {
    if text.is_empty() {
        out.push(rec.problem(Some(KODE_DESA), "kode desa kosong"));
        return None;
    }
    match parse_kode_wilayah_cell(text) {
        Ok(k) if k.tingkat() == Tingkat::Desa => Some(k),
        Ok(k) => {
            out.push(rec.problem(
                Some(KODE_DESA),
                format!(
                    "{k} adalah kode {}, bukan kode desa/kelurahan (10 angka, mis. 32.73.01.1001)",
                    k.tingkat().slug()
                ),
            ));
            None
        }
        Err(e) => {
            out.push(rec.problem(Some(KODE_DESA), e));
            None
        }
    }
}

fn read_dpt(rec: &Record<'_>, no_data: &mut u64, out: &mut Vec<Problem>) -> Option<Dpt> {
    let mut ok = true;
    let mut count = |id: FieldId| -> Option<u32> {
        let text = rec.text(id);
        if text == NO_DATA {
            *no_data += 1;
            return None;
        }
        parse_count(text)
            .map_err(|e| {
                out.push(rec.problem(Some(id), e));
                ok = false;
            })
            .ok()
            .flatten()
    };
    let (l, p, t) = (count(DPT_LAKI), count(DPT_PEREMPUAN), count(DPT_TOTAL));
    if !ok {
        return None;
    }
    Dpt::new(l, p, t)
        .map_err(|e| {
            let column = match &e {
                DptError::Absurd {
                    field: "laki-laki", ..
                } => DPT_LAKI,
                DptError::Absurd {
                    field: "perempuan", ..
                } => DPT_PEREMPUAN,
                _ => DPT_TOTAL,
            };
            // A total computed from the two sexes has no column of its own.
            let column = [column, DPT_TOTAL, DPT_LAKI]
                .into_iter()
                .find(|c| rec.get(*c).is_some_and(|s| !s.is_empty()));
            out.push(rec.problem(column, e.to_string()));
        })
        .ok()
}

/// `Some(None)`: no coordinates; `None`: a problem was recorded.
fn read_lokasi(rec: &Record<'_>, out: &mut Vec<Problem>) -> Option<Option<(f64, f64)>> {
    let lat = parse_koordinat(rec.text(LAT)).map_err(|e| out.push(rec.problem(Some(LAT), e)));
    let lng = parse_koordinat(rec.text(LNG)).map_err(|e| out.push(rec.problem(Some(LNG), e)));
    let (lat, lng) = (lat.ok()?, lng.ok()?);
    match (lat, lng) {
        (None, None) => Some(None),
        (Some(_), None) => {
            out.push(rec.problem(
                Some(LAT),
                "lintang ada tetapi bujur (lng) kosong; isi keduanya atau kosongkan keduanya",
            ));
            None
        }
        (None, Some(_)) => {
            out.push(rec.problem(
                Some(LNG),
                "bujur ada tetapi lintang (lat) kosong; isi keduanya atau kosongkan keduanya",
            ));
            None
        }
        (Some(la), Some(lo)) => {
            let inside = |v: f64, (a, b): (f64, f64)| (a..=b).contains(&v);
            if inside(la, LAT_RANGE) && inside(lo, LNG_RANGE) {
                return Some(Some((la, lo)));
            }
            let hint = if inside(lo, LAT_RANGE) && inside(la, LNG_RANGE) {
                "; lintang dan bujur tampaknya tertukar"
            } else {
                ""
            };
            out.push(rec.problem(
                Some(if inside(la, LAT_RANGE) { LNG } else { LAT }),
                format!(
                    "koordinat ({la}, {lo}) di luar Indonesia (lintang −11..6, bujur 94..142){hint}"
                ),
            ));
            None
        }
    }
}
