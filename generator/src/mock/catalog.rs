//! What the mock serves, read from the model once at start: each operation's route, the
//! runtime's [`OperationSpec`] for it (so requests are validated by the very validator the
//! clients use), its documented success example and its documented errors.
//!
//! The runtime's specs are `'static` (generated crates hold them in statics); the mock builds
//! them once per server from the model and leaks them, a bounded cost paid at start.
//!
//! The mapping from model to [`ParamSpec`] is the one `emit::rust::data` writes as Rust
//! source; `tests/mock_server.rs` checks, for every operation of the repository's specs, that
//! the two agree.

use std::collections::HashMap;

use cloudspec_runtime::schema::{
    Check, CheckRule, Kind, Location, OperationSpec, ParamSpec, RuleKind as RtRuleKind, RuleSpec,
    ServiceSpec, Style,
};

use crate::model::{
    CharClass, ConstraintKind, EndpointRule, ExampleKind, Field, Model, NetworkHosts, Operation,
    Protocol, Provider, RuleKind, Service, Type, WireLocation, WireStyle,
};

/// One documented error an operation may answer.
#[derive(Debug, Clone)]
pub struct DocumentedError {
    /// The code (`InvalidImageName.Duplicate`).
    pub code: String,
    /// The documented HTTP status, if any.
    pub status: Option<u16>,
    /// The documented message, if any.
    pub message: Option<String>,
}

/// One operation the mock serves.
#[derive(Debug)]
pub struct Entry {
    /// The vendor.
    pub provider: Provider,
    /// The protocol.
    pub protocol: Protocol,
    /// The service's product code (`cvm`).
    pub product: String,
    /// The service's API version.
    pub version: String,
    /// Tencent's credential-scope service.
    pub signing_name: String,
    /// The action name.
    pub name: String,
    /// The HTTP method (ROA), `POST` otherwise.
    pub method: &'static str,
    /// The path template (`/clusters/{ClusterId}`), `/` for RPC and API 3.0.
    pub path: String,
    /// The runtime's description of it.
    pub spec: &'static OperationSpec,
    /// The first documented success example: status and body.
    pub success: Option<(u16, String)>,
    /// The operation's documented errors, then the service's common ones.
    pub errors: Vec<DocumentedError>,
}

impl Entry {
    /// The documented error with `code` (a `%s` placeholder matches any text).
    pub fn error(&self, code: &str) -> Option<&DocumentedError> {
        self.errors.iter().find(|e| code_matches(&e.code, code))
    }
}

/// Whether `code` is an instance of the documented `pattern` (`%s` stands for any text).
fn code_matches(pattern: &str, code: &str) -> bool {
    match pattern.split_once("%s") {
        None => pattern == code,
        Some((head, tail)) => {
            code.len() >= head.len() + tail.len() && code.starts_with(head) && code.ends_with(tail)
        }
    }
}

/// Every operation of a model.
#[derive(Debug, Default)]
pub struct Catalog {
    /// The operations, in model order.
    pub entries: Vec<Entry>,
}

impl Catalog {
    /// Reads `model`.
    pub fn new(model: &Model) -> Catalog {
        let mut entries = Vec::new();
        for service in &model.services {
            let runtime_service: &'static ServiceSpec = leak(service_spec(service));
            let mut cx = SpecCx {
                service,
                named: HashMap::new(),
                expanding: Vec::new(),
            };
            for op in &service.operations {
                let spec = cx.operation(runtime_service, op);
                entries.push(Entry {
                    provider: service.provider,
                    protocol: service.protocol,
                    product: service.product.clone(),
                    version: service.version.clone(),
                    signing_name: service.signing_name.clone(),
                    name: op.name.clone(),
                    method: op.method.as_str(),
                    path: op.path.clone(),
                    spec,
                    success: op
                        .examples
                        .iter()
                        .find(|e| e.kind == ExampleKind::Success)
                        .map(|e| (e.status.unwrap_or(200), e.body.clone())),
                    errors: op
                        .errors
                        .iter()
                        .chain(&service.common_errors)
                        .map(|e| DocumentedError {
                            code: e.code.clone(),
                            status: e.status,
                            message: e
                                .message
                                .clone()
                                .or_else(|| example_message(op, &e.code))
                                .or_else(|| e.description.clone()),
                        })
                        .collect(),
                });
            }
        }
        Catalog { entries }
    }
}

/// The message an error example of `op` gives for `code` (Tencent `Response.Error`, Alibaba
/// `Code`/`Message` or ROA `code`/`message`).
fn example_message(op: &Operation, code: &str) -> Option<String> {
    op.examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Error)
        .filter_map(|e| serde_json::from_str::<serde_json::Value>(&e.body).ok())
        .find_map(|body| {
            let error = body.pointer("/Response/Error").cloned().unwrap_or(body);
            let field = |names: [&str; 2]| {
                names
                    .iter()
                    .find_map(|n| error.get(*n).and_then(|v| v.as_str()).map(str::to_string))
            };
            (field(["Code", "code"]).as_deref() == Some(code))
                .then(|| field(["Message", "message"]))
                .flatten()
        })
}

