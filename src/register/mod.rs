//! `ibp-lint report`: the inventory as the board's register of digital learning resources
//! (the processing register of AVG art. 30, and the "register of the parties we exchange pupil
//! data with" that school letters promise parents).
//!
//! The register is computed from the same run as `check` (a [`Report`] made with
//! `keep_documents`), so it can never disagree with it. [`Register::build`] turns the report
//! into one model, built once: per schema-valid declaration its supplier, the personal data it
//! receives grouped by category, purposes, agreement, convenant, leaflet, hosting, retention,
//! the keys of catalogue 2 (role, subprocessor terms, trackers, processing and AI functions,
//! rights support, exit, CVD) and open findings; the overview counts; the files that are not in the register; and the
//! rules that occur. Every label is already in the run's language there. The formats
//! ([`html`], [`markdown`], [`csv`]) only lay that model out and escape what came from the YAML;
//! they decide nothing.
//!
//! "Open" findings are the ones not waived; a waived finding is counted per resource as
//! waived but not listed. The output holds no clock time: the only date is the run's `today`,
//! so the same inventory and `--today` give the same bytes.

pub mod csv;
pub mod html;
pub mod labels;
pub mod markdown;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde_json::Value;

use crate::dates::parse_date;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::report::{Declaration, Report};
use crate::vocabulary::{CATEGORIES, country};

/// The `--format` values of `report`.
/// (The command line offers them through `cli`'s `clap::ValueEnum` implementation.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    /// One self-contained HTML page (inline CSS, no external requests), for screen and paper.
    Html,
    /// GitHub-flavoured Markdown, for a wiki or repository.
    Markdown,
    /// One row per resource, `;`-separated UTF-8 with BOM, for Excel and LibreOffice.
    Csv,
}

/// Renders the register of `report` in `format`.
pub fn render(report: &Report, format: RegisterFormat) -> String {
    let register = Register::build(report);
    match format {
        RegisterFormat::Html => html::render(&register),
        RegisterFormat::Markdown => markdown::render(&register),
        RegisterFormat::Csv => csv::render(&register),
    }
}

/// An enumerated value of the format with its label in the run's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coded {
    /// The value as the format spells it (`learning_material`, `signed`).
    pub code: String,
    /// Its label (`learning material`, `digitaal leermiddel`).
    pub label: String,
}

impl Coded {
    fn new(code: &str, label: impl Into<String>) -> Self {
        Self {
            code: code.to_string(),
            label: label.into(),
        }
    }
}

/// A resource's standing, from its open findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// At least one open error.
    Errors,
    /// Open warnings, no errors.
    Warnings,
    /// No open error or warning (infos allowed).
    Compliant,
}

impl Status {
    /// A stable code (CSS class, CSV value in English).
    pub fn code(self) -> &'static str {
        match self {
            Status::Errors => "errors",
            Status::Warnings => "warnings",
            Status::Compliant => "compliant",
        }
    }

    /// The word shown, never colour alone.
    pub fn label(self, lang: Lang) -> &'static str {
        let w = labels::words(lang);
        match self {
            Status::Errors => w.with_errors,
            Status::Warnings => w.warnings_only,
            Status::Compliant => w.compliant,
        }
    }

    /// A symbol shown beside the word (text, so it survives print and screen readers read the
    /// word).
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Errors => "✗",
            Status::Warnings => "!",
            Status::Compliant => "✓",
        }
    }
}

/// Open findings per severity, and the waived ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub waived: usize,
}

