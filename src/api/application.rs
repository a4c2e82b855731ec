//! `application.*`: a candidate considered for a job, moving through the job's
//! interview plan. Every read starts from `store::applications::visible_applications`.

mod history;
pub mod intake;
mod pipeline;
mod view;

pub use history::{list_history, update_history};
pub use pipeline::status_for;
pub use view::{render, Extras};

use super::input::EpochMillis;
use super::paging::{self, PageParams};
use super::{hiring_team, patch, Ctx, Reply};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::applications::{self, visible_applications};
use crate::store::candidates;
use crate::store::entities::{
    application, application_criteria_evaluation as evaluation, application_form_submission, job,
    source, user,
};
use crate::store::WriteTxn;
use chrono::{DateTime, Utc};
use pipeline::{check_archive_reason, Move as StageMove};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

/// Columns `batch::touch` stamps when something nested in an application changes.
pub const TOUCH: (
    application::Column,
    application::Column,
    application::Column,
) = (
    application::Column::Id,
    application::Column::ChangeSeq,
    application::Column::UpdatedAt,
);

const STATUSES: [&str; 4] = ["Hired", "Archived", "Active", "Lead"];
/// `interviewStageId` may name the first pre-interview screen instead of a stage.
const FIRST_SCREEN: &str = "FirstPreInterviewScreen";

/// A visible application, or `application_not_found`.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    id: Uuid,
) -> Result<application::Model, ApiError> {
    applications::find_visible(db, &ctx.caller, id)
        .await?
        .ok_or_else(|| ApiError::not_found("application", id))
}

/// Answers with one application as it now stands, history included.
pub async fn respond(ctx: &Ctx, id: Uuid, extras: Extras) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let row = find(db, ctx, id).await?;
    let extras = Extras {
        history: true,
        ..extras
    };
    Reply::object(render(db, &ctx.caller, vec![row], extras).await?.pop())
}

async fn check_exists<E, C>(db: &C, thing: &str, id: Option<Uuid>) -> Result<(), ApiError>
where
    E: EntityTrait,
    E::PrimaryKey: sea_orm::PrimaryKeyTrait<ValueType = Uuid>,
    C: ConnectionTrait,
{
    let Some(id) = id else { return Ok(()) };
    match E::find_by_id(id).one(db).await? {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found(thing, id)),
    }
}

pub async fn check_source<C: ConnectionTrait>(db: &C, id: Option<Uuid>) -> Result<(), ApiError> {
    check_exists::<source::Entity, _>(db, "source", id).await
}

pub async fn check_user<C: ConnectionTrait>(db: &C, id: Option<Uuid>) -> Result<(), ApiError> {
    check_exists::<user::Entity, _>(db, "user", id).await
}

