//! Reminders of the KPU's filing deadlines: a report not yet recorded as
//! filed is announced [`HARI_PENGINGAT`] days ahead, more urgently in its
//! last [`HARI_SEGERA`] days, and stays on every finance page once its
//! deadline has passed. A pair that files no LPPDK is not sworn in, so an
//! overdue report is never dropped from view until someone records it.

use serde::Serialize;
use time::Date;

use super::{JadwalDana, Periode};

/// Days before a deadline that its reminder first shows.
pub const HARI_PENGINGAT: i64 = 14;
/// Days before a deadline that its reminder is urgent.
pub const HARI_SEGERA: i64 = 3;

/// How pressing a reminder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Desakan {
    /// The deadline has passed and the report is not recorded as filed.
    Terlambat,
    /// Due today.
    HariIni,
    /// Due within [`HARI_SEGERA`] days.
    Segera,
    /// Due within [`HARI_PENGINGAT`] days.
    Mendatang,
}

impl Desakan {
    pub fn slug(self) -> &'static str {
        match self {
            Desakan::Terlambat => "terlambat",
            Desakan::HariIni => "hari_ini",
            Desakan::Segera => "segera",
            Desakan::Mendatang => "mendatang",
        }
    }
}

/// One report to file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pengingat {
    pub periode: Periode,
    pub batas: Date,
    /// Days from today to the deadline: negative once it has passed.
    pub sisa_hari: i64,
    pub desakan: Desakan,
}

/// The reports to remind of on `hari_ini`, most pressing first: those
/// not in `disampaikan` whose deadline is at most [`HARI_PENGINGAT`] days
/// away or has passed.
pub fn pengingat(jadwal: &JadwalDana, disampaikan: &[Periode], hari_ini: Date) -> Vec<Pengingat> {
    let mut out: Vec<Pengingat> = jadwal
        .jendela
        .iter()
        .filter(|j| !disampaikan.contains(&j.periode))
        .filter_map(|j| {
            let sisa_hari = (j.batas_penyampaian - hari_ini).whole_days();
            let desakan = match sisa_hari {
                s if s < 0 => Desakan::Terlambat,
                0 => Desakan::HariIni,
                s if s <= HARI_SEGERA => Desakan::Segera,
                s if s <= HARI_PENGINGAT => Desakan::Mendatang,
                _ => return None,
            };
            Some(Pengingat {
                periode: j.periode,
                batas: j.batas_penyampaian,
                sisa_hari,
                desakan,
            })
        })
        .collect();
    out.sort_by_key(|p| (p.desakan, p.batas));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn satu(hari_ini: Date, disampaikan: &[Periode]) -> Vec<(Periode, i64, Desakan)> {
        pengingat(&JadwalDana::pilkada_2024(), disampaikan, hari_ini)
            .into_iter()
            .map(|p| (p.periode, p.sisa_hari, p.desakan))
            .collect()
    }

    #[test]
    fn reminders_start_fourteen_days_ahead_and_grow_urgent() {
        // LADK due 24 September 2024.
        assert_eq!(satu(date!(2024 - 09 - 09), &[]), vec![]);
        assert_eq!(
            satu(date!(2024 - 09 - 10), &[]),
            vec![(Periode::Ladk, 14, Desakan::Mendatang)]
        );
        assert_eq!(
            satu(date!(2024 - 09 - 21), &[]),
            vec![(Periode::Ladk, 3, Desakan::Segera)]
        );
        assert_eq!(
            satu(date!(2024 - 09 - 24), &[]),
            vec![(Periode::Ladk, 0, Desakan::HariIni)]
        );
    }

    #[test]
    fn an_unfiled_report_stays_overdue_and_a_filed_one_is_quiet() {
        assert_eq!(
            satu(date!(2024 - 10 - 20), &[]),
            vec![
                (Periode::Ladk, -26, Desakan::Terlambat),
                (Periode::Lpsdk, 4, Desakan::Mendatang)
            ]
        );
        assert_eq!(
            satu(date!(2024 - 10 - 20), &[Periode::Ladk]),
            vec![(Periode::Lpsdk, 4, Desakan::Mendatang)]
        );
        assert_eq!(
            satu(
                date!(2025 - 01 - 01),
                &[Periode::Ladk, Periode::Lpsdk, Periode::Lppdk]
            ),
            vec![]
        );
    }

    #[test]
    fn the_most_pressing_comes_first() {
        // A calendar whose LPSDK and LPPDK deadlines are both near.
        let j = JadwalDana::atur(
            date!(2024 - 09 - 25),
            date!(2024 - 10 - 10),
            [
                (date!(2024 - 09 - 24), date!(2024 - 09 - 24)),
                (date!(2024 - 10 - 01), date!(2024 - 10 - 12)),
                (date!(2024 - 10 - 10), date!(2024 - 10 - 11)),
            ],
        )
        .unwrap();
        let urut: Vec<_> = pengingat(&j, &[Periode::Ladk], date!(2024 - 10 - 09))
            .into_iter()
            .map(|p| p.periode)
            .collect();
        assert_eq!(urut, vec![Periode::Lppdk, Periode::Lpsdk]);
        let lewat: Vec<_> = pengingat(&j, &[], date!(2024 - 10 - 09))
            .into_iter()
            .map(|p| p.desakan)
            .collect();
        assert_eq!(
            lewat,
            vec![Desakan::Terlambat, Desakan::Segera, Desakan::Segera]
        );
    }
}
