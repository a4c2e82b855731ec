//! The Organization module: departments, locations, users and their interviewer
//! settings and pauses, brands, `ashlar user create`, and incremental syncs that
//! never lose a change.

mod common;

use ashlar::store::entities::user;
use ashlar::store::users::{add_user, NewUser};
use common::TestServer;
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use serde_json::{json, Value};

async fn department(server: &TestServer, key: &str, body: Value) -> Value {
    server
        .call(key, "department.create", body)
        .await
        .results()
        .clone()
}

fn id(value: &Value) -> String {
    value["id"].as_str().expect("an id").to_string()
}

/// Every row of a list endpoint, following cursors; returns the rows and the final sync token.
async fn list_all(
    server: &TestServer,
    key: &str,
    endpoint: &str,
    body: Value,
) -> (Vec<Value>, Option<String>) {
    let mut rows = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut request = body.clone();
        if let Some(c) = &cursor {
            request["cursor"] = json!(c);
        }
        let response = server.call(key, endpoint, request).await;
        rows.extend(response.results().as_array().unwrap().iter().cloned());
        let more = response.body["moreDataAvailable"].as_bool().unwrap();
        match response.body["nextCursor"].as_str() {
            Some(next) => {
                assert!(more);
                assert!(response.body.get("syncToken").is_none());
                cursor = Some(next.to_string());
            }
            None => {
                assert!(!more);
                let token = response.body["syncToken"].as_str().map(String::from);
                return (rows, token);
            }
        }
    }
}

fn titles(rows: &[Value], field: &str) -> Vec<String> {
    let mut names: Vec<String> = rows
        .iter()
        .map(|r| r[field].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn departments_are_created_read_updated_and_listed() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let engineering = department(
        &server,
        &key,
        json!({"name": "Engineering", "extraData": {"costCenter": "42"}}),
    )
    .await;
    insta::assert_json_snapshot!("department", engineering, {
        ".id" => "[id]", ".createdAt" => "[time]", ".updatedAt" => "[time]"
    });
    let platform = department(
        &server,
        &key,
        json!({"name": " Platform ", "externalName": "Platform Team", "parentId": id(&engineering)}),
    )
    .await;
    assert_eq!(platform["name"], "Platform");
    assert_eq!(platform["parentId"], engineering["id"]);
    assert_eq!(platform["externalName"], "Platform Team");

    let info = server
        .call(
            &key,
            "department.info",
            json!({"departmentId": id(&platform)}),
        )
        .await;
    assert_eq!(info.results(), &platform);

    let updated = server
        .call(
            &key,
            "department.update",
            json!({"departmentId": id(&platform), "name": "Infrastructure", "externalName": null}),
        )
        .await;
    let updated = updated.results();
    assert_eq!(updated["name"], "Infrastructure");
    assert_eq!(updated["externalName"], Value::Null);
    assert_eq!(
        updated["parentId"], engineering["id"],
        "untouched fields stay"
    );
    assert_eq!(updated["createdAt"], platform["createdAt"]);

    let (rows, token) = list_all(&server, &key, "department.list", json!({})).await;
    assert_eq!(titles(&rows, "name"), ["Engineering", "Infrastructure"]);
    assert!(token.is_some());
}

#[tokio::test]
async fn department_writes_refuse_what_does_not_exist_and_write_nothing() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let missing = uuid::Uuid::new_v4().to_string();
    let response = server
        .call(
            &key,
            "department.create",
            json!({"name": "Orphan", "parentId": missing}),
        )
        .await;
    assert_eq!(response.code(), "department_not_found");
    let (rows, _) = list_all(
        &server,
        &key,
        "department.list",
        json!({"includeArchived": true}),
    )
    .await;
    assert!(rows.is_empty(), "nothing half-written: {rows:?}");

    for (endpoint, body) in [
        ("department.info", json!({"departmentId": missing})),
        (
            "department.update",
            json!({"departmentId": missing, "name": "X"}),
        ),
        ("department.move", json!({"departmentId": missing})),
        ("department.archive", json!({"departmentId": missing})),
        ("department.restore", json!({"departmentId": missing})),
    ] {
        let response = server.call(&key, endpoint, body).await;
        assert_eq!(response.code(), "department_not_found", "{endpoint}");
    }
    let response = server
        .call(&key, "department.create", json!({"name": "  "}))
        .await;
    assert_eq!(response.code(), "invalid_input");
    let response = server
        .call(
            &key,
            "department.info",
            json!({"departmentId": "not-a-uuid"}),
        )
        .await;
    assert_eq!(response.code(), "invalid_input");
    assert!(response.body["errorInfo"]["message"]
        .as_str()
        .unwrap()
        .contains("departmentId"));
}