/// A stage named by id or by the `FirstPreInterviewScreen` keyword.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum StageRef {
    Id(Uuid),
    Keyword(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryInput {
    pub stage_id: Uuid,
    pub stage_number: i32,
    pub entered_stage_at: DateTime<Utc>,
    #[serde(default)]
    pub archive_reason_id: Option<Uuid>,
    #[serde(default)]
    pub application_history_id: Option<Uuid>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    candidate_id: Uuid,
    job_id: Uuid,
    #[serde(default)]
    interview_plan_id: Option<Uuid>,
    #[serde(default)]
    interview_stage_id: Option<StageRef>,
    #[serde(default)]
    source_id: Option<Uuid>,
    #[serde(default)]
    credited_to_user_id: Option<Uuid>,
    #[serde(default)]
    created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    application_history: Option<Vec<HistoryInput>>,
}

/// What a new application is, checked; shared by `create`, referrals and forms.
pub struct NewApplication {
    pub candidate_id: Uuid,
    pub job: job::Model,
    pub plan_id: Option<Uuid>,
    pub stage: Option<StageRef>,
    pub source_id: Option<Uuid>,
    pub credited_to_user_id: Option<Uuid>,
    pub created_at: Option<DateTime<Utc>>,
    pub history: Vec<HistoryInput>,
    pub applied_via_job_posting_id: Option<Uuid>,
}

/// `application.create`: considers a candidate for a job.
pub async fn create(ctx: Ctx, req: CreateRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    candidates::find_visible(&write.txn, &ctx.caller, req.candidate_id)
        .await?
        .ok_or_else(|| ApiError::not_found("candidate", req.candidate_id))?;
    let job = super::job::visible(&write.txn, &ctx.caller, req.job_id).await?;
    let id = insert(
        &write,
        NewApplication {
            candidate_id: req.candidate_id,
            job,
            plan_id: req.interview_plan_id,
            stage: req.interview_stage_id,
            source_id: req.source_id,
            credited_to_user_id: req.credited_to_user_id,
            created_at: req.created_at,
            history: req.application_history.unwrap_or_default(),
            applied_via_job_posting_id: None,
        },
    )
    .await?;
    write.commit().await?;
    respond(&ctx, id, Extras::default()).await
}

/// Writes a new application with its history, after checking everything it names.
pub async fn insert(write: &WriteTxn, new: NewApplication) -> Result<Uuid, ApiError> {
    let db = &write.txn;
    let plan = pipeline::plan_for_job(db, &new.job, new.plan_id).await?;
    check_source(db, new.source_id).await?;
    check_user(db, new.credited_to_user_id).await?;
    let now = Utc::now();
    let created_at = new.created_at.unwrap_or(now);
    let mut steps = Vec::new();
    if new.history.is_empty() {
        let stage = match new.stage {
            Some(StageRef::Id(id)) => pipeline::stage_in_plan(db, plan, id).await?,
            Some(StageRef::Keyword(k)) if k == FIRST_SCREEN => {
                pipeline::first_stage(db, plan, "PreInterviewScreen").await?
            }
            Some(StageRef::Keyword(k)) => {
                return Err(ApiError::invalid_input(format!(
                    "Invalid value for `interviewStageId`: `{k}` is neither a stage id nor `{FIRST_SCREEN}`."
                )))
            }
            None => pipeline::first_stage(db, plan, "Lead").await?,
        };
        if stage.stage_type == pipeline::ARCHIVED {
            return Err(ApiError::invalid_input(
                "A new application cannot start in an Archived stage; create it, then use application.changeStage.",
            ));
        }
        steps.push((stage, None, created_at));
    } else {
        steps = history::checked_steps(db, plan, new.history).await?;
    }
    let id = Uuid::now_v7();
    let moves: Vec<StageMove> = steps
        .iter()
        .map(|(stage, reason, at)| StageMove {
            job_id: new.job.id,
            plan_id: plan,
            stage,
            archive_reason: *reason,
            at: *at,
        })
        .collect();
    let Some(current) = moves.last() else {
        return Err(ApiError::invalid_input("`applicationHistory` is empty."));
    };
    let mut row = application::ActiveModel {
        id: Set(id),
        created_at: Set(created_at),
        updated_at: Set(now),
        change_seq: Set(write.change),
        candidate_id: Set(new.candidate_id),
        source_id: Set(new.source_id),
        credited_to_user_id: Set(new.credited_to_user_id),
        applied_via_job_posting_id: Set(new.applied_via_job_posting_id),
        submitter_client_ip: Set(None),
        submitter_user_agent: Set(None),
        ..Default::default()
    };
    pipeline::place(&mut row, current);
    row.insert(db).await?;
    history::write_entries(write, id, &moves).await?;
    Ok(id)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(default, alias = "id")]
    application_id: Option<Uuid>,
    #[serde(default)]
    submitted_form_instance_id: Option<Uuid>,
    #[serde(default)]
    expand: Vec<String>,
}

/// `application.info`, by `applicationId` or by an application form submission's id.
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let id = match (req.application_id, req.submitted_form_instance_id) {
        (Some(id), _) => id,
        (None, Some(form)) => application_form_submission::Entity::find_by_id(form)
            .one(db)
            .await?
            .map(|f| f.application_id)
            .ok_or_else(|| ApiError::not_found("application", form))?,
        (None, None) => {
            return Err(ApiError::invalid_input(
                "Send `applicationId` or `submittedFormInstanceId`.",
            ))
        }
    };
    let allowed: &[&str] = if req.application_id.is_some() {
        &["openings", "applicationFormSubmissions", "referrals"]
    } else {
        &["openings", "applicationFormSubmissions"]
    };
    let extras = Extras::from_expand(&req.expand, allowed)?;
    respond(&ctx, id, extras).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
    #[serde(default)]
    created_after: Option<EpochMillis>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    job_id: Option<Uuid>,
    #[serde(default)]
    expand: Vec<String>,
}

