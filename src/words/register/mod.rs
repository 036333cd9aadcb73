//! The words of the register (`ibp-lint report`) in English and Dutch: headings, labels of the format's
//! enumerations (resource types, field categories, purposes, statuses) and the few phrases
//! with a number in them.
//!
//! The labels follow the sector's own words (format.md: `learning_material` = digitaal
//! leermiddel, `participant` = deelnemer, ...). A value the format does not know (a custom
//! category, or a value a newer format version adds) is shown as written rather than dropped.

use std::borrow::Cow;

use crate::lang::Lang;

mod words;

pub use words::{Words, words};

/// Picks the text of `lang`.
pub(crate) fn pick(lang: Lang, en: &'static str, nl: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Nl => nl,
    }
}

/// Looks `code` up in a table of (code, English, Dutch); unknown codes stay as written.
fn lookup<'a>(
    lang: Lang,
    table: &[(&str, &'static str, &'static str)],
    code: &'a str,
) -> Cow<'a, str> {
    table
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(Cow::Borrowed(code), |(_, en, nl)| {
            Cow::Borrowed(pick(lang, en, nl))
        })
}

const TYPES: &[(&str, &str, &str)] = &[
    (
        "learning_material",
        "learning material",
        "digitaal leermiddel",
    ),
    ("assessment", "assessment", "toets"),
    (
        "pupil_tracking",
        "pupil tracking system",
        "leerlingvolgsysteem",
    ),
    (
        "student_administration",
        "student administration system",
        "leerlingadministratiesysteem",
    ),
    (
        "learning_environment",
        "electronic learning environment",
        "elektronische leeromgeving",
    ),
    (
        "communication",
        "communication with parents",
        "communicatie met ouders",
    ),
    (
        "access_platform",
        "access and distribution",
        "toegang en distributie",
    ),
    ("other", "other", "overig"),
];

const CATEGORIES: &[(&str, &str, &str)] = &[
    ("pseudonym", "pseudonym", "pseudoniem"),
    (
        "identifying",
        "directly identifying",
        "direct identificerend",
    ),
    (
        "quasi_identifying",
        "indirectly identifying",
        "indirect identificerend",
    ),
    ("contact", "contact details", "contactgegevens"),
    ("image", "images", "beeldmateriaal"),
    ("organisation", "organisation", "organisatie"),
    ("learning", "learning results", "leerresultaten"),
    ("technical", "technical data", "technische gegevens"),
    (
        "national_id",
        "national identification number",
        "nationaal identificatienummer",
    ),
    (
        "special",
        "special category data",
        "bijzondere persoonsgegevens",
    ),
];

const PURPOSES: &[(&str, &str, &str)] = &[
    ("education", "education", "onderwijs"),
    ("access", "access", "toegang"),
    (
        "ordering_delivery",
        "ordering and delivery",
        "bestellen en leveren",
    ),
    (
        "result_feedback",
        "result feedback",
        "terugkoppeling van resultaten",
    ),
    (
        "progress_monitoring",
        "progress monitoring",
        "volgen van de voortgang",
    ),
    ("administration", "administration", "administratie"),
    ("communication", "communication", "communicatie"),
    ("support", "support", "begeleiding"),
    ("security", "security", "beveiliging"),
    (
        "legal_obligation",
        "legal obligation",
        "wettelijke verplichting",
    ),
    (
        "product_improvement",
        "product improvement",
        "productverbetering",
    ),
    ("advertising", "advertising", "advertenties"),
    ("marketing", "marketing", "marketing"),
    ("sale_of_data", "sale of data", "verkoop van gegevens"),
    (
        "commercial_profiling",
        "commercial profiling",
        "commerciële profilering",
    ),
    ("ai_training", "AI training", "training van AI"),
];

