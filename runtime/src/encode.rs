//! Percent-encoding helpers that reproduce, byte for byte, what the vendors' official Python SDKs
//! put on the wire and into their signatures.
//!
//! Two encodings are needed:
//!
//! * [`percent_encode_rfc3986`] is Python's `urllib.parse.quote(v, safe='~')`: the RFC 3986
//!   unreserved characters `A-Z a-z 0-9 - _ . ~` are kept, every other byte of the UTF-8
//!   encoding becomes `%XX` with upper-case hex digits (space becomes `%20`). The Alibaba
//!   signatures (ACS3 canonical query string, RPC canonicalized query string) use it.
//! * [`form_urlencode`] is Python's `urllib.parse.quote_plus(v, safe='')`, which
//!   `urllib.parse.urlencode` applies to every key and value: identical to the above except that
//!   a space becomes `+`. The Alibaba SDK uses it for the URL query and the form body actually
//!   sent, so the wire carries `+` while the signature covers `%20`.
//!
//! Neither function ever panics; both accept any `&str`.

/// Upper-case hexadecimal digits used for `%XX` escapes.
const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Returns `true` for the RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`), which Python's
/// `quote` never escapes.
const fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~')
}

/// [`is_unreserved`] for every byte, so the encoding loop does one load per byte.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = is_unreserved(byte as u8);
        byte += 1;
    }
    table
};

/// Appends the percent-encoding of `input` to `out`; a space is written as `space`.
///
/// Runs of unreserved characters (most of every key and value) are copied as one slice.
fn encode_into(out: &mut String, input: &str, space: &str) {
    let bytes = input.as_bytes();
    out.reserve(bytes.len());
    let mut run = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if UNRESERVED[usize::from(byte)] {
            continue;
        }
        if run < i {
            // Bytes `run..i` are unreserved, so ASCII: both ends are character boundaries.
            out.push_str(&input[run..i]);
        }
        run = i + 1;
        if byte == b' ' {
            out.push_str(space);
        } else {
            out.push('%');
            out.push(char::from(HEX_UPPER[usize::from(byte >> 4)]));
            out.push(char::from(HEX_UPPER[usize::from(byte & 0x0f)]));
        }
    }
    if run < bytes.len() {
        // The tail is a run of unreserved (ASCII) bytes.
        out.push_str(&input[run..]);
    }
}

/// Percent-encodes `input` exactly like Python's `urllib.parse.quote(input, safe='~')`.
///
/// The unreserved characters `A-Z a-z 0-9 - _ . ~` are kept; every other byte of the UTF-8
/// encoding is written as `%XX` with upper-case hex digits, so a space becomes `%20`, `*` becomes
/// `%2A` and `/` becomes `%2F`.
///
/// ```
/// use cloudspec_runtime::encode::percent_encode_rfc3986;
/// assert_eq!(percent_encode_rfc3986("a b*~/"), "a%20b%2A~%2F");
/// ```
#[must_use]
pub fn percent_encode_rfc3986(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    encode_into(&mut out, input, "%20");
    out
}

/// Form-encodes `input` exactly like Python's `urllib.parse.quote_plus(input, safe='')`, the
/// function `urllib.parse.urlencode` applies to every key and value.
///
/// Identical to [`percent_encode_rfc3986`] except that a space becomes `+` (and a literal `+`
/// therefore becomes `%2B`).
///
/// ```
/// use cloudspec_runtime::encode::form_urlencode;
/// assert_eq!(form_urlencode("a b+c*~/="), "a+b%2Bc%2A~%2F%3D");
/// ```
#[must_use]
pub fn form_urlencode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    encode_into(&mut out, input, "+");
    out
}

/// Serialises `pairs` as `k=v&k=v…` for the wire, like Python's `urllib.parse.urlencode`.
///
/// Used for the URL query and for `application/x-www-form-urlencoded` bodies: keys and values
/// are both encoded with [`form_urlencode`] and the given order is kept. An empty slice gives an
/// empty string; an empty value gives `key=`.
///
/// ```
/// use cloudspec_runtime::encode::encode_pairs_plus;
/// let pairs = [("Name", "my image"), ("Tag.1.Key", "")];
/// assert_eq!(encode_pairs_plus(&pairs), "Name=my+image&Tag.1.Key=");
/// ```
#[must_use]
pub fn encode_pairs_plus<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = String::new();
    encode_pairs_plus_into(&mut out, pairs);
    out
}

