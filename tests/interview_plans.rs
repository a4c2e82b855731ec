//! The interview pipeline: plans, their ordered and typed stages, stage groups,
//! and a job's plan.

mod common;
mod jobs_support;

use ashlar::store::interview_plans;
use common::TestServer;
use jobs_support::*;
use serde_json::json;
use uuid::Uuid;

async fn plan(server: &TestServer, title: &str, stages: &[(&str, &str)]) -> Uuid {
    let write = server.store.write().await.unwrap();
    let id = interview_plans::create(&write, title, stages)
        .await
        .unwrap();
    write.commit().await.unwrap();
    id
}

#[tokio::test]
async fn plans_are_listed_without_archived_ones_unless_asked() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let sales = plan(
        &server,
        "Sales plan",
        &[("Screen", "PreInterviewScreen"), ("Hired", "Hired")],
    )
    .await;
    let old = plan(&server, "Old plan", &[("Lead", "Lead")]).await;
    let write = server.store.write().await.unwrap();
    interview_plans::set_archived(&write, old, true)
        .await
        .unwrap();
    write.commit().await.unwrap();

    let list = server.call(&key, "interviewPlan.list", json!({})).await;
    assert!(list.body["syncToken"].is_string());
    let titles: Vec<&str> = list
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Default Interview Plan", "Sales plan"]);
    insta::assert_json_snapshot!("interview_plan_list_item", redact(&list.results()[1]));
    let all = server
        .call(
            &key,
            "interviewPlan.list",
            json!({"includeArchived": "true"}),
        )
        .await;
    let all = all.results().as_array().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[2]["isArchived"], true);

    let token = list.body["syncToken"].as_str().unwrap().to_string();
    let write = server.store.write().await.unwrap();
    interview_plans::set_archived(&write, sales, true)
        .await
        .unwrap();
    write.commit().await.unwrap();
    let changed = server
        .call(
            &key,
            "interviewPlan.list",
            json!({"syncToken": token, "includeArchived": true}),
        )
        .await;
    assert_eq!(changed.results().as_array().unwrap().len(), 1);
    assert_eq!(
        server
            .call(&key, "interviewPlan.list", json!({"cursor": "nope"}))
            .await
            .code(),
        "invalid_next_cursor"
    );
}

#[tokio::test]
async fn stages_come_in_plan_order_with_their_types() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let default = default_plan(&server, &key).await;
    let stages = server
        .call(
            &key,
            "interviewStage.list",
            json!({"interviewPlanId": default}),
        )
        .await;
    assert_eq!(stages.body["moreDataAvailable"], false);
    assert!(stages.body.get("nextCursor").is_none());
    let stages = stages.results().as_array().unwrap().clone();
    let types: Vec<&str> = stages.iter().map(|s| s["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "Lead",
            "PreInterviewScreen",
            "Active",
            "Active",
            "Active",
            "Offer",
            "Hired",
            "Archived"
        ]
    );
    let orders: Vec<i64> = stages
        .iter()
        .map(|s| s["orderInInterviewPlan"].as_i64().unwrap())
        .collect();
    assert!(orders.windows(2).all(|w| w[0] < w[1]));
    insta::assert_json_snapshot!("interview_stage_list_first", redact(&stages[0]));

    for id_key in ["interviewStageId", "id"] {
        let info = server
            .call(
                &key,
                "interviewStage.info",
                json!({id_key: stages[2]["id"]}),
            )
            .await;
        assert_eq!(info.results(), &stages[2]);
    }
    let missing = Uuid::now_v7();
    assert_eq!(
        server
            .call(
                &key,
                "interviewStage.info",
                json!({"interviewStageId": missing})
            )
            .await
            .code(),
        "interview_stage_not_found"
    );
    assert_eq!(
        server
            .call(
                &key,
                "interviewStage.list",
                json!({"interviewPlanId": missing})
            )
            .await
            .code(),
        "interview_plan_not_found"
    );
    assert_eq!(
        server
            .call(
                &key,
                "interviewStage.list",
                json!({"interviewPlanId": "not-a-uuid"})
            )
            .await
            .code(),
        "invalid_input"
    );
}

#[tokio::test]
async fn stage_groups_are_ordered_by_type() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let groups = server
        .call(&key, "interviewStageGroup.list", json!({}))
        .await;
    let groups = groups.results().as_array().unwrap().clone();
    let types: Vec<&str> = groups
        .iter()
        .map(|g| g["stageType"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "Lead",
            "PreInterviewScreen",
            "Active",
            "Offer",
            "Hired",
            "Archived"
        ]
    );
    assert_eq!(
        redact(&groups[1]),
        json!({"id": "[id]", "title": "Application Review", "order": 1, "stageType": "PreInterviewScreen"})
    );
    // Stages point at their group.
    let default = default_plan(&server, &key).await;
    let stages = server
        .call(
            &key,
            "interviewStage.list",
            json!({"interviewPlanId": default}),
        )
        .await;
    assert_eq!(
        stages.results()[1]["interviewStageGroupId"],
        groups[1]["id"]
    );
}

#[tokio::test]
async fn a_jobs_interview_plan_lists_its_stages() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let job = create_job(&server, &key, &org, "Engineer").await;
    let none = server
        .call(&key, "jobInterviewPlan.info", json!({"jobId": job["id"]}))
        .await;
    assert_eq!(none.code(), "interview_plan_not_found");
    let custom = plan(
        &server,
        "Engineering plan",
        &[
            ("Applied", "Lead"),
            ("Onsite", "Active"),
            ("Hired", "Hired"),
        ],
    )
    .await;
    server
        .call(
            &key,
            "job.update",
            json!({"jobId": job["id"], "defaultInterviewPlanId": custom}),
        )
        .await
        .results();
    let info = server
        .call(&key, "jobInterviewPlan.info", json!({"jobId": job["id"]}))
        .await;
    let info = info.results();
    assert_eq!(info["interviewPlanId"], json!(custom));
    assert_eq!(info["stages"].as_array().unwrap().len(), 3);
    assert_eq!(info["stages"][1]["title"], "Onsite");
    insta::assert_json_snapshot!("job_interview_plan_info", redact(info));
    let missing = server
        .call(
            &key,
            "jobInterviewPlan.info",
            json!({"jobId": Uuid::now_v7()}),
        )
        .await;
    assert_eq!(missing.code(), "job_not_found");
}
