//! The two sides of a diff: spec files or directories on disk, or specs at a git revision.
//!
//! A revision is read with `git ls-tree` and `git cat-file` only, so the work tree, the index
//! and `HEAD` are never touched. Paths given for a revision are relative to the current
//! directory, like paths on disk.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::check;
use crate::load::{self, Loaded};
use crate::model::Model;

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// A spec file or a directory of specs on disk.
    Path(PathBuf),
    /// The specs under `path` at git revision `rev`.
    Git {
        /// The revision (`origin/main`, `HEAD~1`, a commit id).
        rev: String,
        /// A file or directory, relative to the current directory.
        path: String,
    },
}

impl Side {
    /// How the side is shown in reports (`specs`, `origin/main:specs`).
    pub fn label(&self) -> String {
        match self {
            Side::Path(p) => load::display(p),
            Side::Git { rev, path } => format!("{rev}:{path}"),
        }
    }
}

/// A side that loaded and checked without errors.
#[derive(Debug)]
pub struct LoadedSide {
    /// See [`Side::label`].
    pub label: String,
    /// The checked model.
    pub model: Model,
    /// How many spec files were read.
    pub files: usize,
}

/// A problem with one side: a missing path, an unknown revision, specs with errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideError {
    /// `OLD` or `NEW`.
    pub side: &'static str,
    /// What the user gave for it.
    pub given: String,
    /// What is wrong, possibly followed by rendered diagnostics.
    pub problem: String,
}

impl std::fmt::Display for SideError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} side `{}`: {}", self.side, self.given, self.problem)
    }
}

/// What a command-line argument names, before the sides are paired.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Arg {
    Path(PathBuf),
    /// A revision without a path: the path is the other side's, or `specs`.
    Rev(String),
    Git(String, String),
}

/// Runs git and returns its standard output, or its trimmed error.
fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
        Err(if err.is_empty() {
            format!("git {} failed ({})", args.join(" "), out.status)
        } else {
            err
        })
    }
}

/// Whether `rev` names a commit. Options are never passed through as revisions.
fn is_revision(rev: &str) -> Result<(), String> {
    if rev.is_empty() || rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])
    .map(|_| ())
    .map_err(|e| {
        if e.starts_with("git rev-parse") {
            format!("unknown git revision `{rev}`")
        } else {
            e
        }
    })
}

fn classify(side: &'static str, given: &str) -> Result<Arg, SideError> {
    let fail = |problem: String| SideError {
        side,
        given: given.to_string(),
        problem,
    };
    if Path::new(given).exists() {
        return Ok(Arg::Path(PathBuf::from(given)));
    }
    if let Some((rev, path)) = given.split_once(':')
        && !rev.is_empty()
        && !path.is_empty()
    {
        is_revision(rev).map_err(fail)?;
        return Ok(Arg::Git(rev.to_string(), path.to_string()));
    }
    match is_revision(given) {
        Ok(()) => Ok(Arg::Rev(given.to_string())),
        Err(e) => Err(fail(format!(
            "no such file or directory, and not a git revision ({e})"
        ))),
    }
}

fn path_of(arg: &Arg) -> Option<String> {
    match arg {
        Arg::Path(p) => Some(load::display(p)),
        Arg::Git(_, p) => Some(p.clone()),
        Arg::Rev(_) => None,
    }
}

fn to_side(arg: Arg, other: Option<String>) -> Side {
    match arg {
        Arg::Path(p) => Side::Path(p),
        Arg::Git(rev, path) => Side::Git { rev, path },
        Arg::Rev(rev) => Side::Git {
            rev,
            path: other.unwrap_or_else(|| "specs".into()),
        },
    }
}

