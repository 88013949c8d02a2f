//! Text helpers shared by the model's plain-words descriptions and the emitters.

/// A markdown code span holding `text` verbatim, whatever backticks it contains.
pub fn code_span(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if is_bidi_control(c) {
                format!("U+{:04X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in clean.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    if clean.starts_with('`') || clean.ends_with('`') || clean.is_empty() {
        format!("{fence} {clean} {fence}")
    } else {
        format!("{fence}{clean}{fence}")
    }
}

/// Characters that reorder text on screen (bidirectional overrides and isolates). Rust rejects
/// them in comments and they can disguise text, so docs show their code point instead.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A JSON value as text: strings as they are (no quotes), anything else as JSON. This is how
/// enum values travel on the wire and how examples read in docs and messages.
pub fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The run of asterisks vendors put in examples in place of real characters
/// (`ace0706b2ac4454d984295a94213****`, `180185828710****` for a number).
pub const MASK: &str = "****";

/// Whether an example value is masked: text holding [`MASK`]. Its hidden characters cannot be
/// judged, so only its type and length are.
pub fn is_masked(v: &serde_json::Value) -> bool {
    v.as_str().is_some_and(|s| s.contains(MASK))
}

/// A masked number (`180185828710****`): digits and asterisks, an optional leading `-`, with
/// [`MASK`] in it. Gives the number with each asterisk read as `0`, for an example that must
/// compile.
pub fn masked_number(s: &str) -> Option<String> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let ok = s.contains(MASK) && digits.chars().all(|c| c.is_ascii_digit() || c == '*');
    ok.then(|| s.replace('*', "0"))
}

/// A GitHub Actions workflow-command message: `%`, CR and LF escaped, so one command stays on
/// one line.
pub fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow-command property value (`file=…`, `title=…`): also `:` and `,` escaped.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod mask_tests {
    use super::*;

    #[test]
    fn masks() {
        assert!(is_masked(&serde_json::json!("i-abc****")));
        assert!(!is_masked(&serde_json::json!("a*b")));
        assert!(!is_masked(&serde_json::json!(12)));
        assert_eq!(
            masked_number("180185828710****").as_deref(),
            Some("1801858287100000")
        );
        assert_eq!(masked_number("-12****").as_deref(), Some("-120000"));
        assert_eq!(masked_number("12*"), None);
        assert_eq!(masked_number("12a****"), None);
    }
}
