//! Comparison pages: operations that do the same job, one row each.
//!
//! A page fits a page width whatever the number of operations: an overview table with one row
//! per operation (operation, provider, service, parameter count), then one section per
//! capability with a two-column table (operation, what its page says). Operations are never
//! columns.
//!
//! Grouping rule (stated on every comparison page): an operation name is split into words at
//! capitals (`CreateImageByInstance` → create, image, by, instance); the words from the first
//! preposition on are dropped; the first remaining word is the verb and the last the object.
//! Two or more operations with the same verb and object form a group, whatever their
//! service. The four "create an image" operations (`CreateImage` ×2, `CreateCustomImage`,
//! `CreateImageByInstance`) all become create/image.
//!
//! Every cell is derived from the model (parameter names and descriptions, constraints, enum
//! values, rules, notes, rate limits, error codes) by the generic rules in [`CAPABILITIES`];
//! nothing is written per vendor. Where the model says nothing, the cell says "not documented"
//! and links to the section of the page that would say it.

use std::collections::BTreeMap;

use askama::Template;
use heck::ToSnakeCase;

use super::md::{self, Md, cell_code, inline, link};
use super::operation::RATE_LIMIT_ID;
use super::{OpDoc, constraint_md, shorten, spec_name};
use crate::model::{Field, Type};

/// Words that end the verb-object part of a name.
const PREPOSITIONS: &[&str] = &[
    "by", "from", "with", "for", "to", "in", "on", "of", "via", "using",
];

/// A set of operations compared on one page.
pub(super) struct Group {
    pub(super) title: String,
    pub(super) path: String,
    verb: String,
    object: String,
    members: Vec<usize>,
}

impl Group {
    /// The operations compared, as indices into the docs the groups were made from.
    pub(super) fn members(&self) -> &[usize] {
        &self.members
    }
}

