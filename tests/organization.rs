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
    let demo = ashlar::demo::load_if_empty(&server.store, &server.state.data_dir)
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

/// A client's copy of a synced list: rows by id, and the token of its last run.
struct Replica {
    endpoint: &'static str,
    filters: Value,
    rows: std::collections::HashMap<String, Value>,
    token: Option<String>,
}

impl Replica {
    /// Everything, archived rows and regions included, so every change is visible.
    fn departments() -> Replica {
        Replica::new("department.list", json!({"includeArchived": true}))
    }

    fn locations() -> Replica {
        Replica::new(
            "location.list",
            json!({"includeArchived": true, "includeLocationHierarchy": true}),
        )
    }

    fn new(endpoint: &'static str, filters: Value) -> Replica {
        Replica {
            endpoint,
            filters,
            rows: Default::default(),
            token: None,
        }
    }

    /// One sync run (full the first time, incremental after); returns the ids it saw.
    async fn sync(
        &mut self,
        server: &TestServer,
        key: &str,
        limit: u64,
    ) -> std::collections::BTreeSet<String> {
        let mut seen = std::collections::BTreeSet::new();
        let mut cursor = None;
        loop {
            cursor = self.page(server, key, limit, cursor, &mut seen).await;
            if cursor.is_none() {
                return seen;
            }
        }
    }

    /// One page of a run: applies its rows, keeps the token on the last page,
    /// and returns the cursor of the next page.
    async fn page(
        &mut self,
        server: &TestServer,
        key: &str,
        limit: u64,
        cursor: Option<String>,
        seen: &mut std::collections::BTreeSet<String>,
    ) -> Option<String> {
        let mut body = self.filters.clone();
        body["limit"] = json!(limit);
        if let Some(token) = &self.token {
            body["syncToken"] = json!(token);
        }
        if let Some(cursor) = cursor {
            body["cursor"] = json!(cursor);
        }
        let response = server.call(key, self.endpoint, body).await;
        for row in response.results().as_array().unwrap() {
            seen.insert(id(row));
            self.rows.insert(id(row), row.clone());
        }
        let next = response.body["nextCursor"].as_str().map(String::from);
        if next.is_none() {
            let token = response.body["syncToken"].as_str();
            self.token = Some(
                token
                    .expect("the last page carries a sync token")
                    .to_string(),
            );
        }
        next
    }

    /// What a fresh full list says now.
    async fn truth(
        &self,
        server: &TestServer,
        key: &str,
    ) -> std::collections::HashMap<String, Value> {
        let (rows, _) = list_all(server, key, self.endpoint, self.filters.clone()).await;
        rows.into_iter().map(|r| (id(&r), r)).collect()
    }
}

#[derive(Clone, Debug)]
enum Op {
    CreateDepartment,
    RenameDepartment(usize),
    MoveDepartment(usize, Option<usize>),
    ToggleDepartmentArchived(usize),
    CreateLocation,
    RenameLocation(usize),
    ToggleLocationArchived(usize),
    SyncDepartments(u64),
    SyncLocations(u64),
    /// A paged department sync with a rename between its first and second page.
    SyncDepartmentsAcrossARename(u64, usize),
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        2 => Just(Op::CreateDepartment),
        2 => any::<usize>().prop_map(Op::RenameDepartment),
        2 => (any::<usize>(), proptest::option::of(any::<usize>()))
            .prop_map(|(a, b)| Op::MoveDepartment(a, b)),
        1 => any::<usize>().prop_map(Op::ToggleDepartmentArchived),
        1 => Just(Op::CreateLocation),
        1 => any::<usize>().prop_map(Op::RenameLocation),
        1 => any::<usize>().prop_map(Op::ToggleLocationArchived),
        2 => (1u64..4).prop_map(Op::SyncDepartments),
        1 => (1u64..4).prop_map(Op::SyncLocations),
        2 => (1u64..3, any::<usize>()).prop_map(|(l, n)| Op::SyncDepartmentsAcrossARename(l, n)),
    ]
}

/// Picks the `n`th of the ids written so far, if any.
fn pick(ids: &[String], n: usize) -> Option<String> {
    (!ids.is_empty()).then(|| ids[n % ids.len()].clone())
}

