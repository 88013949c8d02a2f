//! Forward-compatible string enums.
//!
//! A generated enum lists the documented values plus `Unknown(String)`, so a value the spec does
//! not know (from a server or a newer spec) parses instead of failing. The generated code
//! declares the enum with `#[derive(WireEnum)]` and marks each documented variant with its wire
//! text; the derive implements [`WireEnum`] with plain `match`es (no table walked through
//! generic iterator code, which every consumer would compile once per enum) and invokes
//! [`wire_enum!`](crate::wire_enum) for the conversions. A hand-written enum can implement
//! [`WireEnum`] itself and invoke the macro too.

/// A string enum with the values the spec documents, exactly as they travel on the wire.
pub trait WireEnum: Sized + Clone + PartialEq + 'static {
    /// The documented wire values, in the spec's order.
    const VALUES: &'static [&'static str];

    /// The wire text.
    fn wire_str(&self) -> &str;

    /// Parses wire text; never fails (unknown text becomes the unknown variant).
    fn from_wire(s: &str) -> Self;

    /// The wrapped text of a value the spec does not list.
    fn unknown_value(&self) -> Option<&str>;
}

/// Implements `as_str`, `is_known`, `Display`, `FromStr`, `From<&str>`, `Serialize` and
/// [`FromJson`](crate::de::FromJson) for an enum that implements [`WireEnum`].
#[macro_export]
macro_rules! wire_enum {
    ($ty:ident) => {
        impl $ty {
            /// The value exactly as it travels on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                $crate::WireEnum::wire_str(self)
            }

            /// Whether the value is one the spec documents.
            #[inline]
            pub fn is_known(&self) -> bool {
                $crate::WireEnum::unknown_value(self).is_none()
            }
        }
        impl ::std::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $ty {
            type Err = ::std::convert::Infallible;
            #[inline]
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(<$ty as $crate::WireEnum>::from_wire(s))
            }
        }
        impl ::std::convert::From<&str> for $ty {
            #[inline]
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
            #[inline]
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

#[cfg(test)]
mod tests {
    use crate::de::{FromJson, Value};
    use crate::tree::to_node;

    /// A hand-written enum: `WireEnum` by hand, conversions by the macro.
    #[derive(Debug, Clone, PartialEq)]
    enum Disk {
        System,
        Unknown(String),
    }

    impl crate::WireEnum for Disk {
        const VALUES: &'static [&'static str] = &["SYSTEM"];
        fn wire_str(&self) -> &str {
            match self {
                Disk::System => "SYSTEM",
                Disk::Unknown(v) => v,
            }
        }
        fn from_wire(s: &str) -> Self {
            match s {
                "SYSTEM" => Disk::System,
                other => Disk::Unknown(other.to_string()),
            }
        }
        fn unknown_value(&self) -> Option<&str> {
            match self {
                Disk::Unknown(v) => Some(v),
                Disk::System => None,
            }
        }
    }

    crate::wire_enum!(Disk);

    #[test]
    fn conversions_keep_unknown_values_verbatim() {
        assert_eq!(Disk::from("SYSTEM"), Disk::System);
        assert_eq!("system".parse::<Disk>(), Ok(Disk::Unknown("system".into())));
        assert!(Disk::System.is_known() && !Disk::from("x").is_known());
        assert_eq!(Disk::from("x").to_string(), "x");
        assert_eq!(
            Disk::from_json(Value::from(1)).unwrap(),
            Disk::Unknown("1".into())
        );
        assert!(Disk::from_json(Value::Array(vec![])).is_err());
        assert_eq!(
            to_node(&Disk::System).and_then(|n| n.as_str().map(str::to_string)),
            Some("SYSTEM".into())
        );
    }
}