/// The words of a name, lower case.
pub(super) fn words(name: &str) -> Vec<String> {
    name.to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The verb and object of an operation name, by the grouping rule.
fn verb_object(name: &str) -> Option<(String, String)> {
    let words = words(name);
    let end = words
        .iter()
        .position(|w| PREPOSITIONS.contains(&w.as_str()))
        .unwrap_or(words.len());
    let kept = &words[..end];
    if kept.len() < 2 {
        return None;
    }
    Some((kept[0].clone(), kept[kept.len() - 1].clone()))
}

pub(super) fn title_case(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

pub(super) fn groups(docs: &[OpDoc<'_>]) -> Vec<Group> {
    let mut by_key: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        if let Some(key) = verb_object(&d.op.name) {
            by_key.entry(key).or_default().push(i);
        }
    }
    let mut taken = Vec::new();
    by_key
        .into_iter()
        .filter(|(_, members)| members.len() >= 2)
        .map(|((verb, object), members)| {
            let name =
                super::unique_path(md::path_segment(&format!("{verb}-{object}")), &mut taken);
            Group {
                title: format!("{} {}", title_case(&verb), title_case(&object)),
                path: format!("compare/{name}.md"),
                verb,
                object,
                members,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "compare.md")]
pub(super) struct ComparePage {
    title: String,
    breadcrumb: Md,
    rule: Md,
    operations: Vec<OperationRow>,
    contents: Md,
    capabilities: Vec<CapabilitySection>,
}

/// A row of the overview: one operation.
struct OperationRow {
    operation: Md,
    provider: String,
    service: Md,
    parameters: String,
}

/// One capability: how its cells are derived, and a row per operation.
struct CapabilitySection {
    title: String,
    how: Md,
    rows: Vec<CapabilityRow>,
}

/// A row of a capability table: the operation, and what its page says.
struct CapabilityRow {
    operation: Md,
    says: Md,
}

/// What the comparison shows, and how each cell is derived from the model.
pub(super) const CAPABILITIES: [(&str, &str); 10] = [
    (
        "Source: instance or snapshot",
        "request parameters whose name has the words Instance or Snapshot and ends in Id or Ids, with the rules that tie two of them together",
    ),
    (
        "Data disks",
        "request parameters whose name has the words Data and Disk, or whose description mentions a data disk or data cloud disk",
    ),
    (
        "Tags and how many",
        "request parameters whose name has the word Tag or Tags, with their maximum number of items",
    ),
    (
        "Forced power-off",
        "request parameters whose name has a word containing power, shutdown or stop; notes that mention power-off, shutting down or stopping",
    ),
    (
        "Dry run",
        "request parameters whose name has the words Dry and Run",
    ),
    (
        "Idempotency token",
        "request parameters whose name has the word Token or whose description mentions idempotence, with their constraints",
    ),
    (
        "Name rules",
        "the request parameter named Name or ending in Name with the group's object word (ImageName), with its constraints",
    ),
    (
        "Description limit",
        "the request parameter named Description or ending in Description with the group's object word (ImageDescription), with its constraints",
    ),
    ("Rate limit", "the operation's documented rate limit"),
    (
        "Quota",
        "notes of kind quota; error codes that contain Quota (only those whose code or message names the group's object, when there are any)",
    ),
];

pub(super) fn page(group: &Group, docs: &[OpDoc<'_>]) -> ComparePage {
    let members: Vec<&OpDoc<'_>> = group.members.iter().map(|&i| &docs[i]).collect();
    let href = |d: &OpDoc<'_>| md::relative(&group.path, &d.path);
    let operations = members
        .iter()
        .map(|d| {
            let params: Vec<&Field> =
                d.op.parameters
                    .iter()
                    .filter(|p| !p.protocol_filled)
                    .collect();
            let required = params.iter().filter(|p| p.required).count();
            OperationRow {
                operation: md::md(link(&cell_code(&d.op.name), &href(d))),
                provider: super::provider_title(d.service),
                service: md::md(format!(
                    "{} {}",
                    inline(&d.service.name),
                    cell_code(&d.service.version)
                )),
                parameters: format!("{} ({required} required)", params.len()),
            }
        })
        .collect();
    // In a capability table an operation is named with its service: two services may have
    // operations of the same name.
    let op_cells: Vec<String> = members
        .iter()
        .map(|d| {
            format!(
                "{}<br>{}",
                link(&cell_code(&d.op.name), &href(d)),
                inline(&d.service.name)
            )
        })
        .collect();
    let capabilities = CAPABILITIES
        .iter()
        .enumerate()
        .map(|(i, (capability, how))| CapabilitySection {
            title: capability.to_string(),
            how: md::md(format!("Derived from {}.", inline(how))),
            rows: members
                .iter()
                .zip(&op_cells)
                .map(|(d, op_cell)| {
                    let cx = Cx {
                        doc: d,
                        href: href(d),
                        object: &group.object,
                    };
                    CapabilityRow {
                        operation: md::md(op_cell.clone()),
                        says: md::md(cx.cell(i)),
                    }
                })
                .collect(),
        })
        .collect();
    let contents = CAPABILITIES
        .iter()
        .map(|(c, _)| link(&inline(c), &format!("#{}", md::slug(c))))
        .collect::<Vec<_>>()
        .join(" · ");
    let examples: Vec<String> = members.iter().map(|d| md::code(&d.op.name)).collect();
    let rule = format!(
        "Operations are grouped by name: the name is split into words at capitals, the words from the first preposition ({}) on are dropped, and the first remaining word is the verb, the last the object. Two or more operations with the same verb and object are compared on one page. Here the verb is {} and the object {}: {}.",
        PREPOSITIONS
            .iter()
            .map(|p| title_case(p))
            .collect::<Vec<_>>()
            .join(", "),
        md::code(&title_case(&group.verb)),
        md::code(&title_case(&group.object)),
        examples.join(", ")
    );
    ComparePage {
        title: format!("{}: {} operations compared", group.title, members.len()),
        breadcrumb: md::md(format!(
            "{} › {}",
            link("Reference index", &md::relative(&group.path, super::INDEX)),
            inline(&group.title)
        )),
        rule: md::md(rule),
        operations,
        contents: md::md(format!("Jump to: {contents}")),
        capabilities,
    }
}

struct Cx<'a> {
    doc: &'a OpDoc<'a>,
    /// The operation page, relative to the comparison page.
    href: String,
    object: &'a str,
}

impl Cx<'_> {
    fn cell(&self, capability: usize) -> String {
        let parts = match capability {
            0 => self.source(),
            1 => self.params_where(|w, f| {
                (w.iter().any(|x| x == "data") && w.iter().any(|x| x.starts_with("disk")))
                    || mentions(f.description.as_deref(), &["data disk", "data cloud disk"])
            }),
            2 => self.tags(),
            3 => {
                let mut parts = self.params_where(|w, _| {
                    w.iter()
                        .any(|x| x.contains("power") || x.contains("shutdown") || x == "stop")
                });
                parts.extend(self.notes_where(|n| {
                    mentions(
                        Some(&n.says),
                        &[
                            "power-off",
                            "power off",
                            "poweroff",
                            "shut down",
                            "shutdown",
                            "stop ",
                        ],
                    )
                }));
                parts
            }
            4 => self
                .params_where(|w, _| w.iter().any(|x| x == "dry") && w.iter().any(|x| x == "run")),
            5 => self.with_constraints(|w, f| {
                w.iter().any(|x| x == "token") || mentions(f.description.as_deref(), &["idempoten"])
            }),
            6 => self.with_constraints(|w, _| self.object_field(w, "name")),
            7 => self.with_constraints(|w, _| self.object_field(w, "description")),
            8 => vec![match &self.doc.op.rate_limit {
                Some(r) => link(
                    &format!("{} per {}", r.requests, inline(&r.per)),
                    &format!("{}#{RATE_LIMIT_ID}", self.href),
                ),
                None => String::new(),
            }]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
            _ => self.quota(),
        };
        if parts.is_empty() {
            let section = match capability {
                8 => RATE_LIMIT_ID.to_string(),
                9 => md::slug("Rate limit and notes"),
                _ => md::slug("Request parameters"),
            };
            return link("not documented", &format!("{}#{section}", self.href));
        }
        parts.join("<br>")
    }

    /// The top-level request parameters, with their words.
    fn params(&self) -> impl Iterator<Item = (Vec<String>, &Field)> {
        self.doc
            .op
            .parameters
            .iter()
            .filter(|p| !p.protocol_filled)
            .map(|p| (words(&p.name), p))
    }

    fn param_link(&self, f: &Field) -> String {
        match self.doc.anchors.param(&f.name) {
            Some(id) => link(&cell_code(&f.name), &format!("{}#{id}", self.href)),
            None => cell_code(&f.name),
        }
    }

    /// `Name` (boolean: `true`, `false`; default `false`).
    fn params_where(&self, pick: impl Fn(&[String], &Field) -> bool) -> Vec<String> {
        self.params()
            .filter(|(w, f)| pick(w, f))
            .map(|(_, f)| format!("{} ({})", self.param_link(f), summary(f)))
            .collect()
    }

    /// `Name` (required): constraint; constraint.
    fn with_constraints(&self, pick: impl Fn(&[String], &Field) -> bool) -> Vec<String> {
        self.params()
            .filter(|(w, f)| pick(w, f))
            .map(|(_, f)| {
                let constraints: Vec<String> = f
                    .constraints
                    .iter()
                    .map(|c| constraint_md(&c.kind))
                    .collect();
                format!(
                    "{} ({}): {}",
                    self.param_link(f),
                    if f.required { "required" } else { "optional" },
                    if constraints.is_empty() {
                        "no constraints documented".to_string()
                    } else {
                        constraints.join("; ")
                    }
                )
            })
            .collect()
    }

    /// A parameter named `{suffix}` or `…{Object}…{suffix}` (`ImageName`).
    fn object_field(&self, w: &[String], suffix: &str) -> bool {
        w.last().is_some_and(|l| l == suffix)
            && (w.len() == 1 || w[..w.len() - 1].iter().any(|x| x == self.object))
    }

    fn source(&self) -> Vec<String> {
        let is_id = |w: &[String]| w.last().is_some_and(|l| l == "id" || l == "ids");
        let mut parts = Vec::new();
        let mut members = Vec::new();
        for (label, word) in [("instance", "instance"), ("snapshot", "snapshot")] {
            let found: Vec<&Field> = self
                .params()
                .filter(|(w, _)| is_id(w) && w.iter().any(|x| x == word))
                .map(|(_, f)| f)
                .collect();
            if found.is_empty() {
                continue;
            }
            let links: Vec<String> = found
                .iter()
                .map(|f| {
                    let mut l = self.param_link(f);
                    if f.required {
                        l.push_str(" (required)");
                    }
                    l
                })
                .collect();
            parts.push(format!("{label}: {}", links.join(", ")));
            members.extend(found.iter().map(|f| f.name.clone()));
        }
        for (i, r) in self.doc.op.rules.iter().enumerate() {
            let involved = r
                .parameters
                .iter()
                .chain(r.when.iter())
                .filter(|p| members.contains(p))
                .count();
            if involved >= 2
                && let Some(id) = self.doc.anchors.rules.get(i)
            {
                let names: Vec<String> = r.parameters.iter().map(|p| cell_code(p)).collect();
                let words = match spec_name(&r.kind).as_str() {
                    "mutuallyExclusive" => "mutually exclusive",
                    "exactlyOneOf" => "exactly one of",
                    "atLeastOneOf" => "at least one of",
                    _ => "required together",
                };
                parts.push(format!(
                    "{}: {}",
                    link(&format!("rule {}", i + 1), &format!("{}#{id}", self.href)),
                    match (&r.when, r.parameters.as_slice()) {
                        (Some(when), _) => format!(
                            "{} required when {} is set",
                            names.join(", "),
                            cell_code(when)
                        ),
                        _ => format!("{words} {}", names.join(", ")),
                    }
                ));
            }
        }
        parts
    }

    fn tags(&self) -> Vec<String> {
        self.params()
            .filter(|(w, _)| w.iter().any(|x| x == "tag" || x == "tags"))
            .map(|(_, f)| {
                let max = f.constraints.iter().find_map(|c| match c.kind {
                    crate::model::ConstraintKind::MaxItems { value } => Some(value),
                    _ => None,
                });
                match max {
                    Some(n) => format!("{}: up to {n}", self.param_link(f)),
                    None => format!("{}: number not documented", self.param_link(f)),
                }
            })
            .collect()
    }

    fn notes_where(&self, pick: impl Fn(&crate::model::Note) -> bool) -> Vec<String> {
        self.doc
            .op
            .notes
            .iter()
            .enumerate()
            .filter(|(_, n)| pick(n))
            .filter_map(|(i, n)| {
                let id = self.doc.anchors.notes.get(i)?;
                Some(format!(
                    "{}: “{}”",
                    link(&format!("note {}", i + 1), &format!("{}#{id}", self.href)),
                    inline(&shorten(&n.says, 140))
                ))
            })
            .collect()
    }

    fn quota(&self) -> Vec<String> {
        let mut parts = Vec::new();
        for (i, n) in self.doc.op.notes.iter().enumerate() {
            if n.kind != "quota" {
                continue;
            }
            if let Some(id) = self.doc.anchors.notes.get(i) {
                let limit = n.limit.map(|l| format!(" (limit {l})")).unwrap_or_default();
                parts.push(format!(
                    "{}: “{}”{limit}",
                    link(&format!("note {}", i + 1), &format!("{}#{id}", self.href)),
                    inline(&shorten(&n.says, 140))
                ));
            }
        }
        // Errors about a quota: those that name the object (an image quota) when there are
        // any, otherwise every one.
        let quota_errors: Vec<(&str, &str, Option<&str>)> = self
            .doc
            .anchors
            .errors
            .iter()
            .filter(|(code, _)| code.to_lowercase().contains("quota"))
            .map(|(code, id)| {
                let text = self
                    .doc
                    .op
                    .errors
                    .iter()
                    .find(|e| &e.code == code)
                    .and_then(|e| e.message.as_deref().or(e.description.as_deref()));
                (code.as_str(), id.as_str(), text)
            })
            .collect();
        let about_object: Vec<_> = quota_errors
            .iter()
            .filter(|(code, _, text)| {
                words(code).iter().any(|w| w == self.object)
                    || text.is_some_and(|t| words_of_text(t).iter().any(|w| w == self.object))
            })
            .copied()
            .collect();
        let shown = if about_object.is_empty() {
            quota_errors
        } else {
            about_object
        };
        for (code, id, text) in shown {
            let message = text
                .map(|m| format!(": {}", inline(&shorten(m, 100))))
                .unwrap_or_default();
            parts.push(format!(
                "error {}{message}",
                link(&cell_code(code), &format!("{}#{id}", self.href))
            ));
        }
        parts
    }
}

/// The words of prose, lower case.
fn words_of_text(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn mentions(text: Option<&str>, needles: &[&str]) -> bool {
    let Some(text) = text else { return false };
    let text = text.to_lowercase();
    needles.iter().any(|n| text.contains(n))
}

/// A parameter in brief: type, enum values, default.
fn summary(f: &Field) -> String {
    let mut s = match &f.ty {
        Type::Array(inner) => format!("array of {}", inline(&inner.spec_name())),
        other => inline(&other.spec_name()),
    };
    if !f.enum_values.is_empty() {
        let values: Vec<String> = f.enum_values.iter().map(|v| cell_code(&v.wire())).collect();
        s.push_str(&format!(": {}", values.join(", ")));
    }
    if let Some(d) = &f.default {
        s.push_str(&format!("; default {}", super::cell_value(d)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_rule() {
        let vo = |n: &str| verb_object(n).map(|(v, o)| format!("{v}/{o}"));
        assert_eq!(vo("CreateImage").as_deref(), Some("create/image"));
        assert_eq!(vo("CreateCustomImage").as_deref(), Some("create/image"));
        assert_eq!(vo("CreateImageByInstance").as_deref(), Some("create/image"));
        assert_eq!(
            vo("DescribeImagesFromSnapshot").as_deref(),
            Some("describe/images")
        );
        assert_eq!(vo("DoThing").as_deref(), Some("do/thing"));
        assert_eq!(vo("Reboot"), None);
        assert_eq!(vo("ByInstance"), None);
    }
}
