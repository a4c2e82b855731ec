use sea_orm::entity::prelude::*;

/// Where postings are published. External boards are public at `/posting-api/job-board/{slug}`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "job_board")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub title: String,
    /// The board's name in public URLs, lowercase.
    #[sea_orm(unique)]
    pub slug: String,
    pub is_internal: bool,
    pub is_enabled: bool,
    /// Base URL of the careers site showing this board; posting links hang below it.
    pub public_url: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
