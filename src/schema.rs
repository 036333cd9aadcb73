//! The embedded JSON Schemas and the structural checks that run before any policy:
//! `DECL-004` (apiVersion, kind, a mapping at all) and `DECL-002` (the schema).
//!
//! The schemas are compiled once per run with `jsonschema` built without its HTTP and file
//! resolvers (every `$ref` is local). Valid documents take the fast `is_valid` path; only
//! invalid ones walk `iter_errors`, whose errors are mapped to catalogue variants so that the
//! message names the key or value in both languages.

use std::collections::BTreeMap;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::codes::EngineCode;
use crate::error::Error;
use crate::locate::{SpanMap, push_token};
use crate::suggest::closest;

pub(crate) const RESOURCE_SCHEMA: &str = include_str!("../schemas/resource.schema.json");
pub(crate) const CONFIG_SCHEMA: &str = include_str!("../schemas/config.schema.json");

pub(crate) const API_VERSION: &str = "ibp-lint/v1";
pub(crate) const RESOURCE_KIND: &str = "LearningResource";

/// A structural problem before positions are attached: which code, at which pointer, which
/// catalogue variant, with which arguments; `at_key` points at the key instead of the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: EngineCode,
    pub pointer: String,
    pub at_key: bool,
    pub variant: &'static str,
    pub args: BTreeMap<String, String>,
}

fn problem(
    code: EngineCode,
    pointer: String,
    variant: &'static str,
    args: &[(&str, String)],
) -> Problem {
    let mut args: BTreeMap<String, String> = args
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect();
    // Every message can name the offending key (`hosting.countries[0]`), `/` for the document.
    let field = dotted(&pointer);
    args.entry("field".to_string())
        .or_insert(if field.is_empty() {
            "/".to_string()
        } else {
            field
        });
    Problem {
        code,
        pointer,
        at_key: false,
        variant,
        args,
    }
}

/// A compiled schema.
pub struct Schema {
    validator: Validator,
    /// The schema itself, to find the allowed keys for a "did you mean".
    document: Value,
    /// Where the country codes are (pointers, `*` for every list item): the schema checks their
    /// form (two letters), [`Schema::validate`] that ISO 3166-1 assigned them.
    countries: &'static [&'static str],
}

/// The country codes of a declaration.
const RESOURCE_COUNTRIES: &[&str] = &[
    "/supplier/country",
    "/hosting/countries/*",
    "/subprocessors/*/country",
    "/transfers/*/country",
];

/// The country codes of a board configuration.
const CONFIG_COUNTRIES: &[&str] = &["/settings/adequate_countries/*"];

impl Schema {
    pub fn resource() -> Result<Self, Error> {
        Self::compile(RESOURCE_SCHEMA, RESOURCE_COUNTRIES)
    }

    pub fn config() -> Result<Self, Error> {
        Self::compile(CONFIG_SCHEMA, CONFIG_COUNTRIES)
    }

    fn compile(text: &str, countries: &'static [&'static str]) -> Result<Self, Error> {
        let schema: Value = serde_json::from_str(text).map_err(|e| Error::Schema(e.to_string()))?;
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .map_err(|e| Error::Schema(e.to_string()))?;
        Ok(Self {
            validator,
            document: schema,
            countries,
        })
    }

    /// All schema problems of `instance` (empty when valid), as `DECL-002`.
    pub fn validate(&self, instance: &Value) -> Vec<Problem> {
        let mut out = Vec::new();
        if !self.validator.is_valid(instance) {
            for error in self.validator.iter_errors(instance) {
                map_error(&self.document, &error, &mut out);
            }
            out.dedup();
        }
        let mut at = Vec::new();
        for pattern in self.countries {
            unknown_countries(instance, pattern, &mut at, &mut out);
        }
        out
    }
}

