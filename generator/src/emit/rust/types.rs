//! Rust types for fields: structs for objects (request, response, nested and named), and
//! forward-compatible enums for documented string values. Every name comes from the
//! service's [`RustNames`].

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, doc_raw, value_text};
use crate::emit::names::{code_span, doc_text, ident};
use crate::model::{Field, Type};
use crate::rust_names::{RustNames, is_value_enum, object_members};

/// Which side of the wire a struct is on: which derives it gets.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// Sent: serialized, never decoded.
    Request,
    /// Received: decoded, never serialized.
    Response,
    /// A named type, which either side may use.
    Both,
}

pub(super) struct TypeCx<'a> {
    pub(super) names: &'a RustNames,
    pub(super) items: Vec<TokenStream>,
    /// The service's `lenientScalars`.
    lenient_scalars: bool,
    /// Set while emitting a named type no request uses: its fields are documented as received.
    pub(super) received_only: bool,
}

impl<'a> TypeCx<'a> {
    pub(super) fn new(names: &'a RustNames, lenient_scalars: bool) -> Self {
        TypeCx {
            names,
            items: Vec::new(),
            lenient_scalars,
            received_only: false,
        }
    }

    /// Whether a received field also takes the other scalar form: its own `alsoAccept`, or the
    /// service's `lenientScalars` for a string or number (or an array or map of them) without
    /// an enum.
    fn lenient(&self, f: &Field) -> bool {
        fn scalar(ty: &Type) -> bool {
            match ty {
                Type::String | Type::Integer | Type::Number | Type::DateTime => true,
                Type::Array(inner) | Type::Map(inner) => scalar(inner),
                _ => false,
            }
        }
        !f.also_accept.is_empty()
            || (self.lenient_scalars && f.enum_values.is_empty() && scalar(&f.ty))
    }

    /// A struct for an object, with its builder, and the structs and enums of its fields.
    /// Request-side structs only serialize and response-side ones only deserialize (each
    /// derive is code every consumer compiles); named types do both.
    pub(super) fn struct_item(
        &mut self,
        name: &str,
        description: &str,
        fields: &[Field],
        side: Side,
    ) {
        let members = self.fields(name, fields, side);
        let derives = match side {
            Side::Request => quote! { ToWire },
            Side::Response => quote! { FromWire },
            Side::Both => quote! { ToWire, FromWire },
        };
        let name_ident = ident(name);
        let builder = ident(self.names.builder(name));
        let docs = doc(description);
        self.items.push(quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Default, #derives, Builder)]
            #[cloudspec(builder = #builder)]
            #[non_exhaustive]
            pub struct #name_ident { #(#members)* }
        });
    }

    /// The fields of struct `owner`, emitting the structs and enums they need.
    pub(super) fn fields(&mut self, owner: &str, fields: &[Field], side: Side) -> Vec<TokenStream> {
        fields
            .iter()
            .map(|f| self.struct_field(owner, f, side))
            .collect()
    }

    fn struct_field(&mut self, owner: &str, f: &Field, side: Side) -> TokenStream {
        let names = self.names.field(owner, &f.name);
        if let Some(nested) = &names.nested {
            if is_value_enum(f) {
                self.enum_item(nested, f);
            } else if let Some(members) = object_members(&f.ty) {
                let text = f
                    .item_description
                    .as_deref()
                    .or(f.description.as_deref())
                    .map_or_else(|| format!("The `{}` object.", f.name), str::to_string);
                // A named type's inline objects travel both ways, like the type.
                self.struct_item(nested, &text, members, side);
            }
        }
        let field = ident(&names.ident);
        let set = ident(&names.set);
        let ty: syn::Type = syn::parse_str(&self.names.value_type(owner, f))
            .unwrap_or_else(|_| syn::parse_quote!(String));
        let doc_side = match side {
            Side::Both if self.received_only => Side::Response,
            other => other,
        };
        let docs = field_doc(f, doc_side);
        let wire = &f.name;
        // A received value that arrives as JSON text inside a string (`style: json` on a
        // response field); otherwise a scalar that may take the other scalar form.
        let decode = if side == Side::Request {
            None
        } else if f.arrives_as_json_text() {
            Some(quote! { , json_text })
        } else {
            self.lenient(f).then(|| quote! { , lenient })
        };
        quote! {
            #docs
            #[cloudspec(wire = #wire, set = #set #decode)]
            pub #field: Option<#ty>,
        }
    }

    fn enum_item(&mut self, name: &str, field: &Field) {
        let enum_ident = ident(name);
        let decls = field.enum_values.iter().map(|v| {
            let wire = v.wire();
            let variant = ident(self.names.variant(name, &wire));
            let text = match &v.description {
                Some(d) => format!("{}: {}", code_span(&wire), doc_text(d)),
                None => format!("{}.", code_span(&wire)),
            };
            let docs = doc_raw(&text);
            let allow = allow_unusual_case(&variant.to_string());
            quote! { #docs #allow #[cloudspec(wire = #wire)] #variant, }
        });
        let docs = doc_raw(&format!(
            "Valid values of `{}`. Values this version of the spec does not list are kept in `Unknown`.",
            field.name
        ));
        self.items.push(quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, Hash, WireEnum)]
            #[non_exhaustive]
            pub enum #enum_ident {
                #(#decls)*
                /// A value the spec does not list, kept verbatim.
                Unknown(String),
            }
        });
    }
}

/// `#[allow]` for a variant the naming pass spelled with the wire name's separators, capitals
/// or lower-case first letter (`InvalidParameter_ValueTooLarge`, `TRUE`, `accept`), which rustc
/// and clippy would flag.
pub(super) fn allow_unusual_case(variant: &str) -> TokenStream {
    let variant = crate::emit::names::bare(variant);
    let upper = variant.len() > 1 && variant.chars().all(|c| !c.is_ascii_lowercase());
    let lower = variant.starts_with(|c: char| c.is_ascii_lowercase());
    if variant.contains('_') || upper || lower {
        quote! { #[allow(non_camel_case_types, clippy::upper_case_acronyms)] }
    } else {
        TokenStream::new()
    }
}

/// One paragraph: wire name, required, the description, the constraints in plain words and
/// the example.
fn field_doc(f: &Field, side: Side) -> TokenStream {
    let mut text = code_span(&f.name);
    match (f.required, side) {
        (true, Side::Response) => text.push_str(" (always present)"),
        (true, Side::Request) => text.push_str(" (required)"),
        // A named type may travel both ways: required when sent, always present when received.
        (true, Side::Both) => text.push_str(" (required; always present in responses)"),
        (false, _) => {}
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
    for (member, constraints) in &f.member_constraints {
        let rules: Vec<String> = constraints.iter().map(|c| c.kind.describe()).collect();
        text.push_str(&format!(
            " Checked on each `{}` here: {}.",
            doc_text(member),
            rules.join("; ")
        ));
    }
    if f.arrives_as_json_text() {
        text.push_str(" Arrives as JSON text inside a string, decoded into this type.");
    }
    if f.nullable {
        text.push_str(" May be `null` (`None`, as when absent).");
    }
    if let Some(ex) = &f.example {
        text.push_str(&format!(" Example: {}.", code_span(&value_text(ex))));
    }
    doc_raw(&text)
}
