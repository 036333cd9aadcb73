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

/// The sorting script, byte for byte as embedded; [`SCRIPT_HASH`] is its SHA-256 for the CSP.
pub(crate) const SCRIPT: &str = r#"(function () {
  "use strict";
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) { return; }
    Array.prototype.forEach.call(head.cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = function (row) {
          var cell = row.cells[column];
          return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
        };
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = key(a).localeCompare(key(b), document.documentElement.lang, { numeric: true, sensitivity: "base" });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
"#;

/// `sha256-` of [`SCRIPT`], base64 (checked by a test).
pub(crate) const SCRIPT_HASH: &str = "sha256-LiTxAQCnEvFSDf37oZ8uI8FI8IKEJx/HP7Ns9UawJdc=";

const CSS: &str = r#":root {
  --ink: #1b1f24; --muted: #4d5761; --line: #d0d7de; --soft: #f3f5f7; --accent: #1f3a5f;
  --link: #0a58a8; --err: #a3161a; --err-bg: #fdecec; --warn: #774700; --warn-bg: #fff3d1;
  --ok: #1a5e20; --ok-bg: #e6f4e7; --info: #1d4f7a; --info-bg: #e7f0f8;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--soft); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
}
.wrap { max-width: 74rem; margin: 0 auto; padding: 0 1rem; }
.masthead { background: #fff; border-bottom: 4px solid var(--accent); padding: 1.5rem 0 1rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .5rem; color: var(--accent); }
h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.5rem 0 1rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); color: var(--accent); }
h3 { font-size: 1.15rem; line-height: 1.3; margin: 1.75rem 0 .6rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
p { margin: .5rem 0; }
.lead { max-width: 62rem; color: var(--muted); margin: 0; }
dl.meta { display: flex; flex-wrap: wrap; gap: .25rem 2rem; margin: .9rem 0 0; }
dl.meta div { display: flex; gap: .4rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
nav.toc { background: #fff; border-bottom: 1px solid var(--line); }
nav.toc ul { list-style: none; margin: 0 auto; padding: .5rem 1rem; max-width: 74rem; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, .table-wrap:focus-visible { outline: 3px solid #e0a100; outline-offset: 2px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; background: #eef1f4; padding: .05em .3em; border-radius: 3px; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin: 1rem 0 1.5rem; }
.card { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--accent); border-radius: 6px; padding: .7rem 1rem; }
.card .n { display: block; font-size: 2rem; font-weight: 700; line-height: 1.1; }
.card.errors { border-left-color: var(--err); }
.card.warnings { border-left-color: #c98a00; }
.card.compliant { border-left-color: #2e7d32; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 0 1rem; align-items: start; }
.table-wrap { overflow-x: auto; margin: .5rem 0 1rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { padding: .45rem .75rem; text-align: left; vertical-align: top; border-top: 1px solid var(--line); }
thead th { border-top: 0; }
thead th { background: #e9eef3; font-weight: 600; }
table.data tbody th { width: 30%; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; margin: 0; text-align: inherit; cursor: pointer; }
th button::after { content: "\00a0\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: "\00a0\25B2"; }
th[aria-sort="descending"] button::after { content: "\00a0\25BC"; }
.nowrap, .nowrap code { white-space: nowrap; overflow-wrap: normal; }
.msg { min-width: 16rem; }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; border: 1px solid currentColor; font-size: .85rem; font-weight: 600; white-space: nowrap; }
.badge.errors, .badge.error { color: var(--err); background: var(--err-bg); }
.badge.warnings, .badge.warning { color: var(--warn); background: var(--warn-bg); }
.badge.compliant { color: var(--ok); background: var(--ok-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain li + li { margin-top: .2rem; }
ul.list { margin: .25rem 0; padding-left: 1.25rem; }
.details { color: var(--muted); font-size: .9rem; }
article.resource, article.other, article.rule { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1.25rem 0; }
article.resource { border-top: 5px solid var(--accent); }
article.resource.errors { border-top-color: var(--err); }
article.resource.warnings { border-top-color: #c98a00; }
article.resource.compliant { border-top-color: #2e7d32; }
.resource-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .25rem 1rem; }
.resource-head h3, article.rule h3, article.other h3 { margin: 0; }
.sub { color: var(--muted); margin: .3rem 0 1rem; }
dl.facts { display: grid; grid-template-columns: minmax(9rem, 15rem) 1fr; gap: .4rem 1.25rem; margin: 0; }
dl.facts dt { color: var(--muted); font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.top-link { font-size: .9rem; margin: .75rem 0 0; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
footer { color: var(--muted); font-size: .9rem; padding: 1.5rem 0 3rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  h1 { font-size: 1.45rem; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd { margin-bottom: .6rem; }
  article.resource, article.other, article.rule { padding: .75rem; }
}
@media print {
  @page { margin: 15mm 14mm; }
  *, *::before, *::after { background: transparent !important; box-shadow: none !important; }
  body { font-size: 9.5pt; color: #000; }
  .masthead { padding: 0 0 .5rem; }
  nav.toc, .top-link { display: none; }
  th button::after { content: none; }
  .table-wrap { overflow: visible; border: 0; border-radius: 0; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, dl.facts > * { break-inside: avoid; }
  h2, h3, h4, caption, .resource-head { break-after: avoid; }
  article.resource, article.other, article.rule { break-inside: avoid; border: 1px solid #888; border-top: 3px solid #000; border-radius: 0; padding: .5rem .75rem; margin: 0 0 .8rem; }
  #resources, #rules { break-before: page; }
  a { color: #000; }
  code { padding: 0; }
}
"#;

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

    fn overview(&mut self) {
        let (w, lang, o) = (self.w, self.lang, &self.r.overview);
        let _ = write!(
            self.out,
            "<section id=\"overview\" aria-labelledby=\"overview-h\">\n<h2 id=\"overview-h\">{}</h2>\n<div class=\"cards\">\n",
            escape(w.overview)
        );
        let cards = [
            ("", o.resources, w.resources, ""),
            (
                "errors",
                o.with_errors,
                w.with_errors,
                Status::Errors.symbol(),
            ),
            (
                "warnings",
                o.warnings_only,
                w.warnings_only,
                Status::Warnings.symbol(),
            ),
            (
                "compliant",
                o.compliant,
                w.compliant,
                Status::Compliant.symbol(),
            ),
        ];
        for (class, n, label, symbol) in cards {
            let symbol = if symbol.is_empty() {
                String::new()
            } else {
                format!("<span aria-hidden=\"true\">{symbol}</span> ")
            };
            let _ = writeln!(
                self.out,
                "<div class=\"card {class}\"><span class=\"n\">{n}</span> {symbol}{}</div>",
                escape(label)
            );
        }
        self.push("</div>\n");

        // Counts.
        let _ = writeln!(
            self.out,
            "<h3>{}</h3>\n<div class=\"grid\">",
            escape(w.counts)
        );
        let resources = [
            (w.files_checked.to_string(), o.files),
            (w.resources.to_lowercase(), o.resources),
            (w.with_errors.to_string(), o.with_errors),
            (w.warnings_only.to_string(), o.warnings_only),
            (w.compliant.to_string(), o.compliant),
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
        self.count_table("count-resources", w.resources, &resources);
        self.count_table("count-agreements", w.agreements, &agreements);
        self.count_table("count-convenant", w.convenant, &convenant);
        self.push("</div>\n");

        // Agreements ending.
        let _ = write!(
            self.out,
            "<h3>{}</h3>\n<p>{}</p>\n",
            escape(w.expiring),
            message(&labels::expiring_intro(
                lang,
                self.r.warning_days,
                &self.r.today_text()
            )),
        );
        if o.ending.is_empty() {
            let _ = writeln!(self.out, "<p>{}</p>", escape(w.expiring_none));
        } else {
            self.table_open(
                "ending-caption",
                &escape(w.expiring_caption),
                "",
                &[
                    (w.end_date, false),
                    (w.resource, false),
                    (w.supplier, false),
                    (w.state, false),
                ],
            );
            for e in &o.ending {
                let Some(r) = self.r.resources.get(e.resource) else {
                    continue;
                };
                let badge = if e.days_left < 0 {
                    Status::Errors
                } else {
                    Status::Warnings
                };
                let _ = writeln!(
                    self.out,
                    "<tr><td><time datetime=\"{0}\">{0}</time></td><th scope=\"row\">{1}</th><td>{2}</td><td><span class=\"badge {3}\"><span aria-hidden=\"true\">{4}</span> {5}</span></td></tr>",
                    e.date.format("%Y-%m-%d"),
                    self.resource_link(e.resource),
                    escape(&r.supplier.name),
                    badge.code(),
                    badge.symbol(),
                    escape(&labels::ends(lang, e.days_left))
                );
            }
            self.table_close();
        }

        // Resources with errors.
        let _ = writeln!(self.out, "<h3>{}</h3>", escape(w.resources_with_errors));
        if o.errors.is_empty() {
            let _ = writeln!(self.out, "<p>{}</p>", escape(w.resources_with_errors_none));
        } else {
            self.push("<ul class=\"list\">\n");
            for &i in &o.errors {
                let Some(r) = self.r.resources.get(i) else {
                    continue;
                };
                let codes = r.error_codes();
                let codes: Vec<String> = codes
                    .iter()
                    .map(|c| {
                        format!(
                            "<a href=\"#{}\"><code>{}</code></a>",
                            rule_anchor(c),
                            escape(c)
                        )
                    })
                    .collect();
                let _ = writeln!(
                    self.out,
                    "<li>{} — {}: {}</li>",
                    self.resource_link(i),
                    escape(&labels::severity_count(
                        lang,
                        Severity::Error,
                        r.counts.errors
                    )),
                    codes.join(", ")
                );
            }
            self.push("</ul>\n");
        }

        // Sensitive data.
        let _ = write!(
            self.out,
            "<h3>{}</h3>\n<p>{}</p>\n",
            escape(w.sensitive),
            escape(w.sensitive_intro)
        );
        if o.sensitive.is_empty() {
            let _ = writeln!(self.out, "<p>{}</p>", escape(w.sensitive_none));
        } else {
            self.table_open(
                "sensitive-caption",
                &escape(w.sensitive_caption),
                "",
                &[
                    (w.resource, false),
                    (w.national_id, false),
                    (w.special, false),
                    (w.image, false),
                ],
            );
            for &i in &o.sensitive {
                let Some(r) = self.r.resources.get(i) else {
                    continue;
                };
                let _ = writeln!(
                    self.out,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
                    self.resource_link(i),
                    items(&r.sensitive.national_id, w.none),
                    items(&r.sensitive.special, w.none),
                    items(
                        &[image_cell(lang, r)]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>(),
                        w.none
                    )
                );
            }
            self.table_close();
        }

        // All resources.
        let _ = writeln!(self.out, "<h3>{}</h3>", escape(w.all_resources));
        self.table_open(
            "all-caption",
            &escape(w.all_resources_caption),
            "sortable",
            &[
                (w.resource, false),
                (w.supplier, false),
                (w.agreement_short, false),
                (w.end_date, false),
                (w.convenant, false),
                (w.status, false),
            ],
        );
        for (i, r) in self.r.resources.iter().enumerate() {
            let status = r.status();
            let rank = match status {
                Status::Errors => 1,
                Status::Warnings => 2,
                Status::Compliant => 3,
            };
            // Errors first, then most errors, then most warnings.
            let status_key = format!(
                "{rank}-{:06}-{:06}",
                999_999_usize.saturating_sub(r.counts.errors),
                999_999_usize.saturating_sub(r.counts.warnings)
            );
            let end = r.agreement.expires_on.clone().unwrap_or_default();
            let _ = writeln!(
                self.out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td data-sort=\"{}\">{}</td><td>{}</td><td data-sort=\"{status_key}\">{}<br><span class=\"details\">{}</span></td></tr>",
                self.resource_link(i),
                escape(&r.supplier.name),
                escape(
                    r.agreement
                        .status
                        .as_ref()
                        .map_or(w.not_declared, |s| s.label.as_str())
                ),
                escape(if end.is_empty() { "9999-99-99" } else { &end }),
                if end.is_empty() {
                    format!("<span class=\"muted\">{}</span>", escape(w.no_end_date))
                } else {
                    escape(&end)
                },
                escape(
                    r.convenant
                        .status
                        .as_ref()
                        .map_or(w.not_declared, |s| s.label.as_str())
                ),
                status_badge(lang, status),
                escape(&labels::counts_text(lang, &r.counts)),
            );
        }
        self.table_close();
        self.push("</section>\n");
    }

    fn resources(&mut self) {
        let w = self.w;
        let _ = writeln!(
            self.out,
            "<section id=\"resources\" aria-labelledby=\"resources-h\">\n<h2 id=\"resources-h\">{} ({})</h2>",
            escape(w.resources),
            self.r.resources.len()
        );
        for r in &self.r.resources {
            self.resource(r);
        }
        self.push("</section>\n");
    }

    fn resource(&mut self, r: &Resource) {
        let (w, lang) = (self.w, self.lang);
        let status = r.status();
        let a = &r.anchor;
        let _ = write!(
            self.out,
            "<article class=\"resource {}\" id=\"{a}\" aria-labelledby=\"{a}-h\">\n<div class=\"resource-head\"><h3 id=\"{a}-h\">{}</h3>{}</div>\n",
            status.code(),
            escape(&r.name),
            status_badge(lang, status)
        );
        let mut sub = vec![escape(&r.kind.label)];
        if !r.sectors.is_empty() {
            sub.push(escape(&r.sectors.join(", ")));
        }
        sub.push(format!(
            "{} <code>{}</code>",
            escape(&w.id.to_lowercase()),
            escape(&r.id)
        ));
        sub.push(escape(&r.file));
        let _ = writeln!(self.out, "<p class=\"sub\">{}</p>", sub.join(" · "));

        self.push("<dl class=\"facts\">\n");
        let mut supplier = escape(&supplier_line(lang, &r.supplier));
        if let Some(c) = &r.supplier.privacy_contact {
            let _ = write!(
                supplier,
                "<br><span class=\"details\">{}: {}</span>",
                escape(w.privacy_contact),
                escape(c)
            );
        }
        self.fact(w.supplier, &supplier);
        self.fact(w.role, &escape(&role_line(lang, &r.role)));
        let subjects: Vec<String> = r.data_subjects.iter().map(|s| s.label.clone()).collect();
        self.fact(w.data_subjects, &items(&subjects, w.not_declared));
        let purposes: Vec<String> = r.purposes.iter().map(|p| p.label.clone()).collect();
        self.fact(w.purposes, &items(&purposes, w.not_declared));
        let basis = r.lawful_basis.as_ref().map_or_else(
            || format!("<span class=\"muted\">{}</span>", escape(w.not_declared)),
            |b| escape(&b.label),
        );
        self.fact(w.lawful_basis, &basis);
        let mut agreement = escape(&agreement_line(lang, &r.agreement));
        if let Some(end) = agreement_end(lang, &r.agreement) {
            let end = escape(&end);
            let end = match r.agreement.days_left {
                Some(d) if d < 0 => format!(
                    "<span class=\"badge error\"><span aria-hidden=\"true\">✗</span> {end}</span>"
                ),
                Some(d) if d <= i64::from(self.r.warning_days) => format!(
                    "<span class=\"badge warning\"><span aria-hidden=\"true\">!</span> {end}</span>"
                ),
                _ => end,
            };
            let _ = write!(agreement, "<br>{end}");
        }
        self.fact(w.agreement, &agreement);
        self.fact(
            w.convenant_status,
            &escape(&convenant_line(lang, &r.convenant)),
        );
        let leaflet = match &r.leaflet {
            Some(l) => {
                let link = link(&l.url, l.linkable);
                match &l.updated_on {
                    Some(d) => format!(
                        "{link} <span class=\"details\">({} {})</span>",
                        escape(w.updated_on),
                        escape(d)
                    ),
                    None => link,
                }
            }
            None => format!("<span class=\"muted\">{}</span>", escape(w.leaflet_none)),
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
        self.fact(w.dpia, &escape(&dpia_line(lang, &r.dpia)));
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
        self.fact(w.retention, &escape(&retention_line(lang, r)));
        self.fact(w.exit, &or_not_declared(exit_line(lang, &r.exit), w));
        let breach = r.breach_notification_hours.map_or_else(
            || format!("<span class=\"muted\">{}</span>", escape(w.not_declared)),
            |h| escape(&labels::within_hours(lang, h)),
        );
        self.fact(w.breach, &breach);
        self.fact(
            w.rights_support,
            &or_not_declared(rights_line(lang, &r.rights_support), w),
        );
        self.fact(w.security, &declared_items(r.certifications.as_deref(), w));
        let mut cvd: Vec<String> = r.cvd.url.iter().map(|u| link(u, r.cvd.linkable)).collect();
        cvd.extend(cvd_details(lang, &r.cvd).iter().map(|d| escape(d)));
        let cvd = if cvd.is_empty() {
            or_not_declared(None, w)
        } else {
            cvd.join(", ")
        };
        self.fact(w.cvd, &cvd);
        self.fact(w.pentest, &or_not_declared(r.cvd.pentest_on.clone(), w));
        self.fact(w.images, &escape(&images_line(lang, &r.images)));
        if let Some(e) = &r.special_category_exception {
            self.fact(w.special_exception, &escape(e));
        }
        self.push("</dl>\n");

        // Personal data.
        let _ = writeln!(self.out, "<h4>{}</h4>", escape(w.personal_data));
        if !r.personal_data {
            let _ = writeln!(self.out, "<p>{}</p>", escape(w.personal_data_none));
        }
        if !r.categories.is_empty() {
            let caption = format!("{} – {}", escape(w.personal_data_caption), escape(&r.name));
            self.table_open(
                &format!("{a}-data"),
                &caption,
                "data",
                &[(w.category, false), (w.fields, false)],
            );
            for g in &r.categories {
                let _ = write!(
                    self.out,
                    "<tr><th scope=\"row\">{}</th><td><ul class=\"plain\">",
                    escape(&g.label)
                );
                for f in &g.fields {
                    let details = field_details(lang, f);
                    let details = if details.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " <span class=\"details\">— {}</span>",
                            escape(&details.join("; "))
                        )
                    };
                    let _ = write!(self.out, "<li>{}{details}</li>", field_html(f));
                }
                self.push("</ul></td></tr>\n");
            }
            self.table_close();
        }

        // Subprocessors.
        let _ = writeln!(self.out, "<h4>{}</h4>", escape(w.subprocessors));
        self.push("<dl class=\"facts\">\n");
        self.fact(
            w.subprocessor_terms,
            &or_not_declared(subprocessor_terms_line(lang, &r.subprocessor_terms), w),
        );
        self.push("</dl>\n");
        if r.subprocessors.is_empty() {
            let _ = writeln!(
                self.out,
                "<p class=\"muted\">{}</p>",
                escape(w.subprocessors_none)
            );
        } else {
            let caption = format!("{} – {}", escape(w.subprocessors_caption), escape(&r.name));
            self.table_open(
                &format!("{a}-sub"),
                &caption,
                "",
                &[(w.name, false), (w.service, false), (w.country, false)],
            );
            for s in &r.subprocessors {
                let _ = writeln!(
                    self.out,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                    escape(&s.name),
                    s.service
                        .as_deref()
                        .map_or_else(|| "<span class=\"muted\">—</span>".to_string(), escape),
                    s.country.as_deref().map_or_else(
                        || format!("<span class=\"muted\">{}</span>", escape(w.not_declared)),
                        escape
                    )
                );
            }
            self.table_close();
        }

        // Findings.
        let _ = writeln!(self.out, "<h4>{}</h4>", escape(w.findings));
        self.findings(
            &format!("{a}-findings"),
            &r.name,
            &r.findings,
            r.counts.waived,
        );
        let _ = writeln!(
            self.out,
            "<p class=\"top-link\"><a href=\"#overview\">↑ {}</a></p>\n</article>",
            escape(w.back_to_top)
        );
    }

    fn fact(&mut self, term: &str, html: &str) {
        let _ = writeln!(self.out, "<dt>{}</dt><dd>{html}</dd>", escape(term));
    }

    fn findings(&mut self, id: &str, owner: &str, findings: &[Finding], waived: usize) {
        let (w, lang) = (self.w, self.lang);
        let _ = writeln!(
            self.out,
            "<p>{}</p>",
            escape(&findings_summary(lang, findings, waived))
        );
        if findings.is_empty() {
            return;
        }
        let caption = format!("{} – {}", escape(w.findings_caption), escape(owner));
        self.table_open(
            id,
            &caption,
            "",
            &[
                (w.severity, false),
                (w.code, false),
                (w.message, false),
                (w.location, false),
            ],
        );
        for f in findings {
            let _ = writeln!(
                self.out,
                "<tr><td>{}</td><th scope=\"row\" class=\"nowrap\"><a href=\"#{}\"><code>{}</code></a></th><td class=\"msg\">{}</td><td class=\"nowrap\"><code>{}</code></td></tr>",
                severity_badge(lang, f.severity),
                rule_anchor(&f.code),
                escape(&f.code),
                message(&f.message),
                escape(&location(f))
            );
        }
        self.table_close();
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

/// `voornaam <span>(first_name)</span>`.
fn field_html(f: &super::FieldEntry) -> String {
    let label = field_label(f);
    if label == f.name {
        escape(&f.name)
    } else {
        format!(
            "{} <span class=\"details\">(<code>{}</code>)</span>",
            escape(&f.name),
            escape(&f.id)
        )
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
