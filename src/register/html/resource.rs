//! One resource's section: its facts, its data per category, its open findings.

use super::*;

impl Html<'_> {
    pub(super) fn resources(&mut self) {
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

    pub(super) fn resource(&mut self, r: &Resource) {
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

    pub(super) fn fact(&mut self, term: &str, html: &str) {
        let _ = writeln!(self.out, "<dt>{}</dt><dd>{html}</dd>", escape(term));
    }

    pub(super) fn findings(&mut self, id: &str, owner: &str, findings: &[Finding], waived: usize) {
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
}

/// `voornaam <span>(first_name)</span>`.
fn field_html(f: &crate::register::FieldEntry) -> String {
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
