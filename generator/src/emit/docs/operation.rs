//! The page of one operation.

use askama::Template;

use super::md::{self, Anchors, Md, cell_code, inline, link};
use super::{
    FieldRow, Layout, OpAnchors, ResponseRow, ServiceAnchors, comment_safe, endpoint_text,
    field_rows, flatten, protocol_title, response_rows, spec_name,
};
use crate::model::{self, ErrorEntry, ExampleKind, Operation, Provenance, RuleKind, Service};

#[derive(Template)]
#[template(path = "operation.md")]
pub(super) struct OperationPage {
    generated_from: Md,
    title: String,
    breadcrumb: Md,
    summary: Md,
    description: Option<Md>,
    overview: Vec<Md>,
    authorization: Option<Authorization>,
    rate_limit: Md,
    notes: Vec<NoteRow>,
    common_params: Option<Md>,
    common_overrides: Vec<FieldRow>,
    params: Vec<FieldRow>,
    request_type: Md,
    rules: Vec<RuleRow>,
    envelope: Option<Md>,
    response_type: Md,
    response: Vec<ResponseRow>,
    pagination: Option<Md>,
    waiters: Vec<WaiterRow>,
    errors: ErrorTable,
    errors_rust: Md,
    common_errors: ErrorTable,
    common_errors_rust: Option<Md>,
    service_name: String,
    examples: Vec<ExampleView>,
    rust_example: Option<Md>,
    sources: Vec<SourceRow>,
    provenance: Vec<Md>,
}

/// A waiter in three cells: the client method; what it waits for and how it polls; the path
/// and the values that end or continue the wait.
struct WaiterRow {
    method: Md,
    waits_for: Md,
    values: Md,
}

/// The policy action: its facts as a list, its resource types as a table.
struct Authorization {
    facts: Vec<Md>,
    resource_types: Vec<ResourceRow>,
}

struct ResourceRow {
    name: String,
    required: &'static str,
    arn: Md,
}

struct NoteRow {
    kind: Md,
    says: String,
    limit: String,
}

struct RuleRow {
    rule: Md,
    parameters: Md,
    says: String,
}

pub(super) struct ErrorRow {
    pub(super) status: String,
    /// The code, its anchor, and its Rust variant beneath where that is not the code itself.
    pub(super) code: Md,
    message: String,
    description: String,
    /// The text column's cell (made by [`ErrorTable::new`]).
    pub(super) text: Md,
}

/// An error table in three columns at most: the HTTP status (left out when no row has one, as
/// in Tencent's), the code, and one text column. The text column is "Message" when any row
/// has a message, with the description beneath it where that says something else; otherwise
/// "Description"; left out when no row has either.
pub(super) struct ErrorTable {
    pub(super) rows: Vec<ErrorRow>,
    pub(super) status: bool,
    pub(super) text: Option<&'static str>,
}

