//! The board's inputs, each read and parsed once per run: its configuration (`ibp-lint.yaml`:
//! settings, rule levels, waivers with their dates parsed and globs compiled), its baseline,
//! and its own policies with their catalogue. `waiver` applies the configuration's waivers.

pub(crate) mod baseline;
pub mod config;
pub(crate) mod policies;
pub(crate) mod waiver;
