//! customField.setValue/setValues: values checked against each field type, all or
//! nothing, shown on candidates, private fields only with the flag, jobs too.

mod common;
mod jobs_support;

use common::TestServer;
use serde_json::{json, Value};

const GRANTS: [&str; 6] = [
    "candidates:read",
    "candidates:write",
    "hiringProcessMetadata:read",
    "hiringProcessMetadata:write",
    "jobs:read",
    "jobs:write",
];

async fn key(server: &TestServer, private: bool) -> String {
    server
        .key_with(&GRANTS, |k| k.allow_private_fields = private)
        .await
}

async fn field(server: &TestServer, key: &str, body: Value) -> String {
    let created = server.call(key, "customField.create", body).await;
    assert!(created.ok(), "{:?}", created.body);
    created.results()["id"].as_str().unwrap().to_string()
}

async fn simple_field(server: &TestServer, key: &str, title: &str, field_type: &str) -> String {
    field(
        server,
        key,
        json!({"title": title, "fieldType": field_type, "objectType": "Candidate"}),
    )
    .await
}

/// Flips definition flags the API does not set (privacy, archiving) in the store.
async fn flag_field(server: &TestServer, id: &str, private: bool, archived: bool) {
    use ashlar::store::entities::custom_field;
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let write = server.store.write().await.unwrap();
    let mut row = custom_field::Entity::find_by_id(id.parse::<uuid::Uuid>().unwrap())
        .one(&write.txn)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.is_private = Set(private);
    row.is_archived = Set(archived);
    row.change_seq = Set(write.change);
    row.update(&write.txn).await.unwrap();
    write.commit().await.unwrap();
}

async fn candidate(server: &TestServer, key: &str) -> String {
    let created = server
        .call(key, "candidate.create", json!({"name": "Ada"}))
        .await;
    created.results()["id"].as_str().unwrap().to_string()
}

async fn set(
    server: &TestServer,
    key: &str,
    object: &str,
    field: &str,
    value: Value,
) -> common::Response {
    server
        .call(
            key,
            "customField.setValue",
            json!({"objectId": object, "objectType": "Candidate", "fieldId": field, "fieldValue": value}),
        )
        .await
}

async fn custom_fields(server: &TestServer, key: &str, id: &str) -> Value {
    let info = server.call(key, "candidate.info", json!({"id": id})).await;
    info.results()["customFields"].clone()
}

#[tokio::test]
async fn each_field_type_takes_its_values_and_refuses_others() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key).await;
    let cases: Vec<(&str, Value, Value, Value)> = vec![
        ("Boolean", json!(true), json!(true), json!("yes")),
        ("Number", json!(42.5), json!(42.5), json!("many")),
        ("String", json!("hello"), json!("hello"), json!(12)),
        ("LongText", json!("a\nb"), json!("a\nb"), json!(false)),
        (
            "Url",
            json!("https://example.com/x"),
            json!("https://example.com/x"),
            json!("not a url"),
        ),
        (
            "UUID",
            json!("0190b0b6-8f6e-7c39-a5d2-3d1e4f5a6b7c"),
            json!("0190b0b6-8f6e-7c39-a5d2-3d1e4f5a6b7c"),
            json!("nope"),
        ),
        (
            "Date",
            json!("2024-02-04"),
            json!("2024-02-04T00:00:00.000Z"),
            json!("04/02/2024"),
        ),
        (
            "Currency",
            json!({"value": 100000, "currencyCode": "USD"}),
            json!({"value": 100000, "currencyCode": "USD"}),
            json!({"value": 1}),
        ),
        (
            "NumberRange",
            json!({"type": "NumberRange", "minValue": 1, "maxValue": 5}),
            json!({"type": "NumberRange", "minValue": 1, "maxValue": 5}),
            json!({"minValue": 5, "maxValue": 1}),
        ),
        (
            "CompensationRange",
            json!({"type": "CompensationRange", "minValue": 1, "maxValue": 2, "currencyCode": "EUR", "interval": "1 YEAR"}),
            json!({"type": "CompensationRange", "minValue": 1, "maxValue": 2, "currencyCode": "EUR", "interval": "1 YEAR"}),
            json!({"minValue": 1, "maxValue": 2, "currencyCode": "EUR", "interval": "sometimes"}),
        ),
    ];
    for (field_type, good, stored, bad) in cases {
        let id = simple_field(&server, &key, &format!("{field_type} field"), field_type).await;
        let refused = set(&server, &key, &ada, &id, bad).await;
        assert_eq!(refused.code(), "invalid_input", "{field_type}");
        let written = set(&server, &key, &ada, &id, good).await;
        assert!(written.ok(), "{field_type}: {:?}", written.body);
        assert_eq!(written.results()["value"], stored, "{field_type}");
        // Same keys in the same order on both engines.
        assert_eq!(
            written.results()["value"].to_string(),
            stored.to_string(),
            "{field_type}"
        );
        assert_eq!(written.results()["title"], format!("{field_type} field"));
        assert_eq!(written.results()["isPrivate"], false);
    }
    let fields = custom_fields(&server, &key, &ada).await;
    assert_eq!(fields.as_array().unwrap().len(), 10);
}

