//! The reference pages generated from the real specs: every page parses as CommonMark with
//! GitHub tables, every table has as many cells in each row as in its header and the rows the
//! model calls for, and every internal link resolves to a page and an anchor.

mod docs_common;

use std::collections::BTreeMap;
use std::path::Path;

use docs_common::{Page, assert_only_known_html, check_links, flat_count, parse};

fn real_pages() -> (cloudspec::model::Model, BTreeMap<String, Page>) {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let report = cloudspec::lint::run(&[specs]);
    assert!(!report.has_errors(), "{}", report.render_text());
    let pages = docs_common::pages(&report.model);
    let parsed = pages
        .iter()
        .map(|(p, t)| (p.clone(), parse(p, t)))
        .collect();
    (report.model, parsed)
}

/// The error tables: they start with "HTTP status", or with "Code" where no row has a status
/// (Tencent's).
fn error_tables(page: &Page) -> Vec<&docs_common::Table> {
    page.tables
        .iter()
        .filter(|t| {
            matches!(
                t.header.first().map(String::as_str),
                Some("HTTP status" | "Code")
            )
        })
        .collect()
}

fn table_rows(page: &Page, path: &str, first: &str, nth: usize) -> usize {
    let tables = page.tables_starting(first);
    let table = tables
        .get(nth)
        .unwrap_or_else(|| panic!("{path}: no table #{nth} starting with {first}"));
    table.rows.len()
}

