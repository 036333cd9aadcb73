//! `report --format markdown`: the register as GitHub-flavoured Markdown, for a wiki or the
//! inventory repository itself.
//!
//! Same content and order as the HTML page. Anchors are explicit (`<a id="resource-ID">`,
//! `<a id="rule-CODE">`) so that links work whatever slug rules the wiki uses for headings.
//!
//! Values from the YAML go through [`text`] (Markdown punctuation and `|` backslash-escaped, so
//! a value cannot open a link, emphasis, raw HTML or a new table cell; line breaks become
//! `<br>`, so a value cannot end a table row) or [`code`] (a code span with a fence longer than
//! any backtick run inside it). No line of the output starts with a value, so a value cannot
//! start a heading or a list either.

use std::fmt::Write;

use super::labels::{self, Words};
use super::{
    OtherFile, Register, Resource, Status, agreement_end, agreement_line, ai_feature_line,
    convenant_line, cvd_details, dpia_line, exit_line, field_details, field_label,
    findings_summary, image_cell, images_line, location, processing_line, retention_line,
    rights_line, role_line, rule_anchor, segments, subprocessor_terms_line, supplier_line,
    tracker_line, transfer_line,
};
use crate::finding::{Finding, Severity};
use crate::lang::Lang;

/// Escapes text for Markdown inline content, table cells included.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code span holding `value` literally; `|` is escaped, which GitHub requires inside table
/// cells and renders as `|`. Line breaks become spaces.
pub fn code(value: &str) -> String {
    let flat: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .replace('|', "\\|");
    let longest = flat.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') || flat.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// A message with its backtick spans as code spans and the rest escaped.
fn message(value: &str) -> String {
    segments(value)
        .into_iter()
        .map(|(is_code, part)| if is_code { code(part) } else { text(part) })
        .collect()
}

/// A declared list: `not declared` when absent, `none` when empty.
fn declared_items(list: Option<&[String]>, w: &Words) -> String {
    match list {
        None => items(&[], w.not_declared),
        Some(list) => items(list, w.none),
    }
}

/// An escaped line, or `not declared` when there is none.
fn or_not_declared(line: Option<String>, w: &Words) -> String {
    text(line.as_deref().unwrap_or(w.not_declared))
}

/// A URL from the YAML: an autolink when it is a plain http(s) URL, else escaped text.
fn link(url: &str, linkable: bool) -> String {
    if linkable {
        format!("<{url}>")
    } else {
        text(url)
    }
}

/// A list of escaped items, or `none`.
fn items(list: &[String], none: &str) -> String {
    if list.is_empty() {
        text(none)
    } else {
        list.iter().map(|s| text(s)).collect::<Vec<_>>().join(", ")
    }
}

fn status_text(lang: Lang, status: Status) -> String {
    format!("{} {}", status.symbol(), status.label(lang))
}

fn severity_text(lang: Lang, severity: Severity) -> String {
    let symbol = match severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
    };
    format!("{symbol} {}", severity.label(lang))
}

struct Md<'a> {
    out: String,
    r: &'a Register,
    w: &'static Words,
    lang: Lang,
}

/// Renders the register as Markdown.
pub fn render(register: &Register) -> String {
    let mut m = Md {
        out: String::with_capacity(32 * 1024),
        r: register,
        w: register.words(),
        lang: register.lang,
    };
    m.page();
    m.out
}

