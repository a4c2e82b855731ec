//! One key: its facts, the edit form, rotation and deactivation.

use super::grants::{self, KeyForm, Status};
use super::keys::{audit, describe, secret_page};
use super::layout::{self, csrf_field, FieldErrors, PageResult};
use super::session::{Posted, SignedIn};
use crate::auth::secret;
use crate::http::AppState;
use crate::store::api_keys::KeyRecord;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use maud::html;
use std::collections::HashMap;
use uuid::Uuid;

/// How long a rotated key keeps working: the choices the form offers.
const GRACE_CHOICES: [(&str, &str, i64); 4] = [
    ("now", "Now: the old secret stops working at once", 0),
    ("1h", "In 1 hour", 1),
    ("1d", "In 1 day", 24),
    ("7d", "In 7 days", 24 * 7),
];

pub async fn show(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<HashMap<String, String>>,
) -> PageResult {
    state.keys.flush_last_used().await?;
    let Some(key) = state.store.key_by_id(id).await? else {
        return Ok(layout::not_found("API key"));
    };
    let notice = query.contains_key("saved").then_some("Changes saved.");
    show_page(
        &state,
        &who,
        &key,
        &KeyForm::from_key(&key),
        &FieldErrors::new(),
        notice,
        StatusCode::OK,
    )
    .await
}

async fn show_page(
    state: &AppState,
    who: &SignedIn,
    key: &KeyRecord,
    form: &KeyForm,
    errors: &FieldErrors,
    notice: Option<&str>,
    status: StatusCode,
) -> PageResult {
    let now = Utc::now();
    let key_status = Status::of(key, now);
    let history = state.store.audit_for_key(key.id, 20).await?;
    let base = format!("/admin/keys/{}", key.id);
    let optional = |t: Option<DateTime<Utc>>| t.map_or_else(|| "—".to_string(), layout::when);
    let body = html! {
        @if let Some(notice) = notice { div.notice role="status" { (notice) } }
        div.row {
            h1 { (key.title) " " (key_status.badge()) }
            a.button.secondary href=(format!("{base}/activity")) style="margin-left:auto" { "View activity" }
        }
        div.card {
            dl.facts {
                dt { "Key" } dd { code { (key.prefix) "…" } }
                dt { "Id" } dd { code { (key.id) } }
                dt { "Created" } dd { (layout::when(key.created_at)) " by " (key.created_by) }
                dt { "Last used" } dd { (optional(key.last_used_at)) }
                dt { "Expires" } dd { (optional(key.expires_at)) }
                @if let Some(at) = key.retires_at {
                    dt { "Rotated" } dd {
                        "works until " (layout::when(at))
                        @if let Some(next) = key.replaced_by {
                            "; replaced by " a href=(format!("/admin/keys/{next}")) { "its successor" }
                        }
                    }
                }
                @if let Some(at) = key.deactivated_at {
                    dt { "Deactivated" } dd { (layout::when(at)) }
                }
            }
        }
        @if key_status == Status::Deactivated {
            p.muted { "This key is deactivated for good; it can no longer be changed." }
        } @else {
            h2 { "Settings" }
            form method="post" action=(base) {
                (csrf_field(who))
                (grants::fields(form, errors))
                button type="submit" name="intent" value="save" { "Save changes" }
            }
            @if key.replaced_by.is_none() && key_status.is_live() {
                h2 { "Rotate" }
                div.card {
                    p { "Rotation makes a new secret with the same permissions and limits. The old secret keeps working until the time you pick, then answers 403 " code { "api_key_rotated" } "." }
                    form method="post" action=(format!("{base}/rotate")) {
                        (csrf_field(who))
                        div.field {
                            label for="grace" { "The old secret stops working" }
                            select #grace name="grace" {
                                @for (value, label, _) in GRACE_CHOICES {
                                    option value=(value) selected[value == "1d"] { (label) }
                                }
                            }
                        }
                        button type="submit" { "Rotate key" }
                    }
                }
            }
            h2 { "Deactivate" }
            div.card {
                p { "Deactivation stops the key at once and cannot be undone." }
                a.button.danger href=(format!("{base}/deactivate")) { "Deactivate this key…" }
            }
        }
        h2 { "History" }
        @if history.is_empty() {
            p.muted { "No recorded actions on this key." }
        } @else {
            table {
                thead { tr { th { "When" } th { "Who" } th { "Action" } th { "Details" } } }
                tbody { @for row in &history {
                    tr { td { (layout::when(row.at)) } td { (row.actor) } td { code { (row.action) } } td { (row.detail) } }
                } }
            }
        }
    };
    Ok(layout::respond(
        status,
        layout::page(&key.title, Some(who), body),
    ))
}

