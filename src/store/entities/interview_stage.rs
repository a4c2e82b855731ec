use sea_orm::entity::prelude::*;

/// One stage of a plan. Applications will sit in exactly one stage of their job's plan.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "interview_stage")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub interview_plan_id: Uuid,
    pub title: String,
    /// One of the stage types (see `interview_stage_group`).
    pub stage_type: String,
    /// Sort key within the plan; not necessarily contiguous.
    pub order_in_plan: i32,
    pub interview_stage_group_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
