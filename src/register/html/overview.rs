//! The overview section: counts per status, type, category, agreement and convenant, the
//! agreements that end soon, and the table of all resources.

use super::*;

impl Html<'_> {
    pub(super) fn overview(&mut self) {
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
                    escape(&crate::register::severity_count(
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
                escape(&crate::register::counts_text(lang, &r.counts)),
            );
        }
        self.table_close();
        self.push("</section>\n");
    }
}
