//! `report --format html`: the register as one self-contained page.
//!
//! - **Self-contained.** Inline CSS, system fonts, no images, no external requests of any
//!   kind; a Content-Security-Policy (`default-src 'none'`) makes the browser refuse any request
//!   that slipped in anyway. The only links out are the leaflet URLs, which are data.
//! - **No JavaScript needed.** Everything is in the HTML. One small inline script (allowed by its
//!   hash in the CSP, nothing else may run) makes the column headings of the overview table
//!   sort buttons; without it the table is simply unsorted.
//! - **Print.** No backgrounds, borders instead of fills, a resource is kept on one page where it
//!   fits, headings stay with what follows them, the resources and the rules start on a new page.
//! - **Phones.** Tables scroll sideways inside a focusable, labelled region; the fact lists
//!   become one column.
//! - **Accessible.** `lang` is the run's language; tables have a `<caption>` and `<th scope>`;
//!   headings go h1 → h2 → h3 → h4 without gaps; every status is a word (with a symbol), colour
//!   only repeats it; text colours have a contrast of at least 4.5:1 on their background.
//! - **Escaped.** Every value from the YAML and every catalogue text goes through [`escape`];
//!   leaflet URLs become links only when they are plain http(s) URLs ([`super::linkable`]).

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

mod assets;
mod overview;
mod resource;

use assets::CSS;
pub(crate) use assets::{SCRIPT, SCRIPT_HASH};

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

struct Html<'a> {
    out: String,
    r: &'a Register,
    w: &'static Words,
    lang: Lang,
}

/// Renders the register as one HTML page.
pub fn render(register: &Register) -> String {
    let mut h = Html {
        out: String::with_capacity(64 * 1024),
        r: register,
        w: register.words(),
        lang: register.lang,
    };
    h.page();
    h.out
}

/// A finding's message with its backtick spans as `<code>`.
fn message(text: &str) -> String {
    segments(text)
        .into_iter()
        .map(|(code, part)| {
            if code {
                format!("<code>{}</code>", escape(part))
            } else {
                escape(part)
            }
        })
        .collect()
}

fn status_badge(lang: Lang, status: Status) -> String {
    format!(
        r#"<span class="badge {}"><span aria-hidden="true">{}</span> {}</span>"#,
        status.code(),
        status.symbol(),
        escape(status.label(lang))
    )
}

fn severity_badge(lang: Lang, severity: Severity) -> String {
    let symbol = match severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
    };
    format!(
        r#"<span class="badge {}"><span aria-hidden="true">{symbol}</span> {}</span>"#,
        severity.as_str(),
        severity.label(lang)
    )
}

/// A declared list: `not declared` when absent, `none` when empty.
fn declared_items(list: Option<&[String]>, w: &Words) -> String {
    match list {
        None => items(&[], w.not_declared),
        Some(list) => items(list, w.none),
    }
}

