//! The columns of the register's table, shared by `report --format csv`, `--format xlsx` and
//! `import` (which reads them back).
//!
//! The header row holds the column ids below with `--lang en` and their Dutch headings with
//! `--lang nl`. With `--lang en` enumerated values are written as the declaration format spells
//! them (`learning_material`, `signed`, `participant`, `true`), for scripts; with `--lang nl`
//! they are the Dutch labels (`digitaal leermiddel`, `ondertekend`, `deelnemer`, `ja`), for
//! people. Dates are `YYYY-MM-DD`. An absent value is an empty cell.
//!
//! The columns from `supplier_role` on came with catalogue 2 (the supplier's role, subprocessor
//! terms, trackers, processing and AI functions, rights support, exit and CVD), and those from
//! `field_purposes` on with `import` (every key a rule reads, so that a register read back
//! gives the same findings). They follow `file` so that a sheet or script that reads the
//! earlier columns by position keeps working; add new columns at the end for the same reason.
//!
//! # Lists within a cell
//!
//! Items are separated by ` | ` in CSV and by line breaks in a workbook. An entry with details
//! reads `name (detail, detail)`; free text (a name, a service, a note) is put in double quotes
//! when it holds a separator (`|`, `;`, `,`, a line break) or a bracket, with a `"` inside
//! doubled, so that `import` reads it back whole. A list the declaration gives as empty (`[]`,
//! which rules read differently from a missing key) is written `(none)`, Dutch `(geen)`.
//!
//! | column | meaning |
//! |---|---|
//! | `id` | resource id |
//! | `name` | product name |
//! | `type` | resource type |
//! | `sectors` | education sectors (po, vo, so, mbo) |
//! | `supplier` | supplier's legal name |
//! | `supplier_kvk` | supplier's KvK number |
//! | `supplier_country` | supplier's country of establishment (ISO code) |
//! | `privacy_contact` | supplier's privacy contact (e-mail or URL) |
//! | `data_subjects` | whose data: pupils, parents, teachers, staff |
//! | `fields_pseudonym` | fields received in category pseudonym, as written, `name (canonical_id)` when they differ |
//! | `fields_identifying` | fields received: directly identifying |
//! | `fields_quasi_identifying` | fields received: indirectly identifying |
//! | `fields_contact` | fields received: contact details |
//! | `fields_image` | fields received: images |
//! | `fields_organisation` | fields received: organisation |
//! | `fields_learning` | fields received: learning results |
//! | `fields_technical` | fields received: technical data |
//! | `fields_national_id` | fields received: national identification number |
//! | `fields_special` | fields received: special category data |
//! | `fields_unknown` | fields outside the vocabulary (DECL-003) |
//! | `purposes` | purposes of the resource as declared (a field's own purposes are in `field_purposes`) |
//! | `lawful_basis` | lawful basis (AVG art. 6(1)) |
//! | `agreement_status` | processing agreement: signed, pending, none |
//! | `agreement_model` | model of the processing agreement |
//! | `agreement_signed_on` | date the agreement was signed |
//! | `agreement_expires_on` | date the agreement ends (empty: no end date) |
//! | `convenant_status` | convenant: participant, supporter, none |
//! | `convenant_version` | convenant version signed |
//! | `privacy_leaflet_url` | the privacybijsluiter |
//! | `privacy_leaflet_updated_on` | date on the privacybijsluiter |
//! | `hosting_countries` | where the data are stored and processed |
//! | `subprocessors` | `name (service, country)` per subprocessor |
//! | `transfers` | `country (mechanism, tia: yes, occasional: no)` per transfer outside the EEA |
//! | `dpia_status` | DPIA: done, not_required, pending, none |
//! | `dpia_date` | date of the DPIA |
//! | `delete_after_contract_days` | days after the contract ends by which all data are deleted |
//! | `field_retention_days` | `field: days` per field with its own retention term |
//! | `breach_notification_hours` | hours within which the supplier reports a data breach |
//! | `certifications` | security certifications |
//! | `images_processed` | photos or video of pupils processed |
//! | `images_published` | photos or video of pupils published |
//! | `images_consent` | how consent for images is obtained |
//! | `status` | `errors`, `warnings` (warnings only) or `compliant` (no open error or warning); `not_in_register` on the rows after the resources, one per file that is not a valid declaration, and `board_configuration` on a row for the board configuration when it has findings of its own, such as an expired waiver (only the counts, `findings` and `file` are filled in there) |
//! | `errors` | number of open errors |
//! | `warnings` | number of open warnings |
//! | `infos` | number of open infos |
//! | `waived` | number of waived findings |
//! | `findings` | open findings as `CODE severity: message (file:line)` |
//! | `file` | the declaration file |
//! | `supplier_role` | the supplier's role: processor, controller, joint_controller (empty: not declared, which the format reads as processor) |
//! | `supplier_own_purposes` | purposes the supplier pursues on its own account |
//! | `disclosure_basis` | statutory basis of a disclosure to a controller or joint controller |
//! | `subprocessor_authorisation` | authorisation of subprocessors: specific, general |
//! | `subprocessor_notice_days` | days of notice before a new subprocessor is engaged |
//! | `subprocessor_objection` | what the school can do about a new subprocessor: object, terminate, none |
//! | `tracking` | `vendor (purpose, country)` per cookie, SDK or tracker |
//! | `processing_profiling` | the product profiles pupils |
//! | `processing_automated_decisions` | the product takes decisions with legal or similar effect without a person |
//! | `processing_behaviour_monitoring` | the product systematically monitors behaviour |
//! | `processing_emotion_recognition` | the product infers emotions |
//! | `ai_features` | `name (purpose, assesses_learning)` per AI function |
//! | `rights_access` | the supplier helps with requests for access (art. 15) |
//! | `rights_rectification` | the supplier helps with rectification (art. 16) |
//! | `rights_erasure` | the supplier helps with erasure (art. 17) |
//! | `rights_objection` | the supplier helps with objections (art. 21) |
//! | `rights_export` | the supplier helps with data portability (art. 20) |
//! | `rights_response_working_days` | working days within which the supplier delivers what the school needs for a request |
//! | `return_on_exit_formats` | formats in which the school gets its data back at the end |
//! | `return_on_exit_days` | days after the contract ends within which the data are returned |
//! | `deletion_certificate` | the supplier confirms deletion in writing |
//! | `vulnerability_disclosure_url` | the supplier's coordinated vulnerability disclosure (CVD) policy |
//! | `security_txt` | whether `/.well-known/security.txt` (RFC 9116) exists |
//! | `pentest_on` | date of the last independent penetration test |
//! | `field_purposes` | `field (purpose, purpose)` per field with its own purposes |
//! | `field_subjects` | `field (parents, teachers)` per field whose data are not (only) pupils' |
//! | `field_notes` | `field (note)` per field with a note |
//! | `special_category_exception` | the legal exception relied on for special category data (AVG art. 9(2), UAVG) |
//! | `national_id_legal_basis` | the statutory provision that requires this recipient to receive the BSN or PGN |
//! | `biometric_necessity` | why biometric data are strictly necessary and no alternative is offered |
//! | `agreement_annexes` | annexes of the processing agreement: privacy_leaflet, security, changes |
//! | `agreement_covers` | the AVG art. 28(3) clauses a custom or general-4.0 agreement covers |
//! | `agreement_national_agreement` | the national framework agreement that governs a custom agreement |
//! | `agreement_deviations` | the signed model 4.0 deviates from the model text |
//! | `privacy_leaflet_covers` | the sections the privacybijsluiter contains |
//! | `improvement_data` | what the supplier uses for product improvement: anonymised, pseudonymised, personal |
//!
//! [`columns`] returns the same list (id, Dutch heading, meaning), for the README.

