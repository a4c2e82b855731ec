//! `apiKey.*`: the calling key describes itself.

use super::{time, Ctx, Reply};
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct InfoRequest {}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeyInfo {
    title: String,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
    scopes: Vec<String>,
}

/// `apiKey.info`
pub async fn info(ctx: Ctx, _: InfoRequest) -> Result<Reply, ApiError> {
    let key = &ctx.caller.key;
    Reply::object(KeyInfo {
        title: key.title.clone(),
        created_at: key.created_at,
        scopes: key.grants.iter().map(ToString::to_string).collect(),
    })
}