/// Applies one write; returns the id it changed, or None when it was refused
/// (a cycle, an archive of an archived row) and so changed nothing.
async fn apply(
    server: &TestServer,
    key: &str,
    op: &Op,
    departments: &mut Vec<String>,
    locations: &mut Vec<String>,
    step: usize,
) -> Option<(bool, String)> {
    let call = |endpoint: &'static str, body: Value| async move {
        let response = server.call(key, endpoint, body).await;
        response.ok().then(|| id(response.results()))
    };
    let archived = |endpoint: &'static str, field: &'static str, target: String| async move {
        let info = server.call(key, endpoint, json!({field: target})).await;
        info.results()["isArchived"].as_bool().unwrap()
    };
    match op {
        Op::CreateDepartment => {
            let id = call("department.create", json!({"name": format!("Dept {step}")})).await?;
            departments.push(id.clone());
            Some((true, id))
        }
        Op::RenameDepartment(n) => {
            let target = pick(departments, *n)?;
            call(
                "department.update",
                json!({"departmentId": target, "name": format!("Renamed {step}")}),
            )
            .await
            .map(|id| (true, id))
        }
        Op::MoveDepartment(n, parent) => {
            let target = pick(departments, *n)?;
            let parent = parent.and_then(|p| pick(departments, p));
            call(
                "department.move",
                json!({"departmentId": target, "parentId": parent}),
            )
            .await
            .map(|id| (true, id))
        }
        Op::ToggleDepartmentArchived(n) => {
            let target = pick(departments, *n)?;
            let endpoint = if archived("department.info", "departmentId", target.clone()).await {
                "department.restore"
            } else {
                "department.archive"
            };
            call(endpoint, json!({"departmentId": target}))
                .await
                .map(|id| (true, id))
        }
        Op::CreateLocation => {
            let id = call(
                "location.create",
                json!({"name": format!("Loc {step}"), "type": "Location"}),
            )
            .await?;
            locations.push(id.clone());
            Some((false, id))
        }
        Op::RenameLocation(n) => {
            let target = pick(locations, *n)?;
            call(
                "location.updateName",
                json!({"locationId": target, "name": format!("Renamed {step}")}),
            )
            .await
            .map(|id| (false, id))
        }
        Op::ToggleLocationArchived(n) => {
            let target = pick(locations, *n)?;
            let endpoint = if archived("location.info", "locationId", target.clone()).await {
                "location.restore"
            } else {
                "location.archive"
            };
            call(endpoint, json!({"locationId": target}))
                .await
                .map(|id| (false, id))
        }
        Op::SyncDepartments(_) | Op::SyncLocations(_) | Op::SyncDepartmentsAcrossARename(..) => {
            None
        }
    }
}

/// Runs `ops` against the server; every incremental sync must return exactly the
/// rows written since the previous one, and the replicas must end equal to the truth.
async fn interleaving(server: &TestServer, key: &str, ops: &[Op]) {
    let mut departments_replica = Replica::departments();
    let mut locations_replica = Replica::locations();
    departments_replica.sync(server, key, 100).await;
    locations_replica.sync(server, key, 100).await;
    let mut departments: Vec<String> = departments_replica.rows.keys().cloned().collect();
    let mut locations: Vec<String> = locations_replica.rows.keys().cloned().collect();
    let mut dirty_departments = std::collections::BTreeSet::new();
    let mut dirty_locations = std::collections::BTreeSet::new();
    for (step, op) in ops.iter().enumerate() {
        match op {
            Op::SyncDepartments(limit) => {
                let seen = departments_replica.sync(server, key, *limit).await;
                assert_eq!(
                    seen,
                    std::mem::take(&mut dirty_departments),
                    "step {step}: {ops:?}"
                );
            }
            Op::SyncLocations(limit) => {
                let seen = locations_replica.sync(server, key, *limit).await;
                assert_eq!(
                    seen,
                    std::mem::take(&mut dirty_locations),
                    "step {step}: {ops:?}"
                );
            }
            Op::SyncDepartmentsAcrossARename(limit, n) => {
                // A row rewritten during the run lands after the run's horizon: it may
                // be missing from this run, and must then come with the next one.
                let before = std::mem::take(&mut dirty_departments);
                let mut seen = std::collections::BTreeSet::new();
                let mut cursor = departments_replica
                    .page(server, key, *limit, None, &mut seen)
                    .await;
                let rename = Op::RenameDepartment(*n);
                let renamed =
                    apply(server, key, &rename, &mut departments, &mut locations, step).await;
                if let Some((_, id)) = renamed {
                    dirty_departments.insert(id);
                }
                while cursor.is_some() {
                    cursor = departments_replica
                        .page(server, key, *limit, cursor, &mut seen)
                        .await;
                }
                let allowed: std::collections::BTreeSet<String> =
                    before.union(&dirty_departments).cloned().collect();
                assert!(seen.is_subset(&allowed), "step {step}: {ops:?}");
                assert!(
                    before
                        .iter()
                        .all(|id| seen.contains(id) || dirty_departments.contains(id)),
                    "step {step}: {ops:?}"
                );
            }
            write => {
                match apply(server, key, write, &mut departments, &mut locations, step).await {
                    Some((true, id)) => {
                        dirty_departments.insert(id);
                    }
                    Some((false, id)) => {
                        dirty_locations.insert(id);
                    }
                    None => {}
                }
            }
        }
    }
    departments_replica.sync(server, key, 2).await;
    locations_replica.sync(server, key, 2).await;
    assert_eq!(
        departments_replica.rows,
        departments_replica.truth(server, key).await
    );
    assert_eq!(
        locations_replica.rows,
        locations_replica.truth(server, key).await
    );
}

