//! Shared by the docs tests: loading specs, parsing generated pages with pulldown-cmark (as
//! GitHub renders them: tables, strikethrough and math on), and checking tables and links.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use cloudspec::model::{Field, Model, Service, Type};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Loads and checks one fixture under `generator/tests/fixtures`; panics on errors.
pub fn fixture_model(name: &str) -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bytes = std::fs::read(dir.join(name)).expect("fixture");
    let mut loaded = cloudspec::load::Loaded::default();
    cloudspec::load::load_bytes(&format!("fixtures/{name}"), &bytes, &mut loaded);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let checked = cloudspec::check::check(&loaded.specs);
    assert!(
        checked.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        checked.diagnostics
    );
    checked.model
}

/// The pages of a model: path under `docs/` → contents.
pub fn pages(model: &Model) -> BTreeMap<String, String> {
    cloudspec::emit::docs::emit(model)
        .expect("docs emit")
        .into_iter()
        .map(|f| {
            let path = f
                .path
                .strip_prefix("docs/")
                .unwrap_or_else(|| panic!("{} is outside docs/", f.path))
                .to_string();
            (path, f.contents)
        })
        .collect()
}

/// A table as parsed: cell texts (text and code, markup dropped).
#[derive(Debug)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What the tests look at in one page.
#[derive(Debug, Default)]
pub struct Page {
    pub tables: Vec<Table>,
    /// Link destinations.
    pub links: Vec<String>,
    /// Explicit `<a id="…">` anchors.
    pub ids: Vec<String>,
    /// GitHub heading anchors.
    pub slugs: Vec<String>,
    /// Every raw HTML fragment.
    pub html: Vec<String>,
    /// Markup that spec text must never produce: emphasis, strikethrough, math, images.
    pub other_markup: Vec<String>,
    /// The page rendered to HTML.
    pub rendered: String,
}

impl Page {
    /// Tables whose first header cell is `first`.
    pub fn tables_starting(&self, first: &str) -> Vec<&Table> {
        self.tables
            .iter()
            .filter(|t| t.header.first().map(String::as_str) == Some(first))
            .collect()
    }

    /// All anchors a link may target.
    pub fn anchors(&self) -> BTreeSet<&str> {
        self.ids
            .iter()
            .chain(&self.slugs)
            .map(String::as_str)
            .collect()
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_MATH
}

/// Cells of a raw table row as GitHub splits them: `\` followed by ASCII punctuation is an
/// escape pair; any other `|` is a border. The row must start and end with `|`.
fn raw_cells(line: &str) -> usize {
    let line = line.trim();
    assert!(
        line.starts_with('|') && line.ends_with('|'),
        "row does not start and end with a pipe: {line}"
    );
    let chars: Vec<char> = line.chars().collect();
    let mut borders = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && chars.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) {
            i += 2;
            continue;
        }
        if chars[i] == '|' {
            borders += 1;
        }
        i += 1;
    }
    borders - 1
}

/// GitHub's heading anchor: lower case; letters, digits, spaces, `-` and `_` kept; spaces made
/// `-`; a repeated anchor gets `-1`, `-2`…
fn github_slug(text: &str, seen: &mut BTreeMap<String, usize>) -> String {
    let base: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect();
    let n = seen.entry(base.clone()).or_insert(0);
    let slug = if *n == 0 {
        base.clone()
    } else {
        format!("{base}-{n}")
    };
    *n += 1;
    slug
}

