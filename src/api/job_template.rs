//! `jobTemplate.list`: active and inactive job templates.

use super::location::LocationView;
use super::paging::{self, PageParams};
use super::{time, Ctx, Reply};
use crate::error::ApiError;
use crate::store::batch;
use crate::store::entities::{job_template, location};
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TemplateView {
    id: Uuid,
    title: String,
    status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_interview_plan_id: Option<Uuid>,
    interview_plan_ids: Vec<Uuid>,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize")]
    updated_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<LocationView>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
    #[serde(default)]
    expand: Vec<String>,
}

/// `jobTemplate.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut expand_location = false;
    for value in &req.expand {
        match value.as_str() {
            "location" => expand_location = true,
            other => {
                return Err(ApiError::invalid_input(format!(
                    "`expand` cannot be `{other}`; use location."
                )))
            }
        }
    }
    let select = job_template::Entity::find();
    let page = paging::list(&ctx, "jobTemplate.list", &req.page, select).await?;
    let locations = if expand_location {
        batch::by_id::<location::Entity, _>(
            ctx.state.store.reader(),
            location::Column::Id,
            page.rows.iter().filter_map(|t| t.location_id),
        )
        .await?
    } else {
        Default::default()
    };
    let views: Vec<TemplateView> = page
        .rows
        .into_iter()
        .map(|t| TemplateView {
            location: t
                .location_id
                .and_then(|l| locations.get(&l))
                .map(LocationView::from),
            id: t.id,
            title: t.title,
            status: t.status,
            location_id: t.location_id,
            department_id: t.department_id,
            default_interview_plan_id: t.default_interview_plan_id,
            interview_plan_ids: t.default_interview_plan_id.into_iter().collect(),
            created_at: t.created_at,
            updated_at: t.updated_at,
        })
        .collect();
    Reply::page(views, page.next_cursor, page.sync_token)
}
