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
    let report = crate::lint::finish(loaded);
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

/// `f` applied to every item, on up to as many threads as there are cores; the results are
/// in the order of `items` whatever order the threads finish in. Items take different times
/// (spec files and services differ in size), so each thread takes the next item as soon as it
/// is free instead of a fixed share. A panic in `f` is passed on, as without threads.
pub(crate) fn parallel_map<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: impl Fn(usize, &'a T) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    parallel_map_on(cores, items, f)
}

/// [`parallel_map`] on up to `threads` threads (more than the cores for work that mostly
/// waits, such as `fsync`). The calling thread is one of them; if the system refuses more
/// threads, the ones there are do all the work.
pub(crate) fn parallel_map_on<'a, T: Sync, R: Send>(
    threads: usize,
    items: &'a [T],
    f: impl Fn(usize, &'a T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().enumerate().map(|(i, t)| f(i, t)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            mine.push((i, f(i, item)));
        }
        mine
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .map_while(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = work();
        for helper in helpers {
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::parallel_map;

    #[test]
    fn parallel_map_keeps_the_order_of_the_items() {
        let items: Vec<u64> = (0..500).collect();
        // Uneven work, so threads finish out of order.
        let out = parallel_map(&items, |i, n| {
            if i % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            (i, n * 2)
        });
        let expected: Vec<(usize, u64)> = items.iter().map(|n| (*n as usize, n * 2)).collect();
        assert_eq!(out, expected);
        assert!(parallel_map(&[] as &[u8], |_, x| *x).is_empty());
    }
}
