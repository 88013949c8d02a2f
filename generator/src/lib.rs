//! cloudspec: spec files in, checked model, Rust clients and reference docs out.
//!
//! Data flows one way: [`load`] reads YAML with locations into [`spec`] values, [`check`] turns
//! them into the plain [`model`], and every command ([`lint`], the emitters, `diff`) reads that
//! model.
pub mod check;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod generate;
pub mod lint;
pub mod load;
pub mod model;
mod par;
pub mod rust_names;
pub mod sarif;
pub mod spec;
pub mod text;
pub mod write;