#[tokio::test]
async fn select_fields_take_their_options_and_answer_labels() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key).await;
    let options = json!([
        {"label": "Remote", "value": "remote"},
        {"label": "On site", "value": "onsite"},
        {"label": "Retired", "value": "old"}
    ]);
    let single = field(
        &server,
        &key,
        json!({"title": "Work mode", "fieldType": "ValueSelect", "objectType": "Candidate", "selectableValues": options}),
    )
    .await;
    let multi = field(
        &server,
        &key,
        json!({"title": "Modes", "fieldType": "MultiValueSelect", "objectType": "Candidate", "selectableValues": options}),
    )
    .await;
    server
        .call(
            &key,
            "customField.updateSelectableValues",
            json!({"customFieldId": single, "selectableValues": [{"label": "Retired", "value": "old", "isArchived": true}]}),
        )
        .await;
    let written = set(&server, &key, &ada, &single, json!("remote")).await;
    insta::assert_json_snapshot!("value_select", written.results(), {".id" => "[id]"});
    assert_eq!(
        set(&server, &key, &ada, &single, json!("elsewhere"))
            .await
            .code(),
        "invalid_input"
    );
    assert_eq!(
        set(&server, &key, &ada, &single, json!("old")).await.code(),
        "invalid_input"
    );
    let both = set(&server, &key, &ada, &multi, json!(["onsite", "remote"])).await;
    assert_eq!(both.results()["valueLabel"], json!(["On site", "Remote"]));
    assert_eq!(
        set(&server, &key, &ada, &multi, json!(["remote", "x"]))
            .await
            .code(),
        "invalid_input"
    );
    assert_eq!(
        set(&server, &key, &ada, &multi, json!("remote"))
            .await
            .code(),
        "invalid_input"
    );
}

#[tokio::test]
async fn values_show_on_candidates_and_null_clears_them() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key).await;
    let id = simple_field(&server, &key, "Nickname", "String").await;
    set(&server, &key, &ada, &id, json!("Countess")).await;
    set(&server, &key, &ada, &id, json!("The Countess")).await;
    let info = server
        .call(&key, "candidate.info", json!({"id": ada}))
        .await;
    insta::assert_json_snapshot!("candidate_custom_fields", info.results()["customFields"], {"[].id" => "[id]"});
    let list = server.call(&key, "candidate.list", json!({})).await;
    assert_eq!(
        list.results()[0]["customFields"][0]["value"],
        "The Countess"
    );

    let cleared = set(&server, &key, &ada, &id, Value::Null).await;
    assert!(cleared.ok());
    assert_eq!(cleared.results()["value"], Value::Null);
    assert_eq!(custom_fields(&server, &key, &ada).await, json!([]));
}

