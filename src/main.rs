//! The `ibp-lint` binary: all work is done by the library; see `ibp_lint::cli`.

fn main() -> std::process::ExitCode {
    ibp_lint::cli::run()
}
