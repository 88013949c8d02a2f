//! The Rust emitter: the checked model to the `cloudspec-clients` crate.
//!
//! Items are built as tokens with `quote`, assembled into a `syn::File` and printed with
//! `prettyplease`. The generated code holds types, builders and compact static data; the
//! logic that validates, encodes and maps errors is in `cloudspec-runtime`.
//!
//! One submodule per concern: [`types`] (structs and enums of fields), [`operation`]
//! (requests, builders, responses, error kinds), [`data`] (the static data the runtime reads),
//! [`client`] (service clients), [`example`] (doc examples and example tests).

mod client;
mod data;
mod example;
mod operation;
mod types;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::GeneratedFile;
use super::names::{code_span, doc_text, field_ident, type_name};
use crate::model::{EndpointRule, Model, Operation, Provider, Service};
use types::TypeCx;

/// The module path segments of a service (`["alibaba", "swas_open", "v2020_06_01"]`).
pub fn module_path(service: &Service) -> [String; 3] {
    [
        provider_name(service.provider).to_string(),
        field_ident(&service.product)
            .to_string()
            .trim_start_matches("r#")
            .to_string(),
        format!("v{}", service.version.replace(['-', '.'], "_")),
    ]
}

/// The cargo feature of a service (`alibaba-swas-open`).
pub fn feature_name(service: &Service) -> String {
    format!(
        "{}-{}",
        provider_name(service.provider),
        service.product.to_lowercase()
    )
}

fn provider_name(p: Provider) -> &'static str {
    match p {
        Provider::Alibaba => "alibaba",
        Provider::Tencent => "tencent",
    }
}

/// The name of a service's client type (`SwasOpenClient`, `CvmClient`).
pub fn client_name(service: &Service) -> String {
    format!("{}Client", type_name(&service.product))
}

/// The Rust path of an operation's request type, as users write it.
pub fn request_path(service: &Service, op: &Operation) -> String {
    let [a, b, c] = module_path(service);
    format!(
        "cloudspec_clients::{a}::{b}::{c}::{}Request",
        type_name(&op.name)
    )
}

/// The doc-test example of an operation (a builder chain from the spec's example values), as
/// the generated request type's rustdoc runs it; empty when none can be built.
pub fn example(service: &Service, op: &Operation) -> String {
    ServiceEmitter::new(service, DEFAULT_PACKAGE).example(op)
}

/// The package name of the generated crate unless told otherwise.
pub const DEFAULT_PACKAGE: &str = "cloudspec-clients";

/// Where generation time goes, summed over the threads that emit services.
#[derive(Debug, Default, Clone, Copy)]
pub struct EmitTimings {
    /// Building token streams.
    pub tokens: Duration,
    /// Parsing them into `syn` files and printing them with `prettyplease`.
    pub format: Duration,
}
pub(super) use crate::text::value_text;

fn doc(text: &str) -> TokenStream {
    let text = doc_text(text);
    if text.is_empty() {
        return TokenStream::new();
    }
    let lines = text.lines().map(|l| format!(" {l}"));
    quote! { #( #[doc = #lines] )* }
}

fn doc_raw(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// Emits every file of the generated crate.
pub fn emit(model: &Model) -> Result<Vec<GeneratedFile>, String> {
    emit_timed(model, DEFAULT_PACKAGE).map(|(files, _)| files)
}

/// Emits every file of the generated crate, and says where the time went. Services are
/// emitted on as many threads as there are cores; the output does not depend on the order in
/// which they finish.
pub fn emit_timed(
    model: &Model,
    package: &str,
) -> Result<(Vec<GeneratedFile>, EmitTimings), String> {
    let mut files = vec![cargo_toml(model, package), lib_rs(model)?];
    // Each thread takes the next service when it is free: services differ in size, and
    // fixed shares left a core idle while another finished a large one.
    let results =
        crate::par::parallel_map(&model.services, |_, service| emit_service(service, package));
    let mut timings = EmitTimings::default();
    for r in results {
        let (file, t) = r?;
        files.push(file);
        timings.tokens += t.tokens;
        timings.format += t.format;
    }
    Ok((files, timings))
}

/// The module of one service, and the time its tokens and its formatting took.
fn emit_service(service: &Service, package: &str) -> Result<(GeneratedFile, EmitTimings), String> {
    let [a, b, c] = module_path(service);
    let start = Instant::now();
    let tokens = ServiceEmitter::new(service, package).emit();
    let built = Instant::now();
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        format!(
            "internal error: emitted Rust for {} does not parse: {e}",
            service.product
        )
    })?;
    let contents = format!(
        "// @generated by cloudspec from {}. Do not edit.\n\n{}",
        service.loc.file,
        prettyplease::unparse(&file)
    );
    let timings = EmitTimings {
        tokens: built - start,
        format: built.elapsed(),
    };
    let file = GeneratedFile {
        path: format!("src/{a}/{b}/{c}.rs"),
        contents,
    };
    Ok((file, timings))
}

fn cargo_toml(model: &Model, package: &str) -> GeneratedFile {
    let features: Vec<String> = model
        .services
        .iter()
        .map(feature_name)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut text = format!(
        "# @generated by cloudspec. Do not edit.\n[package]\nname = \"{package}\"\nversion = \"0.1.0\"\ndescription = \"Rust clients generated by cloudspec from the specs in specs/\"\nedition.workspace = true\nlicense.workspace = true\npublish.workspace = true\nrust-version.workspace = true\n\n[features]\n",
    );
    let quoted: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
    text.push_str(&format!("default = [{}]\n", quoted.join(", ")));
    for f in &features {
        text.push_str(&format!("{f} = []\n"));
    }
    text.push_str("\n[dependencies]\ncloudspec-runtime.workspace = true\n\n[dev-dependencies]\ntokio.workspace = true\n");
    GeneratedFile {
        path: "Cargo.toml".into(),
        contents: text,
    }
}

