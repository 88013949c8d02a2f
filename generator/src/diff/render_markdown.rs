//! `--format markdown`: a pull-request comment. A summary line, then one collapsible section
//! per severity (breaking ones open).

use super::{Change, Report, Severity, code};

fn item(c: &Change) -> String {
    let mut place = vec![code(&c.service)];
    if let Some(op) = &c.operation {
        place.push(code(op));
    }
    place.push(code(&c.path));
    let mut out = format!("- **{}** ({})\n", c.message, code(c.id));
    out.push_str(&format!("  - where: {}\n", place.join(" › ")));
    out.push_str(&format!("  - crate: {}\n", c.effect));
    let spec = match (&c.old, &c.new) {
        // The old side at a revision (`origin/main:specs/x.yaml`) at the same place is noise.
        (Some(o), Some(n))
            if !o.file.ends_with(&n.file) || (o.line, o.column) != (n.line, n.column) =>
        {
            format!("{} (was {})", code(&n.to_string()), code(&o.to_string()))
        }
        (_, Some(n)) => code(&n.to_string()),
        (Some(o), None) => format!("{} (removed)", code(&o.to_string())),
        (None, None) => String::new(),
    };
    if !spec.is_empty() {
        out.push_str(&format!("  - spec: {spec}\n"));
    }
    out
}

pub(super) fn render(report: &Report) -> String {
    let mut out = format!("### cloudspec diff: {}\n\n", report.summary());
    out.push_str(&format!(
        "Comparing {} (old) with {} (new).\n",
        code(&report.old),
        code(&report.new)
    ));
    for severity in Severity::ALL {
        let changes: Vec<&Change> = report
            .changes
            .iter()
            .filter(|c| c.severity == severity)
            .collect();
        if changes.is_empty() {
            continue;
        }
        let open = matches!(severity, Severity::Breaking | Severity::PotentiallyBreaking);
        out.push_str(&format!(
            "\n<details{}>\n<summary><strong>{}</strong> ({})</summary>\n\n",
            if open { " open" } else { "" },
            severity.title(),
            changes.len()
        ));
        for c in changes {
            out.push_str(&item(c));
        }
        out.push_str("\n</details>\n");
    }
    out
}
