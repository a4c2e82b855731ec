//! The demo organisation `serve --demo` loads into an empty database. Each area of
//! the product adds its part in its own file, called from `load_if_empty` in order.

mod jobs;
mod organization;

use crate::auth::permissions::all_grants;
use crate::auth::secret;
use crate::store::api_keys::NewKey;
use crate::store::Store;

pub struct Demo {
    /// A key with every permission and both flags, shown once.
    pub api_key: String,
    /// What was loaded, in a line or a few.
    pub summary: Vec<String>,
}

/// Loads the demo data when the database holds no keys yet.
pub async fn load_if_empty(store: &Store) -> anyhow::Result<Option<Demo>> {
    if !store.list_keys().await?.is_empty() {
        return Ok(None);
    }
    let api_key = secret::generate();
    let key = NewKey {
        title: "Demo key (every permission)".into(),
        grants: all_grants().into_iter().collect(),
        allow_confidential: true,
        allow_private_fields: true,
        allow_update_history: true,
        created_by: "demo".into(),
        ..NewKey::default()
    };
    let now = chrono::Utc::now();
    let write = store.write().await?;
    let org = organization::load(&write, now).await?;
    let hiring = jobs::load(&write, &org, now).await?;
    let summary = vec![
        format!(
            "{} departments, {} locations, {} users",
            org.departments.len(),
            org.locations.len(),
            org.users.len()
        ),
        format!(
            "{} jobs ({} open, one confidential) on {} interview plans, {} openings, \
             postings at /posting-api/job-board/{}",
            hiring.jobs, hiring.open_jobs, hiring.plans, hiring.openings, hiring.board
        ),
    ];
    write.commit().await?;
    store.insert_key(&key, &api_key, now).await?;
    Ok(Some(Demo { api_key, summary }))
}
