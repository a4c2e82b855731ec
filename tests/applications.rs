//! Applications: creation, stage moves and history, transfer, updates, hiring teams,
//! feedback, referrals, lists and sync, and the confidential matrix.

mod applications_support;
mod common;
mod jobs_support;

use applications_support::*;
use jobs_support::{id, redact};
use serde_json::{json, Value};
use std::collections::HashMap;
use uuid::Uuid;

const RW: &[&str] = &["candidates:read", "candidates:write"];

fn titles(history: &Value) -> Vec<&str> {
    history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn create_starts_at_the_first_lead_stage_with_history() {
    let s = setup().await;
    let app = s.application("Ada Byron").await;
    assert_eq!(app["status"], "Lead");
    assert_eq!(app["currentInterviewStage"]["title"], "New Lead");
    assert_eq!(
        app["currentInterviewStage"]["interviewPlanId"],
        json!(s.plan)
    );
    assert_eq!(app["job"]["title"], "Platform Engineer");
    assert_eq!(app["candidate"]["name"], "Ada Byron");
    assert_eq!(
        app["candidate"]["primaryEmailAddress"]["value"],
        "ada.byron@example.org"
    );
    assert_eq!(titles(&app["applicationHistory"]), ["New Lead"]);
    assert_eq!(app["source"], Value::Null);
    assert!(app.get("archivedAt").is_none());
    insta::assert_json_snapshot!("application_create", redact(&app));
}

#[tokio::test]
async fn create_checks_what_it_names() {
    let s = setup().await;
    let candidate = s.candidate("Grace Brewster").await;
    let job = s.job_id();
    let missing = Uuid::now_v7();
    for (body, code) in [
        (
            json!({"candidateId": missing, "jobId": job}),
            "candidate_not_found",
        ),
        (
            json!({"candidateId": candidate, "jobId": missing}),
            "job_not_found",
        ),
        (
            json!({"candidateId": candidate, "jobId": job, "interviewPlanId": missing}),
            "interview_plan_not_found",
        ),
        (
            json!({"candidateId": candidate, "jobId": job, "interviewStageId": missing}),
            "interview_stage_not_found",
        ),
        (
            json!({"candidateId": candidate, "jobId": job, "sourceId": missing}),
            "source_not_found",
        ),
        (
            json!({"candidateId": candidate, "jobId": job, "creditedToUserId": missing}),
            "user_not_found",
        ),
        (json!({"candidateId": candidate}), "invalid_input"),
    ] {
        let response = s.call("application.create", body.clone()).await;
        assert_eq!(response.code(), code, "{body}");
    }
    // Nothing was half-written.
    let list = s.call("application.list", json!({})).await;
    assert_eq!(list.results(), &json!([]));
}

#[tokio::test]
async fn create_takes_a_stage_the_keyword_and_an_imported_history() {
    let s = setup().await;
    let candidate = s.candidate("Mary Somerville").await;
    let screen = s
        .call(
            "application.create",
            json!({"candidateId": candidate, "jobId": s.job_id(), "interviewStageId": "FirstPreInterviewScreen"}),
        )
        .await;
    assert_eq!(
        screen.results()["currentInterviewStage"]["title"],
        "Application Review"
    );
    assert_eq!(screen.results()["status"], "Active");

    let other = s.candidate("Emmy Noether").await;
    let imported = s
        .call(
            "application.create",
            json!({"candidateId": other, "jobId": s.job_id(), "createdAt": "2024-01-02T03:04:05Z", "applicationHistory": [
                {"stageId": s.stage("Phone Screen"), "stageNumber": 1, "enteredStageAt": "2024-01-05T00:00:00Z"},
                {"stageId": s.stage("New Lead"), "stageNumber": 0, "enteredStageAt": "2024-01-02T03:04:05Z"},
            ]}),
        )
        .await;
    let app = imported.results();
    assert_eq!(app["currentInterviewStage"]["title"], "Phone Screen");
    assert_eq!(app["createdAt"], "2024-01-02T03:04:05.000Z");
    let history = app["applicationHistory"].as_array().unwrap();
    assert_eq!(
        titles(&app["applicationHistory"]),
        ["New Lead", "Phone Screen"]
    );
    assert_eq!(history[0]["leftStageAt"], "2024-01-05T00:00:00.000Z");
    assert!(history[1].get("leftStageAt").is_none());

    let archived_without_reason = s
        .call(
            "application.create",
            json!({"candidateId": other, "jobId": s.job_id(), "applicationHistory": [
                {"stageId": s.stage("Archived"), "stageNumber": 0, "enteredStageAt": "2024-01-02T03:04:05Z"},
            ]}),
        )
        .await;
    assert_eq!(archived_without_reason.code(), "invalid_input");
}

#[tokio::test]
async fn change_stage_follows_the_plan_and_the_archive_rule() {
    let s = setup().await;
    let app = s.application("Sophie Germain").await;
    let app_id = &app["id"];
    let reason = s.archive_reason().await;

    let moved = s
        .call(
            "application.changeStage",
            json!({"applicationId": app_id, "interviewStageId": s.stage("Onsite")}),
        )
        .await;
    assert_eq!(moved.results()["status"], "Active");
    assert_eq!(moved.results()["currentInterviewStage"]["title"], "Onsite");

    let refused = s
        .call(
            "application.changeStage",
            json!({"applicationId": app_id, "interviewStageId": s.stage("Offer"), "archiveReasonId": reason}),
        )
        .await;
    assert_eq!(refused.code(), "invalid_input");
    let needs_reason = s
        .call(
            "application.changeStage",
            json!({"applicationId": app_id, "interviewStageId": s.stage("Archived")}),
        )
        .await;
    assert_eq!(needs_reason.code(), "invalid_input");
    let unknown_reason = s
        .call(
            "application.changeStage",
            json!({"applicationId": app_id, "interviewStageId": s.stage("Archived"), "archiveReasonId": Uuid::now_v7()}),
        )
        .await;
    assert_eq!(unknown_reason.code(), "archive_reason_not_found");
    let unknown_stage = s
        .call(
            "application.changeStage",
            json!({"applicationId": app_id, "interviewStageId": Uuid::now_v7()}),
        )
        .await;
    assert_eq!(unknown_stage.code(), "interview_stage_not_found");
    let unknown_app = s
        .call(
            "application.changeStage",
            json!({"applicationId": Uuid::now_v7(), "interviewStageId": s.stage("Onsite")}),
        )
        .await;
    assert_eq!(unknown_app.code(), "application_not_found");

    let archived = s
        .call(
            "application.changeStage",
            json!({"applicationId": app_id, "interviewStageId": s.stage("Archived"), "archiveReasonId": reason}),
        )
        .await;
    let archived = archived.results();
    assert_eq!(archived["status"], "Archived");
    assert_eq!(archived["archiveReason"]["id"], json!(reason));
    assert_eq!(archived["archiveReason"]["customFields"], json!([]));
    assert!(archived["archivedAt"].is_string());
    assert_eq!(
        titles(&archived["applicationHistory"]),
        ["New Lead", "Onsite", "Archived"]
    );

    let hired = s
        .call(
            "application.changeStage",
            json!({"applicationId": app_id, "interviewStageId": s.stage("Hired")}),
        )
        .await;
    let hired = hired.results();
    assert_eq!(hired["status"], "Hired");
    assert_eq!(hired["archiveReason"], Value::Null);
    assert!(hired.get("archivedAt").is_none());

    let history = s
        .call(
            "application.listHistory",
            json!({"applicationId": app_id, "limit": 2}),
        )
        .await;
    assert_eq!(titles(history.results()), ["New Lead", "Onsite"]);
    assert_eq!(history.results()[0]["stageNumber"], 0);
    let rest = s
        .call(
            "application.listHistory",
            json!({"applicationId": app_id, "limit": 2, "cursor": history.body["nextCursor"]}),
        )
        .await;
    assert_eq!(titles(rest.results()), ["Archived", "Hired"]);
    assert_eq!(rest.body["moreDataAvailable"], false);
    assert_eq!(
        rest.results()[1]["allowedActions"],
        json!(["set_entered_at"])
    );
    let missing = s
        .call(
            "application.listHistory",
            json!({"applicationId": Uuid::now_v7()}),
        )
        .await;
    assert_eq!(missing.code(), "application_not_found");
}

#[tokio::test]
async fn transfer_moves_to_another_jobs_plan() {
    let s = setup().await;
    let app = s.application("Hedy Lamarr").await;
    let other = jobs_support::open_job(&s.server, &s.admin, &s.org, "Radio Engineer").await;
    let moved = s
        .call(
            "application.transfer",
            json!({"applicationId": app["id"], "jobId": other["id"], "interviewPlanId": s.plan, "interviewStageId": s.stage("Phone Screen")}),
        )
        .await;
    let moved = moved.results();
    assert_eq!(moved["job"]["title"], "Radio Engineer");
    assert_eq!(moved["currentInterviewStage"]["title"], "Phone Screen");
    assert_eq!(
        titles(&moved["applicationHistory"]),
        ["New Lead", "Phone Screen"]
    );
    let draft = jobs_support::create_job(&s.server, &s.admin, &s.org, "No plan yet").await;
    let refused = s
        .call(
            "application.transfer",
            json!({"applicationId": app["id"], "jobId": draft["id"], "interviewPlanId": Uuid::now_v7(), "interviewStageId": s.stage("Phone Screen")}),
        )
        .await;
    assert_eq!(refused.code(), "interview_plan_not_found");
    let missing_job = s
        .call(
            "application.transfer",
            json!({"applicationId": app["id"], "jobId": Uuid::now_v7(), "interviewPlanId": s.plan, "interviewStageId": s.stage("Onsite")}),
        )
        .await;
    assert_eq!(missing_job.code(), "job_not_found");
}

#[tokio::test]
async fn update_and_change_source() {
    let s = setup().await;
    let app = s.application("Lise Meitner").await;
    let sources = s.call("source.list", json!({})).await;
    let source = &sources.results()[0];
    let user = s.org.users[0];
    let updated = s
        .call(
            "application.update",
            json!({"applicationId": app["id"], "sourceId": source["id"], "creditedToUserId": user, "createdAt": "2023-05-06T07:08:09.010Z"}),
        )
        .await;
    let updated = updated.results();
    assert_eq!(updated["source"]["id"], source["id"]);
    assert!(updated["source"]["sourceType"]["title"].is_string());
    assert_eq!(updated["creditedToUser"]["id"], json!(user));
    assert_eq!(updated["createdAt"], "2023-05-06T07:08:09.010Z");
    let cleared = s
        .call(
            "application.changeSource",
            json!({"applicationId": app["id"], "sourceId": null}),
        )
        .await;
    assert_eq!(cleared.results()["source"], Value::Null);
    let set = s
        .call(
            "application.changeSource",
            json!({"applicationId": app["id"], "sourceId": source["id"]}),
        )
        .await;
    assert_eq!(set.results()["source"]["title"], source["title"]);
    for (endpoint, body, code) in [
        (
            "application.changeSource",
            json!({"applicationId": app["id"]}),
            "invalid_input",
        ),
        (
            "application.changeSource",
            json!({"applicationId": app["id"], "sourceId": Uuid::now_v7()}),
            "source_not_found",
        ),
        (
            "application.update",
            json!({"applicationId": app["id"], "creditedToUserId": Uuid::now_v7()}),
            "user_not_found",
        ),
        (
            "application.update",
            json!({"applicationId": Uuid::now_v7()}),
            "application_not_found",
        ),
    ] {
        assert_eq!(s.call(endpoint, body).await.code(), code, "{endpoint}");
    }
}

#[tokio::test]
async fn update_history_needs_the_keys_setting_and_rewrites_the_history() {
    let s = setup().await;
    let app = s.application("Chien-Shiung Wu").await;
    s.call(
        "application.changeStage",
        json!({"applicationId": app["id"], "interviewStageId": s.stage("Onsite")}),
    )
    .await
    .results();
    let history = s
        .call(
            "application.listHistory",
            json!({"applicationId": app["id"]}),
        )
        .await;
    let first = history.results()[0]["id"].clone();
    let body = json!({"applicationId": app["id"], "applicationHistory": [
        {"applicationHistoryId": first, "stageId": s.stage("New Lead"), "stageNumber": 0, "enteredStageAt": "2024-03-01T00:00:00Z"},
        {"stageId": s.stage("Phone Screen"), "stageNumber": 1, "enteredStageAt": "2024-03-02T00:00:00Z"},
        {"stageId": s.stage("Offer"), "stageNumber": 2, "enteredStageAt": "2024-03-03T00:00:00Z"},
    ]});
    let without = s.key(RW, true, false).await;
    let refused = s
        .server
        .call(&without, "application.updateHistory", body.clone())
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.code(), "missing_endpoint_permission");
    let with = s.key(RW, true, true).await;
    let updated = s
        .server
        .call(&with, "application.updateHistory", body)
        .await;
    let updated = updated.results();
    assert_eq!(updated["currentInterviewStage"]["title"], "Offer");
    assert_eq!(
        titles(&updated["applicationHistory"]),
        ["New Lead", "Phone Screen", "Offer"]
    );
    assert_eq!(updated["applicationHistory"][0]["id"], first);
    assert_eq!(
        updated["applicationHistory"][0]["enteredStageAt"],
        "2024-03-01T00:00:00.000Z"
    );
    let unknown = s
        .server
        .call(
            &with,
            "application.updateHistory",
            json!({"applicationId": app["id"], "applicationHistory": [
                {"applicationHistoryId": Uuid::now_v7(), "stageId": s.stage("New Lead"), "stageNumber": 0, "enteredStageAt": "2024-03-01T00:00:00Z"},
            ]}),
        )
        .await;
    assert_eq!(unknown.code(), "application_history_not_found");
}

