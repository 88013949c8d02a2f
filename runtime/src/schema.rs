//! Compact, static descriptions of operations, emitted by the generator.
//!
//! The generated crate holds one [`OperationSpec`] per operation; the runtime's validator,
//! wire encoder and error mapper are driven by it, so that logic exists once, here.

use crate::protocol::Protocol;

/// Cloud vendors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    /// Alibaba Cloud.
    Alibaba,
    /// Tencent Cloud.
    Tencent,
}

impl Provider {
    /// The vendor's name in words (`Alibaba Cloud`).
    pub fn title(self) -> &'static str {
        match self {
            Provider::Alibaba => "Alibaba Cloud",
            Provider::Tencent => "Tencent Cloud",
        }
    }
}

/// How the host for a request is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointRule {
    /// `host` is a template with `{region}`.
    Regional,
    /// `host` is used for every region.
    Central,
}

/// How a service's host changes for a network other than the public one
/// ([`crate::endpoint::Network`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkHosts {
    /// Only the public hosts: a client configured for another network is refused (Tencent,
    /// whose SDK has no network setting).
    PublicOnly,
    /// `-{network}` is appended to the first label of the host the rule builds
    /// (`ens.cn-hangzhou.aliyuncs.com` → `ens-vpc.cn-hangzhou.aliyuncs.com`), as the Alibaba
    /// SDKs' endpoint rules do; a region's own host from the region map is used as it is, for
    /// every network.
    LabelSuffix,
}

/// A service at one API version.
#[derive(Debug)]
pub struct ServiceSpec {
    /// The calling convention: request layout, signing, error documents
    /// ([`crate::protocol`]).
    pub protocol: &'static dyn Protocol,
    /// Product code (`swas-open`).
    pub product: &'static str,
    /// API version (`2020-06-01`).
    pub version: &'static str,
    /// Name used in signatures (Tencent's credential scope).
    pub signing_name: &'static str,
    /// Host selection rule.
    pub endpoint_rule: EndpointRule,
    /// Host or host template.
    pub host: &'static str,
    /// Regions with their own host, whatever the network (the Alibaba SDKs' endpoint map).
    pub region_map: &'static [(&'static str, &'static str)],
    /// The vendor's international host, where there is one (public network only).
    pub international_host: Option<&'static str>,
    /// How hosts for networks other than the public one are built.
    pub network_hosts: NetworkHosts,
}

impl ServiceSpec {
    /// The vendor, as the protocol says.
    pub fn provider(&self) -> Provider {
        self.protocol.vendor()
    }
}

/// One operation.
#[derive(Debug)]
pub struct OperationSpec {
    /// The service.
    pub service: &'static ServiceSpec,
    /// Action name.
    pub name: &'static str,
    /// Request parameters.
    pub params: &'static [ParamSpec],
    /// Rules across parameters.
    pub rules: &'static [RuleSpec],
    /// Key of the response envelope (`Response` for Tencent).
    pub envelope: Option<&'static str>,
    /// The idempotency token parameter, which the client fills with a fresh UUID when left
    /// empty (the spec's `idempotencyToken` mark; SWAS `ClientToken`).
    pub idempotency_token: Option<&'static str>,
    /// The HTTP method (`POST` for every operation of the RPC and API 3.0 protocols).
    pub method: &'static str,
    /// The path template: `/`, or a ROA path whose `{Name}` segments are filled from the
    /// parameters in [`Location::Path`] (`/clusters/{ClusterId}`).
    pub path: &'static str,
    /// The regions the operation is documented to support (its own list, or else the
    /// service's); empty when the spec lists none. With validation on, the client refuses any
    /// other region before sending.
    pub regions: &'static [&'static str],
    /// Whether a call needs a region ([`Config::region`](crate::client::Config::region), or the
    /// protocol's region parameter): Tencent's required `Region` common parameter.
    pub region_required: bool,
}

