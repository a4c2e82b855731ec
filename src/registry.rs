//! The endpoint registry: every RPC endpoint Ashlar knows, declared once with its
//! module and access level. The router, the permission gate, `/openapi.json`, the
//! README permission table and the authorization test matrix all read this table;
//! a path that is not in it cannot be routed.

use crate::api::file::UploadContext;
use crate::api::{self, rpc, Handler};
use crate::auth::permissions::{Access, Access::*, Module, Module::*};

/// One RPC endpoint, `POST /<name>`.
pub struct Endpoint {
    pub name: &'static str,
    pub module: Module,
    pub access: Access,
    /// `None` until the endpoint's handler lands: the gate still runs, then the call
    /// answers `endpoint_not_implemented`.
    pub handler: Option<Handler>,
    /// Set on endpoints that also take `multipart/form-data`: what their file parts
    /// are uploaded for. The dispatcher stores those parts and hands the handler
    /// their file handles, so handlers only ever read JSON.
    pub uploads: Option<UploadContext>,
}

impl Endpoint {
    /// The permission identifier Ashby names in its docs, e.g. `candidatesWrite`.
    pub fn permission(&self) -> String {
        self.module.permission(self.access)
    }

    pub fn is_implemented(&self) -> bool {
        self.handler.is_some()
    }
}

const fn ep(
    name: &'static str,
    module: Module,
    access: Access,
    handler: Option<Handler>,
) -> Endpoint {
    Endpoint {
        name,
        module,
        access,
        handler,
        uploads: None,
    }
}

impl Endpoint {
    /// Marks an endpoint as also taking multipart bodies with file parts.
    const fn with_uploads(self, context: UploadContext) -> Endpoint {
        Endpoint {
            uploads: Some(context),
            ..self
        }
    }
}

/// Looks an endpoint up by its RPC name (`candidate.list`).
pub fn find(name: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.name == name)
}

