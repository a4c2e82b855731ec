//! `interviewPlan.list`: published interview plans; drafts never, archived on request.

use super::input::Flag;
use super::paging::{self, PageParams};
use super::{time, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::interview_plan;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanView {
    id: Uuid,
    title: String,
    is_archived: bool,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize")]
    updated_at: DateTime<Utc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
    #[serde(default)]
    include_archived: Flag,
}

/// `interviewPlan.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select =
        interview_plan::Entity::find().filter(interview_plan::Column::IsDraft.eq(false));
    if req.page.hides_archived(&ctx, req.include_archived.0) {
        select = select.filter(interview_plan::Column::IsArchived.eq(false));
    }
    let page = paging::list(&ctx, "interviewPlan.list", &req.page, select).await?;
    let views: Vec<PlanView> = page
        .rows
        .into_iter()
        .map(|p| PlanView {
            id: p.id,
            title: p.title,
            is_archived: p.is_archived,
            created_at: p.created_at,
            updated_at: p.updated_at,
        })
        .collect();
    Reply::page(views, page.next_cursor, page.sync_token)
}
