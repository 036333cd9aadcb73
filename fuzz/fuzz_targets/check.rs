//! Fuzz target `check`: one input = the bytes of one declaration file, driven through
//! bytes -> parse -> locate -> schema -> policies -> render, the pipeline of
//! `tests/mutations.rs`, with the same properties: no panic, every finding's line and column
//! inside the file, every finding's path resolving in the parsed document.
//!
//! The library has no public in-memory "check one text"; `check::run` reads files and
//! builds the catalogue, schema and policy pack on every call (~10 ms). So every input goes
//! through an in-memory copy of `check_text` (src/check.rs) made of the same public stages
//! (`parse::decode`, `parse::parse`, `schema::check_header`, `Schema::validate`,
//! `normalize`, `Evaluator::evaluate`, `SpanMap::locate`, `Rule::render`, `render::render`),
//! with the expensive parts built once. A deterministic sample of the inputs (by hash; all of
//! them with `IBP_FUZZ_FULL_EVERY=1`, none with `0`) also goes through the real `check::run`
//! on a temp file, whose findings must match the in-memory ones (code, place, path).
//!
//! Beyond `tests/mutations.rs`: the JSON, SARIF and GitLab outputs must be valid JSON and the
//! JUnit output well-formed XML (what tests/formats.rs promises for the fixtures).

#![no_main]

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use chrono::{Days, Months, NaiveDate};
use ibp_lint::catalogue::{Catalogue, Lang};
use ibp_lint::check::{Options, Report, run};
use ibp_lint::config::{Config, Settings};
use ibp_lint::finding::{Finding, Severity};
use ibp_lint::locate::{Located, Position};
use ibp_lint::normalize::normalize;
use ibp_lint::parse::{self, Problem};
use ibp_lint::policy::{EngineKind, EvalError, Evaluator, PolicyPack, RawFinding};
use ibp_lint::render::{Format, HumanOptions, render};
use ibp_lint::schema::Schema;
use ibp_lint::vocabulary::Vocabulary;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

const FORMATS: [Format; 7] = [
    Format::Human,
    Format::Concise,
    Format::Json,
    Format::Sarif,
    Format::Junit,
    Format::Github,
    Format::Gitlab,
];

/// The file name findings carry (the display path `check::run` would give it).
const DISPLAY: &str = "fuzz/d.yaml";

struct Shared {
    catalogue: &'static Catalogue,
    schema: Schema,
    vocabulary: Vocabulary,
    settings: Settings,
    today: NaiveDate,
    evaluator: Mutex<Evaluator>,
    /// Temp folder for the real `check::run` (one file, `d.yaml`).
    dir: PathBuf,
    full_every: u64,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let config = Config::default();
        let settings = config.settings.clone();
        let pack = PolicyPack::new(&[], policy_data(&settings, today), EngineKind::Rvm).unwrap();
        let dir = std::env::temp_dir().join(format!("ibp-lint-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // `check::run` looks for a board configuration upwards from the folder.
        assert!(
            Config::discover(&dir).is_none(),
            "an ibp-lint.yaml above {} would change the run",
            dir.display()
        );
        let full_every = std::env::var("IBP_FUZZ_FULL_EVERY")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(16);
        Shared {
            catalogue: Catalogue::builtin().unwrap(),
            schema: Schema::resource().unwrap(),
            vocabulary: config.vocabulary(),
            settings,
            today,
            evaluator: Mutex::new(pack.evaluator().unwrap()),
            dir,
            full_every,
        }
    })
}

/// Copy of `check::policy_data` (private there): the settings the policies read.
fn policy_data(s: &Settings, today: NaiveDate) -> Value {
    let until = today
        .checked_add_days(Days::new(u64::from(s.agreement_expiry_warning_days)))
        .unwrap_or(NaiveDate::MAX);
    let cutoff = today
        .checked_sub_months(Months::new(s.leaflet_max_age_months))
        .unwrap_or(NaiveDate::MIN);
    json!({
        "settings": {
            "today": today.format("%Y-%m-%d").to_string(),
            "expiry_warning_until": until.format("%Y-%m-%d").to_string(),
            "agreement_expiry_warning_days": s.agreement_expiry_warning_days,
            "leaflet_cutoff": cutoff.format("%Y-%m-%d").to_string(),
            "leaflet_max_age_months": s.leaflet_max_age_months,
            "breach_max_hours": s.breach_max_hours,
            "max_deletion_days": s.max_deletion_days,
            "adequate_countries": s.adequate_countries,
        }
    })
}

