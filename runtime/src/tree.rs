//! The request as a light JSON tree, for validation and the wire layout.
//!
//! `serde_json::to_value` builds a `serde_json::Value`, whose objects are `IndexMap`s: every
//! member name is allocated as a `String` and hashed with SipHash on insert, and every lookup
//! hashes again. A request is serialized once per `build()` and once per call, and that map
//! building was the largest cost of the client's hot path after the signature itself. A
//! [`Node`] object is a vector of members in serialization order, whose names are the
//! `&'static str` field names serde hands a struct serializer: no allocation, no hashing, and
//! lookups in parameter order ([`Members`]) that compare one name.
//!
//! [`to_node`] gives exactly what converting `serde_json::to_value` would give for every shape
//! the generated types produce (structs, options, strings, integers, floats, booleans,
//! sequences, unit-variant enums, string-keyed maps); for anything else (`i128`, bytes,
//! newtype or struct variants, non-string map keys, serde_json's private number and raw-value
//! markers) it declines with the reason, which callers report ([`WireError`] from the client,
//! a `serializable` violation from `validate`). There is no fallback to `serde_json` on
//! purpose: it would compile a second `Serialize` path for every request type of every
//! generated crate, for shapes no API parameter has. Errors a hand-written `Serialize` impl
//! reports are kept verbatim.
//!
//! [`WireError`]: crate::wire::WireError

use std::borrow::Cow;

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::{Map, Number, Value};

/// A JSON value; objects keep their members in order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(Cow<'static, str>, Node)>),
}

impl Node {
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    /// The equivalent `serde_json::Value`, without `null` object members at any depth (what
    /// `wire::strip_nulls` gives for the equivalent value).
    pub(crate) fn to_value_without_nulls(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.clone()),
            Node::Array(items) => {
                Value::Array(items.iter().map(Node::to_value_without_nulls).collect())
            }
            Node::Object(members) => Value::Object(object_without_nulls(members)),
        }
    }
}

/// The members of an object, as a `serde_json` map, `null` members left out at every depth.
pub(crate) fn object_without_nulls(members: &[(Cow<'static, str>, Node)]) -> Map<String, Value> {
    let mut map = Map::with_capacity(members.len());
    for (k, v) in members.iter().filter(|(_, v)| !v.is_null()) {
        map.insert(k.to_string(), v.to_value_without_nulls());
    }
    map
}

/// Object members looked up in a given order.
///
/// serde writes a struct's fields in declaration order, which for the generated types is the
/// spec's parameter order, so the member after the last one found is nearly always the one
/// asked for next. Any other order still finds every member (by a scan).
pub(crate) struct Members<'a> {
    members: &'a [(Cow<'static, str>, Node)],
    next: usize,
}

impl<'a> Members<'a> {
    pub(crate) fn new(members: &'a [(Cow<'static, str>, Node)]) -> Self {
        Members { members, next: 0 }
    }

    pub(crate) fn get(&mut self, name: &str) -> Option<&'a Node> {
        if let Some((key, value)) = self.members.get(self.next)
            && key == name
        {
            self.next += 1;
            return Some(value);
        }
        let i = self.members.iter().position(|(key, _)| key == name)?;
        self.next = i + 1;
        Some(&self.members[i].1)
    }
}

/// `value` as a tree, or `None` for a shape without a wire form (see the module documentation).
#[cfg(test)]
pub(crate) fn to_node<T: Serialize + ?Sized>(value: &T) -> Option<Node> {
    try_to_node(value).ok()
}

/// `value` as a tree, or why it has no wire form.
pub(crate) fn try_to_node<T: Serialize + ?Sized>(value: &T) -> Result<Node, Declined> {
    value.serialize(NodeSerializer)
}

/// The tree of a `serde_json::Value`.
pub(crate) fn from_value(value: &Value) -> Node {
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Number(n) => Node::Number(n.clone()),
        Value::String(s) => Node::String(s.clone()),
        Value::Array(items) => Node::Array(items.iter().map(from_value).collect()),
        Value::Object(members) => Node::Object(
            members
                .iter()
                .map(|(k, v)| (Cow::Owned(k.clone()), from_value(v)))
                .collect(),
        ),
    }
}

