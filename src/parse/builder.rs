//! The tree builder: saphyr's events to a JSON value and the span of every node, with the
//! limits of a declaration (depth, nodes, duplicate keys) and the positions rules.md asks for
//! (an empty value, a block scalar, a block list's first `-`).

use super::scalar::resolve;
use super::*;

/// Character offsets (the parser's) to byte offsets, for positions met in document order:
/// one pass over the text for a whole document. (A lookup from the start of the text for every
/// position made a file of many empty values or block scalars quadratic.)
pub(super) struct Offsets<'a> {
    source: &'a str,
    /// Whether the text is ASCII (offsets are then equal), found out on the first lookup.
    ascii: Option<bool>,
    chars: usize,
    bytes: usize,
}

impl<'a> Offsets<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        Self {
            source,
            ascii: None,
            chars: 0,
            bytes: 0,
        }
    }

    /// The byte offset of character `target` (the end of the text past its last character).
    pub(super) fn byte(&mut self, target: usize) -> usize {
        if *self.ascii.get_or_insert_with(|| self.source.is_ascii()) {
            return target.min(self.source.len());
        }
        if target < self.chars {
            (self.chars, self.bytes) = (0, 0);
        }
        let rest = self.source.get(self.bytes..).unwrap_or_default();
        for c in rest.chars() {
            if self.chars >= target {
                break;
            }
            self.chars += 1;
            self.bytes += c.len_utf8();
        }
        self.bytes
    }
}

/// Where an empty value (`url:` with nothing after it) is: just after its `:`, as YAML
/// libraries mark it (PyYAML, libyaml), rather than at the `:` where saphyr puts it, which is
/// not the node. An empty list item (`-`) is already placed after its `-`.
#[cold]
#[inline(never)]
pub(super) fn empty_value_at(offsets: &mut Offsets<'_>, at: Position) -> Position {
    let byte = offsets.byte(at.offset);
    if offsets.source.as_bytes().get(byte) != Some(&b':') {
        return at;
    }
    Position::on_line(at.line, at.column + 1, at.offset + 1, 0)
}

/// Where a block scalar (`url: |` or `>` with the text on the lines below) is: at its `|` or
/// `>` indicator, as YAML libraries mark it, rather than at its first line of text where
/// saphyr starts it. The end stays the end of the text. The indicator is on the nearest line
/// above the text that is not blank: the last `|` or `>` on it, outside quotes and before a
/// comment, that stands after white space (or at the line's start) and is followed only by
/// indentation and chomping indicators, then white space or a comment to the end of the line.
/// Without one (or with a lone `\r` line end on the way), the text's position stays. Only the
/// lines between the indicator and the text are read.
#[cold]
#[inline(never)]
pub(super) fn block_scalar_at(offsets: &mut Offsets<'_>, at: Position) -> Position {
    let source = offsets.source;
    let content = offsets.byte(at.offset);
    let Some(before) = source.get(..content) else {
        return at;
    };
    // Skip the text line's own indentation, then blank lines (part of the text).
    let mut line = at.line;
    let mut end = before.rfind('\n');
    while let Some(newline) = end {
        line -= 1;
        let start = before
            .get(..newline)
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |i| i + 1);
        let text = before.get(start..newline).unwrap_or_default();
        let text = text.strip_suffix('\r').unwrap_or(text);
        if text.contains('\r') {
            return at;
        }
        if !text.trim().is_empty() {
            let Some(column) = indicator_column(text) else {
                return at;
            };
            let between = before.get(start..).map_or(0, |b| b.chars().count());
            let offset = at.offset.saturating_sub(between) + column;
            return Position {
                line,
                column: column + 1,
                offset,
                len: (at.offset + at.len).saturating_sub(offset),
                end_line: at.end_line,
                end_column: at.end_column,
            };
        }
        end = (start > 0).then(|| start - 1);
    }
    at
}

/// The character index of a block scalar's indicator on its header line (see
/// [`block_scalar_at`]): the last candidate outside quotes and before a comment.
pub(super) fn indicator_column(text: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let mut quote = None;
    let mut found = None;
    for (i, &c) in chars.iter().enumerate() {
        let after_space = i == 0 || chars.get(i - 1).is_some_and(|p| p.is_whitespace());
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'') && after_space => quote = Some(c),
            None if c == '#' && after_space => break,
            None if matches!(c, '|' | '>') && after_space => {
                let mut rest = chars
                    .iter()
                    .skip(i + 1)
                    .skip_while(|c| matches!(c, '+' | '-' | '0'..='9'));
                let ends_header = match rest.next() {
                    None => true,
                    Some(c) if c.is_whitespace() => {
                        rest.find(|c| !c.is_whitespace()).is_none_or(|c| *c == '#')
                    }
                    Some(_) => false,
                };
                if ends_header {
                    found = Some(i);
                }
            }
            None => {}
        }
    }
    found
}

pub(super) fn start_of(span: &Span) -> Position {
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
        offset: span.start.index(),
        len: span.end.index().saturating_sub(span.start.index()),
        end_line: span.end.line(),
        end_column: span.end.col() + 1,
    }
}

pub(super) enum Frame {
    Seq {
        items: Vec<Value>,
        pointer: String,
        anchor: usize,
    },
    Map {
        map: Map<String, Value>,
        pointer: String,
        anchor: usize,
        pending: Option<(String, Position)>,
    },
}

#[derive(Default)]
pub(super) struct Builder {
    pub(super) stack: Vec<Frame>,
    pub(super) root: Option<Value>,
    pub(super) spans: SpanMap,
    pub(super) anchors: HashMap<usize, (Value, usize)>,
    pub(super) nodes: usize,
    /// Start positions of open containers, for their spans.
    pub(super) starts: Vec<(Position, Option<Position>, bool)>,
}

