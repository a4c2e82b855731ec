use sea_orm::entity::prelude::*;

/// A user holding a role on the hiring team of exactly one job, opening or application.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "hiring_team_member")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub user_id: Uuid,
    pub role_id: Uuid,
    pub job_id: Option<Uuid>,
    pub opening_id: Option<Uuid>,
    pub application_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
