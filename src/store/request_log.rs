//! The API request log: raw rows kept bounded per key, and a per-key daily rollup
//! for the activity chart. Rows arrive in batches from `http::request_log`.

use super::entities::request_daily::{self, Entity as Daily};
use super::entities::request_log::{self, Entity as Log};
use super::Store;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;
use uuid::Uuid;

/// Raw rows kept per key, separately for allowed and denied calls, so a burst of
/// traffic never pushes the denials out of sight.
pub const KEPT_PER_KEY: u64 = 200;
/// Daily rollups older than this are dropped.
const ROLLUP_DAYS: i64 = 90;
/// Rows per INSERT statement, well under SQLite's bound-parameter limit.
const INSERT_CHUNK: usize = 500;

/// One API request as the dispatcher saw it.
#[derive(Clone, Debug)]
pub struct LoggedRequest {
    pub at: DateTime<Utc>,
    pub key_id: Option<Uuid>,
    pub endpoint: &'static str,
    pub status: u16,
    pub error_code: Option<String>,
    pub client: Option<IpAddr>,
    pub duration_us: i64,
}

impl LoggedRequest {
    /// Refused before the handler: by authentication or the permission gate.
    pub fn denied(&self) -> bool {
        self.status == 401 || self.status == 403
    }
}

pub use request_daily::Model as DailyCount;
pub use request_log::Model as LogRow;

impl Store {
    /// Writes a batch in one transaction: rows, rollup increments, then pruning of
    /// the keys the batch touched.
    pub async fn append_requests(&self, batch: &[LoggedRequest]) -> Result<(), DbErr> {
        if batch.is_empty() {
            return Ok(());
        }
        let txn = self.writer.begin().await?;
        for chunk in batch.chunks(INSERT_CHUNK) {
            Log::insert_many(chunk.iter().map(row)).exec(&txn).await?;
        }
        add_to_rollup(&txn, batch).await?;
        let touched: BTreeSet<(Option<Uuid>, bool)> =
            batch.iter().map(|r| (r.key_id, r.denied())).collect();
        for (key_id, denied) in touched {
            prune(&txn, key_id, denied).await?;
        }
        let oldest_day = Utc::now().date_naive() - chrono::Duration::days(ROLLUP_DAYS);
        Daily::delete_many()
            .filter(request_daily::Column::Day.lt(oldest_day))
            .exec(&txn)
            .await?;
        txn.commit().await
    }

    /// A key's newest requests, all or only the denied ones.
    pub async fn recent_requests(
        &self,
        key_id: Uuid,
        only_denied: bool,
        limit: u64,
    ) -> Result<Vec<LogRow>, DbErr> {
        let mut query = Log::find().filter(request_log::Column::KeyId.eq(key_id));
        if only_denied {
            query = query.filter(request_log::Column::Denied.eq(true));
        }
        query
            .order_by_desc(request_log::Column::At)
            .order_by_desc(request_log::Column::Id)
            .limit(limit)
            .all(self.reader())
            .await
    }

    /// A key's daily counts from `since` on.
    pub async fn daily_requests(
        &self,
        key_id: Uuid,
        since: NaiveDate,
    ) -> Result<Vec<DailyCount>, DbErr> {
        Daily::find()
            .filter(request_daily::Column::KeyId.eq(key_id))
            .filter(request_daily::Column::Day.gte(since))
            .order_by_asc(request_daily::Column::Day)
            .all(self.reader())
            .await
    }
}

fn row(r: &LoggedRequest) -> request_log::ActiveModel {
    request_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(r.at),
        key_id: Set(r.key_id),
        endpoint: Set(r.endpoint.to_string()),
        status: Set(i32::from(r.status)),
        error_code: Set(r.error_code.clone()),
        denied: Set(r.denied()),
        client_addr: Set(r.client.map(|ip| ip.to_string())),
        duration_us: Set(r.duration_us),
    }
}

/// Adds the batch's counts to the daily rows, creating them when missing.
async fn add_to_rollup(txn: &impl ConnectionTrait, batch: &[LoggedRequest]) -> Result<(), DbErr> {
    let mut counts: BTreeMap<(Uuid, NaiveDate), (i64, i64)> = BTreeMap::new();
    for r in batch {
        if let Some(key_id) = r.key_id {
            let entry = counts.entry((key_id, r.at.date_naive())).or_default();
            entry.0 += 1;
            entry.1 += i64::from(r.denied());
        }
    }
    let rows: Vec<_> = counts
        .into_iter()
        .map(
            |((key_id, day), (requests, denied))| request_daily::ActiveModel {
                key_id: Set(key_id),
                day: Set(day),
                requests: Set(requests),
                denied: Set(denied),
            },
        )
        .collect();
    // Both engines speak `ON CONFLICT ... DO UPDATE` with `excluded`.
    let add = |col: request_daily::Column| {
        Expr::col((request_daily::Entity, col))
            .add(Expr::col((sea_orm::sea_query::Alias::new("excluded"), col)))
    };
    let on_conflict =
        OnConflict::columns([request_daily::Column::KeyId, request_daily::Column::Day])
            .value(
                request_daily::Column::Requests,
                add(request_daily::Column::Requests),
            )
            .value(
                request_daily::Column::Denied,
                add(request_daily::Column::Denied),
            )
            .to_owned();
    for chunk in rows.chunks(INSERT_CHUNK) {
        Daily::insert_many(chunk.to_vec())
            .on_conflict(on_conflict.clone())
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Keeps the newest `KEPT_PER_KEY` rows of one key (or of keyless calls) and kind.
async fn prune(
    txn: &impl ConnectionTrait,
    key_id: Option<Uuid>,
    denied: bool,
) -> Result<(), DbErr> {
    let group = Condition::all()
        .add(match key_id {
            Some(id) => request_log::Column::KeyId.eq(id),
            None => request_log::Column::KeyId.is_null(),
        })
        .add(request_log::Column::Denied.eq(denied));
    // The newest row past the bound: one step down the (key, denied, at) index.
    let Some(cutoff) = Log::find()
        .filter(group.clone())
        .order_by_desc(request_log::Column::At)
        .order_by_desc(request_log::Column::Id)
        .offset(KEPT_PER_KEY)
        .limit(1)
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    Log::delete_many()
        .filter(group)
        .filter(
            Condition::any()
                .add(request_log::Column::At.lt(cutoff.at))
                .add(
                    Condition::all()
                        .add(request_log::Column::At.eq(cutoff.at))
                        .add(request_log::Column::Id.lte(cutoff.id)),
                ),
        )
        .exec(txn)
        .await?;
    Ok(())
}
