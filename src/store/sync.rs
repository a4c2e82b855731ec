//! Keyset pages over synced tables. Every synced row carries `change_seq`, the change
//! number of the transaction that last wrote it, and is listed in `(change_seq, id)`
//! order: a full sync is an incremental sync from zero, page N costs what page 1
//! costs, and no OFFSET is ever used.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DbErr, EntityTrait, IntoSimpleExpr, QueryFilter, QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;

/// Where a list run stands: rows changed after `since` and up to `horizon` (the
/// newest change committed when the run began), after position `after`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyncWindow {
    pub since: i64,
    pub horizon: i64,
    pub after: Option<(i64, Uuid)>,
}

/// A synced row's place in list order.
pub trait Synced {
    fn position(&self) -> (i64, Uuid);
}

/// A synced table: its entity names the two columns that order it.
pub trait SyncedEntity: EntityTrait {
    fn sync_columns() -> SyncColumns<Self::Column>;
}

/// The two columns that order a synced table.
pub struct SyncColumns<C> {
    pub change_seq: C,
    pub id: C,
}

/// Incremental runs over more changes than this are refused
/// (`incremental_sync_too_large`): 100 pages of 100.
pub const INCREMENTAL_CAP: u64 = 10_000;

fn windowed<E: EntityTrait>(
    select: Select<E>,
    cols: &SyncColumns<E::Column>,
    w: &SyncWindow,
) -> Select<E> {
    let select = select.filter(cols.change_seq.lte(w.horizon));
    match w.after {
        // One row-value lower bound, so both engines seek the `(change_seq, id)` index
        // straight to the position: given a separate `change_seq > since` as well,
        // SQLite starts its range there and a deep page scans the whole window.
        // Positions lie inside the window, so the bound also implies `> since`.
        Some((seq, id)) => select.filter(
            Expr::tuple([
                cols.change_seq.into_simple_expr(),
                cols.id.into_simple_expr(),
            ])
            .gt(Expr::tuple([Expr::value(seq), Expr::value(id)])),
        ),
        None => select.filter(cols.change_seq.gt(w.since)),
    }
}

/// One page in `(change_seq, id)` order, and whether more rows follow.
pub async fn page<E, C>(
    db: &C,
    select: Select<E>,
    cols: &SyncColumns<E::Column>,
    window: &SyncWindow,
    limit: u64,
) -> Result<(Vec<E::Model>, bool), DbErr>
where
    E: EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    let mut rows = windowed(select, cols, window)
        .order_by_asc(cols.change_seq)
        .order_by_asc(cols.id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// Whether an incremental run would return more than `INCREMENTAL_CAP` rows.
pub async fn exceeds_cap<E, C>(
    db: &C,
    select: Select<E>,
    cols: &SyncColumns<E::Column>,
    window: &SyncWindow,
) -> Result<bool, DbErr>
where
    E: EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    let ids: Vec<Uuid> = windowed(select, cols, window)
        .select_only()
        .column(cols.id)
        .limit(INCREMENTAL_CAP + 1)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.len() as u64 > INCREMENTAL_CAP)
}
