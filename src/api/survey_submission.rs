//! `surveySubmission.*`: candidates' answers to survey forms.

use super::form::{canonical, field_paths};
use super::input::EpochMillis;
use super::paging::{self, PageParams};
use super::survey_request::{check_subject, check_survey_type, visible_candidate_ids};
use super::{time, Ctx, Reply};
use crate::error::ApiError;
use crate::store::batch;
use crate::store::entities::{form_definition, survey_submission};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;
use uuid::Uuid;

/// Survey types Ashby lists submissions of.
const LISTED_TYPES: [&str; 2] = ["CandidateExperience", "Questionnaire"];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SubmissionView {
    id: Uuid,
    survey_form_definition_id: Uuid,
    #[serde(serialize_with = "time::serialize")]
    submitted_at: DateTime<Utc>,
    candidate_id: Uuid,
    application_id: Uuid,
    survey_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    form_definition: Option<Value>,
    submitted_values: Value,
}

fn view(m: survey_submission::Model, form: Option<&form_definition::Model>) -> SubmissionView {
    SubmissionView {
        id: m.id,
        survey_form_definition_id: m.survey_form_definition_id,
        submitted_at: m.submitted_at,
        candidate_id: m.candidate_id,
        application_id: m.application_id,
        survey_type: m.survey_type,
        form_definition: form.map(|f| canonical(f.definition.clone())),
        submitted_values: m.submitted_values,
    }
}

/// Answers must name fields of the form and include every required one.
fn check_values(
    form: &form_definition::Model,
    values: &Map<String, Value>,
) -> Result<(), ApiError> {
    let paths = field_paths(&form.definition);
    if let Some(unknown) = values.keys().find(|k| !paths.iter().any(|(p, _)| p == *k)) {
        return Err(ApiError::invalid_input(format!(
            "`submittedValues.{unknown}`: the survey form has no such field"
        )));
    }
    let missing = paths
        .iter()
        .find(|(path, required)| *required && values.get(path).is_none_or(Value::is_null));
    if let Some((path, _)) = missing {
        return Err(ApiError::invalid_input(format!(
            "`submittedValues.{path}` is required by the survey form"
        )));
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    candidate_id: Uuid,
    application_id: Uuid,
    survey_form_definition_id: Uuid,
    submitted_values: Map<String, Value>,
}

/// `surveySubmission.create`
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
    check_values(&form, &req.submitted_values)?;
    let row = survey_submission::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        candidate_id: Set(req.candidate_id),
        application_id: Set(req.application_id),
        survey_form_definition_id: Set(form.id),
        survey_type: Set(form.survey_type.clone().unwrap_or_default()),
        submitted_values: Set(Value::Object(req.submitted_values)),
        submitted_at: Set(now),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    Reply::object(view(row, Some(&form)))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    survey_type: String,
    #[serde(default)]
    created_after: Option<EpochMillis>,
    #[serde(flatten)]
    page: PageParams,
}

/// `surveySubmission.list`: submissions of candidates the caller may see, each
/// with its form (forms loaded in one query per page).
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    use survey_submission::Column;
    check_survey_type(&req.survey_type, &LISTED_TYPES)?;
    let mut select = survey_submission::Entity::find()
        .filter(Column::SurveyType.eq(req.survey_type.as_str()))
        .filter(Column::CandidateId.in_subquery(visible_candidate_ids(&ctx.caller)));
    if let Some(after) = req.created_after {
        select = select.filter(Column::CreatedAt.gt(after.0));
    }
    let endpoint = format!("surveySubmission.list:{}", req.survey_type);
    let page = paging::list(&ctx, &endpoint, &req.page, select).await?;
    let form_ids = page.rows.iter().map(|r| r.survey_form_definition_id);
    let forms: HashMap<Uuid, form_definition::Model> = batch::by_id::<form_definition::Entity, _>(
        ctx.state.store.reader(),
        form_definition::Column::Id,
        form_ids,
    )
    .await?;
    let items: Vec<SubmissionView> = page
        .rows
        .into_iter()
        .map(|r| {
            let form = forms.get(&r.survey_form_definition_id);
            view(r, form)
        })
        .collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}
