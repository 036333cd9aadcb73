//! The per-file pipeline of a run: read with a size limit, decode, parse with positions
//! (DECL-001), check the structure (DECL-002/004), normalise, find unknown fields (DECL-003),
//! evaluate the policies (POL-001 when they cannot finish) and render every finding from its
//! catalogue rule. [`Single`] runs the same path on one text in memory (the fuzz target's entry).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use serde_json::Value;

use super::inventory::{normalise_name, normalise_url};
use super::{MAX_FINDINGS_PER_FILE, policy_data};
use crate::board::config::Config;
use crate::catalogue::{Catalogue, EngineRules, Place, Rule};
use crate::codes::EngineCode;
use crate::discover::Input;
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::locate::{Located, Position, SpanMap};
use crate::normalize::normalize;
use crate::parse::{self, Problem};
use crate::policy::{Evaluator, PolicyPack, RawFinding};
use crate::report::{Declaration, Report};
use crate::schema::{self, Schema};
use crate::vocabulary::Vocabulary;

/// Everything the per-file work shares, read-only.
pub(super) struct Context<'a> {
    pub(super) catalogue: &'a Catalogue,
    /// The rules of the codes the engine emits itself, looked up once.
    pub(super) engine: EngineRules,
    pub(super) schema: Schema,
    pub(super) vocabulary: Vocabulary,
    pub(super) lang: Lang,
    pub(super) max_file_bytes: u64,
    pub(super) keep_sources: bool,
    pub(super) keep_documents: bool,
    pub(super) profile: crate::profile::Profile,
}

/// What one file leaves behind for the inventory rules.
pub(super) struct FileResult<'a> {
    /// The file (borrowed from the run's list: 100,000 copies of every path add up).
    pub(super) input: &'a Input,
    /// The schema-valid declaration with its resolved fields, when documents are kept.
    pub(super) document: Option<Declaration>,
    pub(super) findings: Vec<Finding>,
    pub(super) resource: Option<(String, Position)>,
    /// Supplier name and leaflet URL with its position, for schema-valid documents.
    pub(super) leaflet: Option<LeafletUse>,
    pub(super) source: Option<String>,
    /// What decides which readiness requirements apply (set once the document is read).
    pub(super) applies: crate::profile::Applies,
    /// Its convenant readiness, under the publisher profile.
    pub(super) readiness: Option<crate::profile::Readiness>,
}

/// A declaration's privacy leaflet, for `INV-002`: the supplier and URL as written, the URL's
/// position, and both normalised for comparison (made by the worker that read the file, so
/// the serial inventory pass only compares).
pub(super) struct LeafletUse {
    pub(super) supplier: String,
    pub(super) url: String,
    pub(super) position: Position,
    /// The normalised supplier name (length first, so that no name and URL run together into
    /// another pair's) and URL, one string.
    pub(super) key: String,
}

pub(super) fn check_file<'a>(
    context: &Context<'_>,
    evaluator: &mut Evaluator,
    input: &'a Input,
) -> Result<FileResult<'a>, Error> {
    let mut result = read_and_check(context, evaluator, input)?;
    settle_readiness(context, &mut result);
    Ok(result)
}

fn read_and_check<'a>(
    context: &Context<'_>,
    evaluator: &mut Evaluator,
    input: &'a Input,
) -> Result<FileResult<'a>, Error> {
    let mut result = FileResult {
        input,
        document: None,
        findings: Vec::new(),
        resource: None,
        leaflet: None,
        source: None,
        applies: crate::profile::Applies::default(),
        readiness: None,
    };
    // A declaration named on the command line may be a link a pull request committed; one
    // that leads out of the repository (to a credentials file, say) is not read, or its text
    // would be shown in the report.
    if input.named
        && crate::trust::is_link(input.path())
        && !crate::trust::Scope::of(
            input
                .path()
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )
        .contains(input.path())
    {
        let args = [(
            "detail",
            "it is a symbolic link to a file outside the repository".to_string(),
        )];
        result
            .findings
            .push(context.decl001(input, Position::START, "unreadable", &args));
        // What a snippet shows of it: nothing (the report must not read it later either).
        if context.keep_sources {
            result.source = Some(String::new());
        }
        return Ok(result);
    }
    let bytes = match read_limited(input.path(), context.max_file_bytes) {
        Ok(Ok(b)) => b,
        Ok(Err(size)) => {
            result.findings.push(context.too_large(input, size));
            return Ok(result);
        }
        Err(e) => {
            let args = [("detail", e.to_string())];
            result
                .findings
                .push(context.decl001(input, Position::START, "unreadable", &args));
            return Ok(result);
        }
    };
    check_bytes(context, evaluator, input, &bytes, &mut result)?;
    Ok(result)
}

