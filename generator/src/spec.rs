//! The spec file format: what a person writes, transcribed row by row from a vendor page.
//!
//! These types mirror the YAML one to one. Values that a diagnostic may need to point at are
//! wrapped in [`Spanned`], so the checker can underline them. Nothing downstream of
//! [`crate::check`] sees these types: the checker turns them into the plain [`crate::model`].
//!
//! The JSON Schema published in `specs/spec.schema.json` is derived from these types with
//! `schemars`, so the editor schema and the loader cannot drift apart.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Location;

/// A value together with where it was written in the spec file.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value itself.
    pub value: T,
    /// Where the value starts (1-based line and column, byte offset and length when known).
    pub at: Loc,
}

/// A source position in a spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loc {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte offset of the value's first byte, when the parser knows it.
    pub offset: Option<usize>,
    /// Length of the value in bytes, when the parser knows it.
    pub len: Option<usize>,
}

impl Loc {
    pub(crate) fn from_saphyr(loc: Location) -> Self {
        let span = loc.span();
        Loc {
            line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
            column: u32::try_from(loc.column()).unwrap_or(u32::MAX),
            offset: span.byte_offset().and_then(|o| usize::try_from(o).ok()),
            len: span.byte_len().and_then(|l| usize::try_from(l).ok()),
        }
    }
}

// Spanned values compare by value only, so they can key maps (`enumDescriptions`).
impl<T: Eq> Eq for Spanned<T> {}
impl<T: Ord> PartialOrd for Spanned<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T: Ord> Ord for Spanned<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let inner = serde_saphyr::Spanned::<T>::deserialize(de)?;
        Ok(Spanned {
            value: inner.value,
            at: Loc::from_saphyr(inner.referenced),
        })
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

/// A spec file: one service at one API version.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SpecFile {
    /// Who offers the API and how it is called.
    pub service: Service,
    /// Named data types shared by the operations (Tencent's `TagSpecification`, `Tag`).
    #[serde(default)]
    pub types: Vec<NamedType>,
    /// The operations of this service version, one per documentation page.
    pub operations: Vec<Operation>,
}

/// The service block.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Service {
    /// Cloud vendor: `alibaba` or `tencent`.
    pub provider: Spanned<Provider>,
    /// The vendor's product code, as used in endpoints and SDK package names (`swas-open`, `cvm`).
    pub product: Spanned<String>,
    /// The product's display name (`Simple Application Server`).
    pub name: Spanned<String>,
    /// The API version, as sent on the wire (`2020-06-01`).
    pub version: Spanned<String>,
    /// The calling convention.
    pub protocol: Spanned<Protocol>,
    /// The service code used in signatures where it differs from `product` (Tencent `cvm`).
    #[serde(default)]
    pub signing_name: Option<Spanned<String>>,
    /// Where requests are sent.
    pub endpoints: Endpoints,
    /// Defaults for where parameters travel; a parameter's own `in`/`style` wins.
    #[serde(default)]
    pub wire: WireDefaults,
    /// Whether responses may carry a number where a field is a string and a numeric string
    /// where it is a number, as the vendor's official SDK decoder accepts (Alibaba's SDKs):
    /// every scalar response field (and array of scalars) without an enum then takes both.
    #[serde(default)]
    pub lenient_scalars: Option<Spanned<bool>>,
    /// Parameters every operation takes, such as Tencent's `Action`, `Version` and `Region`.
    #[serde(default)]
    pub common_parameters: Vec<Param>,
    /// Errors any operation of the service can return.
    #[serde(default)]
    pub common_errors: Vec<ErrorEntry>,
    /// Where values not on the seed page came from.
    #[serde(default)]
    pub provenance: Vec<Provenance>,
}

/// Cloud vendors cloudspec knows how to call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Alibaba Cloud.
    Alibaba,
    /// Tencent Cloud.
    Tencent,
}

impl Provider {
    /// The vendor's name in words (`Alibaba Cloud`), for pages, rustdoc and file headers.
    pub fn title(self) -> &'static str {
        match self {
            Provider::Alibaba => "Alibaba Cloud",
            Provider::Tencent => "Tencent Cloud",
        }
    }
}

/// Calling conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    /// Alibaba Cloud RPC style (`POST /`, parameters in query or form body).
    AlibabaRpc,
    /// Alibaba Cloud ROA style (each operation its own `method` and `path`, parameters in the
    /// path, query, headers, or a JSON or form body).
    AlibabaRoa,
    /// Tencent Cloud API 3.0 (`POST /`, JSON body, `X-TC-*` headers).
    TencentApi3,
}

