//! Mutasi rekening: the RKDK's bank statement, read from the CSV a bank's
//! internet banking exports, and reconciled against the ledger.
//!
//! Two shapes are read, told apart by their header row (the lines above
//! it, where banks put the account number and period, are skipped):
//! - "Tanggal,Keterangan,Cabang,Jumlah,,Saldo" ([`BentukMutasi::JumlahCrDb`]):
//!   one amount column written "1,500,000.00", its direction in the
//!   unnamed fifth column or after the amount ("1,500,000.00 CR"); dates
//!   "06/12/2026" or, without a year, "06/12" (the year is then the
//!   caller's, from the statement's period); a "PEND" date (pending, not
//!   yet booked) is refused. Rows from "Saldo Awal", "Mutasi Debet" and
//!   the like onward are the summary and end the table.
//! - "Tanggal,Keterangan,Debet,Kredit,Saldo" ([`BentukMutasi::DebetKredit`]):
//!   amounts "1.500.000,00" in the column of their direction; dates
//!   "06-Des-2026" or "6 Desember 2026" (Indonesian or English month
//!   names, full or short).
//!
//! Nothing is returned from a statement with any bad row: a partial
//! statement would reconcile wrongly without saying so. Every bad row is
//! named instead, by line, column and text.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, Month};
use uuid::Uuid;

use super::buku::{Arah, BentukDana, Entri, Rekening};
use super::uang::{Uang, UangError};

/// Which export shape a statement has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BentukMutasi {
    JumlahCrDb,
    DebetKredit,
}

/// One booked line of the statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarisMutasi {
    /// Line in the file (1-based), for pointing back at it.
    pub baris: usize,
    pub tanggal: Date,
    pub keterangan: String,
    /// Kredit is money in (a receipt), debet money out.
    pub arah: Arah,
    /// Always positive; the direction says which way.
    pub nilai: Uang,
    pub saldo: Option<Uang>,
}

impl BarisMutasi {
    fn bertanda(&self) -> i128 {
        match self.arah {
            Arah::Penerimaan => i128::from(self.nilai.sen()),
            Arah::Pengeluaran => -i128::from(self.nilai.sen()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mutasi {
    pub bentuk: BentukMutasi,
    pub baris: Vec<BarisMutasi>,
}

/// One thing wrong with a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub struct GalatMutasi {
    pub baris: usize,
    /// The column's name as in the header ("Jumlah", "Tanggal"…), or
    /// "kepala" / "baris" for the header or the row as a whole.
    pub kolom: String,
    pub teks: String,
    pub pesan: String,
}

impl fmt::Display for GalatMutasi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "baris {}, kolom {}: '{}' — {}",
            self.baris, self.kolom, self.teks, self.pesan
        )
    }
}

fn galat(baris: usize, kolom: &str, teks: &str, pesan: impl Into<String>) -> GalatMutasi {
    GalatMutasi {
        baris,
        kolom: kolom.to_string(),
        teks: teks.to_string(),
        pesan: pesan.into(),
    }
}

/// Splits CSV text into rows of fields, each with the line it starts on.
/// Quoted fields may hold the separator, doubled quotes and line breaks.
fn pecah_csv(teks: &str, pemisah: char) -> Result<Vec<(usize, Vec<String>)>, GalatMutasi> {
    let mut out = Vec::new();
    let mut rekaman = Vec::new();
    let mut medan = String::new();
    let (mut baris, mut awal) = (1, 1);
    let mut kutip = false;
    let mut cs = teks.chars().peekable();
    while let Some(c) = cs.next() {
        if kutip {
            match c {
                '"' if cs.peek() == Some(&'"') => {
                    cs.next();
                    medan.push('"');
                }
                '"' => kutip = false,
                '\n' => {
                    baris += 1;
                    medan.push(c);
                }
                c => medan.push(c),
            }
            continue;
        }
        match c {
            '"' if medan.trim().is_empty() => {
                medan.clear();
                kutip = true;
            }
            c if c == pemisah => rekaman.push(std::mem::take(&mut medan)),
            '\r' if cs.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                rekaman.push(std::mem::take(&mut medan));
                out.push((awal, std::mem::take(&mut rekaman)));
                baris += 1;
                awal = baris;
            }
            c => medan.push(c),
        }
    }
    if kutip {
        return Err(galat(
            awal,
            "baris",
            "\"",
            "tanda kutip dibuka tetapi tidak ditutup",
        ));
    }
    if !medan.is_empty() || !rekaman.is_empty() {
        rekaman.push(medan);
        out.push((awal, rekaman));
    }
    Ok(out)
}

