//! `project.*`: sourcing projects. Confidential projects are invisible to keys
//! without the flag.

use super::input::EpochMillis;
use super::paging::{self, PageParams};
use super::{search_pattern, time, Ctx, Reply};
use crate::error::ApiError;
use crate::store::candidate_links::visible_projects;
use crate::store::entities::project;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// `project.search` answers at most this many projects.
const SEARCH_LIMIT: u64 = 100;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectView {
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

impl From<project::Model> for ProjectView {
    fn from(p: project::Model) -> Self {
        ProjectView {
            id: p.id,
            title: p.title,
            description: p.description,
            is_archived: p.is_archived,
            confidential: p.confidential,
            author_id: p.author_id,
            created_at: p.created_at,
            custom_field_entries: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(alias = "id")]
    project_id: Uuid,
}

/// `project.info`
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    let p = visible_projects(&ctx.caller)
        .filter(project::Column::Id.eq(req.project_id))
        .one(ctx.state.store.reader())
        .await?
        .ok_or_else(|| ApiError::not_found("project", req.project_id))?;
    Reply::object(ProjectView::from(p))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
    #[serde(default)]
    created_after: Option<EpochMillis>,
}

/// `project.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = visible_projects(&ctx.caller);
    if let Some(after) = req.created_after {
        select = select.filter(project::Column::CreatedAt.gt(after.0));
    }
    let page = paging::list(&ctx, "project.list", &req.page, select).await?;
    let items: Vec<ProjectView> = page.rows.into_iter().map(Into::into).collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    #[serde(default)]
    title: Option<String>,
}

/// `project.search`: projects whose title contains `title`, any case; at most 100.
/// Projects are few, so the lowercase comparison needs no shadow column.
pub async fn search(ctx: Ctx, req: SearchRequest) -> Result<Reply, ApiError> {
    let title = req.title.as_deref().map(str::trim).unwrap_or_default();
    if title.is_empty() {
        return Err(ApiError::invalid_input(
            "`title`: send the text to search for",
        ));
    }
    let lower_title = Func::lower(Expr::col((project::Entity, project::Column::Title)));
    let rows = visible_projects(&ctx.caller)
        .filter(Expr::expr(lower_title).like(search_pattern(&title.to_lowercase())))
        .order_by_asc(project::Column::Title)
        .order_by_asc(project::Column::Id)
        .limit(SEARCH_LIMIT)
        .all(ctx.state.store.reader())
        .await?;
    let items: Vec<ProjectView> = rows.into_iter().map(Into::into).collect();
    Reply::object(items)
}