impl Md<'_> {
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn table(&mut self, heads: &[(&str, bool)]) {
        let cells: Vec<String> = heads.iter().map(|(h, _)| text(h)).collect();
        let rule: Vec<&str> = heads
            .iter()
            .map(|(_, num)| if *num { "---:" } else { "---" })
            .collect();
        let _ = writeln!(self.out, "| {} |\n|{}|", cells.join(" | "), rule.join("|"));
    }

    fn count_table(&mut self, head: &str, rows: &[(String, usize)]) {
        self.table(&[(head, false), (self.w.count, true)]);
        for (label, n) in rows {
            self.row(&[text(label), n.to_string()]);
        }
        self.line("");
    }

    fn row(&mut self, cells: &[String]) {
        let _ = writeln!(self.out, "| {} |", cells.join(" | "));
    }

    fn resource_link(&self, i: usize) -> String {
        self.r.resources.get(i).map_or_else(String::new, |r| {
            format!("[{}](#{})", text(&r.name), r.anchor)
        })
    }

    fn page(&mut self) {
        let w = self.w;
        let _ = write!(self.out, "# {}\n\n{}\n\n", text(w.title), text(w.intro));
        let organisation = match &self.r.organisation {
            Some(o) => text(o),
            None => message(w.organisation_unset),
        };
        let _ = write!(
            self.out,
            "- **{}:** {organisation}\n- **{}:** {}\n- **{}:** ibp-lint {}\n\n",
            text(w.organisation),
            text(w.date),
            self.r.today_text(),
            text(w.generated_by),
            env!("CARGO_PKG_VERSION")
        );
        self.overview();
        self.resources();
        self.other_files();
        self.rules();
    }

    fn overview(&mut self) {
        let (w, lang, o) = (self.w, self.lang, &self.r.overview);
        let _ = write!(
            self.out,
            "## {}\n\n### {}\n\n",
            text(w.overview),
            text(w.counts)
        );
        let resources = [
            (w.files_checked.to_string(), o.files),
            (w.resources.to_lowercase(), o.resources),
            (status_text(lang, Status::Errors), o.with_errors),
            (status_text(lang, Status::Warnings), o.warnings_only),
            (status_text(lang, Status::Compliant), o.compliant),
            (w.not_in_register.to_string(), o.other_files),
        ];
        let agreements: Vec<(String, usize)> = o
            .agreements
            .iter()
            .map(|(c, n)| (c.label.clone(), *n))
            .collect();
        let convenant: Vec<(String, usize)> = o
            .convenant
            .iter()
            .map(|(c, n)| (c.label.clone(), *n))
            .collect();
        self.count_table(w.resources, &resources);
        self.count_table(w.agreements, &agreements);
        self.count_table(w.convenant, &convenant);

        let _ = write!(
            self.out,
            "### {}\n\n{}\n\n",
            text(w.expiring),
            message(&labels::expiring_intro(
                lang,
                self.r.warning_days,
                &self.r.today_text()
            )),
        );
        if o.ending.is_empty() {
            let _ = write!(self.out, "{}\n\n", text(w.expiring_none));
        } else {
            self.table(&[
                (w.end_date, false),
                (w.resource, false),
                (w.supplier, false),
                (w.state, false),
            ]);
            for e in &o.ending {
                let Some(r) = self.r.resources.get(e.resource) else {
                    continue;
                };
                let symbol = if e.days_left < 0 {
                    Status::Errors.symbol()
                } else {
                    Status::Warnings.symbol()
                };
                let cells = [
                    e.date.format("%Y-%m-%d").to_string(),
                    self.resource_link(e.resource),
                    text(&r.supplier.name),
                    format!("{symbol} {}", text(&labels::ends(lang, e.days_left))),
                ];
                self.row(&cells);
            }
            self.line("");
        }

        let _ = write!(self.out, "### {}\n\n", text(w.resources_with_errors));
        if o.errors.is_empty() {
            let _ = write!(self.out, "{}\n\n", text(w.resources_with_errors_none));
        } else {
            for &i in &o.errors {
                let Some(r) = self.r.resources.get(i) else {
                    continue;
                };
                let codes = r.error_codes();
                let codes: Vec<String> = codes
                    .iter()
                    .map(|c| format!("[{}](#{})", code(c), rule_anchor(c)))
                    .collect();
                let _ = writeln!(
                    self.out,
                    "- {} — {}: {}",
                    self.resource_link(i),
                    text(&crate::register::severity_count(
                        lang,
                        Severity::Error,
                        r.counts.errors
                    )),
                    codes.join(", ")
                );
            }
            self.line("");
        }

        let _ = write!(
            self.out,
            "### {}\n\n{}\n\n",
            text(w.sensitive),
            text(w.sensitive_intro)
        );
        if o.sensitive.is_empty() {
            let _ = write!(self.out, "{}\n\n", text(w.sensitive_none));
        } else {
            self.table(&[
                (w.resource, false),
                (w.national_id, false),
                (w.special, false),
                (w.image, false),
            ]);
            for &i in &o.sensitive {
                let Some(r) = self.r.resources.get(i) else {
                    continue;
                };
                let cells = [
                    self.resource_link(i),
                    items(&r.sensitive.national_id, w.none),
                    items(&r.sensitive.special, w.none),
                    items(
                        &[image_cell(lang, r)]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>(),
                        w.none,
                    ),
                ];
                self.row(&cells);
            }
            self.line("");
        }

        let _ = write!(self.out, "### {}\n\n", text(w.all_resources));
        self.table(&[
            (w.resource, false),
            (w.supplier, false),
            (w.agreement_short, false),
            (w.end_date, false),
            (w.convenant, false),
            (w.status, false),
            (w.findings, false),
        ]);
        for (i, r) in self.r.resources.iter().enumerate() {
            let cells = [
                self.resource_link(i),
                text(&r.supplier.name),
                text(
                    r.agreement
                        .status
                        .as_ref()
                        .map_or(w.not_declared, |s| s.label.as_str()),
                ),
                text(r.agreement.expires_on.as_deref().unwrap_or(w.no_end_date)),
                text(
                    r.convenant
                        .status
                        .as_ref()
                        .map_or(w.not_declared, |s| s.label.as_str()),
                ),
                text(&status_text(lang, r.status())),
                text(&crate::register::counts_text(lang, &r.counts)),
            ];
            self.row(&cells);
        }
        self.line("");
    }

    fn resources(&mut self) {
        let _ = write!(
            self.out,
            "## {} ({})\n\n",
            text(self.w.resources),
            self.r.resources.len()
        );
        for r in &self.r.resources {
            self.resource(r);
        }
    }

    fn fact(&mut self, term: &str, value: &str) {
        let _ = writeln!(self.out, "- **{}:** {value}", text(term));
    }

    fn resource(&mut self, r: &Resource) {
        let (w, lang) = (self.w, self.lang);
        let _ = write!(
            self.out,
            "<a id=\"{}\"></a>\n\n### {}\n\n",
            r.anchor,
            text(&r.name)
        );
        let mut sub = vec![
            format!("**{}**", text(&status_text(lang, r.status()))),
            text(&r.kind.label),
        ];
        if !r.sectors.is_empty() {
            sub.push(text(&r.sectors.join(", ")));
        }
        sub.push(format!("{} {}", text(&w.id.to_lowercase()), code(&r.id)));
        sub.push(code(&r.file));
        let _ = write!(self.out, "{}\n\n", sub.join(" · "));

        let mut supplier = text(&supplier_line(lang, &r.supplier));
        if let Some(c) = &r.supplier.privacy_contact {
            let _ = write!(
                supplier,
                "; {}: {}",
                text(&w.privacy_contact.to_lowercase()),
                text(c)
            );
        }
        self.fact(w.supplier, &supplier);
        self.fact(w.role, &text(&role_line(lang, &r.role)));
        let subjects: Vec<String> = r.data_subjects.iter().map(|s| s.label.clone()).collect();
        self.fact(w.data_subjects, &items(&subjects, w.not_declared));
        let purposes: Vec<String> = r.purposes.iter().map(|p| p.label.clone()).collect();
        self.fact(w.purposes, &items(&purposes, w.not_declared));
        let basis = r
            .lawful_basis
            .as_ref()
            .map_or_else(|| text(w.not_declared), |b| text(&b.label));
        self.fact(w.lawful_basis, &basis);
        let mut agreement = text(&agreement_line(lang, &r.agreement));
        if let Some(end) = agreement_end(lang, &r.agreement) {
            let _ = write!(agreement, "; {}", text(&end));
        }
        self.fact(w.agreement, &agreement);
        self.fact(
            w.convenant_status,
            &text(&convenant_line(lang, &r.convenant)),
        );
        let leaflet = match &r.leaflet {
            Some(l) => {
                let link = link(&l.url, l.linkable);
                match &l.updated_on {
                    Some(d) => format!("{link} ({} {})", text(w.updated_on), text(d)),
                    None => link,
                }
            }
            None => text(w.leaflet_none),
        };
        self.fact(w.leaflet, &leaflet);
        self.fact(w.hosting, &declared_items(r.hosting.as_deref(), w));
        if !r.transfers.is_empty() {
            let t: Vec<String> = r.transfers.iter().map(|t| transfer_line(lang, t)).collect();
            self.fact(w.transfers, &items(&t, w.none));
        }
        let trackers: Option<Vec<String>> = r
            .tracking
            .as_ref()
            .map(|ts| ts.iter().map(tracker_line).collect());
        self.fact(w.tracking, &declared_items(trackers.as_deref(), w));
        self.fact(w.dpia, &text(&dpia_line(lang, &r.dpia)));
        self.fact(
            w.processing,
            &or_not_declared(processing_line(lang, &r.processing), w),
        );
        let ai: Option<Vec<String>> = r
            .processing
            .ai_features
            .as_ref()
            .map(|fs| fs.iter().map(|f| ai_feature_line(lang, f)).collect());
        self.fact(w.ai_features, &declared_items(ai.as_deref(), w));
        self.fact(w.retention, &text(&retention_line(lang, r)));
        self.fact(w.exit, &or_not_declared(exit_line(lang, &r.exit), w));
        let breach = r.breach_notification_hours.map_or_else(
            || text(w.not_declared),
            |h| text(&labels::within_hours(lang, h)),
        );
        self.fact(w.breach, &breach);
        self.fact(
            w.rights_support,
            &or_not_declared(rights_line(lang, &r.rights_support), w),
        );
        self.fact(w.security, &declared_items(r.certifications.as_deref(), w));
        let mut cvd: Vec<String> = r.cvd.url.iter().map(|u| link(u, r.cvd.linkable)).collect();
        cvd.extend(cvd_details(lang, &r.cvd).iter().map(|d| text(d)));
        let cvd = if cvd.is_empty() {
            text(w.not_declared)
        } else {
            cvd.join(", ")
        };
        self.fact(w.cvd, &cvd);
        self.fact(w.pentest, &or_not_declared(r.cvd.pentest_on.clone(), w));
        self.fact(w.images, &text(&images_line(lang, &r.images)));
        if let Some(e) = &r.special_category_exception {
            self.fact(w.special_exception, &text(e));
        }
        self.line("");

        let _ = write!(self.out, "#### {}\n\n", text(w.personal_data));
        if !r.personal_data {
            let _ = write!(self.out, "{}\n\n", text(w.personal_data_none));
        }
        if !r.categories.is_empty() {
            self.table(&[(w.category, false), (w.fields, false)]);
            for g in &r.categories {
                let fields: Vec<String> = g
                    .fields
                    .iter()
                    .map(|f| {
                        let mut s = field_md(f);
                        let details = field_details(lang, f);
                        if !details.is_empty() {
                            let _ = write!(s, " — {}", text(&details.join("; ")));
                        }
                        s
                    })
                    .collect();
                self.row(&[text(&g.label), fields.join("<br>")]);
            }
            self.line("");
        }

        let _ = write!(self.out, "#### {}\n\n", text(w.subprocessors));
        self.fact(
            w.subprocessor_terms,
            &or_not_declared(subprocessor_terms_line(lang, &r.subprocessor_terms), w),
        );
        self.line("");
        if r.subprocessors.is_empty() {
            let _ = write!(self.out, "{}\n\n", text(w.subprocessors_none));
        } else {
            self.table(&[(w.name, false), (w.service, false), (w.country, false)]);
            for s in &r.subprocessors {
                let cells = [
                    text(&s.name),
                    s.service.as_deref().map_or_else(|| "—".to_string(), text),
                    s.country
                        .as_deref()
                        .map_or_else(|| text(w.not_declared), text),
                ];
                self.row(&cells);
            }
            self.line("");
        }

        let _ = write!(self.out, "#### {}\n\n", text(w.findings));
        self.findings(&r.findings, r.counts.waived);
    }

    fn findings(&mut self, findings: &[Finding], waived: usize) {
        let (w, lang) = (self.w, self.lang);
        let _ = write!(
            self.out,
            "{}\n\n",
            text(&findings_summary(lang, findings, waived))
        );
        if findings.is_empty() {
            return;
        }
        self.table(&[
            (w.severity, false),
            (w.code, false),
            (w.message, false),
            (w.location, false),
        ]);
        for f in findings {
            let cells = [
                text(&severity_text(lang, f.severity)),
                format!("[{}](#{})", code(&f.code), rule_anchor(&f.code)),
                message(&f.message),
                code(&location(f)),
            ];
            self.row(&cells);
        }
        self.line("");
    }

    fn other_files(&mut self) {
        let w = self.w;
        for (checked, heading, intro) in [
            (true, w.other_files, w.other_files_intro),
            (false, w.config_files, w.config_files_intro),
        ] {
            let files: Vec<&OtherFile> = self
                .r
                .other_files
                .iter()
                .filter(|o| o.checked == checked)
                .collect();
            if files.is_empty() {
                continue;
            }
            let _ = write!(self.out, "## {}\n\n{}\n\n", text(heading), message(intro));
            for o in files {
                let _ = write!(self.out, "### {}\n\n", code(&o.file));
                if o.checked {
                    let _ = write!(self.out, "{}\n\n", text(w.unreadable));
                }
                self.findings(&o.findings, o.counts.waived);
            }
        }
    }

    fn rules(&mut self) {
        if self.r.rules.is_empty() {
            return;
        }
        let w = self.w;
        let _ = write!(
            self.out,
            "## {}\n\n{}\n\n",
            text(w.rules),
            message(w.rules_intro)
        );
        for rule in &self.r.rules {
            let title = if rule.title.is_empty() {
                String::new()
            } else {
                format!(" {}", message(&rule.title))
            };
            let _ = write!(
                self.out,
                "<a id=\"{}\"></a>\n\n### {}{title}\n\n",
                rule_anchor(&rule.code),
                code(&rule.code)
            );
            if !rule.why.is_empty() {
                let _ = write!(self.out, "{}\n\n", message(&rule.why));
            }
            for help in &rule.helps {
                self.fact(w.how_to_fix, &message(help));
            }
            if !rule.references.is_empty() {
                let refs: Vec<String> = rule.references.iter().map(|r| text(r)).collect();
                self.fact(w.references, &refs.join("; "));
            }
            if !rule.helps.is_empty() || !rule.references.is_empty() {
                self.line("");
            }
        }
    }
}

/// `` `voornaam` (`first_name`) ``.
fn field_md(f: &super::FieldEntry) -> String {
    if field_label(f) == f.name {
        code(&f.name)
    } else {
        format!("{} ({})", code(&f.name), code(&f.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_break_a_table_or_open_markup() {
        assert_eq!(text("a|b\nc"), "a\\|b<br>c");
        assert_eq!(text("<script>"), "\\<script\\>");
        assert_eq!(text("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(text("r\r\nn"), "r<br>n");
    }

    #[test]
    fn code_spans_hold_backticks_and_pipes() {
        assert_eq!(code("eck_id"), "`eck_id`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a|b"), "`a\\|b`");
    }
}
