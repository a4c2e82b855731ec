//! The admin web app in a real browser: Debian's headless Chromium driven through
//! chromedriver. Screenshots of each page go to `artifacts/admin/`. Without
//! chromedriver the test says it was skipped and passes; CI installs it.

mod admin_support;
mod common;

use admin_support::{create_admin, PASSWORD};
use common::TestServer;
use fantoccini::{Client, ClientBuilder, Locator};
use reqwest::StatusCode;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
const EMAIL: &str = "browser@example.com";

/// chromedriver, stopped when the test ends however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn start_driver() -> (Driver, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver(child);
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return (driver, port);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start listening on port {port}");
}

async fn browser(port: u16, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1600",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("connect to chromedriver")
}

struct Shots {
    dir: PathBuf,
    count: usize,
}

impl Shots {
    fn new() -> Shots {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts/admin");
        std::fs::create_dir_all(&dir).expect("artifacts dir");
        Shots { dir, count: 0 }
    }

    async fn take(&mut self, client: &Client, name: &str) {
        self.count += 1;
        let png = client.screenshot().await.expect("screenshot");
        let path = self.dir.join(format!("{:02}-{name}.png", self.count));
        std::fs::write(&path, png).expect("write screenshot");
    }
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
}

/// Clicks something that loads a page, then waits for an element only that page has.
async fn click_then(client: &Client, css: &str, next_page_css: &str) {
    click(client, css).await;
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(next_page_css))
        .await
        .unwrap_or_else(|e| panic!("after clicking {css}, no {next_page_css}: {e}"));
}

async fn page_text(client: &Client) -> String {
    client
        .find(Locator::Css("body"))
        .await
        .expect("body")
        .text()
        .await
        .expect("text")
}

/// The key cache holds a key for a second; changes reach the API after it.
async fn past_key_cache() {
    tokio::time::sleep(ashlar::auth::keys::CACHE_TTL + Duration::from_millis(200)).await;
}

fn passes_the_gate(response: &common::Response) -> bool {
    response.status == StatusCode::OK && response.code() != "missing_endpoint_permission"
}

#[tokio::test]
async fn an_admin_manages_a_key_in_a_real_browser() {
    if !Path::new(CHROMEDRIVER).exists() || !Path::new(CHROMIUM).exists() {
        println!("SKIPPED: chromedriver not installed (apt-get install chromium chromium-driver)");
        return;
    }
    let server = TestServer::start().await;
    create_admin(&server.store, EMAIL).await;
    let (_driver, port) = start_driver().await;
    let profile = tempfile::tempdir().expect("profile dir");
    let client = browser(port, profile.path()).await;
    // The scenario runs in its own task so the browser is closed even when a step fails
    // (killing chromedriver alone would leave Chromium running).
    let outcome = tokio::spawn(scenario(client.clone(), server)).await;
    let _ = client.close().await;
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}

async fn scenario(client: Client, server: TestServer) {
    let mut shots = Shots::new();
    let base = &server.base;

    // Sign in.
    client.goto(&format!("{base}/admin/keys")).await.unwrap();
    assert!(client
        .current_url()
        .await
        .unwrap()
        .path()
        .ends_with("/admin/signin"));
    shots.take(&client, "sign-in").await;
    client
        .find(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys(EMAIL)
        .await
        .unwrap();
    client
        .find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    click_then(
        &client,
        "form[action='/admin/signin'] button[type=submit]",
        "form[action='/admin/signout']",
    )
    .await;
    assert!(page_text(&client)
        .await
        .contains("Signed in as browser@example.com"));
    shots.take(&client, "keys-empty").await;

    // Create a key with Candidates read.
    click_then(
        &client,
        "a[href='/admin/keys/new']",
        "#grant-candidates-read",
    )
    .await;
    client
        .find(Locator::Id("title"))
        .await
        .unwrap()
        .send_keys("Browser key")
        .await
        .unwrap();
    click(&client, "#grant-candidates-read").await;
    shots.take(&client, "create-form").await;
    click_then(&client, "button[value=create]", "#secret").await;
    let secret = client
        .find(Locator::Id("secret"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        secret.starts_with("ashlar_") && secret.len() == 45,
        "{secret}"
    );
    click(&client, "#copy").await;
    shots.take(&client, "secret-shown-once").await;

    assert!(passes_the_gate(
        &server.call(&secret, "candidate.list", json!({})).await
    ));
    let denied = server
        .call(&secret, "candidate.create", json!({"name": "Ada"}))
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(denied.code(), "missing_endpoint_permission");

    // Add Candidates write.
    click_then(
        &client,
        "a.button[href^='/admin/keys/']",
        "button[value=save]",
    )
    .await;
    shots.take(&client, "key-page").await;
    click(&client, "#grant-candidates-write").await;
    click_then(&client, "button[value=save]", "div.notice[role=status]").await;
    assert!(page_text(&client).await.contains("Changes saved."));
    past_key_cache().await;
    assert!(passes_the_gate(
        &server
            .call(&secret, "candidate.create", json!({"name": "Ada"}))
            .await
    ));

    // Rotate with a day of grace: the old secret still works.
    let key_url = client.current_url().await.unwrap();
    client
        .find(Locator::Id("grace"))
        .await
        .unwrap()
        .select_by_value("1d")
        .await
        .unwrap();
    click_then(
        &client,
        "form[action$='/rotate'] button[type=submit]",
        "#secret",
    )
    .await;
    let new_secret = client
        .find(Locator::Id("secret"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_ne!(new_secret, secret);
    shots.take(&client, "rotated").await;
    past_key_cache().await;
    assert!(passes_the_gate(
        &server.call(&secret, "candidate.list", json!({})).await
    ));
    assert!(passes_the_gate(
        &server.call(&new_secret, "candidate.list", json!({})).await
    ));

    // Deactivate the new key, with confirmation.
    click_then(&client, "a.button[href^='/admin/keys/']", "a.button.danger").await;
    click_then(&client, "a.button.danger", "button.danger").await;
    shots.take(&client, "deactivate-confirm").await;
    click_then(&client, "button.danger", ".status-deactivated").await;
    assert!(page_text(&client).await.contains("deactivated for good"));
    past_key_cache().await;
    let refused = server.call(&new_secret, "candidate.list", json!({})).await;
    assert_eq!(refused.code(), "api_key_deactivated");

    // The first key's activity shows its calls, the denial among them.
    client.goto(key_url.as_str()).await.unwrap();
    click_then(&client, "a[href$='/activity']", "svg[role=img]").await;
    let text = page_text(&client).await;
    assert!(
        text.contains("candidate.create") && text.contains("candidate.list"),
        "{text}"
    );
    assert!(text.contains("missing_endpoint_permission"), "{text}");
    client
        .find(Locator::Css("svg[role=img]"))
        .await
        .expect("chart");
    shots.take(&client, "activity").await;

    client.goto(&format!("{base}/admin/keys")).await.unwrap();
    shots.take(&client, "keys-list").await;
    client.goto(&format!("{base}/admin/audit")).await.unwrap();
    let audit = page_text(&client).await;
    for action in ["key.create", "key.edit", "key.rotate", "key.deactivate"] {
        assert!(audit.contains(action), "{action} in the audit log");
    }
    shots.take(&client, "audit-log").await;

    click_then(&client, "form[action='/admin/signout'] button", "#email").await;
    assert!(client
        .current_url()
        .await
        .unwrap()
        .path()
        .ends_with("/admin/signin"));
    client.close().await.unwrap();
}
