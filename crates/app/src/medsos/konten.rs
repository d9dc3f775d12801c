//! The content calendar: drafts through the review chain to the posted
//! record.

use serde::{Deserialize, Serialize};

/// A draft and its way to being posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KontenMedsos {}
