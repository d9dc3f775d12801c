//! The ledger's words: where money came from, in what form, which way it
//! moved, through which account and on what it was spent, and the entry
//! itself. Entries are never edited; a correction is a new entry that
//! names the one it corrects ([`Entri::koreksi_atas`]), so the ledger a
//! KPU auditor reads is the ledger as it was written.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use super::periode::Periode;
use super::uang::{Uang, UangError};

/// Generates `ALL`, `slug`, `label`, `label_en` and `parse` for a plain
/// enum, the same five every vocabulary enum here needs.
macro_rules! kosakata {
    ($t:ident, $galat:literal, [$($v:ident => $slug:literal, $id:literal, $en:literal;)+]) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$($t::$v),+];

            /// Stored and used in URLs and the API.
            pub fn slug(self) -> &'static str {
                match self { $($t::$v => $slug),+ }
            }

            /// As the KPU forms name it.
            pub fn label(self) -> &'static str {
                match self { $($t::$v => $id),+ }
            }

            pub fn label_en(self) -> &'static str {
                match self { $($t::$v => $en),+ }
            }

            pub fn parse(s: &str) -> Result<$t, $crate::dana::KosakataError> {
                let s = s.trim().to_lowercase();
                $t::ALL
                    .iter()
                    .copied()
                    .find(|v| v.slug() == s)
                    .ok_or($crate::dana::KosakataError { jenis: $galat, teks: s })
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }
    };
}
pub(crate) use kosakata;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{jenis} '{teks}' tidak dikenal")]
pub struct KosakataError {
    pub jenis: &'static str,
    pub teks: String,
}

/// Where a donation comes from (PKPU 14/2024's sources of campaign funds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SumberDana {
    /// The candidate pair's own money.
    Paslon,
    /// The nominating party or coalition of parties.
    PartaiPolitik,
    /// An individual.
    Perseorangan,
    /// A group (not a legal entity).
    Kelompok,
    /// A private legal entity (company, foundation); state- and
    /// region-owned companies may not donate at all.
    BadanUsahaSwasta,
}

kosakata!(SumberDana, "sumber dana", [
    Paslon => "paslon", "pasangan calon", "candidate pair";
    PartaiPolitik => "partai_politik", "partai politik atau gabungan partai politik", "political party or coalition";
    Perseorangan => "perseorangan", "perseorangan", "individual";
    Kelompok => "kelompok", "kelompok", "group";
    BadanUsahaSwasta => "badan_usaha_swasta", "badan hukum swasta", "private legal entity";
]);

/// The kind of a donation's form, for grouping reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisBentuk {
    Uang,
    Barang,
    Jasa,
}

kosakata!(JenisBentuk, "bentuk dana", [
    Uang => "uang", "uang", "cash";
    Barang => "barang", "barang", "goods";
    Jasa => "jasa", "jasa", "services";
]);

/// The form funds take. Goods and services are booked at their value
/// (the entry's `nilai`, market price when given); what was given is kept
/// here so the report can say "500 kaos" rather than only a sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "bentuk", rename_all = "snake_case")]
pub enum BentukDana {
    Uang,
    Barang { jumlah_unit: u32, satuan: String },
    Jasa { jenis: String },
}

impl BentukDana {
    pub fn jenis(&self) -> JenisBentuk {
        match self {
            BentukDana::Uang => JenisBentuk::Uang,
            BentukDana::Barang { .. } => JenisBentuk::Barang,
            BentukDana::Jasa { .. } => JenisBentuk::Jasa,
        }
    }
}

/// Which way money moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arah {
    Penerimaan,
    Pengeluaran,
}

kosakata!(Arah, "arah", [
    Penerimaan => "penerimaan", "penerimaan", "receipt";
    Pengeluaran => "pengeluaran", "pengeluaran", "spending";
]);

/// Where cash sits: the one dedicated bank account, or petty cash drawn
/// from it (goods and services touch neither; they are booked as `Tunai`
/// by convention and never reconciled against the bank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rekening {
    /// Rekening khusus dana kampanye.
    Rkdk,
    Tunai,
}

kosakata!(Rekening, "rekening", [
    Rkdk => "rkdk", "rekening khusus dana kampanye (RKDK)", "dedicated campaign account (RKDK)";
    Tunai => "tunai", "kas tunai", "petty cash";
]);

/// What money was spent on: the KPU's kinds of campaign activity, plus
/// the two outflows that are not campaigning but still leave the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KategoriBelanja {
    PertemuanTerbatas,
    TatapMuka,
    BahanKampanye,
    AlatPeragaKampanye,
    IklanMedia,
    RapatUmum,
    KegiatanLain,
    /// Bank fees, stamp duty, administration.
    BiayaAdministrasi,
    /// An excess donation handed back or paid to the state treasury: it
    /// leaves the RKDK, so the bank statement shows it.
    PengembalianKelebihan,
}

