//! The docs emitter: the checked model to markdown reference pages under `docs/`.
//!
//! Pages are rendered from the askama templates in the top-level `templates/` folder (found
//! through `generator/askama.toml`). The page builders here turn the model into view structs;
//! every piece of spec text is escaped on its way in ([`md`](mod@md)), so templates hold only page
//! structure. Pages, relative to the output root:
//!
//! - `docs/README.md`: the index of services, operations and comparisons;
//! - `docs/{provider}/{product}/{version}/README.md`: one page per service version;
//! - `docs/{provider}/{product}/{version}/{Operation}.md`: one page per operation;
//! - `docs/compare/{verb}-{object}.md`: operations that do the same job, side by side
//!   (grouping rule in `compare`);
//! - `docs/compare/{word}-family.md`: every operation on one kind of resource (the image
//!   family), by task and service (`family`).

mod compare;
mod family;
pub mod md;
mod operation;
mod service;

use std::time::{Duration, Instant};

use askama::Template;
use serde::Serialize;

use self::md::{Anchors, Md, cell_code, cell_code_wrapping, cell_value, inline, link, md};
use super::GeneratedFile;
use crate::model::{ConstraintKind, Field, Model, Operation, Service, Type};

/// The folder of the pages inside the output root.
pub const DOCS_DIR: &str = "docs";

/// Emits every page.
pub fn emit(model: &Model) -> Result<Vec<GeneratedFile>, String> {
    emit_timed(model).0
}

/// Emits every page, and says how much CPU time it took, summed over the threads. The pages of
/// each service (most of the work) are rendered on all cores; the comparisons and the index,
/// which need every service, afterwards. Pages come out sorted by path, and an error is the one
/// of the first service in model order, as when rendered one after the other.
pub fn emit_timed(model: &Model) -> (Result<Vec<GeneratedFile>, String>, Duration) {
    let start = Instant::now();
    let layout = Layout::new(model);
    let mut cpu = start.elapsed();
    let per_service = crate::par::parallel_map(&model.services, |si, service| {
        let start = Instant::now();
        let pages = service_pages(&layout, si, service);
        (pages, start.elapsed())
    });
    cpu += per_service.iter().map(|(_, t)| *t).sum::<Duration>();
    let start = Instant::now();
    let result = finish(model, &layout, per_service.into_iter().map(|(p, _)| p));
    cpu += start.elapsed();
    (result, cpu)
}

/// The page of one service and the pages of its operations; the operations as the comparison
/// pages see them.
fn service_pages<'a>(
    layout: &Layout,
    si: usize,
    service: &'a Service,
) -> Result<(Vec<GeneratedFile>, Vec<OpDoc<'a>>), String> {
    let mut files = Vec::new();
    let mut op_docs = Vec::new();
    let sa = ServiceAnchors::new(service);
    let page = service::page(layout, si, service, &sa);
    files.push(render(&layout.services[si].page, &page)?);
    for (oi, op) in service.operations.iter().enumerate() {
        let (page, anchors) = operation::page(layout, si, oi, service, op, &sa);
        files.push(render(&layout.services[si].operations[oi], &page)?);
        op_docs.push(OpDoc {
            service,
            op,
            path: layout.services[si].operations[oi].clone(),
            service_page: layout.services[si].page.clone(),
            anchors,
        });
    }
    Ok((files, op_docs))
}

