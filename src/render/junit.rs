//! `junit`: JUnit XML for CI test views (GitLab, Jenkins, Azure DevOps). Each checked file is
//! a `<testsuite>` (files without findings included) and each rule of the run's catalogue a
//! `<testcase>` in it, named by its code with the file as `classname`, so that a test view
//! lists the same cases run after run and never puts message text in a name.
//!
//! A case fails when the file has a counted error or warning of that code; the failure lists
//! each such finding with its position, help and references. A case whose counted findings
//! are all infos passes and lists them in `<system-out>`; one whose findings are all waived is
//! `<skipped>` with the waivers' reasons. A file that was not checked as a declaration but has
//! findings (the board configuration, for its waivers) gets a suite with the codes found there.
//!
//! All text is escaped for XML 1.0; characters XML 1.0 cannot carry at all (most C0 controls)
//! become U+FFFD. No timestamps or durations: the same report gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::finding::{Finding, Severity};
use crate::report::Report;

/// One `<testcase>`: a rule in a file, with the file's findings of that rule.
struct Case<'a> {
    code: &'a str,
    findings: Vec<&'a Finding>,
    /// False for a rule this run did not apply (`off`, or left out by `--select`/`--ignore`).
    active: bool,
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
        if !self.active {
            Outcome::Skipped
        } else if self.failing().next().is_some() {
            Outcome::Failed
        } else if !self.findings.is_empty() && self.findings.iter().all(|f| !f.counted()) {
            Outcome::Skipped
        } else {
            Outcome::Passed
        }
    }
}

pub fn render(report: &Report) -> String {
    let mut by_file: BTreeMap<&str, BTreeMap<&str, Vec<&Finding>>> = BTreeMap::new();
    for f in &report.findings {
        by_file
            .entry(f.file.as_str())
            .or_default()
            .entry(f.code.as_str())
            .or_default()
            .push(f);
    }
    let rule_codes: Vec<&str> = report
        .catalogue
        .rules()
        .iter()
        .map(|r| r.code.as_str())
        .collect();

    let mut suites: Vec<(&str, Vec<Case<'_>>)> = Vec::new();
    // Checked files in walk order, then files with findings that were not checked.
    let extra = by_file
        .keys()
        .copied()
        .filter(|file| !report.checked.iter().any(|c| c == file));
    let files: Vec<(&str, bool)> = report
        .checked
        .iter()
        .map(|c| (c.as_str(), true))
        .chain(extra.map(|file| (file, false)))
        .collect();
    for (file, checked) in files {
        let mut found = by_file.remove(file).unwrap_or_default();
        let mut cases = Vec::new();
        for code in &rule_codes {
            let findings = found.remove(code).unwrap_or_default();
            if checked || !findings.is_empty() {
                let active = !report.inactive.contains(*code);
                cases.push(Case {
                    code,
                    findings,
                    active,
                });
            }
        }
        // Codes the catalogue lacks cannot come from a finished run; kept rather than lost.
        cases.extend(found.into_iter().map(|(code, findings)| Case {
            code,
            findings,
            active: true,
        }));
        suites.push((file, cases));
    }

    let count = |cases: &[Case<'_>]| {
        let mut c = (cases.len(), 0, 0);
        for case in cases {
            match case.outcome() {
                Outcome::Failed => c.1 += 1,
                Outcome::Skipped => c.2 += 1,
                Outcome::Passed => {}
            }
        }
        c
    };
    let (tests, failures, skipped) = suites.iter().fold((0, 0, 0), |acc, (_, cases)| {
        let c = count(cases);
        (acc.0 + c.0, acc.1 + c.1, acc.2 + c.2)
    });

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"ibp-lint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">"
    );
    for (file, cases) in &suites {
        let (tests, failures, skipped) = count(cases);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
            attribute(file)
        );
        for case in cases {
            write_case(&mut out, file, case, report.lang);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
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
    if matches!(outcome, Outcome::Passed) && others.is_empty() {
        let _ = writeln!(out, "{open}/>");
        return;
    }
    let _ = writeln!(out, "{open}>");
    match outcome {
        Outcome::Failed => {
            let failing: Vec<&Finding> = case.failing().copied().collect();
            let message: Vec<&str> = failing.iter().map(|f| f.message.as_str()).collect();
            let body: String = failing.iter().map(|f| describe(f, lang)).collect();
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                attribute(&message.join("; ")),
                attribute(case.code),
                text(&body)
            );
        }
        Outcome::Skipped if !case.active => {
            let _ = writeln!(
                out,
                "      <skipped message=\"rule not applied in this run (set to off, or not selected)\"/>"
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
        let body: String = others.iter().map(|f| describe(f, lang)).collect();
        let _ = writeln!(out, "      <system-out>{}</system-out>", text(&body));
    }
    out.push_str("    </testcase>\n");
}

/// `file:line:col: severity message`, then the help and the references, one finding a block.
fn describe(f: &Finding, lang: crate::lang::Lang) -> String {
    let mut s = format!(
        "{}:{}:{}: {} {}",
        f.file, f.position.line, f.position.column, f.severity, f.message
    );
    if let Some(reason) = &f.waived {
        let _ = write!(s, " (waived: {reason})");
    }
    s.push('\n');
    if !f.help.is_empty() {
        let _ = writeln!(s, "  {}: {}", crate::words::words(lang).help, f.help);
    }
    if !f.references.is_empty() {
        let _ = writeln!(
            s,
            "  {}: {}",
            crate::words::words(lang).references,
            f.references.join("; ")
        );
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
