//! `interviewStageGroup.list`: the organisation's stage groups in pipeline order.

use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::interview_stage_group as group;
use sea_orm::{EntityTrait, QueryOrder};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GroupView {
    id: Uuid,
    title: String,
    order: i32,
    stage_type: String,
}

#[derive(Deserialize)]
pub struct ListRequest {}

/// `interviewStageGroup.list`
pub async fn list(ctx: Ctx, _: ListRequest) -> Result<Reply, ApiError> {
    let groups = group::Entity::find()
        .order_by_asc(group::Column::SortOrder)
        .order_by_asc(group::Column::Id)
        .all(ctx.state.store.reader())
        .await?;
    let views: Vec<GroupView> = groups
        .into_iter()
        .map(|g| GroupView {
            id: g.id,
            title: g.title,
            order: g.sort_order,
            stage_type: g.stage_type,
        })
        .collect();
    Reply::object(views)
}
