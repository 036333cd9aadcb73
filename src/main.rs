//! The `ibp-lint` binary: all work is done by the library; see `ibp_lint::cli`.

/// mimalloc: the per-file work (YAML tree, policy input, RVM registers) is about a thousand
/// small allocations per file, made and freed by each worker thread, where glibc's allocator
/// took a fifth of all CPU time. Built with `no_thp`: with transparent huge pages mimalloc's
/// arenas doubled the peak memory (86 MB instead of 48 MB for 10,000 files).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ibp_lint::cli::run()
}
