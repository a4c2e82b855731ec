use sea_orm::entity::prelude::*;

/// An email a partner system attached to a candidate (`candidate.addEmailMessage`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidate_email_message")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub candidate_id: Uuid,
    /// `email_provider_email_id` is unique per key.
    pub api_key_id: Uuid,
    pub email_provider_email_id: String,
    pub subject: String,
    pub from_address: String,
    pub to_address: String,
    pub body: Option<String>,
    pub sent_at: DateTimeUtc,
    pub cc: Option<String>,
    pub message_url: Option<String>,
    pub message_id_header: Option<String>,
    pub thread_id: String,
    pub is_private: bool,
    pub user_id: Option<Uuid>,
    pub user_is_sender: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