#[tokio::test]
async fn hiring_team_members_and_roles() {
    let s = setup().await;
    let app = s.application("Rosalind Franklin").await;
    let roles = s.call("applicationHiringTeamRole.list", json!({})).await;
    let roles = roles.results().as_array().unwrap().clone();
    assert!(roles.iter().any(|r| r["title"] == "Recruiter"));
    let role = &roles[0]["id"];
    let user = s.org.users[1];
    let added = s
        .call(
            "application.addHiringTeamMember",
            json!({"applicationId": app["id"], "teamMemberId": user, "roleId": role}),
        )
        .await;
    assert_eq!(added.results()["userId"], json!(user));
    assert_eq!(added.results()["firstName"], "Alan");
    let info = s
        .call("application.info", json!({"applicationId": app["id"]}))
        .await;
    assert_eq!(info.results()["hiringTeam"][0]["role"], roles[0]["title"]);
    let removed = s
        .call(
            "application.removeHiringTeamMember",
            json!({"applicationId": app["id"], "teamMemberId": user, "roleId": role}),
        )
        .await;
    assert!(removed.ok());
    let again = s
        .call(
            "application.removeHiringTeamMember",
            json!({"applicationId": app["id"], "teamMemberId": user, "roleId": role}),
        )
        .await;
    assert_eq!(again.code(), "hiring_team_member_not_found");
    let missing = s
        .call(
            "application.addHiringTeamMember",
            json!({"applicationId": Uuid::now_v7(), "teamMemberId": user, "roleId": role}),
        )
        .await;
    assert_eq!(missing.code(), "application_not_found");
}

