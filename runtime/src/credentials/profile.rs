//! Credentials from the vendors' profile files, read as their official SDKs read them.
//!
//! * Alibaba Cloud: the CLI's `~/.aliyun/config.json` (`{"current": …, "profiles": [{"name",
//!   "mode", "access_key_id", "access_key_secret", "sts_token"}]}`), the profile named by
//!   `ALIBABA_CLOUD_PROFILE`, else the file's `current`; `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`
//!   turns it off (the `alibabacloud_credentials` package's `CLIProfileCredentialsProvider`).
//!   Modes `AK` and `StsToken` are read; modes that call STS or the instance metadata service
//!   (`RamRoleArn`, `EcsRamRole`, `OIDC`, …) are reported by name as not read from a profile
//!   ([`super::RamRoleArnCredentials`] and [`super::EcsRamRoleCredentials`] make those calls).
//! * Tencent Cloud: the INI file `~/.tencentcloud/credentials`, else
//!   `/etc/tencentcloud/credentials`, section `[default]` (or a named profile), keys `secret_id`
//!   and `secret_key` (`tencentcloud-sdk-python-common`'s `ProfileCredential`), and
//!   `token` for temporary credentials.
//!
//! Files are read at each call, so a rotated key is picked up. No error or `Debug` output
//! contains a secret.

use std::fmt;
use std::path::{Path, PathBuf};

use super::{Credentials, CredentialsError, ProvideCredentials, ready};
use crate::schema::Provider;
use crate::transport::BoxFuture;

pub(super) type Lookup = fn(&str) -> Option<String>;

pub(super) fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The user's home directory (`HOME`, or `USERPROFILE` on Windows).
fn home(lookup: Lookup) -> Option<PathBuf> {
    lookup("HOME")
        .or_else(|| lookup("USERPROFILE"))
        .map(PathBuf::from)
}

fn failure(provider: Provider, tried: String) -> CredentialsError {
    CredentialsError {
        provider,
        missing: Vec::new(),
        tried: vec![tried],
    }
}

/// Alibaba Cloud credentials from the CLI's profile file.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct AlibabaProfileCredentials {
    path: Option<PathBuf>,
    profile: Option<String>,
}

impl fmt::Debug for AlibabaProfileCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AlibabaProfileCredentials")
            .field("path", &self.path)
            .field("profile", &self.profile)
            .finish()
    }
}

impl AlibabaProfileCredentials {
    /// `~/.aliyun/config.json`, the profile `ALIBABA_CLOUD_PROFILE` names or else the file's
    /// `current` one.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads this file instead.
    pub fn path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Uses this profile.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    pub(super) fn load(&self, lookup: Lookup) -> Result<Credentials, String> {
        if lookup("ALIBABA_CLOUD_CLI_PROFILE_DISABLED")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        {
            return Err(
                "the CLI profile file is disabled (ALIBABA_CLOUD_CLI_PROFILE_DISABLED)".into(),
            );
        }
        let path = match &self.path {
            Some(p) => p.clone(),
            None => home(lookup)
                .ok_or("no home directory (HOME) to find ~/.aliyun/config.json")?
                .join(".aliyun/config.json"),
        };
        let text = read(&path)?;
        let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{} is not JSON (line {}, column {})",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        let name = self
            .profile
            .clone()
            .or_else(|| lookup("ALIBABA_CLOUD_PROFILE"))
            .or_else(|| {
                doc.get("current")
                    .and_then(|c| c.as_str())
                    .map(str::to_string)
            })
            .filter(|n| !n.is_empty())
            .ok_or_else(|| format!("{} names no current profile", path.display()))?;
        let profile = doc
            .get("profiles")
            .and_then(|p| p.as_array())
            .into_iter()
            .flatten()
            .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(name.as_str()))
            .ok_or_else(|| format!("{} has no profile `{name}`", path.display()))?;
        let field = |k: &str| {
            profile
                .get(k)
                .and_then(|v| v.as_str())
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let keys = || -> Result<Credentials, String> {
            match (field("access_key_id"), field("access_key_secret")) {
                (Some(id), Some(secret)) => Ok(Credentials::new(id, secret)),
                _ => Err(format!(
                    "profile `{name}` in {} lacks access_key_id or access_key_secret",
                    path.display()
                )),
            }
        };
        match field("mode").as_deref() {
            Some("AK") => keys(),
            Some("StsToken") => {
                let token = field("sts_token").ok_or_else(|| {
                    format!(
                        "profile `{name}` (StsToken) in {} has no sts_token",
                        path.display()
                    )
                })?;
                Ok(keys()?.with_security_token(token))
            }
            Some(mode) => Err(format!(
                "profile `{name}` in {} uses mode `{mode}`, which is not read from a profile (modes AK and StsToken are; for a role use RamRoleArnCredentials or EcsRamRoleCredentials)",
                path.display()
            )),
            None => Err(format!(
                "profile `{name}` in {} has no mode",
                path.display()
            )),
        }
    }
}