/// `application.list`: keyset pages in change order, with sync tokens.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let extras = Extras::from_expand(&req.expand, &["openings"])?;
    let mut select = visible_applications(&ctx.caller);
    if let Some(after) = req.created_after {
        select = select.filter(application::Column::CreatedAt.gt(after.0));
    }
    if let Some(status) = req.status.as_deref() {
        if !STATUSES.contains(&status) {
            return Err(ApiError::invalid_input(format!(
                "Invalid value for `status`: `{status}`; expected one of {}.",
                STATUSES.join(", ")
            )));
        }
        select = select.filter(application::Column::Status.eq(status));
    }
    if let Some(job) = req.job_id {
        select = select.filter(application::Column::JobId.eq(job));
    }
    let page = paging::list(&ctx, "application.list", &req.page, select).await?;
    let views = render(ctx.state.store.reader(), &ctx.caller, page.rows, extras).await?;
    Reply::page(views, page.next_cursor, page.sync_token)
}

/// A stored application about to be changed by this write.
fn touched(current: application::Model, write: &WriteTxn) -> application::ActiveModel {
    let mut row = current.into_active_model();
    row.updated_at = Set(Utc::now());
    row.change_seq = Set(write.change);
    row
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRequest {
    application_id: Uuid,
    #[serde(default)]
    source_id: Option<Uuid>,
    #[serde(default)]
    credited_to_user_id: Option<Uuid>,
    #[serde(default)]
    created_at: Option<DateTime<Utc>>,
}

/// `application.update`: source, credited user, creation time.
pub async fn update(ctx: Ctx, req: UpdateRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let current = find(&write.txn, &ctx, req.application_id).await?;
    check_source(&write.txn, req.source_id).await?;
    check_user(&write.txn, req.credited_to_user_id).await?;
    let mut row = touched(current, &write);
    if let Some(source) = req.source_id {
        row.source_id = Set(Some(source));
    }
    if let Some(user) = req.credited_to_user_id {
        row.credited_to_user_id = Set(Some(user));
    }
    if let Some(at) = req.created_at {
        row.created_at = Set(at);
    }
    row.update(&write.txn).await?;
    write.commit().await?;
    respond(&ctx, req.application_id, Extras::default()).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeSourceRequest {
    application_id: Uuid,
    #[serde(default, deserialize_with = "patch::nullable")]
    source_id: Option<Option<Uuid>>,
}

/// `application.changeSource`: `sourceId: null` clears the source.
pub async fn change_source(ctx: Ctx, req: ChangeSourceRequest) -> Result<Reply, ApiError> {
    let Some(source) = req.source_id else {
        return Err(ApiError::invalid_input(
            "`sourceId` is required (send null to clear the source).",
        ));
    };
    let write = ctx.state.store.write().await?;
    let current = find(&write.txn, &ctx, req.application_id).await?;
    check_source(&write.txn, source).await?;
    let mut row = touched(current, &write);
    row.source_id = Set(source);
    row.update(&write.txn).await?;
    write.commit().await?;
    respond(&ctx, req.application_id, Extras::default()).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeStageRequest {
    application_id: Uuid,
    interview_stage_id: Uuid,
    #[serde(default)]
    archive_reason_id: Option<Uuid>,
    #[serde(default)]
    archive_email: Option<Value>,
}

/// `application.changeStage`: to another stage of the application's plan.
pub async fn change_stage(ctx: Ctx, req: ChangeStageRequest) -> Result<Reply, ApiError> {
    if req.archive_email.as_ref().is_some_and(|e| !e.is_null()) {
        return Err(ApiError::new(
            "communication_template_not_allowed",
            "Ashlar sends no email: leave out `archiveEmail`.",
        ));
    }
    let write = ctx.state.store.write().await?;
    let current = find(&write.txn, &ctx, req.application_id).await?;
    let stage = pipeline::stage_in_plan(
        &write.txn,
        current.interview_plan_id,
        req.interview_stage_id,
    )
    .await?;
    let reason = check_archive_reason(&write.txn, &stage, req.archive_reason_id).await?;
    let to = StageMove {
        job_id: current.job_id,
        plan_id: current.interview_plan_id,
        stage: &stage,
        archive_reason: reason,
        at: Utc::now(),
    };
    pipeline::move_application(&write, current, &to).await?;
    write.commit().await?;
    respond(&ctx, req.application_id, Extras::default()).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferRequest {
    application_id: Uuid,
    job_id: Uuid,
    interview_plan_id: Uuid,
    interview_stage_id: Uuid,
}

/// `application.transfer`: to a stage of another job's plan.
pub async fn transfer(ctx: Ctx, req: TransferRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let current = find(&write.txn, &ctx, req.application_id).await?;
    let job = super::job::visible(&write.txn, &ctx.caller, req.job_id).await?;
    let plan = pipeline::plan_for_job(&write.txn, &job, Some(req.interview_plan_id)).await?;
    let stage = pipeline::stage_in_plan(&write.txn, plan, req.interview_stage_id).await?;
    if stage.stage_type == pipeline::ARCHIVED {
        return Err(ApiError::invalid_input(
            "Transfer to an active stage; archive with application.changeStage, which takes a reason.",
        ));
    }
    let to = StageMove {
        job_id: job.id,
        plan_id: plan,
        stage: &stage,
        archive_reason: None,
        at: Utc::now(),
    };
    pipeline::move_application(&write, current, &to).await?;
    write.commit().await?;
    respond(&ctx, req.application_id, Extras::default()).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberRequest {
    application_id: Uuid,
    team_member_id: Uuid,
    role_id: Uuid,
}

impl MemberRequest {
    fn team(self) -> hiring_team::MemberRequest {
        hiring_team::MemberRequest::for_application(
            self.application_id,
            self.team_member_id,
            self.role_id,
        )
    }
}

/// `application.addHiringTeamMember`
pub async fn add_hiring_team_member(ctx: Ctx, req: MemberRequest) -> Result<Reply, ApiError> {
    hiring_team::add_member(ctx, req.team()).await
}

/// `application.removeHiringTeamMember`
pub async fn remove_hiring_team_member(ctx: Ctx, req: MemberRequest) -> Result<Reply, ApiError> {
    hiring_team::remove_member(ctx, req.team()).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvaluationsRequest {
    application_id: Uuid,
    #[serde(flatten)]
    page: PageParams,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EvaluationView {
    id: Uuid,
    criterion: Value,
    status: String,
    outcome: Option<String>,
    reasoning: Option<String>,
    skip_reason: Option<String>,
    outcome_number: Option<f64>,
    #[serde(serialize_with = "super::time::serialize_opt")]
    evaluated_at: Option<DateTime<Utc>>,
}

/// `application.listCriteriaEvaluations`: an application's AI criteria evaluations.
pub async fn list_criteria_evaluations(
    ctx: Ctx,
    req: EvaluationsRequest,
) -> Result<Reply, ApiError> {
    find(ctx.state.store.reader(), &ctx, req.application_id).await?;
    let select =
        evaluation::Entity::find().filter(evaluation::Column::ApplicationId.eq(req.application_id));
    let page = paging::list(
        &ctx,
        "application.listCriteriaEvaluations",
        &req.page,
        select,
    )
    .await?;
    let views: Vec<EvaluationView> = page
        .rows
        .into_iter()
        .map(|e| EvaluationView {
            id: e.id,
            criterion: e.criterion,
            status: e.status,
            outcome: e.outcome,
            reasoning: e.reasoning,
            skip_reason: e.skip_reason,
            outcome_number: e.outcome_number,
            evaluated_at: e.evaluated_at,
        })
        .collect();
    Reply::page(views, page.next_cursor, None)
}

/// The ids of these candidates' applications the caller may see, by candidate, oldest first.
pub async fn ids_by_candidate<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    candidates: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Uuid>>, ApiError> {
    if candidates.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(Uuid, Uuid)> = visible_applications(caller)
        .select_only()
        .column(application::Column::CandidateId)
        .column(application::Column::Id)
        .filter(application::Column::CandidateId.is_in(candidates.iter().copied()))
        .order_by_asc(application::Column::CreatedAt)
        .order_by_asc(application::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (owner, id) in rows {
        out.entry(owner).or_default().push(id);
    }
    Ok(out)
}
