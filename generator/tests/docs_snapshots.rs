//! Snapshots of every reference page generated from the fixture specs, and the injection
//! fixture's pages checked to render spec text as text.

mod docs_common;

use std::collections::BTreeMap;

use docs_common::{assert_only_known_html, check_links, fixture_model, pages, parse};

fn snapshot_all(fixture: &str) -> BTreeMap<String, String> {
    let model = fixture_model(&format!("{fixture}.yaml"));
    let pages = pages(&model);
    for (path, text) in &pages {
        insta::assert_snapshot!(format!("{fixture}__{}", path.replace('/', "__")), text);
    }
    pages
}

#[test]
fn features_fixture_pages() {
    let pages = snapshot_all("features");
    let parsed: BTreeMap<String, _> = pages
        .iter()
        .map(|(p, t)| (p.clone(), parse(p, t)))
        .collect();
    for (path, page) in &parsed {
        assert_only_known_html(path, page);
    }
    check_links(&parsed);
}

#[test]
fn injection_fixture_pages_render_spec_text_as_text() {
    let pages = snapshot_all("injection");
    assert!(
        pages.keys().any(|p| p.starts_with("compare/")),
        "the two create-image operations are compared: {:?}",
        pages.keys().collect::<Vec<_>>()
    );
    let parsed: BTreeMap<String, _> = pages
        .iter()
        .map(|(p, t)| (p.clone(), parse(p, t)))
        .collect();
    for (path, page) in &parsed {
        assert_only_known_html(path, page);
        let html = &page.rendered;
        for tag in [
            "<script", "<img", "<b>", "<i>", "<em>", "<hr", "<h1>not", "<li>not", "<ol",
        ] {
            assert!(
                !html.contains(tag),
                "{path}: spec text became markup {tag}:\n{html}"
            );
        }
        // Only the templates' tables: one per delimiter row the templates write.
        let delimiters = pages[path]
            .lines()
            .filter(|l| l.starts_with("|---|"))
            .count();
        assert_eq!(
            page.tables.len(),
            delimiters,
            "{path}: spec text made a table"
        );
        assert_eq!(html.matches("<table>").count(), delimiters, "{path}");
        assert!(
            !html.contains("javascript:alert(1)\""),
            "{path}: a javascript: link"
        );
        // Long code is a `<code>` element broken by `<wbr>` into pieces; GitHub autolinks
        // `https://…`, `www.…` and `name@host` in text, so no piece may hold one whole.
        for code in pages[path].split("<code>").skip(1) {
            let code = code.split("</code>").next().unwrap_or_default();
            for piece in code.split("<wbr>") {
                let lower = piece.to_lowercase();
                let url = lower.contains("://");
                let www = lower.contains("www.") && !lower.ends_with("www.");
                let address = piece.get(1..).is_some_and(|rest| rest.contains('@'));
                assert!(
                    !(url || www || address),
                    "{path}: a piece of long code GitHub would autolink: {piece:?}"
                );
            }
        }
        assert!(
            !html.contains("href=\"https://evil") && !html.contains("mailto:"),
            "{path}: spec text became a link"
        );
        for c in ['\u{7}', '\u{1b}', '\u{0}', '\u{202E}'] {
            assert!(
                !pages[path].contains(c),
                "{path}: control character {c:?} kept"
            );
        }
    }
    // The text itself survives, escaped.
    let op = &parsed["tencent/inject-svc/2024-02-02/CreateImage.md"].rendered;
    for text in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "名前 emoji 🚀 é",
        "Creates */ an \"# image } with `ticks`, ``double``, | pipes |",
        "| a | b |",
        // Pipes inside code spans in table cells stay in the code span.
        "<strong>Example:</strong> <code>ab|c</code></td>",
        "<code>a|b</code>",
        // Long code wraps, and its text stays text.
        "<code>Obj.<wbr>Long`&lt;b&gt;`Name|With_<wbr>Pipe*stars*And<wbr>More<wbr>Text</code>",
        "<code>&lt;img <wbr>src=<wbr>x <wbr>onerror=<wbr>alert(1)&gt;|`www.<wbr>evil.<wbr>example`|user<wbr>@evil.<wbr>example|**bold**|https:<wbr>/<wbr>/<wbr>evil.<wbr>example/<wbr>x</code>",
    ] {
        assert!(op.contains(text), "missing {text:?} in:\n{op}");
    }
    check_links(&parsed);
}