impl Protocol {
    /// The runtime's implementation of the protocol (a unit struct in
    /// `cloudspec_runtime::protocol`), which generated services name.
    pub fn runtime_type(self) -> &'static str {
        match self {
            Protocol::AlibabaRpc => "AlibabaRpc",
            Protocol::AlibabaRoa => "AlibabaRoa",
            Protocol::TencentApi3 => "TencentApi3",
        }
    }

    /// The protocol's name in prose (`Alibaba Cloud ROA`).
    pub fn title(self) -> &'static str {
        match self {
            Protocol::AlibabaRpc => "Alibaba Cloud RPC",
            Protocol::AlibabaRoa => "Alibaba Cloud ROA",
            Protocol::TencentApi3 => "Tencent Cloud API 3.0",
        }
    }

    /// The signatures a client of this protocol signs with, in prose.
    pub fn signatures(self) -> &'static str {
        match self {
            Protocol::AlibabaRpc => {
                "ACS3-HMAC-SHA256 by default, the legacy RPC HMAC-SHA1 signature with `Config::signature_version`"
            }
            Protocol::AlibabaRoa => {
                "ACS3-HMAC-SHA256 by default, the legacy ROA HMAC-SHA1 signature with `Config::signature_version`"
            }
            Protocol::TencentApi3 => "TC3-HMAC-SHA256",
        }
    }

    /// Where parameters travel unless the service or the parameter says otherwise.
    pub fn default_location(self) -> WireLocation {
        match self {
            Protocol::AlibabaRpc | Protocol::AlibabaRoa => WireLocation::Query,
            Protocol::TencentApi3 => WireLocation::Json,
        }
    }

    /// How structured values travel unless the service or the parameter says otherwise.
    pub fn default_style(self) -> WireStyle {
        match self {
            Protocol::AlibabaRpc | Protocol::AlibabaRoa => WireStyle::Flat,
            Protocol::TencentApi3 => WireStyle::Json,
        }
    }

    /// The locations a parameter of this protocol can travel in, and the sentence saying so.
    pub fn locations(self) -> (&'static [WireLocation], &'static str) {
        use WireLocation as W;
        match self {
            Protocol::AlibabaRpc => (
                &[W::Query, W::Form, W::Header],
                "Alibaba RPC parameters travel in `query`, `form` or `header`",
            ),
            Protocol::AlibabaRoa => (
                &[W::Path, W::Query, W::Form, W::Json, W::Header],
                "Alibaba ROA parameters travel in `path`, `query`, `form`, `json` or `header`",
            ),
            Protocol::TencentApi3 => (
                &[W::Json, W::Header],
                "Tencent API 3.0 parameters travel in `json` (or `header`)",
            ),
        }
    }

    /// Whether each operation has its own HTTP method and path (ROA); the others send every
    /// operation as `POST /`.
    pub fn has_routes(self) -> bool {
        matches!(self, Protocol::AlibabaRoa)
    }

    /// The common parameter the client fills from `Config::region` (Tencent's `Region`, sent as
    /// `X-TC-Region`): when it is required, so is a region. Alibaba's `RegionId` is an ordinary
    /// request parameter, validated as one.
    pub fn config_region_parameter(self) -> Option<&'static str> {
        match self {
            Protocol::AlibabaRpc | Protocol::AlibabaRoa => None,
            Protocol::TencentApi3 => Some("Region"),
        }
    }
}

/// How the host name is chosen: what the vendor's official SDK states (its endpoint rule, host,
/// region map and network behaviour); the runtime applies the rules.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Endpoints {
    /// `regional` (host depends on the region) or `central` (one host; the region is optional).
    pub rule: Spanned<EndpointRule>,
    /// The host for `central`, or the template for `regional` with `{region}`: the public
    /// network's host.
    pub host: Spanned<String>,
    /// Hosts for specific regions that do not follow the template (the Alibaba SDKs'
    /// `_endpoint_map`): used for that region whatever the network.
    #[serde(default)]
    pub region_map: BTreeMap<String, Spanned<String>>,
    /// Regions the service is documented to be available in.
    #[serde(default)]
    pub regions: Vec<Spanned<String>>,
    /// An alternative root domain (Tencent's international site), for the public network.
    #[serde(default)]
    pub international_host: Option<Spanned<String>>,
    /// How the host changes for a network other than `public` (`vpc`, `share`, …): `publicOnly`
    /// (the default) or `labelSuffix`.
    #[serde(default)]
    pub network_hosts: Option<Spanned<NetworkHosts>>,
}

/// Endpoint rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EndpointRule {
    /// One host per region, from a template.
    Regional,
    /// One host for every region.
    Central,
}

