use sea_orm::entity::prelude::*;

/// A template new jobs can start from.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "job_template")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub title: String,
    /// `Active` or `Inactive`; only active templates make jobs.
    pub status: String,
    pub department_id: Option<Uuid>,
    pub location_id: Option<Uuid>,
    pub default_interview_plan_id: Option<Uuid>,
    pub employment_type: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
