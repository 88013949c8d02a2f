//! The main job: specs to the files of the generated crate.

use std::path::Path;

use crate::emit::{self, GeneratedFile};

/// Loads and checks the specs under `specs`, then emits every generated file. On any spec
/// error, returns the rendered diagnostics instead, and nothing is written.
pub fn files(specs: &Path) -> Result<Vec<GeneratedFile>, String> {
    let report = crate::lint::run(&[specs.to_path_buf()]);
    if report.has_errors() {
        return Err(report.render_text());
    }
    let mut files = emit::rust::emit(&report.model)?;
    files.extend(emit::docs::emit(&report.model)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
