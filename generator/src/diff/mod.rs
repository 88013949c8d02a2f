//! `cloudspec diff`: the semantic changes between two sets of specs, and what each does to the
//! callers of the generated crate.
//!
//! The engine reads two checked [`Model`]s, never YAML: formatting, comments, key order and the
//! order of rows do not count as changes. It pairs what can be paired (services by provider,
//! product and version; operations, parameters, named types and errors by name; rules across
//! parameters by kind and members) and hands every pair, addition and removal to every rule of
//! [`rules::RULES`] as a [`Subject`]. Each rule is a row of that table with a stable id and a
//! fixed [`Severity`]; it reports [`Change`]s with both source locations, a message and the
//! effect on the generated Rust API in words, naming Rust items as the naming pass
//! ([`crate::rust_names`]) named them on each side.
//!
//! A parameter that disappears while one with the same (non-empty) description appears is
//! reported as a likely rename, and the pair is then compared like any other.

use std::collections::BTreeMap;

use serde::Serialize;

use std::sync::Arc;

use crate::emit::names::{field_ident, type_name};
use crate::model::{
    ErrorEntry, Field, Model, NamedType, Operation, Rule as ParamRule, Service, SourceLoc, Type,
};
use crate::rust_names::{FieldNames, OperationNames, RustNames, provider_name};

pub mod cli;
mod render_github;
mod render_json;
mod render_markdown;
mod render_sarif;
mod render_text;
pub mod rules;
pub mod source;
#[cfg(test)]
pub(crate) mod testing;

pub use render_json::{JSON_VERSION, JsonChange, JsonReport, JsonSummary};

/// How a change affects callers of the generated crate and requests the service accepts.
///
/// Ordered from worst to mildest: `Breaking < PotentiallyBreaking < NonBreaking < DocsOnly`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Code that compiled stops compiling, or requests that worked are refused.
    Breaking,
    /// Code still compiles, but some requests that passed validation (or were accepted by the
    /// service) may now fail, or behaviour changes at run time.
    PotentiallyBreaking,
    /// Additions and relaxations: existing code and requests keep working.
    NonBreaking,
    /// Only rustdoc, reference pages, examples or provenance notes change.
    DocsOnly,
}

impl Severity {
    /// Every severity, worst first.
    pub const ALL: [Severity; 4] = [
        Severity::Breaking,
        Severity::PotentiallyBreaking,
        Severity::NonBreaking,
        Severity::DocsOnly,
    ];

    /// The stable id used in JSON and on the command line (`potentially-breaking`).
    pub fn id(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::PotentiallyBreaking => "potentially-breaking",
            Severity::NonBreaking => "non-breaking",
            Severity::DocsOnly => "docs-only",
        }
    }

    /// A heading (`Potentially breaking`).
    pub fn title(self) -> &'static str {
        match self {
            Severity::Breaking => "Breaking",
            Severity::PotentiallyBreaking => "Potentially breaking",
            Severity::NonBreaking => "Non-breaking",
            Severity::DocsOnly => "Docs only",
        }
    }

    /// Lower-case words for summaries (`potentially breaking`).
    pub fn words(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::PotentiallyBreaking => "potentially breaking",
            Severity::NonBreaking => "non-breaking",
            Severity::DocsOnly => "docs only",
        }
    }
}

/// The `--fail-on` threshold: exit 1 when a change at or above it exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Only breaking changes fail.
    Breaking,
    /// Breaking and potentially breaking changes fail.
    PotentiallyBreaking,
    /// Everything but docs-only changes fails.
    NonBreaking,
    /// Any change fails, docs included.
    Any,
}

impl FailOn {
    /// The mildest severity that fails.
    pub fn threshold(self) -> Severity {
        match self {
            FailOn::Breaking => Severity::Breaking,
            FailOn::PotentiallyBreaking => Severity::PotentiallyBreaking,
            FailOn::NonBreaking => Severity::NonBreaking,
            FailOn::Any => Severity::DocsOnly,
        }
    }
}

/// One semantic change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The stable rule id (`request-parameter-required-added`).
    pub id: &'static str,
    /// The rule's severity.
    pub severity: Severity,
    /// The service version (`tencent/cvm/2017-03-12`).
    pub service: String,
    /// The operation, when the change is inside one.
    pub operation: Option<String>,
    /// What changed, as a path into the service or operation (`request.Tag[].Key`,
    /// `response.Data.ImageId`, `errors.InvalidZone.MismatchRegion`, `endpoints.host`).
    pub path: String,
    /// What changed, in one sentence.
    pub message: String,
    /// What it does to the generated crate (and to requests), in words.
    pub effect: String,
    /// Where it was in the old spec (absent for additions).
    pub old: Option<SourceLoc>,
    /// Where it is in the new spec (absent for removals).
    pub new: Option<SourceLoc>,
}

/// The result of comparing two sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The old side, as the user named it (`origin/main:specs`).
    pub old: String,
    /// The new side (`specs`).
    pub new: String,
    /// Every change, worst first, then in spec order.
    pub changes: Vec<Change>,
}

impl Report {
    /// Compares two models.
    pub fn new(old_label: &str, new_label: &str, old: &Model, new: &Model) -> Report {
        Report {
            old: old_label.to_string(),
            new: new_label.to_string(),
            changes: diff(old, new),
        }
    }

