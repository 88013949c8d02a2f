//! The default output: one block per change, rustc style, worst first.

use super::{Change, Report, Severity};

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Breaking => "1;31",
            Severity::PotentiallyBreaking => "1;33",
            Severity::NonBreaking => "1;32",
            Severity::DocsOnly => "1;36",
        };
        self.wrap(code, s.id())
    }
}

fn block(c: &Change, p: &Paint) -> String {
    let mut out = format!(
        "{}[{}]: {}\n",
        p.severity(c.severity),
        c.id,
        p.wrap("1", &c.message)
    );
    let mut place = c.service.clone();
    if let Some(op) = &c.operation {
        place.push(' ');
        place.push_str(op);
    }
    out.push_str(&format!("  {} {place} {}\n", p.wrap("1;34", "-->"), c.path));
    match (&c.old, &c.new) {
        (Some(o), Some(n)) => {
            out.push_str(&format!("   {} old {o}\n", p.wrap("1;34", "|")));
            out.push_str(&format!("   {} new {n}\n", p.wrap("1;34", "|")));
        }
        (Some(o), None) => out.push_str(&format!("   {} old {o}\n", p.wrap("1;34", "|"))),
        (None, Some(n)) => out.push_str(&format!("   {} new {n}\n", p.wrap("1;34", "|"))),
        (None, None) => {}
    }
    out.push_str(&format!("   {} crate: {}\n", p.wrap("1;34", "="), c.effect));
    out
}

pub(super) fn render(report: &Report, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = format!(
        "comparing {} (old) with {} (new)\n\n",
        report.old, report.new
    );
    for c in &report.changes {
        out.push_str(&block(c, &p));
        out.push('\n');
    }
    out.push_str(&p.wrap("1", &report.summary()));
    out.push('\n');
    out
}
