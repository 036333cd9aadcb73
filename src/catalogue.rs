//! The rule catalogue: code, slug, default severity, title, message template, help,
//! explanation and references of every rule, in English and Dutch.
//!
//! The data live in `policies/catalogue.yaml` beside the Rego (regorus reads no METADATA
//! annotations), embedded in the binary and read with `yaml_serde` into typed structs that
//! reject unknown keys. Everything that shows a rule (`check` messages, the README list, later
//! `rules`, `explain`, SARIF and JUnit) reads it from here, so the text has one home.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::codes::EngineCode;
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::locate::Position;
use crate::text::{is_bidi_control, printable};

const SOURCE: &str = include_str!("../policies/catalogue.yaml");

/// A text in both languages.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub nl: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Nl => &self.nl,
        }
    }
}

/// An alternative message (and optionally help) for a sub-case of a rule.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub message: Text,
    #[serde(default)]
    pub help: Option<Text>,
}

/// One rule of the catalogue.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub code: String,
    pub name: String,
    pub area: String,
    pub severity: Severity,
    pub title: Text,
    pub message: Text,
    pub help: Text,
    pub why: Text,
    pub references: Vec<String>,
    #[serde(default)]
    pub variants: BTreeMap<String, Variant>,
    /// The severity of the rule's lesser case, for a rule whose findings differ in severity
    /// (LEAF-001: an error where the leaflet is part of the agreement, a warning otherwise).
    /// `severity` stays the default that SARIF and the overrides start from.
    #[serde(default)]
    pub lesser_severity: Option<Severity>,
    /// A board rule's examples for `explain`, read as the built-in ones in
    /// `policies/examples.yaml` are (the built-in rules keep theirs there).
    #[serde(default)]
    pub examples: Option<crate::examples::Example>,
}

impl Rule {
    /// The severity as the catalogue of rules.md gives it, in `lang`: `error`, or
    /// `error / warning` for a rule with a lesser case.
    pub(crate) fn severity_label(&self, lang: Lang) -> String {
        match self.lesser_severity {
            Some(lesser) => format!("{} / {}", self.severity.label(lang), lesser.label(lang)),
            None => self.severity.label(lang).to_string(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    rules: Vec<Rule>,
}

/// The whole catalogue, in the order of `rules.md`.
#[derive(Debug, Clone)]
pub struct Catalogue {
    rules: Vec<Rule>,
}

/// A message and help rendered for one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub message: String,
    pub help: String,
}

impl Catalogue {
    /// The built-in catalogue, parsed once per process.
    pub fn builtin() -> Result<&'static Catalogue, Error> {
        static CATALOGUE: OnceLock<Result<Catalogue, String>> = OnceLock::new();
        CATALOGUE
            .get_or_init(|| Catalogue::parse(SOURCE))
            .as_ref()
            .map_err(|e| Error::Catalogue(e.clone()))
    }

    fn parse(source: &str) -> Result<Catalogue, String> {
        let file: File = yaml_serde::from_str(source).map_err(|e| e.to_string())?;
        if file.version != 1 {
            return Err(format!("unsupported catalogue version {}", file.version));
        }
        let mut seen = std::collections::HashSet::new();
        for rule in &file.rules {
            if !seen.insert(rule.code.as_str()) {
                return Err(format!("rule {} is listed twice", rule.code));
            }
        }
        Ok(Catalogue { rules: file.rules })
    }

    /// Parses a board's own catalogue file (same format as the built-in one). A pull request
    /// controls it, so it is read with the same limited YAML reader as a declaration (an alias
    /// bomb is refused, not expanded), and its texts may hold no control character (an escape
    /// sequence would clear the terminal of whoever reads the report) and no bidirectional
    /// override (U+202E shows text in another order than it is), and its one-line texts no
    /// line break (a help line `::add-mask::x` would become a GitHub workflow command).
    pub(crate) fn parse_custom(source: &str) -> Result<Vec<Rule>, String> {
        let doc = crate::parse::parse(source)
            .map_err(|e| format!("{}:{}: {}", e.position.line, e.position.column, e.problem))?;
        if let Some(problem) = unsafe_text(&doc.value, "") {
            return Err(problem);
        }
        let file: File = serde_json::from_value(doc.value).map_err(|e| e.to_string())?;
        if file.version != 1 {
            return Err(format!("unsupported catalogue version {}", file.version));
        }
        let mut seen = std::collections::HashSet::new();
        for rule in &file.rules {
            if !seen.insert(rule.code.as_str()) {
                return Err(format!("rule {} is listed twice", rule.code));
            }
        }
        Ok(file.rules)
    }

    /// This catalogue plus a board's custom rules. A custom code must be new and must not use a
    /// built-in prefix (`AGR`, `DECL`, ...), so that built-in codes stay unambiguous.
    pub(crate) fn with_custom(&self, custom: Vec<Rule>) -> Result<Catalogue, Error> {
        let mut rules = self.rules.clone();
        for rule in custom {
            let prefix = rule.code.split('-').next().unwrap_or_default();
            let shape_ok = rule.code.split_once('-').is_some_and(|(p, n)| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                    && n.len() == 3
                    && n.bytes().all(|b| b.is_ascii_digit())
            });
            if !shape_ok {
                return Err(Error::BoardCatalogue(format!(
                    "custom rule code `{}` must look like `BOARD-001` (capitals, `-`, three digits)",
                    rule.code
                )));
            }
            if rules.iter().any(|r| r.code == rule.code) {
                return Err(Error::BoardCatalogue(format!(
                    "custom rule `{}` is declared twice or collides with a built-in rule",
                    rule.code
                )));
            }
            if self
                .rules
                .iter()
                .any(|r| r.code.split('-').next() == Some(prefix))
            {
                return Err(Error::BoardCatalogue(format!(
                    "custom rule `{}` uses the built-in prefix `{prefix}`; choose a prefix of the board's own, e.g. `BOARD-001`",
                    rule.code
                )));
            }
            rules.push(rule);
        }
        Ok(Catalogue { rules })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, code: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.code == code)
    }

    /// The place of `code` in catalogue order.
    pub(crate) fn index_of(&self, code: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.code == code)
    }

    /// Whether `selector` names a code or a prefix of codes (`AGR`, `XFER-001`).
    pub(crate) fn matches_selector(&self, selector: &str) -> bool {
        self.rules.iter().any(|r| selects(selector, &r.code))
    }
}