kosakata!(KategoriBelanja, "kategori belanja", [
    PertemuanTerbatas => "pertemuan_terbatas", "pertemuan terbatas", "limited meetings";
    TatapMuka => "tatap_muka", "pertemuan tatap muka dan dialog", "face-to-face meetings and dialogue";
    BahanKampanye => "bahan_kampanye", "bahan kampanye", "campaign materials";
    AlatPeragaKampanye => "alat_peraga_kampanye", "alat peraga kampanye (APK)", "campaign display materials (APK)";
    IklanMedia => "iklan_media", "iklan media massa cetak, elektronik dan daring", "print, broadcast and online advertising";
    RapatUmum => "rapat_umum", "rapat umum (kampanye akbar)", "rallies";
    KegiatanLain => "kegiatan_lain", "kegiatan lain yang tidak melanggar larangan kampanye", "other lawful campaign activities";
    BiayaAdministrasi => "biaya_administrasi", "biaya administrasi dan bank", "administrative and bank charges";
    PengembalianKelebihan => "pengembalian_kelebihan", "pengembalian/penyerahan kelebihan sumbangan", "return of excess donations";
]);

/// Who gave: the source and, when known, an identity that names one
/// donor across entries (NIK, NPWP, or the party's name, as the caller
/// keys donors). `None` is an anonymous or unidentifiable donor, whose
/// money may not be used.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Penyumbang {
    pub sumber: SumberDana,
    pub identitas: Option<String>,
}

impl Penyumbang {
    pub fn teridentifikasi(&self) -> bool {
        self.identitas
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty())
    }
}

/// What an entry is, by direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "arah", rename_all = "snake_case")]
pub enum JenisEntri {
    Penerimaan { penyumbang: Penyumbang },
    Pengeluaran { kategori: KategoriBelanja },
}

/// One line of the campaign ledger (buku kas dana kampanye).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entri {
    pub id: Uuid,
    /// When the money (or goods, or service) moved.
    pub tanggal: Date,
    pub jenis: JenisEntri,
    pub bentuk: BentukDana,
    pub rekening: Rekening,
    /// Positive for an original entry; a correction may be either sign
    /// (−Rp500.000 takes back half of a Rp1.000.000 receipt).
    pub nilai: Uang,
    /// The entry this one corrects, when it is a correction.
    pub koreksi_atas: Option<Uuid>,
    /// Set when the entry was booked after its own period closed: the
    /// period whose report carries it, as a late adjustment
    /// (see [`super::periode::JadwalDana::tempatkan`]).
    pub susulan: Option<Periode>,
    pub uraian: String,
}

impl Entri {
    pub fn arah(&self) -> Arah {
        match self.jenis {
            JenisEntri::Penerimaan { .. } => Arah::Penerimaan,
            JenisEntri::Pengeluaran { .. } => Arah::Pengeluaran,
        }
    }

    pub fn penyumbang(&self) -> Option<&Penyumbang> {
        match &self.jenis {
            JenisEntri::Penerimaan { penyumbang } => Some(penyumbang),
            JenisEntri::Pengeluaran { .. } => None,
        }
    }

    /// The entry's effect on the balance: receipts add, spending takes.
    pub fn nilai_bertanda(&self) -> Result<Uang, UangError> {
        match self.arah() {
            Arah::Penerimaan => Ok(self.nilai),
            Arah::Pengeluaran => self.nilai.negasi(),
        }
    }
}

/// What is wrong with a ledger as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BukuError {
    #[error("entri {0} tercatat dua kali")]
    Ganda(Uuid),
    #[error("entri {0} bernilai nol atau negatif; pengurangan dicatat sebagai koreksi")]
    NilaiTidakPositif(Uuid),
    #[error("koreksi {0} bernilai nol")]
    KoreksiNol(Uuid),
    #[error("koreksi {koreksi} merujuk entri {rujukan} yang tidak ada sebelumnya")]
    RujukanHilang { koreksi: Uuid, rujukan: Uuid },
    #[error("koreksi {0} berbeda arah, penyumbang atau kategori dari entri yang dikoreksi")]
    KoreksiBerbeda(Uuid),
    #[error("entri {0} beserta koreksinya bernilai di bawah nol")]
    BersihNegatif(Uuid),
    #[error(transparent)]
    Uang(#[from] UangError),
}

