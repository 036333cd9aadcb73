//! The module graph of the library looks down only: no module reaches, through `crate::`
//! paths, a module that reaches it back (issue "The house"). A module is a file of `src/` or a
//! folder with a `mod.rs` (its files together); the test reads the source, so a cycle added
//! through any `use` or path fails here with the modules of the loop named.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The `crate::NAME` references of `text` (NAME a lower-case module name), before its tests:
/// a unit test may reach any module without making the code depend on it.
fn references(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let code = text.find("\n#[cfg(test)]").map_or(text, |i| &text[..i]);
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
        rest = after;
    }
    out
}

/// The `.rs` files under `dir`, in nested folders too (a module's submodules).
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Module name → the modules it references, for the library's modules.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let (name, texts) = if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let texts: Vec<String> = rust_files(&path)
                .iter()
                .map(|p| std::fs::read_to_string(p).unwrap())
                .collect();
            (name, texts)
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, vec![std::fs::read_to_string(&path).unwrap()])
        } else {
            continue;
        };
        if name == "lib" || name == "main" {
            continue;
        }
        let mut refs: BTreeSet<String> = texts.iter().flat_map(|t| references(t)).collect();
        refs.remove(&name);
        graph.insert(name, refs);
    }
    graph
}

/// A cycle through `start`, if there is one: the modules of the loop in order.
fn cycle_through(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    // Depth-first search keeping the path; the graph has a few dozen nodes.
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        let last = path.last().unwrap().clone();
        for next in graph.get(&last).into_iter().flatten() {
            if next == start {
                return true;
            }
            if graph.contains_key(next) && seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, start, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    let mut seen = BTreeSet::new();
    walk(graph, start, &mut path, &mut seen).then_some(path)
}

#[test]
fn the_module_graph_has_no_cycle() {
    let graph = graph();
    // The test must see the modules it is about: a reader that found nothing would pass.
    for module in [
        "check", "board", "render", "register", "report", "lang", "finding",
    ] {
        assert!(graph.contains_key(module), "module `{module}` not found");
    }
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_through(&graph, m))
        .map(|c| format!("{} -> {}", c.join(" -> "), c[0]))
        .collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_ground_floor_imports_nothing_of_the_crate() {
    let graph = graph();
    for module in [
        "lang", "text", "hash", "dates", "glob", "locate", "error", "codes", "suggest",
    ] {
        let refs = &graph[module];
        assert!(refs.is_empty(), "`{module}` imports {refs:?}");
    }
    // `words`, the tables of the tool's own words, only `lang`; `finding`, one step up, only
    // the ground floor.
    assert!(
        graph["words"].iter().all(|m| m == "lang"),
        "{:?}",
        graph["words"]
    );
    assert!(
        graph["finding"]
            .iter()
            .all(|m| ["lang", "locate", "words"].contains(&m.as_str())),
        "{:?}",
        graph["finding"]
    );
}

#[test]
fn renderers_and_register_do_not_know_the_command_line() {
    for dir in ["render", "register"] {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
        let files = rust_files(&folder);
        assert!(files.len() > 3, "{dir}: {files:?}");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let code: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            assert!(!code.contains("clap"), "{} uses clap", path.display());
            assert!(
                !references(&code).contains("cli"),
                "{} uses the cli module",
                path.display()
            );
        }
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    // The check above could pass by never finding anything: a graph with a loop must fail it.
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(cycle_through(&graph, "a").unwrap(), ["a", "b", "c"]);
    assert!(cycle_through(&graph, "d").is_none());
    assert_eq!(
        references("use crate::lang::Lang; crate::text::printable(x)"),
        BTreeSet::from(["lang".to_string(), "text".to_string()])
    );
}

/// Lines of code of a source file before its tests: not blank, not a comment.
fn code_lines(text: &str) -> usize {
    text.lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .count()
}

#[test]
fn no_source_file_has_more_than_700_lines_of_code_before_its_tests() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = rust_files(&src);
    assert!(files.len() > 30, "{files:?}");
    let long: Vec<String> = files
        .iter()
        .map(|p| (p, code_lines(&std::fs::read_to_string(p).unwrap())))
        .filter(|(_, n)| *n > 700)
        .map(|(p, n)| format!("{}: {n}", p.display()))
        .collect();
    assert!(long.is_empty(), "{long:?}");
    assert_eq!(
        code_lines("// a\n\nfn a() {}\n#[cfg(test)]\nfn b() {}\n"),
        1
    );
}

#[test]
fn docs_architecture_names_every_module() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
            .unwrap();
    let missing: Vec<String> = graph()
        .keys()
        .filter(|m| {
            // A module's line in the tree: its name, or its folder's, at the start of an entry.
            !doc.lines().any(|l| {
                let entry = l.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
                entry.starts_with(&format!("{m} ")) || entry.starts_with(&format!("{m}/ "))
            })
        })
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "not in docs/architecture.md: {missing:?}"
    );
}