fn normal(s: &str) -> String {
    s.trim()
        .trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
}

/// The shape a header row names, if any. Trailing empty columns (from a
/// spreadsheet's padding) are ignored.
fn kenali(kepala: &[String]) -> Option<BentukMutasi> {
    let mut k: Vec<String> = kepala.iter().map(|s| normal(s)).collect();
    while k.last().is_some_and(|s| s.is_empty()) {
        k.pop();
    }
    let k: Vec<&str> = k.iter().map(String::as_str).collect();
    match k.as_slice() {
        ["tanggal", "keterangan", "cabang", "jumlah", _, "saldo"] => Some(BentukMutasi::JumlahCrDb),
        [
            "tanggal",
            "keterangan",
            "debet" | "debit",
            "kredit",
            "saldo",
        ] => Some(BentukMutasi::DebetKredit),
        _ => None,
    }
}

const BULAN: [(&[&str], Month); 12] = [
    (&["jan", "januari", "january"], Month::January),
    (
        &["feb", "februari", "pebruari", "february"],
        Month::February,
    ),
    (&["mar", "maret", "march"], Month::March),
    (&["apr", "april"], Month::April),
    (&["mei", "may"], Month::May),
    (&["jun", "juni", "june"], Month::June),
    (&["jul", "juli", "july"], Month::July),
    (
        &["agu", "agt", "ags", "agus", "agustus", "aug", "august"],
        Month::August,
    ),
    (&["sep", "sept", "september"], Month::September),
    (&["okt", "oktober", "oct", "october"], Month::October),
    (&["nov", "nopember", "november"], Month::November),
    (&["des", "desember", "dec", "december"], Month::December),
];

fn bulan(s: &str) -> Option<Month> {
    let s = s.trim_end_matches('.').to_lowercase();
    if let Ok(n) = s.parse::<u8>() {
        return Month::try_from(n).ok();
    }
    BULAN
        .iter()
        .find(|(nama, _)| nama.contains(&s.as_str()))
        .map(|(_, m)| *m)
}

/// "06/12/2026", "06/12" (year from `tahun`), "06-Des-2026",
/// "6 Desember 2026", "2026-12-06". Days first, as Indonesian banks write.
fn baca_tanggal(s: &str, tahun: Option<i32>) -> Result<Date, &'static str> {
    let s = s.trim().trim_start_matches('\'');
    if s.eq_ignore_ascii_case("pend") {
        return Err("transaksi tertunda (PEND) belum dibukukan bank");
    }
    let bagian: Vec<&str> = s
        .split(['/', '-', ' ', '.'])
        .filter(|b| !b.is_empty())
        .collect();
    let (h, b, t) = match bagian.as_slice() {
        [t, b, h] if t.len() == 4 => (*h, *b, *t),
        [h, b, t] => (*h, *b, *t),
        [h, b] => match tahun {
            Some(_) => (*h, *b, ""),
            None => return Err("tahun tidak ada"),
        },
        _ => return Err("tanggal tidak terbaca: tulis hari, bulan, tahun"),
    };
    let hari: u8 = h.parse().map_err(|_| "hari bukan angka")?;
    let bulan = bulan(b).ok_or("bulan tidak dikenal")?;
    let tahun = if t.is_empty() {
        tahun.expect("diperiksa")
    } else {
        let n: i32 = t.parse().map_err(|_| "tahun bukan angka")?;
        match t.len() {
            2 => 2000 + n,
            4 => n,
            _ => return Err("tahun harus dua atau empat angka"),
        }
    };
    Date::from_calendar_date(tahun, bulan, hari).map_err(|_| "tanggal tidak ada di kalender")
}

fn baca_nilai(s: &str) -> Result<Uang, String> {
    let u = Uang::parse(s).map_err(|e| match e {
        UangError::TidakTerbaca { alasan, .. } => alasan.to_string(),
        e => e.to_string(),
    })?;
    if u.negatif() {
        return Err("jumlah tidak boleh bertanda minus; arah ditulis di kolomnya".into());
    }
    Ok(u)
}

