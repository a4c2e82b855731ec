//! What links to candidates without an application: tags, projects, custom field
//! values (which also hang on jobs, openings and, later, applications),
//! assessments reported by partners, and survey requests and submissions.

use super::common::{create_synced, foreign_key, link_table, synced_table};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CustomFieldValue {
    Table,
    CustomFieldId,
    ObjectType,
    ObjectId,
    Value,
}

#[derive(DeriveIden)]
enum CandidateAssessment {
    Table,
    CandidateId,
    PartnerId,
    AssessmentId,
    AssessmentTypeId,
    AssessmentName,
    Result,
    Metadata,
    Status,
    ProfileUrl,
    CancelledReason,
    ReportedAt,
}

#[derive(DeriveIden)]
enum SurveyColumn {
    CandidateId,
    ApplicationId,
    SurveyFormDefinitionId,
    SurveyType,
    SubmittedValues,
    SubmittedAt,
}

/// The columns survey requests and submissions share.
fn survey_table(name: &str) -> TableCreateStatement {
    let mut table = synced_table(Alias::new(name));
    table
        .col(ColumnDef::new(SurveyColumn::CandidateId).uuid().not_null())
        .col(
            ColumnDef::new(SurveyColumn::ApplicationId)
                .uuid()
                .not_null(),
        )
        .col(
            ColumnDef::new(SurveyColumn::SurveyFormDefinitionId)
                .uuid()
                .not_null(),
        )
        .col(ColumnDef::new(SurveyColumn::SurveyType).string().not_null())
        .foreign_key(&mut foreign_key(name, "candidate_id", "candidate"))
        .foreign_key(&mut foreign_key(
            name,
            "survey_form_definition_id",
            "form_definition",
        ));
    table
}

fn index(table: &str, columns: &[&str], unique: bool) -> IndexCreateStatement {
    let mut index = Index::create()
        .name(format!("idx_{table}_{}", columns.join("_")))
        .table(Alias::new(table))
        .to_owned();
    for column in columns {
        index.col(Alias::new(*column));
    }
    if unique {
        index.unique();
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(link_table(
                "candidate_tag_link",
                ("candidate_id", "candidate"),
                ("tag_id", "candidate_tag"),
            ))
            .await?;
        manager
            .create_index(index("candidate_tag_link", &["tag_id"], false))
            .await?;
        manager
            .create_table(link_table(
                "candidate_project",
                ("candidate_id", "candidate"),
                ("project_id", "project"),
            ))
            .await?;
        manager
            .create_index(index("candidate_project", &["project_id"], false))
            .await?;

        // One value per field and object; the object is named by type and id because
        // it lives in one of several tables.
        let mut value = synced_table(CustomFieldValue::Table);
        value
            .col(
                ColumnDef::new(CustomFieldValue::CustomFieldId)
                    .uuid()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CustomFieldValue::ObjectType)
                    .string()
                    .not_null(),
            )
            .col(ColumnDef::new(CustomFieldValue::ObjectId).uuid().not_null())
            .col(ColumnDef::new(CustomFieldValue::Value).json().not_null())
            .foreign_key(&mut foreign_key(
                "custom_field_value",
                "custom_field_id",
                "custom_field",
            ));
        create_synced(manager, "custom_field_value", value).await?;
        manager
            .create_index(index(
                "custom_field_value",
                &["object_id", "custom_field_id"],
                true,
            ))
            .await?;

        // `assessment_id` is the partner's id for the assessment, one row each.
        use CandidateAssessment as A;
        let mut assessment = synced_table(A::Table);
        assessment
            .col(ColumnDef::new(A::CandidateId).uuid().not_null())
            .col(ColumnDef::new(A::PartnerId).uuid().not_null())
            .col(ColumnDef::new(A::AssessmentId).uuid().not_null())
            .col(ColumnDef::new(A::AssessmentTypeId).uuid().not_null())
            .col(ColumnDef::new(A::AssessmentName).string().not_null())
            .col(ColumnDef::new(A::Result).json().null())
            .col(ColumnDef::new(A::Metadata).json().not_null())
            .col(ColumnDef::new(A::Status).json().null())
            .col(ColumnDef::new(A::ProfileUrl).json().null())
            .col(ColumnDef::new(A::CancelledReason).json().null())
            .col(
                ColumnDef::new(A::ReportedAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .foreign_key(&mut foreign_key(
                "candidate_assessment",
                "candidate_id",
                "candidate",
            ));
        create_synced(manager, "candidate_assessment", assessment).await?;
        manager
            .create_index(index("candidate_assessment", &["assessment_id"], true))
            .await?;

        create_synced(manager, "survey_request", survey_table("survey_request")).await?;
        let mut submission = survey_table("survey_submission");
        submission
            .col(
                ColumnDef::new(SurveyColumn::SubmittedValues)
                    .json()
                    .not_null(),
            )
            .col(
                ColumnDef::new(SurveyColumn::SubmittedAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            );
        create_synced(manager, "survey_submission", submission).await
    }
}