/// Every endpoint, sorted by name.
pub static ENDPOINTS: &[Endpoint] = &[
    ep("apiKey.info", ApiKeys, Read, rpc!(api::api_key::info)),
    ep(
        "application.addHiringTeamMember",
        Candidates,
        Write,
        rpc!(api::application::add_hiring_team_member),
    ),
    ep(
        "application.changeSource",
        Candidates,
        Write,
        rpc!(api::application::change_source),
    ),
    ep(
        "application.changeStage",
        Candidates,
        Write,
        rpc!(api::application::change_stage),
    ),
    ep(
        "application.create",
        Candidates,
        Write,
        rpc!(api::application::create),
    ),
    ep(
        "application.info",
        Candidates,
        Read,
        rpc!(api::application::info),
    ),
    ep(
        "application.list",
        Candidates,
        Read,
        rpc!(api::application::list),
    ),
    ep(
        "application.listCriteriaEvaluations",
        Candidates,
        Read,
        rpc!(api::application::list_criteria_evaluations),
    ),
    ep(
        "application.listHistory",
        Candidates,
        Read,
        rpc!(api::application::list_history),
    ),
    ep(
        "application.removeHiringTeamMember",
        Candidates,
        Write,
        rpc!(api::application::remove_hiring_team_member),
    ),
    ep(
        "application.transfer",
        Candidates,
        Write,
        rpc!(api::application::transfer),
    ),
    ep(
        "application.update",
        Candidates,
        Write,
        rpc!(api::application::update),
    ),
    ep(
        "application.updateHistory",
        Candidates,
        Write,
        rpc!(api::application::update_history),
    ),
    ep(
        "applicationFeedback.list",
        Candidates,
        Read,
        rpc!(api::application_feedback::list),
    ),
    ep(
        "applicationFeedback.submit",
        Candidates,
        Write,
        rpc!(api::application_feedback::submit),
    ),
    ep(
        "applicationForm.submit",
        Candidates,
        Write,
        rpc!(api::application_form::submit),
    )
    .with_uploads(UploadContext::ApplicationForm),
    ep(
        "applicationHiringTeamRole.list",
        Candidates,
        Read,
        rpc!(api::application_hiring_team_role::list),
    ),
    ep("approval.list", Approvals, Read, None),
    ep("approvalDefinition.update", Approvals, Write, None),
    ep(
        "archiveReason.list",
        HiringProcessMetadata,
        Read,
        rpc!(api::archive_reason::list),
    ),
    ep(
        "assessment.addCompletedToCandidate",
        Candidates,
        Write,
        rpc!(api::assessment::add_completed_to_candidate),
    ),
    ep(
        "assessment.update",
        Candidates,
        Write,
        rpc!(api::assessment::update),
    ),
    ep("brand.list", Organization, Read, rpc!(api::brand::list)),
    ep(
        "candidate.addEmailMessage",
        Candidates,
        Write,
        rpc!(api::candidate::add_email_message),
    ),
    ep(
        "candidate.addProject",
        Candidates,
        Write,
        rpc!(api::candidate::add_project),
    ),
    ep(
        "candidate.addTag",
        Candidates,
        Write,
        rpc!(api::candidate::add_tag),
    ),
    ep(
        "candidate.anonymize",
        Candidates,
        Write,
        rpc!(api::candidate::anonymize),
    ),
    ep(
        "candidate.create",
        Candidates,
        Write,
        rpc!(api::candidate::create),
    ),
    ep(
        "candidate.createNote",
        Candidates,
        Write,
        rpc!(api::candidate::create_note),
    ),
    ep(
        "candidate.info",
        Candidates,
        Read,
        rpc!(api::candidate::info),
    ),
    ep(
        "candidate.list",
        Candidates,
        Read,
        rpc!(api::candidate::list),
    ),
    ep(
        "candidate.listClientInfo",
        Candidates,
        Read,
        rpc!(api::candidate::list_client_info),
    ),
    ep(
        "candidate.listFraudChecks",
        Candidates,
        Read,
        rpc!(api::candidate::list_fraud_checks),
    ),
    ep(
        "candidate.listNotes",
        Candidates,
        Read,
        rpc!(api::candidate::list_notes),
    ),
    ep(
        "candidate.listProjects",
        Candidates,
        Read,
        rpc!(api::candidate::list_projects),
    ),
    ep(
        "candidate.removeProject",
        Candidates,
        Write,
        rpc!(api::candidate::remove_project),
    ),
    ep(
        "candidate.removeTag",
        Candidates,
        Write,
        rpc!(api::candidate::remove_tag),
    ),
    ep(
        "candidate.search",
        Candidates,
        Read,
        rpc!(api::candidate::search),
    ),
    ep(
        "candidate.setFraudStatus",
        Candidates,
        Write,
        rpc!(api::candidate::set_fraud_status),
    ),
    ep(
        "candidate.update",
        Candidates,
        Write,
        rpc!(api::candidate::update),
    ),
    ep(
        "candidate.uploadFile",
        Candidates,
        Write,
        rpc!(api::candidate::upload_file),
    )
    .with_uploads(UploadContext::CandidateFiles),
    ep(
        "candidate.uploadResume",
        Candidates,
        Write,
        rpc!(api::candidate::upload_resume),
    )
    .with_uploads(UploadContext::CandidateResume),
    ep(
        "candidateTag.archive",
        HiringProcessMetadata,
        Write,
        rpc!(api::candidate_tag::archive),
    ),
    ep(
        "candidateTag.create",
        HiringProcessMetadata,
        Write,
        rpc!(api::candidate_tag::create),
    ),
    ep(
        "candidateTag.list",
        HiringProcessMetadata,
        Read,
        rpc!(api::candidate_tag::list),
    ),
    ep(
        "closeReason.list",
        HiringProcessMetadata,
        Read,
        rpc!(api::close_reason::list),
    ),
    ep(
        "communicationTemplate.list",
        HiringProcessMetadata,
        Read,
        rpc!(api::communication_template::list),
    ),
    ep(
        "customField.create",
        HiringProcessMetadata,
        Write,
        rpc!(api::custom_field::create),
    ),
    ep(
        "customField.info",
        HiringProcessMetadata,
        Read,
        rpc!(api::custom_field::info),
    ),
    ep(
        "customField.list",
        HiringProcessMetadata,
        Read,
        rpc!(api::custom_field::list),
    ),
    ep(
        "customField.setValue",
        Candidates,
        Write,
        rpc!(api::custom_field::set_value),
    ),
    ep(
        "customField.setValues",
        Candidates,
        Write,
        rpc!(api::custom_field::set_values),
    ),
    ep(
        "customField.updateSelectableValues",
        HiringProcessMetadata,
        Write,
        rpc!(api::custom_field::update_selectable_values),
    ),
    ep(
        "department.archive",
        Organization,
        Write,
        rpc!(api::department::archive),
    ),
    ep(
        "department.create",
        Organization,
        Write,
        rpc!(api::department::create),
    ),
    ep(
        "department.info",
        Organization,
        Read,
        rpc!(api::department::info),
    ),
    ep(
        "department.list",
        Organization,
        Read,
        rpc!(api::department::list),
    ),
    ep(
        "department.move",
        Organization,
        Write,
        rpc!(api::department::r#move),
    ),
    ep(
        "department.restore",
        Organization,
        Write,
        rpc!(api::department::restore),
    ),
    ep(
        "department.update",
        Organization,
        Write,
        rpc!(api::department::update),
    ),
    ep(
        "feedbackFormDefinition.info",
        HiringProcessMetadata,
        Read,
        rpc!(api::feedback_form_definition::info),
    ),
    ep(
        "feedbackFormDefinition.list",
        HiringProcessMetadata,
        Read,
        rpc!(api::feedback_form_definition::list),
    ),
    ep(
        "file.createFileUploadHandle",
        Candidates,
        Write,
        rpc!(api::file::create_file_upload_handle),
    ),
    ep("file.info", Candidates, Read, rpc!(api::file::info)),
    ep(
        "hiringTeam.addMember",
        Organization,
        Write,
        rpc!(api::hiring_team::add_member),
    ),
    ep(
        "hiringTeam.removeMember",
        Organization,
        Write,
        rpc!(api::hiring_team::remove_member),
    ),
    ep(
        "hiringTeamRole.list",
        Organization,
        Read,
        rpc!(api::hiring_team_role::list),
    ),
    ep("interview.info", Interviews, Read, None),
    ep("interview.list", Interviews, Read, None),
    ep("interviewEvent.list", Interviews, Read, None),
    ep(
        "interviewPlan.list",
        Interviews,
        Read,
        rpc!(api::interview_plan::list),
    ),
    ep("interviewSchedule.cancel", Interviews, Write, None),
    ep("interviewSchedule.create", Interviews, Write, None),
    ep("interviewSchedule.list", Interviews, Read, None),
    ep("interviewSchedule.update", Interviews, Write, None),
    ep(
        "interviewStage.info",
        Interviews,
        Read,
        rpc!(api::interview_stage::info),
    ),
    ep(
        "interviewStage.list",
        Interviews,
        Read,
        rpc!(api::interview_stage::list),
    ),
    ep(
        "interviewStageGroup.list",
        Interviews,
        Read,
        rpc!(api::interview_stage_group::list),
    ),
    ep(
        "interviewerPool.addUser",
        HiringProcessMetadata,
        Write,
        rpc!(api::interviewer_pool::add_user),
    ),
    ep(
        "interviewerPool.archive",
        HiringProcessMetadata,
        Write,
        rpc!(api::interviewer_pool::archive),
    ),
    ep(
        "interviewerPool.create",
        HiringProcessMetadata,
        Write,
        rpc!(api::interviewer_pool::create),
    ),
    ep(
        "interviewerPool.info",
        HiringProcessMetadata,
        Read,
        rpc!(api::interviewer_pool::info),
    ),
    ep(
        "interviewerPool.list",
        HiringProcessMetadata,
        Read,
        rpc!(api::interviewer_pool::list),
    ),
    ep(
        "interviewerPool.removeUser",
        HiringProcessMetadata,
        Write,
        rpc!(api::interviewer_pool::remove_user),
    ),
    ep(
        "interviewerPool.restore",
        HiringProcessMetadata,
        Write,
        rpc!(api::interviewer_pool::restore),
    ),
    ep(
        "interviewerPool.update",
        HiringProcessMetadata,
        Write,
        rpc!(api::interviewer_pool::update),
    ),
    ep("job.create", Jobs, Write, rpc!(api::job::create)),
    ep("job.info", Jobs, Read, rpc!(api::job::info)),
    ep("job.list", Jobs, Read, rpc!(api::job::list)),
    ep("job.search", Jobs, Read, rpc!(api::job::search)),
    ep("job.setStatus", Jobs, Write, rpc!(api::job::set_status)),
    ep("job.update", Jobs, Write, rpc!(api::job::update)),
    ep(
        "job.updateCompensation",
        Jobs,
        Write,
        rpc!(api::job::update_compensation),
    ),
    ep("jobBoard.list", Jobs, Read, rpc!(api::job_board::list)),
    ep(
        "jobInterviewPlan.info",
        Jobs,
        Read,
        rpc!(api::job_interview_plan::info),
    ),
    ep("jobPosting.info", Jobs, Read, rpc!(api::job_posting::info)),
    ep("jobPosting.list", Jobs, Read, rpc!(api::job_posting::list)),
    ep(
        "jobPosting.update",
        Jobs,
        Write,
        rpc!(api::job_posting::update),
    ),
    ep(
        "jobTemplate.list",
        Jobs,
        Read,
        rpc!(api::job_template::list),
    ),
    ep(
        "location.archive",
        Organization,
        Write,
        rpc!(api::location::archive),
    ),
    ep(
        "location.create",
        Organization,
        Write,
        rpc!(api::location::create),
    ),
    ep(
        "location.info",
        Organization,
        Read,
        rpc!(api::location::info),
    ),
    ep(
        "location.list",
        Organization,
        Read,
        rpc!(api::location::list),
    ),
    ep(
        "location.move",
        Organization,
        Write,
        rpc!(api::location::r#move),
    ),
    ep(
        "location.restore",
        Organization,
        Write,
        rpc!(api::location::restore),
    ),
    ep(
        "location.updateAddress",
        Organization,
        Write,
        rpc!(api::location::update_address),
    ),
    ep(
        "location.updateExternalName",
        Organization,
        Write,
        rpc!(api::location::update_external_name),
    ),
    ep(
        "location.updateName",
        Organization,
        Write,
        rpc!(api::location::update_name),
    ),
    ep(
        "location.updateWorkplaceType",
        Organization,
        Write,
        rpc!(api::location::update_workplace_type),
    ),
    ep("notetakerTranscript.info", Notetaker, Read, None),
    ep("offer.approve", Offers, Write, None),
    ep("offer.create", Offers, Write, None),
    ep("offer.info", Offers, Read, None),
    ep("offer.list", Offers, Read, None),
    ep("offer.start", Offers, Write, None),
    ep("offer.startApprovalProcess", Offers, Write, None),
    ep("offer.update", Offers, Write, None),
    ep("offerProcess.start", Offers, Write, None),
    ep("opening.addJob", Jobs, Write, rpc!(api::opening::add_job)),
    ep(
        "opening.addLocation",
        Jobs,
        Write,
        rpc!(api::opening::add_location),
    ),
    ep("opening.create", Jobs, Write, rpc!(api::opening::create)),
    ep("opening.info", Jobs, Read, rpc!(api::opening::info)),
    ep("opening.list", Jobs, Read, rpc!(api::opening::list)),
    ep(
        "opening.removeJob",
        Jobs,
        Write,
        rpc!(api::opening::remove_job),
    ),
    ep(
        "opening.removeLocation",
        Jobs,
        Write,
        rpc!(api::opening::remove_location),
    ),
    ep("opening.search", Jobs, Read, rpc!(api::opening::search)),
    ep(
        "opening.setArchived",
        Jobs,
        Write,
        rpc!(api::opening::set_archived),
    ),
    ep(
        "opening.setOpeningState",
        Jobs,
        Write,
        rpc!(api::opening::set_opening_state),
    ),
    ep("opening.update", Jobs, Write, rpc!(api::opening::update)),
    ep("project.info", Jobs, Read, rpc!(api::project::info)),
    ep("project.list", Candidates, Read, rpc!(api::project::list)),
    ep(
        "project.search",
        Candidates,
        Read,
        rpc!(api::project::search),
    ),
    ep(
        "referral.create",
        Candidates,
        Write,
        rpc!(api::referral::create),
    ),
    ep(
        "referralForm.info",
        HiringProcessMetadata,
        Read,
        rpc!(api::referral_form::info),
    ),
    ep("report.generate", Reports, Read, None),
    ep("report.synchronous", Reports, Read, None),
    ep(
        "source.list",
        HiringProcessMetadata,
        Read,
        rpc!(api::source::list),
    ),
    ep(
        "sourceTrackingLink.list",
        HiringProcessMetadata,
        Read,
        rpc!(api::source_tracking_link::list),
    ),
    ep(
        "surveyFormDefinition.info",
        HiringProcessMetadata,
        Read,
        rpc!(api::survey_form_definition::info),
    ),
    ep(
        "surveyFormDefinition.list",
        HiringProcessMetadata,
        Read,
        rpc!(api::survey_form_definition::list),
    ),
    ep(
        "surveyRequest.create",
        Candidates,
        Write,
        rpc!(api::survey_request::create),
    ),
    ep(
        "surveyRequest.list",
        Candidates,
        Read,
        rpc!(api::survey_request::list),
    ),
    ep(
        "surveySubmission.create",
        Candidates,
        Write,
        rpc!(api::survey_submission::create),
    ),
    ep(
        "surveySubmission.list",
        Candidates,
        Read,
        rpc!(api::survey_submission::list),
    ),
    ep(
        "user.createInterviewerPause",
        Organization,
        Write,
        rpc!(api::user::create_interviewer_pause),
    ),
    ep(
        "user.deleteInterviewerPause",
        Organization,
        Write,
        rpc!(api::user::delete_interviewer_pause),
    ),
    ep("user.info", Organization, Read, rpc!(api::user::info)),
    ep(
        "user.interviewerSettings",
        Organization,
        Read,
        rpc!(api::user::interviewer_settings),
    ),
    ep("user.list", Organization, Read, rpc!(api::user::list)),
    ep(
        "user.listInterviewerPauses",
        Organization,
        Read,
        rpc!(api::user::list_interviewer_pauses),
    ),
    ep("user.search", Organization, Read, rpc!(api::user::search)),
    ep(
        "user.updateInterviewerSettings",
        Organization,
        Write,
        rpc!(api::user::update_interviewer_settings),
    ),
    ep("webhook.create", ApiKeys, Write, None),
    ep("webhook.delete", ApiKeys, Write, None),
    ep("webhook.info", ApiKeys, Read, None),
    ep("webhook.update", ApiKeys, Write, None),
];