fn baca_saldo(s: &str) -> Result<Option<Uang>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    // A saldo may end "CR"/"DB" too; a DB saldo is an overdraft.
    let (angka, minus) = pisah_crdb(s);
    let u = Uang::parse(angka).map_err(|e| e.to_string())?;
    Ok(Some(if minus == Some(Arah::Pengeluaran) {
        u.negasi().map_err(|e| e.to_string())?
    } else {
        u
    }))
}

/// "1,500,000.00 CR" → ("1,500,000.00", Some(Penerimaan)).
fn pisah_crdb(s: &str) -> (&str, Option<Arah>) {
    let s = s.trim();
    let n = s.len();
    if n >= 2 && s.is_char_boundary(n - 2) {
        let akhir = &s[n - 2..];
        let arah = if akhir.eq_ignore_ascii_case("cr") {
            Some(Arah::Penerimaan)
        } else if akhir.eq_ignore_ascii_case("db") {
            Some(Arah::Pengeluaran)
        } else {
            None
        };
        if arah.is_some() {
            return (s[..n - 2].trim_end(), arah);
        }
    }
    (s, None)
}

fn ringkasan(medan: &str) -> bool {
    let m = normal(medan);
    [
        "saldo awal",
        "saldo akhir",
        "mutasi debet",
        "mutasi debit",
        "mutasi kredit",
        "total",
        "jumlah",
    ]
    .iter()
    .any(|r| m.starts_with(r))
}

/// Reads an RKDK statement. `tahun` is the year for dates written
/// without one (the "06/12" of some exports).
pub fn baca_mutasi(teks: &str, tahun: i32) -> Result<Mutasi, Vec<GalatMutasi>> {
    let teks = teks.trim_start_matches('\u{feff}');
    // The separator is the one that makes a known header of some line
    // (spreadsheets saved in an Indonesian locale write ';').
    let pemisah = teks
        .lines()
        .find_map(|l| {
            [',', ';', '\t'].into_iter().find(|p| {
                let medan: Vec<String> = l
                    .split(*p)
                    .map(|m| m.trim().trim_matches('"').to_string())
                    .collect();
                kenali(&medan).is_some()
            })
        })
        .unwrap_or(',');
    let rekaman = pecah_csv(teks, pemisah).map_err(|g| vec![g])?;
    baca_baris_mutasi(&rekaman, pemisah, tahun)
}

