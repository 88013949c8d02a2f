//! Markdown from spec text: escaping, code spans, links and anchors.
//!
//! Every piece of spec text reaches a page through one of these functions, so a description
//! can never break a table or inject markup:
//!
//! - [`Markdown`] is the askama escaper of the `.md` templates (configured in
//!   `generator/askama.toml`): a plain `{{ value }}` in a template is escaped with [`inline`].
//! - Fragments built here (code spans, links, cells made of several parts) are [`Md`] values,
//!   which askama writes as they are. Only this module and the page builders make them.
//!
//! Anchors: link targets inside a page are explicit `<a id="…" name="…"></a>` elements with a
//! prefix (`param-`, `response-`, `error-`, `common-error-`, `rule-`, `note-`, `type-`,
//! `rate-limit`), made by [`Anchors`] ([`anchor_tag`]). GitHub keeps these attributes (it
//! prefixes `user-content-` and resolves `#…` fragments to them; its documentation names
//! `<a name>` for custom anchors), and plain CommonMark renderers pass the HTML through. Section
//! headings are fixed English text, linked by their GitHub slug ([`slug`]); the prefixes keep
//! the two kinds of anchor apart.

use std::fmt;

use askama::filters::Safe;

/// Markdown that is already safe to write as it is (built by this module).
pub type Md = Safe<String>;

/// Wraps finished markdown.
pub fn md(text: impl Into<String>) -> Md {
    Safe(text.into())
}

/// The askama escaper for `.md` templates: [`inline`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl askama::filters::Escaper for Markdown {
    fn write_escaped_str<W: fmt::Write>(&self, mut dest: W, string: &str) -> fmt::Result {
        dest.write_str(&inline(string))
    }
}

/// Characters that never reach a page: C0/C1 controls other than whitespace, and the Unicode
/// bidirectional overrides and isolates (which can make text display differently from what it
/// is).
fn is_dropped(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Spec text as one line of inline markdown that renders as the text itself, in a paragraph,
/// a list item, a heading or a table cell: whitespace runs (newlines included) become one
/// space; `\` `` ` `` `*` `_` `[` `]` `|` `~` `#` `$` are backslash-escaped; `<` `>` `&`
/// become entities; a leading `-` `+` `=` or `1.` is escaped so the text cannot start a list,
/// heading or rule; control characters are dropped; words containing `://` become code spans
/// (so they are neither autolinked nor mistaken for markup).
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for word in text
        .split(|c: char| c.is_whitespace())
        .map(|w| w.chars().filter(|c| !is_dropped(*c)).collect::<String>())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        let at_start = out.is_empty();
        if let Some(span) = url_word(&word, at_start) {
            out.push_str(&span);
        } else {
            escape_word(&word, at_start, &mut out);
            if word.chars().count() > CODE_WRAP {
                // A long word (`DISABLE_NOTIFY_AND_MANUAL_RENEW`, `a/b/c`) may break after its
                // `_`, `/` and `.`, so it does not set the width of a table column.
                let start = out.len() - escaped_len(&word, at_start);
                let escaped = out.split_off(start);
                out.push_str(&with_breaks(&escaped));
            }
        }
    }
    out
}

/// The length of `word` as [`escape_word`] writes it.
fn escaped_len(word: &str, at_start: bool) -> usize {
    let mut s = String::new();
    escape_word(word, at_start, &mut s);
    s.len()
}

/// Escaped text with `<wbr>` after each `_` `/` `.` that has more text after it.
fn with_breaks(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len() + 16);
    let mut chars = escaped.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, '_' | '/' | '.') && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
            out.push_str("<wbr>");
        }
    }
    out
}

