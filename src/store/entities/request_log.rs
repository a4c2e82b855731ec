use sea_orm::entity::prelude::*;

/// One API request. Kept bounded per key: the flush prunes older rows.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub at: DateTimeUtc,
    /// Null when no key could be identified (missing or unknown key).
    pub key_id: Option<Uuid>,
    pub endpoint: String,
    pub status: i32,
    /// `errorInfo.code` of a failed call.
    pub error_code: Option<String>,
    /// Refused by authentication or the permission gate (401/403).
    pub denied: bool,
    pub client_addr: Option<String>,
    pub duration_us: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
