//! Column and index shapes every synced table shares.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
pub enum Synced {
    CreatedAt,
    UpdatedAt,
    ChangeSeq,
}

/// `id` (UUID primary key) plus `created_at`, `updated_at` and `change_seq`,
/// the change number of the transaction that last wrote the row.
pub fn synced_table(table: impl IntoIden + 'static) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(
            ColumnDef::new(Alias::new("id"))
                .uuid()
                .not_null()
                .primary_key(),
        )
        .col(
            ColumnDef::new(Synced::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new(Synced::UpdatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(ColumnDef::new(Synced::ChangeSeq).big_integer().not_null())
        .to_owned()
}

/// The `(change_seq, id)` index that keyset pages and sync runs walk.
pub fn sync_index(table: &str) -> IndexCreateStatement {
    Index::create()
        .name(format!("idx_{table}_sync"))
        .table(Alias::new(table))
        .col(Synced::ChangeSeq)
        .col(Alias::new("id"))
        .to_owned()
}

/// Creates a synced table and its sync index.
pub async fn create_synced(
    manager: &SchemaManager<'_>,
    name: &str,
    table: TableCreateStatement,
) -> Result<(), DbErr> {
    manager.create_table(table).await?;
    manager.create_index(sync_index(name)).await
}

/// A foreign key from `table.column` to `target.id`.
pub fn foreign_key(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(Alias::new(table), Alias::new(column))
        .to(Alias::new(target), Alias::new("id"))
        .to_owned()
}

/// A link table between two records: both ids, together the primary key.
pub fn link_table(
    table: &str,
    (left, left_target): (&str, &str),
    (right, right_target): (&str, &str),
) -> TableCreateStatement {
    Table::create()
        .table(Alias::new(table))
        .col(ColumnDef::new(Alias::new(left)).uuid().not_null())
        .col(ColumnDef::new(Alias::new(right)).uuid().not_null())
        .primary_key(Index::create().col(Alias::new(left)).col(Alias::new(right)))
        .foreign_key(&mut foreign_key(table, left, left_target))
        .foreign_key(&mut foreign_key(table, right, right_target))
        .to_owned()
}
