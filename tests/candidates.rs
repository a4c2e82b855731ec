//! candidate.*: shapes, validation, search, lists and sync, notes and private
//! fields, activity records, fraud status and anonymization.

mod common;

use chrono::Utc;
use common::TestServer;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

async fn create(server: &TestServer, key: &str, body: Value) -> Value {
    server
        .call(key, "candidate.create", body)
        .await
        .results()
        .clone()
}

fn id_of(candidate: &Value) -> String {
    candidate["id"].as_str().expect("id").to_string()
}

async fn insert_user(server: &TestServer, email: &str) -> Uuid {
    server.add_user("Grace", "Hopper", email).await
}

#[tokio::test]
async fn a_candidate_with_only_a_name_has_every_array_and_the_real_nulls() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let candidate = create(&server, &key, json!({"name": "Ada Lovelace"})).await;
    insta::assert_json_snapshot!(candidate, {
        ".id" => "[id]", ".createdAt" => "[time]", ".updatedAt" => "[time]", ".profileUrl" => "[url]"
    });
    let info = server
        .call(&key, "candidate.info", json!({"id": id_of(&candidate)}))
        .await;
    assert_eq!(info.results(), &candidate);
}

#[tokio::test]
async fn create_takes_every_documented_field_and_the_aliases_clients_send() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let user = insert_user(&server, "grace@example.com").await;
    let candidate = create(
        &server,
        &key,
        json!({
            "name": "  Ada Lovelace ",
            "primaryEmailAddress": "Ada@Example.com",
            "primaryPhoneNumber": {"value": "+44 20 7946 0000", "type": "Work"},
            "linkedInUrl": "https://linkedin.com/in/ada",
            "githubUrl": "https://github.com/ada",
            "website": "https://ada.example.com",
            "alternateEmailAddresses": ["ada@work.example.com", ""],
            "creditedToUserId": user,
            "location": {"city": "London", "region": "England", "country": "United Kingdom"},
            "createdAt": "2024-02-05T14:13:34.066Z",
            "unknownField": true
        }),
    )
    .await;
    insta::assert_json_snapshot!(candidate, {
        ".id" => "[id]", ".updatedAt" => "[time]", ".profileUrl" => "[url]",
        ".location.id" => "[id]", ".creditedToUser.id" => "[id]", ".creditedToUser.updatedAt" => "[time]"
    });
    // `email`/`phoneNumber`, the documented names, work the same.
    let plain = create(
        &server,
        &key,
        json!({"name": "Alan Turing", "email": "alan@example.com", "phoneNumber": "123"}),
    )
    .await;
    assert_eq!(plain["primaryEmailAddress"]["value"], "alan@example.com");
    assert_eq!(plain["primaryPhoneNumber"]["value"], "123");
}

#[tokio::test]
async fn create_refuses_what_it_cannot_store_and_writes_nothing() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let cases = [
        (json!({}), "invalid_input", "name"),
        (json!({"name": "   "}), "invalid_input", "name"),
        (
            json!({"name": "A", "email": "not-an-email"}),
            "invalid_input",
            "email",
        ),
        (
            json!({"name": "A", "linkedInUrl": "linkedin"}),
            "invalid_input",
            "linkedInUrl",
        ),
        (
            json!({"name": "A", "createdAt": "yesterday"}),
            "invalid_input",
            "createdAt",
        ),
        (
            json!({"name": "A", "alternateEmailAddresses": ["ok@x.io", "nope"]}),
            "invalid_input",
            "alternateEmailAddresses",
        ),
        (
            json!({"name": "A", "creditedToUserId": Uuid::new_v4()}),
            "user_not_found",
            "",
        ),
    ];
    for (body, code, field) in cases {
        let response = server.call(&key, "candidate.create", body.clone()).await;
        assert_eq!(response.code(), code, "{body}");
        let message = response.body["errorInfo"]["message"].as_str().unwrap();
        assert!(message.contains(field), "{body}: {message}");
    }
    let list = server.call(&key, "candidate.list", json!({})).await;
    assert_eq!(list.results(), &json!([]));
}

