//! Jobs: the job endpoints, postings, templates, boards, hiring teams, close
//! reasons and projects, the confidential matrix, and incremental syncs under writes.

mod common;
mod jobs_support;

use common::TestServer;
use jobs_support::*;
use serde_json::{json, Value};

#[tokio::test]
async fn a_job_is_created_as_a_draft_and_reads_back() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let job = create_job(&server, &key, &org, "  Staff Engineer ").await;
    assert_eq!(job["title"], "Staff Engineer");
    assert_eq!(job["status"], "Draft");
    assert_eq!(job["confidential"], false);
    assert_eq!(job["employmentType"], "FullTime");
    assert_eq!(job["departmentId"], json!(org.departments[1]));
    assert_eq!(job["locationId"], json!(org.locations[0]));
    assert_eq!(job["customRequisitionId"], Value::Null);
    assert_eq!(job["openedAt"], Value::Null);
    // The primary board's posting exists but stays unpublished until the job opens.
    assert_eq!(job["jobPostingIds"].as_array().unwrap().len(), 1);
    insta::assert_json_snapshot!("job_create", redact(&job));

    for id_key in ["id", "jobId"] {
        let info = server
            .call(&key, "job.info", json!({id_key: job["id"]}))
            .await;
        assert_eq!(info.results()["title"], "Staff Engineer", "{id_key}");
    }
    let expanded = server
        .call(
            &key,
            "job.info",
            json!({"id": job["id"], "expand": ["location", "openings", "compensation"]}),
        )
        .await;
    let expanded = expanded.results();
    assert_eq!(expanded["location"]["name"], "San Francisco");
    assert_eq!(expanded["openings"], json!([]));
    assert_eq!(expanded["compensation"], json!({"compensationTiers": []}));
    insta::assert_json_snapshot!("job_info_expanded", redact(expanded));
}

#[tokio::test]
async fn job_create_names_what_does_not_exist() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let missing = uuid::Uuid::now_v7();
    let base = json!({"title": "X", "teamId": org.departments[0], "locationId": org.locations[0]});
    let cases = [
        ("teamId", "department_not_found"),
        ("locationId", "location_not_found"),
        ("defaultInterviewPlanId", "interview_plan_not_found"),
        ("jobTemplateId", "job_template_not_found"),
    ];
    for (field, code) in cases {
        let mut body = base.clone();
        body[field] = json!(missing);
        let response = server.call(&key, "job.create", body).await;
        assert_eq!(response.code(), code, "{field}");
    }
    let response = server
        .call(
            &key,
            "job.create",
            json!({"title": " ", "teamId": org.departments[0], "locationId": org.locations[0]}),
        )
        .await;
    assert_eq!(response.code(), "invalid_input");
    let response = server.call(&key, "job.create", json!({"title": "X"})).await;
    assert_eq!(response.code(), "invalid_input");
    assert!(response.body["errorInfo"]["message"]
        .as_str()
        .unwrap()
        .contains("teamId"));
    // Nothing was half-written.
    let all = server
        .call(
            &key,
            "job.list",
            json!({"status": ["Draft", "Open", "Closed", "Archived"]}),
        )
        .await;
    assert_eq!(all.results(), &json!([]));
    // A key without the confidential flag may not create a job it could not see.
    let response = server
        .call(&key, "job.create", json!({"title": "Secret", "teamId": org.departments[0], "locationId": org.locations[0], "confidential": true}))
        .await;
    assert_eq!(response.code(), "invalid_input");
}

#[tokio::test]
async fn a_job_template_gives_its_plan_and_employment_type() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let plan = default_plan(&server, &key).await;
    let active = template(&server, &org, plan, "Active").await;
    let inactive = template(&server, &org, plan, "Inactive").await;
    let body = |t: uuid::Uuid| json!({"title": "Contractor", "teamId": org.departments[0], "locationId": org.locations[0], "jobTemplateId": t});
    let job = server.call(&key, "job.create", body(active)).await;
    let job = job.results();
    assert_eq!(job["employmentType"], "Contract");
    assert_eq!(job["defaultInterviewPlanId"], json!(plan));
    assert_eq!(job["interviewPlanIds"], json!([plan]));
    let refused = server.call(&key, "job.create", body(inactive)).await;
    assert_eq!(refused.code(), "invalid_input");

    let templates = server
        .call(&key, "jobTemplate.list", json!({"expand": ["location"]}))
        .await;
    assert_eq!(templates.body["moreDataAvailable"], false);
    assert!(templates.body["syncToken"].is_string());
    let templates = templates.results().as_array().unwrap();
    assert_eq!(templates.len(), 2);
    assert_eq!(templates[0]["location"]["name"], "San Francisco");
    insta::assert_json_snapshot!("job_template_list_item", redact(&templates[0]));
    let wrong = server
        .call(&key, "jobTemplate.list", json!({"expand": ["openings"]}))
        .await;
    assert_eq!(wrong.code(), "invalid_input");
}