impl ProvideCredentials for AlibabaProfileCredentials {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        if provider != Provider::Alibaba {
            return ready(Err(failure(
                provider,
                "an Alibaba Cloud profile signs only Alibaba Cloud services".into(),
            )));
        }
        ready(self.load(env).map_err(|e| failure(provider, e)))
    }
}

/// Tencent Cloud credentials from the SDK's profile file.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TencentProfileCredentials {
    path: Option<PathBuf>,
    profile: Option<String>,
}

impl fmt::Debug for TencentProfileCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TencentProfileCredentials")
            .field("path", &self.path)
            .field("profile", &self.profile)
            .finish()
    }
}

impl TencentProfileCredentials {
    /// `~/.tencentcloud/credentials` (else `/etc/tencentcloud/credentials`), section `default`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads this file instead.
    pub fn path(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Uses this section instead of `default`.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    pub(super) fn load(&self, lookup: Lookup) -> Result<Credentials, String> {
        let path = match &self.path {
            Some(p) => p.clone(),
            None => {
                let user = home(lookup).map(|h| h.join(".tencentcloud/credentials"));
                let system = PathBuf::from("/etc/tencentcloud/credentials");
                match user {
                    Some(u) if u.is_file() => u,
                    _ if system.is_file() => system,
                    Some(u) => u,
                    None => {
                        return Err(
                            "no home directory (HOME) to find ~/.tencentcloud/credentials".into(),
                        );
                    }
                }
            }
        };
        let text = read(&path)?;
        let section = self.profile.as_deref().unwrap_or("default");
        let values = ini_section(&text, section)
            .ok_or_else(|| format!("{} has no [{section}] section", path.display()))?;
        let get = |k: &str| {
            values
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
        };
        match (get("secret_id"), get("secret_key")) {
            (Some(id), Some(key)) => {
                let c = Credentials::new(id, key);
                Ok(match get("token") {
                    Some(token) => c.with_security_token(token),
                    None => c,
                })
            }
            _ if get("role_arn").is_some() => Err(format!(
                "[{section}] in {} assumes a role (role_arn), which is not read from a profile (use StsAssumeRoleCredentials)",
                path.display()
            )),
            _ => Err(format!(
                "[{section}] in {} lacks secret_id or secret_key",
                path.display()
            )),
        }
    }
}

impl ProvideCredentials for TencentProfileCredentials {
    fn provide_credentials<'a>(
        &'a self,
        provider: Provider,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        if provider != Provider::Tencent {
            return ready(Err(failure(
                provider,
                "a Tencent Cloud profile signs only Tencent Cloud services".into(),
            )));
        }
        ready(self.load(env).map_err(|e| failure(provider, e)))
    }
}

/// The key-value pairs of one `[section]` of an INI file (`key = value` or `key: value`;
/// `#` and `;` start comments), or `None` when the section is absent.
fn ini_section(text: &str, section: &str) -> Option<Vec<(String, String)>> {
    let mut current: Option<&str> = None;
    let mut found = false;
    let mut values = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.trim());
            found |= current == Some(section);
            continue;
        }
        if current != Some(section) {
            continue;
        }
        let split = line.find(['=', ':']);
        if let Some(at) = split {
            values.push((
                line[..at].trim().to_string(),
                line[at + 1..].trim().to_string(),
            ));
        }
    }
    found.then_some(values)
}

