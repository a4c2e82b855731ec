//! `opening.*`: openings (headcount), the jobs they can be filled through and the
//! locations they are in. An opening's details are versioned in Ashby; Ashlar keeps
//! the latest version on the row and gives it a new id on every edit.

use super::input::{EpochMillis, Flag};
use super::job;
use super::opening_state::OpeningState;
use super::opening_view::{render, OpeningView};
use super::paging::{self, PageParams};
use super::{search_pattern, Ctx, Reply};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::batch;
use crate::store::entities::{close_reason, department, job as job_e, location};
use crate::store::entities::{opening, opening_job, opening_location};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    ModelTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Deserialize;
use uuid::Uuid;

/// Columns `batch::touch` stamps.
pub const TOUCH: (opening::Column, opening::Column, opening::Column) = (
    opening::Column::Id,
    opening::Column::ChangeSeq,
    opening::Column::UpdatedAt,
);

const EMPLOYMENT_TYPES: [&str; 5] = ["FullTime", "PartTime", "Intern", "Contract", "Temporary"];

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<opening::Model, ApiError> {
    opening::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("opening", id))
}

async fn respond<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    row: opening::Model,
) -> Result<OpeningView, ApiError> {
    render(db, caller, vec![row])
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal("a rendered opening went missing"))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(alias = "id")]
    opening_id: Uuid,
}

/// `opening.info`
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let row = find(db, req.opening_id).await?;
    Reply::object(respond(db, &ctx.caller, row).await?)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
    #[serde(default)]
    created_after: Option<EpochMillis>,
}

/// `opening.list`: every opening, archived ones too (they carry `isArchived`), so
/// an incremental sync learns about archiving.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = opening::Entity::find();
    if let Some(after) = req.created_after {
        select = select.filter(opening::Column::CreatedAt.gt(after.0));
    }
    let page = paging::list(&ctx, "opening.list", &req.page, select).await?;
    let views = render(ctx.state.store.reader(), &ctx.caller, page.rows).await?;
    Reply::page(views, page.next_cursor, page.sync_token)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    identifier: String,
}

/// `opening.search`: identifiers containing the text, any case; at most 100.
pub async fn search(ctx: Ctx, req: SearchRequest) -> Result<Reply, ApiError> {
    let needle = req.identifier.trim().to_lowercase();
    if needle.is_empty() {
        return Err(ApiError::invalid_input("`identifier` must not be empty."));
    }
    let db = ctx.state.store.reader();
    let rows = opening::Entity::find()
        .filter(Expr::col(opening::Column::IdentifierLower).like(search_pattern(&needle)))
        .order_by_asc(opening::Column::IdentifierLower)
        .order_by_asc(opening::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    Reply::object(render(db, &ctx.caller, rows).await?)
}

/// Fields `opening.create` and `opening.update` share.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Details {
    #[serde(default)]
    identifier: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    team_id: Option<Uuid>,
    #[serde(default)]
    target_hire_date: Option<String>,
    #[serde(default)]
    target_start_date: Option<String>,
    #[serde(default)]
    is_backfill: Option<Flag>,
    #[serde(default)]
    employment_type: Option<String>,
}

impl Details {
    /// Checks the fields and applies those present to `row`.
    async fn apply<C: ConnectionTrait>(
        self,
        db: &C,
        row: &mut opening::ActiveModel,
    ) -> Result<(), ApiError> {
        if let Some(identifier) = self.identifier {
            let identifier = identifier.trim().to_string();
            if identifier.is_empty() {
                return Err(ApiError::invalid_input("`identifier` must not be empty."));
            }
            row.identifier_lower = Set(identifier.to_lowercase());
            row.identifier = Set(identifier);
        }
        if let Some(description) = self.description {
            row.description = Set(description);
        }
        if let Some(team) = self.team_id {
            department::Entity::find_by_id(team)
                .one(db)
                .await?
                .ok_or_else(|| ApiError::not_found("department", team))?;
            row.department_id = Set(Some(team));
        }
        if let Some(date) = self.target_hire_date {
            row.target_hire_date = Set(date_field("targetHireDate", date)?);
        }
        if let Some(date) = self.target_start_date {
            row.target_start_date = Set(date_field("targetStartDate", date)?);
        }
        if let Some(Flag(backfill)) = self.is_backfill {
            row.is_backfill = Set(backfill);
        }
        if let Some(kind) = self.employment_type {
            row.employment_type = Set(employment_type(&kind)?);
        }
        Ok(())
    }
}

/// `YYYY-MM-DD`, or nothing when empty.
fn date_field(name: &str, value: String) -> Result<Option<String>, ApiError> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(|d| Some(d.format("%Y-%m-%d").to_string()))
        .map_err(|_| ApiError::invalid_input(format!("`{name}` must be a date like 2026-03-31.")))
}

