//! Date-time values (`format: date-time` in a spec): the text the service sent or the caller
//! gave, kept as it is, and the instant it names when it is one of the vendors' timestamp forms.
//!
//! The vendors write timestamps as RFC 3339 (`2023-10-26T02:00:00Z`,
//! `2023-10-26T02:00:00.000+08:00`), and Alibaba also without seconds (`2017-12-08T22:00Z`).
//! [`DateTime::instant`] parses those into a [`time::OffsetDateTime`]; any other text (a
//! `2019-02-22 17:59:47` without a zone, an empty string) decodes all the same and keeps its
//! text, with no instant: nothing the service sent is lost or refused.

use std::fmt;

use serde::{Serialize, Serializer};
pub use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::de::{DecodeError, FromJson, Value};

/// A date-time field's value: its text, and the instant when the text is a timestamp.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: String,
    instant: Option<OffsetDateTime>,
}

impl DateTime {
    /// The value of `text`, parsed when it is one of the vendors' timestamp forms.
    pub fn new(text: impl Into<String>) -> Self {
        let text = text.into();
        let instant = parse(&text);
        DateTime { text, instant }
    }

    /// The text as sent or given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant, when the text is a timestamp (RFC 3339, seconds optional).
    pub fn instant(&self) -> Option<OffsetDateTime> {
        self.instant
    }
}

impl From<OffsetDateTime> for DateTime {
    /// The instant in UTC as `YYYY-MM-DDTHH:MM:SSZ` (whole seconds; the form both vendors'
    /// pages give for request timestamps).
    fn from(instant: OffsetDateTime) -> Self {
        let utc = instant
            .to_offset(time::UtcOffset::UTC)
            .replace_nanosecond(0)
            .unwrap_or(instant);
        let text = utc
            .format(&Rfc3339)
            .unwrap_or_else(|_| utc.unix_timestamp().to_string());
        DateTime::new(text)
    }
}

impl From<&str> for DateTime {
    fn from(text: &str) -> Self {
        DateTime::new(text)
    }
}

impl From<String> for DateTime {
    fn from(text: String) -> Self {
        DateTime::new(text)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for DateTime {
    /// The text, as sent.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl FromJson for DateTime {
    /// A JSON string (a number is refused, as for any string field).
    fn from_json(value: Value) -> Result<Self, DecodeError> {
        String::from_json(value).map(DateTime::new)
    }
}

impl crate::de::Lenient for DateTime {
    /// A string, or a number kept as its text (a lenient service's).
    fn from_lenient(value: Value) -> Result<Self, DecodeError> {
        String::from_lenient(value).map(DateTime::new)
    }
}

/// The instant of an RFC 3339 timestamp, also without seconds (`…T22:00Z`).
fn parse(text: &str) -> Option<OffsetDateTime> {
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(t);
    }
    // `YYYY-MM-DDTHH:MM` then the zone: insert `:00`.
    let (head, zone) = text.split_at_checked(16)?;
    let bytes = head.as_bytes();
    if bytes.get(10).is_some_and(|b| b.eq_ignore_ascii_case(&b'T'))
        && bytes.get(13) == Some(&b':')
        && (zone.eq_ignore_ascii_case("z") || zone.starts_with(['+', '-']))
    {
        return OffsetDateTime::parse(&format!("{head}:00{zone}"), &Rfc3339).ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_forms_parse_and_keep_their_text() {
        let utc = DateTime::new("2023-10-26T02:00:00Z");
        assert_eq!(utc.as_str(), "2023-10-26T02:00:00Z");
        let instant = utc.instant().expect("RFC 3339");
        assert_eq!(instant.unix_timestamp(), 1_698_285_600);
        let offset = DateTime::new("2023-10-26T10:00:00.000+08:00");
        assert_eq!(offset.instant(), Some(instant));
        let no_seconds = DateTime::new("2023-10-26T02:00Z");
        assert_eq!(no_seconds.instant(), Some(instant));
        assert_eq!(
            DateTime::new("2023-10-26T10:00+08:00").instant(),
            Some(instant)
        );
    }

    #[test]
    fn other_text_is_kept_without_an_instant() {
        for text in [
            "2019-02-22 17:59:47",
            "",
            "soon",
            "2023-10-26T25:00Z",
            "2023-10-26T02:00",
        ] {
            let v = DateTime::new(text);
            assert_eq!(v.as_str(), text);
            assert_eq!(v.instant(), None, "{text}");
        }
        // Multi-byte text shorter or longer than the no-seconds form: no panic.
        assert_eq!(DateTime::new("二〇二三年十月二十六日").instant(), None);
    }

    #[test]
    fn instants_are_written_in_utc_whole_seconds() {
        let t = DateTime::new("2023-10-26T10:00:00.123+08:00")
            .instant()
            .unwrap();
        assert_eq!(DateTime::from(t).as_str(), "2023-10-26T02:00:00Z");
        assert_eq!(
            serde_json::to_string(&DateTime::from("x")).unwrap(),
            "\"x\""
        );
    }

    #[test]
    fn decoding() {
        let v = DateTime::from_json(Value::from("2023-10-26T02:00:00Z")).unwrap();
        assert!(v.instant().is_some());
        assert!(DateTime::from_json(Value::from(5)).is_err());
        let lenient = <DateTime as crate::de::Lenient>::from_lenient(Value::from(5)).unwrap();
        assert_eq!(lenient.as_str(), "5");
    }
}
