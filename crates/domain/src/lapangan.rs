//! Field operations (issue 24), the rules only: campaign events, campaign
//! materials (APK: alat peraga kampanye) with proof of installation and
//! take-down, and tasks handed down the relawan tree.
//!
//! Facts (Pilkada 2024, PKPU 13/2024 on campaigning): campaign activities
//! happen within the campaign period, never in the quiet period; APK may
//! not be installed at places of worship, hospitals and other health
//! services, schools and other places of education, or government
//! buildings; the KPU of the region decides how many APK may stand where,
//! and the pair takes its APK down when the campaign ends.
//!
//! Pure: dates, places and counts come in, decisions go out.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::medsos::MasaKampanye;

/// What kind of campaign event it is (the KPU's forms of campaigning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisAcara {
    /// Face-to-face meeting with voters.
    TatapMuka,
    /// Limited meeting indoors, invited guests.
    PertemuanTerbatas,
    /// Rally (kampanye akbar / rapat umum).
    KampanyeAkbar,
    /// A day of door-to-door canvassing by the relawan of an area.
    PintuKePintu,
    /// Public debate organised by the KPU.
    Debat,
    Lainnya,
}

impl JenisAcara {
    pub const ALL: [JenisAcara; 6] = [
        JenisAcara::TatapMuka,
        JenisAcara::PertemuanTerbatas,
        JenisAcara::KampanyeAkbar,
        JenisAcara::PintuKePintu,
        JenisAcara::Debat,
        JenisAcara::Lainnya,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            JenisAcara::TatapMuka => "tatap_muka",
            JenisAcara::PertemuanTerbatas => "pertemuan_terbatas",
            JenisAcara::KampanyeAkbar => "kampanye_akbar",
            JenisAcara::PintuKePintu => "pintu_ke_pintu",
            JenisAcara::Debat => "debat",
            JenisAcara::Lainnya => "lainnya",
        }
    }

    pub fn parse(s: &str) -> Option<JenisAcara> {
        let s = s.trim().to_ascii_lowercase();
        JenisAcara::ALL.into_iter().find(|j| j.slug() == s)
    }
}

/// Why an event cannot be held on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AlasanTolakAcara {
    #[error("belum masa kampanye")]
    SebelumKampanye,
    #[error("masa tenang: tidak ada kegiatan kampanye")]
    MasaTenang,
    #[error("masa kampanye sudah selesai")]
    SetelahKampanye,
}

/// Whether a campaign event may be held on `tanggal` (the place's own
/// local date): only within the campaign period.
pub fn boleh_acara(masa: &MasaKampanye, tanggal: Date) -> Result<(), AlasanTolakAcara> {
    if tanggal < masa.mulai {
        Err(AlasanTolakAcara::SebelumKampanye)
    } else if tanggal <= masa.akhir {
        Ok(())
    } else if tanggal < masa.pemungutan {
        Err(AlasanTolakAcara::MasaTenang)
    } else {
        Err(AlasanTolakAcara::SetelahKampanye)
    }
}

/// Attendance counted once per person however many times their code is
/// scanned (a phone that syncs twice, two relawan at two doors): the
/// number of distinct people among `pindaian`.
pub fn hadir_sekali(pindaian: &[Uuid]) -> usize {
    pindaian.iter().collect::<HashSet<_>>().len()
}

/// What kind of place an APK is put up at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisTempat {
    /// A roadside, field or other public space the KPU allows.
    Umum,
    /// Private property, with the owner's consent.
    Pribadi,
    /// The campaign's own posko.
    Posko,
    TempatIbadah,
    /// Hospitals, clinics, puskesmas.
    FasilitasKesehatan,
    /// Schools, madrasah, universities.
    Pendidikan,
    GedungPemerintah,
}

impl JenisTempat {
    pub const ALL: [JenisTempat; 7] = [
        JenisTempat::Umum,
        JenisTempat::Pribadi,
        JenisTempat::Posko,
        JenisTempat::TempatIbadah,
        JenisTempat::FasilitasKesehatan,
        JenisTempat::Pendidikan,
        JenisTempat::GedungPemerintah,
    ];

