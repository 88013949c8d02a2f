//! The checked model: the intermediate representation every command reads.
//!
//! Plain data with no YAML types and no I/O. It is produced by [`crate::check`] from spec
//! files that passed every check, so emitters can rely on its invariants: type names resolve,
//! constraints are consistent, rule members exist, and every item is sorted as written.

use std::collections::BTreeMap;

use serde::Serialize;

pub use crate::spec::{
    EndpointRule, ExampleKind, HttpMethod, NetworkHosts, PageStyle, Protocol, Provider, RuleKind,
    WireLocation, WireStyle,
};

/// A position in a spec file, kept so reports can point back at the source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceLoc {
    /// The spec file, as given on the command line (relative paths stay relative).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// Byte offset and length of the value in the file, where the parser knew them (for
    /// diagnostics that underline it; not part of the location's identity in reports).
    #[serde(skip)]
    pub span: Option<(usize, usize)>,
}

impl SourceLoc {
    /// The location as the loader gives it, for diagnostics.
    pub fn to_loc(&self) -> crate::spec::Loc {
        crate::spec::Loc {
            line: self.line,
            column: self.column,
            offset: self.span.map(|(o, _)| o),
            len: self.span.map(|(_, l)| l),
        }
    }
}

impl std::fmt::Display for SourceLoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Every service version that was loaded, sorted by provider, product and version.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Model {
    /// The services.
    pub services: Vec<Service>,
}

impl Model {
    /// All operations of all services, in model order.
    pub fn operations(&self) -> impl Iterator<Item = (&Service, &Operation)> {
        self.services
            .iter()
            .flat_map(|s| s.operations.iter().map(move |o| (s, o)))
    }
}

/// One service at one API version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    /// The vendor.
    pub provider: Provider,
    /// The product code (`swas-open`).
    pub product: String,
    /// The display name.
    pub name: String,
    /// The API version.
    pub version: String,
    /// The calling convention.
    pub protocol: Protocol,
    /// The service name used in signatures.
    pub signing_name: String,
    /// Host selection.
    pub endpoints: Endpoints,
    /// Whether scalar response fields take numbers and numeric strings for each other.
    pub lenient_scalars: bool,
    /// Parameters every operation takes.
    pub common_parameters: Vec<Field>,
    /// Errors every operation can return.
    pub common_errors: Vec<ErrorEntry>,
    /// Named data types, in spec order.
    pub types: Vec<NamedType>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
    /// Provenance notes on the service block.
    pub provenance: Vec<Provenance>,
    /// Where the service block is.
    pub loc: SourceLoc,
    /// Every Rust name the generated crate gives the service's items, assigned once by
    /// [`crate::rust_names`] after the checks.
    #[serde(skip)]
    pub rust: crate::rust_names::RustNames,
}

impl Service {
    /// The regions `op` is documented for: its own list, or else the service's (the client
    /// refuses others); empty when neither lists any.
    pub fn regions_of<'a>(&'a self, op: &'a Operation) -> &'a [String] {
        if op.regions.is_empty() {
            &self.endpoints.regions
        } else {
            &op.regions
        }
    }

    /// Whether `op` takes the service's own region list (it lists none of its own, or the
    /// same), which generated code then writes once for the service.
    pub fn takes_service_regions(&self, op: &Operation) -> bool {
        !self.endpoints.regions.is_empty()
            && self.regions_of(op) == self.endpoints.regions.as_slice()
    }

    /// The common parameters as `op` takes them: the service's, with the operation's own
    /// definitions in place of the ones it overrides, in the service's order.
    pub fn common_parameters_of<'a>(&'a self, op: &'a Operation) -> Vec<&'a Field> {
        self.common_parameters
            .iter()
            .map(|p| {
                op.common_parameters
                    .iter()
                    .find(|o| o.name == p.name)
                    .unwrap_or(p)
            })
            .collect()
    }

    /// Whether a call of `op` needs a region: the protocol takes it from the client's
    /// configuration (Tencent's `Region`) and the operation's common parameter is required.
    pub fn region_required(&self, op: &Operation) -> bool {
        self.protocol.config_region_parameter().is_some_and(|name| {
            self.common_parameters_of(op)
                .iter()
                .any(|p| p.name == name && p.required)
        })
    }

