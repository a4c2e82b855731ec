use sea_orm::entity::prelude::*;

/// A job's advertisement on one job board.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "job_posting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub job_id: Uuid,
    pub job_board_id: Uuid,
    pub title: String,
    pub description_html: String,
    pub description_plain: String,
    pub description_social: Option<String>,
    /// Unlisted postings are reachable by link only and never shown on the public board.
    pub is_listed: bool,
    /// Published postings are live while their job is open.
    pub is_published: bool,
    pub published_at: Option<DateTimeUtc>,
    /// Overrides the location's workplace type when set.
    pub workplace_type: Option<String>,
    pub suppress_description_opening: bool,
    pub suppress_description_closing: bool,
    pub should_display_compensation: bool,
    pub application_deadline: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
