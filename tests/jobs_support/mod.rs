//! What the jobs tests stand on: a small organisation written straight into the
//! store (its endpoints are another module's), and shortcuts through the API.
#![allow(dead_code)]

use crate::common::TestServer;
use ashlar::store::entities::{
    department, job_board, job_location, job_template, location, project,
};
use ashlar::store::users::{add_user, NewUser};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{json, Value};
use uuid::Uuid;

pub struct Org {
    /// Engineering, then its sub-team Platform, then Sales.
    pub departments: Vec<Uuid>,
    /// San Francisco (OnSite), London (Hybrid), Remote.
    pub locations: Vec<Uuid>,
    /// Grace Hopper, Alan Turing, Ada Lovelace.
    pub users: Vec<Uuid>,
}

pub async fn org(server: &TestServer) -> Org {
    let write = server.store.write().await.unwrap();
    let now = Utc::now();
    let mut departments: Vec<Uuid> = Vec::new();
    for (name, parent) in [
        ("Engineering", None),
        ("Platform", Some(0)),
        ("Sales", None),
    ] {
        let id = Uuid::now_v7();
        department::ActiveModel {
            id: Set(id),
            created_at: Set(now),
            updated_at: Set(now),
            change_seq: Set(write.change),
            name: Set(name.into()),
            external_name: Set(None),
            is_archived: Set(false),
            parent_id: Set(parent.map(|i: usize| departments[i])),
            extra_data: Set(None),
        }
        .insert(&write.txn)
        .await
        .unwrap();
        departments.push(id);
    }
    let mut locations = Vec::new();
    for (name, workplace) in [
        ("San Francisco", "OnSite"),
        ("London", "Hybrid"),
        ("Remote", "Remote"),
    ] {
        let id = Uuid::now_v7();
        location::ActiveModel {
            id: Set(id),
            created_at: Set(now),
            updated_at: Set(now),
            change_seq: Set(write.change),
            name: Set(name.into()),
            external_name: Set(None),
            is_archived: Set(false),
            address: Set(Some(
                json!({"postalAddress": {"addressCountry": "US", "addressLocality": name}}),
            )),
            workplace_type: Set(Some(workplace.into())),
            parent_location_id: Set(None),
            location_type: Set("Location".into()),
            extra_data: Set(None),
        }
        .insert(&write.txn)
        .await
        .unwrap();
        locations.push(id);
    }
    let mut users = Vec::new();
    for (first, last) in [("Grace", "Hopper"), ("Alan", "Turing"), ("Ada", "Lovelace")] {
        let new = NewUser {
            first_name: first.into(),
            last_name: last.into(),
            email: format!("{}@example.com", first.to_lowercase()),
            global_role: "Elevated Access".into(),
            manager_id: None,
        };
        let id = add_user(&write, new, now).await.unwrap().id;
        users.push(id);
    }
    write.commit().await.unwrap();
    Org {
        departments,
        locations,
        users,
    }
}

/// A key that may read and write jobs, interviews and the organisation, with or
/// without the confidential flag.
pub async fn key(server: &TestServer, confidential: bool) -> String {
    server
        .key_with(
            &[
                "jobs:read",
                "jobs:write",
                "interviews:read",
                "organization:read",
                "organization:write",
                "hiringProcessMetadata:read",
                "candidates:read",
            ],
            |k| k.allow_confidential = confidential,
        )
        .await
}

/// The seeded default interview plan.
pub async fn default_plan(server: &TestServer, key: &str) -> Uuid {
    let plans = server.call(key, "interviewPlan.list", json!({})).await;
    let plans = plans.results().as_array().unwrap();
    let plan = plans
        .iter()
        .find(|p| p["title"] == "Default Interview Plan")
        .expect("seeded plan");
    id(&plan["id"])
}

pub fn id(value: &Value) -> Uuid {
    value.as_str().and_then(|s| s.parse().ok()).expect("a uuid")
}

/// Creates a draft job through the API.
pub async fn create_job(server: &TestServer, key: &str, org: &Org, title: &str) -> Value {
    let response = server
        .call(
            key,
            "job.create",
            json!({"title": title, "teamId": org.departments[1], "locationId": org.locations[0]}),
        )
        .await;
    response.results().clone()
}

