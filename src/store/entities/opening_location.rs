use sea_orm::entity::prelude::*;

/// The locations an opening can be filled in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opening_location")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub opening_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub location_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
