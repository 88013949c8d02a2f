//! The naming pass: every Rust name the generated crate gives a service's items, decided once.
//!
//! [`assign`] runs on each checked service (from [`crate::check`]) and its result travels with
//! the service in the model ([`crate::model::Service::rust`]). The Rust emitter, the docs
//! emitter and `diff` read names from it; nothing else turns a wire name into a Rust name, and
//! the derives in `cloudspec-derive` are handed the names explicitly.
//!
//! Collisions are settled from the names alone, never from the order of rows, so output is
//! the same when rows are reordered, and a row added beside a name that reads as its own Rust
//! name leaves that name alone:
//!
//! - Fields: a wire name is *canonical* when its snake_case name reads back as the wire name
//!   (`ImageId` → `image_id`). When several wire names give one snake_case name, the canonical
//!   one keeps it and the others are spelled letter for letter (`ImageID` → `image_i_d`).
//! - Variants (enum values, error codes) and named types: a wire name is canonical when it is
//!   already its own UpperCamelCase name; the others keep their separators as underscores
//!   (`InvalidParameter.ValueTooLarge` → `InvalidParameter_ValueTooLarge`).
//! - Variants only: a value that is still not distinct after that (it differs from another only
//!   in the case of a word's first letter, or its name is the one a reserved variant has) is
//!   spelled as it is written, every letter in its case, separators as underscores (of
//!   `Accept` and `accept`, `Accept` keeps `Accept` and the other is `accept`; of `Unknown` and
//!   `unknown` the first is `UnknownValue` and the second `unknown`).
//! - Names the generated API reserves (`Unknown`, `Common`, `build`, `new`, …) get a suffix.
//!
//! What is still claimed twice after that (values that differ only in their separators, `a-b`
//! and `a_b`) is a [`Collision`], which `lint` reports as
//! `rust-name-collision` at every place involved; the spec then says `rustName` (fields, named
//! types, error codes) or `enumRustNames` (enum values).

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::emit::names::{field_ident, keyword_safe, type_name};
use crate::model::{Field, Operation, Provider, Service, SourceLoc, Type};

/// Every Rust name of one service's items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RustNames {
    /// Module path segments (`["alibaba", "swas_open", "v2020_06_01"]`).
    pub module: [String; 3],
    /// The cargo feature (`alibaba-swas-open`).
    pub feature: String,
    /// The client type (`SwasOpenClient`).
    pub client: String,
    /// The shared enum of the service's common errors (`CommonErrorKind`), when it has any.
    pub common_errors: Option<String>,
    /// Common error code → variant of [`RustNames::common_errors`].
    pub common_variants: BTreeMap<String, String>,
    /// Named type (wire name) → struct.
    pub types: BTreeMap<String, String>,
    /// Operation (wire name) → its names.
    pub operations: BTreeMap<String, OperationNames>,
    /// Struct → its builder and fields (requests, responses, named and nested types).
    pub structs: BTreeMap<String, StructNames>,
    /// Value enum → wire value → variant.
    pub enums: BTreeMap<String, BTreeMap<String, String>>,
    /// Named type (wire name) → the private data module listing its members, and the constant
    /// the operations' data refers to (`tag_members`, `TAG_PARAMS`).
    pub type_data: BTreeMap<String, (String, String)>,
}

/// The names of one operation's items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OperationNames {
    /// `CreateImageRequest`.
    pub request: String,
    /// `CreateImageRequestBuilder`.
    pub request_builder: String,
    /// `CreateImageFluentBuilder`: what the client method returns, to set the parameters on and
    /// `send`.
    pub fluent: String,
    /// `CreateImageResponse`.
    pub response: String,
    /// `CreateImageErrorKind`.
    pub error_kind: String,
    /// `CreateImageError`: what the client method returns as its error.
    pub error: String,
    /// The client method (`create_image`; may be a raw identifier).
    pub method: String,
    /// The client method returning the operation's paginator (`describe_images_paginator`),
    /// for operations that page.
    pub paginator: Option<String>,
    /// The client methods of the operation's waiters (`wait_until_image_available`), in the
    /// spec's order.
    pub waiters: Vec<String>,
    /// The private module holding the operation's data (`create_image_spec`).
    pub data_module: String,
    /// Own error code → variant of [`OperationNames::error_kind`].
    pub variants: BTreeMap<String, String>,
}

/// The names of one struct's items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StructNames {
    /// Its builder (`CreateImageTagBuilder`).
    pub builder: String,
    /// Wire name → field.
    pub fields: BTreeMap<String, FieldNames>,
}