fn leak<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

fn leak_str(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

fn leak_slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn leak_strs(items: impl IntoIterator<Item = String>) -> &'static [&'static str] {
    leak_slice(items.into_iter().map(|s| leak_str(&s)).collect())
}

/// The runtime's protocol object for `protocol`.
pub fn runtime_protocol(protocol: Protocol) -> &'static dyn cloudspec_runtime::Protocol {
    match protocol {
        Protocol::AlibabaRpc => &cloudspec_runtime::protocol::AlibabaRpc,
        Protocol::AlibabaRoa => &cloudspec_runtime::protocol::AlibabaRoa,
        Protocol::TencentApi3 => &cloudspec_runtime::protocol::TencentApi3,
    }
}

fn service_spec(s: &Service) -> ServiceSpec {
    ServiceSpec {
        protocol: runtime_protocol(s.protocol),
        product: leak_str(&s.product),
        version: leak_str(&s.version),
        signing_name: leak_str(&s.signing_name),
        endpoint_rule: match s.endpoints.rule {
            EndpointRule::Regional => cloudspec_runtime::EndpointRule::Regional,
            EndpointRule::Central => cloudspec_runtime::EndpointRule::Central,
        },
        host: leak_str(&s.endpoints.host),
        region_map: leak_slice(
            s.endpoints
                .region_map
                .iter()
                .map(|(r, h)| (leak_str(r), leak_str(h)))
                .collect(),
        ),
        international_host: s.endpoints.international_host.as_deref().map(leak_str),
        network_hosts: match s.endpoints.network_hosts {
            NetworkHosts::PublicOnly => cloudspec_runtime::NetworkHosts::PublicOnly,
            NetworkHosts::LabelSuffix => cloudspec_runtime::NetworkHosts::LabelSuffix,
        },
    }
}

/// How deep a named type that contains itself is expanded; below that, its members are not
/// checked (a static can point at itself, a value built at run time cannot).
const SELF_REFERENCE_DEPTH: usize = 4;

struct SpecCx<'a> {
    service: &'a Service,
    /// Member lists of named types, built once.
    named: HashMap<String, &'static [ParamSpec]>,
    /// The named types being built, outermost first.
    expanding: Vec<String>,
}

