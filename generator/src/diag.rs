//! Diagnostics: what went wrong in a spec file, where, and how to fix it.
//!
//! Rendered in the rustc style with `codespan-reporting` (`file:line:col`, the source line, the
//! span underlined, a label and a help line), or as JSON for tools.

use std::collections::BTreeMap;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde::Serialize;

use crate::spec::Loc;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The spec cannot be used; `lint` exits 1.
    Error,
    /// Worth fixing; does not fail `lint`.
    Warning,
}

/// One problem in one spec file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable id of the check (`unknown-key`, `example-violates-constraint`, ...).
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The spec file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column, when known.
    pub column: Option<u32>,
    /// The label printed under the span.
    pub label: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// Other places involved (a first definition, a related rule); `lint`'s JSON writes them
    /// with their file and region.
    #[serde(skip)]
    pub related: Vec<Related>,
    #[serde(skip)]
    span: Option<(usize, usize)>,
}

/// A secondary location of a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What is there.
    pub label: String,
    #[serde(skip)]
    span: Option<(usize, usize)>,
}

impl Diagnostic {
    /// An error at `at` in `file`.
    pub fn error(
        code: &'static str,
        file: &str,
        at: Option<Loc>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, code, file, at, message)
    }

    /// A warning at `at` in `file`.
    pub fn warning(
        code: &'static str,
        file: &str,
        at: Option<Loc>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, file, at, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        file: &str,
        at: Option<Loc>,
        message: impl Into<String>,
    ) -> Self {
        let message = message.into();
        Diagnostic {
            severity,
            code,
            label: String::new(),
            file: file.to_string(),
            line: at.map(|l| l.line),
            column: at.map(|l| l.column),
            span: at.and_then(byte_span),
            message,
            help: None,
            related: Vec::new(),
        }
    }

    /// Sets the label under the span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary location.
    pub fn related(mut self, at: Loc, label: impl Into<String>) -> Self {
        self.related.push(Related {
            line: at.line,
            column: at.column,
            label: label.into(),
            span: byte_span(at),
        });
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

fn byte_span(at: Loc) -> Option<(usize, usize)> {
    let start = at.offset?;
    let len = at.len.unwrap_or(0).max(1);
    Some((start, start + len))
}

/// The source texts diagnostics point into.
#[derive(Debug, Default)]
pub struct Sources {
    texts: BTreeMap<String, String>,
}

/// Where a diagnostic (or a related place) starts and ends: 1-based lines and columns, the
/// end exclusive (the column after the last character), as editors and SARIF count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Region {
    /// First line.
    pub start_line: u32,
    /// First column.
    pub start_column: u32,
    /// Line of the end.
    pub end_line: u32,
    /// Column after the last character.
    pub end_column: u32,
}