/// Parses a page; panics (naming the page and line) when a table row has another number of
/// cells than its header, as written or as parsed.
pub fn parse(path: &str, text: &str) -> Page {
    let mut page = Page::default();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(text, options()));
    page.rendered = html;

    let mut seen = BTreeMap::new();
    let mut table: Option<Table> = None;
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<String> = None;
    let mut heading: Option<String> = None;
    let mut header_cells = 0;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let line = text[..range.start].lines().count();
        match event {
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    header: Vec::new(),
                    rows: Vec::new(),
                })
            }
            Event::End(TagEnd::Table) => page.tables.extend(table.take()),
            Event::Start(Tag::TableHead) => {
                header_cells = raw_cells(&text[range]);
                row = Some(Vec::new());
            }
            Event::Start(Tag::TableRow) => {
                let n = raw_cells(&text[range.clone()]);
                assert_eq!(
                    n, header_cells,
                    "{path}:{line}: a row with {n} cells under a header of {header_cells}: {}",
                    &text[range]
                );
                row = Some(Vec::new());
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                    t.header = r;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                    assert_eq!(
                        r.len(),
                        t.header.len(),
                        "{path}:{line}: parsed cells differ"
                    );
                    t.rows.push(r);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(r), Some(c)) = (row.as_mut(), cell.take()) {
                    r.push(c.trim().to_string());
                }
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    page.slugs.push(github_slug(&h, &mut seen));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                if let Some(rest) = h.trim().strip_prefix("<a id=\"")
                    && let Some((id, _)) = rest.split_once('"')
                {
                    page.ids.push(id.to_string());
                }
                page.html.push(h.to_string());
            }
            Event::Start(Tag::Link { dest_url, .. }) => page.links.push(dest_url.to_string()),
            Event::Start(
                tag @ (Tag::Emphasis | Tag::Strikethrough | Tag::Image { .. } | Tag::BlockQuote(_)),
            ) => page.other_markup.push(format!("{path}:{line}: {tag:?}")),
            Event::InlineMath(m) | Event::DisplayMath(m) => {
                page.other_markup.push(format!("{path}:{line}: math {m}"))
            }
            _ => {}
        }
    }
    page
}

/// Resolves `href` from the page at `from` (paths relative to the docs folder).
fn resolve(from: &str, href: &str) -> (String, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (from.to_string(), fragment);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{from}: {href} leaves the docs folder"
                );
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    (parts.join("/"), fragment)
}

/// Every link that is not to the web resolves to a page of the set and, with a fragment, to an
/// anchor of that page. Explicit anchors are unique in their page and never equal a heading's.
pub fn check_links(pages: &BTreeMap<String, Page>) {
    let mut broken = Vec::new();
    for (path, page) in pages {
        let mut ids = BTreeSet::new();
        for id in &page.ids {
            assert!(ids.insert(id), "{path}: anchor {id} appears twice");
            assert!(
                !page.slugs.contains(id),
                "{path}: anchor {id} is also a heading's"
            );
        }
        for href in &page.links {
            if href.starts_with("https://") || href.starts_with("http://") {
                continue;
            }
            let (target, fragment) = resolve(path, href);
            match pages.get(&target) {
                None => broken.push(format!("{path}: {href} (no page {target})")),
                Some(t) => {
                    if let Some(f) = fragment
                        && !t.anchors().contains(f.as_str())
                    {
                        broken.push(format!("{path}: {href} (no anchor {f} in {target})"));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Rows a flattened field table has for `fields`: every field, plus the members of objects,
/// arrays of objects and named types (a named type inside itself is not expanded again).
pub fn flat_count(service: &Service, fields: &[Field]) -> usize {
    fn count<'a>(service: &'a Service, fields: &'a [Field], stack: &mut Vec<&'a str>) -> usize {
        fields
            .iter()
            .map(|f| {
                let ty = match &f.ty {
                    Type::Array(inner) => inner.as_ref(),
                    other => other,
                };
                1 + match ty {
                    Type::Object(members) => count(service, members, stack),
                    Type::Named(n) if !stack.contains(&n.as_str()) => match service.named_type(n) {
                        Some(t) => {
                            stack.push(&t.name);
                            let c = count(service, &t.properties, stack);
                            stack.pop();
                            c
                        }
                        None => 0,
                    },
                    _ => 0,
                }
            })
            .sum()
    }
    count(service, fields, &mut Vec::new())
}

/// Raw HTML the pages may contain: the `@generated` comment, explicit anchors
/// (`<a id="x" name="x"></a>`, ids of `[a-z0-9-]`), line breaks.
pub fn assert_only_known_html(path: &str, page: &Page) {
    for h in &page.html {
        let h = h.trim();
        let known = (h.starts_with("<!-- @generated by cloudspec") && h.ends_with("-->"))
            || h == "</a>"
            || h == "<br>"
            || h == "<wbr>"
            || h == "<code>"
            || h == "</code>"
            || h.strip_prefix("<a id=\"")
                .and_then(|rest| rest.split_once("\" name=\""))
                .is_some_and(|(id, rest)| {
                    rest == format!("{id}\">")
                        && !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                });
        assert!(known, "{path}: unexpected raw HTML {h:?}");
    }
    assert!(
        page.other_markup.is_empty(),
        "{path}: spec text produced markup: {:?}",
        page.other_markup
    );
}
