//! The demo organisation `serve --demo` loads into an empty database. Each area of
//! the product adds its part in its own file, called from `load_if_empty` in order.

pub mod applications;
mod candidate_links;
mod candidates;
mod hiring_process;
mod jobs;
mod organization;

pub use candidates::person_name;

use crate::auth::permissions::all_grants;
use crate::auth::secret;
use crate::store::api_keys::NewKey;
use crate::store::files::FileStore;
use crate::store::Store;

pub struct Demo {
    /// A key with every permission and both flags, shown once.
    pub api_key: String,
    /// The demo admin of the web app at /admin: email and password, shown once.
    pub admin_email: String,
    pub admin_password: String,
    /// What was loaded, in a line or a few.
    pub summary: Vec<String>,
}

/// Loads the demo data when the database holds no keys yet.
pub async fn load_if_empty(
    store: &Store,
    data_dir: &std::path::Path,
) -> anyhow::Result<Option<Demo>> {
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
    let mut summary = vec![format!(
        "{} departments, {} locations, {} users",
        org.departments.len(),
        org.locations.len(),
        org.users.len()
    )];
    let hiring = hiring_process::load(&write, now, &org).await?;
    summary.push(format!(
        "{} candidate tags, {} custom fields, {} interviewer pools, {} forms",
        hiring.tags, hiring.custom_fields, hiring.pools, hiring.forms
    ));
    let jobs = jobs::load(&write, &org, now).await?;
    summary.push(format!(
        "{} jobs ({} open, one confidential) on {} interview plans, {} openings, \
         postings at /posting-api/job-board/{}",
        jobs.jobs, jobs.open_jobs, jobs.plans, jobs.openings, jobs.board
    ));
    let candidates = candidates::load(&write, &FileStore::new(data_dir), &org, now).await?;
    summary.push(format!(
        "{} candidates, {} notes, {} resumes",
        candidates.ids.len(),
        candidates.notes,
        candidates.resumes
    ));
    summary.push(candidate_links::load(&write, &candidates.ids, now).await?);
    let apps = applications::load(&write, &candidates.ids, now).await?;
    summary.push(format!(
        "{} applications ({} archived), {} feedback submissions",
        apps.applications, apps.archived, apps.feedback
    ));
    write.commit().await?;
    store.insert_key(&key, &api_key, now).await?;
    let admin_email = "admin@demo.ashlar".to_string();
    let admin_password = crate::admin::password::random_password();
    let hash = crate::admin::password::hash(admin_password.clone()).await?;
    store.insert_admin(&admin_email, &hash, now).await?;
    Ok(Some(Demo {
        api_key,
        admin_email,
        admin_password,
        summary,
    }))
}
