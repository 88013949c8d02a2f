//! The static data the runtime works from: one private module per operation holding its
//! `OperationSpec` (parameters, wire layout, constraints with their documented sentences,
//! rules), laid out flat so each parameter and each constraint is one line.

use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::names::{type_name, unique};
use crate::model::{
    CharClass, ConstraintKind, Field, Operation, RuleKind, Service, Type, WireLocation, WireStyle,
};

/// The constant listing a named type's members, shared by the operations that use it.
fn named_params_ident(service: &Service, name: &str) -> Ident {
    let constant = service
        .rust
        .type_data
        .get(name)
        .map_or("PARAMS", |d| d.1.as_str());
    format_ident!("{}", constant)
}

/// Builds the items of one operation's data module.
struct DataCx<'a> {
    service: &'a Service,
    /// Constants of the module, in order: member lists, check lists, sentences.
    consts: Vec<TokenStream>,
    sentences: Vec<String>,
    taken: Vec<String>,
    named_types: Vec<Ident>,
    has_checks: bool,
    /// The lists are statics, not constants: a named type's lists may lead back to the
    /// type's own list, and a constant cannot be part of such a cycle.
    statics: bool,
}

impl DataCx<'_> {
    /// The constant holding a documented sentence (shared when sentences repeat).
    fn says(&mut self, text: &str) -> Ident {
        let index = match self.sentences.iter().position(|s| s == text) {
            Some(i) => i,
            None => {
                self.sentences.push(text.to_string());
                self.sentences.len() - 1
            }
        };
        format_ident!("SAYS_{}", index + 1)
    }

    /// The sentence of a check: written in place when the check still fits on one line (the
    /// reader sees rule and sentence together), else a shared `SAYS_n` constant.
    fn check_says(&mut self, rule: &TokenStream, text: &str) -> TokenStream {
        if check_len(rule, text) <= 100 {
            let literal = Literal::string(text);
            return quote! { #literal };
        }
        let ident = self.says(text);
        quote! { #ident }
    }

    /// `static` or `const`, for the lists of this module.
    fn keyword(&self) -> TokenStream {
        if self.statics {
            quote! { static }
        } else {
            quote! { const }
        }
    }

    fn name(&mut self, base: String) -> Ident {
        let name = unique(base, &mut self.taken);
        format_ident!("{}", name)
    }

    /// One `ParamSpec` expression; nested arrays and objects become constants of their own.
    fn param(&mut self, path: &str, f: &Field) -> TokenStream {
        let name = &f.name;
        let kind = match &f.ty {
            // Constraints on members of a named type for this use of it: this parameter gets
            // its own copy of the type's member specs, with them added.
            _ if !f.member_constraints.is_empty() => {
                let used = self
                    .service
                    .with_member_constraints(&f.ty, &f.member_constraints);
                self.kind(path, &used)
            }
            // The documented values of each element go on the element's spec.
            Type::Array(inner) if **inner == Type::String && !f.enum_values.is_empty() => {
                let values = self.values_const(&format!("{path}_ITEM"), f);
                let ident = self.name(format!("{path}_ITEM"));
                let kw = self.keyword();
                let cite = f
                    .enum_says
                    .as_deref()
                    .map(|says| quote! { .cite_enum(#says) });
                self.consts.push(quote! {
                    #kw #ident: ParamSpec = ParamSpec::new("", Kind::String).one_of(#values) #cite;
                });
                quote! { Kind::Array(&#ident) }
            }
            ty => self.kind(path, ty),
        };
        // The two common layouts besides the default (query, flat) have constructors of their
        // own, which keeps each parameter on one line.
        let layout = f.location.zip(f.style);
        let mut t = match layout {
            Some((WireLocation::Json, WireStyle::Json)) => quote! { ParamSpec::json(#name, #kind) },
            Some((WireLocation::Form, WireStyle::Flat)) => quote! { ParamSpec::form(#name, #kind) },
            Some((WireLocation::Path, _)) => quote! { ParamSpec::path(#name, #kind) },
            _ => quote! { ParamSpec::new(#name, #kind) },
        };
        if f.required {
            t = quote! { #t.required() };
            if let Some(says) = &f.required_says {
                t = quote! { #t.cite_required(#says) };
            }
        }
        if let Some((location, style)) = layout
            && !matches!(
                (location, style),
                (WireLocation::Query, WireStyle::Flat)
                    | (WireLocation::Json, WireStyle::Json)
                    | (WireLocation::Form, WireStyle::Flat)
                    | (WireLocation::Path, _)
            )
        {
            let location = match location {
                WireLocation::Query => quote! { Query },
                WireLocation::Form => quote! { Form },
                WireLocation::Json => quote! { Json },
                WireLocation::Header => quote! { Header },
                WireLocation::Path => quote! { Path },
            };
            let style = match style {
                WireStyle::Flat => quote! { Flat },
                WireStyle::Json => quote! { Json },
                WireStyle::Comma => quote! { Comma },
            };
            t = quote! { #t.wire(Location::#location, Style::#style) };
        }
        if !f.enum_values.is_empty() && f.ty == Type::String {
            let ident = self.values_const(path, f);
            t = quote! { #t.one_of(#ident) };
            if let Some(says) = &f.enum_says {
                t = quote! { #t.cite_enum(#says) };
            }
        }
        if !f.constraints.is_empty() {
            self.has_checks = true;
            let ident = self.name(format!("{path}_CHECKS"));
            let pairs: Vec<(TokenStream, &str)> = f
                .constraints
                .iter()
                .map(|c| (check_rule(&c.kind), c.says.as_deref().unwrap_or_default()))
                .collect();
            // A single check whose constant no longer fits on one line with the sentence in
            // place keeps the sentence in a `SAYS_n` constant (two lines instead of three).
            let single_line = match pairs.as_slice() {
                [(rule, text)] => {
                    let prefix =
                        4 + "const ".len() + ident.to_string().len() + ": &[Check] = &[".len();
                    prefix + check_len(rule, text) + "];".len() - 8 <= 100
                }
                _ => true,
            };
            let checks: Vec<TokenStream> = pairs
                .iter()
                .map(|(rule, text)| {
                    let says = if single_line {
                        self.check_says(rule, text)
                    } else {
                        let ident = self.says(text);
                        quote! { #ident }
                    };
                    quote! { Check::new(#rule, #says) }
                })
                .collect();
            let kw = self.keyword();
            self.consts
                .push(quote! { #kw #ident: &[Check] = &[#(#checks),*]; });
            t = quote! { #t.checks(#ident) };
        }
        t
    }

    /// The constant holding `f`'s valid values as wire text (`{path}_VALUES`).
    fn values_const(&mut self, path: &str, f: &Field) -> Ident {
        let values: Vec<String> = f.enum_values.iter().map(|e| e.wire()).collect();
        let ident = self.name(format!("{path}_VALUES"));
        let kw = self.keyword();
        self.consts
            .push(quote! { #kw #ident: &[&str] = &[#(#values),*]; });
        ident
    }

    fn kind(&mut self, path: &str, ty: &Type) -> TokenStream {
        match ty {
            Type::String | Type::DateTime => quote! { Kind::String },
            Type::Integer => quote! { Kind::Integer },
            Type::Number => quote! { Kind::Number },
            Type::Boolean => quote! { Kind::Boolean },
            Type::Array(inner) => {
                let item_kind = self.kind(&format!("{path}_ITEM"), inner);
                let ident = self.name(format!("{path}_ITEM"));
                let kw = self.keyword();
                self.consts
                    .push(quote! { #kw #ident: ParamSpec = ParamSpec::new("", #item_kind); });
                quote! { Kind::Array(&#ident) }
            }
            Type::Map(inner) => {
                let value_kind = self.kind(&format!("{path}_VALUE"), inner);
                let ident = self.name(format!("{path}_VALUE"));
                let kw = self.keyword();
                self.consts
                    .push(quote! { #kw #ident: ParamSpec = ParamSpec::new("", #value_kind); });
                quote! { Kind::Map(&#ident) }
            }
            Type::Object(members) => {
                let ident = self.name(format!("{path}_MEMBERS"));
                let members: Vec<TokenStream> = members
                    .iter()
                    .map(|m| self.param(&format!("{path}_{}", m.name.to_shouty_snake_case()), m))
                    .collect();
                let kw = self.keyword();
                self.consts
                    .push(quote! { #kw #ident: &[ParamSpec] = &[#(#members),*]; });
                quote! { Kind::Object(#ident) }
            }
            Type::Named(n) => {
                let ident = named_params_ident(self.service, n);
                if !self.named_types.contains(&ident) {
                    self.named_types.push(ident.clone());
                }
                quote! { Kind::Object(&#ident) }
            }
        }
    }
}

/// The width of `Check::new(RULE, "TEXT"),` as prettyplease prints it among a constant's
/// elements (8 columns in), estimated from the tokens.
fn check_len(rule: &TokenStream, text: &str) -> usize {
    let rule = rule.to_string();
    let rule_len = rule.replace(' ', "").chars().count() + rule.matches(',').count();
    let literal_len = format!("{text:?}").chars().count();
    8 + "Check::new(".len() + rule_len + ", ".len() + literal_len + "),".len()
}

/// The private data module of `op`, defining `SPEC`.
pub(super) fn operation_data(service: &Service, op: &Operation) -> TokenStream {
    let mut cx = DataCx {
        service,
        consts: Vec::new(),
        sentences: Vec::new(),
        taken: ["SPEC", "PARAMS"].map(String::from).to_vec(),
        named_types: Vec::new(),
        has_checks: false,
        statics: false,
    };
    let params: Vec<TokenStream> = op
        .parameters
        .iter()
        .filter(|p| !p.protocol_filled)
        .map(|p| cx.param(&p.name.to_shouty_snake_case(), p))
        .collect();
    let rules: Vec<TokenStream> = op
        .rules
        .iter()
        .map(|r| {
            let members = &r.parameters;
            let says = cx.says(&r.says);
            let kind = match r.kind {
                RuleKind::MutuallyExclusive => quote! { MutuallyExclusive },
                RuleKind::ExactlyOneOf => quote! { ExactlyOneOf },
                RuleKind::AtLeastOneOf => quote! { AtLeastOneOf },
                RuleKind::RequiredWhen => {
                    let w = r.when.as_deref().unwrap_or_default();
                    quote! { RequiredWhen(#w) }
                }
            };
            quote! { RuleSpec::new(RuleKind::#kind, &[#(#members),*], #says) }
        })
        .collect();
    let name = &op.name;
    // What differs from `OperationSpec::new`'s defaults, by struct update.
    let mut set = Vec::new();
    if !rules.is_empty() {
        set.push(quote! { rules: &[#(#rules),*], });
    }
    if let Some(e) = &op.response_envelope {
        set.push(quote! { envelope: Some(#e), });
    }
    if let Some(n) = op.idempotency_token() {
        set.push(quote! { idempotency_token: Some(#n), });
    }
    let (method, path) = (op.method.as_str(), &op.path);
    if method != "POST" || path != "/" {
        set.push(quote! { method: #method, path: #path, });
    }
    let regions = service.regions_of(op);
    if !regions.is_empty() {
        // The service's list is written once, in the module (`REGIONS`).
        if service.takes_service_regions(op) {
            set.push(quote! { regions: super::REGIONS, });
        } else {
            set.push(quote! { regions: &[#(#regions),*], });
        }
    }
    if service.region_required(op) {
        set.push(quote! { region_required: true, });
    }
    let spec = if set.is_empty() {
        quote! { super::spec(#name, PARAMS) }
    } else {
        quote! { OperationSpec { #(#set)* ..super::spec(#name, PARAMS) } }
    };
    let module = format_ident!("{}", service.rust.operation(&op.name).data_module);
    let consts = &cx.consts;
    let sentences = cx.sentences.iter().enumerate().map(|(i, s)| {
        let ident = format_ident!("SAYS_{}", i + 1);
        quote! { const #ident: &str = #s; }
    });
    let named = &cx.named_types;
    let uses = if named.is_empty() {
        quote! {}
    } else {
        quote! { use super::{#(#named),*}; }
    };
    let rule_glob = rule_glob(&cx);
    let waiters = op.waiters.iter().map(|w| {
        let ident = waiter_static(&w.name);
        let (wname, path, success, failure, pending) =
            (&w.name, &w.path, &w.success, &w.failure, &w.pending);
        let absent = w.success_when_absent;
        let (delay, max_delay, timeout) = (w.delay, w.max_delay, w.timeout);
        quote! {
            pub(super) static #ident: cloudspec_runtime::wait::WaiterSpec =
                cloudspec_runtime::wait::WaiterSpec {
                    name: #wname,
                    path: &[#(#path),*],
                    success: &[#(#success),*],
                    success_when_absent: #absent,
                    failure: &[#(#failure),*],
                    pending: &[#(#pending),*],
                    delay: #delay,
                    max_delay: #max_delay,
                    timeout: #timeout,
                };
        }
    });
    let doc = format!(" Parameters, wire layout and rules of `{name}`, read by the runtime.");
    quote! {
        #[doc = #doc]
        mod #module {
            #uses
            #rule_glob
            use cloudspec_runtime::schema::*;

            pub(super) static SPEC: OperationSpec = #spec;
            const PARAMS: &[ParamSpec] = &[#(#params),*];
            #(#waiters)*
            #(#consts)*
            #(#sentences)*
        }
    }
}

/// The static holding waiter `name`'s data in its operation's data module
/// (`WAITER_IMAGE_AVAILABLE`).
pub(super) fn waiter_static(name: &str) -> proc_macro2::Ident {
    format_ident!("WAITER_{}", name.to_shouty_snake_case())
}

/// The members of each named type that requests carry, as a static the operations' data
/// refers to (a static, so a type that contains itself can point at its own list). Types
/// that only arrive in responses have no request data.
pub(super) fn named_type_data(service: &Service) -> TokenStream {
    let request_types = service.shared_request_types();
    let items = service
        .types
        .iter()
        .filter(|t| request_types.contains(&t.name))
        .map(|t| {
            let mut cx = DataCx {
                service,
                consts: Vec::new(),
                sentences: Vec::new(),
                taken: Vec::new(),
                named_types: Vec::new(),
                has_checks: false,
                statics: true,
            };
            let base = type_name(&t.name).to_shouty_snake_case();
            let members: Vec<TokenStream> = t
                .properties
                .iter()
                .map(|m| cx.param(&format!("{base}_{}", m.name.to_shouty_snake_case()), m))
                .collect();
            let count = Literal::usize_unsuffixed(members.len());
            let ident = named_params_ident(service, &t.name);
            let module = format_ident!(
                "{}",
                service
                    .rust
                    .type_data
                    .get(&t.name)
                    .map_or("members", |d| d.0.as_str())
            );
            let consts = &cx.consts;
            let sentences = cx.sentences.iter().enumerate().map(|(i, s)| {
                let ident = format_ident!("SAYS_{}", i + 1);
                quote! { const #ident: &str = #s; }
            });
            let named = &cx.named_types;
            let uses = if named.is_empty() {
                quote! {}
            } else {
                quote! { use super::{#(#named),*}; }
            };
            let rule_glob = rule_glob(&cx);
            let doc = format!(" Members of `{}`, read by the runtime.", t.name);
            quote! {
                #[doc = #doc]
                mod #module {
                    #uses
                    #rule_glob
                    use cloudspec_runtime::schema::*;

                    pub(in super) static PARAMS: [ParamSpec; #count] = [#(#members),*];
                    #(#consts)*
                    #(#sentences)*
                }
                use #module::PARAMS as #ident;
            }
        });
    quote! { #(#items)* }
}

/// `use CheckRule::*` when the module has checks (an unused import would warn).
fn rule_glob(cx: &DataCx) -> TokenStream {
    if cx.has_checks {
        quote! { use cloudspec_runtime::schema::CheckRule::*; }
    } else {
        quote! {}
    }
}

fn check_rule(kind: &ConstraintKind) -> TokenStream {
    let charset = |set: &crate::model::CharSet| {
        let mut bits: u8 = 0;
        for c in &set.classes {
            bits |= match c {
                CharClass::Letter => 1,
                CharClass::Digit => 2,
                CharClass::Lowercase => 4,
                CharClass::Uppercase => 8,
                CharClass::Chinese => 16,
            };
        }
        let chars = &set.chars;
        let bits = Literal::u8_unsuffixed(bits);
        quote! { CharSet::new(#bits, #chars) }
    };
    let u = |v: u64| Literal::u64_unsuffixed(v);
    let i = |v: i64| Literal::i64_unsuffixed(v);
    match kind {
        ConstraintKind::MinLength { value } => {
            let v = u(*value);
            quote! { MinLength(#v) }
        }
        ConstraintKind::MaxLength { value } => {
            let v = u(*value);
            quote! { MaxLength(#v) }
        }
        ConstraintKind::Pattern { regex } => quote! { Pattern(#regex) },
        ConstraintKind::AllowedChars { set } => {
            let s = charset(set);
            quote! { AllowedChars(#s) }
        }
        ConstraintKind::FirstChar { set } => {
            let s = charset(set);
            quote! { FirstChar(#s) }
        }
        ConstraintKind::ForbiddenPrefixes { values } => {
            quote! { ForbiddenPrefixes(&[#(#values),*]) }
        }
        ConstraintKind::ForbiddenSubstrings { values } => {
            quote! { ForbiddenSubstrings(&[#(#values),*]) }
        }
        ConstraintKind::AsciiOnly => quote! { AsciiOnly },
        ConstraintKind::NonEmpty => quote! { NonEmpty },
        ConstraintKind::MinItems { value } => {
            let v = u(*value);
            quote! { MinItems(#v) }
        }
        ConstraintKind::MaxItems { value } => {
            let v = u(*value);
            quote! { MaxItems(#v) }
        }
        ConstraintKind::Minimum { value } => {
            let v = i(*value);
            quote! { Minimum(#v) }
        }
        ConstraintKind::Maximum { value } => {
            let v = i(*value);
            quote! { Maximum(#v) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::operation_data;
    use crate::diff::testing::{Spec, model_of};

    fn data_of(spec: Spec) -> String {
        let model = model_of("t.yaml", &spec.yaml());
        let service = &model.services[0];
        operation_data(service, &service.operations[0]).to_string()
    }

    #[test]
    fn a_region_is_required_where_the_operation_takes_a_required_region() {
        let svc = "commonParameters:\n  - {name: Region, type: string, required: true, in: header, description: The region.}";
        let required = data_of(
            Spec::new()
                .tencent()
                .service(svc)
                .op("regions: [ap-beijing]"),
        );
        assert!(required.contains("region_required : true"), "{required}");
        assert!(
            required.contains("regions : & [\"ap-beijing\"]"),
            "{required}"
        );
        let overridden = data_of(Spec::new().tencent().service(svc).op(
            "commonParameters:\n  - {name: Region, type: string, in: header, description: Not required here.}",
        ));
        // Neither a required region nor a region list: `OperationSpec::new`'s defaults.
        assert!(
            overridden
                .contains("SPEC : OperationSpec = super :: spec (\"CreateThing\" , PARAMS) ;"),
            "{overridden}"
        );
        // Alibaba's `RegionId` is an ordinary parameter: nothing to require here. The
        // service's regions are the module's `REGIONS`, written once.
        let alibaba = data_of(Spec::new().service(svc.replace(", in: header", "").as_str()));
        assert!(!alibaba.contains("region_required"), "{alibaba}");
        assert!(
            alibaba.contains("regions : super :: REGIONS ,"),
            "service regions: {alibaba}"
        );
    }

    #[test]
    fn only_the_marked_parameter_is_the_idempotency_token() {
        let unmarked = data_of(
            Spec::new().param("- {name: ClientToken, type: string, description: A token.}"),
        );
        assert!(!unmarked.contains("idempotency_token"), "{unmarked}");
        let marked = data_of(Spec::new().param(
            "- {name: RequestKey, type: string, description: A key., idempotencyToken: true}",
        ));
        assert!(
            marked.contains("idempotency_token : Some (\"RequestKey\")"),
            "{marked}"
        );
    }
}