/// How a service's host changes for a network other than the public one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum NetworkHosts {
    /// Public hosts only: a client configured for another network is refused (Tencent's SDK
    /// has no network setting).
    #[default]
    PublicOnly,
    /// `-{network}` is appended to the first label of the host (`ens-vpc.{region}.aliyuncs.com`,
    /// `swas-open-vpc.aliyuncs.com`), as the Alibaba SDKs' endpoint rules build
    /// `<product>-<network>` hosts; region-map hosts stay as they are.
    LabelSuffix,
}

impl NetworkHosts {
    /// The runtime's variant (`cloudspec_runtime::NetworkHosts`), which generated services name.
    pub fn runtime_variant(self) -> &'static str {
        match self {
            NetworkHosts::PublicOnly => "PublicOnly",
            NetworkHosts::LabelSuffix => "LabelSuffix",
        }
    }
}

/// Service-wide defaults for the wire layout.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WireDefaults {
    /// Where parameters travel unless they say otherwise.
    #[serde(default, rename = "in")]
    pub location: Option<Spanned<WireLocation>>,
    /// How arrays and objects are flattened unless a parameter says otherwise.
    #[serde(default)]
    pub style: Option<Spanned<WireStyle>>,
}

/// Where a parameter travels on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WireLocation {
    /// The URL query string.
    Query,
    /// An `application/x-www-form-urlencoded` body.
    Form,
    /// A JSON body.
    Json,
    /// An HTTP header (Tencent's `X-TC-Region`).
    Header,
    /// A segment of the operation's `path` (ROA's `{ClusterId}`).
    Path,
}

impl WireLocation {
    /// The spec spelling (`query`).
    pub fn spec_name(self) -> &'static str {
        match self {
            WireLocation::Query => "query",
            WireLocation::Form => "form",
            WireLocation::Json => "json",
            WireLocation::Header => "header",
            WireLocation::Path => "path",
        }
    }

    /// Where a parameter in this location is sent, in prose (`in the URL query`).
    pub fn phrase(self) -> &'static str {
        match self {
            WireLocation::Query => "in the URL query",
            WireLocation::Form => "in the form body",
            WireLocation::Json => "in the JSON body",
            WireLocation::Header => "as an HTTP header",
            WireLocation::Path => "in the URL path",
        }
    }
}

/// What a string holds, beyond being text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A timestamp (`2023-10-26T02:00:00Z`): the Rust field is a `cloudspec_runtime::DateTime`,
    /// its text as sent plus the instant it names.
    DateTime,
}

/// How structured values are flattened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WireStyle {
    /// `Tag.1.Key=...`: 1-based indices and dotted member names.
    Flat,
    /// Native JSON arrays and objects.
    Json,
    /// An array of scalars as one parameter, the items' texts joined with `,`
    /// (`Status=Available,Creating`; the vendor metadata's `simple` style).
    Comma,
}

impl WireStyle {
    /// The spec spelling (`flat`).
    pub fn spec_name(self) -> &'static str {
        match self {
            WireStyle::Flat => "flat",
            WireStyle::Json => "json",
            WireStyle::Comma => "comma",
        }
    }

    /// How a structured value in this style is sent, in prose.
    pub fn phrase(self) -> &'static str {
        match self {
            WireStyle::Flat => "flattened (`Name.1.Key=…`)",
            WireStyle::Json => "as JSON text",
            WireStyle::Comma => "as its items joined with commas (`Name=a,b`)",
        }
    }
}

/// A named data type shared by operations.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NamedType {
    /// The type's name, as the docs spell it (`TagSpecification`).
    pub name: Spanned<String>,
    /// The Rust struct name (UpperCamelCase), where the derived one collides or reads badly.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// What the type describes.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// Its members, one per row of the docs' data-type table.
    pub properties: Vec<Param>,
    /// Where the type's definition came from.
    #[serde(default)]
    pub provenance: Vec<Provenance>,
}