impl Counts {
    fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut c = Counts::default();
        for f in findings {
            if f.waived.is_some() {
                c.waived += 1;
                continue;
            }
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    pub fn status(&self) -> Status {
        if self.errors > 0 {
            Status::Errors
        } else if self.warnings > 0 {
            Status::Warnings
        } else {
            Status::Compliant
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Supplier {
    pub name: String,
    pub kvk: Option<String>,
    /// ISO code, normalised (`uk` is `GB`).
    pub country: Option<String>,
    pub privacy_contact: Option<String>,
}

/// One field as the declaration names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEntry {
    /// As written in the YAML (`voornaam`).
    pub name: String,
    /// Canonical id (`first_name`), or the normalised name of an unknown field.
    pub id: String,
    /// The field's own purposes (long form).
    pub purposes: Vec<Coded>,
    pub retention_days: Option<u64>,
    pub note: Option<String>,
}

/// The fields of one category, in the order of the vocabulary's categories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryGroup {
    /// `None` for fields outside the vocabulary.
    pub category: Option<String>,
    pub label: String,
    pub fields: Vec<FieldEntry>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agreement {
    /// `None` when the declaration does not say.
    pub status: Option<Coded>,
    pub model: Option<Coded>,
    pub signed_on: Option<String>,
    pub expires_on: Option<String>,
    /// Days from today to `expires_on` (negative: expired), when it is a date.
    pub days_left: Option<i64>,
    pub annexes: Vec<Coded>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Convenant {
    pub status: Option<Coded>,
    pub version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaflet {
    pub url: String,
    /// Whether `url` is an absolute http(s) URL, so that it may be a link.
    pub linkable: bool,
    pub updated_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subprocessor {
    pub name: String,
    pub service: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub country: String,
    pub mechanism: Option<Coded>,
    pub tia: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dpia {
    pub status: Option<Coded>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Images {
    pub processed: Option<bool>,
    pub published: Option<bool>,
    pub consent: Option<Coded>,
}

/// The sensitive categories a resource receives: field names as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sensitive {
    pub national_id: Vec<String>,
    pub special: Vec<String>,
    /// Image fields; see also `Resource::images`.
    pub image: Vec<String>,
    /// `images.processed` or `images.published` is true.
    pub images_declared: bool,
}

impl Sensitive {
    pub fn any(&self) -> bool {
        !self.national_id.is_empty()
            || !self.special.is_empty()
            || !self.image.is_empty()
            || self.images_declared
    }
}

/// The supplier's role under the AVG, and what goes with it for a recipient that is not a
/// processor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Role {
    /// `None` when not declared (format.md reads that as `processor`).
    pub role: Option<Coded>,
    /// `supplier.own_purposes`: `None` when not declared; an empty list when declared empty.
    pub own_purposes: Option<Vec<Coded>>,
    /// `disclosure_basis`: the statutory basis of a disclosure to a controller.
    pub disclosure_basis: Option<String>,
}

/// `subprocessor_terms` (AVG art. 28(2)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubprocessorTerms {
    /// `specific` or `general` written authorisation.
    pub authorisation: Option<Coded>,
    pub notice_days: Option<u64>,
    /// `object`, `terminate` or `none`.
    pub objection: Option<Coded>,
}

/// A cookie, SDK or tracker in the product (`tracking[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracker {
    pub vendor: String,
    /// `functional`, `analytics` or `advertising`.
    pub purpose: Option<Coded>,
    pub country: Option<String>,
}

/// An AI function of the product (`processing.ai_features[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AiFeature {
    pub name: String,
    /// Free text.
    pub purpose: Option<String>,
    /// It evaluates learning outcomes or steers the learning process (AI Act Annex III 3).
    pub assesses_learning: Option<bool>,
}

/// `processing`: what the product does with the data beyond storing them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Processing {
    pub profiling: Option<bool>,
    pub automated_decisions: Option<bool>,
    pub behaviour_monitoring: Option<bool>,
    pub emotion_recognition: Option<bool>,
    /// `None` when not declared; an empty list when declared empty.
    pub ai_features: Option<Vec<AiFeature>>,
}

/// `rights_support`: the data-subject rights the supplier helps the school honour.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RightsSupport {
    pub access: Option<bool>,
    pub rectification: Option<bool>,
    pub erasure: Option<bool>,
    pub objection: Option<bool>,
    pub export: Option<bool>,
    pub response_working_days: Option<u64>,
}

impl RightsSupport {
    /// The five rights with their codes, in the order of the format.
    pub fn rights(&self) -> [(&'static str, Option<bool>); 5] {
        [
            ("access", self.access),
            ("rectification", self.rectification),
            ("erasure", self.erasure),
            ("objection", self.objection),
            ("export", self.export),
        ]
    }
}

/// The end of the service: `retention.return_on_exit` and `retention.deletion_certificate`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exit {
    /// `return_on_exit.formats`: `None` when not declared.
    pub formats: Option<Vec<String>>,
    /// `return_on_exit.days`.
    pub days: Option<u64>,
    pub deletion_certificate: Option<bool>,
}

/// Coordinated vulnerability disclosure and testing: `security.vulnerability_disclosure` and
/// `security.pentest_on`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cvd {
    pub url: Option<String>,
    /// Whether `url` is an absolute http(s) URL, so that it may be a link.
    pub linkable: bool,
    pub security_txt: Option<bool>,
    pub pentest_on: Option<String>,
}

/// One resource of the register: a schema-valid declaration and its open findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// Unique in the register (`resource-ID`, with a suffix for a duplicate id).
    pub anchor: String,
    pub file: String,
    pub id: String,
    pub name: String,
    pub kind: Coded,
    pub sectors: Vec<String>,
    pub supplier: Supplier,
    pub role: Role,
    pub data_subjects: Vec<Coded>,
    /// The resource's purposes, then the fields' own purposes not listed yet.
    pub purposes: Vec<Coded>,
    pub lawful_basis: Option<Coded>,
    /// Whether it receives personal data (format.md): a field outside `organisation`, or
    /// images processed or published.
    pub personal_data: bool,
    pub categories: Vec<CategoryGroup>,
    pub special_category_exception: Option<String>,
    pub agreement: Agreement,
    pub convenant: Convenant,
    pub leaflet: Option<Leaflet>,
    /// `None` when not declared; an empty list when declared empty.
    pub hosting: Option<Vec<String>>,
    pub subprocessors: Vec<Subprocessor>,
    pub subprocessor_terms: SubprocessorTerms,
    pub transfers: Vec<Transfer>,
    /// `None` when not declared; an empty list when declared empty.
    pub tracking: Option<Vec<Tracker>>,
    pub breach_notification_hours: Option<u64>,
    pub delete_after_contract_days: Option<u64>,
    pub exit: Exit,
    /// `None` when not declared; an empty list when declared empty.
    pub certifications: Option<Vec<String>>,
    pub cvd: Cvd,
    pub dpia: Dpia,
    pub processing: Processing,
    pub rights_support: RightsSupport,
    pub images: Images,
    pub sensitive: Sensitive,
    /// Open (not waived) findings, in report order.
    pub findings: Vec<Finding>,
    pub counts: Counts,
}

impl Resource {
    pub fn status(&self) -> Status {
        self.counts.status()
    }

    /// The codes of its open errors, each once, in report order.
    pub fn error_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = Vec::new();
        for f in self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            if !codes.contains(&f.code.as_str()) {
                codes.push(&f.code);
            }
        }
        codes
    }

    /// Field ids per category of the fields with a retention term: `(name, days)`.
    pub fn field_retention(&self) -> Vec<(&str, u64)> {
        self.categories
            .iter()
            .flat_map(|g| &g.fields)
            .filter_map(|f| f.retention_days.map(|d| (f.name.as_str(), d)))
            .collect()
    }
}

/// A checked file that is not in the register, or a file with findings that was not checked as
/// a declaration (the board configuration, for its waivers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherFile {
    pub file: String,
    /// True for a checked file that is not a valid declaration (DECL-001, DECL-002, DECL-004).
    pub checked: bool,
    pub findings: Vec<Finding>,
    pub counts: Counts,
}

