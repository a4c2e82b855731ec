//! Openings: creation, versions, job and location links, archiving, state rules,
//! lists and search, and opening-level hiring teams.

mod common;
mod jobs_support;

use common::TestServer;
use jobs_support::*;
use serde_json::{json, Value};
use uuid::Uuid;

async fn opening(server: &TestServer, key: &str, body: Value) -> Value {
    server
        .call(key, "opening.create", body)
        .await
        .results()
        .clone()
}

#[tokio::test]
async fn an_opening_is_created_with_its_jobs_and_locations() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let job = create_job(&server, &key, &org, "Engineer").await;
    let created = opening(
        &server,
        &key,
        json!({
            "identifier": "ENG-1",
            "description": "Backfill for the platform team",
            "teamId": org.departments[1],
            "locationIds": [org.locations[0], org.locations[1], org.locations[0]],
            "jobIds": [job["id"]],
            "targetHireDate": "2026-03-31",
            "isBackfill": "true",
            "employmentType": "",
        }),
    )
    .await;
    assert_eq!(created["openingState"], "Draft");
    assert_eq!(created["isArchived"], false);
    let version = &created["latestVersion"];
    assert_eq!(version["identifier"], "ENG-1");
    assert_eq!(version["jobIds"], json!([job["id"]]));
    assert_eq!(version["locationIds"].as_array().unwrap().len(), 2);
    assert_eq!(version["employmentType"], "FullTime");
    assert_eq!(version["isBackfill"], true);
    assert_eq!(version["targetHireDate"], "2026-03-31");
    assert_eq!(version["teamId"], json!(org.departments[1]));
    insta::assert_json_snapshot!("opening_create", redact(&created));

    let info = server
        .call(&key, "opening.info", json!({"openingId": created["id"]}))
        .await;
    assert_eq!(info.results(), &created);
    // The job now carries the opening.
    let expanded = server
        .call(
            &key,
            "job.info",
            json!({"id": job["id"], "expand": ["openings"]}),
        )
        .await;
    assert_eq!(expanded.results()["openings"][0]["id"], created["id"]);

    // Without an identifier one is made up.
    let bare = opening(&server, &key, json!({})).await;
    assert!(bare["latestVersion"]["identifier"]
        .as_str()
        .unwrap()
        .starts_with("OPN-"));
}

#[tokio::test]
async fn opening_create_refuses_what_does_not_exist_and_writes_nothing() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let missing = Uuid::now_v7();
    let cases = [
        (json!({"teamId": missing}), "department_not_found"),
        (
            json!({"locationIds": [org.locations[0], missing]}),
            "location_not_found",
        ),
        (json!({"jobIds": [missing]}), "job_not_found"),
        (json!({"targetStartDate": "31/03/2026"}), "invalid_input"),
        (json!({"employmentType": "Seasonal"}), "invalid_input"),
        (json!({"openingState": "Filled"}), "invalid_input"),
        (json!({"openingState": "Open"}), "opening_state_invalid"),
        (json!({"identifier": "  "}), "invalid_input"),
    ];
    for (body, code) in cases {
        let response = server.call(&key, "opening.create", body.clone()).await;
        assert_eq!(response.code(), code, "{body}");
    }
    let list = server.call(&key, "opening.list", json!({})).await;
    assert_eq!(list.results(), &json!([]));
    let missing_info = server
        .call(&key, "opening.info", json!({"openingId": missing}))
        .await;
    assert_eq!(missing_info.code(), "opening_not_found");
}

#[tokio::test]
async fn an_update_makes_a_new_version() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let created = opening(&server, &key, json!({"identifier": "OPS-1"})).await;
    let updated = server
        .call(
            &key,
            "opening.update",
            json!({"openingId": created["id"], "description": "Now with a description", "employmentType": "Contract", "teamId": org.departments[2]}),
        )
        .await;
    let updated = updated.results();
    assert_ne!(
        updated["latestVersion"]["id"],
        created["latestVersion"]["id"]
    );
    assert_eq!(updated["latestVersion"]["identifier"], "OPS-1");
    assert_eq!(
        updated["latestVersion"]["description"],
        "Now with a description"
    );
    assert_eq!(updated["latestVersion"]["employmentType"], "Contract");
    let missing = Uuid::now_v7();
    let refused = server
        .call(
            &key,
            "opening.update",
            json!({"openingId": created["id"], "description": "lost", "teamId": missing}),
        )
        .await;
    assert_eq!(refused.code(), "department_not_found");
    let info = server
        .call(&key, "opening.info", json!({"openingId": created["id"]}))
        .await;
    assert_eq!(
        info.results()["latestVersion"]["description"],
        "Now with a description"
    );
    let gone = server
        .call(&key, "opening.update", json!({"openingId": missing}))
        .await;
    assert_eq!(gone.code(), "opening_not_found");
}

