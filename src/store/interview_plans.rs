//! Making interview plans. No API endpoint creates them (Ashby's are edited in its
//! app), so the demo, the command line and tests come through here.

use super::entities::{interview_plan, interview_stage, interview_stage_group};
use super::WriteTxn;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// The stage types, in pipeline order.
pub const STAGE_TYPES: [&str; 6] = [
    "Lead",
    "PreInterviewScreen",
    "Active",
    "Offer",
    "Hired",
    "Archived",
];

/// Creates a published plan with `stages` (title, stage type) in that order, each
/// in its type's stage group. Stage order keys step by 10, leaving room between.
pub async fn create(write: &WriteTxn, title: &str, stages: &[(&str, &str)]) -> Result<Uuid, DbErr> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    interview_plan::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        title: Set(title.into()),
        is_archived: Set(false),
        is_draft: Set(false),
    }
    .insert(&write.txn)
    .await?;
    for (position, (stage_title, stage_type)) in stages.iter().enumerate() {
        if !STAGE_TYPES.contains(stage_type) {
            return Err(DbErr::Custom(format!("unknown stage type {stage_type}")));
        }
        let group = interview_stage_group::Entity::find()
            .filter(interview_stage_group::Column::StageType.eq(*stage_type))
            .one(&write.txn)
            .await?;
        interview_stage::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            updated_at: Set(now),
            change_seq: Set(write.change),
            interview_plan_id: Set(id),
            title: Set((*stage_title).into()),
            stage_type: Set((*stage_type).into()),
            order_in_plan: Set(position as i32 * 10),
            interview_stage_group_id: Set(group.map(|g| g.id)),
        }
        .insert(&write.txn)
        .await?;
    }
    Ok(id)
}

/// Archives or un-archives a plan.
pub async fn set_archived(write: &WriteTxn, id: Uuid, archived: bool) -> Result<(), DbErr> {
    let plan = interview_plan::Entity::find_by_id(id)
        .one(&write.txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("interview plan {id}")))?;
    let mut plan: interview_plan::ActiveModel = plan.into();
    plan.is_archived = Set(archived);
    plan.change_seq = Set(write.change);
    plan.updated_at = Set(Utc::now());
    plan.update(&write.txn).await?;
    Ok(())
}
