//! Family pages: every operation on one kind of resource, across services, sorted into tasks.
//!
//! Where a comparison page (`compare`) puts side by side the operations that do one job, a
//! family page answers "what can I do with images, and how, in each service": every operation
//! whose name has the family's word (`Image` or `Images`), put under the first task whose rule
//! its name matches ([`TASKS`]), with what the client offers for it (Rust call, required
//! parameters, batch size, paging, waiters, rate limit, documented errors). A table of services
//! says which tasks each one offers and which it does not. Every cell is derived from the
//! model by one rule for every operation; nothing is written per vendor.

use askama::Template;

use super::compare::{Group, words};
use super::md::{self, Md, cell_code, inline, link};
use super::{OpDoc, provider_title};
use crate::model::{ConstraintKind, Field};

/// The families that get a page: the word their operations' names have (singular).
pub(super) const FAMILIES: &[&str] = &["image"];

/// The tasks of a family, in the order a name is tried against them, with their rule in
/// words. The first whose rule matches takes the operation.
const TASKS: [(&str, &str); 8] = [
    ("Share", "name has the word Share"),
    ("Import and export", "name has the word Import or Export"),
    ("Quota", "name has the word Quota"),
    ("Create and copy", "name starts with Create, Copy or Sync"),
    ("Describe", "name starts with Describe, List, Get or Query"),
    ("Delete", "name starts with Delete or Remove"),
    ("Modify", "name starts with Modify, Update, Upgrade or Set"),
    ("Other", "name matches none of the above"),
];

/// The task of an operation name's words, by [`TASKS`].
fn task(words: &[String]) -> usize {
    let has = |w: &[&str]| words.iter().any(|x| w.contains(&x.as_str()));
    let starts = |w: &[&str]| words.first().is_some_and(|x| w.contains(&x.as_str()));
    if has(&["share"]) {
        0
    } else if has(&["import", "export"]) {
        1
    } else if has(&["quota"]) {
        2
    } else if starts(&["create", "copy", "sync"]) {
        3
    } else if starts(&["describe", "list", "get", "query"]) {
        4
    } else if starts(&["delete", "remove"]) {
        5
    } else if starts(&["modify", "update", "upgrade", "set"]) {
        6
    } else {
        7
    }
}

/// Whether an operation belongs to the family of `word`.
fn member(name: &str, word: &str) -> bool {
    let plural = format!("{word}s");
    words(name).iter().any(|w| w == word || *w == plural)
}

/// The page of one family, relative to the docs folder.
pub(super) fn path(word: &str) -> String {
    format!("compare/{}-family.md", md::path_segment(word))
}

/// The page's title.
pub(super) fn title(word: &str) -> String {
    format!("{} family", super::compare::title_case(word))
}

#[derive(Template)]
#[template(path = "family.md")]
pub(super) struct FamilyPage {
    title: String,
    breadcrumb: Md,
    rule: Md,
    services: Vec<ServiceRow>,
    contents: Md,
    tasks: Vec<TaskSection>,
}

/// A row of the services table.
struct ServiceRow {
    service: Md,
    operations: usize,
    offered: Md,
    missing: Md,
}

/// One task: its rule, the comparison pages of its operations, a row per operation.
struct TaskSection {
    title: String,
    how: Md,
    compared: Option<Md>,
    rows: Vec<TaskRow>,
}

/// An operation and what the client offers for it.
struct TaskRow {
    operation: Md,
    offers: Md,
}

