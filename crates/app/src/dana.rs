//! Campaign finance (dana kampanye, issue 22): the treasurer's ledger on
//! top of `posko_domain::dana`. Donors are recorded with their identity
//! sealed by the [`crate::Brankas`] and blind indexes of NIK, phone and
//! NPWP (one donor per NIK or NPWP in a campaign); donations, spending,
//! corrections and returns of excess are appended to the election's
//! ledger with their audit entry, never edited. The caps, periods and
//! reports are the domain's rules, applied here to what is stored.
//!
//! Who: `Izin::CatatDana` writes (bendahara, manager, admin),
//! `Izin::LihatDana` reads (those and the auditor); nobody else sees a
//! donor. An audit summary never names a donor: it carries ids and the
//! blind indexes' hash only.

mod baca;
mod berkas;
mod bukti;
mod catat;
mod daftar;
mod impor_buku;
mod jadwal;
mod mutasi;
pub use berkas::{FormatLaporan, ZipManifest, baris_laporan, csv_buku, zip_dengan_manifest};
pub use bukti::{BUKTI_MAKS, BUKTI_PER_ENTRI, ekstensi_bukti, jenis_bukti, periksa_berkas_bukti};
pub use daftar::{BarisPenyumbang, BerkasPenyumbang};
pub use impor_buku::{BarisTertulis, ImporBuku};
pub use jadwal::{JadwalTerlihat, StatusPeriode};
pub use mutasi::HasilImporMutasi;
/// A bad row or cell of a file brought in: file, line, column, reason.
pub use posko_import::Problem;

use posko_domain::dana::{
    Bagian, BentukDana, Entri, JadwalDana, JenisEntri, KategoriBelanja, Laporan,
    PengembalianKelebihan, Penyumbang, Periode, PosisiPenyumbang, Rekening, SumberDana,
    TujuanKelebihan, Uang, periksa_buku, periksa_laporan, pisah_sumbangan, posisi_penyumbang,
    susun_laporan,
};
use posko_domain::{Izin, Jejak, Nik, Objek, Telepon, diizinkan};
use posko_storage::{
    EntriDana, JenisEntriDana, KolomRahasia, Pemilihan, PengaturanDana, PengembalianDana, Pengguna,
    PenyumbangDana, SaringDana, SumbanganPenyumbangBaru,
};
use serde::{Deserialize, Serialize};
use time::{Date, UtcOffset};
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// Who a donor is, as the treasurer types it. Sealed whole at rest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentitasPenyumbang {
    pub nama: String,
    pub alamat: String,
    pub telepon: Option<String>,
    /// Required of an individual.
    pub nik: Option<String>,
    /// Required of a private legal entity.
    pub npwp: Option<String>,
}

/// Who gave a donation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PilihPenyumbang {
    /// A donor already recorded for this election.
    Tercatat(Uuid),
    /// A donor to record now (or the one already recorded with this NIK
    /// or NPWP).
    Baru {
        sumber: SumberDana,
        identitas: IdentitasPenyumbang,
    },
    /// Nobody can say who: recorded, and all of it is excess.
    Anonim { sumber: SumberDana },
}

/// A donation as the treasurer enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumbanganBaru {
    pub tanggal: Date,
    pub penyumbang: PilihPenyumbang,
    pub bentuk: BentukDana,
    pub rekening: Rekening,
    /// Positive; a reduction is a correction.
    pub nilai: Uang,
    pub uraian: String,
    /// SHA-256 (hex) of the receipts.
    pub bukti: Vec<String>,
}

/// Spending as the treasurer enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BelanjaBaru {
    pub tanggal: Date,
    pub kategori: KategoriBelanja,
    pub bentuk: BentukDana,
    pub rekening: Rekening,
    /// Positive.
    pub nilai: Uang,
    pub uraian: String,
    pub bukti: Vec<String>,
}