    /// How many changes have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity == severity)
            .count()
    }

    /// Whether a change at or above the threshold exists.
    pub fn fails(&self, on: FailOn) -> bool {
        self.changes.iter().any(|c| c.severity <= on.threshold())
    }

    /// `3 changes: 1 breaking, 2 docs only`, or `no changes`.
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return "no changes".into();
        }
        let n = self.changes.len();
        let parts: Vec<String> = Severity::ALL
            .iter()
            .filter(|s| self.count(**s) > 0)
            .map(|s| format!("{} {}", self.count(*s), s.words()))
            .collect();
        format!(
            "{n} change{}: {}",
            if n == 1 { "" } else { "s" },
            parts.join(", ")
        )
    }

    /// Plain text for a terminal (ANSI colours when `color`).
    pub fn render_text(&self, color: bool) -> String {
        render_text::render(self, color)
    }

    /// Markdown for a pull-request comment.
    pub fn render_markdown(&self) -> String {
        render_markdown::render(self)
    }

    /// GitHub Actions annotations, one per change.
    pub fn render_github(&self) -> String {
        render_github::render(self)
    }

    /// A SARIF 2.1.0 log (code scanning), one result per change.
    pub fn render_sarif(&self) -> String {
        render_sarif::render(self)
    }

    /// JSON for tools (see [`JsonReport`]).
    pub fn render_json(&self) -> String {
        render_json::render(self)
    }
}

/// Every change between two models, worst first and otherwise in spec order.
pub fn diff(old: &Model, new: &Model) -> Vec<Change> {
    let mut walker = Walker {
        changes: Vec::new(),
    };
    walker.models(old, new);
    let mut changes = walker.changes;
    changes.sort_by_key(|c| c.severity);
    changes
}

/// How a report names a service (`tencent/cvm/2017-03-12`).
pub fn service_label(s: &Service) -> String {
    format!("{}/{}/{}", provider_name(s.provider), s.product, s.version)
}

/// The service (and operation) a change is in, with the Rust names of both sides (from the
/// naming pass, [`crate::rust_names`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// `tencent/cvm/2017-03-12`.
    pub service: String,
    /// `cloudspec_clients::tencent::cvm::v2017_03_12`.
    pub module: String,
    /// The cargo feature (`tencent-cvm`).
    pub feature: String,
    /// The operation's name, when inside one.
    pub operation: Option<String>,
    /// The Rust names of the old side (the new side's for an addition).
    pub old_names: Arc<RustNames>,
    /// The Rust names of the new side (the old side's for a removal).
    pub new_names: Arc<RustNames>,
    /// The common parameter the client fills from `Config::region` (Tencent's `Region`),
    /// whose `required` flag the client enforces (new side).
    pub region_parameter: Option<&'static str>,
}

impl Scope {
    fn of(old: &Service, new: &Service) -> Scope {
        let names = &new.rust;
        Scope {
            service: service_label(new),
            module: names.module_path("cloudspec_clients"),
            feature: names.feature.clone(),
            operation: None,
            old_names: Arc::new(old.rust.clone()),
            new_names: Arc::new(new.rust.clone()),
            region_parameter: new.protocol.config_region_parameter(),
        }
    }

    fn with_operation(&self, name: &str) -> Scope {
        Scope {
            operation: Some(name.to_string()),
            ..self.clone()
        }
    }

    /// `tencent/cvm`.
    pub fn product(&self) -> String {
        self.service
            .rsplit_once('/')
            .map_or_else(String::new, |(p, _)| p.to_string())
    }

    /// The operation's Rust names: the new side's, or the old side's for a removed operation.
    pub fn names(&self) -> &OperationNames {
        let op = self.operation.as_deref().unwrap_or_default();
        match self.new_names.operations.get(op) {
            Some(names) => names,
            None => self.old_names.operation(op),
        }
    }

    /// One of the operation's structs on each side, where the side has the operation.
    fn structs(&self, pick: fn(&OperationNames) -> &String) -> (Option<String>, Option<String>) {
        let op = self.operation.as_deref().unwrap_or_default();
        let on = |names: &RustNames| names.operations.get(op).map(|o| pick(o).clone());
        (on(&self.old_names), on(&self.new_names))
    }

    /// The request struct (`CreateImageRequest`).
    pub fn request(&self) -> String {
        self.names().request.clone()
    }

    /// The builder (`CreateImageRequestBuilder`).
    pub fn builder(&self) -> String {
        self.names().request_builder.clone()
    }

    /// The response struct (`CreateImageResponse`).
    pub fn response(&self) -> String {
        self.names().response.clone()
    }

    /// The error-kind enum (`CreateImageErrorKind`).
    pub fn error_kind(&self) -> String {
        self.names().error_kind.clone()
    }

    /// The error type the client method returns (`CreateImageError`).
    pub fn error(&self) -> String {
        self.names().error.clone()
    }

    /// The client method (`create_image`).
    pub fn method(&self) -> String {
        crate::emit::names::bare(&self.names().method).to_string()
    }

    /// A place in this scope.
    pub fn at(
        &self,
        path: impl Into<String>,
        old: Option<&SourceLoc>,
        new: Option<&SourceLoc>,
    ) -> Place {
        Place {
            service: self.service.clone(),
            operation: self.operation.clone(),
            path: path.into(),
            old: old.cloned(),
            new: new.cloned(),
        }
    }
}

/// Where a change is: service, operation, path and the two source locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// See [`Change::service`].
    pub service: String,
    /// See [`Change::operation`].
    pub operation: Option<String>,
    /// See [`Change::path`].
    pub path: String,
    /// See [`Change::old`].
    pub old: Option<SourceLoc>,
    /// See [`Change::new`].
    pub new: Option<SourceLoc>,
}

/// Which side of the wire a field is on; decides which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Sent by the caller: constraints are checked by `validate`.
    Request,
    /// Received: decoded, never validated.
    Response,
}