impl Catalogue {
    /// The rule list as a Markdown table (code, severity, title, references), for the README
    /// and `rules --format markdown`.
    pub fn markdown_table(&self, lang: Lang) -> String {
        self.table(lang, None)
    }

    /// [`Catalogue::markdown_table`] with a last column that marks the rules `marked` says
    /// (`rules --profile publisher --format markdown`: the readiness requirements).
    pub(crate) fn markdown_table_marked(
        &self,
        lang: Lang,
        marked: impl Fn(&str) -> bool,
    ) -> String {
        self.table(lang, Some(&marked))
    }

    fn table(&self, lang: Lang, marked: Option<&dyn Fn(&str) -> bool>) -> String {
        if let Some(marked) = marked {
            let mut out = String::from(crate::words::words(lang).rules_table_marked);
            for line in self.table(lang, None).lines().skip(2) {
                let code = line.split('`').nth(1).unwrap_or_default();
                out.push_str(line);
                out.push_str(if marked(code) { " ✓ |\n" } else { "  |\n" });
            }
            return out;
        }
        let mut out = String::from(crate::words::words(lang).rules_table);
        for rule in &self.rules {
            let refs = if rule.references.is_empty() {
                "—".to_string()
            } else {
                rule.references.join("; ")
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                rule.code,
                rule.severity_label(lang),
                rule.title.get(lang).replace('|', "\\|"),
                refs.replace('|', "\\|")
            ));
        }
        out
    }
}

/// Whether a `--select`/`--ignore` item selects `code`: the full code, or its prefix before `-`.
pub(crate) fn selects(selector: &str, code: &str) -> bool {
    code == selector
        || code
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('-'))
}

/// Where a finding is: the file as displayed, the declaration's id when it could be read, the
/// JSON Pointer of the node and its position.
#[derive(Debug, Clone)]
pub struct Place<'a> {
    pub file: &'a str,
    pub resource: Option<&'a str>,
    pub path: String,
    pub position: Position,
}

