//! `project.info`. Confidential projects are invisible to keys without the flag.

use super::{time, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::project;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProjectView {
    id: Uuid,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    is_archived: bool,
    confidential: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    author_id: Option<Uuid>,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
    custom_field_entries: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(alias = "id")]
    project_id: Uuid,
}

/// `project.info`
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    let mut select = project::Entity::find_by_id(req.project_id);
    if !ctx.caller.sees_confidential() {
        select = select.filter(project::Column::Confidential.eq(false));
    }
    let p = select
        .one(ctx.state.store.reader())
        .await?
        .ok_or_else(|| ApiError::not_found("project", req.project_id))?;
    Reply::object(ProjectView {
        id: p.id,
        title: p.title,
        description: p.description,
        is_archived: p.is_archived,
        confidential: p.confidential,
        author_id: p.author_id,
        created_at: p.created_at,
        custom_field_entries: Vec::new(),
    })
}
