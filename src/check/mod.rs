//! The `check` run: discover, load and parse with positions, check structure, evaluate the
//! policies, check the inventory as a whole, then apply the board's severities and the
//! command line's selection. Every stage adds findings; only tool failures are errors.
//!
//! Files are checked in parallel (rayon), each worker with its own policy evaluator; the
//! inventory rules then run over what each file left behind (its id, supplier and leaflet).
//! Nothing here prints or writes: the report is returned to the caller. [`Single`] runs the same
//! per-file path on one text in memory (the fuzz target's entry).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Days, Months, NaiveDate};
use serde_json::{Value, json};

use crate::board::config::{Config, Level};
use crate::board::policies::{extra_locations, load_extra};
use crate::catalogue::{Catalogue, EngineRules};
use crate::discover::discover;
use crate::error::Error;
use crate::lang::Lang;
use crate::policy::PolicyPack;
use crate::report::{Head, OwnedPart, Report, Tally};
use crate::schema::Schema;

mod file;
mod inventory;
mod order;
mod settle;
mod tell;

use file::Context;
pub use file::Single;

/// What a `check` run is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub config: Option<PathBuf>,
    pub today: Option<NaiveDate>,
    pub lang: Lang,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub policies: Vec<PathBuf>,
    /// Severity overrides from the command line (`--severity CODE=LEVEL`), beating the config.
    pub severity: Vec<(String, Level)>,
    pub jobs: Option<usize>,
    /// Keep the text of files with findings (for the human renderer's snippets).
    pub keep_sources: bool,
    /// Keep every schema-valid declaration in the report (for the register).
    pub keep_documents: bool,
    /// Mark findings recorded in this baseline file as baselined.
    pub baseline: Option<PathBuf>,
    /// Report only on declarations changed since this git revision (the inventory rules still
    /// see every declaration).
    pub changed_since: Option<String>,
    /// Which regorus evaluation path to use (the compiled RVM by default).
    pub engine: crate::policy::EngineKind,
    /// Told (done, total) as files are checked; the CLI draws a progress line with it.
    pub progress: Option<Progress>,
    /// `--profile`, beating the configuration's `profile:` (default: officer).
    pub profile: Option<crate::profile::Profile>,
    /// The longest the checks of the files may take (`--max-run-seconds`): a run past it stops
    /// with an error instead of going on file by file at the per-file budget.
    pub max_run: Option<std::time::Duration>,
}

