//! The one error type. Every failure an API call can meet becomes an `ApiError`, and
//! only `ApiError` writes Ashby's error envelope.

use axum::http::{HeaderName, HeaderValue, StatusCode};
use std::borrow::Cow;

/// Response header naming the permission a denied call needed (beyond Ashby).
pub const REQUIRED_PERMISSION_HEADER: &str = "x-ashlar-required-permission";

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: Cow<'static, str>,
    pub message: String,
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiError {
    /// A logical failure: HTTP 200 with `success:false`, Ashby's convention.
    pub fn new(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::with_status(StatusCode::OK, code, message)
    }

    pub fn with_status(
        status: StatusCode,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            code: code.into(),
            message: message.into(),
            headers: Vec::new(),
        }
    }

    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new("invalid_input", message)
    }

    /// `<thing>_not_found`, also the answer for records the caller may not see.
    pub fn not_found(thing: &str, id: impl std::fmt::Display) -> Self {
        Self::new(
            format!("{thing}_not_found"),
            format!(
                "No {} with id {id} was found, or this API key may not see it.",
                thing.replace('_', " ")
            ),
        )
    }

    pub fn missing_permission(permission: &str, endpoint: &str) -> Self {
        let mut err = Self::with_status(
            StatusCode::FORBIDDEN,
            "missing_endpoint_permission",
            format!(
                "This API key does not have the {permission} permission, which {endpoint} requires. \
                 Ask an admin to grant it in the API key settings."
            ),
        );
        if let Ok(value) = HeaderValue::from_str(permission) {
            err.headers
                .push((HeaderName::from_static(REQUIRED_PERMISSION_HEADER), value));
        }
        err
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        tracing::error!(error = %err, "internal error");
        Self::with_status(
            StatusCode::INTERNAL_SERVER_ERROR,
            "generic_internal_error",
            "The server could not complete the request; nothing was changed. Try again shortly.",
        )
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        ApiError::internal(err)
    }
}

impl From<sea_orm::TransactionError<ApiError>> for ApiError {
    fn from(err: sea_orm::TransactionError<ApiError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(api) => api,
        }
    }
}