/// The tree of an object's members.
pub(crate) fn from_map(members: &Map<String, Value>) -> Vec<(Cow<'static, str>, Node)> {
    members
        .iter()
        .map(|(k, v)| (Cow::Owned(k.clone()), from_value(v)))
        .collect()
}

/// Sets member `name` to `value`, in place when it exists (as `Map::insert` does).
pub(crate) fn insert(
    members: &mut Vec<(Cow<'static, str>, Node)>,
    name: Cow<'static, str>,
    value: Node,
) {
    match members.iter_mut().find(|(k, _)| *k == name) {
        Some((_, slot)) => *slot = value,
        None => members.push((name, value)),
    }
}

/// Why [`NodeSerializer`] declined: a shape no generated type has, or the error a hand-written
/// `Serialize` impl reported.
#[derive(Debug)]
pub(crate) struct Declined(Cow<'static, str>);

impl Declined {
    const fn shape(what: &'static str) -> Self {
        Declined(Cow::Borrowed(what))
    }
}

impl std::fmt::Display for Declined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Declined {}

impl ser::Error for Declined {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Declined(Cow::Owned(msg.to_string()))
    }
}

const VARIANT_WITH_DATA: Declined =
    Declined::shape("an enum variant with data has no wire form (only unit variants do)");
const SERDE_JSON_MARKER: Declined =
    Declined::shape("serde_json arbitrary-precision numbers and raw values have no wire form");

/// serde_json's private struct names for arbitrary-precision numbers and raw values.
fn is_serde_json_marker(name: &str) -> bool {
    name.starts_with("$serde_json::private::")
}

struct NodeSerializer;

impl ser::Serializer for NodeSerializer {
    type Ok = Node;
    type Error = Declined;
    type SerializeSeq = SeqNode;
    type SerializeTuple = SeqNode;
    type SerializeTupleStruct = SeqNode;
    type SerializeTupleVariant = Impossible<Node, Declined>;
    type SerializeMap = MapNode;
    type SerializeStruct = StructNode;
    type SerializeStructVariant = Impossible<Node, Declined>;

    fn serialize_bool(self, v: bool) -> Result<Node, Declined> {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Node, Declined> {
        Ok(Node::Number(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Node, Declined> {
        Ok(Node::Number(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Node, Declined> {
        Ok(Node::Number(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Node, Declined> {
        Ok(Node::Number(v.into()))
    }
    fn serialize_u8(self, v: u8) -> Result<Node, Declined> {
        Ok(Node::Number(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Node, Declined> {
        Ok(Node::Number(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Node, Declined> {
        Ok(Node::Number(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Node, Declined> {
        Ok(Node::Number(v.into()))
    }
    fn serialize_f32(self, v: f32) -> Result<Node, Declined> {
        // As serde_json: a finite float is a number, NaN and infinities are null.
        Ok(from_value(&Value::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<Node, Declined> {
        Ok(from_value(&Value::from(v)))
    }
    fn serialize_char(self, v: char) -> Result<Node, Declined> {
        Ok(Node::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Node, Declined> {
        Ok(Node::String(v.to_owned()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Node, Declined> {
        Err(Declined::shape("bytes have no wire form"))
    }
    fn serialize_none(self) -> Result<Node, Declined> {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Node, Declined> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, Declined> {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Node, Declined> {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Node, Declined> {
        Ok(Node::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Node, Declined> {
        if is_serde_json_marker(name) {
            return Err(SERDE_JSON_MARKER);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Node, Declined> {
        Err(VARIANT_WITH_DATA)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqNode, Declined> {
        Ok(SeqNode(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqNode, Declined> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqNode, Declined> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Declined> {
        Err(VARIANT_WITH_DATA)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapNode, Declined> {
        Ok(MapNode {
            object: ObjectBuilder::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<StructNode, Declined> {
        if is_serde_json_marker(name) {
            return Err(SERDE_JSON_MARKER);
        }
        Ok(StructNode(ObjectBuilder::with_capacity(len)))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Declined> {
        Err(VARIANT_WITH_DATA)
    }
    fn serialize_i128(self, _: i128) -> Result<Node, Declined> {
        Err(Declined::shape("128-bit integers have no wire form"))
    }
    fn serialize_u128(self, _: u128) -> Result<Node, Declined> {
        Err(Declined::shape("128-bit integers have no wire form"))
    }
}

struct SeqNode(Vec<Node>);

impl ser::SerializeSeq for SeqNode {
    type Ok = Node;
    type Error = Declined;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Declined> {
        self.0.push(value.serialize(NodeSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Node, Declined> {
        Ok(Node::Array(self.0))
    }
}

impl ser::SerializeTuple for SeqNode {
    type Ok = Node;
    type Error = Declined;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Declined> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, Declined> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqNode {
    type Ok = Node;
    type Error = Declined;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Declined> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, Declined> {
        ser::SerializeSeq::end(self)
    }
}

/// An object being built: members in order, a name set again replacing its value in place
/// (as `Map::insert` does).
struct ObjectBuilder {
    members: Vec<(Cow<'static, str>, Node)>,
    /// Bit `n` is set when a member name of `n` bytes (`n < 64`) was seen: a name whose length
    /// was not seen is new without comparing it to any other, which is nearly every name.
    lengths: u64,
}

impl ObjectBuilder {
    fn with_capacity(len: usize) -> Self {
        ObjectBuilder {
            members: Vec::with_capacity(len),
            lengths: 0,
        }
    }

    fn insert(&mut self, name: Cow<'static, str>, value: Node) {
        let bit = 1u64.checked_shl(u32::try_from(name.len()).unwrap_or(u32::MAX));
        match bit {
            Some(bit) if self.lengths & bit == 0 => {
                self.lengths |= bit;
                self.members.push((name, value));
            }
            _ => insert(&mut self.members, name, value),
        }
    }
}

struct MapNode {
    object: ObjectBuilder,
    key: Option<String>,
}

impl ser::SerializeMap for MapNode {
    type Ok = Node;
    type Error = Declined;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Declined> {
        // Only string keys; serde_json's conversions of other keys are left to it.
        match key.serialize(NodeSerializer)? {
            Node::String(key) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(Declined::shape("map keys must be strings")),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Declined> {
        let key = self
            .key
            .take()
            .ok_or(Declined::shape("a map value was serialized before its key"))?;
        let value = value.serialize(NodeSerializer)?;
        self.object.insert(Cow::Owned(key), value);
        Ok(())
    }
    fn end(self) -> Result<Node, Declined> {
        Ok(Node::Object(self.object.members))
    }
}

struct StructNode(ObjectBuilder);

impl ser::SerializeStruct for StructNode {
    type Ok = Node;
    type Error = Declined;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Declined> {
        let value = value.serialize(NodeSerializer)?;
        self.0.insert(Cow::Borrowed(key), value);
        Ok(())
    }
    fn end(self) -> Result<Node, Declined> {
        Ok(Node::Object(self.0.members))
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::json;

    use super::*;

    fn same_as_serde_json<T: Serialize>(value: &T) {
        let expected = serde_json::to_value(value).unwrap();
        assert_eq!(to_node(value), Some(from_value(&expected)), "{expected}");
    }

    #[derive(Serialize)]
    enum Flag {
        #[serde(rename = "TRUE")]
        Yes,
    }

    #[derive(Serialize)]
    struct Tag {
        #[serde(rename = "Key")]
        key: Option<String>,
        #[serde(rename = "Value")]
        value: Option<String>,
    }

    #[derive(Serialize)]
    struct Request {
        #[serde(rename = "Name")]
        name: Option<String>,
        #[serde(rename = "Count")]
        count: Option<i64>,
        #[serde(rename = "Size")]
        size: Option<u32>,
        #[serde(rename = "Ratio")]
        ratio: Option<f64>,
        #[serde(rename = "Nan")]
        nan: f64,
        #[serde(rename = "Dry")]
        dry: Option<bool>,
        #[serde(rename = "Flag")]
        flag: Option<Flag>,
        #[serde(rename = "Ids")]
        ids: Option<Vec<String>>,
        #[serde(rename = "Tag")]
        tag: Option<Vec<Tag>>,
        #[serde(rename = "Map")]
        map: std::collections::BTreeMap<String, u8>,
        #[serde(rename = "Unit")]
        unit: (),
        #[serde(rename = "Char")]
        c: char,
        #[serde(rename = "Pair")]
        pair: (u8, String),
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
    }

    #[test]
    fn the_shapes_of_generated_types_match_serde_json() {
        same_as_serde_json(&Request {
            name: Some("n é".into()),
            count: Some(-3),
            size: Some(7),
            ratio: Some(2.5),
            nan: f64::NAN,
            dry: Some(false),
            flag: Some(Flag::Yes),
            ids: Some(vec!["a".into(), "b".into()]),
            tag: Some(vec![Tag {
                key: Some("k".into()),
                value: None,
            }]),
            map: [("b".to_string(), 1), ("a".to_string(), 2)].into(),
            unit: (),
            c: 'x',
            pair: (1, "p".into()),
            skipped: None,
        });
        same_as_serde_json(&Request {
            name: None,
            count: None,
            size: None,
            ratio: None,
            nan: 1e300,
            dry: None,
            flag: None,
            ids: None,
            tag: None,
            map: Default::default(),
            unit: (),
            c: '\u{0}',
            pair: (0, String::new()),
            skipped: Some(1),
        });
        same_as_serde_json(&json!({"a": [1, -2, 2.5, null, {"b": true}], "c": "d"}));
        same_as_serde_json(&"text");
        same_as_serde_json(&vec![1u64, u64::MAX]);
    }

    #[test]
    fn a_name_set_twice_keeps_its_place_and_takes_the_last_value() {
        #[derive(Serialize)]
        struct Twice {
            #[serde(rename = "A")]
            a: u8,
            #[serde(rename = "Bb")]
            b: u8,
            #[serde(rename = "A")]
            again: u8,
            #[serde(rename = "Cc")]
            c: u8,
        }
        same_as_serde_json(&Twice {
            a: 1,
            b: 2,
            again: 3,
            c: 4,
        });
        let long = "L".repeat(70);
        let mut map = serde_json::Map::new();
        map.insert(long.clone(), json!(1));
        map.insert("x".into(), json!(2));
        same_as_serde_json(&map);
    }

    #[test]
    fn other_shapes_are_declined_with_the_reason() {
        let reason = |v: &dyn Fn() -> Result<Node, Declined>| match v() {
            Err(d) => d.to_string(),
            Ok(n) => format!("accepted {n:?}"),
        };
        assert_eq!(
            reason(&|| try_to_node(&1u128)),
            "128-bit integers have no wire form"
        );
        let map: std::collections::BTreeMap<u8, u8> = [(1, 2)].into();
        assert_eq!(reason(&|| try_to_node(&map)), "map keys must be strings");
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: ser::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(ser::Error::custom("the clock is not set"))
            }
        }
        assert_eq!(reason(&|| try_to_node(&Fails)), "the clock is not set");
    }

    #[test]
    fn other_shapes_have_no_node() {
        #[derive(Serialize)]
        enum Variant {
            Newtype(u8),
            Struct { a: u8 },
            Tuple(u8, u8),
        }
        assert_eq!(to_node(&Variant::Newtype(1)), None);
        assert_eq!(to_node(&Variant::Struct { a: 1 }), None);
        assert_eq!(to_node(&Variant::Tuple(1, 2)), None);
        assert_eq!(to_node(&1i128), None);
        assert_eq!(to_node(serde_bytes_like()), None);
        let map: std::collections::BTreeMap<u8, u8> = [(1, 2)].into();
        assert_eq!(to_node(&map), None);
    }

    fn serde_bytes_like() -> &'static impl Serialize {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(b"ab")
            }
        }
        &Bytes
    }

    #[test]
    fn members_are_found_in_any_order() {
        let Some(Node::Object(members)) = to_node(&json!({"a": 1, "b": 2, "c": 3})) else {
            panic!("an object");
        };
        let mut lookup = Members::new(&members);
        assert_eq!(lookup.get("a"), Some(&Node::Number(1.into())));
        assert_eq!(lookup.get("b"), Some(&Node::Number(2.into())));
        assert_eq!(lookup.get("a"), Some(&Node::Number(1.into())));
        assert_eq!(lookup.get("c"), Some(&Node::Number(3.into())));
        assert_eq!(lookup.get("z"), None);
        let mut map = Map::new();
        map.insert("x".into(), json!({"y": null, "z": [null, {"w": null}]}));
        assert_eq!(
            Node::Object(from_map(&map)).to_value_without_nulls(),
            json!({"x": {"z": [null, {}]}})
        );
    }
}
