//! Checking presented keys: format, lookup through a short-lived cache, status, and
//! the client address; plus last-used times recorded in batches, off the request path.

use super::{secret, Caller};
use crate::error::ApiError;
use crate::store::api_keys::KeyRecord;
use crate::store::Store;
use axum::http::{header, HeaderMap, StatusCode};
use base64::Engine;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// How long a verified key is trusted before it is read again. Revocation reaches
/// every instance sharing the database within this time (the bound is 2 s).
pub const CACHE_TTL: Duration = Duration::from_secs(1);
const CACHE_CAPACITY: usize = 10_000;

/// Verified keys by secret hash, with when they were read from the database.
type KeyCache = HashMap<String, (Arc<KeyRecord>, Instant)>;

#[derive(Clone)]
pub struct KeyService {
    store: Store,
    cache: Arc<Mutex<KeyCache>>,
    last_used: Arc<Mutex<HashMap<Uuid, DateTime<Utc>>>>,
}

impl KeyService {
    pub fn new(store: Store) -> Self {
        KeyService {
            store,
            cache: Default::default(),
            last_used: Default::default(),
        }
    }

    /// Turns the request's Authorization header into a caller, or the precise 401/403.
    pub async fn authenticate(
        &self,
        headers: &HeaderMap,
        client: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<Caller, ApiError> {
        let presented = basic_auth_username(headers)?;
        secret::check_format(&presented).map_err(|e| match e {
            secret::FormatError::NotAnAshlarKey => forbidden(
                "invalid_api_key",
                "The API key is not an Ashlar key: it should start with `ashlar_` and be 45 characters long.",
            ),
            secret::FormatError::BadChecksum => forbidden(
                "malformed_api_key",
                "The API key's checksum does not match: it was probably mistyped or cut short. Copy it again.",
            ),
        })?;
        let key = self
            .lookup(&secret::hash(&presented))
            .await?
            .ok_or_else(|| forbidden("invalid_api_key", "No API key matches the one presented."))?;
        check_status(&key, client, now)?;
        self.last_used.lock().expect("lock").insert(key.id, now);
        Ok(Caller { key })
    }

    /// The id of the key the request presents, if it names one: for logging calls
    /// that authentication refused. Goes through the cache `authenticate` just filled.
    pub async fn identify(&self, headers: &HeaderMap) -> Option<Uuid> {
        let presented = basic_auth_username(headers).ok()?;
        secret::check_format(&presented).ok()?;
        let key = self.lookup(&secret::hash(&presented)).await.ok()??;
        Some(key.id)
    }

    async fn lookup(&self, hash: &str) -> Result<Option<Arc<KeyRecord>>, ApiError> {
        if let Some((key, at)) = self.cache.lock().expect("lock").get(hash) {
            if at.elapsed() < CACHE_TTL {
                return Ok(Some(key.clone()));
            }
        }
        let Some(key) = self.store.key_by_hash(hash).await? else {
            return Ok(None);
        };
        let key = Arc::new(key);
        let mut cache = self.cache.lock().expect("lock");
        if cache.len() >= CACHE_CAPACITY {
            cache.retain(|_, (_, at)| at.elapsed() < CACHE_TTL);
        }
        cache.insert(hash.to_string(), (key.clone(), Instant::now()));
        Ok(Some(key))
    }

    /// Writes the pending last-used times in one batch.
    pub async fn flush_last_used(&self) -> Result<(), sea_orm::DbErr> {
        let pending: Vec<_> = self.last_used.lock().expect("lock").drain().collect();
        self.store.record_keys_last_used(&pending).await
    }

    /// Flushes last-used times every few seconds until the process ends.
    pub fn spawn_last_used_flusher(&self) {
        let service = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(5));
            loop {
                tick.tick().await;
                if let Err(err) = service.flush_last_used().await {
                    tracing::warn!(error = %err, "could not record key last-used times");
                }
            }
        });
    }
}

fn forbidden(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::with_status(StatusCode::FORBIDDEN, code, message)
}

/// The key is the Basic-auth username; the password, if any, is ignored.
fn basic_auth_username(headers: &HeaderMap) -> Result<String, ApiError> {
    let unauthorized =
        |message: &str| ApiError::with_status(StatusCode::UNAUTHORIZED, "missing_api_key", message);
    let value = headers.get(header::AUTHORIZATION).ok_or_else(|| {
        unauthorized("No API key was sent. Send it as the username of HTTP Basic authentication.")
    })?;
    let encoded = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Basic ").or_else(|| v.strip_prefix("basic ")))
        .ok_or_else(|| unauthorized("The Authorization header must use HTTP Basic authentication with the API key as the username."))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| {
            unauthorized("The Authorization header's Basic credentials are not valid base64.")
        })?;
    let username = decoded.split(':').next().unwrap_or_default();
    if username.is_empty() {
        return Err(unauthorized(
            "The Basic credentials carry no username; the API key goes there.",
        ));
    }
    Ok(username.to_string())
}

fn check_status(
    key: &KeyRecord,
    client: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if let Some(at) = key.deactivated_at.filter(|at| *at <= now) {
        return Err(forbidden(
            "api_key_deactivated",
            format!(
                "This API key ({}) was deactivated at {}.",
                key.prefix,
                crate::api::time::iso(at)
            ),
        ));
    }
    if let Some(at) = key.retires_at.filter(|at| *at <= now) {
        return Err(forbidden(
            "api_key_rotated",
            format!(
                "This API key ({}) was rotated and its grace period ended at {}; use its replacement.",
                key.prefix,
                crate::api::time::iso(at)
            ),
        ));
    }
    if let Some(at) = key.expires_at.filter(|at| *at <= now) {
        return Err(forbidden(
            "api_key_expired",
            format!(
                "This API key ({}) expired at {}.",
                key.prefix,
                crate::api::time::iso(at)
            ),
        ));
    }
    if !key.ip_allowlist.is_empty() {
        let allowed = client.is_some_and(|ip| key.ip_allowlist.iter().any(|net| net.contains(&ip)));
        if !allowed {
            let shown =
                client.map_or_else(|| "an unknown address".to_string(), |ip| ip.to_string());
            return Err(forbidden(
                "ip_not_allowed",
                format!("This API key may not be used from {shown}: it is outside the key's IP allowlist."),
            ));
        }
    }
    Ok(())
}
