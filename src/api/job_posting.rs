//! `jobPosting.*`: a job's advertisement on a job board. A posting is live (listed
//! by `jobPosting.list` and on the public board) while it is published and its job
//! is open. Postings of confidential jobs follow their job's visibility.

use super::compensation;
use super::input::Flag;
use super::job_view::{self, JobView, Options};
use super::posting_parts::{
    live_postings, plain_text, posting_compensation, primary_board, Parts, PostingCompensation,
    Postings,
};
use super::{job, time, Ctx, Reply};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::entities::location;
use crate::store::entities::{job as job_e, job_board, job_posting};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QuerySelect, QueryTrait, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

const WORKPLACE_TYPES: [&str; 3] = ["OnSite", "Hybrid", "Remote"];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocationIds {
    primary_location_id: Uuid,
    secondary_location_ids: Vec<Uuid>,
}

/// A `jobPosting.list` item.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SummaryView {
    id: Uuid,
    title: String,
    job_id: Uuid,
    department_name: String,
    team_name: String,
    location_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location_external_name: Option<String>,
    location_ids: LocationIds,
    #[serde(skip_serializing_if = "Option::is_none")]
    workplace_type: Option<String>,
    employment_type: String,
    is_listed: bool,
    published_date: String,
    #[serde(serialize_with = "time::serialize_opt")]
    application_deadline: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_link: Option<String>,
    apply_link: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    compensation_tier_summary: Option<String>,
    should_display_compensation_on_job_board: bool,
    #[serde(serialize_with = "time::serialize")]
    updated_at: DateTime<Utc>,
}

fn summary(parts: &Parts) -> SummaryView {
    let (_, tier_summary) = compensation::summary_components(&parts.tiers());
    SummaryView {
        id: parts.posting.id,
        title: parts.posting.title.clone(),
        job_id: parts.job.id,
        department_name: parts.department_name(),
        team_name: parts.team_name(),
        location_name: parts.location_name(),
        location_external_name: parts.location.and_then(|l| l.external_name.clone()),
        location_ids: location_ids(parts),
        workplace_type: parts.workplace_type(),
        employment_type: parts.job.employment_type.clone(),
        is_listed: parts.posting.is_listed,
        published_date: parts.published_date(),
        application_deadline: parts.posting.application_deadline,
        external_link: parts.external_link(),
        apply_link: parts.apply_link(),
        compensation_tier_summary: tier_summary,
        should_display_compensation_on_job_board: parts.posting.should_display_compensation,
        updated_at: parts.posting.updated_at,
    }
}

fn location_ids(parts: &Parts) -> LocationIds {
    LocationIds {
        primary_location_id: parts.job.location_id,
        secondary_location_ids: parts.secondary.iter().map(|l| l.id).collect(),
    }
}

/// The `jobPosting.info` detail.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DetailView {
    id: Uuid,
    title: String,
    description_plain: String,
    description_html: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description_social: Option<String>,
    description_parts: Value,
    department_name: String,
    team_name: String,
    team_name_hierarchy: Vec<String>,
    job_id: Uuid,
    location_name: String,
    location_ids: LocationIds,
    linked_data: Value,
    published_date: String,
    #[serde(serialize_with = "time::serialize_opt")]
    application_deadline: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Value>,
    is_remote: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    workplace_type: Option<String>,
    employment_type: String,
    application_form_definition: Value,
    survey_form_definitions: Vec<Value>,
    is_listed: bool,
    suppress_description_opening: bool,
    suppress_description_closing: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_link: Option<String>,
    apply_link: String,
    compensation: PostingCompensation,
    #[serde(serialize_with = "time::serialize")]
    updated_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job: Option<JobView>,
}

