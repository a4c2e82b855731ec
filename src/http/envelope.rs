//! Ashby's error envelope, written in this one place.

use crate::error::ApiError;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// `{"success":false,"errors":[code],"errorInfo":{code,message,requestId}}`.
pub fn error_response(err: ApiError, request_id: &str) -> Response {
    let body = json!({
        "success": false,
        "errors": [err.code],
        "errorInfo": {
            "code": err.code,
            "message": err.message,
            "requestId": request_id,
        },
    });
    let mut response = (err.status, Json(body)).into_response();
    response.headers_mut().extend(err.headers);
    response
}