/// The names of one field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldNames {
    /// The field and its setter (`image_id`, `r#type`).
    pub ident: String,
    /// The setter taking an `Option` (`set_image_id`).
    pub set: String,
    /// The struct or enum generated for the field's inline object or documented values.
    pub nested: Option<String>,
    /// The field's named type contains itself: the value is boxed.
    pub boxed: bool,
}

impl FieldNames {
    /// The field name without a raw identifier's `r#`.
    pub fn bare(&self) -> &str {
        self.ident.trim_start_matches("r#")
    }
}

impl RustNames {
    /// The names of operation `op` (empty names for an unknown operation).
    pub fn operation(&self, op: &str) -> &OperationNames {
        self.operations.get(op).unwrap_or(&EMPTY_OPERATION)
    }

    /// The field `wire` of struct `owner` (empty names when unknown).
    pub fn field(&self, owner: &str, wire: &str) -> &FieldNames {
        self.structs
            .get(owner)
            .and_then(|s| s.fields.get(wire))
            .unwrap_or(&EMPTY_FIELD)
    }

    /// The builder of struct `name`.
    pub fn builder(&self, name: &str) -> &str {
        self.structs.get(name).map_or("", |s| s.builder.as_str())
    }

    /// The struct of named type `wire`.
    pub fn named_type(&self, wire: &str) -> &str {
        self.types.get(wire).map_or("", String::as_str)
    }

    /// The variant of enum `name` for wire value `value`.
    pub fn variant(&self, name: &str, value: &str) -> &str {
        self.enums
            .get(name)
            .and_then(|e| e.get(value))
            .map_or("", String::as_str)
    }

    /// `cloudspec_clients::alibaba::swas_open::v2020_06_01` for crate `krate`.
    pub fn module_path(&self, krate: &str) -> String {
        let [a, b, c] = &self.module;
        format!("{krate}::{a}::{b}::{c}")
    }

    /// The Rust type of `field`'s value as written in struct `owner` (without the `Option`
    /// every field has): `String`, `Vec<CreateImageTag>`, `Box<Node>`, an enum.
    pub fn value_type(&self, owner: &str, field: &Field) -> String {
        let names = self.field(owner, &field.name);
        if let Some(e) = names.nested.as_ref().filter(|_| is_value_enum(field)) {
            return match field.ty {
                Type::Array(_) => format!("Vec<{e}>"),
                _ => e.clone(),
            };
        }
        let ty = self.plain_type(&field.ty, names.nested.as_deref());
        if names.boxed {
            format!("Box<{ty}>")
        } else {
            ty
        }
    }

    /// The element type of an array field (`CreateImageTag`), `None` for other fields.
    pub fn element_type(&self, owner: &str, field: &Field) -> Option<String> {
        let Type::Array(inner) = &field.ty else {
            return None;
        };
        let names = self.field(owner, &field.name);
        if let Some(e) = names.nested.as_ref().filter(|_| is_value_enum(field)) {
            return Some(e.clone());
        }
        Some(self.plain_type(inner, names.nested.as_deref()))
    }

    /// The Rust fields along a path of response field names of operation `op`
    /// (`["Images", "Image"]` → `["images", "image"]`), through inline objects and named types,
    /// and the element type of the last field when it is an array. `None` when the path does
    /// not lead anywhere (the checks reject such paths).
    pub fn response_path(
        &self,
        service: &Service,
        op: &Operation,
        path: &[String],
    ) -> Option<(Vec<String>, Option<String>)> {
        let mut owner = self.operation(&op.name).response.clone();
        let mut fields: &[Field] = &op.response;
        let mut idents = Vec::new();
        for (i, segment) in path.iter().enumerate() {
            let field = fields.iter().find(|f| &f.name == segment)?;
            let names = self.field(&owner, segment);
            idents.push(names.ident.clone());
            if i + 1 == path.len() {
                return Some((idents, self.element_type(&owner, field)));
            }
            match &field.ty {
                Type::Object(members) => {
                    owner = names.nested.clone()?;
                    fields = members;
                }
                Type::Named(n) => {
                    owner = self.named_type(n).to_string();
                    fields = &service.named_type(n)?.properties;
                }
                _ => return None,
            }
        }
        None
    }

