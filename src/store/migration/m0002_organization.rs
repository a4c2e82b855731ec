//! The organisation: users, departments and locations.

use super::common::{create_synced, synced_table};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum User {
    #[sea_orm(iden = "org_user")]
    Table,
    FirstName,
    LastName,
    Email,
    EmailLower,
    GlobalRole,
    IsEnabled,
    ManagerId,
}

#[derive(DeriveIden)]
enum Department {
    Table,
    Name,
    ExternalName,
    IsArchived,
    ParentId,
    ExtraData,
}

#[derive(DeriveIden)]
enum Location {
    Table,
    Name,
    ExternalName,
    IsArchived,
    Address,
    WorkplaceType,
    ParentLocationId,
    #[sea_orm(iden = "location_type")]
    Kind,
    ExtraData,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut user = synced_table(User::Table);
        user.col(ColumnDef::new(User::FirstName).string().not_null())
            .col(ColumnDef::new(User::LastName).string().not_null())
            .col(ColumnDef::new(User::Email).string().not_null())
            .col(
                ColumnDef::new(User::EmailLower)
                    .string()
                    .not_null()
                    .unique_key(),
            )
            .col(ColumnDef::new(User::GlobalRole).string().not_null())
            .col(ColumnDef::new(User::IsEnabled).boolean().not_null())
            .col(ColumnDef::new(User::ManagerId).uuid().null());
        create_synced(manager, "org_user", user).await?;

        let mut department = synced_table(Department::Table);
        department
            .col(ColumnDef::new(Department::Name).string().not_null())
            .col(ColumnDef::new(Department::ExternalName).string().null())
            .col(ColumnDef::new(Department::IsArchived).boolean().not_null())
            .col(ColumnDef::new(Department::ParentId).uuid().null())
            .col(ColumnDef::new(Department::ExtraData).json().null())
            .foreign_key(&mut super::common::foreign_key(
                "department",
                "parent_id",
                "department",
            ));
        create_synced(manager, "department", department).await?;

        let mut location = synced_table(Location::Table);
        location
            .col(ColumnDef::new(Location::Name).string().not_null())
            .col(ColumnDef::new(Location::ExternalName).string().null())
            .col(ColumnDef::new(Location::IsArchived).boolean().not_null())
            .col(ColumnDef::new(Location::Address).json().null())
            .col(ColumnDef::new(Location::WorkplaceType).string().null())
            .col(ColumnDef::new(Location::ParentLocationId).uuid().null())
            .col(ColumnDef::new(Location::Kind).string().not_null())
            .col(ColumnDef::new(Location::ExtraData).json().null())
            .foreign_key(&mut super::common::foreign_key(
                "location",
                "parent_location_id",
                "location",
            ));
        create_synced(manager, "location", location).await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "migrations are additive; restore a backup instead".into(),
        ))
    }
}