/// One operation, one documentation page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Operation {
    /// The action name (`CreateImage`).
    pub name: Spanned<String>,
    /// The page's one-line summary.
    pub summary: Spanned<String>,
    /// The page's longer description, if any.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// The page this operation was transcribed from, and any other pages consulted.
    pub source: Vec<SourcePage>,
    /// The RAM/CAM authorization row.
    #[serde(default)]
    pub authorization: Option<Authorization>,
    /// A documented request rate limit.
    #[serde(default)]
    pub rate_limit: Option<RateLimit>,
    /// Regions this operation is documented to support, where the page narrows the service's list.
    #[serde(default)]
    pub regions: Vec<Spanned<String>>,
    /// Rules from the page that are about the operation, not one parameter (quotas, regions).
    #[serde(default)]
    pub notes: Vec<Note>,
    /// This operation's own definitions of some of the service's common parameters: each
    /// entry names one and replaces its definition for this operation (CVM's `Region`, with
    /// another enum, or not required).
    #[serde(default)]
    pub common_parameters: Vec<Param>,
    /// Request parameters, one per row.
    #[serde(default)]
    pub parameters: Vec<Param>,
    /// Rules across parameters.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Response fields, one per row.
    #[serde(default)]
    pub response: Vec<Param>,
    /// Whether the response is wrapped in `{"Response": {...}}` (Tencent API 3.0).
    #[serde(default)]
    pub response_envelope: Option<Spanned<String>>,
    /// How the operation pages through a list: the client gets a `…_paginator` method.
    #[serde(default)]
    pub paginator: Option<Paginator>,
    /// Waiters polling this operation: the client gets a `wait_until_…` method for each.
    #[serde(default)]
    pub waiters: Vec<Waiter>,
    /// The HTTP method (ROA operations only; the other protocols send `POST`).
    #[serde(default)]
    pub method: Option<Spanned<HttpMethod>>,
    /// The path template, each `{Name}` a request parameter with `in: path` (ROA operations
    /// only; the other protocols send `/`): `/clusters/{ClusterId}`.
    #[serde(default)]
    pub path: Option<Spanned<String>>,
    /// The error table, one entry per row.
    #[serde(default)]
    pub errors: Vec<ErrorEntry>,
    /// The page's request, success and error examples.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Where values not on the page came from.
    #[serde(default)]
    pub provenance: Vec<Provenance>,
}

/// An HTTP method of a ROA operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
    /// `PATCH`.
    Patch,
    /// `HEAD`.
    Head,
}

impl HttpMethod {
    /// The method as sent (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
        }
    }
}

/// How a list operation pages: which request parameter says where a page starts, and where
/// the response keeps the items, the total and the next token.
///
/// ```yaml
/// paginator:
///   style: offset
///   cursor: Offset
///   pageSize: Limit
///   items: ImageSet
///   total: TotalCount
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Paginator {
    /// `offset` (the index of the first item, from 0), `pageNumber` (from 1) or `token` (from
    /// the previous response).
    pub style: Spanned<PageStyle>,
    /// The request parameter that says where a page starts (`Offset`, `PageNumber`,
    /// `NextToken`): an integer, or a string for `token`.
    pub cursor: Spanned<String>,
    /// The request parameter that sets the page size (`Limit`, `PageSize`, `MaxResults`).
    #[serde(default)]
    pub page_size: Option<Spanned<String>>,
    /// The response array of items, as a path of field names through objects
    /// (`ImageSet`, `Images.Image`).
    pub items: Spanned<String>,
    /// The response integer holding the total number of items (`TotalCount`), if any: offset
    /// and page-number paginators stop when they reach it.
    #[serde(default)]
    pub total: Option<Spanned<String>>,
    /// The response string holding the next page's token (`NextToken`): required for
    /// `token` paginators, and only for them.
    #[serde(default)]
    pub next_token: Option<Spanned<String>>,
}

/// A waiter: poll the operation until a value in its response says a resource is ready.
///
/// ```yaml
/// waiters:
///   - name: ImageAvailable
///     description: Waits until the images are available.
///     path: ImageSet.ImageState
///     success: [NORMAL]
///     failure: [CREATEFAILED]
///     pending: [CREATING, SYNCING]
///     delay: 5
///     maxDelay: 60
///     timeout: 1800
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Waiter {
    /// UpperCamelCase name; the client method is `wait_until_` and its snake_case form.
    pub name: Spanned<String>,
    /// What the waiter waits for.
    pub description: Spanned<String>,
    /// The response values to look at: field names from the response through objects and
    /// arrays (every element of an array is looked at), ending at a scalar field.
    pub path: Spanned<String>,
    /// Values that mean done, once every value at the path is one.
    #[serde(default)]
    pub success: Vec<Spanned<String>>,
    /// Done when the response has no value at the path (the resource is gone: a deletion
    /// waiter). Any value found keeps the waiter polling, unless it is a failure value.
    #[serde(default)]
    pub success_when_absent: Option<Spanned<bool>>,
    /// Values that mean the resource will not get there, once any value at the path is one.
    #[serde(default)]
    pub failure: Vec<Spanned<String>>,
    /// Values documented to mean "not yet" (any value in no list keeps the waiter polling too).
    #[serde(default)]
    pub pending: Vec<Spanned<String>>,
    /// Seconds between the first polls (the minimum delay); doubles up to `maxDelay`.
    pub delay: Spanned<u64>,
    /// The longest delay between polls, in seconds.
    pub max_delay: Spanned<u64>,
    /// The default time limit, in seconds (callers can set another).
    pub timeout: Spanned<u64>,
}

