//! `applicationForm.submit`: what a careers site calls when someone applies through a
//! posting. The answers are checked field by field against the posting's application
//! form; the candidate is found by email or created; the application is created; a
//! résumé uploaded with the form becomes the candidate's résumé.

use super::application::{self, intake, NewApplication};
use super::form::{self, FieldSubmission};
use super::{file, job, job_posting, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::{
    application_form_submission as submission, candidate, job_posting as posting,
};
use crate::store::WriteTxn;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

const RESUME: &str = "_systemfield_resume";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answers {
    field_submissions: Vec<FieldSubmission>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmitRequest {
    job_posting_id: Uuid,
    /// An object in JSON bodies; its JSON text in multipart ones.
    application_form: Value,
    #[serde(default)]
    allow_submission_for_unpublished_job_posting: Option<super::input::Flag>,
    /// File parts of a multipart body (handles), named by the field they answer.
    #[serde(flatten)]
    files: serde_json::Map<String, Value>,
}

fn answers(form: Value) -> Result<Vec<FieldSubmission>, ApiError> {
    let form = match form {
        Value::String(text) => serde_json::from_str(&text).map_err(|err| {
            ApiError::invalid_input(format!("`applicationForm` is not valid JSON: {err}"))
        })?,
        other => other,
    };
    let parsed: Answers = super::parse(form)
        .map_err(|e| ApiError::invalid_input(format!("`applicationForm`: {}", e.message)))?;
    Ok(parsed.field_submissions)
}

/// `applicationForm.submit`
pub async fn submit(ctx: Ctx, req: SubmitRequest) -> Result<Reply, ApiError> {
    let mut submissions = answers(req.application_form)?;
    // A file part answers the field whose path names it, as Ashby's multipart form does.
    for sub in submissions.iter_mut() {
        if let Some(Value::String(key)) = sub.value.as_str().and_then(|k| req.files.get(k)) {
            sub.value = Value::String(key.clone());
        }
    }
    let definition = job_posting::application_form();
    let values = form::answers(&definition, &submissions)?;
    let write = ctx.state.store.write().await?;
    let found = posting::Entity::find_by_id(req.job_posting_id)
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("job_posting", req.job_posting_id))?;
    let allow_unpublished = req
        .allow_submission_for_unpublished_job_posting
        .is_none_or(|f| f.0);
    if !found.is_published && !allow_unpublished {
        return Err(ApiError::invalid_input(
            "This job posting is not published, and `allowSubmissionForUnpublishedJobPosting` is false.",
        ));
    }
    let job = job::visible(&write.txn, &ctx.caller, found.job_id)
        .await
        .map_err(|_| ApiError::not_found("job_posting", req.job_posting_id))?;
    let candidate_id = intake::find_or_create_candidate(&write, &ctx.caller, &values).await?;
    if let Some(handle) = intake::text(&values, RESUME) {
        attach_resume(&ctx, &write, candidate_id, handle).await?;
    }
    let source_id = intake::source_titled(&write.txn, "Applied").await?;
    let application_id = application::insert(
        &write,
        NewApplication {
            candidate_id,
            job,
            plan_id: None,
            stage: None,
            source_id,
            credited_to_user_id: None,
            created_at: None,
            history: Vec::new(),
            applied_via_job_posting_id: Some(found.id),
        },
    )
    .await?;
    let now = Utc::now();
    let id = Uuid::now_v7();
    submission::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        application_id: Set(application_id),
        job_posting_id: Set(found.id),
        form_definition: Set(definition.clone()),
        submitted_values: Set(values.clone()),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    Reply::object(json!({
        "submittedFormInstance": {
            "id": id,
            "formDefinition": form::canonical(definition),
            "submittedValues": values,
        },
        "formMessages": {"blocked": false},
    }))
}

/// Attaches the uploaded résumé and makes it the candidate's.
async fn attach_resume(
    ctx: &Ctx,
    write: &WriteTxn,
    candidate_id: Uuid,
    handle: &str,
) -> Result<(), ApiError> {
    let now = Utc::now();
    let file = file::attach(
        &write.txn,
        &ctx.state.signer,
        write.change,
        now,
        RESUME,
        handle,
        candidate_id,
    )
    .await?;
    let Some(row) = candidate::Entity::find_by_id(candidate_id)
        .one(&write.txn)
        .await?
    else {
        return Err(ApiError::not_found("candidate", candidate_id));
    };
    let mut row = row.into_active_model();
    row.resume_file_id = Set(Some(file.id));
    row.updated_at = Set(now);
    row.change_seq = Set(write.change);
    row.update(&write.txn).await?;
    Ok(())
}
