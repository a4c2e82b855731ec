//! Hiring process metadata (tags, sources, archive reasons, custom fields, forms,
//! interviewer pools, brands, templates, tracking links), interviewer settings and
//! pauses on users, and the defaults every new organisation ships with.

use super::common::{create_synced, foreign_key, synced_table, Synced};
use chrono::Utc;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum User {
    #[sea_orm(iden = "org_user")]
    Table,
    InterviewerDailyLimit,
    InterviewerWeeklyLimit,
}

#[derive(DeriveIden)]
enum InterviewerPause {
    Table,
    Id,
    UserId,
    StartsAt,
    EndsAt,
    Comment,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Brand {
    Table,
    Name,
    HostedJobsPageSlug,
}

#[derive(DeriveIden)]
enum ArchiveReason {
    Table,
    Id,
    Text,
    ReasonType,
    IsArchived,
}

#[derive(DeriveIden)]
enum SourceType {
    Table,
    Id,
    Title,
    IsArchived,
}

#[derive(DeriveIden)]
enum Source {
    Table,
    Id,
    Title,
    IsArchived,
    #[sea_orm(iden = "source_type_id")]
    TypeId,
}

#[derive(DeriveIden)]
enum CandidateTag {
    Table,
    Title,
    TitleLower,
    IsArchived,
}

#[derive(DeriveIden)]
enum CommunicationTemplate {
    Table,
    Title,
    IntendedTypes,
    IsEnabled,
}

#[derive(DeriveIden)]
enum CustomField {
    Table,
    Title,
    Description,
    ObjectType,
    FieldType,
    IsPrivate,
    IsRequired,
    IsArchived,
    IsDateOnly,
    IsExposableToCandidate,
    SelectableValues,
}

#[derive(DeriveIden)]
enum FormDefinition {
    Table,
    Id,
    Kind,
    Title,
    IsArchived,
    IsDefaultForm,
    Definition,
    SurveyType,
    InterviewId,
}

#[derive(DeriveIden)]
enum InterviewerPool {
    Table,
    Title,
    IsArchived,
    TrainingPathId,
}

#[derive(DeriveIden)]
enum InterviewerPoolMember {
    Table,
    PoolId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SourceTrackingLink {
    Table,
    Code,
    Enabled,
    SourceId,
    Link,
}

#[derive(DeriveIden)]
enum ChangeCounter {
    Table,
    Id,
    Value,
}

#[derive(DeriveIden)]
enum ServerSetting {
    Table,
    Name,
    Value,
}

fn string(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).string().not_null().to_owned()
}

fn flag(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).boolean().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_interviewer_settings(manager).await?;
        create_tables(manager).await?;
        seed_defaults(manager).await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "migrations are additive; restore a backup instead".into(),
        ))
    }
}