const LAWFUL_BASES: &[(&str, &str, &str)] = &[
    (
        "public_task",
        "public task (art. 6(1)(e))",
        "taak van algemeen belang (art. 6 lid 1 sub e)",
    ),
    (
        "legal_obligation",
        "legal obligation (art. 6(1)(c))",
        "wettelijke verplichting (art. 6 lid 1 sub c)",
    ),
    (
        "consent",
        "consent (art. 6(1)(a))",
        "toestemming (art. 6 lid 1 sub a)",
    ),
    (
        "contract",
        "contract (art. 6(1)(b))",
        "overeenkomst (art. 6 lid 1 sub b)",
    ),
    (
        "legitimate_interest",
        "legitimate interest (art. 6(1)(f))",
        "gerechtvaardigd belang (art. 6 lid 1 sub f)",
    ),
    (
        "vital_interest",
        "vital interest (art. 6(1)(d))",
        "vitaal belang (art. 6 lid 1 sub d)",
    ),
];

const SUBJECTS: &[(&str, &str, &str)] = &[
    ("student", "pupils", "leerlingen"),
    ("parent", "parents", "ouders"),
    ("teacher", "teachers", "leraren"),
    ("staff", "staff", "medewerkers"),
];

const AGREEMENT_STATUSES: &[(&str, &str, &str)] = &[
    ("signed", "signed", "ondertekend"),
    ("pending", "pending", "in behandeling"),
    ("none", "none", "geen"),
];

const MODELS: &[(&str, &str, &str)] = &[
    (
        "1.0",
        "model 1.0 (bewerkersovereenkomst)",
        "model 1.0 (bewerkersovereenkomst)",
    ),
    (
        "2.0",
        "model 2.0 (bewerkersovereenkomst)",
        "model 2.0 (bewerkersovereenkomst)",
    ),
    ("3.0", "model 3.0", "model 3.0"),
    ("4.0", "model 4.0", "model 4.0"),
    (
        "general-4.0",
        "general model agreement for education 4.0",
        "algemene model verwerkersovereenkomst onderwijs 4.0",
    ),
    (
        "custom",
        "the supplier's own text",
        "eigen tekst van de leverancier",
    ),
];

const CONVENANT_STATUSES: &[(&str, &str, &str)] = &[
    ("participant", "participant", "deelnemer"),
    ("supporter", "supporter", "medestander"),
    ("none", "none", "geen"),
];

const DPIA_STATUSES: &[(&str, &str, &str)] = &[
    ("done", "done", "uitgevoerd"),
    ("not_required", "not required", "niet nodig"),
    ("pending", "in progress", "in uitvoering"),
    ("none", "not done", "niet uitgevoerd"),
];

const MECHANISMS: &[(&str, &str, &str)] = &[
    ("adequacy", "adequacy decision", "adequaatheidsbesluit"),
    (
        "dpf",
        "EU-US Data Privacy Framework",
        "EU-VS Data Privacy Framework",
    ),
    (
        "scc",
        "standard contractual clauses",
        "standaardcontractbepalingen",
    ),
    (
        "bcr",
        "binding corporate rules",
        "bindende bedrijfsvoorschriften",
    ),
    (
        "derogation",
        "derogation (art. 49)",
        "uitzondering (art. 49)",
    ),
];

const CONSENTS: &[(&str, &str, &str)] = &[
    ("opt_in", "opt-in", "opt-in"),
    ("opt_out", "opt-out", "opt-out"),
    ("none", "none", "geen"),
];

const ANNEXES: &[(&str, &str, &str)] = &[
    ("privacy_leaflet", "privacy leaflet", "privacybijsluiter"),
    ("security", "security", "beveiliging"),
    ("changes", "changes", "wijzigingen"),
];

const ROLES: &[(&str, &str, &str)] = &[
    ("processor", "processor", "verwerker"),
    ("controller", "controller", "verwerkingsverantwoordelijke"),
    (
        "joint_controller",
        "joint controller",
        "gezamenlijke verwerkingsverantwoordelijke",
    ),
];

const AUTHORISATIONS: &[(&str, &str, &str)] = &[
    (
        "specific",
        "specific written authorisation",
        "specifieke schriftelijke toestemming",
    ),
    (
        "general",
        "general written authorisation",
        "algemene schriftelijke toestemming",
    ),
];

