//! The end-to-end tests' server: `cloudspec mock` ([`cloudspec::mock::MockServer`]) serving the
//! repository's specs, verifying every request's signature with the test key pair (with its
//! own verifiers, written from `shared/reference/signing.md` independently of the runtime's
//! signers) and validating it as the specs document, then answering with what the test's
//! handler says.
//!
//! A request the mock refuses (a bad signature, an unknown action, a parameter the spec
//! forbids) gets the vendor's error document and is listed by [`Server::failures`], which
//! also checks what only these tests require: the expected signature, and the endpoint's
//! authority sent once as `Host`.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use cloudspec::mock::{MockOptions, MockServer};
use cloudspec::model::Model;

pub use cloudspec::mock::Recorded as Captured;
pub use cloudspec::mock::Reply;

/// The test key pair; the secret must never show up in errors or logs.
pub const AK_ID: &str = "LTAI5tTestAccessKeyId";
pub const AK_SECRET: &str = "TestSecret-MUST-NOT-LEAK-4f1c";
pub const STS_TOKEN: &str = "TestStsToken-MUST-NOT-LEAK-9a2b";
/// The pinned signing time: 2023-10-26T10:22:32Z.
pub const TIMESTAMP: i64 = 1_698_315_752;
pub const NONCE: &str = "3156853299f313e23d1673dc12e1703d";

/// Which signature the test expects its requests to carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Acs3,
    Rpc,
    Tc3,
    /// TC3 with another service name in the credential scope (`sts`): a stand-in for a service
    /// the specs do not cover, answered by the handler.
    Tc3For(&'static str),
    /// Nothing is signed (an instance metadata service).
    Unsigned,
}

impl Scheme {
    fn name(self) -> Option<&'static str> {
        match self {
            Scheme::Acs3 => Some("ACS3-HMAC-SHA256"),
            Scheme::Rpc => Some("HMAC-SHA1"),
            Scheme::Tc3 | Scheme::Tc3For(_) => Some("TC3-HMAC-SHA256"),
            Scheme::Unsigned => None,
        }
    }
}

/// The repository's specs, loaded once per test binary.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let report = cloudspec::lint::run(&[specs]);
        assert!(!report.has_errors(), "{}", report.render_text());
        report.model
    })
}

/// The mock, with the test's expectations.
pub struct Server {
    mock: MockServer,
    scheme: Scheme,
}

impl Server {
    /// Starts the mock: signatures verified with [`AK_SECRET`], requests validated, and every
    /// accepted request answered with `handler(request, index)` (index counts from 0).
    pub async fn start(
        scheme: Scheme,
        handler: impl Fn(&Captured, usize) -> Reply + Send + Sync + 'static,
    ) -> Server {
        Server::start_with(scheme, MockOptions::default(), handler).await
    }

    /// [`Server::start`] without validating requests against the specs: for tests that send
    /// what the specs forbid on purpose (`Config::validate(false)`).
    pub async fn start_unvalidated(
        scheme: Scheme,
        handler: impl Fn(&Captured, usize) -> Reply + Send + Sync + 'static,
    ) -> Server {
        Server::start_with(scheme, MockOptions::default().validate(false), handler).await
    }

    async fn start_with(
        scheme: Scheme,
        options: MockOptions,
        handler: impl Fn(&Captured, usize) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let handler = Arc::new(handler);
        let mut options = options.responder(move |request| Some(handler(request, request.index)));
        if scheme != Scheme::Unsigned {
            options = options.credentials(AK_ID, AK_SECRET);
        }
        let mock = MockServer::start(model(), options)
            .await
            .expect("bind loopback");
        Server { mock, scheme }
    }

    /// How many TCP connections the server has accepted so far.
    pub fn connections_accepted(&self) -> usize {
        self.mock.connections_accepted()
    }

    /// How many requests the server has received so far.
    pub fn request_count(&self) -> usize {
        self.mock.request_count()
    }

    pub fn endpoint(&self) -> String {
        self.mock.endpoint()
    }

    pub fn authority(&self) -> String {
        self.mock.authority()
    }

    pub fn requests(&self) -> Vec<Captured> {
        self.mock.requests()
    }

    /// What the mock refused, and requests without the expected signature or `Host`.
    pub fn failures(&self) -> Vec<String> {
        let mut failures = self.mock.problems();
        let authority = self.authority();
        for r in self.requests() {
            if r.header("host") != Some(authority.as_str()) || r.header_count("host") != 1 {
                failures.push(format!(
                    "request {}: Host must be the endpoint authority once, got {:?}",
                    r.index,
                    r.headers
                        .iter()
                        .filter(|(n, _)| n.eq_ignore_ascii_case("host"))
                        .collect::<Vec<_>>()
                ));
            }
            if r.signature != self.scheme.name() {
                failures.push(format!(
                    "request {}: signed with {:?}, expected {:?}",
                    r.index,
                    r.signature,
                    self.scheme.name()
                ));
            }
        }
        failures
    }

    pub fn assert_all_verified(&self) {
        let failures = self.failures();
        assert!(
            failures.is_empty(),
            "server-side checks failed: {failures:#?}"
        );
    }
}