/// The family page of `word`, or `None` when no operation belongs to it.
pub(super) fn page(word: &str, docs: &[OpDoc<'_>], groups: &[Group]) -> Option<FamilyPage> {
    let page_path = path(word);
    let members: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| member(&d.op.name, word))
        .map(|(i, d)| (i, task(&words(&d.op.name))))
        .collect();
    if members.is_empty() {
        return None;
    }
    let href = |d: &OpDoc<'_>| md::relative(&page_path, &d.path);

    // Services in model order (the docs are in model order), each with its tasks.
    let mut services: Vec<(usize, Vec<usize>)> = Vec::new();
    for &(i, t) in &members {
        let first = docs
            .iter()
            .position(|d| std::ptr::eq(d.service, docs[i].service))
            .unwrap_or(i);
        match services.iter_mut().find(|(s, _)| *s == first) {
            Some((_, tasks)) => tasks.push(t),
            None => services.push((first, vec![t])),
        }
    }
    let used: Vec<usize> = (0..TASKS.len())
        .filter(|t| members.iter().any(|(_, mt)| mt == t))
        .collect();
    let service_rows = services
        .iter()
        .map(|(first, tasks)| {
            let s = docs[*first].service;
            let service_page = md::relative(&page_path, &docs[*first].service_page);
            let count = |t: usize| tasks.iter().filter(|x| **x == t).count();
            let offered: Vec<String> = used
                .iter()
                .filter(|t| count(**t) > 0)
                .map(|t| format!("{} {}", inline(TASKS[*t].0), count(*t)))
                .collect();
            let missing: Vec<String> = used
                .iter()
                .filter(|t| count(**t) == 0 && **t != TASKS.len() - 1)
                .map(|t| inline(TASKS[*t].0))
                .collect();
            ServiceRow {
                service: md::md(format!(
                    "{}<br>{} {}",
                    link(&inline(&s.name), &service_page),
                    provider_title(s),
                    cell_code(&s.version)
                )),
                operations: tasks.len(),
                offered: md::md(offered.join(", ")),
                missing: md::md(if missing.is_empty() {
                    "none".to_string()
                } else {
                    missing.join(", ")
                }),
            }
        })
        .collect();

    let tasks = used
        .iter()
        .map(|&t| {
            let in_task: Vec<usize> = members
                .iter()
                .filter(|(_, mt)| *mt == t)
                .map(|(i, _)| *i)
                .collect();
            let compared: Vec<String> = groups
                .iter()
                .filter(|g| g.members().iter().any(|m| in_task.contains(m)))
                .map(|g| link(&inline(&g.title), &md::relative(&page_path, &g.path)))
                .collect();
            TaskSection {
                title: TASKS[t].0.to_string(),
                how: md::md(format!("Operations whose {}.", inline(TASKS[t].1))),
                compared: (!compared.is_empty())
                    .then(|| md::md(format!("Compared side by side: {}.", compared.join(", ")))),
                rows: in_task
                    .iter()
                    .map(|&i| {
                        let d = &docs[i];
                        TaskRow {
                            operation: md::md(format!(
                                "{}<br>{}",
                                link(&cell_code(&d.op.name), &href(d)),
                                inline(&d.service.name)
                            )),
                            offers: md::md(offers(d, word)),
                        }
                    })
                    .collect(),
            }
        })
        .collect::<Vec<_>>();

    let contents = used
        .iter()
        .map(|&t| link(&inline(TASKS[t].0), &format!("#{}", md::slug(TASKS[t].0))))
        .collect::<Vec<_>>()
        .join(" · ");
    let rules = TASKS
        .iter()
        .map(|(task, rule)| format!("{}, whose {}", inline(task), inline(rule)))
        .collect::<Vec<_>>()
        .join("; ");
    let family_title = title(word);
    let word_title = super::compare::title_case(word);
    Some(FamilyPage {
        title: format!(
            "{family_title}: {} in {}",
            count(members.len(), "operation"),
            count(services.len(), "service")
        ),
        breadcrumb: md::md(format!(
            "{} › {}",
            link("Reference index", &md::relative(&page_path, super::INDEX)),
            inline(&family_title)
        )),
        rule: md::md(format!(
            "The family is every operation whose name has the word {} or {}. Each is listed under the first of these tasks whose rule its name matches: {rules}. What the client offers is read from the checked model by one rule for every operation; each operation links to its page.",
            md::code(&word_title),
            md::code(&format!("{word_title}s")),
        )),
        services: service_rows,
        contents: md::md(format!("Jump to: {contents}")),
        tasks,
    })
}

