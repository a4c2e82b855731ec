//! `surveyRequest.*`: survey links sent to candidates; also the checks survey
//! submissions share.

use super::input::EpochMillis;
use super::paging::{self, PageParams};
use super::{Ctx, Reply};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::candidates::{self, visible_candidates};
use crate::store::entities::form_definition::{self, FormKind};
use crate::store::entities::{candidate, survey_request};
use chrono::Utc;
use sea_orm::sea_query::SelectStatement;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sea_orm::{QuerySelect, QueryTrait, Set};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Checks the candidate (visible to the caller) and the survey form (a live
/// survey form) a survey record is about, and answers the form. The application
/// id is kept as sent: applications arrive with their own module.
pub async fn check_subject<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    candidate_id: Uuid,
    form_id: Uuid,
) -> Result<form_definition::Model, ApiError> {
    candidates::find_visible(db, caller, candidate_id)
        .await?
        .ok_or_else(|| ApiError::not_found("candidate", candidate_id))?;
    let form = form_definition::Entity::find_by_id(form_id)
        .filter(form_definition::Column::Kind.eq(FormKind::Survey.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("survey_form_definition", form_id))?;
    super::archiving::refuse_if_archived("survey_form_definition", form.id, form.is_archived)?;
    Ok(form)
}

/// The ids of the candidates `caller` may see, for filtering related records.
pub fn visible_candidate_ids(caller: &Caller) -> SelectStatement {
    visible_candidates(caller)
        .select_only()
        .column(candidate::Column::Id)
        .into_query()
}

/// Refuses a `surveyType` the endpoint does not list.
pub fn check_survey_type(survey_type: &str, allowed: &[&str]) -> Result<(), ApiError> {
    if allowed.contains(&survey_type) {
        return Ok(());
    }
    Err(ApiError::invalid_input(format!(
        "`surveyType`: expected {}, got `{survey_type}`",
        allowed.join(" or ")
    )))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RequestView {
    id: Uuid,
    candidate_id: Uuid,
    application_id: Uuid,
    survey_form_definition_id: Uuid,
    survey_url: String,
}

fn view(ctx: &Ctx, m: survey_request::Model) -> RequestView {
    RequestView {
        survey_url: format!("{}/surveys/{}", ctx.state.public_url, m.id),
        id: m.id,
        candidate_id: m.candidate_id,
        application_id: m.application_id,
        survey_form_definition_id: m.survey_form_definition_id,
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    candidate_id: Uuid,
    application_id: Uuid,
    survey_form_definition_id: Uuid,
}

/// `surveyRequest.create`
pub async fn create(ctx: Ctx, req: CreateRequest) -> Result<Reply, ApiError> {
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    let form = check_subject(
        &write.txn,
        &ctx.caller,
        req.candidate_id,
        req.survey_form_definition_id,
    )
    .await?;
    let row = survey_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        candidate_id: Set(req.candidate_id),
        application_id: Set(req.application_id),
        survey_form_definition_id: Set(form.id),
        survey_type: Set(form.survey_type.unwrap_or_default()),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    Reply::object(view(&ctx, row))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    survey_type: String,
    #[serde(default)]
    application_id: Option<Uuid>,
    #[serde(default)]
    candidate_id: Option<Uuid>,
    #[serde(default)]
    created_after: Option<EpochMillis>,
    #[serde(flatten)]
    page: PageParams,
}

/// `surveyRequest.list`: requests of candidates the caller may see.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    use survey_request::Column;
    check_survey_type(&req.survey_type, &["CandidateExperience"])?;
    let mut select = survey_request::Entity::find()
        .filter(Column::SurveyType.eq(req.survey_type.as_str()))
        .filter(Column::CandidateId.in_subquery(visible_candidate_ids(&ctx.caller)));
    if let Some(id) = req.application_id {
        select = select.filter(Column::ApplicationId.eq(id));
    }
    if let Some(id) = req.candidate_id {
        select = select.filter(Column::CandidateId.eq(id));
    }
    if let Some(after) = req.created_after {
        select = select.filter(Column::CreatedAt.gt(after.0));
    }
    // Cursors are bound to the filters they were issued for.
    let endpoint = format!(
        "surveyRequest.list:{}:{:?}:{:?}",
        req.survey_type, req.candidate_id, req.application_id
    );
    let page = paging::list(&ctx, &endpoint, &req.page, select).await?;
    let items: Vec<RequestView> = page.rows.into_iter().map(|m| view(&ctx, m)).collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}
