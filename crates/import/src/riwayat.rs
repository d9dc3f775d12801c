//! An earlier election's results per TPS (history): turnout, and the votes
//! of the candidate or party the campaign follows, for targets and for the
//! quick count's expected spread. Public per-TPS exports (KPU, KawalPemilu)
//! name their columns every way, so the "ours" column is named by the user.
//!
//! History is what was published, so a row whose figures break a rule is
//! still loaded, flagged ([`HasilLalu::ditandai`]) and named in
//! [`Parsed::ditandai`], and readers leave it out of the statistics it
//! would distort: valid + invalid votes above the DPT (legitimate when
//! voters were added on the day, DPTb/DPPh, but no longer a turnout) and
//! "ours" above the valid votes (the publisher's own data-entry error).
//! Only rows that cannot be read (no TPS code, a cell that is no number,
//! a TPS twice) are problems.

use std::collections::HashMap;
use std::path::Path;

use posko_domain::{HasilLalu, KodeTps};

use crate::cells::parse_count;
use crate::error::{FileError, Problem};
use crate::table::{Field, FieldId, Table, normalize_header};
use crate::tps::{FIELD_KODE_DESA, FIELD_KODE_TPS, FIELD_NOMOR, read_key};
use crate::wilayah::finish;
use crate::{ImportOptions, Located, Parsed};

static FIELDS: [Field; 6] = [
    FIELD_KODE_DESA,
    FIELD_NOMOR,
    FIELD_KODE_TPS,
    Field::required("dpt", &["dpt", "dpt_total", "jumlah_dpt", "total_dpt"]),
    Field::required(
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
/// More than any TPS holds (Pemilu: 300 voters, Pilkada: 600; a kelurahan
/// published as one row stays far below): a larger count is a broken cell,
/// not a figure, and would not fit the store's integer columns either.
const MAKS_ANGKA_TPS: u32 = 1_000_000;

const KODE_DESA: FieldId = FieldId(0);
const NOMOR: FieldId = FieldId(1);
const KODE_TPS: FieldId = FieldId(2);
const DPT: FieldId = FieldId(3);
const SAH: FieldId = FieldId(4);
const TIDAK_SAH: FieldId = FieldId(5);

/// Reads a history file. `kolom_kita` names the column of the votes the
/// campaign follows (e.g. `kpu_pas1`); without it only turnout is read.
pub fn read_hasil_lalu(
    path: &Path,
    kolom_kita: Option<&str>,
    opts: &ImportOptions,
) -> Result<Parsed<HasilLalu>, FileError> {
    let mut table = Table::open(path, &FIELDS, opts)?;
    let parts = table.has(KODE_DESA) && table.has(NOMOR);
    if !parts && !table.has(KODE_TPS) {
        return Err(table.missing(KODE_TPS, " (atau kode_desa dan nomor_tps)"));
    }
    let kita = match kolom_kita {
        None => None,
        Some(name) => {
            let want = normalize_header(name);
            let found = table
                .headers()
                .iter()
                .position(|h| normalize_header(h) == want);
            Some(found.ok_or_else(|| FileError::MissingColumn {
                file: table.label().to_string(),
                field: format!("suara kita ('{name}')"),
                accepted: name.to_string(),
                found: table.headers().join(", "),
            })?)
        }
    };
    let kita_name = kita.map(|i| table.headers()[i].clone());
    let label = table.label().to_string();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut row_problems = Vec::new();
    let mut seen: HashMap<KodeTps, u64> = HashMap::new();
    let mut kosong = 0u64;
    let mut tanpa_dpt = 0u64;
    let mut ditandai = Vec::new();
    while let Some(rec) = table.next_record()? {
        row_problems.clear();
        let tps = read_key(&rec, parts, &mut row_problems);
        let mut count = |id: FieldId| match parse_count(rec.text(id)).and_then(batas_tps) {
            Ok(v) => v,
            Err(e) => {
                row_problems.push(rec.problem(Some(id), e));
                None
            }
        };
        let (dpt, sah, tidak_sah) = (count(DPT), count(SAH), count(TIDAK_SAH));
        let kita = match kita.map(|i| parse_count(rec.column(i).unwrap_or("")).and_then(batas_tps))
        {
            None | Some(Ok(None)) => None,
            Some(Ok(Some(v))) => Some(v),
            Some(Err(e)) => {
                row_problems.push(Problem {
                    file: label.clone(),
                    line: Some(rec.line()),
                    column: kita_name.clone(),
                    reason: e,
                });
                None
            }
        };
        // A TPS the publisher has no figures for: not an error.
        if sah.is_none() && row_problems.is_empty() {
            kosong += 1;
            continue;
        }
        let Some(sah) = sah else {
            problems.append(&mut row_problems);
            continue;
        };
        // Published results sometimes lack a TPS's DPT: its votes still
        // count for the shares, and turnout leaves it out (DPT 0).
        let dpt = dpt.unwrap_or_else(|| {
            tanpa_dpt += 1;
            0
        });
        let tidak_sah = tidak_sah.unwrap_or(0);
        let mut tanda = Vec::new();
        if dpt > 0 && u64::from(sah) + u64::from(tidak_sah) > u64::from(dpt) {
            tanda.push(rec.problem(
                Some(SAH),
                format!(
                    "suara sah + tidak sah ({}) melebihi DPT ({dpt}); dimuat, tidak dipakai untuk partisipasi dan target",
                    u64::from(sah) + u64::from(tidak_sah)
                ),
            ));
        }
        if let Some(k) = kita
            && k > sah
        {
            tanda.push(Problem {
                file: label.clone(),
                line: Some(rec.line()),
                column: kita_name.clone(),
                reason: format!(
                    "suara kita ({k}) melebihi suara sah ({sah}); dimuat, tidak dipakai untuk partisipasi dan target"
                ),
            });
        }
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
                    value: HasilLalu {
                        tps,
                        dpt,
                        sah,
                        tidak_sah,
                        kita,
                        ditandai: !tanda.is_empty(),
                    },
                });
                ditandai.append(&mut tanda);
            }
            _ => problems.append(&mut row_problems),
        }
    }
    if tanpa_dpt > 0 {
        table.notice(format!(
            "{tanpa_dpt} TPS tanpa DPT: suaranya dipakai, partisipasinya tidak"
        ));
    }
    if kosong > 0 {
        table.notice(format!(
            "{kosong} TPS tanpa angka suara sah di berkas; dilewati"
        ));
    }
    let mut parsed = finish(table, rows, problems);
    parsed.ditandai = ditandai;
    Ok(parsed)
}

/// Refuses a count no TPS can have ([`MAKS_ANGKA_TPS`]).
fn batas_tps(v: Option<u32>) -> Result<Option<u32>, String> {
    match v {
        Some(n) if n > MAKS_ANGKA_TPS => Err(format!(
            "{n} terlalu besar untuk satu TPS (paling banyak {MAKS_ANGKA_TPS})"
        )),
        other => Ok(other),
    }
}
