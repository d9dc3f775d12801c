//! The platforms' own analytics exports, imported per account: a CSV or
//! spreadsheet someone downloaded from the platform (Meta Business
//! Suite, TikTok, YouTube Studio, X) and brought here. Posko never
//! scrapes or signs in to a platform.
//!
//! The file goes through `posko_import::read_mentah`, so every ceiling of
//! the import readers holds (bytes per row, rows, text, the zip checks).
//! The header row is found by its names, in Indonesian or English
//! ([`kolom_analitik`]); numbers may carry thousands separators (`1.234`,
//! `1,234`), dates are ISO or Indonesian (`01/10/2029`, `1 Okt 2029`).
//! One bad cell refuses the whole file, naming file, line and column;
//! nothing is written then.

use std::collections::BTreeMap;

use posko_domain::Izin;
use posko_domain::audit::sha256_hex;
use posko_import::{FileError, ImportOptions};
use posko_storage::{JenisMedsos, Pengguna};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use super::{Keputusan, Perubahan, RuangMedsos, tolak};
use crate::{AppError, Posko, Result};

/// Largest export accepted (the reader's own ceilings stop well before).
pub const ANALITIK_MAKS: usize = 16 * 1024 * 1024;

/// Most problems named in one refusal.
const MASALAH_MAKS: usize = 20;

/// One row of an export: a day, or one post on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarisAnalitik {
    pub tanggal: Date,
    /// The post, when the export is per post.
    pub url: Option<String>,
    /// Reach (accounts reached); None: not in the file or blank.
    pub jangkauan: Option<u64>,
    /// Impressions or views.
    pub tayangan: Option<u64>,
    /// Engagement (reactions, comments, shares, saves).
    pub interaksi: Option<u64>,
}

/// One imported export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalitikMedsos {
    /// The registry's account (`RuangMedsos::akun`).
    pub akun: Uuid,
    pub nama_berkas: String,
    /// SHA-256 of the file as brought.
    pub sha256: String,
    pub diimpor_oleh: Uuid,
    /// Unix seconds.
    pub waktu: i64,
    pub baris: Vec<BarisAnalitik>,
}

/// One day of an account's series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HariAnalitik {
    pub tanggal: Date,
    pub jangkauan: Option<u64>,
    pub tayangan: Option<u64>,
    pub interaksi: Option<u64>,
    /// Rows summed (posts, when the export is per post).
    pub baris: usize,
}

/// Which field a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KolomAnalitik {
    Tanggal,
    Url,
    Jangkauan,
    Tayangan,
    Interaksi,
}

/// The field a header names, in Indonesian or English, as the platforms'
/// exports spell them; None for a column Posko does not read.
pub fn kolom_analitik(judul: &str) -> Option<KolomAnalitik> {
    let h: String = judul
        .trim()
        .trim_start_matches('\u{feff}')
        .trim_matches('"')
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    use KolomAnalitik::*;
    Some(match h.as_str() {
        "date" | "tanggal" | "day" | "hari" | "publish time" | "publish date"
        | "waktu publikasi" | "tanggal publikasi" | "tanggal posting" | "waktu posting" => Tanggal,
        "permalink" | "post link" | "link" | "url" | "tautan" | "tautan postingan"
        | "tautan posting" | "post url" => Url,
        "reach" | "jangkauan" | "accounts reached" | "akun yang dijangkau" | "post reach" => {
            Jangkauan
        }
        "impressions" | "views" | "video views" | "tayangan" | "impresi" | "penayangan"
        | "tayangan video" | "plays" | "post impressions" => Tayangan,
        "engagement" | "engagements" | "interactions" | "interaksi" | "keterlibatan"
        | "total engagement" | "post engagement" | "post engagements" => Interaksi,
        _ => return None,
    })
}

