//! Region code lists: Kemendagri's full list or any one level of it.

use std::collections::HashMap;
use std::path::Path;

use posko_domain::{JenisDesa, KodeWilayah, Tingkat};

use crate::cells::parse_kode_wilayah_cell;
use crate::error::{FileError, Problem};
use crate::table::{Field, FieldId, Table};
use crate::{ImportOptions, Located, Parsed};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WilayahRow {
    pub kode: KodeWilayah,
    pub nama: String,
    /// For desa-level rows, what the code says it is (checked against a
    /// `jenis` column when the file has one).
    pub jenis_desa: Option<JenisDesa>,
}

// kode_provinsi/kode_kabkota/kode_kecamatan (per-level files) are not
// aliases of kode_induk on purpose: they skip levels, and the code itself
// already says its ancestors.
static FIELDS: [Field; 5] = [
    Field::required("kode", &["kode", "kode_wilayah", "kode_kemendagri", "id"]),
    Field::required("nama", &["nama", "name", "nama_wilayah"]),
    Field::optional("level", &["level", "tingkat"]),
    Field::optional("kode_induk", &["kode_induk", "induk", "parent"]),
    Field::optional("jenis", &["jenis"]),
];
const KODE: FieldId = FieldId(0);
const NAMA: FieldId = FieldId(1);
const LEVEL: FieldId = FieldId(2);
const INDUK: FieldId = FieldId(3);
const JENIS: FieldId = FieldId(4);

const NAMA_MAKS: usize = 100;

/// Trims and collapses inner whitespace (names pasted from PDFs and web
/// pages carry double spaces and non-breaking spaces).
pub(crate) fn clean_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn parse_jenis(s: &str) -> Option<JenisDesa> {
    match crate::table::normalize_header(s).as_str() {
        "kelurahan" => Some(JenisDesa::Kelurahan),
        "desa" => Some(JenisDesa::Desa),
        "desa_adat" => Some(JenisDesa::DesaAdat),
        _ => None,
    }
}

pub fn read_wilayah(path: &Path, opts: &ImportOptions) -> Result<Parsed<WilayahRow>, FileError> {
    let mut table = Table::open(path, &FIELDS, opts)?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<KodeWilayah, u64> = HashMap::new();
    let mut row_problems: Vec<Problem> = Vec::new();
    while let Some(rec) = table.next_record()? {
        row_problems.clear();
        let kode = match parse_kode_wilayah_cell(rec.text(KODE)) {
            Ok(k) => Some(k),
            Err(e) => {
                row_problems.push(rec.problem(Some(KODE), e));
                None
            }
        };
        let nama = clean_name(rec.text(NAMA));
        if nama.is_empty() {
            row_problems.push(rec.problem(Some(NAMA), "nama kosong"));
        } else if nama.chars().count() > NAMA_MAKS {
            row_problems.push(rec.problem(
                Some(NAMA),
                format!(
                    "nama terlalu panjang ({} karakter, maksimal {NAMA_MAKS})",
                    nama.chars().count()
                ),
            ));
        }
        let Some(kode) = kode else {
            problems.append(&mut row_problems);
            continue;
        };
        if let Some(level) = rec.get(LEVEL).filter(|s| !s.is_empty()) {
            match Tingkat::from_slug(level) {
                None => row_problems.push(rec.problem(
                    Some(LEVEL),
                    format!("tingkat '{level}' tidak dikenal; gunakan provinsi, kabkota, kecamatan atau desa"),
                )),
                Some(t) if t != kode.tingkat() => row_problems.push(rec.problem(
                    Some(LEVEL),
                    format!(
                        "tingkat '{level}' tidak cocok dengan kode {kode}, yang merupakan kode {}",
                        kode.tingkat().slug()
                    ),
                )),
                Some(_) => {}
            }
        }
        if let Some(induk) = rec.get(INDUK) {
            let expected = kode.induk();
            let reason = match (induk.is_empty(), expected) {
                (true, None) => None,
                (false, None) => Some(format!(
                    "{kode} adalah provinsi, kode induknya harus kosong (tertulis '{induk}')"
                )),
                (true, Some(e)) => Some(format!("kode induk kosong; seharusnya {e}")),
                (false, Some(e)) => match parse_kode_wilayah_cell(induk) {
                    Ok(got) if got == e => None,
                    Ok(got) => Some(format!(
                        "kode induk {got} tidak cocok: induk dari {kode} adalah {e}"
                    )),
                    Err(err) => Some(err),
                },
            };
            if let Some(r) = reason {
                row_problems.push(rec.problem(Some(INDUK), r));
            }
        }
        let jenis_desa = kode.jenis_desa();
        if let Some(jenis) = rec.get(JENIS).filter(|s| !s.is_empty()) {
            let reason = match (parse_jenis(jenis), jenis_desa) {
                (_, None) => Some(format!(
                    "jenis '{jenis}' hanya untuk desa/kelurahan, sedangkan {kode} adalah kode {}",
                    kode.tingkat().slug()
                )),
                (None, Some(_)) => Some(format!(
                    "jenis '{jenis}' tidak dikenal; gunakan kelurahan, desa atau desa_adat"
                )),
                (Some(j), Some(k)) if j != k => Some(format!(
                    "jenis '{jenis}' tidak cocok dengan kode {kode}, yang menandakan {}",
                    k.slug()
                )),
                _ => None,
            };
            if let Some(r) = reason {
                row_problems.push(rec.problem(Some(JENIS), r));
            }
        }
        if let Some(first) = seen.get(&kode) {
            row_problems.push(rec.problem(
                Some(KODE),
                format!("kode {kode} sudah ada di baris {first}"),
            ));
        }
        if !row_problems.is_empty() {
            problems.append(&mut row_problems);
            continue;
        }
        seen.insert(kode, rec.line());
        rows.push(Located {
            line: rec.line(),
            value: WilayahRow {
                kode,
                nama,
                jenis_desa,
            },
        });
    }
    Ok(finish(table, rows, problems))
}

pub(crate) fn finish<T>(
    table: Table,
    rows: Vec<Located<T>>,
    mut problems: Vec<Problem>,
) -> Parsed<T> {
    let columns = table.column_names();
    let summary = table.finish();
    problems.extend(summary.problems);
    problems.sort_by_key(|p| p.line);
    Parsed {
        rows,
        problems,
        ditandai: Vec::new(),
        notices: summary.notices,
        lines_read: summary.lines_read,
        columns,
    }
}