#[tokio::test]
async fn create_does_not_merge_candidates_sharing_an_email_as_ashby_does_not() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let first = create(
        &server,
        &key,
        json!({"name": "A One", "email": "same@example.com"}),
    )
    .await;
    let second = create(
        &server,
        &key,
        json!({"name": "A Two", "email": "SAME@example.com"}),
    )
    .await;
    assert_ne!(first["id"], second["id"]);
    let found = server
        .call(
            &key,
            "candidate.search",
            json!({"email": "same@example.com"}),
        )
        .await;
    let names: Vec<&str> = found
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["A One", "A Two"]);
}

#[tokio::test]
async fn info_finds_by_either_id_spelling_and_answers_not_found() {
    let server = TestServer::start().await;
    let key = server.key(&["candidates:read", "candidates:write"]).await;
    let candidate = create(&server, &key, json!({"name": "Ada"})).await;
    let id = id_of(&candidate);
    for body in [json!({"id": id}), json!({"candidateId": id})] {
        let info = server.call(&key, "candidate.info", body).await;
        assert_eq!(info.results()["name"], "Ada");
    }
    let missing = server
        .call(&key, "candidate.info", json!({"id": Uuid::new_v4()}))
        .await;
    assert_eq!(missing.code(), "candidate_not_found");
    let external = server
        .call(
            &key,
            "candidate.info",
            json!({"externalMappingId": "bamboo-1"}),
        )
        .await;
    assert_eq!(external.code(), "candidate_not_found");
    assert_eq!(
        server.call(&key, "candidate.info", json!({})).await.code(),
        "invalid_input"
    );
    assert_eq!(
        server
            .call(&key, "candidate.info", json!({"id": "nope"}))
            .await
            .code(),
        "invalid_input"
    );
    let writer_only = server.key(&["candidates:write"]).await;
    let denied = server
        .call(&writer_only, "candidate.info", json!({"id": id}))
        .await;
    assert_eq!(denied.status, 403);
}

#[tokio::test]
async fn update_changes_what_is_sent_and_keeps_the_rest() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let before = create(
        &server,
        &key,
        json!({"name": "Ada", "email": "ada@old.example", "phoneNumber": "1", "linkedInUrl": "https://linkedin.com/in/ada", "githubUrl": "https://github.com/ada"}),
    )
    .await;
    let id = id_of(&before);
    let updated = server
        .call(
            &key,
            "candidate.update",
            json!({"candidateId": id, "name": "Ada King", "email": "ada@new.example",
                   "alternateEmail": "ada@alt.example", "linkedInUrl": "https://linkedin.com/in/ada-king",
                   "websiteUrl": "https://ada.example", "sendNotifications": "false"}),
        )
        .await;
    let after = updated.results();
    assert_eq!(after["name"], "Ada King");
    assert_eq!(
        after["emailAddresses"],
        json!([
            {"value": "ada@new.example", "type": "Personal", "isPrimary": true},
            {"value": "ada@old.example", "type": "Personal", "isPrimary": false},
            {"value": "ada@alt.example", "type": "Personal", "isPrimary": false}
        ])
    );
    assert_eq!(after["primaryEmailAddress"]["value"], "ada@new.example");
    assert_eq!(after["phoneNumbers"], before["phoneNumbers"]);
    assert_eq!(
        after["socialLinks"],
        json!([
            {"type": "LinkedIn", "url": "https://linkedin.com/in/ada-king"},
            {"type": "GitHub", "url": "https://github.com/ada"},
            {"type": "Website", "url": "https://ada.example"}
        ])
    );
    assert_eq!(after["createdAt"], before["createdAt"]);
    assert!(after["updatedAt"].as_str() >= before["updatedAt"].as_str());

    // `socialLinks` replaces every link, and the single-link fields are then ignored.
    let replaced = server
        .call(
            &key,
            "candidate.update",
            json!({"candidateId": id, "socialLinks": [{"type": "Twitter", "url": "https://x.com/ada"}],
                   "githubUrl": "https://github.com/ignored"}),
        )
        .await;
    assert_eq!(
        replaced.results()["socialLinks"],
        json!([{"type": "Twitter", "url": "https://x.com/ada"}])
    );

    let missing = server
        .call(
            &key,
            "candidate.update",
            json!({"candidateId": Uuid::new_v4(), "name": "X"}),
        )
        .await;
    assert_eq!(missing.code(), "candidate_not_found");
    let bad = server
        .call(&key, "candidate.update", json!({"candidateId": id, "socialLinks": [{"type": "MySpace", "url": "https://m.example"}]}))
        .await;
    assert_eq!(bad.code(), "invalid_input");
    let empty_name = server
        .call(
            &key,
            "candidate.update",
            json!({"candidateId": id, "name": ""}),
        )
        .await;
    assert_eq!(empty_name.code(), "invalid_input");
}

