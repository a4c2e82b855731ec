//! `sourceTrackingLink.list`: links that credit applications to a source.

use super::input::Flag;
use super::paging::{self, PageParams};
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::source_tracking_link::{self, Column, Entity as Links};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LinkView {
    id: Uuid,
    code: String,
    enabled: bool,
    source_id: Uuid,
    link: String,
}

impl From<source_tracking_link::Model> for LinkView {
    fn from(m: source_tracking_link::Model) -> Self {
        LinkView {
            id: m.id,
            code: m.code,
            enabled: m.enabled,
            source_id: m.source_id,
            link: m.link,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    include_disabled: Flag,
    #[serde(flatten)]
    page: PageParams,
}

/// `sourceTrackingLink.list`: enabled links unless `includeDisabled`.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = Links::find();
    if !req.include_disabled.0 {
        select = select.filter(Column::Enabled.eq(true));
    }
    let page = paging::list(&ctx, "sourceTrackingLink.list", &req.page, select).await?;
    let items: Vec<LinkView> = page.rows.into_iter().map(Into::into).collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}
