//! Finding the declaration files under the given paths.
//!
//! Folders are walked recursively in sorted order; hidden folders and `target/` are skipped and
//! symbolic links are not followed (a link could leave the inventory or loop), as cli.md says.
//! A file named explicitly is checked whatever its extension. The board configuration in use, and
//! any `ibp-lint.yaml` met while walking, is never a declaration. Nothing here reads a file's content.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::Error;

/// A file to check: its path on disk and its name as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    pub path: PathBuf,
    /// The path as reached from the given PATH, with `/` separators.
    pub display: String,
}

/// All declaration files under `paths`, sorted by path, without duplicates; `exclude` (the
/// board configuration) is left out.
pub fn discover(paths: &[PathBuf], exclude: Option<&Path>) -> Result<Vec<Input>, Error> {
    let excluded = exclude.and_then(|p| std::fs::canonicalize(p).ok());
    let excluded_name = excluded.as_deref().and_then(Path::file_name);
    // One folder walk reaches every file once (it follows no link): then only a file named
    // like the excluded configuration needs its canonical form.
    let compare_all = paths.len() > 1;
    // (path as reached, its canonical form when needed): a walked file's canonical form is its
    // folder's plus the walked names, since the walk follows no link; only named paths are
    // resolved.
    let mut found: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for root in paths {
        let meta = std::fs::metadata(root).map_err(|source| Error::Unreadable {
            path: root.clone(),
            source,
        })?;
        let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        if meta.is_file() {
            found.push((root.clone(), Some(canonical_root)));
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !e.file_type().is_dir()
                    || !skipped(e.file_name().to_str().unwrap_or(""))
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
                && entry.file_name() != crate::config::FILE_NAME
            {
                let canonical =
                    (compare_all || excluded_name == Some(entry.file_name())).then(|| match entry
                        .path()
                        .strip_prefix(root)
                    {
                        Ok(relative) => canonical_root.join(relative),
                        Err(_) => entry.path().to_path_buf(),
                    });
                found.push((entry.into_path(), canonical));
            }
        }
    }
    // The same file reached twice (`a.yaml` and `./a.yaml`, or through two PATHs) is checked
    // once, under the first name it was reached by.
    let mut seen = std::collections::HashSet::new();
    let mut inputs = Vec::new();
    for (path, canonical) in found {
        if let Some(canonical) = canonical
            && (excluded.as_ref() == Some(&canonical) || !seen.insert(canonical))
        {
            continue;
        }
        inputs.push(Input {
            display: display(&path),
            path,
        });
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
