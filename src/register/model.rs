//! The register's model: one [`Register`] of [`Resource`]s, every label already in the run's
//! language. Built by `build`, laid out by the formats.

use chrono::NaiveDate;

use super::labels;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;

/// An enumerated value of the format with its label in the run's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coded {
    /// The value as the format spells it (`learning_material`, `signed`).
    pub code: String,
    /// Its label (`learning material`, `digitaal leermiddel`).
    pub label: String,
}

impl Coded {
    pub(super) fn new(code: &str, label: impl Into<String>) -> Self {
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
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        let w = labels::words(lang);
        match self {
            Status::Errors => w.with_errors,
            Status::Warnings => w.warnings_only,
            Status::Compliant => w.compliant,
        }
    }

    /// A symbol shown beside the word (text, so it survives print and screen readers read the
    /// word).
    pub(crate) fn symbol(self) -> &'static str {
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
    pub(super) fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
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
    /// Whose data the field is (long form `subjects`); empty when not declared (pupils).
    pub subjects: Vec<Coded>,
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
    /// `None` when not declared; an empty list when declared empty.
    pub annexes: Option<Vec<Coded>>,
    /// The art. 28(3) clauses a custom or general-4.0 agreement covers; `None` when not
    /// declared.
    pub covers: Option<Vec<Coded>>,
    /// A national framework agreement that governs a custom agreement.
    pub national_agreement: Option<String>,
    /// The signed model 4.0 deviates from the model text.
    pub deviations: Option<bool>,
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
    /// The sections the leaflet contains; `None` when not declared.
    pub covers: Option<Vec<Coded>>,
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
    /// The transfer is occasional, not structural.
    pub occasional: Option<bool>,
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

/// A declaration's own lists (`None`: the key is absent; an empty list: declared empty, which
/// rules read differently) and the keys the register shows only in its columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declared {
    /// `purposes` as written, without the fields' own purposes.
    pub purposes: Option<Vec<Coded>>,
    pub sectors: Option<Vec<String>>,
    pub data_subjects: Option<Vec<Coded>>,
    /// Whether `fields` is present (an empty list is declared empty).
    pub fields: bool,
    pub subprocessors: bool,
    pub transfers: bool,
    pub national_id_legal_basis: Option<String>,
    pub biometric_necessity: Option<String>,
    /// `anonymised`, `pseudonymised` or `personal`.
    pub improvement_data: Option<Coded>,
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
    /// What the declaration itself says at the keys where absent differs from empty, and the
    /// keys only the spreadsheet columns show.
    pub declared: Declared,
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
    pub(crate) fn error_codes(&self) -> Vec<&str> {
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
    pub(crate) fn field_retention(&self) -> Vec<(&str, u64)> {
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
