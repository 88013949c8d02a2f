//! Credentials: given explicitly, or resolved as the vendors' official SDKs resolve them.
//!
//! | source | provider | vendor |
//! |---|---|---|
//! | explicit keys | [`Credentials`] | both |
//! | environment variables | [`EnvironmentCredentials`] | both |
//! | profile file | [`AlibabaProfileCredentials`], [`TencentProfileCredentials`] | one each |
//! | instance role (metadata service) | [`EcsRamRoleCredentials`], [`CvmRoleCredentials`] | one each |
//! | STS `AssumeRole` | [`RamRoleArnCredentials`], [`StsAssumeRoleCredentials`] | one each |
//! | the default chain | [`DefaultCredentials`]: environment → profile file → instance role | both |
//!
//! Every provider implements [`ProvideCredentials`], whose call is asynchronous so that a
//! provider may fetch. The fetching ones (instance role, STS) keep their temporary credentials
//! in a [`CachedCredentials`] and fetch again only shortly before they expire
//! ([`Credentials::expiry`]), one caller at a time.
//!
//! The environment variables:
//!
//! | vendor | key id | secret | STS token |
//! |---|---|---|---|
//! | Alibaba | `ALIBABA_CLOUD_ACCESS_KEY_ID` | `ALIBABA_CLOUD_ACCESS_KEY_SECRET` | `ALIBABA_CLOUD_SECURITY_TOKEN` |
//! | Tencent | `TENCENTCLOUD_SECRET_ID` | `TENCENTCLOUD_SECRET_KEY` | `TENCENTCLOUD_SESSION_TOKEN` |
//!
//! An STS token travels as the vendors' SDKs send it: `x-acs-security-token` (Alibaba ACS3, with
//! `x-acs-accesskey-id`), the `SecurityToken` query parameter (Alibaba RPC signature) or
//! `X-TC-Token` (Tencent).
//!
//! Secrets are held in [`SecretString`]: they never appear in `Debug` or `Display` output of a
//! credential or a provider, and errors name the sources tried and what was missing, never
//! values or response bodies.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use crate::schema::Provider;
use crate::sign::SecretString;
use crate::transport::BoxFuture;

