//! Waiter declarations: the path leads through response objects and arrays to a scalar field,
//! the value lists are disjoint and fit the field's enum, there is a success value, and the
//! delays and time limit are positive and in order.

use std::collections::BTreeSet;

use super::Cx;
use crate::load::did_you_mean;
use crate::model::{self, Field, Type};
use crate::spec;

const CODE: &str = "invalid-waiter";

impl Cx<'_> {
    /// The checked waiters of operation `op`; a waiter with any error is left out (and
    /// reported).
    pub(super) fn waiters(
        &mut self,
        waiters: &[spec::Waiter],
        op: &str,
        response: &[Field],
    ) -> Vec<model::Waiter> {
        let mut names = BTreeSet::new();
        let mut out = Vec::new();
        for w in waiters {
            let before = self.error_count();
            let name = &w.name.value;
            if !is_upper_camel(name) {
                let msg = format!("waiter name `{name}` of operation {op} is not UpperCamelCase");
                let d = self.err(CODE, w.name.at, msg);
                d.label = "expected UpperCamelCase".into();
                d.help = Some("name the state waited for: `ImageAvailable`".into());
            } else if !names.insert(name.clone()) {
                let msg = format!("operation {op} has two waiters named `{name}`");
                self.err(CODE, w.name.at, msg).label = "second waiter of this name".into();
            }
            let field = self.waiter_path(w, op, response);
            self.waiter_values(w, op, field.as_ref());
            self.waiter_timing(w, op);
            if self.error_count() == before {
                out.push(model::Waiter {
                    name: name.clone(),
                    description: w.description.value.clone(),
                    path: w.path.value.split('.').map(str::to_string).collect(),
                    success: texts(&w.success),
                    success_when_absent: w.success_when_absent.as_ref().is_some_and(|b| b.value),
                    failure: texts(&w.failure),
                    pending: texts(&w.pending),
                    delay: w.delay.value,
                    max_delay: w.max_delay.value,
                    timeout: w.timeout.value,
                });
            }
        }
        out
    }

    /// The scalar field the path ends at, through objects and arrays.
    fn waiter_path(&mut self, w: &spec::Waiter, op: &str, response: &[Field]) -> Option<Field> {
        let path = &w.path;
        let segments: Vec<&str> = path.value.split('.').collect();
        let mut fields: Vec<Field> = response.to_vec();
        for (i, segment) in segments.iter().enumerate() {
            let Some(field) = fields.iter().find(|f| f.name == *segment).cloned() else {
                let subject = format!("the path `{}` of waiter {}", path.value, w.name.value);
                self.no_such_field(CODE, path.at, &subject, &segments[..=i], op, &fields);
                return None;
            };
            // Arrays are looked through: each element is looked at.
            let mut ty = &field.ty;
            while let Type::Array(inner) = ty {
                ty = inner;
            }
            let last = i + 1 == segments.len();
            match (ty, last) {
                (ty, true) if ty.is_scalar() => {
                    return Some(field);
                }
                (Type::Object(members), false) => fields = members.clone(),
                (Type::Named(n), false) => {
                    fields = self.types.get(n).cloned().unwrap_or_default();
                }
                (other, _) => {
                    let (msg, label) = if last {
                        (
                            format!(
                                "the path `{}` of waiter {} ends at `{segment}`, of type `{}`; a waiter compares scalar values",
                                path.value,
                                w.name.value,
                                field.ty.spec_name()
                            ),
                            "not a scalar",
                        )
                    } else {
                        (
                            format!(
                                "the path `{}` of waiter {} goes through `{segment}`, of type `{}`, which has no fields",
                                path.value,
                                w.name.value,
                                other.spec_name()
                            ),
                            "not an object",
                        )
                    };
                    self.err(CODE, path.at, msg).label = label.into();
                    return None;
                }
            }
        }
        None
    }

    /// A success value, disjoint lists, values the field's enum has.
    fn waiter_values(&mut self, w: &spec::Waiter, op: &str, field: Option<&Field>) {
        let waiter = &w.name.value;
        let absent = w.success_when_absent.as_ref().is_some_and(|b| b.value);
        if w.success.is_empty() && !absent {
            let msg = format!("waiter {waiter} of operation {op} has no success value");
            let d = self.err(CODE, w.name.at, msg);
            d.label = "nothing to wait for".into();
            d.help = Some(
                "add `success: [AVAILABLE]` (the value that means done), or \
                 `successWhenAbsent: true` for a resource that goes away"
                    .into(),
            );
        }
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for (list, values) in [
            ("success", &w.success),
            ("failure", &w.failure),
            ("pending", &w.pending),
        ] {
            for v in values {
                if let Some((other, _)) = seen.iter().find(|(_, s)| *s == v.value) {
                    let msg = format!(
                        "waiter {waiter} lists `{}` under both `{other}` and `{list}`",
                        v.value
                    );
                    self.err(CODE, v.at, msg).label = "listed twice".into();
                    continue;
                }
                seen.push((list, &v.value));
                let Some(field) = field else { continue };
                let known: Vec<String> = field
                    .enum_values
                    .iter()
                    .map(|e| match &e.value {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect();
                let fits = match field.ty {
                    Type::Boolean => matches!(v.value.as_str(), "true" | "false"),
                    Type::Integer => v.value.parse::<i64>().is_ok(),
                    Type::Number => v.value.parse::<f64>().is_ok(),
                    _ => true,
                };
                if !fits {
                    let msg = format!(
                        "waiter {waiter}: `{}` cannot be a value of `{}`, of type `{}`",
                        v.value,
                        field.name,
                        field.ty.spec_name()
                    );
                    self.err(CODE, v.at, msg).label = "not of the field's type".into();
                } else if !known.is_empty() && !known.contains(&v.value) {
                    let msg = format!(
                        "waiter {waiter}: `{}` is not one of the documented values of `{}`",
                        v.value, field.name
                    );
                    let d = self.err(CODE, v.at, msg);
                    d.label = "not in the field's enum".into();
                    d.help = Some(match did_you_mean(&v.value, &known) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("its values are {}", known.join(", ")),
                    });
                }
            }
        }
    }

    fn waiter_timing(&mut self, w: &spec::Waiter, op: &str) {
        let waiter = &w.name.value;
        for (key, value) in [
            ("delay", &w.delay),
            ("maxDelay", &w.max_delay),
            ("timeout", &w.timeout),
        ] {
            if value.value == 0 {
                let msg = format!("waiter {waiter} of operation {op} has `{key}: 0`");
                self.err(CODE, value.at, msg).label = "seconds, more than 0".into();
            }
        }
        if w.max_delay.value < w.delay.value {
            let msg = format!(
                "waiter {waiter}: `maxDelay` ({}) is shorter than `delay` ({})",
                w.max_delay.value, w.delay.value
            );
            self.err(CODE, w.max_delay.at, msg).label = "shorter than the delay".into();
        }
        if w.timeout.value < w.delay.value {
            let msg = format!(
                "waiter {waiter}: `timeout` ({}) is shorter than `delay` ({}): it could never poll twice",
                w.timeout.value, w.delay.value
            );
            self.err(CODE, w.timeout.at, msg).label = "shorter than the delay".into();
        }
    }
}