#[tokio::test]
async fn jobs_and_locations_are_linked_and_unlinked() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let job = create_job(&server, &key, &org, "Engineer").await;
    let created = opening(&server, &key, json!({})).await;
    let call = |endpoint: &'static str, extra: Value| {
        let mut body = json!({"openingId": created["id"]});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let server = &server;
        let key = &key;
        async move { server.call(key, endpoint, body).await }
    };
    for _ in 0..2 {
        let added = call("opening.addJob", json!({"jobId": job["id"]})).await;
        assert_eq!(
            added.results()["latestVersion"]["jobIds"],
            json!([job["id"]])
        );
        let added = call(
            "opening.addLocation",
            json!({"locationId": org.locations[2]}),
        )
        .await;
        assert_eq!(
            added.results()["latestVersion"]["locationIds"],
            json!([org.locations[2]])
        );
    }
    let removed = call("opening.removeJob", json!({"jobId": job["id"]})).await;
    assert_eq!(removed.results()["latestVersion"]["jobIds"], json!([]));
    let removed = call(
        "opening.removeLocation",
        json!({"locationId": org.locations[2]}),
    )
    .await;
    assert_eq!(removed.results()["latestVersion"]["locationIds"], json!([]));

    let again = call("opening.removeJob", json!({"jobId": job["id"]})).await;
    assert_eq!(again.code(), "invalid_input");
    let again = call(
        "opening.removeLocation",
        json!({"locationId": org.locations[2]}),
    )
    .await;
    assert_eq!(again.code(), "invalid_input");
    let missing = Uuid::now_v7();
    assert_eq!(
        call("opening.addJob", json!({"jobId": missing}))
            .await
            .code(),
        "job_not_found"
    );
    assert_eq!(
        call("opening.addLocation", json!({"locationId": missing}))
            .await
            .code(),
        "location_not_found"
    );
    let no_opening = server
        .call(
            &key,
            "opening.addJob",
            json!({"openingId": missing, "jobId": job["id"]}),
        )
        .await;
    assert_eq!(no_opening.code(), "opening_not_found");
}

#[tokio::test]
async fn opening_states_follow_the_rules() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let job = create_job(&server, &key, &org, "Engineer").await;
    let created = opening(&server, &key, json!({})).await;
    let reasons = server.call(&key, "closeReason.list", json!({})).await;
    let reason = reasons.results()[1]["id"].clone();
    let set = |state: &'static str, reason: Option<Value>| {
        let mut body = json!({"openingId": created["id"], "openingState": state});
        if let Some(reason) = reason {
            body["closeReasonId"] = reason;
        }
        let server = &server;
        let key = &key;
        async move { server.call(key, "opening.setOpeningState", body).await }
    };
    let refused = set("Open", None).await;
    assert_eq!(refused.code(), "opening_state_invalid", "no job yet");
    server
        .call(
            &key,
            "opening.addJob",
            json!({"openingId": created["id"], "jobId": job["id"]}),
        )
        .await
        .results();
    assert_eq!(
        set("Approved", None).await.results()["openingState"],
        "Approved"
    );
    let open = set("Open", None).await;
    assert!(open.results()["openedAt"].is_string());
    assert_eq!(set("Draft", None).await.code(), "opening_state_invalid");
    assert_eq!(set("Approved", None).await.code(), "opening_state_invalid");
    assert_eq!(
        set("Open", Some(reason.clone())).await.code(),
        "invalid_input",
        "a close reason only goes with Closed"
    );
    assert_eq!(
        set("Closed", Some(json!(Uuid::now_v7()))).await.code(),
        "close_reason_not_found"
    );
    let closed = set("Closed", Some(reason.clone())).await;
    let closed = closed.results();
    assert_eq!(closed["openingState"], "Closed");
    assert_eq!(closed["closeReasonId"], reason);
    assert!(closed["closedAt"].is_string());
    let reopened = set("Open", None).await;
    assert!(reopened.results().get("closeReasonId").is_none());
    assert_eq!(set("Open", None).await.results()["openingState"], "Open");
    assert_eq!(set("Filled", None).await.code(), "invalid_input");
    let missing = server
        .call(
            &key,
            "opening.setOpeningState",
            json!({"openingId": Uuid::now_v7(), "openingState": "Open"}),
        )
        .await;
    assert_eq!(missing.code(), "opening_not_found");
}

