//! Per operation: the request type with its builder and authorization constants, the
//! response type, and the error kinds.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::types::{Side, TypeCx, allow_unusual_case};
use super::{ServiceEmitter, doc_raw};
use crate::emit::names::{code_span, doc_text, ident};
use crate::model::{ErrorEntry, Operation, RuleKind};

impl ServiceEmitter<'_> {
    pub(super) fn operation(&self, op: &Operation, cx: &mut TypeCx) -> TokenStream {
        let names = self.service.rust.operation(&op.name);
        let req = ident(&names.request);
        let builder = ident(&names.request_builder);
        let fluent = ident(&names.fluent);
        let resp = ident(&names.response);
        let resp_builder = ident(self.service.rust.builder(&names.response));
        let kind = ident(&names.error_kind);
        let err = ident(&names.error);
        let data = ident(&names.data_module);

        let params = op.caller_parameters();
        let fields = cx.fields(&names.request, &params, Side::Request);
        let resp_fields = cx.fields(&names.response, &op.response, Side::Response);

        let mut req_doc = format!("Request of `{}`: {}", op.name, doc_text(&op.summary));
        if let Some(d) = &op.description {
            req_doc.push_str(&format!("\n\n{}", doc_text(d)));
        }
        if !op.notes.is_empty() {
            req_doc.push_str("\n\n# Rules the client does not check\n");
            for n in &op.notes {
                req_doc.push_str(&format!("\n- {}", doc_text(&n.says).replace('\n', " ")));
            }
        }
        if let Some(r) = &op.rate_limit {
            req_doc.push_str(&format!(
                "\n\nRate limit: {} requests per {}.",
                r.requests, r.per
            ));
        }
        if !op.rules.is_empty() {
            req_doc.push_str("\n\n# Rules across parameters (checked by `validate`)\n");
            for r in &op.rules {
                let names: Vec<String> = r.parameters.iter().map(|p| format!("`{p}`")).collect();
                let what = match r.kind {
                    RuleKind::MutuallyExclusive => format!("at most one of {}", names.join(", ")),
                    RuleKind::ExactlyOneOf => format!("exactly one of {}", names.join(", ")),
                    RuleKind::AtLeastOneOf => format!("at least one of {}", names.join(", ")),
                    RuleKind::RequiredWhen => format!(
                        "{} required when `{}` is set",
                        names.join(", "),
                        r.when.as_deref().unwrap_or("")
                    ),
                };
                req_doc.push_str(&format!(
                    "\n- {what}: {}",
                    doc_text(&r.says).replace('\n', " ")
                ));
            }
        }
        for src in op.sources.iter().take(1) {
            req_doc.push_str(&format!("\n\nDocumented at <{}>", autolink_url(&src.url)));
            if let Some(d) = &src.last_updated {
                req_doc.push_str(&format!(" (last updated {d})"));
            }
            req_doc.push('.');
        }
        // Examples that cannot pass their own rules (a required parameter or a group without
        // an example value) are compiled but not run.
        let fence = if self.example_runs(op) {
            "```"
        } else {
            "```no_run"
        };
        req_doc.push_str(&format!(
            "\n\n# Example\n\n{fence}\n{}\n```",
            self.example(op)
        ));
        let req_docs = doc_raw(&req_doc);

        let paginator = self.paginator_attribute(op);
        let consts = self.authorization_consts(op);
        let spec = super::data::operation_data(self.service, op);
        let kind_enum = self.error_kind(op, &kind);
        let resp_doc = doc_raw(&format!("Response of `{}`.", op.name));
        let kind_doc = doc_raw(&format!(
            "The documented errors of `{}`{}.",
            op.name,
            if self.service.common_errors.is_empty() {
                ""
            } else {
                ", plus the service's common errors in `Common`"
            }
        ));
        let err_doc = doc_raw(&format!(
            "An error of `{}`: the service's error (its kind [`{kind}`] plus code, message, HTTP \
             status and request id), or a validation, transport or decoding error.",
            op.name
        ));
        quote! {
            #req_docs
            #[derive(Debug, Clone, PartialEq, Default, Request)]
            #[cloudspec(spec = #data::SPEC, builder = #builder, fluent = #fluent)]
            #[cloudspec(response = #resp, error = #kind)]
            #paginator
            #[non_exhaustive]
            pub struct #req { #(#fields)* }

            impl #req { #consts }

            #resp_doc
            #[derive(Debug, Clone, PartialEq, Default, FromWire, Builder)]
            #[cloudspec(builder = #resp_builder)]
            #[non_exhaustive]
            pub struct #resp { #(#resp_fields)* }

            #kind_doc
            #kind_enum

            #err_doc
            pub type #err = cloudspec_runtime::client::Error<#kind>;

            #spec
        }
    }

    /// `#[cloudspec(paginator(...))]` for an operation that pages: the request fields of its
    /// cursor and page size, and the response paths in Rust names.
    fn paginator_attribute(&self, op: &Operation) -> Option<TokenStream> {
        let p = op.paginator.as_ref()?;
        let s = self.service;
        let names = s.rust.operation(&op.name);
        let request_field = |wire: &str| ident(&s.rust.field(&names.request, wire).ident);
        let path = |path: &[String]| {
            s.rust
                .response_path(s, op, path)
                .map(|(idents, element)| (idents.join("."), element))
        };
        let (items, item) = path(&p.items)?;
        let item: syn::Type = syn::parse_str(&item?).ok()?;
        let style = ident(p.style.runtime_variant());
        let cursor = request_field(&p.cursor);
        let page_size = p.page_size.as_deref().map(|f| {
            let f = request_field(f);
            quote! { page_size = #f, }
        });
        let total = p
            .total
            .as_deref()
            .and_then(path)
            .map(|(t, _)| quote! { total = #t, });
        let next_token = p
            .next_token
            .as_deref()
            .and_then(path)
            .map(|(t, _)| quote! { next_token = #t, });
        Some(quote! {
            #[cloudspec(paginator(
                style = #style,
                cursor = #cursor,
                #page_size
                items = #items,
                item = #item,
                #total
                #next_token
            ))]
        })
    }

    fn authorization_consts(&self, op: &Operation) -> TokenStream {
        let action = &op.name;
        let mut out = quote! {
            /// The API action name.
            pub const ACTION: &'static str = #action;
        };
        if let Some(a) = &op.authorization {
            let (ram, level) = (&a.action, &a.access_level);
            let arns: Vec<&str> = a
                .resource_types
                .iter()
                .filter_map(|r| r.arn.as_deref())
                .collect();
            let conds = &a.condition_keys;
            let deps = &a.dependent_actions;
            out.extend(quote! {
                /// The action to allow in a RAM policy.
                pub const RAM_ACTION: &'static str = #ram;
                /// The access level of the action.
                pub const ACCESS_LEVEL: &'static str = #level;
                /// ARN patterns of the resource types (empty: all resources).
                pub const RESOURCE_ARNS: &'static [&'static str] = &[#(#arns),*];
                /// Condition keys of the action.
                pub const CONDITION_KEYS: &'static [&'static str] = &[#(#conds),*];
                /// Actions the caller must also be allowed.
                pub const DEPENDENT_ACTIONS: &'static [&'static str] = &[#(#deps),*];
            });
        }
        out
    }

    fn error_kind(&self, op: &Operation, kind: &Ident) -> TokenStream {
        let variants = &self.service.rust.operation(&op.name).variants;
        let decls = op.errors.iter().map(|e| error_variant(e, variants));
        let common = self.service.rust.common_errors.as_ref().map(|c| {
            let c = ident(c);
            quote! {
                /// One of the service's common errors.
                #[cloudspec(common)]
                Common(#c),
            }
        });
        quote! {
            #[derive(Debug, Clone, PartialEq, Eq, ErrorKind)]
            #[non_exhaustive]
            pub enum #kind {
                #(#decls)*
                #common
                /// A code that no spec names.
                Unknown,
            }
        }
    }

    /// The enum of the service's common errors, shared by every operation's error kinds.
    pub(super) fn common_errors(&self) -> TokenStream {
        let Some(name) = &self.service.rust.common_errors else {
            return TokenStream::new();
        };
        let variants = &self.service.rust.common_variants;
        let decls = self
            .service
            .common_errors
            .iter()
            .map(|e| error_variant(e, variants));
        let name = ident(name);
        let docs = doc_raw(&format!(
            "The errors every operation of {} can return.",
            doc_text(&self.service.name)
        ));
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Eq, ErrorKind)]
            #[non_exhaustive]
            pub enum #name {
                #(#decls)*
                /// A code that no spec names.
                Unknown,
            }
        }
    }
}

