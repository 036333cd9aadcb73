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
    /// The profile both sides are checked under (`publisher` for a rule raised only as a
    /// readiness requirement, EXIT-001); absent = the default, `officer`.
    #[serde(default)]
    pub profile: Option<crate::profile::Profile>,
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

/// Where the comment of each line of a YAML snippet starts (the byte offset of its `#`), or
/// `None`: a `#` at a line's start or after white space, outside a quoted scalar (which may go
/// on over several lines; `\"` and `''` do not close one) and outside the text of a block
/// scalar (`|` or `>`). A quote opens a scalar only where one can begin (at the start, or after
/// white space, `[`, `{` or `,`): an apostrophe inside a plain scalar does not.
pub(crate) fn comment_starts(snippet: &str) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut quote: Option<char> = None;
    // The indentation of the line that opened a block scalar: its text is the more indented
    // (or blank) lines after it.
    let mut block: Option<usize> = None;
    for line in snippet.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = block {
            if line.trim().is_empty() || indent > parent {
                out.push(None);
                continue;
            }
            block = None;
        }
        let mut found = None;
        let mut previous: Option<char> = None;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match quote {
                Some('"') if c == '\\' => {
                    chars.next();
                }
                Some('\'') if c == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                    chars.next();
                }
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '#' && previous.is_none_or(|p| p == ' ' || p == '\t') => {
                    found = Some(i);
                    break;
                }
                None if matches!(c, '"' | '\'')
                    && previous.is_none_or(|p| matches!(p, ' ' | '\t' | '[' | '{' | ',')) =>
                {
                    quote = Some(c);
                }
                None => {}
            }
            previous = Some(c);
        }
        let code = found.and_then(|at| line.get(..at)).unwrap_or(line);
        if quote.is_none() && opens_block_scalar(code) {
            block = Some(indent);
        }
        out.push(found);
    }
    out
}

/// Whether a line (without its comment) ends in a block scalar indicator: `key: |`, `- >-`,
/// `|2`.
fn opens_block_scalar(code: &str) -> bool {
    let code = code.trim_end();
    let token = code.rsplit([' ', '\t']).next().unwrap_or_default();
    let before = code
        .get(..code.len() - token.len())
        .unwrap_or_default()
        .trim_end();
    let mut rest = token.chars();
    rest.next().is_some_and(|c| c == '|' || c == '>')
        && rest.all(|c| matches!(c, '+' | '-') || c.is_ascii_digit())
        && (before.is_empty() || before.ends_with(':') || before.ends_with('-'))
}

/// `snippet` with each comment found in `table` replaced by its translation; the code and the
/// comment's column stay as they are, a comment without a translation stays as written.
pub(crate) fn translate_comments(snippet: &str, table: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(snippet.len());
    for (line, start) in snippet.lines().zip(comment_starts(snippet)) {
        let translated = start.and_then(|at| {
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

/// The comments of a snippet (trimmed, after their `#`), in order.
pub fn comments_of(snippet: &str) -> Vec<&str> {
    snippet
        .lines()
        .zip(comment_starts(snippet))
        .filter_map(|(line, start)| {
            start
                .and_then(|at| line.get(at..))
                .and_then(|c| c.strip_prefix('#'))
                .map(str::trim)
        })
        .collect()
}

/// The snippets of an example: its files, then the declaration its configuration applies to.
pub fn snippets(example: &Example) -> impl Iterator<Item = &str> {
    example
        .fail
        .files()
        .into_iter()
        .chain(example.pass.files())
        .chain(example.declaration.as_deref())
}

/// Every comment of the built-in examples, in file order.
pub fn comments() -> Result<Vec<&'static str>, Error> {
    Ok(builtin()?
        .values()
        .flat_map(snippets)
        .flat_map(comments_of)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_start_at_a_hash_after_space_outside_quotes_and_block_text() {
        let one = |line: &str| comment_starts(line).first().copied().flatten();
        assert_eq!(one("kvk: 01234567  # unquoted"), Some(15));
        assert_eq!(one("# whole line"), Some(0));
        assert_eq!(one("url: https://x.example/#part"), None);
        assert_eq!(one("name: \"a # b\"  # c"), Some(15));
        assert_eq!(one("name: 'a # b'  # c"), Some(15));
        assert_eq!(one("name: Pupil's app  # c"), Some(19));
        assert_eq!(one("fields: [eck_id]"), None);
        // Escaped quotes do not close the scalar.
        assert_eq!(one(r#"name: "say \"hi\" # no" # c"#), Some(24));
        assert_eq!(one("name: 'it''s # no'  # c"), Some(20));
        // A block scalar's text and a quoted scalar over two lines hold no comment.
        let snippet =
            "note: |  # c1\n  see # no\n\n  more # no\nname: \"a\n  # no\" # c2\nurl: x # c3\n";
        assert_eq!(comments_of(snippet), ["c1", "c2", "c3"]);
        assert_eq!(comments_of("- >-\n  a # no\n- b # c\n"), ["c"]);
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
