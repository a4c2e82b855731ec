//! applicationForm.submit: what a careers site sends when someone applies through a
//! posting, as JSON and as multipart with a résumé.

mod applications_support;
mod common;
mod jobs_support;

use applications_support::*;
use jobs_support::redact;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use uuid::Uuid;

fn form(name: &str, email: &str) -> Value {
    json!({"fieldSubmissions": [
        {"path": "_systemfield_name", "value": name},
        {"path": "_systemfield_email", "value": email},
    ]})
}

fn posting(s: &Setup) -> Value {
    s.job["jobPostingIds"][0].clone()
}

#[tokio::test]
async fn a_submission_creates_the_candidate_and_the_application() {
    let s = setup().await;
    let submitted = s
        .call(
            "applicationForm.submit",
            json!({"jobPostingId": posting(&s), "applicationForm": form("Alice Ball", "alice@example.org")}),
        )
        .await;
    let results = submitted.results().clone();
    assert_eq!(results["formMessages"]["blocked"], false);
    assert_eq!(
        results["submittedFormInstance"]["submittedValues"]["_systemfield_email"],
        "alice@example.org"
    );
    insta::assert_json_snapshot!("application_form_submit", redact(&results));

    let instance = &results["submittedFormInstance"]["id"];
    let app = s
        .call(
            "application.info",
            json!({"submittedFormInstanceId": instance, "expand": ["applicationFormSubmissions"]}),
        )
        .await;
    let app = app.results();
    assert_eq!(app["candidate"]["name"], "Alice Ball");
    assert_eq!(app["appliedViaJobPostingId"], posting(&s));
    assert_eq!(app["source"]["title"], "Applied");
    assert_eq!(app["job"]["id"], s.job["id"]);
    assert_eq!(app["applicationFormSubmissions"][0]["id"], *instance);

    // The same email (any case) finds the same candidate.
    let again = s
        .call(
            "applicationForm.submit",
            json!({"jobPostingId": posting(&s), "applicationForm": form("Alice B.", "ALICE@example.org")}),
        )
        .await;
    let second = s
        .call(
            "application.info",
            json!({"submittedFormInstanceId": again.results()["submittedFormInstance"]["id"]}),
        )
        .await;
    assert_eq!(second.results()["candidate"]["id"], app["candidate"]["id"]);
}

#[tokio::test]
async fn field_errors_name_each_field_and_write_nothing() {
    let s = setup().await;
    let bad = s
        .call(
            "applicationForm.submit",
            json!({"jobPostingId": posting(&s), "applicationForm": {"fieldSubmissions": [
                {"path": "_systemfield_email", "value": "not an email"},
                {"path": "favourite_colour", "value": "blue"},
            ]}}),
        )
        .await;
    assert_eq!(bad.code(), "invalid_input");
    let message = bad.body["errorInfo"]["message"].as_str().unwrap();
    for part in [
        "_systemfield_name",
        "_systemfield_email",
        "favourite_colour",
    ] {
        assert!(message.contains(part), "{message}");
    }
    let list = s.call("application.list", json!({})).await;
    assert_eq!(list.results(), &json!([]));
    let candidates = s.call("candidate.list", json!({})).await;
    assert_eq!(candidates.results(), &json!([]));

    let unknown = s
        .call(
            "applicationForm.submit",
            json!({"jobPostingId": Uuid::now_v7(), "applicationForm": form("A", "a@example.org")}),
        )
        .await;
    assert_eq!(unknown.code(), "job_posting_not_found");
    let shapeless = s
        .call(
            "applicationForm.submit",
            json!({"jobPostingId": posting(&s), "applicationForm": "{not json"}),
        )
        .await;
    assert_eq!(shapeless.code(), "invalid_input");
}

#[tokio::test]
async fn a_multipart_submission_carries_the_resume() {
    let s = setup().await;
    let answers = json!({"fieldSubmissions": [
        {"path": "_systemfield_name", "value": "Chien Wu"},
        {"path": "_systemfield_email", "value": "wu@example.org"},
        {"path": "_systemfield_resume", "value": "resume_1"},
    ]});
    let multipart = Form::new()
        .text("jobPostingId", posting(&s).as_str().unwrap().to_string())
        .text("applicationForm", answers.to_string())
        .part(
            "resume_1",
            Part::bytes(b"Chien Wu\nwu@example.org".to_vec())
                .file_name("cv.txt")
                .mime_str("text/plain")
                .unwrap(),
        );
    let response = common::send(
        s.server
            .request(reqwest::Method::POST, "applicationForm.submit")
            .basic_auth(&s.admin, Some(""))
            .multipart(multipart),
    )
    .await;
    let instance = response.results()["submittedFormInstance"]["id"].clone();
    let app = s
        .call(
            "application.info",
            json!({"submittedFormInstanceId": instance}),
        )
        .await;
    let candidate = s
        .call(
            "candidate.info",
            json!({"id": app.results()["candidate"]["id"]}),
        )
        .await;
    assert_eq!(candidate.results()["resumeFileHandle"]["name"], "cv.txt");
    assert_eq!(
        candidate.results()["applicationIds"],
        json!([app.results()["id"]])
    );
}
