//! `candidate.*`: candidates and what hangs on them without a job.

mod activity;
mod anonymize;
mod html;
mod input;
mod links;
mod notes;
mod resume;
mod uploads;
mod view;

pub use activity::{add_email_message, list_client_info, list_fraud_checks};
pub use anonymize::anonymize;
pub use links::{add_project, add_tag, list_projects, remove_project, remove_tag};
pub use notes::{create_note, list_notes, require_private_fields};
pub use uploads::{upload_file, upload_resume};
pub use view::{contact_view, views, CandidateView, ContactView};

use super::input::EpochMillis;
use super::paging::{self, PageParams};
use super::{Ctx, Reply};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::candidates::{self, visible_candidates, Contact, EMAIL};
use crate::store::entities::{candidate, candidate_contact, user};
use crate::store::WriteTxn;
use chrono::{DateTime, Utc};
use input::{ContactInput, LinkType, LocationInput, ProfileEdit, ProfileFields, SocialLink};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

/// The name an anonymized candidate keeps.
pub const ANONYMIZED_NAME: &str = "Anonymized Candidate";
/// `candidate.search` answers at most this many candidates, as Ashby does.
const SEARCH_LIMIT: u64 = 100;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    name: String,
    #[serde(default)]
    email: Option<ContactInput>,
    #[serde(default)]
    primary_email_address: Option<ContactInput>,
    #[serde(default)]
    phone_number: Option<ContactInput>,
    #[serde(default)]
    primary_phone_number: Option<ContactInput>,
    #[serde(default)]
    linked_in_url: Option<String>,
    #[serde(default)]
    github_url: Option<String>,
    #[serde(default, alias = "websiteUrl")]
    website: Option<String>,
    #[serde(default)]
    alternate_email_addresses: Option<Vec<String>>,
    #[serde(default)]
    source_id: Option<Uuid>,
    #[serde(default)]
    credited_to_user_id: Option<Uuid>,
    #[serde(default)]
    location: Option<LocationInput>,
    #[serde(default)]
    created_at: Option<DateTime<Utc>>,
}

/// `candidate.create`. Like Ashby, it does not merge with an existing candidate of the
/// same email: duplicates are created and may be merged by a recruiter later.
pub async fn create(ctx: Ctx, req: CreateRequest) -> Result<Reply, ApiError> {
    let edit = ProfileFields {
        name: Some(&req.name),
        emails: [
            ("email", req.email.as_ref()),
            ("primaryEmailAddress", req.primary_email_address.as_ref()),
        ],
        phones: [
            ("phoneNumber", req.phone_number.as_ref()),
            ("primaryPhoneNumber", req.primary_phone_number.as_ref()),
        ],
        alternate_emails: req
            .alternate_email_addresses
            .iter()
            .flatten()
            .map(|e| ("alternateEmailAddresses", e.as_str()))
            .collect(),
        social_links: None,
        links: [
            (
                "linkedInUrl",
                LinkType::LinkedIn,
                req.linked_in_url.as_deref(),
            ),
            ("githubUrl", LinkType::GitHub, req.github_url.as_deref()),
            ("website", LinkType::Website, req.website.as_deref()),
        ],
        source_id: req.source_id,
        credited_to_user_id: req.credited_to_user_id,
        location: req.location.as_ref(),
        created_at: req.created_at,
    }
    .validate()?;
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    check_user(&write.txn, edit.credited_to_user_id).await?;
    let id = Uuid::now_v7();
    let mut row = blank(id, now, &write);
    save_profile(&mut row, Vec::new(), &edit)?;
    row.insert(&write.txn).await?;
    write_contacts(&write, id, Vec::new(), Vec::new(), &edit).await?;
    write.commit().await?;
    respond(&ctx, id).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRequest {
    #[serde(alias = "id")]
    candidate_id: Uuid,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<ContactInput>,
    #[serde(default)]
    primary_email_address: Option<ContactInput>,
    #[serde(default)]
    phone_number: Option<ContactInput>,
    #[serde(default)]
    primary_phone_number: Option<ContactInput>,
    #[serde(default)]
    linked_in_url: Option<String>,
    #[serde(default)]
    github_url: Option<String>,
    #[serde(default, alias = "website")]
    website_url: Option<String>,
    #[serde(default)]
    alternate_email: Option<String>,
    #[serde(default)]
    social_links: Option<Vec<SocialLink>>,
    #[serde(default)]
    source_id: Option<Uuid>,
    #[serde(default)]
    credited_to_user_id: Option<Uuid>,
    #[serde(default)]
    location: Option<LocationInput>,
    #[serde(default)]
    created_at: Option<DateTime<Utc>>,
}

/// `candidate.update`
pub async fn update(ctx: Ctx, req: UpdateRequest) -> Result<Reply, ApiError> {
    let edit = ProfileFields {
        name: req.name.as_deref(),
        emails: [
            ("email", req.email.as_ref()),
            ("primaryEmailAddress", req.primary_email_address.as_ref()),
        ],
        phones: [
            ("phoneNumber", req.phone_number.as_ref()),
            ("primaryPhoneNumber", req.primary_phone_number.as_ref()),
        ],
        alternate_emails: req
            .alternate_email
            .iter()
            .map(|e| ("alternateEmail", e.as_str()))
            .collect(),
        social_links: req.social_links.as_deref(),
        links: [
            (
                "linkedInUrl",
                LinkType::LinkedIn,
                req.linked_in_url.as_deref(),
            ),
            ("githubUrl", LinkType::GitHub, req.github_url.as_deref()),
            ("websiteUrl", LinkType::Website, req.website_url.as_deref()),
        ],
        source_id: req.source_id,
        credited_to_user_id: req.credited_to_user_id,
        location: req.location.as_ref(),
        created_at: req.created_at,
    }
    .validate()?;
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    let current = load_for_write(&write, &ctx.caller, req.candidate_id).await?;
    check_user(&write.txn, edit.credited_to_user_id).await?;
    let id = current.id;
    let links = stored_links(&current.social_links);
    let (emails, phones) = stored_contacts(&write.txn, id).await?;
    let mut row = touched(current, now, &write);
    save_profile(&mut row, links, &edit)?;
    row.update(&write.txn).await?;
    write_contacts(&write, id, emails, phones, &edit).await?;
    write.commit().await?;
    respond(&ctx, id).await
}

/// A new candidate row with nothing but its identity and times.
pub fn blank(id: Uuid, now: DateTime<Utc>, write: &WriteTxn) -> candidate::ActiveModel {
    candidate::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        name: Set(String::new()),
        name_lower: Set(String::new()),
        social_links: Set(Value::Array(Vec::new())),
        position: Set(None),
        company: Set(None),
        school: Set(None),
        timezone: Set(None),
        location: Set(None),
        source_id: Set(None),
        credited_to_user_id: Set(None),
        fraud_status: Set(None),
        external_mapping_id: Set(None),
        resume_file_id: Set(None),
        anonymized_at: Set(None),
    }
}