#[tokio::test]
async fn department_moves_refuse_cycles() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let top = department(&server, &key, json!({"name": "Top"})).await;
    let middle = department(
        &server,
        &key,
        json!({"name": "Middle", "parentId": id(&top)}),
    )
    .await;
    let bottom = department(
        &server,
        &key,
        json!({"name": "Bottom", "parentId": id(&middle)}),
    )
    .await;

    for parent in [&top, &middle, &bottom] {
        let response = server
            .call(
                &key,
                "department.move",
                json!({"departmentId": id(&top), "parentId": id(parent)}),
            )
            .await;
        assert_eq!(response.code(), "invalid_input", "{}", parent["name"]);
        assert!(response.body["errorInfo"]["message"]
            .as_str()
            .unwrap()
            .contains("cycle"));
    }
    let info = server
        .call(&key, "department.info", json!({"departmentId": id(&top)}))
        .await;
    assert_eq!(
        info.results()["parentId"],
        Value::Null,
        "refused moves change nothing"
    );

    let moved = server
        .call(
            &key,
            "department.move",
            json!({"departmentId": id(&bottom), "parentId": id(&top)}),
        )
        .await;
    assert_eq!(moved.results()["parentId"], top["id"]);
    let to_root = server
        .call(
            &key,
            "department.move",
            json!({"departmentId": id(&bottom)}),
        )
        .await;
    assert_eq!(to_root.results()["parentId"], Value::Null);
    // Now the old parent may go under its former child.
    let flipped = server
        .call(
            &key,
            "department.move",
            json!({"departmentId": id(&middle), "parentId": id(&bottom)}),
        )
        .await;
    assert_eq!(flipped.results()["parentId"], bottom["id"]);
}

#[tokio::test]
async fn archived_departments_leave_lists_and_follow_the_state_rules() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let sales = department(&server, &key, json!({"name": "Sales"})).await;
    department(&server, &key, json!({"name": "People"})).await;

    let archived = server
        .call(
            &key,
            "department.archive",
            json!({"departmentId": id(&sales)}),
        )
        .await;
    assert_eq!(archived.results()["isArchived"], true);
    let again = server
        .call(
            &key,
            "department.archive",
            json!({"departmentId": id(&sales)}),
        )
        .await;
    assert_eq!(again.code(), "department_already_archived");

    let (rows, _) = list_all(&server, &key, "department.list", json!({})).await;
    assert_eq!(titles(&rows, "name"), ["People"]);
    let (rows, _) = list_all(
        &server,
        &key,
        "department.list",
        json!({"includeArchived": "true"}),
    )
    .await;
    assert_eq!(titles(&rows, "name"), ["People", "Sales"]);

    let response = server
        .call(
            &key,
            "department.create",
            json!({"name": "Inside", "parentId": id(&sales)}),
        )
        .await;
    assert_eq!(
        response.code(),
        "invalid_input",
        "no new children under an archived parent"
    );

    let restored = server
        .call(
            &key,
            "department.restore",
            json!({"departmentId": id(&sales)}),
        )
        .await;
    assert_eq!(restored.results()["isArchived"], false);
    let again = server
        .call(
            &key,
            "department.restore",
            json!({"departmentId": id(&sales)}),
        )
        .await;
    assert_eq!(again.code(), "department_not_archived");
}

