//! The RPC dispatcher: authenticate, check the permission gate, read the body, run
//! the handler. In that order, so a denied call never reads its body or the store.

use super::{error_response, multipart, AppState, RequestId};
use crate::api::file;
use crate::api::Ctx;
use crate::error::ApiError;
use crate::registry::Endpoint;
use crate::store::request_log::LoggedRequest;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};
use std::net::SocketAddr;

pub async fn rpc(
    endpoint: &'static Endpoint,
    State(state): State<AppState>,
    request: Request,
) -> Response {
    let started = std::time::Instant::now();
    let now = chrono::Utc::now();
    let request_id = request_id(&request);
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let requests = state.requests.clone();
    let mut key_id = None;
    let outcome = run(endpoint, state, request, request_id.clone(), &mut key_id).await;
    let error_code = outcome.as_ref().err().map(|e| e.code.to_string());
    let response = match outcome {
        Ok(body) => Json(body).into_response(),
        Err(err) => error_response(err, &request_id),
    };
    requests.record(LoggedRequest {
        at: now,
        key_id,
        endpoint: endpoint.name,
        status: response.status().as_u16(),
        error_code,
        client,
        duration_us: i64::try_from(started.elapsed().as_micros()).unwrap_or(i64::MAX),
    });
    response
}

/// Sets `key_id` as soon as the presented key is known, even when it is refused.
async fn run(
    endpoint: &'static Endpoint,
    state: AppState,
    request: Request,
    request_id: String,
    key_id: &mut Option<uuid::Uuid>,
) -> Result<Value, ApiError> {
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let now = chrono::Utc::now();
    let caller = match state
        .keys
        .authenticate(request.headers(), client, now)
        .await
    {
        Ok(caller) => caller,
        Err(err) => {
            // Refused for its status or address: the key exists, so name it in the log.
            if !matches!(
                err.code.as_ref(),
                "missing_api_key" | "invalid_api_key" | "malformed_api_key"
            ) {
                *key_id = state.keys.identify(request.headers()).await;
            }
            return Err(err);
        }
    };
    *key_id = Some(caller.key.id);
    if !caller.has(endpoint.module, endpoint.access) {
        return Err(ApiError::missing_permission(
            &endpoint.permission(),
            endpoint.name,
        ));
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = read_body(request, state.max_body_bytes).await?;
    let body = if multipart::is_multipart(&content_type) {
        multipart_body(endpoint, &state, &content_type, bytes).await?
    } else {
        json_body(&bytes)?
    };
    let Some(handler) = endpoint.handler else {
        return Err(ApiError::new(
            "endpoint_not_implemented",
            format!(
                "{} is part of the Ashby API but Ashlar does not implement it yet.",
                endpoint.name
            ),
        ));
    };
    let ctx = Ctx {
        state,
        caller,
        request_id,
    };
    Ok(handler(ctx, body).await?.into_envelope())
}

/// The whole body, refused past `limit` bytes.
pub(super) async fn read_body(request: Request, limit: usize) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(request.into_body(), limit)
        .await
        .map_err(|_| {
            ApiError::with_status(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("The request body is larger than the {limit}-byte limit."),
            )
        })
}

/// A multipart form as the JSON body its handler reads: text parts become strings,
/// file parts are stored and become their file handles, exactly as a client using
/// `file.createFileUploadHandle` would have sent them.
async fn multipart_body(
    endpoint: &Endpoint,
    state: &AppState,
    content_type: &str,
    bytes: Bytes,
) -> Result<Value, ApiError> {
    if !endpoint.is_implemented() {
        // Nothing will read it: keep no file, and let the call say it is not implemented.
        return Ok(Value::Object(Map::new()));
    }
    let context = endpoint.uploads.ok_or_else(|| {
        ApiError::invalid_input(format!(
            "{} takes a JSON body, not multipart/form-data.",
            endpoint.name
        ))
    })?;
    let mut body = Map::new();
    for part in multipart::parse(content_type, bytes).await? {
        let value = match &part.file_name {
            Some(file_name) => {
                let content_type = part
                    .content_type
                    .as_deref()
                    .unwrap_or("application/octet-stream");
                file::save_upload(state, context, file_name, content_type, &part.data).await?
            }
            None => String::from_utf8_lossy(&part.data).into_owned(),
        };
        body.insert(part.name, Value::String(value));
    }
    Ok(Value::Object(body))
}

/// The body as a JSON object; empty means `{}`.
fn json_body(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Default::default()));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(ApiError::invalid_input(
            "The request body must be a JSON object.",
        )),
        Err(err) => Err(ApiError::invalid_input(format!(
            "The request body is not valid JSON: {err}"
        ))),
    }
}

pub(super) fn request_id(request: &Request) -> String {
    request
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default()
}

pub async fn unknown_endpoint(request: Request) -> Response {
    let path = request.uri().path().trim_start_matches('/').to_string();
    let err = ApiError::with_status(
        StatusCode::NOT_FOUND,
        "unknown_endpoint",
        format!("`{path}` is not an endpoint of the Ashby API. Endpoints look like POST /candidate.list."),
    );
    error_response(err, &request_id(&request))
}

pub async fn method_not_allowed(request: Request) -> Response {
    let err = ApiError::with_status(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{} is not allowed here: every API endpoint takes POST.",
            request.method()
        ),
    );
    let mut response = error_response(err, &request_id(&request));
    response.headers_mut().insert(
        axum::http::header::ALLOW,
        axum::http::HeaderValue::from_static("POST"),
    );
    response
}

/// A handler that panicked still answers in the envelope (and the server lives on).
/// Panics are bugs: the robustness tests look for them.
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let err = ApiError::internal("a handler panicked");
    error_response(err, "")
}