/// The unencoded length of `pairs` joined as `k=v&...`: the least the encoded text needs, and
/// usually all of it (request values are mostly unreserved characters).
fn joined_len<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> usize {
    pairs
        .iter()
        .map(|(k, v)| k.as_ref().len() + v.as_ref().len() + 2)
        .sum()
}

/// [`encode_pairs_plus`] appended to `out`.
pub fn encode_pairs_plus_into<K: AsRef<str>, V: AsRef<str>>(out: &mut String, pairs: &[(K, V)]) {
    out.reserve(joined_len(pairs));
    for (index, (key, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        encode_into(out, key.as_ref(), "+");
        out.push('=');
        encode_into(out, value.as_ref(), "+");
    }
}

/// Builds the ACS3 (Alibaba "V3") `CanonicalQueryString` from `pairs`.
///
/// The pairs are sorted by key, comparing bytes (the same order as Python's string sort, so
/// `Tag.1 < Tag.10 < Tag.2`); pairs with equal keys keep their relative order. Each pair is
/// written as `key=value` with the key **not** encoded and the value encoded with
/// [`percent_encode_rfc3986`]; an empty value gives `key=`. Pairs are joined with `&`; an empty
/// slice gives an empty string.
///
/// ```
/// use cloudspec_runtime::encode::canonical_query;
/// let pairs = [("Tag.2", "b c"), ("Tag.10", "*"), ("Tag.1", "")];
/// assert_eq!(canonical_query(&pairs), "Tag.1=&Tag.10=%2A&Tag.2=b%20c");
/// ```
#[must_use]
pub fn canonical_query<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut sorted: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(key, value)| (key.as_ref(), value.as_ref()))
        .collect();
    // A stable sort on the key alone: equal keys keep the caller's order.
    sorted.sort_by(|left, right| left.0.cmp(right.0));
    let mut out = String::with_capacity(joined_len(&sorted));
    for (index, (key, value)) in sorted.into_iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        encode_into(&mut out, value, "%20");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn rfc3986_keeps_unreserved_characters() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
        assert_eq!(percent_encode_rfc3986(unreserved), unreserved);
        assert_eq!(form_urlencode(unreserved), unreserved);
    }

    #[test]
    fn rfc3986_escapes_reserved_and_special_characters() {
        assert_eq!(percent_encode_rfc3986(""), "");
        assert_eq!(percent_encode_rfc3986(" "), "%20");
        assert_eq!(percent_encode_rfc3986("a b"), "a%20b");
        assert_eq!(percent_encode_rfc3986("*"), "%2A");
        assert_eq!(percent_encode_rfc3986("~"), "~");
        assert_eq!(percent_encode_rfc3986("/"), "%2F");
        assert_eq!(percent_encode_rfc3986("+"), "%2B");
        assert_eq!(percent_encode_rfc3986("="), "%3D");
        assert_eq!(percent_encode_rfc3986("&"), "%26");
        assert_eq!(percent_encode_rfc3986("%"), "%25");
        assert_eq!(percent_encode_rfc3986(":"), "%3A");
        assert_eq!(
            percent_encode_rfc3986("!\"#$'()+,;<>?@[\\]^`{|}"),
            "%21%22%23%24%27%28%29%2B%2C%3B%3C%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D"
        );
        assert_eq!(percent_encode_rfc3986("\n\t\0\x7f"), "%0A%09%00%7F");
        assert_eq!(
            percent_encode_rfc3986("2016-02-23T12:46:24Z"),
            "2016-02-23T12%3A46%3A24Z"
        );
    }

    #[test]
    fn rfc3986_encodes_utf8_bytes_upper_case() {
        // Python: quote('未命名', safe='~')
        assert_eq!(
            percent_encode_rfc3986("未命名"),
            "%E6%9C%AA%E5%91%BD%E5%90%8D"
        );
        assert_eq!(percent_encode_rfc3986("é"), "%C3%A9");
        assert_eq!(percent_encode_rfc3986("😀"), "%F0%9F%98%80");
    }

    #[test]
    fn form_urlencode_uses_plus_for_space() {
        assert_eq!(form_urlencode(""), "");
        assert_eq!(form_urlencode(" "), "+");
        assert_eq!(form_urlencode("my image v2"), "my+image+v2");
        assert_eq!(form_urlencode("+"), "%2B");
        assert_eq!(form_urlencode("*"), "%2A");
        assert_eq!(form_urlencode("~"), "~");
        assert_eq!(form_urlencode("/"), "%2F");
        assert_eq!(form_urlencode("="), "%3D");
        assert_eq!(form_urlencode("未命名 x"), "%E6%9C%AA%E5%91%BD%E5%90%8D+x");
        // A base64 signature appended to the RPC query.
        assert_eq!(
            form_urlencode("OLeaidS1JvxuMvnyHOwuJ+uX5qY="),
            "OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"
        );
        assert_eq!(form_urlencode("a/b+c="), "a%2Fb%2Bc%3D");
    }

    #[test]
    fn encode_pairs_plus_keeps_order_and_encodes_both_sides() {
        let empty: [(String, String); 0] = [];
        assert_eq!(encode_pairs_plus(&empty), "");
        let pairs = owned(&[
            ("Tag.2.Key", "b"),
            ("Tag.1.Key", "a b"),
            ("Tag.10.Value", ""),
            ("Name With Space", "*~/"),
            ("名", "未命名"),
        ]);
        assert_eq!(
            encode_pairs_plus(&pairs),
            "Tag.2.Key=b&Tag.1.Key=a+b&Tag.10.Value=&Name+With+Space=%2A~%2F\
             &%E5%90%8D=%E6%9C%AA%E5%91%BD%E5%90%8D"
        );
        assert_eq!(encode_pairs_plus(&[("k", "v")]), "k=v");
    }

    #[test]
    fn canonical_query_sorts_bytewise_and_does_not_encode_keys() {
        let empty: Vec<(String, String)> = Vec::new();
        assert_eq!(canonical_query(&empty), "");
        let pairs = owned(&[
            ("Tag.2", "two"),
            ("Tag.10", "ten"),
            ("Tag.1", "one"),
            ("RegionId", "cn-hangzhou"),
        ]);
        assert_eq!(
            canonical_query(&pairs),
            "RegionId=cn-hangzhou&Tag.1=one&Tag.10=ten&Tag.2=two"
        );
    }

    #[test]
    fn canonical_query_encodes_values_rfc3986() {
        let pairs = owned(&[
            ("Description", "a b*c~d/e+f"),
            ("Empty", ""),
            ("ImageName", "未命名"),
            ("Key With Space", "x"),
        ]);
        assert_eq!(
            canonical_query(&pairs),
            "Description=a%20b%2Ac~d%2Fe%2Bf&Empty=&ImageName=%E6%9C%AA%E5%91%BD%E5%90%8D\
             &Key With Space=x"
        );
    }

    #[test]
    fn canonical_query_sort_is_stable_for_equal_keys() {
        let pairs = owned(&[("b", "2"), ("a", "z"), ("b", "1"), ("a", "y")]);
        assert_eq!(canonical_query(&pairs), "a=z&a=y&b=2&b=1");
    }

    #[test]
    fn canonical_query_orders_uppercase_before_lowercase() {
        // Python sorts by code point: 'Z' (0x5A) < 'a' (0x61); non-ASCII sorts last.
        let pairs = owned(&[("a", "1"), ("Z", "2"), ("é", "3"), ("_", "4")]);
        assert_eq!(canonical_query(&pairs), "Z=2&_=4&a=1&é=3");
    }

    /// The byte-at-a-time definition the run-copying encoder must match.
    fn reference(input: &str, space: &str) -> String {
        let mut out = String::new();
        for &byte in input.as_bytes() {
            if is_unreserved(byte) {
                out.push(char::from(byte));
            } else if byte == b' ' {
                out.push_str(space);
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }

    #[test]
    fn run_copying_matches_the_byte_definition() {
        let samples = [
            "",
            "a",
            " ",
            "é",
            "ab",
            "aé",
            "éa",
            "aéb",
            "é é",
            "未命名 x",
            "x未",
            "😀😀a",
            "a~b-c_d.e*f/g+h=i&j",
            "end with space ",
            " start",
            "\u{0}\u{7f}\u{80}\u{ffff}",
        ];
        for sample in samples {
            assert_eq!(
                percent_encode_rfc3986(sample),
                reference(sample, "%20"),
                "{sample:?}"
            );
            assert_eq!(form_urlencode(sample), reference(sample, "+"), "{sample:?}");
        }
        for byte in 0..=255u8 {
            assert_eq!(UNRESERVED[usize::from(byte)], is_unreserved(byte));
        }
    }
}
