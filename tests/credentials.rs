//! Credentials that are fetched, end to end over loopback: the instance metadata services
//! (Alibaba ECS with its IMDSv2 token, Tencent CVM) and STS `AssumeRole` of both vendors, each
//! played by a 127.0.0.1 server the test starts (the STS stand-ins verify the signature
//! independently of the runtime), through the runtime's default transport; then the
//! temporary credentials signing a real call. Failures (an error document, HTTP 500, a body
//! that is not JSON, a refused connection, a service that never answers) must give a clear
//! `CredentialsError`, never a panic or a hang, and never a secret.

mod wire_support;

use std::time::Duration;

use cloudspec_clients::alibaba::ens::v2017_11_10 as ens;
use cloudspec_clients::runtime::client::{Config, ConfigError, Error};
use cloudspec_clients::runtime::credentials::{
    CredentialsError, CvmRoleCredentials, EcsRamRoleCredentials, ProvideCredentials,
    RamRoleArnCredentials, StsAssumeRoleCredentials,
};
use cloudspec_clients::runtime::transport::TransportOptions;
use cloudspec_clients::runtime::{Credentials, Provider, RetryPolicy};
use cloudspec_clients::tencent::cvm::v2017_03_12 as cvm;
use cloudspec_tests::requests::{cvm_request, ens_request};
use wire_support::{AK_ID, AK_SECRET, Captured, Reply, STS_TOKEN, Scheme, Server};

/// Far enough ahead that the cache keeps what it got for the whole test.
const EXPIRATION: &str = "2999-01-01T00:00:00Z";

fn ecs_answer(code: &str) -> String {
    format!(
        r#"{{"AccessKeyId":"{AK_ID}","AccessKeySecret":"{AK_SECRET}","Expiration":"{EXPIRATION}","SecurityToken":"{STS_TOKEN}","LastUpdated":"2026-11-30T06:00:00Z","Code":"{code}"}}"#
    )
}

/// An ECS metadata service with an IMDSv2 token and the role `ecs-role`.
async fn ecs_service(code: &'static str) -> Server {
    Server::start(Scheme::Unsigned, move |r: &Captured, _| {
        match (r.method.as_str(), r.path.as_str()) {
            ("PUT", "/latest/api/token") => Reply::with_content_type(200, "text/plain", "v2-tok"),
            ("GET", "/latest/meta-data/ram/security-credentials/") => {
                Reply::with_content_type(200, "text/plain", "ecs-role")
            }
            ("GET", "/latest/meta-data/ram/security-credentials/ecs-role") => {
                Reply::json(200, &ecs_answer(code))
            }
            _ => Reply::json(404, "{}"),
        }
    })
    .await
}

fn assert_no_secret(text: &str) {
    for secret in [AK_SECRET, STS_TOKEN] {
        assert!(!text.contains(secret), "a secret leaked: {text}");
    }
}

/// The error text, checked for secrets.
fn described(e: &CredentialsError) -> String {
    let text = format!("{e} {e:?}");
    assert_no_secret(&text);
    text
}

#[tokio::test]
async fn ecs_role_with_an_imdsv2_token_signs_a_call() {
    let metadata = ecs_service("Success").await;
    let provider = EcsRamRoleCredentials::new().endpoint(&metadata.endpoint());
    let c = provider
        .provide_credentials(Provider::Alibaba)
        .await
        .unwrap();
    assert_eq!(c.access_key_id(), AK_ID);
    assert_eq!(c.secret().expose_secret(), AK_SECRET);
    assert!(c.expiry().is_some());
    let requests = metadata.requests();
    let steps: Vec<(&str, &str)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            ("PUT", "/latest/api/token"),
            ("GET", "/latest/meta-data/ram/security-credentials/"),
            ("GET", "/latest/meta-data/ram/security-credentials/ecs-role"),
        ]
    );
    assert_eq!(
        requests[0].header("x-aliyun-ecs-metadata-token-ttl-seconds"),
        Some("21600")
    );
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.header("x-aliyun-ecs-metadata-token") == Some("v2-tok"))
    );
    metadata.assert_all_verified();

    // The role's credentials sign a call (the server verifies with the same secret), the
    // token travels with it, and the cache answers the second call.
    let service = Server::start(Scheme::Acs3, |_, _| {
        Reply::json(200, r#"{"RequestId":"r","ImageId":"m-1"}"#)
    })
    .await;
    let client = ens::EnsClient::new(
        Config::new()
            .endpoint(service.endpoint())
            .credentials_provider(provider),
    );
    client.call(ens_request()).await.unwrap();
    client.call(ens_request()).await.unwrap();
    service.assert_all_verified();
    assert_eq!(
        service.requests()[0].header("x-acs-security-token"),
        Some(STS_TOKEN)
    );
    assert_eq!(metadata.request_count(), 3, "cached");
}