/// An agreement in the "ending" list of the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    /// Index into `Register::resources`.
    pub resource: usize,
    pub date: NaiveDate,
    pub days_left: i64,
}

/// The counts and lists on top of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub files: usize,
    pub resources: usize,
    pub with_errors: usize,
    pub warnings_only: usize,
    pub compliant: usize,
    pub other_files: usize,
    /// Agreement status: signed, pending, none (a missing status counts as none).
    pub agreements: [(Coded, usize); 3],
    /// Convenant status: participant, supporter, none (a missing status counts as none).
    pub convenant: [(Coded, usize); 3],
    /// Expired agreements and those ending within the warning window, by date.
    pub ending: Vec<Ending>,
    /// Indexes of the resources with errors.
    pub errors: Vec<usize>,
    /// Indexes of the resources receiving a sensitive category.
    pub sensitive: Vec<usize>,
    /// Open findings of the whole run.
    pub counts: Counts,
}

/// The explanation of a rule that occurs among the open findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleNote {
    pub code: String,
    /// Empty when the catalogue lacks the code.
    pub title: String,
    pub why: String,
    /// The distinct help texts of its findings, in order of appearance.
    pub helps: Vec<String>,
    pub references: Vec<String>,
}

/// The whole register, in the run's language.
#[derive(Debug, Clone)]
pub struct Register {
    pub lang: Lang,
    pub today: NaiveDate,
    pub organisation: Option<String>,
    pub warning_days: u32,
    pub overview: Overview,
    pub resources: Vec<Resource>,
    pub other_files: Vec<OtherFile>,
    pub rules: Vec<RuleNote>,
}

impl Register {
    /// Builds the register of a report made with `keep_documents`.
    pub fn build(report: &Report) -> Self {
        let lang = report.lang;
        let today = report.today;
        let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for f in &report.findings {
            by_file.entry(f.file.as_str()).or_default().push(f);
        }

        let mut anchors = BTreeSet::new();
        let resources: Vec<Resource> = report
            .declarations
            .iter()
            .map(|d| {
                let findings = by_file.get(d.file.as_str()).map_or(&[][..], Vec::as_slice);
                let mut r = resource(d, findings, lang, today);
                let base = format!("resource-{}", anchor_token(&r.id));
                let mut anchor = base.clone();
                let mut n = 1;
                while !anchors.insert(anchor.clone()) {
                    n += 1;
                    anchor = format!("{base}-{n}");
                }
                r.anchor = anchor;
                r
            })
            .collect();

        let in_register: BTreeSet<&str> = resources.iter().map(|r| r.file.as_str()).collect();
        let mut other_files: Vec<OtherFile> = report
            .checked
            .iter()
            .filter(|f| !in_register.contains(f.as_str()))
            .map(|file| other(file, true, by_file.get(file.as_str())))
            .collect();
        other_files.extend(
            by_file
                .iter()
                .filter(|(file, _)| !report.checked.iter().any(|c| c == *file))
                .map(|(file, findings)| other(file, false, Some(findings))),
        );

        let overview = overview(report, &resources, &other_files, lang, today);
        let rules = rule_notes(report, &resources, &other_files, lang);
        Register {
            lang,
            today,
            organisation: report.organisation.clone(),
            warning_days: report.settings.agreement_expiry_warning_days,
            overview,
            resources,
            other_files,
            rules,
        }
    }

    pub fn words(&self) -> &'static labels::Words {
        labels::words(self.lang)
    }

    /// `2026-11-23`.
    pub fn today_text(&self) -> String {
        self.today.format("%Y-%m-%d").to_string()
    }
}

fn other(file: &str, checked: bool, findings: Option<&Vec<&Finding>>) -> OtherFile {
    let all: Vec<&Finding> = findings.cloned().unwrap_or_default();
    OtherFile {
        file: file.to_string(),
        checked,
        counts: Counts::of(all.iter().copied()),
        findings: all
            .into_iter()
            .filter(|f| f.waived.is_none())
            .cloned()
            .collect(),
    }
}

fn overview(
    report: &Report,
    resources: &[Resource],
    other_files: &[OtherFile],
    lang: Lang,
    today: NaiveDate,
) -> Overview {
    let count = |s: Status| resources.iter().filter(|r| r.status() == s).count();
    let agreements = tally(
        resources,
        lang,
        ["signed", "pending", "none"],
        labels::agreement_status,
        |r| r.agreement.status.as_ref(),
    );
    let convenant = tally(
        resources,
        lang,
        ["participant", "supporter", "none"],
        labels::convenant_status,
        |r| r.convenant.status.as_ref(),
    );
    let window = i64::from(report.settings.agreement_expiry_warning_days);
    let mut ending: Vec<Ending> = resources
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let date = r.agreement.expires_on.as_deref().and_then(parse_date)?;
            let days_left = (date - today).num_days();
            (days_left <= window).then_some(Ending {
                resource: i,
                date,
                days_left,
            })
        })
        .collect();
    ending.sort_by_key(|e| (e.date, e.resource));
    let mut counts = Counts::default();
    for f in &report.findings {
        let c = Counts::of([f]);
        counts.errors += c.errors;
        counts.warnings += c.warnings;
        counts.infos += c.infos;
        counts.waived += c.waived;
    }
    Overview {
        files: report.files,
        resources: resources.len(),
        with_errors: count(Status::Errors),
        warnings_only: count(Status::Warnings),
        compliant: count(Status::Compliant),
        other_files: other_files.iter().filter(|o| o.checked).count(),
        agreements,
        convenant,
        ending,
        errors: (0..resources.len())
            .filter(|i| {
                resources
                    .get(*i)
                    .is_some_and(|r| r.status() == Status::Errors)
            })
            .collect(),
        sensitive: (0..resources.len())
            .filter(|i| resources.get(*i).is_some_and(|r| r.sensitive.any()))
            .collect(),
        counts,
    }
}

