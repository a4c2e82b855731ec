use sea_orm::entity::prelude::*;

/// A headcount slot, linked to jobs and locations. Its latest version is this row.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "opening")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub identifier: String,
    /// Lowercase shadow of `identifier` for search.
    pub identifier_lower: String,
    pub description: String,
    pub department_id: Option<Uuid>,
    /// `YYYY-MM-DD`.
    pub target_hire_date: Option<String>,
    pub target_start_date: Option<String>,
    pub is_backfill: bool,
    pub employment_type: String,
    /// `Draft`, `Approved`, `Open`, `Closed` or `Filled`.
    pub opening_state: String,
    pub is_archived: bool,
    pub archived_at: Option<DateTimeUtc>,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub close_reason_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    /// Changes with every edit of the opening's details (`latestVersion.id`).
    pub version_id: Uuid,
    pub version_created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