/// Pairs the command-line arguments into two sides.
///
/// - `--base REV [NEW]`: NEW (default `specs`) against the same path at `REV`.
/// - `OLD NEW`: each a path, a revision, or `REV:PATH`; a bare revision takes the other side's
///   path (or `specs`).
pub fn resolve(
    old: Option<&str>,
    new: Option<&str>,
    base: Option<&str>,
) -> Result<(Side, Side), SideError> {
    if let Some(base) = base {
        if let (Some(_), Some(extra)) = (old, new) {
            return Err(SideError {
                side: "NEW",
                given: extra.to_string(),
                problem: "with --base, give at most one path (the new side)".into(),
            });
        }
        is_revision(base).map_err(|problem| SideError {
            side: "OLD",
            given: base.to_string(),
            problem,
        })?;
        let given_new = old.unwrap_or("specs");
        let new_arg = classify("NEW", given_new)?;
        let old_path = path_of(&new_arg).unwrap_or_else(|| "specs".into());
        let new_side = to_side(new_arg, Some("specs".into()));
        return Ok((
            Side::Git {
                rev: base.to_string(),
                path: old_path,
            },
            new_side,
        ));
    }
    let (Some(old), Some(new)) = (old, new) else {
        return Err(SideError {
            side: if old.is_none() { "OLD" } else { "NEW" },
            given: String::new(),
            problem: "missing: give OLD and NEW, or --base REV".into(),
        });
    };
    let (a, b) = (classify("OLD", old)?, classify("NEW", new)?);
    let (pa, pb) = (path_of(&a), path_of(&b));
    Ok((to_side(a, pb), to_side(b, pa)))
}

/// Loads and checks one side. Errors in its specs make the side unusable.
pub fn load_side(side_name: &'static str, side: &Side) -> Result<LoadedSide, SideError> {
    let label = side.label();
    let fail = |problem: String| SideError {
        side: side_name,
        given: label.clone(),
        problem,
    };
    let mut loaded = Loaded::default();
    let files = match side {
        Side::Path(p) => {
            if !p.exists() {
                return Err(fail("no such file or directory".into()));
            }
            let files =
                load::discover(std::slice::from_ref(p)).map_err(|d| fail(d.message.clone()))?;
            for file in &files {
                let name = load::display(file);
                let bytes =
                    std::fs::read(file).map_err(|e| fail(format!("cannot read {name}: {e}")))?;
                load::load_bytes(&name, &bytes, &mut loaded);
            }
            files.len()
        }
        Side::Git { rev, path } => {
            is_revision(rev).map_err(&fail)?;
            let listing = git(&["ls-tree", "-r", "-z", "--name-only", rev, "--", path])
                .map_err(|e| fail(format!("cannot list the files at `{rev}`: {e}")))?;
            let names: Vec<String> = listing
                .split(|b| *b == 0)
                .filter(|n| !n.is_empty())
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
                .collect();
            for name in &names {
                let object = if name.starts_with("../") {
                    format!("{rev}:{name}")
                } else {
                    format!("{rev}:./{name}")
                };
                let bytes = git(&["cat-file", "blob", &object])
                    .map_err(|e| fail(format!("cannot read {name} at `{rev}`: {e}")))?;
                load::load_bytes(&format!("{rev}:{name}"), &bytes, &mut loaded);
            }
            names.len()
        }
    };
    let checked = check::check(&loaded.specs);
    let mut errors: Vec<_> = loaded
        .diagnostics
        .into_iter()
        .chain(checked.diagnostics)
        .filter(|d| d.is_error())
        .collect();
    if !errors.is_empty() {
        crate::diag::sort(&mut errors);
        let n = errors.len();
        return Err(fail(format!(
            "the specs have {n} error{}; fix them (`cloudspec lint`) before diffing:\n{}",
            if n == 1 { "" } else { "s" },
            loaded.sources.render(&errors).trim_end()
        )));
    }
    Ok(LoadedSide {
        label,
        model: checked.model,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(Side::Path("specs".into()).label(), "specs");
        let g = Side::Git {
            rev: "origin/main".into(),
            path: "specs".into(),
        };
        assert_eq!(g.label(), "origin/main:specs");
    }

    #[test]
    fn options_are_not_revisions() {
        assert!(is_revision("--output=/tmp/x").is_err());
        assert!(is_revision("").is_err());
    }

    #[test]
    fn missing_sides_are_named() {
        let e = resolve(Some("does/not/exist.yaml"), Some("specs"), None).unwrap_err();
        assert_eq!(e.side, "OLD");
        assert!(e.problem.starts_with("no such file or directory"), "{e}");
        let e = resolve(None, None, None).unwrap_err();
        assert!(e.problem.contains("--base"), "{e}");
    }
}
