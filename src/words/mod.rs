//! The words of the tool's own texts, one table per language: labels, headings and the few
//! sentences that are not rule texts (those are in `policies/catalogue.yaml`); the register's
//! words in [`register`]. A [`Words`] value per
//! language: the compiler sees that every key exists in both; a test sees that both fill the
//! same placeholders. Ground floor: imports nothing of the crate but [`Lang`].

use crate::lang::Lang;

pub mod register;

/// Every word of the tool's own texts in one language.
#[derive(Debug)]
pub struct Words {
    /// The label of a finding's help text in a text report.
    pub help: &'static str,
    /// The label of a finding's references (its legal sources) in a text report.
    pub references: &'static str,
    /// The severities as words (`info` is the same in both languages).
    pub error: &'static str,
    pub warning: &'static str,
    pub info: &'static str,
    /// INV-001's related label at the first declaration with the id: `{id}`.
    pub first_declared_here: &'static str,
    /// INV-002's related label at the first declaration with the leaflet: `{id}`.
    pub also_the_leaflet_of: &'static str,
    /// The readiness line's head: `{met}`, `{total}`.
    pub readiness: &'static str,
    /// Before the requirements a declaration does not meet.
    pub not_met: &'static str,
    /// `rules --profile publisher`: the mark of a readiness requirement.
    pub readiness_mark: &'static str,
    /// `rules --format markdown`: the table's header and separator.
    pub rules_table: &'static str,
    /// The same with the readiness column.
    pub rules_table_marked: &'static str,
    /// `github`: the notice after GitHub's annotation limit: `{count}`, `{max}`.
    pub not_annotated: &'static str,
    /// The GitHub job summary's headings.
    pub errors: &'static str,
    pub warnings: &'static str,
    pub infos: &'static str,
    pub waived: &'static str,
    pub rule_code: &'static str,
    pub severity: &'static str,
    pub findings: &'static str,
    pub rule: &'static str,
    /// After the rules the summary has no room for: `{count}`.
    pub more_rules: &'static str,
    pub worst_files: &'static str,
    /// `explain`'s headings and sentences.
    pub explain: Explain,
}

/// The headings and sentences of `explain`.
#[derive(Debug)]
pub(crate) struct Explain {
    pub checks: &'static str,
    pub fail: &'static str,
    pub pass: &'static str,
    pub fix: &'static str,
    pub references: &'static str,
    pub no_examples: &'static str,
    pub file: &'static str,
    pub config: &'static str,
    pub applied: &'static str,
    /// How to read a snippet (said once, before the examples, unless they are whole files).
    pub snippets: &'static str,
    /// Said when the examples are checked under `--profile publisher`.
    pub publisher: &'static str,
    pub left_out: &'static str,
}

const EN: Words = Words {
    help: "help",
    references: "references",
    error: "error",
    warning: "warning",
    info: "info",
    first_declared_here: "`{id}` first declared here",
    also_the_leaflet_of: "also the leaflet of `{id}`",
    readiness: "convenant readiness: {met} of {total} requirements met",
    not_met: "not met",
    readiness_mark: "  [readiness]",
    rules_table: "| code | severity | rule | references |\n|---|---|---|---|\n",
    rules_table_marked: "| code | severity | rule | references | readiness |\n|---|---|---|---|---|\n",
    not_annotated: "{count} more findings are not annotated (GitHub shows at most {max} errors, {max} warnings and {max} notices per step): they are listed in this step's log, above this line",
    errors: "errors",
    warnings: "warnings",
    infos: "infos",
    waived: "waived",
    rule_code: "code",
    severity: "severity",
    findings: "findings",
    rule: "rule",
    more_rules: "{count} more rules, see the step's log",
    worst_files: "files with the most findings",
    explain: Explain {
        checks: "What it checks and why",
        fail: "Non-compliant",
        pass: "Compliant",
        fix: "How to fix it",
        references: "References",
        no_examples: "(no examples for this rule)",
        file: "file",
        config: "ibp-lint.yaml",
        applied: "the declaration it applies to has",
        snippets: "The examples show only the keys that matter: each replaces the same top-level key of a complete, compliant declaration; `# key: left out` means that the key is absent.",
        publisher: "Both examples are checked with `--profile publisher`: the rule is a readiness requirement, raised only under that profile.",
        left_out: "left out",
    },
};