#[tokio::test]
async fn department_lists_page_by_cursor_and_sync_incrementally() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let mut created = Vec::new();
    for n in 0..5 {
        created.push(department(&server, &key, json!({"name": format!("D{n}")})).await);
    }
    let first = server
        .call(&key, "department.list", json!({"limit": 2}))
        .await;
    assert_eq!(first.results().as_array().unwrap().len(), 2);
    assert_eq!(first.body["moreDataAvailable"], true);
    let (rows, token) = list_all(&server, &key, "department.list", json!({"limit": 2})).await;
    assert_eq!(rows.len(), 5);
    let token = token.unwrap();

    let quiet = server
        .call(&key, "department.list", json!({"syncToken": token}))
        .await;
    assert_eq!(
        quiet.results(),
        &json!([]),
        "nothing changed since the token"
    );

    server
        .call(
            &key,
            "department.update",
            json!({"departmentId": id(&created[3]), "name": "Renamed"}),
        )
        .await
        .results();
    let (changed, _) = list_all(
        &server,
        &key,
        "department.list",
        json!({"syncToken": token}),
    )
    .await;
    assert_eq!(titles(&changed, "name"), ["Renamed"]);

    let forged = server
        .call(&key, "department.list", json!({"syncToken": "nonsense"}))
        .await;
    assert_eq!(forged.code(), "sync_token_invalid");
    let cursor = first.body["nextCursor"].as_str().unwrap();
    let elsewhere = server
        .call(&key, "location.list", json!({"cursor": cursor}))
        .await;
    assert_eq!(elsewhere.code(), "invalid_next_cursor");
    let (_, location_token) = list_all(&server, &key, "location.list", json!({})).await;
    let crossed = server
        .call(
            &key,
            "department.list",
            json!({"syncToken": location_token}),
        )
        .await;
    assert_eq!(crossed.code(), "sync_token_invalid");
}

async fn location(server: &TestServer, key: &str, body: Value) -> Value {
    server
        .call(key, "location.create", body)
        .await
        .results()
        .clone()
}

#[tokio::test]
async fn locations_and_regions_are_created_and_listed() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let europe = location(
        &server,
        &key,
        json!({"name": "Europe", "type": "LocationHierarchy"}),
    )
    .await;
    insta::assert_json_snapshot!("location_hierarchy", europe, {".id" => "[id]"});
    let berlin = location(
        &server,
        &key,
        json!({
            "name": "Berlin",
            "type": "Location",
            "parentLocationId": id(&europe),
            "workplaceType": "Hybrid",
            "externalName": "Berlin HQ",
            "address": {"postalAddress": {"addressCountry": "DE", "addressLocality": "Berlin", "postalCode": "10115"}},
            "extraData": {"office": 3}
        }),
    )
    .await;
    insta::assert_json_snapshot!("location", berlin, {".id" => "[id]", ".parentLocationId" => "[id]"});
    let remote = location(
        &server,
        &key,
        json!({"name": "Anywhere", "type": "Location", "isRemote": true}),
    )
    .await;
    assert_eq!(remote["workplaceType"], "Remote");
    assert_eq!(remote["isRemote"], true);

    let info = server
        .call(&key, "location.info", json!({"locationId": id(&berlin)}))
        .await;
    assert_eq!(info.results(), &berlin);

    let (rows, _) = list_all(&server, &key, "location.list", json!({})).await;
    assert_eq!(
        titles(&rows, "name"),
        ["Anywhere", "Berlin"],
        "regions only on request"
    );
    let (rows, _) = list_all(
        &server,
        &key,
        "location.list",
        json!({"includeLocationHierarchy": true}),
    )
    .await;
    assert_eq!(titles(&rows, "name"), ["Anywhere", "Berlin", "Europe"]);
}

