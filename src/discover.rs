//! Finding the declaration files under the given paths.
//!
//! Folders are walked recursively in sorted order; hidden folders and `target/` are skipped and
//! symbolic links are not followed (a link could leave the inventory or loop), as cli.md says.
//! A file named explicitly is checked whatever its extension. The board configuration in use, and
//! any `ibp-lint.yaml` met while walking, is never a declaration; nor is anything in the board's
//! policy folders (`--policy`, `policies:`), whose `catalogue.yaml` a board keeps inside its
//! inventory in the layout format.md shows. Nothing here reads a file's content.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::Error;

/// The name of the board configuration file (never a declaration).
pub(crate) const CONFIG_FILE: &str = "ibp-lint.yaml";

/// A file to check: its path on disk and its name as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Input {
    /// The path on disk, when it is not the display path itself (most are: one copy of a
    /// path per declaration, not two).
    other_path: Option<PathBuf>,
    /// The path as reached from the given PATH, with `/` separators.
    pub display: std::sync::Arc<str>,
    /// Named on the command line rather than found by the walk (which follows no link): it
    /// may be a symbolic link, whose target `check` verifies before reading it.
    pub named: bool,
}

impl Input {
    pub(crate) fn new(path: PathBuf, named: bool) -> Input {
        let display: std::sync::Arc<str> = display(&path).into();
        let other_path = (Path::new(&*display) != path).then_some(path);
        Input {
            other_path,
            display,
            named,
        }
    }

    /// The path on disk.
    pub(crate) fn path(&self) -> &Path {
        self.other_path
            .as_deref()
            .unwrap_or_else(|| Path::new(&*self.display))
    }
}

/// All declaration files under `paths`, sorted by path, without duplicates. `config` (the
/// board configuration) is never checked; `exclude` (the board's policy files and folders) is
/// left out of the walk, also when a folder to walk lies inside it; a file named in `paths` is
/// still checked unless it is the configuration itself.
pub fn discover(
    paths: &[PathBuf],
    config: Option<&Path>,
    exclude: &[PathBuf],
) -> Result<Vec<Input>, Error> {
    let config = config.and_then(|p| std::fs::canonicalize(p).ok());
    // A policy folder that holds the configuration (`policies: [.]`) is the inventory itself:
    // only its policy files are left out, not the declarations beside them.
    let config_dir = config.as_deref().and_then(Path::parent);
    let excluded: HashSet<PathBuf> = exclude
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .filter(|p| !config_dir.is_some_and(|dir| dir.starts_with(p)))
        .chain(config.clone())
        .collect();
    let excluded_names: HashSet<&std::ffi::OsStr> =
        excluded.iter().filter_map(|p| p.file_name()).collect();
    // One folder walk reaches every file once (it follows no link): then only a file or folder
    // named like an excluded one needs its canonical form.
    let compare_all = paths.len() > 1;
    // (path as reached, its canonical form when needed): a walked file's canonical form is its
    // folder's plus the walked names, since the walk follows no link; only named paths are
    // resolved.
    let mut found: Vec<(PathBuf, Option<PathBuf>, bool)> = Vec::new();
    for root in paths {
        let meta = std::fs::metadata(root).map_err(|source| Error::Unreadable {
            path: root.clone(),
            source,
        })?;
        let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        if meta.is_file() {
            found.push((root.clone(), Some(canonical_root), true));
            continue;
        }
        if excluded.iter().any(|e| canonical_root.starts_with(e)) {
            continue;
        }
        // A walked entry's canonical form is its root's plus the walked names, since the walk
        // follows no link.
        let canonical_of = |path: &Path| match path.strip_prefix(root) {
            Ok(relative) => canonical_root.join(relative),
            Err(_) => path.to_path_buf(),
        };
        let walker = WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !e.file_type().is_dir()
                    || !(skipped(e.file_name().to_str().unwrap_or(""))
                        || (excluded_names.contains(e.file_name())
                            && excluded.contains(&canonical_of(e.path()))))
            });
        for entry in walker {
            let entry = entry.map_err(|e| Error::Unreadable {
                path: e.path().map_or_else(|| root.clone(), Path::to_path_buf),
                source: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("file system loop")),
            })?;
            // Another board's `ibp-lint.yaml` inside the walked folders is a configuration,
            // never a declaration (a named file is still checked).
            if entry.file_type().is_file()
                && is_declaration_name(entry.path())
                && entry.file_name() != CONFIG_FILE
            {
                let canonical = (compare_all || excluded_names.contains(entry.file_name()))
                    .then(|| canonical_of(entry.path()));
                if canonical.as_ref().is_some_and(|c| excluded.contains(c)) {
                    continue;
                }
                found.push((entry.into_path(), canonical, false));
            }
        }
    }
    // The same file reached twice (`a.yaml` and `./a.yaml`, or through two PATHs) is checked
    // once, under the first name it was reached by.
    let mut seen = HashSet::new();
    let mut inputs = Vec::new();
    for (path, canonical, named) in found {
        if let Some(canonical) = canonical
            && (config.as_ref() == Some(&canonical) || !seen.insert(canonical))
        {
            continue;
        }
        inputs.push(Input::new(path, named));
    }
    // The order of the report: the display path as text (`a-b/x.yaml` before `a/x.yaml`), so
    // that the walk order INV-001 reads and the order of the sorted findings agree.
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(inputs)
}

fn skipped(name: &str) -> bool {
    name.starts_with('.') || name == "target"
}

fn is_declaration_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// A path with `/` separators and without a leading `./`.
pub fn display(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    match text.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => text,
    }
}
