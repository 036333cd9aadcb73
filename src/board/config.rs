//! The board configuration `ibp-lint.yaml`: where it is found, how it is read and validated,
//! and the settings, severity overrides and vocabulary it yields for a run.
//!
//! The file is parsed with positions (like a declaration) and validated against the embedded
//! `schemas/config.schema.json`, so every problem (unknown key, wrong value, unknown rule code)
//! is reported with its line and column and stops the run with exit code 2.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use crate::catalogue::Catalogue;
use crate::dates::parse_date;
use crate::discover::CONFIG_FILE;
use crate::error::{ConfigProblem, Error};
use crate::lang::Lang;
use crate::locate::Position;
use crate::parse;
use crate::schema::{Schema, dotted};
use crate::vocabulary::{CustomField, DEFAULT_ADEQUATE, Vocabulary, country};

/// Thresholds of the rules (format.md, `settings`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub agreement_expiry_warning_days: u32,
    pub leaflet_max_age_months: u32,
    pub breach_max_hours: u32,
    pub max_deletion_days: u32,
    pub max_file_kib: u64,
    pub adequate_countries: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            agreement_expiry_warning_days: 90,
            leaflet_max_age_months: 24,
            breach_max_hours: 24,
            max_deletion_days: 90,
            max_file_kib: 1024,
            adequate_countries: DEFAULT_ADEQUATE.iter().map(|c| (*c).to_string()).collect(),
        }
    }
}

/// A severity override: a level, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Off => "off",
        }
    }
}

/// A waiver (format.md). Read and validated here; applied by `waiver`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiverSpec {
    pub rule: String,
    pub resource: String,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    pub reason: String,
    pub approved_by: String,
    #[serde(default)]
    pub expires_on: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(rename = "apiVersion", default)]
    _api_version: Option<String>,
    #[serde(rename = "kind", default)]
    _kind: Option<String>,
    #[serde(default)]
    organisation: Option<String>,
    #[serde(default)]
    today: Option<String>,
    #[serde(default)]
    profile: Option<crate::profile::Profile>,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    rules: BTreeMap<String, Level>,
    #[serde(default)]
    custom_fields: Vec<CustomField>,
    #[serde(default)]
    policies: Vec<String>,
    #[serde(default)]
    waivers: Vec<WaiverSpec>,
    #[serde(default)]
    policies_may_hold_yaml: bool,
}

/// A waiver with the place it was written, for findings about the waiver itself.
#[derive(Debug, Clone)]
pub struct Waiver {
    pub spec: WaiverSpec,
    pub index: usize,
    /// `spec.expires_on`, parsed once when the configuration is read (a date that does not
    /// parse is refused there).
    pub expires_on: Option<NaiveDate>,
    /// `spec.resource`, compiled once when the configuration is read; `None` only for a
    /// pattern the glob library refuses (the configuration is then refused too).
    pub matcher: Option<globset::GlobMatcher>,
}

/// The board configuration of a run (defaults when there is no file).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from, as given or found.
    pub file: Option<PathBuf>,
    /// Its text, for findings that point into it.
    pub source: Option<String>,
    pub spans: crate::locate::SpanMap,
    pub organisation: Option<String>,
    pub today: Option<NaiveDate>,
    /// The profile named by `profile:` (`--profile` beats it).
    pub profile: Option<crate::profile::Profile>,
    pub settings: Settings,
    pub rules: BTreeMap<String, Level>,
    pub custom_fields: Vec<CustomField>,
    /// Extra policy folders or files, resolved against the config's folder.
    pub policies: Vec<PathBuf>,
    pub waivers: Vec<Waiver>,
    /// `policies_may_hold_yaml: true`: YAML files other than `catalogue.yaml` in the policy
    /// folders (test inputs, say) are accepted, and left out of the check.
    pub policies_may_hold_yaml: bool,
}