#[tokio::test]
async fn job_status_follows_ashbys_transitions() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let job = create_job(&server, &key, &org, "Designer").await;
    let set = |status: &'static str| {
        let server = &server;
        let key = &key;
        let id = job["id"].clone();
        async move {
            server
                .call(key, "job.setStatus", json!({"jobId": id, "status": status}))
                .await
        }
    };
    // Opening needs a default interview plan.
    let refused = set("Open").await;
    assert_eq!(refused.code(), "job_status_transition_invalid");
    assert!(refused.body["errorInfo"]["message"]
        .as_str()
        .unwrap()
        .contains("interview plan"));
    let plan = default_plan(&server, &key).await;
    server
        .call(
            &key,
            "job.update",
            json!({"jobId": job["id"], "defaultInterviewPlanId": plan}),
        )
        .await
        .results();
    for (status, allowed) in [
        ("Closed", false),
        ("Open", true),
        ("Draft", false),
        ("Archived", false),
        ("Closed", true),
        ("Open", false),
        ("Archived", true),
        ("Open", false),
        ("Closed", false),
        ("Draft", true),
        ("Archived", true),
    ] {
        let response = set(status).await;
        if allowed {
            assert_eq!(response.results()["status"], status);
        } else {
            assert_eq!(
                response.code(),
                "job_status_transition_invalid",
                "to {status}: {}",
                response.body
            );
        }
    }
    // The same status again changes nothing.
    assert_eq!(set("Archived").await.results()["status"], "Archived");
    assert_eq!(set("Pending").await.code(), "invalid_input");
    let missing = server
        .call(
            &key,
            "job.setStatus",
            json!({"jobId": uuid::Uuid::now_v7(), "status": "Open"}),
        )
        .await;
    assert_eq!(missing.code(), "job_not_found");

    let open = open_job(&server, &key, &org, "Opened").await;
    assert!(open["openedAt"].is_string());
    assert_eq!(open["closedAt"], Value::Null);
    let closed = server
        .call(
            &key,
            "job.setStatus",
            json!({"jobId": open["id"], "status": "Closed"}),
        )
        .await;
    assert!(closed.results()["closedAt"].is_string());
}

#[tokio::test]
async fn job_update_changes_only_what_is_sent_and_checks_references() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let job = create_job(&server, &key, &org, "Analyst").await;
    let updated = server
        .call(
            &key,
            "job.update",
            json!({"jobId": job["id"], "title": "Senior Analyst", "teamId": org.departments[2], "customRequisitionId": "REQ-42"}),
        )
        .await;
    let updated = updated.results();
    assert_eq!(updated["title"], "Senior Analyst");
    assert_eq!(updated["departmentId"], json!(org.departments[2]));
    assert_eq!(updated["locationId"], json!(org.locations[0]));
    assert_eq!(updated["customRequisitionId"], "REQ-42");
    assert!(updated["updatedAt"].as_str() >= job["updatedAt"].as_str());
    let missing = uuid::Uuid::now_v7();
    for (field, code) in [
        ("teamId", "department_not_found"),
        ("locationId", "location_not_found"),
        ("defaultInterviewPlanId", "interview_plan_not_found"),
    ] {
        let response = server
            .call(
                &key,
                "job.update",
                json!({"jobId": job["id"], "title": "Changed", field: missing}),
            )
            .await;
        assert_eq!(response.code(), code);
    }
    // The failed updates wrote nothing, not even the title.
    let info = server
        .call(&key, "job.info", json!({"id": job["id"]}))
        .await;
    assert_eq!(info.results()["title"], "Senior Analyst");
    let response = server
        .call(&key, "job.update", json!({"jobId": missing, "title": "X"}))
        .await;
    assert_eq!(response.code(), "job_not_found");
}

#[tokio::test]
async fn job_search_matches_titles_in_any_case_and_requisition_ids_exactly() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let backend = create_job(&server, &key, &org, "Backend Engineer").await;
    create_job(&server, &key, &org, "Frontend Engineer").await;
    create_job(&server, &key, &org, "100% Remote Recruiter").await;
    server
        .call(
            &key,
            "job.update",
            json!({"jobId": backend["id"], "customRequisitionId": "ENG-7"}),
        )
        .await
        .results();
    let titles = |response: &common::Response| -> Vec<String> {
        response
            .results()
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["title"].as_str().unwrap().to_string())
            .collect()
    };
    let found = server
        .call(&key, "job.search", json!({"title": "ENGINEER"}))
        .await;
    assert_eq!(titles(&found), ["Backend Engineer", "Frontend Engineer"]);
    let found = server
        .call(&key, "job.search", json!({"title": "0%"}))
        .await;
    assert_eq!(titles(&found), ["100% Remote Recruiter"]);
    let found = server.call(&key, "job.search", json!({"title": "_"})).await;
    assert!(titles(&found).is_empty(), "wildcards are literal");
    let found = server
        .call(&key, "job.search", json!({"requisitionId": "ENG-7"}))
        .await;
    assert_eq!(titles(&found), ["Backend Engineer"]);
    let none = server.call(&key, "job.search", json!({})).await;
    assert_eq!(none.code(), "invalid_input");
}