/// Creates a job with the default plan and opens it.
pub async fn open_job(server: &TestServer, key: &str, org: &Org, title: &str) -> Value {
    let plan = default_plan(server, key).await;
    let job = create_job(server, key, org, title).await;
    let job_id = &job["id"];
    server
        .call(
            key,
            "job.update",
            json!({"jobId": job_id, "defaultInterviewPlanId": plan}),
        )
        .await
        .results();
    server
        .call(
            key,
            "job.setStatus",
            json!({"jobId": job_id, "status": "Open"}),
        )
        .await
        .results()
        .clone()
}

/// Creates a confidential job through the API (only a flagged key may).
pub async fn confidential_job(server: &TestServer, key: &str, org: &Org, title: &str) -> Value {
    let response = server
        .call(
            key,
            "job.create",
            json!({"title": title, "teamId": org.departments[0], "locationId": org.locations[1], "confidential": true}),
        )
        .await;
    response.results().clone()
}

pub async fn project(server: &TestServer, title: &str, confidential: bool) -> Uuid {
    let write = server.store.write().await.unwrap();
    let now = Utc::now();
    let id = Uuid::now_v7();
    project::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        title: Set(title.into()),
        description: Set(Some("Sourcing".into())),
        is_archived: Set(false),
        confidential: Set(confidential),
        author_id: Set(None),
    }
    .insert(&write.txn)
    .await
    .unwrap();
    write.commit().await.unwrap();
    id
}

pub async fn template(server: &TestServer, org: &Org, plan: Uuid, status: &str) -> Uuid {
    let write = server.store.write().await.unwrap();
    let now = Utc::now();
    let id = Uuid::now_v7();
    job_template::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        title: Set(format!("{status} template")),
        status: Set(status.into()),
        department_id: Set(Some(org.departments[0])),
        location_id: Set(Some(org.locations[0])),
        default_interview_plan_id: Set(Some(plan)),
        employment_type: Set("Contract".into()),
    }
    .insert(&write.txn)
    .await
    .unwrap();
    write.commit().await.unwrap();
    id
}

pub async fn board(server: &TestServer, title: &str, slug: &str, internal: bool) -> Uuid {
    let write = server.store.write().await.unwrap();
    let now = Utc::now();
    let id = Uuid::now_v7();
    job_board::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        title: Set(title.into()),
        slug: Set(slug.into()),
        is_internal: Set(internal),
        is_enabled: Set(true),
        public_url: Set(Some(format!("https://jobs.example.com/{slug}"))),
    }
    .insert(&write.txn)
    .await
    .unwrap();
    write.commit().await.unwrap();
    id
}

pub async fn add_secondary_location(server: &TestServer, job: Uuid, location: Uuid) {
    let write = server.store.write().await.unwrap();
    job_location::ActiveModel {
        job_id: Set(job),
        location_id: Set(location),
    }
    .insert(&write.txn)
    .await
    .unwrap();
    write.commit().await.unwrap();
}

/// Role ids by title.
pub async fn roles(server: &TestServer, key: &str) -> std::collections::HashMap<String, Uuid> {
    let roles = server
        .call(key, "hiringTeamRole.list", json!({"namesOnly": false}))
        .await;
    roles
        .results()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["title"].as_str().unwrap().to_string(), id(&r["id"])))
        .collect()
}

/// The value with ids, times and dates replaced by placeholders, for snapshots of
/// response shapes.
pub fn redact(value: &Value) -> Value {
    match value {
        Value::String(s) if s.parse::<Uuid>().is_ok() => Value::String("[id]".into()),
        Value::String(s) if chrono::DateTime::parse_from_rfc3339(s).is_ok() => {
            Value::String("[time]".into())
        }
        Value::String(s) if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => {
            Value::String("[date]".into())
        }
        Value::String(s) if s.contains('/') && s.split('/').any(|p| p.parse::<Uuid>().is_ok()) => {
            let parts: Vec<&str> = s
                .split('/')
                .map(|p| if p.parse::<Uuid>().is_ok() { "[id]" } else { p })
                .collect();
            Value::String(parts.join("/"))
        }
        Value::Array(items) => Value::Array(items.iter().map(redact).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), redact(v))).collect())
        }
        other => other.clone(),
    }
}
