//! From a schema-valid declaration to the input the policies read.
//!
//! Resolves every field name (canonical id or Dutch alias, any spelling) to its canonical id and
//! category, collects the resource's purposes with those of its long-form fields, and writes
//! values the YAML allows in several spellings in one form: country codes upper case with `EL`
//! as `GR` and `UK` as `GB`; agreement model and convenant version as strings (`4` and `4.0`
//! become `"4.0"`). The original document stays under `input.resource` with those values
//! normalised in place; every list the rules iterate carries the JSON Pointer of its node so a
//! policy can report exactly where a value sits.
//!
//! Policy input shape (documented for policy authors in `policies/README.md`):
//! `{resource, fields: [{id, name, category, known, path, purposes, subjects}], categories: {category:
//! [field]}, purposes: [{value, path}], purpose_values: {value}, countries: {country}, leaflet:
//! {scheme, host}}`. The two sets (`purpose_values`, `countries`: hosting, subprocessor and
//! supplier countries) let a rule test with one set operation whether any value concerns it
//! before it walks a list: XFER-001, PURP-001 and ID-002 took about 22,000 instructions per
//! file less to evaluate (16,000 net of building the sets), most declarations having no
//! location outside the EEA and no forbidden purpose.
//!
//! `leaflet` is the privacy leaflet URL parsed (its syntax, RFC 3986): the policies decide
//! what a leaflet URL must be (`LEAF-002`: https with a host) from its parts. Parsing it
//! with Rego's string functions took 27 calls, about 70,000 instructions per file, as much as
//! all other leaflet rules together.
//!
//! The input is built as a `regorus::Value` in one pass over the document, the normalised
//! values written as they are converted: no copy of the JSON document is made and converted
//! again (that copy cost as much as a third of the policy evaluation), and the field objects
//! under `categories` are the same values as under `fields`.

use std::collections::{BTreeMap, BTreeSet};

use regorus::Value as Rego;
use serde_json::Value;

use crate::locate::{push_index, push_token};
use crate::policy::{rego_object, sorted_entries, to_rego};
use crate::vocabulary::{Vocabulary, country};

/// A field entry after alias resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub id: String,
    pub name: String,
    /// `None` when the name is not in the vocabulary (`DECL-003`).
    pub category: Option<String>,
    /// Pointer of the node naming the field.
    pub path: String,
}

/// The normalised policy input and the resolved fields.
pub struct Normalized {
    pub input: Rego,
    pub fields: Vec<Field>,
}

/// Builds the policy input of one schema-valid declaration.
pub fn normalize(doc: &Value, vocabulary: &Vocabulary) -> Normalized {
    let mut fields = Vec::new();
    let mut field_values = Vec::new();
    let mut categories: BTreeMap<Rego, Vec<Rego>> = BTreeMap::new();
    let mut purposes = Vec::new();
    let mut purpose_values = BTreeSet::new();
    if let Some(Value::Array(items)) = doc.get("purposes") {
        for (i, p) in items.iter().enumerate() {
            if let Some(s) = p.as_str() {
                purposes.push(purpose(s, push_index("/purposes", i)));
                purpose_values.insert(Rego::from(s));
            }
        }
    }
    if let Some(Value::Array(items)) = doc.get("fields") {
        let student = Rego::from(vec![Rego::from("student")]);
        for (i, item) in items.iter().enumerate() {
            let item_path = push_index("/fields", i);
            let (name, path, own_purposes, subjects) = match item {
                Value::String(s) => (s.as_str(), item_path.clone(), None, None),
                Value::Object(map) => (
                    map.get("field").and_then(Value::as_str).unwrap_or_default(),
                    push_token(&item_path, "field"),
                    map.get("purposes").and_then(Value::as_array),
                    map.get("subjects").and_then(Value::as_array),
                ),
                _ => continue,
            };
            // Whose data the field is (format.md): absent means the pupil's.
            let subjects = match subjects {
                Some(list) => Rego::from(list.iter().map(to_rego).collect::<Vec<_>>()),
                None => student.clone(),
            };
            let resolved = vocabulary.resolve(name);
            let mut field_purposes = Vec::new();
            let purposes_path = own_purposes
                .map(|_| push_token(&item_path, "purposes"))
                .unwrap_or_default();
            for (j, p) in own_purposes.into_iter().flatten().enumerate() {
                if let Some(s) = p.as_str() {
                    field_purposes.push(Rego::from(s));
                    purposes.push(purpose(s, push_index(&purposes_path, j)));
                    purpose_values.insert(Rego::from(s));
                }
            }
            let category = Rego::from(resolved.category.as_deref().unwrap_or("unknown"));
            let value = object([
                ("category", category.clone()),
                ("id", Rego::from(resolved.id.as_str())),
                ("known", Rego::from(resolved.category.is_some())),
                ("name", Rego::from(name)),
                ("path", Rego::from(path.as_str())),
                ("purposes", Rego::from(field_purposes)),
                ("subjects", subjects),
            ]);
            categories.entry(category).or_default().push(value.clone());
            field_values.push(value);
            fields.push(Field {
                id: resolved.id,
                name: name.to_string(),
                category: resolved.category,
                path,
            });
        }
    }
    let categories = rego_object(categories.into_iter().map(|(k, v)| (k, Rego::from(v))));
    let leaflet = match doc.get("privacy_leaflet").and_then(|l| l.get("url")) {
        Some(Value::String(url)) => leaflet_facts(url),
        _ => Rego::new_object(),
    };
    let input = object([
        ("categories", categories),
        ("countries", Rego::from(location_countries(doc))),
        ("fields", Rego::from(field_values)),
        ("leaflet", leaflet),
        ("purpose_values", Rego::from(purpose_values)),
        ("purposes", Rego::from(purposes)),
        ("resource", resource(doc)),
    ]);
    Normalized { input, fields }
}

