//! What a key did: requests per day over 30 days (an SVG drawn on the server), its
//! last 100 requests, and its denied requests with the reason.

use super::grants::Status;
use super::layout::{self, PageResult};
use super::session::SignedIn;
use crate::http::AppState;
use crate::store::request_log::{DailyCount, LogRow};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{Duration, NaiveDate, Utc};
use maud::{html, Markup};
use std::collections::HashMap;
use uuid::Uuid;

const DAYS: i64 = 30;
const RECENT: u64 = 100;

pub async fn page(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<Uuid>,
) -> PageResult {
    let Some(key) = state.store.key_by_id(id).await? else {
        return Ok(layout::not_found("API key"));
    };
    // Include this instance's requests not yet written.
    state.requests.flush().await?;
    let today = Utc::now().date_naive();
    let first_day = today - Duration::days(DAYS - 1);
    let daily = state.store.daily_requests(id, first_day).await?;
    let recent = state.store.recent_requests(id, false, RECENT).await?;
    let denied = state.store.recent_requests(id, true, RECENT).await?;
    let total: i64 = daily.iter().map(|d| d.requests).sum();
    let total_denied: i64 = daily.iter().map(|d| d.denied).sum();
    let body = html! {
        div.row {
            h1 { "Activity of “" (key.title) "” " (Status::of(&key, Utc::now()).badge()) }
            a.button.secondary href=(format!("/admin/keys/{id}")) style="margin-left:auto" { "Back to the key" }
        }
        h2 { "Requests per day, last 30 days" }
        div.card {
            p { strong { (total) } " requests, of which " strong { (total_denied) } " denied." }
            (chart(&daily, first_day))
        }
        h2 { "Last " (RECENT) " requests" }
        (requests_table(&recent, "No requests yet.", false))
        h2 { "Denied requests" }
        (requests_table(&denied, "No denied requests.", true))
    };
    Ok(layout::respond(
        StatusCode::OK,
        layout::page("Key activity", Some(&who), body),
    ))
}

fn requests_table(rows: &[LogRow], empty: &str, show_reason_only: bool) -> Markup {
    html! {
        @if rows.is_empty() {
            p.muted { (empty) }
        } @else {
            table {
                thead { tr {
                    th { "Time" } th { "Endpoint" } th { "Status" }
                    th { @if show_reason_only { "Reason" } @else { "Error" } }
                    th { "Client address" } th { "Duration" }
                } }
                tbody { @for row in rows {
                    tr {
                        td { (layout::when_precise(row.at)) }
                        td { code { (row.endpoint) } }
                        td { (row.status) }
                        td { @if let Some(code) = &row.error_code { code { (code) } } }
                        td { (row.client_addr.as_deref().unwrap_or("unknown")) }
                        td { (format!("{:.1} ms", row.duration_us as f64 / 1000.0)) }
                    }
                } }
            }
        }
    }
}

const WIDTH: i64 = 760;
const HEIGHT: i64 = 220;
const LEFT: i64 = 48;
const BOTTOM: i64 = 28;
const TOP: i64 = 12;

/// Bars per day: all requests in blue, the denied part in red on top of it.
fn chart(daily: &[DailyCount], first_day: NaiveDate) -> Markup {
    let by_day: HashMap<NaiveDate, &DailyCount> = daily.iter().map(|d| (d.day, d)).collect();
    let max = daily.iter().map(|d| d.requests).max().unwrap_or(0).max(1);
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = (WIDTH - LEFT) / DAYS;
    let scale = |n: i64| n * plot_h / max;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(WIDTH) height=(HEIGHT)
            viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img"
            aria-label="Requests per day over the last 30 days" {
            line x1=(LEFT) y1=(TOP + plot_h) x2=(WIDTH) y2=(TOP + plot_h) stroke="#8a94a6" {}
            line x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(TOP + plot_h) stroke="#8a94a6" {}
            text x=(LEFT - 6) y=(TOP + 10) text-anchor="end" font-size="11" fill="#5b6576" { (max) }
            text x=(LEFT - 6) y=(TOP + plot_h) text-anchor="end" font-size="11" fill="#5b6576" { "0" }
            @for i in 0..DAYS {
                @let day = first_day + Duration::days(i);
                @let (requests, denied) = by_day.get(&day).map_or((0, 0), |d| (d.requests, d.denied));
                @let x = LEFT + i * slot + 2;
                @let h = scale(requests);
                @let dh = scale(denied);
                g {
                    title { (day.format("%Y-%m-%d")) ": " (requests) " requests, " (denied) " denied" }
                    rect x=(x) y=(TOP + plot_h - h) width=(slot - 4) height=(h) fill="#2f5bd3" {}
                    @if dh > 0 {
                        rect x=(x) y=(TOP + plot_h - h) width=(slot - 4) height=(dh) fill="#d92d20" {}
                    }
                }
                @if i % 5 == 0 || i == DAYS - 1 {
                    text x=(x + (slot - 4) / 2) y=(HEIGHT - 8) text-anchor="middle" font-size="11" fill="#5b6576" {
                        (day.format("%m-%d"))
                    }
                }
            }
        }
        p.hint { "Blue: requests; red: the denied part. Days are UTC." }
    }
}
