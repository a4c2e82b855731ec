//! The demo organisation `serve --demo` loads into an empty database.

use crate::auth::permissions::all_grants;
use crate::auth::secret;
use crate::store::api_keys::NewKey;
use crate::store::Store;

pub struct Demo {
    /// A key with every permission and both flags, shown once.
    pub api_key: String,
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
    store.insert_key(&key, &api_key, chrono::Utc::now()).await?;
    Ok(Some(Demo { api_key }))
}