fn detail(parts: &Parts) -> DetailView {
    let p = parts.posting;
    let address = parts.location.and_then(|l| l.address.clone());
    DetailView {
        id: p.id,
        title: p.title.clone(),
        description_plain: p.description_plain.clone(),
        description_html: p.description_html.clone(),
        description_social: p.description_social.clone(),
        description_parts: json!({
            "descriptionOpening": null,
            "descriptionBody": {"html": p.description_html, "plain": p.description_plain},
            "descriptionClosing": null,
        }),
        department_name: parts.department_name(),
        team_name: parts.team_name(),
        team_name_hierarchy: parts.teams.iter().map(|d| d.name.clone()).collect(),
        job_id: parts.job.id,
        location_name: parts.location_name(),
        location_ids: location_ids(parts),
        linked_data: linked_data(parts, address.as_ref()),
        published_date: parts.published_date(),
        application_deadline: p.application_deadline,
        is_remote: parts.is_remote(),
        address,
        workplace_type: parts.workplace_type(),
        employment_type: parts.job.employment_type.clone(),
        application_form_definition: application_form(),
        survey_form_definitions: Vec::new(),
        is_listed: p.is_listed,
        suppress_description_opening: p.suppress_description_opening,
        suppress_description_closing: p.suppress_description_closing,
        external_link: parts.external_link(),
        apply_link: parts.apply_link(),
        compensation: posting_compensation(parts),
        updated_at: p.updated_at,
        job: None,
    }
}

/// schema.org JobPosting data for search engines' rich results.
fn linked_data(parts: &Parts, address: Option<&Value>) -> Value {
    let p = parts.posting;
    let postal = address
        .and_then(|a| a.get("postalAddress"))
        .cloned()
        .unwrap_or_else(|| json!({}));
    let mut place_address = json!({"@type": "PostalAddress"});
    if let (Some(target), Some(source)) = (place_address.as_object_mut(), postal.as_object()) {
        target.extend(source.clone());
    }
    let mut data = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": p.title,
        "description": p.description_html,
        "identifier": {"@type": "PropertyValue", "name": parts.board.title, "value": p.id},
        "datePosted": parts.published_date(),
        "hiringOrganization": {"@type": "Organization", "name": parts.board.title},
        "jobLocation": {"@type": "Place", "address": place_address},
        "employmentType": schema_employment_type(&parts.job.employment_type),
        "directApply": true,
    });
    if let (Some(site), Some(org)) = (
        parts.board.public_url.as_deref(),
        data["hiringOrganization"].as_object_mut(),
    ) {
        org.insert("sameAs".into(), Value::String(site.into()));
    }
    data
}

fn schema_employment_type(kind: &str) -> &'static str {
    match kind {
        "PartTime" => "PART_TIME",
        "Intern" => "INTERN",
        "Contract" => "CONTRACTOR",
        "Temporary" => "TEMPORARY",
        _ => "FULL_TIME",
    }
}

/// The application form every posting uses until forms are configurable: name,
/// email and résumé, Ashby's system fields.
pub fn application_form() -> Value {
    let field = |id: u128, kind: &str, path: &str, title: &str, required: bool| {
        json!({
            "isRequired": required,
            "field": {
                "id": Uuid::from_u128(id),
                "type": kind,
                "path": path,
                "humanReadablePath": title,
                "title": title,
                "isNullable": !required,
            },
        })
    };
    json!({"sections": [{"fields": [
        field(0x0a5b_0001, "String", "_systemfield_name", "Name", true),
        field(0x0a5b_0002, "Email", "_systemfield_email", "Email", true),
        field(0x0a5b_0003, "File", "_systemfield_resume", "Resume", false),
    ]}]})
}

/// Posting rows the caller may see: their job is visible to the caller.
fn visible_postings(caller: &Caller) -> sea_orm::Select<job_posting::Entity> {
    let jobs = job::visible_jobs(caller)
        .select_only()
        .column(job_e::Column::Id)
        .into_query();
    job_posting::Entity::find().filter(job_posting::Column::JobId.in_subquery(jobs))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    department: Option<String>,
    #[serde(default)]
    listed_only: Flag,
    #[serde(default)]
    job_board_id: Option<Uuid>,
}