/// One column per statement: SQLite adds columns one at a time.
async fn add_interviewer_settings(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    for column in [User::InterviewerDailyLimit, User::InterviewerWeeklyLimit] {
        manager
            .alter_table(
                Table::alter()
                    .table(User::Table)
                    .add_column(ColumnDef::new(column).integer().null())
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

async fn create_tables(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(InterviewerPause::Table)
                .col(
                    ColumnDef::new(InterviewerPause::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(InterviewerPause::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(InterviewerPause::StartsAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(InterviewerPause::EndsAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(ColumnDef::new(InterviewerPause::Comment).text().null())
                .col(
                    ColumnDef::new(InterviewerPause::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(&mut foreign_key("interviewer_pause", "user_id", "org_user"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_interviewer_pause_user")
                .table(InterviewerPause::Table)
                .col(InterviewerPause::UserId)
                .to_owned(),
        )
        .await?;

    let mut brand = synced_table(Brand::Table);
    brand
        .col(string(Brand::Name))
        .col(string(Brand::HostedJobsPageSlug));
    create_synced(manager, "brand", brand).await?;

    let mut reason = synced_table(ArchiveReason::Table);
    reason
        .col(string(ArchiveReason::Text))
        .col(string(ArchiveReason::ReasonType))
        .col(flag(ArchiveReason::IsArchived));
    create_synced(manager, "archive_reason", reason).await?;

    let mut source_type = synced_table(SourceType::Table);
    source_type
        .col(string(SourceType::Title))
        .col(flag(SourceType::IsArchived));
    create_synced(manager, "source_type", source_type).await?;

    let mut source = synced_table(Source::Table);
    source
        .col(string(Source::Title))
        .col(flag(Source::IsArchived))
        .col(ColumnDef::new(Source::TypeId).uuid().null())
        .foreign_key(&mut foreign_key("source", "source_type_id", "source_type"));
    create_synced(manager, "source", source).await?;

    let mut tag = synced_table(CandidateTag::Table);
    tag.col(string(CandidateTag::Title))
        .col(string(CandidateTag::TitleLower).unique_key())
        .col(flag(CandidateTag::IsArchived));
    create_synced(manager, "candidate_tag", tag).await?;

    let mut template = synced_table(CommunicationTemplate::Table);
    template
        .col(string(CommunicationTemplate::Title))
        .col(
            ColumnDef::new(CommunicationTemplate::IntendedTypes)
                .json()
                .not_null(),
        )
        .col(flag(CommunicationTemplate::IsEnabled));
    create_synced(manager, "communication_template", template).await?;

    let mut field = synced_table(CustomField::Table);
    field
        .col(string(CustomField::Title))
        .col(ColumnDef::new(CustomField::Description).text().null())
        .col(string(CustomField::ObjectType))
        .col(string(CustomField::FieldType))
        .col(flag(CustomField::IsPrivate))
        .col(flag(CustomField::IsRequired))
        .col(flag(CustomField::IsArchived))
        .col(flag(CustomField::IsDateOnly))
        .col(flag(CustomField::IsExposableToCandidate))
        .col(ColumnDef::new(CustomField::SelectableValues).json().null());
    create_synced(manager, "custom_field", field).await?;

    let mut form = synced_table(FormDefinition::Table);
    form.col(string(FormDefinition::Kind))
        .col(string(FormDefinition::Title))
        .col(flag(FormDefinition::IsArchived))
        .col(flag(FormDefinition::IsDefaultForm))
        .col(ColumnDef::new(FormDefinition::Definition).json().not_null())
        .col(ColumnDef::new(FormDefinition::SurveyType).string().null())
        .col(ColumnDef::new(FormDefinition::InterviewId).uuid().null());
    create_synced(manager, "form_definition", form).await?;

    let mut pool = synced_table(InterviewerPool::Table);
    pool.col(string(InterviewerPool::Title))
        .col(flag(InterviewerPool::IsArchived))
        .col(
            ColumnDef::new(InterviewerPool::TrainingPathId)
                .uuid()
                .null(),
        );
    create_synced(manager, "interviewer_pool", pool).await?;

    manager
        .create_table(
            Table::create()
                .table(InterviewerPoolMember::Table)
                .col(
                    ColumnDef::new(InterviewerPoolMember::PoolId)
                        .uuid()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(InterviewerPoolMember::UserId)
                        .uuid()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(InterviewerPoolMember::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(InterviewerPoolMember::PoolId)
                        .col(InterviewerPoolMember::UserId),
                )
                .foreign_key(&mut foreign_key(
                    "interviewer_pool_member",
                    "pool_id",
                    "interviewer_pool",
                ))
                .foreign_key(&mut foreign_key(
                    "interviewer_pool_member",
                    "user_id",
                    "org_user",
                ))
                .to_owned(),
        )
        .await?;

    let mut link = synced_table(SourceTrackingLink::Table);
    link.col(string(SourceTrackingLink::Code).unique_key())
        .col(flag(SourceTrackingLink::Enabled))
        .col(
            ColumnDef::new(SourceTrackingLink::SourceId)
                .uuid()
                .not_null(),
        )
        .col(string(SourceTrackingLink::Link))
        .foreign_key(&mut foreign_key(
            "source_tracking_link",
            "source_id",
            "source",
        ));
    create_synced(manager, "source_tracking_link", link).await
}

/// Archive reasons an organisation starts with, as Ashby ships them.
const ARCHIVE_REASONS: [(&str, &str); 8] = [
    ("Lacks Skills/Qualifications", "RejectedByOrg"),
    ("Not a Culture Fit", "RejectedByOrg"),
    ("Position Filled", "RejectedByOrg"),
    ("Unresponsive", "RejectedByOrg"),
    ("Accepted Another Offer", "RejectedByCandidate"),
    ("Compensation Expectations", "RejectedByCandidate"),
    ("Withdrew", "RejectedByCandidate"),
    ("Other", "Other"),
];

/// Source types and the sources under them that every organisation starts with.
const SOURCES: [(&str, &[&str]); 4] = [
    ("Inbound", &["Applied", "Job Board", "Company Website"]),
    ("Outbound", &["LinkedIn Sourcing", "Sourced"]),
    ("Referral", &["Employee Referral"]),
    ("Agency", &["Recruiting Agency"]),
];

/// The columns of a synced row: `cols`, then the times and the change number.
fn with_synced(mut cols: Vec<DynIden>) -> Vec<DynIden> {
    cols.extend([
        Synced::CreatedAt.into_iden(),
        Synced::UpdatedAt.into_iden(),
        Synced::ChangeSeq.into_iden(),
    ]);
    cols
}

/// Seeds the defaults (archive reasons, sources, the referral form, the
/// organisation's id) under one new change number, so a first sync returns them.
async fn seed_defaults(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    db.execute(
        backend.build(
            Query::update()
                .table(ChangeCounter::Table)
                .value(ChangeCounter::Value, Expr::col(ChangeCounter::Value).add(1))
                .and_where(Expr::col(ChangeCounter::Id).eq(1)),
        ),
    )
    .await?;
    let change: i64 = db
        .query_one(
            backend.build(
                Query::select()
                    .column(ChangeCounter::Value)
                    .from(ChangeCounter::Table)
                    .and_where(Expr::col(ChangeCounter::Id).eq(1)),
            ),
        )
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("change_counter".into()))?
        .try_get_by_index(0)?;
    let now = Utc::now();
    let stamp = || -> [SimpleExpr; 3] { [now.into(), now.into(), change.into()] };

    let mut reasons = Query::insert()
        .into_table(ArchiveReason::Table)
        .columns(with_synced(vec![
            ArchiveReason::Id.into_iden(),
            ArchiveReason::Text.into_iden(),
            ArchiveReason::ReasonType.into_iden(),
            ArchiveReason::IsArchived.into_iden(),
        ]))
        .to_owned();
    for (text, kind) in ARCHIVE_REASONS {
        let mut row: Vec<SimpleExpr> = vec![
            Uuid::now_v7().into(),
            text.into(),
            kind.into(),
            false.into(),
        ];
        row.extend(stamp());
        reasons.values_panic(row);
    }
    manager.exec_stmt(reasons).await?;

    for (type_title, titles) in SOURCES {
        let type_id = Uuid::now_v7();
        let mut row: Vec<SimpleExpr> = vec![type_id.into(), type_title.into(), false.into()];
        row.extend(stamp());
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(SourceType::Table)
                    .columns(with_synced(vec![
                        SourceType::Id.into_iden(),
                        SourceType::Title.into_iden(),
                        SourceType::IsArchived.into_iden(),
                    ]))
                    .values_panic(row)
                    .to_owned(),
            )
            .await?;
        let mut sources = Query::insert()
            .into_table(Source::Table)
            .columns(with_synced(vec![
                Source::Id.into_iden(),
                Source::Title.into_iden(),
                Source::IsArchived.into_iden(),
                Source::TypeId.into_iden(),
            ]))
            .to_owned();
        for title in titles {
            let mut row: Vec<SimpleExpr> = vec![
                Uuid::now_v7().into(),
                (*title).into(),
                false.into(),
                type_id.into(),
            ];
            row.extend(stamp());
            sources.values_panic(row);
        }
        manager.exec_stmt(sources).await?;
    }

    let mut row: Vec<SimpleExpr> = vec![
        Uuid::now_v7().into(),
        "referral".into(),
        "Referral Form".into(),
        false.into(),
        true.into(),
        default_referral_form().into(),
    ];
    row.extend(stamp());
    manager
        .exec_stmt(
            Query::insert()
                .into_table(FormDefinition::Table)
                .columns(with_synced(vec![
                    FormDefinition::Id.into_iden(),
                    FormDefinition::Kind.into_iden(),
                    FormDefinition::Title.into_iden(),
                    FormDefinition::IsArchived.into_iden(),
                    FormDefinition::IsDefaultForm.into_iden(),
                    FormDefinition::Definition.into_iden(),
                ]))
                .values_panic(row)
                .to_owned(),
        )
        .await?;

    manager
        .exec_stmt(
            Query::insert()
                .into_table(ServerSetting::Table)
                .columns([ServerSetting::Name, ServerSetting::Value])
                .values_panic(["organization_id".into(), Uuid::new_v4().to_string().into()])
                .to_owned(),
        )
        .await
}

/// The referral form's questions: who is referred, and why.
fn default_referral_form() -> serde_json::Value {
    let field = |path: &str, title: &str, kind: &str, required: bool| {
        json!({
            "isRequired": required,
            "field": {
                "id": Uuid::now_v7(),
                "type": kind,
                "path": path,
                "humanReadablePath": title,
                "title": title,
                "isNullable": !required,
            }
        })
    };
    json!({"sections": [{
        "title": "Referral",
        "fields": [
            field("_systemfield_name", "Name", "String", true),
            field("_systemfield_email", "Email", "Email", true),
            field("_systemfield_linkedin", "LinkedIn", "Url", false),
            field("referral_relationship", "How do you know them?", "LongText", false),
        ]
    }]})
}
