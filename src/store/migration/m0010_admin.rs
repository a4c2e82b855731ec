//! The admin web app: admin accounts, their sessions, the audit log, and the API
//! request log with its per-key daily rollup.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AdminAccount {
    Table,
    Id,
    Email,
    PasswordHash,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AdminSession {
    Table,
    Id,
    TokenHash,
    AdminId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AdminAudit {
    Table,
    Id,
    At,
    Actor,
    Action,
    KeyId,
    Detail,
    ClientAddr,
}

#[derive(DeriveIden)]
enum RequestLog {
    Table,
    Id,
    At,
    KeyId,
    Endpoint,
    Status,
    ErrorCode,
    Denied,
    ClientAddr,
    DurationUs,
}

#[derive(DeriveIden)]
enum RequestDaily {
    Table,
    KeyId,
    Day,
    Requests,
    Denied,
}

fn uuid_pk<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .uuid()
        .not_null()
        .primary_key()
        .to_owned()
}

fn time<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AdminAccount::Table)
                    .col(uuid_pk(AdminAccount::Id))
                    .col(
                        ColumnDef::new(AdminAccount::Email)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(AdminAccount::PasswordHash).text().not_null())
                    .col(time(AdminAccount::CreatedAt))
                    .col(time(AdminAccount::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AdminSession::Table)
                    .col(uuid_pk(AdminSession::Id))
                    .col(
                        ColumnDef::new(AdminSession::TokenHash)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(AdminSession::AdminId).uuid().not_null())
                    .col(time(AdminSession::CreatedAt))
                    .col(time(AdminSession::ExpiresAt))
                    .foreign_key(&mut super::common::foreign_key(
                        "admin_session",
                        "admin_id",
                        "admin_account",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AdminAudit::Table)
                    .col(uuid_pk(AdminAudit::Id))
                    .col(time(AdminAudit::At))
                    .col(ColumnDef::new(AdminAudit::Actor).string().not_null())
                    .col(ColumnDef::new(AdminAudit::Action).string().not_null())
                    .col(ColumnDef::new(AdminAudit::KeyId).uuid().null())
                    .col(ColumnDef::new(AdminAudit::Detail).text().not_null())
                    .col(ColumnDef::new(AdminAudit::ClientAddr).string().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RequestLog::Table)
                    .col(uuid_pk(RequestLog::Id))
                    .col(time(RequestLog::At))
                    .col(ColumnDef::new(RequestLog::KeyId).uuid().null())
                    .col(ColumnDef::new(RequestLog::Endpoint).string().not_null())
                    .col(ColumnDef::new(RequestLog::Status).integer().not_null())
                    .col(ColumnDef::new(RequestLog::ErrorCode).string().null())
                    .col(ColumnDef::new(RequestLog::Denied).boolean().not_null())
                    .col(ColumnDef::new(RequestLog::ClientAddr).string().null())
                    .col(
                        ColumnDef::new(RequestLog::DurationUs)
                            .big_integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        // The activity page and the pruning both walk one key's newest rows.
        manager
            .create_index(
                Index::create()
                    .name("idx_request_log_key")
                    .table(RequestLog::Table)
                    .col(RequestLog::KeyId)
                    .col(RequestLog::Denied)
                    .col(RequestLog::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RequestDaily::Table)
                    .col(ColumnDef::new(RequestDaily::KeyId).uuid().not_null())
                    .col(ColumnDef::new(RequestDaily::Day).date().not_null())
                    .col(
                        ColumnDef::new(RequestDaily::Requests)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RequestDaily::Denied)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(RequestDaily::KeyId)
                            .col(RequestDaily::Day),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_request_daily_day")
                    .table(RequestDaily::Table)
                    .col(RequestDaily::Day)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "migrations are additive; restore a backup instead".into(),
        ))
    }
}
