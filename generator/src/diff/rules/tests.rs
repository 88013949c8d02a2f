//! The rules' tests: one table of cases, each a pair of sides built from the one-operation spec
//! of [`crate::diff::testing`], the rule ids the comparison must report (in report order) and
//! what the first change must say. Every side must also equal itself (no rule fires without a
//! change), and every rule must fire in some case. Pairs of rules are tested both ways.

use super::RULES;
use crate::diff::testing::{Spec, model_of};
use crate::diff::{Change, diff};
use crate::model::Model;

/// What the first change of a case must say.
#[derive(Debug)]
enum Has {
    Path(&'static str),
    Operation(&'static str),
    Message(&'static str),
    Effect(&'static str),
    EffectStarts(&'static str),
    EffectContains(&'static str),
    /// Only an old location (a removal).
    OldOnly,
    /// Only a new location (an addition).
    NewOnly,
    /// Both locations.
    Both,
}

impl Has {
    fn holds(&self, c: &Change) -> bool {
        match self {
            Has::Path(p) => c.path == *p,
            Has::Operation(o) => c.operation.as_deref() == Some(*o),
            Has::Message(m) => c.message == *m,
            Has::Effect(t) => c.effect == *t,
            Has::EffectStarts(t) => c.effect.starts_with(t),
            Has::EffectContains(t) => c.effect.contains(t),
            Has::OldOnly => c.old.is_some() && c.new.is_none(),
            Has::NewOnly => c.old.is_none() && c.new.is_some(),
            Has::Both => c.old.is_some() && c.new.is_some(),
        }
    }
}

/// One side of a case: the specs whose services make up its model (none: an empty side).
#[derive(Clone)]
struct Side(Vec<String>);

impl From<Spec> for Side {
    fn from(spec: Spec) -> Side {
        Side(vec![spec.yaml()])
    }
}

impl From<String> for Side {
    fn from(yaml: String) -> Side {
        Side(vec![yaml])
    }
}

impl From<Vec<String>> for Side {
    fn from(yamls: Vec<String>) -> Side {
        Side(yamls)
    }
}

impl Side {
    fn model(&self) -> Model {
        let mut model = Model::default();
        for (i, yaml) in self.0.iter().enumerate() {
            model
                .services
                .extend(model_of(&format!("spec{i}.yaml"), yaml).services);
        }
        model
    }
}

struct Case {
    old: Side,
    new: Side,
    ids: Vec<&'static str>,
    has: Vec<Has>,
}

/// Comparing `old` with `new` reports these rules, in this order.
fn case(old: impl Into<Side>, new: impl Into<Side>, ids: &[&'static str]) -> Case {
    Case {
        old: old.into(),
        new: new.into(),
        ids: ids.to_vec(),
        has: Vec::new(),
    }
}

impl Case {
    /// And the first change says this.
    fn has(mut self, has: impl IntoIterator<Item = Has>) -> Case {
        self.has.extend(has);
        self
    }

    /// What is wrong with the case, if anything.
    fn failure(&self) -> Option<String> {
        let (old, new) = (self.old.model(), self.new.model());
        for (label, side) in [("old", &old), ("new", &new)] {
            let same = diff(side, side);
            if !same.is_empty() {
                return Some(format!("the {label} side differs from itself: {same:#?}"));
            }
        }
        let changes = diff(&old, &new);
        let ids: Vec<&str> = changes.iter().map(|c| c.id).collect();
        if ids != self.ids {
            return Some(format!("expected {:?}, got {changes:#?}", self.ids));
        }
        let unmet: Vec<&Has> = self
            .has
            .iter()
            .filter(|h| !changes.first().is_some_and(|c| h.holds(c)))
            .collect();
        (!unmet.is_empty()).then(|| format!("{unmet:?} do not hold for {:#?}", changes.first()))
    }
}

/// `a` → `b` reports just `added`, and `b` → `a` just `removed`.
fn both_ways(
    added: &'static str,
    removed: &'static str,
    a: impl Into<Side> + Clone,
    b: impl Into<Side> + Clone,
) -> [Case; 2] {
    [case(a.clone(), b.clone(), &[added]), case(b, a, &[removed])]
}

fn spec() -> Spec {
    Spec::new()
}

fn param(yaml: &str) -> Spec {
    Spec::new().param(yaml)
}

/// The base spec's YAML with one replacement (which must apply).
fn edited(find: &str, replace: &str) -> String {
    let yaml = spec().yaml();
    assert!(yaml.contains(find), "the test spec has no {find:?}");
    yaml.replace(find, replace)
}

/// The base spec as another version of the same product.
fn version(v: &str) -> String {
    edited("2024-01-01", v)
}

/// Constraint pairs: the rule of the stricter direction, the rule of the looser one, the type of
/// a parameter `Code`, and a looser and a stricter form of the constraint (`""`: none).
/// Tightening, adding the stricter form, loosening and removing it are tested for each.
const CONSTRAINTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "request-parameter-max-length-decreased",
        "request-parameter-max-length-increased",
        "string",
        "maxLength: 64",
        "maxLength: 32",
    ),
    (
        "request-parameter-min-length-increased",
        "request-parameter-min-length-decreased",
        "string",
        "minLength: 2",
        "minLength: 4",
    ),
    (
        "request-parameter-max-items-decreased",
        "request-parameter-max-items-increased",
        "array, items: {type: string}",
        "maxItems: 20",
        "maxItems: 10",
    ),
    (
        "request-parameter-min-items-increased",
        "request-parameter-min-items-decreased",
        "array, items: {type: string}",
        "minItems: 1",
        "minItems: 2",
    ),
    (
        "request-parameter-maximum-decreased",
        "request-parameter-maximum-increased",
        "integer",
        "maximum: 100",
        "maximum: 50",
    ),
    (
        "request-parameter-minimum-increased",
        "request-parameter-minimum-decreased",
        "integer",
        "minimum: 1",
        "minimum: 5",
    ),
    (
        "request-parameter-ascii-only-added",
        "request-parameter-ascii-only-removed",
        "string",
        "",
        "asciiOnly: true",
    ),
    (
        "request-parameter-non-empty-added",
        "request-parameter-non-empty-removed",
        "string",
        "",
        "nonEmpty: true",
    ),
    (
        "request-parameter-forbidden-prefix-added",
        "request-parameter-forbidden-prefix-removed",
        "string",
        r#"forbiddenPrefixes: ["acs:"]"#,
        r#"forbiddenPrefixes: ["acs:", aliyun]"#,
    ),
    (
        "request-parameter-forbidden-substring-added",
        "request-parameter-forbidden-substring-removed",
        "string",
        r#"forbiddenSubstrings: ["http://"]"#,
        r#"forbiddenSubstrings: ["http://", "https://"]"#,
    ),
    (
        "request-parameter-allowed-chars-narrowed",
        "request-parameter-allowed-chars-widened",
        "string",
        r#"allowedChars: {classes: [letter, digit], chars: ":_-"}"#,
        r#"allowedChars: {classes: [letter, digit], chars: "_"}"#,
    ),
    (
        "request-parameter-first-char-narrowed",
        "request-parameter-first-char-widened",
        "string",
        "firstChar: {classes: [letter, chinese]}",
        "firstChar: {classes: [letter]}",
    ),
];

fn constraint_cases() -> Vec<Case> {
    let mut out = Vec::new();
    for &(stricter, looser, ty, loose, strict) in CONSTRAINTS {
        let code = |extra: &str| {
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!(", {extra}")
            };
            param(&format!(
                "- {{name: Code, type: {ty}, description: A code.{extra}}}"
            ))
        };
        let at_code = || {
            [
                Has::Path("request.Code"),
                Has::EffectContains("CreateThingRequest"),
            ]
        };
        out.extend(
            both_ways(stricter, looser, code(loose), code(strict)).map(|c| c.has(at_code())),
        );
        if !loose.is_empty() {
            out.extend(both_ways(stricter, looser, code(""), code(strict)));
        }
    }
    let pattern = |p: &str| {
        param(&format!(
            "- {{name: Code, type: string, description: A code.{p}}}"
        ))
    };
    let (p1, p2) = (r#", pattern: "[a-z]+""#, r#", pattern: "[a-z]{1,8}""#);
    out.extend([
        case(
            pattern(p1),
            pattern(p2),
            &["request-parameter-pattern-changed"],
        ),
        case(
            pattern(p2),
            pattern(p1),
            &["request-parameter-pattern-changed"],
        ),
    ]);
    out.extend(both_ways(
        "request-parameter-pattern-changed",
        "request-parameter-pattern-removed",
        pattern(""),
        pattern(p1),
    ));
    out
}

fn service_cases() -> Vec<Case> {
    let none: Vec<String> = Vec::new();
    let both = |v: &str| vec![spec().yaml(), version(v)];
    let tag = "- name: Tag\n  description: A tag.\n  properties:\n    - {name: Key, type: string, description: The key.}";
    let op_regions = |r: &str| spec().op(&format!("regions: [{r}]"));
    let mut out = vec![
        case(none.clone(), spec(), &["service-added"]).has([
            Has::EffectContains("cloudspec_clients::alibaba::demo::v2024_01_01"),
            Has::NewOnly,
        ]),
        case(spec(), none, &["service-removed"]).has([Has::OldOnly]),
        case(spec(), both("2025-01-01"), &["service-version-added"])
            .has([Has::EffectContains("v2025_01_01"), Has::NewOnly]),
        case(both("2023-01-01"), spec(), &["service-version-removed"])
            .has([Has::EffectContains("v2023_01_01"), Has::OldOnly]),
        case(
            spec(),
            version("2025-01-01"),
            &["service-version-removed", "service-version-added"],
        ),
        case(
            spec(),
            spec().service("signingName: other"),
            &["service-protocol-changed"],
        ),
        case(spec(), spec().service("signingName: demo"), &[]),
        case(
            spec().yaml(),
            edited("demo.{region}.aliyuncs.com", "demo2.{region}.aliyuncs.com"),
            &["endpoint-changed"],
        ),
        case(
            spec().yaml(),
            edited(
                "regions: [cn-hangzhou]}",
                "regions: [cn-hangzhou], regionMap: {cn-hangzhou: demo.example.com}}",
            ),
            &["endpoint-changed"],
        ),
        case(
            op_regions("cn-hangzhou"),
            op_regions("cn-hangzhou, cn-shanghai"),
            &["region-added"],
        ),
        case(op_regions("cn-hangzhou"), spec(), &["region-added"]),
        case(
            op_regions("cn-hangzhou, cn-shanghai"),
            op_regions("cn-hangzhou"),
            &["region-removed"],
        ),
        case(spec(), op_regions("cn-hangzhou"), &["region-removed"]),
    ];
    out.extend(both_ways(
        "region-added",
        "region-removed",
        spec().yaml(),
        edited(
            "regions: [cn-hangzhou]",
            "regions: [cn-hangzhou, cn-beijing]",
        ),
    ));
    let [added, removed] = both_ways("type-added", "type-removed", spec(), spec().types(tag));
    out.extend([
        added.has([Has::NewOnly]),
        removed.has([
            Has::Path("types.Tag"),
            Has::EffectContains("struct `Tag`"),
            Has::OldOnly,
        ]),
    ]);
    out
}

fn operation_cases() -> Vec<Case> {
    let more = spec().ops(
        "- name: DeleteThing\n  summary: Deletes a thing.\n  source: [{url: \"https://example.com/d\", language: en}]",
    );
    let auth = spec().op("authorization: {action: demo:CreateThing, accessLevel: create}");
    let action = |action: &str, deps: &str| {
        spec().op(&format!(
            "authorization: {{action: \"{action}\", accessLevel: create, dependentActions: [{deps}]}}"
        ))
    };
    let level = |l: &str| {
        spec().op(&format!(
            "authorization: {{action: demo:CreateThing, accessLevel: {l}}}"
        ))
    };
    let limit = |n: u32, per: &str| {
        spec().op(&format!(
            "rateLimit: {{requests: {n}, per: {per}, says: \"The limit.\"}}"
        ))
    };
    let [op_added, op_removed] = both_ways("operation-added", "operation-removed", spec(), more);
    let [auth_added, auth_removed] =
        both_ways("authorization-added", "authorization-removed", spec(), auth);
    let route = |method: &str, path: &str| {
        spec()
            .roa()
            .op(&format!("method: {method}\npath: \"{path}\""))
            .params("- {name: Id, type: string, required: true, in: path, description: I.}")
    };
    let waiting = |waiters: &str| {
        spec()
            .response(
                "- {name: RequestId, type: string, description: R.}\n\
                 - {name: State, type: string, description: S., enum: [Ready, Busy, Broken]}",
            )
            .op(&if waiters.is_empty() {
                String::new()
            } else {
                format!("waiters:\n{waiters}")
            })
    };
    let ready = "  - {name: ThingReady, description: W., path: State, success: [Ready], failure: [Broken], delay: 2, maxDelay: 10, timeout: 60}";
    let [waiter_added, waiter_removed] = both_ways(
        "waiter-added",
        "waiter-removed",
        waiting(""),
        waiting(ready),
    );
    let [lenient_on, lenient_off] = both_ways(
        "lenient-scalars-on",
        "lenient-scalars-off",
        spec(),
        spec().service("lenientScalars: true"),
    );
    vec![
        lenient_on.has([Has::Path("lenientScalars")]),
        lenient_off.has([Has::EffectContains("malformed")]),
        waiter_added.has([
            Has::Path("waiters.ThingReady"),
            Has::EffectContains("`wait_until_thing_ready`"),
        ]),
        waiter_removed.has([Has::EffectContains("no longer compiles")]),
        case(
            waiting(ready),
            waiting(&ready.replace("timeout: 60", "timeout: 600")),
            &["waiter-changed"],
        )
        .has([Has::EffectContains("polls at another pace")]),
        case(
            waiting(ready),
            waiting(&ready.replace("success: [Ready]", "success: [Busy]")),
            &["waiter-changed"],
        )
        .has([Has::EffectContains("decides differently")]),
        case(
            route("GET", "/things/{Id}"),
            route("GET", "/api/v2/things/{Id}"),
            &["operation-route-changed"],
        )
        .has([
            Has::Path("path"),
            Has::Message(
                "request line changed from `GET /things/{Id}` to `GET /api/v2/things/{Id}`",
            ),
        ]),
        case(
            route("GET", "/things/{Id}"),
            route("DELETE", "/things/{Id}"),
            &["operation-route-changed"],
        )
        .has([Has::Path("method")]),
        op_added.has([
            Has::Operation("DeleteThing"),
            Has::EffectContains("`DeleteThingRequestBuilder`"),
        ]),
        op_removed.has([Has::EffectContains("`DeleteThingRequest`"), Has::OldOnly]),
        auth_added,
        auth_removed.has([Has::Path("authorization")]),
        case(
            action("demo:CreateThing", ""),
            action("demo:MakeThing", ""),
            &["authorization-changed"],
        )
        .has([Has::EffectContains("`CreateThingRequest::RAM_ACTION`")]),
        case(
            action("demo:CreateThing", ""),
            action("demo:CreateThing", "ecs:DescribeImages"),
            &["authorization-changed"],
        ),
        case(
            level("create"),
            level("update"),
            &["authorization-access-level-changed"],
        ),
        case(
            limit(10, "second"),
            limit(5, "second"),
            &["rate-limit-decreased"],
        )
        .has([Has::Message(
            "rate limit lowered from 10 requests per second to 5 requests per second",
        )]),
        case(spec(), limit(10, "second"), &["rate-limit-decreased"]),
        case(
            limit(10, "second"),
            limit(300, "minute"),
            &["rate-limit-decreased"],
        ),
        case(limit(10, "second"), limit(600, "minute"), &[]),
        case(
            limit(10, "second"),
            limit(20, "second"),
            &["rate-limit-increased"],
        ),
        case(limit(10, "second"), spec(), &["rate-limit-increased"]),
        case(
            spec(),
            spec().op("responseEnvelope: Response"),
            &["response-envelope-changed"],
        ),
        case(listing(""), listing(BY_OFFSET), &["paginator-added"]).has([
            Has::Message(
                "paginator added (offset `Offset`/`Limit`, items `Items`, total `Total`)",
            ),
            Has::EffectStarts("the client gains `create_thing_paginator`"),
        ]),
        case(listing(BY_OFFSET), listing(""), &["paginator-removed"])
            .has([Has::EffectContains("no longer compiles")]),
        case(
            listing(BY_OFFSET),
            listing("paginator: {style: offset, cursor: Offset, items: Items}"),
            &["paginator-changed"],
        )
        .has([
            Has::Message(
                "paginator changed from offset `Offset`/`Limit`, items `Items`, total `Total` to offset `Offset`, items `Items`",
            ),
            Has::Effect("`create_thing_paginator` steps through or stops at the pages differently"),
        ]),
        case(
            listing(BY_OFFSET),
            listing("paginator: {style: offset, cursor: Offset, items: Others, total: Total}"),
            &["paginator-changed"],
        )
        .has([Has::EffectContains("`Paginated::Item` may be another type")]),
    ]
}

const BY_OFFSET: &str =
    "paginator: {style: offset, cursor: Offset, pageSize: Limit, items: Items, total: Total}";

/// A list operation, with `paginator` (YAML of the operation's keys; empty for none).
fn listing(paginator: &str) -> Spec {
    Spec::new()
        .params(
            "- {name: Offset, type: integer, description: O.}\n- {name: Limit, type: integer, description: L.}",
        )
        .response(
            "- {name: Items, type: array, description: I., items: {type: string}}\n\
             - {name: Others, type: array, description: O., items: {type: integer}}\n\
             - {name: Total, type: integer, description: T.}",
        )
        .op(paginator)
}

fn parameter_cases() -> Vec<Case> {
    let family = |required: bool| {
        param(&format!(
            "- {{name: ImageFamily, type: string, required: {required}, description: Image family}}"
        ))
    };
    let tags = |members: &str| {
        param(&format!(
            "- name: Tag\n  type: array\n  description: Tags.\n  items:\n    type: object\n    properties:\n{members}"
        ))
    };
    let key = "      - {name: Key, type: string, description: The key.}";
    let value = "      - {name: Value, type: string, description: The value.}";
    let image_family = param("- {name: ImageFamily, type: string, description: Image family}");
    let with_default = |d: &str| {
        param(&format!(
            "- {{name: Mode, type: string, description: The mode.{d}}}"
        ))
    };
    let mode = |values: &str| {
        param(&format!(
            "- {{name: Mode, type: string, description: The mode.{values}}}"
        ))
    };
    let kind = |values: &str| {
        param(&format!(
            "- {{name: InstanceType, type: string, description: The type., enum: [{values}]}}"
        ))
    };
    let sysprep = |values: &str| {
        param(&format!(
            "- {{name: Sysprep, type: string, description: Sysprep., enum: [{values}]}}"
        ))
    };
    let [enum_added, enum_removed] = both_ways(
        "request-parameter-enum-added",
        "request-parameter-enum-removed",
        mode(""),
        mode(", enum: [fast, safe]"),
    );
    let [required_added, required_removed] = both_ways(
        "request-parameter-required-added",
        "request-parameter-required-removed",
        family(false),
        family(true),
    );
    let mut out = vec![
        case(spec(), image_family.clone(), &["request-parameter-added"]).has([
            Has::Path("request.ImageFamily"),
            Has::Effect(
                "`CreateThingRequest` gains field `image_family: Option<String>` and `CreateThingRequestBuilder` gains setter `image_family`",
            ),
        ]),
        case(
            tags(key),
            tags(&format!("{key}\n{value}")),
            &["request-parameter-added"],
        )
        .has([
            Has::Path("request.Tag[].Value"),
            Has::Effect("struct `CreateThingTag` gains field `value: Option<String>`"),
        ]),
        case(spec(), family(true), &["request-parameter-added-required"]).has([Has::Effect(
            "`CreateThingRequestBuilder` gains required setter `image_family` (field `image_family: Option<String>`): `build()` fails until it is called",
        )]),
        case(
            param("- {name: DryRun, type: boolean, description: Checks only.}"),
            spec(),
            &["request-parameter-removed"],
        )
        .has([Has::OldOnly, Has::EffectContains("loses setter `dry_run`")]),
        case(
            image_family.clone(),
            param("- {name: Family, type: string, description: Image family}"),
            &["request-parameter-renamed"],
        )
        .has([
            Has::Path("request.Family"),
            Has::EffectContains("setter `image_family`"),
        ]),
        case(
            image_family.clone(),
            param("- {name: Family, type: string, description: The family.}"),
            &["request-parameter-removed", "request-parameter-added"],
        ),
        case(
            image_family,
            param("- {name: Family, type: string, description: Image family, maxLength: 10}"),
            &[
                "request-parameter-renamed",
                "request-parameter-max-length-decreased",
            ],
        ),
        required_added.has([Has::Effect(
            "setter `image_family` of `CreateThingRequestBuilder` becomes required: `build()` fails until it is called",
        )]),
        required_removed,
        case(
            spec().params("- {name: Name, type: string, required: true, description: The name.}"),
            spec(),
            &["request-parameter-required-removed"],
        )
        .has([Has::Effect(
            "`validate`/`build` of `CreateThingRequest` no longer require `Name`",
        )]),
        case(
            param("- {name: Count, type: string, description: How many.}"),
            param("- {name: Count, type: integer, description: How many.}"),
            &["request-parameter-type-changed"],
        )
        .has([Has::EffectContains("from `Option<String>` to `Option<i64>`")]),
        case(
            param("- {name: Token, type: string, description: A token.}"),
            param("- {name: Token, type: string, description: A token., protocolFilled: true}"),
            &["request-parameter-protocol-filled-changed"],
        )
        .has([Has::EffectContains("loses setter `token`")]),
        case(
            param("- {name: Token, type: string, description: A token.}"),
            param("- {name: Token, type: string, description: A token., idempotencyToken: true}"),
            &["request-parameter-idempotency-token-changed"],
        )
        .has([
            Has::Message("request parameter `Token` is now the idempotency token"),
            Has::EffectContains("fills `Token` with a fresh UUID"),
        ]),
        case(
            param("- {name: Token, type: string, description: A token., idempotencyToken: true}"),
            param("- {name: Token, type: string, description: A token.}"),
            &["request-parameter-idempotency-token-changed"],
        )
        .has([Has::EffectContains("no longer retries")]),
        case(
            param("- {name: Tag, type: string, description: Tags.}"),
            param("- {name: Tag, type: string, description: Tags., in: form}"),
            &["request-parameter-wire-changed"],
        )
        .has([
            Has::Message("request parameter `Tag` moves from `query` to `form`"),
            Has::EffectContains("`CREATE_THING` static"),
        ]),
        case(
            with_default(", default: fast"),
            with_default(", default: safe"),
            &["request-parameter-default-changed"],
        )
        .has([Has::Message(
            "default of request parameter `Mode` changed from `fast` to `safe`",
        )]),
        case(
            with_default(""),
            with_default(", default: safe"),
            &["description-changed"],
        ),
        enum_added.has([Has::EffectStarts("new enum `CreateThingMode`")]),
        enum_removed.has([Has::EffectStarts("enum `CreateThingMode` is removed")]),
        case(
            kind("CloudDesktop"),
            kind("CloudDesktop, WuyingServer"),
            &["request-parameter-enum-value-added"],
        )
        .has([Has::Effect(
            "enum `CreateThingInstanceType` gains variant `WuyingServer`",
        )]),
        case(
            kind("CloudDesktop, WuyingServer"),
            kind("CloudDesktop"),
            &["request-parameter-enum-value-removed"],
        ),
        case(
            sysprep("\"TRUE\", \"FALSE\""),
            sysprep("\"FALSE\""),
            &["request-parameter-enum-value-removed"],
        )
        .has([Has::EffectStarts(
            "enum `CreateThingSysprep` loses variant `True`",
        )]),
    ];
    out.extend(constraint_cases());
    out
}

fn request_rule_cases() -> Vec<Case> {
    let abc = |rules: &str| {
        spec()
            .param("- {name: A, type: string, description: First.}\n- {name: B, type: string, description: Second.}\n- {name: C, type: string, description: Third.}")
            .rules(rules)
    };
    let exclusive = |members: &str| {
        abc(&format!(
            "- {{kind: mutuallyExclusive, parameters: [{members}], says: One only.}}"
        ))
    };
    let when = |w: &str| {
        abc(&format!(
            "- {{kind: requiredWhen, parameters: [A], when: {w}, says: A with it.}}"
        ))
    };
    let [added, removed] = both_ways(
        "request-rule-added",
        "request-rule-removed",
        abc(""),
        exclusive("A, B"),
    );
    let filtered = |members: &str| {
        spec()
            .types("- name: Filter\n  description: F.\n  properties:\n    - {name: Values, type: array, description: V., items: {type: string}}")
            .param(&format!(
                "- {{name: Filters, type: array, description: F., items: {{type: Filter}}{members}}}"
            ))
    };
    vec![
        case(
            filtered(""),
            filtered(", members: [{name: Values, maxItems: 5}]"),
            &["request-parameter-member-constraint-changed"],
        )
        .has([Has::Message(
            "constraints on members of request parameter `Filters` changed from none to `Values`: at most 5 items",
        )]),
        added.has([
            Has::Path("rules.mutuallyExclusive(A, B)"),
            Has::Effect(
                "`validate`/`build` of `CreateThingRequest` now enforce at most one of `A`, `B`",
            ),
        ]),
        removed.has([Has::OldOnly]),
        case(
            abc("- {kind: atLeastOneOf, parameters: [A, B], says: One at least.}"),
            abc(""),
            &["request-rule-removed"],
        ),
        case(
            exclusive("A, B"),
            exclusive("A, B, C"),
            &["request-rule-changed"],
        ),
        case(exclusive("A, B"), exclusive("B, A"), &[]),
        case(when("B"), when("C"), &["request-rule-changed"]).has([Has::Both]),
    ]
}

fn response_cases() -> Vec<Case> {
    let request_id = |extra: &str| {
        spec().response(&format!(
            "- {{name: RequestId, type: string, description: The request ID.{extra}}}"
        ))
    };
    let status = |values: &str| {
        spec().response(&format!(
            "- {{name: Status, type: string, description: The status., enum: [{values}]}}"
        ))
    };
    let success = |values: &str| {
        spec().response(&format!(
            "- {{name: Success, type: boolean, description: Whether it worked.{values}}}"
        ))
    };
    let [accept_added, accept_removed] = both_ways(
        "response-field-also-accept-added",
        "response-field-also-accept-removed",
        request_id(""),
        request_id(", alsoAccept: [integer]"),
    );
    let endpoints = |style: &str| {
        spec().response(&format!(
            "- {{name: Url, type: object, description: U.{style}, properties: [{{name: Host, type: string, description: H.}}]}}"
        ))
    };
    let [json_added, json_removed] = both_ways(
        "response-field-json-text-added",
        "response-field-json-text-removed",
        endpoints(""),
        endpoints(", style: json"),
    );
    vec![
        json_added.has([Has::Message(
            "response field `Url` now arrives as JSON text inside a string",
        )]),
        json_removed.has([Has::EffectContains("no longer decodes")]),
        case(
            request_id(""),
            request_id(", nullable: true"),
            &["response-field-nullable-changed"],
        )
        .has([Has::Message("response field `RequestId` may now be `null`")]),
        case(
            request_id(""),
            request_id(", format: date-time"),
            &["response-field-type-changed"],
        )
        .has([
            Has::Message(
                "type of response field `RequestId` changed from `string` to `string (date-time)`",
            ),
            Has::EffectContains("`Option<cloudspec_runtime::DateTime>`"),
        ]),
        case(
            spec(),
            spec().response(
                "- {name: RequestId, type: string, description: The request ID.}\n- {name: TaskId, type: string, description: The task.}",
            ),
            &["response-field-added"],
        )
        .has([Has::Effect(
            "struct `CreateThingResponse` gains field `task_id: Option<String>`",
        )]),
        case(spec(), spec().response(""), &["response-field-removed"]).has([
            Has::Path("response.RequestId"),
            Has::EffectContains("loses field `request_id`"),
        ]),
        case(
            spec(),
            spec().response("- {name: ReqId, type: string, description: The request ID.}"),
            &["response-field-renamed"],
        )
        .has([Has::Effect(
            "field `CreateThingResponse::request_id` becomes `req_id`: code that reads the old name no longer compiles",
        )]),
        case(
            spec(),
            spec().response("- {name: RequestId, type: integer, description: The request ID.}"),
            &["response-field-type-changed"],
        )
        .has([Has::EffectContains("from `Option<String>` to `Option<i64>`")]),
        case(
            spec(),
            request_id(", enum: [a, b]"),
            &["response-field-type-changed"],
        )
        .has([Has::EffectContains("`Option<CreateThingResponseRequestId>`")]),
        case(
            status("Creating, Available"),
            status("Creating, Available, Failed"),
            &["response-field-enum-value-added"],
        )
        .has([Has::EffectStarts(
            "enum `CreateThingResponseStatus` gains variant `Failed`",
        )]),
        case(
            status("Creating, Failed"),
            status("Creating"),
            &["response-field-enum-value-removed"],
        )
        .has([Has::EffectStarts(
            "enum `CreateThingResponseStatus` loses variant `Failed`",
        )]),
        accept_added,
        accept_removed,
        case(
            request_id(""),
            request_id(", maxLength: 64"),
            &["response-field-constraint-changed"],
        ),
        case(
            success(""),
            success(", enum: [true, false]"),
            &["response-field-constraint-changed"],
        ),
        case(
            request_id(""),
            request_id(", required: true"),
            &["response-field-constraint-changed"],
        ),
    ]
}

fn error_cases() -> Vec<Case> {
    let thing = "- {status: 400, code: Thing.NotFound, message: No thing.}";
    let errors = |more: &str| spec().errors(&format!("{thing}\n{more}"));
    let throttling = "- {status: 400, code: Throttling.User, message: Slow down.}";
    let row = |status: &str, message: &str| {
        spec().errors(&format!(
            "- {{status: {status}, code: Thing.NotFound, message: {message}}}"
        ))
    };
    vec![
        case(
            spec(),
            errors(
                "- {code: InvalidZone.MismatchRegion, description: The zone does not exist.}",
            ),
            &["error-code-added"],
        )
        .has([
            Has::Path("errors.InvalidZone.MismatchRegion"),
            Has::Effect(
                "error kind `CreateThingErrorKind` gains variant `InvalidZoneMismatchRegion` (the code decoded as `Unknown` before)",
            ),
        ]),
        // A code an operation's own table adds beside the common one: the operation's kinds
        // gain a variant of their own (the common one stays in `Common`).
        case(spec(), errors(throttling), &["error-code-added"]).has([Has::Effect(
            "error kind `CreateThingErrorKind` gains variant `ThrottlingUser` (the code decoded as `Unknown` before)",
        )]),
        case(
            spec(),
            spec().service(&format!(
                "commonErrors:\n  {throttling}\n  - {{status: 503, code: ServiceUnavailable, message: Try later.}}"
            )),
            &["error-code-added"],
        )
        .has([
            Has::Path("commonErrors.ServiceUnavailable"),
            Has::EffectStarts("error kind `CommonErrorKind` gains"),
        ]),
        case(spec(), spec().errors(""), &["error-code-removed"]).has([Has::EffectStarts(
            "error kind `CreateThingErrorKind` loses variant `ThingNotFound`",
        )]),
        case(errors(throttling), spec(), &["error-code-removed"]),
        case(row("400", "No thing."), row("404", "No thing."), &["error-status-changed"]),
        case(
            row("400", "No thing."),
            row("400", "The thing does not exist."),
            &["error-message-changed"],
        ),
    ]
}

fn rust_name_cases() -> Vec<Case> {
    let codes = |both: bool| {
        let mut errors = String::from(
            "- {status: 400, code: InvalidParameterValue.TooLarge, message: Too large.}",
        );
        if both {
            errors.push_str(
                "\n- {status: 400, code: InvalidParameter.ValueTooLarge, message: A value is too large.}",
            );
        }
        spec().errors(&errors)
    };
    let image = "- {name: ImageID, type: string, description: The image.}";
    vec![
        // A field that reads as `image_id` takes the name; the other is spelled out.
        case(
            param(image),
            param(&format!(
                "{image}\n- {{name: ImageId, type: string, description: The other image.}}"
            )),
            &["rust-name-changed", "request-parameter-added"],
        )
        .has([
            Has::Path("request.ImageID"),
            Has::EffectStarts("field and setter `CreateThingRequest::image_id` become `image_i_d`"),
        ]),
        // Removing one of two colliding codes frees the plain name for the other.
        case(
            codes(true),
            codes(false),
            &["rust-name-changed", "error-code-removed"],
        )
        .has([
            Has::EffectContains(
                "renames variant `InvalidParameterValue_TooLarge` to `InvalidParameterValueTooLarge`",
            ),
            Has::EffectContains("no longer compiles"),
        ]),
        case(
            codes(false),
            codes(true),
            &["rust-name-changed", "error-code-added"],
        )
        .has([
            Has::EffectContains(
                "renames variant `InvalidParameterValueTooLarge` to `InvalidParameterValue_TooLarge`",
            ),
            // Both codes take separated names: the old one is free, so matches stop compiling.
            // (tests/fixtures/diff/rust-name-changed has a code that takes the old name.)
            Has::EffectContains("no longer compiles"),
        ]),
        // An override renames the field.
        case(
            param(image),
            param("- {name: ImageID, rustName: image, type: string, description: The image.}"),
            &["rust-name-changed"],
        )
        .has([Has::EffectStarts(
            "field and setter `CreateThingRequest::image_id` become `image`",
        )]),
    ]
}

fn docs_cases() -> Vec<Case> {
    let example = |v: &str| {
        spec().params(&format!(
            "- {{name: Name, type: string, description: The name., example: {v}}}"
        ))
    };
    let body = |b: &str| {
        spec().op(&format!(
            "examples:\n  - {{title: ok, kind: success, status: 200, body: '{b}'}}"
        ))
    };
    let note = |limit: u32| {
        spec().op(&format!(
            "notes:\n  - {{kind: quota, says: At most {limit} things., limit: {limit}}}"
        ))
    };
    let cited = |says: &str| {
        spec().params(&format!(
            "- {{name: Name, type: string, description: The name., maxLength: 64, citations: [{{says: \"{says}\", for: [maxLength]}}]}}"
        ))
    };
    let rule = |says: &str| {
        param("- {name: A, type: string, description: First.}").rules(&format!(
            "- {{kind: mutuallyExclusive, parameters: [Name, A], says: {says}}}"
        ))
    };
    vec![
        case(
            spec(),
            spec().params("- {name: Name, type: string, description: The thing's name.}"),
            &["description-changed"],
        )
        .has([Has::Effect(
            "the rustdoc of `CreateThingRequest::name` changes",
        )]),
        case(
            spec(),
            spec().op("description: More words."),
            &["description-changed"],
        ),
        case(
            spec(),
            spec().errors(
                "- {status: 400, code: Thing.NotFound, message: No thing., description: Gone.}",
            ),
            &["description-changed"],
        ),
        case(example("a"), example("b"), &["example-changed"]),
        case(
            body(r#"{"RequestId": "a"}"#),
            body(r#"{"RequestId": "b"}"#),
            &["example-changed"],
        ),
        case(spec(), body(r#"{"RequestId": "b"}"#), &["example-changed"]),
        case(
            spec().yaml(),
            edited(
                "source: [{url: \"https://example.com/doc\", language: en}]",
                "source: [{url: \"https://example.com/doc\", language: en, lastUpdated: \"2026-01-29\"}]",
            ),
            &["source-changed"],
        ),
        case(spec(), note(15), &["notes-changed"]),
        case(note(15), note(20), &["notes-changed", "notes-changed"]),
        case(
            cited("Up to 64."),
            cited("At most 64 characters."),
            &["citation-changed"],
        ),
        case(rule("One."), rule("Only one."), &["citation-changed"]),
        case(
            spec().params(
                "- {name: Name, type: string, required: true, description: The name., citations: [{says: Required., for: [required]}]}",
            ),
            spec().params(
                "- {name: Name, type: string, required: true, description: The name., citations: [{says: You must name it., for: [required]}]}",
            ),
            &["citation-changed"],
        ),
        case(
            spec(),
            spec().params(
                "- name: Name\n  type: string\n  description: The name.\n  provenance: [{about: description, note: From the SDK.}]",
            ),
            &["provenance-changed"],
        )
        .has([Has::Message(
            "provenance notes of request parameter `Name` changed: 1 added (`description`)",
        )]),
    ]
}

fn cases() -> Vec<Case> {
    [
        service_cases(),
        operation_cases(),
        parameter_cases(),
        request_rule_cases(),
        response_cases(),
        error_cases(),
        rust_name_cases(),
        docs_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[test]
fn every_case_reports_what_it_expects() {
    let cases = cases();
    let failures: Vec<String> = cases
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            c.failure()
                .map(|f| format!("case #{i} (expecting {:?}): {f}", c.ids))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_rule_fires_in_some_case() {
    let cases = cases();
    for r in RULES {
        assert!(
            cases.iter().any(|c| c.ids.contains(&r.id)),
            "no case reports `{}`",
            r.id
        );
    }
}

#[test]
fn ids_are_unique_and_kebab_case() {
    let mut seen = std::collections::BTreeSet::new();
    for r in RULES {
        assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
        assert!(
            r.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !r.id.starts_with('-')
                && !r.id.ends_with('-')
                && !r.id.contains("--"),
            "{} is not kebab-case",
            r.id
        );
        assert!(!r.summary.is_empty());
        assert_eq!(super::find(r.id).map(|f| f.id), Some(r.id));
    }
}