    fn plain_type(&self, ty: &Type, nested: Option<&str>) -> String {
        match ty {
            Type::String => "String".into(),
            Type::Integer => "i64".into(),
            Type::Number => "f64".into(),
            Type::Boolean => "bool".into(),
            Type::DateTime => "cloudspec_runtime::DateTime".into(),
            Type::Array(inner) => format!("Vec<{}>", self.plain_type(inner, nested)),
            Type::Map(inner) => format!(
                "std::collections::BTreeMap<String, {}>",
                self.plain_type(inner, nested)
            ),
            Type::Object(_) => nested.unwrap_or_default().to_string(),
            Type::Named(n) => self.named_type(n).to_string(),
        }
    }
}

static EMPTY_OPERATION: OperationNames = OperationNames {
    request: String::new(),
    request_builder: String::new(),
    fluent: String::new(),
    response: String::new(),
    error_kind: String::new(),
    error: String::new(),
    method: String::new(),
    paginator: None,
    waiters: Vec::new(),
    data_module: String::new(),
    variants: BTreeMap::new(),
};

static EMPTY_FIELD: FieldNames = FieldNames {
    ident: String::new(),
    set: String::new(),
    nested: None,
    boxed: false,
};

/// Whether the emitter makes a value enum of the field (a string with documented values).
/// Whether `f`'s documented values become a generated enum: a string field's, or the items' of
/// an array of strings (`items.enum`, a list of statuses).
pub fn is_value_enum(f: &Field) -> bool {
    !f.enum_values.is_empty()
        && match &f.ty {
            Type::String => true,
            Type::Array(inner) => **inner == Type::String,
            _ => false,
        }
}

/// Two or more places that would get one Rust name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The name.
    pub name: String,
    /// Where it is declared (`struct `CreateImageRequest``, `the service's module`).
    pub scope: String,
    /// Every claimant: what it is and where the spec defines it.
    pub places: Vec<(String, SourceLoc)>,
    /// What to write in the spec to separate them.
    pub help: String,
}

/// Names the generated items reserve in each namespace, and what a wire name that would
/// take one gets instead.
const RESERVED_METHODS: &[&str] = &[
    "build",
    "build_unchecked",
    "send",
    "send_with_metadata",
    "as_input",
];
const RESERVED_CLIENT: &[&str] = &["new", "runtime", "call"];
const RESERVED_ERROR_VARIANTS: &[&str] = &["Unknown", "Common"];
const RESERVED_ENUM_VARIANTS: &[&str] = &["Unknown"];

/// The names of every item of `service`, and the collisions no rule could settle.
pub fn assign(service: &Service) -> (RustNames, Vec<Collision>) {
    let mut pass = Pass {
        service,
        names: RustNames::default(),
        types: Namespace::new("the service's module"),
        collisions: Vec::new(),
        cyclic: cyclic_types(service),
    };
    pass.run();
    let Pass {
        mut names,
        types,
        mut collisions,
        ..
    } = pass;
    collisions.extend(types.collisions(
        "give one of them another Rust name with `rustName` (on a field, it also names the field's nested type)",
    ));
    names.structs.retain(|k, _| !k.is_empty());
    (names, collisions)
}

struct Pass<'a> {
    service: &'a Service,
    names: RustNames,
    /// The module's type namespace: structs, enums, aliases, the client.
    types: Namespace,
    collisions: Vec<Collision>,
    /// Named types that contain themselves without an array between.
    cyclic: BTreeSet<String>,
}