    /// `ty` (a named type, or an array of one) as an inline object whose members carry the
    /// extra constraints `extra` (by member name) of one use of the type: what a parameter's
    /// `members:` constraints make of the type for that parameter.
    pub fn with_member_constraints(
        &self,
        ty: &Type,
        extra: &BTreeMap<String, Vec<Constraint>>,
    ) -> Type {
        match ty {
            Type::Array(inner) => Type::Array(Box::new(self.with_member_constraints(inner, extra))),
            Type::Named(n) => Type::Object(
                self.named_type(n)
                    .map(|t| t.properties.clone())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|mut m| {
                        if let Some(more) = extra.get(&m.name) {
                            m.constraints.extend(more.iter().cloned());
                        }
                        m
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The named type called `name`, if any.
    pub fn named_type(&self, name: &str) -> Option<&NamedType> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The named types requests can carry: those reachable from a request or common
    /// parameter, through arrays, inline objects and other named types. The others only
    /// arrive in responses.
    pub fn request_types(&self) -> std::collections::BTreeSet<String> {
        self.request_types_where(false)
    }

    /// The named types whose shared request data (the runtime's member specs) some parameter
    /// refers to: [`Service::request_types`], less the types a parameter only uses with
    /// `members` constraints (it gets its own copy of their member specs).
    pub fn shared_request_types(&self) -> std::collections::BTreeSet<String> {
        self.request_types_where(true)
    }

    fn request_types_where(&self, copies: bool) -> std::collections::BTreeSet<String> {
        /// Visits `ty`; with `copy`, a named type at the top (or as the items) is not referred
        /// to itself, only its members' types are.
        fn visit_field(
            f: &Field,
            copies: bool,
            service: &Service,
            out: &mut std::collections::BTreeSet<String>,
        ) {
            let copied = copies && !f.member_constraints.is_empty();
            let named = match &f.ty {
                Type::Named(n) => Some(n),
                Type::Array(inner) => match inner.as_ref() {
                    Type::Named(n) => Some(n),
                    _ => None,
                },
                _ => None,
            };
            match named.filter(|_| copied) {
                Some(n) => {
                    for m in service
                        .named_type(n)
                        .map(|t| &t.properties[..])
                        .unwrap_or_default()
                    {
                        visit(&m.ty, service, out);
                    }
                }
                None => visit(&f.ty, service, out),
            }
        }
        fn visit(ty: &Type, service: &Service, out: &mut std::collections::BTreeSet<String>) {
            match ty {
                Type::Array(inner) | Type::Map(inner) => visit(inner, service, out),
                Type::Object(members) => {
                    for m in members {
                        visit(&m.ty, service, out);
                    }
                }
                Type::Named(n) => {
                    if out.insert(n.clone())
                        && let Some(t) = service.named_type(n)
                    {
                        for m in &t.properties {
                            visit(&m.ty, service, out);
                        }
                    }
                }
                _ => {}
            }
        }
        let mut out = std::collections::BTreeSet::new();
        for p in self
            .common_parameters
            .iter()
            .chain(self.operations.iter().flat_map(|o| o.parameters.iter()))
        {
            visit_field(p, copies, self, &mut out);
        }
        out
    }
}

/// Host selection for a service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Endpoints {
    /// Regional or central.
    pub rule: EndpointRule,
    /// The host, or the template with `{region}`.
    pub host: String,
    /// Regions with their own host, for every network.
    pub region_map: Vec<(String, String)>,
    /// Documented regions.
    pub regions: Vec<String>,
    /// The international host, where the vendor has one.
    pub international_host: Option<String>,
    /// How the host changes for networks other than the public one.
    pub network_hosts: NetworkHosts,
}

/// A named data type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedType {
    /// The name as documented.
    pub name: String,
    /// The Rust name the spec asks for, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// Members.
    pub properties: Vec<Field>,
    /// Provenance.
    pub provenance: Vec<Provenance>,
    /// Where it is defined.
    pub loc: SourceLoc,
}

/// An operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// The action name.
    pub name: String,
    /// One-line summary.
    pub summary: String,
    /// Longer description.
    pub description: Option<String>,
    /// Source pages.
    pub sources: Vec<SourcePage>,
    /// Authorization row.
    pub authorization: Option<Authorization>,
    /// Rate limit.
    pub rate_limit: Option<RateLimit>,
    /// Regions this operation supports, where narrower than the service's.
    pub regions: Vec<String>,
    /// This operation's definitions of some of the service's common parameters (overrides,
    /// by name); [`Service::common_parameters_of`] merges them.
    pub common_parameters: Vec<Field>,
    /// Rules the client documents but cannot check.
    pub notes: Vec<Note>,
    /// Request parameters.
    pub parameters: Vec<Field>,
    /// Cross-parameter rules.
    pub rules: Vec<Rule>,
    /// Response fields.
    pub response: Vec<Field>,
    /// The response envelope key (`Response` for Tencent), if any.
    pub response_envelope: Option<String>,
    /// Waiters polling this operation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waiters: Vec<Waiter>,
    /// The HTTP method (`POST` for every operation of a protocol without routes).
    pub method: HttpMethod,
    /// The path template (`/clusters/{ClusterId}`; `/` for protocols without routes).
    pub path: String,
    /// How the operation pages, if it is a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paginator: Option<Paginator>,
    /// Error table.
    pub errors: Vec<ErrorEntry>,
    /// Examples.
    pub examples: Vec<Example>,
    /// Provenance notes.
    pub provenance: Vec<Provenance>,
    /// Where the operation is defined.
    pub loc: SourceLoc,
}

impl Operation {
    /// The parameters callers set: all but what the protocol fills in (Tencent's `Action`).
    pub fn caller_parameters(&self) -> Vec<Field> {
        self.parameters
            .iter()
            .filter(|p| !p.protocol_filled)
            .cloned()
            .collect()
    }

