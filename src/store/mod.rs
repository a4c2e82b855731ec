//! Storage: one code path over SQLite and PostgreSQL, through sea-orm.
//!
//! Reads go through `reader()`, writes through `write()`, which opens a transaction
//! and takes the next change number first. That number orders every write for the
//! sync tokens: on PostgreSQL the counter row stays locked until commit, so change
//! numbers commit in order on both engines and a reader never skips one.

pub mod admin;
pub mod api_keys;
pub mod applications;
pub mod batch;
pub mod candidate_links;
pub mod candidates;
pub mod entities;
pub mod files;
pub mod interview_plans;
pub mod migration;
pub mod organization;
pub mod request_log;
pub mod settings;
pub mod sync;
pub mod users;

use anyhow::{bail, Context};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, SqlxPostgresConnector,
    SqlxSqliteConnector, Statement, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

#[derive(Clone)]
pub struct Store {
    reader: DatabaseConnection,
    writer: DatabaseConnection,
}

/// Whether connecting may create what is missing (a SQLite file) and migrate.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// `serve` and `migrate`: create the SQLite file if missing, then migrate.
    CreateAndMigrate,
    /// Every other command: the database must exist already; it is migrated if behind.
    Existing,
}

impl Store {
    /// Opens the database named by the URL's scheme: `sqlite://PATH` or `postgres://...`.
    pub async fn open(url: &str, mode: OpenMode) -> anyhow::Result<Store> {
        let store = if url.starts_with("sqlite:") {
            open_sqlite(url, mode).await?
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            open_postgres(url).await?
        } else {
            bail!(
                "unsupported database URL `{}`: use sqlite://PATH or postgres://USER@HOST/DB",
                redact_url(url)
            );
        };
        migration::Migrator::up(&store.writer, None)
            .await
            .context("running database migrations")?;
        Ok(store)
    }

    pub fn reader(&self) -> &DatabaseConnection {
        &self.reader
    }

    pub fn backend(&self) -> DbBackend {
        self.writer.get_database_backend()
    }

    /// Begins a write transaction and takes its change number.
    pub async fn write(&self) -> Result<WriteTxn, sea_orm::DbErr> {
        let txn = self.writer.begin().await?;
        let change = next_change_number(&txn).await?;
        Ok(WriteTxn { txn, change })
    }

    /// The newest committed change number; a sync token's horizon.
    pub async fn current_change(&self) -> Result<i64, sea_orm::DbErr> {
        let row = self
            .reader
            .query_one(Statement::from_string(
                self.backend(),
                "SELECT value FROM change_counter WHERE id = 1",
            ))
            .await?
            .ok_or_else(|| sea_orm::DbErr::RecordNotFound("change_counter".into()))?;
        row.try_get_by_index(0)
    }
}

/// A write in progress. Dropping it without `commit` rolls everything back.
pub struct WriteTxn {
    pub txn: DatabaseTransaction,
    /// Stamped on every row this transaction creates or changes.
    pub change: i64,
}

impl WriteTxn {
    pub async fn commit(self) -> Result<(), sea_orm::DbErr> {
        self.txn.commit().await
    }
}

async fn next_change_number(txn: &DatabaseTransaction) -> Result<i64, sea_orm::DbErr> {
    let row = txn
        .query_one(Statement::from_string(
            txn.get_database_backend(),
            "UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value",
        ))
        .await?
        .ok_or_else(|| sea_orm::DbErr::RecordNotFound("change_counter".into()))?;
    row.try_get_by_index(0)
}

async fn open_sqlite(url: &str, mode: OpenMode) -> anyhow::Result<Store> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("parsing SQLite URL `{url}`"))?
        .create_if_missing(mode == OpenMode::CreateAndMigrate)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let read_pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options.clone())
        .await
        .with_context(|| format!("opening SQLite database `{url}`"))?;
    // One writer connection: SQLite takes one writer at a time anyway, and a single
    // connection never meets SQLITE_BUSY from a deferred transaction upgrading.
    let write_pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    Ok(Store {
        reader: SqlxSqliteConnector::from_sqlx_sqlite_pool(read_pool),
        writer: SqlxSqliteConnector::from_sqlx_sqlite_pool(write_pool),
    })
}

async fn open_postgres(url: &str) -> anyhow::Result<Store> {
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect(url)
        .await
        .with_context(|| format!("connecting to PostgreSQL at `{}`", redact_url(url)))?;
    let version: (String,) = sqlx::query_as("SHOW server_version_num")
        .fetch_one(&pool)
        .await?;
    let version: u32 = version.0.parse().unwrap_or(0);
    if version < 130000 {
        bail!("PostgreSQL 13 or newer is required (server reports {version})");
    }
    let conn = SqlxPostgresConnector::from_sqlx_postgres_pool(pool);
    // Separate accessors even on one pool, so read replicas can come later.
    Ok(Store {
        reader: conn.clone(),
        writer: conn,
    })
}

/// Hides a password in a database URL before it reaches a message or a log.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact_url("postgres://me:s3cret@db:5432/x"),
            "postgres://me:***@db:5432/x"
        );
        assert_eq!(redact_url("postgres://me@db/x"), "postgres://me@db/x");
    }
}
