//! The loader: spec files on disk to [`crate::spec::SpecFile`] values with source locations.
//!
//! Reading never panics and never stops at the first bad file: every file is read, and each
//! problem becomes a [`Diagnostic`] that says where and why.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Sources};
use crate::spec::{Loc, SpecFile};

/// Spec files larger than this are refused before parsing.
pub const MAX_SPEC_BYTES: usize = 4 * 1024 * 1024;

/// A spec file that parsed.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The path as displayed in diagnostics.
    pub file: String,
    /// The source text (for checks that point inside a value, such as an example body).
    pub text: String,
    /// The parsed spec.
    pub spec: SpecFile,
}

/// Everything the loader produced: parsed specs, problems, and the texts they point into.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Files that parsed, sorted by path.
    pub specs: Vec<LoadedSpec>,
    /// Problems found while reading and parsing.
    pub diagnostics: Vec<Diagnostic>,
    /// Source texts, for rendering diagnostics.
    pub sources: Sources,
    /// `(file, key)` of each key missing from what was read because the loader set an entry
    /// aside (the key an unknown key meant, or a key whose value was wrong): what later checks
    /// miss because of it is not reported again.
    pub set_aside: Vec<(String, String)>,
}

/// What the loader reports, before any semantic check: `(id, warning?, what it enforces)`.
pub const LOAD_CHECKS: &[(&str, bool, &str)] = &[
    (
        "io-error",
        false,
        "every input path can be read (the operating system's reason otherwise)",
    ),
    (
        "no-specs",
        false,
        "the inputs hold at least one spec file (`*.yaml`, `*.yml`)",
    ),
    (
        "symlink-loop",
        true,
        "symbolic links do not lead back into a directory being walked (not followed)",
    ),
    (
        "file-too-large",
        false,
        "a spec file is at most the size the loader reads",
    ),
    ("binary-file", false, "a spec file is text, not binary"),
    ("not-utf8", false, "a spec file is valid UTF-8"),
    ("empty-file", false, "a spec file is not empty"),
    ("yaml-syntax", false, "the file is valid YAML"),
    (
        "yaml-too-complex",
        false,
        "the YAML has no alias bombs or excessive nesting",
    ),
    ("duplicate-key", false, "no mapping repeats a key"),
    (
        "unknown-key",
        false,
        "every key is one the spec format has (with a suggestion)",
    ),
    (
        "unknown-value",
        false,
        "every enumerated value is one the spec format allows (with a suggestion)",
    ),
    ("missing-key", false, "every required key is present"),
    (
        "wrong-type",
        false,
        "every value has the type the spec format expects",
    ),
];

/// Expands the given paths into spec files: files as given, directories searched recursively
/// for `*.yaml` / `*.yml`. The result is sorted and deduplicated, so the order of the arguments
/// never changes the output. The first problem is the error; see [`discover_all`] for every
/// problem, warnings included.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Box<Diagnostic>> {
    let found = discover_all(paths);
    match found.diagnostics.into_iter().find(Diagnostic::is_error) {
        Some(error) => Err(Box::new(error)),
        None => Ok(found.files),
    }
}

/// What [`discover_all`] found: the spec files, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Spec files, sorted, each once (a file reached through two links is one file).
    pub files: Vec<PathBuf>,
    /// Paths that cannot be read (errors, with the operating system's reason) and symbolic
    /// links that lead back into a directory being walked (warnings: not followed, each
    /// reported once).
    pub diagnostics: Vec<Diagnostic>,
}

/// [`discover`] with every problem: a directory is walked once however many links lead to
/// it, a link back into a directory being walked is reported (once) and not followed, and a
/// path that cannot be read says why.
pub fn discover_all(paths: &[PathBuf]) -> Discovered {
    let mut walk = Walk::default();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk.dir(path),
            Ok(_) => walk.file(path),
            Err(e) => walk.io_error(path, "cannot read", &e),
        }
    }
    walk.files.sort();
    walk.files.dedup();
    Discovered {
        files: walk.files,
        diagnostics: walk.diagnostics,
    }
}

#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    diagnostics: Vec<Diagnostic>,
    /// Real paths of the spec files taken, so a file reached twice is taken once.
    real_files: std::collections::HashSet<PathBuf>,
    /// Real paths of the directories walked or being walked.
    real_dirs: std::collections::HashSet<PathBuf>,
    /// Real paths of the directories on the way down to the current one.
    stack: Vec<PathBuf>,
}

impl Walk {
    fn io_error(&mut self, path: &Path, what: &str, e: &std::io::Error) {
        self.diagnostics.push(Diagnostic::error(
            "io-error",
            &display(path),
            None,
            format!("{what}: {}", plain_io_error(e)),
        ));
    }

