//! ibp-lint: compliance-as-code for the privacy declarations of digital learning resources in
//! Dutch schools.
//!
//! One YAML declaration per resource is parsed with positions ([`parse`], [`locate`]), checked
//! for structure against the embedded JSON Schema ([`schema`]), normalised ([`normalize`]:
//! Dutch field aliases to canonical ids, country codes, model versions) and evaluated against
//! the Rego policy pack with regorus ([`policy`]); the inventory rules then look across files
//! ([`check`]) and the board's configuration adjusts severities and waivers ([`config`],
//! [`waiver`]). Every problem becomes a [`finding::Finding`] with file, line and column, whose
//! texts come from the rule catalogue ([`catalogue`]) in English or Dutch; [`render`] lays the
//! report out. The library never prints; the binary is a thin layer over [`cli`].

#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod board;
pub mod catalogue;
pub(crate) mod changed;
pub mod check;
pub mod cli;
pub(crate) mod codes;
pub(crate) mod dates;
pub(crate) mod discover;
pub(crate) mod error;
pub mod examples;
pub mod explain;
pub mod finding;
pub(crate) mod glob;
pub(crate) mod hash;
pub mod import;
pub mod lang;
pub(crate) mod locate;
pub mod normalize;
pub(crate) mod output;
pub mod parse;
pub mod policy;
pub mod profile;
pub mod register;
pub mod render;
pub(crate) mod report;
pub mod schema;
pub(crate) mod suggest;
pub(crate) mod template;
pub(crate) mod text;
pub(crate) mod trust;
pub mod verify;
pub mod vocabulary;
pub(crate) mod words;
