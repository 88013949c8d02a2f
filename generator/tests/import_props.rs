//! Odd vendor metadata never makes `import` or `drift` panic or hang: JSON trees built from the
//! two formats' own keys, with values of every type where the formats expect one, are read,
//! drafted, written and re-imported; each either works or is an error that names the file.

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Keys of both formats, and a few values they take.
const KEYS: &[&str] = &[
    "actions",
    "objects",
    "metadata",
    "members",
    "name",
    "type",
    "member",
    "input",
    "output",
    "document",
    "required",
    "output_required",
    "value_allowed_null",
    "disabled",
    "example",
    "usage",
    "info",
    "style",
    "product",
    "version",
    "apis",
    "parameters",
    "in",
    "schema",
    "items",
    "properties",
    "enum",
    "enumValueTitles",
    "maxItems",
    "minimum",
    "maximum",
    "maxLength",
    "minLength",
    "format",
    "responses",
    "200",
    "errorCodes",
    "endpoints",
    "regionId",
    "endpoint",
    "summary",
    "description",
    "methods",
    "path",
    "$ref",
    "additionalProperties",
    "serviceShortName",
    "apiVersion",
    "deprecated",
    "status",
];
const WORDS: &[&str] = &[
    "string",
    "int",
    "list",
    "object",
    "bool",
    "float",
    "uint64",
    "datetime_iso",
    "Node",
    "RPC",
    "ROA",
    "query",
    "body",
    "formData",
    "path",
    "repeatList",
    "json",
    "simple",
    "flat",
    "array",
    "integer",
    "number",
    "boolean",
    "date-time",
    "X",
    "XRequest",
    "XResponse",
    "",
    "true",
    "100",
    "-1",
    "1.5",
    "#/components/schemas/X",
    "a: b",
    "- x",
    "Valid values: a, b.",
    "up to 20 tags",
    "长度为2~60个字符",
    "0x1F",
    "\u{202e}",
    "line\nbreak",
];

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..200).prop_map(Value::from),
        prop::sample::select(WORDS).prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(6, 80, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                let m: Map<String, Value> =
                    kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                Value::Object(m)
            }),
        ]
    })
}

fn word() -> impl Strategy<Value = Value> {
    prop::sample::select(WORDS).prop_map(|s| Value::String(s.to_string()))
}

/// A Tencent member: the format's keys with plausible or odd values, sometimes an extra key.
fn member() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&["A", "B", "Tags", "Key", "key", "Node", "X"][..]),
        prop::sample::select(
            &[
                "string", "string", "int", "list", "list", "object", "object", "bool", "float",
                "string", "int", "list", "object", "bool", "tuple",
            ][..],
        ),
        prop::sample::select(
            &[
                "string",
                "int64",
                "uint64",
                "Node",
                "X",
                "datetime_iso",
                "bool",
                "float",
                "XRequest",
            ][..],
        ),
        any::<bool>(),
        word(),
        word(),
        prop::option::of(value()),
    )
        .prop_map(|(name, ty, member, required, document, example, extra)| {
            let mut m = json!({"name": name, "type": ty, "member": member, "required": required,
                               "document": document, "example": example});
            if let Some(extra) = extra.filter(|_| name == "X") {
                m["value_allowed_null"] = extra;
            }
            m
        })
}

/// An Alibaba schema, nested.
fn schema() -> impl Strategy<Value = Value> {
    let leaf = (
        prop::sample::select(
            &[
                "string", "integer", "number", "boolean", "string", "integer", "boolean", "any",
                "string", "weird",
            ][..],
        ),
        prop::option::of(word()),
        prop::option::of(prop::collection::vec(word(), 0..3)),
        prop::option::of(prop_oneof![9 => (-3i64..200).prop_map(Value::from), 1 => word()]),
    )
        .prop_map(|(ty, format, en, max)| {
            let mut s = json!({"type": ty, "required": false});
            if let Some(f) = format {
                s["format"] = f;
            }
            if let Some(e) = en {
                s["enum"] = Value::Array(e);
            }
            if let Some(m) = max {
                s["maximum"] = m.clone();
                s["maxLength"] = m;
            }
            s
        });
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            (inner.clone(), prop::option::of(0i64..30)).prop_map(|(items, max)| {
                let mut s = json!({"type": "array", "items": items});
                if let Some(m) = max {
                    s["maxItems"] = m.into();
                }
                s
            }),
            prop::collection::vec(
                (
                    prop::sample::select(&["Key", "key", "Value", "Id"][..]),
                    inner
                ),
                0..4
            )
            .prop_map(|ps| {
                let props: Map<String, Value> =
                    ps.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                json!({"type": "object", "properties": props})
            }),
        ]
    })
}

