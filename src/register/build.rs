//! Building the register from a run: each schema-valid declaration read into a [`Resource`],
//! the overview counts, the files outside the register and the rules that occur.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde_json::Value;

use super::*;
use crate::dates::parse_date;
use crate::finding::Finding;
use crate::lang::Lang;
use crate::report::{Declaration, Report};
use crate::vocabulary::{CATEGORIES, country};

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
            .filter(|f| !in_register.contains(&***f))
            .map(|file| other(file, true, by_file.get(&**file)))
            .collect();
        other_files.extend(
            by_file
                .iter()
                .filter(|(file, _)| !report.checked.iter().any(|c| &**c == **file))
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
    pub(crate) fn today_text(&self) -> String {
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

/// The enumerated values of the list at `pointer` with their labels, or `None` when there is
/// no list there.
fn declared_codes(
    doc: &Value,
    pointer: &str,
    lang: Lang,
    label: fn(Lang, &str) -> std::borrow::Cow<'_, str>,
) -> Option<Vec<Coded>> {
    declared(doc, pointer).map(|codes| {
        codes
            .iter()
            .map(|c| Coded::new(c, label(lang, c)))
            .collect()
    })
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

pub(super) fn resource(
    d: &Declaration,
    findings: &[&Finding],
    lang: Lang,
    today: NaiveDate,
) -> Resource {
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
                subjects: own("subjects")
                    .and_then(Value::as_array)
                    .map(|ss| {
                        ss.iter()
                            .filter_map(Value::as_str)
                            .map(|s| Coded::new(s, labels::subject(lang, s)))
                            .collect()
                    })
                    .unwrap_or_default(),
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
        covers: declared_codes(doc, "/privacy_leaflet/covers", lang, labels::section),
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
        declared: Declared {
            purposes: declared_codes(doc, "/purposes", lang, labels::purpose),
            sectors: declared(doc, "/sectors"),
            data_subjects: declared_codes(doc, "/data_subjects", lang, labels::subject),
            fields: doc.get("fields").is_some_and(Value::is_array),
            subprocessors: doc.get("subprocessors").is_some_and(Value::is_array),
            transfers: doc.get("transfers").is_some_and(Value::is_array),
            national_id_legal_basis: text(doc, "/national_id_legal_basis"),
            biometric_necessity: text(doc, "/biometric_necessity"),
            improvement_data: coded(
                lang,
                text(doc, "/improvement_data"),
                labels::improvement_data,
            ),
        },
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
            annexes: declared_codes(doc, "/processing_agreement/annexes", lang, labels::annex),
            covers: declared_codes(doc, "/processing_agreement/covers", lang, labels::clause),
            national_agreement: text(doc, "/processing_agreement/national_agreement"),
            deviations: flag("/processing_agreement/deviations"),
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
                occasional: t.get("occasional").and_then(Value::as_bool),
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