/// Reads an RKDK statement already split into rows, each with the line
/// (or sheet row) it came from: what a spreadsheet's reader hands over.
/// `pemisah` only joins a bad row's cells back for its message.
pub fn baca_baris_mutasi(
    rekaman: &[(usize, Vec<String>)],
    pemisah: char,
    tahun: i32,
) -> Result<Mutasi, Vec<GalatMutasi>> {
    let Some((i_kepala, bentuk)) = rekaman
        .iter()
        .enumerate()
        .find_map(|(i, (_, r))| kenali(r).map(|b| (i, b)))
    else {
        let pertama = rekaman
            .iter()
            .find(|(_, r)| r.iter().any(|m| !m.trim().is_empty()));
        return Err(vec![galat(
            pertama.map_or(1, |(b, _)| *b),
            "kepala",
            &pertama
                .map(|(_, r)| r.join(&pemisah.to_string()))
                .unwrap_or_default(),
            "kepala kolom tidak dikenal: harus \"Tanggal,Keterangan,Cabang,Jumlah,,Saldo\" \
             atau \"Tanggal,Keterangan,Debet,Kredit,Saldo\"",
        )]);
    };
    let kepala: Vec<String> = rekaman[i_kepala]
        .1
        .iter()
        .map(|s| s.trim().to_string())
        .collect();
    let nama = |i: usize| -> String {
        match kepala.get(i).map(String::as_str) {
            Some("") | None if bentuk == BentukMutasi::JumlahCrDb && i == 4 => "CR/DB".into(),
            Some(n) => n.to_string(),
            None => format!("kolom {}", i + 1),
        }
    };
    let lebar = match bentuk {
        BentukMutasi::JumlahCrDb => 6,
        BentukMutasi::DebetKredit => 5,
    };
    let mut baris = Vec::new();
    let mut semua_galat = Vec::new();
    for (no, r) in &rekaman[i_kepala + 1..] {
        let no = *no;
        if r.iter().all(|m| m.trim().is_empty()) {
            continue;
        }
        if ringkasan(&r[0]) {
            break;
        }
        let isi = r.iter().skip(lebar).all(|m| m.trim().is_empty());
        if r.len() < lebar || !isi {
            semua_galat.push(galat(
                no,
                "baris",
                &r.join(&pemisah.to_string()),
                format!("ada {} kolom, seharusnya {lebar}", r.len()),
            ));
            continue;
        }
        let mut salah = |kolom: usize, pesan: String| {
            semua_galat.push(galat(no, &nama(kolom), r[kolom].trim(), pesan));
        };
        let tanggal = baca_tanggal(&r[0], (bentuk == BentukMutasi::JumlahCrDb).then_some(tahun))
            .map_err(|p| salah(0, p.to_string()));
        let arah_nilai: Result<(Arah, Uang), ()> = match bentuk {
            BentukMutasi::JumlahCrDb => {
                let (angka, akhiran) = pisah_crdb(&r[3]);
                let nilai = baca_nilai(angka).map_err(|p| salah(3, p));
                let kolom = match normal(&r[4]).as_str() {
                    "" => Ok(None),
                    "cr" => Ok(Some(Arah::Penerimaan)),
                    "db" => Ok(Some(Arah::Pengeluaran)),
                    _ => {
                        salah(4, "harus CR atau DB".into());
                        Err(())
                    }
                };
                match (akhiran, kolom, nilai) {
                    (_, Err(()), _) => Err(()),
                    (Some(a), Ok(Some(b)), _) if a != b => {
                        salah(4, "berbeda dari CR/DB di belakang jumlah".into());
                        Err(())
                    }
                    (None, Ok(None), _) => {
                        salah(3, "tidak ada tanda CR atau DB".into());
                        Err(())
                    }
                    (a, Ok(b), Ok(n)) => Ok((a.or(b).expect("salah satu ada"), n)),
                    _ => Err(()),
                }
            }
            BentukMutasi::DebetKredit => {
                let mut baca = |k: usize| -> Result<Option<Uang>, ()> {
                    if r[k].trim().is_empty() || r[k].trim() == "-" {
                        return Ok(None);
                    }
                    match baca_nilai(&r[k]) {
                        Ok(u) if u == Uang::NOL => Ok(None),
                        Ok(u) => Ok(Some(u)),
                        Err(p) => {
                            salah(k, p);
                            Err(())
                        }
                    }
                };
                let (debet, kredit) = (baca(2), baca(3));
                match (debet, kredit) {
                    (Ok(Some(d)), Ok(None)) => Ok((Arah::Pengeluaran, d)),
                    (Ok(None), Ok(Some(k))) => Ok((Arah::Penerimaan, k)),
                    (Ok(Some(_)), Ok(Some(_))) => {
                        salah(3, "Debet dan Kredit sama-sama terisi".into());
                        Err(())
                    }
                    (Ok(None), Ok(None)) => {
                        salah(3, "Debet dan Kredit sama-sama kosong".into());
                        Err(())
                    }
                    _ => Err(()),
                }
            }
        };
        let i_saldo = lebar - 1;
        let saldo = baca_saldo(&r[i_saldo]).map_err(|p| salah(i_saldo, p));
        if let (Ok(tanggal), Ok((arah, nilai)), Ok(saldo)) = (tanggal, arah_nilai, saldo) {
            baris.push(BarisMutasi {
                baris: no,
                tanggal,
                keterangan: r[1].trim().to_string(),
                arah,
                nilai,
                saldo,
            });
        }
    }
    if semua_galat.is_empty() {
        Ok(Mutasi { bentuk, baris })
    } else {
        Err(semua_galat)
    }
}

/// Dates further apart than this never match: a transfer is booked by
/// the bank within a working day or two of the ledger's date.
pub const SELISIH_HARI_MAKS: i64 = 3;

/// A ledger entry and the statement line that is the same money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pasangan {
    pub entri: Uuid,
    /// Index into the statement's lines.
    pub mutasi: usize,
    /// Bank date less ledger date.
    pub selisih_hari: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HasilRekonsiliasi {
    pub cocok: Vec<Pasangan>,
    /// RKDK cash entries no statement line matched.
    pub entri_lepas: Vec<Uuid>,
    /// Statement lines (indices) no entry matched.
    pub mutasi_lepas: Vec<usize>,
}

