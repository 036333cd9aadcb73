//! `--changed-since GITREF`: which declarations differ from a git revision.
//!
//! Uses the `git` command rather than a library such as `gix`: every machine that has a git
//! repository to compare has git, its output for these plumbing commands is stable, and it
//! keeps a large dependency out of a tool that otherwise never touches git. Changed means
//! added, modified or renamed between GITREF and the work tree (staged or not), plus
//! untracked files that git does not ignore. Outside a repository, or with a ref git does not
//! know, the run stops with exit code 2.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Error::Git(format!("cannot run git: {e}")))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(Error::Git(
            String::from_utf8_lossy(&output.stderr).trim().to_string(),
        ))
    }
}

/// The canonical paths of the files changed since `reference` in the repository holding
/// `start` (a file or folder).
pub fn changed_files(start: &Path, reference: &str) -> Result<HashSet<PathBuf>, Error> {
    let dir = if start.is_dir() {
        start.to_path_buf()
    } else {
        start
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let root = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        Error::Git(format!(
            "{} is not in a git repository ({e})",
            dir.display()
        ))
    })?;
    let root = PathBuf::from(String::from_utf8_lossy(&root).trim());
    git(
        &root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{reference}^{{commit}}"),
        ],
    )
    .map_err(|_| Error::Git(format!("unknown git revision `{reference}`")))?;
    let diff = git(
        &root,
        &[
            "diff",
            "--name-only",
            "-z",
            "--diff-filter=AMR",
            reference,
            "--",
        ],
    )?;
    let untracked = git(&root, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    Ok(diff
        .split(|b| *b == 0)
        .chain(untracked.split(|b| *b == 0))
        .filter(|p| !p.is_empty())
        .filter_map(|p| std::fs::canonicalize(root.join(String::from_utf8_lossy(p).as_ref())).ok())
        .collect())
}