impl OperationSpec {
    /// Operation `name` of `service` taking `params`, with the defaults of the RPC and API 3.0
    /// protocols: `POST /`, no rules, no envelope, no idempotency token, no region list, no
    /// region needed. Generated code states only what differs, with struct update syntax:
    /// `OperationSpec { envelope: Some("Response"), ..OperationSpec::new(&SERVICE, "RunInstances", PARAMS) }`.
    pub const fn new(
        service: &'static ServiceSpec,
        name: &'static str,
        params: &'static [ParamSpec],
    ) -> Self {
        OperationSpec {
            service,
            name,
            params,
            rules: &[],
            envelope: None,
            idempotency_token: None,
            method: "POST",
            path: "/",
            regions: &[],
            region_required: false,
        }
    }
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    /// URL query.
    Query,
    /// Form-encoded body.
    Form,
    /// JSON body.
    Json,
    /// HTTP header.
    Header,
    /// A `{Name}` segment of the operation's [`path`](OperationSpec::path).
    Path,
}

/// How a structured value is flattened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `Tag.1.Key` (1-based).
    Flat,
    /// Native JSON.
    Json,
    /// An array of scalars as one value, the items' texts joined with `,` (`Status=a,b`).
    Comma,
}

/// The shape of a value.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Text.
    String,
    /// Whole number.
    Integer,
    /// Floating point.
    Number,
    /// Boolean.
    Boolean,
    /// Array whose elements are described by the given spec (its name is ignored).
    Array(&'static ParamSpec),
    /// Object with these members.
    Object(&'static [ParamSpec]),
    /// Object with any string keys, each value described by the given spec (its name is
    /// ignored).
    Map(&'static ParamSpec),
}

/// A request parameter or member.
#[derive(Debug)]
pub struct ParamSpec {
    /// Wire name.
    pub name: &'static str,
    /// Shape.
    pub kind: Kind,
    /// Documented as required.
    pub required: bool,
    /// Wire location (ignored for members).
    pub location: Location,
    /// Flattening style.
    pub style: Style,
    /// Documented valid values (as wire text); empty when unconstrained.
    pub enum_values: &'static [&'static str],
    /// Documented constraints.
    pub checks: &'static [Check],
    /// The documented sentence that makes it required (empty: the parameter table's "Required:
    /// Yes" is the only statement, and a violation says so).
    pub required_says: &'static str,
    /// The documented sentence listing its valid values (empty: a violation lists the values
    /// the spec documents).
    pub enum_says: &'static str,
}

impl ParamSpec {
    /// A parameter with no constraints, in the query, flat.
    pub const fn new(name: &'static str, kind: Kind) -> Self {
        ParamSpec {
            name,
            kind,
            required: false,
            location: Location::Query,
            style: Style::Flat,
            enum_values: &[],
            checks: &[],
            required_says: "",
            enum_says: "",
        }
    }

    /// A parameter of a JSON body, sent as JSON (Tencent's layout).
    pub const fn json(name: &'static str, kind: Kind) -> Self {
        ParamSpec::new(name, kind).wire(Location::Json, Style::Json)
    }

    /// A parameter of a form body, flattened (`Tag.1.Key=...`).
    pub const fn form(name: &'static str, kind: Kind) -> Self {
        ParamSpec::new(name, kind).wire(Location::Form, Style::Flat)
    }

    /// A segment of the operation's path (ROA's `{ClusterId}`).
    pub const fn path(name: &'static str, kind: Kind) -> Self {
        ParamSpec::new(name, kind).wire(Location::Path, Style::Flat)
    }

    /// Marks it required.
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Sets the wire location and style.
    pub const fn wire(mut self, location: Location, style: Style) -> Self {
        self.location = location;
        self.style = style;
        self
    }

    /// Sets the valid values.
    pub const fn one_of(mut self, values: &'static [&'static str]) -> Self {
        self.enum_values = values;
        self
    }

    /// Sets the constraints.
    pub const fn checks(mut self, checks: &'static [Check]) -> Self {
        self.checks = checks;
        self
    }

    /// Cites the sentence that makes it required.
    pub const fn cite_required(mut self, says: &'static str) -> Self {
        self.required_says = says;
        self
    }

    /// Cites the sentence listing its valid values.
    pub const fn cite_enum(mut self, says: &'static str) -> Self {
        self.enum_says = says;
        self
    }
}

/// A documented constraint and the sentence it comes from.
#[derive(Debug)]
pub struct Check {
    /// The rule.
    pub rule: CheckRule,
    /// The documented sentence (empty when the spec cites none).
    pub says: &'static str,
}