#[tokio::test]
async fn criteria_evaluations_list_is_real_and_may_be_empty() {
    let s = setup().await;
    let app = s.application("Barbara McClintock").await;
    let list = s
        .call(
            "application.listCriteriaEvaluations",
            json!({"applicationId": app["id"]}),
        )
        .await;
    assert_eq!(list.results(), &json!([]));
    assert_eq!(list.body["moreDataAvailable"], false);
    let missing = s
        .call(
            "application.listCriteriaEvaluations",
            json!({"applicationId": Uuid::now_v7()}),
        )
        .await;
    assert_eq!(missing.code(), "application_not_found");
}

#[tokio::test]
async fn feedback_is_checked_against_its_form_and_listed() {
    let s = setup().await;
    let app = s.application("Dorothy Hodgkin").await;
    let form_id = feedback_form(&s.server).await;
    let form = s
        .call(
            "feedbackFormDefinition.info",
            json!({"feedbackFormDefinitionId": form_id}),
        )
        .await;
    let form = form.results().clone();
    let fields: Vec<Value> = form["formDefinition"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["fields"].as_array().unwrap().clone())
        .collect();
    let answer = |f: &Value| {
        let field = &f["field"];
        let value = match field["type"].as_str().unwrap() {
            "Score" => json!({"score": 3}),
            "Boolean" => json!(true),
            "Number" => json!(4),
            "ValueSelect" => field["selectableValues"][0]["value"].clone(),
            "MultiValueSelect" => json!([field["selectableValues"][0]["value"]]),
            "Email" => json!("someone@example.com"),
            _ => json!("Strong on fundamentals."),
        };
        json!({"path": field["path"], "value": value})
    };
    let submissions: Vec<Value> = fields.iter().map(answer).collect();
    let submitted = s
        .call(
            "applicationFeedback.submit",
            json!({"applicationId": app["id"], "formDefinitionId": form["id"], "userId": s.org.users[2], "feedbackForm": {"fieldSubmissions": submissions}}),
        )
        .await;
    let instance = &submitted.results()["submittedFormInstance"];
    assert!(instance["id"].is_string(), "{:?}", submitted.body);
    assert_eq!(instance["formDefinition"], form["formDefinition"]);

    let required = fields
        .iter()
        .find(|f| f["isRequired"] == true)
        .expect("a required field");
    let missing = s
        .call(
            "applicationFeedback.submit",
            json!({"applicationId": app["id"], "formDefinitionId": form["id"], "feedbackForm": {"fieldSubmissions": [{"path": "nope", "value": "x"}]}}),
        )
        .await;
    assert_eq!(missing.code(), "invalid_input");
    let message = missing.body["errorInfo"]["message"].as_str().unwrap();
    assert!(message.contains("`nope`"), "{message}");
    assert!(
        message.contains(required["field"]["path"].as_str().unwrap()),
        "{message}"
    );
    let wrong_form = s
        .call(
            "applicationFeedback.submit",
            json!({"applicationId": app["id"], "formDefinitionId": Uuid::now_v7(), "feedbackForm": {"fieldSubmissions": []}}),
        )
        .await;
    assert_eq!(wrong_form.code(), "feedback_form_definition_not_found");

    let list = s
        .call(
            "applicationFeedback.list",
            json!({"applicationId": app["id"]}),
        )
        .await;
    let items = list.results().as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["applicationId"], app["id"]);
    assert_eq!(items[0]["submittedByUser"]["id"], json!(s.org.users[2]));
    assert_eq!(items[0]["feedbackFormDefinitionId"], form["id"]);
    assert!(list.body["syncToken"].is_string());
}