impl SpecCx<'_> {
    fn operation(
        &mut self,
        service: &'static ServiceSpec,
        op: &Operation,
    ) -> &'static OperationSpec {
        let params = op
            .parameters
            .iter()
            .filter(|p| !p.protocol_filled)
            .map(|p| self.param(p))
            .collect();
        let rules = op
            .rules
            .iter()
            .map(|r| RuleSpec {
                kind: match r.kind {
                    RuleKind::MutuallyExclusive => RtRuleKind::MutuallyExclusive,
                    RuleKind::ExactlyOneOf => RtRuleKind::ExactlyOneOf,
                    RuleKind::AtLeastOneOf => RtRuleKind::AtLeastOneOf,
                    RuleKind::RequiredWhen => {
                        RtRuleKind::RequiredWhen(leak_str(r.when.as_deref().unwrap_or_default()))
                    }
                },
                params: leak_strs(r.parameters.iter().cloned()),
                says: leak_str(&r.says),
            })
            .collect();
        leak(OperationSpec {
            service,
            name: leak_str(&op.name),
            params: leak_slice(params),
            rules: leak_slice(rules),
            envelope: op.response_envelope.as_deref().map(leak_str),
            idempotency_token: op.idempotency_token().map(leak_str),
            method: op.method.as_str(),
            path: leak_str(&op.path),
            regions: leak_strs(self.service.regions_of(op).iter().cloned()),
            region_required: self.service.region_required(op),
        })
    }

    fn param(&mut self, f: &Field) -> ParamSpec {
        let kind = if !f.member_constraints.is_empty() {
            let used = self
                .service
                .with_member_constraints(&f.ty, &f.member_constraints);
            self.kind(&used)
        } else if matches!(&f.ty, Type::Array(inner) if **inner == Type::String)
            && !f.enum_values.is_empty()
        {
            let mut item = ParamSpec::new("", Kind::String)
                .one_of(leak_strs(f.enum_values.iter().map(|e| e.wire())));
            if let Some(says) = &f.enum_says {
                item = item.cite_enum(leak_str(says));
            }
            Kind::Array(leak(item))
        } else {
            self.kind(&f.ty)
        };
        let (location, style) = match f.location.zip(f.style) {
            Some((WireLocation::Path, _)) => (Location::Path, Style::Flat),
            Some((location, style)) => (
                match location {
                    WireLocation::Query => Location::Query,
                    WireLocation::Form => Location::Form,
                    WireLocation::Json => Location::Json,
                    WireLocation::Header => Location::Header,
                    WireLocation::Path => Location::Path,
                },
                match style {
                    WireStyle::Flat => Style::Flat,
                    WireStyle::Json => Style::Json,
                    WireStyle::Comma => Style::Comma,
                },
            ),
            None => (Location::Query, Style::Flat),
        };
        let mut p = ParamSpec::new(leak_str(&f.name), kind).wire(location, style);
        p.required = f.required;
        if let Some(says) = f.required_says.as_deref().filter(|_| f.required) {
            p.required_says = leak_str(says);
        }
        if !f.enum_values.is_empty() && f.ty == Type::String {
            p.enum_values = leak_strs(f.enum_values.iter().map(|e| e.wire()));
            if let Some(says) = &f.enum_says {
                p.enum_says = leak_str(says);
            }
        }
        if !f.constraints.is_empty() {
            p.checks = leak_slice(
                f.constraints
                    .iter()
                    .map(|c| {
                        Check::new(
                            check_rule(&c.kind),
                            leak_str(c.says.as_deref().unwrap_or_default()),
                        )
                    })
                    .collect(),
            );
        }
        p
    }

    fn kind(&mut self, ty: &Type) -> Kind {
        match ty {
            Type::String | Type::DateTime => Kind::String,
            Type::Integer => Kind::Integer,
            Type::Number => Kind::Number,
            Type::Boolean => Kind::Boolean,
            Type::Array(inner) => {
                let item = ParamSpec::new("", self.kind(inner));
                Kind::Array(leak(item))
            }
            Type::Map(inner) => {
                let value = ParamSpec::new("", self.kind(inner));
                Kind::Map(leak(value))
            }
            Type::Object(members) => {
                let members: Vec<ParamSpec> = members.iter().map(|m| self.param(m)).collect();
                Kind::Object(leak_slice(members))
            }
            Type::Named(n) => Kind::Object(self.named(n)),
        }
    }

    fn named(&mut self, name: &str) -> &'static [ParamSpec] {
        if let Some(members) = self.named.get(name) {
            return members;
        }
        let depth = self.expanding.iter().filter(|n| *n == name).count();
        if depth >= SELF_REFERENCE_DEPTH {
            return &[];
        }
        let Some(t) = self.service.named_type(name) else {
            return &[];
        };
        self.expanding.push(name.to_string());
        let members: Vec<ParamSpec> = t.properties.iter().map(|m| self.param(m)).collect();
        self.expanding.pop();
        let members = leak_slice(members);
        // A type met again inside itself was cut off at some depth: only the outermost
        // expansion is complete and worth keeping.
        if !self.expanding.iter().any(|n| n == name) {
            self.named.insert(name.to_string(), members);
        }
        members
    }
}

fn check_rule(kind: &ConstraintKind) -> CheckRule {
    use cloudspec_runtime::schema::CharSet;
    let charset = |set: &crate::model::CharSet| {
        let mut bits = 0u8;
        for c in &set.classes {
            bits |= match c {
                CharClass::Letter => CharSet::LETTER,
                CharClass::Digit => CharSet::DIGIT,
                CharClass::Lowercase => CharSet::LOWERCASE,
                CharClass::Uppercase => CharSet::UPPERCASE,
                CharClass::Chinese => CharSet::CHINESE,
            };
        }
        CharSet::new(bits, leak_str(&set.chars))
    };
    match kind {
        ConstraintKind::MinLength { value } => CheckRule::MinLength(*value),
        ConstraintKind::MaxLength { value } => CheckRule::MaxLength(*value),
        ConstraintKind::Pattern { regex } => CheckRule::Pattern(leak_str(regex)),
        ConstraintKind::AllowedChars { set } => CheckRule::AllowedChars(charset(set)),
        ConstraintKind::FirstChar { set } => CheckRule::FirstChar(charset(set)),
        ConstraintKind::ForbiddenPrefixes { values } => {
            CheckRule::ForbiddenPrefixes(leak_strs(values.iter().cloned()))
        }
        ConstraintKind::ForbiddenSubstrings { values } => {
            CheckRule::ForbiddenSubstrings(leak_strs(values.iter().cloned()))
        }
        ConstraintKind::AsciiOnly => CheckRule::AsciiOnly,
        ConstraintKind::NonEmpty => CheckRule::NonEmpty,
        ConstraintKind::MinItems { value } => CheckRule::MinItems(*value),
        ConstraintKind::MaxItems { value } => CheckRule::MaxItems(*value),
        ConstraintKind::Minimum { value } => CheckRule::Minimum(*value),
        ConstraintKind::Maximum { value } => CheckRule::Maximum(*value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_codes_match_any_text_in_their_place() {
        assert!(code_matches("InvalidParameter.%s", "InvalidParameter.Name"));
        assert!(!code_matches("InvalidParameter.%s", "Invalid"));
        assert!(code_matches("Exact", "Exact"));
        assert!(!code_matches("Exact", "Exactly"));
    }
}
