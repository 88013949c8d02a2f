//! The checker: parsed spec files to the checked [`Model`], with every semantic problem reported.
//!
//! Each check has a stable id (the diagnostic `code`), listed in [`CHECKS`]. The checker keeps
//! going after a problem, so one run reports everything.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::load::{LoadedSpec, did_you_mean};
use crate::model::{self, Field, Model, SourceLoc, Type, WireStyle};
use crate::spec::{self, Loc, Spanned};

mod constraints;
mod paginator;
pub mod proposals;
mod route;
mod values;
mod waiter;
pub use values::{Enums, value_problems, violation};

// Whether a region-map key is a region id (`cn-hangzhou`, `ap-shanghai-fsi`) is the runtime's
// own rule, so a key the runtime would refuse is an error here.
use cloudspec_runtime::endpoint::is_region_id;

/// The sentences `p`'s citations give for `keyword` (`required`, `enum`), joined.
fn cited(p: &spec::Param, keyword: &str) -> Option<String> {
    let sentences: Vec<&str> = p
        .citations
        .iter()
        .filter(|c| c.backs.iter().any(|k| k.value == keyword))
        .map(|c| c.says.value.trim())
        .collect();
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

/// Every semantic check, by stable id, with what it enforces.
pub const CHECKS: &[(&str, &str)] = &[
    (
        "duplicate-name",
        "operation, parameter, field, type and service names are unique",
    ),
    (
        "unresolved-type",
        "every type is a primitive or a named type of the same service",
    ),
    (
        "type-shape",
        "arrays have `items`, objects have `properties`, scalars have neither",
    ),
    (
        "endpoint-data",
        "a central host has no `{region}`, a template no other placeholder, region-map keys are \
         region ids with literal hosts, and `networkHosts: labelSuffix` has a literal first label",
    ),
    (
        "constraint-type-mismatch",
        "length rules on strings, item rules on arrays, ranges on numbers",
    ),
    (
        "min-greater-than-max",
        "minLength <= maxLength, minItems <= maxItems, minimum <= maximum",
    ),
    ("invalid-pattern", "patterns are valid regular expressions"),
    (
        "unknown-char-class",
        "character classes are ones cloudspec knows",
    ),
    (
        "enum-type-mismatch",
        "enum values have the parameter's type",
    ),
    ("duplicate-enum-value", "enum values are unique"),
    (
        "enum-description-unknown-value",
        "enumDescriptions only describe listed values",
    ),
    (
        "example-violates-constraint",
        "examples satisfy their own type, enum and constraints",
    ),
    (
        "default-violates-constraint",
        "defaults satisfy their own type, enum and constraints",
    ),
    (
        "citation-unknown-constraint",
        "citations back constraints the parameter has",
    ),
    (
        "uncited-constraint",
        "every constraint cites the sentence it comes from, or a provenance entry about it names its source (warning)",
    ),
    (
        "unconfirmed-proposal",
        "constraints and rules `cloudspec import` proposed from prose (not enforced until then) are confirmed or removed (warning)",
    ),
    (
        "duplicate-error-code",
        "error codes are unique per operation",
    ),
    ("invalid-error-status", "HTTP statuses are 100-599"),
    (
        "rule-unknown-parameter",
        "rules name existing request parameters",
    ),
    (
        "rule-unsatisfiable",
        "rules can be satisfied together with the required flags",
    ),
    (
        "missing-description",
        "parameters, fields and errors are described (warning)",
    ),
    ("invalid-example-body", "response examples are valid JSON"),
    (
        "wire-mismatch",
        "wire locations fit the protocol; response fields have none",
    ),
    ("unknown-also-accept", "alsoAccept names JSON types"),
    ("invalid-date", "lastUpdated dates are YYYY-MM-DD"),
    ("empty-value", "names, summaries and codes are not empty"),
    (
        "enum-violates-constraint",
        "every enum value satisfies the parameter's own constraints",
    ),
    (
        "invalid-rust-name",
        "rustName and enumRustNames overrides are identifiers in the right case",
    ),
    (
        "invalid-idempotency-token",
        "an idempotency token is a top-level string request parameter, at most one per operation",
    ),
    (
        "unknown-common-parameter",
        "an operation's `commonParameters` override common parameters the service has",
    ),
    (
        "invalid-paginator",
        "a paginator names request parameters and response paths of the right types",
    ),
    (
        "unknown-member",
        "`members` constrains existing members of the parameter's named type",
    ),
    (
        "invalid-waiter",
        "a waiter's path leads through response objects and arrays to a scalar; its values are disjoint, documented, with a success value; its delays and time limit are positive and ordered",
    ),
    (
        "invalid-route",
        "ROA operations have a method and a path whose `{Name}` segments are their required `in: path` parameters; other operations have neither",
    ),
    (
        "rust-name-collision",
        "no two items get one Rust name (fields of a struct, variants of an enum, types of a module)",
    ),
];

/// Where a list of valid values comes from: a parameter's `enum`, or its items' `items.enum`.
struct EnumSource<'a> {
    /// The parameter's name.
    name: &'a str,
    values: &'a [Spanned<Value>],
    descriptions: &'a BTreeMap<Spanned<String>, String>,
    rust_names: &'a BTreeMap<Spanned<String>, Spanned<String>>,
}