/// A stored candidate about to be changed by this write.
fn touched(
    current: candidate::Model,
    now: DateTime<Utc>,
    write: &WriteTxn,
) -> candidate::ActiveModel {
    let mut row = current.into_active_model();
    row.updated_at = Set(now);
    row.change_seq = Set(write.change);
    row
}

/// Sets the edited fields on a candidate row.
fn save_profile(
    row: &mut candidate::ActiveModel,
    links: Vec<SocialLink>,
    edit: &ProfileEdit,
) -> Result<(), ApiError> {
    if let Some(name) = &edit.name {
        row.name = Set(name.clone());
        row.name_lower = Set(name.to_lowercase());
    }
    let links = input::edit_links(links, edit);
    row.social_links = Set(serde_json::to_value(links).map_err(ApiError::internal)?);
    if let Some(source) = edit.source_id {
        row.source_id = Set(Some(source));
    }
    if let Some(user) = edit.credited_to_user_id {
        row.credited_to_user_id = Set(Some(user));
    }
    if let Some(location) = &edit.location {
        row.location = Set(Some(location.clone()));
    }
    if let Some(at) = edit.created_at {
        row.created_at = Set(at);
    }
    Ok(())
}

/// Writes the candidate's emails and phones after an edit.
async fn write_contacts(
    write: &WriteTxn,
    id: Uuid,
    mut emails: Vec<Contact>,
    mut phones: Vec<Contact>,
    edit: &ProfileEdit,
) -> Result<(), ApiError> {
    if edit.primary_email.is_none()
        && edit.primary_phone.is_none()
        && edit.alternate_emails.is_empty()
    {
        return Ok(());
    }
    if let Some(email) = &edit.primary_email {
        input::make_primary(&mut emails, email.clone());
    }
    for alternate in &edit.alternate_emails {
        input::add_alternate(&mut emails, alternate.clone());
    }
    if let Some(phone) = &edit.primary_phone {
        input::make_primary(&mut phones, phone.clone());
    }
    candidates::replace_contacts(&write.txn, id, &emails, &phones).await?;
    Ok(())
}