/// How many resources have each of `codes` (a missing value counts as `none`).
fn tally(
    resources: &[Resource],
    lang: Lang,
    codes: [&str; 3],
    label: fn(Lang, &str) -> std::borrow::Cow<'_, str>,
    get: fn(&Resource) -> Option<&Coded>,
) -> [(Coded, usize); 3] {
    codes.map(|code| {
        let n = resources
            .iter()
            .filter(|r| get(r).map_or("none", |c| c.code.as_str()) == code)
            .count();
        (Coded::new(code, label(lang, code)), n)
    })
}

fn rule_notes(
    report: &Report,
    resources: &[Resource],
    other_files: &[OtherFile],
    lang: Lang,
) -> Vec<RuleNote> {
    let findings: Vec<&Finding> = resources
        .iter()
        .flat_map(|r| &r.findings)
        .chain(other_files.iter().flat_map(|o| &o.findings))
        .collect();
    let mut helps: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for f in &findings {
        let list = helps.entry(f.code.as_str()).or_default();
        if !f.help.is_empty() && !list.contains(&f.help) {
            list.push(f.help.clone());
        }
    }
    // Catalogue order (the order of rules.md), then codes the catalogue lacks.
    let mut notes: Vec<RuleNote> = report
        .catalogue
        .rules()
        .iter()
        .filter_map(|rule| {
            let helps = helps.remove(rule.code.as_str())?;
            Some(RuleNote {
                code: rule.code.clone(),
                title: rule.title.get(lang).to_string(),
                why: rule.why.get(lang).to_string(),
                helps,
                references: rule.references.clone(),
            })
        })
        .collect();
    notes.extend(helps.into_iter().map(|(code, helps)| RuleNote {
        code: code.to_string(),
        title: String::new(),
        why: String::new(),
        helps,
        references: Vec::new(),
    }));
    notes
}

/// A string at `pointer`, if it is one.
fn text(doc: &Value, pointer: &str) -> Option<String> {
    doc.pointer(pointer).and_then(scalar)
}

/// A scalar as text: strings as they are, numbers and booleans written out (YAML may give a
/// model version or a date-like value as a number).
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The list at `pointer`, or `None` when there is none (absent differs from empty).
fn declared(doc: &Value, pointer: &str) -> Option<Vec<String>> {
    doc.pointer(pointer)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(scalar).collect())
}

fn strings(doc: &Value, pointer: &str) -> Vec<String> {
    doc.pointer(pointer)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(scalar).collect())
        .unwrap_or_default()
}

fn coded(
    lang: Lang,
    value: Option<String>,
    label: fn(Lang, &str) -> std::borrow::Cow<'_, str>,
) -> Option<Coded> {
    value.map(|code| {
        let l = label(lang, &code).into_owned();
        Coded { code, label: l }
    })
}

/// `4` and `4.0` as `"4.0"`, like `normalize` does for the policies.
fn version(doc: &Value, pointer: &str) -> Option<String> {
    match doc.pointer(pointer)? {
        Value::Number(n) => n.as_f64().map(|f| format!("{f:.1}")),
        other => scalar(other),
    }
}