/// A correction of an entry: a new entry of the same kind, by `nilai`
/// (either sign, never zero).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KoreksiBaru {
    pub atas: Uuid,
    pub tanggal: Date,
    pub nilai: Uang,
    pub uraian: String,
    pub bukti: Vec<String>,
}

/// Excess handed back or paid to the state treasury.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PengembalianBaru {
    pub tanggal: Date,
    /// None: excess of anonymous donations of `sumber` (always to the
    /// treasury).
    pub penyumbang_id: Option<Uuid>,
    /// Used for an anonymous return; a known donor's own source otherwise.
    pub sumber: SumberDana,
    pub nilai: Uang,
    pub tujuan: TujuanKelebihan,
    /// The spending entry (`pengembalian_kelebihan`) that moved the money.
    pub entri_id: Option<Uuid>,
}

/// What writing an entry did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HasilEntriDana {
    pub id: Uuid,
    /// Its number in the election's ledger.
    pub nomor: i64,
    /// Set when the entry's own period was closed: the period that carries
    /// it as a late adjustment.
    pub susulan: Option<Periode>,
    /// The donor of a receipt (None: anonymous, or spending).
    pub penyumbang_id: Option<Uuid>,
    /// For a receipt: how much of this entry may be used and how much is
    /// excess, given the donor's whole history.
    pub bagian: Option<Bagian>,
}

/// A donor with their identity opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenyumbangTerbuka {
    pub id: Uuid,
    pub sumber: SumberDana,
    pub identitas: Option<IdentitasPenyumbang>,
    pub dibuat: i64,
}

/// One donor's standing; `penyumbang_id` None: the anonymous donations of
/// one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosisiDana {
    pub penyumbang_id: Option<Uuid>,
    pub posisi: PosisiPenyumbang,
}

/// The ledger at a glance: what the finance page and war room show.
#[derive(Debug, Clone, PartialEq)]
pub struct RingkasanDana {
    pub total_penerimaan: Uang,
    pub total_pengeluaran: Uang,
    /// Receipts less spending, in every form.
    pub saldo: Uang,
    /// Of the receipts, what may not be used (over a cap, or anonymous).
    pub kelebihan: Uang,
    pub belum_dikembalikan: Uang,
    /// The region's spending cap, when set.
    pub batas_belanja: Option<Uang>,
    /// Campaign spending counted against the cap: all spending but the
    /// returns of excess, which are not campaigning.
    pub belanja_kampanye: Uang,
    /// `belanja_kampanye` as a percentage of the cap, to two decimals.
    pub persen_batas: Option<f64>,
}

fn tolak(pesan: impl Into<String>) -> AppError {
    AppError::Invalid(pesan.into())
}

/// The ledger entry as the domain reads it: a donor is keyed by their id.
fn ke_domain(e: &EntriDana) -> Entri {
    Entri {
        id: e.id,
        tanggal: e.tanggal,
        jenis: match e.jenis {
            JenisEntriDana::Penerimaan {
                sumber,
                penyumbang_id,
            } => JenisEntri::Penerimaan {
                penyumbang: penyumbang_domain(sumber, penyumbang_id),
            },
            JenisEntriDana::Pengeluaran { kategori } => JenisEntri::Pengeluaran { kategori },
        },
        bentuk: e.bentuk.clone(),
        rekening: e.rekening,
        nilai: e.nilai,
        koreksi_atas: e.koreksi_atas,
        susulan: e.susulan,
        uraian: e.uraian.clone(),
    }
}

fn penyumbang_domain(sumber: SumberDana, id: Option<Uuid>) -> Penyumbang {
    Penyumbang {
        sumber,
        identitas: id.map(|i| i.to_string()),
    }
}

fn periksa_bentuk(b: &BentukDana) -> Result<()> {
    match b {
        BentukDana::Uang => Ok(()),
        BentukDana::Barang {
            jumlah_unit,
            satuan,
        } => {
            if *jumlah_unit == 0 || satuan.trim().is_empty() {
                Err(tolak(
                    "sumbangan barang perlu jumlah unit (lebih dari nol) dan satuannya",
                ))
            } else {
                Ok(())
            }
        }
        BentukDana::Jasa { jenis } => {
            if jenis.trim().is_empty() {
                Err(tolak("sumbangan jasa perlu jenis jasanya"))
            } else {
                Ok(())
            }
        }
    }
}

