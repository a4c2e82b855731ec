//! The admin web app over HTTP: sign-in, sessions, CSRF, rate limiting, key
//! create/edit/rotate/deactivate as the API sees them, the audit log and the request log.

mod admin_support;
mod common;

use admin_support::{create_admin, Browser, PASSWORD};
use ashlar::store::request_log::{LoggedRequest, KEPT_PER_KEY};
use common::TestServer;
use reqwest::StatusCode;
use serde_json::json;

const EMAIL: &str = "ada@example.com";

/// Calls wait out the key cache so a change made in the web app is seen.
async fn past_key_cache() {
    tokio::time::sleep(ashlar::auth::keys::CACHE_TTL + std::time::Duration::from_millis(200)).await;
}

async fn signed_in() -> (TestServer, Browser) {
    let server = TestServer::start().await;
    create_admin(&server.store, EMAIL).await;
    let mut browser = Browser::new(&server.base);
    let answer = browser.sign_in(EMAIL, PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.html);
    (server, browser)
}

/// Creates a key through the form; returns its id and secret.
async fn create_key(browser: &mut Browser, fields: &[(&str, &str)]) -> (uuid::Uuid, String) {
    let page = browser.create_key("Career site", fields).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    let secret = page.text_of("secret").expect("secret shown");
    let id = page.linked_key_id().expect("link to the key");
    (id, secret)
}

#[tokio::test]
async fn without_an_admin_the_sign_in_page_says_how_to_create_one() {
    let server = TestServer::start().await;
    let mut browser = Browser::new(&server.base);
    let page = browser.get("/admin/signin").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.html.contains("ashlar admin create --email"),
        "{}",
        page.html
    );
    let keys = browser.get("/admin/keys").await;
    assert_eq!(keys.status, StatusCode::SEE_OTHER);
    assert_eq!(keys.location(), "/admin/signin");
}

#[tokio::test]
async fn sign_in_sets_a_strict_http_only_session_and_sign_out_ends_it() {
    let server = TestServer::start().await;
    create_admin(&server.store, EMAIL).await;
    let mut browser = Browser::new(&server.base);

    let wrong = browser.sign_in(EMAIL, "not the password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(
        wrong.html.contains("id=\"password-error\""),
        "error next to the field"
    );
    assert!(!browser.cookies.contains_key("ashlar_admin"));

    let ok = browser.sign_in("ADA@example.com", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.location(), "/admin/keys");
    let cookie = ok
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("ashlar_admin="))
        .expect("session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let keys = browser.get("/admin/keys").await;
    assert_eq!(keys.status, StatusCode::OK);
    assert!(keys.html.contains("Signed in as ada@example.com"));
    assert_eq!(keys.headers["cache-control"], "no-store");

    let csrf = keys.csrf();
    let session = browser.cookies["ashlar_admin"].clone();
    let out = browser.post("/admin/signout", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    // The old session token is dead on the server, not only forgotten by the browser.
    browser.cookies.insert("ashlar_admin".into(), session);
    assert_eq!(
        browser.get("/admin/keys").await.status,
        StatusCode::SEE_OTHER
    );

    let audit = server.store.audit_page(None, 10).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        ["admin.sign_out", "admin.sign_in", "admin.sign_in_failed"]
    );
    assert!(audit
        .iter()
        .all(|a| a.client_addr.as_deref() == Some("127.0.0.1")));
}

