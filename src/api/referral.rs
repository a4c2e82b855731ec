//! `referral.create`: a user refers someone for a job through the referral form. The
//! referred person is found by email or created, and considered for the job.

use super::application::{self, intake, Extras, NewApplication};
use super::form::{self, FieldSubmission};
use super::{job, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::application_referral as referral;
use crate::store::entities::form_definition::{self, FormKind};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, Set};
use serde::Deserialize;
use uuid::Uuid;

/// The field naming the job someone is referred for (its value is the job id).
const JOB_FIELD: &str = "_systemfield_job";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    /// The referral form's id (`referralForm.info`).
    id: Uuid,
    credited_to_user_id: Uuid,
    field_submissions: Vec<FieldSubmission>,
    #[serde(default)]
    created_at: Option<DateTime<Utc>>,
}

/// `referral.create`: answers with the new application.
pub async fn create(ctx: Ctx, req: CreateRequest) -> Result<Reply, ApiError> {
    let (job_fields, answers): (Vec<_>, Vec<_>) = req
        .field_submissions
        .into_iter()
        .partition(|f| f.path == JOB_FIELD);
    let job_id = job_fields
        .first()
        .and_then(|f| f.value.as_str())
        .and_then(|s| Uuid::parse_str(s.trim()).ok())
        .ok_or_else(|| {
            ApiError::invalid_input(format!(
                "`{JOB_FIELD}` (Job) is required: the id of the job the candidate is referred for."
            ))
        })?;
    let write = ctx.state.store.write().await?;
    let form = form::of_kind(FormKind::Referral)
        .filter(form_definition::Column::Id.eq(req.id))
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("referral_form", req.id))?;
    let values = form::answers(&form.definition, &answers)?;
    let user = super::user::find_user(&write.txn, req.credited_to_user_id).await?;
    let job = job::visible(&write.txn, &ctx.caller, job_id).await?;
    let candidate_id = intake::find_or_create_candidate(&write, &ctx.caller, &values).await?;
    let source_id = intake::source_titled(&write.txn, "Employee Referral").await?;
    let id = application::insert(
        &write,
        NewApplication {
            candidate_id,
            job,
            plan_id: None,
            stage: None,
            source_id,
            credited_to_user_id: Some(user.id),
            created_at: req.created_at,
            history: Vec::new(),
            applied_via_job_posting_id: None,
        },
    )
    .await?;
    let now = Utc::now();
    referral::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        application_id: Set(id),
        user_id: Set(user.id),
        referred_at: Set(req.created_at.unwrap_or(now)),
        submitted_values: Set(values),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    let extras = Extras {
        referrals: true,
        ..Extras::default()
    };
    application::respond(&ctx, id, extras).await
}
