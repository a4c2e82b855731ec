//! The demo organisation's people and places: departments, locations, users.

use crate::store::entities::{department, location};
use crate::store::users::{add_user, AddUserError, NewUser};
use crate::store::WriteTxn;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DbErr, Set};
use serde_json::json;
use uuid::Uuid;

/// Ids later demo steps hang their data on.
pub struct Organization {
    pub departments: Vec<Uuid>,
    pub locations: Vec<Uuid>,
    pub users: Vec<Uuid>,
}

const DEPARTMENTS: [(&str, Option<usize>); 6] = [
    ("Engineering", None),
    ("Platform", Some(0)),
    ("Product & Design", None),
    ("Sales", None),
    ("Customer Success", Some(3)),
    ("People", None),
];

const LOCATIONS: [(&str, &str, &str, &str); 5] = [
    ("San Francisco", "US", "California", "OnSite"),
    ("New York", "US", "New York", "Hybrid"),
    ("London", "GB", "England", "Hybrid"),
    ("Berlin", "DE", "Berlin", "OnSite"),
    ("Remote (Americas)", "US", "", "Remote"),
];

const USERS: [(&str, &str, &str); 12] = [
    ("Avery", "Chen", "Organization Admin"),
    ("Jordan", "Okafor", "Elevated Access"),
    ("Priya", "Raman", "Elevated Access"),
    ("Mateo", "García", "Limited Access"),
    ("Sofia", "Lindqvist", "Limited Access"),
    ("Kenji", "Watanabe", "Limited Access"),
    ("Amara", "Nwosu", "Elevated Access"),
    ("Lucas", "Moreau", "Limited Access"),
    ("Hannah", "Schmidt", "Limited Access"),
    ("Diego", "Santos", "Limited Access"),
    ("Grace", "Kim", "Elevated Access"),
    ("Omar", "Haddad", "External Recruiter"),
];

pub async fn load(write: &WriteTxn, now: DateTime<Utc>) -> Result<Organization, DbErr> {
    let mut departments: Vec<Uuid> = Vec::new();
    for (name, parent) in DEPARTMENTS {
        let id = Uuid::now_v7();
        department::ActiveModel {
            id: Set(id),
            created_at: Set(now),
            updated_at: Set(now),
            change_seq: Set(write.change),
            name: Set(name.into()),
            external_name: Set(None),
            is_archived: Set(false),
            parent_id: Set(parent.map(|i| departments[i])),
            extra_data: Set(None),
        }
        .insert(&write.txn)
        .await?;
        departments.push(id);
    }
    let mut locations = Vec::new();
    for (name, country, region, workplace) in LOCATIONS {
        let id = Uuid::now_v7();
        location::ActiveModel {
            id: Set(id),
            created_at: Set(now),
            updated_at: Set(now),
            change_seq: Set(write.change),
            name: Set(name.into()),
            external_name: Set(None),
            is_archived: Set(false),
            address: Set(Some(json!({"postalAddress": {
                "addressCountry": country, "addressRegion": region, "addressLocality": name
            }}))),
            workplace_type: Set(Some(workplace.into())),
            parent_location_id: Set(None),
            location_type: Set("Location".into()),
            extra_data: Set(None),
        }
        .insert(&write.txn)
        .await?;
        locations.push(id);
    }
    let mut users = Vec::new();
    for (first, last, role) in USERS {
        let email = format!(
            "{}.{}@example.com",
            first.to_lowercase(),
            last.to_lowercase()
        )
        .replace('í', "i");
        let added = add_user(
            write,
            NewUser {
                first_name: first.into(),
                last_name: last.into(),
                email,
                global_role: role.into(),
                manager_id: users.first().copied(),
            },
            now,
        )
        .await
        .map_err(|err| match err {
            AddUserError::Db(db) => db,
            other => DbErr::Custom(other.to_string()),
        })?;
        users.push(added.id);
    }
    Ok(Organization {
        departments,
        locations,
        users,
    })
}
