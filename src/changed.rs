//! `--changed-since GITREF`: which declarations differ from a git revision.
//!
//! Uses the `git` command rather than a library such as `gix`: every machine that has a git
//! repository to compare has git, its output for these plumbing commands is stable, and it
//! keeps a large dependency out of a tool that otherwise never touches git. Changed means
//! added, modified or renamed between GITREF and the work tree (staged or not), plus
//! untracked files that git does not ignore. Outside a repository, or with a ref git does not
//! know, the run stops with exit code 2.
//!
//! A pull request controls the checked folders, so git is never asked to discover a
//! repository from inside them: a committed folder with `HEAD`, `objects/`, `refs/` and a
//! `config` holding `core.fsmonitor = "<command>"` is a bare repository to git, which would run
//! that command and report what the crafted history says. Instead the work-tree root is found
//! by looking for a `.git` entry upwards (`trust::repository_root`; a pull request cannot
//! commit one), git runs in that root only, with `GIT_DIR` and `GIT_WORK_TREE` set to it
//! explicitly and discovery fenced off (`GIT_CEILING_DIRECTORIES`), with
//! `safe.bareRepository=explicit`, `core.fsmonitor=false` and `core.hooksPath=/dev/null`, and
//! its answer is checked: `rev-parse --show-toplevel` must name that same root, and a revision
//! that looks like an option is refused.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;

/// The configuration every git call runs with, whatever the repository's own says.
const HARDENING: &[&str] = &[
    "-c",
    "safe.bareRepository=explicit",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.untrackedCache=false",
    "--no-pager",
];

/// The git work tree a run compares: its root and its `.git` entry.
struct Repository {
    root: PathBuf,
    git_dir: PathBuf,
}

impl Repository {
    fn git(&self, args: &[&str]) -> Result<Vec<u8>, Error> {
        let ceiling = self.root.parent().unwrap_or(&self.root);
        let output = Command::new("git")
            .args(HARDENING)
            .args(args)
            .current_dir(&self.root)
            .env("GIT_DIR", &self.git_dir)
            .env("GIT_WORK_TREE", &self.root)
            .env("GIT_CEILING_DIRECTORIES", ceiling)
            .env_remove("GIT_INDEX_FILE")
            .env_remove("GIT_OBJECT_DIRECTORY")
            .env_remove("GIT_ALTERNATE_OBJECT_DIRECTORIES")
            .env_remove("GIT_COMMON_DIR")
            .env_remove("GIT_NAMESPACE")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_OPTIONAL_LOCKS", "0")
            .output()
            .map_err(|e| Error::Git(format!("cannot run git: {e}")))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(Error::Git(crate::text::printable(
                String::from_utf8_lossy(&output.stderr).trim(),
            )))
        }
    }
}

/// The repository holding `start` (a file or folder): the nearest `.git` entry upwards, and
/// git's own answer for its top level must be that folder.
fn repository(start: &Path) -> Result<Repository, Error> {
    let root = crate::trust::repository_root(start).ok_or_else(|| {
        Error::Git(format!(
            "{} is not in a git repository (no `.git` found at or above it)",
            crate::discover::display(start)
        ))
    })?;
    let repository = Repository {
        git_dir: root.join(".git"),
        root,
    };
    let top = repository.git(&["rev-parse", "--show-toplevel"])?;
    // Only the line break git ends its answer with: a root whose name ends in a space is
    // still that root.
    let top = String::from_utf8_lossy(&top);
    let top = top.strip_suffix('\n').unwrap_or(&top);
    let top = std::fs::canonicalize(top).map_err(|e| {
        Error::Git(format!(
            "git named `{top}` as the top of the work tree, which cannot be resolved ({e})"
        ))
    })?;
    if top != repository.root {
        return Err(Error::Git(format!(
            "git answered for the work tree {}, not for {}: refusing to compare",
            top.display(),
            repository.root.display()
        )));
    }
    Ok(repository)
}

/// The canonical paths of the files changed since `reference` in the repository holding
/// `start` (a file or folder).
pub(crate) fn changed_files(start: &Path, reference: &str) -> Result<HashSet<PathBuf>, Error> {
    if reference.starts_with('-') || reference.trim().is_empty() {
        return Err(Error::Git(format!(
            "`{}` is not a git revision",
            crate::text::printable(reference)
        )));
    }
    let repository = repository(start)?;
    repository
        .git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{reference}^{{commit}}"),
        ])
        .map_err(|_| {
            Error::Git(format!(
                "unknown git revision `{}`",
                crate::text::printable(reference)
            ))
        })?;
    let diff = repository.git(&[
        "diff",
        "--name-only",
        "-z",
        "--no-ext-diff",
        "--no-textconv",
        "--diff-filter=AMR",
        reference,
        "--",
    ])?;
    let untracked = repository.git(&["ls-files", "--others", "--exclude-standard", "-z"])?;
    Ok(diff
        .split(|b| *b == 0)
        .chain(untracked.split(|b| *b == 0))
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            std::fs::canonicalize(repository.root.join(String::from_utf8_lossy(p).as_ref())).ok()
        })
        .collect())
}
