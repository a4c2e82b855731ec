//! `surveyFormDefinition.*`: the surveys candidates are sent.

use super::form;
use super::paging::PageParams;
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::form_definition::FormKind;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(alias = "id")]
    survey_form_definition_id: Uuid,
}

/// `surveyFormDefinition.info`
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    form::info(
        &ctx,
        FormKind::Survey,
        "survey_form_definition",
        req.survey_form_definition_id,
    )
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
}

/// `surveyFormDefinition.list`: every survey form, archived ones flagged (the
/// request has no `includeArchived`, and syncs must see forms being archived).
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    form::list(
        &ctx,
        "surveyFormDefinition.list",
        &req.page,
        form::of_kind(FormKind::Survey),
    )
    .await
}
