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
//! `{resource, fields: [{id, name, category, path, purposes}], purposes: [{value, path}]}`.

use serde_json::{Map, Value, json};

use crate::locate::push_token;
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
    pub input: Value,
    pub fields: Vec<Field>,
}

/// Builds the policy input of one schema-valid declaration.
pub fn normalize(doc: &Value, vocabulary: &Vocabulary) -> Normalized {
    let mut resource = doc.clone();
    normalise_countries(&mut resource);
    for pointer in ["/processing_agreement/model", "/convenant/version"] {
        if let Some(v) = resource.pointer_mut(pointer) {
            if let Some(n) = v.as_f64() {
                *v = Value::String(format!("{n:.1}"));
            }
        }
    }

    let mut fields = Vec::new();
    let mut field_values = Vec::new();
    let mut purposes = Vec::new();
    if let Some(Value::Array(items)) = doc.get("purposes") {
        for (i, p) in items.iter().enumerate() {
            if let Some(s) = p.as_str() {
                purposes.push(json!({"value": s, "path": format!("/purposes/{i}")}));
            }
        }
    }
    if let Some(Value::Array(items)) = doc.get("fields") {
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("/fields/{i}");
            let (name, path, own_purposes) = match item {
                Value::String(s) => (s.as_str(), item_path.clone(), None),
                Value::Object(map) => (
                    map.get("field").and_then(Value::as_str).unwrap_or_default(),
                    push_token(&item_path, "field"),
                    map.get("purposes").and_then(Value::as_array),
                ),
                _ => continue,
            };
            let resolved = vocabulary.resolve(name);
            let mut field_purposes = Vec::new();
            for (j, p) in own_purposes.into_iter().flatten().enumerate() {
                if let Some(s) = p.as_str() {
                    field_purposes.push(Value::String(s.to_string()));
                    purposes.push(json!({"value": s, "path": format!("{item_path}/purposes/{j}")}));
                }
            }
            field_values.push(json!({
                "id": resolved.id,
                "name": name,
                "category": resolved.category.clone().unwrap_or_else(|| "unknown".to_string()),
                "known": resolved.category.is_some(),
                "path": path,
                "purposes": field_purposes,
            }));
            fields.push(Field {
                id: resolved.id,
                name: name.to_string(),
                category: resolved.category,
                path,
            });
        }
    }

    let mut input = Map::new();
    input.insert("resource".into(), resource);
    input.insert("fields".into(), Value::Array(field_values));
    input.insert("purposes".into(), Value::Array(purposes));
    Normalized {
        input: Value::Object(input),
        fields,
    }
}

fn normalise_countries(resource: &mut Value) {
    let fix = |v: &mut Value| {
        if let Value::String(s) = v {
            *s = country(s);
        }
    };
    if let Some(v) = resource.pointer_mut("/supplier/country") {
        fix(v);
    }
    if let Some(Value::Array(items)) = resource.pointer_mut("/hosting/countries") {
        items.iter_mut().for_each(fix);
    }
    for list in ["subprocessors", "transfers"] {
        if let Some(Value::Array(items)) = resource.get_mut(list) {
            for item in items {
                if let Some(v) = item.get_mut("country") {
                    fix(v);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let r = n.input.get("resource").cloned().unwrap_or_default();
        assert_eq!(r.pointer("/hosting/countries"), Some(&json!(["NL", "GR"])));
        assert_eq!(r.pointer("/supplier/country"), Some(&json!("GB")));
        assert_eq!(
            r.pointer("/processing_agreement/model"),
            Some(&json!("4.0"))
        );
        assert_eq!(r.pointer("/convenant/version"), Some(&json!("3.0")));
        assert_eq!(
            n.input.get("purposes"),
            Some(&json!([
                {"value": "education", "path": "/purposes/0"},
                {"value": "advertising", "path": "/fields/1/purposes/0"}
            ]))
        );
    }
}
