//! Free text from clients: names and titles are trimmed, and blank optional
//! text means "none".

use crate::error::ApiError;

/// A required value, trimmed; blank is refused naming `field`.
pub fn required(field: &str, value: &str) -> Result<String, ApiError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ApiError::invalid_input(format!(
            "`{field}` may not be empty"
        )));
    }
    Ok(trimmed.to_string())
}

/// An optional value, trimmed; blank becomes `None`.
pub fn optional(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}
