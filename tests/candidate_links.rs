//! candidate.addTag/removeTag/addProject/removeProject/listProjects, project.list and
//! project.search: tags on candidate responses, no-op rules, sync visibility, and
//! the confidential-project matrix.

mod common;
mod jobs_support;

use common::TestServer;
use jobs_support::project;
use serde_json::{json, Value};

const GRANTS: [&str; 5] = [
    "candidates:read",
    "jobs:read",
    "candidates:write",
    "hiringProcessMetadata:read",
    "hiringProcessMetadata:write",
];

async fn key(server: &TestServer, confidential: bool) -> String {
    server
        .key_with(&GRANTS, |k| k.allow_confidential = confidential)
        .await
}

async fn candidate(server: &TestServer, key: &str, name: &str) -> String {
    let created = server
        .call(key, "candidate.create", json!({"name": name}))
        .await;
    created.results()["id"].as_str().unwrap().to_string()
}

async fn tag(server: &TestServer, key: &str, title: &str) -> String {
    let created = server
        .call(key, "candidateTag.create", json!({"title": title}))
        .await;
    created.results()["id"].as_str().unwrap().to_string()
}

fn titles(tags: &Value) -> Vec<&str> {
    tags.as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect()
}

fn ids(rows: &Value) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn tags_are_added_listed_everywhere_and_removed() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key, "Ada Lovelace").await;
    let referral = tag(&server, &key, "Referral").await;
    let alumni = tag(&server, &key, "alumni").await;

    let added = server
        .call(
            &key,
            "candidate.addTag",
            json!({"candidateId": ada, "tagId": referral}),
        )
        .await;
    insta::assert_json_snapshot!("add_tag", added.results(), {
        ".id" => "[id]", ".createdAt" => "[time]", ".updatedAt" => "[time]",
        ".profileUrl" => "[url]", ".tags[].id" => "[id]"
    });
    server
        .call(
            &key,
            "candidate.addTag",
            json!({"candidateId": ada, "tagId": alumni}),
        )
        .await;
    // Adding the same tag again changes nothing.
    let again = server
        .call(
            &key,
            "candidate.addTag",
            json!({"candidateId": ada, "tagId": referral}),
        )
        .await;
    assert_eq!(titles(&again.results()["tags"]), ["alumni", "Referral"]);

    let info = server
        .call(&key, "candidate.info", json!({"id": ada}))
        .await;
    assert_eq!(titles(&info.results()["tags"]), ["alumni", "Referral"]);
    let list = server.call(&key, "candidate.list", json!({})).await;
    assert_eq!(titles(&list.results()[0]["tags"]), ["alumni", "Referral"]);
    let search = server
        .call(&key, "candidate.search", json!({"name": "ada"}))
        .await;
    assert_eq!(titles(&search.results()[0]["tags"]), ["alumni", "Referral"]);

    let removed = server
        .call(
            &key,
            "candidate.removeTag",
            json!({"candidateId": ada, "tagId": referral}),
        )
        .await;
    assert_eq!(titles(&removed.results()["tags"]), ["alumni"]);
    // Removing a tag the candidate does not carry is a no-op, not an error.
    let absent = server
        .call(
            &key,
            "candidate.removeTag",
            json!({"candidateId": ada, "tagId": referral}),
        )
        .await;
    assert!(absent.ok());
    assert_eq!(titles(&absent.results()["tags"]), ["alumni"]);
}

#[tokio::test]
async fn a_page_of_candidates_carries_each_ones_own_tags() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let vip = tag(&server, &key, "VIP").await;
    let mut tagged = Vec::new();
    for n in 0..5 {
        let id = candidate(&server, &key, &format!("Candidate {n}")).await;
        if n % 2 == 0 {
            server
                .call(
                    &key,
                    "candidate.addTag",
                    json!({"candidateId": id, "tagId": vip}),
                )
                .await;
            tagged.push(id);
        }
    }
    let list = server.call(&key, "candidate.list", json!({})).await;
    for row in list.results().as_array().unwrap() {
        let expected: Vec<&str> = if tagged.contains(&row["id"].as_str().unwrap().to_string()) {
            vec!["VIP"]
        } else {
            vec![]
        };
        assert_eq!(titles(&row["tags"]), expected);
    }
}