fn periksa_bukti(bukti: &[String]) -> Result<Vec<String>> {
    bukti
        .iter()
        .map(|h| {
            let h = h.trim().to_ascii_lowercase();
            if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) {
                Ok(h)
            } else {
                Err(tolak(format!(
                    "bukti '{h}' bukan sidik SHA-256 (64 angka heksadesimal)"
                )))
            }
        })
        .collect()
}

fn npwp_normal(s: &str) -> Result<String> {
    let angka: String = s
        .chars()
        .filter(|c| !matches!(c, '.' | '-' | ' '))
        .collect();
    if (angka.len() == 15 || angka.len() == 16) && angka.bytes().all(|b| b.is_ascii_digit()) {
        Ok(angka)
    } else {
        Err(tolak("NPWP harus 15 atau 16 angka"))
    }
}

/// A donor's identity checked and normalised (NIK and NPWP as digits, the
/// phone in its one form) as the law asks of its source: an individual
/// with a NIK, a private legal entity with an NPWP. A refusal names the
/// field it is about (nama, nik, npwp, telepon), so a file's row can point
/// at its column.
pub(crate) fn identitas_sah(
    sumber: SumberDana,
    identitas: &IdentitasPenyumbang,
) -> std::result::Result<IdentitasPenyumbang, (&'static str, String)> {
    let mut idn = identitas.clone();
    idn.nama = idn.nama.trim().to_string();
    idn.alamat = idn.alamat.trim().to_string();
    if idn.nama.is_empty() {
        return Err((
            "nama",
            "nama penyumbang wajib diisi; sumbangan tanpa identitas dicatat sebagai anonim".into(),
        ));
    }
    let kosong = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let nik = match kosong(&idn.nik) {
        Some(n) => Some(Nik::parse(&n).map_err(|e| ("nik", e.to_string()))?.expose()),
        None => None,
    };
    let npwp = match kosong(&idn.npwp) {
        Some(n) => Some(npwp_normal(&n).map_err(|e| ("npwp", e.to_string()))?),
        None => None,
    };
    let telepon = match kosong(&idn.telepon) {
        Some(t) => Some(
            Telepon::parse(&t)
                .map_err(|e| ("telepon", e.to_string()))?
                .as_str()
                .to_string(),
        ),
        None => None,
    };
    if sumber == SumberDana::Perseorangan && nik.is_none() {
        return Err(("nik", "penyumbang perseorangan wajib disertai NIK".into()));
    }
    if sumber == SumberDana::BadanUsahaSwasta && npwp.is_none() {
        return Err((
            "npwp",
            "penyumbang badan hukum swasta wajib disertai NPWP".into(),
        ));
    }
    idn.nik = nik;
    idn.npwp = npwp;
    idn.telepon = telepon;
    Ok(idn)
}

/// The blind indexes' bytes, for an audit entry that must not name anyone.
fn konten_audit(id: Uuid, indeks: &[&str]) -> Vec<u8> {
    let mut k = id.as_bytes().to_vec();
    for i in indeks {
        k.extend(i.as_bytes());
    }
    k
}

impl Posko {
    /// Today in WIB, by the Posko's clock.
    fn hari_ini_dana(&self) -> Date {
        (self.jam)()
            .to_offset(UtcOffset::from_hms(7, 0, 0).expect("valid offset"))
            .date()
    }

