//! YAML text to a JSON value plus the position of every node, in one pass.
//!
//! Why `saphyr-parser`: it is the maintained YAML 1.2 parser of the YAML organisation's Rust
//! effort, it is pure Rust, and its event API gives the span of every scalar, sequence and
//! mapping. Building our own tree from those events lets one pass produce both the value the
//! schema and the policies read and the pointer-to-position map the findings need, and lets us
//! enforce what a declaration must not contain (duplicate keys, several documents, alias
//! expansion beyond a budget, absurd nesting) as `DECL-001` instead of a crash or a hang.
//! (`marked-yaml` keeps spans too, but reads every scalar as a string and has no hook for
//! duplicate keys; `yaml_serde` keeps no positions below the error.)
//!
//! Scalars follow the YAML 1.2 core schema: `NO` stays the string `"NO"` (Norway), dates stay
//! strings, `4.0` is a number. Non-finite floats become strings, since JSON has no such numbers.
//!
//! This module must not know about declarations: it parses any YAML mapping or sequence.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};

use crate::locate::{NodeSpan, Position, SpanMap, push_index, push_token};

mod builder;
mod scalar;

use builder::{Builder, Offsets, block_scalar_at, empty_value_at, start_of};
use scalar::resolve;
pub(crate) use scalar::resolve_plain;

/// Deepest nesting accepted; a declaration needs 4 levels.
pub(crate) const MAX_DEPTH: usize = 64;
/// Most nodes one document may expand to (aliases included); a declaration has ~100.
pub(crate) const MAX_NODES: usize = 100_000;

/// A parsed YAML document with the position of each node.
#[derive(Debug, Clone)]
pub struct Document {
    pub value: Value,
    pub spans: SpanMap,
}

/// Why a file is not a usable YAML document (reported as `DECL-001`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Syntax(String),
    MultiDocument(usize),
    DuplicateKey(String),
    NotUtf8,
    TooDeep(usize),
    AliasLimit(usize),
    TooManyNodes(usize),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Syntax(detail) => write!(f, "invalid YAML: {detail}"),
            Problem::MultiDocument(n) => write!(f, "{n} YAML documents in one file"),
            Problem::DuplicateKey(key) => write!(f, "duplicate key `{key}`"),
            Problem::NotUtf8 => f.write_str("the file is not UTF-8"),
            Problem::TooDeep(max) => write!(f, "nested deeper than {max} levels"),
            Problem::AliasLimit(max) => write!(f, "aliases expand to more than {max} nodes"),
            Problem::TooManyNodes(max) => write!(f, "more than {max} values in one document"),
        }
    }
}

/// A problem with the place where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub problem: Problem,
    pub position: Position,
}

/// Decodes file bytes as UTF-8 (a leading byte-order mark is dropped), or reports the line
/// and column of the first invalid byte.
pub fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let text = String::from_utf8_lossy(valid);
        // Lines as the parser counts them: `\n`, `\r\n` or a lone `\r` ends one.
        let (mut line, mut column) = (1, 1);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                line += 1;
                column = 1;
            } else if c != '\r' {
                column += 1;
            }
        }
        ParseError {
            problem: Problem::NotUtf8,
            position: Position::on_line(line, column, text.chars().count(), 1),
        }
    })
}

/// The text of a file that is not UTF-8, each invalid sequence as U+FFFD and without the
/// byte-order mark that `decode` drops, so that positions counted in it match those of
/// `decode`'s error and of the parser.
pub fn lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

/// Parses one YAML document. An empty stream gives `Value::Null`. The position of an error
/// always lies inside the text (the parser may report one past the end of a line or the file).
pub fn parse(source: &str) -> Result<Document, ParseError> {
    parse_unclamped(source).map_err(|mut e| {
        e.position = clamp(source, e.position);
        e
    })
}

/// The length in characters of every line of `text`, as positions count lines: a line ends at
/// `\n`, `\r\n` or a lone `\r` (so there is always at least one line).
pub fn line_lengths(text: &str) -> Vec<usize> {
    let mut lengths = vec![0usize];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
            lengths.push(0);
        } else if c != '\r' {
            if let Some(last) = lengths.last_mut() {
                *last += 1;
            }
        }
    }
    lengths
}

/// `position` moved to the nearest place inside `source` (a column may be one past the last
/// character of its line).
fn clamp(source: &str, position: Position) -> Position {
    let lengths = line_lengths(source);
    let line = position.line.clamp(1, lengths.len());
    let width = lengths.get(line - 1).copied().unwrap_or(0);
    let column = position.column.clamp(1, width + 1);
    if (line, column) == (position.line, position.column) {
        return position;
    }
    Position::on_line(line, column, position.offset, 0)
}

