//! `candidate.anonymize`: personal data removed for good, the record kept.

use super::{load_for_write, respond, touched, ANONYMIZED_NAME};
use crate::api::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::{
    candidate_client_info, candidate_contact, candidate_email_message, candidate_note,
    custom_field_value, stored_file,
};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnonymizeRequest {
    #[serde(alias = "id")]
    candidate_id: Uuid,
}

/// `candidate.anonymize`: removes names, contact details, links, note and email
/// contents, client info, custom field values and files for good. The record, its dates, source, credit
/// and the count of notes and emails stay for statistics.
pub async fn anonymize(ctx: Ctx, req: AnonymizeRequest) -> Result<Reply, ApiError> {
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    let current = load_for_write(&write, &ctx.caller, req.candidate_id).await?;
    let id = current.id;
    let txn = &write.txn;
    let files: Vec<Uuid> = stored_file::Entity::find()
        .select_only()
        .column(stored_file::Column::Id)
        .filter(stored_file::Column::CandidateId.eq(id))
        .into_tuple()
        .all(txn)
        .await?;
    stored_file::Entity::delete_many()
        .filter(stored_file::Column::CandidateId.eq(id))
        .exec(txn)
        .await?;
    candidate_contact::Entity::delete_many()
        .filter(candidate_contact::Column::CandidateId.eq(id))
        .exec(txn)
        .await?;
    candidate_client_info::Entity::delete_many()
        .filter(candidate_client_info::Column::CandidateId.eq(id))
        .exec(txn)
        .await?;
    // Custom field values are free text as often as not.
    custom_field_value::Entity::delete_many()
        .filter(custom_field_value::Column::ObjectId.eq(id))
        .exec(txn)
        .await?;
    candidate_note::Entity::update_many()
        .col_expr(candidate_note::Column::Content, Expr::value(""))
        .col_expr(candidate_note::Column::UpdatedAt, Expr::value(now))
        .col_expr(candidate_note::Column::ChangeSeq, Expr::value(write.change))
        .filter(candidate_note::Column::CandidateId.eq(id))
        .exec(txn)
        .await?;
    use candidate_email_message::Column as Email;
    candidate_email_message::Entity::update_many()
        .col_expr(Email::Subject, Expr::value(""))
        .col_expr(Email::FromAddress, Expr::value(""))
        .col_expr(Email::ToAddress, Expr::value(""))
        .col_expr(Email::Body, Expr::value(Option::<String>::None))
        .col_expr(Email::Cc, Expr::value(Option::<String>::None))
        .col_expr(Email::MessageUrl, Expr::value(Option::<String>::None))
        .col_expr(Email::MessageIdHeader, Expr::value(Option::<String>::None))
        .col_expr(Email::UpdatedAt, Expr::value(now))
        .col_expr(Email::ChangeSeq, Expr::value(write.change))
        .filter(Email::CandidateId.eq(id))
        .exec(txn)
        .await?;
    let mut row = touched(current, now, &write);
    row.name = Set(ANONYMIZED_NAME.into());
    row.name_lower = Set(ANONYMIZED_NAME.to_lowercase());
    row.social_links = Set(Value::Array(Vec::new()));
    row.position = Set(None);
    row.company = Set(None);
    row.school = Set(None);
    row.timezone = Set(None);
    row.location = Set(None);
    row.external_mapping_id = Set(None);
    row.resume_file_id = Set(None);
    row.anonymized_at = Set(Some(now));
    row.update(txn).await?;
    write.commit().await?;
    // The rows are gone; now the bytes. A failure here leaves an unreachable file.
    let store = ctx.state.files();
    for file in files {
        if let Err(err) = store.remove(file).await {
            tracing::warn!(%file, error = %err, "could not remove an anonymized candidate's file");
        }
    }
    respond(&ctx, id).await
}