/// An access key pair, optionally with an STS security token.
#[derive(Clone)]
pub struct Credentials {
    access_key_id: String,
    secret: SecretString,
    security_token: Option<SecretString>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// A long-term access key (Alibaba AccessKey ID/secret, Tencent SecretId/SecretKey).
    pub fn new(access_key_id: impl Into<String>, secret: impl Into<SecretString>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret: secret.into(),
            security_token: None,
            expiry: None,
        }
    }

    /// Adds an STS security token (temporary credentials). An empty token means none.
    pub fn with_security_token(mut self, token: impl Into<SecretString>) -> Self {
        let token = token.into();
        self.security_token = (!token.is_empty()).then_some(token);
        self
    }

    /// Marks the credentials as valid until `expiry` (temporary credentials from STS or an
    /// instance role). [`CachedCredentials`] asks its source again before that time.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// When the credentials stop being valid, if they are temporary.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The access key id (not secret: it is sent in every request).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret.
    pub fn secret(&self) -> &SecretString {
        &self.secret
    }

    /// The STS token, if any.
    pub fn security_token(&self) -> Option<&SecretString> {
        self.security_token.as_ref()
    }

    /// Reads the vendor's environment variables.
    pub fn from_env(provider: Provider) -> Result<Self, CredentialsError> {
        Self::from_lookup(provider, |name| std::env::var(name).ok())
    }

    /// Reads the vendor's variables through `lookup` (the environment, a file, a test map).
    /// Empty values count as missing.
    pub fn from_lookup(
        provider: Provider,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, CredentialsError> {
        let names = EnvNames::of(provider);
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        let id = get(names.access_key_id);
        let secret = get(names.secret);
        let mut missing = Vec::new();
        if id.is_none() {
            missing.push(names.access_key_id);
        }
        if secret.is_none() {
            missing.push(names.secret);
        }
        match (id, secret) {
            (Some(id), Some(secret)) => {
                let mut credentials = Credentials::new(id, secret);
                if let Some(token) = get(names.security_token) {
                    credentials = credentials.with_security_token(token);
                }
                Ok(credentials)
            }
            _ => Err(CredentialsError {
                provider,
                missing,
                tried: Vec::new(),
            }),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret", &self.secret)
            .field("security_token", &self.security_token)
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// The environment variable names of a vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvNames {
    /// Access key id variable.
    pub access_key_id: &'static str,
    /// Secret variable.
    pub secret: &'static str,
    /// STS token variable.
    pub security_token: &'static str,
}

impl EnvNames {
    /// Alibaba Cloud's variables.
    pub const ALIBABA: EnvNames = EnvNames {
        access_key_id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
        secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        security_token: "ALIBABA_CLOUD_SECURITY_TOKEN",
    };
    /// Tencent Cloud's variables.
    pub const TENCENT: EnvNames = EnvNames {
        access_key_id: "TENCENTCLOUD_SECRET_ID",
        secret: "TENCENTCLOUD_SECRET_KEY",
        security_token: "TENCENTCLOUD_SESSION_TOKEN",
    };

    /// The variables of `provider`.
    pub fn of(provider: Provider) -> EnvNames {
        match provider {
            Provider::Alibaba => EnvNames::ALIBABA,
            Provider::Tencent => EnvNames::TENCENT,
        }
    }
}

/// No credentials could be found. Names the missing variables or what was wrong with a
/// profile file, never a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    /// The vendor whose credentials were looked for.
    pub provider: Provider,
    /// The variables that were missing or empty.
    pub missing: Vec<&'static str>,
    /// What else was looked at and why it gave nothing (a profile file that is absent, a
    /// profile that is not in it, a mode this client cannot use), in order.
    pub tried: Vec<String>,
}

impl CredentialsError {
    /// No `provider` credentials from a source, for the reason `tried` (which must name the
    /// source and never contain a secret): what a provider of your own returns.
    pub fn new(provider: Provider, tried: impl Into<String>) -> Self {
        CredentialsError {
            provider,
            missing: Vec::new(),
            tried: vec![tried.into()],
        }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no {} credentials: ", self.provider.title())?;
        if !self.missing.is_empty() {
            write!(f, "set {}", self.missing.join(" and "))?;
        }
        for (i, t) in self.tried.iter().enumerate() {
            let sep = if i == 0 && self.missing.is_empty() {
                ""
            } else {
                "; "
            };
            write!(f, "{sep}{t}")?;
        }
        f.write_str(" (or pass `Credentials` in the client's `Config`)")
    }
}

impl std::error::Error for CredentialsError {}

/// Where a client gets its credentials, asked once per call (so rotated keys are picked up).
///
/// The call is asynchronous so that a provider may fetch (the instance metadata service, STS);
/// the providers that only read the environment or a file answer at once. Implement it for a
/// source of your own:
///
/// ```
/// use cloudspec_runtime::credentials::{Credentials, CredentialsError, ProvideCredentials};
/// use cloudspec_runtime::transport::BoxFuture;
/// use cloudspec_runtime::Provider;
///
/// #[derive(Debug)]
/// struct Vault;
///
/// impl ProvideCredentials for Vault {
///     fn provide_credentials<'a>(
///         &'a self,
///         provider: Provider,
///     ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
///         Box::pin(async move {
///             // … ask the vault for `provider`'s key …
///             Ok(Credentials::new("id", "secret"))
///         })
///     }
/// }
/// ```
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// The credentials to sign a request to a service of `provider`.
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>>;
}

/// A future that is ready with `result` (for providers that do not wait).
pub(crate) fn ready<'a>(
    result: Result<Credentials, CredentialsError>,
) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
    Box::pin(std::future::ready(result))
}

