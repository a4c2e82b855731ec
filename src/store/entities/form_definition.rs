use sea_orm::entity::prelude::*;

/// A form: interview feedback, candidate survey, or the referral form.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "form_definition")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub change_seq: i64,
    /// `feedback`, `survey` or `referral` (see `FormKind`).
    pub kind: String,
    pub title: String,
    pub is_archived: bool,
    pub is_default_form: bool,
    /// `{"sections": [...]}` as Ashby shapes a form definition.
    pub definition: Json,
    /// Survey forms only: `CandidateExperience`, `Diversity`, `EEOC`, ...
    pub survey_type: Option<String>,
    /// Feedback forms only: the interview the form belongs to.
    pub interview_id: Option<Uuid>,
}

/// The kinds of form kept in `form_definition`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Feedback,
    Survey,
    Referral,
}

impl FormKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Feedback => "feedback",
            FormKind::Survey => "survey",
            FormKind::Referral => "referral",
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
