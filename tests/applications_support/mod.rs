//! What the application tests stand on: an organisation, an open job on the default
//! plan, candidates, and shortcuts through the API.
#![allow(dead_code)]

use crate::common::TestServer;
use crate::jobs_support::{self, id, Org};
use serde_json::{json, Value};
use std::collections::HashMap;
use uuid::Uuid;

pub struct Setup {
    pub server: TestServer,
    pub org: Org,
    /// Every grant and every flag.
    pub admin: String,
    pub job: Value,
    pub plan: Uuid,
    /// Stage ids of the default plan by title.
    pub stages: HashMap<String, Uuid>,
}

pub async fn setup() -> Setup {
    let server = TestServer::start().await;
    let org = jobs_support::org(&server).await;
    let admin = server.admin_key().await;
    let job = jobs_support::open_job(&server, &admin, &org, "Platform Engineer").await;
    let plan = jobs_support::default_plan(&server, &admin).await;
    let stages = stages(&server, &admin, plan).await;
    Setup {
        server,
        org,
        admin,
        job,
        plan,
        stages,
    }
}

pub async fn stages(server: &TestServer, key: &str, plan: Uuid) -> HashMap<String, Uuid> {
    let list = server
        .call(key, "interviewStage.list", json!({"interviewPlanId": plan}))
        .await;
    list.results()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["title"].as_str().unwrap().to_string(), id(&s["id"])))
        .collect()
}

impl Setup {
    pub fn job_id(&self) -> Uuid {
        id(&self.job["id"])
    }

    pub fn stage(&self, title: &str) -> Uuid {
        self.stages[title]
    }

    pub async fn call(&self, endpoint: &str, body: Value) -> crate::common::Response {
        self.server.call(&self.admin, endpoint, body).await
    }

    pub async fn candidate(&self, name: &str) -> Uuid {
        let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        let created = self
            .call("candidate.create", json!({"name": name, "email": email}))
            .await;
        id(&created.results()["id"])
    }

    /// A new application of a new candidate for `job`.
    pub async fn application_for(&self, name: &str, job: Uuid) -> Value {
        let candidate = self.candidate(name).await;
        let created = self
            .call(
                "application.create",
                json!({"candidateId": candidate, "jobId": job}),
            )
            .await;
        created.results().clone()
    }

    pub async fn application(&self, name: &str) -> Value {
        self.application_for(name, self.job_id()).await
    }

    /// The archive reason ids the organisation starts with.
    pub async fn archive_reason(&self) -> Uuid {
        let reasons = self.call("archiveReason.list", json!({})).await;
        id(&reasons.results()[0]["id"])
    }

    /// A key with these grants and flags.
    pub async fn key(&self, grants: &[&str], confidential: bool, history: bool) -> String {
        self.server
            .key_with(grants, |k| {
                k.allow_confidential = confidential;
                k.allow_update_history = history;
            })
            .await
    }
}

/// A feedback form (no endpoint creates one): a required score and notes, and an
/// optional recommendation.
pub async fn feedback_form(server: &TestServer) -> Uuid {
    use ashlar::store::entities::form_definition;
    use sea_orm::{ActiveModelTrait, Set};
    let field = |n: u128, kind: &str, path: &str, required: bool, extra: Value| {
        let mut field = json!({"id": Uuid::from_u128(n), "type": kind, "path": path,
            "humanReadablePath": path, "title": path, "isNullable": !required});
        if let (Some(f), Some(e)) = (field.as_object_mut(), extra.as_object()) {
            f.extend(e.clone());
        }
        json!({"isRequired": required, "field": field})
    };
    let definition = json!({"sections": [{"title": "Scorecard", "fields": [
        field(1, "Score", "overall", true, json!({})),
        field(2, "LongText", "notes", true, json!({})),
        field(3, "ValueSelect", "recommend", false,
            json!({"selectableValues": [{"label": "Yes", "value": "yes"}, {"label": "No", "value": "no"}]})),
    ]}]});
    let write = server.store.write().await.unwrap();
    let now = chrono::Utc::now();
    let id = Uuid::now_v7();
    form_definition::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        kind: Set("feedback".into()),
        title: Set("Scorecard".into()),
        is_archived: Set(false),
        is_default_form: Set(false),
        definition: Set(definition),
        survey_type: Set(None),
        interview_id: Set(None),
    }
    .insert(&write.txn)
    .await
    .unwrap();
    write.commit().await.unwrap();
    id
}
