//! Batch loading and touching by id, so lists load nested rows in one query per
//! kind instead of one per row.

use super::sync::Synced;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

/// The rows of `E` whose `id_col` is one of `ids`, by id. No query for no ids.
pub async fn by_id<E, C>(
    db: &C,
    id_col: E::Column,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, E::Model>, DbErr>
where
    E: EntityTrait,
    E::Model: Synced,
    C: ConnectionTrait,
{
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = E::find().filter(id_col.is_in(ids)).all(db).await?;
    Ok(rows.into_iter().map(|m| (m.position().1, m)).collect())
}

/// Groups rows by a key, keeping their order.
pub fn group<T, K: std::hash::Hash + Eq>(
    rows: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> K,
) -> HashMap<K, Vec<T>> {
    let mut groups: HashMap<K, Vec<T>> = HashMap::new();
    for row in rows {
        groups.entry(key(&row)).or_default().push(row);
    }
    groups
}

/// Stamps rows whose nested data changed with this write's change number, so
/// incremental syncs return them.
pub async fn touch<E, C>(
    db: &C,
    cols: (E::Column, E::Column, E::Column),
    ids: impl IntoIterator<Item = Uuid>,
    change: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let (id_col, change_col, updated_col) = cols;
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(());
    }
    E::update_many()
        .col_expr(change_col, Expr::value(change))
        .col_expr(updated_col, Expr::value(now))
        .filter(id_col.is_in(ids))
        .exec(db)
        .await?;
    Ok(())
}
