//! The committed reference pages as a reader gets them: every markdown page under
//! `generated/docs` and `tests/fixture-clients/docs`, read from disk.
//!
//! - No table is wider than a page: at most [`MAX_COLUMNS`] columns (GitHub's content column is
//!   about 1012 px; with five or more columns of code spans and prose the last one is cut off
//!   and scrolls), and even four columns must be able to shrink into [`PAGE_WIDTH`]: the widths
//!   of the longest unbreakable run of each column (a dotted name, a URL, an example value),
//!   estimated from character counts, plus cell padding, add up to no more than the page.
//!   Operations are rows, never columns.
//! - Every relative link resolves: the target file exists, and a `#fragment` names a heading
//!   of the target page (its anchor as GitHub computes it) or one of its explicit
//!   `<a id="…">` anchors.
//!
//! `cargo test --workspace` (CI, `.ci/run`) runs it.

mod docs_common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use docs_common::{Page, parse};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The widest a table may be.
const MAX_COLUMNS: usize = 4;

/// The width a table must fit in, in CSS pixels: GitHub's content column (about 1012 px) less
/// the 32 px padding on each side of a rendered markdown file.
const PAGE_WIDTH: f64 = 1012.0 - 2.0 * 32.0;

/// Estimated widths, in CSS pixels, of GitHub's default 16 px text: a character of a code
/// span (monospace at 85 %), the padding of a code span (0.2 em on each side at 13.6 px, with
/// margin), and what a cell adds to its content (13 px of padding on each side, a border).
/// Prose is measured per character by [`text_char`].
const CODE_CHAR: f64 = 8.2;
const CODE_PADDING: f64 = 11.0;
const CELL_EXTRA: f64 = 27.0;

/// The folders of committed pages, relative to the workspace root.
const DOC_ROOTS: [&str; 2] = ["generated/docs", "tests/fixture-clients/docs"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace root")
}

/// Every `.md` file under `dir`, sorted.
fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// The committed pages: absolute path → parsed page (parsed once for all the tests). Parsing
/// checks that every row has as many cells as its header.
fn committed_pages() -> &'static BTreeMap<PathBuf, Page> {
    static PAGES: OnceLock<BTreeMap<PathBuf, Page>> = OnceLock::new();
    PAGES.get_or_init(read_pages)
}

fn read_pages() -> BTreeMap<PathBuf, Page> {
    let root = workspace_root();
    let mut files = Vec::new();
    for dir in DOC_ROOTS {
        let before = files.len();
        markdown_files(&root.join(dir), &mut files);
        assert!(files.len() > before, "no pages under {dir}");
    }
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("page");
            let shown = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .display()
                .to_string();
            let page = parse(&shown, &text);
            (path, page)
        })
        .collect()
}

/// The tables of `page` wider than [`MAX_COLUMNS`], described.
fn wide_tables(name: &str, page: &Page) -> Vec<String> {
    page.tables
        .iter()
        .filter(|t| t.header.len() > MAX_COLUMNS)
        .map(|t| format!("{name}: {} columns: {:?}", t.header.len(), t.header))
        .collect()
}

/// The narrowest each table of `text` can be (the sum over its columns of the widest
/// unbreakable run in any of the column's cells, plus cell padding), with its first line.
/// Breaks come at spaces (code spans included: GitHub's code spans wrap at spaces), at `<br>`
/// and `<wbr>`, and between two cells' contents only.
fn table_min_widths(text: &str) -> Vec<(usize, f64, Vec<f64>)> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_MATH;
    let mut out = Vec::new();
    let mut columns: Vec<f64> = Vec::new();
    let mut line = 0;
    let mut column = 0;
    // The widest run of the current cell, and the run being measured.
    let mut widest = 0.0_f64;
    let mut run = 0.0_f64;
    let mut in_cell = false;
    let mut in_code = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => {
                columns.clear();
                line = text[..range.start].lines().count() + 1;
            }
            Event::End(TagEnd::Table) => {
                let columns: Vec<f64> = columns.iter().map(|w| w + CELL_EXTRA).collect();
                out.push((line, columns.iter().sum(), columns));
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => column = 0,
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                widest = 0.0;
                run = 0.0;
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                widest = widest.max(run);
                if columns.len() <= column {
                    columns.resize(column + 1, 0.0);
                }
                columns[column] = columns[column].max(widest);
                column += 1;
            }
            Event::Text(t) if in_cell => {
                measure(&t, in_code, &mut run, &mut widest);
            }
            Event::Code(t) if in_cell => {
                measure(&t, true, &mut run, &mut widest);
            }
            Event::InlineHtml(h) | Event::Html(h) if in_cell => match h.trim() {
                "<br>" | "<wbr>" => {
                    widest = widest.max(run);
                    run = 0.0;
                }
                // Long code: a `<code>` element around text and `<wbr>`s.
                "<code>" => {
                    in_code = true;
                    run += CODE_PADDING;
                }
                "</code>" => in_code = false,
                _ => {}
            },
            Event::SoftBreak | Event::HardBreak if in_cell => {
                widest = widest.max(run);
                run = 0.0;
            }
            _ => {}
        }
    }
    out
}

/// The width of a character of prose in GitHub's sans-serif at 16 px, on the generous side:
/// capitals are wider than small letters, which are wider than `i`, `l` and punctuation.
fn text_char(c: char) -> f64 {
    match c {
        'M' | 'W' | 'm' | 'w' => 13.5,
        'A'..='Z' => 11.0,
        'i' | 'j' | 'l' | 't' | 'f' | 'r' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | '('
        | ')' | '-' | ' ' => 5.0,
        c if c.is_ascii() => 8.8,
        // Chinese, Japanese and other wide characters.
        _ => 16.0,
    }
}