    /// The request parameter with this wire name.
    pub fn parameter(&self, name: &str) -> Option<&Field> {
        self.parameters.iter().find(|p| p.name == name)
    }

    /// The idempotency token parameter (the spec's `idempotencyToken` mark), if any.
    pub fn idempotency_token(&self) -> Option<&str> {
        self.parameters
            .iter()
            .find(|p| p.idempotency_token)
            .map(|p| p.name.as_str())
    }
}

/// A waiter (checked: the path leads through response objects and arrays to a scalar; the
/// value lists are disjoint, fit the field's enum, and there is a success value; the delays
/// and time limit are positive and ordered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waiter {
    /// UpperCamelCase name (`ImageAvailable`).
    pub name: String,
    /// What it waits for.
    pub description: String,
    /// Wire names from the response to the values.
    pub path: Vec<String>,
    /// Values that mean done.
    pub success: Vec<String>,
    /// Done when the response has no value at the path (a deletion waiter).
    pub success_when_absent: bool,
    /// Values that mean it will not get there.
    pub failure: Vec<String>,
    /// Values that mean not yet.
    pub pending: Vec<String>,
    /// Minimum delay between polls, seconds.
    pub delay: u64,
    /// Maximum delay between polls, seconds.
    pub max_delay: u64,
    /// Default time limit, seconds.
    pub timeout: u64,
}

/// How a list operation pages (checked: the parameters exist with the right types, the paths
/// lead through response objects to an array, an integer and a string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paginator {
    /// How a request addresses a page.
    pub style: PageStyle,
    /// The request parameter saying where a page starts.
    pub cursor: String,
    /// The request parameter setting the page size.
    pub page_size: Option<String>,
    /// Path of response field names to the array of items.
    pub items: Vec<String>,
    /// Path to the total number of items.
    pub total: Option<Vec<String>>,
    /// Path to the next page's token.
    pub next_token: Option<Vec<String>>,
}

/// A documentation page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourcePage {
    /// Address.
    pub url: String,
    /// Last-updated date.
    pub last_updated: Option<String>,
    /// Language.
    pub language: String,
    /// `primary` or `secondary`.
    pub role: String,
}

