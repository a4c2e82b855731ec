use sea_orm::entity::prelude::*;

/// One admin or key action. Rows are only ever inserted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "admin_audit")]
pub struct Model {
    /// UUIDv7, so ordering by id is ordering by time.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub at: DateTimeUtc,
    /// The admin's email, or `cli` / `demo`.
    pub actor: String,
    /// `key.create`, `key.edit`, `key.rotate`, `key.deactivate`, `admin.sign_in`, ...
    pub action: String,
    pub key_id: Option<Uuid>,
    pub detail: String,
    pub client_addr: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
