//! Candidates and what hangs on them without a job: contacts, notes, email messages,
//! client info, fraud checks, and stored files. Tags, projects and applications link to
//! candidates through their own tables, added with those features.

use super::common::{create_synced, foreign_key, synced_table};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Candidate {
    Table,
    Name,
    NameLower,
    SocialLinks,
    Position,
    Company,
    School,
    Timezone,
    Location,
    SourceId,
    CreditedToUserId,
    FraudStatus,
    ExternalMappingId,
    ResumeFileId,
    AnonymizedAt,
}

#[derive(DeriveIden)]
enum CandidateContact {
    Table,
    Id,
    CandidateId,
    Kind,
    Value,
    ValueLower,
    ContactType,
    IsPrimary,
    Position,
}

#[derive(DeriveIden)]
enum CandidateNote {
    Table,
    CandidateId,
    Content,
    IsPrivate,
    AuthorId,
    AuthorFirstName,
    AuthorLastName,
    AuthorEmail,
}

#[derive(DeriveIden)]
enum CandidateEmailMessage {
    Table,
    CandidateId,
    ApiKeyId,
    EmailProviderEmailId,
    Subject,
    FromAddress,
    ToAddress,
    Body,
    SentAt,
    Cc,
    MessageUrl,
    MessageIdHeader,
    ThreadId,
    IsPrivate,
    UserId,
    UserIsSender,
}

#[derive(DeriveIden)]
enum CandidateClientInfo {
    Table,
    CandidateId,
    IpAddress,
    UserAgent,
    RelatedEntityType,
    RelatedEntityId,
}

#[derive(DeriveIden)]
enum CandidateFraudCheck {
    Table,
    CandidateId,
    ApplicationId,
    FraudSignals,
}

#[derive(DeriveIden)]
enum StoredFile {
    Table,
    CandidateId,
    Name,
    ContentType,
    SizeBytes,
    Context,
    UploadedAt,
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut candidate = synced_table(Candidate::Table);
        candidate
            .col(ColumnDef::new(Candidate::Name).string().not_null())
            .col(ColumnDef::new(Candidate::NameLower).string().not_null())
            .col(ColumnDef::new(Candidate::SocialLinks).json().not_null())
            .col(ColumnDef::new(Candidate::Position).string().null())
            .col(ColumnDef::new(Candidate::Company).string().null())
            .col(ColumnDef::new(Candidate::School).string().null())
            .col(ColumnDef::new(Candidate::Timezone).string().null())
            .col(ColumnDef::new(Candidate::Location).json().null())
            .col(ColumnDef::new(Candidate::SourceId).uuid().null())
            .col(ColumnDef::new(Candidate::CreditedToUserId).uuid().null())
            .col(ColumnDef::new(Candidate::FraudStatus).string().null())
            .col(ColumnDef::new(Candidate::ExternalMappingId).string().null())
            .col(ColumnDef::new(Candidate::ResumeFileId).uuid().null())
            .col(
                ColumnDef::new(Candidate::AnonymizedAt)
                    .timestamp_with_time_zone()
                    .null(),
            )
            .foreign_key(&mut foreign_key(
                "candidate",
                "credited_to_user_id",
                "org_user",
            ));
        create_synced(manager, "candidate", candidate).await?;
        manager
            .create_index(index("candidate", "name_lower", &["name_lower"]))
            .await?;
        manager
            .create_index(index("candidate", "created_at", &["created_at", "id"]))
            .await?;
        manager
            .create_index(index(
                "candidate",
                "external_mapping_id",
                &["external_mapping_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CandidateContact::Table)
                    .col(
                        ColumnDef::new(CandidateContact::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CandidateContact::CandidateId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CandidateContact::Kind).string().not_null())
                    .col(ColumnDef::new(CandidateContact::Value).string().not_null())
                    .col(
                        ColumnDef::new(CandidateContact::ValueLower)
                            .string()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CandidateContact::ContactType)
                            .string()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CandidateContact::IsPrimary)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CandidateContact::Position)
                            .integer()
                            .not_null(),
                    )
                    .foreign_key(&mut foreign_key(
                        "candidate_contact",
                        "candidate_id",
                        "candidate",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("candidate_contact", "candidate", &["candidate_id"]))
            .await?;
        manager
            .create_index(index(
                "candidate_contact",
                "lookup",
                &["kind", "value_lower"],
            ))
            .await?;

        let mut note = synced_table(CandidateNote::Table);
        note.col(ColumnDef::new(CandidateNote::CandidateId).uuid().not_null())
            .col(ColumnDef::new(CandidateNote::Content).text().not_null())
            .col(
                ColumnDef::new(CandidateNote::IsPrivate)
                    .boolean()
                    .not_null(),
            )
            .col(ColumnDef::new(CandidateNote::AuthorId).uuid().not_null())
            .col(
                ColumnDef::new(CandidateNote::AuthorFirstName)
                    .string()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CandidateNote::AuthorLastName)
                    .string()
                    .not_null(),
            )
            .col(ColumnDef::new(CandidateNote::AuthorEmail).string().null())
            .foreign_key(&mut foreign_key(
                "candidate_note",
                "candidate_id",
                "candidate",
            ));
        create_synced(manager, "candidate_note", note).await?;
        manager
            .create_index(index("candidate_note", "candidate", &["candidate_id"]))
            .await?;

