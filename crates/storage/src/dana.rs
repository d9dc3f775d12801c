//! Campaign finance (dana kampanye) as stored: an election's finance
//! settings, its donors (identity sealed by the application, blind
//! indexes for de-duplication), the append-only ledger and the returns of
//! excess. The rules are `posko_domain::dana`'s; this is the shape both
//! backends keep, with the column conversions they share.

use posko_domain::dana::{
    Arah, BentukDana, KategoriBelanja, Periode, Rekening, SumberDana, TujuanKelebihan, Uang,
};
use serde::Serialize;
use time::Date;
use uuid::Uuid;

use crate::baris::rusak;
use crate::{DataTersandi, Result, StoreError};

/// An election's finance calendar and the region's spending cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PengaturanDana {
    pub pemilihan_id: Uuid,
    pub mulai_kampanye: Date,
    pub akhir_kampanye: Date,
    /// Set by the region's KPU; None while unknown.
    pub batas_belanja: Option<Uang>,
    /// The KPU's own calendar when it differs from the 2024 pattern: each
    /// report's last booked date and filing deadline (LADK, LPSDK, LPPDK).
    pub jadwal: Option<[(Date, Date); 3]>,
    /// Unix seconds.
    pub diubah: i64,
}

/// What [`crate::DanaStore::catat_sumbangan_penyumbang_baru`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumbanganPenyumbangBaru {
    /// The donor and the donation are stored; the entry's number.
    Dicatat(i64),
    /// The election already has this donor (by NIK or NPWP): nothing was
    /// written; record the donation against this id.
    PenyumbangAda(Uuid),
}

/// A report recorded as filed with the KPU (through SIKADEKA). Kept as a
/// history: a report filed again (a revision the KPU asked for) is a new
/// record, the latest counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PenyampaianDana {
    pub id: Uuid,
    pub pemilihan_id: Uuid,
    pub periode: Periode,
    /// The day it was filed.
    pub tanggal: Date,
    /// The receipt (tanda terima) number SIKADEKA or the KPU office gave;
    /// empty when none was given.
    pub tanda_terima: String,
    pub catatan: String,
    pub dicatat_oleh: Uuid,
    /// Unix seconds.
    pub dicatat: i64,
}

/// A donor of one election's campaign. The store sees only sealed values
/// and their blind indexes; `nik` and `npwp` are unique per election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenyumbangDana {
    pub id: Uuid,
    pub pemilihan_id: Uuid,
    pub sumber: SumberDana,
    /// The identity document (name, address, phone, NIK, NPWP) sealed
    /// whole; None for a donor who cannot be identified.
    pub identitas: Option<DataTersandi>,
    pub nik: Option<DataTersandi>,
    pub telepon: Option<DataTersandi>,
    pub npwp: Option<DataTersandi>,
    pub dibuat_oleh: Uuid,
    /// Unix seconds.
    pub dibuat: i64,
}

/// What a ledger entry is, by direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "arah", rename_all = "snake_case")]
pub enum JenisEntriDana {
    /// A receipt; `penyumbang_id` None: anonymous (its money may not be used).
    Penerimaan {
        sumber: SumberDana,
        penyumbang_id: Option<Uuid>,
    },
    Pengeluaran {
        kategori: KategoriBelanja,
    },
}

impl JenisEntriDana {
    pub fn arah(&self) -> Arah {
        match self {
            JenisEntriDana::Penerimaan { .. } => Arah::Penerimaan,
            JenisEntriDana::Pengeluaran { .. } => Arah::Pengeluaran,
        }
    }
}

/// One line of an election's ledger, as written; never changed after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntriDana {
    pub id: Uuid,
    pub pemilihan_id: Uuid,
    /// 1, 2, 3… per election in writing order, given by the store.
    pub nomor: i64,
    pub tanggal: Date,
    pub jenis: JenisEntriDana,
    pub bentuk: BentukDana,
    pub rekening: Rekening,
    pub nilai: Uang,
    pub koreksi_atas: Option<Uuid>,
    pub susulan: Option<Periode>,
    pub uraian: String,
    /// SHA-256 (lowercase hex) of each receipt or proof.
    pub bukti: Vec<String>,
    pub dicatat_oleh: Uuid,
    /// Unix seconds.
    pub dicatat: i64,
}

/// Excess handed back to a donor or paid to the state treasury.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PengembalianDana {
    pub id: Uuid,
    pub pemilihan_id: Uuid,
    pub tanggal: Date,
    pub sumber: SumberDana,
    /// None: excess of anonymous donations of `sumber`.
    pub penyumbang_id: Option<Uuid>,
    pub nilai: Uang,
    pub tujuan: TujuanKelebihan,
    /// The spending entry that moved the money out, when booked.
    pub entri_id: Option<Uuid>,
    pub dicatat_oleh: Uuid,
    /// Unix seconds.
    pub dicatat: i64,
}

