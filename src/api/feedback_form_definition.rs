//! `feedbackFormDefinition.*`: the forms interviewers fill in.

use super::form;
use super::input::Flag;
use super::paging::PageParams;
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::form_definition::{Column, FormKind};
use sea_orm::{ColumnTrait, QueryFilter};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(alias = "id")]
    feedback_form_definition_id: Uuid,
}

/// `feedbackFormDefinition.info`
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    form::info(
        &ctx,
        FormKind::Feedback,
        "feedback_form_definition",
        req.feedback_form_definition_id,
    )
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    include_archived: Flag,
    #[serde(flatten)]
    page: PageParams,
}

/// `feedbackFormDefinition.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = form::of_kind(FormKind::Feedback);
    if req.page.hides_archived(&ctx, req.include_archived.0) {
        select = select.filter(Column::IsArchived.eq(false));
    }
    form::list(&ctx, "feedbackFormDefinition.list", &req.page, select).await
}