fn texts(values: &[spec::Spanned<String>]) -> Vec<String> {
    values.iter().map(|v| v.value.clone()).collect()
}

fn is_upper_camel(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use crate::diff::testing::{Spec, check_errors, model_of};

    fn spec(waiter: &str) -> Spec {
        Spec::new()
            .types(
                "- name: Image\n  description: I.\n  properties:\n    \
                 - {name: State, type: string, description: S., enum: [Available, Creating, Failed]}\n    \
                 - {name: Ready, type: boolean, description: R.}",
            )
            .response(
                "- {name: Images, type: array, description: I., items: {type: Image}}\n\
                 - {name: RequestId, type: string, description: R.}",
            )
            .op(&format!("waiters:\n  - {waiter}"))
    }

    const GOOD: &str = "{name: ImageAvailable, description: W., path: Images.State, success: [Available], failure: [Failed], pending: [Creating], delay: 5, maxDelay: 60, timeout: 600}";

    #[test]
    fn a_waiter_reaches_the_model() {
        let s = spec(GOOD);
        assert_eq!(check_errors(&s), Vec::<String>::new());
        let model = model_of("t.yaml", &s.yaml());
        let w = &model.services[0].operations[0].waiters[0];
        assert_eq!(w.path, ["Images", "State"]);
        assert_eq!(
            (w.success.as_slice(), w.failure.as_slice()),
            (&["Available".to_string()][..], &["Failed".to_string()][..])
        );
        assert_eq!((w.delay, w.max_delay, w.timeout), (5, 60, 600));
    }

    #[test]
    fn wrong_waiters_are_reported() {
        let errors = |w: &str| check_errors(&spec(w));
        assert_eq!(
            errors(&GOOD.replace("Images.State", "Images.Stat")),
            [
                "the path `Images.Stat` of waiter ImageAvailable names `Stat`, which is not a field of `Images`"
            ]
        );
        assert_eq!(
            errors(&GOOD.replace("Images.State", "Images")),
            [
                "the path `Images` of waiter ImageAvailable ends at `Images`, of type `array<Image>`; a waiter compares scalar values"
            ]
        );
        assert_eq!(
            errors(&GOOD.replace("Images.State", "RequestId.State")),
            [
                "the path `RequestId.State` of waiter ImageAvailable goes through `RequestId`, of type `string`, which has no fields"
            ]
        );
        assert_eq!(
            errors(&GOOD.replace("failure: [Failed]", "failure: [Available]")),
            ["waiter ImageAvailable lists `Available` under both `success` and `failure`"]
        );
        assert_eq!(
            errors(&GOOD.replace("success: [Available]", "success: [Availble]")),
            ["waiter ImageAvailable: `Availble` is not one of the documented values of `State`"]
        );
        assert_eq!(
            errors(&GOOD.replace("success: [Available]", "success: []")),
            ["waiter ImageAvailable of operation CreateThing has no success value"]
        );
        // A deletion waiter needs no success value: no value left is success.
        assert_eq!(
            errors(&GOOD.replace("success: [Available]", "successWhenAbsent: true")),
            Vec::<String>::new()
        );
        assert_eq!(
            errors(
                &GOOD
                    .replace("Images.State", "Images.Ready")
                    .replace("[Available]", "[yes]")
                    .replace(", failure: [Failed], pending: [Creating]", "")
            ),
            ["waiter ImageAvailable: `yes` cannot be a value of `Ready`, of type `boolean`"]
        );
        assert_eq!(
            errors(&GOOD.replace("maxDelay: 60, timeout: 600", "maxDelay: 2, timeout: 0")),
            [
                "waiter ImageAvailable of operation CreateThing has `timeout: 0`",
                "waiter ImageAvailable: `maxDelay` (2) is shorter than `delay` (5)",
                "waiter ImageAvailable: `timeout` (0) is shorter than `delay` (5): it could never poll twice",
            ]
        );
        assert_eq!(
            errors(&GOOD.replace("ImageAvailable", "image_available")),
            ["waiter name `image_available` of operation CreateThing is not UpperCamelCase"]
        );
        assert_eq!(
            errors(&format!("{GOOD}\n  - {GOOD}")),
            ["operation CreateThing has two waiters named `ImageAvailable`"]
        );
    }
}