#[tokio::test]
async fn archived_openings_say_so_and_can_return() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let created = opening(&server, &key, json!({})).await;
    let archived = server
        .call(
            &key,
            "opening.setArchived",
            json!({"openingId": created["id"], "archive": true}),
        )
        .await;
    let archived = archived.results();
    assert_eq!(archived["isArchived"], true);
    assert!(archived["archivedAt"].is_string());
    let restored = server
        .call(
            &key,
            "opening.setArchived",
            json!({"openingId": created["id"], "archive": "false"}),
        )
        .await;
    assert_eq!(restored.results()["isArchived"], false);
    assert!(restored.results().get("archivedAt").is_none());
    let missing = server
        .call(
            &key,
            "opening.setArchived",
            json!({"openingId": Uuid::now_v7(), "archive": true}),
        )
        .await;
    assert_eq!(missing.code(), "opening_not_found");
    let malformed = server
        .call(
            &key,
            "opening.setArchived",
            json!({"openingId": created["id"]}),
        )
        .await;
    assert_eq!(malformed.code(), "invalid_input");
}

#[tokio::test]
async fn openings_are_listed_searched_and_synced() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    for identifier in ["ENG-1", "ENG-2", "SALES-1"] {
        opening(&server, &key, json!({"identifier": identifier})).await;
    }
    let page = server.call(&key, "opening.list", json!({"limit": 2})).await;
    assert_eq!(page.results().as_array().unwrap().len(), 2);
    assert_eq!(page.body["moreDataAvailable"], true);
    let cursor = page.body["nextCursor"].as_str().unwrap().to_string();
    let last = server
        .call(&key, "opening.list", json!({"limit": 2, "cursor": cursor}))
        .await;
    assert_eq!(last.results().as_array().unwrap().len(), 1);
    let token = last.body["syncToken"].as_str().unwrap().to_string();
    let found = server
        .call(&key, "opening.search", json!({"identifier": "eng"}))
        .await;
    let ids: Vec<&str> = found
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["latestVersion"]["identifier"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ENG-1", "ENG-2"]);
    assert_eq!(
        server.call(&key, "opening.search", json!({})).await.code(),
        "invalid_input"
    );
    let first = found.results()[0]["id"].clone();
    server
        .call(
            &key,
            "opening.setArchived",
            json!({"openingId": first, "archive": true}),
        )
        .await
        .results();
    let changed = server
        .call(&key, "opening.list", json!({"syncToken": token}))
        .await;
    let changed = changed.results().as_array().unwrap();
    assert_eq!(
        changed.len(),
        1,
        "the archived opening comes back with isArchived"
    );
    assert_eq!(changed[0]["isArchived"], true);
    let future = chrono::Utc::now().timestamp_millis() + 60_000;
    let none = server
        .call(&key, "opening.list", json!({"createdAfter": future}))
        .await;
    assert_eq!(none.results(), &json!([]));
}

#[tokio::test]
async fn openings_have_hiring_teams() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let roles = roles(&server, &key).await;
    let created = opening(&server, &key, json!({})).await;
    let body = json!({"openingId": created["id"], "teamMemberId": org.users[2], "roleId": roles["Coordinator"]});
    server
        .call(&key, "hiringTeam.addMember", body.clone())
        .await
        .results();
    let info = server
        .call(&key, "opening.info", json!({"openingId": created["id"]}))
        .await;
    let team = &info.results()["latestVersion"]["hiringTeam"];
    assert_eq!(team[0]["firstName"], "Ada");
    assert_eq!(team[0]["role"], "Coordinator");
    server
        .call(&key, "hiringTeam.removeMember", body)
        .await
        .results();
    let info = server
        .call(&key, "opening.info", json!({"openingId": created["id"]}))
        .await;
    assert_eq!(info.results()["latestVersion"]["hiringTeam"], json!([]));
}
