//! The treasurer's own ledger (buku kas) as a spreadsheet or CSV: one row
//! per donation or spending, read into typed rows for
//! `posko dana impor-buku`. Columns (headers in any case; aliases below):
//!
//! | column | |
//! |---|---|
//! | `tanggal` | 2026-12-06, 06-12-2026 or 06/12/2026 (a date cell too) |
//! | `arah` | `penerimaan` or `pengeluaran` |
//! | `sumber` | a donation's source: paslon, partai_politik, perseorangan, kelompok, badan_usaha_swasta |
//! | `kategori` | spending's category, as `posko dana buku` writes it |
//! | `sumber_atau_kategori` | either, by the row's direction (the ledger CSV's own column) |
//! | `bentuk` | uang (default), barang, jasa; with `jumlah_unit` and `satuan` for goods, `jenis_jasa` for services |
//! | `rekening` | rkdk (default) or tunai |
//! | `nilai` | "1.500.000", "Rp 1.500.000,-", "1500000" |
//! | `uraian` | free text |
//! | `nama`, `alamat`, `nik`, `telepon`, `npwp` | the donor of a donation; `anonim` = ya for a donation nobody can name |
//!
//! Only what a row itself says is checked here (every cell's form, the
//! columns its direction needs); the rules that need the law or the
//! store (a source's identity, the campaign's dates) are the app's.
//! NIK, phone numbers and NPWP are personal data: no message repeats one.

use std::path::Path;

use posko_domain::dana::{
    Arah, BentukDana, JenisBentuk, KategoriBelanja, Rekening, SumberDana, Uang,
};
use time::Date;

use crate::error::{FileError, Problem};
use crate::pagu::{BARIS_UTUH_MAKS, ribuan};
use crate::table::{Field, FieldId, Table};
use crate::wilayah::{clean_name, finish};
use crate::{ImportOptions, Located, Parsed};

/// Who gave a donation, as the row names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenyumbangBaris {
    pub nama: String,
    pub alamat: String,
    pub nik: Option<String>,
    pub telepon: Option<String>,
    pub npwp: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JenisBarisDana {
    Penerimaan {
        sumber: SumberDana,
        /// None: anonymous (the `anonim` column says so).
        penyumbang: Option<PenyumbangBaris>,
    },
    Pengeluaran {
        kategori: KategoriBelanja,
    },
}

/// One row of the treasurer's ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarisDana {
    pub tanggal: Date,
    pub jenis: JenisBarisDana,
    pub bentuk: BentukDana,
    pub rekening: Rekening,
    pub nilai: Uang,
    pub uraian: String,
}

static FIELDS: [Field; 18] = [
    Field::required("tanggal", &["tanggal", "tgl", "date"]),
    Field::required(
        "arah",
        &["arah", "jenis_transaksi", "penerimaan_pengeluaran"],
    ),
    Field::optional("sumber", &["sumber", "sumber_dana"]),
    Field::optional("kategori", &["kategori", "kategori_belanja"]),
    Field::optional(
        "sumber_atau_kategori",
        &["sumber_atau_kategori", "sumber_kategori"],
    ),
    Field::optional("bentuk", &["bentuk", "bentuk_dana"]),
    Field::optional("jumlah_unit", &["jumlah_unit", "unit", "jumlah_barang"]),
    Field::optional("satuan", &["satuan"]),
    Field::optional("jenis_jasa", &["jenis_jasa", "jasa"]),
    Field::optional("rekening", &["rekening", "akun_kas"]),
    Field::required(
        "nilai",
        &["nilai", "jumlah", "nominal", "nilai_rp", "jumlah_rp"],
    ),
    Field::optional("uraian", &["uraian", "keterangan", "deskripsi"]),
    Field::optional("nama", &["nama", "nama_penyumbang"]),
    Field::optional("alamat", &["alamat", "alamat_penyumbang"]),
    Field::optional("nik", &["nik", "no_ktp", "nomor_ktp"]),
    Field::optional("telepon", &["telepon", "no_telepon", "telp", "hp", "no_hp"]),
    Field::optional("npwp", &["npwp"]),
    Field::optional("anonim", &["anonim", "anonymous"]),
];
const TANGGAL: FieldId = FieldId(0);
const ARAH: FieldId = FieldId(1);
const SUMBER: FieldId = FieldId(2);
const KATEGORI: FieldId = FieldId(3);
const SUMBER_KATEGORI: FieldId = FieldId(4);
const BENTUK: FieldId = FieldId(5);
const JUMLAH_UNIT: FieldId = FieldId(6);
const SATUAN: FieldId = FieldId(7);
const JENIS_JASA: FieldId = FieldId(8);
const REKENING: FieldId = FieldId(9);
const NILAI: FieldId = FieldId(10);
const URAIAN: FieldId = FieldId(11);
const NAMA: FieldId = FieldId(12);
const ALAMAT: FieldId = FieldId(13);
const NIK: FieldId = FieldId(14);
const TELEPON: FieldId = FieldId(15);
const NPWP: FieldId = FieldId(16);
const ANONIM: FieldId = FieldId(17);

