//! Relawan (volunteers): a tree that mirrors the territory. Each relawan
//! works a territory (a kab/kota, kecamatan, desa or one TPS) and was
//! brought in by a recruiter whose territory holds theirs.

use std::fmt;

use serde::Serialize;

use crate::akses::{Cakupan, Objek};
use crate::wilayah::Tingkat;

/// The level of a relawan in the tree, implied by their territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TingkatRelawan {
    /// Koordinator kabupaten/kota.
    KabKota,
    Kecamatan,
    Desa,
    Tps,
}

impl TingkatRelawan {
    /// The level a territory implies; a province or the whole campaign is
    /// not a relawan's territory (that is the campaign team's).
    pub fn dari(wilayah: &Cakupan) -> Result<TingkatRelawan, RelawanError> {
        match wilayah {
            Cakupan::Tps(_) => Ok(TingkatRelawan::Tps),
            Cakupan::Wilayah(w) => match w.tingkat() {
                Tingkat::Kabkota => Ok(TingkatRelawan::KabKota),
                Tingkat::Kecamatan => Ok(TingkatRelawan::Kecamatan),
                Tingkat::Desa => Ok(TingkatRelawan::Desa),
                Tingkat::Provinsi => Err(RelawanError::WilayahTerlaluLuas(wilayah.to_string())),
            },
            Cakupan::Semua => Err(RelawanError::WilayahTerlaluLuas("semua".into())),
        }
    }

    pub fn as_u8(self) -> u8 {
        match self {
            TingkatRelawan::KabKota => 1,
            TingkatRelawan::Kecamatan => 2,
            TingkatRelawan::Desa => 3,
            TingkatRelawan::Tps => 4,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TingkatRelawan::KabKota => "koordinator kab/kota",
            TingkatRelawan::Kecamatan => "koordinator kecamatan",
            TingkatRelawan::Desa => "koordinator desa",
            TingkatRelawan::Tps => "relawan TPS",
        }
    }
}

impl fmt::Display for TingkatRelawan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Whether `bagian` lies inside `wilayah` (or is the same).
pub fn di_dalam(wilayah: &Cakupan, bagian: &Cakupan) -> bool {
    match bagian {
        Cakupan::Semua => *wilayah == Cakupan::Semua,
        Cakupan::Wilayah(w) => wilayah.mencakup(&Objek::Wilayah(*w)),
        Cakupan::Tps(t) => wilayah.mencakup(&Objek::Tps(*t)),
    }
}

/// Checks a recruit's territory against their recruiter's (None: the top
/// of a tree, named by the campaign team) and returns the recruit's level.
pub fn periksa_rekrut(
    perekrut: Option<&Cakupan>,
    wilayah: &Cakupan,
) -> Result<TingkatRelawan, RelawanError> {
    let tingkat = TingkatRelawan::dari(wilayah)?;
    if let Some(p) = perekrut
        && !di_dalam(p, wilayah)
    {
        return Err(RelawanError::DiLuarWilayah {
            wilayah: wilayah.to_string(),
            perekrut: p.to_string(),
        });
    }
    Ok(tingkat)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RelawanError {
    #[error(
        "wilayah relawan '{0}' terlalu luas: pilih kabupaten/kota, kecamatan, desa/kelurahan atau satu TPS"
    )]
    WilayahTerlaluLuas(String),
    #[error(
        "wilayah '{wilayah}' di luar wilayah perekrut ({perekrut}): relawan hanya merekrut di dalam wilayahnya sendiri"
    )]
    DiLuarWilayah { wilayah: String, perekrut: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Cakupan {
        Cakupan::parse(s).unwrap()
    }

    #[test]
    fn level_follows_territory() {
        assert_eq!(
            TingkatRelawan::dari(&c("31.71")).unwrap(),
            TingkatRelawan::KabKota
        );
        assert_eq!(
            TingkatRelawan::dari(&c("31.71.01")).unwrap(),
            TingkatRelawan::Kecamatan
        );
        assert_eq!(
            TingkatRelawan::dari(&c("31.71.01.1001")).unwrap(),
            TingkatRelawan::Desa
        );
        assert_eq!(
            TingkatRelawan::dari(&c("3171011001001")).unwrap(),
            TingkatRelawan::Tps
        );
        assert!(TingkatRelawan::dari(&c("31")).is_err());
        assert!(TingkatRelawan::dari(&Cakupan::Semua).is_err());
    }

    #[test]
    fn recruits_stay_inside_the_recruiters_territory() {
        let kec = c("31.71.01");
        assert!(periksa_rekrut(Some(&kec), &c("31.71.01.1001")).is_ok());
        assert!(periksa_rekrut(Some(&kec), &c("3171011001005")).is_ok());
        assert!(periksa_rekrut(Some(&kec), &c("31.71.01")).is_ok());
        let e = periksa_rekrut(Some(&kec), &c("31.71.02.1001")).unwrap_err();
        assert!(e.to_string().contains("di luar wilayah perekrut"), "{e}");
        assert!(periksa_rekrut(Some(&kec), &c("31.71")).is_err());
        let tps = c("3171011001001");
        assert!(periksa_rekrut(Some(&tps), &c("3171011001001")).is_ok());
        assert!(periksa_rekrut(Some(&tps), &c("3171011001002")).is_err());
        assert!(periksa_rekrut(Some(&tps), &c("31.71.01.1001")).is_err());
        assert!(periksa_rekrut(None, &c("31.71")).is_ok());
    }
}
