//! API versions. Ashby dates its versions; `2026-01-01` is the one Ashlar speaks.
//! The legacy `Accept: application/json; version=1` is also accepted.

use super::{error_response, RequestId};
use crate::error::ApiError;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

pub const CURRENT: &str = "2026-01-01";
pub const STATUS: &str = "active";

pub async fn negotiate(request: Request, next: Next) -> Response {
    let mut response = match refusal(&request) {
        Some(err) => {
            let id = request
                .extensions()
                .get::<RequestId>()
                .map(|r| r.0.clone())
                .unwrap_or_default();
            error_response(err, &id)
        }
        None => next.run(request).await,
    };
    let headers = response.headers_mut();
    headers.insert("ashby-version", HeaderValue::from_static(CURRENT));
    headers.insert("ashby-version-status", HeaderValue::from_static(STATUS));
    response
}

fn refusal(request: &Request) -> Option<ApiError> {
    if let Some(asked) = request.headers().get("ashby-version") {
        let asked = asked.to_str().unwrap_or("").trim();
        if asked != CURRENT {
            return Some(ApiError::with_status(
                StatusCode::BAD_REQUEST,
                "unsupported_api_version",
                format!(
                    "API version `{asked}` is not served here; the supported version is {CURRENT}."
                ),
            ));
        }
    }
    let accept = request.headers().get(header::ACCEPT)?.to_str().ok()?;
    let legacy = accept
        .split(';')
        .map(str::trim)
        .find_map(|param| param.strip_prefix("version="))?;
    (legacy.trim_matches('"') != "1").then(|| {
        ApiError::with_status(
            StatusCode::NOT_ACCEPTABLE,
            "unsupported_api_version",
            format!("`Accept: application/json; version={legacy}` is not served; use version=1 or the Ashby-Version header."),
        )
    })
}
