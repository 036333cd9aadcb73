//! `report --format csv`: the register as one row per resource, for Excel and LibreOffice.
//!
//! # Encoding and layout, and why
//!
//! - **UTF-8 with a byte order mark.** Excel decides the encoding of a CSV file it opens by
//!   double-click from the BOM alone: without one it reads Windows-1252 and Dutch text
//!   (`één`, `financiële`, `’t Vlonder`) comes out garbled. LibreOffice Calc, Python's
//!   `utf-8-sig`, R and pandas recognise the BOM and drop it. UTF-8 without a BOM would only be
//!   safe for tools, not for the people this file is for.
//! - **`;` as separator.** Excel splits a CSV at the *list separator* of the Windows regional
//!   settings, which is `;` for Dutch (nl-NL uses the comma as decimal sign). A `,`-separated
//!   file opened by double-click on a Dutch computer lands in one column. LibreOffice asks for
//!   the separator on import and detects `;`; English Excel needs Data > From Text/CSV, which
//!   detects it too. So `;` works by double-click where most of the readers are, and everywhere
//!   with one import step. No `sep=;` line: it breaks the BOM detection and every other parser.
//! - **RFC 4180 otherwise.** Rows end in CRLF; a field is quoted when it contains `;`, `,`,
//!   `"`, CR or LF (`,` too, so that a reader guessing `,` still keeps the fields whole), and a
//!   `"` inside is doubled. Line breaks inside a value are kept (quoted), as Excel shows them.
//! - **Formula injection.** Values come from many hands. A cell that starts with `=`, `+`, `-`,
//!   `@`, a tab or CR would be run as a formula by spreadsheet programs (`=HYPERLINK(...)`), so
//!   it gets a leading `'`, which shows the text as written. The register has no negative
//!   numbers, so no real value is changed by this.
//! - **Lists within a cell** are joined with ` | `.
//! - **Leading zeros.** The file keeps a KvK number like `08142957` as written; Excel shows it
//!   as the number 8142957 when the file is opened by double-click. Import it with Data >
//!   From Text/CSV and set that column to Text to keep the zero.
//!
//! # Columns
//!
//! The header row holds the column ids below with `--lang en` and their Dutch headings with
//! `--lang nl`. With `--lang en` enumerated values are written as the declaration format spells
//! them (`learning_material`, `signed`, `participant`, `true`), for scripts; with `--lang nl`
//! they are the Dutch labels (`digitaal leermiddel`, `ondertekend`, `deelnemer`, `ja`), for
//! people. Dates are `YYYY-MM-DD`. An absent value is an empty cell.
//!
//! The columns from `supplier_role` on came with catalogue 2 (the supplier's role, subprocessor
//! terms, trackers, processing and AI functions, rights support, exit and CVD). They follow
//! `file` so that a sheet or script that reads the earlier columns by position keeps working;
//! add new columns at the end for the same reason.
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
//! | `purposes` | purposes of the resource and of its fields |
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
//! | `transfers` | `country (mechanism, tia)` per transfer outside the EEA |
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
//!
//! [`columns`] returns the same list (id, Dutch heading, meaning), for the README.

use super::{Coded, FieldEntry, Register, Resource, field_label, labels, location};
use crate::finding::Finding;
use crate::lang::Lang;

/// One column of the CSV.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header with `--lang en`; stable.
    pub id: &'static str,
    /// Header with `--lang nl`.
    pub nl: &'static str,
    pub meaning: &'static str,
    value: fn(&Resource, Lang) -> String,
}

/// The columns, in order.
pub fn columns() -> &'static [Column] {
    COLUMNS
}

/// The header of `lang`.
pub fn header(lang: Lang) -> Vec<&'static str> {
    COLUMNS
        .iter()
        .map(|c| match lang {
            Lang::En => c.id,
            Lang::Nl => c.nl,
        })
        .collect()
}

