//! The demo organisation's applications: the demo candidates spread over the demo
//! jobs and every stage of their plans, each with the history that led there, some
//! archived with reasons, some with interview feedback. `ashlar seed` builds its rows
//! with the same `Pipeline` and `application_rows`.

use crate::api::application::status_for;
use crate::store::entities::{
    application, application_feedback, application_history, archive_reason, candidate,
    form_definition, interview_stage, job, source, user,
};
use crate::store::WriteTxn;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use uuid::Uuid;

const ARCHIVED: &str = "Archived";

/// A job and the ordered stages of its default plan.
pub struct Pipeline {
    pub job_id: Uuid,
    pub plan_id: Uuid,
    pub stages: Vec<interview_stage::Model>,
}

impl Pipeline {
    /// The stages the `n`th application passed through, ending where it stands.
    /// Over consecutive `n` every stage is reached; archived ones leave from
    /// varying points of the pipeline.
    pub fn journey(&self, n: usize) -> Vec<&interview_stage::Model> {
        let open: Vec<&interview_stage::Model> = self
            .stages
            .iter()
            .filter(|s| s.stage_type != ARCHIVED)
            .collect();
        let target = &self.stages[n % self.stages.len()];
        if target.stage_type == ARCHIVED {
            let depth = 1 + (n / self.stages.len()) % open.len().max(1);
            let mut path: Vec<_> = open.into_iter().take(depth).collect();
            path.push(target);
            return path;
        }
        let end = open.iter().position(|s| s.id == target.id).unwrap_or(0);
        open.into_iter().take(end + 1).collect()
    }
}

/// Every job with a default plan that has stages, with those stages (two queries).
pub async fn pipelines<C: ConnectionTrait>(db: &C) -> Result<Vec<Pipeline>, DbErr> {
    let jobs = job::Entity::find()
        .filter(job::Column::DefaultInterviewPlanId.is_not_null())
        .order_by_asc(job::Column::CreatedAt)
        .order_by_asc(job::Column::Id)
        .all(db)
        .await?;
    let plan_ids: Vec<Uuid> = jobs
        .iter()
        .filter_map(|j| j.default_interview_plan_id)
        .collect();
    let mut stages: HashMap<Uuid, Vec<interview_stage::Model>> = HashMap::new();
    for s in interview_stage::Entity::find()
        .filter(interview_stage::Column::InterviewPlanId.is_in(plan_ids))
        .order_by_asc(interview_stage::Column::OrderInPlan)
        .order_by_asc(interview_stage::Column::Id)
        .all(db)
        .await?
    {
        stages.entry(s.interview_plan_id).or_default().push(s);
    }
    Ok(jobs
        .into_iter()
        .filter_map(|j| {
            let plan_id = j.default_interview_plan_id?;
            let stages = stages.get(&plan_id).filter(|s| !s.is_empty())?.clone();
            Some(Pipeline {
                job_id: j.id,
                plan_id,
                stages,
            })
        })
        .collect())
}

/// What one generated application is.
pub struct Generated<'a> {
    pub candidate_id: Uuid,
    pub pipeline: &'a Pipeline,
    pub path: Vec<&'a interview_stage::Model>,
    pub created_at: DateTime<Utc>,
    /// Time spent in each stage before the next.
    pub step: Duration,
    pub archive_reason: Option<Uuid>,
    pub source_id: Option<Uuid>,
    pub credited_to_user_id: Option<Uuid>,
}

/// The application row and its history rows.
pub fn application_rows(
    change: i64,
    g: &Generated,
) -> (
    application::ActiveModel,
    Vec<application_history::ActiveModel>,
) {
    let id = Uuid::now_v7();
    let entered = |i: usize| g.created_at + g.step * i as i32;
    let last = g.path.len().saturating_sub(1);
    let current = g.path[last];
    let archived = current.stage_type == ARCHIVED;
    let updated = entered(last);
    let history = g
        .path
        .iter()
        .enumerate()
        .map(|(i, stage)| application_history::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(entered(i)),
            updated_at: Set(entered(i)),
            change_seq: Set(change),
            application_id: Set(id),
            stage_id: Set(stage.id),
            title: Set(stage.title.clone()),
            stage_number: Set(i as i32),
            entered_stage_at: Set(entered(i)),
            left_stage_at: Set((i < last).then(|| entered(i + 1))),
            archive_reason_id: Set(g.archive_reason.filter(|_| i == last && archived)),
            actor_id: Set(None),
        })
        .collect();
    let row = application::ActiveModel {
        id: Set(id),
        created_at: Set(g.created_at),
        updated_at: Set(updated),
        change_seq: Set(change),
        candidate_id: Set(g.candidate_id),
        job_id: Set(g.pipeline.job_id),
        interview_plan_id: Set(g.pipeline.plan_id),
        current_stage_id: Set(current.id),
        status: Set(status_for(&current.stage_type).into()),
        source_id: Set(g.source_id),
        credited_to_user_id: Set(g.credited_to_user_id),
        archive_reason_id: Set(g.archive_reason.filter(|_| archived)),
        archived_at: Set(archived.then_some(updated)),
        applied_via_job_posting_id: Set(None),
        submitter_client_ip: Set(None),
        submitter_user_agent: Set(None),
    };
    (row, history)
}