/// Adds `text` to the run being measured, ending the run at each space; a code span's
/// characters are [`CODE_CHAR`] wide, prose's [`text_char`].
fn measure(text: &str, code: bool, run: &mut f64, widest: &mut f64) {
    let mut first = true;
    for word in text.split(' ') {
        if !first {
            *widest = widest.max(*run);
            *run = 0.0;
        }
        first = false;
        *run += word
            .chars()
            .map(|c| if code { CODE_CHAR } else { text_char(c) })
            .sum::<f64>();
    }
    if code {
        *run += CODE_PADDING;
    }
}

/// Whether a link leaves the pages: it has a URL scheme (`https:`, `mailto:`).
fn is_external(href: &str) -> bool {
    match href.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        }
        None => false,
    }
}

/// The links of the page at `from` that do not resolve, described. `pages` holds the pages a
/// fragment can be checked against; a fragment into another kind of file never resolves.
fn broken_links(from: &Path, page: &Page, pages: &BTreeMap<PathBuf, Page>) -> Vec<String> {
    let mut broken = Vec::new();
    let dir = from.parent().expect("a page is in a folder");
    for href in &page.links {
        if is_external(href) {
            continue;
        }
        let (path, fragment) = match href.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (href.as_str(), None),
        };
        if path.starts_with('/') {
            broken.push(format!("{href}: an absolute path"));
            continue;
        }
        let target = if path.is_empty() {
            from.to_path_buf()
        } else {
            match dir.join(path).canonicalize() {
                Ok(t) => t,
                Err(_) => {
                    broken.push(format!("{href}: no file {}", dir.join(path).display()));
                    continue;
                }
            }
        };
        let Some(fragment) = fragment else { continue };
        match pages.get(&target) {
            None => broken.push(format!("{href}: #{fragment} in a file that is not a page")),
            Some(t) if !t.anchors().contains(fragment) => {
                broken.push(format!("{href}: no heading or anchor {fragment}"))
            }
            Some(_) => {}
        }
    }
    broken
}

#[test]
fn no_table_is_wider_than_a_page() {
    let root = workspace_root();
    let pages = committed_pages();
    let mut wide = Vec::new();
    let mut tables = 0;
    for (path, page) in pages {
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        wide.extend(wide_tables(&name, page));
        tables += page.tables.len();
        let text = std::fs::read_to_string(path).expect("page");
        for (line, width, columns) in table_min_widths(&text) {
            if width > PAGE_WIDTH {
                let columns: Vec<String> = columns.iter().map(|c| format!("{c:.0}")).collect();
                wide.push(format!(
                    "{name}:{line}: cannot shrink below about {width:.0} px (columns {}; the page is {PAGE_WIDTH:.0})",
                    columns.join(" + ")
                ));
            }
        }
    }
    assert!(tables > 500, "only {tables} tables parsed");
    assert!(
        wide.is_empty(),
        "tables wider than a page (more than {MAX_COLUMNS} columns, or too wide to shrink):\n{}",
        wide.join("\n")
    );
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let root = workspace_root();
    let pages = committed_pages();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, page) in pages {
        let name = path.strip_prefix(&root).unwrap_or(path).display();
        for b in broken_links(path, page, pages) {
            broken.push(format!("{name}: {b}"));
        }
        checked += page.links.iter().filter(|l| !is_external(l)).count();
    }
    assert!(checked > 1000, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The two checks catch what they are for, on pages written for the purpose.
#[test]
fn the_checks_catch_a_wide_table_and_broken_links() {
    let wide = parse(
        "wide.md",
        "| a | b | c | d | e |\n|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 |\n\n| a | b | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n",
    );
    assert_eq!(wide_tables("wide.md", &wide).len(), 1);
    // Four columns, but one holds an unbreakable name of 120 characters.
    let long = "x".repeat(120);
    let unbreakable = format!("| a | b |\n|---|---|\n| `{long}` | text |\n");
    let widths = table_min_widths(&unbreakable);
    assert_eq!(widths.len(), 1);
    assert!(widths[0].1 > PAGE_WIDTH, "{widths:?}");
    // The same name in pieces a line may break between fits.
    let pieces = format!(
        "| a | b |\n|---|---|\n| `{}`<wbr>`{}` word word |\n",
        &long[..60],
        &long[60..]
    );
    assert!(table_min_widths(&pieces)[0].1 < PAGE_WIDTH);

    let root = workspace_root();
    let index = root.join("generated/docs/README.md");
    let compare = root.join("generated/docs/compare/create-image.md");
    let page = parse(
        "links.md",
        "# Title\n\n<a id=\"here\" name=\"here\"></a>\n\n[ok](#title) [ok](#here) [ok](compare/create-image.md#operations) \
         [ok](https://example.com/x#y) [ok](../../README.md)\n\n\
         [bad](#nowhere) [bad](missing.md) [bad](compare/create-image.md#no-such-section) \
         [bad](/etc/passwd) [bad](../../Cargo.toml#x)\n",
    );
    let compare_page = parse(
        "create-image.md",
        &std::fs::read_to_string(&compare).expect("comparison page"),
    );
    let pages = BTreeMap::from([(index.clone(), page), (compare, compare_page)]);
    let broken = broken_links(&index, &pages[&index], &pages);
    assert_eq!(broken.len(), 5, "{broken:#?}");
    assert!(broken.iter().all(|b| b.starts_with("#nowhere")
        || b.starts_with("missing.md")
        || b.starts_with("compare/create-image.md#no-such-section")
        || b.starts_with("/etc/passwd")
        || b.starts_with("../../Cargo.toml#x")));
}