impl ErrorTable {
    pub(super) fn new(mut rows: Vec<ErrorRow>) -> ErrorTable {
        let message = rows.iter().any(|r| !r.message.is_empty());
        let description = rows.iter().any(|r| !r.description.is_empty());
        for r in &mut rows {
            let (m, d) = (inline(&r.message), inline(&r.description));
            let text = if !message || m.is_empty() {
                match (message, d.is_empty()) {
                    (true, false) => format!("**Description:** {d}"),
                    _ => d,
                }
            } else if d.is_empty() || d == m {
                m
            } else {
                format!("{m}<br>**Description:** {d}")
            };
            r.text = md::md(text);
        }
        ErrorTable {
            status: rows.iter().any(|r| r.status != "—"),
            text: if message {
                Some("Message")
            } else if description {
                Some("Description")
            } else {
                None
            },
            rows,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

struct ExampleView {
    title: String,
    facts: String,
    body: Md,
}

struct SourceRow {
    page: Md,
    language: String,
    role: String,
    last_updated: String,
}

/// The id of the rate-limit paragraph, present on every operation page.
pub(super) const RATE_LIMIT_ID: &str = "rate-limit";

pub(super) fn page(
    layout: &Layout,
    si: usize,
    oi: usize,
    s: &Service,
    op: &Operation,
    sa: &ServiceAnchors,
) -> (OperationPage, OpAnchors) {
    let path = &layout.services[si].operations[oi];
    let index_href = md::relative(path, super::INDEX);
    let service_title = format!("{} {}", s.name, s.version);
    let mut anchors = Anchors::default();
    let mut ids = OpAnchors::default();

    let mut overview = vec![
        md::md(format!(
            "**Service:** {} ({}), API version {}",
            link(&inline(&s.name), "README.md"),
            md::code(&s.product),
            md::code(&s.version)
        )),
        md::md(format!("**Protocol:** {}", protocol_title(s))),
        md::md(format!("**Endpoint:** {}", endpoint_text(s))),
    ];
    if s.protocol.has_routes() {
        overview.push(md::md(format!(
            "**Request:** {}",
            md::code(&format!("{} {}", op.method.as_str(), op.path))
        )));
    }
    if !op.regions.is_empty() {
        overview.push(md::md(format!(
            "**Regions:** {}",
            super::code_list(&op.regions)
        )));
    } else if !s.endpoints.regions.is_empty() {
        overview.push(md::md(format!(
            "**Regions:** {}",
            super::code_list(&s.endpoints.regions)
        )));
    }
    let names = s.rust.operation(&op.name);
    overview.push(md::md(format!(
        "**Rust call:** {} returns a {}, whose {} gives {} (a {} built beforehand goes through {}); \
         the error's {} is a {}",
        md::code(&format!("{}::{}()", s.rust.client, names.method)),
        md::code(&names.fluent),
        md::code("send()"),
        md::code(&format!("Result<{}, {}>", names.response, names.error)),
        md::code(&names.request),
        md::code("call(request)"),
        md::code("kind()"),
        md::code(&names.error_kind)
    )));
    overview.push(md::md(format!(
        "**Rust module:** {} (cargo feature {})",
        md::code(&s.rust.module_path("cloudspec_clients")),
        md::code(&s.rust.feature)
    )));

    let authorization = op.authorization.as_ref().map(|a| Authorization {
        facts: vec![
            md::md(format!(
                "**Action:** {} (access level: {})",
                md::code(&a.action),
                inline(&a.access_level)
            )),
            md::md(format!(
                "**Condition keys:** {}",
                code_list_or_none(&a.condition_keys)
            )),
            md::md(format!(
                "**Dependent actions:** {}",
                code_list_or_none(&a.dependent_actions)
            )),
        ],
        resource_types: a
            .resource_types
            .iter()
            .map(|r| ResourceRow {
                name: r.name.clone(),
                required: if r.required { "yes" } else { "no" },
                arn: md::md(
                    r.arn
                        .as_deref()
                        .map(cell_code)
                        .unwrap_or_else(|| "not documented".into()),
                ),
            })
            .collect(),
    });

    let rate_limit = md::md(format!(
        "{} **Rate limit:** {}",
        md::anchor_tag(RATE_LIMIT_ID),
        match &op.rate_limit {
            Some(r) => format!(
                "{} requests per {}. “{}”",
                r.requests,
                inline(&r.per),
                inline(&r.says)
            ),
            None => "not documented.".into(),
        }
    ));
    anchors.make("", RATE_LIMIT_ID);

    let notes = op
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let id = anchors.make("note", &(i + 1).to_string());
            ids.notes.push(id.clone());
            NoteRow {
                kind: md::md(format!("{}{}", md::anchor_tag(&id), inline(&n.kind))),
                says: n.says.clone(),
                limit: n.limit.map(|l| l.to_string()).unwrap_or_default(),
            }
        })
        .collect();

    let common_params = (!s.common_parameters.is_empty()).then(|| {
        let names: Vec<String> = s
            .common_parameters
            .iter()
            .map(|p| md::code(&p.name))
            .collect();
        md::md(format!(
            "Every operation of {} also takes the {}: {}.",
            inline(&s.name),
            link("common parameters", "README.md#common-parameters"),
            names.join(", ")
        ))
    });

    // This operation's own definitions of common parameters, in full.
    let (common_overrides, _) = field_rows(s, &op.common_parameters, None, sa, "README.md", None);

    let (params, param_ids) = field_rows(
        s,
        &op.parameters,
        Some(&names.request),
        sa,
        "README.md",
        Some((&mut anchors, "param")),
    );
    ids.params = param_ids;

    let rules = op
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let id = anchors.make("rule", &(i + 1).to_string());
            ids.rules.push(id.clone());
            let param_link = |name: &str| match ids.param(name) {
                Some(pid) => link(&cell_code(name), &format!("#{pid}")),
                None => cell_code(name),
            };
            let words = match r.kind {
                RuleKind::MutuallyExclusive => "mutually exclusive".to_string(),
                RuleKind::ExactlyOneOf => "exactly one of".to_string(),
                RuleKind::AtLeastOneOf => "at least one of".to_string(),
                RuleKind::RequiredWhen => match &r.when {
                    Some(w) => format!("required when {} is set", param_link(w)),
                    None => "required".to_string(),
                },
            };
            RuleRow {
                rule: md::md(format!("{}{words}", md::anchor_tag(&id))),
                parameters: md::md(
                    r.parameters
                        .iter()
                        .map(|p| param_link(p))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                says: r.says.clone(),
            }
        })
        .collect();