fn parameter() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&["RegionId", "Tag", "Ids", "body", "Name", "name"][..]),
        prop::sample::select(
            &[
                "query", "query", "formData", "body", "path", "header", "query", "body", "cookie",
            ][..],
        ),
        prop::option::of(prop::sample::select(
            &[
                "repeatList",
                "flat",
                "json",
                "simple",
                "repeatList",
                "json",
                "simple",
                "flat",
                "odd",
            ][..],
        )),
        schema(),
    )
        .prop_map(|(name, location, style, schema)| {
            let mut p = json!({"name": name, "in": location, "schema": schema});
            if let Some(s) = style {
                p["style"] = s.into();
            }
            p
        })
}

/// Documents of both formats with plausible structure and odd contents, and arbitrary ones.
fn document() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (
            prop::collection::vec(member(), 0..5),
            prop::collection::vec(member(), 0..5),
            prop::collection::vec(member(), 0..4),
        )
            .prop_map(|(req, resp, node)| {
                json!({
                    "actions": {"DoX": {"input": "XRequest", "output": "XResponse", "document": "Does X."}},
                    "objects": {"XRequest": {"members": req}, "XResponse": {"members": resp},
                                "Node": {"members": node}, "X": {"members": []}},
                    "metadata": {"apiVersion": "2020-01-01", "serviceShortName": "fz"}
                })
            }),
        4 => (
            prop::sample::select(&["RPC", "ROA", "RPC", "ROA", "RPC", "GraphQL"][..]),
            prop::collection::vec(parameter(), 0..6),
            prop::option::of(schema()),
            prop_oneof![4 => Just(json!([{"regionId": "r-1", "endpoint": "fz.r-1.aliyuncs.com"}, {"regionId": "r-2", "endpoint": "fz.aliyuncs.com"}])), 1 => value()],
        )
            .prop_map(|(style, params, response, endpoints)| {
                let mut api = json!({"methods": ["post"], "path": "/x/{Name}", "parameters": params});
                if let Some(r) = response {
                    api["responses"] = json!({"200": {"schema": r}});
                }
                json!({"info": {"style": style, "product": "Fz", "version": "2020-01-01"},
                       "apis": {"DoX": api}, "endpoints": endpoints})
            }),
        1 => value(),
    ]
}

fn scratch(case: u64) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "cloudspec-import-props-{}-{case}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn odd_metadata_never_panics(doc in document(), case in any::<u64>()) {
        let dir = scratch(case);
        let file = dir.join("api.json");
        std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
        match cloudspec::vendor::read(&file) {
            Err(e) => prop_assert!(e.to_string().starts_with(&file.display().to_string())),
            Ok(_) => {
                let options = cloudspec::import::Options {
                    metadata: vec![file.clone()],
                    operations: Vec::new(),
                    out: dir.join("specs"),
                    update: false,
                };
                let first = cloudspec::import::run(&options);
                if first.is_ok() {
                    // Whatever was written loads (it may not check: the metadata may be
                    // nonsense), and a re-import over it is stable.
                    let _ = cloudspec::lint::run(&[dir.join("specs")]);
                    let again = cloudspec::import::run(&cloudspec::import::Options {
                        update: true,
                        ..options
                    });
                    if let Ok(reports) = again {
                        for r in reports {
                            prop_assert_eq!(r.status, cloudspec::import::FileStatus::Unchanged);
                        }
                    }
                }
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
