//! The social-media room: konten.

use super::*;

pub(super) fn routes(r: Rutes) -> Rutes {
    r
}
