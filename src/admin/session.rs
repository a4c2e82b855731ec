//! Sessions and CSRF. The session token lives in an HttpOnly, SameSite=Strict cookie
//! and only its hash in the database; each form's CSRF token is derived from the
//! session token, so it needs no storage and dies with the session.

use super::layout;
use crate::http::AppState;
use crate::store::admin::Admin;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr};

pub const SESSION_COOKIE: &str = "ashlar_admin";
pub const SESSION_HOURS: i64 = 12;

/// 256 random bits, hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The CSRF token that goes with a session (or sign-in) token.
pub fn csrf_for(token: &str) -> String {
    hex::encode(Sha256::digest(format!("csrf:{token}").as_bytes()))
}

/// Compares without leaking where the first difference is.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A cookie for the admin app only: HttpOnly, SameSite=Strict, under /admin.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn client_addr(parts: &Parts) -> Option<IpAddr> {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
}

/// The client's address, when the server knows it.
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_addr(parts)))
    }
}

/// A request from a signed-in admin. Anyone else is sent to the sign-in page.
pub struct SignedIn {
    pub admin: Admin,
    pub csrf: String,
    pub client: Option<IpAddr>,
    pub token_hash: String,
}

impl SignedIn {
    /// The audit log's form of the client address.
    pub fn client_text(&self) -> Option<String> {
        self.client.map(|ip| ip.to_string())
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let to_sign_in = || Redirect::to("/admin/signin").into_response();
        let token = cookie(&parts.headers, SESSION_COOKIE).ok_or_else(to_sign_in)?;
        let hash = token_hash(&token);
        let admin = state
            .store
            .admin_by_session(&hash, chrono::Utc::now())
            .await
            .map_err(|e| layout::PageError::from(e).into_response())?
            .ok_or_else(to_sign_in)?;
        Ok(SignedIn {
            admin,
            csrf: csrf_for(&token),
            client: client_addr(parts),
            token_hash: hash,
        })
    }
}

/// A submitted form's fields, in order; repeated names (checkboxes) stay repeated.
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// The field's value, or "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A form posted by a signed-in admin, its CSRF token checked.
pub struct Posted {
    pub who: SignedIn,
    pub form: FormData,
}

impl FromRequest<AppState> for Posted {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let who = SignedIn::from_request_parts(&mut parts, state).await?;
        let request = Request::from_parts(parts, body);
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let form = FormData(pairs);
        if !same_secret(form.get("csrf"), &who.csrf) {
            return Err(csrf_refused());
        }
        Ok(Posted { who, form })
    }
}

pub fn csrf_refused() -> Response {
    layout::message_page(
        StatusCode::FORBIDDEN,
        "Form expired",
        "This form's security token does not match your session (it may be from an older \
         session or another site). Go back, reload the page and submit it again.",
    )
}
