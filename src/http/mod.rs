//! The HTTP layer: routes built from the registry, the RPC dispatcher, and the
//! headers every response carries.

mod dispatch;
mod envelope;
pub mod job_board;
mod request_id;
mod version;

pub use envelope::error_response;
pub use request_id::RequestId;

use crate::api::signed::Signer;
use crate::auth::keys::KeyService;
use crate::registry::{Endpoint, ENDPOINTS};
use crate::store::Store;
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use std::net::SocketAddr;
use std::sync::Arc;

/// Default request body limit: 10 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub keys: KeyService,
    pub signer: Signer,
    pub max_body_bytes: usize,
}

impl AppState {
    pub async fn new(store: Store) -> anyhow::Result<Self> {
        Ok(AppState {
            keys: KeyService::new(store.clone()),
            signer: Signer::new(store.signing_secret().await?),
            store,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        })
    }
}

/// The whole application. Only endpoints in the registry get a route; anything
/// else falls through to the 404 envelope.
pub fn router(state: AppState) -> Router {
    let mut rpc = Router::new();
    for endpoint in ENDPOINTS {
        rpc = rpc.route(&format!("/{}", endpoint.name), rpc_route(endpoint));
    }
    let openapi = Arc::new(crate::openapi::document());
    rpc.route(
        "/health",
        get(|| async { Json(serde_json::json!({"status": "ok"})) }),
    )
    .route("/posting-api/job-board/{name}", job_board::route())
    .route(
        "/openapi.json",
        get(move || {
            let doc = openapi.clone();
            async move { Json((*doc).clone()) }
        }),
    )
    .fallback(dispatch::unknown_endpoint)
    .layer(middleware::from_fn(version::negotiate))
    .layer(middleware::from_fn(request_id::assign))
    .with_state(state)
}

fn rpc_route(endpoint: &'static Endpoint) -> axum::routing::MethodRouter<AppState> {
    post(move |state, request| dispatch::rpc(endpoint, state, request))
        .fallback(dispatch::method_not_allowed)
}

/// Serves until the process is stopped; flushes key usage on the way out.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> anyhow::Result<()> {
    state.keys.spawn_last_used_flusher();
    let keys = state.keys.clone();
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    keys.flush_last_used().await?;
    Ok(())
}