fn finding(
    sh: &Shared,
    resource: Option<&str>,
    code: &str,
    located: Located,
    variant: Option<&str>,
    args: &BTreeMap<String, String>,
    field: Option<String>,
    severity: Option<Severity>,
) -> Finding {
    // `check::run` fails the whole run (exit 2) when a code is not in the catalogue.
    let rule = sh
        .catalogue
        .get(code)
        .unwrap_or_else(|| panic!("`{code}` is not in the rule catalogue"));
    let rendered = rule.render(Lang::default(), variant, args);
    Finding {
        code: code.to_string(),
        severity: severity.unwrap_or(rule.severity),
        file: DISPLAY.to_string(),
        resource: resource.map(str::to_string),
        path: located.pointer,
        position: located.position,
        message: rendered.message,
        help: rendered.help,
        references: rule.references.clone(),
        field,
        related: Vec::new(),
        waived: None,
        value_hash: String::new(),
        baselined: false,
    }
}

fn decl001(sh: &Shared, position: Position, variant: &str, args: &[(&str, String)]) -> Finding {
    let args = args.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect();
    let located = Located {
        pointer: String::new(),
        position,
    };
    finding(sh, None, "DECL-001", located, Some(variant), &args, None, None)
}

/// Copy of `check::check_text` (and the decode step of `check_file`) over the public stages.
fn check_bytes(sh: &Shared, bytes: &[u8]) -> (Vec<Finding>, Option<String>, usize) {
    let text = match parse::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            let f = decl001(sh, e.position, "not_utf8", &[]);
            return (vec![f], Some(String::from_utf8_lossy(bytes).into_owned()), 0);
        }
    };
    let mut out = Vec::new();
    let mut resources = 0;
    check_text(sh, text, &mut out, &mut resources);
    let source = (!out.is_empty()).then(|| text.to_string());
    (out, source, resources)
}

fn check_text(sh: &Shared, text: &str, out: &mut Vec<Finding>, resources: &mut usize) {
    let doc = match parse::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let (variant, args) = match e.problem {
                Problem::Syntax(detail) => ("syntax", vec![("detail", detail)]),
                Problem::MultiDocument(n) => ("multi_document", vec![("count", n.to_string())]),
                Problem::DuplicateKey(key) => ("duplicate_key", vec![("key", key)]),
                Problem::NotUtf8 => ("not_utf8", vec![]),
                Problem::TooDeep(max) => ("too_deep", vec![("max", max.to_string())]),
                Problem::AliasLimit(max) => ("alias_limit", vec![("max", max.to_string())]),
                Problem::TooManyNodes(max) => ("too_many_nodes", vec![("max", max.to_string())]),
            };
            out.push(decl001(sh, e.position, variant, &args));
            return;
        }
    };
    let spans = &doc.spans;
    let id = doc.value.get("id").and_then(Value::as_str).map(str::to_string);
    if id.is_some() {
        *resources += 1;
    }
    let mut structural = ibp_lint::schema::check_header(&doc.value, spans);
    if structural.is_empty() {
        structural = sh.schema.validate(&doc.value);
    }
    if !structural.is_empty() {
        for p in structural {
            let located = if p.at_key {
                spans.locate_key(&p.pointer)
            } else if p.code == "DECL-004" && p.pointer.is_empty() {
                let root = spans.get("").filter(|_| !doc.value.is_null());
                Located {
                    pointer: String::new(),
                    position: root.map_or(Position::START, |n| n.value),
                }
            } else {
                spans.locate(&p.pointer)
            };
            let args = p.args.into_iter().collect();
            out.push(finding(sh, id.as_deref(), p.code, located, Some(p.variant), &args, None, None));
        }
        return;
    }
    let normalized = normalize(&doc.value, &sh.vocabulary);
    for field in normalized.fields.iter().filter(|f| f.category.is_none()) {
        let mut args = BTreeMap::from([("field".to_string(), field.name.clone())]);
        let suggestion = ibp_lint::suggest::closest(&field.id, sh.vocabulary.names());
        if let Some(s) = suggestion {
            args.insert("suggestion".to_string(), s.to_string());
        }
        out.push(finding(
            sh,
            id.as_deref(),
            "DECL-003",
            spans.locate(&field.path),
            suggestion.map(|_| "suggestion"),
            &args,
            Some(field.id.clone()),
            None,
        ));
    }
    let personal = normalized
        .fields
        .iter()
        .any(|f| f.category.as_deref() != Some("organisation"))
        || doc.value.pointer("/images/processed") == Some(&Value::Bool(true))
        || doc.value.pointer("/images/published") == Some(&Value::Bool(true));
    if !personal {
        return;
    }
    let raw = sh.evaluator.lock().unwrap().evaluate(normalized.input);
    let raw: Vec<RawFinding> = match raw {
        Ok(raw) => raw,
        // `check::run` fails the whole run (exit 2): a policy bug for this input.
        Err(EvalError::Malformed(e)) => panic!("policy output malformed: {e}"),
        Err(EvalError::File(detail)) => {
            let args = BTreeMap::from([("detail".to_string(), detail)]);
            let located = Located {
                pointer: String::new(),
                position: spans.first_key(),
            };
            out.push(finding(sh, id.as_deref(), "POL-001", located, None, &args, None, None));
            return;
        }
    };
    for r in raw {
        let severity = r.severity.as_deref().map(|s| {
            Severity::parse(s).unwrap_or_else(|| panic!("{} emitted severity `{s}`", r.code))
        });
        assert!(
            r.path.is_empty() || r.path.starts_with('/'),
            "{} emitted path `{}`, which is not a JSON Pointer",
            r.code,
            r.path
        );
        let args: BTreeMap<String, String> = r
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), v)
            })
            .collect();
        out.push(finding(
            sh,
            id.as_deref(),
            &r.code,
            spans.locate(&r.path),
            r.variant.as_deref(),
            &args,
            r.field,
            severity,
        ));
    }
}

