//! surveyRequest.create/list and surveySubmission.create/list: subjects checked,
//! answers checked against the form, lists filtered by type and by the candidates
//! a key may see.

mod common;

use common::TestServer;
use serde_json::{json, Value};
use uuid::Uuid;

/// Writes a survey form straight into the store (forms have no creating endpoint).
async fn survey_form(server: &TestServer, survey_type: &str, archived: bool) -> Uuid {
    use ashlar::store::entities::form_definition::{self, FormKind};
    use sea_orm::{ActiveModelTrait, Set};
    let write = server.store.write().await.unwrap();
    let now = chrono::Utc::now();
    let id = Uuid::now_v7();
    let field = |path: &str, required: bool| {
        json!({"isRequired": required, "field": {
            "id": Uuid::now_v7(), "type": "String", "path": path,
            "humanReadablePath": path, "title": path, "isNullable": !required
        }})
    };
    form_definition::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        kind: Set(FormKind::Survey.as_str().into()),
        title: Set(format!("{survey_type} survey")),
        is_archived: Set(archived),
        is_default_form: Set(false),
        definition: Set(json!({"sections": [{"title": "About the process",
            "fields": [field("rating", true), field("comments", false)]}]})),
        survey_type: Set(Some(survey_type.into())),
        interview_id: Set(None),
    }
    .insert(&write.txn)
    .await
    .unwrap();
    write.commit().await.unwrap();
    id
}

async fn candidate(server: &TestServer, key: &str) -> String {
    let created = server
        .call(key, "candidate.create", json!({"name": "Ada"}))
        .await;
    created.results()["id"].as_str().unwrap().to_string()
}

fn subject(candidate: &str, form: Uuid) -> Value {
    json!({"candidateId": candidate, "applicationId": Uuid::now_v7(), "surveyFormDefinitionId": form})
}

#[tokio::test]
async fn survey_requests_are_created_and_listed() {
    let server = TestServer::start().await;
    let key = server.key(&["candidates:read", "candidates:write"]).await;
    let ada = candidate(&server, &key).await;
    let grace = candidate(&server, &key).await;
    let form = survey_form(&server, "CandidateExperience", false).await;
    let created = server
        .call(&key, "surveyRequest.create", subject(&ada, form))
        .await;
    insta::assert_json_snapshot!("survey_request", created.results(), {
        ".id" => "[id]", ".candidateId" => "[id]", ".applicationId" => "[id]",
        ".surveyFormDefinitionId" => "[id]", ".surveyUrl" => "[url]"
    });
    let url = created.results()["surveyUrl"].as_str().unwrap();
    assert!(url.ends_with(created.results()["id"].as_str().unwrap()));
    server
        .call(&key, "surveyRequest.create", subject(&grace, form))
        .await;

    let all = server
        .call(
            &key,
            "surveyRequest.list",
            json!({"surveyType": "CandidateExperience"}),
        )
        .await;
    assert_eq!(all.results().as_array().unwrap().len(), 2);
    assert!(all.body["syncToken"].is_string());
    let ada_only = server
        .call(
            &key,
            "surveyRequest.list",
            json!({"surveyType": "CandidateExperience", "candidateId": ada}),
        )
        .await;
    assert_eq!(ada_only.results().as_array().unwrap().len(), 1);
    assert_eq!(ada_only.results()[0]["candidateId"], ada.as_str());
    let by_application = server
        .call(
            &key,
            "surveyRequest.list",
            json!({"surveyType": "CandidateExperience",
                   "applicationId": created.results()["applicationId"]}),
        )
        .await;
    assert_eq!(by_application.results().as_array().unwrap().len(), 1);
    let wrong_type = server
        .call(&key, "surveyRequest.list", json!({"surveyType": "EEOC"}))
        .await;
    assert_eq!(wrong_type.code(), "invalid_input");
    let no_type = server.call(&key, "surveyRequest.list", json!({})).await;
    assert_eq!(no_type.code(), "invalid_input");
}

#[tokio::test]
async fn survey_subjects_are_checked() {
    let server = TestServer::start().await;
    let key = server.key(&["candidates:read", "candidates:write"]).await;
    let ada = candidate(&server, &key).await;
    let archived = survey_form(&server, "CandidateExperience", true).await;
    let live = survey_form(&server, "CandidateExperience", false).await;
    for endpoint in ["surveyRequest.create", "surveySubmission.create"] {
        let mut body = subject(&Uuid::now_v7().to_string(), live);
        body["submittedValues"] = json!({"rating": "5"});
        let nobody = server.call(&key, endpoint, body.clone()).await;
        assert_eq!(nobody.code(), "candidate_not_found", "{endpoint}");
        body["candidateId"] = json!(ada);
        body["surveyFormDefinitionId"] = json!(Uuid::now_v7());
        let no_form = server.call(&key, endpoint, body.clone()).await;
        assert_eq!(
            no_form.code(),
            "survey_form_definition_not_found",
            "{endpoint}"
        );
        body["surveyFormDefinitionId"] = json!(archived);
        let old_form = server.call(&key, endpoint, body.clone()).await;
        assert_eq!(
            old_form.code(),
            "survey_form_definition_archived",
            "{endpoint}"
        );
        body.as_object_mut().unwrap().remove("applicationId");
        let no_application = server.call(&key, endpoint, body).await;
        assert_eq!(no_application.code(), "invalid_input", "{endpoint}");
    }
}

