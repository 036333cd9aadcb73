//! The non-compliant and compliant examples of each rule (`policies/examples.yaml`), shown by
//! `ibp-lint explain` and checked by a test against the rules themselves.
//!
//! A snippet holds top-level keys of a declaration; it is read as a change to a complete,
//! compliant declaration (the example of format.md): each key replaces the base's value, and a
//! key set to `~` is left out. The file's header explains the special cases (whole files,
//! pairs of files for the inventory rules, board configurations for the waiver rules).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::Error;

const SOURCE: &str = include_str!("../policies/examples.yaml");

/// One snippet, or (for the inventory rules) one snippet per file.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Snippets {
    One(String),
    Many(Vec<String>),
}

impl Snippets {
    pub fn files(&self) -> Vec<&str> {
        match self {
            Snippets::One(s) => vec![s.as_str()],
            Snippets::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// The examples of one rule.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The snippets are whole files, not changes to the base declaration.
    #[serde(default)]
    pub whole_file: bool,
    /// The snippets are board configurations; `declaration` is the declaration they apply to.
    #[serde(default)]
    pub config: bool,
    /// The snippets are baseline files (`--baseline`); `declaration` is what they apply to.
    #[serde(default)]
    pub baseline: bool,
    #[serde(default)]
    pub declaration: Option<String>,
    pub fail: Snippets,
    pub pass: Snippets,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    examples: BTreeMap<String, Example>,
}

/// The built-in examples by rule code, parsed once.
pub fn builtin() -> Result<&'static BTreeMap<String, Example>, Error> {
    static EXAMPLES: OnceLock<Result<BTreeMap<String, Example>, String>> = OnceLock::new();
    EXAMPLES
        .get_or_init(|| {
            let file: File = yaml_serde::from_str(SOURCE).map_err(|e| e.to_string())?;
            if file.version != 1 {
                return Err(format!("unsupported examples version {}", file.version));
            }
            Ok(file.examples)
        })
        .as_ref()
        .map_err(|e| Error::Catalogue(format!("policies/examples.yaml: {e}")))
}
