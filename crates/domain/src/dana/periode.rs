//! The three reporting periods, their deadlines, and where an entry
//! booked late goes.
//!
//! Each period covers a bookkeeping window of dates (`awal..=akhir`,
//! the windows follow one another without gaps) and has a filing
//! deadline. Once its deadline has passed the period is closed: its
//! report has been filed and is not reopened, so an entry dated inside it
//! but booked later is carried by the next open period as a late
//! adjustment (susulan), where the KPU and the auditor will see it.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// A KPU campaign-finance report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Periode {
    /// Laporan Awal Dana Kampanye: the funds the campaign starts with.
    Ladk,
    /// Laporan Penerimaan Sumbangan Dana Kampanye: donations received.
    Lpsdk,
    /// Laporan Penerimaan dan Pengeluaran Dana Kampanye: every receipt
    /// and all spending of the campaign.
    Lppdk,
}

super::buku::kosakata!(Periode, "periode laporan", [
    Ladk => "ladk", "Laporan Awal Dana Kampanye (LADK)", "initial campaign funds report (LADK)";
    Lpsdk => "lpsdk", "Laporan Penerimaan Sumbangan Dana Kampanye (LPSDK)", "campaign donations received report (LPSDK)";
    Lppdk => "lppdk", "Laporan Penerimaan dan Pengeluaran Dana Kampanye (LPPDK)", "campaign receipts and spending report (LPPDK)";
]);

impl Periode {
    pub fn berikutnya(self) -> Option<Periode> {
        match self {
            Periode::Ladk => Some(Periode::Lpsdk),
            Periode::Lpsdk => Some(Periode::Lppdk),
            Periode::Lppdk => None,
        }
    }
}

/// One period's window and deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JendelaPeriode {
    pub periode: Periode,
    /// First date booked in this period; `None` for the LADK, which takes
    /// everything since the RKDK was opened.
    pub awal: Option<Date>,
    /// Last date booked in this period.
    pub akhir: Date,
    /// Last day to file (23:59 local time, as the KPU sets it).
    pub batas_penyampaian: Date,
}

impl JendelaPeriode {
    pub fn memuat(&self, tanggal: Date) -> bool {
        self.awal.is_none_or(|a| tanggal >= a) && tanggal <= self.akhir
    }
}

/// Days from the first day of the campaign to the last one LPSDK books
/// by default. The 2024 Pilkada (campaign from 25 September) had its
/// LPSDK due 24 October, as KPU provinces announced it (e.g. KPU
/// Lampung); the window ending the day before is our reading, not a
/// quoted rule: set it per election when the KPU's schedule says
/// otherwise.
pub const LPSDK_HARI_SETELAH_MULAI: i64 = 28;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodeError {
    #[error("kampanye harus berakhir setelah dimulai ({mulai} sampai {akhir})")]
    UrutanKampanye { mulai: Date, akhir: Date },
    #[error("jendela {0} harus dimulai sehari setelah jendela sebelumnya dan tidak kosong")]
    Jendela(Periode),
    #[error("tanggal {0} berada di luar masa pembukuan dana kampanye")]
    DiLuarPembukuan(Date),
    #[error("semua periode laporan sudah ditutup: entri tertanggal {0} tidak dapat dibukukan")]
    SemuaTertutup(Date),
}

/// An election's campaign-finance calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JadwalDana {
    pub mulai_kampanye: Date,
    pub akhir_kampanye: Date,
    /// LADK, LPSDK, LPPDK, in order.
    pub jendela: [JendelaPeriode; 3],
}

impl JadwalDana {
    /// The calendar the 2024 pattern gives a campaign's dates:
    /// - LADK books everything up to the day before the campaign and is
    ///   due that same day (2024: campaign from 25 September, LADK due
    ///   24 September);
    /// - LPSDK books from the first campaign day for
    ///   [`LPSDK_HARI_SETELAH_MULAI`] days and is due the day after
    ///   (2024: due 24 October);
    /// - LPPDK books the rest of the campaign and is due the day after it
    ///   ends (2024: campaign to 23 November, LPPDK due 24 November).
    ///
    /// A campaign shorter than the LPSDK window puts the LPSDK's end on
    /// the campaign's last day but one.
    pub fn bawaan(mulai_kampanye: Date, akhir_kampanye: Date) -> Result<JadwalDana, PeriodeError> {
        if akhir_kampanye <= mulai_kampanye {
            return Err(PeriodeError::UrutanKampanye {
                mulai: mulai_kampanye,
                akhir: akhir_kampanye,
            });
        }
        let sehari = Duration::days(1);
        let lpsdk_akhir = (mulai_kampanye + Duration::days(LPSDK_HARI_SETELAH_MULAI))
            .min(akhir_kampanye - sehari);
        JadwalDana::atur(
            mulai_kampanye,
            akhir_kampanye,
            [
                (mulai_kampanye - sehari, mulai_kampanye - sehari),
                (lpsdk_akhir, lpsdk_akhir + sehari),
                (akhir_kampanye, akhir_kampanye + sehari),
            ],
        )
    }

