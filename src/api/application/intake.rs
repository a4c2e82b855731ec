//! New people arriving with an application (referrals, career-site forms): found by
//! email among the candidates the caller may see, or created.

use crate::api::candidate;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::candidates::{self, Contact};
use crate::store::entities::{candidate as candidate_e, source};
use crate::store::WriteTxn;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::Value;
use uuid::Uuid;

pub const NAME: &str = "_systemfield_name";
pub const EMAIL: &str = "_systemfield_email";
pub const PHONE: &str = "_systemfield_phone";

/// A text answer, trimmed; `None` when absent or blank.
pub fn text<'a>(values: &'a Value, path: &str) -> Option<&'a str> {
    values
        .get(path)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The oldest visible candidate with the form's email, or a new one with its name,
/// email and phone.
pub async fn find_or_create_candidate(
    write: &WriteTxn,
    caller: &Caller,
    values: &Value,
) -> Result<Uuid, ApiError> {
    let email = text(values, EMAIL);
    if let Some(email) = email {
        let existing = candidates::with_email(caller, email)
            .order_by_asc(candidate_e::Column::CreatedAt)
            .one(&write.txn)
            .await?;
        if let Some(found) = existing {
            return Ok(found.id);
        }
    }
    let name = text(values, NAME)
        .ok_or_else(|| ApiError::invalid_input(format!("`{NAME}` (Name) is required")))?;
    let id = Uuid::now_v7();
    let mut row = candidate::blank(id, Utc::now(), write);
    row.name = Set(name.to_string());
    row.name_lower = Set(name.to_lowercase());
    row.insert(&write.txn).await?;
    let contact = |value: &str| Contact {
        value: value.to_string(),
        contact_type: "Personal".into(),
        is_primary: true,
    };
    let emails: Vec<Contact> = email.map(contact).into_iter().collect();
    let phones: Vec<Contact> = text(values, PHONE).map(contact).into_iter().collect();
    candidates::replace_contacts(&write.txn, id, &emails, &phones).await?;
    Ok(id)
}

/// The organisation's active source with this title, if any.
pub async fn source_titled<C: ConnectionTrait>(
    db: &C,
    title: &str,
) -> Result<Option<Uuid>, ApiError> {
    Ok(source::Entity::find()
        .filter(source::Column::Title.eq(title))
        .filter(source::Column::IsArchived.eq(false))
        .order_by_asc(source::Column::CreatedAt)
        .one(db)
        .await?
        .map(|s| s.id))
}
