use sea_orm::entity::prelude::*;

/// The jobs an opening can be filled through.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opening_job")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub opening_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub job_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
