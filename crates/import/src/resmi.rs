//! The official count (hasil resmi) as the KPU publishes it per TPS: the
//! TPS, one column of votes per paslon, valid and invalid votes. Paslon
//! columns are found by their headers (`paslon_1`, `pas1`, `suara_01`,
//! `kpu_pas2`, `01` …) since every export names them its own way.

use std::collections::HashMap;
use std::path::Path;

use posko_domain::KodeTps;

use crate::cells::parse_count;
use crate::error::{FileError, Problem};
use crate::table::{Field, FieldId, Table, normalize_header};
use crate::tps::{FIELD_KODE_DESA, FIELD_KODE_TPS, FIELD_NOMOR, read_key};
use crate::wilayah::finish;
use crate::{ImportOptions, Located, Parsed};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResmiRow {
    pub tps: KodeTps,
    /// Votes per paslon, index 0 = nomor urut 1.
    pub suara: Vec<u32>,
    /// V.A as published; the paslon sum when the file has no such column.
    pub sah: u32,
    pub tidak_sah: u32,
}

static FIELDS: [Field; 5] = [
    FIELD_KODE_DESA,
    FIELD_NOMOR,
    FIELD_KODE_TPS,
    Field::optional(
        "sah",
        &[
            "sah",
            "suara_sah",
            "kpu_sah",
            "jumlah_sah",
            "jumlah_suara_sah",
        ],
    ),
    Field::optional(
        "tidak_sah",
        &[
            "tidak_sah",
            "suara_tidak_sah",
            "kpu_tidak_sah",
            "jumlah_tidak_sah",
        ],
    ),
];
const KODE_DESA: FieldId = FieldId(0);
const NOMOR: FieldId = FieldId(1);
const KODE_TPS: FieldId = FieldId(2);
const SAH: FieldId = FieldId(3);
const TIDAK_SAH: FieldId = FieldId(4);

/// The nomor urut a header names, if it is a paslon column.
pub fn nomor_paslon(header: &str) -> Option<usize> {
    let h = normalize_header(header);
    let h = h.strip_prefix("kpu_").unwrap_or(&h);
    let h = h.strip_prefix("suara_").unwrap_or(h);
    let rest = [
        "paslon_",
        "paslon",
        "pas_",
        "pas",
        "nomor_urut_",
        "no_urut_",
        "calon_",
    ]
    .iter()
    .find_map(|p| h.strip_prefix(p))
    .unwrap_or(h);
    (!rest.is_empty() && rest.len() <= 2 && rest.bytes().all(|b| b.is_ascii_digit()))
        .then(|| rest.parse::<usize>().ok())
        .flatten()
        .filter(|n| (1..=99).contains(n))
}

pub fn read_resmi(
    path: &Path,
    jumlah_paslon: usize,
    opts: &ImportOptions,
) -> Result<Parsed<ResmiRow>, FileError> {
    let mut table = Table::open(path, &FIELDS, opts)?;
    let parts = table.has(KODE_DESA) && table.has(NOMOR);
    if !parts && !table.has(KODE_TPS) {
        return Err(table.missing(KODE_TPS, " (atau kode_desa dan nomor_tps)"));
    }
    // Column index of each paslon, by nomor urut.
    let mut kolom: HashMap<usize, usize> = HashMap::new();
    for (i, h) in table.headers().iter().enumerate() {
        if let Some(n) = nomor_paslon(h) {
            kolom.entry(n).or_insert(i);
        }
    }
    let missing: Vec<String> = (1..=jumlah_paslon)
        .filter(|n| !kolom.contains_key(n))
        .map(|n| n.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(FileError::MissingColumn {
            file: table.label().to_string(),
            field: format!("suara paslon nomor urut {}", missing.join(", ")),
            accepted: "paslon_1, pas1, suara_01, kpu_pas1, 01 …".into(),
            found: table.headers().join(", "),
        });
    }
    let headers = table.headers().to_vec();
    let label = table.label().to_string();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<KodeTps, u64> = HashMap::new();
    let mut kosong = 0u64;
    let mut row_problems = Vec::new();
    while let Some(rec) = table.next_record()? {
        row_problems.clear();
        let tps = read_key(&rec, parts, &mut row_problems);
        let mut suara = Vec::with_capacity(jumlah_paslon);
        let mut blank = 0;
        for n in 1..=jumlah_paslon {
            let idx = kolom[&n];
            match parse_count(rec.column(idx).unwrap_or("")) {
                Ok(Some(v)) => suara.push(v),
                Ok(None) => blank += 1,
                Err(e) => row_problems.push(Problem {
                    file: label.clone(),
                    line: Some(rec.line()),
                    column: Some(headers[idx].clone()),
                    reason: e,
                }),
            }
        }
        // A TPS the publisher has no figures for yet: not an error.
        if blank == jumlah_paslon && row_problems.is_empty() {
            kosong += 1;
            continue;
        }
        if blank > 0 {
            row_problems.push(rec.problem(None, "sebagian kolom suara paslon kosong"));
        }
        let count = |id: FieldId, row_problems: &mut Vec<Problem>| match parse_count(rec.text(id)) {
            Ok(v) => v,
            Err(e) => {
                row_problems.push(rec.problem(Some(id), e));
                None
            }
        };
        let sah = count(SAH, &mut row_problems);
        let tidak_sah = count(TIDAK_SAH, &mut row_problems);
        if let Some(k) = tps
            && let Some(first) = seen.get(&k)
        {
            row_problems.push(rec.problem(None, format!("TPS {k} sudah ada di baris {first}")));
        }
        match tps {
            Some(tps) if row_problems.is_empty() => {
                seen.insert(tps, rec.line());
                rows.push(Located {
                    line: rec.line(),
                    value: ResmiRow {
                        sah: sah.unwrap_or_else(|| suara.iter().sum()),
                        tidak_sah: tidak_sah.unwrap_or(0),
                        suara,
                        tps,
                    },
                });
            }
            _ => problems.append(&mut row_problems),
        }
    }
    if kosong > 0 {
        table.notice(format!(
            "{kosong} TPS tanpa angka suara di berkas (belum ada data); dilewati"
        ));
    }
    Ok(finish(table, rows, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paslon_columns_are_recognised_by_their_many_names() {
        for (h, n) in [
            ("paslon_1", Some(1)),
            ("Paslon 2", Some(2)),
            ("pas1", Some(1)),
            ("kpu_pas2", Some(2)),
            ("suara_01", Some(1)),
            ("02", Some(2)),
            ("Nomor Urut 3", Some(3)),
            ("kp_pas1", None),
            ("kpu_sah", None),
            ("tps_no", None),
            ("dpt", None),
            ("paslon_0", None),
        ] {
            assert_eq!(nomor_paslon(h), n, "{h}");
        }
    }
}