/// A count as exported: `1234`, `1.234`, `1,234`, `1 234`; blank or `-`
/// is unknown (None).
pub fn angka_analitik(s: &str) -> std::result::Result<Option<u64>, String> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    let pemisah = t.chars().find(|c| matches!(c, '.' | ','));
    let digit = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let bersih = match pemisah {
        None if digit(&t) => t,
        Some(p) => {
            let bagian: Vec<&str> = t.split(p).collect();
            let sah = bagian.len() > 1
                && digit(bagian[0])
                && bagian[0].len() <= 3
                && bagian[1..].iter().all(|b| b.len() == 3 && digit(b));
            if !sah {
                return Err("bukan bilangan bulat (contoh: 1234 atau 1.234)".into());
            }
            bagian.concat()
        }
        None => return Err("bukan bilangan bulat (contoh: 1234 atau 1.234)".into()),
    };
    bersih
        .parse::<u64>()
        .map(Some)
        .map_err(|_| "angka terlalu besar".into())
}

fn bulan(nama: &str) -> Option<time::Month> {
    use time::Month::*;
    let n = nama.trim_end_matches('.').to_lowercase();
    let b = match n.get(..3)? {
        "jan" => January,
        "feb" | "peb" => February,
        "mar" => March,
        "apr" => April,
        "mei" | "may" => May,
        "jun" => June,
        "jul" => July,
        "agu" | "agt" | "aug" => August,
        "sep" => September,
        "okt" | "oct" => October,
        "nov" | "nop" => November,
        "des" | "dec" => December,
        _ => return None,
    };
    Some(b)
}

/// A date as exported: ISO (`2029-10-01`, with a time after `T` or a
/// space), Indonesian day first (`01/10/2029`, `1-10-2029`, `01.10.2029`),
/// or with the month's name (`1 Oktober 2029`, `1 Okt 2029`, `Oct 1, 2029`).
pub fn tanggal_analitik(s: &str) -> std::result::Result<Date, String> {
    tanggal_analitik_urutan(s, false)
}

/// The order of a file's numeric dates (`01/10/2029`): month first when
/// any of its dates can only be read that way (`10/25/2029`, as US
/// exports write them), day first when any can only be read day first or
/// none tells; a file that has both is refused.
pub fn urutan_tanggal(sel: &[&str]) -> std::result::Result<bool, String> {
    let (mut hari_dulu, mut bulan_dulu) = (None, None);
    for t in sel {
        let kepala = t.trim().split(['T', ' ']).next().unwrap_or_default();
        for p in ['/', '-', '.'] {
            let b: Vec<&str> = kepala.split(p).collect();
            if b.len() == 3 && b[2].len() == 4 {
                let (a, c) = (b[0].parse::<u32>(), b[1].parse::<u32>());
                if let (Ok(a), Ok(c)) = (a, c) {
                    if a > 12 && c <= 12 {
                        hari_dulu.get_or_insert(*t);
                    }
                    if c > 12 && a <= 12 {
                        bulan_dulu.get_or_insert(*t);
                    }
                }
                break;
            }
        }
    }
    match (hari_dulu, bulan_dulu) {
        (Some(h), Some(b)) => Err(format!(
            "tanggal berurutan campur: '{h}' hanya terbaca hari/bulan, '{b}' hanya bulan/hari"
        )),
        (_, Some(_)) => Ok(true),
        _ => Ok(false),
    }
}