    /// Places where no APK may stand.
    pub fn terlarang(self) -> bool {
        matches!(
            self,
            JenisTempat::TempatIbadah
                | JenisTempat::FasilitasKesehatan
                | JenisTempat::Pendidikan
                | JenisTempat::GedungPemerintah
        )
    }
}

/// Kinds of campaign materials (APK and bahan kampanye).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisApk {
    Baliho,
    Spanduk,
    UmbulUmbul,
    Poster,
    Selebaran,
    Stiker,
    Lainnya,
}

impl JenisApk {
    pub const ALL: [JenisApk; 7] = [
        JenisApk::Baliho,
        JenisApk::Spanduk,
        JenisApk::UmbulUmbul,
        JenisApk::Poster,
        JenisApk::Selebaran,
        JenisApk::Stiker,
        JenisApk::Lainnya,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            JenisApk::Baliho => "baliho",
            JenisApk::Spanduk => "spanduk",
            JenisApk::UmbulUmbul => "umbul_umbul",
            JenisApk::Poster => "poster",
            JenisApk::Selebaran => "selebaran",
            JenisApk::Stiker => "stiker",
            JenisApk::Lainnya => "lainnya",
        }
    }

    pub fn parse(s: &str) -> Option<JenisApk> {
        let s = s.trim().to_ascii_lowercase();
        JenisApk::ALL.into_iter().find(|j| j.slug() == s)
    }

    /// Items that stand somewhere and must be taken down (flyers and
    /// stickers are handed out, not installed).
    pub fn dipasang(self) -> bool {
        !matches!(self, JenisApk::Selebaran | JenisApk::Stiker)
    }
}

impl JenisTempat {
    pub fn slug(self) -> &'static str {
        match self {
            JenisTempat::Umum => "umum",
            JenisTempat::Pribadi => "pribadi",
            JenisTempat::Posko => "posko",
            JenisTempat::TempatIbadah => "tempat_ibadah",
            JenisTempat::FasilitasKesehatan => "fasilitas_kesehatan",
            JenisTempat::Pendidikan => "pendidikan",
            JenisTempat::GedungPemerintah => "gedung_pemerintah",
        }
    }

    pub fn parse(s: &str) -> Option<JenisTempat> {
        let s = s.trim().to_ascii_lowercase();
        JenisTempat::ALL.into_iter().find(|j| j.slug() == s)
    }
}

impl JenisBukti {
    pub const ALL: [JenisBukti; 4] = [
        JenisBukti::Foto,
        JenisBukti::Gps,
        JenisBukti::Angka,
        JenisBukti::YaTidak,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            JenisBukti::Foto => "foto",
            JenisBukti::Gps => "gps",
            JenisBukti::Angka => "angka",
            JenisBukti::YaTidak => "ya_tidak",
        }
    }

    pub fn parse(s: &str) -> Option<JenisBukti> {
        let s = s.trim().to_ascii_lowercase();
        JenisBukti::ALL.into_iter().find(|j| j.slug() == s)
    }
}

/// Why an APK cannot be put up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AlasanTolakApk {
    #[error(
        "APK tidak boleh dipasang di tempat ibadah, fasilitas kesehatan, tempat pendidikan atau gedung pemerintah"
    )]
    TempatTerlarang,
    #[error("kuota APK jenis ini di wilayah ini sudah habis")]
    KuotaHabis,
    #[error("di luar masa kampanye")]
    DiLuarMasa(AlasanTolakAcara),
}

