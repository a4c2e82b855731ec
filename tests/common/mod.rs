//! The test harness: a real server on a random port over a fresh database.
//! SQLite by default; set `ASHLAR_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres`
//! to run the same tests on PostgreSQL (each server gets its own new database).
#![allow(dead_code)]

use ashlar::auth::permissions::Grant;
use ashlar::http::{self, AppState};
use ashlar::store::api_keys::NewKey;
use ashlar::store::{OpenMode, Store};
use reqwest::StatusCode;
use serde_json::Value;
use sqlx::Connection;

pub struct TestServer {
    pub base: String,
    pub store: Store,
    pub state: AppState,
    pub db_url: String,
    _dir: tempfile::TempDir,
    client: reqwest::Client,
}

pub struct Response {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Response {
    /// `errorInfo.code`, or "" on success.
    pub fn code(&self) -> &str {
        self.body["errorInfo"]["code"].as_str().unwrap_or("")
    }

    pub fn ok(&self) -> bool {
        self.status == StatusCode::OK && self.body["success"] == Value::Bool(true)
    }

    /// The results of a successful call; panics with the error otherwise.
    pub fn results(&self) -> &Value {
        assert!(self.ok(), "call failed: {} {}", self.status, self.body);
        &self.body["results"]
    }
}

/// A fresh database URL for the engine under test.
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    match std::env::var("ASHLAR_TEST_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let name = format!("ashlar_test_{}", uuid::Uuid::new_v4().simple());
            let mut conn = sqlx::PgConnection::connect(&base)
                .await
                .expect("connect to PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let (prefix, _) = base.rsplit_once('/').expect("URL names a database");
            format!("{prefix}/{name}")
        }
        _ => format!("sqlite://{}", dir.join("test.db").display()),
    }
}

impl TestServer {
    pub async fn start() -> TestServer {
        Self::start_with(|_| {}).await
    }

    /// Starts a server, letting the test adjust its state first.
    pub async fn start_with(adjust: impl FnOnce(&mut AppState)) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let db_url = fresh_database_url(dir.path()).await;
        let store = Store::open(&db_url, OpenMode::CreateAndMigrate)
            .await
            .expect("open store");
        Self::serve(store, db_url, dir, adjust).await
    }

    /// A second instance over the same database, as behind a load balancer.
    pub async fn another_instance(&self) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&self.db_url, OpenMode::Existing)
            .await
            .expect("open store");
        Self::serve(store, self.db_url.clone(), dir, |_| {}).await
    }

    async fn serve(
        store: Store,
        db_url: String,
        dir: tempfile::TempDir,
        adjust: impl FnOnce(&mut AppState),
    ) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let mut state = AppState::new(store.clone(), dir.path().join("data"))
            .await
            .expect("state");
        state.public_url = base.clone();
        adjust(&mut state);
        tokio::spawn(http::serve(listener, state.clone()));
        TestServer {
            base,
            store,
            state,
            db_url,
            _dir: dir,
            client: reqwest::Client::new(),
        }
    }

    /// Creates a key with these grants (`"candidates:read"`) and returns its secret.
    pub async fn key(&self, grants: &[&str]) -> String {
        self.key_with(grants, |_| {}).await
    }

    pub async fn key_with(&self, grants: &[&str], adjust: impl FnOnce(&mut NewKey)) -> String {
        let mut new = NewKey {
            title: "test key".into(),
            grants: grants
                .iter()
                .map(|g| g.parse::<Grant>().expect("grant"))
                .collect(),
            created_by: "test".into(),
            ..NewKey::default()
        };
        adjust(&mut new);
        let secret = ashlar::auth::secret::generate();
        self.store
            .insert_key(&new, &secret, chrono::Utc::now())
            .await
            .expect("insert key");
        secret
    }

    /// A key with every grant and both flags.
    pub async fn admin_key(&self) -> String {
        self.key_with(&[], |k| {
            k.grants = ashlar::auth::permissions::all_grants()
                .into_iter()
                .collect();
            k.allow_confidential = true;
            k.allow_private_fields = true;
            k.allow_update_history = true;
        })
        .await
    }

    /// Adds an organisation user through the store, as `ashlar user create` does.
    pub async fn add_user(&self, first: &str, last: &str, email: &str) -> uuid::Uuid {
        let write = self.store.write().await.expect("write");
        let new = ashlar::store::users::NewUser {
            first_name: first.into(),
            last_name: last.into(),
            email: email.into(),
            global_role: "Limited Access".into(),
            manager_id: None,
        };
        let user = ashlar::store::users::add_user(&write, new, chrono::Utc::now())
            .await
            .expect("add user");
        write.commit().await.expect("commit");
        user.id
    }

    /// POSTs JSON to an endpoint with the key as the Basic-auth username.
    pub async fn call(&self, key: &str, endpoint: &str, body: Value) -> Response {
        let request = self
            .client
            .post(format!("{}/{endpoint}", self.base))
            .basic_auth(key, Some(""))
            .json(&body);
        send(request).await
    }

    /// A raw request builder for protocol tests.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, format!("{}/{path}", self.base))
    }
}

pub async fn send(request: reqwest::RequestBuilder) -> Response {
    let response = request.send().await.expect("request sent");
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Response {
        status,
        headers,
        body,
    }
}
