//! Tasks down the tree for people: sending a task, the assignee's list
//! with its proof form, completion per area.

use super::{Angka, RuangLapangan};
use crate::Rutes;
use posko_app::Masuk;

pub(super) fn routes(r: Rutes) -> Rutes {
    r
}

/// The home's counts for tasks.
pub(super) fn angka(_r: &RuangLapangan, _m: &Masuk) -> Vec<Angka> {
    Vec::new()
}

/// This person's own open tasks: (href, title, due, overdue).
pub(super) fn milik(_r: &RuangLapangan, _m: &Masuk) -> Vec<(String, String, String, bool)> {
    Vec::new()
}