#[tokio::test]
async fn unknown_and_archived_tags_and_unknown_candidates_are_refused() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key, "Ada").await;
    let old = tag(&server, &key, "Old").await;
    server
        .call(&key, "candidateTag.archive", json!({"tagId": old}))
        .await;
    let missing = uuid::Uuid::now_v7().to_string();

    let archived = server
        .call(
            &key,
            "candidate.addTag",
            json!({"candidateId": ada, "tagId": old}),
        )
        .await;
    assert_eq!(archived.code(), "candidate_tag_archived");
    let unknown = server
        .call(
            &key,
            "candidate.addTag",
            json!({"candidateId": ada, "tagId": missing}),
        )
        .await;
    assert_eq!(unknown.code(), "candidate_tag_not_found");
    let unknown = server
        .call(
            &key,
            "candidate.removeTag",
            json!({"candidateId": ada, "tagId": missing}),
        )
        .await;
    assert_eq!(unknown.code(), "candidate_tag_not_found");
    let nobody = server
        .call(
            &key,
            "candidate.addTag",
            json!({"candidateId": missing, "tagId": old}),
        )
        .await;
    assert_eq!(nobody.code(), "candidate_not_found");
    let bad = server
        .call(&key, "candidate.addTag", json!({"candidateId": ada}))
        .await;
    assert_eq!(bad.code(), "invalid_input");
    let info = server
        .call(&key, "candidate.info", json!({"id": ada}))
        .await;
    assert_eq!(info.results()["tags"], json!([]));
}

/// Walks `endpoint` to its end and returns every row and the final sync token.
async fn walk(server: &TestServer, key: &str, endpoint: &str, body: Value) -> (Vec<Value>, String) {
    let mut rows = Vec::new();
    let mut body = body;
    loop {
        let page = server.call(key, endpoint, body.clone()).await;
        assert!(page.ok(), "{endpoint}: {:?}", page.body);
        rows.extend(page.results().as_array().unwrap().iter().cloned());
        if page.body["moreDataAvailable"] == false {
            return (rows, page.body["syncToken"].as_str().unwrap().to_string());
        }
        body["cursor"] = page.body["nextCursor"].clone();
    }
}

#[tokio::test]
async fn tag_and_project_changes_reach_incremental_candidate_syncs() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key, "Ada").await;
    let grace = candidate(&server, &key, "Grace").await;
    let vip = tag(&server, &key, "VIP").await;
    let pool = project(&server, "Pool", false).await;
    let (_, mut token) = walk(&server, &key, "candidate.list", json!({})).await;

    // Each change makes exactly its candidate show up in the next incremental
    // sync; the last one, a no-op, changes nobody.
    let steps = [
        (
            "candidate.addTag",
            json!({"candidateId": ada, "tagId": vip}),
            vec![ada.as_str()],
        ),
        (
            "candidate.addProject",
            json!({"candidateId": grace, "projectId": pool}),
            vec![grace.as_str()],
        ),
        (
            "candidate.removeTag",
            json!({"candidateId": ada, "tagId": vip}),
            vec![ada.as_str()],
        ),
        (
            "candidate.removeTag",
            json!({"candidateId": ada, "tagId": vip}),
            vec![],
        ),
    ];
    for (endpoint, body, expected) in steps {
        assert!(server.call(&key, endpoint, body).await.ok());
        let (changed, next) =
            walk(&server, &key, "candidate.list", json!({"syncToken": token})).await;
        assert_eq!(ids(&Value::from(changed)), expected, "{endpoint}");
        token = next;
    }
    assert_eq!(
        changed_tags(&server, &key, &ada).await,
        Vec::<String>::new()
    );
}

