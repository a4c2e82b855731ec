use sea_orm::entity::prelude::*;

/// An evaluation of an application against one hiring criterion.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "application_criteria_evaluation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub application_id: Uuid,
    /// `{id, title, type, prompt, applicationFormDefinitionId, applicationFormFieldPath}`.
    pub criterion: Json,
    pub status: String,
    pub outcome: Option<String>,
    pub reasoning: Option<String>,
    pub skip_reason: Option<String>,
    pub outcome_number: Option<f64>,
    pub evaluated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