const OBJECTIONS: &[(&str, &str, &str)] = &[
    (
        "object",
        "the school can object",
        "de school kan bezwaar maken",
    ),
    (
        "terminate",
        "the school can terminate",
        "de school kan opzeggen",
    ),
    (
        "none",
        "the school cannot object",
        "de school kan geen bezwaar maken",
    ),
];

const TRACKING_PURPOSES: &[(&str, &str, &str)] = &[
    ("functional", "functional", "functioneel"),
    ("analytics", "analytics", "analyse"),
    ("advertising", "advertising", "advertenties"),
];

const RIGHTS: &[(&str, &str, &str)] = &[
    ("access", "access", "inzage"),
    ("rectification", "rectification", "rectificatie"),
    ("erasure", "erasure", "wissen"),
    ("objection", "objection", "bezwaar"),
    (
        "export",
        "export (portability)",
        "export (overdraagbaarheid)",
    ),
];

/// `processing_agreement.covers`: the clauses of AVG art. 28(3).
const CLAUSES: &[(&str, &str, &str)] = &[
    (
        "subject_duration",
        "subject matter and duration",
        "onderwerp en duur",
    ),
    ("nature_purpose", "nature and purpose", "aard en doel"),
    (
        "data_types",
        "types of personal data",
        "soorten persoonsgegevens",
    ),
    (
        "subject_categories",
        "categories of data subjects",
        "categorieën betrokkenen",
    ),
    (
        "documented_instructions",
        "documented instructions",
        "schriftelijke instructies",
    ),
    ("confidentiality", "confidentiality", "geheimhouding"),
    ("security", "security", "beveiliging"),
    (
        "subprocessor_conditions",
        "conditions for subprocessors",
        "voorwaarden voor subverwerkers",
    ),
    (
        "rights_assistance",
        "assistance with data-subject rights",
        "hulp bij rechten van betrokkenen",
    ),
    (
        "compliance_assistance",
        "assistance with compliance",
        "hulp bij naleving",
    ),
    (
        "delete_or_return",
        "deletion or return",
        "verwijderen of teruggeven",
    ),
    ("audits", "audits", "audits"),
];

/// `privacy_leaflet.covers`: the sections of the convenant's model privacybijsluiter.
const SECTIONS: &[(&str, &str, &str)] = &[
    ("product", "product", "product"),
    ("purposes", "purposes", "doelen"),
    ("data", "data", "gegevens"),
    ("subprocessors", "subprocessors", "subverwerkers"),
    ("locations", "locations", "locaties"),
    ("retention", "retention", "bewaartermijnen"),
    ("security", "security", "beveiliging"),
    ("breach", "data breaches", "datalekken"),
    ("rights", "rights", "rechten"),
    ("eck_id", "ECK iD", "ECK iD"),
    ("tracking", "tracking", "tracking"),
];

/// `improvement_data`: what the supplier uses for product improvement.
const IMPROVEMENT_DATA: &[(&str, &str, &str)] = &[
    ("anonymised", "anonymised", "geanonimiseerd"),
    ("pseudonymised", "pseudonymised", "gepseudonimiseerd"),
    ("personal", "personal data", "persoonsgegevens"),
];

/// The tables of (code, English, Dutch) of the enumerations, by the register's name for them,
/// for `import` to read a label back as its code.
pub(crate) fn table(name: &str) -> &'static [(&'static str, &'static str, &'static str)] {
    match name {
        "type" => TYPES,
        "purpose" => PURPOSES,
        "lawful_basis" => LAWFUL_BASES,
        "subject" => SUBJECTS,
        "agreement_status" => AGREEMENT_STATUSES,
        "model" => MODELS,
        "convenant_status" => CONVENANT_STATUSES,
        "dpia_status" => DPIA_STATUSES,
        "mechanism" => MECHANISMS,
        "consent" => CONSENTS,
        "annex" => ANNEXES,
        "role" => ROLES,
        "authorisation" => AUTHORISATIONS,
        "objection" => OBJECTIONS,
        "tracking_purpose" => TRACKING_PURPOSES,
        "clause" => CLAUSES,
        "section" => SECTIONS,
        "improvement_data" => IMPROVEMENT_DATA,
        _ => &[],
    }
}