/// The service pages, in model order, completed with the comparisons and the index.
fn finish<'a>(
    model: &Model,
    layout: &Layout,
    services: impl Iterator<Item = Result<(Vec<GeneratedFile>, Vec<OpDoc<'a>>), String>>,
) -> Result<Vec<GeneratedFile>, String> {
    let mut files = Vec::new();
    let mut op_docs = Vec::new();
    for pages in services {
        let (more, docs) = pages?;
        files.extend(more);
        op_docs.extend(docs);
    }
    let groups = compare::groups(&op_docs);
    let mut comparisons = Vec::new();
    for word in family::FAMILIES {
        if let Some(page) = family::page(word, &op_docs, &groups) {
            let path = family::path(word);
            files.push(render(&path, &page)?);
            comparisons.push((family::title(word), path));
        }
    }
    for group in &groups {
        let page = compare::page(group, &op_docs);
        files.push(render(&group.path, &page)?);
        comparisons.push((group.title.clone(), group.path.clone()));
    }
    let index = index_page(model, layout, &comparisons);
    files.push(render(INDEX, &index)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn render(path: &str, page: &impl Template) -> Result<GeneratedFile, String> {
    let mut text = page
        .render()
        .map_err(|e| format!("internal error: rendering {path}: {e}"))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(GeneratedFile {
        path: format!("{DOCS_DIR}/{path}"),
        contents: text,
    })
}

/// The index page, relative to the docs folder.
pub const INDEX: &str = "README.md";

/// Where every page goes, relative to the docs folder; unique even when spec names collide
/// after sanitising (case-insensitively, for case-insensitive file systems).
struct Layout {
    services: Vec<ServicePaths>,
}

struct ServicePaths {
    page: String,
    operations: Vec<String>,
}

impl Layout {
    fn new(model: &Model) -> Self {
        let mut dirs: Vec<String> = vec!["compare".into()];
        let services = model
            .services
            .iter()
            .map(|s| {
                let base = format!(
                    "{}/{}/{}",
                    spec_name(&s.provider),
                    md::path_segment(&s.product),
                    md::path_segment(&s.version)
                );
                let dir = unique_path(base, &mut dirs);
                let mut names = vec!["readme".to_string()];
                let operations = s
                    .operations
                    .iter()
                    .map(|op| {
                        let name = unique_path(md::path_segment(&op.name), &mut names);
                        format!("{dir}/{name}.md")
                    })
                    .collect();
                ServicePaths {
                    page: format!("{dir}/README.md"),
                    operations,
                }
            })
            .collect();
        Layout { services }
    }
}

fn unique_path(base: String, taken: &mut Vec<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate.to_lowercase()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.push(candidate.to_lowercase());
    candidate
}

/// The spec spelling of a model enum (`alibaba-rpc`).
fn spec_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A spec file path for the `@generated` comment: only characters that cannot end it.
fn comment_safe(path: &str) -> String {
    let mut s: String = path
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._/-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    s
}

/// An operation page as the comparison sees it.
struct OpDoc<'a> {
    service: &'a Service,
    op: &'a Operation,
    path: String,
    /// The page of the operation's service.
    service_page: String,
    anchors: OpAnchors,
}

/// The anchors of one operation page, for links from other pages.
#[derive(Debug, Default)]
struct OpAnchors {
    /// Request parameter (dotted name) → id.
    params: Vec<(String, String)>,
    /// One per rule, in order.
    rules: Vec<String>,
    /// One per note, in order.
    notes: Vec<String>,
    /// Operation error code → id.
    errors: Vec<(String, String)>,
}

impl OpAnchors {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| id.as_str())
    }
}

/// Anchors of a service page that operation pages link to.
struct ServiceAnchors {
    /// Named type → id.
    types: Vec<(String, String)>,
}

impl ServiceAnchors {
    fn new(service: &Service) -> Self {
        let mut a = Anchors::default();
        ServiceAnchors {
            types: service
                .types
                .iter()
                .map(|t| (t.name.clone(), a.make("type", &t.name)))
                .collect(),
        }
    }

    fn type_id(&self, name: &str) -> Option<&str> {
        self.types
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| id.as_str())
    }
}

/// A field with its dotted path (`Tag.Key`), after flattening members of objects, arrays of
/// objects and named types.
struct Flat<'a> {
    path: String,
    field: &'a Field,
    /// Reached through a named type (documented, with its provenance, on the service page).
    via_named: bool,
    /// The Rust field (`image_name`), where the field is in the generated API.
    rust: Option<String>,
    /// The Rust enum of the field's documented values, where the generated API has one.
    rust_enum: Option<String>,
}

/// `fields` and their members, depth first; `owner` is the Rust struct holding `fields`
/// (none for common parameters, which the runtime sends).
fn flatten<'a>(service: &'a Service, fields: &'a [Field], owner: Option<&str>) -> Vec<Flat<'a>> {
    let mut out = Vec::new();
    let mut stack = Vec::new();
    flatten_into(service, fields, "", false, owner, &mut stack, &mut out);
    out
}