/// The column list as a Markdown table (for the README).
pub fn columns_markdown() -> String {
    let mut out = String::from("| column | Dutch heading | meaning |\n|---|---|---|\n");
    for c in COLUMNS {
        out.push_str(&format!("| `{}` | {} | {} |\n", c.id, c.nl, c.meaning));
    }
    out
}

/// Renders the register as CSV: BOM, `;`, CRLF, a header row, one row per resource, then one
/// row per file that is not in the register (a file that is not a valid declaration:
/// `not_in_register`) and one for the board configuration when it has findings of its own
/// (`board_configuration`). Those rows fill only `status`, the counts, `findings` and `file`:
/// a spreadsheet of the register must not look clean while files of the inventory have errors.
pub fn render(register: &Register) -> String {
    let lang = register.lang;
    let mut out = String::from("\u{feff}");
    push_row(&mut out, header(lang).into_iter().map(str::to_string));
    for r in &register.resources {
        push_row(&mut out, COLUMNS.iter().map(|c| (c.value)(r, lang)));
    }
    for o in &register.other_files {
        push_row(
            &mut out,
            COLUMNS.iter().map(|c| match c.id {
                "status" => match (lang, o.checked) {
                    (Lang::En, true) => "not_in_register".to_string(),
                    (Lang::En, false) => "board_configuration".to_string(),
                    (Lang::Nl, true) => labels::words(lang).not_in_register_status.to_string(),
                    (Lang::Nl, false) => labels::words(lang).config_status.to_string(),
                },
                "errors" => o.counts.errors.to_string(),
                "warnings" => o.counts.warnings.to_string(),
                "infos" => o.counts.infos.to_string(),
                "waived" => o.counts.waived.to_string(),
                "findings" => finding_list(&o.findings, lang),
                "file" => o.file.clone(),
                _ => String::new(),
            }),
        );
    }
    out
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| cell(&c)).collect();
    out.push_str(&cells.join(";"));
    out.push_str("\r\n");
}

/// One field: guarded against formula injection, then quoted when needed (RFC 4180).
pub(crate) fn cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([';', ',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A list within a cell.
fn join<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// An enumerated value: the format's code in English, the label in Dutch.
fn coded(c: &Coded, lang: Lang) -> String {
    match lang {
        Lang::En => c.code.clone(),
        Lang::Nl => c.label.clone(),
    }
}

fn opt_coded(c: Option<&Coded>, lang: Lang) -> String {
    c.map(|c| coded(c, lang)).unwrap_or_default()
}

fn codes(list: &[Coded], lang: Lang) -> String {
    join(&list.iter().map(|c| coded(c, lang)).collect::<Vec<_>>())
}

fn flag(value: Option<bool>, lang: Lang) -> String {
    match (value, lang) {
        (None, _) => String::new(),
        (Some(b), Lang::En) => b.to_string(),
        (Some(b), Lang::Nl) => labels::yes_no(lang, b).to_string(),
    }
}

fn number(value: Option<u64>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

fn opt(value: Option<&String>) -> String {
    value.cloned().unwrap_or_default()
}

/// The fields of one category (`None`: outside the vocabulary).
fn fields(r: &Resource, category: Option<&str>) -> String {
    let list: Vec<String> = r
        .categories
        .iter()
        .filter(|g| g.category.as_deref() == category)
        .flat_map(|g| g.fields.iter().map(field_label))
        .collect();
    join(&list)
}

fn findings(r: &Resource, lang: Lang) -> String {
    finding_list(&r.findings, lang)
}

fn finding_list(findings: &[Finding], lang: Lang) -> String {
    let list: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{} {}: {} ({})",
                f.code,
                f.severity.label(lang),
                f.message,
                location(f)
            )
        })
        .collect();
    join(&list)
}