/// Matches the ledger's RKDK cash entries to statement lines: same
/// direction and exactly the same amount (a correction of negative value
/// is money going the other way), dates at most
/// [`SELISIH_HARI_MAKS`] days apart. The nearest dates pair first (ties:
/// the earlier entry, then the earlier line), and each side is used once,
/// so two equal transfers on nearby days pair with their own days.
pub fn rekonsiliasi(
    buku: &[Entri],
    mutasi: &[BarisMutasi],
) -> Result<HasilRekonsiliasi, UangError> {
    let mut entri: Vec<(usize, &Entri, i128)> = Vec::new();
    for (i, e) in buku.iter().enumerate() {
        if e.rekening == Rekening::Rkdk && e.bentuk == BentukDana::Uang {
            entri.push((i, e, i128::from(e.nilai_bertanda()?.sen())));
        }
    }
    let mut calon: Vec<(i64, usize, usize)> = Vec::new();
    for (ie, (_, e, nilai)) in entri.iter().enumerate() {
        for (im, m) in mutasi.iter().enumerate() {
            let hari = (m.tanggal - e.tanggal).whole_days();
            if *nilai != 0 && m.bertanda() == *nilai && hari.abs() <= SELISIH_HARI_MAKS {
                calon.push((hari.abs(), ie, im));
            }
        }
    }
    calon.sort_unstable();
    let mut pakai_e = vec![false; entri.len()];
    let mut pakai_m = vec![false; mutasi.len()];
    let mut hasil = HasilRekonsiliasi::default();
    for (_, ie, im) in calon {
        if pakai_e[ie] || pakai_m[im] {
            continue;
        }
        pakai_e[ie] = true;
        pakai_m[im] = true;
        let e = entri[ie].1;
        hasil.cocok.push(Pasangan {
            entri: e.id,
            mutasi: im,
            selisih_hari: (mutasi[im].tanggal - e.tanggal).whole_days(),
        });
    }
    hasil.cocok.sort_by_key(|p| p.mutasi);
    hasil.entri_lepas = entri
        .iter()
        .zip(&pakai_e)
        .filter(|(_, p)| !**p)
        .map(|((_, e, _), _)| e.id)
        .collect();
    hasil.mutasi_lepas = (0..mutasi.len()).filter(|i| !pakai_m[*i]).collect();
    Ok(hasil)
}

#[cfg(test)]
mod tests {
    use super::super::buku::{JenisEntri, KategoriBelanja, Penyumbang, SumberDana};
    use super::*;
    use time::macros::date;

    fn rp(n: i64) -> Uang {
        Uang::rupiah(n).unwrap()
    }

    const BCA: &str = "\u{feff}No. rekening : 1234567890\r\n\
Nama : RKDK PASLON 1\r\n\
Periode : 01/12/2026 - 31/12/2026\r\n\
\r\n\
Tanggal,Keterangan,Cabang,Jumlah,,Saldo\r\n\
'06/12,\"TRSF E-BANKING CR 0612/FTSCY/WS95051 75,000,000.00 BUDI\",0000,\"75,000,000.00\",CR,\"75,000,000.00\"\r\n\
07/12/2026,BIAYA ADM,0998,\"15,000.00 DB\",,\"74,985,000.00\"\r\n\
08/12,\"SETORAN, TUNAI\",0123,\"1,234.56\",CR,\"74,986,234.56\"\r\n\
\r\n\
Saldo Awal,=,0.00\r\n\
Mutasi Kredit,=,\"75,001,234.56\",2\r\n";

    const MANDIRI: &str = "Tanggal cetak: 07/12/2026\n\
Tanggal;Keterangan;Debet;Kredit;Saldo\n\
06-Des-2026;Setoran awal paslon;;100.000.000,00;100.000.000,00\n\
6 Desember 2026;\"Pembayaran \"\"APK\"\" baliho\";25.000.000,00;0,00;75.000.000,00\n\
07-Agt-2026;Bunga;;1.234,56;75.001.234,56\n";

