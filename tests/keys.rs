//! API keys at the wire: what `apiKey.info` reports, and the key states.

mod common;

use chrono::{Duration, Utc};
use common::TestServer;
use serde_json::json;

#[tokio::test]
async fn api_key_info_describes_the_calling_key() {
    let server = TestServer::start().await;
    let key = server
        .key_with(&["apiKeys:read", "candidates:read", "jobs:write"], |k| {
            k.title = "Job board".into()
        })
        .await;
    let info = server.call(&key, "apiKey.info", json!({})).await;
    let results = info.results();
    assert_eq!(results["title"], "Job board");
    assert_eq!(
        results["scopes"],
        json!(["jobs:write", "candidates:read", "apiKeys:read"])
    );
    let created = results["createdAt"].as_str().unwrap();
    assert!(created.ends_with('Z') && created.len() == 24, "{created}");
}

#[tokio::test]
async fn deactivated_and_expired_keys_are_refused_with_their_own_codes() {
    let server = TestServer::start().await;
    let past = Utc::now() - Duration::minutes(1);
    let expired = server
        .key_with(&["apiKeys:read"], |k| k.expires_at = Some(past))
        .await;
    let later = server
        .key_with(&["apiKeys:read"], |k| {
            k.expires_at = Some(Utc::now() + Duration::days(1))
        })
        .await;
    let revoked = server.key(&["apiKeys:read"]).await;
    let id = server.store.list_keys().await.unwrap().last().unwrap().id;
    server.store.deactivate_key(id, Utc::now()).await.unwrap();

    let response = server.call(&expired, "apiKey.info", json!({})).await;
    assert_eq!(
        (response.status.as_u16(), response.code()),
        (403, "api_key_expired")
    );
    assert!(server.call(&later, "apiKey.info", json!({})).await.ok());
    let response = server.call(&revoked, "apiKey.info", json!({})).await;
    assert_eq!(
        (response.status.as_u16(), response.code()),
        (403, "api_key_deactivated")
    );
}

#[tokio::test]
async fn an_ip_allowlist_refuses_other_addresses_and_names_them() {
    let server = TestServer::start().await;
    let elsewhere = server
        .key_with(&["apiKeys:read"], |k| {
            k.ip_allowlist = vec![
                "10.1.0.0/16".parse().unwrap(),
                "2001:db8::/32".parse().unwrap(),
            ]
        })
        .await;
    let local = server
        .key_with(&["apiKeys:read"], |k| {
            k.ip_allowlist = vec!["127.0.0.0/8".parse().unwrap()]
        })
        .await;
    let response = server.call(&elsewhere, "apiKey.info", json!({})).await;
    assert_eq!(
        (response.status.as_u16(), response.code()),
        (403, "ip_not_allowed")
    );
    assert!(response.body["errorInfo"]["message"]
        .as_str()
        .unwrap()
        .contains("127.0.0.1"));
    assert!(server.call(&local, "apiKey.info", json!({})).await.ok());
}

#[tokio::test]
async fn a_revoked_key_stops_working_on_every_instance_within_two_seconds() {
    let first = TestServer::start().await;
    let second = first.another_instance().await;
    let key = first.key(&["apiKeys:read"]).await;
    // Both instances have the key cached as valid.
    assert!(first.call(&key, "apiKey.info", json!({})).await.ok());
    assert!(second.call(&key, "apiKey.info", json!({})).await.ok());

    let id = first.store.list_keys().await.unwrap()[0].id;
    first.store.deactivate_key(id, Utc::now()).await.unwrap();
    // The cache lifetime bounds how long a revoked key lives anywhere.
    assert!(ashlar::auth::keys::CACHE_TTL < std::time::Duration::from_secs(2));
    tokio::time::sleep(ashlar::auth::keys::CACHE_TTL + std::time::Duration::from_millis(100)).await;
    for server in [&first, &second] {
        let response = server.call(&key, "apiKey.info", json!({})).await;
        assert_eq!(response.code(), "api_key_deactivated");
    }
}

#[tokio::test]
async fn last_used_is_recorded_in_batches() {
    let server = TestServer::start().await;
    let key = server.key(&["apiKeys:read"]).await;
    assert!(server.store.list_keys().await.unwrap()[0]
        .last_used_at
        .is_none());
    for _ in 0..5 {
        server.call(&key, "apiKey.info", json!({})).await;
    }
    server.state.keys.flush_last_used().await.unwrap();
    assert!(server.store.list_keys().await.unwrap()[0]
        .last_used_at
        .is_some());
}