impl Sources {
    /// The region of a byte span of `file`.
    fn region_of(&self, file: &str, (start, end): (usize, usize)) -> Option<Region> {
        let text = self.texts.get(file)?;
        let at = |offset: usize| {
            let offset = offset.min(text.len());
            let offset = (0..=offset)
                .rev()
                .find(|&o| text.is_char_boundary(o))
                .unwrap_or(0);
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..offset].chars().count() + 1;
            (
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(column).unwrap_or(u32::MAX),
            )
        };
        let (start_line, start_column) = at(start);
        let (end_line, end_column) = at(end.max(start));
        Some(Region {
            start_line,
            start_column,
            end_line,
            end_column,
        })
    }

    /// The byte span of `d` in its file: its own, or one character at its line and column.
    fn span_of(&self, d: &Diagnostic) -> Option<(usize, usize)> {
        d.span.or_else(|| {
            let text = self.texts.get(&d.file)?;
            let start = offset_of(text, d.line?, d.column?)?;
            let end = text[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
            Some((start, end))
        })
    }

    /// Where `d` starts and ends, when it points into its file's text.
    pub fn region(&self, d: &Diagnostic) -> Option<Region> {
        self.region_of(&d.file, self.span_of(d)?)
    }

    /// Where related place `r` of a diagnostic in `file` starts and ends.
    pub fn related_region(&self, file: &str, r: &Related) -> Option<Region> {
        self.region_of(file, r.span?)
    }

    /// Remembers the text of `file`.
    pub fn insert(&mut self, file: &str, text: String) {
        self.texts.insert(file.to_string(), text);
    }

    /// Renders diagnostics as plain text in the rustc style, followed by a summary line.
    pub fn render(&self, diagnostics: &[Diagnostic]) -> String {
        let mut files = SimpleFiles::new();
        let mut ids = BTreeMap::new();
        for (name, text) in &self.texts {
            ids.insert(name.clone(), files.add(name.clone(), text.clone()));
        }
        let config = term::Config::default();
        let mut out = String::new();
        for d in diagnostics {
            let severity = match d.severity {
                Severity::Error => CsSeverity::Error,
                Severity::Warning => CsSeverity::Warning,
            };
            let mut cs = CsDiagnostic::new(severity)
                .with_code(d.code)
                .with_message(&d.message);
            let file_id = ids.get(&d.file).copied();
            let text_len = self.texts.get(&d.file).map_or(0, String::len);
            let clamp = |(s, e): (usize, usize)| {
                let s = s.min(text_len);
                (s, e.min(text_len).max(s))
            };
            let span = self.span_of(d);
            match (file_id, span) {
                (Some(id), Some(span)) if text_len > 0 => {
                    let (s, e) = clamp(span);
                    let text = &self.texts[&d.file];
                    // Lines too long to print are cut around the span, in a copy of the text
                    // that keeps every line (so line numbers hold).
                    type SpanMap = Box<dyn Fn(usize, usize) -> std::ops::Range<usize>>;
                    let (id, map): (usize, SpanMap) = match Shortened::new(text, s) {
                        Some(view) => {
                            let (line, column) = (d.line, d.column);
                            if let (Some(l), Some(c)) = (line, column) {
                                cs.notes.push(format!(
                                        "long line shortened around the problem, which is at {}:{l}:{c}",
                                        d.file
                                    ));
                            }
                            let id = files.add(d.file.clone(), view.text.clone());
                            (id, Box::new(move |s, e| view.map_span(s, e)))
                        }
                        None => (id, Box::new(|s, e| s..e)),
                    };
                    let mut labels = vec![Label::primary(id, map(s, e)).with_message(&d.label)];
                    for r in &d.related {
                        if let Some(span) = r.span {
                            let (s, e) = clamp(span);
                            labels.push(Label::secondary(id, map(s, e)).with_message(&r.label));
                        }
                    }
                    cs = cs.with_labels(labels);
                }
                _ => {
                    let mut note = format!("in {}", d.file);
                    if let (Some(l), Some(c)) = (d.line, d.column) {
                        note = format!("at {}:{l}:{c}", d.file);
                    }
                    if !d.label.is_empty() {
                        note.push_str(": ");
                        note.push_str(&d.label);
                    }
                    cs = cs.with_notes(vec![note]);
                }
            }
            if let Some(help) = &d.help {
                cs.notes.push(format!("help: {help}"));
            }
            match term::emit_into_string(&config, &files, &cs) {
                Ok(text) => out.push_str(&text),
                Err(_) => out.push_str(&format!("{}: {}: {}\n", d.file, d.code, d.message)),
            }
            out.push('\n');
        }
        out.push_str(&summary(diagnostics));
        out.push('\n');
        out
    }
}

/// Lines longer than this (in bytes) are shortened when printed.
const LONG_LINE: usize = 200;
/// How much of a shortened line is kept before the span, and from its start on.
const BEFORE_SPAN: usize = 60;
const KEPT: usize = 140;

/// A copy of a text whose long lines are cut down (with `…` where text was cut): the line
/// holding the primary span around it, others to their start.
struct Shortened {
    text: String,
    /// Per line: `(old line start, old line end, kept old start, kept old end, new start,
    /// bytes of the leading marker)`.
    lines: Vec<(usize, usize, usize, usize, usize, usize)>,
}