const NL: Words = Words {
    help: "hulp",
    references: "bronnen",
    error: "fout",
    warning: "waarschuwing",
    info: "info",
    first_declared_here: "`{id}` staat hier voor het eerst",
    also_the_leaflet_of: "ook de bijsluiter van `{id}`",
    readiness: "gereed voor het convenant: {met} van {total} eisen voldaan",
    not_met: "niet voldaan",
    readiness_mark: "  [gereedheid]",
    rules_table: "| code | ernst | regel | bronnen |\n|---|---|---|---|\n",
    rules_table_marked: "| code | ernst | regel | bronnen | gereedheid |\n|---|---|---|---|---|\n",
    not_annotated: "nog {count} bevindingen zijn niet als annotatie getoond (GitHub toont per stap hoogstens {max} fouten, {max} waarschuwingen en {max} meldingen): ze staan in het logboek van deze stap, boven deze regel",
    errors: "fouten",
    warnings: "waarschuwingen",
    infos: "info",
    waived: "uitgezonderd",
    rule_code: "code",
    severity: "ernst",
    findings: "bevindingen",
    rule: "regel",
    more_rules: "nog {count} regels, zie het logboek van de stap",
    worst_files: "bestanden met de meeste bevindingen",
    explain: Explain {
        checks: "Wat de regel controleert en waarom",
        fail: "Niet in orde",
        pass: "In orde",
        fix: "Zo los je het op",
        references: "Bronnen",
        no_examples: "(geen voorbeelden bij deze regel)",
        file: "bestand",
        config: "ibp-lint.yaml",
        applied: "de declaratie waarop dit van toepassing is, heeft",
        snippets: "De voorbeelden tonen alleen de sleutels waar het om gaat: elk vervangt dezelfde sleutel op het hoogste niveau van een volledige declaratie die in orde is; `# sleutel: weggelaten` betekent dat de sleutel ontbreekt.",
        publisher: "Beide voorbeelden worden getoetst met `--profile publisher`: de regel is een eis voor convenantgereedheid en wordt alleen onder dat profiel gemeld.",
        left_out: "weggelaten",
    },
};

/// The words of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Nl => &NL,
    }
}

/// `template` with each `{name}` of `args` replaced by its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

impl Words {
    /// Every entry with its name, for the tests.
    #[cfg(test)]
    fn entries(&self) -> Vec<(&'static str, &'static str)> {
        let e = &self.explain;
        vec![
            ("help", self.help),
            ("references", self.references),
            ("error", self.error),
            ("warning", self.warning),
            ("info", self.info),
            ("first_declared_here", self.first_declared_here),
            ("also_the_leaflet_of", self.also_the_leaflet_of),
            ("readiness", self.readiness),
            ("not_met", self.not_met),
            ("readiness_mark", self.readiness_mark),
            ("rules_table", self.rules_table),
            ("rules_table_marked", self.rules_table_marked),
            ("not_annotated", self.not_annotated),
            ("errors", self.errors),
            ("warnings", self.warnings),
            ("infos", self.infos),
            ("waived", self.waived),
            ("rule_code", self.rule_code),
            ("severity", self.severity),
            ("findings", self.findings),
            ("rule", self.rule),
            ("more_rules", self.more_rules),
            ("worst_files", self.worst_files),
            ("explain.checks", e.checks),
            ("explain.fail", e.fail),
            ("explain.pass", e.pass),
            ("explain.fix", e.fix),
            ("explain.references", e.references),
            ("explain.no_examples", e.no_examples),
            ("explain.file", e.file),
            ("explain.config", e.config),
            ("explain.applied", e.applied),
            ("explain.snippets", e.snippets),
            ("explain.publisher", e.publisher),
            ("explain.left_out", e.left_out),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}` placeholders of a text, sorted.
    fn placeholders(text: &str) -> Vec<String> {
        let mut out: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn both_languages_have_every_word_with_the_same_placeholders() {
        let (en, nl) = (words(Lang::En).entries(), words(Lang::Nl).entries());
        assert_eq!(en.len(), nl.len());
        for ((name, english), (name_nl, dutch)) in en.iter().zip(&nl) {
            assert_eq!(name, name_nl);
            assert!(
                !english.trim().is_empty() && !dutch.trim().is_empty(),
                "{name}"
            );
            assert_eq!(placeholders(english), placeholders(dutch), "{name}");
        }
        // The two tables are not the same words: most entries differ.
        let different = en.iter().zip(&nl).filter(|(a, b)| a.1 != b.1).count();
        assert!(different >= en.len() - 3, "{different} of {}", en.len());
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill(words(Lang::Nl).readiness, &[("met", "8"), ("total", "13")]),
            "gereed voor het convenant: 8 van 13 eisen voldaan"
        );
        assert_eq!(fill("`{id}` x {other}", &[("id", "a")]), "`a` x {other}");
    }
}