#[tokio::test]
async fn location_writes_check_parents_kinds_and_existence() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let office = location(&server, &key, json!({"name": "Office", "type": "Location"})).await;
    let missing = uuid::Uuid::new_v4().to_string();

    let cases = [
        (
            json!({"name": "X", "type": "Location", "parentLocationId": missing}),
            "location_not_found",
        ),
        (
            json!({"name": "X", "type": "Location", "parentLocationId": id(&office)}),
            "invalid_input",
        ),
        (
            json!({"name": "X", "type": "LocationHierarchy", "workplaceType": "Remote"}),
            "invalid_input",
        ),
        (
            json!({"name": "X", "type": "LocationHierarchy", "isRemote": true}),
            "invalid_input",
        ),
        (
            json!({"name": "X", "type": "Location", "isRemote": true, "workplaceType": "OnSite"}),
            "invalid_input",
        ),
        (json!({"name": "X", "type": "Planet"}), "invalid_input"),
        (json!({"name": "", "type": "Location"}), "invalid_input"),
    ];
    for (body, code) in cases {
        let response = server.call(&key, "location.create", body.clone()).await;
        assert_eq!(response.code(), code, "{body}");
    }
    let (rows, _) = list_all(
        &server,
        &key,
        "location.list",
        json!({"includeArchived": true, "includeLocationHierarchy": true}),
    )
    .await;
    assert_eq!(rows.len(), 1, "refused creations wrote nothing");

    for (endpoint, body) in [
        ("location.info", json!({"locationId": missing})),
        ("location.archive", json!({"locationId": missing})),
        ("location.restore", json!({"locationId": missing})),
        (
            "location.updateName",
            json!({"locationId": missing, "name": "Y"}),
        ),
        (
            "location.updateExternalName",
            json!({"locationId": missing, "externalName": "Y"}),
        ),
        (
            "location.updateWorkplaceType",
            json!({"locationId": missing, "workplaceType": "Remote"}),
        ),
        (
            "location.updateAddress",
            json!({"locationId": missing, "address": {}}),
        ),
        (
            "location.move",
            json!({"locationId": missing, "parentLocationHierarchyId": missing}),
        ),
    ] {
        let response = server.call(&key, endpoint, body).await;
        assert_eq!(response.code(), "location_not_found", "{endpoint}");
    }
}

#[tokio::test]
async fn locations_are_updated_field_by_field() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let office = location(&server, &key, json!({"name": "Office", "type": "Location"})).await;
    let region = location(
        &server,
        &key,
        json!({"name": "Region", "type": "LocationHierarchy"}),
    )
    .await;
    let office_id = id(&office);

    let renamed = server
        .call(
            &key,
            "location.updateName",
            json!({"locationId": office_id, "name": "Lisbon"}),
        )
        .await;
    assert_eq!(renamed.results()["name"], "Lisbon");
    let external = server
        .call(
            &key,
            "location.updateExternalName",
            json!({"locationId": office_id, "externalName": "Lisbon Office"}),
        )
        .await;
    assert_eq!(external.results()["externalName"], "Lisbon Office");
    let cleared = server
        .call(
            &key,
            "location.updateExternalName",
            json!({"locationId": office_id, "externalName": null}),
        )
        .await;
    assert!(cleared.results().get("externalName").is_none());
    let workplace = server
        .call(
            &key,
            "location.updateWorkplaceType",
            json!({"locationId": office_id, "workplaceType": "OnSite"}),
        )
        .await;
    assert_eq!(workplace.results()["workplaceType"], "OnSite");
    assert_eq!(workplace.results()["isRemote"], false);
    let refused = server
        .call(
            &key,
            "location.updateWorkplaceType",
            json!({"locationId": id(&region), "workplaceType": "OnSite"}),
        )
        .await;
    assert_eq!(refused.code(), "invalid_input");
    let bad = server
        .call(
            &key,
            "location.updateWorkplaceType",
            json!({"locationId": office_id, "workplaceType": "Moon"}),
        )
        .await;
    assert_eq!(bad.code(), "invalid_input");
    let address = server
        .call(
            &key,
            "location.updateAddress",
            json!({"locationId": office_id, "address": {"postalAddress": {"addressCountry": "PT", "streetAddress": "Rua 1"}}}),
        )
        .await;
    assert_eq!(
        address.results()["address"],
        json!({"postalAddress": {"addressCountry": "PT", "streetAddress": "Rua 1"}})
    );
}