/// How a request addresses a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PageStyle {
    /// An item offset from 0 (`Offset`/`Limit`).
    Offset,
    /// A page number from 1 (`PageNumber`/`PageSize`).
    PageNumber,
    /// A token from the previous response (`NextToken`).
    Token,
}

impl PageStyle {
    /// The runtime's `cloudspec_runtime::paginate::PageStyle` variant, which the derive's
    /// `style = …` names.
    pub fn runtime_variant(self) -> &'static str {
        match self {
            PageStyle::Offset => "Offset",
            PageStyle::PageNumber => "PageNumber",
            PageStyle::Token => "Token",
        }
    }

    /// As spelled in spec files.
    pub fn spec_name(self) -> &'static str {
        match self {
            PageStyle::Offset => "offset",
            PageStyle::PageNumber => "pageNumber",
            PageStyle::Token => "token",
        }
    }
}

/// A documentation page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SourcePage {
    /// The page address.
    pub url: Spanned<String>,
    /// "Last updated" date printed on the page (`YYYY-MM-DD`), if any.
    #[serde(default)]
    pub last_updated: Option<Spanned<String>>,
    /// Language of the page (`en`, `zh`).
    pub language: Spanned<String>,
    /// What this page is to the spec: `primary` (transcribed) or `secondary` (consulted).
    #[serde(default)]
    pub role: Option<Spanned<String>>,
}

/// The authorization row of a page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Authorization {
    /// The action used in policies (`ens:CreateImage`).
    pub action: Spanned<String>,
    /// Access level (`create`, `list`, `get`, `update`, `delete`).
    pub access_level: Spanned<String>,
    /// Resource types; empty means all resources.
    #[serde(default)]
    pub resource_types: Vec<ResourceType>,
    /// Condition keys.
    #[serde(default)]
    pub condition_keys: Vec<Spanned<String>>,
    /// Actions the caller must also be allowed.
    #[serde(default)]
    pub dependent_actions: Vec<Spanned<String>>,
}

/// A resource type in an authorization row.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResourceType {
    /// The resource type (`CustomImage`, or `All Resources`).
    pub name: Spanned<String>,
    /// Whether it is marked as required (`*`).
    #[serde(default)]
    pub required: bool,
    /// The ARN pattern for the policy's Resource element.
    #[serde(default)]
    pub arn: Option<Spanned<String>>,
}

/// A documented request rate limit.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RateLimit {
    /// How many requests.
    pub requests: Spanned<u32>,
    /// Per which period: `second` or `minute`.
    pub per: Spanned<String>,
    /// The sentence that says so.
    pub says: Spanned<String>,
}

/// A rule about the operation as a whole. The client cannot check these; they are documented.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Note {
    /// What kind of rule: `quota`, `region`, `lifecycle`, `data`, `other`.
    pub kind: Spanned<String>,
    /// The sentence from the page.
    pub says: Spanned<String>,
    /// For quotas: the hard maximum.
    #[serde(default)]
    pub limit: Option<Spanned<u32>>,
}