#[test]
fn random_interleavings_of_writes_and_incremental_syncs_never_lose_a_change() {
    use proptest::prelude::*;
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (server, key) = runtime.block_on(async {
        let server = TestServer::start().await;
        let key = server
            .key(&["organization:read", "organization:write"])
            .await;
        (server, key)
    });
    let config = ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(ops in proptest::collection::vec(op(), 1..40))| {
        runtime.block_on(interleaving(&server, &key, &ops));
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_syncing_reader_gets_every_change_made_by_concurrent_writers() {
    let server = std::sync::Arc::new(TestServer::start().await);
    let key = server
        .key(&["organization:read", "organization:write"])
        .await;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let writers = 2;
    for writer in 0..writers {
        let (server, key, done) = (server.clone(), key.clone(), done.clone());
        tokio::spawn(async move {
            let mut mine = Vec::new();
            for step in 0..40 {
                if step % 3 == 0 || mine.is_empty() {
                    let created =
                        department(&server, &key, json!({"name": format!("W{writer} {step}")}))
                            .await;
                    mine.push(id(&created));
                } else {
                    let target = &mine[step % mine.len()];
                    server
                        .call(&key, "department.update", json!({"departmentId": target, "name": format!("W{writer} step {step}")}))
                        .await
                        .results();
                }
            }
            done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
    }
    let reader = {
        let (server, key, done) = (server.clone(), key.clone(), done.clone());
        tokio::spawn(async move {
            let mut replica = Replica::departments();
            let mut runs = 0;
            while done.load(std::sync::atomic::Ordering::SeqCst) < writers {
                replica.sync(&server, &key, 3).await;
                runs += 1;
            }
            replica.sync(&server, &key, 3).await;
            (replica, runs)
        })
    };
    let (replica, runs) = reader.await.unwrap();
    assert!(runs > 1, "the reader synced while the writers wrote");
    let truth = replica.truth(&server, &key).await;
    assert_eq!(truth.len(), 2 * 14);
    assert_eq!(replica.rows, truth, "the reader ends up with every change");
}

#[tokio::test]
async fn an_incremental_sync_reports_archivals_even_without_include_archived() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let created = server
        .call(&key, "department.create", json!({"name": "Research"}))
        .await;
    let id = created.results()["id"].as_str().unwrap().to_string();
    let full = server.call(&key, "department.list", json!({})).await;
    let token = full.body["syncToken"].as_str().unwrap().to_string();

    server
        .call(&key, "department.archive", json!({"departmentId": id}))
        .await
        .results();
    let delta = server
        .call(&key, "department.list", json!({"syncToken": token}))
        .await;
    let changed = delta.results().as_array().unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0]["id"], id.as_str());
    assert_eq!(changed[0]["isArchived"], true);

    // A full list still leaves archived departments out unless asked.
    let full = server.call(&key, "department.list", json!({})).await;
    let ids: Vec<&str> = full
        .results()
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert!(!ids.contains(&id.as_str()));
}
