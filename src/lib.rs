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

pub mod baseline;
pub mod catalogue;
pub mod changed;
pub mod check;
pub mod cli;
pub mod codes;
pub mod config;
pub mod dates;
pub mod discover;
pub mod error;
pub mod examples;
pub mod explain;
pub mod finding;
pub mod glob;
pub mod hash;
pub mod lang;
pub mod locate;
pub mod normalize;
pub mod output;
pub mod parse;
pub mod policy;
pub mod profile;
pub mod register;
pub mod render;
pub mod report;
pub mod schema;
pub mod suggest;
pub mod template;
pub mod text;
pub mod trust;
pub mod verify;
pub mod vocabulary;
pub mod waiver;
pub mod words;
