//! `candidate.uploadFile` and `candidate.uploadResume`: attach a file uploaded through
//! a handle (or a multipart body, which the dispatcher turns into a handle).

use super::{load_for_write, respond, resume, stored_contacts, touched};
use crate::api::{file, Ctx, Reply};
use crate::error::ApiError;
use crate::store::candidates::{self, Contact};
use crate::store::WriteTxn;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadFileRequest {
    candidate_id: Uuid,
    /// `file` is the multipart field name.
    #[serde(alias = "file")]
    file_handle: String,
}

/// `candidate.uploadFile`
pub async fn upload_file(ctx: Ctx, req: UploadFileRequest) -> Result<Reply, ApiError> {
    attach_file(ctx, req.candidate_id, "fileHandle", &req.file_handle, false).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadResumeRequest {
    candidate_id: Uuid,
    /// `resume` is the multipart field name.
    #[serde(alias = "resume")]
    resume_handle: String,
}

/// `candidate.uploadResume`: attaches the file, makes it the candidate's resume, and
/// takes an email and phone from a plain-text resume when the candidate has none.
pub async fn upload_resume(ctx: Ctx, req: UploadResumeRequest) -> Result<Reply, ApiError> {
    attach_file(
        ctx,
        req.candidate_id,
        "resumeHandle",
        &req.resume_handle,
        true,
    )
    .await
}

async fn attach_file(
    ctx: Ctx,
    candidate_id: Uuid,
    field: &str,
    handle: &str,
    as_resume: bool,
) -> Result<Reply, ApiError> {
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    let current = load_for_write(&write, &ctx.caller, candidate_id).await?;
    let file = file::attach(
        &write.txn,
        &ctx.state.signer,
        write.change,
        now,
        field,
        handle,
        current.id,
    )
    .await?;
    if as_resume && resume::readable(&file.content_type, &file.name) {
        fill_from_resume(&ctx, &write, current.id, file.id).await?;
    }
    let mut row = touched(current, now, &write);
    if as_resume {
        row.resume_file_id = Set(Some(file.id));
    }
    row.update(&write.txn).await?;
    write.commit().await?;
    respond(&ctx, candidate_id).await
}

/// Gives a candidate without an email or phone the ones their resume names.
async fn fill_from_resume(
    ctx: &Ctx,
    write: &WriteTxn,
    candidate: Uuid,
    file: Uuid,
) -> Result<(), ApiError> {
    let Ok(bytes) = ctx.state.files().read(file).await else {
        return Ok(());
    };
    let found = resume::parse(&String::from_utf8_lossy(&bytes));
    let (mut emails, mut phones) = stored_contacts(&write.txn, candidate).await?;
    let primary = |value: String| Contact {
        value,
        contact_type: "Personal".into(),
        is_primary: true,
    };
    let mut changed = false;
    if let (true, Some(email)) = (emails.is_empty(), found.email) {
        emails.push(primary(email));
        changed = true;
    }
    if let (true, Some(phone)) = (phones.is_empty(), found.phone) {
        phones.push(primary(phone));
        changed = true;
    }
    if changed {
        candidates::replace_contacts(&write.txn, candidate, &emails, &phones).await?;
    }
    Ok(())
}
