//! Requests per second for `apiKey.info` under concurrent load, beside the
//! unauthenticated `/health` route, so the cost of authentication is visible.
//! Run through `scripts/bench-auth`; set ASHLAR_BENCH_DATABASE_URL for PostgreSQL.

use ashlar::auth::permissions::Grant;
use ashlar::http::{self, AppState};
use ashlar::store::api_keys::NewKey;
use ashlar::store::{OpenMode, Store};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONCURRENCY: usize = 32;
const SECONDS: u64 = 5;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = std::env::var("ASHLAR_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let store = Store::open(&url, OpenMode::CreateAndMigrate).await?;
    let secret = ashlar::auth::secret::generate();
    let key = NewKey {
        title: "bench".into(),
        grants: ["apiKeys:read"
            .parse::<Grant>()
            .map_err(anyhow::Error::msg)?]
        .into(),
        created_by: "bench".into(),
        ..NewKey::default()
    };
    store.insert_key(&key, &secret, chrono::Utc::now()).await?;
    let state = AppState::new(store, dir.path().join("data")).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(http::serve(listener, state));

    println!("engine: {}", url.split(':').next().unwrap_or("?"));
    println!("{CONCURRENCY} concurrent clients, {SECONDS} s per route, client and server share this machine\n");
    println!(
        "{:<38} {:>10} {:>10} {:>10}",
        "route", "req/s", "p50 ms", "p99 ms"
    );
    let client = reqwest::Client::new();
    let routes: [(&str, Option<&str>); 3] = [
        ("GET /health (no auth)", None),
        ("POST /apiKey.info (valid key)", Some(secret.as_str())),
        (
            "POST /candidate.list (403, no grant)",
            Some(secret.as_str()),
        ),
    ];
    for (label, key) in routes {
        let request = {
            let client = client.clone();
            let base = base.clone();
            let key = key.map(str::to_string);
            let path = label.split_whitespace().nth(1).unwrap_or("/").to_string();
            move || match &key {
                None => client.get(format!("{base}{path}")),
                Some(k) => client
                    .post(format!("{base}{path}"))
                    .basic_auth(k, Some(""))
                    .json(&serde_json::json!({})),
            }
        };
        let (rps, p50, p99) = measure(request).await;
        println!("{label:<38} {rps:>10.0} {p50:>10.2} {p99:>10.2}");
    }
    Ok(())
}

/// Runs the request from CONCURRENCY tasks for SECONDS; returns req/s, p50 and p99 in ms.
async fn measure(
    request: impl Fn() -> reqwest::RequestBuilder + Clone + Send + 'static,
) -> (f64, f64, f64) {
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let stop = stop.clone();
            let request = request.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    let response = request().send().await.expect("request");
                    response.bytes().await.expect("body");
                    latencies.push(t.elapsed());
                }
                latencies
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(SECONDS)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await.expect("worker"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let pct =
        |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)].as_secs_f64() * 1000.0;
    (all.len() as f64 / elapsed, pct(0.50), pct(0.99))
}
