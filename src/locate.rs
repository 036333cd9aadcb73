//! Positions of the nodes of a parsed declaration, keyed by JSON Pointer.
//!
//! Every stage that reports a finding (YAML syntax, schema, policies, inventory) names the
//! offending node by its JSON Pointer; this module turns that pointer into a file position
//! following the rules of `rules.md`: the node itself when it exists (the value of a
//! `key: value` pair, the item of a list), else the key of the nearest existing parent, the
//! first line of a parent list item, or the first key of the document.
//!
//! It must not know about rules or findings: it only maps pointers to places.
//!
//! The map hashes with foldhash (randomly seeded per run, already in the build through
//! hashbrown) instead of the standard SipHash: a file inserts every one of its nodes, and
//! SipHash made that a sixth of the parse. Files are at most `max_file_kib` large, which bounds
//! what a crafted set of colliding keys could cost.

use std::collections::HashMap;

type Hasher = foldhash::fast::RandomState;

/// A place in a source file: 1-based line, 1-based column counted in characters, and the
/// character offset (not the byte offset) of that place, with the length of the node in
/// characters (for underlining) and where it ends (exclusive, for SARIF regions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub len: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Position {
    /// The position of the very start of a file.
    pub const START: Position = Position {
        line: 1,
        column: 1,
        offset: 0,
        len: 0,
        end_line: 1,
        end_column: 1,
    };

    /// A position of `len` characters on one line.
    pub fn on_line(line: usize, column: usize, offset: usize, len: usize) -> Position {
        Position {
            line,
            column,
            offset,
            len,
            end_line: line,
            end_column: column + len,
        }
    }
}

/// Where one node of the document sits: the value and, for a mapping entry, its key.
#[derive(Debug, Clone, Copy)]
pub struct NodeSpan {
    pub key: Option<Position>,
    pub value: Position,
    /// True when the node is an item of a sequence.
    pub in_list: bool,
}

/// Map from JSON Pointer to the node's position, plus the first key of the document.
#[derive(Debug, Default, Clone)]
pub struct SpanMap {
    nodes: HashMap<String, NodeSpan, Hasher>,
    first_key: Option<Position>,
}

/// The resolved location of a finding: the pointer of the node it is reported at (the
/// requested node or its nearest existing parent) and that node's position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub pointer: String,
    pub position: Position,
}

impl SpanMap {
    /// An empty map with room for about `nodes` nodes (a file of 1.6 KB has about 100), so
    /// that building it does not rehash as it grows.
    pub(crate) fn with_capacity(nodes: usize) -> Self {
        Self {
            nodes: HashMap::with_capacity_and_hasher(nodes.min(4096), Hasher::default()),
            first_key: None,
        }
    }

    pub(crate) fn insert(&mut self, pointer: String, span: NodeSpan) {
        if self.first_key.is_none() && span.key.is_some() && pointer.matches('/').count() == 1 {
            self.first_key = span.key;
        }
        self.nodes.insert(pointer, span);
    }

    /// The span of exactly this pointer, when the node exists.
    pub fn get(&self, pointer: &str) -> Option<&NodeSpan> {
        self.nodes.get(pointer)
    }

    /// The position of the first key of the document (or the start of the file).
    pub(crate) fn first_key(&self) -> Position {
        self.first_key
            .or_else(|| self.nodes.get("").map(|n| n.value))
            .unwrap_or(Position::START)
    }

    /// Locates `pointer` as `rules.md` prescribes. An existing node is reported at its value;
    /// a missing one at the key of its nearest existing parent (or at the parent list item,
    /// or at the first key of the document when only the root exists).
    pub fn locate(&self, pointer: &str) -> Located {
        if let Some(node) = self.nodes.get(pointer) {
            return Located {
                pointer: pointer.to_string(),
                position: node.value,
            };
        }
        self.locate_missing(pointer)
    }

    /// Locates a key that is known to be missing under `pointer`'s parent chain, or the key
    /// of an existing entry (used for "unknown key" schema errors).
    pub(crate) fn locate_key(&self, pointer: &str) -> Located {
        match self.nodes.get(pointer) {
            Some(node) => Located {
                pointer: pointer.to_string(),
                position: node.key.unwrap_or(node.value),
            },
            None => self.locate_missing(pointer),
        }
    }