/// The catalogue rules of the codes the engine emits itself, looked up once per run: with them
/// a finding of an engine code is made without a lookup that could fail halfway through.
#[derive(Debug, Clone)]
pub(crate) struct EngineRules {
    decl001: Rule,
    decl002: Rule,
    decl003: Rule,
    decl004: Rule,
    inv001: Rule,
    inv002: Rule,
    waive001: Rule,
    waive002: Rule,
    base001: Rule,
    pol001: Rule,
}

impl EngineRules {
    /// The rules of every [`EngineCode`] in `catalogue`; an error names the first one missing
    /// (never for the built-in catalogue, which a test checks, and a board cannot remove one).
    pub fn of(catalogue: &Catalogue) -> Result<EngineRules, Error> {
        let take = |code: EngineCode| {
            catalogue.get(code.as_str()).cloned().ok_or_else(|| {
                Error::Catalogue(format!("the rule catalogue has no entry for `{code}`"))
            })
        };
        Ok(EngineRules {
            decl001: take(EngineCode::Decl001)?,
            decl002: take(EngineCode::Decl002)?,
            decl003: take(EngineCode::Decl003)?,
            decl004: take(EngineCode::Decl004)?,
            inv001: take(EngineCode::Inv001)?,
            inv002: take(EngineCode::Inv002)?,
            waive001: take(EngineCode::Waive001)?,
            waive002: take(EngineCode::Waive002)?,
            base001: take(EngineCode::Base001)?,
            pol001: take(EngineCode::Pol001)?,
        })
    }

    /// The rule of `code`.
    pub fn get(&self, code: EngineCode) -> &Rule {
        match code {
            EngineCode::Decl001 => &self.decl001,
            EngineCode::Decl002 => &self.decl002,
            EngineCode::Decl003 => &self.decl003,
            EngineCode::Decl004 => &self.decl004,
            EngineCode::Inv001 => &self.inv001,
            EngineCode::Inv002 => &self.inv002,
            EngineCode::Waive001 => &self.waive001,
            EngineCode::Waive002 => &self.waive002,
            EngineCode::Base001 => &self.base001,
            EngineCode::Pol001 => &self.pol001,
        }
    }
}

impl Rule {
    /// The one constructor of a [`Finding`]: this rule's code, severity and references, its
    /// message and help (or a variant's) rendered in `lang` with `args`, at `place`. Not
    /// waived, not baselined, no field, no related place and no value hash: the caller adds
    /// what its case has.
    pub fn finding(
        &self,
        lang: Lang,
        variant: Option<&str>,
        args: &BTreeMap<String, String>,
        place: Place<'_>,
    ) -> Finding {
        let rendered = self.render(lang, variant, args);
        Finding {
            code: self.code.clone(),
            severity: self.severity,
            file: place.file.to_string(),
            resource: place.resource.map(str::to_string),
            path: place.path,
            position: place.position,
            message: rendered.message,
            help: rendered.help,
            references: self.references.clone(),
            field: None,
            related: Vec::new(),
            waived: None,
            value_hash: String::new(),
            baselined: false,
        }
    }
}

impl Rule {
    /// Renders the message and help of this rule (or of one of its variants) with `args`.
    pub fn render(
        &self,
        lang: Lang,
        variant: Option<&str>,
        args: &BTreeMap<String, String>,
    ) -> Rendered {
        // Values come from files written by many hands: show control characters (an escape
        // sequence, a newline inside a value) as visible symbols, never raw on a terminal.
        let args: BTreeMap<String, String> = args
            .iter()
            .map(|(k, v)| (k.clone(), printable(v)))
            .collect();
        let args = &args;
        let (message, help) = self.texts(variant);
        Rendered {
            message: fill(message.get(lang), args),
            help: fill(help.get(lang), args),
        }
    }

    /// The message and help templates of this rule, or of one of its variants.
    fn texts(&self, variant: Option<&str>) -> (&Text, &Text) {
        let chosen = variant.and_then(|v| self.variants.get(v));
        let message = chosen.map_or(&self.message, |v| &v.message);
        let help = chosen.and_then(|v| v.help.as_ref()).unwrap_or(&self.help);
        (message, help)
    }