    fn file(&mut self, path: &Path) {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.real_files.insert(real) {
            self.files.push(path.to_path_buf());
        }
    }

    fn dir(&mut self, dir: &Path) {
        let real = match std::fs::canonicalize(dir) {
            Ok(real) => real,
            Err(e) => return self.io_error(dir, "cannot read directory", &e),
        };
        if self.stack.contains(&real) {
            let target = std::fs::read_link(dir)
                .map(|t| format!(" (to `{}`)", display(&t)))
                .unwrap_or_default();
            let mut d = Diagnostic::warning(
                "symlink-loop",
                &display(dir),
                None,
                format!("this link{target} leads back into a directory it is in: not followed"),
            );
            d.help = Some(
                "each spec is read once; remove the link if it is not meant to be there".into(),
            );
            self.diagnostics.push(d);
            return;
        }
        // Reached again through another link (not a loop): walked once already.
        if !self.real_dirs.insert(real.clone()) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.io_error(dir, "cannot read directory", &e),
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(e) => self.io_error(dir, "cannot list directory", &e),
            }
        }
        // Sorted, so which of two links to one directory is walked does not depend on the
        // file system's order.
        paths.sort();
        self.stack.push(real);
        for path in paths {
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.dir(&path),
                Ok(_) if is_spec_name(&path) => self.file(&path),
                Ok(_) => {}
                // A broken or looping link whose name says it is a spec: say why it is skipped.
                Err(e) if is_spec_name(&path) => self.io_error(&path, "cannot read", &e),
                Err(_) => {}
            }
        }
        self.stack.pop();
    }
}

fn is_spec_name(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// The operating system's reason, without its error number: `too many levels of symbolic links`.
fn plain_io_error(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = match text.find(" (os error") {
        Some(at) => &text[..at],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text.to_string(),
    }
}

/// A path as shown to people: forward slashes, as given.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Loads every spec under `paths`.
///
/// Files are read and parsed on as many threads as there are cores (parsing YAML with
/// locations is most of the loading time of a large spec set), then recorded in the sorted
/// order of [`discover`], so the result (specs, diagnostics, sources) does not depend on which
/// thread finished first.
///
/// Inputs that hold no spec file at all (an empty directory, a mistyped path in CI) are an
/// error, so a run that checked nothing never passes.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut loaded = Loaded::default();
    let found = discover_all(paths);
    let failed = found.diagnostics.iter().any(Diagnostic::is_error);
    if found.files.is_empty() && !failed {
        let shown: Vec<String> = paths.iter().map(|p| format!("`{}`", display(p))).collect();
        let mut d = Diagnostic::error(
            "no-specs",
            &paths.first().map(|p| display(p)).unwrap_or_default(),
            None,
            format!("no spec files in {}", shown.join(", ")),
        );
        d.help = Some("spec files end in `.yaml` or `.yml`; check the path".into());
        loaded.diagnostics.push(d);
    }
    loaded.diagnostics.extend(found.diagnostics);
    for outcome in load_files(&found.files) {
        outcome.record(&mut loaded);
    }
    loaded
}

/// Reads and parses `files` on all cores; the outcomes are in the order of `files`.
fn load_files(files: &[PathBuf]) -> Vec<FileLoad> {
    crate::par::parallel_map(files, |_, file| {
        let name = display(file);
        match std::fs::read(file) {
            Ok(bytes) => load_one(&name, &bytes),
            Err(e) => FileLoad {
                source: None,
                result: Err(Diagnostic::error(
                    "io-error",
                    &name,
                    None,
                    format!("cannot read file: {}", plain_io_error(&e)),
                )),
                recovered: Vec::new(),
                set_aside: Vec::new(),
            },
        }
    })
}

/// What loading one file produced, before it is recorded in a [`Loaded`].
struct FileLoad {
    /// The file's name and text, once the text is known to be UTF-8 (diagnostics point into
    /// it).
    source: Option<(String, String)>,
    /// The parsed spec, or the problem that stopped it.
    result: Result<LoadedSpec, Diagnostic>,
    /// Problems found and stepped over before `result` (unknown keys the loader set aside to
    /// read the rest of the file).
    recovered: Vec<Diagnostic>,
    /// The keys missing from what was read because an entry was set aside.
    set_aside: Vec<String>,
}

impl FileLoad {
    /// Adds the outcome to `loaded`.
    fn record(self, loaded: &mut Loaded) {
        if let Some((name, text)) = self.source {
            for key in self.set_aside {
                loaded.set_aside.push((name.clone(), key));
            }
            loaded.sources.insert(&name, text);
        }
        loaded.diagnostics.extend(self.recovered);
        match self.result {
            Ok(spec) => loaded.specs.push(spec),
            Err(d) => loaded.diagnostics.push(d),
        }
    }
}