/// `DECL-002` for every two-letter code at `pattern` that is not an assigned ISO 3166-1
/// alpha-2 code (`XX`, `ZZ`): the schema only checks the form, and a made-up code would
/// otherwise read as a country outside the EEA. Other values are the schema's business. `at`
/// holds the tokens walked so far; a pointer is only written for a problem.
fn unknown_countries<'a>(
    value: &'a Value,
    pattern: &str,
    at: &mut Vec<std::borrow::Cow<'a, str>>,
    out: &mut Vec<Problem>,
) {
    let Some(rest) = pattern.strip_prefix('/') else {
        if let Some(code) = value.as_str() {
            let two_letters = code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic());
            if two_letters && !crate::vocabulary::is_country(code) {
                let pointer = at.iter().fold(String::new(), |p, t| push_token(&p, t));
                out.push(problem(
                    EngineCode::Decl002,
                    pointer,
                    "unknown_country",
                    &[("value", code.to_string())],
                ));
            }
        }
        return;
    };
    let (token, rest) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match (token, value) {
        ("*", Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                at.push(std::borrow::Cow::Owned(i.to_string()));
                unknown_countries(item, rest, at, out);
                at.pop();
            }
        }
        (key, Value::Object(map)) => {
            if let Some((key, child)) = map.get_key_value(key) {
                at.push(std::borrow::Cow::Borrowed(key.as_str()));
                unknown_countries(child, rest, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// `DECL-004`: the document must be a mapping with the supported `apiVersion` and `kind`.
pub fn check_header(doc: &Value, spans: &SpanMap) -> Vec<Problem> {
    let Value::Object(map) = doc else {
        let variant = if doc.is_null() {
            "empty"
        } else {
            "not_mapping"
        };
        return vec![problem(EngineCode::Decl004, String::new(), variant, &[])];
    };
    let _ = spans;
    let mut out = Vec::new();
    for (key, expected) in [("apiVersion", API_VERSION), ("kind", RESOURCE_KIND)] {
        match map.get(key) {
            None => out.push(problem(
                EngineCode::Decl004,
                format!("/{key}"),
                "missing",
                &[("key", key.to_string())],
            )),
            Some(Value::String(s)) if s == expected => {}
            Some(other) => out.push(problem(
                EngineCode::Decl004,
                format!("/{key}"),
                "unsupported",
                &[
                    ("key", key.to_string()),
                    ("value", show(other)),
                    ("expected", expected.to_string()),
                ],
            )),
        }
    }
    out
}

fn map_error(schema: &Value, error: &ValidationError<'_>, out: &mut Vec<Problem>) {
    let pointer = error.instance_path().as_str().to_string();
    let instance = error.instance();
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed = allowed_keys(schema, error.schema_path().as_str());
            for key in unexpected {
                let suggestion = closest(key, allowed.iter().map(String::as_str));
                let mut p = match suggestion {
                    Some(s) => problem(
                        EngineCode::Decl002,
                        push_token(&pointer, key),
                        "unknown_key_suggestion",
                        &[("key", key.clone()), ("suggestion", s.to_string())],
                    ),
                    None => problem(
                        EngineCode::Decl002,
                        push_token(&pointer, key),
                        "unknown_key",
                        &[("key", key.clone())],
                    ),
                };
                p.at_key = true;
                out.push(p);
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| show(property), str::to_string);
            let missing = push_token(&pointer, &name);
            out.push(problem(
                EngineCode::Decl002,
                missing.clone(),
                "missing_key",
                &[("key", dotted(&missing))],
            ));
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let variant = if pointer == "/supplier/kvk" && instance.is_number() {
                "kvk_unquoted"
            } else {
                "wrong_type"
            };
            // As JSON, so a quoted number (`"24"`) reads as the string it is.
            let value = match instance.as_ref() {
                Value::String(_) => show(&Value::String(instance.to_string())),
                other => show(other),
            };
            out.push(problem(
                EngineCode::Decl002,
                pointer,
                variant,
                &[("value", value), ("expected", expected)],
            ));
        }
        ValidationErrorKind::Enum { options } => out.push(problem(
            EngineCode::Decl002,
            pointer,
            "not_allowed",
            &[("value", as_yaml(instance)), ("allowed", list(options))],
        )),
        ValidationErrorKind::Constant { expected_value } => out.push(problem(
            EngineCode::Decl002,
            pointer,
            "not_allowed",
            &[
                ("value", as_yaml(instance)),
                ("allowed", as_yaml(expected_value)),
            ],
        )),
        ValidationErrorKind::Pattern { .. } => {
            let variant = if pointer == "/supplier/privacy_contact" {
                "contact"
            } else {
                "pattern"
            };
            out.push(problem(
                EngineCode::Decl002,
                pointer,
                variant,
                &[("value", show(instance))],
            ));
        }
        ValidationErrorKind::Format { format } if format == "date" => {
            out.push(problem(
                EngineCode::Decl002,
                pointer,
                "bad_date",
                &[("value", show(instance))],
            ));
        }
        ValidationErrorKind::Minimum { limit } => out.push(problem(
            EngineCode::Decl002,
            pointer,
            "too_small",
            &[("value", show(instance)), ("min", show(limit))],
        )),
        ValidationErrorKind::MinLength { limit } => out.push(problem(
            EngineCode::Decl002,
            pointer,
            "too_small",
            &[
                ("value", show(instance)),
                ("min", format!("{limit} characters")),
            ],
        )),
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            map_alternatives(schema, error, context, out);
        }
        _ => out.push(problem(
            EngineCode::Decl002,
            pointer,
            "other",
            &[("detail", error.to_string())],
        )),
    }
}