    fn locate_missing(&self, pointer: &str) -> Located {
        let mut parent = pointer;
        while let Some(cut) = parent.rfind('/') {
            parent = parent.get(..cut).unwrap_or("");
            if parent.is_empty() {
                break;
            }
            if let Some(node) = self.nodes.get(parent) {
                let position = match (node.in_list, node.key) {
                    (true, _) | (false, None) => node.value,
                    (false, Some(key)) => key,
                };
                return Located {
                    pointer: parent.to_string(),
                    position,
                };
            }
        }
        Located {
            pointer: String::new(),
            position: self.first_key(),
        }
    }
}

/// Appends one reference token to a JSON Pointer, escaping `~` and `/` (RFC 6901).
pub(crate) fn push_token(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            _ => out.push(c),
        }
    }
    out
}

/// Appends a list index to a JSON Pointer (`/fields` and 3 give `/fields/3`). Written digit by
/// digit: `format!` or `to_string` cost several times as much, for every list item of every
/// declaration.
pub(crate) fn push_index(pointer: &str, index: usize) -> String {
    let mut out = String::with_capacity(pointer.len() + 4);
    out.push_str(pointer);
    out.push('/');
    let mut divisor = 1;
    while index / divisor >= 10 {
        divisor *= 10;
    }
    loop {
        let digit = u32::try_from(index / divisor % 10).unwrap_or_default();
        out.push(char::from_digit(digit, 10).unwrap_or('0'));
        if divisor == 1 {
            return out;
        }
        divisor /= 10;
    }
}

/// Converts a character offset into a byte offset of `source` (both are equal for ASCII).
pub(crate) fn byte_offset(source: &str, char_offset: usize) -> usize {
    if source.is_ascii() {
        return char_offset.min(source.len());
    }
    source
        .char_indices()
        .nth(char_offset)
        .map_or(source.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_indices_are_appended_in_decimal() {
        for (index, expected) in [
            (0, "/fields/0"),
            (7, "/fields/7"),
            (10, "/fields/10"),
            (99, "/fields/99"),
            (1234, "/fields/1234"),
            (usize::MAX, &*format!("/fields/{}", usize::MAX)),
        ] {
            assert_eq!(push_index("/fields", index), expected);
        }
        assert_eq!(push_index("", 2), "/2");
    }

    fn pos(line: usize, column: usize) -> Position {
        Position::on_line(line, column, 0, 1)
    }

    fn map() -> SpanMap {
        let mut m = SpanMap::default();
        m.insert(
            String::new(),
            NodeSpan {
                key: None,
                value: pos(2, 1),
                in_list: false,
            },
        );
        m.insert(
            "/apiVersion".into(),
            NodeSpan {
                key: Some(pos(2, 1)),
                value: pos(2, 13),
                in_list: false,
            },
        );
        m.insert(
            "/subprocessors".into(),
            NodeSpan {
                key: Some(pos(5, 1)),
                value: pos(6, 3),
                in_list: false,
            },
        );
        m.insert(
            "/subprocessors/0".into(),
            NodeSpan {
                key: None,
                value: pos(6, 5),
                in_list: true,
            },
        );
        m
    }

    #[test]
    fn existing_node_is_located_at_its_value() {
        let l = map().locate("/apiVersion");
        assert_eq!(
            (l.pointer.as_str(), l.position.line, l.position.column),
            ("/apiVersion", 2, 13)
        );
    }

    #[test]
    fn missing_key_in_list_item_points_at_the_item() {
        let l = map().locate("/subprocessors/0/country");
        assert_eq!(
            (l.pointer.as_str(), l.position.line, l.position.column),
            ("/subprocessors/0", 6, 5)
        );
    }

    #[test]
    fn missing_key_under_mapping_points_at_parent_key() {
        let l = map().locate("/subprocessors/3/country");
        assert_eq!(
            (l.pointer.as_str(), l.position.line, l.position.column),
            ("/subprocessors", 5, 1)
        );
    }

    #[test]
    fn missing_top_level_key_points_at_first_key() {
        let l = map().locate("/processing_agreement/status");
        assert_eq!(
            (l.pointer.as_str(), l.position.line, l.position.column),
            ("", 2, 1)
        );
    }

    #[test]
    fn tokens_are_escaped() {
        assert_eq!(push_token("/a", "b/c~d"), "/a/b~1c~0d");
    }
}