/// A request parameter, a response field, or a member of a named type.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Param {
    /// The wire name, exactly as documented (`ImageName`, `DataDiskIds`).
    pub name: Spanned<String>,
    /// The Rust field and setter name (snake_case), where the one cloudspec derives from the
    /// wire name collides with another or reads badly. Also names the field's nested struct
    /// or enum (in UpperCamelCase).
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// What a `string` holds: `date-time` (a timestamp, typed as `cloudspec_runtime::DateTime`).
    #[serde(default)]
    pub format: Option<Spanned<Format>>,
    /// `string`, `integer`, `number`, `boolean`, `array`, `map` (string keys, `values` typed),
    /// `object`, or the name of a named type.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// Whether the page marks it required.
    #[serde(default)]
    pub required: Option<Spanned<bool>>,
    /// The description cell, verbatim.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// The example cell.
    #[serde(default)]
    pub example: Option<Spanned<serde_json::Value>>,
    /// The documented default value.
    #[serde(default)]
    pub default: Option<Spanned<serde_json::Value>>,
    /// The documented valid values.
    #[serde(default, rename = "enum")]
    pub enum_values: Vec<Spanned<serde_json::Value>>,
    /// What each valid value means, keyed by the value as written.
    #[serde(default)]
    pub enum_descriptions: BTreeMap<Spanned<String>, String>,
    /// The Rust variant name (UpperCamelCase) of a valid value, keyed by the value as written,
    /// where the derived one collides with another value's.
    #[serde(default)]
    pub enum_rust_names: BTreeMap<Spanned<String>, Spanned<String>>,
    /// The page says "This parameter is not publicly available."
    #[serde(default)]
    pub not_public: bool,
    /// For arrays: the element type (a type name or an inline object).
    #[serde(default)]
    pub items: Option<Box<Items>>,
    /// For maps (`type: map`, string keys): the value type (a type name or an inline object).
    #[serde(default)]
    pub values: Option<Box<Items>>,
    /// For inline objects: the members.
    #[serde(default)]
    pub properties: Vec<Param>,
    /// Minimum length in characters.
    #[serde(default)]
    pub min_length: Option<Spanned<u64>>,
    /// Maximum length in characters.
    #[serde(default)]
    pub max_length: Option<Spanned<u64>>,
    /// A regular expression the whole value must match.
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    /// Characters the value may contain.
    #[serde(default)]
    pub allowed_chars: Option<Spanned<CharSet>>,
    /// Characters the value may start with.
    #[serde(default)]
    pub first_char: Option<Spanned<CharSet>>,
    /// Prefixes the value must not start with.
    #[serde(default)]
    pub forbidden_prefixes: Vec<Spanned<String>>,
    /// Substrings the value must not contain.
    #[serde(default)]
    pub forbidden_substrings: Vec<Spanned<String>>,
    /// The value may contain only ASCII characters.
    #[serde(default)]
    pub ascii_only: Option<Spanned<bool>>,
    /// The value must not be empty.
    #[serde(default)]
    pub non_empty: Option<Spanned<bool>>,
    /// Minimum number of array items.
    #[serde(default)]
    pub min_items: Option<Spanned<u64>>,
    /// Maximum number of array items.
    #[serde(default)]
    pub max_items: Option<Spanned<u64>>,
    /// Smallest allowed number.
    #[serde(default)]
    pub minimum: Option<Spanned<i64>>,
    /// Largest allowed number.
    #[serde(default)]
    pub maximum: Option<Spanned<i64>>,
    /// The documented sentences each constraint comes from.
    #[serde(default)]
    pub citations: Vec<Citation>,
    /// Where the parameter travels (overrides the service default).
    #[serde(default, rename = "in")]
    pub location: Option<Spanned<WireLocation>>,
    /// How it is flattened (overrides the service default).
    #[serde(default)]
    pub style: Option<Spanned<WireStyle>>,
    /// Other JSON types the server is documented to send for this field.
    #[serde(default)]
    pub also_accept: Vec<Spanned<String>>,
    /// A response field the service may send as JSON `null` (Tencent's "This field may return
    /// null"); `required: true` on a response field says it is always present.
    #[serde(default)]
    pub nullable: Option<Spanned<bool>>,
    /// Constraints that hold for members of this parameter's named type (or of its array's
    /// items) where this parameter uses it, beyond the type's own (CVM: at most 5 `Values` per
    /// `Filter` of `DescribeImages`).
    #[serde(default)]
    pub members: Vec<MemberConstraints>,
    /// Filled in by the protocol (Tencent `Action`, `Version`), not by the caller.
    #[serde(default)]
    pub protocol_filled: bool,
    /// The request's idempotency token (Alibaba's `ClientToken`): when the caller leaves it
    /// empty, the client fills it with a fresh UUID once per call, so every retry carries the
    /// same value, and retries the call after a connection failure. Only a top-level string
    /// request parameter can be one, at most one per operation.
    #[serde(default)]
    pub idempotency_token: Option<Spanned<bool>>,
    /// Where values not on the page came from.
    #[serde(default)]
    pub provenance: Vec<Provenance>,
}