/// Authorization row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Authorization {
    /// Policy action.
    pub action: String,
    /// Access level.
    pub access_level: String,
    /// Resource types.
    pub resource_types: Vec<ResourceType>,
    /// Condition keys.
    pub condition_keys: Vec<String>,
    /// Dependent actions.
    pub dependent_actions: Vec<String>,
}

/// A resource type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceType {
    /// Name.
    pub name: String,
    /// Marked with `*`.
    pub required: bool,
    /// ARN pattern.
    pub arn: Option<String>,
}

/// Rate limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateLimit {
    /// Requests.
    pub requests: u32,
    /// Period.
    pub per: String,
    /// Sentence.
    pub says: String,
}

/// An unenforceable rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    /// Kind.
    pub kind: String,
    /// Sentence.
    pub says: String,
    /// Hard limit for quotas.
    pub limit: Option<u32>,
}

/// The type of a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "camelCase")]
pub enum Type {
    /// Text.
    String,
    /// Whole number.
    Integer,
    /// Floating point number.
    Number,
    /// `true`/`false`.
    Boolean,
    /// A timestamp sent as a string (`format: date-time`).
    DateTime,
    /// A list.
    Array(Box<Type>),
    /// A JSON object with arbitrary string keys and values of one type.
    Map(Box<Type>),
    /// An inline object with its members.
    Object(Vec<Field>),
    /// A named type of the same service.
    Named(String),
}

impl Type {
    /// The name used in spec files and docs (`array<Tag>`).
    pub fn spec_name(&self) -> String {
        match self {
            Type::String => "string".into(),
            Type::Integer => "integer".into(),
            Type::Number => "number".into(),
            Type::Boolean => "boolean".into(),
            Type::DateTime => "string (date-time)".into(),
            Type::Array(inner) => format!("array<{}>", inner.spec_name()),
            Type::Map(inner) => format!("map<{}>", inner.spec_name()),
            Type::Object(_) => "object".into(),
            Type::Named(n) => n.clone(),
        }
    }

    /// Whether the value is a scalar.
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Type::String | Type::Integer | Type::Number | Type::Boolean | Type::DateTime
        )
    }
}

/// A parameter, response field or member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// Wire name.
    pub name: String,
    /// The Rust field name the spec asks for, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// Type.
    pub ty: Type,
    /// Documented as required.
    pub required: bool,
    /// Description, verbatim.
    pub description: Option<String>,
    /// The row describing array elements, if any.
    pub item_description: Option<String>,
    /// Example value, as JSON.
    pub example: Option<serde_json::Value>,
    /// Default value, as JSON.
    pub default: Option<serde_json::Value>,
    /// Valid values with their meaning.
    pub enum_values: Vec<EnumValue>,
    /// "Not publicly available".
    pub not_public: bool,
    /// Constraints with their sources.
    pub constraints: Vec<Constraint>,
    /// The sentence the spec cites for `required`, if any.
    pub required_says: Option<String>,
    /// The sentence the spec cites for `enum`, if any.
    pub enum_says: Option<String>,
    /// Where it travels on the wire (request parameters only).
    pub location: Option<WireLocation>,
    /// How it is flattened (request parameters); on a response field, `Json` when it arrives
    /// as JSON text inside a string ([`Field::arrives_as_json_text`]).
    pub style: Option<WireStyle>,
    /// Other JSON types accepted when decoding.
    pub also_accept: Vec<String>,
    /// Filled in by the protocol.
    pub protocol_filled: bool,
    /// The operation's idempotency token: the client fills it with a UUID when left empty.
    pub idempotency_token: bool,
    /// A response field the service may send as `null` (decoded as `None`, like an absent one).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    /// Constraints on members of the field's named type where this field uses it, by member
    /// wire name (each member's own constraints still hold).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub member_constraints: BTreeMap<String, Vec<Constraint>>,
    /// Provenance.
    pub provenance: Vec<Provenance>,
    /// Where the row is.
    pub loc: SourceLoc,
}