        let mut email = synced_table(CandidateEmailMessage::Table);
        email
            .col(
                ColumnDef::new(CandidateEmailMessage::CandidateId)
                    .uuid()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CandidateEmailMessage::ApiKeyId)
                    .uuid()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CandidateEmailMessage::EmailProviderEmailId)
                    .string()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CandidateEmailMessage::Subject)
                    .text()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CandidateEmailMessage::FromAddress)
                    .string()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CandidateEmailMessage::ToAddress)
                    .text()
                    .not_null(),
            )
            .col(ColumnDef::new(CandidateEmailMessage::Body).text().null())
            .col(
                ColumnDef::new(CandidateEmailMessage::SentAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(ColumnDef::new(CandidateEmailMessage::Cc).text().null())
            .col(
                ColumnDef::new(CandidateEmailMessage::MessageUrl)
                    .text()
                    .null(),
            )
            .col(
                ColumnDef::new(CandidateEmailMessage::MessageIdHeader)
                    .string()
                    .null(),
            )
            .col(
                ColumnDef::new(CandidateEmailMessage::ThreadId)
                    .string()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CandidateEmailMessage::IsPrivate)
                    .boolean()
                    .not_null(),
            )
            .col(ColumnDef::new(CandidateEmailMessage::UserId).uuid().null())
            .col(
                ColumnDef::new(CandidateEmailMessage::UserIsSender)
                    .boolean()
                    .not_null(),
            )
            .foreign_key(&mut foreign_key(
                "candidate_email_message",
                "candidate_id",
                "candidate",
            ));
        create_synced(manager, "candidate_email_message", email).await?;
        manager
            .create_index(
                index(
                    "candidate_email_message",
                    "provider_id",
                    &["api_key_id", "email_provider_email_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;

        let mut client_info = synced_table(CandidateClientInfo::Table);
        client_info
            .col(
                ColumnDef::new(CandidateClientInfo::CandidateId)
                    .uuid()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CandidateClientInfo::IpAddress)
                    .string()
                    .not_null(),
            )
            .col(ColumnDef::new(CandidateClientInfo::UserAgent).text().null())
            .col(
                ColumnDef::new(CandidateClientInfo::RelatedEntityType)
                    .string()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CandidateClientInfo::RelatedEntityId)
                    .uuid()
                    .not_null(),
            )
            .foreign_key(&mut foreign_key(
                "candidate_client_info",
                "candidate_id",
                "candidate",
            ));
        create_synced(manager, "candidate_client_info", client_info).await?;
        manager
            .create_index(index(
                "candidate_client_info",
                "candidate",
                &["candidate_id"],
            ))
            .await?;

        let mut fraud = synced_table(CandidateFraudCheck::Table);
        fraud
            .col(
                ColumnDef::new(CandidateFraudCheck::CandidateId)
                    .uuid()
                    .not_null(),
            )
            .col(
                ColumnDef::new(CandidateFraudCheck::ApplicationId)
                    .uuid()
                    .null(),
            )
            .col(
                ColumnDef::new(CandidateFraudCheck::FraudSignals)
                    .json()
                    .not_null(),
            )
            .foreign_key(&mut foreign_key(
                "candidate_fraud_check",
                "candidate_id",
                "candidate",
            ));
        create_synced(manager, "candidate_fraud_check", fraud).await?;
        manager
            .create_index(index(
                "candidate_fraud_check",
                "candidate",
                &["candidate_id"],
            ))
            .await?;

        let mut file = synced_table(StoredFile::Table);
        file.col(ColumnDef::new(StoredFile::CandidateId).uuid().null())
            .col(ColumnDef::new(StoredFile::Name).string().not_null())
            .col(ColumnDef::new(StoredFile::ContentType).string().not_null())
            .col(
                ColumnDef::new(StoredFile::SizeBytes)
                    .big_integer()
                    .not_null(),
            )
            .col(ColumnDef::new(StoredFile::Context).string().not_null())
            .col(
                ColumnDef::new(StoredFile::UploadedAt)
                    .timestamp_with_time_zone()
                    .null(),
            )
            .foreign_key(&mut foreign_key("stored_file", "candidate_id", "candidate"));
        create_synced(manager, "stored_file", file).await?;
        manager
            .create_index(index("stored_file", "candidate", &["candidate_id"]))
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "migrations are additive; restore a backup instead".into(),
        ))
    }
}