impl Pass<'_> {
    fn run(&mut self) {
        let s = self.service;
        let product = crate::emit::names::bare(&field_ident(&s.product).to_string()).to_string();
        self.names.module = [
            provider_name(s.provider).to_string(),
            product,
            format!("v{}", s.version.replace(['-', '.'], "_")),
        ];
        self.names.feature = format!("{}-{}", provider_name(s.provider), s.product.to_lowercase());
        self.names.client = format!("{}Client", type_name(&s.product));
        self.types
            .claim(&self.names.client, "the service client", &s.loc);

        // Named types first: nested names are built from them.
        let cands: Vec<Candidate> = s
            .types
            .iter()
            .map(|t| Candidate::camel(&t.name, t.rust_name.as_deref(), &t.loc))
            .collect();
        let type_names = settle(&cands, &[], |n| n.to_string());
        for (t, name) in s.types.iter().zip(type_names) {
            self.names.types.insert(t.name.clone(), name.clone());
            let module = format!("{}_members", strict_snake(&name));
            let constant = format!("{}_PARAMS", strict_snake(&name).to_shouty_snake_case());
            self.names
                .type_data
                .insert(t.name.clone(), (module, constant));
        }
        for t in &s.types {
            let name = self.names.types[&t.name].clone();
            let what = format!("named type `{}`", t.name);
            self.structure(&name, &what, &t.loc, &t.properties);
        }

        if !s.common_errors.is_empty() {
            let name = "CommonErrorKind".to_string();
            self.types
                .claim(&name, "the service's common errors", &s.loc);
            let scope = format!("enum `{name}`");
            let codes: Vec<_> = s
                .common_errors
                .iter()
                .map(|e| (e.code.as_str(), e.rust_name.as_deref(), &e.loc))
                .collect();
            self.names.common_variants = self.error_variants(&scope, &codes);
            self.names.common_errors = Some(name);
        }

        // Client methods, and the data modules named after them.
        let cands: Vec<Candidate> = s
            .operations
            .iter()
            .map(|op| Candidate::snake(&op.name, None, &op.loc))
            .collect();
        let methods = settle(&cands, RESERVED_CLIENT, |n| format!("call_{n}"));
        let mut client_methods = Namespace::new(&format!("client `{}`", self.names.client));
        for (op, method) in s.operations.iter().zip(methods) {
            client_methods.claim(
                crate::emit::names::bare(&method),
                &format!("operation `{}`", op.name),
                &op.loc,
            );
            let paginator = op.paginator.as_ref().map(|_| {
                let name = format!("{}_paginator", crate::emit::names::bare(&method));
                client_methods.claim(
                    &name,
                    &format!("the paginator of operation `{}`", op.name),
                    &op.loc,
                );
                name
            });
            let waiters = op
                .waiters
                .iter()
                .map(|w| {
                    let name = format!("wait_until_{}", w.name.to_snake_case());
                    client_methods.claim(
                        &name,
                        &format!("waiter `{}` of operation `{}`", w.name, op.name),
                        &op.loc,
                    );
                    name
                })
                .collect();
            let base = type_name(&op.name);
            let mut names = OperationNames {
                request: format!("{base}Request"),
                request_builder: format!("{base}RequestBuilder"),
                fluent: format!("{base}FluentBuilder"),
                response: format!("{base}Response"),
                error_kind: format!("{base}ErrorKind"),
                error: format!("{base}Error"),
                data_module: format!("{}_spec", crate::emit::names::bare(&method)),
                method,
                paginator,
                waiters,
                variants: BTreeMap::new(),
            };
            let what = format!("operation `{}`", op.name);
            for (name, role) in [
                (&names.error_kind, "error kinds"),
                (&names.error, "error"),
                (&names.fluent, "fluent builder"),
            ] {
                self.types
                    .claim(name, &format!("the {role} of {what}"), &op.loc);
            }
            let params = op.caller_parameters();
            self.structure_with_builder(
                &names.request,
                &names.request_builder,
                &format!("the request of {what}"),
                &op.loc,
                &params,
                &base,
            );
            self.structure(
                &names.response,
                &format!("the response of {what}"),
                &op.loc,
                &op.response,
            );
            let scope = format!("enum `{}`", names.error_kind);
            let codes: Vec<_> = op
                .errors
                .iter()
                .map(|e| (e.code.as_str(), e.rust_name.as_deref(), &e.loc))
                .collect();
            names.variants = self.error_variants(&scope, &codes);
            self.names.operations.insert(op.name.clone(), names);
        }
        self.collisions.extend(client_methods.collisions(
            "operation names that differ only in case or punctuation cannot both be methods; rename one operation's method in the spec's operation list",
        ));
    }

    /// A struct whose nested types are named after it, with the builder `{name}Builder`.
    fn structure(&mut self, name: &str, what: &str, loc: &SourceLoc, fields: &[Field]) {
        let builder = format!("{name}Builder");
        self.structure_with_builder(name, &builder, what, loc, fields, name);
    }

    /// A struct, its builder and its fields; nested structs and enums are named `{prefix}{Field}`.
    fn structure_with_builder(
        &mut self,
        name: &str,
        builder: &str,
        what: &str,
        loc: &SourceLoc,
        fields: &[Field],
        prefix: &str,
    ) {
        self.types.claim(name, what, loc);
        self.types
            .claim(builder, &format!("the builder of {what}"), loc);
        let cands: Vec<Candidate> = fields
            .iter()
            .map(|f| Candidate::snake(&f.name, f.rust_name.as_deref(), &f.loc))
            .collect();
        let idents = settle(&cands, RESERVED_METHODS, |n| format!("{n}_value"));
        let mut methods = Namespace::new(&format!("builder `{builder}`"));
        let mut out = StructNames {
            builder: builder.to_string(),
            fields: BTreeMap::new(),
        };
        for (f, ident) in fields.iter().zip(idents) {
            let bare = crate::emit::names::bare(&ident).to_string();
            let set = format!("set_{bare}");
            let field_what = format!("field `{}` of {what}", f.name);
            methods.claim(&bare, &field_what, &f.loc);
            methods.claim(
                &set,
                &format!("the `Option` setter of {field_what}"),
                &f.loc,
            );
            let plain = field_ident(&f.name).to_string();
            let nested_base = if ident == plain {
                type_name(&f.name)
            } else {
                bare.to_upper_camel_case()
            };
            let nested = self.nested(&format!("{prefix}{nested_base}"), f, &field_what);
            let boxed = matches!(&f.ty, Type::Named(n) if self.cyclic.contains(n));
            out.fields.insert(
                f.name.clone(),
                FieldNames {
                    ident,
                    set,
                    nested,
                    boxed,
                },
            );
        }
        // Fields that share a name also share its `set_` setter: that is one collision.
        let collisions =
            methods.collisions("give one of the fields another Rust name with `rustName`");
        let fields: BTreeSet<String> = collisions.iter().map(|c| c.name.clone()).collect();
        self.collisions.extend(collisions.into_iter().filter(|c| {
            !c.name.strip_prefix("set_").is_some_and(|f| {
                fields.contains(f)
                    && c.places
                        .iter()
                        .all(|(w, _)| w.starts_with("the `Option` setter"))
            })
        }));
        self.names.structs.insert(name.to_string(), out);
    }

    /// The struct or enum generated for `f`'s inline object or documented values.
    fn nested(&mut self, name: &str, f: &Field, what: &str) -> Option<String> {
        if is_value_enum(f) {
            self.types
                .claim(name, &format!("the values of {what}"), &f.loc);
            let cands: Vec<Candidate> = f
                .enum_values
                .iter()
                .map(|v| {
                    let wire = v.wire();
                    let mut c = Candidate::variant(&wire, v.rust_name.as_deref(), &f.loc);
                    c.what = format!("value `{wire}` of {what}");
                    c
                })
                .collect();
            let variants = settle(&cands, RESERVED_ENUM_VARIANTS, |n| format!("{n}Value"));
            let mut ns = Namespace::new(&format!("enum `{name}`"));
            ns.claim(
                "Unknown",
                "the variant for values the spec does not list",
                &f.loc,
            );
            let mut map = BTreeMap::new();
            for (c, v) in cands.iter().zip(variants) {
                ns.claim(&v, &c.what, &c.loc);
                map.insert(c.wire.clone(), v);
            }
            self.collisions
                .extend(ns.collisions("name the values' variants with `enumRustNames`"));
            self.names.enums.insert(name.to_string(), map);
            return Some(name.to_string());
        }
        let members = object_members(&f.ty)?;
        self.structure(name, &format!("the members of {what}"), &f.loc, members);
        Some(name.to_string())
    }

    /// Variants of an error-kind enum, one per code.
    fn error_variants(
        &mut self,
        scope: &str,
        codes: &[(&str, Option<&str>, &SourceLoc)],
    ) -> BTreeMap<String, String> {
        let cands: Vec<Candidate> = codes
            .iter()
            .map(|(code, forced, loc)| {
                let mut c = Candidate::variant(code, *forced, loc);
                c.what = format!("error code `{code}`");
                c
            })
            .collect();
        let variants = settle(&cands, RESERVED_ERROR_VARIANTS, |n| format!("{n}Error"));
        let mut ns = Namespace::new(scope);
        let mut map = BTreeMap::new();
        for (c, v) in cands.iter().zip(variants) {
            ns.claim(&v, &c.what, &c.loc);
            map.insert(c.wire.clone(), v);
        }
        self.collisions
            .extend(ns.collisions("name the codes' variants with `rustName` on the error rows"));
        map
    }
}