pub(crate) fn clause(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, CLAUSES, code)
}

pub(crate) fn section(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, SECTIONS, code)
}

pub(crate) fn improvement_data(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, IMPROVEMENT_DATA, code)
}

pub(crate) fn resource_type(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, TYPES, code)
}

/// The label of a field category; `None` is a field outside the vocabulary.
pub fn category(lang: Lang, code: Option<&str>) -> Cow<'_, str> {
    match code {
        Some(code) => lookup(lang, CATEGORIES, code),
        None => Cow::Borrowed(pick(lang, "unknown", "onbekend")),
    }
}

pub fn purpose(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, PURPOSES, code)
}

pub fn lawful_basis(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, LAWFUL_BASES, code)
}

pub(crate) fn subject(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, SUBJECTS, code)
}

pub(crate) fn agreement_status(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, AGREEMENT_STATUSES, code)
}

pub fn model(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, MODELS, code)
}

pub(crate) fn convenant_status(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, CONVENANT_STATUSES, code)
}

pub(crate) fn dpia_status(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, DPIA_STATUSES, code)
}

pub fn mechanism(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, MECHANISMS, code)
}

pub fn consent(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, CONSENTS, code)
}

pub(crate) fn annex(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, ANNEXES, code)
}

/// `supplier.role`.
pub fn role(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, ROLES, code)
}

/// `subprocessor_terms.authorisation`.
pub fn authorisation(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, AUTHORISATIONS, code)
}

/// `subprocessor_terms.objection`: what the school can do about a new subprocessor.
pub fn objection(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, OBJECTIONS, code)
}

/// `tracking[].purpose`.
pub(crate) fn tracking_purpose(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, TRACKING_PURPOSES, code)
}

/// A right of `rights_support` by its key (`access`, `export`).
pub fn right(lang: Lang, code: &str) -> Cow<'_, str> {
    lookup(lang, RIGHTS, code)
}

/// `yes` / `no`.
pub(crate) fn yes_no(lang: Lang, value: bool) -> &'static str {
    if value {
        pick(lang, "yes", "ja")
    } else {
        pick(lang, "no", "nee")
    }
}

/// How an agreement's end date stands to today.
pub fn ends(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::En, 0) => "ends today".into(),
        (Lang::Nl, 0) => "loopt vandaag af".into(),
        (Lang::En, 1) => "ends tomorrow".into(),
        (Lang::Nl, 1) => "loopt morgen af".into(),
        (Lang::En, d) if d > 0 => format!("ends in {d} days"),
        (Lang::Nl, d) if d > 0 => format!("loopt af over {d} dagen"),
        (Lang::En, -1) => "expired yesterday".into(),
        (Lang::Nl, -1) => "gisteren verlopen".into(),
        (Lang::En, d) => format!("expired {} days ago", d.unsigned_abs()),
        (Lang::Nl, d) => format!("{} dagen geleden verlopen", d.unsigned_abs()),
    }
}

/// An agreement's end date and how it stands to today: `ends on 2027-01-31 (in 69 days)`,
/// `expired on 2026-07-31 (115 days ago)`; the date alone when it is not a date.
pub(crate) fn end_date(lang: Lang, date: &str, days: Option<i64>) -> String {
    let Some(d) = days else {
        return date.to_string();
    };
    match (lang, d) {
        (Lang::En, 0) => format!("ends today ({date})"),
        (Lang::Nl, 0) => format!("loopt vandaag af ({date})"),
        (Lang::En, 1) => format!("ends on {date} (tomorrow)"),
        (Lang::Nl, 1) => format!("loopt af op {date} (morgen)"),
        (Lang::En, d) if d > 0 => format!("ends on {date} (in {d} days)"),
        (Lang::Nl, d) if d > 0 => format!("loopt af op {date} (over {d} dagen)"),
        (Lang::En, -1) => format!("expired on {date} (yesterday)"),
        (Lang::Nl, -1) => format!("verlopen op {date} (gisteren)"),
        (Lang::En, d) => format!("expired on {date} ({} days ago)", d.unsigned_abs()),
        (Lang::Nl, d) => format!("verlopen op {date} ({} dagen geleden)", d.unsigned_abs()),
    }
}

