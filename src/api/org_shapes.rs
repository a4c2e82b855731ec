//! How the organisation's users and locations look when nested in jobs, postings
//! and hiring teams (Ashby's User and Location objects).

use super::time;
use crate::store::entities::{location, user};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub global_role: String,
    pub is_enabled: bool,
    #[serde(serialize_with = "time::serialize")]
    pub updated_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager_id: Option<Uuid>,
}

impl From<&user::Model> for UserView {
    fn from(u: &user::Model) -> Self {
        UserView {
            id: u.id,
            first_name: u.first_name.clone(),
            last_name: u.last_name.clone(),
            email: u.email.clone(),
            global_role: u.global_role.clone(),
            is_enabled: u.is_enabled,
            updated_at: u.updated_at,
            manager_id: u.manager_id,
        }
    }
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocationView {
    pub id: Uuid,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_name: Option<String>,
    pub is_archived: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Value>,
    pub is_remote: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workplace_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_location_id: Option<Uuid>,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra_data: Option<Value>,
}

impl From<&location::Model> for LocationView {
    fn from(l: &location::Model) -> Self {
        LocationView {
            id: l.id,
            name: l.name.clone(),
            external_name: l.external_name.clone(),
            is_archived: l.is_archived,
            address: l.address.clone(),
            is_remote: l.workplace_type.as_deref() == Some("Remote"),
            workplace_type: l.workplace_type.clone(),
            parent_location_id: l.parent_location_id,
            kind: l.location_type.clone(),
            extra_data: l.extra_data.clone(),
        }
    }
}