/// Where a field sits, which decides the Rust items it becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A request parameter of an operation: a field of `…Request` and a builder setter.
    Parameter,
    /// A service-wide common parameter: sent by the runtime, not part of the generated API.
    Common,
    /// A member of an inline object (`Tag[].Key`), a field of a nested struct.
    Member,
    /// A member of a named type (`TagSpecification.Tags`).
    TypeMember,
    /// A top-level response field: a field of `…Response`.
    ResponseField,
}

/// The context of a field: its scope, role, path and the Rust structs that hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldCx {
    /// Service and operation.
    pub scope: Scope,
    /// Request or response side.
    pub role: Role,
    /// What kind of field.
    pub kind: FieldKind,
    /// The path prefix of the section (`request.`, `response.`, `types.`, `commonParameters.`).
    pub section: String,
    /// The path of the parent inside the section (`Tag[].`, `TagSpecification.`), or `""`.
    pub parent: String,
    /// The Rust struct that holds the field, if it is in the generated API: the new side's,
    /// or the old side's where the new side has none.
    pub struct_name: Option<String>,
    /// The struct on the old side.
    pub old_struct: Option<String>,
    /// The struct on the new side.
    pub new_struct: Option<String>,
}

impl FieldCx {
    fn with_structs(
        scope: &Scope,
        role: Role,
        kind: FieldKind,
        section: &str,
        old_struct: Option<String>,
        new_struct: Option<String>,
    ) -> FieldCx {
        FieldCx {
            scope: scope.clone(),
            role,
            kind,
            section: section.into(),
            parent: String::new(),
            struct_name: new_struct.clone().or_else(|| old_struct.clone()),
            old_struct,
            new_struct,
        }
    }

    fn request(scope: &Scope) -> FieldCx {
        let (old, new) = scope.structs(|o| &o.request);
        Self::with_structs(
            scope,
            Role::Request,
            FieldKind::Parameter,
            "request.",
            old,
            new,
        )
    }

    fn response(scope: &Scope) -> FieldCx {
        let (old, new) = scope.structs(|o| &o.response);
        let (role, kind) = (Role::Response, FieldKind::ResponseField);
        Self::with_structs(scope, role, kind, "response.", old, new)
    }

    fn common(scope: &Scope) -> FieldCx {
        Self::with_structs(
            scope,
            Role::Request,
            FieldKind::Common,
            "commonParameters.",
            None,
            None,
        )
    }

    fn type_member(scope: &Scope, ty: &str, role: Role) -> FieldCx {
        let old = scope.old_names.types.get(ty).cloned();
        let new = scope.new_names.types.get(ty).cloned();
        let mut cx = Self::with_structs(scope, role, FieldKind::TypeMember, "types.", old, new);
        cx.parent = format!("{ty}.");
        cx
    }

    /// The context of the members of a field's inline object, `depth` arrays deep.
    fn child(&self, old: &Field, new: &Field, depth: usize) -> FieldCx {
        let nested = |names: &RustNames, owner: &Option<String>, f: &Field| {
            owner
                .as_ref()
                .and_then(|o| names.field(o, &f.name).nested.clone())
        };
        let old_struct = nested(&self.scope.old_names, &self.old_struct, old);
        let new_struct = nested(&self.scope.new_names, &self.new_struct, new);
        FieldCx {
            scope: self.scope.clone(),
            role: self.role,
            kind: if self.kind == FieldKind::Common {
                FieldKind::Common
            } else {
                FieldKind::Member
            },
            section: self.section.clone(),
            parent: format!("{}{}{}.", self.parent, new.name, "[]".repeat(depth)),
            struct_name: new_struct.clone().or_else(|| old_struct.clone()),
            old_struct,
            new_struct,
        }
    }

    /// The names of `f` and the struct holding it: the new side's where it has the field,
    /// else the old side's.
    /// A field whose values are an enum or whose members are a struct is looked up where it
    /// has that nested type: the same wire name may be a plain string on the other side.
    fn lookup(&self, f: &Field) -> Option<(&RustNames, &str, &FieldNames)> {
        let sides = [
            (&*self.scope.new_names, &self.new_struct),
            (&*self.scope.old_names, &self.old_struct),
        ];
        let needs_nested = Self::is_rust_enum(f)
            || matches!(&f.ty, Type::Object(_) | Type::Array(_)) && object_members(&f.ty).is_some();
        let found = sides.iter().filter_map(|(names, owner)| {
            let owner = owner.as_deref()?;
            let field = names.structs.get(owner)?.fields.get(&f.name)?;
            Some((&**names, owner, field))
        });
        let mut first = None;
        for (names, owner, field) in found {
            if !needs_nested || field.nested.is_some() {
                return Some((names, owner, field));
            }
            first.get_or_insert((names, owner, field));
        }
        first
    }

    /// The Rust names of `f` on the old side and on the new side, where it has them.
    pub fn sides(&self, old: &Field, new: &Field) -> Option<(&FieldNames, &FieldNames)> {
        let o = self
            .old_struct
            .as_deref()
            .and_then(|o| self.scope.old_names.structs.get(o))
            .and_then(|s| s.fields.get(&old.name))?;
        let n = self
            .new_struct
            .as_deref()
            .and_then(|o| self.scope.new_names.structs.get(o))
            .and_then(|s| s.fields.get(&new.name))?;
        Some((o, n))
    }

    /// The field as people name it inside its section (`Tag[].Key`, `TagSpecification.Tags`).
    pub fn name(&self, f: &Field) -> String {
        format!("{}{}", self.parent, f.name)
    }

    /// The change path (`request.Tag[].Key`).
    pub fn path(&self, f: &Field) -> String {
        format!("{}{}", self.section, self.name(f))
    }

