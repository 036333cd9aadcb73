//! One spreadsheet row into one declaration: which column goes to which key of the format, and
//! how its cells are read (see `values`).
//!
//! [`TARGETS`] lists the register's columns in the order of format.md's key table, so the
//! document comes out with its keys in that order whatever the order of the columns. Columns
//! the register only writes (status, counts, findings, file) are recognised and not read.

use serde_json::{Map, Value as Json};

use super::grid::Value;
use super::values::{code, count, date, entry, flag, items, normalise, tagged, text, unquote};
use crate::words::register::table;

/// How a column's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    /// A KvK number: text; a number cell of 7 digits or fewer lost its leading zeros.
    Kvk,
    /// An ISO country code, upper case.
    Country,
    /// A model or convenant version: `4` and `4.0` as `"4.0"`; for the model also its labels.
    Version(&'static str),
    /// One value of the named enumeration (`words::register::table`).
    Enum(&'static str),
    EnumList(&'static str),
    TextList,
    CountryList,
    Flag,
    Count,
    Date,
    /// Field names of a category column.
    Fields,
    /// `field (purpose, ...)`, `field (subject, ...)`, `field (note)`, `field: days`.
    FieldPurposes,
    FieldSubjects,
    FieldNotes,
    FieldRetention,
    Subprocessors,
    Transfers,
    Tracking,
    AiFeatures,
}

/// A column `import` reads: its register id, the key (a JSON Pointer) and its shape.
pub struct Target {
    pub column: &'static str,
    pub pointer: &'static str,
    pub shape: Shape,
}

const fn t(column: &'static str, pointer: &'static str, shape: Shape) -> Target {
    Target {
        column,
        pointer,
        shape,
    }
}

/// Every column `import` reads, in the key order of format.md.
pub const TARGETS: &[Target] = &[
    t("id", "/id", Shape::Text),
    t("name", "/name", Shape::Text),
    t("type", "/type", Shape::Enum("type")),
    t("sectors", "/sectors", Shape::TextList),
    t("supplier", "/supplier/name", Shape::Text),
    t("supplier_kvk", "/supplier/kvk", Shape::Kvk),
    t("supplier_country", "/supplier/country", Shape::Country),
    t("privacy_contact", "/supplier/privacy_contact", Shape::Text),
    t("supplier_role", "/supplier/role", Shape::Enum("role")),
    t(
        "supplier_own_purposes",
        "/supplier/own_purposes",
        Shape::EnumList("purpose"),
    ),
    t("purposes", "/purposes", Shape::EnumList("purpose")),
    t("lawful_basis", "/lawful_basis", Shape::Enum("lawful_basis")),
    t(
        "data_subjects",
        "/data_subjects",
        Shape::EnumList("subject"),
    ),
    t("fields", "/fields", Shape::Fields),
    t("fields_pseudonym", "/fields", Shape::Fields),
    t("fields_identifying", "/fields", Shape::Fields),
    t("fields_quasi_identifying", "/fields", Shape::Fields),
    t("fields_contact", "/fields", Shape::Fields),
    t("fields_image", "/fields", Shape::Fields),
    t("fields_organisation", "/fields", Shape::Fields),
    t("fields_learning", "/fields", Shape::Fields),
    t("fields_technical", "/fields", Shape::Fields),
    t("fields_national_id", "/fields", Shape::Fields),
    t("fields_special", "/fields", Shape::Fields),
    t("fields_unknown", "/fields", Shape::Fields),
    t("field_purposes", "/fields", Shape::FieldPurposes),
    t("field_subjects", "/fields", Shape::FieldSubjects),
    t("field_notes", "/fields", Shape::FieldNotes),
    t("field_retention_days", "/fields", Shape::FieldRetention),
    t(
        "special_category_exception",
        "/special_category_exception",
        Shape::Text,
    ),
    t(
        "agreement_status",
        "/processing_agreement/status",
        Shape::Enum("agreement_status"),
    ),
    t(
        "agreement_model",
        "/processing_agreement/model",
        Shape::Version("model"),
    ),
    t(
        "agreement_signed_on",
        "/processing_agreement/signed_on",
        Shape::Date,
    ),
    t(
        "agreement_expires_on",
        "/processing_agreement/expires_on",
        Shape::Date,
    ),
    t(
        "agreement_annexes",
        "/processing_agreement/annexes",
        Shape::EnumList("annex"),
    ),
    t(
        "agreement_covers",
        "/processing_agreement/covers",
        Shape::EnumList("clause"),
    ),
    t(
        "agreement_national_agreement",
        "/processing_agreement/national_agreement",
        Shape::Text,
    ),
    t(
        "agreement_deviations",
        "/processing_agreement/deviations",
        Shape::Flag,
    ),
    t(
        "convenant_status",
        "/convenant/status",
        Shape::Enum("convenant_status"),
    ),
    t(
        "convenant_version",
        "/convenant/version",
        Shape::Version(""),
    ),
    t("privacy_leaflet_url", "/privacy_leaflet/url", Shape::Text),
    t(
        "privacy_leaflet_updated_on",
        "/privacy_leaflet/updated_on",
        Shape::Date,
    ),
    t(
        "privacy_leaflet_covers",
        "/privacy_leaflet/covers",
        Shape::EnumList("section"),
    ),
    t(
        "hosting_countries",
        "/hosting/countries",
        Shape::CountryList,
    ),
    t("subprocessors", "/subprocessors", Shape::Subprocessors),
    t("transfers", "/transfers", Shape::Transfers),
    t(
        "breach_notification_hours",
        "/breach_notification_hours",
        Shape::Count,
    ),
    t(
        "delete_after_contract_days",
        "/retention/delete_after_contract_days",
        Shape::Count,
    ),
    t(
        "return_on_exit_formats",
        "/retention/return_on_exit/formats",
        Shape::TextList,
    ),
    t(
        "return_on_exit_days",
        "/retention/return_on_exit/days",
        Shape::Count,
    ),
    t(
        "deletion_certificate",
        "/retention/deletion_certificate",
        Shape::Flag,
    ),
    t(
        "certifications",
        "/security/certifications",
        Shape::TextList,
    ),
    t(
        "vulnerability_disclosure_url",
        "/security/vulnerability_disclosure/url",
        Shape::Text,
    ),
    t(
        "security_txt",
        "/security/vulnerability_disclosure/security_txt",
        Shape::Flag,
    ),
    t("pentest_on", "/security/pentest_on", Shape::Date),
    t("dpia_status", "/dpia/status", Shape::Enum("dpia_status")),
    t("dpia_date", "/dpia/date", Shape::Date),
    t("images_processed", "/images/processed", Shape::Flag),
    t("images_published", "/images/published", Shape::Flag),
    t("images_consent", "/images/consent", Shape::Enum("consent")),
    t("disclosure_basis", "/disclosure_basis", Shape::Text),
    t(
        "national_id_legal_basis",
        "/national_id_legal_basis",
        Shape::Text,
    ),
    t(
        "subprocessor_authorisation",
        "/subprocessor_terms/authorisation",
        Shape::Enum("authorisation"),
    ),
    t(
        "subprocessor_notice_days",
        "/subprocessor_terms/notice_days",
        Shape::Count,
    ),
    t(
        "subprocessor_objection",
        "/subprocessor_terms/objection",
        Shape::Enum("objection"),
    ),
    t("processing_profiling", "/processing/profiling", Shape::Flag),
    t(
        "processing_automated_decisions",
        "/processing/automated_decisions",
        Shape::Flag,
    ),
    t(
        "processing_behaviour_monitoring",
        "/processing/behaviour_monitoring",
        Shape::Flag,
    ),
    t(
        "processing_emotion_recognition",
        "/processing/emotion_recognition",
        Shape::Flag,
    ),
    t("ai_features", "/processing/ai_features", Shape::AiFeatures),
    t("tracking", "/tracking", Shape::Tracking),
    t(
        "improvement_data",
        "/improvement_data",
        Shape::Enum("improvement_data"),
    ),
    t("rights_access", "/rights_support/access", Shape::Flag),
    t(
        "rights_rectification",
        "/rights_support/rectification",
        Shape::Flag,
    ),
    t("rights_erasure", "/rights_support/erasure", Shape::Flag),
    t("rights_objection", "/rights_support/objection", Shape::Flag),
    t("rights_export", "/rights_support/export", Shape::Flag),
    t(
        "rights_response_working_days",
        "/rights_support/response_working_days",
        Shape::Count,
    ),
    t("biometric_necessity", "/biometric_necessity", Shape::Text),
];

/// The register's columns that only report (they are recognised, not read).
pub const REPORT_ONLY: &[&str] = &[
    "status", "errors", "warnings", "infos", "waived", "findings", "file",
];

/// The Dutch and English headings of the extra `fields` column (a list of field names of any
/// category, as an officer's own sheet has it).
pub const FIELDS_HEADINGS: &[&str] = &["fields", "gegevens", "persoonsgegevens"];

/// What a row's cells give one field.
#[derive(Default)]
struct FieldDraft {
    purposes: Option<Vec<Json>>,
    subjects: Option<Vec<Json>>,
    note: Option<String>,
    retention_days: Option<u64>,
}

/// A row being read: the document so far and the fields in order.
#[derive(Default)]
pub struct Draft {
    doc: Map<String, Json>,
    fields: Vec<(String, FieldDraft)>,
    fields_declared: bool,
    /// How many entries of a per-field column named each field so far: the second
    /// `logging (...)` belongs to the second field `logging`.
    mentions: std::collections::BTreeMap<(&'static str, String), usize>,
    /// Notes about this row that are not errors (a KvK number given as a number).
    pub notes: Vec<String>,
}

impl Draft {
    /// Reads one cell of `target` into the draft; the error is for the user.
    pub fn read(&mut self, target: &Target, cell: &Value) -> Result<(), String> {
        let value: Option<Json> = match target.shape {
            Shape::Text => text(cell)?.map(Json::String),
            Shape::Kvk => match cell {
                Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e8 => {
                    let padded = format!("{:08}", *n as u64);
                    self.notes.push(format!(
                        "the KvK number is a number cell ({}); written as `{padded}` (a KvK number has 8 digits; format the column as text to keep leading zeros)",
                        *n as u64
                    ));
                    Some(Json::String(padded))
                }
                other => text(other)?.map(Json::String),
            },
            Shape::Country => text(cell)?.map(|c| Json::String(c.to_uppercase())),
            Shape::Version(kind) => version(cell, kind)?,
            Shape::Enum(name) => match text(cell)? {
                Some(word) => Some(Json::String(code(&word, table(name))?.to_string())),
                None => None,
            },
            Shape::EnumList(name) => list(cell, |i| {
                Ok(Json::String(code(&unquote(i), table(name))?.to_string()))
            })?,
            Shape::TextList => list(cell, |i| Ok(Json::String(unquote(i))))?,
            Shape::CountryList => list(cell, |i| Ok(Json::String(unquote(i).to_uppercase())))?,
            Shape::Flag => flag(cell)?.map(Json::Bool),
            Shape::Count => count(cell)?.map(Json::from),
            Shape::Date => date(cell)?.map(Json::String),
            Shape::Fields => {
                if let Some(names) = items(cell)? {
                    self.fields_declared = true;
                    for item in names {
                        let (name, _) = entry(&item);
                        self.fields.push((name, FieldDraft::default()));
                    }
                }
                None
            }
            Shape::FieldPurposes | Shape::FieldSubjects | Shape::FieldNotes => {
                for item in items(cell)?.unwrap_or_default() {
                    let (name, details) = entry(&item);
                    let list = |name: &str| -> Result<Vec<Json>, String> {
                        details
                            .iter()
                            .map(|d| Ok(Json::String(code(&unquote(d), table(name))?.to_string())))
                            .collect()
                    };
                    let shape = target.shape;
                    let draft = self.known_field(target.column, &name)?;
                    match shape {
                        Shape::FieldPurposes => draft.purposes = Some(list("purpose")?),
                        Shape::FieldSubjects => draft.subjects = Some(list("subject")?),
                        _ => {
                            let notes: Vec<String> = details.iter().map(|d| unquote(d)).collect();
                            draft.note = Some(notes.join(", "));
                        }
                    }
                }
                None
            }
            Shape::FieldRetention => {
                for item in items(cell)?.unwrap_or_default() {
                    let (name, days) = split_colon(&item)
                        .ok_or_else(|| format!("`{item}` is not `field: days`"))?;
                    let days = count(&Value::Text(days))?
                        .ok_or_else(|| format!("`{item}` has no number of days"))?;
                    self.known_field(target.column, &name)?.retention_days = Some(days);
                }
                None
            }
            Shape::Subprocessors => list(cell, subprocessor)?,
            Shape::Transfers => list(cell, transfer)?,
            Shape::Tracking => list(cell, tracker)?,
            Shape::AiFeatures => list(cell, ai_feature)?,
        };
        if let Some(value) = value {
            set(&mut self.doc, target.pointer, value);
        }
        Ok(())
    }

    /// The field `name` that the next entry of `column` is about: the n-th mention the n-th
    /// field of that name.
    fn known_field(&mut self, column: &'static str, name: &str) -> Result<&mut FieldDraft, String> {
        let seen = self.mentions.entry((column, name.to_string())).or_insert(0);
        let n = *seen;
        *seen += 1;
        let total = self.fields.iter().filter(|(f, _)| f == name).count();
        self.fields
            .iter_mut()
            .filter(|(f, _)| f == name)
            .nth(n)
            .map(|(_, draft)| draft)
            .ok_or_else(|| match total {
                0 => format!("`{name}` is not among the fields of this row (the fields columns)"),
                _ => format!(
                    "`{name}` is named {} times here, but the row has {total} such field(s)",
                    n + 1
                ),
            })
    }

    /// The id, if the row gave one.
    pub fn id(&self) -> Option<&str> {
        self.doc.get("id").and_then(Json::as_str)
    }

    pub fn name(&self) -> Option<&str> {
        self.doc.get("name").and_then(Json::as_str)
    }

    pub fn set_id(&mut self, id: String) {
        self.doc.insert("id".into(), Json::String(id));
    }

    /// The declaration: `apiVersion` and `kind`, then the keys in the order of [`TARGETS`].
    pub fn finish(mut self) -> Json {
        let mut out = Map::new();
        out.insert("apiVersion".into(), Json::String("ibp-lint/v1".into()));
        out.insert("kind".into(), Json::String("LearningResource".into()));
        if self.fields_declared || !self.fields.is_empty() {
            let fields = self
                .fields
                .drain(..)
                .map(|(name, f)| {
                    let plain = f.purposes.is_none()
                        && f.subjects.is_none()
                        && f.note.is_none()
                        && f.retention_days.is_none();
                    if plain {
                        return Json::String(name);
                    }
                    let mut m = Map::new();
                    m.insert("field".into(), Json::String(name));
                    if let Some(p) = f.purposes {
                        m.insert("purposes".into(), Json::Array(p));
                    }
                    if let Some(d) = f.retention_days {
                        m.insert("retention_days".into(), Json::from(d));
                    }
                    if let Some(n) = f.note {
                        m.insert("note".into(), Json::String(n));
                    }
                    if let Some(s) = f.subjects {
                        m.insert("subjects".into(), Json::Array(s));
                    }
                    Json::Object(m)
                })
                .collect();
            set(&mut self.doc, "/fields", Json::Array(fields));
        }
        // Keys in format order: walk the targets, moving each top-level key over once.
        for target in TARGETS {
            let key = target.pointer.trim_start_matches('/');
            let key = key.split('/').next().unwrap_or(key);
            if let Some(v) = self.doc.remove(key) {
                out.insert(key.to_string(), v);
            }
        }
        Json::Object(out)
    }
}

/// Sets `value` at `pointer`, making the mappings on the way.
fn set(doc: &mut Map<String, Json>, pointer: &str, value: Json) {
    let keys: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let Some((last, parents)) = keys.split_last() else {
        return;
    };
    let mut here = doc;
    for key in parents {
        let slot = here
            .entry((*key).to_string())
            .or_insert_with(|| Json::Object(Map::new()));
        if !slot.is_object() {
            *slot = Json::Object(Map::new());
        }
        let Json::Object(next) = slot else { return };
        here = next;
    }
    here.insert((*last).to_string(), value);
}

fn list(cell: &Value, item: impl Fn(&str) -> Result<Json, String>) -> Result<Option<Json>, String> {
    match items(cell)? {
        None => Ok(None),
        Some(list) => Ok(Some(Json::Array(
            list.iter().map(|i| item(i)).collect::<Result<_, _>>()?,
        ))),
    }
}

fn version(cell: &Value, kind: &str) -> Result<Option<Json>, String> {
    let Some(s) = text(cell)? else {
        return Ok(None);
    };
    let numeric = |s: &str| -> Option<String> {
        let n: f64 = s.trim().replace(',', ".").parse().ok()?;
        (n.fract() == 0.0 && (1.0..=9.0).contains(&n)).then(|| format!("{n:.1}"))
    };
    if let Some(v) = numeric(&s) {
        return Ok(Some(Json::String(v)));
    }
    if kind.is_empty() {
        return Ok(Some(Json::String(s)));
    }
    Ok(Some(Json::String(code(&s, table(kind))?.to_string())))
}

/// `name: value` at the last `:` outside quotes.
fn split_colon(item: &str) -> Option<(String, String)> {
    let i = item.rfind(':')?;
    let name = unquote(item.get(..i)?);
    let value = item.get(i + 1..)?.trim().to_string();
    (!name.is_empty()).then_some((name, value))
}

/// A two-letter code, as the last detail of a subprocessor or tracker.
fn is_country(s: &str) -> bool {
    s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic())
}

fn subprocessor(item: &str) -> Result<Json, String> {
    let (name, details) = entry(item);
    let mut m = Map::new();
    m.insert("name".into(), Json::String(name));
    let mut details = details;
    let country = match details.last() {
        Some(last) if is_country(last) => details.pop(),
        Some(last) => match tagged(last) {
            Some((k, v)) if k == "country" || k == "land" => {
                details.pop();
                Some(v)
            }
            _ => None,
        },
        None => None,
    };
    if !details.is_empty() {
        let service: Vec<String> = details.iter().map(|d| unquote(d)).collect();
        m.insert("service".into(), Json::String(service.join(", ")));
    }
    if let Some(c) = country {
        m.insert("country".into(), Json::String(c.to_uppercase()));
    }
    Ok(Json::Object(m))
}

fn transfer(item: &str) -> Result<Json, String> {
    let (country, details) = entry(item);
    let mut m = Map::new();
    m.insert("country".into(), Json::String(country.to_uppercase()));
    for d in details {
        match tagged(&d) {
            Some((k, v)) if k == "tia" => {
                let b = flag(&Value::Text(v))?.ok_or("`tia:` needs ja or nee")?;
                m.insert("tia".into(), Json::Bool(b));
            }
            Some((k, v)) if k == "occasional" || k == "incidenteel" => {
                let b = flag(&Value::Text(v))?.ok_or("`occasional:` needs ja or nee")?;
                m.insert("occasional".into(), Json::Bool(b));
            }
            _ => {
                let c = code(&d, table("mechanism"))?;
                m.insert("mechanism".into(), Json::String(c.to_string()));
            }
        }
    }
    Ok(sorted(m, &["country", "mechanism", "tia", "occasional"]))
}

fn tracker(item: &str) -> Result<Json, String> {
    let (vendor, details) = entry(item);
    let mut m = Map::new();
    m.insert("vendor".into(), Json::String(vendor));
    for d in details {
        if is_country(&d) {
            m.insert("country".into(), Json::String(d.to_uppercase()));
        } else {
            let c = code(&d, table("tracking_purpose"))?;
            m.insert("purpose".into(), Json::String(c.to_string()));
        }
    }
    Ok(sorted(m, &["vendor", "purpose", "country"]))
}

fn ai_feature(item: &str) -> Result<Json, String> {
    let (name, details) = entry(item);
    let mut m = Map::new();
    m.insert("name".into(), Json::String(name));
    let mut purpose = Vec::new();
    for d in details {
        match tagged(&d) {
            Some((k, v)) if k == "assesses learning" || k == "beoordeelt leren" => {
                let b = flag(&Value::Text(v))?.ok_or("`assesses_learning:` needs ja or nee")?;
                m.insert("assesses_learning".into(), Json::Bool(b));
            }
            _ => purpose.push(unquote(&d)),
        }
    }
    if !purpose.is_empty() {
        m.insert("purpose".into(), Json::String(purpose.join(", ")));
    }
    Ok(sorted(m, &["name", "purpose", "assesses_learning"]))
}

/// The mapping with its keys in `order`.
fn sorted(mut m: Map<String, Json>, order: &[&str]) -> Json {
    let mut out = Map::new();
    for key in order {
        if let Some(v) = m.remove(*key) {
            out.insert((*key).to_string(), v);
        }
    }
    Json::Object(out)
}

/// What a heading is: the register's English or Dutch heading, case, spaces, `-` and `_`
/// ignored.
pub fn recognise(heading: &str) -> Recognised {
    let wanted = normalise(heading);
    if FIELDS_HEADINGS.iter().any(|h| normalise(h) == wanted) {
        return target("fields").map_or(Recognised::Unknown, Recognised::Read);
    }
    for c in crate::register::columns::columns() {
        if normalise(c.id) == wanted || normalise(c.nl) == wanted {
            if REPORT_ONLY.contains(&c.id) {
                return Recognised::ReportOnly(c.id);
            }
            // Every other column has a target (`every_register_column_is_read_back_or_report_only`).
            return target(c.id).map_or(Recognised::Unknown, Recognised::Read);
        }
    }
    Recognised::Unknown
}

/// The target of a register column id or of a key of the format (`supplier.kvk`).
pub fn by_key(key: &str) -> Option<&'static Target> {
    let k = key.trim();
    let pointer = format!("/{}", k.replace('.', "/"));
    TARGETS
        .iter()
        .find(|t| t.column == k)
        .or_else(|| {
            TARGETS
                .iter()
                .find(|t| t.pointer == pointer && t.shape != Shape::Fields)
        })
        .or_else(|| (pointer == "/fields").then(|| target("fields")).flatten())
}

fn target(column: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.column == column)
}