/// `jobPosting.list`: live postings on a board (unlisted ones too unless `listedOnly`).
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let board = match req.job_board_id {
        Some(id) => job_board::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or_else(|| ApiError::not_found("job_board", id))?,
        None => match primary_board(db).await? {
            Some(board) => board,
            None => return Reply::object(Vec::<Value>::new()),
        },
    };
    let mut select = live_postings(ctx.caller.sees_confidential(), board.id);
    if req.listed_only.0 {
        select = select.filter(job_posting::Column::IsListed.eq(true));
    }
    if let Some(name) = &req.location {
        let ids = location::Entity::find()
            .select_only()
            .column(location::Column::Id)
            .filter(location::Column::Name.eq(name.as_str()))
            .into_query();
        let jobs = job_e::Entity::find()
            .select_only()
            .column(job_e::Column::Id)
            .filter(job_e::Column::LocationId.in_subquery(ids))
            .into_query();
        select = select.filter(job_posting::Column::JobId.in_subquery(jobs));
    }
    let postings = Postings::load(db, select.all(db).await?).await?;
    let views: Vec<SummaryView> = postings
        .rows
        .iter()
        .filter_map(|p| postings.parts(p))
        .filter(|parts| {
            req.department
                .as_deref()
                .is_none_or(|d| parts.department_name() == d || parts.team_name() == d)
        })
        .map(|parts| summary(&parts))
        .collect();
    Reply::object(views)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(alias = "id")]
    job_posting_id: Uuid,
    #[serde(default)]
    job_board_id: Option<Uuid>,
    #[serde(default)]
    expand: Vec<String>,
}

/// One posting the caller may see, or `job_posting_not_found`.
async fn visible_posting<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> Result<job_posting::Model, ApiError> {
    visible_postings(caller)
        .filter(job_posting::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("job_posting", id))
}

async fn render_detail<C: ConnectionTrait>(
    db: &C,
    row: job_posting::Model,
) -> Result<DetailView, ApiError> {
    let postings = Postings::load(db, vec![row]).await?;
    let parts = postings
        .rows
        .first()
        .and_then(|p| postings.parts(p))
        .ok_or_else(|| ApiError::internal("a posting's job or board went missing"))?;
    Ok(detail(&parts))
}

/// `jobPosting.info`
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    let mut with_job = false;
    for value in &req.expand {
        match value.as_str() {
            "job" => with_job = true,
            other => {
                return Err(ApiError::invalid_input(format!(
                    "`expand` cannot be `{other}`; use job."
                )))
            }
        }
    }
    let db = ctx.state.store.reader();
    let row = visible_posting(db, &ctx.caller, req.job_posting_id).await?;
    if req
        .job_board_id
        .is_some_and(|board| board != row.job_board_id)
    {
        return Err(ApiError::not_found("job_posting", req.job_posting_id));
    }
    let job_id = row.job_id;
    let mut view = render_detail(db, row).await?;
    if with_job {
        let job_row = job::visible(db, &ctx.caller, job_id).await?;
        view.job = Some(job_view::render_one(db, &ctx.caller, job_row, Options::default()).await?);
    }
    Reply::object(view)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Description {
    #[serde(rename = "type")]
    kind: String,
    content: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRequest {
    job_posting_id: Uuid,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    workplace_type: Option<String>,
    #[serde(default)]
    suppress_description_opening: Option<Flag>,
    #[serde(default)]
    suppress_description_closing: Option<Flag>,
    #[serde(default)]
    description: Option<Description>,
}

/// `jobPosting.update`
pub async fn update(ctx: Ctx, req: UpdateRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let current = visible_posting(&write.txn, &ctx.caller, req.job_posting_id).await?;
    let mut row = current.into_active_model();
    if let Some(title) = req.title {
        let title = title.trim().to_string();
        if title.is_empty() {
            return Err(ApiError::invalid_input("`title` must not be empty."));
        }
        row.title = Set(title);
    }
    if let Some(kind) = req.workplace_type {
        if !WORKPLACE_TYPES.contains(&kind.as_str()) {
            return Err(ApiError::invalid_input(format!(
                "`workplaceType` cannot be `{kind}`; use OnSite, Hybrid or Remote."
            )));
        }
        row.workplace_type = Set(Some(kind));
    }
    if let Some(Flag(suppress)) = req.suppress_description_opening {
        row.suppress_description_opening = Set(suppress);
    }
    if let Some(Flag(suppress)) = req.suppress_description_closing {
        row.suppress_description_closing = Set(suppress);
    }
    if let Some(description) = req.description {
        if description.kind != "text/html" {
            return Err(ApiError::invalid_input(
                "`description.type` must be text/html.",
            ));
        }
        row.description_plain = Set(plain_text(&description.content));
        row.description_html = Set(description.content);
    }
    row.change_seq = Set(write.change);
    row.updated_at = Set(Utc::now());
    let saved = row.update(&write.txn).await?;
    let view = render_detail(&write.txn, saved).await?;
    write.commit().await?;
    Reply::object(view)
}
