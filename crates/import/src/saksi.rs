//! Lists of witnesses (saksi) as coordinators keep them: a name, a phone
//! and the TPS, in a spreadsheet. The TPS is written as KPU's 13-digit
//! kode_tps or as a desa code plus TPS number, as in TPS lists.
//!
//! Phone numbers are personal data: no problem message repeats one.

use std::collections::HashMap;
use std::path::Path;

use posko_domain::{KodeTps, Telepon};

use crate::cells::parse_kode_tps_cell;
use crate::error::{FileError, Problem};
use crate::table::{Field, FieldId, Table};
use crate::tps::{FIELD_KODE_DESA, FIELD_KODE_TPS, FIELD_NOMOR, read_key};
use crate::wilayah::{clean_name, finish};
use crate::{ImportOptions, Located, Parsed};

#[derive(Debug, Clone, PartialEq)]
pub struct SaksiRow {
    pub nama: String,
    pub telepon: Telepon,
    pub tps: KodeTps,
}

// The first three fields sit where the TPS reader expects them, so its key
// parsing (with every spelling of a TPS it accepts) is shared.
static FIELDS: [Field; 5] = [
    FIELD_KODE_DESA,
    FIELD_NOMOR,
    FIELD_KODE_TPS,
    Field::required("nama", &["nama", "nama_saksi", "nama_lengkap", "name"]),
    Field::required(
        "telepon",
        &[
            "telepon",
            "no_telepon",
            "nomor_telepon",
            "telp",
            "no_telp",
            "hp",
            "no_hp",
            "nomor_hp",
            "handphone",
            "whatsapp",
            "no_wa",
            "wa",
            "phone",
        ],
    ),
];
const NAMA: FieldId = FieldId(3);
const TELEPON: FieldId = FieldId(4);
const KODE_DESA: FieldId = FieldId(0);
const NOMOR: FieldId = FieldId(1);
const KODE_TPS: FieldId = FieldId(2);

/// Longest name kept; longer cells are almost always a pasted paragraph.
const NAMA_MAKS: usize = 100;

pub fn read_saksi(path: &Path, opts: &ImportOptions) -> Result<Parsed<SaksiRow>, FileError> {
    let mut table = Table::open(path, &FIELDS, opts)?;
    let parts = table.has(KODE_DESA) && table.has(NOMOR);
    // A lone "tps" column holds the whole 13-digit code in saksi lists.
    let nomor_is_kode = !parts && !table.has(KODE_TPS) && table.has(NOMOR);
    if !parts && !table.has(KODE_TPS) && !nomor_is_kode {
        let missing = if table.has(KODE_DESA) {
            NOMOR
        } else {
            KODE_TPS
        };
        return Err(table.missing(
            missing,
            " (kode_tps berisi 13 angka, atau kode_desa dan nomor_tps)",
        ));
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut phones: HashMap<Telepon, u64> = HashMap::new();
    let mut row_problems: Vec<Problem> = Vec::new();
    while let Some(rec) = table.next_record()? {
        row_problems.clear();
        let tps = if nomor_is_kode {
            parse_kode_tps_cell(rec.text(NOMOR))
                .map_err(|e| row_problems.push(rec.problem(Some(NOMOR), e)))
                .ok()
        } else {
            read_key(&rec, parts, &mut row_problems)
        };
        let nama = clean_name(rec.text(NAMA));
        if nama.is_empty() {
            row_problems.push(rec.problem(Some(NAMA), "nama kosong"));
        } else if nama.chars().count() > NAMA_MAKS {
            row_problems
                .push(rec.problem(Some(NAMA), format!("nama lebih dari {NAMA_MAKS} karakter")));
        }
        let telepon = match Telepon::parse(rec.text(TELEPON)) {
            Ok(t) => match phones.get(&t) {
                Some(first) => {
                    row_problems.push(rec.problem(
                        Some(TELEPON),
                        format!("nomor telepon sama dengan baris {first}"),
                    ));
                    None
                }
                None => Some(t),
            },
            Err(e) => {
                row_problems.push(rec.problem(Some(TELEPON), e.to_string()));
                None
            }
        };
        match (tps, telepon) {
            (Some(tps), Some(telepon)) if row_problems.is_empty() => {
                phones.insert(telepon.clone(), rec.line());
                rows.push(Located {
                    line: rec.line(),
                    value: SaksiRow { nama, telepon, tps },
                });
            }
            _ => problems.append(&mut row_problems),
        }
    }
    Ok(finish(table, rows, problems))
}