/// A date as [`tanggal_analitik`] reads it, numeric dates month first
/// when `bulan_dulu`.
pub fn tanggal_analitik_urutan(s: &str, bulan_dulu: bool) -> std::result::Result<Date, String> {
    let t = s.trim();
    let salah = || format!("'{t}' bukan tanggal (contoh: 2029-10-01 atau 01/10/2029)");
    let buat = |y: i32, m: u8, d: u8| -> std::result::Result<Date, String> {
        let m = time::Month::try_from(m).map_err(|_| salah())?;
        Date::from_calendar_date(y, m, d).map_err(|_| salah())
    };
    let angka = |x: &str| x.trim().parse::<u32>().map_err(|_| salah());
    // ISO, maybe with a time.
    let kepala = t.split(['T', ' ']).next().unwrap_or_default();
    let iso: Vec<&str> = kepala.split('-').collect();
    if iso.len() == 3 && iso[0].len() == 4 {
        return buat(
            angka(iso[0])? as i32,
            angka(iso[1])? as u8,
            angka(iso[2])? as u8,
        );
    }
    for p in ['/', '-', '.'] {
        let b: Vec<&str> = kepala.split(p).collect();
        if b.len() == 3 && b[2].len() == 4 {
            let (hari, bulan) = if bulan_dulu {
                (b[1], b[0])
            } else {
                (b[0], b[1])
            };
            return buat(angka(b[2])? as i32, angka(bulan)? as u8, angka(hari)? as u8);
        }
    }
    // With the month's name.
    let kata: Vec<&str> = t
        .split([' ', ','])
        .filter(|x| !x.is_empty())
        .take(3)
        .collect();
    if kata.len() == 3 {
        if let (Ok(d), Some(m), Ok(y)) = (kata[0].parse::<u8>(), bulan(kata[1]), angka(kata[2])) {
            return Date::from_calendar_date(y as i32, m, d).map_err(|_| salah());
        }
        if let (Some(m), Ok(d), Ok(y)) = (bulan(kata[0]), kata[1].parse::<u8>(), angka(kata[2])) {
            return Date::from_calendar_date(y as i32, m, d).map_err(|_| salah());
        }
    }
    Err(salah())
}

/// The rows of a table read whole: the header row is the first of the
/// first ten rows naming a date and a count; every row after it is a
/// day or a post. `Err` lists the problems (file, line, column).
pub fn baca_analitik(
    label: &str,
    rows: &[(u64, Vec<String>)],
) -> std::result::Result<Vec<BarisAnalitik>, Vec<String>> {
    let kepala = rows.iter().take(10).position(|(_, cells)| {
        let k: Vec<_> = cells.iter().filter_map(|c| kolom_analitik(c)).collect();
        k.contains(&KolomAnalitik::Tanggal)
            && k.iter().any(|x| {
                matches!(
                    x,
                    KolomAnalitik::Jangkauan | KolomAnalitik::Tayangan | KolomAnalitik::Interaksi
                )
            })
    });
    let Some(kepala) = kepala else {
        return Err(vec![format!(
            "{label}: baris judul tidak ditemukan; perlu kolom Tanggal/Date dan sedikitnya satu dari Jangkauan/Reach, Tayangan/Impressions/Views, Interaksi/Engagement"
        )]);
    };
    let judul = &rows[kepala].1;
    let mut kolom: Vec<(usize, KolomAnalitik)> = Vec::new();
    for (i, c) in judul.iter().enumerate() {
        if let Some(k) = kolom_analitik(c) {
            // The first column of a kind counts (an export may repeat one).
            if !kolom.iter().any(|(_, x)| *x == k) {
                kolom.push((i, k));
            }
        }
    }
    let mut out = Vec::new();
    let mut masalah = Vec::new();
    let bulan_dulu = match kolom.iter().find(|(_, k)| *k == KolomAnalitik::Tanggal) {
        Some((i, _)) => {
            let sel: Vec<&str> = rows[kepala + 1..]
                .iter()
                .filter_map(|(_, c)| c.get(*i).map(String::as_str))
                .collect();
            match urutan_tanggal(&sel) {
                Ok(b) => b,
                Err(e) => return Err(vec![format!("{label} kolom {}: {e}", judul[*i].trim())]),
            }
        }
        None => false,
    };
    for (line, cells) in &rows[kepala + 1..] {
        let mut b = BarisAnalitik {
            tanggal: Date::MIN,
            url: None,
            jangkauan: None,
            tayangan: None,
            interaksi: None,
        };
        let mut sah = true;
        for (i, k) in &kolom {
            let sel = cells.get(*i).map(String::as_str).unwrap_or("").trim();
            let nama = judul[*i].trim();
            let mut gagal = |alasan: String| {
                sah = false;
                masalah.push(format!(
                    "{label} baris {line} kolom {nama}: '{}' — {alasan}",
                    sel.chars().take(40).collect::<String>()
                ));
            };
            match k {
                KolomAnalitik::Tanggal => match tanggal_analitik_urutan(sel, bulan_dulu) {
                    Ok(d) => b.tanggal = d,
                    Err(e) => gagal(e),
                },
                KolomAnalitik::Url => {
                    if !sel.is_empty() {
                        if sel.len() > 500 {
                            gagal("tautan lebih dari 500 huruf".into());
                        } else {
                            match super::akun::alamat_web("tautan", sel.to_string()) {
                                Ok(u) => b.url = Some(u),
                                Err(_) => gagal("bukan alamat web (https://…)".into()),
                            }
                        }
                    }
                }
                KolomAnalitik::Jangkauan | KolomAnalitik::Tayangan | KolomAnalitik::Interaksi => {
                    match angka_analitik(sel) {
                        Ok(n) => match k {
                            KolomAnalitik::Jangkauan => b.jangkauan = n,
                            KolomAnalitik::Tayangan => b.tayangan = n,
                            _ => b.interaksi = n,
                        },
                        Err(e) => gagal(e),
                    }
                }
            }
        }
        if sah {
            out.push(b);
        }
        if masalah.len() >= MASALAH_MAKS {
            break;
        }
    }
    if !masalah.is_empty() {
        return Err(masalah);
    }
    if out.is_empty() {
        return Err(vec![format!(
            "{label}: tidak ada baris data di bawah judul"
        )]);
    }
    Ok(out)
}

