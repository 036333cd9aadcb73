//! Writing reports, baselines and templates to files, safely in a checkout a pull request
//! controls.
//!
//! The path a report goes to may already exist in the checkout as something the pull request
//! committed: a symbolic link to `../victim/deploy.sh` or to a file outside the repository, a
//! dangling link, or one of the declarations being checked. So:
//! - a link at the output path, or in a folder of it below the current folder, is refused: the
//!   tool never writes through a link it did not create. The one exception is a path the user
//!   names under `/dev/` or `/proc/` (`--output /dev/stdout`): a descriptor or device, opened
//!   for appending (so `--output /dev/stdout >> log` keeps the log);
//! - anything else that is not a regular file (a named pipe, a folder) is refused;
//! - an output that is one of the files the run reads (declarations, configuration, policies,
//!   baseline) is refused: the README promises they are never written;
//! - the report goes to a temporary file beside the target, created with `create_new` (never
//!   opening an existing file or a link) under a random name, then renamed over the target,
//!   so a reader never sees half a report. A replaced regular file keeps its permissions.

use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Files (and folders) a run reads, which no output may replace (compared by device and inode,
/// so another name for the same file is caught too).
#[derive(Debug, Clone, Default)]
pub(crate) struct Protected {
    files: Vec<PathBuf>,
    /// The checked declarations' display paths, shared with the run's head (a copy per output
    /// would be a path per declaration again).
    checked: std::sync::Arc<Vec<std::sync::Arc<str>>>,
}

impl Protected {
    /// The checked declarations and the board's files.
    pub fn of(checked: std::sync::Arc<Vec<std::sync::Arc<str>>>, board: &[PathBuf]) -> Self {
        Protected {
            files: board.to_vec(),
            checked,
        }
    }

    /// Every protected path.
    fn all(&self) -> impl Iterator<Item = &Path> {
        self.files
            .iter()
            .map(PathBuf::as_path)
            .chain(self.checked.iter().map(|c| Path::new(&**c)))
    }

    /// Whether `target` (an existing regular file) is one of the protected files. Only the
    /// protected files with the same file name are looked at first; if none has it, every one
    /// is compared, so a hard link under another name is still found.
    fn contains(&self, target: &Path) -> bool {
        let Ok(meta) = std::fs::metadata(target) else {
            return false;
        };
        // A protected folder (the board's policies) protects everything in it.
        if let Ok(real) = std::fs::canonicalize(target) {
            let in_folder = self.all().any(|p| {
                p.is_dir() && std::fs::canonicalize(p).is_ok_and(|dir| real.starts_with(dir))
            });
            if in_folder {
                return true;
            }
        }
        let same = |p: &Path| std::fs::metadata(p).is_ok_and(|m| same_file(&m, &meta));
        let name = target.file_name();
        if self.all().filter(|p| p.file_name() == name).any(same) {
            return true;
        }
        meta_links(&meta) > 1 && self.all().any(same)
    }
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

#[cfg(unix)]
fn meta_links(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn meta_links(_: &std::fs::Metadata) -> u64 {
    1
}

fn refused(path: &Path, reason: &str) -> Error {
    Error::UnsafeOutput {
        path: crate::discover::display(path),
        reason: reason.to_string(),
    }
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether the user named a descriptor or device (`/dev/stdout`, `/dev/fd/3`,
/// `/proc/self/fd/1`, `/dev/null`): written in place, never replaced.
fn names_a_device(path: &Path) -> bool {
    path.is_absolute() && (path.starts_with("/dev") || path.starts_with("/proc"))
}

/// Refuses `path` when it, or a folder on its way below the current folder, is a symbolic
/// link. Folders above the current one are the user's own choice (`/tmp` may be a link).
fn no_links_on_the_way(path: &Path) -> Result<(), Error> {
    let cwd = std::env::current_dir().ok();
    let relative: PathBuf = if path.is_relative() {
        path.to_path_buf()
    } else {
        match cwd.as_deref().and_then(|c| path.strip_prefix(c).ok()) {
            Some(rest) => rest.to_path_buf(),
            None => return Ok(()),
        }
    };
    let mut walked = PathBuf::new();
    for part in relative.components() {
        walked.push(part);
        if matches!(part, std::path::Component::Normal(_)) && crate::trust::is_link(&walked) {
            return Err(refused(
                path,
                &format!(
                    "{} is a symbolic link; ibp-lint does not write through a link it did not create",
                    crate::discover::display(&walked)
                ),
            ));
        }
    }
    Ok(())
}

/// The temporary files of outputs being written, for [`remove_pending`].
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes the temporary files of the outputs not yet committed: for the watchdog, which ends
/// the process without running their destructors.
pub(crate) fn remove_pending() {
    for temp in pending().drain(..) {
        let _ = std::fs::remove_file(temp);
    }
}

/// An output being written: a temporary file beside its path (renamed over it by
/// [`Atomic::commit`], removed when dropped without), or a device the user named.
pub(crate) struct Atomic {
    path: PathBuf,
    /// The temporary file, for a regular output.
    temp: Option<PathBuf>,
    file: std::io::BufWriter<std::fs::File>,
}

impl Atomic {
    /// Opens an output at `path` as described in the module doc.
    pub(crate) fn create(path: &Path, protected: &Protected) -> Result<Atomic, Error> {
        let fail = |source| write_error(path, source);
        if names_a_device(path) {
            let file = std::fs::OpenOptions::new()
                .append(true)
                .open(path)
                .map_err(fail)?;
            return Ok(Atomic {
                path: path.to_path_buf(),
                temp: None,
                file: std::io::BufWriter::new(file),
            });
        }
        no_links_on_the_way(path)?;
        let existing = match path.symlink_metadata() {
            Ok(meta) if meta.is_file() => Some(meta),
            Ok(_) => {
                return Err(refused(
                    path,
                    "it is not a regular file (a folder, named pipe or device)",
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(fail(e)),
        };
        if existing.is_some() && protected.contains(path) {
            return Err(refused(
                path,
                "it is one of the files this run reads (a declaration, the configuration, a policy or the baseline), which ibp-lint never writes",
            ));
        }
        let (temp, file) = create_temp_beside(path).map_err(fail)?;
        pending().push(temp.clone());
        let atomic = Atomic {
            path: path.to_path_buf(),
            temp: Some(temp),
            file: std::io::BufWriter::new(file),
        };
        if let Some(meta) = &existing {
            atomic
                .file
                .get_ref()
                .set_permissions(meta.permissions())
                .map_err(fail)?;
        }
        Ok(atomic)
    }

    /// Where the output goes (for errors).
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Puts the written output in place: flushed, synced and renamed over its path.
    pub(crate) fn commit(mut self) -> Result<(), Error> {
        let path = self.path.clone();
        // A failure on the way leaves the temporary file to `drop`, which removes it.
        let result = (|| {
            self.file.flush()?;
            if let Some(temp) = &self.temp {
                self.file.get_ref().sync_all()?;
                std::fs::rename(temp, &path)?;
            }
            Ok(())
        })();
        if result.is_ok() {
            if let Some(temp) = self.temp.take() {
                pending().retain(|p| *p != temp);
            }
        }
        result.map_err(|e| write_error(&path, e))
    }
}

impl Write for Atomic {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.file.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Drop for Atomic {
    /// An output never committed (the run failed) leaves no temporary file behind.
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            pending().retain(|p| *p != temp);
            let _ = std::fs::remove_file(&temp);
        }
    }
}

/// Writes what `write` produces to `path` as described in the module doc.
pub(crate) fn write_atomically_with(
    path: &Path,
    protected: &Protected,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let mut out = Atomic::create(path, protected)?;
    write(&mut out).map_err(|e| write_error(path, e))?;
    out.commit()
}

/// [`write_atomically_with`] for a text.
pub(crate) fn write_atomically(
    path: &Path,
    protected: &Protected,
    text: &str,
) -> Result<(), Error> {
    write_atomically_with(path, protected, |out| out.write_all(text.as_bytes()))
}

/// A new temporary file in the folder of `path` (so that the rename stays on one file system),
/// hidden and named after `path` with a random part, created with `create_new`: it never opens
/// a file or link that is already there.
fn create_temp_beside(path: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let mut last = std::io::Error::other("no temporary file could be created");
    for attempt in 0..16u32 {
        let temp = dir.join(format!(".{name}.{:016x}.tmp", random(attempt)));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// 64 random bits: the standard library's per-process random hash keys (seeded from the
/// operating system), mixed with the time, the process and `salt`.
fn random(salt: u32) -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(salt);
    h.write_u32(std::process::id());
    if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(d.as_nanos());
    }
    h.finish()
}

/// Appends `text` to `path` (GitHub's `$GITHUB_STEP_SUMMARY`, a file the runner made), creating
/// it when it is missing, with the protections of every output: never through a symbolic
/// link on the way below the current folder or at the file itself, never to a file this run
/// checked or read as a board file.
pub(crate) fn append_to(path: &Path, protected: &Protected, text: &str) -> Result<(), Error> {
    no_links_on_the_way(path)?;
    if crate::trust::is_link(path) {
        return Err(refused(path, "it is a symbolic link"));
    }
    if protected.contains(path) {
        return Err(refused(path, "it is a file this run checked or read"));
    }
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| write_error(path, e))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| write_error(path, e))
}

/// Writes `text` to `path` only if nothing is there, not even a dangling symlink, and never
/// half: the text goes to a new temporary file that is then hard-linked to `path`, which fails
/// when `path` exists at that moment (no window between a check and the write). On a file
/// system without hard links the file is created with `create_new`, still never over an
/// existing one.
pub(crate) fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let exists = || Error::BadFlag {
        flag: "--output".into(),
        message: format!(
            "{} already exists; ibp-lint does not overwrite it",
            path.display()
        ),
    };
    if path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    no_links_on_the_way(path)?;
    let fail = |source| write_error(path, source);
    let (temp, mut file) = create_temp_beside(path).map_err(fail)?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all());
    drop(file);
    // A failure here is about the temporary file, not about `path` existing.
    let linked = match written {
        Ok(()) => std::fs::hard_link(&temp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            return Err(fail(e));
        }
    };
    let _ = std::fs::remove_file(&temp);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::Unsupported | std::io::ErrorKind::PermissionDenied
            ) =>
        {
            let mut file = std::fs::File::create_new(path).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    exists()
                } else {
                    fail(e)
                }
            })?;
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(fail)
        }
        Err(e) => Err(fail(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_differ() {
        assert_ne!(random(0), random(0));
    }
}
