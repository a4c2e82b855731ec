//! The HTTP layer: routes built from the registry, the RPC dispatcher, and the
//! headers every response carries.

mod dispatch;
mod envelope;
mod files;
pub mod job_board;
mod multipart;
mod request_id;
pub mod request_log;
mod version;

pub use envelope::error_response;
pub use request_id::RequestId;

use crate::api::signed::Signer;
use crate::auth::keys::KeyService;
use crate::registry::{Endpoint, ENDPOINTS};
use crate::store::files::FileStore;
use crate::store::Store;
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;

/// Default request body limit: 10 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub keys: KeyService,
    pub signer: Signer,
    pub max_body_bytes: usize,
    /// Where uploaded files are kept (`ASHLAR_DATA_DIR`).
    pub data_dir: PathBuf,
    /// How clients reach this server, for the file URLs it hands out.
    pub public_url: String,
    /// Every API request, batched into the request log.
    pub requests: request_log::RequestLog,
    /// Sign-in attempts of the admin web app.
    pub admin: crate::admin::AdminState,
}

impl AppState {
    pub async fn new(store: Store, data_dir: PathBuf) -> anyhow::Result<Self> {
        Ok(AppState {
            keys: KeyService::new(store.clone()),
            signer: Signer::new(store.signing_secret().await?),
            requests: request_log::RequestLog::new(store.clone()),
            admin: Default::default(),
            store,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            data_dir,
            public_url: "http://127.0.0.1:8080".into(),
        })
    }

    pub fn files(&self) -> FileStore {
        FileStore::new(&self.data_dir)
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
    .route("/files/upload/{token}", post(files::upload))
    .route("/files/download/{token}", get(files::download))
    .route("/posting-api/job-board/{name}", job_board::route())
    .route(
        "/openapi.json",
        get(move || {
            let doc = openapi.clone();
            async move { Json((*doc).clone()) }
        }),
    )
    .fallback(dispatch::unknown_endpoint)
    .layer(CatchPanicLayer::custom(dispatch::panic_response))
    .layer(middleware::from_fn(version::negotiate))
    .layer(middleware::from_fn(request_id::assign))
    .with_state(state.clone())
    .merge(crate::admin::router(state))
}

fn rpc_route(endpoint: &'static Endpoint) -> axum::routing::MethodRouter<AppState> {
    post(move |state, request| dispatch::rpc(endpoint, state, request))
        .fallback(dispatch::method_not_allowed)
}

/// Serves until the process is stopped; flushes key usage on the way out.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> anyhow::Result<()> {
    state.keys.spawn_last_used_flusher();
    state.requests.spawn_flusher();
    let keys = state.keys.clone();
    let requests = state.requests.clone();
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    keys.flush_last_used().await?;
    requests.flush().await?;
    Ok(())
}