impl Config {
    /// Finds `ibp-lint.yaml` by walking up from `start` (a file or folder), never above the
    /// root of the git work tree holding `start` (a configuration above the checkout is not the
    /// repository's). The result keeps the form of `start` (relative stays relative:
    /// `inventory/ibp-lint.yaml`, `../ibp-lint.yaml`), so reports do not depend on where the
    /// checkout lives.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let root = crate::trust::repository_root(start);
        let mut dir = if start.is_dir() {
            start.to_path_buf()
        } else {
            start.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        loop {
            let candidate = if dir.as_os_str().is_empty() {
                PathBuf::from(CONFIG_FILE)
            } else {
                dir.join(CONFIG_FILE)
            };
            if candidate.is_file() {
                return Some(candidate);
            }
            let here = std::fs::canonicalize(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                &dir
            })
            .ok()?;
            if root.as_ref() == Some(&here) {
                return None;
            }
            here.parent()?;
            dir = match dir.components().next_back() {
                Some(std::path::Component::Normal(_)) => {
                    dir.parent().map(Path::to_path_buf).unwrap_or_default()
                }
                _ => dir.join(".."),
            };
        }
    }

    /// Reads and validates a configuration file; every problem is an `Error::Config`. The file
    /// is read as a board file (`trust`): a regular file of at most 1 MiB, not a link out of
    /// the repository (or, outside a git work tree, out of its own folder); a problem names
    /// its place and the offending key, never the file's content.
    pub fn load(path: &Path) -> Result<Self, Error> {
        // `--config /dev/null`: no board configuration, the defaults (as in a test or a
        // publisher's own check).
        if path == Path::new("/dev/null") {
            return Ok(Config::default());
        }
        let catalogue = Catalogue::builtin()?;
        let shown = crate::discover::display(path);
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let scope = crate::trust::Scope::of(folder).or_folder(folder);
        let text = crate::trust::read_board_file(
            path,
            "board configuration",
            crate::trust::MAX_CONFIG_BYTES,
            &scope,
        )?;
        let bytes = text.into_bytes();
        let fail = |problems: Vec<ConfigProblem>| Error::Config {
            file: shown.clone(),
            problems,
        };
        let at = |position: Position, message: String| ConfigProblem {
            line: position.line,
            column: position.column,
            message,
        };
        let text =
            parse::decode(&bytes).map_err(|e| fail(vec![at(e.position, e.problem.to_string())]))?;
        let doc =
            parse::parse(text).map_err(|e| fail(vec![at(e.position, e.problem.to_string())]))?;
        let value = match doc.value {
            Value::Null => Value::Object(serde_json::Map::new()),
            v => v,
        };
        let schema = Schema::config()?;
        let mut problems: Vec<ConfigProblem> = schema
            .validate(&value)
            .into_iter()
            .map(|p| {
                let located = if p.at_key {
                    doc.spans.locate_key(&p.pointer)
                } else {
                    doc.spans.locate(&p.pointer)
                };
                let mut message = match catalogue.get(p.code.as_str()) {
                    Some(rule) => rule.render(Lang::En, Some(p.variant), &p.args).message,
                    None => format!("{} at `{}`", p.variant, dotted(&p.pointer)),
                };
                let custom_id = p.pointer.strip_prefix("/custom_fields/").and_then(|rest| {
                    rest.strip_suffix("/id")
                        .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
                });
                if p.variant == "pattern" && custom_id.is_some() {
                    let written = value.pointer(&p.pointer).and_then(Value::as_str);
                    let _ = write!(
                        message,
                        " (a field id is lower-case letters, digits and `_`{}; other spellings of the name go under `aliases`)",
                        canonical_id(written.unwrap_or_default())
                            .map(|id| format!(", e.g. `{id}`"))
                            .unwrap_or_default()
                    );
                }
                at(located.position, message)
            })
            .collect();
        if !problems.is_empty() {
            return Err(fail(problems));
        }
        let raw: RawConfig = serde_json::from_value(value)
            .map_err(|e| fail(vec![at(Position::START, e.to_string())]))?;

        for (i, waiver) in raw.waivers.iter().enumerate() {
            if let Some(why) = crate::glob::glob_too_complex(&waiver.resource) {
                let located = doc.spans.locate(&format!("/waivers/{i}/resource"));
                problems.push(at(
                    located.position,
                    format!("the resource glob is refused: {why}"),
                ));
            } else if crate::glob::glob(&waiver.resource).is_none() {
                let located = doc.spans.locate(&format!("/waivers/{i}/resource"));
                problems.push(at(
                    located.position,
                    format!("`{}` is not a valid glob", waiver.resource),
                ));
            }
            if let Some(date) = &waiver.expires_on {
                if parse_date(date).is_none() {
                    let located = doc.spans.locate(&format!("/waivers/{i}/expires_on"));
                    problems.push(at(located.position, format!("invalid date `{date}`")));
                }
            }
        }
        let builtin = Vocabulary::default();
        for (i, field) in raw.custom_fields.iter().enumerate() {
            for name in std::iter::once(&field.id).chain(field.aliases.iter()) {
                if builtin.contains(name) {
                    let located = doc.spans.locate(&format!("/custom_fields/{i}"));
                    problems.push(at(
                        located.position,
                        format!(
                            "custom field `{name}` is already a built-in field or alias ({})",
                            builtin.resolve(name).id
                        ),
                    ));
                }
            }
        }
        let today = raw.today.as_deref().and_then(parse_date);
        if let (Some(s), None) = (&raw.today, today) {
            problems.push(at(
                doc.spans.locate("/today").position,
                format!("invalid date `{s}`"),
            ));
        }
        if !problems.is_empty() {
            return Err(fail(problems));
        }
        let mut settings = raw.settings;
        settings.adequate_countries = settings
            .adequate_countries
            .iter()
            .map(|c| country(c))
            .collect();
        let base = path.parent().unwrap_or(Path::new("."));
        Ok(Config {
            file: Some(path.to_path_buf()),
            source: Some(text.to_string()),
            spans: doc.spans,
            organisation: raw.organisation,
            today,
            profile: raw.profile,
            settings,
            rules: raw.rules,
            custom_fields: raw.custom_fields,
            policies: raw.policies.iter().map(|p| base.join(p)).collect(),
            waivers: raw
                .waivers
                .into_iter()
                .enumerate()
                .map(|(index, spec)| Waiver {
                    expires_on: spec.expires_on.as_deref().and_then(parse_date),
                    matcher: crate::glob::glob(&spec.resource),
                    spec,
                    index,
                })
                .collect(),
            policies_may_hold_yaml: raw.policies_may_hold_yaml,
        })
    }

    /// Checks that every rule code the configuration names (`rules:`, `waivers[].rule`) exists
    /// in `catalogue` (the built-in rules plus the board's custom ones).
    pub(crate) fn check_codes(&self, catalogue: &Catalogue) -> Result<(), Error> {
        let mut problems = Vec::new();
        let mut unknown = |pointer: String, code: &str, key: bool| {
            if catalogue.get(code).is_none() {
                let located = if key {
                    self.spans.locate_key(&pointer)
                } else {
                    self.spans.locate(&pointer)
                };
                problems.push(ConfigProblem {
                    line: located.position.line,
                    column: located.position.column,
                    message: format!("unknown rule code `{code}`"),
                });
            }
        };
        for code in self.rules.keys() {
            unknown(crate::locate::push_token("/rules", code), code, true);
        }
        for waiver in &self.waivers {
            unknown(
                format!("/waivers/{}/rule", waiver.index),
                &waiver.spec.rule,
                false,
            );
        }
        for (code, level) in &self.rules {
            if crate::codes::fails_closed(code) && *level != Level::Error {
                let located = self
                    .spans
                    .locate(&crate::locate::push_token("/rules", code));
                problems.push(ConfigProblem {
                    line: located.position.line,
                    column: located.position.column,
                    message: format!(
                        "`{code}` cannot be set to `{}`: it means a declaration was not evaluated, so it stays an error",
                        level.as_str()
                    ),
                });
            }
        }
        for waiver in &self.waivers {
            if crate::codes::fails_closed(&waiver.spec.rule) {
                let located = self
                    .spans
                    .locate(&format!("/waivers/{}/rule", waiver.index));
                problems.push(ConfigProblem {
                    line: located.position.line,
                    column: located.position.column,
                    message: format!(
                        "`{}` cannot be waived: it means a declaration was not evaluated",
                        waiver.spec.rule
                    ),
                });
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Config {
                file: self
                    .file
                    .as_deref()
                    .map(crate::discover::display)
                    .unwrap_or_default(),
                problems,
            })
        }
    }

    /// Where this board's files may come from (`trust`): the git work tree holding `start`,
    /// else the folder of the configuration (else `start`).
    pub(crate) fn scope(&self, start: &Path) -> crate::trust::Scope {
        let folder = self
            .file
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(start);
        crate::trust::Scope::of(start).or_folder(folder)
    }

    /// The board's policy locations: those of the command line, then those of `policies:`.
    pub(crate) fn policy_sources<'a>(
        &'a self,
        cli: &'a [PathBuf],
    ) -> impl Iterator<Item = (&'a PathBuf, crate::board::policies::Origin)> {
        cli.iter()
            .map(|p| (p, crate::board::policies::Origin::CommandLine))
            .chain(
                self.policies
                    .iter()
                    .map(|p| (p, crate::board::policies::Origin::Config)),
            )
    }

    /// The vocabulary of this board: built-in fields plus `custom_fields`.
    pub fn vocabulary(&self) -> Vocabulary {
        Vocabulary::with_custom(&self.custom_fields)
    }
}

/// A custom field id in its canonical form (`Geboorteland (ouder)` → `geboorteland_ouder`):
/// lower case, every run of other characters one `_`, none at the ends; `None` for a letter
/// outside ASCII (`Ärger`: no form to suggest) or when nothing is left.
fn canonical_id(written: &str) -> Option<String> {
    let mut id = String::new();
    for c in written.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if c.is_alphanumeric() {
            return None;
        } else if !id.is_empty() && !id.ends_with('_') {
            id.push('_');
        }
    }
    let id = id.trim_end_matches('_');
    (!id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::canonical_id;

    #[test]
    fn a_custom_id_is_suggested_only_in_a_valid_form() {
        assert_eq!(
            canonical_id("Geboorteland (ouder)").as_deref(),
            Some("geboorteland_ouder")
        );
        assert_eq!(canonical_id("_intern").as_deref(), Some("intern"));
        assert_eq!(
            canonical_id("Dyslexie-verklaring").as_deref(),
            Some("dyslexie_verklaring")
        );
        assert_eq!(canonical_id("Ärger"), None);
        assert_eq!(canonical_id("--"), None);
    }
}
