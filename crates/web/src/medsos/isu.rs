//! The social-media room: isu.

use super::*;

pub(super) fn routes(r: Rutes) -> Rutes {
    r
}
