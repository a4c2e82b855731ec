//! The Opening object (objects.md 2.15), rendered for a batch of openings with one
//! query per kind of nested data. Job ids of jobs the caller may not see are left out.

use super::custom_field::{value_views_of, ValueView};
use super::hiring_team::{self, MemberView, Team};
use super::time;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::batch;
use crate::store::entities::{job, opening, opening_job, opening_location};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpeningView {
    pub id: Uuid,
    #[serde(
        serialize_with = "time::serialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub opened_at: Option<DateTime<Utc>>,
    #[serde(
        serialize_with = "time::serialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub closed_at: Option<DateTime<Utc>>,
    pub is_archived: bool,
    #[serde(
        serialize_with = "time::serialize_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub archived_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_reason_id: Option<Uuid>,
    pub opening_state: String,
    pub latest_version: VersionView,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionView {
    pub id: Uuid,
    pub identifier: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_id: Option<Uuid>,
    #[serde(serialize_with = "time::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_id: Option<Uuid>,
    pub job_ids: Vec<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_hire_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_start_date: Option<String>,
    pub is_backfill: bool,
    pub employment_type: String,
    pub location_ids: Vec<Uuid>,
    pub hiring_team: Vec<MemberView>,
    pub custom_fields: Vec<ValueView>,
}

/// Renders openings; job ids of jobs the caller may not see are left out.
pub async fn render<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    openings: Vec<opening::Model>,
) -> Result<Vec<OpeningView>, ApiError> {
    let ids: Vec<Uuid> = openings.iter().map(|o| o.id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let job_links = opening_job::Entity::find()
        .filter(opening_job::Column::OpeningId.is_in(ids.clone()))
        .order_by_asc(opening_job::Column::JobId)
        .all(db)
        .await?;
    let hidden = hidden_jobs(db, caller, job_links.iter().map(|l| l.job_id)).await?;
    let jobs = batch::group(
        job_links
            .into_iter()
            .filter(|l| !hidden.contains(&l.job_id)),
        |l| l.opening_id,
    );
    let locations = batch::group(
        opening_location::Entity::find()
            .filter(opening_location::Column::OpeningId.is_in(ids.clone()))
            .order_by_asc(opening_location::Column::LocationId)
            .all(db)
            .await?,
        |l| l.opening_id,
    );
    let mut teams = hiring_team::teams(db, Team::Opening, &ids).await?;
    let mut custom_fields = value_views_of(db, caller, &ids).await?;
    Ok(openings
        .into_iter()
        .map(|o| OpeningView {
            id: o.id,
            opened_at: o.opened_at,
            closed_at: o.closed_at,
            is_archived: o.is_archived,
            archived_at: o.archived_at,
            close_reason_id: o.close_reason_id,
            opening_state: o.opening_state,
            latest_version: VersionView {
                id: o.version_id,
                identifier: o.identifier,
                description: o.description,
                author_id: o.author_id,
                created_at: o.version_created_at,
                team_id: o.department_id,
                job_ids: jobs
                    .get(&o.id)
                    .map(|l| l.iter().map(|l| l.job_id).collect())
                    .unwrap_or_default(),
                target_hire_date: o.target_hire_date,
                target_start_date: o.target_start_date,
                is_backfill: o.is_backfill,
                employment_type: o.employment_type,
                location_ids: locations
                    .get(&o.id)
                    .map(|l| l.iter().map(|l| l.location_id).collect())
                    .unwrap_or_default(),
                hiring_team: teams.remove(&o.id).unwrap_or_default(),
                custom_fields: custom_fields.remove(&o.id).unwrap_or_default(),
            },
        })
        .collect())
}

/// The confidential jobs among `ids`, when the caller may not see them.
async fn hidden_jobs<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashSet<Uuid>, DbErr> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if caller.sees_confidential() || ids.is_empty() {
        return Ok(HashSet::new());
    }
    let hidden: Vec<Uuid> = job::Entity::find()
        .select_only()
        .column(job::Column::Id)
        .filter(job::Column::Id.is_in(ids))
        .filter(job::Column::Confidential.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    Ok(hidden.into_iter().collect())
}

/// Loads and renders openings by id.
pub async fn load_and_render<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, OpeningView>, ApiError> {
    let rows = batch::by_id::<opening::Entity, _>(db, opening::Column::Id, ids).await?;
    let views = render(db, caller, rows.into_values().collect()).await?;
    Ok(views.into_iter().map(|v| (v.id, v)).collect())
}
