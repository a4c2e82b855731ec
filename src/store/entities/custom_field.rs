use sea_orm::entity::prelude::*;

/// A custom field definition; values live on the objects it applies to.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "custom_field")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub title: String,
    pub description: Option<String>,
    /// In the response vocabulary: `Application`, `Candidate`, `Employee`, `Job`,
    /// `Offer`, `Opening`, `Talent_Project`.
    pub object_type: String,
    pub field_type: String,
    pub is_private: bool,
    pub is_required: bool,
    pub is_archived: bool,
    pub is_date_only: bool,
    pub is_exposable_to_candidate: bool,
    /// `[{"label", "value", "isArchived"}]` for select fields, in order.
    pub selectable_values: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
