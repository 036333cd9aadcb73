//! The values of the register's columns ([`super::columns`]) for one resource: enumerated
//! values as codes or labels, lists with their items quoted where needed, and the entries with
//! details (`name (service, country)`) that `import` reads back.

use super::columns::{Cell, quoted};
use super::{Coded, FieldEntry, OtherFile, Resource, field_label, labels, location};
use crate::finding::Finding;
use crate::lang::Lang;

/// An enumerated value: the format's code in English, the label in Dutch.
pub(super) fn coded(c: &Coded, lang: Lang) -> String {
    match lang {
        Lang::En => c.code.clone(),
        Lang::Nl => c.label.clone(),
    }
}

pub(super) fn opt_coded(c: Option<&Coded>, lang: Lang) -> Cell {
    Cell::text(c.map(|c| coded(c, lang)).unwrap_or_default())
}

/// A list of enumerated values: absent, declared empty, or the values.
pub(super) fn code_list(list: Option<&[Coded]>, lang: Lang) -> Cell {
    match list {
        None => Cell::empty(),
        Some(list) => Cell::List(list.iter().map(|c| coded(c, lang)).collect()),
    }
}

/// A list of free text: absent, declared empty, or the items quoted where needed.
pub(super) fn text_list(list: Option<&[String]>) -> Cell {
    match list {
        None => Cell::empty(),
        Some(list) => Cell::List(list.iter().map(|s| quoted(s)).collect()),
    }
}

/// A list that the model keeps as entries, present or not.
pub(super) fn entries(declared: bool, items: Vec<String>) -> Cell {
    if declared || !items.is_empty() {
        Cell::List(items)
    } else {
        Cell::empty()
    }
}

pub(super) fn flag_text(value: bool, lang: Lang) -> String {
    match lang {
        Lang::En => value.to_string(),
        Lang::Nl => labels::yes_no(lang, value).to_string(),
    }
}

pub(super) fn flag(value: Option<bool>, lang: Lang) -> Cell {
    Cell::text(value.map(|b| flag_text(b, lang)).unwrap_or_default())
}

pub(super) fn number(value: Option<u64>) -> Cell {
    value.map_or_else(Cell::empty, Cell::Number)
}

pub(super) fn opt(value: Option<&String>) -> Cell {
    Cell::text(value.cloned().unwrap_or_default())
}

pub(super) fn date(value: Option<&String>) -> Cell {
    value.map_or_else(Cell::empty, |d| Cell::Date(d.clone()))
}

/// The fields of one category (`None`: outside the vocabulary), as `name (canonical_id)` when
/// the two differ. A `fields: []` is marked in the first category's column.
pub(super) fn fields(r: &Resource, category: Option<&str>) -> Cell {
    let list: Vec<String> = r
        .categories
        .iter()
        .filter(|g| g.category.as_deref() == category)
        .flat_map(|g| g.fields.iter().map(|f| field_item(f, field_label(f))))
        .collect();
    let no_fields = r.declared.fields && r.categories.is_empty();
    if no_fields && category == Some("pseudonym") {
        Cell::List(Vec::new())
    } else if list.is_empty() {
        Cell::empty()
    } else {
        Cell::List(list)
    }
}

/// A field as a list item: its name quoted where needed, then what `label` adds to it.
pub(super) fn field_item(f: &FieldEntry, label: String) -> String {
    match label.strip_prefix(f.name.as_str()) {
        Some(rest) => format!("{}{rest}", quoted(&f.name)),
        None => quoted(&label),
    }
}

/// `field (a, b)` per field for which `details` gives something.
pub(super) fn per_field(r: &Resource, details: impl Fn(&FieldEntry) -> Vec<String>) -> Cell {
    let list: Vec<String> = r
        .categories
        .iter()
        .flat_map(|g| &g.fields)
        .filter_map(|f| {
            let d = details(f);
            (!d.is_empty()).then(|| with_details(&quoted(&f.name), d))
        })
        .collect();
    if list.is_empty() {
        Cell::empty()
    } else {
        Cell::List(list)
    }
}

pub(super) fn findings(r: &Resource, lang: Lang) -> Cell {
    finding_list(&r.findings, lang)
}

