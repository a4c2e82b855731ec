//! Signing in and out, with failed attempts limited per client address and per email.

use super::layout::{self, FieldErrors, PageResult};
use super::password;
use super::session::{self, ClientAddr, Posted};
use crate::http::AppState;
use crate::store::admin::AuditEntry;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Failed sign-ins allowed per address and per email within the window.
pub const MAX_FAILURES: usize = 5;
const WINDOW: Duration = Duration::from_secs(15 * 60);
const SIGNIN_COOKIE: &str = "ashlar_signin";

/// Recent failed sign-ins, per `ip:...` and `email:...`. Per instance, in memory.
#[derive(Clone, Default)]
pub struct AdminState {
    failures: Arc<Mutex<HashMap<String, Vec<Instant>>>>,
}

impl AdminState {
    /// How long until the next attempt is allowed, when one of `subjects` is blocked.
    fn blocked_for(&self, subjects: &[String]) -> Option<Duration> {
        let mut failures = self.failures.lock().expect("lock");
        subjects
            .iter()
            .filter_map(|s| {
                let times = failures.get_mut(s)?;
                times.retain(|t| t.elapsed() < WINDOW);
                (times.len() >= MAX_FAILURES).then(|| WINDOW.saturating_sub(times[0].elapsed()))
            })
            .max()
    }

    fn record_failure(&self, subjects: &[String]) {
        let mut failures = self.failures.lock().expect("lock");
        if failures.len() > 100_000 {
            failures.retain(|_, times| times.iter().any(|t| t.elapsed() < WINDOW));
        }
        for s in subjects {
            failures.entry(s.clone()).or_default().push(Instant::now());
        }
    }

    fn clear(&self, subjects: &[String]) {
        let mut failures = self.failures.lock().expect("lock");
        for s in subjects {
            failures.remove(s);
        }
    }
}

pub async fn page(State(state): State<AppState>) -> PageResult {
    let token = session::new_token();
    let mut response = form_page(&state, &token, "", &FieldErrors::new(), StatusCode::OK).await?;
    response.headers_mut().insert(
        header::SET_COOKIE,
        session::set_cookie(SIGNIN_COOKIE, &token, 3600),
    );
    Ok(response)
}

async fn form_page(
    state: &AppState,
    signin_token: &str,
    email: &str,
    errors: &FieldErrors,
    status: StatusCode,
) -> PageResult {
    let no_admin = state.store.admin_count().await? == 0;
    let body = html! {
        h1 { "Sign in" }
        @if no_admin {
            div.notice {
                p { strong { "There is no admin account yet." } " Create one on the server with:" }
                p { code { "ashlar admin create --email you@example.com" } }
                p.muted { "It asks for a password (or reads it from standard input). Then sign in here." }
            }
        }
        div.card {
            form method="post" action="/admin/signin" {
                input type="hidden" name="csrf" value=(session::csrf_for(signin_token));
                (layout::field_error(errors, "form"))
                div.field {
                    label for="email" { "Email" }
                    input #email type="email" name="email" value=(email) autocomplete="username" required
                        aria-invalid=[errors.contains_key("email").then_some("true")];
                    (layout::field_error(errors, "email"))
                }
                div.field {
                    label for="password" { "Password" }
                    input #password type="password" name="password" autocomplete="current-password" required
                        aria-invalid=[errors.contains_key("password").then_some("true")];
                    (layout::field_error(errors, "password"))
                }
                button type="submit" { "Sign in" }
            }
        }
    };
    Ok(layout::respond(status, layout::page("Sign in", None, body)))
}

pub async fn submit(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> PageResult {
    let form = session::FormData(fields);
    let signin_token = session::cookie(&headers, SIGNIN_COOKIE);
    let Some(signin_token) =
        signin_token.filter(|t| session::same_secret(form.get("csrf"), &session::csrf_for(t)))
    else {
        return Ok(session::csrf_refused());
    };
    let email = form.get("email").trim().to_lowercase();
    let subjects = [
        format!(
            "ip:{}",
            client.map_or_else(|| "unknown".into(), |ip| ip.to_string())
        ),
        format!("email:{email}"),
    ];
    let mut errors = FieldErrors::new();
    if let Some(wait) = state.admin.blocked_for(&subjects) {
        errors.insert(
            "form",
            format!(
                "Too many failed sign-in attempts. Try again in {} minutes.",
                wait.as_secs().div_ceil(60).max(1)
            ),
        );
        return form_page(
            &state,
            &signin_token,
            &email,
            &errors,
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    }
    let account = state.store.admin_by_email(&email).await?;
    let verified = match account {
        Some((admin, hash)) => password::verify(form.get("password").to_string(), hash)
            .await
            .then_some(admin),
        None => None,
    };
    let now = chrono::Utc::now();
    let Some(admin) = verified else {
        state.admin.record_failure(&subjects);
        state
            .store
            .append_audit(
                AuditEntry {
                    actor: email.clone(),
                    action: "admin.sign_in_failed",
                    key_id: None,
                    detail: "Wrong email or password.".into(),
                    client_addr: client.map(|ip| ip.to_string()),
                },
                now,
            )
            .await?;
        errors.insert("password", "The email or the password is wrong.".into());
        return form_page(
            &state,
            &signin_token,
            &email,
            &errors,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    };
    state.admin.clear(&subjects);
    let token = session::new_token();
    let expires = now + chrono::Duration::hours(session::SESSION_HOURS);
    state
        .store
        .insert_session(admin.id, &session::token_hash(&token), now, expires)
        .await?;
    state
        .store
        .append_audit(
            AuditEntry {
                actor: admin.email.clone(),
                action: "admin.sign_in",
                key_id: None,
                detail: "Signed in.".into(),
                client_addr: client.map(|ip| ip.to_string()),
            },
            now,
        )
        .await?;
    let mut response = Redirect::to("/admin/keys").into_response();
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        session::set_cookie(
            session::SESSION_COOKIE,
            &token,
            session::SESSION_HOURS * 3600,
        ),
    );
    headers.append(
        header::SET_COOKIE,
        session::set_cookie(SIGNIN_COOKIE, "", 0),
    );
    Ok(response)
}

pub async fn sign_out(State(state): State<AppState>, posted: Posted) -> PageResult {
    let who = posted.who;
    state.store.delete_session(&who.token_hash).await?;
    state
        .store
        .append_audit(
            AuditEntry {
                actor: who.admin.email.clone(),
                action: "admin.sign_out",
                key_id: None,
                detail: "Signed out.".into(),
                client_addr: who.client_text(),
            },
            chrono::Utc::now(),
        )
        .await?;
    let mut response: Response = Redirect::to("/admin/signin").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        session::set_cookie(session::SESSION_COOKIE, "", 0),
    );
    Ok(response)
}