fn flatten_into<'a>(
    service: &'a Service,
    fields: &'a [Field],
    prefix: &str,
    via_named: bool,
    owner: Option<&str>,
    stack: &mut Vec<&'a str>,
    out: &mut Vec<Flat<'a>>,
) {
    for f in fields {
        let path = format!("{prefix}{}", f.name);
        let names = owner
            .filter(|_| !f.protocol_filled)
            .map(|o| service.rust.field(o, &f.name))
            .filter(|n| !n.ident.is_empty());
        out.push(Flat {
            path: path.clone(),
            field: f,
            via_named,
            rust: names.map(|n| n.ident.clone()),
            rust_enum: names
                .filter(|_| crate::rust_names::is_value_enum(f))
                .and_then(|n| n.nested.clone()),
        });
        let mut ty = &f.ty;
        if let Type::Array(inner) = ty {
            ty = inner;
        }
        let child_prefix = format!("{path}.");
        match ty {
            Type::Object(members) => {
                let nested = names.and_then(|n| n.nested.as_deref());
                flatten_into(
                    service,
                    members,
                    &child_prefix,
                    via_named,
                    nested,
                    stack,
                    out,
                )
            }
            Type::Named(name) => {
                // A type that contains itself is listed once.
                if let Some(t) = service.named_type(name)
                    && !stack.contains(&t.name.as_str())
                {
                    stack.push(&t.name);
                    let nested = owner.map(|_| service.rust.named_type(name));
                    flatten_into(
                        service,
                        &t.properties,
                        &child_prefix,
                        true,
                        nested,
                        stack,
                        out,
                    );
                    stack.pop();
                }
            }
            _ => {}
        }
    }
}

/// The name cell: the wire name, and the Rust field under it where there is one.
fn name_cell(flat: &Flat<'_>) -> String {
    match &flat.rust {
        Some(rust) => format!(
            "{}<br>Rust: {}",
            cell_code_wrapping(&flat.path),
            cell_code_wrapping(rust)
        ),
        None => cell_code_wrapping(&flat.path),
    }
}

/// A row of a request-parameter (or member) table: four cells (see `templates/macros.md`).
struct FieldRow {
    name: Md,
    ty: Md,
    required: &'static str,
    description: Md,
}

/// A row of a response-field table: three cells, the example under the description.
struct ResponseRow {
    name: Md,
    ty: Md,
    description: Md,
}

/// Table rows for `fields`, flattened; with an anchor per row when `anchors` is given (and
/// the ids, by dotted name). `service_href` is the service page, relative to this page.
fn field_rows(
    service: &Service,
    fields: &[Field],
    owner: Option<&str>,
    sa: &ServiceAnchors,
    service_href: &str,
    mut anchors: Option<(&mut Anchors, &str)>,
) -> (Vec<FieldRow>, Vec<(String, String)>) {
    let mut ids = Vec::new();
    let rows = flatten(service, fields, owner)
        .into_iter()
        .map(|flat| {
            let f = flat.field;
            let mut name = name_cell(&flat);
            if let Some((a, prefix)) = anchors.as_mut() {
                let id = a.make(prefix, &flat.path);
                name = format!("{}{name}", md::anchor_tag(&id));
                ids.push((flat.path.clone(), id));
            }
            let mut ty = type_cell(f, sa, service_href);
            let location = location_text(f);
            if !location.is_empty() {
                ty.push_str(&format!("<br>in {location}"));
            }
            let constraints = f
                .constraints
                .iter()
                .map(|c| constraint_md(&c.kind))
                .chain(f.member_constraints.iter().map(|(member, cs)| {
                    let rules: Vec<String> = cs.iter().map(|c| constraint_md(&c.kind)).collect();
                    format!("each {}: {}", inline(member), rules.join(", "))
                }))
                .collect::<Vec<_>>()
                .join("; ");
            let mut description = description_cell(f);
            for (label, value) in [
                ("Constraints".to_string(), constraints),
                (
                    values_label("Valid values", &flat),
                    enum_cell(service, &flat),
                ),
                (
                    "Default".to_string(),
                    f.default.as_ref().map(cell_value).unwrap_or_default(),
                ),
                (
                    "Example".to_string(),
                    f.example.as_ref().map(cell_value).unwrap_or_default(),
                ),
            ] {
                if !value.is_empty() {
                    if !description.is_empty() {
                        description.push_str("<br>");
                    }
                    description.push_str(&format!("**{label}:** {value}"));
                }
            }
            FieldRow {
                name: md(name),
                ty: md(ty),
                required: if f.required { "yes" } else { "no" },
                description: md(description),
            }
        })
        .collect();
    (rows, ids)
}

