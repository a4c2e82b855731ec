//! `candidate.addTag/removeTag/addProject/removeProject/listProjects`: a candidate's
//! tags and project memberships. Each change marks the candidate changed, so
//! incremental syncs of candidates see it.

use super::{load_for_write, respond, touched};
use crate::api::archiving::refuse_if_archived;
use crate::api::paging::{self, PageParams};
use crate::api::project::ProjectView;
use crate::api::{Ctx, Reply};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::candidate_links::{projects_of_candidate, visible_projects};
use crate::store::candidates;
use crate::store::entities::project;
use crate::store::entities::{candidate, candidate_project, candidate_tag, candidate_tag_link};
use crate::store::WriteTxn;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TagRequest {
    candidate_id: Uuid,
    tag_id: Uuid,
}

async fn find_tag(write: &WriteTxn, id: Uuid) -> Result<candidate_tag::Model, ApiError> {
    candidate_tag::Entity::find_by_id(id)
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("candidate_tag", id))
}

/// Marks the candidate changed by this write.
async fn mark_changed(write: &WriteTxn, current: candidate::Model) -> Result<(), ApiError> {
    touched(current, Utc::now(), write)
        .update(&write.txn)
        .await?;
    Ok(())
}

/// `candidate.addTag`: archived tags cannot be added; adding a tag twice is a no-op.
pub async fn add_tag(ctx: Ctx, req: TagRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let current = load_for_write(&write, &ctx.caller, req.candidate_id).await?;
    let tag = find_tag(&write, req.tag_id).await?;
    refuse_if_archived("candidate_tag", tag.id, tag.is_archived)?;
    let linked = candidate_tag_link::Entity::find_by_id((current.id, tag.id))
        .one(&write.txn)
        .await?
        .is_some();
    if !linked {
        candidate_tag_link::ActiveModel {
            candidate_id: Set(current.id),
            tag_id: Set(tag.id),
        }
        .insert(&write.txn)
        .await?;
        mark_changed(&write, current).await?;
    }
    write.commit().await?;
    respond(&ctx, req.candidate_id).await
}

/// `candidate.removeTag`: removing a tag the candidate does not have is a no-op.
pub async fn remove_tag(ctx: Ctx, req: TagRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let current = load_for_write(&write, &ctx.caller, req.candidate_id).await?;
    let tag = find_tag(&write, req.tag_id).await?;
    let removed = candidate_tag_link::Entity::delete_by_id((current.id, tag.id))
        .exec(&write.txn)
        .await?
        .rows_affected;
    if removed > 0 {
        mark_changed(&write, current).await?;
    }
    write.commit().await?;
    respond(&ctx, req.candidate_id).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectRequest {
    candidate_id: Uuid,
    project_id: Uuid,
}

/// A project the caller may see, or `project_not_found`.
async fn find_project(
    write: &WriteTxn,
    caller: &Caller,
    id: Uuid,
) -> Result<project::Model, ApiError> {
    visible_projects(caller)
        .filter(project::Column::Id.eq(id))
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("project", id))
}

/// `candidate.addProject`: archived projects take no new candidates; adding twice
/// is a no-op. The project is marked changed too, so `candidate.listProjects`
/// syncs see the new membership.
pub async fn add_project(ctx: Ctx, req: ProjectRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let current = load_for_write(&write, &ctx.caller, req.candidate_id).await?;
    let project = find_project(&write, &ctx.caller, req.project_id).await?;
    refuse_if_archived("project", project.id, project.is_archived)?;
    let member = candidate_project::Entity::find_by_id((current.id, project.id))
        .one(&write.txn)
        .await?
        .is_some();
    if !member {
        candidate_project::ActiveModel {
            candidate_id: Set(current.id),
            project_id: Set(project.id),
        }
        .insert(&write.txn)
        .await?;
        mark_changed(&write, current).await?;
        let mut project = project.into_active_model();
        project.updated_at = Set(Utc::now());
        project.change_seq = Set(write.change);
        project.update(&write.txn).await?;
    }
    write.commit().await?;
    respond(&ctx, req.candidate_id).await
}

/// `candidate.removeProject`: removing a candidate from a project it is not in is
/// a no-op.
pub async fn remove_project(ctx: Ctx, req: ProjectRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let current = load_for_write(&write, &ctx.caller, req.candidate_id).await?;
    let project = find_project(&write, &ctx.caller, req.project_id).await?;
    let removed = candidate_project::Entity::delete_by_id((current.id, project.id))
        .exec(&write.txn)
        .await?
        .rows_affected;
    if removed > 0 {
        mark_changed(&write, current).await?;
    }
    write.commit().await?;
    respond(&ctx, req.candidate_id).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListProjectsRequest {
    candidate_id: Uuid,
    #[serde(flatten)]
    page: PageParams,
}

/// `candidate.listProjects`: the visible projects the candidate belongs to.
pub async fn list_projects(ctx: Ctx, req: ListProjectsRequest) -> Result<Reply, ApiError> {
    candidates::find_visible(ctx.state.store.reader(), &ctx.caller, req.candidate_id)
        .await?
        .ok_or_else(|| ApiError::not_found("candidate", req.candidate_id))?;
    let select = projects_of_candidate(&ctx.caller, req.candidate_id);
    // Cursors are bound to the candidate, so one cannot continue another's list.
    let endpoint = format!("candidate.listProjects:{}", req.candidate_id);
    let page = paging::list(&ctx, &endpoint, &req.page, select).await?;
    let items: Vec<ProjectView> = page.rows.into_iter().map(Into::into).collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}
