//! Targets per TPS: how many votes a campaign needs there, from the DPT, an
//! expected turnout and the number of candidate pairs, and the gap between
//! that and the supporters recorded.

use std::fmt;

use crate::KodeTps;

/// A share in basis points (1 % = 100), so arithmetic stays exact: 29 % of
/// 100 voters is 29, never 28.999….
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Persen(u16);

impl Persen {
    pub const PENUH: u16 = 10_000;

    pub fn dari_basis_poin(bp: u16) -> Result<Persen, TargetError> {
        if bp > Self::PENUH {
            return Err(TargetError::Persen(format!("{bp} bp")));
        }
        Ok(Persen(bp))
    }

    /// `72`, `72,5`, `72.5` or `72,5 %`: a percentage with at most two decimals.
    pub fn parse(s: &str) -> Result<Persen, TargetError> {
        let t = s.trim().trim_end_matches('%').trim().replace(',', ".");
        let salah = || TargetError::Persen(s.trim().to_string());
        let (bulat, pecahan) = t.split_once('.').unwrap_or((&t, ""));
        if bulat.is_empty()
            || !bulat.bytes().all(|b| b.is_ascii_digit())
            || pecahan.len() > 2
            || !pecahan.bytes().all(|b| b.is_ascii_digit())
            || bulat.len() > 3
        {
            return Err(salah());
        }
        let pecahan = format!("{pecahan:0<2}");
        let bp = bulat.parse::<u32>().map_err(|_| salah())? * 100
            + pecahan.parse::<u32>().map_err(|_| salah())?;
        u16::try_from(bp)
            .ok()
            .filter(|&bp| bp <= Self::PENUH)
            .map(Persen)
            .ok_or_else(salah)
    }

    pub fn basis_poin(self) -> u16 {
        self.0
    }

    /// `bagian ÷ dari`, rounded down to a basis point; None when `dari` is
    /// zero or the share would pass 100 %.
    pub fn rasio(bagian: u64, dari: u64) -> Option<Persen> {
        if dari == 0 || bagian > dari {
            return None;
        }
        let bp = u128::from(bagian) * u128::from(Self::PENUH) / u128::from(dari);
        Some(Persen(bp as u16))
    }
}

impl fmt::Display for Persen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_multiple_of(100) {
            write!(f, "{}", self.0 / 100)
        } else {
            write!(f, "{},{:02}", self.0 / 100, self.0 % 100)
        }
    }
}

/// The manager's assumptions for one election.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asumsi {
    /// Expected share of the DPT casting a valid vote.
    pub partisipasi: Persen,
    pub jumlah_paslon: u8,
    /// The share of valid votes aimed for; needed (and used) only when
    /// more than two paslon run.
    pub target_suara: Option<Persen>,
}

impl Asumsi {
    pub fn new(
        partisipasi: Persen,
        jumlah_paslon: u8,
        target_suara: Option<Persen>,
    ) -> Result<Asumsi, TargetError> {
        if jumlah_paslon == 0 {
            return Err(TargetError::TanpaPaslon);
        }
        if jumlah_paslon > 2 && target_suara.is_none() {
            return Err(TargetError::TargetPerlu(jumlah_paslon));
        }
        Ok(Asumsi {
            partisipasi,
            jumlah_paslon,
            target_suara,
        })
    }

    /// Expected valid votes at a TPS: floor(DPT × turnout).
    pub fn suara_sah(&self, dpt: u32) -> u32 {
        (u64::from(dpt) * u64::from(self.partisipasi.0) / u64::from(Persen::PENUH)) as u32
    }

    /// Votes needed: for one or two paslon, half the expected valid votes
    /// plus one (floor(v / 2) + 1; a lone pair must still beat the empty
    /// box, which this also covers); for more, ceil(v × target share).
    pub fn suara_dibutuhkan(&self, dpt: u32) -> u32 {
        let sah = self.suara_sah(dpt);
        if sah == 0 {
            return 0;
        }
        match self.target_suara {
            Some(t) if self.jumlah_paslon > 2 => {
                (u64::from(sah) * u64::from(t.0)).div_ceil(u64::from(Persen::PENUH)) as u32
            }
            _ => sah / 2 + 1,
        }
    }
}

