//! How applications move through interview plans: which stages a job offers, the
//! archive-reason rule, the status a stage implies, and the history every move writes.

use crate::error::ApiError;
use crate::store::entities::{
    application, application_history as history, archive_reason, interview_stage, job,
    job_interview_plan,
};
use crate::store::WriteTxn;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

pub const ARCHIVED: &str = "Archived";

/// The application status a stage type implies.
pub fn status_for(stage_type: &str) -> &'static str {
    match stage_type {
        "Lead" => "Lead",
        "Hired" => "Hired",
        ARCHIVED => ARCHIVED,
        _ => "Active",
    }
}

/// The plan an application on `job` uses: `requested`, which must be one of the job's
/// plans, or the job's default plan.
pub async fn plan_for_job<C: ConnectionTrait>(
    db: &C,
    job: &job::Model,
    requested: Option<Uuid>,
) -> Result<Uuid, ApiError> {
    let Some(plan) = requested else {
        return job.default_interview_plan_id.ok_or_else(|| {
            ApiError::new(
                "interview_plan_not_found",
                format!("Job {} has no interview plan.", job.id),
            )
        });
    };
    let linked = job_interview_plan::Entity::find()
        .filter(job_interview_plan::Column::JobId.eq(job.id))
        .filter(job_interview_plan::Column::InterviewPlanId.eq(plan))
        .one(db)
        .await?
        .is_some();
    if linked || job.default_interview_plan_id == Some(plan) {
        Ok(plan)
    } else {
        Err(ApiError::new(
            "interview_plan_not_found",
            format!("Interview plan {plan} is not a plan of job {}.", job.id),
        ))
    }
}

/// A stage of `plan`, or `interview_stage_not_found`.
pub async fn stage_in_plan<C: ConnectionTrait>(
    db: &C,
    plan: Uuid,
    id: Uuid,
) -> Result<interview_stage::Model, ApiError> {
    interview_stage::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|s| s.interview_plan_id == plan)
        .ok_or_else(|| {
            ApiError::new(
                "interview_stage_not_found",
                format!("Interview stage {id} is not a stage of interview plan {plan}."),
            )
        })
}

/// The first stage of `plan` of this type, else the plan's first stage.
pub async fn first_stage<C: ConnectionTrait>(
    db: &C,
    plan: Uuid,
    stage_type: &str,
) -> Result<interview_stage::Model, ApiError> {
    let stages = interview_stage::Entity::find()
        .filter(interview_stage::Column::InterviewPlanId.eq(plan))
        .order_by_asc(interview_stage::Column::OrderInPlan)
        .order_by_asc(interview_stage::Column::Id)
        .all(db)
        .await?;
    let first = stages.first().cloned();
    stages
        .into_iter()
        .find(|s| s.stage_type == stage_type)
        .or(first)
        .ok_or_else(|| {
            ApiError::new(
                "interview_stage_not_found",
                format!("Interview plan {plan} has no stages."),
            )
        })
}

/// An Archived stage needs an archive reason; any other stage refuses one.
pub async fn check_archive_reason<C: ConnectionTrait>(
    db: &C,
    stage: &interview_stage::Model,
    reason: Option<Uuid>,
) -> Result<Option<Uuid>, ApiError> {
    match (stage.stage_type == ARCHIVED, reason) {
        (true, None) => Err(ApiError::invalid_input(format!(
            "`archiveReasonId` is required to move to the Archived stage `{}`.",
            stage.title
        ))),
        (false, Some(_)) => Err(ApiError::invalid_input(format!(
            "`archiveReasonId` is only accepted for Archived stages; `{}` is a {} stage.",
            stage.title, stage.stage_type
        ))),
        (false, None) => Ok(None),
        (true, Some(id)) => {
            archive_reason::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| ApiError::not_found("archive_reason", id))?;
            Ok(Some(id))
        }
    }
}

/// Where an application goes: a stage (of `plan`, on `job`), why if archived, and when.
pub struct Move<'a> {
    pub job_id: Uuid,
    pub plan_id: Uuid,
    pub stage: &'a interview_stage::Model,
    pub archive_reason: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// Sets the application's current stage and the status, reason and archive time it
/// implies, on an application row about to be written.
pub fn place(row: &mut application::ActiveModel, to: &Move) {
    let archived = to.stage.stage_type == ARCHIVED;
    row.job_id = Set(to.job_id);
    row.interview_plan_id = Set(to.plan_id);
    row.current_stage_id = Set(to.stage.id);
    row.status = Set(status_for(&to.stage.stage_type).into());
    row.archive_reason_id = Set(to.archive_reason.filter(|_| archived));
    row.archived_at = Set(archived.then_some(to.at));
}

/// One history entry, not yet written.
pub fn entry(
    write: &WriteTxn,
    application_id: Uuid,
    number: i32,
    to: &Move,
    left_at: Option<DateTime<Utc>>,
) -> history::ActiveModel {
    let now = Utc::now();
    history::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        application_id: Set(application_id),
        stage_id: Set(to.stage.id),
        title: Set(to.stage.title.clone()),
        stage_number: Set(number),
        entered_stage_at: Set(to.at),
        left_stage_at: Set(left_at),
        archive_reason_id: Set(to.archive_reason),
        actor_id: Set(None),
    }
}

/// Moves a stored application: closes its open history entry, appends the new stage,
/// and writes the application row.
pub async fn move_application(
    write: &WriteTxn,
    current: application::Model,
    to: &Move<'_>,
) -> Result<(), ApiError> {
    let id = current.id;
    let last = history::Entity::find()
        .filter(history::Column::ApplicationId.eq(id))
        .order_by_desc(history::Column::StageNumber)
        .one(&write.txn)
        .await?;
    history::Entity::update_many()
        .col_expr(history::Column::LeftStageAt, Expr::value(to.at))
        .col_expr(history::Column::ChangeSeq, Expr::value(write.change))
        .col_expr(history::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(history::Column::ApplicationId.eq(id))
        .filter(history::Column::LeftStageAt.is_null())
        .exec(&write.txn)
        .await?;
    let number = last.map_or(0, |h| h.stage_number + 1);
    entry(write, id, number, to, None)
        .insert(&write.txn)
        .await?;
    let mut row = current.into_active_model();
    place(&mut row, to);
    row.updated_at = Set(Utc::now());
    row.change_seq = Set(write.change);
    row.update(&write.txn).await?;
    Ok(())
}
