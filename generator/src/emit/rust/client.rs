//! The service client: one method per operation returning the operation's fluent builder (all
//! logic is in the runtime; the builders are derived).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{ServiceEmitter, doc_raw};
use crate::emit::names::{code_span, doc_text, first_sentence, ident};
use crate::model::Provider;

impl ServiceEmitter<'_> {
    /// The service's client: one method per operation returning the operation's fluent builder,
    /// and `call` for a request built beforehand (all logic is in the runtime).
    pub(super) fn client(&self) -> TokenStream {
        let s = self.service;
        let name = &s.rust.client;
        let ident = ident(name);
        let method_names: Vec<Ident> = s
            .operations
            .iter()
            .map(|op| crate::emit::names::ident(&s.rust.operation(&op.name).method))
            .collect();
        let methods: Vec<TokenStream> =
            s.operations
                .iter()
                .zip(&method_names)
                .map(|(op, method)| {
                    let names = s.rust.operation(&op.name);
                    let (req, resp, fluent, err, kind) = (
                        crate::emit::names::ident(&names.request),
                        crate::emit::names::ident(&names.response),
                        crate::emit::names::ident(&names.fluent),
                        &names.error,
                        &names.error_kind,
                    );
                    let docs = doc_raw(&format!(
                        "Calls `{}`: {}\n\nSet the parameters on the returned [`{}`], then \
                         [`send`]({}::send) it. Errors come as [`{err}`]: the service's errors \
                         typed as [`{kind}`], and the validation, transport and decoding errors \
                         of [`Client::call`](cloudspec_runtime::client::Client::call).",
                        op.name,
                        doc_text(&first_sentence(&op.summary)),
                        names.fluent,
                        names.fluent,
                    ));
                    let paginator = names.paginator.as_ref().map(|name| {
                    let paginator = crate::emit::names::ident(name);
                    let docs = doc_raw(&format!(
                        "Pages through `{}`, from where `request` starts: \
                         [`pages`](cloudspec_runtime::paginate::Paginator::pages) streams each \
                         [`{resp}`], [`items`](cloudspec_runtime::paginate::Paginator::items) \
                         each element of `{}`.\n\nThe stream ends after the last page, at the \
                         first error, or after \
                         [`page_limit`](cloudspec_runtime::paginate::Paginator::page_limit) \
                         pages; nothing is sent until it is polled.",
                        op.name,
                        op.paginator.as_ref().map(|p| p.items.join(".")).unwrap_or_default(),
                    ));
                    quote! {
                        #docs
                        pub fn #paginator(
                            &self,
                            request: #req,
                        ) -> cloudspec_runtime::paginate::Paginator<#req> {
                            cloudspec_runtime::paginate::Paginator::new(self.inner.clone(), request)
                        }
                    }
                });
                    let module = crate::emit::names::ident(&names.data_module);
                    let waiters = op.waiters.iter().zip(&names.waiters).map(|(w, method)| {
                        let method = crate::emit::names::ident(method);
                        let data = super::data::waiter_static(&w.name);
                        let path = w.path.join(".");
                        let until = match (w.success_when_absent, w.success.is_empty()) {
                            (false, _) => format!(
                                "every value at `{path}` is {}",
                                values_text(&w.success)
                            ),
                            (true, true) => format!("no value is left at `{path}`"),
                            (true, false) => format!(
                                "every value at `{path}` is {}, or none is left",
                                values_text(&w.success)
                            ),
                        };
                        let docs = doc_raw(&format!(
                            "{}\n\nPolls `{}` with `request` until {}{}: \
                             then gives the last response. Polls are {} s apart at first, backing \
                             off to {} s; the wait ends with \
                             [`WaitError::Timeout`](cloudspec_runtime::wait::WaitError::Timeout) \
                             after {} s (another limit with \
                             [`timeout`](cloudspec_runtime::wait::Waiter::timeout)). Nothing is \
                             sent until the waiter is awaited.",
                            doc_text(&w.description),
                            op.name,
                            until,
                            if w.failure.is_empty() {
                                String::new()
                            } else {
                                format!(
                                    ", or fails with \
                                     [`WaitError::Failure`](cloudspec_runtime::wait::WaitError::Failure) \
                                     once any is {}",
                                    values_text(&w.failure)
                                )
                            },
                            w.delay,
                            w.max_delay,
                            w.timeout,
                        ));
                        quote! {
                            #docs
                            pub fn #method(
                                &self,
                                request: #req,
                            ) -> cloudspec_runtime::wait::Waiter<#req> {
                                cloudspec_runtime::wait::Waiter::new(
                                    self.inner.clone(),
                                    request,
                                    &#module::#data,
                                )
                            }
                        }
                    });
                    quote! {
                        #docs
                        #[inline]
                        pub fn #method(&self) -> #fluent {
                            #fluent::new(self.inner.clone())
                        }

                        #paginator
                        #(#waiters)*
                    }
                })
                .collect();
        let signature = s.protocol.signatures();
        let docs = doc_raw(&format!(
            "Client of {} ({}), API version {}: one method per operation, returning a fluent \
             builder whose `send` makes the call.\n\n\
             Each call validates the request, signs it ({signature}), sends it to the \
             service's endpoint (or `Config::endpoint`), retries throttling, 5xx and connection \
             failures with backoff, and decodes the typed response or error. Cheap to clone.\n\n\
             # Example\n\n```no_run\n{}\n```",
            doc_text(&s.name),
            code_span(&s.product),
            s.version,
            method_names
                .first()
                .map(|m| self.client_example(name, m))
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

                /// Sends a request built beforehand (`…Request::builder()…build()?`), as the
                /// fluent builders' `send` does.
                ///
                /// # Errors
                ///
                /// As [`Client::call`](cloudspec_runtime::client::Client::call); a request
                /// of another service is refused as a configuration error.
                #[inline]
                pub async fn call<O: cloudspec_runtime::Operation>(
                    &self,
                    request: O,
                ) -> Result<O::Response, cloudspec_runtime::client::Error<O::ErrorKind>> {
                    self.inner.call(request).await
                }

                #(#methods)*
            }
        }
    }

    /// The client's doc example for the crate's front page: the first operation called with
    /// its example request (empty for a service without operations).
    pub(super) fn first_client_example(&self) -> String {
        let s = self.service;
        match s.operations.first() {
            Some(op) => self.client_example(
                &s.rust.client,
                &crate::emit::names::ident(&s.rust.operation(&op.name).method),
            ),
            None => String::new(),
        }
    }

    /// The client's doc example: the first operation called with its example request.
    fn client_example(&self, client: &str, method: &Ident) -> String {
        let Some(op) = self.service.operations.first() else {
            return String::new();
        };
        let [a, b, c] = &self.service.rust.module;
        let krate = &self.krate;
        let (pa, pb, pc) = (
            format_ident!("{}", a),
            format_ident!("{}", b),
            format_ident!("{}", c),
        );
        let client = crate::emit::names::ident(client);
        let (uses, calls) = self.example_parts(op);
        // The vendor's usual region where the operation is documented for it (the client
        // refuses the others), else the first it is documented for.
        let usual = match self.service.provider {
            Provider::Alibaba => "cn-hangzhou",
            Provider::Tencent => "ap-guangzhou",
        };
        let regions = self.service.regions_of(op);
        let region = if regions.is_empty() || regions.iter().any(|r| r == usual) {
            usual.to_string()
        } else {
            regions[0].clone()
        };
        let file: Result<syn::File, _> = syn::parse2(quote! {
            use #krate::#pa::#pb::#pc::{#client #(, #uses)*};
            use #krate::runtime::client::Config;

            async fn example() -> Result<(), Box<dyn std::error::Error>> {
                // Credentials from the vendor's environment variables.
                let client = #client::new(Config::new().region(#region));
                let response = client
                    .#method()
                    #(#calls)*
                    .send()
                    .await?;
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

/// `` `A` `` or `` `A`, `B` or `C` `` (one of the values).
fn values_text(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| code_span(v)).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
