//! `jobBoard.list`: the enabled job boards.

use super::paging::{self, PageParams};
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::job_board;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BoardView {
    id: Uuid,
    title: String,
    is_internal: bool,
}

#[derive(Deserialize)]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
}

/// `jobBoard.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let select = job_board::Entity::find().filter(job_board::Column::IsEnabled.eq(true));
    let page = paging::list(&ctx, "jobBoard.list", &req.page, select).await?;
    let views: Vec<BoardView> = page
        .rows
        .into_iter()
        .map(|b| BoardView {
            id: b.id,
            title: b.title,
            is_internal: b.is_internal,
        })
        .collect();
    Reply::page(views, page.next_cursor, page.sync_token)
}