/// The sentence above the list of ending agreements.
pub(crate) fn expiring_intro(lang: Lang, window: u32, today: &str) -> String {
    let n = days(lang, u64::from(window));
    match lang {
        Lang::En => format!(
            "Processing agreements that have expired, or that end within {n} of {today} (`agreement_expiry_warning_days`)."
        ),
        Lang::Nl => format!(
            "Verwerkersovereenkomsten die verlopen zijn, of die binnen {n} na {today} aflopen (`agreement_expiry_warning_days`)."
        ),
    }
}

/// `deleted within 60 days after the contract ends`.
pub(crate) fn delete_within(lang: Lang, n: u64) -> String {
    match lang {
        Lang::En => format!("deleted within {} after the contract ends", days(lang, n)),
        Lang::Nl => format!("verwijderd binnen {} na einde contract", days(lang, n)),
    }
}

/// `within 24 hours` / `binnen 24 uur`.
pub(crate) fn within_hours(lang: Lang, n: u64) -> String {
    match lang {
        Lang::En => format!("within {}", hours(lang, n)),
        Lang::Nl => format!("binnen {}", hours(lang, n)),
    }
}

/// `60 days` / `60 dagen`.
pub fn days(lang: Lang, n: u64) -> String {
    match (lang, n == 1) {
        (Lang::En, true) => "1 day".into(),
        (Lang::Nl, true) => "1 dag".into(),
        (Lang::En, false) => format!("{n} days"),
        (Lang::Nl, false) => format!("{n} dagen"),
    }
}

/// `10 working days` / `10 werkdagen`.
pub(crate) fn working_days(lang: Lang, n: u64) -> String {
    match (lang, n == 1) {
        (Lang::En, true) => "1 working day".into(),
        (Lang::Nl, true) => "1 werkdag".into(),
        (Lang::En, false) => format!("{n} working days"),
        (Lang::Nl, false) => format!("{n} werkdagen"),
    }
}

/// `response within 10 working days` / `antwoord binnen 10 werkdagen`.
pub(crate) fn response_within(lang: Lang, n: u64) -> String {
    match lang {
        Lang::En => format!("response within {}", working_days(lang, n)),
        Lang::Nl => format!("antwoord binnen {}", working_days(lang, n)),
    }
}

/// How the data come back at the end: `returned as CSV, EDEXML within 30 days after the
/// contract ends`; either part alone when only one is declared.
pub fn returned(lang: Lang, formats: &[String], days: Option<u64>) -> String {
    let formats = formats.join(", ");
    let within = days.map(|d| match lang {
        Lang::En => format!("within {} after the contract ends", self::days(lang, d)),
        Lang::Nl => format!("binnen {} na einde contract", self::days(lang, d)),
    });
    match (lang, formats.is_empty(), within) {
        (Lang::En, false, Some(w)) => format!("returned as {formats} {w}"),
        (Lang::Nl, false, Some(w)) => format!("teruggegeven als {formats} {w}"),
        (Lang::En, false, None) => format!("returned as {formats}"),
        (Lang::Nl, false, None) => format!("teruggegeven als {formats}"),
        (Lang::En, true, Some(w)) => format!("returned {w}"),
        (Lang::Nl, true, Some(w)) => format!("teruggegeven {w}"),
        (Lang::En, true, None) => "returned in no format".into(),
        (Lang::Nl, true, None) => "in geen enkel formaat teruggegeven".into(),
    }
}