use super::cells::*;
use super::{Resource, labels};
use crate::lang::Lang;

/// What one column holds for one resource, before a format lays it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text; empty when the declaration does not say.
    Text(String),
    /// A date as the declaration writes it (`YYYY-MM-DD`); a workbook makes it a real date.
    Date(String),
    Number(u64),
    /// Items, each already written (quoted where needed); empty: the list is declared empty.
    List(Vec<String>),
}

impl Cell {
    pub(super) fn text(value: impl Into<String>) -> Self {
        Cell::Text(value.into())
    }

    pub(super) fn empty() -> Self {
        Cell::Text(String::new())
    }

    /// The cell as one string: list items joined with `separator`, a declared-empty list as
    /// `(none)` / `(geen)`.
    pub fn joined(&self, lang: Lang, separator: &str) -> String {
        match self {
            Cell::Text(s) | Cell::Date(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::List(items) if items.is_empty() => none_marker(lang).to_string(),
            Cell::List(items) => items.join(separator),
        }
    }
}

/// How a list declared empty is written.
pub fn none_marker(lang: Lang) -> &'static str {
    labels::pick(lang, "(none)", "(geen)")
}

/// One column of the register's table (CSV and workbook).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header with `--lang en`; stable.
    pub id: &'static str,
    /// Header with `--lang nl`.
    pub nl: &'static str,
    pub meaning: &'static str,
    value: fn(&Resource, Lang) -> Cell,
}