/// `1 parameter`, `2 parameters`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// What the client offers for one operation, one fact per line.
fn offers(d: &OpDoc<'_>, word: &str) -> String {
    let names = d.service.rust.operation(&d.op.name);
    let mut parts = vec![
        inline(&crate::emit::names::first_sentence(&d.op.summary)),
        format!(
            "Rust: {}",
            cell_code(&format!("{}::{}()", d.service.rust.client, names.method))
        ),
    ];
    let params: Vec<&Field> =
        d.op.parameters
            .iter()
            .filter(|p| !p.protocol_filled)
            .collect();
    let required: Vec<String> = params
        .iter()
        .filter(|p| p.required)
        .map(|p| cell_code(&p.name))
        .collect();
    parts.push(if required.is_empty() {
        format!("{}, none required", count(params.len(), "parameter"))
    } else {
        format!(
            "{}; required: {}",
            count(params.len(), "parameter"),
            required.join(", ")
        )
    });
    // A batch: a list of the family's ids (`ImageIds`) with a documented maximum.
    for p in &params {
        let w = words(&p.name);
        let of_family = w.iter().any(|x| x == word) || w.len() == 1;
        if !(of_family && w.last().is_some_and(|l| l == "ids")) {
            continue;
        }
        let max = p.constraints.iter().find_map(|c| match c.kind {
            ConstraintKind::MaxItems { value } => Some(value),
            _ => None,
        });
        parts.push(match max {
            Some(n) => format!("batch: up to {n} in {}", cell_code(&p.name)),
            None => format!("batch: {} (number not documented)", cell_code(&p.name)),
        });
    }
    if let (Some(p), Some(method)) = (&d.op.paginator, &names.paginator) {
        let by = match &p.page_size {
            Some(size) => format!("{} and {}", cell_code(&p.cursor), cell_code(size)),
            None => cell_code(&p.cursor),
        };
        parts.push(format!(
            "pages by {by}: {}",
            cell_code(&format!("{method}()"))
        ));
    }
    if !d.op.waiters.is_empty() {
        let waiters: Vec<String> = d.op.waiters.iter().map(|w| cell_code(&w.name)).collect();
        parts.push(format!("waiters: {}", waiters.join(", ")));
    }
    if let Some(r) = &d.op.rate_limit {
        parts.push(format!("rate limit: {} per {}", r.requests, inline(&r.per)));
    }
    let errors = d.op.errors.len();
    parts.push(match errors {
        0 => "no operation-specific errors documented".to_string(),
        1 => "1 documented error".to_string(),
        n => format!("{n} documented errors"),
    });
    parts.join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task_of(name: &str) -> &'static str {
        TASKS[task(&words(name))].0
    }

    #[test]
    fn tasks_follow_the_first_matching_rule() {
        assert_eq!(task_of("DescribeImageSharePermission"), "Share");
        assert_eq!(task_of("AddCustomImageShareAccount"), "Share");
        assert_eq!(task_of("DescribeExportImageStatus"), "Import and export");
        assert_eq!(task_of("DescribeImportImageOs"), "Import and export");
        assert_eq!(task_of("DescribeImageQuota"), "Quota");
        assert_eq!(task_of("SyncImages"), "Create and copy");
        assert_eq!(task_of("CreateImageByInstance"), "Create and copy");
        assert_eq!(task_of("ListCustomImages"), "Describe");
        assert_eq!(task_of("DeleteImages"), "Delete");
        assert_eq!(task_of("UpgradeAICInstanceImage"), "Modify");
        assert_eq!(task_of("StartTaskForDistributeImage"), "Other");
    }

    #[test]
    fn members_have_the_word_not_a_substring() {
        assert!(member("DescribeAICImages", "image"));
        assert!(member("ListImage", "image"));
        assert!(!member("DescribeImagery", "image"));
        assert!(!member("DescribeInstances", "image"));
    }
}