    /// The 2024 simultaneous Pilkada: campaign 25 September – 23 November
    /// 2024 (KPU's schedule; voting on 27 November).
    pub fn pilkada_2024() -> JadwalDana {
        use time::macros::date;
        JadwalDana::bawaan(date!(2024 - 09 - 25), date!(2024 - 11 - 23)).expect("urut")
    }

    /// A calendar from each period's last booked date and deadline
    /// (LADK, LPSDK, LPPDK), for when the KPU's schedule differs from the
    /// pattern.
    pub fn atur(
        mulai_kampanye: Date,
        akhir_kampanye: Date,
        akhir_dan_batas: [(Date, Date); 3],
    ) -> Result<JadwalDana, PeriodeError> {
        if akhir_kampanye <= mulai_kampanye {
            return Err(PeriodeError::UrutanKampanye {
                mulai: mulai_kampanye,
                akhir: akhir_kampanye,
            });
        }
        let urutan = [Periode::Ladk, Periode::Lpsdk, Periode::Lppdk];
        let mut jendela = [JendelaPeriode {
            periode: Periode::Ladk,
            awal: None,
            akhir: akhir_dan_batas[0].0,
            batas_penyampaian: akhir_dan_batas[0].1,
        }; 3];
        for i in 0..3 {
            let (akhir, batas) = akhir_dan_batas[i];
            let awal = (i > 0).then(|| akhir_dan_batas[i - 1].0 + Duration::days(1));
            if awal.is_some_and(|a| a > akhir) || batas < akhir {
                return Err(PeriodeError::Jendela(urutan[i]));
            }
            jendela[i] = JendelaPeriode {
                periode: urutan[i],
                awal,
                akhir,
                batas_penyampaian: batas,
            };
        }
        Ok(JadwalDana {
            mulai_kampanye,
            akhir_kampanye,
            jendela,
        })
    }

    pub fn jendela(&self, p: Periode) -> &JendelaPeriode {
        &self.jendela[p as usize]
    }

    /// The period whose window holds a date; `None` after the LPPDK's.
    pub fn periode_tanggal(&self, tanggal: Date) -> Option<Periode> {
        self.jendela
            .iter()
            .find(|j| j.memuat(tanggal))
            .map(|j| j.periode)
    }

    /// Whether a period is closed on `hari_ini`: its deadline has passed.
    pub fn tertutup(&self, p: Periode, hari_ini: Date) -> bool {
        hari_ini > self.jendela(p).batas_penyampaian
    }

    /// Whether a date falls in a period that is closed on `hari_ini`.
    pub fn tanggal_terkunci(&self, tanggal: Date, hari_ini: Date) -> bool {
        self.periode_tanggal(tanggal)
            .is_some_and(|p| self.tertutup(p, hari_ini))
    }

    /// Where an entry dated `tanggal` and booked on `hari_ini` goes: its
    /// own period while that is open; otherwise the first later period
    /// still open, marked late. A correction is placed by its own date
    /// like any entry, so one made after the period of the entry it
    /// corrects has closed lands in an open period, never in a filed one.
    pub fn tempatkan(&self, tanggal: Date, hari_ini: Date) -> Result<Penempatan, PeriodeError> {
        let mut p = self
            .periode_tanggal(tanggal)
            .ok_or(PeriodeError::DiLuarPembukuan(tanggal))?;
        let mut susulan = false;
        while self.tertutup(p, hari_ini) {
            susulan = true;
            p = p.berikutnya().ok_or(PeriodeError::SemuaTertutup(tanggal))?;
        }
        Ok(Penempatan {
            periode: p,
            susulan,
        })
    }
}

/// The outcome of [`JadwalDana::tempatkan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Penempatan {
    pub periode: Periode,
    /// Booked after its own period closed: a late adjustment; the entry's
    /// `susulan` is then `Some(periode)`.
    pub susulan: bool,
}