/// An escaped line, or the muted `not declared` when there is none.
fn or_not_declared(line: Option<String>, w: &Words) -> String {
    line.map_or_else(
        || format!(r#"<span class="muted">{}</span>"#, escape(w.not_declared)),
        |l| escape(&l),
    )
}

/// A URL from the YAML: a link when it is a plain http(s) URL, else text.
fn link(url: &str, linkable: bool) -> String {
    if linkable {
        format!("<a href=\"{0}\" rel=\"noreferrer\">{0}</a>", escape(url))
    } else {
        escape(url)
    }
}

/// A list of escaped items, or the muted `none` word.
fn items(list: &[String], none: &str) -> String {
    if list.is_empty() {
        format!(r#"<span class="muted">{}</span>"#, escape(none))
    } else {
        list.iter()
            .map(|s| escape(s))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Html<'_> {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn page(&mut self) {
        let w = self.w;
        let title = match &self.r.organisation {
            Some(o) => format!("{} – {o}", w.title),
            None => w.title.to_string(),
        };
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; base-uri 'none'; form-action 'none'\">\n\
             <meta name=\"generator\" content=\"ibp-lint {}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
            w.lang_code,
            env!("CARGO_PKG_VERSION"),
            escape(&title)
        );
        self.masthead();
        self.toc();
        self.push("<main id=\"main\" class=\"wrap\">\n");
        self.overview();
        self.resources();
        self.other_files();
        self.rules();
        self.push("</main>\n");
        let _ = write!(
            self.out,
            "<footer class=\"wrap\">{} ibp-lint {} · {}</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
            escape(w.generated_by),
            env!("CARGO_PKG_VERSION"),
            self.r.today_text()
        );
    }

    fn masthead(&mut self) {
        let w = self.w;
        let organisation = match &self.r.organisation {
            Some(o) => escape(o),
            None => format!(
                r#"<span class="muted">{}</span>"#,
                message(w.organisation_unset)
            ),
        };
        let today = self.r.today_text();
        let _ = write!(
            self.out,
            "<header class=\"masthead\" id=\"top\">\n<div class=\"wrap\">\n<h1>{}</h1>\n<p class=\"lead\">{}</p>\n\
             <dl class=\"meta\"><div><dt>{}</dt><dd>{organisation}</dd></div><div><dt>{}</dt><dd><time datetime=\"{today}\">{today}</time></dd></div></dl>\n</div>\n</header>\n",
            escape(w.title),
            escape(w.intro),
            escape(w.organisation),
            escape(w.date),
        );
    }

    fn toc(&mut self) {
        let w = self.w;
        let _ = write!(
            self.out,
            "<nav class=\"toc\" aria-label=\"{}\"><ul><li><a href=\"#overview\">{}</a></li><li><a href=\"#resources\">{} ({})</a></li>",
            escape(w.contents),
            escape(w.overview),
            escape(w.resources),
            self.r.resources.len()
        );
        for (checked, id, heading) in [
            (true, "other-files", w.other_files),
            (false, "config-files", w.config_files),
        ] {
            let n = self
                .r
                .other_files
                .iter()
                .filter(|o| o.checked == checked)
                .count();
            if n > 0 {
                let _ = write!(
                    self.out,
                    "<li><a href=\"#{id}\">{} ({n})</a></li>",
                    escape(heading)
                );
            }
        }
        if !self.r.rules.is_empty() {
            let _ = write!(
                self.out,
                "<li><a href=\"#rules\">{} ({})</a></li>",
                escape(w.rules),
                self.r.rules.len()
            );
        }
        self.push("</ul></nav>\n");
    }

    /// Opens a table in a scrolling region labelled by its caption (HTML). Every table follows
    /// a visible heading, so the caption, which names the table for screen readers and for the
    /// scrolling region, is not shown again.
    fn table_open(&mut self, id: &str, caption: &str, class: &str, heads: &[(&str, bool)]) {
        let _ = write!(
            self.out,
            "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"{id}\" tabindex=\"0\">\n<table{}>\n<caption id=\"{id}\" class=\"sr-only\">{caption}</caption>\n<thead><tr>",
            if class.is_empty() {
                String::new()
            } else {
                format!(" class=\"{class}\"")
            },
        );
        for (head, num) in heads {
            let _ = write!(
                self.out,
                "<th scope=\"col\"{}>{}</th>",
                if *num { " class=\"num\"" } else { "" },
                escape(head)
            );
        }
        self.push("</tr></thead>\n<tbody>\n");
    }

    /// A small table of counts: the group name heads the first column and is the caption.
    fn count_table(&mut self, id: &str, head: &str, rows: &[(String, usize)]) {
        let caption = escape(head);
        self.table_open(id, &caption, "", &[(head, false), (self.w.count, true)]);
        for (label, n) in rows {
            let _ = writeln!(
                self.out,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{n}</td></tr>",
                escape(label)
            );
        }
        self.table_close();
    }

    fn table_close(&mut self) {
        self.push("</tbody>\n</table>\n</div>\n");
    }

    fn resource_link(&self, i: usize) -> String {
        self.r.resources.get(i).map_or_else(String::new, |r| {
            format!("<a href=\"#{}\">{}</a>", r.anchor, escape(&r.name))
        })
    }

    fn other_files(&mut self) {
        let w = self.w;
        for (checked, id, heading, intro) in [
            (true, "other-files", w.other_files, w.other_files_intro),
            (false, "config-files", w.config_files, w.config_files_intro),
        ] {
            let files: Vec<(usize, &OtherFile)> = self
                .r
                .other_files
                .iter()
                .enumerate()
                .filter(|(_, o)| o.checked == checked)
                .collect();
            if files.is_empty() {
                continue;
            }
            let _ = write!(
                self.out,
                "<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{}</h2>\n<p>{}</p>\n",
                escape(heading),
                message(intro)
            );
            for (i, o) in files {
                let _ = write!(
                    self.out,
                    "<article class=\"other\" aria-labelledby=\"other-{i}-h\">\n<h3 id=\"other-{i}-h\"><code>{}</code></h3>\n",
                    escape(&o.file),
                );
                if o.checked {
                    let _ = writeln!(self.out, "<p class=\"sub\">{}</p>", escape(w.unreadable));
                }
                self.findings(
                    &format!("other-{i}-findings"),
                    &o.file,
                    &o.findings,
                    o.counts.waived,
                );
                self.push("</article>\n");
            }
            self.push("</section>\n");
        }
    }

    fn rules(&mut self) {
        if self.r.rules.is_empty() {
            return;
        }
        let w = self.w;
        let _ = write!(
            self.out,
            "<section id=\"rules\" aria-labelledby=\"rules-h\">\n<h2 id=\"rules-h\">{}</h2>\n<p>{}</p>\n",
            escape(w.rules),
            message(w.rules_intro)
        );
        for rule in &self.r.rules {
            let anchor = rule_anchor(&rule.code);
            let title = if rule.title.is_empty() {
                String::new()
            } else {
                format!(" {}", message(&rule.title))
            };
            let _ = write!(
                self.out,
                "<article class=\"rule\" id=\"{anchor}\" aria-labelledby=\"{anchor}-h\">\n<h3 id=\"{anchor}-h\"><code>{}</code>{title}</h3>\n",
                escape(&rule.code)
            );
            if !rule.why.is_empty() {
                let _ = writeln!(self.out, "<p>{}</p>", message(&rule.why));
            }
            self.push("<dl class=\"facts\">\n");
            if !rule.helps.is_empty() {
                let helps: Vec<String> = rule
                    .helps
                    .iter()
                    .map(|h| format!("<li>{}</li>", message(h)))
                    .collect();
                self.fact(
                    w.how_to_fix,
                    &format!("<ul class=\"plain\">{}</ul>", helps.concat()),
                );
            }
            if !rule.references.is_empty() {
                let refs: Vec<String> = rule.references.iter().map(|r| escape(r)).collect();
                self.fact(w.references, &refs.join("; "));
            }
            self.push("</dl>\n</article>\n");
        }
        self.push("</section>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn message_code_spans_are_escaped_too() {
        assert_eq!(
            message("`<b>` is <i>"),
            "<code>&lt;b&gt;</code> is &lt;i&gt;"
        );
    }

    /// The CSP admits the script by its hash: recompute it (with coreutils' `sha256sum`) so an
    /// edited script cannot silently stop running.
    #[test]
    fn script_hash_matches_the_script() {
        use std::io::Write as _;
        let child = std::process::Command::new("sha256sum")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn();
        let Ok(mut child) = child else {
            eprintln!("sha256sum not found: script hash not checked here");
            return;
        };
        child
            .stdin
            .take()
            .unwrap()
            .write_all(SCRIPT.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let hex = String::from_utf8(out.stdout).unwrap();
        let bytes: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        assert_eq!(SCRIPT_HASH, format!("sha256-{}", base64(&bytes)));
    }

    fn base64(bytes: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}
