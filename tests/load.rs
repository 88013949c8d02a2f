//! Load (issue 7): 1,000 concurrent calls through one client, with the default reqwest
//! transport, against the loopback server of the wire tests, which verifies every signature.
//!
//! Two rounds, each with a new client and server: all 1,000 calls in flight at once, then the
//! same 1,000 with at most 50 in flight. Asserts that every call succeeds and every signature
//! verifies, that memory stays bounded (process RSS growth, read from `/proc/self/status`),
//! and that connections are reused (TCP connections accepted by the server), and prints the
//! figures (`cargo test -p cloudspec-tests --test load -- --nocapture`). Loopback only, bounded
//! in time (60 s around everything; about 2 s in a debug build); each server stops at the end
//! of its round.

mod wire_support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use cloudspec_clients::alibaba::swas_open::v2020_06_01 as swas;
use cloudspec_clients::runtime::client::Config;
use cloudspec_clients::runtime::{Credentials, RetryPolicy};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use wire_support::{AK_ID, AK_SECRET, Reply, Scheme, Server};

/// Calls made.
const CALLS: usize = 1_000;
/// RSS growth allowed across the run.
const MAX_RSS_GROWTH_BYTES: u64 = 200 * 1024 * 1024;
/// The whole test, server start to last answer.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// This process's resident set size, from `/proc/self/status` (`VmRSS`, in kB).
fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("a VmRSS line");
    kb * 1024
}

/// The soft limit on open files, from `/proc/self/limits`.
fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

fn request(i: usize) -> swas::CreateCustomImageRequest {
    swas::CreateCustomImageRequest::builder()
        .region_id("cn-hangzhou")
        .instance_id("ace0706b2ac4454d984295a94213****")
        .image_name(format!("load-{i}"))
        .description("load test")
        .tag([swas::CreateCustomImageTag::builder()
            .key("run")
            .value(i.to_string())
            .build()])
        .build()
        .expect("valid")
}

