//! The Rego policy pack, evaluated with regorus.
//!
//! The built-in pack (`policies/*.rego`, embedded in the binary) and any extra policies are
//! parsed and prepared once per run into one engine holding the run's settings as data. Each
//! worker thread then evaluates its files on its own copy of that engine (a private engine per
//! thread: shared reference counts would serialise the workers), with one `set_input` and one
//! evaluation of the entry point `data.ibp.main.findings` per file. Per-file context goes in
//! the input, never in the data: adding data would re-prepare the engine for every file.
//!
//! A finding produced by a policy is an object
//! `{code, path, args, variant?, field?, severity?}`; anything else is a malformed finding
//! and fails the run, since a policy that says something we cannot read must not pass silently.

use std::collections::BTreeMap;

use regorus::Engine;
use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;

/// The entry point every policy contributes to.
pub const ENTRYPOINT: &str = "data.ibp.main.findings";

/// The built-in policy files, in the order they are loaded.
pub const BUILTIN: &[(&str, &str)] = &[
    ("policies/lib.rego", include_str!("../policies/lib.rego")),
    (
        "policies/agreement.rego",
        include_str!("../policies/agreement.rego"),
    ),
    (
        "policies/convenant.rego",
        include_str!("../policies/convenant.rego"),
    ),
    (
        "policies/leaflet.rego",
        include_str!("../policies/leaflet.rego"),
    ),
    (
        "policies/identifiers.rego",
        include_str!("../policies/identifiers.rego"),
    ),
    (
        "policies/minimisation.rego",
        include_str!("../policies/minimisation.rego"),
    ),
    (
        "policies/special.rego",
        include_str!("../policies/special.rego"),
    ),
    (
        "policies/purposes.rego",
        include_str!("../policies/purposes.rego"),
    ),
    (
        "policies/transfers.rego",
        include_str!("../policies/transfers.rego"),
    ),
    (
        "policies/security.rego",
        include_str!("../policies/security.rego"),
    ),
    (
        "policies/roles.rego",
        include_str!("../policies/roles.rego"),
    ),
];

/// The name of a board's rule catalogue, beside its policies.
pub const CUSTOM_CATALOGUE: &str = "catalogue.yaml";

/// Policies and rule metadata added to the built-in pack (`--policy`, `policies:`).
#[derive(Debug, Default)]
pub struct Extra {
    /// (display name, Rego source) of every policy file, unit tests (`*_test.rego`) excluded.
    pub policies: Vec<(String, String)>,
    /// The custom rules declared in `catalogue.yaml` files beside those policies.
    pub rules: Vec<crate::catalogue::Rule>,
}

/// A Rego policy file, not a unit test (`*_test.rego`, run by `verify` only).
fn is_policy_file(path: &std::path::Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".rego") && !n.ends_with("_test.rego"))
}

/// Where `load_extra` reads from: each path, and the `catalogue.yaml` in a folder or beside a
/// `.rego` file. The folder walk of `check` leaves these out: a board's policies kept inside its
/// inventory are not declarations.
pub fn extra_locations<'a>(
    paths: impl Iterator<Item = &'a std::path::PathBuf>,
) -> Vec<std::path::PathBuf> {
    paths
        .flat_map(|path| {
            let catalogue = if path.is_dir() {
                Some(path.join(CUSTOM_CATALOGUE))
            } else if path.extension().is_some_and(|e| e == "rego") {
                Some(path.with_file_name(CUSTOM_CATALOGUE))
            } else {
                None
            };
            std::iter::once(path.clone()).chain(catalogue)
        })
        .collect()
}

