use sea_orm::entity::prelude::*;

/// The value of one custom field on one object (candidate, job, opening, ...).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "custom_field_value")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub custom_field_id: Uuid,
    /// In `customField.setValue`'s vocabulary: `Candidate`, `Job`, `Opening`, ...
    pub object_type: String,
    pub object_id: Uuid,
    /// Stored as it goes on the wire, already checked against the field's type.
    pub value: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