/// How a cell of `shape` is typed, for the README's heading table.
fn how(shape: Shape) -> String {
    let list = |name: &str| {
        let codes: Vec<String> = table(name)
            .iter()
            .map(|(c, _, nl)| {
                if normalise(c) == normalise(nl) {
                    format!("`{c}`")
                } else {
                    format!("`{c}`/{nl}")
                }
            })
            .collect();
        codes.join(", ")
    };
    match shape {
        Shape::Text => "text".into(),
        Shape::Kvk => "8 digits (a number cell gets its leading zeros back, with a note)".into(),
        Shape::Country => "ISO country code".into(),
        Shape::Version(_) => "`4.0` (or `4`)".into(),
        Shape::Enum(name) => format!("one of {}", list(name)),
        Shape::EnumList(name) => format!("list of {}", list(name)),
        Shape::TextList => "list".into(),
        Shape::CountryList => "list of ISO country codes".into(),
        Shape::Flag => "ja/nee, yes/no, true/false".into(),
        Shape::Count => "whole number, a unit word after it allowed (`24 uur`)".into(),
        Shape::Date => "date cell, `31-07-2026` or `2026-07-31`".into(),
        Shape::Fields => {
            "list of field names (ids or Dutch aliases); `name (id)` as the register writes it"
                .into()
        }
        Shape::FieldPurposes => "`field (purpose, purpose)` per field".into(),
        Shape::FieldSubjects => "`field (subject, subject)` per field".into(),
        Shape::FieldNotes => "`field (note)` per field".into(),
        Shape::FieldRetention => "`field: days` per field".into(),
        Shape::Subprocessors => "`name (service, country)` per subprocessor".into(),
        Shape::Transfers => "`country (mechanism, tia: ja, occasional: nee)` per transfer".into(),
        Shape::Tracking => "`vendor (purpose, country)` per tracker".into(),
        Shape::AiFeatures => "`name (purpose, assesses_learning: ja)` per AI function".into(),
    }
}

