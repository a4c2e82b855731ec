//! `file.*`: upload handles and download links for candidate files. Files are served
//! by Ashlar itself (`src/http/files.rs`) through sealed, expiring URLs; a file handle
//! is a sealed file id that never expires, as Ashby's do.

use super::{Ctx, Reply};
use crate::api::signed::Signer;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::AppState;
use crate::store::candidates;
use crate::store::entities::stored_file;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

/// An upload URL works for 10 minutes, as Ashby's presigned URLs do.
pub const UPLOAD_URL_LIFETIME_MS: i64 = 10 * 60 * 1000;
/// A download URL works for an hour.
pub const DOWNLOAD_URL_LIFETIME_MS: i64 = 60 * 60 * 1000;

const HANDLE: &str = "fileHandle";
pub const UPLOAD: &str = "fileUpload";
pub const DOWNLOAD: &str = "fileDownload";

/// What a file is uploaded for (`fileUploadContext`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum UploadContext {
    CandidateResume,
    CandidateFiles,
    ApplicationForm,
}

impl UploadContext {
    pub fn as_str(self) -> &'static str {
        match self {
            UploadContext::CandidateResume => "CandidateResume",
            UploadContext::CandidateFiles => "CandidateFiles",
            UploadContext::ApplicationForm => "ApplicationForm",
        }
    }
}

#[derive(Serialize, Deserialize)]
struct HandleState {
    f: Uuid,
}

/// The sealed content of an upload or download URL: the file and when the URL expires.
#[derive(Serialize, Deserialize)]
struct UrlState {
    f: Uuid,
    /// Expires at, epoch milliseconds.
    x: i64,
}

pub fn handle(signer: &Signer, file: Uuid) -> String {
    signer.seal(HANDLE, &HandleState { f: file })
}

/// The file a handle names, when Ashlar issued it.
pub fn open_handle(signer: &Signer, handle: &str) -> Option<Uuid> {
    signer
        .open::<HandleState>(HANDLE, handle.trim())
        .map(|s| s.f)
}

fn url(state: &AppState, purpose: &str, file: Uuid, lifetime_ms: i64) -> String {
    let token = state.signer.seal(
        purpose,
        &UrlState {
            f: file,
            x: Utc::now().timestamp_millis() + lifetime_ms,
        },
    );
    let path = if purpose == UPLOAD {
        "upload"
    } else {
        "download"
    };
    format!("{}/files/{path}/{token}", state.public_url)
}

/// Why a file URL was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum UrlRefusal {
    Forged,
    Expired,
}

/// Opens the token of a file URL made for `purpose`.
pub fn open_url(signer: &Signer, purpose: &str, token: &str) -> Result<Uuid, UrlRefusal> {
    let state: UrlState = signer.open(purpose, token).ok_or(UrlRefusal::Forged)?;
    if Utc::now().timestamp_millis() > state.x {
        return Err(UrlRefusal::Expired);
    }
    Ok(state.f)
}

/// A file as it appears in `fileHandles` and `resumeFileHandle`.
#[derive(Serialize, Clone, Debug)]
pub struct FileHandleView {
    pub id: Uuid,
    pub name: String,
    pub handle: String,
}

pub fn handle_view(signer: &Signer, file: &stored_file::Model) -> FileHandleView {
    FileHandleView {
        id: file.id,
        name: file.name.clone(),
        handle: handle(signer, file.id),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateUploadHandleRequest {
    file_upload_context: UploadContext,
    filename: String,
    content_type: String,
    content_length: u64,
}

/// `file.createFileUploadHandle`
pub async fn create_file_upload_handle(
    ctx: Ctx,
    req: CreateUploadHandleRequest,
) -> Result<Reply, ApiError> {
    let name = req.filename.trim();
    if name.is_empty() {
        return Err(ApiError::invalid_input("`filename` must not be empty."));
    }
    if req.content_type.trim().is_empty() {
        return Err(ApiError::invalid_input("`contentType` must not be empty."));
    }
    let limit = ctx.state.max_body_bytes as u64;
    if req.content_length == 0 || req.content_length > limit {
        return Err(ApiError::invalid_input(format!(
            "`contentLength` must be between 1 and {limit} bytes."
        )));
    }
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    let file = insert_file(
        &write.txn,
        write.change,
        now,
        NewFile {
            context: req.file_upload_context,
            name,
            content_type: req.content_type.trim(),
            size: req.content_length,
            uploaded: false,
        },
    )
    .await?;
    write.commit().await?;
    Reply::object(json!({
        "handle": handle(&ctx.state.signer, file.id),
        "url": url(&ctx.state, UPLOAD, file.id, UPLOAD_URL_LIFETIME_MS),
        "fields": {"Content-Type": file.content_type},
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(alias = "handle")]
    file_handle: String,
}

/// `file.info`
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let file = visible_file(db, &ctx.caller, &ctx.state.signer, &req.file_handle)
        .await?
        .ok_or_else(file_not_found)?;
    Reply::object(json!({
        "url": url(&ctx.state, DOWNLOAD, file.id, DOWNLOAD_URL_LIFETIME_MS),
    }))
}

fn file_not_found() -> ApiError {
    ApiError::new(
        "file_not_found",
        "This file handle names no file this API key may see. Take handles from candidate.info.",
    )
}

/// The file a handle names, when it is attached to a candidate the caller may see.
async fn visible_file<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    signer: &Signer,
    handle: &str,
) -> Result<Option<stored_file::Model>, ApiError> {
    let Some(id) = open_handle(signer, handle) else {
        return Ok(None);
    };
    let Some(file) = stored_file::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(candidate) = file.candidate_id else {
        return Ok(None);
    };
    if file.uploaded_at.is_none()
        || candidates::find_visible(db, caller, candidate)
            .await?
            .is_none()
    {
        return Ok(None);
    }
    Ok(Some(file))
}

struct NewFile<'a> {
    context: UploadContext,
    name: &'a str,
    content_type: &'a str,
    size: u64,
    uploaded: bool,
}

async fn insert_file<C: ConnectionTrait>(
    db: &C,
    change: i64,
    now: DateTime<Utc>,
    new: NewFile<'_>,
) -> Result<stored_file::Model, ApiError> {
    Ok(stored_file::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(change),
        candidate_id: Set(None),
        name: Set(new.name.into()),
        content_type: Set(new.content_type.into()),
        size_bytes: Set(new.size as i64),
        context: Set(new.context.as_str().into()),
        uploaded_at: Set(new.uploaded.then_some(now)),
    }
    .insert(db)
    .await?)
}

