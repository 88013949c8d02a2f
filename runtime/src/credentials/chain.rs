//! The default chain, in the order of the vendors' SDKs.
//!
//! * Alibaba Cloud: the environment variables, the CLI profile file, then the ECS instance's RAM
//!   role, asked only when `ALIBABA_CLOUD_ECS_METADATA` names the role (as the
//!   `alibabacloud_credentials` chain of `providers.py` does; its newer `provider/default.py`
//!   asks the metadata service whenever `ALIBABA_CLOUD_ECS_METADATA_DISABLED` is not `true`,
//!   which would make every machine without credentials wait on 100.100.100.200) and
//!   `ALIBABA_CLOUD_ECS_METADATA_DISABLED` is not `true`.
//! * Tencent Cloud: the environment variables, the profile file, then the CVM instance's role
//!   (`tencentcloud-sdk-python-common`'s `DefaultCredentialProvider`; its last source, TKE's
//!   OIDC role, is not part of this chain).
//!
//! The environment and the files are read at every call, so rotated keys are picked up; the
//! instance role is fetched once and cached until shortly before it expires.

use std::fmt;
use std::sync::OnceLock;

use super::instance::{CvmRoleCredentials, EcsRamRoleCredentials};
use super::profile::{AlibabaProfileCredentials, Lookup, TencentProfileCredentials, env};
use super::{Credentials, CredentialsError, ProvideCredentials};
use crate::schema::Provider;
use crate::transport::BoxFuture;

/// The default chain, in the order of the vendors' SDKs.
///
/// * Alibaba Cloud: the environment variables, the CLI profile file, then the ECS instance's RAM
///   role, asked only when `ALIBABA_CLOUD_ECS_METADATA` names the role (as the
///   `alibabacloud_credentials` chain of `providers.py` does; its newer `provider/default.py`
///   asks the metadata service whenever `ALIBABA_CLOUD_ECS_METADATA_DISABLED` is not `true`,
///   which would make every machine without credentials wait on 100.100.100.200) and
///   `ALIBABA_CLOUD_ECS_METADATA_DISABLED` is not `true`.
/// * Tencent Cloud: the environment variables, the profile file, then the CVM instance's role
///   (`tencentcloud-sdk-python-common`'s `DefaultCredentialProvider`; its last source, TKE's
///   OIDC role, is not part of this chain).
///
/// The environment and the files are read at every call, so rotated keys are picked up; the
/// instance role is fetched once and cached until shortly before it expires.
///
/// When nothing gives credentials, the error names every source tried and why it gave
/// nothing, never a value.
pub struct DefaultCredentials {
    ecs_ram_role: OnceLock<EcsRamRoleCredentials>,
    ecs_ram_role_given: bool,
    cvm_role: OnceLock<CvmRoleCredentials>,
    instance_role: bool,
}

impl fmt::Debug for DefaultCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultCredentials")
            .field("ecs_ram_role", &self.ecs_ram_role.get())
            .field("cvm_role", &self.cvm_role.get())
            .field("instance_role", &self.instance_role)
            .finish()
    }
}

impl Default for DefaultCredentials {
    fn default() -> Self {
        Self::new()
    }
}

impl DefaultCredentials {
    /// The chain, with the instance role as the environment configures it.
    pub fn new() -> Self {
        DefaultCredentials {
            ecs_ram_role: OnceLock::new(),
            ecs_ram_role_given: false,
            cvm_role: OnceLock::new(),
            instance_role: true,
        }
    }

    /// Ends the Alibaba chain with this ECS role provider (another endpoint, role or
    /// transport), tried even when `ALIBABA_CLOUD_ECS_METADATA` is unset.
    pub fn ecs_ram_role(self, provider: EcsRamRoleCredentials) -> Self {
        let lock = OnceLock::new();
        let _ = lock.set(provider);
        DefaultCredentials {
            ecs_ram_role: lock,
            ecs_ram_role_given: true,
            ..self
        }
    }

    /// Ends the Tencent chain with this CVM role provider (another endpoint, role or
    /// transport).
    pub fn cvm_role(self, provider: CvmRoleCredentials) -> Self {
        let lock = OnceLock::new();
        let _ = lock.set(provider);
        DefaultCredentials {
            cvm_role: lock,
            ..self
        }
    }

