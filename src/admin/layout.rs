//! The page shell, its stylesheet, and small pieces every page uses.

use super::session::SignedIn;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};
use maud::{html, Markup, DOCTYPE};
use std::collections::BTreeMap;

/// Field name → the error to show next to it.
pub type FieldErrors = BTreeMap<&'static str, String>;

const STYLE: &str = r#"
:root { --fg:#1d2430; --muted:#5b6576; --line:#d8dde6; --bg:#f6f7f9; --accent:#2f5bd3; --bad:#b42318; --ok:#067647; --warn:#b54708; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
header { background:#1d2430; color:#fff; padding:.6rem 1.5rem; display:flex; gap:1.5rem; align-items:center; }
header a { color:#fff; text-decoration:none; font-weight:600; }
header .who { margin-left:auto; color:#c9d1de; display:flex; gap:.8rem; align-items:center; }
header form { margin:0; }
main { max-width:1100px; margin:1.5rem auto; padding:0 1.5rem; }
h1 { font-size:1.5rem; margin:.2rem 0 1rem; }
h2 { font-size:1.15rem; margin:1.8rem 0 .6rem; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:1rem 1.2rem; margin-bottom:1rem; }
table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); }
th, td { text-align:left; padding:.45rem .6rem; border-bottom:1px solid var(--line); vertical-align:top; font-size:.92rem; }
th { background:#eef1f5; font-weight:600; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size:.9em; }
label { font-weight:600; display:block; margin-bottom:.2rem; }
.field { margin-bottom:1rem; }
.hint { color:var(--muted); font-size:.85rem; margin:.15rem 0 0; }
.error { color:var(--bad); font-weight:600; font-size:.88rem; margin:.2rem 0 0; }
input[type=text], input[type=email], input[type=password], input[type=date], select, textarea { font:inherit; padding:.4rem .5rem; border:1px solid #aab3c2; border-radius:5px; width:100%; max-width:28rem; background:#fff; }
input[aria-invalid=true], textarea[aria-invalid=true] { border-color:var(--bad); }
.check { display:flex; gap:.4rem; align-items:flex-start; font-weight:normal; }
.check label { font-weight:normal; display:inline; }
button, .button { font:inherit; font-weight:600; padding:.45rem .9rem; border-radius:5px; border:1px solid var(--accent); background:var(--accent); color:#fff; cursor:pointer; text-decoration:none; display:inline-block; }
button.secondary, .button.secondary { background:#fff; color:var(--accent); }
button.danger, .button.danger { background:var(--bad); border-color:var(--bad); }
.linkish { background:none; border:none; color:#c9d1de; padding:0; font-weight:600; }
.status { font-size:.8rem; font-weight:700; padding:.1rem .45rem; border-radius:999px; white-space:nowrap; }
.status-active { background:#dcfae6; color:var(--ok); }
.status-expiring { background:#fef0c7; color:var(--warn); }
.status-expired, .status-deactivated, .status-rotated { background:#eef1f5; color:var(--muted); }
.status-retiring { background:#fef0c7; color:var(--warn); }
.modules td { padding:.35rem .6rem; }
details summary { cursor:pointer; color:var(--muted); font-size:.85rem; }
details ul { margin:.3rem 0; padding-left:1.1rem; columns:2; font-size:.82rem; }
.secret { font-size:1.1rem; padding:.6rem .8rem; background:#fff8e6; border:1px solid #f5c16c; border-radius:6px; display:inline-block; word-break:break-all; }
.notice { background:#eef4ff; border:1px solid #b8cdf8; border-radius:6px; padding:.7rem 1rem; margin-bottom:1rem; }
.bad-notice { background:#fef3f2; border:1px solid #fda29b; border-radius:6px; padding:.7rem 1rem; margin-bottom:1rem; }
.row { display:flex; gap:1rem; flex-wrap:wrap; align-items:flex-end; }
.muted { color:var(--muted); }
dl.facts { display:grid; grid-template-columns: max-content 1fr; gap:.3rem 1rem; margin:0; }
dl.facts dt { font-weight:600; color:var(--muted); }
dl.facts dd { margin:0; }
"#;

/// The whole page around `body`. The header shows navigation once signed in.
pub fn page(title: &str, who: Option<&SignedIn>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Ashlar admin" }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                header {
                    a href="/admin/keys" { "Ashlar admin" }
                    @if let Some(who) = who {
                        nav { a href="/admin/keys" { "API keys" } }
                        nav { a href="/admin/audit" { "Audit log" } }
                        div.who {
                            span { "Signed in as " (who.admin.email) }
                            form method="post" action="/admin/signout" {
                                (csrf_field(who))
                                button.linkish type="submit" { "Sign out" }
                            }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

pub fn csrf_field(who: &SignedIn) -> Markup {
    html! { input type="hidden" name="csrf" value=(who.csrf); }
}

/// The error under a field, if it has one.
pub fn field_error(errors: &FieldErrors, field: &str) -> Markup {
    html! {
        @if let Some(message) = errors.get(field) {
            p.error id=(format!("{field}-error")) { (message) }
        }
    }
}

pub fn respond(status: StatusCode, markup: Markup) -> Response {
    (status, Html(markup.into_string())).into_response()
}

/// A page that only says something: refusals, not-found, failures.
pub fn message_page(status: StatusCode, title: &str, text: &str) -> Response {
    respond(
        status,
        page(
            title,
            None,
            html! {
                h1 { (title) }
                p { (text) }
                p { a href="/admin/keys" { "Back to the API keys" } }
            },
        ),
    )
}

pub fn not_found(what: &str) -> Response {
    message_page(
        StatusCode::NOT_FOUND,
        "Not found",
        &format!("There is no {what} here."),
    )
}

pub fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub fn when_precise(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// A storage failure: logged with its cause, shown without it.
pub struct PageError(anyhow::Error);

impl<E: Into<anyhow::Error>> From<E> for PageError {
    fn from(err: E) -> Self {
        PageError(err.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        tracing::error!(error = %self.0, "admin page failed");
        message_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong",
            "The server could not complete this request. Nothing was changed if it was a form; try again.",
        )
    }
}

pub type PageResult = Result<Response, PageError>;
