//! Rust types for fields: structs for objects (request, response, nested and named), and
//! forward-compatible enums for documented string values.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::{doc, doc_raw, value_text};
use crate::emit::names::{code_span, doc_text, field_ident, type_ident, type_name, unique};
use crate::model::{Field, Type};

/// What a field's Rust type is, plus the items (structs, enums) it needs.
/// Which serde derives a struct gets.
#[derive(Clone, Copy)]
enum Serde {
    Ser,
    De,
    Both,
}

pub(super) struct TypeCx {
    pub(super) items: Vec<TokenStream>,
    pub(super) taken: Vec<String>,
    /// (owner, wire name) -> (Rust type, element type for arrays), as emitted.
    pub(super) field_types: BTreeMap<(String, String), (TokenStream, Option<TokenStream>)>,
}

impl TypeCx {
    pub(super) fn new() -> Self {
        TypeCx {
            items: Vec::new(),
            taken: Vec::new(),
            field_types: BTreeMap::new(),
        }
    }

    /// The Rust type of `field` (and, for arrays, of their elements), emitting nested structs
    /// and enums named after `owner`.
    fn rust_type(
        &mut self,
        owner: &str,
        field: &Field,
        response: bool,
    ) -> (TokenStream, Option<TokenStream>) {
        if !field.enum_values.is_empty() && field.ty == Type::String {
            let name = unique(
                format!("{owner}{}", type_name(&field.name)),
                &mut self.taken,
            );
            self.enum_item(&name, field);
            let ident = Ident::new(&name, Span::call_site());
            return (quote! { #ident }, None);
        }
        if let Type::Array(inner) = &field.ty {
            let element = self.plain_type(
                owner,
                &field.name,
                inner,
                field
                    .item_description
                    .as_deref()
                    .or(field.description.as_deref()),
                response,
            );
            return (quote! { Vec<#element> }, Some(element));
        }
        let ty = self.plain_type(
            owner,
            &field.name,
            &field.ty,
            field
                .item_description
                .as_deref()
                .or(field.description.as_deref()),
            response,
        );
        (ty, None)
    }

    fn plain_type(
        &mut self,
        owner: &str,
        name: &str,
        ty: &Type,
        description: Option<&str>,
        response: bool,
    ) -> TokenStream {
        match ty {
            Type::String => quote! { String },
            Type::Integer => quote! { i64 },
            Type::Number => quote! { f64 },
            Type::Boolean => quote! { bool },
            Type::Array(inner) => {
                let inner = self.plain_type(owner, name, inner, description, response);
                quote! { Vec<#inner> }
            }
            Type::Object(fields) => {
                let struct_name = unique(format!("{owner}{}", type_name(name)), &mut self.taken);
                let doc_text =
                    description.map_or_else(|| format!("The `{name}` object."), str::to_string);
                self.struct_item(&struct_name, &doc_text, fields, response);
                let ident = Ident::new(&struct_name, Span::call_site());
                quote! { #ident }
            }
            Type::Named(n) => {
                let ident = type_ident(n);
                quote! { #ident }
            }
        }
    }

    /// A struct for an object. Request-side structs only serialize and response-side ones only
    /// deserialize (each derive is code every consumer compiles); named types, which any side
    /// may use, do both.
    pub(super) fn struct_item(
        &mut self,
        name: &str,
        description: &str,
        fields: &[Field],
        response: bool,
    ) {
        let serde = if response { Serde::De } else { Serde::Ser };
        self.struct_item_with(name, description, fields, response, serde);
    }

    /// A named data type of the service.
    pub(super) fn named_struct_item(&mut self, name: &str, description: &str, fields: &[Field]) {
        self.struct_item_with(name, description, fields, false, Serde::Both);
    }

    fn struct_item_with(
        &mut self,
        name: &str,
        description: &str,
        fields: &[Field],
        response: bool,
        serde: Serde,
    ) {
        let ident = Ident::new(name, Span::call_site());
        let docs = doc(description);
        let members: Vec<TokenStream> = fields
            .iter()
            .map(|f| self.struct_field(name, f, response))
            .collect();
        let derives = match serde {
            Serde::Ser => quote! { cloudspec_runtime::ToWire },
            Serde::De => quote! { cloudspec_runtime::FromWire },
            Serde::Both => quote! { cloudspec_runtime::ToWire, cloudspec_runtime::FromWire },
        };
        self.items.push(quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Default, #derives)]
            pub struct #ident { #(#members)* }
        });
    }

    pub(super) fn struct_field(&mut self, owner: &str, f: &Field, response: bool) -> TokenStream {
        let ident = field_ident(&f.name);
        let (ty, element) = self.rust_type(owner, f, response);
        self.field_types
            .insert((owner.to_string(), f.name.clone()), (ty.clone(), element));
        let docs = field_doc(f);
        let wire = &f.name;
        let mut attrs = Vec::new();
        if needs_rename(f) {
            attrs.push(quote! { rename = #wire });
        }
        if response && !f.also_accept.is_empty() {
            attrs.push(quote! { lenient });
        }
        if attrs.is_empty() {
            return quote! { #docs pub #ident: Option<#ty>, };
        }
        quote! { #docs #[cloudspec(#(#attrs),*)] pub #ident: Option<#ty>, }
    }

    fn enum_item(&mut self, name: &str, field: &Field) {
        let ident = Ident::new(name, Span::call_site());
        let mut taken = vec!["Unknown".to_string()];
        let variants: Vec<(Ident, String, Option<String>)> = field
            .enum_values
            .iter()
            .map(|v| {
                let wire = v.wire();
                let vname = unique(type_name(&wire), &mut taken);
                (
                    Ident::new(&vname, Span::call_site()),
                    wire,
                    v.description.clone(),
                )
            })
            .collect();
        let decls = variants.iter().map(|(v, wire, d)| {
            let text = match d {
                Some(d) => format!("`{wire}`: {}", doc_text(d)),
                None => format!("`{wire}`."),
            };
            let docs = doc_raw(&text.replacen(&format!("`{wire}`"), &code_span(wire), 1));
            quote! { #docs #[cloudspec(wire = #wire)] #v, }
        });
        let docs = doc_raw(&format!(
            "Valid values of `{}`. Values this version of the spec does not list are kept in `Unknown`.",
            field.name
        ));
        self.items.push(quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, Hash, cloudspec_runtime::WireEnum)]
            pub enum #ident {
                #(#decls)*
                /// A value the spec does not list, kept verbatim.
                Unknown(String),
            }
        });
    }
}

/// One paragraph: wire name, required, the description, the constraints in plain words and
/// the example.
fn field_doc(f: &Field) -> TokenStream {
    let mut text = code_span(&f.name);
    if f.required {
        text.push_str(" (required)");
    }
    text.push_str(": ");
    let description = doc_text(f.description.as_deref().unwrap_or("Not described."));
    text.push_str(&description.replace('\n', " "));
    if f.not_public {
        text.push_str(" Not publicly available.");
    }
    if !f.constraints.is_empty() {
        let rules: Vec<String> = f.constraints.iter().map(|c| c.kind.describe()).collect();
        text.push_str(&format!(" Checked: {}.", rules.join("; ")));
    }
    if let Some(ex) = &f.example {
        text.push_str(&format!(" Example: {}.", code_span(&value_text(ex))));
    }
    doc_raw(&text)
}

/// The wire name `cloudspec_runtime`'s derives give a field by default: serde's `PascalCase`
/// of the snake_case Rust field name, as `rename_all` computes it.
fn serde_pascal(ident: &str) -> String {
    ident
        .trim_start_matches("r#")
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect()
}

/// Whether the default name would not be the wire name (the field needs a `rename`).
fn needs_rename(f: &Field) -> bool {
    serde_pascal(&field_ident(&f.name).to_string()) != f.name
}

#[cfg(test)]
mod tests {
    use super::serde_pascal;

    #[test]
    fn pascal_matches_serde() {
        assert_eq!(serde_pascal("image_name"), "ImageName");
        assert_eq!(serde_pascal("r#type"), "Type");
        assert_eq!(serde_pascal("target_oss_region_id"), "TargetOssRegionId");
        assert_eq!(serde_pascal("self_"), "Self");
    }
}
