//! `interviewStage.*`: the ordered, typed stages of an interview plan.

use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::{interview_plan, interview_stage};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Ashby's InterviewStage (objects.md 2.11); `interviewStageGroupId` is null when unset.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageView {
    pub id: Uuid,
    pub title: String,
    #[serde(rename = "type")]
    pub stage_type: String,
    pub order_in_interview_plan: i32,
    pub interview_stage_group_id: Option<Uuid>,
    pub interview_plan_id: Uuid,
}

impl From<interview_stage::Model> for StageView {
    fn from(s: interview_stage::Model) -> Self {
        StageView {
            id: s.id,
            title: s.title,
            stage_type: s.stage_type,
            order_in_interview_plan: s.order_in_plan,
            interview_stage_group_id: s.interview_stage_group_id,
            interview_plan_id: s.interview_plan_id,
        }
    }
}

/// A plan's stages in plan order, or `interview_plan_not_found`.
pub async fn stages_of<C: ConnectionTrait>(
    db: &C,
    plan_id: Uuid,
) -> Result<Vec<interview_stage::Model>, ApiError> {
    interview_plan::Entity::find_by_id(plan_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("interview_plan", plan_id))?;
    Ok(interview_stage::Entity::find()
        .filter(interview_stage::Column::InterviewPlanId.eq(plan_id))
        .order_by_asc(interview_stage::Column::OrderInPlan)
        .order_by_asc(interview_stage::Column::Id)
        .all(db)
        .await?)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    interview_plan_id: Uuid,
}

/// `interviewStage.list`: every stage at once (`moreDataAvailable` is always false).
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let stages = stages_of(ctx.state.store.reader(), req.interview_plan_id).await?;
    let views: Vec<StageView> = stages.into_iter().map(StageView::from).collect();
    Reply::page(views, None, None)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(alias = "id")]
    interview_stage_id: Uuid,
}

/// `interviewStage.info`
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    let stage = interview_stage::Entity::find_by_id(req.interview_stage_id)
        .one(ctx.state.store.reader())
        .await?
        .ok_or_else(|| ApiError::not_found("interview_stage", req.interview_stage_id))?;
    Reply::object(StageView::from(stage))
}
