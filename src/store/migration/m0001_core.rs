//! The change counter behind sync tokens, server settings (the signing secret), and API keys.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ChangeCounter {
    Table,
    Id,
    Value,
}

#[derive(DeriveIden)]
enum ServerSetting {
    Table,
    Name,
    Value,
}

#[derive(DeriveIden)]
enum ApiKey {
    Table,
    Id,
    Title,
    Prefix,
    SecretHash,
    Grants,
    AllowConfidential,
    AllowPrivateFields,
    AllowUpdateHistory,
    IpAllowlist,
    CreatedAt,
    CreatedBy,
    LastUsedAt,
    ExpiresAt,
    DeactivatedAt,
    RetiresAt,
    ReplacedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChangeCounter::Table)
                    .col(
                        ColumnDef::new(ChangeCounter::Id)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ChangeCounter::Value)
                            .big_integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(ChangeCounter::Table)
                    .columns([ChangeCounter::Id, ChangeCounter::Value])
                    .values_panic([1.into(), 0i64.into()])
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServerSetting::Table)
                    .col(
                        ColumnDef::new(ServerSetting::Name)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(ServerSetting::Value).text().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiKey::Table)
                    .col(ColumnDef::new(ApiKey::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(ApiKey::Title).string().not_null())
                    .col(ColumnDef::new(ApiKey::Prefix).string().not_null())
                    .col(
                        ColumnDef::new(ApiKey::SecretHash)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(ApiKey::Grants).text().not_null())
                    .col(
                        ColumnDef::new(ApiKey::AllowConfidential)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ApiKey::AllowPrivateFields)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ApiKey::AllowUpdateHistory)
                            .boolean()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ApiKey::IpAllowlist).text().null())
                    .col(
                        ColumnDef::new(ApiKey::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ApiKey::CreatedBy).string().not_null())
                    .col(
                        ColumnDef::new(ApiKey::LastUsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ApiKey::ExpiresAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ApiKey::DeactivatedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ApiKey::RetiresAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(ApiKey::ReplacedBy).uuid().null())
                    .col(
                        ColumnDef::new(ApiKey::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
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
