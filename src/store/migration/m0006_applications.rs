//! Applications: a candidate considered for a job, moving through the job's interview
//! plan. Their stage history, feedback, criteria evaluations, referrals and the
//! application forms submitted for them hang off `application`.

use super::common::{create_synced, foreign_key, synced_table};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    CandidateId,
    JobId,
    InterviewPlanId,
    CurrentStageId,
    Status,
    SourceId,
    CreditedToUserId,
    ArchiveReasonId,
    ArchivedAt,
    AppliedViaJobPostingId,
    SubmitterClientIp,
    SubmitterUserAgent,
}

#[derive(DeriveIden)]
enum ApplicationHistory {
    Table,
    ApplicationId,
    StageId,
    Title,
    StageNumber,
    EnteredStageAt,
    LeftStageAt,
    ArchiveReasonId,
    ActorId,
}

#[derive(DeriveIden)]
enum ApplicationFeedback {
    Table,
    ApplicationId,
    FormDefinitionId,
    FormDefinition,
    SubmittedValues,
    SubmittedByUserId,
    SubmittedAt,
    InterviewEventId,
}

#[derive(DeriveIden)]
enum ApplicationCriteriaEvaluation {
    Table,
    ApplicationId,
    Criterion,
    Status,
    Outcome,
    Reasoning,
    SkipReason,
    OutcomeNumber,
    EvaluatedAt,
}

#[derive(DeriveIden)]
enum ApplicationReferral {
    Table,
    ApplicationId,
    UserId,
    ReferredAt,
    SubmittedValues,
}

#[derive(DeriveIden)]
enum ApplicationFormSubmission {
    Table,
    ApplicationId,
    JobPostingId,
    FormDefinition,
    SubmittedValues,
}

fn index(table: &str, name: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index
        .name(format!("idx_{table}_{name}"))
        .table(Alias::new(table));
    for col in cols {
        index.col(Alias::new(*col));
    }
    index.to_owned()
}

fn uuid(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().not_null().to_owned()
}

fn uuid_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().null().to_owned()
}

fn time_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

/// A table hanging off one application, indexed by it.
async fn per_application(
    manager: &SchemaManager<'_>,
    name: &str,
    mut table: TableCreateStatement,
) -> Result<(), DbErr> {
    table.foreign_key(&mut foreign_key(name, "application_id", "application"));
    create_synced(manager, name, table).await?;
    manager
        .create_index(index(name, "application", &["application_id"]))
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut application = synced_table(Application::Table);
        application
            .col(uuid(Application::CandidateId))
            .col(uuid(Application::JobId))
            .col(uuid(Application::InterviewPlanId))
            .col(uuid(Application::CurrentStageId))
            .col(ColumnDef::new(Application::Status).string().not_null())
            .col(uuid_null(Application::SourceId))
            .col(uuid_null(Application::CreditedToUserId))
            .col(uuid_null(Application::ArchiveReasonId))
            .col(time_null(Application::ArchivedAt))
            .col(uuid_null(Application::AppliedViaJobPostingId))
            .col(
                ColumnDef::new(Application::SubmitterClientIp)
                    .string()
                    .null(),
            )
            .col(
                ColumnDef::new(Application::SubmitterUserAgent)
                    .text()
                    .null(),
            )
            .foreign_key(&mut foreign_key("application", "candidate_id", "candidate"))
            .foreign_key(&mut foreign_key("application", "job_id", "job"))
            .foreign_key(&mut foreign_key(
                "application",
                "current_stage_id",
                "interview_stage",
            ));
        create_synced(manager, "application", application).await?;
        for (name, cols) in [
            ("candidate", &["candidate_id"][..]),
            ("job", &["job_id"][..]),
            ("created_at", &["created_at", "id"][..]),
        ] {
            manager
                .create_index(index("application", name, cols))
                .await?;
        }

        let mut history = synced_table(ApplicationHistory::Table);
        history
            .col(uuid(ApplicationHistory::ApplicationId))
            .col(uuid(ApplicationHistory::StageId))
            .col(
                ColumnDef::new(ApplicationHistory::Title)
                    .string()
                    .not_null(),
            )
            .col(
                ColumnDef::new(ApplicationHistory::StageNumber)
                    .integer()
                    .not_null(),
            )
            .col(
                ColumnDef::new(ApplicationHistory::EnteredStageAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(time_null(ApplicationHistory::LeftStageAt))
            .col(uuid_null(ApplicationHistory::ArchiveReasonId))
            .col(uuid_null(ApplicationHistory::ActorId));
        per_application(manager, "application_history", history).await?;

        let mut feedback = synced_table(ApplicationFeedback::Table);
        feedback
            .col(uuid(ApplicationFeedback::ApplicationId))
            .col(uuid(ApplicationFeedback::FormDefinitionId))
            .col(
                ColumnDef::new(ApplicationFeedback::FormDefinition)
                    .json()
                    .not_null(),
            )
            .col(
                ColumnDef::new(ApplicationFeedback::SubmittedValues)
                    .json()
                    .not_null(),
            )
            .col(uuid(ApplicationFeedback::SubmittedByUserId))
            .col(
                ColumnDef::new(ApplicationFeedback::SubmittedAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(uuid_null(ApplicationFeedback::InterviewEventId));
        per_application(manager, "application_feedback", feedback).await?;

        let mut evaluation = synced_table(ApplicationCriteriaEvaluation::Table);
        evaluation
            .col(uuid(ApplicationCriteriaEvaluation::ApplicationId))
            .col(
                ColumnDef::new(ApplicationCriteriaEvaluation::Criterion)
                    .json()
                    .not_null(),
            )
            .col(
                ColumnDef::new(ApplicationCriteriaEvaluation::Status)
                    .string()
                    .not_null(),
            )
            .col(
                ColumnDef::new(ApplicationCriteriaEvaluation::Outcome)
                    .string()
                    .null(),
            )
            .col(
                ColumnDef::new(ApplicationCriteriaEvaluation::Reasoning)
                    .text()
                    .null(),
            )
            .col(
                ColumnDef::new(ApplicationCriteriaEvaluation::SkipReason)
                    .string()
                    .null(),
            )
            .col(
                ColumnDef::new(ApplicationCriteriaEvaluation::OutcomeNumber)
                    .double()
                    .null(),
            )
            .col(time_null(ApplicationCriteriaEvaluation::EvaluatedAt));
        per_application(manager, "application_criteria_evaluation", evaluation).await?;

        let mut referral = synced_table(ApplicationReferral::Table);
        referral
            .col(uuid(ApplicationReferral::ApplicationId))
            .col(uuid(ApplicationReferral::UserId))
            .col(
                ColumnDef::new(ApplicationReferral::ReferredAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(
                ColumnDef::new(ApplicationReferral::SubmittedValues)
                    .json()
                    .not_null(),
            );
        per_application(manager, "application_referral", referral).await?;

        let mut form = synced_table(ApplicationFormSubmission::Table);
        form.col(uuid(ApplicationFormSubmission::ApplicationId))
            .col(uuid(ApplicationFormSubmission::JobPostingId))
            .col(
                ColumnDef::new(ApplicationFormSubmission::FormDefinition)
                    .json()
                    .not_null(),
            )
            .col(
                ColumnDef::new(ApplicationFormSubmission::SubmittedValues)
                    .json()
                    .not_null(),
            );
        per_application(manager, "application_form_submission", form).await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "migrations are additive; restore a backup instead".into(),
        ))
    }
}