/// Reads extra policies: each path is a `.rego` file (with the `catalogue.yaml` beside it, if
/// any), a `catalogue.yaml`, or a folder searched recursively (in sorted order) for both. A file
/// reached twice (the same folder given with `--policy` and in `policies:`, or a folder and a
/// file in it) is read once: its rules would otherwise be declared twice.
pub fn load_extra<'a>(paths: impl Iterator<Item = &'a std::path::PathBuf>) -> Result<Extra, Error> {
    let mut extra = Extra::default();
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| Error::Unreadable {
            path: path.clone(),
            source,
        })?;
        let files: Vec<std::path::PathBuf> = if meta.is_dir() {
            let mut v = Vec::new();
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::Unreadable {
                    path: path.clone(),
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("file system loop")),
                })?;
                if entry.file_type().is_file() {
                    v.push(entry.into_path());
                }
            }
            v
        } else {
            let beside = path.with_file_name(CUSTOM_CATALOGUE);
            let is_rego = path.extension().is_some_and(|e| e == "rego");
            let mut v = vec![path.clone()];
            if is_rego && beside.is_file() {
                v.push(beside);
            }
            v
        };
        // A folder without a policy would add nothing and fail nothing: a board that names one
        // believes its own rules run.
        if meta.is_dir() && !files.iter().any(|f| is_policy_file(f)) {
            return Err(Error::NoBoardPolicy(format!(
                "{}: no policy (a `.rego` file other than `*_test.rego`) in this folder",
                crate::discover::display(path)
            )));
        }
        let files = files.into_iter().filter(|file| {
            let key = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
            seen.insert(key)
        });
        for file in files {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let is_rego = is_policy_file(&file);
            let is_catalogue =
                name == CUSTOM_CATALOGUE || (!meta.is_dir() && name.ends_with(".yaml"));
            if !is_rego && !is_catalogue {
                continue;
            }
            let text = std::fs::read_to_string(&file).map_err(|source| Error::Unreadable {
                path: file.clone(),
                source,
            })?;
            let shown = crate::discover::display(&file);
            if is_rego {
                extra.policies.push((shown, text));
            } else {
                let rules = crate::catalogue::Catalogue::parse_custom(&text)
                    .map_err(|e| Error::BoardCatalogue(format!("{shown}: {e}")))?;
                extra.rules.extend(rules);
            }
        }
    }
    // Only packages under `ibp.rules` are evaluated (see `entry_module`): board policies
    // without one would load and then never fire, a silent pass.
    if !extra.policies.is_empty()
        && !extra
            .policies
            .iter()
            .filter_map(|(_, source)| package_of(source))
            .any(|p| p.starts_with("ibp.rules."))
    {
        let files: Vec<&str> = extra.policies.iter().map(|(n, _)| n.as_str()).collect();
        return Err(Error::NoBoardPolicy(format!(
            "{}: no policy is in a package under `ibp.rules`",
            files.join(", ")
        )));
    }
    Ok(extra)
}

/// The built-in Rego unit tests and their helpers, for `ibp-lint verify` (never loaded by
/// `check`).
pub const BUILTIN_TESTS: &[(&str, &str)] = &[
    (
        "policies/testing.rego",
        include_str!("../policies/testing.rego"),
    ),
    (
        "policies/agreement_test.rego",
        include_str!("../policies/agreement_test.rego"),
    ),
    (
        "policies/convenant_test.rego",
        include_str!("../policies/convenant_test.rego"),
    ),
    (
        "policies/leaflet_test.rego",
        include_str!("../policies/leaflet_test.rego"),
    ),
    (
        "policies/identifiers_test.rego",
        include_str!("../policies/identifiers_test.rego"),
    ),
    (
        "policies/minimisation_test.rego",
        include_str!("../policies/minimisation_test.rego"),
    ),
    (
        "policies/special_test.rego",
        include_str!("../policies/special_test.rego"),
    ),
    (
        "policies/purposes_test.rego",
        include_str!("../policies/purposes_test.rego"),
    ),
    (
        "policies/transfers_test.rego",
        include_str!("../policies/transfers_test.rego"),
    ),
    (
        "policies/security_test.rego",
        include_str!("../policies/security_test.rego"),
    ),
    (
        "policies/roles_test.rego",
        include_str!("../policies/roles_test.rego"),
    ),
];

/// A finding as a policy emits it, before positions and texts are attached.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    pub code: String,
    pub path: String,
    #[serde(default)]
    pub args: BTreeMap<String, Value>,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub severity: Option<String>,
}

/// The prepared pack: policies parsed and the run's settings loaded, ready to be copied to
/// each worker.
#[derive(Clone)]
pub struct PolicyPack {
    engine: Engine,
    vm: Option<VmParts>,
}

/// How the pack is evaluated: regorus's compiled RVM program (the default: about three times
/// faster per file), or its tree-walking interpreter (what `verify` uses, since tests need
/// `with`; kept selectable so a test can prove both give the same findings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EngineKind {
    #[default]
    Rvm,
    Interpreter,
}