    let envelope = op.response_envelope.as_ref().map(|key| {
        md::md(format!(
            "The body is wrapped in {}; the fields below are inside it.",
            md::code(&format!("{{\"{key}\": …}}"))
        ))
    });
    let response = response_rows(s, &op.response, Some(&names.response), sa, &mut anchors);
    let pagination = op.paginator.as_ref().map(|p| {
        let starts = match p.style {
            model::PageStyle::Offset => "the offset of a page's first item (from 0)",
            model::PageStyle::PageNumber => "the page number (from 1)",
            model::PageStyle::Token => "the token of the page (from the previous response)",
        };
        let mut text = format!("{} says where a page starts: {starts}", md::code(&p.cursor));
        if let Some(size) = &p.page_size {
            text.push_str(&format!("; {} sets the page size", md::code(size)));
        }
        text.push_str(&format!(
            ". The items are in {}",
            md::code(&p.items.join("."))
        ));
        if let Some(total) = &p.total {
            text.push_str(&format!(", their total in {}", md::code(&total.join("."))));
        }
        if let Some(token) = &p.next_token {
            text.push_str(&format!(
                ", the next page's token in {}",
                md::code(&token.join("."))
            ));
        }
        if let Some(method) = &names.paginator {
            text.push_str(&format!(
                ". The client's {} streams every page or every item, to the last page or a \
                 page limit.",
                md::code(method)
            ));
        }
        md::md(text)
    });
    let waiters = op
        .waiters
        .iter()
        .zip(&names.waiters)
        .map(|(w, method)| {
            let list = |values: &[String]| {
                if values.is_empty() {
                    "none".to_string()
                } else {
                    values
                        .iter()
                        .map(|v| cell_code(v))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            WaiterRow {
                method: md::md(cell_code(method)),
                waits_for: md::md(format!(
                    "{}<br>**Polls:** every {} s, backing off to {} s; gives up after {} s",
                    inline(&w.description),
                    w.delay,
                    w.max_delay,
                    w.timeout
                )),
                values: md::md(format!(
                    "{}<br>**Success:** {}<br>**Failure:** {}<br>**Pending:** {}",
                    cell_code(&w.path.join(".")),
                    match (w.success_when_absent, w.success.is_empty()) {
                        (false, _) => list(&w.success),
                        (true, true) => "none left (the resource is gone)".to_string(),
                        (true, false) => {
                            format!("{}, or none left (the resource is gone)", list(&w.success))
                        }
                    },
                    list(&w.failure),
                    list(&w.pending)
                )),
            }
        })
        .collect();

    let errors = op
        .errors
        .iter()
        .map(|e| {
            let id = anchors.make("error", &e.code);
            ids.errors.push((e.code.clone(), id.clone()));
            error_row(e, &id, names.variants.get(&e.code))
        })
        .collect();
    let errors = ErrorTable::new(errors);
    let common_errors = ErrorTable::new(
        s.common_errors
            .iter()
            .map(|e| {
                error_row(
                    e,
                    &anchors.make("common-error", &e.code),
                    s.rust.common_variants.get(&e.code),
                )
            })
            .collect(),
    );
    let errors_rust = md::md(format!(
        "In Rust each code is a variant of {} (the error's {}), named as the code or as written under it.",
        md::code(&names.error_kind),
        md::code("kind()")
    ));
    let common_errors_rust = s.rust.common_errors.as_ref().map(|common| {
        md::md(format!(
            "In Rust they are variants of {}, reached as {}.",
            md::code(common),
            md::code(&format!("{}::Common(…)", names.error_kind))
        ))
    });

    let examples = op
        .examples
        .iter()
        .map(|e| {
            let info = if serde_json::from_str::<serde_json::Value>(&e.body).is_ok() {
                "json"
            } else {
                "text"
            };
            let kind = match e.kind {
                ExampleKind::Request => "request body",
                ExampleKind::Success => "success",
                ExampleKind::Error => "error",
            };
            ExampleView {
                title: e.title.clone(),
                facts: match e.status {
                    Some(status) => format!("{kind}, HTTP {status}"),
                    None => kind.to_string(),
                },
                body: md::md(md::fence(info, &e.body)),
            }
        })
        .collect();

    let rust = crate::emit::rust::example(s, op);
    let rust_example = (!rust.trim().is_empty()).then(|| md::md(md::fence("rust", &rust)));

    let sources = op
        .sources
        .iter()
        .map(|p| SourceRow {
            page: md::md(md::external(&p.url, false)),
            language: p.language.clone(),
            role: p.role.clone(),
            last_updated: p
                .last_updated
                .clone()
                .unwrap_or_else(|| "not stated".into()),
        })
        .collect();

    let mut provenance = Vec::new();
    push_notes(&mut provenance, "Operation", &op.provenance);
    for flat in flatten(s, &op.parameters, None) {
        if !flat.via_named {
            let label = format!("Parameter {}", md::code(&flat.path));
            push_notes(&mut provenance, &label, &flat.field.provenance);
        }
    }
    for flat in flatten(s, &op.response, None) {
        if !flat.via_named {
            let label = format!("Response field {}", md::code(&flat.path));
            push_notes(&mut provenance, &label, &flat.field.provenance);
        }
    }
    for (i, r) in op.rules.iter().enumerate() {
        let label = format!("Rule {} ({})", i + 1, md::code(&spec_name(&r.kind)));
        push_notes(&mut provenance, &label, &r.provenance);
    }
    let error_notes: Vec<(&str, &[Provenance])> = op
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e.provenance.as_slice()))
        .collect();
    push_grouped_notes(&mut provenance, "Error", "Errors", &error_notes);
    for e in &op.examples {
        let label = format!("Example “{}”", inline(&e.title));
        push_notes(&mut provenance, &label, &e.provenance);
    }