#[tokio::test]
async fn submissions_are_checked_against_their_form_and_listed_by_type() {
    let server = TestServer::start().await;
    let key = server.key(&["candidates:read", "candidates:write"]).await;
    let ada = candidate(&server, &key).await;
    let experience = survey_form(&server, "CandidateExperience", false).await;
    let questionnaire = survey_form(&server, "Questionnaire", false).await;
    let submit = |form: Uuid, values: Value| {
        let mut body = subject(&ada, form);
        body["submittedValues"] = values;
        body
    };
    let unknown = server
        .call(
            &key,
            "surveySubmission.create",
            submit(experience, json!({"rating": "5", "shoe": "9"})),
        )
        .await;
    assert_eq!(unknown.code(), "invalid_input");
    let missing = server
        .call(
            &key,
            "surveySubmission.create",
            submit(experience, json!({"comments": "ok"})),
        )
        .await;
    assert_eq!(missing.code(), "invalid_input");
    let not_object = server
        .call(
            &key,
            "surveySubmission.create",
            submit(experience, json!(["5"])),
        )
        .await;
    assert_eq!(not_object.code(), "invalid_input");

    let created = server
        .call(
            &key,
            "surveySubmission.create",
            submit(experience, json!({"rating": "5", "comments": "Lovely"})),
        )
        .await;
    insta::assert_json_snapshot!("survey_submission", created.results(), {
        ".id" => "[id]", ".candidateId" => "[id]", ".applicationId" => "[id]",
        ".surveyFormDefinitionId" => "[id]", ".submittedAt" => "[time]",
        ".formDefinition.sections[].fields[].field.id" => "[id]"
    });
    server
        .call(
            &key,
            "surveySubmission.create",
            submit(questionnaire, json!({"rating": "2"})),
        )
        .await;

    for (survey_type, rating) in [("CandidateExperience", "5"), ("Questionnaire", "2")] {
        let listed = server
            .call(
                &key,
                "surveySubmission.list",
                json!({"surveyType": survey_type}),
            )
            .await;
        let rows = listed.results().as_array().unwrap();
        assert_eq!(rows.len(), 1, "{survey_type}");
        assert_eq!(rows[0]["submittedValues"]["rating"], rating);
        assert_eq!(rows[0]["surveyType"], survey_type);
        assert!(rows[0]["formDefinition"]["sections"].is_array());
    }
    let wrong_type = server
        .call(&key, "surveySubmission.list", json!({"surveyType": "EEOC"}))
        .await;
    assert_eq!(wrong_type.code(), "invalid_input");
}

#[tokio::test]
async fn survey_lists_page_and_sync() {
    let server = TestServer::start().await;
    let key = server.key(&["candidates:read", "candidates:write"]).await;
    let ada = candidate(&server, &key).await;
    let form = survey_form(&server, "CandidateExperience", false).await;
    for _ in 0..3 {
        server
            .call(&key, "surveyRequest.create", subject(&ada, form))
            .await;
    }
    let first = server
        .call(
            &key,
            "surveyRequest.list",
            json!({"surveyType": "CandidateExperience", "limit": 2}),
        )
        .await;
    assert_eq!(first.results().as_array().unwrap().len(), 2);
    let rest = server
        .call(
            &key,
            "surveyRequest.list",
            json!({"surveyType": "CandidateExperience", "cursor": first.body["nextCursor"]}),
        )
        .await;
    assert_eq!(rest.results().as_array().unwrap().len(), 1);
    let token = rest.body["syncToken"].clone();
    // A cursor issued for one filter does not continue another.
    let other_filter = server
        .call(
            &key,
            "surveyRequest.list",
            json!({"surveyType": "CandidateExperience", "candidateId": ada,
                   "cursor": first.body["nextCursor"]}),
        )
        .await;
    assert_eq!(other_filter.code(), "invalid_next_cursor");
    let late = server
        .call(&key, "surveyRequest.create", subject(&ada, form))
        .await;
    let changed = server
        .call(
            &key,
            "surveyRequest.list",
            json!({"surveyType": "CandidateExperience", "syncToken": token}),
        )
        .await;
    assert_eq!(changed.results().as_array().unwrap().len(), 1);
    assert_eq!(changed.results()[0]["id"], late.results()["id"]);
}