#[tokio::test]
async fn set_values_writes_all_or_nothing() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key).await;
    let name = simple_field(&server, &key, "Nickname", "String").await;
    let score = simple_field(&server, &key, "Score", "Number").await;
    let set_values = |values: Value| {
        let server = &server;
        let key = &key;
        let ada = &ada;
        async move {
            server
                .call(
                    key,
                    "customField.setValues",
                    json!({"objectId": ada, "objectType": "Candidate", "values": values}),
                )
                .await
        }
    };
    let refused = set_values(json!([
        {"fieldId": name, "fieldValue": "Countess"},
        {"fieldId": score, "fieldValue": "not a number"}
    ]))
    .await;
    assert_eq!(refused.code(), "invalid_input");
    assert_eq!(custom_fields(&server, &key, &ada).await, json!([]));
    let missing = set_values(json!([
        {"fieldId": name, "fieldValue": "Countess"},
        {"fieldId": uuid::Uuid::now_v7(), "fieldValue": 1}
    ]))
    .await;
    assert_eq!(missing.code(), "custom_field_not_found");
    assert_eq!(custom_fields(&server, &key, &ada).await, json!([]));
    let twice = set_values(json!([
        {"fieldId": name, "fieldValue": "a"},
        {"fieldId": name, "fieldValue": "b"}
    ]))
    .await;
    assert_eq!(twice.code(), "invalid_input");
    assert_eq!(set_values(json!([])).await.code(), "invalid_input");

    let written = set_values(json!([
        {"fieldId": name, "fieldValue": "Countess"},
        {"fieldId": score, "fieldValue": 9}
    ]))
    .await;
    let mut titles: Vec<&str> = written
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["title"].as_str().unwrap())
        .collect();
    titles.sort();
    assert_eq!(titles, ["Nickname", "Score"]);
    assert_eq!(
        custom_fields(&server, &key, &ada)
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn wrong_objects_and_fields_are_refused() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key).await;
    let id = simple_field(&server, &key, "Nickname", "String").await;
    let job_field = field(
        &server,
        &key,
        json!({"title": "Budget code", "fieldType": "String", "objectType": "Job"}),
    )
    .await;
    let old = simple_field(&server, &key, "Old", "String").await;
    flag_field(&server, &old, false, true).await;
    let missing = uuid::Uuid::now_v7().to_string();

    assert_eq!(
        set(&server, &key, &missing, &id, json!("x")).await.code(),
        "candidate_not_found"
    );
    assert_eq!(
        set(&server, &key, &ada, &missing, json!("x")).await.code(),
        "custom_field_not_found"
    );
    assert_eq!(
        set(&server, &key, &ada, &job_field, json!("x"))
            .await
            .code(),
        "invalid_input"
    );
    assert_eq!(
        set(&server, &key, &ada, &old, json!("x")).await.code(),
        "custom_field_archived"
    );
    // A candidate's id is no application; an unknown type is no type at all.
    for (object_type, code) in [
        ("Application", "application_not_found"),
        ("Spaceship", "invalid_input"),
    ] {
        let refused = server
            .call(
                &key,
                "customField.setValue",
                json!({"objectId": ada, "objectType": object_type, "fieldId": id, "fieldValue": "x"}),
            )
            .await;
        assert_eq!(refused.code(), code, "{object_type}");
    }
    let no_value = server
        .call(
            &key,
            "customField.setValue",
            json!({"objectId": ada, "objectType": "Candidate", "fieldId": id}),
        )
        .await;
    assert_eq!(no_value.code(), "invalid_input");
}

/// Private fields: written and read only by keys with the private-fields flag.
#[tokio::test]
async fn private_fields_need_the_flag_to_be_written_or_read() {
    let server = TestServer::start().await;
    let plain = key(&server, false).await;
    let trusted = key(&server, true).await;
    let ada = candidate(&server, &plain).await;
    let public = simple_field(&server, &plain, "Nickname", "String").await;
    let secret = simple_field(&server, &plain, "Salary expectation", "Number").await;
    flag_field(&server, &secret, true, false).await;

    let refused = set(&server, &plain, &ada, &secret, json!(150000)).await;
    assert_eq!(refused.code(), "private_fields_not_allowed");
    let refused = server
        .call(
            &plain,
            "customField.setValues",
            json!({"objectId": ada, "objectType": "Candidate", "values": [
                {"fieldId": public, "fieldValue": "Countess"},
                {"fieldId": secret, "fieldValue": 1}
            ]}),
        )
        .await;
    assert_eq!(refused.code(), "private_fields_not_allowed");
    assert_eq!(custom_fields(&server, &plain, &ada).await, json!([]));

    let written = set(&server, &trusted, &ada, &secret, json!(150000)).await;
    assert_eq!(written.results()["isPrivate"], true);
    set(&server, &plain, &ada, &public, json!("Countess")).await;

    let titles = |fields: &Value| -> Vec<String> {
        fields
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["title"].as_str().unwrap().to_string())
            .collect()
    };
    for (key, expected) in [
        (&plain, vec!["Nickname"]),
        (&trusted, vec!["Nickname", "Salary expectation"]),
    ] {
        assert_eq!(titles(&custom_fields(&server, key, &ada).await), expected);
        let list = server.call(key, "candidate.list", json!({})).await;
        assert_eq!(titles(&list.results()[0]["customFields"]), expected);
        let search = server
            .call(key, "candidate.search", json!({"name": "ada"}))
            .await;
        assert_eq!(titles(&search.results()[0]["customFields"]), expected);
        // A write by either key answers the candidate as that key may see it.
        let tag = server
            .call(key, "candidateTag.create", json!({"title": "Seen"}))
            .await;
        let tagged = server
            .call(
                key,
                "candidate.addTag",
                json!({"candidateId": ada, "tagId": tag.results()["id"]}),
            )
            .await;
        assert_eq!(titles(&tagged.results()["customFields"]), expected);
    }
}

