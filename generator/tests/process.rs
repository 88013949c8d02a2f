//! Whole-process properties of `cloudspec generate`: determinism across runs, file order and
//! directories, and atomic writes when the process is killed part way.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_cloudspec")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudspec-process-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Every file under `root`, by relative path.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).expect("readable"));
            }
        }
    }
    out
}

/// Copies the spec files into `dest/specs`, creating them in the given order.
fn copy_specs(dest: &Path, reverse: bool) {
    let mut files = cloudspec::load::discover(&[workspace().join("specs")]).expect("specs");
    if reverse {
        files.reverse();
    }
    let root = workspace().join("specs");
    for f in files {
        let rel = f.strip_prefix(&root).expect("under specs");
        let to = dest.join("specs").join(rel);
        fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        fs::copy(&f, &to).expect("copy");
    }
    fs::copy(
        root.join("spec.schema.json"),
        dest.join("specs/spec.schema.json"),
    )
    .expect("schema");
}

fn generate(cwd: &Path, specs: &str, out: &str) -> std::process::Output {
    Command::new(bin())
        .current_dir(cwd)
        .args(["generate", "--specs", specs, "--out", out])
        .output()
        .expect("runs")
}

#[test]
fn output_is_identical_across_runs_orders_and_directories() {
    let a = temp("det-a");
    let b = temp("det-b");
    copy_specs(&a, false);
    copy_specs(&b, true);
    assert!(generate(&a, "specs", "out").status.success());
    assert!(generate(&b, "specs", "out").status.success());
    let first = tree(&a.join("out"));
    assert!(
        first.len() > 4,
        "generated files: {:?}",
        first.keys().collect::<Vec<_>>()
    );
    assert_eq!(
        first,
        tree(&b.join("out")),
        "another directory and file order give the same bytes"
    );
    // A second run changes nothing.
    let again = generate(&a, "specs", "out");
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 added, 0 changed, 0 removed"));
    assert_eq!(first, tree(&a.join("out")));
    // And the committed crate is the same output.
    let committed = tree(&workspace().join("generated"));
    for (path, bytes) in &first {
        assert_eq!(committed.get(path), Some(bytes), "generated/{path} matches");
    }
    fs::remove_dir_all(a).ok();
    fs::remove_dir_all(b).ok();
}

/// A spec with `n` copies of the SWAS operation, big enough that generation takes a while.
fn big_spec(n: usize) -> String {
    let text = fs::read_to_string(workspace().join("specs/alibaba/swas-open/2020-06-01.yaml"))
        .expect("swas");
    let (head, ops) = text.split_once("\noperations:\n").expect("operations");
    // The first operation only (the service has others, which must not be copied).
    let ops = match ops[1..].find("\n  - name: ") {
        Some(end) => &ops[..end + 1],
        None => ops,
    };
    let mut out = format!("{head}\noperations:\n");
    for i in 0..n {
        out.push_str(&ops.replace(
            "name: CreateCustomImage",
            &format!("name: CreateCustomImage{i}"),
        ));
        out.push('\n');
    }
    out
}

#[test]
fn a_killed_generation_leaves_the_old_or_the_new_tree() {
    let dir = temp("kill");
    fs::create_dir_all(dir.join("specs/alibaba/swas-open")).expect("mkdir");
    let spec = dir.join("specs/alibaba/swas-open/2020-06-01.yaml");
    fs::write(&spec, big_spec(20)).expect("spec");
    assert!(generate(&dir, "specs", "out").status.success());
    let old = tree(&dir.join("out"));

    // The new tree: the same spec with every operation renamed.
    fs::write(
        &spec,
        big_spec(20).replace("CreateCustomImage", "MakeCustomImage"),
    )
    .expect("spec");
    let reference = temp("kill-ref");
    fs::create_dir_all(reference.join("specs/alibaba/swas-open")).expect("mkdir");
    fs::copy(
        &spec,
        reference.join("specs/alibaba/swas-open/2020-06-01.yaml"),
    )
    .expect("copy");
    assert!(generate(&reference, "specs", "out").status.success());
    let new = tree(&reference.join("out"));
    assert_ne!(old, new);

    let mut outcomes = BTreeMap::<&str, usize>::new();
    // `None`: kill after a fixed delay (usually while generating); `Some(ms)`: wait until the
    // journal is committed, then kill `ms` into applying it (renames are slowed down by the
    // fault-injection knob so the window can be hit).
    let plan: Vec<(u64, Option<u64>)> = vec![
        (0, None),
        (50, None),
        (200, None),
        (0, Some(0)),
        (0, Some(30)),
        (0, Some(90)),
        (0, Some(150)),
        (0, Some(400)),
        (0, Some(3000)),
    ];
    for (delay_ms, after_journal) in plan {
        // Start from the old tree each time.
        fs::remove_dir_all(dir.join("out")).ok();
        fs::create_dir_all(dir.join("out")).expect("mkdir");
        for (path, bytes) in &old {
            let p = dir.join("out").join(path);
            fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            fs::write(p, bytes).expect("write");
        }
        let mut child = Command::new(bin())
            .current_dir(&dir)
            .args(["generate", "--specs", "specs", "--out", "out"])
            .env("CLOUDSPEC_FAULT_RENAME_DELAY_MS", "60")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        if let Some(ms) = after_journal {
            let journal = dir.join("out/.cloudspec-journal");
            let start = std::time::Instant::now();
            while !journal.exists() && start.elapsed() < Duration::from_secs(60) {
                std::thread::sleep(Duration::from_millis(1));
            }
            std::thread::sleep(Duration::from_millis(ms));
        }
        let _ = child.kill();
        let _ = child.wait();
        let visible: BTreeMap<String, Vec<u8>> = tree(&dir.join("out"))
            .into_iter()
            .filter(|(p, _)| !p.contains(".cloudspec-"))
            .collect();
        let outcome = if visible == old {
            "old"
        } else if visible == new {
            "new"
        } else {
            // Killed while renaming: the journal is there, and the next run (which recovers
            // first) must complete the new tree without regenerating anything else.
            assert!(
                dir.join("out/.cloudspec-journal").exists(),
                "half-written tree without a journal (delay {delay_ms} ms, after journal {after_journal:?})"
            );
            "journal"
        };
        *outcomes.entry(outcome).or_default() += 1;
        assert!(generate(&dir, "specs", "out").status.success());
        let after: BTreeMap<String, Vec<u8>> = tree(&dir.join("out"));
        let _ = delay_ms;
        assert_eq!(
            after, new,
            "rerunning completes the new tree with no stray files (delay {delay_ms} ms, after journal {after_journal:?})"
        );
    }
    eprintln!("outcomes: {outcomes:?}");
    fs::remove_dir_all(dir).ok();
    fs::remove_dir_all(reference).ok();
}