async fn changed_tags(server: &TestServer, key: &str, id: &str) -> Vec<String> {
    let info = server.call(key, "candidate.info", json!({"id": id})).await;
    titles(&info.results()["tags"])
        .into_iter()
        .map(String::from)
        .collect()
}

#[tokio::test]
async fn candidates_join_and_leave_projects() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key, "Ada").await;
    let pool = project(&server, "Staff pipeline", false).await;
    let other = project(&server, "Design pipeline", false).await;

    let added = server
        .call(
            &key,
            "candidate.addProject",
            json!({"candidateId": ada, "projectId": pool}),
        )
        .await;
    assert_eq!(added.results()["id"], ada.as_str());
    server
        .call(
            &key,
            "candidate.addProject",
            json!({"candidateId": ada, "projectId": pool}),
        )
        .await;
    server
        .call(
            &key,
            "candidate.addProject",
            json!({"candidateId": ada, "projectId": other}),
        )
        .await;
    let listed = server
        .call(&key, "candidate.listProjects", json!({"candidateId": ada}))
        .await;
    insta::assert_json_snapshot!("list_projects", listed.body, {
        ".results[].id" => "[id]", ".results[].createdAt" => "[time]", ".syncToken" => "[token]"
    });
    let mut expected = vec![pool.to_string(), other.to_string()];
    expected.sort();
    let mut got = ids(listed.results());
    got.sort();
    assert_eq!(got, expected);

    let removed = server
        .call(
            &key,
            "candidate.removeProject",
            json!({"candidateId": ada, "projectId": pool}),
        )
        .await;
    assert!(removed.ok());
    let again = server
        .call(
            &key,
            "candidate.removeProject",
            json!({"candidateId": ada, "projectId": pool}),
        )
        .await;
    assert!(again.ok(), "removing a non-member is a no-op");
    let listed = server
        .call(&key, "candidate.listProjects", json!({"candidateId": ada}))
        .await;
    assert_eq!(ids(listed.results()), [other.to_string()]);

    let missing = uuid::Uuid::now_v7();
    let nobody = server
        .call(
            &key,
            "candidate.listProjects",
            json!({"candidateId": missing}),
        )
        .await;
    assert_eq!(nobody.code(), "candidate_not_found");
    let no_project = server
        .call(
            &key,
            "candidate.addProject",
            json!({"candidateId": ada, "projectId": missing}),
        )
        .await;
    assert_eq!(no_project.code(), "project_not_found");
}

#[tokio::test]
async fn archived_projects_take_no_new_candidates() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key, "Ada").await;
    let pool = project(&server, "Old pool", false).await;
    archive_project(&server, pool).await;
    let refused = server
        .call(
            &key,
            "candidate.addProject",
            json!({"candidateId": ada, "projectId": pool}),
        )
        .await;
    assert_eq!(refused.code(), "project_archived");
}

async fn archive_project(server: &TestServer, id: uuid::Uuid) {
    use ashlar::store::entities::project;
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let write = server.store.write().await.unwrap();
    let mut row = project::Entity::find_by_id(id)
        .one(&write.txn)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.is_archived = Set(true);
    row.change_seq = Set(write.change);
    row.update(&write.txn).await.unwrap();
    write.commit().await.unwrap();
}