/// Under the publisher profile, the declaration's convenant readiness from its findings.
fn settle_readiness(context: &Context<'_>, result: &mut FileResult<'_>) {
    if context.profile != crate::profile::Profile::Publisher {
        return;
    }
    result.readiness = Some(crate::profile::Readiness::of(
        &result.input.display,
        result.resource.as_ref().map(|(id, _)| id.as_str()),
        result.applies,
        result.findings.iter().map(|f| f.code.as_str()),
    ));
}

/// One file's bytes, once read: decoded, parsed and checked (what `run` and [`Single`] share).
pub(super) fn check_bytes(
    context: &Context<'_>,
    evaluator: &mut Evaluator,
    input: &Input,
    bytes: &[u8],
    result: &mut FileResult<'_>,
) -> Result<(), Error> {
    let text = match parse::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            let mut f = context.decl001(input, e.position, "not_utf8", &[]);
            // A stray Latin-1 byte in a name does not make the `id` line unreadable.
            let lossy = parse::lossy(bytes);
            take_readable_id(&lossy, &mut f, result);
            result.findings.push(f);
            if context.keep_sources {
                result.source = Some(lossy.into_owned());
            }
            return Ok(());
        }
    };
    check_text(context, evaluator, input, text, result)?;
    if !result.findings.is_empty() {
        let mut ends = parse::QuotedEnds::new(text);
        for f in &mut result.findings {
            f.position = ends.fix(f.position);
        }
    }
    if context.keep_sources && !result.findings.is_empty() {
        result.source = Some(text.to_string());
    }
    Ok(())
}

/// One declaration checked in memory exactly as `run` checks each file of an inventory, with
/// the default board configuration and without the inventory rules: for fuzzing and property
/// tests, which check many texts and cannot prepare the policies for each one as `run` does.
pub struct Single {
    context: Context<'static>,
    evaluator: Evaluator,
    today: NaiveDate,
    settings: crate::board::config::Settings,
}

impl Single {
    /// The built-in catalogue, schema and policies, prepared once, with `today` fixed.
    pub fn new(today: NaiveDate, lang: Lang) -> Result<Self, Error> {
        let config = Config::default();
        let pack = PolicyPack::new(
            &[],
            policy_data(&config, today, crate::profile::Profile::Officer),
            crate::policy::EngineKind::Rvm,
        )?;
        Ok(Self {
            context: Context {
                catalogue: Catalogue::builtin()?,
                engine: EngineRules::of(Catalogue::builtin()?)?,
                schema: Schema::resource()?,
                vocabulary: config.vocabulary(),
                lang,
                max_file_bytes: config.settings.max_file_kib.saturating_mul(1024),
                keep_sources: true,
                keep_documents: false,
                profile: crate::profile::Profile::Officer,
            },
            evaluator: pack.evaluator()?,
            today,
            settings: config.settings,
        })
    }

    /// The one-file report of `bytes` as the content of a file shown as `display`.
    pub fn check(&mut self, display: &str, bytes: &[u8]) -> Result<Report, Error> {
        let input = Input::new(PathBuf::from(display), false);
        let mut result = FileResult {
            input: &input,
            document: None,
            findings: Vec::new(),
            resource: None,
            leaflet: None,
            source: None,
            applies: crate::profile::Applies::default(),
            readiness: None,
        };
        let size = bytes.len() as u64;
        if size > self.context.max_file_bytes {
            result.findings.push(self.context.too_large(&input, size));
        } else {
            check_bytes(
                &self.context,
                &mut self.evaluator,
                &input,
                bytes,
                &mut result,
            )?;
        }
        let mut findings = result.findings;
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Ok(Report {
            head: crate::report::Head {
                catalogue: self.context.catalogue.clone(),
                lang: self.context.lang,
                today: self.today,
                files: 1,
                checked: std::sync::Arc::new(vec![input.display.clone()]),
                baseline: None,
                organisation: None,
                profile: crate::profile::Profile::Officer,
                board_files: Vec::new(),
                unchecked: Vec::new(),
                settings: self.settings.clone(),
                inactive: std::collections::BTreeSet::new(),
            },
            declarations: Vec::new(),
            readiness: Vec::new(),
            resources: usize::from(result.resource.is_some()),
            findings,
            sources: result
                .source
                .map(|s| HashMap::from([(input.display.to_string(), s)]))
                .unwrap_or_default(),
        })
    }
}

