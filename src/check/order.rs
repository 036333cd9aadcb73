//! The worker pool of a run and its reorder window: the files are checked in parallel and
//! handed back in report order as soon as every file before them is done, so that the report
//! can be written while the run goes on with only a window of results waiting in memory.
//!
//! Workers take the files in order from a shared counter (rayon's splitting would give one
//! worker the first half and another the second, and the second half would wait whole), each
//! with its own policy evaluator made on its first file; a worker waits when it is a window
//! ahead of the oldest file not yet handed over.

use super::file::{Context, FileResult, check_file};
use super::{Options, Progress};
use crate::discover::Input;
use crate::error::Error;
use crate::policy::{Evaluator, PolicyPack};

/// Most worker threads per core `--jobs` may ask for: a check is CPU-bound, so more threads
/// only help to wait on a cold page cache, and each one makes its own copy of the compiled
/// policies.
pub(crate) const MAX_JOBS_PER_CORE: usize = 8;

/// The worker threads of a run: `--jobs` (default: `RAYON_NUM_THREADS` when set, else all
/// cores), at most one per file and `MAX_JOBS_PER_CORE` per core. Without the caps,
/// `--jobs 10000` on ten files started ten thousand threads and ran for a minute.
fn worker_threads(jobs: Option<usize>, files: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let from_env = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|&n| n > 0);
    jobs.or(from_env)
        .unwrap_or(cores)
        .min(cores.saturating_mul(MAX_JOBS_PER_CORE))
        .min(files)
        .max(1)
}

/// Files a worker may run ahead of the oldest file not yet reported, per worker: the reorder
/// window that keeps the run's memory flat while the files are reported in order.
const WINDOW_PER_WORKER: usize = 32;

/// Results a worker sends at once (fewer than the window, which it must never wait on while
/// holding the result the window waits for).
const BATCH: usize = 8;

/// Stops the run when the thread holding it unwinds from a panic: without it the other
/// workers would wait on the window for a file that never comes, and the scope would wait for
/// them, a hang instead of a crash.
struct StopOnPanic<'a> {
    stop: &'a std::sync::atomic::AtomicBool,
    wake: &'a (dyn Fn() + Sync),
}

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
            (self.wake)();
        }
    }
}