/// A word like `(see:https://x.y/z).` as ``(see:`https://x.y/z`).``: the code span holds the
/// address from its scheme on, and what comes before or after it (trailing punctuation)
/// stays outside, escaped. `None` when the word has no `scheme://` or the address holds
/// characters a code span cannot carry in every context (`|`, backticks).
fn url_word(word: &str, at_start: bool) -> Option<String> {
    let sep = word.find("://")?;
    let scheme_start = word[..sep]
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || "+.-".contains(*c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if scheme_start == sep {
        return None;
    }
    let (lead, rest) = word.split_at(scheme_start);
    let core = rest.trim_end_matches(['.', ',', ';', ':', ')', ']', '"', '\'', '!', '?']);
    if core.len() < sep - scheme_start + 3 || core.contains(['|', '`']) {
        return None;
    }
    let tail = &rest[core.len()..];
    let mut out = String::new();
    escape_word(lead, at_start, &mut out);
    // `core` holds no `|`, so the cell form is the plain form.
    out.push_str(&cell_code_wrapping(core));
    escape_word(tail, false, &mut out);
    Some(out)
}

/// Text escaped as [`inline`] escapes it, with its spaces kept and no line-start rules: for
/// words between other markdown on a line.
pub fn escape_fragment(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !is_dropped(*c))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(clean.len());
    escape_word(&clean, false, &mut out);
    out
}

fn escape_word(word: &str, at_start: bool, out: &mut String) {
    // A leading ordered-list marker (`1.` or `1)`) is defused by escaping its punctuation.
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let list_marker = at_start
        && digits > 0
        && digits <= 9
        && word[digits..].starts_with(['.', ')'])
        && word.len() == digits + 1;
    for (i, c) in word.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start && i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if list_marker && i == digits => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// Spec text as markdown paragraphs, for prose outside tables and lists: blank lines separate
/// paragraphs, a single line break stays a line break (a hard break, `\` at the end of the
/// line), and each line is escaped with [`inline`].
pub fn block(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.split('\n') {
        let line = inline(line);
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            p.push(line);
        }
    }
    paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A code span holding `text` (control characters dropped), for use outside tables.
pub fn code(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !is_dropped(*c))
        .collect();
    super::super::names::code_span(&clean)
}

/// A code span for a table cell: as [`code`], with `|` escaped as GitHub tables require (the
/// table splits cells before it parses code spans, and turns `\|` back into `|`). A backslash
/// right before a pipe cannot be written inside a code span in a table (the splitter reads
/// `\\` as an escaped backslash and the pipe as a cell border), so such text is written as
/// escaped plain text instead.
pub fn cell_code(text: &str) -> String {
    if text.contains("\\|") {
        return escape_fragment(text);
    }
    code(text).replace('|', "\\|")
}

/// The longest run of a code span without a line-break opportunity, in characters: longer
/// code is written with line-break opportunities by [`cell_code_wrapping`]. (Shorter code
/// stays whole: a table sizes the columns it can wrap narrowest, and a name broken in two
/// reads worse than a wider column.)
pub const CODE_WRAP: usize = 28;

/// The longest piece [`code_pieces`] makes of a run without other break opportunities.
pub const CODE_PIECE: usize = 24;

/// The pieces of `text` a line may break between: after a space and after `.` `/` `?` `&`
/// `=` `,` `:` `;` `_` `-`, before `@`, before a capital that follows a small letter or digit,
/// and, in a run with none of these, every [`CODE_PIECE`] characters.
pub fn code_pieces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces: Vec<String> = Vec::new();
    let mut piece = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let hump = c.is_ascii_uppercase()
            && i > 0
            && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
        if (hump || c == '@' || piece.chars().count() == CODE_PIECE) && !piece.is_empty() {
            pieces.push(std::mem::take(&mut piece));
        }
        piece.push(c);
        if " ./?&=,:;_-".contains(c) {
            pieces.push(std::mem::take(&mut piece));
        }
    }
    pieces.extend((!piece.is_empty()).then_some(piece));
    pieces
}

