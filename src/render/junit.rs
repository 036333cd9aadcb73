//! `junit`: JUnit XML for CI test views (GitLab, Jenkins, Azure DevOps). Each checked file is
//! a `<testsuite>` (files without findings included) holding one passing `<testcase>` named
//! `rules without findings` (the rules that found nothing there) and one `<testcase>` per rule
//! with findings in that file, named by its code with the file as `classname`, in catalogue
//! order: a test view lists the same cases run after run and never puts message text in a
//! name. One case per rule per file (as before December 2026) gave 90 cases per declaration,
//! 29 million for the Dutch schools' 325,000 declarations, where GitLab reads at most 500,000
//! cases and 30 MB (docs.gitlab.com, "Unit test reports", limits).
//!
//! A case fails when the file has a counted error or warning of that code; the failure lists
//! each such finding with its position and message, then the rule's help and references once.
//! A case whose counted findings are all infos passes and lists them in `<system-out>`; one
//! whose findings are all waived or baselined is `<skipped>` with the waivers' reasons. Rules
//! the run did not apply (`off`, `--select`/`--ignore`) find nothing, so they have no case. A
//! file that was not checked as a declaration but has findings (the board configuration, for
//! its waivers) gets a suite with the codes found there and no passing case.
//!
//! Streamed: a suite is written as its file is reported, so `<testsuites>` carries no totals
//! (they are optional in the JUnit schema, and GitLab and junitparser add up the suites').
//! All text is escaped for XML 1.0; characters XML 1.0 cannot carry at all (most C0 controls)
//! become U+FFFD. No timestamps or durations: the same report gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::finding::{Finding, Severity};
use crate::report::{Head, Part, Tally};

/// The name of a suite's passing case: every rule of the run that found nothing in the file.
pub const CLEAN_CASE: &str = "rules without findings";

/// One `<testcase>`: a rule in a file, with the file's findings of that rule.
struct Case<'a> {
    code: &'a str,
    findings: Vec<&'a Finding>,
}

enum Outcome {
    Passed,
    Failed,
    Skipped,
}

impl Case<'_> {
    fn failing(&self) -> impl Iterator<Item = &&Finding> {
        self.findings
            .iter()
            .filter(|f| f.counted() && f.severity >= Severity::Warning)
    }

    fn outcome(&self) -> Outcome {
        if self.failing().next().is_some() {
            Outcome::Failed
        } else if self.findings.iter().all(|f| !f.counted()) {
            Outcome::Skipped
        } else {
            Outcome::Passed
        }
    }
}

/// The JUnit sink: the root element, a suite per reported file, the root's end.
pub struct Junit;

impl super::Sink for Junit {
    fn begin(&mut self, _: &Head, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ibp-lint\">\n",
        )
    }

    fn part(
        &mut self,
        head: &Head,
        part: &Part<'_>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let mut by_code: BTreeMap<(usize, &str), Vec<&Finding>> = BTreeMap::new();
        for f in part.findings {
            // Catalogue order; a code the catalogue lacks (none in a finished run) after it.
            let index = head.catalogue.index_of(&f.code).unwrap_or(usize::MAX);
            by_code.entry((index, f.code.as_str())).or_default().push(f);
        }
        let cases: Vec<Case<'_>> = by_code
            .into_iter()
            .map(|((_, code), findings)| Case { code, findings })
            .collect();
        let (mut failures, mut skipped) = (0, 0);
        for case in &cases {
            match case.outcome() {
                Outcome::Failed => failures += 1,
                Outcome::Skipped => skipped += 1,
                Outcome::Passed => {}
            }
        }
        let tests = cases.len() + usize::from(part.checked);
        let mut text = String::new();
        let _ = writeln!(
            text,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
            attribute(part.file)
        );
        if part.checked {
            let _ = writeln!(
                text,
                "    <testcase name=\"{CLEAN_CASE}\" classname=\"{}\"/>",
                attribute(part.file)
            );
        }
        for case in &cases {
            write_case(&mut text, part.file, case, head.lang);
        }
        text.push_str("  </testsuite>\n");
        out.write_all(text.as_bytes())
    }

    fn end(&mut self, _: &Head, _: &Tally, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(b"</testsuites>\n")
    }
}

