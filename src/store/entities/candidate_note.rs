use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidate_note")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub candidate_id: Uuid,
    /// Plain text, or HTML reduced to the tags Ashby keeps.
    pub content: String,
    pub is_private: bool,
    /// The author as shown when the note was written (a user, or the API key).
    pub author_id: Uuid,
    pub author_first_name: String,
    pub author_last_name: String,
    pub author_email: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
