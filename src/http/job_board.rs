//! The public job board careers sites read: `GET /posting-api/job-board/{name}`
//! (optionally `?includeCompensation=true`), without a key. It lists the listed,
//! published postings of open, non-confidential jobs on that external board.
//!
//! Safe to put on the internet: answers are cached per board until the next write
//! anywhere (one tiny query decides), carry an ETag and Cache-Control so clients
//! and CDNs revalidate with `If-None-Match` (304), and each client address gets a
//! token bucket (429 with Retry-After when empty). Addresses are the TCP peer's;
//! behind a proxy every client shares the proxy's bucket.
//!
//! The answer's shape follows Ashby's public Job Postings API (`apiVersion`,
//! `jobs[]` with `title`, `location`, `secondaryLocations`, `department`, `team`,
//! `isListed`, `isRemote`, `workplaceType`, `descriptionHtml/Plain`, `publishedAt`,
//! `employmentType`, `address`, `jobUrl`, `applyUrl`, `compensation`). The shared
//! reference notes do not document it, so it is reconstructed from Ashby's public
//! docs as remembered and from the JobPosting fields.

use super::{error_response, AppState, RequestId};
use crate::api::compensation;
use crate::api::posting_parts::{self, Parts, Postings};
use crate::error::ApiError;
use crate::store::entities::job_board;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Requests a client address may burst, and how fast its allowance refills.
pub const BURST: f64 = 60.0;
pub const REFILL_PER_SECOND: f64 = 1.0;
/// How long clients and CDNs may reuse an answer before revalidating.
const MAX_AGE_SECONDS: u32 = 60;
/// Bounds on the in-memory maps, so a flood of addresses or names cannot grow them.
const MAX_TRACKED_CLIENTS: usize = 10_000;
const MAX_CACHED_BOARDS: usize = 1_000;

/// The route with its own limiter and cache.
pub fn route() -> MethodRouter<AppState> {
    let board = Arc::new(PublicBoard::default());
    get(move |state, path, query, request| {
        let board = board.clone();
        async move { board.serve(state, path, query, request).await }
    })
}

#[derive(Default)]
struct PublicBoard {
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
    cache: Mutex<HashMap<(String, bool), Cached>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

#[derive(Clone)]
struct Cached {
    /// The store's change number when this answer was built.
    change: i64,
    etag: String,
    body: axum::body::Bytes,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BoardQuery {
    #[serde(default)]
    include_compensation: Option<String>,
}

impl PublicBoard {
    async fn serve(
        &self,
        State(state): State<AppState>,
        Path(name): Path<String>,
        Query(query): Query<BoardQuery>,
        request: Request,
    ) -> Response {
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let client = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| client_key(c.0.ip()));
        if let Some(wait) = client.and_then(|ip| self.take_token(ip, Instant::now())) {
            return too_many(wait, &request_id);
        }
        let include = query
            .include_compensation
            .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
        match self.answer(&state, &name.to_lowercase(), include).await {
            Ok(cached) => respond(cached, request.headers()),
            Err(err) => error_response(err, &request_id),
        }
    }

    /// Takes a token for `ip`; when none is left, how long until one is.
    fn take_token(&self, ip: IpAddr, now: Instant) -> Option<Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_TRACKED_CLIENTS {
            // Full buckets carry no state worth keeping.
            buckets.retain(|_, b| refill(*b, now).tokens < BURST);
        }
        let bucket = buckets.entry(ip).or_insert(Bucket {
            tokens: BURST,
            at: now,
        });
        *bucket = refill(*bucket, now);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            None
        } else {
            Some(Duration::from_secs_f64(
                (1.0 - bucket.tokens) / REFILL_PER_SECOND,
            ))
        }
    }

    /// The board's answer, rebuilt only when something was written since.
    async fn answer(
        &self,
        state: &AppState,
        slug: &str,
        include: bool,
    ) -> Result<Cached, ApiError> {
        let change = state.store.current_change().await?;
        let key = (slug.to_string(), include);
        if let Some(hit) = self.lock_cache().get(&key).filter(|c| c.change == change) {
            return Ok(hit.clone());
        }
        let (body, known_board) = build(state, slug, include).await?;
        let body = axum::body::Bytes::from(serde_json::to_vec(&body).map_err(ApiError::internal)?);
        let digest = Sha256::digest(&body);
        let cached = Cached {
            change,
            etag: format!("\"{}\"", hex::encode(&digest[..16])),
            body,
        };
        if known_board {
            let mut cache = self.lock_cache();
            if cache.len() >= MAX_CACHED_BOARDS {
                cache.clear();
            }
            cache.insert(key, cached.clone());
        }
        Ok(cached)
    }

    fn lock_cache(&self) -> std::sync::MutexGuard<'_, HashMap<(String, bool), Cached>> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// IPv6 clients are keyed by their /64, which one subscriber usually holds whole.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
        v4 => v4,
    }
}

