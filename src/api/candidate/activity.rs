//! What partner systems and Ashby's own checks record about a candidate: email
//! messages, client info, fraud checks.

use super::notes::{require_private_fields, visible_candidate, CandidateListRequest};
use crate::api::input::Flag;
use crate::api::paging;
use crate::api::{time, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::{
    candidate_client_info, candidate_email_message, candidate_fraud_check, user,
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddEmailMessageRequest {
    candidate_id: Uuid,
    email_provider_email_id: String,
    subject: String,
    from: String,
    to: String,
    body: String,
    #[serde(default)]
    user_id: Option<Uuid>,
    #[serde(default)]
    sent_at: Option<DateTime<Utc>>,
    #[serde(default)]
    cc: Option<String>,
    #[serde(default)]
    message_url: Option<String>,
    #[serde(default)]
    message_id_header: Option<String>,
    #[serde(default)]
    thread_id: Option<String>,
    #[serde(default)]
    is_private: Flag,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EmailMessageView {
    id: Uuid,
    candidate_id: Uuid,
    email_provider_email_id: String,
    subject: String,
    from: String,
    to: String,
    body: Option<String>,
    #[serde(serialize_with = "time::serialize")]
    sent_at: DateTime<Utc>,
    cc: Option<String>,
    message_url: Option<String>,
    message_id_header: Option<String>,
    thread_id: String,
    is_private: bool,
    user_is_sender: bool,
}

impl From<candidate_email_message::Model> for EmailMessageView {
    fn from(m: candidate_email_message::Model) -> Self {
        EmailMessageView {
            id: m.id,
            candidate_id: m.candidate_id,
            email_provider_email_id: m.email_provider_email_id,
            subject: m.subject,
            from: m.from_address,
            to: m.to_address,
            body: m.body,
            sent_at: m.sent_at,
            cc: m.cc,
            message_url: m.message_url,
            message_id_header: m.message_id_header,
            thread_id: m.thread_id,
            is_private: m.is_private,
            user_is_sender: m.user_is_sender,
        }
    }
}

fn required(field: &str, value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ApiError::invalid_input(format!(
            "`{field}` must not be empty."
        )));
    }
    Ok(value.to_string())
}

/// `candidate.addEmailMessage`
pub async fn add_email_message(ctx: Ctx, req: AddEmailMessageRequest) -> Result<Reply, ApiError> {
    if req.is_private.0 {
        require_private_fields(&ctx.caller, "emails")?;
    }
    let provider_id = required("emailProviderEmailId", &req.email_provider_email_id)?;
    let from = required("from", &req.from)?;
    let to = required("to", &req.to)?;
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    visible_candidate(&write.txn, &ctx.caller, req.candidate_id).await?;
    let sender = match req.user_id {
        None => None,
        Some(id) => Some(
            user::Entity::find_by_id(id)
                .one(&write.txn)
                .await?
                .ok_or_else(|| ApiError::not_found("user", id))?,
        ),
    };
    let key_id = ctx.caller.key.id;
    let duplicate = candidate_email_message::Entity::find()
        .filter(candidate_email_message::Column::ApiKeyId.eq(key_id))
        .filter(candidate_email_message::Column::EmailProviderEmailId.eq(provider_id.as_str()))
        .one(&write.txn)
        .await?;
    if duplicate.is_some() {
        return Err(ApiError::invalid_input(format!(
            "An email with emailProviderEmailId {provider_id:?} was already added with this API key."
        )));
    }
    let message = candidate_email_message::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        candidate_id: Set(req.candidate_id),
        api_key_id: Set(key_id),
        thread_id: Set(req
            .thread_id
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| provider_id.clone())),
        email_provider_email_id: Set(provider_id),
        subject: Set(req.subject),
        user_is_sender: Set(sender
            .as_ref()
            .is_some_and(|u| u.email_lower == from.to_lowercase())),
        from_address: Set(from),
        to_address: Set(to),
        body: Set(Some(req.body)),
        sent_at: Set(req.sent_at.unwrap_or(now)),
        cc: Set(req.cc),
        message_url: Set(req.message_url),
        message_id_header: Set(req.message_id_header),
        is_private: Set(req.is_private.0),
        user_id: Set(sender.map(|u| u.id)),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    Reply::object(EmailMessageView::from(message))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClientInfoView {
    id: Uuid,
    ip_address: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_agent: Option<String>,
    related_entity_type: String,
    related_entity_id: Uuid,
    candidate_id: Uuid,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
}

/// `candidate.listClientInfo`
pub async fn list_client_info(ctx: Ctx, req: CandidateListRequest) -> Result<Reply, ApiError> {
    visible_candidate(ctx.state.store.reader(), &ctx.caller, req.candidate_id).await?;
    let select = candidate_client_info::Entity::find()
        .filter(candidate_client_info::Column::CandidateId.eq(req.candidate_id));
    let endpoint = format!("candidate.listClientInfo:{}", req.candidate_id);
    let page = paging::list(&ctx, &endpoint, &req.page, select).await?;
    let items: Vec<ClientInfoView> = page
        .rows
        .into_iter()
        .map(|c| ClientInfoView {
            id: c.id,
            ip_address: c.ip_address,
            user_agent: c.user_agent,
            related_entity_type: c.related_entity_type,
            related_entity_id: c.related_entity_id,
            candidate_id: c.candidate_id,
            created_at: c.created_at,
        })
        .collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}

/// One fraud signal, read back through this type to keep the documented key order.
#[derive(Serialize, Deserialize)]
struct FraudSignal {
    id: Uuid,
    category: String,
    name: String,
    description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FraudCheckView {
    id: Uuid,
    candidate_id: Uuid,
    application_id: Option<Uuid>,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
    fraud_signals: Vec<FraudSignal>,
}

/// `candidate.listFraudChecks`: paged, without incremental sync.
pub async fn list_fraud_checks(ctx: Ctx, req: CandidateListRequest) -> Result<Reply, ApiError> {
    visible_candidate(ctx.state.store.reader(), &ctx.caller, req.candidate_id).await?;
    let select = candidate_fraud_check::Entity::find()
        .filter(candidate_fraud_check::Column::CandidateId.eq(req.candidate_id));
    let endpoint = format!("candidate.listFraudChecks:{}", req.candidate_id);
    let page = paging::list(&ctx, &endpoint, &req.page, select).await?;
    let items: Vec<FraudCheckView> = page
        .rows
        .into_iter()
        .map(|f| FraudCheckView {
            id: f.id,
            candidate_id: f.candidate_id,
            application_id: f.application_id,
            created_at: f.created_at,
            fraud_signals: serde_json::from_value(f.fraud_signals).unwrap_or_default(),
        })
        .collect();
    Reply::page(items, page.next_cursor, None)
}
