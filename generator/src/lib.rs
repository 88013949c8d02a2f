//! cloudspec: spec files in, checked model, Rust clients and reference docs out.
//!
//! Data flows one way: [`load`] reads YAML with locations into [`spec`] values, [`check`] turns
//! them into the plain [`model`], and every command ([`lint`], the emitters, `diff`) reads that
//! model.
/// `print!` that never panics: a closed standard output (`cloudspec lint | head`) means the
/// reader has stopped reading, which is no reason to fail, so write errors are ignored.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `println!` that never panics (see `out!`).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprint!` that never panics (see `out!`).
macro_rules! errout {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// `eprintln!` that never panics (see `out!`).
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

pub mod check;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod drift;
pub mod emit;
pub mod generate;
pub mod import;
pub mod lint;
pub mod load;
pub mod mock;
pub mod model;
mod par;
pub mod rust_names;
pub mod sarif;
pub mod spec;
pub mod text;
pub mod vendor;
pub mod write;