    /// `request parameter `Tag[].Key``, `response field `Data.ImageId``, `member `Tag.Key``.
    pub fn what(&self, f: &Field) -> String {
        let kind = match (self.kind, self.role) {
            (FieldKind::Common, _) => "common parameter",
            (FieldKind::TypeMember, _) => "member",
            (_, Role::Request) => "request parameter",
            (_, Role::Response) => "response field",
        };
        format!("{kind} {}", code(&self.name(f)))
    }

    /// A place for a field change.
    pub fn at(&self, f: &Field, old: Option<&Field>, new: Option<&Field>) -> Place {
        self.scope
            .at(self.path(f), old.map(|f| &f.loc), new.map(|f| &f.loc))
    }

    /// Whether the field is in the generated Rust API at all.
    pub fn in_api(&self, f: &Field) -> bool {
        self.struct_name.is_some() && !f.protocol_filled
    }

    /// The Rust field (`CreateImageRequest::image_family`), when there is one.
    pub fn rust_field(&self, f: &Field) -> Option<String> {
        if f.protocol_filled {
            return None;
        }
        let (_, owner, names) = self.lookup(f)?;
        Some(format!("{owner}::{}", names.ident))
    }

    /// The Rust setter name (`image_family`).
    pub fn setter(&self, f: &Field) -> String {
        self.lookup(f).map_or_else(
            || field_ident(&f.name).to_string(),
            |(_, _, n)| n.ident.clone(),
        )
    }

    /// The name of the enum the emitter generates for a string field with values.
    pub fn enum_name(&self, f: &Field) -> String {
        self.lookup(f)
            .and_then(|(_, _, n)| n.nested.clone())
            .unwrap_or_default()
    }

    /// The variant names of each of `f`'s values, in order (`TRUE` → `True`): the new side's
    /// name where it has the value, else the old side's.
    pub fn variant_names(&self, f: &Field) -> Vec<(String, String)> {
        let enum_name = self.enum_name(f);
        f.enum_values
            .iter()
            .map(|v| {
                let wire = v.wire();
                let name = [&self.scope.new_names, &self.scope.old_names]
                    .iter()
                    .find_map(|n| n.enums.get(&enum_name).and_then(|e| e.get(&wire)))
                    .cloned()
                    .unwrap_or_else(|| type_name(&wire));
                (wire, name)
            })
            .collect()
    }

    /// Whether the emitter makes a Rust enum of the field.
    pub fn is_rust_enum(f: &Field) -> bool {
        crate::rust_names::is_value_enum(f)
    }

    /// Why a change to the field's values has no Rust enum to change.
    pub fn no_enum(&self) -> &'static str {
        if self.struct_name.is_none() {
            "none in the generated API: common parameters are sent by the runtime"
        } else {
            "none in the generated Rust (only string values become enums)"
        }
    }

    /// The Rust type of the field's value (`String`, `Vec<CreateCustomImageTag>`, an enum).
    pub fn rust_type(&self, f: &Field) -> String {
        match self.lookup(f) {
            Some((names, owner, _)) => names.value_type(owner, f),
            None => f.ty.spec_name(),
        }
    }

    /// What validation does after a change, for effect sentences: `clause` is the rest of
    /// the sentence (`now check that …`).
    pub fn validation(&self, clause: &str) -> String {
        match self.kind {
            FieldKind::Common => format!(
                "none in the generated API: common parameters are sent by the runtime, unchecked (the service is documented to {})",
                clause.strip_prefix("now ").unwrap_or(clause)
            ),
            FieldKind::TypeMember => format!(
                "`validate`/`build` of every request that uses `{}` {clause}",
                self.struct_name.clone().unwrap_or_default()
            ),
            _ => format!("`validate`/`build` of `{}` {clause}", self.scope.request()),
        }
    }

    /// `gains field …` sentence for an added field.
    pub fn gains(&self, f: &Field) -> String {
        if f.protocol_filled {
            return "none: the protocol fills it in".into();
        }
        match self.kind {
            FieldKind::Common => {
                "none in the generated API: common parameters are sent by the runtime".into()
            }
            FieldKind::Parameter => format!(
                "`{}` gains field `{}: Option<{}>` and `{}` gains setter `{}`",
                self.scope.request(),
                self.setter(f),
                self.rust_type(f),
                self.scope.builder(),
                self.setter(f)
            ),
            _ => format!(
                "struct `{}` gains field `{}: Option<{}>`",
                self.struct_name.clone().unwrap_or_default(),
                self.setter(f),
                self.rust_type(f)
            ),
        }
    }

    /// `loses field …` sentence for a removed field.
    pub fn loses(&self, f: &Field) -> String {
        if f.protocol_filled {
            return "none: the protocol filled it in".into();
        }
        match self.kind {
            FieldKind::Common => {
                "none in the generated API: common parameters are sent by the runtime".into()
            }
            FieldKind::Parameter => format!(
                "`{}` loses field `{}` and `{}` loses setter `{}`: code that sets it no longer compiles",
                self.scope.request(),
                self.setter(f),
                self.scope.builder(),
                self.setter(f)
            ),
            _ => format!(
                "struct `{}` loses field `{}`: code that uses it no longer compiles",
                self.struct_name.clone().unwrap_or_default(),
                self.setter(f)
            ),
        }
    }
}

/// The context of an error-table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCx {
    /// Service, and operation for an operation's own table.
    pub scope: Scope,
    /// A service-wide common error.
    pub common: bool,
    /// The error-kind enums that have (or get, or lose) the variant.
    pub kinds: Vec<String>,
}