    #[test]
    fn bentuk_jumlah_crdb() {
        let m = baca_mutasi(BCA, 2026).unwrap();
        assert_eq!(m.bentuk, BentukMutasi::JumlahCrDb);
        assert_eq!(m.baris.len(), 3);
        let b = &m.baris[0];
        assert_eq!(
            (b.baris, b.tanggal, b.arah, b.nilai),
            (6, date!(2026 - 12 - 06), Arah::Penerimaan, rp(75_000_000))
        );
        assert!(b.keterangan.contains("BUDI"));
        assert_eq!(b.saldo, Some(rp(75_000_000)));
        let b = &m.baris[1];
        assert_eq!(
            (b.tanggal, b.arah, b.nilai),
            (date!(2026 - 12 - 07), Arah::Pengeluaran, rp(15_000))
        );
        let b = &m.baris[2];
        assert_eq!(
            (b.keterangan.as_str(), b.nilai),
            ("SETORAN, TUNAI", Uang::dari_sen(123_456))
        );
    }

    #[test]
    fn bentuk_debet_kredit() {
        let m = baca_mutasi(MANDIRI, 1999).unwrap();
        assert_eq!(m.bentuk, BentukMutasi::DebetKredit);
        assert_eq!(m.baris.len(), 3);
        assert_eq!(
            (m.baris[0].arah, m.baris[0].nilai),
            (Arah::Penerimaan, rp(100_000_000))
        );
        assert_eq!(m.baris[1].tanggal, date!(2026 - 12 - 06));
        assert_eq!(m.baris[1].keterangan, "Pembayaran \"APK\" baliho");
        assert_eq!(
            (m.baris[1].arah, m.baris[1].nilai),
            (Arah::Pengeluaran, rp(25_000_000))
        );
        assert_eq!(m.baris[2].tanggal, date!(2026 - 08 - 07));
        assert_eq!(m.baris[2].nilai, Uang::dari_sen(123_456));
    }

    #[test]
    fn tanggal_dan_bulan() {
        for (s, d) in [
            ("06-Des-2026", date!(2026 - 12 - 06)),
            ("6 Desember 2026", date!(2026 - 12 - 06)),
            ("1 Mei 2026", date!(2026 - 05 - 01)),
            ("01-Agu-26", date!(2026 - 08 - 01)),
            ("01-Okt-2026", date!(2026 - 10 - 01)),
            ("01-Dec-2026", date!(2026 - 12 - 01)),
            ("29 Pebruari 2028", date!(2028 - 02 - 29)),
            ("2026-12-06", date!(2026 - 12 - 06)),
        ] {
            assert_eq!(baca_tanggal(s, None), Ok(d), "{s}");
        }
        assert_eq!(baca_tanggal("06/12", Some(2025)), Ok(date!(2025 - 12 - 06)));
        assert_eq!(baca_tanggal("06/12", None), Err("tahun tidak ada"));
        assert_eq!(
            baca_tanggal("PEND", Some(2026)),
            Err("transaksi tertunda (PEND) belum dibukukan bank")
        );
        assert_eq!(
            baca_tanggal("31-Feb-2026", None),
            Err("tanggal tidak ada di kalender")
        );
        assert_eq!(
            baca_tanggal("06-Dez-2026", None),
            Err("bulan tidak dikenal")
        );
        assert_eq!(
            baca_tanggal("kemarin", None),
            Err("tanggal tidak terbaca: tulis hari, bulan, tahun")
        );
    }

    #[test]
    fn semua_baris_salah_dilaporkan() {
        let teks = "Tanggal,Keterangan,Cabang,Jumlah,,Saldo\n\
06/12,ok,0000,\"1,000.00\",CR,\n\
32/12,tanggal salah,0000,\"1,000.00\",CR,\n\
07/12,tanpa arah,0000,\"1,000.00\",,\n\
07/12,arah aneh,0000,\"1,000.00\",XX,\n\
07/12,bertentangan,0000,\"1,000.00 CR\",DB,\n\
07/12,jumlah salah,0000,\"1,00,0.00\",CR,\n\
07/12,kurang kolom\n\
PEND,tertunda,0000,\"5.00\",DB,\n";
        let g = baca_mutasi(teks, 2026).unwrap_err();
        let ringkas: Vec<(usize, &str, &str)> = g
            .iter()
            .map(|g| (g.baris, g.kolom.as_str(), g.teks.as_str()))
            .collect();
        assert_eq!(
            ringkas,
            vec![
                (3, "Tanggal", "32/12"),
                (4, "Jumlah", "1,000.00"),
                (5, "CR/DB", "XX"),
                (6, "CR/DB", "DB"),
                (7, "Jumlah", "1,00,0.00"),
                (8, "baris", "07/12,kurang kolom"),
                (9, "Tanggal", "PEND"),
            ]
        );
        assert_eq!(
            g[0].to_string(),
            "baris 3, kolom Tanggal: '32/12' — tanggal tidak ada di kalender"
        );
        assert!(g[4].pesan.contains("tiga angka"), "{}", g[4].pesan);
    }

