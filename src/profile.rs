//! Whose checklist a run applies (format.md, "Profiles"): the school board's officer (the
//! default) or a publisher preparing to join the convenant. Under `publisher` the policies
//! raise the *readiness* triggers of rules.md (evidence not yet declared) as errors, LEAF-004
//! and CONV-001 are errors, and every declaration gets its readiness count: how many of the
//! convenant's requirements that apply to it are met.
//!
//! The policies read the profile from `data.settings.profile`; this module only names the
//! profiles and the readiness requirements.

use serde::Deserialize;

/// The profile of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    #[default]
    Officer,
    Publisher,
}

impl Profile {
    /// The name as the configuration, the flag and `data.settings.profile` write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Officer => "officer",
            Profile::Publisher => "publisher",
        }
    }
}

/// The readiness requirements of rules.md ("Readiness and the publisher profile"), in its
/// order: the codes whose absence from a declaration's findings means the requirement is met.
pub const READINESS: [&str; 14] = [
    "AGR-001",
    "AGR-006",
    "LEAF-001",
    "LEAF-002",
    "LEAF-003",
    "LEAF-004",
    "LEAF-005",
    "SUB-002",
    "RIGHTS-001",
    "EXIT-001",
    "CVD-001",
    "PURP-001",
    "TRACK-001",
    "ID-004",
];

/// Whether `code` is one of the readiness requirements.
pub fn is_readiness(code: &str) -> bool {
    READINESS.contains(&code)
}
