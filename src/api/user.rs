//! `user.*`: the organisation's members, their interviewer limits and pauses.

use super::input::Flag;
use super::paging::{self, PageParams};
use super::{patch, text, time, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::interviewer_pause::{self, Entity as Pauses};
use crate::store::entities::user::{self, Column, Entity as Users};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    ModelTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A user as Ashby returns it, also nested in interviewer pools, jobs and
/// candidates (`creditedToUser`).
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    id: Uuid,
    first_name: String,
    last_name: String,
    email: String,
    global_role: String,
    is_enabled: bool,
    #[serde(serialize_with = "time::serialize")]
    updated_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    manager_id: Option<Uuid>,
}

impl From<&user::Model> for UserView {
    fn from(m: &user::Model) -> Self {
        UserView {
            id: m.id,
            first_name: m.first_name.clone(),
            last_name: m.last_name.clone(),
            email: m.email.clone(),
            global_role: m.global_role.clone(),
            is_enabled: m.is_enabled,
            updated_at: m.updated_at,
            manager_id: m.manager_id,
        }
    }
}

/// The user, or `user_not_found`.
pub async fn find_user(db: &impl ConnectionTrait, id: Uuid) -> Result<user::Model, ApiError> {
    Users::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("user", id))
}

/// Pauses in force at `now` (started, not yet ended) for these users.
pub async fn paused_now(
    db: &impl ConnectionTrait,
    users: Vec<Uuid>,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbErr> {
    let pauses = Pauses::find()
        .filter(interviewer_pause::Column::UserId.is_in(users))
        .filter(interviewer_pause::Column::StartsAt.lte(now))
        .filter(not_ended(now))
        .all(db)
        .await?;
    Ok(pauses.into_iter().map(|p| p.user_id).collect())
}

fn not_ended(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(interviewer_pause::Column::EndsAt.is_null())
        .add(interviewer_pause::Column::EndsAt.gt(now))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdRequest {
    #[serde(alias = "id")]
    user_id: Uuid,
}

/// `user.info`
pub async fn info(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    let user = find_user(ctx.state.store.reader(), req.user_id).await?;
    Reply::object(UserView::from(&user))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    include_deactivated: Flag,
    #[serde(flatten)]
    page: PageParams,
}

/// `user.list`: enabled users unless `includeDeactivated`.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = Users::find();
    if !req.include_deactivated.0 {
        select = select.filter(Column::IsEnabled.eq(true));
    }
    let page = paging::list(&ctx, "user.list", &req.page, select).await?;
    let items: Vec<UserView> = page.rows.iter().map(UserView::from).collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}

#[derive(Deserialize)]
pub struct SearchRequest {
    email: String,
}

/// `user.search`: by email, whatever its case; an array of zero or one user.
pub async fn search(ctx: Ctx, req: SearchRequest) -> Result<Reply, ApiError> {
    let email = req.email.trim().to_lowercase();
    if email.is_empty() {
        return Err(ApiError::invalid_input("`email` may not be empty"));
    }
    let users = Users::find()
        .filter(Column::EmailLower.eq(email))
        .all(ctx.state.store.reader())
        .await?;
    Reply::object(users.iter().map(UserView::from).collect::<Vec<_>>())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InterviewerSettings {
    id: Uuid,
    daily_limit: Option<i32>,
    weekly_limit: Option<i32>,
}

impl From<&user::Model> for InterviewerSettings {
    fn from(m: &user::Model) -> Self {
        InterviewerSettings {
            id: m.id,
            daily_limit: m.interviewer_daily_limit,
            weekly_limit: m.interviewer_weekly_limit,
        }
    }
}

/// `user.interviewerSettings`
pub async fn interviewer_settings(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    let user = find_user(ctx.state.store.reader(), req.user_id).await?;
    Reply::object(InterviewerSettings::from(&user))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateSettingsRequest {
    user_id: Uuid,
    #[serde(default, deserialize_with = "patch::nullable")]
    daily_limit: Option<Option<u32>>,
    #[serde(default, deserialize_with = "patch::nullable")]
    weekly_limit: Option<Option<u32>>,
}

/// A limit fits the column and means at least one interview.
fn limit(field: &str, value: Option<u32>) -> Result<Option<i32>, ApiError> {
    value
        .map(|n| match i32::try_from(n) {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(ApiError::invalid_input(format!(
                "`{field}` must be a whole number from 1 to {}, or null for no limit",
                i32::MAX
            ))),
        })
        .transpose()
}

/// `user.updateInterviewerSettings`: sent limits change, `null` removes one; a
/// daily limit may not exceed the weekly one.
pub async fn update_interviewer_settings(
    ctx: Ctx,
    req: UpdateSettingsRequest,
) -> Result<Reply, ApiError> {
    let daily = req
        .daily_limit
        .map(|v| limit("dailyLimit", v))
        .transpose()?;
    let weekly = req
        .weekly_limit
        .map(|v| limit("weeklyLimit", v))
        .transpose()?;
    let write = ctx.state.store.write().await?;
    let user = find_user(&write.txn, req.user_id).await?;
    let new_daily = daily.unwrap_or(user.interviewer_daily_limit);
    let new_weekly = weekly.unwrap_or(user.interviewer_weekly_limit);
    if let (Some(d), Some(w)) = (new_daily, new_weekly) {
        if d > w {
            return Err(ApiError::invalid_input(format!(
                "`dailyLimit` ({d}) may not exceed `weeklyLimit` ({w})"
            )));
        }
    }
    let mut row = user.into_active_model();
    row.interviewer_daily_limit = Set(new_daily);
    row.interviewer_weekly_limit = Set(new_weekly);
    row.change_seq = Set(write.change);
    row.updated_at = Set(Utc::now());
    let saved = row.update(&write.txn).await?;
    write.commit().await?;
    Reply::object(InterviewerSettings::from(&saved))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PauseView {
    id: Uuid,
    user_id: Uuid,
    #[serde(serialize_with = "time::serialize")]
    starts_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize_opt")]
    ends_at: Option<DateTime<Utc>>,
    comment: Option<String>,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
}

impl From<interviewer_pause::Model> for PauseView {
    fn from(m: interviewer_pause::Model) -> Self {
        PauseView {
            id: m.id,
            user_id: m.user_id,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            comment: m.comment,
            created_at: m.created_at,
        }
    }
}

/// `user.listInterviewerPauses`: pauses in force or still to come, soonest first.
pub async fn list_interviewer_pauses(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let user = find_user(db, req.user_id).await?;
    let pauses = Pauses::find()
        .filter(interviewer_pause::Column::UserId.eq(user.id))
        .filter(not_ended(Utc::now()))
        .order_by_asc(interviewer_pause::Column::StartsAt)
        .order_by_asc(interviewer_pause::Column::Id)
        .all(db)
        .await?;
    Reply::object(pauses.into_iter().map(PauseView::from).collect::<Vec<_>>())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePauseRequest {
    user_id: Uuid,
    #[serde(default)]
    starts_at: Option<DateTime<Utc>>,
    #[serde(default)]
    ends_at: Option<DateTime<Utc>>,
    #[serde(default)]
    comment: Option<String>,
}

/// `user.createInterviewerPause`: starts now unless told otherwise, and must end
/// after it starts and after now.
pub async fn create_interviewer_pause(
    ctx: Ctx,
    req: CreatePauseRequest,
) -> Result<Reply, ApiError> {
    let now = Utc::now();
    let starts_at = req.starts_at.unwrap_or(now);
    if let Some(ends_at) = req.ends_at {
        if ends_at <= starts_at {
            return Err(ApiError::invalid_input(
                "`endsAt` must be later than `startsAt`",
            ));
        }
        if ends_at <= now {
            return Err(ApiError::invalid_input(
                "`endsAt` is in the past; a pause must end in the future",
            ));
        }
    }
    let write = ctx.state.store.write().await?;
    find_user(&write.txn, req.user_id).await?;
    let pause = interviewer_pause::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(req.user_id),
        starts_at: Set(starts_at),
        ends_at: Set(req.ends_at),
        comment: Set(text::optional(req.comment)),
        created_at: Set(now),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    Reply::object(PauseView::from(pause))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletePauseRequest {
    interviewer_pause_id: Uuid,
}

#[derive(Serialize)]
struct Deleted {
    id: Uuid,
}

/// `user.deleteInterviewerPause`
pub async fn delete_interviewer_pause(
    ctx: Ctx,
    req: DeletePauseRequest,
) -> Result<Reply, ApiError> {
    let id = req.interviewer_pause_id;
    let write = ctx.state.store.write().await?;
    let pause = Pauses::find_by_id(id)
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("interviewer_pause", id))?;
    pause.delete(&write.txn).await?;
    write.commit().await?;
    Reply::object(Deleted { id })
}