/// The package of a Rego source (`package a.b`).
pub fn package_of(source: &str) -> Option<String> {
    source.lines().find_map(|l| {
        l.trim()
            .strip_prefix("package ")
            .map(|p| p.split_whitespace().next().unwrap_or_default().to_string())
    })
}

/// The entry module: `data.ibp.main.findings` is the union of the `findings` of every package
/// under `ibp.rules` among `sources` (built-in areas and board policies alike). It is generated
/// rather than written with a dynamic `data.ibp.rules[area]`, which the RVM cannot compile.
pub fn entry_module<'a>(sources: impl Iterator<Item = &'a str>) -> String {
    let mut packages: Vec<String> = sources
        .filter_map(package_of)
        .filter(|p| p.starts_with("ibp.rules."))
        .collect();
    packages.sort();
    packages.dedup();
    let mut out = String::from(
        "# Generated by ibp-lint: the union of the findings of every package under ibp.rules.\npackage ibp.main\n",
    );
    for p in packages {
        out.push_str(&format!(
            "\nfindings contains f if {{\n\tsome f in data.{p}.findings\n}}\n"
        ));
    }
    out
}

impl PolicyPack {
    /// Loads the built-in pack plus `extra` (name, source) policies with `data` as settings.
    pub fn new(extra: &[(String, String)], data: Value, kind: EngineKind) -> Result<Self, Error> {
        let mut engine = Engine::new();
        let sources = BUILTIN
            .iter()
            .map(|(n, s)| ((*n).to_string(), (*s).to_string()))
            .chain(extra.iter().cloned());
        let mut texts = Vec::new();
        for (name, source) in sources {
            engine
                .add_policy(name, source.clone())
                .map_err(policy_error)?;
            texts.push(source);
        }
        let entry = entry_module(texts.iter().map(String::as_str));
        engine
            .add_policy("ibp-lint:main.rego".into(), entry)
            .map_err(policy_error)?;
        engine
            .add_data(regorus::Value::from(data.clone()))
            .map_err(policy_error)?;
        // Evaluate once on an empty input: this prepares the engine (so workers copy a
        // prepared one) and surfaces errors that only show at evaluation, before any file.
        engine.set_input(regorus::Value::from(serde_json::json!({
            "resource": {}, "fields": [], "purposes": []
        })));
        engine
            .eval_rule(ENTRYPOINT.to_string())
            .map_err(policy_error)?;
        let vm = match kind {
            EngineKind::Interpreter => None,
            EngineKind::Rvm => {
                let entry: regorus::Rc<str> = regorus::Rc::from(ENTRYPOINT);
                let compiled = engine
                    .compile_with_entrypoint(&entry)
                    .map_err(policy_error)?;
                let program = regorus::languages::rego::compiler::Compiler::compile_from_policy(
                    &compiled,
                    &[ENTRYPOINT],
                )
                .map_err(|e| Error::Policy(e.to_string()))?;
                Some(VmParts {
                    compiled,
                    program: (*program).clone(),
                    data: regorus::Value::from(data),
                })
            }
        };
        Ok(Self { engine, vm })
    }

    /// A private evaluator for one worker thread (its own engine, or its own copy of the
    /// compiled program: shared reference counts would serialise the workers).
    pub fn evaluator(&self) -> Result<Evaluator, Error> {
        let budget = regorus::utils::limits::ExecutionTimerConfig {
            limit: TIME_BUDGET,
            check_interval: std::num::NonZeroU32::MIN.saturating_add(999),
        };
        match &self.vm {
            None => {
                let mut engine = self.engine.clone();
                engine.set_execution_timer_config(budget);
                Ok(Evaluator::Interpreter(Box::new(engine)))
            }
            Some(parts) => {
                let mut vm = regorus::rvm::RegoVM::new_with_policy(parts.compiled.clone());
                vm.load_program(std::sync::Arc::new(parts.program.clone()));
                vm.set_data(parts.data.clone())
                    .map_err(|e| Error::Policy(e.to_string()))?;
                vm.set_max_instructions(MAX_INSTRUCTIONS);
                vm.set_execution_timer_config(Some(budget));
                Ok(Evaluator::Vm(Box::new(vm)))
            }
        }
    }
}

