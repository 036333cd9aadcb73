//! The board's own policies: the folders and files named by `--policy` and `policies:`, read
//! as board files (inside the repository, regular, bounded), their custom rule catalogue, and
//! the check that a board module cannot switch a built-in rule off (its package) or make a run
//! depend on the clock, chance or the network (its builtins).

use crate::error::Error;
use regorus::Engine;
use serde_json::Value;

use crate::policy::*;

/// The name of a board's rule catalogue, beside its policies.
pub(crate) const CUSTOM_CATALOGUE: &str = "catalogue.yaml";

/// Policies and rule metadata added to the built-in pack (`--policy`, `policies:`).
#[derive(Debug, Default)]
pub(crate) struct Extra {
    /// (display name, Rego source) of every policy file, unit tests (`*_test.rego`) excluded.
    pub policies: Vec<(String, String)>,
    /// The custom rules declared in `catalogue.yaml` files beside those policies.
    pub rules: Vec<crate::catalogue::Rule>,
    /// Other YAML files met in the policy folders (`*.yaml`, `*.yml` but `catalogue.yaml`):
    /// the folder walk of `check` leaves them out, so they are never checked as declarations.
    pub other_yaml: Vec<std::path::PathBuf>,
}

/// Where the board's policies were named: on the command line (trusted: the CI job itself),
/// or in the configuration (which a pull request controls: its paths must stay inside the
/// repository).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    CommandLine,
    Config,
}

/// A Rego policy file, not a unit test (`*_test.rego`, run by `verify` only).
fn is_policy_file(path: &std::path::Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".rego") && !n.ends_with("_test.rego"))
}

fn is_yaml_name(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Where `load_extra` reads from: each path, and the `catalogue.yaml` in a folder or beside a
/// `.rego` file. The folder walk of `check` leaves these out: a board's policies kept inside its
/// inventory are not declarations.
pub(crate) fn extra_locations<'a>(
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

/// The files of a policy folder, walked in sorted order without following links: a link is
/// returned as it is (`trust` checks where it leads when it is read).
fn folder_files(path: &std::path::Path) -> Result<Vec<std::path::PathBuf>, Error> {
    let mut v = Vec::new();
    for entry in walkdir::WalkDir::new(path)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| Error::Unreadable {
            path: path.to_path_buf(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("file system loop")),
        })?;
        if !entry.file_type().is_dir() {
            v.push(entry.into_path());
        }
    }
    Ok(v)
}

