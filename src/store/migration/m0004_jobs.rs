//! Jobs and the hiring pipeline: interview plans with ordered, typed stages, jobs,
//! postings on job boards, job templates, openings, projects, hiring teams and
//! close reasons. Applications (next issue) will point at `job` and
//! `interview_stage`, and take hiring-team rows through `hiring_team_member.application_id`.
//!
//! A fresh organisation gets the defaults Ashby gives every organisation (stage
//! groups, hiring-team roles, close reasons, a default interview plan and an external
//! job board), because no API endpoint creates them.

use super::common::{create_synced, foreign_key, link_table, synced_table};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum InterviewStageGroup {
    Table,
    Title,
    SortOrder,
    StageType,
}

#[derive(DeriveIden)]
enum InterviewPlan {
    Table,
    Title,
    IsArchived,
    IsDraft,
}

#[derive(DeriveIden)]
enum InterviewStage {
    Table,
    InterviewPlanId,
    Title,
    StageType,
    OrderInPlan,
    #[sea_orm(iden = "interview_stage_group_id")]
    GroupId,
}

#[derive(DeriveIden)]
enum CloseReason {
    Table,
    ReasonText,
    IsArchived,
}

#[derive(DeriveIden)]
enum HiringTeamRole {
    Table,
    Title,
}

#[derive(DeriveIden)]
enum JobBoard {
    Table,
    Title,
    Slug,
    IsInternal,
    IsEnabled,
    PublicUrl,
}

#[derive(DeriveIden)]
enum JobTemplate {
    Table,
    Title,
    Status,
    DepartmentId,
    LocationId,
    DefaultInterviewPlanId,
    EmploymentType,
}

#[derive(DeriveIden)]
enum Job {
    Table,
    Title,
    TitleLower,
    Status,
    Confidential,
    EmploymentType,
    DepartmentId,
    LocationId,
    DefaultInterviewPlanId,
    #[sea_orm(iden = "job_template_id")]
    TemplateId,
    CustomRequisitionId,
    BrandId,
    AuthorId,
    CompensationTiers,
    OpenedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum JobPosting {
    Table,
    JobId,
    JobBoardId,
    Title,
    DescriptionHtml,
    DescriptionPlain,
    DescriptionSocial,
    IsListed,
    IsPublished,
    PublishedAt,
    WorkplaceType,
    SuppressDescriptionOpening,
    SuppressDescriptionClosing,
    ShouldDisplayCompensation,
    ApplicationDeadline,
}

#[derive(DeriveIden)]
enum Opening {
    Table,
    Identifier,
    IdentifierLower,
    Description,
    DepartmentId,
    TargetHireDate,
    TargetStartDate,
    IsBackfill,
    EmploymentType,
    #[sea_orm(iden = "opening_state")]
    State,
    IsArchived,
    ArchivedAt,
    OpenedAt,
    ClosedAt,
    CloseReasonId,
    AuthorId,
    VersionId,
    VersionCreatedAt,
}

#[derive(DeriveIden)]
enum Project {
    Table,
    Title,
    Description,
    IsArchived,
    Confidential,
    AuthorId,
}

#[derive(DeriveIden)]
enum HiringTeamMember {
    Table,
    Id,
    CreatedAt,
    UserId,
    RoleId,
    JobId,
    OpeningId,
    ApplicationId,
}

fn uuid_ref(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().null().to_owned()
}

fn flag(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).boolean().not_null().to_owned()
}

fn text(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).string().not_null().to_owned()
}

