//! The issue desk (isu dan hoaks): claims about the pair, the evidence
//! and the approved answer.

use serde::{Deserialize, Serialize};

/// A claim on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IsuMedsos {}
