//! The service client: one async method per operation, each a thin wrapper around
//! `cloudspec_runtime::client::Client::call` (all logic is in the runtime).

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::{ServiceEmitter, client_name, doc_raw, module_path};
use crate::emit::names::{code_span, doc_text, field_ident, first_sentence, type_name, unique};
use crate::model::Provider;

impl ServiceEmitter<'_> {
    /// The service's client: one async method per operation, each a thin wrapper around
    /// `cloudspec_runtime::client::Client::call` (all logic is in the runtime).
    pub(super) fn client(&self) -> TokenStream {
        let s = self.service;
        let name = client_name(s);
        let ident = format_ident!("{}", name);
        let mut taken: Vec<String> = ["new", "runtime"].iter().map(|n| n.to_string()).collect();
        let method_names: Vec<Ident> = s
            .operations
            .iter()
            .map(|op| {
                let method = field_ident(&op.name).to_string();
                let method = unique(method.trim_start_matches("r#").to_string(), &mut taken);
                syn::parse_str::<Ident>(&method)
                    .unwrap_or_else(|_| Ident::new_raw(&method, Span::call_site()))
            })
            .collect();
        let methods: Vec<TokenStream> = s
            .operations
            .iter()
            .zip(&method_names)
            .map(|(op, method)| {
                let base = type_name(&op.name);
                let (req, resp, kind) = (
                    format_ident!("{}Request", base),
                    format_ident!("{}Response", base),
                    format_ident!("{}ErrorKind", base),
                );
                let docs = doc_raw(&format!(
                    "Calls `{}`: {}\n\nService errors come as [`{kind}`]; validation, retries and the \
                     other errors are those of [`Client::call`](cloudspec_runtime::client::Client::call).",
                    op.name,
                    doc_text(&first_sentence(&op.summary)),
                ));
                quote! {
                    #docs
                    #[inline]
                    pub async fn #method(&self, request: #req)
                        -> Result<#resp, cloudspec_runtime::client::Error<#kind>> {
                        self.inner.call(request).await
                    }
                }
            })
            .collect();
        let signature = match s.provider {
            Provider::Alibaba => {
                "ACS3-HMAC-SHA256 by default, the legacy RPC HMAC-SHA1 signature with `Config::signature_version`"
            }
            Provider::Tencent => "TC3-HMAC-SHA256",
        };
        let docs = doc_raw(&format!(
            "Client of {} ({}), API version {}: one async method per operation.\n\n\
             Each method validates the request, signs it ({signature}), sends it to the \
             service's endpoint (or `Config::endpoint`), retries throttling, 5xx and connection \
             failures with backoff, and decodes the typed response or error. Cheap to clone.\n\n\
             # Example\n\n```no_run\n{}\n```",
            doc_text(&s.name),
            code_span(&s.product),
            s.version,
            method_names
                .first()
                .map(|m| self.client_example(&name, m))
                .unwrap_or_default(),
        ));
        quote! {
            #docs
            #[derive(Debug, Clone)]
            pub struct #ident {
                inner: cloudspec_runtime::client::Client,
            }

            impl #ident {
                /// Creates the client: credentials, region, endpoint, retries and timeouts come
                /// from `config`.
                pub fn new(config: cloudspec_runtime::client::Config) -> Self {
                    Self { inner: cloudspec_runtime::client::Client::new(&SERVICE, config) }
                }

                /// The runtime client underneath (to build requests without sending them).
                pub fn runtime(&self) -> &cloudspec_runtime::client::Client {
                    &self.inner
                }

                #(#methods)*
            }
        }
    }

    /// The client's doc example: the first operation called with its example request.
    fn client_example(&self, client: &str, method: &Ident) -> String {
        let Some(op) = self.service.operations.first() else {
            return String::new();
        };
        let [a, b, c] = module_path(self.service);
        let krate = &self.krate;
        let (pa, pb, pc) = (
            format_ident!("{}", a),
            format_ident!("{}", b),
            format_ident!("{}", c),
        );
        let base = type_name(&op.name);
        let req = format_ident!("{}Request", base);
        let client = format_ident!("{}", client);
        let (uses, calls) = self.example_parts(op);
        let region = self
            .service
            .endpoints
            .regions
            .first()
            .cloned()
            .unwrap_or_else(|| match self.service.provider {
                Provider::Alibaba => "cn-hangzhou".to_string(),
                Provider::Tencent => "ap-guangzhou".to_string(),
            });
        let file: Result<syn::File, _> = syn::parse2(quote! {
            use #krate::#pa::#pb::#pc::{#client, #req #(, #uses)*};
            use #krate::runtime::client::Config;

            async fn example() -> Result<(), Box<dyn std::error::Error>> {
                // Credentials from the vendor's environment variables.
                let client = #client::new(Config::new().region(#region));
                let request = #req::builder()
                    #(#calls)*
                    .build()?;
                let response = client.#method(request).await?;
                println!("{response:?}");
                Ok(())
            }
        });
        match file {
            Ok(f) => prettyplease::unparse(&f).trim_end().to_string(),
            Err(_) => String::new(),
        }
    }
}