impl Field {
    /// A received value that arrives as JSON text inside a string (`style: json` on a
    /// response field): decoded from the text into its type.
    pub fn arrives_as_json_text(&self) -> bool {
        self.location.is_none() && self.style == Some(WireStyle::Json)
    }
}

/// A documented valid value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumValue {
    /// The value as sent on the wire (JSON).
    pub value: serde_json::Value,
    /// What it means.
    pub description: Option<String>,
    /// The Rust variant name the spec asks for, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
}

impl EnumValue {
    /// The value as text on the wire.
    pub fn wire(&self) -> String {
        crate::text::value_text(&self.value)
    }
}

/// One documented constraint on a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Constraint {
    /// What is constrained.
    pub kind: ConstraintKind,
    /// The documented sentence it comes from.
    pub says: Option<String>,
}

/// Kinds of constraints, with their parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "camelCase")]
pub enum ConstraintKind {
    /// At least this many characters.
    MinLength {
        /// Minimum.
        value: u64,
    },
    /// At most this many characters.
    MaxLength {
        /// Maximum.
        value: u64,
    },
    /// Must match this regular expression.
    Pattern {
        /// The regex.
        regex: String,
    },
    /// May contain only these characters.
    AllowedChars {
        /// The set.
        set: CharSet,
    },
    /// Must start with one of these characters.
    FirstChar {
        /// The set.
        set: CharSet,
    },
    /// Must not start with any of these.
    ForbiddenPrefixes {
        /// Prefixes.
        values: Vec<String>,
    },
    /// Must not contain any of these.
    ForbiddenSubstrings {
        /// Substrings.
        values: Vec<String>,
    },
    /// ASCII only.
    AsciiOnly,
    /// Not empty.
    NonEmpty,
    /// At least this many items.
    MinItems {
        /// Minimum.
        value: u64,
    },
    /// At most this many items.
    MaxItems {
        /// Maximum.
        value: u64,
    },
    /// At least this number.
    Minimum {
        /// Minimum.
        value: i64,
    },
    /// At most this number.
    Maximum {
        /// Maximum.
        value: i64,
    },
}

impl ConstraintKind {
    /// The spec keyword (`maxLength`), the stable name used in citations, reports and errors.
    pub fn keyword(&self) -> &'static str {
        match self {
            ConstraintKind::MinLength { .. } => "minLength",
            ConstraintKind::MaxLength { .. } => "maxLength",
            ConstraintKind::Pattern { .. } => "pattern",
            ConstraintKind::AllowedChars { .. } => "allowedChars",
            ConstraintKind::FirstChar { .. } => "firstChar",
            ConstraintKind::ForbiddenPrefixes { .. } => "forbiddenPrefixes",
            ConstraintKind::ForbiddenSubstrings { .. } => "forbiddenSubstrings",
            ConstraintKind::AsciiOnly => "asciiOnly",
            ConstraintKind::NonEmpty => "nonEmpty",
            ConstraintKind::MinItems { .. } => "minItems",
            ConstraintKind::MaxItems { .. } => "maxItems",
            ConstraintKind::Minimum { .. } => "minimum",
            ConstraintKind::Maximum { .. } => "maximum",
        }
    }

    /// The constraint in plain words, for docs and reports.
    pub fn describe(&self) -> String {
        match self {
            ConstraintKind::MinLength { value } => format!("at least {value} characters"),
            ConstraintKind::MaxLength { value } => format!("at most {value} characters"),
            ConstraintKind::Pattern { regex } => {
                format!(
                    "matches the regular expression {}",
                    crate::text::code_span(regex)
                )
            }
            ConstraintKind::AllowedChars { set } => format!("contains only {}", set.describe()),
            ConstraintKind::FirstChar { set } => format!("starts with {}", set.describe()),
            ConstraintKind::ForbiddenPrefixes { values } => {
                format!("does not start with {}", quoted_list(values))
            }
            ConstraintKind::ForbiddenSubstrings { values } => {
                format!("does not contain {}", quoted_list(values))
            }
            ConstraintKind::AsciiOnly => "ASCII characters only".into(),
            ConstraintKind::NonEmpty => "not empty".into(),
            ConstraintKind::MinItems { value } => format!("at least {value} items"),
            ConstraintKind::MaxItems { value } => format!("at most {value} items"),
            ConstraintKind::Minimum { value } => format!("at least {value}"),
            ConstraintKind::Maximum { value } => format!("at most {value}"),
        }
    }
}