impl Shortened {
    /// The shortened text, or `None` when no line is long.
    fn new(text: &str, primary: usize) -> Option<Self> {
        if !text.split('\n').any(|l| l.len() > LONG_LINE) {
            return None;
        }
        let boundary = |mut o: usize| {
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            o
        };
        let mut out = String::new();
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let end = start + line.trim_end_matches(['\n', '\r']).len();
            let new_start = out.len();
            if end - start <= LONG_LINE {
                out.push_str(line);
                lines.push((start, end, start, end, new_start, 0));
            } else {
                let (from, to) = if (start..=end).contains(&primary) {
                    let from = primary.saturating_sub(BEFORE_SPAN).max(start);
                    (from, (from + KEPT).min(end))
                } else {
                    (start, start + KEPT)
                };
                let (from, to) = (boundary(from), boundary(to));
                let marker = if from > start { "…" } else { "" };
                out.push_str(marker);
                out.push_str(&text[from..to]);
                if to < end {
                    out.push('…');
                }
                out.push_str(&line[end - start..]);
                lines.push((start, end, from, to, new_start, marker.len()));
            }
            start += line.len();
        }
        Some(Shortened { text: out, lines })
    }

    /// Where old span `s..e` is in the shortened text: a span starting on a shortened line
    /// ends where its kept text ends.
    fn map_span(&self, s: usize, e: usize) -> std::ops::Range<usize> {
        let at = self
            .lines
            .partition_point(|&(line_start, ..)| line_start <= s)
            .saturating_sub(1);
        let e = match self.lines.get(at) {
            Some(&(line_start, line_end, from, to, ..)) if (from, to) != (line_start, line_end) => {
                e.min(to)
            }
            _ => e,
        };
        let start = self.map(s);
        start..self.map(e).max(start)
    }

    /// Where old offset `o` is in the shortened text (clamped into what was kept).
    fn map(&self, o: usize) -> usize {
        let at = self
            .lines
            .partition_point(|&(line_start, ..)| line_start <= o)
            .saturating_sub(1);
        match self.lines.get(at) {
            Some(&(line_start, line_end, from, to, new_start, marker)) => {
                if from == line_start && to == line_end {
                    new_start + (o - line_start)
                } else {
                    new_start + marker + (o.clamp(from, to) - from)
                }
            }
            None => self.text.len(),
        }
    }
}

/// The byte offset of a 1-based line and character column in `text`.
fn offset_of(text: &str, line: u32, column: u32) -> Option<usize> {
    let mut start = 0usize;
    for _ in 1..line {
        start += text[start..].find('\n')? + 1;
    }
    let line_text = &text[start..];
    let col = line_text
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(line_text.find('\n').unwrap_or(line_text.len()), |(i, _)| i);
    Some(start + col)
}

/// `2 errors, 1 warning` style summary.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// Sorts diagnostics by file, position, severity and code, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, b.code, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str, len: usize) -> Loc {
        let offset = text.find(needle).expect("needle");
        let before = &text[..offset];
        Loc {
            line: before.matches('\n').count() as u32 + 1,
            column: before
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .chars()
                .count() as u32
                + 1,
            offset: Some(offset),
            len: Some(len),
        }
    }

    /// An error on a 200 KB line prints a window around it, not the line and a 200 KB
    /// underline; lines and the real position are kept.
    #[test]
    fn long_lines_are_cut_around_the_span() {
        let long = format!(
            "a: {}BAD{}\nb: ok\n",
            "x".repeat(100_000),
            "é".repeat(50_000)
        );
        let mut sources = Sources::default();
        sources.insert("f.yaml", long.clone());
        let d = Diagnostic::error(
            "wrong-type",
            "f.yaml",
            Some(at(&long, "BAD", 200_000)),
            "bad",
        )
        .label("here")
        .related(at(&long, "b: ok", 1), "next line");
        let out = sources.render(&[d]);
        assert!(out.len() < 2_000, "{} bytes:\n{out}", out.len());
        assert!(
            out.contains("│ …xxx") && out.contains("xxxxxxxxxxBADééé"),
            "{out}"
        );
        assert!(out.contains("é…"), "{out}");
        assert!(out.contains("f.yaml:1:100004"), "{out}");
        assert!(out.contains("2 │ b: ok"), "{out}");
        // Short files print as they are.
        let mut short = Sources::default();
        short.insert("g.yaml", "a: 1\n".into());
        let d = Diagnostic::error("wrong-type", "g.yaml", Some(at("a: 1\n", "1", 1)), "bad");
        assert!(!short.render(&[d]).contains('…'));
    }

    #[test]
    fn shortened_offsets_map_into_what_is_kept() {
        let text = format!("{}\nshort\n", "y".repeat(1_000));
        let view = Shortened::new(&text, 500).expect("a long line");
        // The kept window starts BEFORE_SPAN before the span, after a marker.
        assert_eq!(view.map(500), "…".len() + BEFORE_SPAN);
        assert_eq!(&view.text[view.map(440)..view.map(441)], "y");
        // Offsets outside the window are clamped to it; the next line maps one to one.
        assert_eq!(view.map(0), "…".len());
        let short = text.find("short").unwrap();
        assert_eq!(&view.text[view.map(short)..view.map(short) + 5], "short");
        assert!(Shortened::new("a\nb\n", 0).is_none());
    }
}
