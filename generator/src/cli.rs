//! The command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// cloudspec: keep Rust clients for cloud APIs correct.
#[derive(Debug, Parser)]
#[command(name = "cloudspec", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and check spec files; print every problem.
    Lint {
        /// Spec files or directories (default: the project's `specs/`).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// List every check (id, severity, what it enforces) instead of linting.
        #[arg(long)]
        list_checks: bool,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Regenerate the clients crate (and its docs) from the specs.
    Generate {
        /// Spec files or directories (repeatable; default: the project's `specs/`).
        #[arg(long)]
        specs: Vec<PathBuf>,
        /// The generated crate's directory (default: the project's `generated/`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The generated crate's package name.
        #[arg(long, default_value = crate::emit::rust::DEFAULT_PACKAGE)]
        package: String,
        /// Print where the time went (parse, check, emit, format, docs, write) to stderr.
        #[arg(long)]
        timings: bool,
        /// Also survive an OS crash or power loss mid-write: sync every written file to disk
        /// before the renames (one `fsync` per file; the default survives the process being
        /// killed at any point).
        #[arg(long)]
        durable: bool,
    },
    /// Fail (exit 1) when the generated crate differs from what the specs generate.
    Check {
        /// Spec files or directories (repeatable; default: the project's `specs/`).
        #[arg(long)]
        specs: Vec<PathBuf>,
        /// The generated crate's directory (default: the project's `generated/`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The generated crate's package name.
        #[arg(long, default_value = crate::emit::rust::DEFAULT_PACKAGE)]
        package: String,
    },
    /// Print the JSON Schema of the spec format.
    Schema,
    /// Report the semantic changes between two sets of specs and their effect on the crate.
    Diff(crate::diff::cli::DiffArgs),
    /// Draft specs from vendor metadata, or re-import over curated ones (`--update`).
    Import {
        /// Tencent `api.json` or Alibaba `api-docs.json` files; several for one service are
        /// compared (the first drafts, the others add the limits only they state).
        #[arg(required = true, value_name = "METADATA")]
        metadata: Vec<PathBuf>,
        /// Only these operations: a name or a glob (`*Image*`); repeatable.
        #[arg(long = "operation", value_name = "NAME|GLOB")]
        operations: Vec<String>,
        /// The specs root (default: the project's `specs/`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Re-import over existing spec files, keeping what a person added.
        #[arg(long)]
        update: bool,
    },
    /// Compare specs with vendor metadata: what the vendor changed since they were written.
    Drift(crate::drift::DriftArgs),
    /// Serve the specs' operations on a local HTTP server for integration tests (see README).
    Mock {
        /// Spec files or directories (repeatable; default: the project's `specs/`).
        #[arg(long)]
        specs: Vec<PathBuf>,
        /// The address to listen on (the port 0 picks a free one; the endpoint is printed).
        #[arg(long, default_value = "127.0.0.1:0")]
        listen: std::net::SocketAddr,
        /// Verify signatures with this access key id (with `--secret-env`).
        #[arg(long, requires = "secret_env")]
        access_key_id: Option<String>,
        /// The environment variable holding the secret the signatures are verified with (a
        /// secret on the command line would show in the process list).
        #[arg(long, requires = "access_key_id")]
        secret_env: Option<String>,
        /// Accept requests that break the documented constraints.
        #[arg(long)]
        no_validate: bool,
        /// A JSON file of scripts (one script or a list) in place from the start.
        #[arg(long)]
        script: Option<PathBuf>,
    },
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For tools (versioned: `version` key; see the README).
    Json,
    /// GitHub Actions workflow annotations (`::error file=…,line=…::…`).
    Github,
    /// A SARIF 2.1.0 log for code scanning.
    Sarif,
}

/// The spec paths and output directory, the project's `specs/` and `generated/` where not given.
fn defaults(specs: Vec<PathBuf>, out: Option<PathBuf>) -> (Vec<PathBuf>, PathBuf) {
    let specs = if specs.is_empty() {
        vec![PathBuf::from("specs")]
    } else {
        specs
    };
    (specs, out.unwrap_or_else(|| PathBuf::from("generated")))
}