/// The headings `import` reads, as a Markdown table (for the README).
pub fn headings_markdown() -> String {
    let mut out =
        String::from("| heading | Dutch heading | key | how to type it |\n|---|---|---|---|\n");
    let key = |p: &str| p.trim_start_matches('/').replace('/', ".");
    out.push_str(&format!(
        "| `fields` | gegevens, persoonsgegevens | `fields` | {} |\n",
        how(Shape::Fields)
    ));
    for c in crate::register::columns::columns() {
        match TARGETS.iter().find(|t| t.column == c.id) {
            Some(t) => out.push_str(&format!(
                "| `{}` | {} | `{}` | {} |\n",
                c.id,
                c.nl,
                key(t.pointer),
                how(t.shape)
            )),
            None => out.push_str(&format!(
                "| `{}` | {} | (what `report` found: not read) | |\n",
                c.id, c.nl
            )),
        }
    }
    out
}

/// What a heading is.
pub enum Recognised {
    Read(&'static Target),
    /// A column the register only writes (its id: `status`, `findings`, ...).
    ReportOnly(&'static str),
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_register_column_is_read_back_or_report_only() {
        for c in crate::register::columns::columns() {
            let read = TARGETS.iter().any(|t| t.column == c.id);
            assert!(
                read != REPORT_ONLY.contains(&c.id),
                "column `{}` must be read by import or be report-only, not both",
                c.id
            );
        }
        for t in TARGETS {
            assert!(
                t.column == "fields"
                    || crate::register::columns::columns()
                        .iter()
                        .any(|c| c.id == t.column),
                "{} is no register column",
                t.column
            );
        }
    }

    #[test]
    fn headings_in_either_language_any_case_and_spacing() {
        let column = |h: &str| match recognise(h) {
            Recognised::Read(t) => t.column,
            Recognised::ReportOnly(_) => "report-only",
            _ => "unknown",
        };
        assert_eq!(column("KvK-nummer"), "supplier_kvk");
        assert_eq!(column("  kvk nummer "), "supplier_kvk");
        assert_eq!(column("Loopt af op"), "agreement_expires_on");
        assert_eq!(column("agreement_expires_on"), "agreement_expires_on");
        assert_eq!(column("Gegevens"), "fields");
        assert_eq!(column("bevindingen"), "report-only");
        assert_eq!(column("Opmerkingen"), "unknown");
        assert_eq!(
            by_key("supplier.kvk").map(|t| t.column),
            Some("supplier_kvk")
        );
        assert_eq!(by_key("fields").map(|t| t.column), Some("fields"));
    }

    #[test]
    fn entries_with_details_become_mappings_in_format_order() {
        assert_eq!(
            subprocessor("AWS (hosting, ie)").unwrap(),
            serde_json::json!({"name": "AWS", "service": "hosting", "country": "IE"})
        );
        assert_eq!(
            subprocessor("\"Foo, Inc.\" (\"hosting, backup\")").unwrap(),
            serde_json::json!({"name": "Foo, Inc.", "service": "hosting, backup"})
        );
        assert_eq!(
            transfer("US (tia: nee, standaardcontractbepalingen, occasional: ja)").unwrap(),
            serde_json::json!({"country": "US", "mechanism": "scc", "tia": false, "occasional": true})
        );
        assert!(
            transfer("US (per post)")
                .unwrap_err()
                .contains("not one of")
        );
        assert_eq!(
            tracker("Matomo (analyse, nl)").unwrap(),
            serde_json::json!({"vendor": "Matomo", "purpose": "analytics", "country": "NL"})
        );
        assert_eq!(
            ai_feature("Feedback (\"hints, uitleg\", assesses_learning: ja)").unwrap(),
            serde_json::json!({"name": "Feedback", "purpose": "hints, uitleg", "assesses_learning": true})
        );
    }
}