#[tokio::test]
async fn a_referral_finds_or_creates_the_candidate_and_creates_the_application() {
    let s = setup().await;
    let form = s.call("referralForm.info", json!({})).await;
    let form_id = form.results()["id"].clone();
    let existing = s.candidate("Katherine Johnson").await;
    let body = |email: &str| {
        json!({"id": form_id, "creditedToUserId": s.org.users[0], "fieldSubmissions": [
            {"path": "_systemfield_name", "value": "Katherine Johnson"},
            {"path": "_systemfield_email", "value": email},
            {"path": "_systemfield_job", "value": s.job_id()},
        ]})
    };
    let referred = s
        .call("referral.create", body("KATHERINE.JOHNSON@example.org"))
        .await;
    let app = referred.results();
    assert_eq!(app["candidate"]["id"], json!(existing));
    assert_eq!(app["creditedToUser"]["id"], json!(s.org.users[0]));
    assert_eq!(app["source"]["title"], "Employee Referral");
    assert_eq!(app["referrals"][0]["user"]["id"], json!(s.org.users[0]));
    let fresh = s.call("referral.create", body("dorothy@example.org")).await;
    assert_ne!(fresh.results()["candidate"]["id"], json!(existing));
    let bad = s.call("referral.create", body("not-an-email")).await;
    assert_eq!(bad.code(), "invalid_input");
    let no_job = s
        .call(
            "referral.create",
            json!({"id": form_id, "creditedToUserId": s.org.users[0], "fieldSubmissions": []}),
        )
        .await;
    assert_eq!(no_job.code(), "invalid_input");
}

