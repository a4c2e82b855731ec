//! List endpoints: `limit`, `cursor`, `syncToken` in; a page, `nextCursor` and, on
//! the last page, a `syncToken` out. Cursors and tokens are sealed (see `signed`), so
//! a forged one is refused with its documented code.

use super::input::Limit;
use super::Ctx;
use crate::error::ApiError;
use crate::store::sync::{self, SyncWindow, Synced, SyncedEntity};
use chrono::Utc;
use sea_orm::Select;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Paging fields every list request accepts; flatten it into the request struct.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageParams {
    #[serde(default)]
    pub cursor: Option<String>,
    #[serde(default)]
    pub sync_token: Option<String>,
    #[serde(default)]
    pub limit: Limit,
}

impl PageParams {
    /// Whether this request is part of an incremental run (a sync token, or a cursor
    /// issued for one). Such runs return archived rows whatever `includeArchived`
    /// says: otherwise a syncing client would never learn that a record was archived.
    pub fn is_incremental(&self, ctx: &Ctx) -> bool {
        let has = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
        if has(&self.sync_token) {
            return true;
        }
        self.cursor
            .as_deref()
            .and_then(|c| ctx.state.signer.open::<CursorState>("cursor", c))
            .is_some_and(|state| state.s > 0)
    }

    /// Whether a list should leave archived rows out.
    pub fn hides_archived(&self, ctx: &Ctx, include_archived: bool) -> bool {
        !include_archived && !self.is_incremental(ctx)
    }
}

/// A cursor stays valid for a day; a sync token for 14 days, as Ashby's do.
const CURSOR_LIFETIME_MS: i64 = 24 * 60 * 60 * 1000;
const SYNC_TOKEN_LIFETIME_MS: i64 = 14 * 24 * 60 * 60 * 1000;

#[derive(Serialize, Deserialize)]
struct CursorState {
    /// The endpoint it was issued for.
    e: String,
    s: i64,
    h: i64,
    p: Option<(i64, Uuid)>,
    /// Issued at, epoch milliseconds.
    t: i64,
}

#[derive(Serialize, Deserialize)]
struct TokenState {
    e: String,
    s: i64,
    t: i64,
}

/// One page of a list endpoint, with its continuation.
pub struct Page<M> {
    pub rows: Vec<M>,
    pub next_cursor: Option<String>,
    pub sync_token: Option<String>,
}

/// Runs one page of `select` (already filtered for the caller) for `endpoint`.
pub async fn list<E>(
    ctx: &Ctx,
    endpoint: &str,
    params: &PageParams,
    select: Select<E>,
) -> Result<Page<E::Model>, ApiError>
where
    E: SyncedEntity,
    E::Model: Synced,
{
    let cols = E::sync_columns();
    let db = ctx.state.store.reader();
    let window = window(ctx, endpoint, params).await?;
    let fresh_incremental = params.cursor.is_none() && window.since > 0;
    if fresh_incremental && sync::exceeds_cap(db, select.clone(), &cols, &window).await? {
        return Err(ApiError::new(
            "incremental_sync_too_large",
            format!(
                "More than {} records changed since this sync token was issued. Drop the token and run a full sync.",
                sync::INCREMENTAL_CAP
            ),
        ));
    }
    let (rows, more) = sync::page(db, select, &cols, &window, params.limit.0).await?;
    let now = Utc::now().timestamp_millis();
    let signer = &ctx.state.signer;
    let next_cursor = more.then(|| {
        let state = CursorState {
            e: endpoint.into(),
            s: window.since,
            h: window.horizon,
            p: rows.last().map(Synced::position),
            t: now,
        };
        signer.seal("cursor", &state)
    });
    // The token is the horizon taken when the run began, so a row changed behind
    // the reader during the run is returned by the next run.
    let sync_token = (!more).then(|| {
        let state = TokenState {
            e: endpoint.into(),
            s: window.horizon,
            t: now,
        };
        signer.seal("syncToken", &state)
    });
    Ok(Page {
        rows,
        next_cursor,
        sync_token,
    })
}

async fn window(ctx: &Ctx, endpoint: &str, params: &PageParams) -> Result<SyncWindow, ApiError> {
    let now = Utc::now().timestamp_millis();
    let signer = &ctx.state.signer;
    if let Some(cursor) = params.cursor.as_deref().filter(|c| !c.is_empty()) {
        let state: CursorState = signer
            .open("cursor", cursor)
            .filter(|s: &CursorState| s.e == endpoint)
            .ok_or_else(|| {
                ApiError::new(
                    "invalid_next_cursor",
                    format!(
                        "This cursor was not issued by {endpoint}. Start again without a cursor."
                    ),
                )
            })?;
        if now - state.t > CURSOR_LIFETIME_MS {
            return Err(ApiError::new(
                "next_cursor_expired",
                "This cursor has expired (cursors last 24 hours). Start the list again without a cursor.",
            ));
        }
        return Ok(SyncWindow {
            since: state.s,
            horizon: state.h,
            after: state.p,
        });
    }
    let since = match params.sync_token.as_deref().filter(|t| !t.is_empty()) {
        None => 0,
        Some(token) => {
            let state: TokenState = signer
                .open("syncToken", token)
                .filter(|s: &TokenState| s.e == endpoint)
                .ok_or_else(|| {
                    ApiError::new(
                        "sync_token_invalid",
                        format!("This sync token was not issued by {endpoint}. Drop it and run a full sync."),
                    )
                })?;
            if now - state.t > SYNC_TOKEN_LIFETIME_MS {
                return Err(ApiError::new(
                    "sync_token_expired",
                    "This sync token has expired (tokens last 14 days). Drop it and run a full sync.",
                ));
            }
            state.s
        }
    };
    Ok(SyncWindow {
        since,
        horizon: ctx.state.store.current_change().await?,
        after: None,
    })
}
