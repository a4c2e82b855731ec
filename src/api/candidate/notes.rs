//! `candidate.createNote` and `candidate.listNotes`. Private notes need the key's
//! private-fields flag to be written, and are left out of lists without it.

use super::html;
use crate::api::input::Flag;
use crate::api::paging::{self, PageParams};
use crate::api::{time, Ctx, Reply};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::candidates;
use crate::store::entities::candidate_note;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A note body: a string, or `{type, value}` with `text/plain` or `text/html`.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum NoteInput {
    Text(String),
    Typed {
        #[serde(rename = "type")]
        content_type: String,
        value: String,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateNoteRequest {
    candidate_id: Uuid,
    note: NoteInput,
    /// Some clients send the content type beside a string note.
    #[serde(default, rename = "type")]
    note_type: Option<String>,
    #[serde(default)]
    is_private: Flag,
    #[serde(default)]
    created_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NoteView {
    id: Uuid,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
    is_private: bool,
    content: String,
    author: Author,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Author {
    id: Uuid,
    first_name: String,
    last_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
}

impl From<candidate_note::Model> for NoteView {
    fn from(n: candidate_note::Model) -> Self {
        NoteView {
            id: n.id,
            created_at: n.created_at,
            is_private: n.is_private,
            content: n.content,
            author: Author {
                id: n.author_id,
                first_name: n.author_first_name,
                last_name: n.author_last_name,
                email: n.author_email,
            },
        }
    }
}

/// Refuses a private write by a key without the private-fields flag.
pub fn require_private_fields(caller: &Caller, what: &str) -> Result<(), ApiError> {
    if caller.sees_private_fields() {
        return Ok(());
    }
    Err(ApiError::new(
        "private_fields_not_allowed",
        format!(
            "This API key may not write private {what}: an admin must turn on \
             \"Allow access to non-offer private fields\" for it."
        ),
    ))
}

/// The stored content of a note, HTML reduced to the supported tags.
fn content(req: &CreateNoteRequest) -> Result<String, ApiError> {
    let (kind, value) = match &req.note {
        NoteInput::Text(value) => (req.note_type.as_deref().unwrap_or("text/plain"), value),
        NoteInput::Typed {
            content_type,
            value,
        } => (content_type.as_str(), value),
    };
    let content = match kind {
        "text/plain" => value.clone(),
        "text/html" => html::sanitize(value),
        other => {
            return Err(ApiError::invalid_input(format!(
                "`note.type` must be text/plain or text/html, got {other:?}."
            )))
        }
    };
    if content.trim().is_empty() {
        return Err(ApiError::invalid_input("`note` must not be empty."));
    }
    Ok(content)
}

/// `candidate.createNote`. Notes written through the API are signed by the key.
pub async fn create_note(ctx: Ctx, req: CreateNoteRequest) -> Result<Reply, ApiError> {
    if req.is_private.0 {
        require_private_fields(&ctx.caller, "notes")?;
    }
    let content = content(&req)?;
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    visible_candidate(&write.txn, &ctx.caller, req.candidate_id).await?;
    let key = &ctx.caller.key;
    let note = candidate_note::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(req.created_at.unwrap_or(now)),
        updated_at: Set(now),
        change_seq: Set(write.change),
        candidate_id: Set(req.candidate_id),
        content: Set(content),
        is_private: Set(req.is_private.0),
        author_id: Set(key.id),
        author_first_name: Set(key.title.clone()),
        author_last_name: Set("(API key)".into()),
        author_email: Set(None),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    Reply::object(NoteView::from(note))
}

/// Checks the candidate exists and the caller may see it.
pub async fn visible_candidate<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> Result<(), ApiError> {
    match candidates::find_visible(db, caller, id).await? {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found("candidate", id)),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CandidateListRequest {
    #[serde(alias = "id")]
    pub candidate_id: Uuid,
    #[serde(flatten)]
    pub page: PageParams,
}

/// `candidate.listNotes`
pub async fn list_notes(ctx: Ctx, req: CandidateListRequest) -> Result<Reply, ApiError> {
    visible_candidate(ctx.state.store.reader(), &ctx.caller, req.candidate_id).await?;
    let mut select = candidate_note::Entity::find()
        .filter(candidate_note::Column::CandidateId.eq(req.candidate_id));
    if !ctx.caller.sees_private_fields() {
        select = select.filter(candidate_note::Column::IsPrivate.eq(false));
    }
    // Cursors are bound to the candidate, so one cannot continue another's list.
    let endpoint = format!("candidate.listNotes:{}", req.candidate_id);
    let page = paging::list(&ctx, &endpoint, &req.page, select).await?;
    let notes: Vec<NoteView> = page.rows.into_iter().map(NoteView::from).collect();
    Reply::page(notes, page.next_cursor, page.sync_token)
}
