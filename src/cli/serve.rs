//! `ashlar serve`

use super::DatabaseArgs;
use crate::http::{self, AppState};
use crate::store::OpenMode;
use clap::Args;

#[derive(Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "ASHLAR_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// On an empty database, load a small demo organisation and print a key with every permission.
    #[arg(long, env = "ASHLAR_DEMO")]
    demo: bool,
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "ASHLAR_MAX_BODY_BYTES", default_value_t = http::DEFAULT_MAX_BODY_BYTES)]
    max_body_bytes: usize,
    /// The URL clients reach this server at, for the file links it hands out.
    /// Defaults to `http://<listen address>`.
    #[arg(long, env = "ASHLAR_PUBLIC_URL")]
    public_url: Option<String>,
    #[command(flatten)]
    db: DatabaseArgs,
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let store = args.db.open(OpenMode::CreateAndMigrate).await?;
    if args.demo {
        if let Some(demo) = crate::demo::load_if_empty(&store, &args.db.data_dir).await? {
            println!("Demo data loaded: {}.", demo.summary.join("; "));
            println!("An API key with every permission (shown once):");
            println!("{}", demo.api_key);
            println!(
                "Admin web app at http://{}/admin: sign in as {} with password {}",
                args.listen, demo.admin_email, demo.admin_password
            );
        } else {
            println!("The database already holds data; --demo loaded nothing.");
        }
    }
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.listen))?;
    tracing::info!(
        address = %listener.local_addr()?,
        database = %crate::store::redact_url(&args.db.url()),
        "Ashlar is serving"
    );
    let mut state = AppState::new(store, args.db.data_dir.clone()).await?;
    state.max_body_bytes = args.max_body_bytes;
    state.public_url = match args.public_url {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => format!("http://{}", listener.local_addr()?),
    };
    http::serve(listener, state).await
}
