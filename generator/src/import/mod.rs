//! `cloudspec import`: specs drafted from the vendors' metadata, and re-imported over the
//! curated ones without losing what a person added.

pub mod compare;
pub mod draft;
pub mod merge;
pub mod prose;
pub mod yaml;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::vendor::{self, VendorOperation, VendorService};

/// What `cloudspec import` is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// Metadata files; several for one service are compared, the first one drafting.
    pub metadata: Vec<PathBuf>,
    /// Operation names or globs (`*Image*`); empty for every operation.
    pub operations: Vec<String>,
    /// The specs root: each service version goes to `<out>/<provider>/<product>/<version>.yaml`.
    pub out: PathBuf,
    /// Re-import over existing spec files, keeping what a person added.
    pub update: bool,
}

/// What one import did to one spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The spec file.
    pub path: PathBuf,
    /// Whether it was created, changed or left as it was.
    pub status: FileStatus,
    /// The merge's account.
    pub outcome: merge::Outcome,
    /// Where other sources for the same service disagree with the first one.
    pub disagreements: Vec<String>,
    /// Comment lines inside the old file (not its header), which a rewrite does not keep.
    pub dropped_comments: Vec<String>,
}

/// What happened to a spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    /// A new file.
    Created,
    /// Rewritten with the metadata's changes.
    Updated,
    /// The metadata changes nothing in it.
    Unchanged,
}

/// The services the metadata files describe, grouped by provider, product and version, the
/// first file of each group first.
pub fn group(services: Vec<VendorService>) -> Vec<Vec<VendorService>> {
    let mut groups: Vec<Vec<VendorService>> = Vec::new();
    for s in services {
        match groups.iter_mut().find(|g| {
            g[0].provider == s.provider && g[0].product == s.product && g[0].version == s.version
        }) {
            Some(g) => g.push(s),
            None => groups.push(vec![s]),
        }
    }
    groups
}

/// Whether `name` matches a `*`/`?` glob (or equals it). Linear in practice: a `*` is
/// retried from one remembered position only, so no pattern backtracks exponentially.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

/// The operations of `v` the patterns select (every one when there are none), by name.
pub fn select<'a>(v: &'a VendorService, patterns: &[String]) -> Vec<&'a VendorOperation> {
    v.operations
        .values()
        .filter(|op| patterns.is_empty() || patterns.iter().any(|p| glob_match(p, &op.name)))
        .collect()
}

/// The spec file of a service under `out`.
pub fn spec_path(out: &Path, v: &VendorService) -> PathBuf {
    out.join(crate::rust_names::provider_name(v.provider))
        .join(&v.product)
        .join(format!("{}.yaml", v.version))
}

/// A spec file's text split into its leading comment block and the comment lines after it.
pub fn comments(text: &str) -> (String, Vec<String>) {
    let mut header = Vec::new();
    let mut rest = Vec::new();
    let mut in_header = true;
    for line in text.lines() {
        let t = line.trim_start();
        if in_header && (t.starts_with('#') || t.is_empty()) {
            header.push(line);
            continue;
        }
        in_header = false;
        if t.starts_with('#') {
            rest.push(line.trim().to_string());
        }
    }
    while header.last().is_some_and(|l| l.trim().is_empty()) {
        header.pop();
    }
    (header.join("\n"), rest)
}

/// Reads a spec file as a document, keeping key order.
pub fn read_spec(path: &Path) -> Result<(String, Value), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let doc: Value = serde_saphyr::from_str(&text).map_err(|e| {
        format!(
            "{}: not a spec `import --update` can read ({e}); run `cloudspec lint` on it",
            path.display()
        )
    })?;
    Ok((text, doc))
}

/// The header of a new spec file.
fn new_header(v: &VendorService) -> String {
    format!(
        "# yaml-language-server: $schema=../../spec.schema.json\n#\n# {} {} API version {}, drafted by `cloudspec import` from\n# {}.",
        v.provider.title(),
        v.product,
        v.version,
        v.source
    )
}

/// Drafts or re-imports every selected operation of every service the files describe.
pub fn run(options: &Options) -> Result<Vec<FileReport>, String> {
    let services = vendor::read_all(&options.metadata).map_err(|e| e.to_string())?;
    for p in &options.operations {
        if !services
            .iter()
            .any(|s| s.operations.keys().any(|n| glob_match(p, n)))
        {
            return Err(format!(
                "no operation of the metadata matches `{p}` (operations are named like `CreateImage`; globs take `*` and `?`)"
            ));
        }
    }
    let mut reports = Vec::new();
    for group in group(services) {
        let primary = &group[0];
        let selected = select(primary, &options.operations);
        if selected.is_empty() {
            continue;
        }
        let path = spec_path(&options.out, primary);
        let existing = if path.exists() {
            if !options.update {
                return Err(format!(
                    "{} exists: `import --update` re-imports over it, keeping what a person added",
                    path.display()
                ));
            }
            Some(read_spec(&path)?)
        } else {
            None
        };
        let (mut doc, outcome) =
            merge::merge(existing.as_ref().map(|(_, d)| d), primary, &selected, true);
        let mut disagreements = Vec::new();
        for other in &group[1..] {
            let theirs = select(other, &options.operations);
            disagreements.extend(compare::disagreements(primary, other, &selected, &theirs));
            compare::add_proposals(&mut doc, other, &theirs);
        }
        let (header, dropped_comments) = match &existing {
            Some((text, _)) => comments(text),
            None => (new_header(primary), Vec::new()),
        };
        let status = match &existing {
            Some((_, old)) if merge::same(old, &doc) => FileStatus::Unchanged,
            Some(_) => FileStatus::Updated,
            None => FileStatus::Created,
        };
        if status != FileStatus::Unchanged {
            let text =
                yaml::write(&header, &doc).map_err(|e| format!("{}: {e}", path.display()))?;
            write_file(&path, &text)?;
        }
        reports.push(FileReport {
            path,
            status,
            outcome,
            disagreements,
            dropped_comments: if status == FileStatus::Updated {
                dropped_comments
            } else {
                Vec::new()
            },
        });
    }
    Ok(reports)
}

/// Writes a file through a temporary file beside it and a rename, so a reader never sees half.
fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    }
    let tmp = path.with_extension("yaml.cloudspec-tmp");
    std::fs::write(&tmp, text).map_err(|e| format!("{}: cannot write: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: cannot write: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("CreateImage", "CreateImage"));
        assert!(!glob_match("CreateImage", "CreateImages"));
        assert!(glob_match("*Image*", "DescribeImages"));
        assert!(glob_match("Describe?mages", "DescribeImages"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("?", ""));
        assert!(glob_match("a*b*c", "aXbYc"));
        assert!(!glob_match("a*b*c", "aXbY"));
        // No exponential backtracking on a pattern full of stars.
        let name = "a".repeat(5_000);
        assert!(!glob_match(&format!("{}b", "*a".repeat(40)), &name));
    }
}