/// Ids of the active rows of a reference table, oldest first.
pub async fn reference_ids<C: ConnectionTrait>(
    db: &C,
) -> Result<(Vec<Uuid>, Vec<Uuid>, Vec<Uuid>), DbErr> {
    let reasons = archive_reason::Entity::find()
        .filter(archive_reason::Column::IsArchived.eq(false))
        .order_by_asc(archive_reason::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let sources = source::Entity::find()
        .filter(source::Column::IsArchived.eq(false))
        .order_by_asc(source::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let users = user::Entity::find()
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    Ok((reasons, sources, users))
}

pub struct Applications {
    pub applications: usize,
    pub archived: usize,
    pub feedback: usize,
}

/// Every candidate gets an application; every fifth a second one on another job.
pub async fn load(
    write: &WriteTxn,
    candidate_ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<Applications, DbErr> {
    let db = &write.txn;
    let pipelines = pipelines(db).await?;
    if pipelines.is_empty() || candidate_ids.is_empty() {
        return Ok(Applications {
            applications: 0,
            archived: 0,
            feedback: 0,
        });
    }
    let (reasons, sources, users) = reference_ids(db).await?;
    let created: HashMap<Uuid, DateTime<Utc>> = candidate::Entity::find()
        .filter(candidate::Column::Id.is_in(candidate_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.created_at))
        .collect();
    let pick = |list: &[Uuid], n: usize| (!list.is_empty()).then(|| list[n % list.len()]);
    let mut rows = Vec::new();
    let mut history = Vec::new();
    let mut n = 0;
    for (i, candidate_id) in candidate_ids.iter().enumerate() {
        let applications = if i % 5 == 0 { 2 } else { 1 };
        for k in 0..applications {
            let pipeline = &pipelines[(i + k) % pipelines.len()];
            let start = created.get(candidate_id).copied().unwrap_or(now) + Duration::hours(2);
            let generated = Generated {
                candidate_id: *candidate_id,
                pipeline,
                path: pipeline.journey(n),
                created_at: start,
                step: Duration::hours(20 + (n % 30) as i64),
                archive_reason: pick(&reasons, n),
                source_id: pick(&sources, n),
                credited_to_user_id: if n % 3 == 0 { pick(&users, n) } else { None },
            };
            let (row, entries) = application_rows(write.change, &generated);
            rows.push(row);
            history.extend(entries);
            n += 1;
        }
    }
    let archived = rows
        .iter()
        .filter(|r| matches!(&r.status, sea_orm::ActiveValue::Set(s) if s == ARCHIVED))
        .count();
    let feedback = feedback_rows(db, write.change, &rows, &users, now).await?;
    let counts = Applications {
        applications: rows.len(),
        archived,
        feedback: feedback.len(),
    };
    for chunk in rows.chunks(500) {
        application::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    for chunk in history.chunks(500) {
        application_history::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    for chunk in feedback.chunks(200) {
        application_feedback::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(counts)
}

/// Feedback on every third application past its first stage, on the demo's first
/// feedback form, answered field by field.
async fn feedback_rows<C: ConnectionTrait>(
    db: &C,
    change: i64,
    applications: &[application::ActiveModel],
    users: &[Uuid],
    now: DateTime<Utc>,
) -> Result<Vec<application_feedback::ActiveModel>, DbErr> {
    let Some(form) = form_definition::Entity::find()
        .filter(form_definition::Column::Kind.eq("feedback"))
        .order_by_asc(form_definition::Column::CreatedAt)
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let fields: Vec<Value> = form.definition["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["fields"].as_array().cloned().unwrap_or_default())
        .collect();
    let mut out = Vec::new();
    for (n, a) in applications.iter().enumerate().filter(|(n, _)| n % 3 == 1) {
        let (sea_orm::ActiveValue::Set(id), sea_orm::ActiveValue::Set(at)) = (&a.id, &a.updated_at)
        else {
            continue;
        };
        let mut values = Map::new();
        for f in &fields {
            let field = &f["field"];
            let Some(path) = field["path"].as_str() else {
                continue;
            };
            values.insert(path.to_string(), answer(field, n));
        }
        let submitted = (*at).min(now);
        out.push(application_feedback::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(submitted),
            updated_at: Set(submitted),
            change_seq: Set(change),
            application_id: Set(*id),
            form_definition_id: Set(form.id),
            form_definition: Set(form.definition.clone()),
            submitted_values: Set(Value::Object(values)),
            submitted_by_user_id: Set(users[n % users.len()]),
            submitted_at: Set(submitted),
            interview_event_id: Set(None),
        });
    }
    Ok(out)
}

/// A plausible answer to a feedback field.
fn answer(field: &Value, n: usize) -> Value {
    let first_choice = || field["selectableValues"][n % 2]["value"].clone();
    match field["type"].as_str().unwrap_or_default() {
        "Score" => json!({"score": 1 + n % 4}),
        "Boolean" => json!(n.is_multiple_of(2)),
        "Number" => json!(n % 10),
        "ValueSelect" => first_choice(),
        "MultiValueSelect" => json!([first_choice()]),
        _ => json!(NOTES[n % NOTES.len()]),
    }
}

const NOTES: [&str; 4] = [
    "Clear communicator; solid fundamentals.",
    "Strong system design, lighter on testing.",
    "Great collaboration signals; would like a second opinion on depth.",
    "Not the level we need for this role.",
];