/// The result of checking: the model (complete only when there are no errors) and problems.
#[derive(Debug, Default)]
pub struct Checked {
    /// The checked model.
    pub model: Model,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a check reports warnings, or only what stops a spec from being generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warnings {
    /// Every diagnostic (`lint`).
    Report,
    /// Errors only (`generate`, `check`): warnings are not even built, since nothing would
    /// read them.
    Skip,
}

/// Checks every loaded spec and builds the model, reporting warnings too.
pub fn check(specs: &[LoadedSpec]) -> Checked {
    check_with(specs, Warnings::Report)
}

/// Checks every loaded spec and builds the model; the model is the same either way.
pub fn check_with(specs: &[LoadedSpec], warnings: Warnings) -> Checked {
    let mut out = Checked::default();
    let mut seen: HashMap<(String, String, String), (String, Loc)> = HashMap::new();
    for loaded in specs {
        let mut cx = Cx {
            file: &loaded.file,
            text: &loaded.text,
            diags: &mut out.diagnostics,
            types: BTreeMap::new(),
            warnings: warnings == Warnings::Report,
        };
        let svc = &loaded.spec.service;
        let key = (
            format!("{:?}", svc.provider.value),
            svc.product.value.clone(),
            svc.version.value.clone(),
        );
        if let Some((other, at)) = seen.get(&key) {
            cx.diags.push(
                Diagnostic::error(
                    "duplicate-name",
                    cx.file,
                    Some(svc.version.at),
                    format!(
                        "service {} {} is also defined in {other}:{}",
                        svc.product.value, svc.version.value, at.line
                    ),
                )
                .label("second definition of this service version"),
            );
            continue;
        }
        seen.insert(key, (loaded.file.clone(), svc.version.at));
        let without_proposals = proposals::set_aside(&loaded.spec);
        let spec = match &without_proposals {
            Some((spec, found)) => {
                let report = cx.warnings;
                for p in found.iter().filter(|_| report) {
                    cx.warn("unconfirmed-proposal", p.at, p.what.clone()).label =
                        "proposed by `cloudspec import`".into();
                    if let Some(d) = cx.diags.last_mut() {
                        d.help = Some(
                            "check the sentence: remove `proposed: true` to confirm, or remove the constraint (or rule) to reject".into(),
                        );
                    }
                }
                spec
            }
            None => &loaded.spec,
        };
        if let Some(mut service) = cx.service(spec) {
            let (names, collisions) = crate::rust_names::assign(&service);
            service.rust = names;
            // Like any other error, a collision keeps the service out of the model.
            if collisions.is_empty() {
                out.model.services.push(service);
            }
            for c in collisions {
                cx.diags.push(collision(&loaded.file, c));
            }
        }
    }
    out.model.services.sort_by(|a, b| {
        (provider_key(a.provider), &a.product, &a.version).cmp(&(
            provider_key(b.provider),
            &b.product,
            &b.version,
        ))
    });
    out
}

/// A `rust-name-collision` error at the first place, with every other place beside it.
fn collision(file: &str, c: crate::rust_names::Collision) -> Diagnostic {
    let mut places = c.places.into_iter();
    let (first_what, first_loc) = places.next().unwrap_or_default();
    let others: Vec<(String, SourceLoc)> = places.collect();
    let also: Vec<&str> = others.iter().map(|(w, _)| w.as_str()).collect();
    let mut d = Diagnostic::error(
        "rust-name-collision",
        file,
        Some(first_loc.to_loc()),
        format!(
            "{first_what} and {} would both be `{}` in {}",
            also.join(" and "),
            c.name,
            c.scope
        ),
    )
    .label(format!("{first_what} is `{}`", c.name))
    .help(c.help);
    for (what, loc) in others {
        d = d.related(loc.to_loc(), format!("{what} is also `{}`", c.name));
    }
    d
}

fn provider_key(p: model::Provider) -> &'static str {
    match p {
        model::Provider::Alibaba => "alibaba",
        model::Provider::Tencent => "tencent",
    }
}

struct Cx<'a> {
    file: &'a str,
    /// The file's text, to place positions inside values (example bodies).
    text: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    /// Named types of the current service, resolved.
    types: BTreeMap<String, Vec<Field>>,
    /// Whether warnings are built ([`Warnings`]).
    warnings: bool,
}

/// Where a field sits, which decides the checks that apply.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Request,
    Response,
    Member,
}