fn report(sh: &Shared, findings: Vec<Finding>, source: Option<String>, resources: usize) -> Report {
    let mut findings = findings;
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut sources = HashMap::new();
    if let Some(s) = source {
        sources.insert(DISPLAY.to_string(), s);
    }
    Report {
        catalogue: sh.catalogue.clone(),
        lang: Lang::default(),
        today: sh.today,
        files: 1,
        checked: vec![DISPLAY.to_string()],
        declarations: Vec::new(),
        baseline: None,
        organisation: None,
        settings: sh.settings.clone(),
        inactive: Default::default(),
        resources,
        findings,
        sources,
    }
}

/// Lines of a text as the tool counts them (`\n`, `\r\n` and a lone `\r` end a line).
fn line_lengths(text: &str) -> Vec<usize> {
    let mut lengths = vec![0usize];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
            lengths.push(0);
        } else if c != '\r' {
            *lengths.last_mut().unwrap() += 1;
        }
    }
    lengths
}

/// The properties of `tests/mutations.rs`, plus well-formed machine-readable outputs.
fn check_report(report: &Report, bytes: &[u8]) {
    for format in FORMATS {
        let out = render(report, format, HumanOptions::default());
        // Concise (and GitHub) print findings only, so they may be empty without any.
        assert!(
            !out.is_empty() || (report.findings.is_empty() && matches!(format, Format::Concise | Format::Github)),
            "{format:?} rendered nothing"
        );
        match format {
            Format::Json | Format::Sarif | Format::Gitlab => {
                if let Err(e) = serde_json::from_str::<Value>(&out) {
                    panic!("{format:?} output is not JSON: {e}\n{out}");
                }
            }
            Format::Junit => {
                if let Err(e) = roxmltree::Document::parse(&out) {
                    panic!("JUnit output is not well-formed XML: {e}\n{out}");
                }
            }
            _ => {}
        }
    }
    let human = HumanOptions {
        color: true,
        quiet: false,
        show_waived: true,
        show_baselined: true,
        width: 40,
    };
    assert!(!render(report, Format::Human, human).is_empty());

    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(body).into_owned();
    let lines = line_lengths(&text);
    let doc = std::str::from_utf8(body).ok().and_then(|t| parse::parse(t).ok());
    for f in &report.findings {
        let (line, column) = (f.position.line, f.position.column);
        assert!(
            line >= 1 && line <= lines.len(),
            "line {line} of {} ({})",
            lines.len(),
            f.code
        );
        assert!(
            column >= 1 && column <= lines[line - 1] + 1,
            "{line}: column {column} beyond {} characters ({})",
            lines[line - 1],
            f.code
        );
        if let Some(doc) = &doc {
            assert!(
                f.path.is_empty() || doc.value.pointer(&f.path).is_some(),
                "path {} of {} does not resolve",
                f.path,
                f.code
            );
        }
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The real `check::run` on the bytes as `d.yaml` in a temp folder.
fn full_run(sh: &Shared, bytes: &[u8]) -> Report {
    let file = sh.dir.join("d.yaml");
    std::fs::write(&file, bytes).unwrap();
    let report = run(&Options {
        paths: vec![sh.dir.clone()],
        today: Some(sh.today),
        keep_sources: true,
        jobs: Some(1),
        ..Options::default()
    })
    .unwrap_or_else(|e| panic!("check::run failed: {e}"));
    assert_eq!(report.files, 1);
    report
}

fn places(findings: &[Finding]) -> Vec<(String, usize, usize, String)> {
    let mut v: Vec<_> = findings
        .iter()
        .map(|f| (f.code.clone(), f.position.line, f.position.column, f.path.clone()))
        .collect();
    v.sort();
    v
}

fuzz_target!(|bytes: &[u8]| {
    let sh = shared();
    let (findings, source, resources) = check_bytes(sh, bytes);
    let report = report(sh, findings, source, resources);
    check_report(&report, bytes);

    if sh.full_every != 0 && fnv(bytes) % sh.full_every == 0 {
        let real = full_run(sh, bytes);
        check_report(&real, bytes);
        assert_eq!(
            places(&real.findings),
            places(&report.findings),
            "check::run and the in-memory pipeline disagree"
        );
    }
});
