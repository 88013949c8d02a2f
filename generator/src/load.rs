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
}

/// Expands the given paths into spec files: files as given, directories searched recursively
/// for `*.yaml` / `*.yml`. The result is sorted and deduplicated, so the order of the arguments
/// never changes the output.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Box<Diagnostic>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out).map_err(|e| {
                Box::new(Diagnostic::error(
                    "io-error",
                    &display(path),
                    None,
                    format!("cannot read directory: {e}"),
                ))
            })?;
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(Box::new(Diagnostic::error(
                "io-error",
                &display(path),
                None,
                "no such file or directory",
            )));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

/// A path as shown to people: forward slashes, as given.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Loads every spec under `paths`.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut loaded = Loaded::default();
    match discover(paths) {
        Ok(files) => {
            for file in files {
                let name = display(&file);
                match std::fs::read(&file) {
                    Ok(bytes) => load_bytes(&name, &bytes, &mut loaded),
                    Err(e) => loaded.diagnostics.push(Diagnostic::error(
                        "io-error",
                        &name,
                        None,
                        format!("cannot read file: {e}"),
                    )),
                }
            }
        }
        Err(d) => loaded.diagnostics.push(*d),
    }
    loaded
}

/// Parses one spec file's bytes, recording the result in `loaded`.
pub fn load_bytes(name: &str, bytes: &[u8], loaded: &mut Loaded) {
    if bytes.len() > MAX_SPEC_BYTES {
        loaded.diagnostics.push(
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
        return;
    }
    if bytes.contains(&0) {
        loaded.diagnostics.push(
            Diagnostic::error(
                "binary-file",
                name,
                None,
                "this is a binary file, not a YAML spec",
            )
            .help("spec files are UTF-8 YAML text"),
        );
        return;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            loaded.diagnostics.push(
                Diagnostic::error(
                    "not-utf8",
                    name,
                    None,
                    format!("invalid UTF-8 at byte {offset} (line {line})"),
                )
                .help("save the spec file as UTF-8"),
            );
            return;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    loaded.sources.insert(name, text.to_string());
    if text
        .trim()
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        loaded.diagnostics.push(
            Diagnostic::error("empty-file", name, None, "the spec file is empty")
                .help("a spec needs at least `service:` and `operations:`"),
        );
        return;
    }
    match serde_saphyr::from_str::<SpecFile>(text) {
        Ok(spec) => loaded.specs.push(LoadedSpec {
            file: name.to_string(),
            spec,
        }),
        Err(e) => loaded.diagnostics.push(parse_error(name, &e)),
    }
}

/// Turns a YAML or shape error into a diagnostic with a stable code and, for misspelt keys and
/// values, a "did you mean" suggestion.
fn parse_error(name: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let at = e.location().map(Loc::from_saphyr);
    let raw = e.without_snippet().to_string();
    let first = raw.lines().next().unwrap_or_default().trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let message = strip_position(first);
    // "... at line 3, column 5" duplicates the location the diagnostic already shows.
    let message = match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => message[..i].to_string(),
        _ => message.to_string(),
    };

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
        return Diagnostic::error(
            "missing-key",
            name,
            at,
            format!("missing required key {rest}"),
        )
        .label(format!("this block needs {rest}"));
    }
    let is_shape = message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid u")
        || message.starts_with("invalid i")
        || message.starts_with("invalid f")
        || message.starts_with("invalid length")
        || message.contains("expected a")
        || message.contains("expected mapping")
        || message.contains("expected sequence");
    let code = if is_shape && !message.contains("end of input") {
        "wrong-type"
    } else {
        "yaml-syntax"
    };
    Diagnostic::error(code, name, at, message.clone()).label(match code {
        "wrong-type" => "value has the wrong shape",
        _ => "the YAML cannot be parsed here",
    })
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
    fn unknown_key_gets_a_suggestion() {
        let l = load(b"service:\n  provider: alibaba\n  prodcut: x\n");
        let d = &l.diagnostics[0];
        assert_eq!(d.code, "unknown-key");
        assert_eq!(d.line, Some(3));
        assert_eq!(d.help.as_deref(), Some("did you mean `product`?"));
    }
}
