//! `applicationFeedback.*`: interview feedback on applications, submitted against the
//! organisation's feedback forms.

use super::form::{self, FieldSubmission};
use super::input::EpochMillis;
use super::paging::{self, PageParams};
use super::user::UserView;
use super::{application, time, Ctx, Reply};
use crate::error::ApiError;
use crate::store::applications::visible_applications;
use crate::store::batch;
use crate::store::entities::form_definition::FormKind;
use crate::store::entities::{application as application_e, application_feedback as feedback};
use crate::store::entities::{form_definition, user};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// A feedback submission (objects.md §3.8).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FeedbackView {
    id: Uuid,
    form_definition: Value,
    submitted_values: Value,
    submitted_by_user: Option<UserView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interview_event_id: Option<Uuid>,
    feedback_form_definition_id: Uuid,
    application_id: Uuid,
    #[serde(serialize_with = "time::serialize")]
    submitted_at: DateTime<Utc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
    #[serde(default)]
    created_after: Option<EpochMillis>,
    #[serde(default)]
    application_id: Option<Uuid>,
}

/// `applicationFeedback.list`: feedback on the applications the caller may see.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    if let Some(id) = req.application_id {
        application::find(db, &ctx, id).await?;
    }
    let visible = visible_applications(&ctx.caller)
        .select_only()
        .column(application_e::Column::Id)
        .into_query();
    let mut select =
        feedback::Entity::find().filter(feedback::Column::ApplicationId.in_subquery(visible));
    if let Some(id) = req.application_id {
        select = select.filter(feedback::Column::ApplicationId.eq(id));
    }
    if let Some(after) = req.created_after {
        select = select.filter(feedback::Column::CreatedAt.gt(after.0));
    }
    let page = paging::list(&ctx, "applicationFeedback.list", &req.page, select).await?;
    let views = render(db, page.rows).await?;
    Reply::page(views, page.next_cursor, page.sync_token)
}

async fn render<C: ConnectionTrait>(
    db: &C,
    rows: Vec<feedback::Model>,
) -> Result<Vec<FeedbackView>, ApiError> {
    let users = batch::by_id::<user::Entity, _>(
        db,
        user::Column::Id,
        rows.iter().map(|f| f.submitted_by_user_id),
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|f| FeedbackView {
            id: f.id,
            form_definition: form::canonical(f.form_definition),
            submitted_values: f.submitted_values,
            submitted_by_user: users.get(&f.submitted_by_user_id).map(UserView::from),
            interview_event_id: f.interview_event_id,
            feedback_form_definition_id: f.form_definition_id,
            application_id: f.application_id,
            submitted_at: f.submitted_at,
        })
        .collect())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormAnswers {
    field_submissions: Vec<FieldSubmission>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmitRequest {
    application_id: Uuid,
    form_definition_id: Uuid,
    feedback_form: FormAnswers,
    #[serde(default)]
    user_id: Option<Uuid>,
    #[serde(default)]
    interview_event_id: Option<Uuid>,
}

/// The user feedback is credited to: the one named, else the oldest organisation admin.
async fn author<C: ConnectionTrait>(db: &C, id: Option<Uuid>) -> Result<user::Model, ApiError> {
    match id {
        Some(id) => super::user::find_user(db, id).await,
        None => user::Entity::find()
            .filter(user::Column::GlobalRole.eq("Organization Admin"))
            .order_by_asc(user::Column::CreatedAt)
            .one(db)
            .await?
            .ok_or_else(|| {
                ApiError::invalid_input("Send `userId`: the organisation has no admin to credit.")
            }),
    }
}

/// `applicationFeedback.submit`: checks the answers against the feedback form.
pub async fn submit(ctx: Ctx, req: SubmitRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let application = application::find(&write.txn, &ctx, req.application_id).await?;
    let form = form::of_kind(FormKind::Feedback)
        .filter(form_definition::Column::Id.eq(req.form_definition_id))
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("feedback_form_definition", req.form_definition_id))?;
    let values = form::answers(&form.definition, &req.feedback_form.field_submissions)?;
    let author = author(&write.txn, req.user_id).await?;
    let now = Utc::now();
    let id = Uuid::now_v7();
    feedback::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        application_id: Set(application.id),
        form_definition_id: Set(form.id),
        form_definition: Set(form.definition.clone()),
        submitted_values: Set(values.clone()),
        submitted_by_user_id: Set(author.id),
        submitted_at: Set(now),
        interview_event_id: Set(req.interview_event_id),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    Reply::object(serde_json::json!({
        "submittedFormInstance": {
            "id": id,
            "formDefinition": form::canonical(form.definition),
            "submittedValues": values,
        }
    }))
}