impl ErrorCx {
    /// The change path (`errors.Code`, `commonErrors.Code`).
    pub fn path(&self, e: &ErrorEntry) -> String {
        format!(
            "{}{}",
            if self.common {
                "commonErrors."
            } else {
                "errors."
            },
            e.code
        )
    }

    /// A place for an error change.
    pub fn at(&self, e: &ErrorEntry, old: Option<&ErrorEntry>, new: Option<&ErrorEntry>) -> Place {
        self.scope
            .at(self.path(e), old.map(|e| &e.loc), new.map(|e| &e.loc))
    }

    /// The variant of `e`'s code as written in Rust (`InvalidZoneMismatchRegion`,
    /// `InvalidParameter { field }`): the new side's name where it has the code, else the old
    /// side's.
    pub fn variant(&self, e: &ErrorEntry) -> String {
        let name = self
            .variant_in(&self.scope.new_names, e)
            .or_else(|| self.variant_in(&self.scope.old_names, e))
            .unwrap_or_else(|| type_name(&e.code));
        if e.is_placeholder() {
            format!("{name} {{ field }}")
        } else {
            name
        }
    }

    /// The variant of `e`'s code on the old side and on the new side.
    pub fn sides(&self, e: &ErrorEntry) -> Option<(String, String)> {
        Some((
            self.variant_in(&self.scope.old_names, e)?,
            self.variant_in(&self.scope.new_names, e)?,
        ))
    }

    /// The code whose variant is named `variant` on the new side, if any.
    pub fn new_code_of(&self, variant: &str) -> Option<String> {
        let names = &self.scope.new_names;
        let variants = if self.common {
            &names.common_variants
        } else {
            let op = self.scope.operation.as_deref().unwrap_or_default();
            &names.operations.get(op)?.variants
        };
        variants
            .iter()
            .find(|(_, v)| v.as_str() == variant)
            .map(|(code, _)| code.clone())
    }

    fn variant_in(&self, names: &RustNames, e: &ErrorEntry) -> Option<String> {
        if self.common {
            return names.common_variants.get(&e.code).cloned();
        }
        let op = self.scope.operation.as_deref().unwrap_or_default();
        names.operations.get(op)?.variants.get(&e.code).cloned()
    }

    /// `error kind `A`` or `error kinds `A`, `B``.
    pub fn kinds_text(&self) -> String {
        let names: Vec<String> = self.kinds.iter().map(|k| format!("`{k}`")).collect();
        match names.len() {
            0 => "no error kind".into(),
            1 => format!("error kind {}", names[0]),
            _ => format!("error kinds {}", names.join(", ")),
        }
    }
}

/// One thing the engine hands to the rules: something added, removed, or a pair to compare.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// A service version only in the new side. `other_versions`: the product has other
    /// versions in the old side.
    ServiceAdded {
        /// Names.
        scope: &'a Scope,
        /// The service.
        service: &'a Service,
        /// Whether the old side has other versions of the product.
        other_versions: bool,
    },
    /// A service version only in the old side.
    ServiceRemoved {
        /// Names.
        scope: &'a Scope,
        /// The service.
        service: &'a Service,
        /// Whether the new side keeps other versions of the product.
        other_versions: bool,
    },
    /// A service version in both.
    Service {
        /// Names.
        scope: &'a Scope,
        /// Old.
        old: &'a Service,
        /// New.
        new: &'a Service,
    },
    /// A named type only in the new side.
    TypeAdded {
        /// Names.
        scope: &'a Scope,
        /// The type.
        ty: &'a NamedType,
    },
    /// A named type only in the old side.
    TypeRemoved {
        /// Names.
        scope: &'a Scope,
        /// The type.
        ty: &'a NamedType,
    },
    /// A named type in both.
    Type {
        /// Names.
        scope: &'a Scope,
        /// Old.
        old: &'a NamedType,
        /// New.
        new: &'a NamedType,
    },
    /// An operation only in the new side.
    OperationAdded {
        /// Names (with the operation).
        scope: &'a Scope,
        /// The operation.
        op: &'a Operation,
    },
    /// An operation only in the old side.
    OperationRemoved {
        /// Names (with the operation).
        scope: &'a Scope,
        /// The operation.
        op: &'a Operation,
    },
    /// An operation in both.
    Operation {
        /// Names (with the operation).
        scope: &'a Scope,
        /// Old.
        old: &'a Operation,
        /// New.
        new: &'a Operation,
    },
    /// A field only in the new side.
    FieldAdded {
        /// Context.
        cx: &'a FieldCx,
        /// The field.
        field: &'a Field,
    },
    /// A field only in the old side.
    FieldRemoved {
        /// Context.
        cx: &'a FieldCx,
        /// The field.
        field: &'a Field,
    },
    /// A field removed while another with the same description was added: a likely rename.
    /// The pair is also handed over as [`Subject::Field`].
    FieldRenamed {
        /// Context.
        cx: &'a FieldCx,
        /// Old.
        old: &'a Field,
        /// New.
        new: &'a Field,
    },
    /// A field in both (or a likely rename).
    Field {
        /// Context.
        cx: &'a FieldCx,
        /// Old.
        old: &'a Field,
        /// New.
        new: &'a Field,
    },
    /// A rule across parameters only in the new side.
    RuleAdded {
        /// Names (with the operation).
        scope: &'a Scope,
        /// The rule.
        rule: &'a ParamRule,
    },
    /// A rule across parameters only in the old side.
    RuleRemoved {
        /// Names (with the operation).
        scope: &'a Scope,
        /// The rule.
        rule: &'a ParamRule,
    },
    /// A rule whose members or trigger changed.
    RuleChanged {
        /// Names (with the operation).
        scope: &'a Scope,
        /// Old.
        old: &'a ParamRule,
        /// New.
        new: &'a ParamRule,
    },
    /// The same rule on both sides (its sentence or provenance may differ).
    Rule {
        /// Names (with the operation).
        scope: &'a Scope,
        /// Old.
        old: &'a ParamRule,
        /// New.
        new: &'a ParamRule,
    },
    /// An error code only in the new side.
    ErrorAdded {
        /// Context.
        cx: &'a ErrorCx,
        /// The row.
        error: &'a ErrorEntry,
    },
    /// An error code only in the old side.
    ErrorRemoved {
        /// Context.
        cx: &'a ErrorCx,
        /// The row.
        error: &'a ErrorEntry,
    },
    /// The same error code on both sides.
    Error {
        /// Context.
        cx: &'a ErrorCx,
        /// Old.
        old: &'a ErrorEntry,
        /// New.
        new: &'a ErrorEntry,
    },
}

