use sea_orm::entity::prelude::*;

/// A candidate's answers to a survey form.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_submission")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub candidate_id: Uuid,
    pub application_id: Uuid,
    pub survey_form_definition_id: Uuid,
    /// The form's survey type when the answers came in.
    pub survey_type: String,
    /// `{fieldPath: value}` as submitted.
    pub submitted_values: Json,
    pub submitted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