/// A progress callback: called with (files done, files in total), from worker threads.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// The rules in force for a board: the built-in catalogue plus the custom rules of the policy
/// folders named by `--policy` and by the configuration (given, or found from `start`).
pub(crate) fn effective_catalogue(
    config: Option<&Path>,
    policies: &[PathBuf],
    start: &Path,
) -> Result<Catalogue, Error> {
    let config_path = config
        .map(Path::to_path_buf)
        .or_else(|| Config::discover(start));
    let config = match &config_path {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    let extra = load_extra(config.policy_sources(policies), &config.scope(start))?;
    Catalogue::builtin()?.with_custom(extra.rules)
}

/// What a run needs besides its files, made while the folders are walked.
struct Prepared {
    catalogue: Catalogue,
    config: Config,
    today: NaiveDate,
    profile: crate::profile::Profile,
    baseline: Option<crate::board::baseline::Baseline>,
    /// YAML files in policy folders that the check leaves out (`policies_may_hold_yaml`).
    unchecked: Vec<String>,
    /// Reported only after the walk's own errors, as in a run that walked first.
    pack: Result<PolicyPack, Error>,
    schema: Result<Schema, Error>,
}

/// The catalogue with the board's rules, the configuration with the command line's severities,
/// the checked codes, "today", the baseline, the compiled policies and the schema.
fn prepare(options: &Options, mut config: Config, paths: &[PathBuf]) -> Result<Prepared, Error> {
    let start = paths.first().map_or(Path::new("."), PathBuf::as_path);
    let crate::board::policies::Extra {
        policies,
        rules,
        other_yaml,
    } = load_extra(
        config.policy_sources(&options.policies),
        &config.scope(start),
    )?;
    // The folder walk leaves the policy folders out: YAML files there are never checked, so a
    // `policies:` entry naming a folder of declarations would silently remove them from the
    // check. Refused unless the board says so; the report lists them.
    let unchecked = hidden_yaml(&config, &options.policies, paths, &other_yaml);
    if !unchecked.is_empty() && !config.policies_may_hold_yaml {
        return Err(Error::YamlInPolicies(unchecked));
    }

    let today = options
        .today
        .or(config.today)
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let profile = options.profile.or(config.profile).unwrap_or_default();
    let data = policy_data(&config, today, profile);
    // Compiling the policies and the schema needs nothing of the catalogue: they run on another
    // core while the catalogue is read and the codes are checked (each half about 5 ms of a
    // start-up of 11 ms). Errors still come in the order of a run that did one after the other.
    std::thread::scope(|scope| {
        let compiled = scope.spawn(|| {
            (
                PolicyPack::new(&policies, data, options.engine),
                Schema::resource(),
            )
        });
        let checked = check_codes(options, &mut config, rules, start);
        let (pack, schema) = joined(compiled);
        let (catalogue, baseline) = checked?;
        Ok(Prepared {
            catalogue,
            config,
            today,
            profile,
            baseline,
            unchecked,
            pack,
            schema,
        })
    })
}

/// The YAML files of the policy folders that lie under the checked `paths` and that the folder
/// walk leaves out (`discover`): those in a policy folder that does not hold the configuration.
fn hidden_yaml(
    config: &Config,
    cli_policies: &[PathBuf],
    paths: &[PathBuf],
    other_yaml: &[PathBuf],
) -> Vec<String> {
    if other_yaml.is_empty() {
        return Vec::new();
    }
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let config_dir = config
        .file
        .as_deref()
        .and_then(canonical)
        .and_then(|f| f.parent().map(Path::to_path_buf));
    let excluded: Vec<PathBuf> = config
        .policy_sources(cli_policies)
        .filter_map(|(p, _)| canonical(p))
        .filter(|p| !config_dir.as_ref().is_some_and(|dir| dir.starts_with(p)))
        .collect();
    let walked: Vec<PathBuf> = paths.iter().filter_map(|p| canonical(p)).collect();
    other_yaml
        .iter()
        .filter(|f| {
            canonical(f).is_some_and(|real| {
                excluded.iter().any(|e| real.starts_with(e))
                    && walked.iter().any(|w| real.starts_with(w))
            })
        })
        .map(|f| crate::discover::display(f))
        .collect()
}

/// What a scoped thread returned; its panic goes on in the thread that waits for it.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The catalogue with the board's rules, every code the configuration and the command line
/// name checked against it (the command line's severities added to the configuration), and
/// the baseline.
fn check_codes(
    options: &Options,
    config: &mut Config,
    rules: Vec<crate::catalogue::Rule>,
    start: &Path,
) -> Result<(Catalogue, Option<crate::board::baseline::Baseline>), Error> {
    let catalogue = Catalogue::builtin()?.with_custom(rules)?;
    config.check_codes(&catalogue)?;
    for (code, level) in &options.severity {
        if catalogue.get(code).is_none() {
            return Err(Error::UnknownCode {
                code: code.clone(),
                origin: "--severity".into(),
            });
        }
        if crate::codes::fails_closed(code) && *level != Level::Error {
            return Err(Error::BadFlag {
                flag: "--severity".into(),
                message: format!(
                    "`{code}` cannot be set to `{}`: it means a declaration was not evaluated, so it stays an error",
                    level.as_str()
                ),
            });
        }
        config.rules.insert(code.clone(), *level);
    }
    for (flag, list) in [("--select", &options.select), ("--ignore", &options.ignore)] {
        for code in list {
            if !catalogue.matches_selector(code) {
                return Err(Error::UnknownCode {
                    code: code.clone(),
                    origin: flag.to_string(),
                });
            }
        }
    }
    let baseline = match &options.baseline {
        Some(path) => Some(crate::board::baseline::read(path, &config.scope(start))?),
        None => None,
    };
    Ok((catalogue, baseline))
}

/// Most findings the policies may give one declaration: a declaration of a hundred fields has
/// at most a few hundred; beyond this a (board) rule is running away.
pub(crate) const MAX_FINDINGS_PER_FILE: usize = 1000;

/// Told a run's report as it is made (`report`: the head, a part per file in report order,
/// the tally). Nothing is told before the first file is done, so a run that fails early
/// leaves no output behind; one that fails later has told part of its report.
pub trait Consumer {
    fn head(&mut self, head: &Head) -> Result<(), Error>;
    fn part(&mut self, head: &Head, part: OwnedPart) -> Result<(), Error>;
    fn end(&mut self, head: &Head, tally: Tally) -> Result<(), Error>;
}

/// Runs `check` and returns the whole report (the register, tests; `cli`'s `check` streams).
pub fn run(options: &Options) -> Result<Report, Error> {
    let mut collect = Collect::default();
    stream(options, &mut collect)?;
    collect.report.ok_or_else(|| {
        Error::PolicyEval("the run ended without a report (no file was reported)".into())
    })
}

/// A [`Consumer`] that keeps everything: a [`Report`].
#[derive(Default)]
struct Collect {
    report: Option<Report>,
}

impl Consumer for Collect {
    fn head(&mut self, head: &Head) -> Result<(), Error> {
        self.report = Some(Report {
            head: head.clone(),
            declarations: Vec::new(),
            readiness: Vec::new(),
            resources: 0,
            findings: Vec::new(),
            sources: HashMap::new(),
        });
        Ok(())
    }

    fn part(&mut self, _: &Head, part: OwnedPart) -> Result<(), Error> {
        if let Some(report) = &mut self.report {
            report.findings.extend(part.findings);
            report.declarations.extend(part.declaration);
            report.sources.extend(part.sources);
        }
        Ok(())
    }

    fn end(&mut self, _: &Head, tally: Tally) -> Result<(), Error> {
        if let Some(report) = &mut self.report {
            report.resources = tally.resources;
            report.readiness = tally.readiness;
        }
        Ok(())
    }
}

/// Runs `check`, telling `consumer` the report file by file as the files are checked.
pub fn stream(options: &Options, consumer: &mut dyn Consumer) -> Result<(), Error> {
    let paths = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    let config_path = match &options.config {
        Some(p) => Some(p.clone()),
        None => paths.first().and_then(|p| Config::discover(p)),
    };
    let config = match &config_path {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    // The folder walk is mostly waiting on the file system, the rest of the preparation
    // (catalogue, policy compilation, schema) pure CPU: they run side by side. Errors still come
    // in the order of a run that did one after the other.
    let policy_files = extra_locations(options.policies.iter().chain(config.policies.iter()));
    let (prepared, inputs) = std::thread::scope(|scope| {
        let walk = scope.spawn(|| discover(&paths, config_path.as_deref(), &policy_files));
        let prepared = prepare(options, config, &paths);
        let inputs = joined(walk);
        (prepared, inputs)
    });
    let Prepared {
        catalogue,
        config,
        today,
        profile,
        baseline,
        unchecked,
        pack,
        schema,
    } = prepared?;
    let catalogue = &catalogue;
    let inputs = inputs?;
    let changed: Option<std::collections::HashSet<String>> = match &options.changed_since {
        Some(reference) => {
            let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
            let files = crate::changed::changed_files(&first, reference)?;
            Some(
                inputs
                    .iter()
                    .filter(|i| std::fs::canonicalize(i.path()).is_ok_and(|c| files.contains(&c)))
                    .map(|i| i.display.to_string())
                    .collect(),
            )
        }
        None => None,
    };
    if inputs.is_empty() {
        return Err(Error::NoFiles(
            paths.iter().map(|p| crate::discover::display(p)).collect(),
        ));
    }

    let pack = pack?;
    let context = Context {
        catalogue,
        engine: EngineRules::of(catalogue)?,
        schema: schema?,
        vocabulary: config.vocabulary(),
        lang: options.lang,
        max_file_bytes: config.settings.max_file_kib.saturating_mul(1024),
        keep_sources: options.keep_sources,
        keep_documents: options.keep_documents,
        profile,
    };
    let selection = settle::Selection {
        levels: &config.rules,
        select: &options.select,
        ignore: &options.ignore,
    };
    let head = Head {
        catalogue: catalogue.clone(),
        lang: options.lang,
        today,
        files: inputs.len(),
        checked: std::sync::Arc::new(inputs.iter().map(|i| i.display.clone()).collect()),
        baseline: baseline.as_ref().map(|b| b.file.clone()),
        organisation: config.organisation.clone(),
        profile,
        board_files: config
            .file
            .iter()
            .chain(options.baseline.iter())
            .chain(options.policies.iter())
            .chain(config.policies.iter())
            .cloned()
            .collect(),
        unchecked,
        settings: config.settings.clone(),
        inactive: catalogue
            .rules()
            .iter()
            .map(|r| r.code.clone())
            .filter(|code| !selection.applies(code))
            .collect(),
    };
    let settler = settle::Settler::new(
        &selection,
        &config,
        today,
        changed.as_ref(),
        baseline.as_ref(),
        &context.engine,
        options.lang,
    );
    let late_from = late_files(&config, baseline.as_ref());
    let mut teller = tell::Teller::new(
        &context,
        &inputs,
        settler,
        changed.as_ref(),
        late_from,
        &config,
        tell::Out::new(consumer, &head),
    );
    order::check_in_order(options, &context, &pack, &inputs, |result| {
        teller.file(result)
    })?;
    teller.finish()
}

/// The first (in report order) of the files whose findings are known only at the end: the
/// configuration when it has waivers (WAIVE-001: matched nothing), the baseline (BASE-001:
/// a stale entry). Every file from there on waits for the end.
fn late_files(
    config: &Config,
    baseline: Option<&crate::board::baseline::Baseline>,
) -> Option<String> {
    let config_file = config
        .file
        .as_deref()
        .filter(|_| !config.waivers.is_empty())
        .map(crate::discover::display);
    config_file
        .into_iter()
        // A baseline without entries can have no stale one.
        .chain(
            baseline
                .filter(|b| !b.entries.is_empty())
                .map(|b| b.file.clone()),
        )
        .min()
}

/// The run's settings as the policies read them (`data.settings`), dates precomputed so that
/// no policy parses a date per file.
pub(super) fn policy_data(
    config: &Config,
    today: NaiveDate,
    profile: crate::profile::Profile,
) -> Value {
    let s = &config.settings;
    // The policies compare `YYYY-MM-DD` strings: a window past year 9999 (or before year 1)
    // is clamped there, so that it still sorts as a date (chrono writes later years as
    // `+10000-...`, which would sort before every date and silently end AGR-003).
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN);
    let until = today
        .checked_add_days(Days::new(u64::from(s.agreement_expiry_warning_days)))
        .map_or(last, |d| d.min(last));
    let cutoff = today
        .checked_sub_months(Months::new(s.leaflet_max_age_months))
        .map_or(first, |d| d.max(first));
    // CVD-001: a penetration test more than twelve months before today is stale.
    let pentest_cutoff = today
        .checked_sub_months(Months::new(12))
        .map_or(first, |d| d.max(first));
    json!({
        "settings": {
            "today": today.format("%Y-%m-%d").to_string(),
            "expiry_warning_until": until.format("%Y-%m-%d").to_string(),
            "agreement_expiry_warning_days": s.agreement_expiry_warning_days,
            "leaflet_cutoff": cutoff.format("%Y-%m-%d").to_string(),
            "leaflet_max_age_months": s.leaflet_max_age_months,
            "pentest_cutoff": pentest_cutoff.format("%Y-%m-%d").to_string(),
            "breach_max_hours": s.breach_max_hours,
            "max_deletion_days": s.max_deletion_days,
            "adequate_countries": s.adequate_countries,
            "profile": profile.as_str(),
        }
    })
}