impl ProvideCredentials for Credentials {
    fn provide_credentials<'a>(
        &'a self,
        _provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        ready(Ok(self.clone()))
    }
}

/// A shared provider (one cache for several clients: pass clones of the `Arc`).
impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        (**self).provide_credentials(provider)
    }
}

/// Reads the vendor's environment variables at every call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnvironmentCredentials;

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        ready(Credentials::from_env(provider))
    }
}

mod cache;
mod chain;
mod http;
mod instance;
mod profile;
mod sts;

pub use cache::{
    ALIBABA_REFRESH_WINDOW, CachedCredentials, RETRY_AFTER_FAILURE, TENCENT_REFRESH_WINDOW,
};
pub use chain::DefaultCredentials;
pub use instance::{
    CVM_METADATA_ENDPOINT, CvmRoleCredentials, ECS_METADATA_ENDPOINT, EcsRamRoleCredentials,
};
pub use profile::{AlibabaProfileCredentials, TencentProfileCredentials};
pub use sts::{
    ALIBABA_STS_ENDPOINT, RamRoleArnCredentials, StsAssumeRoleCredentials, TENCENT_STS_ENDPOINT,
};

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::testing::now;

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn alibaba_from_env_names() {
        let c = Credentials::from_lookup(
            Provider::Alibaba,
            lookup(&[
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-id"),
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ali-SECRET"),
                ("ALIBABA_CLOUD_SECURITY_TOKEN", "sts-SECRET"),
            ]),
        )
        .unwrap();
        assert_eq!(c.access_key_id(), "LTAI-id");
        assert_eq!(c.secret().expose_secret(), "ali-SECRET");
        assert_eq!(
            c.security_token().map(SecretString::expose_secret),
            Some("sts-SECRET")
        );
        let debug = format!("{c:?} {c:#?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        assert!(debug.contains("LTAI-id"));
    }

    #[test]
    fn tencent_from_env_names() {
        let c = Credentials::from_lookup(
            Provider::Tencent,
            lookup(&[
                ("TENCENTCLOUD_SECRET_ID", "AKID-x"),
                ("TENCENTCLOUD_SECRET_KEY", "tc-SECRET"),
                ("TENCENTCLOUD_SESSION_TOKEN", ""),
                // The other vendor's variables are not read.
                ("ALIBABA_CLOUD_SECURITY_TOKEN", "nope"),
            ]),
        )
        .unwrap();
        assert_eq!(c.access_key_id(), "AKID-x");
        assert!(c.security_token().is_none(), "empty token means none");
    }

    #[test]
    fn missing_variables_are_named_without_values() {
        let e = Credentials::from_lookup(
            Provider::Alibaba,
            lookup(&[
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", ""),
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ali-SECRET"),
            ]),
        )
        .unwrap_err();
        assert_eq!(e.missing, vec!["ALIBABA_CLOUD_ACCESS_KEY_ID"]);
        let text = format!("{e} {e:?}");
        assert!(text.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{text}");
        assert!(!text.contains("SECRET\""), "{text}");
        assert!(!text.contains("ali-SECRET"), "{text}");
        let e = Credentials::from_lookup(Provider::Tencent, lookup(&[])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no Tencent Cloud credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY \
             (or pass `Credentials` in the client's `Config`)"
        );
    }

    #[test]
    fn static_credentials_provide_themselves() {
        let c = Credentials::new("id", "SECRET").with_security_token("");
        assert!(c.security_token().is_none());
        let provided = now(c.provide_credentials(Provider::Tencent)).unwrap();
        assert_eq!(provided.access_key_id(), "id");
        assert_eq!(EnvNames::of(Provider::Tencent), EnvNames::TENCENT);
    }

    #[test]
    fn environment_provider_reads_process_env() {
        // Reads whatever the process has; it must never panic.
        if let Err(e) = now(EnvironmentCredentials.provide_credentials(Provider::Alibaba)) {
            assert_eq!(e.provider, Provider::Alibaba);
        }
    }
}
