use sea_orm::entity::prelude::*;

/// A period in which a user is not scheduled for interviews.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interviewer_pause")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub starts_at: DateTimeUtc,
    /// None: paused until the pause is deleted.
    pub ends_at: Option<DateTimeUtc>,
    pub comment: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