/// Reads extra policies: each path is a `.rego` file (with the `catalogue.yaml` beside it, if
/// any), a `catalogue.yaml`, or a folder searched recursively (in sorted order) for both. A file
/// reached twice (the same folder given with `--policy` and in `policies:`, or a folder and a
/// file in it) is read once: its rules would otherwise be declared twice.
///
/// Every file is read as a board file (`trust`): regular, at most 1 MiB, and not a link out of
/// the repository; a path the configuration names must itself lie inside the repository. Each
/// policy must be a board module ([`check_board_module`]); a board catalogue is read with the
/// same limited YAML reader as a declaration.
pub(crate) fn load_extra<'a>(
    paths: impl Iterator<Item = (&'a std::path::PathBuf, Origin)>,
    scope: &crate::trust::Scope,
) -> Result<Extra, Error> {
    use crate::trust::{MAX_POLICY_BYTES, read_board_file};
    let mut extra = Extra::default();
    let mut seen = std::collections::HashSet::new();
    for (path, origin) in paths {
        if origin == Origin::Config && scope.in_repository && !scope.contains(path) {
            return Err(Error::UnsafeFile {
                path: crate::discover::display(path),
                what: "board policies".into(),
                reason: "the configuration names a path outside the repository".into(),
            });
        }
        let meta = std::fs::metadata(path).map_err(|source| Error::Unreadable {
            path: path.clone(),
            source,
        })?;
        let files: Vec<std::path::PathBuf> = if meta.is_dir() {
            folder_files(path)?
        } else {
            let beside = path.with_file_name(CUSTOM_CATALOGUE);
            let is_rego = path.extension().is_some_and(|e| e == "rego");
            let mut v = vec![path.clone()];
            if is_rego && beside.symlink_metadata().is_ok() {
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
        for file in files {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let is_rego = is_policy_file(&file);
            let is_catalogue =
                name == CUSTOM_CATALOGUE || (!meta.is_dir() && name.ends_with(".yaml"));
            if meta.is_dir() && !is_rego && !is_catalogue {
                if is_yaml_name(&file) {
                    extra.other_yaml.push(file);
                }
                continue;
            }
            if !meta.is_dir() && !is_rego && !is_catalogue && !name.ends_with(".rego") {
                return Err(Error::UnsafeFile {
                    path: crate::discover::display(&file),
                    what: "board policy".into(),
                    reason: "it is neither a `.rego` policy nor a `catalogue.yaml`".into(),
                });
            }
            if !is_rego && !is_catalogue {
                continue;
            }
            let what = if is_rego {
                "board policy"
            } else {
                "board catalogue"
            };
            let text = read_board_file(&file, what, MAX_POLICY_BYTES, scope)?;
            let key = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if !seen.insert(key) {
                continue;
            }
            let shown = crate::discover::display(&file);
            if is_rego {
                check_board_module(&shown, &text)?;
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

/// Builtins a board policy may not call: their result depends on the clock or on chance, so
/// the same inventory would not give the same report (`time.now_ns`, `rand.intn`,
/// `uuid.rfc4122`: "today" is `--today`, in `data.settings.today`), or they allocate in one
/// step as much as an argument asks (`numbers.range(1, 1e15)` aborts the process before any
/// memory budget can stop it).
pub(crate) const FORBIDDEN_BUILTINS: &[&str] = &[
    "time.now_ns",
    "rand.intn",
    "uuid.rfc4122",
    "numbers.range",
    "numbers.range_step",
    "opa.runtime",
    "http.send",
];

/// The packages of the built-in areas (`ibp.rules.agreement`, ...), which a board may not add
/// to.
fn builtin_area(name: &str) -> bool {
    BUILTIN
        .iter()
        .filter_map(|(_, source)| package_of(source))
        .filter_map(|p| {
            p.strip_prefix("ibp.rules.")
                .map(|rest| rest.split('.').next().unwrap_or_default().to_string())
        })
        .any(|area| area == name)
}

/// Checks a board module before it joins the pack: its package is one of the board's own
/// under `ibp.rules` (`ibp.rules.board`, not a built-in area such as `ibp.rules.agreement`)
/// or a test package under `ibp.test`, and it calls none of the [`FORBIDDEN_BUILTINS`].
/// Anything else could redefine the shared helpers of `ibp.lib` (`covered(_) if true`) and
/// switch built-in rules off, or make the report depend on the clock.
pub(crate) fn check_board_module(name: &str, source: &str) -> Result<(), Error> {
    let mut engine = Engine::new();
    let package = engine
        .add_policy(name.to_string(), source.to_string())
        .map_err(policy_error)?;
    let package = package
        .strip_prefix("data.")
        .unwrap_or(&package)
        .to_string();
    let segments: Vec<&str> = package.split('.').collect();
    let plain = segments.iter().all(|s| {
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    });
    let allowed = plain
        && match segments.as_slice() {
            ["ibp", "rules", own, ..] => !builtin_area(own),
            ["ibp", "test", _, ..] => true,
            _ => false,
        };
    if !allowed {
        return Err(Error::BoardPackage {
            file: name.to_string(),
            package,
        });
    }
    let ast = engine.get_ast_as_json().map_err(policy_error)?;
    let ast: Value = serde_json::from_str(&ast).map_err(policy_error)?;
    let mut called = Vec::new();
    calls(&ast, &mut called);
    if let Some((builtin, line)) = called
        .into_iter()
        .find(|(f, _)| FORBIDDEN_BUILTINS.contains(&f.as_str()))
    {
        return Err(Error::BoardBuiltin {
            file: name.to_string(),
            line,
            builtin,
        });
    }
    Ok(())
}

/// The functions called anywhere in a module's AST (regorus's JSON form), with their lines:
/// `numbers.range` for `{"Call": {"fcn": {"RefDot": {"refr": {"Var": numbers}, "field": range}}}}`.
fn calls(node: &Value, out: &mut Vec<(String, u64)>) {
    match node {
        Value::Object(map) => {
            if let Some(call) = map.get("Call") {
                if let Some(name) = call.get("fcn").and_then(dotted_name) {
                    let line = call
                        .pointer("/span/line")
                        .and_then(Value::as_u64)
                        .unwrap_or(0);
                    out.push((name, line));
                }
            }
            for (key, value) in map {
                // The module's own text is not code.
                if key != "source" {
                    calls(value, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| calls(v, out)),
        _ => {}
    }
}

/// `a.b.c` for a chain of `RefDot` over a `Var`.
fn dotted_name(node: &Value) -> Option<String> {
    if let Some(var) = node.get("Var") {
        return var.get("value").and_then(Value::as_str).map(str::to_string);
    }
    let dot = node.get("RefDot")?;
    let base = dotted_name(dot.get("refr")?)?;
    let field = dot.get("field")?.get(1)?.as_str()?;
    Some(format!("{base}.{field}"))
}