/// How many entries one file may have set aside before the loader stops at the next problem.
const MAX_RECOVERIES: usize = 32;

/// The key missing from what is read once the entry of error `e` is set aside: for an unknown
/// key, the key it most likely meant; for a bad value, its own key (the text of the set-aside
/// `range` up to its `:`).
fn missing_key(
    e: &serde_saphyr::Error,
    points: Points,
    text: &str,
    range: &std::ops::Range<usize>,
) -> Option<String> {
    match points {
        Points::Key => parse_one_of(&clean_message(e), "unknown field")
            .and_then(|(unknown, expected)| did_you_mean(&unknown, &expected)),
        Points::Value => {
            let entry = text
                .get(range.clone())?
                .trim_start_matches([' ', ',', '\n']);
            let key = entry.split(':').next()?.trim();
            (!key.is_empty()).then(|| key.to_string())
        }
    }
}

/// Whether `d` is "missing required key `k`" for a key in `missing`: only missing because its
/// entry was set aside.
fn cascade_of(d: &Diagnostic, missing: &[String]) -> bool {
    d.message
        .strip_prefix("missing required key `")
        .and_then(|rest| rest.split('`').next())
        .is_some_and(|key| missing.iter().any(|m| m == key))
}

/// What a diagnostic points at, for setting its entry aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Points {
    /// The key itself (`unknown-key`).
    Key,
    /// The key's value (`wrong-type`, `unknown-value`).
    Value,
}

/// `text` with the mapping entry at `at` set aside, every byte of it (and of its value)
/// replaced by a space so that every other position in the file is unchanged:
/// - an entry on a line of its own (block style): that line and its value's lines (blank, or
///   indented deeper than the key);
/// - an entry of a flow mapping (`{a: 1, typo: 2}`): the entry and the comma after it (or,
///   for the last entry, the comma before it).
///
/// `None` when the entry cannot be set aside cleanly (a list item's first key, whose `- ` would
/// be left holding nothing; an offset that is not a character boundary).
fn set_aside(text: &str, at: Loc, points: Points) -> Option<(String, std::ops::Range<usize>)> {
    let offset = at.offset?;
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let (start, end) = match flow_entry(text, offset, points) {
        Some(range) => range,
        None => {
            // Block style: the key starts its line.
            let lead = &before[line_start..];
            let key_start = match points {
                Points::Key => offset,
                Points::Value => line_start + (lead.len() - lead.trim_start_matches(' ').len()),
            };
            if !text[line_start..key_start].chars().all(|c| c == ' ')
                || text[key_start..].starts_with("- ")
                || (points == Points::Value && !text[key_start..offset].contains(':'))
            {
                return None;
            }
            let indent = key_start - line_start;
            let mut end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
            // The value's own lines: blank, or indented deeper than the key.
            while end < text.len() {
                let next = end + 1;
                let line_end = text[next..].find('\n').map_or(text.len(), |i| next + i);
                let line = &text[next..line_end];
                let deeper = line.len() - line.trim_start_matches(' ').len() > indent;
                if line.trim().is_empty() || deeper {
                    end = line_end;
                } else {
                    break;
                }
            }
            (line_start, end)
        }
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    for c in text[start..end].chars() {
        if c == '\n' {
            out.push('\n');
        } else {
            // As many spaces as the character has bytes: every offset stays where it was.
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out.push_str(&text[end..]);
    Some((out, start..end))
}

/// The byte range of the flow-mapping entry holding `offset` (its key, when `points` is
/// `Key`), with one separating comma, or `None` when `offset` is not inside a flow mapping on
/// its line.
fn flow_entry(text: &str, offset: usize, points: Points) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // Back to the `{` or `,` that opens the entry, at this nesting depth, on this line.
    let mut depth = 0usize;
    let mut i = offset;
    let opener = loop {
        if i == 0 {
            return None;
        }
        i -= 1;
        match bytes[i] {
            b'\n' => return None,
            b'}' | b']' => depth += 1,
            b'[' if depth > 0 => depth -= 1,
            b'{' if depth > 0 => depth -= 1,
            b'[' => return None,
            b'{' | b',' if depth == 0 => break i,
            _ => {}
        }
    };
    let mut start = opener + 1;
    while bytes.get(start) == Some(&b' ') {
        start += 1;
    }
    if points == Points::Key && start != offset {
        return None;
    }
    // On to the `,` or `}` that closes it, skipping nested collections and quoted text.
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut j = offset;
    let closer = loop {
        let b = *bytes.get(j)?;
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'{' | b'[') => depth += 1,
            (None, b'}' | b']') if depth > 0 => depth -= 1,
            (None, b'}') => break j,
            (None, b']') => return None,
            (None, b',') if depth == 0 => break j,
            (None, b'\n') if depth == 0 => return None,
            _ => {}
        }
        j += 1;
    };
    if bytes[closer] == b',' {
        // `typo: 1, ` goes with its comma.
        Some((start, closer + 1))
    } else if bytes[opener] == b',' {
        // The last entry: the comma before it goes too.
        Some((opener, closer))
    } else {
        // The only entry: `{}` is left.
        Some((start, closer))
    }
}