    #[test]
    fn debet_kredit_salah() {
        let teks = "Tanggal,Keterangan,Debet,Kredit,Saldo\n\
06-Des-2026,dua-duanya,\"1.000,00\",\"2.000,00\",\n\
06-Des-2026,kosong,,,\n\
06-Des-2026,minus,\"-5,00\",,\n\
06/12,tanpa tahun,\"5,00\",,\n\
06-Des-2026,saldo salah,\"5,00\",,abc\n";
        let g = baca_mutasi(teks, 2026).unwrap_err();
        let ringkas: Vec<(usize, &str)> = g.iter().map(|g| (g.baris, g.kolom.as_str())).collect();
        assert_eq!(
            ringkas,
            vec![
                (2, "Kredit"),
                (3, "Kredit"),
                (4, "Debet"),
                (5, "Tanggal"),
                (6, "Saldo")
            ]
        );
        assert_eq!(g[0].pesan, "Debet dan Kredit sama-sama terisi");
        assert_eq!(g[1].pesan, "Debet dan Kredit sama-sama kosong");
    }

    #[test]
    fn kepala_tidak_dikenal_dan_kutip_terbuka() {
        let g = baca_mutasi("\n\nTgl,Uraian,Nilai\n1,2,3\n", 2026).unwrap_err();
        assert_eq!(
            (g[0].baris, g[0].kolom.as_str(), g[0].teks.as_str()),
            (3, "kepala", "Tgl,Uraian,Nilai")
        );
        let g = baca_mutasi(
            "Tanggal,Keterangan,Debet,Kredit,Saldo\n06-Des-2026,\"tanpa akhir,1,,\n",
            2026,
        )
        .unwrap_err();
        assert_eq!((g[0].baris, g[0].kolom.as_str()), (2, "baris"));
    }

    #[test]
    fn kutip_dengan_baris_baru_menjaga_nomor_baris() {
        let teks = "Tanggal,Keterangan,Debet,Kredit,Saldo\n\
06-Des-2026,\"dua\nbaris\",,\"1,00\",\n\
06-Des-2026,salah,,x,\n";
        let g = baca_mutasi(teks, 2026).unwrap_err();
        assert_eq!((g[0].baris, g[0].kolom.as_str()), (4, "Kredit"));
    }

    fn entri(n: u128, tanggal: Date, masuk: bool, nilai: Uang) -> Entri {
        Entri {
            id: Uuid::from_u128(n),
            tanggal,
            jenis: if masuk {
                JenisEntri::Penerimaan {
                    penyumbang: Penyumbang {
                        sumber: SumberDana::Paslon,
                        identitas: Some("p".into()),
                    },
                }
            } else {
                JenisEntri::Pengeluaran {
                    kategori: KategoriBelanja::BahanKampanye,
                }
            },
            bentuk: BentukDana::Uang,
            rekening: Rekening::Rkdk,
            nilai,
            koreksi_atas: None,
            susulan: None,
            uraian: String::new(),
        }
    }

    fn mutasi(baris: usize, tanggal: Date, arah: Arah, nilai: Uang) -> BarisMutasi {
        BarisMutasi {
            baris,
            tanggal,
            keterangan: String::new(),
            arah,
            nilai,
            saldo: None,
        }
    }