#[tokio::test]
async fn ecs_role_failures_are_clear() {
    // A failing `Code`.
    let metadata = ecs_service("Failed").await;
    let e = EcsRamRoleCredentials::new()
        .endpoint(&metadata.endpoint())
        .provide_credentials(Provider::Alibaba)
        .await
        .unwrap_err();
    assert_eq!(
        e.tried,
        [format!(
            "ECS RAM role from the metadata service at {}: role `ecs-role`: the service \
             answered Code `Failed`",
            metadata.endpoint()
        )]
    );
    described(&e);

    // HTTP 500 and a body that is not JSON, IMDSv1 only (no token).
    let broken = Server::start(Scheme::Unsigned, |r: &Captured, _| {
        match r.method.as_str() {
            "PUT" => Reply::json(404, "{}"),
            _ if r.path.ends_with("/good") => {
                Reply::with_content_type(200, "text/html", "<html>not json</html>")
            }
            _ => Reply::json(500, "{}"),
        }
    })
    .await;
    for (role, why) in [
        ("bad", "role `bad`: HTTP 500"),
        (
            "good",
            "role `good`: the answer is not JSON (line 1, column 1)",
        ),
    ] {
        let e = EcsRamRoleCredentials::new()
            .endpoint(&broken.endpoint())
            .role_name(role)
            .provide_credentials(Provider::Alibaba)
            .await
            .unwrap_err();
        assert!(described(&e).contains(why), "{e}");
    }
    assert!(
        broken
            .requests()
            .iter()
            .all(|r| r.header("x-aliyun-ecs-metadata-token").is_none())
    );
}

/// A port nothing listens on.
fn closed_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn no_metadata_service_gives_up_quickly() {
    // Connection refused: a connect error for the token, then for the listing.
    let endpoint = closed_port();
    let e = EcsRamRoleCredentials::new()
        .endpoint(&endpoint)
        .provide_credentials(Provider::Alibaba)
        .await
        .unwrap_err();
    let text = described(&e);
    assert!(
        text.contains(&format!(
            "ECS RAM role from the metadata service at {endpoint}: the role name: connection failed"
        )),
        "{text}"
    );
    let e = CvmRoleCredentials::new()
        .endpoint(&endpoint)
        .provide_credentials(Provider::Tencent)
        .await
        .unwrap_err();
    assert!(
        described(&e).contains("the role name: connection failed"),
        "{e}"
    );

    // A service that accepts and never answers: the read timeout ends it.
    let hang = Server::start(Scheme::Unsigned, |_, _| Reply::Hang).await;
    let short = TransportOptions {
        connect_timeout: Duration::from_millis(500),
        read_timeout: Duration::from_millis(200),
    };
    let e = CvmRoleCredentials::new()
        .endpoint(&hang.endpoint())
        .timeouts(short)
        .role_name("r")
        .provide_credentials(Provider::Tencent)
        .await
        .unwrap_err();
    assert!(described(&e).contains("role `r`: timed out"), "{e}");
}

