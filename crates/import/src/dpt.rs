//! Voter lists (DPT): one row per voter, streamed to a sink as it is read so
//! a 35-million-row file never sits in memory. CSV, or a spreadsheet whose
//! sheets all share one layout (KPU often sends one sheet per TPS; a sheet
//! named like `TPS 003` supplies the TPS number when rows have none).

use std::collections::HashMap;
use std::path::Path;

use posko_domain::{JenisKelamin, KodeTps, NikTersamar, NomorTps, Pemilih, nama_kunci};
use time::{Date, Month};

use crate::cells::parse_nomor_tps_cell;
use crate::error::{FileError, Problem};
use crate::table::{Field, FieldId, Record, Table};
use crate::tps::{FIELD_KODE_DESA, FIELD_KODE_TPS, read_key};
use crate::{ImportOptions, Located};

/// Problems kept in full; beyond this only the count grows, so a file that
/// is wrong on every line cannot exhaust memory.
pub const MAX_PROBLEMS: usize = 1000;

static FIELDS: [Field; 11] = [
    FIELD_KODE_DESA,
    // No bare "no": in a DPT file that is the voter's row number.
    Field::optional("nomor", &["tps_no", "no_tps", "nomor_tps", "tps"]),
    FIELD_KODE_TPS,
    Field::required("nama", &["nama", "nama_lengkap", "nama_pemilih"]),
    Field::required(
        "jenis_kelamin",
        &["jenis_kelamin", "jk", "l_p", "kelamin", "gender", "sex"],
    ),
    Field::optional("usia", &["usia", "umur"]),
    Field::optional(
        "tanggal_lahir",
        &[
            "tanggal_lahir",
            "tgl_lahir",
            "tgl_lhr",
            "tanggal_lhr",
            "lahir",
        ],
    ),
    Field::optional("alamat", &["alamat", "alamat_lengkap", "jalan_dukuh"]),
    Field::optional("rt", &["rt"]),
    Field::optional("rw", &["rw"]),
    Field::optional("nik", &["nik", "nik_tersamar", "no_ktp", "nomor_nik"]),
];
const KODE_DESA: FieldId = FieldId(0);
const NOMOR: FieldId = FieldId(1);
const KODE_TPS: FieldId = FieldId(2);
const NAMA: FieldId = FieldId(3);
const JK: FieldId = FieldId(4);
const USIA: FieldId = FieldId(5);
const LAHIR: FieldId = FieldId(6);
const ALAMAT: FieldId = FieldId(7);
const RT: FieldId = FieldId(8);
const RW: FieldId = FieldId(9);
const NIK: FieldId = FieldId(10);

/// What reading a DPT file found besides its rows.
#[derive(Debug, Clone, Default)]
pub struct DptSummary {
    /// The first [`MAX_PROBLEMS`] problems, by line within each sheet.
    pub problems: Vec<Problem>,
    /// Every problem, including those not kept.
    pub problem_count: u64,
    pub notices: Vec<String>,
    /// Data rows seen, good or bad.
    pub lines_read: u64,
    /// Rows handed to the sink.
    pub rows_valid: u64,
}

impl DptSummary {
    fn push(&mut self, p: Problem) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        }
    }
}