#[tokio::test]
async fn forms_without_the_right_csrf_token_are_refused() {
    let (server, mut browser) = signed_in().await;
    for csrf in ["", "0000"] {
        let page = browser
            .post(
                "/admin/keys",
                &[
                    ("csrf", csrf),
                    ("title", "sneaky"),
                    ("grant", "candidates:write"),
                    ("intent", "create"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
    }
    assert!(server.store.list_keys().await.unwrap().is_empty());

    // The sign-in form has its own token, tied to a cookie.
    let mut stranger = Browser::new(&server.base);
    let page = stranger
        .post(
            "/admin/signin",
            &[("csrf", "x"), ("email", EMAIL), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn failed_sign_ins_are_rate_limited() {
    let server = TestServer::start().await;
    create_admin(&server.store, EMAIL).await;
    let mut browser = Browser::new(&server.base);
    for _ in 0..ashlar::admin::MAX_SIGN_IN_FAILURES {
        assert_eq!(
            browser.sign_in(EMAIL, "guess").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let blocked = browser.sign_in(EMAIL, PASSWORD).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.html.contains("Too many failed sign-in attempts"));
    assert!(!browser.cookies.contains_key("ashlar_admin"));
}

#[tokio::test]
async fn a_key_made_in_the_web_app_is_enforced_by_the_api() {
    let (server, mut browser) = signed_in().await;

    // Errors come back next to their field, with what was typed.
    let refused = browser
        .create_key(
            "",
            &[
                ("grant", "candidates:read"),
                ("ip_allowlist", "10.0.0.0/33"),
                ("expires_on", "2001-01-01"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["title", "ip_allowlist", "expires_on"] {
        assert!(
            refused.html.contains(&format!("id=\"{field}-error\"")),
            "{field}"
        );
    }
    assert!(refused.html.contains("10.0.0.0/33"));
    assert!(server.store.list_keys().await.unwrap().is_empty());

    let (id, secret) = create_key(
        &mut browser,
        &[("grant", "candidates:read"), ("private_fields", "on")],
    )
    .await;
    let key = server.store.key_by_id(id).await.unwrap().unwrap();
    assert_eq!(key.created_by, EMAIL);
    assert!(key.allow_private_fields && !key.allow_confidential);
    assert!(!server.store.list_keys().await.unwrap().is_empty());
    let list = server.call(&secret, "candidate.list", json!({})).await;
    assert_ne!(
        list.code(),
        "missing_endpoint_permission",
        "{:?}",
        list.body
    );
    assert_eq!(list.status, StatusCode::OK);
    let create = server
        .call(&secret, "candidate.create", json!({"name": "Grace"}))
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);
    assert_eq!(create.code(), "missing_endpoint_permission");

    // The keys list shows it; the secret is never shown again.
    let list_page = browser.get("/admin/keys").await;
    assert!(list_page.html.contains("Career site") && list_page.html.contains(&key.prefix));
    assert!(list_page.html.contains("Candidates (read)"));
    let key_page = browser.get(&format!("/admin/keys/{id}")).await;
    assert!(!key_page.html.contains(&secret));

    // Edit: add Candidates write.
    let csrf = key_page.csrf();
    let saved = browser
        .post(
            &format!("/admin/keys/{id}"),
            &[
                ("csrf", &csrf),
                ("title", "Career site"),
                ("grant", "candidates:read"),
                ("grant", "candidates:write"),
                ("intent", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
    past_key_cache().await;
    let create = server
        .call(&secret, "candidate.create", json!({"name": "Grace"}))
        .await;
    assert_ne!(
        create.code(),
        "missing_endpoint_permission",
        "{:?}",
        create.body
    );
    assert_eq!(create.status, StatusCode::OK);
    let key = server.store.key_by_id(id).await.unwrap().unwrap();
    assert!(!key.allow_private_fields, "unticked box turns the flag off");

    // An IP allowlist that leaves the test client out.
    let csrf = browser.get(&format!("/admin/keys/{id}")).await.csrf();
    browser
        .post(
            &format!("/admin/keys/{id}"),
            &[
                ("csrf", &csrf),
                ("title", "Career site"),
                ("grant", "candidates:read"),
                ("ip_allowlist", "10.0.0.0/8\n2001:db8::/32"),
                ("intent", "save"),
            ],
        )
        .await;
    past_key_cache().await;
    let outside = server.call(&secret, "candidate.list", json!({})).await;
    assert_eq!(outside.status, StatusCode::FORBIDDEN);
    assert_eq!(outside.code(), "ip_not_allowed");
    assert!(outside.body["errorInfo"]["message"]
        .as_str()
        .unwrap()
        .contains("127.0.0.1"));

    let audit = server.store.audit_for_key(id, 10).await.unwrap();
    let entries: Vec<(&str, &str)> = audit
        .iter()
        .map(|a| (a.action.as_str(), a.detail.as_str()))
        .collect();
    assert_eq!(entries[2].0, "key.create");
    assert_eq!(entries[1].0, "key.edit");
    assert!(
        entries[1].1.contains("granted candidates:write"),
        "{}",
        entries[1].1
    );
    assert!(
        entries[1].1.contains("private fields off"),
        "{}",
        entries[1].1
    );
    assert!(
        entries[0]
            .1
            .contains("IP allowlist any address → 10.0.0.0/8, 2001:db8::/32"),
        "{}",
        entries[0].1
    );
    assert!(audit.iter().all(|a| a.actor == EMAIL));
}

#[tokio::test]
async fn presets_fill_the_checkboxes_without_saving() {
    let (server, mut browser) = signed_in().await;
    let csrf = browser.get("/admin/keys/new").await.csrf();
    let page = browser
        .post(
            "/admin/keys",
            &[
                ("csrf", &csrf),
                ("title", "Sync"),
                ("preset", "merge"),
                ("intent", "preset"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let checked = page.html.matches(" checked").count();
    assert_eq!(checked, 6, "six read grants");
    assert!(page.html.contains("value=\"Sync\""), "title kept");
    assert!(server.store.list_keys().await.unwrap().is_empty());
}

#[tokio::test]
async fn rotation_keeps_the_old_secret_for_the_grace_time_then_refuses_it() {
    let (server, mut browser) = signed_in().await;
    let (id, old_secret) = create_key(&mut browser, &[("grant", "candidates:read")]).await;

    let csrf = browser.get(&format!("/admin/keys/{id}")).await.csrf();
    let rotated = browser
        .post(
            &format!("/admin/keys/{id}/rotate"),
            &[("csrf", &csrf), ("grace", "1h")],
        )
        .await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.html);
    let new_secret = rotated.text_of("secret").unwrap();
    assert_ne!(new_secret, old_secret);
    let new_id = rotated.linked_key_id().unwrap();
    past_key_cache().await;
    let old_still = server.call(&old_secret, "candidate.list", json!({})).await;
    assert_ne!(
        old_still.status,
        StatusCode::FORBIDDEN,
        "works in its grace time"
    );
    let new_works = server.call(&new_secret, "candidate.list", json!({})).await;
    assert_ne!(new_works.status, StatusCode::FORBIDDEN);
    let new_key = server.store.key_by_id(new_id).await.unwrap().unwrap();
    let old_key = server.store.key_by_id(id).await.unwrap().unwrap();
    assert_eq!(new_key.grants, old_key.grants);
    assert_eq!(old_key.replaced_by, Some(new_id));
    let grace = old_key.retires_at.unwrap() - chrono::Utc::now();
    assert!(grace > chrono::Duration::minutes(59) && grace <= chrono::Duration::hours(1));

    // A rotated key cannot be rotated again; its successor can, with no grace.
    let csrf = browser.get(&format!("/admin/keys/{id}")).await.csrf();
    let again = browser
        .post(
            &format!("/admin/keys/{id}/rotate"),
            &[("csrf", &csrf), ("grace", "now")],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let third = browser
        .post(
            &format!("/admin/keys/{new_id}/rotate"),
            &[("csrf", &csrf), ("grace", "now")],
        )
        .await;
    assert_eq!(third.status, StatusCode::OK);
    past_key_cache().await;
    let refused = server.call(&new_secret, "candidate.list", json!({})).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.code(), "api_key_rotated");

    let actions: Vec<String> = server
        .store
        .audit_for_key(id, 10)
        .await
        .unwrap()
        .iter()
        .map(|a| a.action.clone())
        .collect();
    assert_eq!(actions, ["key.rotate", "key.create"]);
}

#[tokio::test]
async fn deactivation_asks_first_and_then_stops_the_key() {
    let (server, mut browser) = signed_in().await;
    let (id, secret) = create_key(&mut browser, &[("grant", "candidates:read")]).await;
    let confirm = browser.get(&format!("/admin/keys/{id}/deactivate")).await;
    assert!(confirm.html.contains("cannot be undone"));
    let csrf = confirm.csrf();
    let done = browser
        .post(&format!("/admin/keys/{id}/deactivate"), &[("csrf", &csrf)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    past_key_cache().await;
    let refused = server.call(&secret, "candidate.list", json!({})).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.code(), "api_key_deactivated");
    // The refusal is logged against the key, with its reason.
    server.state.requests.flush().await.unwrap();
    let denied = server.store.recent_requests(id, true, 10).await.unwrap();
    assert_eq!(denied[0].error_code.as_deref(), Some("api_key_deactivated"));
    let page = browser.get(&format!("/admin/keys/{id}")).await;
    assert!(page.html.contains("status-deactivated"));
    assert!(
        !page.html.contains("Rotate key"),
        "no actions on a deactivated key"
    );
    let audit = server.store.audit_for_key(id, 10).await.unwrap();
    assert_eq!(audit[0].action, "key.deactivate");
}

#[tokio::test]
async fn the_activity_page_shows_calls_denials_and_the_chart() {
    let (server, mut browser) = signed_in().await;
    let (id, secret) = create_key(&mut browser, &[("grant", "candidates:read")]).await;
    server.call(&secret, "candidate.list", json!({})).await;
    server.call(&secret, "candidate.list", json!({})).await;
    server.call(&secret, "candidate.create", json!({})).await;

    let page = browser.get(&format!("/admin/keys/{id}/activity")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("<svg"));
    assert!(
        page.html
            .contains("<strong>3</strong> requests, of which <strong>1</strong> denied"),
        "{}",
        page.html
    );
    assert_eq!(page.html.matches("<code>candidate.list</code>").count(), 2);
    // Once in the last requests, once among the denied ones.
    assert_eq!(
        page.html
            .matches("<code>missing_endpoint_permission</code>")
            .count(),
        2
    );
    assert!(page.html.contains("127.0.0.1"));

    let rows = server.store.recent_requests(id, false, 10).await.unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].endpoint, "candidate.create");
    assert_eq!(rows[0].status, 403);
    assert!(rows[0].denied);
    assert!(rows.iter().all(|r| r.duration_us > 0));
}

#[tokio::test]
async fn the_request_log_stays_bounded_and_the_rollup_keeps_counting() {
    let server = TestServer::start().await;
    let key = uuid::Uuid::now_v7();
    // Whole milliseconds: PostgreSQL keeps microseconds, not nanoseconds.
    let now = chrono::DurationRound::duration_trunc(
        chrono::Utc::now(),
        chrono::Duration::milliseconds(1),
    )
    .unwrap();
    let entry = |i: i64, status: u16| LoggedRequest {
        at: now - chrono::Duration::milliseconds(1000 - i),
        key_id: Some(key),
        endpoint: "candidate.list",
        status,
        error_code: None,
        client: None,
        duration_us: 10,
    };
    let allowed: Vec<_> = (0..300).map(|i| entry(i, 200)).collect();
    let denied: Vec<_> = (0..20).map(|i| entry(i, 403)).collect();
    for batch in allowed.chunks(120) {
        server.store.append_requests(batch).await.unwrap();
    }
    server.store.append_requests(&denied).await.unwrap();
    let kept = server
        .store
        .recent_requests(key, false, 1000)
        .await
        .unwrap();
    assert_eq!(
        kept.iter().filter(|r| !r.denied).count() as u64,
        KEPT_PER_KEY
    );
    assert_eq!(
        kept.iter().filter(|r| r.denied).count(),
        20,
        "denials are kept apart"
    );
    // The newest survive.
    assert_eq!(
        kept.iter().filter(|r| !r.denied).map(|r| r.at).max(),
        Some(allowed[299].at)
    );
    let daily = server
        .store
        .daily_requests(key, now.date_naive() - chrono::Duration::days(1))
        .await
        .unwrap();
    assert_eq!(daily.iter().map(|d| d.requests).sum::<i64>(), 320);
    assert_eq!(daily.iter().map(|d| d.denied).sum::<i64>(), 20);
}

#[tokio::test]
async fn the_audit_page_lists_actions_newest_first() {
    let (_server, mut browser) = signed_in().await;
    let (_id, _) = create_key(&mut browser, &[("grant", "jobs:read")]).await;
    let page = browser.get("/admin/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    let create = page.html.find("key.create").expect("create listed");
    let sign_in = page.html.find("admin.sign_in").expect("sign-in listed");
    assert!(create < sign_in, "newest first");
    assert!(page.html.contains(EMAIL));
}