fn write_case(out: &mut String, file: &str, case: &Case<'_>, lang: crate::lang::Lang) {
    let open = format!(
        "    <testcase name=\"{}\" classname=\"{}\"",
        attribute(case.code),
        attribute(file)
    );
    let outcome = case.outcome();
    // Findings not already told by the failure: infos, and waived ones next to a failure.
    let others: Vec<&Finding> = case
        .findings
        .iter()
        .copied()
        .filter(|f| !f.counted() || f.severity < Severity::Warning)
        .collect();
    let _ = writeln!(out, "{open}>");
    match outcome {
        Outcome::Failed => {
            let failing: Vec<&Finding> = case.failing().copied().collect();
            let message = match failing.as_slice() {
                [one] => one.message.clone(),
                [first, rest @ ..] => format!("{} (+{} more)", first.message, rest.len()),
                [] => String::new(),
            };
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                attribute(&message),
                attribute(case.code),
                text(&describe(&failing, lang))
            );
        }
        Outcome::Skipped => {
            let mut reasons: Vec<&str> = Vec::new();
            for reason in others.iter().filter_map(|f| f.waived.as_deref()) {
                if !reasons.contains(&reason) {
                    reasons.push(reason);
                }
            }
            let message = if reasons.is_empty() {
                "baselined: known findings recorded in the baseline".to_string()
            } else {
                format!("waived: {}", reasons.join("; "))
            };
            let _ = writeln!(out, "      <skipped message=\"{}\"/>", attribute(&message));
        }
        Outcome::Passed => {}
    }
    if !others.is_empty() {
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>",
            text(&describe(&others, lang))
        );
    }
    out.push_str("    </testcase>\n");
}

/// `file:line:col: severity message`, a line per finding, then the help and the references
/// once (a rule's findings in one file share them; a variant's own help is added when it
/// differs).
fn describe(findings: &[&Finding], lang: crate::lang::Lang) -> String {
    let mut s = String::new();
    for f in findings {
        let _ = write!(
            s,
            "{}:{}:{}: {} {}",
            f.file, f.position.line, f.position.column, f.severity, f.message
        );
        if let Some(reason) = &f.waived {
            let _ = write!(s, " (waived: {reason})");
        }
        s.push('\n');
    }
    let words = crate::words::words(lang);
    let mut helps: Vec<&str> = Vec::new();
    for f in findings {
        if !f.help.is_empty() && !helps.contains(&f.help.as_str()) {
            helps.push(&f.help);
        }
    }
    for help in helps {
        let _ = writeln!(s, "  {}: {help}", words.help);
    }
    if let Some(f) = findings.iter().find(|f| !f.references.is_empty()) {
        let _ = writeln!(s, "  {}: {}", words.references, f.references.join("; "));
    }
    s
}

/// Escapes text content.
fn text(s: &str) -> String {
    escape(s, false)
}

/// Escapes an attribute value (quoted with `"`); line breaks and tabs as character
/// references, since a parser would turn them into spaces.
fn attribute(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\'' if in_attribute => out.push_str("&apos;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            // A parser turns a raw CR into LF; the reference keeps it.
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if allowed_in_xml(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0's `Char` production (tab, LF and CR are handled before).
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            attribute("a<b>&\"c\"'d'"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;"
        );
        assert_eq!(text("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;\"c\"'d'");
        assert_eq!(text("]]>"), "]]&gt;");
    }

    #[test]
    fn line_breaks_survive_attribute_normalisation() {
        assert_eq!(attribute("a\nb\tc\rd"), "a&#10;b&#9;c&#13;d");
        assert_eq!(text("a\nb\tc\rd"), "a\nb\tc&#13;d");
    }

    #[test]
    fn characters_xml_cannot_carry_are_replaced() {
        assert_eq!(text("a\u{0}b\u{1}c\u{1B}d"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}d");
        assert_eq!(attribute("\u{FFFE}\u{FFFF}"), "\u{FFFD}\u{FFFD}");
        assert_eq!(
            text("één 😀 \u{7F}"),
            "één 😀 \u{7F}",
            "other characters are kept"
        );
    }
}