/// Whether one more APK may be put up at a place of kind `tempat` on
/// `tanggal`, with `terpasang` of its kind already standing in the area
/// against the area's quota (None: the KPU set none).
pub fn boleh_pasang(
    masa: &MasaKampanye,
    tanggal: Date,
    tempat: JenisTempat,
    kuota: Option<u32>,
    terpasang: u32,
) -> Result<(), AlasanTolakApk> {
    if tempat.terlarang() {
        return Err(AlasanTolakApk::TempatTerlarang);
    }
    boleh_acara(masa, tanggal).map_err(AlasanTolakApk::DiLuarMasa)?;
    if kuota.is_some_and(|k| terpasang >= k) {
        return Err(AlasanTolakApk::KuotaHabis);
    }
    Ok(())
}

/// How many more may go up (None: no quota).
pub fn sisa_kuota(kuota: Option<u32>, terpasang: u32) -> Option<u32> {
    kuota.map(|k| k.saturating_sub(terpasang))
}

/// Whether an APK still standing must be on its coordinator's take-down
/// list: from the day after the campaign's last day until a photo proves
/// it down.
pub fn wajib_turun(masa: &MasaKampanye, hari_ini: Date, sudah_turun: bool) -> bool {
    !sudah_turun && hari_ini > masa.akhir
}

/// The proof a task asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisBukti {
    Foto,
    Gps,
    Angka,
    YaTidak,
}

/// What a relawan sends to close a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "jenis", content = "nilai")]
pub enum Bukti {
    /// SHA-256 of the photo in the photo store.
    Foto(String),
    Gps {
        lat: f64,
        lng: f64,
    },
    Angka(u64),
    YaTidak(bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BuktiError {
    #[error("tugas ini meminta bukti lain")]
    JenisSalah,
    #[error("koordinat GPS tidak sah")]
    Gps,
    #[error("foto harus SHA-256 (64 huruf heksadesimal)")]
    Foto,
}

/// Whether `bukti` is the proof the task asks for, well formed.
pub fn periksa_bukti(diminta: JenisBukti, bukti: &Bukti) -> Result<(), BuktiError> {
    match (diminta, bukti) {
        (JenisBukti::Foto, Bukti::Foto(h)) => {
            if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) {
                Ok(())
            } else {
                Err(BuktiError::Foto)
            }
        }
        (JenisBukti::Gps, Bukti::Gps { lat, lng }) => {
            if lat.is_finite()
                && lng.is_finite()
                && (-90.0..=90.0).contains(lat)
                && (-180.0..=180.0).contains(lng)
            {
                Ok(())
            } else {
                Err(BuktiError::Gps)
            }
        }
        (JenisBukti::Angka, Bukti::Angka(_)) | (JenisBukti::YaTidak, Bukti::YaTidak(_)) => Ok(()),
        _ => Err(BuktiError::JenisSalah),
    }
}

/// Where a task stands for one assignee on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusTugas {
    Terbuka,
    /// Past its due date and not done: it counts against the leaderboard.
    Terlambat,
    Selesai,
}

