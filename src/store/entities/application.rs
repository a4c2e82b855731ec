use sea_orm::entity::prelude::*;

/// A candidate considered for a job, standing in one stage of the job's interview plan.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "application")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub candidate_id: Uuid,
    pub job_id: Uuid,
    pub interview_plan_id: Uuid,
    pub current_stage_id: Uuid,
    /// `Lead`, `Active`, `Hired` or `Archived`: follows the current stage's type.
    pub status: String,
    pub source_id: Option<Uuid>,
    pub credited_to_user_id: Option<Uuid>,
    pub archive_reason_id: Option<Uuid>,
    pub archived_at: Option<DateTimeUtc>,
    pub applied_via_job_posting_id: Option<Uuid>,
    pub submitter_client_ip: Option<String>,
    pub submitter_user_agent: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
