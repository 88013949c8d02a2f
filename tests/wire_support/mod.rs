//! A loopback HTTP/1.1 server for the end-to-end tests, and signature verifiers written
//! independently of `cloudspec-runtime` (only `hmac`, `sha2`, `sha1`, `base64` and `hex`), from
//! the algorithms in `shared/reference/signing.md`.
//!
//! The server binds `127.0.0.1:0`, records every request, verifies its signature with the test
//! secret, and answers with what the test's handler says. It stops when dropped.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// The test key pair; the secret must never show up in errors or logs.
pub const AK_ID: &str = "LTAI5tTestAccessKeyId";
pub const AK_SECRET: &str = "TestSecret-MUST-NOT-LEAK-4f1c";
pub const STS_TOKEN: &str = "TestStsToken-MUST-NOT-LEAK-9a2b";
/// The pinned signing time: 2023-10-26T10:22:32Z.
pub const TIMESTAMP: i64 = 1_698_315_752;
pub const NONCE: &str = "3156853299f313e23d1673dc12e1703d";

/// Which signature the server expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Acs3,
    Rpc,
    Tc3,
    /// TC3 with another service name in the credential scope (`sts`).
    Tc3For(&'static str),
    /// Nothing is signed (an instance metadata service).
    Unsigned,
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Captured {
    pub method: String,
    pub path: String,
    pub raw_query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn header_count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .count()
    }

    /// The query as decoded pairs, in wire order.
    pub fn query(&self) -> Vec<(String, String)> {
        parse_form(&self.raw_query)
    }

    pub fn query_value(&self, name: &str) -> Option<String> {
        self.query()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The body as decoded form pairs, in wire order.
    pub fn form(&self) -> Vec<(String, String)> {
        parse_form(std::str::from_utf8(&self.body).unwrap_or(""))
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub enum Reply {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Read the request and never answer (for timeouts).
    Hang,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![(
                "content-type".into(),
                "application/json;charset=utf-8".into(),
            )],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn with_content_type(status: u16, content_type: &str, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

type Handler = dyn Fn(&Captured, usize) -> Reply + Send + Sync;

#[derive(Default)]
struct State {
    requests: Vec<Captured>,
    failures: Vec<String>,
}

/// The loopback server.
pub struct Server {
    port: u16,
    state: Arc<Mutex<State>>,
    accepted: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    /// Starts a server that verifies every request's `scheme` signature with [`AK_SECRET`]
    /// and answers with `handler(request, index)` (index counts from 0). A request whose
    /// signature does not verify is answered with the vendor's signature error.
    pub async fn start(
        scheme: Scheme,
        handler: impl Fn(&Captured, usize) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let state = Arc::new(Mutex::new(State::default()));
        let handler: Arc<Handler> = Arc::new(handler);
        let task_state = Arc::clone(&state);
        let accepted = Arc::new(AtomicUsize::new(0));
        let task_accepted = Arc::clone(&accepted);
        let task = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            loop {
                let stream = match listener.accept().await {
                    Ok((stream, _)) => stream,
                    // Out of file descriptors (a load test) or a connection reset before it
                    // was accepted: keep serving the others.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(1)).await;
                        continue;
                    }
                };
                task_accepted.fetch_add(1, Ordering::Relaxed);
                let state = Arc::clone(&task_state);
                let handler = Arc::clone(&handler);
                connections.spawn(serve(stream, scheme, port, state, handler));
            }
        });
        Server {
            port,
            state,
            accepted,
            task,
        }
    }

    /// How many TCP connections the server has accepted so far.
    pub fn connections_accepted(&self) -> usize {
        self.accepted.load(Ordering::Relaxed)
    }

    /// How many requests the server has received so far.
    pub fn request_count(&self) -> usize {
        self.state.lock().unwrap().requests.len()
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn authority(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> Vec<Captured> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Signature or layout problems seen so far.
    pub fn failures(&self) -> Vec<String> {
        self.state.lock().unwrap().failures.clone()
    }

    pub fn assert_all_verified(&self) {
        let failures = self.failures();
        assert!(
            failures.is_empty(),
            "server-side checks failed: {failures:#?}"
        );
    }
}

async fn serve(
    mut stream: TcpStream,
    scheme: Scheme,
    port: u16,
    state: Arc<Mutex<State>>,
    handler: Arc<Handler>,
) {
    let mut buffer = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let (index, rejected) = {
            let mut s = state.lock().unwrap();
            let index = s.requests.len();
            s.requests.push(request.clone());
            let mut problems = Vec::new();
            let host = request.header("host").unwrap_or_default();
            if host != format!("127.0.0.1:{port}") || request.header_count("host") != 1 {
                problems.push(format!(
                    "Host must be the endpoint authority once, got {:?}",
                    request
                        .headers
                        .iter()
                        .filter(|(n, _)| n.eq_ignore_ascii_case("host"))
                        .collect::<Vec<_>>()
                ));
            }
            let verified = match scheme {
                Scheme::Acs3 => verify_acs3(&request, AK_ID, AK_SECRET),
                Scheme::Rpc => verify_rpc(&request, AK_ID, AK_SECRET),
                Scheme::Tc3 => verify_tc3(&request, AK_ID, AK_SECRET, "cvm"),
                Scheme::Tc3For(service) => verify_tc3(&request, AK_ID, AK_SECRET, service),
                Scheme::Unsigned => Ok(()),
            };
            if let Err(e) = verified {
                problems.push(format!("request {index}: signature: {e}"));
            }
            let rejected = !problems.is_empty();
            s.failures.extend(problems);
            (index, rejected)
        };
        if rejected {
            let reply = match scheme {
                Scheme::Tc3 | Scheme::Tc3For(_) => Reply::json(
                    200,
                    r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad signature"},"RequestId":"sig"}}"#,
                ),
                _ => Reply::json(
                    400,
                    r#"{"Code":"SignatureDoesNotMatch","Message":"bad signature","RequestId":"sig"}"#,
                ),
            };
            if write_reply(&mut stream, reply).await.is_err() {
                return;
            }
            continue;
        }
        let reply = handler(&request, index);
        match reply {
            Reply::Hang => {
                tokio::time::sleep(Duration::from_secs(60)).await;
                return;
            }
            reply => {
                if write_reply(&mut stream, reply).await.is_err() {
                    return;
                }
            }
        }
    }
}

async fn write_reply(stream: &mut TcpStream, reply: Reply) -> std::io::Result<()> {
    let Reply::Respond {
        status,
        headers,
        body,
    } = reply
    else {
        return Ok(());
    };
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (n, v) in &headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&body).await?;
    stream.flush().await
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Captured> {
    let head_end = loop {
        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next()?;
    let mut parts = request_line.split(' ');
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    let (path, raw_query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.clone(), String::new()),
    };
    Some(Captured {
        method,
        path,
        raw_query,
        headers,
        body,
    })
}

// ---------------------------------------------------------------------------------------------
// Independent signature verification.

pub use cloudspec_tests::form::parse_form;

/// RFC 3986 percent-encoding, as Python's `quote(v, safe='~')`.
pub fn rfc3986(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn hmac256(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(msg);
    mac.finalize().into_bytes().to_vec()
}

/// Splits `Scheme Credential=…,SignedHeaders=…,Signature=…` (separators `,` or `, `).
fn authorization_fields(value: &str, algorithm: &str) -> Result<BTreeMap<String, String>, String> {
    let rest = value
        .strip_prefix(algorithm)
        .and_then(|r| r.strip_prefix(' '))
        .ok_or_else(|| format!("Authorization does not start with `{algorithm} `: {value}"))?;
    Ok(rest
        .split(',')
        .filter_map(|part| part.trim().split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect())
}

/// ACS3-HMAC-SHA256: recomputes the canonical request from what arrived.
pub fn verify_acs3(c: &Captured, id: &str, secret: &str) -> Result<(), String> {
    let auth = c.header("authorization").ok_or("no Authorization")?;
    let fields = authorization_fields(auth, "ACS3-HMAC-SHA256")?;
    if fields.get("Credential").map(String::as_str) != Some(id) {
        return Err(format!("wrong Credential in {auth}"));
    }
    let signed = fields.get("SignedHeaders").ok_or("no SignedHeaders")?;
    let names: Vec<&str> = signed.split(';').collect();
    let mut sorted = names.clone();
    sorted.sort();
    if sorted != names {
        return Err(format!("SignedHeaders not sorted: {signed}"));
    }
    for required in [
        "host",
        "x-acs-action",
        "x-acs-content-sha256",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-version",
    ] {
        if !names.contains(&required) {
            return Err(format!("`{required}` is not signed: {signed}"));
        }
    }
    for (name, _) in &c.headers {
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("x-acs-") && !names.contains(&lower.as_str()) {
            return Err(format!("`{lower}` is sent but not signed"));
        }
    }
    let payload = sha256_hex(&c.body);
    if c.header("x-acs-content-sha256") != Some(payload.as_str()) {
        return Err("x-acs-content-sha256 is not the body's hash".into());
    }
    let mut query = c.query();
    query.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical_query: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{k}={}", rfc3986(v)))
        .collect();
    let mut canonical_headers = String::new();
    for name in &names {
        let values: Vec<&str> = c
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .collect();
        if values.is_empty() {
            return Err(format!("signed header `{name}` was not sent"));
        }
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        c.method,
        c.path,
        canonical_query.join("&"),
        canonical_headers,
        signed,
        payload
    );
    let string_to_sign = format!(
        "ACS3-HMAC-SHA256\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let expected = hex::encode(hmac256(secret.as_bytes(), string_to_sign.as_bytes()));
    match fields.get("Signature") {
        Some(sig) if *sig == expected => Ok(()),
        other => Err(format!(
            "signature {other:?} != {expected}; canonical request:\n{canonical_request}"
        )),
    }
}

/// Alibaba RPC HMAC-SHA1 over query ∪ form.
pub fn verify_rpc(c: &Captured, id: &str, secret: &str) -> Result<(), String> {
    let mut params: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in c.query().into_iter().chain(c.form()) {
        params.insert(k, v);
    }
    let signature = params.remove("Signature").ok_or("no Signature parameter")?;
    if params.get("AccessKeyId").map(String::as_str) != Some(id) {
        return Err("wrong AccessKeyId".into());
    }
    for required in [
        "Action",
        "Format",
        "Version",
        "Timestamp",
        "SignatureNonce",
        "SignatureMethod",
        "SignatureVersion",
    ] {
        if !params.contains_key(required) {
            return Err(format!("no {required} parameter"));
        }
    }
    let canonical: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{}={}", rfc3986(k), rfc3986(v)))
        .collect();
    let string_to_sign = format!("{}&%2F&{}", c.method, rfc3986(&canonical.join("&")));
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("any key length");
    mac.update(string_to_sign.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    if signature == expected {
        Ok(())
    } else {
        Err(format!(
            "Signature {signature} != {expected}; string to sign {string_to_sign}"
        ))
    }
}

/// `YYYY-MM-DD` of Unix seconds (days-from-civil inverse, for the TC3 credential scope).
fn utc_date(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Tencent TC3-HMAC-SHA256, recomputed from what arrived.
pub fn verify_tc3(c: &Captured, id: &str, secret: &str, service: &str) -> Result<(), String> {
    let auth = c.header("authorization").ok_or("no Authorization")?;
    let fields = authorization_fields(auth, "TC3-HMAC-SHA256")?;
    let timestamp: i64 = c
        .header("x-tc-timestamp")
        .and_then(|t| t.parse().ok())
        .ok_or("no X-TC-Timestamp")?;
    let date = utc_date(timestamp);
    let scope = format!("{date}/{service}/tc3_request");
    if fields.get("Credential") != Some(&format!("{id}/{scope}")) {
        return Err(format!("wrong Credential in {auth}"));
    }
    let signed = fields.get("SignedHeaders").ok_or("no SignedHeaders")?;
    let mut canonical_headers = String::new();
    for name in signed.split(';') {
        let value = c
            .header(name)
            .ok_or_else(|| format!("signed header `{name}` was not sent"))?;
        let value = if name == "x-tc-action" {
            value.to_lowercase()
        } else {
            value.trim().to_string()
        };
        canonical_headers.push_str(&format!("{name}:{value}\n"));
    }
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        c.method,
        c.path,
        c.raw_query,
        canonical_headers,
        signed,
        sha256_hex(&c.body)
    );
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let k_date = hmac256(format!("TC3{secret}").as_bytes(), date.as_bytes());
    let k_service = hmac256(&k_date, service.as_bytes());
    let k_signing = hmac256(&k_service, b"tc3_request");
    let expected = hex::encode(hmac256(&k_signing, string_to_sign.as_bytes()));
    match fields.get("Signature") {
        Some(sig) if *sig == expected => Ok(()),
        other => Err(format!(
            "signature {other:?} != {expected}; canonical request:\n{canonical_request}"
        )),
    }
}

#[test]
fn verifiers_reproduce_the_public_vectors() {
    // signing.md P1 (ACS3).
    let p1 = Captured {
        method: "POST".into(),
        path: "/".into(),
        raw_query: "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai".into(),
        headers: vec![
            ("host".into(), "ecs.cn-shanghai.aliyuncs.com".into()),
            ("x-acs-action".into(), "RunInstances".into()),
            ("x-acs-version".into(), "2014-05-26".into()),
            ("x-acs-date".into(), "2023-10-26T10:22:32Z".into()),
            ("x-acs-signature-nonce".into(), "3156853299f313e23d1673dc12e1703d".into()),
            ("x-acs-content-sha256".into(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".into()),
            ("Authorization".into(), "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0".into()),
        ],
        body: Vec::new(),
    };
    verify_acs3(&p1, "YourAccessKeyId", "YourAccessKeySecret").unwrap();
    assert!(verify_acs3(&p1, "YourAccessKeyId", "other").is_err());
    // signing.md P4 (TC3).
    let p4 = Captured {
        method: "POST".into(),
        path: "/".into(),
        raw_query: String::new(),
        headers: vec![
            ("Content-Type".into(), "application/json; charset=utf-8".into()),
            ("Host".into(), "cvm.tencentcloudapi.com".into()),
            ("X-TC-Timestamp".into(), "1551113065".into()),
            ("Authorization".into(), "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c".into()),
        ],
        body: br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#.to_vec(),
    };
    verify_tc3(
        &p4,
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******",
        "Gu5t9xGARNpq86cd98joQYCN3*******",
        "cvm",
    )
    .unwrap();
    // signing.md P2 (RPC), sent as a POST-less GET: only the method differs.
    let p2 = Captured {
        method: "GET".into(),
        path: "/".into(),
        raw_query: "AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26&Signature=9NaGiOspFP5UPcwX8Iwt2YJXXuk%3D".into(),
        headers: vec![],
        body: Vec::new(),
    };
    verify_rpc(&p2, "testid", "testsecret").unwrap();
    assert_eq!(utc_date(1_551_113_065), "2019-02-25");
}
