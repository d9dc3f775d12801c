//! The platforms' own analytics exports, imported per account.

use serde::{Deserialize, Serialize};

/// One imported export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalitikMedsos {}
