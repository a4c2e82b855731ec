use sea_orm::entity::prelude::*;

/// One email address or phone number of a candidate, in display order.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidate_contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub candidate_id: Uuid,
    /// `email` or `phone`.
    pub kind: String,
    pub value: String,
    /// Lowercase shadow of `value`, for case-insensitive lookups.
    pub value_lower: String,
    /// `Personal`, `Work` or `Other`.
    pub contact_type: String,
    pub is_primary: bool,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
