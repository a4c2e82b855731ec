//! The Candidate object (objects.md §3.1) and the batch loading behind it: one query
//! per related table for a whole page, never one per candidate.

use super::input::{LocationView, SocialLink};
use crate::api::application;
use crate::api::candidate_tag::TagView;
use crate::api::custom_field::{value_view, ValueView};
use crate::api::file::{handle_view, FileHandleView};
use crate::api::time;
use crate::api::user::UserView;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::AppState;
use crate::store::candidate_links;
use crate::store::candidates::{self, EMAIL};
use crate::store::entities::{candidate, candidate_contact, stored_file, user};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct CandidateView {
    id: Uuid,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize")]
    updated_at: DateTime<Utc>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    primary_email_address: Option<ContactView>,
    email_addresses: Vec<ContactView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    primary_phone_number: Option<ContactView>,
    phone_numbers: Vec<ContactView>,
    social_links: Vec<SocialLink>,
    tags: Vec<TagView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    school: Option<String>,
    /// The candidate's applications the caller may see, oldest first.
    application_ids: Vec<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resume_file_handle: Option<FileHandleView>,
    file_handles: Vec<FileHandleView>,
    /// Values of private fields only for keys with the private-fields flag.
    custom_fields: Vec<ValueView>,
    profile_url: String,
    /// Filled from sources once they exist; real responses carry `null` when unset.
    source: Option<Value>,
    credited_to_user: Option<UserView>,
    timezone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<LocationView>,
    fraud_status: Option<String>,
}

#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct ContactView {
    value: String,
    #[serde(rename = "type")]
    contact_type: String,
    is_primary: bool,
}

pub fn contact_view(c: &candidate_contact::Model) -> ContactView {
    ContactView {
        value: c.value.clone(),
        contact_type: c.contact_type.clone(),
        is_primary: c.is_primary,
    }
}

/// Shapes candidates for the wire as `caller` may see them, keeping their order.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    caller: &Caller,
    rows: Vec<candidate::Model>,
) -> Result<Vec<CandidateView>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|c| c.id).collect();
    let mut tags = candidate_links::tags_of(db, &ids).await?;
    let mut values = candidate_links::values_of(db, &ids, caller.sees_private_fields()).await?;
    let mut applications = application::ids_by_candidate(db, caller, &ids).await?;
    let mut contacts = candidates::contacts_of(db, &ids).await?;
    let mut files = files_of(db, &ids).await?;
    let users = credited_users(db, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let (emails, phones): (Vec<_>, Vec<_>) = contacts
                .remove(&c.id)
                .unwrap_or_default()
                .into_iter()
                .partition(|x| x.kind == EMAIL);
            let files = files.remove(&c.id).unwrap_or_default();
            let resume = c
                .resume_file_id
                .and_then(|id| files.iter().find(|f| f.id == id))
                .map(|f| handle_view(&state.signer, f));
            CandidateView {
                primary_email_address: emails.iter().find(|e| e.is_primary).map(contact_view),
                email_addresses: emails.iter().map(contact_view).collect(),
                primary_phone_number: phones.iter().find(|p| p.is_primary).map(contact_view),
                phone_numbers: phones.iter().map(contact_view).collect(),
                social_links: serde_json::from_value(c.social_links).unwrap_or_default(),
                tags: tags
                    .remove(&c.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(TagView::from)
                    .collect(),
                application_ids: applications.remove(&c.id).unwrap_or_default(),
                resume_file_handle: resume,
                file_handles: files
                    .iter()
                    .map(|f| handle_view(&state.signer, f))
                    .collect(),
                custom_fields: values
                    .remove(&c.id)
                    .unwrap_or_default()
                    .iter()
                    .map(value_view)
                    .collect(),
                profile_url: format!("{}/candidates/{}", state.public_url, c.id),
                source: None,
                credited_to_user: c.credited_to_user_id.and_then(|id| users.get(&id).cloned()),
                id: c.id,
                created_at: c.created_at,
                updated_at: c.updated_at,
                name: c.name,
                position: c.position,
                company: c.company,
                school: c.school,
                timezone: c.timezone,
                location: c.location.and_then(|l| serde_json::from_value(l).ok()),
                fraud_status: c.fraud_status,
            }
        })
        .collect())
}

async fn files_of<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<stored_file::Model>>, ApiError> {
    let mut by_candidate: HashMap<Uuid, Vec<stored_file::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_candidate);
    }
    let rows = stored_file::Entity::find()
        .filter(stored_file::Column::CandidateId.is_in(ids.iter().copied()))
        .filter(stored_file::Column::UploadedAt.is_not_null())
        .order_by_asc(stored_file::Column::CreatedAt)
        .order_by_asc(stored_file::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        if let Some(candidate) = row.candidate_id {
            by_candidate.entry(candidate).or_default().push(row);
        }
    }
    Ok(by_candidate)
}

async fn credited_users<C: ConnectionTrait>(
    db: &C,
    rows: &[candidate::Model],
) -> Result<HashMap<Uuid, UserView>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().filter_map(|c| c.credited_to_user_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, UserView::from(&u)))
        .collect())
}