fn quoted_list(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| crate::text::code_span(v)).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// A character set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CharSet {
    /// Classes, validated: `letter`, `digit`, `lowercase`, `uppercase`, `chinese`.
    pub classes: Vec<CharClass>,
    /// Extra characters.
    pub chars: String,
}

impl CharSet {
    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        self.classes.iter().any(|k| k.contains(c)) || self.chars.contains(c)
    }

    /// The set in plain words.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .classes
            .iter()
            .map(|c| c.describe().to_string())
            .collect();
        for c in self.chars.chars() {
            parts.push(crate::text::code_span(&c.to_string()));
        }
        match parts.len() {
            0 => "nothing".into(),
            1 => parts.remove(0),
            n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
        }
    }
}

/// Character classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CharClass {
    /// ASCII letters.
    Letter,
    /// ASCII digits.
    Digit,
    /// ASCII lower-case letters.
    Lowercase,
    /// ASCII upper-case letters.
    Uppercase,
    /// CJK unified ideographs.
    Chinese,
}

impl CharClass {
    /// All classes with their spec names.
    pub const ALL: [(&'static str, CharClass); 5] = [
        ("letter", CharClass::Letter),
        ("digit", CharClass::Digit),
        ("lowercase", CharClass::Lowercase),
        ("uppercase", CharClass::Uppercase),
        ("chinese", CharClass::Chinese),
    ];

    /// The spec name.
    pub fn name(self) -> &'static str {
        CharClass::ALL
            .iter()
            .find(|(_, c)| *c == self)
            .map(|(n, _)| *n)
            .unwrap_or("letter")
    }

    /// Whether `c` belongs to the class.
    pub fn contains(self, c: char) -> bool {
        match self {
            CharClass::Letter => c.is_ascii_alphabetic(),
            CharClass::Digit => c.is_ascii_digit(),
            CharClass::Lowercase => c.is_ascii_lowercase(),
            CharClass::Uppercase => c.is_ascii_uppercase(),
            CharClass::Chinese => ('\u{4E00}'..='\u{9FFF}').contains(&c),
        }
    }

    /// Plain words.
    pub fn describe(self) -> &'static str {
        match self {
            CharClass::Letter => "letters",
            CharClass::Digit => "digits",
            CharClass::Lowercase => "lower-case letters",
            CharClass::Uppercase => "upper-case letters",
            CharClass::Chinese => "Chinese characters",
        }
    }
}

/// A cross-parameter rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    /// Kind.
    pub kind: RuleKind,
    /// Members (for `requiredWhen`: what becomes required).
    pub parameters: Vec<String>,
    /// Trigger for `requiredWhen`.
    pub when: Option<String>,
    /// Sentence.
    pub says: String,
    /// Provenance.
    pub provenance: Vec<Provenance>,
    /// Where it is.
    pub loc: SourceLoc,
}

/// An error-table row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorEntry {
    /// HTTP status, if documented.
    pub status: Option<u16>,
    /// Code; `%s` is a placeholder.
    pub code: String,
    /// The Rust variant name the spec asks for, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// Message.
    pub message: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Provenance.
    pub provenance: Vec<Provenance>,
    /// Where it is.
    pub loc: SourceLoc,
}

impl ErrorEntry {
    /// Whether the code has a `%s` placeholder.
    pub fn is_placeholder(&self) -> bool {
        self.code.contains("%s")
    }
}

/// An example.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: ExampleKind,
    /// Status.
    pub status: Option<u16>,
    /// Body, verbatim.
    pub body: String,
    /// Provenance.
    pub provenance: Vec<Provenance>,
}

/// A provenance note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// What it is about.
    pub about: String,
    /// The note.
    pub note: String,
    /// Source.
    pub source: Option<String>,
}
