//! A request as the mock received it, and the URL form decoding its query and body need.

use serde::Serialize;

/// One request as received: what the signature covers, verbatim, plus what the mock made of
/// it.
#[derive(Debug, Clone, Serialize)]
pub struct Recorded {
    /// Its index among the requests the server received (from 0).
    pub index: usize,
    /// `POST`, `GET`, ...
    pub method: String,
    /// The path as sent (percent-encoded).
    pub path: String,
    /// The query as sent, without `?` (percent-encoded).
    pub raw_query: String,
    /// Header names (lower case) and values, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    #[serde(serialize_with = "lossy_text")]
    pub body: Vec<u8>,
    /// The operation it was routed to (`CreateImage`), if any.
    pub operation: Option<String>,
    /// The product of that operation's service (`cvm`).
    pub service: Option<String>,
    /// The request's parameters as the mock decoded them (a JSON object keyed by wire names),
    /// when it was routed.
    pub parameters: Option<serde_json::Value>,
    /// The signature it carries (`ACS3-HMAC-SHA256`, `HMAC-SHA1`, `ROA HMAC-SHA1`,
    /// `TC3-HMAC-SHA256`), if any.
    pub signature: Option<&'static str>,
    /// What the mock refused about it (signature, routing, validation), in order.
    pub problems: Vec<String>,
}

fn lossy_text<S: serde::Serializer>(body: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&String::from_utf8_lossy(body))
}

impl Recorded {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// How many times header `name` was sent.
    pub fn header_count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .count()
    }

    /// The query as decoded pairs, in wire order.
    pub fn query(&self) -> Vec<(String, String)> {
        parse_form(&self.raw_query)
    }

    /// The first value of query parameter `name`.
    pub fn query_value(&self, name: &str) -> Option<String> {
        self.query()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The body as decoded form pairs, in wire order (none when the body is not a form).
    pub fn form(&self) -> Vec<(String, String)> {
        if !self.is_form() {
            return Vec::new();
        }
        parse_form(std::str::from_utf8(&self.body).unwrap_or(""))
    }

    /// Whether the body is `application/x-www-form-urlencoded`.
    pub fn is_form(&self) -> bool {
        self.header("content-type").is_some_and(|t| {
            t.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Decodes `application/x-www-form-urlencoded` text (or a URL query) into pairs, in order:
/// `+` is a space, `%XX` a byte; a malformed escape is kept as it is, as browsers and the
/// vendors' gateways do.
pub fn parse_form(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect()
}

/// Percent-decodes `text` (and `+` as a space when `plus` is set); invalid UTF-8 is replaced.
pub fn percent_decode(text: &str, plus: bool) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus => {
                out.push(b' ');
                i += 1;
            }
            b'%' => match (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_plus_escapes_and_keep_bad_escapes() {
        assert_eq!(
            parse_form("a=1&b=x+y%2Bz&c&d=%E4%B8%AD&e=%zz%4"),
            [
                ("a".into(), "1".into()),
                ("b".into(), "x y+z".into()),
                ("c".into(), String::new()),
                ("d".into(), "中".into()),
                ("e".into(), "%zz%4".into()),
            ]
        );
        assert_eq!(percent_decode("a+b%20", false), "a+b ");
        assert_eq!(percent_decode("a+b%2Bc%3D%", true), "a b+c=%");
        // An escape at the very end is decoded too.
        assert_eq!(percent_decode("x%41", true), "xA");
        assert_eq!(
            parse_form("A=1&B=x+y"),
            [("A".into(), "1".into()), ("B".into(), "x y".into())]
        );
        assert!(parse_form("").is_empty());
    }
}
