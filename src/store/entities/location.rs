use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "location")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub name: String,
    pub external_name: Option<String>,
    pub is_archived: bool,
    /// `{"postalAddress": {...}}` as Ashby shapes it.
    pub address: Option<Json>,
    /// `OnSite`, `Hybrid` or `Remote`.
    pub workplace_type: Option<String>,
    pub parent_location_id: Option<Uuid>,
    /// `Location` or `LocationHierarchy` (a region grouping locations).
    pub location_type: String,
    pub extra_data: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
