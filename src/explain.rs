//! `ibp-lint explain CODE`: one rule in full: what it checks and why, a non-compliant and a
//! compliant example, how to fix it, and its references, in English or Dutch. The text comes
//! from the catalogue and `policies/examples.yaml`, the same data as every other output.

use std::collections::BTreeMap;

use crate::catalogue::{Rule, placeholders};
use crate::examples::Example;
use crate::lang::Lang;

struct Headings {
    checks: &'static str,
    fail: &'static str,
    pass: &'static str,
    fix: &'static str,
    references: &'static str,
    no_examples: &'static str,
    file: &'static str,
    config: &'static str,
    applied: &'static str,
    /// How to read a snippet (said once, before the examples, unless they are whole files).
    snippets: &'static str,
    /// Said when the examples are checked under `--profile publisher`.
    publisher: &'static str,
    left_out: &'static str,
}

const EN: Headings = Headings {
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
};

const NL: Headings = Headings {
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
};

/// The explanation of `rule` as text.
pub fn render(rule: &Rule, example: Option<&Example>, lang: Lang) -> String {
    let h = match lang {
        Lang::En => &EN,
        Lang::Nl => &NL,
    };
    let mut sections = vec![
        format!(
            "{} {} ({})\n{}\n",
            rule.code,
            rule.name,
            rule.severity_label(lang),
            rule.title.get(lang)
        ),
        format!("{}:\n{}", h.checks, indent(rule.why.get(lang), "  ")),
    ];
    // The built-in examples' comments in Dutch; a board's own examples are shown as written.
    // The table comes from the same file as the built-in examples, already read by the caller.
    let is_builtin = |example: &Example| {
        crate::examples::builtin()
            .ok()
            .and_then(|b| b.get(&rule.code))
            .is_some_and(|b| std::ptr::eq(b, example))
    };
    let dutch = match (lang, example) {
        (Lang::Nl, Some(example)) if is_builtin(example) => crate::examples::comments_nl().ok(),
        _ => None,
    };
    let localised = |snippet: &str| match dutch {
        Some(table) => crate::examples::translate_comments(snippet, table),
        None => snippet.to_string(),
    };
    match example {
        Some(example) => {
            if !example.whole_file {
                sections.push(indent(h.snippets, ""));
            }
            if example.profile == Some(crate::profile::Profile::Publisher) {
                sections.push(indent(h.publisher, ""));
            }
            for (heading, snippets) in [(h.fail, &example.fail), (h.pass, &example.pass)] {
                let mut text = format!("{heading}:\n");
                let files = snippets.files();
                for (i, snippet) in files.iter().enumerate() {
                    if example.config {
                        text.push_str(&format!("  # {}\n", h.config));
                    } else if example.baseline {
                        text.push_str("  # --baseline FILE\n");
                    } else if files.len() > 1 {
                        text.push_str(&format!("  # {} {}\n", h.file, i + 1));
                    }
                    text.push_str(&indent(
                        &absent_keys_as_comments(&localised(snippet), h.left_out),
                        "  ",
                    ));
                }
                if let Some(declaration) = &example.declaration {
                    text.push_str(&format!("  # {}:\n", h.applied));
                    text.push_str(&indent(&localised(declaration), "  "));
                }
                sections.push(text);
            }
        }
        None => sections.push(format!("{}\n", h.no_examples)),
    }
    // Placeholders in the help stand for the concrete values of a finding.
    let help = rule.help.get(lang);
    let args: BTreeMap<String, String> = placeholders(help)
        .into_iter()
        .map(|p| (p.clone(), format!("<{p}>")))
        .collect();
    sections.push(format!(
        "{}:\n{}",
        h.fix,
        indent(&crate::catalogue::fill(help, &args), "  ")
    ));
    if !rule.references.is_empty() {
        sections.push(format!(
            "{}: {}\n",
            h.references,
            rule.references.join("; ")
        ));
    }
    sections.join("\n")
}

/// A top-level `key: ~  # why` line (the examples' way to write an absent key) as the comment
/// `# key: left out (why)`: pasted into a declaration, `key: ~` would be a schema error
/// instead of the absent key the example means.
fn absent_keys_as_comments(snippet: &str, left_out: &str) -> String {
    let mut out = String::new();
    for line in snippet.lines() {
        let absent = line.split_once(": ~").filter(|(key, rest)| {
            !key.starts_with([' ', '#'])
                && !key.contains(' ')
                && (rest.trim().is_empty() || rest.trim_start().starts_with('#'))
        });
        match absent {
            Some((key, rest)) => match rest.trim().strip_prefix('#').map(str::trim) {
                Some(why) if !why.is_empty() => {
                    out.push_str(&format!("# {key}: {left_out} ({why})\n"));
                }
                _ => out.push_str(&format!("# {key}: {left_out}\n")),
            },
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn indent(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    for line in text.trim_end().lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(prefix);
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