/// Which entries [`crate::DanaStore::daftar_entri_dana`] lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaringDana {
    /// First date, inclusive.
    pub dari: Option<Date>,
    /// Last date, inclusive.
    pub sampai: Option<Date>,
    pub penyumbang_id: Option<Uuid>,
}

/// The form's columns: `bentuk`, `jumlah_unit`, `satuan`, `jenis_jasa`.
pub fn kolom_bentuk(b: &BentukDana) -> (&'static str, Option<i64>, Option<&str>, Option<&str>) {
    match b {
        BentukDana::Uang => ("uang", None, None, None),
        BentukDana::Barang {
            jumlah_unit,
            satuan,
        } => ("barang", Some(i64::from(*jumlah_unit)), Some(satuan), None),
        BentukDana::Jasa { jenis } => ("jasa", None, None, Some(jenis)),
    }
}

/// The form from its columns.
pub fn bentuk_dari(
    bentuk: &str,
    jumlah_unit: Option<i64>,
    satuan: Option<String>,
    jenis_jasa: Option<String>,
) -> Result<BentukDana> {
    Ok(match bentuk {
        "uang" => BentukDana::Uang,
        "barang" => BentukDana::Barang {
            jumlah_unit: jumlah_unit
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| StoreError::Corrupt("entri dana: jumlah unit barang".into()))?,
            satuan: satuan.unwrap_or_default(),
        },
        "jasa" => BentukDana::Jasa {
            jenis: jenis_jasa.unwrap_or_default(),
        },
        lain => return Err(StoreError::Corrupt(format!("entri dana: bentuk '{lain}'"))),
    })
}

/// The direction's columns: `arah`, `sumber`, `penyumbang_id`, `kategori`.
pub fn kolom_jenis(
    j: &JenisEntriDana,
) -> (
    &'static str,
    Option<&'static str>,
    Option<Uuid>,
    Option<&'static str>,
) {
    match j {
        JenisEntriDana::Penerimaan {
            sumber,
            penyumbang_id,
        } => ("penerimaan", Some(sumber.slug()), *penyumbang_id, None),
        JenisEntriDana::Pengeluaran { kategori } => {
            ("pengeluaran", None, None, Some(kategori.slug()))
        }
    }
}

/// The direction from its columns.
pub fn jenis_dari(
    arah: &str,
    sumber: Option<&str>,
    penyumbang_id: Option<Uuid>,
    kategori: Option<&str>,
) -> Result<JenisEntriDana> {
    match (arah, sumber, kategori) {
        ("penerimaan", Some(s), None) => Ok(JenisEntriDana::Penerimaan {
            sumber: SumberDana::parse(s).map_err(|e| rusak("sumber dana", e))?,
            penyumbang_id,
        }),
        ("pengeluaran", None, Some(k)) => Ok(JenisEntriDana::Pengeluaran {
            kategori: KategoriBelanja::parse(k).map_err(|e| rusak("kategori belanja", e))?,
        }),
        _ => Err(StoreError::Corrupt(format!("entri dana: arah '{arah}'"))),
    }
}

/// The proofs' hashes as stored (a JSON array).
pub fn bukti_teks(bukti: &[String]) -> String {
    serde_json::to_string(bukti).unwrap_or_else(|_| "[]".into())
}

pub fn bukti_dari(teks: &str) -> Result<Vec<String>> {
    serde_json::from_str(teks).map_err(|e| rusak("bukti dana", e))
}

/// A sealed value from its two columns.
pub fn tersandi(sandi: Option<String>, indeks: Option<String>) -> Option<DataTersandi> {
    match (sandi, indeks) {
        (Some(sandi), Some(indeks)) => Some(DataTersandi { sandi, indeks }),
        _ => None,
    }
}

pub fn periode_dari(s: Option<&str>) -> Result<Option<Periode>> {
    s.map(|s| Periode::parse(s).map_err(|e| rusak("periode laporan", e)))
        .transpose()
}

const TANGGAL: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// A stored KPU calendar as text: `[["2024-09-24","2024-09-24"], …]`.
pub fn jadwal_teks(j: &[(Date, Date); 3]) -> String {
    let teks = |d: Date| d.format(TANGGAL).unwrap_or_default();
    let pasangan: Vec<[String; 2]> = j.iter().map(|(a, b)| [teks(*a), teks(*b)]).collect();
    serde_json::to_string(&pasangan).unwrap_or_else(|_| "[]".into())
}

pub fn jadwal_dari(s: &str) -> Result<[(Date, Date); 3]> {
    let pasangan: Vec<[String; 2]> =
        serde_json::from_str(s).map_err(|e| rusak("jadwal dana", e))?;
    let tanggal = |t: &str| Date::parse(t, TANGGAL).map_err(|e| rusak("jadwal dana", e));
    let v = pasangan
        .iter()
        .map(|[a, b]| Ok((tanggal(a)?, tanggal(b)?)))
        .collect::<Result<Vec<_>>>()?;
    v.try_into()
        .map_err(|_| StoreError::Corrupt("jadwal dana: harus tiga periode".into()))
}