impl Column {
    /// The value of this column for `resource`.
    pub fn value(&self, resource: &Resource, lang: Lang) -> Cell {
        (self.value)(resource, lang)
    }

    /// The header in `lang`.
    pub fn heading(&self, lang: Lang) -> &'static str {
        labels::pick(lang, self.id, self.nl)
    }
}

/// The columns, in order.
pub fn columns() -> &'static [Column] {
    COLUMNS
}

/// The header of `lang`.
pub fn header(lang: Lang) -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.heading(lang)).collect()
}

/// The column list as a Markdown table (for the README).
pub fn columns_markdown() -> String {
    let mut out = String::from("| column | Dutch heading | meaning |\n|---|---|---|\n");
    for c in COLUMNS {
        out.push_str(&format!("| `{}` | {} | {} |\n", c.id, c.nl, c.meaning));
    }
    out
}

/// Free text as a list item or detail: quoted when it holds a separator or a bracket (or
/// would read as the empty-list marker), so that `import` reads it back whole.
pub fn quoted(text: &str) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.contains(['|', ';', ',', '\n', '\r', '"', '(', ')'])
        && !is_none_marker(text);
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('"', "\"\""))
    }
}

/// Whether a cell's whole text says "declared empty".
pub fn is_none_marker(text: &str) -> bool {
    ["(none)", "(geen)", "none", "geen"]
        .iter()
        .any(|m| text.trim().eq_ignore_ascii_case(m))
}

macro_rules! category_column {
    ($id:literal, $nl:literal, $meaning:literal, $category:expr) => {
        Column {
            id: $id,
            nl: $nl,
            meaning: $meaning,
            value: |r, _| fields(r, $category),
        }
    };
}

macro_rules! column {
    ($id:literal, $nl:literal, $meaning:literal, $value:expr) => {
        Column {
            id: $id,
            nl: $nl,
            meaning: $meaning,
            value: $value,
        }
    };
}