/// Code for a table cell that a narrow column can wrap: as [`cell_code`] when no run of it
/// without a space is longer than [`CODE_WRAP`] characters; otherwise one `<code>` element
/// holding the text escaped, with `<wbr>` at each of its [`code_pieces`] boundaries, so a long
/// dotted name, error code, URL or example value no longer sets the table's width (it breaks
/// only where the column is too narrow, and copies as the text itself). No piece holds a whole
/// `https://`, `www.` or `@`-address, so nothing in it is autolinked.
pub fn cell_code_wrapping(text: &str) -> String {
    let long_run = text.split(' ').any(|w| w.chars().count() > CODE_WRAP);
    if !long_run
        || text
            .chars()
            .any(|c| c.is_whitespace() && c != ' ' || is_dropped(c))
    {
        return cell_code(text);
    }
    let inner: Vec<String> = code_pieces(text)
        .iter()
        .map(|p| escape_fragment(p))
        .collect();
    format!("<code>{}</code>", inner.join("<wbr>"))
}

/// A JSON value as a cell code span: strings as their text, anything else as compact JSON;
/// long values may wrap ([`cell_code_wrapping`]).
pub fn cell_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => cell_code_wrapping(s),
        other => cell_code_wrapping(&other.to_string()),
    }
}

/// A fenced code block holding `body` verbatim (control characters other than tab dropped, a
/// trailing newline trimmed); the fence is longer than any run of backticks in the body.
pub fn fence(info: &str, body: &str) -> String {
    let body: String = body
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !is_dropped(*c))
        .collect();
    let body = body.trim_end_matches('\n');
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}{info}\n{body}\n{fence}")
}

/// A link to a page or anchor this emitter made. `href` is built from [`Anchors`] ids and page
/// paths, which hold only `[A-Za-z0-9._/#-]`.
pub fn link(text_md: &str, href: &str) -> String {
    debug_assert!(
        href.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._/#-".contains(c)),
        "unsafe href {href}"
    );
    format!("[{text_md}]({href})")
}

