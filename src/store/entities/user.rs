use sea_orm::entity::prelude::*;

/// A member of the organisation: recruiter, interviewer, admin.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org_user")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// Lowercase shadow of `email`, for case-insensitive lookups on both engines.
    pub email_lower: String,
    /// `Organization Admin`, `Elevated Access`, `Limited Access`, `External Recruiter`.
    pub global_role: String,
    pub is_enabled: bool,
    pub manager_id: Option<Uuid>,
    /// Interviews per day and per week this user may be scheduled for (m0003).
    pub interviewer_daily_limit: Option<i32>,
    pub interviewer_weekly_limit: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