/// An object of fixed keys, given in sorted order so that building the map needs no sort.
fn object<const N: usize>(entries: [(&str, Rego); N]) -> Rego {
    rego_object(entries.into_iter().map(|(k, v)| (Rego::from(k), v)))
}

fn purpose(value: &str, path: String) -> Rego {
    object([
        ("path", Rego::from(path.as_str())),
        ("value", Rego::from(value)),
    ])
}

/// The declaration as the policies see it: country codes upper case with `EL` as `GR` and
/// `UK` as `GB` (supplier, hosting, subprocessors, transfers), and the agreement model and
/// convenant version as strings (`4` and `4.0` become `"4.0"`).
fn resource(doc: &Value) -> Rego {
    let Value::Object(map) = doc else {
        return to_rego(doc);
    };
    let entries = sorted_entries(map).into_iter().map(|(k, v)| {
        let converted = match k.as_str() {
            "supplier" => with_child(v, "country", country_value),
            "hosting" => with_child(v, "countries", |c| match c {
                Value::Array(items) => {
                    Rego::from(items.iter().map(country_value).collect::<Vec<_>>())
                }
                other => to_rego(other),
            }),
            "subprocessors" | "transfers" => match v {
                Value::Array(items) => Rego::from(
                    items
                        .iter()
                        .map(|item| with_child(item, "country", country_value))
                        .collect::<Vec<_>>(),
                ),
                other => to_rego(other),
            },
            "processing_agreement" => with_child(v, "model", version_value),
            "convenant" => with_child(v, "version", version_value),
            _ => to_rego(v),
        };
        (Rego::from(k.as_str()), converted)
    });
    rego_object(entries)
}

