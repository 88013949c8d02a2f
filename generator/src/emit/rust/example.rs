//! Examples built from the spec's example values: the runnable rustdoc example of each
//! request, and the tests that decode every documented success and error example.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::{ServiceEmitter, value_text};
use crate::emit::names::{bare, ident};
use crate::model::{ExampleKind, Field, Operation, Provider, RuleKind, Type};

impl ServiceEmitter<'_> {
    /// The doc-test example: a builder chain from the spec's example values, setting what the
    /// operation's rules need (the required parameters, one of each group that needs one;
    /// the first parameter with an example value when nothing is needed). Every field's own
    /// example value is in its rustdoc; the service client's example sets them all.
    pub(super) fn example(&self, op: &Operation) -> String {
        let [a, b, c] = &self.service.rust.module;
        let req = ident(&self.service.rust.operation(&op.name).request);
        let krate = &self.krate;
        let (pa, pb, pc) = (
            format_ident!("{}", a),
            format_ident!("{}", b),
            format_ident!("{}", c),
        );
        let (uses, calls, _) = self.example_build(op, true);
        let body = quote! {
            fn main() -> Result<(), #krate::runtime::ValidationErrors> {
                let request = #req::builder()
                    #(#calls)*
                    .build()?;
                request.validate()?;
                Ok(())
            }
        };
        let file: Result<syn::File, _> = syn::parse2(quote! {
            use #krate::#pa::#pb::#pc::{#req #(, #uses)*};
            #body
        });
        match file {
            Ok(f) => prettyplease::unparse(&f).trim_end().to_string(),
            Err(_) => String::new(),
        }
    }

    /// Whether the example passes the operation's own rules: every required parameter and at
    /// least one member of every at-least-one group has an example value.
    pub(super) fn example_runs(&self, op: &Operation) -> bool {
        let set = self.example_values(op);
        let has = |name: &String| set.contains(name);
        op.parameters
            .iter()
            .filter(|p| p.required && !p.protocol_filled)
            .all(|p| has(&p.name))
            && op.rules.iter().all(|r| match r.kind {
                RuleKind::AtLeastOneOf | RuleKind::ExactlyOneOf => r.parameters.iter().any(has),
                RuleKind::RequiredWhen => {
                    !r.when.as_ref().is_some_and(has) || r.parameters.iter().all(has)
                }
                RuleKind::MutuallyExclusive => true,
            })
    }

    /// The parameters the example sets.
    fn example_values(&self, op: &Operation) -> BTreeSet<String> {
        self.example_build(op, true).2
    }

    /// The extra types an example imports and its builder calls, from the spec's example
    /// values of every parameter.
    pub(super) fn example_parts(&self, op: &Operation) -> (Vec<Ident>, Vec<TokenStream>) {
        let (uses, calls, _) = self.example_build(op, false);
        (uses, calls)
    }

    /// Imports, builder calls and the parameters set; `minimal`: only what the rules need.
    fn example_build(
        &self,
        op: &Operation,
        minimal: bool,
    ) -> (Vec<Ident>, Vec<TokenStream>, BTreeSet<String>) {
        let request = &self.service.rust.operation(&op.name).request;
        let request_example: Option<serde_json::Map<String, Value>> = op
            .examples
            .iter()
            .find(|e| e.kind == ExampleKind::Request)
            .and_then(|e| serde_json::from_str::<Value>(&e.body).ok())
            .and_then(|v| v.as_object().cloned());
        let mut calls = Vec::new();
        let mut uses = Uses::default();
        let mut set = BTreeSet::new();
        let example_of = |f: &Field| match &request_example {
            Some(map) => map.get(&f.name).cloned(),
            None => f.example.clone(),
        };
        // An example must pass its own rules: of a group where at most one may be set, keep
        // the first member that has an example value.
        let mut left_out = BTreeSet::new();
        for rule in &op.rules {
            if matches!(
                rule.kind,
                RuleKind::MutuallyExclusive | RuleKind::ExactlyOneOf
            ) {
                let with_values = op
                    .parameters
                    .iter()
                    .filter(|p| rule.parameters.contains(&p.name) && example_of(p).is_some());
                left_out.extend(with_values.skip(1).map(|p| p.name.clone()));
            }
        }
        let candidates: Vec<&Field> = op
            .parameters
            .iter()
            .filter(|p| !p.protocol_filled && !left_out.contains(&p.name))
            .collect();
        let needed = minimal.then(|| needed_parameters(op, &candidates, |f| example_of(f)));
        for f in candidates
            .into_iter()
            .filter(|f| needed.as_ref().is_none_or(|n| n.contains(&f.name)))
        {
            let value = example_of(f);
            let value = match value {
                Some(v) => v,
                None if matches!(&f.ty, Type::Array(inner) if !inner.is_scalar()) => {
                    Value::Array(Vec::new())
                }
                None => continue,
            };
            if let Some(expr) = self.example_expr(request, f, &value, &mut uses) {
                let setter = ident(&self.service.rust.field(request, &f.name).ident);
                calls.push(quote! { .#setter(#expr) });
                set.insert(f.name.clone());
            }
        }
        let uses: Vec<Ident> = uses.names.iter().map(|u| ident(u)).collect();
        (uses, calls, set)
    }

    /// The setter argument for `f` of struct `owner` from an example value: a literal, an
    /// array of literals, or built values of nested structs (one element for arrays of them),
    /// filled from the value or from the members' own examples.
    fn example_expr(
        &self,
        owner: &str,
        f: &Field,
        value: &Value,
        uses: &mut Uses,
    ) -> Option<TokenStream> {
        let nested = self.service.rust.field(owner, &f.name).nested.clone();
        self.value_expr(&f.ty, nested.as_deref(), value, uses)
    }

    fn value_expr(
        &self,
        ty: &Type,
        nested: Option<&str>,
        value: &Value,
        uses: &mut Uses,
    ) -> Option<TokenStream> {
        match (ty, value) {
            (Type::String | Type::DateTime, Value::String(s)) => Some(quote! { #s }),
            (Type::String, other) => {
                let s = value_text(other);
                Some(quote! { #s })
            }
            (Type::Integer, Value::Number(n)) => n.as_i64().map(|n| {
                let lit = Literal::i64_unsuffixed(n);
                quote! { #lit }
            }),
            (Type::Integer, Value::String(s)) => s
                .parse::<i64>()
                .ok()
                .or_else(|| crate::text::masked_number(s)?.parse().ok())
                .map(|n| {
                    let lit = Literal::i64_unsuffixed(n);
                    quote! { #lit }
                }),
            (Type::Number, Value::Number(n)) => n.as_f64().map(|n| {
                let lit = Literal::f64_unsuffixed(n);
                quote! { #lit }
            }),
            (Type::Boolean, Value::Bool(b)) => Some(quote! { #b }),
            (Type::Array(inner), Value::Array(items)) if inner.is_scalar() => {
                let items: Vec<TokenStream> = items
                    .iter()
                    .map(|v| self.value_expr(inner, nested, v, uses))
                    .collect::<Option<_>>()?;
                Some(quote! { [#(#items),*] })
            }
            (Type::Array(inner), _) if !inner.is_scalar() => {
                // An array of objects: one element, from the first given or from the
                // members' examples.
                let element = match value {
                    Value::Array(items) => items.first().cloned(),
                    _ => None,
                }
                .unwrap_or(Value::Object(serde_json::Map::new()));
                let element = self.value_expr(inner, nested, &element, uses)?;
                Some(quote! { [#element] })
            }
            (Type::Object(members), _) => self.object_expr(nested?, members, value, uses),
            (Type::Named(n), _) => {
                let t = self.service.named_type(n)?;
                let name = self.service.rust.named_type(n);
                self.object_expr(name, &t.properties, value, uses)
            }
            _ => None,
        }
    }

    /// `Name::builder().member(…)….build()` from the value's members or the members' own
    /// examples; `None` when no member has a value.
    fn object_expr(
        &self,
        name: &str,
        members: &[Field],
        value: &Value,
        uses: &mut Uses,
    ) -> Option<TokenStream> {
        if uses.building.iter().any(|b| b == name) && value.as_object().is_none_or(|m| m.is_empty())
        {
            // A type that contains itself: stop where the example stops.
            return None;
        }
        uses.building.push(name.to_string());
        let calls: Vec<TokenStream> = members
            .iter()
            .filter_map(|m| {
                let v = value.get(&m.name).cloned().or_else(|| m.example.clone())?;
                let expr = self.example_expr(name, m, &v, uses)?;
                let setter = ident(&self.service.rust.field(name, &m.name).ident);
                Some(quote! { .#setter(#expr) })
            })
            .collect();
        uses.building.pop();
        if calls.is_empty() {
            return None;
        }
        uses.names.insert(name.to_string());
        let ty = ident(name);
        Some(quote! { #ty::builder() #(#calls)* .build() })
    }

    /// One test per operation checking every documented example: success bodies decode into
    /// the typed response, error bodies into their documented error kind.
    pub(super) fn tests(&self) -> TokenStream {
        let mut tests = Vec::new();
        let mut bodies = Vec::new();
        for op in &self.service.operations {
            let names = self.service.rust.operation(&op.name);
            let req = ident(&names.request);
            let mut checks = Vec::new();
            for ex in &op.examples {
                let code = match ex.kind {
                    ExampleKind::Request => continue,
                    ExampleKind::Success => None,
                    ExampleKind::Error => {
                        let code = serde_json::from_str::<Value>(&ex.body).ok().and_then(|v| {
                            let c = v
                                .get("Response")
                                .and_then(|r| r.get("Error"))
                                .unwrap_or(&v)
                                .get("Code")?
                                .clone();
                            Some(value_text(&c))
                        });
                        match code {
                            Some(c) => Some(c),
                            None => continue,
                        }
                    }
                };
                let status = ex.status.unwrap_or(
                    if ex.kind == ExampleKind::Error && self.service.provider == Provider::Alibaba {
                        400
                    } else {
                        200
                    },
                );
                // The body on one line (same keys, order and value types).
                let body = serde_json::from_str::<Value>(&ex.body)
                    .map_or_else(|_| ex.body.clone(), |v| v.to_string());
                let ident = format_ident!("BODY_{}", bodies.len() + 1);
                bodies.push(quote! { const #ident: &str = #body; });
                let code = match code {
                    Some(c) => quote! { Some(#c) },
                    None => quote! { None },
                };
                checks.push(quote! { check::<#req>(#status, #ident, #code)?; });
            }
            if checks.is_empty() {
                continue;
            }
            let test = format_ident!("{}_examples", bare(&names.method));
            tests.push(quote! {
                #[test]
                fn #test() -> Result<(), String> {
                    #(#checks)*
                    Ok(())
                }
            });
        }
        if tests.is_empty() {
            return TokenStream::new();
        }
        quote! {
            #[cfg(test)]
            mod tests {
                use super::*;
                use cloudspec_runtime::response::check_example as check;
                #(#tests)*
                #(#bodies)*
            }
        }
    }
}

/// The types an example imports, and the ones being built (to stop at a type that contains
/// itself).
#[derive(Default)]
struct Uses {
    names: BTreeSet<String>,
    building: Vec<String>,
}

/// What a minimal example sets: the required parameters, the first member with an example
/// value of every at-least-one or exactly-one group that has none set yet, what a
/// required-when rule then requires; when that is nothing, the first parameter with an example
/// value.
fn needed_parameters(
    op: &Operation,
    candidates: &[&Field],
    example_of: impl Fn(&Field) -> Option<Value>,
) -> BTreeSet<String> {
    let mut needed: BTreeSet<String> = candidates
        .iter()
        .filter(|p| p.required)
        .map(|p| p.name.clone())
        .collect();
    for rule in &op.rules {
        if matches!(rule.kind, RuleKind::AtLeastOneOf | RuleKind::ExactlyOneOf)
            && !rule.parameters.iter().any(|p| needed.contains(p))
            && let Some(first) = candidates
                .iter()
                .find(|p| rule.parameters.contains(&p.name) && example_of(p).is_some())
        {
            needed.insert(first.name.clone());
        }
    }
    for rule in &op.rules {
        if rule.kind == RuleKind::RequiredWhen
            && rule.when.as_ref().is_some_and(|w| needed.contains(w))
        {
            needed.extend(rule.parameters.iter().cloned());
        }
    }
    if needed.is_empty()
        && let Some(first) = candidates.iter().find(|p| example_of(p).is_some())
    {
        needed.insert(first.name.clone());
    }
    needed
}