/// Without the confidential flag a confidential project does not exist: it is left
/// out of lists and searches and every write on it answers `project_not_found`.
#[tokio::test]
async fn confidential_projects_are_invisible_without_the_flag() {
    let server = TestServer::start().await;
    let plain = key(&server, false).await;
    let trusted = key(&server, true).await;
    let ada = candidate(&server, &plain, "Ada").await;
    let secret = project(&server, "Secret search", true).await;
    let open = project(&server, "Open search", false).await;
    for p in [secret, open] {
        let added = server
            .call(
                &trusted,
                "candidate.addProject",
                json!({"candidateId": ada, "projectId": p}),
            )
            .await;
        assert!(added.ok());
    }

    for (key, sees_secret) in [(&plain, false), (&trusted, true)] {
        let expected: Vec<String> = if sees_secret {
            vec![secret.to_string(), open.to_string()]
        } else {
            vec![open.to_string()]
        };
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        let (listed, _) = walk(&server, key, "project.list", json!({})).await;
        assert_eq!(sorted(ids(&Value::from(listed))), sorted(expected.clone()));
        let found = server
            .call(key, "project.search", json!({"title": "search"}))
            .await;
        assert_eq!(sorted(ids(found.results())), sorted(expected.clone()));
        let (member_of, _) = walk(
            &server,
            key,
            "candidate.listProjects",
            json!({"candidateId": ada}),
        )
        .await;
        assert_eq!(sorted(ids(&Value::from(member_of))), sorted(expected));
        let info = server
            .call(key, "project.info", json!({"projectId": secret}))
            .await;
        assert_eq!(info.ok(), sees_secret);
    }
    for endpoint in ["candidate.addProject", "candidate.removeProject"] {
        let refused = server
            .call(
                &plain,
                endpoint,
                json!({"candidateId": ada, "projectId": secret}),
            )
            .await;
        assert_eq!(refused.code(), "project_not_found", "{endpoint}");
    }
    let removed = server
        .call(
            &trusted,
            "candidate.removeProject",
            json!({"candidateId": ada, "projectId": secret}),
        )
        .await;
    assert!(removed.ok());
}

#[tokio::test]
async fn project_list_pages_and_syncs() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key, "Ada").await;
    let mut made = Vec::new();
    for n in 0..5 {
        made.push(project(&server, &format!("Project {n}"), false).await);
    }
    let first = server.call(&key, "project.list", json!({"limit": 2})).await;
    assert_eq!(first.results().as_array().unwrap().len(), 2);
    assert_eq!(first.body["moreDataAvailable"], true);
    let (all, token) = walk(&server, &key, "project.list", json!({"limit": 2})).await;
    assert_eq!(all.len(), 5);

    let (nothing, token) = walk(&server, &key, "project.list", json!({"syncToken": token})).await;
    assert!(nothing.is_empty());
    let late = project(&server, "Late project", false).await;
    let (changed, _) = walk(&server, &key, "project.list", json!({"syncToken": token})).await;
    assert_eq!(ids(&Value::from(changed)), [late.to_string()]);

    // createdAfter, in epoch milliseconds, integer or float.
    let cutoff = all[2]["createdAt"].as_str().unwrap();
    let cutoff = chrono::DateTime::parse_from_rfc3339(cutoff)
        .unwrap()
        .timestamp_millis();
    let millis = |p: &Value| {
        chrono::DateTime::parse_from_rfc3339(p["createdAt"].as_str().unwrap())
            .unwrap()
            .timestamp_millis()
    };
    let (recent, _) = walk(
        &server,
        &key,
        "project.list",
        json!({"createdAfter": cutoff as f64}),
    )
    .await;
    // Wire times are in milliseconds, stored ones finer: a row of the cutoff's
    // millisecond may fall on either side.
    assert!(recent.iter().all(|p| millis(p) >= cutoff));
    let older: Vec<&Value> = all.iter().filter(|p| millis(p) < cutoff).collect();
    assert!(older
        .iter()
        .all(|o| !recent.iter().any(|p| p["id"] == o["id"])));
    assert!(recent.iter().any(|p| p["id"] == late.to_string()));

    // Cursors of one candidate's project list do not continue another's.
    server
        .call(
            &key,
            "candidate.addProject",
            json!({"candidateId": ada, "projectId": made[0]}),
        )
        .await;
    let forged = server.call(&key, "project.list", json!({"limit": 1})).await;
    let cursor = forged.body["nextCursor"].clone();
    let refused = server
        .call(
            &key,
            "candidate.listProjects",
            json!({"candidateId": ada, "cursor": cursor}),
        )
        .await;
    assert_eq!(refused.code(), "invalid_next_cursor");
}