#[tokio::test]
async fn job_list_filters_pages_and_expands() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let draft = create_job(&server, &key, &org, "Draft job").await;
    let before_open = chrono::Utc::now().timestamp_millis();
    let mut open = Vec::new();
    for i in 0..3 {
        open.push(open_job(&server, &key, &org, &format!("Open {i}")).await);
    }
    let list = server.call(&key, "job.list", json!({})).await;
    let ids: Vec<&Value> = list
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|j| &j["id"])
        .collect();
    assert_eq!(ids.len(), 3, "drafts are left out unless asked for");
    assert!(!ids.contains(&&draft["id"]));
    assert_eq!(list.body["moreDataAvailable"], false);
    assert!(list.body.get("nextCursor").is_none());
    assert!(list.body["syncToken"].is_string());

    let drafts = server
        .call(&key, "job.list", json!({"status": ["Draft"]}))
        .await;
    assert_eq!(drafts.results().as_array().unwrap().len(), 1);
    let bad = server
        .call(&key, "job.list", json!({"status": ["Paused"]}))
        .await;
    assert_eq!(bad.code(), "invalid_input");
    let later = server
        .call(
            &key,
            "job.list",
            json!({"openedAfter": before_open, "status": ["Open", "Draft"]}),
        )
        .await;
    assert_eq!(later.results().as_array().unwrap().len(), 3);
    let created = server
        .call(&key, "job.list", json!({"createdAfter": chrono::Utc::now().timestamp_millis() as f64, "status": ["Draft", "Open"]}))
        .await;
    assert_eq!(created.results(), &json!([]));

    // Pages of one, walked by cursor, then nothing new for the sync token.
    let mut cursor: Option<String> = None;
    let mut seen = Vec::new();
    let token = loop {
        let page = server
            .call(
                &key,
                "job.list",
                json!({"limit": 1, "cursor": cursor, "expand": ["location"]}),
            )
            .await;
        for job in page.results().as_array().unwrap() {
            assert_eq!(job["location"]["name"], "San Francisco");
            seen.push(job["id"].clone());
        }
        match page.body["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break page.body["syncToken"].as_str().unwrap().to_string(),
        }
    };
    assert_eq!(seen.len(), 3);
    let nothing = server
        .call(&key, "job.list", json!({"syncToken": token}))
        .await;
    assert_eq!(nothing.results(), &json!([]));
    server
        .call(
            &key,
            "job.update",
            json!({"jobId": open[1]["id"], "title": "Renamed"}),
        )
        .await
        .results();
    let changed = server
        .call(&key, "job.list", json!({"syncToken": token}))
        .await;
    let changed = changed.results().as_array().unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["title"], "Renamed");

    for (body, code) in [
        (json!({"cursor": "forged"}), "invalid_next_cursor"),
        (json!({"syncToken": "forged"}), "sync_token_invalid"),
        (json!({"expand": ["everything"]}), "invalid_input"),
    ] {
        assert_eq!(server.call(&key, "job.list", body).await.code(), code);
    }
}