/// Reads a DPT file and hands every good row to `sink` in file order.
/// `sink` also gets the number of problems so far, so an all-or-nothing
/// caller can stop writing at the first. `tps_ada` says whether a TPS is known; a row naming an unknown TPS is a
/// problem on its TPS column. `sink` returns false to stop early (the
/// consumer has gone); reading goes on after a bad row so every problem
/// is reported.
pub fn read_dpt(
    path: &Path,
    opts: &ImportOptions,
    tps_ada: &dyn Fn(&KodeTps) -> bool,
    mut sink: impl FnMut(Located<Pemilih>, u64) -> bool,
) -> Result<DptSummary, FileError> {
    let mut summary = DptSummary::default();
    // A spreadsheet is checked and opened once, however many sheets.
    let buku = Table::buku(path)?;
    let sheets = buku.as_ref().map_or(1, |b| b.names().len().max(1));
    let mut urut: HashMap<KodeTps, u32> = HashMap::new();
    let mut row_problems = Vec::new();
    // Stands in for a row whose TPS did not read; that row is a problem
    // and never reaches the sink.
    let bukan_tps = KodeTps::parse("1101011001001").expect("valid");
    'sheets: for index in 0..sheets {
        let mut table = match &buku {
            Some(b) => Table::open_in(b, &FIELDS, index)?,
            None => Table::open_sheet(path, &FIELDS, opts, index)?,
        };
        let parts = table.has(KODE_DESA) && table.has(NOMOR);
        let dari_lembar = if !parts && !table.has(KODE_TPS) {
            let nomor = table.sheet_name().and_then(nomor_dari_nama);
            if !table.has(KODE_DESA) || nomor.is_none() {
                let missing = if table.has(KODE_DESA) {
                    NOMOR
                } else {
                    KODE_DESA
                };
                return Err(table.missing(
                    missing,
                    " (atau satu kolom kode_tps berisi 13 angka, atau kode_desa dengan nama lembar 'TPS 001')",
                ));
            }
            nomor
        } else {
            None
        };
        if table.has(USIA) && table.has(LAHIR) {
            table.notice(format!(
                "{}: kolom usia dan tanggal lahir sama-sama ada; keduanya disimpan",
                table.label()
            ));
        }
        let tps_col = if table.has(KODE_TPS) && !parts {
            KODE_TPS
        } else {
            KODE_DESA
        };
        let mut last: Option<(KodeTps, u32)> = None;
        let mut kunci_lalu = KunciLalu::default();
        while let Some(rec) = table.next_record()? {
            row_problems.clear();
            // A file lists a TPS's voters together: the same key text as
            // the row before is the same, known TPS, not parsed again.
            let sama = dari_lembar.is_none() && kunci_lalu.sama(&rec);
            let kode = match dari_lembar {
                _ if sama => kunci_lalu.kode,
                Some(nomor) => read_desa_only(&rec, nomor, &mut row_problems),
                None => read_key(&rec, parts, &mut row_problems),
            };
            let dikenal = sama || kode.is_none_or(|k| tps_ada(&k));
            if dikenal
                && !sama
                && dari_lembar.is_none()
                && row_problems.is_empty()
                && let Some(k) = kode
            {
                kunci_lalu.ingat(&rec, k);
            }
            if !dikenal && let Some(k) = kode {
                row_problems.push(rec.problem(
                    Some(tps_col),
                    format!(
                        "TPS {k} tidak ada di basis data; impor daftar TPS terlebih dahulu (posko import tps)"
                    ),
                ));
            }
            let row = read_row(&rec, &mut row_problems, kode.unwrap_or(bukan_tps));
            match (kode, row) {
                (Some(tps), Some(mut p)) if row_problems.is_empty() => {
                    let n = match &mut last {
                        Some((k, n)) if *k == tps => {
                            *n += 1;
                            *n
                        }
                        _ => {
                            if let Some((k, n)) = last {
                                urut.insert(k, n);
                            }
                            let n = urut.get(&tps).copied().unwrap_or(0) + 1;
                            last = Some((tps, n));
                            n
                        }
                    };
                    p.urut = n;
                    summary.rows_valid += 1;
                    let loc = Located {
                        line: rec.line(),
                        value: p,
                    };
                    if !sink(loc, summary.problem_count) {
                        break 'sheets;
                    }
                }
                _ => {
                    for p in row_problems.drain(..) {
                        summary.push(p);
                    }
                }
            }
        }
        if let Some((k, n)) = last {
            urut.insert(k, n);
        }
        let t = table.finish();
        for p in t.problems {
            summary.push(p);
        }
        summary.notices.extend(t.notices);
        summary.lines_read += t.lines_read;
    }
    summary.problems.sort_by_key(|p| (p.file.clone(), p.line));
    Ok(summary)
}