/// Parses one spec file's bytes, recording the result in `loaded`.
pub fn load_bytes(name: &str, bytes: &[u8], loaded: &mut Loaded) {
    load_one(name, bytes).record(loaded);
}

/// Parses one spec file's bytes.
fn load_one(name: &str, bytes: &[u8]) -> FileLoad {
    let failed = |d: Diagnostic| FileLoad {
        source: None,
        result: Err(d),
        recovered: Vec::new(),
        set_aside: Vec::new(),
    };
    if bytes.len() > MAX_SPEC_BYTES {
        return failed(
            Diagnostic::error(
                "file-too-large",
                name,
                None,
                format!(
                    "spec file is {} bytes, more than the limit of {} bytes",
                    bytes.len(),
                    MAX_SPEC_BYTES
                ),
            )
            .help("split the service into one file per API version, or check that this is a spec file"),
        );
    }
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        // Mostly text with a stray NUL (a paste gone wrong): located. Anything else: binary.
        let head = &bytes[..bytes.len().min(8192)];
        let controls = head
            .iter()
            .filter(|b| **b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t'))
            .count();
        if controls * 100 > head.len() || std::str::from_utf8(&bytes[..offset]).is_err() {
            return failed(
                Diagnostic::error(
                    "binary-file",
                    name,
                    None,
                    "this is a binary file, not a YAML spec",
                )
                .help("spec files are UTF-8 YAML text"),
            );
        }
        let before = &bytes[..offset];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        let at = Loc {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            offset: Some(offset),
            len: Some(1),
        };
        let mut d = Diagnostic::error(
            "binary-file",
            name,
            Some(at),
            format!(
                "a NUL character (U+0000) at line {line}, column {column}: spec files are text"
            ),
        )
        .label("NUL here")
        .help("delete it; a NUL never belongs in a spec");
        d.line = Some(at.line);
        d.column = Some(at.column);
        return FileLoad {
            source: Some((
                name.to_string(),
                String::from_utf8_lossy(bytes).replace('\0', " "),
            )),
            result: Err(d),
            recovered: Vec::new(),
            set_aside: Vec::new(),
        };
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = bytes[..offset]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&bytes[line_start..offset])
                .chars()
                .count()
                + 1;
            let at = Loc {
                line: line as u32,
                column: column as u32,
                offset: None,
                len: None,
            };
            return failed(
                Diagnostic::error(
                    "not-utf8",
                    name,
                    Some(at),
                    format!("invalid UTF-8 at byte {offset} (line {line})"),
                )
                .help("save the spec file as UTF-8"),
            );
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = Some((name.to_string(), text.to_string()));
    if text
        .trim()
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return FileLoad {
            source,
            result: Err(
                Diagnostic::error("empty-file", name, None, "the spec file is empty")
                    .help("a spec needs at least `service:` and `operations:`"),
            ),
            recovered: Vec::new(),
            set_aside: Vec::new(),
        };
    }
    // An entry with an unknown key, or a value of the wrong type or not one of the allowed
    // ones, is set aside (blanked) and the file read again, so the rest of it is still checked:
    // every problem of the file in one run.
    let mut recovered = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let mut readable = std::borrow::Cow::Borrowed(text);
    let parsed = loop {
        match serde_saphyr::from_str::<SpecFile>(&readable) {
            Err(e) if recovered.len() < MAX_RECOVERIES => {
                let d = parse_error(name, text, &e);
                let points = match d.code {
                    "unknown-key" => Some(Points::Key),
                    "wrong-type" | "unknown-value" => Some(Points::Value),
                    _ => None,
                };
                let aside = points
                    .zip(e.location().map(Loc::from_saphyr))
                    .and_then(|(points, at)| Some((points, set_aside(&readable, at, points)?)));
                match aside {
                    Some((points, (rest, range))) => {
                        missing.extend(missing_key(&e, points, text, &range));
                        recovered.push(d);
                        readable = std::borrow::Cow::Owned(rest);
                    }
                    None => break Err(e),
                }
            }
            other => break other,
        }
    };
    let result = match parsed {
        Ok(spec) => Ok(LoadedSpec {
            file: name.to_string(),
            text: text.to_string(),
            spec,
        }),
        // A required key that is missing only because its entry was set aside: the entry's
        // own error says what is wrong.
        Err(e) => {
            let mut d = parse_error(name, text, &e);
            if cascade_of(&d, &missing)
                && let Some(own) = recovered.pop()
            {
                return FileLoad {
                    source,
                    result: Err(own),
                    recovered,
                    set_aside: missing,
                };
            }
            // A shape error can hide a syntax error further down (a key indented one column
            // too little reads as a missing key): when the text is not even valid YAML,
            // report the syntax error instead.
            if d.code != "yaml-syntax"
                && let Err(syntax) = serde_saphyr::from_str::<serde::de::IgnoredAny>(text)
            {
                let s = parse_error(name, text, &syntax);
                if s.code == "yaml-syntax" {
                    d = s;
                }
            }
            Err(d)
        }
    };
    FileLoad {
        source,
        result,
        recovered,
        set_aside: missing,
    }
}