#[tokio::test]
async fn list_pages_filters_and_syncs() {
    let s = setup().await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(s.application(&format!("Person {i}")).await["id"].clone());
    }
    let other = jobs_support::open_job(&s.server, &s.admin, &s.org, "Sales Lead").await;
    let elsewhere = s.application_for("Person X", id(&other["id"])).await;

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let token = loop {
        let page = s
            .call(
                "application.list",
                json!({"limit": 2, "cursor": cursor, "expand": ["openings"]}),
            )
            .await;
        for a in page.results().as_array().unwrap() {
            assert!(a["openings"].is_array());
            assert!(a.get("applicationHistory").is_none());
            seen.push(a["id"].clone());
        }
        match page.body["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.into()),
            None => break page.body["syncToken"].as_str().unwrap().to_string(),
        }
    };
    assert_eq!(seen.len(), 6);

    let by_job = s
        .call("application.list", json!({"jobId": other["id"]}))
        .await;
    assert_eq!(by_job.results().as_array().unwrap().len(), 1);
    assert_eq!(by_job.results()[0]["id"], elsewhere["id"]);
    let leads = s.call("application.list", json!({"status": "Lead"})).await;
    assert_eq!(leads.results().as_array().unwrap().len(), 6);
    let hired = s.call("application.list", json!({"status": "Hired"})).await;
    assert_eq!(hired.results(), &json!([]));
    let bad = s.call("application.list", json!({"status": "Nope"})).await;
    assert_eq!(bad.code(), "invalid_input");
    let bad_expand = s
        .call("application.list", json!({"expand": ["referrals"]}))
        .await;
    assert_eq!(bad_expand.code(), "invalid_input");
    let future = chrono::Utc::now().timestamp_millis() as f64 + 60_000.0;
    let none = s
        .call("application.list", json!({"createdAfter": future}))
        .await;
    assert_eq!(none.results(), &json!([]));
    let all = s.call("application.list", json!({"createdAfter": 0})).await;
    assert_eq!(all.results().as_array().unwrap().len(), 6);

    s.call(
        "application.changeStage",
        json!({"applicationId": ids[2], "interviewStageId": s.stage("Onsite")}),
    )
    .await
    .results();
    let changes = s
        .call("application.list", json!({"syncToken": token}))
        .await;
    let changed: Vec<&Value> = changes
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["id"])
        .collect();
    assert_eq!(changed, [&ids[2]]);
    let forged = s
        .call("application.list", json!({"cursor": "forged"}))
        .await;
    assert_eq!(forged.code(), "invalid_next_cursor");
}