#[tokio::test]
async fn values_on_candidates_reach_incremental_syncs() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let ada = candidate(&server, &key).await;
    candidate(&server, &key).await;
    let id = simple_field(&server, &key, "Nickname", "String").await;
    let full = server.call(&key, "candidate.list", json!({})).await;
    let token = full.body["syncToken"].clone();
    set(&server, &key, &ada, &id, json!("Countess")).await;
    let changed = server
        .call(&key, "candidate.list", json!({"syncToken": token}))
        .await;
    let rows = changed.results().as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], ada.as_str());
    assert_eq!(rows[0]["customFields"][0]["value"], "Countess");
}

#[tokio::test]
async fn jobs_take_values_and_confidential_jobs_stay_hidden() {
    let server = TestServer::start().await;
    let org = jobs_support::org(&server).await;
    let key = key(&server, false).await;
    let job = jobs_support::create_job(&server, &key, &org, "Staff Engineer").await;
    let trusted = server
        .key_with(&GRANTS, |k| k.allow_confidential = true)
        .await;
    let secret = jobs_support::confidential_job(&server, &trusted, &org, "Secret").await;
    let budget = field(
        &server,
        &key,
        json!({"title": "Budget code", "fieldType": "String", "objectType": "Job"}),
    )
    .await;
    let written = server
        .call(
            &key,
            "customField.setValue",
            json!({"objectId": job["id"], "objectType": "Job", "fieldId": budget, "fieldValue": "ENG-1"}),
        )
        .await;
    assert_eq!(written.results()["value"], "ENG-1");
    let hidden = server
        .call(
            &key,
            "customField.setValue",
            json!({"objectId": secret["id"], "objectType": "Job", "fieldId": budget, "fieldValue": "ENG-2"}),
        )
        .await;
    assert_eq!(hidden.code(), "job_not_found");
    let allowed = server
        .call(
            &trusted,
            "customField.setValue",
            json!({"objectId": secret["id"], "objectType": "Job", "fieldId": budget, "fieldValue": "ENG-2"}),
        )
        .await;
    assert!(allowed.ok());

    // job.info carries the values; private ones only for keys with the flag.
    let secret_code = field(
        &server,
        &key,
        json!({"title": "Cost centre", "fieldType": "String", "objectType": "Job"}),
    )
    .await;
    flag_field(&server, &secret_code, true, false).await;
    let everything = server.admin_key().await;
    let written = server
        .call(
            &everything,
            "customField.setValue",
            json!({"objectId": job["id"], "objectType": "Job", "fieldId": secret_code, "fieldValue": "CC-9"}),
        )
        .await;
    assert!(written.ok());
    for (reader, expected) in [(&key, vec!["ENG-1"]), (&everything, vec!["ENG-1", "CC-9"])] {
        let info = server
            .call(reader, "job.info", json!({"id": job["id"]}))
            .await;
        let values: Vec<&str> = info.results()["customFields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["value"].as_str().unwrap())
            .collect();
        assert_eq!(values, expected);
    }
}

#[tokio::test]
async fn anonymizing_a_candidate_removes_its_values() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let ada = candidate(&server, &key).await;
    let id = simple_field(&server, &key, "Nickname", "String").await;
    set(&server, &key, &ada, &id, json!("Countess")).await;
    let anonymized = server
        .call(&key, "candidate.anonymize", json!({"candidateId": ada}))
        .await;
    assert_eq!(anonymized.results()["customFields"], json!([]));
    assert_eq!(custom_fields(&server, &key, &ada).await, json!([]));
}

#[tokio::test]
async fn applications_carry_their_custom_field_values() {
    let server = TestServer::start().await;
    let demo = ashlar::demo::load_if_empty(&server.store, &server.state.data_dir)
        .await
        .unwrap()
        .unwrap();
    let key = demo.api_key;
    let listed = server
        .call(&key, "application.list", json!({"limit": 1}))
        .await;
    let application = listed.results()[0]["id"].as_str().unwrap().to_string();
    let field_id = field(
        &server,
        &key,
        json!({"title": "Relocation needed", "fieldType": "Boolean", "objectType": "Application"}),
    )
    .await;
    let set = server
        .call(
            &key,
            "customField.setValue",
            json!({"objectId": application, "objectType": "Application", "fieldId": field_id, "fieldValue": true}),
        )
        .await;
    assert!(set.ok(), "{}", set.body);
    let info = server
        .call(
            &key,
            "application.info",
            json!({"applicationId": application}),
        )
        .await;
    let values = info.results()["customFields"].as_array().unwrap().clone();
    assert_eq!(values.len(), 1, "{values:?}");
    assert_eq!(values[0]["id"], field_id.as_str());
    assert_eq!(values[0]["value"], true);
}
