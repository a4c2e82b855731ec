//! Users: adding members to the organisation (the demo and `ashlar user create`).

use super::entities::user::{self, Entity as Users};
use super::WriteTxn;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// The global roles Ashby knows, in order of reach.
pub const GLOBAL_ROLES: [&str; 4] = [
    "Organization Admin",
    "Elevated Access",
    "Limited Access",
    "External Recruiter",
];

/// What a new user is made of.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub global_role: String,
    pub manager_id: Option<Uuid>,
}

/// Why a user could not be added.
#[derive(Debug, thiserror::Error)]
pub enum AddUserError {
    #[error("a user with the email {0} already exists")]
    EmailTaken(String),
    #[error("unknown role `{0}`: use one of {roles}", roles = GLOBAL_ROLES.join(", "))]
    UnknownRole(String),
    #[error("`{0}` is not an email address")]
    InvalidEmail(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Adds an enabled user inside `write`; emails are unique whatever their case.
pub async fn add_user(
    write: &WriteTxn,
    new: NewUser,
    now: DateTime<Utc>,
) -> Result<user::Model, AddUserError> {
    let email = new.email.trim().to_string();
    if !looks_like_email(&email) {
        return Err(AddUserError::InvalidEmail(email));
    }
    if !GLOBAL_ROLES.contains(&new.global_role.as_str()) {
        return Err(AddUserError::UnknownRole(new.global_role));
    }
    let email_lower = email.to_lowercase();
    let taken = Users::find()
        .filter(user::Column::EmailLower.eq(email_lower.clone()))
        .one(&write.txn)
        .await?;
    if taken.is_some() {
        return Err(AddUserError::EmailTaken(email));
    }
    let row = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        first_name: Set(new.first_name),
        last_name: Set(new.last_name),
        email: Set(email),
        email_lower: Set(email_lower),
        global_role: Set(new.global_role),
        is_enabled: Set(true),
        manager_id: Set(new.manager_id),
        interviewer_daily_limit: Set(None),
        interviewer_weekly_limit: Set(None),
    }
    .insert(&write.txn)
    .await?;
    Ok(row)
}

fn looks_like_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}