impl Penempatan {
    /// The value for [`super::buku::Entri::susulan`].
    pub fn susulan(&self) -> Option<Periode> {
        self.susulan.then_some(self.periode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn jadwal_2024() {
        let j = JadwalDana::pilkada_2024();
        let l = j.jendela(Periode::Ladk);
        assert_eq!(
            (l.awal, l.akhir, l.batas_penyampaian),
            (None, date!(2024 - 09 - 24), date!(2024 - 09 - 24))
        );
        let s = j.jendela(Periode::Lpsdk);
        assert_eq!(
            (s.awal, s.akhir, s.batas_penyampaian),
            (
                Some(date!(2024 - 09 - 25)),
                date!(2024 - 10 - 23),
                date!(2024 - 10 - 24)
            )
        );
        let p = j.jendela(Periode::Lppdk);
        assert_eq!(
            (p.awal, p.akhir, p.batas_penyampaian),
            (
                Some(date!(2024 - 10 - 24)),
                date!(2024 - 11 - 23),
                date!(2024 - 11 - 24)
            )
        );
    }

    #[test]
    fn periode_menurut_tanggal() {
        let j = JadwalDana::pilkada_2024();
        assert_eq!(
            j.periode_tanggal(date!(2024 - 08 - 01)),
            Some(Periode::Ladk)
        );
        assert_eq!(
            j.periode_tanggal(date!(2024 - 09 - 25)),
            Some(Periode::Lpsdk)
        );
        assert_eq!(
            j.periode_tanggal(date!(2024 - 10 - 24)),
            Some(Periode::Lppdk)
        );
        assert_eq!(j.periode_tanggal(date!(2024 - 11 - 24)), None);
    }

    #[test]
    fn terkunci_setelah_batas() {
        let j = JadwalDana::pilkada_2024();
        assert!(!j.tanggal_terkunci(date!(2024 - 09 - 20), date!(2024 - 09 - 24)));
        assert!(j.tanggal_terkunci(date!(2024 - 09 - 20), date!(2024 - 09 - 25)));
        assert!(!j.tanggal_terkunci(date!(2024 - 10 - 01), date!(2024 - 10 - 24)));
    }

    #[test]
    fn koreksi_terlambat_masuk_periode_terbuka_berikutnya() {
        let j = JadwalDana::pilkada_2024();
        let p = j
            .tempatkan(date!(2024 - 09 - 20), date!(2024 - 09 - 22))
            .unwrap();
        assert_eq!(
            p,
            Penempatan {
                periode: Periode::Ladk,
                susulan: false
            }
        );
        assert_eq!(p.susulan(), None);
        let p = j
            .tempatkan(date!(2024 - 09 - 20), date!(2024 - 10 - 02))
            .unwrap();
        assert_eq!(
            p,
            Penempatan {
                periode: Periode::Lpsdk,
                susulan: true
            }
        );
        assert_eq!(p.susulan(), Some(Periode::Lpsdk));
        let p = j
            .tempatkan(date!(2024 - 09 - 20), date!(2024 - 11 - 01))
            .unwrap();
        assert_eq!(
            p,
            Penempatan {
                periode: Periode::Lppdk,
                susulan: true
            }
        );
        assert_eq!(
            j.tempatkan(date!(2024 - 09 - 20), date!(2024 - 11 - 25)),
            Err(PeriodeError::SemuaTertutup(date!(2024 - 09 - 20)))
        );
        assert_eq!(
            j.tempatkan(date!(2024 - 12 - 01), date!(2024 - 11 - 01)),
            Err(PeriodeError::DiLuarPembukuan(date!(2024 - 12 - 01)))
        );
    }

    #[test]
    fn jadwal_salah_ditolak() {
        let d = date!(2024 - 09 - 25);
        assert!(JadwalDana::bawaan(d, d).is_err());
        let e = JadwalDana::atur(
            d,
            date!(2024 - 11 - 23),
            [
                (date!(2024 - 09 - 24), date!(2024 - 09 - 24)),
                (date!(2024 - 09 - 20), date!(2024 - 10 - 24)),
                (date!(2024 - 11 - 23), date!(2024 - 11 - 24)),
            ],
        );
        assert_eq!(e, Err(PeriodeError::Jendela(Periode::Lpsdk)));
        // A short campaign still has three non-empty windows.
        let j = JadwalDana::bawaan(d, date!(2024 - 09 - 27)).unwrap();
        assert_eq!(j.jendela(Periode::Lpsdk).akhir, date!(2024 - 09 - 26));
    }
}
