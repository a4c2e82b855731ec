//! The admin web app at `/admin`: sign-in, API keys (create, edit, rotate,
//! deactivate), each key's activity, and the audit log. Server-rendered HTML from
//! templates compiled into the binary (maud); no JavaScript except the copy button.

mod activity;
mod audit;
mod grants;
mod key_page;
mod keys;
mod layout;
pub mod password;
mod session;
mod signin;

pub use signin::{AdminState, MAX_FAILURES as MAX_SIGN_IN_FAILURES};

use crate::http::AppState;
use axum::http::{header, HeaderValue};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};

/// The admin routes, kept apart from the RPC registry's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/admin", get(|| async { Redirect::to("/admin/keys") }))
        .route("/admin/", get(|| async { Redirect::to("/admin/keys") }))
        .route("/admin/signin", get(signin::page).post(signin::submit))
        .route("/admin/signout", post(signin::sign_out))
        .route("/admin/keys", get(keys::list).post(keys::create))
        .route("/admin/keys/new", get(keys::new))
        .route("/admin/keys/{id}", get(key_page::show).post(key_page::edit))
        .route("/admin/keys/{id}/rotate", post(key_page::rotate))
        .route(
            "/admin/keys/{id}/deactivate",
            get(key_page::confirm_deactivate).post(key_page::deactivate),
        )
        .route("/admin/keys/{id}/activity", get(activity::page))
        .route("/admin/audit", get(audit::page))
        .layer(middleware::from_fn(protective_headers))
        .with_state(state)
}

/// Pages hold secrets and forms: never cached, never framed, nothing loaded from elsewhere.
async fn protective_headers(request: axum::extract::Request, next: middleware::Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
             img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}