/// A JSON value as a regorus value, built directly (regorus's own `From<serde_json::Value>`
/// goes through serde's visitor machinery, measurably slower per file).
pub fn to_rego(value: &Value) -> regorus::Value {
    match value {
        Value::Null => regorus::Value::Null,
        Value::Bool(b) => regorus::Value::from(*b),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => regorus::Value::from(i),
            (None, Some(u), _) => regorus::Value::from(u),
            (None, None, Some(f)) => regorus::Value::from(f),
            (None, None, None) => regorus::Value::Null,
        },
        Value::String(s) => regorus::Value::from(s.as_str()),
        Value::Array(items) => regorus::Value::from(items.iter().map(to_rego).collect::<Vec<_>>()),
        Value::Object(map) => rego_object(
            sorted_entries(map)
                .into_iter()
                .map(|(k, v)| (regorus::Value::from(k.as_str()), to_rego(v))),
        ),
    }
}

/// The entries of a JSON object sorted by key. The map keeps document order; sorting the keys
/// as `str` here, before they become Rego values, leaves `rego_object` an already sorted run
/// (checked in one pass) instead of a sort that compares Rego values, which cost about 13,000
/// instructions per file.
pub fn sorted_entries(map: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    entries
}

/// A Rego object from its entries, kept in the map it is built in. `Value::from(BTreeMap)`
/// would copy the map into a compact sorted slice ("freeze"), which pays off for data that
/// lives long; a policy input lives for one evaluation, and the copy cost a fifth of building
/// it.
pub fn rego_object(
    entries: impl IntoIterator<Item = (regorus::Value, regorus::Value)>,
) -> regorus::Value {
    let map = entries.into_iter().collect::<BTreeMap<_, _>>();
    if map.is_empty() {
        return regorus::Value::new_object();
    }
    regorus::Value::Object(regorus::Rc::new(regorus::value::Object::from(map)))
}

fn policy_error(e: impl std::fmt::Display) -> Error {
    Error::Policy(e.to_string())
}

/// Wall-clock time one file's evaluation may take: a declaration takes well under a
/// millisecond, so this only stops a runaway policy (reported as `POL-001` for that file).
pub const TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(2);

/// Why evaluating one file failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// The evaluation of this file failed or ran out of its budget: a finding for the file.
    #[error("evaluation failed: {0}")]
    File(String),
    /// A policy produced something that is not a finding: the pack is wrong (exit 2).
    #[error("{0}")]
    Malformed(String),
}

/// Instructions one file's evaluation may take on the RVM: generous for a declaration (a
/// typical one takes a few thousand), a stop for a runaway policy.
const MAX_INSTRUCTIONS: usize = 5_000_000;

/// The compiled form of the pack, copied into each worker.
#[derive(Clone)]
struct VmParts {
    compiled: regorus::CompiledPolicy,
    program: regorus::rvm::program::Program,
    data: regorus::Value,
}

/// One worker's evaluator.
pub enum Evaluator {
    Interpreter(Box<Engine>),
    Vm(Box<regorus::rvm::RegoVM>),
}

impl Evaluator {
    /// Evaluates the pack on one declaration's policy input (built by `normalize`).
    pub fn evaluate(&mut self, input: regorus::Value) -> Result<Vec<RawFinding>, EvalError> {
        let result = match self {
            Evaluator::Interpreter(engine) => {
                engine.set_input(input);
                engine
                    .eval_rule(ENTRYPOINT.to_string())
                    .map_err(|e| EvalError::File(e.to_string()))?
            }
            Evaluator::Vm(vm) => {
                vm.set_input(input);
                vm.execute_entry_point_by_name(ENTRYPOINT)
                    .map_err(|e| EvalError::File(e.to_string()))?
            }
        };
        let json =
            serde_json::to_value(&result).map_err(|e| EvalError::Malformed(e.to_string()))?;
        match json {
            Value::Array(items) => items
                .iter()
                .map(|item| {
                    RawFinding::deserialize(item)
                        .map_err(|e| EvalError::Malformed(format!("malformed finding {item}: {e}")))
                })
                .collect(),
            Value::Null => Ok(Vec::new()),
            other => Err(EvalError::Malformed(format!(
                "{ENTRYPOINT} must be a set of findings, got {other}"
            ))),
        }
    }
}