/// The countries of every location `XFER-001` weighs, normalised as under `resource`: hosting
/// countries, subprocessor countries and the supplier's country. A set, so that a policy can
/// first ask with one set operation whether any lies outside a group of countries, and walk
/// the locations (with their paths) only when one does.
fn location_countries(doc: &Value) -> BTreeSet<Rego> {
    let hosting = doc
        .get("hosting")
        .and_then(|h| h.get("countries"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    let subprocessors = doc
        .get("subprocessors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("country"));
    let supplier = doc.get("supplier").and_then(|s| s.get("country"));
    hosting
        .chain(subprocessors)
        .chain(supplier)
        .filter_map(Value::as_str)
        .map(|c| Rego::from(country(c).as_str()))
        .collect()
}

/// `value` converted, its child `key` (when `value` is a mapping) through `convert`.
fn with_child(value: &Value, key: &str, convert: impl Fn(&Value) -> Rego) -> Rego {
    let Value::Object(map) = value else {
        return to_rego(value);
    };
    rego_object(sorted_entries(map).into_iter().map(|(k, v)| {
        let converted = if k == key { convert(v) } else { to_rego(v) };
        (Rego::from(k.as_str()), converted)
    }))
}

/// `{scheme, host}` of the leaflet URL, each present only where `parse_url` finds it.
fn leaflet_facts(url: &str) -> Rego {
    let Some(parsed) = parse_url(url) else {
        return Rego::new_object();
    };
    let scheme = ("scheme", Rego::from(parsed.scheme.as_str()));
    match parsed.host {
        Some(host) => object([("host", Rego::from(host)), scheme]),
        None => object([scheme]),
    }
}

/// The parts of an absolute URL the policies look at.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ParsedUrl<'a> {
    /// The scheme, lower case.
    pub scheme: String,
    /// The host name or bracketed IP literal, as written; `None` when the authority has no
    /// host, or its host or port is not valid.
    pub host: Option<&'a str>,
}

/// Parses `scheme://authority[/path][?query][#fragment]`. `None` for anything else: no
/// `://`, an invalid scheme, or white space (space, tab, CR, LF) anywhere. A host name is
/// letters, digits, `-`, `_` and `.`, with no empty label and no label that starts or ends
/// with `-` (one trailing `.` allowed); an IP literal is `[` hex digits, `:` and `.` `]`; a
/// port is 1 to 5 digits, at most 65535. User info (up to the last `@`) is skipped.
pub(crate) fn parse_url(url: &str) -> Option<ParsedUrl<'_>> {
    if url.contains([' ', '\t', '\n', '\r']) {
        return None;
    }
    let (scheme, rest) = url.split_once("://")?;
    let mut chars = scheme.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    Some(ParsedUrl {
        scheme: scheme.to_ascii_lowercase(),
        host: valid_host(host_port),
    })
}

/// The host of `host[:port]` or `[literal][:port]` when host and port are valid.
fn valid_host(host_port: &str) -> Option<&str> {
    if let Some(after_bracket) = host_port.strip_prefix('[') {
        let close = after_bracket.find(']')?;
        let literal = after_bracket.get(..close)?;
        let port = after_bracket.get(close + 1..)?;
        let valid = !literal.is_empty()
            && literal
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'))
            && (port.is_empty() || port.strip_prefix(':').is_some_and(valid_port));
        return valid.then(|| host_port.get(..close + 2)).flatten();
    }
    let host = match host_port.split_once(':') {
        None => host_port,
        Some((host, port)) if valid_port(port) => host,
        Some(_) => return None,
    };
    let name = host.strip_suffix('.').unwrap_or(host);
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with(['.', '-'])
        && !name.ends_with(['.', '-'])
        && !name.contains("..")
        && !name.contains(".-")
        && !name.contains("-.");
    valid.then_some(host)
}

/// 1 to 5 digits, at most 65535.
fn valid_port(port: &str) -> bool {
    (1..=5).contains(&port.len())
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u16>().is_ok()
}

fn country_value(value: &Value) -> Rego {
    match value {
        Value::String(s) => Rego::from(country(s).as_str()),
        other => to_rego(other),
    }
}

fn version_value(value: &Value) -> Rego {
    match value.as_f64() {
        Some(n) => Rego::from(format!("{n:.1}").as_str()),
        None => to_rego(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn aliases_countries_and_models_are_normalised() {
        let doc = json!({
            "fields": ["Voornaam", {"field": "ECK iD", "purposes": ["advertising"]}, "schoenmaat"],
            "purposes": ["education"],
            "hosting": {"countries": ["nl", "EL"]},
            "supplier": {"name": "x", "country": "uk"},
            "processing_agreement": {"model": 4.0},
            "convenant": {"version": 3}
        });
        let n = normalize(&doc, &Vocabulary::default());
        let input: Value = serde_json::to_value(&n.input).unwrap_or_default();
        let ids: Vec<_> = n
            .fields
            .iter()
            .map(|f| (f.id.as_str(), f.path.as_str()))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("first_name", "/fields/0"),
                ("eck_id", "/fields/1/field"),
                ("schoenmaat", "/fields/2")
            ]
        );
        assert_eq!(n.fields.get(2).and_then(|f| f.category.clone()), None);
        let r = input.get("resource").cloned().unwrap_or_default();
        assert_eq!(r.pointer("/hosting/countries"), Some(&json!(["NL", "GR"])));
        assert_eq!(r.pointer("/supplier/country"), Some(&json!("GB")));
        assert_eq!(
            r.pointer("/processing_agreement/model"),
            Some(&json!("4.0"))
        );
        assert_eq!(r.pointer("/convenant/version"), Some(&json!("3.0")));
        assert_eq!(
            input.pointer("/categories/identifying/0/name"),
            Some(&json!("Voornaam"))
        );
        assert_eq!(
            input.pointer("/categories/pseudonym/0/path"),
            Some(&json!("/fields/1/field"))
        );
        assert_eq!(
            input.pointer("/categories/unknown/0/known"),
            Some(&json!(false))
        );
        assert_eq!(
            input.get("purposes"),
            Some(&json!([
                {"value": "education", "path": "/purposes/0"},
                {"value": "advertising", "path": "/fields/1/purposes/0"}
            ]))
        );
        // The two sets, sorted and without repeats (sets serialise as arrays).
        assert_eq!(
            input.get("purpose_values"),
            Some(&json!(["advertising", "education"]))
        );
        assert_eq!(input.get("countries"), Some(&json!(["GB", "GR", "NL"])));
    }

    #[test]
    fn countries_of_every_location_are_one_set() {
        let doc = json!({
            "hosting": {"countries": ["NL", "us", 7]},
            "subprocessors": [{"name": "a", "country": "US"}, {"name": "b"}, {"name": "c", "country": "ch"}],
            "supplier": {"name": "x", "country": "NL"},
            "purposes": ["education", "education"],
            "transfers": [{"country": "JP", "mechanism": "scc"}]
        });
        let input: Value = serde_json::to_value(&normalize(&doc, &Vocabulary::default()).input)
            .unwrap_or_default();
        // Transfers are no location; a value that is not a string is the schema's business.
        assert_eq!(input.get("countries"), Some(&json!(["CH", "NL", "US"])));
        assert_eq!(input.get("purpose_values"), Some(&json!(["education"])));
        let empty = normalize(&json!({"fields": []}), &Vocabulary::default()).input;
        let empty: Value = serde_json::to_value(&empty).unwrap_or_default();
        assert_eq!(empty.get("countries"), Some(&json!([])));
        assert_eq!(empty.get("purpose_values"), Some(&json!([])));
    }

    #[test]
    fn leaflet_urls_are_parsed_into_scheme_and_valid_host() {
        fn host(url: &str) -> Option<&str> {
            parse_url(url).and_then(|p| p.host)
        }
        let scheme = |url: &str| parse_url(url).map(|p| p.scheme);
        // Valid: the host as written, the scheme in lower case.
        for (url, expected) in [
            (
                "https://www.voorbeeld.example/privacy.pdf",
                "www.voorbeeld.example",
            ),
            (
                "HTTPS://Voorbeeld.example:8443/p?taal=nl#doel",
                "Voorbeeld.example",
            ),
            ("https://voorbeeld.example", "voorbeeld.example"),
            ("https://privacy@voorbeeld.example/p", "voorbeeld.example"),
            ("https://u@v@voorbeeld.example", "voorbeeld.example"),
            ("https://voorbeeld.example.", "voorbeeld.example."),
            ("https://[2001:db8::1]/p", "[2001:db8::1]"),
            ("https://[::1]:8443", "[::1]"),
            ("https://h:65535/p", "h"),
            ("https://h?x", "h"),
            ("https://h#x/y", "h"),
            (
                "http://www.voorbeeld.example/privacy.pdf",
                "www.voorbeeld.example",
            ),
        ] {
            assert_eq!(host(url), Some(expected), "{url}");
        }
        assert_eq!(
            scheme("HTTPS://Voorbeeld.example").as_deref(),
            Some("https")
        );
        assert_eq!(scheme("http://h").as_deref(), Some("http"));
        // An absolute URL without a valid host (or port): the scheme alone.
        for url in [
            "https://",
            "https:///privacy.pdf",
            "https://:443/privacy.pdf",
            "https://privacy@/p",
            "https://-voorbeeld.example",
            "https://voorbeeld-.example",
            "https://.voorbeeld.example",
            "https://voorbeeld..example",
            "https://voorbeeld.example..",
            "https://voorbeeld.-example",
            "https://é.example",
            "https://h:",
            "https://h:123456",
            "https://h:65536",
            "https://x.example:99999/",
            "https://h:80:80",
            "https://h:8x",
            "https://[]",
            "https://[g::1]",
            "https://[::1]x",
            "https://[::1]:",
        ] {
            assert_eq!(scheme(url).as_deref(), Some("https"), "{url}");
            assert_eq!(host(url), None, "{url}");
        }
        // Not an absolute URL at all.
        for url in [
            "www.voorbeeld.example/privacy.pdf",
            "/privacy.pdf",
            "privacybijsluiter.pdf",
            "https:/voorbeeld.example",
            "//voorbeeld.example",
            "1https://voorbeeld.example",
            "https://www.voorbeeld.example/privacy bijsluiter.pdf",
            "https://h\tx",
            " https://voorbeeld.example",
        ] {
            assert_eq!(parse_url(url), None, "{url}");
        }
    }
}