fn field_retention(r: &Resource, lang: Lang) -> String {
    let list: Vec<String> = r
        .categories
        .iter()
        .flat_map(|g| &g.fields)
        .filter_map(|f: &FieldEntry| {
            f.retention_days.map(|d| match lang {
                Lang::En => format!("{}: {d}", f.name),
                Lang::Nl => format!("{}: {}", f.name, labels::days(lang, d)),
            })
        })
        .collect();
    join(&list)
}

fn tracking(r: &Resource, lang: Lang) -> String {
    let list: Vec<String> = r
        .tracking
        .iter()
        .flatten()
        .map(|t| {
            let extra = [
                t.purpose.as_ref().map(|p| coded(p, lang)),
                t.country.clone(),
            ];
            with_details(&t.vendor, extra.into_iter().flatten().collect())
        })
        .collect();
    join(&list)
}

fn ai_features(r: &Resource, lang: Lang) -> String {
    let list: Vec<String> = r
        .processing
        .ai_features
        .iter()
        .flatten()
        .map(|f| {
            let mut extra: Vec<String> = f.purpose.iter().cloned().collect();
            if let Some(a) = f.assesses_learning {
                extra.push(format!("assesses_learning: {}", flag(Some(a), lang)));
            }
            with_details(&f.name, extra)
        })
        .collect();
    join(&list)
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

const COLUMNS: &[Column] = &[
    Column {
        id: "id",
        nl: "id",
        meaning: "resource id",
        value: |r, _| r.id.clone(),
    },
    Column {
        id: "name",
        nl: "naam",
        meaning: "product name",
        value: |r, _| r.name.clone(),
    },
    Column {
        id: "type",
        nl: "soort",
        meaning: "resource type",
        value: |r, lang| coded(&r.kind, lang),
    },
    Column {
        id: "sectors",
        nl: "sectoren",
        meaning: "education sectors (po, vo, so, mbo)",
        value: |r, _| join(&r.sectors),
    },
    Column {
        id: "supplier",
        nl: "leverancier",
        meaning: "supplier's legal name",
        value: |r, _| r.supplier.name.clone(),
    },
    Column {
        id: "supplier_kvk",
        nl: "KvK-nummer",
        meaning: "supplier's KvK number",
        value: |r, _| opt(r.supplier.kvk.as_ref()),
    },
    Column {
        id: "supplier_country",
        nl: "land leverancier",
        meaning: "supplier's country of establishment (ISO code)",
        value: |r, _| opt(r.supplier.country.as_ref()),
    },
    Column {
        id: "privacy_contact",
        nl: "privacycontact",
        meaning: "supplier's privacy contact (e-mail or URL)",
        value: |r, _| opt(r.supplier.privacy_contact.as_ref()),
    },
    Column {
        id: "data_subjects",
        nl: "betrokkenen",
        meaning: "whose data: pupils, parents, teachers, staff",
        value: |r, lang| codes(&r.data_subjects, lang),
    },
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
    Column {
        id: "purposes",
        nl: "doelen",
        meaning: "purposes of the resource and of its fields",
        value: |r, lang| codes(&r.purposes, lang),
    },
    Column {
        id: "lawful_basis",
        nl: "grondslag",
        meaning: "lawful basis (AVG art. 6(1))",
        value: |r, lang| opt_coded(r.lawful_basis.as_ref(), lang),
    },
    Column {
        id: "agreement_status",
        nl: "verwerkersovereenkomst",
        meaning: "processing agreement: signed, pending, none",
        value: |r, lang| opt_coded(r.agreement.status.as_ref(), lang),
    },
    Column {
        id: "agreement_model",
        nl: "model verwerkersovereenkomst",
        meaning: "model of the processing agreement",
        value: |r, lang| opt_coded(r.agreement.model.as_ref(), lang),
    },
    Column {
        id: "agreement_signed_on",
        nl: "ondertekend op",
        meaning: "date the agreement was signed",
        value: |r, _| opt(r.agreement.signed_on.as_ref()),
    },
    Column {
        id: "agreement_expires_on",
        nl: "loopt af op",
        meaning: "date the agreement ends (empty: no end date)",
        value: |r, _| opt(r.agreement.expires_on.as_ref()),
    },
    Column {
        id: "convenant_status",
        nl: "convenant",
        meaning: "convenant: participant, supporter, none",
        value: |r, lang| opt_coded(r.convenant.status.as_ref(), lang),
    },
    Column {
        id: "convenant_version",
        nl: "convenantversie",
        meaning: "convenant version signed",
        value: |r, _| opt(r.convenant.version.as_ref()),
    },
    Column {
        id: "privacy_leaflet_url",
        nl: "privacybijsluiter",
        meaning: "the privacybijsluiter",
        value: |r, _| {
            r.leaflet
                .as_ref()
                .map(|l| l.url.clone())
                .unwrap_or_default()
        },
    },
    Column {
        id: "privacy_leaflet_updated_on",
        nl: "privacybijsluiter bijgewerkt op",
        meaning: "date on the privacybijsluiter",
        value: |r, _| {
            r.leaflet
                .as_ref()
                .and_then(|l| l.updated_on.clone())
                .unwrap_or_default()
        },
    },
    Column {
        id: "hosting_countries",
        nl: "opslaglanden",
        meaning: "where the data are stored and processed",
        value: |r, _| join(r.hosting.as_deref().unwrap_or_default()),
    },
    Column {
        id: "subprocessors",
        nl: "subverwerkers",
        meaning: "`name (service, country)` per subprocessor",
        value: |r, _| {
            let list: Vec<String> = r
                .subprocessors
                .iter()
                .map(|s| {
                    let extra = [s.service.clone(), s.country.clone()];
                    with_details(&s.name, extra.into_iter().flatten().collect())
                })
                .collect();
            join(&list)
        },
    },
    Column {
        id: "transfers",
        nl: "doorgifte buiten de EER",
        meaning: "`country (mechanism, tia)` per transfer outside the EEA",
        value: |r, lang| {
            let list: Vec<String> = r
                .transfers
                .iter()
                .map(|t| {
                    let mut extra = Vec::new();
                    if let Some(m) = &t.mechanism {
                        extra.push(coded(m, lang));
                    }
                    if let Some(tia) = t.tia {
                        extra.push(format!("tia: {}", flag(Some(tia), lang)));
                    }
                    with_details(&t.country, extra)
                })
                .collect();
            join(&list)
        },
    },
    Column {
        id: "dpia_status",
        nl: "DPIA",
        meaning: "DPIA: done, not_required, pending, none",
        value: |r, lang| opt_coded(r.dpia.status.as_ref(), lang),
    },
    Column {
        id: "dpia_date",
        nl: "DPIA-datum",
        meaning: "date of the DPIA",
        value: |r, _| opt(r.dpia.date.as_ref()),
    },
    Column {
        id: "delete_after_contract_days",
        nl: "verwijderd na contract (dagen)",
        meaning: "days after the contract ends by which all data are deleted",
        value: |r, _| number(r.delete_after_contract_days),
    },
    Column {
        id: "field_retention_days",
        nl: "bewaartermijnen per gegeven",
        meaning: "`field: days` per field with its own retention term",
        value: field_retention,
    },
    Column {
        id: "breach_notification_hours",
        nl: "melding datalek (uren)",
        meaning: "hours within which the supplier reports a data breach",
        value: |r, _| number(r.breach_notification_hours),
    },
    Column {
        id: "certifications",
        nl: "certificeringen",
        meaning: "security certifications",
        value: |r, _| join(r.certifications.as_deref().unwrap_or_default()),
    },
    Column {
        id: "images_processed",
        nl: "beeldmateriaal verwerkt",
        meaning: "photos or video of pupils processed",
        value: |r, lang| flag(r.images.processed, lang),
    },
    Column {
        id: "images_published",
        nl: "beeldmateriaal gepubliceerd",
        meaning: "photos or video of pupils published",
        value: |r, lang| flag(r.images.published, lang),
    },
    Column {
        id: "images_consent",
        nl: "toestemming beeldmateriaal",
        meaning: "how consent for images is obtained",
        value: |r, lang| opt_coded(r.images.consent.as_ref(), lang),
    },
    Column {
        id: "status",
        nl: "status",
        meaning: "`errors`, `warnings` (warnings only) or `compliant` (no open error or warning); `not_in_register` on the rows after the resources, one per file that is not a valid declaration, and `board_configuration` on a row for the board configuration when it has findings of its own, such as an expired waiver (only the counts, `findings` and `file` are filled in there)",
        value: |r, lang| match lang {
            Lang::En => r.status().code().to_string(),
            Lang::Nl => r.status().label(lang).to_string(),
        },
    },
    Column {
        id: "errors",
        nl: "fouten",
        meaning: "number of open errors",
        value: |r, _| r.counts.errors.to_string(),
    },
    Column {
        id: "warnings",
        nl: "waarschuwingen",
        meaning: "number of open warnings",
        value: |r, _| r.counts.warnings.to_string(),
    },
    Column {
        id: "infos",
        nl: "info",
        meaning: "number of open infos",
        value: |r, _| r.counts.infos.to_string(),
    },
    Column {
        id: "waived",
        nl: "uitgezonderd",
        meaning: "number of waived findings",
        value: |r, _| r.counts.waived.to_string(),
    },
    Column {
        id: "findings",
        nl: "bevindingen",
        meaning: "open findings as `CODE severity: message (file:line)`",
        value: findings,
    },
    Column {
        id: "file",
        nl: "bestand",
        meaning: "the declaration file",
        value: |r, _| r.file.clone(),
    },
    Column {
        id: "supplier_role",
        nl: "rol leverancier",
        meaning: "the supplier's role: processor, controller, joint_controller (empty: not declared, which the format reads as processor)",
        value: |r, lang| opt_coded(r.role.role.as_ref(), lang),
    },
    Column {
        id: "supplier_own_purposes",
        nl: "eigen doelen leverancier",
        meaning: "purposes the supplier pursues on its own account",
        value: |r, lang| codes(r.role.own_purposes.as_deref().unwrap_or_default(), lang),
    },
    Column {
        id: "disclosure_basis",
        nl: "grondslag verstrekking",
        meaning: "statutory basis of a disclosure to a controller or joint controller",
        value: |r, _| opt(r.role.disclosure_basis.as_ref()),
    },
    Column {
        id: "subprocessor_authorisation",
        nl: "toestemming subverwerkers",
        meaning: "authorisation of subprocessors: specific, general",
        value: |r, lang| opt_coded(r.subprocessor_terms.authorisation.as_ref(), lang),
    },
    Column {
        id: "subprocessor_notice_days",
        nl: "aankondiging nieuwe subverwerker (dagen)",
        meaning: "days of notice before a new subprocessor is engaged",
        value: |r, _| number(r.subprocessor_terms.notice_days),
    },
    Column {
        id: "subprocessor_objection",
        nl: "bezwaar tegen nieuwe subverwerker",
        meaning: "what the school can do about a new subprocessor: object, terminate, none",
        value: |r, lang| opt_coded(r.subprocessor_terms.objection.as_ref(), lang),
    },
    Column {
        id: "tracking",
        nl: "cookies en trackers",
        meaning: "`vendor (purpose, country)` per cookie, SDK or tracker",
        value: tracking,
    },
    Column {
        id: "processing_profiling",
        nl: "profilering",
        meaning: "the product profiles pupils",
        value: |r, lang| flag(r.processing.profiling, lang),
    },
    Column {
        id: "processing_automated_decisions",
        nl: "geautomatiseerde besluiten",
        meaning: "the product takes decisions with legal or similar effect without a person",
        value: |r, lang| flag(r.processing.automated_decisions, lang),
    },
    Column {
        id: "processing_behaviour_monitoring",
        nl: "monitoren van gedrag",
        meaning: "the product systematically monitors behaviour",
        value: |r, lang| flag(r.processing.behaviour_monitoring, lang),
    },
    Column {
        id: "processing_emotion_recognition",
        nl: "emotieherkenning",
        meaning: "the product infers emotions",
        value: |r, lang| flag(r.processing.emotion_recognition, lang),
    },
    Column {
        id: "ai_features",
        nl: "AI-functies",
        meaning: "`name (purpose, assesses_learning)` per AI function",
        value: ai_features,
    },
    Column {
        id: "rights_access",
        nl: "hulp bij inzage",
        meaning: "the supplier helps with requests for access (art. 15)",
        value: |r, lang| flag(r.rights_support.access, lang),
    },
    Column {
        id: "rights_rectification",
        nl: "hulp bij rectificatie",
        meaning: "the supplier helps with rectification (art. 16)",
        value: |r, lang| flag(r.rights_support.rectification, lang),
    },
    Column {
        id: "rights_erasure",
        nl: "hulp bij wissen",
        meaning: "the supplier helps with erasure (art. 17)",
        value: |r, lang| flag(r.rights_support.erasure, lang),
    },
    Column {
        id: "rights_objection",
        nl: "hulp bij bezwaar",
        meaning: "the supplier helps with objections (art. 21)",
        value: |r, lang| flag(r.rights_support.objection, lang),
    },
    Column {
        id: "rights_export",
        nl: "hulp bij export",
        meaning: "the supplier helps with data portability (art. 20)",
        value: |r, lang| flag(r.rights_support.export, lang),
    },
    Column {
        id: "rights_response_working_days",
        nl: "antwoord op verzoek (werkdagen)",
        meaning: "working days within which the supplier delivers what the school needs for a request",
        value: |r, _| number(r.rights_support.response_working_days),
    },
    Column {
        id: "return_on_exit_formats",
        nl: "formaten teruggave",
        meaning: "formats in which the school gets its data back at the end",
        value: |r, _| join(r.exit.formats.as_deref().unwrap_or_default()),
    },
    Column {
        id: "return_on_exit_days",
        nl: "teruggave na contract (dagen)",
        meaning: "days after the contract ends within which the data are returned",
        value: |r, _| number(r.exit.days),
    },
    Column {
        id: "deletion_certificate",
        nl: "verwijdering schriftelijk bevestigd",
        meaning: "the supplier confirms deletion in writing",
        value: |r, lang| flag(r.exit.deletion_certificate, lang),
    },
    Column {
        id: "vulnerability_disclosure_url",
        nl: "beleid melden kwetsbaarheden",
        meaning: "the supplier's coordinated vulnerability disclosure (CVD) policy",
        value: |r, _| opt(r.cvd.url.as_ref()),
    },
    Column {
        id: "security_txt",
        nl: "security.txt",
        meaning: "whether `/.well-known/security.txt` (RFC 9116) exists",
        value: |r, lang| flag(r.cvd.security_txt, lang),
    },
    Column {
        id: "pentest_on",
        nl: "laatste penetratietest",
        meaning: "date of the last independent penetration test",
        value: |r, _| opt(r.cvd.pentest_on.as_ref()),
    },
];

/// `head (a, b)`, or `head` alone when there are no details.
fn with_details(head: &str, details: Vec<String>) -> String {
    if details.is_empty() {
        head.to_string()
    } else {
        format!("{head} ({})", details.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_guarded() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a;b"), "\"a;b\"");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+31 20"), "'+31 20");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tcmd"), "'\tcmd");
        assert_eq!(cell("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn the_documented_columns_are_the_columns() {
        let doc = include_str!("csv.rs");
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
    }
}
