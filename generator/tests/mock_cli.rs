//! `cloudspec mock` as a process: what a test suite in another language starts. It prints its
//! endpoint on the first line, serves the specs, takes scripts from a file, and refuses bad
//! arguments with a clear error.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A running `cloudspec mock`, killed when dropped.
struct Mock {
    child: Child,
    endpoint: String,
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Mock {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cloudspec"))
        .arg("mock")
        .args(args)
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start cloudspec mock");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the endpoint line");
    Mock {
        child,
        endpoint: line.trim().to_string(),
    }
}

/// One HTTP/1.1 exchange: status and body.
fn http(
    mock: &Mock,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let authority = mock.endpoint.trim_start_matches("http://");
    let mut stream = TcpStream::connect(authority).expect("connect");
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nhost: {authority}\r\nconnection: close\r\n");
    for (n, v) in headers {
        request.push_str(&format!("{n}: {v}\r\n"));
    }
    request.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("receive");
    let status = response[9..12].parse().expect("status");
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serves_the_specs_and_the_scripts_of_a_file() {
    let dir = std::env::temp_dir().join(format!("cloudspec-mock-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("scripts.json");
    std::fs::write(
        &script,
        r#"[{"operation": "ListCustomImages", "reply": "throttle", "times": 1}]"#,
    )
    .unwrap();
    let mock = start(&["--script", script.to_str().unwrap()]);
    assert!(
        mock.endpoint.starts_with("http://127.0.0.1:"),
        "{}",
        mock.endpoint
    );

    // An unsigned legacy-RPC call of SWAS: throttled once by the script, then the spec's answer.
    let call = "/?Action=ListCustomImages&Version=2020-06-01&RegionId=cn-hangzhou";
    let (status, body) = http(&mock, "POST", call, &[], "");
    assert_eq!(status, 400);
    assert!(body.contains("Throttling.User"), "{body}");
    let (status, body) = http(&mock, "POST", call, &[], "");
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("\"RequestId\":\"00000000-0000-4000-8000-000000000001\""),
        "{body}"
    );

    // A documented constraint, enforced: RegionId is required.
    let (status, body) = http(
        &mock,
        "POST",
        "/?Action=ListCustomImages&Version=2020-06-01",
        &[],
        "",
    );
    assert_eq!(status, 400);
    assert!(
        body.contains("MissingParameter") && body.contains("RegionId"),
        "{body}"
    );

    let (status, body) = http(&mock, "GET", "/__mock/requests", &[], "");
    assert_eq!(status, 200);
    assert!(
        body.contains("\"operation\":\"ListCustomImages\""),
        "{body}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_arguments_are_refused_with_the_reason() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_cloudspec"))
            .arg("mock")
            .args(args)
            .current_dir(repo())
            .env_remove("CLOUDSPEC_TEST_UNSET_SECRET")
            .output()
            .expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&[
        "--access-key-id",
        "AK",
        "--secret-env",
        "CLOUDSPEC_TEST_UNSET_SECRET",
    ]);
    assert_eq!(code, Some(1));
    assert!(err.contains("CLOUDSPEC_TEST_UNSET_SECRET"), "{err}");
    let dir = std::env::temp_dir().join(format!("cloudspec-mock-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("bad.json");
    std::fs::write(
        &script,
        r#"{"operation": "NoSuchOperation", "reply": "example"}"#,
    )
    .unwrap();
    let (code, err) = run(&["--script", script.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("no served operation is NoSuchOperation"),
        "{err}"
    );
    let (code, err) = run(&["--listen", "not-an-address"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--listen"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