fn response_rows(
    service: &Service,
    fields: &[Field],
    owner: Option<&str>,
    sa: &ServiceAnchors,
    anchors: &mut Anchors,
) -> Vec<ResponseRow> {
    flatten(service, fields, owner)
        .into_iter()
        .map(|flat| {
            let f = flat.field;
            let id = anchors.make("response", &flat.path);
            let mut description = String::new();
            if f.required {
                description.push_str("**Always present.** ");
            }
            if f.nullable {
                description.push_str("**May be null.** ");
            }
            description.push_str(&description_cell(f));
            let mut description = description.trim().to_string();
            for (label, value) in [
                (values_label("Values", &flat), enum_cell(service, &flat)),
                (
                    "Example".to_string(),
                    f.example.as_ref().map(cell_value).unwrap_or_default(),
                ),
            ] {
                if !value.is_empty() {
                    if !description.is_empty() {
                        description.push_str("<br>");
                    }
                    description.push_str(&format!("**{label}:** {value}"));
                }
            }
            ResponseRow {
                name: md(format!("{}{}", md::anchor_tag(&id), name_cell(&flat))),
                ty: md(type_cell(f, sa, "README.md")),
                description: md(description),
            }
        })
        .collect()
}

fn type_cell(f: &Field, sa: &ServiceAnchors, service_href: &str) -> String {
    let mut s = type_md(&f.ty, sa, service_href);
    if !f.also_accept.is_empty() {
        let others: Vec<String> = f.also_accept.iter().map(|t| inline(t)).collect();
        s.push_str(&format!(" (also accepts {})", others.join(", ")));
    }
    if f.arrives_as_json_text() {
        s.push_str(" (as JSON text in a string)");
    }
    s
}

fn type_md(ty: &Type, sa: &ServiceAnchors, service_href: &str) -> String {
    match ty {
        // A line may break after `array<`, so a long element type fits a narrow column.
        Type::Array(inner) => format!("array&lt;<wbr>{}&gt;", type_md(inner, sa, service_href)),
        Type::Named(name) => match sa.type_id(name) {
            Some(id) => link(&inline(name), &format!("{service_href}#{id}")),
            None => inline(name),
        },
        other => inline(&other.spec_name()),
    }
}

fn location_text(f: &Field) -> String {
    let Some(location) = f.location else {
        return String::new();
    };
    let mut s = match spec_name(&location).as_str() {
        "json" => "JSON body".to_string(),
        other => other.to_string(),
    };
    let in_json = location == crate::model::WireLocation::Json;
    if !f.ty.is_scalar()
        && !in_json
        && let Some(style) = f.style
    {
        s.push_str(match spec_name(&style).as_str() {
            "flat" => ", flattened",
            "json" => ", JSON-encoded",
            "comma" => ", comma-separated",
            _ => "",
        });
    }
    s
}