impl Builder {
    /// `here`: where the event's node starts (`start_of(span)`, but for an empty value).
    pub(super) fn event(
        &mut self,
        event: Event<'_>,
        span: &Span,
        here: Position,
    ) -> Result<(), ParseError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if self.expecting_key() {
                    // An anchored key (`&a apiVersion: ...`) may be used as a value later.
                    if anchor > 0 {
                        self.anchors
                            .insert(anchor, (resolve(&text, style, tag.as_deref()), 1));
                    }
                    return self.key(text.into_owned(), here);
                }
                let value = resolve(&text, style, tag.as_deref());
                self.count(1, here)?;
                let (pointer, key, in_list) = self.child_slot();
                self.spans.insert(
                    pointer,
                    NodeSpan {
                        key,
                        value: here,
                        in_list,
                    },
                );
                if anchor > 0 {
                    self.anchors.insert(anchor, (value.clone(), 1));
                }
                self.attach(value);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.expecting_key() {
                    return Err(ParseError {
                        problem: Problem::Syntax(
                            "a mapping key must be a plain value, not a list or mapping".into(),
                        ),
                        position: here,
                    });
                }
                if self.stack.len() >= MAX_DEPTH {
                    return Err(ParseError {
                        problem: Problem::TooDeep(MAX_DEPTH),
                        position: here,
                    });
                }
                self.count(1, here)?;
                let (pointer, key, in_list) = self.child_slot();
                self.starts.push((here, key, in_list));
                let frame = if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        items: Vec::new(),
                        pointer,
                        anchor,
                    }
                } else {
                    Frame::Map {
                        map: Map::new(),
                        pointer,
                        anchor,
                        pending: None,
                    }
                };
                self.stack.push(frame);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (start, key, in_list) = self.starts.pop().unwrap_or((here, None, false));
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let (value, pointer, anchor) = match frame {
                    Frame::Seq {
                        items,
                        pointer,
                        anchor,
                    } => (Value::Array(items), pointer, anchor),
                    Frame::Map {
                        map,
                        pointer,
                        anchor,
                        ..
                    } => (Value::Object(map), pointer, anchor),
                };
                // A flow collection (`[`/`{` has a width) ends just after its `]`/`}`; the
                // parser's end event also spans a trailing comment, which is not the node.
                let (end, end_line, end_column) = if start.len > 0 {
                    (
                        span.start.index() + 1,
                        span.start.line(),
                        span.start.col() + 2,
                    )
                } else {
                    (span.end.index(), span.end.line(), span.end.col() + 1)
                };
                let end = end.max(start.offset);
                let value_pos = Position {
                    len: end - start.offset,
                    end_line: end_line.max(start.line),
                    end_column,
                    ..start
                };
                self.spans.insert(
                    pointer,
                    NodeSpan {
                        key,
                        value: value_pos,
                        in_list,
                    },
                );
                if anchor > 0 {
                    let size = count_nodes(&value);
                    self.anchors.insert(anchor, (value.clone(), size));
                }
                self.attach(value);
            }
            Event::Alias(id) => {
                if self.expecting_key() {
                    return Err(ParseError {
                        problem: Problem::Syntax("an alias cannot be a mapping key".into()),
                        position: here,
                    });
                }
                let Some((value, size)) = self.anchors.get(&id).cloned() else {
                    return Err(ParseError {
                        problem: Problem::Syntax("alias to an unknown anchor".into()),
                        position: here,
                    });
                };
                if self.nodes.saturating_add(size) > MAX_NODES {
                    return Err(ParseError {
                        problem: Problem::AliasLimit(MAX_NODES),
                        position: here,
                    });
                }
                self.count(size, here)?;
                let (pointer, key, in_list) = self.child_slot();
                self.spans.insert(
                    pointer,
                    NodeSpan {
                        key,
                        value: here,
                        in_list,
                    },
                );
                self.attach(value);
            }
            Event::DocumentEnd | Event::StreamStart | Event::Nothing => {}
            Event::DocumentStart(_) | Event::StreamEnd => {}
        }
        Ok(())
    }

    pub(super) fn count(&mut self, n: usize, here: Position) -> Result<(), ParseError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            return Err(ParseError {
                problem: Problem::TooManyNodes(MAX_NODES),
                position: here,
            });
        }
        Ok(())
    }

    pub(super) fn expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { pending: None, .. }))
    }

    pub(super) fn key(&mut self, key: String, here: Position) -> Result<(), ParseError> {
        // Every earlier key of this mapping already holds its (complete) value, so the map
        // itself tells whether the key is a duplicate.
        if let Some(Frame::Map { pending, map, .. }) = self.stack.last_mut() {
            if map.contains_key(&key) {
                return Err(ParseError {
                    problem: Problem::DuplicateKey(key),
                    position: here,
                });
            }
            *pending = Some((key, here));
        }
        Ok(())
    }

    /// The pointer, key position and list-ness of the node about to be attached.
    pub(super) fn child_slot(&self) -> (String, Option<Position>, bool) {
        match self.stack.last() {
            None => (String::new(), None, false),
            Some(Frame::Seq { items, pointer, .. }) => {
                (push_index(pointer, items.len()), None, true)
            }
            Some(Frame::Map {
                pointer, pending, ..
            }) => match pending {
                Some((key, at)) => (push_token(pointer, key), Some(*at), false),
                None => (pointer.clone(), None, false),
            },
        }
    }

    pub(super) fn attach(&mut self, value: Value) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, pending, .. }) => {
                if let Some((key, _)) = pending.take() {
                    map.insert(key, value);
                }
            }
        }
    }
}

pub(super) fn count_nodes(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(count_nodes).sum::<usize>(),
        _ => 1,
    }
}
