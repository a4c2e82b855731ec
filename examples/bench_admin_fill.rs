//! Fills a database for `scripts/bench-admin`: N keys and M logged requests spread
//! over the last 30 days, written through the same batched path as the server's
//! request log (so the raw log is pruned as it would be in production).
//!
//! `bench_admin_fill DATABASE_URL KEYS REQUESTS`

use ashlar::auth::permissions::all_grants;
use ashlar::store::api_keys::NewKey;
use ashlar::store::request_log::LoggedRequest;
use ashlar::store::{OpenMode, Store};
use std::time::Instant;

const BATCH: usize = 10_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, keys, requests] = args.as_slice() else {
        anyhow::bail!("usage: bench_admin_fill DATABASE_URL KEYS REQUESTS");
    };
    let (keys, requests): (usize, usize) = (keys.parse()?, requests.parse()?);
    let store = Store::open(url, OpenMode::CreateAndMigrate).await?;
    let now = chrono::Utc::now();

    let started = Instant::now();
    let grants: Vec<_> = all_grants().into_iter().collect();
    let mut ids = Vec::with_capacity(keys);
    for i in 0..keys {
        let new = NewKey {
            title: format!("Integration {i}"),
            grants: grants.iter().copied().take(1 + i % grants.len()).collect(),
            created_by: "bench".into(),
            ..NewKey::default()
        };
        let key = store
            .insert_key(&new, &ashlar::auth::secret::generate(), now)
            .await?;
        ids.push(key.id);
    }
    println!("keys: {keys} created in {:.1?}", started.elapsed());

    let started = Instant::now();
    let span = chrono::Duration::days(30).num_milliseconds();
    let mut batch = Vec::with_capacity(BATCH);
    for i in 0..requests {
        let denied = i % 20 == 0;
        batch.push(LoggedRequest {
            at: now - chrono::Duration::milliseconds(span - span * i as i64 / requests as i64),
            key_id: Some(ids[i % keys]),
            endpoint: if denied {
                "candidate.create"
            } else {
                "candidate.list"
            },
            status: if denied { 403 } else { 200 },
            error_code: denied.then(|| "missing_endpoint_permission".to_string()),
            client: Some(std::net::IpAddr::from([10, 0, (i % 250) as u8, 7])),
            duration_us: 800 + (i % 5000) as i64,
        });
        if batch.len() == BATCH {
            store.append_requests(&batch).await?;
            batch.clear();
        }
    }
    store.append_requests(&batch).await?;
    let elapsed = started.elapsed();
    println!(
        "requests: {requests} logged in {elapsed:.1?} ({:.0} per second, batches of {BATCH})",
        requests as f64 / elapsed.as_secs_f64()
    );
    let kept = store.recent_requests(ids[0], false, 100_000).await?.len()
        + store.recent_requests(ids[0], true, 100_000).await?.len();
    println!(
        "raw rows kept for one key: {kept} (bounded); first key id: {}",
        ids[0]
    );
    Ok(())
}