fn description_cell(f: &Field) -> String {
    let mut parts = Vec::new();
    if f.protocol_filled {
        parts.push("**Set by the protocol.**".to_string());
    }
    if f.idempotency_token {
        parts.push("**Idempotency token:** left empty, the client fills it with a fresh UUID that every retry reuses.".to_string());
    }
    if f.not_public {
        parts.push("**Not public.**".to_string());
    }
    if let Some(d) = &f.description {
        parts.push(inline(d));
    }
    if let Some(d) = &f.item_description {
        parts.push(format!("Each item: {}", inline(d)));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// The documented values of a field; where the generated API has an enum for them, its name
/// first and each value's variant (`SYSTEM` → `System`) where it is not the value itself.
fn enum_cell(service: &Service, flat: &Flat<'_>) -> String {
    let f = flat.field;
    let described = f.enum_values.iter().any(|v| {
        v.description
            .as_deref()
            .is_some_and(|d| !inline(d).is_empty())
    });
    let values: Vec<String> = f
        .enum_values
        .iter()
        .map(|v| {
            let wire = v.wire();
            let mut value = cell_code_wrapping(&wire);
            if let Some(e) = &flat.rust_enum {
                let variant = service.rust.variant(e, &wire);
                if !variant.is_empty() && variant != wire {
                    value.push_str(&format!(" → {}", cell_code_wrapping(variant)));
                }
            }
            match &v.description {
                Some(d) if !inline(d).is_empty() => format!("{value}: {}", inline(d)),
                _ => value,
            }
        })
        .collect();
    // One value per line (under the label) when they have meanings; a plain list otherwise.
    if described {
        format!("<br>{}", values.join("<br>"))
    } else {
        values.join(", ")
    }
}

/// What introduces a field's values: `Valid values`, with the Rust enum where there is one.
fn values_label(label: &str, flat: &Flat<'_>) -> String {
    match &flat.rust_enum {
        Some(e) => format!("{label} (Rust enum {})", cell_code_wrapping(e)),
        None => label.to_string(),
    }
}

/// A constraint in plain words, for a table cell: [`ConstraintKind::describe`], with the spec
/// values it quotes (patterns, characters, prefixes) turned into safe code spans, a long one
/// with line-break opportunities ([`cell_code_wrapping`]) so that a regular expression does
/// not set the width of the table.
fn constraint_md(kind: &ConstraintKind) -> String {
    // The values are swapped for private-use placeholders before `describe`, and the
    // placeholders for code spans after escaping the words around them.
    let mut originals: Vec<String> = Vec::new();
    let mut hold = |s: &str| -> String {
        let n = u32::try_from(originals.len()).unwrap_or(u32::MAX);
        originals.push(s.to_string());
        char::from_u32(0xF0000 + n)
            .map(String::from)
            .unwrap_or_default()
    };
    let masked = match kind {
        ConstraintKind::Pattern { regex } => ConstraintKind::Pattern { regex: hold(regex) },
        ConstraintKind::AllowedChars { set } | ConstraintKind::FirstChar { set } => {
            let mut set = set.clone();
            set.chars = set
                .chars
                .chars()
                .map(|c| hold(&c.to_string()))
                .collect::<String>();
            match kind {
                ConstraintKind::AllowedChars { .. } => ConstraintKind::AllowedChars { set },
                _ => ConstraintKind::FirstChar { set },
            }
        }
        ConstraintKind::ForbiddenPrefixes { values } => ConstraintKind::ForbiddenPrefixes {
            values: values.iter().map(|v| hold(v)).collect(),
        },
        ConstraintKind::ForbiddenSubstrings { values } => ConstraintKind::ForbiddenSubstrings {
            values: values.iter().map(|v| hold(v)).collect(),
        },
        other => other.clone(),
    };
    let text: Vec<char> = masked.describe().chars().collect();
    let held = |c: char| -> Option<usize> {
        let n = (c as u32).checked_sub(0xF0000)? as usize;
        (n < originals.len()).then_some(n)
    };
    let mut out = String::new();
    let mut words = String::new();
    let mut i = 0;
    while i < text.len() {
        if let Some(n) = held(text[i]) {
            // Drop the backticks `describe` put around the value: the code span replaces them.
            if words.ends_with('`') && text.get(i + 1) == Some(&'`') {
                words.pop();
                i += 1;
            }
            out.push_str(&md::escape_fragment(&words));
            words.clear();
            out.push_str(&cell_code_wrapping(&originals[n]));
        } else {
            words.push(text[i]);
        }
        i += 1;
    }
    out.push_str(&md::escape_fragment(&words));
    out
}

/// A short version of spec text for a comparison cell: the first `max` characters, cut at a
/// word boundary, with `…`.
fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max).collect();
    if let Some(i) = cut.rfind(' ') {
        cut.truncate(i);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

#[derive(Template)]
#[template(path = "index.md")]
struct IndexPage {
    services: Vec<IndexService>,
    operations: Vec<IndexOperation>,
    comparisons: Vec<Md>,
}

/// A service in four cells: the page and its number of operations (each listed in the
/// operations table), the provider, product and version, protocol.
struct IndexService {
    link: Md,
    provider: String,
    product: Md,
    protocol: Md,
}

/// An operation in two cells: the page, with its service and version beneath; the summary.
struct IndexOperation {
    link: Md,
    summary: String,
}

fn index_page(model: &Model, layout: &Layout, comparisons: &[(String, String)]) -> IndexPage {
    let mut services = Vec::new();
    let mut operations = Vec::new();
    for (si, s) in model.services.iter().enumerate() {
        let paths = &layout.services[si];
        let service_link = link(&inline(&s.name), &paths.page);
        let count = s.operations.len();
        services.push(IndexService {
            link: md(format!(
                "{service_link}<br>{count} operation{}",
                if count == 1 { "" } else { "s" }
            )),
            provider: provider_title(s),
            product: md(format!(
                "{} {}",
                cell_code(&s.product),
                cell_code(&s.version)
            )),
            protocol: md(cell_code(&spec_name(&s.protocol))),
        });
        for (op, path) in s.operations.iter().zip(&paths.operations) {
            operations.push(IndexOperation {
                link: md(format!(
                    "{}<br>{service_link} {}",
                    link(&cell_code(&op.name), path),
                    cell_code(&s.version)
                )),
                summary: super::names::first_sentence(&op.summary),
            });
        }
    }
    let comparisons = comparisons
        .iter()
        .map(|(title, path)| md(link(&inline(title), path)))
        .collect();
    IndexPage {
        services,
        operations,
        comparisons,
    }
}

/// The table of services README.md carries between its `cloudspec:services` markers: each
/// service with its operation count, Rust module and cargo feature, then the total. Computed
/// from the specs (`generator/tests/readme_services.rs` keeps README.md equal to it).
pub fn services_table(model: &Model, package: &str) -> String {
    let krate = package.replace('-', "_");
    let mut out = String::from(
        "| Service | Provider | Product and API version | Operations | Rust module (cargo feature) |\n\
         |---|---|---|---|---|\n",
    );
    let mut total = 0;
    for s in &model.services {
        total += s.operations.len();
        out.push_str(&format!(
            "| [{}](generated/docs/{}/{}/{}/README.md) | {} | {} {} | {} | {}<br>({}) |\n",
            md::inline(&s.name),
            spec_name(&s.provider),
            s.product,
            s.version,
            provider_title(s),
            md::cell_code(&s.product),
            md::cell_code(&s.version),
            s.operations.len(),
            md::cell_code(&s.rust.module_path(&krate)),
            md::cell_code(&s.rust.feature),
        ));
    }
    out.push_str(&format!(
        "\n{} services, {total} operations.\n",
        model.services.len()
    ));
    out
}

fn provider_title(s: &Service) -> String {
    s.provider.title().to_string()
}

fn protocol_title(s: &Service) -> String {
    format!(
        "{} ({})",
        s.protocol.title(),
        md::code(&spec_name(&s.protocol))
    )
}

/// The endpoint in words, for the overview lists of service and operation pages.
fn endpoint_text(s: &Service) -> String {
    let e = &s.endpoints;
    let mut text = match spec_name(&e.rule).as_str() {
        "regional" => format!("{} (one host per region)", md::code(&e.host)),
        _ => format!("{} (one host for every region)", md::code(&e.host)),
    };
    if let Some(intl) = &e.international_host {
        text.push_str(&format!("; international: {}", md::code(intl)));
    }
    if e.network_hosts == crate::model::NetworkHosts::LabelSuffix {
        let template = match e.host.split_once('.') {
            Some((label, rest)) => format!("{label}-{{network}}.{rest}"),
            None => format!("{}-{{network}}", e.host),
        };
        text.push_str(&format!(
            "; other networks (`Config::network`): {}",
            md::code(&template)
        ));
    }
    for (region, host) in &e.region_map {
        text.push_str(&format!("; {}: {}", md::code(region), md::code(host)));
    }
    text
}

fn code_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| md::code(i))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_pattern_may_wrap_and_a_short_one_stays_whole() {
        // ENS AddBackendServers' IP address pattern, from the vendor metadata.
        let ip = r"((25[0-5]|2[0-4]\d|((1\d{2})|([1-9]?\d)))\.){3}(25[0-5]|2[0-4]\d|((1\d{2})|([1-9]?\d)))";
        let md = constraint_md(&ConstraintKind::Pattern { regex: ip.into() });
        assert!(md.contains("<code>"), "{md}");
        assert!(md.contains("<wbr>"), "{md}");
        let longest = md
            .split("<wbr>")
            .map(|piece| piece.chars().count())
            .max()
            .unwrap_or(0);
        assert!(longest < 60, "{md}");
        let short = constraint_md(&ConstraintKind::Pattern {
            regex: "^[a-z]+$".into(),
        });
        assert!(short.contains("`^[a-z]+$`"), "{short}");
        assert!(!short.contains("<wbr>"), "{short}");
    }
}