/// One variant of an error-kind enum: the code's row as its rustdoc.
fn error_variant(e: &ErrorEntry, variants: &BTreeMap<String, String>) -> TokenStream {
    let name = variants.get(&e.code).map_or("Unknown", String::as_str);
    let v = ident(name);
    let allow = allow_unusual_case(name);
    let mut text = code_span(&e.code);
    if let Some(s) = e.status {
        text.push_str(&format!(" (HTTP {s})"));
    }
    if let Some(m) = &e.message {
        text.push_str(&format!(": {}", doc_text(m).replace('\n', " ")));
    }
    if let Some(d) = &e.description {
        text.push_str(&format!(" {}", doc_text(d).replace('\n', " ")));
    }
    let docs = doc_raw(&text);
    let code = &e.code;
    if e.is_placeholder() {
        quote! {
            #docs
            #allow
            #[cloudspec(code = #code)]
            #v {
                /// What the `%s` in the code stands for.
                field: String,
            },
        }
    } else {
        quote! { #docs #allow #[cloudspec(code = #code)] #v, }
    }
}

/// A URL for a rustdoc autolink (`<...>`): characters that are not URL characters (spaces,
/// `<`, `>`, `|`, backticks, quotes, non-ASCII) are percent-encoded, so the link cannot end
/// early or break the markdown around it.
fn autolink_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn autolinks_are_safe() {
        assert_eq!(
            super::autolink_url("https://e.com/a?b=1|2&c=<3>"),
            "https://e.com/a?b=1%7C2&c=%3C3%3E"
        );
        assert_eq!(
            super::autolink_url("https://e.com/名"),
            "https://e.com/%E5%90%8D"
        );
    }
}
