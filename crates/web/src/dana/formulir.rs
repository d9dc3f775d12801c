//! The finance forms' fields as the page and the API send them (all
//! text), and how each is read into the app's request: dates as
//! `<input type=date>` sends them, rupiah as people write them.

use super::*;

pub(super) fn salah(pesan: impl Into<String>) -> AppError {
    AppError::Invalid(pesan.into())
}

/// "2024-09-25" (what `<input type=date>` sends).
pub(crate) fn baca_tanggal(s: &str) -> Result<Date, AppError> {
    let bagian: Vec<&str> = s.trim().split('-').collect();
    let tidak = || salah(format!("tanggal '{}' harus TTTT-BB-HH", s.trim()));
    let [y, m, d] = bagian[..] else {
        return Err(tidak());
    };
    let y: i32 = y.parse().map_err(|_| tidak())?;
    let m: u8 = m.parse().map_err(|_| tidak())?;
    let d: u8 = d.parse().map_err(|_| tidak())?;
    let m = time::Month::try_from(m).map_err(|_| tidak())?;
    Date::from_calendar_date(y, m, d).map_err(|_| tidak())
}

pub(crate) fn baca_uang(s: &str) -> Result<Uang, AppError> {
    Uang::parse(s).map_err(AppError::invalid)
}

