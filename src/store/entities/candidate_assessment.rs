use sea_orm::entity::prelude::*;

/// An assessment a partner ran on a candidate, as the partner last reported it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "candidate_assessment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub candidate_id: Uuid,
    pub partner_id: Uuid,
    /// The partner's id for the assessment; unique.
    pub assessment_id: Uuid,
    pub assessment_type_id: Uuid,
    pub assessment_name: String,
    /// Each of these is one `{identifier, label, description?, type, value}` field.
    pub result: Option<Json>,
    /// An array of such fields.
    pub metadata: Json,
    pub status: Option<Json>,
    pub profile_url: Option<Json>,
    pub cancelled_reason: Option<Json>,
    /// The partner's `timestamp` of its latest report.
    pub reported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