/// The message of a parser error: first line, without the position it repeats and without
/// advice aimed at Rust programmers rather than spec authors.
fn clean_message(e: &serde_saphyr::Error) -> String {
    let raw = e.without_snippet().to_string();
    let first = raw.lines().next().unwrap_or_default().trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let mut message = strip_position(first).to_string();
    for cut in [" at line ", "; use Option<", ", set DuplicateKeyPolicy"] {
        if let Some(i) = message.find(cut) {
            message.truncate(i);
        }
    }
    message
}

/// Whether `message` is "invalid u64"-style (a number of the wrong kind).
fn invalid_number(message: &str) -> Option<&str> {
    let kind = message.strip_prefix("invalid ")?;
    let mut chars = kind.chars();
    let ok = matches!(chars.next(), Some('u' | 'i' | 'f'))
        && chars.clone().next().is_some()
        && chars.all(|c| c.is_ascii_digit());
    ok.then_some(kind)
}

/// The text of the YAML node starting at `at` (up to the end of its line), for messages.
fn token_at(text: &str, at: Option<Loc>) -> String {
    let Some(start) = at.and_then(|l| l.offset) else {
        return String::new();
    };
    let rest = text.get(start..).unwrap_or_default();
    let mut line = rest.lines().next().unwrap_or_default().trim();
    // A plain scalar inside a flow collection ends at the collection's punctuation.
    if !line.starts_with(['[', '{', '"', '\'']) {
        line = line
            .split([',', '}', ']'])
            .next()
            .unwrap_or_default()
            .trim_end();
    }
    let mut t: String = line.chars().take(40).collect();
    if t.len() < line.len() {
        t.push('…');
    }
    t
}

fn describe_node(token: &str) -> &'static str {
    match token.chars().next() {
        Some('-') => "a list",
        Some('[') => "a list",
        Some('{') => "a mapping",
        None => "nothing",
        _ => "a single value",
    }
}

