use sea_orm::entity::prelude::*;

/// A user's referral that created (or joined) an application.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "application_referral")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub application_id: Uuid,
    pub user_id: Uuid,
    pub referred_at: DateTimeUtc,
    /// The referral form's answers keyed by field path.
    pub submitted_values: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