fn parse_unclamped(source: &str) -> Result<Document, ParseError> {
    let mut builder = Builder {
        spans: SpanMap::with_capacity(source.len() / 16 + 8),
        ..Builder::default()
    };
    let mut parser = Parser::new_from_str(source);
    let mut offsets = Offsets::new(source);
    let mut documents = 0usize;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| ParseError {
            // The parser has its own (higher) nesting guard; report it as ours.
            problem: if e.info().contains("recursion limit") {
                Problem::TooDeep(MAX_DEPTH)
            } else {
                Problem::Syntax(e.info().to_string())
            },
            position: position(e.marker().line(), e.marker().col(), e.marker().index(), 1),
        })?;
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(ParseError {
                        problem: Problem::MultiDocument(count_documents(source, documents)),
                        position: start_of(&span),
                    });
                }
            }
            Event::StreamEnd => break,
            other => {
                // One call site, so that the builder stays inlined in this loop (three cost
                // 1.8% of the parse); the two corrections are rare and kept out of line.
                let here = match &other {
                    Event::Scalar(text, ScalarStyle::Plain, ..)
                        if text.is_empty() && span.is_empty() =>
                    {
                        empty_value_at(&mut offsets, start_of(&span))
                    }
                    Event::Scalar(_, ScalarStyle::Literal | ScalarStyle::Folded, ..) => {
                        block_scalar_at(&mut offsets, start_of(&span))
                    }
                    _ => start_of(&span),
                };
                builder.event(other, &span, here)?;
            }
        }
    }
    Ok(Document {
        value: builder.root.unwrap_or(Value::Null),
        spans: builder.spans,
    })
}

/// The ends of quoted scalars, corrected in the positions a report shows. saphyr ends a quoted
/// scalar's span where the next token starts, after the spaces and the comment that follow it,
/// which are not the node: an underline or an annotation's end column would cover them. Only
/// the few positions of findings are corrected, not every node while parsing (that cost about
/// 2% of the parse).
pub(crate) struct QuotedEnds<'a> {
    text: &'a str,
    /// The last line found and the byte offset of its start (lines are found from there on).
    cursor: (usize, usize),
    /// Byte offsets of all line starts, made only for a text with a carriage return (a lone
    /// `\r` also ends a line); other texts are searched for `\n` alone, which is much faster.
    line_starts: Option<Vec<usize>>,
}

impl<'a> QuotedEnds<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            cursor: (1, 0),
            line_starts: text.contains('\r').then(|| line_starts(text)),
        }
    }

    /// The byte offset where the 1-based `line` starts.
    fn line_start(&mut self, line: usize) -> Option<usize> {
        if let Some(starts) = &self.line_starts {
            return starts.get(line.checked_sub(1)?).copied();
        }
        let (mut at_line, mut at) = self.cursor;
        if line < at_line {
            (at_line, at) = (1, 0);
        }
        while at_line < line {
            at += self.text.get(at..)?.find('\n')? + 1;
            at_line += 1;
        }
        self.cursor = (at_line, at);
        Some(at)
    }

    /// `position` ending at its closing quote when it starts at a quote; else unchanged.
    pub fn fix(&mut self, position: Position) -> Position {
        let text = self.text;
        let Some(line) = self
            .line_start(position.line)
            .and_then(|start| text.get(start..))
        else {
            return position;
        };
        let Some((at, quote)) = line
            .char_indices()
            .take_while(|&(_, c)| c != '\n' && c != '\r')
            .nth(position.column.saturating_sub(1))
        else {
            return position;
        };
        if quote != '"' && quote != '\'' {
            return position;
        }
        match quoted_extent(line.get(at..).unwrap_or(""), quote, position.column - 1) {
            Some((len, lines, end_column)) => Position {
                len,
                end_line: position.line + lines,
                end_column,
                ..position
            },
            None => position,
        }
    }
}

/// Whether the byte at `i` ends a line: `\n`, or a `\r` not followed by `\n` (a lone `\r`, as
/// old Mac files end lines), as positions count lines.
pub(crate) fn ends_line(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'\n') => true,
        Some(b'\r') => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// Byte offsets of the line starts of `text`.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    starts.extend(
        (0..bytes.len())
            .filter(|&i| ends_line(bytes, i))
            .map(|i| i + 1),
    );
    starts
}