/// An employment type; the empty string Ashby accepts means the default, FullTime.
pub fn employment_type(value: &str) -> Result<String, ApiError> {
    match value {
        "" => Ok("FullTime".into()),
        v if EMPLOYMENT_TYPES.contains(&v) => Ok(v.into()),
        other => Err(ApiError::invalid_input(format!(
            "`employmentType` cannot be `{other}`; use one of {}.",
            EMPLOYMENT_TYPES.join(", ")
        ))),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    #[serde(flatten)]
    details: Details,
    #[serde(default)]
    location_ids: Vec<Uuid>,
    #[serde(default)]
    job_ids: Vec<Uuid>,
    #[serde(default)]
    opening_state: Option<String>,
}

/// `opening.create`
pub async fn create(ctx: Ctx, req: CreateRequest) -> Result<Reply, ApiError> {
    let state = req.opening_state.as_deref().unwrap_or("Draft");
    let state = OpeningState::settable(state)?;
    let write = ctx.state.store.write().await?;
    let now = Utc::now();
    let id = Uuid::now_v7();
    let fallback_identifier = format!("OPN-{}", &id.simple().to_string()[..8].to_uppercase());
    let mut row = opening::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        identifier: Set(fallback_identifier.clone()),
        identifier_lower: Set(fallback_identifier.to_lowercase()),
        description: Set(String::new()),
        department_id: Set(None),
        target_hire_date: Set(None),
        target_start_date: Set(None),
        is_backfill: Set(false),
        employment_type: Set("FullTime".into()),
        opening_state: Set(OpeningState::Draft.as_str().into()),
        is_archived: Set(false),
        archived_at: Set(None),
        opened_at: Set(None),
        closed_at: Set(None),
        close_reason_id: Set(None),
        author_id: Set(None),
        version_id: Set(Uuid::now_v7()),
        version_created_at: Set(now),
    };
    req.details.apply(&write.txn, &mut row).await?;
    let mut job_ids = req.job_ids;
    job_ids.sort();
    job_ids.dedup();
    for job_id in &job_ids {
        job::visible(&write.txn, &ctx.caller, *job_id).await?;
    }
    let mut location_ids = req.location_ids;
    location_ids.sort();
    location_ids.dedup();
    for location_id in &location_ids {
        find_location(&write.txn, *location_id).await?;
    }
    if state != OpeningState::Draft {
        state.check_entry(job_ids.len())?;
        state.stamp(&mut row, None, now);
    }
    row.insert(&write.txn).await?;
    for job_id in &job_ids {
        link_job(&write.txn, id, *job_id).await?;
    }
    for location_id in &location_ids {
        opening_location::ActiveModel {
            opening_id: Set(id),
            location_id: Set(*location_id),
        }
        .insert(&write.txn)
        .await?;
    }
    batch::touch::<job_e::Entity, _>(&write.txn, job::TOUCH, job_ids, write.change, now).await?;
    let view = respond(&write.txn, &ctx.caller, find(&write.txn, id).await?).await?;
    write.commit().await?;
    Reply::object(view)
}

async fn find_location<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<location::Model, ApiError> {
    location::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("location", id))
}

