//! The public job board: `GET /posting-api/job-board/{name}` without a key.

mod common;
mod jobs_support;

use common::{send, TestServer};
use jobs_support::*;
use reqwest::Method;
use serde_json::json;

async fn get(server: &TestServer, path: &str) -> common::Response {
    send(server.request(Method::GET, path)).await
}

/// A board with one live job carrying compensation, and the jobs that must not show.
async fn board_with_jobs(server: &TestServer) -> (Org, String) {
    let org = org(server).await;
    let key = key(server, true).await;
    let live = open_job(server, &key, &org, "Platform Engineer").await;
    add_secondary_location(server, id(&live["id"]), org.locations[1]).await;
    server
        .call(
            &key,
            "job.updateCompensation",
            json!({"jobId": live["id"], "compensationTiers": [{"components": [
                {"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "USD", "minValue": 150000, "maxValue": 200000}
            ]}]}),
        )
        .await
        .results();
    server
        .call(
            &key,
            "jobPosting.update",
            json!({"jobPostingId": live["jobPostingIds"][0], "description": {"type": "text/html", "content": "<p>Build the platform.</p>"}}),
        )
        .await
        .results();
    // A draft, an unlisted posting and a confidential job never show.
    create_job(server, &key, &org, "Draft role").await;
    let unlisted = open_job(server, &key, &org, "Unlisted role").await;
    let write = server.store.write().await.unwrap();
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let posting =
        ashlar::store::entities::job_posting::Entity::find_by_id(id(&unlisted["jobPostingIds"][0]))
            .one(&write.txn)
            .await
            .unwrap()
            .unwrap();
    let mut posting: ashlar::store::entities::job_posting::ActiveModel = posting.into();
    posting.is_listed = Set(false);
    posting.update(&write.txn).await.unwrap();
    // Show compensation on the live one.
    let live_posting =
        ashlar::store::entities::job_posting::Entity::find_by_id(id(&live["jobPostingIds"][0]))
            .one(&write.txn)
            .await
            .unwrap()
            .unwrap();
    let mut live_posting: ashlar::store::entities::job_posting::ActiveModel = live_posting.into();
    live_posting.should_display_compensation = Set(true);
    live_posting.update(&write.txn).await.unwrap();
    write.commit().await.unwrap();
    let secret = confidential_job(server, &key, &org, "Secret role").await;
    let plan = default_plan(server, &key).await;
    server
        .call(
            &key,
            "job.update",
            json!({"jobId": secret["id"], "defaultInterviewPlanId": plan}),
        )
        .await
        .results();
    server
        .call(
            &key,
            "job.setStatus",
            json!({"jobId": secret["id"], "status": "Open"}),
        )
        .await
        .results();
    (org, key)
}

#[tokio::test]
async fn the_board_shows_listed_postings_of_open_public_jobs() {
    let server = TestServer::start().await;
    board_with_jobs(&server).await;
    let board = get(&server, "posting-api/job-board/careers").await;
    assert_eq!(board.status, 200);
    assert!(board.headers.get("x-ashby-request-id").is_some());
    assert_eq!(board.body["apiVersion"], "1");
    let jobs = board.body["jobs"].as_array().unwrap();
    let titles: Vec<&str> = jobs.iter().map(|j| j["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Platform Engineer"]);
    let job = &jobs[0];
    assert_eq!(job["department"], "Engineering");
    assert_eq!(job["team"], "Platform");
    assert_eq!(job["location"], "San Francisco");
    assert_eq!(job["secondaryLocations"][0]["location"], "London");
    assert_eq!(job["descriptionPlain"], "Build the platform.");
    assert_eq!(job["shouldDisplayCompensationOnJobPostings"], true);
    assert!(job.get("compensation").is_none(), "only when asked for");
    insta::assert_json_snapshot!("public_board", redact(&board.body));

    let with_pay = get(
        &server,
        "posting-api/job-board/CAREERS?includeCompensation=true",
    )
    .await;
    let compensation = &with_pay.body["jobs"][0]["compensation"];
    assert_eq!(compensation["compensationTierSummary"], "$150K – $200K");
    assert_eq!(
        compensation["scrapeableCompensationSalarySummary"],
        "$150K – $200K"
    );
    insta::assert_json_snapshot!("public_board_compensation", redact(compensation));
}

#[tokio::test]
async fn unknown_and_internal_boards_are_empty() {
    let server = TestServer::start().await;
    board(&server, "Internal", "internal", true).await;
    for name in ["nowhere", "internal"] {
        let board = get(&server, &format!("posting-api/job-board/{name}")).await;
        assert_eq!(board.status, 200);
        assert_eq!(board.body, json!({"apiVersion": "1", "jobs": []}));
    }
    // It is a GET route outside the RPC API: no key needed, POST is not it.
    let post = send(server.request(Method::POST, "posting-api/job-board/careers")).await;
    assert_eq!(post.status, 405);
}

#[tokio::test]
async fn answers_are_cacheable_and_revalidate_after_a_change() {
    let server = TestServer::start().await;
    let (org, key) = board_with_jobs(&server).await;
    let first = get(&server, "posting-api/job-board/careers").await;
    let etag = first.headers["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"'));
    assert_eq!(first.headers["cache-control"], "public, max-age=60");
    let same = send(
        server
            .request(Method::GET, "posting-api/job-board/careers")
            .header("if-none-match", &etag),
    )
    .await;
    assert_eq!(same.status, 304);
    assert_eq!(same.headers["etag"].to_str().unwrap(), etag);
    // A write elsewhere that leaves the board as it was keeps the tag.
    create_job(&server, &key, &org, "Another draft").await;
    let unchanged = get(&server, "posting-api/job-board/careers").await;
    assert_eq!(unchanged.headers["etag"].to_str().unwrap(), etag);
    // Opening a job changes the board and its tag.
    open_job(&server, &key, &org, "Second live role").await;
    let changed = send(
        server
            .request(Method::GET, "posting-api/job-board/careers")
            .header("if-none-match", &etag),
    )
    .await;
    assert_eq!(changed.status, 200);
    assert_ne!(changed.headers["etag"].to_str().unwrap(), etag);
    assert_eq!(changed.body["jobs"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn each_address_is_rate_limited() {
    let server = TestServer::start().await;
    let burst = ashlar::http::job_board::BURST as usize;
    for i in 0..burst {
        let ok = get(&server, "posting-api/job-board/careers").await;
        assert_eq!(ok.status, 200, "request {i}");
    }
    let limited = get(&server, "posting-api/job-board/careers").await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.code(), "rate_limit_exceeded");
    let retry: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    // The RPC API is not limited by it.
    let key = key(&server, false).await;
    assert!(server.call(&key, "jobBoard.list", json!({})).await.ok());
}

#[tokio::test]
async fn the_demo_organisation_hires_in_the_open() {
    let server = TestServer::start().await;
    let demo = ashlar::demo::load_if_empty(&server.store, &server.state.data_dir)
        .await
        .unwrap()
        .expect("an empty database takes the demo");
    assert!(
        demo.summary.iter().any(|line| line.contains("10 jobs")),
        "{:?}",
        demo.summary
    );
    let board = get(&server, "posting-api/job-board/careers").await;
    let titles: Vec<&str> = board.body["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 5, "the open, public jobs: {titles:?}");
    assert!(!titles.contains(&"VP of Engineering"));

    let plain = key(&server, false).await;
    let all = json!({"status": ["Draft", "Open", "Closed", "Archived"]});
    let seen = server.call(&plain, "job.list", all.clone()).await;
    assert_eq!(seen.results().as_array().unwrap().len(), 9);
    let everything = server.call(&demo.api_key, "job.list", all).await;
    let jobs = everything.results().as_array().unwrap();
    assert_eq!(jobs.len(), 10);
    assert!(jobs
        .iter()
        .all(|j| j["hiringTeam"].as_array().unwrap().len() == 2));
    assert!(jobs.iter().all(|j| j["defaultInterviewPlanId"].is_string()));
    let openings = server.call(&plain, "opening.list", json!({})).await;
    assert_eq!(openings.results().as_array().unwrap().len(), 10);
}