/// A rule's handle for reporting: fills in its id and severity.
pub struct Emit<'o> {
    id: &'static str,
    severity: Severity,
    out: &'o mut Vec<Change>,
}

impl Emit<'_> {
    /// Reports a change at `place`.
    pub fn push(&mut self, place: Place, message: impl Into<String>, effect: impl Into<String>) {
        self.out.push(Change {
            id: self.id,
            severity: self.severity,
            service: place.service,
            operation: place.operation,
            path: place.path,
            message: message.into(),
            effect: effect.into(),
            old: place.old,
            new: place.new,
        });
    }
}

/// A markdown code span of `text`, safe whatever backticks it holds.
pub fn code(text: &str) -> String {
    crate::emit::names::code_span(text)
}

/// Code spans joined with commas (`` `a`, `b` ``).
pub fn code_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| code(s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A JSON value as it reads in a spec (`"false"` → `false`, numbers as written).
pub fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether two types have the same shape: same scalars, same array depth, objects (whatever
/// their members, which are compared one by one) or the same named type.
pub fn same_shape(a: &Type, b: &Type) -> bool {
    match (a, b) {
        (Type::Array(x), Type::Array(y)) => same_shape(x, y),
        (Type::Object(_), Type::Object(_)) => true,
        _ => a == b,
    }
}

/// The members of an inline object, possibly inside arrays, with the array depth.
fn object_members(ty: &Type) -> Option<(usize, &[Field])> {
    match ty {
        Type::Object(members) => Some((0, members)),
        Type::Array(inner) => object_members(inner).map(|(d, m)| (d + 1, m)),
        _ => None,
    }
}

struct Walker {
    changes: Vec<Change>,
}

type ServiceKey = (&'static str, String, String);

fn service_key(s: &Service) -> ServiceKey {
    (
        provider_name(s.provider),
        s.product.clone(),
        s.version.clone(),
    )
}

impl Walker {
    fn visit(&mut self, subject: Subject<'_>) {
        for rule in rules::RULES {
            let mut emit = Emit {
                id: rule.id,
                severity: rule.severity,
                out: &mut self.changes,
            };
            (rule.check)(&subject, &mut emit);
        }
    }

    fn models(&mut self, old: &Model, new: &Model) {
        type Pair<'m> = (Option<&'m Service>, Option<&'m Service>);
        let mut pairs: BTreeMap<ServiceKey, Pair<'_>> = BTreeMap::new();
        for s in &old.services {
            pairs.entry(service_key(s)).or_default().0 = Some(s);
        }
        for s in &new.services {
            pairs.entry(service_key(s)).or_default().1 = Some(s);
        }
        let same_product = |m: &Model, s: &Service| {
            m.services
                .iter()
                .any(|o| o.provider == s.provider && o.product == s.product)
        };
        for (o, n) in pairs.into_values() {
            match (o, n) {
                (Some(o), Some(n)) => self.service(o, n),
                (Some(o), None) => {
                    let scope = Scope::of(o, o);
                    self.visit(Subject::ServiceRemoved {
                        scope: &scope,
                        service: o,
                        other_versions: same_product(new, o),
                    });
                }
                (None, Some(n)) => {
                    let scope = Scope::of(n, n);
                    self.visit(Subject::ServiceAdded {
                        scope: &scope,
                        service: n,
                        other_versions: same_product(old, n),
                    });
                }
                (None, None) => {}
            }
        }
    }

    fn service(&mut self, old: &Service, new: &Service) {
        let scope = Scope::of(old, new);
        self.visit(Subject::Service {
            scope: &scope,
            old,
            new,
        });
        self.fields(
            &FieldCx::common(&scope),
            &old.common_parameters,
            &new.common_parameters,
        );

        let mut request_side = old.request_types();
        request_side.extend(new.request_types());
        for (o, n) in pair_by(&old.types, &new.types, |t| t.name.as_str()) {
            match (o, n) {
                (Some(o), Some(n)) => {
                    self.visit(Subject::Type {
                        scope: &scope,
                        old: o,
                        new: n,
                    });
                    let role = if request_side.contains(&n.name) {
                        Role::Request
                    } else {
                        Role::Response
                    };
                    let cx = FieldCx::type_member(&scope, &n.name, role);
                    self.fields(&cx, &o.properties, &n.properties);
                }
                (Some(o), None) => self.visit(Subject::TypeRemoved {
                    scope: &scope,
                    ty: o,
                }),
                (None, Some(n)) => self.visit(Subject::TypeAdded {
                    scope: &scope,
                    ty: n,
                }),
                (None, None) => {}
            }
        }

        for (o, n) in pair_by(&old.operations, &new.operations, |op| op.name.as_str()) {
            match (o, n) {
                (Some(o), Some(n)) => self.operation(&scope, (old, new), o, n),
                (Some(o), None) => {
                    let scope = scope.with_operation(&o.name);
                    self.visit(Subject::OperationRemoved {
                        scope: &scope,
                        op: o,
                    });
                }
                (None, Some(n)) => {
                    let scope = scope.with_operation(&n.name);
                    self.visit(Subject::OperationAdded {
                        scope: &scope,
                        op: n,
                    });
                }
                (None, None) => {}
            }
        }
        self.common_errors(&scope, old, new);
    }

    fn operation(
        &mut self,
        scope: &Scope,
        services: (&Service, &Service),
        old: &Operation,
        new: &Operation,
    ) {
        let scope = scope.with_operation(&new.name);
        self.visit(Subject::Operation {
            scope: &scope,
            old,
            new,
        });
        // Where either side defines common parameters of its own, the common parameters as
        // the operation takes them, compared like the service's (other operations follow the
        // service's, compared once above).
        if !old.common_parameters.is_empty() || !new.common_parameters.is_empty() {
            let effective = |service: &Service, op: &Operation| -> Vec<Field> {
                service
                    .common_parameters_of(op)
                    .into_iter()
                    .cloned()
                    .collect()
            };
            self.fields(
                &FieldCx::common(&scope),
                &effective(services.0, old),
                &effective(services.1, new),
            );
        }
        self.fields(&FieldCx::request(&scope), &old.parameters, &new.parameters);
        self.param_rules(&scope, &old.rules, &new.rules);
        self.fields(&FieldCx::response(&scope), &old.response, &new.response);
        self.operation_errors(&scope, old, new);
    }

    /// Compares two field lists: by name, then likely renames, then additions.
    fn fields(&mut self, cx: &FieldCx, old: &[Field], new: &[Field]) {
        let has = |list: &[Field], name: &str| list.iter().any(|f| f.name == name);
        let gone: Vec<&Field> = old.iter().filter(|f| !has(new, &f.name)).collect();
        let fresh: Vec<&Field> = new.iter().filter(|f| !has(old, &f.name)).collect();
        let mut renamed: Vec<(&Field, &Field)> = Vec::new();
        let mut used = vec![false; fresh.len()];
        for o in &gone {
            let Some(desc) = o.description.as_deref().map(str::trim) else {
                continue;
            };
            if desc.is_empty() {
                continue;
            }
            if let Some(i) = fresh.iter().enumerate().position(|(i, n)| {
                !used[i] && n.description.as_deref().map(str::trim) == Some(desc)
            }) {
                used[i] = true;
                renamed.push((o, fresh[i]));
            }
        }
        for o in old {
            if let Some(n) = new.iter().find(|n| n.name == o.name) {
                self.field_pair(cx, o, n);
            } else if let Some((_, n)) = renamed.iter().find(|(r, _)| r.name == o.name) {
                self.visit(Subject::FieldRenamed { cx, old: o, new: n });
                self.field_pair(cx, o, n);
            } else {
                self.visit(Subject::FieldRemoved { cx, field: o });
            }
        }
        for (i, n) in fresh.iter().enumerate() {
            if !used[i] {
                self.visit(Subject::FieldAdded { cx, field: n });
            }
        }
    }

    fn field_pair(&mut self, cx: &FieldCx, old: &Field, new: &Field) {
        self.visit(Subject::Field { cx, old, new });
        if let (Some((d_old, m_old)), Some((d_new, m_new))) =
            (object_members(&old.ty), object_members(&new.ty))
            && d_old == d_new
        {
            let child = cx.child(old, new, d_new);
            self.fields(&child, m_old, m_new);
        }
    }

    fn param_rules(&mut self, scope: &Scope, old: &[ParamRule], new: &[ParamRule]) {
        let key = |r: &ParamRule| {
            let mut members = r.parameters.clone();
            members.sort();
            (format!("{:?}", r.kind), members, r.when.clone())
        };
        let mut old_used = vec![false; old.len()];
        let mut new_used = vec![false; new.len()];
        let mut pairs: Vec<(usize, usize, bool)> = Vec::new();
        for (i, o) in old.iter().enumerate() {
            if let Some(j) = (0..new.len()).find(|&j| !new_used[j] && key(&new[j]) == key(o)) {
                old_used[i] = true;
                new_used[j] = true;
                pairs.push((i, j, true));
            }
        }
        for (i, o) in old.iter().enumerate() {
            if old_used[i] {
                continue;
            }
            let related = |n: &ParamRule| {
                n.kind == o.kind
                    && (n.when.is_some() && n.when == o.when
                        || n.parameters.iter().any(|p| o.parameters.contains(p)))
            };
            if let Some(j) = (0..new.len()).find(|&j| !new_used[j] && related(&new[j])) {
                old_used[i] = true;
                new_used[j] = true;
                pairs.push((i, j, false));
            }
        }
        for (i, o) in old.iter().enumerate() {
            match pairs.iter().find(|(pi, _, _)| *pi == i) {
                Some(&(_, j, true)) => self.visit(Subject::Rule {
                    scope,
                    old: o,
                    new: &new[j],
                }),
                Some(&(_, j, false)) => self.visit(Subject::RuleChanged {
                    scope,
                    old: o,
                    new: &new[j],
                }),
                None => self.visit(Subject::RuleRemoved { scope, rule: o }),
            }
        }
        for (j, n) in new.iter().enumerate() {
            if !new_used[j] {
                self.visit(Subject::RuleAdded { scope, rule: n });
            }
        }
    }

    /// An operation's own error table: the operation's error-kind enum.
    fn operation_errors(&mut self, scope: &Scope, old: &Operation, new: &Operation) {
        let cx = ErrorCx {
            scope: scope.clone(),
            common: false,
            kinds: vec![scope.error_kind()],
        };
        self.errors(&cx, &old.errors, &new.errors);
    }

    /// The service's common errors: the one enum every operation's error kinds share.
    fn common_errors(&mut self, scope: &Scope, old: &Service, new: &Service) {
        let name = [&new.rust, &old.rust]
            .iter()
            .find_map(|n| n.common_errors.clone())
            .unwrap_or_default();
        let cx = ErrorCx {
            scope: scope.clone(),
            common: true,
            kinds: vec![name],
        };
        self.errors(&cx, &old.common_errors, &new.common_errors);
    }

    fn errors(&mut self, cx: &ErrorCx, old: &[ErrorEntry], new: &[ErrorEntry]) {
        for (o, n) in pair_by(old, new, |e| e.code.as_str()) {
            match (o, n) {
                (Some(o), Some(n)) => self.visit(Subject::Error { cx, old: o, new: n }),
                (Some(o), None) => self.visit(Subject::ErrorRemoved { cx, error: o }),
                (None, Some(n)) => self.visit(Subject::ErrorAdded { cx, error: n }),
                (None, None) => {}
            }
        }
    }
}

/// Pairs two lists by key: old order first (with the new item when there is one), then the
/// new items that have no old counterpart, in new order.
fn pair_by<'m, T>(
    old: &'m [T],
    new: &'m [T],
    key: impl Fn(&T) -> &str,
) -> Vec<(Option<&'m T>, Option<&'m T>)> {
    let mut out: Vec<(Option<&T>, Option<&T>)> = old
        .iter()
        .map(|o| (Some(o), new.iter().find(|n| key(n) == key(o))))
        .collect();
    for n in new {
        if !old.iter().any(|o| key(o) == key(n)) {
            out.push((None, Some(n)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::testing::{Spec, changes, ids};

    #[test]
    fn common_parameters_are_compared_without_rust_effects() {
        let region = |values: &str| {
            Spec::new().service(&format!(
                "commonParameters:\n  - {{name: Region, type: string, required: true, description: The region., enum: [{values}]}}"
            ))
        };
        let all = changes(&region("cn-hangzhou, cn-beijing"), &region("cn-hangzhou"));
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].id, "request-parameter-enum-value-removed");
        assert_eq!(all[0].path, "commonParameters.Region");
        assert!(all[0].operation.is_none());
        assert!(
            all[0].effect.starts_with("none in the generated API"),
            "{}",
            all[0].effect
        );
    }

    #[test]
    fn an_operation_override_of_a_common_parameter_is_compared_in_the_operation() {
        let svc = "commonParameters:\n  - {name: Region, type: string, required: true, in: header, description: The region.}";
        let base = || Spec::new().tencent().service(svc);
        let optional = base().op(
            "commonParameters:\n  - {name: Region, type: string, in: header, description: The region.}",
        );
        let all = changes(&base(), &optional);
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].id, "request-parameter-required-removed");
        assert_eq!(all[0].path, "commonParameters.Region");
        assert_eq!(all[0].operation.as_deref(), Some("CreateThing"));
        assert_eq!(
            all[0].effect,
            "the client no longer refuses calls without a region"
        );
        let all = changes(&optional, &base());
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].id, "request-parameter-required-added");
        assert!(
            all[0].effect.contains("ConfigError::MissingRegion"),
            "{}",
            all[0].effect
        );
        // The same override on both sides: nothing, whatever the service says.
        assert!(changes(&optional, &optional).is_empty());
    }

    #[test]
    fn named_type_members_follow_the_request_side() {
        let tag = |required: bool| {
            Spec::new()
                .types(&format!(
                    "- name: Tag\n  description: A tag.\n  properties:\n    - {{name: Key, type: string, required: {required}, description: The key.}}"
                ))
                .param("- name: Tags\n  type: array\n  description: Tags.\n  items: {type: Tag}")
        };
        let all = changes(&tag(false), &tag(true));
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].id, "request-parameter-required-added");
        assert_eq!(all[0].path, "types.Tag.Key");
        assert_eq!(
            all[0].effect,
            "`validate`/`build` of every request that uses `Tag` now reject `Tag` values without `Key`"
        );
    }

    #[test]
    fn nested_response_members_name_their_struct() {
        let data = |extra: &str| {
            Spec::new().response(&format!(
                "- name: Data\n  type: object\n  description: The data.\n  properties:\n    - {{name: ImageId, type: string, description: The image.}}{extra}"
            ))
        };
        let all = changes(
            &data(""),
            &data("\n    - {name: TaskId, type: string, description: The task.}"),
        );
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].id, "response-field-added");
        assert_eq!(all[0].path, "response.Data.TaskId");
        assert_eq!(
            all[0].effect,
            "struct `CreateThingResponseData` gains field `task_id: Option<String>`"
        );
    }

    #[test]
    fn reordering_rows_is_not_a_change() {
        let a = Spec::new().params(
            "- {name: A, type: string, description: First.}\n- {name: B, type: string, description: Second.}",
        );
        let b = Spec::new().params(
            "- {name: B, type: string, description: Second.}\n- {name: A, type: string, description: First.}",
        );
        assert!(ids(&a, &b).is_empty());
    }

    #[test]
    fn a_type_change_does_not_also_report_constraint_changes() {
        let a =
            Spec::new().param("- {name: Code, type: string, description: A code., maxLength: 8}");
        let b = Spec::new().param(
            "- {name: Code, type: array, items: {type: string}, description: A code., maxItems: 3}",
        );
        assert_eq!(ids(&a, &b), ["request-parameter-type-changed"]);
    }
}
