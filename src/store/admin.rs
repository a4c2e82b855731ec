//! Admin accounts, their sessions, and the append-only audit log.

use super::entities::admin_account::{self, Entity as Accounts};
use super::entities::admin_audit::{self, Entity as Audit};
use super::entities::admin_session::{self, Entity as Sessions};
use super::Store;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use uuid::Uuid;

/// A signed-in admin, as a session resolves to.
#[derive(Clone, Debug)]
pub struct Admin {
    pub id: Uuid,
    pub email: String,
}

/// One audit entry to append.
#[derive(Clone, Debug)]
pub struct AuditEntry {
    pub actor: String,
    pub action: &'static str,
    pub key_id: Option<Uuid>,
    pub detail: String,
    pub client_addr: Option<String>,
}

pub use admin_audit::Model as AuditRow;

impl Store {
    pub async fn admin_count(&self) -> Result<u64, DbErr> {
        Accounts::find().count(self.reader()).await
    }

    /// Creates an admin; `Ok(None)` when the email is taken.
    pub async fn insert_admin(
        &self,
        email: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Admin>, DbErr> {
        let email = email.trim().to_lowercase();
        let txn = self.writer.begin().await?;
        let taken = Accounts::find()
            .filter(admin_account::Column::Email.eq(&email))
            .one(&txn)
            .await?
            .is_some();
        if taken {
            return Ok(None);
        }
        let model = admin_account::ActiveModel {
            id: Set(Uuid::now_v7()),
            email: Set(email),
            password_hash: Set(password_hash.to_string()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        Ok(Some(Admin {
            id: model.id,
            email: model.email,
        }))
    }

    /// The admin and their password hash, by email (case-insensitive).
    pub async fn admin_by_email(&self, email: &str) -> Result<Option<(Admin, String)>, DbErr> {
        Ok(Accounts::find()
            .filter(admin_account::Column::Email.eq(email.trim().to_lowercase()))
            .one(self.reader())
            .await?
            .map(|m| {
                (
                    Admin {
                        id: m.id,
                        email: m.email,
                    },
                    m.password_hash,
                )
            }))
    }

    pub async fn insert_session(
        &self,
        admin_id: Uuid,
        token_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        let txn = self.writer.begin().await?;
        // Expired sessions go on the way, so the table stays small.
        Sessions::delete_many()
            .filter(admin_session::Column::ExpiresAt.lte(now))
            .exec(&txn)
            .await?;
        admin_session::ActiveModel {
            id: Set(Uuid::now_v7()),
            token_hash: Set(token_hash.to_string()),
            admin_id: Set(admin_id),
            created_at: Set(now),
            expires_at: Set(expires_at),
        }
        .insert(&txn)
        .await?;
        txn.commit().await
    }

    /// The admin a live session belongs to.
    pub async fn admin_by_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Admin>, DbErr> {
        let Some(session) = Sessions::find()
            .filter(admin_session::Column::TokenHash.eq(token_hash))
            .filter(admin_session::Column::ExpiresAt.gt(now))
            .one(self.reader())
            .await?
        else {
            return Ok(None);
        };
        Ok(Accounts::find_by_id(session.admin_id)
            .one(self.reader())
            .await?
            .map(|m| Admin {
                id: m.id,
                email: m.email,
            }))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), DbErr> {
        Sessions::delete_many()
            .filter(admin_session::Column::TokenHash.eq(token_hash))
            .exec(&self.writer)
            .await?;
        Ok(())
    }

    /// Appends to the audit log. There is no way to change or remove an entry.
    pub async fn append_audit(&self, entry: AuditEntry, now: DateTime<Utc>) -> Result<(), DbErr> {
        admin_audit::ActiveModel {
            id: Set(Uuid::now_v7()),
            at: Set(now),
            actor: Set(entry.actor),
            action: Set(entry.action.to_string()),
            key_id: Set(entry.key_id),
            detail: Set(entry.detail),
            client_addr: Set(entry.client_addr),
        }
        .insert(&self.writer)
        .await?;
        Ok(())
    }

    /// The newest audit entries, older than `before` when given (ids are UUIDv7).
    pub async fn audit_page(
        &self,
        before: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<AuditRow>, DbErr> {
        let mut query = Audit::find();
        if let Some(before) = before {
            query = query.filter(admin_audit::Column::Id.lt(before));
        }
        query
            .order_by_desc(admin_audit::Column::Id)
            .limit(limit)
            .all(self.reader())
            .await
    }

    /// Audit entries about one key, newest first.
    pub async fn audit_for_key(&self, key_id: Uuid, limit: u64) -> Result<Vec<AuditRow>, DbErr> {
        Audit::find()
            .filter(admin_audit::Column::KeyId.eq(key_id))
            .order_by_desc(admin_audit::Column::Id)
            .limit(limit)
            .all(self.reader())
            .await
    }
}