#[tokio::test]
async fn cvm_role_signs_a_call() {
    let metadata = Server::start(Scheme::Unsigned, |r: &Captured, _| {
        match (r.method.as_str(), r.path.as_str()) {
            ("GET", "/latest/meta-data/cam/security-credentials/") => {
                Reply::with_content_type(200, "text/plain", "cvm-role")
            }
            ("GET", "/latest/meta-data/cam/security-credentials/cvm-role") => Reply::json(
                200,
                &format!(
                    r#"{{"TmpSecretId":"{AK_ID}","TmpSecretKey":"{AK_SECRET}","ExpiredTime":32503680000,"Expiration":"{EXPIRATION}","Token":"{STS_TOKEN}","Code":"Success"}}"#
                ),
            ),
            _ => Reply::json(404, "{}"),
        }
    })
    .await;
    let service = Server::start(Scheme::Tc3, |_, _| {
        Reply::json(200, r#"{"Response":{"ImageId":"img-1","RequestId":"r"}}"#)
    })
    .await;
    let client = cvm::CvmClient::new(
        Config::new()
            .endpoint(service.endpoint())
            .region("ap-guangzhou")
            .credentials_provider(CvmRoleCredentials::new().endpoint(&metadata.endpoint())),
    );
    client.call(cvm_request()).await.unwrap();
    client.call(cvm_request()).await.unwrap();
    service.assert_all_verified();
    assert_eq!(service.requests()[1].header("x-tc-token"), Some(STS_TOKEN));
    assert_eq!(metadata.request_count(), 2, "listing and credentials, once");
}

#[tokio::test]
async fn alibaba_assume_role_is_signed_and_its_credentials_sign_a_call() {
    // The STS stand-in verifies the RPC HMAC-SHA1 signature with the source secret.
    let sts = Server::start(Scheme::Rpc, |r: &Captured, _| {
        Reply::json(
            200,
            &format!(
                r#"{{"RequestId":"r-{}","AssumedRoleUser":{{"Arn":"acs:ram::1:role/deployer/job","AssumedRoleId":"3:job"}},"Credentials":{{"SecurityToken":"{STS_TOKEN}","AccessKeyId":"{AK_ID}","AccessKeySecret":"{AK_SECRET}","Expiration":"{EXPIRATION}"}}}}"#,
                r.path.len()
            ),
        )
    })
    .await;
    let role = RamRoleArnCredentials::new(Credentials::new(AK_ID, AK_SECRET))
        .role_arn("acs:ram::1:role/deployer")
        .role_session_name("job")
        .duration_seconds(900)
        .policy(r#"{"Version":"1","Statement":[]}"#)
        .endpoint(&sts.endpoint());
    let service = Server::start(Scheme::Acs3, |_, _| {
        Reply::json(200, r#"{"RequestId":"r","ImageId":"m-1"}"#)
    })
    .await;
    let client = ens::EnsClient::new(
        Config::new()
            .endpoint(service.endpoint())
            .credentials_provider(role),
    );
    client.call(ens_request()).await.unwrap();
    client.call(ens_request()).await.unwrap();
    sts.assert_all_verified();
    service.assert_all_verified();
    assert_eq!(sts.request_count(), 1, "cached");
    let r = &sts.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/"));
    for (name, value) in [
        ("Action", "AssumeRole"),
        ("Format", "JSON"),
        ("Version", "2015-04-01"),
        ("DurationSeconds", "900"),
        ("RoleArn", "acs:ram::1:role/deployer"),
        ("RoleSessionName", "job"),
        ("Policy", r#"{"Version":"1","Statement":[]}"#),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("AccessKeyId", AK_ID),
    ] {
        assert_eq!(r.query_value(name).as_deref(), Some(value), "{name}");
    }
    assert!(r.query_value("SecurityToken").is_none());
    assert_eq!(
        service.requests()[0].header("x-acs-security-token"),
        Some(STS_TOKEN)
    );
}

#[tokio::test]
async fn alibaba_assume_role_errors_reach_the_caller() {
    let sts = Server::start(Scheme::Rpc, |_, _| {
        Reply::json(
            403,
            r#"{"RequestId":"r-9","HostId":"sts.aliyuncs.com","Code":"NoPermission","Message":"You are not authorized to do this action."}"#,
        )
    })
    .await;
    let client = ens::EnsClient::new(
        Config::new()
            .endpoint(closed_port())
            .retry(RetryPolicy::none())
            .credentials_provider(
                RamRoleArnCredentials::new(Credentials::new(AK_ID, AK_SECRET))
                    .role_arn("acs:ram::1:role/deployer")
                    .endpoint(&sts.endpoint()),
            ),
    );
    let e = client.call(ens_request()).await.unwrap_err();
    let Error::Config(ConfigError::Credentials(e)) = e else {
        panic!("expected a credentials error, got {e}");
    };
    assert_eq!(
        e.tried,
        [format!(
            "RAM role through STS AssumeRole at {}: role acs:ram::1:role/deployer: \
             NoPermission: You are not authorized to do this action. (HTTP 403, request id r-9)",
            sts.endpoint()
        )]
    );
    described(&e);
    // Nothing was cached: the next call asks again.
    assert!(client.call(ens_request()).await.is_err());
    assert_eq!(sts.request_count(), 2);
}

#[tokio::test]
async fn tencent_assume_role_is_signed_and_its_credentials_sign_a_call() {
    let sts = Server::start(Scheme::Tc3For("sts"), |_, _| {
        Reply::json(
            200,
            &format!(
                r#"{{"Response":{{"Credentials":{{"Token":"{STS_TOKEN}","TmpSecretId":"{AK_ID}","TmpSecretKey":"{AK_SECRET}"}},"ExpiredTime":32503680000,"Expiration":"{EXPIRATION}","RequestId":"r-1"}}}}"#
            ),
        )
    })
    .await;
    let role = StsAssumeRoleCredentials::new(
        Credentials::new(AK_ID, AK_SECRET),
        "qcs::cam::uin/100000000001:roleName/deployer",
        "job",
    )
    .endpoint(&sts.endpoint());
    let service = Server::start(Scheme::Tc3, |_, _| {
        Reply::json(200, r#"{"Response":{"ImageId":"img-1","RequestId":"r"}}"#)
    })
    .await;
    let client = cvm::CvmClient::new(
        Config::new()
            .endpoint(service.endpoint())
            .region("ap-guangzhou")
            .credentials_provider(role),
    );
    client.call(cvm_request()).await.unwrap();
    client.call(cvm_request()).await.unwrap();
    sts.assert_all_verified();
    service.assert_all_verified();
    assert_eq!(sts.request_count(), 1, "cached");
    let r = &sts.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"));
    assert_eq!(r.header("x-tc-action"), Some("AssumeRole"));
    assert_eq!(r.header("x-tc-version"), Some("2018-08-13"));
    assert_eq!(r.header("x-tc-region"), Some("ap-guangzhou"));
    let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "RoleArn": "qcs::cam::uin/100000000001:roleName/deployer",
            "RoleSessionName": "job",
            "DurationSeconds": 7200
        })
    );
    assert!(
        r.header("authorization")
            .is_some_and(|a| a.starts_with(&format!("TC3-HMAC-SHA256 Credential={AK_ID}/")))
    );
    assert_eq!(service.requests()[0].header("x-tc-token"), Some(STS_TOKEN));
}

#[tokio::test]
async fn tencent_assume_role_errors_are_clear() {
    let sts = Server::start(Scheme::Tc3For("sts"), |_, i| match i {
        0 => Reply::json(
            200,
            r#"{"Response":{"Error":{"Code":"AuthFailure.UnauthorizedOperation","Message":"no permission"},"RequestId":"r-3"}}"#,
        ),
        1 => Reply::json(500, "{}"),
        _ => Reply::with_content_type(502, "text/html", "<html>bad gateway</html>"),
    })
    .await;
    let role = || {
        StsAssumeRoleCredentials::new(
            Credentials::new(AK_ID, AK_SECRET),
            "qcs::cam::uin/1:roleName/x",
            "s",
        )
        .endpoint(&sts.endpoint())
    };
    let prefix = format!(
        "CAM role qcs::cam::uin/1:roleName/x through STS AssumeRole at {}: ",
        sts.endpoint()
    );
    for why in [
        "AuthFailure.UnauthorizedOperation: no permission (HTTP 200, request id r-3)",
        "not an AssumeRole answer (HTTP 500)",
        "not an AssumeRole answer (HTTP 502)",
    ] {
        let e = role()
            .provide_credentials(Provider::Tencent)
            .await
            .unwrap_err();
        assert_eq!(e.tried.len(), 1);
        assert!(e.tried[0].starts_with(&format!("{prefix}{why}")), "{e}");
        described(&e);
    }
    // Connection refused.
    let endpoint = closed_port();
    let e = StsAssumeRoleCredentials::new(Credentials::new(AK_ID, AK_SECRET), "arn", "s")
        .endpoint(&endpoint)
        .provide_credentials(Provider::Tencent)
        .await
        .unwrap_err();
    assert!(described(&e).contains("connection failed"), "{e}");
}

/// README.md's instance-role and AssumeRole example, compiled (not run: it would reach the
/// vendors).
#[allow(dead_code)]
fn readme_example() -> [Config; 3] {
    use cloudspec_clients::runtime::credentials::EnvironmentCredentials;

    // On an ECS instance: its RAM role (the name saves a request to the metadata service).
    let on_ecs = Config::new().credentials_provider(EcsRamRoleCredentials::new().role_name("app"));

    // The keys in the environment assume a role, for an hour at a time.
    let deployer = RamRoleArnCredentials::new(EnvironmentCredentials)
        .role_arn("acs:ram::123456789012****:role/deployer")
        .role_session_name("deploy-job");
    let alibaba = Config::new().credentials_provider(deployer);

    // Tencent: role ARN and session name, 7200 s sessions.
    let tencent = Config::new().credentials_provider(StsAssumeRoleCredentials::new(
        EnvironmentCredentials,
        "qcs::cam::uin/100000000001:roleName/deployer",
        "deploy-job",
    ));
    [on_ecs, alibaba, tencent]
}