fn resource(d: &Declaration, findings: &[&Finding], lang: Lang, today: NaiveDate) -> Resource {
    let doc = &d.value;
    let purpose = |p: &str| Coded::new(p, labels::purpose(lang, p));

    // The long-form details of each field, by its position in `fields`.
    let mut entries: Vec<(Option<String>, FieldEntry)> = Vec::new();
    for field in &d.fields {
        let item_path = field.path.strip_suffix("/field").unwrap_or(&field.path);
        let item = doc.pointer(item_path);
        let own = |key: &str| item.and_then(|i| i.get(key));
        entries.push((
            field.category.clone(),
            FieldEntry {
                name: field.name.clone(),
                id: field.id.clone(),
                purposes: own("purposes")
                    .and_then(Value::as_array)
                    .map(|ps| ps.iter().filter_map(Value::as_str).map(purpose).collect())
                    .unwrap_or_default(),
                retention_days: own("retention_days").and_then(Value::as_u64),
                note: own("note").and_then(scalar),
            },
        ));
    }
    let mut categories: Vec<CategoryGroup> = Vec::new();
    let mut order: Vec<Option<String>> =
        CATEGORIES.iter().map(|c| Some((*c).to_string())).collect();
    for (category, _) in &entries {
        if !order.contains(category) {
            order.push(category.clone());
        }
    }
    // Unknown fields (no category) last.
    order.sort_by_key(|c| c.is_none());
    for category in order {
        let fields: Vec<FieldEntry> = entries
            .iter()
            .filter(|(c, _)| *c == category)
            .map(|(_, f)| f.clone())
            .collect();
        if fields.is_empty() {
            continue;
        }
        categories.push(CategoryGroup {
            label: labels::category(lang, category.as_deref()).into_owned(),
            category,
            fields,
        });
    }

    let mut purposes: Vec<Coded> = strings(doc, "/purposes")
        .iter()
        .map(|p| purpose(p))
        .collect();
    for f in entries.iter().flat_map(|(_, f)| &f.purposes) {
        if !purposes.contains(f) {
            purposes.push(f.clone());
        }
    }

    let names_in = |category: &str| -> Vec<String> {
        entries
            .iter()
            .filter(|(c, _)| c.as_deref() == Some(category))
            .map(|(_, f)| f.name.clone())
            .collect()
    };
    let flag = |pointer: &str| doc.pointer(pointer).and_then(Value::as_bool);
    let images = Images {
        processed: flag("/images/processed"),
        published: flag("/images/published"),
        consent: coded(lang, text(doc, "/images/consent"), labels::consent),
    };
    let images_declared = images.processed == Some(true) || images.published == Some(true);
    let personal_data = entries
        .iter()
        .any(|(c, _)| c.as_deref() != Some("organisation"))
        || images_declared;

    let expires_on = text(doc, "/processing_agreement/expires_on");
    let days_left = expires_on
        .as_deref()
        .and_then(parse_date)
        .map(|date| (date - today).num_days());
    let leaflet = text(doc, "/privacy_leaflet/url").map(|url| Leaflet {
        linkable: linkable(&url),
        url,
        updated_on: text(doc, "/privacy_leaflet/updated_on"),
    });
    let country_at = |pointer: &str| text(doc, pointer).map(|c| country(&c));
    let number = |pointer: &str| doc.pointer(pointer).and_then(Value::as_u64);
    let vulnerability_url = text(doc, "/security/vulnerability_disclosure/url");
    let list = |key: &str| {
        doc.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };

    Resource {
        anchor: String::new(),
        file: d.file.clone(),
        id: text(doc, "/id").unwrap_or_default(),
        name: text(doc, "/name").unwrap_or_default(),
        kind: {
            let code = text(doc, "/type").unwrap_or_default();
            let label = labels::resource_type(lang, &code).into_owned();
            Coded { code, label }
        },
        sectors: strings(doc, "/sectors"),
        supplier: Supplier {
            name: text(doc, "/supplier/name").unwrap_or_default(),
            kvk: text(doc, "/supplier/kvk"),
            country: country_at("/supplier/country"),
            privacy_contact: text(doc, "/supplier/privacy_contact"),
        },
        role: Role {
            role: coded(lang, text(doc, "/supplier/role"), labels::role),
            own_purposes: declared(doc, "/supplier/own_purposes")
                .map(|ps| ps.iter().map(|p| purpose(p)).collect()),
            disclosure_basis: text(doc, "/disclosure_basis"),
        },
        data_subjects: strings(doc, "/data_subjects")
            .iter()
            .map(|s| Coded::new(s, labels::subject(lang, s)))
            .collect(),
        purposes,
        lawful_basis: coded(lang, text(doc, "/lawful_basis"), labels::lawful_basis),
        personal_data,
        sensitive: Sensitive {
            national_id: names_in("national_id"),
            special: names_in("special"),
            image: names_in("image"),
            images_declared,
        },
        categories,
        special_category_exception: text(doc, "/special_category_exception"),
        agreement: Agreement {
            status: coded(
                lang,
                text(doc, "/processing_agreement/status"),
                labels::agreement_status,
            ),
            model: coded(
                lang,
                version(doc, "/processing_agreement/model"),
                labels::model,
            ),
            signed_on: text(doc, "/processing_agreement/signed_on"),
            expires_on,
            days_left,
            annexes: strings(doc, "/processing_agreement/annexes")
                .iter()
                .map(|a| Coded::new(a, labels::annex(lang, a)))
                .collect(),
        },
        convenant: Convenant {
            status: coded(
                lang,
                text(doc, "/convenant/status"),
                labels::convenant_status,
            ),
            version: version(doc, "/convenant/version"),
        },
        leaflet,
        hosting: declared(doc, "/hosting/countries")
            .map(|cs| cs.iter().map(|c| country(c)).collect()),
        subprocessors: list("subprocessors")
            .iter()
            .map(|s| Subprocessor {
                name: text(s, "/name").unwrap_or_default(),
                service: text(s, "/service"),
                country: text(s, "/country").map(|c| country(&c)),
            })
            .collect(),
        subprocessor_terms: SubprocessorTerms {
            authorisation: coded(
                lang,
                text(doc, "/subprocessor_terms/authorisation"),
                labels::authorisation,
            ),
            notice_days: number("/subprocessor_terms/notice_days"),
            objection: coded(
                lang,
                text(doc, "/subprocessor_terms/objection"),
                labels::objection,
            ),
        },
        tracking: doc.get("tracking").and_then(Value::as_array).map(|ts| {
            ts.iter()
                .map(|t| Tracker {
                    vendor: text(t, "/vendor").unwrap_or_default(),
                    purpose: coded(lang, text(t, "/purpose"), labels::tracking_purpose),
                    country: text(t, "/country").map(|c| country(&c)),
                })
                .collect()
        }),
        transfers: list("transfers")
            .iter()
            .map(|t| Transfer {
                country: text(t, "/country").map(|c| country(&c)).unwrap_or_default(),
                mechanism: coded(lang, text(t, "/mechanism"), labels::mechanism),
                tia: t.get("tia").and_then(Value::as_bool),
            })
            .collect(),
        breach_notification_hours: doc.get("breach_notification_hours").and_then(Value::as_u64),
        delete_after_contract_days: number("/retention/delete_after_contract_days"),
        exit: Exit {
            formats: declared(doc, "/retention/return_on_exit/formats"),
            days: number("/retention/return_on_exit/days"),
            deletion_certificate: flag("/retention/deletion_certificate"),
        },
        certifications: declared(doc, "/security/certifications"),
        cvd: Cvd {
            linkable: vulnerability_url.as_deref().is_some_and(linkable),
            url: vulnerability_url,
            security_txt: flag("/security/vulnerability_disclosure/security_txt"),
            pentest_on: text(doc, "/security/pentest_on"),
        },
        dpia: Dpia {
            status: coded(lang, text(doc, "/dpia/status"), labels::dpia_status),
            date: text(doc, "/dpia/date"),
        },
        processing: Processing {
            profiling: flag("/processing/profiling"),
            automated_decisions: flag("/processing/automated_decisions"),
            behaviour_monitoring: flag("/processing/behaviour_monitoring"),
            emotion_recognition: flag("/processing/emotion_recognition"),
            ai_features: doc
                .pointer("/processing/ai_features")
                .and_then(Value::as_array)
                .map(|fs| {
                    fs.iter()
                        .map(|f| AiFeature {
                            name: text(f, "/name").unwrap_or_default(),
                            purpose: text(f, "/purpose"),
                            assesses_learning: f.get("assesses_learning").and_then(Value::as_bool),
                        })
                        .collect()
                }),
        },
        rights_support: RightsSupport {
            access: flag("/rights_support/access"),
            rectification: flag("/rights_support/rectification"),
            erasure: flag("/rights_support/erasure"),
            objection: flag("/rights_support/objection"),
            export: flag("/rights_support/export"),
            response_working_days: number("/rights_support/response_working_days"),
        },
        images,
        counts: Counts::of(findings.iter().copied()),
        findings: findings
            .iter()
            .filter(|f| f.waived.is_none())
            .map(|f| (*f).clone())
            .collect(),
    }
}