impl Cx<'_> {
    /// The file position of 1-based `line`/`column` inside the scalar starting at `at`. Block
    /// scalars (`|`, `>`) start on the line after their indicator, at their indentation.
    fn inside_scalar(&self, at: Loc, line: usize, column: usize) -> Loc {
        let lines: Vec<&str> = self.text.lines().collect();
        let first = at.line as usize; // 1-based line of the scalar's start
        let head = lines
            .get(first.saturating_sub(1))
            .copied()
            .unwrap_or_default();
        let start_col = (at.column as usize).saturating_sub(1);
        let indicator = head.chars().skip(start_col).collect::<String>();
        let header = indicator.starts_with('|') || indicator.starts_with('>');
        // Some parsers place a block scalar at its first content line instead of its indicator.
        let content_start = !header
            && first >= 2
            && lines.get(first - 2).is_some_and(|prev| {
                let t = prev.trim_end();
                ["|", ">", "|-", ">-", "|+", ">+"]
                    .iter()
                    .any(|i| t.ends_with(i))
            });
        let (file_line, file_col) = if header || content_start {
            let l = if header {
                first + line
            } else {
                first + line - 1
            };
            let text = lines.get(l.saturating_sub(1)).copied().unwrap_or_default();
            let indent = text.len() - text.trim_start().len();
            (l, indent + column)
        } else if line <= 1 {
            (first, start_col + 1 + column)
        } else {
            (first + line - 1, column)
        };
        // Byte offset of that position.
        let offset = self
            .text
            .split_inclusive('\n')
            .take(file_line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let line_text = lines
            .get(file_line.saturating_sub(1))
            .copied()
            .unwrap_or_default();
        let col_bytes = line_text
            .char_indices()
            .nth(file_col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        if file_line == 0 || file_line > lines.len() {
            return at;
        }
        Loc {
            line: file_line as u32,
            column: file_col.max(1) as u32,
            offset: Some(offset + col_bytes),
            len: Some(1),
        }
    }

    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    fn loc(&self, at: Loc) -> SourceLoc {
        SourceLoc {
            file: self.file.to_string(),
            line: at.line,
            column: at.column,
            span: at.offset.map(|o| (o, at.len.unwrap_or(0))),
        }
    }

    /// The error for the last of the `walked` segments of a response path (`subject`: the
    /// paginator's or waiter's path, as the message names it), which names no field of
    /// `fields`: where it looked, and the nearest field name or the list of them.
    fn no_such_field(
        &mut self,
        code: &'static str,
        at: Loc,
        subject: &str,
        walked: &[&str],
        op: &str,
        fields: &[Field],
    ) {
        let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
        let (segment, before) = walked.split_last().unwrap_or((&"", &[]));
        let within = if before.is_empty() {
            format!("the response of operation {op}")
        } else {
            format!("`{}`", before.join("."))
        };
        let msg = format!("{subject} names `{segment}`, which is not a field of {within}");
        let d = self.err(code, at, msg);
        d.label = "no such field".into();
        d.help = Some(match did_you_mean(segment, &names) {
            Some(s) => format!("did you mean `{s}`?"),
            None if names.is_empty() => "that object has no fields".into(),
            None => format!("its fields are {}", names.join(", ")),
        });
    }

    /// The endpoint block, checked: the hosts must fit the rule and the network behaviour, so
    /// that the runtime's host building (`cloudspec_runtime::endpoint`) gives what the spec
    /// means.
    fn endpoints(&mut self, e: &spec::Endpoints) -> model::Endpoints {
        let rule = e.rule.value;
        let network_hosts = e
            .network_hosts
            .as_ref()
            .map_or(model::NetworkHosts::default(), |n| n.value);
        let host = &e.host;
        let placeholders = |h: &str| {
            let mut rest = h;
            let mut found = Vec::new();
            while let Some(open) = rest.find('{') {
                let after = &rest[open..];
                let close = after.find('}').map_or(after.len(), |c| c + 1);
                found.push(after[..close].to_string());
                rest = &after[close..];
            }
            found
        };
        if rule == model::EndpointRule::Regional && !host.value.contains("{region}") {
            let d = self.err(
                "type-shape",
                host.at,
                "a regional endpoint host needs a `{region}` placeholder",
            );
            d.label = "no `{region}` here".into();
        }
        for p in placeholders(&host.value) {
            let (msg, label) = if p != "{region}" {
                (
                    format!("`{p}` is not a placeholder: a host template has only `{{region}}`"),
                    "unknown placeholder".to_string(),
                )
            } else if rule == model::EndpointRule::Central {
                (
                    "a central endpoint host is used for every region: it cannot have a \
                     `{region}` placeholder (use `rule: regional`)"
                        .to_string(),
                    "`{region}` is never filled in here".to_string(),
                )
            } else {
                continue;
            };
            let d = self.err("endpoint-data", host.at, msg);
            d.label = label;
        }
        if network_hosts == model::NetworkHosts::LabelSuffix {
            let label = host.value.split('.').next().unwrap_or_default();
            if label.is_empty() || label.contains(['{', '}']) {
                let d = self.err(
                    "endpoint-data",
                    host.at,
                    format!(
                        "`networkHosts: labelSuffix` appends `-{{network}}` to the host's first \
                         label, but `{}` does not start with a literal label",
                        host.value
                    ),
                );
                d.label = "the first label must be literal, as the product is".into();
            }
        }
        for (region, mapped) in &e.region_map {
            if !is_region_id(region) {
                let d = self.err(
                    "endpoint-data",
                    mapped.at,
                    format!(
                        "region-map key `{region}` is not a region id (lower-case letters, \
                         digits and `-`)"
                    ),
                );
                d.label = "the host of that key".into();
            }
            if mapped.value.is_empty() || mapped.value.contains(['{', '}']) {
                let d = self.err(
                    "endpoint-data",
                    mapped.at,
                    format!(
                        "the region-map host of `{region}` must be a literal host name, not \
                         `{}`",
                        mapped.value
                    ),
                );
                d.label = "a host for one region has no placeholders".into();
            }
        }
        model::Endpoints {
            rule,
            host: host.value.clone(),
            region_map: e
                .region_map
                .iter()
                .map(|(k, v)| (k.clone(), v.value.clone()))
                .collect(),
            regions: e.regions.iter().map(|r| r.value.clone()).collect(),
            international_host: e.international_host.as_ref().map(|h| h.value.clone()),
            network_hosts,
        }
    }

    fn err(&mut self, code: &'static str, at: Loc, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::error(code, self.file, Some(at), msg));
        self.diags.last_mut().expect("just pushed")
    }

    fn warn(&mut self, code: &'static str, at: Loc, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::warning(code, self.file, Some(at), msg));
        self.diags.last_mut().expect("just pushed")
    }

    fn non_empty(&mut self, s: &Spanned<String>, what: &str) -> String {
        if s.value.trim().is_empty() {
            let d = self.err("empty-value", s.at, format!("{what} is empty"));
            d.label = format!("{what} must not be empty");
        }
        s.value.clone()
    }

    fn service(&mut self, spec: &spec::SpecFile) -> Option<model::Service> {
        let svc = &spec.service;
        let errors_before = self.diags.iter().filter(|d| d.is_error()).count();
        let product = self.non_empty(&svc.product, "product");
        let name = self.non_empty(&svc.name, "service name");
        let version = self.non_empty(&svc.version, "version");
        let protocol = svc.protocol.value;
        let default_loc = svc
            .wire
            .location
            .as_ref()
            .map(|l| l.value)
            .unwrap_or(protocol.default_location());
        let default_style = svc
            .wire
            .style
            .as_ref()
            .map(|s| s.value)
            .unwrap_or(protocol.default_style());
        if let Some(l) = &svc.wire.location {
            self.check_location(protocol, l);
        }

        // Named types: first collect names (so types may refer to each other), then resolve.
        let mut type_names = BTreeMap::new();
        for t in &spec.types {
            if let Some(prev) = type_names.insert(t.name.value.clone(), t.name.at) {
                let msg = format!("type `{}` is defined twice", t.name.value);
                let d = self.err("duplicate-name", t.name.at, msg);
                d.label = "second definition".into();
                *d = d.clone().related(prev, "first defined here");
            }
            if is_primitive(&t.name.value) {
                let msg = format!("type name `{}` is a built-in type", t.name.value);
                self.err("duplicate-name", t.name.at, msg).label = "choose another name".into();
            }
        }
        for name in type_names.keys() {
            self.types.insert(name.clone(), Vec::new());
        }
        let mut types = Vec::new();
        let wire = (default_loc, default_style);
        for t in &spec.types {
            let properties = self.fields(
                &t.properties,
                Role::Member,
                protocol,
                wire,
                &format!("type {}", t.name.value),
            );
            self.types.insert(t.name.value.clone(), properties.clone());
            let rust_name =
                self.rust_name(t.name.value.as_str(), t.rust_name.as_ref(), Case::Camel);
            types.push(model::NamedType {
                name: t.name.value.clone(),
                rust_name,
                description: t.description.as_ref().map(|d| d.value.clone()),
                properties,
                provenance: provenance(&t.provenance),
                loc: self.loc(t.name.at),
            });
        }
        // Named types may be used before their definition: check values against them again
        // now that all are resolved.
        let common_parameters = self.fields(
            &svc.common_parameters,
            Role::Request,
            protocol,
            wire,
            "common parameters",
        );
        let common_errors = self.errors(&svc.common_errors, "common errors");

        let mut operations = Vec::new();
        let mut op_names: BTreeMap<String, Loc> = BTreeMap::new();
        for op in &spec.operations {
            if let Some(prev) = op_names.insert(op.name.value.clone(), op.name.at) {
                let msg = format!("operation `{}` is defined twice", op.name.value);
                let d = self.err("duplicate-name", op.name.at, msg);
                d.label = "second definition".into();
                *d = d.clone().related(prev, "first defined here");
                continue;
            }
            let mut operation = self.operation(op, protocol, wire);
            operation.common_parameters =
                self.common_overrides(op, &common_parameters, protocol, wire);
            operations.push(operation);
        }
        let endpoints = self.endpoints(&svc.endpoints);
        let errors_after = self.diags.iter().filter(|d| d.is_error()).count();
        let service = model::Service {
            provider: svc.provider.value,
            signing_name: svc
                .signing_name
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_else(|| product.clone()),
            product,
            name,
            version,
            protocol,
            endpoints,
            lenient_scalars: svc.lenient_scalars.as_ref().is_some_and(|l| l.value),
            common_parameters,
            common_errors,
            types,
            operations,
            provenance: provenance(&svc.provenance),
            loc: self.loc(svc.product.at),
            rust: Default::default(),
        };
        self.types.clear();
        (errors_after == errors_before).then_some(service)
    }

    fn check_location(&mut self, protocol: model::Protocol, l: &Spanned<model::WireLocation>) {
        let (allowed, help) = protocol.locations();
        if !allowed.contains(&l.value) {
            let msg = format!(
                "`in: {}` does not exist in this protocol",
                l.value.spec_name()
            );
            let d = self.err("wire-mismatch", l.at, msg);
            d.label = "not a location of this protocol".into();
            d.help = Some(help.into());
        }
    }

    /// Whether `p` is marked as the idempotency token, reporting a mark it cannot carry.
    fn idempotency_token(&mut self, p: &spec::Param, role: Role, ty: &Type) -> bool {
        let Some(mark) = p.idempotency_token.as_ref().filter(|m| m.value) else {
            return false;
        };
        let problem = match (role, ty) {
            (Role::Request, Type::String) => return true,
            (Role::Request, _) => "an idempotency token is a string",
            (Role::Member, _) => "only a top-level request parameter can be the idempotency token",
            (Role::Response, _) => "a response field cannot be an idempotency token",
        };
        let msg = format!(
            "`{}` cannot be the idempotency token: {problem}",
            p.name.value
        );
        let d = self.err("invalid-idempotency-token", mark.at, msg);
        d.label = "marked here".into();
        d.help = Some("remove `idempotencyToken`, or mark the operation's string token parameter (`ClientToken`)".into());
        false
    }

    /// Reports every idempotency token of `op` after the first.
    fn one_idempotency_token(&mut self, op: &spec::Operation) {
        let mut marked = op.parameters.iter().filter_map(|p| {
            p.idempotency_token
                .as_ref()
                .filter(|m| m.value)
                .map(|m| (p, m))
        });
        let Some((first, first_mark)) = marked.next() else {
            return;
        };
        let rest: Vec<_> = marked.map(|(p, m)| (p.name.value.clone(), m.at)).collect();
        for (name, at) in rest {
            let msg = format!(
                "`{name}` is a second idempotency token of operation {}; `{}` is the first",
                op.name.value, first.name.value
            );
            let d = self.err("invalid-idempotency-token", at, msg);
            d.label = "second token".into();
            d.help = Some("an operation has one idempotency token: remove this mark".into());
            *d = d.clone().related(first_mark.at, "first token marked here");
        }
    }

    /// An operation's definitions of common parameters, each checked like any parameter and
    /// required to name one the service has.
    fn common_overrides(
        &mut self,
        op: &spec::Operation,
        service: &[Field],
        protocol: model::Protocol,
        wire: (model::WireLocation, model::WireStyle),
    ) -> Vec<Field> {
        let ctx = format!("the common parameters of operation {}", op.name.value);
        let fields = self.fields(&op.common_parameters, Role::Request, protocol, wire, &ctx);
        let names: Vec<String> = service.iter().map(|p| p.name.clone()).collect();
        let mut out = Vec::new();
        for field in fields {
            if names.contains(&field.name) {
                out.push(field);
                continue;
            }
            let Some(p) = op
                .common_parameters
                .iter()
                .find(|p| p.name.value == field.name)
            else {
                continue;
            };
            let msg = format!(
                "operation {} overrides `{}`, which is not a common parameter of the service",
                op.name.value, p.name.value
            );
            let d = self.err("unknown-common-parameter", p.name.at, msg);
            d.label = "no such common parameter".into();
            d.help = Some(match did_you_mean(&p.name.value, &names) {
                Some(s) => format!("did you mean `{s}`?"),
                None if names.is_empty() => {
                    "the service has no `commonParameters`; an operation's own parameters go under `parameters`".into()
                }
                None => format!("the service's common parameters are {}", names.join(", ")),
            });
        }
        out
    }

    fn operation(
        &mut self,
        op: &spec::Operation,
        protocol: model::Protocol,
        wire: (model::WireLocation, model::WireStyle),
    ) -> model::Operation {
        let name = self.non_empty(&op.name, "operation name");
        let summary = self.non_empty(&op.summary, "summary");
        let ctx = format!("operation {name}");
        let parameters = self.fields(&op.parameters, Role::Request, protocol, wire, &ctx);
        self.one_idempotency_token(op);
        let response = self.fields(&op.response, Role::Response, protocol, wire, &ctx);
        let rules = self.rules(&op.rules, &parameters);
        let paginator = op
            .paginator
            .as_ref()
            .and_then(|p| self.paginator(p, &name, &parameters, &response));
        let (method, path) = self.route(op, protocol, &parameters);
        let waiters = self.waiters(&op.waiters, &name, &response);
        let errors = self.errors(&op.errors, &ctx);
        let mut sources = Vec::new();
        for s in &op.source {
            if let Some(d) = &s.last_updated
                && !is_date(&d.value)
            {
                let msg = format!("`{}` is not a YYYY-MM-DD date", d.value);
                self.err("invalid-date", d.at, msg).label = "expected YYYY-MM-DD".into();
            }
            sources.push(model::SourcePage {
                url: s.url.value.clone(),
                last_updated: s.last_updated.as_ref().map(|d| d.value.clone()),
                language: s.language.value.clone(),
                role: s
                    .role
                    .as_ref()
                    .map(|r| r.value.clone())
                    .unwrap_or_else(|| "primary".into()),
            });
        }
        let mut examples = Vec::new();
        for e in &op.examples {
            if (e.kind.value != model::ExampleKind::Request
                || protocol == model::Protocol::TencentApi3)
                && let Err(err) = serde_json::from_str::<Value>(&e.body.value)
            {
                let at = self.inside_scalar(e.body.at, err.line(), err.column());
                let reason = err.to_string();
                let reason = reason
                    .split(" at line ")
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let msg = format!("example `{}` is not valid JSON: {reason}", e.title.value);
                self.err("invalid-example-body", at, msg).label = "the JSON breaks here".into();
            }
            if let Some(st) = &e.status
                && !(100..=599).contains(&st.value)
            {
                self.err(
                    "invalid-error-status",
                    st.at,
                    format!("{} is not an HTTP status", st.value),
                )
                .label = "expected 100-599".into();
            }
            examples.push(model::Example {
                title: e.title.value.clone(),
                kind: e.kind.value,
                status: e.status.as_ref().map(|s| s.value),
                body: e.body.value.clone(),
                provenance: provenance(&e.provenance),
            });
        }
        model::Operation {
            name,
            summary,
            description: op.description.as_ref().map(|d| d.value.clone()),
            sources,
            authorization: op.authorization.as_ref().map(|a| model::Authorization {
                action: a.action.value.clone(),
                access_level: a.access_level.value.clone(),
                resource_types: a
                    .resource_types
                    .iter()
                    .map(|r| model::ResourceType {
                        name: r.name.value.clone(),
                        required: r.required,
                        arn: r.arn.as_ref().map(|a| a.value.clone()),
                    })
                    .collect(),
                condition_keys: a.condition_keys.iter().map(|c| c.value.clone()).collect(),
                dependent_actions: a
                    .dependent_actions
                    .iter()
                    .map(|c| c.value.clone())
                    .collect(),
            }),
            rate_limit: op.rate_limit.as_ref().map(|r| model::RateLimit {
                requests: r.requests.value,
                per: r.per.value.clone(),
                says: r.says.value.clone(),
            }),
            regions: op.regions.iter().map(|r| r.value.clone()).collect(),
            // Filled by the caller, which has the service's common parameters.
            common_parameters: Vec::new(),
            notes: op
                .notes
                .iter()
                .map(|n| model::Note {
                    kind: n.kind.value.clone(),
                    says: n.says.value.clone(),
                    limit: n.limit.as_ref().map(|l| l.value),
                })
                .collect(),
            parameters,
            rules,
            response,
            response_envelope: op.response_envelope.as_ref().map(|e| e.value.clone()),
            waiters,
            method,
            path,
            paginator,
            errors,
            examples,
            provenance: provenance(&op.provenance),
            loc: self.loc(op.name.at),
        }
    }

    fn fields(
        &mut self,
        params: &[spec::Param],
        role: Role,
        protocol: model::Protocol,
        wire: (model::WireLocation, model::WireStyle),
        ctx: &str,
    ) -> Vec<Field> {
        let mut names: BTreeMap<&str, Loc> = BTreeMap::new();
        let mut out = Vec::new();
        for p in params {
            if let Some(prev) = names.insert(&p.name.value, p.name.at) {
                let msg = format!("`{}` appears twice in {ctx}", p.name.value);
                let d = self.err("duplicate-name", p.name.at, msg);
                d.label = "second definition".into();
                *d = d.clone().related(prev, "first defined here");
                continue;
            }
            out.push(self.field(p, role, protocol, wire));
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_type(
        &mut self,
        ty: &Spanned<String>,
        format: Option<&Spanned<spec::Format>>,
        items: Option<&spec::Items>,
        values: Option<&spec::Items>,
        props: &[spec::Param],
        role: Role,
        protocol: model::Protocol,
        wire: (model::WireLocation, model::WireStyle),
    ) -> Option<Type> {
        let t = ty.value.trim();
        if let Some(f) = format
            && t != "string"
        {
            let msg = format!("`format: date-time` is for strings; this is `{t}`");
            let d = self.err("type-shape", f.at, msg);
            d.label = "not a string".into();
            d.help = Some("remove `format`, or make the type `string`".into());
            return None;
        }
        match t {
            "string" => Some(match format.map(|f| f.value) {
                Some(spec::Format::DateTime) => Type::DateTime,
                None => Type::String,
            }),
            "integer" => Some(Type::Integer),
            "number" => Some(Type::Number),
            "boolean" => Some(Type::Boolean),
            "array" => match items {
                Some(items) => {
                    let inner = self.resolve_type(
                        &items.ty,
                        items.format.as_ref(),
                        None,
                        None,
                        &items.properties,
                        role,
                        protocol,
                        wire,
                    )?;
                    Some(Type::Array(Box::new(inner)))
                }
                None => {
                    let d = self.err("type-shape", ty.at, "an array needs `items`");
                    d.label = "array without `items`".into();
                    d.help = Some(
                        "add `items: {type: string}` or `items: {type: SomeNamedType}`".into(),
                    );
                    None
                }
            },
            "map" => match values {
                Some(values) => {
                    let inner = self.resolve_type(
                        &values.ty,
                        values.format.as_ref(),
                        None,
                        None,
                        &values.properties,
                        role,
                        protocol,
                        wire,
                    )?;
                    if matches!(inner, Type::Object(_)) {
                        let d = self.err(
                            "type-shape",
                            values.ty.at,
                            "a map's values are scalars, arrays or a named type, not an inline object",
                        );
                        d.label = "inline object".into();
                        d.help = Some("declare the object under `types:` and name it here".into());
                        return None;
                    }
                    Some(Type::Map(Box::new(inner)))
                }
                None => {
                    let d = self.err("type-shape", ty.at, "a map needs `values`");
                    d.label = "map without `values`".into();
                    d.help = Some("add `values: {type: string}` (the type of every value)".into());
                    None
                }
            },
            "object" => {
                if props.is_empty() {
                    let d = self.err("type-shape", ty.at, "an inline object needs `properties`");
                    d.label = "object without members".into();
                    return None;
                }
                Some(Type::Object(self.fields(
                    props,
                    if role == Role::Response {
                        Role::Response
                    } else {
                        Role::Member
                    },
                    protocol,
                    wire,
                    "object",
                )))
            }
            other => {
                if self.types.contains_key(other) {
                    Some(Type::Named(other.to_string()))
                } else {
                    let mut candidates: Vec<String> = self.types.keys().cloned().collect();
                    candidates.extend(
                        [
                            "string", "integer", "number", "boolean", "array", "map", "object",
                        ]
                        .map(String::from),
                    );
                    let d = self.err("unresolved-type", ty.at, format!("unknown type `{other}`"));
                    d.label = "not a built-in or named type".into();
                    d.help = Some(match did_you_mean(other, &candidates) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "use string, integer, number, boolean, array, map, object, or a type from `types:`".into(),
                    });
                    None
                }
            }
        }
    }

    fn field(
        &mut self,
        p: &spec::Param,
        role: Role,
        protocol: model::Protocol,
        wire: (model::WireLocation, model::WireStyle),
    ) -> Field {
        let name = self.non_empty(&p.name, "parameter name");
        let ty = self.resolve_type(
            &p.ty,
            p.format.as_ref(),
            p.items.as_deref(),
            p.values.as_deref(),
            &p.properties,
            role,
            protocol,
            wire,
        );
        if !p.properties.is_empty() && p.ty.value != "object" {
            let d = self.err(
                "type-shape",
                p.ty.at,
                format!("`properties` given but the type is `{}`", p.ty.value),
            );
            d.label = "only `object` has properties".into();
        }
        if p.items.is_some() && p.ty.value != "array" {
            let d = self.err(
                "type-shape",
                p.ty.at,
                format!("`items` given but the type is `{}`", p.ty.value),
            );
            d.label = "only `array` has items".into();
        }
        if self.warnings
            && p.description
                .as_ref()
                .is_none_or(|d| d.value.trim().is_empty())
            && !p.protocol_filled
        {
            let d = self.warn(
                "missing-description",
                p.name.at,
                format!("`{name}` has no description"),
            );
            d.label = "describe it as the page does".into();
        }
        if role == Role::Response {
            // `style: json` says the value arrives as JSON text inside a string; nothing else
            // about the wire is the response's to say.
            let style_at = p
                .style
                .as_ref()
                .filter(|s| s.value != WireStyle::Json)
                .map(|s| s.at);
            for (present, at) in [(p.location.as_ref().map(|l| l.at)), style_at]
                .into_iter()
                .flatten()
                .map(|a| (true, a))
            {
                if present {
                    let d = self.err("wire-mismatch", at, "response fields have no wire location");
                    d.label = "remove this".into();
                }
            }
        } else if let Some(l) = &p.location {
            self.check_location(protocol, l);
        }
        for a in &p.also_accept {
            if !matches!(
                a.value.as_str(),
                "string" | "integer" | "number" | "boolean"
            ) {
                let msg = format!("`{}` is not a JSON scalar type", a.value);
                self.err("unknown-also-accept", a.at, msg).label =
                    "expected string, integer, number or boolean".into();
            }
        }
        let errors_before = self.error_count();
        let resolved = ty.is_some();
        let ty = ty.unwrap_or(Type::String);
        // Constraints of a field whose type did not resolve would be judged against a guess.
        let constraints = if resolved {
            self.constraints(p, &ty)
        } else {
            Vec::new()
        };
        let item_enum = p.items.as_deref().filter(|i| !i.enum_values.is_empty());
        let enum_values = match (&ty, item_enum) {
            _ if !resolved => Vec::new(),
            // The valid values of each element of an array (a list of statuses).
            (Type::Array(inner), Some(items)) => {
                if let Some(v) = p.enum_values.first() {
                    let msg = format!(
                        "`{}` lists valid values twice: for the array (`enum`) and for its items (`items.enum`)",
                        p.name.value
                    );
                    let d = self.err("enum-type-mismatch", v.at, msg);
                    d.label = "an array's values are its items' values".into();
                    d.help = Some("keep `items.enum` only".into());
                }
                self.enum_values(
                    EnumSource {
                        name: &p.name.value,
                        values: &items.enum_values,
                        descriptions: &items.enum_descriptions,
                        rust_names: &items.enum_rust_names,
                    },
                    inner,
                )
            }
            _ => self.enum_values(
                EnumSource {
                    name: &p.name.value,
                    values: &p.enum_values,
                    descriptions: &p.enum_descriptions,
                    rust_names: &p.enum_rust_names,
                },
                &ty,
            ),
        };
        // Examples and defaults are only judged against rules that are themselves sound.
        let judge_values = resolved && self.error_count() == errors_before;

        let rust_name = self.rust_name(&name, p.rust_name.as_ref(), Case::Snake);
        let idempotency_token = self.idempotency_token(p, role, &ty);
        let mut field = Field {
            name,
            rust_name,
            ty,
            required: p.required.as_ref().is_some_and(|r| r.value),
            description: p.description.as_ref().map(|d| d.value.clone()),
            item_description: p
                .items
                .as_ref()
                .and_then(|i| i.description.as_ref().map(|d| d.value.clone())),
            example: p.example.as_ref().map(|e| e.value.clone()),
            default: p.default.as_ref().map(|e| e.value.clone()),
            enum_values,
            not_public: p.not_public,
            constraints,
            required_says: cited(p, "required"),
            enum_says: cited(p, "enum"),
            location: None,
            style: None,
            also_accept: p.also_accept.iter().map(|a| a.value.clone()).collect(),
            protocol_filled: p.protocol_filled,
            idempotency_token,
            nullable: p.nullable.as_ref().is_some_and(|n| n.value),
            member_constraints: BTreeMap::new(),
            provenance: provenance(&p.provenance),
            loc: self.loc(p.name.at),
        };
        if !p.members.is_empty() && resolved {
            field.member_constraints = self.member_constraints(p, &field.ty);
        }
        if let Some(n) = p
            .nullable
            .as_ref()
            .filter(|n| n.value && role == Role::Request)
        {
            let msg = format!(
                "`nullable` says a response field may arrive as `null`; `{}` is sent, not received",
                field.name
            );
            let d = self.err("wire-mismatch", n.at, msg);
            d.label = "not a response field".into();
            d.help = Some("remove it: a request parameter left unset is not sent".into());
        }
        if role == Role::Request {
            field.location = Some(p.location.as_ref().map(|l| l.value).unwrap_or(wire.0));
            field.style = Some(p.style.as_ref().map(|s| s.value).unwrap_or(wire.1));
        } else if let Some(json) = p.style.as_ref().filter(|s| s.value == WireStyle::Json) {
            // A response value sent as JSON text: only structured values are.
            if field.ty.is_scalar() && resolved {
                let msg = format!(
                    "`style: json` on a response field says it arrives as JSON text; `{}` is `{}`, which is text already",
                    field.name,
                    field.ty.spec_name()
                );
                let d = self.err("wire-mismatch", json.at, msg);
                d.label = "nothing to decode".into();
                d.help = Some(
                    "give it the type the text holds (array, map, object or a named type)".into(),
                );
            }
            field.style = Some(WireStyle::Json);
        }
        if let Some(style) = p.style.as_ref().filter(|s| s.value == WireStyle::Comma)
            && resolved
            && !matches!(&field.ty, Type::Array(inner) if inner.is_scalar())
        {
            let msg = format!(
                "`style: comma` joins the items of an array of scalars; `{}` is `{}`",
                field.name,
                field.ty.spec_name()
            );
            let d = self.err("wire-mismatch", style.at, msg);
            d.label = "nothing to join".into();
            d.help = Some("use `style: flat` or `json`, or make it an array of strings".into());
        }
        if judge_values {
            self.enum_within_constraints(p, &field);
        }
        if let Some(ex) = p.example.as_ref().filter(|_| judge_values) {
            let problems = self.value_problems(&field, &ex.value, role);
            for problem in problems {
                let msg = format!("the example breaks its own rules: {problem}");
                self.err("example-violates-constraint", ex.at, msg).label = "this example".into();
            }
        }
        if let Some(def) = p.default.as_ref().filter(|_| judge_values) {
            let problems = self.value_problems(&field, &def.value, role);
            for problem in problems {
                let msg = format!("the default breaks its own rules: {problem}");
                let d = self.err("default-violates-constraint", def.at, msg);
                d.label = "this default".into();
                d.help = Some(if field.enum_values.is_empty() {
                    "check the page: either the default or the rule it breaks is transcribed wrong"
                        .into()
                } else {
                    let values: Vec<String> = field.enum_values.iter().map(|e| e.wire()).collect();
                    format!(
                        "the documented values are {}: the default is one of them, unless the page lists more (then add it to `enum`)",
                        values.join(", ")
                    )
                });
            }
        }
        field
    }

    /// The constraints `p.members` puts on members of its named type (or its items'), by
    /// member name; each member must exist and take its constraints.
    fn member_constraints(
        &mut self,
        p: &spec::Param,
        ty: &Type,
    ) -> BTreeMap<String, Vec<model::Constraint>> {
        let named = match ty {
            Type::Named(n) => Some(n),
            Type::Array(inner) => match inner.as_ref() {
                Type::Named(n) => Some(n),
                _ => None,
            },
            _ => None,
        };
        let Some(named) = named else {
            let msg = format!(
                "`members` constrains members of a named type where `{}` uses it; `{}` is `{}`",
                p.name.value,
                p.name.value,
                ty.spec_name()
            );
            let d = self.err("unknown-member", p.members[0].name.at, msg);
            d.label = "no named type here".into();
            d.help = Some("put the constraints on the members themselves".into());
            return BTreeMap::new();
        };
        let fields = self.types.get(named).cloned().unwrap_or_default();
        let mut out = BTreeMap::new();
        for m in &p.members {
            let Some(member) = fields.iter().find(|f| f.name == m.name.value) else {
                let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
                let msg = format!("`{named}` has no member `{}`", m.name.value);
                let d = self.err("unknown-member", m.name.at, msg);
                d.label = format!("not a member of `{named}`");
                d.help = Some(match did_you_mean(&m.name.value, &names) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("its members are {}", names.join(", ")),
                });
                continue;
            };
            let constraints = self.constraints(&m.as_param(), &member.ty);
            if out.insert(m.name.value.clone(), constraints).is_some() {
                let msg = format!("`members` names `{}` twice", m.name.value);
                self.err("unknown-member", m.name.at, msg).label = "second entry".into();
            }
        }
        out
    }

    fn enum_values(&mut self, p: EnumSource<'_>, ty: &Type) -> Vec<model::EnumValue> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for v in p.values {
            let ok = match ty {
                Type::String => v.value.is_string(),
                Type::Integer => v.value.is_i64() || v.value.is_u64(),
                Type::Number => v.value.is_number(),
                Type::Boolean => v.value.is_boolean(),
                _ => false,
            };
            if !ok {
                let msg = format!("enum value `{}` is not a {}", v.value, ty.spec_name());
                let d = self.err("enum-type-mismatch", v.at, msg);
                d.label = "wrong type for this parameter".into();
                if *ty == Type::String && !v.value.is_string() {
                    d.help = Some(format!("quote it: \"{}\"", v.value));
                }
            }
            let key = value_text(&v.value);
            if !seen.insert(key.clone()) {
                let msg = format!("enum value `{key}` is listed twice");
                self.err("duplicate-enum-value", v.at, msg).label = "duplicate".into();
                continue;
            }
            let rust_name = p
                .rust_names
                .iter()
                .find(|(k, _)| k.value == key)
                .and_then(|(_, n)| self.rust_name(&key, Some(n), Case::Camel));
            out.push(model::EnumValue {
                value: v.value.clone(),
                rust_name,
                description: p
                    .descriptions
                    .iter()
                    .find(|(k, _)| k.value == key)
                    .map(|(_, d)| d.clone()),
            });
        }
        for key in p.rust_names.keys() {
            if !seen.contains(&key.value) {
                let msg = format!(
                    "`enumRustNames` names `{}`, which is not in `enum`",
                    key.value
                );
                let d = self.err("enum-description-unknown-value", key.at, msg);
                d.label = format!("not a valid value of `{}`", p.name);
            }
        }
        for key in p.descriptions.keys() {
            if !seen.contains(&key.value) {
                let msg = format!(
                    "`enumDescriptions` describes `{}`, which is not in `enum`",
                    key.value
                );
                let d = self.err("enum-description-unknown-value", key.at, msg);
                d.label = format!("not a valid value of `{}`", p.name);
                let cands: Vec<String> = seen.iter().cloned().collect();
                if let Some(s) = did_you_mean(&key.value, &cands) {
                    d.help = Some(format!("did you mean `{s}`?"));
                }
            }
        }
        out
    }

    /// What is wrong with `value` as a value of `field` (type, enum, constraints).
    /// Every documented value must pass the parameter's own constraints: a value that breaks
    /// them would be refused by `validate` in every request that uses it.
    fn enum_within_constraints(&mut self, p: &spec::Param, field: &Field) {
        for v in &p.enum_values {
            for c in &field.constraints {
                if let Some(why) = violation(&c.kind, &v.value) {
                    let text = value_text(&v.value);
                    let msg = format!(
                        "enum value `{text}` {why} (`{}`: {})",
                        c.kind.keyword(),
                        c.kind.describe()
                    );
                    let d = self.err("enum-violates-constraint", v.at, msg);
                    d.label = "every request with this value would fail validation".into();
                    d.help = Some(format!(
                        "check the page: either `{}` or this value of `{}` is transcribed wrong",
                        c.kind.keyword(),
                        p.name.value
                    ));
                }
            }
        }
    }

    fn value_problems(&self, field: &Field, value: &Value, role: Role) -> Vec<String> {
        let enums = if role == Role::Response {
            Enums::Open
        } else {
            Enums::Closed
        };
        let mut out = Vec::new();
        value_problems(field, value, &self.types, &field.name, enums, &mut out);
        out
    }

    fn rules(&mut self, rules: &[spec::Rule], params: &[Field]) -> Vec<model::Rule> {
        let names: Vec<String> = params.iter().map(|p| p.name.clone()).collect();
        let mut out = Vec::new();
        for r in rules {
            let mut ok = true;
            let mut members = Vec::new();
            for p in r.parameters.iter().chain(r.when.iter()) {
                if !names.contains(&p.value) {
                    ok = false;
                    let d = self.err(
                        "rule-unknown-parameter",
                        p.at,
                        format!(
                            "the rule names `{}`, which is not a request parameter",
                            p.value
                        ),
                    );
                    d.label = "no such parameter".into();
                    if let Some(s) = did_you_mean(&p.value, &names) {
                        d.help = Some(format!("did you mean `{s}`?"));
                    }
                }
            }
            for p in &r.parameters {
                members.push(p.value.clone());
            }
            let required: Vec<&String> = members
                .iter()
                .filter(|m| params.iter().any(|p| &p.name == *m && p.required))
                .collect();
            use model::RuleKind as K;
            match r.kind.value {
                K::MutuallyExclusive | K::ExactlyOneOf if required.len() > 1 => {
                    let msg = format!(
                        "the rule cannot be satisfied: {} are {} required but at most one may be set",
                        required
                            .iter()
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(" and "),
                        if required.len() == 2 { "both" } else { "all" }
                    );
                    self.err("rule-unsatisfiable", r.kind.at, msg).label = "this rule".into();
                    ok = false;
                }
                K::MutuallyExclusive | K::ExactlyOneOf | K::AtLeastOneOf if members.len() < 2 => {
                    self.err(
                        "rule-unsatisfiable",
                        r.kind.at,
                        "a group rule needs at least two parameters",
                    )
                    .label = "this rule".into();
                    ok = false;
                }
                K::RequiredWhen if r.when.is_none() => {
                    self.err(
                        "rule-unsatisfiable",
                        r.kind.at,
                        "`requiredWhen` needs `when`",
                    )
                    .label = "this rule".into();
                    ok = false;
                }
                K::RequiredWhen => {
                    if let Some(w) = &r.when {
                        if members.contains(&w.value) {
                            self.err(
                                "rule-unsatisfiable",
                                w.at,
                                "a parameter cannot be required when it is itself set",
                            )
                            .label = "here".into();
                            ok = false;
                        }
                        // requiredWhen X and mutuallyExclusive with X can never both hold.
                        for other in rules {
                            if matches!(other.kind.value, K::MutuallyExclusive | K::ExactlyOneOf) {
                                let names: Vec<&str> =
                                    other.parameters.iter().map(|p| p.value.as_str()).collect();
                                if names.contains(&w.value.as_str())
                                    && members.iter().any(|m| names.contains(&m.as_str()))
                                {
                                    let d = self.err("rule-unsatisfiable", r.kind.at, format!("`{}` is required when `{}` is set, but another rule forbids setting both", members.join("`, `"), w.value));
                                    d.label = "this rule".into();
                                    *d = d
                                        .clone()
                                        .related(other.kind.at, "conflicts with this rule");
                                    ok = false;
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
            if ok {
                out.push(model::Rule {
                    kind: r.kind.value,
                    parameters: members,
                    when: r.when.as_ref().map(|w| w.value.clone()),
                    says: r.says.value.clone(),
                    provenance: provenance(&r.provenance),
                    loc: self.loc(r.kind.at),
                });
            }
        }
        out
    }

    fn errors(&mut self, errors: &[spec::ErrorEntry], ctx: &str) -> Vec<model::ErrorEntry> {
        let mut seen: BTreeMap<&str, Loc> = BTreeMap::new();
        let mut out = Vec::new();
        for e in errors {
            let code = self.non_empty(&e.code, "error code");
            if let Some(prev) = seen.insert(&e.code.value, e.code.at) {
                let d = self.err(
                    "duplicate-error-code",
                    e.code.at,
                    format!("error code `{code}` appears twice in {ctx}"),
                );
                d.label = "second entry".into();
                *d = d.clone().related(prev, "first entry");
                continue;
            }
            if let Some(s) = &e.status
                && !(100..=599).contains(&s.value)
            {
                self.err(
                    "invalid-error-status",
                    s.at,
                    format!("{} is not an HTTP status", s.value),
                )
                .label = "expected 100-599".into();
            }
            if self.warnings && e.message.is_none() && e.description.is_none() {
                self.warn(
                    "missing-description",
                    e.code.at,
                    format!("error `{code}` has neither message nor description"),
                )
                .label = "undocumented".into();
            }
            let rust_name = self.rust_name(&code, e.rust_name.as_ref(), Case::Camel);
            out.push(model::ErrorEntry {
                status: e.status.as_ref().map(|s| s.value),
                rust_name,
                code,
                message: e.message.as_ref().map(|m| m.value.clone()),
                description: e
                    .description
                    .as_ref()
                    .map(|m| m.value.clone())
                    .filter(|d| d.trim() != "-"),
                provenance: provenance(&e.provenance),
                loc: self.loc(e.code.at),
            });
        }
        out
    }
}

/// The case a Rust-name override must be written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    /// `image_id`: fields and setters.
    Snake,
    /// `ImageId`: types and variants.
    Camel,
}

impl Cx<'_> {
    /// A `rustName`/`enumRustNames` override, if it is a name Rust accepts in that place.
    fn rust_name(
        &mut self,
        of: &str,
        name: Option<&Spanned<String>>,
        case: Case,
    ) -> Option<String> {
        let name = name?;
        let text = name.value.as_str();
        let ok = match case {
            Case::Snake => crate::rust_names::is_snake_ident(text),
            Case::Camel => crate::rust_names::is_camel_ident(text),
        };
        if ok {
            return Some(text.to_string());
        }
        let (want, example) = match case {
            Case::Snake => ("a snake_case identifier", "image_id"),
            Case::Camel => ("an UpperCamelCase identifier", "ImageId"),
        };
        let d = self.err(
            "invalid-rust-name",
            name.at,
            format!("the Rust name `{text}` given for `{of}` is not {want}"),
        );
        d.label = format!("expected {want}");
        d.help = Some(format!(
            "write it like `{example}`: ASCII letters and digits{}, starting with a letter",
            if case == Case::Snake {
                " and underscores, lower case"
            } else {
                ""
            }
        ));
        None
    }
}

pub(crate) fn article(word: &str) -> String {
    let vowel = word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
    format!("{} {word}", if vowel { "an" } else { "a" })
}

fn is_primitive(name: &str) -> bool {
    matches!(
        name,
        "string" | "integer" | "number" | "boolean" | "array" | "object"
    )
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

pub(crate) use crate::text::value_text;

fn provenance(p: &[spec::Provenance]) -> Vec<model::Provenance> {
    p.iter()
        .map(|p| model::Provenance {
            about: p.about.value.clone(),
            note: p.note.value.clone(),
            source: p.source.as_ref().map(|s| s.value.clone()),
        })
        .collect()
}
