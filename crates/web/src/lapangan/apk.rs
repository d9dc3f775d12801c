//! Campaign materials (APK) for people: stock, hand-overs down the tree,
//! installations with photo and GPS, the take-down checklist.

use super::{Angka, RuangLapangan};
use crate::Rutes;
use posko_app::Masuk;

pub(super) fn routes(r: Rutes) -> Rutes {
    r
}

/// The home's counts for APK.
pub(super) fn angka(_r: &RuangLapangan, _m: &Masuk) -> Vec<Angka> {
    Vec::new()
}
