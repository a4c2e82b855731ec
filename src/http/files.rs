//! The file routes behind `file.createFileUploadHandle` and `file.info`: plain HTTP,
//! authorised by the sealed, expiring token in the path rather than by an API key.

use super::dispatch::{read_body, request_id};
use super::{error_response, multipart, AppState};
use crate::api::file::{self, UploadRefusal, UrlRefusal};
use crate::error::ApiError;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// `POST /files/upload/<token>`: a multipart form whose `file` part holds the bytes
/// (other fields are ignored), or the bare bytes as the body.
pub async fn upload(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let request_id = request_id(&request);
    match receive(&state, &token, request).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(err) => error_response(err, &request_id),
    }
}

async fn receive(state: &AppState, token: &str, request: Request) -> Result<(), ApiError> {
    let id = file::open_url(&state.signer, file::UPLOAD, token).map_err(url_refused)?;
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = read_body(request, state.max_body_bytes).await?;
    let bytes = if multipart::is_multipart(&content_type) {
        multipart::parse(&content_type, body)
            .await?
            .into_iter()
            .rev()
            .find(|p| p.name == "file" || p.file_name.is_some())
            .map(|p| p.data)
            .ok_or_else(|| ApiError::invalid_input("The form has no `file` field."))?
    } else {
        body
    };
    file::receive_upload(state, id, &bytes)
        .await
        .map_err(|refusal| match refusal {
            UploadRefusal::Unknown => url_refused(UrlRefusal::Forged),
            UploadRefusal::AlreadyUploaded => ApiError::with_status(
                StatusCode::CONFLICT,
                "file_already_uploaded",
                "This upload URL was used already; ask for a new one with file.createFileUploadHandle.",
            ),
            UploadRefusal::TooLarge(limit) => too_large(limit as u64),
            UploadRefusal::Failed(err) => err,
        })
}

/// `GET /files/download/<token>`
pub async fn download(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let request_id = request_id(&request);
    let result = match file::open_url(&state.signer, file::DOWNLOAD, &token) {
        Err(refusal) => Err(url_refused(refusal)),
        Ok(id) => file::download(&state, id).await,
    };
    match result {
        Ok(Some((file, bytes))) => {
            let content_type = HeaderValue::from_str(&file.content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            let disposition = format!(
                "attachment; filename=\"{}\"",
                file.name.replace(['"', '\\', '\r', '\n'], "_")
            );
            let mut response = (StatusCode::OK, bytes).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, content_type);
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Ok(None) => error_response(
            ApiError::with_status(
                StatusCode::NOT_FOUND,
                "file_not_found",
                "This file no longer exists.",
            ),
            &request_id,
        ),
        Err(err) => error_response(err, &request_id),
    }
}

fn url_refused(refusal: UrlRefusal) -> ApiError {
    match refusal {
        UrlRefusal::Forged => ApiError::with_status(
            StatusCode::FORBIDDEN,
            "invalid_file_url",
            "This file URL was not issued by this server.",
        ),
        UrlRefusal::Expired => ApiError::with_status(
            StatusCode::FORBIDDEN,
            "file_url_expired",
            "This file URL has expired; ask for a new one.",
        ),
    }
}

fn too_large(limit: u64) -> ApiError {
    ApiError::with_status(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        format!("The upload is larger than the {limit} bytes announced for it."),
    )
}
