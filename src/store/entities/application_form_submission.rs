use sea_orm::entity::prelude::*;

/// An application form submitted through a job posting (`applicationForm.submit`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "application_form_submission")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub application_id: Uuid,
    pub job_posting_id: Uuid,
    pub form_definition: Json,
    /// Answers keyed by field path; file fields hold file ids.
    pub submitted_values: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
