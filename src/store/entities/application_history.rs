use sea_orm::entity::prelude::*;

/// One stage an application entered; `stage_number` orders them from 0.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "application_history")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub application_id: Uuid,
    pub stage_id: Uuid,
    /// The stage's title when it was entered.
    pub title: String,
    pub stage_number: i32,
    pub entered_stage_at: DateTimeUtc,
    pub left_stage_at: Option<DateTimeUtc>,
    pub archive_reason_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