/// Checks every input on the worker pool and hands the results to `each` on this thread in
/// input order (the report's). Workers take the files in order and run at most a window ahead
/// of the oldest file not yet handed over, so at most that many results wait here.
pub(super) fn check_in_order<'a>(
    options: &Options,
    context: &Context<'_>,
    pack: &PolicyPack,
    inputs: &'a [Input],
    mut each: impl FnMut(FileResult<'a>) -> Result<(), Error>,
) -> Result<(), Error> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let total = inputs.len();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(worker_threads(options.jobs, total))
        .build()
        .map_err(|e| Error::BadFlag {
            flag: "--jobs".into(),
            message: e.to_string(),
        })?;
    let workers = pool.current_num_threads();
    let window = WINDOW_PER_WORKER.saturating_mul(workers);
    let deadline = options
        .max_run
        .and_then(|limit| std::time::Instant::now().checked_add(limit));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many files have been handed over, for the window; a worker that is a window ahead
    // waits on `wake` (and says so in `sleepers`, so that the files handed over wake it only
    // when someone waits: a wake-up per file is a system call per file).
    let handed = AtomicUsize::new(0);
    let sleepers = AtomicUsize::new(0);
    let gate = (std::sync::Mutex::new(()), std::sync::Condvar::new());
    let wake_all = || {
        let _held = gate
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        gate.1.notify_all();
    };
    type Batch<'a> = Vec<(usize, Result<FileResult<'a>, Error>)>;
    let (tx, rx) = std::sync::mpsc::channel::<Batch<'a>>();
    let check_one = |evaluator: &mut Option<Evaluator>, input: &'a Input| {
        if deadline.is_some_and(|d| std::time::Instant::now() > d) {
            return Err(Error::RunTimeLimit(
                options.max_run.map_or(0, |d| d.as_secs()),
            ));
        }
        // One evaluator per worker, made on its first file and kept for the run.
        let evaluator = match evaluator {
            Some(e) => e,
            None => evaluator.insert(pack.evaluator()?),
        };
        let result = check_file(context, evaluator, input);
        if let Some(Progress(tell)) = &options.progress {
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n % 64 == 0 || n == total {
                tell(n, total);
            }
        }
        result
    };
    let mut failure = None;
    let mut complete = false;
    pool.in_place_scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop, handed, sleepers, gate, check_one, wake_all) = (
                &next, &stop, &handed, &sleepers, &gate, &check_one, &wake_all,
            );
            scope.spawn(move |_| {
                let _unwinding = StopOnPanic {
                    stop,
                    wake: wake_all,
                };
                let mut evaluator = None;
                // Results go over in batches (one wake-up of the receiving thread each),
                // and always before this worker waits: the file the window waits for may be
                // in its batch.
                let mut batch: Batch<'a> = Vec::with_capacity(BATCH);
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(input) = inputs.get(i) else { break };
                    if i >= handed.load(Ordering::SeqCst).saturating_add(window) {
                        if !batch.is_empty() && tx.send(std::mem::take(&mut batch)).is_err() {
                            return;
                        }
                        let mut held = gate
                            .0
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        sleepers.fetch_add(1, Ordering::SeqCst);
                        while i >= handed.load(Ordering::SeqCst).saturating_add(window)
                            && !stop.load(Ordering::SeqCst)
                        {
                            held = gate
                                .1
                                .wait(held)
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                        }
                        sleepers.fetch_sub(1, Ordering::SeqCst);
                    }
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let result = check_one(&mut evaluator, input);
                    let failed = result.is_err();
                    batch.push((i, result));
                    if (batch.len() >= BATCH || failed)
                        && tx.send(std::mem::take(&mut batch)).is_err()
                    {
                        return;
                    }
                    if failed {
                        return;
                    }
                }
                if !batch.is_empty() {
                    let _ = tx.send(batch);
                }
            });
        }
        drop(tx);
        let _unwinding = StopOnPanic {
            stop: &stop,
            wake: &wake_all,
        };
        let mut waiting: std::collections::BTreeMap<usize, FileResult<'a>> =
            std::collections::BTreeMap::new();
        let mut expected = 0usize;
        let halt = |failure: &mut Option<Error>, e: Error| {
            *failure = Some(e);
            stop.store(true, Ordering::SeqCst);
            wake_all();
        };
        'receive: for batch in &rx {
            for (i, result) in batch {
                match result {
                    Ok(r) => {
                        waiting.insert(i, r);
                    }
                    Err(e) => {
                        halt(&mut failure, e);
                        break 'receive;
                    }
                }
            }
            while let Some(r) = waiting.remove(&expected) {
                expected += 1;
                if let Err(e) = each(r) {
                    halt(&mut failure, e);
                    break 'receive;
                }
            }
            handed.store(expected, Ordering::SeqCst);
            if sleepers.load(Ordering::SeqCst) > 0 {
                wake_all();
            }
        }
        // Workers may still be sending; they stop at the next file.
        drop(rx);
        complete = expected == total;
    });
    match failure {
        Some(e) => Err(e),
        // Never a pass for files that were not handed over (rayon passes a worker's panic
        // on as the scope ends; this is the net under it).
        None if !complete => Err(Error::PolicyEval(
            "a worker stopped before every file was checked".into(),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_thread_stops_the_run_and_wakes_the_waiting_workers() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let stop = AtomicBool::new(false);
        let woken = AtomicUsize::new(0);
        let wake = || {
            woken.fetch_add(1, Ordering::SeqCst);
        };
        std::thread::scope(|s| {
            let quiet = s.spawn(|| {
                let _guard = StopOnPanic {
                    stop: &stop,
                    wake: &wake,
                };
            });
            assert!(quiet.join().is_ok());
            assert!(
                !stop.load(Ordering::SeqCst),
                "an ordinary end stops nothing"
            );
            let panics = s.spawn(|| {
                let _guard = StopOnPanic {
                    stop: &stop,
                    wake: &wake,
                };
                std::panic::panic_any("a panic in a worker");
            });
            assert!(panics.join().is_err());
        });
        assert!(stop.load(Ordering::SeqCst));
        assert_eq!(woken.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn worker_threads_are_capped_by_files_and_cores() {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        if std::env::var_os("RAYON_NUM_THREADS").is_none() {
            assert_eq!(worker_threads(None, 1_000_000), cores);
        }
        assert_eq!(worker_threads(Some(1), 1_000_000), 1);
        assert_eq!(
            worker_threads(Some(10_000), 3),
            3.min(cores * MAX_JOBS_PER_CORE)
        );
        assert_eq!(
            worker_threads(Some(usize::MAX), 1_000_000),
            cores * MAX_JOBS_PER_CORE
        );
        assert_eq!(worker_threads(None, 0), 1);
    }
}
