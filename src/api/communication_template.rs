//! `communicationTemplate.list`: the enabled message templates.

use super::{time, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::communication_template::{self, Column, Entity as Templates};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TemplateView {
    id: Uuid,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize")]
    updated_at: DateTime<Utc>,
    title: String,
    intended_types: Value,
}

impl From<communication_template::Model> for TemplateView {
    fn from(m: communication_template::Model) -> Self {
        TemplateView {
            id: m.id,
            created_at: m.created_at,
            updated_at: m.updated_at,
            title: m.title,
            intended_types: m.intended_types,
        }
    }
}

#[derive(Deserialize)]
pub struct ListRequest {}

/// `communicationTemplate.list`: not paginated.
pub async fn list(ctx: Ctx, _: ListRequest) -> Result<Reply, ApiError> {
    let rows = Templates::find()
        .filter(Column::IsEnabled.eq(true))
        .order_by_asc(Column::Id)
        .all(ctx.state.store.reader())
        .await?;
    Reply::object(rows.into_iter().map(TemplateView::from).collect::<Vec<_>>())
}