pub(super) fn opsional(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

pub(super) fn baca_id(s: &str, apa: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(s.trim()).map_err(|_| salah(format!("{apa} tidak dikenal")))
}

/// The form's fields, as sent by the page and by the API (all text).
#[derive(Deserialize, Default, Debug, utoipa::ToSchema)]
pub(crate) struct FormSumbangan {
    /// TTTT-BB-HH
    pub tanggal: String,
    /// A donor already recorded (id); empty for a new one.
    #[serde(default)]
    pub penyumbang_id: String,
    /// paslon, partai_politik, perseorangan, kelompok, badan_usaha_swasta
    #[serde(default)]
    pub sumber: String,
    #[serde(default)]
    pub nama: String,
    #[serde(default)]
    pub alamat: String,
    #[serde(default)]
    pub nik: String,
    #[serde(default)]
    pub telepon: String,
    #[serde(default)]
    pub npwp: String,
    /// "on" (or "true"): nobody can say who gave it.
    #[serde(default)]
    pub anonim: String,
    /// uang, barang, jasa
    #[serde(default)]
    pub bentuk: String,
    #[serde(default)]
    pub jumlah_unit: String,
    #[serde(default)]
    pub satuan: String,
    #[serde(default)]
    pub jenis_jasa: String,
    /// rkdk, tunai
    #[serde(default)]
    pub rekening: String,
    /// Rupiah as written: "1.500.000", "Rp 1.500.000,-", "1500000".
    pub nilai: String,
    #[serde(default)]
    pub uraian: String,
    /// SHA-256 of proofs uploaded for this election
    /// (`POST /api/v1/pemilihan/{id}/dana/bukti`); the page sends files.
    #[serde(default)]
    pub bukti: Vec<String>,
}

pub(super) fn baca_bentuk(
    bentuk: &str,
    unit: &str,
    satuan: &str,
    jasa: &str,
) -> Result<BentukDana, AppError> {
    let j = if bentuk.trim().is_empty() {
        JenisBentuk::Uang
    } else {
        JenisBentuk::parse(bentuk).map_err(AppError::invalid)?
    };
    Ok(match j {
        JenisBentuk::Uang => BentukDana::Uang,
        JenisBentuk::Barang => BentukDana::Barang {
            jumlah_unit: unit
                .trim()
                .replace('.', "")
                .parse()
                .map_err(|_| salah("jumlah unit barang harus bilangan bulat"))?,
            satuan: satuan.trim().to_string(),
        },
        JenisBentuk::Jasa => BentukDana::Jasa {
            jenis: jasa.trim().to_string(),
        },
    })
}

pub(super) fn baca_rekening(s: &str) -> Result<Rekening, AppError> {
    if s.trim().is_empty() {
        Ok(Rekening::Rkdk)
    } else {
        Rekening::parse(s).map_err(AppError::invalid)
    }
}

pub(super) fn ya(s: &str) -> bool {
    matches!(s.trim(), "on" | "true" | "1" | "ya")
}

impl FormSumbangan {
    pub(crate) fn baca(&self) -> Result<SumbanganBaru, AppError> {
        let penyumbang = if !self.penyumbang_id.trim().is_empty() {
            PilihPenyumbang::Tercatat(baca_id(&self.penyumbang_id, "penyumbang")?)
        } else {
            let sumber = SumberDana::parse(&self.sumber).map_err(AppError::invalid)?;
            if ya(&self.anonim) {
                PilihPenyumbang::Anonim { sumber }
            } else {
                PilihPenyumbang::Baru {
                    sumber,
                    identitas: IdentitasPenyumbang {
                        nama: self.nama.trim().to_string(),
                        alamat: self.alamat.trim().to_string(),
                        telepon: opsional(&self.telepon),
                        nik: opsional(&self.nik),
                        npwp: opsional(&self.npwp),
                    },
                }
            }
        };
        Ok(SumbanganBaru {
            tanggal: baca_tanggal(&self.tanggal)?,
            penyumbang,
            bentuk: baca_bentuk(
                &self.bentuk,
                &self.jumlah_unit,
                &self.satuan,
                &self.jenis_jasa,
            )?,
            rekening: baca_rekening(&self.rekening)?,
            nilai: baca_uang(&self.nilai)?,
            uraian: self.uraian.clone(),
            bukti: self.bukti.clone(),
        })
    }
}

#[derive(Deserialize, Default, Debug, utoipa::ToSchema)]
pub(crate) struct FormBelanja {
    pub tanggal: String,
    /// bahan_kampanye, iklan_media, … (the KPU's spending kinds)
    pub kategori: String,
    #[serde(default)]
    pub bentuk: String,
    #[serde(default)]
    pub jumlah_unit: String,
    #[serde(default)]
    pub satuan: String,
    #[serde(default)]
    pub jenis_jasa: String,
    #[serde(default)]
    pub rekening: String,
    pub nilai: String,
    #[serde(default)]
    pub uraian: String,
    /// SHA-256 of proofs uploaded for this election
    /// (`POST /api/v1/pemilihan/{id}/dana/bukti`); the page sends files.
    #[serde(default)]
    pub bukti: Vec<String>,
}

impl FormBelanja {
    pub(crate) fn baca(&self) -> Result<BelanjaBaru, AppError> {
        Ok(BelanjaBaru {
            tanggal: baca_tanggal(&self.tanggal)?,
            kategori: KategoriBelanja::parse(&self.kategori).map_err(AppError::invalid)?,
            bentuk: baca_bentuk(
                &self.bentuk,
                &self.jumlah_unit,
                &self.satuan,
                &self.jenis_jasa,
            )?,
            rekening: baca_rekening(&self.rekening)?,
            nilai: baca_uang(&self.nilai)?,
            uraian: self.uraian.clone(),
            bukti: self.bukti.clone(),
        })
    }
}

#[derive(Deserialize, Default, Debug, utoipa::ToSchema)]
pub(crate) struct FormKoreksi {
    /// The entry corrected.
    pub atas: String,
    pub tanggal: String,
    /// Signed: "-500.000" lowers the entry, "500.000" raises it.
    pub nilai: String,
    pub uraian: String,
    /// SHA-256 of proofs uploaded for this election
    /// (`POST /api/v1/pemilihan/{id}/dana/bukti`); the page sends files.
    #[serde(default)]
    pub bukti: Vec<String>,
}

impl FormKoreksi {
    pub(crate) fn baca(&self) -> Result<KoreksiBaru, AppError> {
        Ok(KoreksiBaru {
            atas: baca_id(&self.atas, "entri")?,
            tanggal: baca_tanggal(&self.tanggal)?,
            nilai: baca_uang(&self.nilai)?,
            uraian: self.uraian.clone(),
            bukti: self.bukti.clone(),
        })
    }
}

#[derive(Deserialize, Default, Debug, utoipa::ToSchema)]
pub(crate) struct FormPengembalian {
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: String,
    pub tanggal: String,
    /// The donor; empty for the anonymous donations of `sumber`.
    #[serde(default)]
    pub penyumbang_id: String,
    #[serde(default)]
    pub sumber: String,
    pub nilai: String,
    /// penyumbang, kas_negara
    pub tujuan: String,
    /// The spending entry (pengembalian_kelebihan) that moved the money.
    #[serde(default)]
    pub entri_id: String,
}

impl FormPengembalian {
    pub(crate) fn baca(&self) -> Result<PengembalianBaru, AppError> {
        let penyumbang_id = match self.penyumbang_id.trim() {
            "" => None,
            s => Some(baca_id(s, "penyumbang")?),
        };
        let sumber = if self.sumber.trim().is_empty() {
            SumberDana::Perseorangan
        } else {
            SumberDana::parse(&self.sumber).map_err(AppError::invalid)?
        };
        Ok(PengembalianBaru {
            tanggal: baca_tanggal(&self.tanggal)?,
            penyumbang_id,
            sumber,
            nilai: baca_uang(&self.nilai)?,
            tujuan: TujuanKelebihan::parse(&self.tujuan).map_err(AppError::invalid)?,
            entri_id: match self.entri_id.trim() {
                "" => None,
                s => Some(baca_id(s, "entri")?),
            },
        })
    }
}
