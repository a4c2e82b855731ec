//! The audit log: every key and admin action, newest first, 100 per page.

use super::layout::{self, PageResult};
use super::session::SignedIn;
use crate::http::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use maud::html;
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

const PAGE: u64 = 100;

#[derive(Deserialize)]
pub struct AuditQuery {
    before: Option<Uuid>,
}

pub async fn page(
    State(state): State<AppState>,
    who: SignedIn,
    Query(query): Query<AuditQuery>,
) -> PageResult {
    let rows = state.store.audit_page(query.before, PAGE).await?;
    let key_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.key_id).collect();
    let prefixes: HashMap<Uuid, String> = state
        .store
        .keys_by_ids(&key_ids)
        .await?
        .into_iter()
        .map(|k| (k.id, k.prefix))
        .collect();
    let older = (rows.len() as u64 == PAGE)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    let body = html! {
        h1 { "Audit log" }
        p.muted { "Every API key and admin action, from the web app and the command line. Entries are never changed or removed." }
        @if rows.is_empty() {
            p { "Nothing recorded yet." }
        } @else {
            table {
                thead { tr {
                    th { "When" } th { "Who" } th { "From" } th { "Action" } th { "Key" } th { "Details" }
                } }
                tbody { @for row in &rows {
                    tr {
                        td { (layout::when_precise(row.at)) }
                        td { (row.actor) }
                        td { (row.client_addr.as_deref().unwrap_or("—")) }
                        td { code { (row.action) } }
                        td { @if let Some(key) = row.key_id { a href=(format!("/admin/keys/{key}")) {
                            code { (prefixes.get(&key).map_or("key", String::as_str)) }
                        } } }
                        td { (row.detail) }
                    }
                } }
            }
        }
        @if let Some(older) = older {
            p { a.button.secondary href=(format!("/admin/audit?before={older}")) { "Older entries" } }
        }
    };
    Ok(layout::respond(
        StatusCode::OK,
        layout::page("Audit log", Some(&who), body),
    ))
}
