use sea_orm::entity::prelude::*;

/// Interview feedback submitted on an application against a feedback form.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "application_feedback")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub application_id: Uuid,
    pub form_definition_id: Uuid,
    /// The form as it stood when submitted.
    pub form_definition: Json,
    /// Answers keyed by field path.
    pub submitted_values: Json,
    pub submitted_by_user_id: Uuid,
    pub submitted_at: DateTimeUtc,
    pub interview_event_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