async fn link_job<C: ConnectionTrait>(db: &C, opening_id: Uuid, job_id: Uuid) -> Result<(), DbErr> {
    opening_job::ActiveModel {
        opening_id: Set(opening_id),
        job_id: Set(job_id),
    }
    .insert(db)
    .await
    .map(|_| ())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRequest {
    opening_id: Uuid,
    #[serde(flatten)]
    details: Details,
}

/// `opening.update`: a new version of the opening's details.
pub async fn update(ctx: Ctx, req: UpdateRequest) -> Result<Reply, ApiError> {
    edit(&ctx, req.opening_id, |db, row, _| {
        Box::pin(async move {
            req.details.apply(db, row).await?;
            row.version_id = Set(Uuid::now_v7());
            row.version_created_at = Set(Utc::now());
            Ok(Vec::new())
        })
    })
    .await
}

type EditFuture<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<Uuid>, ApiError>> + Send + 'a>>;

/// Runs one change to an opening in a write: loads it (or `opening_not_found`),
/// lets `change` edit the row and its links and name the jobs it touched, stamps
/// the opening and those jobs, and answers with the opening.
async fn edit<F>(ctx: &Ctx, id: Uuid, change: F) -> Result<Reply, ApiError>
where
    F: for<'a> FnOnce(
        &'a sea_orm::DatabaseTransaction,
        &'a mut opening::ActiveModel,
        &'a opening::Model,
    ) -> EditFuture<'a>,
{
    let write = ctx.state.store.write().await?;
    let current = find(&write.txn, id).await?;
    let mut row = current.clone().into_active_model();
    let touched_jobs = change(&write.txn, &mut row, &current).await?;
    let now = Utc::now();
    row.change_seq = Set(write.change);
    row.updated_at = Set(now);
    let saved = row.update(&write.txn).await?;
    batch::touch::<job_e::Entity, _>(&write.txn, job::TOUCH, touched_jobs, write.change, now)
        .await?;
    let view = respond(&write.txn, &ctx.caller, saved).await?;
    write.commit().await?;
    Reply::object(view)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobLinkRequest {
    opening_id: Uuid,
    job_id: Uuid,
}

/// `opening.addJob`: adding a job already on the opening changes nothing.
pub async fn add_job(ctx: Ctx, req: JobLinkRequest) -> Result<Reply, ApiError> {
    let caller = ctx.caller.clone();
    edit(&ctx, req.opening_id, move |db, _, current| {
        Box::pin(async move {
            job::visible(db, &caller, req.job_id).await?;
            if job_link(db, current.id, req.job_id).await?.is_none() {
                link_job(db, current.id, req.job_id).await?;
            }
            Ok(vec![req.job_id])
        })
    })
    .await
}

async fn job_link<C: ConnectionTrait>(
    db: &C,
    opening_id: Uuid,
    job_id: Uuid,
) -> Result<Option<opening_job::Model>, DbErr> {
    opening_job::Entity::find_by_id((opening_id, job_id))
        .one(db)
        .await
}

/// `opening.removeJob`
pub async fn remove_job(ctx: Ctx, req: JobLinkRequest) -> Result<Reply, ApiError> {
    let caller = ctx.caller.clone();
    edit(&ctx, req.opening_id, move |db, _, current| {
        Box::pin(async move {
            job::visible(db, &caller, req.job_id).await?;
            let link = job_link(db, current.id, req.job_id).await?.ok_or_else(|| {
                ApiError::invalid_input(format!(
                    "Job {} is not linked to opening {}.",
                    req.job_id, current.id
                ))
            })?;
            link.delete(db).await?;
            Ok(vec![req.job_id])
        })
    })
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocationLinkRequest {
    opening_id: Uuid,
    location_id: Uuid,
}

/// `opening.addLocation`: adding a location already on the opening changes nothing.
pub async fn add_location(ctx: Ctx, req: LocationLinkRequest) -> Result<Reply, ApiError> {
    edit(&ctx, req.opening_id, move |db, _, current| {
        Box::pin(async move {
            find_location(db, req.location_id).await?;
            let existing = opening_location::Entity::find_by_id((current.id, req.location_id))
                .one(db)
                .await?;
            if existing.is_none() {
                opening_location::ActiveModel {
                    opening_id: Set(current.id),
                    location_id: Set(req.location_id),
                }
                .insert(db)
                .await?;
            }
            Ok(Vec::new())
        })
    })
    .await
}

/// `opening.removeLocation`
pub async fn remove_location(ctx: Ctx, req: LocationLinkRequest) -> Result<Reply, ApiError> {
    edit(&ctx, req.opening_id, move |db, _, current| {
        Box::pin(async move {
            find_location(db, req.location_id).await?;
            let link = opening_location::Entity::find_by_id((current.id, req.location_id))
                .one(db)
                .await?
                .ok_or_else(|| {
                    ApiError::invalid_input(format!(
                        "Location {} is not on opening {}.",
                        req.location_id, current.id
                    ))
                })?;
            link.delete(db).await?;
            Ok(Vec::new())
        })
    })
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetArchivedRequest {
    opening_id: Uuid,
    archive: Flag,
}

/// `opening.setArchived`
pub async fn set_archived(ctx: Ctx, req: SetArchivedRequest) -> Result<Reply, ApiError> {
    edit(&ctx, req.opening_id, move |_, row, current| {
        Box::pin(async move {
            if current.is_archived != req.archive.0 {
                row.is_archived = Set(req.archive.0);
                row.archived_at = Set(req.archive.0.then(Utc::now));
            }
            Ok(Vec::new())
        })
    })
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetStateRequest {
    opening_id: Uuid,
    opening_state: String,
    #[serde(default)]
    close_reason_id: Option<Uuid>,
}

/// `opening.setOpeningState`. Asking for the state it is in changes nothing.
pub async fn set_opening_state(ctx: Ctx, req: SetStateRequest) -> Result<Reply, ApiError> {
    let next = OpeningState::settable(&req.opening_state)?;
    if req.close_reason_id.is_some() && next != OpeningState::Closed {
        return Err(ApiError::invalid_input(
            "`closeReasonId` is only taken when the state is Closed.",
        ));
    }
    edit(&ctx, req.opening_id, move |db, row, current| {
        Box::pin(async move {
            let now_state = OpeningState::stored(&current.opening_state);
            if now_state == next && req.close_reason_id.is_none() {
                return Ok(Vec::new());
            }
            if now_state != next && !now_state.may_become(next) {
                return Err(ApiError::new(
                    "opening_state_invalid",
                    format!(
                        "An opening cannot go from {} to {}. Draft and Approved openings can be approved, opened or closed; \
                         open ones can be closed; closed ones can be reopened or returned to Draft; filled ones stay filled.",
                        now_state.as_str(),
                        next.as_str()
                    ),
                ));
            }
            if let Some(reason) = req.close_reason_id {
                close_reason::Entity::find_by_id(reason)
                    .one(db)
                    .await?
                    .ok_or_else(|| ApiError::not_found("close_reason", reason))?;
            }
            let jobs = opening_job::Entity::find()
                .filter(opening_job::Column::OpeningId.eq(current.id))
                .count(db)
                .await?;
            next.check_entry(jobs as usize)?;
            next.stamp(row, req.close_reason_id, Utc::now());
            Ok(Vec::new())
        })
    })
    .await
}