#[tokio::test]
async fn info_by_form_instance_and_expansions() {
    let s = setup().await;
    let app = s.application("Marie Curie").await;
    let info = s
        .call(
            "application.info",
            json!({"applicationId": app["id"], "expand": ["openings", "applicationFormSubmissions", "referrals"]}),
        )
        .await;
    let info = info.results();
    assert_eq!(info["openings"], json!([]));
    assert_eq!(info["applicationFormSubmissions"], json!([]));
    assert_eq!(info["referrals"], json!([]));
    assert_eq!(titles(&info["applicationHistory"]), ["New Lead"]);
    for (body, code) in [
        (json!({}), "invalid_input"),
        (
            json!({"applicationId": Uuid::now_v7()}),
            "application_not_found",
        ),
        (
            json!({"submittedFormInstanceId": Uuid::now_v7()}),
            "application_not_found",
        ),
        (
            json!({"submittedFormInstanceId": Uuid::now_v7(), "expand": ["referrals"]}),
            "application_not_found",
        ),
    ] {
        assert_eq!(
            s.call("application.info", body.clone()).await.code(),
            code,
            "{body}"
        );
    }
}

#[tokio::test]
async fn candidates_list_their_applications() {
    let s = setup().await;
    let app = s.application("Ada King").await;
    let candidate = &app["candidate"]["id"];
    let other = jobs_support::open_job(&s.server, &s.admin, &s.org, "Analyst").await;
    let second = s
        .call(
            "application.create",
            json!({"candidateId": candidate, "jobId": other["id"]}),
        )
        .await;
    let info = s.call("candidate.info", json!({"id": candidate})).await;
    assert_eq!(
        info.results()["applicationIds"],
        json!([app["id"], second.results()["id"]])
    );
}

