//! The Job object (objects.md 3.3), rendered for a batch of jobs with one query per
//! kind of nested data.

use super::compensation::{self, TierView};
use super::hiring_team::{self, MemberView, Team};
use super::location::LocationView;
use super::opening_view::{self, OpeningView};
use super::time;
use super::user::UserView;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::batch;
use crate::store::entities::{job, job_interview_plan, job_posting, location, opening_job, user};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobView {
    pub id: Uuid,
    pub title: String,
    pub confidential: bool,
    pub status: String,
    pub employment_type: String,
    pub location_id: Uuid,
    pub department_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_interview_plan_id: Option<Uuid>,
    pub interview_plan_ids: Vec<Uuid>,
    pub job_posting_ids: Vec<Uuid>,
    pub custom_fields: Vec<Value>,
    pub hiring_team: Vec<MemberView>,
    pub custom_requisition_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<UserView>,
    #[serde(serialize_with = "time::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize")]
    pub updated_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize_opt")]
    pub opened_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "time::serialize_opt")]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openings: Option<Vec<OpeningView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compensation: Option<CompensationView>,
    /// Only in `job.updateCompensation`'s answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compensation_tiers: Option<Vec<TierView>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompensationView {
    pub compensation_tiers: Vec<TierView>,
}

/// What to add to each job: `expand` values and the posting-id rule.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub location: bool,
    pub openings: bool,
    pub compensation: bool,
    pub unpublished_posting_ids: bool,
}

impl Options {
    /// Reads `expand`; unknown values are refused so a typo is noticed.
    pub fn from_expand(expand: &[String], unpublished_posting_ids: bool) -> Result<Self, ApiError> {
        let mut options = Options {
            unpublished_posting_ids,
            ..Options::default()
        };
        for value in expand {
            match value.as_str() {
                "location" => options.location = true,
                "openings" => options.openings = true,
                "compensation" => options.compensation = true,
                other => {
                    return Err(ApiError::invalid_input(format!(
                        "`expand` cannot be `{other}`; use location, openings or compensation."
                    )))
                }
            }
        }
        Ok(options)
    }
}

/// Renders jobs the caller may see (the caller filters nested openings' job ids).
pub async fn render<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    jobs: Vec<job::Model>,
    options: Options,
) -> Result<Vec<JobView>, ApiError> {
    let ids: Vec<Uuid> = jobs.iter().map(|j| j.id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let plans = batch::group(
        job_interview_plan::Entity::find()
            .filter(job_interview_plan::Column::JobId.is_in(ids.clone()))
            .order_by_asc(job_interview_plan::Column::InterviewPlanId)
            .all(db)
            .await?,
        |l| l.job_id,
    );
    let mut postings = job_posting::Entity::find()
        .filter(job_posting::Column::JobId.is_in(ids.clone()))
        .order_by_asc(job_posting::Column::Id);
    if !options.unpublished_posting_ids {
        postings = postings.filter(job_posting::Column::IsPublished.eq(true));
    }
    let postings = batch::group(postings.all(db).await?, |p| p.job_id);
    let mut teams = hiring_team::teams(db, Team::Job, &ids).await?;
    let authors = batch::by_id::<user::Entity, _>(
        db,
        user::Column::Id,
        jobs.iter().filter_map(|j| j.author_id),
    )
    .await?;
    let locations = if options.location {
        batch::by_id::<location::Entity, _>(
            db,
            location::Column::Id,
            jobs.iter().map(|j| j.location_id),
        )
        .await?
    } else {
        HashMap::new()
    };
    let mut openings = if options.openings {
        openings_by_job(db, caller, &ids).await?
    } else {
        HashMap::new()
    };
    Ok(jobs
        .into_iter()
        .map(|j| {
            let tiers = compensation::stored(&j.compensation_tiers);
            JobView {
                id: j.id,
                interview_plan_ids: plans
                    .get(&j.id)
                    .map(|l| l.iter().map(|l| l.interview_plan_id).collect())
                    .unwrap_or_default(),
                job_posting_ids: postings
                    .get(&j.id)
                    .map(|p| p.iter().map(|p| p.id).collect())
                    .unwrap_or_default(),
                custom_fields: Vec::new(),
                hiring_team: teams.remove(&j.id).unwrap_or_default(),
                author: j
                    .author_id
                    .and_then(|a| authors.get(&a))
                    .map(UserView::from),
                location: locations.get(&j.location_id).map(LocationView::from),
                openings: options
                    .openings
                    .then(|| openings.remove(&j.id).unwrap_or_default()),
                compensation: options.compensation.then(|| CompensationView {
                    compensation_tiers: compensation::tier_views(&tiers),
                }),
                compensation_tiers: None,
                title: j.title,
                confidential: j.confidential,
                status: j.status,
                employment_type: j.employment_type,
                location_id: j.location_id,
                department_id: j.department_id,
                default_interview_plan_id: j.default_interview_plan_id,
                custom_requisition_id: j.custom_requisition_id,
                brand_id: j.brand_id,
                created_at: j.created_at,
                updated_at: j.updated_at,
                opened_at: j.opened_at,
                closed_at: j.closed_at,
            }
        })
        .collect())
}

/// Renders one job.
pub async fn render_one<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    job: job::Model,
    options: Options,
) -> Result<JobView, ApiError> {
    render(db, caller, vec![job], options)
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal("a rendered job went missing"))
}

async fn openings_by_job<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    job_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<OpeningView>>, ApiError> {
    let links = opening_job::Entity::find()
        .filter(opening_job::Column::JobId.is_in(job_ids.iter().copied()))
        .all(db)
        .await?;
    let openings =
        opening_view::load_and_render(db, caller, links.iter().map(|l| l.opening_id)).await?;
    let mut out: HashMap<Uuid, Vec<OpeningView>> = HashMap::new();
    for link in links {
        if let Some(view) = openings.get(&link.opening_id) {
            out.entry(link.job_id).or_default().push(view.clone());
        }
    }
    Ok(out)
}