/// For `anyOf`/`oneOf`: report the branch whose type fits the value (so a long-form field
/// with a typo reports the typo), or else merge the branches into one "allowed" list.
fn map_alternatives(
    schema: &Value,
    error: &ValidationError<'_>,
    context: &[Vec<ValidationError<'static>>],
    out: &mut Vec<Problem>,
) {
    let pointer = error.instance_path().as_str().to_string();
    // Only errors about the value itself are merged into one "not allowed" or "wrong type":
    // an error inside it (a misspelt purpose in a long-form field) is reported where it is.
    let at_value = |e: &ValidationError<'_>| e.instance_path().as_str() == pointer;
    let is_type_error = |e: &ValidationError<'_>| {
        matches!(e.kind(), ValidationErrorKind::Type { .. }) && at_value(e)
    };
    if let Some(branch) = context
        .iter()
        .find(|branch| !branch.is_empty() && !branch.iter().any(is_type_error))
    {
        let all_enum = context.iter().all(|b| {
            b.iter().all(|e| {
                is_type_error(e)
                    || (matches!(e.kind(), ValidationErrorKind::Enum { .. }) && at_value(e))
            })
        });
        if !all_enum {
            for e in branch {
                map_error(schema, e, out);
            }
            return;
        }
    }
    let mut allowed: Vec<String> = Vec::new();
    let mut types = Vec::new();
    for e in context.iter().flatten() {
        match e.kind() {
            ValidationErrorKind::Enum { options } => {
                if let Value::Array(items) = options.as_ref() {
                    for item in items.iter().map(as_yaml) {
                        if !allowed.contains(&item) {
                            allowed.push(item);
                        }
                    }
                }
            }
            ValidationErrorKind::Type {
                kind: TypeKind::Single(t),
            } => types.push(t.to_string()),
            _ => {}
        }
    }
    let instance = error.instance();
    if allowed.is_empty() {
        out.push(problem(
            EngineCode::Decl002,
            pointer,
            "wrong_type",
            &[("value", show(instance)), ("expected", types.join(" or "))],
        ));
    } else {
        out.push(problem(
            EngineCode::Decl002,
            pointer,
            "not_allowed",
            &[
                ("value", as_yaml(instance)),
                ("allowed", allowed.join(", ")),
            ],
        ));
    }
}

/// The property names the schema allows where an `additionalProperties` error was raised
/// (`schema_path` ends in `/additionalProperties`; `$ref` segments are followed).
fn allowed_keys(schema: &Value, schema_path: &str) -> Vec<String> {
    let mut node = schema;
    let segments: Vec<&str> = schema_path.split('/').skip(1).collect();
    let Some((_, parents)) = segments.split_last() else {
        return Vec::new();
    };
    for segment in parents {
        let next = if *segment == "$ref" {
            node.get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|p| schema.pointer(p))
        } else if let Ok(i) = segment.parse::<usize>() {
            node.get(i)
        } else {
            node.get(*segment)
        };
        match next {
            Some(n) => node = n,
            None => return Vec::new(),
        }
    }
    node.get("properties")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// `/supplier/name` as `supplier.name`, `/subprocessors/0/country` as `subprocessors[0].country`.
pub(crate) fn dotted(pointer: &str) -> String {
    let mut out = String::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(&token);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    out
}

/// A value as a finding shows it: strings bare, everything else as compact JSON, shortened.
pub fn show(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 80 {
        let short: String = text.chars().take(77).collect();
        format!("{short}...")
    } else {
        text
    }
}

/// A value of an enumeration as it must be written in YAML: [`show`], with quotes around a
/// string that YAML would otherwise read as a number, boolean or null (`"4.0"`), so that
/// `value "4" is not allowed, expected one of: "4.0", 4` says what to write.
fn as_yaml(value: &Value) -> String {
    match value {
        // Read unquoted the way the parser reads it: quoted only where that is not a string.
        Value::String(s) if !crate::parse::resolve_plain(s).is_string() => {
            format!("\"{}\"", show(value))
        }
        other => show(other),
    }
}

fn list(options: &Value) -> String {
    match options {
        Value::Array(items) => items.iter().map(as_yaml).collect::<Vec<_>>().join(", "),
        other => as_yaml(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn enumeration_values_are_shown_as_they_must_be_written() {
        assert_eq!(
            list(&json!([
                "1.0",
                "4.0",
                "general-4.0",
                4,
                "2026-01-01",
                "true",
                "NL"
            ])),
            "\"1.0\", \"4.0\", general-4.0, 4, 2026-01-01, \"true\", NL"
        );
        assert_eq!(as_yaml(&json!("4")), "\"4\"");
        assert_eq!(as_yaml(&json!(4)), "4");
        assert_eq!(as_yaml(&json!("deelnemer")), "deelnemer");
    }

    #[test]
    fn dotted_paths_read_like_yaml() {
        assert_eq!(
            dotted("/subprocessors/0/country"),
            "subprocessors[0].country"
        );
        assert_eq!(dotted("/supplier/name"), "supplier.name");
    }

    #[test]
    fn header_problems_name_the_key() {
        let spans = SpanMap::default();
        let got = check_header(&json!({"apiVersion": "ibp-lint/v2"}), &spans);
        let variants: Vec<_> = got
            .iter()
            .map(|p| (p.variant, p.pointer.as_str()))
            .collect();
        assert_eq!(
            variants,
            vec![("unsupported", "/apiVersion"), ("missing", "/kind")]
        );
        assert_eq!(check_header(&json!(null), &spans)[0].variant, "empty");
        assert_eq!(check_header(&json!([1]), &spans)[0].variant, "not_mapping");
    }
}
