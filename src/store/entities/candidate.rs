use sea_orm::entity::prelude::*;

/// A person in the pipeline. Emails and phones live in `candidate_contact`; tags,
/// projects and applications link here from their own tables.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "candidate")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub name: String,
    /// Lowercase shadow of `name`, for case-insensitive search on both engines.
    pub name_lower: String,
    /// `[{"type": "LinkedIn", "url": "..."}]`, as Ashby shapes it.
    pub social_links: Json,
    pub position: Option<String>,
    pub company: Option<String>,
    pub school: Option<String>,
    pub timezone: Option<String>,
    /// The response form: `{id, locationSummary, locationComponents}`.
    pub location: Option<Json>,
    pub source_id: Option<Uuid>,
    pub credited_to_user_id: Option<Uuid>,
    pub fraud_status: Option<String>,
    pub external_mapping_id: Option<String>,
    pub resume_file_id: Option<Uuid>,
    /// Set once personal data was removed; the record stays for statistics.
    pub anonymized_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