/// The members of an inline object, possibly inside arrays.
pub fn object_members(ty: &Type) -> Option<&[Field]> {
    match ty {
        Type::Object(members) => Some(members),
        Type::Array(inner) => object_members(inner),
        _ => None,
    }
}

/// The provider's name in module paths, features and reports (`alibaba`).
pub fn provider_name(p: Provider) -> &'static str {
    match p {
        Provider::Alibaba => "alibaba",
        Provider::Tencent => "tencent",
    }
}

/// A wire name asking for a Rust name.
struct Candidate {
    wire: String,
    /// The name the usual rule gives.
    plain: String,
    /// The name it gets when it shares `plain` with another and is not canonical.
    alt: String,
    /// Variants only: the name it gets when it is not canonical and `alt` is still shared or
    /// reserved (the wire name letter for letter).
    spelled: Option<String>,
    /// `plain` reads back as the wire name.
    canonical: bool,
    /// The spec gives the name.
    forced: bool,
    what: String,
    loc: SourceLoc,
}

impl Candidate {
    /// A snake_case name (fields, methods).
    fn snake(wire: &str, forced: Option<&str>, loc: &SourceLoc) -> Candidate {
        let plain = field_ident(wire).to_string();
        let canonical = pascal(crate::emit::names::bare(&plain)) == wire;
        let (plain, forced) = match forced {
            Some(f) => (keyword_safe(f), true),
            None => (plain, false),
        };
        Candidate {
            wire: wire.to_string(),
            alt: keyword_safe(&strict_snake(wire)),
            spelled: None,
            plain,
            canonical,
            forced,
            what: format!("`{wire}`"),
            loc: loc.clone(),
        }
    }

