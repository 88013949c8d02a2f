//! Forward-compatible string enums.
//!
//! A generated enum lists the documented values plus `Unknown(String)`, so a value the spec does
//! not know (from a server or a newer spec) parses instead of failing. The generated code
//! declares the enum and its table of wire values (an inherent `VALUES` constant) and invokes
//! [`wire_enum!`](crate::wire_enum), which implements [`WireEnum`] and everything else.

/// A string enum with the values the spec documents, exactly as they travel on the wire.
pub trait WireEnum: Sized + Clone + PartialEq + 'static {
    /// The documented values with their wire text.
    const VALUES: &'static [(&'static str, Self)];
    /// Wraps a value the spec does not list.
    fn unknown(value: String) -> Self;
    /// The wrapped text of an unknown value.
    fn unknown_value(&self) -> Option<&str>;

    /// The wire text.
    fn wire_str(&self) -> &str {
        match self.unknown_value() {
            Some(v) => v,
            None => Self::VALUES
                .iter()
                .find(|(_, v)| v == self)
                .map_or("", |(s, _)| s),
        }
    }

    /// Parses wire text; never fails (unknown text becomes the unknown variant).
    fn from_wire(s: &str) -> Self {
        Self::VALUES
            .iter()
            .find(|(w, _)| *w == s)
            .map_or_else(|| Self::unknown(s.to_string()), |(_, v)| v.clone())
    }
}

/// Implements [`WireEnum`], `as_str`, `is_known`, `Display`, `FromStr`, `From<&str>`,
/// `Serialize` and [`FromJson`](crate::de::FromJson) for an enum with an `Unknown(String)` variant and an inherent
/// `VALUES: &[(&str, Self)]` table of its documented wire values.
#[macro_export]
macro_rules! wire_enum {
    ($ty:ident) => {
        impl $crate::WireEnum for $ty {
            const VALUES: &'static [(&'static str, Self)] = $ty::VALUES;
            fn unknown(value: String) -> Self {
                $ty::Unknown(value)
            }
            fn unknown_value(&self) -> Option<&str> {
                match self {
                    $ty::Unknown(value) => Some(value),
                    _ => None,
                }
            }
        }
        impl $ty {
            /// The value exactly as it travels on the wire.
            pub fn as_str(&self) -> &str {
                $crate::WireEnum::wire_str(self)
            }

            /// Whether the value is one the spec documents.
            pub fn is_known(&self) -> bool {
                $crate::WireEnum::unknown_value(self).is_none()
            }
        }
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $ty {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(<$ty as $crate::WireEnum>::from_wire(s))
            }
        }
        impl ::std::convert::From<&str> for $ty {
            fn from(s: &str) -> Self {
                <$ty as $crate::WireEnum>::from_wire(s)
            }
        }
        impl $crate::__serde::Serialize for $ty {
            fn serialize<S: $crate::__serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl $crate::de::FromJson for $ty {
            fn from_json(
                value: $crate::de::Value,
            ) -> ::std::result::Result<Self, $crate::de::DecodeError> {
                $crate::enums::from_json_wire(value)
            }
        }
    };
}

/// Decodes a wire enum from a JSON string (or a number or boolean, kept as its text).
pub fn from_json_wire<T: WireEnum>(value: crate::de::Value) -> Result<T, crate::de::DecodeError> {
    <String as crate::de::Lenient>::from_lenient(value).map(|text| T::from_wire(&text))
}
