//! The `ibp-lint` binary: all work is done by the library; see `ibp_lint::cli`.

/// mimalloc: the per-file work (YAML tree, policy input, RVM registers) is small allocations
/// made and freed by each worker thread, where glibc's allocator took a fifth of all CPU time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ibp_lint::cli::run()
}
