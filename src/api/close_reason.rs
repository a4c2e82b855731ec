//! `closeReason.list`: why jobs and openings close.

use super::input::Flag;
use super::paging::{self, PageParams};
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::close_reason;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReasonView {
    id: Uuid,
    reason_text: String,
    is_archived: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
    #[serde(default)]
    include_archived: Flag,
}

/// `closeReason.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = close_reason::Entity::find();
    if req.page.hides_archived(&ctx, req.include_archived.0) {
        select = select.filter(close_reason::Column::IsArchived.eq(false));
    }
    let page = paging::list(&ctx, "closeReason.list", &req.page, select).await?;
    let views: Vec<ReasonView> = page
        .rows
        .into_iter()
        .map(|r| ReasonView {
            id: r.id,
            reason_text: r.reason_text,
            is_archived: r.is_archived,
        })
        .collect();
    Reply::page(views, page.next_cursor, page.sync_token)
}
