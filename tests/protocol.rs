//! The wire protocol: authentication failures, the envelope, request ids, versions,
//! malformed input, unknown endpoints, methods and body limits.

mod common;

use common::{send, TestServer};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_missing_or_unreadable_key_is_401() {
    let server = TestServer::start().await;
    let cases = [
        None,
        Some("Bearer abc"),
        Some("Basic !!!not-base64"),
        Some("Basic Og=="), // ":" – no username
    ];
    for header in cases {
        let mut request = server.request(Method::POST, "apiKey.info").json(&json!({}));
        if let Some(h) = header {
            request = request.header("authorization", h);
        }
        let response = send(request).await;
        assert_eq!(response.status, 401, "{header:?}");
        assert_eq!(response.code(), "missing_api_key");
        assert_eq!(response.body["success"], false);
        assert_eq!(response.body["errors"], json!(["missing_api_key"]));
    }
}

#[tokio::test]
async fn wrong_keys_are_403_each_with_its_own_code() {
    let server = TestServer::start().await;
    let good = server.key(&["apiKeys:read"]).await;
    let unknown = ashlar::auth::secret::generate();
    let mut typo: Vec<char> = good.chars().collect();
    typo[10] = if typo[10] == 'x' { 'y' } else { 'x' };
    let typo: String = typo.into_iter().collect();
    let cases = [
        ("not-a-key", "invalid_api_key"),
        (unknown.as_str(), "invalid_api_key"),
        (typo.as_str(), "malformed_api_key"),
    ];
    for (key, code) in cases {
        let response = server.call(key, "apiKey.info", json!({})).await;
        assert_eq!(response.status, 403, "{key}");
        assert_eq!(response.code(), code, "{key}");
        assert!(!response.body["errorInfo"]["message"]
            .as_str()
            .unwrap()
            .is_empty());
    }
    assert!(server.call(&good, "apiKey.info", json!({})).await.ok());
}

#[tokio::test]
async fn the_password_is_ignored() {
    let server = TestServer::start().await;
    let key = server.key(&["apiKeys:read"]).await;
    let request = server
        .request(Method::POST, "apiKey.info")
        .basic_auth(&key, Some(&key))
        .json(&json!({}));
    assert!(send(request).await.ok());
}

#[tokio::test]
async fn every_response_carries_its_request_id_and_version() {
    let server = TestServer::start().await;
    let key = server.key(&["apiKeys:read"]).await;
    for response in [
        server.call(&key, "apiKey.info", json!({})).await,
        server.call(&key, "candidate.list", json!({})).await,
        server.call("", "apiKey.info", json!({})).await,
    ] {
        let id = response.headers["x-ashby-request-id"]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(id.len(), 26);
        if !response.ok() {
            assert_eq!(response.body["errorInfo"]["requestId"], id.as_str());
        }
        assert_eq!(response.headers["ashby-version"], "2026-01-01");
        assert_eq!(response.headers["ashby-version-status"], "active");
    }
}

#[tokio::test]
async fn versions_are_negotiated() {
    let server = TestServer::start().await;
    let key = server.key(&["apiKeys:read"]).await;
    let with = |name: &'static str, value: &'static str| {
        server
            .request(Method::POST, "apiKey.info")
            .basic_auth(&key, Some(""))
            .header(name, value)
            .json(&json!({}))
    };
    assert!(send(with("accept", "application/json; version=1"))
        .await
        .ok());
    assert!(send(with("ashby-version", "2026-01-01")).await.ok());
    let old = send(with("ashby-version", "2019-01-01")).await;
    assert_eq!(old.status, 400);
    assert_eq!(old.code(), "unsupported_api_version");
    assert!(old.body["errorInfo"]["message"]
        .as_str()
        .unwrap()
        .contains("2026-01-01"));
    let v2 = send(with("accept", "application/json; version=2")).await;
    assert_eq!(v2.status, 406);
    assert_eq!(v2.code(), "unsupported_api_version");
}

#[tokio::test]
async fn malformed_bodies_are_invalid_input_not_server_errors() {
    let server = TestServer::start().await;
    let key = server.key(&["apiKeys:read"]).await;
    let bodies: [&[u8]; 6] = [
        b"{",
        b"[1,2]",
        b"\"text\"",
        b"null",
        b"{\"a\":}",
        &[0xff, 0xfe, 0x00],
    ];
    for body in bodies {
        let request = server
            .request(Method::POST, "apiKey.info")
            .basic_auth(&key, Some(""))
            .header("content-type", "application/json")
            .body(body.to_vec());
        let response = send(request).await;
        assert_eq!(response.status, 200, "{body:?}");
        assert_eq!(response.code(), "invalid_input", "{body:?}");
    }
    // Empty body means {}, and unknown fields are ignored.
    let empty = server
        .request(Method::POST, "apiKey.info")
        .basic_auth(&key, Some(""));
    assert!(send(empty).await.ok());
    assert!(server
        .call(&key, "apiKey.info", json!({"per_page": 5, "cursor": null}))
        .await
        .ok());
}

#[tokio::test]
async fn unknown_endpoints_are_404_and_other_methods_405() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    for path in [
        "candidate.lisst",
        "nothing",
        "assessment.start",
        "application.hire",
    ] {
        let response = server.call(&key, path, json!({})).await;
        assert_eq!(response.status, 404, "{path}");
        assert_eq!(response.code(), "unknown_endpoint");
    }
    for method in [Method::GET, Method::PUT, Method::DELETE] {
        let response = send(
            server
                .request(method.clone(), "candidate.list")
                .basic_auth(&key, Some("")),
        )
        .await;
        assert_eq!(response.status, 405, "{method}");
        assert_eq!(response.code(), "method_not_allowed");
        assert_eq!(response.headers["allow"], "POST");
    }
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    let server = TestServer::start_with(|state| state.max_body_bytes = 1024).await;
    let key = server.key(&["apiKeys:read"]).await;
    let big = json!({ "padding": "x".repeat(4096) });
    let response = server.call(&key, "apiKey.info", big).await;
    assert_eq!(response.status, 413);
    assert_eq!(response.code(), "payload_too_large");
    assert!(server
        .call(&key, "apiKey.info", json!({"small": 1}))
        .await
        .ok());
}

#[tokio::test]
async fn health_and_openapi_need_no_key() {
    let server = TestServer::start().await;
    let health = send(server.request(Method::GET, "health")).await;
    assert_eq!(health.body["status"], "ok");
    let doc = send(server.request(Method::GET, "openapi.json")).await;
    assert_eq!(doc.body["openapi"], "3.1.0");
    assert_eq!(
        doc.body["paths"].as_object().unwrap().len(),
        ashlar::registry::ENDPOINTS.len()
    );
}
