//! Reading the files a pull request controls.
//!
//! In CI the board configuration (`ibp-lint.yaml`), the board's Rego and `catalogue.yaml`, the
//! baseline and the declarations all come from the pull request, which can also commit
//! symbolic links and whole folders (SECURITY.md). A link to `/proc/self/environ` or to
//! `~/.git-credentials` named as a policy or configuration would otherwise be read and its
//! content shown in a parse error in the CI log. So every board file is read through
//! [`read_board_file`]: a regular file (not a named pipe, which would hang the run, nor a
//! device), within a size cap, and, when it is or passes through a symbolic link, one whose
//! target stays inside the repository ([`Scope`]). Errors name the file and the reason, never
//! its content.
//!
//! The repository is the git work tree holding the first checked path: the nearest folder
//! upwards that has a `.git` entry. Outside any work tree (a folder on an officer's laptop,
//! where no pull request is involved) links are still never followed out of the folder of the
//! board configuration. Nothing here runs git.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Largest board configuration (`ibp-lint.yaml`): a board's settings, rules and waivers fit in
/// a few KiB.
pub(crate) const MAX_CONFIG_BYTES: u64 = 1 << 20;
/// Largest board policy file (`.rego`) and board `catalogue.yaml`.
pub(crate) const MAX_POLICY_BYTES: u64 = 1 << 20;
/// Largest baseline: about 120 bytes an entry, so room for millions of findings.
pub(crate) const MAX_BASELINE_BYTES: u64 = 512 << 20;

/// Where board files may come from: the repository (work tree) root, canonical.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    pub root: Option<PathBuf>,
    /// Whether `root` is a git work tree (else a folder on its own, or none).
    pub in_repository: bool,
}

impl Scope {
    /// The scope of a run whose first checked path is `start` (a file or folder).
    pub fn of(start: &Path) -> Scope {
        let root = repository_root(start);
        Scope {
            in_repository: root.is_some(),
            root,
        }
    }

    /// The scope with `fallback` (canonical) as root when there is no repository.
    pub(crate) fn or_folder(&self, fallback: &Path) -> Scope {
        Scope {
            root: self
                .root
                .clone()
                .or_else(|| std::fs::canonicalize(fallback).ok()),
            in_repository: self.in_repository,
        }
    }

    /// Whether `path` (resolved) lies inside the scope; everything does when there is no root.
    pub fn contains(&self, path: &Path) -> bool {
        match (&self.root, std::fs::canonicalize(path)) {
            (None, _) => true,
            (Some(root), Ok(real)) => real.starts_with(root),
            (Some(_), Err(_)) => false,
        }
    }
}

/// The nearest folder at or above `start` that holds a `.git` entry (folder or file: a
/// worktree or submodule), canonical. A bare repository's layout (`HEAD`, `objects/`, `refs/`),
/// which a pull request can commit, is not a `.git` entry and is never taken for one.
pub(crate) fn repository_root(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let mut dir = if start.is_dir() {
        start
    } else {
        start.parent()?.to_path_buf()
    };
    loop {
        if dir.join(".git").symlink_metadata().is_ok() {
            return Some(dir);
        }
        dir = dir.parent()?.to_path_buf();
    }
}

/// Whether `path` itself is a symbolic link.
pub(crate) fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// Why a board file is refused, as an error naming the file.
fn refused(path: &Path, what: &str, reason: String) -> Error {
    Error::UnsafeFile {
        path: crate::discover::display(path),
        what: what.to_string(),
        reason,
    }
}

/// Checks that `path` may be read as a board file of kind `what` (`configuration`, `policy`,
/// ...): when it is or passes through a link, its target lies inside `scope`; it is a regular
/// file; it is at most `cap` bytes.
pub(crate) fn check_board_file(
    path: &Path,
    what: &str,
    cap: u64,
    scope: &Scope,
) -> Result<u64, Error> {
    let real = std::fs::canonicalize(path).map_err(|source| Error::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let through_link = is_link(path) || real != absolute(path);
    if through_link && !scope.contains(&real) {
        return Err(refused(
            path,
            what,
            "it is a symbolic link to a file outside the repository".into(),
        ));
    }
    let meta = std::fs::metadata(&real).map_err(|source| Error::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(refused(
            path,
            what,
            "it is not a regular file (a folder, named pipe or device)".into(),
        ));
    }
    if meta.len() > cap {
        return Err(refused(
            path,
            what,
            format!(
                "it is {} bytes, more than the limit of {} KiB",
                meta.len(),
                cap / 1024
            ),
        ));
    }
    Ok(meta.len())
}

/// Reads a board file after [`check_board_file`], as UTF-8 text (never more than `cap` bytes,
/// also when the file grows while it is read).
pub(crate) fn read_board_file(
    path: &Path,
    what: &str,
    cap: u64,
    scope: &Scope,
) -> Result<String, Error> {
    check_board_file(path, what, cap, scope)?;
    let unreadable = |source| Error::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > cap {
        return Err(refused(
            path,
            what,
            format!("it is larger than the limit of {} KiB", cap / 1024),
        ));
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        refused(
            path,
            what,
            format!(
                "it is not UTF-8 text (an invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// `path` made absolute against the current folder, without resolving links (`.` and `..`
/// components removed lexically).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_repository_layout_is_not_a_work_tree() {
        let dir = tempfile::tempdir().unwrap();
        let inventory = dir.path().join("inventory");
        std::fs::create_dir_all(inventory.join("objects")).unwrap();
        std::fs::create_dir_all(inventory.join("refs")).unwrap();
        std::fs::write(inventory.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        assert_eq!(repository_root(&inventory), None);
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(repository_root(&inventory), Some(root));
    }

    #[test]
    fn absolute_paths_drop_dot_components() {
        assert_eq!(absolute(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