#[tokio::test]
async fn compensation_is_replaced_and_summarised() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let job = create_job(&server, &key, &org, "Engineer").await;
    let tiers = json!([{
        "title": "Zone A",
        "additionalInformation": "Signing bonus available",
        "components": [
            {"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "usd", "minValue": 150000, "maxValue": 200000},
            {"compensationType": "EquityPercentage", "interval": "NONE", "minValue": 0.25, "maxValue": 1},
        ],
    }, {
        "title": "Zone B",
        "components": [{"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "USD", "minValue": 120000, "maxValue": 160000}],
    }]);
    let updated = server
        .call(
            &key,
            "job.updateCompensation",
            json!({"jobId": job["id"], "compensationTiers": tiers}),
        )
        .await;
    let updated = updated.results();
    assert_eq!(
        updated["compensationTiers"][0]["tierSummary"],
        "$150K – $200K • 0.25% – 1%"
    );
    assert_eq!(
        updated["compensationTiers"][0]["components"][0]["currencyCode"],
        "USD"
    );
    insta::assert_json_snapshot!("job_update_compensation", redact(updated));
    let expanded = server
        .call(
            &key,
            "job.info",
            json!({"id": job["id"], "expand": ["compensation"]}),
        )
        .await;
    assert_eq!(
        expanded.results()["compensation"]["compensationTiers"][1]["tierSummary"],
        "$120K – $160K"
    );

    let invalid = [
        json!([{"components": []}]),
        json!([{"components": [{"compensationType": "Salary", "interval": "1 YEAR", "minValue": 1, "maxValue": 2}]}]),
        json!([{"components": [{"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "USD", "minValue": 3, "maxValue": 2}]}]),
        json!([{"components": [{"compensationType": "Stock", "interval": "1 YEAR", "minValue": 1, "maxValue": 2}]}]),
        json!([{"title": "A", "components": [{"compensationType": "Bonus", "interval": "1 YEAR", "currencyCode": "USD", "minValue": null, "maxValue": null}]},
               {"components": [{"compensationType": "Bonus", "interval": "1 YEAR", "currencyCode": "USD", "minValue": null, "maxValue": null}]}]),
    ];
    for tiers in invalid {
        let response = server
            .call(
                &key,
                "job.updateCompensation",
                json!({"jobId": job["id"], "compensationTiers": tiers}),
            )
            .await;
        assert_eq!(response.code(), "invalid_input", "{tiers}");
    }
    let missing = server
        .call(
            &key,
            "job.updateCompensation",
            json!({"jobId": uuid::Uuid::now_v7(), "compensationTiers": []}),
        )
        .await;
    assert_eq!(missing.code(), "job_not_found");
}

#[tokio::test]
async fn postings_go_live_when_their_job_opens() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let draft = create_job(&server, &key, &org, "Draft only").await;
    let job = open_job(&server, &key, &org, "Platform Engineer").await;
    add_secondary_location(&server, id(&job["id"]), org.locations[2]).await;
    let list = server.call(&key, "jobPosting.list", json!({})).await;
    let list = list.results().as_array().unwrap().clone();
    assert_eq!(list.len(), 1, "the draft's posting is not live");
    let posting = &list[0];
    assert_eq!(posting["jobId"], job["id"]);
    assert_eq!(posting["departmentName"], "Engineering");
    assert_eq!(posting["teamName"], "Platform");
    assert_eq!(posting["locationName"], "San Francisco");
    assert_eq!(
        posting["locationIds"],
        json!({"primaryLocationId": org.locations[0], "secondaryLocationIds": [org.locations[2]]})
    );
    assert_eq!(posting["workplaceType"], "OnSite");
    assert_eq!(posting["applicationDeadline"], Value::Null);
    insta::assert_json_snapshot!("job_posting_list_item", redact(posting));

    for (body, expected) in [
        (json!({"department": "Engineering"}), 1),
        (json!({"department": "Platform"}), 1),
        (json!({"department": "Sales"}), 0),
        (json!({"location": "San Francisco"}), 1),
        (json!({"location": "san francisco"}), 0),
        (json!({"listedOnly": true}), 1),
    ] {
        let found = server.call(&key, "jobPosting.list", body.clone()).await;
        assert_eq!(
            found.results().as_array().unwrap().len(),
            expected,
            "{body}"
        );
    }
    let unknown_board = server
        .call(
            &key,
            "jobPosting.list",
            json!({"jobBoardId": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(unknown_board.code(), "job_board_not_found");

    let info = server
        .call(
            &key,
            "jobPosting.info",
            json!({"jobPostingId": posting["id"], "expand": ["job"]}),
        )
        .await;
    let info = info.results();
    assert_eq!(
        info["teamNameHierarchy"],
        json!(["Engineering", "Platform"])
    );
    assert_eq!(info["job"]["id"], job["id"]);
    assert_eq!(info["compensation"]["shouldDisplayCompensation"], false);
    insta::assert_json_snapshot!("job_posting_info", redact(info));
    // The draft's posting can still be read by id.
    let draft_posting = &draft["jobPostingIds"][0];
    let draft_info = server
        .call(
            &key,
            "jobPosting.info",
            json!({"jobPostingId": draft_posting}),
        )
        .await;
    assert_eq!(draft_info.results()["title"], "Draft only");
    let missing = server
        .call(
            &key,
            "jobPosting.info",
            json!({"jobPostingId": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(missing.code(), "job_posting_not_found");
}

#[tokio::test]
async fn posting_updates_rewrite_the_description() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let job = open_job(&server, &key, &org, "Writer").await;
    let posting = &job["jobPostingIds"][0];
    let updated = server
        .call(
            &key,
            "jobPosting.update",
            json!({
                "jobPostingId": posting,
                "title": "Technical Writer",
                "workplaceType": "Remote",
                "suppressDescriptionOpening": "true",
                "description": {"type": "text/html", "content": "<p>Write <b>docs</b> &amp; guides</p>"},
            }),
        )
        .await;
    let updated = updated.results();
    assert_eq!(updated["title"], "Technical Writer");
    assert_eq!(updated["workplaceType"], "Remote");
    assert_eq!(updated["isRemote"], true);
    assert_eq!(updated["suppressDescriptionOpening"], true);
    assert_eq!(updated["descriptionPlain"], "Write docs & guides");
    assert_eq!(
        updated["descriptionParts"]["descriptionBody"]["html"],
        "<p>Write <b>docs</b> &amp; guides</p>"
    );
    for body in [
        json!({"jobPostingId": posting, "workplaceType": "Moon"}),
        json!({"jobPostingId": posting, "description": {"type": "text/plain", "content": "x"}}),
        json!({"jobPostingId": posting, "title": ""}),
    ] {
        assert_eq!(
            server.call(&key, "jobPosting.update", body).await.code(),
            "invalid_input"
        );
    }
    let missing = server
        .call(
            &key,
            "jobPosting.update",
            json!({"jobPostingId": uuid::Uuid::now_v7(), "title": "X"}),
        )
        .await;
    assert_eq!(missing.code(), "job_posting_not_found");
}

#[tokio::test]
async fn boards_reasons_and_roles_are_listed() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    board(&server, "Internal", "internal", true).await;
    let boards = server.call(&key, "jobBoard.list", json!({})).await;
    assert!(boards.body["syncToken"].is_string());
    assert_eq!(
        redact(boards.results()),
        json!([
            {"id": "[id]", "title": "Careers", "isInternal": false},
            {"id": "[id]", "title": "Internal", "isInternal": true},
        ])
    );
    let reasons = server.call(&key, "closeReason.list", json!({})).await;
    assert_eq!(reasons.body["moreDataAvailable"], false);
    assert!(reasons.body["syncToken"].is_string());
    let reasons = reasons.results().as_array().unwrap();
    assert_eq!(reasons.len(), 4);
    assert_eq!(reasons[0]["reasonText"], "Hired");
    assert_eq!(reasons[0]["isArchived"], false);
    // Archived reasons show only when asked for.
    {
        use sea_orm::{ActiveModelTrait, Set};
        let write = server.store.write().await.unwrap();
        let now = chrono::Utc::now();
        ashlar::store::entities::close_reason::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            created_at: Set(now),
            updated_at: Set(now),
            change_seq: Set(write.change),
            reason_text: Set("Reorganisation".into()),
            is_archived: Set(true),
        }
        .insert(&write.txn)
        .await
        .unwrap();
        write.commit().await.unwrap();
    }
    let current = server.call(&key, "closeReason.list", json!({})).await;
    assert_eq!(current.results().as_array().unwrap().len(), 4);
    let all = server
        .call(&key, "closeReason.list", json!({"includeArchived": true}))
        .await;
    assert_eq!(all.results()[4]["reasonText"], "Reorganisation");
    assert_eq!(all.results()[4]["isArchived"], true);
    let names = server.call(&key, "hiringTeamRole.list", json!({})).await;
    assert_eq!(
        names.results(),
        &json!(["Hiring Manager", "Recruiter", "Coordinator", "Sourcer"])
    );
    let full = server
        .call(&key, "hiringTeamRole.list", json!({"namesOnly": "false"}))
        .await;
    assert_eq!(
        redact(&full.results()[0]),
        json!({"id": "[id]", "title": "Hiring Manager"})
    );
}

#[tokio::test]
async fn hiring_teams_gain_and_lose_members_on_jobs() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let key = key(&server, false).await;
    let roles = roles(&server, &key).await;
    let job = create_job(&server, &key, &org, "Lead").await;
    let body = |user: usize, role: &str| json!({"jobId": job["id"], "teamMemberId": org.users[user], "roleId": roles[role]});
    let added = server
        .call(&key, "hiringTeam.addMember", body(0, "Hiring Manager"))
        .await;
    assert_eq!(
        redact(added.results()),
        json!({"email": "grace@example.com", "firstName": "Grace", "lastName": "Hopper", "role": "Hiring Manager", "userId": "[id]"})
    );
    // Adding again changes nothing.
    server
        .call(&key, "hiringTeam.addMember", body(0, "Hiring Manager"))
        .await
        .results();
    server
        .call(&key, "hiringTeam.addMember", body(1, "Recruiter"))
        .await
        .results();
    let info = server
        .call(&key, "job.info", json!({"id": job["id"]}))
        .await;
    let team = &info.results()["hiringTeam"];
    assert_eq!(team.as_array().unwrap().len(), 2);
    assert_eq!(team[0]["role"], "Hiring Manager");
    assert_eq!(team[1]["firstName"], "Alan");

    let removed = server
        .call(&key, "hiringTeam.removeMember", body(0, "Hiring Manager"))
        .await;
    assert_eq!(removed.results()["firstName"], "Grace");
    let again = server
        .call(&key, "hiringTeam.removeMember", body(0, "Hiring Manager"))
        .await;
    assert_eq!(again.code(), "hiring_team_member_not_found");
    let info = server
        .call(&key, "job.info", json!({"id": job["id"]}))
        .await;
    assert_eq!(info.results()["hiringTeam"].as_array().unwrap().len(), 1);

    let missing = uuid::Uuid::now_v7();
    let cases = [
        (
            json!({"jobId": missing, "teamMemberId": org.users[0], "roleId": roles["Recruiter"]}),
            "job_not_found",
        ),
        (
            json!({"openingId": missing, "teamMemberId": org.users[0], "roleId": roles["Recruiter"]}),
            "opening_not_found",
        ),
        (
            json!({"applicationId": missing, "teamMemberId": org.users[0], "roleId": roles["Recruiter"]}),
            "application_not_found",
        ),
        (
            json!({"jobId": job["id"], "teamMemberId": missing, "roleId": roles["Recruiter"]}),
            "user_not_found",
        ),
        (
            json!({"jobId": job["id"], "teamMemberId": org.users[0], "roleId": missing}),
            "hiring_team_role_not_found",
        ),
        (
            json!({"jobId": job["id"], "openingId": missing, "teamMemberId": org.users[0], "roleId": roles["Recruiter"]}),
            "invalid_input",
        ),
        (
            json!({"teamMemberId": org.users[0], "roleId": roles["Recruiter"]}),
            "invalid_input",
        ),
    ];
    for (body, code) in cases {
        let response = server
            .call(&key, "hiringTeam.addMember", body.clone())
            .await;
        assert_eq!(response.code(), code, "{body}");
    }
}

#[tokio::test]
async fn project_info_reads_a_project() {
    let server = TestServer::start().await;
    let key = key(&server, false).await;
    let id = project(&server, "Q3 sourcing", false).await;
    for id_key in ["projectId", "id"] {
        let info = server.call(&key, "project.info", json!({id_key: id})).await;
        assert_eq!(info.results()["title"], "Q3 sourcing");
    }
    let info = server
        .call(&key, "project.info", json!({"projectId": id}))
        .await;
    insta::assert_json_snapshot!("project_info", redact(info.results()));
    let missing = server
        .call(
            &key,
            "project.info",
            json!({"projectId": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(missing.code(), "project_not_found");
}

/// Every list, info and search endpoint of the jobs area, with and without the
/// confidential flag: without it, confidential jobs and projects do not exist.
#[tokio::test]
async fn confidential_jobs_and_projects_are_invisible_without_the_flag() {
    let server = TestServer::start().await;
    let org = org(&server).await;
    let plain = key(&server, false).await;
    let flagged = key(&server, true).await;
    let plan = default_plan(&server, &flagged).await;
    let public = open_job(&server, &plain, &org, "Public Role").await;
    let secret = confidential_job(&server, &flagged, &org, "Secret Role").await;
    let secret_id = secret["id"].clone();
    let body = json!({"jobId": secret_id, "defaultInterviewPlanId": plan, "customRequisitionId": "SECRET-1"});
    server.call(&flagged, "job.update", body).await.results();
    server
        .call(
            &flagged,
            "job.setStatus",
            json!({"jobId": secret_id, "status": "Open"}),
        )
        .await
        .results();
    let secret_posting = secret["jobPostingIds"][0].clone();
    let opening = server
        .call(
            &flagged,
            "opening.create",
            json!({"identifier": "MIX-1", "jobIds": [public["id"], secret_id]}),
        )
        .await;
    let opening_id = opening.results()["id"].clone();
    let secret_project = project(&server, "Secret project", true).await;
    let open_project = project(&server, "Open project", false).await;
    let roles = roles(&server, &flagged).await;

    let job_ids = |response: &common::Response| -> Vec<Value> {
        response
            .results()
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j.get("jobId").unwrap_or(&j["id"]).clone())
            .collect()
    };
    for (key, sees) in [(&plain, false), (&flagged, true)] {
        let expect = |ids: Vec<Value>, what: &str| {
            assert_eq!(ids.contains(&secret_id), sees, "{what} (flag: {sees})");
            assert!(ids.contains(&public["id"]), "{what}");
        };
        expect(
            job_ids(&server.call(key, "job.list", json!({})).await),
            "job.list",
        );
        expect(
            job_ids(
                &server
                    .call(key, "job.search", json!({"title": "role"}))
                    .await,
            ),
            "job.search by title",
        );
        let by_requisition = server
            .call(key, "job.search", json!({"requisitionId": "SECRET-1"}))
            .await;
        assert_eq!(
            by_requisition.results().as_array().unwrap().len(),
            sees as usize
        );
        expect(
            job_ids(&server.call(key, "jobPosting.list", json!({})).await),
            "jobPosting.list",
        );
        for (endpoint, body, code) in [
            ("job.info", json!({"id": secret_id}), "job_not_found"),
            (
                "jobInterviewPlan.info",
                json!({"jobId": secret_id}),
                "job_not_found",
            ),
            (
                "jobPosting.info",
                json!({"jobPostingId": secret_posting}),
                "job_posting_not_found",
            ),
            (
                "project.info",
                json!({"projectId": secret_project}),
                "project_not_found",
            ),
        ] {
            let response = server.call(key, endpoint, body).await;
            if sees {
                assert!(response.ok(), "{endpoint}: {}", response.body);
            } else {
                assert_eq!(response.code(), code, "{endpoint}");
            }
        }
        assert!(server
            .call(key, "project.info", json!({"projectId": open_project}))
            .await
            .ok());
        // Openings stay visible, but never name the confidential job.
        for (endpoint, body) in [
            ("opening.info", json!({"openingId": opening_id})),
            ("opening.search", json!({"identifier": "mix"})),
            ("opening.list", json!({})),
        ] {
            let response = server.call(key, endpoint, body).await;
            let results = response.results();
            let opening = if results.is_array() {
                &results[0]
            } else {
                results
            };
            let jobs = opening["latestVersion"]["jobIds"].as_array().unwrap();
            assert_eq!(jobs.contains(&secret_id), sees, "{endpoint}");
            assert!(jobs.contains(&public["id"]), "{endpoint}");
        }
        let expanded = server
            .call(
                key,
                "job.info",
                json!({"id": public["id"], "expand": ["openings"]}),
            )
            .await;
        let nested = &expanded.results()["openings"][0]["latestVersion"]["jobIds"];
        assert_eq!(nested.as_array().unwrap().contains(&secret_id), sees);
    }
    // Writes refuse the job as if it did not exist, and change nothing.
    let writes = [
        ("job.update", json!({"jobId": secret_id, "title": "Leaked"})),
        (
            "job.setStatus",
            json!({"jobId": secret_id, "status": "Closed"}),
        ),
        (
            "job.updateCompensation",
            json!({"jobId": secret_id, "compensationTiers": []}),
        ),
        (
            "jobPosting.update",
            json!({"jobPostingId": secret_posting, "title": "Leaked"}),
        ),
        (
            "opening.addJob",
            json!({"openingId": opening_id, "jobId": secret_id}),
        ),
        (
            "opening.removeJob",
            json!({"openingId": opening_id, "jobId": secret_id}),
        ),
        ("opening.create", json!({"jobIds": [secret_id]})),
        (
            "hiringTeam.addMember",
            json!({"jobId": secret_id, "teamMemberId": org.users[0], "roleId": roles["Recruiter"]}),
        ),
        (
            "hiringTeam.removeMember",
            json!({"jobId": secret_id, "teamMemberId": org.users[0], "roleId": roles["Recruiter"]}),
        ),
    ];
    for (endpoint, body) in writes {
        let response = server.call(&plain, endpoint, body).await;
        let expected = if endpoint == "jobPosting.update" {
            "job_posting_not_found"
        } else {
            "job_not_found"
        };
        assert_eq!(response.code(), expected, "{endpoint}");
    }
    let info = server
        .call(&flagged, "job.info", json!({"id": secret_id}))
        .await;
    assert_eq!(info.results()["title"], "Secret Role");
    assert_eq!(info.results()["status"], "Open");
    // An incremental sync without the flag never carries the confidential job either.
    let first = server.call(&plain, "job.list", json!({})).await;
    let token = first.body["syncToken"].as_str().unwrap().to_string();
    server
        .call(
            &flagged,
            "job.update",
            json!({"jobId": secret_id, "title": "Secret Role 2"}),
        )
        .await
        .results();
    let changes = server
        .call(&plain, "job.list", json!({"syncToken": token}))
        .await;
    assert_eq!(changes.results(), &json!([]));
}

/// Writers and a syncing reader at once: paged incremental runs with a kept token,
/// while other tasks keep renaming jobs, end with the reader holding every change.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn syncs_beside_concurrent_writers_miss_nothing() {
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let server = Arc::new(TestServer::start().await);
    let org = org(&server).await;
    let key = key(&server, false).await;
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(create_job(&server, &key, &org, &format!("Job {i}")).await["id"].clone());
    }
    let all = json!(["Draft", "Open", "Closed", "Archived"]);
    let done = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..3 {
        let (server, key, ids) = (server.clone(), key.clone(), ids.clone());
        writers.push(tokio::spawn(async move {
            for i in 0..15 {
                let id = &ids[(w * 7 + i) % ids.len()];
                server
                    .call(
                        &key,
                        "job.update",
                        json!({"jobId": id, "title": format!("w{w} #{i}")}),
                    )
                    .await
                    .results();
            }
        }));
    }
    let syncer = {
        let (server, key, done, all) = (server.clone(), key.clone(), done.clone(), all.clone());
        tokio::spawn(async move {
            let mut mirror: HashMap<String, String> = HashMap::new();
            let mut token: Option<String> = None;
            let mut runs = 0;
            loop {
                let last_run = done.load(Ordering::SeqCst);
                let mut cursor: Option<String> = None;
                loop {
                    let page = server
                        .call(&key, "job.list", json!({"limit": 2, "cursor": cursor, "syncToken": token, "status": all}))
                        .await;
                    for job in page.results().as_array().unwrap() {
                        mirror.insert(
                            job["id"].as_str().unwrap().into(),
                            job["title"].as_str().unwrap().into(),
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
    let truth = server.call(&key, "job.list", json!({"status": all})).await;
    let truth: HashMap<String, String> = truth
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|j| {
            (
                j["id"].as_str().unwrap().into(),
                j["title"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(mirror, truth);
}

mod sync_property {
    //! Random interleavings of job writes with paged incremental syncs: a client
    //! that keeps its sync token ends up with exactly the server's jobs.

    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[derive(Clone, Debug)]
    enum Step {
        Create,
        Rename(usize),
        Toggle(usize),
        Sync(u64),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            2 => Just(Step::Create),
            3 => (0usize..8).prop_map(Step::Rename),
            1 => (0usize..8).prop_map(Step::Toggle),
            2 => (1u64..4).prop_map(Step::Sync),
        ]
    }

    const ALL: [&str; 4] = ["Draft", "Open", "Closed", "Archived"];

    /// One paged incremental run; writes from `writer` land between its pages.
    async fn sync(
        server: &TestServer,
        key: &str,
        token: &mut Option<String>,
        limit: u64,
        mirror: &mut HashMap<String, String>,
        between_pages: &mut Vec<Step>,
        apply: &mut impl AsyncStepper,
    ) {
        let mut cursor: Option<String> = None;
        loop {
            let page = server
                .call(
                    key,
                    "job.list",
                    json!({"limit": limit, "cursor": cursor, "syncToken": token, "status": ALL}),
                )
                .await;
            for job in page.results().as_array().unwrap() {
                mirror.insert(
                    job["id"].as_str().unwrap().into(),
                    format!("{}|{}", job["title"], job["status"]),
                );
            }
            if let Some(step) = between_pages.pop() {
                apply.apply(step).await;
            }
            match page.body["nextCursor"].as_str() {
                Some(next) => cursor = Some(next.into()),
                None => {
                    *token = Some(page.body["syncToken"].as_str().unwrap().into());
                    return;
                }
            }
        }
    }

    trait AsyncStepper {
        async fn apply(&mut self, step: Step);
    }

    struct Writer<'a> {
        server: &'a TestServer,
        key: &'a str,
        org: &'a Org,
        plan: uuid::Uuid,
        jobs: Vec<String>,
        counter: usize,
    }

    impl AsyncStepper for Writer<'_> {
        async fn apply(&mut self, step: Step) {
            self.counter += 1;
            match step {
                Step::Create | Step::Sync(_) => {
                    let job = create_job(
                        self.server,
                        self.key,
                        self.org,
                        &format!("Job {}", self.counter),
                    )
                    .await;
                    self.jobs.push(job["id"].as_str().unwrap().into());
                }
                Step::Rename(i) if !self.jobs.is_empty() => {
                    let id = &self.jobs[i % self.jobs.len()];
                    self.server
                        .call(
                            self.key,
                            "job.update",
                            json!({"jobId": id, "title": format!("Renamed {}", self.counter)}),
                        )
                        .await
                        .results();
                }
                Step::Toggle(i) if !self.jobs.is_empty() => {
                    let id = &self.jobs[i % self.jobs.len()];
                    let info = self
                        .server
                        .call(self.key, "job.info", json!({"id": id}))
                        .await;
                    let next = match info.results()["status"].as_str().unwrap() {
                        "Draft" => "Open",
                        "Open" => "Closed",
                        "Closed" => "Archived",
                        _ => "Draft",
                    };
                    if next == "Open" {
                        self.server
                            .call(
                                self.key,
                                "job.update",
                                json!({"jobId": id, "defaultInterviewPlanId": self.plan}),
                            )
                            .await
                            .results();
                    }
                    self.server
                        .call(
                            self.key,
                            "job.setStatus",
                            json!({"jobId": id, "status": next}),
                        )
                        .await
                        .results();
                }
                _ => {}
            }
        }
    }

    async fn truth(server: &TestServer, key: &str) -> HashMap<String, String> {
        let mut all = HashMap::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = server
                .call(key, "job.list", json!({"cursor": cursor, "status": ALL}))
                .await;
            for job in page.results().as_array().unwrap() {
                all.insert(
                    job["id"].as_str().unwrap().to_string(),
                    format!("{}|{}", job["title"], job["status"]),
                );
            }
            match page.body["nextCursor"].as_str() {
                Some(next) => cursor = Some(next.into()),
                None => return all,
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
        #[test]
        fn incremental_syncs_never_lose_a_change(steps in proptest::collection::vec(step(), 1..24)) {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async {
                let server = TestServer::start().await;
                let org = org(&server).await;
                let key = key(&server, true).await;
                let plan = default_plan(&server, &key).await;
                let mut writer = Writer { server: &server, key: &key, org: &org, plan, jobs: Vec::new(), counter: 0 };
                let mut mirror = HashMap::new();
                let mut token = None;
                // Writes queued to land between the pages of the next run.
                let mut pending: Vec<Step> = Vec::new();
                for step in steps {
                    match step {
                        Step::Sync(limit) => {
                            sync(&server, &key, &mut token, limit, &mut mirror, &mut pending, &mut writer).await;
                        }
                        other if pending.len() < 2 && writer.counter.is_multiple_of(2) => pending.push(other),
                        other => writer.apply(other).await,
                    }
                }
                for step in pending.drain(..) {
                    writer.apply(step).await;
                }
                // A final run after the writers stop must leave the mirror equal to the server.
                let mut none = Vec::new();
                sync(&server, &key, &mut token, 2, &mut mirror, &mut none, &mut writer).await;
                assert_eq!(mirror, truth(&server, &key).await);
            });
        }
    }
}
