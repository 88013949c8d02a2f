//! Emitters: the checked model to files. Every emitter reads the same [`crate::model::Model`].

pub mod docs;
pub mod names;
pub mod rust;

/// A file of generated output, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output root, with `/` separators.
    pub path: String,
    /// Full contents.
    pub contents: String,
}
