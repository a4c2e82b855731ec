use sea_orm::entity::prelude::*;

/// A file kept under `ASHLAR_DATA_DIR/files/<id>`. It exists from the moment an
/// upload handle is made; `uploaded_at` is set when its bytes arrive, `candidate_id`
/// when it is attached to a candidate.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stored_file")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    pub candidate_id: Option<Uuid>,
    pub name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// `CandidateResume`, `CandidateFiles` or `ApplicationForm`.
    pub context: String,
    pub uploaded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