    #[test]
    fn rekonsiliasi_tanggal_terdekat_dulu() {
        let buku = vec![
            entri(1, date!(2026 - 12 - 01), true, rp(1_000)),
            entri(2, date!(2026 - 12 - 04), true, rp(1_000)),
            entri(3, date!(2026 - 12 - 04), false, rp(500)),
            entri(4, date!(2026 - 12 - 04), false, rp(700)),
            {
                // Goods never touch the bank.
                let mut e = entri(5, date!(2026 - 12 - 04), true, rp(900));
                e.bentuk = BentukDana::Barang {
                    jumlah_unit: 1,
                    satuan: "unit".into(),
                };
                e
            },
            // A negative correction of a receipt is money going out.
            entri(6, date!(2026 - 12 - 05), true, rp(-200)),
        ];
        let m = vec![
            mutasi(10, date!(2026 - 12 - 04), Arah::Penerimaan, rp(1_000)),
            mutasi(11, date!(2026 - 12 - 02), Arah::Penerimaan, rp(1_000)),
            mutasi(12, date!(2026 - 12 - 04), Arah::Penerimaan, rp(500)),
            mutasi(13, date!(2026 - 12 - 08), Arah::Pengeluaran, rp(700)),
            mutasi(14, date!(2026 - 12 - 06), Arah::Pengeluaran, rp(200)),
            mutasi(15, date!(2026 - 12 - 06), Arah::Penerimaan, rp(900)),
        ];
        let h = rekonsiliasi(&buku, &m).unwrap();
        assert_eq!(
            h.cocok,
            vec![
                Pasangan {
                    entri: Uuid::from_u128(2),
                    mutasi: 0,
                    selisih_hari: 0
                },
                Pasangan {
                    entri: Uuid::from_u128(1),
                    mutasi: 1,
                    selisih_hari: 1
                },
                Pasangan {
                    entri: Uuid::from_u128(6),
                    mutasi: 4,
                    selisih_hari: 1
                },
            ]
        );
        assert_eq!(h.entri_lepas, vec![Uuid::from_u128(3), Uuid::from_u128(4)]);
        assert_eq!(h.mutasi_lepas, vec![2, 3, 5]);
    }

    #[test]
    fn rekonsiliasi_satu_lawan_satu() {
        let buku = vec![
            entri(1, date!(2026 - 12 - 03), true, rp(50)),
            entri(2, date!(2026 - 12 - 03), true, rp(50)),
        ];
        let m = vec![mutasi(1, date!(2026 - 12 - 03), Arah::Penerimaan, rp(50))];
        let h = rekonsiliasi(&buku, &m).unwrap();
        assert_eq!(h.cocok.len(), 1);
        assert_eq!(h.cocok[0].entri, Uuid::from_u128(1));
        assert_eq!(h.entri_lepas, vec![Uuid::from_u128(2)]);
        assert!(h.mutasi_lepas.is_empty());
    }

    proptest::proptest! {
        /// A statement written in either shape reads back line for line.
        #[test]
        fn tulis_lalu_baca(
            acak in proptest::collection::vec((0i64..365, proptest::bool::ANY, 1i64..10_000_000_000_000), 0..20),
        ) {
            let awal = date!(2026 - 01 - 01);
            let baris: Vec<(Date, Arah, Uang)> = acak
                .into_iter()
                .map(|(h, masuk, sen)| {
                    let arah = if masuk { Arah::Penerimaan } else { Arah::Pengeluaran };
                    (awal + time::Duration::days(h), arah, Uang::dari_sen(sen))
                })
                .collect();
            let bln = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
            let mut a = String::from("Tanggal,Keterangan,Cabang,Jumlah,,Saldo\n");
            let mut b = String::from("Tanggal,Keterangan,Debet,Kredit,Saldo\n");
            for (t, arah, u) in &baris {
                let id = u.to_string().trim_start_matches("Rp").to_string();
                let en: String = id.chars().map(|c| match c { '.' => ',', ',' => '.', c => c }).collect();
                let crdb = if *arah == Arah::Penerimaan { "CR" } else { "DB" };
                a.push_str(&format!("{:02}/{:02},\"x, y\",0000,\"{en}\",{crdb},\n", t.day(), t.month() as u8));
                let tgl = format!("{:02}-{}-{}", t.day(), bln[t.month() as usize - 1], t.year());
                match arah {
                    Arah::Penerimaan => b.push_str(&format!("{tgl},x,,\"{id}\",\n")),
                    Arah::Pengeluaran => b.push_str(&format!("{tgl},x,\"{id}\",,\n")),
                }
            }
            for teks in [a, b] {
                let m = baca_mutasi(&teks, 2026).unwrap();
                let dibaca: Vec<(Date, Arah, Uang)> = m.baris.iter().map(|l| (l.tanggal, l.arah, l.nilai)).collect();
                proptest::prop_assert_eq!(&dibaca, &baris);
            }
        }
    }
}
