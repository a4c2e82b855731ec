//! The Hiring Process module: tags, sources, archive reasons, custom fields,
//! forms, interviewer pools, templates and tracking links.

mod common;

use ashlar::store::users::{add_user, NewUser};
use common::TestServer;
use serde_json::{json, Value};
use uuid::Uuid;

const READ_WRITE: [&str; 4] = [
    "hiringProcessMetadata:read",
    "hiringProcessMetadata:write",
    "organization:read",
    "organization:write",
];

/// A server with the demo organisation loaded, and its all-powerful key.
async fn demo_server() -> (TestServer, String) {
    let server = TestServer::start().await;
    let demo = ashlar::demo::load_if_empty(&server.store, &server.state.data_dir)
        .await
        .unwrap()
        .unwrap();
    (server, demo.api_key)
}

fn strings(rows: &Value, field: &str) -> Vec<String> {
    let mut out: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[field].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_new_organisation_ships_archive_reasons_sources_and_a_referral_form() {
    let server = TestServer::start().await;
    let key = server.key(&["hiringProcessMetadata:read"]).await;
    let reasons = server.call(&key, "archiveReason.list", json!({})).await;
    let reasons = reasons.results().as_array().unwrap().clone();
    assert_eq!(reasons.len(), 8);
    insta::assert_json_snapshot!("archive_reason", reasons[0], {".id" => "[id]"});
    assert!(reasons
        .iter()
        .any(|r| r["reasonType"] == "RejectedByCandidate"));

    let sources = server.call(&key, "source.list", json!({})).await;
    assert_eq!(sources.body["moreDataAvailable"], false);
    assert!(sources.body.get("nextCursor").is_none());
    let applied = sources
        .results()
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Applied")
        .unwrap()
        .clone();
    insta::assert_json_snapshot!("source", applied, {".id" => "[id]", ".sourceType.id" => "[id]"});

    let form = server.call(&key, "referralForm.info", json!({})).await;
    insta::assert_json_snapshot!("referral_form", form.results(), {
        ".id" => "[id]", ".organizationId" => "[id]",
        ".formDefinition.sections[].fields[].field.id" => "[id]"
    });
}

#[tokio::test]
async fn archived_reference_data_is_listed_only_on_request() {
    let (server, key) = demo_server().await;
    let active = server.call(&key, "archiveReason.list", json!({})).await;
    let all = server
        .call(&key, "archiveReason.list", json!({"includeArchived": true}))
        .await;
    let active = strings(active.results(), "text");
    let all = strings(all.results(), "text");
    assert!(active.contains(&"Visa Sponsorship Unavailable".to_string()));
    assert!(!active.contains(&"Role Put On Hold".to_string()));
    assert_eq!(all.len(), active.len() + 1);

    let sources = server.call(&key, "source.list", json!({})).await;
    let titles = strings(sources.results(), "title");
    assert!(titles.contains(&"RustConf 2026".to_string()));
    assert!(!titles.contains(&"Career Fair 2024".to_string()));
    let sources = server
        .call(&key, "source.list", json!({"includeArchived": "true"}))
        .await;
    assert!(strings(sources.results(), "title").contains(&"Career Fair 2024".to_string()));
}

#[tokio::test]
async fn candidate_tags_are_unique_by_title_whatever_the_case() {
    let server = TestServer::start().await;
    let key = server.key(&READ_WRITE).await;
    let tag = server
        .call(&key, "candidateTag.create", json!({"title": "Rust Expert"}))
        .await;
    let tag = tag.results().clone();
    insta::assert_json_snapshot!("candidate_tag", tag, {".id" => "[id]"});
    let same = server
        .call(
            &key,
            "candidateTag.create",
            json!({"title": "  rust EXPERT "}),
        )
        .await;
    assert_eq!(same.results(), &tag, "the existing tag comes back");
    let blank = server
        .call(&key, "candidateTag.create", json!({"title": " "}))
        .await;
    assert_eq!(blank.code(), "invalid_input");
    let other = server
        .call(&key, "candidateTag.create", json!({"title": "Referral"}))
        .await;
    let other = other.results().clone();

    let list = server.call(&key, "candidateTag.list", json!({})).await;
    assert_eq!(
        strings(list.results(), "title"),
        ["Referral", "Rust Expert"]
    );
    let token = list.body["syncToken"].as_str().unwrap().to_string();

    let archived = server
        .call(&key, "candidateTag.archive", json!({"tagId": other["id"]}))
        .await;
    assert_eq!(archived.results()["isArchived"], true);
    let again = server
        .call(&key, "candidateTag.archive", json!({"tagId": other["id"]}))
        .await;
    assert_eq!(again.code(), "candidate_tag_already_archived");
    let missing = server
        .call(
            &key,
            "candidateTag.archive",
            json!({"tagId": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(missing.code(), "candidate_tag_not_found");

    let list = server.call(&key, "candidateTag.list", json!({})).await;
    assert_eq!(strings(list.results(), "title"), ["Rust Expert"]);
    let list = server
        .call(&key, "candidateTag.list", json!({"includeArchived": true}))
        .await;
    assert_eq!(list.results().as_array().unwrap().len(), 2);
    let changed = server
        .call(
            &key,
            "candidateTag.list",
            json!({"syncToken": token, "includeArchived": true}),
        )
        .await;
    assert_eq!(strings(changed.results(), "title"), ["Referral"]);
}

#[tokio::test]
async fn custom_fields_are_created_with_checked_types_and_options() {
    let server = TestServer::start().await;
    let key = server.key(&READ_WRITE).await;
    let field = server
        .call(
            &key,
            "customField.create",
            json!({
                "title": "Seniority",
                "fieldType": "ValueSelect",
                "objectType": "Candidate",
                "description": "How senior the candidate is",
                "selectableValues": [{"label": "Junior", "value": "junior"}, {"label": "Senior", "value": "senior"}]
            }),
        )
        .await;
    let field = field.results().clone();
    insta::assert_json_snapshot!("custom_field", field, {".id" => "[id]"});
    let opening = server
        .call(
            &key,
            "customField.create",
            json!({"title": "Cost Center", "fieldType": "String", "objectType": "Opening_Version"}),
        )
        .await;
    assert_eq!(opening.results()["objectType"], "Opening");
    assert!(opening.results().get("selectableValues").is_none());

    let refused = [
        json!({"title": "X", "fieldType": "string", "objectType": "Candidate"}),
        json!({"title": "X", "fieldType": "String", "objectType": "Opening"}),
        json!({"title": "X", "fieldType": "MultiValueSelect", "objectType": "Job"}),
        json!({"title": "X", "fieldType": "MultiValueSelect", "objectType": "Job", "selectableValues": []}),
        json!({"title": "X", "fieldType": "Number", "objectType": "Job", "selectableValues": [{"label": "a", "value": "a"}]}),
        json!({"title": "X", "fieldType": "ValueSelect", "objectType": "Job", "selectableValues": [{"label": "a", "value": "a"}, {"label": "b", "value": "a"}]}),
        json!({"title": "X", "fieldType": "String", "objectType": "Job", "isDateOnlyField": true}),
        json!({"title": "", "fieldType": "String", "objectType": "Job"}),
    ];
    for body in refused {
        let response = server.call(&key, "customField.create", body.clone()).await;
        assert_eq!(response.code(), "invalid_input", "{body}");
    }
    let info = server
        .call(
            &key,
            "customField.info",
            json!({"customFieldId": field["id"]}),
        )
        .await;
    assert_eq!(info.results(), &field);
    let missing = server
        .call(
            &key,
            "customField.info",
            json!({"customFieldId": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(missing.code(), "custom_field_not_found");

    let list = server
        .call(&key, "customField.list", json!({"limit": 1}))
        .await;
    assert_eq!(list.body["moreDataAvailable"], true);
    let rest = server
        .call(
            &key,
            "customField.list",
            json!({"cursor": list.body["nextCursor"]}),
        )
        .await;
    let mut titles = strings(list.results(), "title");
    titles.extend(strings(rest.results(), "title"));
    titles.sort();
    assert_eq!(titles, ["Cost Center", "Seniority"]);
    assert!(rest.body["syncToken"].is_string());
}

#[tokio::test]
async fn selectable_values_merge_by_value() {
    let server = TestServer::start().await;
    let key = server.key(&READ_WRITE).await;
    let field = server
        .call(
            &key,
            "customField.create",
            json!({
                "title": "Level", "fieldType": "MultiValueSelect", "objectType": "Job",
                "selectableValues": [{"label": "L1", "value": "l1"}, {"label": "L2", "value": "l2"}]
            }),
        )
        .await;
    let id = field.results()["id"].clone();
    let updated = server
        .call(
            &key,
            "customField.updateSelectableValues",
            json!({"customFieldId": id, "selectableValues": [
                {"label": "Level 2", "value": "l2"},
                {"label": "L1", "value": "l1", "isArchived": true},
                {"label": "L3", "value": "l3"}
            ]}),
        )
        .await;
    assert_eq!(
        updated.results()["selectableValues"],
        json!([
            {"label": "L1", "value": "l1", "isArchived": true},
            {"label": "Level 2", "value": "l2", "isArchived": false},
            {"label": "L3", "value": "l3", "isArchived": false}
        ])
    );
    let untouched = server
        .call(
            &key,
            "customField.updateSelectableValues",
            json!({"customFieldId": id, "selectableValues": [{"label": "L4", "value": "l4"}]}),
        )
        .await;
    assert_eq!(
        untouched.results()["selectableValues"]
            .as_array()
            .unwrap()
            .len(),
        4,
        "values not sent stay as they were"
    );

    let plain = server
        .call(
            &key,
            "customField.create",
            json!({"title": "Notes", "fieldType": "LongText", "objectType": "Candidate"}),
        )
        .await;
    let refused = server
        .call(
            &key,
            "customField.updateSelectableValues",
            json!({"customFieldId": plain.results()["id"], "selectableValues": [{"label": "a", "value": "a"}]}),
        )
        .await;
    assert_eq!(refused.code(), "invalid_input");
    let twice = server
        .call(
            &key,
            "customField.updateSelectableValues",
            json!({"customFieldId": id, "selectableValues": [{"label": "a", "value": "x"}, {"label": "b", "value": "x"}]}),
        )
        .await;
    assert_eq!(twice.code(), "invalid_input");
    let missing = server
        .call(
            &key,
            "customField.updateSelectableValues",
            json!({"customFieldId": Uuid::new_v4(), "selectableValues": []}),
        )
        .await;
    assert_eq!(missing.code(), "custom_field_not_found");
}

#[tokio::test]
async fn feedback_and_survey_forms_are_listed_and_read() {
    let (server, key) = demo_server().await;
    let feedback = server
        .call(&key, "feedbackFormDefinition.list", json!({}))
        .await;
    assert_eq!(
        strings(feedback.results(), "title"),
        ["Default Interview Feedback", "System Design Scorecard"]
    );
    assert!(feedback.body["syncToken"].is_string());
    let first = feedback.results()[0].clone();
    let info = server
        .call(
            &key,
            "feedbackFormDefinition.info",
            json!({"feedbackFormDefinitionId": first["id"]}),
        )
        .await;
    assert_eq!(info.results(), &first);
    insta::assert_json_snapshot!("feedback_form", first, {
        ".id" => "[id]", ".organizationId" => "[id]",
        ".formDefinition.sections[].fields[].field.id" => "[id]"
    });

    let surveys = server
        .call(&key, "surveyFormDefinition.list", json!({}))
        .await;
    assert_eq!(
        strings(surveys.results(), "surveyType"),
        ["CandidateExperience", "EEOC"]
    );
    let survey = surveys.results()[0].clone();
    let info = server
        .call(
            &key,
            "surveyFormDefinition.info",
            json!({"surveyFormDefinitionId": survey["id"]}),
        )
        .await;
    assert_eq!(info.results(), &survey);
    assert_eq!(survey["organizationId"], first["organizationId"]);

    let crossed = server
        .call(
            &key,
            "surveyFormDefinition.info",
            json!({"surveyFormDefinitionId": first["id"]}),
        )
        .await;
    assert_eq!(crossed.code(), "survey_form_definition_not_found");
    let missing = server
        .call(
            &key,
            "feedbackFormDefinition.info",
            json!({"feedbackFormDefinitionId": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(missing.code(), "feedback_form_definition_not_found");
}

#[tokio::test]
async fn templates_and_tracking_links_list_what_is_enabled() {
    let (server, key) = demo_server().await;
    let templates = server
        .call(&key, "communicationTemplate.list", json!({}))
        .await;
    assert_eq!(
        strings(templates.results(), "title"),
        ["Interview Invitation", "Sourcing Outreach"]
    );
    insta::assert_json_snapshot!("communication_template", templates.results()[0], {
        ".id" => "[id]", ".createdAt" => "[time]", ".updatedAt" => "[time]"
    });
    let links = server
        .call(&key, "sourceTrackingLink.list", json!({}))
        .await;
    assert_eq!(strings(links.results(), "code"), ["rustconf26"]);
    assert!(links.body["syncToken"].is_string());
    insta::assert_json_snapshot!("source_tracking_link", links.results()[0], {
        ".id" => "[id]", ".sourceId" => "[id]"
    });
    let all = server
        .call(
            &key,
            "sourceTrackingLink.list",
            json!({"includeDisabled": true}),
        )
        .await;
    assert_eq!(strings(all.results(), "code"), ["fair24", "rustconf26"]);
}

async fn member(server: &TestServer, first: &str) -> Uuid {
    let write = server.store.write().await.unwrap();
    let user = add_user(
        &write,
        NewUser {
            first_name: first.into(),
            last_name: "Interviewer".into(),
            email: format!("{}@example.com", first.to_lowercase()),
            global_role: "Limited Access".into(),
            manager_id: None,
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    write.commit().await.unwrap();
    user.id
}

#[tokio::test]
async fn interviewer_pools_gain_and_lose_members() {
    let server = TestServer::start().await;
    let key = server.key(&READ_WRITE).await;
    let ada = member(&server, "Ada").await;
    let bob = member(&server, "Bob").await;
    let pool = server
        .call(&key, "interviewerPool.create", json!({"title": "Coding"}))
        .await;
    let pool_id = pool.results()["id"].clone();
    assert_eq!(pool.results()["qualifiedMembers"], json!([]));
    assert!(pool.results().get("trainingPath").is_none());

    let added = server
        .call(
            &key,
            "interviewerPool.addUser",
            json!({"interviewerPoolId": pool_id, "userId": ada}),
        )
        .await;
    insta::assert_json_snapshot!("interviewer_pool", added.results(), {
        ".id" => "[id]", ".qualifiedMembers[].id" => "[id]", ".qualifiedMembers[].updatedAt" => "[time]"
    });
    let twice = server
        .call(
            &key,
            "interviewerPool.addUser",
            json!({"interviewerPoolId": pool_id, "userId": ada}),
        )
        .await;
    assert_eq!(
        twice.results()["qualifiedMembers"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    server
        .call(&key, "user.createInterviewerPause", json!({"userId": bob}))
        .await
        .results();
    let both = server
        .call(
            &key,
            "interviewerPool.addUser",
            json!({"interviewerPoolId": pool_id, "userId": bob}),
        )
        .await;
    let members = both.results()["qualifiedMembers"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(members.len(), 2);
    let paused: Vec<(&Value, &Value)> = members
        .iter()
        .map(|m| (&m["firstName"], &m["isPaused"]))
        .collect();
    assert_eq!(
        paused,
        [
            (&json!("Ada"), &json!(false)),
            (&json!("Bob"), &json!(true))
        ]
    );

    let cases = [
        (
            json!({"interviewerPoolId": pool_id, "userId": Uuid::new_v4()}),
            "user_not_found",
        ),
        (
            json!({"interviewerPoolId": Uuid::new_v4(), "userId": ada}),
            "interviewer_pool_not_found",
        ),
        (
            json!({"interviewerPoolId": pool_id, "userId": ada, "interviewerPoolTrainingPathStageId": Uuid::new_v4()}),
            "interviewer_pool_training_path_stage_not_found",
        ),
    ];
    for (body, code) in cases {
        let response = server
            .call(&key, "interviewerPool.addUser", body.clone())
            .await;
        assert_eq!(response.code(), code, "{body}");
    }

    let removed = server
        .call(
            &key,
            "interviewerPool.removeUser",
            json!({"interviewerPoolId": pool_id, "userId": ada}),
        )
        .await;
    assert_eq!(
        strings(&removed.results()["qualifiedMembers"], "firstName"),
        ["Bob"]
    );
    let not_member = server
        .call(
            &key,
            "interviewerPool.removeUser",
            json!({"interviewerPoolId": pool_id, "userId": ada}),
        )
        .await;
    assert_eq!(not_member.code(), "invalid_input");
    let nobody = server
        .call(
            &key,
            "interviewerPool.removeUser",
            json!({"interviewerPoolId": pool_id, "userId": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(nobody.code(), "user_not_found");

    let info = server
        .call(
            &key,
            "interviewerPool.info",
            json!({"interviewerPoolId": pool_id}),
        )
        .await;
    assert_eq!(info.results(), removed.results());
    let missing = server
        .call(
            &key,
            "interviewerPool.info",
            json!({"interviewerPoolId": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(missing.code(), "interviewer_pool_not_found");
}

#[tokio::test]
async fn interviewer_pools_are_updated_archived_and_synced() {
    let server = TestServer::start().await;
    let key = server.key(&READ_WRITE).await;
    let ada = member(&server, "Ada").await;
    let design = server
        .call(
            &key,
            "interviewerPool.create",
            json!({"title": "Design", "requiresTraining": true}),
        )
        .await;
    let design = design.results().clone();
    assert_eq!(design["trainingPath"]["enabled"], true);
    assert_eq!(design["trainingPath"]["trainingStages"], json!([]));
    let other = server
        .call(&key, "interviewerPool.create", json!({"title": "Other"}))
        .await;
    let other_id = other.results()["id"].clone();

    let list = server.call(&key, "interviewerPool.list", json!({})).await;
    assert_eq!(strings(list.results(), "title"), ["Design", "Other"]);
    let token = list.body["syncToken"].as_str().unwrap().to_string();

    let updated = server
        .call(
            &key,
            "interviewerPool.update",
            json!({"interviewerPoolId": design["id"], "title": "System Design", "requiresTraining": false}),
        )
        .await;
    assert_eq!(updated.results()["title"], "System Design");
    assert!(updated.results().get("trainingPath").is_none());
    let blank = server
        .call(
            &key,
            "interviewerPool.update",
            json!({"interviewerPoolId": design["id"], "title": ""}),
        )
        .await;
    assert_eq!(blank.code(), "invalid_input");

    let changed = server
        .call(&key, "interviewerPool.list", json!({"syncToken": token}))
        .await;
    assert_eq!(strings(changed.results(), "title"), ["System Design"]);
    let token = changed.body["syncToken"].as_str().unwrap().to_string();
    server
        .call(
            &key,
            "interviewerPool.addUser",
            json!({"interviewerPoolId": other_id, "userId": ada}),
        )
        .await
        .results();
    let changed = server
        .call(&key, "interviewerPool.list", json!({"syncToken": token}))
        .await;
    assert_eq!(
        strings(changed.results(), "title"),
        ["Other"],
        "membership changes sync"
    );

    let archived = server
        .call(
            &key,
            "interviewerPool.archive",
            json!({"interviewerPoolId": other_id}),
        )
        .await;
    assert_eq!(archived.results()["isArchived"], true);
    let again = server
        .call(
            &key,
            "interviewerPool.archive",
            json!({"interviewerPoolId": other_id}),
        )
        .await;
    assert_eq!(again.code(), "interviewer_pool_already_archived");
    for (endpoint, body) in [
        (
            "interviewerPool.update",
            json!({"interviewerPoolId": other_id, "title": "X"}),
        ),
        (
            "interviewerPool.addUser",
            json!({"interviewerPoolId": other_id, "userId": ada}),
        ),
        (
            "interviewerPool.removeUser",
            json!({"interviewerPoolId": other_id, "userId": ada}),
        ),
    ] {
        let response = server.call(&key, endpoint, body).await;
        assert_eq!(response.code(), "interviewer_pool_archived", "{endpoint}");
    }
    let list = server.call(&key, "interviewerPool.list", json!({})).await;
    assert_eq!(strings(list.results(), "title"), ["System Design"]);
    let list = server
        .call(
            &key,
            "interviewerPool.list",
            json!({"includeArchivedPools": true}),
        )
        .await;
    assert_eq!(list.results().as_array().unwrap().len(), 2);
    let restored = server
        .call(
            &key,
            "interviewerPool.restore",
            json!({"interviewerPoolId": other_id}),
        )
        .await;
    assert_eq!(restored.results()["isArchived"], false);
    assert_eq!(
        restored.results()["qualifiedMembers"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let again = server
        .call(
            &key,
            "interviewerPool.restore",
            json!({"interviewerPoolId": other_id}),
        )
        .await;
    assert_eq!(again.code(), "interviewer_pool_not_archived");
    let missing = server
        .call(
            &key,
            "interviewerPool.archive",
            json!({"interviewerPoolId": Uuid::new_v4()}),
        )
        .await;
    assert_eq!(missing.code(), "interviewer_pool_not_found");
}

#[tokio::test]
async fn the_demo_pools_have_members_from_the_demo_users() {
    let (server, key) = demo_server().await;
    let pools = server.call(&key, "interviewerPool.list", json!({})).await;
    let pools = pools.results().as_array().unwrap().clone();
    assert_eq!(pools.len(), 3);
    let sizes: Vec<usize> = pools
        .iter()
        .map(|p| p["qualifiedMembers"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes.iter().sum::<usize>(), 12);
    let tags = server.call(&key, "candidateTag.list", json!({})).await;
    assert_eq!(tags.results().as_array().unwrap().len(), 6);
    let fields = server.call(&key, "customField.list", json!({})).await;
    assert_eq!(fields.results().as_array().unwrap().len(), 4);
}