fn refill(bucket: Bucket, now: Instant) -> Bucket {
    let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
    Bucket {
        tokens: (bucket.tokens + elapsed * REFILL_PER_SECOND).min(BURST),
        at: now,
    }
}

fn too_many(wait: Duration, request_id: &str) -> Response {
    let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
    let err = ApiError::with_status(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limit_exceeded",
        format!(
            "Too many requests for job boards from this address. Try again in {seconds} seconds."
        ),
    );
    let mut response = error_response(err, request_id);
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

fn respond(cached: Cached, headers: &HeaderMap) -> Response {
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == cached.etag || tag == "*");
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut ok = Response::new(Body::from(cached.body));
        ok.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        ok
    };
    let out = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(&cached.etag) {
        out.insert(header::ETAG, etag);
    }
    if let Ok(control) = HeaderValue::from_str(&format!("public, max-age={MAX_AGE_SECONDS}")) {
        out.insert(header::CACHE_CONTROL, control);
    }
    // Careers sites read the board from the browser.
    out.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BoardView {
    api_version: &'static str,
    jobs: Vec<PublicJob>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PublicJob {
    id: uuid::Uuid,
    title: String,
    location: String,
    secondary_locations: Vec<SecondaryLocation>,
    department: String,
    team: String,
    is_listed: bool,
    is_remote: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    workplace_type: Option<String>,
    description_html: String,
    description_plain: String,
    published_at: String,
    employment_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Value>,
    job_url: String,
    apply_url: String,
    should_display_compensation_on_job_postings: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    compensation: Option<PublicCompensation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SecondaryLocation {
    location: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PublicCompensation {
    #[serde(skip_serializing_if = "Option::is_none")]
    compensation_tier_summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scrapeable_compensation_salary_summary: Option<String>,
    compensation_tiers: Vec<compensation::TierView>,
    summary_components: Vec<compensation::ComponentView>,
}

/// The board's JSON, and whether the board exists (unknown boards answer an
/// empty list, as Ashby's does).
async fn build(state: &AppState, slug: &str, include: bool) -> Result<(BoardView, bool), ApiError> {
    let db = state.store.reader();
    let board = job_board::Entity::find()
        .filter(job_board::Column::Slug.eq(slug))
        .filter(job_board::Column::IsInternal.eq(false))
        .filter(job_board::Column::IsEnabled.eq(true))
        .one(db)
        .await?;
    let Some(board) = board else {
        return Ok((empty(), false));
    };
    let rows = posting_parts::live_postings(false, board.id)
        .filter(crate::store::entities::job_posting::Column::IsListed.eq(true))
        .all(db)
        .await?;
    let postings = Postings::load(db, rows).await?;
    let jobs = postings
        .rows
        .iter()
        .filter_map(|p| postings.parts(p))
        .map(|parts| public_job(&parts, include))
        .collect();
    Ok((
        BoardView {
            api_version: "1",
            jobs,
        },
        true,
    ))
}

fn empty() -> BoardView {
    BoardView {
        api_version: "1",
        jobs: Vec::new(),
    }
}

fn public_job(parts: &Parts, include: bool) -> PublicJob {
    let p = parts.posting;
    let display = p.should_display_compensation;
    let apply_url = parts.apply_link();
    PublicJob {
        id: p.id,
        title: p.title.clone(),
        location: parts.location_name(),
        secondary_locations: parts
            .secondary
            .iter()
            .map(|l| SecondaryLocation {
                location: l.name.clone(),
                address: l.address.clone(),
            })
            .collect(),
        department: parts.department_name(),
        team: parts.team_name(),
        is_listed: p.is_listed,
        is_remote: parts.is_remote(),
        workplace_type: parts.workplace_type(),
        description_html: p.description_html.clone(),
        description_plain: p.description_plain.clone(),
        published_at: crate::api::time::iso(p.published_at.unwrap_or(p.created_at)),
        employment_type: parts.job.employment_type.clone(),
        address: parts.location.and_then(|l| l.address.clone()),
        job_url: parts
            .external_link()
            .unwrap_or_else(|| apply_url.trim_end_matches("/application").to_string()),
        apply_url,
        should_display_compensation_on_job_postings: display,
        compensation: (include && display).then(|| public_compensation(parts)),
    }
}

fn public_compensation(parts: &Parts) -> PublicCompensation {
    let full = posting_parts::posting_compensation(parts);
    let salary = full
        .summary_components
        .iter()
        .filter(|c| c.compensation_type == "Salary")
        .map(|c| c.summary.clone())
        .find(|s| !s.is_empty());
    PublicCompensation {
        compensation_tier_summary: full.compensation_tier_summary,
        scrapeable_compensation_salary_summary: salary,
        compensation_tiers: full.compensation_tiers,
        summary_components: full.summary_components,
    }
}
