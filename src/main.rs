//! The `ibp-lint` binary: all work is done by the library; see `ibp_lint::cli`.
//!
//! The global allocator is regorus's mimalloc (its `allocator-memory-limits` feature declares
//! it): it counts what the policies allocate, so that a board policy that builds a huge value
//! (`numbers.range(1, 1e15)`) fails its file with `POL-001` instead of aborting the process.
//! mimalloc also matters for speed: the per-file work is about a thousand small allocations
//! per file, made and freed by each worker thread, where glibc's allocator took a fifth of all
//! CPU time.

fn main() -> std::process::ExitCode {
    ibp_lint::cli::run()
}