#[test]
fn every_page_parses_with_the_expected_tables() {
    let (model, pages) = real_pages();
    for (path, page) in &pages {
        assert_only_known_html(path, page);
    }

    // The index links every service and operation page.
    let index = &pages["README.md"];
    assert_eq!(
        table_rows(index, "README.md", "Service", 0),
        model.services.len()
    );
    assert_eq!(
        table_rows(index, "README.md", "Operation", 0),
        model.operations().count()
    );
    let linked: Vec<&str> = index.links.iter().map(String::as_str).collect();
    for path in pages.keys().filter(|p| *p != "README.md") {
        assert!(
            linked.contains(&path.as_str()),
            "the index does not link {path}"
        );
    }

    let mut op_pages = 0;
    for s in &model.services {
        let dir = format!(
            "{}/{}/{}",
            serde_json::to_value(s.provider).unwrap().as_str().unwrap(),
            s.product,
            s.version
        );
        let service_path = format!("{dir}/README.md");
        let sp = &pages[&service_path];
        assert_eq!(
            table_rows(sp, &service_path, "Operation", 0),
            s.operations.len()
        );
        if !s.common_parameters.is_empty() {
            assert_eq!(
                table_rows(sp, &service_path, "Parameter", 0),
                flat_count(s, &s.common_parameters)
            );
        }
        for (i, t) in s.types.iter().enumerate() {
            assert_eq!(
                table_rows(sp, &service_path, "Member", i),
                flat_count(s, &t.properties)
            );
        }
        if !s.common_errors.is_empty() {
            assert_eq!(error_tables(sp)[0].rows.len(), s.common_errors.len());
        }

        for op in &s.operations {
            op_pages += 1;
            let path = format!("{dir}/{}.md", op.name);
            let p = pages.get(&path).unwrap_or_else(|| panic!("no page {path}"));
            // One row per request parameter (members flattened), per response field, per rule,
            // per note, per error, per source page.
            // The operation's own common parameters come first, in a table of their own.
            let overrides = usize::from(!op.common_parameters.is_empty());
            if overrides == 1 {
                assert_eq!(
                    table_rows(p, &path, "Parameter", 0),
                    flat_count(s, &op.common_parameters)
                );
            }
            // An operation without parameters (or response fields) says "None." instead of
            // an empty table.
            let parameter_tables = p.tables_starting("Parameter").len();
            if op.parameters.is_empty() {
                assert_eq!(parameter_tables, overrides, "{path}: no parameter table");
            } else {
                assert_eq!(
                    table_rows(p, &path, "Parameter", overrides),
                    flat_count(s, &op.parameters)
                );
            }
            if op.response.is_empty() {
                assert!(
                    p.tables_starting("Field").is_empty(),
                    "{path}: no field table"
                );
            } else {
                assert_eq!(
                    table_rows(p, &path, "Field", 0),
                    flat_count(s, &op.response)
                );
            }
            if !op.rules.is_empty() {
                assert_eq!(table_rows(p, &path, "Rule", 0), op.rules.len());
            }
            if !op.notes.is_empty() {
                assert_eq!(table_rows(p, &path, "Kind", 0), op.notes.len());
            }
            // One table per non-empty list: the operation's errors, then the common ones.
            let error_tables = error_tables(p);
            let expected: Vec<usize> = [op.errors.len(), s.common_errors.len()]
                .into_iter()
                .filter(|&n| n > 0)
                .collect();
            assert_eq!(
                error_tables
                    .iter()
                    .map(|t| t.rows.len())
                    .collect::<Vec<_>>(),
                expected,
                "{path}: operation and common error tables"
            );
            // Sources are a list (their addresses are too long for a table): each one linked.
            for source in &op.sources {
                let shown = if source.url.starts_with("https://") {
                    p.links.contains(&source.url)
                } else {
                    // A file, not a web page: a code span.
                    p.rendered.contains(&format!("<code>{}</code>", source.url))
                };
                assert!(shown, "{path}: {}", source.url);
            }
            // The action's facts are a list; its resource types a table of their own.
            match &op.authorization {
                Some(a) if !a.resource_types.is_empty() => assert_eq!(
                    table_rows(p, &path, "Resource type", 0),
                    a.resource_types.len()
                ),
                _ => assert!(p.tables_starting("Resource type").is_empty(), "{path}"),
            }
            if !op.waiters.is_empty() {
                assert_eq!(table_rows(p, &path, "Client method", 0), op.waiters.len());
            }
            // Each top-level parameter row's name cell is its wire name, with the Rust field
            // the naming pass gave it beneath (none for what the protocol fills in).
            let request = &s.rust.operation(&op.name).request;
            // A member's row is named `Parent.Member`; a wire name may hold a dot itself (ENS
            // CreateInstance's `SystemDisk.Size`), so a row is a member's only under a parent.
            let nested = |r: &Vec<String>| {
                op.parameters
                    .iter()
                    .any(|q| r[0].starts_with(&format!("{}.", q.name)))
            };
            let top: Vec<&Vec<String>> = match p.tables_starting("Parameter").get(overrides) {
                Some(params) => params.rows.iter().filter(|r| !nested(r)).collect(),
                None => Vec::new(),
            };
            assert_eq!(top.len(), op.parameters.len(), "{path}");
            for (row, param) in top.into_iter().zip(&op.parameters) {
                let expected = if param.protocol_filled {
                    param.name.clone()
                } else {
                    format!(
                        "{}Rust: {}",
                        param.name,
                        s.rust.field(request, &param.name).ident
                    )
                };
                assert_eq!(row[0], expected, "{path}: {row:?}");
            }
            // The Rust call, request, response and error types, as the naming pass gave them.
            let names = s.rust.operation(&op.name);
            for part in [
                format!("{}::{}()", s.rust.client, names.method),
                names.fluent.clone(),
                format!("Result&lt;{}, {}&gt;", names.response, names.error),
                names.request.clone(),
            ] {
                assert!(p.rendered.contains(&part), "{path}: no {part}");
            }
            // Each error code cell: the code, with its Rust variant beneath where that differs.
            if let Some(table) = error_tables.first().filter(|_| !op.errors.is_empty()) {
                let code_column = table.header.iter().position(|h| h == "Code").unwrap();
                for (row, e) in table.rows.iter().zip(&op.errors) {
                    let variant = &names.variants[&e.code];
                    let expected = if *variant == e.code {
                        e.code.clone()
                    } else {
                        format!("{}Rust: {variant}", e.code)
                    };
                    assert_eq!(row[code_column], expected, "{path}");
                }
            }
            assert!(p.ids.contains(&"rate-limit".to_string()));
            // Examples: one fenced block per example, plus the Rust usage.
            let fences = p.rendered.matches("<pre><code class=\"language-").count();
            assert_eq!(fences, op.examples.len() + 1, "{path}: code blocks");
        }
    }

    // The comparison of the five create-image operations (WUYING's CreateImageByInstance and
    // CreateImageFromAppInstanceGroup, ENS's and CVM's CreateImage, SWAS's CreateCustomImage): an
    // overview with a row per operation, then a table per capability with a row per operation.
    // Operations are never columns.
    let compare = &pages["compare/create-image.md"];
    let creates = model
        .operations()
        .filter(|(_, op)| op.name.starts_with("Create") && op.name.contains("Image"))
        .count();
    assert_eq!(creates, 5);
    assert_eq!(op_pages, model.operations().count());
    let tables = compare.tables_starting("Operation");
    assert_eq!(tables.len(), 1 + 10, "overview and ten capabilities");
    assert_eq!(compare.tables.len(), tables.len());
    assert_eq!(
        tables[0].header,
        ["Operation", "Provider", "Service", "Parameters"]
    );
    for table in &tables {
        assert_eq!(table.rows.len(), creates);
        for row in &table.rows {
            for cell in row {
                assert!(!cell.is_empty(), "empty comparison cell in {row:?}");
            }
        }
    }
    for table in &tables[1..] {
        assert_eq!(table.header, ["Operation", "What its page says"]);
    }
    // Every capability cell links to an operation page and an anchor.
    let op_links = compare
        .links
        .iter()
        .filter(|l| l.starts_with("../") && l.contains(".md#"))
        .count();
    assert!(op_links >= 10 * 4, "{op_links} cell links");
}

#[test]
fn every_internal_link_resolves() {
    let (_, pages) = real_pages();
    check_links(&pages);
}

#[test]
fn generated_docs_are_part_of_the_generated_set() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let files = cloudspec::generate::files(&specs).expect("specs lint");
    let docs: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.starts_with("docs/"))
        .collect();
    assert!(docs.contains(&"docs/README.md"), "{docs:?}");
    assert!(docs.contains(&"docs/compare/create-image.md"), "{docs:?}");
    let model = cloudspec::lint::run(&[specs]).model;
    let operations = model.operations().count();
    let compare = docs
        .iter()
        .filter(|p| p.starts_with("docs/compare/"))
        .count();
    assert_eq!(
        docs.len(),
        1 + model.services.len() + operations + compare,
        "{docs:?}"
    );
}