/// The bytes of a file, or `Err(size)` when it is larger than `max` bytes (then nothing more
/// than the size is read): one open and one `fstat` per file.
fn read_limited(path: &Path, max: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > max {
        return Ok(Err(size));
    }
    // The size may change while reading; never read more than the limit allows.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

fn check_text(
    context: &Context<'_>,
    evaluator: &mut Evaluator,
    input: &Input,
    text: &str,
    result: &mut FileResult<'_>,
) -> Result<(), Error> {
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
            let mut f = context.decl001(input, e.position, variant, &args);
            take_readable_id(text, &mut f, result);
            result.findings.push(f);
            return Ok(());
        }
    };
    let spans = &doc.spans;
    let id = doc
        .value
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(id) = &id {
        let position = quoted_end(text, spans.locate("/id").position, id);
        result.resource = Some((id.clone(), position));
    }
    let mut structural = schema::check_header(&doc.value, spans);
    if structural.is_empty() {
        structural = context.schema.validate(&doc.value);
    }
    if !structural.is_empty() {
        for p in structural {
            let located = if p.at_key {
                spans.locate_key(&p.pointer)
            } else if p.code == EngineCode::Decl004 && p.pointer.is_empty() {
                // Not a mapping: at the root node; an empty document has none, so 1:1.
                let root = spans.get("").filter(|_| !doc.value.is_null());
                Located {
                    pointer: String::new(),
                    position: root.map_or(Position::START, |n| n.value),
                }
            } else {
                spans.locate(&p.pointer)
            };
            let mut args: BTreeMap<String, String> = p.args.into_iter().collect();
            if p.variant == "kvk_unquoted" {
                // As written (`01234567`), not as YAML read it: the lost zero is the point.
                let start = crate::locate::byte_offset(text, located.position.offset);
                let end = crate::locate::byte_offset(
                    text,
                    located.position.offset + located.position.len,
                );
                // Only plain digits: with an anchor, alias or tag the number YAML read is clearer.
                let written = text
                    .get(start..end)
                    .map(str::trim)
                    .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
                if let Some(written) = written {
                    args.insert("value".into(), written.to_string());
                }
            }
            let mut f = context.engine_finding(
                input,
                id.as_deref(),
                p.code,
                located,
                Some(p.variant),
                &args,
            );
            f.value_hash = value_hash(doc.value.pointer(&p.pointer));
            result.findings.push(f);
        }
        return Ok(());
    }

    let normalized = normalize(&doc.value, &context.vocabulary);
    let has_entries = |key: &str| {
        doc.value
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    };
    result.applies = crate::profile::Applies {
        subprocessors: has_entries("subprocessors"),
        eck_id: normalized.fields.iter().any(|f| f.id == "eck_id"),
        tracking: has_entries("tracking"),
        evaluated_or_exempt: true,
    };
    if context.keep_documents {
        result.document = Some(Declaration {
            file: input.display.to_string(),
            value: doc.value.clone(),
            fields: normalized.fields.clone(),
        });
    }
    for field in normalized.fields.iter().filter(|f| f.category.is_none()) {
        let mut args = BTreeMap::from([("field".to_string(), field.name.clone())]);
        let suggestion = crate::suggest::closest(&field.id, context.vocabulary.names());
        if let Some(s) = suggestion {
            args.insert("suggestion".to_string(), s.to_string());
        }
        let mut f = context.engine_finding(
            input,
            id.as_deref(),
            EngineCode::Decl003,
            spans.locate(&field.path),
            suggestion.map(|_| "suggestion"),
            &args,
        );
        f.field = Some(field.id.clone());
        f.value_hash = value_hash(doc.value.pointer(&field.path));
        result.findings.push(f);
    }
    let child = |key: &str, child: &str| doc.value.get(key).and_then(|v| v.get(child));
    if let (Some(supplier), Some(url)) = (
        child("supplier", "name").and_then(Value::as_str),
        child("privacy_leaflet", "url").and_then(Value::as_str),
    ) {
        result.leaflet = Some(LeafletUse {
            key: {
                let name = normalise_name(supplier);
                format!("{}:{name}{}", name.len(), normalise_url(url))
            },
            supplier: supplier.to_string(),
            url: url.to_string(),
            position: quoted_end(text, spans.locate("/privacy_leaflet/url").position, url),
        });
    }
    if !receives_personal_data(&normalized.fields, &doc.value) {
        return Ok(());
    }
    let raw = match evaluator.evaluate(normalized.input) {
        Ok(raw) => raw,
        Err(crate::policy::EvalError::Malformed(e)) => {
            return Err(Error::PolicyEval(format!("{}: {e}", input.display)));
        }
        Err(crate::policy::EvalError::File(detail)) => {
            // One file that a policy cannot finish (a runaway board policy, a builtin error)
            // is a finding for that file; the rest of the inventory is still checked.
            let args = BTreeMap::from([("detail".to_string(), detail.clone())]);
            let f = context.not_evaluated(input, id.as_deref(), spans, None, &args, detail);
            result.findings.push(f);
            return Ok(());
        }
    };
    let mut raw = raw;
    if raw.len() > MAX_FINDINGS_PER_FILE {
        // A board rule that emits a finding per element of something large would fill the
        // report (and memory): the first ones are kept, and POL-001 says how many were not.
        let dropped = raw.len() - MAX_FINDINGS_PER_FILE;
        raw.truncate(MAX_FINDINGS_PER_FILE);
        let args = BTreeMap::from([
            (
                "count".to_string(),
                (dropped + MAX_FINDINGS_PER_FILE).to_string(),
            ),
            ("max".to_string(), MAX_FINDINGS_PER_FILE.to_string()),
        ]);
        let hashed = format!("too many {dropped}");
        let f = context.not_evaluated(
            input,
            id.as_deref(),
            spans,
            Some("too_many_findings"),
            &args,
            hashed,
        );
        result.findings.push(f);
    }
    for r in raw {
        // The value at the path the policy named (not the parent it is reported at), so the
        // hash of a missing key is the absence itself, not the whole parent.
        let hash = value_hash(doc.value.pointer(&r.path));
        // A finding the tool cannot report is a policy error; say on which declaration.
        let mut f = context
            .policy_finding(input, id.as_deref(), spans, r)
            .map_err(|e| match e {
                Error::PolicyEval(m) => Error::PolicyEval(format!("{}: {m}", input.display)),
                other => other,
            })?;
        f.value_hash = hash;
        result.findings.push(f);
    }
    Ok(())
}