#[tokio::test]
async fn location_moves_need_a_region_and_refuse_cycles() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let world = location(
        &server,
        &key,
        json!({"name": "World", "type": "LocationHierarchy"}),
    )
    .await;
    let europe = location(
        &server,
        &key,
        json!({"name": "Europe", "type": "LocationHierarchy", "parentLocationId": id(&world)}),
    )
    .await;
    let paris = location(&server, &key, json!({"name": "Paris", "type": "Location"})).await;

    let moved = server
        .call(
            &key,
            "location.move",
            json!({"locationId": id(&paris), "parentLocationHierarchyId": id(&europe)}),
        )
        .await;
    assert_eq!(moved.results()["parentLocationId"], europe["id"]);
    for (node, parent) in [(&world, &europe), (&world, &world)] {
        let response = server
            .call(
                &key,
                "location.move",
                json!({"locationId": id(node), "parentLocationHierarchyId": id(parent)}),
            )
            .await;
        assert_eq!(response.code(), "invalid_input");
    }
    let under_city = server
        .call(
            &key,
            "location.move",
            json!({"locationId": id(&europe), "parentLocationHierarchyId": id(&paris)}),
        )
        .await;
    assert_eq!(under_city.code(), "invalid_input");

    let archived = server
        .call(&key, "location.archive", json!({"locationId": id(&paris)}))
        .await;
    assert_eq!(archived.results()["isArchived"], true);
    let (rows, _) = list_all(&server, &key, "location.list", json!({})).await;
    assert!(rows.is_empty());
    let (rows, _) = list_all(
        &server,
        &key,
        "location.list",
        json!({"includeArchived": true}),
    )
    .await;
    assert_eq!(titles(&rows, "name"), ["Paris"]);
    let again = server
        .call(&key, "location.archive", json!({"locationId": id(&paris)}))
        .await;
    assert_eq!(again.code(), "location_already_archived");
    let restored = server
        .call(&key, "location.restore", json!({"locationId": id(&paris)}))
        .await;
    assert_eq!(restored.results()["isArchived"], false);
    let again = server
        .call(&key, "location.restore", json!({"locationId": id(&paris)}))
        .await;
    assert_eq!(again.code(), "location_not_archived");
}

