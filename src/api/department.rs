//! `department.*`: the organisation's departments and teams, a tree by `parentId`.

use super::archiving::check_transition;
use super::input::Flag;
use super::paging::{self, PageParams};
use super::{patch, text, time, tree, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::department::{self, Column, Entity as Departments};
use crate::store::WriteTxn;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;
use uuid::Uuid;

/// A department as Ashby returns it; the optional fields are explicit nulls.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DepartmentView {
    id: Uuid,
    name: String,
    external_name: Option<String>,
    is_archived: bool,
    parent_id: Option<Uuid>,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize")]
    updated_at: DateTime<Utc>,
    extra_data: Option<Value>,
}

impl From<department::Model> for DepartmentView {
    fn from(m: department::Model) -> Self {
        DepartmentView {
            id: m.id,
            name: m.name,
            external_name: m.external_name,
            is_archived: m.is_archived,
            parent_id: m.parent_id,
            created_at: m.created_at,
            updated_at: m.updated_at,
            extra_data: m.extra_data,
        }
    }
}

fn reply(m: department::Model) -> Result<Reply, ApiError> {
    Reply::object(DepartmentView::from(m))
}

async fn load(write: &WriteTxn, id: Uuid) -> Result<department::Model, ApiError> {
    Departments::find_by_id(id)
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("department", id))
}

/// Writes `row` with this transaction's change number and commits.
async fn save(
    write: WriteTxn,
    mut row: department::ActiveModel,
) -> Result<department::Model, ApiError> {
    row.change_seq = Set(write.change);
    row.updated_at = Set(Utc::now());
    let saved = row.update(&write.txn).await?;
    write.commit().await?;
    Ok(saved)
}

/// A parent must exist and be active.
async fn check_parent(write: &WriteTxn, parent_id: Uuid) -> Result<(), ApiError> {
    let parent = load(write, parent_id).await?;
    if parent.is_archived {
        return Err(ApiError::invalid_input(format!(
            "`parentId`: the department {parent_id} is archived; restore it or pick another parent"
        )));
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    name: String,
    #[serde(default)]
    external_name: Option<String>,
    #[serde(default)]
    parent_id: Option<Uuid>,
    #[serde(default)]
    extra_data: Option<Map<String, Value>>,
}

/// `department.create`
pub async fn create(ctx: Ctx, req: CreateRequest) -> Result<Reply, ApiError> {
    let name = text::required("name", &req.name)?;
    let write = ctx.state.store.write().await?;
    if let Some(parent_id) = req.parent_id {
        check_parent(&write, parent_id).await?;
    }
    let now = Utc::now();
    let row = department::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        name: Set(name),
        external_name: Set(text::optional(req.external_name)),
        is_archived: Set(false),
        parent_id: Set(req.parent_id),
        extra_data: Set(req.extra_data.map(Value::Object)),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    reply(row)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdRequest {
    #[serde(alias = "id")]
    department_id: Uuid,
}

/// `department.info`
pub async fn info(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    let row = Departments::find_by_id(req.department_id)
        .one(ctx.state.store.reader())
        .await?
        .ok_or_else(|| ApiError::not_found("department", req.department_id))?;
    reply(row)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    include_archived: Flag,
    #[serde(flatten)]
    page: PageParams,
}

/// `department.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = Departments::find();
    if req.page.hides_archived(&ctx, req.include_archived.0) {
        select = select.filter(Column::IsArchived.eq(false));
    }
    let page = paging::list(&ctx, "department.list", &req.page, select).await?;
    let items: Vec<DepartmentView> = page.rows.into_iter().map(Into::into).collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRequest {
    department_id: Uuid,
    #[serde(default)]
    name: Option<String>,
    #[serde(default, deserialize_with = "patch::nullable")]
    external_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "patch::nullable")]
    extra_data: Option<Option<Map<String, Value>>>,
}

/// `department.update`: only the fields sent change; `null` clears an optional one.
pub async fn update(ctx: Ctx, req: UpdateRequest) -> Result<Reply, ApiError> {
    let new_name = req
        .name
        .as_deref()
        .map(|n| text::required("name", n))
        .transpose()?;
    let write = ctx.state.store.write().await?;
    let mut row = load(&write, req.department_id).await?.into_active_model();
    if let Some(n) = new_name {
        row.name = Set(n);
    }
    if let Some(external) = req.external_name {
        row.external_name = Set(text::optional(external));
    }
    if let Some(extra) = req.extra_data {
        row.extra_data = Set(extra.map(Value::Object));
    }
    reply(save(write, row).await?)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveRequest {
    department_id: Uuid,
    /// Absent or null: the department becomes top-level.
    #[serde(default)]
    parent_id: Option<Uuid>,
}

/// `department.move`: refuses a parent that is the department itself or below it.
pub async fn r#move(ctx: Ctx, req: MoveRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let row = load(&write, req.department_id).await?;
    if let Some(parent_id) = req.parent_id {
        check_parent(&write, parent_id).await?;
        let parents: HashMap<Uuid, Option<Uuid>> = Departments::find()
            .select_only()
            .column(Column::Id)
            .column(Column::ParentId)
            .into_tuple::<(Uuid, Option<Uuid>)>()
            .all(&write.txn)
            .await?
            .into_iter()
            .collect();
        if tree::would_cycle(&parents, row.id, parent_id) {
            return Err(ApiError::invalid_input(format!(
                "`parentId`: the department {parent_id} is {} department {}, so the move would make a cycle",
                if parent_id == row.id { "the same as" } else { "inside" },
                row.id
            )));
        }
    }
    let mut row = row.into_active_model();
    row.parent_id = Set(req.parent_id);
    reply(save(write, row).await?)
}

/// `department.archive`
pub async fn archive(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    set_archived(ctx, req.department_id, true).await
}

/// `department.restore`
pub async fn restore(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    set_archived(ctx, req.department_id, false).await
}

async fn set_archived(ctx: Ctx, id: Uuid, archive: bool) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let row = load(&write, id).await?;
    check_transition("department", id, row.is_archived, archive)?;
    let mut row = row.into_active_model();
    row.is_archived = Set(archive);
    reply(save(write, row).await?)
}
