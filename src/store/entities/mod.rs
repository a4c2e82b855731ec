//! sea-orm entities, one file per table. Synced tables (those with `change_seq`)
//! are listed in `synced!` so the paging code can place their rows.

pub mod admin_account;
pub mod admin_audit;
pub mod admin_session;
pub mod api_key;
pub mod candidate;
pub mod candidate_client_info;
pub mod candidate_contact;
pub mod candidate_email_message;
pub mod candidate_fraud_check;
pub mod candidate_note;
pub mod department;
pub mod location;
pub mod request_daily;
pub mod request_log;
pub mod stored_file;
pub mod user;

// Hiring process metadata and interviewer settings (m0003).
pub mod archive_reason;
pub mod brand;
pub mod candidate_tag;
pub mod communication_template;
pub mod custom_field;
pub mod form_definition;
pub mod interviewer_pause;
pub mod interviewer_pool;
pub mod interviewer_pool_member;
pub mod source;
pub mod source_tracking_link;
pub mod source_type;
// Jobs and the hiring pipeline (m0004).
pub mod close_reason;
pub mod hiring_team_member;
pub mod hiring_team_role;
pub mod interview_plan;
pub mod interview_stage;
pub mod interview_stage_group;
pub mod job;
pub mod job_board;
pub mod job_interview_plan;
pub mod job_location;
pub mod job_posting;
pub mod job_template;
pub mod opening;
pub mod opening_job;
pub mod opening_location;
pub mod project;
// Candidate tags, projects, custom field values, assessments, surveys (m0007).
pub mod candidate_assessment;
pub mod candidate_project;
pub mod candidate_tag_link;
pub mod custom_field_value;
pub mod survey_request;
pub mod survey_submission;
// Applications (m0006).
pub mod application;
pub mod application_criteria_evaluation;
pub mod application_feedback;
pub mod application_form_submission;
pub mod application_history;
pub mod application_referral;

/// Implements `Synced` and `SyncedEntity` for entities with `change_seq` and `id`.
macro_rules! synced {
    ($($entity:ident),* $(,)?) => {$(
        impl crate::store::sync::Synced for $entity::Model {
            fn position(&self) -> (i64, uuid::Uuid) {
                (self.change_seq, self.id)
            }
        }

        impl crate::store::sync::SyncedEntity for $entity::Entity {
            fn sync_columns() -> crate::store::sync::SyncColumns<$entity::Column> {
                crate::store::sync::SyncColumns {
                    change_seq: $entity::Column::ChangeSeq,
                    id: $entity::Column::Id,
                }
            }
        }
    )*};
}

synced!(department, location, user);
synced!(
    candidate,
    candidate_client_info,
    candidate_email_message,
    candidate_fraud_check,
    candidate_note,
    stored_file,
    archive_reason,
    brand,
    candidate_tag,
    communication_template,
    custom_field,
    form_definition,
    interviewer_pool,
    source,
    source_tracking_link,
    source_type,
    close_reason,
    hiring_team_role,
    interview_plan,
    interview_stage,
    interview_stage_group,
    job,
    job_board,
    job_posting,
    job_template,
    opening,
    project,
);
synced!(
    candidate_assessment,
    custom_field_value,
    survey_request,
    survey_submission,
    application,
    application_criteria_evaluation,
    application_feedback,
    application_form_submission,
    application_history,
    application_referral,
);
