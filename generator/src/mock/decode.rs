//! A request's parameters read back from the wire: the inverse of the runtime's layout
//! (`cloudspec_runtime::wire`), driven by the same [`ParamSpec`]s. Flat keys (`Tag.1.Key`)
//! become arrays and objects again, `json`-style values are parsed, comma-joined lists split,
//! path segments matched against the operation's template; scalars take their documented type
//! (`"5"` is the integer 5 where the parameter is an integer, and stays text where it is text).

use serde_json::{Map, Number, Value};

use cloudspec_runtime::schema::{Kind, Location, OperationSpec, ParamSpec, Style};

use super::request::{Recorded, percent_decode};

/// A parameter that could not be read: which, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The wire name (`Tag.1.Key`).
    pub parameter: String,
    /// What is wrong with it.
    pub reason: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "parameter `{}`: {}", self.parameter, self.reason)
    }
}

/// The values of `path` for the `{Name}` segments of `template`, or `None` when the path does
/// not fit the template.
pub fn match_path(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let template: Vec<&str> = template.trim_matches('/').split('/').collect();
    let path: Vec<&str> = path.trim_matches('/').split('/').collect();
    if template.len() != path.len() {
        return None;
    }
    let mut values = Vec::new();
    for (t, p) in template.iter().zip(&path) {
        match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            Some(name) => {
                if p.is_empty() {
                    return None;
                }
                values.push((name.to_string(), percent_decode(p, false)));
            }
            None if t == p => {}
            None => return None,
        }
    }
    Some(values)
}

/// The parameters of `request` for `op`, as a JSON object keyed by wire names. Parameters the
/// operation does not define (the protocol's own, such as `Action` or `Signature`) are left
/// out.
pub fn parameters(request: &Recorded, op: &OperationSpec) -> Result<Value, DecodeError> {
    let query = request.query();
    let form = request.form();
    let body_json = if request.is_form() || request.body.is_empty() {
        None
    } else {
        Some(
            serde_json::from_slice::<Value>(&request.body).map_err(|e| DecodeError {
                parameter: "(body)".into(),
                reason: format!("the body is not JSON: {e}"),
            })?,
        )
    };
    let path_values = match_path(op.path, &request.path).unwrap_or_default();
    let mut out = Map::new();
    for param in op.params {
        let value = match param.location {
            Location::Query | Location::Form => {
                let pairs = if param.location == Location::Query {
                    &query
                } else {
                    &form
                };
                match param.style {
                    Style::Flat => flat(param.name, &param.kind, pairs, param.name)?,
                    Style::Json => match single(pairs, param.name) {
                        Some(text) => Some(json_text(param.name, text)?),
                        None => None,
                    },
                    Style::Comma => single(pairs, param.name)
                        .map(|text| comma(param, text))
                        .transpose()?,
                }
            }
            Location::Json => match &body_json {
                Some(Value::Object(members)) => members.get(param.name).cloned(),
                Some(_) => {
                    return Err(DecodeError {
                        parameter: "(body)".into(),
                        reason: "the JSON body is not an object".into(),
                    });
                }
                None => None,
            },
            Location::Header => match request.header(param.name) {
                Some(text) if param.kind.is_scalar() => {
                    Some(scalar(param.name, &param.kind, text)?)
                }
                Some(text) => Some(json_text(param.name, text)?),
                None => None,
            },
            Location::Path => match path_values.iter().find(|(n, _)| n == param.name) {
                Some((_, text)) => Some(scalar(param.name, &param.kind, text)?),
                None => None,
            },
        };
        if let Some(value) = value {
            out.insert(param.name.to_string(), value);
        }
    }
    Ok(Value::Object(out))
}

trait KindExt {
    fn is_scalar(&self) -> bool;
}

impl KindExt for Kind {
    fn is_scalar(&self) -> bool {
        matches!(
            self,
            Kind::String | Kind::Integer | Kind::Number | Kind::Boolean
        )
    }
}

fn single<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn json_text(name: &str, text: &str) -> Result<Value, DecodeError> {
    serde_json::from_str(text).map_err(|e| DecodeError {
        parameter: name.to_string(),
        reason: format!("`{text}` is not JSON: {e}"),
    })
}

fn comma(param: &ParamSpec, text: &str) -> Result<Value, DecodeError> {
    match &param.kind {
        Kind::Array(item) => text
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| scalar(param.name, &item.kind, s))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        kind => scalar(param.name, kind, text),
    }
}

/// A scalar of `kind` from its wire text.
fn scalar(name: &str, kind: &Kind, text: &str) -> Result<Value, DecodeError> {
    let wrong = |what: &str| DecodeError {
        parameter: name.to_string(),
        reason: format!("`{text}` is not {what}"),
    };
    match kind {
        Kind::String => Ok(Value::String(text.to_string())),
        Kind::Integer => text
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| text.parse::<u64>().map(Value::from))
            .map_err(|_| wrong("an integer")),
        Kind::Number => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| wrong("a number")),
        Kind::Boolean => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(wrong("`true` or `false`")),
        },
        // A structured value given as one flat pair: its JSON text.
        _ => json_text(name, text),
    }
}