impl Check {
    /// A check citing `says`.
    pub const fn new(rule: CheckRule, says: &'static str) -> Self {
        Check { rule, says }
    }
}

/// Constraint kinds. Lengths count characters, not bytes.
#[derive(Debug, Clone, Copy)]
pub enum CheckRule {
    /// At least n characters.
    MinLength(u64),
    /// At most n characters.
    MaxLength(u64),
    /// Matches the regular expression (whole value).
    Pattern(&'static str),
    /// Contains only characters of the set.
    AllowedChars(CharSet),
    /// Starts with a character of the set.
    FirstChar(CharSet),
    /// Starts with none of these.
    ForbiddenPrefixes(&'static [&'static str]),
    /// Contains none of these.
    ForbiddenSubstrings(&'static [&'static str]),
    /// ASCII only.
    AsciiOnly,
    /// Not empty.
    NonEmpty,
    /// At least n items.
    MinItems(u64),
    /// At most n items.
    MaxItems(u64),
    /// At least n.
    Minimum(i64),
    /// At most n.
    Maximum(i64),
}

impl CheckRule {
    /// The spec keyword of the rule (`maxLength`).
    pub fn keyword(&self) -> &'static str {
        match self {
            CheckRule::MinLength(_) => "minLength",
            CheckRule::MaxLength(_) => "maxLength",
            CheckRule::Pattern(_) => "pattern",
            CheckRule::AllowedChars(_) => "allowedChars",
            CheckRule::FirstChar(_) => "firstChar",
            CheckRule::ForbiddenPrefixes(_) => "forbiddenPrefixes",
            CheckRule::ForbiddenSubstrings(_) => "forbiddenSubstrings",
            CheckRule::AsciiOnly => "asciiOnly",
            CheckRule::NonEmpty => "nonEmpty",
            CheckRule::MinItems(_) => "minItems",
            CheckRule::MaxItems(_) => "maxItems",
            CheckRule::Minimum(_) => "minimum",
            CheckRule::Maximum(_) => "maximum",
        }
    }
}

/// A set of characters: classes (bit flags) plus listed characters.
#[derive(Debug, Clone, Copy)]
pub struct CharSet {
    /// Bit flags of [`CharSet::LETTER`] and friends.
    pub classes: u8,
    /// Other allowed characters.
    pub chars: &'static str,
}

impl CharSet {
    /// ASCII letters.
    pub const LETTER: u8 = 1;
    /// ASCII digits.
    pub const DIGIT: u8 = 2;
    /// ASCII lower case.
    pub const LOWERCASE: u8 = 4;
    /// ASCII upper case.
    pub const UPPERCASE: u8 = 8;
    /// CJK unified ideographs.
    pub const CHINESE: u8 = 16;

    /// A set of classes and characters.
    pub const fn new(classes: u8, chars: &'static str) -> Self {
        CharSet { classes, chars }
    }

    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        (self.classes & Self::LETTER != 0 && c.is_ascii_alphabetic())
            || (self.classes & Self::DIGIT != 0 && c.is_ascii_digit())
            || (self.classes & Self::LOWERCASE != 0 && c.is_ascii_lowercase())
            || (self.classes & Self::UPPERCASE != 0 && c.is_ascii_uppercase())
            || (self.classes & Self::CHINESE != 0 && ('\u{4E00}'..='\u{9FFF}').contains(&c))
            || self.chars.contains(c)
    }
}

/// Rules across parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// At most one set.
    MutuallyExclusive,
    /// Exactly one set.
    ExactlyOneOf,
    /// At least one set.
    AtLeastOneOf,
    /// All of `params` required when `when` is set.
    RequiredWhen(&'static str),
}

/// A rule across parameters.
#[derive(Debug)]
pub struct RuleSpec {
    /// Kind.
    pub kind: RuleKind,
    /// Parameters (wire names).
    pub params: &'static [&'static str],
    /// The documented sentence.
    pub says: &'static str,
}

impl RuleSpec {
    /// A rule over `params`, citing `says`.
    pub const fn new(kind: RuleKind, params: &'static [&'static str], says: &'static str) -> Self {
        RuleSpec { kind, params, says }
    }
}
