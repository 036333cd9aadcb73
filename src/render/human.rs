//! `human`: one miette diagnostic per finding (code, severity, message, the YAML around the
//! offending node with the node underlined, help and references), then the summary line.
//!
//! Snapshots use miette's no-colour Unicode theme at a fixed width, so the output is the same
//! on every machine; colour is used only when asked for (a terminal without `NO_COLOR`).

use std::collections::HashMap;
use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::HumanOptions;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::locate::Position;
use crate::report::{Head, Part, Tally};

/// The human sink: a diagnostic per shown finding, then the summary line.
pub struct Human {
    options: HumanOptions,
    handler: GraphicalReportHandler,
}

impl Human {
    pub fn new(options: HumanOptions) -> Self {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(if options.width == 0 {
                100
            } else {
                options.width
            })
            .with_links(false);
        Self { options, handler }
    }
}

impl super::Sink for Human {
    fn part(
        &mut self,
        head: &Head,
        part: &Part<'_>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        if self.options.quiet {
            return Ok(());
        }
        let mut text = String::new();
        for finding in part.findings {
            if (finding.waived.is_some() && !self.options.show_waived)
                || (finding.baselined && !self.options.show_baselined)
            {
                continue;
            }
            let diagnostic = FindingDiagnostic::new(finding, head.lang, part.sources);
            if self.handler.render_report(&mut text, &diagnostic).is_ok() {
                // The other place a finding refers to, as a note of its own under it: as
                // miette's "related" it would be headed by an English "Advice:" in every
                // language.
                for related in &diagnostic.related {
                    text.push('\n');
                    let _ = self.handler.render_report(&mut text, related);
                }
                text.push('\n');
            } else {
                text.push_str(&format!(
                    "{}:{}:{}: {}[{}] {}\n",
                    finding.file,
                    finding.position.line,
                    finding.position.column,
                    finding.severity,
                    finding.code,
                    finding.message
                ));
            }
        }
        out.write_all(text.as_bytes())
    }

    fn end(
        &mut self,
        head: &Head,
        tally: &Tally,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        out.write_all(super::closing_lines(head, tally).as_bytes())
    }
}

/// A finding seen through miette's `Diagnostic` trait.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    message: String,
    help: String,
    source: Option<Excerpt>,
    label: Option<LabeledSpan>,
    related: Vec<RelatedDiagnostic>,
}

impl<'a> FindingDiagnostic<'a> {
    fn new(finding: &'a Finding, lang: Lang, sources: &HashMap<String, String>) -> Self {
        // Messages and help are made of catalogue texts (a board's checked when it is read) and
        // values shown printable; shown printable once more here, so that no text of any
        // origin reaches the terminal with an escape sequence or a bidirectional override.
        let mut message = crate::text::printable(&finding.message);
        if let Some(reason) = &finding.waived {
            message.push_str(&format!(" (waived: {})", crate::text::printable(reason)));
        }
        if finding.baselined {
            message.push_str(" (baselined)");
        }
        let mut help = crate::text::printable(&finding.help);
        if !finding.references.is_empty() {
            help.push('\n');
            help.push_str(crate::words::words(lang).references);
            help.push_str(": ");
            help.push_str(&crate::text::printable(&finding.references.join("; ")));
        }
        let (source, label) = match sources.get(&finding.file) {
            Some(text) => {
                let (excerpt, span) = Excerpt::around(&finding.file, text, finding.position, None);
                (Some(excerpt), Some(span))
            }
            None => (None, None),
        };
        let related = finding
            .related
            .iter()
            .filter_map(|r| {
                let text = sources.get(&r.file)?;
                let (source, span) = Excerpt::around(
                    &r.file,
                    text,
                    r.position,
                    Some(crate::text::printable(&r.label)),
                );
                Some(RelatedDiagnostic {
                    label: crate::text::printable(&r.label),
                    source,
                    span,
                })
            })
            .collect();
        Self {
            finding,
            message,
            help,
            source,
            label,
            related,
        }
    }
}

/// Longest line a snippet shows; a longer one (a minified or generated file) is cut with `…`.
const MAX_SHOWN_LINE: usize = 300;