const COLUMNS: &[Column] = &[
    column!("id", "id", "resource id", |r, _| Cell::text(&r.id)),
    column!("name", "naam", "product name", |r, _| Cell::text(&r.name)),
    column!("type", "soort", "resource type", |r, lang| Cell::text(
        coded(&r.kind, lang)
    )),
    column!(
        "sectors",
        "sectoren",
        "education sectors (po, vo, so, mbo)",
        |r, _| text_list(r.declared.sectors.as_deref())
    ),
    column!(
        "supplier",
        "leverancier",
        "supplier's legal name",
        |r, _| Cell::text(&r.supplier.name)
    ),
    column!(
        "supplier_kvk",
        "KvK-nummer",
        "supplier's KvK number",
        |r, _| opt(r.supplier.kvk.as_ref())
    ),
    column!(
        "supplier_country",
        "land leverancier",
        "supplier's country of establishment (ISO code)",
        |r, _| opt(r.supplier.country.as_ref())
    ),
    column!(
        "privacy_contact",
        "privacycontact",
        "supplier's privacy contact (e-mail or URL)",
        |r, _| opt(r.supplier.privacy_contact.as_ref())
    ),
    column!(
        "data_subjects",
        "betrokkenen",
        "whose data: pupils, parents, teachers, staff",
        |r, lang| code_list(r.declared.data_subjects.as_deref(), lang)
    ),
    category_column!(
        "fields_pseudonym",
        "gegevens: pseudoniem",
        "fields received in category pseudonym, as written, `name (canonical_id)` when they differ",
        Some("pseudonym")
    ),
    category_column!(
        "fields_identifying",
        "gegevens: direct identificerend",
        "fields received: directly identifying",
        Some("identifying")
    ),
    category_column!(
        "fields_quasi_identifying",
        "gegevens: indirect identificerend",
        "fields received: indirectly identifying",
        Some("quasi_identifying")
    ),
    category_column!(
        "fields_contact",
        "gegevens: contactgegevens",
        "fields received: contact details",
        Some("contact")
    ),
    category_column!(
        "fields_image",
        "gegevens: beeldmateriaal",
        "fields received: images",
        Some("image")
    ),
    category_column!(
        "fields_organisation",
        "gegevens: organisatie",
        "fields received: organisation",
        Some("organisation")
    ),
    category_column!(
        "fields_learning",
        "gegevens: leerresultaten",
        "fields received: learning results",
        Some("learning")
    ),
    category_column!(
        "fields_technical",
        "gegevens: technische gegevens",
        "fields received: technical data",
        Some("technical")
    ),
    category_column!(
        "fields_national_id",
        "gegevens: nationaal identificatienummer",
        "fields received: national identification number",
        Some("national_id")
    ),
    category_column!(
        "fields_special",
        "gegevens: bijzondere persoonsgegevens",
        "fields received: special category data",
        Some("special")
    ),
    category_column!(
        "fields_unknown",
        "gegevens: onbekend",
        "fields outside the vocabulary (DECL-003)",
        None
    ),
    column!(
        "purposes",
        "doelen",
        "purposes of the resource as declared (a field's own purposes are in `field_purposes`)",
        |r, lang| code_list(r.declared.purposes.as_deref(), lang)
    ),
    column!(
        "lawful_basis",
        "grondslag",
        "lawful basis (AVG art. 6(1))",
        |r, lang| opt_coded(r.lawful_basis.as_ref(), lang)
    ),
    column!(
        "agreement_status",
        "verwerkersovereenkomst",
        "processing agreement: signed, pending, none",
        |r, lang| opt_coded(r.agreement.status.as_ref(), lang)
    ),
    column!(
        "agreement_model",
        "model verwerkersovereenkomst",
        "model of the processing agreement",
        |r, lang| opt_coded(r.agreement.model.as_ref(), lang)
    ),
    column!(
        "agreement_signed_on",
        "ondertekend op",
        "date the agreement was signed",
        |r, _| date(r.agreement.signed_on.as_ref())
    ),
    column!(
        "agreement_expires_on",
        "loopt af op",
        "date the agreement ends (empty: no end date)",
        |r, _| date(r.agreement.expires_on.as_ref())
    ),
    column!(
        "convenant_status",
        "convenant",
        "convenant: participant, supporter, none",
        |r, lang| opt_coded(r.convenant.status.as_ref(), lang)
    ),
    column!(
        "convenant_version",
        "convenantversie",
        "convenant version signed",
        |r, _| opt(r.convenant.version.as_ref())
    ),
    column!(
        "privacy_leaflet_url",
        "privacybijsluiter",
        "the privacybijsluiter",
        |r, _| opt(r.leaflet.as_ref().map(|l| &l.url))
    ),
    column!(
        "privacy_leaflet_updated_on",
        "privacybijsluiter bijgewerkt op",
        "date on the privacybijsluiter",
        |r, _| date(r.leaflet.as_ref().and_then(|l| l.updated_on.as_ref()))
    ),
    column!(
        "hosting_countries",
        "opslaglanden",
        "where the data are stored and processed",
        |r, _| text_list(r.hosting.as_deref())
    ),
    column!(
        "subprocessors",
        "subverwerkers",
        "`name (service, country)` per subprocessor",
        subprocessors
    ),
    column!(
        "transfers",
        "doorgifte buiten de EER",
        "`country (mechanism, tia: yes, occasional: no)` per transfer outside the EEA",
        transfers
    ),
    column!(
        "dpia_status",
        "DPIA",
        "DPIA: done, not_required, pending, none",
        |r, lang| opt_coded(r.dpia.status.as_ref(), lang)
    ),
    column!("dpia_date", "DPIA-datum", "date of the DPIA", |r, _| date(
        r.dpia.date.as_ref()
    )),
    column!(
        "delete_after_contract_days",
        "verwijderd na contract (dagen)",
        "days after the contract ends by which all data are deleted",
        |r, _| number(r.delete_after_contract_days)
    ),
    column!(
        "field_retention_days",
        "bewaartermijnen per gegeven",
        "`field: days` per field with its own retention term",
        field_retention
    ),
    column!(
        "breach_notification_hours",
        "melding datalek (uren)",
        "hours within which the supplier reports a data breach",
        |r, _| number(r.breach_notification_hours)
    ),
    column!(
        "certifications",
        "certificeringen",
        "security certifications",
        |r, _| text_list(r.certifications.as_deref())
    ),
    column!(
        "images_processed",
        "beeldmateriaal verwerkt",
        "photos or video of pupils processed",
        |r, lang| flag(r.images.processed, lang)
    ),
    column!(
        "images_published",
        "beeldmateriaal gepubliceerd",
        "photos or video of pupils published",
        |r, lang| flag(r.images.published, lang)
    ),
    column!(
        "images_consent",
        "toestemming beeldmateriaal",
        "how consent for images is obtained",
        |r, lang| opt_coded(r.images.consent.as_ref(), lang)
    ),
    column!(
        "status",
        "status",
        "`errors`, `warnings` (warnings only) or `compliant` (no open error or warning); `not_in_register` on the rows after the resources, one per file that is not a valid declaration, and `board_configuration` on a row for the board configuration when it has findings of its own, such as an expired waiver (only the counts, `findings` and `file` are filled in there)",
        |r, lang| Cell::text(match lang {
            Lang::En => r.status().code(),
            Lang::Nl => r.status().label(lang),
        })
    ),
    column!("errors", "fouten", "number of open errors", |r, _| {
        Cell::Number(r.counts.errors as u64)
    }),
    column!(
        "warnings",
        "waarschuwingen",
        "number of open warnings",
        |r, _| Cell::Number(r.counts.warnings as u64)
    ),
    column!("infos", "info", "number of open infos", |r, _| {
        Cell::Number(r.counts.infos as u64)
    }),
    column!(
        "waived",
        "uitgezonderd",
        "number of waived findings",
        |r, _| Cell::Number(r.counts.waived as u64)
    ),
    column!(
        "findings",
        "bevindingen",
        "open findings as `CODE severity: message (file:line)`",
        findings
    ),
    column!(
        "file",
        "bestand",
        "the declaration file",
        |r, _| Cell::text(&r.file)
    ),
    column!(
        "supplier_role",
        "rol leverancier",
        "the supplier's role: processor, controller, joint_controller (empty: not declared, which the format reads as processor)",
        |r, lang| opt_coded(r.role.role.as_ref(), lang)
    ),
    column!(
        "supplier_own_purposes",
        "eigen doelen leverancier",
        "purposes the supplier pursues on its own account",
        |r, lang| code_list(r.role.own_purposes.as_deref(), lang)
    ),
    column!(
        "disclosure_basis",
        "grondslag verstrekking",
        "statutory basis of a disclosure to a controller or joint controller",
        |r, _| opt(r.role.disclosure_basis.as_ref())
    ),
    column!(
        "subprocessor_authorisation",
        "toestemming subverwerkers",
        "authorisation of subprocessors: specific, general",
        |r, lang| opt_coded(r.subprocessor_terms.authorisation.as_ref(), lang)
    ),
    column!(
        "subprocessor_notice_days",
        "aankondiging nieuwe subverwerker (dagen)",
        "days of notice before a new subprocessor is engaged",
        |r, _| number(r.subprocessor_terms.notice_days)
    ),
    column!(
        "subprocessor_objection",
        "bezwaar tegen nieuwe subverwerker",
        "what the school can do about a new subprocessor: object, terminate, none",
        |r, lang| opt_coded(r.subprocessor_terms.objection.as_ref(), lang)
    ),
    column!(
        "tracking",
        "cookies en trackers",
        "`vendor (purpose, country)` per cookie, SDK or tracker",
        tracking
    ),
    column!(
        "processing_profiling",
        "profilering",
        "the product profiles pupils",
        |r, lang| flag(r.processing.profiling, lang)
    ),
    column!(
        "processing_automated_decisions",
        "geautomatiseerde besluiten",
        "the product takes decisions with legal or similar effect without a person",
        |r, lang| flag(r.processing.automated_decisions, lang)
    ),
    column!(
        "processing_behaviour_monitoring",
        "monitoren van gedrag",
        "the product systematically monitors behaviour",
        |r, lang| flag(r.processing.behaviour_monitoring, lang)
    ),
    column!(
        "processing_emotion_recognition",
        "emotieherkenning",
        "the product infers emotions",
        |r, lang| flag(r.processing.emotion_recognition, lang)
    ),
    column!(
        "ai_features",
        "AI-functies",
        "`name (purpose, assesses_learning)` per AI function",
        ai_features
    ),
    column!(
        "rights_access",
        "hulp bij inzage",
        "the supplier helps with requests for access (art. 15)",
        |r, lang| flag(r.rights_support.access, lang)
    ),
    column!(
        "rights_rectification",
        "hulp bij rectificatie",
        "the supplier helps with rectification (art. 16)",
        |r, lang| flag(r.rights_support.rectification, lang)
    ),
    column!(
        "rights_erasure",
        "hulp bij wissen",
        "the supplier helps with erasure (art. 17)",
        |r, lang| flag(r.rights_support.erasure, lang)
    ),
    column!(
        "rights_objection",
        "hulp bij bezwaar",
        "the supplier helps with objections (art. 21)",
        |r, lang| flag(r.rights_support.objection, lang)
    ),
    column!(
        "rights_export",
        "hulp bij export",
        "the supplier helps with data portability (art. 20)",
        |r, lang| flag(r.rights_support.export, lang)
    ),
    column!(
        "rights_response_working_days",
        "antwoord op verzoek (werkdagen)",
        "working days within which the supplier delivers what the school needs for a request",
        |r, _| number(r.rights_support.response_working_days)
    ),
    column!(
        "return_on_exit_formats",
        "formaten teruggave",
        "formats in which the school gets its data back at the end",
        |r, _| text_list(r.exit.formats.as_deref())
    ),
    column!(
        "return_on_exit_days",
        "teruggave na contract (dagen)",
        "days after the contract ends within which the data are returned",
        |r, _| number(r.exit.days)
    ),
    column!(
        "deletion_certificate",
        "verwijdering schriftelijk bevestigd",
        "the supplier confirms deletion in writing",
        |r, lang| flag(r.exit.deletion_certificate, lang)
    ),
    column!(
        "vulnerability_disclosure_url",
        "beleid melden kwetsbaarheden",
        "the supplier's coordinated vulnerability disclosure (CVD) policy",
        |r, _| opt(r.cvd.url.as_ref())
    ),
    column!(
        "security_txt",
        "security.txt",
        "whether `/.well-known/security.txt` (RFC 9116) exists",
        |r, lang| flag(r.cvd.security_txt, lang)
    ),
    column!(
        "pentest_on",
        "laatste penetratietest",
        "date of the last independent penetration test",
        |r, _| date(r.cvd.pentest_on.as_ref())
    ),
    column!(
        "field_purposes",
        "doelen per gegeven",
        "`field (purpose, purpose)` per field with its own purposes",
        |r, lang| per_field(r, |f| f.purposes.iter().map(|p| coded(p, lang)).collect())
    ),
    column!(
        "field_subjects",
        "betrokkenen per gegeven",
        "`field (parents, teachers)` per field whose data are not (only) pupils'",
        |r, lang| per_field(r, |f| f.subjects.iter().map(|s| coded(s, lang)).collect())
    ),
    column!(
        "field_notes",
        "toelichting per gegeven",
        "`field (note)` per field with a note",
        |r, _| per_field(r, |f| f.note.iter().map(|n| quoted(n)).collect())
    ),
    column!(
        "special_category_exception",
        "uitzondering bijzondere persoonsgegevens",
        "the legal exception relied on for special category data (AVG art. 9(2), UAVG)",
        |r, _| opt(r.special_category_exception.as_ref())
    ),
    column!(
        "national_id_legal_basis",
        "wettelijke grondslag BSN of PGN",
        "the statutory provision that requires this recipient to receive the BSN or PGN",
        |r, _| opt(r.declared.national_id_legal_basis.as_ref())
    ),
    column!(
        "biometric_necessity",
        "noodzaak biometrie",
        "why biometric data are strictly necessary and no alternative is offered",
        |r, _| opt(r.declared.biometric_necessity.as_ref())
    ),
    column!(
        "agreement_annexes",
        "bijlagen verwerkersovereenkomst",
        "annexes of the processing agreement: privacy_leaflet, security, changes",
        |r, lang| code_list(r.agreement.annexes.as_deref(), lang)
    ),
    column!(
        "agreement_covers",
        "bepalingen verwerkersovereenkomst",
        "the AVG art. 28(3) clauses a custom or general-4.0 agreement covers",
        |r, lang| code_list(r.agreement.covers.as_deref(), lang)
    ),
    column!(
        "agreement_national_agreement",
        "landelijke raamovereenkomst",
        "the national framework agreement that governs a custom agreement",
        |r, _| opt(r.agreement.national_agreement.as_ref())
    ),
    column!(
        "agreement_deviations",
        "afwijkingen van het model",
        "the signed model 4.0 deviates from the model text",
        |r, lang| flag(r.agreement.deviations, lang)
    ),
    column!(
        "privacy_leaflet_covers",
        "onderdelen privacybijsluiter",
        "the sections the privacybijsluiter contains",
        |r, lang| code_list(r.leaflet.as_ref().and_then(|l| l.covers.as_deref()), lang)
    ),
    column!(
        "improvement_data",
        "gegevens voor productverbetering",
        "what the supplier uses for product improvement: anonymised, pseudonymised, personal",
        |r, lang| opt_coded(r.declared.improvement_data.as_ref(), lang)
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_columns_are_the_columns() {
        let doc = include_str!("columns.rs");
        for c in COLUMNS {
            let line = format!("//! | `{}` | {} |", c.id, c.meaning);
            assert!(doc.contains(&line), "the module doc lacks `{line}`");
        }
        let documented = doc.lines().filter(|l| l.starts_with("//! | `")).count();
        assert_eq!(
            documented,
            COLUMNS.len(),
            "the module doc lists other columns"
        );
        let ids: std::collections::BTreeSet<&str> = COLUMNS.iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), COLUMNS.len(), "column ids repeat");
        let nl: std::collections::BTreeSet<&str> = COLUMNS.iter().map(|c| c.nl).collect();
        assert_eq!(nl.len(), COLUMNS.len(), "Dutch headings repeat");
    }

    #[test]
    fn free_text_is_quoted_only_when_it_would_not_read_back_whole() {
        assert_eq!(quoted("Amazon Web Services"), "Amazon Web Services");
        assert_eq!(quoted("Foo, Inc."), "\"Foo, Inc.\"");
        assert_eq!(quoted("AWS (EMEA)"), "\"AWS (EMEA)\"");
        assert_eq!(quoted("a | b"), "\"a | b\"");
        assert_eq!(quoted("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(quoted("geen"), "\"geen\"");
        assert_eq!(quoted(" padded"), "\" padded\"");
        assert_eq!(quoted(""), "\"\"");
    }

    #[test]
    fn a_list_declared_empty_differs_from_an_absent_one() {
        assert_eq!(text_list(None), Cell::empty());
        assert_eq!(text_list(Some(&[])).joined(Lang::Nl, " | "), "(geen)");
        assert_eq!(text_list(Some(&[])).joined(Lang::En, " | "), "(none)");
        let two = text_list(Some(&[
            "ISO27001".to_string(),
            "NEN 7510, 2017".to_string(),
        ]));
        assert_eq!(two.joined(Lang::En, " | "), "ISO27001 | \"NEN 7510, 2017\"");
        assert_eq!(two.joined(Lang::En, "\n"), "ISO27001\n\"NEN 7510, 2017\"");
    }
}
