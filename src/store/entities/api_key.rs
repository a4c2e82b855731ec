use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_key")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    /// The visible start of the secret, safe to show and log.
    pub prefix: String,
    /// SHA-256 of the whole secret, hex. The secret itself is never stored.
    #[sea_orm(unique)]
    pub secret_hash: String,
    /// Scopes as a JSON array of strings (`["candidates:read"]`).
    pub grants: String,
    pub allow_confidential: bool,
    pub allow_private_fields: bool,
    pub allow_update_history: bool,
    /// JSON array of CIDRs; null means every address.
    pub ip_allowlist: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: String,
    pub last_used_at: Option<DateTimeUtc>,
    pub expires_at: Option<DateTimeUtc>,
    pub deactivated_at: Option<DateTimeUtc>,
    /// Set when the key was rotated: it stops working at this time.
    pub retires_at: Option<DateTimeUtc>,
    pub replaced_by: Option<Uuid>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