    /// With `false`, never asks an instance metadata service (the environment and the
    /// profile file only).
    pub fn instance_role(mut self, enabled: bool) -> Self {
        self.instance_role = enabled;
        self
    }

    async fn resolve(
        &self,
        provider: Provider,
        lookup: Lookup,
    ) -> Result<Credentials, CredentialsError> {
        let mut error = match Credentials::from_lookup(provider, lookup) {
            Ok(c) => return Ok(c),
            Err(e) => e,
        };
        let profile = match provider {
            Provider::Alibaba => AlibabaProfileCredentials::new().load(lookup),
            Provider::Tencent => TencentProfileCredentials::new().load(lookup),
        };
        match profile {
            Ok(c) => return Ok(c),
            Err(why) => error.tried.push(why),
        }
        if !self.instance_role {
            return Err(error);
        }
        let role = match provider {
            Provider::Alibaba => {
                let disabled = lookup("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
                    .is_some_and(|v| v.eq_ignore_ascii_case("true"));
                let named = lookup("ALIBABA_CLOUD_ECS_METADATA").is_some_and(|v| !v.is_empty());
                if disabled {
                    error.tried.push(
                        "ECS RAM role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED".into(),
                    );
                    return Err(error);
                }
                if !named && !self.ecs_ram_role_given {
                    error.tried.push(
                        "ECS RAM role: not asked (set ALIBABA_CLOUD_ECS_METADATA to the \
                         instance's role name)"
                            .into(),
                    );
                    return Err(error);
                }
                self.ecs_ram_role
                    .get_or_init(|| EcsRamRoleCredentials::from_lookup(lookup))
                    .provide_credentials(provider)
                    .await
            }
            Provider::Tencent => {
                self.cvm_role
                    .get_or_init(CvmRoleCredentials::new)
                    .provide_credentials(provider)
                    .await
            }
        };
        match role {
            Ok(c) => Ok(c),
            Err(e) => {
                error.tried.extend(e.tried);
                Err(error)
            }
        }
    }
}

impl ProvideCredentials for DefaultCredentials {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        Box::pin(self.resolve(provider, env))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::testing::{Stand, reply};

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "cloudspec-credentials-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    const ECS_OK: &str = r#"{"AccessKeyId":"STS.ecs","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2999-01-01T00:00:00Z","Code":"Success"}"#;
    const CVM_OK: &str = r#"{"TmpSecretId":"AKID-cvm","TmpSecretKey":"s","Token":"t","ExpiredTime":32503680000,"Code":"Success"}"#;

    /// A metadata service answering both vendors' paths; `broken` answers 500 to everything.
    fn metadata(broken: bool) -> Stand {
        Stand::new(move |r, _| {
            if broken {
                return reply(500, "");
            }
            let path = r.url.strip_prefix("http://meta.test").unwrap_or("");
            match (r.method.as_str(), path) {
                ("PUT", _) => reply(200, "token"),
                (_, "/latest/meta-data/ram/security-credentials/") => reply(200, "ecs-role"),
                (_, "/latest/meta-data/ram/security-credentials/ecs-role") => reply(200, ECS_OK),
                (_, "/latest/meta-data/cam/security-credentials/") => reply(200, "cvm-role"),
                (_, "/latest/meta-data/cam/security-credentials/cvm-role") => reply(200, CVM_OK),
                _ => reply(404, ""),
            }
        })
    }

    fn chain(stand: &Stand) -> DefaultCredentials {
        DefaultCredentials::new().cvm_role(
            CvmRoleCredentials::new()
                .endpoint("http://meta.test")
                .transport(stand.clone()),
        )
    }

    // A `Lookup` is a plain function, so the home directory goes through a static.
    static HOME: OnceLock<String> = OnceLock::new();

    fn home() -> String {
        HOME.get_or_init(|| {
            let dir = scratch("chain");
            std::fs::create_dir_all(dir.join(".tencentcloud")).unwrap();
            std::fs::write(
                dir.join(".tencentcloud/credentials"),
                "[default]\nsecret_id = AKID-file\nsecret_key = SECRET-file\n",
            )
            .unwrap();
            dir.display().to_string()
        })
        .clone()
    }