/// Turns a YAML or shape error into a diagnostic with a stable code and, for misspelt keys and
/// values, a "did you mean" suggestion.
fn parse_error(name: &str, text: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let at = e.location().map(Loc::from_saphyr);
    let message = clean_message(e);

    if let Some((unknown, expected)) = parse_one_of(&message, "unknown field") {
        let mut d = Diagnostic::error("unknown-key", name, at, format!("unknown key `{unknown}`"))
            .label("not a key of this block");
        d = match did_you_mean(&unknown, &expected) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!("expected one of: {}", expected.join(", "))),
        };
        return d;
    }
    if let Some((unknown, expected)) = parse_one_of(&message, "unknown variant") {
        let mut d = Diagnostic::error(
            "unknown-value",
            name,
            at,
            format!("unknown value `{unknown}`"),
        )
        .label("not one of the allowed values");
        d = match did_you_mean(&unknown, &expected) {
            Some(s) => d.help(format!(
                "did you mean `{s}`? allowed: {}",
                expected.join(", ")
            )),
            None => d.help(format!("allowed: {}", expected.join(", "))),
        };
        return d;
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        // The parser reports a missing key where the block ends; point at where it starts.
        let start = at.and_then(|l| block_start(text, l.line)).or(at);
        return Diagnostic::error(
            "missing-key",
            name,
            start,
            format!("missing required key {rest}"),
        )
        .label(format!("this block has no {rest}"));
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        return Diagnostic::error(
            "duplicate-key",
            name,
            at,
            format!("key `{}` appears twice in this block", key.trim()),
        )
        .label("second occurrence")
        .help("remove one of them");
    }
    if message.starts_with("budget breached") {
        return Diagnostic::error(
            "yaml-too-complex",
            name,
            at,
            "the document expands to too many nodes (anchors and aliases)",
        )
        .label("expansion limit reached here")
        .help("spec files do not need anchors; write the values out");
    }
    let token = token_at(text, at);
    if let Some(kind) = invalid_number(&message) {
        let what = if kind.starts_with('u') {
            "a non-negative whole number"
        } else if kind.starts_with('i') {
            "a whole number"
        } else {
            "a number"
        };
        // A whole number too large (or small) for 64 bits is out of range, not the wrong type.
        let digits = token.trim_end_matches(['}', ']', ',', ' ']);
        let whole = digits.strip_prefix('-').unwrap_or(digits);
        let negative_unsigned = kind.starts_with('u') && digits.starts_with('-');
        if !kind.starts_with('f')
            && !negative_unsigned
            && !whole.is_empty()
            && whole.chars().all(|c| c.is_ascii_digit())
        {
            let (min, max) = if kind.starts_with('u') {
                ("0".to_string(), u64::MAX.to_string())
            } else {
                (i64::MIN.to_string(), i64::MAX.to_string())
            };
            return Diagnostic::error(
                "wrong-type",
                name,
                at,
                format!("`{digits}` is out of range: whole numbers here are {min} to {max}"),
            )
            .label("out of range")
            .help("check the page's value; no documented limit is this large");
        }
        return Diagnostic::error(
            "wrong-type",
            name,
            at,
            format!("expected {what}, found `{token}`"),
        )
        .label("not a valid number here");
    }
    if message.contains("recursive references") || message.contains("recursion") {
        return Diagnostic::error(
            "yaml-too-complex",
            name,
            at,
            "this alias refers to an anchor it is inside of: the value would contain itself",
        )
        .label("alias to an enclosing anchor")
        .help("spec files do not need anchors; write the values out");
    }
    if message.contains("expected mapping start") && !message.contains("end of input") {
        return Diagnostic::error(
            "wrong-type",
            name,
            at,
            format!(
                "expected a mapping (`key: value` lines), found {}",
                describe_node(&token)
            ),
        )
        .label("a mapping is expected here");
    }
    if message.contains("expected sequence start") {
        return Diagnostic::error(
            "wrong-type",
            name,
            at,
            format!("expected a list, found {}", describe_node(&token)),
        )
        .label("a list is expected here")
        .help("write `[a, b]` or one `- item` per line");
    }
    if message.starts_with("cannot deserialize null") {
        let what = message
            .strip_prefix("cannot deserialize null into ")
            .unwrap_or("a value");
        return Diagnostic::error(
            "wrong-type",
            name,
            at,
            format!("expected {what}, found null"),
        )
        .label("empty or `null` value")
        .help("write a value, quote it if it is literally \"null\", or remove the entry");
    }
    let is_shape = message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length");
    if is_shape {
        return Diagnostic::error("wrong-type", name, at, message)
            .label("value has the wrong shape");
    }
    // A syntax error. Parsers notice unclosed brackets and quotes far from where they were
    // opened, and tabs one token late: point at the cause when it can be found.
    let line = at.map_or(1, |l| l.line);
    if message.contains("tab")
        && let Some(tab) = first_indent_tab(text, line + 1)
    {
        return Diagnostic::error(
            "yaml-syntax",
            name,
            Some(tab),
            "a tab character in indentation",
        )
        .label("tab")
        .help("YAML indentation must use spaces");
    }
    if let Some((open, what)) = unclosed_before(text, line) {
        let mut d = Diagnostic::error(
            "yaml-syntax",
            name,
            Some(open),
            format!("{what} opened here is never closed"),
        )
        .label("opened here");
        if let Some(at) = at {
            d = d.related(at, format!("the parser gave up here: {message}"));
        }
        return d;
    }
    // The parser's words for an indentation slip, in plain language.
    let indentation = message.contains("did not find expected")
        || message.contains("while parsing a block")
        || message.contains("could not find expected ':'");
    let mut d = if indentation {
        let shown = line_offset(text, line)
            .map(|start| {
                let l = text[start..].lines().next().unwrap_or_default();
                l.len() - l.trim_start().len()
            })
            .map_or_else(String::new, |n| format!(" (it starts at column {})", n + 1));
        Diagnostic::error(
            "yaml-syntax",
            name,
            at,
            format!("this line does not fit the block above it{shown}"),
        )
        .label("indented differently from its block")
        .help("keys of one block start in the same column, and list items (`- `) of one list too; check this line's indentation against the lines above it")
    } else {
        Diagnostic::error("yaml-syntax", name, at, message.clone())
            .label("the YAML cannot be parsed here")
    };
    if message.contains("mapping values are not allowed") {
        d = d.help("a value containing `: ` must be quoted");
    }
    d
}