/// An external address: an autolink for `http(s)` URLs (characters an autolink or a table cell
/// cannot carry are percent-encoded), otherwise a code span (`in_cell` chooses [`cell_code`]).
pub fn external(url: &str, in_cell: bool) -> String {
    let url = url.trim();
    let is_web = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > url.find("://").map_or(0, |i| i + 3);
    if !is_web {
        return if in_cell { cell_code(url) } else { code(url) };
    }
    let mut out = String::from("<");
    for b in url.bytes() {
        let c = b as char;
        if b.is_ascii_graphic() && !matches!(c, '<' | '>' | '|' | '`' | '\\' | '"') {
            out.push(c);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.push('>');
    out
}

/// The explicit anchor element for `id`. It carries the id twice: GitHub documents `name`
/// for custom anchors, HTML5 and other renderers use `id`; browsers resolve a fragment to
/// either.
pub fn anchor_tag(id: &str) -> String {
    format!("<a id=\"{id}\" name=\"{id}\"></a>")
}

/// Anchor ids unique within one page.
#[derive(Debug, Default)]
pub struct Anchors {
    taken: Vec<String>,
}

impl Anchors {
    /// A new id `prefix-name`: the name lower-cased, every run of other characters than ASCII
    /// letters and digits made one `-`; `-2`, `-3`… appended when taken.
    pub fn make(&mut self, prefix: &str, name: &str) -> String {
        let words: Vec<String> = name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let body = if words.is_empty() {
            "x".to_string()
        } else {
            words.join("-")
        };
        let id = if prefix.is_empty() {
            body
        } else {
            format!("{prefix}-{body}")
        };
        let mut candidate = id.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{id}-{n}");
            n += 1;
        }
        self.taken.push(candidate.clone());
        candidate
    }
}

/// GitHub's heading anchor for heading text: lower-cased, characters other than letters,
/// digits, spaces, `-` and `_` removed, spaces made `-`. Used for the fixed section headings.
pub fn slug(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// A relative path from the page at `from` to the page at `to` (both relative to the docs
/// root, `/`-separated).
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = match from.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

/// A path segment from a spec name: ASCII letters, digits, `.`, `_` and `-` kept, anything
/// else made `-`; never empty, never `.` or `..`.
pub fn path_segment(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.trim_matches('.').is_empty() {
        s = format!("x{s}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_markup() {
        assert_eq!(
            inline("a <script>alert(1)</script> & b"),
            "a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b"
        );
        assert_eq!(
            inline("*/ `x` [y](z) _u_ ~s~ $m$ #h a|b \\"),
            "\\*/ \\`x\\` \\[y\\](z) \\_u\\_ \\~s\\~ \\$m\\$ \\#h a\\|b \\\\"
        );
        assert_eq!(
            inline("line one\n\nline\r\ntwo\t end  "),
            "line one line two end"
        );
        assert_eq!(inline("a\u{0}b\u{7}c\u{1b}[31m d\u{202E}e"), "abc\\[31m de");
        assert_eq!(inline("名前は「テスト」 — ok"), "名前は「テスト」 — ok");
    }

    #[test]
    fn inline_breaks_long_words() {
        assert_eq!(inline("NOTIFY_AND_RENEW"), "NOTIFY\\_AND\\_RENEW");
        assert_eq!(
            inline("x DISABLE_NOTIFY_AND_MANUAL_RENEW: y"),
            "x DISABLE\\_<wbr>NOTIFY\\_<wbr>AND\\_<wbr>MANUAL\\_<wbr>RENEW: y"
        );
        assert_eq!(
            inline("path/to/a/very/long/file/name.txt."),
            "path/<wbr>to/<wbr>a/<wbr>very/<wbr>long/<wbr>file/<wbr>name.<wbr>txt."
        );
    }

    #[test]
    fn inline_defuses_line_starts() {
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("+ item"), "\\+ item");
        assert_eq!(inline("==="), "\\===");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(inline("12) x"), "12\\) x");
        assert_eq!(inline("1.5 GB"), "1.5 GB");
        assert_eq!(inline("    code"), "code");
        assert_eq!(inline("a - b"), "a - b");
        assert_eq!(inline("> quote"), "&gt; quote");
    }

    #[test]
    fn inline_urls_become_code() {
        assert_eq!(
            inline("cannot contain http:// or https://."),
            "cannot contain `http://` or `https://`."
        );
        assert_eq!(inline("(see https://a.b/c_d)."), "(see `https://a.b/c_d`).");
        assert_eq!(inline("\"https://a.b\""), "\"`https://a.b`\"");
        assert_eq!(inline("x://|y"), "x://\\|y");
        assert_eq!(
            inline("[a link](https://evil.example)"),
            "\\[a link\\](`https://evil.example`)"
        );
        assert_eq!(inline("://x"), "://x");
    }

    #[test]
    fn block_keeps_paragraphs_and_lines() {
        assert_eq!(
            block("First line.\nSecond *line*.\n\n\n# Not a heading\n- not a list"),
            "First line.\\\nSecond \\*line\\*.\n\n\\# Not a heading\\\n\\- not a list"
        );
        assert_eq!(block("\n\n  \n"), "");
        assert_eq!(block("a\rb"), "a\\\nb");
    }

    #[test]
    fn code_spans() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`"), "`` ` ``");
        assert_eq!(cell_code("a|b"), "`a\\|b`");
        assert_eq!(cell_code("a\\|b"), "a\\\\\\|b");
        assert_eq!(code("a\nb\u{0}"), "`a b`");
        assert_eq!(cell_value(&serde_json::json!(5)), "`5`");
        assert_eq!(cell_value(&serde_json::json!("x")), "`x`");
    }

    #[test]
    fn long_code_spans_wrap() {
        assert_eq!(code_pieces("ImageId"), ["Image", "Id"]);
        assert_eq!(
            code_pieces("Placement.HostIds"),
            ["Placement.", "Host", "Ids"]
        );
        assert_eq!(
            code_pieces("https://a.b/c?d=e&f=g_h x@y"),
            [
                "https:", "/", "/", "a.", "b/", "c?", "d=", "e&", "f=", "g_", "h ", "x", "@y"
            ]
        );
        assert_eq!(
            code_pieces(&"x".repeat(50)),
            ["x".repeat(24), "x".repeat(24), "x".repeat(2)]
        );
        // Short code stays a code span.
        assert_eq!(
            cell_code_wrapping("Placement.HostIds"),
            "`Placement.HostIds`"
        );
        assert_eq!(
            cell_code_wrapping("ImageSet.SnapshotSet.Disk"),
            "`ImageSet.SnapshotSet.Disk`"
        );
        assert_eq!(cell_code_wrapping("a|b"), "`a\\|b`");
        assert_eq!(
            cell_code_wrapping("InstanceMarketOptions.SpotOptions.SpotType"),
            "<code>Instance<wbr>Market<wbr>Options.<wbr>Spot<wbr>Options.<wbr>Spot<wbr>Type</code>"
        );
        // Markup, pipes and HTML in long code are escaped as text.
        assert_eq!(
            cell_code_wrapping("aaaaaaaaaaaaaaaaaaaaaaaaa|<b>*x*</b>"),
            "<code>aaaaaaaaaaaaaaaaaaaaaaaa<wbr>a\\|&lt;b&gt;\\*x\\*&lt;/<wbr>b&gt;</code>"
        );
        assert_eq!(
            cell_code_wrapping("user@example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
            "<code>user<wbr>@example.<wbr>com/<wbr>aaaaaaaaaaaaaaaaaaaaaaaa<wbr>aaaa</code>"
        );
        // Every piece joined gives the text back.
        let text = "a-b c  d.eeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
        assert_eq!(code_pieces(text).concat(), text);
    }

    #[test]
    fn fences_outgrow_the_body() {
        assert_eq!(fence("json", "{}\n"), "```json\n{}\n```");
        assert_eq!(fence("", "a ```` b"), "`````\na ```` b\n`````");
    }

    #[test]
    fn external_links() {
        assert_eq!(
            external("https://a.b/c?q=1&r=|x", true),
            "<https://a.b/c?q=1&r=%7Cx>"
        );
        assert_eq!(
            external("https://a.b/é <x>", false),
            "<https://a.b/%C3%A9%20%3Cx%3E>"
        );
        assert_eq!(
            external("shared/reference/wire.md", false),
            "`shared/reference/wire.md`"
        );
        assert_eq!(external("https://", false), "`https://`");
    }

    #[test]
    fn anchors_are_unique() {
        let mut a = Anchors::default();
        assert_eq!(a.make("param", "ImageName"), "param-imagename");
        assert_eq!(a.make("param", "Image_Name"), "param-image-name");
        assert_eq!(a.make("param", "imagename"), "param-imagename-2");
        assert_eq!(a.make("param", "Data.ImageId"), "param-data-imageid");
        assert_eq!(a.make("param", "%%"), "param-x");
        assert_eq!(a.make("", "Tag.Key"), "tag-key");
        assert_eq!(a.make("", "--"), "x");
    }

    #[test]
    fn paths() {
        assert_eq!(relative("README.md", "a/b/c.md"), "a/b/c.md");
        assert_eq!(relative("a/b/c.md", "README.md"), "../../README.md");
        assert_eq!(relative("a/b/c.md", "a/b/README.md"), "README.md");
        assert_eq!(relative("compare/x.md", "a/b/c.md"), "../a/b/c.md");
        assert_eq!(path_segment("swas-open"), "swas-open");
        assert_eq!(path_segment("../x y"), "..-x-y");
        assert_eq!(path_segment(".."), "x..");
        assert_eq!(slug("Rate limit and notes"), "rate-limit-and-notes");
        assert_eq!(slug("Rules across parameters"), "rules-across-parameters");
    }
}