/// The id of a `DECL-001` file, where it can be read, still takes part in INV-001 (rules.md):
/// it becomes the finding's resource and the file's. An id holding U+FFFD (a byte that is not
/// UTF-8, in a lossily decoded file) is not read.
fn take_readable_id(text: &str, finding: &mut Finding, result: &mut FileResult<'_>) {
    if let Some((id, position)) =
        parse::readable_id(text).filter(|(id, _)| !id.contains(char::REPLACEMENT_CHARACTER))
    {
        finding.resource = Some(id.clone());
        result.resource = Some((id.clone(), quoted_end(text, position, &id)));
    }
}

/// The position of the string scalar `value`, ending at its closing quote when it is quoted
/// (its node is then longer than the value; see `parse::QuotedEnds`).
fn quoted_end(text: &str, position: Position, value: &str) -> Position {
    if position.len > value.chars().count() {
        parse::QuotedEnds::new(text).fix(position)
    } else {
        position
    }
}

/// The baseline hash of an offending value (or of its absence).
pub(super) fn value_hash(value: Option<&Value>) -> String {
    let text = value.map_or_else(|| "<absent>".to_string(), Value::to_string);
    format!("{:016x}", crate::hash::fnv1a64(&[&text]))
}

/// "Personal data received" (format.md): a field outside `organisation` (an unknown field
/// counts), or images processed or published.
fn receives_personal_data(fields: &[crate::normalize::Field], doc: &Value) -> bool {
    fields
        .iter()
        .any(|f| f.category.as_deref() != Some("organisation"))
        || doc.pointer("/images/processed") == Some(&Value::Bool(true))
        || doc.pointer("/images/published") == Some(&Value::Bool(true))
}

