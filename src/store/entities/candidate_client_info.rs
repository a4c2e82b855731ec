use sea_orm::entity::prelude::*;

/// The network client a candidate used when they applied or answered a request.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidate_client_info")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub candidate_id: Uuid,
    pub ip_address: String,
    pub user_agent: Option<String>,
    /// `application`, `blocked_application_submission` or `meeting_availability_request`.
    pub related_entity_type: String,
    pub related_entity_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
