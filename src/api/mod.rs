//! API handlers, one module per Ashby category (`candidate.rs` serves `candidate.*`),
//! and the plumbing they share: the call context, typed input, and the reply.

pub mod api_key;
pub mod candidate;
pub mod file;
pub mod input;
pub mod paging;
pub mod signed;
pub mod time;

// Organization and Hiring Process (issue 3).
pub mod archive_reason;
pub mod archiving;
pub mod brand;
pub mod candidate_tag;
pub mod communication_template;
pub mod custom_field;
pub mod department;
pub mod feedback_form_definition;
pub mod form;
pub mod interviewer_pool;
pub mod location;
pub mod patch;
pub mod referral_form;
pub mod source;
pub mod source_tracking_link;
pub mod survey_form_definition;
pub mod text;
pub mod tree;
pub mod user;
// Jobs, openings, the interview pipeline and hiring teams (issue 3).
pub mod close_reason;
pub mod compensation;
pub mod hiring_team;
pub mod hiring_team_role;
pub mod interview_plan;
pub mod interview_stage;
pub mod interview_stage_group;
pub mod job;
pub mod job_board;
pub mod job_interview_plan;
pub mod job_posting;
pub mod job_template;
pub mod job_view;
pub mod opening;
pub mod opening_state;
pub mod opening_view;
pub mod posting_parts;
pub mod project;
// Candidate extras (issue 4).
pub mod assessment;
pub mod survey_request;
pub mod survey_submission;
// Applications (issue 4).
pub mod application;
pub mod application_feedback;
pub mod application_form;
pub mod application_hiring_team_role;
pub mod referral;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::AppState;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::future::Future;
use std::pin::Pin;

/// What a handler gets besides its input: the server, the caller, the request id.
#[derive(Clone)]
pub struct Ctx {
    pub state: AppState,
    pub caller: Caller,
    pub request_id: String,
}

pub type HandlerFuture = Pin<Box<dyn Future<Output = Result<Reply, ApiError>> + Send>>;
/// The registry's view of a handler: untyped JSON in, reply out.
pub type Handler = fn(Ctx, Value) -> HandlerFuture;

/// Wraps a typed handler `async fn(Ctx, Req) -> Result<Reply, ApiError>` for the registry.
macro_rules! rpc {
    ($handler:path) => {
        Some({
            const HANDLER: $crate::api::Handler =
                |ctx, body| Box::pin($crate::api::call(ctx, body, $handler));
            HANDLER
        })
    };
}
pub(crate) use rpc;

/// Parses the body into the handler's request type, then runs the handler.
pub async fn call<Req, F, Fut>(ctx: Ctx, body: Value, handler: F) -> Result<Reply, ApiError>
where
    Req: DeserializeOwned,
    F: FnOnce(Ctx, Req) -> Fut,
    Fut: Future<Output = Result<Reply, ApiError>>,
{
    let request = parse(body)?;
    handler(ctx, request).await
}

/// Deserializes a request, naming the offending field when it does not fit.
pub fn parse<Req: DeserializeOwned>(body: Value) -> Result<Req, ApiError> {
    serde_path_to_error::deserialize(body).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if path == "." || path.is_empty() {
            ApiError::invalid_input(format!("Invalid request body: {inner}"))
        } else {
            ApiError::invalid_input(format!("Invalid value for `{path}`: {inner}"))
        }
    })
}

/// A successful answer: `results`, and for list endpoints the paging fields.
#[derive(Debug, Default)]
pub struct Reply {
    results: Value,
    more_data_available: Option<bool>,
    next_cursor: Option<String>,
    sync_token: Option<String>,
}

impl Reply {
    pub fn object(value: impl Serialize) -> Result<Reply, ApiError> {
        Ok(Reply {
            results: serde_json::to_value(value).map_err(ApiError::internal)?,
            ..Reply::default()
        })
    }

    /// One page of a list. `next_cursor` is left out on the last page, where some
    /// clients stop; the sync token comes only with the last page.
    pub fn page(
        items: impl Serialize,
        next_cursor: Option<String>,
        sync_token: Option<String>,
    ) -> Result<Reply, ApiError> {
        Ok(Reply {
            results: serde_json::to_value(items).map_err(ApiError::internal)?,
            more_data_available: Some(next_cursor.is_some()),
            sync_token: if next_cursor.is_none() {
                sync_token
            } else {
                None
            },
            next_cursor,
        })
    }

    /// The success envelope.
    pub fn into_envelope(self) -> Value {
        let mut body = Map::new();
        body.insert("success".into(), Value::Bool(true));
        body.insert("results".into(), self.results);
        if let Some(more) = self.more_data_available {
            body.insert("moreDataAvailable".into(), Value::Bool(more));
        }
        if let Some(cursor) = self.next_cursor {
            body.insert("nextCursor".into(), Value::String(cursor));
        }
        if let Some(token) = self.sync_token {
            body.insert("syncToken".into(), Value::String(token));
        }
        Value::Object(body)
    }
}

/// A `LIKE` pattern matching values that contain `needle`, with the wildcards in
/// `needle` taken literally. Match it against a lowercase shadow column with a
/// lowercase needle: both engines then agree.
pub fn search_pattern(needle: &str) -> sea_orm::sea_query::LikeExpr {
    let escaped = needle
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')
}
