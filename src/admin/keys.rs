//! The keys list, the "new key" form, and the page that shows a new secret once.

use super::grants::{self, KeyForm, Status};
use super::layout::{self, csrf_field, FieldErrors, PageResult};
use super::session::{Posted, SignedIn};
use crate::auth::secret;
use crate::http::AppState;
use crate::store::admin::AuditEntry;
use crate::store::api_keys::{KeyRecord, NewKey};
use axum::extract::State;
use axum::http::StatusCode;
use maud::{html, Markup, PreEscaped};
use uuid::Uuid;

pub async fn list(State(state): State<AppState>, who: SignedIn) -> PageResult {
    // Show last-used times as of now rather than as of the last batch.
    state.keys.flush_last_used().await?;
    let mut keys = state.store.list_keys().await?;
    keys.reverse();
    let now = chrono::Utc::now();
    let body = html! {
        div.row {
            h1 { "API keys" }
            a.button href="/admin/keys/new" style="margin-left:auto" { "Create a key" }
        }
        @if keys.is_empty() {
            p { "No API keys yet. Create one to let an application call the API." }
        } @else {
            table {
                thead { tr {
                    th { "Title" } th { "Key" } th { "Status" } th { "Permissions" }
                    th { "Created" } th { "Last used" }
                } }
                tbody {
                    @for key in &keys {
                        tr {
                            td { a href=(format!("/admin/keys/{}", key.id)) { (key.title) } }
                            td { code { (key.prefix) "…" } }
                            td { (Status::of(key, now).badge()) }
                            td { (grants::summary(&key.grants)) }
                            td { (layout::when(key.created_at)) br; span.muted { "by " (key.created_by) } }
                            td {
                                @match key.last_used_at {
                                    Some(at) => (layout::when(at)),
                                    None => span.muted { "never" },
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::respond(
        StatusCode::OK,
        layout::page("API keys", Some(&who), body),
    ))
}

pub async fn new(who: SignedIn) -> PageResult {
    Ok(new_page(
        &who,
        &KeyForm::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    ))
}

fn new_page(
    who: &SignedIn,
    form: &KeyForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> axum::response::Response {
    let body = html! {
        h1 { "Create an API key" }
        form method="post" action="/admin/keys" {
            (csrf_field(who))
            (grants::fields(form, errors))
            button type="submit" name="intent" value="create" { "Create key" }
            " "
            a.button.secondary href="/admin/keys" { "Cancel" }
        }
    };
    layout::respond(status, layout::page("Create an API key", Some(who), body))
}

pub async fn create(State(state): State<AppState>, Posted { who, form }: Posted) -> PageResult {
    let mut key_form = KeyForm::from_form(&form);
    if form.get("intent") == "preset" {
        key_form.apply_preset(&form);
        return Ok(new_page(
            &who,
            &key_form,
            &FieldErrors::new(),
            StatusCode::OK,
        ));
    }
    let now = chrono::Utc::now();
    let edit = match key_form.validate(now) {
        Ok(edit) => edit,
        Err(errors) => {
            return Ok(new_page(
                &who,
                &key_form,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let new = NewKey {
        title: edit.title,
        grants: edit.grants,
        allow_confidential: edit.allow_confidential,
        allow_private_fields: edit.allow_private_fields,
        allow_update_history: edit.allow_update_history,
        ip_allowlist: edit.ip_allowlist,
        expires_at: edit.expires_at,
        created_by: who.admin.email.clone(),
    };
    let secret = secret::generate();
    let key = state.store.insert_key(&new, &secret, now).await?;
    audit(&state, &who, "key.create", Some(key.id), describe(&key)).await?;
    Ok(secret_page(&who, "API key created", &key, &secret, None))
}

/// The only time a secret is shown. The page is not cached (see `protective_headers`).
pub fn secret_page(
    who: &SignedIn,
    title: &str,
    key: &KeyRecord,
    secret: &str,
    note: Option<Markup>,
) -> axum::response::Response {
    let body = html! {
        h1 { (title) }
        div.notice {
            p { strong { "Copy the secret now." } " It is shown only this once and cannot be shown again; Ashlar keeps only a hash of it." }
        }
        div.card {
            p { "Secret of " strong { (key.title) } ":" }
            p { code #secret .secret { (secret) } }
            p {
                button #copy type="button" data-copy="secret" { "Copy secret" }
                " "
                span #copy-status role="status" aria-live="polite" {}
            }
            p.hint { "Clients send it as the username of HTTP Basic authentication, with an empty password." }
        }
        @if let Some(note) = note { (note) }
        p {
            a.button href=(format!("/admin/keys/{}", key.id)) { "Go to the key" }
            " "
            a.button.secondary href="/admin/keys" { "Back to the API keys" }
        }
        script { (PreEscaped(COPY_SCRIPT)) }
    };
    layout::respond(StatusCode::OK, layout::page(title, Some(who), body))
}

/// The copy button: the one piece of JavaScript in the app.
const COPY_SCRIPT: &str = r#"
document.getElementById('copy').addEventListener('click', function () {
  var text = document.getElementById(this.dataset.copy).textContent;
  var status = document.getElementById('copy-status');
  navigator.clipboard.writeText(text).then(
    function () { status.textContent = 'Copied to the clipboard.'; },
    function () { status.textContent = 'Could not copy: select the secret and copy it by hand.'; });
});
"#;

/// Appends to the audit log on behalf of the signed-in admin.
pub async fn audit(
    state: &AppState,
    who: &SignedIn,
    action: &'static str,
    key_id: Option<Uuid>,
    detail: String,
) -> Result<(), sea_orm::DbErr> {
    state
        .store
        .append_audit(
            AuditEntry {
                actor: who.admin.email.clone(),
                action,
                key_id,
                detail,
                client_addr: who.client_text(),
            },
            chrono::Utc::now(),
        )
        .await
}

/// A key's settings in one line, for the audit log.
pub fn describe(key: &KeyRecord) -> String {
    let mut parts = vec![format!("“{}” ({})", key.title, key.prefix)];
    parts.push(format!("permissions: {}", grants::summary(&key.grants)));
    let flags: Vec<&str> = [
        (key.allow_confidential, "confidential"),
        (key.allow_private_fields, "private fields"),
        (key.allow_update_history, "update history"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    if !flags.is_empty() {
        parts.push(format!("flags: {}", flags.join(", ")));
    }
    if let Some(at) = key.expires_at {
        parts.push(format!("expires {}", layout::when(at)));
    }
    if !key.ip_allowlist.is_empty() {
        let nets: Vec<String> = key.ip_allowlist.iter().map(ToString::to_string).collect();
        parts.push(format!("IP allowlist: {}", nets.join(", ")));
    }
    parts.join("; ")
}