/// What one round of calls measured.
struct Round {
    elapsed: Duration,
    rss_growth: u64,
    connections: usize,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_concurrent_calls_through_one_client() {
    tokio::time::timeout(TIME_LIMIT, async {
        let rss_start = rss_bytes();
        // 1. All 1,000 calls in flight at once. reqwest (hyper-util's pool) has no cap on
        //    connections per host and HTTP/1.1 carries one request at a time per connection,
        //    so a call that finds no idle connection starts one (and hyper keeps it for the
        //    pool even when an idle one frees up first and serves the call): the count follows
        //    the peak of calls in flight, at most one per call (no retries here). Observed:
        //    about 300 to 600 connections for 1,000 calls.
        //    Each connection is two sockets of this process (client and server side), so a
        //    low open-files limit (1,024 is common) caps the burst, with room to spare,
        //    rather than failing it. Here and in CI the limit is 20,000: no cap.
        let burst_cap = open_files_limit()
            .map(|limit| usize::try_from(limit.saturating_sub(256) / 4).unwrap_or(CALLS))
            .filter(|&cap| cap < CALLS);
        if let Some(cap) = burst_cap {
            println!("load: open-files limit: at most {cap} calls in flight in the burst");
        }
        let burst = round(burst_cap).await;
        assert!(
            burst.connections <= CALLS,
            "at most one connection per call: {}",
            burst.connections
        );
        // 2. The same 1,000 concurrent calls with at most 50 in flight (the fan-out cap an
        //    application sets): with at most 50 connections busy at any time, a call opens a
        //    new connection only when every pooled one is busy or not yet handed back after
        //    its response (hyper returns it asynchronously), so the count stays near 50, far
        //    below one per call (observed: 51 to 87). 200 is four times the cap.
        let capped = round(Some(50)).await;
        assert!(
            capped.connections <= 200,
            "connections are reused: {} for {CALLS} calls with 50 in flight",
            capped.connections
        );
        let growth = rss_bytes().saturating_sub(rss_start);
        println!(
            "load: total RSS growth {:.1} MiB over both rounds",
            growth as f64 / MIB
        );
        assert!(
            growth < MAX_RSS_GROWTH_BYTES,
            "RSS grew by {growth} bytes over {} calls",
            2 * CALLS
        );
        for (name, r) in [("burst", &burst), ("capped", &capped)] {
            assert!(
                r.rss_growth < MAX_RSS_GROWTH_BYTES,
                "{name}: RSS grew by {} bytes",
                r.rss_growth
            );
            assert!(r.elapsed < TIME_LIMIT);
        }
    })
    .await
    .expect("the load test finishes within its time limit");
}

const MIB: f64 = 1_048_576.0;

/// 1,000 concurrent calls through one new client against a new server; `cap` limits how many
/// are in flight at once.
async fn round(cap: Option<usize>) -> Round {
    let server = Server::start(Scheme::Acs3, |request, _| {
        let image = request
            .query_value("ImageName")
            .unwrap_or_default()
            .replace("load-", "m-");
        Reply::json(
            200,
            &format!(r#"{{"RequestId":"req-{image}","ImageId":"{image}"}}"#),
        )
    })
    .await;
    // The default transport (reqwest, one connection pool), real clock and random nonces;
    // no retries, so any failure shows.
    let client = swas::SwasOpenClient::new(
        Config::new()
            .endpoint(server.endpoint())
            .credentials(Credentials::new(AK_ID, AK_SECRET))
            .retry(RetryPolicy::none())
            // This test measures correctness, memory and connection reuse, not latency: a
            // burst of 1,000 connection attempts on two cores shared with other test binaries
            // can keep a connect or a read waiting past the defaults (5 s and 10 s; CI once
            // saw 559 calls time out that way), so each call may wait as long as the whole
            // test. A stalled call still fails the test, through TIME_LIMIT.
            .connect_timeout(TIME_LIMIT)
            .read_timeout(TIME_LIMIT),
    );
    let permits = Arc::new(Semaphore::new(cap.unwrap_or(CALLS)));

    let rss_before = rss_bytes();
    let started = Instant::now();
    let mut calls = JoinSet::new();
    for i in 0..CALLS {
        let client = client.clone();
        let permits = Arc::clone(&permits);
        calls.spawn(async move {
            let _permit = permits.acquire().await.expect("open semaphore");
            (i, client.call(request(i)).await)
        });
    }
    let mut failures = Vec::new();
    let mut done = 0;
    while let Some(joined) = calls.join_next().await {
        let (i, result) = joined.expect("the call task does not panic");
        match result {
            Ok(response) => {
                assert_eq!(response.image_id, Some(format!("m-{i}")), "call {i}");
                done += 1;
            }
            Err(e) => failures.push(format!("call {i}: {e}")),
        }
    }
    let elapsed = started.elapsed();
    let rss_after = rss_bytes();
    let connections = server.connections_accepted();
    let rss_growth = rss_after.saturating_sub(rss_before);
    println!(
        "load ({}): {done}/{CALLS} calls in {elapsed:.2?}; RSS {:.1} MiB -> {:.1} MiB \
         (growth {:.1} MiB); {connections} TCP connections accepted for {} requests",
        match cap {
            Some(n) => format!("at most {n} in flight"),
            None => "all in flight at once".to_string(),
        },
        rss_before as f64 / MIB,
        rss_after as f64 / MIB,
        rss_growth as f64 / MIB,
        server.request_count(),
    );

    assert!(
        failures.is_empty(),
        "{} calls failed: {failures:#?}",
        failures.len()
    );
    assert_eq!(done, CALLS);
    server.assert_all_verified();
    assert_eq!(server.request_count(), CALLS, "one request per call");
    // The client (and its pool) goes first, then the server stops (its drop aborts the accept
    // loop and every connection task).
    drop(client);
    drop(server);
    Round {
        elapsed,
        rss_growth,
        connections,
    }
}