fn lib_rs(model: &Model) -> Result<GeneratedFile, String> {
    // provider -> product -> (feature, versions)
    /// feature, version modules, display name
    type Product = (String, Vec<String>, String);
    let mut tree: BTreeMap<String, BTreeMap<String, Product>> = BTreeMap::new();
    for s in &model.services {
        let [a, b, c] = module_path(s);
        let entry = tree
            .entry(a)
            .or_default()
            .entry(b)
            .or_insert_with(|| (feature_name(s), Vec::new(), s.name.clone()));
        entry.1.push(c);
    }
    let providers = tree.iter().map(|(provider, products)| {
        let p = format_ident!("{}", provider);
        let pdoc = format!(
            " {} services.",
            if provider == "alibaba" {
                "Alibaba Cloud"
            } else {
                "Tencent Cloud"
            }
        );
        let prods = products.iter().map(|(product, (feature, versions, name))| {
            let m = format_ident!("{}", product);
            let mdoc = format!(" {} (feature `{feature}`).", doc_text(name));
            let vs = versions.iter().map(|v| {
                let v = format_ident!("{}", v);
                quote! { pub mod #v; }
            });
            quote! {
                #[doc = #mdoc]
                #[cfg(feature = #feature)]
                pub mod #m { #(#vs)* }
            }
        });
        quote! {
            #[doc = #pdoc]
            pub mod #p { #(#prods)* }
        }
    });
    let tokens = quote! {
        //! Typed Rust clients for cloud APIs, generated by cloudspec from `specs/`.
        //!
        //! One module per service version, each behind a cargo feature (all on by default).
        //! Validation, wire encoding, signing and error mapping live in `cloudspec-runtime`.
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]

        pub use cloudspec_runtime as runtime;

        #(#[rustfmt::skip] #providers)*
    };
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("internal error: lib.rs does not parse: {e}"))?;
    Ok(GeneratedFile {
        path: "src/lib.rs".into(),
        contents: format!(
            "// @generated by cloudspec. Do not edit.\n\n{}",
            prettyplease::unparse(&file)
        ),
    })
}

pub(super) struct ServiceEmitter<'a> {
    pub(super) service: &'a Service,
    /// The generated crate's name as a path (`cloudspec_clients`), for examples.
    pub(super) krate: proc_macro2::Ident,
}

impl<'a> ServiceEmitter<'a> {
    fn new(service: &'a Service, package: &str) -> Self {
        let krate = format_ident!("{}", package.replace('-', "_"));
        ServiceEmitter { service, krate }
    }

    fn emit(&self) -> TokenStream {
        let s = self.service;
        let mut cx = TypeCx::new();
        for t in &s.types {
            cx.taken.push(type_name(&t.name));
        }
        cx.taken.push(client_name(s));
        for op in &s.operations {
            for suffix in [
                "Request",
                "RequestBuilder",
                "Response",
                "ErrorKind",
                "Error",
            ] {
                cx.taken.push(format!("{}{suffix}", type_name(&op.name)));
            }
        }
        for t in &s.types {
            let text = t
                .description
                .clone()
                .unwrap_or_else(|| format!("The `{}` data type.", t.name));
            let name = type_name(&t.name);
            cx.named_struct_item(&name, &text, &t.properties);
        }
        let type_params = data::named_type_data(s);
        let service_static = self.service_static();
        let client = self.client();
        let ops: Vec<TokenStream> = s
            .operations
            .iter()
            .map(|op| self.operation(op, &mut cx))
            .collect();
        let items = &cx.items;
        let tests = self.tests();
        let module_doc = [
            format!(
                " {} ({}), API version {}.",
                doc_text(&s.name),
                code_span(&s.product),
                s.version
            ),
            String::new(),
            format!(" Generated from {}.", code_span(&s.loc.file)),
        ];
        quote! {
            #( #![doc = #module_doc] )*
            #service_static
            #client
            #type_params
            #(#ops)*
            #(#items)*
            #tests
        }
    }

    fn service_static(&self) -> TokenStream {
        let s = self.service;
        let provider = match s.provider {
            Provider::Alibaba => quote! { Alibaba },
            Provider::Tencent => quote! { Tencent },
        };
        let rule = match s.endpoints.rule {
            EndpointRule::Regional => quote! { Regional },
            EndpointRule::Central => quote! { Central },
        };
        let (product, version, signing, host) =
            (&s.product, &s.version, &s.signing_name, &s.endpoints.host);
        let map = s
            .endpoints
            .region_map
            .iter()
            .map(|(r, h)| quote! { (#r, #h) });
        let intl = match &s.endpoints.international_host {
            Some(h) => quote! { Some(#h) },
            None => quote! { None },
        };
        let docs = doc_raw(&format!(
            "The {} service, version {}.",
            doc_text(&s.name),
            s.version
        ));
        quote! {
            #docs
            pub static SERVICE: cloudspec_runtime::ServiceSpec = cloudspec_runtime::ServiceSpec {
                provider: cloudspec_runtime::Provider::#provider,
                product: #product,
                version: #version,
                signing_name: #signing,
                endpoint_rule: cloudspec_runtime::EndpointRule::#rule,
                host: #host,
                region_map: &[#(#map),*],
                international_host: #intl,
            };
        }
    }
}
