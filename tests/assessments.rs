//! assessment.addCompletedToCandidate and assessment.update: partner reports,
//! checked field types, late reports ignored, hidden candidates not found.

mod common;

use common::TestServer;
use serde_json::{json, Value};
use uuid::Uuid;

async fn setup() -> (TestServer, String, String) {
    let server = TestServer::start().await;
    let key = server.key(&["candidates:read", "candidates:write"]).await;
    let created = server
        .call(&key, "candidate.create", json!({"name": "Ada"}))
        .await;
    let id = created.results()["id"].as_str().unwrap().to_string();
    (server, key, id)
}

fn field(identifier: &str, kind: &str, value: Value) -> Value {
    json!({"identifier": identifier, "label": identifier.to_uppercase(), "type": kind, "value": value})
}

fn completed(candidate: &str, assessment_id: Uuid, score: Value, timestamp: i64) -> Value {
    json!({
        "candidateId": candidate,
        "partnerId": "0190b0b6-8f6e-7c39-a5d2-3d1e4f5a6b7c",
        "timestamp": timestamp,
        "assessment": {
            "assessmentTypeId": "0190b0b6-8f6e-7c39-a5d2-3d1e4f5a6b7d",
            "assessmentId": assessment_id,
            "assessmentName": "Coding exercise",
            "result": field("score", "numeric_score", score),
            "metadata": [
                field("duration", "numeric_duration_minutes", json!(42)),
                field("report", "url", json!("https://partner.example/r/1")),
            ]
        }
    })
}

#[tokio::test]
async fn a_completed_assessment_is_recorded_and_replaced_by_a_new_report() {
    let (server, key, ada) = setup().await;
    let id = Uuid::now_v7();
    let added = server
        .call(
            &key,
            "assessment.addCompletedToCandidate",
            completed(&ada, id, json!(87), 1_700_000_000_000),
        )
        .await;
    insta::assert_json_snapshot!("completed", added.results(), {
        ".assessmentId" => "[id]", ".candidateId" => "[id]"
    });
    let again = server
        .call(
            &key,
            "assessment.addCompletedToCandidate",
            completed(&ada, id, json!(91), 1_700_000_100_000),
        )
        .await;
    assert_eq!(again.results()["result"]["value"], 91);
}

#[tokio::test]
async fn reports_are_checked() {
    let (server, key, ada) = setup().await;
    let bad_score = completed(&ada, Uuid::now_v7(), json!("high"), 1);
    let refused = server
        .call(&key, "assessment.addCompletedToCandidate", bad_score)
        .await;
    assert_eq!(refused.code(), "invalid_input");
    let mut bad_type = completed(&ada, Uuid::now_v7(), json!(1), 1);
    bad_type["assessment"]["metadata"][0]["type"] = json!("percentage");
    let refused = server
        .call(&key, "assessment.addCompletedToCandidate", bad_type)
        .await;
    assert_eq!(refused.code(), "invalid_input");
    let nobody = completed(&Uuid::now_v7().to_string(), Uuid::now_v7(), json!(1), 1);
    let refused = server
        .call(&key, "assessment.addCompletedToCandidate", nobody)
        .await;
    assert_eq!(refused.code(), "candidate_not_found");
    let other = server
        .call(&key, "candidate.create", json!({"name": "Grace"}))
        .await;
    let other = other.results()["id"].as_str().unwrap().to_string();
    let id = Uuid::now_v7();
    server
        .call(
            &key,
            "assessment.addCompletedToCandidate",
            completed(&ada, id, json!(1), 1),
        )
        .await;
    let moved = server
        .call(
            &key,
            "assessment.addCompletedToCandidate",
            completed(&other, id, json!(1), 2),
        )
        .await;
    assert_eq!(moved.code(), "invalid_input");
}

#[tokio::test]
async fn updates_apply_in_order_and_need_a_status_or_a_cancel_reason() {
    let (server, key, ada) = setup().await;
    let id = Uuid::now_v7();
    server
        .call(
            &key,
            "assessment.addCompletedToCandidate",
            completed(&ada, id, json!(50), 1_000),
        )
        .await;
    let updated = server
        .call(
            &key,
            "assessment.update",
            json!({
                "assessment_id": id, "timestamp": 2_000,
                "assessment_status": field("status", "string", json!("Completed")),
                "assessment_result": field("score", "numeric_score", json!(75)),
            }),
        )
        .await;
    assert_eq!(updated.results()["result"]["value"], 75);
    // An older report arriving late changes nothing.
    let late = server
        .call(
            &key,
            "assessment.update",
            json!({
                "assessment_id": id, "timestamp": 1_500,
                "assessment_status": field("status", "string", json!("Started")),
                "assessment_result": field("score", "numeric_score", json!(10)),
            }),
        )
        .await;
    assert_eq!(late.results()["result"]["value"], 75);

    let neither = server
        .call(
            &key,
            "assessment.update",
            json!({"assessment_id": id, "timestamp": 3_000}),
        )
        .await;
    assert_eq!(neither.code(), "invalid_input");
    let cancelled = server
        .call(
            &key,
            "assessment.update",
            json!({"assessment_id": id, "timestamp": 3_000,
                   "cancelled_reason": field("reason", "string", json!("Withdrew"))}),
        )
        .await;
    assert!(cancelled.ok());
    let unknown = server
        .call(
            &key,
            "assessment.update",
            json!({"assessment_id": Uuid::now_v7(), "timestamp": 3_000,
                   "assessment_status": field("status", "string", json!("Started"))}),
        )
        .await;
    assert_eq!(unknown.code(), "assessment_not_found");
}
