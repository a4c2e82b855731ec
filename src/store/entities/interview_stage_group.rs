use sea_orm::entity::prelude::*;

/// An organisation-wide group of stages of one type, in pipeline order.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "interview_stage_group")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub title: String,
    pub sort_order: i32,
    /// `Lead`, `PreInterviewScreen`, `Active`, `Offer`, `Hired` or `Archived`.
    pub stage_type: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
