//! `multipart/form-data` bodies, read whole (they are already under the body limit).

use crate::error::ApiError;
use axum::body::Bytes;

/// One part of a multipart body.
pub struct Part {
    pub name: String,
    /// Set for file parts.
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub data: Bytes,
}

/// Whether a `Content-Type` announces a multipart form.
pub fn is_multipart(content_type: &str) -> bool {
    content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("multipart/form-data")
}

pub async fn parse(content_type: &str, body: Bytes) -> Result<Vec<Part>, ApiError> {
    let malformed = |err: multer::Error| {
        ApiError::invalid_input(format!("The multipart body is malformed: {err}"))
    };
    let boundary = multer::parse_boundary(content_type).map_err(malformed)?;
    let stream = futures::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await.map_err(malformed)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(ToString::to_string);
        let data = field.bytes().await.map_err(malformed)?;
        parts.push(Part {
            name,
            file_name,
            content_type,
            data,
        });
    }
    Ok(parts)
}
