//! sea-orm entities, one file per table. Synced tables (those with `change_seq`)
//! are listed in `synced!` so the paging code can place their rows.

pub mod api_key;
pub mod department;
pub mod location;
pub mod user;

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

/// Implements `Synced` for entities whose model has `change_seq` and `id`.
macro_rules! synced {
    ($($entity:ident),* $(,)?) => {$(
        impl crate::store::sync::Synced for $entity::Model {
            fn position(&self) -> (i64, uuid::Uuid) {
                (self.change_seq, self.id)
            }
        }
    )*};
}

synced!(department, location, user);
synced!(
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
