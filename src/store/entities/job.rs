use sea_orm::entity::prelude::*;

/// A job: what candidates apply to. Confidential jobs are seen only by keys allowed to.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "job")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub title: String,
    /// Lowercase shadow of `title` for case-insensitive search on both engines.
    pub title_lower: String,
    /// `Draft`, `Open`, `Closed` or `Archived`.
    pub status: String,
    pub confidential: bool,
    pub employment_type: String,
    pub department_id: Uuid,
    /// The primary location; secondary ones are in `job_location`.
    pub location_id: Uuid,
    pub default_interview_plan_id: Option<Uuid>,
    pub job_template_id: Option<Uuid>,
    pub custom_requisition_id: Option<String>,
    pub brand_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    /// The compensation tiers as Ashby shapes them (ids included, summaries not).
    pub compensation_tiers: Json,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