/// The extent of the quoted scalar that `rest` starts with (at the 0-based `column`): its
/// length in characters, the line breaks inside it, and the 1-based column just after its
/// closing quote. `None` when it has no closing quote.
fn quoted_extent(rest: &str, quote: char, column: usize) -> Option<(usize, usize, usize)> {
    let mut chars = rest.chars().peekable();
    if chars.next() != Some(quote) {
        return None;
    }
    // Characters so far, line breaks so far, and the 0-based column after the last character.
    let (mut len, mut lines, mut column) = (1usize, 0usize, column + 1);
    loop {
        let mut c = chars.next()?;
        len += 1;
        if quote == '"' && c == '\\' {
            // An escape: the next character is part of it (it may be a line break).
            column += 1;
            c = chars.next()?;
            len += 1;
        } else if c == quote {
            if quote == '\'' && chars.peek() == Some(&'\'') {
                // `''` is a quote inside a single-quoted scalar.
                chars.next();
                len += 1;
                column += 2;
                continue;
            }
            return Some((len, lines, column + 2));
        }
        if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
            lines += 1;
            column = 0;
        } else {
            column += 1;
        }
    }
}

/// The top-level `id` of a text that does not parse as a whole (`DECL-001`), where it can be
/// read: a string under the key `id` of the first document's top-level mapping, met before the
/// problem (a syntax error further on, a duplicate key, a second document). rules.md lets such
/// a file take part in `INV-001` with that id. Reads events only (aliases are not expanded).
pub(crate) fn readable_id(source: &str) -> Option<(String, Position)> {
    // Per open collection: whether it is a mapping and whether its next node is a key.
    let mut stack: Vec<(bool, bool)> = Vec::new();
    let mut key_is_id = false;
    let mut documents = 0usize;
    let mut parser = Parser::new_from_str(source);
    while let Some(Ok((event, span))) = parser.next_event() {
        // A node in a mapping is a key or a value, in turn; `value_of_id` when it is the value
        // of the top-level key `id`.
        let mut value_of_id = false;
        let mut is_key = false;
        if matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        ) {
            let top = stack.len() == 1;
            if let Some((true, next_is_key)) = stack.last_mut() {
                is_key = *next_is_key;
                value_of_id = top && !is_key && key_is_id;
                *next_is_key = !*next_is_key;
            }
        }
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
            }
            Event::MappingStart(..) => stack.push((true, true)),
            Event::SequenceStart(..) => stack.push((false, false)),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            Event::Scalar(text, style, _, tag) => {
                if is_key && stack.len() == 1 {
                    key_is_id = text == "id";
                } else if value_of_id {
                    return match resolve(&text, style, tag.as_deref()) {
                        Value::String(id) => Some((id, start_of(&span))),
                        _ => None,
                    };
                }
            }
            Event::StreamEnd => break,
            _ => {}
        }
        if value_of_id {
            // The value of `id` is a list, a mapping or an alias: no id.
            return None;
        }
    }
    None
}

/// Counts the documents of a stream already known to hold `seen` or more, for the message.
fn count_documents(source: &str, seen: usize) -> usize {
    let mut parser = Parser::new_from_str(source);
    let mut n = 0;
    while let Some(Ok((event, _))) = parser.next_event() {
        if matches!(event, Event::DocumentStart(_)) {
            n += 1;
        }
    }
    n.max(seen)
}