/// Keys without the confidential flag see no application on a confidential job, and
/// no candidate reachable only through one, wherever they look.
#[tokio::test]
async fn confidential_matrix() {
    let s = setup().await;
    let secret_job = jobs_support::confidential_job(&s.server, &s.admin, &s.org, "Secret").await;
    let plan = s.plan;
    s.call(
        "job.update",
        json!({"jobId": secret_job["id"], "defaultInterviewPlanId": plan}),
    )
    .await
    .results();
    let hidden = s
        .application_for("Hidden Person", id(&secret_job["id"]))
        .await;
    let hidden_candidate = hidden["candidate"]["id"].clone();
    let open = s.application("Open Person").await;
    let both = s.application("Both Person").await;
    let both_candidate = both["candidate"]["id"].clone();
    let both_secret = s
        .call(
            "application.create",
            json!({"candidateId": both_candidate, "jobId": secret_job["id"]}),
        )
        .await;
    let both_secret = both_secret.results()["id"].clone();

    let plain = s.key(RW, false, false).await;
    let flagged = s.key(RW, true, false).await;
    let ids = |v: &Value| -> Vec<Value> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].clone())
            .collect()
    };
    // application.list and application.info.
    let apps = s.server.call(&plain, "application.list", json!({})).await;
    let apps = ids(apps.results());
    assert!(apps.contains(&open["id"]) && apps.contains(&both["id"]));
    assert!(!apps.contains(&hidden["id"]) && !apps.contains(&both_secret));
    let apps = s.server.call(&flagged, "application.list", json!({})).await;
    assert_eq!(ids(apps.results()).len(), 4);
    for app in [&hidden["id"], &both_secret] {
        let info = s
            .server
            .call(&plain, "application.info", json!({"applicationId": app}))
            .await;
        assert_eq!(info.code(), "application_not_found");
        let history = s
            .server
            .call(
                &plain,
                "application.listHistory",
                json!({"applicationId": app}),
            )
            .await;
        assert_eq!(history.code(), "application_not_found");
        let change = s
            .server
            .call(
                &plain,
                "application.changeStage",
                json!({"applicationId": app, "interviewStageId": s.stage("Onsite")}),
            )
            .await;
        assert_eq!(change.code(), "application_not_found");
    }
    // candidate.list, info, search: the candidate only on the secret job is gone; the
    // one on both stays, with only the application the key may see.
    let candidates = s.server.call(&plain, "candidate.list", json!({})).await;
    let candidates = ids(candidates.results());
    assert!(!candidates.contains(&hidden_candidate));
    assert!(candidates.contains(&both_candidate));
    let info = s
        .server
        .call(&plain, "candidate.info", json!({"id": hidden_candidate}))
        .await;
    assert_eq!(info.code(), "candidate_not_found");
    let search = s
        .server
        .call(&plain, "candidate.search", json!({"name": "Hidden Person"}))
        .await;
    assert_eq!(search.results(), &json!([]));
    let both_info = s
        .server
        .call(&plain, "candidate.info", json!({"id": both_candidate}))
        .await;
    assert_eq!(both_info.results()["applicationIds"], json!([both["id"]]));
    let both_info = s
        .server
        .call(&flagged, "candidate.info", json!({"id": both_candidate}))
        .await;
    assert_eq!(
        both_info.results()["applicationIds"],
        json!([both["id"], both_secret])
    );
    let found = s
        .server
        .call(&flagged, "candidate.info", json!({"id": hidden_candidate}))
        .await;
    assert!(found.ok());
    // Nor may a plain key create an application on the secret job.
    let create = s
        .server
        .call(
            &plain,
            "application.create",
            json!({"candidateId": both_candidate, "jobId": secret_job["id"]}),
        )
        .await;
    assert_eq!(create.code(), "job_not_found");
}