impl Context<'_> {
    fn rule(&self, code: &str) -> Result<&Rule, Error> {
        self.catalogue.get(code).ok_or_else(|| {
            Error::PolicyEval(format!(
                "a policy emitted `{code}`, which is not in the rule catalogue"
            ))
        })
    }

    /// `DECL-001` for a file of `size` bytes over `max_file_kib`: the exact size, and the limit
    /// in KiB (as configured) and bytes.
    fn too_large(&self, input: &Input, size: u64) -> Finding {
        let args = [
            ("size", size.to_string()),
            ("max_kib", (self.max_file_bytes / 1024).to_string()),
            ("max_bytes", self.max_file_bytes.to_string()),
        ];
        self.decl001(input, Position::START, "too_large", &args)
    }

    fn decl001(
        &self,
        input: &Input,
        position: Position,
        variant: &str,
        args: &[(&str, String)],
    ) -> Finding {
        let args: BTreeMap<String, String> = args
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect();
        let located = Located {
            pointer: String::new(),
            position,
        };
        let mut f = self.engine_finding(
            input,
            None,
            EngineCode::Decl001,
            located,
            Some(variant),
            &args,
        );
        f.value_hash = value_hash(Some(&Value::String(format!("{variant} {args:?}"))));
        f
    }

    /// POL-001 for a declaration whose policies did not finish (or ran away), at the
    /// document's first key, its value hash made of `hashed`.
    fn not_evaluated(
        &self,
        input: &Input,
        resource: Option<&str>,
        spans: &SpanMap,
        variant: Option<&str>,
        args: &BTreeMap<String, String>,
        hashed: String,
    ) -> Finding {
        let located = Located {
            pointer: String::new(),
            position: spans.first_key(),
        };
        let mut f =
            self.engine_finding(input, resource, EngineCode::Pol001, located, variant, args);
        f.value_hash = value_hash(Some(&Value::String(hashed)));
        f
    }

    /// A finding of a code the engine emits itself, from its catalogue rule.
    pub(super) fn engine_finding(
        &self,
        input: &Input,
        resource: Option<&str>,
        code: EngineCode,
        located: Located,
        variant: Option<&str>,
        args: &BTreeMap<String, String>,
    ) -> Finding {
        self.engine.get(code).finding(
            self.lang,
            variant,
            args,
            Place {
                file: &input.display,
                resource,
                path: located.pointer,
                position: located.position,
            },
        )
    }

    fn policy_finding(
        &self,
        input: &Input,
        resource: Option<&str>,
        spans: &SpanMap,
        raw: RawFinding,
    ) -> Result<Finding, Error> {
        let severity = match raw.severity.as_deref() {
            None => None,
            Some(s) => Some(Severity::parse(s).ok_or_else(|| {
                Error::PolicyEval(format!(
                    "{} emitted severity `{s}` (error, warning or info)",
                    raw.code
                ))
            })?),
        };
        if !raw.path.is_empty() && !raw.path.starts_with('/') {
            return Err(Error::PolicyEval(format!(
                "{} emitted path `{}`, which is not a JSON Pointer",
                raw.code, raw.path
            )));
        }
        let args: BTreeMap<String, String> = raw
            .args
            .iter()
            .map(|(k, v)| (k.clone(), plain(v)))
            .collect();
        if let Some(problem) = self
            .rule(&raw.code)?
            .unrenderable(raw.variant.as_deref(), &args)
        {
            return Err(Error::PolicyEval(format!("{} emitted {problem}", raw.code)));
        }
        let located = spans.locate(&raw.path);
        let mut f = self.rule(&raw.code)?.finding(
            self.lang,
            raw.variant.as_deref(),
            &args,
            Place {
                file: &input.display,
                resource,
                path: located.pointer,
                position: located.position,
            },
        );
        f.field = raw.field;
        if let Some(severity) = severity {
            f.severity = severity;
        }
        Ok(f)
    }
}

/// A policy argument as text, in full (messages must name the whole value).
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