#[tokio::test]
async fn search_matches_email_exactly_and_names_by_part_in_any_case() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    for (name, email) in [
        ("Ada Lovelace", "ada@example.com"),
        ("Adam Smith", "adam@example.com"),
        ("Grace Hopper", "grace@example.com"),
        ("100% Real_Name", "real@example.com"),
    ] {
        create(&server, &key, json!({"name": name, "email": email})).await;
    }
    let names = |response: common::Response| -> Vec<String> {
        response
            .results()
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    let search = |body: Value| server.call(&key, "candidate.search", body);
    assert_eq!(
        names(search(json!({"name": "ADA"})).await),
        ["Ada Lovelace", "Adam Smith"]
    );
    assert_eq!(
        names(search(json!({"email": "ADA@example.COM"})).await),
        ["Ada Lovelace"]
    );
    assert_eq!(
        names(search(json!({"email": "ada@example"})).await),
        Vec::<String>::new()
    );
    assert_eq!(
        names(search(json!({"name": "smith", "email": "ada@example.com"})).await),
        Vec::<String>::new()
    );
    assert_eq!(
        names(search(json!({"name": "%"})).await),
        ["100% Real_Name"]
    );
    assert_eq!(
        names(search(json!({"name": "a_a"})).await),
        Vec::<String>::new()
    );
    let response = search(json!({"name": "grace", "limit": 5})).await;
    assert!(response.body.get("moreDataAvailable").is_none());
    assert_eq!(search(json!({})).await.code(), "invalid_input");
    assert_eq!(search(json!({"name": " "})).await.code(), "invalid_input");
}

#[tokio::test]
async fn list_pages_filters_by_creation_time_and_syncs_changes() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let c = create(
            &server,
            &key,
            json!({"name": format!("C{i}"), "createdAt": format!("2024-01-0{}T00:00:00.000Z", i + 1)}),
        )
        .await;
        ids.push(id_of(&c));
    }
    let first = server
        .call(&key, "candidate.list", json!({"limit": 2}))
        .await;
    assert_eq!(first.results().as_array().unwrap().len(), 2);
    assert_eq!(first.body["moreDataAvailable"], true);
    assert!(first.body.get("syncToken").is_none());
    let mut seen: Vec<String> = first
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(id_of)
        .collect();
    let mut cursor = first.body["nextCursor"].as_str().unwrap().to_string();
    let token = loop {
        let page = server
            .call(
                &key,
                "candidate.list",
                json!({"limit": "2", "cursor": cursor}),
            )
            .await;
        seen.extend(page.results().as_array().unwrap().iter().map(id_of));
        if page.body["moreDataAvailable"] == false {
            assert!(page.body.get("nextCursor").is_none());
            break page.body["syncToken"].as_str().unwrap().to_string();
        }
        cursor = page.body["nextCursor"].as_str().unwrap().to_string();
    };
    assert_eq!(seen, ids);

    // createdAfter: epoch milliseconds as an integer or a float.
    let jan3 = 1704240000000_i64;
    for after in [json!(jan3), json!(jan3 as f64)] {
        let page = server
            .call(&key, "candidate.list", json!({"createdAfter": after}))
            .await;
        let names: Vec<&str> = page
            .results()
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["C3", "C4"]);
    }

    // An incremental sync returns only what changed, with its newest state.
    server
        .call(
            &key,
            "candidate.update",
            json!({"candidateId": ids[1], "name": "C1 renamed"}),
        )
        .await
        .results();
    let changed = server
        .call(&key, "candidate.list", json!({"syncToken": token}))
        .await;
    let names: Vec<&str> = changed
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["C1 renamed"]);
    let forged = server
        .call(&key, "candidate.list", json!({"syncToken": "abc.def"}))
        .await;
    assert_eq!(forged.code(), "sync_token_invalid");
    let bad_cursor = server
        .call(&key, "candidate.list", json!({"cursor": "abc.def"}))
        .await;
    assert_eq!(bad_cursor.code(), "invalid_next_cursor");
}