fn moment(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

/// A two-column link table `table(left, right)`, keyed by both, each column a
/// foreign key to `<target>.id`.
fn index(table: &str, columns: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create()
        .name(format!("idx_{table}_{}", columns.join("_")))
        .table(Alias::new(table))
        .to_owned();
    for column in columns {
        index.col(Alias::new(*column));
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut group = synced_table(InterviewStageGroup::Table);
        group
            .col(text(InterviewStageGroup::Title))
            .col(
                ColumnDef::new(InterviewStageGroup::SortOrder)
                    .integer()
                    .not_null(),
            )
            .col(text(InterviewStageGroup::StageType));
        create_synced(manager, "interview_stage_group", group).await?;

        let mut plan = synced_table(InterviewPlan::Table);
        plan.col(text(InterviewPlan::Title))
            .col(flag(InterviewPlan::IsArchived))
            .col(flag(InterviewPlan::IsDraft));
        create_synced(manager, "interview_plan", plan).await?;

        let mut stage = synced_table(InterviewStage::Table);
        stage
            .col(
                ColumnDef::new(InterviewStage::InterviewPlanId)
                    .uuid()
                    .not_null(),
            )
            .col(text(InterviewStage::Title))
            .col(text(InterviewStage::StageType))
            .col(
                ColumnDef::new(InterviewStage::OrderInPlan)
                    .integer()
                    .not_null(),
            )
            .col(uuid_ref(InterviewStage::GroupId))
            .foreign_key(&mut foreign_key(
                "interview_stage",
                "interview_plan_id",
                "interview_plan",
            ))
            .foreign_key(&mut foreign_key(
                "interview_stage",
                "interview_stage_group_id",
                "interview_stage_group",
            ));
        create_synced(manager, "interview_stage", stage).await?;
        manager
            .create_index(index(
                "interview_stage",
                &["interview_plan_id", "order_in_plan"],
            ))
            .await?;

        let mut close_reason = synced_table(CloseReason::Table);
        close_reason
            .col(text(CloseReason::ReasonText))
            .col(flag(CloseReason::IsArchived));
        create_synced(manager, "close_reason", close_reason).await?;

        let mut role = synced_table(HiringTeamRole::Table);
        role.col(text(HiringTeamRole::Title));
        create_synced(manager, "hiring_team_role", role).await?;

        let mut board = synced_table(JobBoard::Table);
        board
            .col(text(JobBoard::Title))
            .col(
                ColumnDef::new(JobBoard::Slug)
                    .string()
                    .not_null()
                    .unique_key(),
            )
            .col(flag(JobBoard::IsInternal))
            .col(flag(JobBoard::IsEnabled))
            .col(ColumnDef::new(JobBoard::PublicUrl).string().null());
        create_synced(manager, "job_board", board).await?;

        let mut template = synced_table(JobTemplate::Table);
        template
            .col(text(JobTemplate::Title))
            .col(text(JobTemplate::Status))
            .col(uuid_ref(JobTemplate::DepartmentId))
            .col(uuid_ref(JobTemplate::LocationId))
            .col(uuid_ref(JobTemplate::DefaultInterviewPlanId))
            .col(text(JobTemplate::EmploymentType))
            .foreign_key(&mut foreign_key(
                "job_template",
                "department_id",
                "department",
            ))
            .foreign_key(&mut foreign_key("job_template", "location_id", "location"))
            .foreign_key(&mut foreign_key(
                "job_template",
                "default_interview_plan_id",
                "interview_plan",
            ));
        create_synced(manager, "job_template", template).await?;

        let mut job = synced_table(Job::Table);
        job.col(text(Job::Title))
            .col(text(Job::TitleLower))
            .col(text(Job::Status))
            .col(flag(Job::Confidential))
            .col(text(Job::EmploymentType))
            .col(ColumnDef::new(Job::DepartmentId).uuid().not_null())
            .col(ColumnDef::new(Job::LocationId).uuid().not_null())
            .col(uuid_ref(Job::DefaultInterviewPlanId))
            .col(uuid_ref(Job::TemplateId))
            .col(ColumnDef::new(Job::CustomRequisitionId).string().null())
            // The brand table comes with the organisation's brands; checked in code.
            .col(uuid_ref(Job::BrandId))
            .col(uuid_ref(Job::AuthorId))
            .col(ColumnDef::new(Job::CompensationTiers).json().not_null())
            .col(moment(Job::OpenedAt))
            .col(moment(Job::ClosedAt))
            .foreign_key(&mut foreign_key("job", "department_id", "department"))
            .foreign_key(&mut foreign_key("job", "location_id", "location"))
            .foreign_key(&mut foreign_key(
                "job",
                "default_interview_plan_id",
                "interview_plan",
            ))
            .foreign_key(&mut foreign_key("job", "job_template_id", "job_template"))
            .foreign_key(&mut foreign_key("job", "author_id", "org_user"));
        create_synced(manager, "job", job).await?;
        manager.create_index(index("job", &["title_lower"])).await?;
        manager
            .create_index(index("job", &["custom_requisition_id"]))
            .await?;

        manager
            .create_table(link_table(
                "job_location",
                ("job_id", "job"),
                ("location_id", "location"),
            ))
            .await?;
        manager
            .create_table(link_table(
                "job_interview_plan",
                ("job_id", "job"),
                ("interview_plan_id", "interview_plan"),
            ))
            .await?;

        let mut posting = synced_table(JobPosting::Table);
        posting
            .col(ColumnDef::new(JobPosting::JobId).uuid().not_null())
            .col(ColumnDef::new(JobPosting::JobBoardId).uuid().not_null())
            .col(text(JobPosting::Title))
            .col(
                ColumnDef::new(JobPosting::DescriptionHtml)
                    .text()
                    .not_null(),
            )
            .col(
                ColumnDef::new(JobPosting::DescriptionPlain)
                    .text()
                    .not_null(),
            )
            .col(
                ColumnDef::new(JobPosting::DescriptionSocial)
                    .string()
                    .null(),
            )
            .col(flag(JobPosting::IsListed))
            .col(flag(JobPosting::IsPublished))
            .col(moment(JobPosting::PublishedAt))
            .col(ColumnDef::new(JobPosting::WorkplaceType).string().null())
            .col(flag(JobPosting::SuppressDescriptionOpening))
            .col(flag(JobPosting::SuppressDescriptionClosing))
            .col(flag(JobPosting::ShouldDisplayCompensation))
            .col(moment(JobPosting::ApplicationDeadline))
            .foreign_key(&mut foreign_key("job_posting", "job_id", "job"))
            .foreign_key(&mut foreign_key("job_posting", "job_board_id", "job_board"));
        create_synced(manager, "job_posting", posting).await?;
        manager
            .create_index(index("job_posting", &["job_id"]))
            .await?;
        manager
            .create_index(index("job_posting", &["job_board_id"]))
            .await?;

        let mut opening = synced_table(Opening::Table);
        opening
            .col(text(Opening::Identifier))
            .col(text(Opening::IdentifierLower))
            .col(ColumnDef::new(Opening::Description).text().not_null())
            .col(uuid_ref(Opening::DepartmentId))
            .col(ColumnDef::new(Opening::TargetHireDate).string().null())
            .col(ColumnDef::new(Opening::TargetStartDate).string().null())
            .col(flag(Opening::IsBackfill))
            .col(text(Opening::EmploymentType))
            .col(text(Opening::State))
            .col(flag(Opening::IsArchived))
            .col(moment(Opening::ArchivedAt))
            .col(moment(Opening::OpenedAt))
            .col(moment(Opening::ClosedAt))
            .col(uuid_ref(Opening::CloseReasonId))
            .col(uuid_ref(Opening::AuthorId))
            .col(ColumnDef::new(Opening::VersionId).uuid().not_null())
            .col(
                ColumnDef::new(Opening::VersionCreatedAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .foreign_key(&mut foreign_key("opening", "department_id", "department"))
            .foreign_key(&mut foreign_key(
                "opening",
                "close_reason_id",
                "close_reason",
            ))
            .foreign_key(&mut foreign_key("opening", "author_id", "org_user"));
        create_synced(manager, "opening", opening).await?;
        manager
            .create_index(index("opening", &["identifier_lower"]))
            .await?;

        manager
            .create_table(link_table(
                "opening_job",
                ("opening_id", "opening"),
                ("job_id", "job"),
            ))
            .await?;
        manager
            .create_index(index("opening_job", &["job_id"]))
            .await?;
        manager
            .create_table(link_table(
                "opening_location",
                ("opening_id", "opening"),
                ("location_id", "location"),
            ))
            .await?;

        let mut project = synced_table(Project::Table);
        project
            .col(text(Project::Title))
            .col(ColumnDef::new(Project::Description).text().null())
            .col(flag(Project::IsArchived))
            .col(flag(Project::Confidential))
            .col(uuid_ref(Project::AuthorId))
            .foreign_key(&mut foreign_key("project", "author_id", "org_user"));
        create_synced(manager, "project", project).await?;

        manager
            .create_table(
                Table::create()
                    .table(HiringTeamMember::Table)
                    .col(
                        ColumnDef::new(HiringTeamMember::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(HiringTeamMember::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(HiringTeamMember::UserId).uuid().not_null())
                    .col(ColumnDef::new(HiringTeamMember::RoleId).uuid().not_null())
                    .col(uuid_ref(HiringTeamMember::JobId))
                    .col(uuid_ref(HiringTeamMember::OpeningId))
                    // The application table arrives with candidates; checked in code,
                    // since SQLite cannot add a foreign key to an existing table.
                    .col(uuid_ref(HiringTeamMember::ApplicationId))
                    .foreign_key(&mut foreign_key(
                        "hiring_team_member",
                        "user_id",
                        "org_user",
                    ))
                    .foreign_key(&mut foreign_key(
                        "hiring_team_member",
                        "role_id",
                        "hiring_team_role",
                    ))
                    .foreign_key(&mut foreign_key("hiring_team_member", "job_id", "job"))
                    .foreign_key(&mut foreign_key(
                        "hiring_team_member",
                        "opening_id",
                        "opening",
                    ))
                    .to_owned(),
            )
            .await?;
        for column in ["job_id", "opening_id", "application_id"] {
            manager
                .create_index(index("hiring_team_member", &[column]))
                .await?;
        }
        seed_defaults(manager).await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "migrations are additive; restore a backup instead".into(),
        ))
    }
}

const STAGE_TYPES: [(&str, &str); 6] = [
    ("Lead", "Lead"),
    ("Application Review", "PreInterviewScreen"),
    ("Active", "Active"),
    ("Offer", "Offer"),
    ("Hired", "Hired"),
    ("Archived", "Archived"),
];

/// Stages of the default plan: title and the index of its group in `STAGE_TYPES`.
const DEFAULT_STAGES: [(&str, usize); 8] = [
    ("New Lead", 0),
    ("Application Review", 1),
    ("Phone Screen", 2),
    ("Onsite", 2),
    ("Reference Check", 2),
    ("Offer", 3),
    ("Hired", 4),
    ("Archived", 5),
];

const ROLES: [&str; 4] = ["Hiring Manager", "Recruiter", "Coordinator", "Sourcer"];

const CLOSE_REASONS: [&str; 4] = [
    "Hired",
    "Position no longer needed",
    "Budget withdrawn",
    "Filled internally",
];

/// Inserts the organisation defaults under one change number, taken like any write.
async fn seed_defaults(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let change: i64 = db
        .query_one(Statement::from_string(
            db.get_database_backend(),
            "UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value",
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("change_counter".into()))?
        .try_get_by_index(0)?;
    let now = chrono::Utc::now();
    let insert = |table: &str, columns: &[&str], values: Vec<SimpleExpr>| {
        let id = uuid::Uuid::now_v7();
        let mut all = vec!["id", "created_at", "updated_at", "change_seq"];
        all.extend_from_slice(columns);
        let mut row: Vec<SimpleExpr> = vec![id.into(), now.into(), now.into(), change.into()];
        row.extend(values);
        (
            id,
            Query::insert()
                .into_table(Alias::new(table))
                .columns(all.into_iter().map(Alias::new))
                .values_panic(row)
                .to_owned(),
        )
    };
    let mut groups = Vec::new();
    for (order, (title, kind)) in STAGE_TYPES.iter().enumerate() {
        let (id, stmt) = insert(
            "interview_stage_group",
            &["title", "sort_order", "stage_type"],
            vec![(*title).into(), (order as i32).into(), (*kind).into()],
        );
        manager.exec_stmt(stmt).await?;
        groups.push(id);
    }
    let (plan, stmt) = insert(
        "interview_plan",
        &["title", "is_archived", "is_draft"],
        vec!["Default Interview Plan".into(), false.into(), false.into()],
    );
    manager.exec_stmt(stmt).await?;
    for (position, (title, group)) in DEFAULT_STAGES.iter().enumerate() {
        let (_, stmt) = insert(
            "interview_stage",
            &[
                "interview_plan_id",
                "title",
                "stage_type",
                "order_in_plan",
                "interview_stage_group_id",
            ],
            vec![
                plan.into(),
                (*title).into(),
                STAGE_TYPES[*group].1.into(),
                (position as i32).into(),
                groups[*group].into(),
            ],
        );
        manager.exec_stmt(stmt).await?;
    }
    for title in ROLES {
        let (_, stmt) = insert("hiring_team_role", &["title"], vec![title.into()]);
        manager.exec_stmt(stmt).await?;
    }
    for reason in CLOSE_REASONS {
        let (_, stmt) = insert(
            "close_reason",
            &["reason_text", "is_archived"],
            vec![reason.into(), false.into()],
        );
        manager.exec_stmt(stmt).await?;
    }
    let (_, stmt) = insert(
        "job_board",
        &["title", "slug", "is_internal", "is_enabled", "public_url"],
        vec![
            "Careers".into(),
            "careers".into(),
            false.into(),
            true.into(),
            Option::<String>::None.into(),
        ],
    );
    manager.exec_stmt(stmt).await
}