impl Param {
    /// The keywords a citation may back: the constraints, and `required`, `enum` and `default`.
    pub const CITABLE: &'static [&'static str] = &[
        "required",
        "minLength",
        "maxLength",
        "pattern",
        "allowedChars",
        "firstChar",
        "forbiddenPrefixes",
        "forbiddenSubstrings",
        "asciiOnly",
        "nonEmpty",
        "minItems",
        "maxItems",
        "minimum",
        "maximum",
        "enum",
        "default",
    ];

    /// Whether the parameter states the citable keyword `key` (unknown keywords: no).
    pub fn has(&self, key: &str) -> bool {
        match key {
            "minLength" => self.min_length.is_some(),
            "maxLength" => self.max_length.is_some(),
            "pattern" => self.pattern.is_some(),
            "allowedChars" => self.allowed_chars.is_some(),
            "firstChar" => self.first_char.is_some(),
            "forbiddenPrefixes" => !self.forbidden_prefixes.is_empty(),
            "forbiddenSubstrings" => !self.forbidden_substrings.is_empty(),
            "asciiOnly" => self.ascii_only.is_some(),
            "nonEmpty" => self.non_empty.is_some(),
            "minItems" => self.min_items.is_some(),
            "maxItems" => self.max_items.is_some(),
            "minimum" => self.minimum.is_some(),
            "maximum" => self.maximum.is_some(),
            "required" => self.required.as_ref().is_some_and(|r| r.value),
            "enum" => !self.enum_values.is_empty(),
            "default" => self.default.is_some(),
            _ => false,
        }
    }

    /// Removes the citable keyword `key` (`enum` with its descriptions and Rust names).
    pub fn clear(&mut self, key: &str) {
        match key {
            "minLength" => self.min_length = None,
            "maxLength" => self.max_length = None,
            "pattern" => self.pattern = None,
            "allowedChars" => self.allowed_chars = None,
            "firstChar" => self.first_char = None,
            "forbiddenPrefixes" => self.forbidden_prefixes.clear(),
            "forbiddenSubstrings" => self.forbidden_substrings.clear(),
            "asciiOnly" => self.ascii_only = None,
            "nonEmpty" => self.non_empty = None,
            "minItems" => self.min_items = None,
            "maxItems" => self.max_items = None,
            "minimum" => self.minimum = None,
            "maximum" => self.maximum = None,
            "enum" => {
                self.enum_values.clear();
                self.enum_descriptions.clear();
                self.enum_rust_names.clear();
            }
            "default" => self.default = None,
            "required" => self.required = None,
            _ => {}
        }
    }
}

/// Constraints on one member of a named type, for one use of the type.
///
/// ```yaml
///         members:
///           - {name: Values, maxItems: 5, citations: [{says: "…5 `Filters.Values` for each filter.", for: [maxItems]}]}
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MemberConstraints {
    /// The member's wire name.
    pub name: Spanned<String>,
    /// Minimum length in characters.
    #[serde(default)]
    pub min_length: Option<Spanned<u64>>,
    /// Maximum length in characters.
    #[serde(default)]
    pub max_length: Option<Spanned<u64>>,
    /// A regular expression the whole value must match.
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    /// The value must not be empty.
    #[serde(default)]
    pub non_empty: Option<Spanned<bool>>,
    /// Minimum number of array items.
    #[serde(default)]
    pub min_items: Option<Spanned<u64>>,
    /// Maximum number of array items.
    #[serde(default)]
    pub max_items: Option<Spanned<u64>>,
    /// Smallest allowed number.
    #[serde(default)]
    pub minimum: Option<Spanned<i64>>,
    /// Largest allowed number.
    #[serde(default)]
    pub maximum: Option<Spanned<i64>>,
    /// The documented sentences each constraint comes from.
    #[serde(default)]
    pub citations: Vec<Citation>,
}

impl MemberConstraints {
    /// A parameter carrying only these constraints, for the checks that read parameters.
    pub fn as_param(&self) -> Param {
        Param {
            name: self.name.clone(),
            rust_name: None,
            format: None,
            ty: self.name.clone(),
            required: None,
            description: None,
            example: None,
            default: None,
            enum_values: Vec::new(),
            enum_descriptions: BTreeMap::new(),
            enum_rust_names: BTreeMap::new(),
            not_public: false,
            items: None,
            values: None,
            properties: Vec::new(),
            min_length: self.min_length.clone(),
            max_length: self.max_length.clone(),
            pattern: self.pattern.clone(),
            allowed_chars: None,
            first_char: None,
            forbidden_prefixes: Vec::new(),
            forbidden_substrings: Vec::new(),
            ascii_only: None,
            non_empty: self.non_empty.clone(),
            min_items: self.min_items.clone(),
            max_items: self.max_items.clone(),
            minimum: self.minimum.clone(),
            maximum: self.maximum.clone(),
            citations: self.citations.clone(),
            location: None,
            style: None,
            also_accept: Vec::new(),
            nullable: None,
            members: Vec::new(),
            protocol_filled: false,
            idempotency_token: None,
            provenance: Vec::new(),
        }
    }
}

