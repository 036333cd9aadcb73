//! `ibp-lint explain CODE`: one rule in full: what it checks and why, a non-compliant and a
//! compliant example, how to fix it, and its references, in English or Dutch. The text comes
//! from the catalogue and `policies/examples.yaml`, the same data as every other output.

use std::collections::BTreeMap;

use crate::catalogue::{Rule, placeholders};
use crate::examples::Example;
use crate::lang::Lang;

/// The explanation of `rule` as text.
pub fn render(rule: &Rule, example: Option<&Example>, lang: Lang) -> String {
    let h = &crate::words::words(lang).explain;
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
