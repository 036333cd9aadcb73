//! The phrases the formats share: one line or cell per fact of a [`Resource`], in the run's
//! language, and the helpers for anchors, links and message segments.

use super::*;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;

/// Whether a leaflet URL may become a link: an absolute http(s) URL without white space or
/// characters that would need quoting. Anything else (`javascript:`, a relative path) is shown
/// as text only.
pub(crate) fn linkable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '\'' | '`' | '\\' | '|')
        })
}

/// Lower-case letters, digits and `-` only (an HTML id and a Markdown anchor).
pub(crate) fn anchor_token(text: &str) -> String {
    text.chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The anchor of a rule in the appendix (`rule-agr-002`).
pub(crate) fn rule_anchor(code: &str) -> String {
    format!("rule-{}", anchor_token(code))
}

/// A message split into plain text and code spans at its backticks (the catalogue writes field
/// names and keys as `` `key` ``). An unpaired backtick stays plain text.
pub(crate) fn segments(message: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = message;
    while let Some(open) = rest.find('`') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('`') else { break };
        if open > 0 {
            out.push((false, rest.get(..open).unwrap_or("")));
        }
        out.push((true, after.get(..close).unwrap_or("")));
        rest = after.get(close + 1..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// `file:line` of a finding.
pub fn location(f: &Finding) -> String {
    format!("{}:{}", f.file, f.position.line)
}

/// The agreement's end as shown: `expired on 2026-07-31 (115 days ago)`; `no end date` for a
/// signed agreement without one; nothing for an agreement that is not signed and has no date.
pub(crate) fn agreement_end(lang: Lang, a: &Agreement) -> Option<String> {
    match &a.expires_on {
        Some(date) => Some(labels::end_date(lang, date, a.days_left)),
        None if a.status.as_ref().is_some_and(|s| s.code == "signed") => {
            Some(labels::words(lang).no_end_date.to_string())
        }
        None => None,
    }
}

/// The line above a findings table: `1 error, 3 warnings, 0 info (2 waived)`, or
/// `No open findings.` when there are none.
pub(crate) fn findings_summary(lang: Lang, findings: &[Finding], waived: usize) -> String {
    let w = labels::words(lang);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let mut summary = if findings.is_empty() {
        w.findings_none.to_string()
    } else {
        [Severity::Error, Severity::Warning, Severity::Info]
            .map(|s| crate::register::severity_count(lang, s, count(s)))
            .join(", ")
    };
    if waived > 0 {
        summary.push_str(&format!(" ({waived} {})", w.waived));
    }
    summary
}

/// `Meetlat B.V. (KvK 64027318, NL)`.
pub(crate) fn supplier_line(lang: Lang, s: &Supplier) -> String {
    let w = labels::words(lang);
    let mut extra = Vec::new();
    if let Some(kvk) = &s.kvk {
        extra.push(format!("{} {kvk}", w.kvk));
    }
    if let Some(c) = &s.country {
        extra.push(c.clone());
    }
    if extra.is_empty() {
        s.name.clone()
    } else {
        format!("{} ({})", s.name, extra.join(", "))
    }
}

/// One field as shown in a list: `voornaam (first_name)`; the id is left out when the name is
/// already the id.
pub(crate) fn field_label(f: &FieldEntry) -> String {
    if crate::vocabulary::field_key(&f.name) == f.id {
        f.name.clone()
    } else {
        format!("{} ({})", f.name, f.id)
    }
}

/// The details of a long-form field: its purposes, retention and note.
pub(crate) fn field_details(lang: Lang, f: &FieldEntry) -> Vec<String> {
    let w = labels::words(lang);
    let mut out = Vec::new();
    if !f.purposes.is_empty() {
        let ps: Vec<&str> = f.purposes.iter().map(|p| p.label.as_str()).collect();
        out.push(format!("{}: {}", w.field_purposes, ps.join(", ")));
    }
    if let Some(d) = f.retention_days {
        out.push(format!("{}: {}", w.retention_days, labels::days(lang, d)));
    }
    if let Some(n) = &f.note {
        out.push(format!("{}: {n}", w.note));
    }
    out
}

/// The agreement in one line: `signed, model 4.0, signed on 2022-08-15, annexes: ...`.
pub(crate) fn agreement_line(lang: Lang, a: &Agreement) -> String {
    let w = labels::words(lang);
    let status = a
        .status
        .as_ref()
        .map_or_else(|| w.not_declared.to_string(), |s| s.label.clone());
    let signed = a.status.as_ref().is_some_and(|s| s.code == "signed");
    let mut parts = match &a.signed_on {
        // `signed on 2024-08-01` says both.
        Some(d) if signed => vec![format!("{} {d}", w.signed_on)],
        Some(d) => vec![status, format!("{} {d}", w.signed_on)],
        None => vec![status],
    };
    if let Some(m) = &a.model {
        parts.push(m.label.clone());
    }
    if let Some(annexes) = a.annexes.as_ref().filter(|a| !a.is_empty()) {
        let an: Vec<&str> = annexes.iter().map(|c| c.label.as_str()).collect();
        parts.push(format!("{}: {}", w.annexes, an.join(", ")));
    }
    parts.join(", ")
}

/// `participant (4.0)`, or `not declared`.
pub(crate) fn convenant_line(lang: Lang, c: &Convenant) -> String {
    let w = labels::words(lang);
    match (&c.status, &c.version) {
        (Some(s), Some(v)) => format!("{} ({v})", s.label),
        (Some(s), None) => s.label.clone(),
        (None, Some(v)) => format!("{} ({v})", w.not_declared),
        (None, None) => w.not_declared.to_string(),
    }
}

/// `done (2024-03-01)`, or `not declared`.
pub(crate) fn dpia_line(lang: Lang, d: &Dpia) -> String {
    let w = labels::words(lang);
    let status = d
        .status
        .as_ref()
        .map_or_else(|| w.not_declared.to_string(), |s| s.label.clone());
    match &d.date {
        Some(date) => format!("{status} ({date})"),
        None => status,
    }
}

/// `60 days after the contract ends`-style retention line, with the per-field terms.
pub(crate) fn retention_line(lang: Lang, r: &Resource) -> String {
    let w = labels::words(lang);
    let mut parts = Vec::new();
    match r.delete_after_contract_days {
        Some(d) => parts.push(labels::delete_within(lang, d)),
        None => parts.push(w.not_declared.to_string()),
    }
    for (name, d) in r.field_retention() {
        parts.push(format!("{name}: {}", labels::days(lang, d)));
    }
    parts.join("; ")
}

/// `processed, published, consent: opt-in`, or `no`.
pub(crate) fn images_line(lang: Lang, i: &Images) -> String {
    let w = labels::words(lang);
    let mut parts = Vec::new();
    if i.processed == Some(true) {
        parts.push(w.images_processed.to_string());
    }
    if i.published == Some(true) {
        parts.push(w.images_published.to_string());
    }
    if parts.is_empty() {
        return labels::yes_no(lang, false).to_string();
    }
    if let Some(c) = &i.consent {
        parts.push(format!("{}: {}", w.images_consent, c.label));
    }
    parts.join(", ")
}

/// `US (standard contractual clauses, transfer impact assessment: no)`.
pub(crate) fn transfer_line(lang: Lang, t: &Transfer) -> String {
    let w = labels::words(lang);
    let mut extra = Vec::new();
    if let Some(m) = &t.mechanism {
        extra.push(m.label.clone());
    }
    if let Some(tia) = t.tia {
        extra.push(format!("{}: {}", w.tia, labels::yes_no(lang, tia)));
    }
    if extra.is_empty() {
        t.country.clone()
    } else {
        format!("{} ({})", t.country, extra.join(", "))
    }
}

/// `controller; own purposes: product improvement; basis of the disclosure: art. 42 WPO`; a
/// role that is not declared reads `not declared (processor by default)`, as format.md
/// does.
pub(crate) fn role_line(lang: Lang, r: &Role) -> String {
    let w = labels::words(lang);
    let mut parts = vec![r.role.as_ref().map_or_else(
        || format!("{} ({})", w.not_declared, w.role_default),
        |c| c.label.clone(),
    )];
    if let Some(own) = &r.own_purposes {
        let list = if own.is_empty() {
            w.none.to_string()
        } else {
            own.iter()
                .map(|p| p.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        parts.push(format!("{}: {list}", w.own_purposes));
    }
    if let Some(b) = &r.disclosure_basis {
        parts.push(format!("{}: {b}", w.disclosure_basis));
    }
    parts.join("; ")
}

/// `general written authorisation, notice: 30 days, the school can object`; `None` when no
/// term is declared.
pub(crate) fn subprocessor_terms_line(lang: Lang, t: &SubprocessorTerms) -> Option<String> {
    let w = labels::words(lang);
    let mut parts = Vec::new();
    if let Some(a) = &t.authorisation {
        parts.push(a.label.clone());
    }
    if let Some(d) = t.notice_days {
        parts.push(format!("{}: {}", w.notice, labels::days(lang, d)));
    }
    if let Some(o) = &t.objection {
        parts.push(o.label.clone());
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `Matomo (analytics, NL)`.
pub(crate) fn tracker_line(t: &Tracker) -> String {
    let mut extra = Vec::new();
    if let Some(p) = &t.purpose {
        extra.push(p.label.clone());
    }
    if let Some(c) = &t.country {
        extra.push(c.clone());
    }
    if extra.is_empty() {
        t.vendor.clone()
    } else {
        format!("{} ({})", t.vendor, extra.join(", "))
    }
}

/// The declared processing flags: `profiling: yes, automated decisions: no`; `None` when none
/// is declared. A flag that is not declared is left out.
pub(crate) fn processing_line(lang: Lang, p: &Processing) -> Option<String> {
    let w = labels::words(lang);
    let parts: Vec<String> = [
        (w.profiling, p.profiling),
        (w.automated_decisions, p.automated_decisions),
        (w.behaviour_monitoring, p.behaviour_monitoring),
        (w.emotion_recognition, p.emotion_recognition),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| format!("{label}: {}", labels::yes_no(lang, v))))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `Schrijfcoach (feedback on essays, evaluates or steers learning: yes)`.
pub(crate) fn ai_feature_line(lang: Lang, f: &AiFeature) -> String {
    let w = labels::words(lang);
    let mut extra = Vec::new();
    if let Some(p) = &f.purpose {
        extra.push(p.clone());
    }
    if let Some(a) = f.assesses_learning {
        extra.push(format!(
            "{}: {}",
            w.assesses_learning,
            labels::yes_no(lang, a)
        ));
    }
    if extra.is_empty() {
        f.name.clone()
    } else {
        format!("{} ({})", f.name, extra.join(", "))
    }
}

/// `access: yes, erasure: no; response within 10 working days`; `None` when nothing is
/// declared. A right that is not declared is left out.
pub(crate) fn rights_line(lang: Lang, r: &RightsSupport) -> Option<String> {
    let rights: Vec<String> = r
        .rights()
        .into_iter()
        .filter_map(|(code, value)| {
            value.map(|v| format!("{}: {}", labels::right(lang, code), labels::yes_no(lang, v)))
        })
        .collect();
    let mut parts = Vec::new();
    if !rights.is_empty() {
        parts.push(rights.join(", "));
    }
    if let Some(d) = r.response_working_days {
        parts.push(labels::response_within(lang, d));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// `returned as CSV, EDEXML within 30 days; deletion confirmed in writing: yes`; `None` when
/// nothing is declared.
pub(crate) fn exit_line(lang: Lang, e: &Exit) -> Option<String> {
    let w = labels::words(lang);
    let mut parts = Vec::new();
    if e.formats.is_some() || e.days.is_some() {
        parts.push(labels::returned(
            lang,
            e.formats.as_deref().unwrap_or_default(),
            e.days,
        ));
    }
    if let Some(c) = e.deletion_certificate {
        parts.push(format!(
            "{}: {}",
            w.deletion_certificate,
            labels::yes_no(lang, c)
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// What follows the CVD policy's address: `security.txt: yes`.
pub(crate) fn cvd_details(lang: Lang, c: &Cvd) -> Vec<String> {
    c.security_txt
        .map(|s| format!("security.txt: {}", labels::yes_no(lang, s)))
        .into_iter()
        .collect()
}

/// The image column of the sensitive-data overview: image fields, then what `images` says
/// (`foto, video_opname (processed, published, consent: opt-in)`); empty when neither.
pub(crate) fn image_cell(lang: Lang, r: &Resource) -> String {
    let fields = r.sensitive.image.join(", ");
    match (fields.is_empty(), r.sensitive.images_declared) {
        (_, false) => fields,
        (true, true) => images_line(lang, &r.images),
        (false, true) => format!("{fields} ({})", images_line(lang, &r.images)),
    }
}

/// `1 error` / `3 warnings` / `2 fouten`.
/// `1 error, 3 warnings` for a resource's open findings (infos only when there are some).
pub(crate) fn counts_text(lang: Lang, c: &Counts) -> String {
    let mut parts = vec![
        severity_count(lang, Severity::Error, c.errors),
        severity_count(lang, Severity::Warning, c.warnings),
    ];
    if c.infos > 0 {
        parts.push(severity_count(lang, Severity::Info, c.infos));
    }
    parts.join(", ")
}

pub(crate) fn severity_count(lang: Lang, severity: Severity, n: usize) -> String {
    let word = match (severity, n == 1) {
        (Severity::Error, true) => crate::words::register::pick(lang, "error", "fout"),
        (Severity::Error, false) => crate::words::register::pick(lang, "errors", "fouten"),
        (Severity::Warning, true) => crate::words::register::pick(lang, "warning", "waarschuwing"),
        (Severity::Warning, false) => {
            crate::words::register::pick(lang, "warnings", "waarschuwingen")
        }
        (Severity::Info, _) => crate::words::register::pick(lang, "info", "info"),
    };
    format!("{n} {word}")
}