/// The element type of an array.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Items {
    /// A primitive, `object` (with `properties`) or a named type.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// What a `string` element holds (`date-time`).
    #[serde(default)]
    pub format: Option<Spanned<Format>>,
    /// The row describing the element, if the page has one.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// The documented valid values of each element (a list of statuses).
    #[serde(default, rename = "enum")]
    pub enum_values: Vec<Spanned<serde_json::Value>>,
    /// What each valid element value means, keyed by the value as written.
    #[serde(default)]
    pub enum_descriptions: BTreeMap<Spanned<String>, String>,
    /// The Rust variant name of a valid element value, where the derived one collides.
    #[serde(default)]
    pub enum_rust_names: BTreeMap<Spanned<String>, Spanned<String>>,
    /// For inline objects: the members.
    #[serde(default)]
    pub properties: Vec<Param>,
}

/// A set of characters, described the way the docs do.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CharSet {
    /// Character classes: `letter` (ASCII letters), `digit`, `lowercase`, `uppercase`,
    /// `chinese` (CJK ideographs).
    #[serde(default)]
    pub classes: Vec<Spanned<String>>,
    /// Individual characters also allowed.
    #[serde(default)]
    pub chars: String,
}

/// Ties constraint keywords to the documented sentence they come from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Citation {
    /// The sentence, verbatim from the page.
    pub says: Spanned<String>,
    /// The constraint keywords it backs (`minLength`, `forbiddenPrefixes`, `enum`, ...).
    #[serde(rename = "for")]
    pub backs: Vec<Spanned<String>>,
    /// Proposed by `cloudspec import` from the sentence, not yet confirmed by a person: the
    /// constraints it backs are not enforced, and `lint` warns until the mark is removed
    /// (confirmed) or the constraint is (rejected).
    #[serde(default)]
    pub proposed: Option<Spanned<bool>>,
}

/// A rule across parameters.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Rule {
    /// `mutuallyExclusive`, `exactlyOneOf`, `atLeastOneOf` or `requiredWhen`.
    pub kind: Spanned<RuleKind>,
    /// The parameters the rule is about (for `requiredWhen`: the ones that become required).
    pub parameters: Vec<Spanned<String>>,
    /// For `requiredWhen`: the parameter whose presence triggers the rule.
    #[serde(default)]
    pub when: Option<Spanned<String>>,
    /// The sentence the rule comes from.
    pub says: Spanned<String>,
    /// Proposed by `cloudspec import`, not yet confirmed: not enforced, and `lint` warns.
    #[serde(default)]
    pub proposed: Option<Spanned<bool>>,
    /// Where the rule came from when not from a parameter's own row.
    #[serde(default)]
    pub provenance: Vec<Provenance>,
}

/// Kinds of cross-parameter rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum RuleKind {
    /// At most one of the parameters may be set.
    MutuallyExclusive,
    /// Exactly one of the parameters must be set.
    ExactlyOneOf,
    /// At least one of the parameters must be set.
    AtLeastOneOf,
    /// The parameters are required when `when` is set.
    RequiredWhen,
}

/// A row of an error table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ErrorEntry {
    /// The HTTP status, where the page gives one.
    #[serde(default)]
    pub status: Option<Spanned<u16>>,
    /// The error code. `%s` is a placeholder that matches any text (`InvalidParameter.%s`).
    pub code: Spanned<String>,
    /// The Rust variant name (UpperCamelCase) of the code in its error-kind enum, where the
    /// derived one collides with another code's.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// The error message.
    #[serde(default)]
    pub message: Option<Spanned<String>>,
    /// The description cell.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// Where this row came from when not from the page.
    #[serde(default)]
    pub provenance: Vec<Provenance>,
}

/// A documented example.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Example {
    /// What the example is (`Success response`).
    pub title: Spanned<String>,
    /// `request`, `success` or `error`.
    pub kind: Spanned<ExampleKind>,
    /// HTTP status of a response example.
    #[serde(default)]
    pub status: Option<Spanned<u16>>,
    /// The body, verbatim (JSON text).
    pub body: Spanned<String>,
    /// Where the example came from when not from the page.
    #[serde(default)]
    pub provenance: Vec<Provenance>,
}

/// Kinds of examples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    /// A request's parameters.
    Request,
    /// A successful response body.
    Success,
    /// An error response body.
    Error,
}

/// Where a value that is not on the seed page came from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Provenance {
    /// What the note is about (`enum`, `description`, `status`, `conflict`, ...).
    pub about: Spanned<String>,
    /// Where it came from and why.
    pub note: Spanned<String>,
    /// A page or package the value was taken from.
    #[serde(default)]
    pub source: Option<Spanned<String>>,
}

/// The JSON Schema of the spec format, as committed in `specs/spec.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(SpecFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
