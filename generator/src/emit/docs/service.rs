//! The page of one service version.

use askama::Template;

use super::md::{self, Anchors, Md, cell_code, inline, link};
use super::operation::{ErrorTable, error_row, push_grouped_notes, push_notes};
use super::{
    FieldRow, Layout, ServiceAnchors, comment_safe, endpoint_text, field_rows, flatten,
    protocol_title, provider_title,
};
use crate::model::Service;

#[derive(Template)]
#[template(path = "service.md")]
pub(super) struct ServicePage {
    generated_from: Md,
    title: String,
    breadcrumb: Md,
    overview: Vec<Md>,
    operations: Vec<OperationRow>,
    common_params: Vec<FieldRow>,
    types: Vec<TypeView>,
    common_errors: ErrorTable,
    common_errors_rust: Option<Md>,
    provenance: Vec<Md>,
}

struct OperationRow {
    link: Md,
    summary: String,
}

struct TypeView {
    heading: Md,
    description: Option<Md>,
    rust: Md,
    members: Vec<FieldRow>,
}

pub(super) fn page(layout: &Layout, si: usize, s: &Service, sa: &ServiceAnchors) -> ServicePage {
    let paths = &layout.services[si];
    let index_href = md::relative(&paths.page, super::INDEX);
    // Type anchors first, as `ServiceAnchors` made them, so operation pages link to them.
    let mut anchors = Anchors::default();
    for t in &s.types {
        anchors.make("type", &t.name);
    }
    let [a, b, c] = &s.rust.module;
    let mut overview = vec![
        md::md(format!("**Provider:** {}", inline(&provider_title(s)))),
        md::md(format!("**Product code:** {}", md::code(&s.product))),
        md::md(format!("**API version:** {}", md::code(&s.version))),
        md::md(format!("**Protocol:** {}", protocol_title(s))),
        md::md(format!("**Signing name:** {}", md::code(&s.signing_name))),
        md::md(format!("**Endpoint:** {}", endpoint_text(s))),
    ];
    if !s.endpoints.regions.is_empty() {
        overview.push(md::md(format!(
            "**Regions:** {}",
            super::code_list(&s.endpoints.regions)
        )));
    }
    overview.push(md::md(format!(
        "**Rust module:** {} (cargo feature {}); client {}",
        md::code(&format!("cloudspec_clients::{a}::{b}::{c}")),
        md::code(&s.rust.feature),
        md::code(&s.rust.client)
    )));

    let operations = s
        .operations
        .iter()
        .zip(&paths.operations)
        .map(|(op, path)| OperationRow {
            link: md::md(link(&cell_code(&op.name), &md::relative(&paths.page, path))),
            summary: op.summary.clone(),
        })
        .collect();

    let (common_params, _) = field_rows(
        s,
        &s.common_parameters,
        None,
        sa,
        "README.md",
        Some((&mut anchors, "param")),
    );

    let types = s
        .types
        .iter()
        .map(|t| {
            let id = sa.type_id(&t.name).unwrap_or_default();
            let (members, _) = field_rows(
                s,
                &t.properties,
                Some(s.rust.named_type(&t.name)),
                sa,
                "README.md",
                None,
            );
            TypeView {
                heading: md::md(format!("{}{}", md::anchor_tag(id), inline(&t.name))),
                description: t.description.as_deref().map(|d| md::md(md::block(d))),
                rust: md::md(format!(
                    "In Rust: the struct {}, its fields under each wire name.",
                    md::code(s.rust.named_type(&t.name))
                )),
                members,
            }
        })
        .collect();

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

    let mut provenance = Vec::new();
    push_notes(&mut provenance, "Service", &s.provenance);
    for flat in flatten(s, &s.common_parameters, None) {
        let label = format!("Common parameter {}", md::code(&flat.path));
        push_notes(&mut provenance, &label, &flat.field.provenance);
    }
    for t in &s.types {
        push_notes(
            &mut provenance,
            &format!("Type {}", md::code(&t.name)),
            &t.provenance,
        );
        for flat in flatten(s, &t.properties, None) {
            if !flat.via_named {
                let label = format!("Type {} member {}", md::code(&t.name), md::code(&flat.path));
                push_notes(&mut provenance, &label, &flat.field.provenance);
            }
        }
    }
    let error_notes: Vec<(&str, &[crate::model::Provenance])> = s
        .common_errors
        .iter()
        .map(|e| (e.code.as_str(), e.provenance.as_slice()))
        .collect();
    push_grouped_notes(
        &mut provenance,
        "Common error",
        "Common errors",
        &error_notes,
    );

    ServicePage {
        generated_from: md::md(comment_safe(&s.loc.file)),
        title: format!("{} {}", s.name, s.version),
        breadcrumb: md::md(format!(
            "{} › {}",
            link("Reference index", &index_href),
            inline(&format!("{} {}", s.name, s.version))
        )),
        overview,
        operations,
        common_params,
        types,
        common_errors,
        common_errors_rust: s.rust.common_errors.as_ref().map(|e| {
            md::md(format!(
                "In Rust each code is a variant of {}, named as the code or as written under it; an operation's error kind holds it as {}.",
                md::code(e),
                md::code("Common(…)")
            ))
        }),
        provenance,
    }
}