async fn add(server: &TestServer, first: &str, email: &str) -> user::Model {
    let write = server.store.write().await.unwrap();
    let user = add_user(
        &write,
        NewUser {
            first_name: first.into(),
            last_name: "Tester".into(),
            email: email.into(),
            global_role: "Limited Access".into(),
            manager_id: None,
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    write.commit().await.unwrap();
    user
}

async fn disable(server: &TestServer, user: user::Model) {
    let write = server.store.write().await.unwrap();
    let mut row = user.into_active_model();
    row.is_enabled = Set(false);
    row.change_seq = Set(write.change);
    row.update(&write.txn).await.unwrap();
    write.commit().await.unwrap();
}

#[tokio::test]
async fn users_are_read_listed_and_found_by_email() {
    let server = TestServer::start().await;
    let key = server.key(&["organization:read"]).await;
    let ada = add(&server, "Ada", "Ada.Lovelace@Example.com").await;
    let bob = add(&server, "Bob", "bob@example.com").await;

    let info = server
        .call(&key, "user.info", json!({"userId": ada.id}))
        .await;
    insta::assert_json_snapshot!("user", info.results(), {".id" => "[id]", ".updatedAt" => "[time]"});
    let missing = server
        .call(&key, "user.info", json!({"userId": uuid::Uuid::new_v4()}))
        .await;
    assert_eq!(missing.code(), "user_not_found");

    let found = server
        .call(
            &key,
            "user.search",
            json!({"email": "ada.LOVELACE@example.COM"}),
        )
        .await;
    assert_eq!(found.results().as_array().unwrap().len(), 1);
    assert_eq!(found.results()[0]["id"], json!(ada.id));
    let none = server
        .call(&key, "user.search", json!({"email": "nobody@example.com"}))
        .await;
    assert_eq!(none.results(), &json!([]));
    let blank = server
        .call(&key, "user.search", json!({"email": " "}))
        .await;
    assert_eq!(blank.code(), "invalid_input");

    disable(&server, bob).await;
    let (rows, token) = list_all(&server, &key, "user.list", json!({})).await;
    assert_eq!(titles(&rows, "firstName"), ["Ada"]);
    assert!(token.is_some());
    let (rows, _) = list_all(
        &server,
        &key,
        "user.list",
        json!({"includeDeactivated": true}),
    )
    .await;
    assert_eq!(titles(&rows, "firstName"), ["Ada", "Bob"]);
}

#[tokio::test]
async fn interviewer_settings_are_read_and_updated() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let ada = add(&server, "Ada", "ada@example.com").await;

    let settings = server
        .call(&key, "user.interviewerSettings", json!({"userId": ada.id}))
        .await;
    assert_eq!(
        settings.results(),
        &json!({"id": ada.id, "dailyLimit": null, "weeklyLimit": null})
    );
    let updated = server
        .call(
            &key,
            "user.updateInterviewerSettings",
            json!({"userId": ada.id, "dailyLimit": 3, "weeklyLimit": "10"}),
        )
        .await;
    assert!(!updated.ok(), "limits are integers, not strings");
    let updated = server
        .call(
            &key,
            "user.updateInterviewerSettings",
            json!({"userId": ada.id, "dailyLimit": 3, "weeklyLimit": 10}),
        )
        .await;
    assert_eq!(
        updated.results(),
        &json!({"id": ada.id, "dailyLimit": 3, "weeklyLimit": 10})
    );
    let partial = server
        .call(
            &key,
            "user.updateInterviewerSettings",
            json!({"userId": ada.id, "weeklyLimit": null}),
        )
        .await;
    assert_eq!(
        partial.results(),
        &json!({"id": ada.id, "dailyLimit": 3, "weeklyLimit": null})
    );
    let too_many = server
        .call(
            &key,
            "user.updateInterviewerSettings",
            json!({"userId": ada.id, "dailyLimit": 5, "weeklyLimit": 4}),
        )
        .await;
    assert_eq!(too_many.code(), "invalid_input");
    let zero = server
        .call(
            &key,
            "user.updateInterviewerSettings",
            json!({"userId": ada.id, "dailyLimit": 0}),
        )
        .await;
    assert_eq!(zero.code(), "invalid_input");
    let settings = server
        .call(&key, "user.interviewerSettings", json!({"userId": ada.id}))
        .await;
    assert_eq!(
        settings.results()["dailyLimit"],
        3,
        "refused updates change nothing"
    );
    for endpoint in ["user.interviewerSettings", "user.updateInterviewerSettings"] {
        let response = server
            .call(
                &key,
                endpoint,
                json!({"userId": uuid::Uuid::new_v4(), "dailyLimit": 1}),
            )
            .await;
        assert_eq!(response.code(), "user_not_found", "{endpoint}");
    }
}

#[tokio::test]
async fn interviewer_pauses_are_created_listed_and_deleted() {
    let server = TestServer::start().await;
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let ada = add(&server, "Ada", "ada@example.com").await;
    let now = chrono::Utc::now();
    let iso = |d: chrono::Duration| ashlar::api::time::iso(now + d);

    let holiday = server
        .call(
            &key,
            "user.createInterviewerPause",
            json!({"userId": ada.id, "startsAt": iso(chrono::Duration::days(7)),
                   "endsAt": iso(chrono::Duration::days(14)), "comment": "Holiday"}),
        )
        .await;
    insta::assert_json_snapshot!("interviewer_pause", holiday.results(), {
        ".id" => "[id]", ".userId" => "[id]", ".startsAt" => "[time]", ".endsAt" => "[time]", ".createdAt" => "[time]"
    });
    let open_ended = server
        .call(
            &key,
            "user.createInterviewerPause",
            json!({"userId": ada.id}),
        )
        .await;
    assert_eq!(open_ended.results()["endsAt"], Value::Null);

    let listed = server
        .call(
            &key,
            "user.listInterviewerPauses",
            json!({"userId": ada.id}),
        )
        .await;
    let listed: Vec<&Value> = listed
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["id"])
        .collect();
    assert_eq!(
        listed,
        [&open_ended.results()["id"], &holiday.results()["id"]],
        "soonest first"
    );

    let bad = [
        json!({"userId": ada.id, "startsAt": iso(chrono::Duration::days(2)), "endsAt": iso(chrono::Duration::days(1))}),
        json!({"userId": ada.id, "startsAt": iso(-chrono::Duration::days(2)), "endsAt": iso(-chrono::Duration::days(1))}),
        json!({"userId": ada.id, "startsAt": "next tuesday"}),
    ];
    for body in bad {
        let response = server
            .call(&key, "user.createInterviewerPause", body.clone())
            .await;
        assert_eq!(response.code(), "invalid_input", "{body}");
    }
    let nobody = server
        .call(
            &key,
            "user.createInterviewerPause",
            json!({"userId": uuid::Uuid::new_v4()}),
        )
        .await;
    assert_eq!(nobody.code(), "user_not_found");
    let nobody = server
        .call(
            &key,
            "user.listInterviewerPauses",
            json!({"userId": uuid::Uuid::new_v4()}),
        )
        .await;
    assert_eq!(nobody.code(), "user_not_found");

    let pause_id = holiday.results()["id"].clone();
    let deleted = server
        .call(
            &key,
            "user.deleteInterviewerPause",
            json!({"interviewerPauseId": pause_id}),
        )
        .await;
    assert_eq!(deleted.results(), &json!({"id": pause_id}));
    let again = server
        .call(
            &key,
            "user.deleteInterviewerPause",
            json!({"interviewerPauseId": pause_id}),
        )
        .await;
    assert_eq!(again.code(), "interviewer_pause_not_found");
    let listed = server
        .call(
            &key,
            "user.listInterviewerPauses",
            json!({"userId": ada.id}),
        )
        .await;
    assert_eq!(listed.results().as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_demo_organisation_has_brands_and_a_dozen_users() {
    let server = TestServer::start().await;
    let demo = ashlar::demo::load_if_empty(&server.store)
        .await
        .unwrap()
        .unwrap();
    let key = demo.api_key;
    let brands = server.call(&key, "brand.list", json!({})).await;
    assert!(
        brands.body.get("syncToken").is_none(),
        "brand.list is cursor-only"
    );
    assert_eq!(brands.body["moreDataAvailable"], false);
    let brand = &brands.results()[0];
    insta::assert_json_snapshot!("brand", brand, {".id" => "[id]"});
    let (users, _) = list_all(&server, &key, "user.list", json!({"limit": 5})).await;
    assert_eq!(users.len(), 12);
    let (departments, _) = list_all(&server, &key, "department.list", json!({})).await;
    assert_eq!(departments.len(), 6);
}

#[tokio::test]
async fn ashlar_user_create_adds_a_member() {
    let dir = tempfile::tempdir().unwrap();
    let url = common::fresh_database_url(dir.path()).await;
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_ashlar"))
            .args(args)
            .env("ASHLAR_DATABASE_URL", &url)
            .output()
            .expect("run ashlar")
    };
    assert!(run(&["migrate"]).status.success());
    let out = run(&[
        "user",
        "create",
        "--first-name",
        "Grace",
        "--last-name",
        "Hopper",
        "--email",
        "Grace@Navy.mil",
        "--role",
        "Organization Admin",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let created: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(created["globalRole"], "Organization Admin");

    let duplicate = run(&[
        "user",
        "create",
        "--first-name",
        "G",
        "--last-name",
        "H",
        "--email",
        "grace@navy.MIL",
    ]);
    assert!(!duplicate.status.success());
    assert!(String::from_utf8_lossy(&duplicate.stderr).contains("already exists"));
    let bad_role = run(&[
        "user",
        "create",
        "--first-name",
        "G",
        "--last-name",
        "H",
        "--email",
        "g@h.io",
        "--role",
        "Boss",
    ]);
    assert!(!bad_role.status.success());

    let store = ashlar::store::Store::open(&url, ashlar::store::OpenMode::Existing)
        .await
        .unwrap();
    let users = <user::Entity as sea_orm::EntityTrait>::find()
        .all(store.reader())
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].email, "Grace@Navy.mil");
    assert_eq!(users[0].first_name, "Grace");
    assert!(users[0].is_enabled);
}
