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
