//! The `ashlar` binary itself: key commands, refusing unknown databases, and a
//! server whose logs never contain a secret.

mod common;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn ashlar(db_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ashlar"))
        .args(args)
        .env("ASHLAR_DATABASE_URL", db_url)
        .output()
        .expect("run ashlar")
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[tokio::test]
async fn keys_are_created_listed_shown_and_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let url = common::fresh_database_url(dir.path()).await;
    stdout(&ashlar(&url, &["migrate"]));

    let text = stdout(&ashlar(
        &url,
        &[
            "key",
            "create",
            "--title",
            "Sync",
            "--grant",
            "candidates:read",
            "--grant",
            "jobs:write",
            "--expires-in",
            "30d",
        ],
    ));
    let secret = text.lines().last().unwrap();
    assert!(ashlar::auth::secret::check_format(secret).is_ok(), "{text}");

    let created: Value = serde_json::from_str(&stdout(&ashlar(
        &url,
        &[
            "key",
            "create",
            "--title",
            "All",
            "--all",
            "--confidential",
            "--json",
        ],
    )))
    .unwrap();
    assert!(created["secret"].as_str().unwrap().starts_with("ashlar_"));
    assert_eq!(created["allowConfidential"], true);
    assert_eq!(created["scopes"].as_array().unwrap().len(), 20);

    let list = stdout(&ashlar(&url, &["key", "list"]));
    assert!(list.contains("Sync") && list.contains("All"), "{list}");
    assert!(!list.contains(secret), "list never shows secrets");

    let id = created["id"].as_str().unwrap();
    let shown: Value = serde_json::from_str(&stdout(&ashlar(&url, &["key", "show", id]))).unwrap();
    assert_eq!(shown["title"], "All");
    assert_eq!(shown["status"], "active");
    assert!(shown.get("secret").is_none());

    stdout(&ashlar(&url, &["key", "revoke", id]));
    let shown: Value = serde_json::from_str(&stdout(&ashlar(&url, &["key", "show", id]))).unwrap();
    assert_eq!(shown["status"], "deactivated");
}

#[test]
fn bad_arguments_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("x.db").display());
    let out = ashlar("mysql://root@localhost/x", &["migrate"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database URL"));

    let out = ashlar(&url, &["key", "list"]);
    assert!(
        !out.status.success(),
        "a read command does not create a SQLite file"
    );
    assert!(!dir.path().join("x.db").exists());

    stdout(&ashlar(&url, &["migrate"]));
    let out = ashlar(
        &url,
        &["key", "create", "--title", "x", "--grant", "payroll:read"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown module"));
    let out = ashlar(
        &url,
        &["key", "create", "--title", "x", "--expires-in", "soon"],
    );
    assert!(!out.status.success());

    let help = stdout(&ashlar(&url, &["--help"]));
    for command in ["serve", "key", "endpoints", "migrate"] {
        assert!(help.contains(command), "{help}");
    }
    let serve_help = stdout(&ashlar(&url, &["serve", "--help"]));
    assert!(serve_help.contains("ASHLAR_LISTEN") && serve_help.contains("ASHLAR_DATABASE_URL"));
}

#[tokio::test]
async fn the_demo_server_prints_a_working_key_and_never_logs_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let url = common::fresh_database_url(dir.path()).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ashlar"))
        .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        .env("ASHLAR_DATABASE_URL", &url)
        .env("ASHLAR_DATA_DIR", dir.path())
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the logs from the start, or a full pipe would stall the server.
    let stderr = child.stderr.take().unwrap();
    let logs = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap());
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut secret = String::new();
    while !secret.starts_with("ashlar_") {
        secret.clear();
        assert!(
            out.read_line(&mut secret).unwrap() > 0,
            "the demo key is printed"
        );
    }
    let secret = secret.trim().to_string();

    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let mut info = None;
    for _ in 0..100 {
        if let Ok(r) = client
            .post(format!("{base}/apiKey.info"))
            .basic_auth(&secret, Some(""))
            .json(&json!({}))
            .send()
            .await
        {
            info = Some(r.json::<Value>().await.unwrap());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(info.expect("server answered")["success"], true);
    let typo = format!("{}x", &secret[..secret.len() - 1]);
    for key in [&secret, &typo] {
        client
            .post(format!("{base}/candidate.create"))
            .basic_auth(key, Some(key))
            .json(&json!({"name": "x"}))
            .send()
            .await
            .unwrap();
    }
    interrupt(&mut child);
    let logs = logs.join().unwrap();
    assert!(logs.contains("Ashlar is serving"), "{logs}");
    assert!(!logs.contains(&secret), "the secret reached the logs");
    assert!(!logs.contains(&typo), "a presented key reached the logs");
    assert!(
        !logs.contains(&secret[7..20]),
        "part of the secret reached the logs"
    );
}

/// Stops the server with SIGINT so it shuts down cleanly.
fn interrupt(child: &mut std::process::Child) {
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
}