/// The key cells of the last row whose TPS was read and found stored.
#[derive(Default)]
struct KunciLalu {
    kode_tps: String,
    kode_desa: String,
    nomor: String,
    kode: Option<KodeTps>,
}

impl KunciLalu {
    fn sama(&self, rec: &Record<'_>) -> bool {
        self.kode.is_some()
            && rec.text(KODE_DESA) == self.kode_desa
            && rec.text(NOMOR) == self.nomor
            && rec.text(KODE_TPS) == self.kode_tps
    }

    fn ingat(&mut self, rec: &Record<'_>, kode: KodeTps) {
        for (buf, id) in [
            (&mut self.kode_tps, KODE_TPS),
            (&mut self.kode_desa, KODE_DESA),
            (&mut self.nomor, NOMOR),
        ] {
            buf.clear();
            buf.push_str(rec.text(id));
        }
        self.kode = Some(kode);
    }
}

/// `TPS 003`, `tps-3`, `3` → 3.
fn nomor_dari_nama(name: &str) -> Option<NomorTps> {
    let digits: String = name
        .trim()
        .trim_start_matches(|c: char| {
            c.is_alphabetic() || c.is_whitespace() || c == '-' || c == '_' || c == '.'
        })
        .to_string();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    parse_nomor_tps_cell(&digits).ok()
}

fn read_desa_only(rec: &Record<'_>, nomor: NomorTps, out: &mut Vec<Problem>) -> Option<KodeTps> {
    let text = rec.text(KODE_DESA);
    match crate::cells::parse_kode_wilayah_cell(text) {
        Ok(desa) => match KodeTps::new(desa, nomor) {
            Ok(k) => Some(k),
            Err(e) => {
                out.push(rec.problem(Some(KODE_DESA), e.to_string()));
                None
            }
        },
        Err(e) => {
            out.push(rec.problem(Some(KODE_DESA), e));
            None
        }
    }
}

/// Everything but `urut`, which the caller fills in.
fn read_row(rec: &Record<'_>, out: &mut Vec<Problem>, tps: KodeTps) -> Option<Pemilih> {
    let before = out.len();
    let nama_text = rec.text(NAMA);
    if nama_text.is_empty() {
        out.push(rec.problem(Some(NAMA), "nama kosong"));
    }
    let jk = parse_jenis_kelamin(rec.text(JK))
        .map_err(|e| out.push(rec.problem(Some(JK), e)))
        .ok();
    let usia = match rec.text(USIA) {
        "" => None,
        t => match t.parse::<u8>() {
            Ok(u) if (1..=130).contains(&u) => Some(u),
            _ => {
                out.push(rec.problem(Some(USIA), format!("usia '{t}' bukan angka 1–130")));
                None
            }
        },
    };
    let lahir = match rec.text(LAHIR) {
        "" => None,
        t => parse_tanggal(t)
            .map_err(|e| out.push(rec.problem(Some(LAHIR), e)))
            .ok(),
    };
    let rt = parse_rt_rw(rec, RT, out);
    let rw = parse_rt_rw(rec, RW, out);
    let nik = match rec.text(NIK) {
        "" => None,
        t => NikTersamar::parse(t)
            .map_err(|e| out.push(rec.problem(Some(NIK), e.to_string())))
            .ok(),
    };
    if out.len() > before {
        return None;
    }
    let alamat = match rec.text(ALAMAT) {
        "" => None,
        a => Some(crate::wilayah::clean_name(a)),
    };
    Some(Pemilih {
        tps,
        urut: 0,
        nama: nama_kunci(nama_text),
        jenis_kelamin: jk?,
        tanggal_lahir: lahir,
        usia,
        alamat,
        rt,
        rw,
        nik_tersamar: nik,
    })
}

