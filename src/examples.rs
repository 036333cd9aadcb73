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
    /// English comment (as written after its `#`, trimmed) to its Dutch text.
    #[serde(default)]
    comments_nl: BTreeMap<String, String>,
    examples: BTreeMap<String, Example>,
}

fn file() -> Result<&'static File, Error> {
    static FILE: OnceLock<Result<File, String>> = OnceLock::new();
    FILE.get_or_init(|| {
        let file: File = yaml_serde::from_str(SOURCE).map_err(|e| e.to_string())?;
        if file.version != 1 {
            return Err(format!("unsupported examples version {}", file.version));
        }
        Ok(file)
    })
    .as_ref()
    .map_err(|e| Error::Catalogue(format!("policies/examples.yaml: {e}")))
}

/// The built-in examples by rule code, parsed once.
pub fn builtin() -> Result<&'static BTreeMap<String, Example>, Error> {
    file().map(|f| &f.examples)
}

/// The Dutch text of each English comment in the built-in examples.
pub fn comments_nl() -> Result<&'static BTreeMap<String, String>, Error> {
    file().map(|f| &f.comments_nl)
}

/// Where the comment of a YAML line starts (its `#`): at the line's start or after white
/// space, outside a quoted scalar. A quote opens a scalar only where one can begin (at the
/// start, or after white space, `[`, `{` or `,`): an apostrophe inside a plain scalar does not.
pub fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '#' && previous.is_none_or(|p| p == ' ' || p == '\t') => return Some(i),
            None if matches!(c, '"' | '\'')
                && previous.is_none_or(|p| matches!(p, ' ' | '\t' | '[' | '{' | ',')) =>
            {
                quote = Some(c);
            }
            None => {}
        }
        previous = Some(c);
    }
    None
}

/// `snippet` with each comment found in `table` replaced by its translation; the code and the
/// comment's column stay as they are, a comment without a translation stays as written.
pub fn translate_comments(snippet: &str, table: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(snippet.len());
    for line in snippet.lines() {
        let translated = comment_start(line).and_then(|at| {
            let (code, comment) = line.split_at_checked(at)?;
            let text = comment.strip_prefix('#')?.trim();
            table.get(text).map(|nl| format!("{code}# {nl}"))
        });
        match translated {
            Some(t) => out.push_str(&t),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Every comment of the built-in examples (trimmed, after its `#`), in file order.
pub fn comments() -> Result<Vec<&'static str>, Error> {
    let mut out = Vec::new();
    for example in builtin()?.values() {
        let snippets = example
            .fail
            .files()
            .into_iter()
            .chain(example.pass.files())
            .chain(example.declaration.as_deref());
        for snippet in snippets {
            for line in snippet.lines() {
                if let Some(comment) = comment_start(line)
                    .and_then(|at| line.get(at..))
                    .and_then(|c| c.strip_prefix('#'))
                {
                    out.push(comment.trim());
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_start_at_a_hash_after_space_outside_quotes() {
        assert_eq!(comment_start("kvk: 01234567  # unquoted"), Some(15));
        assert_eq!(comment_start("# whole line"), Some(0));
        assert_eq!(comment_start("url: https://x.example/#part"), None);
        assert_eq!(comment_start("name: \"a # b\"  # c"), Some(15));
        assert_eq!(comment_start("name: 'a # b'  # c"), Some(15));
        assert_eq!(comment_start("name: Pupil's app  # c"), Some(19));
        assert_eq!(comment_start("fields: [eck_id]"), None);
    }

    #[test]
    fn comments_are_translated_in_place() {
        let table = BTreeMap::from([("not https".to_string(), "geen https".to_string())]);
        assert_eq!(
            translate_comments(
                "privacy_leaflet:\n  url: http://x   # not https\n  # other\n",
                &table
            ),
            "privacy_leaflet:\n  url: http://x   # geen https\n  # other\n"
        );
    }
}
