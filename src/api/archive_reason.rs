//! `archiveReason.list`: why applications get archived.

use super::input::Flag;
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::archive_reason::{self, Column, Entity as Reasons};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReasonView {
    id: Uuid,
    text: String,
    reason_type: String,
    is_archived: bool,
}

impl From<archive_reason::Model> for ReasonView {
    fn from(m: archive_reason::Model) -> Self {
        ReasonView {
            id: m.id,
            text: m.text,
            reason_type: m.reason_type,
            is_archived: m.is_archived,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    include_archived: Flag,
}

/// `archiveReason.list`: not paginated; every reason, oldest first.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = Reasons::find().order_by_asc(Column::Id);
    if !req.include_archived.0 {
        select = select.filter(Column::IsArchived.eq(false));
    }
    let rows = select.all(ctx.state.store.reader()).await?;
    Reply::object(rows.into_iter().map(ReasonView::from).collect::<Vec<_>>())
}