fn parse_rt_rw(rec: &Record<'_>, id: FieldId, out: &mut Vec<Problem>) -> Option<u16> {
    let t = rec.text(id);
    if t.is_empty() || t == "-" {
        return None;
    }
    match t.parse::<u16>() {
        Ok(n) if n <= 999 => Some(n),
        _ => {
            out.push(rec.problem(Some(id), format!("'{t}' bukan nomor 0–999")));
            None
        }
    }
}

/// `L`, `P`, `Laki-laki`, `Perempuan`, `LK`, `PR`.
pub fn parse_jenis_kelamin(text: &str) -> Result<JenisKelamin, String> {
    let t = text.trim();
    let eq = |s: &str| t.eq_ignore_ascii_case(s);
    if eq("L") || eq("LK") || eq("LAKI-LAKI") || eq("LAKI LAKI") || eq("LAKI") || eq("PRIA") {
        Ok(JenisKelamin::Laki)
    } else if eq("P") || eq("PR") || eq("PEREMPUAN") || eq("WANITA") {
        Ok(JenisKelamin::Perempuan)
    } else if t.is_empty() {
        Err("jenis kelamin kosong (isi L atau P)".into())
    } else {
        Err(format!("jenis kelamin '{t}' bukan L atau P"))
    }
}

/// `1990-08-25`, `25-08-1990`, `25/08/1990`, `25|08|1990`, `25.08.1990`.
pub fn parse_tanggal(text: &str) -> Result<Date, String> {
    let t = text.trim();
    let bad = || format!("tanggal lahir '{t}' tidak sah (tulis DD-MM-YYYY atau YYYY-MM-DD)");
    let b = t.as_bytes();
    let num = |s: &[u8]| -> Option<u32> {
        if s.is_empty() || s.len() > 4 || !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(s.iter().fold(0, |a, d| a * 10 + u32::from(d - b'0')))
    };
    let mut parts = b.split(|c| matches!(c, b'-' | b'/' | b'|' | b'.'));
    let (a, m, c) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(m), Some(c), None) => (a, m, c),
        _ => return Err(bad()),
    };
    let (y, d) = if a.len() == 4 {
        (num(a), num(c))
    } else if c.len() == 4 {
        (num(c), num(a))
    } else {
        return Err(bad());
    };
    let (Some(y), Some(m), Some(d)) = (y, num(m), d) else {
        return Err(bad());
    };
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(bad)?;
    if !(1900..=2100).contains(&y) {
        return Err(bad());
    }
    Date::from_calendar_date(y as i32, month, u8::try_from(d).map_err(|_| bad())?)
        .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_sexes() {
        let d = parse_tanggal("25|08|1990").unwrap();
        assert_eq!((d.year(), d.month() as u8, d.day()), (1990, 8, 25));
        assert_eq!(parse_tanggal("1990-08-25").unwrap(), d);
        assert_eq!(parse_tanggal("25/08/1990").unwrap(), d);
        assert!(parse_tanggal("32-01-1990").is_err());
        assert!(parse_tanggal("01-13-1990").is_err());
        assert!(parse_tanggal("1990").is_err());
        assert_eq!(parse_jenis_kelamin("p"), Ok(JenisKelamin::Perempuan));
        assert_eq!(parse_jenis_kelamin("Laki-laki"), Ok(JenisKelamin::Laki));
        assert!(parse_jenis_kelamin("X").is_err());
    }

    #[test]
    fn sheet_names_give_tps_numbers() {
        assert_eq!(nomor_dari_nama("TPS 003").map(|n| n.get()), Some(3));
        assert_eq!(nomor_dari_nama("7").map(|n| n.get()), Some(7));
        assert_eq!(nomor_dari_nama("Sheet1 a"), None);
    }
}
