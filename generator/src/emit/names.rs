//! Rust names and rustdoc text from spec names and spec prose.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

pub use crate::text::{code_span, is_bidi_control};

const STRICT: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A snake_case field or function name for a wire name. Keywords become raw identifiers
/// (`r#type`), and names that cannot be raw get a trailing underscore (`self_`).
pub fn field_ident(wire: &str) -> Ident {
    let mut name = wire.to_snake_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    if name.is_empty() {
        name = "value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("n{name}");
    }
    ident(&keyword_safe(&name))
}

/// A snake_case name as Rust accepts it: keywords as raw identifiers (`r#type`), the names
/// that cannot be raw with a trailing underscore (`self_`).
pub fn keyword_safe(name: &str) -> String {
    if NOT_RAW.contains(&name) {
        return format!("{name}_");
    }
    if STRICT.contains(&name) {
        return format!("r#{name}");
    }
    name.to_string()
}

/// A name without a raw identifier's `r#`.
pub fn bare(name: &str) -> &str {
    name.trim_start_matches("r#")
}

/// The identifier for a name as [`keyword_safe`] writes it (`r#type` becomes a raw one).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// An UpperCamelCase type or variant name. Text that yields nothing becomes `Value`; a leading
/// digit gets a `V` prefix; `Self` becomes `SelfValue`.
pub fn type_name(text: &str) -> String {
    let mut name = text.replace("%s", " ").to_upper_camel_case();
    name.retain(|c| c.is_ascii_alphanumeric());
    if name.is_empty() {
        name = "Value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("V{name}");
    }
    if name == "Self" {
        name = "SelfValue".into();
    }
    name
}

/// A type identifier.
pub fn type_ident(text: &str) -> Ident {
    Ident::new(&type_name(text), Span::call_site())
}

/// Makes `name` unique among `taken` by appending a number, and records it.
pub fn unique(name: String, taken: &mut Vec<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// Spec prose as rustdoc markdown that renders as the text it is: HTML, brackets, emphasis
/// markers, stray backticks and heading or code-block starts are escaped; a code span the prose
/// writes (`` `NORMAL` ``, balanced on one line) stays one, its text verbatim; URLs and `x://`
/// fragments become code spans (so rustdoc neither links nor flags them); control characters are
/// dropped.
pub fn doc_text(text: &str) -> String {
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let mut out = String::with_capacity(line.len());
        // Text and code spans alternate when the line's backticks pair up; otherwise the whole
        // line is text and its backticks are escaped.
        let parts: Vec<&str> = line.split('`').collect();
        let spans = parts.len() % 2 == 1 && parts.iter().skip(1).step_by(2).all(|p| !p.is_empty());
        for (n, part) in parts.iter().enumerate() {
            if !spans {
                if n > 0 {
                    out.push_str("\\`");
                }
                prose_into(&mut out, part, n == 0);
            } else if n % 2 == 1 {
                out.push_str(&code_span(part));
            } else {
                prose_into(&mut out, part, n == 0);
            }
        }
        lines.push(out);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// Escaped prose words (URLs as code spans); `line_start` says whether the text begins a line
/// (where `#`, `+`, `-`, `=` would start a block).
fn prose_into(out: &mut String, text: &str, line_start: bool) {
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.contains("://") {
            out.push_str(&code_span(word));
        } else if i == 0 && !line_start {
            // Mid-line: no block start to guard against.
            let escaped = escape_markdown(&format!("x{word}"));
            out.push_str(&escaped[1..]);
        } else {
            out.push_str(&escape_markdown(word));
        }
    }
}

fn escape_markdown(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for (i, c) in word.chars().enumerate() {
        match c {
            c if is_bidi_control(c) => out.push_str(&format!("U+{:04X}", c as u32)),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if i == 0 && out.is_empty() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The first sentence of a description, for one-line summaries.
pub fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(i, c)| *c == '.' && text[i + 1..].starts_with([' ', '\n']))
        .map_or(text.len(), |(i, _)| i + 1);
    text[..end].replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idents() {
        assert_eq!(field_ident("ImageName").to_string(), "image_name");
        assert_eq!(
            field_ident("TargetOSSRegionId").to_string(),
            "target_oss_region_id"
        );
        assert_eq!(field_ident("Type").to_string(), "r#type");
        assert_eq!(field_ident("Self").to_string(), "self_");
        assert_eq!(field_ident("2fa").to_string(), "n2fa");
        assert_eq!(field_ident("x-acs-foo").to_string(), "x_acs_foo");
        assert_eq!(field_ident("%%").to_string(), "value");
        assert_eq!(
            type_name("InvalidParameter.DataDiskIdContainsRootDisk"),
            "InvalidParameterDataDiskIdContainsRootDisk"
        );
        assert_eq!(type_name("InvalidParameter.%s"), "InvalidParameter");
        assert_eq!(type_name("cn-beijing"), "CnBeijing");
        assert_eq!(type_name("1"), "V1");
        assert_eq!(type_name("Self"), "SelfValue");
    }

    #[test]
    fn unique_names() {
        let mut taken = vec!["A".to_string()];
        assert_eq!(unique("A".into(), &mut taken), "A2");
        assert_eq!(unique("A".into(), &mut taken), "A3");
    }

    #[test]
    fn docs_are_inert() {
        assert_eq!(
            doc_text("a <script>alert(1)</script> b"),
            "a &lt;script&gt;alert(1)&lt;/script&gt; b"
        );
        // A balanced code span stays one; its text is not escaped.
        assert_eq!(
            doc_text("see [x] and `y_z*` */"),
            "see \\[x\\] and `y_z*` \\*/"
        );
        assert_eq!(doc_text("`<b>` and `a`"), "`<b>` and `a`");
        // Unpaired or empty spans: every backtick escaped.
        assert_eq!(doc_text("a ` b"), "a \\` b");
        assert_eq!(doc_text("a `b` c `d"), "a \\`b\\` c \\`d");
        assert_eq!(doc_text("a `` b"), "a \\`\\` b");
        assert_eq!(doc_text("`# x` y"), "`# x` y");
        assert_eq!(doc_text("x`-y`"), "x`-y`");
        assert_eq!(
            doc_text("cannot contain http:// or https://."),
            "cannot contain `http://` or `https://.`"
        );
        assert_eq!(doc_text("    indented\n# head"), "indented\n\\# head");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(doc_text("a\u{202E}b"), "aU+202Eb");
        assert_eq!(code_span("x\u{2066}"), "`xU+2066`");
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(first_sentence("v1.0 is. Two"), "v1.0 is.");
    }
}
