//! The main job: specs to the files of the generated crate.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::emit::{self, GeneratedFile};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Spec files or directories.
    pub specs: Vec<PathBuf>,
    /// The generated crate's package name.
    pub package: String,
}

impl Options {
    /// The specs under `specs`, generated as `cloudspec-clients`.
    pub fn new(specs: impl Into<PathBuf>) -> Self {
        Options {
            specs: vec![specs.into()],
            package: emit::rust::DEFAULT_PACKAGE.to_string(),
        }
    }
}

/// Where the time of one generation went. Emitting, formatting and the docs run on several
/// threads; their figures are CPU time summed over the threads.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Reading and parsing the YAML.
    pub parse: Duration,
    /// Semantic checks, building the model.
    pub check: Duration,
    /// Building Rust token streams.
    pub emit: Duration,
    /// `syn` + `prettyplease`.
    pub format: Duration,
    /// Markdown reference pages.
    pub docs: Duration,
    /// Wall time of the Rust emitter (emit + format on all threads).
    pub rust_wall: Duration,
    /// Wall time of the docs emitter (on all threads).
    pub docs_wall: Duration,
}

impl Timings {
    /// One line per phase, in milliseconds.
    pub fn render(&self, write: Option<Duration>) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut out = format!(
            "parse {:.1} ms\ncheck {:.1} ms\nemit {:.1} ms (CPU)\nformat {:.1} ms (CPU)\nrust emitter wall {:.1} ms\ndocs {:.1} ms (CPU)\ndocs wall {:.1} ms\n",
            ms(self.parse),
            ms(self.check),
            ms(self.emit),
            ms(self.format),
            ms(self.rust_wall),
            ms(self.docs),
            ms(self.docs_wall)
        );
        if let Some(w) = write {
            out.push_str(&format!("write {:.1} ms\n", ms(w)));
        }
        out
    }
}

/// Loads and checks the specs under `specs`, then emits every generated file. On any spec
/// error, returns the rendered diagnostics instead, and nothing is written.
pub fn files(specs: &std::path::Path) -> Result<Vec<GeneratedFile>, String> {
    files_with(&Options::new(specs)).map(|(files, _)| files)
}

/// [`files`] with options, and where the time went.
pub fn files_with(options: &Options) -> Result<(Vec<GeneratedFile>, Timings), String> {
    let mut timings = Timings::default();
    let start = Instant::now();
    let loaded = crate::load::load_paths(&options.specs);
    timings.parse = start.elapsed();
    let start = Instant::now();
    // Only errors stop a generation: warnings are not built.
    let report = crate::lint::finish_with(loaded, crate::check::Warnings::Skip);
    timings.check = start.elapsed();
    if report.has_errors() {
        return Err(report.render_text());
    }
    let start = Instant::now();
    let (mut files, emit_timings) = emit::rust::emit_timed(&report.model, &options.package)?;
    timings.rust_wall = start.elapsed();
    timings.emit = emit_timings.tokens;
    timings.format = emit_timings.format;
    // The docs run after the Rust emitter rather than beside it: the Rust emitter keeps every
    // core busy, and running both at once measured no faster (on 2 cores, with even and with
    // very uneven services) while blurring the figures of both.
    let start = Instant::now();
    let (docs, docs_cpu) = emit::docs::emit_timed(&report.model);
    timings.docs_wall = start.elapsed();
    timings.docs = docs_cpu;
    files.extend(docs?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, timings))
}