/// Checks the rules that keep a ledger honest: ids unique, originals
/// positive, corrections name an earlier entry of the same kind (a
/// correction of a correction points at the original's chain too) and no
/// entry is corrected below zero. Every problem is returned, not the first.
pub fn periksa_buku(buku: &[Entri]) -> Result<(), Vec<BukuError>> {
    let mut galat = Vec::new();
    let mut akar: HashMap<Uuid, Uuid> = HashMap::new();
    let mut bersih: HashMap<Uuid, Uang> = HashMap::new();
    let mut asal: HashMap<Uuid, &Entri> = HashMap::new();
    for e in buku {
        if asal.contains_key(&e.id) {
            galat.push(BukuError::Ganda(e.id));
            continue;
        }
        match e.koreksi_atas {
            None => {
                if !e.nilai.positif() {
                    galat.push(BukuError::NilaiTidakPositif(e.id));
                }
                akar.insert(e.id, e.id);
                bersih.insert(e.id, e.nilai);
            }
            Some(r) => {
                if e.nilai == Uang::NOL {
                    galat.push(BukuError::KoreksiNol(e.id));
                }
                let Some(&a) = akar.get(&r) else {
                    galat.push(BukuError::RujukanHilang {
                        koreksi: e.id,
                        rujukan: r,
                    });
                    asal.insert(e.id, e);
                    continue;
                };
                if asal[&a].jenis != e.jenis {
                    galat.push(BukuError::KoreksiBerbeda(e.id));
                }
                akar.insert(e.id, a);
                match bersih[&a].tambah(e.nilai) {
                    Ok(b) => {
                        bersih.insert(a, b);
                    }
                    Err(u) => galat.push(u.into()),
                }
            }
        }
        asal.insert(e.id, e);
    }
    let mut bawah: Vec<Uuid> = bersih
        .iter()
        .filter(|(_, b)| b.negatif())
        .map(|(id, _)| *id)
        .collect();
    bawah.sort();
    galat.extend(bawah.into_iter().map(BukuError::BersihNegatif));
    if galat.is_empty() { Ok(()) } else { Err(galat) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn slug_kembali_ke_nilainya() {
        for s in SumberDana::ALL {
            assert_eq!(SumberDana::parse(s.slug()), Ok(*s));
            assert!(!s.label().is_empty() && !s.label_en().is_empty());
        }
        for k in KategoriBelanja::ALL {
            assert_eq!(KategoriBelanja::parse(&k.slug().to_uppercase()), Ok(*k));
        }
        for v in JenisBentuk::ALL {
            assert_eq!(JenisBentuk::parse(v.slug()), Ok(*v));
        }
        for v in Arah::ALL {
            assert_eq!(Arah::parse(v.slug()), Ok(*v));
        }
        for v in Rekening::ALL {
            assert_eq!(Rekening::parse(v.slug()), Ok(*v));
        }
        let e = SumberDana::parse(" Asing ").unwrap_err();
        assert_eq!(e.to_string(), "sumber dana 'asing' tidak dikenal");
    }

    fn entri(n: u128, nilai: i64, koreksi_atas: Option<u128>, kategori: KategoriBelanja) -> Entri {
        Entri {
            id: Uuid::from_u128(n),
            tanggal: date!(2024 - 10 - 01),
            jenis: JenisEntri::Pengeluaran { kategori },
            bentuk: BentukDana::Uang,
            rekening: Rekening::Rkdk,
            nilai: Uang::rupiah(nilai).unwrap(),
            koreksi_atas: koreksi_atas.map(Uuid::from_u128),
            susulan: None,
            uraian: String::new(),
        }
    }

    #[test]
    fn buku_yang_benar() {
        let k = KategoriBelanja::BahanKampanye;
        let buku = [
            entri(1, 100, None, k),
            entri(2, -30, Some(1), k),
            entri(3, -70, Some(2), k),
        ];
        assert_eq!(periksa_buku(&buku), Ok(()));
    }

    #[test]
    fn semua_masalah_buku() {
        let k = KategoriBelanja::BahanKampanye;
        let buku = [
            entri(1, 100, None, k),
            entri(1, 100, None, k),
            entri(2, 0, None, k),
            entri(3, -150, Some(1), k),
            entri(4, 0, Some(1), k),
            entri(5, 10, Some(9), k),
            entri(6, 10, Some(1), KategoriBelanja::RapatUmum),
        ];
        let id = Uuid::from_u128;
        assert_eq!(
            periksa_buku(&buku),
            Err(vec![
                BukuError::Ganda(id(1)),
                BukuError::NilaiTidakPositif(id(2)),
                BukuError::KoreksiNol(id(4)),
                BukuError::RujukanHilang {
                    koreksi: id(5),
                    rujukan: id(9)
                },
                BukuError::KoreksiBerbeda(id(6)),
                BukuError::BersihNegatif(id(1)),
            ])
        );
    }
}
