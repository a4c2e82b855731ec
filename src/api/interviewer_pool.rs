//! `interviewerPool.*`: groups of interviewers qualified for a kind of interview.
//! Membership changes rewrite the pool's change number, so syncs see them.

use super::archiving::{check_transition, refuse_if_archived};
use super::input::Flag;
use super::paging::{self, PageParams};
use super::user::{find_user, paused_now, UserView};
use super::{text, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::interviewer_pool::{self, Column, Entity as Pools};
use crate::store::entities::interviewer_pool_member::{self as member, Entity as Members};
use crate::store::entities::user::{self, Entity as Users};
use crate::store::WriteTxn;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, ModelTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TrainingPath {
    id: Uuid,
    enabled: bool,
    /// Training stages are not modelled yet; a path starts without any.
    training_stages: Vec<()>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MemberView {
    #[serde(flatten)]
    user: UserView,
    is_paused: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PoolView {
    id: Uuid,
    title: String,
    is_archived: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    training_path: Option<TrainingPath>,
    qualified_members: Vec<MemberView>,
    /// Trainees need training stages, which pools do not have yet.
    trainees: Vec<()>,
}

/// The pools with their members, in three queries whatever their number.
async fn views(
    db: &impl ConnectionTrait,
    pools: Vec<interviewer_pool::Model>,
) -> Result<Vec<PoolView>, ApiError> {
    let pool_ids: Vec<Uuid> = pools.iter().map(|p| p.id).collect();
    let members = Members::find()
        .filter(member::Column::PoolId.is_in(pool_ids))
        .order_by_asc(member::Column::CreatedAt)
        .order_by_asc(member::Column::UserId)
        .all(db)
        .await?;
    let user_ids: Vec<Uuid> = members.iter().map(|m| m.user_id).collect();
    let users: HashMap<Uuid, user::Model> = Users::find()
        .filter(user::Column::Id.is_in(user_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let paused: HashSet<Uuid> = paused_now(db, user_ids, Utc::now())
        .await?
        .into_iter()
        .collect();
    let mut by_pool: HashMap<Uuid, Vec<MemberView>> = HashMap::new();
    for m in members {
        if let Some(user) = users.get(&m.user_id) {
            by_pool.entry(m.pool_id).or_default().push(MemberView {
                user: UserView::from(user),
                is_paused: paused.contains(&user.id),
            });
        }
    }
    Ok(pools
        .into_iter()
        .map(|p| PoolView {
            qualified_members: by_pool.remove(&p.id).unwrap_or_default(),
            training_path: p.training_path_id.map(|id| TrainingPath {
                id,
                enabled: true,
                training_stages: Vec::new(),
            }),
            id: p.id,
            title: p.title,
            is_archived: p.is_archived,
            trainees: Vec::new(),
        })
        .collect())
}

async fn reply(
    db: &impl ConnectionTrait,
    pool: interviewer_pool::Model,
) -> Result<Reply, ApiError> {
    let view = views(db, vec![pool]).await?.pop();
    Reply::object(view)
}

async fn load(write: &WriteTxn, id: Uuid) -> Result<interviewer_pool::Model, ApiError> {
    Pools::find_by_id(id)
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("interviewer_pool", id))
}

/// Stamps the pool with this write's change number, answers it, and commits.
async fn save(write: WriteTxn, mut row: interviewer_pool::ActiveModel) -> Result<Reply, ApiError> {
    row.change_seq = Set(write.change);
    row.updated_at = Set(Utc::now());
    let saved = row.update(&write.txn).await?;
    let reply = reply(&write.txn, saved).await?;
    write.commit().await?;
    Ok(reply)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    title: String,
    #[serde(default)]
    requires_training: Flag,
}

/// `interviewerPool.create`
pub async fn create(ctx: Ctx, req: CreateRequest) -> Result<Reply, ApiError> {
    let title = text::required("title", &req.title)?;
    let write = ctx.state.store.write().await?;
    let now = Utc::now();
    let pool = interviewer_pool::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        title: Set(title),
        is_archived: Set(false),
        training_path_id: Set(req.requires_training.0.then(Uuid::now_v7)),
    }
    .insert(&write.txn)
    .await?;
    let reply = reply(&write.txn, pool).await?;
    write.commit().await?;
    Ok(reply)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdRequest {
    #[serde(alias = "id")]
    interviewer_pool_id: Uuid,
}

/// `interviewerPool.info`
pub async fn info(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let pool = Pools::find_by_id(req.interviewer_pool_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("interviewer_pool", req.interviewer_pool_id))?;
    reply(db, pool).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    include_archived_pools: Flag,
    #[serde(flatten)]
    page: PageParams,
}

/// `interviewerPool.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = Pools::find();
    if req.page.hides_archived(&ctx, req.include_archived_pools.0) {
        select = select.filter(Column::IsArchived.eq(false));
    }
    let page = paging::list(&ctx, "interviewerPool.list", &req.page, select).await?;
    let items = views(ctx.state.store.reader(), page.rows).await?;
    Reply::page(items, page.next_cursor, page.sync_token)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRequest {
    interviewer_pool_id: Uuid,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    requires_training: Option<Flag>,
}

/// `interviewerPool.update`: turning training on gives the pool a training path.
pub async fn update(ctx: Ctx, req: UpdateRequest) -> Result<Reply, ApiError> {
    let new_title = req
        .title
        .as_deref()
        .map(|t| text::required("title", t))
        .transpose()?;
    let write = ctx.state.store.write().await?;
    let pool = load(&write, req.interviewer_pool_id).await?;
    refuse_if_archived("interviewer_pool", pool.id, pool.is_archived)?;
    let path = match req.requires_training {
        Some(Flag(true)) => Some(pool.training_path_id.unwrap_or_else(Uuid::now_v7)),
        Some(Flag(false)) => None,
        None => pool.training_path_id,
    };
    let mut row = pool.into_active_model();
    if let Some(t) = new_title {
        row.title = Set(t);
    }
    row.training_path_id = Set(path);
    save(write, row).await
}

/// `interviewerPool.archive`
pub async fn archive(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    set_archived(ctx, req.interviewer_pool_id, true).await
}

/// `interviewerPool.restore`
pub async fn restore(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    set_archived(ctx, req.interviewer_pool_id, false).await
}

async fn set_archived(ctx: Ctx, id: Uuid, archive: bool) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let pool = load(&write, id).await?;
    check_transition("interviewer_pool", id, pool.is_archived, archive)?;
    let mut row = pool.into_active_model();
    row.is_archived = Set(archive);
    save(write, row).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddUserRequest {
    interviewer_pool_id: Uuid,
    user_id: Uuid,
    #[serde(default)]
    interviewer_pool_training_path_stage_id: Option<Uuid>,
}

/// The pool (active) and the user, both checked inside the write.
async fn pool_and_user(
    write: &WriteTxn,
    pool_id: Uuid,
    user_id: Uuid,
) -> Result<(interviewer_pool::Model, user::Model), ApiError> {
    let pool = load(write, pool_id).await?;
    let user = find_user(&write.txn, user_id).await?;
    refuse_if_archived("interviewer_pool", pool.id, pool.is_archived)?;
    Ok((pool, user))
}

/// `interviewerPool.addUser`: adds a qualified member; adding one twice changes nothing.
pub async fn add_user(ctx: Ctx, req: AddUserRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let (pool, user) = pool_and_user(&write, req.interviewer_pool_id, req.user_id).await?;
    if let Some(stage) = req.interviewer_pool_training_path_stage_id {
        // Pools have no training stages yet, so no stage id can be one of this pool's.
        return Err(ApiError::not_found(
            "interviewer_pool_training_path_stage",
            stage,
        ));
    }
    if !user.is_enabled {
        return Err(ApiError::invalid_input(format!(
            "`userId`: the user {} is deactivated and cannot interview",
            user.id
        )));
    }
    let existing = Members::find_by_id((pool.id, user.id))
        .one(&write.txn)
        .await?;
    if existing.is_some() {
        return reply(&write.txn, pool).await;
    }
    member::ActiveModel {
        pool_id: Set(pool.id),
        user_id: Set(user.id),
        created_at: Set(Utc::now()),
    }
    .insert(&write.txn)
    .await?;
    save(write, pool.into_active_model()).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoveUserRequest {
    interviewer_pool_id: Uuid,
    user_id: Uuid,
}

/// `interviewerPool.removeUser`: the user must be a member.
pub async fn remove_user(ctx: Ctx, req: RemoveUserRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let (pool, user) = pool_and_user(&write, req.interviewer_pool_id, req.user_id).await?;
    let membership = Members::find_by_id((pool.id, user.id))
        .one(&write.txn)
        .await?
        .ok_or_else(|| {
            ApiError::invalid_input(format!(
                "`userId`: the user {} is not a member of the interviewer pool {}",
                user.id, pool.id
            ))
        })?;
    membership.delete(&write.txn).await?;
    save(write, pool.into_active_model()).await
}