/// Open findings as `CODE severity: message (file:line)`.
pub(super) fn finding_list(findings: &[Finding], lang: Lang) -> Cell {
    if findings.is_empty() {
        return Cell::empty();
    }
    Cell::List(
        findings
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
            .collect(),
    )
}

pub(super) fn field_retention(r: &Resource, lang: Lang) -> Cell {
    let list: Vec<String> = r
        .categories
        .iter()
        .flat_map(|g| &g.fields)
        .filter_map(|f: &FieldEntry| {
            let name = quoted(&f.name);
            f.retention_days.map(|d| match lang {
                Lang::En => format!("{name}: {d}"),
                Lang::Nl => format!("{name}: {}", labels::days(lang, d)),
            })
        })
        .collect();
    if list.is_empty() {
        Cell::empty()
    } else {
        Cell::List(list)
    }
}

pub(super) fn tracking(r: &Resource, lang: Lang) -> Cell {
    match &r.tracking {
        None => Cell::empty(),
        Some(list) => Cell::List(
            list.iter()
                .map(|t| {
                    let extra = [
                        t.purpose.as_ref().map(|p| coded(p, lang)),
                        t.country.clone(),
                    ];
                    with_details(&quoted(&t.vendor), extra.into_iter().flatten().collect())
                })
                .collect(),
        ),
    }
}

pub(super) fn ai_features(r: &Resource, lang: Lang) -> Cell {
    match &r.processing.ai_features {
        None => Cell::empty(),
        Some(list) => Cell::List(
            list.iter()
                .map(|f| {
                    let mut extra: Vec<String> = f.purpose.iter().map(|p| quoted(p)).collect();
                    if let Some(a) = f.assesses_learning {
                        extra.push(format!("assesses_learning: {}", flag_text(a, lang)));
                    }
                    with_details(&quoted(&f.name), extra)
                })
                .collect(),
        ),
    }
}

pub(super) fn subprocessors(r: &Resource, _: Lang) -> Cell {
    let list: Vec<String> = r
        .subprocessors
        .iter()
        .map(|s| {
            // A two-letter service (`IT`) is quoted: unquoted it would read back as a country.
            let service = s.service.as_deref().map(|v| {
                if v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic()) {
                    format!("\"{v}\"")
                } else {
                    quoted(v)
                }
            });
            let extra = [service, s.country.clone()];
            with_details(&quoted(&s.name), extra.into_iter().flatten().collect())
        })
        .collect();
    entries(r.declared.subprocessors, list)
}

pub(super) fn transfers(r: &Resource, lang: Lang) -> Cell {
    let list: Vec<String> = r
        .transfers
        .iter()
        .map(|t| {
            let mut extra = Vec::new();
            if let Some(m) = &t.mechanism {
                extra.push(coded(m, lang));
            }
            if let Some(tia) = t.tia {
                extra.push(format!("tia: {}", flag_text(tia, lang)));
            }
            if let Some(o) = t.occasional {
                extra.push(format!("occasional: {}", flag_text(o, lang)));
            }
            with_details(&quoted(&t.country), extra)
        })
        .collect();
    entries(r.declared.transfers, list)
}

/// `head (a, b)`, or `head` alone when there are no details.
pub(super) fn with_details(head: &str, details: Vec<String>) -> String {
    if details.is_empty() {
        head.to_string()
    } else {
        format!("{head} ({})", details.join(", "))
    }
}

/// A cell of the row of a file outside the register (the CSV's and the workbook's rows after
/// the resources): `status`, the counts, `findings` and `file`; the other cells are empty.
pub(super) fn other_cell(column: &str, o: &OtherFile, lang: Lang) -> Cell {
    match column {
        "status" => Cell::Text(
            match (lang, o.checked) {
                (Lang::En, true) => "not_in_register",
                (Lang::En, false) => "board_configuration",
                (Lang::Nl, true) => labels::words(lang).not_in_register_status,
                (Lang::Nl, false) => labels::words(lang).config_status,
            }
            .to_string(),
        ),
        "errors" => Cell::Number(o.counts.errors as u64),
        "warnings" => Cell::Number(o.counts.warnings as u64),
        "infos" => Cell::Number(o.counts.infos as u64),
        "waived" => Cell::Number(o.counts.waived as u64),
        "findings" => finding_list(&o.findings, lang),
        "file" => Cell::Text(o.file.clone()),
        _ => Cell::Text(String::new()),
    }
}