#[tokio::test]
async fn project_search_is_case_insensitive_literal_and_capped() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    for n in 0..105 {
        project(&server, &format!("Bulk Pool {n:03}"), false).await;
    }
    let percent = project(&server, "100% remote", false).await;
    let found = server
        .call(&key, "project.search", json!({"title": "bulk POOL"}))
        .await;
    assert_eq!(found.results().as_array().unwrap().len(), 100);
    assert_eq!(found.results()[0]["title"], "Bulk Pool 000");
    let literal = server
        .call(&key, "project.search", json!({"title": "0%"}))
        .await;
    assert_eq!(ids(literal.results()), [percent.to_string()]);
    let none = server
        .call(&key, "project.search", json!({"title": "nothing like it"}))
        .await;
    assert_eq!(none.results(), &json!([]));
    let empty = server.call(&key, "project.search", json!({})).await;
    assert_eq!(empty.code(), "invalid_input");
}

#[tokio::test]
async fn demo_candidates_carry_tags_projects_and_values() {
    let server = TestServer::start().await;
    let demo = ashlar::demo::load_if_empty(&server.store, &server.state.data_dir)
        .await
        .unwrap()
        .unwrap();
    assert!(demo
        .summary
        .iter()
        .any(|line| line.contains("project memberships")));
    let key = demo.api_key;
    let (candidates, _) = walk(&server, &key, "candidate.list", json!({})).await;
    let tagged = candidates
        .iter()
        .filter(|c| !c["tags"].as_array().unwrap().is_empty())
        .count();
    let with_values = candidates
        .iter()
        .filter(|c| !c["customFields"].as_array().unwrap().is_empty())
        .count();
    assert!(tagged >= 50, "{tagged} tagged");
    assert!(with_values >= 100, "{with_values} with values");
    let mut members = 0;
    for c in candidates.iter().take(30) {
        let projects = server
            .call(
                &key,
                "candidate.listProjects",
                json!({"candidateId": c["id"]}),
            )
            .await;
        members += projects.results().as_array().unwrap().len();
    }
    assert!(members > 0);
}

/// A candidate reachable only through a confidential project is hidden from keys
/// without the flag; sitting in an open-to-all project too makes it visible again.
#[tokio::test]
async fn candidates_only_in_confidential_projects_are_hidden_without_the_flag() {
    let server = TestServer::start().await;
    let plain = key(&server, false).await;
    let trusted = key(&server, true).await;
    let grace = candidate(&server, &trusted, "Grace Secret").await;
    let secret = project(&server, "Stealth hire", true).await;
    let open = project(&server, "Talent pool", false).await;
    let join = |project: uuid::Uuid| {
        server.call(
            &trusted,
            "candidate.addProject",
            json!({"candidateId": grace, "projectId": project}),
        )
    };
    assert!(join(secret).await.ok());

    let visible_to = |key: String| {
        let server = &server;
        let grace = grace.clone();
        async move {
            let info = server
                .call(&key, "candidate.info", json!({"id": grace}))
                .await;
            let (listed, _) = walk(server, &key, "candidate.list", json!({})).await;
            let listed = ids(&Value::from(listed)).contains(&grace);
            assert_eq!(info.ok(), listed, "info and list agree");
            if !info.ok() {
                assert_eq!(info.code(), "candidate_not_found");
            }
            listed
        }
    };
    assert!(!visible_to(plain.clone()).await);
    assert!(visible_to(trusted.clone()).await);

    assert!(join(open).await.ok());
    assert!(visible_to(plain).await);
}
