//! The `ashlar` command line. Every setting also comes from the environment.

mod admin;
mod endpoints;
pub use endpoints::markdown_table as endpoints_markdown_table;
mod key;
mod seed;
mod serve;
mod user;

use crate::store::{OpenMode, Store};
use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ashlar",
    version,
    about = "A self-hosted applicant tracking server that speaks the Ashby public API",
    long_about = "A self-hosted applicant tracking server that speaks the Ashby public API.\n\n\
Start with `ashlar serve --demo` for a server with demo data and a key that has every permission."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database, then serve the API (and the admin app) over HTTP.
    Serve(serve::ServeArgs),
    /// Create or upgrade the database schema, then exit.
    Migrate(DatabaseArgs),
    /// Create, list, show and revoke API keys.
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Create accounts for the admin web app at /admin.
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// Print the endpoint registry: module, access, permission and whether it is implemented.
    Endpoints(endpoints::EndpointsArgs),
    /// Add members of the organisation (recruiters, interviewers, admins).
    #[command(subcommand)]
    User(user::UserCommand),
    /// Fill the database with realistic candidates and applications, for benchmarks.
    Seed(seed::SeedArgs),
}

/// Where the data lives.
#[derive(Args, Clone)]
pub struct DatabaseArgs {
    /// `sqlite://PATH` (the file is created by `serve` and `migrate`) or `postgres://USER@HOST/DB`.
    /// Defaults to `sqlite://$ASHLAR_DATA_DIR/ashlar.db`.
    #[arg(long, env = "ASHLAR_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Folder for the default SQLite database and for uploaded files.
    #[arg(long, env = "ASHLAR_DATA_DIR", default_value = ".", global = true)]
    pub data_dir: std::path::PathBuf,
}

impl DatabaseArgs {
    pub fn url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("ashlar.db").display()))
    }

    pub async fn open(&self, mode: OpenMode) -> anyhow::Result<Store> {
        Store::open(&self.url(), mode).await
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => serve::run(args).await,
        Command::Migrate(db) => {
            db.open(OpenMode::CreateAndMigrate).await?;
            println!(
                "database is up to date: {}",
                crate::store::redact_url(&db.url())
            );
            Ok(())
        }
        Command::Key(cmd) => key::run(cmd).await,
        Command::Endpoints(args) => endpoints::run(args),
        Command::Admin(cmd) => admin::run(cmd).await,
        Command::User(cmd) => user::run(cmd).await,
        Command::Seed(args) => seed::run(args).await,
    }
}