/// Byte offset of the start of 1-based `line`.
fn line_offset(text: &str, line: u32) -> Option<usize> {
    if line <= 1 {
        return Some(0);
    }
    text.match_indices('\n')
        .nth(line as usize - 2)
        .map(|(i, _)| i + 1)
}

fn loc_at(text: &str, offset: usize, len: usize) -> Loc {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    Loc {
        line,
        column,
        offset: Some(offset),
        len: Some(len),
    }
}

/// The first key of the block that line `line` belongs to.
fn block_start(text: &str, line: u32) -> Option<Loc> {
    let lines: Vec<&str> = text.lines().collect();
    let idx = (line as usize)
        .checked_sub(1)?
        .min(lines.len().checked_sub(1)?);
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '-']).len();
    let meaningful = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let target = indent(lines[idx]);
    let mut first = idx;
    for i in (0..idx).rev() {
        let l = lines[i];
        if !meaningful(l) {
            continue;
        }
        if indent(l) < target {
            break;
        }
        if indent(l) == target {
            first = i;
            if l.trim_start().starts_with('-') {
                break;
            }
        }
    }
    let offset = line_offset(text, first as u32 + 1)? + indent(lines[first]);
    let len = lines[first]
        .trim_start_matches([' ', '-'])
        .split(':')
        .next()
        .map_or(1, str::len);
    Some(loc_at(text, offset, len))
}

/// The first tab in the indentation of a line up to `max_line`.
fn first_indent_tab(text: &str, max_line: u32) -> Option<Loc> {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i as u32 >= max_line {
            break;
        }
        let indent_end = l.len() - l.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = l[..indent_end].find('\t') {
            return Some(loc_at(text, offset + tab, 1));
        }
        offset += l.len();
    }
    None
}

/// The innermost flow bracket or quote opened before `line` and still open there.
fn unclosed_before(text: &str, line: u32) -> Option<(Loc, &'static str)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<(usize, char)> = None;
    let mut block_indent: Option<usize> = None;
    let mut offset = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        if n as u32 >= line {
            break;
        }
        let start = offset;
        offset += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        // The content of block scalars (`|`, `>`) may hold any characters: skip it.
        if let Some(b) = block_indent {
            if content.trim().is_empty() || indent > b {
                continue;
            }
            block_indent = None;
        }
        let mut prev = ' ';
        for (i, c) in content.char_indices() {
            match quote {
                Some((_, q)) => {
                    if c == q {
                        quote = None;
                    }
                }
                None => match c {
                    '#' if prev == ' ' || prev == '\t' => break,
                    '"' | '\'' if matches!(prev, ' ' | '[' | '{' | ',' | ':' | '\t') => {
                        quote = Some((start + i, c))
                    }
                    '[' | '{' => stack.push((start + i, c)),
                    ']' | '}' => {
                        stack.pop();
                    }
                    _ => {}
                },
            }
            prev = c;
        }
        let trimmed = content.trim_end();
        if quote.is_none()
            && stack.is_empty()
            && ["|", ">", "|-", ">-", "|+", ">+"].iter().any(|ind| {
                trimmed.ends_with(&format!(" {ind}")) || trimmed.ends_with(&format!(":{ind}"))
            })
        {
            block_indent = Some(indent);
        }
    }
    if let Some((i, q)) = quote {
        return Some((
            loc_at(text, i, 1),
            if q == '"' {
                "the double-quoted string"
            } else {
                "the single-quoted string"
            },
        ));
    }
    stack
        .last()
        .map(|&(i, c)| (loc_at(text, i, 1), if c == '[' { "`[`" } else { "`{`" }))
}

fn strip_position(msg: &str) -> &str {
    // "line 3 column 5: message" -> "message"
    if let Some(rest) = msg.strip_prefix("line ")
        && let Some(idx) = rest.find(": ")
    {
        let head = &rest[..idx];
        if head
            .split_whitespace()
            .all(|w| w == "column" || w.chars().all(|c| c.is_ascii_digit()))
        {
            return &rest[idx + 2..];
        }
    }
    msg
}