    /// The election, when `oleh` holds `izin` over its region. Asked before
    /// anything is read, so someone without the permission learns nothing.
    pub(crate) async fn pemilihan_dana(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        izin: Izin,
    ) -> Result<Pemilihan> {
        let dilarang = || {
            AppError::Dilarang(match izin {
                Izin::CatatDana => {
                    "mencatat dana kampanye hanya untuk bendahara dan manajer kampanye".into()
                }
                _ => "dana kampanye hanya terbuka bagi bendahara, manajer dan auditor".into(),
            })
        };
        if !oleh
            .penugasan
            .iter()
            .any(|t| t.peran.izin().contains(&izin))
        {
            return Err(dilarang());
        }
        let p = self
            .store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))?;
        if !diizinkan(&oleh.penugasan, izin, &Objek::Wilayah(p.wilayah)) {
            return Err(dilarang());
        }
        Ok(p)
    }

    /// Records a donor (or finds the one already recorded with this NIK or
    /// NPWP): returns their id and whether they are new.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_penyumbang(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        sumber: SumberDana,
        identitas: &IdentitasPenyumbang,
    ) -> Result<(Uuid, bool)> {
        self.pemilihan_dana(oleh, pemilihan_id, Izin::CatatDana)
            .await?;
        self.simpan_penyumbang(oleh, pemilihan_id, sumber, identitas)
            .await
    }

    async fn simpan_penyumbang(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        sumber: SumberDana,
        identitas: &IdentitasPenyumbang,
    ) -> Result<(Uuid, bool)> {
        let (p, cocok, jejak) = self.siapkan_penyumbang(oleh, pemilihan_id, sumber, identitas)?;
        Ok(
            match self
                .store
                .simpan_penyumbang_dana(&p, &cocok, &jejak)
                .await?
            {
                Some(ada) => (ada, false),
                None => (p.id, true),
            },
        )
    }

    /// A new donor as stored (identity sealed), the blind indexes that
    /// find them if already recorded, and the audit entry; checked, not
    /// yet written.
    fn siapkan_penyumbang(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        sumber: SumberDana,
        identitas: &IdentitasPenyumbang,
    ) -> Result<(PenyumbangDana, Vec<String>, Jejak)> {
        let idn = identitas_sah(sumber, identitas).map_err(|(_, pesan)| tolak(pesan))?;
        let (nik, npwp, telepon) = (idn.nik.clone(), idn.npwp.clone(), idn.telepon.clone());
        let id = Uuid::now_v7();
        let dokumen = serde_json::to_string(&idn).map_err(|e| AppError::Internal {
            apa: "identitas penyumbang".into(),
            sumber: Box::new(e),
        })?;
        let b = &self.brankas;
        let p = PenyumbangDana {
            id,
            pemilihan_id,
            sumber,
            identitas: Some(b.seal(KolomRahasia::PenyumbangIdentitas, id, &dokumen)),
            nik: nik
                .as_deref()
                .map(|n| b.seal(KolomRahasia::PenyumbangNik, id, n)),
            telepon: telepon
                .as_deref()
                .map(|t| b.seal(KolomRahasia::PenyumbangTelepon, id, t)),
            npwp: npwp
                .as_deref()
                .map(|n| b.seal(KolomRahasia::PenyumbangNpwp, id, n)),
            dibuat_oleh: oleh.id,
            dibuat: (self.jam)().unix_timestamp(),
        };
        let mut cocok = Vec::new();
        if let Some(n) = &nik {
            cocok.extend(b.indeks_semua(KolomRahasia::PenyumbangNik, n));
        }
        if let Some(n) = &npwp {
            cocok.extend(b.indeks_semua(KolomRahasia::PenyumbangNpwp, n));
        }
        let indeks: Vec<&str> = [&p.nik, &p.npwp]
            .into_iter()
            .flatten()
            .map(|d| d.indeks.as_str())
            .collect();
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "dana.penyumbang",
            "dana_penyumbang",
            id.to_string(),
            format!("penyumbang {sumber} dicatat untuk pemilihan {pemilihan_id}"),
            &konten_audit(id, &indeks),
        );
        Ok((p, cocok, jejak))
    }
}

#[cfg(test)]
#[path = "dana_tests.rs"]
mod tests;