/// The value under `prefix` in flat pairs (`Tag.1.Key=a`), or `None` when no pair names it.
fn flat(
    prefix: &str,
    kind: &Kind,
    pairs: &[(String, String)],
    shown: &str,
) -> Result<Option<Value>, DecodeError> {
    let nested: Vec<(&str, &str)> = pairs
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('.'))
                .map(|rest| (rest, v.as_str()))
        })
        .collect();
    let whole = single(pairs, prefix);
    match kind {
        Kind::Array(item) => {
            if nested.is_empty() {
                return whole.map(|t| json_text(shown, t)).transpose();
            }
            // `.N` (1-based) groups, in index order.
            let mut indexes: Vec<usize> = Vec::new();
            for (rest, _) in &nested {
                let head = rest.split('.').next().unwrap_or_default();
                let index: usize = head.parse().map_err(|_| DecodeError {
                    parameter: format!("{shown}.{rest}"),
                    reason: format!("`{head}` is not a list index"),
                })?;
                if index == 0 {
                    return Err(DecodeError {
                        parameter: format!("{shown}.{rest}"),
                        reason: "list indexes start at 1".into(),
                    });
                }
                if !indexes.contains(&index) {
                    indexes.push(index);
                }
            }
            indexes.sort_unstable();
            let mut items = Vec::with_capacity(indexes.len());
            for index in indexes {
                let key = format!("{prefix}.{index}");
                items.push(flat(&key, &item.kind, pairs, &key)?.unwrap_or(Value::Null));
            }
            Ok(Some(Value::Array(items)))
        }
        Kind::Object(members) => {
            if nested.is_empty() {
                return whole.map(|t| json_text(shown, t)).transpose();
            }
            let mut out = Map::new();
            for member in *members {
                let key = format!("{prefix}.{}", member.name);
                if let Some(v) = flat(&key, &member.kind, pairs, &key)? {
                    out.insert(member.name.to_string(), v);
                }
            }
            Ok(Some(Value::Object(out)))
        }
        Kind::Map(value) => {
            if nested.is_empty() {
                return whole.map(|t| json_text(shown, t)).transpose();
            }
            let mut keys: Vec<&str> = Vec::new();
            for (rest, _) in &nested {
                let key = match &value.kind {
                    // A scalar value: the whole rest is the key (keys may contain dots).
                    k if k.is_scalar() => *rest,
                    _ => rest.split('.').next().unwrap_or_default(),
                };
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            let mut out = Map::new();
            for key in keys {
                let full = format!("{prefix}.{key}");
                if let Some(v) = flat(&full, &value.kind, pairs, &full)? {
                    out.insert(key.to_string(), v);
                }
            }
            Ok(Some(Value::Object(out)))
        }
        scalar_kind => whole.map(|t| scalar(shown, scalar_kind, t)).transpose(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudspec_runtime::schema::ParamSpec;

    static TAG: [ParamSpec; 2] = [
        ParamSpec::new("Key", Kind::String),
        ParamSpec::new("Value", Kind::String),
    ];
    static TAG_ITEM: ParamSpec = ParamSpec::new("", Kind::Object(&TAG));
    static IDS_ITEM: ParamSpec = ParamSpec::new("", Kind::Integer);

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn flat_lists_of_objects_come_back_in_index_order() {
        let p = pairs(&[
            ("Tag.10.Key", "j"),
            ("Tag.2.Key", "b"),
            ("Tag.1.Key", "a"),
            ("Tag.1.Value", "1"),
        ]);
        let v = flat("Tag", &Kind::Array(&TAG_ITEM), &p, "Tag")
            .unwrap()
            .unwrap();
        assert_eq!(
            v,
            serde_json::json!([{"Key": "a", "Value": "1"}, {"Key": "b"}, {"Key": "j"}])
        );
    }

    #[test]
    fn scalars_take_their_documented_type() {
        let p = pairs(&[("N", "5"), ("S", "5"), ("B", "true"), ("Ids.1", "7")]);
        assert_eq!(flat("N", &Kind::Integer, &p, "N").unwrap(), Some(5.into()));
        assert_eq!(flat("S", &Kind::String, &p, "S").unwrap(), Some("5".into()));
        assert_eq!(
            flat("B", &Kind::Boolean, &p, "B").unwrap(),
            Some(true.into())
        );
        assert_eq!(
            flat("Ids", &Kind::Array(&IDS_ITEM), &p, "Ids").unwrap(),
            Some(serde_json::json!([7]))
        );
        let e = flat("S", &Kind::Integer, &pairs(&[("S", "five")]), "S").unwrap_err();
        assert_eq!(e.to_string(), "parameter `S`: `five` is not an integer");
        let e = flat(
            "Ids",
            &Kind::Array(&IDS_ITEM),
            &pairs(&[("Ids.x", "1")]),
            "Ids",
        )
        .unwrap_err();
        assert_eq!(e.parameter, "Ids.x");
    }

    #[test]
    fn paths_match_their_templates() {
        assert_eq!(
            match_path("/clusters/{ClusterId}/nodes", "/clusters/c%2D1/nodes"),
            Some(vec![("ClusterId".into(), "c-1".into())])
        );
        assert_eq!(match_path("/clusters/{ClusterId}", "/clusters/"), None);
        assert_eq!(match_path("/clusters", "/nodes"), None);
        assert_eq!(match_path("/", "/"), Some(vec![]));
    }
}