fn parse_one_of(message: &str, prefix: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix(prefix)?.trim_start();
    let rest = rest.strip_prefix('`')?;
    let end = rest.find('`')?;
    let unknown = rest[..end].to_string();
    let tail = &rest[end + 1..];
    let expected = tail
        .split_once("expected one of ")
        .or_else(|| tail.split_once("expected "))
        .map(|(_, list)| {
            list.split(',')
                .map(|s| s.trim().trim_matches('`').to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Some((unknown, expected))
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean(word: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &[u8]) -> Loaded {
        let mut loaded = Loaded::default();
        load_bytes("t.yaml", text, &mut loaded);
        loaded
    }

    fn aside(text: &str, needle: &str, points: Points) -> Option<String> {
        let offset = text.find(needle).expect("needle");
        let at = Loc {
            line: 1,
            column: 1,
            offset: Some(offset),
            len: None,
        };
        set_aside(text, at, points).map(|(t, _)| t)
    }

    #[test]
    fn entries_are_set_aside_byte_for_byte() {
        // Block style: the key's line and its value's deeper lines.
        let block = "a:\n  typo:\n    - 1\n  b: 2\n";
        let out = aside(block, "typo", Points::Key).unwrap();
        assert_eq!(out, "a:\n       \n       \n  b: 2\n");
        assert_eq!(out.len(), block.len());
        // A value of the wrong type on a block line: the whole entry.
        assert_eq!(
            aside("a: 1\nb: x\n", "x", Points::Value).unwrap(),
            "a: 1\n    \n"
        );
        // Flow style: the entry with its comma; the last entry with the comma before it.
        let blanked = |text: &str, part: &str| text.replacen(part, &" ".repeat(part.len()), 1);
        let flow = "{a: 1, typo: 2, b: 3}";
        assert_eq!(
            aside(flow, "typo", Points::Key).unwrap(),
            blanked(flow, "typo: 2,")
        );
        let nested = "{a: 1, b: {c: [1, 2]}, typo: 'x, y'}";
        assert_eq!(
            aside(nested, "typo", Points::Key).unwrap(),
            blanked(nested, ", typo: 'x, y'")
        );
        assert_eq!(
            aside("{typo: 2}", "typo", Points::Key).unwrap(),
            blanked("{typo: 2}", "typo: 2")
        );
        let wrong = "{a: 1, max: big}";
        assert_eq!(
            aside(wrong, "big", Points::Value).unwrap(),
            blanked(wrong, ", max: big")
        );
        // Multi-byte text keeps every offset.
        let wide = "{a: 1, typo: é}";
        assert_eq!(aside(wide, "typo", Points::Key).unwrap().len(), wide.len());
        // Not set aside: a list item's first key, a key mid-line outside a flow mapping.
        assert_eq!(aside("- typo: 1\n", "typo", Points::Key), None);
        assert_eq!(aside("[typo, 1]", "typo", Points::Key), None);
        assert_eq!(aside("a: b typo", "typo", Points::Key), None);
    }

    #[test]
    fn strips_positions() {
        assert_eq!(strip_position("line 3 column 5: boom"), "boom");
        assert_eq!(
            strip_position("lines are fine: boom"),
            "lines are fine: boom"
        );
    }

    #[test]
    fn suggests_close_keys() {
        let cands = vec!["product".to_string(), "provider".to_string()];
        assert_eq!(did_you_mean("prodcut", &cands).as_deref(), Some("product"));
        assert_eq!(did_you_mean("zzzz", &cands), None);
    }

    #[test]
    fn empty_binary_and_invalid_utf8_are_diagnosed() {
        assert_eq!(load(b"").diagnostics[0].code, "empty-file");
        assert_eq!(
            load(b"# only a comment\n").diagnostics[0].code,
            "empty-file"
        );
        assert_eq!(load(b"a\0b").diagnostics[0].code, "binary-file");
        assert_eq!(load(b"service: \xff\xfe").diagnostics[0].code, "not-utf8");
    }

    #[test]
    fn parallel_loading_matches_loading_one_file_after_the_other() {
        // The broken-spec corpus (every kind of loading problem) and the seed specs: many
        // files of very different sizes, so the threads finish out of order.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let paths = [root.join("tests/broken"), root.join("specs")];
        let parallel = load_paths(&paths);
        let mut sequential = Loaded::default();
        for file in discover(&paths).expect("discover") {
            let bytes = std::fs::read(&file).expect("read");
            load_bytes(&display(&file), &bytes, &mut sequential);
        }
        assert!(parallel.specs.len() > 4 && parallel.diagnostics.len() > 20);
        assert_eq!(parallel.diagnostics, sequential.diagnostics);
        let specs = |l: &Loaded| -> Vec<(String, String, String)> {
            l.specs
                .iter()
                .map(|s| (s.file.clone(), s.text.clone(), format!("{:?}", s.spec)))
                .collect()
        };
        assert_eq!(specs(&parallel), specs(&sequential));
        assert_eq!(
            parallel.sources.render(&parallel.diagnostics),
            sequential.sources.render(&sequential.diagnostics)
        );
    }

    #[test]
    fn unknown_key_gets_a_suggestion() {
        let l = load(b"service:\n  provider: alibaba\n  prodcut: x\n");
        let d = &l.diagnostics[0];
        assert_eq!(d.code, "unknown-key");
        assert_eq!(d.line, Some(3));
        assert_eq!(d.help.as_deref(), Some("did you mean `product`?"));
    }
}