/// Lines shown before and after the finding's line (miette shows one of them).
const CONTEXT: usize = 2;

/// The few lines of a source around a finding, as the snippet shows them: a lone `\r` (old
/// Mac line ending) as a line break, control characters as visible symbols, lines cut at
/// `MAX_SHOWN_LINE` characters. miette numbers its lines from `first_line`, so the snippet
/// shows the file's own line numbers while only the excerpt is copied (a 50 MB file costs one
/// scan, not a copy per finding).
struct Excerpt {
    name: String,
    text: String,
    /// Lines of the file before the excerpt.
    first_line: usize,
    /// Where the label starts in `text` (a byte offset) and its column in the file (in
    /// characters, 0-based): miette would count the column in bytes of the excerpt, which is
    /// wrong after a non-ASCII character and on a line cut at `MAX_SHOWN_LINE`.
    label_start: (usize, usize),
}

impl Excerpt {
    fn around(
        file: &str,
        source: &str,
        position: Position,
        label: Option<String>,
    ) -> (Excerpt, LabeledSpan) {
        let first = position.line.saturating_sub(CONTEXT).max(1);
        let last = position.line.saturating_add(CONTEXT);
        // Find the excerpt's bytes in one pass over the bytes (cheap even for a huge file),
        // then decode only those.
        let bytes = source.as_bytes();
        let mut line = 1usize;
        let mut start = (first == 1).then_some(0);
        let mut end = bytes.len();
        for i in 0..bytes.len() {
            if crate::parse::ends_line(bytes, i) {
                line += 1;
                if line == first {
                    start = Some(i + 1);
                } else if line == last + 1 {
                    end = i;
                    break;
                }
            }
        }
        let raw = start.and_then(|s| source.get(s..end)).unwrap_or("");
        let mut text = String::new();
        let mut column = 0usize;
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            let is_break = c == '\n' || (c == '\r' && chars.peek() != Some(&'\n'));
            if is_break {
                text.push('\n');
                column = 0;
                continue;
            }
            if c == '\r' {
                continue;
            }
            column += 1;
            if column <= MAX_SHOWN_LINE {
                text.push(crate::text::printable_char(c));
            } else if column == MAX_SHOWN_LINE + 1 {
                text.push('…');
            }
        }
        let local = Position {
            line: position.line + 1 - first,
            end_line: position.end_line.saturating_sub(first - 1),
            ..position
        };
        let span = labeled(&text, local, label);
        (
            Excerpt {
                name: crate::text::printable(file),
                text,
                first_line: first - 1,
                label_start: (span.offset(), position.column.saturating_sub(1)),
            },
            span,
        )
    }
}

impl SourceCode for Excerpt {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        // The header's `file:line:column` comes from the label's own span, read without context.
        let column = if context_lines_before == 0
            && context_lines_after == 0
            && span.offset() == self.label_start.0
        {
            self.label_start.1
        } else {
            inner.column()
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

/// A label at `position`, underlining the node up to the end of its first line.
fn labeled(text: &str, position: Position, label: Option<String>) -> LabeledSpan {
    // The line of the position (1-based), then its column (in characters) within that line.
    let line_start = text
        .split_inclusive('\n')
        .take(position.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(text.len());
    let line = text
        .get(line_start..)
        .and_then(|rest| rest.split(['\n', '\r']).next())
        .unwrap_or("");
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(i, _)| i)
    };
    let start = byte_at(position.column.saturating_sub(1));
    let end = if position.end_line == position.line && position.end_column > position.column {
        byte_at(position.end_column - 1)
    } else {
        byte_at(position.column.saturating_sub(1) + position.len)
    }
    .max(start);
    LabeledSpan::new(label, line_start + start, end - start)
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}[{}]",
            self.finding.severity, self.finding.code
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.help.is_empty()).then(|| Box::new(&self.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

/// The other place a finding refers to (shown under it).
struct RelatedDiagnostic {
    label: String,
    source: Excerpt,
    span: LabeledSpan,
}

impl fmt::Debug for RelatedDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl fmt::Display for RelatedDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl std::error::Error for RelatedDiagnostic {}

impl Diagnostic for RelatedDiagnostic {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.span.clone())))
    }
}
