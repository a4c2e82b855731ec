//! An application's stage history: `application.listHistory`, `application.updateHistory`,
//! and the history imported by `application.create`.

use super::pipeline::{self, check_archive_reason, Move};
use super::{find, respond, Extras, HistoryInput};
use crate::api::input::Limit;
use crate::api::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::{application_history as history, interview_stage};
use crate::store::WriteTxn;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use uuid::Uuid;

/// A stage entered, why (when archived), and when.
pub type Step = (interview_stage::Model, Option<Uuid>, DateTime<Utc>);

/// Checks history sent by a client against the plan and orders it by `stageNumber`.
pub async fn checked_steps<C: ConnectionTrait>(
    db: &C,
    plan: Uuid,
    mut entries: Vec<HistoryInput>,
) -> Result<Vec<Step>, ApiError> {
    entries.sort_by_key(|e| e.stage_number);
    let mut numbers = HashSet::new();
    let mut steps = Vec::with_capacity(entries.len());
    for e in entries {
        if !numbers.insert(e.stage_number) {
            return Err(ApiError::invalid_input(format!(
                "`applicationHistory` has stageNumber {} twice.",
                e.stage_number
            )));
        }
        let stage = pipeline::stage_in_plan(db, plan, e.stage_id).await?;
        let reason = check_archive_reason(db, &stage, e.archive_reason_id).await?;
        steps.push((stage, reason, e.entered_stage_at));
    }
    Ok(steps)
}

/// Writes history entries numbered from 0, each left when the next was entered.
pub async fn write_entries(
    write: &WriteTxn,
    application_id: Uuid,
    moves: &[Move<'_>],
) -> Result<(), ApiError> {
    write_with_ids(write, application_id, moves, &[]).await
}

async fn write_with_ids(
    write: &WriteTxn,
    application_id: Uuid,
    moves: &[Move<'_>],
    ids: &[Option<Uuid>],
) -> Result<(), ApiError> {
    let rows: Vec<history::ActiveModel> = moves
        .iter()
        .enumerate()
        .map(|(i, to)| {
            let left = moves.get(i + 1).map(|next| next.at);
            let mut row = pipeline::entry(write, application_id, i as i32, to, left);
            if let Some(Some(id)) = ids.get(i) {
                row.id = Set(*id);
            }
            row
        })
        .collect();
    if !rows.is_empty() {
        history::Entity::insert_many(rows).exec(&write.txn).await?;
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    application_id: Uuid,
    #[serde(default)]
    cursor: Option<String>,
    #[serde(default)]
    limit: Limit,
}

/// Where a history page stopped.
#[derive(Serialize, Deserialize)]
struct HistoryCursor {
    a: Uuid,
    n: i32,
}

/// `application.listHistory`: the stages entered, in order.
pub async fn list_history(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let application = find(db, &ctx, req.application_id).await?;
    let signer = &ctx.state.signer;
    let mut select = history::Entity::find()
        .filter(history::Column::ApplicationId.eq(application.id))
        .order_by_asc(history::Column::StageNumber)
        .limit(req.limit.0 + 1);
    if let Some(cursor) = req.cursor.as_deref().filter(|c| !c.is_empty()) {
        let at: HistoryCursor = signer
            .open("application.listHistory", cursor)
            .filter(|c: &HistoryCursor| c.a == application.id)
            .ok_or_else(|| {
                ApiError::new(
                    "invalid_next_cursor",
                    "This cursor was not issued by application.listHistory for this application.",
                )
            })?;
        select = select.filter(history::Column::StageNumber.gt(at.n));
    }
    let mut rows = select.all(db).await?;
    let more = rows.len() as u64 > req.limit.0;
    rows.truncate(req.limit.0 as usize);
    let next = rows.last().filter(|_| more).map(|last| {
        signer.seal(
            "application.listHistory",
            &HistoryCursor {
                a: application.id,
                n: last.stage_number,
            },
        )
    });
    let views: Vec<super::view::HistoryView> = rows.into_iter().map(Into::into).collect();
    Reply::page(views, next, None)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRequest {
    application_id: Uuid,
    application_history: Vec<HistoryInput>,
}

/// `application.updateHistory`: replaces the whole history (entries keep their ids
/// when `applicationHistoryId` names them); the last entry becomes the current stage.
/// Needs the key's "update application history" setting besides `candidatesWrite`.
pub async fn update_history(ctx: Ctx, req: UpdateRequest) -> Result<Reply, ApiError> {
    if !ctx.caller.key.allow_update_history {
        return Err(ApiError::missing_permission(
            "allowUpdateApplicationHistory",
            "application.updateHistory",
        ));
    }
    if req.application_history.is_empty() {
        return Err(ApiError::invalid_input(
            "`applicationHistory` must keep at least the current stage.",
        ));
    }
    let write = ctx.state.store.write().await?;
    let current = find(&write.txn, &ctx, req.application_id).await?;
    let existing: HashSet<Uuid> = history::Entity::find()
        .select_only()
        .column(history::Column::Id)
        .filter(history::Column::ApplicationId.eq(current.id))
        .into_tuple()
        .all(&write.txn)
        .await?
        .into_iter()
        .collect();
    let mut entries = req.application_history;
    entries.sort_by_key(|e| e.stage_number);
    let ids: Vec<Option<Uuid>> = entries.iter().map(|e| e.application_history_id).collect();
    if let Some(unknown) = ids.iter().flatten().find(|id| !existing.contains(id)) {
        return Err(ApiError::not_found("application_history", unknown));
    }
    let steps = checked_steps(&write.txn, current.interview_plan_id, entries).await?;
    let moves: Vec<Move> = steps
        .iter()
        .map(|(stage, reason, at)| Move {
            job_id: current.job_id,
            plan_id: current.interview_plan_id,
            stage,
            archive_reason: *reason,
            at: *at,
        })
        .collect();
    history::Entity::delete_many()
        .filter(history::Column::ApplicationId.eq(current.id))
        .exec(&write.txn)
        .await?;
    write_with_ids(&write, current.id, &moves, &ids).await?;
    let id = current.id;
    let mut row = current.into_active_model();
    if let Some(last) = moves.last() {
        pipeline::place(&mut row, last);
    }
    row.updated_at = Set(Utc::now());
    row.change_seq = Set(write.change);
    row.update(&write.txn).await?;
    write.commit().await?;
    respond(&ctx, id, Extras::default()).await
}
