//! The social-media room: akun.

use super::*;

pub(super) fn routes(r: Rutes) -> Rutes {
    r
}