    fn home_only(k: &str) -> Option<String> {
        (k == "HOME").then(home)
    }

    fn nothing(k: &str) -> Option<String> {
        (k == "HOME").then(|| "/nonexistent-cloudspec-home".to_string())
    }

    #[tokio::test]
    async fn environment_then_profile_file_then_instance_role() {
        fn env_and_home(k: &str) -> Option<String> {
            match k {
                "TENCENTCLOUD_SECRET_ID" => Some("AKID-env".into()),
                "TENCENTCLOUD_SECRET_KEY" => Some("SECRET-env".into()),
                _ => home_only(k),
            }
        }
        let stand = metadata(false);
        let chain = chain(&stand);
        // The environment first.
        let c = chain
            .resolve(Provider::Tencent, env_and_home)
            .await
            .unwrap();
        assert_eq!(c.access_key_id(), "AKID-env");
        // Then the profile file.
        let c = chain.resolve(Provider::Tencent, home_only).await.unwrap();
        assert_eq!(c.access_key_id(), "AKID-file");
        assert!(stand.seen().is_empty());
        // Then the CVM role.
        let c = chain.resolve(Provider::Tencent, nothing).await.unwrap();
        assert_eq!(c.access_key_id(), "AKID-cvm");
        // Switched off: the metadata service is not asked.
        let before = stand.seen().len();
        let e = chain
            .instance_role(false)
            .resolve(Provider::Tencent, nothing)
            .await
            .unwrap_err();
        assert_eq!(e.tried.len(), 1, "{e:?}");
        assert_eq!(stand.seen().len(), before);
    }

    #[tokio::test]
    async fn alibaba_asks_the_ecs_role_only_when_named() {
        fn named(k: &str) -> Option<String> {
            match k {
                "ALIBABA_CLOUD_ECS_METADATA" => Some("ecs-role".into()),
                _ => nothing(k),
            }
        }
        fn named_but_disabled(k: &str) -> Option<String> {
            match k {
                "ALIBABA_CLOUD_ECS_METADATA_DISABLED" => Some("true".into()),
                _ => named(k),
            }
        }
        let stand = metadata(false);
        let ecs = || {
            EcsRamRoleCredentials::from_lookup(|_| None)
                .endpoint("http://meta.test")
                .transport(stand.clone())
        };
        // Not named: not asked, and the error says how to ask it.
        let e = DefaultCredentials::new()
            .resolve(Provider::Alibaba, nothing)
            .await
            .unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET; no profile file at /nonexistent-cloudspec-home/.aliyun/config.json; ECS RAM role: not asked (set ALIBABA_CLOUD_ECS_METADATA"), "{text}");
        // Named: asked (through the provider given for the test).
        let chain = DefaultCredentials::new().ecs_ram_role(ecs());
        let c = chain.resolve(Provider::Alibaba, named).await.unwrap();
        assert_eq!(c.access_key_id(), "STS.ecs");
        // Disabled.
        let e = chain
            .resolve(Provider::Alibaba, named_but_disabled)
            .await
            .unwrap_err();
        assert_eq!(
            e.tried.last().map(String::as_str),
            Some("ECS RAM role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED")
        );
    }

    #[tokio::test]
    async fn every_source_tried_is_named_in_order() {
        let stand = metadata(true);
        let e = chain(&stand)
            .resolve(Provider::Tencent, nothing)
            .await
            .unwrap_err();
        assert_eq!(
            e.missing,
            ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"]
        );
        assert_eq!(
            e.tried,
            [
                "no profile file at /nonexistent-cloudspec-home/.tencentcloud/credentials",
                "CVM role from the metadata service at http://meta.test: the role name: HTTP 500",
            ]
        );
        assert_eq!(
            e.to_string(),
            "no Tencent Cloud credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY; \
             no profile file at /nonexistent-cloudspec-home/.tencentcloud/credentials; CVM role \
             from the metadata service at http://meta.test: the role name: HTTP 500 (or pass \
             `Credentials` in the client's `Config`)"
        );
        let text = format!("{:?}", chain(&stand));
        assert!(text.contains("DefaultCredentials"), "{text}");
    }
}