/// `cloudspec generate`: regenerate, write atomically, report what changed.
fn generate(
    options: crate::generate::Options,
    out: &std::path::Path,
    timings: bool,
    durability: crate::write::Durability,
) -> ExitCode {
    let (files, phase) = match crate::generate::files_with(&options) {
        Ok(r) => r,
        Err(report) => {
            errout!("{report}");
            return ExitCode::FAILURE;
        }
    };
    let start = std::time::Instant::now();
    let changes = match crate::write::write_with(out, &files, durability) {
        Ok(c) => c,
        Err(e) => {
            errln!("error: cannot write {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
    };
    if timings {
        errout!("{}", phase.render(Some(start.elapsed())));
    }
    out!("{}", changes.summary());
    outln!(
        "generated {} files in {}: {} added, {} changed, {} removed, {} unchanged",
        files.len(),
        out.display(),
        changes.added.len(),
        changes.changed.len(),
        changes.removed.len(),
        changes.unchanged
    );
    ExitCode::SUCCESS
}

/// `cloudspec import`: draft or re-import, say what happened to each file.
fn import(options: crate::import::Options) -> ExitCode {
    let reports = match crate::import::run(&options) {
        Ok(r) => r,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    for r in &reports {
        let what = match r.status {
            crate::import::FileStatus::Created => "created",
            crate::import::FileStatus::Updated => "updated",
            crate::import::FileStatus::Unchanged => "unchanged",
        };
        let o = &r.outcome;
        outln!(
            "{what} {}: {} operation{} added, {} updated",
            r.path.display(),
            o.added.len(),
            if o.added.len() == 1 { "" } else { "s" },
            o.updated.len()
        );
        for name in &o.missing_upstream {
            errln!(
                "warning: {}: operation {name} is not in the metadata (kept; `cloudspec drift` reports it)",
                r.path.display()
            );
        }
        for note in &o.notes {
            errln!("note: {}: {note}", r.path.display());
        }
        for line in &r.dropped_comments {
            errln!(
                "warning: {}: a comment inside the file is not kept by the rewrite: {line}",
                r.path.display()
            );
        }
        for d in &r.disagreements {
            errln!("warning: sources disagree: {d}");
        }
    }
    if reports.is_empty() {
        errln!("error: the metadata selected no operation");
        return ExitCode::FAILURE;
    }
    outln!("next: `cloudspec lint` lists the proposed constraints to confirm or remove");
    ExitCode::SUCCESS
}

/// `cloudspec mock`: load the specs, then serve until Ctrl-C.
fn mock(
    specs: Vec<PathBuf>,
    listen: std::net::SocketAddr,
    key: Option<(String, String)>,
    validate: bool,
    script: Option<PathBuf>,
) -> ExitCode {
    let (specs, _) = defaults(specs, None);
    let report = crate::lint::run(&specs);
    if report.has_errors() {
        errout!("{}", report.render_text());
        return ExitCode::FAILURE;
    }
    let mut options = crate::mock::MockOptions::default()
        .addr(listen)
        .validate(validate);
    if let Some((id, variable)) = key {
        match std::env::var(&variable) {
            Ok(secret) if !secret.is_empty() => options = options.credentials(id, secret),
            _ => {
                errln!("error: --secret-env names `{variable}`, which is not set or empty");
                return ExitCode::FAILURE;
            }
        }
    }
    if let Some(path) = script {
        let scripts = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::mock::parse_scripts(&bytes))
            .and_then(|scripts| {
                crate::mock::check_scripts(&crate::mock::Catalog::new(&report.model), scripts)
            });
        match scripts {
            Ok(scripts) => options.scripts = scripts,
            Err(e) => {
                errln!("error: {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    match crate::mock::run_until_interrupted(&report.model, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            errln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The nearest directory, from `start` up, that holds a `specs/` directory: the project root,
/// as cargo finds a workspace from any of its subdirectories.
pub fn project_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("specs").is_dir())
        .map(Path::to_path_buf)
}

/// Runs from the project root when a command relies on its default paths (`specs/`,
/// `generated/`) and the current directory is below the root; says so on standard error.
fn enter_project_root(uses_defaults: bool) {
    if !uses_defaults {
        return;
    }
    let Ok(cwd) = std::env::current_dir() else {
        return;
    };
    match project_root(&cwd) {
        Some(root) if root == cwd => {}
        Some(root) => {
            if std::env::set_current_dir(&root).is_ok() {
                errln!(
                    "note: using the project at {} (the nearest directory above with specs/)",
                    root.display()
                );
            }
        }
        None => errln!(
            "note: no specs/ in {} or any directory above it; pass the spec paths",
            cwd.display()
        ),
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    enter_project_root(match &cli.command {
        Command::Lint {
            paths, list_checks, ..
        } => paths.is_empty() && !list_checks,
        // Only when every path is the default: a path given is relative to where the command
        // runs, and moving would change what it names.
        Command::Generate { specs, out, .. } | Command::Check { specs, out, .. } => {
            specs.is_empty() && out.is_none()
        }
        Command::Diff(args) => args.old.is_none() && args.new.is_none() && !args.list_rules,
        Command::Import { out, .. } => out.is_none(),
        Command::Drift(args) => args.specs.is_none(),
        Command::Schema => false,
        Command::Mock { specs, script, .. } => specs.is_empty() && script.is_none(),
    });
    match cli.command {
        Command::Lint {
            paths,
            format,
            list_checks,
            deny_warnings,
        } => {
            if list_checks {
                out!("{}", crate::lint::list_checks(format == Format::Json));
                return ExitCode::SUCCESS;
            }
            let paths = if paths.is_empty() {
                vec![PathBuf::from("specs")]
            } else {
                paths
            };
            let report = crate::lint::run(&paths);
            match format {
                Format::Text => out!("{}", report.render_text()),
                Format::Json => out!("{}", report.render_json()),
                Format::Github => out!("{}", report.render_github()),
                Format::Sarif => out!("{}", report.render_sarif()),
            }
            if report.has_errors() || (deny_warnings && !report.diagnostics.is_empty()) {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Generate {
            specs,
            out,
            package,
            timings,
            durable,
        } => {
            let (specs, out) = defaults(specs, out);
            let durability = if durable {
                crate::write::Durability::System
            } else {
                crate::write::Durability::Process
            };
            generate(
                crate::generate::Options { specs, package },
                &out,
                timings,
                durability,
            )
        }
        Command::Check {
            specs,
            out,
            package,
        } => {
            let (specs, out) = defaults(specs, out);
            match crate::generate::files_with(&crate::generate::Options {
                specs: specs.clone(),
                package,
            })
            .map(|(f, _)| f)
            {
                Ok(files) => match crate::write::compare(&out, &files) {
                    Ok(changes) if changes.is_empty() => {
                        outln!("{} is up to date ({} files)", out.display(), files.len());
                        ExitCode::SUCCESS
                    }
                    Ok(changes) => {
                        outln!(
                            "{} is stale: it differs from what {} generates:",
                            out.display(),
                            specs
                                .iter()
                                .map(|s| s.display().to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        );
                        out!("{}", changes.summary());
                        outln!("run `cargo run -p cloudspec -- generate` and commit the result");
                        ExitCode::FAILURE
                    }
                    Err(e) => {
                        errln!("error: cannot read {}: {e}", out.display());
                        ExitCode::FAILURE
                    }
                },
                Err(report) => {
                    errout!("{report}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Diff(args) => crate::diff::cli::run(args),
        Command::Import {
            metadata,
            operations,
            out,
            update,
        } => import(crate::import::Options {
            metadata,
            operations,
            out: out.unwrap_or_else(|| PathBuf::from("specs")),
            update,
        }),
        Command::Drift(args) => crate::drift::run(args),
        Command::Schema => {
            out!("{}", crate::spec::json_schema());
            ExitCode::SUCCESS
        }
        Command::Mock {
            specs,
            listen,
            access_key_id,
            secret_env,
            no_validate,
            script,
        } => mock(
            specs,
            listen,
            access_key_id.zip(secret_env),
            !no_validate,
            script,
        ),
    }
}