fn position(line: usize, col: usize, index: usize, len: usize) -> Position {
    Position::on_line(line, col + 1, index, len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn value(src: &str) -> Value {
        match parse(src) {
            Ok(doc) => doc.value,
            Err(e) => Value::String(format!("error: {e:?}")),
        }
    }

    #[test]
    fn core_schema_scalars() {
        assert_eq!(
            value(
                "a: NO\nb: 2024-08-01\nc: 4.0\nd: 4\ne: \"4\"\nf: true\ng: ~\nh: yes\ni: 0x1F\nj: 012345678"
            ),
            json!({"a": "NO", "b": "2024-08-01", "c": 4.0, "d": 4, "e": "4", "f": true, "g": null, "h": "yes", "i": 31, "j": 12345678})
        );
    }

    #[test]
    fn positions_of_values_items_and_keys() {
        let doc = parse("# c\nid: x\nfields:\n  - eck_id\n  - field: foto\n    note: n\n").ok();
        let spans = doc.map(|d| d.spans).unwrap_or_default();
        let at = |p: &str| spans.get(p).map(|n| (n.value.line, n.value.column));
        assert_eq!(at("/id"), Some((2, 5)));
        assert_eq!(at("/fields"), Some((4, 3)));
        assert_eq!(at("/fields/0"), Some((4, 5)));
        assert_eq!(at("/fields/1"), Some((5, 5)));
        assert_eq!(at("/fields/1/field"), Some((5, 12)));
        assert_eq!(spans.first_key(), Position::on_line(2, 1, 4, 2));
    }

    /// A block scalar starts at its `|` or `>` indicator (with chomping and a comment after it,
    /// blank lines before its text, in a list), not at its first line of text; a `>` inside
    /// text above it is no indicator.
    #[test]
    fn block_scalars_start_at_their_indicator() {
        let doc =
            parse("a: |\n  x\nb: >-  # c\n\n  y\nc:\n  - |\n    z\nd: 'p > q'\ne: |\n  r\n").ok();
        let spans = doc.map(|d| d.spans).unwrap_or_default();
        let at = |p: &str| {
            spans
                .get(p)
                .map(|n| (n.value.line, n.value.column, n.value.offset))
        };
        assert_eq!(at("/a"), Some((1, 4, 3)));
        assert_eq!(at("/b"), Some((3, 4, 12)));
        assert_eq!(at("/c/0"), Some((7, 5, 32)));
        assert_eq!(at("/e"), Some((10, 4, 54)));
        let text_end = spans.get("/e").map(|n| n.value.end_line);
        assert!(text_end >= Some(11), "{text_end:?}");
    }

    /// An anchored key can be used as a value (`&k id: x` then `name: *k`), read as a value.
    #[test]
    fn an_anchored_key_is_a_value_for_its_alias() {
        let doc = parse("&k id: x\nname: *k\n&t true: y\nflag: *t\n")
            .map(|d| d.value)
            .ok();
        assert_eq!(
            doc,
            Some(serde_json::json!({"id": "x", "name": "id", "true": "y", "flag": true}))
        );
    }

    /// An empty value is just after its `:` (as PyYAML and libyaml mark it), also before a
    /// comment, in a flow mapping and after non-ASCII text; an empty list item just after `-`.
    #[test]
    fn empty_values_are_just_after_their_colon() {
        let doc = parse("a:\nbé: é\nc:   # later\nd: {e: }\nf:\n  -\n").ok();
        let spans = doc.map(|d| d.spans).unwrap_or_default();
        let at = |p: &str| {
            spans
                .get(p)
                .map(|n| (n.value.line, n.value.column, n.value.offset))
        };
        assert_eq!(at("/a"), Some((1, 3, 2)));
        assert_eq!(at("/c"), Some((3, 3, 11)));
        assert_eq!(at("/d/e"), Some((4, 7, 28)));
        assert_eq!(at("/f/0"), Some((6, 4, 37)));
    }

    #[test]
    fn flow_collections_end_at_their_bracket_not_at_a_comment() {
        let doc = parse("a: []   # none\nb: [x, y]  # c\n")
            .ok()
            .map(|d| d.spans)
            .unwrap_or_default();
        let a = doc
            .get("/a")
            .map(|n| (n.value.column, n.value.len, n.value.end_column));
        assert_eq!(a, Some((4, 2, 6)));
        let b = doc
            .get("/b")
            .map(|n| (n.value.column, n.value.len, n.value.end_column));
        assert_eq!(b, Some((4, 6, 10)));
    }

    /// A node's extent: line, column, length, end line, end column.
    type Extent = (usize, usize, usize, usize, usize);

    /// The value extents of `pointers` in the document `text` without its last line, with
    /// quoted ends corrected.
    fn quoted_extents(text: &str, pointers: &[&str]) -> Vec<Option<Extent>> {
        let last_line = text.trim_end().rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let spans = parse(&text[..last_line])
            .ok()
            .map(|d| d.spans)
            .unwrap_or_default();
        let mut ends = QuotedEnds::new(text);
        pointers
            .iter()
            .map(|p| {
                let v = ends.fix(spans.get(p)?.value);
                Some((v.line, v.column, v.len, v.end_line, v.end_column))
            })
            .collect()
    }

    #[test]
    fn quoted_scalars_end_at_their_closing_quote_not_at_a_comment() {
        let source = concat!(
            "é: \"4.0\"   # model\n",
            "b: 'it''s'  \n",
            "c: \"a \\\" b\" # escaped quote\n",
            "\"d\": \"two\n  lines\"  # c\n",
            "e: plain   # c\n",
            "f: \"open\n",
        );
        assert_eq!(
            quoted_extents(source, &["/é", "/b", "/c", "/d", "/e"]),
            [
                Some((1, 4, 5, 1, 9)),
                Some((2, 4, 7, 2, 11)),
                Some((3, 4, 8, 3, 12)),
                Some((4, 6, 13, 5, 9)),
                Some((6, 4, 5, 6, 9)), // a plain value is unchanged
            ]
        );
        // A quoted key ends at its quote too (saphyr's span runs on to the `:`).
        let keyed = "x: 1\n\"d\"   : 2\n";
        let spans = parse(keyed).ok().map(|d| d.spans).unwrap_or_default();
        let key = spans.get("/d").and_then(|n| n.key);
        assert_ne!(key.map(|k| k.len), Some(3), "{key:?}");
        let key = key.map(|k| QuotedEnds::new(keyed).fix(k));
        assert_eq!(
            key.map(|k| (k.line, k.column, k.len, k.end_column)),
            Some((2, 1, 3, 4))
        );
        let mut ends = QuotedEnds::new(source);
        // No closing quote, or a place past the line: unchanged.
        let open = Position::on_line(7, 4, 0, 1);
        assert_eq!(ends.fix(open), open);
        let past = Position::on_line(1, 40, 0, 1);
        assert_eq!(ends.fix(past), past);
        // The same with CRLF line ends (the line starts are then listed up front): the two-line
        // value also holds the `\r`; a later line is found before an earlier one.
        assert_eq!(
            quoted_extents(&source.replace('\n', "\r\n"), &["/b", "/d", "/é"]),
            [
                Some((2, 4, 7, 2, 11)),
                Some((4, 6, 14, 5, 9)),
                Some((1, 4, 5, 1, 9))
            ]
        );
    }

    #[test]
    fn the_top_level_id_is_read_from_a_text_that_does_not_parse() {
        let id = |text: &str| readable_id(text).map(|(id, p)| (id, p.line, p.column));
        assert_eq!(
            id("id: x\na: [\n"),
            Some(("x".into(), 1, 5)),
            "syntax error after it"
        );
        assert_eq!(
            id("a: {id: no}\nid: 'q'\nb: 1\nb: 2\n"),
            Some(("q".into(), 2, 5)),
            "duplicate key; a nested id is not the id"
        );
        assert_eq!(id("x: 1\nid: y\n---\nid: z\n"), Some(("y".into(), 2, 5)));
        assert_eq!(
            id("a: 1\n---\nid: z\n"),
            None,
            "only the first document counts"
        );
        assert_eq!(id("- id: x\n"), None, "not a mapping");
        assert_eq!(id("id: 12\n"), None, "not a string");
        assert_eq!(id("id: [x]\nid: y\n"), None, "a list is no id");
        assert_eq!(id("a: [\nid: x\n"), None, "after the problem");
        assert_eq!(id("id:\n  x: 1\nb: c\n"), None);
    }

    #[test]
    fn duplicate_keys_are_rejected_at_the_second_key() {
        let err = parse("a: 1\nb: 2\na: 3\n").err();
        assert_eq!(
            err.map(|e| (e.problem, e.position.line, e.position.column)),
            Some((Problem::DuplicateKey("a".into()), 3, 1))
        );
    }

    #[test]
    fn several_documents_are_rejected() {
        let err = parse("a: 1\n---\nb: 2\n---\nc: 3\n").err();
        assert_eq!(
            err.map(|e| (e.problem, e.position.line)),
            Some((Problem::MultiDocument(3), 2))
        );
    }

    #[test]
    fn alias_bomb_hits_the_budget() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let err = parse(&src).err();
        assert_eq!(err.map(|e| e.problem), Some(Problem::AliasLimit(MAX_NODES)));
    }

    #[test]
    fn deep_nesting_is_rejected() {
        for depth in [MAX_DEPTH + 1, 10_000] {
            let src = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let err = parse(&src).err();
            assert_eq!(
                err.map(|e| e.problem),
                Some(Problem::TooDeep(MAX_DEPTH)),
                "depth {depth}"
            );
        }
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn invalid_utf8_reports_its_line() {
        let err = decode(b"a: 1\nname: caf\xE9\n").err();
        assert_eq!(
            err.map(|e| (e.problem, e.position.line, e.position.column)),
            Some((Problem::NotUtf8, 2, 10))
        );
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1").ok(), Some("a: 1"));
    }
}