pub fn status_tugas(batas: Date, hari_ini: Date, selesai: bool) -> StatusTugas {
    if selesai {
        StatusTugas::Selesai
    } else if hari_ini > batas {
        StatusTugas::Terlambat
    } else {
        StatusTugas::Terbuka
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn masa() -> MasaKampanye {
        MasaKampanye::new(
            date!(2029 - 09 - 25),
            date!(2029 - 11 - 23),
            date!(2029 - 11 - 28),
        )
        .unwrap()
    }

    #[test]
    fn events_only_in_the_campaign_period() {
        let m = masa();
        assert_eq!(
            boleh_acara(&m, date!(2029 - 09 - 24)),
            Err(AlasanTolakAcara::SebelumKampanye)
        );
        assert_eq!(boleh_acara(&m, date!(2029 - 09 - 25)), Ok(()));
        assert_eq!(boleh_acara(&m, date!(2029 - 11 - 23)), Ok(()));
        for d in [date!(2029 - 11 - 24), date!(2029 - 11 - 27)] {
            assert_eq!(boleh_acara(&m, d), Err(AlasanTolakAcara::MasaTenang));
        }
        assert_eq!(
            boleh_acara(&m, date!(2029 - 11 - 28)),
            Err(AlasanTolakAcara::SetelahKampanye)
        );
        for j in JenisAcara::ALL {
            assert_eq!(JenisAcara::parse(j.slug()), Some(j));
        }
    }

    #[test]
    fn attendance_counts_each_person_once() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        assert_eq!(hadir_sekali(&[a, b, a, a, b]), 2);
        assert_eq!(hadir_sekali(&[]), 0);
    }

    #[test]
    fn apk_never_at_forbidden_places_nor_past_the_quota() {
        let m = masa();
        let hari = date!(2029 - 10 - 01);
        for t in JenisTempat::ALL {
            let r = boleh_pasang(&m, hari, t, None, 0);
            assert_eq!(r.is_err(), t.terlarang(), "{t:?}");
        }
        assert_eq!(
            boleh_pasang(&m, hari, JenisTempat::TempatIbadah, Some(10), 0),
            Err(AlasanTolakApk::TempatTerlarang)
        );
        assert_eq!(
            boleh_pasang(&m, hari, JenisTempat::Umum, Some(3), 2),
            Ok(())
        );
        assert_eq!(
            boleh_pasang(&m, hari, JenisTempat::Umum, Some(3), 3),
            Err(AlasanTolakApk::KuotaHabis)
        );
        assert_eq!(
            boleh_pasang(&m, date!(2029 - 11 - 25), JenisTempat::Umum, None, 0),
            Err(AlasanTolakApk::DiLuarMasa(AlasanTolakAcara::MasaTenang))
        );
        assert_eq!(sisa_kuota(Some(3), 1), Some(2));
        assert_eq!(sisa_kuota(Some(3), 5), Some(0));
        assert_eq!(sisa_kuota(None, 5), None);
    }

    #[test]
    fn take_down_list_from_the_day_after_the_campaign() {
        let m = masa();
        assert!(!wajib_turun(&m, date!(2029 - 11 - 23), false));
        assert!(wajib_turun(&m, date!(2029 - 11 - 24), false));
        assert!(!wajib_turun(&m, date!(2029 - 12 - 01), true));
    }

    #[test]
    fn task_proof_must_be_the_kind_asked() {
        let h = "ab".repeat(32);
        assert_eq!(
            periksa_bukti(JenisBukti::Foto, &Bukti::Foto(h.clone())),
            Ok(())
        );
        assert_eq!(
            periksa_bukti(JenisBukti::Foto, &Bukti::Foto("x".into())),
            Err(BuktiError::Foto)
        );
        assert_eq!(
            periksa_bukti(JenisBukti::Gps, &Bukti::Foto(h)),
            Err(BuktiError::JenisSalah)
        );
        assert_eq!(
            periksa_bukti(
                JenisBukti::Gps,
                &Bukti::Gps {
                    lat: -6.9,
                    lng: 107.6
                }
            ),
            Ok(())
        );
        assert_eq!(
            periksa_bukti(
                JenisBukti::Gps,
                &Bukti::Gps {
                    lat: 91.0,
                    lng: 0.0
                }
            ),
            Err(BuktiError::Gps)
        );
        assert_eq!(
            periksa_bukti(
                JenisBukti::Gps,
                &Bukti::Gps {
                    lat: f64::NAN,
                    lng: 0.0
                }
            ),
            Err(BuktiError::Gps)
        );
        assert_eq!(periksa_bukti(JenisBukti::Angka, &Bukti::Angka(7)), Ok(()));
        assert_eq!(
            periksa_bukti(JenisBukti::YaTidak, &Bukti::YaTidak(true)),
            Ok(())
        );
        let batas = date!(2029 - 10 - 10);
        assert_eq!(
            status_tugas(batas, date!(2029 - 10 - 10), false),
            StatusTugas::Terbuka
        );
        assert_eq!(
            status_tugas(batas, date!(2029 - 10 - 11), false),
            StatusTugas::Terlambat
        );
        assert_eq!(
            status_tugas(batas, date!(2029 - 10 - 11), true),
            StatusTugas::Selesai
        );
    }
}
