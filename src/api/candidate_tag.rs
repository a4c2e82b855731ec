//! `candidateTag.*`: labels for candidates, one per title whatever its case.

use super::archiving::check_transition;
use super::input::Flag;
use super::paging::{self, PageParams};
use super::{text, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::candidate_tag::{self, Column, Entity as Tags};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct TagView {
    id: Uuid,
    title: String,
    is_archived: bool,
}

impl From<candidate_tag::Model> for TagView {
    fn from(m: candidate_tag::Model) -> Self {
        TagView {
            id: m.id,
            title: m.title,
            is_archived: m.is_archived,
        }
    }
}

#[derive(Deserialize)]
pub struct CreateRequest {
    title: String,
}

/// `candidateTag.create`: a title that exists already (in any case) answers
/// the existing tag instead of making a second one.
pub async fn create(ctx: Ctx, req: CreateRequest) -> Result<Reply, ApiError> {
    let title = text::required("title", &req.title)?;
    let title_lower = title.to_lowercase();
    let write = ctx.state.store.write().await?;
    let existing = Tags::find()
        .filter(Column::TitleLower.eq(title_lower.clone()))
        .one(&write.txn)
        .await?;
    if let Some(tag) = existing {
        return Reply::object(TagView::from(tag));
    }
    let now = Utc::now();
    let tag = candidate_tag::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        title: Set(title),
        title_lower: Set(title_lower),
        is_archived: Set(false),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    Reply::object(TagView::from(tag))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    include_archived: Flag,
    #[serde(flatten)]
    page: PageParams,
}

/// `candidateTag.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = Tags::find();
    if req.page.hides_archived(&ctx, req.include_archived.0) {
        select = select.filter(Column::IsArchived.eq(false));
    }
    let page = paging::list(&ctx, "candidateTag.list", &req.page, select).await?;
    let items: Vec<TagView> = page.rows.into_iter().map(Into::into).collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveRequest {
    tag_id: Uuid,
}

/// `candidateTag.archive`
pub async fn archive(ctx: Ctx, req: ArchiveRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let tag = Tags::find_by_id(req.tag_id)
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("candidate_tag", req.tag_id))?;
    check_transition("candidate_tag", tag.id, tag.is_archived, true)?;
    let mut row = tag.into_active_model();
    row.is_archived = Set(true);
    row.change_seq = Set(write.change);
    row.updated_at = Set(Utc::now());
    let saved = row.update(&write.txn).await?;
    write.commit().await?;
    Reply::object(TagView::from(saved))
}