    /// Why a finding with `variant` and `args` cannot be rendered, if it cannot: a variant the
    /// rule lacks (its default text would be shown instead), or the first placeholder that
    /// the message or help of the variant (in either language) names and `args` lacks (it
    /// would show `{name}` as written).
    pub(crate) fn unrenderable(
        &self,
        variant: Option<&str>,
        args: &BTreeMap<String, String>,
    ) -> Option<String> {
        if let Some(variant) = variant.filter(|v| !self.variants.contains_key(*v)) {
            return Some(format!(
                "variant `{variant}`, which its catalogue entry does not have"
            ));
        }
        let (message, help) = self.texts(variant);
        [Lang::En, Lang::Nl]
            .into_iter()
            .flat_map(|lang| {
                placeholders(message.get(lang))
                    .into_iter()
                    .chain(placeholders(help.get(lang)))
            })
            .find(|name| !args.contains_key(name))
            .map(|name| format!("no `{name}` in its `args`, which its message or help names"))
    }
}

/// The first text of a board catalogue (at JSON Pointer `at`) that holds a character a report
/// must not carry: a control character or a bidirectional override anywhere, a line break
/// outside the multi-line texts (`why`, `examples`).
fn unsafe_text(value: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            let multi_line = at.contains("/why/") || at.contains("/examples/");
            let bad = s.chars().find(|c| {
                (*c == '\n' && !multi_line)
                    || (c.is_control() && *c != '\n' && *c != '\t')
                    || is_bidi_control(*c)
            })?;
            Some(format!(
                "`{at}` holds the character U+{:04X}, which a rule's text may not contain (control characters, bidirectional overrides, and line breaks outside `why`)",
                bad as u32
            ))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| unsafe_text(v, &format!("{at}/{i}"))),
        Value::Object(map) => map
            .iter()
            .find_map(|(k, v)| unsafe_text(v, &crate::locate::push_token(at, k))),
        _ => None,
    }
}

/// Replaces `{name}` placeholders with their argument; unknown ones stay as written.
pub fn fill(template: &str, args: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        match after.find('}') {
            Some(close) => {
                let name = after.get(..close).unwrap_or("");
                match args.get(name) {
                    Some(value) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push_str(rest.get(open..).unwrap_or(""));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names used in a template.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        names.push(after.get(..close).unwrap_or("").to_string());
        rest = after.get(close + 1..).unwrap_or("");
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_engine_code_has_a_catalogue_entry_and_one_constructor_renders_it() {
        let catalogue = Catalogue::builtin().unwrap();
        let engine = EngineRules::of(catalogue).unwrap();
        for code in EngineCode::ALL {
            let rule = engine.get(code);
            assert_eq!(rule.code, code.as_str());
            let f = rule.finding(
                Lang::Nl,
                None,
                &BTreeMap::new(),
                Place {
                    file: "a.yaml",
                    resource: Some("a"),
                    path: "/id".into(),
                    position: Position::START,
                },
            );
            assert_eq!(f.code, code.as_str());
            assert_eq!(
                f.severity, rule.severity,
                "{code}: the catalogue's severity"
            );
            assert_eq!(
                f.message,
                rule.render(Lang::Nl, None, &BTreeMap::new()).message
            );
            assert_eq!(
                (f.file.as_str(), f.resource.as_deref(), f.path.as_str()),
                ("a.yaml", Some("a"), "/id")
            );
            assert!(f.counted() && f.value_hash.is_empty() && f.field.is_none());
        }
        // A catalogue without one of them is refused, naming it.
        let mut partial = catalogue.clone();
        partial.rules.retain(|r| r.code != "BASE-001");
        let err = EngineRules::of(&partial).unwrap_err().to_string();
        assert!(err.contains("`BASE-001`"), "{err}");
    }

    #[test]
    fn fill_replaces_known_placeholders() {
        let args = BTreeMap::from([("date".to_string(), "2025-07-31".to_string())]);
        assert_eq!(
            fill("expired on {date} ({x})", &args),
            "expired on 2025-07-31 ({x})"
        );
        assert_eq!(placeholders("a {b} c {d}"), vec!["b", "d"]);
    }

    #[test]
    fn selectors_match_codes_and_prefixes() {
        assert!(selects("AGR", "AGR-001"));
        assert!(selects("AGR-001", "AGR-001"));
        assert!(!selects("AG", "AGR-001"));
        assert!(!selects("AGR-00", "AGR-001"));
    }

    #[test]
    fn locale_picks_dutch() {
        assert_eq!(Lang::from_locale("nl_NL.UTF-8"), Lang::Nl);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }
}