    /// An UpperCamelCase name (types, variants).
    fn camel(wire: &str, forced: Option<&str>, loc: &SourceLoc) -> Candidate {
        let plain = type_name(wire);
        let canonical = plain == wire;
        let (plain, forced) = match forced {
            Some(f) => (f.to_string(), true),
            None => (plain, false),
        };
        Candidate {
            wire: wire.to_string(),
            alt: separated_camel(wire),
            spelled: None,
            plain,
            canonical,
            forced,
            what: format!("`{wire}`"),
            loc: loc.clone(),
        }
    }
}

impl Candidate {
    /// A variant name (enum values, error codes): UpperCamelCase, and spelled as written when
    /// that is what keeps it apart.
    fn variant(wire: &str, forced: Option<&str>, loc: &SourceLoc) -> Candidate {
        let mut c = Candidate::camel(wire, forced, loc);
        c.spelled = Some(spelled_variant(wire));
        c
    }
}

/// The names of `cands` by the rules in the module docs: a reserved name gets `reserved_alt`;
/// of the names that share a plain name, those that are not canonical take their `alt`; and of
/// the variants whose `alt` is still shared or reserved, those that are not canonical are
/// `spelled`.
fn settle(
    cands: &[Candidate],
    reserved: &[&str],
    reserved_alt: impl Fn(&str) -> String,
) -> Vec<String> {
    let wanted: Vec<String> = cands
        .iter()
        .map(|c| {
            let bare = crate::emit::names::bare(&c.plain);
            if !c.forced && reserved.contains(&bare) {
                reserved_alt(bare)
            } else {
                c.plain.clone()
            }
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &wanted {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    let second: Vec<String> = cands
        .iter()
        .zip(&wanted)
        .map(|(c, w)| {
            if !c.forced && !c.canonical && counts[w.as_str()] > 1 {
                c.alt.clone()
            } else {
                w.clone()
            }
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &second {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    cands
        .iter()
        .zip(&second)
        .map(|(c, w)| match &c.spelled {
            Some(spelled)
                if !c.forced
                    && !c.canonical
                    && (counts[w.as_str()] > 1
                        || reserved.contains(&crate::emit::names::bare(w))) =>
            {
                spelled.clone()
            }
            _ => w.clone(),
        })
        .collect()
}

/// The claims on the names of one namespace.
struct Namespace {
    scope: String,
    claims: BTreeMap<String, Vec<(String, SourceLoc)>>,
}

impl Namespace {
    fn new(scope: &str) -> Namespace {
        Namespace {
            scope: scope.to_string(),
            claims: BTreeMap::new(),
        }
    }

    fn claim(&mut self, name: &str, what: &str, loc: &SourceLoc) {
        self.claims
            .entry(name.to_string())
            .or_default()
            .push((what.to_string(), loc.clone()));
    }

    fn collisions(self, help: &str) -> Vec<Collision> {
        let scope = self.scope;
        self.claims
            .into_iter()
            .filter(|(_, places)| places.len() > 1)
            .map(|(name, places)| Collision {
                name,
                scope: scope.clone(),
                places,
                help: help.to_string(),
            })
            .collect()
    }
}

/// Named types that contain themselves other than through an array (directly, or through
/// inline objects and other named types): a field of such a type must be boxed, or the
/// struct would have infinite size.
fn cyclic_types(service: &Service) -> BTreeSet<String> {
    fn direct(fields: &[Field], out: &mut BTreeSet<String>) {
        for f in fields {
            match &f.ty {
                Type::Named(n) => {
                    out.insert(n.clone());
                }
                Type::Object(members) => direct(members, out),
                _ => {}
            }
        }
    }
    let edges: BTreeMap<&str, BTreeSet<String>> = service
        .types
        .iter()
        .map(|t| {
            let mut out = BTreeSet::new();
            direct(&t.properties, &mut out);
            (t.name.as_str(), out)
        })
        .collect();
    let mut cyclic = BTreeSet::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = edges[start].iter().map(String::as_str).collect();
        while let Some(t) = stack.pop() {
            if t == *start {
                cyclic.insert(start.to_string());
                break;
            }
            if seen.insert(t)
                && let Some(next) = edges.get(t)
            {
                stack.extend(next.iter().map(String::as_str));
            }
        }
    }
    cyclic
}

/// serde's `PascalCase` of a snake_case name: how a field name reads back as a wire name.
fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect()
}

/// snake_case letter for letter: every upper-case letter starts a word (`ImageID` →
/// `image_i_d`), anything but ASCII letters and digits separates words.
pub fn strict_snake(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 4);
    for c in wire.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        return "value".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("n{out}");
    }
    out
}

/// UpperCamelCase that keeps a wire name's separators as underscores and its letters as they
/// are (`InvalidParameter.ValueTooLarge` → `InvalidParameter_ValueTooLarge`, `true` → `True`).
pub fn separated_camel(wire: &str) -> String {
    let cleaned = wire.replace("%s", "");
    let mut out = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        if c.is_ascii_alphanumeric() {
            if out.is_empty() || out.ends_with('_') {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        return "Value".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("V{out}");
    }
    out
}

/// A variant spelled as its wire name is written: letters in their case, digits, and each run
/// of anything else as one underscore (`accept` → `accept`, `in-progress` → `in_progress`,
/// `Unknown` → `Unknown`). A leading digit gets a `V`; a keyword becomes a raw identifier
/// (`true` → `r#true`), one that cannot be raw gets an underscore (`self` → `self_`).
pub fn spelled_variant(wire: &str) -> String {
    let cleaned = wire.replace("%s", "");
    let mut out = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        return "Value".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("V{out}");
    }
    keyword_safe(&out)
}

/// Whether `name` is a snake_case identifier a spec may give as a Rust name.
pub fn is_snake_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Whether `name` is an UpperCamelCase identifier a spec may give as a Rust name.
pub fn is_camel_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_and_separated_names() {
        assert_eq!(strict_snake("ImageID"), "image_i_d");
        assert_eq!(strict_snake("ImageId"), "image_id");
        assert_eq!(strict_snake("x-acs-foo"), "x_acs_foo");
        assert_eq!(strict_snake("2FA"), "n2_f_a");
        assert_eq!(
            separated_camel("InvalidParameter.ValueTooLarge"),
            "InvalidParameter_ValueTooLarge"
        );
        assert_eq!(separated_camel("true"), "True");
        assert_eq!(separated_camel("TRUE"), "TRUE");
        assert_eq!(separated_camel("InvalidParameter.%s"), "InvalidParameter");
        assert_eq!(separated_camel("1x"), "V1x");
    }

    #[test]
    fn canonical_names_win_whatever_the_order() {
        let loc = SourceLoc {
            file: "f".into(),
            line: 1,
            column: 1,
            span: None,
        };
        for order in [["ImageID", "ImageId"], ["ImageId", "ImageID"]] {
            let cands: Vec<Candidate> = order
                .iter()
                .map(|w| Candidate::snake(w, None, &loc))
                .collect();
            let names = settle(&cands, &[], |n| n.to_string());
            let by_wire: BTreeMap<&str, &str> = order
                .iter()
                .copied()
                .zip(names.iter().map(String::as_str))
                .collect();
            assert_eq!(by_wire["ImageId"], "image_id");
            assert_eq!(by_wire["ImageID"], "image_i_d");
        }
    }

    fn variants_of(wires: &[&str]) -> BTreeMap<String, String> {
        let loc = SourceLoc {
            file: "f".into(),
            line: 1,
            column: 1,
            span: None,
        };
        let cands: Vec<Candidate> = wires
            .iter()
            .map(|w| Candidate::variant(w, None, &loc))
            .collect();
        let names = settle(&cands, RESERVED_ENUM_VARIANTS, |n| format!("{n}Value"));
        wires.iter().map(|w| w.to_string()).zip(names).collect()
    }

    fn pairs(map: &BTreeMap<String, String>) -> Vec<(&str, &str)> {
        map.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }

    #[test]
    fn spelled_variants() {
        assert_eq!(spelled_variant("accept"), "accept");
        assert_eq!(spelled_variant("Accept"), "Accept");
        assert_eq!(spelled_variant("in-progress"), "in_progress");
        assert_eq!(spelled_variant("..a..B.."), "a_B");
        assert_eq!(spelled_variant("InvalidParameter.%s"), "InvalidParameter");
        assert_eq!(spelled_variant("1x"), "V1x");
        assert_eq!(spelled_variant("true"), "r#true");
        assert_eq!(spelled_variant("self"), "self_");
        assert_eq!(spelled_variant("--"), "Value");
    }

    #[test]
    fn values_that_differ_in_case_get_distinct_variants_whatever_the_order() {
        // ENS CreateSecurityGroup's Policy, ECS DescribeDiagnosticReports' Severity.
        let wires = [
            "Accept", "accept", "Drop", "drop", "normal", "Normal", "unknown", "Unknown",
        ];
        let expected = vec![
            ("Accept", "Accept"),
            ("Drop", "Drop"),
            ("Normal", "Normal"),
            ("Unknown", "UnknownValue"),
            ("accept", "accept"),
            ("drop", "drop"),
            ("normal", "normal"),
            ("unknown", "unknown"),
        ];
        let mut order = wires.to_vec();
        for _ in 0..wires.len() {
            order.rotate_left(1);
            assert_eq!(pairs(&variants_of(&order)), expected);
            let mut reversed = order.clone();
            reversed.reverse();
            assert_eq!(pairs(&variants_of(&reversed)), expected);
        }
    }

    #[test]
    fn names_that_were_distinct_keep_their_names() {
        // The rules before spelled variants still decide whenever they separate the values.
        assert_eq!(
            pairs(&variants_of(&["true", "TRUE"])),
            vec![("TRUE", "TRUE"), ("true", "True")]
        );
        assert_eq!(
            pairs(&variants_of(&[
                "InvalidParameter.ValueTooLarge",
                "InvalidParameterValue.TooLarge"
            ])),
            vec![
                (
                    "InvalidParameter.ValueTooLarge",
                    "InvalidParameter_ValueTooLarge"
                ),
                (
                    "InvalidParameterValue.TooLarge",
                    "InvalidParameterValue_TooLarge"
                ),
            ]
        );
        // A lone `unknown` keeps the suffixed name; a lone lower-case value its camel name.
        assert_eq!(
            pairs(&variants_of(&["unknown"])),
            vec![("unknown", "UnknownValue")]
        );
        assert_eq!(pairs(&variants_of(&["accept"])), vec![("accept", "Accept")]);
        // `True` keeps its name; `TRUE` is still told apart by its capitals, `true` is spelled.
        assert_eq!(
            pairs(&variants_of(&["true", "True", "TRUE"])),
            vec![("TRUE", "TRUE"), ("True", "True"), ("true", "r#true")]
        );
    }

    #[test]
    fn values_that_differ_only_in_separators_still_collide() {
        // No rule tells `a-b` from `a_b`: lint reports them and the spec names one.
        assert_eq!(
            pairs(&variants_of(&["a-b", "a_b"])),
            vec![("a-b", "a_b"), ("a_b", "a_b")]
        );
    }

    #[test]
    fn fields_and_types_are_never_spelled() {
        let loc = SourceLoc {
            file: "f".into(),
            line: 1,
            column: 1,
            span: None,
        };
        let cands: Vec<Candidate> = ["Node", "node"]
            .iter()
            .map(|w| Candidate::camel(w, None, &loc))
            .collect();
        assert_eq!(settle(&cands, &[], |n| n.to_string()), ["Node", "Node"]);
    }

    #[test]
    fn overrides_are_checked_for_case() {
        assert!(is_snake_ident("image_id"));
        assert!(!is_snake_ident("ImageId"));
        assert!(!is_snake_ident("_x"));
        assert!(is_camel_ident("ImageId"));
        assert!(!is_camel_ident("image_id"));
        assert!(!is_camel_ident("Self"));
    }
}