/// One TPS of an earlier election in the campaign's area (imported as
/// history): its turnout, and the votes of the candidate or party the
/// campaign follows when the file has them. TPS are renumbered between
/// elections, so history is used per desa, never matched TPS by TPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HasilLalu {
    pub tps: KodeTps,
    /// 0 when the source did not give it: turnout then leaves the TPS out.
    pub dpt: u32,
    pub sah: u32,
    pub tidak_sah: u32,
    pub kita: Option<u32>,
    /// The published figures break a rule (valid + invalid above the DPT,
    /// "ours" above the valid votes): kept as published, left out of the
    /// statistics history feeds (turnout, targets, the quick count's
    /// expected spread).
    pub ditandai: bool,
}

/// What is still missing: needed − supporters, never below zero.
pub fn selisih_target(dibutuhkan: u32, pendukung: u64) -> u32 {
    u64::from(dibutuhkan).saturating_sub(pendukung) as u32
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("persentase '{0}' tidak sah: tulis 0–100 dengan paling banyak dua desimal (mis. 72,5)")]
    Persen(String),
    #[error("pemilihan ini belum punya paslon: target suara tidak bisa dihitung")]
    TanpaPaslon,
    #[error(
        "ada {0} paslon: tetapkan target perolehan suara (persen suara sah) untuk menghitung suara yang dibutuhkan"
    )]
    TargetPerlu(u8),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Persen {
        Persen::parse(s).unwrap()
    }

    #[test]
    fn percentages_are_exact() {
        assert_eq!(p("72").basis_poin(), 7200);
        assert_eq!(p("72,5").basis_poin(), 7250);
        assert_eq!(p("72.55 %").basis_poin(), 7255);
        assert_eq!(p("100").basis_poin(), 10_000);
        assert_eq!(p("0").basis_poin(), 0);
        assert_eq!(p("72,5").to_string(), "72,50");
        assert_eq!(p("40").to_string(), "40");
        for bad in ["", "abc", "100,01", "101", "7,255", "-5", ",5", "1e2"] {
            assert!(Persen::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn two_paslon_need_half_plus_one() {
        let a = Asumsi::new(p("75"), 2, None).unwrap();
        // 400 × 0.75 = 300 valid; 300 / 2 + 1 = 151.
        assert_eq!(a.suara_sah(400), 300);
        assert_eq!(a.suara_dibutuhkan(400), 151);
        // 301 × 0.75 = 225.75 → 225 valid; 225 / 2 = 112 → 113.
        assert_eq!(a.suara_sah(301), 225);
        assert_eq!(a.suara_dibutuhkan(301), 113);
        // 29 % of 100 is 29 exactly (a float gives 28.999…).
        let b = Asumsi::new(p("29"), 2, None).unwrap();
        assert_eq!(b.suara_sah(100), 29);
        assert_eq!(b.suara_dibutuhkan(100), 15);
        assert_eq!(a.suara_dibutuhkan(0), 0);
    }

    #[test]
    fn more_paslon_use_the_target_share() {
        let a = Asumsi::new(p("70"), 3, Some(p("40"))).unwrap();
        // 500 × 0.70 = 350 valid; 350 × 0.40 = 140 exactly.
        assert_eq!(a.suara_dibutuhkan(500), 140);
        // 333 × 0.70 = 233.1 → 233; 233 × 0.40 = 93.2 → 94.
        assert_eq!(a.suara_dibutuhkan(333), 94);
        assert_eq!(
            Asumsi::new(p("70"), 3, None),
            Err(TargetError::TargetPerlu(3))
        );
        assert_eq!(Asumsi::new(p("70"), 0, None), Err(TargetError::TanpaPaslon));
        // A target share given for a two-way race is not used.
        let b = Asumsi::new(p("75"), 2, Some(p("40"))).unwrap();
        assert_eq!(b.suara_dibutuhkan(400), 151);
    }

    #[test]
    fn ratios_round_down_to_a_basis_point() {
        assert_eq!(Persen::rasio(2, 3).unwrap().basis_poin(), 6666);
        assert_eq!(Persen::rasio(0, 3).unwrap().basis_poin(), 0);
        assert_eq!(Persen::rasio(3, 3).unwrap().basis_poin(), 10_000);
        assert_eq!(Persen::rasio(4, 3), None);
        assert_eq!(Persen::rasio(1, 0), None);
        // Province-sized sums do not overflow.
        assert_eq!(
            Persen::rasio(24_000_000, 35_000_000).unwrap().basis_poin(),
            6857
        );
    }

    #[test]
    fn gap_is_never_negative() {
        assert_eq!(selisih_target(151, 100), 51);
        assert_eq!(selisih_target(151, 151), 0);
        assert_eq!(selisih_target(151, 400), 0);
    }
}