pub async fn edit(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Posted { who, form }: Posted,
) -> PageResult {
    let Some(before) = state.store.key_by_id(id).await? else {
        return Ok(layout::not_found("API key"));
    };
    let mut key_form = KeyForm::from_form(&form);
    if form.get("intent") == "preset" {
        key_form.apply_preset(&form);
        return show_page(
            &state,
            &who,
            &before,
            &key_form,
            &FieldErrors::new(),
            None,
            StatusCode::OK,
        )
        .await;
    }
    let edit = match key_form.validate(Utc::now()) {
        Ok(edit) => edit,
        Err(errors) => {
            return show_page(
                &state,
                &who,
                &before,
                &key_form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let Some(after) = state.store.update_key(id, &edit, Utc::now()).await? else {
        return Ok(gone());
    };
    audit(&state, &who, "key.edit", Some(id), changes(&before, &after)).await?;
    Ok(Redirect::to(&format!("/admin/keys/{id}?saved=1")).into_response())
}

pub async fn rotate(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Posted { who, form }: Posted,
) -> PageResult {
    let Some(hours) = GRACE_CHOICES
        .iter()
        .find(|(value, _, _)| *value == form.get("grace"))
        .map(|(_, _, hours)| *hours)
    else {
        return Ok(layout::message_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Pick a grace time",
            "Choose when the old secret stops working: now, in 1 hour, 1 day or 7 days.",
        ));
    };
    let now = Utc::now();
    let retires_at = now + Duration::hours(hours);
    let secret = secret::generate();
    let Some(new) = state
        .store
        .rotate_key(id, &secret, retires_at, &who.admin.email, now)
        .await?
    else {
        return Ok(gone());
    };
    let until = layout::when_precise(retires_at);
    audit(
        &state,
        &who,
        "key.rotate",
        Some(id),
        format!(
            "Rotated; replaced by {} ({}); the old secret works until {until}.",
            new.id, new.prefix
        ),
    )
    .await?;
    audit(
        &state,
        &who,
        "key.create",
        Some(new.id),
        format!("Created by rotating {id}: {}", describe(&new)),
    )
    .await?;
    let note = html! { p { "The old secret keeps working until " strong { (until) } "." } };
    Ok(secret_page(
        &who,
        "API key rotated",
        &new,
        &secret,
        Some(note),
    ))
}

pub async fn confirm_deactivate(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<Uuid>,
) -> PageResult {
    let Some(key) = state.store.key_by_id(id).await? else {
        return Ok(layout::not_found("API key"));
    };
    let body = html! {
        h1 { "Deactivate “" (key.title) "”?" }
        div.bad-notice {
            p { "The key " code { (key.prefix) "…" } " will stop working at once, and every call with it will answer 403 "
                code { "api_key_deactivated" } ". " strong { "This cannot be undone." } }
        }
        form method="post" action=(format!("/admin/keys/{id}/deactivate")) {
            (csrf_field(&who))
            button.danger type="submit" { "Deactivate this key for good" }
            " "
            a.button.secondary href=(format!("/admin/keys/{id}")) { "Cancel, keep the key" }
        }
    };
    Ok(layout::respond(
        StatusCode::OK,
        layout::page("Deactivate key", Some(&who), body),
    ))
}

pub async fn deactivate(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Posted { who, .. }: Posted,
) -> PageResult {
    let Some(key) = state.store.key_by_id(id).await? else {
        return Ok(layout::not_found("API key"));
    };
    if key.deactivated_at.is_none() {
        state.store.deactivate_key(id, Utc::now()).await?;
        audit(
            &state,
            &who,
            "key.deactivate",
            Some(id),
            format!("Deactivated “{}” ({}).", key.title, key.prefix),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("/admin/keys/{id}")).into_response())
}

fn gone() -> Response {
    layout::message_page(
        StatusCode::CONFLICT,
        "The key cannot be changed",
        "This key is deactivated or was already rotated, so this change was not made.",
    )
}

/// What an edit changed, for the audit log.
fn changes(before: &KeyRecord, after: &KeyRecord) -> String {
    let mut out = Vec::new();
    if before.title != after.title {
        out.push(format!("title “{}” → “{}”", before.title, after.title));
    }
    let added: Vec<String> = after
        .grants
        .difference(&before.grants)
        .map(ToString::to_string)
        .collect();
    let removed: Vec<String> = before
        .grants
        .difference(&after.grants)
        .map(ToString::to_string)
        .collect();
    if !added.is_empty() {
        out.push(format!("granted {}", added.join(", ")));
    }
    if !removed.is_empty() {
        out.push(format!("revoked {}", removed.join(", ")));
    }
    for (name, old, new) in [
        (
            "confidential",
            before.allow_confidential,
            after.allow_confidential,
        ),
        (
            "private fields",
            before.allow_private_fields,
            after.allow_private_fields,
        ),
        (
            "update history",
            before.allow_update_history,
            after.allow_update_history,
        ),
    ] {
        if old != new {
            out.push(format!("{name} {}", if new { "on" } else { "off" }));
        }
    }
    if before.expires_at != after.expires_at {
        let show = |t: Option<DateTime<Utc>>| t.map_or_else(|| "never".to_string(), layout::when);
        out.push(format!(
            "expiry {} → {}",
            show(before.expires_at),
            show(after.expires_at)
        ));
    }
    if before.ip_allowlist != after.ip_allowlist {
        let show = |nets: &[ipnet::IpNet]| {
            if nets.is_empty() {
                "any address".to_string()
            } else {
                nets.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        out.push(format!(
            "IP allowlist {} → {}",
            show(&before.ip_allowlist),
            show(&after.ip_allowlist)
        ));
    }
    if out.is_empty() {
        "Saved without changes.".into()
    } else {
        out.join("; ")
    }
}