/// `24 hours` / `24 uur`.
pub fn hours(lang: Lang, n: u64) -> String {
    match (lang, n == 1) {
        (Lang::En, true) => "1 hour".into(),
        (Lang::En, false) => format!("{n} hours"),
        (Lang::Nl, _) => format!("{n} uur"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `key: "text"` pairs of a table as its `Debug` form writes them.
    fn entries(table: &Words) -> Vec<(String, String)> {
        let text = format!("{table:#?}");
        text.lines()
            .filter_map(|l| l.trim().split_once(": \""))
            .map(|(k, v)| {
                (
                    k.to_string(),
                    v.trim_end_matches(',').trim_end_matches('"').to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn both_register_tables_have_every_word_and_differ() {
        let (en, nl) = (entries(words(Lang::En)), entries(words(Lang::Nl)));
        assert!(en.len() > 50, "{}", en.len());
        assert_eq!(
            en.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            nl.iter().map(|(k, _)| k).collect::<Vec<_>>()
        );
        for ((key, english), (_, dutch)) in en.iter().zip(&nl) {
            assert!(
                !english.trim().is_empty() && !dutch.trim().is_empty(),
                "{key}"
            );
        }
        let same: Vec<&String> = en
            .iter()
            .zip(&nl)
            .filter(|(a, b)| a.1 == b.1)
            .map(|(a, _)| &a.0)
            .collect();
        // Words that are the same in both languages (`Model`, `DPIA`, ...) are few.
        assert!(same.len() * 5 < en.len(), "{same:?}");
    }

    #[test]
    fn every_category_and_type_of_the_format_has_a_label() {
        for category in crate::vocabulary::CATEGORIES {
            assert!(
                CATEGORIES.iter().any(|(c, _, _)| *c == category),
                "{category}"
            );
        }
        assert_eq!(
            resource_type(Lang::Nl, "pupil_tracking"),
            "leerlingvolgsysteem"
        );
        assert_eq!(category(Lang::Nl, None), "onbekend");
        assert_eq!(category(Lang::En, Some("avatar")), "avatar");
    }

    /// Every value the schema allows for the enumerations of catalogue 2 has its own label in
    /// both languages (a missing one would show the code in a Dutch register).
    #[test]
    fn every_catalogue_2_value_of_the_schema_has_a_label() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../schemas/resource.schema.json")).unwrap();
        type Table = &'static [(&'static str, &'static str, &'static str)];
        let tables: [(&str, Table); 4] = [
            ("/properties/supplier/properties/role", ROLES),
            (
                "/properties/subprocessor_terms/properties/authorisation",
                AUTHORISATIONS,
            ),
            (
                "/properties/subprocessor_terms/properties/objection",
                OBJECTIONS,
            ),
            (
                "/properties/tracking/items/properties/purpose",
                TRACKING_PURPOSES,
            ),
        ];
        for (pointer, table) in tables {
            let values = schema
                .pointer(&format!("{pointer}/enum"))
                .and_then(serde_json::Value::as_array)
                .unwrap_or_else(|| panic!("no enum at {pointer}"));
            assert_eq!(values.len(), table.len(), "{pointer}");
            for v in values {
                let code = v.as_str().unwrap();
                assert!(
                    table.iter().any(|(c, _, _)| *c == code),
                    "{pointer}: {code}"
                );
            }
        }
        let rights = schema
            .pointer("/properties/rights_support/properties")
            .and_then(serde_json::Value::as_object)
            .unwrap();
        for (key, _) in rights.iter().filter(|(k, _)| *k != "response_working_days") {
            assert!(RIGHTS.iter().any(|(c, _, _)| c == key), "{key}");
        }
        assert_eq!(role(Lang::Nl, "controller"), "verwerkingsverantwoordelijke");
        assert_eq!(working_days(Lang::Nl, 1), "1 werkdag");
        assert_eq!(
            returned(Lang::En, &["CSV".to_string()], None),
            "returned as CSV"
        );
        assert_eq!(
            returned(Lang::Nl, &[], None),
            "in geen enkel formaat teruggegeven"
        );
    }

    #[test]
    fn end_dates_read_naturally() {
        assert_eq!(ends(Lang::En, 69), "ends in 69 days");
        assert_eq!(ends(Lang::Nl, -115), "115 dagen geleden verlopen");
        assert_eq!(ends(Lang::En, 0), "ends today");
    }
}