/// Writers creating and moving applications while a reader syncs with a kept token:
/// the reader ends with every application as the server has it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn syncs_beside_concurrent_writers_miss_nothing() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let s = Arc::new(setup().await);
    let stage_ids: Vec<Uuid> = ["Application Review", "Phone Screen", "Onsite", "Offer"]
        .iter()
        .map(|t| s.stage(t))
        .collect();
    let done = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..3 {
        let (s, stage_ids) = (s.clone(), stage_ids.clone());
        writers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            for i in 0..12 {
                if i % 3 == 0 || mine.is_empty() {
                    mine.push(s.application(&format!("W{w} P{i}")).await["id"].clone());
                } else {
                    let app = &mine[i % mine.len()];
                    s.call(
                        "application.changeStage",
                        json!({"applicationId": app, "interviewStageId": stage_ids[(w + i) % stage_ids.len()]}),
                    )
                    .await
                    .results();
                }
            }
        }));
    }
    let syncer = {
        let (s, done) = (s.clone(), done.clone());
        tokio::spawn(async move {
            let mut mirror: HashMap<String, String> = HashMap::new();
            let mut token: Option<String> = None;
            let mut runs = 0;
            loop {
                let last_run = done.load(Ordering::SeqCst);
                let mut cursor: Option<String> = None;
                loop {
                    let page = s
                        .call(
                            "application.list",
                            json!({"limit": 3, "cursor": cursor, "syncToken": token}),
                        )
                        .await;
                    for a in page.results().as_array().unwrap() {
                        mirror.insert(
                            a["id"].as_str().unwrap().into(),
                            a["currentInterviewStage"]["id"].as_str().unwrap().into(),
                        );
                    }
                    match page.body["nextCursor"].as_str() {
                        Some(next) => cursor = Some(next.into()),
                        None => {
                            token = Some(page.body["syncToken"].as_str().unwrap().into());
                            break;
                        }
                    }
                }
                runs += 1;
                if last_run {
                    return (mirror, runs);
                }
            }
        })
    };
    for writer in writers {
        writer.await.unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let (mirror, runs) = syncer.await.unwrap();
    assert!(runs > 1, "the reader synced while the writers wrote");
    let mut truth: HashMap<String, String> = HashMap::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = s.call("application.list", json!({"cursor": cursor})).await;
        for a in page.results().as_array().unwrap() {
            truth.insert(
                a["id"].as_str().unwrap().into(),
                a["currentInterviewStage"]["id"].as_str().unwrap().into(),
            );
        }
        match page.body["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.into()),
            None => break,
        }
    }
    assert_eq!(truth.len(), 12);
    assert_eq!(mirror, truth);
}