/// An account's series: per day, the sum of the rows of that day, taken
/// from the latest import that covers the day (two exports overlapping
/// do not count a day twice). Oldest day first.
pub fn deret_analitik(r: &RuangMedsos, akun: Uuid) -> Vec<HariAnalitik> {
    let mut impor: Vec<_> = r.analitik.iter().filter(|a| a.isi.akun == akun).collect();
    impor.sort_by_key(|a| (a.isi.waktu, a.versi, a.id));
    let mut hari: BTreeMap<Date, HariAnalitik> = BTreeMap::new();
    for a in impor {
        let mut ini: BTreeMap<Date, HariAnalitik> = BTreeMap::new();
        for b in &a.isi.baris {
            let h = ini.entry(b.tanggal).or_insert(HariAnalitik {
                tanggal: b.tanggal,
                jangkauan: None,
                tayangan: None,
                interaksi: None,
                baris: 0,
            });
            let tambah = |x: &mut Option<u64>, y: Option<u64>| {
                if let Some(y) = y {
                    *x = Some(x.unwrap_or(0).saturating_add(y));
                }
            };
            tambah(&mut h.jangkauan, b.jangkauan);
            tambah(&mut h.tayangan, b.tayangan);
            tambah(&mut h.interaksi, b.interaksi);
            h.baris += 1;
        }
        // A later import replaces the days it covers.
        hari.extend(ini);
    }
    hari.into_values().collect()
}

/// A file-level refusal, naming the file.
fn tolak_berkas(nama: &str, e: FileError) -> AppError {
    match e {
        FileError::Open { .. } => AppError::internal("membuka berkas analitik sementara", e),
        FileError::Limit { line, reason, .. } => tolak(match line {
            Some(l) => format!("{nama} baris {l}: {reason}"),
            None => format!("{nama}: {reason}"),
        }),
        e => {
            let teks = e.to_string();
            if teks.contains(nama) {
                tolak(teks)
            } else {
                tolak(format!("{nama}: {teks}"))
            }
        }
    }
}

/// A sent file's name kept safe as a path component, with its extension.
fn nama_aman(nama: &str) -> String {
    let aman: String = nama
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .take(100)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let aman = aman.trim_start_matches('.').to_string();
    if aman.is_empty() {
        "analitik.csv".into()
    } else {
        aman
    }
}