    let page = OperationPage {
        generated_from: md::md(comment_safe(&s.loc.file)),
        title: op.name.clone(),
        breadcrumb: md::md(format!(
            "{} › {} › {}",
            link("Reference index", &index_href),
            link(&inline(&service_title), "README.md"),
            inline(&op.name)
        )),
        summary: md::md(md::block(&op.summary)),
        description: op
            .description
            .as_deref()
            .map(md::block)
            .filter(|d| !d.is_empty())
            .map(md::md),
        overview,
        authorization,
        rate_limit,
        notes,
        common_params,
        common_overrides,
        params,
        request_type: md::md(format!(
            "In Rust these are the fields of {} (set with its builder's methods of the same names), under each wire name; members of a nested object are fields of its own struct.",
            md::code(&names.request)
        )),
        rules,
        envelope,
        response_type: md::md(format!(
            "In Rust these are the fields of {}, under each wire name; members of a nested object are fields of its own struct.",
            md::code(&names.response)
        )),
        response,
        pagination,
        waiters,
        errors,
        errors_rust,
        common_errors,
        common_errors_rust,
        service_name: s.name.clone(),
        examples,
        rust_example,
        sources,
        provenance,
    };
    (page, ids)
}

pub(super) fn error_row(e: &ErrorEntry, id: &str, variant: Option<&String>) -> ErrorRow {
    // Codes do not wrap: an error table has room for them, and a code broken over lines
    // reads as two.
    let mut code = format!("{}{}", md::anchor_tag(id), cell_code(&e.code));
    if let Some(v) = variant.filter(|v| **v != e.code) {
        code.push_str(&format!("<br>Rust: {}", cell_code(v)));
    }
    ErrorRow {
        status: e
            .status
            .map(|s| s.to_string())
            .unwrap_or_else(|| "—".into()),
        code: md::md(code),
        message: e.message.clone().unwrap_or_default(),
        description: e.description.clone().unwrap_or_default(),
        text: md::md(String::new()),
    }
}

fn code_list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        return "none".into();
    }
    super::code_list(items)
}

/// List items for provenance notes: where, what about, the note, and its source.
pub(super) fn push_notes(out: &mut Vec<Md>, label: &str, notes: &[Provenance]) {
    for p in notes {
        out.push(note_item(label, p));
    }
}

fn note_item(label: &str, p: &Provenance) -> Md {
    let mut item = format!("**{label}** ({}): {}", inline(&p.about), inline(&p.note));
    if let Some(src) = &p.source {
        item.push_str(&format!(" Source: {}", md::external(src, false)));
    }
    md::md(item)
}

/// List items for the notes of many rows (errors), one item per distinct note: rows that
/// carry the same note (about, text and source) share one item that names them all.
pub(super) fn push_grouped_notes(
    out: &mut Vec<Md>,
    singular: &str,
    plural: &str,
    rows: &[(&str, &[Provenance])],
) {
    let mut groups: Vec<(&Provenance, Vec<&str>)> = Vec::new();
    for (name, notes) in rows {
        for p in notes.iter() {
            match groups.iter_mut().find(|(q, _)| *q == p) {
                Some((_, names)) => names.push(name),
                None => groups.push((p, vec![name])),
            }
        }
    }
    for (p, names) in groups {
        let codes: Vec<String> = names.iter().map(|n| md::code(n)).collect();
        let label = if names.len() == 1 {
            format!("{singular} {}", codes[0])
        } else {
            format!("{plural} {}", codes.join(", "))
        };
        out.push(note_item(&label, p));
    }
}