/// A profile file's text, or why not (never its contents).
fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("no profile file at {}", path.display()),
        _ => format!("cannot read {}: {e}", path.display()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::SecretString;
    use crate::testing::now;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "cloudspec-credentials-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    const ALIYUN: &str = r#"{
        "current": "work",
        "profiles": [
            {"name": "default", "mode": "AK", "access_key_id": "LTAI-default", "access_key_secret": "SECRET-d"},
            {"name": "work", "mode": "StsToken", "access_key_id": "STS.id", "access_key_secret": "SECRET-w", "sts_token": "TOKEN-w"},
            {"name": "role", "mode": "RamRoleArn", "access_key_id": "a", "access_key_secret": "b", "ram_role_arn": "acs:ram::1:role/x"},
            {"name": "empty", "mode": "AK", "access_key_id": "", "access_key_secret": ""}
        ]
    }"#;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn alibaba_profiles_by_name_current_and_mode() {
        let dir = scratch("aliyun");
        let path = dir.join("config.json");
        std::fs::write(&path, ALIYUN).unwrap();
        let p = AlibabaProfileCredentials::new().path(&path);
        // The file's current profile: StsToken.
        let c = p.load(no_env).unwrap();
        assert_eq!(c.access_key_id(), "STS.id");
        assert_eq!(
            c.security_token().map(SecretString::expose_secret),
            Some("TOKEN-w")
        );
        // By name.
        let c = p.clone().profile("default").load(no_env).unwrap();
        assert_eq!(c.access_key_id(), "LTAI-default");
        assert!(c.security_token().is_none());
        // ALIBABA_CLOUD_PROFILE.
        fn by_env(k: &str) -> Option<String> {
            (k == "ALIBABA_CLOUD_PROFILE").then(|| "default".to_string())
        }
        assert_eq!(p.load(by_env).unwrap().access_key_id(), "LTAI-default");
        // What cannot be used says why, without secrets.
        let e = p.clone().profile("role").load(no_env).unwrap_err();
        assert!(e.contains("uses mode `RamRoleArn`"), "{e}");
        let e = p.clone().profile("nope").load(no_env).unwrap_err();
        assert!(e.contains("has no profile `nope`"), "{e}");
        let e = p.clone().profile("empty").load(no_env).unwrap_err();
        assert!(
            e.contains("lacks access_key_id or access_key_secret"),
            "{e}"
        );
        fn disabled(k: &str) -> Option<String> {
            (k == "ALIBABA_CLOUD_CLI_PROFILE_DISABLED").then(|| "TRUE".to_string())
        }
        assert!(p.load(disabled).unwrap_err().contains("disabled"));
        std::fs::write(&path, "{not json").unwrap();
        let e = p.load(no_env).unwrap_err();
        assert!(e.contains("is not JSON (line 1, column 2)"), "{e}");
        let e = AlibabaProfileCredentials::new()
            .path(dir.join("missing.json"))
            .load(no_env)
            .unwrap_err();
        assert!(e.starts_with("no profile file at"), "{e}");
        for text in [format!("{p:?}"), e] {
            assert!(!text.contains("SECRET"), "{text}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn tencent_profiles_by_section() {
        let dir = scratch("tencent");
        let path = dir.join("credentials");
        std::fs::write(
            &path,
            "# comment\n[default]\nsecret_id = AKID-d\nsecret_key= SECRET-d \n\n[staging]\nsecret_id: AKID-s\nsecret_key: SECRET-s\ntoken = TOKEN-s\n[role]\nrole_arn = qcs::cam::uin/1:roleName/x\n",
        )
        .unwrap();
        let p = TencentProfileCredentials::new().path(&path);
        let c = p.load(no_env).unwrap();
        assert_eq!(c.access_key_id(), "AKID-d");
        assert_eq!(c.secret().expose_secret(), "SECRET-d");
        let c = p.clone().profile("staging").load(no_env).unwrap();
        assert_eq!(
            c.security_token().map(SecretString::expose_secret),
            Some("TOKEN-s")
        );
        let e = p.clone().profile("role").load(no_env).unwrap_err();
        assert!(e.contains("assumes a role"), "{e}");
        let e = p.clone().profile("prod").load(no_env).unwrap_err();
        assert!(e.contains("has no [prod] section"), "{e}");
        assert!(!e.contains("SECRET"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn profiles_sign_only_their_vendor() {
        let e = now(AlibabaProfileCredentials::new().provide_credentials(Provider::Tencent))
            .unwrap_err();
        assert!(
            e.to_string().contains("signs only Alibaba Cloud services"),
            "{e}"
        );
        let e = now(TencentProfileCredentials::new().provide_credentials(Provider::Alibaba))
            .unwrap_err();
        assert!(
            e.to_string().contains("signs only Tencent Cloud services"),
            "{e}"
        );
    }
}