/// Whether a leaflet URL may become a link: an absolute http(s) URL without white space or
/// characters that would need quoting. Anything else (`javascript:`, a relative path) is shown
/// as text only.
pub fn linkable(url: &str) -> bool {
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
pub fn anchor_token(text: &str) -> String {
    text.chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The anchor of a rule in the appendix (`rule-agr-002`).
pub fn rule_anchor(code: &str) -> String {
    format!("rule-{}", anchor_token(code))
}

/// A message split into plain text and code spans at its backticks (the catalogue writes field
/// names and keys as `` `key` ``). An unpaired backtick stays plain text.
pub fn segments(message: &str) -> Vec<(bool, &str)> {
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
pub fn agreement_end(lang: Lang, a: &Agreement) -> Option<String> {
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
pub fn findings_summary(lang: Lang, findings: &[Finding], waived: usize) -> String {
    let w = labels::words(lang);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let mut summary = if findings.is_empty() {
        w.findings_none.to_string()
    } else {
        [Severity::Error, Severity::Warning, Severity::Info]
            .map(|s| labels::severity_count(lang, s, count(s)))
            .join(", ")
    };
    if waived > 0 {
        summary.push_str(&format!(" ({waived} {})", w.waived));
    }
    summary
}

/// `Meetlat B.V. (KvK 64027318, NL)`.
pub fn supplier_line(lang: Lang, s: &Supplier) -> String {
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
pub fn field_label(f: &FieldEntry) -> String {
    if crate::vocabulary::field_key(&f.name) == f.id {
        f.name.clone()
    } else {
        format!("{} ({})", f.name, f.id)
    }
}

/// The details of a long-form field: its purposes, retention and note.
pub fn field_details(lang: Lang, f: &FieldEntry) -> Vec<String> {
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
pub fn agreement_line(lang: Lang, a: &Agreement) -> String {
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
    if !a.annexes.is_empty() {
        let an: Vec<&str> = a.annexes.iter().map(|c| c.label.as_str()).collect();
        parts.push(format!("{}: {}", w.annexes, an.join(", ")));
    }
    parts.join(", ")
}

/// `participant (4.0)`, or `not declared`.
pub fn convenant_line(lang: Lang, c: &Convenant) -> String {
    let w = labels::words(lang);
    match (&c.status, &c.version) {
        (Some(s), Some(v)) => format!("{} ({v})", s.label),
        (Some(s), None) => s.label.clone(),
        (None, Some(v)) => format!("{} ({v})", w.not_declared),
        (None, None) => w.not_declared.to_string(),
    }
}

/// `done (2024-03-01)`, or `not declared`.
pub fn dpia_line(lang: Lang, d: &Dpia) -> String {
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
pub fn retention_line(lang: Lang, r: &Resource) -> String {
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
pub fn images_line(lang: Lang, i: &Images) -> String {
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
pub fn transfer_line(lang: Lang, t: &Transfer) -> String {
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

/// `hosting, NL` parts of a subprocessor, for one-line formats.
pub fn subprocessor_line(s: &Subprocessor) -> String {
    let mut parts = vec![s.name.clone()];
    if let Some(service) = &s.service {
        parts.push(service.clone());
    }
    if let Some(c) = &s.country {
        parts.push(c.clone());
    }
    parts.join(", ")
}

/// `controller; own purposes: product improvement; basis of the disclosure: art. 42 WPO`; a
/// role that is not declared reads `not declared (processor by default)`, as format.md
/// does.
pub fn role_line(lang: Lang, r: &Role) -> String {
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
pub fn subprocessor_terms_line(lang: Lang, t: &SubprocessorTerms) -> Option<String> {
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
pub fn tracker_line(t: &Tracker) -> String {
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
pub fn processing_line(lang: Lang, p: &Processing) -> Option<String> {
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
pub fn ai_feature_line(lang: Lang, f: &AiFeature) -> String {
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
pub fn rights_line(lang: Lang, r: &RightsSupport) -> Option<String> {
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
pub fn exit_line(lang: Lang, e: &Exit) -> Option<String> {
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
pub fn cvd_details(lang: Lang, c: &Cvd) -> Vec<String> {
    c.security_txt
        .map(|s| format!("security.txt: {}", labels::yes_no(lang, s)))
        .into_iter()
        .collect()
}

/// The image column of the sensitive-data overview: image fields, then what `images` says
/// (`foto, video_opname (processed, published, consent: opt-in)`); empty when neither.
pub fn image_cell(lang: Lang, r: &Resource) -> String {
    let fields = r.sensitive.image.join(", ");
    match (fields.is_empty(), r.sensitive.images_declared) {
        (_, false) => fields,
        (true, true) => images_line(lang, &r.images),
        (false, true) => format!("{fields} ({})", images_line(lang, &r.images)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_split_at_paired_backticks() {
        assert_eq!(
            segments("`a` is received with `b`"),
            vec![(true, "a"), (false, " is received with "), (true, "b")]
        );
        assert_eq!(segments("odd ` tick"), vec![(false, "odd ` tick")]);
        assert_eq!(segments(""), Vec::<(bool, &str)>::new());
    }

    #[test]
    fn only_plain_http_urls_are_links() {
        assert!(linkable("https://www.example.nl/bijsluiter.pdf"));
        assert!(linkable("HTTP://example.nl"));
        assert!(!linkable("javascript:alert(1)"));
        assert!(!linkable("https://example.nl/a b"));
        assert!(!linkable("https://example.nl/\"onmouseover=x"));
        assert!(!linkable("https://"));
        assert!(!linkable("bijsluiter.pdf"));
    }

    /// A declaration with every key of catalogue 2 that the register shows.
    const CATALOGUE_2: &str = r#"
apiVersion: ibp-lint/v1
kind: LearningResource
id: schrijfcoach
name: Schrijfcoach
type: learning_material
supplier:
  name: Taalkracht B.V.
  role: joint_controller
  own_purposes: [product_improvement, support]
disclosure_basis: art. 42 WPO, OSO
subprocessor_terms:
  authorisation: general
  notice_days: 30
  objection: terminate
tracking:
  - vendor: Matomo
    purpose: analytics
    country: nl
  - vendor: Onbekend SDK
processing:
  profiling: true
  automated_decisions: false
  behaviour_monitoring: false
  emotion_recognition: false
  ai_features:
    - name: Feedback op opstellen
      purpose: feedback op schrijfopdrachten
      assesses_learning: true
    - name: Spellingshulp
rights_support:
  access: true
  rectification: true
  erasure: true
  objection: false
  export: true
  response_working_days: 10
retention:
  delete_after_contract_days: 60
  return_on_exit:
    formats: [CSV, EDEXML]
    days: 30
  deletion_certificate: true
security:
  certifications: [ISO27001]
  vulnerability_disclosure:
    url: https://www.taalkracht.example/cvd
    security_txt: true
  pentest_on: 2025-05-01
"#;

    fn build(yaml: &str, lang: Lang) -> Resource {
        let value = crate::parse::parse(yaml).unwrap().value;
        let d = Declaration {
            file: "x.yaml".into(),
            value,
            fields: Vec::new(),
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        resource(&d, &[], lang, today)
    }

    #[test]
    fn the_keys_of_catalogue_2_are_in_the_model() {
        let r = build(CATALOGUE_2, Lang::En);
        assert_eq!(
            r.role,
            Role {
                role: Some(Coded::new("joint_controller", "joint controller")),
                own_purposes: Some(vec![
                    Coded::new("product_improvement", "product improvement"),
                    Coded::new("support", "support"),
                ]),
                disclosure_basis: Some("art. 42 WPO, OSO".into()),
            }
        );
        assert_eq!(
            r.subprocessor_terms,
            SubprocessorTerms {
                authorisation: Some(Coded::new("general", "general written authorisation")),
                notice_days: Some(30),
                objection: Some(Coded::new("terminate", "the school can terminate")),
            }
        );
        assert_eq!(
            r.tracking,
            Some(vec![
                Tracker {
                    vendor: "Matomo".into(),
                    purpose: Some(Coded::new("analytics", "analytics")),
                    // Normalised like every country of the register.
                    country: Some("NL".into()),
                },
                Tracker {
                    vendor: "Onbekend SDK".into(),
                    purpose: None,
                    country: None,
                },
            ])
        );
        assert_eq!(
            r.processing,
            Processing {
                profiling: Some(true),
                automated_decisions: Some(false),
                behaviour_monitoring: Some(false),
                emotion_recognition: Some(false),
                ai_features: Some(vec![
                    AiFeature {
                        name: "Feedback op opstellen".into(),
                        purpose: Some("feedback op schrijfopdrachten".into()),
                        assesses_learning: Some(true),
                    },
                    AiFeature {
                        name: "Spellingshulp".into(),
                        purpose: None,
                        assesses_learning: None,
                    },
                ]),
            }
        );
        assert_eq!(
            r.rights_support,
            RightsSupport {
                access: Some(true),
                rectification: Some(true),
                erasure: Some(true),
                objection: Some(false),
                export: Some(true),
                response_working_days: Some(10),
            }
        );
        assert_eq!(
            r.exit,
            Exit {
                formats: Some(vec!["CSV".into(), "EDEXML".into()]),
                days: Some(30),
                deletion_certificate: Some(true),
            }
        );
        assert_eq!(
            r.cvd,
            Cvd {
                url: Some("https://www.taalkracht.example/cvd".into()),
                linkable: true,
                security_txt: Some(true),
                pentest_on: Some("2025-05-01".into()),
            }
        );
        // The keys of v1 beside them are read as before.
        assert_eq!(r.delete_after_contract_days, Some(60));
        assert_eq!(r.certifications, Some(vec!["ISO27001".to_string()]));
    }

    #[test]
    fn catalogue_2_lines_in_english_and_dutch() {
        let en = build(CATALOGUE_2, Lang::En);
        let nl = build(CATALOGUE_2, Lang::Nl);
        assert_eq!(
            role_line(Lang::En, &en.role),
            "joint controller; own purposes: product improvement, support; basis of the disclosure: art. 42 WPO, OSO"
        );
        assert_eq!(
            role_line(Lang::Nl, &nl.role),
            "gezamenlijke verwerkingsverantwoordelijke; eigen doelen: productverbetering, begeleiding; grondslag van de verstrekking: art. 42 WPO, OSO"
        );
        assert_eq!(
            subprocessor_terms_line(Lang::En, &en.subprocessor_terms).unwrap(),
            "general written authorisation, notice: 30 days, the school can terminate"
        );
        assert_eq!(
            subprocessor_terms_line(Lang::Nl, &nl.subprocessor_terms).unwrap(),
            "algemene schriftelijke toestemming, aankondiging vooraf: 30 dagen, de school kan opzeggen"
        );
        let trackers = |r: &Resource| -> Vec<String> {
            r.tracking.iter().flatten().map(tracker_line).collect()
        };
        assert_eq!(trackers(&en), ["Matomo (analytics, NL)", "Onbekend SDK"]);
        assert_eq!(trackers(&nl), ["Matomo (analyse, NL)", "Onbekend SDK"]);
        assert_eq!(
            processing_line(Lang::En, &en.processing).unwrap(),
            "profiling: yes, automated decisions: no, behaviour monitoring: no, emotion recognition: no"
        );
        assert_eq!(
            processing_line(Lang::Nl, &nl.processing).unwrap(),
            "profilering: ja, geautomatiseerde besluiten: nee, monitoren van gedrag: nee, emotieherkenning: nee"
        );
        let ai = |lang: Lang, r: &Resource| -> Vec<String> {
            r.processing
                .ai_features
                .iter()
                .flatten()
                .map(|f| ai_feature_line(lang, f))
                .collect()
        };
        assert_eq!(
            ai(Lang::En, &en),
            [
                "Feedback op opstellen (feedback op schrijfopdrachten, evaluates or steers learning: yes)",
                "Spellingshulp"
            ]
        );
        assert_eq!(
            ai(Lang::Nl, &nl)[0],
            "Feedback op opstellen (feedback op schrijfopdrachten, beoordeelt of stuurt het leren: ja)"
        );
        assert_eq!(
            rights_line(Lang::En, &en.rights_support).unwrap(),
            "access: yes, rectification: yes, erasure: yes, objection: no, export (portability): yes; response within 10 working days"
        );
        assert_eq!(
            rights_line(Lang::Nl, &nl.rights_support).unwrap(),
            "inzage: ja, rectificatie: ja, wissen: ja, bezwaar: nee, export (overdraagbaarheid): ja; antwoord binnen 10 werkdagen"
        );
        assert_eq!(
            exit_line(Lang::En, &en.exit).unwrap(),
            "returned as CSV, EDEXML within 30 days after the contract ends; deletion confirmed in writing: yes"
        );
        assert_eq!(
            exit_line(Lang::Nl, &nl.exit).unwrap(),
            "teruggegeven als CSV, EDEXML binnen 30 dagen na einde contract; verwijdering schriftelijk bevestigd: ja"
        );
        assert_eq!(cvd_details(Lang::Nl, &nl.cvd), ["security.txt: ja"]);
    }

    #[test]
    fn absent_keys_of_catalogue_2_are_not_declared() {
        let minimal = "id: x\nname: X\ntype: other\nsupplier:\n  name: S\n";
        for lang in [Lang::En, Lang::Nl] {
            let r = build(minimal, lang);
            assert_eq!(r.role, Role::default());
            assert_eq!(r.subprocessor_terms, SubprocessorTerms::default());
            assert_eq!(r.tracking, None);
            assert_eq!(r.processing, Processing::default());
            assert_eq!(r.rights_support, RightsSupport::default());
            assert_eq!(r.exit, Exit::default());
            assert_eq!(r.cvd, Cvd::default());
            assert_eq!(subprocessor_terms_line(lang, &r.subprocessor_terms), None);
            assert_eq!(processing_line(lang, &r.processing), None);
            assert_eq!(rights_line(lang, &r.rights_support), None);
            assert_eq!(exit_line(lang, &r.exit), None);
            assert!(cvd_details(lang, &r.cvd).is_empty());
        }
        // An absent role is what format.md reads it as, and says so.
        let r = build(minimal, Lang::En);
        assert_eq!(
            role_line(Lang::En, &r.role),
            "not declared (processor by default)"
        );
        let r = build(minimal, Lang::Nl);
        assert_eq!(
            role_line(Lang::Nl, &r.role),
            "niet opgegeven (geldt als verwerker)"
        );
    }

    #[test]
    fn declared_empty_differs_from_absent_and_parts_stand_alone() {
        let yaml = "supplier:\n  name: S\n  role: processor\n  own_purposes: []\ntracking: []\n\
                    processing:\n  emotion_recognition: true\n  ai_features: []\n\
                    rights_support:\n  response_working_days: 1\n\
                    retention:\n  return_on_exit:\n    days: 1\n\
                    security:\n  vulnerability_disclosure:\n    url: \"javascript:alert(1)\"\n";
        let r = build(yaml, Lang::En);
        assert_eq!(r.tracking, Some(Vec::new()));
        assert_eq!(r.processing.ai_features, Some(Vec::new()));
        assert_eq!(
            role_line(Lang::En, &r.role),
            "processor; own purposes: none"
        );
        assert_eq!(
            processing_line(Lang::En, &r.processing).unwrap(),
            "emotion recognition: yes"
        );
        assert_eq!(
            rights_line(Lang::En, &r.rights_support).unwrap(),
            "response within 1 working day"
        );
        assert_eq!(
            exit_line(Lang::En, &r.exit).unwrap(),
            "returned within 1 day after the contract ends"
        );
        assert!(!r.cvd.linkable, "not a link: {:?}", r.cvd.url);
        let nl = build(yaml, Lang::Nl);
        assert_eq!(
            exit_line(Lang::Nl, &nl.exit).unwrap(),
            "teruggegeven binnen 1 dag na einde contract"
        );
    }

    #[test]
    fn anchors_are_slugs() {
        assert_eq!(
            anchor_token("tijdlijn-geschiedenis"),
            "tijdlijn-geschiedenis"
        );
        assert_eq!(rule_anchor("AGR-002"), "rule-agr-002");
        assert_eq!(anchor_token("a\"<b"), "a--b");
    }
}