#[tokio::test]
async fn notes_keep_plain_text_reduce_html_and_are_signed_by_the_key() {
    let server = TestServer::start().await;
    let key = server
        .key_with(&["candidates:read", "candidates:write"], |k| {
            k.title = "Sourcing bot".into()
        })
        .await;
    let id = id_of(&create(&server, &key, json!({"name": "Ada"})).await);
    let plain = server
        .call(
            &key,
            "candidate.createNote",
            json!({"candidateId": id, "note": "Strong <systems> background"}),
        )
        .await;
    insta::assert_json_snapshot!(plain.results().clone(), {
        ".id" => "[id]", ".createdAt" => "[time]", ".author.id" => "[id]"
    });
    let html = server
        .call(
            &key,
            "candidate.createNote",
            json!({"candidateId": id,
            "note": {"type": "text/html", "value": "<p>Met <b>Ada</b></p><script>x()</script>"},
            "createdAt": "2024-02-05T14:13:34.066Z"}),
        )
        .await;
    assert_eq!(html.results()["content"], "Met <b>Ada</b>");
    assert_eq!(html.results()["createdAt"], "2024-02-05T14:13:34.066Z");
    // The ashby SDK sends the type beside a string note.
    let sdk = server
        .call(
            &key,
            "candidate.createNote",
            json!({"candidateId": id, "note": "<i>ok</i><div>", "type": "text/html"}),
        )
        .await;
    assert_eq!(sdk.results()["content"], "<i>ok</i>");
    let notes = server
        .call(&key, "candidate.listNotes", json!({"candidateId": id}))
        .await;
    let contents: Vec<&str> = notes
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["content"].as_str().unwrap())
        .collect();
    assert_eq!(
        contents,
        ["Strong <systems> background", "Met <b>Ada</b>", "<i>ok</i>"]
    );
    assert_eq!(notes.body["moreDataAvailable"], false);
    assert!(notes.body["syncToken"].is_string());

    for (body, code) in [
        (json!({"candidateId": id, "note": ""}), "invalid_input"),
        (
            json!({"candidateId": id, "note": {"type": "text/markdown", "value": "x"}}),
            "invalid_input",
        ),
        (json!({"candidateId": id}), "invalid_input"),
        (
            json!({"candidateId": Uuid::new_v4(), "note": "x"}),
            "candidate_not_found",
        ),
    ] {
        assert_eq!(
            server
                .call(&key, "candidate.createNote", body.clone())
                .await
                .code(),
            code,
            "{body}"
        );
    }
    let missing = server
        .call(
            &key,
            "candidate.listNotes",
            json!({"candidateId": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(missing.code(), "candidate_not_found");
}

#[tokio::test]
async fn private_notes_and_emails_need_the_private_fields_flag_both_ways() {
    let server = TestServer::start().await;
    let grants = ["candidates:read", "candidates:write"];
    let private = server
        .key_with(&grants, |k| k.allow_private_fields = true)
        .await;
    let public = server.key(&grants).await;
    let id = id_of(&create(&server, &public, json!({"name": "Ada"})).await);

    // Writing: refused without the flag, accepted with it.
    for (key, allowed) in [(&public, false), (&private, true)] {
        let note = server
            .call(
                key,
                "candidate.createNote",
                json!({"candidateId": id, "note": "secret", "isPrivate": true}),
            )
            .await;
        let email = server
            .call(key, "candidate.addEmailMessage", json!({"candidateId": id, "emailProviderEmailId": format!("m-{allowed}"),
                "subject": "Offer", "from": "r@example.com", "to": "ada@example.com", "body": "<p>Hi</p>", "isPrivate": "true"}))
            .await;
        for response in [note, email] {
            if allowed {
                assert_eq!(response.results()["isPrivate"], true);
            } else {
                assert_eq!(response.code(), "private_fields_not_allowed");
            }
        }
    }
    // A public note is fine for both.
    server
        .call(
            &public,
            "candidate.createNote",
            json!({"candidateId": id, "note": "hello"}),
        )
        .await
        .results();

    // Reading: private notes are left out without the flag, before paging.
    let read = |key: String| {
        let server = &server;
        let id = id.clone();
        async move {
            let response = server
                .call(
                    &key,
                    "candidate.listNotes",
                    json!({"candidateId": id, "limit": 1}),
                )
                .await;
            response
                .results()
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["content"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(read(public.clone()).await, ["hello"]);
    assert_eq!(read(private.clone()).await, ["secret"]);
}

#[tokio::test]
async fn add_email_message_records_the_message_once_per_key() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let user = insert_user(&server, "Recruiter@Example.com").await;
    let id = id_of(&create(&server, &key, json!({"name": "Ada"})).await);
    let body = json!({"candidateId": id, "emailProviderEmailId": "gmail-1", "subject": "Hello",
        "from": "recruiter@example.com", "to": "ada@example.com", "body": "<p>Hi Ada</p>", "userId": user,
        "sentAt": "2026-01-02T03:04:05.000Z"});
    let added = server
        .call(&key, "candidate.addEmailMessage", body.clone())
        .await;
    insta::assert_json_snapshot!(added.results().clone(), {".id" => "[id]", ".candidateId" => "[id]"});
    assert_eq!(
        server
            .call(&key, "candidate.addEmailMessage", body.clone())
            .await
            .code(),
        "invalid_input"
    );
    let other_key = server.admin_key().await;
    assert!(server
        .call(&other_key, "candidate.addEmailMessage", body.clone())
        .await
        .ok());
    let mut unknown_user = body.clone();
    unknown_user["userId"] = json!(Uuid::new_v4());
    unknown_user["emailProviderEmailId"] = json!("gmail-2");
    assert_eq!(
        server
            .call(&key, "candidate.addEmailMessage", unknown_user)
            .await
            .code(),
        "user_not_found"
    );
    let mut missing = body.clone();
    missing.as_object_mut().unwrap().remove("subject");
    assert_eq!(
        server
            .call(&key, "candidate.addEmailMessage", missing)
            .await
            .code(),
        "invalid_input"
    );
}

#[tokio::test]
async fn client_info_and_fraud_checks_list_what_was_recorded() {
    use ashlar::store::entities::{candidate_client_info, candidate_fraud_check};
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let id = id_of(&create(&server, &key, json!({"name": "Ada"})).await);
    let candidate = Uuid::parse_str(&id).unwrap();
    let write = server.store.write().await.unwrap();
    let now = Utc::now();
    candidate_client_info::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        candidate_id: Set(candidate),
        ip_address: Set("203.0.113.9".into()),
        user_agent: Set(Some("Mozilla/5.0".into())),
        related_entity_type: Set("application".into()),
        related_entity_id: Set(Uuid::now_v7()),
    }
    .insert(&write.txn)
    .await
    .unwrap();
    candidate_fraud_check::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        candidate_id: Set(candidate),
        application_id: Set(None),
        fraud_signals: Set(json!([{"id": Uuid::now_v7(), "category": "Geographic", "name": "VPN", "description": "Applied through a VPN"}])),
    }
    .insert(&write.txn)
    .await
    .unwrap();
    write.commit().await.unwrap();

    let info = server
        .call(&key, "candidate.listClientInfo", json!({"candidateId": id}))
        .await;
    let item = &info.results()[0];
    assert_eq!(item["ipAddress"], "203.0.113.9");
    assert_eq!(item["userAgent"], "Mozilla/5.0");
    assert_eq!(item["candidateId"], json!(id));
    assert!(info.body["syncToken"].is_string());
    let checks = server
        .call(
            &key,
            "candidate.listFraudChecks",
            json!({"candidateId": id}),
        )
        .await;
    assert_eq!(checks.results()[0]["fraudSignals"][0]["name"], "VPN");
    assert_eq!(checks.results()[0]["applicationId"], Value::Null);
    assert!(checks.body.get("syncToken").is_none());
    for endpoint in ["candidate.listClientInfo", "candidate.listFraudChecks"] {
        let missing = server
            .call(&key, endpoint, json!({"candidateId": Uuid::new_v4()}))
            .await;
        assert_eq!(missing.code(), "candidate_not_found");
    }
}

#[tokio::test]
async fn set_fraud_status_takes_the_three_review_outcomes() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let id = id_of(&create(&server, &key, json!({"name": "Ada"})).await);
    for status in ["Fraudulent", "Unsure", "NotFraudulent"] {
        let response = server
            .call(
                &key,
                "candidate.setFraudStatus",
                json!({"candidateId": id, "fraudStatus": status}),
            )
            .await;
        assert_eq!(response.results()["fraudStatus"], status);
    }
    let bad = server
        .call(
            &key,
            "candidate.setFraudStatus",
            json!({"candidateId": id, "fraudStatus": "PassedFraudCheck"}),
        )
        .await;
    assert_eq!(bad.code(), "invalid_input");
    let missing = server
        .call(
            &key,
            "candidate.setFraudStatus",
            json!({"candidateId": Uuid::new_v4(), "fraudStatus": "Unsure"}),
        )
        .await;
    assert_eq!(missing.code(), "candidate_not_found");
}

#[tokio::test]
async fn anonymize_removes_personal_data_and_keeps_the_record() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let candidate = create(
        &server,
        &key,
        json!({"name": "Ada Lovelace", "email": "ada@example.com", "phoneNumber": "+44 1",
               "linkedInUrl": "https://linkedin.com/in/ada", "location": {"city": "London"}}),
    )
    .await;
    let id = id_of(&candidate);
    for note in ["first", "second"] {
        server
            .call(
                &key,
                "candidate.createNote",
                json!({"candidateId": id, "note": note}),
            )
            .await
            .results();
    }
    let upload = server
        .request(reqwest::Method::POST, "candidate.uploadResume")
        .basic_auth(&key, Some(""))
        .multipart(
            reqwest::multipart::Form::new()
                .text("candidateId", id.clone())
                .part(
                    "resume",
                    reqwest::multipart::Part::bytes(b"Ada's CV".to_vec()).file_name("cv.txt"),
                ),
        );
    let uploaded = common::send(upload).await;
    let handle = uploaded.results()["resumeFileHandle"]["handle"]
        .as_str()
        .unwrap()
        .to_string();
    let url = server
        .call(&key, "file.info", json!({"fileHandle": handle}))
        .await
        .results()["url"]
        .as_str()
        .unwrap()
        .to_string();

    let anonymized = server
        .call(&key, "candidate.anonymize", json!({"candidateId": id}))
        .await;
    let after = anonymized.results();
    assert_eq!(after["id"], json!(id));
    assert_eq!(after["name"], "Anonymized Candidate");
    assert_eq!(after["createdAt"], candidate["createdAt"]);
    for field in [
        "emailAddresses",
        "phoneNumbers",
        "socialLinks",
        "fileHandles",
    ] {
        assert_eq!(after[field], json!([]), "{field}");
    }
    for field in [
        "primaryEmailAddress",
        "primaryPhoneNumber",
        "resumeFileHandle",
        "location",
    ] {
        assert!(after.get(field).is_none(), "{field}");
    }
    // The notes stay (they are counted) but say nothing any more.
    let notes = server
        .call(&key, "candidate.listNotes", json!({"candidateId": id}))
        .await;
    let contents: Vec<&str> = notes
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["content"].as_str().unwrap())
        .collect();
    assert_eq!(contents, ["", ""]);
    // Nothing finds the person any more, and the file is gone from disk.
    let by_email = server
        .call(
            &key,
            "candidate.search",
            json!({"email": "ada@example.com"}),
        )
        .await;
    assert_eq!(by_email.results(), &json!([]));
    let by_name = server
        .call(&key, "candidate.search", json!({"name": "lovelace"}))
        .await;
    assert_eq!(by_name.results(), &json!([]));
    let download = reqwest::get(&url).await.unwrap();
    assert_eq!(download.status(), 404);
    let files = std::fs::read_dir(server.state.data_dir.join("files"))
        .unwrap()
        .count();
    assert_eq!(files, 0);
    let missing = server
        .call(
            &key,
            "candidate.anonymize",
            json!({"candidateId": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(missing.code(), "candidate_not_found");
}

/// Writers create and rename candidates while a reader keeps syncing with its token:
/// when the writers stop, one more sync leaves the reader with every final state.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_syncing_reader_sees_every_change_made_by_concurrent_writers() {
    let server = std::sync::Arc::new(TestServer::start().await);
    let key = server.admin_key().await;
    let mut writers = Vec::new();
    for w in 0..3 {
        let server = server.clone();
        let key = key.clone();
        writers.push(tokio::spawn(async move {
            for i in 0..15 {
                let c = create(&server, &key, json!({"name": format!("w{w}-{i}")})).await;
                if i % 3 == 0 {
                    server
                        .call(
                            &key,
                            "candidate.update",
                            json!({"candidateId": id_of(&c), "name": format!("w{w}-{i}-renamed")}),
                        )
                        .await
                        .results();
                }
            }
        }));
    }
    let mut known: HashMap<String, String> = HashMap::new();
    let mut token: Option<String> = None;
    let sync = |token: Option<String>| {
        let server = server.clone();
        let key = key.clone();
        async move {
            let mut changes = Vec::new();
            let mut cursor: Option<String> = None;
            loop {
                let page = server
                    .call(
                        &key,
                        "candidate.list",
                        json!({"limit": 4, "cursor": cursor, "syncToken": token}),
                    )
                    .await;
                for c in page.results().as_array().unwrap() {
                    changes.push((id_of(c), c["name"].as_str().unwrap().to_string()));
                }
                if page.body["moreDataAvailable"] == false {
                    return (
                        changes,
                        page.body["syncToken"].as_str().unwrap().to_string(),
                    );
                }
                cursor = page.body["nextCursor"].as_str().map(str::to_string);
            }
        }
    };
    while !writers.iter().all(|w| w.is_finished()) {
        let (changes, next) = sync(token.clone()).await;
        known.extend(changes);
        token = Some(next);
    }
    for writer in writers {
        writer.await.unwrap();
    }
    let (changes, _) = sync(token).await;
    known.extend(changes);

    let (everything, _) = sync(None).await;
    let truth: HashMap<String, String> = everything.into_iter().collect();
    assert_eq!(truth.len(), 45);
    assert_eq!(known, truth);
}

#[test]
fn cursor_paging_returns_every_candidate_exactly_once_for_any_page_size() {
    use proptest::prelude::*;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (server, key, ids) = runtime.block_on(async {
        let server = TestServer::start().await;
        let key = server.admin_key().await;
        let mut ids = HashSet::new();
        for i in 0..37 {
            ids.insert(id_of(
                &create(&server, &key, json!({"name": format!("P{i}")})).await,
            ));
        }
        (server, key, ids)
    });
    let config = ProptestConfig {
        cases: 12,
        ..ProptestConfig::default()
    };
    proptest!(config, |(sizes in proptest::collection::vec(1u64..45, 1..8))| {
        let seen = runtime.block_on(async {
            let mut seen = Vec::new();
            let mut cursor: Option<String> = None;
            for step in 0.. {
                let limit = sizes[step % sizes.len()];
                let page = server
                    .call(&key, "candidate.list", json!({"limit": limit, "cursor": cursor}))
                    .await;
                let rows = page.results().as_array().unwrap();
                assert!(rows.len() as u64 <= limit);
                seen.extend(rows.iter().map(id_of));
                if page.body["moreDataAvailable"] == false {
                    break;
                }
                cursor = page.body["nextCursor"].as_str().map(str::to_string);
            }
            seen
        });
        prop_assert_eq!(seen.len(), ids.len());
        prop_assert_eq!(seen.into_iter().collect::<HashSet<_>>(), ids.clone());
    });
}
