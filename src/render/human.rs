//! `human`: one miette diagnostic per finding (code, severity, message, the YAML around the
//! offending node with the node underlined, help and references), then the summary line.
//!
//! Snapshots use miette's no-colour Unicode theme at a fixed width, so the output is the same
//! on every machine; colour is used only when asked for (a terminal without `NO_COLOR`).

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::HumanOptions;
use crate::check::Report;
use crate::finding::{Finding, Severity};
use crate::locate::Position;

pub fn render(report: &Report, options: HumanOptions) -> String {
    let mut out = String::new();
    if !options.quiet {
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
        // Each source as the snippets show it, made once per file.
        let shown: std::collections::HashMap<&str, String> = report
            .sources
            .iter()
            .map(|(file, text)| (file.as_str(), printable_source(text)))
            .collect();
        for finding in &report.findings {
            if (finding.waived.is_some() && !options.show_waived)
                || (finding.baselined && !options.show_baselined)
            {
                continue;
            }
            let diagnostic = FindingDiagnostic::new(finding, report, &shown);
            if handler.render_report(&mut out, &diagnostic).is_ok() {
                out.push('\n');
            } else {
                out.push_str(&format!(
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
    }
    out.push_str(&super::summary_line(report));
    out.push('\n');
    out
}

/// A finding seen through miette's `Diagnostic` trait.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    message: String,
    help: String,
    source: Option<NamedSource<String>>,
    label: Option<LabeledSpan>,
    related: Vec<RelatedDiagnostic>,
}

impl<'a> FindingDiagnostic<'a> {
    fn new(
        finding: &'a Finding,
        report: &Report,
        shown: &std::collections::HashMap<&str, String>,
    ) -> Self {
        let text = report
            .sources
            .get(&finding.file)
            .map(|t| printable_source(t));
        let text = text.as_ref();
        let mut message = finding.message.clone();
        if let Some(reason) = &finding.waived {
            message.push_str(&format!(" (waived: {reason})"));
        }
        if finding.baselined {
            message.push_str(" (baselined)");
        }
        let mut help = finding.help.clone();
        if !finding.references.is_empty() {
            help.push_str(match report.lang {
                crate::catalogue::Lang::En => "\nreferences: ",
                crate::catalogue::Lang::Nl => "\nbronnen: ",
            });
            help.push_str(&finding.references.join("; "));
        }
        let label = text.map(|t| labeled(t, finding.position, None));
        let source =
            text.map(|t| NamedSource::new(location(&finding.file, finding.position), t.clone()));
        let related = finding
            .related
            .iter()
            .filter_map(|r| {
                let t = shown.get(r.file.as_str())?;
                Some(RelatedDiagnostic {
                    label: r.label.clone(),
                    source: NamedSource::new(location(&r.file, r.position), t.clone()),
                    span: labeled(t, r.position, Some(r.label.clone())),
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

/// A source as the snippet shows it: a lone `\r` (old Mac line ending) as a line break, other
/// control characters (except tab and line breaks) as visible symbols, and lines cut at
/// `MAX_SHOWN_LINE` characters. Findings are placed in it by line and column (`labeled`).
fn printable_source(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(1 << 20));
    let mut chars = text.chars().peekable();
    let mut column = 0usize;
    while let Some(c) = chars.next() {
        let c = match c {
            '\r' if chars.peek() != Some(&'\n') => '\n',
            '\r' | '\n' | '\t' => c,
            c => crate::catalogue::printable_char(c),
        };
        if c == '\n' {
            column = 0;
            out.push(c);
            continue;
        }
        column += 1;
        if column <= MAX_SHOWN_LINE {
            out.push(c);
        } else if column == MAX_SHOWN_LINE + 1 {
            out.push('…');
        }
    }
    out
}

/// The name miette prints above the snippet; miette adds line and column itself.
fn location(file: &str, _position: Position) -> String {
    file.to_string()
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

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

/// The other place a finding refers to (shown under it).
struct RelatedDiagnostic {
    label: String,
    source: NamedSource<String>,
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