async fn stored_contacts<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<(Vec<Contact>, Vec<Contact>), ApiError> {
    let rows = candidates::contacts_of(db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let (emails, phones): (Vec<_>, Vec<_>) = rows.into_iter().partition(|c| c.kind == EMAIL);
    let plain = |rows: Vec<candidate_contact::Model>| {
        rows.into_iter()
            .map(|c| Contact {
                value: c.value,
                contact_type: c.contact_type,
                is_primary: c.is_primary,
            })
            .collect()
    };
    Ok((plain(emails), plain(phones)))
}

fn stored_links(value: &Value) -> Vec<SocialLink> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

async fn check_user<C: ConnectionTrait>(db: &C, id: Option<Uuid>) -> Result<(), ApiError> {
    let Some(id) = id else { return Ok(()) };
    match user::Entity::find_by_id(id).one(db).await? {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found("user", id)),
    }
}

/// The candidate a write is about, or `candidate_not_found` when it is missing or hidden.
async fn load_for_write(
    write: &WriteTxn,
    caller: &Caller,
    id: Uuid,
) -> Result<candidate::Model, ApiError> {
    candidates::find_visible(&write.txn, caller, id)
        .await?
        .ok_or_else(|| ApiError::not_found("candidate", id))
}

/// Answers with the candidate as it now stands.
async fn respond(ctx: &Ctx, id: Uuid) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let row = candidates::find_visible(db, &ctx.caller, id)
        .await?
        .ok_or_else(|| ApiError::not_found("candidate", id))?;
    let view = views(db, &ctx.state, &ctx.caller, vec![row]).await?.pop();
    Reply::object(view)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(default, alias = "candidateId")]
    id: Option<Uuid>,
    #[serde(default)]
    external_mapping_id: Option<String>,
}

/// `candidate.info`, by `id` or by `externalMappingId`.
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let found = match (req.id, input::present(req.external_mapping_id.as_deref())) {
        (Some(id), _) => candidates::find_visible(db, &ctx.caller, id)
            .await?
            .ok_or_else(|| ApiError::not_found("candidate", id))?,
        (None, Some(external)) => {
            candidates::find_visible_by_external_id(db, &ctx.caller, external)
                .await?
                .ok_or_else(|| ApiError::not_found("candidate", external))?
        }
        (None, None) => {
            return Err(ApiError::invalid_input(
                "Send `id` (the candidate's id) or `externalMappingId`.",
            ))
        }
    };
    Reply::object(views(db, &ctx.state, &ctx.caller, vec![found]).await?.pop())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
    #[serde(default)]
    created_after: Option<EpochMillis>,
}

/// `candidate.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = visible_candidates(&ctx.caller);
    if let Some(after) = req.created_after {
        select = select.filter(candidate::Column::CreatedAt.gt(after.0));
    }
    let page = paging::list(&ctx, "candidate.list", &req.page, select).await?;
    let items = views(ctx.state.store.reader(), &ctx.state, &ctx.caller, page.rows).await?;
    Reply::page(items, page.next_cursor, page.sync_token)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

/// `candidate.search`: by email (exact, any case) and/or name (contains, any case);
/// both together must both match. Not paginated; at most 100 candidates.
pub async fn search(ctx: Ctx, req: SearchRequest) -> Result<Reply, ApiError> {
    let email = input::present(req.email.as_deref());
    let name = input::present(req.name.as_deref());
    let mut select = match email {
        Some(email) => candidates::with_email(&ctx.caller, email),
        None if name.is_some() => visible_candidates(&ctx.caller),
        None => {
            return Err(ApiError::invalid_input(
                "Send `email`, `name` or both to search candidates.",
            ))
        }
    };
    if let Some(name) = name {
        select = select.filter(
            Expr::col((candidate::Entity, candidate::Column::NameLower))
                .like(super::search_pattern(&name.to_lowercase())),
        );
    }
    let db = ctx.state.store.reader();
    let rows = select
        .order_by_asc(candidate::Column::NameLower)
        .order_by_asc(candidate::Column::Id)
        .limit(SEARCH_LIMIT)
        .all(db)
        .await?;
    Reply::object(views(db, &ctx.state, &ctx.caller, rows).await?)
}

#[derive(Deserialize, Clone, Copy)]
pub enum FraudStatus {
    Fraudulent,
    NotFraudulent,
    Unsure,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetFraudStatusRequest {
    candidate_id: Uuid,
    fraud_status: FraudStatus,
}

/// `candidate.setFraudStatus`
pub async fn set_fraud_status(ctx: Ctx, req: SetFraudStatusRequest) -> Result<Reply, ApiError> {
    let status = match req.fraud_status {
        FraudStatus::Fraudulent => "Fraudulent",
        FraudStatus::NotFraudulent => "NotFraudulent",
        FraudStatus::Unsure => "Unsure",
    };
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    let current = load_for_write(&write, &ctx.caller, req.candidate_id).await?;
    let mut row = touched(current, now, &write);
    row.fraud_status = Set(Some(status.into()));
    row.update(&write.txn).await?;
    write.commit().await?;
    respond(&ctx, req.candidate_id).await
}