/// Reads `bytes` as a file named `nama` (the extension picks CSV or
/// spreadsheet) in a private temporary folder, through the import reader.
fn baca_berkas(nama: &str, bytes: &[u8]) -> Result<Vec<BarisAnalitik>> {
    let dir = std::env::temp_dir().join(format!("posko-analitik-{}", Uuid::now_v7()));
    std::fs::create_dir(&dir).map_err(|e| AppError::internal("folder sementara", e))?;
    let hasil = (|| {
        let path = dir.join(nama);
        std::fs::write(&path, bytes)
            .map_err(|e| AppError::internal("menyimpan berkas sementara", e))?;
        let t = posko_import::read_mentah(&path, &ImportOptions::default())
            .map_err(|e| tolak_berkas(nama, e))?;
        if let Some(p) = t.problems.first() {
            return Err(tolak(format!(
                "{nama} baris {} kolom {}: {}",
                p.line.unwrap_or(0),
                p.column.clone().unwrap_or_default(),
                p.reason
            )));
        }
        let rows: Vec<(u64, Vec<String>)> = t.rows.into_iter().map(|b| (b.line, b.cells)).collect();
        baca_analitik(nama, &rows).map_err(|m| tolak(m.join("; ")))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    hasil
}

impl Posko {
    /// Imports an account's analytics export (CSV or XLSX) as brought.
    /// One bad cell refuses the whole file; the same file twice for one
    /// account is refused.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn impor_analitik_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        akun: Uuid,
        nama_berkas: &str,
        bytes: Vec<u8>,
    ) -> Result<Uuid> {
        // Who may write is asked before a byte is read.
        self.pemilihan_medsos(oleh, pemilihan_id, Izin::TulisMedsos)
            .await?;
        let nama = nama_aman(nama_berkas);
        if bytes.len() > ANALITIK_MAKS {
            return Err(tolak(format!(
                "{nama}: berkas lebih dari {} MiB",
                ANALITIK_MAKS / 1024 / 1024
            )));
        }
        if bytes.is_empty() {
            return Err(tolak(format!("{nama}: berkas kosong")));
        }
        let sha256 = sha256_hex(&bytes);
        let n = nama.clone();
        let baris = crate::latar::kerja("membaca analitik medsos", move || baca_berkas(&n, &bytes))
            .await??;
        let id = Uuid::now_v7();
        let waktu = self.detik_medsos();
        self.ubah_medsos(oleh, pemilihan_id, Izin::TulisMedsos, |r| {
            let a = r
                .cari_akun(akun)
                .ok_or_else(|| tolak(format!("akun medsos {akun} tidak terdaftar")))?;
            if r.analitik
                .iter()
                .any(|x| x.isi.akun == akun && x.isi.sha256 == sha256)
            {
                return Err(tolak(format!(
                    "{nama}: berkas yang sama sudah diimpor untuk akun ini"
                )));
            }
            let isi = AnalitikMedsos {
                akun,
                nama_berkas: nama.clone(),
                sha256: sha256.clone(),
                diimpor_oleh: oleh.id,
                waktu,
                baris: baris.clone(),
            };
            let (awal, akhir) = (
                baris.iter().map(|b| b.tanggal).min(),
                baris.iter().map(|b| b.tanggal).max(),
            );
            Ok(Keputusan {
                perubahan: vec![Perubahan::baru(JenisMedsos::Analitik, id, &isi)?],
                aksi: "analitik.impor",
                ringkasan: format!(
                    "analitik {} dari {nama} ({} baris, {} sampai {}, sha256 {})",
                    a.isi.label(),
                    baris.len(),
                    awal.map(|d| d.to_string()).unwrap_or_default(),
                    akhir.map(|d| d.to_string()).unwrap_or_default(),
                    &sha256[..12]
                ),
                hasil: id,
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn angka_dengan_pemisah_ribuan() {
        assert_eq!(angka_analitik("1.234"), Ok(Some(1234)));
        assert_eq!(angka_analitik("1,234,567"), Ok(Some(1_234_567)));
        assert_eq!(angka_analitik(" 12 345 "), Ok(Some(12345)));
        assert_eq!(angka_analitik("987"), Ok(Some(987)));
        assert_eq!(angka_analitik(""), Ok(None));
        assert_eq!(angka_analitik("-"), Ok(None));
        assert!(angka_analitik("12a").is_err());
        assert!(angka_analitik("1.23").is_err());
        assert!(angka_analitik("1.234,5").is_err());
        assert!(angka_analitik("-5").is_err());
        assert!(angka_analitik("99999999999999999999999").is_err());
    }

    /// A US export (month first) is read month first once one of its
    /// dates can only be read that way; an Indonesian one day first; a
    /// file with both is refused, naming the two dates.
    #[test]
    fn urutan_tanggal_dari_berkasnya() {
        let rows = |tanggal: &[&str]| -> Vec<(u64, Vec<String>)> {
            std::iter::once((1, vec!["Date".to_string(), "Reach".to_string()]))
                .chain(
                    tanggal
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (i as u64 + 2, vec![t.to_string(), "10".to_string()])),
                )
                .collect()
        };
        let us = baca_analitik("us.csv", &rows(&["10/01/2029", "10/25/2029"])).unwrap();
        assert_eq!(us[0].tanggal, date!(2029 - 10 - 01));
        assert_eq!(us[1].tanggal, date!(2029 - 10 - 25));
        let id = baca_analitik("id.csv", &rows(&["01/10/2029", "25/10/2029"])).unwrap();
        assert_eq!(id[0].tanggal, date!(2029 - 10 - 01));
        assert_eq!(id[1].tanggal, date!(2029 - 10 - 25));
        // Nothing tells: the Indonesian order.
        let id = baca_analitik("x.csv", &rows(&["02/10/2029"])).unwrap();
        assert_eq!(id[0].tanggal, date!(2029 - 10 - 02));
        let e = baca_analitik("campur.csv", &rows(&["25/10/2029", "10/25/2029"])).unwrap_err();
        assert!(
            e[0].contains("campur.csv") && e[0].contains("25/10/2029"),
            "{e:?}"
        );
    }

    #[test]
    fn tanggal_iso_dan_indonesia() {
        let d = date!(2029 - 10 - 01);
        for s in [
            "2029-10-01",
            "2029-10-01T08:00:00+0700",
            "2029-10-01 08:00",
            "01/10/2029",
            "1-10-2029",
            "01.10.2029",
            "1 Oktober 2029",
            "1 Okt 2029",
            "Oct 1, 2029",
        ] {
            assert_eq!(tanggal_analitik(s), Ok(d), "{s}");
        }
        assert!(tanggal_analitik("31/02/2029").is_err());
        assert!(tanggal_analitik("kemarin").is_err());
        assert!(tanggal_analitik("").is_err());
    }

    #[test]
    fn judul_dicari_dan_sel_buruk_disebut() {
        let r = |l: u64, c: &[&str]| (l, c.iter().map(|s| s.to_string()).collect());
        let rows = vec![
            r(1, &["Laporan halaman"]),
            r(
                2,
                &["Tanggal", "Permalink", "Jangkauan", "Tayangan", "Interaksi"],
            ),
            r(
                3,
                &["01/10/2029", "https://fb.com/p/1", "1.200", "2.500", "30"],
            ),
            r(4, &["01/10/2029", "", "800", "", "12"]),
        ];
        let b = baca_analitik("a.csv", &rows).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].jangkauan, Some(1200));
        assert_eq!(b[1].tayangan, None);
        assert_eq!(b[0].url.as_deref(), Some("https://fb.com/p/1"));
        let mut buruk = rows.clone();
        buruk.push(r(5, &["02/10/2029", "", "1O0", "1", "1"]));
        let e = baca_analitik("a.csv", &buruk).unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("a.csv baris 5 kolom Jangkauan"), "{e:?}");
        assert!(baca_analitik("a.csv", &[r(1, &["x", "y"])]).is_err());
    }
}
