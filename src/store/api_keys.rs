//! Queries on API keys.

use super::entities::api_key::{self, Entity as ApiKeys};
use super::Store;
use crate::auth::permissions::Grant;
use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use std::collections::BTreeSet;
use uuid::Uuid;

/// An API key as the rest of the server sees it: grants parsed, secret absent.
#[derive(Clone, Debug)]
pub struct KeyRecord {
    pub id: Uuid,
    pub title: String,
    pub prefix: String,
    pub grants: BTreeSet<Grant>,
    pub allow_confidential: bool,
    pub allow_private_fields: bool,
    pub allow_update_history: bool,
    pub ip_allowlist: Vec<ipnet::IpNet>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub deactivated_at: Option<DateTime<Utc>>,
    pub retires_at: Option<DateTime<Utc>>,
    /// The key that took over when this one was rotated.
    pub replaced_by: Option<Uuid>,
}

/// What an admin may change on an existing key.
#[derive(Clone, Debug, Default)]
pub struct KeyEdit {
    pub title: String,
    pub grants: BTreeSet<Grant>,
    pub allow_confidential: bool,
    pub allow_private_fields: bool,
    pub allow_update_history: bool,
    pub ip_allowlist: Vec<ipnet::IpNet>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// What a new key is made of.
#[derive(Clone, Debug, Default)]
pub struct NewKey {
    pub title: String,
    pub grants: BTreeSet<Grant>,
    pub allow_confidential: bool,
    pub allow_private_fields: bool,
    pub allow_update_history: bool,
    pub ip_allowlist: Vec<ipnet::IpNet>,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_by: String,
}

impl From<api_key::Model> for KeyRecord {
    fn from(m: api_key::Model) -> Self {
        // Both columns are written only by `insert` below, from typed values.
        let grants: Vec<String> = serde_json::from_str(&m.grants).unwrap_or_default();
        let nets: Vec<String> = m
            .ip_allowlist
            .as_deref()
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default();
        KeyRecord {
            id: m.id,
            title: m.title,
            prefix: m.prefix,
            grants: grants.iter().filter_map(|g| g.parse().ok()).collect(),
            allow_confidential: m.allow_confidential,
            allow_private_fields: m.allow_private_fields,
            allow_update_history: m.allow_update_history,
            ip_allowlist: nets.iter().filter_map(|n| n.parse().ok()).collect(),
            created_at: m.created_at,
            created_by: m.created_by,
            last_used_at: m.last_used_at,
            expires_at: m.expires_at,
            deactivated_at: m.deactivated_at,
            retires_at: m.retires_at,
            replaced_by: m.replaced_by,
        }
    }
}

fn grants_json(grants: &BTreeSet<Grant>) -> String {
    let scopes: Vec<String> = grants.iter().map(Grant::to_string).collect();
    serde_json::Value::from(scopes).to_string()
}

fn allowlist_json(nets: &[ipnet::IpNet]) -> Option<String> {
    if nets.is_empty() {
        return None;
    }
    let nets: Vec<String> = nets.iter().map(ToString::to_string).collect();
    Some(serde_json::Value::from(nets).to_string())
}

impl Store {
    /// Stores a new key under the hash of `secret`; the secret itself is not kept.
    pub async fn insert_key(
        &self,
        key: &NewKey,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<KeyRecord, DbErr> {
        let write = self.write().await?;
        let model = insert_key_row(&write.txn, key, secret, now).await?;
        write.commit().await?;
        Ok(model.into())
    }

    pub async fn key_by_hash(&self, hash: &str) -> Result<Option<KeyRecord>, DbErr> {
        Ok(ApiKeys::find()
            .filter(api_key::Column::SecretHash.eq(hash))
            .one(self.reader())
            .await?
            .map(Into::into))
    }

    pub async fn key_by_id(&self, id: Uuid) -> Result<Option<KeyRecord>, DbErr> {
        Ok(ApiKeys::find_by_id(id)
            .one(self.reader())
            .await?
            .map(Into::into))
    }

    /// Keys by id, in one query; missing ids are left out.
    pub async fn keys_by_ids(&self, ids: &[Uuid]) -> Result<Vec<KeyRecord>, DbErr> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(ApiKeys::find()
            .filter(api_key::Column::Id.is_in(ids.iter().copied()))
            .all(self.reader())
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    pub async fn list_keys(&self) -> Result<Vec<KeyRecord>, DbErr> {
        Ok(ApiKeys::find()
            .order_by_asc(api_key::Column::CreatedAt)
            .order_by_asc(api_key::Column::Id)
            .all(self.reader())
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Deactivates a key for good. Returns false when no such key exists.
    pub async fn deactivate_key(&self, id: Uuid, now: DateTime<Utc>) -> Result<bool, DbErr> {
        let write = self.write().await?;
        let result = ApiKeys::update_many()
            .col_expr(api_key::Column::DeactivatedAt, Expr::value(now))
            .col_expr(api_key::Column::UpdatedAt, Expr::value(now))
            .filter(api_key::Column::Id.eq(id))
            .filter(api_key::Column::DeactivatedAt.is_null())
            .exec(&write.txn)
            .await?;
        write.commit().await?;
        Ok(result.rows_affected > 0 || self.key_by_id(id).await?.is_some())
    }

    /// Applies an admin's edit; `Ok(None)` when the key does not exist or is deactivated.
    pub async fn update_key(
        &self,
        id: Uuid,
        edit: &KeyEdit,
        now: DateTime<Utc>,
    ) -> Result<Option<KeyRecord>, DbErr> {
        let write = self.write().await?;
        let Some(current) = ApiKeys::find_by_id(id).one(&write.txn).await? else {
            return Ok(None);
        };
        if current.deactivated_at.is_some() {
            return Ok(None);
        }
        let mut model: api_key::ActiveModel = current.into();
        model.title = Set(edit.title.clone());
        model.grants = Set(grants_json(&edit.grants));
        model.allow_confidential = Set(edit.allow_confidential);
        model.allow_private_fields = Set(edit.allow_private_fields);
        model.allow_update_history = Set(edit.allow_update_history);
        model.ip_allowlist = Set(allowlist_json(&edit.ip_allowlist));
        model.expires_at = Set(edit.expires_at);
        model.updated_at = Set(now);
        let model = model.update(&write.txn).await?;
        write.commit().await?;
        Ok(Some(model.into()))
    }

    /// Rotates a key: a new key under `secret` with the same grants, flags and limits,
    /// while the old one keeps working until `retires_at`. `Ok(None)` when the key does
    /// not exist, is deactivated or was already rotated.
    pub async fn rotate_key(
        &self,
        id: Uuid,
        secret: &str,
        retires_at: DateTime<Utc>,
        created_by: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<KeyRecord>, DbErr> {
        let write = self.write().await?;
        let Some(old) = ApiKeys::find_by_id(id).one(&write.txn).await? else {
            return Ok(None);
        };
        if old.deactivated_at.is_some() || old.replaced_by.is_some() {
            return Ok(None);
        }
        let old_record = KeyRecord::from(old.clone());
        let successor = NewKey {
            title: old_record.title.clone(),
            grants: old_record.grants.clone(),
            allow_confidential: old_record.allow_confidential,
            allow_private_fields: old_record.allow_private_fields,
            allow_update_history: old_record.allow_update_history,
            ip_allowlist: old_record.ip_allowlist.clone(),
            expires_at: old_record.expires_at,
            created_by: created_by.to_string(),
        };
        let new = insert_key_row(&write.txn, &successor, secret, now).await?;
        let mut old: api_key::ActiveModel = old.into();
        old.retires_at = Set(Some(retires_at));
        old.replaced_by = Set(Some(new.id));
        old.updated_at = Set(now);
        old.update(&write.txn).await?;
        write.commit().await?;
        Ok(Some(new.into()))
    }

    /// Records when keys were last used, in one transaction for a whole batch.
    pub async fn record_keys_last_used(&self, used: &[(Uuid, DateTime<Utc>)]) -> Result<(), DbErr> {
        if used.is_empty() {
            return Ok(());
        }
        let txn = sea_orm::TransactionTrait::begin(&self.writer).await?;
        for (id, at) in used {
            ApiKeys::update_many()
                .col_expr(api_key::Column::LastUsedAt, Expr::value(*at))
                .filter(api_key::Column::Id.eq(*id))
                .exec(&txn)
                .await?;
        }
        txn.commit().await
    }
}

async fn insert_key_row(
    txn: &impl sea_orm::ConnectionTrait,
    key: &NewKey,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<api_key::Model, DbErr> {
    api_key::ActiveModel {
        id: Set(Uuid::now_v7()),
        title: Set(key.title.clone()),
        prefix: Set(crate::auth::secret::visible_prefix(secret)),
        secret_hash: Set(crate::auth::secret::hash(secret)),
        grants: Set(grants_json(&key.grants)),
        allow_confidential: Set(key.allow_confidential),
        allow_private_fields: Set(key.allow_private_fields),
        allow_update_history: Set(key.allow_update_history),
        ip_allowlist: Set(allowlist_json(&key.ip_allowlist)),
        created_at: Set(now),
        created_by: Set(key.created_by.clone()),
        last_used_at: Set(None),
        expires_at: Set(key.expires_at),
        deactivated_at: Set(None),
        retires_at: Set(None),
        replaced_by: Set(None),
        updated_at: Set(now),
    }
    .insert(txn)
    .await
}