/// "Badan Usaha Swasta" → "badan_usaha_swasta".
fn kata(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

fn pilihan<T: Copy>(all: &[T], slug: impl Fn(T) -> &'static str) -> String {
    all.iter().map(|v| slug(*v)).collect::<Vec<_>>().join(", ")
}

fn ya(s: &str) -> Option<bool> {
    match kata(s).as_str() {
        "" | "tidak" | "t" | "no" | "n" | "0" | "false" => Some(false),
        "ya" | "y" | "yes" | "1" | "true" | "anonim" => Some(true),
        _ => None,
    }
}

fn isi(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Reads the ledger; every bad row is a problem with its line and column.
pub fn read_buku_dana(path: &Path, opts: &ImportOptions) -> Result<Parsed<BarisDana>, FileError> {
    let mut table = Table::open(path, &FIELDS, opts)?;
    if !table.has(SUMBER) && !table.has(KATEGORI) && !table.has(SUMBER_KATEGORI) {
        return Err(table.missing(SUMBER, ", atau kolom kategori, atau sumber_atau_kategori"));
    }
    let label = table.label().to_string();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut p: Vec<Problem> = Vec::new();
    while let Some(rec) = table.next_record()? {
        if rows.len() as u64 >= BARIS_UTUH_MAKS {
            return Err(FileError::Limit {
                file: label.clone(),
                line: Some(rec.line()),
                reason: format!(
                    "lebih dari {} baris; buku ini diperiksa utuh sebelum dicatat: pecah menjadi beberapa berkas",
                    ribuan(BARIS_UTUH_MAKS)
                ),
            });
        }
        p.clear();
        let tanggal = crate::parse_tanggal(rec.text(TANGGAL))
            .map_err(|_| {
                p.push(rec.problem(
                    Some(TANGGAL),
                    format!(
                        "tanggal '{}' tidak sah (tulis TTTT-BB-HH, HH-BB-TTTT atau HH/BB/TTTT)",
                        rec.text(TANGGAL).trim()
                    ),
                ))
            })
            .ok();
        let arah = Arah::parse(&kata(rec.text(ARAH)))
            .map_err(|_| {
                p.push(rec.problem(
                    Some(ARAH),
                    format!(
                        "'{}' bukan penerimaan atau pengeluaran",
                        rec.text(ARAH).trim()
                    ),
                ))
            })
            .ok();
        // Which column names the source or category, by direction.
        let jenis_sel = |khusus: FieldId| -> Option<(FieldId, &str)> {
            [khusus, SUMBER_KATEGORI]
                .into_iter()
                .map(|f| (f, rec.text(f)))
                .find(|(_, t)| !t.trim().is_empty())
        };
        let jenis = match arah {
            Some(Arah::Penerimaan) => match jenis_sel(SUMBER) {
                None => {
                    p.push(rec.problem(
                        Some(SUMBER),
                        format!(
                            "penerimaan perlu sumbernya: {}",
                            pilihan(SumberDana::ALL, SumberDana::slug)
                        ),
                    ));
                    None
                }
                Some((f, t)) => match SumberDana::parse(&kata(t)) {
                    Err(_) => {
                        p.push(rec.problem(
                            Some(f),
                            format!(
                                "sumber '{}' tidak dikenal: {}",
                                t.trim(),
                                pilihan(SumberDana::ALL, SumberDana::slug)
                            ),
                        ));
                        None
                    }
                    Ok(sumber) => {
                        let anonim = ya(rec.text(ANONIM)).unwrap_or_else(|| {
                            p.push(rec.problem(
                                Some(ANONIM),
                                format!("'{}' bukan ya atau tidak", rec.text(ANONIM)),
                            ));
                            false
                        });
                        let penyumbang = (!anonim).then(|| PenyumbangBaris {
                            nama: clean_name(rec.text(NAMA)),
                            alamat: clean_name(rec.text(ALAMAT)),
                            nik: isi(rec.text(NIK)),
                            telepon: isi(rec.text(TELEPON)),
                            npwp: isi(rec.text(NPWP)),
                        });
                        if let Some(d) = &penyumbang
                            && d.nama.is_empty()
                        {
                            p.push(rec.problem(
                                Some(NAMA),
                                "nama penyumbang kosong; sumbangan yang tidak dapat disebut penyumbangnya ditulis 'ya' di kolom anonim",
                            ));
                        }
                        Some(JenisBarisDana::Penerimaan { sumber, penyumbang })
                    }
                },
            },
            Some(Arah::Pengeluaran) => match jenis_sel(KATEGORI) {
                None => {
                    p.push(rec.problem(
                        Some(KATEGORI),
                        format!(
                            "pengeluaran perlu kategorinya: {}",
                            pilihan(KategoriBelanja::ALL, KategoriBelanja::slug)
                        ),
                    ));
                    None
                }
                Some((f, t)) => match KategoriBelanja::parse(&kata(t)) {
                    Err(_) => {
                        p.push(rec.problem(
                            Some(f),
                            format!(
                                "kategori '{}' tidak dikenal: {}",
                                t.trim(),
                                pilihan(KategoriBelanja::ALL, KategoriBelanja::slug)
                            ),
                        ));
                        None
                    }
                    Ok(kategori) => Some(JenisBarisDana::Pengeluaran { kategori }),
                },
            },
            None => None,
        };
        let bentuk = match JenisBentuk::parse(
            &isi(rec.text(BENTUK)).map_or("uang".into(), |b| kata(&b)),
        ) {
            Err(_) => {
                p.push(rec.problem(
                    Some(BENTUK),
                    format!(
                        "bentuk '{}' bukan uang, barang atau jasa",
                        rec.text(BENTUK).trim()
                    ),
                ));
                None
            }
            Ok(JenisBentuk::Uang) => Some(BentukDana::Uang),
            Ok(JenisBentuk::Barang) => {
                let unit = rec.text(JUMLAH_UNIT).trim();
                let satuan = clean_name(rec.text(SATUAN));
                match unit.parse::<u32>() {
                    Ok(n) if n > 0 && !satuan.is_empty() => Some(BentukDana::Barang {
                        jumlah_unit: n,
                        satuan,
                    }),
                    Ok(n) if n > 0 => {
                        p.push(rec.problem(
                            Some(SATUAN),
                            "barang perlu satuannya (kaos, lembar, paket…)",
                        ));
                        None
                    }
                    _ => {
                        p.push(rec.problem(
                            Some(JUMLAH_UNIT),
                            format!("barang perlu jumlah unit berupa bilangan bulat lebih dari nol, bukan '{unit}'"),
                        ));
                        None
                    }
                }
            }
            Ok(JenisBentuk::Jasa) => match isi(rec.text(JENIS_JASA)) {
                Some(jenis) => Some(BentukDana::Jasa { jenis }),
                None => {
                    p.push(rec.problem(Some(JENIS_JASA), "jasa perlu jenis jasanya"));
                    None
                }
            },
        };
        let rekening =
            match Rekening::parse(&isi(rec.text(REKENING)).map_or("rkdk".into(), |r| kata(&r))) {
                Ok(r) => Some(r),
                Err(_) => {
                    p.push(rec.problem(
                        Some(REKENING),
                        format!(
                            "rekening '{}' bukan rkdk atau tunai",
                            rec.text(REKENING).trim()
                        ),
                    ));
                    None
                }
            };
        let nilai = match Uang::parse(rec.text(NILAI)) {
            Ok(u) if u.positif() => Some(u),
            Ok(_) => {
                p.push(rec.problem(
                    Some(NILAI),
                    "nilai harus lebih dari nol; pengurangan dicatat sebagai koreksi",
                ));
                None
            }
            Err(e) => {
                p.push(rec.problem(Some(NILAI), e.to_string()));
                None
            }
        };
        match (tanggal, jenis, bentuk, rekening, nilai) {
            (Some(tanggal), Some(jenis), Some(bentuk), Some(rekening), Some(nilai))
                if p.is_empty() =>
            {
                rows.push(Located {
                    line: rec.line(),
                    value: BarisDana {
                        tanggal,
                        jenis,
                        bentuk,
                        rekening,
                        nilai,
                        uraian: rec.text(URAIAN).trim().to_string(),
                    },
                })
            }
            _ => problems.append(&mut p),
        }
    }
    Ok(finish(table, rows, problems))
}
