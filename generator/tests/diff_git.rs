//! `cloudspec diff` against git revisions, on a temporary repository: `--base REV` (the specs
//! at a revision against the work tree), `REV1 REV2`, `REV:PATH`, and errors. The work tree and
//! the index are never touched.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether a `git` binary runs. Without one these tests cannot build a repository; they say so
/// on stderr and pass (the revision mode itself then reports "cannot run git").
fn git_available() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: no git binary");
    }
    ok
}

/// A temporary git repository, removed when dropped.
struct Repo {
    dir: PathBuf,
}

impl Repo {
    fn new(name: &str) -> Repo {
        let dir =
            std::env::temp_dir().join(format!("cloudspec-diff-git-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let repo = Repo { dir };
        repo.git(&["-c", "init.defaultBranch=main", "init", "-q"]);
        repo
    }

    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .current_dir(&self.dir)
            .args([
                "-c",
                "user.name=cloudspec tests",
                "-c",
                "user.email=tests@example.com",
            ])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.dir.join(path);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.dir.join(path)).expect("read")
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn diff(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_cloudspec"))
            .current_dir(&self.dir)
            .arg("diff")
            .args(args)
            .output()
            .expect("the binary runs")
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn fixture(case: &str, side: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(case)
        .join(format!("{side}.yaml"));
    std::fs::read_to_string(path).expect("fixture")
}

const CVM: &str = "specs/tencent/cvm/2017-03-12.yaml";

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn base_compares_a_revision_with_the_work_tree_without_touching_it() {
    if !git_available() {
        return;
    }
    let repo = Repo::new("base");
    repo.write(CVM, &fixture("seed-cvm-image-family-required", "old"));
    repo.write("README.md", "not a spec\n");
    repo.commit("base");
    let head = repo.git(&["rev-parse", "HEAD"]);

    // Nothing changed yet.
    let out = repo.diff(&["--base", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "comparing HEAD:specs (old) with specs (new)\n\nno changes\n"
    );

    // Edit the work tree: ImageFamily becomes required.
    let edited = fixture("seed-cvm-image-family-required", "new");
    repo.write(CVM, &edited);
    let out = repo.diff(&["--base", "HEAD", "--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("breaking[request-parameter-required-added]"),
        "{text}"
    );
    assert!(text.contains(&format!("old HEAD:{CVM}:465:15")), "{text}");
    assert!(text.contains(&format!("new {CVM}:465:15")), "{text}");

    // The work tree, the index and HEAD are as they were.
    assert_eq!(repo.read(CVM), edited);
    assert_eq!(repo.git(&["status", "--porcelain"]), format!(" M {CVM}\n"));
    assert_eq!(repo.git(&["rev-parse", "HEAD"]), head);

    // A single file as the new side: the old side is the same path at the revision.
    let out = repo.diff(&["--base", "HEAD", CVM, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["old"], format!("HEAD:{CVM}"));
    assert_eq!(json["new"], CVM);
    assert_eq!(json["summary"]["breaking"], 1);
}

#[test]
fn two_revisions_and_rev_path_sides() {
    if !git_available() {
        return;
    }
    let repo = Repo::new("revs");
    repo.write(CVM, &fixture("seed-cvm-rate-limit-changed", "old"));
    repo.commit("one");
    repo.write(CVM, &fixture("seed-cvm-rate-limit-changed", "new"));
    repo.commit("two");

    let out = repo.diff(&["HEAD~1", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("comparing HEAD~1:specs (old) with HEAD:specs (new)\n"),
        "{text}"
    );
    assert!(
        text.contains("non-breaking[rate-limit-increased]"),
        "{text}"
    );

    let out = repo.diff(&[&format!("HEAD~1:{CVM}"), CVM]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("rate limit raised from 10 requests per second to 20"));

    // A bare revision against a path takes the path.
    let out = repo.diff(&["HEAD~1", "specs/tencent"]);
    assert!(
        stdout(&out).starts_with("comparing HEAD~1:specs/tencent (old) with specs/tencent (new)")
    );
}

#[test]
fn a_revision_without_specs_adds_everything() {
    if !git_available() {
        return;
    }
    let repo = Repo::new("empty");
    repo.write("README.md", "no specs yet\n");
    repo.commit("empty");
    repo.write(CVM, &fixture("seed-cvm-rate-limit-changed", "old"));
    let out = repo.diff(&["--base", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("non-breaking[service-added]"));
    assert!(
        stderr(&out).contains("note: `HEAD:specs` has no spec files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_revisions_and_broken_specs_are_exit_2() {
    if !git_available() {
        return;
    }
    let repo = Repo::new("bad");
    repo.write(CVM, &fixture("seed-cvm-rate-limit-changed", "old"));
    repo.commit("one");

    let out = repo.diff(&["--base", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: OLD side `no-such-branch`: unknown git revision `no-such-branch`\n"
    );

    let out = repo.diff(&["no-such-branch", "specs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "OLD side `no-such-branch`: no such file or directory, and not a git revision"
        )
    );

    // A spec with errors at a revision names that side.
    repo.write(CVM, "service:\n  provider: tencent\n  prodcut: cvm\n");
    repo.commit("broken");
    repo.write(CVM, &fixture("seed-cvm-rate-limit-changed", "old"));
    let out = repo.diff(&["--base", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: OLD side `HEAD:specs`: the specs have"),
        "{err}"
    );
    assert!(err.contains(&format!("HEAD:{CVM}")), "{err}");

    // Options are never taken for revisions.
    let out = repo.diff(&["--base=--output=x"]);
    assert_eq!(out.status.code(), Some(2));
}
