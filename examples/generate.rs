//! Writes a synthetic inventory of realistic declarations, for benchmarks and load tests.
//!
//! ```sh
//! cargo run --release --example generate -- 10000 /tmp/inventory --seed 42
//! cargo run --release --example generate -- 10000 /tmp/neglected --density neglected
//! ```
//!
//! Files are named `NNNNNN-<id>.yaml`, 1000 per subfolder (`000/`, `001/`, ...). The same N and
//! seed give the same bytes. What the files contain is described in `generator/mod.rs`.

#[path = "generator/mod.rs"]
mod generator;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: generate N DIR [--seed S] [--density tidy|neglected]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut seed = 42u64;
    let mut density = generator::Density::Tidy;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--density" => {
                let value = args.next().ok_or("--density needs a value")?;
                density = generator::Density::parse(&value)
                    .ok_or_else(|| format!("--density {value}: tidy or neglected"))?;
            }
            "--seed" => {
                let value = args.next().ok_or("--seed needs a value")?;
                seed = value.parse().map_err(|e| format!("--seed {value}: {e}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => positional.push(arg),
        }
    }
    let [n, dir] = positional.as_slice() else {
        return Err("expected N and DIR".into());
    };
    let n: usize = n.parse().map_err(|e| format!("N `{n}`: {e}"))?;
    let dir = PathBuf::from(dir);
    let started = std::time::Instant::now();
    let stats = generator::write_inventory_with(&dir, n, seed, density)
        .map_err(|e| format!("writing to {}: {e}", dir.display()))?;
    println!(
        "{stats}\nwritten to {} in {:.2} s (seed {seed}, {})",
        dir.display(),
        started.elapsed().as_secs_f64(),
        density.as_str()
    );
    Ok(())
}