/// Stores a file that arrived whole (a multipart request) and returns its handle.
/// The bytes are written before the transaction, which only names them.
pub async fn save_upload(
    state: &AppState,
    context: UploadContext,
    name: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<String, ApiError> {
    let staged = state
        .files()
        .stage(bytes)
        .await
        .map_err(ApiError::internal)?;
    let now = Utc::now();
    let write = state.store.write().await?;
    let file = insert_file(
        &write.txn,
        write.change,
        now,
        NewFile {
            context,
            name: if name.trim().is_empty() {
                "file"
            } else {
                name.trim()
            },
            content_type,
            size: bytes.len() as u64,
            uploaded: true,
        },
    )
    .await?;
    state
        .files()
        .place(&staged, file.id)
        .await
        .map_err(ApiError::internal)?;
    if let Err(err) = write.commit().await {
        let _ = state.files().remove(file.id).await;
        return Err(err.into());
    }
    Ok(handle(&state.signer, file.id))
}

/// Why bytes sent to an upload URL were refused.
#[derive(Debug)]
pub enum UploadRefusal {
    Unknown,
    AlreadyUploaded,
    TooLarge(i64),
    Failed(ApiError),
}

impl From<sea_orm::DbErr> for UploadRefusal {
    fn from(err: sea_orm::DbErr) -> Self {
        UploadRefusal::Failed(err.into())
    }
}

/// Receives the bytes of a file announced by `file.createFileUploadHandle`. The bytes
/// are written before the transaction, which checks the URL is unused and names them.
pub async fn receive_upload(state: &AppState, id: Uuid, bytes: &[u8]) -> Result<(), UploadRefusal> {
    let announced = stored_file::Entity::find_by_id(id)
        .one(state.store.reader())
        .await?
        .ok_or(UploadRefusal::Unknown)?;
    if bytes.len() as i64 > announced.size_bytes {
        return Err(UploadRefusal::TooLarge(announced.size_bytes));
    }
    let failed = |e: std::io::Error| UploadRefusal::Failed(ApiError::internal(e));
    let staged = state.files().stage(bytes).await.map_err(failed)?;
    let write = state.store.write().await?;
    let file = stored_file::Entity::find_by_id(id)
        .one(&write.txn)
        .await?
        .ok_or(UploadRefusal::Unknown)?;
    if file.uploaded_at.is_some() {
        return Err(UploadRefusal::AlreadyUploaded);
    }
    let now = Utc::now();
    let mut row = file.into_active_model();
    row.size_bytes = Set(bytes.len() as i64);
    row.uploaded_at = Set(Some(now));
    row.updated_at = Set(now);
    row.change_seq = Set(write.change);
    row.update(&write.txn).await?;
    state.files().place(&staged, id).await.map_err(failed)?;
    write.commit().await?;
    Ok(())
}

/// Attaches an uploaded file to a candidate inside the caller's write. A handle names a
/// file the caller may use only while it is unattached or already this candidate's.
pub async fn attach<C: ConnectionTrait>(
    db: &C,
    signer: &Signer,
    change: i64,
    now: DateTime<Utc>,
    field: &str,
    handle: &str,
    candidate: Uuid,
) -> Result<stored_file::Model, ApiError> {
    let refused = || {
        ApiError::invalid_input(format!(
            "`{field}` is not a handle of an uploaded file: create one with file.createFileUploadHandle and upload the file first."
        ))
    };
    let id = open_handle(signer, handle).ok_or_else(refused)?;
    let file = stored_file::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(refused)?;
    if file.uploaded_at.is_none() || file.candidate_id.is_some_and(|c| c != candidate) {
        return Err(refused());
    }
    let mut row = file.into_active_model();
    row.candidate_id = Set(Some(candidate));
    row.updated_at = Set(now);
    row.change_seq = Set(change);
    Ok(row.update(db).await?)
}

/// Reads a file for a download URL: only files attached to a candidate are served.
pub async fn download(
    state: &AppState,
    id: Uuid,
) -> Result<Option<(stored_file::Model, Vec<u8>)>, ApiError> {
    let file = stored_file::Entity::find_by_id(id)
        .one(state.store.reader())
        .await?;
    let Some(file) = file.filter(|f| f.candidate_id.is_some() && f.uploaded_at.is_some()) else {
        return Ok(None);
    };
    match state.files().read(id).await {
        Ok(bytes) => Ok(Some((file, bytes))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(ApiError::internal(err)),
    }
}
